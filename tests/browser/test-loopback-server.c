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
  g_test_add_func ("/loopback/page-escapes", test_page_escapes);

  return g_test_run ();
}
