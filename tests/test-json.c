/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-test"

#include "config.h"

#include "lc-json.h"
#include "lc-test-util.h"

static char *
serialize (JsonBuilder *builder,
           gboolean     pretty)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  return lc_json_to_string (root, pretty);
}

static void
test_money_is_written_as_people_write_it (void)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *text = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "aov");
  json_builder_add_double_value (b, 182.95);
  json_builder_set_member_name (b, "refunded");
  json_builder_add_double_value (b, 9956.7);
  json_builder_set_member_name (b, "rate");
  json_builder_add_double_value (b, 1.0);
  json_builder_set_member_name (b, "third");
  json_builder_add_double_value (b, 1.0 / 3.0);
  json_builder_end_object (b);

  text = serialize (b, FALSE);
  g_assert_cmpstr (text, ==, "{\"aov\":182.95,\"refunded\":9956.7,\"rate\":1.0,\"third\":0.3333333333333333}");
}

static void
test_round_trip_is_exact (void)
{
  const double values[] = { 0.1, 0.15, 2.033419023136247, 1e-9, 123456789.01, -42.5, 5e300 };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autofree char *text = NULL;
      g_autoptr(GError) error = NULL;

      json_builder_begin_array (b);
      json_builder_add_double_value (b, values[i]);
      json_builder_end_array (b);
      text = serialize (b, TRUE);
      json_parser_load_from_data (parser, text, -1, &error);
      g_assert_no_error (error);
      g_assert_cmpfloat (json_array_get_double_element (json_node_get_array (json_parser_get_root (parser)), 0), ==, values[i]);
    }
}

static void
test_strings_are_escaped (void)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *text = NULL;

  json_builder_begin_array (b);
  json_builder_add_string_value (b, "say \"hi\"\\\n\tbye\x01 “ok”");
  json_builder_add_null_value (b);
  json_builder_add_boolean_value (b, TRUE);
  json_builder_add_int_value (b, -7);
  json_builder_begin_object (b);
  json_builder_end_object (b);
  json_builder_end_array (b);

  text = serialize (b, FALSE);
  g_assert_cmpstr (text, ==, "[\"say \\\"hi\\\"\\\\\\n\\tbye\\u0001 “ok”\",null,true,-7,{}]");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lc/json/money-is-written-as-people-write-it", test_money_is_written_as_people_write_it);
  g_test_add_func ("/lc/json/round-trip-is-exact", test_round_trip_is_exact);
  g_test_add_func ("/lc/json/strings-are-escaped", test_strings_are_escaped);

  return g_test_run ();
}
