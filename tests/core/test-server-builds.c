/* test-server-builds.c: what Ferry sends and shows on the old and the current Infisical
 * build, against the sandbox's variants (tests/sandbox/README.md#server-variants): the
 * auto-sync key each build reads, a change the server did not make, each build's name
 * limit, subfolders (syncOptions.recursive) and the duplicate-destination setting.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"


#include "core-test-utils.h"
#include "ferry-server-traits.h"

#define SYNCS_PATH "/api/v1/secret-syncs/azure-devops"
#define PROBE_PATH SYNCS_PATH "/00000000-0000-4000-8000-000000000000"

/* ---- Helpers ---- */


static FerryServerTraits *
traits (CoreFixture *fixture)
{
  return ferry_workspace_get_server_traits (fixture->workspace);
}

static FerrySync *
first_sync (FerryProjectModel *model)
{
  g_autoptr(FerrySync) sync = g_list_model_get_item (ferry_project_model_get_syncs (model), 0);

  return sync;   /* the store keeps it */
}

static FerrySyncDraft *
new_draft (CoreFixture *fixture,
           const char  *name,
           const char  *devops,
           const char  *path)
{
  FerrySyncDraft *draft = ferry_sync_draft_new (ferry_resource_get_id (FERRY_RESOURCE (fixture->project)));
  GListModel *environments = ferry_project_get_environments (fixture->project);
  g_autoptr(FerryEnvironment) env = g_list_model_get_item (environments, 0);
  FerrySync *existing = first_sync (fixture->model);

  ferry_sync_draft_set_name (draft, name);
  ferry_sync_draft_set_environment (draft, ferry_environment_get_slug (env), ferry_environment_get_name (env));
  ferry_sync_draft_set_secret_path (draft, path);
  ferry_sync_draft_set_connection (draft, ferry_sync_get_connection_id (existing), ferry_sync_get_connection_name (existing));
  ferry_sync_draft_set_devops_project (draft, ferry_sandbox_get_devops_project_id (fixture->sandbox, "contoso", devops), devops);

  return draft;
}

static FerrySync *
save (CoreFixture     *fixture,
      FerrySyncDraft  *draft,
      GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ferry_project_model_save_sync_async (fixture->model, draft, NULL, core_result_cb, &result);
  return ferry_project_model_save_sync_finish (fixture->model, core_wait_result (&result), error);
}

static gboolean
set_auto_sync (CoreFixture  *fixture,
               FerrySync    *sync,
               gboolean      enabled,
               GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ferry_project_model_set_auto_sync_async (fixture->model, sync, enabled, NULL, core_result_cb, &result);
  return ferry_project_model_set_auto_sync_finish (fixture->model, core_wait_result (&result), error);
}

/* ---- The auto-sync key ---- */

/* On the old build a create asked to stay off must be made off: the probe finds the build
 * before the first create, and the body carries the key it reads. */
static void
test_old_create_auto_sync_off (CoreFixture   *fixture,
                               gconstpointer  data)
{
  g_autoptr(FerrySyncDraft) draft = NULL;
  g_autoptr(FerrySync) created = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GError) error = NULL;

  ferry_sandbox_set_server_build (fixture->sandbox, FERRY_SANDBOX_SERVER_BUILD_OLD);
  /* Nothing listed yet: the model knows nothing of the build. */
  g_assert_cmpint (ferry_server_traits_get_build (traits (fixture)), ==, FERRY_SERVER_BUILD_UNKNOWN);
  g_assert_true (core_refresh_syncs (fixture->model, &error));
  g_assert_cmpint (ferry_server_traits_get_build (traits (fixture)), ==, FERRY_SERVER_BUILD_OLD);

  draft = new_draft (fixture, "old-manual", "Internal Tools", "/");
  ferry_sync_draft_set_auto_sync_enabled (draft, FALSE);
  created = save (fixture, draft, &error);
  g_assert_no_error (error);
  g_assert_false (ferry_sync_get_auto_sync_enabled (created));
  /* Nothing ran: a sync with auto-sync off waits for Sync Now. */
  g_assert_cmpint (ferry_sync_get_sync_status (created), ==, FERRY_SYNC_STATUS_NONE);

  body = core_last_request_body (fixture, "POST", SYNCS_PATH);
  g_assert_true (json_object_has_member (body, "isEnabled"));
  g_assert_false (json_object_get_boolean_member (body, "isEnabled"));
  g_assert_false (json_object_has_member (body, "isAutoSyncEnabled"));
}

/* No sync listed anywhere: the probe tells the build, without touching a sync. */
static void
test_probe (CoreFixture   *fixture,
            gconstpointer  data)
{
  g_autoptr(FerrySyncDraft) draft = NULL;
  g_autoptr(FerrySync) created = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GError) error = NULL;
  gboolean old = GPOINTER_TO_INT (data);

  if (old)
    ferry_sandbox_set_server_build (fixture->sandbox, FERRY_SANDBOX_SERVER_BUILD_OLD);

  /* The draft is made without listing the syncs, so no answer has told the build. */
  {
    g_autoptr(FerryApiClient) client = g_object_ref (ferry_session_get_client (fixture->session));
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GListStore) connections = NULL;
    g_autoptr(FerryConnection) connection = NULL;
    GListModel *environments = ferry_project_get_environments (fixture->project);
    g_autoptr(FerryEnvironment) env = g_list_model_get_item (environments, 0);

    /* Without a project: the organization's too (the demo's one connection is). */
    ferry_api_client_list_connections_async (client, NULL, NULL, core_result_cb, &result);
    connections = ferry_api_client_list_connections_finish (client, core_wait_result (&result), &error);
    g_assert_no_error (error);
    connection = g_list_model_get_item (G_LIST_MODEL (connections), 0);
    draft = ferry_sync_draft_new (ferry_resource_get_id (FERRY_RESOURCE (fixture->project)));
    ferry_sync_draft_set_name (draft, "probed");
    ferry_sync_draft_set_environment (draft, ferry_environment_get_slug (env), ferry_environment_get_name (env));
    ferry_sync_draft_set_secret_path (draft, "/");
    ferry_sync_draft_set_connection (draft, ferry_resource_get_id (FERRY_RESOURCE (connection)),
                                     ferry_connection_get_name (connection));
    ferry_sync_draft_set_devops_project (draft, ferry_sandbox_get_devops_project_id (fixture->sandbox, "contoso", "Internal Tools"),
                                         "Internal Tools");
    ferry_sync_draft_set_auto_sync_enabled (draft, FALSE);
  }
  g_assert_cmpint (ferry_server_traits_get_build (traits (fixture)), ==, FERRY_SERVER_BUILD_UNKNOWN);

  created = save (fixture, draft, &error);
  g_assert_no_error (error);
  g_assert_false (ferry_sync_get_auto_sync_enabled (created));
  g_assert_cmpint (ferry_server_traits_get_build (traits (fixture)), ==,
                   old ? FERRY_SERVER_BUILD_OLD : FERRY_SERVER_BUILD_CURRENT);
  /* The probe: a 422 from the old build, a 404 from the current one. */
  g_assert_cmpuint (core_count_requests (fixture, "PATCH", PROBE_PATH, old ? 422 : 404), ==, 1);
  body = core_last_request_body (fixture, "POST", SYNCS_PATH);
  g_assert_true (json_object_has_member (body, old ? "isEnabled" : "isAutoSyncEnabled"));
  g_assert_false (json_object_has_member (body, old ? "isAutoSyncEnabled" : "isEnabled"));
}

static void
test_old_set_auto_sync (CoreFixture   *fixture,
                        gconstpointer  data)
{
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  FerrySync *sync;

  ferry_sandbox_set_server_build (fixture->sandbox, FERRY_SANDBOX_SERVER_BUILD_OLD);
  g_assert_true (core_refresh_syncs (fixture->model, &error));
  sync = first_sync (fixture->model);
  g_assert_true (ferry_sync_get_auto_sync_enabled (sync));

  g_assert_true (set_auto_sync (fixture, sync, FALSE, &error));
  g_assert_no_error (error);
  g_assert_false (ferry_sync_get_auto_sync_enabled (sync));
  path = core_sync_path (sync);
  body = core_last_request_body (fixture, "PATCH", path);
  g_assert_cmpuint (json_object_get_size (body), ==, 1);
  g_assert_false (json_object_get_boolean_member (body, "isEnabled"));

  /* And it stays off on the server. */
  g_assert_true (core_refresh_syncs (fixture->model, &error));
  g_assert_false (ferry_sync_get_auto_sync_enabled (sync));
}

/* The server answers 200 without making the change (the build changed under Ferry, so the
 * key sent was dropped): never reported as done. The answer teaches the build, and the
 * same change then works. */
static void
test_not_applied (CoreFixture   *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  FerrySync *sync;

  g_assert_true (core_refresh_syncs (fixture->model, &error));
  sync = first_sync (fixture->model);
  g_assert_cmpint (ferry_server_traits_get_build (traits (fixture)), ==, FERRY_SERVER_BUILD_CURRENT);

  ferry_sandbox_set_server_build (fixture->sandbox, FERRY_SANDBOX_SERVER_BUILD_OLD);
  g_assert_false (set_auto_sync (fixture, sync, FALSE, &error));
  g_assert_error (error, FERRY_SERVER_TRAITS_ERROR, FERRY_SERVER_TRAITS_ERROR_NOT_APPLIED);
  g_assert_nonnull (strstr (error->message, "did not turn auto-sync off"));
  /* The list shows the truth. */
  g_assert_true (ferry_sync_get_auto_sync_enabled (sync));
  g_assert_cmpint (ferry_server_traits_get_build (traits (fixture)), ==, FERRY_SERVER_BUILD_OLD);
  g_clear_error (&error);

  g_assert_true (set_auto_sync (fixture, sync, FALSE, &error));
  g_assert_no_error (error);
  g_assert_false (ferry_sync_get_auto_sync_enabled (sync));
}

/* ---- Name limits ---- */

static void
test_name_limits (CoreFixture   *fixture,
                  gconstpointer  data)
{
  g_autofree char *long_name = g_strnfill (100, 'n');
  g_autofree char *over_old = g_strnfill (33, 'o');
  g_autoptr(FerrySyncDraft) draft = NULL;
  g_autoptr(FerrySyncDraft) edit = NULL;
  g_autoptr(FerrySyncDraft) old_edit = NULL;
  g_autoptr(FerrySyncDraft) old_new = NULL;
  g_autoptr(FerrySync) created = NULL;
  g_autoptr(FerrySync) updated = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  g_assert_true (core_refresh_syncs (fixture->model, &error));

  /* Current build: 1–256, so a 100-character name is fine, and saved. */
  draft = new_draft (fixture, long_name, "Internal Tools", "/");
  g_assert_true (ferry_sync_draft_validate_step (draft, FERRY_SYNC_DRAFT_STEP_REVIEW, NULL, NULL));
  created = save (fixture, draft, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ferry_sync_get_name (created), ==, long_name);

  /* Editing it: Review and Save stay possible. */
  edit = ferry_sync_draft_new_from_sync (created);
  ferry_sync_draft_set_description (edit, "long name, edited");
  g_assert_true (ferry_sync_draft_validate_step (edit, FERRY_SYNC_DRAFT_STEP_REVIEW, NULL, NULL));
  updated = save (fixture, edit, &error);
  g_assert_no_error (error);

  /* The old build: 1–32 for a new name… */
  ferry_sandbox_set_server_build (fixture->sandbox, FERRY_SANDBOX_SERVER_BUILD_OLD);
  g_assert_true (core_refresh_syncs (fixture->model, &error));
  g_assert_cmpint (ferry_server_traits_get_build (traits (fixture)), ==, FERRY_SERVER_BUILD_OLD);
  old_new = new_draft (fixture, over_old, "Fabrikam Fiber", "/");
  ferry_sync_draft_set_server_build (old_new, FERRY_SERVER_BUILD_OLD);
  message = ferry_sync_draft_validate_field (old_new, FERRY_SYNC_DRAFT_FIELD_NAME);
  g_assert_cmpstr (message, ==, "Use at most 32 characters: this Infisical server does not accept longer sync names.");

  /* …but the name a sync already has there never blocks an edit. */
  old_edit = ferry_sync_draft_new_from_sync (created);
  g_assert_cmpint (ferry_sync_draft_get_server_build (old_edit), ==, FERRY_SERVER_BUILD_OLD);
  ferry_sync_draft_set_description (old_edit, "edited on the old build");
  g_assert_true (ferry_sync_draft_validate_step (old_edit, FERRY_SYNC_DRAFT_STEP_REVIEW, NULL, NULL));
  /* Changing it applies the build's rule again. */
  ferry_sync_draft_set_name (old_edit, over_old);
  g_assert_false (ferry_sync_draft_validate_step (old_edit, FERRY_SYNC_DRAFT_STEP_DETAILS, NULL, NULL));
}

/* ---- Subfolders ---- */

static void
test_recursive (CoreFixture   *fixture,
                gconstpointer  data)
{
  g_autoptr(FerrySyncDraft) draft = NULL;
  g_autoptr(FerrySyncDraft) edit = NULL;
  g_autoptr(FerrySyncDraft) off = NULL;
  g_autoptr(FerrySync) created = NULL;
  g_autoptr(FerrySync) refused = NULL;
  g_autoptr(FerrySync) turned_off = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *secret = NULL;
  GListModel *environments = ferry_project_get_environments (fixture->project);
  g_autoptr(FerryEnvironment) env = g_list_model_get_item (environments, 0);
  FerrySyncDraftField field;

  g_assert_true (core_refresh_syncs (fixture->model, &error));

  draft = new_draft (fixture, "backend-deep", "Internal Tools", "/backend");
  ferry_sync_draft_set_recursive (draft, TRUE);
  created = save (fixture, draft, &error);
  g_assert_no_error (error);
  g_assert_true (ferry_sync_get_recursive (created));
  g_assert_true (ferry_sync_get_has_recursive (created));
  body = core_last_request_body (fixture, "POST", SYNCS_PATH);
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (body, "syncOptions"), "recursive"));
  g_clear_pointer (&body, json_object_unref);

  /* A key schema change sends syncOptions whole: subfolders stay on. */
  edit = ferry_sync_draft_new_from_sync (created);
  g_assert_true (ferry_sync_draft_get_recursive (edit));
  ferry_sync_draft_set_key_schema (edit, "APP_{{secretKey}}");
  g_clear_object (&created);
  created = save (fixture, edit, &error);
  g_assert_no_error (error);
  g_assert_true (ferry_sync_get_recursive (created));
  path = core_sync_path (created);
  body = core_last_request_body (fixture, "PATCH", path);
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (body, "syncOptions"), "recursive"));

  /* The same name in two folders: refused, on the Options step, with the server's list. */
  secret = g_strdup_printf ("{\"workspaceId\":\"%s\",\"environment\":\"%s\",\"secretPath\":\"/backend/api\","
                            "\"secretValue\":\"redis://api-cache:6379/1\"}",
                            ferry_resource_get_id (FERRY_RESOURCE (fixture->project)), ferry_environment_get_slug (env));
  g_assert_cmpuint (ferry_sandbox_send_as_user (fixture->sandbox, "POST", "/api/v3/secrets/raw/REDIS_URL", secret), ==, 200);
  g_clear_object (&edit);
  edit = ferry_sync_draft_new_from_sync (created);
  ferry_sync_draft_set_description (edit, "collides");
  refused = save (fixture, edit, &error);
  g_assert_null (refused);
  g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_BAD_REQUEST);
  field = ferry_sync_draft_apply_error (edit, error);
  g_assert_cmpint (field, ==, FERRY_SYNC_DRAFT_FIELD_RECURSIVE);
  g_assert_cmpint (ferry_sync_draft_field_get_step (field), ==, FERRY_SYNC_DRAFT_STEP_OPTIONS);
  g_assert_nonnull (strstr (ferry_sync_draft_get_field_error (edit, field), "REDIS_URL\" in /backend and /backend/api"));
  g_assert_false (ferry_sync_draft_validate_step (edit, FERRY_SYNC_DRAFT_STEP_OPTIONS, NULL, NULL));
  g_clear_error (&error);

  /* Turning subfolders off clears it, and sends recursive false (not nothing). */
  ferry_sync_draft_set_recursive (edit, FALSE);
  g_assert_null (ferry_sync_draft_get_field_error (edit, FERRY_SYNC_DRAFT_FIELD_RECURSIVE));
  turned_off = save (fixture, edit, &error);
  g_assert_no_error (error);
  g_assert_false (ferry_sync_get_recursive (turned_off));
  g_clear_pointer (&body, json_object_unref);
  body = core_last_request_body (fixture, "PATCH", path);
  g_assert_false (json_object_get_boolean_member (json_object_get_object_member (body, "syncOptions"), "recursive"));

  /* The old build has none: learnt from its answers, never sent there. */
  ferry_sandbox_set_server_build (fixture->sandbox, FERRY_SANDBOX_SERVER_BUILD_OLD);
  g_assert_true (core_refresh_syncs (fixture->model, &error));
  g_assert_false (ferry_server_traits_get_recursive_supported (traits (fixture)));
  off = ferry_sync_draft_new_from_sync (turned_off);
  g_assert_false (ferry_sync_draft_get_recursive_supported (off));
  ferry_sync_draft_set_recursive (off, TRUE);
  g_assert_false (ferry_sync_draft_validate_step (off, FERRY_SYNC_DRAFT_STEP_OPTIONS, NULL, NULL));
  ferry_sync_draft_set_recursive (off, FALSE);
  ferry_sync_draft_set_key_schema (off, "OLD_{{secretKey}}");
  g_clear_pointer (&body, json_object_unref);
  body = ferry_sync_draft_build_update_body (off);
  g_assert_false (json_object_has_member (json_object_get_object_member (body, "syncOptions"), "recursive"));
}

/* ---- Duplicate destinations ---- */

static void
test_duplicate_destination (CoreFixture   *fixture,
                            gconstpointer  data)
{
  g_autoptr(FerrySyncDraft) draft = NULL;
  g_autoptr(FerrySync) refused = NULL;
  g_autoptr(GError) error = NULL;
  FerrySyncDraftField field;

  g_assert_true (core_refresh_syncs (fixture->model, &error));
  ferry_sandbox_set_block_duplicate_destinations (fixture->sandbox, TRUE);
  g_assert_false (ferry_server_traits_get_duplicates_known (traits (fixture)));

  /* web-prod-to-contoso-web already writes to Contoso Web. */
  draft = new_draft (fixture, "second-to-contoso-web", "Contoso Web", "/");
  refused = save (fixture, draft, &error);
  g_assert_null (refused);
  field = ferry_sync_draft_apply_error (draft, error);
  g_assert_cmpint (field, ==, FERRY_SYNC_DRAFT_FIELD_DEVOPS_PROJECT);
  g_assert_cmpint (ferry_sync_draft_field_get_step (field), ==, FERRY_SYNC_DRAFT_STEP_DESTINATION);
  g_assert_cmpstr (ferry_sync_draft_get_field_error (draft, field), ==, ferry_sync_draft_duplicate_destination_message ());
  g_assert_nonnull (strstr (ferry_sync_draft_duplicate_destination_message (), "organization"));
  /* The refusal says what the organization's setting is. */
  g_assert_true (ferry_server_traits_get_duplicates_known (traits (fixture)));
  g_assert_true (ferry_server_traits_get_duplicates_blocked (traits (fixture)));
}

int
main (int   argc,
      char *argv[])
{
  ferry_test_init (&argc, &argv);

  if (!core_test_have_keyring ("/server-builds/skipped"))
    return g_test_run ();

#define ADD(path, func, data) \
  g_test_add (path, CoreFixture, data, core_fixture_setup, func, core_fixture_teardown)

  ADD ("/server-builds/old/create-auto-sync-off", test_old_create_auto_sync_off, NULL);
  ADD ("/server-builds/probe/old", test_probe, GINT_TO_POINTER (TRUE));
  ADD ("/server-builds/probe/current", test_probe, GINT_TO_POINTER (FALSE));
  ADD ("/server-builds/old/set-auto-sync", test_old_set_auto_sync, NULL);
  ADD ("/server-builds/not-applied", test_not_applied, NULL);
  ADD ("/server-builds/name-limits", test_name_limits, NULL);
  ADD ("/server-builds/recursive", test_recursive, NULL);
  ADD ("/server-builds/duplicate-destination", test_duplicate_destination, NULL);

  return g_test_run ();
}
