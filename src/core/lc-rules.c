/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-rules"

#include "config.h"

#include <stddef.h>
#include <string.h>

#include <gio/gio.h>

#include "lc-core-resources.h"
#include "lc-rules.h"

#define RULES_RESOURCE "/io/github/liftcheck/Liftcheck/core/lc-rules.ini"
#define RULES_GROUP    "thresholds"

static const struct
{
  const char *name;
  gsize       offset;
} fields[] = {
#define FIELD(name) { #name, offsetof (LcRules, name) }
  FIELD (tier_2m),
  FIELD (tier_5m),
  FIELD (tier_10m),
  FIELD (bundles_min_skus),
  FIELD (bundles_review_days),
  FIELD (nudges_min_months),
  FIELD (nudges_min_orders_per_month),
  FIELD (risk_flag_rate),
  FIELD (email_min_share),
  FIELD (retention_min_customers),
  FIELD (retention_min_days),
  FIELD (retention_recent_days),
  FIELD (retention_repeat_orders),
  FIELD (rule_90_days),
  FIELD (measurable_weeks),
  FIELD (detect_lift),
  FIELD (non_incremental_share),
  FIELD (offtest_days),
  FIELD (offtest_drop),
  FIELD (evaluation_window_days),
#undef FIELD
};

static double *
field_ptr (LcRules *rules,
           guint    i)
{
  return (double *) ((char *) rules + fields[i].offset);
}

static gboolean
parse_number (const char *text,
              double     *out)
{
  char *end = NULL;
  double value;

  if (text == NULL || *text == '\0')
    return FALSE;
  value = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !(value >= 0))
    return FALSE;
  *out = value;
  return TRUE;
}

/* The core's resource, asked for once. GLib (2.74) registers static
 * resources on first use without making a second thread that asks at the
 * same time wait: it gets NULL. The report reads the store from three
 * threads at once, each loading the rules. */
static GResource *
core_resource (void)
{
  static GResource *resource;

  if (g_once_init_enter (&resource))
    g_once_init_leave (&resource, lc_core_get_resource ());
  return resource;
}

void
lc_rules_init_defaults (LcRules *rules)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GError) error = NULL;

  memset (rules, 0, sizeof *rules);
  /* The table is compiled in, so failing to read it is a build bug. Looked
   * up in the core's own resource, as a static library's constructor that
   * would register it globally may be left out by the linker. */
  bytes = g_resource_lookup_data (core_resource (), RULES_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes == NULL || !g_key_file_load_from_bytes (file, bytes, G_KEY_FILE_NONE, &error))
    g_error ("The rule table can’t be read: %s", error->message);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *text = g_key_file_get_value (file, RULES_GROUP, fields[i].name, NULL);

      if (!parse_number (text, field_ptr (rules, i)))
        g_error ("The rule table has no valid “%s”", fields[i].name);
    }
}

void
lc_store_load_rules (LcStore *store,
                     LcRules *rules)
{
  lc_rules_init_defaults (rules);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *key = g_strconcat ("threshold.", fields[i].name, NULL);
      g_autofree char *text = lc_store_dup_setting (store, key);
      double value;

      if (parse_number (text, &value))
        *field_ptr (rules, i) = value;
    }
}
