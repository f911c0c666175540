/* ferry-watcher.c
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One timer walks the watched projects round-robin, one project per tick; the tick is the
 * interval divided by the number of projects, so N projects cost N list requests per
 * interval however many there are, spread evenly instead of in bursts. Each project also
 * keeps the time it may be asked again (last request + interval): that guard, not the
 * tick, is what bounds the budget, so the quicker first round (a new watch should show
 * every project soon) and changes of the project set never exceed it.
 *
 * The API client already retries a GET on 429 with Retry-After (src/api/ferry-api-transport.c);
 * when it gives up, the account waits that long (doubling while the server keeps refusing)
 * before the watcher asks it again.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-api-error.h"
#include "ferry-watcher.h"

#define FIRST_ROUND_SLOT_MS 1000
#define PROJECTS_EVERY_ROUNDS 12      /* re-list an account's projects every 12 intervals */

typedef struct
{
  FerryWatcher *self;                 /* not owned */
  char         *account_id;
  FerrySession *session;
  gulong        state_id;
  gboolean      restoring;
  gboolean      listing;
  gboolean      expired_told;
  gint64        projects_at;          /* monotonic µs of the last project list, 0 = never */
  GListStore   *projects;             /* FerryProject */
  gint64        paused_until;         /* monotonic µs: 429 */
  guint         backoff_s;
} Account;

typedef struct
{
  char    *key;                       /* "ACCOUNT/PROJECT" */
  char    *account_id;
  char    *project_id;
  char    *project_name;
  gint64   next_allowed;              /* monotonic µs */
  gboolean in_flight;
  gboolean polled;
} Target;

struct _FerryWatcher
{
  GObject            parent_instance;

  GSettings         *settings;
  FerryAccountStore *accounts;
  FerryTokenStore   *tokens;
  GNetworkMonitor   *monitor;
  gulong             monitor_id;
  GCancellable      *cancellable;
  gboolean           running;
  guint              holds;
  gboolean           paused;
  guint              interval_ms;
  gboolean           interval_set;

  GHashTable        *account_table;   /* account id → Account */
  GPtrArray         *targets;         /* Target */
  guint              cursor;
  gboolean           first_round;
  guint              tick_id;
  guint              tick_ms;

  GListStore        *syncs;           /* FerryWatchedSync */
  GHashTable        *items;           /* sync id → FerryWatchedSync (in syncs) */
  GHashTable        *failures;        /* sync id → "JOB|FIRST-SEEN-UNIX" */
};

G_DEFINE_FINAL_TYPE (FerryWatcher, ferry_watcher, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RUNNING,
  PROP_INTERVAL_MS,
  PROP_PAUSED,
  PROP_N_PROJECTS,
  N_PROPS
};

enum {
  SYNC_FAILED,
  SYNC_RECOVERED,
  SESSION_EXPIRED,
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void rebuild_targets (FerryWatcher *self);
static void reschedule      (FerryWatcher *self);

/* ---- Bookkeeping ---- */

static void
target_free (gpointer data)
{
  Target *t = data;

  g_free (t->key);
  g_free (t->account_id);
  g_free (t->project_id);
  g_free (t->project_name);
  g_free (t);
}

static void
account_set_session (Account      *a,
                     FerrySession *session);

static void
account_free (gpointer data)
{
  Account *a = data;

  account_set_session (a, NULL);
  g_clear_object (&a->projects);
  g_free (a->account_id);
  g_free (a);
}

guint
ferry_watcher_compute_slot_ms (guint interval_ms,
                               guint n_projects)
{
  return MAX (interval_ms / MAX (n_projects, 1), 1);
}

static void
load_failures (FerryWatcher *self)
{
  g_autoptr(GVariant) map = g_settings_get_value (self->settings, "watch-failures");
  GVariantIter iter;
  const char *id, *value;

  g_hash_table_remove_all (self->failures);
  g_variant_iter_init (&iter, map);
  while (g_variant_iter_next (&iter, "{&s&s}", &id, &value))
    g_hash_table_insert (self->failures, g_strdup (id), g_strdup (value));
}

static void
save_failures (FerryWatcher *self)
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

/* ---- Network ---- */

static void
update_paused (FerryWatcher *self)
{
  gboolean paused = FALSE;

  if (self->monitor != NULL)
    paused = !g_network_monitor_get_network_available (self->monitor) ||
             g_network_monitor_get_network_metered (self->monitor);

  if (paused == self->paused)
    return;

  self->paused = paused;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSED]);
}

void
ferry_watcher_set_network_monitor (FerryWatcher    *self,
                                   GNetworkMonitor *monitor)
{
  g_return_if_fail (FERRY_IS_WATCHER (self));
  g_return_if_fail (monitor == NULL || G_IS_NETWORK_MONITOR (monitor));

  if (self->monitor != NULL)
    g_clear_signal_handler (&self->monitor_id, self->monitor);
  g_set_object (&self->monitor, monitor);
  if (monitor != NULL)
    self->monitor_id = g_signal_connect_object (monitor, "network-changed",
                                                G_CALLBACK (update_paused), self, G_CONNECT_SWAPPED);
  update_paused (self);
}

gboolean
ferry_watcher_get_paused (FerryWatcher *self)
{
  g_return_val_if_fail (FERRY_IS_WATCHER (self), FALSE);
  return self->paused;
}

/* ---- Sessions and projects ---- */

typedef struct
{
  FerryWatcher *self;
  char         *account_id;
} AccountCall;

static void
account_call_free (AccountCall *call)
{
  g_object_unref (call->self);
  g_free (call->account_id);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AccountCall, account_call_free)

static AccountCall *
account_call_new (FerryWatcher *self,
                  const char   *account_id)
{
  AccountCall *call = g_new0 (AccountCall, 1);

  call->self = g_object_ref (self);
  call->account_id = g_strdup (account_id);
  return call;
}

static void
list_projects_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(AccountCall) call = user_data;
  FerryWatcher *self = call->self;
  const char *account_id = call->account_id;
  g_autoptr(GListStore) fresh = NULL;
  g_autoptr(GError) error = NULL;
  Account *a;

  fresh = ferry_api_client_list_projects_finish (FERRY_API_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  a = g_hash_table_lookup (self->account_table, account_id);
  if (a == NULL || a->session == NULL || ferry_session_get_client (a->session) != FERRY_API_CLIENT (object))
    return;

  a->listing = FALSE;
  if (fresh == NULL)
    {
      if (g_error_matches (error, FERRY_API_ERROR, FERRY_API_ERROR_TOKEN_EXPIRED) ||
          g_error_matches (error, FERRY_API_ERROR, FERRY_API_ERROR_UNAUTHORIZED))
        ferry_session_expire (a->session);
      g_debug ("Watcher: projects of %s: %s", account_id, error->message);
      return;
    }

  a->projects_at = g_get_monotonic_time ();
  g_set_object (&a->projects, fresh);
  rebuild_targets (self);
}

static void
account_list_projects (FerryWatcher *self,
                       Account      *a)
{
  FerryApiClient *client;

  if (a->session == NULL || a->listing || !self->running ||
      ferry_session_get_state (a->session) != FERRY_SESSION_STATE_ACTIVE)
    return;

  a->listing = TRUE;
  client = ferry_session_get_client (a->session);
  /* By id: the Account may be gone when the answer arrives. */
  ferry_api_client_list_projects_async (client, self->cancellable, list_projects_cb,
                                        account_call_new (self, a->account_id));
}

static void
session_state_cb (FerrySession *session,
                  GParamSpec   *pspec,
                  Account      *a)
{
  FerryWatcher *self = a->self;

  switch (ferry_session_get_state (session))
    {
    case FERRY_SESSION_STATE_ACTIVE:
      a->expired_told = FALSE;
      if (a->projects_at == 0)
        account_list_projects (self, a);
      break;
    case FERRY_SESSION_STATE_EXPIRED:
      if (!a->expired_told && self->running)
        {
          a->expired_told = TRUE;
          g_signal_emit (self, signals[SESSION_EXPIRED], 0, ferry_session_get_account (session));
        }
      break;
    case FERRY_SESSION_STATE_SIGNED_OUT:
    default:
      break;
    }
}

static void
account_set_session (Account      *a,
                     FerrySession *session)
{
  if (a->session == session)
    return;

  if (a->session != NULL)
    g_clear_signal_handler (&a->state_id, a->session);
  g_set_object (&a->session, session);
  a->listing = FALSE;
  a->projects_at = 0;
  if (session != NULL)
    a->state_id = g_signal_connect (session, "notify::state", G_CALLBACK (session_state_cb), a);
}

static Account *
ensure_account (FerryWatcher *self,
                const char   *account_id)
{
  Account *a = g_hash_table_lookup (self->account_table, account_id);

  if (a == NULL)
    {
      a = g_new0 (Account, 1);
      a->self = self;
      a->account_id = g_strdup (account_id);
      g_hash_table_insert (self->account_table, a->account_id, a);
    }

  return a;
}

static void
account_session_ready (FerryWatcher *self,
                       Account      *a)
{
  if (ferry_session_get_state (a->session) == FERRY_SESSION_STATE_EXPIRED)
    session_state_cb (a->session, NULL, a);
  else
    account_list_projects (self, a);
}

void
ferry_watcher_set_session (FerryWatcher *self,
                           FerrySession *session)
{
  Account *a;

  g_return_if_fail (FERRY_IS_WATCHER (self));
  g_return_if_fail (FERRY_IS_SESSION (session));

  a = ensure_account (self, ferry_account_get_id (ferry_session_get_account (session)));
  a->restoring = FALSE;
  account_set_session (a, session);
  if (self->running)
    account_session_ready (self, a);
}

static void
restore_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(FerryWatcher) self = user_data;
  g_autoptr(FerrySession) session = NULL;
  g_autoptr(GError) error = NULL;
  Account *a;

  session = ferry_session_restore_finish (result, &error);
  if (session == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Watcher: cannot restore an account: %s", error->message);
      return;
    }

  a = g_hash_table_lookup (self->account_table,
                           ferry_account_get_id (ferry_session_get_account (session)));
  /* Meanwhile stopped, removed, or handed a session from outside. */
  if (a == NULL || !a->restoring || !self->running)
    return;

  a->restoring = FALSE;
  account_set_session (a, session);
  account_session_ready (self, a);
}

static void
sync_accounts (FerryWatcher *self)
{
  GListModel *model = G_LIST_MODEL (self->accounts);
  g_autoptr(GHashTable) present = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer id, value;
  guint n = g_list_model_get_n_items (model);
  gboolean removed = FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FerryAccount) account = g_list_model_get_item (model, i);
      const char *account_id = ferry_account_get_id (account);
      Account *a = ensure_account (self, account_id);

      g_hash_table_add (present, (gpointer) a->account_id);
      if (a->session == NULL && !a->restoring && self->running)
        {
          a->restoring = TRUE;
          ferry_session_restore_async (self->accounts, self->tokens, account, self->cancellable,
                                       restore_cb, g_object_ref (self));
        }
      else if (a->session != NULL && self->running && a->projects_at == 0)
        account_session_ready (self, a);
    }

  g_hash_table_iter_init (&iter, self->account_table);
  while (g_hash_table_iter_next (&iter, &id, &value))
    if (!g_hash_table_contains (present, id))
      {
        g_hash_table_iter_remove (&iter);
        removed = TRUE;
      }

  if (removed)
    rebuild_targets (self);
}

/* ---- What is watched ---- */

static gboolean
is_watched (FerryWatcher *self,
            const char   *key)
{
  g_auto(GStrv) keys = NULL;

  if (g_settings_get_boolean (self->settings, "watch-all-projects"))
    return TRUE;

  keys = g_settings_get_strv (self->settings, "watched-projects");
  return g_strv_contains ((const char * const *) keys, key);
}

static Target *
find_target (GPtrArray  *targets,
             const char *key)
{
  for (guint i = 0; i < targets->len; i++)
    {
      Target *t = g_ptr_array_index (targets, i);

      if (g_strcmp0 (t->key, key) == 0)
        return t;
    }

  return NULL;
}

static void
remove_items_not_in (FerryWatcher *self,
                     GHashTable   *keep_keys,  /* "ACCOUNT/PROJECT" */
                     const char   *only_key,   /* NULL: every project */
                     GHashTable   *keep_syncs) /* sync ids, with only_key */
{
  guint i = 0;
  gboolean changed = FALSE;

  while (i < g_list_model_get_n_items (G_LIST_MODEL (self->syncs)))
    {
      g_autoptr(FerryWatchedSync) item = g_list_model_get_item (G_LIST_MODEL (self->syncs), i);
      g_autofree char *key = g_strconcat (ferry_watched_sync_get_account_id (item), "/",
                                          ferry_watched_sync_get_project_id (item), NULL);
      gboolean keep;

      if (only_key != NULL)
        keep = g_strcmp0 (key, only_key) != 0 ||
               g_hash_table_contains (keep_syncs, ferry_watched_sync_get_sync_id (item));
      else
        keep = g_hash_table_contains (keep_keys, key);

      if (keep)
        {
          i++;
          continue;
        }

      /* A sync deleted on the server: nothing of its failure is kept. */
      if (only_key != NULL && g_hash_table_remove (self->failures, ferry_watched_sync_get_sync_id (item)))
        save_failures (self);
      g_hash_table_remove (self->items, ferry_watched_sync_get_sync_id (item));
      g_list_store_remove (self->syncs, i);
      changed = TRUE;
    }

  if (changed)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
rebuild_targets (FerryWatcher *self)
{
  g_autoptr(GPtrArray) fresh = g_ptr_array_new_with_free_func (target_free);
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer value;
  guint old_n = self->targets->len;

  g_hash_table_iter_init (&iter, self->account_table);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Account *a = value;
      guint n = a->projects != NULL ? g_list_model_get_n_items (G_LIST_MODEL (a->projects)) : 0;

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(FerryProject) project = g_list_model_get_item (G_LIST_MODEL (a->projects), i);
          const char *project_id = ferry_resource_get_id (FERRY_RESOURCE (project));
          g_autofree char *key = g_strconcat (a->account_id, "/", project_id, NULL);
          Target *old, *t;

          if (!is_watched (self, key))
            continue;

          t = g_new0 (Target, 1);
          old = find_target (self->targets, key);
          if (old != NULL)
            {
              t->next_allowed = old->next_allowed;
              t->in_flight = old->in_flight;
              t->polled = old->polled;
            }
          t->key = g_steal_pointer (&key);
          t->account_id = g_strdup (a->account_id);
          t->project_id = g_strdup (project_id);
          t->project_name = g_strdup (ferry_project_get_name (project));
          g_hash_table_add (keys, t->key);
          g_ptr_array_add (fresh, t);
        }
    }

  g_ptr_array_unref (self->targets);
  self->targets = g_steal_pointer (&fresh);
  if (self->cursor >= self->targets->len)
    self->cursor = 0;

  remove_items_not_in (self, keys, NULL, NULL);
  if (old_n != self->targets->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PROJECTS]);
  reschedule (self);
}

/* ---- Polling ---- */

typedef struct
{
  FerryWatcher *self;
  char         *key;
  char         *account_id;
  char         *project_id;
  char         *project_name;
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
      const char *sync_id = ferry_resource_get_id (FERRY_RESOURCE (sync));
      FerryWatchedSync *item = g_hash_table_lookup (self->items, sync_id);
      const char *told = g_hash_table_lookup (self->failures, sync_id);
      FerrySyncStatus status = ferry_sync_get_sync_status (sync);
      FerrySyncStatus before = item != NULL ? ferry_watched_sync_get_status (item) : FERRY_SYNC_STATUS_NONE;

      g_hash_table_add (seen, (gpointer) sync_id);
      if (item == NULL)
        {
          item = ferry_watched_sync_new (poll->account_id, ferry_account_get_label (account),
                                         poll->project_id, poll->project_name, sync);
          g_hash_table_insert (self->items, g_strdup (sync_id), item);
          g_list_store_append (self->syncs, item);
          changed = TRUE;
        }
      else
        {
          ferry_watched_sync_set_sync (item, sync);
          if (before != status)
            {
              guint pos;

              /* Replace the item with itself: sorted views place it again. */
              if (g_list_store_find (self->syncs, item, &pos))
                g_list_store_splice (self->syncs, pos, 1, (gpointer *) &item, 1);
              changed = TRUE;
            }
        }

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
    }

  if (failures_changed)
    save_failures (self);
  remove_items_not_in (self, NULL, poll->key, seen);
  if (changed || failed->len > 0 || recovered->len > 0)
    g_signal_emit (self, signals[CHANGED], 0);

  for (guint i = 0; i < failed->len; i++)
    g_signal_emit (self, signals[SYNC_FAILED], 0, g_ptr_array_index (failed, i));
  for (guint i = 0; i < recovered->len; i++)
    g_signal_emit (self, signals[SYNC_RECOVERED], 0, g_ptr_array_index (recovered, i));
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

  t = find_target (self->targets, poll->key);
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
        account_list_projects (self, a);
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
      ferry_api_client_list_syncs_async (ferry_session_get_client (a->session), t->project_id,
                                         self->cancellable, list_syncs_cb, poll);

      self->cursor = (self->cursor + 1) % self->targets->len;
      if (self->first_round)
        {
          guint id = self->tick_id;

          reschedule (self);
          /* reschedule () replaced this source when the tick changed. */
          return self->tick_id == id ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
        }
      break;
    }

  return G_SOURCE_CONTINUE;
}

static void
reschedule (FerryWatcher *self)
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

/* ---- Public ---- */

static void
interval_changed_cb (FerryWatcher *self)
{
  guint interval_ms = g_settings_get_uint (self->settings, "watch-interval") * 60 * 1000;

  if (self->interval_set || self->interval_ms == interval_ms)
    return;

  self->interval_ms = interval_ms;
  reschedule (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVAL_MS]);
}

FerryWatcher *
ferry_watcher_new (GSettings         *settings,
                   FerryAccountStore *accounts,
                   FerryTokenStore   *tokens)
{
  FerryWatcher *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (FERRY_IS_ACCOUNT_STORE (accounts), NULL);
  g_return_val_if_fail (FERRY_IS_TOKEN_STORE (tokens), NULL);

  self = g_object_new (FERRY_TYPE_WATCHER, NULL);
  self->settings = g_object_ref (settings);
  self->accounts = g_object_ref (accounts);
  self->tokens = g_object_ref (tokens);
  self->interval_ms = g_settings_get_uint (settings, "watch-interval") * 60 * 1000;
  load_failures (self);

  g_signal_connect_object (accounts, "items-changed", G_CALLBACK (sync_accounts), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::watch-all-projects", G_CALLBACK (rebuild_targets), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::watched-projects", G_CALLBACK (rebuild_targets), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::watch-interval", G_CALLBACK (interval_changed_cb), self,
                           G_CONNECT_SWAPPED);
  ferry_watcher_set_network_monitor (self, g_network_monitor_get_default ());

  return self;
}

void
ferry_watcher_start (FerryWatcher *self)
{
  g_return_if_fail (FERRY_IS_WATCHER (self));

  if (self->running)
    return;

  self->running = TRUE;
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  sync_accounts (self);
  rebuild_targets (self);
}

void
ferry_watcher_stop (FerryWatcher *self)
{
  g_return_if_fail (FERRY_IS_WATCHER (self));

  if (!self->running)
    return;

  self->running = FALSE;
  g_cancellable_cancel (self->cancellable);
  for (guint i = 0; i < self->targets->len; i++)
    ((Target *) g_ptr_array_index (self->targets, i))->in_flight = FALSE;
  /* The next start lists the projects again. */
  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, self->account_table);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      {
        Account *a = value;

        a->listing = FALSE;
        a->restoring = FALSE;
        a->projects_at = 0;
      }
  }
  reschedule (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

gboolean
ferry_watcher_get_running (FerryWatcher *self)
{
  g_return_val_if_fail (FERRY_IS_WATCHER (self), FALSE);
  return self->running;
}

void
ferry_watcher_hold (FerryWatcher *self)
{
  g_return_if_fail (FERRY_IS_WATCHER (self));

  if (self->holds++ == 0)
    ferry_watcher_start (self);
}

void
ferry_watcher_release (FerryWatcher *self)
{
  g_return_if_fail (FERRY_IS_WATCHER (self));
  g_return_if_fail (self->holds > 0);

  if (--self->holds == 0)
    ferry_watcher_stop (self);
}

guint
ferry_watcher_get_interval_ms (FerryWatcher *self)
{
  g_return_val_if_fail (FERRY_IS_WATCHER (self), 0);
  return self->interval_ms;
}

void
ferry_watcher_set_interval_ms (FerryWatcher *self,
                               guint         interval_ms)
{
  g_return_if_fail (FERRY_IS_WATCHER (self));
  g_return_if_fail (interval_ms > 0);

  self->interval_set = TRUE;
  if (self->interval_ms == interval_ms)
    return;

  self->interval_ms = interval_ms;
  reschedule (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVAL_MS]);
}

GListModel *
ferry_watcher_get_syncs (FerryWatcher *self)
{
  g_return_val_if_fail (FERRY_IS_WATCHER (self), NULL);
  return G_LIST_MODEL (self->syncs);
}

guint
ferry_watcher_get_n_projects (FerryWatcher *self)
{
  g_return_val_if_fail (FERRY_IS_WATCHER (self), 0);
  return self->targets->len;
}

guint
ferry_watcher_count_failures (FerryWatcher *self,
                              const char   *account_id,
                              const char   *project_id)
{
  guint n, count = 0;

  g_return_val_if_fail (FERRY_IS_WATCHER (self), 0);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->syncs));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FerryWatchedSync) item = g_list_model_get_item (G_LIST_MODEL (self->syncs), i);

      if ((account_id == NULL || g_strcmp0 (account_id, ferry_watched_sync_get_account_id (item)) == 0) &&
          (project_id == NULL || g_strcmp0 (project_id, ferry_watched_sync_get_project_id (item)) == 0) &&
          ferry_watched_sync_get_status (item) == FERRY_SYNC_STATUS_FAILED)
        count++;
    }

  return count;
}

GStrv
ferry_watcher_dup_known_projects (FerryWatcher *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (FERRY_IS_WATCHER (self), NULL);

  g_hash_table_iter_init (&iter, self->account_table);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Account *a = value;
      guint n = a->projects != NULL ? g_list_model_get_n_items (G_LIST_MODEL (a->projects)) : 0;

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(FerryProject) project = g_list_model_get_item (G_LIST_MODEL (a->projects), i);
          g_autofree char *key = g_strconcat (a->account_id, "/",
                                              ferry_resource_get_id (FERRY_RESOURCE (project)), NULL);

          g_strv_builder_add (builder, key);
        }
    }

  return g_strv_builder_end (builder);
}

char *
ferry_watcher_dup_project_title (FerryWatcher *self,
                                 const char   *key)
{
  const char *slash;
  g_autofree char *account_id = NULL;
  Account *a;

  g_return_val_if_fail (FERRY_IS_WATCHER (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  slash = strchr (key, '/');
  if (slash == NULL)
    return g_strdup (key);
  account_id = g_strndup (key, slash - key);
  a = g_hash_table_lookup (self->account_table, account_id);
  if (a != NULL && a->projects != NULL)
    {
      FerryProject *project = ferry_resource_find_by_id (G_LIST_MODEL (a->projects), slash + 1);

      if (project != NULL)
        return g_strdup (ferry_project_get_name (project));
    }

  return g_strdup (slash + 1);
}

static void
trigger_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(FerrySync) sync = NULL;
  GError *error = NULL;

  sync = ferry_api_client_trigger_sync_finish (FERRY_API_CLIENT (object), result, &error);
  if (sync == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
ferry_watcher_sync_now_async (FerryWatcher        *self,
                              const char          *account_id,
                              const char          *sync_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Account *a;

  g_return_if_fail (FERRY_IS_WATCHER (self));
  g_return_if_fail (account_id != NULL && sync_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ferry_watcher_sync_now_async);
  a = g_hash_table_lookup (self->account_table, account_id);
  if (a == NULL || a->session == NULL || ferry_session_get_state (a->session) != FERRY_SESSION_STATE_ACTIVE)
    {
      g_task_return_new_error (task, FERRY_API_ERROR, FERRY_API_ERROR_TOKEN_EXPIRED,
                               _("Sign in again to sync this project."));
      return;
    }

  ferry_api_client_trigger_sync_async (ferry_session_get_client (a->session), sync_id, cancellable,
                                       trigger_cb, g_steal_pointer (&task));
}

gboolean
ferry_watcher_sync_now_finish (FerryWatcher  *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- GObject ---- */

static void
ferry_watcher_dispose (GObject *object)
{
  FerryWatcher *self = FERRY_WATCHER (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  self->running = FALSE;
  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->monitor != NULL)
    g_clear_signal_handler (&self->monitor_id, self->monitor);
  g_clear_object (&self->monitor);
  if (self->account_table != NULL)
    g_hash_table_remove_all (self->account_table);
  if (self->syncs != NULL)
    g_list_store_remove_all (self->syncs);
  if (self->items != NULL)
    g_hash_table_remove_all (self->items);
  g_clear_object (&self->accounts);
  g_clear_object (&self->tokens);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ferry_watcher_parent_class)->dispose (object);
}

static void
ferry_watcher_finalize (GObject *object)
{
  FerryWatcher *self = FERRY_WATCHER (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->account_table, g_hash_table_unref);
  g_clear_pointer (&self->targets, g_ptr_array_unref);
  g_clear_object (&self->syncs);
  g_clear_pointer (&self->items, g_hash_table_unref);
  g_clear_pointer (&self->failures, g_hash_table_unref);

  G_OBJECT_CLASS (ferry_watcher_parent_class)->finalize (object);
}

static void
ferry_watcher_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  FerryWatcher *self = FERRY_WATCHER (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    case PROP_INTERVAL_MS:
      g_value_set_uint (value, self->interval_ms);
      break;
    case PROP_PAUSED:
      g_value_set_boolean (value, self->paused);
      break;
    case PROP_N_PROJECTS:
      g_value_set_uint (value, self->targets->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_watcher_class_init (FerryWatcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = ferry_watcher_dispose;
  object_class->finalize = ferry_watcher_finalize;
  object_class->get_property = ferry_watcher_get_property;

  properties[PROP_RUNNING] = g_param_spec_boolean ("running", NULL, NULL, FALSE, ro);
  properties[PROP_INTERVAL_MS] = g_param_spec_uint ("interval-ms", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_PAUSED] = g_param_spec_boolean ("paused", NULL, NULL, FALSE, ro);
  properties[PROP_N_PROJECTS] = g_param_spec_uint ("n-projects", NULL, NULL, 0, G_MAXUINT, 0, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SYNC_FAILED] =
    g_signal_new ("sync-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, FERRY_TYPE_WATCHED_SYNC);
  signals[SYNC_RECOVERED] =
    g_signal_new ("sync-recovered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, FERRY_TYPE_WATCHED_SYNC);
  signals[SESSION_EXPIRED] =
    g_signal_new ("session-expired", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, FERRY_TYPE_ACCOUNT);
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
ferry_watcher_init (FerryWatcher *self)
{
  self->account_table = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, account_free);
  self->targets = g_ptr_array_new_with_free_func (target_free);
  self->syncs = g_list_store_new (FERRY_TYPE_WATCHED_SYNC);
  self->items = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->failures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}
