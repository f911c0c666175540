/* test-browser-window.c: the main window's browser flows with real headless Chromium.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Sign In with Browser" and the connection dialog's "Authorize in Browser" open the
 * sandbox's pages through GTK's URI launcher in tests/browser/fake-browser.sh (headless
 * Chromium), which signs in / consents on its own (ferry_sandbox_set_auto_browser). Keyring: the private
 * gnome-keyring of tests/keyring-session.sh when FERRY_TEST_SECRET_SERVICE=1, else
 * libsecret's file backend in this test's HOME. Every test saves screenshots.
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "browser-test-utils.h"
#include "ferry-application.h"
#include "ferry-connection-dialog.h"
#include "ferry-connection-row.h"
#include "ferry-connections-page.h"
#include "ferry-context.h"
#include "ferry-error-view.h"
#include "ferry-sandbox.h"
#include "ferry-signin-page.h"
#include "ferry-sync-details.h"
#include "ferry-sync-row.h"
#include "ferry-syncs-page.h"
#include "ferry-test-utils.h"
#include "ferry-window.h"
#include "window-fixture.h"

#define WAIT_MS 20000

typedef FerryWindowFixture Fixture;

static void
save_failure_screenshot (void)
{
  ferry_window_fixture_save_failure ("main-window-timeout");
}

#define WAIT_FOR(cond) FERRY_TEST_WAIT_FOR (cond, #cond, WAIT_MS, save_failure_screenshot ())

static FerrySyncsPage *
syncs_page (Fixture *fixture)
{
  return FERRY_SYNCS_PAGE (ferry_window_get_syncs_page (fixture->window));
}

static FerryConnectionsPage *
connections_page (Fixture *fixture)
{
  return FERRY_CONNECTIONS_PAGE (ferry_window_get_connections_page (fixture->window));
}

static void
shot (Fixture    *fixture,
      const char *name)
{
  ferry_test_shot_widget (GTK_WIDGET (fixture->window), name);
}


/* ---- Fixture ---- */

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);

  if (!browser_test_have_chromium ())
    {
      g_test_skip ("/usr/bin/chromium is not installed");
      return;
    }
  browser_test_reset_visits ();
  g_settings_reset (settings, "oauth-flows");
  ferry_window_fixture_open (fixture, "BrowserTest");
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  ferry_window_fixture_close (fixture);
}

static gboolean
window_in_state (Fixture    *fixture,
                 const char *state)
{
  return ferry_window_fixture_in_state (fixture, state);
}

/* Signs in through the sign-in page's machine identity form, like the demo does. */
static void
sign_in (Fixture *fixture)
{
  ferry_window_fixture_sign_in (fixture);
}


/* Sign In with Browser: Chromium opens <site>/login?callback_port=P, the sandbox's web
 * page posts the token to Ferry's loopback port, the window shows the data. */
static void
test_browser_sign_in (Fixture       *fixture,
                      gconstpointer  data)
{
  FerrySigninPage *page;
  FerryAccount *account;
  GtkWidget *server_row, *url_row, *waiting;
  GPtrArray *urls;

  if (fixture->sandbox == NULL)
    return;

  ferry_sandbox_set_auto_browser (fixture->sandbox, TRUE);
  page = FERRY_SIGNIN_PAGE (ferry_window_get_signin_page (fixture->window));
  WAIT_FOR (window_in_state (fixture, "signin"));

  /* Self-hosted server, typed like a person would (with /api and a trailing slash). */
  server_row = ferry_test_find_widget (GTK_WIDGET (page), "server_row");
  url_row = ferry_test_find_widget (GTK_WIDGET (page), "url_row");
  adw_combo_row_set_selected (ADW_COMBO_ROW (server_row), 2);
  g_assert_true (gtk_widget_get_visible (url_row));
  gtk_editable_set_text (GTK_EDITABLE (url_row), "not a url");
  g_assert_true (gtk_widget_has_css_class (url_row, "error"));
  {
    g_autofree char *typed = g_strconcat (ferry_sandbox_get_url (fixture->sandbox), "/api/", NULL);
    gtk_editable_set_text (GTK_EDITABLE (url_row), typed);
  }
  g_assert_false (gtk_widget_has_css_class (url_row, "error"));

  gtk_widget_activate_action (GTK_WIDGET (page), "signin.browser", NULL);
  waiting = ferry_test_find_widget (GTK_WIDGET (page), "waiting_revealer");
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (waiting)));
  shot (fixture, "signin-browser-waiting");

  WAIT_FOR (window_in_state (fixture, "content"));
  WAIT_FOR (g_strcmp0 (ferry_syncs_page_get_state (syncs_page (fixture)), "list") == 0);
  g_assert_true (ferry_test_has_sync_named (ferry_syncs_page_get_visible_syncs (syncs_page (fixture)), "web-prod-to-contoso-web"));

  account = ferry_session_get_account (ferry_context_get_session (fixture->context));
  g_assert_cmpint (ferry_account_get_kind (account), ==, FERRY_ACCOUNT_KIND_USER);
  g_assert_cmpstr (ferry_account_get_email (account), ==, ferry_sandbox_get_user_email (fixture->sandbox));

  /* The browser really went to the sign-in page with Ferry's loopback port. */
  g_assert_true (browser_test_wait_visits (1, 60000));
  urls = browser_test_get_visit_urls ();
  g_assert_cmpuint (urls->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (urls, 0), ferry_sandbox_get_url (fixture->sandbox)));
  g_assert_nonnull (strstr (g_ptr_array_index (urls, 0), "/login?callback_port="));
  g_ptr_array_unref (urls);
  shot (fixture, "signin-browser-done");
}

/* Clicks Accept on the sandbox's consent page the browser was sent to: its decide URL,
 * with the authorize request's parameters, redirects to Ferry's loopback port. */
static void
accept_consent (void)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(GPtrArray) urls = NULL;
  g_autoptr(GString) decide = NULL;
  BrowserTestResponse *response;

  g_assert_true (browser_test_wait_visits (1, 60000));
  urls = browser_test_get_visit_urls ();
  g_assert_cmpuint (urls->len, ==, 1);
  decide = g_string_new (g_strstrip (g_ptr_array_index (urls, 0)));
  g_assert_cmpuint (g_string_replace (decide, "/oauth2/v2.0/authorize?", "/oauth2/v2.0/decide?decision=accept&", 1), ==, 1);
  g_string_replace (decide, "<", "%3C", 0);
  g_string_replace (decide, ">", "%3E", 0);

  /* The sandbox answers with a redirect to Ferry's loopback port, as Microsoft does. */
  response = browser_test_request (session, "GET", decide->str, NULL, NULL, 0);
  g_assert_cmpuint (response->status, ==, SOUP_STATUS_OK);
  g_assert_nonnull (strstr (response->body, "Azure DevOps Connected"));
  browser_test_response_free (response);
}

/* Add Connection with OAuth: Authorize in Browser → Microsoft's consent (the sandbox's)
 * → the code comes back to Ferry's loopback port → the connection exists. */
static void
test_oauth_connection (Fixture       *fixture,
                       gconstpointer  data)
{
  FerryConnectionDialog *dialog;
  FerryConnection *added = NULL;
  GtkWidget *method_row;
  g_autofree char *authorize = NULL;

  if (fixture->sandbox == NULL)
    return;

  sign_in (fixture);
  ferry_sandbox_set_oauth_redirect (fixture->sandbox, FERRY_SANDBOX_OAUTH_REDIRECT_LOOPBACK);
  /* The consent page waits for its Accept until the waiting dialog is on screen: with
   * auto-accept a fast browser can finish, and close the dialog, before its first paint
   * (seen under ASan on a loaded machine). */
  ferry_sandbox_set_default_consent (fixture->sandbox, NULL);
  ferry_sandbox_set_auto_browser (fixture->sandbox, FALSE);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.add-connection", NULL);
  WAIT_FOR (ferry_test_find_toplevel (FERRY_TYPE_CONNECTION_DIALOG) != NULL);
  dialog = ferry_test_find_toplevel (FERRY_TYPE_CONNECTION_DIALOG);
  ferry_test_wait_mapped (GTK_WIDGET (dialog));
  authorize = g_strconcat (ferry_sandbox_get_url (fixture->sandbox), "/sandbox/microsoft", NULL);
  ferry_connection_dialog_set_authorize_base_url (dialog, authorize);

  /* The server reports an OAuth client: the method list offers OAuth (third). */
  method_row = ferry_test_find_widget (GTK_WIDGET (dialog), "method_row");
  WAIT_FOR (g_list_model_get_n_items (adw_combo_row_get_model (ADW_COMBO_ROW (method_row))) == 3);
  adw_combo_row_set_selected (ADW_COMBO_ROW (method_row), 2);
  g_assert_false (gtk_widget_get_visible (ferry_test_find_widget (GTK_WIDGET (dialog), "pat_row")));
  gtk_editable_set_text (GTK_EDITABLE (ferry_test_find_widget (GTK_WIDGET (dialog), "org_row")), "contoso");
  gtk_editable_set_text (GTK_EDITABLE (ferry_test_find_widget (GTK_WIDGET (dialog), "name_row")), "contoso-oauth");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (ferry_test_find_widget (GTK_WIDGET (dialog), "save_button"))), ==, "_Authorize in Browser");

  g_signal_connect_swapped (dialog, "connection-saved", G_CALLBACK (g_set_object), &added);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.save", NULL);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (ferry_test_find_widget (GTK_WIDGET (dialog), "oauth_revealer"))));
  ferry_test_shot_widget (GTK_WIDGET (dialog), "connection-dialog-oauth-waiting");
  accept_consent ();

  WAIT_FOR (added != NULL);
  WAIT_FOR (ferry_test_find_toplevel (FERRY_TYPE_CONNECTION_DIALOG) == NULL);
  g_assert_cmpint (ferry_connection_get_method (added), ==, FERRY_CONNECTION_METHOD_OAUTH);
  g_assert_cmpstr (ferry_connection_get_org_name (added), ==, "contoso");
  /* The flow made it on the server; the project's model knows it from the dialog. */
  g_assert_true (ferry_project_model_find_connection (ferry_workspace_get_project_model (ferry_context_get_workspace (fixture->context),
                                                                                         ferry_window_get_project (fixture->window)),
                                                      ferry_resource_get_id (FERRY_RESOURCE (added))) == added);
  WAIT_FOR (ferry_connections_page_get_row (connections_page (fixture), ferry_resource_get_id (FERRY_RESOURCE (added))) != NULL);
  shot (fixture, "connection-added-oauth");
  g_clear_object (&added);
}

int
main (int   argc,
      char *argv[])
{
  ferry_test_init_gtk (&argc, &argv);
  /* Before GIO looks up the default browser. */
  browser_test_install_fake_browser ();

  if (g_strcmp0 (g_getenv ("FERRY_TEST_SECRET_SERVICE"), "1") != 0)
    {
      g_autofree char *path = g_build_filename (ferry_test_get_home (), "test.keyring", NULL);

      g_setenv ("SECRET_BACKEND", "file", TRUE);
      g_setenv ("SECRET_FILE_TEST_PATH", path, TRUE);
      g_setenv ("SECRET_FILE_TEST_PASSWORD", "ferry-test", TRUE);
    }

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/browser-window/sign-in", test_browser_sign_in);
  ADD ("/browser-window/oauth-connection", test_oauth_connection);
#undef ADD

  return g_test_run ();
}
