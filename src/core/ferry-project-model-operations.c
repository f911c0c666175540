/* ferry-project-model-operations.c: what Ferry does to a project's syncs.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Part of FerryProjectModel (see ferry-project-model-private.h). Sync Now, Remove Secrets,
 * delete, auto-sync and save, as the Syncs page and the assistant sent them
 * (src/ui/ferry-syncs-page.c, src/ui/assistant/ferry-sync-assistant.c), with the bodies
 * built here or by FerrySyncDraft, never by a view. What they start is followed by
 * ferry-project-model-syncs.c until it settles.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-api-client.h"
#include "ferry-project-model-private.h"

/* ---- The server's build ---- */

FerryServerTraits *
ferry_project_model_get_traits (FerryProjectModel *self)
{
  return self->workspace != NULL ? ferry_workspace_get_server_traits (self->workspace) : NULL;
}

void
ferry_project_model_learn_build (FerryProjectModel *self,
                                 FerrySync         *sync)
{
  FerryServerTraits *traits = ferry_project_model_get_traits (self);

  if (traits != NULL)
    ferry_server_traits_learn_from_sync (traits, sync);
}

/* What the answer says against what was asked (keys a build does not know are dropped
 * unread, so a 200 does not mean the change was made). A translated sentence per change
 * the server did not make, or NULL. */
static char *
compare_answer (FerryProjectModel *self,
                JsonObject        *body,
                FerrySync         *fresh)
{
  g_autoptr(GString) out = g_string_new (NULL);
  JsonObject *options;

  if (json_object_has_member (body, "isAutoSyncEnabled") || json_object_has_member (body, "isEnabled"))
    {
      gboolean asked = json_object_get_boolean_member_with_default (body, "isAutoSyncEnabled",
                         json_object_get_boolean_member_with_default (body, "isEnabled", TRUE));

      if (asked != ferry_sync_get_auto_sync_enabled (fresh))
        g_string_append (out, asked
                         ? _("Infisical did not turn auto-sync on: the sync still syncs only when you choose Sync Now.")
                         : _("Infisical did not turn auto-sync off: the sync still syncs by itself whenever secrets change."));
    }

  options = json_object_has_member (body, "syncOptions") ? json_object_get_object_member (body, "syncOptions") : NULL;
  if (options != NULL && json_object_get_boolean_member_with_default (options, "recursive", FALSE) &&
      !ferry_sync_get_recursive (fresh))
    {
      FerryServerTraits *traits = ferry_project_model_get_traits (self);

      /* A build without subfolders dropped the key: do not offer them again. */
      if (traits != NULL && !ferry_sync_get_has_recursive (fresh))
        ferry_server_traits_set_recursive_supported (traits, FALSE);
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, _("Infisical did not include the subfolders: this server syncs only the folder itself."));
    }

  if (out->len == 0)
    return NULL;

  g_string_append_c (out, ' ');
  g_string_append (out, _("Everything else was saved. Check the sync’s details and try the change again."));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ---- Operations ---- */

typedef FerrySync *(*SyncFinishFunc) (FerryApiClient  *client,
                                      GAsyncResult    *result,
                                      GError         **error);

typedef struct
{
  FerrySync      *sync;       /* the store's object */
  SyncFinishFunc  finish;
  /* A create: what to look it up by when its answer does not come. */
  char           *name;
  char           *project_id;
  GError         *create_error;
  /* Auto-sync and save: what was asked, to compare with the answer. */
  JsonObject     *body;
  /* Save: the draft, until the probe has answered. */
  FerrySyncDraft *draft;
} OpData;

static void
op_data_free (OpData *data)
{
  g_clear_object (&data->sync);
  g_free (data->name);
  g_free (data->project_id);
  g_clear_error (&data->create_error);
  g_clear_pointer (&data->body, json_object_unref);
  g_clear_object (&data->draft);
  g_free (data);
}

/* The store's object for @sync (views may hand in a copy); a sync not listed yet joins
 * the store, so what Ferry starts on it is followed like the rest. */
static FerrySync *
resolve (FerryProjectModel *self,
         FerrySync         *sync)
{
  FerrySync *stored = ferry_resource_find_by_id (G_LIST_MODEL (self->syncs),
                                                 ferry_resource_get_id (FERRY_RESOURCE (sync)));

  if (stored != NULL)
    return stored;

  g_list_store_append (self->syncs, sync);
  return sync;
}

/* A task for an operation on @sync, or NULL when it already failed (and was returned). */
static GTask *
op_task_new (FerryProjectModel    *self,
             FerrySync            *sync,
             SyncFinishFunc        finish,
             gboolean              exclusive,
             gpointer              source_tag,
             GCancellable         *cancellable,
             GAsyncReadyCallback   callback,
             gpointer              user_data,
             FerryApiClient      **client)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;
  OpData *data = g_new0 (OpData, 1);

  g_task_set_source_tag (task, source_tag);
  data->finish = finish;
  g_task_set_task_data (task, data, (GDestroyNotify) op_data_free);

  *client = ferry_project_model_get_client (self, &error);
  if (*client == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return NULL;
    }
  data->sync = g_object_ref (resolve (self, sync));

  /* What Ferry already follows on this sync runs to its end first. */
  if (exclusive && ferry_sync_get_operation (data->sync) != FERRY_SYNC_OPERATION_NONE)
    {
      g_task_return_new_error (task, FERRY_API_ERROR, FERRY_API_ERROR_CONFLICT, "%s",
                               _("Another job is already running for this sync. Wait for it to finish, then try again."));
      return NULL;
    }

  return g_steal_pointer (&task);
}

static FerrySync *
op_finish (GTask         *task,
           GObject       *client,
           GAsyncResult  *result,
           GError       **error)
{
  FerryProjectModel *self = g_task_get_source_object (task);
  OpData *data = g_task_get_task_data (task);
  FerrySync *fresh = data->finish (FERRY_API_CLIENT (client), result, error);

  if (fresh == NULL && !g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      FerryServerTraits *traits = ferry_project_model_get_traits (self);

      ferry_project_model_check_error (self, *error);
      /* A duplicate destination refused: the organization blocks them. */
      if (traits != NULL)
        ferry_server_traits_learn_from_error (traits, *error);
    }

  return fresh;
}

/* Sync Now, Remove Secrets, delete with the secrets: followed from the answer on. */
static void
followed_op_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FerryProjectModel *self = g_task_get_source_object (task);
  OpData *data = g_task_get_task_data (task);
  g_autoptr(FerrySync) fresh = NULL;
  g_autoptr(GError) error = NULL;

  fresh = op_finish (task, object, result, &error);
  if (fresh == NULL)
    {
      ferry_project_model_abandon_operation (self, data->sync);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  ferry_project_model_operation_answered (self, data->sync, fresh);
  g_task_return_boolean (task, TRUE);
}

typedef void (*SyncJobFunc) (FerryApiClient      *client,
                             const char          *sync_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data);

/* Sync Now and Remove Secrets: the same request, followed the same way. */
static void
start_job (FerryProjectModel   *self,
           FerrySync           *sync,
           FerrySyncOperation   operation,
           SyncJobFunc          start,
           SyncFinishFunc       finish,
           gpointer             source_tag,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  FerryApiClient *client;
  GTask *task;
  OpData *data;

  task = op_task_new (self, sync, finish, TRUE, source_tag, cancellable, callback, user_data, &client);
  if (task == NULL)
    return;

  data = g_task_get_task_data (task);
  ferry_project_model_begin_operation (self, data->sync, operation);
  start (client, ferry_resource_get_id (FERRY_RESOURCE (data->sync)), cancellable, followed_op_cb, task);
}

void
ferry_project_model_trigger_sync_async (FerryProjectModel   *self,
                                        FerrySync           *sync,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (FERRY_IS_PROJECT_MODEL (self));
  g_return_if_fail (FERRY_IS_SYNC (sync));

  start_job (self, sync, FERRY_SYNC_OPERATION_SYNC,
             ferry_api_client_trigger_sync_async, ferry_api_client_trigger_sync_finish,
             ferry_project_model_trigger_sync_async, cancellable, callback, user_data);
}

gboolean
ferry_project_model_trigger_sync_finish (FerryProjectModel  *self,
                                         GAsyncResult       *result,
                                         GError            **error)
{
  return ferry_project_model_propagate_boolean (self, result, ferry_project_model_trigger_sync_async, error);
}

void
ferry_project_model_remove_secrets_async (FerryProjectModel   *self,
                                          FerrySync           *sync,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_return_if_fail (FERRY_IS_PROJECT_MODEL (self));
  g_return_if_fail (FERRY_IS_SYNC (sync));

  start_job (self, sync, FERRY_SYNC_OPERATION_REMOVE,
             ferry_api_client_remove_secrets_async, ferry_api_client_remove_secrets_finish,
             ferry_project_model_remove_secrets_async, cancellable, callback, user_data);
}

gboolean
ferry_project_model_remove_secrets_finish (FerryProjectModel  *self,
                                           GAsyncResult       *result,
                                           GError            **error)
{
  return ferry_project_model_propagate_boolean (self, result, ferry_project_model_remove_secrets_async, error);
}

/* A plain delete: the sync is gone once the server answers. */
static void
delete_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FerryProjectModel *self = g_task_get_source_object (task);
  OpData *data = g_task_get_task_data (task);
  g_autoptr(FerrySync) deleted = NULL;
  g_autoptr(GError) error = NULL;

  deleted = op_finish (task, object, result, &error);
  if (deleted == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Whatever Ferry followed on it has ended with it. */
  if (ferry_project_model_is_followed (self, data->sync))
    ferry_project_model_settle (self, data->sync, TRUE);
  else
    ferry_project_model_store_remove (self, data->sync);
  g_task_return_boolean (task, TRUE);
}

void
ferry_project_model_delete_sync_async (FerryProjectModel   *self,
                                       FerrySync           *sync,
                                       gboolean             remove_secrets,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  FerryApiClient *client;
  GTask *task;
  OpData *data;

  g_return_if_fail (FERRY_IS_PROJECT_MODEL (self));
  g_return_if_fail (FERRY_IS_SYNC (sync));

  task = op_task_new (self, sync, ferry_api_client_delete_sync_finish, remove_secrets,
                      ferry_project_model_delete_sync_async, cancellable, callback, user_data, &client);
  if (task == NULL)
    return;

  data = g_task_get_task_data (task);
  if (remove_secrets)
    ferry_project_model_begin_operation (self, data->sync, FERRY_SYNC_OPERATION_DELETE);
  ferry_api_client_delete_sync_async (client, ferry_resource_get_id (FERRY_RESOURCE (data->sync)),
                                      remove_secrets, cancellable,
                                      remove_secrets ? followed_op_cb : delete_cb, task);
}

gboolean
ferry_project_model_delete_sync_finish (FerryProjectModel  *self,
                                        GAsyncResult       *result,
                                        GError            **error)
{
  return ferry_project_model_propagate_boolean (self, result, ferry_project_model_delete_sync_async, error);
}

/* ---- A create whose answer did not come ---- */

#define FIND_CREATED_ATTEMPTS 3
#define FIND_CREATED_DELAY_MS 1000

typedef struct
{
  FerryApiClient        *client;
  FerryLookupByNameFunc  lookup;
  FerryLookupFinishFunc  lookup_finish;
  char                  *name;
  char                  *project_id;
  guint                  attempt;
} FindData;

static void
find_data_free (FindData *data)
{
  g_clear_object (&data->client);
  g_free (data->name);
  g_free (data->project_id);
  g_free (data);
}

gboolean
ferry_project_model_create_may_have_happened (const GError *error)
{
  /* A timeout cancels the request after it was sent; a network error may come after
   * the body went out (a connection cut before the answer, src/api/ferry-api-transport.c).
   * Either way the server may have made the object, and creating it again would only
   * be refused as a duplicate. */
  return g_error_matches (error, FERRY_API_ERROR, FERRY_API_ERROR_TIMEOUT) ||
         g_error_matches (error, FERRY_API_ERROR, FERRY_API_ERROR_NETWORK);
}

static void find_created_attempt (GTask *task);

static gboolean
find_created_again_cb (gpointer user_data)
{
  GTask *task = user_data;

  if (g_task_return_error_if_cancelled (task))
    g_object_unref (task);
  else
    find_created_attempt (task);
  return G_SOURCE_REMOVE;
}

static void
find_created_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  FindData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gpointer found;

  found = data->lookup_finish (FERRY_API_CLIENT (object), result, &error);
  if (found != NULL)
    {
      g_task_return_pointer (task, found, g_object_unref);
      g_object_unref (task);
      return;
    }

  /* Not (yet) there: the server may still be making it. */
  if (g_error_matches (error, FERRY_API_ERROR, FERRY_API_ERROR_NOT_FOUND) &&
      data->attempt < FIND_CREATED_ATTEMPTS)
    {
      GSource *source = g_timeout_source_new (FIND_CREATED_DELAY_MS);

      g_source_set_callback (source, find_created_again_cb, task, NULL);
      g_source_set_name (source, "[ferry] look for a created object");
      g_source_attach (source, g_task_get_context (task));
      g_source_unref (source);
      return;
    }

  g_task_return_error (task, g_steal_pointer (&error));
  g_object_unref (task);
}

static void
find_created_attempt (GTask *task)
{
  FindData *data = g_task_get_task_data (task);

  data->attempt++;
  data->lookup (data->client, data->name, data->project_id, g_task_get_cancellable (task),
                find_created_cb, task);
}

void
ferry_project_model_find_created_async (FerryProjectModel     *self,
                                        FerryApiClient        *client,
                                        FerryLookupByNameFunc  lookup,
                                        FerryLookupFinishFunc  lookup_finish,
                                        const char            *name,
                                        const char            *project_id,
                                        GCancellable          *cancellable,
                                        GAsyncReadyCallback    callback,
                                        gpointer               user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  FindData *data = g_new0 (FindData, 1);

  g_task_set_source_tag (task, ferry_project_model_find_created_async);
  data->client = g_object_ref (client);
  data->lookup = lookup;
  data->lookup_finish = lookup_finish;
  data->name = g_strdup (name);
  data->project_id = g_strdup (project_id);
  g_task_set_task_data (task, data, (GDestroyNotify) find_data_free);
  find_created_attempt (task);
}

gpointer
ferry_project_model_find_created_finish (FerryProjectModel  *self,
                                         GAsyncResult       *result,
                                         GError            **error)
{
  return ferry_project_model_propagate_pointer (self, result, ferry_project_model_find_created_async, error);
}

/* Auto-sync and save: the answer is the sync as the server now has it. */
static void
saved (GTask     *task,
       FerrySync *fresh)
{
  FerryProjectModel *self = g_task_get_source_object (task);
  OpData *data = g_task_get_task_data (task);
  g_autofree char *not_applied = NULL;
  FerrySync *stored;

  stored = ferry_project_model_store_put (self, fresh);
  /* A saved sync's first job (auto-sync on create, or after the change) is the person's. */
  if (g_task_get_source_tag (task) == ferry_project_model_save_sync_async)
    ferry_project_model_follow_job (self, stored);
  ferry_project_model_schedule_poll (self);

  /* The store shows what the server has; the caller learns what it did not make. */
  if (data->body != NULL)
    not_applied = compare_answer (self, data->body, stored);
  if (not_applied != NULL)
    {
      g_task_return_new_error (task, FERRY_SERVER_TRAITS_ERROR, FERRY_SERVER_TRAITS_ERROR_NOT_APPLIED,
                               "%s", not_applied);
      return;
    }
  g_task_return_pointer (task, g_object_ref (stored), g_object_unref);
}

static void
update_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(FerrySync) fresh = NULL;
  g_autoptr(GError) error = NULL;

  fresh = op_finish (task, object, result, &error);
  if (fresh == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  saved (task, fresh);
}

static void
found_created_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OpData *data = g_task_get_task_data (task);
  g_autoptr(FerrySync) found = NULL;
  g_autoptr(GError) error = NULL;

  found = ferry_project_model_find_created_finish (FERRY_PROJECT_MODEL (object), result, &error);
  if (found == NULL)
    {
      /* Not made (or not to be found): what the create itself said is what is true. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_error (task, g_steal_pointer (&data->create_error));
      return;
    }

  g_debug ("create timed out, but the sync “%s” exists: taking it", data->name);
  saved (task, found);
}

static gpointer
lookup_sync_finish (FerryApiClient  *client,
                    GAsyncResult    *result,
                    GError         **error)
{
  return ferry_api_client_get_sync_by_name_finish (client, result, error);
}

static void
create_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FerryProjectModel *self = g_task_get_source_object (task);
  OpData *data = g_task_get_task_data (task);
  g_autoptr(FerrySync) fresh = NULL;
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable;

  fresh = op_finish (task, object, result, &error);
  if (fresh != NULL)
    {
      saved (task, fresh);
      return;
    }

  if (!ferry_project_model_create_may_have_happened (error) || data->name == NULL || data->name[0] == '\0' ||
      data->project_id == NULL || data->project_id[0] == '\0')
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data->create_error = g_steal_pointer (&error);
  cancellable = g_task_get_cancellable (task);
  ferry_project_model_find_created_async (self, FERRY_API_CLIENT (object),
                                          ferry_api_client_get_sync_by_name_async, lookup_sync_finish,
                                          data->name, data->project_id, cancellable,
                                          found_created_cb, g_steal_pointer (&task));
}

void
ferry_project_model_set_auto_sync_async (FerryProjectModel   *self,
                                         FerrySync           *sync,
                                         gboolean             enabled,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autoptr(JsonObject) body = NULL;
  FerryApiClient *client;
  GTask *task;
  OpData *data;

  g_return_if_fail (FERRY_IS_PROJECT_MODEL (self));
  g_return_if_fail (FERRY_IS_SYNC (sync));

  task = op_task_new (self, sync, ferry_api_client_update_sync_finish, FALSE,
                      ferry_project_model_set_auto_sync_async, cancellable, callback, user_data, &client);
  if (task == NULL)
    return;

  data = g_task_get_task_data (task);
  /* The key this build reads: the sync's own answer tells, else what the account's other
   * answers told (docs/infisical-api.md#old-sync-field-names). */
  {
    FerryServerBuild build = ferry_server_build_from_sync (data->sync);
    FerryServerTraits *traits = ferry_project_model_get_traits (self);

    if (build == FERRY_SERVER_BUILD_UNKNOWN && traits != NULL)
      build = ferry_server_traits_get_build (traits);
    body = json_object_new ();
    json_object_set_boolean_member (body, ferry_server_build_auto_sync_key (build), enabled);
  }
  data->body = json_object_ref (body);
  ferry_api_client_update_sync_async (client, ferry_resource_get_id (FERRY_RESOURCE (data->sync)), body,
                                      cancellable, update_cb, task);
}

gboolean
ferry_project_model_set_auto_sync_finish (FerryProjectModel  *self,
                                          GAsyncResult       *result,
                                          GError            **error)
{
  g_autoptr(FerrySync) sync = ferry_project_model_propagate_pointer (self, result,
                                                                    ferry_project_model_set_auto_sync_async,
                                                                    error);

  return sync != NULL;
}

/* Sends the save with the bodies of the build now known. */
static void
save_send (GTask *task)
{
  FerryProjectModel *self = g_task_get_source_object (task);
  OpData *data = g_task_get_task_data (task);
  g_autoptr(FerrySyncDraft) draft = g_steal_pointer (&data->draft);
  GCancellable *cancellable = g_task_get_cancellable (task);
  FerryServerTraits *traits = ferry_project_model_get_traits (self);
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GError) error = NULL;
  FerryApiClient *client;

  client = ferry_project_model_get_client (self, &error);
  if (client == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  if (traits != NULL)
    {
      if (ferry_server_traits_get_build (traits) != FERRY_SERVER_BUILD_UNKNOWN)
        ferry_sync_draft_set_server_build (draft, ferry_server_traits_get_build (traits));
      if (!ferry_server_traits_get_recursive_supported (traits))
        ferry_sync_draft_set_recursive_supported (draft, FALSE);
    }

  if (ferry_sync_draft_get_editing (draft))
    {
      data->finish = ferry_api_client_update_sync_finish;
      body = ferry_sync_draft_build_update_body (draft);
      data->body = json_object_ref (body);
      ferry_api_client_update_sync_async (client, ferry_sync_draft_get_sync_id (draft), body,
                                          cancellable, update_cb, task);
    }
  else
    {
      data->finish = ferry_api_client_create_sync_finish;
      body = ferry_sync_draft_build_create_body (draft);
      data->body = json_object_ref (body);
      data->name = g_strdup (json_object_get_string_member_with_default (body, "name", NULL));
      data->project_id = g_strdup (json_object_get_string_member_with_default (body, "projectId", NULL));
      ferry_api_client_create_sync_async (client, body, cancellable, create_cb, task);
    }
}

static void
save_probed_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GError) error = NULL;

  ferry_server_traits_probe_finish (FERRY_SERVER_TRAITS (object), result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  save_send (task);
}

void
ferry_project_model_save_sync_async (FerryProjectModel   *self,
                                     FerrySyncDraft      *draft,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  FerryServerTraits *traits;
  FerryApiClient *client;
  OpData *data;

  g_return_if_fail (FERRY_IS_PROJECT_MODEL (self));
  g_return_if_fail (FERRY_IS_SYNC_DRAFT (draft));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ferry_project_model_save_sync_async);
  data = g_new0 (OpData, 1);
  g_task_set_task_data (task, data, (GDestroyNotify) op_data_free);

  client = ferry_project_model_get_client (self, &error);
  if (client == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  traits = ferry_project_model_get_traits (self);
  data->draft = g_object_ref (draft);
  /* A create on a server no sync answer has told about yet: ask it first, or an old build
   * would make an auto-sync sync of one asked to stay off, and run it at once. */
  if (!ferry_sync_draft_get_editing (draft) && traits != NULL &&
      ferry_server_traits_get_build (traits) == FERRY_SERVER_BUILD_UNKNOWN)
    {
      ferry_server_traits_probe_async (traits, client, cancellable, save_probed_cb, g_steal_pointer (&task));
      return;
    }

  save_send (g_steal_pointer (&task));
}

FerrySync *
ferry_project_model_save_sync_finish (FerryProjectModel  *self,
                                      GAsyncResult       *result,
                                      GError            **error)
{
  return ferry_project_model_propagate_pointer (self, result, ferry_project_model_save_sync_async, error);
}
