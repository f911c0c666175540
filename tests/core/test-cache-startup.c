/* test-cache-startup.c: FerryWorkspace's start: the offline cache, offline, parallel loads.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Real sessions against the in-process sandbox (core-test-utils.h); the cache files are
 * real, under this binary's private XDG_CACHE_HOME. A second FerryWorkspace on the same
 * session plays Ferry's next start.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "core-test-utils.h"

#define SYNCS_PATH    "/api/v1/secret-syncs/azure-devops"
#define PROJECTS_PATH "/api/v1/projects"

static char *
read_cache (FerryWorkspace *workspace)
{
  char *contents = NULL;

  if (!g_file_get_contents (ferry_cache_get_path (ferry_workspace_get_cache (workspace)), &contents, NULL, NULL))
    return NULL;
  return contents;
}

static gboolean
cache_has (FerryWorkspace *workspace,
           const char     *text)
{
  g_autofree char *contents = read_cache (workspace);

  return contents != NULL && strstr (contents, text) != NULL;
}

/* The fixture's project with syncs and connections loaded, and all of it in the file. */
static void
load_and_save (CoreFixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FerrySync) sync = NULL;
  g_autoptr(FerryConnection) connection = NULL;

  g_assert_true (core_refresh_syncs (fixture->model, &error));
  g_assert_no_error (error);
  ferry_project_model_refresh_connections (fixture->model);
  CORE_WAIT (ferry_project_model_get_connections_state (fixture->model) == FERRY_LOAD_STATE_READY, 30000);
  g_assert_cmpuint (g_list_model_get_n_items (ferry_project_model_get_syncs (fixture->model)), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (ferry_project_model_get_connections (fixture->model)), >, 0);

  sync = g_list_model_get_item (ferry_project_model_get_syncs (fixture->model), 0);
  connection = g_list_model_get_item (ferry_project_model_get_connections (fixture->model), 0);
  CORE_WAIT (cache_has (fixture->workspace, ferry_project_get_name (fixture->project)) &&
             cache_has (fixture->workspace, ferry_resource_get_id (FERRY_RESOURCE (sync))) &&
             cache_has (fixture->workspace, ferry_connection_get_name (connection)), 10000);
}

/* Written after loads, private, and the machine identity's organization from its projects. */
static void
test_saved (CoreFixture   *fixture,
            gconstpointer  data)
{
  const char *path = ferry_cache_get_path (ferry_workspace_get_cache (fixture->workspace));
  GStatBuf st;

  /* Nothing is written before the server has answered something. */
  g_assert_true (g_str_has_prefix (path, g_get_user_cache_dir ()));
  g_assert_cmpint (ferry_workspace_get_cached_at (fixture->workspace), ==, 0);
  g_assert_false (ferry_workspace_get_offline (fixture->workspace));

  load_and_save (fixture);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* The sign-in did not list the projects; the workspace's list named the organization. */
  g_assert_cmpstr (ferry_account_get_organization_id (ferry_workspace_get_account (fixture->workspace)), ==,
                   ferry_sandbox_get_organization_id (fixture->sandbox));
}

/* Next start: the cached lists are there before the server answers, then refreshed. */
static void
test_shown_before_answer (CoreFixture   *fixture,
                          gconstpointer  data)
{
  g_autoptr(FerryWorkspace) next = NULL;
  g_autoptr(FerrySync) first = NULL;
  FerryProjectModel *model;
  FerryProject *project;
  guint n_syncs;
  gint64 before = g_get_real_time () / G_USEC_PER_SEC;

  load_and_save (fixture);
  n_syncs = g_list_model_get_n_items (ferry_project_model_get_syncs (fixture->model));
  first = g_list_model_get_item (ferry_project_model_get_syncs (fixture->model), 0);

  core_add_fault (fixture, "{\"route\": \"*\", \"kind\": \"latency\", \"latencyMs\": 1500}");
  ferry_sandbox_clear_requests (fixture->sandbox);
  next = ferry_workspace_new (fixture->session);
  ferry_workspace_refresh_projects (next);
  CORE_WAIT (ferry_workspace_get_projects_state (next) == FERRY_LOAD_STATE_READY, 30000);

  /* From the file: the server has not answered the list yet (the request may not even
   * have arrived). */
  g_assert_cmpuint (core_count_requests (fixture, "GET", PROJECTS_PATH, 200), ==, 0);
  g_assert_cmpint (ferry_workspace_get_cached_at (next), >=, before - 60);
  g_assert_cmpint (ferry_workspace_get_cached_at (next), <=, g_get_real_time () / G_USEC_PER_SEC);
  g_assert_false (ferry_workspace_get_offline (next));
  project = ferry_workspace_find_project (next, ferry_resource_get_id (FERRY_RESOURCE (fixture->project)));
  g_assert_nonnull (project);
  g_assert_cmpstr (ferry_project_get_name (project), ==, ferry_project_get_name (fixture->project));

  model = ferry_workspace_get_project_model (next, project);
  g_assert_cmpint (ferry_project_model_get_syncs_state (model), ==, FERRY_LOAD_STATE_READY);
  g_assert_cmpuint (g_list_model_get_n_items (ferry_project_model_get_syncs (model)), ==, n_syncs);
  g_assert_nonnull (ferry_project_model_find_sync (model, ferry_resource_get_id (FERRY_RESOURCE (first))));
  g_assert_cmpint (ferry_project_model_get_connections_state (model), ==, FERRY_LOAD_STATE_READY);
  g_assert_cmpuint (g_list_model_get_n_items (ferry_project_model_get_connections (model)), >, 0);

  /* Then the server's answers: no longer cached. The cached connections are asked for
   * again at once (no view would ask for a list that counts as loaded). */
  ferry_project_model_hold (model);
  CORE_WAIT (ferry_workspace_get_cached_at (next) == 0, 30000);
  CORE_WAIT (core_count_requests (fixture, "GET", SYNCS_PATH, 200) >= 1, 30000);
  g_assert_cmpuint (core_count_requests (fixture, "GET", "/api/v1/app-connections/azure-devops", 0), >=, 1);
  ferry_project_model_release (model);
  ferry_sandbox_clear_faults (fixture->sandbox);
  g_clear_object (&next);
  ferry_test_spin_for (50);
}

/* The server unreachable at the next start: the cached state, offline, until Retry works. */
static void
test_offline (CoreFixture   *fixture,
              gconstpointer  data)
{
  g_autoptr(FerryWorkspace) next = NULL;
  FerryProjectModel *model;
  FerryProject *project;

  load_and_save (fixture);
  core_add_fault (fixture, "{\"route\": \"*\", \"kind\": \"reset\"}");
  next = ferry_workspace_new (fixture->session);
  ferry_workspace_refresh_projects (next);
  CORE_WAIT (ferry_workspace_get_offline (next), 60000);

  g_assert_cmpint (ferry_workspace_get_projects_state (next), ==, FERRY_LOAD_STATE_READY);
  g_assert_cmpint (ferry_workspace_get_cached_at (next), >, 0);
  g_assert_error (ferry_workspace_get_projects_error (next), FERRY_API_ERROR, FERRY_API_ERROR_NETWORK);
  project = ferry_workspace_find_project (next, ferry_resource_get_id (FERRY_RESOURCE (fixture->project)));
  g_assert_nonnull (project);
  model = ferry_workspace_get_project_model (next, project);
  g_assert_cmpuint (g_list_model_get_n_items (ferry_project_model_get_syncs (model)), ==,
                    g_list_model_get_n_items (ferry_project_model_get_syncs (fixture->model)));

  /* Back online: Retry (the project list) ends it. */
  ferry_sandbox_clear_faults (fixture->sandbox);
  ferry_workspace_refresh_projects (next);
  CORE_WAIT (!ferry_workspace_get_offline (next), 30000);
  g_assert_cmpint (ferry_workspace_get_cached_at (next), ==, 0);
  g_assert_null (ferry_workspace_get_projects_error (next));
  g_clear_object (&next);
  ferry_test_spin_for (50);
}

/* Without a cache an unreachable server is an error, not "offline". */
static void
test_unreachable_without_cache (CoreFixture   *fixture,
                                gconstpointer  data)
{
  g_autoptr(FerryWorkspace) next = NULL;
  g_autofree char *path = g_strdup (ferry_cache_get_path (ferry_workspace_get_cache (fixture->workspace)));

  /* The fixture's workspace would save its project list a second after loading it. */
  g_clear_object (&fixture->workspace);
  fixture->model = NULL;
  fixture->project = NULL;
  g_unlink (path);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  core_add_fault (fixture, "{\"route\": \"*\", \"kind\": \"reset\"}");
  next = ferry_workspace_new (fixture->session);
  ferry_workspace_refresh_projects (next);
  CORE_WAIT (ferry_workspace_get_projects_state (next) == FERRY_LOAD_STATE_ERROR, 60000);
  g_assert_false (ferry_workspace_get_offline (next));
  g_assert_cmpint (ferry_workspace_get_cached_at (next), ==, 0);
  ferry_sandbox_clear_faults (fixture->sandbox);
  g_clear_object (&next);
  ferry_test_spin_for (50);
}

/* Signing out (removing the account) deletes its cache. */
static void
test_sign_out_deletes (CoreFixture   *fixture,
                       gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  load_and_save (fixture);
  path = g_strdup (ferry_cache_get_path (ferry_workspace_get_cache (fixture->workspace)));
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  ferry_session_sign_out_async (fixture->session, NULL, core_result_cb, &result);
  g_assert_true (ferry_session_sign_out_finish (fixture->session, core_wait_result (&result), &error));
  g_assert_no_error (error);
  CORE_WAIT (!g_file_test (path, G_FILE_TEST_EXISTS), 10000);
  /* And nothing queued brings it back. */
  ferry_test_spin_for (1500);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* The last project's syncs go out with the project list, not after it. */
static void
test_prefetch_in_parallel (CoreFixture   *fixture,
                           gconstpointer  data)
{
  g_autoptr(FerryWorkspace) next = NULL;
  const char *id = ferry_resource_get_id (FERRY_RESOURCE (fixture->project));
  FerryProjectModel *model;

  core_add_fault (fixture, "{\"route\": \"*\", \"kind\": \"latency\", \"latencyMs\": 1000}");
  ferry_sandbox_clear_requests (fixture->sandbox);
  next = ferry_workspace_new (fixture->session);
  ferry_workspace_prefetch (next, id);
  ferry_workspace_refresh_projects (next);

  /* Both in flight at once (and the connections, which need no project list either). */
  CORE_WAIT (core_count_requests (fixture, "GET", PROJECTS_PATH, -1) == 1 &&
             core_count_requests (fixture, "GET", SYNCS_PATH, -1) == 1, 10000);
  g_assert_cmpuint (core_count_requests (fixture, "GET", PROJECTS_PATH, 0), ==, 1);

  /* The model made before the list is the one the list's project gets, filled in. */
  CORE_WAIT (ferry_workspace_get_projects_state (next) == FERRY_LOAD_STATE_READY, 30000);
  model = ferry_workspace_get_project_model (next, ferry_workspace_find_project (next, id));
  CORE_WAIT (ferry_project_model_get_syncs_state (model) == FERRY_LOAD_STATE_READY, 30000);
  g_assert_cmpstr (ferry_project_get_name (ferry_project_model_get_project (model)), ==,
                   ferry_project_get_name (fixture->project));
  g_assert_cmpuint (core_count_requests (fixture, "GET", SYNCS_PATH, 0), ==, 1);
  g_assert_cmpuint (core_count_requests (fixture, "GET", PROJECTS_PATH, 0), ==, 1);

  ferry_sandbox_clear_faults (fixture->sandbox);
  g_clear_object (&next);
  ferry_test_spin_for (50);
}

int
main (int   argc,
      char *argv[])
{
  ferry_test_init (&argc, &argv);

  if (core_test_have_keyring ("/cache-startup/skipped"))
    {
#define ADD(path, func) \
      g_test_add (path, CoreFixture, NULL, core_fixture_setup, func, core_fixture_teardown)
      ADD ("/cache-startup/saved", test_saved);
      ADD ("/cache-startup/shown-before-answer", test_shown_before_answer);
      ADD ("/cache-startup/offline", test_offline);
      ADD ("/cache-startup/unreachable-without-cache", test_unreachable_without_cache);
      ADD ("/cache-startup/sign-out-deletes", test_sign_out_deletes);
      ADD ("/cache-startup/prefetch-in-parallel", test_prefetch_in_parallel);
#undef ADD
    }

  return g_test_run ();
}
