/* ferry-syncs-page.h: the project's Azure DevOps secret syncs, with details and actions.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ferry-context.h"
#include "ferry-project.h"
#include "ferry-sync.h"

G_BEGIN_DECLS

#define FERRY_TYPE_SYNCS_PAGE (ferry_syncs_page_get_type ())

G_DECLARE_FINAL_TYPE (FerrySyncsPage, ferry_syncs_page, FERRY, SYNCS_PAGE, GtkWidget)

/* Signals:
 *   "session-expired" ()              the server refused the token: sign in again
 *   "user-sync-failed" (FerrySync *)  a sync the user started here ended in failure
 *   "syncs-changed" ()                the list or a status changed (connections roll-up)
 * Actions (widget actions, "syncs." prefix): sync-now, set-auto-sync (b),
 * toggle-auto-sync, remove-secrets, edit, delete, create, reload, show-list.
 * Edit and create activate "win.edit-sync" (s) and "win.create-sync". */
GtkWidget    *ferry_syncs_page_new              (FerryContext   *context);
FerryProject *ferry_syncs_page_get_project      (FerrySyncsPage *self);
/* Shows @project's syncs (NULL: clears the page). */
void          ferry_syncs_page_set_project      (FerrySyncsPage *self,
                                                 FerryProject   *project);
/* Fetches the list again (keeps selection and scroll position). */
void          ferry_syncs_page_reload           (FerrySyncsPage *self);
void          ferry_syncs_page_focus_search     (FerrySyncsPage *self);
/* The GListStore of FerrySync behind the view. Transfer none. */
GListModel   *ferry_syncs_page_get_syncs        (FerrySyncsPage *self);
/* The filtered and sorted model the list view shows. Transfer none. */
GListModel   *ferry_syncs_page_get_visible_syncs (FerrySyncsPage *self);
FerrySync    *ferry_syncs_page_get_selected     (FerrySyncsPage *self);
/* Selects the sync with @sync_id (and shows its details). Returns FALSE if not listed. */
gboolean      ferry_syncs_page_select_sync      (FerrySyncsPage *self,
                                                 const char     *sync_id);
/* Adds or updates @sync (e.g. from the assistant), selects it and follows its job. */
void          ferry_syncs_page_follow_sync      (FerrySyncsPage *self,
                                                 FerrySync      *sync);
/* Polling interval for the idle refresh in seconds (default 30; tests shorten it). */
void          ferry_syncs_page_set_refresh_interval (FerrySyncsPage *self,
                                                     guint           seconds);
/* "loading", "empty", "no-results", "error", "offline" or "list". */
const char   *ferry_syncs_page_get_state        (FerrySyncsPage *self);
guint         ferry_syncs_page_get_current_refresh_interval (FerrySyncsPage *self);

G_END_DECLS
