/* ferry-sync-row.h: one sync in the Syncs list.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ferry-sync.h"

G_BEGIN_DECLS

#define FERRY_TYPE_SYNC_ROW (ferry_sync_row_get_type ())

G_DECLARE_FINAL_TYPE (FerrySyncRow, ferry_sync_row, FERRY, SYNC_ROW, GtkWidget)

GtkWidget  *ferry_sync_row_new              (void);
FerrySync  *ferry_sync_row_get_sync         (FerrySyncRow *self);
/* Follows @sync's properties until the next call (NULL unbinds). */
void        ferry_sync_row_set_sync         (FerrySyncRow *self,
                                             FerrySync    *sync);
/* The status badge text as shown ("Queued", "Syncing", "Synced", …), for tests. */
const char *ferry_sync_row_get_status_text  (FerrySyncRow *self);
/* The exact time the time label's tooltip shows (asked for on hover), or NULL. */
char       *ferry_sync_row_dup_time_tooltip (FerrySyncRow *self);

G_END_DECLS
