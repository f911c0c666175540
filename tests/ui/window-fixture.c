/* window-fixture.c
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ferry-signin-page.h"
#include "ferry-syncs-page.h"
#include "window-fixture.h"

static GtkWidget *current_window;

void
ferry_window_fixture_track_window (GtkWidget *window)
{
  current_window = window;
}

void
ferry_window_fixture_save_failure (const char *name)
{
  if (current_window != NULL && gtk_widget_get_mapped (current_window))
    g_free (ferry_test_save_screenshot (current_window, name));
}

#define WAIT_FOR(cond) \
  FERRY_TEST_WAIT_FOR (cond, #cond, FERRY_WINDOW_FIXTURE_WAIT_MS, ferry_window_fixture_save_failure ("window-fixture-timeout"))

void
ferry_window_fixture_open (FerryWindowFixture *fixture,
                           const char         *tag)
{
  static guint n_apps;
  g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);
  g_autoptr(GError) error = NULL;
  g_autofree char *app_id = NULL;

  /* GSettings' memory backend lives as long as the process: start clean. */
  g_settings_reset (settings, "accounts");
  g_settings_reset (settings, "default-account");
  g_settings_reset (settings, "last-projects");
  g_settings_reset (settings, "last-view");
  /* What the watcher told, which the window's own failure notifications check
   * (ferry_watcher_claim_failure ()): the seeded ids are the same in every sandbox. */
  g_settings_reset (settings, "watch-failures");
  g_settings_set_int (settings, "window-width", 1100);
  g_settings_set_int (settings, "window-height", 720);

  fixture->sandbox = ferry_sandbox_new (FERRY_SANDBOX_SEED_DEMO);
  g_assert_true (ferry_sandbox_start (fixture->sandbox, 0, &error));
  g_assert_no_error (error);

  app_id = g_strdup_printf ("%s.%s%u", APP_ID, tag, ++n_apps);
  fixture->app = g_object_new (FERRY_TYPE_APPLICATION,
                               "application-id", app_id,
                               "flags", G_APPLICATION_NON_UNIQUE,
                               "resource-base-path", RESOURCE_PATH,
                               NULL);
  g_application_register (G_APPLICATION (fixture->app), NULL, &error);
  g_assert_no_error (error);

  fixture->context = g_object_ref (ferry_application_get_context (fixture->app));
  fixture->window = ferry_window_new (fixture->app, fixture->context);
  current_window = GTK_WIDGET (fixture->window);
  gtk_window_present (GTK_WINDOW (fixture->window));
  ferry_test_wait_mapped (GTK_WIDGET (fixture->window));
  ferry_window_start (fixture->window);
}

void
ferry_window_fixture_close (FerryWindowFixture *fixture)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  if (fixture->sandbox == NULL)
    return;

  /* Dialogs first, then the window. */
  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, 0);
      gtk_window_destroy (window);
    }
  current_window = NULL;
  ferry_test_spin_for (50);

  g_clear_object (&fixture->context);
  g_application_quit (G_APPLICATION (fixture->app));
  g_clear_object (&fixture->app);
  ferry_sandbox_stop (fixture->sandbox);
  g_clear_object (&fixture->sandbox);
  ferry_test_spin_for (50);
}

gboolean
ferry_window_fixture_in_state (FerryWindowFixture *fixture,
                               const char         *state)
{
  return g_strcmp0 (ferry_window_get_state (fixture->window), state) == 0;
}

void
ferry_window_fixture_sign_in (FerryWindowFixture *fixture)
{
  FerrySigninPage *page = FERRY_SIGNIN_PAGE (ferry_window_get_signin_page (fixture->window));
  FerrySyncsPage *syncs = FERRY_SYNCS_PAGE (ferry_window_get_syncs_page (fixture->window));

  WAIT_FOR (ferry_window_fixture_in_state (fixture, "signin"));
  ferry_signin_page_sign_in_machine_identity (page,
                                              ferry_sandbox_get_url (fixture->sandbox),
                                              ferry_sandbox_get_identity_client_id (fixture->sandbox),
                                              ferry_sandbox_get_identity_client_secret (fixture->sandbox));
  WAIT_FOR (ferry_window_fixture_in_state (fixture, "content"));
  WAIT_FOR (g_strcmp0 (ferry_syncs_page_get_state (syncs), "list") == 0);
}
