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

#include "ferry-watcher-private.h"

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

void
_ferry_watcher_emit_changed (FerryWatcher *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

void
_ferry_watcher_emit_sync (FerryWatcher     *self,
                          gboolean          failed,
                          FerryWatchedSync *item)
{
  g_signal_emit (self, signals[failed ? SYNC_FAILED : SYNC_RECOVERED], 0, item);
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

void
_ferry_watcher_account_list_projects (FerryWatcher *self,
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
        _ferry_watcher_account_list_projects (self, a);
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
    _ferry_watcher_account_list_projects (self, a);
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

Target *
_ferry_watcher_find_target (GPtrArray  *targets,
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

void
_ferry_watcher_remove_items_not_in (FerryWatcher *self,
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
        _ferry_watcher_save_failures (self);
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
          old = _ferry_watcher_find_target (self->targets, key);
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

  _ferry_watcher_remove_items_not_in (self, keys, NULL, NULL);
  if (old_n != self->targets->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PROJECTS]);
  _ferry_watcher_reschedule (self);
}

/* ---- Public ---- */

static void
interval_changed_cb (FerryWatcher *self)
{
  guint interval_ms = g_settings_get_uint (self->settings, "watch-interval") * 60 * 1000;

  if (self->interval_set || self->interval_ms == interval_ms)
    return;

  self->interval_ms = interval_ms;
  _ferry_watcher_reschedule (self);
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
  _ferry_watcher_load_failures (self);

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
  _ferry_watcher_reschedule (self);
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
  _ferry_watcher_reschedule (self);
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
