/* ferry-workspace.h: everything Ferry knows of one signed-in account's server.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No GTK in here. In the spirit of GNOME Calendar's GcalManager: the workspace owns the
 * account's stores, views only bind to them. One FerryWorkspace per FerrySession, reached
 * from FerryContext (ferry_context_get_workspace ()); it owns the project list and, per
 * project on demand, a FerryProjectModel shared by every view.
 *
 * The account's session ("session" property) is the one source of truth for signed in /
 * expired / signed out: the workspace and its project models switch it to EXPIRED when
 * the server refuses the token, and every view binds to its "state".
 *
 * Offline cache (ferry-cache.h): at construction the workspace reads the account's cache
 * in a worker thread; until the server has answered, the projects, and each project
 * model's syncs and connections, are what the cache holds (lists READY), and "cached-at"
 * says from when. Successful loads are saved back. When the server cannot be reached
 * while cached data is shown, "offline" is TRUE: views show it read-only. Signing out
 * deletes the file.
 */

#pragma once

#include <gio/gio.h>

#include "ferry-cache.h"
#include "ferry-project-model.h"
#include "ferry-server-traits.h"
#include "ferry-session.h"

G_BEGIN_DECLS

#define FERRY_TYPE_WORKSPACE (ferry_workspace_get_type ())

G_DECLARE_FINAL_TYPE (FerryWorkspace, ferry_workspace, FERRY, WORKSPACE, GObject)

FerryWorkspace    *ferry_workspace_new                  (FerrySession   *session);
/* Property "session" (construct-only). */
FerrySession      *ferry_workspace_get_session          (FerryWorkspace *self);
FerryAccount      *ferry_workspace_get_account          (FerryWorkspace *self);
/* The account's API client, for one-off lookups (folders, secret names, Azure DevOps
 * projects). Lists that views show come from the models below instead. */
FerryApiClient    *ferry_workspace_get_client           (FerryWorkspace *self);

/* GListModel of FerryProject (secret-manager projects), merged in place on refresh. */
GListModel        *ferry_workspace_get_projects         (FerryWorkspace *self);
/* Properties "projects-state" (FerryLoadState) and "projects-error" (GError, or NULL). */
FerryLoadState     ferry_workspace_get_projects_state   (FerryWorkspace *self);
const GError      *ferry_workspace_get_projects_error   (FerryWorkspace *self);
/* Asks for the project list now; no-op while one is in flight. */
void               ferry_workspace_refresh_projects     (FerryWorkspace *self);
FerryProject      *ferry_workspace_find_project         (FerryWorkspace *self,
                                                         const char     *project_id);

/* Starts loading @project_id's syncs and connections now, in parallel with the project
 * list, e.g. for the project last used with this account. A no-op for a model that is
 * loaded or loading. */
void               ferry_workspace_prefetch             (FerryWorkspace *self,
                                                         const char     *project_id);

/* The account's offline cache. */
FerryCache        *ferry_workspace_get_cache            (FerryWorkspace *self);
/* Property "cached-at": when the cached data on screen was saved (wall-clock seconds
 * since the epoch), 0 once the server has answered the project list. */
gint64             ferry_workspace_get_cached_at        (FerryWorkspace *self);
/* Property "offline": the server could not be reached while cached data is shown. */
gboolean           ferry_workspace_get_offline          (FerryWorkspace *self);

/* The one model of @project (made on first use; the workspace keeps it). Transfer none. */
FerryProjectModel *ferry_workspace_get_project_model    (FerryWorkspace *self,
                                                         FerryProject   *project);

/* What this account's server build reads and allows, learnt from its sync answers
 * (ferry-server-traits.h). Transfer none; one object for the workspace's life. */
FerryServerTraits *ferry_workspace_get_server_traits    (FerryWorkspace *self);

/* Every operation's failure passes through here: a refused or expired token switches the
 * session to EXPIRED. TRUE when @error meant that. */
gboolean           ferry_workspace_check_error          (FerryWorkspace *self,
                                                         const GError   *error);

G_END_DECLS
