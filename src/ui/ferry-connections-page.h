/* ferry-connections-page.h: the Azure DevOps app connections usable in a project.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ferry-context.h"
#include "ferry-project.h"

G_BEGIN_DECLS

#define FERRY_TYPE_CONNECTIONS_PAGE (ferry_connections_page_get_type ())

G_DECLARE_FINAL_TYPE (FerryConnectionsPage, ferry_connections_page, FERRY, CONNECTIONS_PAGE, GtkWidget)

/* Signals: "session-expired" (). Actions: connections.add, connections.edit (s),
 * connections.delete (s), connections.reload. */
GtkWidget    *ferry_connections_page_new             (FerryContext         *context);
void          ferry_connections_page_set_project     (FerryConnectionsPage *self,
                                                      FerryProject         *project);
/* The syncs of the project, for each connection's usage and health. */
void          ferry_connections_page_set_syncs       (FerryConnectionsPage *self,
                                                      GListModel           *syncs);
/* Recomputes usage and health from the syncs model. */
void          ferry_connections_page_update_usage    (FerryConnectionsPage *self);
void          ferry_connections_page_reload          (FerryConnectionsPage *self);
void          ferry_connections_page_focus_search    (FerryConnectionsPage *self);
/* GListStore of FerryConnection. Transfer none. */
GListModel   *ferry_connections_page_get_connections (FerryConnectionsPage *self);
/* "loading", "empty", "error", "offline" or "list". */
const char   *ferry_connections_page_get_state       (FerryConnectionsPage *self);
/* The row widget of a connection, or NULL (tests). */
GtkWidget    *ferry_connections_page_get_row         (FerryConnectionsPage *self,
                                                      const char           *connection_id);

G_END_DECLS
