/* ferry-uri-opener.h: how the browser flows open a web page.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The flows in src/auth never include GTK: the UI hands them an object that opens a URI in
 * the user's web browser (FerryUriOpenerGtk: gtk_show_uri_full, through the portal inside
 * Flatpak). FerryUriOpenerGio does the same with plain GIO for code without a window.
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define FERRY_TYPE_URI_OPENER (ferry_uri_opener_get_type ())

G_DECLARE_INTERFACE (FerryUriOpener, ferry_uri_opener, FERRY, URI_OPENER, GObject)

struct _FerryUriOpenerInterface
{
  GTypeInterface parent_iface;

  void     (*open_async)  (FerryUriOpener      *self,
                           const char          *uri,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data);
  gboolean (*open_finish) (FerryUriOpener      *self,
                           GAsyncResult        *result,
                           GError             **error);
};

/* Opens @uri in the default web browser. Fails with a translated message that says what
 * to do (e.g. "Ferry could not open your web browser: …"). @uri may carry secrets of the
 * flow (an OAuth state): implementations never log it. */
void     ferry_uri_opener_open_async  (FerryUriOpener      *self,
                                       const char          *uri,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
gboolean ferry_uri_opener_open_finish (FerryUriOpener      *self,
                                       GAsyncResult        *result,
                                       GError             **error);

G_END_DECLS
