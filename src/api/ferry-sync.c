/* ferry-sync.c: an Azure DevOps secret sync (fact sheet §6.3).
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ferry-api-error.h"
#include "ferry-json.h"
#include "ferry-sync.h"
#include "ferry-resource-private.h"

struct _FerrySync
{
  FerryResource parent_instance;

  char      *name;
  char      *description;
  char      *project_id;
  char      *connection_id;
  char      *connection_name;
  char      *environment_id;
  char      *environment_slug;
  char      *environment_name;
  char      *folder_id;
  char      *secret_path;
  gboolean   folder_deleted;
  gboolean   auto_sync_enabled;
  char      *devops_project_id;
  char      *devops_project_name;
  char      *initial_sync_behavior;
  char      *key_schema;
  gboolean   disable_secret_deletion;
  gboolean   recursive;
  int        sync_status;
  char      *last_sync_message;
  GDateTime *last_synced_at;
  char      *last_sync_job_id;
  int        remove_status;
  char      *last_remove_message;
  GDateTime *last_removed_at;
  GDateTime *created_at;
  GDateTime *updated_at;
  int        version;
};

G_DEFINE_FINAL_TYPE (FerrySync, ferry_sync, FERRY_TYPE_RESOURCE)

GType
ferry_sync_status_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { FERRY_SYNC_STATUS_NONE, "FERRY_SYNC_STATUS_NONE", "none" },
        { FERRY_SYNC_STATUS_PENDING, "FERRY_SYNC_STATUS_PENDING", "pending" },
        { FERRY_SYNC_STATUS_RUNNING, "FERRY_SYNC_STATUS_RUNNING", "running" },
        { FERRY_SYNC_STATUS_SUCCEEDED, "FERRY_SYNC_STATUS_SUCCEEDED", "succeeded" },
        { FERRY_SYNC_STATUS_FAILED, "FERRY_SYNC_STATUS_FAILED", "failed" },
        { 0, NULL, NULL },
      };
      GType type = g_enum_register_static (g_intern_static_string ("FerrySyncStatus"), values);

      g_once_init_leave (&type_id, type);
    }

  return type_id;
}

FerrySyncStatus
ferry_sync_status_from_string (const char *str)
{
  if (str == NULL)
    return FERRY_SYNC_STATUS_NONE;
  if (g_str_equal (str, "pending"))
    return FERRY_SYNC_STATUS_PENDING;
  if (g_str_equal (str, "running"))
    return FERRY_SYNC_STATUS_RUNNING;
  if (g_str_equal (str, "succeeded") || g_str_equal (str, "success"))
    return FERRY_SYNC_STATUS_SUCCEEDED;
  if (g_str_equal (str, "failed"))
    return FERRY_SYNC_STATUS_FAILED;

  g_debug ("Unknown sync status “%s”, treated as none", str);
  return FERRY_SYNC_STATUS_NONE;
}

const char *
ferry_sync_status_to_string (FerrySyncStatus status)
{
  switch (status)
    {
    case FERRY_SYNC_STATUS_NONE:
      return NULL;
    case FERRY_SYNC_STATUS_PENDING:
      return "pending";
    case FERRY_SYNC_STATUS_RUNNING:
      return "running";
    case FERRY_SYNC_STATUS_SUCCEEDED:
      return "succeeded";
    case FERRY_SYNC_STATUS_FAILED:
      return "failed";
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Tolerant: builds differ in their status words (fact sheet §6.4). */
static gboolean
parse_status (const char *str,
              int        *value)
{
  *value = ferry_sync_status_from_string (str);
  return TRUE;
}

static const char *
status_to_string (int value)
{
  return ferry_sync_status_to_string (value);
}

#define S(prop, member, json, flags) \
  { prop, FERRY_FIELD_STRING, G_STRUCT_OFFSET (FerrySync, member), json, flags }
#define B(prop, member, json) \
  { prop, FERRY_FIELD_BOOLEAN, G_STRUCT_OFFSET (FerrySync, member), json, FERRY_FIELD_OPTIONAL }
#define D(prop, member, json) \
  { prop, FERRY_FIELD_DATETIME, G_STRUCT_OFFSET (FerrySync, member), json, FERRY_FIELD_OPTIONAL }
#define E(prop, member, json) \
  { prop, FERRY_FIELD_ENUM, G_STRUCT_OFFSET (FerrySync, member), json, FERRY_FIELD_OPTIONAL, \
    0, FERRY_SYNC_STATUS_NONE, parse_status, status_to_string }

static const FerryField fields[] = {
  S ("name", name, "name", FERRY_FIELD_REQUIRED | FERRY_FIELD_NOT_EMPTY),
  S ("description", description, "description", FERRY_FIELD_OPTIONAL),
  S ("project-id", project_id, "projectId", FERRY_FIELD_REQUIRED | FERRY_FIELD_NOT_EMPTY),
  S ("connection-id", connection_id, "connectionId", FERRY_FIELD_REQUIRED | FERRY_FIELD_NOT_EMPTY),
  S ("connection-name", connection_name, "connection.name", FERRY_FIELD_OPTIONAL),
  S ("environment-id", environment_id, "environment.id", FERRY_FIELD_OPTIONAL),
  S ("environment-slug", environment_slug, "environment.slug", FERRY_FIELD_OPTIONAL),
  S ("environment-name", environment_name, "environment.name", FERRY_FIELD_OPTIONAL),
  S ("folder-id", folder_id, "folderId|folder.id", FERRY_FIELD_OPTIONAL),
  S ("secret-path", secret_path, "folder.path", FERRY_FIELD_OPTIONAL),
  { "folder-deleted", FERRY_FIELD_BOOLEAN, G_STRUCT_OFFSET (FerrySync, folder_deleted), NULL, FERRY_FIELD_OPTIONAL },
  B ("auto-sync-enabled", auto_sync_enabled, "isAutoSyncEnabled|isEnabled"),
  S ("devops-project-id", devops_project_id, "destinationConfig.devopsProjectId", FERRY_FIELD_REQUIRED | FERRY_FIELD_NOT_EMPTY),
  S ("devops-project-name", devops_project_name, "destinationConfig.devopsProjectName", FERRY_FIELD_OPTIONAL),
  S ("initial-sync-behavior", initial_sync_behavior, "syncOptions.initialSyncBehavior", FERRY_FIELD_REQUIRED),
  S ("key-schema", key_schema, "syncOptions.keySchema", FERRY_FIELD_OPTIONAL),
  B ("disable-secret-deletion", disable_secret_deletion, "syncOptions.disableSecretDeletion"),
  B ("recursive", recursive, "syncOptions.recursive"),
  E ("sync-status", sync_status, "syncStatus"),
  S ("last-sync-message", last_sync_message, "lastSyncMessage", FERRY_FIELD_OPTIONAL),
  D ("last-synced-at", last_synced_at, "lastSyncedAt"),
  S ("last-sync-job-id", last_sync_job_id, "lastSyncJobId", FERRY_FIELD_OPTIONAL),
  E ("remove-status", remove_status, "removeStatus|eraseStatus"),
  S ("last-remove-message", last_remove_message, "lastRemoveMessage|lastEraseMessage", FERRY_FIELD_OPTIONAL),
  D ("last-removed-at", last_removed_at, "lastRemovedAt|lastErasedAt"),
  D ("created-at", created_at, "createdAt"),
  D ("updated-at", updated_at, "updatedAt"),
  { "version", FERRY_FIELD_INT, G_STRUCT_OFFSET (FerrySync, version), "version", FERRY_FIELD_OPTIONAL },
};

#undef S
#undef B
#undef D
#undef E

static void
ferry_sync_class_init (FerrySyncClass *klass)
{
  static FerryField table[G_N_ELEMENTS (fields)];

  memcpy (table, fields, sizeof fields);
  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    if (table[i].type == FERRY_FIELD_ENUM)
      table[i].enum_type = FERRY_TYPE_SYNC_STATUS;

  ferry_resource_class_install_fields (FERRY_RESOURCE_CLASS (klass), table, G_N_ELEMENTS (table), 1);
}

static void
ferry_sync_init (FerrySync *self)
{
}

static gboolean
check_object_member (JsonObject  *object,
                     const char  *name,
                     gboolean     required,
                     GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        g_propagate_error (error, ferry_api_error_new_invalid_response ("“%s” is missing", name));
      return !required;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_propagate_error (error, ferry_api_error_new_invalid_response ("“%s” is not an object", name));
      return FALSE;
    }
  return TRUE;
}

FerrySync *
ferry_sync_new_from_json (JsonObject  *object,
                          GError     **error)
{
  g_autoptr(FerrySync) self = NULL;
  JsonNode *node;

  if (object == NULL)
    {
      g_propagate_error (error, ferry_api_error_new_invalid_response ("expected a sync object"));
      return NULL;
    }

  node = json_object_get_member (object, "destination");
  if (ferry_json_node_get_utf8 (node) == NULL)
    {
      g_propagate_error (error, ferry_api_error_new_invalid_response ("“destination” is missing or not a string"));
      return NULL;
    }
  if (!g_str_equal (json_node_get_string (node), "azure-devops"))
    {
      g_propagate_error (error, ferry_api_error_new_invalid_response ("sync destination is “%s”, not “azure-devops”",
                                                                      json_node_get_string (node)));
      return NULL;
    }

  if (!check_object_member (object, "syncOptions", TRUE, error) ||
      !check_object_member (object, "destinationConfig", TRUE, error) ||
      !check_object_member (object, "folder", FALSE, error) ||
      !check_object_member (object, "environment", FALSE, error) ||
      !check_object_member (object, "connection", FALSE, error))
    return NULL;

  self = ferry_resource_new_from_json (FERRY_TYPE_SYNC, object, FALSE, error);
  if (self == NULL)
    return NULL;

  /* folder null: the source folder was deleted. Builds without the folder relation
   * still tell through folderId. */
  node = json_object_get_member (object, "folder");
  if (node != NULL)
    self->folder_deleted = JSON_NODE_HOLDS_NULL (node);
  else
    self->folder_deleted = self->folder_id == NULL;

  return g_steal_pointer (&self);
}

JsonObject *
ferry_sync_to_json (FerrySync *self)
{
  JsonObject *object;

  g_return_val_if_fail (FERRY_IS_SYNC (self), NULL);

  object = json_object_new ();
  json_object_set_string_member (object, "id", ferry_resource_get_id (FERRY_RESOURCE (self)));
  json_object_set_string_member (object, "destination", "azure-devops");
  ferry_resource_fields_to_json (FERRY_RESOURCE (self), object);
  if (self->folder_deleted)
    json_object_set_null_member (object, "folder");

  return object;
}

#define GETTER(type, name, fallback)                        \
  type                                                      \
  ferry_sync_get_##name (FerrySync *self)                   \
  {                                                         \
    g_return_val_if_fail (FERRY_IS_SYNC (self), fallback);  \
    return self->name;                                      \
  }

GETTER (const char *, name, NULL)
GETTER (const char *, description, NULL)
GETTER (const char *, project_id, NULL)
GETTER (const char *, connection_id, NULL)
GETTER (const char *, connection_name, NULL)
GETTER (const char *, environment_id, NULL)
GETTER (const char *, environment_slug, NULL)
GETTER (const char *, environment_name, NULL)
GETTER (const char *, folder_id, NULL)
GETTER (const char *, secret_path, NULL)
GETTER (gboolean, folder_deleted, FALSE)
GETTER (gboolean, auto_sync_enabled, FALSE)
GETTER (const char *, devops_project_id, NULL)
GETTER (const char *, devops_project_name, NULL)
GETTER (const char *, initial_sync_behavior, NULL)
GETTER (const char *, key_schema, NULL)
GETTER (gboolean, disable_secret_deletion, FALSE)
GETTER (gboolean, recursive, FALSE)
GETTER (FerrySyncStatus, sync_status, FERRY_SYNC_STATUS_NONE)
GETTER (const char *, last_sync_message, NULL)
GETTER (GDateTime *, last_synced_at, NULL)
GETTER (const char *, last_sync_job_id, NULL)
GETTER (FerrySyncStatus, remove_status, FERRY_SYNC_STATUS_NONE)
GETTER (const char *, last_remove_message, NULL)
GETTER (GDateTime *, last_removed_at, NULL)
GETTER (GDateTime *, created_at, NULL)
GETTER (GDateTime *, updated_at, NULL)
GETTER (int, version, 0)

#undef GETTER

gboolean
ferry_sync_is_busy (FerrySync *self)
{
  g_return_val_if_fail (FERRY_IS_SYNC (self), FALSE);

  return self->sync_status == FERRY_SYNC_STATUS_PENDING ||
         self->sync_status == FERRY_SYNC_STATUS_RUNNING ||
         self->remove_status == FERRY_SYNC_STATUS_PENDING ||
         self->remove_status == FERRY_SYNC_STATUS_RUNNING;
}
