/* ferry-connections-page.h: the Azure DevOps app connections usable in a project.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ferry-context.h"
#include "ferry-project-model.h"

G_BEGIN_DECLS

#define FERRY_TYPE_CONNECTIONS_PAGE (ferry_connections_page_get_type ())

G_DECLARE_FINAL_TYPE (FerryConnectionsPage, ferry_connections_page, FERRY, CONNECTIONS_PAGE, GtkWidget)

/* A view of a FerryProjectModel's connections, each with the syncs of the model that use
 * it. Actions: connections.add, connections.edit (s), connections.delete (s),
 * connections.reload. */
GtkWidget         *ferry_connections_page_new             (FerryContext         *context);
/* Property "model": the project shown (NULL: nothing). */
FerryProjectModel *ferry_connections_page_get_model       (FerryConnectionsPage *self);
void               ferry_connections_page_set_model       (FerryConnectionsPage *self,
                                                           FerryProjectModel    *model);
/* Offline: add, edit and delete are off (the rows are the offline cache's). */
void               ferry_connections_page_set_read_only   (FerryConnectionsPage *self,
                                                           gboolean              read_only);
gboolean           ferry_connections_page_get_read_only   (FerryConnectionsPage *self);
/* Asks the model for the connections again. */
void               ferry_connections_page_reload          (FerryConnectionsPage *self);
void               ferry_connections_page_focus_search    (FerryConnectionsPage *self);
/* The model's connections (NULL without a model). Transfer none. */
GListModel        *ferry_connections_page_get_connections (FerryConnectionsPage *self);
/* "loading", "empty", "error", "offline" or "list" (property "state"). */
const char        *ferry_connections_page_get_state       (FerryConnectionsPage *self);
/* The row widget of a connection, or NULL (tests). */
GtkWidget         *ferry_connections_page_get_row         (FerryConnectionsPage *self,
                                                           const char           *connection_id);

G_END_DECLS
