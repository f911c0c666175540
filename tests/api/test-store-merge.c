/* test-store-merge.c: list refreshes merged in place with precise items-changed, and the
 * sync list parsed in a worker giving the same models as a parse at once.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ferry-api-client.h"
#include "ferry-test-utils.h"

/* One items-changed emission. */
typedef struct
{
  guint position, removed, added;
} Change;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GArray     *changes)
{
  Change change = { position, removed, added };

  g_array_append_val (changes, change);
}

static char *
sync_json (const char *id,
           const char *name,
           const char *status)
{
  return g_strdup_printf ("{\"id\":\"%s\",\"name\":\"%s\",\"destination\":\"azure-devops\","
                          "\"projectId\":\"0b3f6a2c-8d1e-4c7b-9f10-a1b2c3d4e5f6\","
                          "\"connectionId\":\"9a2c4e6f-8b0d-4f1a-9c3e-5b7d9f1a3c5e\","
                          "\"folderId\":\"7c8d9e0f-1a2b-4c3d-8e4f-000000000001\",\"isAutoSyncEnabled\":true,"
                          "\"version\":1,\"syncStatus\":\"%s\","
                          "\"createdAt\":\"2025-06-01T10:00:00.000Z\",\"updatedAt\":\"2025-06-02T11:30:00.000Z\","
                          "\"destinationConfig\":{\"devopsProjectId\":\"3f2e1d0c-b9a8-4765-8432-000000000001\","
                          "\"devopsProjectName\":\"Storefront\"},"
                          "\"syncOptions\":{\"initialSyncBehavior\":\"overwrite-destination\",\"disableSecretDeletion\":false},"
                          "\"environment\":{\"slug\":\"prod\",\"name\":\"Production\",\"id\":\"e1e2e3e4-0000-4000-8000-000000000001\"},"
                          "\"folder\":{\"id\":\"7c8d9e0f-1a2b-4c3d-8e4f-000000000001\",\"path\":\"/Web/%s\"}}",
                          id, name, status, name);
}

/* A list answer: "a:succeeded b c:failed" → syncs a, b, c with those statuses. */
static GBytes *
answer (const char *spec)
{
  g_auto(GStrv) entries = g_strsplit (spec, " ", -1);
  GString *body = g_string_new ("{\"secretSyncs\":[");

  for (guint i = 0; entries[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (entries[i], ":", 2);
      g_autofree char *id = g_strdup_printf ("%08x-0000-4000-8000-000000000000", (guint) parts[0][0]);
      g_autofree char *item = sync_json (id, parts[0], parts[1] != NULL ? parts[1] : "succeeded");

      if (i > 0)
        g_string_append_c (body, ',');
      g_string_append (body, item);
    }
  g_string_append (body, "]}");
  return g_string_free_to_bytes (body);
}

static void
parsed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GListStore **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = ferry_api_parse_syncs_finish (result, &error);
  g_assert_no_error (error);
}

/* Through the worker, as a list request's answer is parsed. */
static GListStore *
parse (const char *spec)
{
  g_autoptr(GBytes) body = answer (spec);
  GListStore *store = NULL;

  ferry_api_parse_syncs_async (body, NULL, NULL, parsed_cb, &store);
  while (store == NULL)
    g_main_context_iteration (NULL, TRUE);
  return store;
}

static FerrySync *
item (GListStore *store,
      guint       position)
{
  FerrySync *sync = g_list_model_get_item (G_LIST_MODEL (store), position);

  g_object_unref (sync);   /* the store keeps it */
  return sync;
}

static char *
names (GListStore *store)
{
  GString *str = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
    g_string_append (str, ferry_sync_get_name (item (store, i)));
  return g_string_free (str, FALSE);
}

static void
merge (GListStore *store,
       const char *spec,
       GArray     *changes)
{
  g_autoptr(GListStore) fresh = parse (spec);

  g_array_set_size (changes, 0);
  ferry_resource_store_merge (store, G_LIST_MODEL (fresh));
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           guint      *count)
{
  (*count)++;
}

static void
test_unchanged_refresh_is_silent (void)
{
  g_autoptr(GListStore) store = parse ("a b c d");
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  FerrySync *b = item (store, 1);
  guint notifies = 0;

  g_signal_connect (store, "items-changed", G_CALLBACK (items_changed_cb), changes);
  g_signal_connect (b, "notify", G_CALLBACK (notify_cb), &notifies);
  merge (store, "a b c d", changes);

  g_assert_cmpuint (changes->len, ==, 0);
  g_assert_cmpuint (notifies, ==, 0);
  g_assert_true (item (store, 1) == b);
}

static void
test_changed_item_updates_in_place (void)
{
  g_autoptr(GListStore) store = parse ("a b c d");
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  FerrySync *c = item (store, 2);
  guint notifies = 0;

  g_signal_connect (store, "items-changed", G_CALLBACK (items_changed_cb), changes);
  g_signal_connect (c, "notify::sync-status", G_CALLBACK (notify_cb), &notifies);
  merge (store, "a b c:running d", changes);

  /* The same object, its property notified; the list itself did not change. */
  g_assert_cmpuint (changes->len, ==, 0);
  g_assert_true (item (store, 2) == c);
  g_assert_cmpint (ferry_sync_get_sync_status (c), ==, FERRY_SYNC_STATUS_RUNNING);
  g_assert_cmpuint (notifies, ==, 1);
}

static void
test_inserted_and_removed_ranges (void)
{
  g_autoptr(GListStore) store = parse ("a b c d e f");
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autofree char *result = NULL;
  FerrySync *a = item (store, 0);
  FerrySync *f = item (store, 5);
  Change *ch;

  g_signal_connect (store, "items-changed", G_CALLBACK (items_changed_cb), changes);

  /* c and d go: one removal of two. */
  merge (store, "a b e f", changes);
  g_assert_cmpuint (changes->len, ==, 1);
  ch = &g_array_index (changes, Change, 0);
  g_assert_cmpuint (ch->position, ==, 2);
  g_assert_cmpuint (ch->removed, ==, 2);
  g_assert_cmpuint (ch->added, ==, 0);

  /* x, y, z come between b and e: one insertion of three. */
  merge (store, "a b x y z e f", changes);
  g_assert_cmpuint (changes->len, ==, 1);
  ch = &g_array_index (changes, Change, 0);
  g_assert_cmpuint (ch->position, ==, 2);
  g_assert_cmpuint (ch->removed, ==, 0);
  g_assert_cmpuint (ch->added, ==, 3);

  /* One at each end, one removed in the middle: three precise changes. */
  merge (store, "0 a b x z e f 9", changes);
  g_assert_cmpuint (changes->len, ==, 3);
  result = names (store);
  g_assert_cmpstr (result, ==, "0abxzef9");
  g_assert_true (item (store, 1) == a);
  g_assert_true (item (store, 6) == f);
}

static void
test_moves_keep_objects (void)
{
  g_autoptr(GListStore) store = parse ("a b c d");
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(GPtrArray) before = g_ptr_array_new ();
  g_autofree char *result = NULL;

  for (guint i = 0; i < 4; i++)
    g_ptr_array_add (before, item (store, i));
  merge (store, "d c b a", changes);

  result = names (store);
  g_assert_cmpstr (result, ==, "dcba");
  for (guint i = 0; i < 4; i++)
    g_assert_true (item (store, i) == g_ptr_array_index (before, 3 - i));
}

/* The worker builds what a parse on the spot builds, field for field. */
static void
test_worker_parse_matches (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "syncs-list.json", NULL);
  g_autofree char *data = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GListStore) threaded = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *array;
  gsize len;

  g_assert_true (g_file_get_contents (path, &data, &len, &error));
  g_assert_true (json_parser_load_from_data (parser, data, (gssize) len, &error));
  array = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "secretSyncs");
  body = g_bytes_new (data, len);

  ferry_api_parse_syncs_async (body, NULL, NULL, parsed_cb, &threaded);
  while (threaded == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (threaded)), ==, json_array_get_length (array));
  g_assert_cmpuint (json_array_get_length (array), >, 0);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(FerrySync) direct = ferry_sync_new_from_json (json_array_get_object_element (array, i), &error);
      g_autoptr(JsonObject) a = NULL;
      g_autoptr(JsonObject) b = NULL;
      g_autoptr(JsonNode) na = json_node_new (JSON_NODE_OBJECT);
      g_autoptr(JsonNode) nb = json_node_new (JSON_NODE_OBJECT);

      g_assert_no_error (error);
      a = ferry_sync_to_json (direct);
      b = ferry_sync_to_json (item (threaded, i));
      json_node_set_object (na, a);
      json_node_set_object (nb, b);
      g_assert_true (json_node_equal (na, nb));
      g_assert_cmpstr (ferry_sync_get_search_key (direct), ==, ferry_sync_get_search_key (item (threaded, i)));
    }
}

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
test_worker_parse_error (void)
{
  g_autoptr(GBytes) body = g_bytes_new_static ("{\"secretSyncs\": [{\"id\": 3}]}", 28);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListStore) store = NULL;
  g_autoptr(GError) error = NULL;

  ferry_api_parse_syncs_async (body, NULL, NULL, result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  store = ferry_api_parse_syncs_finish (result, &error);
  g_assert_null (store);
  g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_INVALID_RESPONSE);
}

/* The search key follows the texts it is made of. */
static void
test_search_key_follows_fields (void)
{
  g_autoptr(GListStore) store = parse ("a");
  FerrySync *a = item (store, 0);

  g_assert_nonnull (strstr (ferry_sync_get_search_key (a), "production"));
  g_assert_nonnull (strstr (ferry_sync_get_search_key (a), "/web/a"));
  g_object_set (a, "name", "Ünïcode Sync", NULL);
  g_assert_nonnull (strstr (ferry_sync_get_search_key (a), "ünïcode sync"));
  /* Fields stay apart: no match across the line between two of them. */
  g_assert_null (strstr (ferry_sync_get_search_key (a), "syncstorefront"));
}

int
main (int   argc,
      char *argv[])
{
  ferry_test_init (&argc, &argv);

  g_test_add_func ("/store-merge/unchanged-is-silent", test_unchanged_refresh_is_silent);
  g_test_add_func ("/store-merge/changed-in-place", test_changed_item_updates_in_place);
  g_test_add_func ("/store-merge/inserted-removed-ranges", test_inserted_and_removed_ranges);
  g_test_add_func ("/store-merge/moves-keep-objects", test_moves_keep_objects);
  g_test_add_func ("/store-merge/worker-parse-matches", test_worker_parse_matches);
  g_test_add_func ("/store-merge/worker-parse-error", test_worker_parse_error);
  g_test_add_func ("/store-merge/search-key", test_search_key_follows_fields);

  return g_test_run ();
}
