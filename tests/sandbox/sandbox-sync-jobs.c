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
      g_autoptr(GHashTable) secrets = sb_folder_secrets (self, sb_get_str (folder, "id"));
      g_autoptr(JsonObject) variables = json_object_new ();
      const char *schema = sb_get_str (sb_get_obj (sync, "syncOptions"), "keySchema");
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, secrets);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          g_autofree char *name = render_key (schema, key, sb_get_str (env, "slug"));
          JsonObject *v = json_object_new ();

          json_object_set_string_member (v, "value", value ? value : "");
          json_object_set_boolean_member (v, "isSecret", TRUE);
          json_object_set_object_member (variables, name, v);
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
      /* deleteSyncOnComplete: the row goes only after a successful remove. */
      if (job->delete_after && failure == NULL)
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

      if (g_strcmp0 (sb_get_str (s, "folderId"), folder_id) == 0
          && sb_get_bool (s, "isAutoSyncEnabled", FALSE) && !sb_sync_job_active (self, s))
        sb_sync_start_job (self, s, SB_JOB_SYNC, FALSE, NULL);
    }
}

