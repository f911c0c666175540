/* ferry-project-model-cache.c: a FerryProjectModel's lists from the offline cache.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * FerryWorkspace reads the account's cache (ferry-cache.h) and hands each project model
 * its cached lists. They count as loaded (READY), so views show them at once, but the
 * model's own requests still go out: the sync list's first hold loads it (its last answer
 * is "never", see ferry_project_model_catch_up ()), and the connections are asked for
 * here, since the Connections page only asks for a list that was never loaded.
 */

#include "config.h"

#include "ferry-project-model-private.h"

void
ferry_project_model_fill_from_cache (FerryProjectModel *self,
                                     GListModel        *syncs,
                                     GListModel        *connections)
{
  g_return_if_fail (FERRY_IS_PROJECT_MODEL (self));

  if (self->shut_down)
    return;

  if (syncs != NULL && self->syncs_answered == 0 && self->syncs_state != FERRY_LOAD_STATE_READY)
    {
      ferry_resource_store_merge (self->syncs, syncs);
      ferry_project_model_set_syncs_state (self, FERRY_LOAD_STATE_READY);
    }

  if (connections != NULL && self->connections_state != FERRY_LOAD_STATE_READY)
    {
      gboolean asked = self->connections_state != FERRY_LOAD_STATE_IDLE;

      ferry_resource_store_merge (self->connections, connections);
      ferry_project_model_set_connections_state (self, FERRY_LOAD_STATE_READY);
      if (!asked)
        ferry_project_model_refresh_connections (self);
    }
}
