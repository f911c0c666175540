/* ferry-application.h
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ferry-context.h"
#include "ferry-watch-service.h"

G_BEGIN_DECLS

#define FERRY_TYPE_APPLICATION (ferry_application_get_type ())

G_DECLARE_FINAL_TYPE (FerryApplication, ferry_application, FERRY, APPLICATION, AdwApplication)

FerryApplication *ferry_application_new         (void);
/* The one FerryContext of the application (GSettings + keyring), made on first use. */
FerryContext     *ferry_application_get_context (FerryApplication *self);
/* Background mode and its watcher, made at startup. */
FerryWatchService *ferry_application_get_watch_service (FerryApplication *self);
/* app.open-watched-sync: the main window (opened if need be) on that account, project
 * and sync; the "shown-sync" action's state says when it is shown. */
/* The main menu's "Watching N projects in the background" while background mode is on,
 * else NULL. */
char             *ferry_application_dup_watch_menu_label (FerryApplication *self);
void              ferry_application_open_watched_sync (FerryApplication *self,
                                                       const char       *account_id,
                                                       const char       *project_id,
                                                       const char       *sync_id);

G_END_DECLS
