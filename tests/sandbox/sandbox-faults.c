/* sandbox-faults.c: fault injection, the rate-limit mode and the request log.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>
#include <sys/socket.h>

#include "sandbox-private.h"

typedef enum
{
  KIND_STATUS,
  KIND_LATENCY,
  KIND_RESET,
  KIND_TRUNCATE,
  KIND_MALFORMED,
  KIND_OVERSIZE,
  KIND_DRIP,
} FaultKind;

static const char *kind_names[] = { "status", "latency", "reset", "truncate", "malformed", "oversize", "drip", NULL };

typedef struct
{
  char      *route;        /* "METHOD /path" glob, or "*" */
  FaultKind  kind;
  guint      status;
  guint      latency_ms;
  guint      retry_after;
  gint       count;        /* < 0: until cleared */
  gsize      bytes;        /* oversize */
  gsize      chunk;        /* drip */
  guint      interval_ms;  /* drip */
  char      *message;
  char      *error;
} SbFault;

void
sb_fault_free (gpointer data)
{
  SbFault *f = data;

  g_free (f->route);
  g_free (f->message);
  g_free (f->error);
  g_free (f);
}

gboolean
ferry_sandbox_add_fault (FerrySandbox  *self,
                         JsonObject    *spec,
                         GError       **error)
{
  SbFault *f;
  const char *kind;
  JsonObject *rate;

  g_return_val_if_fail (FERRY_IS_SANDBOX (self), FALSE);
  g_return_val_if_fail (spec != NULL, FALSE);

  rate = sb_get_obj (spec, "rateLimit");
  if (rate != NULL)
    {
      gint64 per_minute = sb_get_int (rate, "perMinute", -1);

      if (per_minute < 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "rateLimit needs perMinute (0 turns it off)");
          return FALSE;
        }
      self->rate_limit_per_minute = per_minute;
      g_array_set_size (self->rate_times, 0);
      return TRUE;
    }

  f = g_new0 (SbFault, 1);
  f->route = g_strdup (sb_get_str (spec, "route") ? sb_get_str (spec, "route") : "*");
  f->status = sb_get_int (spec, "status", 0);
  f->latency_ms = sb_get_int (spec, "latencyMs", 0);
  f->retry_after = sb_get_int (spec, "retryAfter", 1);
  f->count = sb_get_int (spec, "count", -1);
  f->bytes = sb_get_int (spec, "bytes", 32 * 1024 * 1024);
  f->chunk = MAX (1, sb_get_int (spec, "chunkBytes", 16));
  f->interval_ms = sb_get_int (spec, "intervalMs", 100);
  f->message = g_strdup (sb_get_str (spec, "message"));
  f->error = g_strdup (sb_get_str (spec, "error"));

  kind = sb_get_str (spec, "kind");
  if (kind == NULL)
    f->kind = f->status != 0 ? KIND_STATUS : KIND_LATENCY;
  else
    {
      guint i;

      for (i = 0; kind_names[i] != NULL; i++)
        if (strcmp (kind, kind_names[i]) == 0)
          break;
      if (kind_names[i] == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "Unknown fault kind '%s'", kind);
          sb_fault_free (f);
          return FALSE;
        }
      f->kind = i;
    }
  if (f->kind == KIND_STATUS && (f->status < 400 || f->status > 599))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "A status fault needs a status between 400 and 599");
      sb_fault_free (f);
      return FALSE;
    }
  if (f->kind == KIND_LATENCY && f->latency_ms == 0)
    f->latency_ms = 1000;
  if (f->count == 0)
    {
      sb_fault_free (f);
      return TRUE;
    }
  g_ptr_array_add (self->faults, f);
  return TRUE;
}

void
ferry_sandbox_clear_faults (FerrySandbox *self)
{
  g_return_if_fail (FERRY_IS_SANDBOX (self));
  g_ptr_array_set_size (self->faults, 0);
  self->rate_limit_per_minute = 0;
  g_array_set_size (self->rate_times, 0);
}

/* ---- Applying faults ---- */

static gboolean
route_matches (const char *pattern,
               SbRequest  *req)
{
  g_autofree char *subject = NULL;

  if (strcmp (pattern, "*") == 0)
    return TRUE;
  subject = g_strdup_printf ("%s %s", req->method, req->path);
  if (strchr (pattern, ' ') == NULL)
    return g_pattern_match_simple (pattern, req->path);
  return g_pattern_match_simple (pattern, subject);
}

static void
reply_status (SbRequest *req,
              SbFault   *f)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (req->msg);

  switch (f->status)
    {
    case 403:
      sb_reply_error (req, 403, f->error ? f->error : "TokenError",
                      f->message ? f->message : "Your token has expired. Please re-authenticate.");
      break;
    case 429:
      {
        g_autofree char *ra = g_strdup_printf ("%u", f->retry_after);
        g_autofree char *m = g_strdup_printf ("Rate limit exceeded. Please try again in %u seconds", f->retry_after);

        soup_message_headers_replace (headers, "Retry-After", ra);
        sb_reply_error (req, 429, "RateLimitExceeded", f->message ? f->message : m);
      }
      break;
    case 500:
      sb_reply_error (req, 500, f->error ? f->error : "InternalServerError", f->message ? f->message : "Something went wrong");
      break;
    case 502:
    case 503:
    case 504:
      {
        const char *reason = soup_status_get_phrase (f->status);
        g_autofree char *html = g_strdup_printf ("<html>\r\n<head><title>%u %s</title></head>\r\n<body>\r\n"
                                                 "<center><h1>%u %s</h1></center>\r\n<hr><center>nginx</center>\r\n"
                                                 "</body>\r\n</html>\r\n", f->status, reason, f->status, reason);
        if (f->status == 503)
          {
            g_autofree char *ra = g_strdup_printf ("%u", f->retry_after);
            soup_message_headers_replace (headers, "Retry-After", ra);
          }
        sb_reply_html (req, f->status, html);
      }
      break;
    default:
      sb_reply_error (req, f->status, f->error ? f->error : soup_status_get_phrase (f->status),
                      f->message ? f->message : soup_status_get_phrase (f->status));
      break;
    }
}

typedef struct
{
  SbRequest *req;
  SbFault   *fault;    /* a copy */
  GBytes    *body;     /* drip */
  gsize      offset;
  GSource   *source;
  gulong     finished_id; /* the client may hang up before the answer is complete */
} Deferred;

static void
deferred_free (Deferred *d)
{
  FerrySandbox *self = d->req->self;

  self->deferred = g_list_remove (self->deferred, d);
  if (d->finished_id != 0)
    g_signal_handler_disconnect (d->req->msg, d->finished_id);
  if (d->source != NULL)
    {
      g_source_destroy (d->source);
      g_source_unref (d->source);
    }
  g_clear_pointer (&d->body, g_bytes_unref);
  sb_fault_free (d->fault);
  sb_request_free (d->req);
  g_free (d);
}

/* The message finished before the fault was done with it (the client hung up or
 * timed out): the message is about to go away, so stop touching it. */
static void
deferred_msg_finished_cb (Deferred *d)
{
  d->finished_id = 0;
  deferred_free (d);
}

/* Called at the start of a Deferred's timeout callback. */
static void
deferred_fired (Deferred *d)
{
  g_clear_pointer (&d->source, g_source_unref);
}

static void
deferred_timeout (Deferred    *d,
                  guint        ms,
                  GSourceFunc  func)
{
  if (d->source != NULL)
    {
      g_source_destroy (d->source);
      g_source_unref (d->source);
    }
  d->source = sb_timeout_source (d->req->self, ms, func, d);
}

void
sb_faults_stop_all (FerrySandbox *self)
{
  while (self->deferred != NULL)
    deferred_free (self->deferred->data);
}

static void
close_socket (SbRequest *req,
              gboolean   reset)
{
  GSocket *socket = soup_server_message_get_socket (req->msg);

  if (socket == NULL)
    return;
  if (reset)
    {
      struct linger lg = { 1, 0 };

      /* SO_LINGER with a zero timeout makes close() send a TCP RST. */
      (void) setsockopt (g_socket_get_fd (socket), SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
    }
  else
    g_socket_shutdown (socket, TRUE, TRUE, NULL);
  g_socket_close (socket, NULL);
}

static void
do_truncate (SbRequest *req)
{
  GSocket *socket = soup_server_message_get_socket (req->msg);
  static const char body[] = "{\"appConnections\":[{\"id\":\"3c90c3cc-0d44-4b50-8888-8dd25736052a\",\"name\":\"contoso-";
  g_autofree char *head = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=utf-8\r\n"
                                           "Content-Length: %u\r\nConnection: close\r\n\r\n",
                                           (guint) (sizeof body - 1) * 4);

  if (socket != NULL)
    {
      g_socket_send (socket, head, strlen (head), NULL, NULL);
      g_socket_send (socket, body, sizeof body - 1, NULL, NULL);
    }
  sb_requests_set_status (req, 200);
  close_socket (req, FALSE);
}

static gboolean
drip_cb (gpointer data)
{
  Deferred *d = data;
  SoupMessageBody *body = soup_server_message_get_response_body (d->req->msg);
  gsize size = g_bytes_get_size (d->body);
  gsize n = MIN (d->fault->chunk, size - d->offset);

  soup_message_body_append (body, SOUP_MEMORY_COPY, (const char *) g_bytes_get_data (d->body, NULL) + d->offset, n);
  d->offset += n;
  if (d->offset >= size)
    {
      soup_message_body_complete (body);
      soup_server_message_unpause (d->req->msg);
      deferred_fired (d);
      deferred_free (d);
      return G_SOURCE_REMOVE;
    }
  /* The server writes what is there and pauses itself until the next chunk. */
  soup_server_message_unpause (d->req->msg);
  return G_SOURCE_CONTINUE;
}

/* Applies the fault's effect (after any latency). Frees @d unless it goes on. */
static void
apply_effect (Deferred *d)
{
  SbRequest *req = d->req;
  SbFault *f = d->fault;
  FerrySandbox *self = req->self;

  switch (f->kind)
    {
    case KIND_LATENCY:
      sb_dispatch (req);
      break;
    case KIND_STATUS:
      reply_status (req, f);
      break;
    case KIND_MALFORMED:
      {
        static const char broken[] = "{\"appConnections\": [{\"id\": \"3c90c3cc-0d44-4b50-8888-8dd25736052a\", \"name\": ";

        soup_server_message_set_status (req->msg, 200, NULL);
        soup_server_message_set_response (req->msg, "application/json; charset=utf-8", SOUP_MEMORY_STATIC,
                                          broken, sizeof broken - 1);
        sb_requests_set_status (req, 200);
      }
      break;
    case KIND_OVERSIZE:
      {
        gsize n = MAX (f->bytes, 64);
        char *text = g_malloc (n);
        static const char prefix[] = "{\"padding\":\"";

        memcpy (text, prefix, sizeof prefix - 1);
        memset (text + sizeof prefix - 1, 'x', n - (sizeof prefix - 1) - 2);
        memcpy (text + n - 2, "\"}", 2);
        soup_server_message_set_status (req->msg, 200, NULL);
        soup_server_message_set_response (req->msg, "application/json; charset=utf-8", SOUP_MEMORY_TAKE, text, n);
        sb_requests_set_status (req, 200);
      }
      break;
    case KIND_RESET:
      close_socket (req, TRUE);
      sb_requests_set_status (req, 0);
      deferred_free (d);
      return;
    case KIND_TRUNCATE:
      do_truncate (req);
      deferred_free (d);
      return;
    case KIND_DRIP:
      {
        SoupMessageBody *body;

        sb_dispatch (req);
        body = soup_server_message_get_response_body (req->msg);
        d->body = soup_message_body_flatten (body);
        soup_message_body_truncate (body);
        soup_message_headers_set_encoding (soup_server_message_get_response_headers (req->msg), SOUP_ENCODING_CHUNKED);
        /* Still paused since sb_faults_apply (). */
        deferred_timeout (d, f->interval_ms, drip_cb);
        return;
      }
    default:
      break;
    }
  if (req->deferred)
    soup_server_message_unpause (req->msg);
  (void) self;
  deferred_free (d);
}

static gboolean
latency_cb (gpointer data)
{
  Deferred *d = data;

  deferred_fired (d);
  apply_effect (d);
  return G_SOURCE_REMOVE;
}

static gboolean
immediate_cb (gpointer data)
{
  return latency_cb (data);
}

gboolean
sb_faults_apply (SbRequest *req)
{
  FerrySandbox *self = req->self;
  SbFault *match = NULL;
  Deferred *d;

  if (g_str_has_prefix (req->path, "/sandbox/"))
    return FALSE;

  if (self->rate_limit_per_minute > 0 && g_str_has_prefix (req->path, "/api/"))
    {
      gint64 now = g_get_monotonic_time ();
      guint i = 0;

      while (i < self->rate_times->len)
        {
          if (now - g_array_index (self->rate_times, gint64, i) >= 60 * G_USEC_PER_SEC)
            g_array_remove_index (self->rate_times, i);
          else
            i++;
        }
      if (self->rate_times->len >= self->rate_limit_per_minute)
        {
          gint64 oldest = g_array_index (self->rate_times, gint64, 0);
          guint wait = (guint) ((60 * G_USEC_PER_SEC - (now - oldest) + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
          g_autofree char *ra = g_strdup_printf ("%u", MAX (wait, 1));
          g_autofree char *limit = g_strdup_printf ("%u", self->rate_limit_per_minute);
          SoupMessageHeaders *h = soup_server_message_get_response_headers (req->msg);

          soup_message_headers_replace (h, "Retry-After", ra);
          soup_message_headers_replace (h, "X-RateLimit-Limit", limit);
          soup_message_headers_replace (h, "X-RateLimit-Remaining", "0");
          soup_message_headers_replace (h, "X-RateLimit-Reset", ra);
          sb_reply_errorf (req, 429, "RateLimitExceeded", "Rate limit exceeded. Please try again in %u seconds",
                           MAX (wait, 1));
          return TRUE;
        }
      g_array_append_val (self->rate_times, now);
    }

  for (guint i = 0; i < self->faults->len; i++)
    {
      SbFault *f = self->faults->pdata[i];

      if (route_matches (f->route, req))
        {
          match = f;
          break;
        }
    }
  if (match == NULL)
    return FALSE;

  d = g_new0 (Deferred, 1);
  d->req = req;
  d->fault = g_new0 (SbFault, 1);
  *d->fault = *match;
  d->fault->route = g_strdup (match->route);
  d->fault->message = g_strdup (match->message);
  d->fault->error = g_strdup (match->error);
  if (match->count > 0 && --match->count == 0)
    g_ptr_array_remove (self->faults, match);

  req->deferred = TRUE;
  self->deferred = g_list_prepend (self->deferred, d);
  d->finished_id = g_signal_connect_swapped (req->msg, "finished", G_CALLBACK (deferred_msg_finished_cb), d);
  soup_server_message_pause (req->msg);
  deferred_timeout (d, d->fault->kind == KIND_LATENCY || d->fault->latency_ms > 0 ? d->fault->latency_ms : 0,
                    d->fault->latency_ms > 0 ? latency_cb : immediate_cb);
  return TRUE;
}

/* ---- Request log ---- */

static const char *redacted_keys[] = {
  "accessToken", "refreshToken", "clientSecret", "code", "JTWToken", "privateKey", "password",
  "secretValue", "token", "pat", "access_token", "refresh_token", "client_secret", "id_token", NULL,
};

static gboolean
is_redacted (const char *key)
{
  for (guint i = 0; redacted_keys[i] != NULL; i++)
    if (g_ascii_strcasecmp (key, redacted_keys[i]) == 0)
      return TRUE;
  return FALSE;
}

static JsonNode *
redact (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *in = json_node_get_object (node);
      JsonObject *out = json_object_new ();
      g_autoptr(GList) members = json_object_get_members (in);
      JsonNode *result = json_node_new (JSON_NODE_OBJECT);

      for (GList *l = members; l != NULL; l = l->next)
        {
          const char *name = l->data;
          JsonNode *child = json_object_get_member (in, name);

          if (is_redacted (name) && !JSON_NODE_HOLDS_NULL (child))
            json_object_set_string_member (out, name, "[REDACTED]");
          else
            json_object_set_member (out, name, redact (child));
        }
      json_node_take_object (result, out);
      return result;
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *in = json_node_get_array (node);
      JsonArray *out = json_array_new ();
      JsonNode *result = json_node_new (JSON_NODE_ARRAY);

      for (guint i = 0; i < json_array_get_length (in); i++)
        json_array_add_element (out, redact (json_array_get_element (in, i)));
      json_node_take_array (result, out);
      return result;
    }
  return json_node_copy (node);
}

void
sb_requests_record (SbRequest  *req,
                    const char *raw_body,
                    gsize       raw_len)
{
  FerrySandbox *self = req->self;
  JsonObject *entry;
  JsonObject *query;
  GHashTableIter iter;
  gpointer key, value;
  const char *auth;
  g_autofree char *now = NULL;

  if (g_str_has_prefix (req->path, "/sandbox/requests") || g_str_has_prefix (req->path, "/sandbox/faults")
      || g_str_has_prefix (req->path, "/sandbox/azure-devops"))
    return;

  entry = json_object_new ();
  now = sb_now_iso ();
  json_object_set_string_member (entry, "time", now);
  json_object_set_string_member (entry, "reqId", req->req_id);
  json_object_set_string_member (entry, "method", req->method);
  json_object_set_string_member (entry, "path", req->path);
  /* Which TCP connection carried it: tests tell a reused connection from a new one. */
  {
    GSocketAddress *remote = soup_server_message_get_remote_address (req->msg);

    if (G_IS_INET_SOCKET_ADDRESS (remote))
      json_object_set_int_member (entry, "remotePort",
                                  g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (remote)));
  }
  query = json_object_new ();
  g_hash_table_iter_init (&iter, req->query);
  while (g_hash_table_iter_next (&iter, &key, &value))
    json_object_set_string_member (query, key, is_redacted (key) ? "[REDACTED]" : value);
  json_object_set_object_member (entry, "query", query);
  if (req->body != NULL)
    json_object_set_member (entry, "body", redact (req->body));
  else if (raw_len > 0)
    json_object_set_string_member (entry, "body", "[non-JSON body]");
  else
    json_object_set_null_member (entry, "body");
  auth = soup_message_headers_get_one (soup_server_message_get_request_headers (req->msg), "Authorization");
  if (auth != NULL)
    json_object_set_string_member (entry, "authorization",
                                   g_ascii_strncasecmp (auth, "Bearer ", 7) == 0 ? "Bearer [REDACTED]" : "[REDACTED]");
  else
    json_object_set_null_member (entry, "authorization");
  sb_set_str_or_null (entry, "userAgent",
                      soup_message_headers_get_one (soup_server_message_get_request_headers (req->msg), "User-Agent"));
  json_object_set_null_member (entry, "status");
  /* Keep the log bounded for long demo sessions: drop the oldest entries. */
  while (json_array_get_length (self->requests) >= 10000)
    json_array_remove_element (self->requests, 0);
  json_array_add_object_element (self->requests, json_object_ref (entry));
  req->log_entry = entry;
}

void
sb_requests_set_status (SbRequest *req,
                        guint      status)
{
  if (req->log_entry != NULL)
    json_object_set_int_member (req->log_entry, "status", status);
}

JsonNode *
ferry_sandbox_get_requests (FerrySandbox *self)
{
  JsonNode *node;

  g_return_val_if_fail (FERRY_IS_SANDBOX (self), NULL);
  node = json_node_new (JSON_NODE_ARRAY);
  json_node_set_array (node, self->requests);
  {
    JsonNode *copy = json_node_copy (node);

    json_node_unref (node);
    return copy;
  }
}

guint
ferry_sandbox_count_requests (FerrySandbox *self,
                              const char   *method,
                              const char   *path)
{
  guint n = 0;

  g_return_val_if_fail (FERRY_IS_SANDBOX (self), 0);
  for (guint i = 0; i < json_array_get_length (self->requests); i++)
    {
      JsonObject *entry = json_array_get_object_element (self->requests, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (entry, "method", NULL), method) == 0 &&
          g_strcmp0 (json_object_get_string_member_with_default (entry, "path", NULL), path) == 0)
        n++;
    }
  return n;
}

void
ferry_sandbox_clear_requests (FerrySandbox *self)
{
  g_return_if_fail (FERRY_IS_SANDBOX (self));
  json_array_unref (self->requests);
  self->requests = json_array_new ();
}

/* ---- Control routes ---- */

static void
post_faults (SbRequest *req)
{
  g_autoptr(GError) error = NULL;
  JsonObject *body = sb_body_obj (req);
  JsonArray *list = req->body && JSON_NODE_HOLDS_ARRAY (req->body) ? json_node_get_array (req->body) : NULL;
  JsonObject *obj;

  if (body == NULL && list == NULL)
    {
      sb_reply_error (req, 400, "BadRequest", "Expected a fault spec object (or an array of them)");
      return;
    }
  if (body != NULL && !ferry_sandbox_add_fault (req->self, body, &error))
    {
      sb_reply_error (req, 400, "BadRequest", error->message);
      return;
    }
  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonNode *n = json_array_get_element (list, i);

      if (!JSON_NODE_HOLDS_OBJECT (n) || !ferry_sandbox_add_fault (req->self, json_node_get_object (n), &error))
        {
          sb_reply_error (req, 400, "BadRequest", error ? error->message : "Each fault spec must be an object");
          return;
        }
    }
  obj = json_object_new ();
  json_object_set_int_member (obj, "faults", req->self->faults->len);
  json_object_set_int_member (obj, "rateLimitPerMinute", req->self->rate_limit_per_minute);
  sb_reply_object (req, NULL, obj);
}

static void
delete_faults (SbRequest *req)
{
  JsonObject *obj = json_object_new ();

  ferry_sandbox_clear_faults (req->self);
  json_object_set_int_member (obj, "faults", 0);
  sb_reply_object (req, NULL, obj);
}

static void
get_requests (SbRequest *req)
{
  g_autoptr(JsonNode) node = ferry_sandbox_get_requests (req->self);

  sb_reply_json (req, 200, node);
}

static void
delete_requests (SbRequest *req)
{
  JsonObject *obj = json_object_new ();

  ferry_sandbox_clear_requests (req->self);
  json_object_set_int_member (obj, "requests", 0);
  sb_reply_object (req, NULL, obj);
}

const SbRoute sb_fault_routes[] = {
  { "POST", "/sandbox/faults", SB_AUTH_NONE, post_faults },
  { "DELETE", "/sandbox/faults", SB_AUTH_NONE, delete_faults },
  { "GET", "/sandbox/requests", SB_AUTH_NONE, get_requests },
  { "DELETE", "/sandbox/requests", SB_AUTH_NONE, delete_requests },
  { NULL, NULL, 0, NULL },
};
