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
#include "ferry-resource-private.h"
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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FerryApiModelSpec, ferry_api_model_spec_free)

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

/* ---- Models handed over (FerryApiKnown) ---- */

static void
test_digest (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_bytes_hash, g_bytes_equal, (GDestroyNotify) g_bytes_unref, NULL);
  const char *text = "{\"id\":\"s1\",\"name\":\"A sync, with a name long enough for two blocks\"}";
  guint8 zero[FERRY_RESOURCE_DIGEST_LEN] = { 0 };
  guint8 a[FERRY_RESOURCE_DIGEST_LEN], b[FERRY_RESOURCE_DIGEST_LEN];
  g_autofree char *copy = g_strdup (text);

  /* The reference's value for no bytes: h1 and h2 stay 0 through fmix64. */
  ferry_api_digest ("", 0, a);
  g_assert_cmpmem (a, sizeof a, zero, sizeof zero);

  /* The same bytes elsewhere in memory: the same digest. */
  ferry_api_digest (text, strlen (text), a);
  ferry_api_digest (copy, strlen (copy), b);
  g_assert_cmpmem (a, sizeof a, b, sizeof b);

  /* Every prefix (every tail length, whole blocks and none) and every one-byte change
   * differ from all the others. */
  for (gsize len = 0; len <= strlen (text); len++)
    {
      ferry_api_digest (text, len, a);
      g_assert_true (g_hash_table_add (seen, g_bytes_new (a, sizeof a)));
    }
  for (gsize i = 0; i < strlen (text); i++)
    {
      copy[i] ^= 0x01;
      ferry_api_digest (copy, strlen (copy), a);
      g_assert_true (g_hash_table_add (seen, g_bytes_new (a, sizeof a)));
      copy[i] ^= 0x01;
    }
}

static FerryApiModelSpec *
sync_spec_knowing (GListModel *known)
{
  FerryApiModelSpec *spec = ferry_api_model_spec_new ("secretSyncs", ferry_sync_get_type, parse_sync, NULL);

  spec->known = ferry_api_known_new (known, ferry_api_sync_is_reusable);
  return spec;
}

static GListStore *
parse_knowing (const char *body,
               GListModel *known)
{
  g_autoptr(FerryApiModelSpec) spec = sync_spec_knowing (known);
  g_autoptr(GError) error = NULL;
  GListStore *store = ferry_api_parse_list_body (body, strlen (body), spec, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static gpointer
peek (gpointer model,
      guint    position)
{
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (model), position);

  return item;
}

static void
test_known_reused (void)
{
  g_autofree char *body = bench_generate_body (40, 0);
  g_autofree char *flipped = bench_generate_body (40, 10);
  g_autoptr(GListStore) empty = g_list_store_new (FERRY_TYPE_SYNC);
  g_autoptr(GListStore) first = NULL;
  g_autoptr(GListStore) again = NULL;
  g_autoptr(GListStore) changed = NULL;
  g_autoptr(FerryApiModelSpec) plain = ferry_api_model_spec_new ("secretSyncs", ferry_sync_get_type, parse_sync, NULL);
  g_autoptr(GListStore) undigested = NULL;

  /* The first answer: new models, each with the digest of its element. */
  first = parse_knowing (body, G_LIST_MODEL (empty));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (first)), ==, 40);
  for (guint i = 0; i < 40; i++)
    g_assert_nonnull (ferry_resource_get_digest (peek (first, i)));

  /* The same answer again: the same objects, in order. */
  again = parse_knowing (body, G_LIST_MODEL (first));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 40);
  for (guint i = 0; i < 40; i++)
    g_assert_true (peek (again, i) == peek (first, i));

  /* Every 10th sync now "running": those are new objects that say so, the rest the same. */
  changed = parse_knowing (flipped, G_LIST_MODEL (first));
  for (guint i = 0; i < 40; i++)
    {
      FerrySync *sync = peek (changed, i);

      if (i % 10 == 0)
        {
          g_assert_true (sync != peek (first, i));
          g_assert_cmpint (ferry_sync_get_sync_status (sync), ==, FERRY_SYNC_STATUS_RUNNING);
          g_assert_cmpstr (ferry_resource_get_id (FERRY_RESOURCE (sync)), ==,
                           ferry_resource_get_id (FERRY_RESOURCE (peek (first, i))));
        }
      else
        g_assert_true (sync == peek (first, i));
    }

  /* Without a table nothing is digested: lists that are not refreshed pay nothing. */
  undigested = ferry_api_parse_list_body (body, strlen (body), plain, NULL);
  g_assert_null (ferry_resource_get_digest (peek (undigested, 0)));
}

static void
test_known_changed (void)
{
  g_autofree char *body = bench_generate_body (6, 0);
  g_autofree char *flipped = bench_generate_body (6, 3);
  g_autoptr(GListStore) empty = g_list_store_new (FERRY_TYPE_SYNC);
  g_autoptr(GListStore) first = parse_knowing (body, G_LIST_MODEL (empty));
  g_autoptr(GListStore) newer = parse_knowing (flipped, G_LIST_MODEL (empty));
  g_autoptr(GListStore) again = NULL;
  FerrySync *renamed = peek (first, 1);
  FerrySync *busy = peek (first, 2);
  FerrySync *updated = peek (first, 3);
  const guint8 *digest;

  /* A field changed here: the object no longer holds what its element said. */
  g_object_set (renamed, "name", "renamed-here", NULL);
  g_assert_null (ferry_resource_get_digest (FERRY_RESOURCE (renamed)));

  /* Setting a field to what it holds changes nothing. */
  digest = ferry_resource_get_digest (peek (first, 4));
  g_object_set (peek (first, 4), "name", ferry_sync_get_name (peek (first, 4)), NULL);
  g_assert_true (ferry_resource_get_digest (peek (first, 4)) == digest);

  /* An operation under way: the model reads every answer about it itself. */
  ferry_sync_set_operation (busy, FERRY_SYNC_OPERATION_SYNC);

  /* Updated from another answer's model: it now holds what that element said. */
  ferry_resource_update_from (FERRY_RESOURCE (updated), peek (newer, 3));
  g_assert_cmpmem (ferry_resource_get_digest (FERRY_RESOURCE (updated)), FERRY_RESOURCE_DIGEST_LEN,
                   ferry_resource_get_digest (peek (newer, 3)), FERRY_RESOURCE_DIGEST_LEN);
  /* From a model read without a digest (a single sync's answer): one that changes
   * something leaves none, one that changes nothing leaves the digest true. */
  {
    g_autoptr(FerryApiModelSpec) plain = ferry_api_model_spec_new ("secretSyncs", ferry_sync_get_type, parse_sync, NULL);
    g_autofree char *other = bench_generate_body (6, 5);
    g_autoptr(GListStore) undigested = ferry_api_parse_list_body (other, strlen (other), plain, NULL);

    g_assert_null (ferry_resource_get_digest (peek (undigested, 5)));
    ferry_resource_update_from (peek (first, 5), peek (undigested, 5));
    g_assert_cmpint (ferry_sync_get_sync_status (peek (first, 5)), ==, FERRY_SYNC_STATUS_RUNNING);
    g_assert_null (ferry_resource_get_digest (peek (first, 5)));

    ferry_resource_update_from (peek (first, 4), peek (undigested, 4));
    g_assert_true (ferry_resource_get_digest (peek (first, 4)) == digest);
  }

  again = parse_knowing (flipped, G_LIST_MODEL (first));
  g_assert_true (peek (again, 0) != peek (first, 0));  /* its element changed */
  g_assert_true (peek (again, 1) != renamed);
  g_assert_cmpstr (ferry_sync_get_name (peek (again, 1)), ==, "sync-1");
  g_assert_true (peek (again, 2) != busy);
  g_assert_true (peek (again, 3) == updated);
  g_assert_true (peek (again, 4) == peek (first, 4));
  g_assert_true (peek (again, 5) != peek (first, 5));
}

static void
rename_on_notify_cb (GObject    *object,
                     GParamSpec *pspec,
                     gpointer    user_data)
{
  g_object_set (object, "name", "renamed-by-a-handler", NULL);
}

static void
test_known_handler_changes (void)
{
  g_autofree char *body = bench_generate_body (2, 0);
  g_autofree char *flipped = bench_generate_body (2, 1);
  g_autoptr(GListStore) empty = g_list_store_new (FERRY_TYPE_SYNC);
  g_autoptr(GListStore) first = parse_knowing (body, G_LIST_MODEL (empty));
  g_autoptr(GListStore) newer = parse_knowing (flipped, G_LIST_MODEL (empty));
  FerrySync *sync = peek (first, 0);

  /* A handler of the update's notifications changes another field: the sync no longer
   * holds what the newer element says. */
  g_signal_connect (sync, "notify::sync-status", G_CALLBACK (rename_on_notify_cb), NULL);
  ferry_resource_update_from (FERRY_RESOURCE (sync), peek (newer, 0));
  g_assert_cmpint (ferry_sync_get_sync_status (sync), ==, FERRY_SYNC_STATUS_RUNNING);
  g_assert_cmpstr (ferry_sync_get_name (sync), ==, "renamed-by-a-handler");
  g_assert_null (ferry_resource_get_digest (FERRY_RESOURCE (sync)));
  g_signal_handlers_disconnect_by_func (sync, rename_on_notify_cb, NULL);
}

static void
test_known_repeated (void)
{
  g_autofree char *once = bench_generate_body (1, 0);
  /* {"secretSyncs":[ELEMENT]} */
  g_autofree char *element = g_strndup (once + strlen ("{\"secretSyncs\":["), strlen (once) - strlen ("{\"secretSyncs\":[]}"));
  g_autofree char *twice = g_strdup_printf ("{\"secretSyncs\":[%s,%s]}", element, element);
  g_autoptr(GListStore) empty = g_list_store_new (FERRY_TYPE_SYNC);
  g_autoptr(GListStore) first = parse_knowing (once, G_LIST_MODEL (empty));
  g_autoptr(GListStore) again = parse_knowing (twice, G_LIST_MODEL (first));

  /* The first is the known object; the repeat is a copy, as a parse of the tree gives. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 2);
  g_assert_true (peek (again, 0) == peek (first, 0));
  g_assert_true (peek (again, 1) != peek (first, 0));
  g_assert_cmpstr (ferry_resource_get_id (peek (again, 1)), ==, ferry_resource_get_id (peek (first, 0)));
}

static gpointer
free_known_thread (gpointer data)
{
  ferry_api_known_free (data);
  return NULL;
}

static void
test_known_freed_on_owner (void)
{
  g_autofree char *body = bench_generate_body (3, 0);
  g_autoptr(GListStore) empty = g_list_store_new (FERRY_TYPE_SYNC);
  g_autoptr(GListStore) store = parse_knowing (body, G_LIST_MODEL (empty));
  FerrySync *sync = g_object_ref (peek (store, 0));
  FerryApiKnown *known;
  GThread *thread;

  /* The table holds the only other reference once the store is gone. */
  known = ferry_api_known_new (G_LIST_MODEL (store), NULL);
  g_clear_object (&store);
  g_object_add_weak_pointer (G_OBJECT (sync), (gpointer *) &sync);
  g_object_unref (sync);
  g_assert_nonnull (sync);

  /* Freed in a worker: the references go on this thread's main loop. */
  thread = g_thread_new ("free-known", free_known_thread, known);
  g_thread_join (thread);
  g_assert_nonnull (sync);
  while (sync != NULL)
    g_main_context_iteration (NULL, TRUE);
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
  g_test_add_func ("/api-list/digest", test_digest);
  g_test_add_func ("/api-list/known-reused", test_known_reused);
  g_test_add_func ("/api-list/known-changed", test_known_changed);
  g_test_add_func ("/api-list/known-handler-changes", test_known_handler_changes);
  g_test_add_func ("/api-list/known-repeated", test_known_repeated);
  g_test_add_func ("/api-list/known-freed-on-owner", test_known_freed_on_owner);

  return g_test_run ();
}
