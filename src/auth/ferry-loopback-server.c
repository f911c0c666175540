/* ferry-loopback-server.c
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ferry-loopback"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ferry-loopback-refusal.h"
#include "ferry-loopback-server.h"

/* How long the final answer may take to reach the browser before the server is shut
 * down anyway. */
#define FINAL_ANSWER_GRACE_MS 3000

struct _FerryLoopbackServer
{
  GObject               parent_instance;

  char                 *path;
  GStrv                 methods;
  FerryLoopbackHandler  handler;
  gpointer              handler_data;
  GDestroyNotify        handler_data_destroy;

  guint                 timeout;
  gsize                 max_body;

  SoupServer           *server;
  guint                 port;

  GTask                *task;
  GSource              *timeout_source;
  GSource              *cancel_source;
  GSource              *shutdown_source;

  /* Messages the handler paused (SoupServerMessage → itself). */
  GHashTable           *paused;
  /* The cancellables of the connections taken over to refuse an oversize body. */
  GPtrArray            *refusals;
  /* The message that carries the final answer, until it is written. */
  SoupServerMessage    *final_message;
  gulong                final_finished_id;

  /* The outcome, when the flow ended before wait_async () was called. */
  gboolean              done;
  gpointer              result;
  GDestroyNotify        result_destroy;
  GError               *error;
};

G_DEFINE_QUARK (ferry-loopback-error-quark, ferry_loopback_error)

G_DEFINE_FINAL_TYPE (FerryLoopbackServer, ferry_loopback_server, G_TYPE_OBJECT)

static void
clear_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

static void
drop_paused (FerryLoopbackServer *self)
{
  GHashTableIter iter;
  gpointer key;

  /* Their connections are closed; answering them later does nothing. */
  g_hash_table_iter_init (&iter, self->paused);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_hash_table_iter_remove (&iter);
      g_object_unref (key);
    }
}

static void
drop_refusals (FerryLoopbackServer *self)
{
  /* Each one closes its connection when its cancellable fires. */
  for (guint i = 0; i < self->refusals->len; i++)
    g_cancellable_cancel (g_ptr_array_index (self->refusals, i));
  g_ptr_array_set_size (self->refusals, 0);
}

static void
shutdown_server (FerryLoopbackServer *self)
{
  clear_source (&self->shutdown_source);
  drop_paused (self);
  drop_refusals (self);

  if (self->final_message != NULL)
    {
      g_clear_signal_handler (&self->final_finished_id, self->final_message);
      g_clear_object (&self->final_message);
    }

  if (self->server != NULL)
    {
      g_debug ("Stopped listening on port %u", self->port);
      /* Closes the listening socket (the port is free again) and every connection. */
      soup_server_disconnect (self->server);
      g_clear_object (&self->server);
    }

  self->port = 0;
}

static gboolean
shutdown_cb (gpointer user_data)
{
  FerryLoopbackServer *self = user_data;

  g_clear_pointer (&self->shutdown_source, g_source_unref);
  shutdown_server (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_shutdown (FerryLoopbackServer *self,
                   guint                delay_ms)
{
  clear_source (&self->shutdown_source);
  /* A timeout even for 0: an idle source could starve while connections keep coming. */
  self->shutdown_source = g_timeout_source_new (delay_ms);
  g_source_set_callback (self->shutdown_source, shutdown_cb, self, NULL);
  g_source_set_static_name (self->shutdown_source, "[ferry] loopback shutdown");
  g_source_attach (self->shutdown_source, g_main_context_get_thread_default ());
}

static void
final_message_finished_cb (SoupServerMessage   *message,
                           FerryLoopbackServer *self)
{
  /* Not from inside libsoup's own emission: the connection is still in use there. */
  schedule_shutdown (self, 0);
}

static void
clear_outcome (FerryLoopbackServer *self)
{
  if (self->result != NULL && self->result_destroy != NULL)
    self->result_destroy (self->result);
  self->result = NULL;
  self->result_destroy = NULL;
  g_clear_error (&self->error);
}

static void
deliver (FerryLoopbackServer *self)
{
  g_autoptr(GTask) task = NULL;

  if (!self->done || self->task == NULL)
    return;

  task = g_steal_pointer (&self->task);

  if (self->error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&self->error));
    }
  else
    {
      g_task_return_pointer (task, g_steal_pointer (&self->result), self->result_destroy);
      self->result_destroy = NULL;
    }
}

/* Ends the flow. @final_message, if any, still has to reach the browser. */
static void
end_flow (FerryLoopbackServer *self,
          SoupServerMessage   *final_message,
          gpointer             result,
          GDestroyNotify       result_destroy,
          GError              *error)
{
  g_autoptr(FerryLoopbackServer) hold G_GNUC_UNUSED = g_object_ref (self);

  g_assert (!self->done);

  self->done = TRUE;
  self->result = result;
  self->result_destroy = result_destroy;
  self->error = error;

  clear_source (&self->timeout_source);
  clear_source (&self->cancel_source);

  if (final_message != NULL && self->server != NULL)
    {
      self->final_message = g_object_ref (final_message);
      self->final_finished_id = g_signal_connect_object (final_message, "finished",
                                                         G_CALLBACK (final_message_finished_cb),
                                                         self, 0);
      schedule_shutdown (self, FINAL_ANSWER_GRACE_MS);
    }
  else
    {
      shutdown_server (self);
    }

  deliver (self);
}

char *
ferry_loopback_server_render_page (const char *title,
                                   const char *text)
{
  g_autofree char *title_escaped = g_markup_escape_text (title, -1);
  g_autofree char *text_escaped = g_markup_escape_text (text != NULL ? text : "", -1);

  return g_strdup_printf ("<!DOCTYPE html>\n"
                          "<html>\n"
                          "<head>\n"
                          "<meta charset=\"utf-8\">\n"
                          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                          "<title>%s</title>\n"
                          "<style>\n"
                          "body { font-family: system-ui, sans-serif; margin: 0; display: flex;"
                          " min-height: 100vh; align-items: center; justify-content: center;"
                          " background: #fafafb; color: #222226; }\n"
                          "main { max-width: 32em; padding: 2em; text-align: center; }\n"
                          "h1 { font-size: 1.5em; }\n"
                          "@media (prefers-color-scheme: dark) {"
                          " body { background: #222226; color: #fafafb; } }\n"
                          "</style>\n"
                          "</head>\n"
                          "<body>\n"
                          "<main>\n"
                          "<h1 id=\"ferry-title\">%s</h1>\n"
                          "<p id=\"ferry-text\">%s</p>\n"
                          "</main>\n"
                          "</body>\n"
                          "</html>\n",
                          title_escaped, title_escaped, text_escaped);
}

static void
write_page (SoupServerMessage *message,
            guint              status,
            const char        *title,
            const char        *text)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);
  char *page = ferry_loopback_server_render_page (title, text);

  soup_server_message_set_status (message, status, NULL);
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  soup_message_headers_replace (headers, "Referrer-Policy", "no-referrer");
  soup_message_headers_replace (headers, "X-Content-Type-Options", "nosniff");
  soup_message_headers_replace (headers, "Content-Security-Policy",
                                "default-src 'none'; style-src 'unsafe-inline'");
  /* Set on every message when it starts (request_started_cb); again here, as the
   * handler may have replaced the headers. */
  soup_message_headers_replace (headers, "Connection", "close");
  if (status == SOUP_STATUS_NO_CONTENT)
    {
      g_free (page);
      return;
    }
  soup_server_message_set_response (message, "text/html; charset=utf-8",
                                    SOUP_MEMORY_TAKE, page, strlen (page));
}

static void
answer (FerryLoopbackServer *self,
        SoupServerMessage   *message,
        guint                status,
        const char          *title,
        const char          *text)
{
  write_page (message, status, title, text);

  if (g_hash_table_remove (self->paused, message))
    {
      soup_server_message_unpause (message);
      g_object_unref (message);
    }
}

static gboolean
host_is_loopback (FerryLoopbackServer *self,
                  SoupServerMessage   *message)
{
  const char *host = soup_message_headers_get_one (soup_server_message_get_request_headers (message), "Host");
  g_autofree char *expected = g_strdup_printf ("127.0.0.1:%u", self->port);

  /* Guards against DNS rebinding: a page of another site that resolves its own name to
   * 127.0.0.1 still sends its own Host. */
  return host != NULL && g_ascii_strcasecmp (host, expected) == 0;
}

static const char *
reject_text (guint status)
{
  const char *text;

  switch (status)
    {
    case SOUP_STATUS_NOT_FOUND:
      text = _("There is nothing at this address.");
      break;
    case SOUP_STATUS_METHOD_NOT_ALLOWED:
      text = _("This kind of request is not accepted here.");
      break;
    case SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE:
      text = _("The request is too large.");
      break;
    case SOUP_STATUS_SERVICE_UNAVAILABLE:
      text = _("Ferry is no longer waiting for an answer. Start again from Ferry.");
      break;
    default:
      text = _("The request was not understood.");
      break;
    }

  return text;
}

/* Translators: the title of a page the web browser shows when Ferry's local sign-in
 * helper refuses a request. */
#define REJECT_TITLE N_("Request Refused")

static void
reject (SoupServerMessage *message,
        guint              status)
{
  write_page (message, status, _(REJECT_TITLE), reject_text (status));
}

/* ---- Oversize bodies ----
 *
 * libsoup 3.2 reads a request's whole body before it writes any answer, and keeps it
 * all in memory; SoupServer has no cap. So a request whose body is over the cap is taken
 * from libsoup (soup_server_message_steal_connection) the moment that is known: at the
 * headers for a Content-Length, at the chunk that crosses the cap otherwise. Ferry then
 * writes the 413 itself and closes the connection. */

static GBytes *
render_refusal (void)
{
  g_autofree char *page = ferry_loopback_server_render_page (_(REJECT_TITLE),
                                                             reject_text (SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE));
  char *answer;

  /* The headers write_page () sets, by hand: libsoup no longer has this connection. */
  answer = g_strdup_printf ("HTTP/1.1 413 %s\r\n"
                            "Content-Type: text/html; charset=utf-8\r\n"
                            "Content-Length: %zu\r\n"
                            "Cache-Control: no-store\r\n"
                            "Referrer-Policy: no-referrer\r\n"
                            "X-Content-Type-Options: nosniff\r\n"
                            "Content-Security-Policy: default-src 'none'; style-src 'unsafe-inline'\r\n"
                            "Connection: close\r\n"
                            "\r\n"
                            "%s",
                            soup_status_get_phrase (SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE),
                            strlen (page), page);

  return g_bytes_new_take (answer, strlen (answer));
}

static void
prune_refusals (FerryLoopbackServer *self)
{
  for (guint i = self->refusals->len; i > 0; i--)
    {
      if (g_cancellable_is_cancelled (g_ptr_array_index (self->refusals, i - 1)))
        g_ptr_array_remove_index_fast (self->refusals, i - 1);
    }
}

/* Takes @message's connection from libsoup, answers 413 and closes it. Reads nothing
 * more into memory. */
static void
refuse_oversize (FerryLoopbackServer *self,
                 SoupServerMessage   *message)
{
  g_autoptr(SoupServerMessage) hold G_GNUC_UNUSED = g_object_ref (message);
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GIOStream) stream = NULL;
  g_autoptr(GBytes) answer = NULL;

  g_debug ("Refused a request body over %zu bytes", self->max_body);

  socket = soup_server_message_get_socket (message);
  if (socket != NULL)
    g_object_ref (socket);
  stream = soup_server_message_steal_connection (message);
  if (stream == NULL)
    return;

  answer = render_refusal ();
  prune_refusals (self);
  g_ptr_array_add (self->refusals, ferry_loopback_refusal_start (stream, socket, answer));
}

static void
got_chunk_cb (SoupServerMessage   *message,
              GBytes              *chunk,
              FerryLoopbackServer *self)
{
  SoupMessageBody *body = soup_server_message_get_request_body (message);

  /* The body holds at most the cap plus this chunk (libsoup reads 8 KiB at a time). */
  if (body != NULL && body->length > (goffset) self->max_body)
    {
      g_signal_handlers_disconnect_by_func (message, got_chunk_cb, self);
      refuse_oversize (self, message);
    }
}

static void
early_handler_cb (SoupServer        *server,
                  SoupServerMessage *message,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  FerryLoopbackServer *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);

  switch (soup_message_headers_get_encoding (headers))
    {
    case SOUP_ENCODING_NONE:
      break;
    case SOUP_ENCODING_CONTENT_LENGTH:
      /* Known now: refuse before reading any of it. */
      if (soup_message_headers_get_content_length (headers) > (goffset) self->max_body)
        refuse_oversize (self, message);
      break;
    case SOUP_ENCODING_UNRECOGNIZED:
    case SOUP_ENCODING_EOF:
    case SOUP_ENCODING_CHUNKED:
    case SOUP_ENCODING_BYTERANGES:
    default:
      /* Only known while reading: count. */
      g_signal_connect_object (message, "got-chunk", G_CALLBACK (got_chunk_cb), self, 0);
      break;
    }
}

static void
request_started_cb (SoupServer        *server,
                    SoupServerMessage *message,
                    gpointer           user_data)
{
  /* One request per connection. A kept-alive connection outlives its client in libsoup
   * 3.2 (a hang-up before the next request's first byte is never noticed), so each would
   * keep a file descriptor until the server stops. Set first, so that it holds for the
   * answers libsoup makes up itself as well (400, 500). */
  soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                "Connection", "close");
}

static void
handler_cb (SoupServer        *server,
            SoupServerMessage *message,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  FerryLoopbackServer *self = user_data;
  g_autoptr(FerryLoopbackServer) hold G_GNUC_UNUSED = g_object_ref (self);
  const char *method = soup_server_message_get_method (message);
  SoupMessageBody *body = soup_server_message_get_request_body (message);

  if (self->done)
    {
      reject (message, SOUP_STATUS_SERVICE_UNAVAILABLE);
      return;
    }

  if (!host_is_loopback (self, message))
    {
      reject (message, SOUP_STATUS_BAD_REQUEST);
      return;
    }

  if (g_strcmp0 (path, self->path) != 0)
    {
      g_debug ("Refused a request for another path");
      reject (message, SOUP_STATUS_NOT_FOUND);
      return;
    }

  if (!g_strv_contains ((const char * const *) self->methods, method))
    {
      g_autofree char *allow = g_strjoinv (", ", self->methods);

      g_debug ("Refused a %s request", method);
      soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                    "Allow", allow);
      reject (message, SOUP_STATUS_METHOD_NOT_ALLOWED);
      return;
    }

  /* The early handler refused larger bodies; this cannot happen, but costs nothing. */
  if (body != NULL && body->length > (goffset) self->max_body)
    {
      reject (message, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE);
      return;
    }

  self->handler (self, message, self->handler_data);
}

static gboolean
timeout_cb (gpointer user_data)
{
  FerryLoopbackServer *self = user_data;

  g_clear_pointer (&self->timeout_source, g_source_unref);
  g_debug ("Timed out after %u s", self->timeout);
  end_flow (self, NULL, NULL, NULL,
            g_error_new_literal (FERRY_LOOPBACK_ERROR, FERRY_LOOPBACK_ERROR_TIMED_OUT,
                                 _("The web browser did not come back to Ferry in time. Try again.")));

  return G_SOURCE_REMOVE;
}

static gboolean
cancelled_cb (GCancellable *cancellable,
              gpointer      user_data)
{
  FerryLoopbackServer *self = user_data;

  g_clear_pointer (&self->cancel_source, g_source_unref);
  end_flow (self, NULL, NULL, NULL,
            g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                 _("The operation was cancelled.")));

  return G_SOURCE_REMOVE;
}

/* The final answer may still be on its way when the owner drops the server right after
 * the flow ended: keep the SoupServer until that answer is written (or the grace time
 * passed), then shut it down. */
typedef struct
{
  SoupServer        *server;
  SoupServerMessage *message;
  gulong             finished_id;
  GSource           *source;
} Lingering;

static void
lingering_free (Lingering *lingering)
{
  g_clear_signal_handler (&lingering->finished_id, lingering->message);
  clear_source (&lingering->source);
  soup_server_disconnect (lingering->server);
  g_object_unref (lingering->server);
  g_object_unref (lingering->message);
  g_free (lingering);
}

static gboolean
lingering_done_cb (gpointer user_data)
{
  Lingering *lingering = user_data;

  g_clear_pointer (&lingering->source, g_source_unref);
  lingering_free (lingering);

  return G_SOURCE_REMOVE;
}

static void
lingering_finished_cb (SoupServerMessage *message,
                       Lingering         *lingering)
{
  g_clear_signal_handler (&lingering->finished_id, lingering->message);
  /* Not from inside libsoup's own emission: shut down on the next iteration. */
  clear_source (&lingering->source);
  lingering->source = g_timeout_source_new (0);
  g_source_set_callback (lingering->source, lingering_done_cb, lingering, NULL);
  g_source_set_static_name (lingering->source, "[ferry] loopback final answer");
  g_source_attach (lingering->source, g_main_context_get_thread_default ());
}

static void
linger (FerryLoopbackServer *self)
{
  Lingering *lingering = g_new0 (Lingering, 1);

  clear_source (&self->shutdown_source);
  drop_paused (self);
  drop_refusals (self);
  g_clear_signal_handler (&self->final_finished_id, self->final_message);
  lingering->server = g_steal_pointer (&self->server);
  lingering->message = g_steal_pointer (&self->final_message);
  lingering->finished_id = g_signal_connect (lingering->message, "finished",
                                             G_CALLBACK (lingering_finished_cb), lingering);
  lingering->source = g_timeout_source_new (FINAL_ANSWER_GRACE_MS);
  g_source_set_callback (lingering->source, lingering_done_cb, lingering, NULL);
  g_source_set_static_name (lingering->source, "[ferry] loopback final answer");
  g_source_attach (lingering->source, g_main_context_get_thread_default ());
  self->port = 0;
}

static void
ferry_loopback_server_dispose (GObject *object)
{
  FerryLoopbackServer *self = (FerryLoopbackServer *)object;

  clear_source (&self->timeout_source);
  clear_source (&self->cancel_source);
  if (self->server != NULL && self->final_message != NULL)
    linger (self);
  else
    shutdown_server (self);

  G_OBJECT_CLASS (ferry_loopback_server_parent_class)->dispose (object);
}

static void
ferry_loopback_server_finalize (GObject *object)
{
  FerryLoopbackServer *self = (FerryLoopbackServer *)object;

  g_assert (self->task == NULL);

  clear_outcome (self);
  g_clear_pointer (&self->paused, g_hash_table_unref);
  g_clear_pointer (&self->refusals, g_ptr_array_unref);
  if (self->handler_data_destroy != NULL)
    self->handler_data_destroy (self->handler_data);
  g_free (self->path);
  g_strfreev (self->methods);

  G_OBJECT_CLASS (ferry_loopback_server_parent_class)->finalize (object);
}

static void
ferry_loopback_server_class_init (FerryLoopbackServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ferry_loopback_server_dispose;
  object_class->finalize = ferry_loopback_server_finalize;
}

static void
ferry_loopback_server_init (FerryLoopbackServer *self)
{
  self->timeout = FERRY_LOOPBACK_DEFAULT_TIMEOUT;
  self->max_body = FERRY_LOOPBACK_DEFAULT_MAX_BODY;
  self->paused = g_hash_table_new (NULL, NULL);
  self->refusals = g_ptr_array_new_with_free_func (g_object_unref);
}

FerryLoopbackServer *
ferry_loopback_server_new (const char           *path,
                           const char * const   *methods,
                           FerryLoopbackHandler  handler,
                           gpointer              user_data,
                           GDestroyNotify        user_data_destroy)
{
  FerryLoopbackServer *self;

  g_return_val_if_fail (path != NULL && path[0] == '/', NULL);
  g_return_val_if_fail (methods != NULL && methods[0] != NULL, NULL);
  g_return_val_if_fail (handler != NULL, NULL);

  self = g_object_new (FERRY_TYPE_LOOPBACK_SERVER, NULL);
  self->path = g_strdup (path);
  self->methods = g_strdupv ((char **) methods);
  self->handler = handler;
  self->handler_data = user_data;
  self->handler_data_destroy = user_data_destroy;

  return self;
}

void
ferry_loopback_server_set_timeout (FerryLoopbackServer *self,
                                   guint                seconds)
{
  g_return_if_fail (FERRY_IS_LOOPBACK_SERVER (self));
  g_return_if_fail (seconds > 0);

  self->timeout = seconds;
}

guint
ferry_loopback_server_get_timeout (FerryLoopbackServer *self)
{
  g_return_val_if_fail (FERRY_IS_LOOPBACK_SERVER (self), 0);

  return self->timeout;
}

void
ferry_loopback_server_set_max_body (FerryLoopbackServer *self,
                                    gsize                bytes)
{
  g_return_if_fail (FERRY_IS_LOOPBACK_SERVER (self));

  self->max_body = bytes;
}

gboolean
ferry_loopback_server_listen (FerryLoopbackServer  *self,
                              GError              **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SoupServer) server = NULL;
  GSList *uris;

  g_return_val_if_fail (FERRY_IS_LOOPBACK_SERVER (self), FALSE);
  g_return_val_if_fail (self->server == NULL && !self->done, FALSE);

  /* No Server header: nothing for a web page to fingerprint. */
  server = soup_server_new ("server-header", NULL, NULL);
  g_signal_connect (server, "request-started", G_CALLBACK (request_started_cb), NULL);
  soup_server_add_early_handler (server, NULL, early_handler_cb, self, NULL);
  soup_server_add_handler (server, NULL, handler_cb, self, NULL);

  /* 127.0.0.1 only: the web page posts to that literal address, and nothing else on
   * the network may reach this server. */
  if (!soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &local_error))
    {
      g_set_error (error, FERRY_LOOPBACK_ERROR, FERRY_LOOPBACK_ERROR_LISTEN,
                   /* Translators: %s is a system error message. */
                   _("Ferry could not prepare to receive the answer from your web browser: %s"),
                   local_error->message);
      return FALSE;
    }

  uris = soup_server_get_uris (server);
  if (uris != NULL)
    self->port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  if (self->port == 0)
    {
      soup_server_disconnect (server);
      g_set_error_literal (error, FERRY_LOOPBACK_ERROR, FERRY_LOOPBACK_ERROR_LISTEN,
                           _("Ferry could not prepare to receive the answer from your web browser."));
      return FALSE;
    }

  self->server = g_steal_pointer (&server);

  return TRUE;
}

guint
ferry_loopback_server_get_port (FerryLoopbackServer *self)
{
  g_return_val_if_fail (FERRY_IS_LOOPBACK_SERVER (self), 0);

  return self->port;
}

char *
ferry_loopback_server_get_origin (FerryLoopbackServer *self)
{
  g_return_val_if_fail (FERRY_IS_LOOPBACK_SERVER (self), NULL);
  g_return_val_if_fail (self->port != 0, NULL);

  return g_strdup_printf ("http://127.0.0.1:%u", self->port);
}

char *
ferry_loopback_server_get_uri (FerryLoopbackServer *self)
{
  g_return_val_if_fail (FERRY_IS_LOOPBACK_SERVER (self), NULL);
  g_return_val_if_fail (self->port != 0, NULL);

  return g_strdup_printf ("http://127.0.0.1:%u%s", self->port, self->path);
}

void
ferry_loopback_server_pause (FerryLoopbackServer *self,
                             SoupServerMessage   *message)
{
  g_return_if_fail (FERRY_IS_LOOPBACK_SERVER (self));
  g_return_if_fail (SOUP_IS_SERVER_MESSAGE (message));

  if (self->server == NULL || g_hash_table_contains (self->paused, message))
    return;

  g_hash_table_add (self->paused, g_object_ref (message));
  soup_server_message_pause (message);
}

gboolean
ferry_loopback_server_is_waiting (FerryLoopbackServer *self)
{
  g_return_val_if_fail (FERRY_IS_LOOPBACK_SERVER (self), FALSE);

  return self->server != NULL && !self->done;
}

void
ferry_loopback_server_wait_async (FerryLoopbackServer *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (FERRY_IS_LOOPBACK_SERVER (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (self->task == NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ferry_loopback_server_wait_async);
  /* The cancellable is handled below: it has to free the port too. */
  g_task_set_check_cancellable (task, FALSE);

  if (self->server == NULL && !self->done)
    {
      g_task_return_new_error (task, FERRY_LOOPBACK_ERROR, FERRY_LOOPBACK_ERROR_LISTEN,
                               _("Ferry could not prepare to receive the answer from your web browser."));
      return;
    }

  self->task = g_steal_pointer (&task);

  if (self->done)
    {
      deliver (self);
      return;
    }

  self->timeout_source = g_timeout_source_new_seconds (self->timeout);
  g_source_set_callback (self->timeout_source, timeout_cb, self, NULL);
  g_source_set_static_name (self->timeout_source, "[ferry] loopback timeout");
  g_source_attach (self->timeout_source, g_main_context_get_thread_default ());

  if (cancellable != NULL)
    {
      /* A source, so the flow ends on this main context even if another thread
       * cancels. */
      self->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (self->cancel_source, (GSourceFunc) (void (*) (void)) cancelled_cb, self, NULL);
      g_source_set_static_name (self->cancel_source, "[ferry] loopback cancel");
      g_source_attach (self->cancel_source, g_main_context_get_thread_default ());
    }
}

gpointer
ferry_loopback_server_wait_finish (FerryLoopbackServer  *self,
                                   GAsyncResult         *result,
                                   GError              **error)
{
  g_return_val_if_fail (FERRY_IS_LOOPBACK_SERVER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ferry_loopback_server_wait_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
ferry_loopback_server_respond (FerryLoopbackServer *self,
                               SoupServerMessage   *message,
                               guint                status,
                               const char          *title,
                               const char          *text)
{
  g_return_if_fail (FERRY_IS_LOOPBACK_SERVER (self));
  g_return_if_fail (SOUP_IS_SERVER_MESSAGE (message));
  g_return_if_fail (title != NULL);

  answer (self, message, status, title, text);
}

void
ferry_loopback_server_complete (FerryLoopbackServer *self,
                                SoupServerMessage   *message,
                                guint                status,
                                const char          *title,
                                const char          *text,
                                gpointer             result,
                                GDestroyNotify       destroy)
{
  g_return_if_fail (FERRY_IS_LOOPBACK_SERVER (self));
  g_return_if_fail (SOUP_IS_SERVER_MESSAGE (message));
  g_return_if_fail (title != NULL);

  answer (self, message, status, title, text);

  if (self->done)
    {
      /* Cancelled or timed out while the handler was busy. */
      if (result != NULL && destroy != NULL)
        destroy (result);
      return;
    }

  end_flow (self, message, result, destroy, NULL);
}

void
ferry_loopback_server_fail (FerryLoopbackServer *self,
                            SoupServerMessage   *message,
                            guint                status,
                            const char          *title,
                            const char          *text,
                            GError              *error)
{
  g_return_if_fail (FERRY_IS_LOOPBACK_SERVER (self));
  g_return_if_fail (SOUP_IS_SERVER_MESSAGE (message));
  g_return_if_fail (title != NULL);
  g_return_if_fail (error != NULL);

  answer (self, message, status, title, text);

  if (self->done)
    {
      g_error_free (error);
      return;
    }

  end_flow (self, message, NULL, NULL, error);
}
