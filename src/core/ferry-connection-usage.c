/* ferry-connection-usage.c
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server's own refusal names no syncs (app-connection-service.ts only counts the rows
 * that point at the connection), and GET /api/v1/secret-syncs needs a projectId, so the only
 * way to find them is one list per project (docs/infisical-api.md#azure-devops-app-connections).
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-api-client.h"
#include "ferry-connection-usage.h"

struct _FerryConnectionUsage
{
  GObject     parent_instance;

  GHashTable *by_connection;   /* connection id → GPtrArray of FerrySync (owned) */
  GHashTable *project_names;   /* project id → name */
  GPtrArray  *unchecked;       /* project names, NULL-terminated */
  guint       n_checked;
};

G_DEFINE_FINAL_TYPE (FerryConnectionUsage, ferry_connection_usage, G_TYPE_OBJECT)

/* ---- Scan ---- */

typedef struct
{
  FerryWorkspace *workspace;
  GPtrArray      *projects;    /* FerryProject, the order results are kept in */
  GPtrArray      *results;     /* per project: GListStore of FerrySync, or NULL when unchecked */
  guint           pending;
  gboolean        cancelled;
} ScanData;

static void
scan_data_free (ScanData *data)
{
  g_clear_object (&data->workspace);
  g_clear_pointer (&data->projects, g_ptr_array_unref);
  g_clear_pointer (&data->results, g_ptr_array_unref);
  g_free (data);
}

typedef struct
{
  GTask *task;
  guint  index;
} ProjectCall;

static void
scan_finish_up (GTask *task)
{
  ScanData *data = g_task_get_task_data (task);
  g_autoptr(FerryConnectionUsage) self = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (data->cancelled)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", _("Operation was cancelled"));
      return;
    }

  self = g_object_new (FERRY_TYPE_CONNECTION_USAGE, NULL);
  for (guint i = 0; i < data->projects->len; i++)
    {
      FerryProject *project = g_ptr_array_index (data->projects, i);
      GListModel *syncs = g_ptr_array_index (data->results, i);
      const char *project_id = ferry_resource_get_id (FERRY_RESOURCE (project));
      const char *name = ferry_project_get_name (project);

      g_hash_table_replace (self->project_names, g_strdup (project_id),
                            g_strdup (name != NULL ? name : project_id));
      if (syncs == NULL)
        {
          g_ptr_array_insert (self->unchecked, self->unchecked->len - 1,
                              g_strdup (name != NULL ? name : project_id));
          continue;
        }

      self->n_checked++;
      for (guint j = 0; j < g_list_model_get_n_items (syncs); j++)
        {
          g_autoptr(FerrySync) sync = g_list_model_get_item (syncs, j);
          const char *connection_id = ferry_sync_get_connection_id (sync);
          GPtrArray *users;

          if (connection_id == NULL)
            continue;
          users = g_hash_table_lookup (self->by_connection, connection_id);
          if (users == NULL)
            {
              users = g_ptr_array_new_with_free_func (g_object_unref);
              g_hash_table_insert (self->by_connection, g_strdup (connection_id), users);
            }
          /* A sync remembers the project it was listed for (older answers may lack it). */
          if (ferry_sync_get_project_id (sync) == NULL)
            g_object_set_data_full (G_OBJECT (sync), "ferry-usage-project", g_strdup (project_id), g_free);
          g_ptr_array_add (users, g_object_ref (sync));
        }
    }

  g_task_return_pointer (task, g_steal_pointer (&self), g_object_unref);
}

static void
list_syncs_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  ProjectCall *call = user_data;
  g_autoptr(GTask) task = call->task;
  ScanData *data = g_task_get_task_data (task);
  g_autoptr(GListStore) syncs = NULL;
  g_autoptr(GError) error = NULL;

  syncs = ferry_api_client_list_syncs_finish (FERRY_API_CLIENT (object), result, &error);
  if (syncs != NULL)
    g_ptr_array_index (data->results, call->index) = g_steal_pointer (&syncs);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    data->cancelled = TRUE;
  else
    {
      /* Unchecked, not fatal: the other projects still say something. A refused token
       * still switches the session to expired. */
      g_debug ("Could not list the syncs of a project: %s", error->message);
      ferry_workspace_check_error (data->workspace, error);
    }
  g_free (call);

  if (--data->pending == 0)
    scan_finish_up (task);
}

static void
scan_projects (GTask      *task,
               GListModel *projects)
{
  ScanData *data = g_task_get_task_data (task);
  FerryApiClient *client = ferry_workspace_get_client (data->workspace);
  guint n = g_list_model_get_n_items (projects);

  data->projects = g_ptr_array_new_with_free_func (g_object_unref);
  /* Unchecked slots stay NULL, which g_object_unref refuses: results_free () frees them. */
  data->results = g_ptr_array_new ();
  for (guint i = 0; i < n; i++)
    {
      g_ptr_array_add (data->projects, g_list_model_get_item (projects, i));
      g_ptr_array_add (data->results, NULL);
    }

  if (n == 0)
    {
      scan_finish_up (task);
      g_object_unref (task);
      return;
    }

  /* All at once: the client's session limits the connections per host, and every answer
   * is independent of the others. */
  data->pending = n;
  for (guint i = 0; i < n; i++)
    {
      ProjectCall *call = g_new0 (ProjectCall, 1);

      call->task = g_object_ref (task);
      call->index = i;
      ferry_api_client_list_syncs_async (client,
                                         ferry_resource_get_id (FERRY_RESOURCE (g_ptr_array_index (data->projects, i))),
                                         NULL, g_task_get_cancellable (task), list_syncs_cb, call);
    }
  g_object_unref (task);
}

static void
list_projects_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  ScanData *data = g_task_get_task_data (task);
  g_autoptr(GListStore) projects = NULL;
  g_autoptr(GError) error = NULL;

  projects = ferry_api_client_list_projects_finish (FERRY_API_CLIENT (object), result, &error);
  if (projects == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        ferry_workspace_check_error (data->workspace, error);
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  scan_projects (task, G_LIST_MODEL (projects));
}

static void
results_free (ScanData *data)
{
  if (data->results == NULL)
    return;
  for (guint i = 0; i < data->results->len; i++)
    g_clear_object ((GObject **) &g_ptr_array_index (data->results, i));
}

static void
scan_data_destroy (gpointer user_data)
{
  ScanData *data = user_data;

  results_free (data);
  scan_data_free (data);
}

void
ferry_connection_usage_scan_async (FerryWorkspace      *workspace,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GTask *task;
  ScanData *data;
  FerryApiClient *client;

  g_return_if_fail (FERRY_IS_WORKSPACE (workspace));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (workspace, cancellable, callback, user_data);
  g_task_set_source_tag (task, ferry_connection_usage_scan_async);
  data = g_new0 (ScanData, 1);
  data->workspace = g_object_ref (workspace);
  g_task_set_task_data (task, data, scan_data_destroy);

  client = ferry_workspace_get_client (workspace);
  if (client == NULL)
    {
      g_task_return_new_error (task, FERRY_API_ERROR, FERRY_API_ERROR_UNAUTHORIZED, "%s",
                               _("You are signed out. Sign in again, then try again."));
      g_object_unref (task);
      return;
    }

  /* The workspace's list when it has one; else a list of its own, so the workspace's
   * load state (which views show) is not touched. */
  if (ferry_workspace_get_projects_state (workspace) == FERRY_LOAD_STATE_READY)
    scan_projects (task, ferry_workspace_get_projects (workspace));
  else
    ferry_api_client_list_projects_async (client, cancellable, list_projects_cb, task);
}

FerryConnectionUsage *
ferry_connection_usage_scan_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ferry_connection_usage_scan_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- Queries ---- */

GPtrArray *
ferry_connection_usage_get_syncs (FerryConnectionUsage *self,
                                  const char           *connection_id)
{
  GPtrArray *users;
  GPtrArray *copy = g_ptr_array_new ();

  g_return_val_if_fail (FERRY_IS_CONNECTION_USAGE (self), copy);
  g_return_val_if_fail (connection_id != NULL, copy);

  users = g_hash_table_lookup (self->by_connection, connection_id);
  if (users != NULL)
    g_ptr_array_extend (copy, users, NULL, NULL);
  return copy;
}

static const char *
sync_project_id (FerrySync *sync)
{
  const char *id = ferry_sync_get_project_id (sync);

  return id != NULL ? id : g_object_get_data (G_OBJECT (sync), "ferry-usage-project");
}

guint
ferry_connection_usage_get_n_projects (FerryConnectionUsage *self,
                                       const char           *connection_id)
{
  g_autoptr(GHashTable) seen = NULL;
  GPtrArray *users;

  g_return_val_if_fail (FERRY_IS_CONNECTION_USAGE (self), 0);
  g_return_val_if_fail (connection_id != NULL, 0);

  users = g_hash_table_lookup (self->by_connection, connection_id);
  if (users == NULL)
    return 0;

  seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < users->len; i++)
    {
      const char *project_id = sync_project_id (g_ptr_array_index (users, i));

      if (project_id != NULL)
        g_hash_table_add (seen, (gpointer) project_id);
    }
  return g_hash_table_size (seen);
}

const char *
ferry_connection_usage_get_project_name (FerryConnectionUsage *self,
                                         FerrySync            *sync)
{
  const char *project_id;
  const char *name;

  g_return_val_if_fail (FERRY_IS_CONNECTION_USAGE (self), NULL);
  g_return_val_if_fail (FERRY_IS_SYNC (sync), NULL);

  project_id = sync_project_id (sync);
  if (project_id == NULL)
    return NULL;
  name = g_hash_table_lookup (self->project_names, project_id);
  return name != NULL ? name : project_id;
}

guint
ferry_connection_usage_get_n_checked (FerryConnectionUsage *self)
{
  g_return_val_if_fail (FERRY_IS_CONNECTION_USAGE (self), 0);

  return self->n_checked;
}

const char * const *
ferry_connection_usage_get_unchecked (FerryConnectionUsage *self)
{
  g_return_val_if_fail (FERRY_IS_CONNECTION_USAGE (self), NULL);

  return (const char * const *) self->unchecked->pdata;
}

char *
ferry_connection_usage_format_syncs (FerryConnectionUsage *self,
                                     const char           *connection_id,
                                     guint                 max)
{
  g_autoptr(GPtrArray) users = NULL;
  GString *text = g_string_new (NULL);
  guint shown;

  g_return_val_if_fail (FERRY_IS_CONNECTION_USAGE (self), g_string_free (text, FALSE));
  g_return_val_if_fail (connection_id != NULL, g_string_free (text, FALSE));

  users = ferry_connection_usage_get_syncs (self, connection_id);
  shown = MIN (users->len, MAX (max, 1));
  for (guint i = 0; i < shown; i++)
    {
      FerrySync *sync = g_ptr_array_index (users, i);
      const char *project = ferry_connection_usage_get_project_name (self, sync);

      if (i > 0)
        /* Translators: separator between the syncs of a list */
        g_string_append (text, _(", "));
      if (project != NULL)
        /* Translators: a sync and, in parentheses, the Infisical project it belongs to */
        g_string_append_printf (text, _("%s (%s)"), ferry_sync_get_name (sync), project);
      else
        g_string_append (text, ferry_sync_get_name (sync));
    }
  if (users->len > shown)
    /* Translators: after a list of syncs; %u is how many more there are */
    g_string_append_printf (text, ngettext (", and %u more", ", and %u more", users->len - shown),
                            users->len - shown);

  return g_string_free (text, FALSE);
}

#define EXPLAIN_MAX_SYNCS 5

GError *
ferry_connection_usage_explain_in_use (FerryConnectionUsage *self,
                                       FerryConnection      *connection,
                                       const GError         *server_error)
{
  const char *id;
  const char *name;
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GString) sentence = g_string_new (NULL);
  const char * const *unchecked;
  guint n_unchecked;

  g_return_val_if_fail (FERRY_IS_CONNECTION_USAGE (self), NULL);
  g_return_val_if_fail (FERRY_IS_CONNECTION (connection), NULL);

  id = ferry_resource_get_id (FERRY_RESOURCE (connection));
  name = ferry_connection_get_name (connection);
  users = ferry_connection_usage_get_syncs (self, id);
  unchecked = ferry_connection_usage_get_unchecked (self);
  n_unchecked = g_strv_length ((char **) unchecked);

  if (users->len > 0)
    {
      g_autofree char *list = ferry_connection_usage_format_syncs (self, id, EXPLAIN_MAX_SYNCS);

      /* Translators: %s is a connection name, %u a count, the last %s a list of syncs with their projects */
      g_string_append_printf (sentence, ngettext ("“%s” is still used by %u sync: %s. Delete that sync or give it another connection, then try again.",
                                                  "“%s” is still used by %u syncs: %s. Delete those syncs or give them another connection, then try again.",
                                                  users->len),
                              name, users->len, list);
      if (n_unchecked > 0)
        {
          g_string_append_c (sentence, ' ');
          /* Translators: %u is a number of Infisical projects */
          g_string_append_printf (sentence, ngettext ("%u project could not be checked, so there may be more.",
                                                      "%u projects could not be checked, so there may be more.",
                                                      n_unchecked),
                                  n_unchecked);
        }
    }
  else if (n_unchecked > 0)
    {
      g_autofree char *projects = g_strjoinv (_(", "), (char **) unchecked);

      /* Translators: %s is a connection name, the second %s a list of Infisical projects */
      g_string_append_printf (sentence, _("“%s” is still used by syncs, but Ferry could not check every project (%s). Look for the syncs there, or try again later."),
                              name, projects);
    }
  else
    /* Translators: %s is a connection name */
    g_string_append_printf (sentence, _("“%s” is still used by syncs in projects you cannot see. Ask an administrator of your organization to delete those syncs or give them another connection."),
                            name);

  return ferry_api_error_new (FERRY_API_ERROR_IN_USE, sentence->str,
                              server_error != NULL ? ferry_api_error_get_http_status (server_error) : 0,
                              server_error != NULL ? ferry_api_error_get_detail (server_error) : NULL,
                              server_error != NULL ? ferry_api_error_get_request_id (server_error) : NULL);
}

/* ---- GObject ---- */

static void
ferry_connection_usage_finalize (GObject *object)
{
  FerryConnectionUsage *self = FERRY_CONNECTION_USAGE (object);

  g_clear_pointer (&self->by_connection, g_hash_table_unref);
  g_clear_pointer (&self->project_names, g_hash_table_unref);
  g_clear_pointer (&self->unchecked, g_ptr_array_unref);

  G_OBJECT_CLASS (ferry_connection_usage_parent_class)->finalize (object);
}

static void
ferry_connection_usage_class_init (FerryConnectionUsageClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ferry_connection_usage_finalize;
}

static void
ferry_connection_usage_init (FerryConnectionUsage *self)
{
  self->by_connection = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  self->project_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->unchecked = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->unchecked, NULL);
}
