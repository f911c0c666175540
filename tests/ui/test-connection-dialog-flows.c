/* test-connection-dialog-flows.c: the Add Connection dialog's sign-in method per server
 * (GSettings "oauth-flows") and its way back to the desktop flow, "Copy Link" and "Open
 * Again" while a browser flow waits (the dialog's OAuth and the sign-in page's browser
 * sign-in), and where a new connection belongs, against the demo sandbox with and without
 * project connections. Browsers are never started: a recording opener stands in.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "ferry-connection-dialog.h"
#include "ferry-context.h"
#include "ferry-oauth-flow.h"
#include "ferry-sandbox.h"
#include "ferry-session.h"
#include "ferry-signin-page.h"
#include "ferry-test-utils.h"
#include "ferry-uri-opener.h"
#include "ferry-workspace.h"

#define WAIT_MS 20000
#define WAIT_FOR(cond) FERRY_TEST_WAIT_FOR (cond, #cond, WAIT_MS, (void) 0)
#define CONNECTIONS_PATH "/api/v1/app-connections/azure-devops"

/* ---- An opener that only records ---- */

#define TEST_TYPE_OPENER (test_opener_get_type ())
G_DECLARE_FINAL_TYPE (TestOpener, test_opener, TEST, OPENER, GObject)

struct _TestOpener
{
  GObject    parent_instance;
  GPtrArray *uris;
};

static void test_opener_iface_init (FerryUriOpenerInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestOpener, test_opener, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (FERRY_TYPE_URI_OPENER, test_opener_iface_init))

static void
test_opener_open_async (FerryUriOpener      *opener,
                        const char          *uri,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (opener, cancellable, callback, user_data);

  g_ptr_array_add (TEST_OPENER (opener)->uris, g_strdup (uri));
  g_task_return_boolean (task, TRUE);
}

static gboolean
test_opener_open_finish (FerryUriOpener  *opener,
                         GAsyncResult    *result,
                         GError         **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
test_opener_iface_init (FerryUriOpenerInterface *iface)
{
  iface->open_async = test_opener_open_async;
  iface->open_finish = test_opener_open_finish;
}

static void
test_opener_finalize (GObject *object)
{
  g_ptr_array_unref (TEST_OPENER (object)->uris);
  G_OBJECT_CLASS (test_opener_parent_class)->finalize (object);
}

static void
test_opener_class_init (TestOpenerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_opener_finalize;
}

static void
test_opener_init (TestOpener *self)
{
  self->uris = g_ptr_array_new_with_free_func (g_free);
}

/* ---- Fixture ---- */

typedef struct
{
  FerrySandbox          *sandbox;
  GSettings             *settings;
  FerryTokenStore       *tokens;
  FerryContext          *context;
  FerryProjectModel     *model;     /* Web Storefront */
  GtkWindow             *parent;
  TestOpener            *opener;
  FerryConnectionDialog *dialog;
  FerryConnection       *saved;
  char                  *clipboard;
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
sign_in (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(FerrySession) session = NULL;
  g_autoptr(GError) error = NULL;
  FerryWorkspace *workspace;
  FerryProject *project;

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
  project = ferry_workspace_find_project (workspace, ferry_sandbox_get_project_id (fixture->sandbox, 0));
  g_assert_nonnull (project);
  fixture->model = g_object_ref (ferry_workspace_get_project_model (workspace, project));
  ferry_project_model_refresh_connections (fixture->model);
  WAIT_FOR (ferry_project_model_get_connections_state (fixture->model) == FERRY_LOAD_STATE_READY);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->sandbox = ferry_sandbox_new (FERRY_SANDBOX_SEED_DEMO);
  /* The build without project connections, for the tests that ask for it. */
  if (GPOINTER_TO_INT (data))
    ferry_sandbox_set_project_connections (fixture->sandbox, FALSE);
  g_assert_true (ferry_sandbox_start (fixture->sandbox, 0, &error));
  g_assert_no_error (error);

  fixture->settings = g_settings_new (BASE_APP_ID);
  g_settings_reset (fixture->settings, "accounts");
  g_settings_reset (fixture->settings, "default-account");
  g_settings_reset (fixture->settings, "oauth-flows");
  fixture->tokens = ferry_token_store_new ();
  fixture->context = ferry_context_new (fixture->settings, fixture->tokens);
  fixture->opener = g_object_new (TEST_TYPE_OPENER, NULL);

  fixture->parent = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->parent, 400, 300);
  gtk_window_present (fixture->parent);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  /* Dialogs first, and their pending callbacks, then the parent they are transient for. */
  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i - 1);

      if (window != fixture->parent)
        gtk_window_destroy (window);
    }
  ferry_test_spin_for (50);
  gtk_window_destroy (fixture->parent);
  ferry_test_spin_for (20);

  g_clear_object (&fixture->saved);
  g_clear_object (&fixture->opener);
  g_clear_object (&fixture->model);
  g_clear_object (&fixture->context);
  g_clear_object (&fixture->tokens);
  g_settings_reset (fixture->settings, "oauth-flows");
  g_clear_object (&fixture->settings);
  ferry_test_spin_for (20);
  ferry_sandbox_stop (fixture->sandbox);
  g_clear_object (&fixture->sandbox);
  g_clear_pointer (&fixture->clipboard, g_free);
}

static void
saved_cb (FerryConnectionDialog *dialog,
          FerryConnection       *connection,
          Fixture               *fixture)
{
  g_set_object (&fixture->saved, connection);
}

static GtkWidget *
dialog_widget (Fixture    *fixture,
               const char *id)
{
  GtkWidget *widget = ferry_test_find_widget (GTK_WIDGET (fixture->dialog), id);

  if (widget == NULL)
    g_error ("no widget “%s” in the connection dialog", id);
  return widget;
}

static void
open_dialog (Fixture *fixture)
{
  fixture->dialog = ferry_connection_dialog_new (fixture->context, fixture->model, fixture->parent, NULL);
  g_object_add_weak_pointer (G_OBJECT (fixture->dialog), (gpointer *) &fixture->dialog);
  ferry_connection_dialog_set_uri_opener (fixture->dialog, FERRY_URI_OPENER (fixture->opener));
  g_signal_connect (fixture->dialog, "connection-saved", G_CALLBACK (saved_cb), fixture);
  gtk_window_present (GTK_WINDOW (fixture->dialog));
  ferry_test_wait_mapped (GTK_WIDGET (fixture->dialog));
}

static const char *
site_url (Fixture *fixture)
{
  return ferry_api_client_get_site_url (ferry_context_get_client (fixture->context));
}

static char *
remembered_flow (Fixture *fixture)
{
  g_autoptr(GVariant) flows = g_settings_get_value (fixture->settings, "oauth-flows");
  const char *kind = NULL;

  return g_variant_lookup (flows, site_url (fixture), "&s", &kind) ? g_strdup (kind) : NULL;
}

static guint
method_count (Fixture *fixture)
{
  GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (dialog_widget (fixture, "method_row")));

  return model != NULL ? g_list_model_get_n_items (model) : 0;
}

static void
clipboard_read_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Fixture *fixture = user_data;
  g_autoptr(GError) error = NULL;

  fixture->clipboard = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);
  g_assert_no_error (error);
}

static const char *
read_clipboard (Fixture   *fixture,
                GtkWidget *widget)
{
  g_clear_pointer (&fixture->clipboard, g_free);
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL, clipboard_read_cb, fixture);
  WAIT_FOR (fixture->clipboard != NULL);
  return fixture->clipboard;
}

static gboolean
action_enabled (GtkWidget  *widget,
                const char *name)
{
  /* Widget actions are visible to GtkActionable through the muxer; activating a disabled
   * one does nothing, so check the button that carries it instead. */
  GtkWidget *found = NULL;
  GPtrArray *stack = g_ptr_array_new ();

  g_ptr_array_add (stack, widget);
  while (stack->len > 0 && found == NULL)
    {
      GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);

      if (GTK_IS_ACTIONABLE (w) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (w)), name) == 0)
        found = w;
      for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
        g_ptr_array_add (stack, c);
    }
  g_ptr_array_unref (stack);
  g_assert_nonnull (found);
  return gtk_widget_get_sensitive (found);
}

/* A server switched to the hand-off: the dialog shows it, can switch back, and "Try
 * Again" runs the desktop flow, whose page can be copied and opened again. */
static void
test_signin_method (Fixture       *fixture,
                    gconstpointer  data)
{
  AdwComboRow *signin_row;
  g_autofree char *flow = NULL;
  const char *uri;

  sign_in (fixture);
  ferry_oauth_flow_remember_kind (fixture->settings, site_url (fixture), FERRY_OAUTH_FLOW_KIND_HANDOFF);
  open_dialog (fixture);
  ferry_connection_dialog_set_authorize_base_url (fixture->dialog, "http://127.0.0.1:9/sandbox/microsoft");

  /* OAuth comes once the server said it can; it is the last method. */
  WAIT_FOR (method_count (fixture) == 3);
  signin_row = ADW_COMBO_ROW (dialog_widget (fixture, "signin_row"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (signin_row)));
  adw_combo_row_set_selected (ADW_COMBO_ROW (dialog_widget (fixture, "method_row")), 2);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (signin_row)));
  g_assert_cmpuint (adw_combo_row_get_selected (signin_row), ==, 1);
  g_assert_true (gtk_widget_get_visible (dialog_widget (fixture, "try_desktop_row")));

  /* The choice is the server's setting, both ways. */
  adw_combo_row_set_selected (signin_row, 0);
  flow = remembered_flow (fixture);
  g_assert_cmpstr (flow, ==, "loopback");
  g_assert_false (gtk_widget_get_visible (dialog_widget (fixture, "try_desktop_row")));
  adw_combo_row_set_selected (signin_row, 1);
  g_clear_pointer (&flow, g_free);
  flow = remembered_flow (fixture);
  g_assert_cmpstr (flow, ==, "handoff");

  /* Try Again: loopback once more, and the flow starts with a loopback redirect. */
  gtk_editable_set_text (GTK_EDITABLE (dialog_widget (fixture, "name_row")), "oauth-again");
  gtk_editable_set_text (GTK_EDITABLE (dialog_widget (fixture, "org_row")), "contoso");
  gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "dialog.try-desktop-signin", NULL);
  g_clear_pointer (&flow, g_free);
  flow = remembered_flow (fixture);
  g_assert_cmpstr (flow, ==, "loopback");
  g_assert_cmpuint (adw_combo_row_get_selected (signin_row), ==, 0);
  WAIT_FOR (fixture->opener->uris->len == 1);
  uri = g_ptr_array_index (fixture->opener->uris, 0);
  g_assert_true (g_str_has_prefix (uri, "http://127.0.0.1:9/sandbox/microsoft/common/oauth2/v2.0/authorize?"));
  g_assert_nonnull (strstr (uri, "redirect_uri=http://127.0.0.1:"));
  /* What Copy Link hands out carries no token or code, only the flow's one-time state. */
  g_assert_null (strstr (uri, "token"));
  g_assert_null (strstr (uri, "code="));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (dialog_widget (fixture, "oauth_revealer"))));

  /* Copy Link puts exactly that page on the clipboard; Open Again opens it once more. */
  WAIT_FOR (action_enabled (GTK_WIDGET (fixture->dialog), "dialog.copy-link"));
  g_assert_false (gtk_widget_get_visible (dialog_widget (fixture, "link_copied_label")));
  gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "dialog.copy-link", NULL);
  g_assert_cmpstr (read_clipboard (fixture, GTK_WIDGET (fixture->dialog)), ==, uri);
  g_assert_true (gtk_widget_get_visible (dialog_widget (fixture, "link_copied_label")));
  gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "dialog.open-again", NULL);
  WAIT_FOR (fixture->opener->uris->len == 2);
  g_assert_cmpstr (g_ptr_array_index (fixture->opener->uris, 1), ==, uri);
  ferry_test_shot_widget (GTK_WIDGET (fixture->dialog), "connection-dialog-oauth-waiting");

  /* Stop Waiting: nothing left to copy. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "dialog.stop-oauth", NULL);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (dialog_widget (fixture, "oauth_revealer"))));
  g_assert_false (action_enabled (GTK_WIDGET (fixture->dialog), "dialog.copy-link"));
}

/* Creates an access-token connection through the dialog with the scope at @scope (or
 * none when the row is hidden) and returns the create request's body. */
static JsonObject *
create_pat (Fixture    *fixture,
            const char *name,
            gint        scope)
{
  g_autoptr(JsonNode) log = NULL;
  JsonArray *entries;
  JsonObject *body = NULL;

  open_dialog (fixture);
  if (scope >= 0)
    adw_combo_row_set_selected (ADW_COMBO_ROW (dialog_widget (fixture, "scope_row")), scope);
  gtk_editable_set_text (GTK_EDITABLE (dialog_widget (fixture, "name_row")), name);
  gtk_editable_set_text (GTK_EDITABLE (dialog_widget (fixture, "org_row")), "contoso");
  gtk_editable_set_text (GTK_EDITABLE (dialog_widget (fixture, "pat_row")),
                         ferry_sandbox_add_devops_pat (fixture->sandbox, "contoso"));
  g_clear_object (&fixture->saved);
  gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "dialog.save", NULL);
  WAIT_FOR (fixture->saved != NULL);
  WAIT_FOR (fixture->dialog == NULL);

  log = ferry_sandbox_get_requests (fixture->sandbox);
  entries = json_node_get_array (log);
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);

      if (g_strcmp0 (json_object_get_string_member (entry, "method"), "POST") == 0 &&
          g_strcmp0 (json_object_get_string_member (entry, "path"), CONNECTIONS_PATH) == 0)
        body = json_object_get_object_member (entry, "body");
    }
  g_assert_nonnull (body);
  return json_object_ref (body);
}

static void
test_scope (Fixture       *fixture,
            gconstpointer  data)
{
  const char *project_id;
  GtkWidget *scope_row;
  GListModel *labels;
  g_autoptr(JsonObject) org_body = NULL;
  g_autoptr(JsonObject) project_body = NULL;

  sign_in (fixture);
  project_id = ferry_sandbox_get_project_id (fixture->sandbox, 0);
  g_assert_cmpint (ferry_project_model_get_project_connections (fixture->model), ==, FERRY_PROJECT_CONNECTIONS_SUPPORTED);

  open_dialog (fixture);
  scope_row = dialog_widget (fixture, "scope_row");
  g_assert_true (gtk_widget_get_visible (scope_row));
  g_assert_false (gtk_widget_get_visible (dialog_widget (fixture, "scope_info_row")));
  labels = adw_combo_row_get_model (ADW_COMBO_ROW (scope_row));
  g_assert_cmpuint (g_list_model_get_n_items (labels), ==, 2);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (labels), 0), ==, "This project (Web Storefront)");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (labels), 1), ==, "The whole organization");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (scope_row)), ==, 0);
  adw_combo_row_set_selected (ADW_COMBO_ROW (scope_row), 1);
  ferry_test_shot_widget (GTK_WIDGET (fixture->dialog), "connection-dialog-scope");
  /* Gone once its pending requests let go of it (the weak pointer clears it). */
  gtk_window_destroy (GTK_WINDOW (fixture->dialog));
  WAIT_FOR (fixture->dialog == NULL);

  org_body = create_pat (fixture, "org-wide", 1);
  g_assert_false (json_object_has_member (org_body, "projectId"));
  g_assert_null (ferry_connection_get_project_id (fixture->saved));

  project_body = create_pat (fixture, "project-own", 0);
  g_assert_cmpstr (json_object_get_string_member (project_body, "projectId"), ==, project_id);
  g_assert_cmpstr (ferry_connection_get_project_id (fixture->saved), ==, project_id);
}

/* A build without project connections: the dialog says the connection is the
 * organization's and offers no choice; nothing asks for a project. */
static void
test_scope_unsupported (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(JsonObject) body = NULL;
  GtkWidget *info;

  sign_in (fixture);
  g_assert_cmpint (ferry_project_model_get_project_connections (fixture->model), ==, FERRY_PROJECT_CONNECTIONS_UNSUPPORTED);

  open_dialog (fixture);
  g_assert_false (gtk_widget_get_visible (dialog_widget (fixture, "scope_row")));
  info = dialog_widget (fixture, "scope_info_row");
  g_assert_true (gtk_widget_get_visible (info));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (info)), ==, "The whole organization");
  gtk_window_destroy (GTK_WINDOW (fixture->dialog));
  WAIT_FOR (fixture->dialog == NULL);

  body = create_pat (fixture, "old-build", -1);
  g_assert_false (json_object_has_member (body, "projectId"));
  g_assert_null (ferry_connection_get_project_id (fixture->saved));
}

/* The sign-in page's browser sign-in: its page can be copied and opened again. */
static void
test_signin_page_links (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkWidget *page = ferry_signin_page_new (fixture->context);
  GtkWidget *window = gtk_window_new ();
  const char *uri;

  ferry_signin_page_set_uri_opener (FERRY_SIGNIN_PAGE (page), FERRY_URI_OPENER (fixture->opener));
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_set_default_size (GTK_WINDOW (window), 700, 700);
  gtk_window_present (GTK_WINDOW (window));
  ferry_test_wait_mapped (window);

  adw_combo_row_set_selected (ADW_COMBO_ROW (ferry_test_find_widget (page, "server_row")), 2);
  gtk_editable_set_text (GTK_EDITABLE (ferry_test_find_widget (page, "url_row")), ferry_sandbox_get_url (fixture->sandbox));
  g_assert_false (action_enabled (page, "signin.copy-link"));
  gtk_widget_activate_action (page, "signin.browser", NULL);
  WAIT_FOR (fixture->opener->uris->len == 1);
  uri = g_ptr_array_index (fixture->opener->uris, 0);
  g_assert_true (g_str_has_prefix (uri, ferry_sandbox_get_url (fixture->sandbox)));
  g_assert_nonnull (strstr (uri, "callback_port="));
  g_assert_null (strstr (uri, "token"));

  WAIT_FOR (action_enabled (page, "signin.copy-link") && action_enabled (page, "signin.open-again"));
  gtk_widget_activate_action (page, "signin.copy-link", NULL);
  g_assert_cmpstr (read_clipboard (fixture, page), ==, uri);
  gtk_widget_activate_action (page, "signin.open-again", NULL);
  WAIT_FOR (fixture->opener->uris->len == 2);
  g_assert_cmpstr (g_ptr_array_index (fixture->opener->uris, 1), ==, uri);
  ferry_test_shot_widget (window, "signin-browser-waiting");

  /* Cancelled: nothing left to copy. */
  gtk_widget_activate_action (page, "signin.cancel", NULL);
  WAIT_FOR (!action_enabled (page, "signin.copy-link"));
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

#define ADD(path, func, old) \
  g_test_add ("/connection-dialog/" path, Fixture, GINT_TO_POINTER (old), fixture_setup, func, fixture_teardown)
  ADD ("signin-method", test_signin_method, FALSE);
  ADD ("scope", test_scope, FALSE);
  ADD ("scope-unsupported", test_scope_unsupported, TRUE);
  ADD ("signin-page-links", test_signin_page_links, FALSE);
#undef ADD

  return g_test_run ();
}
