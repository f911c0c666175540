/* test-browser-flows.c: the browser flows end to end with real headless Chromium.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The default web browser of this test's private XDG dirs is tests/browser/fake-browser.sh,
 * which runs /usr/bin/chromium --headless --dump-dom on the URI. URIs are opened the way the
 * app opens them: FerryUriOpenerGtk (gtk_show_uri_full) when there is a display, else
 * FerryUriOpenerGio (g_app_info_launch_default_for_uri_async, what GTK calls). The sandbox
 * plays Infisical and Microsoft. Only the stray and forged request cases call the loopback
 * server themselves.
 *
 * Cases: (a) /browser/signin/loopback, (b) /browser/oauth/loopback,
 * (c) /browser/oauth/deny, (d) /browser/signin/stray-requests and
 * /browser/oauth/stray-requests, (e) /browser/oauth/timeout, /browser/oauth/cancel,
 * /browser/signin/cancel, (f) /browser/handoff/after-mismatch and /browser/handoff/timeout,
 * (g) /browser/signin/paste.
 */

#include "config.h"

#include <gtk/gtk.h>
#include <stdlib.h>
#include <string.h>

#include "ferry-account-store.h"
#include "ferry-api-client.h"
#include "ferry-browser-signin.h"
#include "ferry-handoff-flow.h"
#include "ferry-loopback-server.h"
#include "ferry-oauth-flow.h"
#include "ferry-sandbox.h"
#include "ferry-session.h"
#include "ferry-token-store.h"
#include "ferry-uri-opener-gio.h"
#include "ferry-uri-opener-gtk.h"
#include "ferry-test-utils.h"
#include "browser-test-utils.h"

#define TENANT "72f988bf-86f1-41af-91ab-2d7cd011db47"
#define DEVOPS_ORG "contoso"
#define BROWSER_TIMEOUT_MS 90000

static FerryUriOpener *real_opener;
/* Browsers started by this test: the teardown waits until as many have exited. */
static guint launches;

/* ---- An opener that records what it opens and can hold it back ---- */

#define TEST_TYPE_RECORDING_OPENER (test_recording_opener_get_type ())
G_DECLARE_FINAL_TYPE (TestRecordingOpener, test_recording_opener, TEST, RECORDING_OPENER, GObject)

struct _TestRecordingOpener
{
  GObject    parent_instance;
  GPtrArray *uris;
  gboolean   hold;     /* record only; the test opens it later with release () */
};

static void test_recording_opener_iface_init (FerryUriOpenerInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestRecordingOpener, test_recording_opener, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (FERRY_TYPE_URI_OPENER, test_recording_opener_iface_init))

static void
real_open_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (ferry_uri_opener_open_finish (FERRY_URI_OPENER (object), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
recording_open_async (FerryUriOpener      *opener,
                      const char          *uri,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  TestRecordingOpener *self = TEST_RECORDING_OPENER (opener);
  g_autoptr(GTask) task = g_task_new (opener, cancellable, callback, user_data);

  g_ptr_array_add (self->uris, g_strdup (uri));
  if (self->hold)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  launches++;
  ferry_uri_opener_open_async (real_opener, uri, NULL, real_open_cb, g_steal_pointer (&task));
}

static gboolean
recording_open_finish (FerryUriOpener  *opener,
                       GAsyncResult    *result,
                       GError         **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
test_recording_opener_iface_init (FerryUriOpenerInterface *iface)
{
  iface->open_async = recording_open_async;
  iface->open_finish = recording_open_finish;
}

static void
test_recording_opener_finalize (GObject *object)
{
  TestRecordingOpener *self = TEST_RECORDING_OPENER (object);

  g_ptr_array_unref (self->uris);
  G_OBJECT_CLASS (test_recording_opener_parent_class)->finalize (object);
}

static void
test_recording_opener_class_init (TestRecordingOpenerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_recording_opener_finalize;
}

static void
test_recording_opener_init (TestRecordingOpener *self)
{
  self->uris = g_ptr_array_new_with_free_func (g_free);
}

static TestRecordingOpener *
recording_opener_new (gboolean hold)
{
  TestRecordingOpener *self = g_object_new (TEST_TYPE_RECORDING_OPENER, NULL);

  self->hold = hold;
  return self;
}

static gboolean
has_uris (gpointer data)
{
  return TEST_RECORDING_OPENER (data)->uris->len > 0;
}

static const char *
wait_first_uri (TestRecordingOpener *opener)
{
  g_assert_true (ferry_test_spin_until (has_uris, opener, 20000));
  return g_ptr_array_index (opener->uris, 0);
}

/* Opens the held URI in the real browser, exactly as the flow would have. */
static void
release (TestRecordingOpener *opener)
{
  const char *uri = wait_first_uri (opener);

  launches++;
  ferry_uri_opener_open_async (real_opener, uri, NULL, NULL, NULL);
}

/* ---- Waiting for async results ---- */

typedef struct
{
  GAsyncResult *result;
} Wait;

static void
capture_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  ((Wait *) user_data)->result = g_object_ref (result);
}

static gboolean
wait_done (gpointer data)
{
  return ((Wait *) data)->result != NULL;
}

static GAsyncResult *
wait_for (Wait  *wait,
          guint  timeout_ms)
{
  g_assert_true (ferry_test_spin_until (wait_done, wait, timeout_ms));
  return wait->result;
}

/* ---- Fixture ---- */

typedef struct
{
  FerrySandbox   *sandbox;
  GSettings      *settings;
  FerryApiClient *client;       /* the demo user's JWT */
  guint           rejected;
  gint64          started;      /* monotonic µs, for the duration message */
} Fixture;

static void
count_rejected_cb (GObject    *object,
                   const char *reason,
                   Fixture    *fixture)
{
  g_assert_nonnull (reason);
  g_assert_cmpstr (reason, !=, "");
  fixture->rejected++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *jwt = NULL;
  g_autoptr(FerryTokenProvider) provider = NULL;

  if (!browser_test_have_chromium ())
    {
      g_test_skip ("/usr/bin/chromium is not installed");
      return;
    }

  fixture->started = g_get_monotonic_time ();
  browser_test_reset_visits ();
  launches = 0;
  fixture->sandbox = ferry_sandbox_new (FERRY_SANDBOX_SEED_DEMO);
  ferry_sandbox_set_job_delay (fixture->sandbox, 20);
  g_assert_true (ferry_sandbox_start (fixture->sandbox, 0, &error));
  g_assert_no_error (error);

  fixture->settings = g_settings_new ("io.github.ferryapp.Ferry");
  g_settings_reset (fixture->settings, "oauth-flows");
  g_settings_reset (fixture->settings, "accounts");

  jwt = ferry_sandbox_issue_user_jwt (fixture->sandbox, 3600);
  provider = ferry_static_token_provider_new (jwt);
  fixture->client = ferry_api_client_new (ferry_sandbox_get_url (fixture->sandbox));
  ferry_api_client_set_token_provider (fixture->client, provider);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->sandbox == NULL)
    return;

  /* Every Chromium this test started has exited: nothing outlives the test. */
  g_assert_true (browser_test_wait_visits (launches, BROWSER_TIMEOUT_MS));
  g_assert_cmpuint (browser_test_count_finished_visits (), ==, launches);
  /* A number to watch, not an assertion. */
  g_test_message ("%s: %.1f s with %u browser run(s)", g_test_get_path (),
                  (g_get_monotonic_time () - fixture->started) / (double) G_USEC_PER_SEC, launches);

  g_clear_object (&fixture->client);
  g_clear_object (&fixture->settings);
  ferry_sandbox_stop (fixture->sandbox);
  g_clear_object (&fixture->sandbox);
}

static gboolean
need_secret_service (void)
{
  if (g_strcmp0 (g_getenv ("FERRY_TEST_SECRET_SERVICE"), "1") != 0)
    {
      g_test_skip ("needs the test keyring: run under tests/keyring-session.sh (FERRY_TEST_SECRET_SERVICE=1)");
      return FALSE;
    }
  return TRUE;
}

static guint
port_of_uri (const char *uri)
{
  g_autoptr(GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);

  g_assert_nonnull (parsed);
  return g_uri_get_port (parsed);
}

/* The redirect_uri in an authorize URI. */
static char *
redirect_of (const char *authorize_uri)
{
  const char *start = strstr (authorize_uri, "redirect_uri=");
  const char *end;

  g_assert_nonnull (start);
  start += strlen ("redirect_uri=");
  end = strchr (start, '&');
  g_assert_nonnull (end);
  return g_strndup (start, end - start);
}

static gboolean
some_dom_contains (const char *needle)
{
  g_autoptr(GPtrArray) doms = browser_test_get_visit_doms ();

  for (guint i = 0; i < doms->len; i++)
    {
      if (strstr (g_ptr_array_index (doms, i), needle) != NULL)
        return TRUE;
    }
  return FALSE;
}

static FerryConnection *
find_connection (Fixture    *fixture,
                 const char *name)
{
  g_autoptr(GListStore) list = NULL;
  g_autoptr(GError) error = NULL;
  Wait wait = { 0 };
  guint n;

  ferry_api_client_list_connections_async (fixture->client, NULL, NULL, capture_cb, &wait);
  list = ferry_api_client_list_connections_finish (fixture->client, wait_for (&wait, 20000), &error);
  g_clear_object (&wait.result);
  g_assert_no_error (error);

  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FerryConnection) connection = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (g_strcmp0 (ferry_connection_get_name (connection), name) == 0)
        return g_steal_pointer (&connection);
    }
  return NULL;
}

static FerryOAuthFlow *
new_oauth_flow (Fixture    *fixture,
                const char *name)
{
  g_autofree char *authorize = g_strconcat (ferry_sandbox_get_url (fixture->sandbox), "/sandbox/microsoft", NULL);
  FerryOAuthFlow *flow = ferry_oauth_flow_new (fixture->client, fixture->settings);

  ferry_oauth_flow_set_connection (flow, name, "Created by the browser test", NULL);
  ferry_oauth_flow_set_devops (flow, TENANT, DEVOPS_ORG);
  ferry_oauth_flow_set_authorize_base_url (flow, authorize);
  ferry_oauth_flow_set_organization_id (flow, ferry_sandbox_get_organization_id (fixture->sandbox));
  ferry_oauth_flow_set_poll_interval (flow, 200);
  g_signal_connect (flow, "request-rejected", G_CALLBACK (count_rejected_cb), fixture);

  return flow;
}

/* ---- (a) sign-in through the sandbox's login page ---- */

static FerrySession *
run_signin (Fixture             *fixture,
            FerryBrowserSignin  *signin,
            FerryUriOpener      *opener,
            GCancellable        *cancellable,
            GError             **error)
{
  Wait wait = { 0 };
  FerrySession *session;

  ferry_browser_signin_run_async (signin, opener, cancellable, capture_cb, &wait);
  session = ferry_browser_signin_run_finish (signin, wait_for (&wait, BROWSER_TIMEOUT_MS), error);
  g_clear_object (&wait.result);

  return session;
}

static void
assert_signed_in (Fixture           *fixture,
                  FerryAccountStore *accounts,
                  FerryTokenStore   *token_store,
                  FerrySession      *session)
{
  FerryAccount *account = ferry_session_get_account (session);
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;
  Wait wait = { 0 };

  g_assert_cmpint (ferry_session_get_state (session), ==, FERRY_SESSION_STATE_ACTIVE);
  g_assert_cmpstr (ferry_account_get_site_url (account), ==, ferry_sandbox_get_url (fixture->sandbox));
  g_assert_cmpstr (ferry_account_get_email (account), ==, ferry_sandbox_get_user_email (fixture->sandbox));
  g_assert_cmpstr (ferry_account_get_organization_id (account), ==, ferry_sandbox_get_organization_id (fixture->sandbox));
  g_assert_nonnull (ferry_account_store_lookup (accounts, ferry_account_get_id (account)));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (accounts)), ==, 1);

  /* The token is in the keyring, under this account. */
  ferry_token_store_lookup_async (token_store, ferry_account_get_site_url (account), ferry_account_get_id (account),
                                  FERRY_TOKEN_KIND_USER_JWT, NULL, capture_cb, &wait);
  secret = ferry_token_store_lookup_finish (token_store, wait_for (&wait, 20000), &error);
  g_clear_object (&wait.result);
  g_assert_no_error (error);
  g_assert_nonnull (secret);
  g_assert_nonnull (strstr (secret, "\"token\""));
}

static void
test_signin_loopback (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(FerryAccountStore) accounts = NULL;
  g_autoptr(FerryTokenStore) token_store = NULL;
  g_autoptr(FerryBrowserSignin) signin = NULL;
  g_autoptr(TestRecordingOpener) opener = recording_opener_new (FALSE);
  g_autoptr(FerrySession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected_prefix = NULL;
  const char *uri;

  if (fixture->sandbox == NULL || !need_secret_service ())
    return;

  ferry_sandbox_set_auto_browser (fixture->sandbox, TRUE);
  accounts = ferry_account_store_new (fixture->settings);
  token_store = ferry_token_store_new ();
  signin = ferry_browser_signin_new (accounts, token_store, ferry_sandbox_get_url (fixture->sandbox));
  g_signal_connect (signin, "request-rejected", G_CALLBACK (count_rejected_cb), fixture);

  session = run_signin (fixture, signin, FERRY_URI_OPENER (opener), NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (session);
  assert_signed_in (fixture, accounts, token_store, session);
  g_assert_cmpuint (fixture->rejected, ==, 0);

  /* Ferry opened exactly <site>/login?callback_port=P. */
  g_assert_cmpuint (opener->uris->len, ==, 1);
  uri = g_ptr_array_index (opener->uris, 0);
  expected_prefix = g_strconcat (ferry_sandbox_get_url (fixture->sandbox), "/login?callback_port=", NULL);
  g_assert_true (g_str_has_prefix (uri, expected_prefix));
  g_assert_true (browser_test_spin_until_port_free (atoi (uri + strlen (expected_prefix)), 10000));
  g_assert_null (ferry_browser_signin_get_login_uri (signin));
}

/* ---- (d) sign-in: stray and forged requests, then the real browser ---- */

static void
test_signin_stray_requests (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(FerryAccountStore) accounts = NULL;
  g_autoptr(FerryTokenStore) token_store = NULL;
  g_autoptr(FerryBrowserSignin) signin = NULL;
  g_autoptr(TestRecordingOpener) opener = recording_opener_new (TRUE);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(FerrySession) signed_in = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *loopback = NULL;
  g_autofree char *origin = NULL;
  g_autofree char *forged_body = NULL;
  g_autofree char *expired_jwt = NULL;
  g_autofree char *big = NULL;
  BrowserTestResponse *response;
  Wait wait = { 0 };
  guint port;

  if (fixture->sandbox == NULL || !need_secret_service ())
    return;

  ferry_sandbox_set_auto_browser (fixture->sandbox, TRUE);
  accounts = ferry_account_store_new (fixture->settings);
  token_store = ferry_token_store_new ();
  signin = ferry_browser_signin_new (accounts, token_store, ferry_sandbox_get_url (fixture->sandbox));
  g_signal_connect (signin, "request-rejected", G_CALLBACK (count_rejected_cb), fixture);
  ferry_browser_signin_run_async (signin, FERRY_URI_OPENER (opener), NULL, capture_cb, &wait);

  wait_first_uri (opener);
  port = ferry_browser_signin_get_port (signin);
  g_assert_cmpuint (port, >, 0);
  loopback = g_strdup_printf ("http://127.0.0.1:%u/", port);
  origin = g_strdup (ferry_sandbox_get_url (fixture->sandbox));

  {
    /* Preflight from another origin: 403 and no CORS headers. */
    const char *headers[] = { "Origin", "https://evil.example", "Access-Control-Request-Method", "POST", NULL };
    response = browser_test_request_full (session, "OPTIONS", loopback, NULL, headers, NULL, NULL, 0);
    g_assert_cmpuint (response->status, ==, SOUP_STATUS_FORBIDDEN);
    g_assert_null (response->allow_origin);
    browser_test_response_free (response);
  }
  {
    /* Preflight from the site: exactly its origin; Private Network only when asked. */
    const char *headers[] = { "Origin", origin, "Access-Control-Request-Method", "POST",
                              "Access-Control-Request-Headers", "content-type", NULL };
    const char *pna_headers[] = { "Origin", origin, "Access-Control-Request-Method", "POST",
                                  "Access-Control-Request-Private-Network", "true", NULL };

    response = browser_test_request_full (session, "OPTIONS", loopback, NULL, headers, NULL, NULL, 0);
    g_assert_cmpuint (response->status, ==, SOUP_STATUS_NO_CONTENT);
    g_assert_cmpstr (response->allow_origin, ==, origin);
    g_assert_cmpstr (response->allow_methods, ==, "POST, OPTIONS");
    g_assert_null (response->allow_private_network);
    browser_test_response_free (response);

    response = browser_test_request_full (session, "OPTIONS", loopback, NULL, pna_headers, NULL, NULL, 0);
    g_assert_cmpuint (response->status, ==, SOUP_STATUS_NO_CONTENT);
    g_assert_cmpstr (response->allow_private_network, ==, "true");
    browser_test_response_free (response);
  }
  {
    /* A token posted by another site: 403, never checked. */
    const char *headers[] = { "Origin", "https://evil.example", NULL };
    g_autofree char *jwt = ferry_sandbox_issue_user_jwt (fixture->sandbox, 3600);
    g_autofree char *body = g_strdup_printf ("{\"JTWToken\":\"%s\",\"email\":\"mallory@example.com\"}", jwt);

    response = browser_test_request_full (session, "POST", loopback, NULL, headers, "application/json", body, strlen (body));
    g_assert_cmpuint (response->status, ==, SOUP_STATUS_FORBIDDEN);
    g_assert_null (response->allow_origin);
    browser_test_response_free (response);
  }
  {
    /* The right origin, but text/plain (no preflight): refused. */
    const char *headers[] = { "Origin", origin, NULL };
    response = browser_test_request_full (session, "POST", loopback, NULL, headers, "text/plain", "{}", 2);
    g_assert_cmpuint (response->status, ==, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE);
    browser_test_response_free (response);
  }
  {
    /* The right origin and type, but an expired token: refused after the claims check. */
    const char *headers[] = { "Origin", origin, NULL };

    expired_jwt = ferry_sandbox_issue_user_jwt (fixture->sandbox, -600);
    forged_body = g_strdup_printf ("{\"JTWToken\":\"%s\",\"email\":\"%s\"}", expired_jwt,
                                   ferry_sandbox_get_user_email (fixture->sandbox));
    response = browser_test_request_full (session, "POST", loopback, NULL, headers, "application/json",
                                          forged_body, strlen (forged_body));
    g_assert_cmpuint (response->status, ==, SOUP_STATUS_UNAUTHORIZED);
    g_assert_cmpstr (response->allow_origin, ==, origin);
    browser_test_response_free (response);
  }
  {
    /* Hostile JSON from the right origin: members of the wrong type count as missing
     * (no critical: the tests run with fatal criticals); a JWT with a CR/LF in any
     * segment is refused before it gets near a header. */
    const char *headers[] = { "Origin", origin, NULL };
    g_autofree char *live_jwt = ferry_sandbox_issue_user_jwt (fixture->sandbox, 3600);
    g_autofree char *email_array = g_strdup_printf ("{\"JTWToken\":\"%s\",\"email\":[]}", expired_jwt);
    g_autofree char *crlf_header = NULL;
    const char *first_dot = strchr (live_jwt, '.');

    g_assert_nonnull (first_dot);
    crlf_header = g_strdup_printf ("{\"JTWToken\":\"%.*s\\r\\nX-Injected: 1%s\"}",
                                   (int) (first_dot - live_jwt), live_jwt, first_dot);

    response = browser_test_request_full (session, "POST", loopback, NULL, headers, "application/json",
                                          "{\"JTWToken\":{}}", 15);
    g_assert_cmpuint (response->status, ==, SOUP_STATUS_BAD_REQUEST);
    browser_test_response_free (response);

    response = browser_test_request_full (session, "POST", loopback, NULL, headers, "application/json",
                                          email_array, strlen (email_array));
    g_assert_cmpuint (response->status, ==, SOUP_STATUS_UNAUTHORIZED);
    browser_test_response_free (response);

    response = browser_test_request_full (session, "POST", loopback, NULL, headers, "application/json",
                                          crlf_header, strlen (crlf_header));
    g_assert_cmpuint (response->status, ==, SOUP_STATUS_BAD_REQUEST);
    browser_test_response_free (response);
  }
  {
    /* Another local process, not a browser, can send the site's Origin: a validly signed
     * token of an organization the user is not in, claiming someone else's email, is
     * refused by what the server says, and the flow goes on waiting. */
    const char *headers[] = { "Origin", origin, NULL };
    g_autofree char *foreign = ferry_sandbox_issue_user_jwt_for_organization (fixture->sandbox,
                                                                              "7d4c1e2f-0a9b-4c8d-9e6f-5a4b3c2d1e0f", 3600);
    g_autofree char *body = g_strdup_printf ("{\"JTWToken\":\"%s\",\"email\":\"someone-else@example.com\"}", foreign);

    response = browser_test_request_full (session, "POST", loopback, NULL, headers, "application/json",
                                          body, strlen (body));
    g_assert_cmpuint (response->status, ==, SOUP_STATUS_UNAUTHORIZED);
    browser_test_response_free (response);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (accounts)), ==, 0);
  }
  {
    /* Wrong path and method, and an oversize body. */
    const char *headers[] = { "Origin", origin, NULL };
    g_autofree char *other = g_strdup_printf ("http://127.0.0.1:%u/token", port);

    response = browser_test_request_full (session, "POST", other, NULL, headers, "application/json", "{}", 2);
    g_assert_cmpuint (response->status, ==, SOUP_STATUS_NOT_FOUND);
    browser_test_response_free (response);

    response = browser_test_request (session, "GET", loopback, NULL, NULL, 0);
    g_assert_cmpuint (response->status, ==, SOUP_STATUS_METHOD_NOT_ALLOWED);
    browser_test_response_free (response);

    big = g_strnfill (FERRY_LOOPBACK_DEFAULT_MAX_BODY + 1, 'a');
    response = browser_test_request_full (session, "POST", loopback, NULL, headers, "application/json",
                                          big, strlen (big));
    g_assert_cmpuint (response->status, ==, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE);
    browser_test_response_free (response);
  }
  soup_session_abort (session);

  g_assert_null (wait.result);
  g_assert_cmpuint (fixture->rejected, >=, 5);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (accounts)), ==, 0);

  /* Still waiting: the real browser completes it. */
  release (opener);
  signed_in = ferry_browser_signin_run_finish (signin, wait_for (&wait, BROWSER_TIMEOUT_MS), &error);
  g_clear_object (&wait.result);
  g_assert_no_error (error);
  assert_signed_in (fixture, accounts, token_store, signed_in);
}

/* ---- (e) sign-in: cancel frees the port ---- */

static void
test_signin_cancel (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(FerryAccountStore) accounts = NULL;
  g_autoptr(FerryTokenStore) token_store = NULL;
  g_autoptr(FerryBrowserSignin) signin = NULL;
  g_autoptr(TestRecordingOpener) opener = recording_opener_new (FALSE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  Wait wait = { 0 };
  guint port;

  if (fixture->sandbox == NULL)
    return;

  /* The login page waits for a click that never comes. */
  ferry_sandbox_set_auto_browser (fixture->sandbox, FALSE);
  accounts = ferry_account_store_new (fixture->settings);
  token_store = ferry_token_store_new ();
  signin = ferry_browser_signin_new (accounts, token_store, ferry_sandbox_get_url (fixture->sandbox));
  ferry_browser_signin_run_async (signin, FERRY_URI_OPENER (opener), cancellable, capture_cb, &wait);
  wait_first_uri (opener);
  port = ferry_browser_signin_get_port (signin);
  g_assert_cmpuint (port, >, 0);
  g_assert_nonnull (ferry_browser_signin_get_login_uri (signin));

  /* The browser has been there and gone, and Ferry still waits. */
  g_assert_true (browser_test_wait_visits (1, BROWSER_TIMEOUT_MS));
  g_assert_true (some_dom_contains ("Log in to Infisical"));
  g_assert_null (wait.result);
  g_assert_false (browser_test_port_is_free (port));

  g_cancellable_cancel (cancellable);
  g_assert_null (ferry_browser_signin_run_finish (signin, wait_for (&wait, 10000), &error));
  g_clear_object (&wait.result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (browser_test_port_is_free (port));
  g_assert_cmpuint (ferry_browser_signin_get_port (signin), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (accounts)), ==, 0);
}

/* ---- (g) paste fallback ---- */

static char *
browser_token (const char *jwt,
               const char *email)
{
  g_autofree char *json = g_strdup_printf ("{\"email\":\"%s\",\"privateKey\":\"\",\"JTWToken\":\"%s\"}", email, jwt);

  return g_base64_encode ((const guchar *) json, strlen (json));
}

static FerrySession *
paste (Fixture            *fixture,
       FerryAccountStore  *accounts,
       FerryTokenStore    *token_store,
       const char         *text,
       GError            **error)
{
  Wait wait = { 0 };
  FerrySession *session;

  ferry_browser_signin_sign_in_with_pasted_token_async (accounts, token_store, ferry_sandbox_get_url (fixture->sandbox),
                                                        text, NULL, capture_cb, &wait);
  session = ferry_browser_signin_sign_in_with_pasted_token_finish (wait_for (&wait, 20000), error);
  g_clear_object (&wait.result);
  return session;
}

static void
test_signin_paste (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(FerryAccountStore) accounts = NULL;
  g_autoptr(FerryTokenStore) token_store = NULL;
  g_autoptr(FerrySession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *jwt = NULL;
  g_autofree char *expired = NULL;
  g_autofree char *good = NULL;
  g_autofree char *padded = NULL;
  g_autofree char *bad_expired = NULL;
  g_autofree char *not_json = g_base64_encode ((const guchar *) "hello", 5);
  g_autofree char *no_token = g_base64_encode ((const guchar *) "{\"email\":\"a@b.c\"}", 17);
  g_autofree char *parsed_jwt = NULL;
  g_autofree char *parsed_email = NULL;
  const char *malformed[] = { "", "   ", "not a token!", "eyJhbGciOiJIUzI1NiJ9.e30.x", "abc", NULL };
  const char *email;

  if (fixture->sandbox == NULL)
    return;

  accounts = ferry_account_store_new (fixture->settings);
  token_store = ferry_token_store_new ();
  email = ferry_sandbox_get_user_email (fixture->sandbox);
  jwt = ferry_sandbox_issue_user_jwt (fixture->sandbox, 3600);
  expired = ferry_sandbox_issue_user_jwt (fixture->sandbox, -600);
  good = browser_token (jwt, email);
  bad_expired = browser_token (expired, email);

  /* Parsing: whitespace around and inside (a wrapped copy), exact base64 of the payload. */
  padded = g_strdup_printf ("  \n%.*s\n%s\t\n", 20, good, good + 20);
  g_assert_true (ferry_browser_token_parse (padded, &parsed_jwt, &parsed_email, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (parsed_jwt, ==, jwt);
  g_assert_cmpstr (parsed_email, ==, email);

  for (guint i = 0; malformed[i] != NULL; i++)
    {
      g_autofree char *out = NULL;

      g_assert_false (ferry_browser_token_parse (malformed[i], &out, NULL, &error));
      g_assert_error (error, FERRY_AUTH_ERROR, FERRY_AUTH_ERROR_INVALID_TOKEN);
      g_assert_null (out);
      g_clear_error (&error);
    }
  g_assert_false (ferry_browser_token_parse (not_json, &parsed_jwt, NULL, &error));
  g_assert_error (error, FERRY_AUTH_ERROR, FERRY_AUTH_ERROR_INVALID_TOKEN);
  g_clear_error (&error);
  g_assert_false (ferry_browser_token_parse (no_token, &parsed_jwt, NULL, &error));
  g_assert_error (error, FERRY_AUTH_ERROR, FERRY_AUTH_ERROR_INVALID_TOKEN);
  g_clear_error (&error);

  /* Malformed and expired tokens are refused and nothing is stored. */
  g_assert_null (paste (fixture, accounts, token_store, "definitely not a token", &error));
  g_assert_error (error, FERRY_AUTH_ERROR, FERRY_AUTH_ERROR_INVALID_TOKEN);
  g_clear_error (&error);
  g_assert_null (paste (fixture, accounts, token_store, bad_expired, &error));
  g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_TOKEN_EXPIRED);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (accounts)), ==, 0);

  /* A good token signs in: account and keyring entry. */
  if (!need_secret_service ())
    return;
  session = paste (fixture, accounts, token_store, padded, &error);
  g_assert_no_error (error);
  g_assert_nonnull (session);
  assert_signed_in (fixture, accounts, token_store, session);
}

/* ---- OAuth: pure parts ---- */

static void
test_oauth_authorize_uri (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *state = ferry_oauth_flow_generate_state (&error);
  g_autofree char *other = ferry_oauth_flow_generate_state (&error);
  g_autofree char *uri = NULL;
  g_autofree char *common = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (strlen (state), ==, 32 + strlen ("<:>azure-devops"));
  g_assert_true (g_str_has_suffix (state, "<:>azure-devops"));
  for (guint i = 0; i < 32; i++)
    g_assert_true (g_ascii_isxdigit (state[i]) && !g_ascii_isupper (state[i]));
  g_assert_cmpstr (state, !=, other);

  uri = ferry_oauth_flow_build_authorize_uri ("https://login.microsoftonline.com/", "contoso.onmicrosoft.com",
                                              "0a1b2c3d-client", "http://127.0.0.1:4567/oauth/callback",
                                              "00112233445566778899aabbccddeeff<:>azure-devops");
  g_assert_cmpstr (uri, ==,
                   "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/authorize"
                   "?client_id=0a1b2c3d-client&response_type=code"
                   "&redirect_uri=http://127.0.0.1:4567/oauth/callback&response_mode=query"
                   "&scope=https://azconfig.io/.default%20openid%20offline_access"
                   "&state=00112233445566778899aabbccddeeff<:>azure-devops");

  common = ferry_oauth_flow_build_authorize_uri ("https://login.microsoftonline.com", NULL, "id",
                                                 "http://127.0.0.1:1/oauth/callback", "s");
  g_assert_true (g_str_has_prefix (common, "https://login.microsoftonline.com/common/oauth2/v2.0/authorize?"));
}

static void
test_oauth_choice (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.ferryapp.Ferry");
  g_autoptr(GVariant) flows = NULL;
  const char *value = NULL;

  g_settings_reset (settings, "oauth-flows");

  g_assert_cmpint (ferry_oauth_flow_kind_for_site (settings, "https://app.infisical.com"), ==, FERRY_OAUTH_FLOW_KIND_HANDOFF);
  g_assert_cmpint (ferry_oauth_flow_kind_for_site (settings, "https://eu.infisical.com"), ==, FERRY_OAUTH_FLOW_KIND_HANDOFF);
  g_assert_cmpint (ferry_oauth_flow_kind_for_site (NULL, "https://us.infisical.com"), ==, FERRY_OAUTH_FLOW_KIND_HANDOFF);
  g_assert_cmpint (ferry_oauth_flow_kind_for_site (settings, "https://infisical.example.com"), ==, FERRY_OAUTH_FLOW_KIND_LOOPBACK);
  g_assert_cmpint (ferry_oauth_flow_kind_for_site (settings, "https://notinfisical.com"), ==, FERRY_OAUTH_FLOW_KIND_LOOPBACK);

  ferry_oauth_flow_remember_kind (settings, "https://secrets.example.org", FERRY_OAUTH_FLOW_KIND_HANDOFF);
  ferry_oauth_flow_remember_kind (settings, "https://app.infisical.com", FERRY_OAUTH_FLOW_KIND_LOOPBACK);
  g_assert_cmpint (ferry_oauth_flow_kind_for_site (settings, "https://secrets.example.org"), ==, FERRY_OAUTH_FLOW_KIND_HANDOFF);
  g_assert_cmpint (ferry_oauth_flow_kind_for_site (settings, "https://app.infisical.com"), ==, FERRY_OAUTH_FLOW_KIND_LOOPBACK);

  flows = g_settings_get_value (settings, "oauth-flows");
  g_assert_cmpuint (g_variant_n_children (flows), ==, 2);
  g_assert_true (g_variant_lookup (flows, "https://secrets.example.org", "&s", &value));
  g_assert_cmpstr (value, ==, "handoff");

  g_settings_reset (settings, "oauth-flows");
}

static void
test_handoff_page_uri (void)
{
  g_autofree char *org = ferry_handoff_flow_build_page_uri ("https://app.infisical.com", "org-1", NULL);
  g_autofree char *project = ferry_handoff_flow_build_page_uri ("https://app.infisical.com", "org-1", "p-2");
  g_autofree char *legacy = ferry_handoff_flow_build_page_uri ("https://app.infisical.com", NULL, NULL);

  g_assert_cmpstr (org, ==, "https://app.infisical.com/organizations/org-1/app-connections");
  g_assert_cmpstr (project, ==, "https://app.infisical.com/organizations/org-1/projects/secret-management/p-2/app-connections");
  g_assert_cmpstr (legacy, ==, "https://app.infisical.com/organization/app-connections");
}

/* ---- (b), (c): the consent page through the loopback ---- */

static FerryConnection *
run_oauth (FerryOAuthFlow  *flow,
           FerryUriOpener  *opener,
           GCancellable    *cancellable,
           GError         **error)
{
  Wait wait = { 0 };
  FerryConnection *connection;

  ferry_oauth_flow_run_async (flow, opener, cancellable, capture_cb, &wait);
  connection = ferry_oauth_flow_run_finish (flow, wait_for (&wait, BROWSER_TIMEOUT_MS), error);
  g_clear_object (&wait.result);
  return connection;
}

static void
test_oauth_loopback (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(FerryOAuthFlow) flow = NULL;
  g_autoptr(TestRecordingOpener) opener = recording_opener_new (FALSE);
  g_autoptr(FerryConnection) connection = NULL;
  g_autoptr(FerryConnection) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *redirect = NULL;
  g_autofree char *authorize_prefix = NULL;
  const char *uri;

  if (fixture->sandbox == NULL)
    return;

  ferry_sandbox_set_oauth_redirect (fixture->sandbox, FERRY_SANDBOX_OAUTH_REDIRECT_LOOPBACK);
  ferry_sandbox_set_auto_browser (fixture->sandbox, TRUE);
  flow = new_oauth_flow (fixture, "ado-oauth-loopback");
  g_assert_cmpint (ferry_oauth_flow_get_kind (flow), ==, FERRY_OAUTH_FLOW_KIND_LOOPBACK);

  connection = run_oauth (flow, FERRY_URI_OPENER (opener), NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (connection);
  g_assert_cmpstr (ferry_connection_get_name (connection), ==, "ado-oauth-loopback");
  g_assert_cmpint (ferry_connection_get_method (connection), ==, FERRY_CONNECTION_METHOD_OAUTH);
  g_assert_cmpstr (ferry_connection_get_org_name (connection), ==, DEVOPS_ORG);
  g_assert_cmpstr (ferry_connection_get_tenant_id (connection), ==, TENANT);
  g_assert_cmpuint (fixture->rejected, ==, 0);

  /* The sandbox has it. */
  stored = find_connection (fixture, "ado-oauth-loopback");
  g_assert_nonnull (stored);
  g_assert_cmpstr (ferry_resource_get_id (FERRY_RESOURCE (stored)), ==, ferry_resource_get_id (FERRY_RESOURCE (connection)));

  /* What Ferry opened: the web UI's authorize URL, with our loopback redirect. */
  uri = g_ptr_array_index (opener->uris, 0);
  authorize_prefix = g_strconcat (ferry_sandbox_get_url (fixture->sandbox),
                                  "/sandbox/microsoft/" TENANT "/oauth2/v2.0/authorize?client_id=", NULL);
  g_assert_true (g_str_has_prefix (uri, authorize_prefix));
  g_assert_nonnull (strstr (uri, "&response_type=code&redirect_uri=http://127.0.0.1:"));
  g_assert_nonnull (strstr (uri, "/oauth/callback&response_mode=query&scope=https://azconfig.io/.default%20openid%20offline_access&state="));
  g_assert_true (g_str_has_suffix (uri, "<:>azure-devops"));

  /* The browser got Ferry's page, and the port is free again. */
  g_assert_true (browser_test_wait_visits (1, BROWSER_TIMEOUT_MS));
  g_assert_true (some_dom_contains ("Azure DevOps Connected"));
  redirect = redirect_of (uri);
  g_assert_true (browser_test_spin_until_port_free (port_of_uri (redirect), 10000));
  /* Loopback worked, and that is remembered for this server. */
  g_assert_cmpint (ferry_oauth_flow_get_kind (flow), ==, FERRY_OAUTH_FLOW_KIND_LOOPBACK);
  {
    g_autoptr(GVariant) flows = g_settings_get_value (fixture->settings, "oauth-flows");
    const char *remembered = NULL;

    g_assert_true (g_variant_lookup (flows, ferry_sandbox_get_url (fixture->sandbox), "&s", &remembered));
    g_assert_cmpstr (remembered, ==, "loopback");
  }
}

/* Only a redirect-URI mismatch means the server cannot redeem loopback codes. */
static void
test_oauth_mismatch_codes (void)
{
  const char *mismatch[] = {
    "Failed to get access token: AADSTS500112: The reply address 'a' does not match the reply address 'b'.",
    "Failed to get access token: AADSTS50011: The redirect URI 'x' does not match. Trace ID: 1",
  };
  const char *other[] = {
    "Failed to get access token: AADSTS54005: OAuth2 Authorization code was already redeemed.",
    "Failed to get access token: AADSTS70008: The provided authorization code has expired.",
    "Failed to get access token: AADSTS9002313: Invalid request. Request is malformed or invalid.",
    "Failed to get access token: AADSTS500113: No reply address is registered.",
    "Failed to get access token: AADSTS5001120: made up",
    "Failed to get access token: ",
    "Failed to get access token",
    "AADSTS500112: not after the server's prefix",
    "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (mismatch); i++)
    g_assert_true (ferry_oauth_is_redirect_mismatch (mismatch[i]));
  for (guint i = 0; i < G_N_ELEMENTS (other); i++)
    g_assert_false (ferry_oauth_is_redirect_mismatch (other[i]));
  g_assert_false (ferry_oauth_is_redirect_mismatch (NULL));
}

/* A code Microsoft refuses for another reason (here unknown: AADSTS9002313) fails this
 * attempt only: no switch to the hand-off, and the next attempt works. */
static void
test_oauth_code_rejected (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(FerryOAuthFlow) flow = NULL;
  g_autoptr(FerryOAuthFlow) again = NULL;
  g_autoptr(TestRecordingOpener) opener = recording_opener_new (TRUE);
  g_autoptr(TestRecordingOpener) again_opener = recording_opener_new (FALSE);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(FerryConnection) connection = NULL;
  g_autoptr(GVariant) flows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *redirect = NULL;
  g_autofree char *state = NULL;
  g_autofree char *callback = NULL;
  const char *remembered = NULL;
  const char *uri;
  BrowserTestResponse *response;
  Wait wait = { 0 };

  if (fixture->sandbox == NULL)
    return;

  ferry_sandbox_set_oauth_redirect (fixture->sandbox, FERRY_SANDBOX_OAUTH_REDIRECT_LOOPBACK);
  ferry_sandbox_set_auto_browser (fixture->sandbox, TRUE);
  flow = new_oauth_flow (fixture, "ado-oauth-code-rejected");
  ferry_oauth_flow_run_async (flow, FERRY_URI_OPENER (opener), NULL, capture_cb, &wait);
  uri = wait_first_uri (opener);
  redirect = redirect_of (uri);
  g_assert_nonnull (strstr (uri, "&state="));
  state = g_uri_escape_string (strstr (uri, "&state=") + strlen ("&state="), NULL, FALSE);

  /* The right state with a code Microsoft never issued. */
  callback = g_strdup_printf ("%s?code=never-issued&state=%s", redirect, state);
  response = browser_test_request (session, "GET", callback, NULL, NULL, 0);
  g_assert_cmpuint (response->status, ==, SOUP_STATUS_OK);
  g_assert_nonnull (strstr (response->body, "try again"));
  browser_test_response_free (response);
  soup_session_abort (session);

  g_assert_null (ferry_oauth_flow_run_finish (flow, wait_for (&wait, BROWSER_TIMEOUT_MS), &error));
  g_clear_object (&wait.result);
  g_assert_error (error, FERRY_AUTH_ERROR, FERRY_AUTH_ERROR_CODE_REJECTED);
  g_assert_true (g_str_has_prefix (ferry_auth_error_get_detail (error), "Failed to get access token: AADSTS9002313"));
  g_clear_error (&error);

  /* Nothing remembered: still loopback. */
  g_assert_cmpint (ferry_oauth_flow_get_kind (flow), ==, FERRY_OAUTH_FLOW_KIND_LOOPBACK);
  flows = g_settings_get_value (fixture->settings, "oauth-flows");
  g_assert_false (g_variant_lookup (flows, ferry_sandbox_get_url (fixture->sandbox), "&s", &remembered));

  /* Trying again works. */
  again = new_oauth_flow (fixture, "ado-oauth-code-rejected");
  g_assert_cmpint (ferry_oauth_flow_get_kind (again), ==, FERRY_OAUTH_FLOW_KIND_LOOPBACK);
  connection = run_oauth (again, FERRY_URI_OPENER (again_opener), NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (connection);
  g_assert_cmpstr (ferry_connection_get_name (connection), ==, "ado-oauth-code-rejected");
}

static void
test_oauth_deny (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(FerryOAuthFlow) flow = NULL;
  g_autoptr(TestRecordingOpener) opener = recording_opener_new (FALSE);
  g_autoptr(FerryConnection) connection = NULL;
  g_autoptr(FerryConnection) stored = NULL;
  g_autoptr(GError) error = NULL;

  if (fixture->sandbox == NULL)
    return;

  ferry_sandbox_set_oauth_redirect (fixture->sandbox, FERRY_SANDBOX_OAUTH_REDIRECT_LOOPBACK);
  ferry_sandbox_set_default_consent (fixture->sandbox, "deny");
  flow = new_oauth_flow (fixture, "ado-oauth-denied");

  connection = run_oauth (flow, FERRY_URI_OPENER (opener), NULL, &error);
  g_assert_null (connection);
  g_assert_error (error, FERRY_AUTH_ERROR, FERRY_AUTH_ERROR_ACCESS_DENIED);
  g_assert_nonnull (strstr (error->message, "declined"));
  /* Microsoft's own words, one click away. */
  g_assert_true (g_str_has_prefix (ferry_auth_error_get_detail (error), "access_denied: AADSTS65004"));

  stored = find_connection (fixture, "ado-oauth-denied");
  g_assert_null (stored);
  g_assert_true (browser_test_wait_visits (1, BROWSER_TIMEOUT_MS));
  g_assert_true (some_dom_contains ("Azure DevOps Not Connected"));
}

/* ---- (d) OAuth: forged state and stray requests, then the real browser ---- */

static void
test_oauth_stray_requests (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(FerryOAuthFlow) flow = NULL;
  g_autoptr(TestRecordingOpener) opener = recording_opener_new (TRUE);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(FerryConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *redirect = NULL;
  g_autofree char *forged = NULL;
  g_autofree char *forged_error = NULL;
  g_autofree char *other_path = NULL;
  g_autofree char *big = NULL;
  BrowserTestResponse *response;
  Wait wait = { 0 };

  if (fixture->sandbox == NULL)
    return;

  ferry_sandbox_set_oauth_redirect (fixture->sandbox, FERRY_SANDBOX_OAUTH_REDIRECT_LOOPBACK);
  ferry_sandbox_set_auto_browser (fixture->sandbox, TRUE);
  flow = new_oauth_flow (fixture, "ado-oauth-stray");
  ferry_oauth_flow_run_async (flow, FERRY_URI_OPENER (opener), NULL, capture_cb, &wait);
  redirect = redirect_of (wait_first_uri (opener));

  /* A forged state, with a code and with an error: both ignored. */
  forged = g_strconcat (redirect, "?code=forged-code&state=0123456789abcdef0123456789abcdef%3C%3A%3Eazure-devops", NULL);
  response = browser_test_request (session, "GET", forged, NULL, NULL, 0);
  g_assert_cmpuint (response->status, ==, SOUP_STATUS_BAD_REQUEST);
  browser_test_response_free (response);
  forged_error = g_strconcat (redirect, "?error=access_denied&state=nope", NULL);
  response = browser_test_request (session, "GET", forged_error, NULL, NULL, 0);
  g_assert_cmpuint (response->status, ==, SOUP_STATUS_BAD_REQUEST);
  browser_test_response_free (response);
  g_assert_cmpuint (fixture->rejected, ==, 2);

  /* Wrong method, wrong path, oversize body. */
  response = browser_test_request (session, "POST", redirect, NULL, "code=x", 6);
  g_assert_cmpuint (response->status, ==, SOUP_STATUS_METHOD_NOT_ALLOWED);
  browser_test_response_free (response);
  other_path = g_strdup_printf ("http://127.0.0.1:%u/callback?code=x&state=y", port_of_uri (redirect));
  response = browser_test_request (session, "GET", other_path, NULL, NULL, 0);
  g_assert_cmpuint (response->status, ==, SOUP_STATUS_NOT_FOUND);
  browser_test_response_free (response);
  big = g_strnfill (FERRY_LOOPBACK_DEFAULT_MAX_BODY + 1, 'a');
  response = browser_test_request (session, "GET", redirect, NULL, big, strlen (big));
  g_assert_cmpuint (response->status, ==, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE);
  browser_test_response_free (response);
  soup_session_abort (session);

  g_assert_null (wait.result);
  g_assert_null (find_connection (fixture, "ado-oauth-stray"));

  /* The real browser still completes it. */
  release (opener);
  connection = ferry_oauth_flow_run_finish (flow, wait_for (&wait, BROWSER_TIMEOUT_MS), &error);
  g_clear_object (&wait.result);
  g_assert_no_error (error);
  g_assert_cmpstr (ferry_connection_get_name (connection), ==, "ado-oauth-stray");
  g_assert_cmpuint (fixture->rejected, ==, 2);
}

/* ---- (e) OAuth: timeout and cancel free the port ---- */

static void
test_oauth_timeout (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(FerryOAuthFlow) flow = NULL;
  g_autoptr(TestRecordingOpener) opener = recording_opener_new (FALSE);
  g_autoptr(GError) error = NULL;
  g_autofree char *redirect = NULL;
  Wait wait = { 0 };
  guint port;

  if (fixture->sandbox == NULL)
    return;

  /* The consent page waits for a click that never comes. */
  ferry_sandbox_set_oauth_redirect (fixture->sandbox, FERRY_SANDBOX_OAUTH_REDIRECT_LOOPBACK);
  ferry_sandbox_set_default_consent (fixture->sandbox, NULL);
  flow = new_oauth_flow (fixture, "ado-oauth-timeout");
  ferry_oauth_flow_set_timeout (flow, 3);
  ferry_oauth_flow_run_async (flow, FERRY_URI_OPENER (opener), NULL, capture_cb, &wait);
  redirect = redirect_of (wait_first_uri (opener));
  port = port_of_uri (redirect);
  g_assert_false (browser_test_port_is_free (port));

  g_assert_null (ferry_oauth_flow_run_finish (flow, wait_for (&wait, BROWSER_TIMEOUT_MS), &error));
  g_clear_object (&wait.result);
  g_assert_error (error, FERRY_LOOPBACK_ERROR, FERRY_LOOPBACK_ERROR_TIMED_OUT);
  g_assert_true (browser_test_port_is_free (port));
  g_assert_null (find_connection (fixture, "ado-oauth-timeout"));
}

static void
test_oauth_cancel (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(FerryOAuthFlow) flow = NULL;
  g_autoptr(TestRecordingOpener) opener = recording_opener_new (FALSE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *redirect = NULL;
  Wait wait = { 0 };
  guint port;

  if (fixture->sandbox == NULL)
    return;

  ferry_sandbox_set_oauth_redirect (fixture->sandbox, FERRY_SANDBOX_OAUTH_REDIRECT_LOOPBACK);
  ferry_sandbox_set_default_consent (fixture->sandbox, NULL);
  flow = new_oauth_flow (fixture, "ado-oauth-cancel");
  ferry_oauth_flow_run_async (flow, FERRY_URI_OPENER (opener), cancellable, capture_cb, &wait);
  redirect = redirect_of (wait_first_uri (opener));
  port = port_of_uri (redirect);

  /* Chromium showed the consent page and left; Ferry still waits. */
  g_assert_true (browser_test_wait_visits (1, BROWSER_TIMEOUT_MS));
  g_assert_null (wait.result);
  g_assert_false (browser_test_port_is_free (port));

  g_cancellable_cancel (cancellable);
  g_assert_null (ferry_oauth_flow_run_finish (flow, wait_for (&wait, 10000), &error));
  g_clear_object (&wait.result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (browser_test_port_is_free (port));
}

static void
test_oauth_not_configured (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(FerryOAuthFlow) flow = NULL;
  g_autoptr(TestRecordingOpener) opener = recording_opener_new (TRUE);
  g_autoptr(GError) error = NULL;

  if (fixture->sandbox == NULL)
    return;

  ferry_sandbox_set_oauth_configured (fixture->sandbox, FALSE);
  flow = new_oauth_flow (fixture, "ado-oauth-unconfigured");
  g_assert_null (run_oauth (flow, FERRY_URI_OPENER (opener), NULL, &error));
  g_assert_error (error, FERRY_AUTH_ERROR, FERRY_AUTH_ERROR_NOT_CONFIGURED);
  g_assert_cmpstr (error->message, ==, "OAuth is not configured on this Infisical server; use an access token or client secret");
  g_assert_cmpuint (opener->uris->len, ==, 0);
}

/* ---- (f) the redirect mismatch switches to hand-off, which finds the connection ---- */

typedef struct
{
  Fixture  *fixture;
  gboolean  created;
} CreateLater;

static void
create_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  CreateLater *later = user_data;
  g_autoptr(FerryConnection) connection = NULL;
  g_autoptr(GError) error = NULL;

  connection = ferry_api_client_create_connection_finish (FERRY_API_CLIENT (object), result, &error);
  g_assert_no_error (error);
  later->created = TRUE;
}

static void
test_handoff_after_mismatch (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(FerryOAuthFlow) flow = NULL;
  g_autoptr(FerryOAuthFlow) again = NULL;
  g_autoptr(TestRecordingOpener) opener = recording_opener_new (FALSE);
  g_autoptr(TestRecordingOpener) handoff_opener = recording_opener_new (FALSE);
  g_autoptr(FerryConnection) connection = NULL;
  g_autoptr(GVariant) flows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *page = NULL;
  const char *remembered = NULL;
  CreateLater later = { fixture, FALSE };
  Wait wait = { 0 };

  if (fixture->sandbox == NULL)
    return;

  /* Like stock Infisical: the server redeems codes only with its own callback. */
  ferry_sandbox_set_oauth_redirect (fixture->sandbox, FERRY_SANDBOX_OAUTH_REDIRECT_SITE);
  ferry_sandbox_set_auto_browser (fixture->sandbox, TRUE);
  flow = new_oauth_flow (fixture, "ado-oauth-handoff");
  g_assert_cmpint (ferry_oauth_flow_get_kind (flow), ==, FERRY_OAUTH_FLOW_KIND_LOOPBACK);

  g_assert_null (run_oauth (flow, FERRY_URI_OPENER (opener), NULL, &error));
  g_assert_error (error, FERRY_AUTH_ERROR, FERRY_AUTH_ERROR_REDIRECT_REJECTED);
  g_assert_true (g_str_has_prefix (ferry_auth_error_get_detail (error), "Failed to get access token: "));
  g_clear_error (&error);
  g_assert_null (find_connection (fixture, "ado-oauth-handoff"));

  /* Remembered for this server. */
  flows = g_settings_get_value (fixture->settings, "oauth-flows");
  g_assert_true (g_variant_lookup (flows, ferry_sandbox_get_url (fixture->sandbox), "&s", &remembered));
  g_assert_cmpstr (remembered, ==, "handoff");
  g_assert_true (browser_test_wait_visits (1, BROWSER_TIMEOUT_MS));
  g_assert_true (some_dom_contains ("Azure DevOps Not Connected"));

  /* The next attempt hands off to the server's App Connections page and polls. */
  again = new_oauth_flow (fixture, "ado-oauth-handoff");
  g_assert_cmpint (ferry_oauth_flow_get_kind (again), ==, FERRY_OAUTH_FLOW_KIND_HANDOFF);
  ferry_oauth_flow_run_async (again, FERRY_URI_OPENER (handoff_opener), NULL, capture_cb, &wait);
  page = g_strdup_printf ("%s/organizations/%s/app-connections", ferry_sandbox_get_url (fixture->sandbox),
                          ferry_sandbox_get_organization_id (fixture->sandbox));
  g_assert_cmpstr (wait_first_uri (handoff_opener), ==, page);

  /* Meanwhile, the connection is made in the web page (here: straight through the API). */
  ferry_test_spin_for (500);
  g_assert_null (wait.result);
  {
    g_autoptr(JsonObject) body = NULL;

    body = ferry_connection_build_create_body (FERRY_CONNECTION_METHOD_ACCESS_TOKEN,
                                               ferry_connection_credentials_access_token (ferry_sandbox_get_devops_pat (fixture->sandbox, DEVOPS_ORG), DEVOPS_ORG),
                                               "ado-oauth-handoff", NULL, NULL);
    ferry_api_client_create_connection_async (fixture->client, body, NULL, create_cb, &later);
  }

  connection = ferry_oauth_flow_run_finish (again, wait_for (&wait, BROWSER_TIMEOUT_MS), &error);
  g_clear_object (&wait.result);
  g_assert_no_error (error);
  /* The flow's poll can find the connection before the create's own answer is dispatched. */
  FERRY_TEST_WAIT_FOR (later.created, "later.created", 20000, (void) 0);
  g_assert_cmpstr (ferry_connection_get_name (connection), ==, "ado-oauth-handoff");
}

static void
test_handoff_timeout (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(FerryHandoffFlow) handoff = NULL;
  g_autoptr(TestRecordingOpener) opener = recording_opener_new (FALSE);
  g_autoptr(GError) error = NULL;
  Wait wait = { 0 };

  if (fixture->sandbox == NULL)
    return;

  handoff = ferry_handoff_flow_new (fixture->client);
  ferry_handoff_flow_set_expected (handoff, "ado-never-made", NULL);
  ferry_handoff_flow_set_organization_id (handoff, ferry_sandbox_get_organization_id (fixture->sandbox));
  ferry_handoff_flow_set_poll_interval (handoff, 200);
  ferry_handoff_flow_set_time_limit (handoff, 2);
  ferry_handoff_flow_run_async (handoff, FERRY_URI_OPENER (opener), NULL, capture_cb, &wait);
  g_assert_null (ferry_handoff_flow_run_finish (handoff, wait_for (&wait, BROWSER_TIMEOUT_MS), &error));
  g_clear_object (&wait.result);
  g_assert_error (error, FERRY_AUTH_ERROR, FERRY_AUTH_ERROR_TIMED_OUT);
  g_assert_cmpuint (opener->uris->len, ==, 1);
}

/* ---- Reconnecting: PATCH with the new code; hand-off sees the credentials change ---- */

static void
test_oauth_reconnect (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(FerryOAuthFlow) flow = NULL;
  g_autoptr(FerryOAuthFlow) reconnect = NULL;
  g_autoptr(TestRecordingOpener) opener = recording_opener_new (FALSE);
  g_autoptr(FerryConnection) created = NULL;
  g_autoptr(FerryConnection) updated = NULL;
  g_autoptr(FerryConnection) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  const char *id;

  if (fixture->sandbox == NULL)
    return;

  ferry_sandbox_set_oauth_redirect (fixture->sandbox, FERRY_SANDBOX_OAUTH_REDIRECT_LOOPBACK);
  ferry_sandbox_set_auto_browser (fixture->sandbox, TRUE);
  flow = new_oauth_flow (fixture, "ado-oauth-reconnect");
  created = run_oauth (flow, FERRY_URI_OPENER (opener), NULL, &error);
  g_assert_no_error (error);
  id = ferry_resource_get_id (FERRY_RESOURCE (created));
  hash = g_strdup (ferry_connection_get_credentials_hash (created));

  reconnect = new_oauth_flow (fixture, "ado-oauth-reconnect");
  ferry_oauth_flow_set_reconnect (reconnect, id, NULL);
  updated = run_oauth (reconnect, FERRY_URI_OPENER (opener), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (opener->uris->len, ==, 2);

  /* The same connection, new credentials, and still only one of that name. */
  g_assert_cmpstr (ferry_resource_get_id (FERRY_RESOURCE (updated)), ==, id);
  g_assert_cmpstr (ferry_connection_get_credentials_hash (updated), !=, hash);
  stored = find_connection (fixture, "ado-oauth-reconnect");
  g_assert_cmpstr (ferry_resource_get_id (FERRY_RESOURCE (stored)), ==, id);
  g_assert_cmpstr (ferry_connection_get_credentials_hash (stored), ==, ferry_connection_get_credentials_hash (updated));
}

static void
update_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  CreateLater *later = user_data;
  g_autoptr(FerryConnection) connection = NULL;
  g_autoptr(GError) error = NULL;

  connection = ferry_api_client_update_connection_finish (FERRY_API_CLIENT (object), result, &error);
  g_assert_no_error (error);
  later->created = TRUE;
}

static void
test_handoff_reconnect (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(FerryHandoffFlow) handoff = NULL;
  g_autoptr(TestRecordingOpener) opener = recording_opener_new (FALSE);
  g_autoptr(FerryConnection) existing = NULL;
  g_autoptr(FerryConnection) reconnected = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonObject) patch = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  CreateLater later = { fixture, FALSE };
  Wait wait = { 0 };

  if (fixture->sandbox == NULL)
    return;

  body = ferry_connection_build_create_body (FERRY_CONNECTION_METHOD_ACCESS_TOKEN,
                                             ferry_connection_credentials_access_token (ferry_sandbox_get_devops_pat (fixture->sandbox, DEVOPS_ORG), DEVOPS_ORG),
                                             "ado-handoff-reconnect", NULL, NULL);
  ferry_api_client_create_connection_async (fixture->client, body, NULL, capture_cb, &wait);
  existing = ferry_api_client_create_connection_finish (fixture->client, wait_for (&wait, 20000), &error);
  g_clear_object (&wait.result);
  g_assert_no_error (error);
  hash = g_strdup (ferry_connection_get_credentials_hash (existing));

  handoff = ferry_handoff_flow_new (fixture->client);
  ferry_handoff_flow_set_reconnect (handoff, ferry_resource_get_id (FERRY_RESOURCE (existing)), NULL);
  ferry_handoff_flow_set_organization_id (handoff, ferry_sandbox_get_organization_id (fixture->sandbox));
  ferry_handoff_flow_set_poll_interval (handoff, 200);
  ferry_handoff_flow_run_async (handoff, FERRY_URI_OPENER (opener), NULL, capture_cb, &wait);
  wait_first_uri (opener);

  /* Polls without a change do not end it. */
  ferry_test_spin_for (600);
  g_assert_null (wait.result);

  /* Reconnected in the web page (here: new credentials through the API). */
  patch = json_object_new ();
  json_object_set_object_member (patch, "credentials",
                                 ferry_connection_credentials_access_token (ferry_sandbox_add_devops_pat (fixture->sandbox, DEVOPS_ORG), DEVOPS_ORG));
  ferry_api_client_update_connection_async (fixture->client, ferry_resource_get_id (FERRY_RESOURCE (existing)),
                                            patch, NULL, update_cb, &later);

  reconnected = ferry_handoff_flow_run_finish (handoff, wait_for (&wait, BROWSER_TIMEOUT_MS), &error);
  g_clear_object (&wait.result);
  g_assert_no_error (error);
  /* The flow may see the new credentials in a poll before the PATCH's own answer has been
   * dispatched here: wait for that answer rather than assume an order. */
  FERRY_TEST_WAIT_FOR (later.created, "later.created", 20000, (void) 0);
  g_assert_cmpstr (ferry_resource_get_id (FERRY_RESOURCE (reconnected)), ==, ferry_resource_get_id (FERRY_RESOURCE (existing)));
  g_assert_cmpstr (ferry_connection_get_credentials_hash (reconnected), !=, hash);
}

int
main (int   argc,
      char *argv[])
{
  ferry_test_init (&argc, &argv);
  /* Before anything asks GIO which application opens https. */
  browser_test_install_fake_browser ();

  if (g_getenv ("DISPLAY") != NULL || g_getenv ("WAYLAND_DISPLAY") != NULL)
    {
      /* The app's own opener: gtk_show_uri_full. */
      gtk_init ();
      real_opener = ferry_uri_opener_gtk_new (NULL);
    }
  else
    {
      real_opener = ferry_uri_opener_gio_new ();
    }

  g_test_add_func ("/browser/oauth/authorize-uri", test_oauth_authorize_uri);
  g_test_add_func ("/browser/oauth/choice", test_oauth_choice);
  g_test_add_func ("/browser/oauth/mismatch-codes", test_oauth_mismatch_codes);
  g_test_add_func ("/browser/handoff/page-uri", test_handoff_page_uri);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/browser/signin/loopback", test_signin_loopback);
  ADD ("/browser/signin/stray-requests", test_signin_stray_requests);
  ADD ("/browser/signin/cancel", test_signin_cancel);
  ADD ("/browser/signin/paste", test_signin_paste);
  ADD ("/browser/oauth/loopback", test_oauth_loopback);
  ADD ("/browser/oauth/deny", test_oauth_deny);
  ADD ("/browser/oauth/code-rejected", test_oauth_code_rejected);
  ADD ("/browser/oauth/stray-requests", test_oauth_stray_requests);
  ADD ("/browser/oauth/timeout", test_oauth_timeout);
  ADD ("/browser/oauth/cancel", test_oauth_cancel);
  ADD ("/browser/oauth/not-configured", test_oauth_not_configured);
  ADD ("/browser/handoff/after-mismatch", test_handoff_after_mismatch);
  ADD ("/browser/handoff/timeout", test_handoff_timeout);
  ADD ("/browser/handoff/reconnect", test_handoff_reconnect);
  ADD ("/browser/reconnect/oauth", test_oauth_reconnect);
#undef ADD

  return g_test_run ();
}
