/* ferry-watch-service.h: background mode — what keeps Ferry watching with no window open.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No GTK in here (GIO only). Owned by FerryApplication: it follows the "background-watch"
 * and "watch-autostart" keys, holds the application while watching, asks the Background
 * portal inside Flatpak (or writes an autostart entry outside), and turns the
 * FerryWatcher's findings into notifications whose actions (app.open-watched-sync,
 * app.sync-now) work through D-Bus activation when no window is open.
 */

#pragma once

#include <gio/gio.h>

#include "ferry-context.h"
#include "ferry-watcher.h"

G_BEGIN_DECLS

#define FERRY_TYPE_WATCH_SERVICE (ferry_watch_service_get_type ())

G_DECLARE_FINAL_TYPE (FerryWatchService, ferry_watch_service, FERRY, WATCH_SERVICE, GObject)

FerryWatchService *ferry_watch_service_new         (GApplication      *application,
                                                    FerryContext      *context);
FerryWatcher      *ferry_watch_service_get_watcher (FerryWatchService *self);
/* Property "background": background mode is on (the application is held). */
gboolean           ferry_watch_service_get_background (FerryWatchService *self);
/* "Watching 3 projects in the background", or NULL when background mode is off. */
char              *ferry_watch_service_dup_status  (FerryWatchService *self);
/* Stops watching for good: the application quits (app.quit). */
void               ferry_watch_service_shutdown    (FerryWatchService *self);

/* Signal "autostart-failed" (const char *message): the autostart entry could not be
 * written (the "watch-autostart" key is turned off again) or removed; @message says so
 * in a translated sentence, with what to do. */

/* The autostart entry outside Flatpak: g_get_user_config_dir ()/autostart/APP_ID.desktop. */
char              *ferry_watch_service_dup_autostart_path (void);

G_END_DECLS
