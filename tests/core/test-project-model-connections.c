/* test-project-model-connections.c: FerryProjectModel's connections over real HTTP against
 * the in-process sandbox: the project's and the organization's listed together, created,
 * changed (only what differs is sent) and deleted; the credentials struct.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "core-test-utils.h"
#include "ferry-api-error.h"

#define CONNECTIONS_PATH "/api/v1/app-connections/azure-devops"

static void
wait_connections_ready (FerryProjectModel *model)
{
  CORE_WAIT (ferry_project_model_get_connections_state (model) == FERRY_LOAD_STATE_READY &&
             !ferry_project_model_get_connections_error (model), 10000);
}

static FerryConnection *
create_connection (CoreFixture  *fixture,
                   const char   *name,
                   const char   *description,
                   gboolean      for_project,
                   GError      **error)
{
  g_autoptr(FerryConnectionCredentials) credentials = ferry_connection_credentials_new (FERRY_CONNECTION_METHOD_ACCESS_TOKEN);
  g_autoptr(GAsyncResult) result = NULL;

  credentials->org_name = g_strdup ("contoso");
  credentials->access_token = g_strdup (ferry_sandbox_add_devops_pat (fixture->sandbox, "contoso"));
  ferry_project_model_create_connection_async (fixture->model, name, description, credentials, for_project,
                                               NULL, core_result_cb, &result);
  return ferry_project_model_create_connection_finish (fixture->model, core_wait_result (&result), error);
}

static guint
index_of (GListModel *model,
          gpointer    item)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) other = g_list_model_get_item (model, i);

      if (other == item)
        return i;
    }

  return G_MAXUINT;
}

static void
test_list (CoreFixture   *fixture,
           gconstpointer  data)
{
  FerryProjectModel *model = fixture->model;
  GListModel *connections = ferry_project_model_get_connections (model);
  g_autoptr(FerryConnection) own = NULL;
  g_autoptr(FerryConnection) org = NULL;
  g_autoptr(FerryConnection) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) users = NULL;
  FerryConnection *pat;

  g_assert_cmpint (ferry_project_model_get_connections_state (model), ==, FERRY_LOAD_STATE_IDLE);
  ferry_project_model_refresh_connections (model);
  g_assert_cmpint (ferry_project_model_get_connections_state (model), ==, FERRY_LOAD_STATE_LOADING);
  wait_connections_ready (model);

  /* The demo's one connection is the organization's. */
  g_assert_cmpuint (g_list_model_get_n_items (connections), ==, 1);
  pat = g_list_model_get_item (connections, 0);
  g_object_unref (pat);   /* the store keeps it */
  g_assert_cmpstr (ferry_connection_get_name (pat), ==, "contoso-pat");
  g_assert_null (ferry_connection_get_project_id (pat));
  g_assert_true (ferry_project_model_find_connection (model, ferry_resource_get_id (FERRY_RESOURCE (pat))) == pat);
  /* Asked twice: for the project, then for the organization. */
  g_assert_cmpuint (core_count_requests (fixture, "GET", CONNECTIONS_PATH, 200), ==, 2);

  /* One of each scope, made elsewhere; listed with the project's first. */
  own = create_connection (fixture, "core-project-pat", NULL, TRUE, &error);
  g_assert_no_error (error);
  org = create_connection (fixture, "core-org-pat", NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ferry_connection_get_project_id (own), ==, ferry_resource_get_id (FERRY_RESOURCE (fixture->project)));
  g_assert_null (ferry_connection_get_project_id (org));
  /* And one of another project: the organization list carries it, this project never shows it. */
  {
    FerryProject *payments = ferry_workspace_find_project (fixture->workspace,
                                                           ferry_sandbox_get_project_id (fixture->sandbox, 1));
    FerryProjectModel *other_model = ferry_workspace_get_project_model (fixture->workspace, payments);
    g_autoptr(FerryConnectionCredentials) credentials = ferry_connection_credentials_new (FERRY_CONNECTION_METHOD_ACCESS_TOKEN);
    g_autoptr(GAsyncResult) result = NULL;

    credentials->org_name = g_strdup ("contoso");
    credentials->access_token = g_strdup (ferry_sandbox_add_devops_pat (fixture->sandbox, "contoso"));
    ferry_project_model_create_connection_async (other_model, "core-other-project-pat", NULL, credentials, TRUE,
                                                 NULL, core_result_cb, &result);
    other = ferry_project_model_create_connection_finish (other_model, core_wait_result (&result), &error);
    g_assert_no_error (error);
  }

  ferry_project_model_refresh_connections (model);
  ferry_project_model_refresh_connections (model);   /* in flight: nothing more */
  CORE_WAIT (core_count_requests (fixture, "GET", CONNECTIONS_PATH, 200) == 4, 10000);
  ferry_test_spin_for (50);
  g_assert_cmpuint (core_count_requests (fixture, "GET", CONNECTIONS_PATH, 0), ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (connections), ==, 3);
  g_assert_null (ferry_project_model_find_connection (model, ferry_resource_get_id (FERRY_RESOURCE (other))));
  g_assert_cmpuint (index_of (connections, own), ==, 0);
  g_assert_cmpuint (index_of (connections, pat), <, 3);
  g_assert_cmpuint (index_of (connections, org), <, 3);
  g_assert_true (ferry_project_model_find_connection (model, ferry_resource_get_id (FERRY_RESOURCE (pat))) == pat);

  /* Which syncs use a connection: from the sync list. */
  g_assert_true (core_refresh_syncs (model, &error));
  users = ferry_project_model_list_connection_syncs (model, ferry_resource_get_id (FERRY_RESOURCE (pat)));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (users)), ==, 1);
  g_clear_object (&users);
  users = ferry_project_model_list_connection_syncs (model, ferry_resource_get_id (FERRY_RESOURCE (own)));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (users)), ==, 0);
}

static void
test_org_forbidden (CoreFixture   *fixture,
                    gconstpointer  data)
{
  FerryProjectModel *model = fixture->model;
  GListModel *connections = ferry_project_model_get_connections (model);
  g_autoptr(FerryConnection) own = NULL;
  g_autoptr(GError) error = NULL;

  own = create_connection (fixture, "core-project-pat", NULL, TRUE, &error);
  g_assert_no_error (error);
  ferry_project_model_refresh_connections (model);
  wait_connections_ready (model);
  g_assert_cmpuint (g_list_model_get_n_items (connections), ==, 2);

  /* Without organization permissions (the second request refused) the project's own are
   * still listed, and that is no error. The first fault only lets the project's request
   * through (the first matching fault wins, then it is used up). */
  ferry_api_client_set_retry_policy (ferry_session_get_client (fixture->session), 1, 10, 1000);
  core_add_fault (fixture, "{\"route\": \"GET " CONNECTIONS_PATH "\", \"kind\": \"latency\", \"latencyMs\": 10, \"count\": 1}");
  core_add_fault (fixture, "{\"route\": \"GET " CONNECTIONS_PATH "\", \"status\": 403, \"error\": \"PermissionDenied\", "
                           "\"message\": \"You are not allowed to read organization app connections\", \"count\": 1}");
  ferry_project_model_refresh_connections (model);
  CORE_WAIT (g_list_model_get_n_items (connections) == 1, 10000);
  g_assert_cmpuint (core_count_requests (fixture, "GET", CONNECTIONS_PATH, 403), ==, 1);
  g_assert_true (ferry_project_model_find_connection (model, ferry_resource_get_id (FERRY_RESOURCE (own))) == own);
  g_assert_null (ferry_project_model_get_connections_error (model));

  /* Any other failure is one; the list shown stays. */
  core_add_fault (fixture, "{\"route\": \"GET " CONNECTIONS_PATH "\", \"status\": 500, \"count\": 1}");
  ferry_project_model_refresh_connections (model);
  CORE_WAIT (ferry_project_model_get_connections_error (model) != NULL, 10000);
  g_assert_error (ferry_project_model_get_connections_error (model), FERRY_API_ERROR, FERRY_API_ERROR_SERVER);
  g_assert_cmpint (ferry_project_model_get_connections_state (model), ==, FERRY_LOAD_STATE_READY);
  g_assert_cmpuint (g_list_model_get_n_items (connections), ==, 1);
  g_assert_cmpint (ferry_session_get_state (fixture->session), ==, FERRY_SESSION_STATE_ACTIVE);
}

static void
test_create_update_delete (CoreFixture   *fixture,
                           gconstpointer  data)
{
  FerryProjectModel *model = fixture->model;
  GListModel *connections = ferry_project_model_get_connections (model);
  g_autoptr(FerryConnection) created = NULL;
  g_autoptr(FerryConnection) updated = NULL;
  g_autoptr(FerryConnection) same = NULL;
  g_autoptr(FerryConnectionCredentials) credentials = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autofree char *path = NULL;
  JsonObject *sent_credentials;
  guint patches;

  ferry_project_model_refresh_connections (model);
  wait_connections_ready (model);

  /* Create: in the store when it finishes; the body Infisical expects. */
  created = create_connection (fixture, "core-new", "Made by a test", TRUE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (created);
  g_assert_true (ferry_project_model_find_connection (model, ferry_resource_get_id (FERRY_RESOURCE (created))) == created);
  g_assert_cmpuint (g_list_model_get_n_items (connections), ==, 2);
  g_assert_cmpint (ferry_connection_get_method (created), ==, FERRY_CONNECTION_METHOD_ACCESS_TOKEN);
  g_assert_cmpstr (ferry_connection_get_org_name (created), ==, "contoso");
  body = core_last_request_body (fixture, "POST", CONNECTIONS_PATH);
  g_assert_nonnull (body);
  g_assert_cmpstr (json_object_get_string_member (body, "method"), ==, "access-token");
  g_assert_cmpstr (json_object_get_string_member (body, "name"), ==, "core-new");
  g_assert_cmpstr (json_object_get_string_member (body, "description"), ==, "Made by a test");
  g_assert_cmpstr (json_object_get_string_member (body, "projectId"), ==, ferry_resource_get_id (FERRY_RESOURCE (fixture->project)));
  sent_credentials = json_object_get_object_member (body, "credentials");
  g_assert_cmpstr (json_object_get_string_member (sent_credentials, "orgName"), ==, "contoso");
  g_assert_cmpstr (json_object_get_string_member (sent_credentials, "accessToken"), ==, "[REDACTED]");
  g_clear_pointer (&body, json_object_unref);

  /* A duplicate name: the server's error, nothing added. */
  g_clear_object (&same);
  same = create_connection (fixture, "core-new", NULL, TRUE, &error);
  g_assert_null (same);
  g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_BAD_REQUEST);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (connections), ==, 2);

  /* Update: only what differs, on the same object. "" clears the description. */
  path = g_strconcat (CONNECTIONS_PATH "/", ferry_resource_get_id (FERRY_RESOURCE (created)), NULL);
  ferry_project_model_update_connection_async (model, created, "core-renamed", "", NULL,
                                               NULL, core_result_cb, &result);
  updated = ferry_project_model_update_connection_finish (model, core_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_true (updated == created);
  g_assert_cmpstr (ferry_connection_get_name (created), ==, "core-renamed");
  g_assert_null (ferry_connection_get_description (created));
  body = core_last_request_body (fixture, "PATCH", path);
  g_assert_nonnull (body);
  g_assert_cmpuint (json_object_get_size (body), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (body, "name"), ==, "core-renamed");
  g_assert_true (json_object_get_null_member (body, "description"));
  g_clear_pointer (&body, json_object_unref);

  /* New credentials: sent; the rest as it is. */
  credentials = ferry_connection_credentials_new (FERRY_CONNECTION_METHOD_ACCESS_TOKEN);
  credentials->org_name = g_strdup ("contoso");
  credentials->access_token = g_strdup (ferry_sandbox_add_devops_pat (fixture->sandbox, "contoso"));
  g_clear_object (&result);
  g_clear_object (&updated);
  ferry_project_model_update_connection_async (model, created, "core-renamed", NULL, credentials,
                                               NULL, core_result_cb, &result);
  updated = ferry_project_model_update_connection_finish (model, core_wait_result (&result), &error);
  g_assert_no_error (error);
  body = core_last_request_body (fixture, "PATCH", path);
  g_assert_cmpuint (json_object_get_size (body), ==, 1);
  g_assert_true (json_object_has_member (body, "credentials"));
  g_clear_pointer (&body, json_object_unref);

  /* Nothing differs: no request at all. */
  patches = core_count_requests (fixture, "PATCH", path, 0);
  g_clear_object (&result);
  g_clear_object (&updated);
  ferry_project_model_update_connection_async (model, created, "core-renamed", "", NULL,
                                               NULL, core_result_cb, &result);
  updated = ferry_project_model_update_connection_finish (model, core_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_true (updated == created);
  g_assert_cmpuint (core_count_requests (fixture, "PATCH", path, 0), ==, patches);

  /* Delete: out of the store, and off the server. */
  g_clear_object (&result);
  ferry_project_model_delete_connection_async (model, created, NULL, core_result_cb, &result);
  g_assert_true (ferry_project_model_delete_connection_finish (model, core_wait_result (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (connections), ==, 1);
  g_assert_null (ferry_project_model_find_connection (model, ferry_resource_get_id (FERRY_RESOURCE (created))));
  g_assert_cmpuint (core_count_requests (fixture, "DELETE", path, 200), ==, 1);
  ferry_project_model_refresh_connections (model);
  CORE_WAIT (core_count_requests (fixture, "GET", CONNECTIONS_PATH, 200) == 4, 10000);
  wait_connections_ready (model);
  g_assert_cmpuint (g_list_model_get_n_items (connections), ==, 1);
}

static void
test_create_timed_out (CoreFixture   *fixture,
                       gconstpointer  data)
{
  FerryProjectModel *model = fixture->model;
  FerryApiClient *client = ferry_session_get_client (fixture->session);
  GListModel *connections = ferry_project_model_get_connections (model);
  g_autoptr(FerryConnection) created = NULL;
  g_autoptr(FerryConnection) never = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  ferry_project_model_refresh_connections (model);
  wait_connections_ready (model);
  n = g_list_model_get_n_items (connections);

  /* The answer comes after Ferry stopped waiting, but the server made the connection:
   * the create succeeds with it, in the store, sent once. */
  ferry_api_client_set_timeout (client, 1);
  core_add_fault (fixture, "{\"route\": \"POST " CONNECTIONS_PATH "\", \"kind\": \"latency\", \"latencyMs\": 1500, \"count\": 1}");
  created = create_connection (fixture, "core-slow-pat", NULL, TRUE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (created);
  g_assert_cmpstr (ferry_connection_get_name (created), ==, "core-slow-pat");
  g_assert_true (ferry_project_model_find_connection (model, ferry_resource_get_id (FERRY_RESOURCE (created))) == created);
  g_assert_cmpuint (g_list_model_get_n_items (connections), ==, n + 1);
  g_assert_cmpuint (core_count_requests (fixture, "POST", CONNECTIONS_PATH, 0), ==, 1);
  g_assert_cmpuint (core_count_requests (fixture, "GET", CONNECTIONS_PATH "/connection-name/core-slow-pat", 0), >=, 1);

  /* Timed out and not made: the timeout stands, nothing is added. */
  core_add_fault (fixture, "{\"route\": \"POST " CONNECTIONS_PATH "\", \"status\": 500, \"latencyMs\": 1500, \"count\": 1}");
  never = create_connection (fixture, "core-never-pat", NULL, TRUE, &error);
  g_assert_null (never);
  g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_TIMEOUT);
  g_assert_cmpuint (g_list_model_get_n_items (connections), ==, n + 1);
  g_assert_cmpuint (core_count_requests (fixture, "GET", CONNECTIONS_PATH "/connection-name/core-never-pat", 0), >=, 1);
}

static void
test_add_connection (CoreFixture   *fixture,
                     gconstpointer  data)
{
  FerryProjectModel *model = fixture->model;
  g_autoptr(FerryConnection) made = NULL;
  g_autoptr(FerryConnection) copy = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  FerryApiClient *client = ferry_session_get_client (fixture->session);

  ferry_project_model_refresh_connections (model);
  wait_connections_ready (model);

  /* What an OAuth flow hands over joins the list; the same connection again updates it. */
  made = create_connection (fixture, "core-oauth-like", NULL, FALSE, &error);
  g_assert_no_error (error);
  ferry_api_client_get_connection_async (client, ferry_resource_get_id (FERRY_RESOURCE (made)), NULL, core_result_cb, &result);
  copy = ferry_api_client_get_connection_finish (client, core_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_false (copy == made);
  g_assert_true (ferry_project_model_add_connection (model, copy) == made);
  g_assert_cmpuint (g_list_model_get_n_items (ferry_project_model_get_connections (model)), ==, 2);
}

static void
test_credentials (void)
{
  g_autoptr(FerryConnectionCredentials) credentials = ferry_connection_credentials_new (FERRY_CONNECTION_METHOD_CLIENT_SECRET);
  g_autoptr(FerryConnectionCredentials) copy = NULL;
  GValue value = G_VALUE_INIT;

  credentials->org_name = g_strdup ("contoso");
  credentials->tenant_id = g_strdup ("8f2b6c1d-3e4a-4b5c-9d6e-7f8a9b0c1d2e");
  credentials->client_id = g_strdup ("1c9e4a7b-2d3f-4e5a-8b6c-9d0e1f2a3b4c");
  credentials->client_secret = g_strdup ("not-a-real-secret");

  copy = ferry_connection_credentials_copy (credentials);
  g_assert_cmpint (copy->method, ==, FERRY_CONNECTION_METHOD_CLIENT_SECRET);
  g_assert_cmpstr (copy->client_secret, ==, "not-a-real-secret");
  g_assert_false (copy->client_secret == credentials->client_secret);
  g_assert_null (copy->access_token);

  /* A boxed type, for properties and signals. */
  g_value_init (&value, FERRY_TYPE_CONNECTION_CREDENTIALS);
  g_value_set_boxed (&value, credentials);
  g_assert_cmpstr (((FerryConnectionCredentials *) g_value_get_boxed (&value))->tenant_id, ==, credentials->tenant_id);
  g_value_unset (&value);

  ferry_connection_credentials_free (NULL);
}

int
main (int   argc,
      char *argv[])
{
  ferry_test_init (&argc, &argv);

  g_test_add_func ("/project-model/connections/credentials", test_credentials);
  if (!core_test_have_keyring ("/project-model/connections/needs-secret-service"))
    return g_test_run ();

#define ADD(path, func) \
  g_test_add ("/project-model/connections/" path, CoreFixture, NULL, core_fixture_setup, func, core_fixture_teardown)
  ADD ("list", test_list);
  ADD ("org-forbidden", test_org_forbidden);
  ADD ("create-update-delete", test_create_update_delete);
  ADD ("add-connection", test_add_connection);
  ADD ("create-timed-out", test_create_timed_out);
#undef ADD

  return g_test_run ();
}
