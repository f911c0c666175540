/* ferry-watcher-poll.c: FerryWatcher's tick, its list requests and what they tell.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * See ferry-watcher.c for the budget: one project per tick, each project guarded by the
 * time it may be asked again.
 */

#include "config.h"

#include "ferry-api-error.h"
#include "ferry-watcher-private.h"

guint
ferry_watcher_compute_slot_ms (guint interval_ms,
                               guint n_projects)
{
  return MAX (interval_ms / MAX (n_projects, 1), 1);
}

void
_ferry_watcher_load_failures (FerryWatcher *self)
{
  g_autoptr(GVariant) map = g_settings_get_value (self->settings, "watch-failures");
  GVariantIter iter;
  const char *id, *value;

  g_hash_table_remove_all (self->failures);
  g_variant_iter_init (&iter, map);
  while (g_variant_iter_next (&iter, "{&s&s}", &id, &value))
    g_hash_table_insert (self->failures, g_strdup (id), g_strdup (value));
}

void
_ferry_watcher_save_failures (FerryWatcher *self)
{
  GVariantBuilder builder;
  GHashTableIter iter;
  gpointer id, value;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  g_hash_table_iter_init (&iter, self->failures);
  while (g_hash_table_iter_next (&iter, &id, &value))
    g_variant_builder_add (&builder, "{ss}", id, value);
  g_settings_set_value (self->settings, "watch-failures", g_variant_builder_end (&builder));
}

static GDateTime *
failure_since (const char *value)
{
  const char *bar = value != NULL ? strrchr (value, '|') : NULL;
  gint64 unix_time;

  if (bar == NULL || !g_ascii_string_to_signed (bar + 1, 10, 0, G_MAXINT64, &unix_time, NULL))
    return NULL;

  return g_date_time_new_from_unix_utc (unix_time);
}

/* Whether the failure record @value was made at or after @sent (wall-clock seconds): the
 * same second counts, since the record keeps only seconds. */
static gboolean
failure_recorded_since (const char *value,
                        gint64      sent)
{
  g_autoptr(GDateTime) since = failure_since (value);

  return since != NULL && g_date_time_to_unix (since) >= sent;
}

/* What identifies one failure of a sync: the job that failed, else when it ran. */
static char *
failure_job (FerrySync *sync)
{
  const char *job = ferry_sync_get_last_sync_job_id (sync);
  GDateTime *at = ferry_sync_get_last_synced_at (sync);

  if (job != NULL)
    return g_strdup (job);
  if (at != NULL)
    return g_date_time_format_iso8601 (at);
  return g_strdup ("-");
}

gboolean
ferry_watcher_claim_failure (FerryWatcher *self,
                             FerrySync    *sync)
{
  const char *sync_id;
  g_autofree char *job = NULL;
  g_autoptr(GDateTime) now = NULL;
  FerryWatchedSync *item;

  g_return_val_if_fail (FERRY_IS_WATCHER (self), FALSE);
  g_return_val_if_fail (FERRY_IS_SYNC (sync), FALSE);

  sync_id = ferry_resource_get_id (FERRY_RESOURCE (sync));
  if (g_hash_table_contains (self->failures, sync_id))
    return FALSE;

  /* The same record a poll makes (process_syncs ()): the next poll finds it told. */
  job = failure_job (sync);
  now = g_date_time_new_now_utc ();
  g_hash_table_insert (self->failures, g_strdup (sync_id),
                       g_strdup_printf ("%s|%" G_GINT64_FORMAT, job, g_date_time_to_unix (now)));
  _ferry_watcher_save_failures (self);
  item = g_hash_table_lookup (self->items, sync_id);
  if (item != NULL)
    ferry_watched_sync_set_failing_since (item, now);
  return TRUE;
}

/* ---- Polling ---- */

typedef struct
{
  FerryWatcher *self;
  char         *key;
  char         *account_id;
  char         *project_id;
  char         *project_name;
  gint64        sent;          /* wall-clock seconds when the list was asked for */
} Poll;

static void
poll_free (Poll *poll)
{
  g_object_unref (poll->self);
  g_free (poll->key);
  g_free (poll->account_id);
  g_free (poll->project_id);
  g_free (poll->project_name);
  g_free (poll);
}

static void
process_syncs (FerryWatcher *self,
               Poll         *poll,
               Account      *a,
               GListModel   *syncs)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) failed = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) recovered = g_ptr_array_new_with_free_func (g_object_unref);
  FerryAccount *account = ferry_session_get_account (a->session);
  guint n = g_list_model_get_n_items (syncs);
  gboolean failures_changed = FALSE;
  gboolean changed = FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FerrySync) sync = g_list_model_get_item (syncs, i);
      g_autoptr(FerryWatchedSync) fresh = NULL;   /* the list holds it; items points to it */
      const char *sync_id = ferry_resource_get_id (FERRY_RESOURCE (sync));
      FerryWatchedSync *item = g_hash_table_lookup (self->items, sync_id);
      const char *told = g_hash_table_lookup (self->failures, sync_id);
      FerrySyncStatus status = ferry_sync_get_sync_status (sync);
      FerrySyncStatus before = item != NULL ? ferry_watched_sync_get_status (item) : FERRY_SYNC_STATUS_NONE;

      g_hash_table_add (seen, (gpointer) sync_id);
      if (item == NULL)
        {
          g_autofree char *account_name = ferry_account_dup_display_name (account);

          fresh = ferry_watched_sync_new (poll->account_id, account_name,
                                          poll->project_id, poll->project_name, sync);
          item = fresh;
        }
      else
        ferry_watched_sync_set_sync (item, sync);

      if (status == FERRY_SYNC_STATUS_FAILED)
        {
          if (told == NULL)
            {
              g_autofree char *job = failure_job (sync);
              g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

              /* Told once per failure, until the sync succeeds again: a sync that keeps
               * failing on every auto-sync run is still the one failure. */
              g_hash_table_insert (self->failures, g_strdup (sync_id),
                                   g_strdup_printf ("%s|%" G_GINT64_FORMAT, job, g_date_time_to_unix (now)));
              failures_changed = TRUE;
              ferry_watched_sync_set_failing_since (item, now);
              g_ptr_array_add (failed, g_object_ref (item));
            }
          else
            {
              g_autoptr(GDateTime) since = failure_since (told);

              ferry_watched_sync_set_failing_since (item, since);
            }
        }
      else if (status == FERRY_SYNC_STATUS_SUCCEEDED && told != NULL && failure_recorded_since (told, poll->sent))
        {
          /* An answer sent before the failure was recorded (the window told of a failed
           * Sync Now while this list was on its way): it says nothing of that failure, and
           * taking it for a recovery would tell the failure again at the next poll. */
        }
      else if (status == FERRY_SYNC_STATUS_SUCCEEDED)
        {
          ferry_watched_sync_set_failing_since (item, NULL);
          if (told != NULL)
            {
              g_hash_table_remove (self->failures, sync_id);
              failures_changed = TRUE;
              g_ptr_array_add (recovered, g_object_ref (item));
            }
        }

      /* Into the list once complete ("failing since" too): views make their rows then. */
      if (fresh != NULL)
        {
          g_hash_table_insert (self->items, g_strdup (sync_id), fresh);
          g_list_store_append (self->syncs, fresh);
          changed = TRUE;
        }
      else if (before != status)
        {
          g_autoptr(FerryWatchedSync) kept = g_object_ref (item);
          guint pos;

          /* Replace the item with itself: sorted views place it again. The store's ref may
           * be the only one, and g_list_store_splice () drops it before it adds: hold one. */
          if (g_list_store_find (self->syncs, item, &pos))
            g_list_store_splice (self->syncs, pos, 1, (gpointer *) &kept, 1);
          changed = TRUE;
        }
    }

  if (failures_changed)
    _ferry_watcher_save_failures (self);
  _ferry_watcher_remove_items_not_in (self, NULL, poll->key, seen);
  if (changed || failed->len > 0 || recovered->len > 0)
    _ferry_watcher_emit_changed (self);

  for (guint i = 0; i < failed->len; i++)
    _ferry_watcher_emit_sync (self, TRUE, g_ptr_array_index (failed, i));
  for (guint i = 0; i < recovered->len; i++)
    _ferry_watcher_emit_sync (self, FALSE, g_ptr_array_index (recovered, i));
}

static void
list_syncs_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Poll *poll = user_data;
  FerryWatcher *self = poll->self;
  g_autoptr(GListStore) syncs = NULL;
  g_autoptr(GError) error = NULL;
  Account *a;
  Target *t;

  syncs = ferry_api_client_list_syncs_finish (FERRY_API_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      poll_free (poll);
      return;
    }

  t = _ferry_watcher_find_target (self->targets, poll->key);
  if (t != NULL)
    t->in_flight = FALSE;
  a = g_hash_table_lookup (self->account_table, poll->account_id);
  if (a == NULL || a->session == NULL || ferry_session_get_client (a->session) != FERRY_API_CLIENT (object))
    {
      poll_free (poll);
      return;
    }

  if (syncs == NULL)
    {
      if (g_error_matches (error, FERRY_API_ERROR, FERRY_API_ERROR_RATE_LIMITED))
        {
          guint retry_after = ferry_api_error_get_retry_after (error);
          guint interval_s = MAX (self->interval_ms / 1000, 1);

          /* What the server asks for, doubled while it keeps refusing, never past an interval. */
          a->backoff_s = a->backoff_s == 0 ? MAX (retry_after, 1) : MAX (retry_after, a->backoff_s * 2);
          a->backoff_s = MIN (a->backoff_s, MAX (interval_s, retry_after));
          a->paused_until = g_get_monotonic_time () + (gint64) a->backoff_s * G_USEC_PER_SEC;
          g_debug ("Watcher: rate limited, waiting %u s", a->backoff_s);
        }
      else if (g_error_matches (error, FERRY_API_ERROR, FERRY_API_ERROR_TOKEN_EXPIRED) ||
               g_error_matches (error, FERRY_API_ERROR, FERRY_API_ERROR_UNAUTHORIZED))
        ferry_session_expire (a->session);
      else
        g_debug ("Watcher: syncs of %s: %s", poll->key, error->message);
      poll_free (poll);
      return;
    }

  a->backoff_s = 0;
  process_syncs (self, poll, a, G_LIST_MODEL (syncs));
  poll_free (poll);
}

static gboolean
account_blocked (FerryWatcher *self,
                 Account      *a,
                 gint64        now)
{
  return a == NULL || a->session == NULL ||
         ferry_session_get_state (a->session) != FERRY_SESSION_STATE_ACTIVE ||
         now < a->paused_until;
}

static gboolean
tick_cb (gpointer user_data)
{
  FerryWatcher *self = user_data;
  gint64 now = g_get_monotonic_time ();
  GHashTableIter iter;
  gpointer value;

  if (self->paused || self->targets->len == 0)
    return G_SOURCE_CONTINUE;

  /* Re-list each account's projects now and then (one request per account). */
  g_hash_table_iter_init (&iter, self->account_table);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Account *a = value;

      if (a->projects_at != 0 && !account_blocked (self, a, now) &&
          now - a->projects_at > (gint64) self->interval_ms * 1000 * PROJECTS_EVERY_ROUNDS)
        _ferry_watcher_account_list_projects (self, a);
    }

  for (guint tries = 0; tries < self->targets->len; tries++)
    {
      Target *t = g_ptr_array_index (self->targets, self->cursor);
      Account *a = g_hash_table_lookup (self->account_table, t->account_id);
      Poll *poll;

      if (account_blocked (self, a, now) || t->in_flight ||
          (self->first_round && now < t->next_allowed))
        {
          /* Another project may go in this slot. */
          self->cursor = (self->cursor + 1) % self->targets->len;
          continue;
        }
      if (now < t->next_allowed)
        return G_SOURCE_CONTINUE;   /* its turn, not yet its time */

      t->in_flight = TRUE;
      t->polled = TRUE;
      t->next_allowed = now + (gint64) self->interval_ms * 1000;
      poll = g_new0 (Poll, 1);
      poll->self = g_object_ref (self);
      poll->key = g_strdup (t->key);
      poll->account_id = g_strdup (t->account_id);
      poll->project_id = g_strdup (t->project_id);
      poll->project_name = g_strdup (t->project_name);
      poll->sent = g_get_real_time () / G_USEC_PER_SEC;
      ferry_api_client_list_syncs_async (ferry_session_get_client (a->session), t->project_id, NULL,
                                         self->cancellable, list_syncs_cb, poll);

      self->cursor = (self->cursor + 1) % self->targets->len;
      if (self->first_round)
        {
          guint id = self->tick_id;

          _ferry_watcher_reschedule (self);
          /* _ferry_watcher_reschedule () replaced this source when the tick changed. */
          return self->tick_id == id ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
        }
      break;
    }

  return G_SOURCE_CONTINUE;
}

void
_ferry_watcher_reschedule (FerryWatcher *self)
{
  guint slot = ferry_watcher_get_slot_ms (self);
  gboolean any_new = FALSE;

  for (guint i = 0; i < self->targets->len; i++)
    any_new |= !((Target *) g_ptr_array_index (self->targets, i))->polled;
  self->first_round = any_new;

  if (self->first_round)
    slot = MIN (slot, FIRST_ROUND_SLOT_MS);

  if (!self->running || self->targets->len == 0)
    {
      g_clear_handle_id (&self->tick_id, g_source_remove);
      self->tick_ms = 0;
      return;
    }

  if (self->tick_id != 0 && self->tick_ms == slot)
    return;

  g_clear_handle_id (&self->tick_id, g_source_remove);
  self->tick_ms = slot;
  self->tick_id = g_timeout_add (slot, tick_cb, self);
}

guint
ferry_watcher_get_slot_ms (FerryWatcher *self)
{
  g_return_val_if_fail (FERRY_IS_WATCHER (self), 0);

  return ferry_watcher_compute_slot_ms (self->interval_ms, self->targets->len);
}

