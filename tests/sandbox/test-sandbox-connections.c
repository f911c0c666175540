/* test-sandbox-connections.c: Azure DevOps App Connections, options and OAuth redemption.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "sandbox-test-utils.h"

#define DEMO GINT_TO_POINTER (FERRY_SANDBOX_SEED_DEMO)
#define EMPTY GINT_TO_POINTER (FERRY_SANDBOX_SEED_EMPTY)
#define BASE "/api/v1/app-connections/azure-devops"
#define SP_TENANT "8f2b6c1d-3e4a-4b5c-9d6e-7f8a9b0c1d2e"
#define SP_CLIENT "1c9e4a7b-2d3f-4e5a-8b6c-9d0e1f2a3b4c"
#define SP_SECRET "Xy8Q~sandbox.client-secret.contoso0001"

static const char *connection_fields[] = {
  "id", "name", "description", "version", "orgId", "createdAt", "updatedAt", "isPlatformManagedCredentials",
  "gatewayId", "projectId", "isAutoRotationEnabled", "app", "method", "credentials", "credentialsHash", "project",
  NULL,
};

static void
assert_connection (JsonObject *c, const char *method)
{
  for (guint i = 0; connection_fields[i] != NULL; i++)
    g_assert_true (json_object_has_member (c, connection_fields[i]));
  g_assert_true (g_uuid_string_is_valid (json_object_get_string_member (c, "id")));
  g_assert_cmpstr (json_object_get_string_member (c, "app"), ==, "azure-devops");
  g_assert_cmpstr (json_object_get_string_member (c, "method"), ==, method);
  g_assert_false (json_object_get_boolean_member (c, "isPlatformManagedCredentials"));
  g_assert_true (json_object_get_null_member (c, "gatewayId"));
  g_assert_cmpuint (strlen (json_object_get_string_member (c, "credentialsHash")), ==, 64);
  /* Credentials are sanitised: never a PAT, a client secret or a code. */
  g_assert_false (json_object_has_member (json_object_get_object_member (c, "credentials"), "accessToken"));
  g_assert_false (json_object_has_member (json_object_get_object_member (c, "credentials"), "clientSecret"));
  g_assert_false (json_object_has_member (json_object_get_object_member (c, "credentials"), "code"));
}

static char *
pat_body (SbFixture *f, const char *name, const char *extra)
{
  return g_strdup_printf ("{\"method\":\"access-token\",\"name\":\"%s\",\"credentials\":{\"accessToken\":\" %s \",\"orgName\":\"contoso\"}%s}",
                          name, ferry_sandbox_get_devops_pat (f->sandbox, "contoso"), extra ? extra : "");
}

static char *
create_pat (SbFixture *f, const char *name)
{
  g_autofree char *body = pat_body (f, name, NULL);
  g_autoptr(SbResponse) r = sb_request (f, "POST", BASE, f->token, body);

  g_assert_cmpuint (r->status, ==, 200);
  return g_strdup (json_object_get_string_member (sb_resp_member (r, "appConnection"), "id"));
}

static void
test_list_get (SbFixture *f, gconstpointer data)
{
  g_autoptr(SbResponse) list = sb_request (f, "GET", BASE, f->token, NULL);
  g_autoptr(SbResponse) avail = NULL;
  g_autoptr(SbResponse) get = NULL;
  g_autoptr(SbResponse) by_name = sb_request (f, "GET", BASE "/connection-name/contoso-pat", f->token, NULL);
  g_autoptr(SbResponse) no_name = sb_request (f, "GET", BASE "/connection-name/nope", f->token, NULL);
  g_autoptr(SbResponse) bad_id = sb_request (f, "GET", BASE "/not-a-uuid", f->token, NULL);
  g_autoptr(SbResponse) unknown = sb_request (f, "GET", BASE "/6c0f8a43-0000-4000-8000-000000000001", f->token, NULL);
  g_autoptr(SbResponse) all = sb_request (f, "GET", "/api/v1/app-connections", f->token, NULL);
  JsonObject *c, *item;
  const char *id;

  g_assert_cmpuint (list->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (sb_resp_array (list, "appConnections")), ==, 1);
  c = json_array_get_object_element (sb_resp_array (list, "appConnections"), 0);
  assert_connection (c, "access-token");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (c, "credentials"), "orgName"), ==, "contoso");
  id = json_object_get_string_member (c, "id");

  avail = sb_requestf (f, "GET", f->token, NULL, BASE "/available?projectId=%s", ferry_sandbox_get_project_id (f->sandbox, 0));
  g_assert_cmpuint (avail->status, ==, 200);
  item = json_array_get_object_element (sb_resp_array (avail, "appConnections"), 0);
  g_assert_cmpstr (json_object_get_string_member (item, "app"), ==, "azure-devops");
  g_assert_cmpstr (json_object_get_string_member (item, "id"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (item, "name"), ==, "contoso-pat");
  g_assert_true (json_object_has_member (item, "projectId"));
  g_assert_true (json_object_has_member (item, "orgId"));

  get = sb_requestf (f, "GET", f->token, NULL, BASE "/%s", id);
  g_assert_cmpuint (get->status, ==, 200);
  assert_connection (sb_resp_member (get, "appConnection"), "access-token");
  g_assert_cmpuint (by_name->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (sb_resp_member (by_name, "appConnection"), "id"), ==, id);
  sb_assert_error (no_name, 404, "NotFound", NULL);
  sb_assert_issue (bad_id, "connectionId", "invalid_string");
  sb_assert_error (unknown, 404, "NotFound", "Could not find App Connection with ID 6c0f8a43-0000-4000-8000-000000000001");
  g_assert_cmpuint (json_array_get_length (sb_resp_array (all, "appConnections")), ==, 1);
}

static void
test_create_access_token (SbFixture *f, gconstpointer data)
{
  const char *project = ferry_sandbox_get_project_id (f->sandbox, 0);
  g_autofree char *extra = g_strdup_printf (",\"description\":\"  PAT for contoso \",\"projectId\":\"%s\",\"isEnabled\":true", project);
  g_autofree char *body = pat_body (f, "ado-contoso", extra);
  g_autoptr(SbResponse) r = sb_request (f, "POST", BASE, f->token, body);
  g_autoptr(SbResponse) dup = sb_request (f, "POST", BASE, f->token, body);
  g_autoptr(SbResponse) in_project = sb_requestf (f, "GET", f->token, NULL, BASE "?projectId=%s", project);
  g_autoptr(SbResponse) org_level = sb_request (f, "GET", BASE, f->token, NULL);
  g_autoptr(SbResponse) bad_pat = sb_request (f, "POST", BASE, f->token,
                                              "{\"method\":\"access-token\",\"name\":\"x\",\"credentials\":{\"accessToken\":\"nope\",\"orgName\":\"contoso\"}}");
  JsonObject *c, *p;

  g_assert_cmpuint (r->status, ==, 200);
  c = sb_resp_member (r, "appConnection");
  assert_connection (c, "access-token");
  g_assert_cmpstr (json_object_get_string_member (c, "description"), ==, "PAT for contoso");
  g_assert_cmpint (json_object_get_int_member (c, "version"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (c, "projectId"), ==, project);
  g_assert_false (json_object_has_member (c, "isEnabled"));
  p = json_object_get_object_member (c, "project");
  g_assert_cmpstr (json_object_get_string_member (p, "id"), ==, project);
  g_assert_cmpstr (json_object_get_string_member (p, "name"), ==, "Web Storefront");
  g_assert_cmpstr (json_object_get_string_member (p, "type"), ==, "secret-manager");
  g_assert_cmpstr (json_object_get_string_member (p, "slug"), ==, "web-storefront-3k9x");

  sb_assert_error (dup, 400, "BadRequest", "An App Connection with the name \"ado-contoso\" already exists");
  g_assert_cmpuint (json_array_get_length (sb_resp_array (in_project, "appConnections")), ==, 1);
  /* Without projectId: every connection of the organization, the project's one included. */
  g_assert_cmpuint (json_array_get_length (sb_resp_array (org_level, "appConnections")), ==, 2);
  sb_assert_error (bad_pat, 400, "BadRequest",
                   "Failed to validate access token for organization 'contoso': Request failed with status code 401");
}

static void
test_create_client_secret (SbFixture *f, gconstpointer data)
{
  g_autoptr(SbResponse) ok = sb_request (f, "POST", BASE, f->token,
                                         "{\"method\":\"client-secret\",\"name\":\"ado-sp\",\"credentials\":{\"clientId\":\"" SP_CLIENT
                                         "\",\"clientSecret\":\"" SP_SECRET "\",\"tenantId\":\"" SP_TENANT "\",\"orgName\":\"contoso\"}}");
  g_autoptr(SbResponse) wrong = sb_request (f, "POST", BASE, f->token,
                                            "{\"method\":\"client-secret\",\"name\":\"ado-sp2\",\"credentials\":{\"clientId\":\"" SP_CLIENT
                                            "\",\"clientSecret\":\"wrong\",\"tenantId\":\"" SP_TENANT "\",\"orgName\":\"contoso\"}}");
  g_autoptr(SbResponse) invalid = sb_request (f, "POST", BASE, f->token,
                                              "{\"method\":\"client-secret\",\"name\":\"ado-sp3\",\"credentials\":{\"clientId\":\"abc\","
                                              "\"clientSecret\":\"" "012345678901234567890123456789012345678901234567890" "\",\"tenantId\":\"t\",\"orgName\":\"contoso\"}}");
  JsonObject *creds;

  g_assert_cmpuint (ok->status, ==, 200);
  assert_connection (sb_resp_member (ok, "appConnection"), "client-secret");
  creds = json_object_get_object_member (sb_resp_member (ok, "appConnection"), "credentials");
  g_assert_cmpstr (json_object_get_string_member (creds, "clientId"), ==, SP_CLIENT);
  g_assert_cmpstr (json_object_get_string_member (creds, "tenantId"), ==, SP_TENANT);
  g_assert_cmpstr (json_object_get_string_member (creds, "orgName"), ==, "contoso");
  sb_assert_error (wrong, 400, "BadRequest", NULL);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (sb_resp_obj (wrong), "message"),
                                   "Failed to authenticate with Azure DevOps using client credentials: AADSTS7000215"));
  sb_assert_issue (invalid, "credentials.clientId", "invalid_string");
  sb_assert_issue (invalid, "credentials.clientSecret", "too_big");
  sb_assert_issue (invalid, "credentials.tenantId", "invalid_string");
}

static void
test_validation (SbFixture *f, gconstpointer data)
{
  g_autoptr(SbResponse) no_method = sb_request (f, "POST", BASE, f->token, "{\"name\":\"a\"}");
  g_autoptr(SbResponse) bad_name = sb_request (f, "POST", BASE, f->token,
                                               "{\"method\":\"oauth\",\"name\":\"Bad_Name\",\"credentials\":{\"code\":\"c\",\"tenantId\":\"t\",\"orgName\":\"o\"}}");
  g_autoptr(SbResponse) double_hyphen = sb_request (f, "POST", BASE, f->token,
                                                    "{\"method\":\"oauth\",\"name\":\"a--b\",\"credentials\":{\"code\":\"c\",\"tenantId\":\"t\",\"orgName\":\"o\"}}");
  g_autofree char *long_name = g_strnfill (65, 'a');
  g_autofree char *long_body = g_strdup_printf ("{\"method\":\"oauth\",\"name\":\"%s\",\"credentials\":{\"code\":\"c\",\"tenantId\":\"t\",\"orgName\":\"o\"}}", long_name);
  g_autoptr(SbResponse) too_long = sb_request (f, "POST", BASE, f->token, long_body);
  g_autofree char *long_desc = g_strnfill (257, 'd');
  g_autofree char *desc_body = g_strdup_printf ("{\"method\":\"oauth\",\"name\":\"ok\",\"description\":\"%s\",\"credentials\":{\"code\":\"c\",\"tenantId\":\"t\",\"orgName\":\"o\"}}", long_desc);
  g_autoptr(SbResponse) desc = sb_request (f, "POST", BASE, f->token, desc_body);
  g_autoptr(SbResponse) empty_code = sb_request (f, "POST", BASE, f->token,
                                                 "{\"method\":\"oauth\",\"name\":\"ok\",\"credentials\":{\"code\":\"  \",\"tenantId\":\"t\",\"orgName\":\"o\"}}");
  g_autoptr(SbResponse) platform = sb_request (f, "POST", BASE, f->token,
                                               "{\"method\":\"oauth\",\"name\":\"ok\",\"isPlatformManagedCredentials\":true,\"gatewayId\":\"x\",\"credentials\":{\"code\":\"c\",\"tenantId\":\"t\",\"orgName\":\"o\"}}");
  JsonArray *issues;

  sb_assert_issue (no_method, "method", "invalid_union_discriminator");
  issues = json_object_get_array_member (sb_resp_obj (no_method), "message");
  g_assert_cmpuint (json_array_get_length (issues), >=, 1);
  sb_assert_issue (bad_name, "name", "custom");
  g_assert_nonnull (strstr ((const char *) g_bytes_get_data (bad_name->body, NULL),
                            "name field can only contain lowercase letters, numbers, and hyphens"));
  sb_assert_issue (double_hyphen, "name", "custom");
  sb_assert_issue (too_long, "name", "too_big");
  sb_assert_issue (desc, "description", "too_big");
  sb_assert_issue (empty_code, "credentials.code", "too_small");
  sb_assert_issue (platform, "isPlatformManagedCredentials", NULL);
  sb_assert_issue (platform, "gatewayId", NULL);
}

static void
test_patch (SbFixture *f, gconstpointer data)
{
  g_autofree char *id = create_pat (f, "to-patch");
  g_autoptr(SbResponse) before = sb_requestf (f, "GET", f->token, NULL, BASE "/%s", id);
  g_autoptr(SbResponse) renamed = sb_requestf (f, "PATCH", f->token, "{\"name\":\"patched\",\"description\":null}", BASE "/%s", id);
  g_autofree char *creds = g_strdup_printf ("{\"credentials\":{\"accessToken\":\"%s\",\"orgName\":\"contoso\"}}",
                                            ferry_sandbox_add_devops_pat (f->sandbox, "contoso"));
  g_autoptr(SbResponse) new_creds = sb_requestf (f, "PATCH", f->token, creds, BASE "/%s", id);
  g_autoptr(SbResponse) method_change = sb_requestf (f, "PATCH", f->token,
                                                     "{\"credentials\":{\"code\":\"c\",\"tenantId\":\"t\",\"orgName\":\"contoso\"}}", BASE "/%s", id);
  g_autoptr(SbResponse) dup = sb_requestf (f, "PATCH", f->token, "{\"name\":\"contoso-pat\"}", BASE "/%s", id);
  g_autoptr(SbResponse) bad = sb_requestf (f, "PATCH", f->token, "{\"name\":\"UPPER\"}", BASE "/%s", id);
  g_autoptr(SbResponse) project = sb_requestf (f, "PATCH", f->token, "{\"projectId\":\"x\"}", BASE "/%s", id);
  JsonObject *c;

  g_assert_cmpuint (renamed->status, ==, 200);
  c = sb_resp_member (renamed, "appConnection");
  g_assert_cmpstr (json_object_get_string_member (c, "name"), ==, "patched");
  g_assert_true (json_object_get_null_member (c, "description"));
  g_assert_cmpint (json_object_get_int_member (c, "version"), ==, 2);

  g_assert_cmpuint (new_creds->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (sb_resp_member (new_creds, "appConnection"), "credentialsHash"), !=,
                   json_object_get_string_member (sb_resp_member (before, "appConnection"), "credentialsHash"));
  sb_assert_error (method_change, 400, "BadRequest", "Invalid credential format for Azure DevOps Connection with method Access Token");
  sb_assert_error (dup, 400, "BadRequest", "An App Connection with the name \"contoso-pat\" already exists");
  sb_assert_issue (bad, "name", "custom");
  /* PATCH does not accept projectId: unknown keys are dropped. */
  g_assert_cmpuint (project->status, ==, 200);
  g_assert_true (json_object_get_null_member (sb_resp_member (project, "appConnection"), "projectId"));
}

static void
test_delete (SbFixture *f, gconstpointer data)
{
  g_autoptr(SbResponse) list = sb_request (f, "GET", BASE, f->token, NULL);
  const char *used = json_object_get_string_member (json_array_get_object_element (sb_resp_array (list, "appConnections"), 0), "id");
  g_autoptr(SbResponse) refused = sb_requestf (f, "DELETE", f->token, NULL, BASE "/%s", used);
  g_autofree char *id = create_pat (f, "unused");
  g_autoptr(SbResponse) deleted = sb_requestf (f, "DELETE", f->token, NULL, BASE "/%s", id);
  g_autoptr(SbResponse) gone = sb_requestf (f, "GET", f->token, NULL, BASE "/%s", id);

  sb_assert_error (refused, 400, "BadRequest",
                   "Cannot delete App Connection with existing connections. Remove all existing connections and try again.");
  g_assert_cmpuint (deleted->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (sb_resp_member (deleted, "appConnection"), "id"), ==, id);
  sb_assert_error (gone, 404, "NotFound", NULL);
}

static void
test_options (SbFixture *f, gconstpointer data)
{
  g_autoptr(SbResponse) r = sb_request (f, "GET", "/api/v1/app-connections/options?projectType=secret-manager", f->token, NULL);
  g_autoptr(SbResponse) s = sb_request (f, "GET", "/api/v1/secret-syncs/options", f->token, NULL);
  JsonArray *options = sb_resp_array (r, "appConnectionOptions");
  JsonObject *ado = NULL;
  JsonArray *methods;

  for (guint i = 0; i < json_array_get_length (options); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (options, i), "app"), "azure-devops") == 0)
      ado = json_array_get_object_element (options, i);
  g_assert_nonnull (ado);
  g_assert_cmpstr (json_object_get_string_member (ado, "name"), ==, "Azure DevOps");
  g_assert_cmpstr (json_object_get_string_member (ado, "oauthClientId"), ==, ferry_sandbox_get_oauth_client_id (f->sandbox));
  methods = json_object_get_array_member (ado, "methods");
  g_assert_cmpuint (json_array_get_length (methods), ==, 3);
  g_assert_cmpstr (json_array_get_string_element (methods, 0), ==, "oauth");
  g_assert_cmpstr (json_array_get_string_element (methods, 1), ==, "access-token");
  g_assert_cmpstr (json_array_get_string_element (methods, 2), ==, "client-secret");

  options = sb_resp_array (s, "secretSyncOptions");
  ado = NULL;
  for (guint i = 0; i < json_array_get_length (options); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (options, i), "destination"), "azure-devops") == 0)
      ado = json_array_get_object_element (options, i);
  g_assert_nonnull (ado);
  g_assert_cmpstr (json_object_get_string_member (ado, "name"), ==, "Azure DevOps");
  g_assert_cmpstr (json_object_get_string_member (ado, "connection"), ==, "azure-devops");
  g_assert_false (json_object_get_boolean_member (ado, "canImportSecrets"));
}

static void
test_devops_projects (SbFixture *f, gconstpointer data)
{
  g_autoptr(SbResponse) list = sb_request (f, "GET", BASE, f->token, NULL);
  const char *id = json_object_get_string_member (json_array_get_object_element (sb_resp_array (list, "appConnections"), 0), "id");
  g_autoptr(SbResponse) as_user = sb_requestf (f, "GET", f->user_jwt, NULL, BASE "/%s/projects", id);
  g_autoptr(SbResponse) as_identity = sb_requestf (f, "GET", f->token, NULL, BASE "/%s/projects", id);
  g_autoptr(SbResponse) revoked = NULL;
  g_autofree char *forbidden = g_strdup_printf ("Forbidden access to " BASE "/%s/projects", id);
  JsonArray *projects;
  gboolean saw_fabrikam = FALSE;

  g_assert_cmpuint (as_user->status, ==, 200);
  projects = sb_resp_array (as_user, "projects");
  g_assert_cmpuint (json_array_get_length (projects), ==, 3);
  for (guint i = 0; i < json_array_get_length (projects); i++)
    {
      JsonObject *p = json_array_get_object_element (projects, i);

      g_assert_cmpstr (json_object_get_string_member (p, "id"), ==, json_object_get_string_member (p, "appId"));
      g_assert_cmpuint (json_object_get_size (p), ==, 3);
      if (g_strcmp0 (json_object_get_string_member (p, "name"), "Fabrikam Fiber") == 0)
        saw_fabrikam = TRUE;
    }
  g_assert_true (saw_fabrikam);
  sb_assert_error (as_identity, 403, forbidden, "You are not allowed to access this resource");

  ferry_sandbox_revoke_devops_pat (f->sandbox, ferry_sandbox_get_devops_pat (f->sandbox, "contoso"));
  revoked = sb_requestf (f, "GET", f->user_jwt, NULL, BASE "/%s/projects", id);
  sb_assert_error (revoked, 500, "InternalServerError", "Something went wrong");
}

/* Credential rotation, platform-managed credentials and gateways are refused with zod's issues
 * for GenericCreateAppConnectionFieldsSchema without support (app-connection-schemas.ts). */
static void
test_unsupported_fields (SbFixture *f, gconstpointer data)
{
  g_autofree char *b1 = pat_body (f, "rotating", ",\"isAutoRotationEnabled\":true");
  g_autofree char *b2 = pat_body (f, "rotating", ",\"rotation\":{\"rotationInterval\":30,\"rotateAtUtc\":{\"hours\":2,\"minutes\":0}}");
  g_autofree char *b3 = pat_body (f, "fine", ",\"isAutoRotationEnabled\":false,\"rotation\":null,\"gatewayId\":null,\"isPlatformManagedCredentials\":false");
  g_autoptr(SbResponse) auto_rotation = sb_request (f, "POST", BASE, f->token, b1);
  g_autoptr(SbResponse) rotation = sb_request (f, "POST", BASE, f->token, b2);
  g_autoptr(SbResponse) fine = sb_request (f, "POST", BASE, f->token, b3);
  g_autoptr(SbResponse) patch = NULL;
  JsonObject *issue, *inner;
  JsonArray *union_errors;

  sb_assert_issue (auto_rotation, "isAutoRotationEnabled", "invalid_literal");
  issue = json_array_get_object_element (json_object_get_array_member (sb_resp_obj (auto_rotation), "message"), 0);
  g_assert_cmpstr (json_object_get_string_member (issue, "message"), ==, "Not supported for Azure DevOps Connections");
  g_assert_true (json_object_get_boolean_member (issue, "received"));
  g_assert_false (json_object_get_boolean_member (issue, "expected"));

  /* A union of undefined and null: "Invalid input", the reason inside unionErrors. */
  sb_assert_issue (rotation, "rotation", "invalid_union");
  issue = json_array_get_object_element (json_object_get_array_member (sb_resp_obj (rotation), "message"), 0);
  g_assert_cmpstr (json_object_get_string_member (issue, "message"), ==, "Invalid input");
  union_errors = json_object_get_array_member (issue, "unionErrors");
  g_assert_cmpuint (json_array_get_length (union_errors), ==, 2);
  inner = json_array_get_object_element (json_object_get_array_member (json_array_get_object_element (union_errors, 0), "issues"), 0);
  g_assert_cmpstr (json_object_get_string_member (inner, "message"), ==, "Not supported for Azure DevOps Connections");
  g_assert_cmpstr (json_object_get_string_member (inner, "expected"), ==, "undefined");
  g_assert_cmpstr (json_object_get_string_member (inner, "received"), ==, "object");
  inner = json_array_get_object_element (json_object_get_array_member (json_array_get_object_element (union_errors, 1), "issues"), 0);
  g_assert_cmpstr (json_object_get_string_member (inner, "expected"), ==, "null");

  g_assert_cmpuint (fine->status, ==, 200);
  g_assert_false (json_object_get_boolean_member (sb_resp_member (fine, "appConnection"), "isAutoRotationEnabled"));
  /* The update schema has no rotation fields: they are dropped, not refused. */
  patch = sb_requestf (f, "PATCH", f->token, "{\"isAutoRotationEnabled\":true,\"description\":\"d\"}", BASE "/%s",
                       json_object_get_string_member (sb_resp_member (fine, "appConnection"), "id"));
  g_assert_cmpuint (patch->status, ==, 200);
  g_assert_false (json_object_get_boolean_member (sb_resp_member (patch, "appConnection"), "isAutoRotationEnabled"));
}

static void
test_scope (SbFixture *f, gconstpointer data)
{
  const char *web = ferry_sandbox_get_project_id (f->sandbox, 0);
  const char *data_platform = ferry_sandbox_get_project_id (f->sandbox, 2);
  g_autofree char *in_web = g_strdup_printf (",\"projectId\":\"%s\"", web);
  g_autofree char *b1 = pat_body (f, "web-only", in_web);
  g_autofree char *b2 = pat_body (f, "nowhere", ",\"projectId\":\"0e0c8b1a-0000-4000-8000-000000000000\"");
  g_autoptr(SbResponse) created = sb_request (f, "POST", BASE, f->token, b1);
  g_autoptr(SbResponse) unknown_project = sb_request (f, "POST", BASE, f->token, b2);
  g_autoptr(SbResponse) org = sb_request (f, "GET", BASE, f->token, NULL);
  g_autoptr(SbResponse) web_list = sb_requestf (f, "GET", f->token, NULL, BASE "?projectId=%s", web);
  g_autoptr(SbResponse) other_list = sb_requestf (f, "GET", f->token, NULL, BASE "?projectId=%s", data_platform);
  g_autoptr(SbResponse) web_avail = sb_requestf (f, "GET", f->token, NULL, BASE "/available?projectId=%s", web);
  g_autoptr(SbResponse) other_avail = sb_requestf (f, "GET", f->token, NULL, BASE "/available?projectId=%s", data_platform);
  g_autoptr(SbResponse) org_avail = sb_request (f, "GET", BASE "/available", f->token, NULL);
  g_autoptr(SbResponse) bad_avail = sb_request (f, "GET", BASE "/available?projectId=0e0c8b1a-0000-4000-8000-000000000000", f->token, NULL);
  g_autoptr(SbResponse) by_name_org = sb_request (f, "GET", BASE "/connection-name/web-only", f->token, NULL);
  g_autoptr(SbResponse) by_name_project = sb_requestf (f, "GET", f->token, NULL, BASE "/connection-name/web-only?projectId=%s", web);
  g_autoptr(SbResponse) cross = NULL;
  g_autofree char *sync = NULL;
  const char *id;

  g_assert_cmpuint (created->status, ==, 200);
  id = json_object_get_string_member (sb_resp_member (created, "appConnection"), "id");
  sb_assert_error (unknown_project, 400, "BadRequest", "Could not find project with ID 0e0c8b1a-0000-4000-8000-000000000000");
  /* The organization's list has every connection; a project's only its own. */
  g_assert_cmpuint (json_array_get_length (sb_resp_array (org, "appConnections")), ==, 2);
  g_assert_cmpuint (json_array_get_length (sb_resp_array (web_list, "appConnections")), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (sb_resp_array (web_list, "appConnections"), 0), "id"), ==, id);
  g_assert_cmpuint (json_array_get_length (sb_resp_array (other_list, "appConnections")), ==, 0);
  /* What a project may use: its own and the organization's. */
  g_assert_cmpuint (json_array_get_length (sb_resp_array (web_avail, "appConnections")), ==, 2);
  g_assert_cmpuint (json_array_get_length (sb_resp_array (other_avail, "appConnections")), ==, 1);
  g_assert_cmpuint (json_array_get_length (sb_resp_array (org_avail, "appConnections")), ==, 1);
  sb_assert_error (bad_avail, 400, "BadRequest", "Could not find project with ID 0e0c8b1a-0000-4000-8000-000000000000");
  /* Names are looked up in one scope. */
  sb_assert_error (by_name_org, 404, "NotFound", "Could not find App Connection with name web-only in organization scope.");
  g_assert_cmpuint (by_name_project->status, ==, 200);

  /* Another project cannot use it. */
  sync = g_strdup_printf ("{\"name\":\"borrowed\",\"projectId\":\"%s\",\"connectionId\":\"%s\",\"environment\":\"dev\","
                          "\"secretPath\":\"/\",\"syncOptions\":{\"initialSyncBehavior\":\"overwrite-destination\"},"
                          "\"destinationConfig\":{\"devopsProjectId\":\"%s\"}}", data_platform, id,
                          ferry_sandbox_get_devops_project_id (f->sandbox, "contoso", "Internal Tools"));
  cross = sb_request (f, "POST", "/api/v1/secret-syncs/azure-devops", f->token, sync);
  {
    g_autofree char *expected = g_strdup_printf ("You cannot connect project App Connection with ID \"%s\" from project with ID "
                                                 "\"%s\" to project with ID \"%s\"", id, web, data_platform);

    sb_assert_error (cross, 400, "BadRequest", expected);
  }
}

/* The syncs of every project keep a connection (upstream: a foreign-key violation). */
static void
test_delete_in_use_elsewhere (SbFixture *f, gconstpointer data)
{
  g_autoptr(SbResponse) web = sb_requestf (f, "GET", f->token, NULL, "/api/v1/secret-syncs/azure-devops?projectId=%s",
                                           ferry_sandbox_get_project_id (f->sandbox, 0));
  JsonObject *web_sync = json_array_get_object_element (sb_resp_array (web, "secretSyncs"), 0);
  const char *conn = json_object_get_string_member (web_sync, "connectionId");
  g_autoptr(SbResponse) drop_web = sb_requestf (f, "DELETE", f->token, NULL, "/api/v1/secret-syncs/azure-devops/%s",
                                                json_object_get_string_member (web_sync, "id"));
  g_autoptr(SbResponse) refused = sb_requestf (f, "DELETE", f->token, NULL, BASE "/%s", conn);
  g_autoptr(SbResponse) pay = sb_requestf (f, "GET", f->token, NULL, "/api/v1/secret-syncs/azure-devops?projectId=%s",
                                           ferry_sandbox_get_project_id (f->sandbox, 1));
  g_autoptr(SbResponse) removing = NULL;
  g_autoptr(SbResponse) still_refused = NULL;
  g_autoptr(SbResponse) again = NULL;
  g_autoptr(SbResponse) drop_pay = NULL;
  g_autoptr(SbResponse) deleted = NULL;
  g_autofree char *gone = NULL;
  const char *pay_id;

  g_assert_cmpuint (drop_web->status, ==, 200);
  /* The Web Storefront sync is gone; Payments API's still uses the connection. */
  sb_assert_error (refused, 400, "BadRequest",
                   "Cannot delete App Connection with existing connections. Remove all existing connections and try again.");
  pay_id = json_object_get_string_member (json_array_get_object_element (sb_resp_array (pay, "secretSyncs"), 0), "id");

  /* A sync waiting for its remove job still holds it. */
  ferry_sandbox_set_job_delay (f->sandbox, 150);
  removing = sb_requestf (f, "DELETE", f->token, NULL, "/api/v1/secret-syncs/azure-devops/%s?removeSecrets=true", pay_id);
  g_assert_cmpuint (removing->status, ==, 200);
  still_refused = sb_requestf (f, "DELETE", f->token, NULL, BASE "/%s", conn);
  sb_assert_error (still_refused, 400, "BadRequest", NULL);
  gone = sb_wait_sync_status (f, pay_id, "removeStatus");
  /* Its Azure DevOps project was deleted, so the remove fails and the sync stays… */
  g_assert_cmpstr (gone, ==, "failed");
  again = sb_requestf (f, "DELETE", f->token, NULL, BASE "/%s", conn);
  sb_assert_error (again, 400, "BadRequest", NULL);
  /* …until it is deleted without removing; then the connection can go. */
  drop_pay = sb_requestf (f, "DELETE", f->token, NULL, "/api/v1/secret-syncs/azure-devops/%s?removeSecrets=false", pay_id);
  g_assert_cmpuint (drop_pay->status, ==, 200);
  deleted = sb_requestf (f, "DELETE", f->token, NULL, BASE "/%s", conn);
  g_assert_cmpuint (deleted->status, ==, 200);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn, seed) g_test_add (path, SbFixture, seed, sb_fixture_setup, fn, sb_fixture_teardown)
  ADD ("/sandbox/connections/list-get", test_list_get, DEMO);
  ADD ("/sandbox/connections/create-access-token", test_create_access_token, DEMO);
  ADD ("/sandbox/connections/create-client-secret", test_create_client_secret, EMPTY);
  ADD ("/sandbox/connections/validation", test_validation, EMPTY);
  ADD ("/sandbox/connections/patch", test_patch, DEMO);
  ADD ("/sandbox/connections/delete", test_delete, DEMO);
  ADD ("/sandbox/connections/options", test_options, EMPTY);
  ADD ("/sandbox/connections/devops-projects", test_devops_projects, DEMO);
  ADD ("/sandbox/connections/unsupported-fields", test_unsupported_fields, EMPTY);
  ADD ("/sandbox/connections/scope", test_scope, DEMO);
  ADD ("/sandbox/connections/delete-in-use-elsewhere", test_delete_in_use_elsewhere, DEMO);
  return g_test_run ();
}
