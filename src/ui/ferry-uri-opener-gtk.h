/* ferry-uri-opener-gtk.h: opens URIs for the browser flows from a window.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * gtk_show_uri_full on GTK 4.8 (through the OpenURI portal inside Flatpak);
 * GtkUriLauncher where the build allows GTK 4.10 API.
 */

#pragma once

#include <gtk/gtk.h>

#include "ferry-uri-opener.h"

G_BEGIN_DECLS

#define FERRY_TYPE_URI_OPENER_GTK (ferry_uri_opener_gtk_get_type ())

G_DECLARE_FINAL_TYPE (FerryUriOpenerGtk, ferry_uri_opener_gtk, FERRY, URI_OPENER_GTK, GObject)

/* @parent (nullable): the window the browser is opened for (kept as a weak reference). */
FerryUriOpener *ferry_uri_opener_gtk_new (GtkWindow *parent);

G_END_DECLS
