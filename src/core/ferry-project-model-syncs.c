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
 * job in flight are fetched in rounds 0.5 s apart, at most 8 at a time, until they
 * settle (after a 429, as far apart as its Retry-After says, doubling up to 30 s).
 *
 * A job whose phases are shorter than a round would go from "pending" straight to its
 * end on screen. The queue always runs it in between (pending → running → final), so a
 * followed sync that the answers show jumping past "running" shows it for a moment
 * (FERRY_PROJECT_MODEL_MIN_RUNNING_MS) before its final state is applied.
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
  /* Monotonic µs the job's status has shown "running" since, 0 while it does not. */
  gint64 running_since;
  /* An answer with the job's end, held back until "running" has shown long enough. */
  FerrySync *held;
  guint      held_source;
} FerryFollow;

static void
follow_free (gpointer data)
{
  FerryFollow *follow = data;

  g_clear_handle_id (&follow->held_source, g_source_remove);
  g_clear_object (&follow->held);
  g_free (follow);
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

/* The status the job of @operation writes (Infisical's syncStatus / removeStatus), or
 * NULL for operations without a status of their own. */
static const char *
job_status_property (FerrySyncOperation operation)
{
  switch (operation)
    {
    case FERRY_SYNC_OPERATION_SYNC:
      return "sync-status";
    case FERRY_SYNC_OPERATION_REMOVE:
      return "remove-status";
    default:
      return NULL;
    }
}

static FerrySyncStatus
get_status (FerrySync  *sync,
            const char *property)
{
  FerrySyncStatus status;

  g_object_get (sync, property, &status, NULL);
  return status;
}

static gboolean
status_in_flight (FerrySyncStatus status)
{
  return status == FERRY_SYNC_STATUS_PENDING || status == FERRY_SYNC_STATUS_RUNNING;
}

static void
note_running (FerryFollow *follow,
              FerrySync   *sync)
{
  const char *property = job_status_property (ferry_sync_get_operation (sync));
  gboolean running = property != NULL && get_status (sync, property) == FERRY_SYNC_STATUS_RUNNING;

  if (!running)
    follow->running_since = 0;
  else if (follow->running_since == 0)
    follow->running_since = g_get_monotonic_time ();
}

typedef struct
{
  FerryProjectModel *self;   /* weak: the follow (and its source) ends before the model */
  FerrySync         *sync;
} HeldData;

/* Whether @fresh may replace what @sync shows: not when it is an older state of the sync
 * than one already applied. A poll that was under way (or held back, below) while a save
 * or an auto-sync change answered must not undo that change. Infisical's secret-sync
 * table has an on-update trigger (createOnUpdateTrigger in its migration under
 * backend/src/db/migrations/) that bumps updatedAt on every change of the row, so the
 * older answer is the one with the earlier updatedAt. */
static gboolean
fresh_is_current (FerrySync *sync,
                  FerrySync *fresh)
{
  GDateTime *have = ferry_sync_get_updated_at (sync);
  GDateTime *got = ferry_sync_get_updated_at (fresh);

  return have == NULL || got == NULL || g_date_time_compare (got, have) >= 0;
}

static gboolean
held_timeout_cb (gpointer user_data)
{
  HeldData *data = user_data;
  FerryProjectModel *self = data->self;
  FerrySync *sync = data->sync;
  FerryFollow *follow = lookup_follow (self, sync);
  g_autoptr(FerrySync) held = NULL;

  follow->held_source = 0;
  held = g_steal_pointer (&follow->held);
  if (fresh_is_current (sync, held))
    ferry_resource_update_from (FERRY_RESOURCE (sync), FERRY_RESOURCE (held));
  note_running (follow, sync);
  check_settled (self, sync, TRUE);
  ferry_project_model_schedule_poll (self);

  return G_SOURCE_REMOVE;
}

/* Applies @fresh to @sync except for the job's end: its @property stays "running". Only
 * the status waits (FERRY_PROJECT_MODEL_MIN_RUNNING_MS); what else the answer says (the
 * name, the options, the server's build) is current at once, like any other answer. */
static void
apply_held_back (FerrySync  *sync,
                 FerrySync  *fresh,
                 const char *property)
{
  g_object_freeze_notify (G_OBJECT (sync));
  if (fresh_is_current (sync, fresh))
    ferry_resource_update_from (FERRY_RESOURCE (sync), FERRY_RESOURCE (fresh));
  if (property != NULL)
    g_object_set (sync, property, FERRY_SYNC_STATUS_RUNNING, NULL);
  g_object_thaw_notify (G_OBJECT (sync));
}

/* @fresh ends the job of followed @sync, which has not shown "running" for
 * FERRY_PROJECT_MODEL_MIN_RUNNING_MS: show it running, apply @fresh after that. Returns
 * FALSE when @fresh can be applied now. */
static gboolean
hold_end (FerryProjectModel *self,
          FerrySync         *sync,
          FerryFollow       *follow,
          FerrySync         *fresh)
{
  const char *property = job_status_property (ferry_sync_get_operation (sync));
  gint64 now = g_get_monotonic_time ();
  gint64 shown_us = (gint64) FERRY_PROJECT_MODEL_MIN_RUNNING_MS * 1000;
  HeldData *data;

  if (property == NULL || follow->since == G_MAXINT64 || status_in_flight (get_status (fresh, property)))
    return FALSE;
  if (follow->running_since != 0 && now - follow->running_since >= shown_us)
    return FALSE;

  if (follow->running_since == 0)
    follow->running_since = now;
  apply_held_back (sync, fresh, property);
  g_set_object (&follow->held, fresh);

  data = g_new0 (HeldData, 1);
  data->self = self;
  data->sync = sync;   /* the follow table holds it */
  follow->held_source = g_timeout_add_full (G_PRIORITY_DEFAULT,
                                            (guint) ((follow->running_since + shown_us - now + 999) / 1000),
                                            held_timeout_cb, data, g_free);
  return TRUE;
}

/* Applies a fresh answer about @sync (from a poll or a list): at once, or after its
 * "running" had its moment when it ends a followed job. */
static void
apply_fresh (FerryProjectModel *self,
             FerrySync         *sync,
             FerrySync         *fresh)
{
  FerryFollow *follow = lookup_follow (self, sync);
  gboolean was_busy = ferry_sync_is_busy (sync);

  if (!fresh_is_current (sync, fresh))
    return;
  if (follow != NULL && follow->held != NULL)
    {
      /* Already waiting to end: the newer answer is the one to apply. */
      apply_held_back (sync, fresh, job_status_property (ferry_sync_get_operation (sync)));
      g_set_object (&follow->held, fresh);
      return;
    }
  if (follow != NULL && hold_end (self, sync, follow, fresh))
    return;

  ferry_resource_update_from (FERRY_RESOURCE (sync), FERRY_RESOURCE (fresh));
  if (follow != NULL)
    note_running (follow, sync);
  check_settled (self, sync, was_busy);
}

/* The server has queued (or refused) the job of @sync, as @fresh says: from now on its
 * answers are about the operation. */
void
ferry_project_model_operation_answered (FerryProjectModel *self,
                                        FerrySync         *sync,
                                        FerrySync         *fresh)
{
  FerryFollow *follow = lookup_follow (self, sync);

  if (follow != NULL)
    {
      follow->since = g_get_monotonic_time ();
      if (hold_end (self, sync, follow, fresh))
        return;
    }
  ferry_resource_update_from (FERRY_RESOURCE (sync), FERRY_RESOURCE (fresh));
  if (follow != NULL)
    note_running (follow, sync);

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
  note_running (lookup_follow (self, sync), sync);
  ferry_project_model_schedule_poll (self);
}

/* Puts @fresh into the store, or updates the sync with its id. Returns the store's object. */
FerrySync *
ferry_project_model_store_put (FerryProjectModel *self,
                               FerrySync         *fresh)
{
  FerrySync *existing = ferry_resource_find_by_id (G_LIST_MODEL (self->syncs),
                                                   ferry_resource_get_id (FERRY_RESOURCE (fresh)));

  ferry_project_model_learn_build (self, fresh);
  if (existing == NULL)
    {
      g_list_store_append (self->syncs, fresh);
      return fresh;
    }

  apply_fresh (self, existing, fresh);

  return existing;
}

/* ---- Polling ---- */

static gboolean
needs_poll (FerryProjectModel *self,
            FerrySync         *sync)
{
  FerryFollow *follow = lookup_follow (self, sync);

  if (follow != NULL)
    return follow->since != G_MAXINT64 && follow->held == NULL;

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
      else if (g_error_matches (error, FERRY_API_ERROR, FERRY_API_ERROR_RATE_LIMITED))
        {
          /* Wait as long as the server asks, and longer each time it asks again. */
          guint retry_ms = ferry_api_error_get_retry_after (error) * 1000;

          self->poll_backoff_ms = MIN (MAX (MAX (self->poll_backoff_ms * 2, retry_ms), FERRY_PROJECT_MODEL_POLL_MS * 2),
                                       FERRY_PROJECT_MODEL_MAX_POLL_BACKOFF_MS);
          g_debug ("Polling sync %s: rate limited, next round in %u ms",
                   ferry_resource_get_id (FERRY_RESOURCE (sync)), self->poll_backoff_ms);
        }
      else if (!ferry_project_model_check_error (self, error))
        g_debug ("Polling sync %s failed: %s", ferry_resource_get_id (FERRY_RESOURCE (sync)), error->message);
    }
  else
    {
      self->poll_backoff_ms = 0;
      if (store_contains (self, sync) && answer_is_current (self, sync, data->sent))
        apply_fresh (self, sync, fresh);
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
  self->poll_round_started = g_get_monotonic_time ();

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

guint
ferry_project_model_next_poll_delay (FerryProjectModel *self)
{
  gint64 elapsed_ms = (g_get_monotonic_time () - self->poll_round_started) / 1000;

  if (self->poll_backoff_ms > 0)
    return self->poll_backoff_ms;
  /* Rounds start FERRY_PROJECT_MODEL_POLL_MS apart, however long their answers took. */
  if (elapsed_ms >= FERRY_PROJECT_MODEL_POLL_MS - FERRY_PROJECT_MODEL_POLL_GAP_MS)
    return FERRY_PROJECT_MODEL_POLL_GAP_MS;
  return (guint) (FERRY_PROJECT_MODEL_POLL_MS - elapsed_ms);
}

void
ferry_project_model_schedule_poll (FerryProjectModel *self)
{
  /* One round at a time; none at all while nothing is followed or busy. */
  if (self->shut_down || self->poll_source != 0 || self->polls_in_flight > 0)
    return;
  if (!ferry_project_model_session_active (self) || !any_needs_poll (self))
    return;

  self->poll_source = g_timeout_add (ferry_project_model_next_poll_delay (self), poll_timeout_cb, self);
}

/* ---- The list ---- */

typedef struct
{
  GTask  *task;
  gulong  cancelled_id;
  /* Monotonic µs refresh_async () was called, when the list request then in flight may
   * already have gone out: only a list asked for since answers it. 0: any answer does. */
  gint64  asked;
} Waiter;

static void
waiter_free (Waiter *waiter)
{
  GCancellable *cancellable;

  /* finish_waiters () moves the ones left waiting out of the array it frees. */
  if (waiter == NULL)
    return;
  cancellable = g_task_get_cancellable (waiter->task);

  if (waiter->cancelled_id != 0)
    g_cancellable_disconnect (cancellable, waiter->cancelled_id);
  g_object_unref (waiter->task);
  g_free (waiter);
}

/* Answers the waiters with @error, or with success those that asked before the list
 * answered now was sent at @sent: a refresh asked for while an older request was in flight
 * (a periodic refresh, say) waits for a list that can show what changed since it asked.
 * Returns whether some are left waiting. */
static gboolean
finish_waiters (FerryProjectModel *self,
                const GError      *error,
                gint64             sent)
{
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&self->refresh_waiters);

  self->refresh_waiters = g_ptr_array_new_with_free_func ((GDestroyNotify) waiter_free);
  for (guint i = 0; i < waiters->len; i++)
    {
      Waiter *waiter = g_ptr_array_index (waiters, i);

      if (error == NULL && waiter->asked > sent)
        {
          g_ptr_array_add (self->refresh_waiters, g_steal_pointer (&waiters->pdata[i]));
          continue;
        }
      if (error != NULL)
        g_task_return_error (waiter->task, g_error_copy (error));
      else
        g_task_return_boolean (waiter->task, TRUE);
    }
  return self->refresh_waiters->len > 0;
}

/* The answer @fresh (sent at @sent) with the syncs Ferry follows replaced by the store's
 * own objects, so the merge leaves them alone: what the answer says about them goes into
 * @updates (store object, fresh object pairs) for apply_fresh (), unless it may predate
 * the operation. Returns @fresh itself when nothing is followed. */
static GListModel *
without_followed (FerryProjectModel *self,
                  GListModel        *fresh,
                  gint64             sent,
                  GPtrArray         *updates)
{
  g_autoptr(GListStore) kept = NULL;
  g_autoptr(GHashTable) placed = NULL;
  g_autoptr(GHashTable) followed_ids = NULL;
  GHashTableIter iter;
  gpointer key, value;
  g_autoptr(GPtrArray) items = NULL;
  guint n;

  if (g_hash_table_size (self->follows) == 0)
    return g_object_ref (fresh);

  followed_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_iter_init (&iter, self->follows);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_insert (followed_ids, (gpointer) ferry_resource_get_id (key), key);

  kept = g_list_store_new (FERRY_TYPE_SYNC);
  placed = g_hash_table_new (NULL, NULL);
  n = g_list_model_get_n_items (fresh);
  items = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      FerrySync *item = g_list_model_get_item (fresh, i);
      FerrySync *existing = g_hash_table_lookup (followed_ids, ferry_resource_get_id (FERRY_RESOURCE (item)));

      if (existing != NULL && store_contains (self, existing) && !g_hash_table_contains (placed, existing))
        {
          g_ptr_array_add (items, g_object_ref (existing));
          g_hash_table_add (placed, existing);
          if (answer_is_current (self, existing, sent))
            {
              g_ptr_array_add (updates, g_object_ref (existing));
              g_ptr_array_add (updates, g_object_ref (item));
            }
          g_object_unref (item);
        }
      else
        g_ptr_array_add (items, item);
    }

  /* Not listed, but the operation is newer than the list: it stays until an answer says. */
  g_hash_table_iter_init (&iter, self->follows);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (sent < ((FerryFollow *) value)->since && !g_hash_table_contains (placed, key) &&
        store_contains (self, key))
      g_ptr_array_add (items, g_object_ref (key));

  g_list_store_splice (kept, 0, 0, items->pdata, items->len);
  return G_LIST_MODEL (g_steal_pointer (&kept));
}

static void
merge_syncs (FerryProjectModel *self,
             GListModel        *fresh,
             gint64             sent)
{
  g_autoptr(GListModel) merged = NULL;
  g_autoptr(GPtrArray) followed = NULL;
  g_autoptr(GPtrArray) updates = NULL;
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

  updates = g_ptr_array_new_with_free_func (g_object_unref);
  merged = without_followed (self, fresh, sent, updates);
  /* In place: items-changed only for the ranges that came or went (ferry-resource.c). */
  ferry_resource_store_merge (self->syncs, merged);

  for (guint i = 0; i + 1 < updates->len; i += 2)
    {
      FerrySync *sync = g_ptr_array_index (updates, i);

      if (lookup_follow (self, sync) != NULL && store_contains (self, sync))
        apply_fresh (self, sync, g_ptr_array_index (updates, i + 1));
    }

  for (guint i = 0; i < followed->len; i++)
    {
      FerrySync *sync = g_ptr_array_index (followed, i);

      if (lookup_follow (self, sync) == NULL)
        continue;
      /* Gone from the list before a poll found it gone: as there, what became of a
       * deleted sync's secrets the audit log says. */
      if (!store_contains (self, sync) && ferry_sync_get_operation (sync) == FERRY_SYNC_OPERATION_DELETE)
        ferry_project_model_settle_deleted (self, sync);
      else if (!store_contains (self, sync))
        ferry_project_model_settle (self, sync, TRUE);
      else
        check_settled (self, sync, g_array_index (was_busy, gboolean, i));
    }
}

static void
release_run (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  /* Here, not in the task's destroy notify: that may run back on the main loop. */
  g_object_unref (task_data);
  g_task_return_boolean (task, TRUE);
}

/* Drops the last reference to a list answer in a worker: after a refresh it holds
 * thousands of duplicates of the syncs in the store, and freeing them is as slow as
 * making them was. Its objects are not shared with anything that runs in threads; those
 * the store took only lose a reference (atomic). */
static void
release_in_worker (GListModel *answer)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);

  g_task_set_name (task, "[ferry] free list answer");
  g_task_set_task_data (task, answer, NULL);
  g_task_run_in_thread (task, release_run);
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
      finish_waiters (self, error, G_MAXINT64);
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
      finish_waiters (self, error, G_MAXINT64);
      return;
    }

  if (self->current_interval != self->refresh_interval)
    {
      self->current_interval = self->refresh_interval;
      ferry_project_model_notify_current_interval (self);
    }
  ferry_project_model_set_syncs_error (self, NULL);

  merge_syncs (self, G_LIST_MODEL (fresh), self->syncs_started);
  release_in_worker (G_LIST_MODEL (g_steal_pointer (&fresh)));
  ferry_project_model_set_syncs_state (self, FERRY_LOAD_STATE_READY);

  ferry_project_model_schedule_poll (self);
  ferry_project_model_schedule_refresh (self, self->current_interval);
  if (finish_waiters (self, NULL, self->syncs_started))
    ferry_project_model_load_syncs (self);
}

void
ferry_project_model_apply_syncs (FerryProjectModel *self,
                                 GListModel        *fresh)
{
  merge_syncs (self, fresh, g_get_monotonic_time ());
  release_in_worker (fresh);
  ferry_project_model_set_syncs_state (self, FERRY_LOAD_STATE_READY);
}

static gboolean
join_closed_cb (gpointer user_data)
{
  FerryProjectModel *self = user_data;

  self->syncs_join_source = 0;
  return G_SOURCE_REMOVE;
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
      finish_waiters (self, error, G_MAXINT64);
      return;
    }

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  self->syncs_loading = TRUE;
  self->syncs_started = g_get_monotonic_time ();
  g_clear_handle_id (&self->syncs_join_source, g_source_remove);
  self->syncs_join_source = g_idle_add_full (G_PRIORITY_HIGH, join_closed_cb, self, NULL);
  if (self->syncs_state != FERRY_LOAD_STATE_READY)
    ferry_project_model_set_syncs_state (self, FERRY_LOAD_STATE_LOADING);

  ferry_api_client_list_syncs_async (client,
                                     ferry_resource_get_id (FERRY_RESOURCE (self->project)),
                                     G_LIST_MODEL (self->syncs),
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
  /* A request started in this same dispatch has not gone out yet (libsoup writes it from
   * the main loop): it answers this refresh too. */
  if (self->syncs_loading && self->syncs_join_source == 0)
    waiter->asked = g_get_monotonic_time ();
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
  g_clear_handle_id (&self->syncs_join_source, g_source_remove);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_handle_id (&self->poll_source, g_source_remove);
}

void
ferry_project_model_syncs_finalize (FerryProjectModel *self)
{
  g_clear_pointer (&self->follows, g_hash_table_unref);
  g_clear_pointer (&self->refresh_waiters, g_ptr_array_unref);
}
