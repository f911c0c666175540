/* test-sandbox-syncs.c: Secret Syncs, the job lifecycle and the Azure DevOps effects.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "sandbox-test-utils.h"

#define DEMO GINT_TO_POINTER (FERRY_SANDBOX_SEED_DEMO)
#define BASE "/api/v1/secret-syncs/azure-devops"

static const char *sync_fields[] = {
  "id", "name", "description", "isAutoSyncEnabled", "version", "projectId", "folderId", "connectionId",
  "createdAt", "updatedAt", "syncStatus", "lastSyncJobId", "lastSyncMessage", "lastSyncedAt", "importStatus",
  "lastImportJobId", "lastImportMessage", "lastImportedAt", "removeStatus", "lastRemoveJobId",
  "lastRemoveMessage", "lastRemovedAt", "destination", "destinationConfig", "syncOptions", "connection",
  "environment", "folder", NULL,
};

static void
assert_sync (JsonObject *s)
{
  for (guint i = 0; sync_fields[i] != NULL; i++)
    if (!json_object_has_member (s, sync_fields[i]))
      g_error ("secretSync.%s missing", sync_fields[i]);
  g_assert_cmpstr (json_object_get_string_member (s, "destination"), ==, "azure-devops");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (s, "connection"), "app"), ==, "azure-devops");
}

static const char *
connection_id (SbFixture *f)
{
  static char id[64];
  g_autoptr(SbResponse) r = sb_request (f, "GET", "/api/v1/app-connections/azure-devops", f->token, NULL);

  g_strlcpy (id, json_object_get_string_member (json_array_get_object_element (sb_resp_array (r, "appConnections"), 0), "id"), sizeof id);
  return id;
}

static const char *
devops (SbFixture *f, const char *name)
{
  return ferry_sandbox_get_devops_project_id (f->sandbox, "contoso", name);
}

static char *
sync_body (SbFixture *f, const char *name, const char *env, const char *path, const char *key_schema,
           const char *devops_project, gboolean auto_sync)
{
  g_autofree char *schema = key_schema ? g_strdup_printf (",\"keySchema\":\"%s\"", key_schema) : g_strdup ("");

  return g_strdup_printf ("{\"name\":\"%s\",\"projectId\":\"%s\",\"connectionId\":\"%s\",\"environment\":\"%s\","
                          "\"secretPath\":\"%s\",\"isAutoSyncEnabled\":%s,\"syncOptions\":{\"initialSyncBehavior\":"
                          "\"overwrite-destination\"%s},\"destinationConfig\":{\"devopsProjectId\":\"%s\","
                          "\"devopsProjectName\":\"whatever\"}}",
                          name, ferry_sandbox_get_project_id (f->sandbox, 0), connection_id (f), env, path,
                          auto_sync ? "true" : "false", schema, devops_project);
}

static char *
create_sync (SbFixture *f, const char *name, const char *env, const char *path, const char *key_schema,
             const char *devops_project, gboolean auto_sync)
{
  g_autofree char *body = sync_body (f, name, env, path, key_schema, devops_project, auto_sync);
  g_autoptr(SbResponse) r = sb_request (f, "POST", BASE, f->token, body);

  if (r->status != 200)
    g_error ("create failed: %s", (const char *) g_bytes_get_data (r->body, NULL));
  return g_strdup (json_object_get_string_member (sb_resp_member (r, "secretSync"), "id"));
}

static JsonObject *
group_named (JsonNode *groups, const char *name)
{
  JsonArray *array = json_node_get_array (groups);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *g = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (g, "name"), name) == 0)
        return g;
    }
  return NULL;
}

static void
test_list_get (SbFixture *f, gconstpointer data)
{
  const char *project = ferry_sandbox_get_project_id (f->sandbox, 0);
  g_autoptr(SbResponse) list = sb_requestf (f, "GET", f->token, NULL, BASE "?projectId=%s", project);
  g_autoptr(SbResponse) all = sb_requestf (f, "GET", f->token, NULL, "/api/v1/secret-syncs?projectId=%s", project);
  g_autoptr(SbResponse) no_project = sb_request (f, "GET", BASE, f->token, NULL);
  g_autoptr(SbResponse) get = NULL;
  g_autoptr(SbResponse) by_name = sb_requestf (f, "GET", f->token, NULL, BASE "/sync-name/web-prod-to-contoso-web?projectId=%s", project);
  g_autoptr(SbResponse) bad_id = sb_request (f, "GET", BASE "/nope", f->token, NULL);
  g_autoptr(SbResponse) missing = sb_request (f, "GET", BASE "/0e0c8b1a-0000-4000-8000-000000000000", f->token, NULL);
  g_autoptr(SbResponse) failed = sb_requestf (f, "GET", f->token, NULL, BASE "?projectId=%s", ferry_sandbox_get_project_id (f->sandbox, 1));
  JsonObject *s, *env, *folder;
  const char *id;

  g_assert_cmpuint (list->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (sb_resp_array (list, "secretSyncs")), ==, 1);
  s = json_array_get_object_element (sb_resp_array (list, "secretSyncs"), 0);
  assert_sync (s);
  g_assert_cmpstr (json_object_get_string_member (s, "syncStatus"), ==, "succeeded");
  env = json_object_get_object_member (s, "environment");
  g_assert_cmpstr (json_object_get_string_member (env, "slug"), ==, "prod");
  g_assert_cmpstr (json_object_get_string_member (env, "name"), ==, "Production");
  folder = json_object_get_object_member (s, "folder");
  g_assert_cmpstr (json_object_get_string_member (folder, "path"), ==, "/");
  id = json_object_get_string_member (s, "id");
  g_assert_cmpuint (json_array_get_length (sb_resp_array (all, "secretSyncs")), ==, 1);
  sb_assert_issue (no_project, "projectId", NULL);

  get = sb_requestf (f, "GET", f->token, NULL, BASE "/%s", id);
  assert_sync (sb_resp_member (get, "secretSync"));
  g_assert_cmpstr (json_object_get_string_member (sb_resp_member (by_name, "secretSync"), "id"), ==, id);
  sb_assert_issue (bad_id, "syncId", "invalid_string");
  sb_assert_error (missing, 404, "NotFound", "Could not find Azure DevOps Sync with ID \"0e0c8b1a-0000-4000-8000-000000000000\"");

  s = json_array_get_object_element (sb_resp_array (failed, "secretSyncs"), 0);
  g_assert_cmpstr (json_object_get_string_member (s, "syncStatus"), ==, "failed");
  g_assert_nonnull (strstr (json_object_get_string_member (s, "lastSyncMessage"), "TF200016"));
}

static void
test_lifecycle (SbFixture *f, gconstpointer data)
{
  const char *dp = devops (f, "Internal Tools");
  g_autofree char *body = sync_body (f, "web-dev-tools", "dev", "/backend/api/", "{{environment}}_{{secretKey}}", dp, TRUE);
  g_autoptr(SbResponse) created = NULL;
  JsonObject *s;

  /* Long enough phases that the second trigger surely lands while the job runs. */
  ferry_sandbox_set_job_delay (f->sandbox, 500);
  created = sb_request (f, "POST", BASE, f->token, body);
  s = sb_resp_member (created, "secretSync");
  g_autofree char *id = g_strdup (json_object_get_string_member (s, "id"));
  g_autoptr(SbResponse) busy = NULL;
  g_autoptr(SbResponse) final = NULL;
  g_autofree char *status = NULL;
  g_autoptr(JsonNode) groups = NULL;
  JsonObject *group, *vars, *ref;

  g_assert_cmpuint (created->status, ==, 200);
  assert_sync (s);
  g_assert_cmpstr (json_object_get_string_member (s, "syncStatus"), ==, "pending");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (s, "folder"), "path"), ==, "/backend/api");
  busy = sb_requestf (f, "POST", f->token, NULL, BASE "/%s/sync-secrets", id);
  sb_assert_error (busy, 400, "BadRequest", "A job for this sync is already in progress. Please try again shortly.");

  status = sb_wait_sync_status (f, id, "syncStatus");
  g_assert_cmpstr (status, ==, "succeeded");
  final = sb_requestf (f, "GET", f->token, NULL, BASE "/%s", id);
  s = sb_resp_member (final, "secretSync");
  g_assert_true (g_uuid_string_is_valid (json_object_get_string_member (s, "lastSyncJobId")));
  g_assert_true (json_object_get_null_member (s, "lastSyncMessage"));
  g_assert_false (json_object_get_null_member (s, "lastSyncedAt"));

  /* The group is named after the environment's display name; keys follow the schema with
   * {{environment}} = slug; every variable is secret. */
  groups = ferry_sandbox_get_variable_groups (f->sandbox, "contoso", dp);
  group = group_named (groups, "Development");
  g_assert_nonnull (group);
  g_assert_null (group_named (groups, "dev"));
  vars = json_object_get_object_member (group, "variables");
  g_assert_cmpuint (json_object_get_size (vars), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (vars, "dev_API_KEY"), "value"), ==, "sk_dev_51Hx7a9F");
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (vars, "dev_API_KEY"), "isSecret"));
  g_assert_true (json_object_has_member (vars, "dev_JWT_SIGNING_KEY"));
  g_assert_cmpstr (json_object_get_string_member (group, "type"), ==, "Vsts");
  ref = json_array_get_object_element (json_object_get_array_member (group, "variableGroupProjectReferences"), 0);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (ref, "projectReference"), "id"), ==, dp);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (ref, "projectReference"), "name"), ==, dp);
}

typedef struct
{
  SbFixture  *f;
  const char *id;
  const char *phase;
  gboolean    seen;
} PhaseWatch;

static gboolean
saw_phase (gpointer data)
{
  PhaseWatch *w = data;
  g_autoptr(SbResponse) r = sb_requestf (w->f, "GET", w->f->token, NULL, BASE "/%s", w->id);
  JsonObject *s = sb_resp_member (r, "secretSync");

  return !json_object_get_null_member (s, "syncStatus")
         && g_strcmp0 (json_object_get_string_member (s, "syncStatus"), w->phase) == 0;
}

static void
test_manual_trigger_phases (SbFixture *f, gconstpointer data)
{
  g_autofree char *id = create_sync (f, "manual", "staging", "/", NULL, devops (f, "Fabrikam Fiber"), FALSE);
  g_autoptr(SbResponse) created = sb_requestf (f, "GET", f->token, NULL, BASE "/%s", id);
  g_autoptr(SbResponse) trig = NULL;
  PhaseWatch w = { f, id, "running", FALSE };
  g_autofree char *status = NULL;

  /* Auto-sync off: nothing runs. */
  g_assert_true (json_object_get_null_member (sb_resp_member (created, "secretSync"), "syncStatus"));
  ferry_sandbox_set_job_delay (f->sandbox, 300);
  trig = sb_requestf (f, "POST", f->token, NULL, BASE "/%s/sync-secrets", id);
  g_assert_cmpuint (trig->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (sb_resp_member (trig, "secretSync"), "syncStatus"), ==, "pending");
  g_assert_true (sb_spin_until (saw_phase, &w, 10000));
  status = sb_wait_sync_status (f, id, "syncStatus");
  g_assert_cmpstr (status, ==, "succeeded");
}

static void
test_replace_and_remove (SbFixture *f, gconstpointer data)
{
  const char *dp = devops (f, "Contoso Web");
  g_autofree char *id = NULL;
  g_autofree char *status = NULL;
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(JsonNode) removed = NULL;
  g_autoptr(SbResponse) trig = NULL;
  g_autoptr(SbResponse) rm = NULL;
  JsonObject *vars;

  /* The seeded "Production" group of Contoso Web plus a variable added by hand. */
  before = ferry_sandbox_get_variable_groups (f->sandbox, "contoso", dp);
  g_assert_nonnull (group_named (before, "Production"));
  g_assert_nonnull (group_named (before, "Shared Build Settings"));
  {
    g_autofree char *path = g_strdup_printf ("/sandbox/azure-devops/contoso/%s/variablegroups", dp);
    g_autoptr(SbResponse) add = sb_request (f, "POST", path, NULL,
                                            "{\"name\":\"Production\",\"variables\":{\"HAND_MADE\":{\"value\":\"1\",\"isSecret\":false}}}");
    g_assert_cmpuint (add->status, ==, 200);
  }

  id = create_sync (f, "web-prod-raw", "prod", "/backend", NULL, dp, FALSE);
  trig = sb_requestf (f, "POST", f->token, NULL, BASE "/%s/sync-secrets", id);
  g_assert_cmpuint (trig->status, ==, 200);
  status = sb_wait_sync_status (f, id, "syncStatus");
  g_assert_cmpstr (status, ==, "succeeded");

  after = ferry_sandbox_get_variable_groups (f->sandbox, "contoso", dp);
  vars = json_object_get_object_member (group_named (after, "Production"), "variables");
  /* The whole variable set is replaced: the hand-made and the old WEB_ keys are gone. */
  g_assert_false (json_object_has_member (vars, "HAND_MADE"));
  g_assert_false (json_object_has_member (vars, "WEB_NODE_ENV"));
  g_assert_cmpuint (json_object_get_size (vars), ==, 2);
  g_assert_true (json_object_has_member (vars, "DATABASE_URL"));
  g_assert_true (json_object_has_member (vars, "REDIS_URL"));
  g_assert_nonnull (group_named (after, "Shared Build Settings"));

  rm = sb_requestf (f, "POST", f->token, NULL, BASE "/%s/remove-secrets", id);
  g_assert_cmpuint (rm->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (sb_resp_member (rm, "secretSync"), "removeStatus"), ==, "pending");
  g_free (status);
  status = sb_wait_sync_status (f, id, "removeStatus");
  g_assert_cmpstr (status, ==, "succeeded");
  removed = ferry_sandbox_get_variable_groups (f->sandbox, "contoso", dp);
  /* remove-secrets deletes the whole group, not just the synced keys. */
  g_assert_null (group_named (removed, "Production"));
  g_assert_nonnull (group_named (removed, "Shared Build Settings"));
}

static void
test_delete (SbFixture *f, gconstpointer data)
{
  const char *dp = devops (f, "Fabrikam Fiber");
  g_autofree char *id = create_sync (f, "to-delete", "staging", "/", NULL, dp, TRUE);
  g_autofree char *id2 = NULL;
  g_autofree char *status = sb_wait_sync_status (f, id, "syncStatus");
  g_autoptr(SbResponse) bad = sb_requestf (f, "DELETE", f->token, NULL, BASE "/%s?removeSecrets=yes", id);
  g_autoptr(SbResponse) del = NULL;
  g_autoptr(SbResponse) still = NULL;
  g_autoptr(SbResponse) quick = NULL;
  g_autoptr(SbResponse) gone = NULL;
  g_autoptr(JsonNode) groups = NULL;
  g_autofree char *final = NULL;

  g_assert_cmpstr (status, ==, "succeeded");
  groups = ferry_sandbox_get_variable_groups (f->sandbox, "contoso", dp);
  g_assert_nonnull (group_named (groups, "Staging"));
  sb_assert_issue (bad, "removeSecrets", "invalid_enum_value");
  ferry_sandbox_set_job_delay (f->sandbox, 500);
  del = sb_requestf (f, "DELETE", f->token, NULL, BASE "/%s?removeSecrets=true", id);
  g_assert_cmpuint (del->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (sb_resp_member (del, "secretSync"), "removeStatus"), ==, "pending");
  /* The row stays until the remove job completes. */
  still = sb_requestf (f, "GET", f->token, NULL, BASE "/%s", id);
  g_assert_cmpuint (still->status, ==, 200);
  final = sb_wait_sync_status (f, id, "removeStatus");
  g_assert_cmpstr (final, ==, "deleted");
  g_clear_pointer (&groups, json_node_unref);
  groups = ferry_sandbox_get_variable_groups (f->sandbox, "contoso", dp);
  g_assert_null (group_named (groups, "Staging"));

  id2 = create_sync (f, "quick-delete", "staging", "/", NULL, dp, FALSE);
  quick = sb_requestf (f, "DELETE", f->token, NULL, BASE "/%s", id2);
  g_assert_cmpuint (quick->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (sb_resp_member (quick, "secretSync"), "id"), ==, id2);
  gone = sb_requestf (f, "GET", f->token, NULL, BASE "/%s", id2);
  sb_assert_error (gone, 404, "NotFound", NULL);
}

static void
test_failures (SbFixture *f, gconstpointer data)
{
  const char *dp = devops (f, "Internal Tools");
  g_autofree char *id = create_sync (f, "will-fail", "dev", "/", NULL, dp, FALSE);
  g_autoptr(SbResponse) trig = NULL;
  g_autoptr(SbResponse) trig2 = NULL;
  g_autoptr(SbResponse) got = NULL;
  g_autoptr(SbResponse) got2 = NULL;
  g_autofree char *status = NULL;
  const char *message;

  /* Revoked PAT: Azure's 401 body lands in lastSyncMessage. */
  ferry_sandbox_revoke_devops_pat (f->sandbox, ferry_sandbox_get_devops_pat (f->sandbox, "contoso"));
  trig = sb_requestf (f, "POST", f->token, NULL, BASE "/%s/sync-secrets", id);
  g_assert_cmpuint (trig->status, ==, 200);
  status = sb_wait_sync_status (f, id, "syncStatus");
  g_assert_cmpstr (status, ==, "failed");
  got = sb_requestf (f, "GET", f->token, NULL, BASE "/%s", id);
  message = json_object_get_string_member (sb_resp_member (got, "secretSync"), "lastSyncMessage");
  g_assert_nonnull (strstr (message, "TF400813"));
  g_assert_nonnull (strstr (message, "UnauthorizedRequestException"));
  g_assert_true (json_object_get_null_member (sb_resp_member (got, "secretSync"), "lastSyncedAt"));
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_assert_true (json_parser_load_from_data (parser, message, -1, NULL));
  }

  /* A deleted Azure DevOps project: 404 body. */
  {
    g_autofree char *body = g_strdup_printf ("{\"credentials\":{\"accessToken\":\"%s\",\"orgName\":\"contoso\"}}",
                                             ferry_sandbox_add_devops_pat (f->sandbox, "contoso"));
    g_autoptr(SbResponse) p = sb_requestf (f, "PATCH", f->token, body, "/api/v1/app-connections/azure-devops/%s", connection_id (f));
    g_assert_cmpuint (p->status, ==, 200);
  }
  ferry_sandbox_delete_devops_project (f->sandbox, "contoso", dp);
  trig2 = sb_requestf (f, "POST", f->token, NULL, BASE "/%s/sync-secrets", id);
  g_assert_cmpuint (trig2->status, ==, 200);
  g_free (status);
  status = sb_wait_sync_status (f, id, "syncStatus");
  g_assert_cmpstr (status, ==, "failed");
  got2 = sb_requestf (f, "GET", f->token, NULL, BASE "/%s", id);
  g_assert_nonnull (strstr (json_object_get_string_member (sb_resp_member (got2, "secretSync"), "lastSyncMessage"), "TF200016"));
}

static void
test_folder_deleted (SbFixture *f, gconstpointer data)
{
  const char *project = ferry_sandbox_get_project_id (f->sandbox, 0);
  g_autofree char *id = create_sync (f, "from-frontend", "dev", "/frontend", NULL, devops (f, "Internal Tools"), FALSE);
  g_autofree char *del = g_strdup_printf ("{\"workspaceId\":\"%s\",\"environment\":\"dev\",\"path\":\"/\"}", project);
  g_autoptr(SbResponse) deleted = sb_request (f, "DELETE", "/api/v1/folders/frontend", f->token, del);
  g_autoptr(SbResponse) got = sb_requestf (f, "GET", f->token, NULL, BASE "/%s", id);
  g_autoptr(SbResponse) trig = sb_requestf (f, "POST", f->token, NULL, BASE "/%s/sync-secrets", id);

  g_assert_cmpuint (deleted->status, ==, 200);
  g_assert_cmpuint (got->status, ==, 200);
  g_assert_true (json_object_get_null_member (sb_resp_member (got, "secretSync"), "folder"));
  g_assert_true (json_object_get_null_member (sb_resp_member (got, "secretSync"), "folderId"));
  g_autoptr(SbResponse) env_only = sb_requestf (f, "PATCH", f->token, "{\"environment\":\"prod\"}", BASE "/%s", id);
  g_autoptr(SbResponse) del_remove = sb_requestf (f, "DELETE", f->token, NULL, BASE "/%s?removeSecrets=true", id);

  sb_assert_error (trig, 400, "BadRequest",
                   "Invalid source configuration: folder no longer exists. Please configure a valid source and try again.");
  sb_assert_error (del_remove, 400, "BadRequest",
                   "Invalid source configuration: folder no longer exists. Please configure a valid source and try again.");
  sb_assert_error (env_only, 400, "BadRequest", "Must specify both source environment and secret path");
}

/* The folder goes while a job waits to run: the job fails with the queue's SecretSyncError,
 * which parseSyncErrorMessage () renders as JSON. */
static void
test_folder_deleted_during_job (SbFixture *f, gconstpointer data)
{
  const char *project = ferry_sandbox_get_project_id (f->sandbox, 0);
  g_autofree char *id = create_sync (f, "from-frontend", "dev", "/frontend", NULL, devops (f, "Internal Tools"), FALSE);
  g_autofree char *del = g_strdup_printf ("{\"workspaceId\":\"%s\",\"environment\":\"dev\",\"path\":\"/\"}", project);
  g_autoptr(SbResponse) trig = NULL;
  g_autoptr(SbResponse) deleted = NULL;
  g_autoptr(SbResponse) got = NULL;
  g_autofree char *status = NULL;

  ferry_sandbox_set_job_delay (f->sandbox, 200);
  trig = sb_requestf (f, "POST", f->token, NULL, BASE "/%s/sync-secrets", id);
  g_assert_cmpuint (trig->status, ==, 200);
  deleted = sb_request (f, "DELETE", "/api/v1/folders/frontend", f->token, del);
  g_assert_cmpuint (deleted->status, ==, 200);
  status = sb_wait_sync_status (f, id, "syncStatus");
  g_assert_cmpstr (status, ==, "failed");
  got = sb_requestf (f, "GET", f->token, NULL, BASE "/%s", id);
  g_assert_cmpstr (json_object_get_string_member (sb_resp_member (got, "secretSync"), "lastSyncMessage"), ==,
                   "{\"error\":\"Invalid Secret Sync source configuration: folder no longer exists. Please update "
                   "source environment and secret path.\"}");
}

static void
test_auto_sync_on_change (SbFixture *f, gconstpointer data)
{
  const char *dp = devops (f, "Internal Tools");
  const char *project = ferry_sandbox_get_project_id (f->sandbox, 0);
  g_autofree char *id = create_sync (f, "auto", "staging", "/frontend", "APP_{{secretKey}}", dp, TRUE);
  g_autofree char *first = sb_wait_sync_status (f, id, "syncStatus");
  g_autofree char *body = g_strdup_printf ("{\"workspaceId\":\"%s\",\"environment\":\"staging\",\"secretPath\":\"/frontend\",\"secretValue\":\"new\"}", project);
  g_autoptr(SbResponse) add = (ferry_sandbox_set_job_delay (f->sandbox, 500),
                               sb_request (f, "POST", "/api/v3/secrets/raw/ADDED_LATER", f->token, body));
  g_autoptr(SbResponse) got = sb_requestf (f, "GET", f->token, NULL, BASE "/%s", id);
  g_autofree char *second = NULL;
  g_autoptr(JsonNode) groups = NULL;

  g_assert_cmpstr (first, ==, "succeeded");
  g_assert_cmpuint (add->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (sb_resp_member (got, "secretSync"), "syncStatus"), ==, "pending");
  second = sb_wait_sync_status (f, id, "syncStatus");
  g_assert_cmpstr (second, ==, "succeeded");
  groups = ferry_sandbox_get_variable_groups (f->sandbox, "contoso", dp);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_object_get_object_member (group_named (groups, "Staging"), "variables"), "APP_ADDED_LATER"), "value"), ==, "new");
}

static void
test_validation (SbFixture *f, gconstpointer data)
{
  g_autofree char *b1 = sync_body (f, "Bad Name", "dev", "/", "PIPELINE_${secretKey}", "x", TRUE);
  g_autoptr(SbResponse) r1 = sb_request (f, "POST", BASE, f->token, b1);
  g_autoptr(SbResponse) r2 = sb_request (f, "POST", BASE, f->token,
                                         "{\"name\":\"x\",\"projectId\":\"\",\"connectionId\":\"nope\",\"environment\":\"dev\",\"secretPath\":\"/\","
                                         "\"syncOptions\":{\"initialSyncBehavior\":\"import-prioritize-source\"},\"destinationConfig\":{}}");
  g_autofree char *b3 = sync_body (f, "ok-name", "dev", "/nope", NULL, "x", TRUE);
  g_autoptr(SbResponse) r3 = sb_request (f, "POST", BASE, f->token, b3);
  g_autofree char *b4 = sync_body (f, "web-prod-to-contoso-web", "dev", "/", NULL, "x", TRUE);
  g_autoptr(SbResponse) r4 = sb_request (f, "POST", BASE, f->token, b4);
  g_autofree char *b5 = sync_body (f, "two-keys", "dev", "/", "{{secretKey}}_{{secretKey}}", "x", TRUE);
  g_autoptr(SbResponse) r5 = sb_request (f, "POST", BASE, f->token, b5);

  sb_assert_issue (r1, "name", "custom");
  sb_assert_issue (r1, "syncOptions.keySchema", "custom");
  sb_assert_issue (r2, "projectId", "too_small");
  sb_assert_issue (r2, "connectionId", "invalid_string");
  sb_assert_issue (r2, "syncOptions.initialSyncBehavior", "invalid_literal");
  sb_assert_issue (r2, "destinationConfig.devopsProjectId", "invalid_type");
  sb_assert_error (r3, 400, "BadRequest", NULL);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (sb_resp_obj (r3), "message"), "Could not find folder with path"));
  sb_assert_error (r4, 400, "BadRequest", NULL);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (sb_resp_obj (r4), "message"),
                                   "A Secret Sync with the name \"web-prod-to-contoso-web\" already exists for the project with ID"));
  sb_assert_issue (r5, "syncOptions.keySchema", "custom");
}

static void
test_patch (SbFixture *f, gconstpointer data)
{
  g_autofree char *id = create_sync (f, "patch-me", "dev", "/", NULL, devops (f, "Internal Tools"), FALSE);
  g_autoptr(SbResponse) one = sb_requestf (f, "PATCH", f->token, "{\"environment\":\"prod\"}", BASE "/%s", id);
  g_autoptr(SbResponse) missing = sb_requestf (f, "PATCH", f->token, "{\"secretPath\":\"/nope\"}", BASE "/%s", id);
  g_autoptr(SbResponse) moved = sb_requestf (f, "PATCH", f->token, "{\"environment\":\"prod\",\"secretPath\":\"/backend\",\"name\":\"patched\",\"description\":\"d\"}", BASE "/%s", id);
  g_autoptr(SbResponse) partial_opts = sb_requestf (f, "PATCH", f->token, "{\"syncOptions\":{\"keySchema\":\"X_{{secretKey}}\"}}", BASE "/%s", id);
  g_autoptr(SbResponse) auto_on = sb_requestf (f, "PATCH", f->token, "{\"isAutoSyncEnabled\":true}", BASE "/%s", id);
  JsonObject *s;
  g_autofree char *status = NULL;

  /* Only the environment: the path stays "/". */
  g_assert_cmpuint (one->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (sb_resp_member (one, "secretSync"), "environment"), "slug"), ==, "prod");
  sb_assert_error (missing, 400, "BadRequest", NULL);
  g_assert_cmpuint (moved->status, ==, 200);
  s = sb_resp_member (moved, "secretSync");
  g_assert_cmpstr (json_object_get_string_member (s, "name"), ==, "patched");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (s, "environment"), "slug"), ==, "prod");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (s, "folder"), "path"), ==, "/backend");
  g_assert_cmpint (json_object_get_int_member (s, "version"), ==, 3);
  sb_assert_issue (partial_opts, "syncOptions.initialSyncBehavior", NULL);
  g_assert_cmpstr (json_object_get_string_member (sb_resp_member (auto_on, "secretSync"), "syncStatus"), ==, "pending");
  status = sb_wait_sync_status (f, id, "syncStatus");
  g_assert_cmpstr (status, ==, "succeeded");
}

static void
test_import_and_check_destination (SbFixture *f, gconstpointer data)
{
  const char *project = ferry_sandbox_get_project_id (f->sandbox, 1);
  g_autoptr(SbResponse) list = sb_requestf (f, "GET", f->token, NULL, BASE "?projectId=%s", ferry_sandbox_get_project_id (f->sandbox, 0));
  JsonObject *s = json_array_get_object_element (sb_resp_array (list, "secretSyncs"), 0);
  const char *id = json_object_get_string_member (s, "id");
  const char *dp = json_object_get_string_member (json_object_get_object_member (s, "destinationConfig"), "devopsProjectId");
  g_autoptr(SbResponse) imp = sb_requestf (f, "POST", f->token, NULL, BASE "/%s/import-secrets?importBehavior=prioritize-source", id);
  g_autoptr(SbResponse) imp_bogus = sb_request (f, "POST", BASE "/not-even-a-uuid/import-secrets", f->token, NULL);
  g_autofree char *b1 = g_strdup_printf ("{\"projectId\":\"%s\",\"destinationConfig\":{\"devopsProjectId\":\"%s\"}}", project, dp);
  g_autofree char *b2 = g_strdup_printf ("{\"projectId\":\"%s\",\"excludeSyncId\":\"%s\",\"destinationConfig\":{\"devopsProjectId\":\"%s\"}}", project, id, dp);
  g_autoptr(SbResponse) dup = sb_request (f, "POST", BASE "/check-destination", f->token, b1);
  g_autoptr(SbResponse) excluded = sb_request (f, "POST", BASE "/check-destination", f->token, b2);
  g_autoptr(SbResponse) bad = sb_request (f, "POST", BASE "/check-destination", f->token, "{\"projectId\":\"x\"}");

  sb_assert_error (imp, 400, "BadRequest", "Azure DevOps does not support importing secrets.");
  sb_assert_error (imp_bogus, 400, "BadRequest", "Azure DevOps does not support importing secrets.");
  g_assert_cmpuint (dup->status, ==, 200);
  g_assert_true (json_object_get_boolean_member (sb_resp_obj (dup), "hasDuplicate"));
  g_assert_cmpstr (json_object_get_string_member (sb_resp_obj (dup), "duplicateProjectId"), ==, ferry_sandbox_get_project_id (f->sandbox, 0));
  g_assert_false (json_object_get_boolean_member (sb_resp_obj (excluded), "hasDuplicate"));
  sb_assert_issue (bad, "projectId", "invalid_string");
  sb_assert_issue (bad, "destinationConfig", "invalid_type");
}

static void
test_inspection_route (SbFixture *f, gconstpointer data)
{
  const char *dp = devops (f, "Contoso Web");
  g_autofree char *path = g_strdup_printf ("/sandbox/azure-devops/contoso/%s/variablegroups", dp);
  g_autoptr(SbResponse) r = sb_request (f, "GET", path, NULL, NULL);
  g_autoptr(SbResponse) by_name = sb_request (f, "GET", "/sandbox/azure-devops/contoso/Contoso%20Web/variablegroups", NULL, NULL);
  g_autoptr(SbResponse) missing = sb_request (f, "GET", "/sandbox/azure-devops/contoso/Legacy%20Portal/variablegroups", NULL, NULL);

  g_assert_cmpuint (r->status, ==, 200);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (r->json));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (r->json)), ==, 2);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (by_name->json)), ==, 2);
  g_assert_cmpuint (missing->status, ==, 404);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add (path, SbFixture, DEMO, sb_fixture_setup, fn, sb_fixture_teardown)
  ADD ("/sandbox/syncs/list-get", test_list_get);
  ADD ("/sandbox/syncs/lifecycle", test_lifecycle);
  ADD ("/sandbox/syncs/manual-trigger-phases", test_manual_trigger_phases);
  ADD ("/sandbox/syncs/replace-and-remove", test_replace_and_remove);
  ADD ("/sandbox/syncs/delete", test_delete);
  ADD ("/sandbox/syncs/failures", test_failures);
  ADD ("/sandbox/syncs/folder-deleted", test_folder_deleted);
  ADD ("/sandbox/syncs/folder-deleted-during-job", test_folder_deleted_during_job);
  ADD ("/sandbox/syncs/auto-sync-on-change", test_auto_sync_on_change);
  ADD ("/sandbox/syncs/validation", test_validation);
  ADD ("/sandbox/syncs/patch", test_patch);
  ADD ("/sandbox/syncs/import-check-destination", test_import_and_check_destination);
  ADD ("/sandbox/syncs/inspection-route", test_inspection_route);
  return g_test_run ();
}
