/* ferry-window.h
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ferry-context.h"
#include "ferry-watcher.h"

G_BEGIN_DECLS

#define FERRY_TYPE_WINDOW (ferry_window_get_type ())

G_DECLARE_FINAL_TYPE (FerryWindow, ferry_window, FERRY, WINDOW, AdwApplicationWindow)

/* @context: what the window shows (accounts, session, settings). */
FerryWindow  *ferry_window_new                 (gpointer      application,
                                                FerryContext *context);
FerryContext *ferry_window_get_context         (FerryWindow  *self);
/* Restores the default account's session, else shows the sign-in page. The demo
 * (tools/run-demo.sh) sets FERRY_DEMO_SITE_URL with FERRY_DEMO_USER_TOKEN (and _EMAIL):
 * signs in as that user each start; or with _CLIENT_ID and _CLIENT_SECRET: signs in the
 * machine identity when no account for that site exists. Asynchronous: "loading" meanwhile. */
void          ferry_window_start               (FerryWindow  *self);
/* "loading", "signin", "projects-error", "no-projects" or "content". */
const char   *ferry_window_get_state           (FerryWindow  *self);
/* The current project, or NULL. */
gpointer      ferry_window_get_project         (FerryWindow  *self);
/* Whether the "Sign In Again" bar is shown. */
gboolean      ferry_window_get_expired         (FerryWindow  *self);
/* For tests and the application's notification actions. */
GtkWidget    *ferry_window_get_signin_page     (FerryWindow  *self);
GtkWidget    *ferry_window_get_syncs_page      (FerryWindow  *self);
GtkWidget    *ferry_window_get_connections_page (FerryWindow *self);
/* The shortcuts window (win.show-help-overlay), built on the first call. */
GtkShortcutsWindow *ferry_window_get_help_overlay (FerryWindow *self);
/* Selects the sync and shows the Syncs page; with @retry also starts it again. */
void          ferry_window_show_sync           (FerryWindow  *self,
                                                const char   *sync_id,
                                                gboolean      retry);
/* The background watcher (the application's): the project picker counts its failing
 * syncs per project, and a failure of a sync the window ran is told by one of the two. */
void          ferry_window_set_watcher         (FerryWindow  *self,
                                                FerryWatcher *watcher);

G_END_DECLS
