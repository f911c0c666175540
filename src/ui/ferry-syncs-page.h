/* ferry-syncs-page.h: the project's Azure DevOps secret syncs, with details and actions.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ferry-context.h"
#include "ferry-project-model.h"
#include "ferry-uri-opener.h"

G_BEGIN_DECLS

#define FERRY_TYPE_SYNCS_PAGE (ferry_syncs_page_get_type ())

G_DECLARE_FINAL_TYPE (FerrySyncsPage, ferry_syncs_page, FERRY, SYNCS_PAGE, GtkWidget)

/* A view of a FerryProjectModel's syncs: the page owns only what is shown (search, filters,
 * sort order, selection); the list, its refreshes and every operation are the model's.
 * The page holds the model while it is mapped, so the list refreshes only while someone
 * can see it.
 *
 * Signals:
 *   "user-sync-failed" (FerrySync *)  a Sync Now started in Ferry ended in failure
 * Actions (widget actions, "syncs." prefix): sync-now, set-auto-sync (b),
 * toggle-auto-sync, remove-secrets, edit, delete, create, reload, show-list, and for
 * Open and Copy open-in-infisical, open-variable-group, copy-id, copy-link, copy-terraform,
 * copy-curl (ferry-syncs-page-share.c). Edit and create activate "win.edit-sync" (s) and
 * "win.create-sync". */
GtkWidget         *ferry_syncs_page_new               (FerryContext      *context);
/* Property "model": the project shown (NULL: nothing). */
FerryProjectModel *ferry_syncs_page_get_model         (FerrySyncsPage    *self);
void               ferry_syncs_page_set_model         (FerrySyncsPage    *self,
                                                       FerryProjectModel *model);
/* The model's project, or NULL. */
FerryProject      *ferry_syncs_page_get_project       (FerrySyncsPage    *self);
/* Asks the model for the list again (selection and scroll position stay). */
void               ferry_syncs_page_reload            (FerrySyncsPage    *self);
/* Offline (FerryWorkspace's "offline"): the list stays, the actions that need the server
 * (Sync Now, auto-sync, Remove Secrets, Edit, Delete) are off. */
void               ferry_syncs_page_set_read_only     (FerrySyncsPage    *self,
                                                       gboolean           read_only);
void               ferry_syncs_page_focus_search      (FerrySyncsPage    *self);
/* How Open in Infisical and Open Variable Group open pages (NULL: the desktop's). */
void               ferry_syncs_page_set_uri_opener    (FerrySyncsPage    *self,
                                                       FerryUriOpener    *opener);
/* The model's syncs (NULL without a model). Transfer none. */
GListModel        *ferry_syncs_page_get_syncs         (FerrySyncsPage    *self);
/* The filtered and sorted model the list view shows. Transfer none. */
GListModel        *ferry_syncs_page_get_visible_syncs (FerrySyncsPage    *self);
FerrySync         *ferry_syncs_page_get_selected      (FerrySyncsPage    *self);
/* Selects the sync with @sync_id (and shows its details). Returns FALSE if not listed. */
gboolean           ferry_syncs_page_select_sync       (FerrySyncsPage    *self,
                                                       const char        *sync_id);
/* Puts @sync (e.g. saved by the assistant) into the model, which follows its job, and
 * selects it. */
void               ferry_syncs_page_follow_sync       (FerrySyncsPage    *self,
                                                       FerrySync         *sync);
/* "loading", "empty", "no-results", "error", "offline" or "list" (property "state"). */
const char        *ferry_syncs_page_get_state         (FerrySyncsPage    *self);
/* Whether the list has been painted once (property "list-painted"). Until then a selected
 * sync's details wait, so the list's first frame does not lay them out. */
gboolean           ferry_syncs_page_get_list_painted  (FerrySyncsPage    *self);

G_END_DECLS
