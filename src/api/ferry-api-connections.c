/* ferry-api-connections.c: the Azure DevOps app connection endpoints (docs/infisical-api.md#azure-devops-app-connections).
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ferry-api"

#include "config.h"

#include "ferry-api-client-private.h"
#include "ferry-api-error-private.h"

/* ---- Boxed types ---- */

static FerryConnectionOptions *
ferry_connection_options_copy (const FerryConnectionOptions *options)
{
  FerryConnectionOptions *copy;

  g_return_val_if_fail (options != NULL, NULL);

  copy = g_new0 (FerryConnectionOptions, 1);
  copy->methods = g_strdupv (options->methods);
  copy->oauth_client_id = g_strdup (options->oauth_client_id);
  return copy;
}

void
ferry_connection_options_free (FerryConnectionOptions *options)
{
  if (options == NULL)
    return;

  g_strfreev (options->methods);
  g_free (options->oauth_client_id);
  g_free (options);
}

G_DEFINE_BOXED_TYPE (FerryConnectionOptions, ferry_connection_options,
                     ferry_connection_options_copy, ferry_connection_options_free)

static gpointer
parse_connection (JsonObject *object, const char *extra, GError **error)
{
  return ferry_connection_new_from_json (object, FALSE, error);
}

static gpointer
parse_partial_connection (JsonObject *object, const char *extra, GError **error)
{
  return ferry_connection_new_from_json (object, TRUE, error);
}

static gpointer
parse_devops_project (JsonObject *object, const char *extra, GError **error)
{
  return ferry_devops_project_new_from_json (object, error);
}

/* ---- Azure DevOps app connections ---- */

#define CONNECTIONS_PATH "/api/v1/app-connections/azure-devops"

/* Azure DevOps connections have no credential rotation: the generic create schema refuses
 * isAutoRotationEnabled other than false and any rotation with 422 "Not supported for Azure
 * DevOps Connections" (GenericCreateAppConnectionFieldsSchema in
 * backend/src/services/app-connection/app-connection-schemas.ts, docs/infisical-api.md
 * #connection-create-and-update-bodies). Whoever built @body, those keys never leave here.
 * Returns @body itself when it has none of them, else a copy without them. */
static const char *const unsupported_keys[] = { "isAutoRotationEnabled", "rotation" };

static JsonObject *
connection_body_for_wire (JsonObject *body)
{
  JsonObject *copy;
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;
  gboolean found = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (unsupported_keys); i++)
    found |= json_object_has_member (body, unsupported_keys[i]);
  if (!found)
    return json_object_ref (body);

  copy = json_object_new ();
  json_object_iter_init (&iter, body);
  while (json_object_iter_next (&iter, &member, &node))
    if (!g_strv_contains ((const char * const *) unsupported_keys, member))
      json_object_set_member (copy, member, json_node_copy (node));
  return copy;
}

void
ferry_api_client_list_connections_async (FerryApiClient      *self,
                                         const char          *project_id,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  const char *query[] = { "projectId", project_id, NULL };

  g_return_if_fail (FERRY_IS_API_CLIENT (self));

  ferry_api_client_call_model (self, ferry_api_client_list_connections_async, "GET", CONNECTIONS_PATH,
                               project_id ? query : NULL, NULL, TRUE,
                               ferry_api_model_spec_new ("appConnections", ferry_connection_get_type, parse_connection, NULL),
                               cancellable, callback, user_data);
}

GListStore *
ferry_api_client_list_connections_finish (FerryApiClient  *self,
                                          GAsyncResult    *result,
                                          GError         **error)
{
  return ferry_api_client_endpoint_finish (self, result, ferry_api_client_list_connections_async, error);
}

void
ferry_api_client_list_available_connections_async (FerryApiClient      *self,
                                                   const char          *project_id,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data)
{
  const char *query[] = { "projectId", project_id, NULL };

  g_return_if_fail (FERRY_IS_API_CLIENT (self));

  ferry_api_client_call_model (self, ferry_api_client_list_available_connections_async, "GET", CONNECTIONS_PATH "/available",
                               project_id ? query : NULL, NULL, TRUE,
                               ferry_api_model_spec_new ("appConnections", ferry_connection_get_type, parse_partial_connection, NULL),
                               cancellable, callback, user_data);
}

GListStore *
ferry_api_client_list_available_connections_finish (FerryApiClient  *self,
                                                    GAsyncResult    *result,
                                                    GError         **error)
{
  return ferry_api_client_endpoint_finish (self, result, ferry_api_client_list_available_connections_async, error);
}

void
ferry_api_client_get_connection_async (FerryApiClient      *self,
                                       const char          *connection_id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (FERRY_IS_API_CLIENT (self));
  g_return_if_fail (connection_id != NULL);

  path = ferry_api_build_path (CONNECTIONS_PATH, connection_id, NULL);
  ferry_api_client_call_model (self, ferry_api_client_get_connection_async, "GET", path, NULL, NULL, FALSE,
                               ferry_api_model_spec_new ("appConnection", ferry_connection_get_type, parse_connection, NULL),
                               cancellable, callback, user_data);
}

FerryConnection *
ferry_api_client_get_connection_finish (FerryApiClient  *self,
                                        GAsyncResult    *result,
                                        GError         **error)
{
  return ferry_api_client_endpoint_finish (self, result, ferry_api_client_get_connection_async, error);
}

void
ferry_api_client_get_connection_by_name_async (FerryApiClient      *self,
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

  path = ferry_api_build_path (CONNECTIONS_PATH "/connection-name", name, NULL);
  ferry_api_client_call_model (self, ferry_api_client_get_connection_by_name_async, "GET", path,
                               project_id ? query : NULL, NULL, FALSE,
                               ferry_api_model_spec_new ("appConnection", ferry_connection_get_type, parse_connection, NULL),
                               cancellable, callback, user_data);
}

FerryConnection *
ferry_api_client_get_connection_by_name_finish (FerryApiClient  *self,
                                                GAsyncResult    *result,
                                                GError         **error)
{
  return ferry_api_client_endpoint_finish (self, result, ferry_api_client_get_connection_by_name_async, error);
}

void
ferry_api_client_create_connection_async (FerryApiClient      *self,
                                          JsonObject          *body,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autoptr(JsonObject) wire = NULL;

  g_return_if_fail (FERRY_IS_API_CLIENT (self));
  g_return_if_fail (body != NULL);

  wire = connection_body_for_wire (body);
  ferry_api_client_call_model (self, ferry_api_client_create_connection_async, "POST", CONNECTIONS_PATH, NULL, wire, FALSE,
                               ferry_api_model_spec_new ("appConnection", ferry_connection_get_type, parse_connection, NULL),
                               cancellable, callback, user_data);
}

FerryConnection *
ferry_api_client_create_connection_finish (FerryApiClient  *self,
                                           GAsyncResult    *result,
                                           GError         **error)
{
  return ferry_api_client_endpoint_finish (self, result, ferry_api_client_create_connection_async, error);
}

void
ferry_api_client_update_connection_async (FerryApiClient      *self,
                                          const char          *connection_id,
                                          JsonObject          *body,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autoptr(JsonObject) wire = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (FERRY_IS_API_CLIENT (self));
  g_return_if_fail (connection_id != NULL);
  g_return_if_fail (body != NULL);

  wire = connection_body_for_wire (body);
  path = ferry_api_build_path (CONNECTIONS_PATH, connection_id, NULL);
  ferry_api_client_call_model (self, ferry_api_client_update_connection_async, "PATCH", path, NULL, wire, FALSE,
                               ferry_api_model_spec_new ("appConnection", ferry_connection_get_type, parse_connection, NULL),
                               cancellable, callback, user_data);
}

FerryConnection *
ferry_api_client_update_connection_finish (FerryApiClient  *self,
                                           GAsyncResult    *result,
                                           GError         **error)
{
  return ferry_api_client_endpoint_finish (self, result, ferry_api_client_update_connection_async, error);
}

void
ferry_api_client_delete_connection_async (FerryApiClient      *self,
                                          const char          *connection_id,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (FERRY_IS_API_CLIENT (self));
  g_return_if_fail (connection_id != NULL);

  path = ferry_api_build_path (CONNECTIONS_PATH, connection_id, NULL);
  ferry_api_client_call_model (self, ferry_api_client_delete_connection_async, "DELETE", path, NULL, NULL, FALSE,
                               ferry_api_model_spec_new ("appConnection", ferry_connection_get_type, parse_connection, NULL),
                               cancellable, callback, user_data);
}

FerryConnection *
ferry_api_client_delete_connection_finish (FerryApiClient  *self,
                                           GAsyncResult    *result,
                                           GError         **error)
{
  return ferry_api_client_endpoint_finish (self, result, ferry_api_client_delete_connection_async, error);
}

static gpointer
parse_connection_options (JsonNode  *root,
                          gpointer   data,
                          GError   **error)
{
  g_autoptr(FerryConnectionOptions) options = NULL;
  g_autoptr(GPtrArray) methods = NULL;
  JsonObject *item;
  JsonNode *node;

  if (!(item = ferry_api_find_option (root, "appConnectionOptions", "app", error)))
    return NULL;

  methods = g_ptr_array_new_with_free_func (g_free);
  node = json_object_get_member (item, "methods");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_propagate_error (error, ferry_api_error_new_invalid_response ("“methods” is missing or not an array"));
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
    {
      JsonNode *method = json_array_get_element (json_node_get_array (node), i);

      if (!JSON_NODE_HOLDS_VALUE (method) || json_node_get_value_type (method) != G_TYPE_STRING)
        {
          g_propagate_error (error, ferry_api_error_new_invalid_response ("“methods.%u” is not a string", i));
          return NULL;
        }
      g_ptr_array_add (methods, json_node_dup_string (method));
    }
  g_ptr_array_add (methods, NULL);

  options = g_new0 (FerryConnectionOptions, 1);
  options->methods = (char **) g_ptr_array_steal (methods, NULL);

  node = json_object_get_member (item, "oauthClientId");
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_STRING && *json_node_get_string (node) != '\0')
    options->oauth_client_id = json_node_dup_string (node);

  return g_steal_pointer (&options);
}

void
ferry_api_client_get_connection_options_async (FerryApiClient      *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data)
{
  g_return_if_fail (FERRY_IS_API_CLIENT (self));

  ferry_api_client_call_endpoint (self, ferry_api_client_get_connection_options_async,
                                  "GET", "/api/v1/app-connections/options", NULL, NULL, TRUE, NULL,
                                  parse_connection_options, NULL, NULL, (GDestroyNotify) ferry_connection_options_free,
                                  cancellable, callback, user_data);
}

FerryConnectionOptions *
ferry_api_client_get_connection_options_finish (FerryApiClient  *self,
                                                GAsyncResult    *result,
                                                GError         **error)
{
  return ferry_api_client_endpoint_finish (self, result, ferry_api_client_get_connection_options_async, error);
}

void
ferry_api_client_list_devops_projects_async (FerryApiClient      *self,
                                             const char          *connection_id,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (FERRY_IS_API_CLIENT (self));
  g_return_if_fail (connection_id != NULL);

  path = ferry_api_build_path (CONNECTIONS_PATH, connection_id, "projects", NULL);
  ferry_api_client_call_model (self, ferry_api_client_list_devops_projects_async, "GET", path, NULL, NULL, TRUE,
                               ferry_api_model_spec_new ("projects", ferry_devops_project_get_type, parse_devops_project, NULL),
                               cancellable, callback, user_data);
}

GListStore *
ferry_api_client_list_devops_projects_finish (FerryApiClient  *self,
                                              GAsyncResult    *result,
                                              GError         **error)
{
  return ferry_api_client_endpoint_finish (self, result, ferry_api_client_list_devops_projects_async, error);
}

