/* test-connection-dependents.c: the syncs of every project that use a connection
 * (FerryConnectionUsage), and the delete refusal that names them, over real HTTP against the
 * sandbox. The demo's organization-wide connection "contoso-pat" is used by one sync of Web
 * Storefront and one of Payments API, and by none of Data Platform.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "core-test-utils.h"
#include "ferry-api-client.h"
#include "ferry-api-error.h"
#include "ferry-connection-usage.h"

#define CONNECTIONS_PATH "/api/v1/app-connections/azure-devops"

static FerryConnection *
find_named (GListModel *connections,
            const char *name)
{
  for (guint i = 0; i < g_list_model_get_n_items (connections); i++)
    {
      g_autoptr(FerryConnection) c = g_list_model_get_item (connections, i);

      if (g_strcmp0 (ferry_connection_get_name (c), name) == 0)
        return c;
    }
  return NULL;
}

/* The model of the demo's third project, Data Platform (no syncs), with its connections. */
static FerryProjectModel *
data_platform_model (CoreFixture *fixture)
{
  FerryProject *project = ferry_workspace_find_project (fixture->workspace,
                                                        ferry_sandbox_get_project_id (fixture->sandbox, 2));
  FerryProjectModel *model;

  g_assert_nonnull (project);
  g_assert_cmpstr (ferry_project_get_name (project), ==, "Data Platform");
  model = ferry_workspace_get_project_model (fixture->workspace, project);
  ferry_project_model_refresh_connections (model);
  CORE_WAIT (ferry_project_model_get_connections_state (model) == FERRY_LOAD_STATE_READY, 10000);
  g_assert_true (core_refresh_syncs (model, NULL));
  return model;
}

static FerryConnectionUsage *
scan (CoreFixture  *fixture,
      GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ferry_connection_usage_scan_async (fixture->workspace, NULL, core_result_cb, &result);
  return ferry_connection_usage_scan_finish (core_wait_result (&result), error);
}

static void
test_scan (CoreFixture   *fixture,
           gconstpointer  data)
{
  FerryProjectModel *model = data_platform_model (fixture);
  FerryConnection *pat = find_named (ferry_project_model_get_connections (model), "contoso-pat");
  const char *id;
  g_autoptr(GListStore) local = NULL;
  g_autoptr(FerryConnectionUsage) usage = NULL;
  g_autoptr(GPtrArray) syncs = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *list = NULL;

  g_assert_nonnull (pat);
  id = ferry_resource_get_id (FERRY_RESOURCE (pat));

  /* What the project alone knows: nothing uses it here. */
  local = ferry_project_model_list_connection_syncs (model, id);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (local)), ==, 0);

  usage = scan (fixture, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ferry_connection_usage_get_n_checked (usage), ==, 3);
  g_assert_cmpuint (g_strv_length ((char **) ferry_connection_usage_get_unchecked (usage)), ==, 0);
  syncs = ferry_connection_usage_get_syncs (usage, id);
  g_assert_cmpuint (syncs->len, ==, 2);
  g_assert_cmpuint (ferry_connection_usage_get_n_projects (usage, id), ==, 2);
  list = ferry_connection_usage_format_syncs (usage, id, 5);
  g_assert_cmpstr (list, ==, "web-prod-to-contoso-web (Web Storefront), payments-staging-to-legacy (Payments API)");
  g_clear_pointer (&list, g_free);
  list = ferry_connection_usage_format_syncs (usage, id, 1);
  g_assert_cmpstr (list, ==, "web-prod-to-contoso-web (Web Storefront), and 1 more");

  /* One list request per project, each for its own project. */
  g_assert_cmpuint (core_count_requests (fixture, "GET", "/api/v1/secret-syncs/azure-devops", 200), >=, 3);
}

static void
test_scan_incomplete (CoreFixture   *fixture,
                      gconstpointer  data)
{
  FerryProjectModel *model = data_platform_model (fixture);
  FerryConnection *pat = find_named (ferry_project_model_get_connections (model), "contoso-pat");
  g_autoptr(FerryConnectionUsage) usage = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) explained = NULL;
  const char * const *unchecked;

  /* Every project's list fails: the scan still answers, and says what it could not see. */
  core_add_fault (fixture, "{\"route\": \"GET /api/v1/secret-syncs/azure-devops\", \"status\": 500}");
  usage = scan (fixture, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ferry_connection_usage_get_n_checked (usage), ==, 0);
  unchecked = ferry_connection_usage_get_unchecked (usage);
  g_assert_cmpuint (g_strv_length ((char **) unchecked), ==, 3);
  g_assert_true (g_strv_contains (unchecked, "Payments API"));

  explained = ferry_connection_usage_explain_in_use (usage, pat, NULL);
  g_assert_error (explained, FERRY_API_ERROR, FERRY_API_ERROR_IN_USE);
  g_assert_nonnull (strstr (explained->message, "could not check every project"));
  g_assert_nonnull (strstr (explained->message, "Data Platform"));
}

static void
test_scan_cancelled (CoreFixture   *fixture,
                     gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(FerryConnectionUsage) usage = NULL;
  g_autoptr(GError) error = NULL;

  core_add_fault (fixture, "{\"route\": \"GET /api/v1/secret-syncs/azure-devops\", \"latencyMs\": 3000}");
  ferry_connection_usage_scan_async (fixture->workspace, cancellable, core_result_cb, &result);
  ferry_test_spin_for (100);
  g_cancellable_cancel (cancellable);
  usage = ferry_connection_usage_scan_finish (core_wait_result (&result), &error);
  g_assert_null (usage);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Deleting it from a project where nothing uses it: the server refuses, and the error names
 * the syncs of the other projects, with the server's words as the detail. */
static void
test_delete_names_dependents (CoreFixture   *fixture,
                              gconstpointer  data)
{
  FerryProjectModel *model = data_platform_model (fixture);
  FerryConnection *pat = find_named (ferry_project_model_get_connections (model), "contoso-pat");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  g_assert_nonnull (pat);
  path = g_strconcat (CONNECTIONS_PATH "/", ferry_resource_get_id (FERRY_RESOURCE (pat)), NULL);
  ferry_project_model_delete_connection_async (model, pat, NULL, core_result_cb, &result);
  g_assert_false (ferry_project_model_delete_connection_finish (model, core_wait_result (&result), &error));
  g_assert_cmpuint (core_count_requests (fixture, "DELETE", path, 400), ==, 1);

  g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_IN_USE);
  g_assert_cmpstr (error->message, ==,
                   "“contoso-pat” is still used by 2 syncs: web-prod-to-contoso-web (Web Storefront), "
                   "payments-staging-to-legacy (Payments API). Delete those syncs or give them another "
                   "connection, then try again.");
  g_assert_cmpuint (ferry_api_error_get_http_status (error), ==, 400);
  g_assert_nonnull (strstr (ferry_api_error_get_detail (error), "Cannot delete App Connection with existing connections"));
  g_assert_nonnull (ferry_api_error_get_request_id (error));

  /* Still listed: nothing was deleted. */
  g_assert_nonnull (find_named (ferry_project_model_get_connections (model), "contoso-pat"));
}

/* Rotation is not an Azure DevOps feature: whatever a body carries, the client never sends
 * isAutoRotationEnabled or rotation (the server would refuse both with "Not supported for
 * Azure DevOps Connections"). */
static void
test_rotation_never_sent (CoreFixture   *fixture,
                          gconstpointer  data)
{
  FerryApiClient *client = ferry_workspace_get_client (fixture->workspace);
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonObject) patch = NULL;
  g_autoptr(JsonObject) sent = NULL;
  g_autoptr(JsonObject) rotation = json_object_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(FerryConnection) made = NULL;
  g_autoptr(FerryConnection) patched = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  body = ferry_connection_build_create_body (FERRY_CONNECTION_METHOD_ACCESS_TOKEN,
                                             ferry_connection_credentials_access_token (ferry_sandbox_add_devops_pat (fixture->sandbox, "contoso"), "contoso"),
                                             "no-rotation", NULL, NULL);
  json_object_set_boolean_member (body, "isAutoRotationEnabled", TRUE);
  json_object_set_string_member (rotation, "rotationInterval", "30");
  json_object_set_object_member (body, "rotation", json_object_ref (rotation));

  ferry_api_client_create_connection_async (client, body, NULL, core_result_cb, &result);
  made = ferry_api_client_create_connection_finish (client, core_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ferry_connection_get_name (made), ==, "no-rotation");
  sent = core_last_request_body (fixture, "POST", CONNECTIONS_PATH);
  g_assert_nonnull (sent);
  g_assert_false (json_object_has_member (sent, "isAutoRotationEnabled"));
  g_assert_false (json_object_has_member (sent, "rotation"));
  g_assert_cmpstr (json_object_get_string_member (sent, "name"), ==, "no-rotation");
  /* The caller's body is left as it was. */
  g_assert_true (json_object_has_member (body, "rotation"));
  g_clear_pointer (&sent, json_object_unref);

  patch = json_object_new ();
  json_object_set_string_member (patch, "description", "still none");
  json_object_set_boolean_member (patch, "isAutoRotationEnabled", TRUE);
  path = g_strconcat (CONNECTIONS_PATH "/", ferry_resource_get_id (FERRY_RESOURCE (made)), NULL);
  g_clear_object (&result);
  ferry_api_client_update_connection_async (client, ferry_resource_get_id (FERRY_RESOURCE (made)), patch,
                                            NULL, core_result_cb, &result);
  patched = ferry_api_client_update_connection_finish (client, core_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ferry_connection_get_description (patched), ==, "still none");
  sent = core_last_request_body (fixture, "PATCH", path);
  g_assert_nonnull (sent);
  g_assert_false (json_object_has_member (sent, "isAutoRotationEnabled"));
}

int
main (int   argc,
      char *argv[])
{
  ferry_test_init (&argc, &argv);

  if (!core_test_have_keyring ("/connection-dependents/needs-secret-service"))
    return g_test_run ();

#define ADD(path, func) \
  g_test_add ("/connection-dependents/" path, CoreFixture, NULL, core_fixture_setup, func, core_fixture_teardown)
  ADD ("scan", test_scan);
  ADD ("scan-incomplete", test_scan_incomplete);
  ADD ("scan-cancelled", test_scan_cancelled);
  ADD ("delete-names-dependents", test_delete_names_dependents);
  ADD ("rotation-never-sent", test_rotation_never_sent);
#undef ADD

  return g_test_run ();
}
