/* ferry-preferences-window.h: background watching, autostart, interval, projects, recovery.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every row is bound to its GSettings key (data/io.github.ferryapp.Ferry.gschema.xml), so
 * a change takes effect and persists at once. The project list comes from the FerryWatcher,
 * which the window holds while open so the signed-in accounts' projects are listed.
 */

#pragma once

#include <adwaita.h>

#include "ferry-watcher.h"

G_BEGIN_DECLS

#define FERRY_TYPE_PREFERENCES_WINDOW (ferry_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (FerryPreferencesWindow, ferry_preferences_window, FERRY, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

GtkWidget *ferry_preferences_window_new (FerryWatcher *watcher,
                                         GSettings    *settings);

G_END_DECLS
