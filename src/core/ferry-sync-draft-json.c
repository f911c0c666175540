/* ferry-sync-draft-json.c: the request bodies of FerrySyncDraft.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Part of FerrySyncDraft (see ferry-sync-draft-private.h for the cut): the create body of
 * POST /api/v1/secret-syncs/azure-devops and the minimal PATCH body, in the shapes of
 * Infisical's backend/src/services/secret-sync/secret-sync-schemas.ts and
 * azure-devops/azure-devops-sync-schemas.ts beside it. FerryProjectModel sends them.
 */

#include "config.h"

#include "ferry-sync-draft-private.h"

/* ---- Bodies ---- */

static JsonObject *
build_sync_options (FerrySyncDraft *self)
{
  JsonObject *options = json_object_new ();
  g_autofree char *key_schema = ferry_sync_draft_trimmed (self->values.key_schema);

  json_object_set_string_member (options, "initialSyncBehavior", FERRY_SYNC_DRAFT_INITIAL_SYNC_BEHAVIOR);
  if (key_schema != NULL)
    json_object_set_string_member (options, "keySchema", key_schema);
  json_object_set_boolean_member (options, "disableSecretDeletion", self->values.disable_secret_deletion);
  /* Whenever the sync has or gets subfolders: syncOptions is replaced whole on PATCH, so
   * leaving it out would turn them off. Absent means off. The old build drops it unread. */
  if (!self->recursive_unsupported && (self->values.recursive || self->original.recursive))
    json_object_set_boolean_member (options, "recursive", self->values.recursive);

  return options;
}

static JsonObject *
build_destination_config (FerrySyncDraft *self)
{
  JsonObject *config = json_object_new ();
  g_autofree char *id = ferry_sync_draft_trimmed (self->values.devops_project_id);
  g_autofree char *name = ferry_sync_draft_trimmed (self->values.devops_project_name);

  json_object_set_string_member (config, "devopsProjectId", id ? id : "");
  if (name != NULL)
    json_object_set_string_member (config, "devopsProjectName", name);

  return config;
}

JsonObject *
ferry_sync_draft_build_create_body (FerrySyncDraft *self)
{
  JsonObject *body;
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;
  g_autofree char *secret_path = NULL;

  g_return_val_if_fail (FERRY_IS_SYNC_DRAFT (self), NULL);

  name = ferry_sync_draft_trimmed (self->values.name);
  description = ferry_sync_draft_trimmed (self->values.description);
  secret_path = ferry_sync_draft_normalize_secret_path (self->values.secret_path);

  body = json_object_new ();
  json_object_set_string_member (body, "name", name ? name : "");
  json_object_set_string_member (body, "projectId", self->values.project_id ? self->values.project_id : "");
  if (description != NULL)
    json_object_set_string_member (body, "description", description);
  json_object_set_string_member (body, "connectionId", self->values.connection_id ? self->values.connection_id : "");
  json_object_set_string_member (body, "environment", self->values.environment_slug ? self->values.environment_slug : "");
  json_object_set_string_member (body, "secretPath", secret_path ? secret_path : "");
  /* The key this build reads: the other one is dropped unread and the default (on) wins. */
  json_object_set_boolean_member (body, ferry_server_build_auto_sync_key (self->server_build),
                                  self->values.auto_sync_enabled);
  json_object_set_object_member (body, "syncOptions", build_sync_options (self));
  json_object_set_object_member (body, "destinationConfig", build_destination_config (self));

  return body;
}

JsonObject *
ferry_sync_draft_build_update_body (FerrySyncDraft *self)
{
  const FerrySyncDraftValues *now, *was;
  JsonObject *body;

  g_return_val_if_fail (FERRY_IS_SYNC_DRAFT (self), NULL);

  now = &self->values;
  was = &self->original;
  body = json_object_new ();

  if (!ferry_sync_draft_same_text (now->name, was->name))
    {
      g_autofree char *name = ferry_sync_draft_trimmed (now->name);
      json_object_set_string_member (body, "name", name ? name : "");
    }

  if (!ferry_sync_draft_same_text (now->description, was->description))
    {
      g_autofree char *description = ferry_sync_draft_trimmed (now->description);

      /* null clears it. */
      if (description != NULL)
        json_object_set_string_member (body, "description", description);
      else
        json_object_set_null_member (body, "description");
    }

  if (!ferry_sync_draft_same_text (now->connection_id, was->connection_id))
    json_object_set_string_member (body, "connectionId", now->connection_id ? now->connection_id : "");

  /* The server resolves whichever of the two is missing from the sync as it is. */
  if (!ferry_sync_draft_same_text (now->environment_slug, was->environment_slug))
    json_object_set_string_member (body, "environment", now->environment_slug ? now->environment_slug : "");

  if (!ferry_sync_draft_same_path (now->secret_path, was->secret_path))
    {
      g_autofree char *path = ferry_sync_draft_normalize_secret_path (now->secret_path);
      json_object_set_string_member (body, "secretPath", path ? path : "");
    }

  if (now->auto_sync_enabled != was->auto_sync_enabled)
    json_object_set_boolean_member (body, ferry_server_build_auto_sync_key (self->server_build),
                                    now->auto_sync_enabled);

  /* syncOptions replaces the stored options wholesale, so it is always sent complete. */
  if (!ferry_sync_draft_same_text (now->key_schema, was->key_schema) ||
      now->disable_secret_deletion != was->disable_secret_deletion ||
      now->recursive != was->recursive)
    json_object_set_object_member (body, "syncOptions", build_sync_options (self));

  if (!ferry_sync_draft_same_text (now->devops_project_id, was->devops_project_id) ||
      !ferry_sync_draft_same_text (now->devops_project_name, was->devops_project_name))
    json_object_set_object_member (body, "destinationConfig", build_destination_config (self));

  return body;
}
