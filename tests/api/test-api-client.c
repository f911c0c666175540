/* test-api-client.c: FerryApiClient over real HTTP against the in-process sandbox.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every endpoint's success and error cases, every fault kind of the sandbox, the retry
 * policy (checked in the sandbox's request log), cancellation and the token refresh.
 */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <unistd.h>

#include "ferry-api-client.h"
#include "ferry-sandbox.h"
#include "ferry-test-utils.h"

#define WAIT_MS 20000

/* ---- A token provider that counts and can refresh ---- */

#define TEST_TYPE_PROVIDER (test_provider_get_type ())
G_DECLARE_FINAL_TYPE (TestProvider, test_provider, TEST, PROVIDER, GObject)

struct _TestProvider
{
  GObject       parent_instance;
  FerrySandbox *sandbox;
  char         *token;
  guint         calls;
  guint         refreshes;
  gboolean      can_refresh;
};

static void test_provider_iface_init (FerryTokenProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestProvider, test_provider, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (FERRY_TYPE_TOKEN_PROVIDER, test_provider_iface_init))

static void
test_provider_get_token_async (FerryTokenProvider  *provider,
                               gboolean             force_refresh,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  TestProvider *self = TEST_PROVIDER (provider);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  self->calls++;
  if (force_refresh)
    {
      self->refreshes++;
      if (!self->can_refresh)
        {
          g_task_return_new_error (task, FERRY_API_ERROR, FERRY_API_ERROR_TOKEN_EXPIRED, "Sign in again.");
          return;
        }
      g_free (self->token);
      self->token = ferry_sandbox_issue_user_jwt (self->sandbox, 3600);
    }
  g_task_return_pointer (task, g_strdup (self->token), g_free);
}

static char *
test_provider_get_token_finish (FerryTokenProvider  *provider,
                                GAsyncResult        *result,
                                GError             **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
test_provider_iface_init (FerryTokenProviderInterface *iface)
{
  iface->get_token_async = test_provider_get_token_async;
  iface->get_token_finish = test_provider_get_token_finish;
}

static void
test_provider_finalize (GObject *object)
{
  TestProvider *self = TEST_PROVIDER (object);

  g_free (self->token);
  g_clear_object (&self->sandbox);
  G_OBJECT_CLASS (test_provider_parent_class)->finalize (object);
}

static void
test_provider_class_init (TestProviderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_provider_finalize;
}

static void
test_provider_init (TestProvider *self)
{
}

/* ---- Fixture ---- */

typedef struct
{
  FerrySandbox   *sandbox;
  FerryApiClient *client;
  TestProvider   *provider;
  GAsyncResult   *result;
  char           *web_id;       /* project "Web Storefront" */
  char           *payments_id;
} Fixture;

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Fixture *f = user_data;

  g_assert_null (f->result);
  f->result = g_object_ref (result);
}

static gboolean
have_result (gpointer data)
{
  return ((Fixture *) data)->result != NULL;
}

/* Waits for the call just started. Results are always delivered from the main loop,
 * so the previous result can be dropped first; the new one stays owned by the fixture. */
static GAsyncResult *
take_result (Fixture *f)
{
  g_clear_object (&f->result);
  if (!ferry_test_spin_until (have_result, f, WAIT_MS))
    g_error ("The call did not finish within %u ms", WAIT_MS);
  return f->result;
}

#define AWAIT(f) take_result (f)

static void
add_fault (Fixture    *f,
           const char *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (node);
  ferry_sandbox_add_fault (f->sandbox, json_node_get_object (node), &error);
  g_assert_no_error (error);
}

/* Number of recorded requests matching @method and @path (exact). */
static guint
count_requests (Fixture    *f,
                const char *method,
                const char *path)
{
  g_autoptr(JsonNode) log = ferry_sandbox_get_requests (f->sandbox);
  JsonArray *array;
  guint n = 0;

  if (JSON_NODE_HOLDS_OBJECT (log))
    array = json_object_get_array_member (json_node_get_object (log), "requests");
  else
    array = json_node_get_array (log);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *entry = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (entry, "method"), method) == 0 &&
          g_strcmp0 (json_object_get_string_member (entry, "path"), path) == 0)
        n++;
    }
  return n;
}

/* The last recorded request for @path (a new reference). */
static JsonObject *
last_request (Fixture    *f,
              const char *path)
{
  g_autoptr(JsonNode) log = ferry_sandbox_get_requests (f->sandbox);
  JsonArray *array;
  JsonObject *found = NULL;

  if (JSON_NODE_HOLDS_OBJECT (log))
    array = json_object_get_array_member (json_node_get_object (log), "requests");
  else
    array = json_node_get_array (log);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *entry = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (entry, "path"), path) == 0)
        found = entry;
    }
  return found ? json_object_ref (found) : NULL;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) projects = NULL;

  f->sandbox = ferry_sandbox_new (FERRY_SANDBOX_SEED_DEMO);
  ferry_sandbox_set_job_delay (f->sandbox, 100);
  ferry_sandbox_start (f->sandbox, 0, &error);
  g_assert_no_error (error);

  f->client = ferry_api_client_new (ferry_sandbox_get_url (f->sandbox));
  ferry_api_client_set_retry_policy (f->client, 3, 20, 8000);
  ferry_api_client_set_timeout (f->client, 10);

  f->provider = g_object_new (TEST_TYPE_PROVIDER, NULL);
  f->provider->sandbox = g_object_ref (f->sandbox);
  f->provider->token = ferry_sandbox_issue_user_jwt (f->sandbox, 3600);
  f->provider->can_refresh = TRUE;
  ferry_api_client_set_token_provider (f->client, FERRY_TOKEN_PROVIDER (f->provider));

  ferry_api_client_list_projects_async (f->client, NULL, result_cb, f);
  projects = ferry_api_client_list_projects_finish (f->client, AWAIT (f), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (projects)); i++)
    {
      g_autoptr(FerryProject) p = g_list_model_get_item (G_LIST_MODEL (projects), i);

      if (g_str_equal (ferry_project_get_name (p), "Web Storefront"))
        f->web_id = g_strdup (ferry_resource_get_id (FERRY_RESOURCE (p)));
      else if (g_str_equal (ferry_project_get_name (p), "Payments API"))
        f->payments_id = g_strdup (ferry_resource_get_id (FERRY_RESOURCE (p)));
    }
  g_assert_nonnull (f->web_id);
  g_assert_nonnull (f->payments_id);

  ferry_sandbox_clear_requests (f->sandbox);
  f->provider->calls = 0;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->result);
  g_clear_object (&f->client);
  g_clear_object (&f->provider);
  ferry_sandbox_stop (f->sandbox);
  g_clear_object (&f->sandbox);
  g_free (f->web_id);
  g_free (f->payments_id);
  /* Let libsoup finish closing connections before the next test. */
  ferry_test_spin_for (10);
}

static FerrySync *
first_sync (Fixture    *f,
            const char *project_id)
{
  g_autoptr(GListStore) syncs = NULL;
  g_autoptr(GError) error = NULL;

  ferry_api_client_list_syncs_async (f->client, project_id, NULL, NULL, result_cb, f);
  syncs = ferry_api_client_list_syncs_finish (f->client, AWAIT (f), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (syncs)), >, 0);
  return g_list_model_get_item (G_LIST_MODEL (syncs), 0);
}

static FerryConnection *
seeded_connection (Fixture *f)
{
  g_autoptr(GListStore) connections = NULL;
  g_autoptr(GError) error = NULL;

  ferry_api_client_list_connections_async (f->client, NULL, NULL, result_cb, f);
  connections = ferry_api_client_list_connections_finish (f->client, AWAIT (f), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (connections)); i++)
    {
      g_autoptr(FerryConnection) c = g_list_model_get_item (G_LIST_MODEL (connections), i);

      if (g_str_equal (ferry_connection_get_name (c), "contoso-pat"))
        return g_steal_pointer (&c);
    }
  g_assert_not_reached ();
  return NULL;
}

/* ---- Sign-in helpers ---- */

static void
test_sign_in (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(FerryApiClient) anon = ferry_api_client_new (ferry_sandbox_get_url (f->sandbox));
  g_autoptr(FerryTokenInfo) info = NULL;
  g_autoptr(FerryTokenInfo) renewed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) entry = NULL;
  g_autofree char *user_jwt = ferry_sandbox_issue_user_jwt (f->sandbox, 600);
  g_autofree char *email = NULL;
  gboolean ok;

  ferry_api_client_universal_auth_login_async (anon, ferry_sandbox_get_identity_client_id (f->sandbox),
                                               ferry_sandbox_get_identity_client_secret (f->sandbox),
                                               NULL, result_cb, f);
  info = ferry_api_client_universal_auth_login_finish (anon, AWAIT (f), &error);
  g_assert_no_error (error);
  g_assert_nonnull (info->access_token);
  g_assert_cmpint (info->expires_in, ==, 7200);
  g_assert_cmpint (info->max_ttl, ==, 86400);
  g_assert_cmpint (info->obtained_at, >, 0);

  /* The login went without an Authorization header and with our User-Agent. */
  entry = last_request (f, "/api/v1/auth/universal-auth/login");
  g_assert_nonnull (entry);
  g_assert_true (json_object_get_null_member (entry, "authorization"));
  g_assert_true (g_str_has_prefix (json_object_get_string_member (entry, "userAgent"), "Ferry/"));
  g_assert_cmpstr (json_object_get_string_member (entry, "userAgent"), ==, "Ferry/" PACKAGE_VERSION);

  ferry_api_client_renew_token_async (anon, info->access_token, NULL, result_cb, f);
  renewed = ferry_api_client_renew_token_finish (anon, AWAIT (f), &error);
  g_assert_no_error (error);
  g_assert_nonnull (renewed->access_token);

  ferry_api_client_check_auth_async (anon, user_jwt, NULL, result_cb, f);
  ok = ferry_api_client_check_auth_finish (anon, AWAIT (f), &error);
  g_assert_no_error (error);
  g_assert_true (ok);

  /* Who the token belongs to, as the server has it. */
  ferry_api_client_get_user_email_async (anon, user_jwt, NULL, result_cb, f);
  email = ferry_api_client_get_user_email_finish (anon, AWAIT (f), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (email, ==, ferry_sandbox_get_user_email (f->sandbox));
  ferry_api_client_get_user_email_async (anon, "not-a-token", NULL, result_cb, f);
  g_assert_null (ferry_api_client_get_user_email_finish (anon, AWAIT (f), &error));
  g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_TOKEN_EXPIRED);
  g_clear_error (&error);

  ferry_api_client_revoke_token_async (anon, renewed->access_token, NULL, result_cb, f);
  ok = ferry_api_client_revoke_token_finish (anon, AWAIT (f), &error);
  g_assert_no_error (error);
  g_assert_true (ok);

  /* Wrong secret: 401. */
  ferry_api_client_universal_auth_login_async (anon, ferry_sandbox_get_identity_client_id (f->sandbox),
                                               "not-the-secret", NULL, result_cb, f);
  g_assert_null (ferry_api_client_universal_auth_login_finish (anon, AWAIT (f), &error));
  g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_UNAUTHORIZED);
  g_assert_cmpuint (ferry_api_error_get_http_status (error), ==, 401);
  g_assert_nonnull (ferry_api_error_get_request_id (error));
  /* Neither the secret nor the token leaks into the error. */
  g_assert_null (strstr (error->message, "not-the-secret"));
  g_assert_null (strstr (ferry_api_error_get_detail (error), "not-the-secret"));
  g_clear_error (&error);

  /* An expired user JWT fails checkAuth. */
  {
    g_autofree char *expired = ferry_sandbox_issue_user_jwt (f->sandbox, -60);

    ferry_api_client_check_auth_async (anon, expired, NULL, result_cb, f);
    g_assert_false (ferry_api_client_check_auth_finish (anon, AWAIT (f), &error));
    g_assert_true (g_error_matches (error, FERRY_API_ERROR, FERRY_API_ERROR_TOKEN_EXPIRED) ||
                   g_error_matches (error, FERRY_API_ERROR, FERRY_API_ERROR_UNAUTHORIZED));
    g_clear_error (&error);
  }

  /* Without a token provider, authenticated calls fail before sending anything. */
  ferry_sandbox_clear_requests (f->sandbox);
  ferry_api_client_list_organizations_async (anon, NULL, result_cb, f);
  g_assert_null (ferry_api_client_list_organizations_finish (anon, AWAIT (f), &error));
  g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_UNAUTHORIZED);
  g_assert_cmpuint (count_requests (f, "GET", "/api/v1/organization"), ==, 0);
}

/* ---- Organizations, projects, folders, secret names ---- */

static void
test_projects (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GListStore) orgs = NULL;
  g_autoptr(FerryProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FerryOrganization) org = NULL;
  FerryEnvironment *prod;

  ferry_api_client_list_organizations_async (f->client, NULL, result_cb, f);
  orgs = ferry_api_client_list_organizations_finish (f->client, AWAIT (f), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (orgs)), ==, 1);
  org = g_list_model_get_item (G_LIST_MODEL (orgs), 0);
  g_assert_cmpstr (ferry_organization_get_name (org), ==, "Contoso");
  g_assert_cmpstr (ferry_resource_get_id (FERRY_RESOURCE (org)), ==, ferry_sandbox_get_organization_id (f->sandbox));

  ferry_api_client_get_project_async (f->client, f->web_id, NULL, result_cb, f);
  project = ferry_api_client_get_project_finish (f->client, AWAIT (f), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ferry_project_get_slug (project), ==, "web-storefront-3k9x");
  g_assert_cmpuint (g_list_model_get_n_items (ferry_project_get_environments (project)), ==, 3);
  prod = ferry_project_find_environment (project, "prod");
  g_assert_nonnull (prod);
  g_assert_cmpstr (ferry_environment_get_name (prod), ==, "Production");

  /* The list request asked for secret-manager projects. */
  {
    g_autoptr(JsonObject) entry = NULL;

    ferry_api_client_list_projects_async (f->client, NULL, result_cb, f);
    g_clear_object (&project);
    g_object_unref (ferry_api_client_list_projects_finish (f->client, AWAIT (f), &error));
    g_assert_no_error (error);
    entry = last_request (f, "/api/v1/projects");
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (entry, "query"), "type"),
                     ==, "secret-manager");
    g_assert_cmpstr (json_object_get_string_member (entry, "authorization"), ==, "Bearer [REDACTED]");
  }

  ferry_api_client_get_project_async (f->client, "00000000-0000-4000-8000-000000000000", NULL, result_cb, f);
  g_assert_null (ferry_api_client_get_project_finish (f->client, AWAIT (f), &error));
  g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_NOT_FOUND);
  /* 404 is not retried. */
  g_assert_cmpuint (count_requests (f, "GET", "/api/v1/projects/00000000-0000-4000-8000-000000000000"), ==, 1);
}

static gboolean
store_has_folder (GListStore *store,
                  const char *name,
                  const char *path)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
    {
      g_autoptr(FerryFolder) folder = g_list_model_get_item (G_LIST_MODEL (store), i);

      if (g_str_equal (ferry_folder_get_name (folder), name))
        return g_str_equal (ferry_folder_get_path (folder), path);
    }
  return FALSE;
}

static void
test_folders (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GListStore) root = NULL;
  g_autoptr(GListStore) backend = NULL;
  g_autoptr(GListStore) v1 = NULL;
  g_autoptr(GError) error = NULL;

  ferry_api_client_list_folders_async (f->client, f->web_id, "dev", "/", NULL, result_cb, f);
  root = ferry_api_client_list_folders_finish (f->client, AWAIT (f), &error);
  g_assert_no_error (error);
  g_assert_true (store_has_folder (root, "backend", "/backend"));
  g_assert_true (store_has_folder (root, "frontend", "/frontend"));
  g_assert_false (store_has_folder (root, "api", "/backend/api"));  /* direct children only */
  g_assert_cmpuint (count_requests (f, "GET", "/api/v2/folders"), ==, 1);
  g_assert_cmpuint (count_requests (f, "GET", "/api/v1/folders"), ==, 0);

  ferry_api_client_list_folders_async (f->client, f->web_id, "dev", "/backend", NULL, result_cb, f);
  backend = ferry_api_client_list_folders_finish (f->client, AWAIT (f), &error);
  g_assert_no_error (error);
  g_assert_true (store_has_folder (backend, "api", "/backend/api"));

  /* A server without v2: falls back to v1. */
  add_fault (f, "{\"route\": \"GET /api/v2/folders\", \"status\": 404, \"error\": \"NotFound\", \"message\": \"Route GET:/api/v2/folders not found\"}");
  ferry_sandbox_clear_requests (f->sandbox);
  ferry_api_client_list_folders_async (f->client, f->web_id, "dev", "/backend", NULL, result_cb, f);
  v1 = ferry_api_client_list_folders_finish (f->client, AWAIT (f), &error);
  g_assert_no_error (error);
  g_assert_true (store_has_folder (v1, "api", "/backend/api"));
  g_assert_cmpuint (count_requests (f, "GET", "/api/v2/folders"), ==, 1);
  g_assert_cmpuint (count_requests (f, "GET", "/api/v1/folders"), ==, 1);
  ferry_sandbox_clear_faults (f->sandbox);

  /* An unknown environment is an error, not an empty list. */
  ferry_api_client_list_folders_async (f->client, f->web_id, "no-such-env", "/", NULL, result_cb, f);
  g_assert_null (ferry_api_client_list_folders_finish (f->client, AWAIT (f), &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == FERRY_API_ERROR);
}

static void
test_secret_keys (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(GStrv) keys = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) entry = NULL;
  JsonObject *query;

  ferry_api_client_list_secret_keys_async (f->client, f->web_id, "dev", "/backend/api", NULL, result_cb, f);
  keys = ferry_api_client_list_secret_keys_finish (f->client, AWAIT (f), &error);
  g_assert_no_error (error);
  g_assert_true (g_strv_contains ((const char * const *) keys, "API_KEY"));
  g_assert_true (g_strv_contains ((const char * const *) keys, "JWT_SIGNING_KEY"));
  /* Values are never handed out. */
  for (guint i = 0; keys[i] != NULL; i++)
    g_assert_null (strchr (keys[i], '='));

  entry = last_request (f, "/api/v3/secrets/raw");
  query = json_object_get_object_member (entry, "query");
  g_assert_cmpstr (json_object_get_string_member (query, "viewSecretValue"), ==, "false");
  g_assert_cmpstr (json_object_get_string_member (query, "secretPath"), ==, "/backend/api");
  g_assert_cmpstr (json_object_get_string_member (query, "workspaceId"), ==, f->web_id);
}

/* ---- Connections ---- */

static void
test_connections (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(FerryConnection) seeded = seeded_connection (f);
  g_autoptr(FerryConnection) got = NULL;
  g_autoptr(FerryConnection) by_name = NULL;
  g_autoptr(FerryConnection) created = NULL;
  g_autoptr(FerryConnection) updated = NULL;
  g_autoptr(FerryConnection) deleted = NULL;
  g_autoptr(FerryConnectionOptions) options = NULL;
  g_autoptr(GListStore) available = NULL;
  g_autoptr(GListStore) devops = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonObject) patch = NULL;
  g_autoptr(JsonObject) entry = NULL;
  g_autoptr(GError) error = NULL;
  const char *id = ferry_resource_get_id (FERRY_RESOURCE (seeded));

  g_assert_cmpint (ferry_connection_get_method (seeded), ==, FERRY_CONNECTION_METHOD_ACCESS_TOKEN);
  g_assert_cmpstr (ferry_connection_get_org_name (seeded), ==, "contoso");

  ferry_api_client_get_connection_async (f->client, id, NULL, result_cb, f);
  got = ferry_api_client_get_connection_finish (f->client, AWAIT (f), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ferry_connection_get_name (got), ==, "contoso-pat");

  ferry_api_client_get_connection_by_name_async (f->client, "contoso-pat", NULL, NULL, result_cb, f);
  by_name = ferry_api_client_get_connection_by_name_finish (f->client, AWAIT (f), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ferry_resource_get_id (FERRY_RESOURCE (by_name)), ==, id);

  ferry_api_client_list_available_connections_async (f->client, f->web_id, NULL, result_cb, f);
  available = ferry_api_client_list_available_connections_finish (f->client, AWAIT (f), &error);
  g_assert_no_error (error);
  g_assert_nonnull (ferry_resource_find_by_id (G_LIST_MODEL (available), id));

  ferry_api_client_get_connection_options_async (f->client, NULL, result_cb, f);
  options = ferry_api_client_get_connection_options_finish (f->client, AWAIT (f), &error);
  g_assert_no_error (error);
  g_assert_true (g_strv_contains ((const char * const *) options->methods, "access-token"));

  ferry_api_client_list_devops_projects_async (f->client, id, NULL, result_cb, f);
  devops = ferry_api_client_list_devops_projects_finish (f->client, AWAIT (f), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (devops)), >=, 3);

  /* Create, update, delete a project-level connection. */
  body = ferry_connection_build_create_body (FERRY_CONNECTION_METHOD_ACCESS_TOKEN,
                                             ferry_connection_credentials_access_token (ferry_sandbox_get_devops_pat (f->sandbox, "contoso"),
                                                                                        "contoso"),
                                             "ado-from-test", "Made by test-api-client", f->web_id);
  ferry_api_client_create_connection_async (f->client, body, NULL, result_cb, f);
  created = ferry_api_client_create_connection_finish (f->client, AWAIT (f), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ferry_connection_get_name (created), ==, "ado-from-test");
  g_assert_cmpstr (ferry_connection_get_project_id (created), ==, f->web_id);
  entry = last_request (f, "/api/v1/app-connections/azure-devops");
  /* The PAT went in the body (redacted in the log), never in the URL. */
  g_assert_null (strstr (json_object_get_string_member (entry, "path"), "sandboxpat"));

  /* The same name again: 400, not retried. */
  ferry_sandbox_clear_requests (f->sandbox);
  ferry_api_client_create_connection_async (f->client, body, NULL, result_cb, f);
  g_assert_null (ferry_api_client_create_connection_finish (f->client, AWAIT (f), &error));
  g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_BAD_REQUEST);
  g_assert_nonnull (strstr (ferry_api_error_get_detail (error), "ado-from-test"));
  g_assert_cmpuint (count_requests (f, "POST", "/api/v1/app-connections/azure-devops"), ==, 1);
  g_clear_error (&error);

  /* A name that is not a slug: 422 with the field. */
  json_object_set_string_member (body, "name", "Not A Slug");
  ferry_api_client_create_connection_async (f->client, body, NULL, result_cb, f);
  g_assert_null (ferry_api_client_create_connection_finish (f->client, AWAIT (f), &error));
  g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_VALIDATION);
  g_assert_nonnull (ferry_api_error_get_field_message (error, "name"));
  g_clear_error (&error);

  patch = json_object_new ();
  json_object_set_string_member (patch, "description", "Changed");
  ferry_api_client_update_connection_async (f->client, ferry_resource_get_id (FERRY_RESOURCE (created)),
                                            patch, NULL, result_cb, f);
  updated = ferry_api_client_update_connection_finish (f->client, AWAIT (f), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ferry_connection_get_description (updated), ==, "Changed");

  ferry_api_client_delete_connection_async (f->client, ferry_resource_get_id (FERRY_RESOURCE (created)),
                                            NULL, result_cb, f);
  deleted = ferry_api_client_delete_connection_finish (f->client, AWAIT (f), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ferry_resource_get_id (FERRY_RESOURCE (deleted)), ==,
                   ferry_resource_get_id (FERRY_RESOURCE (created)));

  ferry_api_client_get_connection_async (f->client, ferry_resource_get_id (FERRY_RESOURCE (created)),
                                         NULL, result_cb, f);
  g_assert_null (ferry_api_client_get_connection_finish (f->client, AWAIT (f), &error));
  g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The seeded connection is used by syncs: deleting it is refused, as in use. */
  ferry_api_client_delete_connection_async (f->client, id, NULL, result_cb, f);
  g_assert_null (ferry_api_client_delete_connection_finish (f->client, AWAIT (f), &error));
  g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_IN_USE);
  g_clear_error (&error);

  /* A name with characters that must be escaped reaches the route as one segment. */
  ferry_api_client_get_connection_by_name_async (f->client, "no such/conn?x=1#y", NULL, NULL, result_cb, f);
  g_assert_null (ferry_api_client_get_connection_by_name_finish (f->client, AWAIT (f), &error));
  g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_NOT_FOUND);
}

static void
test_devops_projects_identity (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(FerryConnection) seeded = seeded_connection (f);
  g_autoptr(FerryTokenInfo) info = NULL;
  g_autoptr(FerryTokenProvider) identity = NULL;
  g_autoptr(GError) error = NULL;

  ferry_api_client_universal_auth_login_async (f->client, ferry_sandbox_get_identity_client_id (f->sandbox),
                                               ferry_sandbox_get_identity_client_secret (f->sandbox),
                                               NULL, result_cb, f);
  info = ferry_api_client_universal_auth_login_finish (f->client, AWAIT (f), &error);
  g_assert_no_error (error);

  identity = ferry_static_token_provider_new (info->access_token);
  ferry_api_client_set_token_provider (f->client, identity);

  /* Machine identities may not list Azure DevOps projects. */
  ferry_api_client_list_devops_projects_async (f->client, ferry_resource_get_id (FERRY_RESOURCE (seeded)),
                                               NULL, result_cb, f);
  g_assert_null (ferry_api_client_list_devops_projects_finish (f->client, AWAIT (f), &error));
  g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_FORBIDDEN);
}

/* ---- Syncs ---- */

static JsonObject *
sync_create_body (Fixture    *f,
                  const char *name,
                  const char *connection_id,
                  const char *devops_project_id)
{
  JsonObject *body = json_object_new ();
  JsonObject *options = json_object_new ();
  JsonObject *dest = json_object_new ();

  json_object_set_string_member (body, "name", name);
  json_object_set_string_member (body, "projectId", f->web_id);
  json_object_set_string_member (body, "connectionId", connection_id);
  json_object_set_string_member (body, "environment", "dev");
  json_object_set_string_member (body, "secretPath", "/backend");
  json_object_set_boolean_member (body, "isAutoSyncEnabled", FALSE);
  json_object_set_string_member (options, "initialSyncBehavior", "overwrite-destination");
  json_object_set_string_member (options, "keySchema", "DEV_{{secretKey}}");
  json_object_set_object_member (body, "syncOptions", options);
  json_object_set_string_member (dest, "devopsProjectId", devops_project_id);
  json_object_set_object_member (body, "destinationConfig", dest);
  return body;
}

static void
test_syncs (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(FerrySync) seeded = first_sync (f, f->web_id);
  g_autoptr(FerryConnection) connection = seeded_connection (f);
  g_autoptr(FerrySync) got = NULL;
  g_autoptr(FerrySync) by_name = NULL;
  g_autoptr(FerrySync) created = NULL;
  g_autoptr(FerrySync) updated = NULL;
  g_autoptr(FerrySync) triggered = NULL;
  g_autoptr(FerrySync) removed = NULL;
  g_autoptr(FerrySync) deleted = NULL;
  g_autoptr(GListStore) devops = NULL;
  g_autoptr(FerryDevopsProject) target = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonObject) patch = NULL;
  g_autoptr(JsonObject) entry = NULL;
  g_autoptr(GError) error = NULL;
  gboolean has_duplicate = TRUE;
  gboolean can_import = TRUE;
  const char *sync_id = ferry_resource_get_id (FERRY_RESOURCE (seeded));

  g_assert_cmpstr (ferry_sync_get_name (seeded), ==, "web-prod-to-contoso-web");
  g_assert_cmpstr (ferry_sync_get_environment_slug (seeded), ==, "prod");
  g_assert_cmpstr (ferry_sync_get_key_schema (seeded), ==, "WEB_{{secretKey}}");

  ferry_api_client_get_sync_async (f->client, sync_id, NULL, result_cb, f);
  got = ferry_api_client_get_sync_finish (f->client, AWAIT (f), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ferry_sync_get_name (got), ==, "web-prod-to-contoso-web");

  ferry_api_client_get_sync_by_name_async (f->client, "web-prod-to-contoso-web", f->web_id, NULL, result_cb, f);
  by_name = ferry_api_client_get_sync_by_name_finish (f->client, AWAIT (f), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ferry_resource_get_id (FERRY_RESOURCE (by_name)), ==, sync_id);

  ferry_api_client_get_sync_options_async (f->client, NULL, result_cb, f);
  g_assert_true (ferry_api_client_get_sync_options_finish (f->client, AWAIT (f), &can_import, &error));
  g_assert_no_error (error);
  g_assert_false (can_import);

  /* Pick an Azure DevOps project no sync uses yet. */
  ferry_api_client_list_devops_projects_async (f->client, ferry_resource_get_id (FERRY_RESOURCE (connection)),
                                               NULL, result_cb, f);
  devops = ferry_api_client_list_devops_projects_finish (f->client, AWAIT (f), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (devops)) && target == NULL; i++)
    {
      g_autoptr(FerryDevopsProject) p = g_list_model_get_item (G_LIST_MODEL (devops), i);

      if (g_str_equal (ferry_devops_project_get_name (p), "Fabrikam Fiber"))
        target = g_steal_pointer (&p);
    }
  g_assert_nonnull (target);

  ferry_api_client_check_destination_async (f->client, f->web_id, ferry_devops_project_get_app_id (target),
                                            NULL, NULL, result_cb, f);
  g_assert_true (ferry_api_client_check_destination_finish (f->client, AWAIT (f), &has_duplicate, &error));
  g_assert_no_error (error);
  g_assert_false (has_duplicate);

  body = sync_create_body (f, "web-dev-to-fabrikam", ferry_resource_get_id (FERRY_RESOURCE (connection)),
                           ferry_devops_project_get_app_id (target));
  ferry_api_client_create_sync_async (f->client, body, NULL, result_cb, f);
  created = ferry_api_client_create_sync_finish (f->client, AWAIT (f), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ferry_sync_get_name (created), ==, "web-dev-to-fabrikam");
  g_assert_cmpstr (ferry_sync_get_secret_path (created), ==, "/backend");
  g_assert_false (ferry_sync_get_auto_sync_enabled (created));
  g_assert_cmpint (ferry_sync_get_sync_status (created), ==, FERRY_SYNC_STATUS_NONE);

  /* A bad key schema: 422 attached to the field. */
  {
    g_autoptr(JsonObject) bad = sync_create_body (f, "web-dev-bad-schema", ferry_resource_get_id (FERRY_RESOURCE (connection)),
                                                  ferry_devops_project_get_app_id (target));

    json_object_set_string_member (json_object_get_object_member (bad, "syncOptions"), "keySchema", "PIPELINE_${secretKey}");
    ferry_api_client_create_sync_async (f->client, bad, NULL, result_cb, f);
    g_assert_null (ferry_api_client_create_sync_finish (f->client, AWAIT (f), &error));
    g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_VALIDATION);
    g_assert_nonnull (ferry_api_error_get_field_message (error, "syncOptions.keySchema"));
    g_clear_error (&error);
  }

  patch = json_object_new ();
  json_object_set_string_member (patch, "description", "Dev settings");
  ferry_api_client_update_sync_async (f->client, ferry_resource_get_id (FERRY_RESOURCE (created)), patch,
                                      NULL, result_cb, f);
  updated = ferry_api_client_update_sync_finish (f->client, AWAIT (f), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ferry_sync_get_description (updated), ==, "Dev settings");

  /* Trigger: pending; a second trigger while the job runs is a conflict. */
  ferry_api_client_trigger_sync_async (f->client, ferry_resource_get_id (FERRY_RESOURCE (created)),
                                       NULL, result_cb, f);
  triggered = ferry_api_client_trigger_sync_finish (f->client, AWAIT (f), &error);
  g_assert_no_error (error);
  g_assert_cmpint (ferry_sync_get_sync_status (triggered), ==, FERRY_SYNC_STATUS_PENDING);
  g_assert_true (ferry_sync_is_busy (triggered));

  ferry_api_client_trigger_sync_async (f->client, ferry_resource_get_id (FERRY_RESOURCE (created)),
                                       NULL, result_cb, f);
  g_assert_null (ferry_api_client_trigger_sync_finish (f->client, AWAIT (f), &error));
  g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_CONFLICT);
  g_clear_error (&error);

  /* Poll until the job finished. */
  for (guint i = 0; i < 100; i++)
    {
      g_autoptr(FerrySync) polled = NULL;

      ferry_test_spin_for (50);
      ferry_api_client_get_sync_async (f->client, ferry_resource_get_id (FERRY_RESOURCE (created)),
                                       NULL, result_cb, f);
      polled = ferry_api_client_get_sync_finish (f->client, AWAIT (f), &error);
      g_assert_no_error (error);
      if (!ferry_sync_is_busy (polled))
        {
          g_assert_cmpint (ferry_sync_get_sync_status (polled), ==, FERRY_SYNC_STATUS_SUCCEEDED);
          break;
        }
    }

  ferry_api_client_remove_secrets_async (f->client, ferry_resource_get_id (FERRY_RESOURCE (created)),
                                         NULL, result_cb, f);
  removed = ferry_api_client_remove_secrets_finish (f->client, AWAIT (f), &error);
  g_assert_no_error (error);
  g_assert_cmpint (ferry_sync_get_remove_status (removed), ==, FERRY_SYNC_STATUS_PENDING);
  ferry_test_spin_for (500);

  ferry_api_client_delete_sync_async (f->client, ferry_resource_get_id (FERRY_RESOURCE (created)), FALSE,
                                      NULL, result_cb, f);
  deleted = ferry_api_client_delete_sync_finish (f->client, AWAIT (f), &error);
  g_assert_no_error (error);
  {
    g_autofree char *path = g_strconcat ("/api/v1/secret-syncs/azure-devops/",
                                         ferry_resource_get_id (FERRY_RESOURCE (created)), NULL);

    entry = last_request (f, path);
  }
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (entry, "query"), "removeSecrets"),
                   ==, "false");

  ferry_api_client_get_sync_async (f->client, ferry_resource_get_id (FERRY_RESOURCE (created)), NULL, result_cb, f);
  g_assert_null (ferry_api_client_get_sync_finish (f->client, AWAIT (f), &error));
  g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* check-destination on a server without the route: no duplicate. */
  add_fault (f, "{\"route\": \"POST /api/v1/secret-syncs/azure-devops/check-destination\", \"status\": 404}");
  has_duplicate = TRUE;
  ferry_api_client_check_destination_async (f->client, f->web_id, "any", NULL, NULL, result_cb, f);
  g_assert_true (ferry_api_client_check_destination_finish (f->client, AWAIT (f), &has_duplicate, &error));
  g_assert_no_error (error);
  g_assert_false (has_duplicate);
}

/* ---- A local server that drips a chunked answer ----
 *
 * The sandbox's drip fault cannot yet survive a client that hangs up mid-body, which is
 * exactly what the size cap, the deadline and cancellation do; this small server stops
 * dripping when its client goes away. */

typedef struct
{
  gsize chunk;
  guint interval_ms;
  gsize body_size;
} DripSpec;

typedef struct
{
  SoupServer *server;
  DripSpec    spec;
  GList      *drips;
  gsize       sent;      /* bytes of body sent, all answers */
} DripServer;

typedef struct
{
  DripServer        *owner;
  SoupServerMessage *msg;
  GBytes            *body;
  gsize              offset;
  guint              source_id;
  gboolean           gone;
} Drip;

static void
drip_free (Drip *d)
{
  d->owner->drips = g_list_remove (d->owner->drips, d);
  g_clear_handle_id (&d->source_id, g_source_remove);
  g_signal_handlers_disconnect_by_data (d->msg, d);
  g_clear_object (&d->msg);
  g_clear_pointer (&d->body, g_bytes_unref);
  g_free (d);
}

static void
drip_gone_cb (SoupServerMessage *msg,
              Drip              *d)
{
  d->gone = TRUE;
}

static gboolean
drip_tick_cb (gpointer data)
{
  Drip *d = data;
  SoupMessageBody *body;
  gsize size = g_bytes_get_size (d->body);
  gsize n;

  if (d->gone)
    {
      d->source_id = 0;
      drip_free (d);
      return G_SOURCE_REMOVE;
    }

  body = soup_server_message_get_response_body (d->msg);
  n = MIN (d->owner->spec.chunk, size - d->offset);
  soup_message_body_append (body, SOUP_MEMORY_COPY, (const char *) g_bytes_get_data (d->body, NULL) + d->offset, n);
  d->offset += n;
  d->owner->sent += n;
  if (d->offset >= size)
    soup_message_body_complete (body);
  soup_server_message_unpause (d->msg);

  if (d->offset >= size)
    {
      d->source_id = 0;
      drip_free (d);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
drip_handler_cb (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  DripServer *ds = user_data;
  Drip *d = g_new0 (Drip, 1);
  GString *json = g_string_new ("{\"secretSyncs\": [], \"padding\": \"");

  while (json->len + 2 < ds->spec.body_size)
    g_string_append_c (json, 'x');
  g_string_append (json, "\"}");

  d->owner = ds;
  d->msg = g_object_ref (msg);
  d->body = g_string_free_to_bytes (json);
  g_signal_connect (msg, "finished", G_CALLBACK (drip_gone_cb), d);
  g_signal_connect (msg, "disconnected", G_CALLBACK (drip_gone_cb), d);
  ds->drips = g_list_prepend (ds->drips, d);

  soup_server_message_set_status (msg, 200, NULL);
  soup_message_headers_set_encoding (soup_server_message_get_response_headers (msg), SOUP_ENCODING_CHUNKED);
  soup_message_headers_set_content_type (soup_server_message_get_response_headers (msg), "application/json", NULL);
  soup_server_message_pause (msg);
  d->source_id = g_timeout_add (ds->spec.interval_ms, drip_tick_cb, d);
}

static void
drip_server_free (gpointer data)
{
  DripServer *ds = data;

  while (ds->drips != NULL)
    drip_free (ds->drips->data);
  soup_server_disconnect (ds->server);
  g_clear_object (&ds->server);
  g_free (ds);
}

/* A client of a local dripping server, which lives as long as the client. */
static FerryApiClient *
drip_client (gsize chunk,
             guint interval_ms,
             gsize body_size)
{
  DripServer *ds = g_new0 (DripServer, 1);
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;
  g_autofree char *url = NULL;
  g_autoptr(FerryTokenProvider) provider = ferry_static_token_provider_new ("drip-token");
  FerryApiClient *client;

  ds->spec.chunk = chunk;
  ds->spec.interval_ms = interval_ms;
  ds->spec.body_size = body_size;
  ds->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (ds->server, NULL, drip_handler_cb, ds, NULL);
  soup_server_listen_local (ds->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (ds->server);
  url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));

  client = ferry_api_client_new (url);
  ferry_api_client_set_token_provider (client, provider);
  ferry_api_client_set_retry_policy (client, 1, 10, 1000);
  g_object_set_data_full (G_OBJECT (client), "drip-server", ds, drip_server_free);
  return client;
}

static GError *
drip_list_error (Fixture        *f,
                 FerryApiClient *client,
                 GCancellable   *cancellable)
{
  GError *error = NULL;
  g_autoptr(GListStore) store = NULL;

  ferry_api_client_list_syncs_async (client, "project", NULL, cancellable, result_cb, f);
  store = ferry_api_client_list_syncs_finish (client, AWAIT (f), &error);
  g_assert_true ((store == NULL) == (error != NULL));
  return error;
}

/* ---- Faults ---- */

#define SYNCS_ROUTE "GET /api/v1/secret-syncs/azure-devops"
#define SYNCS_PATH "/api/v1/secret-syncs/azure-devops"

static GError *
list_syncs_error (Fixture *f)
{
  GError *error = NULL;
  g_autoptr(GListStore) store = NULL;

  ferry_api_client_list_syncs_async (f->client, f->web_id, NULL, NULL, result_cb, f);
  store = ferry_api_client_list_syncs_finish (f->client, AWAIT (f), &error);
  g_assert_true ((store == NULL) == (error != NULL));
  return error;
}

static void
test_fault_server_errors (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* 500: not retried. */
  add_fault (f, "{\"route\": \"" SYNCS_ROUTE "\", \"status\": 500, \"count\": 1}");
  error = list_syncs_error (f);
  g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_SERVER);
  g_assert_cmpuint (ferry_api_error_get_http_status (error), ==, 500);
  g_assert_cmpstr (ferry_api_error_get_detail (error), ==, "Something went wrong");
  g_assert_cmpuint (count_requests (f, "GET", SYNCS_PATH), ==, 1);
  g_clear_error (&error);

  /* 502 once: the GET is retried and succeeds. */
  ferry_sandbox_clear_requests (f->sandbox);
  add_fault (f, "{\"route\": \"" SYNCS_ROUTE "\", \"status\": 502, \"count\": 1}");
  error = list_syncs_error (f);
  g_assert_no_error (error);
  g_assert_cmpuint (count_requests (f, "GET", SYNCS_PATH), ==, 2);

  /* 503 and 504 forever: gives up after max_attempts (3). */
  ferry_sandbox_clear_requests (f->sandbox);
  add_fault (f, "{\"route\": \"" SYNCS_ROUTE "\", \"status\": 504}");
  error = list_syncs_error (f);
  g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_SERVER);
  g_assert_cmpuint (ferry_api_error_get_http_status (error), ==, 504);
  g_assert_cmpuint (count_requests (f, "GET", SYNCS_PATH), ==, 3);
  g_clear_error (&error);
  ferry_sandbox_clear_faults (f->sandbox);

  ferry_sandbox_clear_requests (f->sandbox);
  add_fault (f, "{\"route\": \"" SYNCS_ROUTE "\", \"status\": 503, \"retryAfter\": 0, \"count\": 2}");
  error = list_syncs_error (f);
  g_assert_no_error (error);
  g_assert_cmpuint (count_requests (f, "GET", SYNCS_PATH), ==, 3);
}

static void
test_fault_post_not_retried (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(FerrySync) seeded = first_sync (f, f->web_id);
  g_autofree char *path = g_strconcat (SYNCS_PATH "/", ferry_resource_get_id (FERRY_RESOURCE (seeded)),
                                       "/sync-secrets", NULL);
  g_autofree char *route = g_strconcat ("POST ", path, NULL);
  g_autofree char *spec = NULL;
  g_autofree char *reset = NULL;
  GError *error = NULL;

  ferry_sandbox_clear_requests (f->sandbox);
  spec = g_strdup_printf ("{\"route\": \"%s\", \"status\": 502, \"count\": 1}", route);
  add_fault (f, spec);
  ferry_api_client_trigger_sync_async (f->client, ferry_resource_get_id (FERRY_RESOURCE (seeded)),
                                       NULL, result_cb, f);
  g_assert_null (ferry_api_client_trigger_sync_finish (f->client, AWAIT (f), &error));
  g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_SERVER);
  g_assert_cmpuint (count_requests (f, "POST", path), ==, 1);
  g_clear_error (&error);

  /* Nor on a reset. */
  ferry_sandbox_clear_requests (f->sandbox);
  reset = g_strdup_printf ("{\"route\": \"%s\", \"kind\": \"reset\", \"count\": 1}", route);
  add_fault (f, reset);
  ferry_api_client_trigger_sync_async (f->client, ferry_resource_get_id (FERRY_RESOURCE (seeded)),
                                       NULL, result_cb, f);
  g_assert_null (ferry_api_client_trigger_sync_finish (f->client, AWAIT (f), &error));
  g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_NETWORK);
  g_assert_cmpuint (count_requests (f, "POST", path), ==, 1);
  g_clear_error (&error);

  /* Nor on 429. */
  ferry_sandbox_clear_requests (f->sandbox);
  g_free (spec);
  spec = g_strdup_printf ("{\"route\": \"%s\", \"status\": 429, \"retryAfter\": 1, \"count\": 1}", route);
  add_fault (f, spec);
  ferry_api_client_trigger_sync_async (f->client, ferry_resource_get_id (FERRY_RESOURCE (seeded)),
                                       NULL, result_cb, f);
  g_assert_null (ferry_api_client_trigger_sync_finish (f->client, AWAIT (f), &error));
  g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_RATE_LIMITED);
  g_assert_cmpuint (ferry_api_error_get_retry_after (error), ==, 1);
  g_assert_cmpuint (count_requests (f, "POST", path), ==, 1);
  g_clear_error (&error);
}

static void
test_fault_rate_limited (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 start;

  /* Retry-After: 1 is honoured: the retry waits at least a second. */
  add_fault (f, "{\"route\": \"" SYNCS_ROUTE "\", \"status\": 429, \"retryAfter\": 1, \"count\": 1}");
  start = g_get_monotonic_time ();
  error = list_syncs_error (f);
  g_assert_no_error (error);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, G_USEC_PER_SEC);
  g_assert_cmpuint (count_requests (f, "GET", SYNCS_PATH), ==, 2);

  /* When Retry-After is beyond the total budget, give up with the wait time. */
  ferry_sandbox_clear_requests (f->sandbox);
  ferry_api_client_set_retry_policy (f->client, 3, 20, 500);
  add_fault (f, "{\"route\": \"" SYNCS_ROUTE "\", \"status\": 429, \"retryAfter\": 5, \"count\": 1}");
  error = list_syncs_error (f);
  g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_RATE_LIMITED);
  g_assert_cmpuint (ferry_api_error_get_retry_after (error), ==, 5);
  g_assert_cmpuint (count_requests (f, "GET", SYNCS_PATH), ==, 1);
}

static void
test_fault_token_expired (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FerrySync) seeded = NULL;
  g_autoptr(FerrySync) triggered = NULL;
  g_autofree char *expired = ferry_sandbox_issue_user_jwt (f->sandbox, -60);
  g_autofree char *path = NULL;

  /* The server's real answer to an expired JWT, then one refresh and one retry. */
  g_free (f->provider->token);
  f->provider->token = g_strdup (expired);
  f->provider->calls = 0;
  error = list_syncs_error (f);
  g_assert_no_error (error);
  g_assert_cmpuint (f->provider->refreshes, ==, 1);
  g_assert_cmpuint (f->provider->calls, ==, 2);
  g_assert_cmpuint (count_requests (f, "GET", SYNCS_PATH), ==, 2);

  /* Refreshed token refused again: no loop, the error comes back. */
  ferry_sandbox_clear_requests (f->sandbox);
  f->provider->refreshes = 0;
  add_fault (f, "{\"route\": \"" SYNCS_ROUTE "\", \"status\": 403, \"error\": \"TokenError\"}");
  error = list_syncs_error (f);
  g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_TOKEN_EXPIRED);
  g_assert_cmpuint (f->provider->refreshes, ==, 1);
  g_assert_cmpuint (count_requests (f, "GET", SYNCS_PATH), ==, 2);
  g_clear_error (&error);
  ferry_sandbox_clear_faults (f->sandbox);

  /* A provider that cannot refresh (a user JWT): "sign in again", one request only. */
  ferry_sandbox_clear_requests (f->sandbox);
  f->provider->can_refresh = FALSE;
  f->provider->refreshes = 0;
  add_fault (f, "{\"route\": \"" SYNCS_ROUTE "\", \"status\": 401, \"error\": \"UnauthorizedError\", \"message\": \"Token missing\"}");
  error = list_syncs_error (f);
  g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_TOKEN_EXPIRED);
  g_assert_cmpuint (f->provider->refreshes, ==, 1);
  g_assert_cmpuint (count_requests (f, "GET", SYNCS_PATH), ==, 1);
  g_clear_error (&error);
  ferry_sandbox_clear_faults (f->sandbox);

  /* POSTs are refreshed and retried once too: the server refused before acting. */
  f->provider->can_refresh = TRUE;
  seeded = first_sync (f, f->web_id);
  path = g_strconcat (SYNCS_PATH "/", ferry_resource_get_id (FERRY_RESOURCE (seeded)), "/sync-secrets", NULL);
  ferry_sandbox_clear_requests (f->sandbox);
  {
    g_autofree char *spec = g_strdup_printf ("{\"route\": \"POST %s\", \"status\": 403, \"error\": \"TokenError\", \"count\": 1}", path);

    add_fault (f, spec);
  }
  ferry_api_client_trigger_sync_async (f->client, ferry_resource_get_id (FERRY_RESOURCE (seeded)),
                                       NULL, result_cb, f);
  triggered = ferry_api_client_trigger_sync_finish (f->client, AWAIT (f), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_requests (f, "POST", path), ==, 2);

  /* The static provider fails a forced refresh with TOKEN_EXPIRED. */
  {
    g_autoptr(FerryTokenProvider) fixed = ferry_static_token_provider_new (expired);

    ferry_api_client_set_token_provider (f->client, fixed);
    error = list_syncs_error (f);
    g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_TOKEN_EXPIRED);
    g_assert_cmpstr (error->message, ==, "Your session has expired. Sign in again to continue.");
  }
}

static void
test_fault_bad_bodies (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  add_fault (f, "{\"route\": \"" SYNCS_ROUTE "\", \"kind\": \"malformed\", \"count\": 1}");
  error = list_syncs_error (f);
  g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_INVALID_RESPONSE);
  g_clear_error (&error);

  /* A well-formed answer of the wrong shape (the malformed fault's list key is
   * appConnections, which this endpoint does not read). */
  add_fault (f, "{\"route\": \"GET /api/v1/organization\", \"status\": 418, \"count\": 1}");
  ferry_api_client_list_organizations_async (f->client, NULL, result_cb, f);
  g_assert_null (ferry_api_client_list_organizations_finish (f->client, AWAIT (f), &error));
  g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_BAD_REQUEST);
}

static void
test_fault_truncated (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(FerrySync) seeded = first_sync (f, f->web_id);
  g_autofree char *path = g_strconcat (SYNCS_PATH "/", ferry_resource_get_id (FERRY_RESOURCE (seeded)),
                                       "/sync-secrets", NULL);
  g_autofree char *spec = NULL;
  GError *error = NULL;

  /* A 200 whose body stops short of its Content-Length is a network fault, not an
   * answer: a GET is retried and then succeeds. */
  ferry_sandbox_clear_requests (f->sandbox);
  add_fault (f, "{\"route\": \"" SYNCS_ROUTE "\", \"kind\": \"truncate\", \"count\": 1}");
  error = list_syncs_error (f);
  g_assert_no_error (error);
  g_assert_cmpuint (count_requests (f, "GET", SYNCS_PATH), ==, 2);

  /* Always cut off: after the attempts, a network error that says so. */
  ferry_sandbox_clear_requests (f->sandbox);
  add_fault (f, "{\"route\": \"" SYNCS_ROUTE "\", \"kind\": \"truncate\"}");
  error = list_syncs_error (f);
  g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_NETWORK);
  g_assert_cmpstr (error->message, ==, "The server’s answer was cut off. Try again in a moment.");
  g_assert_nonnull (ferry_api_error_get_detail (error));
  g_assert_cmpuint (count_requests (f, "GET", SYNCS_PATH), >=, 3);
  g_clear_error (&error);
  ferry_sandbox_clear_faults (f->sandbox);

  /* A POST is not repeated (it may have happened), but it is still a network error. */
  ferry_sandbox_clear_requests (f->sandbox);
  spec = g_strdup_printf ("{\"route\": \"POST %s\", \"kind\": \"truncate\", \"count\": 1}", path);
  add_fault (f, spec);
  ferry_api_client_trigger_sync_async (f->client, ferry_resource_get_id (FERRY_RESOURCE (seeded)),
                                       NULL, result_cb, f);
  g_assert_null (ferry_api_client_trigger_sync_finish (f->client, AWAIT (f), &error));
  g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_NETWORK);
  g_assert_cmpuint (count_requests (f, "POST", path), ==, 1);
  g_clear_error (&error);
}

static void
test_fault_reset (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* Once: retried. */
  add_fault (f, "{\"route\": \"" SYNCS_ROUTE "\", \"kind\": \"reset\", \"count\": 1}");
  error = list_syncs_error (f);
  g_assert_no_error (error);
  g_assert_cmpuint (count_requests (f, "GET", SYNCS_PATH), ==, 2);

  /* Always: NETWORK after the attempts. */
  ferry_sandbox_clear_requests (f->sandbox);
  add_fault (f, "{\"route\": \"" SYNCS_ROUTE "\", \"kind\": \"reset\"}");
  error = list_syncs_error (f);
  g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_NETWORK);
  g_assert_nonnull (ferry_api_error_get_detail (error));
  /* Three attempts; libsoup itself re-sends an idempotent request once when a reused
   * keep-alive connection turns out dead, so the server may see one more. */
  g_assert_cmpuint (count_requests (f, "GET", SYNCS_PATH), >=, 3);
  g_assert_cmpuint (count_requests (f, "GET", SYNCS_PATH), <=, 4);
}

static void
test_fault_oversize (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* Content-Length over the cap: refused without reading. */
  ferry_api_client_set_max_response_size (f->client, 1024 * 1024);
  add_fault (f, "{\"route\": \"" SYNCS_ROUTE "\", \"kind\": \"oversize\", \"bytes\": 3145728, \"count\": 1}");
  error = list_syncs_error (f);
  g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_INVALID_RESPONSE);
  g_clear_error (&error);

  /* A chunked answer (no Content-Length) is cut off once it passes the cap, long
   * before the server has sent it all. */
  {
    g_autoptr(FerryApiClient) dripping = drip_client (1000, 5, 400 * 1000);
    DripServer *ds = g_object_get_data (G_OBJECT (dripping), "drip-server");

    ferry_api_client_set_max_response_size (dripping, 4000);
    error = drip_list_error (f, dripping, NULL);
    g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_INVALID_RESPONSE);
    g_assert_cmpuint (ds->sent, >, 4000);
    g_assert_cmpuint (ds->sent, <, 100 * 1000);
    g_clear_error (&error);

    /* Under the cap all is well. */
    ferry_api_client_set_max_response_size (dripping, 1024 * 1024);
    error = drip_list_error (f, dripping, NULL);
    g_assert_no_error (error);
  }
}

static void
test_fault_timeout (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  ferry_api_client_set_timeout (f->client, 1);
  ferry_api_client_set_retry_policy (f->client, 1, 20, 8000);

  /* A slow drip: each chunk arrives in time, the whole answer does not. */
  {
    g_autoptr(FerryApiClient) dripping = drip_client (16, 150, 4096);

    ferry_api_client_set_timeout (dripping, 1);
    error = drip_list_error (f, dripping, NULL);
    g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_TIMEOUT);
    g_clear_error (&error);
  }

  /* No answer at all. */
  add_fault (f, "{\"route\": \"" SYNCS_ROUTE "\", \"kind\": \"latency\", \"latencyMs\": 3000, \"count\": 1}");
  error = list_syncs_error (f);
  g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_TIMEOUT);
}

static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = NULL;

  /* While waiting for an answer that would take longer than AWAIT allows: only a
   * request that is really aborted finishes in time. */
  add_fault (f, "{\"route\": \"" SYNCS_ROUTE "\", \"kind\": \"latency\", \"latencyMs\": 60000, \"count\": 1}");
  ferry_api_client_set_timeout (f->client, 120);
  cancellable = g_cancellable_new ();
  g_timeout_add (100, cancel_cb, cancellable);
  ferry_api_client_list_syncs_async (f->client, f->web_id, NULL, cancellable, result_cb, f);
  g_assert_null (ferry_api_client_list_syncs_finish (f->client, AWAIT (f), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_clear_object (&cancellable);

  /* While waiting to retry (longer than AWAIT allows). */
  ferry_sandbox_clear_faults (f->sandbox);
  ferry_api_client_set_retry_policy (f->client, 3, 20, 120000);
  add_fault (f, "{\"route\": \"" SYNCS_ROUTE "\", \"status\": 429, \"retryAfter\": 60, \"count\": 1}");
  cancellable = g_cancellable_new ();
  g_timeout_add (300, cancel_cb, cancellable);
  ferry_api_client_list_syncs_async (f->client, f->web_id, NULL, cancellable, result_cb, f);
  g_assert_null (ferry_api_client_list_syncs_finish (f->client, AWAIT (f), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_clear_object (&cancellable);

  /* While reading a dripping body. */
  {
    g_autoptr(FerryApiClient) dripping = drip_client (16, 50, 4096);
    DripServer *ds = g_object_get_data (G_OBJECT (dripping), "drip-server");

    cancellable = g_cancellable_new ();
    g_timeout_add (200, cancel_cb, cancellable);
    error = drip_list_error (f, dripping, cancellable);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    /* The body was not read to its end. */
    g_assert_cmpuint (ds->sent, <, 4096);
    g_clear_error (&error);
  }

  /* Already cancelled: nothing is sent. */
  ferry_sandbox_clear_requests (f->sandbox);
  ferry_api_client_list_syncs_async (f->client, f->web_id, NULL, cancellable, result_cb, f);
  g_assert_null (ferry_api_client_list_syncs_finish (f->client, AWAIT (f), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (count_requests (f, "GET", SYNCS_PATH), ==, 0);
}

static void
count_hit_cb (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  (*(guint *) user_data)++;
  soup_server_message_set_status (msg, 200, NULL);
}

static void
redirect_cb (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  soup_server_message_set_redirect (msg, 302, user_data);
}

static void
test_transport_errors (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  guint16 port;
  g_autofree char *refused_url = NULL;
  g_autofree char *tls_url = NULL;
  g_autoptr(FerryApiClient) refused = NULL;
  g_autoptr(FerryApiClient) tls = NULL;
  g_autoptr(FerryTokenInfo) info = NULL;

  /* A port that was free a moment ago: connection refused. */
  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);
  refused_url = g_strdup_printf ("http://127.0.0.1:%u", port);
  refused = ferry_api_client_new (refused_url);
  ferry_api_client_set_retry_policy (refused, 2, 10, 2000);
  ferry_api_client_universal_auth_login_async (refused, "id", "secret", NULL, result_cb, f);
  info = ferry_api_client_universal_auth_login_finish (refused, AWAIT (f), &error);
  g_assert_null (info);
  g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_NETWORK);
  /* Said as what happened, with where: not "check your internet connection" for a server
   * on this computer. */
  {
    g_autofree char *where = g_strdup_printf ("Nothing answers at 127.0.0.1:%u:", port);

    g_test_message ("refused: %s", error->message);
    g_assert_nonnull (strstr (error->message, where));
    g_assert_null (strstr (error->message, "internet"));
  }
  g_clear_error (&error);

  /* An https server with a self-signed certificate: a TLS error, never ignored. */
  {
    g_autofree char *pem = g_test_build_filename (G_TEST_DIST, "fixtures", "tls-self-signed.pem", NULL);
    g_autoptr(GTlsCertificate) certificate = g_tls_certificate_new_from_file (pem, &error);
    g_autoptr(SoupServer) server = NULL;
    g_autoslist(GUri) uris = NULL;
    guint hits = 0;

    g_assert_no_error (error);
    server = soup_server_new ("tls-certificate", certificate, NULL);
    soup_server_add_handler (server, NULL, count_hit_cb, &hits, NULL);
    soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY | SOUP_SERVER_LISTEN_HTTPS, &error);
    g_assert_no_error (error);
    uris = soup_server_get_uris (server);
    tls_url = g_strdup_printf ("https://127.0.0.1:%d", g_uri_get_port (uris->data));

    tls = ferry_api_client_new (tls_url);
    /* The handshake is slow under the sanitizers: the budget scales like every wait. */
    ferry_api_client_set_timeout (tls, 10 * ferry_test_timeout_multiplier ());
    ferry_api_client_universal_auth_login_async (tls, "id", "secret", NULL, result_cb, f);
    info = ferry_api_client_universal_auth_login_finish (tls, AWAIT (f), &error);
    g_assert_null (info);
    g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_TLS);
    g_assert_nonnull (ferry_api_error_get_detail (error));
    /* The request never reached the server's handler. */
    g_assert_cmpuint (hits, ==, 0);
    soup_server_disconnect (server);
    g_clear_error (&error);
  }

  /* A redirect is not followed (it could carry the token elsewhere). */
  {
    g_autoptr(SoupServer) target = soup_server_new (NULL, NULL);
    g_autoptr(SoupServer) redirector = soup_server_new (NULL, NULL);
    g_autoptr(FerryApiClient) redirected = NULL;
    g_autoptr(FerryTokenProvider) provider = ferry_static_token_provider_new ("redirect-token");
    g_autoptr(GListStore) orgs = NULL;
    g_autoslist(GUri) target_uris = NULL;
    g_autoslist(GUri) redirector_uris = NULL;
    g_autofree char *target_url = NULL;
    g_autofree char *redirector_url = NULL;
    guint hits = 0;

    soup_server_add_handler (target, NULL, count_hit_cb, &hits, NULL);
    soup_server_listen_local (target, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
    g_assert_no_error (error);
    target_uris = soup_server_get_uris (target);
    target_url = g_strdup_printf ("http://127.0.0.1:%d/api/v1/organization", g_uri_get_port (target_uris->data));

    soup_server_add_handler (redirector, NULL, redirect_cb, target_url, NULL);
    soup_server_listen_local (redirector, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
    g_assert_no_error (error);
    redirector_uris = soup_server_get_uris (redirector);
    redirector_url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (redirector_uris->data));

    redirected = ferry_api_client_new (redirector_url);
    ferry_api_client_set_token_provider (redirected, provider);
    ferry_api_client_list_organizations_async (redirected, NULL, result_cb, f);
    orgs = ferry_api_client_list_organizations_finish (redirected, AWAIT (f), &error);
    g_assert_null (orgs);
    g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_INVALID_RESPONSE);
    g_assert_cmpuint (ferry_api_error_get_http_status (error), ==, 302);
    g_assert_cmpuint (hits, ==, 0);
    soup_server_disconnect (target);
    soup_server_disconnect (redirector);
  }
}

static void
test_generic_request (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) entry = NULL;
  const char *query[] = { "projectId", f->web_id, "odd key", "a&b=c d/é", NULL };

  ferry_api_client_request_async (f->client, "GET", "/api/v1/secret-syncs/azure-devops", query, NULL, TRUE,
                                  NULL, result_cb, f);
  root = ferry_api_client_request_finish (f->client, AWAIT (f), &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  g_assert_true (json_object_has_member (json_node_get_object (root), "secretSyncs"));

  /* Query values arrive intact, i.e. they were escaped. */
  entry = last_request (f, "/api/v1/secret-syncs/azure-devops");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (entry, "query"), "odd key"),
                   ==, "a&b=c d/é");
}


/* ---- Every endpoint fails cleanly ---- */

typedef struct
{
  const char *method;
  const char *path;   /* "%c": connection id, "%s": sync id */
} EndpointCase;

static const EndpointCase endpoint_cases[] = {
  { "POST", "/api/v1/auth/universal-auth/login" },
  { "POST", "/api/v1/auth/token/renew" },
  { "POST", "/api/v1/auth/token/revoke" },
  { "POST", "/api/v1/auth/checkAuth" },
  { "GET", "/api/v1/organization" },
  { "GET", "/api/v1/projects" },
  { "GET", "/api/v1/projects/%p" },
  { "GET", "/api/v2/folders" },
  { "GET", "/api/v3/secrets/raw" },
  { "GET", "/api/v1/app-connections/azure-devops" },
  { "GET", "/api/v1/app-connections/azure-devops/available" },
  { "GET", "/api/v1/app-connections/azure-devops/%c" },
  { "GET", "/api/v1/app-connections/azure-devops/connection-name/contoso-pat" },
  { "POST", "/api/v1/app-connections/azure-devops" },
  { "PATCH", "/api/v1/app-connections/azure-devops/%c" },
  { "DELETE", "/api/v1/app-connections/azure-devops/%c" },
  { "GET", "/api/v1/app-connections/options" },
  { "GET", "/api/v1/app-connections/azure-devops/%c/projects" },
  { "GET", "/api/v1/secret-syncs/azure-devops" },
  { "GET", "/api/v1/secret-syncs/azure-devops/%s" },
  { "GET", "/api/v1/secret-syncs/azure-devops/sync-name/web-prod-to-contoso-web" },
  { "POST", "/api/v1/secret-syncs/azure-devops" },
  { "PATCH", "/api/v1/secret-syncs/azure-devops/%s" },
  { "DELETE", "/api/v1/secret-syncs/azure-devops/%s" },
  { "POST", "/api/v1/secret-syncs/azure-devops/%s/sync-secrets" },
  { "POST", "/api/v1/secret-syncs/azure-devops/%s/remove-secrets" },
  { "POST", "/api/v1/secret-syncs/azure-devops/check-destination" },
  { "GET", "/api/v1/secret-syncs/options" },
};

typedef struct
{
  const char *project_id;
  const char *connection_id;
  const char *sync_id;
} Ids;

static void
start_call (Fixture    *f,
            guint       i,
            const Ids  *ids)
{
  FerryApiClient *c = f->client;
  g_autoptr(JsonObject) body = json_object_new ();

  json_object_set_string_member (body, "description", "x");

  switch (i)
    {
    case 0: ferry_api_client_universal_auth_login_async (c, "id", "secret", NULL, result_cb, f); break;
    case 1: ferry_api_client_renew_token_async (c, "token", NULL, result_cb, f); break;
    case 2: ferry_api_client_revoke_token_async (c, "token", NULL, result_cb, f); break;
    case 3: ferry_api_client_check_auth_async (c, "token", NULL, result_cb, f); break;
    case 4: ferry_api_client_list_organizations_async (c, NULL, result_cb, f); break;
    case 5: ferry_api_client_list_projects_async (c, NULL, result_cb, f); break;
    case 6: ferry_api_client_get_project_async (c, ids->project_id, NULL, result_cb, f); break;
    case 7: ferry_api_client_list_folders_async (c, ids->project_id, "dev", "/", NULL, result_cb, f); break;
    case 8: ferry_api_client_list_secret_keys_async (c, ids->project_id, "dev", "/", NULL, result_cb, f); break;
    case 9: ferry_api_client_list_connections_async (c, NULL, NULL, result_cb, f); break;
    case 10: ferry_api_client_list_available_connections_async (c, ids->project_id, NULL, result_cb, f); break;
    case 11: ferry_api_client_get_connection_async (c, ids->connection_id, NULL, result_cb, f); break;
    case 12: ferry_api_client_get_connection_by_name_async (c, "contoso-pat", NULL, NULL, result_cb, f); break;
    case 13: ferry_api_client_create_connection_async (c, body, NULL, result_cb, f); break;
    case 14: ferry_api_client_update_connection_async (c, ids->connection_id, body, NULL, result_cb, f); break;
    case 15: ferry_api_client_delete_connection_async (c, ids->connection_id, NULL, result_cb, f); break;
    case 16: ferry_api_client_get_connection_options_async (c, NULL, result_cb, f); break;
    case 17: ferry_api_client_list_devops_projects_async (c, ids->connection_id, NULL, result_cb, f); break;
    case 18: ferry_api_client_list_syncs_async (c, ids->project_id, NULL, NULL, result_cb, f); break;
    case 19: ferry_api_client_get_sync_async (c, ids->sync_id, NULL, result_cb, f); break;
    case 20: ferry_api_client_get_sync_by_name_async (c, "web-prod-to-contoso-web", ids->project_id, NULL, result_cb, f); break;
    case 21: ferry_api_client_create_sync_async (c, body, NULL, result_cb, f); break;
    case 22: ferry_api_client_update_sync_async (c, ids->sync_id, body, NULL, result_cb, f); break;
    case 23: ferry_api_client_delete_sync_async (c, ids->sync_id, TRUE, NULL, result_cb, f); break;
    case 24: ferry_api_client_trigger_sync_async (c, ids->sync_id, NULL, result_cb, f); break;
    case 25: ferry_api_client_remove_secrets_async (c, ids->sync_id, NULL, result_cb, f); break;
    case 26: ferry_api_client_check_destination_async (c, ids->project_id, "ado", NULL, NULL, result_cb, f); break;
    case 27: ferry_api_client_get_sync_options_async (c, NULL, result_cb, f); break;
    default: g_assert_not_reached ();
    }
}

/* Finishes call @i; TRUE on success (the result is freed). */
static gboolean
finish_call (Fixture  *f,
             guint     i,
             GError  **error)
{
  FerryApiClient *c = f->client;
  GAsyncResult *r = AWAIT (f);
  gpointer object = NULL;
  gboolean ok = FALSE;
  gboolean flag;

  switch (i)
    {
    case 0: { g_autoptr(FerryTokenInfo) t = ferry_api_client_universal_auth_login_finish (c, r, error); ok = t != NULL; } break;
    case 1: { g_autoptr(FerryTokenInfo) t = ferry_api_client_renew_token_finish (c, r, error); ok = t != NULL; } break;
    case 2: ok = ferry_api_client_revoke_token_finish (c, r, error); break;
    case 3: ok = ferry_api_client_check_auth_finish (c, r, error); break;
    case 4: object = ferry_api_client_list_organizations_finish (c, r, error); break;
    case 5: object = ferry_api_client_list_projects_finish (c, r, error); break;
    case 6: object = ferry_api_client_get_project_finish (c, r, error); break;
    case 7: object = ferry_api_client_list_folders_finish (c, r, error); break;
    case 8: { g_auto(GStrv) keys = ferry_api_client_list_secret_keys_finish (c, r, error); ok = keys != NULL; } break;
    case 9: object = ferry_api_client_list_connections_finish (c, r, error); break;
    case 10: object = ferry_api_client_list_available_connections_finish (c, r, error); break;
    case 11: object = ferry_api_client_get_connection_finish (c, r, error); break;
    case 12: object = ferry_api_client_get_connection_by_name_finish (c, r, error); break;
    case 13: object = ferry_api_client_create_connection_finish (c, r, error); break;
    case 14: object = ferry_api_client_update_connection_finish (c, r, error); break;
    case 15: object = ferry_api_client_delete_connection_finish (c, r, error); break;
    case 16: { g_autoptr(FerryConnectionOptions) o = ferry_api_client_get_connection_options_finish (c, r, error); ok = o != NULL; } break;
    case 17: object = ferry_api_client_list_devops_projects_finish (c, r, error); break;
    case 18: object = ferry_api_client_list_syncs_finish (c, r, error); break;
    case 19: object = ferry_api_client_get_sync_finish (c, r, error); break;
    case 20: object = ferry_api_client_get_sync_by_name_finish (c, r, error); break;
    case 21: object = ferry_api_client_create_sync_finish (c, r, error); break;
    case 22: object = ferry_api_client_update_sync_finish (c, r, error); break;
    case 23: object = ferry_api_client_delete_sync_finish (c, r, error); break;
    case 24: object = ferry_api_client_trigger_sync_finish (c, r, error); break;
    case 25: object = ferry_api_client_remove_secrets_finish (c, r, error); break;
    case 26: ok = ferry_api_client_check_destination_finish (c, r, &flag, error); break;
    case 27: ok = ferry_api_client_get_sync_options_finish (c, r, &flag, error); break;
    default: g_assert_not_reached ();
    }

  if (object != NULL)
    {
      ok = TRUE;
      g_object_unref (object);
    }
  return ok;
}

static void
test_every_endpoint_fails_cleanly (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(FerrySync) sync = first_sync (f, f->web_id);
  g_autoptr(FerryConnection) connection = seeded_connection (f);
  Ids ids = { f->web_id, ferry_resource_get_id (FERRY_RESOURCE (connection)),
              ferry_resource_get_id (FERRY_RESOURCE (sync)) };
  static const struct { const char *fault; FerryApiErrorCode code; } faults[] = {
    { "\"status\": 500", FERRY_API_ERROR_SERVER },
    { "\"kind\": \"malformed\"", FERRY_API_ERROR_INVALID_RESPONSE },
    { "\"status\": 403, \"error\": \"PermissionDenied\", \"message\": \"You are not allowed to do this\"", FERRY_API_ERROR_FORBIDDEN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (endpoint_cases); i++)
    for (guint k = 0; k < G_N_ELEMENTS (faults); k++)
      {
        g_autoptr(GString) path = g_string_new (endpoint_cases[i].path);
        g_autofree char *spec = NULL;
        g_autoptr(GError) error = NULL;

        g_string_replace (path, "%p", ids.project_id, 0);
        g_string_replace (path, "%c", ids.connection_id, 0);
        g_string_replace (path, "%s", ids.sync_id, 0);
        spec = g_strdup_printf ("{\"route\": \"%s %s\", %s}", endpoint_cases[i].method, path->str, faults[k].fault);

        ferry_sandbox_clear_faults (f->sandbox);
        ferry_sandbox_clear_requests (f->sandbox);
        add_fault (f, spec);
        start_call (f, i, &ids);
        if (finish_call (f, i, &error))
          g_error ("%s %s succeeded despite %s", endpoint_cases[i].method, path->str, faults[k].fault);
        if (!g_error_matches (error, FERRY_API_ERROR, (gint) faults[k].code))
          g_error ("%s %s with %s: got %s (%d)", endpoint_cases[i].method, path->str, faults[k].fault,
                   error->message, error->code);
        g_assert_cmpstr (error->message, !=, "");
        /* The call really went to this route, exactly once. */
        g_assert_cmpuint (count_requests (f, endpoint_cases[i].method, path->str), ==, 1);
      }
}

/* FERRY_DEBUG_HTTP and G_MESSAGES_DEBUG=all log headers and request lines, but never a
 * token, a client secret or a PAT. Runs in a subprocess whose stdout and stderr go to a
 * file that is searched afterwards. */
static void
test_no_secrets_in_logs (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *log_path = NULL;
  g_autofree char *log = NULL;
  g_autoptr(FerryApiClient) client = NULL;
  g_autoptr(FerryTokenInfo) info = NULL;
  g_autoptr(FerryTokenProvider) provider = NULL;
  g_autoptr(GListStore) syncs = NULL;
  g_autoptr(FerryConnection) created = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *user_jwt = NULL;
  const char *pat;
  int saved_out, saved_err, fd;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }

  log_path = g_build_filename (ferry_test_get_home (), "http.log", NULL);
  fd = g_open (log_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  fflush (stdout);
  fflush (stderr);
  saved_out = dup (STDOUT_FILENO);
  saved_err = dup (STDERR_FILENO);
  dup2 (fd, STDOUT_FILENO);
  dup2 (fd, STDERR_FILENO);
  close (fd);

  g_setenv ("FERRY_DEBUG_HTTP", "1", TRUE);
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  client = ferry_api_client_new (ferry_sandbox_get_url (f->sandbox));

  ferry_api_client_universal_auth_login_async (client, ferry_sandbox_get_identity_client_id (f->sandbox),
                                               ferry_sandbox_get_identity_client_secret (f->sandbox),
                                               NULL, result_cb, f);
  info = ferry_api_client_universal_auth_login_finish (client, AWAIT (f), &error);
  g_assert_no_error (error);

  user_jwt = ferry_sandbox_issue_user_jwt (f->sandbox, 600);
  provider = ferry_static_token_provider_new (user_jwt);
  ferry_api_client_set_token_provider (client, provider);
  ferry_api_client_list_syncs_async (client, f->web_id, NULL, NULL, result_cb, f);
  syncs = ferry_api_client_list_syncs_finish (client, AWAIT (f), &error);
  g_assert_no_error (error);

  pat = ferry_sandbox_get_devops_pat (f->sandbox, "contoso");
  body = ferry_connection_build_create_body (FERRY_CONNECTION_METHOD_ACCESS_TOKEN,
                                             ferry_connection_credentials_access_token (pat, "contoso"),
                                             "ado-logged", NULL, NULL);
  ferry_api_client_create_connection_async (client, body, NULL, result_cb, f);
  created = ferry_api_client_create_connection_finish (client, AWAIT (f), &error);
  g_assert_no_error (error);

  fflush (stdout);
  fflush (stderr);
  dup2 (saved_out, STDOUT_FILENO);
  dup2 (saved_err, STDERR_FILENO);
  close (saved_out);
  close (saved_err);

  g_assert_true (g_file_get_contents (log_path, &log, NULL, NULL));
  /* The logs are there… */
  g_assert_nonnull (strstr (log, "User-Agent: Ferry/"));
  g_assert_nonnull (strstr (log, "Authorization: [redacted]"));
  g_assert_nonnull (strstr (log, "POST /api/v1/auth/universal-auth/login"));
  /* …without a secret. */
  g_assert_null (strstr (log, ferry_sandbox_get_identity_client_secret (f->sandbox)));
  g_assert_null (strstr (log, info->access_token));
  g_assert_null (strstr (log, user_jwt));
  g_assert_null (strstr (log, pat));
  g_assert_null (strstr (log, "Bearer"));
}

int
main (int   argc,
      char *argv[])
{
  ferry_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/api-client/sign-in", test_sign_in);
  ADD ("/api-client/projects", test_projects);
  ADD ("/api-client/folders", test_folders);
  ADD ("/api-client/secret-keys", test_secret_keys);
  ADD ("/api-client/connections", test_connections);
  ADD ("/api-client/devops-projects-identity", test_devops_projects_identity);
  ADD ("/api-client/syncs", test_syncs);
  ADD ("/api-client/generic-request", test_generic_request);
  ADD ("/api-client/fault/server-errors", test_fault_server_errors);
  ADD ("/api-client/fault/post-not-retried", test_fault_post_not_retried);
  ADD ("/api-client/fault/rate-limited", test_fault_rate_limited);
  ADD ("/api-client/fault/token-expired", test_fault_token_expired);
  ADD ("/api-client/fault/bad-bodies", test_fault_bad_bodies);
  ADD ("/api-client/fault/truncated", test_fault_truncated);
  ADD ("/api-client/fault/reset", test_fault_reset);
  ADD ("/api-client/fault/oversize", test_fault_oversize);
  ADD ("/api-client/fault/timeout", test_fault_timeout);
  ADD ("/api-client/cancel", test_cancel);
  ADD ("/api-client/transport-errors", test_transport_errors);
  ADD ("/api-client/no-secrets-in-logs", test_no_secrets_in_logs);
  ADD ("/api-client/every-endpoint-fails-cleanly", test_every_endpoint_fails_cleanly);
#undef ADD

  return g_test_run ();
}
