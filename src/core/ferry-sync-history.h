/* ferry-sync-history.h: one sync's runs and configuration changes, from the audit log.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No GTK in here. A GListModel of FerryAuditEvent, newest first, for one sync, made and
 * owned by its FerryProjectModel (ferry_project_model_get_sync_history ()), so every view of
 * the sync shares one history and one set of requests.
 *
 * Nothing is fetched on a timer: each first page the server lists writes a view-audit-logs
 * event in the organization's audit log, so the history loads when a view shows it
 * (ferry_sync_history_load ()), or when someone asks (_refresh (), _load_more ()).
 *
 * "state" says what a view can show (docs/infisical-api.md#audit-logs):
 *   IDLE          nothing asked yet
 *   LOADING       the first page is on its way
 *   LOADED        the events are in the list (maybe none); later requests keep it LOADED
 *                 and set only "error" when they fail
 *   FORBIDDEN     the role cannot read audit logs (FERRY_API_ERROR_AUDIT_LOGS_FORBIDDEN)
 *   NO_RETENTION  the plan keeps no audit logs: the list is empty although the sync has
 *                 run or changed inside the window the server keeps
 *   UNSUPPORTED   the server has no audit-log route (FERRY_API_ERROR_UNSUPPORTED)
 *   FAILED        the first page could not be loaded: "error" says why
 */

#pragma once

#include <gio/gio.h>

#include "ferry-audit-event.h"
#include "ferry-sync.h"

G_BEGIN_DECLS

typedef enum
{
  FERRY_HISTORY_STATE_IDLE,
  FERRY_HISTORY_STATE_LOADING,
  FERRY_HISTORY_STATE_LOADED,
  FERRY_HISTORY_STATE_FORBIDDEN,
  FERRY_HISTORY_STATE_NO_RETENTION,
  FERRY_HISTORY_STATE_UNSUPPORTED,
  FERRY_HISTORY_STATE_FAILED,
} FerryHistoryState;

/* Events per page. */
#define FERRY_SYNC_HISTORY_PAGE_SIZE 20

#define FERRY_TYPE_SYNC_HISTORY (ferry_sync_history_get_type ())

G_DECLARE_FINAL_TYPE (FerrySyncHistory, ferry_sync_history, FERRY, SYNC_HISTORY, GObject)

/* The history a FerryProjectModel attached to @sync, or NULL (transfer none). Every sync in
 * a model's "syncs" has one from the moment it joins the list. */
FerrySyncHistory  *ferry_sync_history_peek            (FerrySync        *sync);

/* Events per page from the next request on (default FERRY_SYNC_HISTORY_PAGE_SIZE; tests
 * page through short histories with less). */
void               ferry_sync_history_set_page_size   (FerrySyncHistory *self,
                                                       guint             page_size);
/* Property "sync-id" (read-only). */
const char        *ferry_sync_history_get_sync_id     (FerrySyncHistory *self);
FerryHistoryState  ferry_sync_history_get_state       (FerrySyncHistory *self);
/* Why the last request failed, or NULL (cleared by the next success). */
const GError      *ferry_sync_history_get_error       (FerrySyncHistory *self);
/* Property "loading": a request is in flight (first page, refresh or more). */
gboolean           ferry_sync_history_get_loading     (FerrySyncHistory *self);
/* Property "has-more": the last page was full, so the server may have older events. */
gboolean           ferry_sync_history_get_has_more    (FerrySyncHistory *self);
/* Property "failing-since": when the newest run of the sync failed, the time of the first
 * failed run after the last successful one in the list; NULL when the newest run
 * succeeded or no run is listed. Property "failing-since-exact": FALSE when no successful
 * run is in the list and older events may exist, so the failures may have begun earlier. */
GDateTime         *ferry_sync_history_get_failing_since (FerrySyncHistory *self);
gboolean           ferry_sync_history_get_failing_since_exact (FerrySyncHistory *self);

/* Loads the first page unless it is loaded or on its way (a view calls this when it shows
 * the history). After a failure it tries again. */
void               ferry_sync_history_load            (FerrySyncHistory *self);
/* Loads the first page again, replacing the list (cancels a request in flight). */
void               ferry_sync_history_refresh         (FerrySyncHistory *self);
/* Loads the next page; no-op while a request is in flight or without "has-more". */
void               ferry_sync_history_load_more       (FerrySyncHistory *self);

/* Signals: "loaded" (): a request finished (successfully or not); for tests and views
 * that wait for an answer. */

G_END_DECLS
