/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Serializes a JSON tree like JsonGenerator, but writes each double as the
 * shortest decimal that reads back to the same value: 182.95, not
 * 182.94999999999999 as json-glib 1.6 does. */
char *lc_json_to_string (JsonNode *root,
                         gboolean  pretty);

G_END_DECLS
