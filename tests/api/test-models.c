/* test-models.c: parsing the API models from fixtures, strictly and tolerantly, and
 * refreshing lists in place.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "ferry-api-client.h"
#include "ferry-test-utils.h"

static JsonNode *
load_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_ref (json_parser_get_root (parser));
}

/* A deep copy of item @index of the array member @key of fixture @name. */
static JsonObject *
fixture_item (const char *name,
              const char *key,
              guint       index)
{
  g_autoptr(JsonNode) root = load_fixture (name);
  JsonNode *array = json_object_get_member (json_node_get_object (root), key);
  g_autoptr(JsonNode) copy = json_node_copy (json_array_get_element (json_node_get_array (array), index));

  return json_object_ref (json_node_get_object (copy));
}

static JsonObject *
fixture_object (const char *name,
                const char *key)
{
  g_autoptr(JsonNode) root = load_fixture (name);
  g_autoptr(JsonNode) copy = json_node_copy (json_object_get_member (json_node_get_object (root), key));

  return json_object_ref (json_node_get_object (copy));
}

static void
assert_date (GDateTime  *dt,
             const char *iso)
{
  g_autoptr(GDateTime) expected = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (dt);
  g_assert_true (g_date_time_equal (dt, expected));
}

/* ---- Syncs ---- */

static void
test_sync_parse_current (void)
{
  g_autoptr(JsonObject) object = fixture_item ("syncs-list.json", "secretSyncs", 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(FerrySync) sync = NULL;

  sync = ferry_sync_new_from_json (object, &error);
  g_assert_no_error (error);
  g_assert_nonnull (sync);

  g_assert_cmpstr (ferry_resource_get_id (FERRY_RESOURCE (sync)), ==, "5d0f3a7e-1c2b-4f4e-9a51-0b1c2d3e4f50");
  g_assert_cmpstr (ferry_sync_get_name (sync), ==, "web-prod-to-ado");
  g_assert_cmpstr (ferry_sync_get_description (sync), ==, "Production variables");
  g_assert_cmpstr (ferry_sync_get_project_id (sync), ==, "0b3f6a2c-8d1e-4c7b-9f10-a1b2c3d4e5f6");
  g_assert_cmpstr (ferry_sync_get_connection_id (sync), ==, "9a2c4e6f-8b0d-4f1a-9c3e-5b7d9f1a3c5e");
  g_assert_cmpstr (ferry_sync_get_connection_name (sync), ==, "ado-contoso");
  g_assert_cmpstr (ferry_sync_get_environment_slug (sync), ==, "prod");
  g_assert_cmpstr (ferry_sync_get_environment_name (sync), ==, "Production");
  g_assert_cmpstr (ferry_sync_get_environment_id (sync), ==, "e1e2e3e4-0000-4000-8000-000000000001");
  g_assert_cmpstr (ferry_sync_get_folder_id (sync), ==, "7c8d9e0f-1a2b-4c3d-8e4f-5a6b7c8d9e0f");
  g_assert_cmpstr (ferry_sync_get_secret_path (sync), ==, "/backend/api");
  g_assert_false (ferry_sync_get_folder_deleted (sync));
  g_assert_true (ferry_sync_get_auto_sync_enabled (sync));
  g_assert_cmpstr (ferry_sync_get_devops_project_id (sync), ==, "3f2e1d0c-b9a8-4765-8432-10fedcba9876");
  g_assert_cmpstr (ferry_sync_get_devops_project_name (sync), ==, "Fabrikam");
  g_assert_cmpstr (ferry_sync_get_initial_sync_behavior (sync), ==, "overwrite-destination");
  g_assert_cmpstr (ferry_sync_get_key_schema (sync), ==, "APP_{{secretKey}}");
  g_assert_false (ferry_sync_get_disable_secret_deletion (sync));
  g_assert_true (ferry_sync_get_recursive (sync));
  g_assert_cmpint (ferry_sync_get_sync_status (sync), ==, FERRY_SYNC_STATUS_SUCCEEDED);
  g_assert_null (ferry_sync_get_last_sync_message (sync));
  assert_date (ferry_sync_get_last_synced_at (sync), "2025-06-02T11:31:05.000Z");
  g_assert_cmpstr (ferry_sync_get_last_sync_job_id (sync), ==, "42");
  g_assert_cmpint (ferry_sync_get_remove_status (sync), ==, FERRY_SYNC_STATUS_NONE);
  g_assert_null (ferry_sync_get_last_removed_at (sync));
  assert_date (ferry_sync_get_created_at (sync), "2025-06-01T10:00:00.000Z");
  assert_date (ferry_sync_get_updated_at (sync), "2025-06-02T11:30:00.000Z");
  g_assert_cmpint (ferry_sync_get_version (sync), ==, 3);
  g_assert_false (ferry_sync_is_busy (sync));
}

static void
test_sync_parse_deleted_folder (void)
{
  g_autoptr(JsonObject) object = fixture_item ("syncs-list.json", "secretSyncs", 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(FerrySync) sync = NULL;

  sync = ferry_sync_new_from_json (object, &error);
  g_assert_no_error (error);
  g_assert_true (ferry_sync_get_folder_deleted (sync));
  g_assert_null (ferry_sync_get_secret_path (sync));
  g_assert_null (ferry_sync_get_folder_id (sync));
  g_assert_null (ferry_sync_get_description (sync));
  g_assert_null (ferry_sync_get_devops_project_name (sync));
  g_assert_null (ferry_sync_get_key_schema (sync));
  g_assert_false (ferry_sync_get_recursive (sync));
  g_assert_false (ferry_sync_get_auto_sync_enabled (sync));
  g_assert_cmpint (ferry_sync_get_sync_status (sync), ==, FERRY_SYNC_STATUS_FAILED);
  g_assert_cmpint (ferry_sync_get_remove_status (sync), ==, FERRY_SYNC_STATUS_RUNNING);
  g_assert_true (ferry_sync_is_busy (sync));
  g_assert_nonnull (strstr (ferry_sync_get_last_sync_message (sync), "TF400813"));
}

static void
test_sync_parse_old_build (void)
{
  g_autoptr(JsonObject) object = fixture_object ("sync-old-build.json", "secretSync");
  g_autoptr(GError) error = NULL;
  g_autoptr(FerrySync) sync = NULL;

  sync = ferry_sync_new_from_json (object, &error);
  g_assert_no_error (error);
  g_assert_true (ferry_sync_get_auto_sync_enabled (sync));       /* isEnabled */
  g_assert_cmpint (ferry_sync_get_sync_status (sync), ==, FERRY_SYNC_STATUS_SUCCEEDED); /* "success" */
  g_assert_cmpint (ferry_sync_get_remove_status (sync), ==, FERRY_SYNC_STATUS_PENDING); /* eraseStatus */
  g_assert_cmpstr (ferry_sync_get_last_remove_message (sync), ==, "queued");
  assert_date (ferry_sync_get_last_removed_at (sync), "2024-01-02T00:00:00.000Z");
  /* No folder relation in this build, but a folder id: not deleted, path unknown. */
  g_assert_false (ferry_sync_get_folder_deleted (sync));
  g_assert_null (ferry_sync_get_secret_path (sync));
  g_assert_null (ferry_sync_get_environment_slug (sync));
  g_assert_true (ferry_sync_is_busy (sync));
}

typedef struct
{
  const char *member;   /* dotted: parent.child */
  const char *json;     /* replacement value as JSON; NULL removes the member */
  const char *detail;   /* substring expected in the error detail */
} Mutation;

static void
apply_mutation (JsonObject     *object,
                const Mutation *m)
{
  g_auto(GStrv) parts = g_strsplit (m->member, ".", 2);
  JsonObject *target = object;
  const char *leaf = parts[0];

  if (parts[1] != NULL)
    {
      target = json_object_get_object_member (object, parts[0]);
      leaf = parts[1];
    }

  if (m->json == NULL)
    json_object_remove_member (target, leaf);
  else
    json_object_set_member (target, leaf, json_from_string (m->json, NULL));
}

static void
test_sync_reject (void)
{
  static const Mutation mutations[] = {
    { "id", NULL, "id" },
    { "id", "17", "id" },
    { "name", "5", "name" },
    { "name", NULL, "name" },
    { "name", "\"\"", "name" },
    { "projectId", NULL, "projectId" },
    { "connectionId", "null", "connectionId" },
    { "destination", "\"aws-parameter-store\"", "destination" },
    { "destination", NULL, "destination" },
    { "destinationConfig", "\"3f2e\"", "destinationConfig" },
    { "destinationConfig", NULL, "destinationConfig" },
    { "destinationConfig.devopsProjectId", NULL, "devopsProjectId" },
    { "destinationConfig.devopsProjectId", "42", "devopsProjectId" },
    { "syncOptions", NULL, "syncOptions" },
    { "syncOptions", "[]", "syncOptions" },
    { "syncOptions.initialSyncBehavior", NULL, "initialSyncBehavior" },
    { "syncOptions.recursive", "\"yes\"", "recursive" },
    { "isAutoSyncEnabled", "\"true\"", "isAutoSyncEnabled" },
    { "syncStatus", "1", "syncStatus" },
    { "createdAt", "\"yesterday\"", "createdAt" },
    { "createdAt", "1717236000", "createdAt" },
    { "version", "\"3\"", "version" },
    { "folder", "\"/backend\"", "folder" },
    { "folder.path", "[\"backend\"]", "folder.path" },
    { "environment", "7", "environment" },
    { "environment.slug", "{}", "environment.slug" },
    { "connection.name", "false", "connection.name" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (mutations); i++)
    {
      g_autoptr(JsonObject) object = fixture_item ("syncs-list.json", "secretSyncs", 0);
      g_autoptr(GError) error = NULL;
      g_autoptr(FerrySync) sync = NULL;

      apply_mutation (object, &mutations[i]);
      sync = ferry_sync_new_from_json (object, &error);
      if (sync != NULL)
        g_error ("mutation %u (%s = %s) was accepted", i, mutations[i].member,
                 mutations[i].json ? mutations[i].json : "removed");
      g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_INVALID_RESPONSE);
      g_assert_nonnull (ferry_api_error_get_detail (error));
      if (strstr (ferry_api_error_get_detail (error), mutations[i].detail) == NULL)
        g_error ("mutation %u: detail “%s” does not name “%s”", i,
                 ferry_api_error_get_detail (error), mutations[i].detail);
      /* The sentence for people is not the technical detail. */
      g_assert_null (strstr (error->message, mutations[i].detail));
    }
}

static void
test_sync_tolerate (void)
{
  /* Optional members that are absent or null are fine. */
  static const Mutation mutations[] = {
    { "description", NULL, NULL },
    { "isAutoSyncEnabled", NULL, NULL },
    { "environment", "null", NULL },
    { "connection", NULL, NULL },
    { "syncStatus", "\"queued-in-a-future-build\"", NULL },
    { "syncOptions.keySchema", "null", NULL },
    { "lastSyncedAt", "null", NULL },
    { "version", "3.0", NULL },
    { "unknownMember", "{\"a\": [1, {\"b\": null}]}", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (mutations); i++)
    {
      g_autoptr(JsonObject) object = fixture_item ("syncs-list.json", "secretSyncs", 0);
      g_autoptr(GError) error = NULL;
      g_autoptr(FerrySync) sync = NULL;

      apply_mutation (object, &mutations[i]);
      sync = ferry_sync_new_from_json (object, &error);
      if (error != NULL)
        g_error ("mutation %u (%s) rejected: %s", i, mutations[i].member, ferry_api_error_get_detail (error));
      g_assert_nonnull (sync);
    }
}

static void
test_sync_round_trip (void)
{
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(JsonObject) object = fixture_item ("syncs-list.json", "secretSyncs", i);
      g_autoptr(FerrySync) sync = ferry_sync_new_from_json (object, NULL);
      g_autoptr(JsonObject) json = ferry_sync_to_json (sync);
      g_autoptr(FerrySync) again = NULL;
      g_autoptr(GError) error = NULL;
      GParamSpec **pspecs;
      guint n;

      again = ferry_sync_new_from_json (json, &error);
      g_assert_no_error (error);

      /* Every property survives: compare them all generically. */
      pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (sync), &n);
      for (guint p = 0; p < n; p++)
        {
          g_auto(GValue) a = G_VALUE_INIT;
          g_auto(GValue) b = G_VALUE_INIT;

          g_value_init (&a, pspecs[p]->value_type);
          g_value_init (&b, pspecs[p]->value_type);
          g_object_get_property (G_OBJECT (sync), pspecs[p]->name, &a);
          g_object_get_property (G_OBJECT (again), pspecs[p]->name, &b);
          if (pspecs[p]->value_type == G_TYPE_DATE_TIME)
            {
              GDateTime *da = g_value_get_boxed (&a), *db = g_value_get_boxed (&b);

              g_assert_true ((da == NULL && db == NULL) || (da && db && g_date_time_equal (da, db)));
            }
          else if (g_param_values_cmp (pspecs[p], &a, &b) != 0)
            g_error ("property %s differs after a round trip", pspecs[p]->name);
        }
      g_free (pspecs);
    }
}

static void
test_sync_properties (void)
{
  /* Every getter has a property of the same name. */
  static const char *names[] = {
    "id", "name", "description", "project-id", "connection-id", "connection-name",
    "environment-id", "environment-slug", "environment-name", "folder-id", "secret-path",
    "folder-deleted", "auto-sync-enabled", "devops-project-id", "devops-project-name",
    "initial-sync-behavior", "key-schema", "disable-secret-deletion", "recursive",
    "sync-status", "last-sync-message", "last-synced-at", "last-sync-job-id",
    "remove-status", "last-remove-message", "last-removed-at", "created-at",
    "updated-at", "version",
  };
  g_autoptr(JsonObject) object = fixture_item ("syncs-list.json", "secretSyncs", 0);
  g_autoptr(FerrySync) sync = ferry_sync_new_from_json (object, NULL);
  FerrySyncStatus status;
  g_autofree char *path = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_object_class_find_property (G_OBJECT_GET_CLASS (sync), names[i]) == NULL)
      g_error ("FerrySync has no property “%s”", names[i]);

  g_object_get (sync, "sync-status", &status, "secret-path", &path, NULL);
  g_assert_cmpint (status, ==, FERRY_SYNC_STATUS_SUCCEEDED);
  g_assert_cmpstr (path, ==, "/backend/api");
}

static void
test_sync_status_strings (void)
{
  g_assert_cmpint (ferry_sync_status_from_string (NULL), ==, FERRY_SYNC_STATUS_NONE);
  g_assert_cmpint (ferry_sync_status_from_string ("pending"), ==, FERRY_SYNC_STATUS_PENDING);
  g_assert_cmpint (ferry_sync_status_from_string ("running"), ==, FERRY_SYNC_STATUS_RUNNING);
  g_assert_cmpint (ferry_sync_status_from_string ("succeeded"), ==, FERRY_SYNC_STATUS_SUCCEEDED);
  g_assert_cmpint (ferry_sync_status_from_string ("success"), ==, FERRY_SYNC_STATUS_SUCCEEDED);
  g_assert_cmpint (ferry_sync_status_from_string ("failed"), ==, FERRY_SYNC_STATUS_FAILED);
  g_assert_null (ferry_sync_status_to_string (FERRY_SYNC_STATUS_NONE));
  g_assert_cmpstr (ferry_sync_status_to_string (FERRY_SYNC_STATUS_SUCCEEDED), ==, "succeeded");
}

/* ---- Connections ---- */

static void
test_connection_parse (void)
{
  g_autoptr(JsonObject) pat = fixture_item ("connections-list.json", "appConnections", 0);
  g_autoptr(JsonObject) sp = fixture_item ("connections-list.json", "appConnections", 1);
  g_autoptr(JsonObject) old = fixture_item ("connections-list.json", "appConnections", 2);
  g_autoptr(FerryConnection) c1 = NULL;
  g_autoptr(FerryConnection) c2 = NULL;
  g_autoptr(FerryConnection) c3 = NULL;
  g_autoptr(GError) error = NULL;

  c1 = ferry_connection_new_from_json (pat, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ferry_connection_get_name (c1), ==, "ado-contoso");
  g_assert_cmpint (ferry_connection_get_method (c1), ==, FERRY_CONNECTION_METHOD_ACCESS_TOKEN);
  g_assert_cmpstr (ferry_connection_get_org_name (c1), ==, "contoso");
  g_assert_null (ferry_connection_get_tenant_id (c1));
  g_assert_cmpstr (ferry_connection_get_project_id (c1), ==, "0b3f6a2c-8d1e-4c7b-9f10-a1b2c3d4e5f6");
  g_assert_cmpstr (ferry_connection_get_project_name (c1), ==, "Web");
  g_assert_cmpstr (ferry_connection_get_org_id (c1), ==, "a0a0a0a0-b1b1-4c2c-8d3d-e4e4e4e4e4e4");
  g_assert_cmpint (ferry_connection_get_version (c1), ==, 1);
  g_assert_cmpstr (ferry_connection_get_credentials_hash (c1), ==,
                   "5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8");
  assert_date (ferry_connection_get_created_at (c1), "2025-06-01T10:00:00.000Z");

  /* Newest build: rotation and gatewayPoolId are tolerated. */
  c2 = ferry_connection_new_from_json (sp, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ferry_connection_get_method (c2), ==, FERRY_CONNECTION_METHOD_CLIENT_SECRET);
  g_assert_cmpstr (ferry_connection_get_client_id (c2), ==, "c1c1c1c1-d2d2-4e3e-8f4f-a5a5a5a5a5a5");
  g_assert_cmpstr (ferry_connection_get_tenant_id (c2), ==, "t1t1t1t1-0000-4000-8000-000000000000");
  g_assert_null (ferry_connection_get_project_id (c2));
  g_assert_null (ferry_connection_get_project_name (c2));

  /* Older build: no projectId, project or credentialsHash. */
  c3 = ferry_connection_new_from_json (old, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ferry_connection_get_method (c3), ==, FERRY_CONNECTION_METHOD_OAUTH);
  g_assert_cmpstr (ferry_connection_get_tenant_id (c3), ==, "contoso.onmicrosoft.com");
  g_assert_null (ferry_connection_get_credentials_hash (c3));
}

static void
test_connection_partial (void)
{
  g_autoptr(JsonObject) item = fixture_item ("connections-available.json", "appConnections", 1);
  g_autoptr(FerryConnection) partial = NULL;
  g_autoptr(FerryConnection) strict = NULL;
  g_autoptr(GError) error = NULL;

  partial = ferry_connection_new_from_json (item, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ferry_connection_get_name (partial), ==, "ado-sp");
  g_assert_null (ferry_connection_get_project_id (partial));

  /* The same item is not a full connection. */
  strict = ferry_connection_new_from_json (item, FALSE, &error);
  g_assert_null (strict);
  g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_INVALID_RESPONSE);
}

static void
test_connection_reject (void)
{
  static const Mutation mutations[] = {
    { "method", "\"basic-auth\"", "method" },
    { "method", NULL, "method" },
    { "app", "\"github\"", "app" },
    { "app", "3", "app" },
    { "credentials", NULL, "orgName" },
    { "credentials", "\"contoso\"", "credentials" },
    { "credentials.orgName", "1", "orgName" },
    { "name", NULL, "name" },
    { "version", "\"one\"", "version" },
    { "updatedAt", "\"\"", "updatedAt" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (mutations); i++)
    {
      g_autoptr(JsonObject) object = fixture_item ("connections-list.json", "appConnections", 0);
      g_autoptr(GError) error = NULL;
      g_autoptr(FerryConnection) c = NULL;

      apply_mutation (object, &mutations[i]);
      c = ferry_connection_new_from_json (object, FALSE, &error);
      if (c != NULL)
        g_error ("connection mutation %u (%s) was accepted", i, mutations[i].member);
      g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_INVALID_RESPONSE);
      g_assert_nonnull (strstr (ferry_api_error_get_detail (error), mutations[i].detail));
    }
}

static void
test_connection_bodies (void)
{
  g_autoptr(JsonObject) body = NULL;
  JsonObject *credentials;

  body = ferry_connection_build_create_body (FERRY_CONNECTION_METHOD_ACCESS_TOKEN,
                                             ferry_connection_credentials_access_token ("pat-value", "contoso"),
                                             "ado-contoso", NULL, "project-1");
  g_assert_cmpstr (json_object_get_string_member (body, "method"), ==, "access-token");
  g_assert_cmpstr (json_object_get_string_member (body, "name"), ==, "ado-contoso");
  g_assert_cmpstr (json_object_get_string_member (body, "projectId"), ==, "project-1");
  g_assert_false (json_object_has_member (body, "description"));
  credentials = json_object_get_object_member (body, "credentials");
  g_assert_cmpstr (json_object_get_string_member (credentials, "accessToken"), ==, "pat-value");
  g_assert_cmpstr (json_object_get_string_member (credentials, "orgName"), ==, "contoso");

  g_clear_pointer (&body, json_object_unref);
  body = ferry_connection_build_create_body (FERRY_CONNECTION_METHOD_CLIENT_SECRET,
                                             ferry_connection_credentials_client_secret ("tenant", "client", "secret", "org"),
                                             "sp", "desc", NULL);
  g_assert_cmpstr (json_object_get_string_member (body, "method"), ==, "client-secret");
  g_assert_cmpstr (json_object_get_string_member (body, "description"), ==, "desc");
  g_assert_false (json_object_has_member (body, "projectId"));
  credentials = json_object_get_object_member (body, "credentials");
  g_assert_cmpstr (json_object_get_string_member (credentials, "clientSecret"), ==, "secret");
  g_assert_cmpstr (json_object_get_string_member (credentials, "tenantId"), ==, "tenant");

  g_clear_pointer (&body, json_object_unref);
  body = ferry_connection_build_create_body (FERRY_CONNECTION_METHOD_OAUTH,
                                             ferry_connection_credentials_oauth ("code", "tenant", "org"),
                                             "oauth", NULL, NULL);
  g_assert_cmpstr (json_object_get_string_member (body, "method"), ==, "oauth");
  credentials = json_object_get_object_member (body, "credentials");
  g_assert_cmpstr (json_object_get_string_member (credentials, "code"), ==, "code");

  for (int m = FERRY_CONNECTION_METHOD_OAUTH; m <= FERRY_CONNECTION_METHOD_CLIENT_SECRET; m++)
    {
      FerryConnectionMethod back;

      g_assert_true (ferry_connection_method_from_string (ferry_connection_method_to_string (m), &back));
      g_assert_cmpint (back, ==, m);
      g_assert_nonnull (ferry_connection_method_get_label (m));
    }
  {
    FerryConnectionMethod unused;

    g_assert_false (ferry_connection_method_from_string ("pat", &unused));
  }
}

/* ---- Projects, environments, folders, organizations, ADO projects ---- */

static void
test_project_parse (void)
{
  g_autoptr(JsonObject) web = fixture_item ("projects-list.json", "projects", 0);
  g_autoptr(JsonObject) payments = fixture_item ("projects-list.json", "projects", 1);
  g_autoptr(FerryProject) p1 = NULL;
  g_autoptr(FerryProject) p2 = NULL;
  g_autoptr(GListModel) envs = NULL;
  g_autoptr(GError) error = NULL;
  FerryEnvironment *prod;

  p1 = ferry_project_new_from_json (web, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ferry_project_get_name (p1), ==, "Web");
  g_assert_cmpstr (ferry_project_get_slug (p1), ==, "web-x1y2");
  g_assert_cmpstr (ferry_project_get_project_type (p1), ==, "secret-manager");
  g_assert_cmpstr (ferry_project_get_org_id (p1), ==, "a0a0a0a0-b1b1-4c2c-8d3d-e4e4e4e4e4e4");
  g_assert_null (ferry_project_get_description (p1));
  g_assert_cmpuint (g_list_model_get_n_items (ferry_project_get_environments (p1)), ==, 3);
  prod = ferry_project_find_environment (p1, "prod");
  g_assert_nonnull (prod);
  g_assert_cmpstr (ferry_environment_get_name (prod), ==, "Production");
  g_assert_null (ferry_project_find_environment (p1, "Production"));
  g_object_get (p1, "environments", &envs, NULL);
  g_assert_true (envs == ferry_project_get_environments (p1));

  /* No type (older builds) is fine. */
  p2 = ferry_project_new_from_json (payments, &error);
  g_assert_no_error (error);
  g_assert_null (ferry_project_get_project_type (p2));
  g_assert_cmpuint (g_list_model_get_n_items (ferry_project_get_environments (p2)), ==, 0);
}

static void
test_project_reject (void)
{
  static const Mutation mutations[] = {
    { "environments", "{}", "environments" },
    { "environments", "[1]", "environments" },
    { "environments", "[{\"id\": \"e\", \"name\": \"Dev\"}]", "slug" },
    { "slug", NULL, "slug" },
    { "orgId", "[]", "orgId" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (mutations); i++)
    {
      g_autoptr(JsonObject) object = fixture_item ("projects-list.json", "projects", 0);
      g_autoptr(GError) error = NULL;
      g_autoptr(FerryProject) p = NULL;

      apply_mutation (object, &mutations[i]);
      p = ferry_project_new_from_json (object, &error);
      g_assert_null (p);
      g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_INVALID_RESPONSE);
      g_assert_nonnull (strstr (ferry_api_error_get_detail (error), mutations[i].detail));
    }
}

static void
test_folder_parse (void)
{
  g_autoptr(JsonObject) api = fixture_item ("folders.json", "folders", 0);
  g_autoptr(JsonObject) worker = fixture_item ("folders.json", "folders", 1);
  g_autoptr(GError) error = NULL;
  struct { const char *parent; const char *expected; } cases[] = {
    { "/", "/api" }, { NULL, "/api" }, { "/backend", "/backend/api" }, { "/backend/", "/backend/api" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(FerryFolder) folder = ferry_folder_new_from_json (api, cases[i].parent, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (ferry_folder_get_name (folder), ==, "api");
      g_assert_cmpstr (ferry_folder_get_path (folder), ==, cases[i].expected);
      g_assert_null (ferry_folder_get_description (folder));
    }

  {
    g_autoptr(FerryFolder) folder = ferry_folder_new_from_json (worker, "/", &error);

    g_assert_no_error (error);
    g_assert_cmpstr (ferry_folder_get_description (folder), ==, "Background jobs");
  }

  json_object_set_string_member (api, "name", "a/b");
  {
    g_autoptr(FerryFolder) folder = ferry_folder_new_from_json (api, "/", &error);

    g_assert_null (folder);
    g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_INVALID_RESPONSE);
  }
}

static void
test_small_models (void)
{
  g_autoptr(JsonObject) org_json = fixture_item ("organizations.json", "organizations", 0);
  g_autoptr(JsonObject) ado1 = fixture_item ("devops-projects.json", "projects", 0);
  g_autoptr(JsonObject) ado2 = fixture_item ("devops-projects.json", "projects", 1);
  g_autoptr(FerryOrganization) org = NULL;
  g_autoptr(FerryDevopsProject) p1 = NULL;
  g_autoptr(FerryDevopsProject) p2 = NULL;
  g_autoptr(FerryDevopsProject) typed = NULL;
  g_autoptr(GError) error = NULL;

  org = ferry_organization_new_from_json (org_json, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ferry_organization_get_name (org), ==, "Contoso Ltd");
  g_assert_cmpstr (ferry_organization_get_slug (org), ==, "contoso-ltd");

  p1 = ferry_devops_project_new_from_json (ado1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ferry_devops_project_get_name (p1), ==, "Fabrikam");
  g_assert_cmpstr (ferry_devops_project_get_app_id (p1), ==, "3f2e1d0c-b9a8-4765-8432-10fedcba9876");

  /* No appId: the id is the GUID the sync stores. */
  p2 = ferry_devops_project_new_from_json (ado2, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ferry_devops_project_get_app_id (p2), ==, "4a3b2c1d-0e9f-4876-9543-21fedcba0987");

  typed = ferry_devops_project_new ("guid-typed-by-hand", NULL);
  g_assert_cmpstr (ferry_devops_project_get_app_id (typed), ==, "guid-typed-by-hand");
  g_assert_cmpstr (ferry_devops_project_get_name (typed), ==, "guid-typed-by-hand");

  json_object_set_int_member (org_json, "name", 3);
  g_clear_object (&org);
  org = ferry_organization_new_from_json (org_json, &error);
  g_assert_null (org);
  g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_INVALID_RESPONSE);
}

/* ---- Refreshing a store in place ---- */

typedef struct
{
  guint notifies;
  guint removed;
  guint added;
} Counts;

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           Counts     *counts)
{
  counts->notifies++;
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Counts     *counts)
{
  counts->removed += removed;
  counts->added += added;
}

static GListStore *
parse_syncs (JsonNode *root)
{
  JsonArray *array = json_object_get_array_member (json_node_get_object (root), "secretSyncs");
  GListStore *store = g_list_store_new (FERRY_TYPE_SYNC);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(FerrySync) sync = ferry_sync_new_from_json (json_array_get_object_element (array, i), NULL);

      g_assert_nonnull (sync);
      g_list_store_append (store, sync);
    }
  return store;
}

static void
test_store_merge (void)
{
  g_autoptr(JsonNode) root = load_fixture ("syncs-list.json");
  g_autoptr(GListStore) store = parse_syncs (root);
  g_autoptr(GListStore) fresh = NULL;
  g_autoptr(FerrySync) first = g_list_model_get_item (G_LIST_MODEL (store), 0);
  g_autoptr(FerrySync) second = g_list_model_get_item (G_LIST_MODEL (store), 1);
  Counts first_counts = { 0 }, second_counts = { 0 }, store_counts = { 0 };
  JsonArray *array;
  JsonObject *obj;

  g_signal_connect (first, "notify", G_CALLBACK (notify_cb), &first_counts);
  g_signal_connect (second, "notify", G_CALLBACK (notify_cb), &second_counts);
  g_signal_connect (store, "items-changed", G_CALLBACK (items_changed_cb), &store_counts);

  /* Same data: nothing changes, nothing is notified. */
  fresh = parse_syncs (root);
  ferry_resource_store_merge (store, G_LIST_MODEL (fresh));
  g_assert_cmpuint (first_counts.notifies, ==, 0);
  g_assert_cmpuint (second_counts.notifies, ==, 0);
  g_assert_cmpuint (store_counts.added + store_counts.removed, ==, 0);
  g_clear_object (&fresh);

  /* The first sync's status changes; a new sync appears; the second vanishes. */
  array = json_object_get_array_member (json_node_get_object (root), "secretSyncs");
  obj = json_array_get_object_element (array, 0);
  json_object_set_string_member (obj, "syncStatus", "running");
  json_object_set_string_member (obj, "updatedAt", "2025-06-04T00:00:00.000Z");
  obj = json_array_get_object_element (array, 1);
  json_object_set_string_member (obj, "id", "00000000-0000-4000-8000-00000000beef");

  fresh = parse_syncs (root);
  ferry_resource_store_merge (store, G_LIST_MODEL (fresh));

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 2);
  {
    g_autoptr(FerrySync) kept = g_list_model_get_item (G_LIST_MODEL (store), 0);
    g_autoptr(FerrySync) added = g_list_model_get_item (G_LIST_MODEL (store), 1);

    g_assert_true (kept == first);                       /* identity kept */
    g_assert_cmpint (ferry_sync_get_sync_status (kept), ==, FERRY_SYNC_STATUS_RUNNING);
    g_assert_cmpuint (first_counts.notifies, ==, 3);     /* sync-status, updated-at, busy */
    g_assert_true (ferry_sync_get_busy (kept));
    g_assert_true (added != second);
    g_assert_cmpstr (ferry_resource_get_id (FERRY_RESOURCE (added)), ==, "00000000-0000-4000-8000-00000000beef");
  }
  g_assert_cmpuint (store_counts.removed, ==, 1);
  g_assert_cmpuint (store_counts.added, ==, 1);
  g_assert_cmpuint (second_counts.notifies, ==, 0);
  g_clear_object (&fresh);

  /* Reordering keeps the objects. */
  {
    g_autoptr(GListStore) reversed = g_list_store_new (FERRY_TYPE_SYNC);
    g_autoptr(FerrySync) a = g_list_model_get_item (G_LIST_MODEL (store), 0);
    g_autoptr(FerrySync) b = g_list_model_get_item (G_LIST_MODEL (store), 1);
    g_autoptr(JsonObject) ja = ferry_sync_to_json (a);
    g_autoptr(JsonObject) jb = ferry_sync_to_json (b);
    g_autoptr(FerrySync) ca = ferry_sync_new_from_json (ja, NULL);
    g_autoptr(FerrySync) cb = ferry_sync_new_from_json (jb, NULL);
    g_autoptr(FerrySync) n0 = NULL;
    g_autoptr(FerrySync) n1 = NULL;

    g_list_store_append (reversed, cb);
    g_list_store_append (reversed, ca);
    ferry_resource_store_merge (store, G_LIST_MODEL (reversed));
    n0 = g_list_model_get_item (G_LIST_MODEL (store), 0);
    n1 = g_list_model_get_item (G_LIST_MODEL (store), 1);
    g_assert_true (n0 == b);
    g_assert_true (n1 == a);
    g_assert_true (ferry_resource_find_by_id (G_LIST_MODEL (store), ferry_resource_get_id (FERRY_RESOURCE (a))) == a);
    g_assert_null (ferry_resource_find_by_id (G_LIST_MODEL (store), "nope"));
  }

  /* An empty answer empties the store. */
  fresh = g_list_store_new (FERRY_TYPE_SYNC);
  ferry_resource_store_merge (store, G_LIST_MODEL (fresh));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
}

static void
test_project_merge_environments (void)
{
  g_autoptr(JsonObject) web = fixture_item ("projects-list.json", "projects", 0);
  g_autoptr(FerryProject) p1 = ferry_project_new_from_json (web, NULL);
  g_autoptr(FerryProject) p2 = NULL;
  g_autoptr(FerryEnvironment) dev_before = g_list_model_get_item (ferry_project_get_environments (p1), 0);
  g_autoptr(FerryEnvironment) dev_after = NULL;
  JsonArray *envs;

  envs = json_object_get_array_member (web, "environments");
  json_object_set_string_member (json_array_get_object_element (envs, 0), "name", "Dev");
  json_object_set_string_member (web, "name", "Web (renamed)");
  p2 = ferry_project_new_from_json (web, NULL);

  ferry_resource_update_from (FERRY_RESOURCE (p1), FERRY_RESOURCE (p2));
  g_assert_cmpstr (ferry_project_get_name (p1), ==, "Web (renamed)");
  dev_after = g_list_model_get_item (ferry_project_get_environments (p1), 0);
  g_assert_true (dev_after == dev_before);
  g_assert_cmpstr (ferry_environment_get_name (dev_after), ==, "Dev");
}

/* "operation" is Ferry's own state: it makes the sync busy, survives a merge of fresh
 * server data, and "busy" is notified exactly when its value changes. */
static void
test_sync_operation (void)
{
  g_autoptr(JsonNode) root = load_fixture ("syncs-list.json");
  g_autoptr(GListStore) store = parse_syncs (root);
  g_autoptr(FerrySync) sync = g_list_model_get_item (G_LIST_MODEL (store), 0);
  g_autoptr(GListStore) fresh = NULL;
  Counts counts = { 0 };
  JsonObject *obj;

  g_assert_false (ferry_sync_is_busy (sync));
  g_assert_false (ferry_sync_get_busy (sync));
  g_signal_connect (sync, "notify::busy", G_CALLBACK (notify_cb), &counts);

  ferry_sync_set_operation (sync, FERRY_SYNC_OPERATION_DELETE);
  g_assert_true (ferry_sync_get_busy (sync));
  g_assert_cmpuint (counts.notifies, ==, 1);
  ferry_sync_set_operation (sync, FERRY_SYNC_OPERATION_DELETE);
  g_assert_cmpuint (counts.notifies, ==, 1);

  /* A refresh with the job now running: still busy, nothing to notify; the operation stays. */
  obj = json_array_get_object_element (json_object_get_array_member (json_node_get_object (root), "secretSyncs"), 0);
  json_object_set_string_member (obj, "syncStatus", "running");
  fresh = parse_syncs (root);
  ferry_resource_store_merge (store, G_LIST_MODEL (fresh));
  g_assert_cmpint (ferry_sync_get_operation (sync), ==, FERRY_SYNC_OPERATION_DELETE);
  g_assert_cmpuint (counts.notifies, ==, 1);

  /* The operation ends while the server still runs the job: busy until the job ends too. */
  ferry_sync_set_operation (sync, FERRY_SYNC_OPERATION_NONE);
  g_assert_true (ferry_sync_get_busy (sync));
  g_assert_cmpuint (counts.notifies, ==, 1);
  g_clear_object (&fresh);
  json_object_set_string_member (obj, "syncStatus", "succeeded");
  fresh = parse_syncs (root);
  ferry_resource_store_merge (store, G_LIST_MODEL (fresh));
  g_assert_false (ferry_sync_get_busy (sync));
  g_assert_cmpuint (counts.notifies, ==, 2);
}

/* json-glib 1.6 reads an octal escape ("\270") as a raw byte: a model string that is
 * not UTF-8 is refused like one of the wrong type, never stored. */
static void
test_not_utf8 (void)
{
  static const char *bad[] = {
    "{\"id\":\"o-1\",\"name\":\"Contoso \\270\",\"slug\":\"contoso\"}",
    "{\"id\":\"o-\\360\",\"name\":\"Contoso\",\"slug\":\"contoso\"}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(FerryOrganization) org = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (json_parser_load_from_data (parser, bad[i], -1, NULL));
      org = ferry_organization_new_from_json (json_node_get_object (json_parser_get_root (parser)), &error);
      g_assert_null (org);
      g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_INVALID_RESPONSE);
    }
}

int
main (int   argc,
      char *argv[])
{
  ferry_test_init (&argc, &argv);

  g_test_add_func ("/models/sync/parse-current", test_sync_parse_current);
  g_test_add_func ("/models/sync/parse-deleted-folder", test_sync_parse_deleted_folder);
  g_test_add_func ("/models/sync/parse-old-build", test_sync_parse_old_build);
  g_test_add_func ("/models/sync/reject", test_sync_reject);
  g_test_add_func ("/models/sync/tolerate", test_sync_tolerate);
  g_test_add_func ("/models/sync/round-trip", test_sync_round_trip);
  g_test_add_func ("/models/sync/properties", test_sync_properties);
  g_test_add_func ("/models/sync/status-strings", test_sync_status_strings);
  g_test_add_func ("/models/connection/parse", test_connection_parse);
  g_test_add_func ("/models/connection/partial", test_connection_partial);
  g_test_add_func ("/models/connection/reject", test_connection_reject);
  g_test_add_func ("/models/connection/bodies", test_connection_bodies);
  g_test_add_func ("/models/project/parse", test_project_parse);
  g_test_add_func ("/models/project/reject", test_project_reject);
  g_test_add_func ("/models/project/merge-environments", test_project_merge_environments);
  g_test_add_func ("/models/folder/parse", test_folder_parse);
  g_test_add_func ("/models/small", test_small_models);
  g_test_add_func ("/models/not-utf8", test_not_utf8);
  g_test_add_func ("/models/store-merge", test_store_merge);
  g_test_add_func ("/models/sync/operation", test_sync_operation);

  return g_test_run ();
}
