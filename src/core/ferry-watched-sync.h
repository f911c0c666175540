/* ferry-watched-sync.h: one sync the background watcher follows, with where it lives.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No GTK in here. The items of ferry_watcher_get_syncs (): a FerrySync plus the account and
 * project it belongs to and when the watcher first saw its current failure, so the "All
 * Projects" overview can list syncs of several projects and accounts side by side.
 */

#pragma once

#include "ferry-sync.h"

G_BEGIN_DECLS

#define FERRY_TYPE_WATCHED_SYNC (ferry_watched_sync_get_type ())

G_DECLARE_FINAL_TYPE (FerryWatchedSync, ferry_watched_sync, FERRY, WATCHED_SYNC, GObject)

FerryWatchedSync *ferry_watched_sync_new               (const char       *account_id,
                                                        const char       *account_label,
                                                        const char       *project_id,
                                                        const char       *project_name,
                                                        FerrySync        *sync);
/* Properties of the same names ("account-id", "project-name", "sync", …). */
const char       *ferry_watched_sync_get_account_id    (FerryWatchedSync *self);
const char       *ferry_watched_sync_get_account_label (FerryWatchedSync *self);
const char       *ferry_watched_sync_get_project_id    (FerryWatchedSync *self);
const char       *ferry_watched_sync_get_project_name  (FerryWatchedSync *self);
const char       *ferry_watched_sync_get_sync_id       (FerryWatchedSync *self);
FerrySync        *ferry_watched_sync_get_sync          (FerryWatchedSync *self);
void              ferry_watched_sync_set_sync          (FerryWatchedSync *self,
                                                        FerrySync        *sync);
/* The sync's syncStatus (notified when "sync" changes). */
FerrySyncStatus   ferry_watched_sync_get_status        (FerryWatchedSync *self);
/* When the watcher first saw the current failure (NULL unless failing). */
GDateTime        *ferry_watched_sync_get_failing_since (FerryWatchedSync *self);
void              ferry_watched_sync_set_failing_since (FerryWatchedSync *self,
                                                        GDateTime        *since);

G_END_DECLS
