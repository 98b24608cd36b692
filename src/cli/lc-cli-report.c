/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liftcheck-cli"

#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>

#include "lc-chart.h"
#include "lc-cli-private.h"
#include "lc-display.h"
#include "lc-report.h"

/* report STORE -o FILE.pdf */

static void
print_progress (double   fraction,
                gpointer user_data)
{
  /* TRANSLATORS: report progress, e.g. "Writing the report… 42%" */
  g_printerr ("\r");
  g_printerr (_("Writing the report… %d%%"), (int) (fraction * 100));
}

int
lc_cli_run_report (int    argc,
                   char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("STORE -o FILE.pdf — the consultant’s report as a PDF"));
  g_autoptr(GError) error = NULL;
  g_autoptr(LcStore) store = NULL;
  g_autofree char *output = NULL;
  g_autofree char *paper = NULL;
  g_autofree char *name = NULL;
  gboolean quiet = FALSE;
  gboolean show_progress;
  LcReportOptions options;
  int status;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF file to write"), N_("FILE") },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper, N_("a4 or letter (default: from your locale)"), N_("SIZE") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The store’s name on the cover (default: the file’s name)"), N_("NAME") },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Do not show progress"), NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("A cover with the store’s size, the headline numbers against last year, the charts, "
                                           "every feature’s verdict with its evidence and reasons, bundles, returns, the tests "
                                           "to run next and when to look again. No customer data."));
  if (!lc_cli_parse_options (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return lc_cli_usage_error (context, _("Give a store file."));
  if (output == NULL)
    return lc_cli_usage_error (context, _("Give the PDF file to write with -o FILE.pdf."));

  lc_report_options_init (&options);
  if (paper != NULL && !lc_paper_from_string (paper, &options.paper))
    return lc_cli_usage_error (context, _("--paper takes a4 or letter."));
  options.store_name = name;

  store = lc_cli_open_store (argv[1], FALSE, &error);
  if (store == NULL)
    return lc_cli_fail (error);

  show_progress = !quiet && isatty (fileno (stderr));
  if (!lc_report_write (store, output, &options, show_progress ? print_progress : NULL, NULL, NULL, &error))
    {
      if (show_progress)
        g_printerr ("\r\033[K");
      if (error->domain == LC_REPORT_ERROR)
        {
          g_printerr ("liftcheck-cli: %s\n", error->message);
          return EXIT_STORE;
        }
      return lc_cli_fail (error);
    }
  if (show_progress)
    g_printerr ("\r\033[K");
  return EXIT_OK;
}

/* chart STORE METRIC -o FILE.png|svg */

int
lc_cli_run_chart (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("STORE METRIC -o FILE.png|FILE.svg — draw a chart"));
  g_autoptr(GError) error = NULL;
  g_autoptr(LcStore) store = NULL;
  g_autoptr(LcSummary) s = NULL;
  g_autoptr(GArray) daily = NULL;
  g_autoptr(GArray) series = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(LcTimeChart) chart = NULL;
  g_autofree char *output = NULL;
  g_autofree char *by = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *lower = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *range = NULL;
  double width = 900, height = 360;
  gboolean dark = FALSE;
  LcChartFormat format;
  LcMetric metric;
  LcPeriod period = LC_PERIOD_WEEK;
  LcDay from, to;
  int status;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The file to write: .png or .svg"), N_("FILE") },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, N_("Period: day, week (the default) or month"), N_("PERIOD") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("First day, YYYY-MM-DD"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, N_("Last day, YYYY-MM-DD"), N_("DATE") },
    { "width", 0, 0, G_OPTION_ARG_DOUBLE, &width, N_("Width in pixels (default 900)"), N_("W") },
    { "height", 0, 0, G_OPTION_ARG_DOUBLE, &height, N_("Height in pixels (default 360)"), N_("H") },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, N_("Dark colours"), NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("METRIC is one of: revenue, orders, aov, upt, return-rate, sessions, conversion, rpv. "
                                            "The chart is the one the app shows, with the normal ups and downs shaded and the "
                                            "days features were switched on or off marked."));
  if (!lc_cli_parse_options (context, &argc, &argv, &status))
    return status;
  if (argc != 3)
    return lc_cli_usage_error (context, _("Give a store file and a metric."));
  if (!lc_metric_from_string (argv[2], &metric))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a metric Liftcheck can chart; use revenue, orders, aov, upt, return-rate, "
                                                    "sessions, conversion or rpv."),
                                                  argv[2]);

      return lc_cli_usage_error (context, message);
    }
  if (output == NULL)
    return lc_cli_usage_error (context, _("Give the file to write with -o FILE.png or -o FILE.svg."));
  lower = g_ascii_strdown (output, -1);
  if (g_str_has_suffix (lower, ".png"))
    format = LC_CHART_FORMAT_PNG;
  else if (g_str_has_suffix (lower, ".svg"))
    format = LC_CHART_FORMAT_SVG;
  else
    return lc_cli_usage_error (context, _("The file’s name must end in .png or .svg."));
  if (by != NULL && !lc_period_from_string (by, &period))
    return lc_cli_usage_error (context, _("--by takes day, week or month."));
  if (!(width >= 200 && width <= 10000 && height >= 120 && height <= 10000))
    return lc_cli_usage_error (context, _("--width takes 200 to 10000 pixels and --height 120 to 10000."));
  if (!lc_cli_parse_day (from_text, &from, &error) || !lc_cli_parse_day (to_text, &to, &error))
    return lc_cli_usage_error (context, error->message);

  store = lc_cli_open_store (argv[1], FALSE, &error);
  if (store == NULL)
    return lc_cli_fail (error);
  s = lc_store_compute_summary (store, &error);
  if (s == NULL)
    return lc_cli_fail (error);
  spans = lc_store_list_feature_spans (store, &error);
  if (spans == NULL)
    return lc_cli_fail (error);
  if (metric == LC_METRIC_SESSIONS || metric == LC_METRIC_CONVERSION || metric == LC_METRIC_RPV)
    series = lc_store_sessions_series (store, metric, period, from, to, &error);
  else
    {
      daily = lc_store_daily_totals (store, from, to, &error);
      if (daily != NULL)
        series = lc_series_from_daily (daily, metric, period,
                                       from != LC_DAY_NONE ? from : (s->has_orders ? s->first_day : LC_DAY_NONE),
                                       to != LC_DAY_NONE ? to : (s->has_orders ? s->last_day : LC_DAY_NONE),
                                       s->last_day, s->exponent);
    }
  if (series == NULL)
    return lc_cli_fail (error);
  if (series->len == 0)
    {
      g_printerr (_("liftcheck-cli: there is nothing to chart on those days.\n"));
      return EXIT_STORE;
    }

  range = lc_display_day (g_array_index (series, LcSeriesPoint, 0).start);
  {
    g_autofree char *last = lc_display_day (g_array_index (series, LcSeriesPoint, series->len - 1).end);

    /* TRANSLATORS: a chart's subtitle: "By week, 3 Nov 2025 to 26 Oct 2026" */
    subtitle = g_strdup_printf (period == LC_PERIOD_DAY ? _("By day, %s to %s")
                                : period == LC_PERIOD_MONTH ? _("By month, %s to %s")
                                : _("By week, %s to %s"),
                                range, last);
  }
  chart = lc_report_metric_chart (series, metric, period, s->currency, s->exponent, spans, NULL, subtitle);
  if (!lc_time_chart_write (chart, lc_chart_style_get (dark), format, width, height, 1, output, &error))
    {
      g_printerr ("liftcheck-cli: %s\n", error->message);
      return EXIT_STORE;
    }
  return EXIT_OK;
}
