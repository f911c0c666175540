/* sandbox-sync-jobs.c: the jobs of Secret Syncs (sync and remove) on the main loop, and what
 * they do on the Azure DevOps side.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Modelled on backend/src/services/secret-sync/secret-sync-queue.ts: pending → running →
 * succeeded/failed, one job per sync at a time, no retries.
 */

#include <string.h>

#include "sandbox-private.h"

typedef struct
{
  FerrySandbox *self;
  char         *sync_id;
  char         *job_id;
  SbJobAction   action;
  guint         phase;
  GSource      *source;
  gboolean      delete_after;
  JsonObject   *audit_info;   /* who triggered it, or NULL: the platform */
} SbJob;

void
sb_job_free (gpointer data)
{
  SbJob *job = data;

  if (job->source != NULL)
    {
      g_source_destroy (job->source);
      g_source_unref (job->source);
    }
  g_clear_pointer (&job->audit_info, json_object_unref);
  g_free (job->sync_id);
  g_free (job->job_id);
  g_free (job);
}

void
sb_jobs_stop_all (FerrySandbox *self)
{
  g_hash_table_remove_all (self->jobs);
}

/* ---- Jobs ---- */

static void
set_capped_message (JsonObject *sync,
                    const char *member,
                    const char *message)
{
  if (message == NULL)
    {
      json_object_set_null_member (sync, member);
      return;
    }
  json_object_set_string_member (sync, member, message);
}

/* parseSyncErrorMessage () in backend/src/services/secret-sync/secret-sync-fns.ts: at most
 * 1024 characters, longer ones cut to 1021 and "..." appended. */
static char *
cap_message (const char *message)
{
  g_autofree char *head = NULL;

  if (message == NULL || g_utf8_strlen (message, -1) <= 1024)
    return g_strdup (message);
  head = g_utf8_substring (message, 0, 1021);
  return g_strconcat (head, "...", NULL);
}

/* A SecretSyncError renders as JSON.stringify ({ secretKey, error }) (secretKey absent here). */
static char *
sync_error (const char *message)
{
  g_autoptr(JsonObject) obj = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (obj, "error", message);
  json_node_set_object (node, obj);
  return sb_json_to_string (node);
}

/* Handlebars escapes its output like this. */
static char *
html_escape (const char *s)
{
  GString *out = g_string_new ("");

  for (const char *p = s; *p; p++)
    {
      switch (*p)
        {
        case '&': g_string_append (out, "&amp;"); break;
        case '<': g_string_append (out, "&lt;"); break;
        case '>': g_string_append (out, "&gt;"); break;
        case '"': g_string_append (out, "&quot;"); break;
        case '\'': g_string_append (out, "&#x27;"); break;
        case '`': g_string_append (out, "&#x60;"); break;
        case '=': g_string_append (out, "&#x3D;"); break;
        default: g_string_append_c (out, *p); break;
        }
    }
  return g_string_free (out, FALSE);
}

static char *
render_key (const char *schema,
            const char *key,
            const char *env_slug)
{
  GString *out;
  g_autofree char *k = html_escape (key);
  g_autofree char *e = html_escape (env_slug);

  if (schema == NULL || *schema == '\0')
    return g_strdup (key);
  out = g_string_new (schema);
  g_string_replace (out, "{{secretKey}}", k, 0);
  g_string_replace (out, "{{environment}}", e, 0);
  return g_string_free (out, FALSE);
}

/* ---- What a sync sends (secret-sync-recursive-fns.ts, secret-sync-payload.ts) ---- */

typedef struct
{
  const char *key;     /* the Infisical key */
  char       *dest;    /* the destination key (key schema applied) */
  char       *path;    /* the folder's path */
  const char *value;
} SbEntry;

static void
entry_free (gpointer data)
{
  SbEntry *e = data;

  g_free (e->dest);
  g_free (e->path);
  g_free (e);
}

static void
add_subtree (FerrySandbox *self,
             JsonObject   *folder,
             GPtrArray    *out)
{
  JsonArray *folders = sb_state_array (self, "folders");

  g_ptr_array_add (out, folder);
  for (guint i = 0; i < json_array_get_length (folders); i++)
    {
      JsonObject *child = json_array_get_object_element (folders, i);

      if (g_strcmp0 (sb_get_str (child, "parentId"), sb_get_str (folder, "id")) == 0)
        add_subtree (self, child, out);
    }
}

/* Every secret the sync covers: its folder's, and with recursive every folder's beneath it
 * (getSyncedFolders). Entries are in folder order (the folder, then its subfolders depth
 * first), each folder's secrets in the order they were written. */
static GPtrArray *
collect_entries (FerrySandbox *self,
                 JsonObject   *folder,
                 JsonObject   *options,
                 const char   *env_slug)
{
  g_autoptr(GPtrArray) folders = g_ptr_array_new ();
  GPtrArray *entries = g_ptr_array_new_with_free_func (entry_free);
  JsonArray *secrets = sb_state_array (self, "secrets");
  const char *schema = sb_get_str (options, "keySchema");

  if (sb_get_bool (options, "recursive", FALSE) && !sb_old_build (self))
    add_subtree (self, folder, folders);
  else
    g_ptr_array_add (folders, folder);
  for (guint f = 0; f < folders->len; f++)
    {
      JsonObject *fo = folders->pdata[f];

      for (guint i = 0; i < json_array_get_length (secrets); i++)
        {
          JsonObject *secret = json_array_get_object_element (secrets, i);
          SbEntry *e;

          if (g_strcmp0 (sb_get_str (secret, "folderId"), sb_get_str (fo, "id")) != 0)
            continue;
          e = g_new0 (SbEntry, 1);
          e->key = sb_get_str (secret, "secretKey");
          e->dest = render_key (schema, e->key, env_slug);
          e->path = sb_folder_path (self, fo);
          e->value = sb_get_str (secret, "_value");
          g_ptr_array_add (entries, e);
        }
    }
  return entries;
}

static gint
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

/* findFlattenConflicts () and buildConflictError (): destination keys used by more than one
 * entry, the first five with their folders (sorted), and how many more. NULL without any. */
static char *
conflict_message (GPtrArray *entries)
{
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new ();
  GString *detail;
  g_autofree char *text = NULL;

  for (guint i = 0; i < entries->len; i++)
    {
      SbEntry *e = entries->pdata[i];
      GPtrArray *paths = g_hash_table_lookup (groups, e->dest);

      if (paths == NULL)
        {
          paths = g_ptr_array_new ();
          g_hash_table_insert (groups, e->dest, paths);
          g_ptr_array_add (order, e->dest);
        }
      g_ptr_array_add (paths, e->path);
    }
  for (guint i = 0; i < order->len; i++)
    if (((GPtrArray *) g_hash_table_lookup (groups, order->pdata[i]))->len > 1)
      g_ptr_array_add (conflicts, order->pdata[i]);
  if (conflicts->len == 0)
    return NULL;

  detail = g_string_new ("");
  for (guint i = 0; i < MIN (conflicts->len, 5); i++)
    {
      GPtrArray *paths = g_hash_table_lookup (groups, conflicts->pdata[i]);

      g_ptr_array_sort (paths, compare_strings);
      g_string_append_printf (detail, "%s\"%s\" in ", i ? "; " : "", (const char *) conflicts->pdata[i]);
      for (guint p = 0; p < paths->len; p++)
        g_string_append_printf (detail, "%s%s", p ? " and " : "", (const char *) paths->pdata[p]);
    }
  if (conflicts->len > 5)
    g_string_append_printf (detail, ", and %u more", conflicts->len - 5);
  text = g_string_free (detail, FALSE);
  return g_strdup_printf ("This destination stores secrets in a single flat list, so each name can be used only once. "
                          "These names are used in more than one folder: %s. Rename or move one secret in each pair, "
                          "or point the sync at a narrower secret path.", text);
}

char *
sb_sync_conflicts (FerrySandbox *self,
                   JsonObject   *folder,
                   JsonObject   *options)
{
  JsonObject *env = sb_env_find_id (self, sb_get_str (folder, "envId"), NULL);
  g_autoptr(GPtrArray) entries = collect_entries (self, folder, options, sb_get_str (env, "slug"));

  return conflict_message (entries);
}

/* Runs the Azure DevOps side of a job; returns NULL on success or the failure message. */
static char *
run_job (FerrySandbox *self,
         JsonObject   *sync,
         SbJobAction   action)
{
  JsonObject *conn = sb_connection_find (self, sb_get_str (sync, "connectionId"));
  JsonObject *folder = sb_folder_find (self, sb_get_str (sync, "folderId"));
  JsonObject *dest = sb_get_obj (sync, "destinationConfig");
  const char *devops_project_id = sb_get_str (dest, "devopsProjectId");
  JsonObject *env, *project;
  const char *org;
  guint status = 0;
  char *azure;

  if (folder == NULL)
    return sync_error ("Invalid Secret Sync source configuration: folder no longer exists. Please update source "
                       "environment and secret path.");
  if (conn == NULL)
    return g_strdup_printf ("Could not find App Connection with ID %s", sb_get_str (sync, "connectionId"));
  azure = sb_devops_check_auth (self, conn, &status);
  if (azure != NULL)
    return azure;
  org = sb_get_str (sb_get_obj (conn, "credentials"), "orgName");
  project = sb_find_by (sb_get_arr (sb_devops_org (self, org), "projects"), "id", devops_project_id);
  if (project == NULL || sb_get_bool (project, "_deleted", FALSE))
    return sb_devops_project_missing (devops_project_id);

  env = sb_env_find_id (self, sb_get_str (folder, "envId"), NULL);
  if (action == SB_JOB_SYNC)
    {
      g_autoptr(GPtrArray) entries = collect_entries (self, folder, sb_get_obj (sync, "syncOptions"),
                                                      sb_get_str (env, "slug"));
      g_autoptr(JsonObject) variables = json_object_new ();
      g_autofree char *conflict = conflict_message (entries);

      /* flatten () refuses the payload of a subtree that has drifted into a duplicate name;
       * it is a SecretSyncError that is not retried. */
      if (conflict != NULL)
        return sync_error (conflict);
      for (guint i = 0; i < entries->len; i++)
        {
          SbEntry *e = entries->pdata[i];
          JsonObject *v = json_object_new ();

          json_object_set_string_member (v, "value", e->value ? e->value : "");
          json_object_set_boolean_member (v, "isSecret", TRUE);
          json_object_set_object_member (variables, e->dest, v);
        }
      sb_devops_put_group (self, project, sb_get_str (env, "name"), variables);
    }
  else
    sb_devops_delete_group (self, project, sb_get_str (env, "name"));
  return NULL;
}

static const char *status_member[] = { "syncStatus", "removeStatus" };
static const char *job_member[] = { "lastSyncJobId", "lastRemoveJobId" };
static const char *message_member[] = { "lastSyncMessage", "lastRemoveMessage" };
static const char *at_member[] = { "lastSyncedAt", "lastRemovedAt" };
static const char *event_type[] = { "secret-sync-sync-secrets", "secret-sync-remove-secrets" };
static const char *event_message[] = { "syncMessage", "removeMessage" };

/* The event the queue writes in the finally block of each job (secret-sync-queue.ts), with the
 * metadata keys of SecretSyncSyncSecretsEvent / SecretSyncRemoveSecretsEvent. */
JsonObject *
sb_sync_job_event_metadata (JsonObject  *sync,
                            SbJobAction  action,
                            const char  *job_id,
                            const char  *ran_at,
                            const char  *status,
                            const char  *message)
{
  JsonObject *meta = json_object_new ();
  JsonObject *options = sb_get_obj (sync, "syncOptions");
  JsonObject *dest = sb_get_obj (sync, "destinationConfig");

  json_object_set_string_member (meta, "syncId", sb_get_str (sync, "id"));
  json_object_set_object_member (meta, "syncOptions", options ? sb_public_copy (options) : json_object_new ());
  json_object_set_string_member (meta, "destination", "azure-devops");
  json_object_set_object_member (meta, "destinationConfig", dest ? sb_public_copy (dest) : json_object_new ());
  sb_set_str_or_null (meta, "folderId", sb_get_str (sync, "folderId"));
  json_object_set_string_member (meta, "connectionId", sb_get_str (sync, "connectionId"));
  json_object_set_string_member (meta, "jobRanAt", ran_at);
  json_object_set_string_member (meta, "jobId", job_id);
  json_object_set_string_member (meta, status_member[action], status);
  sb_set_str_or_null (meta, event_message[action], message);
  return meta;
}

static gboolean
job_step_cb (gpointer data)
{
  SbJob *job = data;
  FerrySandbox *self = job->self;
  JsonObject *sync = sb_sync_find (self, job->sync_id);

  /* This source is being dispatched and ends with G_SOURCE_REMOVE. */
  g_clear_pointer (&job->source, g_source_unref);
  if (sync == NULL)
    {
      g_hash_table_remove (self->jobs, job->sync_id);
      return G_SOURCE_REMOVE;
    }

  if (job->phase == 0)
    {
      json_object_set_string_member (sync, status_member[job->action], "running");
      json_object_set_string_member (sync, job_member[job->action], job->job_id);
      job->phase = 1;
      job->source = sb_timeout_source (self, self->job_delay_ms, job_step_cb, job);
      sb_state_changed (self);
      return G_SOURCE_REMOVE;
    }
  else
    {
      g_autofree char *raw = run_job (self, sync, job->action);
      g_autofree char *failure = cap_message (raw);
      g_autofree char *now = sb_now_iso ();
      const char *status = failure ? "failed" : "succeeded";

      JsonObject *meta = sb_sync_job_event_metadata (sync, job->action, job->job_id, now, status, failure);

      if (sb_old_build (self))
        {
          /* The old queue wrote "success" and eraseStatus/eraseMessage. */
          JsonObject *old = sb_old_build_shape (meta);

          json_object_unref (meta);
          meta = old;
        }
      sb_audit_write (self, job->audit_info, sb_get_str (sync, "projectId"), FALSE, event_type[job->action], meta);
      json_object_set_string_member (sync, status_member[job->action], status);
      set_capped_message (sync, message_member[job->action], failure);
      if (failure == NULL)
        json_object_set_string_member (sync, at_member[job->action], now);
      /* deleteSyncOnComplete: the row goes only after a successful remove (or, on the
       * builds ferry_sandbox_set_delete_after_failed_remove () plays, whatever happened). */
      if (job->delete_after && (failure == NULL || sb_delete_after_failed_remove (self)))
        sb_remove_by (sb_state_array (self, "syncs"), "id", job->sync_id);
      sb_state_changed (self);
      g_hash_table_remove (self->jobs, job->sync_id);
      return G_SOURCE_REMOVE;
    }
}

void
sb_sync_start_job (FerrySandbox *self,
                   JsonObject   *sync,
                   SbJobAction   action,
                   gboolean      delete_after,
                   JsonObject   *audit_info)
{
  SbJob *job = g_new0 (SbJob, 1);

  job->self = self;
  job->sync_id = g_strdup (sb_get_str (sync, "id"));
  job->job_id = sb_new_uuid ();
  job->action = action;
  job->delete_after = delete_after;
  job->audit_info = audit_info ? json_object_ref (audit_info) : NULL;
  json_object_set_string_member (sync, status_member[action], "pending");
  job->source = sb_timeout_source (self, self->job_delay_ms, job_step_cb, job);
  g_hash_table_replace (self->jobs, g_strdup (job->sync_id), job);
}

gboolean
sb_sync_job_active (FerrySandbox *self,
                    JsonObject   *sync)
{
  return g_hash_table_contains (self->jobs, sb_get_str (sync, "id"));
}

/* After loading a state file: jobs that were pending or running when the previous process
 * stopped start again (a pending delete-after-remove becomes a plain remove). */
void
sb_syncs_resume (FerrySandbox *self)
{
  JsonArray *syncs = sb_state_array (self, "syncs");

  for (guint i = 0; i < json_array_get_length (syncs); i++)
    {
      JsonObject *s = json_array_get_object_element (syncs, i);

      for (guint a = 0; a < G_N_ELEMENTS (status_member); a++)
        {
          const char *status = sb_get_str (s, status_member[a]);

          if ((g_strcmp0 (status, "pending") == 0 || g_strcmp0 (status, "running") == 0) && !sb_sync_job_active (self, s))
            sb_sync_start_job (self, s, a, FALSE, NULL);
        }
    }
}

void
sb_syncs_folder_changed (FerrySandbox *self,
                         const char   *folder_id)
{
  JsonArray *syncs = sb_state_array (self, "syncs");

  for (guint i = 0; i < json_array_get_length (syncs); i++)
    {
      JsonObject *s = json_array_get_object_element (syncs, i);
      const char *source = sb_get_str (s, "folderId");
      gboolean covers = g_strcmp0 (source, folder_id) == 0;

      /* A recursive sync also covers the folders beneath its source. */
      if (!covers && source != NULL && sb_get_bool (sb_get_obj (s, "syncOptions"), "recursive", FALSE)
          && !sb_old_build (self))
        for (JsonObject *f = sb_folder_find (self, folder_id); f != NULL && !covers;
             f = sb_folder_find (self, sb_get_str (f, "parentId")))
          covers = g_strcmp0 (sb_get_str (f, "id"), source) == 0;
      if (covers && sb_get_bool (s, "isAutoSyncEnabled", FALSE) && !sb_sync_job_active (self, s))
        sb_sync_start_job (self, s, SB_JOB_SYNC, FALSE, NULL);
    }
}

