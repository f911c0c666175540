/* ferry-api-projects.c: organizations, projects, folders and secret keys (docs/infisical-api.md#projects, #folders, #secret-names).
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ferry-api"

#include "config.h"

#include "ferry-api-client-private.h"
#include "ferry-api-error-private.h"

static gpointer
parse_organization (JsonObject *object, const char *extra, GError **error)
{
  return ferry_organization_new_from_json (object, error);
}

static gpointer
parse_project (JsonObject *object, const char *extra, GError **error)
{
  return ferry_project_new_from_json (object, error);
}

static gpointer
parse_folder (JsonObject *object, const char *extra, GError **error)
{
  return ferry_folder_new_from_json (object, extra, error);
}

/* ---- Organizations, projects, folders ---- */

void
ferry_api_client_list_organizations_async (FerryApiClient      *self,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_return_if_fail (FERRY_IS_API_CLIENT (self));

  ferry_api_client_call_model (self, ferry_api_client_list_organizations_async, "GET", "/api/v1/organization", NULL, NULL, TRUE,
                               ferry_api_model_spec_new ("organizations", ferry_organization_get_type, parse_organization, NULL),
                               cancellable, callback, user_data);
}

GListStore *
ferry_api_client_list_organizations_finish (FerryApiClient  *self,
                                            GAsyncResult    *result,
                                            GError         **error)
{
  return ferry_api_client_endpoint_finish (self, result, ferry_api_client_list_organizations_async, error);
}

void
ferry_api_client_list_projects_async (FerryApiClient      *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  static const char * const query[] = { "type", "secret-manager", "includeRoles", "false", NULL };

  g_return_if_fail (FERRY_IS_API_CLIENT (self));

  ferry_api_client_call_model (self, ferry_api_client_list_projects_async, "GET", "/api/v1/projects", query, NULL, TRUE,
                               ferry_api_model_spec_new ("projects|workspaces", ferry_project_get_type, parse_project, NULL),
                               cancellable, callback, user_data);
}

GListStore *
ferry_api_client_list_projects_finish (FerryApiClient  *self,
                                       GAsyncResult    *result,
                                       GError         **error)
{
  return ferry_api_client_endpoint_finish (self, result, ferry_api_client_list_projects_async, error);
}

void
ferry_api_client_get_project_async (FerryApiClient      *self,
                                    const char          *project_id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (FERRY_IS_API_CLIENT (self));
  g_return_if_fail (project_id != NULL);

  path = ferry_api_build_path ("/api/v1/projects", project_id, NULL);
  ferry_api_client_call_model (self, ferry_api_client_get_project_async, "GET", path, NULL, NULL, FALSE,
                               ferry_api_model_spec_new ("project|workspace", ferry_project_get_type, parse_project, NULL),
                               cancellable, callback, user_data);
}

FerryProject *
ferry_api_client_get_project_finish (FerryApiClient  *self,
                                     GAsyncResult    *result,
                                     GError         **error)
{
  return ferry_api_client_endpoint_finish (self, result, ferry_api_client_get_project_async, error);
}

/* Folders: v2 first, v1 when the server does not know v2 (404). */
typedef struct
{
  char *project_id;
  char *environment;
  char *path;
} FolderQuery;

static void
folder_query_free (gpointer data)
{
  FolderQuery *fq = data;

  g_free (fq->project_id);
  g_free (fq->environment);
  g_free (fq->path);
  g_free (fq);
}

static void
list_folders_v1_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  GListStore *store;

  store = ferry_api_client_endpoint_finish (FERRY_API_CLIENT (object), result, list_folders_v1_cb, &error);
  if (store == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, store, g_object_unref);
}

static void
list_folders_v2_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FerryApiClient *self = FERRY_API_CLIENT (object);
  FolderQuery *fq = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GListStore *store;

  store = ferry_api_client_endpoint_finish (self, result, list_folders_v2_cb, &error);
  if (store != NULL)
    {
      g_task_return_pointer (task, store, g_object_unref);
      return;
    }

  if (g_error_matches (error, FERRY_API_ERROR, FERRY_API_ERROR_NOT_FOUND))
    {
      const char *query[] = { "workspaceId", fq->project_id, "environment", fq->environment,
                              "path", fq->path, NULL };

      g_debug ("v2 folders answered 404, trying v1");
      ferry_api_client_call_model (self, list_folders_v1_cb, "GET", "/api/v1/folders", query, NULL, TRUE,
                                   ferry_api_model_spec_new ("folders", ferry_folder_get_type, parse_folder, fq->path),
                                   g_task_get_cancellable (task), list_folders_v1_cb, g_object_ref (task));
      return;
    }

  g_task_return_error (task, g_steal_pointer (&error));
}

void
ferry_api_client_list_folders_async (FerryApiClient      *self,
                                     const char          *project_id,
                                     const char          *environment_slug,
                                     const char          *path,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  FolderQuery *fq;

  g_return_if_fail (FERRY_IS_API_CLIENT (self));
  g_return_if_fail (project_id != NULL);
  g_return_if_fail (environment_slug != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ferry_api_client_list_folders_async);

  fq = g_new0 (FolderQuery, 1);
  fq->project_id = g_strdup (project_id);
  fq->environment = g_strdup (environment_slug);
  fq->path = g_strdup (path && *path ? path : "/");
  g_task_set_task_data (task, fq, folder_query_free);

  {
    const char *query[] = { "projectId", fq->project_id, "environment", fq->environment,
                            "path", fq->path, "recursive", "false", NULL };

    ferry_api_client_call_model (self, list_folders_v2_cb, "GET", "/api/v2/folders", query, NULL, TRUE,
                                 ferry_api_model_spec_new ("folders", ferry_folder_get_type, parse_folder, fq->path),
                                 cancellable, list_folders_v2_cb, g_steal_pointer (&task));
  }
}

GListStore *
ferry_api_client_list_folders_finish (FerryApiClient  *self,
                                      GAsyncResult    *result,
                                      GError         **error)
{
  return ferry_api_client_endpoint_finish (self, result, ferry_api_client_list_folders_async, error);
}

/* Only the names; values are wiped in the parsed tree as soon as it is read. */
static gpointer
parse_secret_keys (JsonNode  *root,
                   gpointer   data,
                   GError   **error)
{
  g_autoptr(GPtrArray) keys = NULL;
  JsonArray *array;
  JsonNode *node;
  guint n;

  if (!(node = ferry_api_root_member (root, "secrets", JSON_NODE_ARRAY, error)))
    return NULL;

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  keys = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *secret;
      JsonNode *key;
      JsonNode *value;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          g_propagate_error (error, ferry_api_error_new_invalid_response ("“secrets.%u” is not an object", i));
          return NULL;
        }
      secret = json_node_get_object (element);

      value = json_object_get_member (secret, "secretValue");
      if (value != NULL && JSON_NODE_HOLDS_VALUE (value) &&
          json_node_get_value_type (value) == G_TYPE_STRING)
        ferry_api_wipe_string ((char *) json_node_get_string (value));

      key = json_object_get_member (secret, "secretKey");
      if (key == NULL || !JSON_NODE_HOLDS_VALUE (key) ||
          json_node_get_value_type (key) != G_TYPE_STRING)
        {
          g_propagate_error (error, ferry_api_error_new_invalid_response ("“secrets.%u.secretKey” is missing or not a string", i));
          return NULL;
        }
      if (GPOINTER_TO_INT (data))
        {
          /* Recursive: each key with its folder ("PATH\tKEY"). */
          const char *path = json_object_get_string_member_with_default (secret, "secretPath", "/");

          g_ptr_array_add (keys, g_strconcat (path != NULL ? path : "/", "\t", json_node_get_string (key), NULL));
        }
      else
        g_ptr_array_add (keys, json_node_dup_string (key));
    }
  g_ptr_array_add (keys, NULL);

  return g_ptr_array_steal (keys, NULL);
}

void
ferry_api_client_list_secret_keys_async (FerryApiClient      *self,
                                         const char          *project_id,
                                         const char          *environment_slug,
                                         const char          *path,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  const char *query[] = { "workspaceId", project_id, "environment", environment_slug,
                          "secretPath", path && *path ? path : "/",
                          "viewSecretValue", "false", NULL };

  g_return_if_fail (FERRY_IS_API_CLIENT (self));
  g_return_if_fail (project_id != NULL);
  g_return_if_fail (environment_slug != NULL);

  ferry_api_client_call_endpoint (self, ferry_api_client_list_secret_keys_async,
                                  "GET", "/api/v3/secrets/raw", query, NULL, TRUE, NULL,
                                  parse_secret_keys, NULL, NULL, (GDestroyNotify) g_strfreev,
                                  cancellable, callback, user_data);
}

void
ferry_api_client_list_secret_keys_recursive_async (FerryApiClient      *self,
                                                   const char          *project_id,
                                                   const char          *environment_slug,
                                                   const char          *path,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data)
{
  /* recursive=true: the folder's secrets and those of every folder below, each with its
   * secretPath (backend/src/server/routes/v3/secret-router.ts). */
  const char *query[] = { "workspaceId", project_id, "environment", environment_slug,
                          "secretPath", path && *path ? path : "/",
                          "viewSecretValue", "false", "recursive", "true", NULL };

  g_return_if_fail (FERRY_IS_API_CLIENT (self));
  g_return_if_fail (project_id != NULL);
  g_return_if_fail (environment_slug != NULL);

  ferry_api_client_call_endpoint (self, ferry_api_client_list_secret_keys_recursive_async,
                                  "GET", "/api/v3/secrets/raw", query, NULL, TRUE, NULL,
                                  parse_secret_keys, GINT_TO_POINTER (TRUE), NULL, (GDestroyNotify) g_strfreev,
                                  cancellable, callback, user_data);
}

char **
ferry_api_client_list_secret_keys_recursive_finish (FerryApiClient  *self,
                                                    GAsyncResult    *result,
                                                    GError         **error)
{
  return ferry_api_client_endpoint_finish (self, result, ferry_api_client_list_secret_keys_recursive_async, error);
}

char **
ferry_api_client_list_secret_keys_finish (FerryApiClient  *self,
                                          GAsyncResult    *result,
                                          GError         **error)
{
  return ferry_api_client_endpoint_finish (self, result, ferry_api_client_list_secret_keys_async, error);
}

