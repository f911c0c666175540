/* test-assistant.c: the create/edit sync assistant in a real window, against the
 * in-process sandbox, signed in with a machine identity through FerrySession.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Keyring: the private gnome-keyring of tests/keyring-session.sh when
 * FERRY_TEST_SECRET_SERVICE=1, else libsecret's file backend in this test's HOME.
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "ferry-context.h"
#include "ferry-project-model.h"
#include "ferry-sandbox.h"
#include "ferry-session.h"
#include "ferry-sync-assistant.h"
#include "ferry-test-utils.h"

#define SYNCS_PATH "/api/v1/secret-syncs/azure-devops"
#define WAIT_MS 20000

typedef struct
{
  FerrySandbox       *sandbox;
  GSettings          *settings;
  FerryTokenStore    *tokens;
  FerryContext       *context;
  FerryProject       *project;      /* "Web Storefront" */
  FerryProjectModel  *model;        /* its model, which the window would pass */
  GtkWindow          *parent;
  FerrySyncAssistant *assistant;
  FerrySync          *saved;
  guint               n_saved;
} Fixture;

/* ---- Helpers ---- */

static gboolean
result_ready (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  g_assert_true (ferry_test_spin_until (result_ready, slot, WAIT_MS));
  return *slot;
}

#define WAIT_FOR(cond) FERRY_TEST_WAIT_FOR (cond, #cond, WAIT_MS, save_failure_screenshot ())

/* The window a timed-out wait was about, saved for the log as "assistant-timeout". */
static GtkWidget *current_window;

static void
save_failure_screenshot (void)
{
  if (current_window != NULL && gtk_widget_get_mapped (current_window))
    g_free (ferry_test_save_screenshot (current_window, "assistant-timeout"));
}

/* The sandbox's fixed ids: seed_uuid () of tests/sandbox/sandbox-seed.c. */
static char *
seed_uuid (const char *name)
{
  g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA1, name, -1);

  return g_strdup_printf ("%.8s-%.4s-4%.3s-a%.3s-%.12s", sum, sum + 8, sum + 12, sum + 15, sum + 18);
}

static GtkWidget *
find_by_id (GtkWidget  *root,
            const char *id)
{
  GtkWidget *child;

  if (g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (root)), id) == 0)
    return root;

  for (child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_id (child, id);
      if (found != NULL)
        return found;
    }

  return NULL;
}

/* A widget of the page of @step with the template id @id. */
static GtkWidget *
page_widget (Fixture            *fixture,
             FerrySyncDraftStep  step,
             const char         *id)
{
  static const char *names[] = { "source", "destination", "options", "details", "review" };
  GtkWidget *stack = find_by_id (GTK_WIDGET (fixture->assistant), "stack");
  GtkWidget *page = gtk_stack_get_child_by_name (GTK_STACK (stack), names[step]);
  GtkWidget *widget;

  g_assert_nonnull (page);
  widget = find_by_id (page, id);
  if (widget == NULL)
    g_error ("no widget “%s” on step %s", id, names[step]);

  return widget;
}

static GtkWidget *
assistant_widget (Fixture    *fixture,
                  const char *id)
{
  GtkWidget *widget = find_by_id (GTK_WIDGET (fixture->assistant), id);

  g_assert_nonnull (widget);
  return widget;
}

static GtkWidget *
find_by_name (GtkWidget  *root,
              const char *name)
{
  GtkWidget *child;

  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;

  for (child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_name (child, name);
      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
find_label_with_text (GtkWidget  *root,
                      const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (find_label_with_text (child, text))
      return TRUE;

  return FALSE;
}

static const char *
label_text (GtkWidget *label)
{
  return gtk_widget_get_visible (label) ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

static void
set_text (GtkWidget  *editable,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (editable), text);
}

static void
click (GtkWidget *button)
{
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static gboolean
next_sensitive (Fixture *fixture)
{
  return gtk_widget_get_sensitive (assistant_widget (fixture, "next_button"));
}

static void
next (Fixture *fixture)
{
  FerrySyncDraftStep step = ferry_sync_assistant_get_step (fixture->assistant);

  WAIT_FOR (next_sensitive (fixture));
  click (assistant_widget (fixture, "next_button"));
  g_assert_cmpint (ferry_sync_assistant_get_step (fixture->assistant), ==, step + 1);
}

/* Rows of a GtkListBox (AdwActionRows) with the widget name @name. */
static GtkWidget *
find_row (GtkWidget  *list,
          const char *name,
          const char *title)
{
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (gtk_widget_get_name (row), name) == 0 &&
        g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title) == 0)
      return row;

  return NULL;
}

static JsonObject *
last_request (Fixture    *fixture,
              const char *method,
              const char *path)
{
  g_autoptr(JsonNode) node = ferry_sandbox_get_requests (fixture->sandbox);
  JsonArray *array = json_node_get_array (node);
  JsonObject *found = NULL;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *entry = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (entry, "method"), method) == 0 &&
          g_strcmp0 (json_object_get_string_member (entry, "path"), path) == 0)
        found = entry;
    }

  return found ? json_object_ref (found) : NULL;
}

static guint
count_requests (Fixture    *fixture,
                const char *method,
                const char *path)
{
  return ferry_sandbox_count_requests (fixture->sandbox, method, path);
}

static char *
node_to_string (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

/* Compares a recorded body with the expected JSON, independent of member order. */
static void
assert_body (JsonObject *entry,
             const char *expected)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *body = json_object_get_member (entry, "body");
  g_autofree char *actual = NULL;

  g_assert_nonnull (body);
  json_parser_load_from_data (parser, expected, -1, &error);
  g_assert_no_error (error);
  if (!json_node_equal (body, json_parser_get_root (parser)))
    {
      actual = node_to_string (body);
      g_error ("request body differs:\n  got      %s\n  expected %s", actual, expected);
    }
}

static void
after_paint_cb (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

/* Lets layout and the frame clock settle, then saves a screenshot. */
static void
screenshot (GtkWidget  *widget,
            const char *name)
{
  GtkWidget *stack = find_by_id (widget, "stack");

  /* Not in the middle of the slide between two steps. */
  GdkFrameClock *clock;
  gboolean painted = FALSE;
  gulong handler;

  if (stack != NULL)
    WAIT_FOR (!gtk_stack_get_transition_running (GTK_STACK (stack)));
  ferry_test_spin_for (100);

  /* Right after a frame was painted, so every widget has its render node (anything that
   * queues a redraw, such as a spinner, drops it until the next frame). */
  clock = gtk_widget_get_frame_clock (widget);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &painted);
  gtk_widget_queue_draw (widget);
  WAIT_FOR (painted);
  g_signal_handler_disconnect (clock, handler);
  g_free (ferry_test_save_screenshot (widget, name));
}

static void
sync_saved_cb (FerrySyncAssistant *assistant,
               FerrySync          *sync,
               Fixture            *fixture)
{
  g_set_object (&fixture->saved, sync);
  fixture->n_saved++;
}

static void
open_assistant (Fixture   *fixture,
                FerrySync *sync)
{
  fixture->assistant = ferry_sync_assistant_new (fixture->context, fixture->parent, fixture->model, sync);
  g_object_add_weak_pointer (G_OBJECT (fixture->assistant), (gpointer *) &fixture->assistant);
  g_signal_connect (fixture->assistant, "sync-saved", G_CALLBACK (sync_saved_cb), fixture);
  gtk_window_present (GTK_WINDOW (fixture->assistant));
  ferry_test_wait_mapped (GTK_WIDGET (fixture->assistant));
  current_window = GTK_WIDGET (fixture->assistant);
  g_object_add_weak_pointer (G_OBJECT (fixture->assistant), (gpointer *) &current_window);
}

static gboolean
source_settled (Fixture *fixture)
{
  GtkWidget *ok = page_widget (fixture, FERRY_SYNC_DRAFT_STEP_SOURCE, "path_ok_icon");

  return gtk_widget_get_visible (ok);
}

static GtkWidget *
folder_list (Fixture *fixture)
{
  return page_widget (fixture, FERRY_SYNC_DRAFT_STEP_SOURCE, "folder_list");
}

/* Source step: environment @env_index, folder picked by clicking through the browser. */
static void
fill_source (Fixture    *fixture,
             guint       env_index,
             const char *first_folder)
{
  FerrySyncDraft *draft = ferry_sync_assistant_get_draft (fixture->assistant);
  GtkWidget *row;

  WAIT_FOR (source_settled (fixture));
  adw_combo_row_set_selected (ADW_COMBO_ROW (page_widget (fixture, FERRY_SYNC_DRAFT_STEP_SOURCE, "environment_row")), env_index);
  WAIT_FOR (source_settled (fixture) && find_row (folder_list (fixture), "folder-row", first_folder) != NULL);

  row = find_row (folder_list (fixture), "folder-row", first_folder);
  g_signal_emit_by_name (folder_list (fixture), "row-activated", row);
  WAIT_FOR (source_settled (fixture) &&
            g_strcmp0 (ferry_sync_draft_get_secret_path (draft), "") != 0 &&
            find_row (folder_list (fixture), "parent-folder-row", "Parent Folder") != NULL);
}

/* Destination step with a machine identity: the connection is preselected, the Azure
 * DevOps project is entered by hand. */
static void
fill_destination_by_hand (Fixture    *fixture,
                          const char *devops_id,
                          const char *devops_name)
{
  FerrySyncDraft *draft = ferry_sync_assistant_get_draft (fixture->assistant);
  GtkWidget *id_row = page_widget (fixture, FERRY_SYNC_DRAFT_STEP_DESTINATION, "devops_id_row");
  GtkWidget *name_row = page_widget (fixture, FERRY_SYNC_DRAFT_STEP_DESTINATION, "devops_name_row");

  WAIT_FOR (ferry_sync_draft_get_connection_id (draft) != NULL && gtk_widget_get_visible (id_row));
  set_text (id_row, devops_id);
  set_text (name_row, devops_name);
}

/* ---- Fixture ---- */

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(FerrySession) session = NULL;
  g_autoptr(GListStore) projects = NULL;
  g_autoptr(GError) error = NULL;
  FerryApiClient *client;

  fixture->sandbox = ferry_sandbox_new (FERRY_SANDBOX_SEED_DEMO);
  ferry_sandbox_set_job_delay (fixture->sandbox, 20);
  g_assert_true (ferry_sandbox_start (fixture->sandbox, 0, &error));
  g_assert_no_error (error);

  fixture->settings = g_settings_new (BASE_APP_ID);
  g_settings_reset (fixture->settings, "accounts");
  g_settings_reset (fixture->settings, "default-account");
  fixture->tokens = ferry_token_store_new ();
  fixture->context = ferry_context_new (fixture->settings, fixture->tokens);

  ferry_session_sign_in_machine_identity_async (ferry_context_get_accounts (fixture->context),
                                                fixture->tokens,
                                                ferry_sandbox_get_url (fixture->sandbox),
                                                ferry_sandbox_get_identity_client_id (fixture->sandbox),
                                                ferry_sandbox_get_identity_client_secret (fixture->sandbox),
                                                NULL, result_cb, &result);
  session = ferry_session_sign_in_machine_identity_finish (wait_result (&result), &error);
  g_assert_no_error (error);
  ferry_context_set_session (fixture->context, session);
  g_clear_object (&result);

  client = ferry_context_get_client (fixture->context);
  g_assert_nonnull (client);
  ferry_api_client_list_projects_async (client, NULL, result_cb, &result);
  projects = ferry_api_client_list_projects_finish (client, wait_result (&result), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (projects)); i++)
    {
      g_autoptr(FerryProject) project = g_list_model_get_item (G_LIST_MODEL (projects), i);

      if (g_strcmp0 (ferry_project_get_name (project), "Web Storefront") == 0)
        fixture->project = g_steal_pointer (&project);
    }
  g_assert_nonnull (fixture->project);
  g_assert_cmpuint (g_list_model_get_n_items (ferry_project_get_environments (fixture->project)), ==, 3);
  fixture->model = g_object_ref (ferry_workspace_get_project_model (ferry_context_get_workspace (fixture->context),
                                                                    fixture->project));

  fixture->parent = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->parent, 400, 300);
  gtk_window_present (fixture->parent);

  ferry_sandbox_clear_requests (fixture->sandbox);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  if (fixture->assistant != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->assistant));
  g_assert_null (fixture->assistant);

  /* Dialogs a test left open. */
  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i - 1);

      if (window != fixture->parent)
        gtk_window_destroy (window);
    }
  gtk_window_destroy (fixture->parent);

  g_clear_object (&fixture->saved);
  g_clear_object (&fixture->model);
  g_clear_object (&fixture->project);
  g_clear_object (&fixture->context);
  g_clear_object (&fixture->tokens);
  g_clear_object (&fixture->settings);
  ferry_test_spin_for (20);
  ferry_sandbox_stop (fixture->sandbox);
  g_clear_object (&fixture->sandbox);
  ferry_test_spin_for (10);
}

/* ---- Tests ---- */

static gboolean
group_has_variables (Fixture    *fixture,
                     const char *devops_id)
{
  g_autoptr(JsonNode) node = ferry_sandbox_get_variable_groups (fixture->sandbox, "contoso", devops_id);
  JsonArray *groups = json_node_get_array (node);

  for (guint i = 0; i < json_array_get_length (groups); i++)
    {
      JsonObject *group = json_array_get_object_element (groups, i);

      if (g_strcmp0 (json_object_get_string_member (group, "name"), "Production") == 0)
        return json_object_has_member (json_object_get_object_member (group, "variables"), "APP_DATABASE_URL");
    }

  return FALSE;
}

static gboolean
preview_shows (Fixture    *fixture,
               const char *key)
{
  GtkWidget *list = page_widget (fixture, FERRY_SYNC_DRAFT_STEP_OPTIONS, "preview_list");

  return find_row (list, "preview-row", key) != NULL;
}

/* The preview row of @key shows @rendered. */
static gboolean
preview_renders (Fixture    *fixture,
                 const char *key,
                 const char *rendered)
{
  GtkWidget *list = page_widget (fixture, FERRY_SYNC_DRAFT_STEP_OPTIONS, "preview_list");
  GtkWidget *row = find_row (list, "preview-row", key);

  if (row == NULL)
    return FALSE;

  return find_label_with_text (row, rendered);
}

/* The assistant fits a 1366×768 laptop screen under GNOME's top bar with room to spare:
 * the window and what its content needs at least stay within 700 px, the steps scroll
 * instead, and the buttons at the bottom are inside the window, not cut off. */
#define LAPTOP_HEIGHT 700

static void
assert_fits_laptop (Fixture *fixture)
{
  GtkWidget *window = GTK_WIDGET (fixture->assistant);
  GtkWidget *content = adw_window_get_content (ADW_WINDOW (fixture->assistant));
  const char *buttons[] = { "next_button", "create_button", "back_button" };
  int min = 0, nat = 0;

  gtk_widget_measure (content, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (content), &min, &nat, NULL, NULL);
  g_test_message ("step %d: content needs %d px (natural %d), window %d×%d",
                  ferry_sync_assistant_get_step (fixture->assistant), min, nat,
                  gtk_widget_get_width (window), gtk_widget_get_height (window));
  g_assert_cmpint (min, <=, LAPTOP_HEIGHT);
  gtk_widget_measure (window, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (window), &min, NULL, NULL, NULL);
  g_assert_cmpint (min, <=, LAPTOP_HEIGHT);
  g_assert_cmpint (gtk_widget_get_height (window), <=, LAPTOP_HEIGHT);

  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      GtkWidget *button = assistant_widget (fixture, buttons[i]);
      graphene_rect_t bounds;

      if (!gtk_widget_get_mapped (button))
        continue;
      g_assert_true (gtk_widget_compute_bounds (button, content, &bounds));
      g_assert_cmpfloat (bounds.origin.y, >=, 0);
      g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_widget_get_height (content));
    }
}

/* The preview's rows state what a name becomes: nothing about them says "click me". */
static void
assert_preview_rows_static (Fixture *fixture)
{
  GtkWidget *list = page_widget (fixture, FERRY_SYNC_DRAFT_STEP_OPTIONS, "preview_list");
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      g_autoptr(GPtrArray) stack = g_ptr_array_new ();

      if (g_strcmp0 (gtk_widget_get_name (row), "preview-row") != 0)
        continue;
      n++;
      g_assert_false (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
      g_assert_null (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row)));
      /* No arrow icon (go-next, the look of a row that opens something). */
      g_ptr_array_add (stack, row);
      while (stack->len > 0)
        {
          GtkWidget *widget = g_ptr_array_steal_index (stack, stack->len - 1);

          if (GTK_IS_IMAGE (widget))
            g_assert_cmpstr (gtk_image_get_icon_name (GTK_IMAGE (widget)), !=, "go-next-symbolic");
          for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
            g_ptr_array_add (stack, child);
        }
    }
  g_assert_cmpuint (n, >, 0);
}

static void
test_happy_path (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *fabrikam = seed_uuid ("devops:contoso:Fabrikam Fiber");
  g_autofree char *connection_id = seed_uuid ("connection:contoso-pat");
  g_autofree char *expected = NULL;
  g_autoptr(JsonObject) request = NULL;
  FerrySyncDraft *draft;
  GtkWidget *widget;

  open_assistant (fixture, NULL);
  draft = ferry_sync_assistant_get_draft (fixture->assistant);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->assistant)), ==, "New Azure DevOps Sync");
  g_assert_cmpint (ferry_sync_assistant_get_step (fixture->assistant), ==, FERRY_SYNC_DRAFT_STEP_SOURCE);

  /* The step indicator: five numbered steps; only Source is reachable at first. */
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (find_by_name (GTK_WIDGET (fixture->assistant), "step-source"))))), ==, "1 Source");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (find_by_name (GTK_WIDGET (fixture->assistant), "step-review"))))), ==, "5 Review");
  g_assert_false (gtk_widget_get_sensitive (find_by_name (GTK_WIDGET (fixture->assistant), "step-details")));
  g_assert_false (gtk_widget_get_visible (assistant_widget (fixture, "back_button")));
  g_assert_false (gtk_widget_get_visible (assistant_widget (fixture, "create_button")));

  /* Source: the project is preselected; the first environment and "/" are checked against
   * the server and the folder browser lists the root's folders. */
  widget = page_widget (fixture, FERRY_SYNC_DRAFT_STEP_SOURCE, "project_row");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)), ==, "Web Storefront");
  fill_source (fixture, 2, "backend");
  g_assert_cmpstr (ferry_sync_draft_get_environment_slug (draft), ==, "prod");
  g_assert_cmpstr (ferry_sync_draft_get_environment_name (draft), ==, "Production");
  g_assert_cmpstr (ferry_sync_draft_get_secret_path (draft), ==, "/backend");
  g_assert_nonnull (find_row (folder_list (fixture), "folder-row", "api"));
  g_assert_cmpuint (count_requests (fixture, "GET", "/api/v2/folders") + count_requests (fixture, "GET", "/api/v1/folders"), >=, 2);
  g_assert_true (ferry_sync_draft_get_dirty (draft));
  screenshot (GTK_WIDGET (fixture->assistant), "assistant-1-source");
  assert_fits_laptop (fixture);
  next (fixture);

  /* Destination: the only connection is preselected; a machine identity enters the
   * Azure DevOps project by hand, and the page says why. */
  fill_destination_by_hand (fixture, fabrikam, "Fabrikam Fiber");
  g_assert_cmpstr (ferry_sync_draft_get_connection_id (draft), ==, connection_id);
  g_assert_cmpstr (ferry_sync_draft_get_connection_name (draft), ==, "contoso-pat");
  widget = page_widget (fixture, FERRY_SYNC_DRAFT_STEP_DESTINATION, "variable_group_row");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)), ==, "“Production” in Fabrikam Fiber");
  g_assert_null (label_text (page_widget (fixture, FERRY_SYNC_DRAFT_STEP_DESTINATION, "duplicate_message")));
  /* Nothing had loaded the project's syncs yet: for the duplicate warning the step had
   * the model load them, once. */
  WAIT_FOR (ferry_project_model_get_syncs_state (fixture->model) == FERRY_LOAD_STATE_READY);
  g_assert_cmpuint (count_requests (fixture, "GET", SYNCS_PATH), ==, 1);
  screenshot (GTK_WIDGET (fixture->assistant), "assistant-2-destination");
  assert_fits_laptop (fixture);
  next (fixture);

  /* Options: the preview uses the real secret names of /backend (names only). */
  WAIT_FOR (preview_shows (fixture, "DATABASE_URL") && preview_shows (fixture, "REDIS_URL"));
  widget = page_widget (fixture, FERRY_SYNC_DRAFT_STEP_OPTIONS, "initial_sync_row");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)), ==, "Overwrite destination secrets");
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (page_widget (fixture, FERRY_SYNC_DRAFT_STEP_OPTIONS, "auto_sync_switch"))));
  /* Said positively: deleting is allowed (the API's disableSecretDeletion is false). */
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (page_widget (fixture, FERRY_SYNC_DRAFT_STEP_OPTIONS, "deletion_switch"))));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (page_widget (fixture, FERRY_SYNC_DRAFT_STEP_OPTIONS, "deletion_row"))), ==,
                   "_Delete Secrets in Azure DevOps");
  set_text (page_widget (fixture, FERRY_SYNC_DRAFT_STEP_OPTIONS, "key_schema_row"), "APP_{{secretKey}}");
  WAIT_FOR (preview_renders (fixture, "DATABASE_URL", "APP_DATABASE_URL"));
  {
    g_autofree char *preview = ferry_sync_draft_apply_key_schema (draft, "DATABASE_URL");
    g_assert_cmpstr (preview, ==, "APP_DATABASE_URL");
  }
  g_assert_cmpstr (label_text (page_widget (fixture, FERRY_SYNC_DRAFT_STEP_OPTIONS, "preview_note")), ==,
                   "The secrets in “/backend” of Production, by name. Ferry never reads their values here.");
  assert_preview_rows_static (fixture);
  screenshot (GTK_WIDGET (fixture->assistant), "assistant-3-options");
  assert_fits_laptop (fixture);
  next (fixture);

  /* Details: the name has the focus, with a name made from the choices suggested and
   * selected, so Enter takes it and typing replaces it. */
  widget = page_widget (fixture, FERRY_SYNC_DRAFT_STEP_DETAILS, "name_row");
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->assistant)), widget));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (widget)), ==, "prod-backend-to-fabrikam-fiber");
  g_assert_cmpstr (ferry_sync_draft_get_name (draft), ==, "prod-backend-to-fabrikam-fiber");
  {
    int start = -1, end = -1;

    g_assert_true (gtk_editable_get_selection_bounds (GTK_EDITABLE (gtk_root_get_focus (GTK_ROOT (fixture->assistant))),
                                                      &start, &end));
    g_assert_cmpint (start, ==, 0);
    g_assert_cmpint (end, ==, (int) strlen ("prod-backend-to-fabrikam-fiber"));
  }
  g_assert_true (next_sensitive (fixture));
  set_text (widget, "web-backend-to-fabrikam");
  /* What the person typed stays when they go back and come again. */
  click (assistant_widget (fixture, "back_button"));
  g_assert_cmpint (ferry_sync_assistant_get_step (fixture->assistant), ==, FERRY_SYNC_DRAFT_STEP_OPTIONS);
  next (fixture);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (widget)), ==, "web-backend-to-fabrikam");
  set_text (page_widget (fixture, FERRY_SYNC_DRAFT_STEP_DETAILS, "description_row"), "Backend settings");
  g_assert_cmpstr (label_text (page_widget (fixture, FERRY_SYNC_DRAFT_STEP_DETAILS, "description_counter")), ==, "16/256");
  screenshot (GTK_WIDGET (fixture->assistant), "assistant-4-details");
  assert_fits_laptop (fixture);
  next (fixture);

  /* Review: everything in one place, the overwrite stated plainly; Create has the focus, so
   * Enter creates. */
  g_assert_true (gtk_widget_get_visible (assistant_widget (fixture, "create_button")));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (fixture->assistant)) == assistant_widget (fixture, "create_button"));
  g_assert_false (gtk_widget_get_visible (assistant_widget (fixture, "next_button")));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (page_widget (fixture, FERRY_SYNC_DRAFT_STEP_REVIEW, "review_path_row"))), ==, "/backend");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (page_widget (fixture, FERRY_SYNC_DRAFT_STEP_REVIEW, "review_environment_row"))), ==, "Production (prod)");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (page_widget (fixture, FERRY_SYNC_DRAFT_STEP_REVIEW, "review_group_row"))), ==, "Production");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (page_widget (fixture, FERRY_SYNC_DRAFT_STEP_REVIEW, "review_key_schema_row"))), ==,
                   "APP_{{secretKey}} (API_KEY becomes APP_API_KEY)");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (page_widget (fixture, FERRY_SYNC_DRAFT_STEP_REVIEW, "review_name_row"))), ==, "web-backend-to-fabrikam");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (page_widget (fixture, FERRY_SYNC_DRAFT_STEP_REVIEW, "review_deletion_row"))), ==, "Allowed");
  g_assert_cmpstr (label_text (page_widget (fixture, FERRY_SYNC_DRAFT_STEP_REVIEW, "overwrite_warning")), ==,
                   "Every sync replaces all variables in the variable group “Production” of Fabrikam Fiber, "
                   "including variables added there by hand.");
  /* Edit links go back to their step; every step is reachable now. */
  click (page_widget (fixture, FERRY_SYNC_DRAFT_STEP_REVIEW, "edit_options_button"));
  g_assert_cmpint (ferry_sync_assistant_get_step (fixture->assistant), ==, FERRY_SYNC_DRAFT_STEP_OPTIONS);
  click (find_by_name (GTK_WIDGET (fixture->assistant), "step-review"));
  g_assert_cmpint (ferry_sync_assistant_get_step (fixture->assistant), ==, FERRY_SYNC_DRAFT_STEP_REVIEW);
  screenshot (GTK_WIDGET (fixture->assistant), "assistant-5-review");
  assert_fits_laptop (fixture);

  ferry_sandbox_clear_requests (fixture->sandbox);
  click (assistant_widget (fixture, "create_button"));
  WAIT_FOR (fixture->n_saved == 1);
  WAIT_FOR (fixture->assistant == NULL);

  /* Exactly what the web UI would send (docs/infisical-api.md#sync-create-body). */
  request = last_request (fixture, "POST", SYNCS_PATH);
  g_assert_nonnull (request);
  g_assert_cmpint (json_object_get_int_member (request, "status"), ==, 200);
  expected = g_strdup_printf ("{\"name\":\"web-backend-to-fabrikam\",\"projectId\":\"%s\","
                              "\"description\":\"Backend settings\",\"connectionId\":\"%s\","
                              "\"environment\":\"prod\",\"secretPath\":\"/backend\",\"isAutoSyncEnabled\":true,"
                              "\"syncOptions\":{\"initialSyncBehavior\":\"overwrite-destination\","
                              "\"keySchema\":\"APP_{{secretKey}}\",\"disableSecretDeletion\":false},"
                              "\"destinationConfig\":{\"devopsProjectId\":\"%s\",\"devopsProjectName\":\"Fabrikam Fiber\"}}",
                              ferry_resource_get_id (FERRY_RESOURCE (fixture->project)), connection_id, fabrikam);
  assert_body (request, expected);
  g_assert_cmpuint (count_requests (fixture, "POST", SYNCS_PATH), ==, 1);

  g_assert_nonnull (fixture->saved);
  g_assert_cmpstr (ferry_sync_get_name (fixture->saved), ==, "web-backend-to-fabrikam");
  g_assert_true (ferry_sync_get_auto_sync_enabled (fixture->saved));
  /* Saved through the model: the new sync is the one in its list, for every view. */
  g_assert_true (ferry_project_model_find_sync (fixture->model, ferry_resource_get_id (FERRY_RESOURCE (fixture->saved))) ==
                 fixture->saved);

  /* Auto-sync ran the first job: the variable group exists in Azure DevOps with the
   * renamed keys. */
  WAIT_FOR (group_has_variables (fixture, fabrikam));
  {
    g_autoptr(JsonNode) node = ferry_sandbox_get_variable_groups (fixture->sandbox, "contoso", fabrikam);
    JsonArray *groups = json_node_get_array (node);

    for (guint i = 0; i < json_array_get_length (groups); i++)
      {
        JsonObject *group = json_array_get_object_element (groups, i);
        JsonObject *variables;

        if (g_strcmp0 (json_object_get_string_member (group, "name"), "Production") != 0)
          continue;
        variables = json_object_get_object_member (group, "variables");
        g_assert_cmpuint (json_object_get_size (variables), ==, 2);
        g_assert_true (json_object_has_member (variables, "APP_REDIS_URL"));
        g_assert_true (json_object_get_boolean_member (json_object_get_object_member (variables, "APP_REDIS_URL"), "isSecret"));
      }
  }
}

/* How many labels on screen (mapped) under @root say @text. */
static guint
count_shown (GtkWidget  *root,
             const char *text)
{
  guint n = GTK_IS_LABEL (root) && gtk_widget_get_mapped (root) &&
            g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    n += count_shown (child, text);

  return n;
}

/* @label says @expected, and nothing else in the window says it again (the hint by the
 * buttons does not repeat a field's message). */
static void
assert_message (GtkWidget  *label,
                const char *expected)
{
  WAIT_FOR (g_strcmp0 (label_text (label), expected) == 0 || expected == NULL);
  g_assert_cmpstr (label_text (label), ==, expected);
  if (expected != NULL && gtk_widget_get_mapped (label))
    g_assert_cmpuint (count_shown (GTK_WIDGET (gtk_widget_get_root (label)), expected), ==, 1);
}

static void
test_validation_messages (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *fabrikam = seed_uuid ("devops:contoso:Fabrikam Fiber");
  g_autofree char *too_long = NULL;
  FerrySyncDraft *draft;
  GtkWidget *path_row, *path_message;
  GtkWidget *entry, *message;

  open_assistant (fixture, NULL);
  draft = ferry_sync_assistant_get_draft (fixture->assistant);
  path_row = page_widget (fixture, FERRY_SYNC_DRAFT_STEP_SOURCE, "path_row");
  path_message = page_widget (fixture, FERRY_SYNC_DRAFT_STEP_SOURCE, "path_message");
  WAIT_FOR (source_settled (fixture));

  /* Source: typed paths, checked locally and then against the server's folders. */
  set_text (path_row, "backend");
  assert_message (path_message, "A secret path starts with “/”, for example “/backend/api”.");
  g_assert_false (next_sensitive (fixture));
  g_assert_true (gtk_widget_has_css_class (path_row, "error"));
  set_text (path_row, "/backend//api");
  assert_message (path_message, "A secret path cannot contain an empty folder name (“//”).");
  set_text (path_row, "");
  assert_message (path_message, "Enter the folder to take the secrets from, for example “/” or “/backend/api”.");
  set_text (path_row, "/nowhere");
  assert_message (path_message, "There is no folder “/nowhere” in Development. Choose one below, or create it in Infisical first.");
  g_assert_false (next_sensitive (fixture));
  /* A typed path that exists, with a trailing slash. */
  set_text (path_row, "/backend/api/");
  WAIT_FOR (source_settled (fixture));
  g_assert_null (label_text (path_message));
  g_assert_true (next_sensitive (fixture));
  g_assert_false (gtk_widget_has_css_class (path_row, "error"));
  next (fixture);

  /* The secret names cannot be read this time: the preview falls back to sample names
   * and says so. */
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(GError) error = NULL;

    json_parser_load_from_data (parser, "{\"route\":\"GET /api/v3/secrets/raw\",\"status\":500,\"count\":1}", -1, &error);
    g_assert_no_error (error);
    g_assert_true (ferry_sandbox_add_fault (fixture->sandbox, json_node_get_object (json_parser_get_root (parser)), &error));
    g_assert_no_error (error);
  }

  /* Destination: a project name where the id belongs. */
  fill_destination_by_hand (fixture, "Fabrikam Fiber", "Fabrikam Fiber");
  message = page_widget (fixture, FERRY_SYNC_DRAFT_STEP_DESTINATION, "devops_error_message");
  assert_message (message, "Enter the project’s id, a GUID such as “3f2e1a4b-5c6d-4e7f-8a9b-0c1d2e3f4a5b”, not its name.");
  g_assert_false (next_sensitive (fixture));
  g_assert_false (gtk_widget_get_sensitive (find_by_name (GTK_WIDGET (fixture->assistant), "step-options")));
  set_text (page_widget (fixture, FERRY_SYNC_DRAFT_STEP_DESTINATION, "devops_id_row"), "");
  assert_message (message, "Choose the Azure DevOps project to write the variable group to.");
  set_text (page_widget (fixture, FERRY_SYNC_DRAFT_STEP_DESTINATION, "devops_id_row"), fabrikam);
  assert_message (message, NULL);
  next (fixture);

  /* Options: sample names when the folder's names cannot be read. */
  WAIT_FOR (g_str_has_prefix (label_text (page_widget (fixture, FERRY_SYNC_DRAFT_STEP_OPTIONS, "preview_note")),
                              "Sample names: Ferry could not read the secret names of the source folder."));
  g_assert_true (preview_shows (fixture, "LOG_LEVEL"));
  g_assert_true (preview_shows (fixture, "DATABASE_URL"));
  g_assert_false (preview_shows (fixture, "JWT_SIGNING_KEY"));

  /* The key schema as it is typed. */
  entry = page_widget (fixture, FERRY_SYNC_DRAFT_STEP_OPTIONS, "key_schema_row");
  message = page_widget (fixture, FERRY_SYNC_DRAFT_STEP_OPTIONS, "key_schema_message");
  set_text (entry, "APP_");
  assert_message (message, "Include {{secretKey}} where the secret’s name goes, for example “APP_{{secretKey}}”.");
  g_assert_false (next_sensitive (fixture));
  set_text (entry, "{{secretKey}}_{{secretKey}}");
  assert_message (message, "Use {{secretKey}} only once.");
  set_text (entry, "APP.{{secretKey}}");
  assert_message (message, "“.” is not allowed in a key schema: besides the placeholders use only letters (A–Z, a–z), digits, “_”, “-” and “/”.");
  set_text (entry, "APP_{{secretkey}}");
  assert_message (message, "“{{secretkey}}” is not a placeholder Infisical knows: use {{secretKey}} and, if you like, {{environment}}.");
  set_text (entry, "PIPELINE_${secretKey}");
  assert_message (message, "Write placeholders with double braces: {{secretKey}}, not ${secretKey}.");
  g_assert_false (next_sensitive (fixture));
  set_text (entry, "{{environment}}_{{secretKey}}");
  g_assert_true (gtk_widget_has_css_class (message, "dim-label"));
  g_assert_true (next_sensitive (fixture));
  {
    g_autofree char *preview = ferry_sync_draft_apply_key_schema (draft, "API_KEY");
    g_assert_cmpstr (preview, ==, "dev_API_KEY");
  }
  next (fixture);

  /* Details: the slug rules as people type, and the description counter. */
  entry = page_widget (fixture, FERRY_SYNC_DRAFT_STEP_DETAILS, "name_row");
  message = page_widget (fixture, FERRY_SYNC_DRAFT_STEP_DETAILS, "name_message");
  g_assert_true (gtk_widget_has_css_class (message, "dim-label"));
  set_text (entry, "Web");
  assert_message (message, "Use lowercase letters only: Infisical does not accept capitals here.");
  g_assert_true (gtk_widget_has_css_class (message, "error"));
  set_text (entry, "web_prod");
  assert_message (message, "“_” is not allowed: use lowercase letters (a–z), digits and hyphens.");
  set_text (entry, "web prod");
  assert_message (message, "Use hyphens instead of spaces, for example “web-production”.");
  set_text (entry, "-web");
  assert_message (message, "Start and end with a letter or digit, not a hyphen.");
  set_text (entry, "web--prod");
  assert_message (message, "Use single hyphens only, not “--”.");
  /* This server is a current build (its sync answers say so): names of up to 256. */
  {
    g_autofree char *over = g_strnfill (257, 'w');

    set_text (entry, "abcdefghijklmnopqrstuvwxyz0123456");
    WAIT_FOR (gtk_widget_has_css_class (message, "dim-label"));
    g_assert_true (next_sensitive (fixture));
    set_text (entry, over);
    assert_message (message, "Use at most 256 characters.");
    g_assert_false (next_sensitive (fixture));
  }
  set_text (entry, "");
  assert_message (message, "Enter a name for the sync, for example “web-production”.");
  set_text (entry, "web-api");
  g_assert_true (next_sensitive (fixture));

  too_long = g_strnfill (257, 'd');
  set_text (page_widget (fixture, FERRY_SYNC_DRAFT_STEP_DETAILS, "description_row"), too_long);
  assert_message (page_widget (fixture, FERRY_SYNC_DRAFT_STEP_DETAILS, "description_message"),
                  "Shorten the description to 256 characters (it has 257).");
  g_assert_cmpstr (label_text (page_widget (fixture, FERRY_SYNC_DRAFT_STEP_DETAILS, "description_counter")), ==, "257/256");
  g_assert_false (next_sensitive (fixture));
  g_assert_false (gtk_widget_get_sensitive (find_by_name (GTK_WIDGET (fixture->assistant), "step-review")));
  screenshot (GTK_WIDGET (fixture->assistant), "assistant-4-details-invalid");
  set_text (page_widget (fixture, FERRY_SYNC_DRAFT_STEP_DETAILS, "description_row"), "ok");
  g_assert_true (next_sensitive (fixture));

  /* Nothing was sent to create anything. */
  g_assert_cmpuint (count_requests (fixture, "POST", SYNCS_PATH), ==, 0);
}

static void
test_duplicate_name (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *fabrikam = seed_uuid ("devops:contoso:Fabrikam Fiber");
  FerrySyncDraft *draft;
  GtkWidget *name_row, *message;

  open_assistant (fixture, NULL);
  draft = ferry_sync_assistant_get_draft (fixture->assistant);
  fill_source (fixture, 1, "frontend");
  next (fixture);
  fill_destination_by_hand (fixture, fabrikam, "Fabrikam Fiber");
  next (fixture);
  set_text (page_widget (fixture, FERRY_SYNC_DRAFT_STEP_OPTIONS, "key_schema_row"), "FE_{{secretKey}}");
  next (fixture);
  name_row = page_widget (fixture, FERRY_SYNC_DRAFT_STEP_DETAILS, "name_row");
  set_text (name_row, "web-prod-to-contoso-web");   /* the seeded sync's name */
  set_text (page_widget (fixture, FERRY_SYNC_DRAFT_STEP_DETAILS, "description_row"), "Front end");
  next (fixture);

  click (assistant_widget (fixture, "create_button"));
  /* The server refuses: back on Details with the message there and every input kept. */
  WAIT_FOR (ferry_sync_assistant_get_step (fixture->assistant) == FERRY_SYNC_DRAFT_STEP_DETAILS);
  message = page_widget (fixture, FERRY_SYNC_DRAFT_STEP_DETAILS, "name_message");
  assert_message (message, "Another sync in this project is already called “web-prod-to-contoso-web”. Choose a different name.");
  g_assert_true (gtk_widget_has_css_class (message, "error"));
  g_assert_false (next_sensitive (fixture));
  g_assert_cmpuint (fixture->n_saved, ==, 0);
  g_assert_nonnull (fixture->assistant);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, "web-prod-to-contoso-web");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (page_widget (fixture, FERRY_SYNC_DRAFT_STEP_DETAILS, "description_row"))), ==, "Front end");
  g_assert_cmpstr (ferry_sync_draft_get_secret_path (draft), ==, "/frontend");
  g_assert_cmpstr (ferry_sync_draft_get_environment_slug (draft), ==, "staging");
  g_assert_cmpstr (ferry_sync_draft_get_key_schema (draft), ==, "FE_{{secretKey}}");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (page_widget (fixture, FERRY_SYNC_DRAFT_STEP_OPTIONS, "key_schema_row"))), ==, "FE_{{secretKey}}");
  g_assert_cmpstr (ferry_sync_draft_get_devops_project_id (draft), ==, fabrikam);
  screenshot (GTK_WIDGET (fixture->assistant), "assistant-duplicate-name");

  /* Fixing it and trying again works. */
  set_text (name_row, "web-staging-frontend");
  g_assert_true (gtk_widget_has_css_class (message, "dim-label"));
  next (fixture);
  click (assistant_widget (fixture, "create_button"));
  WAIT_FOR (fixture->n_saved == 1);
  g_assert_cmpstr (ferry_sync_get_name (fixture->saved), ==, "web-staging-frontend");
  g_assert_cmpuint (count_requests (fixture, "POST", SYNCS_PATH), ==, 2);
}

static void
test_network_failure_try_again (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *internal = seed_uuid ("devops:contoso:Internal Tools");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  GtkWidget *retry;

  open_assistant (fixture, NULL);
  fill_source (fixture, 0, "backend");
  next (fixture);
  fill_destination_by_hand (fixture, internal, "Internal Tools");
  next (fixture);
  next (fixture);
  set_text (page_widget (fixture, FERRY_SYNC_DRAFT_STEP_DETAILS, "name_row"), "web-dev-backend");
  next (fixture);

  json_parser_load_from_data (parser, "{\"route\":\"POST " SYNCS_PATH "\",\"kind\":\"reset\",\"count\":1}", -1, &error);
  g_assert_no_error (error);
  g_assert_true (ferry_sandbox_add_fault (fixture->sandbox, json_node_get_object (json_parser_get_root (parser)), &error));
  g_assert_no_error (error);

  click (assistant_widget (fixture, "create_button"));
  retry = page_widget (fixture, FERRY_SYNC_DRAFT_STEP_REVIEW, "retry_button");
  WAIT_FOR (gtk_widget_get_visible (page_widget (fixture, FERRY_SYNC_DRAFT_STEP_REVIEW, "error_box")));
  g_assert_true (gtk_widget_get_visible (retry));
  g_assert_cmpint (ferry_sync_assistant_get_step (fixture->assistant), ==, FERRY_SYNC_DRAFT_STEP_REVIEW);
  g_assert_cmpuint (fixture->n_saved, ==, 0);
  g_assert_true (gtk_widget_get_sensitive (assistant_widget (fixture, "create_button")));
  screenshot (GTK_WIDGET (fixture->assistant), "assistant-5-review-network-error");

  click (retry);
  WAIT_FOR (fixture->n_saved == 1);
  g_assert_cmpstr (ferry_sync_get_name (fixture->saved), ==, "web-dev-backend");
}


static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

static void
test_connection_added_mid_flow (Fixture       *fixture,
                                gconstpointer  data)
{
  FerrySyncDraft *draft;
  GtkWindow *dialog;
  GtkWidget *save;
  AdwComboRow *connection_row;
  g_autoptr(JsonObject) request = NULL;

  open_assistant (fixture, NULL);
  draft = ferry_sync_assistant_get_draft (fixture->assistant);
  fill_source (fixture, 2, "frontend");
  next (fixture);
  connection_row = ADW_COMBO_ROW (page_widget (fixture, FERRY_SYNC_DRAFT_STEP_DESTINATION, "connection_row"));
  WAIT_FOR (ferry_sync_draft_get_connection_id (draft) != NULL);
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (connection_row)), ==, 1);

  /* Add Connection… opens the main window's dialog over the assistant. */
  click (page_widget (fixture, FERRY_SYNC_DRAFT_STEP_DESTINATION, "add_connection_button"));
  WAIT_FOR ((dialog = find_toplevel (g_type_from_name ("FerryConnectionDialog"))) != NULL);
  ferry_test_wait_mapped (GTK_WIDGET (dialog));
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (fixture->assistant));

  set_text (find_by_id (GTK_WIDGET (dialog), "org_row"), "contoso");
  set_text (find_by_id (GTK_WIDGET (dialog), "pat_row"), ferry_sandbox_get_devops_pat (fixture->sandbox, "contoso"));
  set_text (find_by_id (GTK_WIDGET (dialog), "name_row"), "contoso-web-pat");
  save = find_by_id (GTK_WIDGET (dialog), "save_button");
  WAIT_FOR (gtk_widget_get_sensitive (save));
  screenshot (GTK_WIDGET (dialog), "assistant-2-destination-add-connection");
  g_signal_emit_by_name (save, "clicked");

  /* Back in the assistant with the new connection chosen and listed. */
  WAIT_FOR (g_strcmp0 (ferry_sync_draft_get_connection_name (draft), "contoso-web-pat") == 0);
  WAIT_FOR (g_list_model_get_n_items (adw_combo_row_get_model (connection_row)) == 2);
  {
    g_autoptr(FerryConnection) selected = g_list_model_get_item (adw_combo_row_get_model (connection_row),
                                                                 adw_combo_row_get_selected (connection_row));
    g_assert_cmpstr (ferry_connection_get_name (selected), ==, "contoso-web-pat");
    g_assert_cmpstr (ferry_resource_get_id (FERRY_RESOURCE (selected)), ==, ferry_sync_draft_get_connection_id (draft));
  }
  /* Created through the model: its connection list has it too. */
  g_assert_nonnull (ferry_project_model_find_connection (fixture->model, ferry_sync_draft_get_connection_id (draft)));
  request = last_request (fixture, "POST", "/api/v1/app-connections/azure-devops");
  g_assert_nonnull (request);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (request, "body"), "projectId"), ==,
                   ferry_resource_get_id (FERRY_RESOURCE (fixture->project)));
  g_assert_nonnull (fixture->assistant);
  g_assert_cmpint (ferry_sync_assistant_get_step (fixture->assistant), ==, FERRY_SYNC_DRAFT_STEP_DESTINATION);
  /* What was chosen before is still there. */
  g_assert_cmpstr (ferry_sync_draft_get_secret_path (draft), ==, "/frontend");
}

static void
test_manual_devops_project (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *contoso_web = seed_uuid ("devops:contoso:Contoso Web");
  g_autofree char *projects_path = NULL;
  g_autofree char *connection_id = seed_uuid ("connection:contoso-pat");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  FerrySyncDraft *draft;
  GtkWidget *message;

  /* As when the Syncs page has shown the project: its model has the sync list. */
  ferry_project_model_refresh_async (fixture->model, NULL, result_cb, &result);
  g_assert_true (ferry_project_model_refresh_finish (fixture->model, wait_result (&result), &error));
  g_assert_no_error (error);

  open_assistant (fixture, NULL);
  draft = ferry_sync_assistant_get_draft (fixture->assistant);
  fill_source (fixture, 2, "backend");
  ferry_sandbox_clear_requests (fixture->sandbox);
  next (fixture);

  /* The server refuses to list Azure DevOps projects for a machine identity (403): the
   * page offers entering them by hand and says why, in one sentence. */
  message = page_widget (fixture, FERRY_SYNC_DRAFT_STEP_DESTINATION, "devops_message");
  WAIT_FOR (gtk_widget_get_visible (page_widget (fixture, FERRY_SYNC_DRAFT_STEP_DESTINATION, "devops_id_row")));
  g_assert_cmpstr (label_text (message), ==,
                   "Infisical lists Azure DevOps projects only for people signed in as a user, and you are "
                   "signed in with a machine identity: enter the project’s id and name as Azure DevOps shows them.");
  g_assert_false (gtk_widget_get_visible (page_widget (fixture, FERRY_SYNC_DRAFT_STEP_DESTINATION, "devops_row")));
  g_assert_false (gtk_widget_get_visible (page_widget (fixture, FERRY_SYNC_DRAFT_STEP_DESTINATION, "manual_button")));
  g_assert_false (gtk_widget_get_visible (page_widget (fixture, FERRY_SYNC_DRAFT_STEP_DESTINATION, "devops_retry_button")));
  projects_path = g_strdup_printf ("/api/v1/app-connections/azure-devops/%s/projects", connection_id);
  {
    g_autoptr(JsonObject) request = last_request (fixture, "GET", projects_path);
    g_assert_nonnull (request);
    g_assert_cmpint (json_object_get_int_member (request, "status"), ==, 403);
  }
  g_assert_false (next_sensitive (fixture));

  /* Contoso Web's "Production" group is already written by the seeded sync: warned. */
  set_text (page_widget (fixture, FERRY_SYNC_DRAFT_STEP_DESTINATION, "devops_id_row"), contoso_web);
  set_text (page_widget (fixture, FERRY_SYNC_DRAFT_STEP_DESTINATION, "devops_name_row"), "Contoso Web");
  WAIT_FOR (label_text (page_widget (fixture, FERRY_SYNC_DRAFT_STEP_DESTINATION, "duplicate_message")) != NULL);
  g_assert_cmpstr (label_text (page_widget (fixture, FERRY_SYNC_DRAFT_STEP_DESTINATION, "duplicate_message")), ==,
                   "The sync “web-prod-to-contoso-web” already writes to the variable group “Production” in this "
                   "Azure DevOps project. Each sync replaces the whole group, so the two would overwrite each "
                   "other. Choose another project or environment.");
  WAIT_FOR (count_requests (fixture, "POST", SYNCS_PATH "/check-destination") >= 1);
  /* The warning came from the model's list: the sync list was not fetched again. */
  g_assert_cmpuint (count_requests (fixture, "GET", SYNCS_PATH), ==, 0);
  screenshot (GTK_WIDGET (fixture->assistant), "assistant-2-destination-manual-duplicate");
  /* A warning, not a block: the server decides. */
  g_assert_true (next_sensitive (fixture));
  g_assert_cmpstr (ferry_sync_draft_get_devops_project_id (draft), ==, contoso_web);
  g_assert_cmpstr (ferry_sync_draft_get_devops_project_name (draft), ==, "Contoso Web");

  /* Another environment means another group: only the organization-wide rule (one sync
   * per Azure DevOps project, when the organization turned it on) is left to mention. */
  click (find_by_name (GTK_WIDGET (fixture->assistant), "step-source"));
  adw_combo_row_set_selected (ADW_COMBO_ROW (page_widget (fixture, FERRY_SYNC_DRAFT_STEP_SOURCE, "environment_row")), 1);
  WAIT_FOR (source_settled (fixture));
  next (fixture);
  WAIT_FOR (g_strcmp0 (label_text (page_widget (fixture, FERRY_SYNC_DRAFT_STEP_DESTINATION, "duplicate_message")),
                       "Another sync in your organization already writes to this Azure DevOps project. If your "
                       "organization allows only one sync per destination, Infisical will refuse this one.") == 0);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (page_widget (fixture, FERRY_SYNC_DRAFT_STEP_DESTINATION, "variable_group_row"))), ==,
                   "“Staging” in Contoso Web");
}

static void
test_edit_minimal_patch (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListStore) syncs = NULL;
  g_autoptr(FerrySync) sync = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) request = NULL;
  g_autofree char *path = NULL;
  FerryApiClient *client = ferry_context_get_client (fixture->context);
  FerrySyncDraft *draft;
  GtkWidget *create;

  ferry_api_client_list_syncs_async (client, ferry_resource_get_id (FERRY_RESOURCE (fixture->project)), NULL, NULL, result_cb, &result);
  syncs = ferry_api_client_list_syncs_finish (client, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (syncs)), ==, 1);
  sync = g_list_model_get_item (G_LIST_MODEL (syncs), 0);
  g_assert_cmpstr (ferry_sync_get_name (sync), ==, "web-prod-to-contoso-web");

  open_assistant (fixture, sync);
  draft = ferry_sync_assistant_get_draft (fixture->assistant);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->assistant)), ==, "Edit Sync");
  g_assert_true (ferry_sync_draft_get_editing (draft));
  create = assistant_widget (fixture, "create_button");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (create)), ==, "_Save");

  /* Prefilled, and every step reachable through the indicator. */
  WAIT_FOR (source_settled (fixture));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (page_widget (fixture, FERRY_SYNC_DRAFT_STEP_SOURCE, "path_row"))), ==, "/");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (page_widget (fixture, FERRY_SYNC_DRAFT_STEP_SOURCE, "environment_row"))), ==, 2);
  screenshot (GTK_WIDGET (fixture->assistant), "assistant-edit-1-source");
  click (find_by_name (GTK_WIDGET (fixture->assistant), "step-review"));
  g_assert_cmpint (ferry_sync_assistant_get_step (fixture->assistant), ==, FERRY_SYNC_DRAFT_STEP_REVIEW);
  /* Nothing changed: nothing to save. */
  g_assert_false (gtk_widget_get_sensitive (create));
  g_assert_false (ferry_sync_draft_get_dirty (draft));

  /* Destination shows the sync's Azure DevOps project in the manual entry (a machine
   * identity cannot list projects) without that counting as a change. */
  click (find_by_name (GTK_WIDGET (fixture->assistant), "step-destination"));
  WAIT_FOR (gtk_widget_get_visible (page_widget (fixture, FERRY_SYNC_DRAFT_STEP_DESTINATION, "devops_id_row")));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (page_widget (fixture, FERRY_SYNC_DRAFT_STEP_DESTINATION, "devops_id_row"))), ==,
                   ferry_sync_get_devops_project_id (sync));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (page_widget (fixture, FERRY_SYNC_DRAFT_STEP_DESTINATION, "devops_name_row"))), ==,
                   "Contoso Web");
  g_assert_cmpstr (ferry_sync_draft_get_connection_name (draft), ==, "contoso-pat");
  g_assert_false (ferry_sync_draft_get_dirty (draft));
  screenshot (GTK_WIDGET (fixture->assistant), "assistant-edit-2-destination");
  click (find_by_name (GTK_WIDGET (fixture->assistant), "step-review"));

  click (page_widget (fixture, FERRY_SYNC_DRAFT_STEP_REVIEW, "edit_details_button"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (page_widget (fixture, FERRY_SYNC_DRAFT_STEP_DETAILS, "name_row"))), ==, "web-prod-to-contoso-web");
  set_text (page_widget (fixture, FERRY_SYNC_DRAFT_STEP_DETAILS, "description_row"), "Release pipeline settings");
  click (find_by_name (GTK_WIDGET (fixture->assistant), "step-options"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (page_widget (fixture, FERRY_SYNC_DRAFT_STEP_OPTIONS, "key_schema_row"))), ==, "WEB_{{secretKey}}");
  /* Turning "Delete Secrets in Azure DevOps" off is disableSecretDeletion: true. */
  gtk_switch_set_active (GTK_SWITCH (page_widget (fixture, FERRY_SYNC_DRAFT_STEP_OPTIONS, "deletion_switch")), FALSE);
  g_assert_true (ferry_sync_draft_get_disable_secret_deletion (ferry_sync_assistant_get_draft (fixture->assistant)));
  click (find_by_name (GTK_WIDGET (fixture->assistant), "step-review"));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (page_widget (fixture, FERRY_SYNC_DRAFT_STEP_REVIEW, "review_deletion_row"))), ==,
                   "Never, but every sync still replaces the whole group");
  screenshot (GTK_WIDGET (fixture->assistant), "assistant-edit-5-review");

  ferry_sandbox_clear_requests (fixture->sandbox);
  click (create);
  WAIT_FOR (fixture->n_saved == 1);

  /* Only what changed, syncOptions complete. */
  path = g_strdup_printf (SYNCS_PATH "/%s", ferry_resource_get_id (FERRY_RESOURCE (sync)));
  request = last_request (fixture, "PATCH", path);
  g_assert_nonnull (request);
  assert_body (request,
               "{\"description\":\"Release pipeline settings\","
               "\"syncOptions\":{\"initialSyncBehavior\":\"overwrite-destination\","
               "\"keySchema\":\"WEB_{{secretKey}}\",\"disableSecretDeletion\":true}}");
  g_assert_cmpuint (count_requests (fixture, "POST", SYNCS_PATH), ==, 0);
  g_assert_cmpstr (ferry_sync_get_description (fixture->saved), ==, "Release pipeline settings");
  g_assert_true (ferry_sync_get_disable_secret_deletion (fixture->saved));
}

static void
test_close_dirty_asks (Fixture       *fixture,
                       gconstpointer  data)
{
  AdwMessageDialog *dialog;

  /* Untouched: closes at once. */
  open_assistant (fixture, NULL);
  WAIT_FOR (source_settled (fixture));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->assistant), "window.close", NULL));
  WAIT_FOR (fixture->assistant == NULL);
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  /* Changed: Escape (window.close) asks first. */
  open_assistant (fixture, NULL);
  WAIT_FOR (source_settled (fixture));
  set_text (page_widget (fixture, FERRY_SYNC_DRAFT_STEP_SOURCE, "path_row"), "/frontend");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->assistant), "window.close", NULL));
  WAIT_FOR ((dialog = (AdwMessageDialog *) find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL);
  ferry_test_wait_mapped (GTK_WIDGET (dialog));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Discard This Sync?");
  g_assert_true (adw_message_dialog_has_response (dialog, "discard"));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "discard"), ==, ADW_RESPONSE_DESTRUCTIVE);
  screenshot (GTK_WIDGET (dialog), "assistant-discard-dialog");

  /* Keep Editing keeps everything. */
  adw_message_dialog_response (dialog, "cancel");
  ferry_test_spin_for (50);
  g_assert_nonnull (fixture->assistant);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->assistant)));
  g_assert_cmpstr (ferry_sync_draft_get_secret_path (ferry_sync_assistant_get_draft (fixture->assistant)), ==, "/frontend");

  /* Discard closes. */
  gtk_window_close (GTK_WINDOW (fixture->assistant));
  WAIT_FOR ((dialog = (AdwMessageDialog *) find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL);
  adw_message_dialog_response (dialog, "discard");
  WAIT_FOR (fixture->assistant == NULL);
  g_assert_cmpuint (fixture->n_saved, ==, 0);
}


static void
test_folder_deleted_before_create (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autofree char *internal = seed_uuid ("devops:contoso:Internal Tools");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GError) error = NULL;
  FerryApiClient *client = ferry_context_get_client (fixture->context);
  FerrySyncDraft *draft;
  GtkWidget *path_message;

  open_assistant (fixture, NULL);
  draft = ferry_sync_assistant_get_draft (fixture->assistant);
  fill_source (fixture, 2, "frontend");
  next (fixture);
  fill_destination_by_hand (fixture, internal, "Internal Tools");
  next (fixture);
  next (fixture);
  set_text (page_widget (fixture, FERRY_SYNC_DRAFT_STEP_DETAILS, "name_row"), "web-prod-frontend");
  next (fixture);

  /* Someone deletes the folder in Infisical while the assistant is open. */
  json_object_set_string_member (body, "projectId", ferry_resource_get_id (FERRY_RESOURCE (fixture->project)));
  json_object_set_string_member (body, "environment", "prod");
  json_object_set_string_member (body, "path", "/");
  ferry_api_client_request_async (client, "DELETE", "/api/v1/folders/frontend", NULL, body, TRUE, NULL, result_cb, &result);
  answer = ferry_api_client_request_finish (client, wait_result (&result), &error);
  g_assert_no_error (error);

  /* The server's 400 goes back to Source, which lists the folders again. */
  click (assistant_widget (fixture, "create_button"));
  WAIT_FOR (ferry_sync_assistant_get_step (fixture->assistant) == FERRY_SYNC_DRAFT_STEP_SOURCE);
  path_message = page_widget (fixture, FERRY_SYNC_DRAFT_STEP_SOURCE, "path_message");
  WAIT_FOR (g_strcmp0 (label_text (path_message),
                       "There is no folder “/frontend” in Production. Choose one below, or create it in Infisical first.") == 0);
  {
    g_autoptr(JsonObject) request = last_request (fixture, "POST", SYNCS_PATH);
    g_assert_cmpint (json_object_get_int_member (request, "status"), ==, 400);
  }
  WAIT_FOR (find_row (folder_list (fixture), "folder-row", "backend") != NULL);
  g_assert_null (find_row (folder_list (fixture), "folder-row", "frontend"));
  g_assert_false (next_sensitive (fixture));
  g_assert_false (gtk_widget_get_sensitive (find_by_name (GTK_WIDGET (fixture->assistant), "step-review")));
  /* Everything else is kept. */
  g_assert_cmpstr (ferry_sync_draft_get_name (draft), ==, "web-prod-frontend");
  g_assert_cmpstr (ferry_sync_draft_get_devops_project_id (draft), ==, internal);
  screenshot (GTK_WIDGET (fixture->assistant), "assistant-1-source-folder-gone");

  /* Choosing another folder and creating again works. */
  g_signal_emit_by_name (folder_list (fixture), "row-activated", find_row (folder_list (fixture), "folder-row", "backend"));
  WAIT_FOR (source_settled (fixture));
  click (find_by_name (GTK_WIDGET (fixture->assistant), "step-review"));
  g_assert_cmpint (ferry_sync_assistant_get_step (fixture->assistant), ==, FERRY_SYNC_DRAFT_STEP_REVIEW);
  click (assistant_widget (fixture, "create_button"));
  WAIT_FOR (fixture->n_saved == 1);
  g_assert_cmpstr (ferry_sync_get_secret_path (fixture->saved), ==, "/backend");
}

static gboolean
devops_projects_loaded (Fixture *fixture)
{
  GtkWidget *row = page_widget (fixture, FERRY_SYNC_DRAFT_STEP_DESTINATION, "devops_row");
  GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (row));

  return model != NULL && g_list_model_get_n_items (model) > 0;
}

static void
test_user_picks_devops_project (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(FerrySession) session = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *jwt = ferry_sandbox_issue_user_jwt (fixture->sandbox, 3600);
  g_autofree char *contoso_web = seed_uuid ("devops:contoso:Contoso Web");
  FerrySyncDraft *draft;
  GtkWidget *devops_row, *message, *retry;
  GListModel *model;
  guint contoso_index = G_MAXUINT;

  /* A person signed in with their user token may list the connection's projects. */
  ferry_session_sign_in_with_jwt_async (ferry_context_get_accounts (fixture->context), fixture->tokens,
                                        ferry_sandbox_get_url (fixture->sandbox), jwt,
                                        ferry_sandbox_get_user_email (fixture->sandbox),
                                        NULL, result_cb, &result);
  session = ferry_session_sign_in_with_jwt_finish (wait_result (&result), &error);
  g_assert_no_error (error);
  ferry_context_set_session (fixture->context, session);
  /* That account's model of the project, as the window would pass it. */
  g_set_object (&fixture->model, ferry_workspace_get_project_model (ferry_context_get_workspace (fixture->context),
                                                                    fixture->project));

  /* The first answer fails: the error state offers Try Again. */
  json_parser_load_from_data (parser, "{\"route\":\"GET /api/v1/app-connections/azure-devops/*/projects\",\"status\":500,\"count\":1}", -1, &error);
  g_assert_no_error (error);
  g_assert_true (ferry_sandbox_add_fault (fixture->sandbox, json_node_get_object (json_parser_get_root (parser)), &error));
  g_assert_no_error (error);

  open_assistant (fixture, NULL);
  draft = ferry_sync_assistant_get_draft (fixture->assistant);
  fill_source (fixture, 2, "backend");
  next (fixture);

  devops_row = page_widget (fixture, FERRY_SYNC_DRAFT_STEP_DESTINATION, "devops_row");
  message = page_widget (fixture, FERRY_SYNC_DRAFT_STEP_DESTINATION, "devops_message");
  retry = page_widget (fixture, FERRY_SYNC_DRAFT_STEP_DESTINATION, "devops_retry_button");
  WAIT_FOR (gtk_widget_get_visible (retry));
  g_assert_true (g_str_has_prefix (label_text (message), "Could not load the Azure DevOps projects. "));
  g_assert_true (g_str_has_suffix (label_text (message), " You can also enter the project by hand."));
  g_assert_true (gtk_widget_get_visible (page_widget (fixture, FERRY_SYNC_DRAFT_STEP_DESTINATION, "manual_button")));
  g_assert_false (next_sensitive (fixture));
  screenshot (GTK_WIDGET (fixture->assistant), "assistant-2-destination-projects-error");

  click (retry);
  WAIT_FOR (devops_projects_loaded (fixture));
  g_assert_false (gtk_widget_get_visible (retry));
  g_assert_true (gtk_widget_get_visible (devops_row));
  g_assert_false (gtk_widget_get_visible (page_widget (fixture, FERRY_SYNC_DRAFT_STEP_DESTINATION, "devops_id_row")));

  /* The first project is preselected; pick Contoso Web from the list. */
  model = adw_combo_row_get_model (ADW_COMBO_ROW (devops_row));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(FerryDevopsProject) project = g_list_model_get_item (model, i);

      if (i == 0)
        g_assert_cmpstr (ferry_sync_draft_get_devops_project_id (draft), ==, ferry_devops_project_get_app_id (project));
      if (g_strcmp0 (ferry_devops_project_get_name (project), "Contoso Web") == 0)
        contoso_index = i;
    }
  g_assert_cmpuint (contoso_index, !=, G_MAXUINT);
  adw_combo_row_set_selected (ADW_COMBO_ROW (devops_row), contoso_index);
  g_assert_cmpstr (ferry_sync_draft_get_devops_project_id (draft), ==, contoso_web);
  g_assert_cmpstr (ferry_sync_draft_get_devops_project_name (draft), ==, "Contoso Web");
  g_assert_true (next_sensitive (fixture));
  screenshot (GTK_WIDGET (fixture->assistant), "assistant-2-destination-picker");

  /* Entering by hand stays possible, prefilled with the choice. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (page_widget (fixture, FERRY_SYNC_DRAFT_STEP_DESTINATION, "manual_button")), TRUE);
  g_assert_true (gtk_widget_get_visible (page_widget (fixture, FERRY_SYNC_DRAFT_STEP_DESTINATION, "devops_id_row")));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (page_widget (fixture, FERRY_SYNC_DRAFT_STEP_DESTINATION, "devops_id_row"))), ==, contoso_web);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (page_widget (fixture, FERRY_SYNC_DRAFT_STEP_DESTINATION, "manual_button")), FALSE);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (devops_row)), ==, contoso_index);
  g_assert_cmpstr (ferry_sync_draft_get_devops_project_id (draft), ==, contoso_web);
}

int
main (int   argc,
      char *argv[])
{
  ferry_test_init_gtk (&argc, &argv);

  /* Without the private gnome-keyring: libsecret's file backend inside this test's HOME. */
  if (g_strcmp0 (g_getenv ("FERRY_TEST_SECRET_SERVICE"), "1") != 0)
    {
      g_autofree char *path = g_build_filename (ferry_test_get_home (), "test.keyring", NULL);

      g_setenv ("SECRET_BACKEND", "file", TRUE);
      g_setenv ("SECRET_FILE_TEST_PATH", path, TRUE);
      g_setenv ("SECRET_FILE_TEST_PASSWORD", "ferry-test", TRUE);
    }

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/assistant/happy-path", test_happy_path);
  ADD ("/assistant/validation-messages", test_validation_messages);
  ADD ("/assistant/duplicate-name", test_duplicate_name);
  ADD ("/assistant/network-failure-try-again", test_network_failure_try_again);
  ADD ("/assistant/connection-added-mid-flow", test_connection_added_mid_flow);
  ADD ("/assistant/manual-devops-project", test_manual_devops_project);
  ADD ("/assistant/edit-minimal-patch", test_edit_minimal_patch);
  ADD ("/assistant/close-dirty-asks", test_close_dirty_asks);
  ADD ("/assistant/folder-deleted-before-create", test_folder_deleted_before_create);
  ADD ("/assistant/user-picks-devops-project", test_user_picks_devops_project);
#undef ADD

  return g_test_run ();
}
