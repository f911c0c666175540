/* ferry-sync-state.h: the one state a sync is in, as the list and the details show it.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No GTK in here. A sync has two jobs on the server, sync and remove
 * (docs/infisical-api.md#sync-actions), each with its own status; what people need to know is
 * what the destination holds now. A remove that succeeded after the last sync leaves the
 * Azure DevOps variable group deleted, whatever syncStatus still says.
 */

#pragma once

#include "ferry-sync.h"

G_BEGIN_DECLS

typedef enum
{
  FERRY_SYNC_STATE_NEVER,      /* never ran */
  FERRY_SYNC_STATE_QUEUED,     /* a sync job waits */
  FERRY_SYNC_STATE_SYNCING,    /* a sync job runs */
  FERRY_SYNC_STATE_SYNCED,     /* the last sync succeeded, nothing removed since */
  FERRY_SYNC_STATE_FAILED,     /* the last sync failed */
  FERRY_SYNC_STATE_REMOVING,   /* a remove job waits or runs */
  FERRY_SYNC_STATE_REMOVED,    /* the secrets were removed after the last sync: the destination is empty */
} FerrySyncState;

FerrySyncState  ferry_sync_get_state            (FerrySync      *sync);
/* The badge: "Synced", "Secrets Removed", … (translated). */
const char     *ferry_sync_state_get_label      (FerrySyncState  state);
/* A translated sentence on what the state means for the destination and what to do, for
 * states that need one (removed; a deleted source folder), else NULL. */
char           *ferry_sync_state_describe       (FerrySync      *sync);
/* Whether the server can run jobs on @sync: not while its source folder is deleted
 * (sync-secrets and remove-secrets are refused then, docs/infisical-api.md#sync-actions). */
gboolean        ferry_sync_can_run_jobs         (FerrySync      *sync);

G_END_DECLS
