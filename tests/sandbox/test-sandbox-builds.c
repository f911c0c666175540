/* test-sandbox-builds.c: server builds and organization settings a client must cope with.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <string.h>

#include "sandbox-test-utils.h"

#define DEMO  GINT_TO_POINTER (FERRY_SANDBOX_SEED_DEMO)
#define SYNCS "/api/v1/secret-syncs/azure-devops"
#define CONNS "/api/v1/app-connections/azure-devops"

static const char *
devops (SbFixture *f, const char *name)
{
  return ferry_sandbox_get_devops_project_id (f->sandbox, "contoso", name);
}

static char *
connection_id (SbFixture *f)
{
  g_autoptr(SbResponse) r = sb_request (f, "GET", CONNS, f->token, NULL);

  return g_strdup (json_object_get_string_member (json_array_get_object_element (sb_resp_array (r, "appConnections"), 0), "id"));
}

/* A create body for project @project_index with @extra members spliced in (",\"k\":v" or ""). */
static char *
sync_body (SbFixture  *f,
           guint       project_index,
           const char *name,
           const char *env,
           const char *path,
           const char *options,
           const char *devops_project,
           const char *extra)
{
  g_autofree char *conn = connection_id (f);

  return g_strdup_printf ("{\"name\":\"%s\",\"projectId\":\"%s\",\"connectionId\":\"%s\",\"environment\":\"%s\","
                          "\"secretPath\":\"%s\",\"syncOptions\":{\"initialSyncBehavior\":\"overwrite-destination\"%s},"
                          "\"destinationConfig\":{\"devopsProjectId\":\"%s\"}%s}",
                          name, ferry_sandbox_get_project_id (f->sandbox, project_index), conn, env, path,
                          options ? options : "", devops_project, extra ? extra : "");
}

static SbResponse *
create (SbFixture *f, const char *body)
{
  return sb_request (f, "POST", SYNCS, f->token, body);
}

static JsonObject *
created_sync (SbResponse *r)
{
  if (r->status != 200)
    g_error ("create answered %u: %s", r->status, (const char *) g_bytes_get_data (r->body, NULL));
  return sb_resp_member (r, "secretSync");
}

static JsonObject *
get_sync (SbFixture *f, const char *id)
{
  g_autoptr(SbResponse) r = sb_requestf (f, "GET", f->token, NULL, SYNCS "/%s", id);

  g_assert_cmpuint (r->status, ==, 200);
  return json_object_ref (sb_resp_member (r, "secretSync"));
}

static JsonObject *
group_named (SbFixture *f, const char *devops_project, const char *name)
{
  g_autoptr(JsonNode) groups = ferry_sandbox_get_variable_groups (f->sandbox, "contoso", devops_project);
  JsonArray *array = json_node_get_array (groups);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *g = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (g, "name"), name) == 0)
        return json_object_ref (g);
    }
  return NULL;
}

/* ---- The old build ---- */

static const char *old_members[] = { "isEnabled", "eraseStatus", "lastEraseJobId", "lastEraseMessage", "lastErasedAt", NULL };
static const char *new_members[] = { "isAutoSyncEnabled", "removeStatus", "lastRemoveJobId", "lastRemoveMessage",
                                     "lastRemovedAt", NULL };

static void
assert_old_shape (JsonObject *s)
{
  for (guint i = 0; old_members[i] != NULL; i++)
    if (!json_object_has_member (s, old_members[i]))
      g_error ("old build: secretSync.%s missing", old_members[i]);
  for (guint i = 0; new_members[i] != NULL; i++)
    if (json_object_has_member (s, new_members[i]))
      g_error ("old build: secretSync.%s present", new_members[i]);
}

/* Polls until @member is final in the old build's terms ("success"/"failed"), noting whether
 * "running" (which that build does not have) was ever seen. */
static char *
wait_old_status (SbFixture  *f,
                 const char *id,
                 const char *member,
                 gboolean   *saw_running)
{
  gint64 end = g_get_monotonic_time () + 20 * G_TIME_SPAN_SECOND;

  while (g_get_monotonic_time () < end)
    {
      g_autoptr(JsonObject) s = get_sync (f, id);
      const char *status = json_object_get_null_member (s, member) ? NULL : json_object_get_string_member (s, member);

      if (g_strcmp0 (status, "running") == 0)
        *saw_running = TRUE;
      if (g_strcmp0 (status, "success") == 0 || g_strcmp0 (status, "failed") == 0 || g_strcmp0 (status, "succeeded") == 0)
        return g_strdup (status);
      sb_spin_for (5);
    }
  g_error ("%s of %s never became final", member, id);
  return NULL;
}

static void
test_old_shape (SbFixture *f, gconstpointer data)
{
  g_autoptr(SbResponse) web = NULL;
  g_autoptr(SbResponse) pay = NULL;
  JsonObject *s;

  ferry_sandbox_set_server_build (f->sandbox, FERRY_SANDBOX_SERVER_BUILD_OLD);
  web = sb_requestf (f, "GET", f->token, NULL, SYNCS "?projectId=%s", ferry_sandbox_get_project_id (f->sandbox, 0));
  pay = sb_requestf (f, "GET", f->token, NULL, SYNCS "?projectId=%s", ferry_sandbox_get_project_id (f->sandbox, 1));
  s = json_array_get_object_element (sb_resp_array (web, "secretSyncs"), 0);
  assert_old_shape (s);
  g_assert_true (json_object_get_boolean_member (s, "isEnabled"));
  g_assert_cmpstr (json_object_get_string_member (s, "syncStatus"), ==, "success");
  s = json_array_get_object_element (sb_resp_array (pay, "secretSyncs"), 0);
  assert_old_shape (s);
  g_assert_cmpstr (json_object_get_string_member (s, "syncStatus"), ==, "failed");

  /* Back to the current build: the same syncs in today's shape. */
  ferry_sandbox_set_server_build (f->sandbox, FERRY_SANDBOX_SERVER_BUILD_CURRENT);
  {
    g_autoptr(JsonObject) again = get_sync (f, json_object_get_string_member (s, "id"));

    for (guint i = 0; new_members[i] != NULL; i++)
      g_assert_true (json_object_has_member (again, new_members[i]));
    g_assert_false (json_object_has_member (again, "isEnabled"));
  }
}

static void
test_old_create_and_patch (SbFixture *f, gconstpointer data)
{
  g_autofree char *body = NULL;
  g_autoptr(SbResponse) r = NULL;
  g_autoptr(SbResponse) off = NULL;
  g_autoptr(SbResponse) patched = NULL;
  g_autoptr(SbResponse) disabled = NULL;
  g_autoptr(JsonObject) group = NULL;
  g_autofree char *id = NULL;
  g_autofree char *status = NULL;
  gboolean saw_running = FALSE;
  JsonObject *s;

  ferry_sandbox_set_server_build (f->sandbox, FERRY_SANDBOX_SERVER_BUILD_OLD);
  ferry_sandbox_set_job_delay (f->sandbox, 100);
  /* isAutoSyncEnabled is an unknown key there: the sync is enabled (isEnabled defaults to
   * true) and runs at once. */
  body = sync_body (f, 0, "stays-enabled", "dev", "/", NULL, devops (f, "Internal Tools"), ",\"isAutoSyncEnabled\":false");
  r = create (f, body);
  s = created_sync (r);
  assert_old_shape (s);
  g_assert_true (json_object_get_boolean_member (s, "isEnabled"));
  g_assert_cmpstr (json_object_get_string_member (s, "syncStatus"), ==, "pending");
  id = g_strdup (json_object_get_string_member (s, "id"));
  status = wait_old_status (f, id, "syncStatus", &saw_running);
  g_assert_cmpstr (status, ==, "success");
  g_assert_false (saw_running);
  group = group_named (f, devops (f, "Internal Tools"), "Development");
  g_assert_nonnull (group);

  /* isEnabled is what that build reads. */
  g_clear_pointer (&body, g_free);
  body = sync_body (f, 0, "really-off", "dev", "/", NULL, devops (f, "Internal Tools"), ",\"isEnabled\":false");
  off = create (f, body);
  s = created_sync (off);
  g_assert_false (json_object_get_boolean_member (s, "isEnabled"));
  g_assert_true (json_object_get_null_member (s, "syncStatus"));

  /* A PATCH of isAutoSyncEnabled changes nothing (and, auto-sync being on, queues a sync). */
  patched = sb_requestf (f, "PATCH", f->token, "{\"isAutoSyncEnabled\":false}", SYNCS "/%s", id);
  g_assert_cmpuint (patched->status, ==, 200);
  g_assert_true (json_object_get_boolean_member (sb_resp_member (patched, "secretSync"), "isEnabled"));
  g_free (wait_old_status (f, id, "syncStatus", &saw_running));
  disabled = sb_requestf (f, "PATCH", f->token, "{\"isEnabled\":false}", SYNCS "/%s", id);
  g_assert_false (json_object_get_boolean_member (sb_resp_member (disabled, "secretSync"), "isEnabled"));

  /* The create event says isEnabled, the runs say success. */
  {
    g_autoptr(SbResponse) events = sb_requestf (f, "GET", f->token, NULL,
                                                "/api/v1/organization/audit-logs?eventMetadata=syncId=%s"
                                                "&eventType=create-secret-sync,secret-sync-sync-secrets", id);
    JsonArray *a = sb_resp_array (events, "auditLogs");
    JsonObject *last = json_array_get_object_element (a, json_array_get_length (a) - 1);
    JsonObject *first_run = json_array_get_object_element (a, 0);

    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (last, "event"), "type"), ==, "create-secret-sync");
    g_assert_true (json_object_get_boolean_member (json_object_get_object_member (json_object_get_object_member (last, "event"), "metadata"), "isEnabled"));
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_object_get_object_member (first_run, "event"), "metadata"), "syncStatus"), ==, "success");
  }
}

static void
test_old_erase (SbFixture *f, gconstpointer data)
{
  g_autoptr(SbResponse) list = NULL;
  g_autoptr(SbResponse) rm = NULL;
  g_autoptr(JsonObject) after = NULL;
  g_autoptr(JsonObject) group = NULL;
  g_autofree char *status = NULL;
  gboolean saw_running = FALSE;
  const char *id;

  ferry_sandbox_set_server_build (f->sandbox, FERRY_SANDBOX_SERVER_BUILD_OLD);
  list = sb_requestf (f, "GET", f->token, NULL, SYNCS "?projectId=%s", ferry_sandbox_get_project_id (f->sandbox, 0));
  id = json_object_get_string_member (json_array_get_object_element (sb_resp_array (list, "secretSyncs"), 0), "id");
  rm = sb_requestf (f, "POST", f->token, NULL, SYNCS "/%s/remove-secrets", id);
  g_assert_cmpuint (rm->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (sb_resp_member (rm, "secretSync"), "eraseStatus"), ==, "pending");
  status = wait_old_status (f, id, "eraseStatus", &saw_running);
  g_assert_cmpstr (status, ==, "success");
  after = get_sync (f, id);
  g_assert_false (json_object_get_null_member (after, "lastErasedAt"));
  g_assert_true (g_uuid_string_is_valid (json_object_get_string_member (after, "lastEraseJobId")));
  group = group_named (f, devops (f, "Contoso Web"), "Production");
  g_assert_null (group);
}

static void
test_names_per_build (SbFixture *f, gconstpointer data)
{
  static const char name33[] = "a23456789012345678901234567890123";
  g_autofree char *name257 = g_strnfill (257, 'n');
  g_autofree char *b = NULL;

  /* Current: slugSchema ({ max: 256 }), lowercase only. */
  {
    g_autoptr(SbResponse) ok33 = create (f, (b = sync_body (f, 0, name33, "dev", "/", NULL, devops (f, "Internal Tools"), NULL)));
    g_autoptr(SbResponse) r257 = NULL;
    g_autoptr(SbResponse) upper = NULL;

    g_assert_cmpuint (ok33->status, ==, 200);
    g_clear_pointer (&b, g_free);
    r257 = create (f, (b = sync_body (f, 0, name257, "dev", "/", NULL, devops (f, "Internal Tools"), NULL)));
    sb_assert_issue (r257, "name", "too_big");
    g_assert_nonnull (strstr ((const char *) g_bytes_get_data (r257->body, NULL), "name field must be at most 256 lowercase characters"));
    g_clear_pointer (&b, g_free);
    upper = create (f, (b = sync_body (f, 0, "Mixed-Case", "dev", "/", NULL, devops (f, "Internal Tools"), NULL)));
    sb_assert_issue (upper, "name", "custom");
    g_clear_pointer (&b, g_free);
  }

  /* Old: lowercased first, 1–32, the messages of that slugSchema. */
  ferry_sandbox_set_server_build (f->sandbox, FERRY_SANDBOX_SERVER_BUILD_OLD);
  {
    g_autoptr(SbResponse) r33 = create (f, (b = sync_body (f, 0, "b23456789012345678901234567890123", "dev", "/", NULL,
                                                           devops (f, "Internal Tools"), NULL)));
    g_autoptr(SbResponse) upper = NULL;
    g_autoptr(SbResponse) underscore = NULL;
    g_autoptr(SbResponse) conn = NULL;
    g_autofree char *conn_body = NULL;

    sb_assert_issue (r33, "name", "too_big");
    g_assert_nonnull (strstr ((const char *) g_bytes_get_data (r33->body, NULL), "\"name field must be at most 32 characters\""));
    g_clear_pointer (&b, g_free);
    upper = create (f, (b = sync_body (f, 0, "Mixed-Case", "dev", "/", NULL, devops (f, "Internal Tools"), NULL)));
    g_assert_cmpstr (json_object_get_string_member (created_sync (upper), "name"), ==, "mixed-case");
    g_clear_pointer (&b, g_free);
    underscore = create (f, (b = sync_body (f, 0, "snake_case", "dev", "/", NULL, devops (f, "Internal Tools"), NULL)));
    sb_assert_issue (underscore, "name", "custom");
    g_assert_nonnull (strstr ((const char *) g_bytes_get_data (underscore->body, NULL),
                              "name field can only contain letters, numbers, and hyphens"));
    g_clear_pointer (&b, g_free);
    /* Connection names of that era have the same limit. */
    conn_body = g_strdup_printf ("{\"method\":\"access-token\",\"name\":\"%s\",\"credentials\":{\"accessToken\":\"%s\",\"orgName\":\"contoso\"}}",
                                 name33, ferry_sandbox_get_devops_pat (f->sandbox, "contoso"));
    conn = sb_request (f, "POST", CONNS, f->token, conn_body);
    sb_assert_issue (conn, "name", "too_big");
  }
}

static void
test_old_drops_recursive (SbFixture *f, gconstpointer data)
{
  g_autofree char *b = NULL;
  g_autoptr(SbResponse) current_bad = NULL;
  g_autoptr(SbResponse) old_bad = NULL;
  g_autoptr(SbResponse) old_true = NULL;

  current_bad = create (f, (b = sync_body (f, 0, "rec-type", "dev", "/", ",\"recursive\":\"yes\"", devops (f, "Internal Tools"), NULL)));
  sb_assert_issue (current_bad, "syncOptions.recursive", "invalid_type");
  g_clear_pointer (&b, g_free);

  ferry_sandbox_set_server_build (f->sandbox, FERRY_SANDBOX_SERVER_BUILD_OLD);
  /* An unknown key of that build's schema: not even its type is looked at. */
  old_bad = create (f, (b = sync_body (f, 0, "rec-type", "dev", "/", ",\"recursive\":\"yes\"", devops (f, "Internal Tools"), NULL)));
  g_assert_false (json_object_has_member (json_object_get_object_member (created_sync (old_bad), "syncOptions"), "recursive"));
  g_clear_pointer (&b, g_free);
  old_true = create (f, (b = sync_body (f, 0, "rec-true", "dev", "/", ",\"recursive\":true", devops (f, "Fabrikam Fiber"), NULL)));
  g_assert_false (json_object_has_member (json_object_get_object_member (created_sync (old_true), "syncOptions"), "recursive"));
  ferry_sandbox_set_server_build (f->sandbox, FERRY_SANDBOX_SERVER_BUILD_CURRENT);
  {
    /* It was never stored: the current build does not find it either. */
    g_autoptr(JsonObject) s = get_sync (f, json_object_get_string_member (sb_resp_member (old_true, "secretSync"), "id"));

    g_assert_false (json_object_has_member (json_object_get_object_member (s, "syncOptions"), "recursive"));
  }
}

/* ---- Recursive syncs ---- */

static void
write_secret (SbFixture *f, const char *env, const char *path, const char *key, const char *value)
{
  g_autofree char *body = g_strdup_printf ("{\"workspaceId\":\"%s\",\"environment\":\"%s\",\"secretPath\":\"%s\",\"secretValue\":\"%s\"}",
                                           ferry_sandbox_get_project_id (f->sandbox, 0), env, path, value);
  g_autoptr(SbResponse) r = sb_requestf (f, "POST", f->token, body, "/api/v3/secrets/raw/%s", key);

  g_assert_cmpuint (r->status, ==, 200);
}

static void
make_folder (SbFixture *f, const char *env, const char *path, const char *name)
{
  g_autofree char *body = g_strdup_printf ("{\"projectId\":\"%s\",\"environment\":\"%s\",\"path\":\"%s\",\"name\":\"%s\"}",
                                           ferry_sandbox_get_project_id (f->sandbox, 0), env, path, name);
  g_autoptr(SbResponse) r = sb_request (f, "POST", "/api/v2/folders", f->token, body);

  g_assert_cmpuint (r->status, ==, 200);
}

static guint
variable_count (JsonObject *group)
{
  return json_object_get_size (json_object_get_object_member (group, "variables"));
}

static gboolean
has_variable (JsonObject *group, const char *name)
{
  return json_object_has_member (json_object_get_object_member (group, "variables"), name);
}

static void
test_recursive (SbFixture *f, gconstpointer data)
{
  g_autofree char *b = NULL;
  g_autoptr(SbResponse) flat = NULL;
  g_autoptr(SbResponse) deep = NULL;
  g_autoptr(JsonObject) flat_group = NULL;
  g_autoptr(JsonObject) deep_group = NULL;
  g_autoptr(JsonObject) after_change = NULL;
  g_autofree char *deep_id = NULL;
  g_autofree char *status = NULL;

  /* Same source, two destinations: one folder, or the folder and its subfolders. */
  flat = create (f, (b = sync_body (f, 0, "backend-flat", "dev", "/backend", NULL, devops (f, "Internal Tools"), NULL)));
  g_clear_pointer (&b, g_free);
  deep = create (f, (b = sync_body (f, 0, "backend-deep", "dev", "/backend", ",\"recursive\":true", devops (f, "Fabrikam Fiber"), NULL)));
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (created_sync (deep), "syncOptions"), "recursive"));
  deep_id = g_strdup (json_object_get_string_member (created_sync (deep), "id"));
  g_free (sb_wait_sync_status (f, json_object_get_string_member (created_sync (flat), "id"), "syncStatus"));
  status = sb_wait_sync_status (f, deep_id, "syncStatus");
  g_assert_cmpstr (status, ==, "succeeded");
  flat_group = group_named (f, devops (f, "Internal Tools"), "Development");
  deep_group = group_named (f, devops (f, "Fabrikam Fiber"), "Development");
  g_assert_cmpuint (variable_count (flat_group), ==, 2);
  g_assert_cmpuint (variable_count (deep_group), ==, 5);
  g_assert_true (has_variable (deep_group, "API_KEY"));
  g_assert_true (has_variable (deep_group, "REDIS_URL"));
  g_assert_false (has_variable (deep_group, "NODE_ENV"));

  /* A change in a subfolder syncs the recursive sync. */
  write_secret (f, "dev", "/backend/api", "FEATURE_TOGGLES", "new-checkout");
  g_clear_pointer (&status, g_free);
  status = sb_wait_sync_status (f, deep_id, "syncStatus");
  g_assert_cmpstr (status, ==, "succeeded");
  after_change = group_named (f, devops (f, "Fabrikam Fiber"), "Development");
  g_assert_true (has_variable (after_change, "FEATURE_TOGGLES"));

  /* A key in two folders: the next run refuses the payload (a SecretSyncError, as JSON). */
  write_secret (f, "dev", "/backend/api", "REDIS_URL", "redis://api-cache:6379/1");
  g_clear_pointer (&status, g_free);
  status = sb_wait_sync_status (f, deep_id, "syncStatus");
  g_assert_cmpstr (status, ==, "failed");
  {
    static const char message[] = "This destination stores secrets in a single flat list, so each name can be used only once. "
                                  "These names are used in more than one folder: \"REDIS_URL\" in /backend and /backend/api. "
                                  "Rename or move one secret in each pair, or point the sync at a narrower secret path.";
    g_autoptr(JsonObject) failed = get_sync (f, deep_id);
    g_autoptr(SbResponse) again = NULL;
    g_autoptr(SbResponse) patch_on = NULL;
    g_autoptr(SbResponse) patch_other = NULL;
    g_autoptr(SbResponse) remove = NULL;
    g_autofree char *removed = NULL;
    g_autofree char *escaped = NULL;

    /* The message has quotes: compare the JSON form the sync stores. */
    {
      g_autoptr(JsonNode) n = json_node_init_string (json_node_alloc (), message);
      g_autoptr(JsonObject) o = json_object_new ();
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
      g_autoptr(JsonGenerator) gen = json_generator_new ();

      json_object_set_member (o, "error", json_node_ref (n));
      json_node_set_object (root, o);
      json_generator_set_root (gen, root);
      escaped = json_generator_to_data (gen, NULL);
    }
    g_assert_cmpstr (json_object_get_string_member (failed, "lastSyncMessage"), ==, escaped);

    /* At save time the same sentence is a 400: a new recursive sync, or turning it on. */
    g_clear_pointer (&b, g_free);
    again = create (f, (b = sync_body (f, 0, "backend-deep-2", "dev", "/backend", ",\"recursive\":true", devops (f, "Contoso Web"), NULL)));
    sb_assert_error (again, 400, "BadRequest", message);
    patch_on = sb_requestf (f, "PATCH", f->token,
                            "{\"syncOptions\":{\"initialSyncBehavior\":\"overwrite-destination\",\"recursive\":true}}",
                            SYNCS "/%s", json_object_get_string_member (created_sync (flat), "id"));
    sb_assert_error (patch_on, 400, "BadRequest", message);
    /* Every update of a recursive sync re-checks its subtree. */
    patch_other = sb_requestf (f, "PATCH", f->token, "{\"description\":\"x\"}", SYNCS "/%s", deep_id);
    sb_assert_error (patch_other, 400, "BadRequest", message);
    /* Removal tolerates it (dedupeConflicts) and deletes the group. */
    remove = sb_requestf (f, "POST", f->token, NULL, SYNCS "/%s/remove-secrets", deep_id);
    g_assert_cmpuint (remove->status, ==, 200);
    removed = sb_wait_sync_status (f, deep_id, "removeStatus");
    g_assert_cmpstr (removed, ==, "succeeded");
  }
}

static void
test_recursive_many_conflicts (SbFixture *f, gconstpointer data)
{
  g_autofree char *b = NULL;
  g_autoptr(SbResponse) r = NULL;
  const char *message;

  make_folder (f, "staging", "/", "dupes");
  make_folder (f, "staging", "/dupes", "b");
  for (guint i = 1; i <= 7; i++)
    {
      g_autofree char *key = g_strdup_printf ("K%u", i);

      write_secret (f, "staging", "/dupes", key, "x");
      write_secret (f, "staging", "/dupes/b", key, "y");
    }
  /* The key schema applies first: conflicts are between destination keys. */
  r = create (f, (b = sync_body (f, 0, "dupes", "staging", "/dupes", ",\"recursive\":true,\"keySchema\":\"APP_{{secretKey}}\"",
                                 devops (f, "Internal Tools"), NULL)));
  g_assert_cmpuint (r->status, ==, 400);
  message = json_object_get_string_member (sb_resp_obj (r), "message");
  g_assert_nonnull (strstr (message, "used in more than one folder: \"APP_K1\" in /dupes and /dupes/b; \"APP_K2\" in /dupes and /dupes/b;"));
  g_assert_nonnull (strstr (message, "\"APP_K5\" in /dupes and /dupes/b, and 2 more. Rename"));
  g_assert_null (strstr (message, "APP_K6"));
}

static void
test_recursive_rules (SbFixture *f, gconstpointer data)
{
  g_autofree char *b = NULL;
  g_autoptr(SbResponse) with_import = NULL;
  g_autofree char *conn = connection_id (f);
  JsonArray *issues;

  /* Azure DevOps cannot import, so its initialSyncBehavior is the literal overwrite-destination:
   * that issue comes first and the recursive refinement never runs. */
  with_import = sb_request (f, "POST", SYNCS, f->token,
                            (b = g_strdup_printf ("{\"name\":\"rec-import\",\"projectId\":\"%s\",\"connectionId\":\"%s\","
                                                  "\"environment\":\"dev\",\"secretPath\":\"/\",\"syncOptions\":"
                                                  "{\"initialSyncBehavior\":\"import-prioritize-source\",\"recursive\":true},"
                                                  "\"destinationConfig\":{\"devopsProjectId\":\"%s\"}}",
                                                  ferry_sandbox_get_project_id (f->sandbox, 0), conn,
                                                  devops (f, "Internal Tools"))));
  sb_assert_issue (with_import, "syncOptions.initialSyncBehavior", "invalid_literal");
  issues = json_object_get_array_member (sb_resp_obj (with_import), "message");
  g_assert_cmpuint (json_array_get_length (issues), ==, 1);
}

/* ---- The organization's duplicate-destination setting ---- */

static void
test_block_duplicates (SbFixture *f, gconstpointer data)
{
  const char *data_platform = ferry_sandbox_get_project_id (f->sandbox, 2);
  const char *tools = devops (f, "Internal Tools");
  g_autofree char *b = NULL;
  g_autofree char *expected = g_strdup_printf ("A secret sync with this destination already exists in project %s.", data_platform);
  g_autoptr(SbResponse) first = NULL;
  g_autoptr(SbResponse) twin = NULL;
  g_autoptr(SbResponse) orgs = NULL;
  g_autoptr(SbResponse) refused = NULL;
  g_autoptr(SbResponse) same_project = NULL;
  g_autoptr(SbResponse) renamed = NULL;
  g_autoptr(SbResponse) fabrikam = NULL;
  g_autoptr(SbResponse) moved = NULL;
  g_autoptr(SbResponse) described = NULL;
  g_autoptr(SbResponse) self_dest = NULL;
  g_autoptr(SbResponse) check = NULL;
  g_autofree char *check_body = NULL;
  const char *twin_id;

  /* Off (the default): two syncs to one Azure DevOps project are fine. */
  first = create (f, (b = sync_body (f, 2, "tools-a", "dev", "/", NULL, tools, NULL)));
  g_assert_cmpuint (first->status, ==, 200);
  g_clear_pointer (&b, g_free);
  twin = create (f, (b = sync_body (f, 0, "tools-b", "dev", "/", NULL, tools, NULL)));
  g_assert_cmpuint (twin->status, ==, 200);
  twin_id = json_object_get_string_member (created_sync (twin), "id");
  g_clear_pointer (&b, g_free);

  ferry_sandbox_set_block_duplicate_destinations (f->sandbox, TRUE);
  orgs = sb_request (f, "GET", "/api/v1/organization", f->user_jwt, NULL);
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (sb_resp_array (orgs, "organizations"), 0),
                                                 "blockDuplicateSecretSyncDestinations"));
  refused = create (f, (b = sync_body (f, 1, "tools-c", "dev", "/", NULL, tools, NULL)));
  sb_assert_error (refused, 400, "BadRequest", expected);
  g_clear_pointer (&b, g_free);
  /* The same project counts too, and the display name does not matter. */
  same_project = create (f, (b = sync_body (f, 2, "tools-d", "staging", "/", NULL, tools, NULL)));
  sb_assert_error (same_project, 400, "BadRequest", expected);
  g_clear_pointer (&b, g_free);
  {
    g_autofree char *conn = connection_id (f);
    g_autofree char *named = g_strdup_printf ("{\"name\":\"tools-e\",\"projectId\":\"%s\",\"connectionId\":\"%s\",\"environment\":\"dev\","
                                              "\"secretPath\":\"/\",\"syncOptions\":{\"initialSyncBehavior\":\"overwrite-destination\"},"
                                              "\"destinationConfig\":{\"devopsProjectId\":\"%s\",\"devopsProjectName\":\"Other Name\"}}",
                                              ferry_sandbox_get_project_id (f->sandbox, 1), conn, tools);

    renamed = create (f, named);
    sb_assert_error (renamed, 400, "BadRequest", expected);
  }
  /* A free destination is fine. */
  fabrikam = create (f, (b = sync_body (f, 1, "fabrikam", "dev", "/", NULL, devops (f, "Fabrikam Fiber"), NULL)));
  g_assert_cmpuint (fabrikam->status, ==, 200);

  /* Updates are checked when they touch the destination or the connection, the sync itself
   * excluded. */
  {
    g_autofree char *patch = g_strdup_printf ("{\"destinationConfig\":{\"devopsProjectId\":\"%s\"}}", tools);

    moved = sb_requestf (f, "PATCH", f->token, patch, SYNCS "/%s", json_object_get_string_member (created_sync (fabrikam), "id"));
    sb_assert_error (moved, 400, "BadRequest", expected);
    self_dest = sb_requestf (f, "PATCH", f->token, patch, SYNCS "/%s", json_object_get_string_member (created_sync (first), "id"));
    /* tools-b (made while the setting was off) still shares it: Web Storefront's. */
    {
      g_autofree char *other = g_strdup_printf ("A secret sync with this destination already exists in project %s.",
                                                ferry_sandbox_get_project_id (f->sandbox, 0));

      sb_assert_error (self_dest, 400, "BadRequest", other);
    }
  }
  described = sb_requestf (f, "PATCH", f->token, "{\"description\":\"still a twin\"}", SYNCS "/%s", twin_id);
  g_assert_cmpuint (described->status, ==, 200);

  /* check-destination answers whatever the setting. */
  check_body = g_strdup_printf ("{\"destinationConfig\":{\"devopsProjectId\":\"%s\"},\"projectId\":\"%s\",\"excludeSyncId\":\"%s\"}",
                                tools, ferry_sandbox_get_project_id (f->sandbox, 1), twin_id);
  check = sb_request (f, "POST", SYNCS "/check-destination", f->token, check_body);
  g_assert_true (json_object_get_boolean_member (sb_resp_obj (check), "hasDuplicate"));
  g_assert_cmpstr (json_object_get_string_member (sb_resp_obj (check), "duplicateProjectId"), ==, data_platform);
}

/* ---- Flags and state ---- */

static char *
sandbox_exe (void)
{
  const char *root = g_getenv ("FERRY_BUILD_ROOT");

  if (root != NULL)
    return g_build_filename (root, "tests", "sandbox", "ferry-sandbox", NULL);
  return g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".", "ferry-sandbox", NULL);
}

/* Runs the executable with @args (NULL-terminated), returns its URL and user token. */
static GSubprocess *
spawn (char **url, char **token, const char *first, ...)
{
  g_autofree char *exe = sandbox_exe ();
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  GSubprocess *proc;
  va_list args;

  g_ptr_array_add (argv, exe);
  va_start (args, first);
  for (const char *a = first; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  proc = g_subprocess_newv ((const char *const *) argv->pdata, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (proc));
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (line);
      if (g_str_has_prefix (line, "FERRY_SANDBOX_URL="))
        *url = g_strdup (line + strlen ("FERRY_SANDBOX_URL="));
      if (g_str_has_prefix (line, "FERRY_SANDBOX_USER_TOKEN="))
        *token = g_strdup (line + strlen ("FERRY_SANDBOX_USER_TOKEN="));
    }
  return proc;
}

static void
stop (GSubprocess *proc)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_send_signal (proc, SIGTERM);
  g_assert_true (g_subprocess_wait (proc, NULL, &error));
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 0);
}

static JsonObject *
first_web_sync (SoupSession *session, const char *url, const char *token)
{
  g_autoptr(FerrySandbox) ids = ferry_sandbox_new (FERRY_SANDBOX_SEED_DEMO);
  g_autofree char *path = g_strdup_printf (SYNCS "?projectId=%s", ferry_sandbox_get_project_id (ids, 0));
  g_autoptr(SbResponse) r = sb_request_at (session, url, "GET", path, token, NULL);

  return json_object_ref (json_array_get_object_element (sb_resp_array (r, "secretSyncs"), 0));
}

static void
test_flags_and_state (void)
{
  g_autofree char *exe = sandbox_exe ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(SoupSession) session = NULL;

  if (!g_file_test (exe, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("ferry-sandbox executable not found (set FERRY_BUILD_ROOT)");
      return;
    }
  session = soup_session_new ();
  dir = g_dir_make_tmp ("ferry-sandbox-builds-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "state.json", NULL);
  {
    g_autofree char *url = NULL, *token = NULL;
    g_autoptr(GSubprocess) proc = spawn (&url, &token, "--server-build", "old", "--state", path,
                                         "--block-duplicate-destinations", NULL);
    g_autoptr(JsonObject) s = first_web_sync (session, url, token);
    g_autoptr(SbResponse) orgs = sb_request_at (session, url, "GET", "/api/v1/organization", token, NULL);

    g_assert_true (json_object_has_member (s, "isEnabled"));
    g_assert_true (json_object_get_boolean_member (json_array_get_object_element (sb_resp_array (orgs, "organizations"), 0),
                                                   "blockDuplicateSecretSyncDestinations"));
    stop (proc);
  }
  {
    /* The state file remembers the build. */
    g_autofree char *url = NULL, *token = NULL;
    g_autoptr(GSubprocess) proc = spawn (&url, &token, "--state", path, NULL);
    g_autoptr(JsonObject) s = first_web_sync (session, url, token);
    g_autofree char *contents = NULL;

    g_assert_true (json_object_has_member (s, "isEnabled"));
    g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
    g_assert_nonnull (strstr (contents, "\"serverBuild\" : \"old\""));
    g_assert_nonnull (strstr (contents, "\"blockDuplicateSecretSyncDestinations\" : true"));
    stop (proc);
  }
  {
    /* A flag wins over the file. */
    g_autofree char *url = NULL, *token = NULL;
    g_autoptr(GSubprocess) proc = spawn (&url, &token, "--state", path, "--server-build", "current", NULL);
    g_autoptr(JsonObject) s = first_web_sync (session, url, token);

    g_assert_true (json_object_has_member (s, "isAutoSyncEnabled"));
    stop (proc);
  }
  {
    g_autoptr(GSubprocess) bad = g_subprocess_new (G_SUBPROCESS_FLAGS_STDERR_SILENCE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                                                   exe, "--server-build", "ancient", NULL);

    g_assert_no_error (error);
    g_assert_true (g_subprocess_wait (bad, NULL, &error));
    g_assert_cmpint (g_subprocess_get_exit_status (bad), ==, 2);
  }
  soup_session_abort (session);
  g_unlink (path);
  g_rmdir (dir);
}

/* ---- Ferry's build probe and subfolder preview ---- */

/* Fastify checks the body before the handler looks the sync up: a body the build's schema
 * refuses is 422 even for an id no sync has, a valid one 404. */
static void
test_patch_validates_first (SbFixture *f, gconstpointer data)
{
  static const char unknown[] = SYNCS "/00000000-0000-4000-8000-000000000000";
  g_autoptr(SbResponse) current = NULL;
  g_autoptr(SbResponse) current_typed = NULL;
  g_autoptr(SbResponse) old = NULL;
  g_autoptr(SbResponse) old_unknown_key = NULL;

  /* Current: isEnabled is an unknown key, dropped; isAutoSyncEnabled is typed. */
  current = sb_requestf (f, "PATCH", f->token, "{\"isEnabled\":\"probe\"}", "%s", unknown);
  g_assert_cmpuint (current->status, ==, 404);
  current_typed = sb_requestf (f, "PATCH", f->token, "{\"isAutoSyncEnabled\":\"probe\"}", "%s", unknown);
  sb_assert_issue (current_typed, "isAutoSyncEnabled", "invalid_type");

  ferry_sandbox_set_server_build (f->sandbox, FERRY_SANDBOX_SERVER_BUILD_OLD);
  old = sb_requestf (f, "PATCH", f->token, "{\"isEnabled\":\"probe\"}", "%s", unknown);
  sb_assert_issue (old, "isEnabled", "invalid_type");
  old_unknown_key = sb_requestf (f, "PATCH", f->token, "{\"isAutoSyncEnabled\":\"probe\"}", "%s", unknown);
  g_assert_cmpuint (old_unknown_key->status, ==, 404);
}

/* GET /api/v3/secrets/raw?recursive=true: the folder's secrets and every subfolder's, each
 * with its own secretPath (secret-router.ts). */
static void
test_secrets_recursive (SbFixture *f, gconstpointer data)
{
  g_autoptr(SbResponse) flat = NULL;
  g_autoptr(SbResponse) deep = NULL;
  JsonArray *secrets;
  gboolean saw_api = FALSE, saw_backend = FALSE;

  flat = sb_requestf (f, "GET", f->token, NULL, "/api/v3/secrets/raw?workspaceId=%s&environment=dev&secretPath=/backend",
                      ferry_sandbox_get_project_id (f->sandbox, 0));
  g_assert_cmpuint (flat->status, ==, 200);
  secrets = sb_resp_array (flat, "secrets");
  for (guint i = 0; i < json_array_get_length (secrets); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (secrets, i), "secretPath"), ==, "/backend");

  deep = sb_requestf (f, "GET", f->token, NULL,
                      "/api/v3/secrets/raw?workspaceId=%s&environment=dev&secretPath=/backend&recursive=true",
                      ferry_sandbox_get_project_id (f->sandbox, 0));
  g_assert_cmpuint (deep->status, ==, 200);
  secrets = sb_resp_array (deep, "secrets");
  for (guint i = 0; i < json_array_get_length (secrets); i++)
    {
      JsonObject *secret = json_array_get_object_element (secrets, i);
      const char *path = json_object_get_string_member (secret, "secretPath");

      saw_backend |= g_strcmp0 (path, "/backend") == 0;
      if (g_strcmp0 (path, "/backend/api") == 0 && g_strcmp0 (json_object_get_string_member (secret, "secretKey"), "API_KEY") == 0)
        saw_api = TRUE;
    }
  g_assert_true (saw_backend);
  g_assert_true (saw_api);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn, seed) g_test_add (path, SbFixture, seed, sb_fixture_setup, fn, sb_fixture_teardown)
  ADD ("/sandbox/builds/old-shape", test_old_shape, DEMO);
  ADD ("/sandbox/builds/old-create-and-patch", test_old_create_and_patch, DEMO);
  ADD ("/sandbox/builds/old-erase", test_old_erase, DEMO);
  ADD ("/sandbox/builds/names-per-build", test_names_per_build, DEMO);
  ADD ("/sandbox/builds/old-drops-recursive", test_old_drops_recursive, DEMO);
  ADD ("/sandbox/builds/recursive", test_recursive, DEMO);
  ADD ("/sandbox/builds/recursive-many-conflicts", test_recursive_many_conflicts, DEMO);
  ADD ("/sandbox/builds/recursive-rules", test_recursive_rules, DEMO);
  ADD ("/sandbox/builds/block-duplicates", test_block_duplicates, DEMO);
  ADD ("/sandbox/builds/patch-validates-first", test_patch_validates_first, DEMO);
  ADD ("/sandbox/builds/secrets-recursive", test_secrets_recursive, DEMO);
  g_test_add_func ("/sandbox/builds/flags-and-state", test_flags_and_state);
  return g_test_run ();
}
