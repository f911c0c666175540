/* ferry-project-model-syncs.c: a project's sync list, kept current, and the jobs followed.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Part of FerryProjectModel (see ferry-project-model-private.h). This is what
 * src/ui/ferry-syncs-page.c did inside the widget, with the same cadence and rules: the
 * first answer is spliced in at once, later ones are merged in place by id; the list is
 * refreshed every "refresh-interval" seconds while held, a 429 doubles the interval (at
 * least to its Retry-After, at most 300 s) until an answer comes through; syncs with a
 * job in flight are fetched every 2 s, at most 8 at a time, until they settle.
 *
 * What Ferry started is state on the sync ("operation", src/api/ferry-sync.h), so every
 * view sees it; the model keeps one FerryFollow per such sync to know when the server's
 * answers are newer than the operation. Infisical runs each job in a queue and only then
 * writes syncStatus / removeStatus (backend/src/services/secret-sync/secret-sync-queue.ts);
 * a delete with removeSecrets=true removes the secrets first and the sync afterwards, so
 * that one is followed until the sync is gone (404).
 */

#include "config.h"

#include "ferry-api-client.h"
#include "ferry-project-model-private.h"

/* An operation Ferry follows on one sync. */
typedef struct
{
  /* Monotonic µs the server answered the request that started it; G_MAXINT64 while that
   * request is in flight. A list or a poll sent before then may predate the operation and
   * must not overwrite what its answer said. */
  gint64 since;
} FerryFollow;

static void
follow_free (gpointer data)
{
  g_free (data);
}

static FerryFollow *
lookup_follow (FerryProjectModel *self,
               FerrySync         *sync)
{
  return g_hash_table_lookup (self->follows, sync);
}

gboolean
ferry_project_model_is_followed (FerryProjectModel *self,
                                 FerrySync         *sync)
{
  return lookup_follow (self, sync) != NULL;
}

/* Whether an answer to a request sent at @sent may overwrite @sync. */
static gboolean
answer_is_current (FerryProjectModel *self,
                   FerrySync         *sync,
                   gint64             sent)
{
  FerryFollow *follow = lookup_follow (self, sync);

  return follow == NULL || sent >= follow->since;
}

static gboolean
store_contains (FerryProjectModel *self,
                FerrySync         *sync)
{
  return g_list_store_find (self->syncs, sync, NULL);
}

void
ferry_project_model_store_remove (FerryProjectModel *self,
                                  FerrySync         *sync)
{
  guint position;

  if (g_list_store_find (self->syncs, sync, &position))
    g_list_store_remove (self->syncs, position);
}

/* ---- Following operations ---- */

void
ferry_project_model_begin_operation (FerryProjectModel  *self,
                                     FerrySync          *sync,
                                     FerrySyncOperation  operation)
{
  FerryFollow *follow = g_new0 (FerryFollow, 1);

  follow->since = G_MAXINT64;
  g_hash_table_replace (self->follows, g_object_ref (sync), follow);
  ferry_sync_set_operation (sync, operation);
}

/* The request that would have started it failed: nothing to follow. */
void
ferry_project_model_abandon_operation (FerryProjectModel *self,
                                       FerrySync         *sync)
{
  g_hash_table_remove (self->follows, sync);
  ferry_sync_set_operation (sync, FERRY_SYNC_OPERATION_NONE);
}

void
ferry_project_model_settle (FerryProjectModel *self,
                            FerrySync         *sync,
                            gboolean           deleted)
{
  FerrySyncOperation operation = ferry_sync_get_operation (sync);

  /* The follow table and the store may hold the last references: keep the sync alive
   * for the listeners of "sync-settled". */
  g_object_ref (sync);
  g_hash_table_remove (self->follows, sync);
  if (deleted)
    ferry_project_model_store_remove (self, sync);
  ferry_sync_set_operation (sync, FERRY_SYNC_OPERATION_NONE);
  ferry_project_model_emit_settled (self, sync, operation, deleted);
  g_object_unref (sync);
}

/* Fresh server data was applied to @sync, which was busy as @was_busy before. A job that
 * was seen in flight and no longer is has ended; a delete with its secrets ends only when
 * the sync is gone, unless removing them failed and the sync stays. */
static void
check_settled (FerryProjectModel *self,
               FerrySync         *sync,
               gboolean           was_busy)
{
  FerryFollow *follow = lookup_follow (self, sync);
  FerrySyncOperation operation = ferry_sync_get_operation (sync);

  if (follow == NULL || follow->since == G_MAXINT64 || operation == FERRY_SYNC_OPERATION_NONE)
    return;
  if (!was_busy || ferry_sync_is_busy (sync))
    return;
  if (operation == FERRY_SYNC_OPERATION_DELETE &&
      ferry_sync_get_remove_status (sync) != FERRY_SYNC_STATUS_FAILED)
    return;

  ferry_project_model_settle (self, sync, FALSE);
}

/* The server has queued (or refused) the job of @sync, as @fresh says: from now on its
 * answers are about the operation. */
void
ferry_project_model_operation_answered (FerryProjectModel *self,
                                        FerrySync         *sync,
                                        FerrySync         *fresh)
{
  FerryFollow *follow = lookup_follow (self, sync);

  ferry_resource_update_from (FERRY_RESOURCE (sync), FERRY_RESOURCE (fresh));
  if (follow != NULL)
    follow->since = g_get_monotonic_time ();

  if (ferry_sync_get_operation (sync) != FERRY_SYNC_OPERATION_DELETE && !ferry_sync_is_busy (sync))
    ferry_project_model_settle (self, sync, FALSE);
  else
    ferry_project_model_schedule_poll (self);
}

/* Follows the job @sync has in flight, if any, as if Ferry had started it. */
void
ferry_project_model_follow_job (FerryProjectModel *self,
                                FerrySync         *sync)
{
  FerrySyncOperation operation;
  FerrySyncStatus status;

  if (ferry_sync_get_operation (sync) != FERRY_SYNC_OPERATION_NONE || !ferry_sync_is_busy (sync))
    return;

  status = ferry_sync_get_sync_status (sync);
  operation = status == FERRY_SYNC_STATUS_PENDING || status == FERRY_SYNC_STATUS_RUNNING
                ? FERRY_SYNC_OPERATION_SYNC : FERRY_SYNC_OPERATION_REMOVE;
  ferry_project_model_begin_operation (self, sync, operation);
  lookup_follow (self, sync)->since = g_get_monotonic_time ();
  ferry_project_model_schedule_poll (self);
}

/* Puts @fresh into the store, or updates the sync with its id. Returns the store's object. */
FerrySync *
ferry_project_model_store_put (FerryProjectModel *self,
                               FerrySync         *fresh)
{
  FerrySync *existing = ferry_resource_find_by_id (G_LIST_MODEL (self->syncs),
                                                   ferry_resource_get_id (FERRY_RESOURCE (fresh)));
  gboolean was_busy;

  ferry_project_model_learn_build (self, fresh);
  if (existing == NULL)
    {
      g_list_store_append (self->syncs, fresh);
      return fresh;
    }

  was_busy = ferry_sync_is_busy (existing);
  ferry_resource_update_from (FERRY_RESOURCE (existing), FERRY_RESOURCE (fresh));
  check_settled (self, existing, was_busy);

  return existing;
}

/* ---- Polling ---- */

static gboolean
needs_poll (FerryProjectModel *self,
            FerrySync         *sync)
{
  FerryFollow *follow = lookup_follow (self, sync);

  if (follow != NULL)
    return follow->since != G_MAXINT64;

  /* Jobs Ferry did not start are watched only while someone looks. */
  return self->holds > 0 && ferry_sync_is_busy (sync);
}

static gboolean
any_needs_poll (FerryProjectModel *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->syncs));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FerrySync) sync = g_list_model_get_item (G_LIST_MODEL (self->syncs), i);

      if (needs_poll (self, sync))
        return TRUE;
    }

  return FALSE;
}

typedef struct
{
  FerryProjectModel *self;
  FerrySync         *sync;
  gint64             sent;
} PollData;

static void
poll_data_free (PollData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->sync);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PollData, poll_data_free)

static void
poll_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(PollData) data = user_data;
  FerryProjectModel *self = data->self;
  FerrySync *sync = data->sync;
  g_autoptr(FerrySync) fresh = NULL;
  g_autoptr(GError) error = NULL;

  fresh = ferry_api_client_get_sync_finish (FERRY_API_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->polls_in_flight--;

  if (fresh == NULL)
    {
      if (g_error_matches (error, FERRY_API_ERROR, FERRY_API_ERROR_NOT_FOUND))
        {
          /* Gone: for a delete with its secrets, that is the end Ferry waited for; what
           * became of the secrets the audit log says. */
          if (lookup_follow (self, sync) != NULL && ferry_sync_get_operation (sync) == FERRY_SYNC_OPERATION_DELETE)
            ferry_project_model_settle_deleted (self, sync);
          else if (lookup_follow (self, sync) != NULL)
            ferry_project_model_settle (self, sync, TRUE);
          else
            ferry_project_model_store_remove (self, sync);
        }
      else if (!ferry_project_model_check_error (self, error))
        g_debug ("Polling sync %s failed: %s", ferry_resource_get_id (FERRY_RESOURCE (sync)), error->message);
    }
  else if (store_contains (self, sync) && answer_is_current (self, sync, data->sent))
    {
      gboolean was_busy = ferry_sync_is_busy (sync);

      ferry_resource_update_from (FERRY_RESOURCE (sync), FERRY_RESOURCE (fresh));
      check_settled (self, sync, was_busy);
    }

  if (self->polls_in_flight == 0)
    ferry_project_model_schedule_poll (self);
}

static gboolean
poll_timeout_cb (gpointer user_data)
{
  FerryProjectModel *self = user_data;
  FerryApiClient *client;
  guint n, start;

  self->poll_source = 0;

  client = ferry_project_model_get_client (self, NULL);
  if (client == NULL || !ferry_project_model_session_active (self))
    return G_SOURCE_REMOVE;

  /* At most eight at a time, as the Syncs page did; unlike it, each round goes on where
   * the last one stopped, so a ninth busy sync is not left waiting for the first eight. */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->syncs));
  start = self->poll_cursor;
  for (guint k = 0; k < n && self->polls_in_flight < FERRY_PROJECT_MODEL_MAX_POLLS; k++)
    {
      guint i = (start + k) % n;
      g_autoptr(FerrySync) sync = g_list_model_get_item (G_LIST_MODEL (self->syncs), i);
      PollData *data;

      if (!needs_poll (self, sync))
        continue;

      self->poll_cursor = i + 1;

      data = g_new0 (PollData, 1);
      data->self = g_object_ref (self);
      data->sync = g_object_ref (sync);
      data->sent = g_get_monotonic_time ();
      self->polls_in_flight++;
      ferry_api_client_get_sync_async (client, ferry_resource_get_id (FERRY_RESOURCE (sync)),
                                       self->cancellable, poll_cb, data);
    }

  return G_SOURCE_REMOVE;
}

void
ferry_project_model_schedule_poll (FerryProjectModel *self)
{
  /* One round at a time: the next starts 2 s after the last answer of this one. */
  if (self->shut_down || self->poll_source != 0 || self->polls_in_flight > 0)
    return;
  if (!ferry_project_model_session_active (self) || !any_needs_poll (self))
    return;

  self->poll_source = g_timeout_add (FERRY_PROJECT_MODEL_POLL_MS, poll_timeout_cb, self);
}

/* ---- The list ---- */

typedef struct
{
  GTask  *task;
  gulong  cancelled_id;
} Waiter;

static void
waiter_free (Waiter *waiter)
{
  GCancellable *cancellable = g_task_get_cancellable (waiter->task);

  if (waiter->cancelled_id != 0)
    g_cancellable_disconnect (cancellable, waiter->cancelled_id);
  g_object_unref (waiter->task);
  g_free (waiter);
}

static void
finish_waiters (FerryProjectModel *self,
                const GError      *error)
{
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&self->refresh_waiters);

  self->refresh_waiters = g_ptr_array_new_with_free_func ((GDestroyNotify) waiter_free);
  for (guint i = 0; i < waiters->len; i++)
    {
      Waiter *waiter = g_ptr_array_index (waiters, i);

      if (error != NULL)
        g_task_return_error (waiter->task, g_error_copy (error));
      else
        g_task_return_boolean (waiter->task, TRUE);
    }
}

/* Keeps the syncs Ferry follows as they are where the answer (sent at @sent) may predate
 * the operation. Returns @fresh itself when nothing needs keeping. */
static GListModel *
without_stale (FerryProjectModel *self,
               GListModel        *fresh,
               gint64             sent)
{
  g_autoptr(GListStore) kept = NULL;
  g_autoptr(GHashTable) placed = NULL;
  GHashTableIter iter;
  gpointer key, value;
  gboolean any = FALSE;
  guint n;

  g_hash_table_iter_init (&iter, self->follows);
  while (!any && g_hash_table_iter_next (&iter, &key, &value))
    any = sent < ((FerryFollow *) value)->since;
  if (!any)
    return g_object_ref (fresh);

  kept = g_list_store_new (FERRY_TYPE_SYNC);
  placed = g_hash_table_new (NULL, NULL);
  n = g_list_model_get_n_items (fresh);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FerrySync) item = g_list_model_get_item (fresh, i);
      FerrySync *existing = ferry_resource_find_by_id (G_LIST_MODEL (self->syncs),
                                                       ferry_resource_get_id (FERRY_RESOURCE (item)));

      if (existing != NULL && !answer_is_current (self, existing, sent))
        {
          g_list_store_append (kept, existing);
          g_hash_table_add (placed, existing);
        }
      else
        g_list_store_append (kept, item);
    }

  /* Not listed, but the operation is newer than the list: it stays until an answer says. */
  g_hash_table_iter_init (&iter, self->follows);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (sent < ((FerryFollow *) value)->since && !g_hash_table_contains (placed, key) &&
        store_contains (self, key))
      g_list_store_append (kept, key);

  return G_LIST_MODEL (g_steal_pointer (&kept));
}

static void
merge_syncs (FerryProjectModel *self,
             GListModel        *fresh,
             gint64             sent)
{
  g_autoptr(GListModel) merged = NULL;
  g_autoptr(GPtrArray) followed = NULL;
  g_autoptr(GArray) was_busy = NULL;
  GHashTableIter iter;
  gpointer key;
  guint n = g_list_model_get_n_items (fresh);

  /* Every answer tells which build the server is (ferry-server-traits.h). */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FerrySync) answered = g_list_model_get_item (fresh, i);

      ferry_project_model_learn_build (self, answered);
    }

  if (g_list_model_get_n_items (G_LIST_MODEL (self->syncs)) == 0)
    {
      g_autoptr(GPtrArray) items = g_ptr_array_new_full (n, g_object_unref);

      /* The first answer: one items-changed for the whole list. */
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (items, g_list_model_get_item (fresh, i));
      g_list_store_splice (self->syncs, 0, 0, items->pdata, items->len);
      return;
    }

  followed = g_ptr_array_new_with_free_func (g_object_unref);
  was_busy = g_array_new (FALSE, FALSE, sizeof (gboolean));
  g_hash_table_iter_init (&iter, self->follows);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      gboolean busy = ferry_sync_is_busy (key);

      g_ptr_array_add (followed, g_object_ref (key));
      g_array_append_val (was_busy, busy);
    }

  merged = without_stale (self, fresh, sent);
  ferry_resource_store_merge (self->syncs, merged);

  for (guint i = 0; i < followed->len; i++)
    {
      FerrySync *sync = g_ptr_array_index (followed, i);

      if (lookup_follow (self, sync) == NULL)
        continue;
      if (!store_contains (self, sync))
        ferry_project_model_settle (self, sync, TRUE);
      else
        check_settled (self, sync, g_array_index (was_busy, gboolean, i));
    }
}

static void
list_syncs_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(FerryProjectModel) self = user_data;
  g_autoptr(GListStore) fresh = NULL;
  g_autoptr(GError) error = NULL;

  fresh = ferry_api_client_list_syncs_finish (FERRY_API_CLIENT (object), result, &error);
  self->syncs_loading = FALSE;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      finish_waiters (self, error);
      return;
    }

  self->syncs_answered = g_get_monotonic_time ();

  if (fresh == NULL)
    {
      gboolean expired = ferry_project_model_check_error (self, error);

      if (g_error_matches (error, FERRY_API_ERROR, FERRY_API_ERROR_RATE_LIMITED))
        {
          guint retry = ferry_api_error_get_retry_after (error);
          guint stretched = MIN (MAX (self->current_interval * 2, retry), FERRY_PROJECT_MODEL_MAX_REFRESH_S);

          if (stretched != self->current_interval)
            {
              self->current_interval = stretched;
              ferry_project_model_notify_current_interval (self);
            }
        }

      /* A shown list stays; only the error says the refresh failed. */
      ferry_project_model_set_syncs_error (self, error);
      if (self->syncs_state != FERRY_LOAD_STATE_READY)
        ferry_project_model_set_syncs_state (self, FERRY_LOAD_STATE_ERROR);
      if (!expired)
        ferry_project_model_schedule_refresh (self, self->current_interval);
      finish_waiters (self, error);
      return;
    }

  if (self->current_interval != self->refresh_interval)
    {
      self->current_interval = self->refresh_interval;
      ferry_project_model_notify_current_interval (self);
    }
  ferry_project_model_set_syncs_error (self, NULL);

  merge_syncs (self, G_LIST_MODEL (fresh), self->syncs_started);
  ferry_project_model_set_syncs_state (self, FERRY_LOAD_STATE_READY);

  ferry_project_model_schedule_poll (self);
  ferry_project_model_schedule_refresh (self, self->current_interval);
  finish_waiters (self, NULL);
}

void
ferry_project_model_load_syncs (FerryProjectModel *self)
{
  g_autoptr(GError) error = NULL;
  FerryApiClient *client;

  if (self->syncs_loading)
    return;

  client = ferry_project_model_get_client (self, &error);
  if (client == NULL)
    {
      finish_waiters (self, error);
      return;
    }

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  self->syncs_loading = TRUE;
  self->syncs_started = g_get_monotonic_time ();
  if (self->syncs_state != FERRY_LOAD_STATE_READY)
    ferry_project_model_set_syncs_state (self, FERRY_LOAD_STATE_LOADING);

  ferry_api_client_list_syncs_async (client,
                                     ferry_resource_get_id (FERRY_RESOURCE (self->project)),
                                     self->cancellable,
                                     list_syncs_cb,
                                     g_object_ref (self));
}

static gboolean
refresh_timeout_cb (gpointer user_data)
{
  FerryProjectModel *self = user_data;

  self->refresh_source = 0;
  if (self->holds > 0 && ferry_project_model_session_active (self))
    ferry_project_model_load_syncs (self);

  return G_SOURCE_REMOVE;
}

void
ferry_project_model_schedule_refresh (FerryProjectModel *self,
                                      guint              seconds)
{
  g_clear_handle_id (&self->refresh_source, g_source_remove);

  if (self->shut_down || self->holds == 0 || !ferry_project_model_session_active (self))
    return;

  self->refresh_source = g_timeout_add_seconds (MAX (seconds, 1), refresh_timeout_cb, self);
}

void
ferry_project_model_catch_up (FerryProjectModel *self)
{
  gint64 age;
  gint64 interval = (gint64) self->current_interval * G_USEC_PER_SEC;

  if (!self->syncs_loading)
    {
      age = g_get_monotonic_time () - self->syncs_answered;
      if (self->syncs_state == FERRY_LOAD_STATE_IDLE)
        ferry_project_model_load_syncs (self);
      else if (ferry_project_model_session_active (self))
        {
          /* Back after a while unheld: a stale list is refreshed at once, a recent one
           * when its interval is up. */
          if (age >= interval)
            ferry_project_model_load_syncs (self);
          else
            ferry_project_model_schedule_refresh (self, (guint) ((interval - age + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC));
        }
    }

  ferry_project_model_schedule_poll (self);
}

void
ferry_project_model_refresh (FerryProjectModel *self)
{
  g_return_if_fail (FERRY_IS_PROJECT_MODEL (self));

  ferry_project_model_load_syncs (self);
}

static gboolean
waiter_cancel_idle_cb (gpointer user_data)
{
  GTask *task = user_data;
  FerryProjectModel *self = g_task_get_source_object (task);

  for (guint i = 0; i < self->refresh_waiters->len; i++)
    {
      Waiter *waiter = g_ptr_array_index (self->refresh_waiters, i);

      if (waiter->task == task)
        {
          g_autoptr(GTask) keep = g_object_ref (task);

          g_ptr_array_remove_index (self->refresh_waiters, i);
          g_task_return_error_if_cancelled (keep);
          break;
        }
    }

  return G_SOURCE_REMOVE;
}

static void
waiter_cancelled_idle (GCancellable *cancellable,
                       gpointer      user_data)
{
  g_idle_add_full (G_PRIORITY_DEFAULT, waiter_cancel_idle_cb, g_object_ref (user_data), g_object_unref);
}

void
ferry_project_model_refresh_async (FerryProjectModel   *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Waiter *waiter;

  g_return_if_fail (FERRY_IS_PROJECT_MODEL (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ferry_project_model_refresh_async);
  if (g_task_return_error_if_cancelled (task))
    return;

  waiter = g_new0 (Waiter, 1);
  waiter->task = g_object_ref (task);
  if (cancellable != NULL)
    waiter->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (waiter_cancelled_idle), task, NULL);
  g_ptr_array_add (self->refresh_waiters, waiter);

  ferry_project_model_load_syncs (self);
}

gboolean
ferry_project_model_refresh_finish (FerryProjectModel  *self,
                                    GAsyncResult       *result,
                                    GError            **error)
{
  g_return_val_if_fail (FERRY_IS_PROJECT_MODEL (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ferry_project_model_refresh_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

FerrySync *
ferry_project_model_find_sync (FerryProjectModel *self,
                               const char        *sync_id)
{
  g_return_val_if_fail (FERRY_IS_PROJECT_MODEL (self), NULL);
  g_return_val_if_fail (sync_id != NULL, NULL);

  return ferry_resource_find_by_id (G_LIST_MODEL (self->syncs), sync_id);
}

FerrySync *
ferry_project_model_follow_sync (FerryProjectModel *self,
                                 FerrySync         *sync)
{
  FerrySync *stored;

  g_return_val_if_fail (FERRY_IS_PROJECT_MODEL (self), NULL);
  g_return_val_if_fail (FERRY_IS_SYNC (sync), NULL);

  stored = ferry_project_model_store_put (self, sync);
  ferry_project_model_follow_job (self, stored);

  return stored;
}

/* ---- Life cycle ---- */

void
ferry_project_model_syncs_init (FerryProjectModel *self)
{
  self->follows = g_hash_table_new_full (NULL, NULL, g_object_unref, follow_free);
  self->refresh_waiters = g_ptr_array_new_with_free_func ((GDestroyNotify) waiter_free);
}

void
ferry_project_model_syncs_stop (FerryProjectModel *self)
{
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_handle_id (&self->poll_source, g_source_remove);
}

void
ferry_project_model_syncs_finalize (FerryProjectModel *self)
{
  g_clear_pointer (&self->follows, g_hash_table_unref);
  g_clear_pointer (&self->refresh_waiters, g_ptr_array_unref);
}
