/* ferry-sync-state.c: the one state a sync is in, as the list and the details show it.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-sync-state.h"

/* The remove job's success is newer than the last successful sync: the sync job's own
 * status ("succeeded") is about a variable group that is gone. lastRemovedAt is set only on
 * success (the old build: lastErasedAt, read as the same field by src/api/ferry-sync.c). */
static gboolean
removed_since_sync (FerrySync *sync)
{
  GDateTime *removed = ferry_sync_get_last_removed_at (sync);
  GDateTime *synced = ferry_sync_get_last_synced_at (sync);

  if (ferry_sync_get_remove_status (sync) != FERRY_SYNC_STATUS_SUCCEEDED || removed == NULL)
    return FALSE;

  return synced == NULL || g_date_time_compare (removed, synced) >= 0;
}

FerrySyncState
ferry_sync_get_state (FerrySync *sync)
{
  g_return_val_if_fail (FERRY_IS_SYNC (sync), FERRY_SYNC_STATE_NEVER);

  switch (ferry_sync_get_remove_status (sync))
    {
    case FERRY_SYNC_STATUS_PENDING:
    case FERRY_SYNC_STATUS_RUNNING:
      return FERRY_SYNC_STATE_REMOVING;
    default:
      break;
    }

  switch (ferry_sync_get_sync_status (sync))
    {
    case FERRY_SYNC_STATUS_PENDING:
      return FERRY_SYNC_STATE_QUEUED;
    case FERRY_SYNC_STATUS_RUNNING:
      return FERRY_SYNC_STATE_SYNCING;
    default:
      break;
    }

  if (removed_since_sync (sync))
    return FERRY_SYNC_STATE_REMOVED;

  switch (ferry_sync_get_sync_status (sync))
    {
    case FERRY_SYNC_STATUS_SUCCEEDED:
      return FERRY_SYNC_STATE_SYNCED;
    case FERRY_SYNC_STATUS_FAILED:
      return FERRY_SYNC_STATE_FAILED;
    case FERRY_SYNC_STATUS_NONE:
    default:
      return FERRY_SYNC_STATE_NEVER;
    }
}

const char *
ferry_sync_state_get_label (FerrySyncState state)
{
  switch (state)
    {
    case FERRY_SYNC_STATE_QUEUED:
      /* Translators: status badge of a sync whose job waits to run */
      return _("Queued");
    case FERRY_SYNC_STATE_SYNCING:
      /* Translators: status badge of a sync whose job is running */
      return _("Syncing");
    case FERRY_SYNC_STATE_SYNCED:
      /* Translators: status badge of a sync whose last job succeeded */
      return _("Synced");
    case FERRY_SYNC_STATE_FAILED:
      /* Translators: status badge of a sync whose last job failed */
      return _("Failed");
    case FERRY_SYNC_STATE_REMOVING:
      /* Translators: status badge while the synced secrets are being removed */
      return _("Removing");
    case FERRY_SYNC_STATE_REMOVED:
      /* Translators: status badge of a sync whose synced secrets were removed from Azure DevOps */
      return _("Secrets Removed");
    case FERRY_SYNC_STATE_NEVER:
    default:
      /* Translators: status badge of a sync that never ran */
      return _("Never synced");
    }
}

char *
ferry_sync_state_describe (FerrySync *sync)
{
  const char *group;

  g_return_val_if_fail (FERRY_IS_SYNC (sync), NULL);

  if (ferry_sync_get_folder_deleted (sync))
    return g_strdup (_("The source folder of this sync was deleted in Infisical, so it cannot sync or "
                       "remove secrets. Choose Edit, pick a folder on the Source step and save; "
                       "or delete the sync."));

  if (ferry_sync_get_state (sync) != FERRY_SYNC_STATE_REMOVED)
    return NULL;

  group = ferry_sync_get_environment_name (sync);
  if (group != NULL)
    /* Translators: %s is the variable group (environment) name */
    return g_strdup_printf (_("The synced secrets were removed: the variable group “%s” was deleted from "
                              "Azure DevOps and stays empty until the next sync. Choose Sync Now to write "
                              "it again."), group);
  return g_strdup (_("The synced secrets were removed from Azure DevOps, and the destination stays empty "
                     "until the next sync. Choose Sync Now to write them again."));
}

gboolean
ferry_sync_can_run_jobs (FerrySync *sync)
{
  g_return_val_if_fail (FERRY_IS_SYNC (sync), FALSE);

  return !ferry_sync_get_folder_deleted (sync);
}
