/* test-window-gaps.c: the main window offline, rate limited, with two accounts, by keyboard.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Real FerryApplication and window under Xvfb, real HTTP to the in-process sandbox. The
 * network monitor is this test's own (registered on the "gio-network-monitor" extension
 * point before anything asks for the default one), so the test decides when the machine
 * is "offline".
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "ferry-account-button.h"
#include "ferry-account-dialog.h"
#include "ferry-application.h"
#include "ferry-context.h"
#include "ferry-project-picker.h"
#include "ferry-sandbox.h"
#include "ferry-signin-page.h"
#include "ferry-syncs-page.h"
#include "ferry-test-utils.h"
#include "ferry-uri-opener.h"
#include "ferry-window.h"
#include "window-fixture.h"

#define WAIT_MS 20000

/* ---- A network monitor whose availability the test sets ---- */

#define TEST_TYPE_NETWORK_MONITOR (test_network_monitor_get_type ())
G_DECLARE_FINAL_TYPE (TestNetworkMonitor, test_network_monitor, TEST, NETWORK_MONITOR, GObject)

struct _TestNetworkMonitor
{
  GObject  parent_instance;
  gboolean available;
};

enum {
  PROP_0,
  PROP_NETWORK_AVAILABLE,
  PROP_NETWORK_METERED,
  PROP_CONNECTIVITY,
};

static void test_network_monitor_initable_iface_init (GInitableIface *iface);
static void test_network_monitor_iface_init (GNetworkMonitorInterface *iface);

/* GNetworkMonitor requires GInitable. */
G_DEFINE_FINAL_TYPE_WITH_CODE (TestNetworkMonitor, test_network_monitor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, test_network_monitor_initable_iface_init)
                               G_IMPLEMENT_INTERFACE (G_TYPE_NETWORK_MONITOR, test_network_monitor_iface_init))

static gboolean
test_network_monitor_initable_init (GInitable     *initable,
                                    GCancellable  *cancellable,
                                    GError       **error)
{
  return TRUE;
}

static void
test_network_monitor_initable_iface_init (GInitableIface *iface)
{
  iface->init = test_network_monitor_initable_init;
}

static gboolean
test_network_monitor_can_reach (GNetworkMonitor     *monitor,
                                GSocketConnectable  *connectable,
                                GCancellable        *cancellable,
                                GError             **error)
{
  if (TEST_NETWORK_MONITOR (monitor)->available)
    return TRUE;

  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE, "Network unreachable");
  return FALSE;
}

static void
test_network_monitor_iface_init (GNetworkMonitorInterface *iface)
{
  iface->can_reach = test_network_monitor_can_reach;
}

static void
test_network_monitor_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  TestNetworkMonitor *self = TEST_NETWORK_MONITOR (object);

  switch (prop_id)
    {
    case PROP_NETWORK_AVAILABLE:
      g_value_set_boolean (value, self->available);
      break;
    case PROP_NETWORK_METERED:
      g_value_set_boolean (value, FALSE);
      break;
    case PROP_CONNECTIVITY:
      g_value_set_enum (value, self->available ? G_NETWORK_CONNECTIVITY_FULL : G_NETWORK_CONNECTIVITY_LOCAL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
test_network_monitor_class_init (TestNetworkMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = test_network_monitor_get_property;
  g_object_class_override_property (object_class, PROP_NETWORK_AVAILABLE, "network-available");
  g_object_class_override_property (object_class, PROP_NETWORK_METERED, "network-metered");
  g_object_class_override_property (object_class, PROP_CONNECTIVITY, "connectivity");
}

static void
test_network_monitor_init (TestNetworkMonitor *self)
{
  self->available = TRUE;
}

static void
set_network_available (gboolean available)
{
  TestNetworkMonitor *monitor = TEST_NETWORK_MONITOR (g_network_monitor_get_default ());

  if (monitor->available == available)
    return;

  monitor->available = available;
  g_object_notify (G_OBJECT (monitor), "network-available");
  g_object_notify (G_OBJECT (monitor), "connectivity");
  g_signal_emit_by_name (monitor, "network-changed", available);
}

/* ---- Fixture ---- */

typedef FerryWindowFixture Fixture;

static void
save_failure_screenshot (void)
{
  ferry_window_fixture_save_failure ("window-gaps-timeout");
}

#define WAIT_FOR(cond) FERRY_TEST_WAIT_FOR (cond, #cond, WAIT_MS, save_failure_screenshot ())

static FerrySyncsPage *
syncs_page (Fixture *fixture)
{
  return FERRY_SYNCS_PAGE (ferry_window_get_syncs_page (fixture->window));
}

static gboolean
page_in_state (Fixture    *fixture,
               const char *state)
{
  return g_strcmp0 (ferry_syncs_page_get_state (syncs_page (fixture)), state) == 0;
}

static gboolean
window_in_state (Fixture    *fixture,
                 const char *state)
{
  return ferry_window_fixture_in_state (fixture, state);
}

static void
shot (Fixture    *fixture,
      const char *name)
{
  ferry_test_shot_widget (GTK_WIDGET (fixture->window), name);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  set_network_available (TRUE);
  ferry_window_fixture_open (fixture, "Gaps");
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  ferry_window_fixture_close (fixture);
}

/* Signs in through the sign-in page's machine identity form, like the demo does. */
static void
sign_in (Fixture *fixture)
{
  ferry_window_fixture_sign_in (fixture);
}

static gboolean
project_is (Fixture    *fixture,
            const char *name)
{
  FerryProject *project = ferry_window_get_project (fixture->window);

  return project != NULL && g_strcmp0 (ferry_project_get_name (project), name) == 0;
}

/* Through the project selector: search, then Enter. */
static void
choose_project (Fixture    *fixture,
                const char *name)
{
  GtkWidget *search;

  if (project_is (fixture, name))
    return;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.project-menu", NULL);
  ferry_test_spin_for (100);
  search = ferry_test_find_widget (GTK_WIDGET (fixture->window), "project_search");
  g_assert_nonnull (search);
  gtk_editable_set_text (GTK_EDITABLE (search), name);
  ferry_test_spin_for (100);
  g_signal_emit_by_name (search, "activate");
  WAIT_FOR (project_is (fixture, name));
}

static void
add_fault (Fixture    *fixture,
           const char *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (node);
  g_assert_true (ferry_sandbox_add_fault (fixture->sandbox, json_node_get_object (node), &error));
  g_assert_no_error (error);
}

/* Whether the page lists syncs, all of the window's current project. */
static gboolean
lists_project_syncs (Fixture *fixture)
{
  GListModel *syncs = ferry_syncs_page_get_syncs (syncs_page (fixture));
  FerryProject *project = ferry_window_get_project (fixture->window);
  guint n = g_list_model_get_n_items (syncs);

  if (project == NULL || n == 0 || !page_in_state (fixture, "list"))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FerrySync) sync = g_list_model_get_item (syncs, i);

      if (g_strcmp0 (ferry_sync_get_project_id (sync), ferry_resource_get_id (FERRY_RESOURCE (project))) != 0)
        return FALSE;
    }

  return TRUE;
}

/* Whether the page shows the current project's syncs: listed, or "empty" for none. */
static gboolean
shows_project_syncs (Fixture *fixture)
{
  if (page_in_state (fixture, "empty"))
    return g_list_model_get_n_items (ferry_syncs_page_get_syncs (syncs_page (fixture))) == 0 &&
           ferry_syncs_page_get_project (syncs_page (fixture)) == ferry_window_get_project (fixture->window);

  return lists_project_syncs (fixture);
}

/* ---- Offline ---- */

/* A network error while the network is up is an error; while it is down, "offline"; when
 * the network comes back the page reloads by itself. */
static void
test_offline (Fixture       *fixture,
              gconstpointer  data)
{
  FerryProject *first;

  sign_in (fixture);
  first = ferry_window_get_project (fixture->window);
  g_assert_nonnull (first);
  /* No retries in flight: after a failure nothing but the network coming back reloads. */
  ferry_api_client_set_retry_policy (ferry_context_get_client (fixture->context), 1, 100, 20000);

  /* The server cannot be reached, but the network is up: a plain error. */
  add_fault (fixture, "{\"route\": \"*\", \"kind\": \"reset\"}");
  choose_project (fixture, "Payments API");
  WAIT_FOR (page_in_state (fixture, "error"));
  shot (fixture, "gaps-network-error");

  /* The network goes away; Refresh now says why. */
  set_network_available (FALSE);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.refresh", NULL);
  WAIT_FOR (page_in_state (fixture, "offline"));
  shot (fixture, "gaps-offline");

  /* Going online without the server answering yet: no reload while unavailable... */
  ferry_sandbox_clear_faults (fixture->sandbox);
  ferry_test_spin_for (300);
  g_assert_true (page_in_state (fixture, "offline"));

  /* ...and the network is back: the page reloads by itself. */
  set_network_available (TRUE);
  WAIT_FOR (lists_project_syncs (fixture));
  g_assert_true (project_is (fixture, "Payments API"));
  shot (fixture, "gaps-back-online");
}

/* ---- Rate limits ---- */

static guint
current_interval (Fixture *fixture)
{
  return ferry_project_model_get_current_interval (ferry_syncs_page_get_model (syncs_page (fixture)));
}

/* 429 answers to the list stretch the periodic refresh (at least Retry-After, doubling,
 * at most 5 min); the next success restores it. */
static gboolean
has_label_with_prefix (GtkWidget  *root,
                       const char *prefix)
{
  if (GTK_IS_LABEL (root) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (root)), prefix))
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    if (has_label_with_prefix (child, prefix))
      return TRUE;

  return FALSE;
}

static void
test_rate_limit_slowdown (Fixture       *fixture,
                          gconstpointer  data)
{
  FerrySyncsPage *page;

  sign_in (fixture);
  page = syncs_page (fixture);
  /* The client retries 429s itself; here every answer reaches the page. */
  ferry_api_client_set_retry_policy (ferry_context_get_client (fixture->context), 1, 100, 20000);
  ferry_project_model_set_refresh_interval (ferry_syncs_page_get_model (page), 1);
  g_assert_cmpuint (current_interval (fixture), ==, 1);

  /* The periodic refresh itself meets the 429: Retry-After 3 wins over doubling 1. */
  add_fault (fixture, "{\"route\": \"GET /api/v1/secret-syncs/azure-devops\", \"status\": 429, \"retryAfter\": 3, \"count\": 1}");
  WAIT_FOR (current_interval (fixture) != 1);
  g_assert_cmpuint (current_interval (fixture), ==, 3);
  /* The list stays, and a toast says the refresh failed. */
  g_assert_true (lists_project_syncs (fixture));
  WAIT_FOR (has_label_with_prefix (GTK_WIDGET (fixture->window), "The syncs could not be refreshed: "));
  /* The refresh after it succeeds: back to the normal interval. */
  WAIT_FOR (current_interval (fixture) == 1);

  /* Repeated answers double it... */
  add_fault (fixture, "{\"route\": \"GET /api/v1/secret-syncs/azure-devops\", \"status\": 429, \"retryAfter\": 1, \"count\": 2}");
  WAIT_FOR (current_interval (fixture) == 2);
  ferry_syncs_page_reload (page);
  WAIT_FOR (current_interval (fixture) != 2);
  g_assert_cmpuint (current_interval (fixture), ==, 4);

  /* ...up to 5 minutes, however long the server asks to wait. */
  add_fault (fixture, "{\"route\": \"GET /api/v1/secret-syncs/azure-devops\", \"status\": 429, \"retryAfter\": 3600, \"count\": 1}");
  ferry_syncs_page_reload (page);
  WAIT_FOR (current_interval (fixture) != 4);
  g_assert_cmpuint (current_interval (fixture), ==, 300);

  /* Refresh succeeds: normal again. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.refresh", NULL);
  WAIT_FOR (current_interval (fixture) == 1);
  g_assert_true (lists_project_syncs (fixture));
}

/* ---- Two accounts ---- */

#define TEST_TYPE_NULL_OPENER (test_null_opener_get_type ())
G_DECLARE_FINAL_TYPE (TestNullOpener, test_null_opener, TEST, NULL_OPENER, GObject)

struct _TestNullOpener
{
  GObject parent_instance;
  guint   n_opened;
};

static void test_null_opener_iface_init (FerryUriOpenerInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestNullOpener, test_null_opener, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (FERRY_TYPE_URI_OPENER, test_null_opener_iface_init))

static void
null_open_async (FerryUriOpener      *opener,
                 const char          *uri,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (opener, cancellable, callback, user_data);

  TEST_NULL_OPENER (opener)->n_opened++;
  g_task_return_boolean (task, TRUE);
}

static gboolean
null_open_finish (FerryUriOpener  *opener,
                  GAsyncResult    *result,
                  GError         **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
test_null_opener_iface_init (FerryUriOpenerInterface *iface)
{
  iface->open_async = null_open_async;
  iface->open_finish = null_open_finish;
}

static void
test_null_opener_class_init (TestNullOpenerClass *klass)
{
}

static void
test_null_opener_init (TestNullOpener *self)
{
}

static const char *
header_text (Fixture    *fixture,
             const char *id)
{
  GtkWidget *label = ferry_test_find_widget (GTK_WIDGET (fixture->window), id);

  g_assert_true (GTK_IS_LABEL (label));
  return gtk_label_get_label (GTK_LABEL (label));
}

/* The projects the project selector offers (its search cleared). */
static guint
n_projects_offered (Fixture *fixture)
{
  GtkWidget *list, *picker;
  guint n;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.project-menu", NULL);
  ferry_test_spin_for (100);
  list = ferry_test_find_widget (GTK_WIDGET (fixture->window), "project_list");
  g_assert_true (GTK_IS_LIST_VIEW (list));
  /* What the list view shows: the picker's projects through its search filter. */
  n = g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list))));
  picker = ferry_test_find_widget (GTK_WIDGET (fixture->window), "project_picker");
  ferry_project_picker_popdown (FERRY_PROJECT_PICKER (picker));
  ferry_test_spin_for (50);

  return n;
}

static FerryAccount *
current_account (Fixture *fixture)
{
  FerrySession *session = ferry_context_get_session (fixture->context);

  return session != NULL ? ferry_session_get_account (session) : NULL;
}

static void
switch_to (Fixture      *fixture,
           FerryAccount *account,
           const char   *project)
{
  const char *org;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.switch-account", "s",
                              ferry_account_get_id (account));
  WAIT_FOR (current_account (fixture) == account);
  WAIT_FOR (window_in_state (fixture, "content"));
  WAIT_FOR (project_is (fixture, project));
  WAIT_FOR (shows_project_syncs (fixture));
  /* The header's first line is the account's organization, else its server. */
  org = ferry_account_get_organization_name (account);
  g_test_message ("%s: organization %s", ferry_account_get_label (account), org);
  if (org != NULL && org[0] != '\0')
    g_assert_cmpstr (header_text (fixture, "account_label"), ==, org);
  else
    g_assert_cmpstr (header_text (fixture, "account_label"), ==, ferry_sandbox_get_url (fixture->sandbox) + strlen ("http://"));
}

/* Whether the account popover lists @account (each row carries its account's id). */
static gboolean
lists_account (FerryAccountButton *button,
               FerryAccount       *account)
{
  GtkWidget *list = ferry_test_find_widget (GTK_WIDGET (button), "account_list");

  g_assert_true (GTK_IS_LIST_BOX (list));
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "ferry-account-id"), ferry_account_get_id (account)) == 0)
      return TRUE;

  return FALSE;
}

/* Machine identity, then Add Account with a pasted browser token; switching through the
 * account menu's action shows each account's header, projects, syncs and last project. */
static void
test_switch_accounts (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(TestNullOpener) opener = g_object_new (TEST_TYPE_NULL_OPENER, NULL);
  g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);
  g_autoptr(GVariant) last = NULL;
  FerrySigninPage *page;
  FerryAccountDialog *dialog;
  FerryAccountButton *account_button;
  g_autofree char *jwt = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *token = NULL;
  const char *id = NULL;
  FerryAccount *machine, *user;
  guint n_projects;

  sign_in (fixture);
  machine = current_account (fixture);
  g_assert_nonnull (machine);
  g_assert_cmpint (ferry_account_get_kind (machine), ==, FERRY_ACCOUNT_KIND_MACHINE_IDENTITY);
  g_assert_cmpstr (header_text (fixture, "organization_label"), ==, "Machine identity");
  choose_project (fixture, "Payments API");
  WAIT_FOR (lists_project_syncs (fixture));
  n_projects = n_projects_offered (fixture);
  g_assert_cmpuint (n_projects, >, 1);

  /* Add Account: a dialog over the window, which stays; the browser token is pasted. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.add-account", NULL);
  WAIT_FOR ((dialog = ferry_test_find_toplevel (FERRY_TYPE_ACCOUNT_DIALOG)) != NULL);
  g_assert_true (window_in_state (fixture, "content"));
  page = FERRY_SIGNIN_PAGE (ferry_account_dialog_get_signin_page (dialog));
  ferry_signin_page_set_uri_opener (page, FERRY_URI_OPENER (opener));
  adw_combo_row_set_selected (ADW_COMBO_ROW (ferry_test_find_widget (GTK_WIDGET (page), "server_row")), 2);
  gtk_editable_set_text (GTK_EDITABLE (ferry_test_find_widget (GTK_WIDGET (page), "url_row")),
                         ferry_sandbox_get_url (fixture->sandbox));
  gtk_widget_activate_action (GTK_WIDGET (page), "signin.browser", NULL);
  WAIT_FOR (opener->n_opened == 1);
  WAIT_FOR (gtk_revealer_get_reveal_child (GTK_REVEALER (ferry_test_find_widget (GTK_WIDGET (page), "paste_revealer"))));
  jwt = ferry_sandbox_issue_user_jwt (fixture->sandbox, 3600);
  payload = g_strdup_printf ("{\"JTWToken\":\"%s\",\"email\":\"%s\",\"privateKey\":\"\"}",
                             jwt, ferry_sandbox_get_user_email (fixture->sandbox));
  token = g_base64_encode ((const guchar *) payload, strlen (payload));
  gtk_editable_set_text (GTK_EDITABLE (ferry_test_find_widget (GTK_WIDGET (page), "paste_row")), token);
  gtk_widget_activate_action (GTK_WIDGET (page), "signin.paste", NULL);

  WAIT_FOR (current_account (fixture) != machine && current_account (fixture) != NULL);
  user = current_account (fixture);
  g_assert_cmpint (ferry_account_get_kind (user), ==, FERRY_ACCOUNT_KIND_USER);
  WAIT_FOR (window_in_state (fixture, "content"));
  WAIT_FOR (g_strcmp0 (header_text (fixture, "organization_label"), ferry_sandbox_get_user_email (fixture->sandbox)) == 0);
  WAIT_FOR (lists_project_syncs (fixture));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (ferry_context_get_accounts (fixture->context))), ==, 2);
  /* This account chooses a project without syncs. */
  choose_project (fixture, "Data Platform");
  WAIT_FOR (page_in_state (fixture, "empty"));
  g_assert_true (shows_project_syncs (fixture));
  shot (fixture, "gaps-user-account");

  /* Both accounts are in the account popover. */
  account_button = FERRY_ACCOUNT_BUTTON (ferry_test_find_widget (GTK_WIDGET (fixture->window), "account_button"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (account_button)));
  g_assert_true (lists_account (account_button, machine));
  g_assert_true (lists_account (account_button, user));

  /* Back to the machine identity: its header, its last project and that project's syncs. */
  switch_to (fixture, machine, "Payments API");
  g_assert_cmpstr (header_text (fixture, "organization_label"), ==, "Machine identity");
  g_assert_cmpuint (n_projects_offered (fixture), ==, n_projects);
  shot (fixture, "gaps-machine-account");

  /* And to the user again. */
  switch_to (fixture, user, "Data Platform");
  g_assert_cmpstr (header_text (fixture, "organization_label"), ==, ferry_sandbox_get_user_email (fixture->sandbox));
  g_assert_cmpuint (n_projects_offered (fixture), ==, n_projects);

  /* Each account's last project is remembered under its own id. */
  last = g_settings_get_value (settings, "last-projects");
  g_assert_true (g_variant_lookup (last, ferry_account_get_id (machine), "&s", &id));
  g_assert_cmpstr (id, ==, ferry_sandbox_get_project_id (fixture->sandbox, 1));
  g_assert_true (g_variant_lookup (last, ferry_account_get_id (user), "&s", &id));
  g_assert_cmpstr (id, ==, ferry_sandbox_get_project_id (fixture->sandbox, 2));
}

/* ---- Keyboard and accessible names ---- */

static GPtrArray *
collect_shortcuts (GtkWidget *root,
                   GPtrArray *found)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (root))
    g_ptr_array_add (found, root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_shortcuts (child, found);

  return found;
}

/* Whether @trigger fires on @keyval with @mods. */
static gboolean
trigger_matches (GtkShortcutTrigger *trigger,
                 guint               keyval,
                 GdkModifierType     mods)
{
  if (GTK_IS_KEYVAL_TRIGGER (trigger))
    return gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == gdk_keyval_to_lower (keyval) &&
           gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == mods;
  if (GTK_IS_ALTERNATIVE_TRIGGER (trigger))
    return trigger_matches (gtk_alternative_trigger_get_first (GTK_ALTERNATIVE_TRIGGER (trigger)), keyval, mods) ||
           trigger_matches (gtk_alternative_trigger_get_second (GTK_ALTERNATIVE_TRIGGER (trigger)), keyval, mods);
  return FALSE;
}

/* The action a widget's own key binding for @keyval/@mods names, below @root, or NULL. */
static const char *
find_binding (GtkWidget       *root,
              guint            keyval,
              GdkModifierType  mods)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (root);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          if (GTK_IS_NAMED_ACTION (action) &&
              trigger_matches (gtk_shortcut_get_trigger (shortcut), keyval, mods))
            return gtk_named_action_get_action_name (GTK_NAMED_ACTION (action));
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      const char *name = find_binding (child, keyval, mods);
      if (name != NULL)
        return name;
    }

  return NULL;
}

/* The name of the @index_-th action installed on @klass (GTK 4.8 wants every out argument). */
static gboolean
query_action (GtkWidgetClass  *klass,
              guint            index_,
              const char     **name)
{
  GType owner;
  const GVariantType *parameter_type;
  const char *property_name;

  return gtk_widget_class_query_action (klass, index_, &owner, name, &parameter_type, &property_name);
}

/* Whether the window or the application has @detailed_action (e.g. "win.show-view::syncs"). */
static gboolean
action_exists (Fixture    *fixture,
               const char *detailed_action)
{
  g_autofree char *name = NULL;
  g_autoptr(GVariant) target = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidgetClass *klass = GTK_WIDGET_GET_CLASS (fixture->window);
  const char *action_name;
  guint i;

  g_assert_true (g_action_parse_detailed_name (detailed_action, &name, &target, &error));
  g_assert_no_error (error);

  if (g_str_has_prefix (name, "app."))
    return g_action_group_has_action (G_ACTION_GROUP (fixture->app), name + 4);
  if (g_str_has_prefix (name, "win.") &&
      g_action_group_has_action (G_ACTION_GROUP (fixture->window), name + 4))
    return TRUE;

  /* Installed on the window's class (or GtkWindow's, like window.close). */
  for (i = 0; query_action (klass, i, &action_name); i++)
    if (g_strcmp0 (action_name, name) == 0)
      return TRUE;

  return FALSE;
}

/* Whether @root or a widget below it is a widget whose class installs @action_name. */
static gboolean
widget_has_class_action (GtkWidget  *root,
                         const char *action_name)
{
  const char *name;

  for (guint i = 0; query_action (GTK_WIDGET_GET_CLASS (root), i, &name); i++)
    if (g_strcmp0 (name, action_name) == 0)
      return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (widget_has_class_action (child, action_name))
      return TRUE;

  return FALSE;
}

/* Each application accelerator is in the shortcuts window and each shortcut there works:
 * an application accelerator, a key binding of a widget in the window, or F10 for the
 * primary menu; every named action exists. */
static void
test_shortcuts_window (Fixture       *fixture,
                       gconstpointer  data)
{
  g_auto(GStrv) actions = gtk_application_list_action_descriptions (GTK_APPLICATION (fixture->app));
  g_autoptr(GPtrArray) shortcuts = NULL;
  GtkWidget *overlay;
  guint n_checked = 0;

  sign_in (fixture);

  overlay = GTK_WIDGET (ferry_window_get_help_overlay (fixture->window));
  g_assert_nonnull (overlay);
  shortcuts = collect_shortcuts (overlay, g_ptr_array_new ());
  g_assert_cmpuint (shortcuts->len, >, 0);

  /* Application accelerators → shortcuts window. */
  g_assert_nonnull (actions);
  g_assert_nonnull (actions[0]);
  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (fixture->app), actions[i]);
      gboolean listed = FALSE;

      g_test_message ("%s", actions[i]);
      if (!action_exists (fixture, actions[i]))
        g_error ("%s has an accelerator but is no action of the window or the application", actions[i]);

      for (guint s = 0; s < shortcuts->len && !listed; s++)
        {
          g_autofree char *action_name = NULL;
          g_autofree char *accelerator = NULL;

          g_object_get (g_ptr_array_index (shortcuts, s), "action-name", &action_name, "accelerator", &accelerator, NULL);
          if (action_name != NULL && g_strcmp0 (action_name, actions[i]) == 0)
            listed = TRUE;
          else if (accelerator != NULL)
            {
              g_auto(GStrv) keys = g_strsplit (accelerator, " ", -1);

              listed = TRUE;
              for (guint a = 0; accels[a] != NULL && listed; a++)
                {
                  guint keyval, keyval2;
                  GdkModifierType mods, mods2;
                  gboolean in = FALSE;

                  g_assert_true (gtk_accelerator_parse (accels[a], &keyval, &mods));
                  for (guint k = 0; keys[k] != NULL && !in; k++)
                    in = gtk_accelerator_parse (keys[k], &keyval2, &mods2) && keyval == keyval2 && mods == mods2;
                  listed = in;
                }
            }
        }

      if (!listed)
        g_error ("%s (%s) is not in the shortcuts window", actions[i], accels[0] != NULL ? accels[0] : "no accelerator");
      n_checked++;
    }

  /* Shortcuts window → something that handles it. */
  for (guint s = 0; s < shortcuts->len; s++)
    {
      g_autofree char *action_name = NULL;
      g_autofree char *accelerator = NULL;
      g_autofree char *title = NULL;
      g_auto(GStrv) keys = NULL;

      g_object_get (g_ptr_array_index (shortcuts, s), "action-name", &action_name, "accelerator", &accelerator, "title", &title, NULL);
      g_test_message ("shortcut \"%s\": %s %s", title, action_name, accelerator);
      if (action_name != NULL && action_name[0] != '\0')
        {
          g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (fixture->app), action_name);

          g_assert_true (action_exists (fixture, action_name));
          if (accels == NULL || accels[0] == NULL)
            g_error ("shortcut \"%s\" names %s, which has no accelerator", title, action_name);
          continue;
        }

      g_assert_nonnull (accelerator);
      keys = g_strsplit (accelerator, " ", -1);
      for (guint k = 0; keys[k] != NULL; k++)
        {
          g_autofree char *app_action = NULL;
          guint keyval;
          GdkModifierType mods;
          const char *bound;

          g_assert_true (gtk_accelerator_parse (keys[k], &keyval, &mods));

          for (guint i = 0; actions[i] != NULL && app_action == NULL; i++)
            {
              g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (fixture->app), actions[i]);

              for (guint a = 0; accels[a] != NULL; a++)
                {
                  guint keyval2;
                  GdkModifierType mods2;

                  if (gtk_accelerator_parse (accels[a], &keyval2, &mods2) && keyval == keyval2 && mods == mods2)
                    app_action = g_strdup (actions[i]);
                }
            }
          if (app_action != NULL)
            continue;

          if ((bound = find_binding (GTK_WIDGET (fixture->window), keyval, mods)) != NULL)
            {
              /* A widget's own binding; its action must exist on that widget's class. */
              if (!widget_has_class_action (GTK_WIDGET (fixture->window), bound))
                g_error ("shortcut \"%s\" (%s) is bound to %s, which no widget installs", title, keys[k], bound);
              continue;
            }

          if (keyval == GDK_KEY_F10)
            {
              GtkWidget *primary = ferry_test_find_widget (GTK_WIDGET (fixture->window), "primary_menu_button");

              g_assert_true (GTK_IS_MENU_BUTTON (primary));
              g_assert_true (gtk_menu_button_get_primary (GTK_MENU_BUTTON (primary)));
              continue;
            }

          g_error ("shortcut \"%s\" (%s) is not handled by the application or the window", title, keys[k]);
        }
    }

  g_assert_cmpuint (n_checked, >=, 8);
}

static gboolean
has_text (const char *text)
{
  return text != NULL && text[0] != '\0';
}

/* Icon-only buttons below @root without a tooltip, appended to @missing. */
static void
collect_unlabelled_buttons (GtkWidget *root,
                            GString   *missing,
                            guint     *n_icon_buttons)
{
  gboolean icon_only = FALSE;

  /* GTK's own parts are GTK's business: window controls, spin buttons' +/- and a search
   * bar's close button; only the search bar's content is Ferry's. */
  if (GTK_IS_WINDOW_CONTROLS (root) || GTK_IS_SPIN_BUTTON (root))
    return;
  if (GTK_IS_SEARCH_BAR (root))
    {
      if (gtk_search_bar_get_child (GTK_SEARCH_BAR (root)) != NULL)
        collect_unlabelled_buttons (gtk_search_bar_get_child (GTK_SEARCH_BAR (root)), missing, n_icon_buttons);
      return;
    }

  if (GTK_IS_MENU_BUTTON (root))
    {
      GtkWidget *child = gtk_menu_button_get_child (GTK_MENU_BUTTON (root));

      icon_only = has_text (gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (root))) ||
                  (child != NULL && GTK_IS_IMAGE (child));
    }
  else if (GTK_IS_BUTTON (root) && !GTK_IS_MENU_BUTTON (gtk_widget_get_parent (root)))
    {
      GtkWidget *child = gtk_button_get_child (GTK_BUTTON (root));

      icon_only = has_text (gtk_button_get_icon_name (GTK_BUTTON (root))) ||
                  (child != NULL && GTK_IS_IMAGE (child));
    }

  if (icon_only)
    {
      (*n_icon_buttons)++;
      if (!has_text (gtk_widget_get_tooltip_text (root)))
        {
          const char *id = gtk_buildable_get_buildable_id (GTK_BUILDABLE (root));


          g_string_append_printf (missing, " %s(%s, %s)", G_OBJECT_TYPE_NAME (root),
                                  id != NULL ? id : gtk_widget_get_name (root),
                                  GTK_IS_MENU_BUTTON (root) ? gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (root))
                                                            : GTK_IS_BUTTON (root) ? gtk_button_get_icon_name (GTK_BUTTON (root)) : "");
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_unlabelled_buttons (child, missing, n_icon_buttons);
}

/* Every icon-only button of the main window (header, pages, details, popovers) has a
 * tooltip, which is also its accessible description. */
static void
test_icon_buttons_named (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GString) missing = g_string_new (NULL);
  g_autoptr(FerrySync) first = NULL;
  guint n_icon_buttons = 0;

  sign_in (fixture);
  first = g_list_model_get_item (ferry_syncs_page_get_syncs (syncs_page (fixture)), 0);
  g_assert_true (ferry_syncs_page_select_sync (syncs_page (fixture), ferry_resource_get_id (FERRY_RESOURCE (first))));
  ferry_test_spin_for (200);

  collect_unlabelled_buttons (GTK_WIDGET (fixture->window), missing, &n_icon_buttons);
  g_test_message ("%u icon-only buttons", n_icon_buttons);
  g_assert_cmpuint (n_icon_buttons, >, 0);
  if (missing->len > 0)
    g_error ("icon-only buttons without a tooltip:%s", missing->str);
}

/* The actions of @menu's items, sections and submenus included, into @actions. */
static void
collect_menu_actions (GMenuModel *menu,
                      GPtrArray  *actions)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GMenuLinkIter) links = NULL;
      char *action = NULL;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &action))
        g_ptr_array_add (actions, action);

      links = g_menu_model_iterate_item_links (menu, i);
      while (g_menu_link_iter_next (links))
        {
          g_autoptr(GMenuModel) link = g_menu_link_iter_get_value (links);
          collect_menu_actions (link, actions);
        }
    }
}

/* Widgets on screen (mapped) below @root whose action is @action_name. */
static guint
count_actionables (GtkWidget  *root,
                   const char *action_name)
{
  guint n = 0;

  if (!gtk_widget_get_mapped (root))
    return 0;
  if (GTK_IS_ACTIONABLE (root) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action_name) == 0)
    n++;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    n += count_actionables (child, action_name);

  return n;
}

static void
collect_dropdowns (GtkWidget *root,
                   GPtrArray *found)
{
  if (GTK_IS_DROP_DOWN (root))
    g_ptr_array_add (found, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_dropdowns (child, found);
}

/* The main menu has Preferences and no second Refresh (the header's button is the one);
 * each filter drop-down says what it filters (its tooltip, the accessible description,
 * beside its accessible name in ferry-syncs-page.ui). */
static void
test_menu_and_filters (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) actions = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) dropdowns = g_ptr_array_new ();
  GtkWidget *menu_button;

  sign_in (fixture);
  menu_button = ferry_test_find_widget (GTK_WIDGET (fixture->window), "primary_menu_button");
  g_assert_nonnull (menu_button);
  collect_menu_actions (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button)), actions);
  for (guint i = 0; i < actions->len; i++)
    g_test_message ("main menu: %s", (char *) g_ptr_array_index (actions, i));
  g_assert_true (g_ptr_array_find_with_equal_func (actions, "app.preferences", g_str_equal, NULL));
  g_assert_false (g_ptr_array_find_with_equal_func (actions, "win.refresh", g_str_equal, NULL));
  g_assert_cmpuint (count_actionables (GTK_WIDGET (fixture->window), "win.refresh"), ==, 1);

  collect_dropdowns (GTK_WIDGET (fixture->window), dropdowns);
  g_assert_cmpuint (dropdowns->len, >=, 3);
  for (guint i = 0; i < dropdowns->len; i++)
    {
      GtkWidget *dropdown = g_ptr_array_index (dropdowns, i);

      g_test_message ("drop-down %s: %s", gtk_buildable_get_buildable_id (GTK_BUILDABLE (dropdown)),
                      gtk_widget_get_tooltip_text (dropdown));
      g_assert_true (has_text (gtk_widget_get_tooltip_text (dropdown)));
    }
}

int
main (int   argc,
      char *argv[])
{
  GIOExtensionPoint *point;

  /* Before anything asks for the default monitor: ours wins on priority. */
  point = g_io_extension_point_register (G_NETWORK_MONITOR_EXTENSION_POINT_NAME);
  g_io_extension_point_set_required_type (point, G_TYPE_NETWORK_MONITOR);
  g_io_extension_point_implement (G_NETWORK_MONITOR_EXTENSION_POINT_NAME,
                                  TEST_TYPE_NETWORK_MONITOR, "ferry-test", 1000);
  g_unsetenv ("GIO_USE_NETWORK_MONITOR");

  ferry_test_init_gtk (&argc, &argv);
  g_assert_true (TEST_IS_NETWORK_MONITOR (g_network_monitor_get_default ()));

  if (g_strcmp0 (g_getenv ("FERRY_TEST_SECRET_SERVICE"), "1") != 0)
    {
      g_autofree char *path = g_build_filename (ferry_test_get_home (), "test.keyring", NULL);

      g_setenv ("SECRET_BACKEND", "file", TRUE);
      g_setenv ("SECRET_FILE_TEST_PATH", path, TRUE);
      g_setenv ("SECRET_FILE_TEST_PASSWORD", "ferry-test", TRUE);
    }

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/window-gaps/offline", test_offline);
  ADD ("/window-gaps/rate-limit-slowdown", test_rate_limit_slowdown);
  ADD ("/window-gaps/switch-accounts", test_switch_accounts);
  ADD ("/window-gaps/shortcuts-window", test_shortcuts_window);
  ADD ("/window-gaps/icon-buttons-named", test_icon_buttons_named);
  ADD ("/window-gaps/menu-and-filters", test_menu_and_filters);
#undef ADD

  return g_test_run ();
}
