/* ferry-api-transport.c: FerryApiClient on the wire.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One request: ask the token provider → send_attempt → read the body with a cap → map
 * the answer → retry, refresh or return. Everything above builds a URI and a body and
 * calls ferry_api_client_send () (ferry-api-request.c).
 */

#define G_LOG_DOMAIN "ferry-api"

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-api-client-private.h"
#include "ferry-api-error-private.h"

#define MAX_DELAY_MS               10000
#define READ_CHUNK                 (64 * 1024)

/* ---- HTTP debug logging (FERRY_DEBUG_HTTP only; never bodies, never credentials) ---- */

static void
logger_printer (SoupLogger         *logger,
                SoupLoggerLogLevel  level,
                char                direction,
                const char         *data,
                gpointer            user_data)
{
  static const char *redacted[] = { "authorization:", "proxy-authorization:", "cookie:", "set-cookie:" };

  for (guint i = 0; i < G_N_ELEMENTS (redacted); i++)
    if (g_ascii_strncasecmp (data, redacted[i], strlen (redacted[i])) == 0)
      {
        g_printerr ("%c %.*s [redacted]\n", direction, (int) strlen (redacted[i]), data);
        return;
      }

  g_printerr ("%c %s\n", direction, data);
}

static void
maybe_add_logger (SoupSession *session)
{
  static GQuark quark;
  g_autoptr(SoupLogger) logger = NULL;

  if (g_getenv ("FERRY_DEBUG_HTTP") == NULL)
    return;

  if (quark == 0)
    quark = g_quark_from_static_string ("ferry-http-logger");
  if (g_object_get_qdata (G_OBJECT (session), quark) != NULL)
    return;

  /* Headers only: bodies carry credentials (login, connection create). */
  logger = soup_logger_new (SOUP_LOGGER_LOG_HEADERS);
  soup_logger_set_printer (logger, logger_printer, NULL, NULL);
  soup_session_add_feature (session, SOUP_SESSION_FEATURE (logger));
  g_object_set_qdata (G_OBJECT (session), quark, GINT_TO_POINTER (1));
}

void
ferry_api_client_init_session (FerryApiClient *self)
{
  g_assert (FERRY_IS_API_CLIENT (self));

  /* libsoup's default is 2 connections per host: a start sends the project list, the
   * last project's syncs and its two connection lists at once, and a busy list polls up
   * to 8 syncs (src/core/ferry-project-model-private.h). */
  if (self->session == NULL)
    self->session = soup_session_new_with_options ("max-conns-per-host", 8,
                                                   "max-conns", 16,
                                                   NULL);
  maybe_add_logger (self->session);
}

/* ---- One request ---- */

typedef struct
{
  FerryApiClient *client;
  char           *method;
  char           *path;        /* for log lines: no query, never a token */
  GUri           *uri;
  GBytes         *body;
  gboolean        authenticated;
  char           *token;       /* wiped when freed */
  guint           attempt;
  gint64          started_us;
  gboolean        refreshed;
  /* Turns a successful answer's body into the result, instead of a JSON tree. */
  FerryApiBodyParser parse_body;
  gpointer        parse_body_data;
  GDestroyNotify  result_free;

  /* The current attempt. */
  SoupMessage    *msg;
  GInputStream   *stream;
  GByteArray     *buffer;
  GCancellable   *attempt_cancellable;
  gulong          cancel_handler;
  GSource        *deadline;
  gboolean        timed_out;

  /* Waiting before a retry. */
  GSource        *wait_source;
  GSource        *wait_cancel_source;
} Request;

static void
request_end_attempt (GTask   *task,
                     Request *req)
{
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (req->cancel_handler != 0)
    {
      g_cancellable_disconnect (cancellable, req->cancel_handler);
      req->cancel_handler = 0;
    }
  if (req->deadline != NULL)
    {
      g_source_destroy (req->deadline);
      g_clear_pointer (&req->deadline, g_source_unref);
    }
  g_clear_object (&req->attempt_cancellable);
  g_clear_object (&req->stream);
  g_clear_object (&req->msg);
  if (req->buffer != NULL)
    {
      /* Answers may carry tokens (login, renew): do not leave them in freed memory. */
      memset (req->buffer->data, 0, req->buffer->len);
      g_clear_pointer (&req->buffer, g_byte_array_unref);
    }
}

static void
request_free (gpointer data)
{
  Request *req = data;

  g_assert (req->msg == NULL);
  g_assert (req->wait_source == NULL);

  g_clear_object (&req->client);
  g_free (req->method);
  g_free (req->path);
  g_clear_pointer (&req->uri, g_uri_unref);
  g_clear_pointer (&req->body, g_bytes_unref);
  ferry_api_wipe_string (req->token);
  g_free (req->token);
  g_free (req);
}

static gboolean
method_is_get (Request *req)
{
  return g_str_equal (req->method, "GET");
}

static void send_attempt (GTask *task);

typedef enum
{
  HOST_INTERNET,
  HOST_THIS_COMPUTER,  /* localhost, 127.0.0.0/8, ::1 */
  HOST_LOCAL_NETWORK,  /* private, link-local and .local addresses */
} HostKind;

/* Where the server is, for what to check when it cannot be reached: "your internet
 * connection" means nothing for a server on this computer or the local network. */
static HostKind
host_kind (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return HOST_INTERNET;
  if (g_ascii_strcasecmp (host, "localhost") == 0 || g_str_has_suffix (host, ".localhost"))
    return HOST_THIS_COMPUTER;
  if (g_str_has_suffix (host, ".local") || g_str_has_suffix (host, ".lan") || g_str_has_suffix (host, ".home.arpa"))
    return HOST_LOCAL_NETWORK;

  address = g_inet_address_new_from_string (host);
  if (address == NULL)
    return HOST_INTERNET;
  if (g_inet_address_get_is_loopback (address))
    return HOST_THIS_COMPUTER;
  if (g_inet_address_get_is_site_local (address) || g_inet_address_get_is_link_local (address))
    return HOST_LOCAL_NETWORK;

  return HOST_INTERNET;
}

static GError *
unreachable_error (const GError *error,
                   Request      *req)
{
  const char *host = req->uri != NULL ? g_uri_get_host (req->uri) : NULL;
  g_autofree char *where = NULL;
  g_autofree char *sentence = NULL;

  if (req->uri != NULL && g_uri_get_port (req->uri) > 0)
    where = g_strdup_printf ("%s:%d", host, g_uri_get_port (req->uri));
  else
    where = g_strdup (host != NULL ? host : "");

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    /* Translators: %s is a server address (host:port) */
    sentence = g_strdup_printf (_("Nothing answers at %s: the server is not running there, or the address or port is wrong. Check them, then try again."),
                                where);
  else
    switch (host_kind (host))
      {
      case HOST_THIS_COMPUTER:
        /* Translators: %s is a server address (host:port) */
        sentence = g_strdup_printf (_("Could not reach the server at %s on this computer. Check that it is running and that the address is right, then try again."),
                                    where);
        break;
      case HOST_LOCAL_NETWORK:
        /* Translators: %s is a server address (host:port) */
        sentence = g_strdup_printf (_("Could not reach the server at %s on your local network. Check that it is running, that this computer is on that network, and that the address is right, then try again."),
                                    where);
        break;
      case HOST_INTERNET:
      default:
        sentence = g_strdup (_("Could not reach the server. Check your internet connection and the server address, then try again."));
        break;
      }

  return ferry_api_error_new (FERRY_API_ERROR_NETWORK, sentence, 0, error->message, NULL);
}

static GError *
transport_error (const GError *error,
                 Request      *req,
                 gboolean      reading_body,
                 gboolean     *is_reset)
{
  *is_reset = FALSE;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (req->timed_out)
        return ferry_api_error_new (FERRY_API_ERROR_TIMEOUT,
                                    _("The server took too long to answer. Check your connection and try again."),
                                    0, NULL, NULL);
      return g_error_copy (error);
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return ferry_api_error_new (FERRY_API_ERROR_TIMEOUT,
                                _("The server took too long to answer. Check your connection and try again."),
                                0, error->message, NULL);

  if (error->domain == G_TLS_ERROR)
    return ferry_api_error_new (FERRY_API_ERROR_TLS,
                                _("The server’s security certificate could not be verified. Check the server address, or ask its administrator to fix the certificate."),
                                0, error->message, NULL);

  /* A body cut off in transit is a network fault, not an answer the server meant: a GET
   * is retried like after a reset (see short_body_error ()). */
  if (reading_body && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
    {
      *is_reset = TRUE;
      return ferry_api_error_new (FERRY_API_ERROR_NETWORK,
                                  _("The server’s answer was cut off. Try again in a moment."),
                                  0, error->message, NULL);
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED))
    *is_reset = TRUE;

  return unreachable_error (error, req);
}

static guint
retry_delay_ms (Request      *req,
                const GError *error)
{
  FerryApiClient *self = req->client;
  guint64 delay = self->base_delay_ms;
  guint retry_after = ferry_api_error_get_retry_after (error);

  for (guint i = 1; i < req->attempt && delay < MAX_DELAY_MS; i++)
    delay *= 2;
  delay = MIN (delay, MAX_DELAY_MS);
  /* Full jitter on the upper half, so clients that failed together spread out. */
  if (delay > 1)
    delay = delay / 2 + g_random_int_range (0, (gint32) (delay / 2) + 1);

  if (retry_after > 0)
    delay = MAX (delay, (guint64) retry_after * 1000);

  return (guint) MIN (delay, G_MAXUINT);
}

static gboolean
should_retry (Request      *req,
              const GError *error,
              gboolean      is_reset,
              guint        *delay_ms)
{
  FerryApiClient *self = req->client;
  guint status = ferry_api_error_get_http_status (error);
  gint64 elapsed_ms;

  if (!method_is_get (req))
    return FALSE;
  if (!is_reset && status != 429 && status != 502 && status != 503 && status != 504)
    return FALSE;
  if (req->attempt >= self->max_attempts)
    return FALSE;

  *delay_ms = retry_delay_ms (req, error);
  elapsed_ms = (g_get_monotonic_time () - req->started_us) / 1000;
  if (elapsed_ms + *delay_ms > self->max_total_ms)
    return FALSE;

  return TRUE;
}

static gboolean
wait_done_cb (gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *req = g_task_get_task_data (task);

  if (req->wait_cancel_source != NULL)
    {
      g_source_destroy (req->wait_cancel_source);
      g_clear_pointer (&req->wait_cancel_source, g_source_unref);
    }
  g_clear_pointer (&req->wait_source, g_source_unref);

  send_attempt (g_steal_pointer (&task));
  return G_SOURCE_REMOVE;
}

static gboolean
wait_cancelled_cb (GCancellable *cancellable,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *req = g_task_get_task_data (task);

  g_source_destroy (req->wait_source);
  g_clear_pointer (&req->wait_source, g_source_unref);
  g_clear_pointer (&req->wait_cancel_source, g_source_unref);

  g_task_return_error_if_cancelled (task);
  return G_SOURCE_REMOVE;
}

static void
schedule_retry (GTask *task,
                guint  delay_ms)
{
  Request *req = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  GMainContext *context = g_task_get_context (task);

  /* Exactly one of the two sources fires; it owns the task reference and removes the other. */
  req->wait_source = g_timeout_source_new (delay_ms);
  g_source_set_callback (req->wait_source, wait_done_cb, task, NULL);
  g_source_set_name (req->wait_source, "[ferry] retry delay");

  if (cancellable != NULL)
    {
      req->wait_cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (req->wait_cancel_source, G_SOURCE_FUNC (wait_cancelled_cb), task, NULL);
      g_source_attach (req->wait_cancel_source, context);
    }
  g_source_attach (req->wait_source, context);
}

static void
token_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *req = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  char *token;

  token = ferry_token_provider_get_token_finish (FERRY_TOKEN_PROVIDER (object), result, &error);
  if (token == NULL)
    {
      if (error == NULL)
        error = ferry_api_error_new (FERRY_API_ERROR_UNAUTHORIZED,
                                     _("You are not signed in. Sign in to continue."),
                                     0, NULL, NULL);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  ferry_api_wipe_string (req->token);
  g_free (req->token);
  req->token = token;

  send_attempt (g_steal_pointer (&task));
}

/* Called once per attempt with its outcome: exactly one of @value (the answer's JSON root,
 * or what the request's body parser made of it) and @error is set. */
static void
attempt_done (GTask    *task,
              gpointer  value,
              GError   *error,
              gboolean  is_reset)
{
  Request *req = g_task_get_task_data (task);
  FerryApiClient *self = req->client;
  guint status = req->msg ? soup_message_get_status (req->msg) : 0;
  guint delay_ms = 0;

  g_debug ("%s %s -> %u%s (attempt %u, %" G_GINT64_FORMAT " ms)",
           req->method, req->path, status,
           error ? " (failed)" : "", req->attempt,
           (g_get_monotonic_time () - req->started_us) / 1000);

  request_end_attempt (task, req);

  if (value != NULL)
    {
      g_task_return_pointer (task, value,
                             req->parse_body != NULL ? req->result_free : (GDestroyNotify) json_node_unref);
      g_object_unref (task);
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  /* The server refused the token before doing anything: refresh once, retry once. */
  if ((g_error_matches (error, FERRY_API_ERROR, FERRY_API_ERROR_TOKEN_EXPIRED) ||
       g_error_matches (error, FERRY_API_ERROR, FERRY_API_ERROR_UNAUTHORIZED)) &&
      req->authenticated && self->token_provider != NULL && !req->refreshed)
    {
      g_debug ("%s %s: token refused, asking for a fresh one", req->method, req->path);
      req->refreshed = TRUE;
      g_error_free (error);
      ferry_token_provider_get_token_async (self->token_provider, TRUE,
                                            g_task_get_cancellable (task),
                                            token_cb, task);
      return;
    }

  if (should_retry (req, error, is_reset, &delay_ms))
    {
      g_debug ("%s %s: retrying in %u ms", req->method, req->path, delay_ms);
      g_error_free (error);
      schedule_retry (task, delay_ms);
      return;
    }

  g_task_return_error (task, error);
  g_object_unref (task);
}

/* A worker parses the body (one JsonParser per answer, or the request's body parser: lists,
 * ferry-api-list.c): a 10,000-sync list is 13 MB of JSON, a third of a second of the main
 * loop. The request's task (task data) holds the
 * buffer; nothing touches it until attempt_done (), back on the main loop. */
static void
parse_body_run (GTask        *parse_task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Request *req = g_task_get_task_data (G_TASK (task_data));
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) parse_error = NULL;
  JsonNode *root;

  if (req->parse_body != NULL)
    {
      GError *error = NULL;
      gpointer value = req->parse_body ((const char *) req->buffer->data, req->buffer->len,
                                        req->parse_body_data, &error);

      if (value == NULL)
        g_task_return_error (parse_task, error);
      else
        g_task_return_pointer (parse_task, value, req->result_free);
      return;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, (const char *) req->buffer->data, (gssize) req->buffer->len,
                                   &parse_error) ||
      (root = json_parser_get_root (parser)) == NULL)
    {
      g_task_return_error (parse_task,
                           ferry_api_error_new_invalid_response ("not valid JSON: %s",
                                                                 parse_error ? parse_error->message : "empty"));
      return;
    }

  g_task_return_pointer (parse_task, json_node_ref (root), (GDestroyNotify) json_node_unref);
}

static void
parse_body_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;
  gpointer value = g_task_propagate_pointer (G_TASK (result), &error);

  attempt_done (task, value, error, FALSE);
}

static void
process_answer (GTask *task)
{
  Request *req = g_task_get_task_data (task);
  guint status = soup_message_get_status (req->msg);
  const char *data = (const char *) req->buffer->data;
  gsize len = req->buffer->len;

  if (status >= 200 && status < 300)
    {
      g_autoptr(GTask) parse_task = NULL;

      if (len == 0 && req->parse_body == NULL)
        {
          attempt_done (task, json_node_new (JSON_NODE_NULL), NULL, FALSE);
          return;
        }

      /* No cancellable: the request's own task reports a cancellation when it returns. */
      parse_task = g_task_new (NULL, NULL, parse_body_cb, task);
      g_task_set_name (parse_task, "[ferry] parse answer");
      g_task_set_task_data (parse_task, task, NULL);
      g_task_run_in_thread (parse_task, parse_body_run);
      return;
    }

  if (status >= 300 && status < 400)
    {
      /* Redirects are not followed: the API never sends them, and following one could
       * hand the bearer token to another host. */
      const char *location = soup_message_headers_get_one (soup_message_get_response_headers (req->msg),
                                                           "Location");
      g_autofree char *detail = g_strdup_printf ("HTTP %u → %s", status, location ? location : "?");

      attempt_done (task, NULL,
                    ferry_api_error_new (FERRY_API_ERROR_INVALID_RESPONSE,
                                         _("The server sent the request somewhere else. Check the server address; it should be the address of the Infisical site itself."),
                                         status, detail, NULL),
                    FALSE);
      return;
    }

  attempt_done (task, NULL,
                ferry_api_error_new_from_http (status,
                                               soup_message_headers_get_one (soup_message_get_response_headers (req->msg),
                                                                             "Retry-After"),
                                               data, len),
                FALSE);
}

static GError *
oversize_error (FerryApiClient *self)
{
  g_autofree char *limit = g_format_size (self->max_response_size);

  return ferry_api_error_new (FERRY_API_ERROR_INVALID_RESPONSE,
                              _("The server’s answer is too large to process. Try again later, or contact the server’s administrator."),
                              0, limit, NULL);
}

/* libsoup 3.2 ends the body stream without an error when the connection closes before
 * Content-Length bytes arrived (the sandbox's "truncate" fault, tests/sandbox/README.md):
 * the short body would then be parsed as JSON and reported as an answer Ferry does not
 * understand. Returns NULL when the body is complete or its length was not announced. */
static GError *
short_body_error (Request *req)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (req->msg);
  goffset expected;
  g_autofree char *detail = NULL;

  if (soup_message_headers_get_encoding (headers) != SOUP_ENCODING_CONTENT_LENGTH)
    return NULL;
  expected = soup_message_headers_get_content_length (headers);
  if ((goffset) req->buffer->len >= expected)
    return NULL;

  detail = g_strdup_printf ("received %u of %" G_GOFFSET_FORMAT " bytes", req->buffer->len, expected);
  return ferry_api_error_new (FERRY_API_ERROR_NETWORK,
                              _("The server’s answer was cut off. Try again in a moment."),
                              0, detail, NULL);
}

static void read_more (GTask *task);

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  Request *req = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gboolean is_reset = FALSE;
  gssize n;

  n = g_input_stream_read_finish (G_INPUT_STREAM (object), result, &error);
  if (n < 0)
    {
      g_byte_array_set_size (req->buffer, req->buffer->len - READ_CHUNK);
      GError *mapped = transport_error (error, req, TRUE, &is_reset);

      attempt_done (task, NULL, mapped, is_reset);
      return;
    }

  g_byte_array_set_size (req->buffer, req->buffer->len - READ_CHUNK + (guint) n);

  if (n == 0)
    {
      GError *short_body = short_body_error (req);

      if (short_body != NULL)
        {
          attempt_done (task, NULL, short_body, TRUE);
          return;
        }
      process_answer (task);
      return;
    }

  if (req->buffer->len > req->client->max_response_size)
    {
      /* Stop reading: the rest is never buffered. */
      attempt_done (task, NULL, oversize_error (req->client), FALSE);
      return;
    }

  read_more (task);
}

/* Reads straight into the buffer (no intermediate copies to wipe). The buffer grows by
 * READ_CHUNK for the duration of the read; read_cb trims it back. */
static void
read_more (GTask *task)
{
  Request *req = g_task_get_task_data (task);
  guint len = req->buffer->len;

  g_byte_array_set_size (req->buffer, len + READ_CHUNK);
  g_input_stream_read_async (req->stream, req->buffer->data + len, READ_CHUNK, G_PRIORITY_DEFAULT,
                             req->attempt_cancellable, read_cb, task);
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  Request *req = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;
  gboolean is_reset = FALSE;

  req->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (req->stream == NULL)
    {
      GError *mapped = transport_error (error, req, FALSE, &is_reset);

      attempt_done (task, NULL, mapped, is_reset);
      return;
    }

  headers = soup_message_get_response_headers (req->msg);
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > (goffset) req->client->max_response_size)
    {
      attempt_done (task, NULL,
                    oversize_error (req->client),
                    FALSE);
      return;
    }

  /* Sized up front when the length is known, so the buffer is not reallocated (and
   * old copies of a token-bearing answer are not left behind unwiped). */
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH)
    req->buffer = g_byte_array_sized_new ((guint) soup_message_headers_get_content_length (headers) + READ_CHUNK);
  else
    req->buffer = g_byte_array_new ();
  read_more (task);
}

static gboolean
deadline_cb (gpointer user_data)
{
  Request *req = user_data;

  req->timed_out = TRUE;
  g_cancellable_cancel (req->attempt_cancellable);
  g_clear_pointer (&req->deadline, g_source_unref);
  return G_SOURCE_REMOVE;
}

static void
cancel_attempt_cb (GCancellable *cancellable,
                   GCancellable *attempt_cancellable)
{
  g_cancellable_cancel (attempt_cancellable);
}

/* Takes the task reference. */
static void
send_attempt (GTask *task)
{
  Request *req = g_task_get_task_data (task);
  FerryApiClient *self = req->client;
  GCancellable *cancellable = g_task_get_cancellable (task);
  SoupMessageHeaders *headers;
  g_autofree char *user_agent = NULL;

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }

  req->attempt++;
  req->timed_out = FALSE;
  req->msg = soup_message_new_from_uri (req->method, req->uri);
  soup_message_add_flags (req->msg, SOUP_MESSAGE_NO_REDIRECT);

  headers = soup_message_get_request_headers (req->msg);
  user_agent = g_strdup_printf ("Ferry/%s", PACKAGE_VERSION);
  soup_message_headers_replace (headers, "User-Agent", user_agent);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (req->token != NULL)
    {
      g_autofree char *value = g_strconcat ("Bearer ", req->token, NULL);

      soup_message_headers_replace (headers, "Authorization", value);
      ferry_api_wipe_string (value);
    }
  if (req->body != NULL)
    soup_message_set_request_body_from_bytes (req->msg, "application/json", req->body);

  req->attempt_cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    req->cancel_handler = g_cancellable_connect (cancellable, G_CALLBACK (cancel_attempt_cb),
                                                 g_object_ref (req->attempt_cancellable),
                                                 g_object_unref);

  req->deadline = g_timeout_source_new ((guint) MIN ((guint64) self->timeout_s * 1000, G_MAXUINT));
  g_source_set_callback (req->deadline, deadline_cb, req, NULL);
  g_source_set_name (req->deadline, "[ferry] request deadline");
  g_source_attach (req->deadline, g_task_get_context (task));

  soup_session_send_async (self->session, req->msg, G_PRIORITY_DEFAULT,
                           req->attempt_cancellable, send_cb, task);
}

void
ferry_api_client_send (FerryApiClient *self,
                       GTask          *task,
                       const char     *method,
                       const char     *path,
                       GUri           *uri,
                       GBytes         *body,
                       gboolean        authenticated,
                       const char     *explicit_token,
                       FerryApiBodyParser parse_body,
                       gpointer        parse_body_data,
                       GDestroyNotify  result_free)
{
  Request *req;

  g_assert (FERRY_IS_API_CLIENT (self));
  g_assert (G_IS_TASK (task));
  g_assert (uri != NULL);

  req = g_new0 (Request, 1);
  req->client = g_object_ref (self);
  req->method = g_strdup (method);
  req->path = g_strdup (path);
  req->uri = uri;
  req->body = body;
  req->authenticated = authenticated && explicit_token == NULL;
  req->token = g_strdup (explicit_token);
  req->parse_body = parse_body;
  req->parse_body_data = parse_body_data;
  req->result_free = result_free;
  req->started_us = g_get_monotonic_time ();
  g_task_set_task_data (task, req, request_free);

  if (req->authenticated)
    {
      if (self->token_provider == NULL)
        {
          g_task_return_error (task,
                               ferry_api_error_new (FERRY_API_ERROR_UNAUTHORIZED,
                                                    _("You are not signed in. Sign in to continue."),
                                                    0, NULL, NULL));
          g_object_unref (task);
          return;
        }
      ferry_token_provider_get_token_async (self->token_provider, FALSE, g_task_get_cancellable (task),
                                            token_cb, task);
      return;
    }

  send_attempt (task);
}
