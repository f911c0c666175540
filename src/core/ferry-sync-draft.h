/* ferry-sync-draft.h: every choice of the create/edit sync assistant, with Infisical's rules.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No GTK in here: the assistant's pages bind to a FerrySyncDraft, Review renders it, and the
 * rules (docs/infisical-api.md#sync-create-body) are unit-tested without a display. Messages are translated
 * sentences that say what to do. The draft also builds the request bodies: the create body
 * (POST /api/v1/secret-syncs/azure-devops) and, for a draft made from an existing sync, the
 * minimal PATCH body.
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "ferry-server-traits.h"
#include "ferry-sync.h"

G_BEGIN_DECLS

/* The assistant's steps, in order. */
typedef enum
{
  FERRY_SYNC_DRAFT_STEP_SOURCE,
  FERRY_SYNC_DRAFT_STEP_DESTINATION,
  FERRY_SYNC_DRAFT_STEP_OPTIONS,
  FERRY_SYNC_DRAFT_STEP_DETAILS,
  FERRY_SYNC_DRAFT_STEP_REVIEW,
} FerrySyncDraftStep;

#define FERRY_SYNC_DRAFT_N_STEPS (FERRY_SYNC_DRAFT_STEP_REVIEW + 1)

/* The fields a message can belong to. */
typedef enum
{
  FERRY_SYNC_DRAFT_FIELD_NONE,
  FERRY_SYNC_DRAFT_FIELD_PROJECT,         /* Source */
  FERRY_SYNC_DRAFT_FIELD_ENVIRONMENT,     /* Source */
  FERRY_SYNC_DRAFT_FIELD_SECRET_PATH,     /* Source */
  FERRY_SYNC_DRAFT_FIELD_CONNECTION,      /* Destination */
  FERRY_SYNC_DRAFT_FIELD_DEVOPS_PROJECT,  /* Destination */
  FERRY_SYNC_DRAFT_FIELD_KEY_SCHEMA,      /* Options */
  FERRY_SYNC_DRAFT_FIELD_RECURSIVE,       /* Options: include subfolders */
  FERRY_SYNC_DRAFT_FIELD_NAME,            /* Details */
  FERRY_SYNC_DRAFT_FIELD_DESCRIPTION,     /* Details */
} FerrySyncDraftField;

#define FERRY_SYNC_DRAFT_N_FIELDS (FERRY_SYNC_DRAFT_FIELD_DESCRIPTION + 1)

/* Limits. The sync name's depends on the server build (FERRY_SERVER_SYNC_NAME_MAX, 256, or
 * FERRY_SERVER_OLD_SYNC_NAME_MAX, 32: docs/infisical-api.md#name-length-limits), see
 * ferry_sync_draft_get_name_max (). */
#define FERRY_SYNC_DRAFT_DESCRIPTION_MAX  256
#define FERRY_SYNC_DRAFT_KEY_SCHEMA_MAX   255
#define FERRY_SYNC_DRAFT_ENVIRONMENT_MAX  64
/* The only initial sync behaviour Azure DevOps accepts (it cannot import). */
#define FERRY_SYNC_DRAFT_INITIAL_SYNC_BEHAVIOR "overwrite-destination"

#define FERRY_TYPE_SYNC_DRAFT (ferry_sync_draft_get_type ())

G_DECLARE_FINAL_TYPE (FerrySyncDraft, ferry_sync_draft, FERRY, SYNC_DRAFT, GObject)

/* A new draft for creating a sync in @project_id (may be NULL, set later). Auto-sync on,
 * secret deletion not disabled, everything else empty. */
FerrySyncDraft *ferry_sync_draft_new                    (const char     *project_id);
/* Edit mode: prefilled from @sync; ferry_sync_draft_build_update_body () sends only what
 * differs from it. A sync whose source folder was deleted starts without a secret path. */
FerrySyncDraft *ferry_sync_draft_new_from_sync          (FerrySync      *sync);

/* TRUE for a draft made by ferry_sync_draft_new_from_sync (). */
gboolean        ferry_sync_draft_get_editing            (FerrySyncDraft *self);
/* The id of the sync being edited, or NULL. */
const char     *ferry_sync_draft_get_sync_id            (FerrySyncDraft *self);

/* Properties: "project-id", "environment-slug", "environment-name", "secret-path",
 * "connection-id", "connection-name", "devops-project-id", "devops-project-name",
 * "key-schema", "auto-sync-enabled", "disable-secret-deletion", "name", "description",
 * read-only "initial-sync-behavior", "editing", "sync-id" and "dirty". Setting any of them
 * emits "changed" once after the notify. */
const char     *ferry_sync_draft_get_project_id         (FerrySyncDraft *self);
void            ferry_sync_draft_set_project_id         (FerrySyncDraft *self,
                                                         const char     *project_id);
const char     *ferry_sync_draft_get_environment_slug   (FerrySyncDraft *self);
/* The display name: also the Azure DevOps variable group the sync writes (docs/infisical-api.md#azure-devops-variable-group). */
const char     *ferry_sync_draft_get_environment_name   (FerrySyncDraft *self);
void            ferry_sync_draft_set_environment        (FerrySyncDraft *self,
                                                         const char     *slug,
                                                         const char     *name);
/* As typed; the bodies carry it normalised (see ferry_sync_draft_normalize_secret_path). */
const char     *ferry_sync_draft_get_secret_path        (FerrySyncDraft *self);
void            ferry_sync_draft_set_secret_path        (FerrySyncDraft *self,
                                                         const char     *secret_path);
const char     *ferry_sync_draft_get_connection_id      (FerrySyncDraft *self);
const char     *ferry_sync_draft_get_connection_name    (FerrySyncDraft *self);
void            ferry_sync_draft_set_connection         (FerrySyncDraft *self,
                                                         const char     *id,
                                                         const char     *name);
const char     *ferry_sync_draft_get_devops_project_id  (FerrySyncDraft *self);
const char     *ferry_sync_draft_get_devops_project_name (FerrySyncDraft *self);
void            ferry_sync_draft_set_devops_project     (FerrySyncDraft *self,
                                                         const char     *id,
                                                         const char     *name);
const char     *ferry_sync_draft_get_key_schema         (FerrySyncDraft *self);
void            ferry_sync_draft_set_key_schema         (FerrySyncDraft *self,
                                                         const char     *key_schema);
gboolean        ferry_sync_draft_get_auto_sync_enabled  (FerrySyncDraft *self);
void            ferry_sync_draft_set_auto_sync_enabled  (FerrySyncDraft *self,
                                                         gboolean        enabled);
gboolean        ferry_sync_draft_get_disable_secret_deletion (FerrySyncDraft *self);
void            ferry_sync_draft_set_disable_secret_deletion (FerrySyncDraft *self,
                                                              gboolean        disable);
const char     *ferry_sync_draft_get_name               (FerrySyncDraft *self);
void            ferry_sync_draft_set_name               (FerrySyncDraft *self,
                                                         const char     *name);
const char     *ferry_sync_draft_get_description        (FerrySyncDraft *self);
void            ferry_sync_draft_set_description        (FerrySyncDraft *self,
                                                         const char     *description);
/* "recursive": syncOptions.recursive, the folder's subfolders too (default FALSE). */
gboolean        ferry_sync_draft_get_recursive          (FerrySyncDraft *self);
void            ferry_sync_draft_set_recursive          (FerrySyncDraft *self,
                                                         gboolean        recursive);
/* What the server reads and allows (ferry-server-traits.h): the auto-sync key the bodies
 * carry, the name limit and whether subfolders can be asked for. A draft from a sync starts
 * with the build its answer came from; otherwise UNKNOWN (treated as current) and
 * supported. Emits "changed" (validity may change). */
FerryServerBuild ferry_sync_draft_get_server_build      (FerrySyncDraft  *self);
void            ferry_sync_draft_set_server_build       (FerrySyncDraft  *self,
                                                         FerryServerBuild build);
gboolean        ferry_sync_draft_get_recursive_supported (FerrySyncDraft *self);
void            ferry_sync_draft_set_recursive_supported (FerrySyncDraft *self,
                                                          gboolean        supported);
/* The longest name this draft's server accepts. */
guint           ferry_sync_draft_get_name_max           (FerrySyncDraft *self);
/* Always FERRY_SYNC_DRAFT_INITIAL_SYNC_BEHAVIOR. */
const char     *ferry_sync_draft_get_initial_sync_behavior (FerrySyncDraft *self);

/* "dirty": TRUE when anything differs from the sync being edited, or (create mode) from the
 * state at the last ferry_sync_draft_mark_clean () (the assistant calls it after its
 * preselections, so closing an untouched assistant asks nothing). */
gboolean        ferry_sync_draft_get_dirty              (FerrySyncDraft *self);
void            ferry_sync_draft_mark_clean             (FerrySyncDraft *self);

/* ---- Validation ---- */

/* A translated message saying what is wrong with @field and what to do, or NULL when the
 * field is fine. A message set with ferry_sync_draft_set_field_error () comes first. */
char              *ferry_sync_draft_validate_field      (FerrySyncDraft      *self,
                                                         FerrySyncDraftField  field);
/* Only Ferry's own rules for @field, leaving out a message set from elsewhere. */
char              *ferry_sync_draft_check_rules         (FerrySyncDraft      *self,
                                                         FerrySyncDraftField  field);
/* TRUE when every field of @step is valid. Otherwise FALSE, with the first invalid field
 * and its message (both optional). Review is valid when every earlier step is. */
gboolean           ferry_sync_draft_validate_step       (FerrySyncDraft      *self,
                                                         FerrySyncDraftStep   step,
                                                         FerrySyncDraftField *out_field,
                                                         char               **out_message);
/* The first step that is not valid, or FERRY_SYNC_DRAFT_STEP_REVIEW when all are: later
 * steps are reachable only through valid earlier ones. */
FerrySyncDraftStep ferry_sync_draft_get_first_invalid_step (FerrySyncDraft   *self);
FerrySyncDraftStep ferry_sync_draft_field_get_step      (FerrySyncDraftField  field);

/* A message that belongs to @field but comes from elsewhere (the server, a folder check).
 * It makes the field invalid until the field's value changes (or @message is NULL). */
void               ferry_sync_draft_set_field_error     (FerrySyncDraft      *self,
                                                         FerrySyncDraftField  field,
                                                         const char          *message);
const char        *ferry_sync_draft_get_field_error     (FerrySyncDraft      *self,
                                                         FerrySyncDraftField  field);
/* Attaches a failed create/update to the field it belongs to: a 422 field path
 * ("name", "syncOptions.keySchema", …) or a known 400 (duplicate name, folder not found,
 * duplicate destination, old project). Returns the field (its message is then set), or
 * FERRY_SYNC_DRAFT_FIELD_NONE when the error belongs to no field (network, 5xx, …). */
FerrySyncDraftField ferry_sync_draft_apply_error        (FerrySyncDraft      *self,
                                                         const GError        *error);
/* Why a destination another sync has cannot be used where the organization blocks
 * duplicates (translated; the Destination step shows it for the server's refusal too). */
const char         *ferry_sync_draft_duplicate_destination_message (void);
/* The field of a 422 issue path, or NONE. */
FerrySyncDraftField ferry_sync_draft_field_from_path    (const char          *path);

/* ---- Rules, usable on their own ---- */

/* Trims, removes trailing slashes (not the root one). NULL stays NULL. */
char           *ferry_sync_draft_normalize_secret_path  (const char     *secret_path);
/* Length as Infisical (JavaScript) counts it: UTF-16 code units. */
gsize           ferry_sync_draft_count_chars            (const char     *text);
/* Renders @key_schema for one secret key as the sync does: {{secretKey}} → @secret_key,
 * {{environment}} → @environment_slug, both HTML-escaped like Handlebars. An empty or
 * NULL schema returns @secret_key unchanged. */
char           *ferry_sync_draft_render_key_schema      (const char     *key_schema,
                                                         const char     *secret_key,
                                                         const char     *environment_slug);
/* The preview: renders @secret_key with this draft's key schema and environment slug. */
char           *ferry_sync_draft_apply_key_schema       (FerrySyncDraft *self,
                                                         const char     *secret_key);

/* A name for a new sync from its choices, such as “prod-backend-to-fabrikam-fiber”
 * (environment, folder, Azure DevOps project): a valid slug of at most
 * FERRY_SERVER_OLD_SYNC_NAME_MAX characters, so every server build accepts it, that is not
 * in @taken (the project's sync names; may be NULL). NULL while there is nothing to name it
 * after. */
char           *ferry_sync_draft_suggest_name           (FerrySyncDraft      *self,
                                                         const char * const  *taken);

/* ---- Request bodies ---- */

/* The create body of docs/infisical-api.md#sync-create-body (transfer full). */
JsonObject     *ferry_sync_draft_build_create_body      (FerrySyncDraft *self);
/* The auto-sync key is the one the server build reads; syncOptions.recursive is sent
 * only where the build knows it (and then always, so a complete syncOptions keeps it). */
/* Edit mode: only the fields that changed; a complete syncOptions whenever any option
 * changed, and destinationConfig with devopsProjectId whenever the destination changed.
 * An empty object when nothing changed. */
JsonObject     *ferry_sync_draft_build_update_body      (FerrySyncDraft *self);

G_END_DECLS
