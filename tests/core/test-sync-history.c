/* test-sync-history.c: FerrySyncHistory against the sandbox's audit log, and what a delete
 * with the secrets reports once the sync is gone.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo's web-prod-to-contoso-web has a seeded past (tests/sandbox/sandbox-seed-history.c):
 * created by the user, synced, failed twice when its PAT stopped working, recovered, synced
 * since: 7 events of the last week, newest a success.
 */

#include "config.h"

#include <string.h>

#include "core-test-utils.h"
#include "ferry-project-model.h"

#define AUDIT_PATH "/api/v1/organization/audit-logs"
#define SEEDED_EVENTS 7

static FerrySync *
first_sync (FerryProjectModel *model)
{
  g_autoptr(FerrySync) sync = g_list_model_get_item (ferry_project_model_get_syncs (model), 0);

  g_assert_nonnull (sync);
  return sync;   /* the store keeps it */
}

static FerrySyncHistory *
history_of_first (CoreFixture *fixture)
{
  g_autoptr(GError) error = NULL;
  FerrySyncHistory *history;

  g_assert_true (core_refresh_syncs (fixture->model, &error));
  g_assert_no_error (error);
  history = ferry_project_model_get_sync_history (fixture->model, first_sync (fixture->model));
  g_assert_nonnull (history);
  return history;
}

static void
loaded_cb (FerrySyncHistory *history,
           guint            *count)
{
  (*count)++;
}

/* Runs @action (load, refresh, more) and waits for its answer. */
static void
history_wait (FerrySyncHistory *history,
              void            (*action) (FerrySyncHistory *))
{
  guint loaded = 0;
  gulong id = g_signal_connect (history, "loaded", G_CALLBACK (loaded_cb), &loaded);

  action (history);
  CORE_WAIT (loaded > 0, 20000);
  g_signal_handler_disconnect (history, id);
  g_assert_false (ferry_sync_history_get_loading (history));
}

static FerryAuditEvent *
event_at (FerrySyncHistory *history,
          guint             position)
{
  g_autoptr(FerryAuditEvent) event = g_list_model_get_item (G_LIST_MODEL (history), position);

  g_assert_nonnull (event);
  return event;   /* the history keeps it */
}

static guint
count_view_events (CoreFixture *fixture)
{
  g_autoptr(JsonNode) node = ferry_sandbox_get_audit_logs (fixture->sandbox);
  JsonArray *logs = json_node_get_array (node);
  guint count = 0;

  for (guint i = 0; i < json_array_get_length (logs); i++)
    {
      JsonObject *event = json_object_get_object_member (json_array_get_object_element (logs, i), "event");

      if (g_strcmp0 (json_object_get_string_member (event, "type"), "view-audit-logs") == 0)
        count++;
    }
  return count;
}

/* The model makes one history per sync, before anyone asks, and fetches nothing for it. */
static void
test_owned_by_model (CoreFixture   *fixture,
                     gconstpointer  data)
{
  FerrySyncHistory *history = history_of_first (fixture);
  FerrySync *sync = first_sync (fixture->model);

  g_assert_true (ferry_sync_history_peek (sync) == history);
  g_assert_true (ferry_project_model_get_sync_history (fixture->model, sync) == history);
  g_assert_cmpstr (ferry_sync_history_get_sync_id (history), ==, ferry_resource_get_id (FERRY_RESOURCE (sync)));
  g_assert_cmpint (ferry_sync_history_get_state (history), ==, FERRY_HISTORY_STATE_IDLE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 0);
  g_assert_cmpuint (core_count_requests (fixture, "GET", AUDIT_PATH, 0), ==, 0);

  /* Not on the list's timer either: held with a one-second refresh, the list refreshes and
   * the audit log is never asked. */
  ferry_project_model_set_refresh_interval (fixture->model, 1);
  ferry_project_model_hold (fixture->model);
  ferry_test_spin_for (2500);
  ferry_project_model_release (fixture->model);
  g_assert_cmpuint (core_count_requests (fixture, "GET", "/api/v1/secret-syncs/azure-devops", 200), >=, 2);
  g_assert_cmpuint (core_count_requests (fixture, "GET", AUDIT_PATH, 0), ==, 0);
}

static void
test_seeded_past (CoreFixture   *fixture,
                  gconstpointer  data)
{
  FerrySyncHistory *history = history_of_first (fixture);
  FerryAuditEvent *newest, *oldest;
  guint views = count_view_events (fixture);
  guint failed = 0;

  history_wait (history, ferry_sync_history_load);
  g_assert_cmpint (ferry_sync_history_get_state (history), ==, FERRY_HISTORY_STATE_LOADED);
  g_assert_null (ferry_sync_history_get_error (history));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, SEEDED_EVENTS);
  g_assert_false (ferry_sync_history_get_has_more (history));

  newest = event_at (history, 0);
  oldest = event_at (history, SEEDED_EVENTS - 1);
  g_assert_cmpint (ferry_audit_event_get_kind (newest), ==, FERRY_AUDIT_EVENT_SYNC_RUN);
  g_assert_cmpint (ferry_audit_event_get_actor_kind (newest), ==, FERRY_AUDIT_ACTOR_PLATFORM);
  g_assert_cmpint (ferry_audit_event_get_sync_status (newest), ==, FERRY_SYNC_STATUS_SUCCEEDED);
  g_assert_cmpint (ferry_audit_event_get_kind (oldest), ==, FERRY_AUDIT_EVENT_CREATED);
  g_assert_cmpint (ferry_audit_event_get_actor_kind (oldest), ==, FERRY_AUDIT_ACTOR_USER);
  g_assert_cmpstr (ferry_audit_event_get_actor_email (oldest), ==, ferry_sandbox_get_user_email (fixture->sandbox));
  for (guint i = 1; i < SEEDED_EVENTS; i++)
    {
      FerryAuditEvent *event = event_at (history, i);

      /* Newest first. */
      g_assert_cmpint (g_date_time_compare (ferry_audit_event_get_time (event_at (history, i - 1)),
                                            ferry_audit_event_get_time (event)), >=, 0);
      if (ferry_audit_event_get_sync_status (event) == FERRY_SYNC_STATUS_FAILED)
        {
          failed++;
          g_assert_nonnull (strstr (ferry_audit_event_get_message (event), "TF400813"));
        }
    }
  g_assert_cmpuint (failed, ==, 2);
  /* Failed twice and recovered since: not failing. */
  g_assert_null (ferry_sync_history_get_failing_since (history));

  /* The request carried a start inside the three-month rule and the sync's filter; the
   * first page wrote one view-audit-logs event. */
  g_assert_cmpuint (core_count_requests (fixture, "GET", AUDIT_PATH, 200), ==, 1);
  g_assert_cmpuint (count_view_events (fixture), ==, views + 1);

  /* A second load is no request: it is loaded. */
  ferry_sync_history_load (history);
  g_assert_false (ferry_sync_history_get_loading (history));
  g_assert_cmpuint (core_count_requests (fixture, "GET", AUDIT_PATH, 0), ==, 1);
}

static void
test_runs_after_sync_now (CoreFixture   *fixture,
                          gconstpointer  data)
{
  FerrySyncHistory *history = history_of_first (fixture);
  FerrySync *sync = first_sync (fixture->model);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  FerryAuditEvent *newest;

  history_wait (history, ferry_sync_history_load);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, SEEDED_EVENTS);

  ferry_project_model_trigger_sync_async (fixture->model, sync, NULL, core_result_cb, &result);
  g_assert_true (ferry_project_model_trigger_sync_finish (fixture->model, core_wait_result (&result), &error));
  g_assert_no_error (error);
  CORE_WAIT (!ferry_sync_get_busy (sync), 20000);

  history_wait (history, ferry_sync_history_refresh);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, SEEDED_EVENTS + 1);
  newest = event_at (history, 0);
  g_assert_cmpint (ferry_audit_event_get_kind (newest), ==, FERRY_AUDIT_EVENT_SYNC_RUN);
  g_assert_cmpint (ferry_audit_event_get_sync_status (newest), ==, FERRY_SYNC_STATUS_SUCCEEDED);
  /* Sync Now by the machine identity the fixture signed in with. */
  g_assert_cmpint (ferry_audit_event_get_actor_kind (newest), ==, FERRY_AUDIT_ACTOR_IDENTITY);
  g_assert_nonnull (ferry_audit_event_get_actor_name (newest));
  g_assert_cmpstr (ferry_audit_event_get_job_id (newest), ==, ferry_sync_get_last_sync_job_id (sync));
  g_assert_null (ferry_sync_history_get_failing_since (history));
}

/* Failures after the seeded recovery: failing since the first of them, not since the older
 * ones; then a recovery ends it. */
static void
test_failing_since (CoreFixture   *fixture,
                    gconstpointer  data)
{
  FerrySyncHistory *history = history_of_first (fixture);
  FerrySync *sync = first_sync (fixture->model);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) first_failure = NULL;
  GDateTime *since;

  ferry_sandbox_revoke_devops_pat (fixture->sandbox, ferry_sandbox_get_devops_pat (fixture->sandbox, "contoso"));
  for (guint run = 0; run < 2; run++)
    {
      ferry_project_model_trigger_sync_async (fixture->model, sync, NULL, core_result_cb, &result);
      g_assert_true (ferry_project_model_trigger_sync_finish (fixture->model, core_wait_result (&result), &error));
      g_assert_no_error (error);
      g_clear_object (&result);
      CORE_WAIT (!ferry_sync_get_busy (sync), 20000);
      g_assert_cmpint (ferry_sync_get_sync_status (sync), ==, FERRY_SYNC_STATUS_FAILED);

      history_wait (history, run == 0 ? ferry_sync_history_load : ferry_sync_history_refresh);
      g_assert_cmpint (ferry_audit_event_get_sync_status (event_at (history, 0)), ==, FERRY_SYNC_STATUS_FAILED);
      if (run == 0)
        first_failure = g_date_time_ref (ferry_audit_event_get_time (event_at (history, 0)));
    }

  /* Two failures in a row: since the first of them, and the success before is listed. */
  since = ferry_sync_history_get_failing_since (history);
  g_assert_nonnull (since);
  g_assert_true (g_date_time_equal (since, first_failure));
  g_assert_true (ferry_sync_history_get_failing_since_exact (history));

  /* Recovery: the connection gets a new PAT and the next run succeeds; no longer failing. */
  {
    g_autoptr(FerryConnectionCredentials) credentials = ferry_connection_credentials_new (FERRY_CONNECTION_METHOD_ACCESS_TOKEN);
    g_autoptr(FerryConnection) updated = NULL;
    FerryConnection *connection;

    ferry_project_model_refresh_connections (fixture->model);
    CORE_WAIT (ferry_project_model_get_connections_state (fixture->model) == FERRY_LOAD_STATE_READY, 20000);
    connection = ferry_project_model_find_connection (fixture->model, ferry_sync_get_connection_id (sync));
    g_assert_nonnull (connection);
    credentials->org_name = g_strdup ("contoso");
    credentials->access_token = g_strdup (ferry_sandbox_add_devops_pat (fixture->sandbox, "contoso"));
    ferry_project_model_update_connection_async (fixture->model, connection, NULL, NULL, credentials,
                                                 NULL, core_result_cb, &result);
    updated = ferry_project_model_update_connection_finish (fixture->model, core_wait_result (&result), &error);
    g_assert_no_error (error);
    g_clear_object (&result);
  }
  ferry_project_model_trigger_sync_async (fixture->model, sync, NULL, core_result_cb, &result);
  g_assert_true (ferry_project_model_trigger_sync_finish (fixture->model, core_wait_result (&result), &error));
  g_assert_no_error (error);
  CORE_WAIT (!ferry_sync_get_busy (sync), 20000);
  g_assert_cmpint (ferry_sync_get_sync_status (sync), ==, FERRY_SYNC_STATUS_SUCCEEDED);
  history_wait (history, ferry_sync_history_refresh);
  g_assert_cmpint (ferry_audit_event_get_sync_status (event_at (history, 0)), ==, FERRY_SYNC_STATUS_SUCCEEDED);
  g_assert_cmpint (ferry_audit_event_get_sync_status (event_at (history, 1)), ==, FERRY_SYNC_STATUS_FAILED);
  g_assert_null (ferry_sync_history_get_failing_since (history));
}

/* Three a page: 3 + 3 + 1, and only the first page writes a view-audit-logs event. */
static void
test_paging (CoreFixture   *fixture,
             gconstpointer  data)
{
  FerrySyncHistory *history = history_of_first (fixture);
  GHashTable *ids = g_hash_table_new (g_str_hash, g_str_equal);
  guint views = count_view_events (fixture);

  ferry_sync_history_set_page_size (history, 3);
  history_wait (history, ferry_sync_history_load);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 3);
  g_assert_true (ferry_sync_history_get_has_more (history));

  history_wait (history, ferry_sync_history_load_more);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 6);
  g_assert_true (ferry_sync_history_get_has_more (history));

  history_wait (history, ferry_sync_history_load_more);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, SEEDED_EVENTS);
  g_assert_false (ferry_sync_history_get_has_more (history));

  /* No more to load: nothing is sent. */
  ferry_sync_history_load_more (history);
  g_assert_false (ferry_sync_history_get_loading (history));
  g_assert_cmpuint (core_count_requests (fixture, "GET", AUDIT_PATH, 200), ==, 3);

  for (guint i = 0; i < SEEDED_EVENTS; i++)
    g_hash_table_add (ids, (gpointer) ferry_audit_event_get_id (event_at (history, i)));
  g_assert_cmpuint (g_hash_table_size (ids), ==, SEEDED_EVENTS);
  g_assert_cmpint (ferry_audit_event_get_kind (event_at (history, SEEDED_EVENTS - 1)), ==, FERRY_AUDIT_EVENT_CREATED);
  g_assert_cmpuint (count_view_events (fixture), ==, views + 1);

  /* A refresh starts over with the first page. */
  history_wait (history, ferry_sync_history_refresh);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 3);
  g_hash_table_unref (ids);
}

static void
test_forbidden (CoreFixture   *fixture,
                gconstpointer  data)
{
  FerrySyncHistory *history = history_of_first (fixture);

  ferry_sandbox_set_audit_log_readable (fixture->sandbox, FERRY_SANDBOX_ACTOR_IDENTITY, FALSE);
  history_wait (history, ferry_sync_history_load);
  g_assert_cmpint (ferry_sync_history_get_state (history), ==, FERRY_HISTORY_STATE_FORBIDDEN);
  g_assert_error (ferry_sync_history_get_error (history), FERRY_API_ERROR, FERRY_API_ERROR_AUDIT_LOGS_FORBIDDEN);
  g_assert_nonnull (strstr (ferry_sync_history_get_error (history)->message, "Audit Logs read permission"));
  g_assert_cmpstr (ferry_api_error_get_detail (ferry_sync_history_get_error (history)), ==,
                   "You are not allowed to read on audit-logs");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 0);

  /* Granted since: a refresh loads it. */
  ferry_sandbox_set_audit_log_readable (fixture->sandbox, FERRY_SANDBOX_ACTOR_IDENTITY, TRUE);
  history_wait (history, ferry_sync_history_refresh);
  g_assert_cmpint (ferry_sync_history_get_state (history), ==, FERRY_HISTORY_STATE_LOADED);
  g_assert_null (ferry_sync_history_get_error (history));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, SEEDED_EVENTS);
}

/* A plan without audit logs answers an empty list; the sync ran this week, so that means
 * "not kept", not "nothing happened". */
static void
test_no_retention (CoreFixture   *fixture,
                   gconstpointer  data)
{
  FerrySyncHistory *history = history_of_first (fixture);

  ferry_sandbox_set_audit_log_retention (fixture->sandbox, 0);
  history_wait (history, ferry_sync_history_load);
  g_assert_cmpint (ferry_sync_history_get_state (history), ==, FERRY_HISTORY_STATE_NO_RETENTION);
  g_assert_null (ferry_sync_history_get_error (history));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 0);
  g_assert_null (ferry_sync_history_get_failing_since (history));
}

static void
test_unsupported (CoreFixture   *fixture,
                  gconstpointer  data)
{
  FerrySyncHistory *history = history_of_first (fixture);

  ferry_sandbox_set_audit_log_route (fixture->sandbox, FALSE);
  history_wait (history, ferry_sync_history_load);
  g_assert_cmpint (ferry_sync_history_get_state (history), ==, FERRY_HISTORY_STATE_UNSUPPORTED);
  g_assert_error (ferry_sync_history_get_error (history), FERRY_API_ERROR, FERRY_API_ERROR_UNSUPPORTED);
}

/* ---- Delete with the secrets, on a build that deletes the sync anyway ---- */

typedef struct
{
  guint     calls;
  gboolean  deleted;
  FerrySync *sync;
} Settled;

static void
settled_cb (FerryProjectModel  *model,
            FerrySync          *sync,
            FerrySyncOperation  operation,
            gboolean            deleted,
            Settled            *record)
{
  record->calls++;
  record->deleted = deleted;
  g_set_object (&record->sync, sync);
}

static void
delete_with_secrets (CoreFixture *fixture,
                     FerrySync   *sync,
                     Settled     *settled)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_signal_connect (fixture->model, "sync-settled", G_CALLBACK (settled_cb), settled);
  ferry_project_model_delete_sync_async (fixture->model, sync, TRUE, NULL, core_result_cb, &result);
  g_assert_true (ferry_project_model_delete_sync_finish (fixture->model, core_wait_result (&result), &error));
  g_assert_no_error (error);
  CORE_WAIT (settled->calls > 0, 20000);
  g_signal_handlers_disconnect_by_data (fixture->model, settled);
  g_assert_cmpuint (settled->calls, ==, 1);
  g_assert_true (settled->sync == sync);
  g_assert_true (settled->deleted);
  g_assert_null (ferry_project_model_find_sync (fixture->model, ferry_resource_get_id (FERRY_RESOURCE (sync))));
  g_assert_cmpint (ferry_sync_get_operation (sync), ==, FERRY_SYNC_OPERATION_NONE);
  g_clear_object (&settled->sync);
}

/* The remove job failed (revoked PAT), the server deleted the sync all the same: the
 * settled sync says the removal failed, with Azure's message. */
static void
test_deleted_anyway (CoreFixture   *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FerrySync) sync = NULL;
  Settled settled = { 0 };

  g_assert_true (core_refresh_syncs (fixture->model, &error));
  sync = g_object_ref (first_sync (fixture->model));
  ferry_sandbox_set_delete_after_failed_remove (fixture->sandbox, TRUE);
  ferry_sandbox_revoke_devops_pat (fixture->sandbox, ferry_sandbox_get_devops_pat (fixture->sandbox, "contoso"));

  delete_with_secrets (fixture, sync, &settled);
  g_assert_cmpint (ferry_sync_get_remove_status (sync), ==, FERRY_SYNC_STATUS_FAILED);
  g_assert_nonnull (strstr (ferry_sync_get_last_remove_message (sync), "TF400813"));
  g_assert_cmpuint (core_count_requests (fixture, "GET", AUDIT_PATH, 200), ==, 1);
}

/* The same when it worked: the audit log says succeeded. */
static void
test_deleted_removed (CoreFixture   *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FerrySync) sync = NULL;
  Settled settled = { 0 };

  g_assert_true (core_refresh_syncs (fixture->model, &error));
  sync = g_object_ref (first_sync (fixture->model));
  ferry_sandbox_set_delete_after_failed_remove (fixture->sandbox, TRUE);

  delete_with_secrets (fixture, sync, &settled);
  g_assert_cmpint (ferry_sync_get_remove_status (sync), ==, FERRY_SYNC_STATUS_SUCCEEDED);
  g_assert_null (ferry_sync_get_last_remove_message (sync));
}

/* Without the audit log Ferry cannot know: neither succeeded nor failed. */
static void
test_deleted_unknown (CoreFixture   *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FerrySync) sync = NULL;
  Settled settled = { 0 };

  g_assert_true (core_refresh_syncs (fixture->model, &error));
  sync = g_object_ref (first_sync (fixture->model));
  ferry_sandbox_set_delete_after_failed_remove (fixture->sandbox, TRUE);
  ferry_sandbox_revoke_devops_pat (fixture->sandbox, ferry_sandbox_get_devops_pat (fixture->sandbox, "contoso"));
  ferry_sandbox_set_audit_log_readable (fixture->sandbox, FERRY_SANDBOX_ACTOR_IDENTITY, FALSE);

  delete_with_secrets (fixture, sync, &settled);
  g_assert_cmpint (ferry_sync_get_remove_status (sync), ==, FERRY_SYNC_STATUS_NONE);
  g_assert_null (ferry_sync_get_last_remove_message (sync));
}

int
main (int   argc,
      char *argv[])
{
  ferry_test_init (&argc, &argv);

  if (!core_test_have_keyring ("/sync-history/needs-secret-service"))
    return g_test_run ();

#define ADD(path, func) \
  g_test_add ("/sync-history/" path, CoreFixture, NULL, core_fixture_setup, func, core_fixture_teardown)
  ADD ("owned-by-model", test_owned_by_model);
  ADD ("seeded-past", test_seeded_past);
  ADD ("runs-after-sync-now", test_runs_after_sync_now);
  ADD ("failing-since", test_failing_since);
  ADD ("paging", test_paging);
  ADD ("forbidden", test_forbidden);
  ADD ("no-retention", test_no_retention);
  ADD ("unsupported", test_unsupported);
  ADD ("delete/deleted-anyway", test_deleted_anyway);
  ADD ("delete/deleted-removed", test_deleted_removed);
  ADD ("delete/deleted-unknown", test_deleted_unknown);
#undef ADD

  return g_test_run ();
}
