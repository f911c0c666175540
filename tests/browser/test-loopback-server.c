/* test-loopback-server.c: FerryLoopbackServer over real HTTP on 127.0.0.1.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The stray-request cases call the server themselves (that is what they test); the real
 * browser drives the flows in test-browser-flows.c.
 */

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "ferry-loopback-server.h"
#include "ferry-test-utils.h"
#include "browser-test-utils.h"

typedef struct
{
  guint     handled;
  gboolean  finish_next;   /* complete the flow with the next accepted request */
  gboolean  defer;         /* pause and answer from an idle */
} HandlerState;

typedef struct
{
  FerryLoopbackServer *server;
  SoupServerMessage   *message;
} Deferred;

static gboolean
answer_deferred_cb (gpointer user_data)
{
  Deferred *deferred = user_data;

  ferry_loopback_server_complete (deferred->server, deferred->message, SOUP_STATUS_OK,
                                  "Done", "Deferred", g_strdup ("deferred-result"), g_free);
  g_object_unref (deferred->server);
  g_object_unref (deferred->message);
  g_free (deferred);

  return G_SOURCE_REMOVE;
}

static void
handler_cb (FerryLoopbackServer *server,
            SoupServerMessage   *message,
            gpointer             user_data)
{
  HandlerState *state = user_data;

  state->handled++;

  if (state->defer)
    {
      Deferred *deferred = g_new0 (Deferred, 1);

      deferred->server = g_object_ref (server);
      deferred->message = g_object_ref (message);
      ferry_loopback_server_pause (server, message);
      g_timeout_add (100, answer_deferred_cb, deferred);
      return;
    }

  if (state->finish_next)
    ferry_loopback_server_complete (server, message, SOUP_STATUS_OK, "Done", "All good",
                                    g_strdup ("the-result"), g_free);
  else
    ferry_loopback_server_respond (server, message, SOUP_STATUS_BAD_REQUEST, "Refused", "Not yet");
}

typedef struct
{
  gboolean  done;
  gpointer  result;
  GError   *error;
} WaitResult;

static void
wait_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  WaitResult *wait = user_data;

  wait->result = ferry_loopback_server_wait_finish (FERRY_LOOPBACK_SERVER (object), result, &wait->error);
  wait->done = TRUE;
}

static gboolean
wait_done (gpointer data)
{
  return ((WaitResult *) data)->done;
}


/* ---- A raw HTTP client on its own thread ----
 *
 * libsoup's client would hide what these tests look at (framing, how much of a body the
 * server took, whether it closed the connection), and a blocking client must not run on
 * the thread whose main context serves the request. */

typedef struct
{
  guint     port;
  char     *head;          /* request line and headers, "\r\n\r\n" included */
  gsize     body_bytes;    /* then up to this many bytes of body, sent in 64 KiB pieces */
  gboolean  chunked;       /* …each piece as one chunk */
  guint     count;         /* how many times to do all that, one connection each */
  guint     timeout_s;

  /* Results, of the last request when @count > 1 */
  guint     completed;     /* requests that got a whole answer */
  gsize     sent;          /* body bytes the server took before refusing */
  guint     status;
  gboolean  close_header;  /* "Connection: close" */
  gboolean  closed;        /* the server closed the connection after the answer */
  char     *failure;       /* why the last request got no whole answer */
  gboolean  done;
} RawRequest;

static void
raw_request_clear (RawRequest *raw)
{
  g_free (raw->head);
  g_free (raw->failure);
}

/* Reads one answer: headers, then Content-Length bytes of body, then (with
 * Connection: close) waits for the end of the stream. */
static gboolean
raw_read_answer (RawRequest *raw,
                 GSocket    *socket)
{
  g_autoptr(GString) buffer = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  gsize head_end = 0;
  gssize content_length = -1;
  char piece[16 * 1024];

  for (;;)
    {
      gssize n;

      if (head_end != 0 && content_length >= 0 &&
          buffer->len >= head_end + (gsize) content_length && !raw->close_header)
        return TRUE;

      n = g_socket_receive (socket, piece, sizeof piece, NULL, &error);
      if (n < 0)
        {
          g_free (raw->failure);
          raw->failure = g_strdup_printf ("reading the answer: %s", error->message);
          return FALSE;
        }
      if (n == 0)
        {
          raw->closed = TRUE;
          if (head_end == 0 || (content_length >= 0 && buffer->len < head_end + (gsize) content_length))
            {
              g_free (raw->failure);
              raw->failure = g_strdup ("the server closed the connection before its answer was complete");
              return FALSE;
            }
          return TRUE;
        }
      g_string_append_len (buffer, piece, n);

      if (head_end == 0)
        {
          const char *end = strstr (buffer->str, "\r\n\r\n");
          g_autofree char *head = NULL;
          g_auto(GStrv) lines = NULL;

          if (end == NULL)
            continue;
          head_end = end - buffer->str + 4;
          head = g_strndup (buffer->str, head_end);
          lines = g_strsplit (head, "\r\n", -1);
          if (sscanf (lines[0], "HTTP/1.%*d %u", &raw->status) != 1)
            raw->status = 0;
          for (guint i = 1; lines[i] != NULL; i++)
            {
              if (g_ascii_strncasecmp (lines[i], "Content-Length:", 15) == 0)
                content_length = g_ascii_strtoll (lines[i] + 15, NULL, 10);
              else if (g_ascii_strcasecmp (lines[i], "Connection: close") == 0)
                raw->close_header = TRUE;
            }
        }
    }
}

/* GSocket with a timeout may send less than asked: send it all, or fail. */
static gboolean
raw_send_all (GSocket    *socket,
              const char *data,
              gsize       length)
{
  while (length > 0)
    {
      gssize n = g_socket_send (socket, data, length, NULL, NULL);

      if (n <= 0)
        return FALSE;
      data += n;
      length -= n;
    }

  return TRUE;
}

static gpointer
raw_request_thread (gpointer user_data)
{
  RawRequest *raw = user_data;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, raw->port);
  g_autofree char *filler = g_malloc (64 * 1024);

  memset (filler, 'a', 64 * 1024);

  for (guint i = 0; i < MAX (raw->count, 1); i++)
    {
      g_autoptr(GSocket) socket = NULL;
      g_autoptr(GError) error = NULL;

      raw->sent = 0;
      raw->status = 0;
      raw->close_header = FALSE;
      raw->closed = FALSE;

      socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
      if (socket == NULL)
        {
          raw->failure = g_strdup_printf ("socket: %s", error->message);
          break;
        }
      g_socket_set_timeout (socket, raw->timeout_s);
      if (!g_socket_connect (socket, address, NULL, &error) ||
          !raw_send_all (socket, raw->head, strlen (raw->head)))
        {
          raw->failure = g_strdup_printf ("sending the request: %s", error != NULL ? error->message : "failed");
          break;
        }

      /* A server that stops reading makes this time out or fail: either ends the body. */
      while (raw->sent < raw->body_bytes)
        {
          gsize length = MIN (64 * 1024, raw->body_bytes - raw->sent);
          g_autofree char *prefix = raw->chunked ? g_strdup_printf ("%zx\r\n", length) : g_strdup ("");

          if (!raw_send_all (socket, prefix, strlen (prefix)) ||
              !raw_send_all (socket, filler, length) ||
              (raw->chunked && !raw_send_all (socket, "\r\n", 2)))
            break;
          raw->sent += length;
        }
      if (raw->chunked && raw->sent == raw->body_bytes)
        raw_send_all (socket, "0\r\n\r\n", 5);

      if (!raw_read_answer (raw, socket))
        break;
      raw->completed++;
      g_clear_pointer (&raw->failure, g_free);
      g_socket_close (socket, NULL);
    }

  g_atomic_int_set (&raw->done, TRUE);

  return NULL;
}

static gboolean
raw_request_done (gpointer data)
{
  return g_atomic_int_get (&((RawRequest *) data)->done);
}

/* Runs @raw on a thread while this thread's main context serves it. */
static void
raw_request_run (RawRequest *raw)
{
  GThread *thread;

  if (raw->timeout_s == 0)
    raw->timeout_s = 10;
  thread = g_thread_new ("raw-http-client", raw_request_thread, raw);
  g_assert_true (ferry_test_spin_until (raw_request_done, raw, 120000));
  g_thread_join (thread);
  if (raw->failure != NULL)
    g_test_message ("Raw request: %s", raw->failure);
}

static gsize
resident_bytes (void)
{
  g_autofree char *statm = NULL;
  g_auto(GStrv) fields = NULL;

  g_assert_true (g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL));
  fields = g_strsplit (statm, " ", -1);

  return (gsize) g_ascii_strtoull (fields[1], NULL, 10) * (gsize) sysconf (_SC_PAGESIZE);
}

static guint
count_open_fds (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  guint count = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    count++;

  return count;
}

static FerryLoopbackServer *
start_server (HandlerState *state)
{
  static const char * const methods[] = { "GET", NULL };
  g_autoptr(GError) error = NULL;
  FerryLoopbackServer *server;

  server = ferry_loopback_server_new ("/oauth/callback", methods, handler_cb, state, NULL);
  g_assert_true (ferry_loopback_server_listen (server, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ferry_loopback_server_get_port (server), >, 0);

  return server;
}

static void
test_listen_local (void)
{
  HandlerState state = { 0 };
  g_autoptr(FerryLoopbackServer) server = start_server (&state);
  g_autofree char *uri = ferry_loopback_server_get_uri (server);
  g_autofree char *expected = g_strdup_printf ("http://127.0.0.1:%u/oauth/callback",
                                               ferry_loopback_server_get_port (server));

  g_assert_cmpstr (uri, ==, expected);
  g_assert_cmpuint (ferry_loopback_server_get_timeout (server), ==, 600);
  g_assert_false (browser_test_port_is_free (ferry_loopback_server_get_port (server)));
  g_assert_true (ferry_loopback_server_is_waiting (server));
}

static void
test_stray_requests (void)
{
  HandlerState state = { 0 };
  g_autoptr(FerryLoopbackServer) server = start_server (&state);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *base = ferry_loopback_server_get_origin (server);
  g_autofree char *callback = ferry_loopback_server_get_uri (server);
  g_autofree char *other = g_strconcat (base, "/", NULL);
  g_autofree char *big = g_malloc0 (FERRY_LOOPBACK_DEFAULT_MAX_BODY + 1024);
  WaitResult wait = { 0 };
  guint port = ferry_loopback_server_get_port (server);
  BrowserTestResponse *response;

  ferry_loopback_server_wait_async (server, NULL, wait_cb, &wait);

  /* Another path: 404, the handler never sees it. */
  response = browser_test_request (session, "GET", other, NULL, NULL, 0);
  g_assert_cmpuint (response->status, ==, SOUP_STATUS_NOT_FOUND);
  browser_test_response_free (response);

  /* Another method: 405 with Allow. */
  response = browser_test_request (session, "POST", callback, NULL, "x", 1);
  g_assert_cmpuint (response->status, ==, SOUP_STATUS_METHOD_NOT_ALLOWED);
  g_assert_cmpstr (response->allow, ==, "GET");
  browser_test_response_free (response);

  /* Oversize body: 413, not read. */
  memset (big, 'a', FERRY_LOOPBACK_DEFAULT_MAX_BODY + 1023);
  response = browser_test_request (session, "GET", callback, NULL, big, FERRY_LOOPBACK_DEFAULT_MAX_BODY + 1024);
  g_assert_cmpuint (response->status, ==, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE);
  browser_test_response_free (response);

  /* Another Host (DNS rebinding): 400. */
  response = browser_test_request (session, "GET", callback, "evil.example:80", NULL, 0);
  g_assert_cmpuint (response->status, ==, SOUP_STATUS_BAD_REQUEST);
  browser_test_response_free (response);

  g_assert_cmpuint (state.handled, ==, 0);
  g_assert_false (wait.done);
  g_assert_true (ferry_loopback_server_is_waiting (server));

  /* The handler refuses one: still waiting. */
  response = browser_test_request (session, "GET", callback, NULL, NULL, 0);
  g_assert_cmpuint (response->status, ==, SOUP_STATUS_BAD_REQUEST);
  g_assert_nonnull (strstr (response->body, "Not yet"));
  g_assert_cmpstr (response->content_type, ==, "text/html");
  browser_test_response_free (response);
  g_assert_cmpuint (state.handled, ==, 1);
  g_assert_false (wait.done);

  /* The next one ends the flow; its page still arrives, then the port is free. */
  state.finish_next = TRUE;
  response = browser_test_request (session, "GET", callback, NULL, NULL, 0);
  g_assert_cmpuint (response->status, ==, SOUP_STATUS_OK);
  g_assert_nonnull (strstr (response->body, "All good"));
  browser_test_response_free (response);

  g_assert_true (ferry_test_spin_until (wait_done, &wait, 5000));
  g_assert_no_error (wait.error);
  g_assert_cmpstr (wait.result, ==, "the-result");
  g_free (wait.result);

  soup_session_abort (session);
  g_assert_true (browser_test_spin_until_port_free (port, 10000));
  g_assert_false (ferry_loopback_server_is_waiting (server));
  g_assert_cmpuint (ferry_loopback_server_get_port (server), ==, 0);
}

static void
test_paused_answer (void)
{
  HandlerState state = { .defer = TRUE };
  g_autoptr(FerryLoopbackServer) server = start_server (&state);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *callback = ferry_loopback_server_get_uri (server);
  WaitResult wait = { 0 };
  BrowserTestResponse *response;

  ferry_loopback_server_wait_async (server, NULL, wait_cb, &wait);
  response = browser_test_request (session, "GET", callback, NULL, NULL, 0);
  g_assert_cmpuint (response->status, ==, SOUP_STATUS_OK);
  g_assert_nonnull (strstr (response->body, "Deferred"));
  browser_test_response_free (response);

  g_assert_true (ferry_test_spin_until (wait_done, &wait, 5000));
  g_assert_no_error (wait.error);
  g_assert_cmpstr (wait.result, ==, "deferred-result");
  g_free (wait.result);
  soup_session_abort (session);
}

static void
test_timeout_frees_port (void)
{
  HandlerState state = { 0 };
  g_autoptr(FerryLoopbackServer) server = start_server (&state);
  WaitResult wait = { 0 };
  guint port = ferry_loopback_server_get_port (server);

  ferry_loopback_server_set_timeout (server, 1);
  ferry_loopback_server_wait_async (server, NULL, wait_cb, &wait);
  g_assert_false (browser_test_port_is_free (port));

  g_assert_true (ferry_test_spin_until (wait_done, &wait, 10000));
  g_assert_error (wait.error, FERRY_LOOPBACK_ERROR, FERRY_LOOPBACK_ERROR_TIMED_OUT);
  g_assert_null (wait.result);
  g_clear_error (&wait.error);

  g_assert_true (browser_test_port_is_free (port));
  g_assert_false (ferry_loopback_server_is_waiting (server));
}

static void
test_cancel_frees_port (void)
{
  HandlerState state = { 0 };
  g_autoptr(FerryLoopbackServer) server = start_server (&state);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  WaitResult wait = { 0 };
  guint port = ferry_loopback_server_get_port (server);

  ferry_loopback_server_wait_async (server, cancellable, wait_cb, &wait);
  ferry_test_spin_for (50);
  g_assert_false (wait.done);
  g_assert_false (browser_test_port_is_free (port));

  g_cancellable_cancel (cancellable);
  g_assert_true (ferry_test_spin_until (wait_done, &wait, 5000));
  g_assert_error (wait.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&wait.error);

  g_assert_true (browser_test_port_is_free (port));
}


static FerryLoopbackServer *
start_post_server (HandlerState *state)
{
  static const char * const methods[] = { "POST", "OPTIONS", NULL };
  g_autoptr(GError) error = NULL;
  FerryLoopbackServer *server;

  /* As the sign-in flow sets it up. */
  server = ferry_loopback_server_new ("/", methods, handler_cb, state, NULL);
  g_assert_true (ferry_loopback_server_listen (server, &error));
  g_assert_no_error (error);

  return server;
}

/* A body the server cannot take is not read: the answer is 413 at once, the connection
 * closed after it, and memory does not grow with what the client sends. */
static void
check_body_cap (gboolean post,
                gboolean chunked)
{
  HandlerState state = { 0 };
  g_autoptr(FerryLoopbackServer) server = post ? start_post_server (&state) : start_server (&state);
  guint port = ferry_loopback_server_get_port (server);
  const char *path = post ? "/" : "/oauth/callback";
  const char *method = post ? "POST" : "GET";
  const gsize offered = 256 * 1024 * 1024;
  RawRequest declared = { 0 };
  RawRequest streamed = { 0 };
  RawRequest small = { 0 };
  WaitResult wait = { 0 };
  gsize before;

  ferry_loopback_server_wait_async (server, NULL, wait_cb, &wait);

  /* Content-Length: 1 GB, then only a little: answered without waiting for the rest. */
  if (!chunked)
    {
      declared.port = port;
      declared.head = g_strdup_printf ("%s %s HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n"
                                       "Content-Type: application/json\r\n"
                                       "Content-Length: 1000000000\r\n\r\n", method, path, port);
      declared.body_bytes = 4096;
      raw_request_run (&declared);
      g_assert_null (declared.failure);
      g_assert_cmpuint (declared.status, ==, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE);
      g_assert_true (declared.close_header);
      g_assert_true (declared.closed);
    }

  /* 256 MB offered: the server stops taking it soon after the cap. */
  before = resident_bytes ();
  streamed.port = port;
  streamed.chunked = chunked;
  streamed.timeout_s = 5;
  streamed.head = chunked
    ? g_strdup_printf ("%s %s HTTP/1.1\r\nHost: 127.0.0.1:%u\r\nContent-Type: application/json\r\n"
                       "Transfer-Encoding: chunked\r\n\r\n", method, path, port)
    : g_strdup_printf ("%s %s HTTP/1.1\r\nHost: 127.0.0.1:%u\r\nContent-Type: application/json\r\n"
                       "Content-Length: %zu\r\n\r\n", method, path, port, offered);
  streamed.body_bytes = offered;
  raw_request_run (&streamed);
  g_test_message ("The server took %zu of %zu bytes; resident memory grew by %zd bytes",
                  streamed.sent, offered, (gssize) (resident_bytes () - before));
  g_assert_null (streamed.failure);
  g_assert_cmpuint (streamed.status, ==, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE);
  g_assert_true (streamed.close_header);
  g_assert_true (streamed.closed);
  /* The cap, plus what the sockets' buffers and a short drain hold. */
  g_assert_cmpuint (streamed.sent, <, 32 * 1024 * 1024);
  g_assert_cmpint ((gssize) (resident_bytes () - before), <, 16 * 1024 * 1024);

  /* A body within the cap (in the same framing) still reaches the handler. */
  small.port = port;
  small.chunked = chunked;
  small.head = chunked
    ? g_strdup_printf ("%s %s HTTP/1.1\r\nHost: 127.0.0.1:%u\r\nContent-Type: application/json\r\n"
                       "Transfer-Encoding: chunked\r\n\r\n", method, path, port)
    : g_strdup_printf ("%s %s HTTP/1.1\r\nHost: 127.0.0.1:%u\r\nContent-Type: application/json\r\n"
                       "Content-Length: 1000\r\n\r\n", method, path, port);
  small.body_bytes = 1000;
  raw_request_run (&small);
  g_assert_null (small.failure);
  g_assert_cmpuint (small.status, ==, SOUP_STATUS_BAD_REQUEST);  /* the handler's "Not yet" */
  g_assert_cmpuint (state.handled, ==, 1);
  g_assert_false (wait.done);

  raw_request_clear (&declared);
  raw_request_clear (&streamed);
  raw_request_clear (&small);
}

static void
test_body_cap_length_get (void)
{
  check_body_cap (FALSE, FALSE);
}

static void
test_body_cap_chunked_get (void)
{
  check_body_cap (FALSE, TRUE);
}

static void
test_body_cap_length_post (void)
{
  check_body_cap (TRUE, FALSE);
}

static void
test_body_cap_chunked_post (void)
{
  check_body_cap (TRUE, TRUE);
}

/* Every answer closes its connection: more stray requests than this process may open
 * files leave the real request still answered. */
static void
test_stray_requests_close (void)
{
  HandlerState state = { 0 };
  g_autoptr(FerryLoopbackServer) server = start_server (&state);
  guint port = ferry_loopback_server_get_port (server);
  struct rlimit saved;
  struct rlimit lowered;
  RawRequest stray = { 0 };
  RawRequest real = { 0 };
  WaitResult wait = { 0 };

  ferry_loopback_server_wait_async (server, NULL, wait_cb, &wait);

  g_assert_cmpint (getrlimit (RLIMIT_NOFILE, &saved), ==, 0);
  lowered = saved;
  lowered.rlim_cur = count_open_fds () + 64;
  g_assert_cmpint (setrlimit (RLIMIT_NOFILE, &lowered), ==, 0);

  stray.port = port;
  stray.count = (guint) lowered.rlim_cur + 100;
  stray.timeout_s = 3;
  stray.head = g_strdup_printf ("GET / HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n\r\n", port);
  raw_request_run (&stray);
  g_test_message ("%u of %u stray requests answered (file limit %u)", stray.completed, stray.count,
                  (guint) lowered.rlim_cur);
  g_assert_null (stray.failure);
  g_assert_cmpuint (stray.completed, ==, stray.count);
  g_assert_cmpuint (stray.status, ==, SOUP_STATUS_NOT_FOUND);
  g_assert_true (stray.close_header);
  g_assert_true (stray.closed);

  /* The request the flow waits for. */
  state.finish_next = TRUE;
  real.port = port;
  real.timeout_s = 3;
  real.head = g_strdup_printf ("GET /oauth/callback?code=x HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n\r\n", port);
  raw_request_run (&real);
  g_assert_cmpint (setrlimit (RLIMIT_NOFILE, &saved), ==, 0);
  g_assert_null (real.failure);
  g_assert_cmpuint (real.status, ==, SOUP_STATUS_OK);
  g_assert_true (real.close_header);

  g_assert_true (ferry_test_spin_until (wait_done, &wait, 5000));
  g_assert_no_error (wait.error);
  g_free (wait.result);

  raw_request_clear (&stray);
  raw_request_clear (&real);
}

static void
test_page_escapes (void)
{
  g_autofree char *page = ferry_loopback_server_render_page ("<b>Title</b>", "a & b");

  g_assert_null (strstr (page, "<b>"));
  g_assert_nonnull (strstr (page, "&lt;b&gt;Title&lt;/b&gt;"));
  g_assert_nonnull (strstr (page, "a &amp; b"));
}

int
main (int   argc,
      char *argv[])
{
  ferry_test_init (&argc, &argv);

  g_test_add_func ("/loopback/listen-local", test_listen_local);
  g_test_add_func ("/loopback/stray-requests", test_stray_requests);
  g_test_add_func ("/loopback/paused-answer", test_paused_answer);
  g_test_add_func ("/loopback/timeout-frees-port", test_timeout_frees_port);
  g_test_add_func ("/loopback/cancel-frees-port", test_cancel_frees_port);
  g_test_add_func ("/loopback/body-cap/length-get", test_body_cap_length_get);
  g_test_add_func ("/loopback/body-cap/chunked-get", test_body_cap_chunked_get);
  g_test_add_func ("/loopback/body-cap/length-post", test_body_cap_length_post);
  g_test_add_func ("/loopback/body-cap/chunked-post", test_body_cap_chunked_post);
  g_test_add_func ("/loopback/stray-requests-close", test_stray_requests_close);
  g_test_add_func ("/loopback/page-escapes", test_page_escapes);

  return g_test_run ();
}
