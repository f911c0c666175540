/* ferry-project-model-history.c: the syncs' histories, and what the audit log says about a
 * sync deleted with its secrets.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A delete with removeSecrets=true queues a remove job with deleteSyncOnComplete. Current
 * builds of upstream's secret-sync-queue.ts delete the sync only when the job succeeded (a
 * failed one keeps it with removeStatus "failed": ferry-project-model-syncs.c settles that),
 * but builds have deleted it in the job's finally block whatever the outcome. A sync that is
 * gone therefore proves nothing about its secrets; the job's secret-sync-remove-secrets
 * event does (docs/infisical-api.md#audit-logs).
 */

#define G_LOG_DOMAIN "ferry-core"

#include "config.h"

#include "ferry-project-model-private.h"

void
ferry_project_model_history_init (FerryProjectModel *self)
{
  /* Keyed by each history's own "sync-id": one string less per sync. */
  self->histories = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
}

void
ferry_project_model_history_dispose (FerryProjectModel *self)
{
  GHashTableIter iter;
  gpointer value;

  if (self->histories == NULL)
    return;
  g_hash_table_iter_init (&iter, self->histories);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    ferry_sync_history_detach (value);
  g_clear_pointer (&self->histories, g_hash_table_unref);
}

FerrySyncHistory *
ferry_project_model_get_sync_history (FerryProjectModel *self,
                                      FerrySync         *sync)
{
  const char *id;
  FerrySyncHistory *history;

  g_return_val_if_fail (FERRY_IS_PROJECT_MODEL (self), NULL);
  g_return_val_if_fail (FERRY_IS_SYNC (sync), NULL);

  id = ferry_resource_get_id (FERRY_RESOURCE (sync));
  history = self->histories != NULL ? g_hash_table_lookup (self->histories, id) : NULL;
  if (history == NULL)
    {
      /* Disposed: the history is the sync's alone, and knows no model. */
      history = ferry_sync_history_new (self->histories != NULL ? self : NULL, sync);
      if (self->histories != NULL)
        g_hash_table_insert (self->histories, (gpointer) ferry_sync_history_get_sync_id (history), history);
      else
        g_object_unref (history);   /* the sync's own reference keeps it */
      return ferry_sync_history_peek (sync);
    }
  /* Another object of the same sync (fetched anew): it finds the same history. */
  if (ferry_sync_history_peek (sync) != history)
    g_object_set_qdata_full (G_OBJECT (sync), g_quark_from_static_string ("ferry-sync-history"),
                             g_object_ref (history), g_object_unref);
  return history;
}

void
ferry_project_model_attach_histories (FerryProjectModel *self,
                                      guint              position,
                                      guint              added)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(FerrySync) sync = g_list_model_get_item (G_LIST_MODEL (self->syncs), i);

      if (sync != NULL && ferry_sync_history_peek (sync) == NULL)
        ferry_project_model_get_sync_history (self, sync);
    }
}

/* ---- A sync deleted with its secrets ---- */

typedef struct
{
  FerryProjectModel *self;
  FerrySync         *sync;
} Confirm;

static void
confirm_free (Confirm *confirm)
{
  g_object_unref (confirm->self);
  g_object_unref (confirm->sync);
  g_free (confirm);
}

static void
removal_event_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Confirm *confirm = user_data;
  FerrySync *sync = confirm->sync;
  g_autoptr(GListStore) events = NULL;
  g_autoptr(GError) error = NULL;
  FerrySyncStatus status = FERRY_SYNC_STATUS_NONE;
  const char *message = NULL;
  g_autoptr(FerryAuditEvent) event = NULL;

  events = ferry_api_client_list_audit_events_finish (FERRY_API_CLIENT (object), result, NULL, &error);
  if (events == NULL)
    g_debug ("The audit log of deleted sync %s could not be read: %s",
             ferry_resource_get_id (FERRY_RESOURCE (sync)), error->message);
  else if (g_list_model_get_n_items (G_LIST_MODEL (events)) > 0)
    {
      event = g_list_model_get_item (G_LIST_MODEL (events), 0);
      status = ferry_audit_event_get_sync_status (event);
      message = ferry_audit_event_get_message (event);
    }

  /* Only a final result counts; anything else is "not known". */
  if (status != FERRY_SYNC_STATUS_SUCCEEDED && status != FERRY_SYNC_STATUS_FAILED)
    status = FERRY_SYNC_STATUS_NONE;
  g_object_set (sync,
                "remove-status", status,
                "last-remove-message", status == FERRY_SYNC_STATUS_FAILED ? message : NULL,
                NULL);

  if (!g_cancellable_is_cancelled (confirm->self->cancellable))
    ferry_project_model_settle (confirm->self, sync, TRUE);
  confirm_free (confirm);
}

void
ferry_project_model_settle_deleted (FerryProjectModel *self,
                                    FerrySync         *sync)
{
  g_autoptr(GError) error = NULL;
  FerryApiClient *client;
  Confirm *confirm;

  /* The follow table and the store may hold the last references. */
  g_object_ref (sync);

  /* Nothing more to poll: the sync is gone. Its operation stays DELETE (and its actions
   * disabled) until the audit log has answered. */
  g_hash_table_remove (self->follows, sync);
  ferry_project_model_store_remove (self, sync);

  client = ferry_project_model_get_client (self, &error);
  if (client == NULL)
    {
      g_object_set (sync, "remove-status", FERRY_SYNC_STATUS_NONE, "last-remove-message", NULL, NULL);
      ferry_project_model_settle (self, sync, TRUE);
      g_object_unref (sync);
      return;
    }

  confirm = g_new0 (Confirm, 1);
  confirm->self = g_object_ref (self);
  confirm->sync = g_object_ref (sync);
  /* The newest remove event of this sync is its last job: the one of this delete. */
  ferry_api_client_list_audit_events_async (client, ferry_resource_get_id (FERRY_RESOURCE (self->project)),
                                            ferry_resource_get_id (FERRY_RESOURCE (sync)),
                                            "secret-sync-remove-secrets", NULL, 0, 1,
                                            self->cancellable, removal_event_cb, confirm);
  g_object_unref (sync);
}
