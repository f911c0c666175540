/* test-watch-ui.c: the All Projects overview and the Preferences window, under Xvfb,
 * against a FerryWatcher on the in-process sandbox: the overview's order (failing first,
 * then by project and name), its counts per status and search; the preferences written
 * through their GSettings bindings to a keyfile and read back from it. Saves the
 * screenshots watch-overview-LANG.png and watch-preferences-LANG.png; with
 * --language=de (the test-watch-ui-de run) in German.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#include "core-test-utils.h"
#include "ferry-api-client.h"
#include "ferry-overview-page.h"
#include "ferry-preferences-window.h"
#include "ferry-project-picker.h"
#include "ferry-syncs-page.h"
#include "ferry-watcher.h"
#include "window-fixture.h"

static const char *language = "en";

static FerryWatcher *
start_watcher (CoreFixture *fixture)
{
  FerryWatcher *watcher = ferry_watcher_new (fixture->settings, fixture->accounts, fixture->tokens);

  g_settings_reset (fixture->settings, "watch-failures");
  ferry_watcher_set_network_monitor (watcher, NULL);
  ferry_watcher_set_interval_ms (watcher, 1500);
  ferry_watcher_set_session (watcher, fixture->session);
  return watcher;
}

static const char *
name_at (GListModel *model,
         guint       i)
{
  g_autoptr(FerryWatchedSync) item = g_list_model_get_item (model, i);

  return ferry_sync_get_name (ferry_watched_sync_get_sync (item));
}

static void
flip_web_to_failed (CoreFixture *fixture,
                    GListModel  *model)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(FerrySync) sync = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pat = g_strdup (ferry_sandbox_get_devops_pat (fixture->sandbox, "contoso"));
  const char *web_id = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(FerryWatchedSync) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (ferry_sync_get_name (ferry_watched_sync_get_sync (item)), "web-prod-to-contoso-web") == 0)
        web_id = ferry_watched_sync_get_sync_id (item);
    }
  g_assert_nonnull (web_id);

  ferry_sandbox_revoke_devops_pat (fixture->sandbox, pat);
  ferry_api_client_trigger_sync_async (ferry_session_get_client (fixture->session), web_id, NULL,
                                       core_result_cb, &result);
  sync = ferry_api_client_trigger_sync_finish (ferry_session_get_client (fixture->session),
                                               core_wait_result (&result), &error);
  g_assert_no_error (error);
}

static void
test_overview (CoreFixture   *fixture,
               gconstpointer  data)
{
  g_autoptr(FerryWatcher) watcher = start_watcher (fixture);
  GtkWidget *page = ferry_overview_page_new (watcher, fixture->settings);
  GtkWindow *window = GTK_WINDOW (adw_window_new ());
  GListModel *model = ferry_overview_page_get_model (FERRY_OVERVIEW_PAGE (page));
  g_autofree char *shot = g_strconcat ("watch-overview-", language, NULL);
  GtkWidget *list;

  gtk_window_set_default_size (window, 760, 560);
  adw_window_set_content (ADW_WINDOW (window), page);
  g_assert_false (ferry_watcher_get_running (watcher));
  gtk_window_present (window);
  ferry_test_wait_mapped (page);
  /* Shown: it watches, although background mode is off. */
  g_assert_true (ferry_watcher_get_running (watcher));
  CORE_WAIT (g_list_model_get_n_items (model) == 2, 15000);

  /* Failing first. */
  g_assert_cmpstr (name_at (model, 0), ==, "payments-staging-to-legacy");
  g_assert_cmpstr (name_at (model, 1), ==, "web-prod-to-contoso-web");
  if (g_str_equal (language, "en"))
    {
      g_assert_cmpstr (ferry_overview_page_get_counts (FERRY_OVERVIEW_PAGE (page)), ==, "1 failing · 1 synced");
      g_assert_nonnull (strstr (ferry_overview_page_get_status (FERRY_OVERVIEW_PAGE (page)),
                                "Checking 3 projects while this window is open"));
    }
  else
    g_assert_cmpstr (ferry_overview_page_get_counts (FERRY_OVERVIEW_PAGE (page)), ==,
                     "1 fehlgeschlagen · 1 synchronisiert");

  /* The row of a failing sync says since when, from its first showing. */
  list = ferry_test_find_widget (page, "list_box");
  g_assert_nonnull (list);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0))),
                            g_str_equal (language, "en") ? "failing since" : "fehlgeschlagen seit"));
  ferry_test_shot_widget (GTK_WIDGET (window), shot);

  /* Both failing: by project then, Payments API before Web Storefront. */
  flip_web_to_failed (fixture, model);
  CORE_WAIT (ferry_watcher_count_failures (watcher, NULL, NULL) == 2, 15000);
  g_assert_cmpstr (name_at (model, 0), ==, "payments-staging-to-legacy");
  g_assert_cmpstr (name_at (model, 1), ==, "web-prod-to-contoso-web");
  if (g_str_equal (language, "en"))
    g_assert_cmpstr (ferry_overview_page_get_counts (FERRY_OVERVIEW_PAGE (page)), ==, "2 failing");

  /* Search over sync and project names; counts stay those of every watched sync. */
  ferry_overview_page_set_search (FERRY_OVERVIEW_PAGE (page), "STOREFRONT");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_cmpstr (name_at (model, 0), ==, "web-prod-to-contoso-web");
  ferry_overview_page_set_search (FERRY_OVERVIEW_PAGE (page), "legacy");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_cmpstr (name_at (model, 0), ==, "payments-staging-to-legacy");
  ferry_overview_page_set_search (FERRY_OVERVIEW_PAGE (page), "nothing-like-this");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  ferry_overview_page_set_search (FERRY_OVERVIEW_PAGE (page), NULL);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);

  /* Rows: one per sync, with "failing since". */
  {
    GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0);
    const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));

    g_assert_nonnull (strstr (subtitle, "Payments API"));
    g_assert_nonnull (strstr (subtitle, g_str_equal (language, "en") ? "failing since" : "fehlgeschlagen seit"));
    g_assert_null (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 2));
  }

  /* Closed: it stops watching again. */
  gtk_window_destroy (window);
  ferry_test_spin_for (50);
  g_assert_false (ferry_watcher_get_running (watcher));
}

static void
test_preferences (CoreFixture   *fixture,
                  gconstpointer  data)
{
  g_autoptr(FerryWatcher) watcher = start_watcher (fixture);
  g_autofree char *path = g_build_filename (ferry_test_get_home (), "prefs.keyfile", NULL);
  g_autoptr(GSettingsBackend) backend = g_keyfile_settings_backend_new (path, "/", NULL);
  g_autoptr(GSettings) settings = g_settings_new_with_backend (BASE_APP_ID, backend);
  g_autoptr(GSettingsBackend) backend2 = NULL;
  g_autoptr(GSettings) again = NULL;
  g_autofree char *shot = g_strconcat ("watch-preferences-", language, NULL);
  g_autofree char *key = g_strconcat (ferry_account_get_id (ferry_session_get_account (fixture->session)), "/",
                                      ferry_sandbox_get_project_id (fixture->sandbox, 1), NULL);
  g_auto(GStrv) watched = NULL;
  GtkWidget *window;
  GtkWidget *background, *autostart, *recovery, *all, *spin, *autostart_row;

  /* The projects come from the watcher, which the open window holds. */
  window = ferry_preferences_window_new (watcher, settings);
  gtk_window_present (GTK_WINDOW (window));
  ferry_test_wait_mapped (window);
  g_assert_true (ferry_watcher_get_running (watcher));
  CORE_WAIT (ferry_watcher_get_n_projects (watcher) == 3, 15000);

  background = ferry_test_find_widget (window, "background_switch");
  autostart = ferry_test_find_widget (window, "autostart_switch");
  autostart_row = ferry_test_find_widget (window, "autostart_row");
  recovery = ferry_test_find_widget (window, "recovery_switch");
  all = ferry_test_find_widget (window, "all_projects_switch");
  spin = ferry_test_find_widget (window, "interval_spin");
  g_assert_nonnull (background);
  g_assert_nonnull (spin);

  /* The defaults: off, 5 minutes, recovery told, every project. */
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (background)));
  g_assert_false (gtk_widget_get_sensitive (autostart_row));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin)), ==, 5);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (recovery)));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (all)));

  gtk_switch_set_active (GTK_SWITCH (background), TRUE);
  g_assert_true (gtk_widget_get_sensitive (autostart_row));
  gtk_switch_set_active (GTK_SWITCH (autostart), TRUE);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 10);
  /* Never below one minute. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 0);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin)), ==, 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 10);
  gtk_switch_set_active (GTK_SWITCH (recovery), FALSE);
  gtk_switch_set_active (GTK_SWITCH (all), FALSE);

  /* One project chosen: the rows are check buttons, by project name. */
  {
    GtkWidget *group = ferry_test_find_widget (window, "projects_group");
    GtkWidget *check = NULL;
    guint found = 0;

    for (GtkWidget *w = group; w != NULL; )
      {
        /* Depth-first over the group's descendants. */
        if (GTK_IS_CHECK_BUTTON (w))
          {
            found++;
            if (g_strcmp0 (g_object_get_data (G_OBJECT (w), "ferry-project-key"), key) == 0)
              check = w;
          }
        if (gtk_widget_get_first_child (w) != NULL)
          w = gtk_widget_get_first_child (w);
        else
          {
            while (w != group && gtk_widget_get_next_sibling (w) == NULL)
              w = gtk_widget_get_parent (w);
            w = w == group ? NULL : gtk_widget_get_next_sibling (w);
          }
      }
    g_assert_cmpuint (found, ==, 3);
    g_assert_nonnull (check);
    g_assert_true (gtk_widget_is_sensitive (check));
    gtk_check_button_set_active (GTK_CHECK_BUTTON (check), FALSE);
    gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  }

  ferry_test_shot_widget (window, shot);
  gtk_window_destroy (GTK_WINDOW (window));
  ferry_test_spin_for (50);
  g_assert_false (ferry_watcher_get_running (watcher));

  /* Persisted: a fresh backend on the same file reads it all back. */
  g_settings_sync ();
  backend2 = g_keyfile_settings_backend_new (path, "/", NULL);
  again = g_settings_new_with_backend (BASE_APP_ID, backend2);
  g_assert_true (g_settings_get_boolean (again, "background-watch"));
  g_assert_true (g_settings_get_boolean (again, "watch-autostart"));
  g_assert_cmpuint (g_settings_get_uint (again, "watch-interval"), ==, 10);
  g_assert_false (g_settings_get_boolean (again, "watch-notify-recovery"));
  g_assert_false (g_settings_get_boolean (again, "watch-all-projects"));
  watched = g_settings_get_strv (again, "watched-projects");
  g_assert_cmpuint (g_strv_length (watched), ==, 1);
  g_assert_cmpstr (watched[0], ==, key);
}

static GPtrArray *notifications;  /* (ssa{sv}) of each AddNotification */

static guint
count_titled (const char *title)
{
  guint n = 0;

  for (guint i = 0; notifications != NULL && i < notifications->len; i++)
    {
      if (g_strcmp0 (ferry_test_notification_title (g_ptr_array_index (notifications, i)), title) == 0)
        n++;
    }

  return n;
}

static gint
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The visible failure badges of the project picker's rows as "PROJECT=N, …" (sorted). */
static char *
picker_badges (GtkWidget  *window,
               char      **tooltip)  /* out, optional: the first visible badge's */
{
  GtkWidget *list = ferry_test_find_widget (window, "project_list");
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_nonnull (list);
  for (GtkWidget *w = list; w != NULL; )
    {
      if (g_strcmp0 (gtk_widget_get_name (w), "failure_badge") == 0 && gtk_widget_get_visible (w))
        {
          /* The row: [name above slug] [badge]. */
          GtkWidget *text = gtk_widget_get_first_child (gtk_widget_get_parent (w));
          GtkWidget *name = gtk_widget_get_first_child (text);

          g_ptr_array_add (found, g_strdup_printf ("%s=%s", gtk_label_get_label (GTK_LABEL (name)),
                                                   gtk_label_get_label (GTK_LABEL (w))));
          if (tooltip != NULL && *tooltip == NULL)
            *tooltip = g_strdup (gtk_widget_get_tooltip_text (w));
        }
      if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != list && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          w = w == list ? NULL : gtk_widget_get_next_sibling (w);
        }
    }

  g_ptr_array_sort (found, compare_strings);
  for (guint i = 0; i < found->len; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? ", " : "", (char *) g_ptr_array_index (found, i));
  return g_strdup (out->str);
}

/* The first label below @root whose text contains @text, or NULL. */
static GtkWidget *
find_label_containing (GtkWidget  *root,
                       const char *text)
{
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_label (GTK_LABEL (root)), text) != NULL)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label_containing (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
badges_are (GtkWidget  *window,
            const char *expected)
{
  g_autofree char *badges = picker_badges (window, NULL);

  if (g_strcmp0 (badges, expected) != 0)
    g_test_message ("badges: %s", badges);
  return g_strcmp0 (badges, expected) == 0;
}

/* The main window: the menu says that watching is on, the project picker counts failing
 * syncs per project, a failed Sync Now is notified once, and Open from the overview or a
 * notification selects the sync in the project it belongs to. */
static void
test_main_window (void)
{
  FerryWindowFixture fixture = { 0 };
  GSettings *settings;
  FerryWatcher *watcher;
  FerrySyncsPage *syncs;
  FerrySync *selected;
  FerryProjectPicker *picker;
  GtkWindow *other;
  gboolean was_active;
  guint told, before;
  g_autofree char *label = NULL;
  g_autofree char *account_id = NULL;
  const char *payments = NULL;
  const char *web = NULL;

  ferry_window_fixture_open (&fixture, "watchmenu");
  ferry_window_fixture_sign_in (&fixture);
  settings = ferry_context_get_settings (fixture.context);
  watcher = ferry_watch_service_get_watcher (ferry_application_get_watch_service (fixture.app));
  ferry_watcher_set_network_monitor (watcher, NULL);
  ferry_watcher_set_interval_ms (watcher, 1500);
  label = ferry_application_dup_watch_menu_label (fixture.app);
  g_assert_null (label);

  g_settings_set_boolean (settings, "background-watch", TRUE);
  g_assert_true (ferry_watcher_get_running (watcher));
  CORE_WAIT (ferry_watcher_get_n_projects (watcher) == 3, 15000);
  label = ferry_application_dup_watch_menu_label (fixture.app);
  g_assert_cmpstr (label, ==, g_str_equal (language, "en") ? "Watching 3 projects in the background"
                                                            : "3 Projekte werden im Hintergrund überwacht");

  /* The window shows Web Storefront; Open on a Payments API sync switches there. */
  CORE_WAIT (g_list_model_get_n_items (ferry_watcher_get_syncs (watcher)) == 2, 15000);

  /* The project picker counts the failing syncs per project. */
  picker = FERRY_PROJECT_PICKER (ferry_test_find_widget (GTK_WIDGET (fixture.window), "project_picker"));
  g_assert_nonnull (picker);
  CORE_WAIT (ferry_watcher_count_failures (watcher, NULL, NULL) == 1, 15000);
  ferry_project_picker_popup (picker);
  CORE_WAIT (badges_are (GTK_WIDGET (fixture.window), "Payments API=1"), 10000);
  g_assert_cmpuint (ferry_project_picker_get_failure_count (picker, ferry_sandbox_get_project_id (fixture.sandbox, 1)), ==, 1);
  g_assert_cmpuint (ferry_project_picker_get_failure_count (picker, ferry_sandbox_get_project_id (fixture.sandbox, 0)), ==, 0);
  {
    g_autofree char *tooltip = NULL;
    g_autofree char *badges = picker_badges (GTK_WIDGET (fixture.window), &tooltip);

    g_assert_cmpstr (badges, ==, "Payments API=1");
    g_assert_cmpstr (tooltip, ==, g_str_equal (language, "en") ? "1 failing sync" : "1 fehlgeschlagene Synchronisierung");
  }
  ferry_project_picker_popdown (picker);

  /* A Sync Now of web-prod in the window fails: one notification for it, the window's when
   * the window lacks the focus then (ferry-window-actions.c), and never the watcher's
   * besides; a second window takes the focus where the display hands it over. */
  other = GTK_WINDOW (gtk_window_new ());
  gtk_window_present (other);
  for (guint i = 0; i < 30 && gtk_window_is_active (GTK_WINDOW (fixture.window)); i++)
    ferry_test_spin_for (100);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(FerryWatchedSync) item = g_list_model_get_item (ferry_watcher_get_syncs (watcher), i);

      if (ferry_watched_sync_get_status (item) != FERRY_SYNC_STATUS_FAILED)
        web = g_intern_string (ferry_watched_sync_get_sync_id (item));
    }
  g_assert_nonnull (web);
  /* The seeded failure was told on its own, so what comes now is about web-prod alone. */
  CORE_WAIT (count_titled ("payments-staging-to-legacy") == 1, 15000);
  before = notifications->len;
  ferry_sandbox_revoke_devops_pat (fixture.sandbox, ferry_sandbox_get_devops_pat (fixture.sandbox, "contoso"));
  syncs = FERRY_SYNCS_PAGE (ferry_window_get_syncs_page (fixture.window));
  CORE_WAIT (ferry_syncs_page_select_sync (syncs, web), 15000);
  selected = ferry_syncs_page_get_selected (syncs);
  gtk_widget_activate_action (GTK_WIDGET (syncs), "syncs.sync-now", NULL);
  CORE_WAIT (ferry_sync_get_sync_status (selected) == FERRY_SYNC_STATUS_FAILED, 20000);
  was_active = gtk_window_is_active (GTK_WINDOW (fixture.window));
  CORE_WAIT (ferry_watcher_count_failures (watcher, NULL, NULL) == 2, 15000);
  /* Unfocused, one of the window and the watcher tells it: the watcher only after a poll
   * and its gathering, and the notification crosses D-Bus; under a sanitizer on a loaded
   * machine that can take seconds. Then more polls (1.5 s) and the watcher's gathering
   * (1.5 s) pass, for a second notification that must not come. */
  if (!was_active)
    CORE_WAIT (notifications->len > before, 15000);
  ferry_test_spin_for (4500);
  told = notifications->len - before;
  g_test_message ("window focused when it failed: %s; notifications of it: %u", was_active ? "yes" : "no", told);
  for (guint i = before; i < notifications->len; i++)
    {
      g_autofree char *printed = g_variant_print (g_ptr_array_index (notifications, i), FALSE);

      g_test_message ("notification: %s", printed);
    }
  g_assert_cmpuint (told, ==, count_titled (_("Sync Failed")) + count_titled ("web-prod-to-contoso-web"));
  if (was_active)
    g_assert_cmpuint (told, <=, 1);
  else
    g_assert_cmpuint (told, ==, 1);
  gtk_window_destroy (other);

  /* The badges follow: Web Storefront now has one too. */
  ferry_project_picker_popup (picker);
  CORE_WAIT (badges_are (GTK_WIDGET (fixture.window), "Payments API=1, Web Storefront=1"), 10000);
  {
    g_autofree char *shot = g_strconcat ("watch-picker-", language, NULL);

    ferry_test_shot_widget (gtk_widget_get_ancestor (ferry_test_find_widget (GTK_WIDGET (fixture.window), "project_list"),
                                                     GTK_TYPE_POPOVER), shot);
  }
  ferry_project_picker_popdown (picker);

  /* Start at Login cannot write its entry (a file where the autostart folder should be):
   * the open preferences say so in a toast that names the folder, and the switch goes
   * off again. */
  {
    g_autofree char *path = ferry_watch_service_dup_autostart_path ();
    g_autofree char *dir = g_path_get_dirname (path);
    GtkWidget *preferences, *autostart_switch;

    g_autofree char *config = g_path_get_dirname (dir);

    g_unlink (path);
    g_rmdir (dir);
    g_mkdir_with_parents (config, 0700);
    g_assert_true (g_file_set_contents (dir, "not a folder", -1, NULL));
    g_action_group_activate_action (G_ACTION_GROUP (fixture.app), "preferences", NULL);
    CORE_WAIT ((preferences = ferry_test_find_toplevel (FERRY_TYPE_PREFERENCES_WINDOW)) != NULL, 10000);
    ferry_test_wait_mapped (preferences);
    autostart_switch = ferry_test_find_widget (preferences, "autostart_switch");
    gtk_switch_set_active (GTK_SWITCH (autostart_switch), TRUE);
    CORE_WAIT (find_label_containing (preferences, dir) != NULL, 10000);
    g_test_message ("toast: %s", gtk_label_get_label (GTK_LABEL (find_label_containing (preferences, dir))));
    CORE_WAIT (!gtk_switch_get_active (GTK_SWITCH (autostart_switch)), 10000);
    g_assert_false (g_settings_get_boolean (settings, "watch-autostart"));
    if (g_str_equal (language, "de"))
      g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (find_label_containing (preferences, dir))),
                                "„Bei der Anmeldung starten“"));
    else
      g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (find_label_containing (preferences, dir))),
                                "then turn on “Start at Login” again"));
    gtk_window_destroy (GTK_WINDOW (preferences));
    g_assert_cmpint (g_unlink (dir), ==, 0);
  }
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(FerryWatchedSync) item = g_list_model_get_item (ferry_watcher_get_syncs (watcher), i);

      if (g_strcmp0 (ferry_watched_sync_get_project_id (item), ferry_sandbox_get_project_id (fixture.sandbox, 1)) == 0)
        {
          payments = g_intern_string (ferry_watched_sync_get_sync_id (item));
          account_id = g_strdup (ferry_watched_sync_get_account_id (item));
        }
    }
  g_assert_nonnull (payments);
  ferry_application_open_watched_sync (fixture.app, account_id,
                                       ferry_sandbox_get_project_id (fixture.sandbox, 1), payments);
  syncs = FERRY_SYNCS_PAGE (ferry_window_get_syncs_page (fixture.window));
  CORE_WAIT ((selected = ferry_syncs_page_get_selected (syncs)) != NULL &&
             g_strcmp0 (ferry_resource_get_id (FERRY_RESOURCE (selected)), payments) == 0, 20000);
  g_assert_cmpstr (ferry_resource_get_id (ferry_window_get_project (fixture.window)), ==,
                   ferry_sandbox_get_project_id (fixture.sandbox, 1));

  g_settings_set_boolean (settings, "background-watch", FALSE);
  g_clear_pointer (&label, g_free);
  label = ferry_application_dup_watch_menu_label (fixture.app);
  g_assert_null (label);
  g_assert_false (ferry_watcher_get_running (watcher));
  ferry_window_fixture_close (&fixture);
}

/* German from the build's own catalog (po/) under C.UTF-8, which every Debian machine has
 * and under which glibc's gettext honours LANGUAGE (unlike under "C"), as
 * tests/ui/test-adaptive.c does: no locale needs to be generated. */
static void
setup_german (void)
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "de", TRUE);
  setlocale (LC_ALL, "");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *po = NULL;
  gboolean german = FALSE;

  /* --language=de (before g_test_init, which would refuse it). */
  for (int i = 1; i < argc; i++)
    if (g_str_has_prefix (argv[i], "--language="))
      {
        german = g_str_equal (argv[i] + strlen ("--language="), "de");
        memmove (&argv[i], &argv[i + 1], (argc - i) * sizeof (char *));
        argc--;
        i--;
      }
  if (german)
    setup_german ();

  ferry_test_init_gtk (&argc, &argv);
  if (german)
    {
      language = "de";
      po = g_build_filename (g_getenv ("FERRY_BUILD_ROOT"), "po", NULL);
      bindtextdomain (GETTEXT_PACKAGE, po);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
      g_assert_cmpstr (_("Preferences"), ==, "Einstellungen");
    }

  notifications = ferry_test_start_notification_server (NULL);
  if (notifications == NULL)
    notifications = g_ptr_array_new ();   /* no bus: the waits for notifications fail */
  if (!core_test_have_keyring ("/watch-ui/needs-secret-service"))
    return g_test_run ();

#define ADD(path, func) \
  g_test_add ("/watch-ui/" path, CoreFixture, NULL, core_fixture_setup, func, core_fixture_teardown)
  ADD ("overview", test_overview);
  ADD ("preferences", test_preferences);
#undef ADD
  g_test_add_func ("/watch-ui/main-window", test_main_window);

  return g_test_run ();
}
