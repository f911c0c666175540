/* test-window.c: the application shell in a real window.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "ferry-api-error.h"
#include "ferry-application.h"
#include "ferry-auth-error.h"
#include "ferry-error-view.h"
#include "ferry-test-utils.h"
#include "ferry-window.h"

static GMenuModel *
find_menu_model (GtkWidget *widget)
{
  GtkWidget *child;

  /* The primary menu, not the account menu beside it. */
  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (widget)))
    return gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget));

  for (child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GMenuModel *model = find_menu_model (child);
      if (model != NULL)
        return model;
    }

  return NULL;
}

static void
collect_actions (GMenuModel *model,
                 GPtrArray  *actions)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *action = NULL;
      g_autoptr(GMenuLinkIter) links = g_menu_model_iterate_item_links (model, i);

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &action))
        g_ptr_array_add (actions, g_steal_pointer (&action));

      while (g_menu_link_iter_next (links))
        {
          g_autoptr(GMenuModel) sub = g_menu_link_iter_get_value (links);
          collect_actions (sub, actions);
        }
    }
}

static gboolean
str_in_array (GPtrArray  *array,
              const char *needle)
{
  for (guint i = 0; i < array->len; i++)
    if (g_strcmp0 (g_ptr_array_index (array, i), needle) == 0)
      return TRUE;
  return FALSE;
}

static void
test_window_shell (void)
{
  g_autoptr(FerryApplication) app = NULL;
  g_autoptr(GPtrArray) actions = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *shot = NULL;
  g_auto(GStrv) accels = NULL;
  GtkWindow *window;
  GMenuModel *menu;

  app = g_object_new (FERRY_TYPE_APPLICATION,
                      "application-id", APP_ID,
                      "flags", G_APPLICATION_NON_UNIQUE,
                      "resource-base-path", RESOURCE_PATH,
                      NULL);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (FERRY_IS_WINDOW (window));
  ferry_test_wait_mapped (GTK_WIDGET (window));

  g_assert_cmpstr (gtk_window_get_title (window), ==, "Ferry");

  /* The primary menu offers shortcuts, about and quit, and each names a real action. */
  menu = find_menu_model (GTK_WIDGET (window));
  g_assert_nonnull (menu);
  collect_actions (menu, actions);
  g_assert_true (str_in_array (actions, "win.show-help-overlay"));
  g_assert_true (str_in_array (actions, "app.about"));
  g_assert_true (str_in_array (actions, "app.quit"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "quit"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "about"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (window), "show-help-overlay"));
  /* The shortcuts window is built when first asked for, not with every window. (Not shown
   * here: under GTK 4.8 showing it logs GTK's own "GtkLabel … reported min width -3, but
   * sizes must be >= 0" warning, which a test makes fatal.) */
  g_assert_null (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  {
    GtkWindow *overlay = GTK_WINDOW (ferry_window_get_help_overlay (FERRY_WINDOW (window)));

    g_assert_nonnull (overlay);
    g_assert_true (GTK_WINDOW (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window))) == overlay);
    g_assert_true (gtk_window_get_transient_for (overlay) == window);
    g_assert_true (GTK_WINDOW (ferry_window_get_help_overlay (FERRY_WINDOW (window))) == overlay);
  }

  /* Accelerators. */
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.quit");
  g_assert_true (g_strv_contains ((const char * const *) accels, "<Control>q"));
  g_clear_pointer (&accels, g_strfreev);
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "window.close");
  g_assert_true (g_strv_contains ((const char * const *) accels, "<Control>w"));
  g_clear_pointer (&accels, g_strfreev);
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay");
  g_assert_true (g_strv_contains ((const char * const *) accels, "<Control>question"));

  /* No account yet: the sign-in page, once the stack's transition is over. */
  g_assert_cmpstr (ferry_window_get_state (FERRY_WINDOW (window)), ==, "signin");
  ferry_test_spin_for (400);
  shot = ferry_test_save_screenshot (GTK_WIDGET (window), "window-signed-out");
  g_assert_true (g_file_test (shot, G_FILE_TEST_IS_REGULAR));

  /* Opening About and the shortcuts window works without criticals. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  ferry_test_spin_for (200);
  {
    GListModel *toplevels = gtk_window_get_toplevels ();
    AdwAboutWindow *about = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);
        if (ADW_IS_ABOUT_WINDOW (item))
          about = ADW_ABOUT_WINDOW (item);
      }
    g_assert_nonnull (about);
    g_assert_cmpstr (adw_about_window_get_application_name (about), ==, "Ferry");
    g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (about)) == window);
    ferry_test_wait_mapped (GTK_WIDGET (about));
    g_free (ferry_test_save_screenshot (GTK_WIDGET (about), "about"));
    gtk_window_destroy (GTK_WINDOW (about));
  }

  /* Window state goes to GSettings on close. */
  gtk_window_set_default_size (window, 777, 555);
  gtk_window_close (window);
  ferry_test_spin_for (50);
  {
    g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);
    g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 777);
    g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 555);
  }

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  ferry_test_spin_for (50);
}

/* What went wrong below the UI stays one click away whichever layer found it: the server's
 * message of an API error, and what the keyring (or Microsoft) said for an auth error. */
static void
test_error_view_details (void)
{
  FerryErrorView *view = FERRY_ERROR_VIEW (g_object_ref_sink (ferry_error_view_new ()));
  g_autoptr(GError) server = NULL;
  g_autoptr(GError) keyring = NULL;
  g_autoptr(GError) bare = NULL;

  server = ferry_api_error_new (FERRY_API_ERROR_SERVER, "The server failed. Try again later.",
                                500, "Something went wrong", "req-1");
  ferry_error_view_set_error (view, server);
  g_assert_cmpstr (ferry_error_view_get_message (view), ==, "The server failed. Try again later.");
  g_assert_nonnull (strstr (ferry_error_view_get_details (view), "Something went wrong"));

  keyring = ferry_auth_error_new (FERRY_AUTH_ERROR_KEYRING, "Ferry could not use the keyring.",
                                  "The name org.freedesktop.secrets was not provided by any .service files");
  ferry_error_view_set_error (view, keyring);
  g_assert_cmpstr (ferry_error_view_get_message (view), ==, "Ferry could not use the keyring.");
  g_assert_cmpstr (ferry_error_view_get_details (view), ==,
                   "The name org.freedesktop.secrets was not provided by any .service files");
  {
    g_autoptr(GError) copy = g_error_copy (keyring);

    g_assert_error (copy, FERRY_AUTH_ERROR, FERRY_AUTH_ERROR_KEYRING);
    g_assert_cmpstr (ferry_auth_error_get_detail (copy), ==, ferry_auth_error_get_detail (keyring));
  }

  /* Nothing more to say: no details left over from the error before. */
  bare = ferry_auth_error_new (FERRY_AUTH_ERROR_INVALID_TOKEN, "Paste the browser token.", "");
  g_assert_null (ferry_auth_error_get_detail (bare));
  ferry_error_view_set_error (view, bare);
  g_assert_cmpstr (ferry_error_view_get_message (view), ==, "Paste the browser token.");
  g_assert_cmpstr (ferry_error_view_get_details (view), ==, "");

  g_assert_finalize_object (view);
}

int
main (int   argc,
      char *argv[])
{
  ferry_test_init_gtk (&argc, &argv);

  g_test_add_func ("/window/shell", test_window_shell);
  g_test_add_func ("/window/error-view-details", test_error_view_details);

  return g_test_run ();
}
