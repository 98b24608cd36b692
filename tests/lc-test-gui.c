/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-test"

#include "config.h"

#include "lc-test-gui.h"
#include "lc-window.h"

static gboolean
on_timeout (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
lc_test_iterate_until (LcTestCondition condition,
                       gpointer        data,
                       guint           timeout_ms)
{
  gboolean timed_out = FALSE;
  guint source_id = g_timeout_add (timeout_ms, on_timeout, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (source_id);

  return condition (data);
}

static gboolean
always_false (gpointer data)
{
  return FALSE;
}

void
lc_test_settle (void)
{
  lc_test_iterate_until (always_false, NULL, 100);
}

gboolean
lc_test_widget_is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

gboolean
lc_test_window_is_idle (gpointer data)
{
  return !lc_window_is_busy (LC_WINDOW (data));
}

void
lc_test_close_window (gpointer window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  lc_test_settle ();
}
