/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liftcheck"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "lc-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LcApplication) app = NULL;
  /* LIFTCHECK_LOCALEDIR points at catalogues not yet installed, such as
   * the build tree's under "meson devenv" and in the tests. */
  const char *localedir = g_getenv ("LIFTCHECK_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = lc_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
