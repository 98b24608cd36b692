/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-verdict"

#include "config.h"

#include "lc-verdict.h"

static const char *verdict_css_classes[] = {
  "keep",
  "turn-off",
  "try",
  "test-first",
  "not-enough-data",
};

void
lc_verdict_pill_set (GtkLabel        *pill,
                     const LcVerdict *verdict)
{
  for (guint i = 0; i < G_N_ELEMENTS (verdict_css_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (pill), verdict_css_classes[i]);

  if (verdict->verdict < G_N_ELEMENTS (verdict_css_classes))
    gtk_widget_add_css_class (GTK_WIDGET (pill), verdict_css_classes[verdict->verdict]);
  gtk_label_set_label (pill, lc_verdict_get_title (verdict));
}

GtkWidget *
lc_verdict_pill_new (const LcVerdict *verdict)
{
  GtkWidget *pill = gtk_label_new (NULL);

  gtk_widget_add_css_class (pill, "verdict-pill");
  gtk_widget_set_valign (pill, GTK_ALIGN_CENTER);
  lc_verdict_pill_set (GTK_LABEL (pill), verdict);
  return pill;
}
