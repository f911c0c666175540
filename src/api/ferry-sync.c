/* ferry-sync.c: an Azure DevOps secret sync (docs/infisical-api.md#sync-object).
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
  gboolean   has_recursive;     /* read from the answer, not a field */
  FerrySyncShape shape;         /* read from the answer, not a field */
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

  FerrySyncOperation operation;
  gboolean   busy;              /* last notified value of ferry_sync_get_busy () */
  /* ferry_sync_get_search_key (): worked out once (NULL until then, or after one of its
   * fields changed), not for every sync at every keystroke. */
  char      *search_key;
};

G_DEFINE_FINAL_TYPE (FerrySync, ferry_sync, FERRY_TYPE_RESOURCE)

enum {
  PROP_0,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_PROJECT_ID,
  PROP_CONNECTION_ID,
  PROP_CONNECTION_NAME,
  PROP_ENVIRONMENT_ID,
  PROP_ENVIRONMENT_SLUG,
  PROP_ENVIRONMENT_NAME,
  PROP_FOLDER_ID,
  PROP_SECRET_PATH,
  PROP_FOLDER_DELETED,
  PROP_AUTO_SYNC_ENABLED,
  PROP_DEVOPS_PROJECT_ID,
  PROP_DEVOPS_PROJECT_NAME,
  PROP_INITIAL_SYNC_BEHAVIOR,
  PROP_KEY_SCHEMA,
  PROP_DISABLE_SECRET_DELETION,
  PROP_RECURSIVE,
  PROP_SYNC_STATUS,
  PROP_LAST_SYNC_MESSAGE,
  PROP_LAST_SYNCED_AT,
  PROP_LAST_SYNC_JOB_ID,
  PROP_REMOVE_STATUS,
  PROP_LAST_REMOVE_MESSAGE,
  PROP_LAST_REMOVED_AT,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_VERSION,
  /* Client-side state, not in the field table. */
  PROP_OPERATION,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GType
ferry_sync_operation_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { FERRY_SYNC_OPERATION_NONE, "FERRY_SYNC_OPERATION_NONE", "none" },
        { FERRY_SYNC_OPERATION_SYNC, "FERRY_SYNC_OPERATION_SYNC", "sync" },
        { FERRY_SYNC_OPERATION_REMOVE, "FERRY_SYNC_OPERATION_REMOVE", "remove" },
        { FERRY_SYNC_OPERATION_DELETE, "FERRY_SYNC_OPERATION_DELETE", "delete" },
        { 0, NULL, NULL },
      };
      GType type = g_enum_register_static (g_intern_static_string ("FerrySyncOperation"), values);

      g_once_init_leave (&type_id, type);
    }

  return type_id;
}

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

/* Tolerant: builds differ in their status words (docs/infisical-api.md#sync-status-words). */
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
    parse_status, status_to_string }

static const FerryField fields[] = {
  S (PROP_NAME, name, "name", FERRY_FIELD_REQUIRED | FERRY_FIELD_NOT_EMPTY),
  S (PROP_DESCRIPTION, description, "description", FERRY_FIELD_OPTIONAL),
  S (PROP_PROJECT_ID, project_id, "projectId", FERRY_FIELD_REQUIRED | FERRY_FIELD_NOT_EMPTY),
  S (PROP_CONNECTION_ID, connection_id, "connectionId", FERRY_FIELD_REQUIRED | FERRY_FIELD_NOT_EMPTY),
  S (PROP_CONNECTION_NAME, connection_name, "connection.name", FERRY_FIELD_OPTIONAL),
  S (PROP_ENVIRONMENT_ID, environment_id, "environment.id", FERRY_FIELD_OPTIONAL),
  S (PROP_ENVIRONMENT_SLUG, environment_slug, "environment.slug", FERRY_FIELD_OPTIONAL),
  S (PROP_ENVIRONMENT_NAME, environment_name, "environment.name", FERRY_FIELD_OPTIONAL),
  S (PROP_FOLDER_ID, folder_id, "folderId|folder.id", FERRY_FIELD_OPTIONAL),
  S (PROP_SECRET_PATH, secret_path, "folder.path", FERRY_FIELD_OPTIONAL),
  /* Not read from a path: ferry_sync_new_from_json () works it out from "folder". */
  B (PROP_FOLDER_DELETED, folder_deleted, NULL),
  B (PROP_AUTO_SYNC_ENABLED, auto_sync_enabled, "isAutoSyncEnabled|isEnabled"),
  S (PROP_DEVOPS_PROJECT_ID, devops_project_id, "destinationConfig.devopsProjectId", FERRY_FIELD_REQUIRED | FERRY_FIELD_NOT_EMPTY),
  S (PROP_DEVOPS_PROJECT_NAME, devops_project_name, "destinationConfig.devopsProjectName", FERRY_FIELD_OPTIONAL),
  S (PROP_INITIAL_SYNC_BEHAVIOR, initial_sync_behavior, "syncOptions.initialSyncBehavior", FERRY_FIELD_REQUIRED),
  S (PROP_KEY_SCHEMA, key_schema, "syncOptions.keySchema", FERRY_FIELD_OPTIONAL),
  B (PROP_DISABLE_SECRET_DELETION, disable_secret_deletion, "syncOptions.disableSecretDeletion"),
  B (PROP_RECURSIVE, recursive, "syncOptions.recursive"),
  E (PROP_SYNC_STATUS, sync_status, "syncStatus"),
  S (PROP_LAST_SYNC_MESSAGE, last_sync_message, "lastSyncMessage", FERRY_FIELD_OPTIONAL),
  D (PROP_LAST_SYNCED_AT, last_synced_at, "lastSyncedAt"),
  S (PROP_LAST_SYNC_JOB_ID, last_sync_job_id, "lastSyncJobId", FERRY_FIELD_OPTIONAL),
  E (PROP_REMOVE_STATUS, remove_status, "removeStatus|eraseStatus"),
  S (PROP_LAST_REMOVE_MESSAGE, last_remove_message, "lastRemoveMessage|lastEraseMessage", FERRY_FIELD_OPTIONAL),
  D (PROP_LAST_REMOVED_AT, last_removed_at, "lastRemovedAt|lastErasedAt"),
  D (PROP_CREATED_AT, created_at, "createdAt"),
  D (PROP_UPDATED_AT, updated_at, "updatedAt"),
  { PROP_VERSION, FERRY_FIELD_INT, G_STRUCT_OFFSET (FerrySync, version), "version", FERRY_FIELD_OPTIONAL },
};

#undef S
#undef B
#undef D
#undef E

static void
ferry_sync_update_busy (FerrySync *self)
{
  gboolean busy = ferry_sync_get_busy (self);

  if (busy == self->busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
ferry_sync_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  FerrySync *self = FERRY_SYNC (object);

  switch (prop_id)
    {
    case PROP_OPERATION:
      g_value_set_enum (value, self->operation);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, ferry_sync_get_busy (self));
      break;
    default:
      ferry_resource_fields_get_property (object, prop_id, value, pspec);
    }
}

static void
ferry_sync_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_OPERATION:
      ferry_sync_set_operation (FERRY_SYNC (object), g_value_get_enum (value));
      break;
    default:
      ferry_resource_fields_set_property (object, prop_id, value, pspec);
    }
}

/* Whether @pspec is one of the texts ferry_sync_get_search_key () joins. */
static gboolean
is_search_field (GParamSpec *pspec)
{
  return pspec == properties[PROP_NAME] || pspec == properties[PROP_DESCRIPTION] ||
         pspec == properties[PROP_ENVIRONMENT_NAME] || pspec == properties[PROP_ENVIRONMENT_SLUG] ||
         pspec == properties[PROP_SECRET_PATH] || pspec == properties[PROP_DEVOPS_PROJECT_NAME] ||
         pspec == properties[PROP_CONNECTION_NAME];
}

/* The statuses arrive through the field table's setters: keep "busy" in step. */
static void
ferry_sync_notify (GObject    *object,
                   GParamSpec *pspec)
{
  if (is_search_field (pspec))
    g_clear_pointer (&FERRY_SYNC (object)->search_key, g_free);
  if (pspec != properties[PROP_BUSY])
    ferry_sync_update_busy (FERRY_SYNC (object));

  if (G_OBJECT_CLASS (ferry_sync_parent_class)->notify != NULL)
    G_OBJECT_CLASS (ferry_sync_parent_class)->notify (object, pspec);
}

/* What is read from the answer besides the fields travels with a merge too. */
static void
ferry_sync_update_from (FerryResource *resource,
                        FerryResource *other)
{
  FerrySync *self = FERRY_SYNC (resource);

  FERRY_RESOURCE_CLASS (ferry_sync_parent_class)->update_from (resource, other);
  /* Read from the answer too: when they change, so does what @self was read from. */
  if (self->shape != FERRY_SYNC (other)->shape || self->has_recursive != FERRY_SYNC (other)->has_recursive)
    ferry_resource_set_digest (resource, NULL);
  self->shape = FERRY_SYNC (other)->shape;
  self->has_recursive = FERRY_SYNC (other)->has_recursive;
}

static void
ferry_sync_finalize (GObject *object)
{
  g_free (FERRY_SYNC (object)->search_key);

  G_OBJECT_CLASS (ferry_sync_parent_class)->finalize (object);
}

static void
ferry_sync_class_init (FerrySyncClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ferry_sync_finalize;
  FERRY_RESOURCE_CLASS (klass)->update_from = ferry_sync_update_from;

  object_class->get_property = ferry_sync_get_property;
  object_class->set_property = ferry_sync_set_property;
  object_class->notify = ferry_sync_notify;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_PROJECT_ID] =
    g_param_spec_string ("project-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CONNECTION_ID] =
    g_param_spec_string ("connection-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CONNECTION_NAME] =
    g_param_spec_string ("connection-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ENVIRONMENT_ID] =
    g_param_spec_string ("environment-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ENVIRONMENT_SLUG] =
    g_param_spec_string ("environment-slug", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ENVIRONMENT_NAME] =
    g_param_spec_string ("environment-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_FOLDER_ID] =
    g_param_spec_string ("folder-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SECRET_PATH] =
    g_param_spec_string ("secret-path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_FOLDER_DELETED] =
    g_param_spec_boolean ("folder-deleted", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_AUTO_SYNC_ENABLED] =
    g_param_spec_boolean ("auto-sync-enabled", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DEVOPS_PROJECT_ID] =
    g_param_spec_string ("devops-project-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DEVOPS_PROJECT_NAME] =
    g_param_spec_string ("devops-project-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_INITIAL_SYNC_BEHAVIOR] =
    g_param_spec_string ("initial-sync-behavior", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_KEY_SCHEMA] =
    g_param_spec_string ("key-schema", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DISABLE_SECRET_DELETION] =
    g_param_spec_boolean ("disable-secret-deletion", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_RECURSIVE] =
    g_param_spec_boolean ("recursive", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SYNC_STATUS] =
    g_param_spec_enum ("sync-status", NULL, NULL,
                       FERRY_TYPE_SYNC_STATUS, FERRY_SYNC_STATUS_NONE,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LAST_SYNC_MESSAGE] =
    g_param_spec_string ("last-sync-message", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LAST_SYNCED_AT] =
    g_param_spec_boxed ("last-synced-at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LAST_SYNC_JOB_ID] =
    g_param_spec_string ("last-sync-job-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_REMOVE_STATUS] =
    g_param_spec_enum ("remove-status", NULL, NULL,
                       FERRY_TYPE_SYNC_STATUS, FERRY_SYNC_STATUS_NONE,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LAST_REMOVE_MESSAGE] =
    g_param_spec_string ("last-remove-message", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LAST_REMOVED_AT] =
    g_param_spec_boxed ("last-removed-at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CREATED_AT] =
    g_param_spec_boxed ("created-at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_UPDATED_AT] =
    g_param_spec_boxed ("updated-at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_VERSION] =
    g_param_spec_int ("version", NULL, NULL,
                      G_MININT, G_MAXINT, 0,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_OPERATION] =
    g_param_spec_enum ("operation", NULL, NULL,
                       FERRY_TYPE_SYNC_OPERATION, FERRY_SYNC_OPERATION_NONE,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
  ferry_resource_class_set_fields (FERRY_RESOURCE_CLASS (klass), fields, G_N_ELEMENTS (fields), properties);
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
  self->busy = ferry_sync_get_busy (self);
  /* Here, while the list is parsed (a worker thread for lists, ferry-api-request.c),
   * rather than at the first keystroke. */
  ferry_sync_get_search_key (self);

  /* Which build answered: the old one names the auto-sync flag isEnabled. */
  if (json_object_has_member (object, "isAutoSyncEnabled"))
    self->shape = FERRY_SYNC_SHAPE_CURRENT;
  else if (json_object_has_member (object, "isEnabled"))
    self->shape = FERRY_SYNC_SHAPE_OLD;
  node = json_object_get_member (object, "syncOptions");
  self->has_recursive = json_object_has_member (json_node_get_object (node), "recursive");

  return g_steal_pointer (&self);
}

const char *
ferry_sync_get_search_key (FerrySync *self)
{
  const char *texts[] = {
    self->name, self->description, self->environment_name, self->environment_slug,
    self->secret_path, self->devops_project_name, self->connection_name,
  };
  g_autoptr(GString) joined = NULL;

  g_return_val_if_fail (FERRY_IS_SYNC (self), NULL);

  if (self->search_key != NULL)
    return self->search_key;

  joined = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      if (texts[i] == NULL)
        continue;
      /* A separator no search text holds (the search is one line of text; see
       * src/ui/ferry-syncs-page.c), so a match never spans two fields. */
      if (joined->len > 0)
        g_string_append_c (joined, '\n');
      g_string_append (joined, texts[i]);
    }
  self->search_key = g_utf8_casefold (joined->str, (gssize) joined->len);
  return self->search_key;
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

const char *
ferry_sync_get_name (FerrySync *self)
{
  g_return_val_if_fail (FERRY_IS_SYNC (self), NULL);
  return self->name;
}

const char *
ferry_sync_get_description (FerrySync *self)
{
  g_return_val_if_fail (FERRY_IS_SYNC (self), NULL);
  return self->description;
}

const char *
ferry_sync_get_project_id (FerrySync *self)
{
  g_return_val_if_fail (FERRY_IS_SYNC (self), NULL);
  return self->project_id;
}

const char *
ferry_sync_get_connection_id (FerrySync *self)
{
  g_return_val_if_fail (FERRY_IS_SYNC (self), NULL);
  return self->connection_id;
}

const char *
ferry_sync_get_connection_name (FerrySync *self)
{
  g_return_val_if_fail (FERRY_IS_SYNC (self), NULL);
  return self->connection_name;
}

const char *
ferry_sync_get_environment_id (FerrySync *self)
{
  g_return_val_if_fail (FERRY_IS_SYNC (self), NULL);
  return self->environment_id;
}

const char *
ferry_sync_get_environment_slug (FerrySync *self)
{
  g_return_val_if_fail (FERRY_IS_SYNC (self), NULL);
  return self->environment_slug;
}

const char *
ferry_sync_get_environment_name (FerrySync *self)
{
  g_return_val_if_fail (FERRY_IS_SYNC (self), NULL);
  return self->environment_name;
}

const char *
ferry_sync_get_folder_id (FerrySync *self)
{
  g_return_val_if_fail (FERRY_IS_SYNC (self), NULL);
  return self->folder_id;
}

const char *
ferry_sync_get_secret_path (FerrySync *self)
{
  g_return_val_if_fail (FERRY_IS_SYNC (self), NULL);
  return self->secret_path;
}

gboolean
ferry_sync_get_folder_deleted (FerrySync *self)
{
  g_return_val_if_fail (FERRY_IS_SYNC (self), FALSE);
  return self->folder_deleted;
}

gboolean
ferry_sync_get_auto_sync_enabled (FerrySync *self)
{
  g_return_val_if_fail (FERRY_IS_SYNC (self), FALSE);
  return self->auto_sync_enabled;
}

const char *
ferry_sync_get_devops_project_id (FerrySync *self)
{
  g_return_val_if_fail (FERRY_IS_SYNC (self), NULL);
  return self->devops_project_id;
}

const char *
ferry_sync_get_devops_project_name (FerrySync *self)
{
  g_return_val_if_fail (FERRY_IS_SYNC (self), NULL);
  return self->devops_project_name;
}

const char *
ferry_sync_get_initial_sync_behavior (FerrySync *self)
{
  g_return_val_if_fail (FERRY_IS_SYNC (self), NULL);
  return self->initial_sync_behavior;
}

const char *
ferry_sync_get_key_schema (FerrySync *self)
{
  g_return_val_if_fail (FERRY_IS_SYNC (self), NULL);
  return self->key_schema;
}

gboolean
ferry_sync_get_disable_secret_deletion (FerrySync *self)
{
  g_return_val_if_fail (FERRY_IS_SYNC (self), FALSE);
  return self->disable_secret_deletion;
}

gboolean
ferry_sync_get_recursive (FerrySync *self)
{
  g_return_val_if_fail (FERRY_IS_SYNC (self), FALSE);
  return self->recursive;
}

gboolean
ferry_sync_get_has_recursive (FerrySync *self)
{
  g_return_val_if_fail (FERRY_IS_SYNC (self), FALSE);
  return self->has_recursive;
}

FerrySyncShape
ferry_sync_get_shape (FerrySync *self)
{
  g_return_val_if_fail (FERRY_IS_SYNC (self), FERRY_SYNC_SHAPE_UNKNOWN);
  return self->shape;
}

FerrySyncStatus
ferry_sync_get_sync_status (FerrySync *self)
{
  g_return_val_if_fail (FERRY_IS_SYNC (self), FERRY_SYNC_STATUS_NONE);
  return self->sync_status;
}

const char *
ferry_sync_get_last_sync_message (FerrySync *self)
{
  g_return_val_if_fail (FERRY_IS_SYNC (self), NULL);
  return self->last_sync_message;
}

GDateTime *
ferry_sync_get_last_synced_at (FerrySync *self)
{
  g_return_val_if_fail (FERRY_IS_SYNC (self), NULL);
  return self->last_synced_at;
}

const char *
ferry_sync_get_last_sync_job_id (FerrySync *self)
{
  g_return_val_if_fail (FERRY_IS_SYNC (self), NULL);
  return self->last_sync_job_id;
}

FerrySyncStatus
ferry_sync_get_remove_status (FerrySync *self)
{
  g_return_val_if_fail (FERRY_IS_SYNC (self), FERRY_SYNC_STATUS_NONE);
  return self->remove_status;
}

const char *
ferry_sync_get_last_remove_message (FerrySync *self)
{
  g_return_val_if_fail (FERRY_IS_SYNC (self), NULL);
  return self->last_remove_message;
}

GDateTime *
ferry_sync_get_last_removed_at (FerrySync *self)
{
  g_return_val_if_fail (FERRY_IS_SYNC (self), NULL);
  return self->last_removed_at;
}

GDateTime *
ferry_sync_get_created_at (FerrySync *self)
{
  g_return_val_if_fail (FERRY_IS_SYNC (self), NULL);
  return self->created_at;
}

GDateTime *
ferry_sync_get_updated_at (FerrySync *self)
{
  g_return_val_if_fail (FERRY_IS_SYNC (self), NULL);
  return self->updated_at;
}

int
ferry_sync_get_version (FerrySync *self)
{
  g_return_val_if_fail (FERRY_IS_SYNC (self), 0);
  return self->version;
}

gboolean
ferry_sync_is_busy (FerrySync *self)
{
  g_return_val_if_fail (FERRY_IS_SYNC (self), FALSE);

  return self->sync_status == FERRY_SYNC_STATUS_PENDING ||
         self->sync_status == FERRY_SYNC_STATUS_RUNNING ||
         self->remove_status == FERRY_SYNC_STATUS_PENDING ||
         self->remove_status == FERRY_SYNC_STATUS_RUNNING;
}

FerrySyncOperation
ferry_sync_get_operation (FerrySync *self)
{
  g_return_val_if_fail (FERRY_IS_SYNC (self), FERRY_SYNC_OPERATION_NONE);

  return self->operation;
}

void
ferry_sync_set_operation (FerrySync          *self,
                          FerrySyncOperation  operation)
{
  g_return_if_fail (FERRY_IS_SYNC (self));

  if (self->operation == operation)
    return;
  self->operation = operation;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPERATION]);
}

gboolean
ferry_sync_get_busy (FerrySync *self)
{
  g_return_val_if_fail (FERRY_IS_SYNC (self), FALSE);

  return ferry_sync_is_busy (self) || self->operation != FERRY_SYNC_OPERATION_NONE;
}
