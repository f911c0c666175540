/* ferry-sync.h: an Azure DevOps secret sync (docs/infisical-api.md#sync-object).
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ferry-resource.h"

G_BEGIN_DECLS

typedef enum
{
  FERRY_SYNC_STATUS_NONE,       /* null: never run */
  FERRY_SYNC_STATUS_PENDING,    /* "pending": queued */
  FERRY_SYNC_STATUS_RUNNING,    /* "running" */
  FERRY_SYNC_STATUS_SUCCEEDED,  /* "succeeded" (very old builds: "success") */
  FERRY_SYNC_STATUS_FAILED,     /* "failed" */
} FerrySyncStatus;

#define FERRY_TYPE_SYNC_STATUS (ferry_sync_status_get_type ())
GType ferry_sync_status_get_type (void);

/* What this Ferry started on a sync and follows to its end. Client-side state: never read
 * from or written to JSON, kept by ferry_resource_update_from (); set by src/core/ only. */
typedef enum
{
  FERRY_SYNC_OPERATION_NONE,
  FERRY_SYNC_OPERATION_SYNC,      /* Sync Now, followed to a final syncStatus */
  FERRY_SYNC_OPERATION_REMOVE,    /* Remove Secrets, followed to a final removeStatus */
  FERRY_SYNC_OPERATION_DELETE,    /* deleted with its secrets: followed until it is gone */
} FerrySyncOperation;

#define FERRY_TYPE_SYNC_OPERATION (ferry_sync_operation_get_type ())
GType ferry_sync_operation_get_type (void);

/* Which build's field names a sync answer used (docs/infisical-api.md#old-sync-field-names):
 * read from the answer, never sent. */
typedef enum
{
  FERRY_SYNC_SHAPE_UNKNOWN,   /* neither auto-sync key in the answer */
  FERRY_SYNC_SHAPE_CURRENT,   /* isAutoSyncEnabled, succeeded, remove… */
  FERRY_SYNC_SHAPE_OLD,       /* isEnabled, success, erase… */
} FerrySyncShape;

#define FERRY_TYPE_SYNC (ferry_sync_get_type ())

G_DECLARE_FINAL_TYPE (FerrySync, ferry_sync, FERRY, SYNC, FerryResource)

/* Parses one sync object. Strict where the server guarantees a field (id, name,
 * projectId, connectionId, destination, destinationConfig.devopsProjectId, syncOptions),
 * tolerant where builds differ (isEnabled/isAutoSyncEnabled, erase…/remove…, "success",
 * recursive). Wrong types or missing required fields → FERRY_API_ERROR_INVALID_RESPONSE. */
FerrySync       *ferry_sync_new_from_json             (JsonObject *object,
                                                       GError    **error);
JsonObject      *ferry_sync_to_json                   (FerrySync  *self);

/* Properties have the same names as these getters ("project-id", "sync-status", …). */
const char      *ferry_sync_get_name                  (FerrySync *self);
const char      *ferry_sync_get_description           (FerrySync *self);
const char      *ferry_sync_get_project_id            (FerrySync *self);
const char      *ferry_sync_get_connection_id         (FerrySync *self);
const char      *ferry_sync_get_connection_name       (FerrySync *self);
const char      *ferry_sync_get_environment_id        (FerrySync *self);
const char      *ferry_sync_get_environment_slug      (FerrySync *self);
/* Display name: also the name of the Azure DevOps variable group the sync writes. */
const char      *ferry_sync_get_environment_name      (FerrySync *self);
const char      *ferry_sync_get_folder_id             (FerrySync *self);
/* folder.path; NULL when the source folder was deleted ("folder-deleted" is then TRUE). */
const char      *ferry_sync_get_secret_path           (FerrySync *self);
gboolean         ferry_sync_get_folder_deleted        (FerrySync *self);
gboolean         ferry_sync_get_auto_sync_enabled     (FerrySync *self);
const char      *ferry_sync_get_devops_project_id     (FerrySync *self);
const char      *ferry_sync_get_devops_project_name   (FerrySync *self);
const char      *ferry_sync_get_initial_sync_behavior (FerrySync *self);
const char      *ferry_sync_get_key_schema            (FerrySync *self);
gboolean         ferry_sync_get_disable_secret_deletion (FerrySync *self);
/* syncOptions.recursive (newest servers only; FALSE when absent). */
gboolean         ferry_sync_get_recursive             (FerrySync *self);
/* Whether the answer carried syncOptions.recursive at all: only builds that know
 * subfolders do (docs/infisical-api.md#recursive-subfolders). */
gboolean         ferry_sync_get_has_recursive         (FerrySync *self);
/* The field names the answer used; see FerrySyncShape. */
FerrySyncShape   ferry_sync_get_shape                 (FerrySync *self);
FerrySyncStatus  ferry_sync_get_sync_status           (FerrySync *self);
const char      *ferry_sync_get_last_sync_message     (FerrySync *self);
GDateTime       *ferry_sync_get_last_synced_at        (FerrySync *self);
const char      *ferry_sync_get_last_sync_job_id      (FerrySync *self);
FerrySyncStatus  ferry_sync_get_remove_status         (FerrySync *self);
const char      *ferry_sync_get_last_remove_message   (FerrySync *self);
GDateTime       *ferry_sync_get_last_removed_at       (FerrySync *self);
GDateTime       *ferry_sync_get_created_at            (FerrySync *self);
GDateTime       *ferry_sync_get_updated_at            (FerrySync *self);
int              ferry_sync_get_version               (FerrySync *self);
/* TRUE while syncStatus or removeStatus is pending or running. */
gboolean         ferry_sync_is_busy                   (FerrySync *self);

/* Property "operation" (FerrySyncOperation, see above). */
FerrySyncOperation ferry_sync_get_operation           (FerrySync          *self);
void             ferry_sync_set_operation             (FerrySync          *self,
                                                       FerrySyncOperation  operation);
/* Name, description, environment name and slug, secret path, Azure DevOps project and
 * connection name, casefolded (g_utf8_casefold ()) and joined with '\n': what a search
 * matches against. Kept until one of those changes. */
const char      *ferry_sync_get_search_key            (FerrySync          *self);
/* Property "busy" (read-only, notified on change): a job is in flight on the server
 * (ferry_sync_is_busy ()) or an operation is followed. Views bind their actions to it. */
gboolean         ferry_sync_get_busy                  (FerrySync          *self);

FerrySyncStatus  ferry_sync_status_from_string        (const char *str);
const char      *ferry_sync_status_to_string          (FerrySyncStatus status);

G_END_DECLS
