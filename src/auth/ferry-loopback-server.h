/* ferry-loopback-server.h: a one-shot HTTP server on 127.0.0.1 for browser flows.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Listens on 127.0.0.1 only, on an ephemeral port, and serves exactly one path with the
 * methods it is told to accept: any other path gets 404, any other method 405, a body over
 * the cap (64 KiB by default) 413, and the flow keeps waiting. A body over the cap is
 * not read: a Content-Length over it is refused at the headers, a chunked body at the
 * chunk that crosses it (see ferry-loopback-refusal.h). Every answer says
 * "Connection: close" and closes its connection. The owner's handler sees
 * every accepted request and either answers it and keeps waiting
 * (ferry_loopback_server_respond), or ends the flow with a result or an error
 * (ferry_loopback_server_complete / _fail). It may pause the message first
 * (ferry_loopback_server_pause) to check something asynchronously; the answer functions
 * unpause it. After the flow ends the server answers the final request, stops listening
 * and drops every connection. A timeout (10 minutes by default) and the cancellable end
 * the flow too, and free the port at once.
 *
 * The browser always gets a small translated HTML page. Nothing here logs a request's
 * query, headers or body: they carry codes and tokens.
 */

#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

#define FERRY_LOOPBACK_ERROR (ferry_loopback_error_quark ())

typedef enum
{
  FERRY_LOOPBACK_ERROR_LISTEN,     /* could not listen on 127.0.0.1 */
  FERRY_LOOPBACK_ERROR_TIMED_OUT,  /* the browser did not come back in time */
} FerryLoopbackError;

GQuark ferry_loopback_error_quark (void);

#define FERRY_LOOPBACK_DEFAULT_TIMEOUT (10 * 60)  /* seconds */
#define FERRY_LOOPBACK_DEFAULT_MAX_BODY (64 * 1024)

#define FERRY_TYPE_LOOPBACK_SERVER (ferry_loopback_server_get_type ())

G_DECLARE_FINAL_TYPE (FerryLoopbackServer, ferry_loopback_server, FERRY, LOOPBACK_SERVER, GObject)

/* Called on the main context for each request with the expected path and an allowed
 * method, body already read and within the cap. The handler must call exactly one of
 * _respond, _complete or _fail for @message, now or (after ferry_loopback_server_pause)
 * later. */
typedef void (*FerryLoopbackHandler) (FerryLoopbackServer *server,
                                      SoupServerMessage   *message,
                                      gpointer             user_data);

/* @path: e.g. "/" or "/oauth/callback"; @methods: e.g. { "GET", NULL }. */
FerryLoopbackServer *ferry_loopback_server_new          (const char           *path,
                                                         const char * const   *methods,
                                                         FerryLoopbackHandler  handler,
                                                         gpointer              user_data,
                                                         GDestroyNotify        user_data_destroy);
/* Seconds until the wait ends with FERRY_LOOPBACK_ERROR_TIMED_OUT (default 10 minutes).
 * Set before ferry_loopback_server_wait_async (). */
void                 ferry_loopback_server_set_timeout  (FerryLoopbackServer  *self,
                                                         guint                 seconds);
guint                ferry_loopback_server_get_timeout  (FerryLoopbackServer  *self);
/* Request body cap in bytes (default 64 KiB). */
void                 ferry_loopback_server_set_max_body (FerryLoopbackServer  *self,
                                                         gsize                 bytes);

/* Starts listening on 127.0.0.1:0. The port is known when this returns TRUE. */
gboolean             ferry_loopback_server_listen       (FerryLoopbackServer  *self,
                                                         GError              **error);
/* 0 before listen and after the flow ended. */
guint                ferry_loopback_server_get_port     (FerryLoopbackServer  *self);
/* "http://127.0.0.1:PORT" + the served path. */
char                *ferry_loopback_server_get_uri      (FerryLoopbackServer  *self);
/* "http://127.0.0.1:PORT", for a browser's Origin. */
char                *ferry_loopback_server_get_origin   (FerryLoopbackServer  *self);

/* Waits until the handler completes or fails the flow, the timeout passes or
 * @cancellable is cancelled (G_IO_ERROR_CANCELLED). Call after listen, once. */
void                 ferry_loopback_server_wait_async   (FerryLoopbackServer  *self,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
/* Returns what was passed to ferry_loopback_server_complete () (transfer full). */
gpointer             ferry_loopback_server_wait_finish  (FerryLoopbackServer  *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

/* Answers @message with @status and an HTML page (@title, @text; translated strings) and
 * keeps waiting. Headers the handler already set (e.g. CORS) are kept. */
void                 ferry_loopback_server_respond      (FerryLoopbackServer  *self,
                                                         SoupServerMessage    *message,
                                                         guint                 status,
                                                         const char           *title,
                                                         const char           *text);
/* Answers @message like _respond, then ends the flow with @result (freed with @destroy
 * if nobody takes it). */
void                 ferry_loopback_server_complete     (FerryLoopbackServer  *self,
                                                         SoupServerMessage    *message,
                                                         guint                 status,
                                                         const char           *title,
                                                         const char           *text,
                                                         gpointer              result,
                                                         GDestroyNotify        destroy);
/* Answers @message like _respond, then ends the flow with @error (taken). */
void                 ferry_loopback_server_fail         (FerryLoopbackServer  *self,
                                                         SoupServerMessage    *message,
                                                         guint                 status,
                                                         const char           *title,
                                                         const char           *text,
                                                         GError               *error);
/* Pauses @message so the handler can answer it later (after an asynchronous check).
 * The handler keeps its own reference to @message until it answers. */
void                 ferry_loopback_server_pause        (FerryLoopbackServer  *self,
                                                         SoupServerMessage    *message);
/* Whether the flow is still waiting for the browser. */
gboolean             ferry_loopback_server_is_waiting   (FerryLoopbackServer  *self);

/* The page the browser gets (exposed for tests). */
char                *ferry_loopback_server_render_page  (const char           *title,
                                                         const char           *text);

G_END_DECLS
