/* ferry-loopback-refusal.h: answering and closing a connection taken from SoupServer.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * FerryLoopbackServer takes a connection from libsoup (soup_server_message_steal_connection)
 * when a request's body is over the cap, since libsoup would read all of it first. This
 * writes a ready-made answer, ends the sending side, reads and drops what the client
 * still sends for at most a second (and at most 1 MiB, in one 8 KiB buffer), then
 * closes the connection.
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* @socket (nullable): @stream's socket, to end the sending side after the answer.
 * Returns a cancellable (transfer full) that closes the connection at once when
 * cancelled; it is also cancelled once the connection is closed. */
GCancellable *ferry_loopback_refusal_start (GIOStream *stream,
                                            GSocket   *socket,
                                            GBytes    *answer);

G_END_DECLS
