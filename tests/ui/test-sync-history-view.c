/* test-sync-history-view.c: the History section of the sync details in a real window
 * against the demo sandbox, in the language of $FERRY_TEST_LANGUAGE ("en" or "de"), with
 * screenshots history-<lang>-<state>.png.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo's seeded past (tests/sandbox/sandbox-seed-history.c): web-prod-to-contoso-web
 * failed twice and recovered; payments-staging-to-legacy fails since its second run.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "ferry-property-row.h"
#include "ferry-sync-history-view.h"
#include "ferry-sync-row.h"
#include "ferry-syncs-page.h"
#include "ferry-sync-history.h"
#include "ferry-ui-utils.h"
#include "window-fixture.h"

#define WAIT_MS 20000

typedef FerryWindowFixture Fixture;

static const char *language = "en";

static void
save_failure_screenshot (void)
{
  g_autofree char *name = g_strdup_printf ("history-%s-timeout", language);

  ferry_window_fixture_save_failure (name);
}

#define WAIT_FOR(cond) FERRY_TEST_WAIT_FOR (cond, #cond, WAIT_MS, save_failure_screenshot ())

/* The sandbox's fixed ids: seed_uuid () of tests/sandbox/sandbox-seed.c. */
static char *
seed_uuid (const char *name)
{
  g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA1, name, -1);

  return g_strdup_printf ("%.8s-%.4s-4%.3s-a%.3s-%.12s", sum, sum + 8, sum + 12, sum + 15, sum + 18);
}

static FerrySyncsPage *
syncs_page (Fixture *fixture)
{
  return FERRY_SYNCS_PAGE (ferry_window_get_syncs_page (fixture->window));
}

static FerrySyncHistoryView *
history_view (Fixture *fixture)
{
  GtkWidget *view = ferry_test_find_widget (GTK_WIDGET (fixture->window), "history_view");

  g_assert_nonnull (view);
  return FERRY_SYNC_HISTORY_VIEW (view);
}

static void
shot (GtkWidget  *widget,
      const char *state)
{
  g_autofree char *name = g_strdup_printf ("history-%s-%s", language, state);

  ferry_test_shot_widget (widget, name);
}

/* Scrolls the details to their bottom, where the History section is. */
static void
scroll_to_history (Fixture *fixture)
{
  GtkWidget *scroller = ferry_test_find_widget (ferry_window_get_syncs_page (fixture->window), "scroller");
  GtkAdjustment *adjustment;

  g_assert_nonnull (scroller);
  ferry_test_spin_for (200);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  ferry_test_spin_for (200);
}

static void
select_project_named (Fixture    *fixture,
                      const char *name)
{
  FerryProject *project = ferry_window_get_project (fixture->window);
  GtkWidget *search;

  if (project != NULL && g_strcmp0 (ferry_project_get_name (project), name) == 0)
    return;
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.project-menu", NULL);
  ferry_test_spin_for (100);
  search = ferry_test_find_widget (GTK_WIDGET (fixture->window), "project_search");
  g_assert_nonnull (search);
  gtk_editable_set_text (GTK_EDITABLE (search), name);
  ferry_test_spin_for (100);
  g_signal_emit_by_name (search, "activate");
  WAIT_FOR ((project = ferry_window_get_project (fixture->window)) != NULL &&
            g_strcmp0 (ferry_project_get_name (project), name) == 0);
  WAIT_FOR (g_strcmp0 (ferry_syncs_page_get_state (syncs_page (fixture)), "list") == 0);
}

static GtkWidget *
find_sync_row (GtkWidget  *root,
               const char *sync_id)
{
  if (FERRY_IS_SYNC_ROW (root))
    {
      FerrySync *sync = ferry_sync_row_get_sync (FERRY_SYNC_ROW (root));

      if (sync != NULL && g_strcmp0 (ferry_resource_get_id (FERRY_RESOURCE (sync)), sync_id) == 0)
        return root;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_sync_row (child, sync_id);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static const char *
row_time_text (Fixture    *fixture,
               const char *sync_id)
{
  GtkWidget *row = find_sync_row (ferry_window_get_syncs_page (fixture->window), sync_id);
  GtkWidget *label = row != NULL ? ferry_test_find_widget (row, "last_synced_label") : NULL;

  return label != NULL ? gtk_label_get_label (GTK_LABEL (label)) : NULL;
}

static void
select_sync (Fixture    *fixture,
             const char *sync_id)
{
  g_assert_true (ferry_syncs_page_select_sync (syncs_page (fixture), sync_id));
  ferry_test_wait_mapped (GTK_WIDGET (history_view (fixture)));
}

static guint
count_audit_requests (Fixture *fixture)
{
  g_autoptr(JsonNode) node = ferry_sandbox_get_requests (fixture->sandbox);
  JsonArray *array = json_node_get_array (node);
  guint count = 0;

  for (guint i = 0; i < json_array_get_length (array); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (array, i), "path"),
                   "/api/v1/organization/audit-logs") == 0)
      count++;
  return count;
}

static void
click_refresh (Fixture *fixture)
{
  GtkWidget *button = ferry_test_find_widget (GTK_WIDGET (history_view (fixture)), "refresh_button");

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  ferry_window_fixture_open (fixture, "History");
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  ferry_window_fixture_close (fixture);
}

/* A failed sync: "Failing since" in the section and in its row, which showed "Never"
 * before (it never synced successfully... here it did once, so the row showed that run). */
static void
test_failing_and_recovered (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *failing_id = seed_uuid ("sync:payments-staging");
  g_autofree char *recovered_id = seed_uuid ("sync:web-prod");
  FerrySyncHistoryView *view;
  const char *text;
  GtkWidget *list;
  guint requests;

  ferry_window_fixture_sign_in (fixture);
  select_project_named (fixture, "Payments API");
  /* Only the history shown is asked for, once. */
  ferry_test_spin_for (500);
  requests = count_audit_requests (fixture);
  select_sync (fixture, failing_id);
  view = history_view (fixture);
  WAIT_FOR (g_strcmp0 (ferry_sync_history_view_get_page (view), "events") == 0);
  WAIT_FOR (ferry_sync_history_view_get_failing_since_text (view) != NULL);
  ferry_test_spin_for (500);
  g_assert_cmpuint (count_audit_requests (fixture), <=, requests + 1);
  text = ferry_sync_history_view_get_failing_since_text (view);
  g_test_message ("failing since: %s", text);
  if (g_str_equal (language, "en"))
    g_assert_true (g_str_has_prefix (text, "Failing since "));
  else
    g_assert_false (g_str_has_prefix (text, "Failing since "));
  /* The row says when it began to fail too, from the same history. */
  WAIT_FOR (g_strcmp0 (row_time_text (fixture, failing_id), text) == 0);
  /* Its tooltip, asked for on hover, is the exact time it began to fail. */
  {
    GtkWidget *row = find_sync_row (ferry_window_get_syncs_page (fixture->window), failing_id);
    FerrySync *sync = ferry_sync_row_get_sync (FERRY_SYNC_ROW (row));
    FerrySyncHistory *history = ferry_sync_history_peek (sync);
    g_autofree char *tooltip = ferry_sync_row_dup_time_tooltip (FERRY_SYNC_ROW (row));
    g_autofree char *expected = ferry_ui_format_absolute_time (ferry_sync_history_get_failing_since (history));

    g_assert_true (gtk_widget_get_has_tooltip (ferry_test_find_widget (row, "last_synced_label")));
    g_assert_nonnull (expected);
    g_assert_cmpstr (tooltip, ==, expected);
  }
  list = ferry_test_find_widget (GTK_WIDGET (view), "list");
  g_assert_nonnull (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 3));
  g_assert_null (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 4));
  scroll_to_history (fixture);
  shot (GTK_WIDGET (fixture->window), "failing-window");
  shot (GTK_WIDGET (view), "failing");

  /* The other sync failed twice and recovered: its runs, and no "Failing since". */
  select_project_named (fixture, "Web Storefront");
  select_sync (fixture, recovered_id);
  view = history_view (fixture);
  WAIT_FOR (g_strcmp0 (ferry_sync_history_view_get_page (view), "events") == 0);
  g_assert_null (ferry_sync_history_view_get_failing_since_text (view));
  list = ferry_test_find_widget (GTK_WIDGET (view), "list");
  g_assert_nonnull (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 6));
  g_assert_null (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 7));
  if (g_str_equal (language, "en"))
    {
      GtkWidget *newest = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0));
      GtkWidget *failed = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 3));
      GtkWidget *created = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 6));

      g_assert_cmpstr (ferry_property_row_get_title (FERRY_PROPERTY_ROW (newest)), ==, "Synced");
      g_assert_true (g_str_has_suffix (ferry_property_row_get_subtitle (FERRY_PROPERTY_ROW (newest)), " · automatic"));
      g_assert_cmpstr (ferry_property_row_get_title (FERRY_PROPERTY_ROW (failed)), ==, "Sync failed");
      /* In plain words, not Azure's JSON. */
      g_assert_nonnull (strstr (ferry_property_row_get_subtitle (FERRY_PROPERTY_ROW (failed)), "refused the credentials"));
      g_assert_true (g_str_has_prefix (ferry_property_row_get_title (FERRY_PROPERTY_ROW (created)), "Created by "));
      g_assert_nonnull (strstr (ferry_property_row_get_title (FERRY_PROPERTY_ROW (created)),
                                ferry_sandbox_get_user_email (fixture->sandbox)));
    }
  scroll_to_history (fixture);
  shot (GTK_WIDGET (view), "recovered");
}

static void
test_empty_states (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *sync_id = seed_uuid ("sync:web-prod");
  FerrySyncHistoryView *view;
  GtkWidget *message;

  ferry_window_fixture_sign_in (fixture);
  select_project_named (fixture, "Web Storefront");

  /* No permission: says which one. */
  ferry_sandbox_set_audit_log_readable (fixture->sandbox, FERRY_SANDBOX_ACTOR_IDENTITY, FALSE);
  select_sync (fixture, sync_id);
  view = history_view (fixture);
  WAIT_FOR (g_strcmp0 (ferry_sync_history_view_get_page (view), "forbidden") == 0);
  message = ferry_test_find_widget (GTK_WIDGET (view), "message_label");
  if (g_str_equal (language, "en"))
    g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (message)), "Audit Logs read permission"));
  scroll_to_history (fixture);
  shot (GTK_WIDGET (view), "forbidden");

  /* A plan without audit logs. */
  ferry_sandbox_set_audit_log_readable (fixture->sandbox, FERRY_SANDBOX_ACTOR_IDENTITY, TRUE);
  ferry_sandbox_set_audit_log_retention (fixture->sandbox, 0);
  click_refresh (fixture);
  WAIT_FOR (g_strcmp0 (ferry_sync_history_view_get_page (view), "no-retention") == 0);
  if (g_str_equal (language, "en"))
    g_assert_true (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (message)), "Your Infisical plan keeps no audit logs"));
  shot (GTK_WIDGET (view), "no-retention");

  /* A server without the route: the section hides itself. */
  ferry_sandbox_set_audit_log_route (fixture->sandbox, FALSE);
  click_refresh (fixture);
  WAIT_FOR (ferry_sync_history_view_get_page (view) == NULL);
  g_assert_false (gtk_widget_get_visible (ferry_test_find_widget (GTK_WIDGET (view), "group")));
}

static gboolean
message_dialog_open (gpointer data)
{
  return ferry_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

/* The label below @root whose text starts with @prefix, or NULL. */
static GtkWidget *
find_label_with_prefix (GtkWidget  *root,
                        const char *prefix)
{
  if (GTK_IS_LABEL (root) && g_str_has_prefix (gtk_label_get_label (GTK_LABEL (root)), prefix))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label_with_prefix (child, prefix);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A server that deletes the sync although removing its secrets failed (revoked PAT): the
 * toast says so, with the reason, instead of "deleted and its secrets removed". */
static void
test_delete_not_removed (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *sync_id = seed_uuid ("sync:web-prod");
  g_autofree char *expected = NULL;
  g_autofree char *wrong = NULL;
  GtkWidget *page;
  AdwMessageDialog *dialog;
  GtkWidget *entry;
  GtkWidget *toast;

  ferry_window_fixture_sign_in (fixture);
  select_project_named (fixture, "Web Storefront");
  ferry_sandbox_set_delete_after_failed_remove (fixture->sandbox, TRUE);
  ferry_sandbox_revoke_devops_pat (fixture->sandbox, ferry_sandbox_get_devops_pat (fixture->sandbox, "contoso"));
  select_sync (fixture, sync_id);
  page = ferry_window_get_syncs_page (fixture->window);

  gtk_widget_activate_action (page, "syncs.delete", NULL);
  g_assert_true (ferry_test_spin_until (message_dialog_open, NULL, WAIT_MS));
  dialog = ferry_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  entry = ferry_test_find_widget (GTK_WIDGET (dialog), "confirm-entry");
  g_assert_nonnull (entry);
  gtk_switch_set_active (GTK_SWITCH (ferry_test_find_widget (GTK_WIDGET (dialog), "remove-secrets-switch")), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (entry), "web-prod-to-contoso-web");
  g_signal_emit_by_name (entry, "activate");

  WAIT_FOR (!ferry_test_has_sync_named (ferry_syncs_page_get_syncs (syncs_page (fixture)), "web-prod-to-contoso-web"));
  /* The sentence up to the reason, in the test's language. */
  expected = g_strdup_printf (_("Sync “%s” was deleted, but its secrets could not be removed from Azure DevOps: %s"),
                              "web-prod-to-contoso-web", "");
  wrong = g_strdup_printf (_("Sync “%s” deleted and its secrets removed"), "web-prod-to-contoso-web");
  WAIT_FOR ((toast = find_label_with_prefix (GTK_WIDGET (fixture->window), expected)) != NULL);
  g_test_message ("toast: %s", gtk_label_get_label (GTK_LABEL (toast)));
  /* The reason in plain words: the connection's token. */
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (toast)), "contoso-pat"));
  g_assert_null (find_label_with_prefix (GTK_WIDGET (fixture->window), wrong));
  shot (GTK_WIDGET (fixture->window), "delete-not-removed");
}

int
main (int   argc,
      char *argv[])
{
  const char *wanted = g_getenv ("FERRY_TEST_LANGUAGE");

  if (wanted != NULL && *wanted != '\0')
    language = wanted;
  if (!g_str_equal (language, "en"))
    {
      g_autofree char *localedir = g_build_filename (g_getenv ("FERRY_BUILD_ROOT"), "po", NULL);

      /* gettext reads LANGUAGE unless the locale is "C"; C.UTF-8 is enough. */
      g_setenv ("LANGUAGE", language, TRUE);
      setlocale (LC_ALL, "C.UTF-8");
      bindtextdomain (GETTEXT_PACKAGE, localedir);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }

  ferry_test_init_gtk (&argc, &argv);

  if (g_strcmp0 (g_getenv ("FERRY_TEST_SECRET_SERVICE"), "1") != 0)
    {
      g_autofree char *path = g_build_filename (ferry_test_get_home (), "test.keyring", NULL);

      g_setenv ("SECRET_BACKEND", "file", TRUE);
      g_setenv ("SECRET_FILE_TEST_PATH", path, TRUE);
      g_setenv ("SECRET_FILE_TEST_PASSWORD", "ferry-test", TRUE);
    }

  g_test_add ("/history-view/failing-and-recovered", Fixture, NULL, fixture_setup, test_failing_and_recovered, fixture_teardown);
  g_test_add ("/history-view/empty-states", Fixture, NULL, fixture_setup, test_empty_states, fixture_teardown);
  g_test_add ("/history-view/delete-not-removed", Fixture, NULL, fixture_setup, test_delete_not_removed, fixture_teardown);

  return g_test_run ();
}
