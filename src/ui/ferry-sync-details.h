/* ferry-sync-details.h: every field of one sync, its last message and its actions.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The buttons activate the "syncs.*" actions of the enclosing FerrySyncsPage.
 */

#pragma once

#include <adwaita.h>

#include "ferry-sync.h"

G_BEGIN_DECLS

#define FERRY_TYPE_SYNC_DETAILS (ferry_sync_details_get_type ())

G_DECLARE_FINAL_TYPE (FerrySyncDetails, ferry_sync_details, FERRY, SYNC_DETAILS, GtkWidget)

GtkWidget  *ferry_sync_details_new             (void);
FerrySync  *ferry_sync_details_get_sync        (FerrySyncDetails *self);
void        ferry_sync_details_set_sync        (FerrySyncDetails *self,
                                                FerrySync        *sync);
/* Re-reads the sync (e.g. after a refused change, to put the switch back). */
void        ferry_sync_details_refresh         (FerrySyncDetails *self);
/* The plain explanation shown for a failed sync, or NULL (for tests). */
const char *ferry_sync_details_get_explanation (FerrySyncDetails *self);

G_END_DECLS
