/* ferry-uri-opener-relay.h: an opener that remembers what it opened, to open it again.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The browser flows open one page and then wait; when no browser shows up (a headless
 * session, a browser on another desktop, a blocked portal) people need the link itself.
 * The relay passes every open on to the real opener and keeps the last URI, so the UI can
 * offer "Copy Link" and "Open Again" while the flow waits. The pages the flows open carry
 * no token or secret: the sign-in page its loopback port, Microsoft's authorize page the
 * client id, redirect and OAuth state (a one-time value the loopback server checks), the
 * hand-off page the connection's name and Azure DevOps organization. Like every opener it
 * never logs the URI.
 */

#pragma once

#include "ferry-uri-opener.h"

G_BEGIN_DECLS

#define FERRY_TYPE_URI_OPENER_RELAY (ferry_uri_opener_relay_get_type ())

G_DECLARE_FINAL_TYPE (FerryUriOpenerRelay, ferry_uri_opener_relay, FERRY, URI_OPENER_RELAY, GObject)

FerryUriOpenerRelay *ferry_uri_opener_relay_new          (FerryUriOpener      *opener);
/* The last URI passed to open_async, or NULL. Property "uri" (notified). */
const char          *ferry_uri_opener_relay_get_uri      (FerryUriOpenerRelay *self);
/* Opens the last URI again with the real opener (FALSE without one: nothing opened yet). */
gboolean             ferry_uri_opener_relay_open_again   (FerryUriOpenerRelay *self,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);

G_END_DECLS
