/* ferry-connection-row.h: one Azure DevOps app connection in the Connections list.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ferry-connection.h"

G_BEGIN_DECLS

#define FERRY_TYPE_CONNECTION_ROW (ferry_connection_row_get_type ())

G_DECLARE_FINAL_TYPE (FerryConnectionRow, ferry_connection_row, FERRY, CONNECTION_ROW, AdwActionRow)

GtkWidget       *ferry_connection_row_new            (FerryConnection    *connection);
FerryConnection *ferry_connection_row_get_connection (FerryConnectionRow *self);
/* The syncs that use the connection: how many, how many of them failed or are running,
 * and the names of the first few (NULL-terminated, may be NULL). */
void             ferry_connection_row_set_usage      (FerryConnectionRow *self,
                                                      guint               n_syncs,
                                                      guint               n_failed,
                                                      guint               n_busy,
                                                      const char * const *names);
/* Where those syncs are (ferry-connection-usage.h): in @n_projects projects (0 or 1 for
 * this one alone), all of them in other projects (@elsewhere_only), and how many projects
 * could not be checked, so "Unused" is said only when it is known. */
void             ferry_connection_row_set_reach      (FerryConnectionRow *self,
                                                      guint               n_projects,
                                                      gboolean            elsewhere_only,
                                                      guint               n_unchecked);
const char      *ferry_connection_row_get_health_text (FerryConnectionRow *self);
/* The usage line of the subtitle ("Used by …"), for tests. */
const char      *ferry_connection_row_get_usage_text (FerryConnectionRow *self);

G_END_DECLS
