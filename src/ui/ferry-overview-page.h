/* ferry-overview-page.h: "All Projects" — every watched sync across projects and accounts.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Bound to the FerryWatcher's list (src/core/ferry-watcher.h): failing syncs first, then by
 * project and name; a search over sync and project names; counts per status. While shown
 * it holds the watcher, so it fills even when background mode is off. Activating a row
 * runs app.open-watched-sync.
 */

#pragma once

#include <adwaita.h>

#include "ferry-watcher.h"

G_BEGIN_DECLS

#define FERRY_TYPE_OVERVIEW_PAGE (ferry_overview_page_get_type ())

G_DECLARE_FINAL_TYPE (FerryOverviewPage, ferry_overview_page, FERRY, OVERVIEW_PAGE, GtkBox)

GtkWidget  *ferry_overview_page_new           (FerryWatcher      *watcher,
                                               GSettings         *settings);
/* The rows' model after sorting and searching (FerryWatchedSync), for tests. */
GListModel *ferry_overview_page_get_model     (FerryOverviewPage *self);
void        ferry_overview_page_set_search    (FerryOverviewPage *self,
                                               const char        *text);
/* "2 failing · 1 succeeded", as shown. */
const char *ferry_overview_page_get_counts    (FerryOverviewPage *self);
/* "Watching 3 projects in the background" or why it is not watching, as shown. */
const char *ferry_overview_page_get_status    (FerryOverviewPage *self);

/* The order of the page: failing first, then by project name, then by sync name. */
int         ferry_overview_compare            (FerryWatchedSync  *a,
                                               FerryWatchedSync  *b);

G_END_DECLS
