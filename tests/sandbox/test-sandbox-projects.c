/* test-sandbox-projects.c: projects (and the workspace alias), folders v1/v2, secrets.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "sandbox-test-utils.h"

#define DEMO GINT_TO_POINTER (FERRY_SANDBOX_SEED_DEMO)
#define EMPTY GINT_TO_POINTER (FERRY_SANDBOX_SEED_EMPTY)

static const char *project_fields[] = {
  "id", "_id", "name", "slug", "description", "type", "defaultProduct", "autoCapitalization", "orgId",
  "createdAt", "updatedAt", "version", "upgradeStatus", "pitVersionLimit", "kmsCertificateKeyId",
  "auditLogsRetentionDays", "hasDeleteProtection", "secretSharing", "showSnapshotsLegacy",
  "secretDetectionIgnoreValues", "enforceEncryptedSecretManagerSecretMetadata", "environments", NULL,
};

static void
assert_project (JsonObject *p)
{
  JsonArray *envs;
  const char *names[] = { "Development", "Staging", "Production" };
  const char *slugs[] = { "dev", "staging", "prod" };

  for (guint i = 0; project_fields[i] != NULL; i++)
    g_assert_true (json_object_has_member (p, project_fields[i]));
  g_assert_cmpstr (json_object_get_string_member (p, "type"), ==, "secret-manager");
  envs = json_object_get_array_member (p, "environments");
  g_assert_cmpuint (json_array_get_length (envs), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      JsonObject *e = json_array_get_object_element (envs, i);

      g_assert_cmpstr (json_object_get_string_member (e, "name"), ==, names[i]);
      g_assert_cmpstr (json_object_get_string_member (e, "slug"), ==, slugs[i]);
      g_assert_true (g_uuid_string_is_valid (json_object_get_string_member (e, "id")));
    }
}

static void
test_list (SbFixture *f, gconstpointer data)
{
  g_autoptr(SbResponse) r = sb_request (f, "GET", "/api/v1/projects?type=secret-manager&includeRoles=false", f->token, NULL);
  g_autoptr(SbResponse) ws = sb_request (f, "GET", "/api/v1/workspace", f->user_jwt, NULL);
  g_autoptr(SbResponse) kms = sb_request (f, "GET", "/api/v1/projects?type=kms", f->token, NULL);
  g_autoptr(SbResponse) bad = sb_request (f, "GET", "/api/v1/projects?type=nope", f->token, NULL);
  JsonArray *projects;
  const char *names[] = { "Web Storefront", "Payments API", "Data Platform" };

  g_assert_cmpuint (r->status, ==, 200);
  projects = sb_resp_array (r, "projects");
  g_assert_cmpuint (json_array_get_length (projects), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      JsonObject *p = json_array_get_object_element (projects, i);

      g_assert_cmpstr (json_object_get_string_member (p, "name"), ==, names[i]);
      g_assert_cmpstr (json_object_get_string_member (p, "id"), ==, ferry_sandbox_get_project_id (f->sandbox, i));
      assert_project (p);
    }
  g_assert_cmpuint (ws->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (sb_resp_array (ws, "workspaces")), ==, 3);
  g_assert_cmpuint (json_array_get_length (sb_resp_array (kms, "projects")), ==, 0);
  sb_assert_issue (bad, "type", "invalid_enum_value");
}

static void
test_get (SbFixture *f, gconstpointer data)
{
  const char *id = ferry_sandbox_get_project_id (f->sandbox, 1);
  g_autoptr(SbResponse) p = sb_requestf (f, "GET", f->token, NULL, "/api/v1/projects/%s", id);
  g_autoptr(SbResponse) w = sb_requestf (f, "GET", f->token, NULL, "/api/v1/workspace/%s", id);
  g_autoptr(SbResponse) s = sb_request (f, "GET", "/api/v1/projects/slug/payments-api-7f2m", f->token, NULL);
  g_autoptr(SbResponse) missing = sb_request (f, "GET", "/api/v1/projects/5b0e6a5e-0000-4000-8000-000000000000", f->token, NULL);

  g_assert_cmpuint (p->status, ==, 200);
  assert_project (sb_resp_member (p, "project"));
  g_assert_cmpstr (json_object_get_string_member (sb_resp_member (p, "project"), "name"), ==, "Payments API");
  assert_project (sb_resp_member (w, "workspace"));
  g_assert_cmpuint (s->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (sb_resp_obj (s), "id"), ==, id);
  sb_assert_error (missing, 404, "NotFound", NULL);
}

static gboolean
has_folder (JsonArray *folders, const char *name, const char *relative)
{
  for (guint i = 0; i < json_array_get_length (folders); i++)
    {
      JsonObject *f = json_array_get_object_element (folders, i);

      if (g_strcmp0 (json_object_get_string_member (f, "name"), name) == 0
          && (relative == NULL || g_strcmp0 (json_object_get_string_member (f, "relativePath"), relative) == 0))
        return TRUE;
    }
  return FALSE;
}

static void
test_folders (SbFixture *f, gconstpointer data)
{
  const char *id = ferry_sandbox_get_project_id (f->sandbox, 0);
  g_autoptr(SbResponse) v1 = sb_requestf (f, "GET", f->token, NULL, "/api/v1/folders?workspaceId=%s&environment=dev", id);
  g_autoptr(SbResponse) v1d = sb_requestf (f, "GET", f->token, NULL, "/api/v1/folders?workspaceId=%s&environment=dev&directory=/backend", id);
  g_autoptr(SbResponse) v2 = sb_requestf (f, "GET", f->token, NULL, "/api/v2/folders?projectId=%s&environment=prod&path=/&recursive=true", id);
  g_autoptr(SbResponse) v2nopath = sb_requestf (f, "GET", f->token, NULL, "/api/v2/folders?projectId=%s&environment=prod", id);
  g_autoptr(SbResponse) badenv = sb_requestf (f, "GET", f->token, NULL, "/api/v2/folders?projectId=%s&environment=qa&path=/", id);
  g_autoptr(SbResponse) missing_path = sb_requestf (f, "GET", f->token, NULL, "/api/v2/folders?projectId=%s&environment=prod&path=/nope", id);
  JsonArray *folders;
  JsonObject *first;
  const char *fields[] = { "id", "name", "version", "createdAt", "updatedAt", "envId", "parentId", "isReserved",
                           "description", "lastSecretModified", NULL };

  g_assert_cmpuint (v1->status, ==, 200);
  folders = sb_resp_array (v1, "folders");
  g_assert_cmpuint (json_array_get_length (folders), ==, 2);
  g_assert_true (has_folder (folders, "backend", NULL));
  g_assert_true (has_folder (folders, "frontend", NULL));
  first = json_array_get_object_element (folders, 0);
  for (guint i = 0; fields[i]; i++)
    g_assert_true (json_object_has_member (first, fields[i]));
  g_assert_false (json_object_has_member (first, "relativePath"));

  g_assert_true (has_folder (sb_resp_array (v1d, "folders"), "api", NULL));
  g_assert_cmpuint (json_array_get_length (sb_resp_array (v1d, "folders")), ==, 1);

  folders = sb_resp_array (v2, "folders");
  g_assert_cmpuint (json_array_get_length (folders), ==, 3);
  g_assert_true (has_folder (folders, "api", "/backend/api"));

  sb_assert_issue (v2nopath, "path", NULL);
  sb_assert_error (badenv, 404, "NotFound", NULL);
  g_assert_cmpuint (missing_path->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (sb_resp_array (missing_path, "folders")), ==, 0);
}

static void
test_folder_write (SbFixture *f, gconstpointer data)
{
  const char *id = ferry_sandbox_get_project_id (f->sandbox, 2);
  g_autofree char *body = g_strdup_printf ("{\"workspaceId\":\"%s\",\"environment\":\"staging\",\"path\":\"/warehouse\",\"name\":\"reports\"}", id);
  g_autofree char *del = g_strdup_printf ("{\"workspaceId\":\"%s\",\"environment\":\"staging\",\"path\":\"/warehouse\"}", id);
  g_autoptr(SbResponse) created = sb_request (f, "POST", "/api/v1/folders", f->token, body);
  g_autoptr(SbResponse) dup = sb_request (f, "POST", "/api/v1/folders", f->token, body);
  g_autoptr(SbResponse) list = NULL;
  g_autoptr(SbResponse) deleted = NULL;
  g_autoptr(SbResponse) after = NULL;

  g_assert_cmpuint (created->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (sb_resp_member (created, "folder"), "name"), ==, "reports");
  sb_assert_error (dup, 400, "BadRequest", NULL);
  list = sb_requestf (f, "GET", f->token, NULL, "/api/v2/folders?projectId=%s&environment=staging&path=/warehouse", id);
  g_assert_true (has_folder (sb_resp_array (list, "folders"), "reports", NULL));
  deleted = sb_request (f, "DELETE", "/api/v1/folders/reports", f->token, del);
  g_assert_cmpuint (deleted->status, ==, 200);
  after = sb_requestf (f, "GET", f->token, NULL, "/api/v2/folders?projectId=%s&environment=staging&path=/warehouse", id);
  g_assert_false (has_folder (sb_resp_array (after, "folders"), "reports", NULL));
}

static JsonObject *
find_secret (JsonArray *secrets, const char *key)
{
  for (guint i = 0; i < json_array_get_length (secrets); i++)
    {
      JsonObject *s = json_array_get_object_element (secrets, i);

      if (g_strcmp0 (json_object_get_string_member (s, "secretKey"), key) == 0)
        return s;
    }
  return NULL;
}

static void
test_secrets (SbFixture *f, gconstpointer data)
{
  const char *id = ferry_sandbox_get_project_id (f->sandbox, 0);
  g_autoptr(SbResponse) hidden = sb_requestf (f, "GET", f->token, NULL,
                                              "/api/v3/secrets/raw?workspaceId=%s&environment=prod&secretPath=/backend/api&viewSecretValue=false", id);
  g_autoptr(SbResponse) shown = sb_requestf (f, "GET", f->token, NULL,
                                             "/api/v3/secrets/raw?workspaceId=%s&environment=prod&secretPath=/backend/api", id);
  g_autoptr(SbResponse) missing = sb_requestf (f, "GET", f->token, NULL,
                                               "/api/v3/secrets/raw?workspaceId=%s&environment=prod&secretPath=/nope", id);
  g_autofree char *body = g_strdup_printf ("{\"workspaceId\":\"%s\",\"environment\":\"prod\",\"secretPath\":\"/backend/api\",\"secretValue\":\"v1\"}", id);
  g_autoptr(SbResponse) created = sb_request (f, "POST", "/api/v3/secrets/raw/NEW_KEY", f->token, body);
  g_autoptr(SbResponse) after = NULL;
  JsonObject *s;
  const char *fields[] = { "id", "secretKey", "secretValue", "type", "environment", "secretPath", "version",
                           "workspace", "secretValueHidden", "createdAt", "updatedAt", NULL };

  g_assert_cmpuint (hidden->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (sb_resp_array (hidden, "imports")), ==, 0);
  s = find_secret (sb_resp_array (hidden, "secrets"), "API_KEY");
  g_assert_nonnull (s);
  for (guint i = 0; fields[i]; i++)
    g_assert_true (json_object_has_member (s, fields[i]));
  g_assert_cmpstr (json_object_get_string_member (s, "secretValue"), !=, "sk_prod_51Hx7a9F");
  g_assert_true (json_object_get_boolean_member (s, "secretValueHidden"));
  g_assert_cmpstr (json_object_get_string_member (s, "environment"), ==, "prod");
  g_assert_cmpstr (json_object_get_string_member (s, "secretPath"), ==, "/backend/api");
  g_assert_cmpstr (json_object_get_string_member (s, "type"), ==, "shared");

  s = find_secret (sb_resp_array (shown, "secrets"), "API_KEY");
  g_assert_cmpstr (json_object_get_string_member (s, "secretValue"), ==, "sk_prod_51Hx7a9F");
  sb_assert_error (missing, 404, "NotFound", NULL);

  g_assert_cmpuint (created->status, ==, 200);
  after = sb_requestf (f, "GET", f->token, NULL,
                       "/api/v3/secrets/raw?workspaceId=%s&environment=prod&secretPath=/backend/api", id);
  g_assert_cmpstr (json_object_get_string_member (find_secret (sb_resp_array (after, "secrets"), "NEW_KEY"), "secretValue"), ==, "v1");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn, seed) g_test_add (path, SbFixture, seed, sb_fixture_setup, fn, sb_fixture_teardown)
  ADD ("/sandbox/projects/list", test_list, DEMO);
  ADD ("/sandbox/projects/get", test_get, DEMO);
  ADD ("/sandbox/projects/folders", test_folders, DEMO);
  ADD ("/sandbox/projects/folder-write", test_folder_write, DEMO);
  ADD ("/sandbox/projects/secrets", test_secrets, DEMO);
  return g_test_run ();
}
