/* ferry-watcher.h: watches the syncs of many projects and accounts in the background.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No GTK in here. The watcher keeps a session per stored account (restored from the
 * keyring, or handed in with ferry_watcher_set_session ()), lists each account's projects,
 * and asks for the syncs of each watched project once per interval: one list request per
 * project per interval, spread evenly over the interval (ferry_watcher_get_slot_ms ()),
 * paused after a 429 for as long as Retry-After says, while the network is down or metered
 * (GNetworkMonitor), and for an account whose session expired.
 *
 * It tells about a sync that newly fails ("sync-failed") and one that recovers
 * ("sync-recovered"); a failure is told once until the sync succeeds again, and what was
 * told is kept in the "watch-failures" key so a restart does not tell it again.
 */

#pragma once

#include <gio/gio.h>

#include "ferry-account-store.h"
#include "ferry-session.h"
#include "ferry-token-store.h"
#include "ferry-watched-sync.h"

G_BEGIN_DECLS

#define FERRY_TYPE_WATCHER (ferry_watcher_get_type ())

G_DECLARE_FINAL_TYPE (FerryWatcher, ferry_watcher, FERRY, WATCHER, GObject)

/* @settings: the io.github.ferryapp.Ferry GSettings (watch-* keys). */
FerryWatcher *ferry_watcher_new                (GSettings         *settings,
                                                FerryAccountStore *accounts,
                                                FerryTokenStore   *tokens);
/* Property "running". Starting restores the accounts' sessions and begins polling. */
void          ferry_watcher_start              (FerryWatcher      *self);
void          ferry_watcher_stop               (FerryWatcher      *self);
gboolean      ferry_watcher_get_running        (FerryWatcher      *self);
/* Counted starts for the parts that need watching (background mode, an open overview):
 * running while at least one holds it. */
void          ferry_watcher_hold               (FerryWatcher      *self);
void          ferry_watcher_release            (FerryWatcher      *self);
/* Uses @session for its account instead of one of the watcher's own (e.g. the window's). */
void          ferry_watcher_set_session        (FerryWatcher      *self,
                                                FerrySession      *session);
/* Property "interval-ms": the time between two requests for one project. Follows the
 * "watch-interval" key (minutes) until set; tests set short ones. */
guint         ferry_watcher_get_interval_ms    (FerryWatcher      *self);
void          ferry_watcher_set_interval_ms    (FerryWatcher      *self,
                                                guint              interval_ms);
/* The spacing of two list requests for @n_projects projects at @interval_ms, and its
 * first round's (shorter, so a new watch shows every project soon; each project still
 * gets at most one request per interval). */
guint         ferry_watcher_compute_slot_ms    (guint              interval_ms,
                                                guint              n_projects);
/* The current spacing between two list requests. */
guint         ferry_watcher_get_slot_ms        (FerryWatcher      *self);
/* Default: g_network_monitor_get_default (). */
void          ferry_watcher_set_network_monitor (FerryWatcher     *self,
                                                GNetworkMonitor   *monitor);
/* Property "paused": polling waits for the network (offline or metered). */
gboolean      ferry_watcher_get_paused         (FerryWatcher      *self);

/* GListModel of FerryWatchedSync: every sync of every watched project. */
GListModel   *ferry_watcher_get_syncs          (FerryWatcher      *self);
/* Property "n-projects": how many projects are watched. */
guint         ferry_watcher_get_n_projects     (FerryWatcher      *self);
/* Failed syncs of one project (@account_id NULL: of any account). */
guint         ferry_watcher_count_failures     (FerryWatcher      *self,
                                                const char        *account_id,
                                                const char        *project_id);
/* Every project the signed-in accounts have, as "ACCOUNT-ID/PROJECT-ID" keys (the format of
 * the "watched-projects" key), and a display name for one. */
GStrv         ferry_watcher_dup_known_projects (FerryWatcher      *self);
char         *ferry_watcher_dup_project_title  (FerryWatcher      *self,
                                                const char        *key);
/* Records that the failure of @sync (of @account_id's @project_id) was told elsewhere, e.g.
 * by the window that followed the run: TRUE when it was not told yet (the caller tells it
 * now and the watcher never will), FALSE when the watcher already told it (or is about to:
 * it records a failure before its notification goes out), so the caller stays silent. */
gboolean      ferry_watcher_claim_failure      (FerryWatcher      *self,
                                                FerrySync         *sync);
/* Starts a sync job (Sync Now) with the account's session; the next poll shows its end. */
void          ferry_watcher_sync_now_async     (FerryWatcher      *self,
                                                const char        *account_id,
                                                const char        *sync_id,
                                                GCancellable      *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer           user_data);
gboolean      ferry_watcher_sync_now_finish    (FerryWatcher      *self,
                                                GAsyncResult      *result,
                                                GError           **error);

/* Signals:
 *   "sync-failed"     (FerryWatchedSync *item): a sync failed that was not failing before
 *   "sync-recovered"  (FerryWatchedSync *item): a sync told as failed succeeded again
 *   "session-expired" (FerryAccount *account): once per expiry; its projects wait
 *   "changed"         (): the list or the failure counts changed */

G_END_DECLS
