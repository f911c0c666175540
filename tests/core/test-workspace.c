/* test-workspace.c: FerryWorkspace and the holds of FerryProjectModel over real HTTP against
 * the in-process sandbox: the project list, one shared model and one request for every
 * holder, periodic refresh only while held, a refused token switching the session to
 * EXPIRED, and FerryContext's "workspace".
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "core-test-utils.h"
#include "ferry-api-error.h"
#include "ferry-context.h"

#define SYNCS_PATH "/api/v1/secret-syncs/azure-devops"
#define PROJECTS_PATH "/api/v1/projects"

static void
count_cb (gpointer  object,
          gpointer  arg,
          guint    *count)
{
  (*count)++;
}

static void
test_projects (CoreFixture   *fixture,
               gconstpointer  data)
{
  GListModel *projects = ferry_workspace_get_projects (fixture->workspace);
  g_autoptr(FerryProject) first = g_list_model_get_item (projects, 0);
  guint changed = 0;

  g_assert_cmpuint (g_list_model_get_n_items (projects), ==, 3);
  g_assert_null (ferry_workspace_get_projects_error (fixture->workspace));
  g_assert_true (ferry_workspace_get_account (fixture->workspace) == ferry_session_get_account (fixture->session));
  g_assert_true (ferry_workspace_get_client (fixture->workspace) == ferry_session_get_client (fixture->session));

  /* Refreshed in place: the same objects, and the models keep theirs. */
  g_signal_connect (projects, "items-changed", G_CALLBACK (count_cb), &changed);
  ferry_workspace_refresh_projects (fixture->workspace);
  ferry_workspace_refresh_projects (fixture->workspace);   /* in flight: no second request */
  CORE_WAIT (core_count_requests (fixture, "GET", PROJECTS_PATH, 200) == 1, 10000);
  ferry_test_spin_for (50);
  g_assert_cmpuint (core_count_requests (fixture, "GET", PROJECTS_PATH, 0), ==, 1);
  g_assert_cmpuint (changed, ==, 0);
  g_assert_true (ferry_workspace_find_project (fixture->workspace, ferry_resource_get_id (FERRY_RESOURCE (first))) == first);
  g_assert_true (ferry_project_model_get_project (fixture->model) == fixture->project);
  g_assert_true (ferry_project_model_get_workspace (fixture->model) == fixture->workspace);
  g_assert_null (ferry_workspace_find_project (fixture->workspace, "no-such-project"));
  g_signal_handlers_disconnect_by_data (projects, &changed);
}

static void
test_shared_model (CoreFixture   *fixture,
                   gconstpointer  data)
{
  FerryProjectModel *model = fixture->model;
  FerryProjectModel *again = ferry_workspace_get_project_model (fixture->workspace, fixture->project);
  FerryProject *other = ferry_workspace_find_project (fixture->workspace,
                                                      ferry_sandbox_get_project_id (fixture->sandbox, 1));

  /* One model per project, whoever asks. */
  g_assert_true (again == model);
  g_assert_false (ferry_workspace_get_project_model (fixture->workspace, other) == model);

  /* Two holders (the Syncs page and the Connections page, say): one request. */
  ferry_project_model_hold (model);
  ferry_project_model_hold (again);
  ferry_project_model_refresh (model);
  g_assert_cmpint (ferry_project_model_get_syncs_state (model), ==, FERRY_LOAD_STATE_LOADING);
  CORE_WAIT (ferry_project_model_get_syncs_state (model) == FERRY_LOAD_STATE_READY, 10000);
  ferry_test_spin_for (100);
  g_assert_cmpuint (core_count_requests (fixture, "GET", SYNCS_PATH, 0), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (ferry_project_model_get_syncs (again)), ==, 1);

  /* Let go and take again soon: the list is fresh, nothing is asked. */
  ferry_project_model_release (model);
  ferry_project_model_release (again);
  ferry_project_model_hold (model);
  ferry_test_spin_for (100);
  g_assert_cmpuint (core_count_requests (fixture, "GET", SYNCS_PATH, 0), ==, 1);
  ferry_project_model_release (model);
}

static void
test_release_stops_refresh (CoreFixture   *fixture,
                            gconstpointer  data)
{
  FerryProjectModel *model = fixture->model;

  ferry_project_model_set_refresh_interval (model, 1);
  g_assert_cmpuint (ferry_project_model_get_refresh_interval (model), ==, 1);

  /* Held: the list is asked again and again. */
  ferry_project_model_hold (model);
  ferry_project_model_hold (model);
  CORE_WAIT (core_count_requests (fixture, "GET", SYNCS_PATH, 200) >= 3, 10000);

  /* One holder left: still refreshing. */
  ferry_project_model_release (model);
  ferry_sandbox_clear_requests (fixture->sandbox);
  CORE_WAIT (core_count_requests (fixture, "GET", SYNCS_PATH, 200) >= 1, 5000);

  /* Nobody: quiet. */
  ferry_project_model_release (model);
  ferry_test_spin_for (100);
  ferry_sandbox_clear_requests (fixture->sandbox);
  ferry_test_spin_for (2600);
  g_assert_cmpuint (core_count_requests (fixture, "GET", NULL, 0), ==, 0);

  /* Taken again after longer than the interval: refreshed at once. */
  ferry_project_model_hold (model);
  CORE_WAIT (core_count_requests (fixture, "GET", SYNCS_PATH, 200) >= 1, 5000);
  ferry_project_model_release (model);
}

/* ---- Session expiry ---- */

static void
test_check_error (CoreFixture   *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) not_found = g_error_new_literal (FERRY_API_ERROR, FERRY_API_ERROR_NOT_FOUND, "gone");
  g_autoptr(GError) forbidden = g_error_new_literal (FERRY_API_ERROR, FERRY_API_ERROR_FORBIDDEN, "no");
  g_autoptr(GError) expired = g_error_new_literal (FERRY_API_ERROR, FERRY_API_ERROR_TOKEN_EXPIRED, "expired");
  guint notifies = 0;

  g_signal_connect (fixture->session, "notify::state", G_CALLBACK (count_cb), &notifies);
  g_assert_false (ferry_workspace_check_error (fixture->workspace, not_found));
  g_assert_false (ferry_workspace_check_error (fixture->workspace, forbidden));
  g_assert_false (ferry_workspace_check_error (fixture->workspace, NULL));
  g_assert_cmpint (ferry_session_get_state (fixture->session), ==, FERRY_SESSION_STATE_ACTIVE);
  g_assert_cmpuint (notifies, ==, 0);

  g_assert_true (ferry_workspace_check_error (fixture->workspace, expired));
  g_assert_cmpint (ferry_session_get_state (fixture->session), ==, FERRY_SESSION_STATE_EXPIRED);
  g_assert_cmpuint (notifies, ==, 1);
  g_signal_handlers_disconnect_by_data (fixture->session, &notifies);
}

/* A machine identity whose token the server keeps refusing: the client logs in again once
 * and retries, which leaves the session active; only the model's check makes it EXPIRED. */
static void
test_refused_token_expires (CoreFixture   *fixture,
                            gconstpointer  data)
{
  FerryProjectModel *model = fixture->model;

  ferry_project_model_set_refresh_interval (model, 1);
  ferry_project_model_hold (model);
  CORE_WAIT (ferry_project_model_get_syncs_state (model) == FERRY_LOAD_STATE_READY, 10000);

  core_add_fault (fixture, "{\"route\": \"GET " SYNCS_PATH "\", \"status\": 401}");
  CORE_WAIT (ferry_project_model_get_syncs_error (model) != NULL, 10000);
  g_assert_error (ferry_project_model_get_syncs_error (model), FERRY_API_ERROR, FERRY_API_ERROR_UNAUTHORIZED);
  g_assert_cmpuint (core_count_requests (fixture, "POST", "/api/v1/auth/universal-auth/login", 200), >=, 1);
  g_assert_cmpint (ferry_session_get_state (fixture->session), ==, FERRY_SESSION_STATE_EXPIRED);
  /* The list people saw stays. */
  g_assert_cmpint (ferry_project_model_get_syncs_state (model), ==, FERRY_LOAD_STATE_READY);
  g_assert_cmpuint (g_list_model_get_n_items (ferry_project_model_get_syncs (model)), ==, 1);

  /* Expired: the timers ask nothing more. */
  ferry_test_spin_for (100);
  ferry_sandbox_clear_requests (fixture->sandbox);
  ferry_test_spin_for (2600);
  g_assert_cmpuint (core_count_requests (fixture, "GET", SYNCS_PATH, 0), ==, 0);
  ferry_project_model_release (model);
}

/* The demo user: a refused JWT (403 TokenError) cannot be refreshed. */
static void
test_user_token_expires (CoreFixture   *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  core_add_fault (fixture, "{\"route\": \"GET " SYNCS_PATH "\", \"status\": 403}");
  g_assert_false (core_refresh_syncs (fixture->model, &error));
  g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_TOKEN_EXPIRED);
  g_assert_cmpint (ferry_session_get_state (fixture->session), ==, FERRY_SESSION_STATE_EXPIRED);
  g_assert_cmpint (ferry_project_model_get_syncs_state (fixture->model), ==, FERRY_LOAD_STATE_ERROR);
}

/* ---- The context ---- */

static void
test_context_workspace (CoreFixture   *fixture,
                        gconstpointer  data)
{
  g_autoptr(FerryContext) context = ferry_context_new (fixture->settings, fixture->tokens);
  FerryWorkspace *workspace;
  gpointer weak = NULL;
  guint notifies = 0;

  g_assert_null (ferry_context_get_workspace (context));
  g_signal_connect (context, "notify::workspace", G_CALLBACK (count_cb), &notifies);

  ferry_context_set_session (context, fixture->session);
  workspace = ferry_context_get_workspace (context);
  g_assert_nonnull (workspace);
  g_assert_true (ferry_workspace_get_session (workspace) == fixture->session);
  g_assert_cmpuint (notifies, ==, 1);
  /* The old getters still work. */
  g_assert_true (ferry_context_get_client (context) == ferry_session_get_client (fixture->session));

  /* The same session again: the same workspace. */
  ferry_context_set_session (context, fixture->session);
  g_assert_true (ferry_context_get_workspace (context) == workspace);
  g_assert_cmpuint (notifies, ==, 1);

  /* Signed out: the workspace goes, and with it its models. */
  ferry_project_model_hold (ferry_workspace_get_project_model (workspace, fixture->project));
  weak = workspace;
  g_object_add_weak_pointer (G_OBJECT (workspace), &weak);
  ferry_context_set_session (context, NULL);
  g_assert_null (ferry_context_get_workspace (context));
  g_assert_cmpuint (notifies, ==, 2);
  CORE_WAIT (weak == NULL, 5000);
  g_signal_handlers_disconnect_by_data (context, &notifies);
}

/* A model outlives its workspace in a view: it stops, and says why it cannot act. */
static void
test_model_after_sign_out (CoreFixture   *fixture,
                           gconstpointer  data)
{
  FerryProjectModel *model = g_object_ref (fixture->model);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gpointer weak = model;
  FerrySync *sync;

  g_assert_true (core_refresh_syncs (model, &error));
  g_assert_no_error (error);
  sync = g_list_model_get_item (ferry_project_model_get_syncs (model), 0);
  g_object_unref (sync);   /* the store keeps it */
  ferry_project_model_hold (model);

  /* The view's reference is the last one now. */
  g_clear_object (&fixture->workspace);
  fixture->model = NULL;
  ferry_sandbox_clear_requests (fixture->sandbox);
  ferry_project_model_trigger_sync_async (model, sync, NULL, core_result_cb, &result);
  g_assert_false (ferry_project_model_trigger_sync_finish (model, core_wait_result (&result), &error));
  g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_UNAUTHORIZED);
  g_assert_cmpint (ferry_sync_get_operation (sync), ==, FERRY_SYNC_OPERATION_NONE);
  g_assert_null (ferry_project_model_get_workspace (model));
  ferry_test_spin_for (2600);
  g_assert_cmpuint (core_count_requests (fixture, "GET", NULL, 0), ==, 0);
  ferry_project_model_release (model);

  g_clear_object (&result);
  g_object_add_weak_pointer (G_OBJECT (model), &weak);
  g_object_unref (model);
  g_assert_null (weak);
}

int
main (int   argc,
      char *argv[])
{
  ferry_test_init (&argc, &argv);

  if (!core_test_have_keyring ("/workspace/needs-secret-service"))
    return g_test_run ();

#define ADD(path, setup, func) \
  g_test_add ("/workspace/" path, CoreFixture, NULL, setup, func, core_fixture_teardown)
  ADD ("projects", core_fixture_setup, test_projects);
  ADD ("shared-model", core_fixture_setup, test_shared_model);
  ADD ("release-stops-refresh", core_fixture_setup, test_release_stops_refresh);
  ADD ("check-error", core_fixture_setup, test_check_error);
  ADD ("refused-token-expires", core_fixture_setup, test_refused_token_expires);
  ADD ("user-token-expires", core_fixture_setup_user, test_user_token_expires);
  ADD ("context-workspace", core_fixture_setup, test_context_workspace);
  ADD ("model-after-sign-out", core_fixture_setup, test_model_after_sign_out);
#undef ADD

  return g_test_run ();
}
