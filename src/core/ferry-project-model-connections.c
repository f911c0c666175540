/* ferry-project-model-connections.c: the Azure DevOps connections a project can use.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Part of FerryProjectModel (see ferry-project-model-private.h). What
 * src/ui/ferry-connections-page.c and src/ui/ferry-connection-dialog.c did themselves: list
 * the project's own connections, then the organization's (which need organization
 * permissions: without them the project's are still shown), and create, change and delete
 * access-token and client-secret connections with the bodies Infisical expects
 * (backend/src/services/app-connection/azure-devops/azure-devops-schemas.ts).
 * OAuth connections come from src/auth (FerryOauthFlow, FerryHandoffFlow) and join the
 * list with ferry_project_model_add_connection ().
 */

#include "config.h"

#include "ferry-api-client.h"
#include "ferry-connection-usage.h"
#include "ferry-project-model-private.h"

/* ---- The list ---- */

/* Builds with project connections put "projectId" on every connection, earlier ones on
 * none: one connection object is enough to tell. */
static void
learn_project_connections (FerryProjectModel *self,
                           GListModel        *connections)
{
  guint n = connections != NULL ? g_list_model_get_n_items (connections) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FerryConnection) c = g_list_model_get_item (connections, i);

      self->project_connections = ferry_connection_reports_scope (c) ? FERRY_PROJECT_CONNECTIONS_SUPPORTED
                                                                     : FERRY_PROJECT_CONNECTIONS_UNSUPPORTED;
      return;
    }
}

FerryProjectConnections
ferry_project_model_get_project_connections (FerryProjectModel *self)
{
  g_return_val_if_fail (FERRY_IS_PROJECT_MODEL (self), FERRY_PROJECT_CONNECTIONS_UNKNOWN);

  return self->project_connections;
}

static void
connections_failed (FerryProjectModel *self,
                    const GError      *error)
{
  self->connections_loading = FALSE;
  ferry_project_model_check_error (self, error);
  /* A shown list stays; only the error says the refresh failed. */
  ferry_project_model_set_connections_error (self, error);
  if (self->connections_state != FERRY_LOAD_STATE_READY)
    ferry_project_model_set_connections_state (self, FERRY_LOAD_STATE_ERROR);
}

typedef struct
{
  FerryProjectModel *self;
  GListStore        *project_connections;
} ListData;

static void
list_data_free (ListData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->project_connections);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ListData, list_data_free)

static void
list_org_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(ListData) data = user_data;
  FerryProjectModel *self = data->self;
  GListStore *all = data->project_connections;
  g_autoptr(GListStore) org = NULL;
  g_autoptr(GError) error = NULL;

  org = ferry_api_client_list_connections_finish (FERRY_API_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      self->connections_loading = FALSE;
      return;
    }

  if (org == NULL)
    {
      /* Organization-wide connections need organization permissions: without them the
       * project's own connections are still worth showing. */
      if (!g_error_matches (error, FERRY_API_ERROR, FERRY_API_ERROR_FORBIDDEN) &&
          !g_error_matches (error, FERRY_API_ERROR, FERRY_API_ERROR_NOT_FOUND))
        {
          connections_failed (self, error);
          return;
        }
    }
  else
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (org));

      learn_project_connections (self, G_LIST_MODEL (org));

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(FerryConnection) c = g_list_model_get_item (G_LIST_MODEL (org), i);

          /* The organization list holds every project's connections too (upstream's
           * listAppConnections filters by orgId only, see docs/infisical-api.md
           * #azure-devops-app-connections): another project's are not usable here. */
          if (ferry_connection_get_project_id (c) != NULL)
            continue;
          if (ferry_resource_find_by_id (G_LIST_MODEL (all), ferry_resource_get_id (FERRY_RESOURCE (c))) == NULL)
            g_list_store_append (all, c);
        }
    }

  self->connections_loading = FALSE;
  ferry_resource_store_merge (self->connections, G_LIST_MODEL (all));
  ferry_project_model_set_connections_error (self, NULL);
  ferry_project_model_set_connections_state (self, FERRY_LOAD_STATE_READY);
  if (self->workspace != NULL)
    ferry_workspace_cache_connections (self->workspace, self);
}

static void
list_project_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(ListData) data = user_data;
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable;

  data->project_connections = ferry_api_client_list_connections_finish (FERRY_API_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      data->self->connections_loading = FALSE;
      return;
    }
  learn_project_connections (data->self, G_LIST_MODEL (data->project_connections));

  if (data->project_connections == NULL)
    {
      connections_failed (data->self, error);
      return;
    }

  cancellable = data->self->cancellable;
  ferry_api_client_list_connections_async (FERRY_API_CLIENT (object), NULL, cancellable,
                                           list_org_cb, g_steal_pointer (&data));
}

void
ferry_project_model_refresh_connections (FerryProjectModel *self)
{
  FerryApiClient *client;
  ListData *data;

  g_return_if_fail (FERRY_IS_PROJECT_MODEL (self));

  client = ferry_project_model_get_client (self, NULL);
  if (client == NULL || self->connections_loading)
    return;

  self->connections_loading = TRUE;
  if (self->connections_state != FERRY_LOAD_STATE_READY)
    ferry_project_model_set_connections_state (self, FERRY_LOAD_STATE_LOADING);

  data = g_new0 (ListData, 1);
  data->self = g_object_ref (self);
  ferry_api_client_list_connections_async (client, ferry_resource_get_id (FERRY_RESOURCE (self->project)),
                                           self->cancellable, list_project_cb, data);
}

FerryConnection *
ferry_project_model_find_connection (FerryProjectModel *self,
                                     const char        *connection_id)
{
  g_return_val_if_fail (FERRY_IS_PROJECT_MODEL (self), NULL);
  g_return_val_if_fail (connection_id != NULL, NULL);

  return ferry_resource_find_by_id (G_LIST_MODEL (self->connections), connection_id);
}

GListStore *
ferry_project_model_list_connection_syncs (FerryProjectModel *self,
                                           const char        *connection_id)
{
  GListStore *result;
  guint n;

  g_return_val_if_fail (FERRY_IS_PROJECT_MODEL (self), NULL);
  g_return_val_if_fail (connection_id != NULL, NULL);

  result = g_list_store_new (FERRY_TYPE_SYNC);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->syncs));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FerrySync) sync = g_list_model_get_item (G_LIST_MODEL (self->syncs), i);

      if (g_strcmp0 (ferry_sync_get_connection_id (sync), connection_id) == 0)
        g_list_store_append (result, sync);
    }

  return result;
}

FerryConnection *
ferry_project_model_add_connection (FerryProjectModel *self,
                                    FerryConnection   *connection)
{
  FerryConnection *existing;

  g_return_val_if_fail (FERRY_IS_PROJECT_MODEL (self), NULL);
  g_return_val_if_fail (FERRY_IS_CONNECTION (connection), NULL);

  existing = ferry_project_model_find_connection (self, ferry_resource_get_id (FERRY_RESOURCE (connection)));
  if (existing == NULL)
    {
      g_list_store_append (self->connections, connection);
      return connection;
    }

  ferry_resource_update_from (FERRY_RESOURCE (existing), FERRY_RESOURCE (connection));
  return existing;
}

/* ---- Changes ---- */

/* The credentials part of a create or update body. */
static JsonObject *
credentials_to_json (const FerryConnectionCredentials *credentials)
{
  switch (credentials->method)
    {
    case FERRY_CONNECTION_METHOD_ACCESS_TOKEN:
      return ferry_connection_credentials_access_token (credentials->access_token, credentials->org_name);
    case FERRY_CONNECTION_METHOD_CLIENT_SECRET:
      return ferry_connection_credentials_client_secret (credentials->tenant_id, credentials->client_id,
                                                         credentials->client_secret, credentials->org_name);
    case FERRY_CONNECTION_METHOD_OAUTH:
    default:
      g_return_val_if_reached (NULL);
    }
}

static GTask *
connection_task_new (FerryProjectModel    *self,
                     gpointer              source_tag,
                     GCancellable         *cancellable,
                     GAsyncReadyCallback   callback,
                     gpointer              user_data,
                     FerryApiClient      **client)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;

  g_task_set_source_tag (task, source_tag);
  *client = ferry_project_model_get_client (self, &error);
  if (*client == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return NULL;
    }

  return g_steal_pointer (&task);
}

/* What a create is looked up by when its answer did not come. */
typedef struct
{
  char   *name;
  char   *project_id;
  GError *error;        /* the create's own */
} CreateData;

static void
create_data_free (CreateData *data)
{
  g_free (data->name);
  g_free (data->project_id);
  g_clear_error (&data->error);
  g_free (data);
}

static gpointer
lookup_connection_finish (FerryApiClient  *client,
                          GAsyncResult    *result,
                          GError         **error)
{
  return ferry_api_client_get_connection_by_name_finish (client, result, error);
}

static void
found_created_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FerryProjectModel *self = g_task_get_source_object (task);
  CreateData *create = g_task_get_task_data (task);
  g_autoptr(FerryConnection) found = NULL;
  g_autoptr(GError) error = NULL;

  found = ferry_project_model_find_created_finish (self, result, &error);
  if (found == NULL)
    {
      /* Not made (or not to be found): what the create itself said stands. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_error (task, g_steal_pointer (&create->error));
      return;
    }

  g_debug ("create timed out, but the connection “%s” exists: taking it", create->name);
  g_task_return_pointer (task, g_object_ref (ferry_project_model_add_connection (self, found)), g_object_unref);
}

/* Create and update answer with the connection as the server now has it. */
static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FerryProjectModel *self = g_task_get_source_object (task);
  g_autoptr(FerryConnection) fresh = NULL;
  g_autoptr(GError) error = NULL;

  if (g_task_get_source_tag (task) == ferry_project_model_create_connection_async)
    fresh = ferry_api_client_create_connection_finish (FERRY_API_CLIENT (object), result, &error);
  else
    fresh = ferry_api_client_update_connection_finish (FERRY_API_CLIENT (object), result, &error);

  if (fresh == NULL)
    {
      CreateData *create = g_task_get_task_data (task);

      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        ferry_project_model_check_error (self, error);

      /* A create whose answer did not come may still have happened: look before saying
       * it failed (a second try would only be refused as a duplicate name). */
      if (g_task_get_source_tag (task) == ferry_project_model_create_connection_async &&
          ferry_project_model_create_may_have_happened (error))
        {
          GCancellable *cancellable = g_task_get_cancellable (task);

          create->error = g_steal_pointer (&error);
          ferry_project_model_find_created_async (self, FERRY_API_CLIENT (object),
                                                  ferry_api_client_get_connection_by_name_async,
                                                  lookup_connection_finish,
                                                  create->name, create->project_id, cancellable,
                                                  found_created_cb, g_steal_pointer (&task));
          return;
        }

      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (g_task_get_source_tag (task) == ferry_project_model_create_connection_async)
    {
      CreateData *create = g_task_get_task_data (task);
      g_autoptr(GListStore) one = g_list_store_new (FERRY_TYPE_CONNECTION);

      /* A server without project connections drops the projectId and makes it the
       * organization's: its answer has no "projectId" at all. */
      g_list_store_append (one, fresh);
      learn_project_connections (self, G_LIST_MODEL (one));
      if (create->project_id != NULL && !ferry_connection_reports_scope (fresh))
        g_debug ("this server has no project connections: “%s” belongs to the organization", create->name);
    }

  g_task_return_pointer (task, g_object_ref (ferry_project_model_add_connection (self, fresh)), g_object_unref);
}

void
ferry_project_model_create_connection_async (FerryProjectModel                *self,
                                             const char                       *name,
                                             const char                       *description,
                                             const FerryConnectionCredentials *credentials,
                                             gboolean                          for_project,
                                             GCancellable                     *cancellable,
                                             GAsyncReadyCallback               callback,
                                             gpointer                          user_data)
{
  g_autoptr(JsonObject) body = NULL;
  FerryApiClient *client;
  CreateData *create;
  GTask *task;

  g_return_if_fail (FERRY_IS_PROJECT_MODEL (self));
  g_return_if_fail (name != NULL);
  g_return_if_fail (credentials != NULL);
  g_return_if_fail (credentials->method == FERRY_CONNECTION_METHOD_ACCESS_TOKEN ||
                    credentials->method == FERRY_CONNECTION_METHOD_CLIENT_SECRET);

  task = connection_task_new (self, ferry_project_model_create_connection_async,
                              cancellable, callback, user_data, &client);
  if (task == NULL)
    return;

  create = g_new0 (CreateData, 1);
  create->name = g_strdup (name);
  create->project_id = for_project ? g_strdup (ferry_resource_get_id (FERRY_RESOURCE (self->project))) : NULL;
  g_task_set_task_data (task, create, (GDestroyNotify) create_data_free);

  body = ferry_connection_build_create_body (credentials->method, credentials_to_json (credentials), name,
                                             description != NULL && description[0] != '\0' ? description : NULL,
                                             create->project_id);
  ferry_api_client_create_connection_async (client, body, cancellable, saved_cb, task);
}

FerryConnection *
ferry_project_model_create_connection_finish (FerryProjectModel  *self,
                                              GAsyncResult       *result,
                                              GError            **error)
{
  return ferry_project_model_propagate_pointer (self, result, ferry_project_model_create_connection_async, error);
}

void
ferry_project_model_update_connection_async (FerryProjectModel                *self,
                                             FerryConnection                  *connection,
                                             const char                       *name,
                                             const char                       *description,
                                             const FerryConnectionCredentials *credentials,
                                             GCancellable                     *cancellable,
                                             GAsyncReadyCallback               callback,
                                             gpointer                          user_data)
{
  g_autoptr(JsonObject) body = NULL;
  const char *current;
  FerryApiClient *client;
  GTask *task;

  g_return_if_fail (FERRY_IS_PROJECT_MODEL (self));
  g_return_if_fail (FERRY_IS_CONNECTION (connection));

  task = connection_task_new (self, ferry_project_model_update_connection_async,
                              cancellable, callback, user_data, &client);
  if (task == NULL)
    return;

  /* Only what differs, as the connection dialog sent it: the description "" clears it
   * (null), and credentials go only when new ones were typed. */
  body = json_object_new ();
  if (name != NULL && g_strcmp0 (name, ferry_connection_get_name (connection)) != 0)
    json_object_set_string_member (body, "name", name);
  current = ferry_connection_get_description (connection);
  if (description != NULL && g_strcmp0 (description, current != NULL ? current : "") != 0)
    {
      if (description[0] != '\0')
        json_object_set_string_member (body, "description", description);
      else
        json_object_set_null_member (body, "description");
    }
  if (credentials != NULL)
    json_object_set_object_member (body, "credentials", credentials_to_json (credentials));

  if (json_object_get_size (body) == 0)
    {
      g_task_return_pointer (task, g_object_ref (ferry_project_model_add_connection (self, connection)),
                             g_object_unref);
      g_object_unref (task);
      return;
    }

  ferry_api_client_update_connection_async (client, ferry_resource_get_id (FERRY_RESOURCE (connection)),
                                            body, cancellable, saved_cb, task);
}

FerryConnection *
ferry_project_model_update_connection_finish (FerryProjectModel  *self,
                                              GAsyncResult       *result,
                                              GError            **error)
{
  return ferry_project_model_propagate_pointer (self, result, ferry_project_model_update_connection_async, error);
}

/* The server's refusal to delete a connection in use names no syncs: find them in every
 * project (they may all be in other projects, which this model does not list) and say
 * which they are, keeping the server's own words as the detail. */
static void
in_use_scanned_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FerryConnection *connection = g_task_get_task_data (task);
  GError *server_error = g_object_get_data (G_OBJECT (task), "ferry-server-error");
  g_autoptr(FerryConnectionUsage) usage = NULL;
  g_autoptr(GError) error = NULL;

  usage = ferry_connection_usage_scan_finish (result, &error);
  if (usage == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_error (task, g_error_copy (server_error));
      return;
    }

  g_task_return_error (task, ferry_connection_usage_explain_in_use (usage, connection, server_error));
}

static void
deleted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FerryProjectModel *self = g_task_get_source_object (task);
  FerryConnection *connection = g_task_get_task_data (task);
  g_autoptr(FerryConnection) deleted = NULL;
  g_autoptr(GError) error = NULL;
  FerryConnection *stored;
  guint position;

  deleted = ferry_api_client_delete_connection_finish (FERRY_API_CLIENT (object), result, &error);
  if (deleted == NULL)
    {
      FerryWorkspace *workspace = ferry_project_model_get_workspace (self);

      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        ferry_project_model_check_error (self, error);
      if (g_error_matches (error, FERRY_API_ERROR, FERRY_API_ERROR_IN_USE) && workspace != NULL)
        {
          GCancellable *cancellable = g_task_get_cancellable (task);

          g_object_set_data_full (G_OBJECT (task), "ferry-server-error", g_steal_pointer (&error),
                                  (GDestroyNotify) g_error_free);
          ferry_connection_usage_scan_async (workspace, cancellable, in_use_scanned_cb, g_steal_pointer (&task));
          return;
        }
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  stored = ferry_project_model_find_connection (self, ferry_resource_get_id (FERRY_RESOURCE (connection)));
  if (stored != NULL && g_list_store_find (self->connections, stored, &position))
    g_list_store_remove (self->connections, position);
  g_task_return_boolean (task, TRUE);
}

void
ferry_project_model_delete_connection_async (FerryProjectModel   *self,
                                             FerryConnection     *connection,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  FerryApiClient *client;
  GTask *task;

  g_return_if_fail (FERRY_IS_PROJECT_MODEL (self));
  g_return_if_fail (FERRY_IS_CONNECTION (connection));

  task = connection_task_new (self, ferry_project_model_delete_connection_async,
                              cancellable, callback, user_data, &client);
  if (task == NULL)
    return;

  g_task_set_task_data (task, g_object_ref (connection), g_object_unref);
  ferry_api_client_delete_connection_async (client, ferry_resource_get_id (FERRY_RESOURCE (connection)),
                                            cancellable, deleted_cb, task);
}

gboolean
ferry_project_model_delete_connection_finish (FerryProjectModel  *self,
                                              GAsyncResult       *result,
                                              GError            **error)
{
  return ferry_project_model_propagate_boolean (self, result, ferry_project_model_delete_connection_async, error);
}
