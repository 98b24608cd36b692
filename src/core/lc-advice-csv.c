/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-advice-csv"

#include "config.h"

#include <string.h>

#include "lc-advice-csv.h"

/* Quoted when it needs to be; a leading or trailing space too, which
 * spreadsheets would drop. */
static void
append_field (GString    *out,
                     const char *field)
{
  if (field == NULL)
    return;
  if (strpbrk (field, ",\"\r\n") == NULL && field[0] != ' ' && (field[0] == '\0' || field[strlen (field) - 1] != ' '))
    {
      g_string_append (out, field);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = field; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

char *
lc_advice_to_csv (const LcAdvice *advice)
{
  GString *out = g_string_new ("feature,verdict,first_reason,watch_metric,review_on\r\n");

  g_return_val_if_fail (advice != NULL, NULL);

  for (guint i = 0; i < advice->verdicts->len; i++)
    {
      const LcVerdict *v = g_ptr_array_index (advice->verdicts, i);
      g_autofree char *review = v->review_on != LC_DAY_NONE ? lc_day_format (v->review_on) : NULL;

      append_field (out, v->feature);
      g_string_append_c (out, ',');
      append_field (out, lc_verdict_kind_to_string (v->verdict));
      g_string_append_c (out, ',');
      if (v->reasons->len > 0)
        append_field (out, g_ptr_array_index (v->reasons, 0));
      g_string_append_c (out, ',');
      append_field (out, lc_metric_to_string (v->watch_metric));
      g_string_append_c (out, ',');
      append_field (out, review);
      g_string_append (out, "\r\n");
    }
  return g_string_free (out, FALSE);
}

gboolean
lc_advice_write_csv (const LcAdvice *advice,
                     const char     *path,
                     GError        **error)
{
  g_autofree char *csv = lc_advice_to_csv (advice);

  return g_file_set_contents (path, csv, -1, error);
}
