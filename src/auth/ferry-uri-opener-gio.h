/* ferry-uri-opener-gio.h: opens URIs with GIO's default handler (no window needed).
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * g_app_info_launch_default_for_uri_async, the call gtk_show_uri_full makes outside
 * Flatpak; the x-scheme-handler/https default of mimeapps.list picks the browser.
 */

#pragma once

#include "ferry-uri-opener.h"

G_BEGIN_DECLS

#define FERRY_TYPE_URI_OPENER_GIO (ferry_uri_opener_gio_get_type ())

G_DECLARE_FINAL_TYPE (FerryUriOpenerGio, ferry_uri_opener_gio, FERRY, URI_OPENER_GIO, GObject)

FerryUriOpener *ferry_uri_opener_gio_new (void);

G_END_DECLS
