/* test-api-list.c: list answers split into their elements and parsed one at a time
 * (src/api/ferry-api-list.c) give what a parse of the whole tree gives, results and errors.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ferry-api-client-private.h"
#include "ferry-api-error-private.h"
#include "ferry-organization.h"
#include "ferry-test-utils.h"

#include "../bench/bench-body.h"

/* "list|alt" → the elements' texts, joined by " | ", or NULL when the split refuses. */
static char *
split (const char *body,
       const char *keys)
{
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (FerryApiSpan));
  g_autoptr(GString) out = g_string_new (NULL);
  gsize start = 0, end = 0;

  if (!ferry_api_split_list (body, strlen (body), keys, &start, &end, spans))
    return NULL;

  g_assert_cmpint (body[start], ==, '[');
  g_assert_cmpint (body[end - 1], ==, ']');
  for (guint i = 0; i < spans->len; i++)
    {
      const FerryApiSpan *span = &g_array_index (spans, FerryApiSpan, i);

      g_assert_cmpuint (span->start, >, start);
      g_assert_cmpuint (span->start + span->len, <, end);
      if (i > 0)
        g_string_append (out, " | ");
      g_string_append_len (out, body + span->start, span->len);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
assert_split (const char *body,
              const char *keys,
              const char *expected)
{
  g_autofree char *got = split (body, keys);

  g_assert_cmpstr (got, ==, expected);
}

static void
test_split (void)
{
  assert_split ("{\"items\":[]}", "items", "");
  assert_split (" { \"items\" : [ ] } \n", "items", "");
  assert_split ("{\"items\":[{\"a\":1},{\"b\":[2,3]}]}", "items", "{\"a\":1} | {\"b\":[2,3]}");
  assert_split ("{\"n\":2,\"items\":[ 1 , \"x\" , null ],\"more\":{\"k\":[]}}", "items", "1 | \"x\" | null");
  /* Brackets, quotes and escapes inside strings are text. */
  assert_split ("{\"items\":[{\"s\":\"]},{\\\"\"},{\"t\":\"\\\\\"}]}", "items",
                "{\"s\":\"]},{\\\"\"} | {\"t\":\"\\\\\"}");
  assert_split ("{\"x]\":[9],\"items\":[{}]}", "items", "{}");
  /* "a|b": the first one present, wherever it is; of a repeated member, the last. */
  assert_split ("{\"workspaces\":[{\"w\":1}],\"projects\":[{\"p\":1}]}", "projects|workspaces", "{\"p\":1}");
  assert_split ("{\"workspaces\":[{\"w\":1}]}", "projects|workspaces", "{\"w\":1}");
  assert_split ("{\"items\":[1],\"items\":[2]}", "items", "2");
}

static void
test_split_refuses (void)
{
  const char *bodies[] = {
    "",
    "[]",
    "{}",
    "{\"other\":[1]}",
    "{\"items\":{\"a\":[1]}}",
    "{\"items\":\"[1]\"}",
    "{\"items\":[1,2]",
    "{\"items\":[1,2]} x",
    "{\"items\":[1 2]}",
    "{\"items\":[{\"a\":1} {\"b\":2}]}",
    "{\"items\":[1,]}",
    "{\"items\":[\"open]}",
    "{\"items\":[\"a\nb\"]}",
    "{items:[1]}",
    "{\"items\" [1]}",
    /* The preferred key is there but not a list: the tree parser says what is wrong. */
    "{\"projects\":null,\"workspaces\":[1]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autofree char *got = split (bodies[i], strcmp (bodies[i], "{\"projects\":null,\"workspaces\":[1]}") == 0 ?
                                               "projects|workspaces" : "items");

      if (got != NULL)
        g_error ("split accepted “%s”: %s", bodies[i], got);
    }
}

/* ---- The two parsers agree ---- */

static gpointer
parse_organization (JsonObject *object,
                    const char *extra,
                    GError    **error)
{
  return ferry_organization_new_from_json (object, error);
}

static gpointer
parse_sync (JsonObject *object,
            const char *extra,
            GError    **error)
{
  return ferry_sync_new_from_json (object, error);
}

/* Both parsers on @body: the same models, or the same error (message and detail). */
static void
assert_same (const char        *body,
             FerryApiModelSpec *spec)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) root_error = NULL;
  g_autoptr(GError) body_error = NULL;
  g_autoptr(GListStore) from_root = NULL;
  g_autoptr(GListStore) from_body = NULL;
  gsize len = strlen (body);

  if (len == 0)
    {
      g_autoptr(JsonNode) null = json_node_new (JSON_NODE_NULL);

      from_root = ferry_api_parse_list_root (null, spec, &root_error);
    }
  else if (!json_parser_load_from_data (parser, body, (gssize) len, &root_error))
    {
      /* As the transport words it. */
      g_autofree char *message = g_strdup (root_error->message);

      g_clear_error (&root_error);
      root_error = ferry_api_error_new_invalid_response ("not valid JSON: %s", message);
    }
  else
    from_root = ferry_api_parse_list_root (json_parser_get_root (parser), spec, &root_error);

  from_body = ferry_api_parse_list_body (body, len, spec, &body_error);

  if (from_root == NULL)
    {
      g_assert_null (from_body);
      g_assert_nonnull (body_error);
      g_assert_cmpstr (body_error->message, ==, root_error->message);
      g_assert_cmpstr (ferry_api_error_get_detail (body_error), ==, ferry_api_error_get_detail (root_error));
      return;
    }

  g_assert_no_error (body_error);
  g_assert_nonnull (from_body);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (from_body)), ==,
                    g_list_model_get_n_items (G_LIST_MODEL (from_root)));
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (from_body)) ==
                 g_list_model_get_item_type (G_LIST_MODEL (from_root)));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (from_root)); i++)
    {
      g_autoptr(GObject) a = g_list_model_get_item (G_LIST_MODEL (from_root), i);
      g_autoptr(GObject) b = g_list_model_get_item (G_LIST_MODEL (from_body), i);

      if (FERRY_IS_SYNC (a))
        {
          g_autoptr(JsonObject) ja = ferry_sync_to_json (FERRY_SYNC (a));
          g_autoptr(JsonObject) jb = ferry_sync_to_json (FERRY_SYNC (b));
          g_autoptr(JsonNode) na = json_node_new (JSON_NODE_OBJECT);
          g_autoptr(JsonNode) nb = json_node_new (JSON_NODE_OBJECT);

          json_node_set_object (na, ja);
          json_node_set_object (nb, jb);
          g_assert_true (json_node_equal (na, nb));
        }
      else
        {
          g_assert_cmpstr (ferry_resource_get_id (FERRY_RESOURCE (a)), ==,
                           ferry_resource_get_id (FERRY_RESOURCE (b)));
          g_assert_cmpstr (ferry_organization_get_name (FERRY_ORGANIZATION (a)), ==,
                           ferry_organization_get_name (FERRY_ORGANIZATION (b)));
        }
    }
}

static void
spec_free (FerryApiModelSpec *spec)
{
  g_free (spec->extra);
  g_free (spec);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FerryApiModelSpec, spec_free)

static void
test_same_as_tree (void)
{
  g_autoptr(FerryApiModelSpec) spec = NULL;
  const char *bodies[] = {
    "",
    "null",
    "{}",
    "[]",
    "{\"organizations\":[]}",
    "{\"organizations\":[{\"id\":\"o1\",\"name\":\"One\"},{\"id\":\"o2\",\"name\":\"Two \\\"2\\\" ]\"}]}",
    "{\"total\":2,\"organizations\":[{\"id\":\"o1\",\"name\":\"One\"}],\"next\":null}",
    "{\"organizations\":[{\"id\":\"o1\",\"name\":\"One\"}],\"organizations\":[{\"id\":\"o3\",\"name\":\"Three\"}]}",
    /* Not JSON: in an element, beside the list, after it. */
    "{\"organizations\":[{\"id\":\"o1\",\"name\":\"One\"},{\"id\":\"o2\" \"name\":\"Two\"}]}",
    "{\"organizations\":[{\"id\":\"o1\",\"name\":\"One\"}],\"total\":tru}",
    "{\"organizations\":[{\"id\":\"o1\",\"name\":\"One\"}]}}",
    "{\"organizations\":[{\"id\":\"o1\",\"name\":\"One\"}",
    /* JSON, but not a list of organizations. */
    "{\"organizations\":{}}",
    "{\"organizations\":[1]}",
    "{\"organizations\":[{\"id\":\"o1\",\"name\":\"One\"},{\"id\":2}]}",
    /* A model error before a JSON error: the JSON error is what the tree parser says. */
    "{\"organizations\":[{\"id\":2},{\"id\":\"o2\",\"name\":}]}",
    /* Member names spelt with escapes: the scanner leaves them to the tree parser. */
    "{\"organi\\u007aations\":[{\"id\":\"o1\",\"name\":\"One\"}]}",
  };

  spec = ferry_api_model_spec_new ("organizations", ferry_organization_get_type, parse_organization, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_test_message ("body: %s", bodies[i]);
      assert_same (bodies[i], spec);
    }
}

static void
test_same_as_tree_syncs (void)
{
  g_autoptr(FerryApiModelSpec) spec = ferry_api_model_spec_new ("secretSyncs", ferry_sync_get_type, parse_sync, NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "syncs-list.json", NULL);
  g_autofree char *fixture = NULL;
  g_autofree char *generated = bench_generate_body (300, 7);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &fixture, NULL, &error));
  assert_same (fixture, spec);
  assert_same (generated, spec);
}

int
main (int   argc,
      char *argv[])
{
  ferry_test_init (&argc, &argv);

  g_test_add_func ("/api-list/split", test_split);
  g_test_add_func ("/api-list/split-refuses", test_split_refuses);
  g_test_add_func ("/api-list/same-as-tree", test_same_as_tree);
  g_test_add_func ("/api-list/same-as-tree-syncs", test_same_as_tree_syncs);

  return g_test_run ();
}
