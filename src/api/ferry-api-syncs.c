/* ferry-api-syncs.c: the Azure DevOps secret sync endpoints (docs/infisical-api.md#azure-devops-secret-syncs).
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ferry-api"

#include "config.h"

#include "ferry-api-client-private.h"
#include "ferry-api-error-private.h"

static gpointer
parse_sync (JsonObject *object, const char *extra, GError **error)
{
  return ferry_sync_new_from_json (object, error);
}

/* ---- Azure DevOps secret syncs ---- */

#define SYNCS_PATH "/api/v1/secret-syncs/azure-devops"

/* A sync with an operation under way is never put into an answer for its element: while
 * Ferry follows it, each answer is read as what the server says of the operation
 * (src/core/ferry-project-model-syncs.c), and the store's object may say more by then. */
gboolean
ferry_api_sync_is_reusable (gpointer item)
{
  return ferry_sync_get_operation (item) == FERRY_SYNC_OPERATION_NONE;
}

void
ferry_api_client_list_syncs_async (FerryApiClient      *self,
                                   const char          *project_id,
                                   GListModel          *known,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  const char *query[] = { "projectId", project_id, NULL };
  FerryApiModelSpec *spec;

  g_return_if_fail (FERRY_IS_API_CLIENT (self));
  g_return_if_fail (project_id != NULL);
  g_return_if_fail (known == NULL || G_IS_LIST_MODEL (known));

  spec = ferry_api_model_spec_new ("secretSyncs", ferry_sync_get_type, parse_sync, NULL);
  if (known != NULL)
    spec->known = ferry_api_known_new (known, ferry_api_sync_is_reusable);
  ferry_api_client_call_model (self, ferry_api_client_list_syncs_async, "GET", SYNCS_PATH, query, NULL, TRUE,
                               spec, cancellable, callback, user_data);
}

GListStore *
ferry_api_client_list_syncs_finish (FerryApiClient  *self,
                                    GAsyncResult    *result,
                                    GError         **error)
{
  return ferry_api_client_endpoint_finish (self, result, ferry_api_client_list_syncs_async, error);
}

void
ferry_api_client_get_sync_async (FerryApiClient      *self,
                                 const char          *sync_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (FERRY_IS_API_CLIENT (self));
  g_return_if_fail (sync_id != NULL);

  path = ferry_api_build_path (SYNCS_PATH, sync_id, NULL);
  ferry_api_client_call_model (self, ferry_api_client_get_sync_async, "GET", path, NULL, NULL, FALSE,
                               ferry_api_model_spec_new ("secretSync", ferry_sync_get_type, parse_sync, NULL),
                               cancellable, callback, user_data);
}

FerrySync *
ferry_api_client_get_sync_finish (FerryApiClient  *self,
                                  GAsyncResult    *result,
                                  GError         **error)
{
  return ferry_api_client_endpoint_finish (self, result, ferry_api_client_get_sync_async, error);
}

void
ferry_api_client_get_sync_by_name_async (FerryApiClient      *self,
                                         const char          *name,
                                         const char          *project_id,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  const char *query[] = { "projectId", project_id, NULL };
  g_autofree char *path = NULL;

  g_return_if_fail (FERRY_IS_API_CLIENT (self));
  g_return_if_fail (name != NULL);
  g_return_if_fail (project_id != NULL);

  path = ferry_api_build_path (SYNCS_PATH "/sync-name", name, NULL);
  ferry_api_client_call_model (self, ferry_api_client_get_sync_by_name_async, "GET", path, query, NULL, FALSE,
                               ferry_api_model_spec_new ("secretSync", ferry_sync_get_type, parse_sync, NULL),
                               cancellable, callback, user_data);
}

FerrySync *
ferry_api_client_get_sync_by_name_finish (FerryApiClient  *self,
                                          GAsyncResult    *result,
                                          GError         **error)
{
  return ferry_api_client_endpoint_finish (self, result, ferry_api_client_get_sync_by_name_async, error);
}

void
ferry_api_client_create_sync_async (FerryApiClient      *self,
                                    JsonObject          *body,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (FERRY_IS_API_CLIENT (self));
  g_return_if_fail (body != NULL);

  ferry_api_client_call_model (self, ferry_api_client_create_sync_async, "POST", SYNCS_PATH, NULL, body, FALSE,
                               ferry_api_model_spec_new ("secretSync", ferry_sync_get_type, parse_sync, NULL),
                               cancellable, callback, user_data);
}

FerrySync *
ferry_api_client_create_sync_finish (FerryApiClient  *self,
                                     GAsyncResult    *result,
                                     GError         **error)
{
  return ferry_api_client_endpoint_finish (self, result, ferry_api_client_create_sync_async, error);
}

void
ferry_api_client_update_sync_async (FerryApiClient      *self,
                                    const char          *sync_id,
                                    JsonObject          *body,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (FERRY_IS_API_CLIENT (self));
  g_return_if_fail (sync_id != NULL);
  g_return_if_fail (body != NULL);

  path = ferry_api_build_path (SYNCS_PATH, sync_id, NULL);
  ferry_api_client_call_model (self, ferry_api_client_update_sync_async, "PATCH", path, NULL, body, FALSE,
                               ferry_api_model_spec_new ("secretSync", ferry_sync_get_type, parse_sync, NULL),
                               cancellable, callback, user_data);
}

FerrySync *
ferry_api_client_update_sync_finish (FerryApiClient  *self,
                                     GAsyncResult    *result,
                                     GError         **error)
{
  return ferry_api_client_endpoint_finish (self, result, ferry_api_client_update_sync_async, error);
}

void
ferry_api_client_delete_sync_async (FerryApiClient      *self,
                                    const char          *sync_id,
                                    gboolean             remove_secrets,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  const char *query[] = { "removeSecrets", remove_secrets ? "true" : "false", NULL };
  g_autofree char *path = NULL;

  g_return_if_fail (FERRY_IS_API_CLIENT (self));
  g_return_if_fail (sync_id != NULL);

  path = ferry_api_build_path (SYNCS_PATH, sync_id, NULL);
  ferry_api_client_call_model (self, ferry_api_client_delete_sync_async, "DELETE", path, query, NULL, FALSE,
                               ferry_api_model_spec_new ("secretSync", ferry_sync_get_type, parse_sync, NULL),
                               cancellable, callback, user_data);
}

FerrySync *
ferry_api_client_delete_sync_finish (FerryApiClient  *self,
                                     GAsyncResult    *result,
                                     GError         **error)
{
  return ferry_api_client_endpoint_finish (self, result, ferry_api_client_delete_sync_async, error);
}

void
ferry_api_client_trigger_sync_async (FerryApiClient      *self,
                                     const char          *sync_id,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (FERRY_IS_API_CLIENT (self));
  g_return_if_fail (sync_id != NULL);

  path = ferry_api_build_path (SYNCS_PATH, sync_id, "sync-secrets", NULL);
  ferry_api_client_call_model (self, ferry_api_client_trigger_sync_async, "POST", path, NULL, NULL, FALSE,
                               ferry_api_model_spec_new ("secretSync", ferry_sync_get_type, parse_sync, NULL),
                               cancellable, callback, user_data);
}

FerrySync *
ferry_api_client_trigger_sync_finish (FerryApiClient  *self,
                                      GAsyncResult    *result,
                                      GError         **error)
{
  return ferry_api_client_endpoint_finish (self, result, ferry_api_client_trigger_sync_async, error);
}

void
ferry_api_client_remove_secrets_async (FerryApiClient      *self,
                                       const char          *sync_id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (FERRY_IS_API_CLIENT (self));
  g_return_if_fail (sync_id != NULL);

  path = ferry_api_build_path (SYNCS_PATH, sync_id, "remove-secrets", NULL);
  ferry_api_client_call_model (self, ferry_api_client_remove_secrets_async, "POST", path, NULL, NULL, FALSE,
                               ferry_api_model_spec_new ("secretSync", ferry_sync_get_type, parse_sync, NULL),
                               cancellable, callback, user_data);
}

FerrySync *
ferry_api_client_remove_secrets_finish (FerryApiClient  *self,
                                        GAsyncResult    *result,
                                        GError         **error)
{
  return ferry_api_client_endpoint_finish (self, result, ferry_api_client_remove_secrets_async, error);
}

static gpointer
parse_has_duplicate (JsonNode  *root,
                     gpointer   data,
                     GError   **error)
{
  JsonObject *object;
  JsonNode *node;
  gboolean *ret;

  if (!(object = ferry_api_root_object (root, error)))
    return NULL;

  node = json_object_get_member (object, "hasDuplicate");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      g_propagate_error (error, ferry_api_error_new_invalid_response ("“hasDuplicate” is missing or not a boolean"));
      return NULL;
    }

  ret = g_new (gboolean, 1);
  *ret = json_node_get_boolean (node);
  return ret;
}

static void
check_destination_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  gboolean has_duplicate = FALSE;
  gboolean *ret;

  if (!ferry_api_client_endpoint_finish_boolean (FERRY_API_CLIENT (object), result, check_destination_cb, &has_duplicate, &error))
    {
      /* Older servers have no such route: they do not check duplicates either. */
      if (!g_error_matches (error, FERRY_API_ERROR, FERRY_API_ERROR_NOT_FOUND))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      has_duplicate = FALSE;
    }

  ret = g_new (gboolean, 1);
  *ret = has_duplicate;
  g_task_return_pointer (task, ret, g_free);
}

void
ferry_api_client_check_destination_async (FerryApiClient      *self,
                                          const char          *project_id,
                                          const char          *devops_project_id,
                                          const char          *exclude_sync_id,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autoptr(JsonObject) body = NULL;
  JsonObject *config;
  GTask *task;

  g_return_if_fail (FERRY_IS_API_CLIENT (self));
  g_return_if_fail (project_id != NULL);
  g_return_if_fail (devops_project_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ferry_api_client_check_destination_async);

  body = json_object_new ();
  config = json_object_new ();
  json_object_set_string_member (config, "devopsProjectId", devops_project_id);
  json_object_set_object_member (body, "destinationConfig", config);
  json_object_set_string_member (body, "projectId", project_id);
  if (exclude_sync_id != NULL)
    json_object_set_string_member (body, "excludeSyncId", exclude_sync_id);

  ferry_api_client_call_endpoint (self, check_destination_cb, "POST", SYNCS_PATH "/check-destination", NULL, body,
                                  TRUE, NULL, parse_has_duplicate, NULL, NULL, g_free,
                                  cancellable, check_destination_cb, task);
}

gboolean
ferry_api_client_check_destination_finish (FerryApiClient  *self,
                                           GAsyncResult    *result,
                                           gboolean        *has_duplicate,
                                           GError         **error)
{
  return ferry_api_client_endpoint_finish_boolean (self, result, ferry_api_client_check_destination_async, has_duplicate, error);
}

static gpointer
parse_sync_options (JsonNode  *root,
                    gpointer   data,
                    GError   **error)
{
  JsonObject *item;
  JsonNode *node;
  gboolean *ret;

  if (!(item = ferry_api_find_option (root, "secretSyncOptions", "destination", error)))
    return NULL;

  node = json_object_get_member (item, "canImportSecrets");
  if (node != NULL && (!JSON_NODE_HOLDS_VALUE (node) ||
                       json_node_get_value_type (node) != G_TYPE_BOOLEAN))
    {
      g_propagate_error (error, ferry_api_error_new_invalid_response ("“canImportSecrets” is not a boolean"));
      return NULL;
    }

  ret = g_new (gboolean, 1);
  *ret = node != NULL && json_node_get_boolean (node);
  return ret;
}

void
ferry_api_client_get_sync_options_async (FerryApiClient      *self,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_return_if_fail (FERRY_IS_API_CLIENT (self));

  ferry_api_client_call_endpoint (self, ferry_api_client_get_sync_options_async,
                                  "GET", "/api/v1/secret-syncs/options", NULL, NULL, TRUE, NULL,
                                  parse_sync_options, NULL, NULL, g_free, cancellable, callback, user_data);
}

gboolean
ferry_api_client_get_sync_options_finish (FerryApiClient  *self,
                                          GAsyncResult    *result,
                                          gboolean        *can_import,
                                          GError         **error)
{
  return ferry_api_client_endpoint_finish_boolean (self, result, ferry_api_client_get_sync_options_async, can_import, error);
}
