/* ferry-sync-history-view.h: the "History" section of the sync details.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ferry-sync.h"

G_BEGIN_DECLS

#define FERRY_TYPE_SYNC_HISTORY_VIEW (ferry_sync_history_view_get_type ())

G_DECLARE_FINAL_TYPE (FerrySyncHistoryView, ferry_sync_history_view, FERRY, SYNC_HISTORY_VIEW, GtkWidget)

GtkWidget  *ferry_sync_history_view_new             (void);
/* Property "sync": the sync whose history (ferry_sync_history_peek ()) is shown. */
FerrySync  *ferry_sync_history_view_get_sync        (FerrySyncHistoryView *self);
void        ferry_sync_history_view_set_sync        (FerrySyncHistoryView *self,
                                                     FerrySync            *sync);
/* For tests: the name of the page shown ("loading", "events", "empty", "no-retention",
 * "forbidden", "failed"), and the "Failing since" line, or NULL when hidden. */
const char *ferry_sync_history_view_get_page        (FerrySyncHistoryView *self);
const char *ferry_sync_history_view_get_failing_since_text (FerrySyncHistoryView *self);

G_END_DECLS
