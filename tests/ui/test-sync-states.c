/* test-sync-states.c: what the Syncs page and the assistant show for a sync whose secrets
 * were removed, whose source folder was deleted, one with subfolders, and a destination
 * the organization allows only once, in English and German, against the in-process
 * sandbox. Saves states-<point>-<lang>.png (3 removed, 4 folder deleted, 8 subfolders,
 * 11 duplicate destination).
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "ferry-sync-assistant.h"
#include "ferry-sync-details.h"
#include "ferry-sync-row.h"
#include "ferry-sync-state.h"
#include "ferry-syncs-page.h"
#include "window-fixture.h"

#define WAIT_MS 20000

typedef FerryWindowFixture Fixture;

static void
save_failure_screenshot (void)
{
  ferry_window_fixture_save_failure ("states-timeout");
}

#define WAIT_FOR(cond) FERRY_TEST_WAIT_FOR (cond, #cond, WAIT_MS, save_failure_screenshot ())

/* ---- Language ---- */

/* Every string is looked up when a widget is made, so a window opened after this shows
 * @lang (the build's own catalogue, _build/po). */
static void
use_language (const char *lang)
{
  g_autofree char *dir = g_build_filename (g_getenv ("FERRY_BUILD_ROOT"), "po", NULL);

  g_setenv ("LANGUAGE", lang, TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  bindtextdomain (GETTEXT_PACKAGE, dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  /* Also drops gettext's cache of the other language. */
  textdomain (GETTEXT_PACKAGE);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  use_language (data);
  ferry_window_fixture_open (fixture, "States");
  ferry_window_fixture_sign_in (fixture);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  ferry_window_fixture_close (fixture);
  use_language ("en");
}

static char *
shot_name (int         point,
           const char *lang)
{
  return g_strdup_printf ("states-%d-%s", point, lang);
}

/* ---- Helpers ---- */

static FerrySyncsPage *
syncs_page (Fixture *fixture)
{
  return FERRY_SYNCS_PAGE (ferry_window_get_syncs_page (fixture->window));
}

static FerryProjectModel *
model (Fixture *fixture)
{
  return ferry_syncs_page_get_model (syncs_page (fixture));
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

static gboolean
label_below_contains (GtkWidget  *root,
                      const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_visible (root) &&
      strstr (gtk_label_get_label (GTK_LABEL (root)), text) != NULL)
    return TRUE;
  /* The sync rows' texts (ferry-sync-row.ui). */
  if (GTK_IS_INSCRIPTION (root) && gtk_widget_get_visible (root) && gtk_inscription_get_text (GTK_INSCRIPTION (root)) != NULL &&
      strstr (gtk_inscription_get_text (GTK_INSCRIPTION (root)), text) != NULL)
    return TRUE;
  if (ADW_IS_ACTION_ROW (root) && adw_action_row_get_subtitle (ADW_ACTION_ROW (root)) != NULL &&
      strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (root)), text) != NULL)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (label_below_contains (child, text))
      return TRUE;
  return FALSE;
}

static FerrySyncDetails *
details (Fixture *fixture)
{
  GtkWidget *widget = ferry_test_find_widget (ferry_window_get_syncs_page (fixture->window), "details");

  g_assert_true (FERRY_IS_SYNC_DETAILS (widget));
  return FERRY_SYNC_DETAILS (widget);
}

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}


/* Makes a sync of the window's project through the model, as the assistant would. */
static FerrySync *
create_sync (Fixture    *fixture,
             const char *name,
             const char *path,
             const char *devops,
             gboolean    recursive)
{
  FerryProject *project = ferry_window_get_project (fixture->window);
  g_autoptr(FerrySyncDraft) draft = ferry_sync_draft_new (ferry_resource_get_id (FERRY_RESOURCE (project)));
  g_autoptr(FerryEnvironment) env = g_list_model_get_item (ferry_project_get_environments (project), 0);
  g_autoptr(FerrySync) existing = g_list_model_get_item (ferry_project_model_get_syncs (model (fixture)), 0);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  FerrySync *sync;

  ferry_sync_draft_set_name (draft, name);
  ferry_sync_draft_set_environment (draft, ferry_environment_get_slug (env), ferry_environment_get_name (env));
  ferry_sync_draft_set_secret_path (draft, path);
  ferry_sync_draft_set_connection (draft, ferry_sync_get_connection_id (existing), ferry_sync_get_connection_name (existing));
  ferry_sync_draft_set_devops_project (draft, ferry_sandbox_get_devops_project_id (fixture->sandbox, "contoso", devops), devops);
  ferry_sync_draft_set_auto_sync_enabled (draft, FALSE);
  ferry_sync_draft_set_recursive (draft, recursive);
  ferry_project_model_save_sync_async (model (fixture), draft, NULL, result_cb, &result);
  WAIT_FOR (result != NULL);
  sync = ferry_project_model_save_sync_finish (model (fixture), result, &error);
  g_assert_no_error (error);
  return sync;
}

static void
refresh (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  ferry_project_model_refresh_async (model (fixture), NULL, result_cb, &result);
  WAIT_FOR (result != NULL);
  g_assert_true (ferry_project_model_refresh_finish (model (fixture), result, &error));
  g_assert_no_error (error);
}

/* Clicks the assistant's step button; TRUE once that step shows. */
static gboolean
go_to_step (GtkWindow  *assistant,
            const char *step)
{
  g_autofree char *button = g_strconcat ("step-", step, NULL);
  GtkWidget *stack = ferry_test_find_widget (GTK_WIDGET (assistant), "stack");

  g_signal_emit_by_name (ferry_test_find_widget (GTK_WIDGET (assistant), button), "clicked");
  ferry_test_spin_for (20);
  return g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (stack)), step) == 0;
}

/* Sync Now / Remove Secrets requests the sandbox saw. */
static guint
count_job_requests (Fixture *fixture)
{
  g_autoptr(JsonNode) log = ferry_sandbox_get_requests (fixture->sandbox);
  JsonArray *entries = json_node_get_array (log);
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      const char *path = json_object_get_string_member_with_default (json_array_get_object_element (entries, i), "path", "");

      if (g_str_has_suffix (path, "/sync-secrets") || g_str_has_suffix (path, "/remove-secrets"))
        n++;
    }
  return n;
}

static gboolean
message_dialog_open (gpointer data)
{
  return ferry_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

/* ---- Remove Secrets: the destination is empty, not "Synced" ---- */

static void
test_removed (Fixture       *fixture,
              gconstpointer  data)
{
  const char *lang = data;
  g_autofree char *name = shot_name (3, lang);
  GtkWidget *page = ferry_window_get_syncs_page (fixture->window);
  AdwMessageDialog *dialog;
  FerrySync *sync = NULL;
  GtkWidget *row;

  for (guint i = 0; i < g_list_model_get_n_items (ferry_syncs_page_get_syncs (syncs_page (fixture))); i++)
    {
      g_autoptr(FerrySync) item = g_list_model_get_item (ferry_syncs_page_get_syncs (syncs_page (fixture)), i);

      if (g_strcmp0 (ferry_sync_get_name (item), "web-prod-to-contoso-web") == 0)
        sync = item;
    }
  g_assert_nonnull (sync);
  g_assert_cmpint (ferry_sync_get_state (sync), ==, FERRY_SYNC_STATE_SYNCED);
  g_assert_true (ferry_syncs_page_select_sync (syncs_page (fixture), ferry_resource_get_id (FERRY_RESOURCE (sync))));

  gtk_widget_activate_action (page, "syncs.remove-secrets", NULL);
  g_assert_true (ferry_test_spin_until (message_dialog_open, NULL, WAIT_MS));
  dialog = ferry_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  adw_message_dialog_response (dialog, "remove");
  gtk_window_close (GTK_WINDOW (dialog));
  WAIT_FOR (!ferry_sync_get_busy (sync) && ferry_sync_get_remove_status (sync) == FERRY_SYNC_STATUS_SUCCEEDED);

  /* The sync job's "succeeded" is about a group that is gone. */
  g_assert_cmpint (ferry_sync_get_sync_status (sync), ==, FERRY_SYNC_STATUS_SUCCEEDED);
  g_assert_cmpint (ferry_sync_get_state (sync), ==, FERRY_SYNC_STATE_REMOVED);
  row = find_sync_row (page, ferry_resource_get_id (FERRY_RESOURCE (sync)));
  g_assert_nonnull (row);
  g_assert_cmpstr (ferry_sync_row_get_status_text (FERRY_SYNC_ROW (row)), ==,
                   ferry_sync_state_get_label (FERRY_SYNC_STATE_REMOVED));
  g_assert_cmpstr (ferry_sync_row_get_status_text (FERRY_SYNC_ROW (row)), !=, _("Synced"));
  g_assert_nonnull (ferry_sync_details_get_explanation (details (fixture)));
  /* It names the variable group that is gone. */
  g_assert_nonnull (strstr (ferry_sync_details_get_explanation (details (fixture)), "Production"));
  if (g_str_equal (lang, "de"))
    g_assert_cmpstr (ferry_sync_row_get_status_text (FERRY_SYNC_ROW (row)), ==, "Geheimnisse entfernt");
  ferry_test_shot_widget (GTK_WIDGET (fixture->window), name);

  /* Sync Now writes the group again: "Synced" is true again. */
  gtk_widget_activate_action (page, "syncs.sync-now", NULL);
  WAIT_FOR (!ferry_sync_get_busy (sync) && ferry_sync_get_state (sync) == FERRY_SYNC_STATE_SYNCED);
  g_assert_null (ferry_sync_details_get_explanation (details (fixture)));
}

/* ---- A deleted source folder ---- */

static void
test_folder_deleted (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *lang = data;
  g_autofree char *name = shot_name (4, lang);
  g_autofree char *dialog_name = g_strdup_printf ("states-4-delete-%s", lang);
  g_autofree char *body = NULL;
  FerryProject *project = ferry_window_get_project (fixture->window);
  g_autoptr(FerryEnvironment) env = g_list_model_get_item (ferry_project_get_environments (project), 0);
  GtkWidget *page = ferry_window_get_syncs_page (fixture->window);
  g_autoptr(FerrySync) sync = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *row;

  sync = create_sync (fixture, "frontend-to-internal", "/frontend", "Internal Tools", FALSE);
  body = g_strdup_printf ("{\"projectId\":\"%s\",\"environment\":\"%s\",\"path\":\"/\"}",
                          ferry_resource_get_id (FERRY_RESOURCE (project)), ferry_environment_get_slug (env));
  g_assert_cmpuint (ferry_sandbox_send_as_user (fixture->sandbox, "DELETE", "/api/v2/folders/frontend", body), ==, 200);
  refresh (fixture);
  g_assert_true (ferry_sync_get_folder_deleted (sync));
  g_assert_null (ferry_sync_get_environment_name (sync));
  g_assert_true (ferry_syncs_page_select_sync (syncs_page (fixture), ferry_resource_get_id (FERRY_RESOURCE (sync))));
  ferry_test_spin_for (200);

  /* Nothing says "(null)"; the row says what happened and what to do. */
  row = find_sync_row (page, ferry_resource_get_id (FERRY_RESOURCE (sync)));
  g_assert_nonnull (row);
  g_assert_false (label_below_contains (row, "(null)"));
  g_assert_true (label_below_contains (row, _("Source folder deleted · choose Edit to pick another")));
  g_assert_false (label_below_contains (GTK_WIDGET (details (fixture)), "(null)"));
  g_assert_nonnull (strstr (ferry_sync_details_get_explanation (details (fixture)),
                            g_str_equal (lang, "de") ? "„Bearbeiten“" : "Edit"));

  /* The server refuses both jobs: not offered (activating them sends nothing). Edit is. */
  ferry_sandbox_clear_requests (fixture->sandbox);
  gtk_widget_activate_action (page, "syncs.sync-now", NULL);
  gtk_widget_activate_action (page, "syncs.remove-secrets", NULL);
  ferry_test_spin_for (300);
  g_assert_false (message_dialog_open (NULL));
  g_assert_cmpuint (count_job_requests (fixture), ==, 0);
  g_assert_cmpint (ferry_sync_get_sync_status (sync), ==, FERRY_SYNC_STATUS_NONE);
  gtk_widget_activate_action (page, "syncs.edit", NULL);
  WAIT_FOR (ferry_test_find_toplevel (FERRY_TYPE_SYNC_ASSISTANT) != NULL);
  gtk_window_destroy (ferry_test_find_toplevel (FERRY_TYPE_SYNC_ASSISTANT));
  ferry_test_spin_for (100);
  ferry_test_shot_widget (GTK_WIDGET (fixture->window), name);

  /* Delete: no "(null)" and no "Also remove secrets". */
  gtk_widget_activate_action (page, "syncs.delete", NULL);
  g_assert_true (ferry_test_spin_until (message_dialog_open, NULL, WAIT_MS));
  dialog = ferry_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_null (ferry_test_find_widget (GTK_WIDGET (dialog), "remove-secrets-switch"));
  g_assert_null (strstr (adw_message_dialog_get_body (dialog), "(null)"));
  g_assert_false (label_below_contains (GTK_WIDGET (dialog), "(null)"));
  ferry_test_shot_widget (GTK_WIDGET (dialog), dialog_name);
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_close (GTK_WINDOW (dialog));
  ferry_test_spin_for (100);
}

/* ---- Subfolders on the Options step ---- */

static void
test_subfolders (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *lang = data;
  g_autofree char *name = shot_name (8, lang);
  g_autofree char *refused_name = g_strdup_printf ("states-8-refused-%s", lang);
  g_autofree char *secret = NULL;
  FerryProject *project = ferry_window_get_project (fixture->window);
  g_autoptr(FerryEnvironment) env = g_list_model_get_item (ferry_project_get_environments (project), 0);
  GtkWidget *page = ferry_window_get_syncs_page (fixture->window);
  g_autoptr(FerrySync) sync = NULL;
  GtkWindow *assistant;
  GtkWidget *sw;
  GtkWidget *message;

  sync = create_sync (fixture, "backend-with-subfolders", "/backend", "Internal Tools", TRUE);
  g_assert_true (ferry_sync_get_recursive (sync));
  g_assert_true (ferry_syncs_page_select_sync (syncs_page (fixture), ferry_resource_get_id (FERRY_RESOURCE (sync))));
  ferry_test_spin_for (200);
  /* Details say so. */
  g_assert_true (label_below_contains (GTK_WIDGET (details (fixture)),
                                       _("Included: the secrets of every folder below are synced too")));

  /* The same name in /backend and /backend/api. */
  secret = g_strdup_printf ("{\"workspaceId\":\"%s\",\"environment\":\"%s\",\"secretPath\":\"/backend/api\","
                            "\"secretValue\":\"redis://api-cache:6379/1\"}",
                            ferry_resource_get_id (FERRY_RESOURCE (project)), ferry_environment_get_slug (env));
  g_assert_cmpuint (ferry_sandbox_send_as_user (fixture->sandbox, "POST", "/api/v3/secrets/raw/REDIS_URL", secret), ==, 200);

  gtk_widget_activate_action (page, "syncs.edit", NULL);
  WAIT_FOR ((assistant = ferry_test_find_toplevel (FERRY_TYPE_SYNC_ASSISTANT)) != NULL);
  ferry_test_wait_mapped (GTK_WIDGET (assistant));
  /* Reachable once the earlier steps have loaded what they check. */
  WAIT_FOR (go_to_step (assistant, "options"));
  sw = ferry_test_find_widget (GTK_WIDGET (assistant), "recursive_switch");
  message = ferry_test_find_widget (GTK_WIDGET (assistant), "recursive_message");
  g_assert_nonnull (sw);
  g_assert_true (gtk_widget_get_visible (ferry_test_find_widget (GTK_WIDGET (assistant), "subfolders_group")));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (sw)));

  /* The preview covers the subfolders and names the clash before the server does. */
  WAIT_FOR (label_below_contains (GTK_WIDGET (assistant), "/backend/api"));
  WAIT_FOR (strstr (gtk_label_get_label (GTK_LABEL (message)), "REDIS_URL") != NULL);
  ferry_test_shot_widget (GTK_WIDGET (assistant), name);

  /* Saved anyway: the server's refusal is shown on the Options step. */
  {
    GtkWidget *description;

    WAIT_FOR (go_to_step (assistant, "details"));
    description = ferry_test_find_widget (GTK_WIDGET (assistant), "description_row");
    g_assert_nonnull (description);
    gtk_editable_set_text (GTK_EDITABLE (description), "with subfolders");
    WAIT_FOR (go_to_step (assistant, "review"));
    g_assert_true (label_below_contains (GTK_WIDGET (assistant), _("Included: every folder below the source folder is synced too")));
    g_signal_emit_by_name (ferry_test_find_widget (GTK_WIDGET (assistant), "create_button"), "clicked");
  }
  WAIT_FOR (strstr (gtk_label_get_label (GTK_LABEL (message)), "/backend and /backend/api") != NULL);
  g_assert_true (gtk_widget_get_mapped (message));
  g_assert_true (gtk_widget_has_css_class (message, "error"));
  ferry_test_shot_widget (GTK_WIDGET (assistant), refused_name);

  /* Turning subfolders off clears it. */
  gtk_switch_set_active (GTK_SWITCH (sw), FALSE);
  ferry_test_spin_for (100);
  g_assert_null (strstr (gtk_label_get_label (GTK_LABEL (message)), "/backend and /backend/api"));
  gtk_window_destroy (assistant);
  ferry_test_spin_for (100);
}

/* ---- The old build: no subfolders offered ---- */

static void
test_old_build_hides_subfolders (Fixture       *fixture,
                                 gconstpointer  data)
{
  GtkWidget *page = ferry_window_get_syncs_page (fixture->window);
  GtkWindow *assistant;

  ferry_sandbox_set_server_build (fixture->sandbox, FERRY_SANDBOX_SERVER_BUILD_OLD);
  refresh (fixture);
  gtk_widget_activate_action (page, "syncs.create", NULL);
  WAIT_FOR ((assistant = ferry_test_find_toplevel (FERRY_TYPE_SYNC_ASSISTANT)) != NULL);
  ferry_test_wait_mapped (GTK_WIDGET (assistant));
  g_assert_false (gtk_widget_get_visible (ferry_test_find_widget (GTK_WIDGET (assistant), "subfolders_group")));
  g_assert_false (gtk_widget_get_visible (ferry_test_find_widget (GTK_WIDGET (assistant), "review_subfolders_row")));
  gtk_window_destroy (assistant);
  ferry_test_spin_for (100);
}

/* ---- Duplicate destinations where the organization blocks them ---- */

static void
test_duplicate_blocked (Fixture       *fixture,
                        gconstpointer  data)
{
  const char *lang = data;
  g_autofree char *name = shot_name (11, lang);
  const char *contoso_web = ferry_sandbox_get_devops_project_id (fixture->sandbox, "contoso", "Contoso Web");
  GtkWidget *page = ferry_window_get_syncs_page (fixture->window);
  g_autoptr(FerrySync) sync = NULL;
  GtkWindow *assistant;
  FerrySyncDraft *draft;
  GtkWidget *message;
  GtkWidget *next;

  sync = create_sync (fixture, "second-writer", "/", "Internal Tools", FALSE);
  ferry_sandbox_set_block_duplicate_destinations (fixture->sandbox, TRUE);
  g_assert_true (ferry_syncs_page_select_sync (syncs_page (fixture), ferry_resource_get_id (FERRY_RESOURCE (sync))));

  /* Moved onto web-prod-to-contoso-web's project and saved: the server's refusal is
   * explained on the Destination step. */
  gtk_widget_activate_action (page, "syncs.edit", NULL);
  WAIT_FOR ((assistant = ferry_test_find_toplevel (FERRY_TYPE_SYNC_ASSISTANT)) != NULL);
  ferry_test_wait_mapped (GTK_WIDGET (assistant));
  draft = ferry_sync_assistant_get_draft (FERRY_SYNC_ASSISTANT (assistant));
  WAIT_FOR (go_to_step (assistant, "destination"));
  ferry_sync_draft_set_devops_project (draft, contoso_web, "Contoso Web");
  WAIT_FOR (go_to_step (assistant, "review"));
  g_signal_emit_by_name (ferry_test_find_widget (GTK_WIDGET (assistant), "create_button"), "clicked");
  message = ferry_test_find_widget (GTK_WIDGET (assistant), "devops_error_message");
  WAIT_FOR (g_strcmp0 (gtk_label_get_label (GTK_LABEL (message)), ferry_sync_draft_duplicate_destination_message ()) == 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (ferry_test_find_widget (GTK_WIDGET (assistant), "stack"))), ==, "destination");
  g_assert_true (gtk_widget_get_visible (message));
  next = ferry_test_find_widget (GTK_WIDGET (assistant), "next_button");
  g_assert_false (gtk_widget_get_sensitive (next));
  ferry_test_shot_widget (GTK_WIDGET (assistant), name);

  /* Now that Ferry knows the organization blocks duplicates, choosing that project again
   * is refused on the step at once (check-destination), not just warned about. */
  ferry_sync_draft_set_devops_project (draft, ferry_sandbox_get_devops_project_id (fixture->sandbox, "contoso", "Fabrikam Fiber"),
                                       "Fabrikam Fiber");
  WAIT_FOR (gtk_widget_get_sensitive (next));
  ferry_sync_draft_set_devops_project (draft, contoso_web, "Contoso Web");
  WAIT_FOR (!gtk_widget_get_sensitive (next));
  WAIT_FOR (g_strcmp0 (gtk_label_get_label (GTK_LABEL (message)), ferry_sync_draft_duplicate_destination_message ()) == 0);

  gtk_window_destroy (assistant);
  ferry_test_spin_for (100);
}

int
main (int   argc,
      char *argv[])
{
  ferry_test_init_gtk (&argc, &argv);

  if (g_strcmp0 (g_getenv ("FERRY_TEST_SECRET_SERVICE"), "1") != 0)
    {
      g_autofree char *path = g_build_filename (ferry_test_get_home (), "test.keyring", NULL);

      g_setenv ("SECRET_BACKEND", "file", TRUE);
      g_setenv ("SECRET_FILE_TEST_PATH", path, TRUE);
      g_setenv ("SECRET_FILE_TEST_PASSWORD", "ferry-test", TRUE);
    }

#define ADD(path, func, lang) g_test_add (path, Fixture, lang, fixture_setup, func, fixture_teardown)
  ADD ("/sync-states/removed/en", test_removed, "en");
  ADD ("/sync-states/removed/de", test_removed, "de");
  ADD ("/sync-states/folder-deleted/en", test_folder_deleted, "en");
  ADD ("/sync-states/folder-deleted/de", test_folder_deleted, "de");
  ADD ("/sync-states/subfolders/en", test_subfolders, "en");
  ADD ("/sync-states/subfolders/de", test_subfolders, "de");
  ADD ("/sync-states/duplicate-blocked/en", test_duplicate_blocked, "en");
  ADD ("/sync-states/duplicate-blocked/de", test_duplicate_blocked, "de");
  ADD ("/sync-states/old-build-hides-subfolders", test_old_build_hides_subfolders, "en");
#undef ADD

  return g_test_run ();
}
