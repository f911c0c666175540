/* test-connections-usage.c: the Connections page of a project whose organization-wide
 * connection is used only by syncs of other projects, against the demo sandbox: the row
 * names those syncs with their projects, Delete lists them instead of asking the server,
 * and the server's refusal (when the scan could not see them) names them too.
 * Screenshots states-5-en and states-5-de.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "ferry-api-error.h"
#include "ferry-connection-row.h"
#include "ferry-connections-page.h"
#include "ferry-context.h"
#include "ferry-sandbox.h"
#include "ferry-session.h"
#include "ferry-test-utils.h"
#include "ferry-workspace.h"

#define WAIT_MS 20000
#define WAIT_FOR(cond) FERRY_TEST_WAIT_FOR (cond, #cond, WAIT_MS, (void) 0)

typedef struct
{
  FerrySandbox         *sandbox;
  GSettings            *settings;
  FerryTokenStore      *tokens;
  FerryContext         *context;
  FerryProjectModel    *model;     /* Data Platform: no syncs of its own */
  GtkWindow            *window;
  FerryConnectionsPage *page;
  char                 *pat_id;    /* the demo's "contoso-pat" */
} Fixture;

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

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(FerrySession) session = NULL;
  g_autoptr(GError) error = NULL;
  FerryWorkspace *workspace;
  FerryProject *project;
  GtkWidget *overlay;

  fixture->sandbox = ferry_sandbox_new (FERRY_SANDBOX_SEED_DEMO);
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

  workspace = ferry_context_get_workspace (fixture->context);
  ferry_workspace_refresh_projects (workspace);
  WAIT_FOR (ferry_workspace_get_projects_state (workspace) == FERRY_LOAD_STATE_READY);
  project = ferry_workspace_find_project (workspace, ferry_sandbox_get_project_id (fixture->sandbox, 2));
  g_assert_nonnull (project);
  g_assert_cmpstr (ferry_project_get_name (project), ==, "Data Platform");
  fixture->model = g_object_ref (ferry_workspace_get_project_model (workspace, project));
  ferry_project_model_refresh (fixture->model);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 900, 560);
  overlay = adw_toast_overlay_new ();
  fixture->page = FERRY_CONNECTIONS_PAGE (ferry_connections_page_new (fixture->context));
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (fixture->page));
  gtk_window_set_child (fixture->window, overlay);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i - 1);

      gtk_window_destroy (window);
    }
  ferry_test_spin_for (50);

  g_clear_object (&fixture->model);
  g_clear_object (&fixture->context);
  g_clear_object (&fixture->tokens);
  g_clear_object (&fixture->settings);
  ferry_sandbox_stop (fixture->sandbox);
  g_clear_object (&fixture->sandbox);
  g_clear_pointer (&fixture->pat_id, g_free);
}

static FerryConnectionRow *
pat_row (Fixture *fixture)
{
  GListModel *connections = ferry_project_model_get_connections (fixture->model);

  if (fixture->pat_id == NULL)
    for (guint i = 0; i < g_list_model_get_n_items (connections); i++)
      {
        g_autoptr(FerryConnection) c = g_list_model_get_item (connections, i);

        if (g_strcmp0 (ferry_connection_get_name (c), "contoso-pat") == 0)
          fixture->pat_id = g_strdup (ferry_resource_get_id (FERRY_RESOURCE (c)));
      }
  if (fixture->pat_id == NULL)
    return NULL;
  return (FerryConnectionRow *) ferry_connections_page_get_row (fixture->page, fixture->pat_id);
}

static gboolean
usage_is (Fixture    *fixture,
          const char *prefix)
{
  FerryConnectionRow *row = pat_row (fixture);

  return row != NULL && ferry_connection_row_get_usage_text (row) != NULL &&
         g_str_has_prefix (ferry_connection_row_get_usage_text (row), prefix);
}

/* Shows the page with the model, and the first (complete) scan's usage. */
static void
show_page (Fixture *fixture)
{
  ferry_connections_page_set_model (fixture->page, fixture->model);
  gtk_window_present (fixture->window);
  ferry_test_wait_mapped (GTK_WIDGET (fixture->window));
  WAIT_FOR (g_strcmp0 (ferry_connections_page_get_state (fixture->page), "list") == 0);
  WAIT_FOR (ferry_project_model_get_syncs_state (fixture->model) == FERRY_LOAD_STATE_READY);
  WAIT_FOR (pat_row (fixture) != NULL);
}

static guint
count_requests (Fixture    *fixture,
                const char *method,
                const char *path_prefix)
{
  g_autoptr(JsonNode) node = ferry_sandbox_get_requests (fixture->sandbox);
  JsonArray *array = json_node_get_array (node);
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *entry = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (entry, "method"), method) == 0 &&
          g_str_has_prefix (json_object_get_string_member (entry, "path"), path_prefix))
        n++;
    }
  return n;
}

static void
add_fault (Fixture    *fixture,
           const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_true (ferry_sandbox_add_fault (fixture->sandbox, json_node_get_object (json_parser_get_root (parser)), &error));
  g_assert_no_error (error);
}

static AdwMessageDialog *
find_message_dialog (void)
{
  return ferry_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
}

/* A visible message dialog with @heading (adw_message_dialog_response () leaves the one it
 * answers open). */
static AdwMessageDialog *
find_dialog_with_heading (const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)) &&
          g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)), heading) == 0)
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static void
test_used_elsewhere (Fixture       *fixture,
                     gconstpointer  data)
{
  AdwMessageDialog *dialog;

  show_page (fixture);

  /* Nothing in Data Platform uses it, but two syncs of two other projects do. */
  WAIT_FOR (usage_is (fixture, "Used by 2 syncs in 2 projects"));
  g_assert_cmpstr (ferry_connection_row_get_usage_text (pat_row (fixture)), ==,
                   "Used by 2 syncs in 2 projects: web-prod-to-contoso-web (Web Storefront), "
                   "payments-staging-to-legacy (Payments API)");
  /* Health is about this project's syncs: there are none here. */
  g_assert_cmpstr (ferry_connection_row_get_health_text (pat_row (fixture)), ==, "Used Elsewhere");
  /* The sandbox's connections carry isAutoRotationEnabled and rotation, as newer servers'
   * do: Azure DevOps has no rotation, so nothing is said about it. */
  g_assert_null (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (pat_row (fixture))), "otation"));
  ferry_test_shot_widget (GTK_WIDGET (fixture->window), "states-5-en");

  /* Delete lists them, with their projects, and asks the server nothing. */
  ferry_sandbox_clear_requests (fixture->sandbox);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "connections.delete", "s", fixture->pat_id);
  WAIT_FOR ((dialog = find_message_dialog ()) != NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "“contoso-pat” Is Still in Use");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "• web-prod-to-contoso-web (Web Storefront)"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "• payments-staging-to-legacy (Payments API)"));
  g_assert_cmpuint (count_requests (fixture, "DELETE", "/api/v1/app-connections/"), ==, 0);
  adw_message_dialog_response (dialog, "close");
}

/* When no project's syncs could be read, the row does not call it unused, and a delete the
 * server refuses names the syncs the page could not see before. */
static void
test_unchecked_then_refused (Fixture       *fixture,
                             gconstpointer  data)
{
  AdwMessageDialog *dialog;
  GtkWidget *details;

  ferry_project_model_refresh_connections (fixture->model);
  WAIT_FOR (ferry_project_model_get_syncs_state (fixture->model) == FERRY_LOAD_STATE_READY);
  add_fault (fixture, "{\"route\": \"GET /api/v1/secret-syncs/azure-devops\", \"status\": 500}");
  show_page (fixture);
  WAIT_FOR (usage_is (fixture, "Not used in the projects Ferry could check"));
  g_assert_cmpstr (ferry_connection_row_get_usage_text (pat_row (fixture)), ==,
                   "Not used in the projects Ferry could check; 3 projects could not be checked");
  g_assert_cmpstr (ferry_connection_row_get_health_text (pat_row (fixture)), ==, "Usage Unknown");

  /* The lists work again: the server refuses the delete, and the error names the syncs. */
  ferry_sandbox_clear_faults (fixture->sandbox);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "connections.delete", "s", fixture->pat_id);
  WAIT_FOR ((dialog = find_message_dialog ()) != NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Delete Connection “contoso-pat”?");
  adw_message_dialog_response (dialog, "delete");
  gtk_window_close (GTK_WINDOW (dialog));
  WAIT_FOR ((dialog = find_dialog_with_heading ("“contoso-pat” Is Still in Use")) != NULL);
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "“contoso-pat” is still used by 2 syncs: web-prod-to-contoso-web (Web Storefront), "
                   "payments-staging-to-legacy (Payments API). Delete those syncs or give them another "
                   "connection, then try again.");
  /* The server's own words, one click away. */
  g_assert_true (GTK_IS_EXPANDER (adw_message_dialog_get_extra_child (dialog)));
  details = gtk_expander_get_child (GTK_EXPANDER (adw_message_dialog_get_extra_child (dialog)));
  g_assert_true (GTK_IS_LABEL (details));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (details)), "Cannot delete App Connection with existing connections"));
  g_assert_cmpuint (count_requests (fixture, "DELETE", "/api/v1/app-connections/"), ==, 1);

  /* The page scanned again: the row now names them. */
  WAIT_FOR (usage_is (fixture, "Used by 2 syncs in 2 projects"));
  adw_message_dialog_response (dialog, "close");
}

/* The same state in German (the build's own catalog), last: it switches the process's
 * language before the page is made, so its template is German too. */
static gboolean
switch_to_german (void)
{
  g_autofree char *catalog = g_build_filename (g_getenv ("FERRY_BUILD_ROOT"), "po", NULL);
  g_autofree char *mo = g_build_filename (catalog, "de", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);

  if (!g_file_test (mo, G_FILE_TEST_EXISTS))
    return FALSE;

  g_setenv ("LANGUAGE", "de", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  bindtextdomain (GETTEXT_PACKAGE, catalog);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  return g_strcmp0 (_("Unused"), "Unbenutzt") == 0;
}

static void
fixture_setup_german (Fixture       *fixture,
                      gconstpointer  data)
{
  if (!switch_to_german ())
    g_error ("no German catalog in the build (%s/po)", g_getenv ("FERRY_BUILD_ROOT"));
  fixture_setup (fixture, data);
}

static void
test_screenshot_de (Fixture       *fixture,
                    gconstpointer  data)
{
  show_page (fixture);
  WAIT_FOR (usage_is (fixture, "Von 2 Synchronisierungen in 2 Projekten verwendet"));
  ferry_test_shot_widget (GTK_WIDGET (fixture->window), "states-5-de");
}

static void
clipboard_read_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  char **text = user_data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, NULL);
  if (*text == NULL)
    *text = g_strdup ("");
}

static GtkWidget *
find_model_button (GtkWidget  *root,
                   const char *text)
{
  if (g_type_is_a (G_OBJECT_TYPE (root), g_type_from_name ("GtkModelButton")))
    {
      g_autofree char *label = NULL;

      g_object_get (root, "text", &label, NULL);
      if (g_strcmp0 (label, text) == 0)
        return root;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_model_button (child, text);
      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The row's menu copies the connection as Terraform: parsed by a real HCL parser, an
 * infisical_app_connection_azure_devops resource with the connection's name, method,
 * project and organization, its PAT a declared sensitive variable, not in the text.
 * Delete is in the same menu, in a section of its own. Screenshot connection-row-menu. */
static void
test_copy_terraform (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(JsonObject) root = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GList) members = NULL;
  GtkWidget *more, *popover, *item;
  FerryConnection *connection;
  JsonObject *resources, *resource, *credentials, *variables, *variable;
  JsonNode *node;
  const char *label;

  show_page (fixture);
  connection = ferry_project_model_find_connection (fixture->model, fixture->pat_id);
  g_assert_nonnull (connection);

  more = ferry_test_find_widget (GTK_WIDGET (pat_row (fixture)), "more_button");
  g_assert_true (GTK_IS_MENU_BUTTON (more));
  gtk_menu_button_popup (GTK_MENU_BUTTON (more));
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (more)));
  WAIT_FOR (gtk_widget_get_mapped (popover));
  ferry_test_shot_widget (popover, "connection-row-menu");
  g_assert_nonnull (find_model_button (popover, "Delete…"));
  item = find_model_button (popover, "Copy as Terraform");
  g_assert_nonnull (item);
  gtk_widget_activate (item);

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (fixture->window)), NULL, clipboard_read_cb, &text);
  WAIT_FOR (text != NULL);
  g_assert_true (g_str_has_prefix (text, "variable") || g_str_has_prefix (text, "resource") || g_str_has_prefix (text, "#"));
  g_test_message ("%s", text);
  g_assert_null (strstr (text, ferry_sandbox_get_devops_pat (fixture->sandbox, "contoso")));

  root = ferry_test_hcl_to_json (text);
  if (root == NULL)
    return;

  /* resource.infisical_app_connection_azure_devops.<label>: one block. */
  resources = json_object_get_object_member (json_object_get_object_member (root, "resource"),
                                             "infisical_app_connection_azure_devops");
  g_assert_nonnull (resources);
  g_assert_cmpuint (json_object_get_size (resources), ==, 1);
  members = json_object_get_members (resources);
  label = members->data;
  node = json_object_get_member (resources, label);
  resource = json_array_get_object_element (json_node_get_array (node), 0);
  g_assert_cmpstr (json_object_get_string_member (resource, "name"), ==, ferry_connection_get_name (connection));
  g_assert_cmpstr (json_object_get_string_member (resource, "method"), ==, "access-token");
  /* Organization-wide here: no project_id; a project's connection names its project. */
  if (ferry_connection_get_project_id (connection) != NULL && ferry_connection_get_project_id (connection)[0] != '\0')
    g_assert_cmpstr (json_object_get_string_member (resource, "project_id"), ==, ferry_connection_get_project_id (connection));
  else
    g_assert_false (json_object_has_member (resource, "project_id"));
  credentials = json_object_get_object_member (resource, "credentials");
  g_assert_cmpstr (json_object_get_string_member (credentials, "organization_name"), ==, "contoso");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (credentials, "access_token"), "${var."));

  /* The variable it refers to is declared, sensitive, without a default. */
  variables = json_object_get_object_member (root, "variable");
  g_assert_nonnull (variables);
  {
    const char *reference = json_object_get_string_member (credentials, "access_token");
    g_autofree char *name = g_strndup (reference + strlen ("${var."), strlen (reference) - strlen ("${var.}"));

    node = json_object_get_member (variables, name);
    g_assert_nonnull (node);
    variable = json_array_get_object_element (json_node_get_array (node), 0);
    g_assert_true (json_object_get_boolean_member (variable, "sensitive"));
    g_assert_false (json_object_has_member (variable, "default"));
  }
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

#define ADD(path, func) \
  g_test_add ("/connections-usage/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("used-elsewhere", test_used_elsewhere);
  ADD ("unchecked-then-refused", test_unchecked_then_refused);
  ADD ("copy-terraform", test_copy_terraform);
  g_test_add ("/connections-usage/screenshot-de", Fixture, NULL, fixture_setup_german, test_screenshot_de,
              fixture_teardown);
#undef ADD

  return g_test_run ();
}
