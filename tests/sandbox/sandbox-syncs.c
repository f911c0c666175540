/* sandbox-syncs.c: Azure DevOps Secret Syncs and their jobs on the main loop.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "sandbox-private.h"

#define MSG_IN_PROGRESS "A job for this sync is already in progress. Please try again shortly."


JsonObject *
sb_sync_find (FerrySandbox *self,
           const char   *id)
{
  return sb_find_by (sb_state_array (self, "syncs"), "id", id);
}

gboolean
sb_connection_in_use (FerrySandbox *self,
                      const char   *connection_id)
{
  return sb_find_by (sb_state_array (self, "syncs"), "connectionId", connection_id) != NULL;
}

JsonObject *
sb_sync_public (FerrySandbox *self,
                JsonObject   *sync)
{
  JsonObject *out = sb_public_copy (sync);
  JsonObject *conn = sb_connection_find (self, sb_get_str (sync, "connectionId"));
  JsonObject *folder = sb_folder_find (self, sb_get_str (sync, "folderId"));
  JsonObject *c = json_object_new ();

  json_object_set_string_member (c, "app", "azure-devops");
  json_object_set_string_member (c, "name", conn ? sb_get_str (conn, "name") : "");
  json_object_set_string_member (c, "id", sb_get_str (sync, "connectionId"));
  json_object_set_object_member (out, "connection", c);

  if (folder != NULL)
    {
      JsonObject *env = sb_env_find_id (self, sb_get_str (folder, "envId"), NULL);
      JsonObject *e = json_object_new ();
      JsonObject *f = json_object_new ();
      g_autofree char *path = sb_folder_path (self, folder);

      json_object_set_string_member (e, "slug", sb_get_str (env, "slug"));
      json_object_set_string_member (e, "name", sb_get_str (env, "name"));
      json_object_set_string_member (e, "id", sb_get_str (env, "id"));
      json_object_set_object_member (out, "environment", e);
      json_object_set_string_member (f, "id", sb_get_str (folder, "id"));
      json_object_set_string_member (f, "path", path);
      json_object_set_object_member (out, "folder", f);
    }
  else
    {
      json_object_set_null_member (out, "environment");
      json_object_set_null_member (out, "folder");
    }
  if (sb_old_build (self))
    {
      JsonObject *old = sb_old_build_shape (out);

      json_object_unref (out);
      return old;
    }
  return out;
}

/* ---- Validation ---- */

static gboolean
key_schema_valid (const char *schema)
{
  g_autoptr(GString) rest = g_string_new (schema);
  guint n;

  n = g_string_replace (rest, "{{secretKey}}", "", 0);
  if (n != 1)
    return FALSE;
  g_string_replace (rest, "{{environment}}", "", 0);
  for (gsize i = 0; i < rest->len; i++)
    {
      char c = rest->str[i];

      if (!g_ascii_isalnum (c) && c != '_' && c != '-' && c != '/')
        return FALSE;
    }
  return TRUE;
}

static JsonObject *
check_sync_options (FerrySandbox *self,
                    SbIssues     *issues,
                    JsonObject   *body)
{
  JsonObject *opts = sb_get_obj (body, "syncOptions");
  JsonObject *out;
  const char *behavior;
  JsonNode *n;

  if (opts == NULL)
    {
      sb_issue_type (issues, "object", json_object_has_member (body, "syncOptions") ? json_object_get_member (body, "syncOptions") : NULL,
                     "syncOptions", NULL);
      return NULL;
    }
  out = json_object_new ();
  behavior = sb_get_str (opts, "initialSyncBehavior");
  if (g_strcmp0 (behavior, "overwrite-destination") != 0)
    {
      JsonObject *issue = json_object_new ();

      if (!json_object_has_member (opts, "initialSyncBehavior"))
        {
          sb_issue_required (issues, "string", "syncOptions", "initialSyncBehavior", NULL);
          json_object_unref (issue);
        }
      else
        {
          json_object_set_string_member (issue, "received", behavior ? behavior : "");
          json_object_set_string_member (issue, "code", "invalid_literal");
          json_object_set_string_member (issue, "expected", "overwrite-destination");
          json_object_set_string_member (issue, "message", "Invalid literal value, expected \"overwrite-destination\"");
          sb_issue_add (issues, issue, "syncOptions", "initialSyncBehavior", NULL);
        }
    }
  else
    json_object_set_string_member (out, "initialSyncBehavior", behavior);

  if (json_object_has_member (opts, "keySchema") && !JSON_NODE_HOLDS_NULL (json_object_get_member (opts, "keySchema")))
    {
      g_autofree char *schema = sb_check_string (issues, opts, "keySchema", FALSE, 0, 255, "syncOptions");

      if (schema != NULL && *schema != '\0' && !key_schema_valid (schema))
        sb_issue_custom (issues,
                         "Key schema must include exactly one {{secretKey}} placeholder. It can also include "
                         "{{environment}} placeholders. Only alphanumeric characters (a-z, A-Z, 0-9), dashes (-), "
                         "underscores (_), and slashes (/) are allowed besides the placeholders.",
                         "syncOptions", "keySchema", NULL);
      else if (schema != NULL && *schema != '\0')
        json_object_set_string_member (out, "keySchema", schema);
    }
  n = json_object_has_member (opts, "disableSecretDeletion") ? json_object_get_member (opts, "disableSecretDeletion") : NULL;
  if (n != NULL)
    {
      if (JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_BOOLEAN)
        json_object_set_boolean_member (out, "disableSecretDeletion", json_node_get_boolean (n));
      else
        sb_issue_type (issues, "boolean", n, "syncOptions", "disableSecretDeletion", NULL);
    }
  /* Builds before recursive syncs (secret-sync-schemas.ts before 01c793a) do not know the key:
   * zod drops it unread. */
  n = json_object_has_member (opts, "recursive") && !sb_old_build (self) ? json_object_get_member (opts, "recursive") : NULL;
  if (n != NULL)
    {
      if (JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_BOOLEAN)
        json_object_set_boolean_member (out, "recursive", json_node_get_boolean (n));
      else
        sb_issue_type (issues, "boolean", n, "syncOptions", "recursive", NULL);
    }
  return out;
}

static JsonObject *
check_destination_config (SbIssues   *issues,
                          JsonObject *body)
{
  JsonObject *dest = sb_get_obj (body, "destinationConfig");
  JsonObject *out;
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;

  if (dest == NULL)
    {
      sb_issue_type (issues, "object", json_object_has_member (body, "destinationConfig") ? json_object_get_member (body, "destinationConfig") : NULL,
                     "destinationConfig", NULL);
      return NULL;
    }
  id = sb_check_string (issues, dest, "devopsProjectId", TRUE, 0, 0, "destinationConfig");
  if (id != NULL && *id == '\0')
    {
      sb_issue_too_small (issues, 1, "Project ID required", "destinationConfig", "devopsProjectId", NULL);
      g_clear_pointer (&id, g_free);
    }
  name = sb_check_string (issues, dest, "devopsProjectName", FALSE, 0, 0, "destinationConfig");
  if (id == NULL)
    return NULL;
  out = json_object_new ();
  json_object_set_string_member (out, "devopsProjectId", id);
  if (name != NULL)
    json_object_set_string_member (out, "devopsProjectName", name);
  return out;
}

static char *
normalize_path (const char *path)
{
  g_autofree char *p = g_strdup (path);
  gsize len = strlen (p);

  while (len > 1 && p[len - 1] == '/')
    p[--len] = '\0';
  if (p[0] != '/')
    return g_strconcat ("/", p, NULL);
  return g_steal_pointer (&p);
}

static gboolean
check_bool (SbIssues   *issues,
            JsonObject *body,
            const char *member,
            gboolean    def,
            gboolean   *present)
{
  JsonNode *n = json_object_has_member (body, member) ? json_object_get_member (body, member) : NULL;

  *present = n != NULL;
  if (n == NULL)
    return def;
  if (JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (n);
  sb_issue_type (issues, "boolean", n, member, NULL);
  return def;
}

static char *
check_description (SbIssues   *issues,
                   JsonObject *body,
                   gboolean   *present)
{
  JsonNode *n = json_object_has_member (body, "description") ? json_object_get_member (body, "description") : NULL;

  *present = n != NULL;
  if (n == NULL || JSON_NODE_HOLDS_NULL (n))
    return NULL;
  return sb_check_string (issues, body, "description", FALSE, 0, 256, NULL);
}

static JsonObject *
sync_find_by_name (FerrySandbox *self,
                   const char   *project_id,
                   const char   *name)
{
  JsonArray *syncs = sb_state_array (self, "syncs");

  for (guint i = 0; i < json_array_get_length (syncs); i++)
    {
      JsonObject *s = json_array_get_object_element (syncs, i);

      if (g_strcmp0 (sb_get_str (s, "projectId"), project_id) == 0 && g_strcmp0 (sb_get_str (s, "name"), name) == 0)
        return s;
    }
  return NULL;
}

/* Checks the connection can be used in @project_id; replies on failure. */
static gboolean
check_connection (SbRequest  *req,
                  const char *connection_id,
                  const char *project_id)
{
  JsonObject *conn = sb_connection_find (req->self, connection_id);

  if (conn == NULL)
    {
      sb_reply_errorf (req, 404, "NotFound", "Could not find App Connection with ID %s", connection_id);
      return FALSE;
    }
  if (g_strcmp0 (sb_get_str (conn, "app"), "azure-devops") != 0)
    {
      sb_reply_errorf (req, 400, "BadRequest", "App Connection with ID %s is not for App \"azure-devops\"", connection_id);
      return FALSE;
    }
  /* validateAppConnectionUsageById (app-connection-service.ts): a project's connection serves
   * that project only; the organization's serve every project. */
  if (sb_get_str (conn, "projectId") != NULL && g_strcmp0 (sb_get_str (conn, "projectId"), project_id) != 0)
    {
      sb_reply_errorf (req, 400, "BadRequest",
                       "You cannot connect project App Connection with ID \"%s\" from project with ID \"%s\" to project "
                       "with ID \"%s\"", connection_id, sb_get_str (conn, "projectId"), project_id);
      return FALSE;
    }
  return TRUE;
}

static JsonObject *
resolve_folder (SbRequest  *req,
                JsonObject *project,
                const char *env_slug,
                const char *path)
{
  JsonObject *env = sb_env_find_slug (project, env_slug);
  JsonObject *folder = env ? sb_folder_by_path (req->self, sb_get_str (env, "id"), path) : NULL;

  if (folder == NULL)
    sb_reply_errorf (req, 400, "BadRequest",
                     "Could not find folder with path \"%s\" in environment \"%s\" for project with ID \"%s\"",
                     path, env_slug, sb_get_str (project, "id"));
  return folder;
}

/* Another sync in the organization with the same destination: areSecretSyncDestinationConfigsEqual
 * with Azure DevOps' skip fields (devopsProjectName), i.e. the same devopsProjectId. Returns its
 * project id. */
static const char *
find_duplicate (FerrySandbox *self,
                JsonObject   *dest,
                const char   *exclude_sync_id)
{
  JsonArray *syncs = sb_state_array (self, "syncs");

  for (guint i = 0; i < json_array_get_length (syncs); i++)
    {
      JsonObject *s = json_array_get_object_element (syncs, i);

      if (g_strcmp0 (sb_get_str (s, "id"), exclude_sync_id) == 0)
        continue;
      if (g_strcmp0 (sb_get_str (sb_get_obj (s, "destinationConfig"), "devopsProjectId"),
                     sb_get_str (dest, "devopsProjectId")) == 0)
        return sb_get_str (s, "projectId");
    }
  return NULL;
}

/* The organization setting blockDuplicateSecretSyncDestinations (secret-sync-service.ts). */
static gboolean
check_duplicate (SbRequest  *req,
                 JsonObject *dest,
                 const char *exclude_sync_id)
{
  const char *project;

  if (!sb_block_duplicate_destinations (req->self))
    return TRUE;
  project = find_duplicate (req->self, dest, exclude_sync_id);
  if (project == NULL)
    return TRUE;
  sb_reply_errorf (req, 400, "BadRequest", "A secret sync with this destination already exists in project %s.", project);
  return FALSE;
}

static gboolean
check_flattenable (SbRequest  *req,
                   JsonObject *folder,
                   JsonObject *options)
{
  g_autofree char *conflict = NULL;

  if (!sb_get_bool (options, "recursive", FALSE) || sb_old_build (req->self))
    return TRUE;
  conflict = sb_sync_conflicts (req->self, folder, options);
  if (conflict == NULL)
    return TRUE;
  sb_reply_error (req, 400, "BadRequest", conflict);
  return FALSE;
}

/* ---- Routes ---- */

/* The audit-log event a route writes after it succeeded (secret-sync-endpoints.ts). */
static void
write_event (SbRequest  *req,
             const char *project_id,
             gboolean    org_scoped,
             const char *type,
             JsonObject *metadata)
{
  g_autoptr(JsonObject) info = sb_audit_info_from_request (req);

  sb_audit_write (req->self, info, project_id, org_scoped, type, metadata);
  req->state_changed = TRUE;
}

static JsonObject *
get_event_metadata (JsonObject *sync)
{
  JsonObject *meta = json_object_new ();

  json_object_set_string_member (meta, "syncId", sb_get_str (sync, "id"));
  json_object_set_string_member (meta, "destination", "azure-devops");
  return meta;
}

static void
create_cb (SbRequest *req)
{
  FerrySandbox *self = req->self;
  JsonObject *body = sb_body_obj (req);
  SbIssues *issues = sb_issues_new ();
  g_autofree char *name = NULL, *project_id = NULL, *description = NULL, *connection_id = NULL;
  g_autofree char *env_slug = NULL, *secret_path = NULL, *id = NULL, *now = NULL;
  JsonObject *options = NULL, *dest = NULL, *project, *folder, *sync, *meta;
  gboolean auto_sync, present, has_description;
  gboolean old = sb_old_build (self);

  if (body == NULL)
    {
      sb_issue_type (issues, "object", NULL, "", NULL);
      sb_reply_issues (req, issues);
      sb_issues_free (issues);
      return;
    }
  /* slugSchema ({ field: "name", max: 256 }) on current builds. */
  name = sb_check_name (self, issues, body, TRUE, 256);
  project_id = sb_check_string (issues, body, "projectId", TRUE, 0, 0, NULL);
  if (project_id != NULL && *project_id == '\0')
    {
      sb_issue_too_small (issues, 1, "Project ID required", "projectId", NULL);
      g_clear_pointer (&project_id, g_free);
    }
  description = check_description (issues, body, &has_description);
  connection_id = sb_check_uuid (issues, body, "connectionId", TRUE, NULL);
  env_slug = sb_check_slug (issues, body, "environment", TRUE, 64, "Environment", NULL);
  secret_path = sb_check_string (issues, body, "secretPath", TRUE, 0, 0, NULL);
  if (secret_path != NULL && *secret_path == '\0')
    {
      sb_issue_too_small (issues, 1, "Secret path required", "secretPath", NULL);
      g_clear_pointer (&secret_path, g_free);
    }
  /* The old build reads isEnabled and drops isAutoSyncEnabled as an unknown key. */
  auto_sync = check_bool (issues, body, old ? "isEnabled" : "isAutoSyncEnabled", TRUE, &present);
  options = check_sync_options (self, issues, body);
  dest = check_destination_config (issues, body);
  if (!sb_issues_empty (issues))
    {
      sb_reply_issues (req, issues);
      goto out;
    }

  project = sb_project_find (self, project_id);
  if (project == NULL)
    {
      sb_reply_errorf (req, 404, "NotFound", "Project with ID '%s' not found", project_id);
      goto out;
    }
  g_free (secret_path);
  secret_path = normalize_path (sb_get_str (body, "secretPath"));
  folder = resolve_folder (req, project, env_slug, secret_path);
  if (folder == NULL)
    goto out;
  /* secret-sync-service.ts checks a recursive sync can be flattened before it exists, so it is
   * not created only to fail on its first run. */
  if (!check_flattenable (req, folder, options))
    goto out;
  if (!check_duplicate (req, dest, NULL))
    goto out;
  if (!check_connection (req, connection_id, project_id))
    goto out;
  if (sync_find_by_name (self, project_id, name) != NULL)
    {
      sb_reply_errorf (req, 400, "BadRequest", "A Secret Sync with the name \"%s\" already exists for the project with ID \"%s\"",
                       name, project_id);
      goto out;
    }

  id = sb_new_uuid ();
  now = sb_now_iso ();
  sync = json_object_new ();
  json_object_set_string_member (sync, "id", id);
  json_object_set_string_member (sync, "name", name);
  sb_set_str_or_null (sync, "description", description);
  json_object_set_boolean_member (sync, "isAutoSyncEnabled", auto_sync);
  json_object_set_int_member (sync, "version", 1);
  json_object_set_string_member (sync, "projectId", project_id);
  json_object_set_string_member (sync, "folderId", sb_get_str (folder, "id"));
  json_object_set_string_member (sync, "connectionId", connection_id);
  json_object_set_string_member (sync, "createdAt", now);
  json_object_set_string_member (sync, "updatedAt", now);
  /* In the column order of backend/src/db/schemas/secret-syncs.ts. */
  for (const char *const *m = (const char *const[]) { "syncStatus", "lastSyncJobId", "lastSyncMessage", "lastSyncedAt",
                                                       "importStatus", "lastImportJobId", "lastImportMessage",
                                                       "lastImportedAt", "removeStatus", "lastRemoveJobId",
                                                       "lastRemoveMessage", "lastRemovedAt", NULL };
       *m != NULL; m++)
    json_object_set_null_member (sync, *m);
  json_object_set_string_member (sync, "destination", "azure-devops");

  /* create-secret-sync: { syncId, destination, ...req.body } with the body as zod parsed it
   * (schema order, absent optional keys left out, defaults filled in). */
  meta = json_object_new ();
  json_object_set_string_member (meta, "syncId", id);
  json_object_set_string_member (meta, "destination", "azure-devops");
  json_object_set_string_member (meta, "name", name);
  json_object_set_string_member (meta, "projectId", project_id);
  if (has_description)
    sb_set_str_or_null (meta, "description", description);
  json_object_set_string_member (meta, "connectionId", connection_id);
  json_object_set_string_member (meta, "environment", env_slug);
  json_object_set_string_member (meta, "secretPath", secret_path);
  json_object_set_boolean_member (meta, old ? "isEnabled" : "isAutoSyncEnabled", auto_sync);
  json_object_set_object_member (meta, "syncOptions", sb_public_copy (options));
  json_object_set_object_member (meta, "destinationConfig", sb_public_copy (dest));

  json_object_set_object_member (sync, "destinationConfig", g_steal_pointer (&dest));
  json_object_set_object_member (sync, "syncOptions", g_steal_pointer (&options));
  json_array_add_object_element (sb_state_array (self, "syncs"), sync);
  /* The job the service queues after create has no auditLogInfo: the platform runs it. */
  if (auto_sync)
    sb_sync_start_job (self, sync, SB_JOB_SYNC, FALSE, NULL);
  write_event (req, project_id, FALSE, "create-secret-sync", meta);
  sb_reply_object (req, "secretSync", sb_sync_public (self, sync));

out:
  sb_issues_free (issues);
  g_clear_pointer (&options, json_object_unref);
  g_clear_pointer (&dest, json_object_unref);
}

static JsonObject *
lookup_param (SbRequest *req)
{
  const char *id = sb_param (req, "syncId");
  JsonObject *sync;

  if (!sb_is_uuid (id))
    {
      SbIssues *issues = sb_issues_new ();

      sb_issue_uuid (issues, "syncId", NULL);
      sb_reply_issues (req, issues);
      sb_issues_free (issues);
      return NULL;
    }
  sync = sb_sync_find (req->self, id);
  if (sync == NULL)
    {
      sb_reply_errorf (req, 404, "NotFound", "Could not find Azure DevOps Sync with ID \"%s\"", id);
      return NULL;
    }
  return sync;
}

static void
get_cb (SbRequest *req)
{
  JsonObject *sync = lookup_param (req);

  if (sync == NULL)
    return;
  write_event (req, sb_get_str (sync, "projectId"), FALSE, "get-secret-sync", get_event_metadata (sync));
  sb_reply_object (req, "secretSync", sb_sync_public (req->self, sync));
}

static gboolean
require_project_query (SbRequest *req)
{
  if (sb_query (req, "projectId") == NULL || *sb_query (req, "projectId") == '\0')
    {
      SbIssues *issues = sb_issues_new ();

      if (sb_query (req, "projectId") == NULL)
        sb_issue_required (issues, "string", "projectId", NULL);
      else
        sb_issue_too_small (issues, 1, "Project ID required", "projectId", NULL);
      sb_reply_issues (req, issues);
      sb_issues_free (issues);
      return FALSE;
    }
  return TRUE;
}

static void
get_by_name_cb (SbRequest *req)
{
  const char *name = sb_param (req, "syncName");
  JsonObject *sync;

  if (!require_project_query (req))
    return;
  sync = sync_find_by_name (req->self, sb_query (req, "projectId"), name);
  if (sync == NULL)
    {
      sb_reply_errorf (req, 404, "NotFound", "Could not find Azure DevOps Sync with name \"%s\"", name);
      return;
    }
  write_event (req, sb_query (req, "projectId"), FALSE, "get-secret-sync", get_event_metadata (sync));
  sb_reply_object (req, "secretSync", sb_sync_public (req->self, sync));
}

/* GET …/azure-devops (per destination) and GET /api/v1/secret-syncs (all): the same list, but
 * their get-secret-syncs events differ (secret-sync-endpoints.ts, secret-sync-router.ts). */
static void
list_syncs (SbRequest *req,
            gboolean   per_destination)
{
  JsonArray *syncs = sb_state_array (req->self, "syncs");
  JsonArray *out;
  JsonArray *ids;
  JsonObject *obj, *meta;

  if (!require_project_query (req))
    return;
  if (sb_project_find (req->self, sb_query (req, "projectId")) == NULL)
    {
      sb_reply_errorf (req, 404, "NotFound", "Project with ID '%s' not found", sb_query (req, "projectId"));
      return;
    }
  out = json_array_new ();
  ids = json_array_new ();
  for (guint i = 0; i < json_array_get_length (syncs); i++)
    {
      JsonObject *s = json_array_get_object_element (syncs, i);

      if (g_strcmp0 (sb_get_str (s, "projectId"), sb_query (req, "projectId")) == 0)
        {
          json_array_add_object_element (out, sb_sync_public (req->self, s));
          json_array_add_string_element (ids, sb_get_str (s, "id"));
        }
    }
  meta = json_object_new ();
  if (per_destination)
    {
      json_object_set_string_member (meta, "destination", "azure-devops");
      json_object_set_int_member (meta, "count", json_array_get_length (ids));
      json_object_set_array_member (meta, "syncIds", ids);
    }
  else
    {
      json_object_set_array_member (meta, "syncIds", ids);
      json_object_set_int_member (meta, "count", json_array_get_length (out));
    }
  write_event (req, sb_query (req, "projectId"), FALSE, "get-secret-syncs", meta);
  obj = json_object_new ();
  json_object_set_array_member (obj, "secretSyncs", out);
  sb_reply_object (req, NULL, obj);
}

static void
list_cb (SbRequest *req)
{
  list_syncs (req, TRUE);
}

static void
patch_cb (SbRequest *req)
{
  FerrySandbox *self = req->self;
  const char *id = sb_param (req, "syncId");
  JsonObject *sync = sb_is_uuid (id) ? sb_sync_find (self, id) : NULL;
  JsonObject *body = sb_body_obj (req);
  SbIssues *issues;
  g_autofree char *name = NULL, *description = NULL, *connection_id = NULL, *env_slug = NULL, *secret_path = NULL;
  g_autofree char *now = NULL;
  JsonObject *options = NULL, *dest = NULL, *folder = NULL, *meta;
  gboolean has_description = FALSE, has_auto = FALSE, auto_sync;

  /* Fastify validates params and body before the handler looks the sync up
   * (secret-sync-endpoints.ts), so a body the schema refuses is 422 even for an id no
   * sync has; only a valid one gets the service's 404. */
  if (!sb_is_uuid (id) || (sync == NULL && body == NULL))
    {
      lookup_param (req);
      return;
    }
  if (body == NULL)
    {
      sb_reply_object (req, "secretSync", sb_sync_public (self, sync));
      return;
    }
  issues = sb_issues_new ();
  if (json_object_has_member (body, "name"))
    name = sb_check_name (self, issues, body, TRUE, 256);
  description = check_description (issues, body, &has_description);
  if (json_object_has_member (body, "connectionId"))
    connection_id = sb_check_uuid (issues, body, "connectionId", TRUE, NULL);
  if (json_object_has_member (body, "environment"))
    env_slug = sb_check_slug (issues, body, "environment", TRUE, 64, "Environment", NULL);
  if (json_object_has_member (body, "secretPath"))
    secret_path = sb_check_string (issues, body, "secretPath", TRUE, 1, 0, NULL);
  auto_sync = check_bool (issues, body, sb_old_build (self) ? "isEnabled" : "isAutoSyncEnabled",
                          sync != NULL ? sb_get_bool (sync, "isAutoSyncEnabled", TRUE) : TRUE, &has_auto);
  if (json_object_has_member (body, "syncOptions"))
    options = check_sync_options (self, issues, body);
  if (json_object_has_member (body, "destinationConfig"))
    dest = check_destination_config (issues, body);
  if (!sb_issues_empty (issues))
    {
      sb_reply_issues (req, issues);
      goto out;
    }
  if (sync == NULL)
    {
      lookup_param (req);
      goto out;
    }

  /* Checked only when the destination or the connection changes. */
  if ((dest != NULL || connection_id != NULL)
      && !check_duplicate (req, dest ? dest : sb_get_obj (sync, "destinationConfig"), sb_get_str (sync, "id")))
    goto out;
  if (connection_id != NULL && !check_connection (req, connection_id, sb_get_str (sync, "projectId")))
    goto out;
  if (env_slug != NULL || secret_path != NULL)
    {
      /* A missing half comes from the sync's current source (none if its folder is gone). */
      JsonObject *current = sb_folder_find (self, sb_get_str (sync, "folderId"));
      JsonObject *current_env = current ? sb_env_find_id (self, sb_get_str (current, "envId"), NULL) : NULL;
      g_autofree char *current_path = current ? sb_folder_path (self, current) : NULL;
      g_autofree char *norm = NULL;
      const char *env_use = env_slug ? env_slug : sb_get_str (current_env, "slug");

      if (env_use == NULL || (secret_path == NULL && current_path == NULL))
        {
          sb_reply_error (req, 400, "BadRequest", "Must specify both source environment and secret path");
          goto out;
        }
      norm = normalize_path (secret_path ? secret_path : current_path);
      folder = resolve_folder (req, sb_project_find (self, sb_get_str (sync, "projectId")), env_use, norm);
      if (folder == NULL)
        goto out;
    }
  /* Every update of a recursive sync checks the subtree again, with the options and source the
   * row will have afterwards. */
  {
    JsonObject *source = folder ? folder : sb_folder_find (self, sb_get_str (sync, "folderId"));

    if (source != NULL && !check_flattenable (req, source, options ? options : sb_get_obj (sync, "syncOptions")))
      goto out;
  }
  if (name != NULL && g_strcmp0 (name, sb_get_str (sync, "name")) != 0
      && sync_find_by_name (self, sb_get_str (sync, "projectId"), name) != NULL)
    {
      sb_reply_errorf (req, 400, "BadRequest", "A Secret Sync with the name \"%s\" already exists for the project with ID \"%s\"",
                       name, sb_get_str (sync, "projectId"));
      goto out;
    }

  /* update-secret-sync: { syncId, destination, ...req.body } (only the keys sent). */
  meta = json_object_new ();
  json_object_set_string_member (meta, "syncId", sb_get_str (sync, "id"));
  json_object_set_string_member (meta, "destination", "azure-devops");
  if (name != NULL)
    json_object_set_string_member (meta, "name", name);
  if (connection_id != NULL)
    json_object_set_string_member (meta, "connectionId", connection_id);
  if (has_description)
    sb_set_str_or_null (meta, "description", description);
  if (env_slug != NULL)
    json_object_set_string_member (meta, "environment", env_slug);
  if (secret_path != NULL)
    {
      gsize n = strlen (secret_path);

      if (n > 1 && secret_path[n - 1] == '/')
        secret_path[n - 1] = '\0';
      json_object_set_string_member (meta, "secretPath", secret_path);
    }
  if (has_auto)
    json_object_set_boolean_member (meta, sb_old_build (self) ? "isEnabled" : "isAutoSyncEnabled", auto_sync);
  if (options != NULL)
    json_object_set_object_member (meta, "syncOptions", sb_public_copy (options));
  if (dest != NULL)
    json_object_set_object_member (meta, "destinationConfig", sb_public_copy (dest));

  if (name != NULL)
    json_object_set_string_member (sync, "name", name);
  if (has_description)
    sb_set_str_or_null (sync, "description", description);
  if (connection_id != NULL)
    json_object_set_string_member (sync, "connectionId", connection_id);
  if (folder != NULL)
    json_object_set_string_member (sync, "folderId", sb_get_str (folder, "id"));
  if (has_auto)
    json_object_set_boolean_member (sync, "isAutoSyncEnabled", auto_sync);
  if (options != NULL)
    json_object_set_object_member (sync, "syncOptions", g_steal_pointer (&options));
  if (dest != NULL)
    json_object_set_object_member (sync, "destinationConfig", g_steal_pointer (&dest));
  now = sb_now_iso ();
  json_object_set_string_member (sync, "updatedAt", now);
  json_object_set_int_member (sync, "version", sb_get_int (sync, "version", 1) + 1);
  /* Queued without auditLogInfo, like after create. */
  if (sb_get_bool (sync, "isAutoSyncEnabled", FALSE) && !sb_sync_job_active (self, sync)
      && sb_get_str (sync, "folderId") != NULL)
    sb_sync_start_job (self, sync, SB_JOB_SYNC, FALSE, NULL);
  write_event (req, sb_get_str (sync, "projectId"), FALSE, "update-secret-sync", meta);
  sb_reply_object (req, "secretSync", sb_sync_public (self, sync));

out:
  sb_issues_free (issues);
  g_clear_pointer (&options, json_object_unref);
  g_clear_pointer (&dest, json_object_unref);
}

/* delete-secret-sync goes to the organization (orgId, no projectId), so a project filter on
 * the audit log does not find it (secret-sync-endpoints.ts). */
static void
write_delete_event (SbRequest  *req,
                    const char *sync_id,
                    gboolean    remove_secrets)
{
  JsonObject *meta = json_object_new ();

  json_object_set_string_member (meta, "destination", "azure-devops");
  json_object_set_string_member (meta, "syncId", sync_id);
  json_object_set_boolean_member (meta, "removeSecrets", remove_secrets);
  write_event (req, NULL, TRUE, "delete-secret-sync", meta);
}

static void
delete_cb (SbRequest *req)
{
  FerrySandbox *self = req->self;
  JsonObject *sync = lookup_param (req);
  const char *remove = sb_query (req, "removeSecrets");

  if (sync == NULL)
    return;
  if (remove != NULL && strcmp (remove, "true") != 0 && strcmp (remove, "false") != 0)
    {
      SbIssues *issues = sb_issues_new ();
      JsonObject *issue = json_object_new ();
      JsonArray *options = json_array_new ();
      g_autofree char *m = g_strdup_printf ("Invalid enum value. Expected 'true' | 'false', received '%s'", remove);

      json_array_add_string_element (options, "true");
      json_array_add_string_element (options, "false");
      json_object_set_string_member (issue, "received", remove);
      json_object_set_string_member (issue, "code", "invalid_enum_value");
      json_object_set_array_member (issue, "options", options);
      json_object_set_string_member (issue, "message", m);
      sb_issue_add (issues, issue, "removeSecrets", NULL);
      sb_reply_issues (req, issues);
      sb_issues_free (issues);
      return;
    }
  if (g_strcmp0 (remove, "true") == 0)
    {
      if (sb_get_str (sync, "folderId") == NULL)
        {
          sb_reply_error (req, 400, "BadRequest", SB_MSG_NO_FOLDER);
          return;
        }
      if (sb_sync_job_active (self, sync))
        {
          sb_reply_error (req, 400, "BadRequest", MSG_IN_PROGRESS);
          return;
        }
      /* queueSecretSyncRemoveSecretsById ({ syncId, deleteSyncOnComplete }): no auditLogInfo. */
      sb_sync_start_job (self, sync, SB_JOB_REMOVE, TRUE, NULL);
      write_delete_event (req, sb_get_str (sync, "id"), TRUE);
      sb_reply_object (req, "secretSync", sb_sync_public (self, sync));
      return;
    }
  {
    JsonObject *out = sb_sync_public (self, sync);

    g_hash_table_remove (self->jobs, sb_get_str (sync, "id"));
    sb_remove_by (sb_state_array (self, "syncs"), "id", sb_get_str (out, "id"));
    write_delete_event (req, sb_get_str (out, "id"), FALSE);
    sb_reply_object (req, "secretSync", out);
  }
}

static void
trigger (SbRequest *req,
         SbJobAction  action)
{
  JsonObject *sync = lookup_param (req);

  if (sync == NULL)
    return;
  /* Same order as secret-sync-service.ts: the folder, then the job lock. */
  if (sb_get_str (sync, "folderId") == NULL)
    {
      sb_reply_error (req, 400, "BadRequest", SB_MSG_NO_FOLDER);
      return;
    }
  if (sb_sync_job_active (req->self, sync))
    {
      sb_reply_error (req, 400, "BadRequest", MSG_IN_PROGRESS);
      return;
    }
  {
    /* Sync Now and Remove Secrets pass auditLogInfo: the caller is the job's actor. */
    g_autoptr(JsonObject) info = sb_audit_info_from_request (req);

    sb_sync_start_job (req->self, sync, action, FALSE, info);
  }
  req->state_changed = TRUE;
  sb_reply_object (req, "secretSync", sb_sync_public (req->self, sync));
}

static void
sync_secrets_cb (SbRequest *req)
{
  trigger (req, SB_JOB_SYNC);
}

static void
remove_secrets_cb (SbRequest *req)
{
  trigger (req, SB_JOB_REMOVE);
}

static void
import_secrets_cb (SbRequest *req)
{
  sb_reply_error (req, 400, "BadRequest", "Azure DevOps does not support importing secrets.");
}

static void
check_destination_cb (SbRequest *req)
{
  JsonObject *body = sb_body_obj (req);
  SbIssues *issues = sb_issues_new ();
  g_autoptr(JsonObject) dest = NULL;
  g_autofree char *project_id = NULL;
  g_autofree char *exclude = NULL;
  JsonObject *obj;

  if (body == NULL)
    {
      sb_issue_type (issues, "object", NULL, "", NULL);
      sb_reply_issues (req, issues);
      sb_issues_free (issues);
      return;
    }
  dest = check_destination_config (issues, body);
  project_id = sb_check_uuid (issues, body, "projectId", TRUE, NULL);
  exclude = sb_check_uuid (issues, body, "excludeSyncId", FALSE, NULL);
  if (!sb_issues_empty (issues))
    {
      sb_reply_issues (req, issues);
      sb_issues_free (issues);
      return;
    }
  sb_issues_free (issues);

  obj = json_object_new ();
  {
    const char *duplicate = find_duplicate (req->self, dest, exclude);

    json_object_set_boolean_member (obj, "hasDuplicate", duplicate != NULL);
    if (duplicate != NULL)
      json_object_set_string_member (obj, "duplicateProjectId", duplicate);
  }
  sb_reply_object (req, NULL, obj);
}

static JsonObject *
sync_option (const char *name,
             const char *destination,
             const char *connection,
             gboolean    can_import)
{
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "name", name);
  json_object_set_string_member (o, "destination", destination);
  json_object_set_string_member (o, "connection", connection);
  json_object_set_boolean_member (o, "canImportSecrets", can_import);
  return o;
}

static void
options_cb (SbRequest *req)
{
  JsonArray *out = json_array_new ();
  JsonObject *obj = json_object_new ();

  json_array_add_object_element (out, sync_option ("AWS Parameter Store", "aws-parameter-store", "aws", TRUE));
  json_array_add_object_element (out, sync_option ("GitHub", "github", "github", FALSE));
  json_array_add_object_element (out, sync_option ("Azure Key Vault", "azure-key-vault", "azure-key-vault", TRUE));
  json_array_add_object_element (out, sync_option ("Azure DevOps", "azure-devops", "azure-devops", FALSE));
  json_object_set_array_member (obj, "secretSyncOptions", out);
  sb_reply_object (req, NULL, obj);
}

static void
list_all_cb (SbRequest *req)
{
  list_syncs (req, FALSE);
}

const SbRoute sb_sync_routes[] = {
  { "GET", "/api/v1/secret-syncs/options", SB_AUTH_ANY, options_cb },
  { "GET", "/api/v1/secret-syncs", SB_AUTH_ANY, list_all_cb },
  { "GET", "/api/v1/secret-syncs/azure-devops", SB_AUTH_ANY, list_cb },
  { "POST", "/api/v1/secret-syncs/azure-devops/check-destination", SB_AUTH_ANY, check_destination_cb },
  { "GET", "/api/v1/secret-syncs/azure-devops/sync-name/:syncName", SB_AUTH_ANY, get_by_name_cb },
  { "GET", "/api/v1/secret-syncs/azure-devops/:syncId", SB_AUTH_ANY, get_cb },
  { "POST", "/api/v1/secret-syncs/azure-devops", SB_AUTH_ANY, create_cb },
  { "PATCH", "/api/v1/secret-syncs/azure-devops/:syncId", SB_AUTH_ANY, patch_cb },
  { "DELETE", "/api/v1/secret-syncs/azure-devops/:syncId", SB_AUTH_ANY, delete_cb },
  { "POST", "/api/v1/secret-syncs/azure-devops/:syncId/sync-secrets", SB_AUTH_ANY, sync_secrets_cb },
  { "POST", "/api/v1/secret-syncs/azure-devops/:syncId/remove-secrets", SB_AUTH_ANY, remove_secrets_cb },
  { "POST", "/api/v1/secret-syncs/azure-devops/:syncId/import-secrets", SB_AUTH_ANY, import_secrets_cb },
  { NULL, NULL, 0, NULL },
};
