/* test-project-model-syncs.c: FerryProjectModel's sync list and operations over real HTTP
 * against the in-process sandbox: refresh merges in place, jobs are followed to their end
 * ("sync-settled" once), deletes, auto-sync, save from a draft, rate-limit backoff, at most
 * eight polls in flight.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "core-test-utils.h"
#include "ferry-project-model-private.h"
#include "ferry-resource-private.h"

#define SYNCS_PATH "/api/v1/secret-syncs/azure-devops"

/* ---- Recorders ---- */

typedef struct
{
  guint calls;
  guint position, removed, added;
} ItemsChanged;

static void
items_changed_cb (GListModel   *model,
                  guint         position,
                  guint         removed,
                  guint         added,
                  ItemsChanged *record)
{
  record->calls++;
  record->position = position;
  record->removed = removed;
  record->added = added;
}

typedef struct
{
  guint               calls;
  FerrySync          *sync;
  FerrySyncOperation  operation;
  gboolean            deleted;
  FerrySyncOperation  operation_on_sync;   /* the sync's own "operation" at emission */
  gboolean            in_store;
  FerryProjectModel  *model;
} Settled;

static void
settled_cb (FerryProjectModel  *model,
            FerrySync          *sync,
            FerrySyncOperation  operation,
            gboolean            deleted,
            Settled            *record)
{
  record->calls++;
  g_set_object (&record->sync, sync);
  record->operation = operation;
  record->deleted = deleted;
  record->operation_on_sync = ferry_sync_get_operation (sync);
  record->in_store = ferry_project_model_find_sync (model, ferry_resource_get_id (FERRY_RESOURCE (sync))) == sync;
}

static void
settled_clear (Settled *record)
{
  g_clear_object (&record->sync);
}

static void
count_cb (gpointer  object,
          gpointer  arg,
          guint    *count)
{
  (*count)++;
}

static void
count0_cb (gpointer  object,
           guint    *count)
{
  (*count)++;
}

/* Each sync status @sync reports, in order (pending, running, … as their enum values). */
static void
status_cb (FerrySync  *sync,
           GParamSpec *pspec,
           GArray     *statuses)
{
  FerrySyncStatus status = ferry_sync_get_sync_status (sync);

  g_array_append_val (statuses, status);
}

static FerrySync *
first_sync (FerryProjectModel *model)
{
  g_autoptr(FerrySync) sync = g_list_model_get_item (ferry_project_model_get_syncs (model), 0);

  g_assert_nonnull (sync);
  return sync;   /* the store keeps it */
}

static gboolean
finish_bool (FerryProjectModel *model,
             GAsyncResult      *result,
             gboolean         (*finish) (FerryProjectModel *, GAsyncResult *, GError **),
             GError           **error)
{
  return finish (model, result, error);
}

/* A draft for a new sync in the fixture's project, to the Azure DevOps project @devops. */
static FerrySyncDraft *
new_draft (CoreFixture *fixture,
           const char  *name,
           const char  *devops)
{
  FerrySyncDraft *draft = ferry_sync_draft_new (ferry_resource_get_id (FERRY_RESOURCE (fixture->project)));
  GListModel *environments = ferry_project_get_environments (fixture->project);
  g_autoptr(FerryEnvironment) env = g_list_model_get_item (environments, 0);
  FerrySync *existing = first_sync (fixture->model);

  ferry_sync_draft_set_name (draft, name);
  ferry_sync_draft_set_environment (draft, ferry_environment_get_slug (env), ferry_environment_get_name (env));
  ferry_sync_draft_set_secret_path (draft, "/");
  ferry_sync_draft_set_connection (draft, ferry_sync_get_connection_id (existing), ferry_sync_get_connection_name (existing));
  ferry_sync_draft_set_devops_project (draft, ferry_sandbox_get_devops_project_id (fixture->sandbox, "contoso", devops), devops);
  ferry_sync_draft_set_key_schema (draft, "CORE_{{secretKey}}");

  return draft;
}

/* Creates a sync behind the model's back, through the API client. */
static FerrySync *
create_on_server (CoreFixture *fixture,
                  const char  *name)
{
  g_autoptr(FerrySyncDraft) draft = new_draft (fixture, name, "Internal Tools");
  g_autoptr(JsonObject) body = ferry_sync_draft_build_create_body (draft);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  FerryApiClient *client = ferry_session_get_client (fixture->session);
  FerrySync *sync;

  ferry_api_client_create_sync_async (client, body, NULL, core_result_cb, &result);
  sync = ferry_api_client_create_sync_finish (client, core_wait_result (&result), &error);
  g_assert_no_error (error);

  return sync;
}

/* ---- Refresh ---- */

static void
test_refresh_merges (CoreFixture   *fixture,
                     gconstpointer  data)
{
  FerryProjectModel *model = fixture->model;
  GListModel *syncs = ferry_project_model_get_syncs (model);
  g_autoptr(GError) error = NULL;
  g_autoptr(FerrySync) created = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) rename = json_object_new ();
  g_autoptr(FerrySync) renamed = NULL;
  ItemsChanged record = { 0 };
  guint changed = 0, notifies = 0, state_notifies = 0;
  guint8 digest[FERRY_RESOURCE_DIGEST_LEN];
  FerrySync *kept;
  guint n;

  g_assert_cmpint (ferry_project_model_get_syncs_state (model), ==, FERRY_LOAD_STATE_IDLE);
  g_signal_connect (syncs, "items-changed", G_CALLBACK (items_changed_cb), &record);
  g_signal_connect (model, "syncs-changed", G_CALLBACK (count0_cb), &changed);
  g_signal_connect (model, "notify::syncs-state", G_CALLBACK (count_cb), &state_notifies);

  /* The first answer arrives in one piece. */
  ferry_project_model_refresh (model);
  g_assert_cmpint (ferry_project_model_get_syncs_state (model), ==, FERRY_LOAD_STATE_LOADING);
  CORE_WAIT (ferry_project_model_get_syncs_state (model) == FERRY_LOAD_STATE_READY, 10000);
  n = g_list_model_get_n_items (syncs);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (record.calls, ==, 1);
  g_assert_cmpuint (record.position, ==, 0);
  g_assert_cmpuint (record.removed, ==, 0);
  g_assert_cmpuint (record.added, ==, n);
  g_assert_cmpuint (state_notifies, ==, 2);   /* loading, ready */
  CORE_WAIT (changed == 1, 5000);
  kept = first_sync (model);
  g_assert_true (ferry_project_model_find_sync (model, ferry_resource_get_id (FERRY_RESOURCE (kept))) == kept);
  /* The model hands its store to the list request: its syncs carry what lets the next
   * answer reuse them (src/api/ferry-api-list.c). */
  g_assert_nonnull (ferry_resource_get_digest (FERRY_RESOURCE (kept)));
  memcpy (digest, ferry_resource_get_digest (FERRY_RESOURCE (kept)), sizeof digest);

  /* Nothing changed on the server: nothing is announced. */
  g_signal_connect (kept, "notify", G_CALLBACK (count_cb), &notifies);
  record.calls = 0;
  g_assert_true (core_refresh_syncs (model, &error));
  g_assert_no_error (error);
  ferry_test_spin_for (50);
  g_assert_cmpuint (record.calls, ==, 0);
  g_assert_cmpuint (notifies, ==, 0);
  /* The element came back byte for byte. */
  g_assert_nonnull (ferry_resource_get_digest (FERRY_RESOURCE (kept)));
  g_assert_cmpmem (ferry_resource_get_digest (FERRY_RESOURCE (kept)), sizeof digest, digest, sizeof digest);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (state_notifies, ==, 2);
  g_assert_cmpuint (core_count_requests (fixture, "GET", SYNCS_PATH, 200), ==, 2);

  /* One sync added and one renamed elsewhere: one row appended, the other updated in place. */
  created = create_on_server (fixture, "core-added");
  json_object_set_string_member (rename, "name", "web-prod-renamed");
  ferry_api_client_update_sync_async (ferry_session_get_client (fixture->session),
                                      ferry_resource_get_id (FERRY_RESOURCE (kept)), rename,
                                      NULL, core_result_cb, &result);
  renamed = ferry_api_client_update_sync_finish (ferry_session_get_client (fixture->session),
                                                 core_wait_result (&result), &error);
  g_assert_no_error (error);

  g_assert_true (core_refresh_syncs (model, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (syncs), ==, 2);
  g_assert_true (first_sync (model) == kept);
  g_assert_cmpstr (ferry_sync_get_name (kept), ==, "web-prod-renamed");
  g_assert_cmpuint (notifies, >, 0);
  /* Updated from the new answer's copy, it holds what the new element says. */
  g_assert_nonnull (ferry_resource_get_digest (FERRY_RESOURCE (kept)));
  g_assert_true (memcmp (ferry_resource_get_digest (FERRY_RESOURCE (kept)), digest, sizeof digest) != 0);
  g_assert_cmpuint (record.calls, ==, 1);
  g_assert_cmpuint (record.position, ==, 1);
  g_assert_cmpuint (record.removed, ==, 0);
  g_assert_cmpuint (record.added, ==, 1);
  /* Coalesced: one emission for the whole refresh. */
  CORE_WAIT (changed == 2, 5000);
  ferry_test_spin_for (50);
  g_assert_cmpuint (changed, ==, 2);

  /* Deleted elsewhere: exactly that row goes. */
  g_clear_object (&result);
  ferry_api_client_delete_sync_async (ferry_session_get_client (fixture->session),
                                      ferry_resource_get_id (FERRY_RESOURCE (created)), FALSE,
                                      NULL, core_result_cb, &result);
  g_clear_object (&created);
  created = ferry_api_client_delete_sync_finish (ferry_session_get_client (fixture->session),
                                                 core_wait_result (&result), &error);
  g_assert_no_error (error);
  record.calls = 0;
  g_assert_true (core_refresh_syncs (model, &error));
  g_assert_cmpuint (g_list_model_get_n_items (syncs), ==, 1);
  g_assert_cmpuint (record.calls, ==, 1);
  g_assert_cmpuint (record.position, ==, 1);
  g_assert_cmpuint (record.removed, ==, 1);
  g_assert_cmpuint (record.added, ==, 0);
  g_assert_true (first_sync (model) == kept);

  g_signal_handlers_disconnect_by_data (kept, &notifies);
  g_signal_handlers_disconnect_by_data (syncs, &record);
}

/* ---- Following jobs ---- */

static void
test_sync_now_settles (CoreFixture   *fixture,
                       gconstpointer  data)
{
  FerryProjectModel *model = fixture->model;
  g_autoptr(GArray) statuses = g_array_new (FALSE, FALSE, sizeof (FerrySyncStatus));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  Settled settled = { 0 };
  FerrySync *sync;
  guint polls;

  ferry_sandbox_set_job_delay (fixture->sandbox, 1200);
  g_assert_true (core_refresh_syncs (model, &error));
  sync = first_sync (model);
  path = core_sync_path (sync);
  g_assert_cmpint (ferry_sync_get_sync_status (sync), ==, FERRY_SYNC_STATUS_SUCCEEDED);
  g_signal_connect (model, "sync-settled", G_CALLBACK (settled_cb), &settled);
  g_signal_connect (sync, "notify::sync-status", G_CALLBACK (status_cb), statuses);

  /* Nobody holds the model: the job is followed all the same. */
  ferry_project_model_trigger_sync_async (model, sync, NULL, core_result_cb, &result);
  g_assert_cmpint (ferry_sync_get_operation (sync), ==, FERRY_SYNC_OPERATION_SYNC);
  g_assert_true (ferry_sync_get_busy (sync));
  g_assert_true (finish_bool (model, core_wait_result (&result), ferry_project_model_trigger_sync_finish, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ferry_sync_get_sync_status (sync), ==, FERRY_SYNC_STATUS_PENDING);
  g_assert_cmpuint (settled.calls, ==, 0);

  CORE_WAIT (settled.calls > 0, 20000);
  g_assert_cmpuint (settled.calls, ==, 1);
  g_assert_true (settled.sync == sync);
  g_assert_cmpint (settled.operation, ==, FERRY_SYNC_OPERATION_SYNC);
  g_assert_false (settled.deleted);
  g_assert_true (settled.in_store);
  g_assert_cmpint (settled.operation_on_sync, ==, FERRY_SYNC_OPERATION_NONE);
  g_assert_cmpint (ferry_sync_get_sync_status (sync), ==, FERRY_SYNC_STATUS_SUCCEEDED);
  g_assert_false (ferry_sync_get_busy (sync));

  /* Seen in order, never backwards: pending, (running,) succeeded. */
  g_assert_cmpuint (statuses->len, >=, 2);
  g_assert_cmpint (g_array_index (statuses, FerrySyncStatus, 0), ==, FERRY_SYNC_STATUS_PENDING);
  g_assert_cmpint (g_array_index (statuses, FerrySyncStatus, statuses->len - 1), ==, FERRY_SYNC_STATUS_SUCCEEDED);
  for (guint i = 1; i < statuses->len; i++)
    g_assert_cmpint (g_array_index (statuses, FerrySyncStatus, i), >, g_array_index (statuses, FerrySyncStatus, i - 1));
  if (statuses->len < 3)
    g_test_message ("the polls did not see the running phase (a slow machine)");

  /* Settled: polling stops. */
  polls = core_count_requests (fixture, "GET", path, 0);
  g_assert_cmpuint (polls, >=, 1);
  ferry_test_spin_for (2600);
  g_assert_cmpuint (core_count_requests (fixture, "GET", path, 0), ==, polls);
  g_assert_cmpuint (settled.calls, ==, 1);

  g_signal_handlers_disconnect_by_data (sync, statuses);
  g_signal_handlers_disconnect_by_data (model, &settled);
  settled_clear (&settled);
}

static void
test_failed_job (CoreFixture   *fixture,
                 gconstpointer  data)
{
  FerryProject *payments = ferry_workspace_find_project (fixture->workspace,
                                                         ferry_sandbox_get_project_id (fixture->sandbox, 1));
  FerryProjectModel *model = ferry_workspace_get_project_model (fixture->workspace, payments);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  Settled settled = { 0 };
  FerrySync *sync;

  g_assert_true (core_refresh_syncs (model, &error));
  sync = first_sync (model);
  g_signal_connect (model, "sync-settled", G_CALLBACK (settled_cb), &settled);

  /* Its Azure DevOps project was deleted: the job fails, and that is its end too. */
  ferry_project_model_trigger_sync_async (model, sync, NULL, core_result_cb, &result);
  g_assert_true (finish_bool (model, core_wait_result (&result), ferry_project_model_trigger_sync_finish, &error));
  g_assert_no_error (error);
  CORE_WAIT (settled.calls > 0, 20000);
  g_assert_cmpuint (settled.calls, ==, 1);
  g_assert_cmpint (settled.operation, ==, FERRY_SYNC_OPERATION_SYNC);
  g_assert_false (settled.deleted);
  g_assert_cmpint (ferry_sync_get_sync_status (sync), ==, FERRY_SYNC_STATUS_FAILED);
  g_assert_nonnull (strstr (ferry_sync_get_last_sync_message (sync), "TF200016"));
  g_assert_false (ferry_sync_get_busy (sync));

  /* A second Sync Now while one is followed is refused here, before the server. */
  g_clear_object (&result);
  ferry_sync_set_operation (sync, FERRY_SYNC_OPERATION_SYNC);
  ferry_project_model_trigger_sync_async (model, sync, NULL, core_result_cb, &result);
  g_assert_false (finish_bool (model, core_wait_result (&result), ferry_project_model_trigger_sync_finish, &error));
  g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_CONFLICT);
  ferry_sync_set_operation (sync, FERRY_SYNC_OPERATION_NONE);

  g_signal_handlers_disconnect_by_data (model, &settled);
  settled_clear (&settled);
}

static gboolean
has_group (CoreFixture *fixture,
           FerrySync   *sync)
{
  g_autoptr(JsonNode) groups = ferry_sandbox_get_variable_groups (fixture->sandbox, "contoso",
                                                                  ferry_sync_get_devops_project_id (sync));
  JsonArray *array = json_node_get_array (groups);

  for (guint i = 0; i < json_array_get_length (array); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (array, i), "name"),
                   ferry_sync_get_environment_name (sync)) == 0)
      return TRUE;

  return FALSE;
}

static void
test_remove_secrets (CoreFixture   *fixture,
                     gconstpointer  data)
{
  FerryProjectModel *model = fixture->model;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  Settled settled = { 0 };
  FerrySync *sync;

  g_assert_true (core_refresh_syncs (model, &error));
  sync = first_sync (model);
  g_assert_true (has_group (fixture, sync));
  g_signal_connect (model, "sync-settled", G_CALLBACK (settled_cb), &settled);

  ferry_project_model_remove_secrets_async (model, sync, NULL, core_result_cb, &result);
  g_assert_cmpint (ferry_sync_get_operation (sync), ==, FERRY_SYNC_OPERATION_REMOVE);
  g_assert_true (finish_bool (model, core_wait_result (&result), ferry_project_model_remove_secrets_finish, &error));
  g_assert_no_error (error);
  g_assert_true (ferry_sync_get_busy (sync));

  CORE_WAIT (settled.calls > 0, 20000);
  g_assert_cmpuint (settled.calls, ==, 1);
  g_assert_cmpint (settled.operation, ==, FERRY_SYNC_OPERATION_REMOVE);
  g_assert_false (settled.deleted);
  g_assert_cmpint (ferry_sync_get_remove_status (sync), ==, FERRY_SYNC_STATUS_SUCCEEDED);
  g_assert_false (has_group (fixture, sync));
  g_assert_true (ferry_project_model_find_sync (model, ferry_resource_get_id (FERRY_RESOURCE (sync))) == sync);

  g_signal_handlers_disconnect_by_data (model, &settled);
  settled_clear (&settled);
}

static void
test_delete_with_secrets (CoreFixture   *fixture,
                          gconstpointer  data)
{
  FerryProjectModel *model = fixture->model;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FerrySync) sync = NULL;
  g_autofree char *path = NULL;
  Settled settled = { 0 };

  g_assert_true (core_refresh_syncs (model, &error));
  sync = g_object_ref (first_sync (model));
  path = core_sync_path (sync);
  g_signal_connect (model, "sync-settled", G_CALLBACK (settled_cb), &settled);

  /* The server removes the secrets first: the sync stays, followed, until it is gone. */
  ferry_project_model_delete_sync_async (model, sync, TRUE, NULL, core_result_cb, &result);
  g_assert_true (finish_bool (model, core_wait_result (&result), ferry_project_model_delete_sync_finish, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ferry_sync_get_operation (sync), ==, FERRY_SYNC_OPERATION_DELETE);
  g_assert_true (ferry_sync_get_busy (sync));
  g_assert_true (ferry_project_model_find_sync (model, ferry_resource_get_id (FERRY_RESOURCE (sync))) == sync);
  g_assert_cmpuint (core_count_requests (fixture, "DELETE", path, 200), ==, 1);

  CORE_WAIT (settled.calls > 0, 20000);
  g_assert_cmpuint (settled.calls, ==, 1);
  g_assert_true (settled.sync == sync);
  g_assert_cmpint (settled.operation, ==, FERRY_SYNC_OPERATION_DELETE);
  g_assert_true (settled.deleted);
  g_assert_false (settled.in_store);
  g_assert_cmpuint (g_list_model_get_n_items (ferry_project_model_get_syncs (model)), ==, 0);
  g_assert_cmpuint (core_count_requests (fixture, "GET", path, 404), ==, 1);
  g_assert_false (has_group (fixture, sync));

  /* Gone: no more polls. */
  ferry_test_spin_for (2600);
  g_assert_cmpuint (core_count_requests (fixture, "GET", path, 0), ==, core_count_requests (fixture, "GET", path, 200) + 1);
  g_assert_cmpuint (settled.calls, ==, 1);

  g_signal_handlers_disconnect_by_data (model, &settled);
  settled_clear (&settled);
}

/* The secrets could not be removed (the connection's PAT was revoked) and the server keeps
 * the sync with a failed remove status: the delete ends there, not deleted, and nothing
 * polls on; the variable group is still in Azure DevOps. */
static void
test_delete_with_secrets_remove_fails (CoreFixture   *fixture,
                                       gconstpointer  data)
{
  FerryProjectModel *model = fixture->model;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FerrySync) sync = NULL;
  g_autofree char *path = NULL;
  Settled settled = { 0 };
  guint polls;

  g_assert_true (core_refresh_syncs (model, &error));
  sync = g_object_ref (first_sync (model));
  path = core_sync_path (sync);
  g_assert_true (has_group (fixture, sync));
  ferry_sandbox_revoke_devops_pat (fixture->sandbox, ferry_sandbox_get_devops_pat (fixture->sandbox, "contoso"));
  g_signal_connect (model, "sync-settled", G_CALLBACK (settled_cb), &settled);

  ferry_project_model_delete_sync_async (model, sync, TRUE, NULL, core_result_cb, &result);
  g_assert_true (finish_bool (model, core_wait_result (&result), ferry_project_model_delete_sync_finish, &error));
  g_assert_no_error (error);

  CORE_WAIT (settled.calls > 0, 20000);
  g_assert_cmpuint (settled.calls, ==, 1);
  g_assert_true (settled.sync == sync);
  g_assert_cmpint (settled.operation, ==, FERRY_SYNC_OPERATION_DELETE);
  g_assert_false (settled.deleted);
  g_assert_true (settled.in_store);
  g_assert_cmpint (ferry_sync_get_remove_status (sync), ==, FERRY_SYNC_STATUS_FAILED);
  g_assert_cmpint (ferry_sync_get_operation (sync), ==, FERRY_SYNC_OPERATION_NONE);
  g_assert_false (ferry_sync_get_busy (sync));
  g_assert_true (has_group (fixture, sync));

  /* Settled: no more polls of it. */
  polls = core_count_requests (fixture, "GET", path, 0);
  ferry_test_spin_for (2600);
  g_assert_cmpuint (core_count_requests (fixture, "GET", path, 0), ==, polls);
  g_assert_cmpuint (settled.calls, ==, 1);

  g_signal_handlers_disconnect_by_data (model, &settled);
  settled_clear (&settled);
}

/* The server deletes the sync although removing its secrets failed, and a list answer (a
 * periodic refresh) finds it gone before a poll does: the audit log still says what became
 * of the secrets. */
static void
test_delete_gone_from_list (CoreFixture   *fixture,
                            gconstpointer  data)
{
  FerryProjectModel *model = fixture->model;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FerrySync) sync = NULL;
  g_autofree char *path = NULL;
  g_autofree char *fault = NULL;
  Settled settled = { 0 };

  g_assert_true (core_refresh_syncs (model, &error));
  sync = g_object_ref (first_sync (model));
  path = core_sync_path (sync);
  ferry_sandbox_set_delete_after_failed_remove (fixture->sandbox, TRUE);
  ferry_sandbox_revoke_devops_pat (fixture->sandbox, ferry_sandbox_get_devops_pat (fixture->sandbox, "contoso"));
  /* Polls of the sync answer too late to be first. */
  fault = g_strdup_printf ("{\"route\": \"GET %s\", \"kind\": \"latency\", \"latencyMs\": 15000, \"count\": 100}", path);
  core_add_fault (fixture, fault);
  g_signal_connect (model, "sync-settled", G_CALLBACK (settled_cb), &settled);

  ferry_project_model_delete_sync_async (model, sync, TRUE, NULL, core_result_cb, &result);
  g_assert_true (finish_bool (model, core_wait_result (&result), ferry_project_model_delete_sync_finish, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < 100 && settled.calls == 0; i++)
    {
      g_assert_true (core_refresh_syncs (model, &error));
      g_assert_no_error (error);
      ferry_test_spin_for (100);
    }
  CORE_WAIT (settled.calls > 0, 10000);
  g_assert_cmpuint (settled.calls, ==, 1);
  g_assert_true (settled.deleted);
  g_assert_cmpint (ferry_sync_get_remove_status (sync), ==, FERRY_SYNC_STATUS_FAILED);
  g_assert_nonnull (ferry_sync_get_last_remove_message (sync));
  g_assert_cmpuint (core_count_requests (fixture, "GET", path, 404), ==, 0);

  g_signal_handlers_disconnect_by_data (model, &settled);
  settled_clear (&settled);
}

static void
test_delete_plain (CoreFixture   *fixture,
                   gconstpointer  data)
{
  FerryProjectModel *model = fixture->model;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FerrySync) sync = NULL;
  g_autofree char *path = NULL;
  Settled settled = { 0 };

  g_assert_true (core_refresh_syncs (model, &error));
  sync = g_object_ref (first_sync (model));
  path = core_sync_path (sync);
  g_signal_connect (model, "sync-settled", G_CALLBACK (settled_cb), &settled);

  ferry_project_model_delete_sync_async (model, sync, FALSE, NULL, core_result_cb, &result);
  g_assert_cmpint (ferry_sync_get_operation (sync), ==, FERRY_SYNC_OPERATION_NONE);
  g_assert_true (finish_bool (model, core_wait_result (&result), ferry_project_model_delete_sync_finish, &error));
  g_assert_no_error (error);

  /* Out of the store as soon as the server answered; the group stays in Azure DevOps. */
  g_assert_cmpuint (g_list_model_get_n_items (ferry_project_model_get_syncs (model)), ==, 0);
  g_assert_cmpuint (core_count_requests (fixture, "DELETE", path, 200), ==, 1);
  g_assert_true (has_group (fixture, sync));
  ferry_test_spin_for (2600);
  g_assert_cmpuint (core_count_requests (fixture, "GET", path, 0), ==, 0);
  g_assert_cmpuint (settled.calls, ==, 0);

  g_signal_handlers_disconnect_by_data (model, &settled);
  settled_clear (&settled);
}

static void
test_auto_sync (CoreFixture   *fixture,
                gconstpointer  data)
{
  FerryProjectModel *model = fixture->model;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autofree char *path = NULL;
  FerrySync *sync;

  g_assert_true (core_refresh_syncs (model, &error));
  sync = first_sync (model);
  path = core_sync_path (sync);
  g_assert_true (ferry_sync_get_auto_sync_enabled (sync));

  ferry_project_model_set_auto_sync_async (model, sync, FALSE, NULL, core_result_cb, &result);
  g_assert_true (finish_bool (model, core_wait_result (&result), ferry_project_model_set_auto_sync_finish, &error));
  g_assert_no_error (error);
  g_assert_false (ferry_sync_get_auto_sync_enabled (sync));
  g_assert_true (first_sync (model) == sync);

  /* The body carries just the key the server reads. */
  body = core_last_request_body (fixture, "PATCH", path);
  g_assert_nonnull (body);
  g_assert_cmpuint (json_object_get_size (body), ==, 1);
  g_assert_true (json_object_has_member (body, "isAutoSyncEnabled"));
  g_assert_false (json_object_get_boolean_member (body, "isAutoSyncEnabled"));

  /* And the server has it. */
  g_assert_true (core_refresh_syncs (model, &error));
  g_assert_false (ferry_sync_get_auto_sync_enabled (sync));

  g_clear_object (&result);
  ferry_project_model_set_auto_sync_async (model, sync, TRUE, NULL, core_result_cb, &result);
  g_assert_true (finish_bool (model, core_wait_result (&result), ferry_project_model_set_auto_sync_finish, &error));
  g_assert_true (ferry_sync_get_auto_sync_enabled (sync));
}

static void
test_save_sync (CoreFixture   *fixture,
                gconstpointer  data)
{
  FerryProjectModel *model = fixture->model;
  g_autoptr(FerrySyncDraft) draft = NULL;
  g_autoptr(FerrySyncDraft) edit = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FerrySync) created = NULL;
  g_autoptr(FerrySync) updated = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autofree char *path = NULL;
  Settled settled = { 0 };

  g_assert_true (core_refresh_syncs (model, &error));
  g_signal_connect (model, "sync-settled", G_CALLBACK (settled_cb), &settled);

  /* Create: in the store when it finishes, and its first job (auto-sync) is followed. */
  draft = new_draft (fixture, "core-created", "Internal Tools");
  ferry_project_model_save_sync_async (model, draft, NULL, core_result_cb, &result);
  created = ferry_project_model_save_sync_finish (model, core_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (created);
  g_assert_true (ferry_project_model_find_sync (model, ferry_resource_get_id (FERRY_RESOURCE (created))) == created);
  g_assert_cmpuint (g_list_model_get_n_items (ferry_project_model_get_syncs (model)), ==, 2);
  g_assert_cmpstr (ferry_sync_get_key_schema (created), ==, "CORE_{{secretKey}}");
  g_assert_cmpint (ferry_sync_get_operation (created), ==, FERRY_SYNC_OPERATION_SYNC);
  body = core_last_request_body (fixture, "POST", SYNCS_PATH);
  g_assert_nonnull (body);
  g_assert_cmpstr (json_object_get_string_member (body, "name"), ==, "core-created");
  g_clear_pointer (&body, json_object_unref);

  CORE_WAIT (settled.calls > 0, 20000);
  g_assert_cmpuint (settled.calls, ==, 1);
  g_assert_true (settled.sync == created);
  g_assert_cmpint (ferry_sync_get_sync_status (created), ==, FERRY_SYNC_STATUS_SUCCEEDED);

  /* Update: only what changed is sent; the same object is updated. */
  edit = ferry_sync_draft_new_from_sync (created);
  ferry_sync_draft_set_description (edit, "Made by test-project-model-syncs");
  g_clear_object (&result);
  ferry_project_model_save_sync_async (model, edit, NULL, core_result_cb, &result);
  updated = ferry_project_model_save_sync_finish (model, core_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_true (updated == created);
  g_assert_cmpstr (ferry_sync_get_description (created), ==, "Made by test-project-model-syncs");
  path = core_sync_path (created);
  body = core_last_request_body (fixture, "PATCH", path);
  g_assert_nonnull (body);
  g_assert_cmpuint (json_object_get_size (body), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (body, "description"), ==, "Made by test-project-model-syncs");

  /* A refused save leaves the draft as it was, for ferry_sync_draft_apply_error (). */
  g_clear_object (&draft);
  draft = new_draft (fixture, "core-created", "Internal Tools");
  g_clear_object (&result);
  ferry_project_model_save_sync_async (model, draft, NULL, core_result_cb, &result);
  g_assert_null (ferry_project_model_save_sync_finish (model, core_wait_result (&result), &error));
  g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_BAD_REQUEST);
  g_assert_cmpstr (ferry_sync_draft_get_name (draft), ==, "core-created");
  g_assert_cmpuint (g_list_model_get_n_items (ferry_project_model_get_syncs (model)), ==, 2);
  g_assert_cmpint (ferry_sync_draft_apply_error (draft, error), ==, FERRY_SYNC_DRAFT_FIELD_NAME);

  g_signal_handlers_disconnect_by_data (model, &settled);
  settled_clear (&settled);
}

static void
test_save_sync_timed_out (CoreFixture   *fixture,
                          gconstpointer  data)
{
  FerryProjectModel *model = fixture->model;
  FerryApiClient *client = ferry_session_get_client (fixture->session);
  g_autoptr(FerrySyncDraft) draft = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FerrySync) created = NULL;
  g_autoptr(FerrySync) again = NULL;

  g_assert_true (core_refresh_syncs (model, &error));

  /* The answer comes after Ferry stopped waiting, but the server made the sync: the save
   * succeeds with it, in the store, and nothing is created twice. */
  ferry_api_client_set_timeout (client, 1);
  core_add_fault (fixture, "{\"route\": \"POST " SYNCS_PATH "\", \"kind\": \"latency\", \"latencyMs\": 1500, \"count\": 1}");
  draft = new_draft (fixture, "core-slow", "Internal Tools");
  ferry_project_model_save_sync_async (model, draft, NULL, core_result_cb, &result);
  created = ferry_project_model_save_sync_finish (model, core_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (created);
  g_assert_cmpstr (ferry_sync_get_name (created), ==, "core-slow");
  g_assert_true (ferry_project_model_find_sync (model, ferry_resource_get_id (FERRY_RESOURCE (created))) == created);
  g_assert_cmpuint (g_list_model_get_n_items (ferry_project_model_get_syncs (model)), ==, 2);
  g_assert_cmpuint (core_count_requests (fixture, "POST", SYNCS_PATH, 0), ==, 1);
  g_assert_cmpuint (core_count_requests (fixture, "GET", SYNCS_PATH "/sync-name/core-slow", 0), >=, 1);

  /* The same name again is still the server's duplicate refusal. */
  g_clear_object (&result);
  g_clear_object (&draft);
  ferry_api_client_set_timeout (client, 30);
  draft = new_draft (fixture, "core-slow", "Internal Tools");
  ferry_project_model_save_sync_async (model, draft, NULL, core_result_cb, &result);
  again = ferry_project_model_save_sync_finish (model, core_wait_result (&result), &error);
  g_assert_null (again);
  g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_BAD_REQUEST);
  g_clear_error (&error);

  /* Timed out and not made (the server fails it late): the timeout is what is true. */
  g_clear_object (&result);
  g_clear_object (&draft);
  ferry_api_client_set_timeout (client, 1);
  core_add_fault (fixture, "{\"route\": \"POST " SYNCS_PATH "\", \"status\": 500, \"latencyMs\": 1500, \"count\": 1}");
  draft = new_draft (fixture, "core-never", "Internal Tools");
  ferry_project_model_save_sync_async (model, draft, NULL, core_result_cb, &result);
  g_assert_null (ferry_project_model_save_sync_finish (model, core_wait_result (&result), &error));
  g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_TIMEOUT);
  g_assert_cmpuint (g_list_model_get_n_items (ferry_project_model_get_syncs (model)), ==, 2);
  g_assert_cmpuint (core_count_requests (fixture, "GET", SYNCS_PATH "/sync-name/core-never", 0), >=, 1);
  g_assert_cmpstr (ferry_sync_draft_get_name (draft), ==, "core-never");
}

static void
test_follow_sync (CoreFixture   *fixture,
                  gconstpointer  data)
{
  FerryProjectModel *model = fixture->model;
  g_autoptr(FerrySync) made = NULL;
  g_autoptr(GError) error = NULL;
  Settled settled = { 0 };
  FerrySync *stored;

  g_assert_true (core_refresh_syncs (model, &error));
  g_signal_connect (model, "sync-settled", G_CALLBACK (settled_cb), &settled);

  /* Made elsewhere (a notification's Retry, another window) with its job queued. */
  made = create_on_server (fixture, "core-followed");
  g_assert_true (ferry_sync_is_busy (made));
  stored = ferry_project_model_follow_sync (model, made);
  g_assert_true (stored == made);
  g_assert_true (ferry_project_model_find_sync (model, ferry_resource_get_id (FERRY_RESOURCE (made))) == made);
  g_assert_cmpint (ferry_sync_get_operation (made), ==, FERRY_SYNC_OPERATION_SYNC);

  CORE_WAIT (settled.calls > 0, 20000);
  g_assert_cmpuint (settled.calls, ==, 1);
  g_assert_true (settled.sync == made);
  g_assert_cmpint (ferry_sync_get_sync_status (made), ==, FERRY_SYNC_STATUS_SUCCEEDED);

  /* Handed in again as another object: the one in the store is updated, nothing followed. */
  g_assert_true (core_refresh_syncs (model, &error));
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(FerrySync) copy = NULL;
    FerryApiClient *client = ferry_session_get_client (fixture->session);

    ferry_api_client_get_sync_async (client, ferry_resource_get_id (FERRY_RESOURCE (made)), NULL, core_result_cb, &result);
    copy = ferry_api_client_get_sync_finish (client, core_wait_result (&result), &error);
    g_assert_no_error (error);
    g_assert_true (ferry_project_model_follow_sync (model, copy) == made);
    g_assert_cmpint (ferry_sync_get_operation (made), ==, FERRY_SYNC_OPERATION_NONE);
  }

  g_signal_handlers_disconnect_by_data (model, &settled);
  settled_clear (&settled);
}

static void
test_refresh_cancel (CoreFixture   *fixture,
                     gconstpointer  data)
{
  FerryProjectModel *model = fixture->model;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) cancelled = NULL;
  g_autoptr(GAsyncResult) other = NULL;
  g_autoptr(GError) error = NULL;

  /* Two callers share one request; the one who cancels hears at once, the other gets the list. */
  core_add_fault (fixture, "{\"route\": \"GET " SYNCS_PATH "\", \"kind\": \"latency\", \"latencyMs\": 1000, \"count\": 1}");
  ferry_project_model_refresh_async (model, cancellable, core_result_cb, &cancelled);
  ferry_project_model_refresh_async (model, NULL, core_result_cb, &other);
  g_cancellable_cancel (cancellable);
  core_wait_result (&cancelled);
  g_assert_null (other);
  g_assert_false (ferry_project_model_refresh_finish (model, cancelled, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  g_assert_true (ferry_project_model_refresh_finish (model, core_wait_result (&other), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (ferry_project_model_get_syncs (model)), ==, 1);
  g_assert_cmpuint (core_count_requests (fixture, "GET", SYNCS_PATH, 0), ==, 1);
}

/* A refresh asked for while an older list request is out (a periodic refresh, say) does
 * not take that request's answer, which may predate what the caller just changed: it gets
 * a list asked for after it. */
static void
test_refresh_after_request_out (CoreFixture   *fixture,
                                gconstpointer  data)
{
  FerryProjectModel *model = fixture->model;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  core_add_fault (fixture, "{\"route\": \"GET " SYNCS_PATH "\", \"kind\": \"latency\", \"latencyMs\": 500, \"count\": 1}");
  ferry_project_model_refresh (model);
  ferry_test_spin_for (100);
  g_assert_cmpuint (core_count_requests (fixture, "GET", SYNCS_PATH, 0), ==, 1);

  ferry_project_model_refresh_async (model, NULL, core_result_cb, &result);
  g_assert_true (ferry_project_model_refresh_finish (model, core_wait_result (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (core_count_requests (fixture, "GET", SYNCS_PATH, 0), ==, 2);
  g_assert_cmpint (ferry_project_model_get_syncs_state (model), ==, FERRY_LOAD_STATE_READY);
}

/* ---- Backoff ---- */

static void
test_backoff (CoreFixture   *fixture,
              gconstpointer  data)
{
  FerryProjectModel *model = fixture->model;
  g_autoptr(GError) error = NULL;
  FerrySync *sync;

  /* The client's own GET retries would hide the 429s. */
  ferry_api_client_set_retry_policy (ferry_session_get_client (fixture->session), 1, 10, 1000);
  ferry_project_model_set_refresh_interval (model, 2);
  g_assert_cmpuint (ferry_project_model_get_current_interval (model), ==, 2);
  g_assert_true (core_refresh_syncs (model, &error));
  sync = first_sync (model);

  /* Doubled, and at least Retry-After. The shown list stays. */
  core_add_fault (fixture, "{\"route\": \"GET " SYNCS_PATH "\", \"status\": 429, \"retryAfter\": 1, \"count\": 1}");
  g_assert_false (core_refresh_syncs (model, &error));
  g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_RATE_LIMITED);
  g_clear_error (&error);
  g_assert_cmpuint (ferry_project_model_get_current_interval (model), ==, 4);
  g_assert_cmpint (ferry_project_model_get_syncs_state (model), ==, FERRY_LOAD_STATE_READY);
  g_assert_nonnull (ferry_project_model_get_syncs_error (model));
  g_assert_true (first_sync (model) == sync);

  core_add_fault (fixture, "{\"route\": \"GET " SYNCS_PATH "\", \"status\": 429, \"retryAfter\": 1, \"count\": 1}");
  g_assert_false (core_refresh_syncs (model, &error));
  g_clear_error (&error);
  g_assert_cmpuint (ferry_project_model_get_current_interval (model), ==, 8);

  core_add_fault (fixture, "{\"route\": \"GET " SYNCS_PATH "\", \"status\": 429, \"retryAfter\": 45, \"count\": 1}");
  g_assert_false (core_refresh_syncs (model, &error));
  g_clear_error (&error);
  g_assert_cmpuint (ferry_project_model_get_current_interval (model), ==, 45);

  /* A success brings the interval back and clears the error. */
  g_assert_true (core_refresh_syncs (model, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ferry_project_model_get_current_interval (model), ==, 2);
  g_assert_null (ferry_project_model_get_syncs_error (model));

  /* Never past 300 s. */
  ferry_project_model_set_refresh_interval (model, 200);
  core_add_fault (fixture, "{\"route\": \"GET " SYNCS_PATH "\", \"status\": 429, \"retryAfter\": 1, \"count\": 1}");
  g_assert_false (core_refresh_syncs (model, &error));
  g_clear_error (&error);
  g_assert_cmpuint (ferry_project_model_get_current_interval (model), ==, 300);
  g_assert_true (core_refresh_syncs (model, &error));
  g_assert_cmpuint (ferry_project_model_get_current_interval (model), ==, 200);
}

static void
test_first_load_fails (CoreFixture   *fixture,
                       gconstpointer  data)
{
  FerryProjectModel *model = fixture->model;
  g_autoptr(GError) error = NULL;
  guint error_notifies = 0;

  ferry_api_client_set_retry_policy (ferry_session_get_client (fixture->session), 1, 10, 1000);
  g_signal_connect (model, "notify::syncs-error", G_CALLBACK (count_cb), &error_notifies);
  core_add_fault (fixture, "{\"route\": \"GET " SYNCS_PATH "\", \"status\": 500, \"count\": 1}");
  g_assert_false (core_refresh_syncs (model, &error));
  g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_SERVER);
  g_assert_cmpint (ferry_project_model_get_syncs_state (model), ==, FERRY_LOAD_STATE_ERROR);
  g_assert_error (ferry_project_model_get_syncs_error (model), FERRY_API_ERROR, FERRY_API_ERROR_SERVER);
  g_assert_cmpuint (error_notifies, ==, 1);
  /* Not a token problem: the session stays. */
  g_assert_cmpint (ferry_session_get_state (fixture->session), ==, FERRY_SESSION_STATE_ACTIVE);

  g_clear_error (&error);
  ferry_project_model_refresh (model);
  g_assert_cmpint (ferry_project_model_get_syncs_state (model), ==, FERRY_LOAD_STATE_LOADING);
  CORE_WAIT (ferry_project_model_get_syncs_state (model) == FERRY_LOAD_STATE_READY, 10000);
  g_assert_null (ferry_project_model_get_syncs_error (model));
  g_assert_cmpuint (error_notifies, ==, 2);
}

/* ---- At most eight polls at a time ---- */

typedef struct
{
  CoreFixture *fixture;
  GListModel  *syncs;
} PollCount;

/* How many of the busy syncs (all but the first) were polled, and how often in all. */
static guint
polled_syncs (PollCount *counts,
              guint     *total,
              guint     *pending)
{
  guint polled = 0;

  *total = 0;
  *pending = 0;
  for (guint i = 1; i < g_list_model_get_n_items (counts->syncs); i++)
    {
      g_autoptr(FerrySync) sync = g_list_model_get_item (counts->syncs, i);
      g_autofree char *path = core_sync_path (sync);
      guint n = core_count_requests (counts->fixture, "GET", path, 0);

      polled += n > 0;
      *total += n;
      *pending += core_count_requests (counts->fixture, "GET", path, -1);
    }

  return polled;
}

static void
test_parallel_polls (CoreFixture   *fixture,
                     gconstpointer  data)
{
  FerryProjectModel *model = fixture->model;
  PollCount counts = { fixture, ferry_project_model_get_syncs (model) };
  g_autoptr(GError) error = NULL;
  guint total, pending;

  /* Ten syncs with a job queued (auto-sync on create) that stays queued for a while. */
  g_assert_true (core_refresh_syncs (model, &error));
  ferry_sandbox_set_job_delay (fixture->sandbox, 20000);
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *name = g_strdup_printf ("core-busy-%u", i);
      g_autoptr(FerrySync) sync = create_on_server (fixture, name);

      g_assert_nonnull (sync);
    }
  g_assert_true (core_refresh_syncs (model, &error));
  g_assert_cmpuint (g_list_model_get_n_items (counts.syncs), ==, 11);
  core_add_fault (fixture, "{\"route\": \"GET " SYNCS_PATH "/*\", \"kind\": \"latency\", \"latencyMs\": 300}");

  /* Jobs Ferry did not start are polled while the model is held: a round of eight, all
   * answered, and no ninth request until the next round, at least
   * FERRY_PROJECT_MODEL_POLL_GAP_MS after the last answer. */
  ferry_sandbox_clear_requests (fixture->sandbox);
  ferry_project_model_hold (model);
  CORE_WAIT ((polled_syncs (&counts, &total, &pending), total == 8 && pending == 0), 20000);
  ferry_test_spin_for (FERRY_PROJECT_MODEL_POLL_GAP_MS / 2);
  g_assert_cmpuint (polled_syncs (&counts, &total, &pending), ==, 8);
  g_assert_cmpuint (total, ==, 8);

  /* The next round starts with the two left out, not with the first eight again. */
  CORE_WAIT ((polled_syncs (&counts, &total, &pending), total >= 10), 20000);
  g_assert_cmpuint (polled_syncs (&counts, &total, &pending), ==, 10);
  ferry_project_model_release (model);
  ferry_sandbox_clear_faults (fixture->sandbox);
}

int
main (int   argc,
      char *argv[])
{
  ferry_test_init (&argc, &argv);

  if (!core_test_have_keyring ("/project-model/syncs/needs-secret-service"))
    return g_test_run ();

#define ADD(path, func) \
  g_test_add ("/project-model/syncs/" path, CoreFixture, NULL, core_fixture_setup, func, core_fixture_teardown)
  ADD ("refresh-merges", test_refresh_merges);
  ADD ("first-load-fails", test_first_load_fails);
  ADD ("sync-now-settles", test_sync_now_settles);
  ADD ("failed-job", test_failed_job);
  ADD ("remove-secrets", test_remove_secrets);
  ADD ("delete-with-secrets", test_delete_with_secrets);
  ADD ("delete-with-secrets-remove-fails", test_delete_with_secrets_remove_fails);
  ADD ("delete-plain", test_delete_plain);
  ADD ("delete-gone-from-list", test_delete_gone_from_list);
  ADD ("auto-sync", test_auto_sync);
  ADD ("save-sync", test_save_sync);
  ADD ("save-sync-timed-out", test_save_sync_timed_out);
  ADD ("follow-sync", test_follow_sync);
  ADD ("refresh-cancel", test_refresh_cancel);
  ADD ("refresh-after-request-out", test_refresh_after_request_out);
  ADD ("backoff", test_backoff);
  ADD ("parallel-polls", test_parallel_polls);
#undef ADD

  return g_test_run ();
}
