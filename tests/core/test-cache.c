/* test-cache.c: FerryCache on disk: written, read back, unusable files ignored.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No network: the lists are the API fixtures (tests/fixtures), parsed as the client parses
 * answers. The files are real, under this binary's private XDG_CACHE_HOME
 * (ferry_test_init ()).
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sys/stat.h>

#include "ferry-cache.h"
#include "ferry-connection.h"
#include "ferry-project.h"
#include "ferry-sync.h"
#include "ferry-test-utils.h"

#define WAIT(cond) FERRY_TEST_WAIT_FOR ((cond), #cond, 10000, (void) 0)

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  WAIT (*slot != NULL);
  return *slot;
}

typedef gpointer (*NewFromJson) (JsonObject *object, GError **error);

static gpointer
connection_new (JsonObject *object, GError **error)
{
  return ferry_connection_new_from_json (object, FALSE, error);
}

/* The list in fixture @name's array @member, as models. */
static GListStore *
load_fixture (const char  *name,
              const char  *member,
              GType        type,
              NewFromJson  new_from_json)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  GListStore *store = g_list_store_new (type);
  JsonArray *array;

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  array = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), member);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(GObject) item = new_from_json (json_array_get_object_element (array, i), &error);

      g_assert_no_error (error);
      g_list_store_append (store, item);
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), >, 0);

  return store;
}

typedef struct
{
  GListStore *projects;
  GListStore *syncs;
  GListStore *connections;
  char       *project_id;
} Lists;

static void
lists_init (Lists *lists)
{
  g_autoptr(FerryProject) first = NULL;

  lists->projects = load_fixture ("projects-list.json", "projects", FERRY_TYPE_PROJECT,
                                  (NewFromJson) ferry_project_new_from_json);
  lists->syncs = load_fixture ("syncs-list.json", "secretSyncs", FERRY_TYPE_SYNC,
                               (NewFromJson) ferry_sync_new_from_json);
  lists->connections = load_fixture ("connections-list.json", "appConnections", FERRY_TYPE_CONNECTION,
                                     connection_new);
  first = g_list_model_get_item (G_LIST_MODEL (lists->projects), 0);
  lists->project_id = g_strdup (ferry_resource_get_id (FERRY_RESOURCE (first)));
}

static void
lists_clear (Lists *lists)
{
  g_clear_object (&lists->projects);
  g_clear_object (&lists->syncs);
  g_clear_object (&lists->connections);
  g_clear_pointer (&lists->project_id, g_free);
}

static void
save (FerryCache *cache)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  ferry_cache_save_async (cache, NULL, result_cb, &result);
  g_assert_true (ferry_cache_save_finish (cache, wait_result (&result), &error));
  g_assert_no_error (error);
}

static gboolean
load (FerryCache  *cache,
      GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ferry_cache_load_async (cache, NULL, result_cb, &result);
  return ferry_cache_load_finish (cache, wait_result (&result), error);
}

static FerryCache *
saved_cache (const char *account_id,
             Lists      *lists)
{
  FerryCache *cache = ferry_cache_new (account_id);

  ferry_cache_set_projects (cache, G_LIST_MODEL (lists->projects));
  ferry_cache_set_syncs (cache, lists->project_id, G_LIST_MODEL (lists->syncs));
  ferry_cache_set_connections (cache, lists->project_id, G_LIST_MODEL (lists->connections));
  save (cache);

  return cache;
}

static void
assert_same_resources (GListModel *a,
                       GListModel *b)
{
  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_cmpuint (g_list_model_get_n_items (a), ==, g_list_model_get_n_items (b));
  for (guint i = 0; i < g_list_model_get_n_items (a); i++)
    {
      g_autoptr(FerryResource) x = g_list_model_get_item (a, i);
      g_autoptr(FerryResource) y = g_list_model_get_item (b, i);

      g_assert_cmpstr (ferry_resource_get_id (x), ==, ferry_resource_get_id (y));
    }
}

/* ---- Written and read ---- */

static void
test_round_trip (void)
{
  Lists lists = { 0 };
  g_autoptr(FerryCache) cache = NULL;
  g_autoptr(FerryCache) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  GStatBuf st;
  JsonObject *root;
  gint64 before = g_get_real_time () / G_USEC_PER_SEC;
  GListModel *syncs;

  lists_init (&lists);
  cache = saved_cache ("0e5a3c1d-7b2f-4e6a-9d8c-1f2e3d4c5b6a", &lists);

  /* Private, under the XDG cache dir, and of the documented format. */
  g_assert_true (g_str_has_prefix (ferry_cache_get_path (cache), g_get_user_cache_dir ()));
  g_assert_cmpint (g_stat (ferry_cache_get_path (cache), &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (json_parser_load_from_file (parser, ferry_cache_get_path (cache), &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, FERRY_CACHE_FORMAT);
  g_assert_cmpint (json_object_get_int_member (root, "version"), ==, FERRY_CACHE_VERSION);

  /* Another FerryCache of the account reads it all back. */
  again = ferry_cache_new ("0e5a3c1d-7b2f-4e6a-9d8c-1f2e3d4c5b6a");
  g_assert_true (load (again, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ferry_cache_get_saved_at (again), >=, before);
  g_assert_cmpint (ferry_cache_get_saved_at (again), <=, g_get_real_time () / G_USEC_PER_SEC);
  assert_same_resources (ferry_cache_get_projects (again), G_LIST_MODEL (lists.projects));
  assert_same_resources (ferry_cache_get_connections (again, lists.project_id), G_LIST_MODEL (lists.connections));
  syncs = ferry_cache_get_syncs (again, lists.project_id);
  assert_same_resources (syncs, G_LIST_MODEL (lists.syncs));
  g_assert_null (ferry_cache_get_syncs (again, "no-such-project"));

  /* Names, statuses and environments, as the views show them. */
  for (guint i = 0; i < g_list_model_get_n_items (syncs); i++)
    {
      g_autoptr(FerrySync) cached = g_list_model_get_item (syncs, i);
      g_autoptr(FerrySync) listed = g_list_model_get_item (G_LIST_MODEL (lists.syncs), i);

      g_assert_cmpstr (ferry_sync_get_name (cached), ==, ferry_sync_get_name (listed));
      g_assert_cmpint (ferry_sync_get_sync_status (cached), ==, ferry_sync_get_sync_status (listed));
      g_assert_cmpstr (ferry_sync_get_environment_slug (cached), ==, ferry_sync_get_environment_slug (listed));
      g_assert_cmpstr (ferry_sync_get_last_sync_message (cached), ==, ferry_sync_get_last_sync_message (listed));
    }
  {
    g_autoptr(FerryProject) cached = g_list_model_get_item (ferry_cache_get_projects (again), 0);
    g_autoptr(FerryProject) listed = g_list_model_get_item (G_LIST_MODEL (lists.projects), 0);

    g_assert_cmpstr (ferry_project_get_name (cached), ==, ferry_project_get_name (listed));
    g_assert_cmpuint (g_list_model_get_n_items (ferry_project_get_environments (cached)), ==,
                      g_list_model_get_n_items (ferry_project_get_environments (listed)));
    g_assert_cmpuint (g_list_model_get_n_items (ferry_project_get_environments (cached)), >, 0);
  }

  /* A save with only new projects keeps the syncs the file had. */
  ferry_cache_set_projects (again, G_LIST_MODEL (lists.projects));
  save (again);
  g_clear_object (&cache);
  cache = ferry_cache_new ("0e5a3c1d-7b2f-4e6a-9d8c-1f2e3d4c5b6a");
  g_assert_true (load (cache, &error));
  assert_same_resources (ferry_cache_get_syncs (cache, lists.project_id), G_LIST_MODEL (lists.syncs));

  lists_clear (&lists);
}

/* Only metadata: no credential, and not even the credentials hash. */
static void
test_no_credentials (void)
{
  Lists lists = { 0 };
  g_autoptr(FerryCache) cache = NULL;
  g_autofree char *contents = NULL;

  lists_init (&lists);
  cache = saved_cache ("4b1c2d3e-0000-4e6a-9d8c-1f2e3d4c5b6a", &lists);
  g_assert_true (g_file_get_contents (ferry_cache_get_path (cache), &contents, NULL, NULL));

  g_assert_nonnull (strstr (contents, "ado-contoso"));
  g_assert_null (strstr (contents, "credentialsHash"));
  g_assert_null (strstr (contents, "accessToken"));
  g_assert_null (strstr (contents, "clientSecret"));
  g_assert_null (strstr (contents, "\"token\""));

  lists_clear (&lists);
}

/* ---- Ignored ---- */

static void
assert_ignored (const char *account_id,
                const char *contents,
                gssize      length)
{
  g_autoptr(FerryCache) cache = ferry_cache_new (account_id);
  g_autofree char *dir = g_path_get_dirname (ferry_cache_get_path (cache));
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (ferry_cache_get_path (cache), contents, length, NULL));

  g_assert_false (load (cache, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_cmpint (ferry_cache_get_saved_at (cache), ==, 0);
  g_assert_null (ferry_cache_get_projects (cache));
}

static void
test_missing (void)
{
  g_autoptr(FerryCache) cache = ferry_cache_new ("9f9f9f9f-0000-4000-8000-000000000000");
  g_autoptr(GError) error = NULL;

  g_assert_false (load (cache, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_null (ferry_cache_get_projects (cache));
}

static void
test_corrupt (void)
{
  const char *account = "1a1a1a1a-0000-4000-8000-000000000000";
  Lists lists = { 0 };
  g_autoptr(FerryCache) good = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  assert_ignored (account, "", 0);
  assert_ignored (account, "\x89PNG\r\n\x1a\n\0\0", 10);
  assert_ignored (account, "[1, 2, 3]", -1);
  assert_ignored (account, "{\"format\": \"ferry-metadata-cache\"}", -1);
  assert_ignored (account, "{\"format\": \"ferry-metadata-cache\", \"version\": 1, \"accountId\": "
                           "\"1a1a1a1a-0000-4000-8000-000000000000\", \"savedAt\": 1700000000, "
                           "\"projects\": {\"not\": \"a list\"}}", -1);
  assert_ignored (account, "{\"format\": \"ferry-metadata-cache\", \"version\": 1, \"accountId\": "
                           "\"1a1a1a1a-0000-4000-8000-000000000000\", \"savedAt\": 1700000000, "
                           "\"projects\": [{\"id\": \"p\"}]}", -1);

  /* A real file cut off anywhere is ignored, never half read. */
  lists_init (&lists);
  good = saved_cache (account, &lists);
  g_assert_true (g_file_get_contents (ferry_cache_get_path (good), &contents, &length, NULL));
  for (gsize cut = 1; cut < length; cut += length / 7)
    assert_ignored (account, contents, (gssize) cut);
  assert_ignored (account, contents, (gssize) length - 1);

  lists_clear (&lists);
}

static void
test_other_version (void)
{
  const char *account = "2b2b2b2b-0000-4000-8000-000000000000";
  Lists lists = { 0 };
  g_autoptr(FerryCache) good = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;
  JsonObject *root;

  lists_init (&lists);
  good = saved_cache (account, &lists);
  g_assert_true (json_parser_load_from_file (parser, ferry_cache_get_path (good), NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  json_generator_set_root (generator, json_parser_get_root (parser));

  /* An older and a newer format version, and another account's file under this name. */
  json_object_set_int_member (root, "version", FERRY_CACHE_VERSION - 1);
  text = json_generator_to_data (generator, NULL);
  assert_ignored (account, text, -1);
  g_free (text);
  json_object_set_int_member (root, "version", FERRY_CACHE_VERSION + 1);
  text = json_generator_to_data (generator, NULL);
  assert_ignored (account, text, -1);
  g_free (text);
  json_object_set_int_member (root, "version", FERRY_CACHE_VERSION);
  json_object_set_string_member (root, "accountId", "someone-else");
  text = json_generator_to_data (generator, NULL);
  assert_ignored (account, text, -1);

  lists_clear (&lists);
}

/* An ignored file does no harm: the next save replaces it, private again. */
static void
test_replaced (void)
{
  const char *account = "3c3c3c3c-0000-4000-8000-000000000000";
  Lists lists = { 0 };
  g_autoptr(FerryCache) cache = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  assert_ignored (account, "{garbage", -1);
  cache = ferry_cache_new (account);
  g_assert_cmpint (g_chmod (ferry_cache_get_path (cache), 0644), ==, 0);
  lists_init (&lists);
  g_clear_object (&cache);
  cache = saved_cache (account, &lists);
  g_assert_cmpint (g_stat (ferry_cache_get_path (cache), &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_clear_object (&cache);
  cache = ferry_cache_new (account);
  g_assert_true (load (cache, &error));
  g_assert_no_error (error);

  lists_clear (&lists);
}

static void
test_delete (void)
{
  const char *account = "5d5d5d5d-0000-4000-8000-000000000000";
  Lists lists = { 0 };
  g_autoptr(FerryCache) cache = NULL;
  g_autoptr(GError) error = NULL;

  lists_init (&lists);
  cache = saved_cache (account, &lists);
  g_assert_true (g_file_test (ferry_cache_get_path (cache), G_FILE_TEST_EXISTS));

  /* A queued save does not bring it back. */
  ferry_cache_queue_save (cache);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GAsyncResult) result = NULL;

      ferry_cache_delete_async (cache, NULL, result_cb, &result);
      g_assert_true (ferry_cache_delete_finish (cache, wait_result (&result), &error));
      g_assert_no_error (error);
      g_assert_false (g_file_test (ferry_cache_get_path (cache), G_FILE_TEST_EXISTS));
    }
  ferry_test_spin_for (1500);
  g_assert_false (g_file_test (ferry_cache_get_path (cache), G_FILE_TEST_EXISTS));

  lists_clear (&lists);
}

static gboolean
file_exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/* Written to its end (a new file is written in place, not renamed into place). */
static gboolean
file_is_json (gpointer path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  /* An empty file parses, to no root at all. */
  return json_parser_load_from_file (parser, path, NULL) &&
         json_parser_get_root (parser) != NULL &&
         JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser));
}

/* A save still queued when the cache is let go (Ferry closing within a second of an
 * answer) is written all the same; without a queued save, flushing writes nothing. */
static void
test_flush (void)
{
  const char *account = "6e6e6e6e-0000-4000-8000-000000000000";
  Lists lists = { 0 };
  g_autoptr(FerryCache) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  FerryCache *cache;

  lists_init (&lists);
  cache = ferry_cache_new (account);
  path = g_strdup (ferry_cache_get_path (cache));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  ferry_cache_flush (cache);
  ferry_test_spin_for (200);
  g_assert_false (file_exists (path));

  ferry_cache_set_projects (cache, G_LIST_MODEL (lists.projects));
  ferry_cache_set_connections (cache, lists.project_id, G_LIST_MODEL (lists.connections));
  ferry_cache_queue_save (cache);
  ferry_cache_flush (cache);
  g_object_unref (cache);
  g_assert_true (ferry_test_spin_until (file_is_json, path, 5000));

  again = ferry_cache_new (account);
  g_assert_true (load (again, &error));
  g_assert_no_error (error);
  assert_same_resources (ferry_cache_get_connections (again, lists.project_id), G_LIST_MODEL (lists.connections));

  lists_clear (&lists);
}

/* Account ids name the file only when they are plain. */
static void
test_file_name (void)
{
  g_autoptr(FerryCache) plain = ferry_cache_new ("0e5a3c1d-7b2f-4e6a-9d8c-1f2e3d4c5b6a");
  g_autoptr(FerryCache) odd = ferry_cache_new ("../../etc/passwd");
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "ferry", NULL);
  g_autofree char *odd_dir = g_path_get_dirname (ferry_cache_get_path (odd));

  g_assert_true (g_str_has_suffix (ferry_cache_get_path (plain), "/ferry/0e5a3c1d-7b2f-4e6a-9d8c-1f2e3d4c5b6a.json"));
  g_assert_cmpstr (odd_dir, ==, dir);
  g_assert_null (strstr (ferry_cache_get_path (odd), ".."));
}

int
main (int   argc,
      char *argv[])
{
  ferry_test_init (&argc, &argv);

  g_test_add_func ("/cache/round-trip", test_round_trip);
  g_test_add_func ("/cache/no-credentials", test_no_credentials);
  g_test_add_func ("/cache/missing", test_missing);
  g_test_add_func ("/cache/corrupt", test_corrupt);
  g_test_add_func ("/cache/other-version", test_other_version);
  g_test_add_func ("/cache/replaced", test_replaced);
  g_test_add_func ("/cache/delete", test_delete);
  g_test_add_func ("/cache/flush", test_flush);
  g_test_add_func ("/cache/file-name", test_file_name);

  return g_test_run ();
}
