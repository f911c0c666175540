/* test-main-window.c: the main window against the in-process sandbox.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Real FerryApplication, real window under Xvfb, real HTTP to the sandbox on 127.0.0.1,
 * sign-in through the sign-in page's machine identity form. Keyring: the private
 * gnome-keyring of tests/keyring-session.sh when FERRY_TEST_SECRET_SERVICE=1, else
 * libsecret's file backend in this test's HOME. Every test saves screenshots.
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "ferry-account-dialog.h"
#include "ferry-application.h"
#include "ferry-sync-assistant.h"
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
#include "ferry-uri-opener.h"
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

/* The sandbox's fixed ids: seed_uuid () of tests/sandbox/sandbox-seed.c. */
static char *
seed_uuid (const char *name)
{
  g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA1, name, -1);

  return g_strdup_printf ("%.8s-%.4s-4%.3s-a%.3s-%.12s", sum, sum + 8, sum + 12, sum + 15, sum + 18);
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
has_variable_group (FerrySandbox *sandbox,
                    const char   *devops_project_id,
                    const char   *name)
{
  g_autoptr(JsonNode) groups = ferry_sandbox_get_variable_groups (sandbox, "contoso", devops_project_id);
  JsonArray *array;

  g_assert_true (JSON_NODE_HOLDS_ARRAY (groups));
  array = json_node_get_array (groups);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *group = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (group, "name", ""), name) == 0)
        return TRUE;
    }

  return FALSE;
}

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


/* What the notification server (ferry_test_start_notification_server ()) was sent. */
static GPtrArray *notifications;  /* (ssa{sv}) of each AddNotification */

/* ---- Fixture ---- */

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  if (notifications != NULL)
    g_ptr_array_set_size (notifications, 0);
  ferry_window_fixture_open (fixture, "Test");
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

static void select_project_named_state (Fixture    *fixture,
                                        const char *name,
                                        const char *state);

static void
select_project_named (Fixture    *fixture,
                      const char *name)
{
  select_project_named_state (fixture, name, "list");
}

static void
select_project_named_state (Fixture    *fixture,
                            const char *name,
                            const char *state)
{
  FerryProject *project = ferry_window_get_project (fixture->window);
  GtkWidget *list;

  if (project != NULL && g_strcmp0 (ferry_project_get_name (project), name) == 0)
    return;

  /* Through the project selector, as people do: search, then Enter. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.project-menu", NULL);
  ferry_test_spin_for (100);
  list = ferry_test_find_widget (GTK_WIDGET (fixture->window), "project_list");
  g_assert_nonnull (list);
  {
    GtkWidget *search = ferry_test_find_widget (GTK_WIDGET (fixture->window), "project_search");
    g_assert_nonnull (search);
    gtk_editable_set_text (GTK_EDITABLE (search), name);
    ferry_test_spin_for (100);
    g_signal_emit_by_name (search, "activate");
  }
  WAIT_FOR ((project = ferry_window_get_project (fixture->window)) != NULL &&
            g_strcmp0 (ferry_project_get_name (project), name) == 0);
  WAIT_FOR (g_strcmp0 (ferry_syncs_page_get_state (syncs_page (fixture)), state) == 0);
}

/* ---- Creating syncs directly on the server (test data) ---- */

typedef struct
{
  GAsyncResult *result;
} Wait;

static void
wait_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  ((Wait *) user_data)->result = g_object_ref (result);
}

static gboolean
wait_ready (gpointer data)
{
  return ((Wait *) data)->result != NULL;
}

static FerrySync *
create_sync (Fixture    *fixture,
             const char *name,
             const char *environment,
             const char *devops_project,
             gboolean    auto_sync)
{
  FerryApiClient *client = ferry_context_get_client (fixture->context);
  FerryProject *project = ferry_window_get_project (fixture->window);
  g_autoptr(JsonObject) body = json_object_new ();
  g_autofree char *connection_id = seed_uuid ("connection:contoso-pat");
  g_autofree char *devops_id = seed_uuid (devops_project);
  JsonObject *options = json_object_new ();
  JsonObject *dest = json_object_new ();
  g_autoptr(GError) error = NULL;
  FerrySync *sync;
  Wait wait = { NULL };

  json_object_set_string_member (body, "name", name);
  json_object_set_string_member (body, "projectId", ferry_resource_get_id (FERRY_RESOURCE (project)));
  json_object_set_string_member (body, "connectionId", connection_id);
  json_object_set_string_member (body, "environment", environment);
  json_object_set_string_member (body, "secretPath", "/");
  json_object_set_boolean_member (body, "isAutoSyncEnabled", auto_sync);
  json_object_set_string_member (options, "initialSyncBehavior", "overwrite-destination");
  json_object_set_object_member (body, "syncOptions", options);
  json_object_set_string_member (dest, "devopsProjectId", devops_id);
  json_object_set_string_member (dest, "devopsProjectName", strrchr (devops_project, ':') + 1);
  json_object_set_object_member (body, "destinationConfig", dest);

  ferry_api_client_create_sync_async (client, body, NULL, wait_cb, &wait);
  g_assert_true (ferry_test_spin_until (wait_ready, &wait, WAIT_MS));
  sync = ferry_api_client_create_sync_finish (client, wait.result, &error);
  g_assert_no_error (error);
  g_object_unref (wait.result);

  return sync;
}

/* ---- Tests ---- */

/* Machine identity sign-in → both pages list the sandbox's data; the account, project
 * and view are remembered. Screenshots: signin, syncs, connections. */
static void
test_sign_in_lists_data (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);
  g_autoptr(FerrySync) dev = NULL;
  g_autoptr(FerrySync) staging = NULL;
  g_autofree char *default_account = NULL;
  g_autofree char *conn_id = seed_uuid ("connection:contoso-pat");
  FerryAccount *account;
  GtkWidget *row;

  WAIT_FOR (window_in_state (fixture, "signin"));
  shot (fixture, "signin");

  sign_in (fixture);
  g_assert_cmpstr (ferry_project_get_name (ferry_window_get_project (fixture->window)), ==, "Web Storefront");
  g_assert_true (ferry_test_has_sync_named (ferry_syncs_page_get_visible_syncs (syncs_page (fixture)), "web-prod-to-contoso-web"));

  /* The account is stored like any other, and is the default now. */
  account = ferry_session_get_account (ferry_context_get_session (fixture->context));
  g_assert_cmpint (ferry_account_get_kind (account), ==, FERRY_ACCOUNT_KIND_MACHINE_IDENTITY);
  g_assert_cmpstr (ferry_account_get_site_url (account), ==, ferry_sandbox_get_url (fixture->sandbox));
  default_account = g_settings_get_string (settings, "default-account");
  g_assert_cmpstr (default_account, ==, ferry_account_get_id (account));

  /* More syncs for a realistic list: one that runs now, one with auto-sync off. */
  dev = create_sync (fixture, "web-dev-to-fabrikam", "dev", "devops:contoso:Fabrikam Fiber", TRUE);
  staging = create_sync (fixture, "web-staging-to-internal-tools", "staging", "devops:contoso:Internal Tools", FALSE);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.refresh", NULL);
  WAIT_FOR (g_list_model_get_n_items (ferry_syncs_page_get_visible_syncs (syncs_page (fixture))) == 3);
  WAIT_FOR ((row = find_sync_row (GTK_WIDGET (fixture->window), ferry_resource_get_id (FERRY_RESOURCE (dev)))) != NULL &&
            g_strcmp0 (ferry_sync_row_get_status_text (FERRY_SYNC_ROW (row)), "Synced") == 0);
  row = find_sync_row (GTK_WIDGET (fixture->window), ferry_resource_get_id (FERRY_RESOURCE (staging)));
  g_assert_nonnull (row);
  g_assert_cmpstr (ferry_sync_row_get_status_text (FERRY_SYNC_ROW (row)), ==, "Never synced");
  g_assert_true (ferry_syncs_page_select_sync (syncs_page (fixture), "00000000-0000-4000-a000-000000000000") == FALSE);
  {
    g_autofree char *prod_id = seed_uuid ("sync:web-prod");
    g_assert_true (ferry_syncs_page_select_sync (syncs_page (fixture), prod_id));
  }
  shot (fixture, "syncs");

  /* Edit (Ctrl+E) opens the assistant on the selected sync. */
  gtk_widget_activate_action (ferry_window_get_syncs_page (fixture->window), "syncs.edit", NULL);
  WAIT_FOR (ferry_test_find_toplevel (FERRY_TYPE_SYNC_ASSISTANT) != NULL);
  g_assert_cmpstr (gtk_window_get_title (ferry_test_find_toplevel (FERRY_TYPE_SYNC_ASSISTANT)), ==, "Edit Sync");
  g_assert_true (gtk_window_get_transient_for (ferry_test_find_toplevel (FERRY_TYPE_SYNC_ASSISTANT)) == GTK_WINDOW (fixture->window));
  gtk_window_destroy (ferry_test_find_toplevel (FERRY_TYPE_SYNC_ASSISTANT));
  ferry_test_spin_for (50);

  /* Search narrows the list (Ctrl+F → the page's search entry). */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL);
  {
    GtkWidget *entry = ferry_test_find_widget (ferry_window_get_syncs_page (fixture->window), "search_entry");

    g_assert_nonnull (entry);
    g_assert_true (gtk_widget_has_focus (entry) || gtk_widget_is_focus (entry) ||
                   gtk_widget_get_focus_child (entry) != NULL);
    gtk_editable_set_text (GTK_EDITABLE (entry), "fabrikam");
    WAIT_FOR (g_list_model_get_n_items (ferry_syncs_page_get_visible_syncs (syncs_page (fixture))) == 1);
    g_assert_true (ferry_test_has_sync_named (ferry_syncs_page_get_visible_syncs (syncs_page (fixture)), "web-dev-to-fabrikam"));
    gtk_editable_set_text (GTK_EDITABLE (entry), "nothing-like-this");
    WAIT_FOR (g_strcmp0 (ferry_syncs_page_get_state (syncs_page (fixture)), "no-results") == 0);
    gtk_editable_set_text (GTK_EDITABLE (entry), "");
    WAIT_FOR (g_list_model_get_n_items (ferry_syncs_page_get_visible_syncs (syncs_page (fixture))) == 3);
  }

  /* Connections page (Alt+2 is win.show-view::connections). */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-view", "s", "connections");
  WAIT_FOR (g_strcmp0 (ferry_connections_page_get_state (connections_page (fixture)), "list") == 0);
  WAIT_FOR ((row = ferry_connections_page_get_row (connections_page (fixture), conn_id)) != NULL);
  g_assert_cmpstr (ferry_connection_row_get_health_text (FERRY_CONNECTION_ROW (row)), ==, "Healthy");
  /* An organization connection: its users in the other projects come from a scan of their
   * syncs (FerryConnectionUsage) once the page shows; the sandbox's Payments API has one. */
  WAIT_FOR (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Used by 4 syncs in 2 projects: ") != NULL);
  g_assert_true (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "web-prod-to-contoso-web") != NULL);
  shot (fixture, "connections");
  {
    g_autofree char *view = g_settings_get_string (settings, "last-view");
    g_assert_cmpstr (view, ==, "connections");
  }
}

/* A status changes: remember each badge text the row showed. */
typedef struct
{
  GPtrArray *seen;
  GtkWidget *window;
  FerrySync *sync;
} StatusLog;

static void
sync_notify_cb (FerrySync  *sync,
                GParamSpec *pspec,
                StatusLog  *log)
{
  GtkWidget *row = find_sync_row (log->window, ferry_resource_get_id (FERRY_RESOURCE (sync)));
  const char *text;

  if (row == NULL)
    return;

  text = ferry_sync_row_get_status_text (FERRY_SYNC_ROW (row));
  if (log->seen->len == 0 || g_strcmp0 (g_ptr_array_index (log->seen, log->seen->len - 1), text) != 0)
    g_ptr_array_add (log->seen, g_strdup (text));
}

/* Sync Now → the row goes Queued → Syncing → Synced while the page polls. */
/* Where @widget is within @ancestor, after layout. */
static float
widget_y (GtkWidget *widget,
          GtkWidget *ancestor)
{
  graphene_point_t point;

  g_assert_true (gtk_widget_compute_point (widget, ancestor, &GRAPHENE_POINT_INIT (0, 0), &point));
  return point.y;
}

static float
widget_x (GtkWidget *widget,
          GtkWidget *ancestor)
{
  graphene_point_t point;

  g_assert_true (gtk_widget_compute_point (widget, ancestor, &GRAPHENE_POINT_INIT (0, 0), &point));
  return point.x;
}

static void
test_sync_now_progress (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *sync_id = seed_uuid ("sync:web-prod");
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  FerrySync *sync;
  StatusLog log;
  gulong handler;
  gboolean shot_taken = FALSE;
  gboolean queued_seen = FALSE;
  GtkWidget *details, *action_box;
  float idle_y, idle_x;

  sign_in (fixture);
  /* Each job phase lasts longer than the 2 s poll interval, so every phase is seen. */
  ferry_sandbox_set_job_delay (fixture->sandbox, 2500);

  g_assert_true (ferry_syncs_page_select_sync (syncs_page (fixture), sync_id));
  sync = ferry_syncs_page_get_selected (syncs_page (fixture));
  g_assert_cmpstr (ferry_resource_get_id (FERRY_RESOURCE (sync)), ==, sync_id);

  log.seen = seen;
  log.window = GTK_WIDGET (fixture->window);
  log.sync = sync;
  handler = g_signal_connect (sync, "notify::sync-status", G_CALLBACK (sync_notify_cb), &log);

  /* The details' status (badge and spinner) keeps its size in every state: what is below
   * it (the buttons) stays where it is, idle, queued, running and done, and so does the
   * split between the list and the details. */
  details = ferry_test_find_widget (ferry_window_get_syncs_page (fixture->window), "details");
  action_box = ferry_test_find_widget (details, "action_box");
  shot (fixture, "sync-idle");
  idle_y = widget_y (action_box, details);
  idle_x = widget_x (details, GTK_WIDGET (fixture->window));

  /* Ctrl+Return on the page is syncs.sync-now. */
  gtk_widget_activate_action (ferry_window_get_syncs_page (fixture->window), "syncs.sync-now", NULL);
  WAIT_FOR (ferry_sync_get_sync_status (sync) == FERRY_SYNC_STATUS_PENDING);
  shot (fixture, "sync-queued");
  if (ferry_sync_get_sync_status (sync) == FERRY_SYNC_STATUS_PENDING)
    {
      g_assert_cmpfloat (widget_y (action_box, details), ==, idle_y);
      g_assert_cmpfloat (widget_x (details, GTK_WIDGET (fixture->window)), ==, idle_x);
      queued_seen = TRUE;
    }
  {
    gint64 deadline = g_get_monotonic_time () + (gint64) ferry_test_scale_ms (20000) * 1000;

    while (ferry_sync_get_sync_status (sync) != FERRY_SYNC_STATUS_SUCCEEDED && g_get_monotonic_time () < deadline)
      {
        g_main_context_iteration (NULL, FALSE);
        g_usleep (1000);
        if (!shot_taken && ferry_sync_get_sync_status (sync) == FERRY_SYNC_STATUS_RUNNING)
          {
            shot (fixture, "sync-running");
            shot_taken = TRUE;
            if (ferry_sync_get_sync_status (sync) == FERRY_SYNC_STATUS_RUNNING)
              g_assert_cmpfloat (widget_y (action_box, details), ==, idle_y);
          }
      }
  }
  shot (fixture, "sync-done");
  g_assert_cmpfloat (widget_y (action_box, details), ==, idle_y);
  g_assert_cmpfloat (widget_x (details, GTK_WIDGET (fixture->window)), ==, idle_x);
  g_assert_true (queued_seen);
  g_signal_handler_disconnect (sync, handler);

  g_assert_cmpint (ferry_sync_get_sync_status (sync), ==, FERRY_SYNC_STATUS_SUCCEEDED);
  for (guint i = 0; i < seen->len; i++)
    g_test_message ("row status %u: %s", i, (char *) g_ptr_array_index (seen, i));
  g_assert_cmpuint (seen->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (seen, 0), ==, "Queued");
  g_assert_cmpstr (g_ptr_array_index (seen, 1), ==, "Syncing");
  g_assert_cmpstr (g_ptr_array_index (seen, 2), ==, "Synced");
  g_assert_true (shot_taken);
  /* The row shows when it ran. */
  g_assert_nonnull (ferry_sync_get_last_synced_at (sync));
}

static gboolean
has_label_with_text (GtkWidget  *root,
                     const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    if (has_label_with_text (child, text))
      return TRUE;

  return FALSE;
}

static gboolean
selected_sync_is (Fixture    *fixture,
                  const char *id)
{
  FerrySync *selected = ferry_syncs_page_get_selected (syncs_page (fixture));

  return selected != NULL && g_strcmp0 (ferry_resource_get_id (FERRY_RESOURCE (selected)), id) == 0;
}

/* When the assistant (opened from the window) reports a saved sync, the window confirms
 * it with a toast, selects the new sync and follows its first job to the end by itself:
 * the periodic refresh is pushed out of reach, so only the following can bring the final
 * status in. The assistant's own steps up to "sync-saved" are driven in test-assistant.
 * Screenshot: sync-created. */
static void
test_after_create (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(FerrySync) created = NULL;
  GtkWindow *assistant = NULL;
  FerrySync *listed;
  const char *id;

  sign_in (fixture);
  ferry_project_model_set_refresh_interval (ferry_syncs_page_get_model (syncs_page (fixture)), 3600);
  ferry_sandbox_set_job_delay (fixture->sandbox, 1000);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.create-sync", NULL);
  WAIT_FOR ((assistant = ferry_test_find_toplevel (FERRY_TYPE_SYNC_ASSISTANT)) != NULL);

  /* What the assistant emits once its create request succeeded. */
  created = create_sync (fixture, "web-prod-after-create", "prod", "devops:contoso:Internal Tools", TRUE);
  id = ferry_resource_get_id (FERRY_RESOURCE (created));
  g_assert_false (ferry_test_has_sync_named (ferry_syncs_page_get_syncs (syncs_page (fixture)), "web-prod-after-create"));
  g_signal_emit_by_name (assistant, "sync-saved", created);
  gtk_window_destroy (assistant);

  /* Opened with win.create-sync: the toast says created, not saved. */
  WAIT_FOR (has_label_with_text (GTK_WIDGET (fixture->window), "Sync “web-prod-after-create” created"));
  WAIT_FOR (selected_sync_is (fixture, id));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (ferry_test_find_widget (GTK_WIDGET (fixture->window), "view_stack"))), ==, "syncs");
  listed = ferry_syncs_page_get_selected (syncs_page (fixture));
  WAIT_FOR (ferry_sync_get_sync_status (listed) == FERRY_SYNC_STATUS_SUCCEEDED);
  g_assert_nonnull (ferry_sync_get_last_synced_at (listed));
  shot (fixture, "sync-created");
}

/* A failing sync shows a plain explanation: the seeded "project not found" and a
 * revoked PAT ("reconnect the connection"). Screenshot: sync-failed. */
static void
test_failing_sync_explained (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *failed_id = seed_uuid ("sync:payments-staging");
  g_autofree char *prod_id = seed_uuid ("sync:web-prod");
  FerrySyncDetails *details;
  FerrySync *sync;
  const char *explanation;
  gboolean was_active;

  sign_in (fixture);
  select_project_named (fixture, "Payments API");

  /* Failed first: the failed sync is on top and selected. */
  {
    g_autoptr(FerrySync) first = g_list_model_get_item (ferry_syncs_page_get_visible_syncs (syncs_page (fixture)), 0);
    g_assert_cmpstr (ferry_resource_get_id (FERRY_RESOURCE (first)), ==, failed_id);
  }
  g_assert_true (ferry_syncs_page_select_sync (syncs_page (fixture), failed_id));
  details = FERRY_SYNC_DETAILS (ferry_test_find_widget (ferry_window_get_syncs_page (fixture->window), "details"));
  g_assert_nonnull (details);
  explanation = ferry_sync_details_get_explanation (details);
  g_assert_nonnull (explanation);
  g_test_message ("explanation: %s", explanation);
  g_assert_true (strstr (explanation, "could not find the project") != NULL);
  g_assert_true (strstr (explanation, "Legacy Portal") != NULL);
  /* The Azure answer is pretty-printed JSON, behind its expander (collapsed, as the card
   * explains it). */
  {
    GtkWidget *expander = ferry_test_find_widget (GTK_WIDGET (details), "message_box");
    GtkWidget *message;

    g_assert_false (gtk_expander_get_expanded (GTK_EXPANDER (expander)));
    gtk_expander_set_expanded (GTK_EXPANDER (expander), TRUE);
    message = ferry_test_find_widget (GTK_WIDGET (details), "message_label");
    g_assert_nonnull (message);
    g_assert_true (strstr (gtk_label_get_label (GTK_LABEL (message)), "\n  \"message\"") != NULL);
  }
  shot (fixture, "sync-failed");

  /* A revoked PAT: the next run fails with Azure's 401, and the advice is to reconnect. */
  select_project_named (fixture, "Web Storefront");
  ferry_sandbox_revoke_devops_pat (fixture->sandbox, ferry_sandbox_get_devops_pat (fixture->sandbox, "contoso"));
  g_assert_true (ferry_syncs_page_select_sync (syncs_page (fixture), prod_id));
  sync = ferry_syncs_page_get_selected (syncs_page (fixture));
  gtk_widget_activate_action (ferry_window_get_syncs_page (fixture->window), "syncs.sync-now", NULL);
  WAIT_FOR (ferry_sync_get_sync_status (sync) == FERRY_SYNC_STATUS_FAILED);
  /* Ferry decides when the failure arrives (ferry-window.c): whether the window had the
   * focus then, not later, tells which outcome to expect. Under Xvfb without a window
   * manager the focus can arrive seconds late on a slow (sanitizer) build. */
  was_active = gtk_window_is_active (GTK_WINDOW (fixture->window));
  details = FERRY_SYNC_DETAILS (ferry_test_find_widget (ferry_window_get_syncs_page (fixture->window), "details"));
  WAIT_FOR (ferry_sync_details_get_explanation (details) != NULL);
  explanation = ferry_sync_details_get_explanation (details);
  g_test_message ("explanation: %s", explanation);
  g_assert_true (strstr (explanation, "Reconnect") != NULL);
  g_assert_true (strstr (explanation, "contoso-pat") != NULL);
  shot (fixture, "sync-failed-revoked");

  /* The person started it: when the window is not focused, a notification offers Open
   * and Retry for that sync. */
  ferry_test_spin_for (300);
  if (was_active)
    {
      g_test_message ("window focused: no notification expected");
      g_assert_cmpuint (notifications->len, ==, 0);
    }
  else
    {
      g_autoptr(GVariant) n = NULL;
      g_autoptr(GVariant) buttons = NULL;
      const char *title = NULL;
      const char *label = NULL, *action = NULL;
      g_autoptr(GVariant) target = NULL;

      WAIT_FOR (notifications->len == 1);
      n = g_variant_get_child_value (g_ptr_array_index (notifications, 0), 2);
      g_assert_true (g_variant_lookup (n, "title", "&s", &title));
      g_assert_cmpstr (title, ==, "Sync Failed");
      buttons = g_variant_lookup_value (n, "buttons", G_VARIANT_TYPE ("aa{sv}"));
      g_assert_nonnull (buttons);
      g_assert_cmpuint (g_variant_n_children (buttons), ==, 2);
      {
        g_autoptr(GVariant) b0 = g_variant_get_child_value (buttons, 0);
        g_autoptr(GVariant) b1 = g_variant_get_child_value (buttons, 1);

        g_assert_true (g_variant_lookup (b0, "label", "&s", &label));
        g_assert_cmpstr (label, ==, "Open");
        g_assert_true (g_variant_lookup (b1, "label", "&s", &label));
        g_assert_cmpstr (label, ==, "Retry");
        g_assert_true (g_variant_lookup (b1, "action", "&s", &action));
        g_assert_cmpstr (action, ==, "app.retry-sync");
        target = g_variant_lookup_value (b1, "target", NULL);
        g_assert_nonnull (target);
        g_assert_cmpstr (g_variant_get_string (target, NULL), ==, prod_id);
      }
    }
}

static gboolean
message_dialog_open (gpointer data)
{
  return ferry_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

/* Remove Secrets and Delete, with their confirmations, checked on the Azure DevOps side. */
static void
test_remove_secrets_and_delete (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *sync_id = seed_uuid ("sync:web-prod");
  g_autofree char *web_devops = seed_uuid ("devops:contoso:Contoso Web");
  GtkWidget *page;
  AdwMessageDialog *dialog;
  GtkWidget *entry;
  GtkWidget *sw;
  FerrySync *sync;

  sign_in (fixture);
  page = ferry_window_get_syncs_page (fixture->window);
  g_assert_true (has_variable_group (fixture->sandbox, web_devops, "Production"));
  g_assert_true (ferry_syncs_page_select_sync (syncs_page (fixture), sync_id));
  sync = g_object_ref (ferry_syncs_page_get_selected (syncs_page (fixture)));

  /* Remove Secrets: the dialog names the group and the project; Cancel changes nothing. */
  gtk_widget_activate_action (page, "syncs.remove-secrets", NULL);
  g_assert_true (ferry_test_spin_until (message_dialog_open, NULL, WAIT_MS));
  dialog = ferry_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_true (strstr (adw_message_dialog_get_body (dialog), "“Production”") != NULL);
  g_assert_true (strstr (adw_message_dialog_get_body (dialog), "“Contoso Web”") != NULL);
  ferry_test_shot_widget (GTK_WIDGET (dialog), "remove-secrets-dialog");
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_close (GTK_WINDOW (dialog));
  ferry_test_spin_for (300);
  g_assert_true (has_variable_group (fixture->sandbox, web_devops, "Production"));

  gtk_widget_activate_action (page, "syncs.remove-secrets", NULL);
  g_assert_true (ferry_test_spin_until (message_dialog_open, NULL, WAIT_MS));
  dialog = ferry_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  adw_message_dialog_response (dialog, "remove");
  gtk_window_close (GTK_WINDOW (dialog));
  WAIT_FOR (!has_variable_group (fixture->sandbox, web_devops, "Production"));
  WAIT_FOR (!ferry_sync_is_busy (sync) && ferry_sync_get_remove_status (sync) == FERRY_SYNC_STATUS_SUCCEEDED);

  /* Sync Now puts the group back. */
  gtk_widget_activate_action (page, "syncs.sync-now", NULL);
  WAIT_FOR (has_variable_group (fixture->sandbox, web_devops, "Production"));
  WAIT_FOR (!ferry_sync_is_busy (sync));

  /* Delete: the name must be typed; "Also remove synced secrets" starts off. */
  gtk_widget_activate_action (page, "syncs.delete", NULL);
  g_assert_true (ferry_test_spin_until (message_dialog_open, NULL, WAIT_MS));
  dialog = ferry_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  entry = ferry_test_find_widget (GTK_WIDGET (dialog), "confirm-entry");
  sw = ferry_test_find_widget (GTK_WIDGET (dialog), "remove-secrets-switch");
  g_assert_nonnull (entry);
  g_assert_nonnull (sw);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (sw)));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "delete"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "web-prod");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "delete"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "web-prod-to-contoso-web");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "delete"));
  gtk_switch_set_active (GTK_SWITCH (sw), TRUE);
  ferry_test_spin_for (100);
  ferry_test_shot_widget (GTK_WIDGET (dialog), "delete-dialog");
  /* Enter in the entry confirms. */
  g_signal_emit_by_name (entry, "activate");
  ferry_test_spin_for (50);

  /* The group goes first, then the sync. */
  WAIT_FOR (!has_variable_group (fixture->sandbox, web_devops, "Production"));
  WAIT_FOR (!ferry_test_has_sync_named (ferry_syncs_page_get_syncs (syncs_page (fixture)), "web-prod-to-contoso-web"));
  WAIT_FOR (g_strcmp0 (ferry_syncs_page_get_state (syncs_page (fixture)), "empty") == 0);
  /* Other groups in the project stay. */
  g_assert_true (has_variable_group (fixture->sandbox, web_devops, "Shared Build Settings"));
  shot (fixture, "syncs-empty");

  /* The empty page's primary action opens the assistant for a new sync. */
  gtk_widget_activate_action (page, "syncs.create", NULL);
  WAIT_FOR (ferry_test_find_toplevel (FERRY_TYPE_SYNC_ASSISTANT) != NULL);
  g_assert_cmpstr (gtk_window_get_title (ferry_test_find_toplevel (FERRY_TYPE_SYNC_ASSISTANT)), ==, "New Azure DevOps Sync");
  gtk_window_destroy (ferry_test_find_toplevel (FERRY_TYPE_SYNC_ASSISTANT));
  ferry_test_spin_for (50);
  g_object_unref (sync);
}

static FerryConnectionDialog *
open_connection_dialog (Fixture *fixture)
{
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.add-connection", NULL);
  WAIT_FOR (ferry_test_find_toplevel (FERRY_TYPE_CONNECTION_DIALOG) != NULL);
  return ferry_test_find_toplevel (FERRY_TYPE_CONNECTION_DIALOG);
}

static GtkWidget *
dialog_widget (FerryConnectionDialog *dialog,
               const char            *id)
{
  GtkWidget *widget = ferry_test_find_widget (GTK_WIDGET (dialog), id);

  if (widget == NULL)
    g_error ("no widget “%s” in the connection dialog", id);
  return widget;
}

/* Add an access-token connection: slug rules as you type, the server's refusal of a bad
 * PAT shown next to the PAT (input kept), then fixed and saved. */
static void
test_add_connection (Fixture       *fixture,
                     gconstpointer  data)
{
  FerryConnectionDialog *dialog;
  FerryConnection *added = NULL;
  GtkWidget *name_row, *org_row, *pat_row, *error_view, *name_error;

  sign_in (fixture);
  dialog = open_connection_dialog (fixture);
  ferry_test_wait_mapped (GTK_WIDGET (dialog));

  name_row = dialog_widget (dialog, "name_row");
  org_row = dialog_widget (dialog, "org_row");
  pat_row = dialog_widget (dialog, "pat_row");
  error_view = dialog_widget (dialog, "credentials_error_view");
  name_error = dialog_widget (dialog, "name_error_label");

  g_assert_true (gtk_widget_get_visible (pat_row));
  g_assert_false (gtk_widget_get_visible (dialog_widget (dialog, "client_secret_row")));

  /* Slug rules as you type. */
  gtk_editable_set_text (GTK_EDITABLE (name_row), "Contoso_Build");
  g_assert_true (gtk_widget_get_visible (name_error));
  g_assert_true (gtk_widget_has_css_class (name_row, "error"));
  g_assert_false (gtk_widget_is_sensitive (dialog_widget (dialog, "save_button")));

  gtk_editable_set_text (GTK_EDITABLE (name_row), "contoso-build");
  gtk_editable_set_text (GTK_EDITABLE (org_row), "contoso");
  gtk_editable_set_text (GTK_EDITABLE (pat_row), "not-a-valid-pat");
  g_assert_false (gtk_widget_get_visible (name_error));
  g_assert_true (gtk_widget_is_sensitive (dialog_widget (dialog, "save_button")));

  /* The server checks the PAT against Azure DevOps and refuses it. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.save", NULL);
  WAIT_FOR (gtk_widget_get_visible (error_view));
  g_test_message ("inline error: %s", ferry_error_view_get_message (FERRY_ERROR_VIEW (error_view)));
  g_test_message ("details: %s", ferry_error_view_get_details (FERRY_ERROR_VIEW (error_view)));
  g_assert_true (strstr (ferry_error_view_get_message (FERRY_ERROR_VIEW (error_view)), "access token") != NULL);
  g_assert_true (strstr (ferry_error_view_get_details (FERRY_ERROR_VIEW (error_view)), "Failed to validate access token for organization 'contoso'") != NULL);
  g_assert_true (gtk_widget_has_css_class (pat_row, "error"));
  /* Nothing typed is lost, and the PAT is not in the error. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, "contoso-build");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (pat_row)), ==, "not-a-valid-pat");
  g_assert_null (strstr (ferry_error_view_get_details (FERRY_ERROR_VIEW (error_view)), "not-a-valid-pat"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  ferry_test_shot_widget (GTK_WIDGET (dialog), "connection-dialog-error");

  /* Fixed: editing the PAT clears the complaint; saving works. */
  gtk_editable_set_text (GTK_EDITABLE (pat_row), ferry_sandbox_get_devops_pat (fixture->sandbox, "contoso"));
  g_assert_false (gtk_widget_get_visible (error_view));
  g_assert_false (gtk_widget_has_css_class (pat_row, "error"));
  g_signal_connect_swapped (dialog, "connection-saved", G_CALLBACK (g_set_object), &added);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.save", NULL);
  WAIT_FOR (added != NULL);
  WAIT_FOR (ferry_test_find_toplevel (FERRY_TYPE_CONNECTION_DIALOG) == NULL);
  g_assert_cmpstr (ferry_connection_get_name (added), ==, "contoso-build");
  g_assert_cmpint (ferry_connection_get_method (added), ==, FERRY_CONNECTION_METHOD_ACCESS_TOKEN);

  WAIT_FOR (ferry_connections_page_get_row (connections_page (fixture), ferry_resource_get_id (FERRY_RESOURCE (added))) != NULL);
  g_assert_cmpstr (ferry_connection_row_get_health_text (
                     FERRY_CONNECTION_ROW (ferry_connections_page_get_row (connections_page (fixture),
                                                                            ferry_resource_get_id (FERRY_RESOURCE (added))))),
                   ==, "Unused");
  shot (fixture, "connection-added");
  g_clear_object (&added);
}

/* The user JWT expires: the "Sign In Again" bar appears and the view stays. */
static void
test_expired_sign_in_bar (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *jwt = NULL;
  g_autoptr(FerrySession) session = NULL;
  g_autoptr(GError) error = NULL;
  FerrySigninPage *page = FERRY_SIGNIN_PAGE (ferry_window_get_signin_page (fixture->window));
  FerryAccountDialog *dialog;
  Wait wait = { NULL };

  WAIT_FOR (window_in_state (fixture, "signin"));

  /* Ferry treats a user token as expired 30 s early: valid for 32 s, it expires after ~2 s,
   * stretched with the timeout multiplier so a slow (sanitizer) build reaches the list
   * before it does. */
  jwt = ferry_sandbox_issue_user_jwt (fixture->sandbox, 30 + 2 * ferry_test_timeout_multiplier ());
  ferry_session_sign_in_with_jwt_async (ferry_context_get_accounts (fixture->context),
                                        ferry_context_get_token_store (fixture->context),
                                        ferry_sandbox_get_url (fixture->sandbox),
                                        jwt,
                                        ferry_sandbox_get_user_email (fixture->sandbox),
                                        NULL, wait_cb, &wait);
  g_assert_true (ferry_test_spin_until (wait_ready, &wait, WAIT_MS));
  session = ferry_session_sign_in_with_jwt_finish (wait.result, &error);
  g_object_unref (wait.result);
  g_assert_no_error (error);
  g_signal_emit_by_name (page, "signed-in", session);

  WAIT_FOR (window_in_state (fixture, "content"));
  WAIT_FOR (g_strcmp0 (ferry_syncs_page_get_state (syncs_page (fixture)), "list") == 0);
  g_assert_false (ferry_window_get_expired (fixture->window));

  /* The next refresh finds the token expired. */
  ferry_project_model_set_refresh_interval (ferry_syncs_page_get_model (syncs_page (fixture)), 1);
  ferry_test_spin_for (2500);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.refresh", NULL);
  WAIT_FOR (ferry_window_get_expired (fixture->window));

  /* The view is kept under the bar. */
  g_assert_true (window_in_state (fixture, "content"));
  g_assert_true (ferry_test_has_sync_named (ferry_syncs_page_get_syncs (syncs_page (fixture)), "web-prod-to-contoso-web"));
  shot (fixture, "expired");

  /* Sign In Again is a dialog over the view for that account; Cancel closes it. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.sign-in-again", NULL);
  g_assert_nonnull ((dialog = ferry_test_find_toplevel (FERRY_TYPE_ACCOUNT_DIALOG)));
  g_assert_true (window_in_state (fixture, "content"));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "account.cancel", NULL);
  WAIT_FOR (dialog == NULL);
  g_assert_true (window_in_state (fixture, "content"));
}



/* A failing list shows the error page with the server's detail and Try Again. */
static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);
      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Where @label's text (not its allocation) is, horizontally, in @ancestor's coordinates:
 * its centre and its left and right ends. */
static void
text_extent (GtkWidget *label,
             GtkWidget *ancestor,
             float     *centre,
             float     *left,
             float     *right)
{
  PangoRectangle logical;
  graphene_point_t point;
  int x, y;

  gtk_label_get_layout_offsets (GTK_LABEL (label), &x, &y);
  pango_layout_get_pixel_extents (gtk_label_get_layout (GTK_LABEL (label)), NULL, &logical);
  g_assert_true (gtk_widget_compute_point (label, ancestor, &GRAPHENE_POINT_INIT (x + logical.x, 0), &point));
  if (centre != NULL)
    *centre = point.x + logical.width / 2.0f;
  if (left != NULL)
    *left = point.x;
  if (right != NULL)
    *right = point.x + logical.width;
}

static void
test_error_state_try_again (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(JsonObject) fault = json_object_new ();
  g_autoptr(GError) error = NULL;
  GtkWidget *error_view;

  sign_in (fixture);

  json_object_set_string_member (fault, "route", "GET /api/v1/secret-syncs/azure-devops");
  json_object_set_int_member (fault, "status", 500);
  g_assert_true (ferry_sandbox_add_fault (fixture->sandbox, fault, &error));
  g_assert_no_error (error);

  /* Another project: nothing listed yet, so the failure takes the page. */
  select_project_named_state (fixture, "Data Platform", "error");
  error_view = ferry_test_find_widget (ferry_window_get_syncs_page (fixture->window), "error_view");
  g_assert_true (gtk_widget_get_visible (error_view));
  g_test_message ("error page: %s", ferry_error_view_get_message (FERRY_ERROR_VIEW (error_view)));
  g_assert_cmpstr (ferry_error_view_get_message (FERRY_ERROR_VIEW (error_view)), !=, "");
  shot (fixture, "syncs-error");
  /* The sentence is part of the status page's centred column, wrapped like its title, not
   * a left-aligned line that starts at the window's edge. */
  {
    GtkWidget *status_page = ferry_test_find_widget (ferry_window_get_syncs_page (fixture->window), "error_page");
    GtkWidget *title = find_label (status_page, "Could Not Load Syncs");
    GtkWidget *message = find_label (status_page, ferry_error_view_get_message (FERRY_ERROR_VIEW (error_view)));
    float title_centre, message_centre, message_left, message_right;

    g_assert_nonnull (title);
    g_assert_nonnull (message);
    g_assert_true (gtk_label_get_wrap (GTK_LABEL (message)));
    text_extent (title, status_page, &title_centre, NULL, NULL);
    text_extent (message, status_page, &message_centre, &message_left, &message_right);
    g_test_message ("title centre %g, message %g (%g–%g) in %d px", title_centre, message_centre,
                    message_left, message_right, gtk_widget_get_width (status_page));
    g_assert_cmpfloat (ABS (message_centre - title_centre), <=, 2);
    g_assert_cmpfloat (message_left, >=, 48);
    g_assert_cmpfloat (message_right, <=, gtk_widget_get_width (status_page) - 48);
  }

  ferry_sandbox_clear_faults (fixture->sandbox);
  gtk_widget_activate_action (ferry_window_get_syncs_page (fixture->window), "syncs.reload", NULL);
  WAIT_FOR (g_strcmp0 (ferry_syncs_page_get_state (syncs_page (fixture)), "empty") == 0);
  shot (fixture, "syncs-empty-project");
}

/* Deleting a connection that syncs use lists them instead of asking the server. */
static void
test_delete_connection (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *conn_id = seed_uuid ("connection:contoso-pat");
  AdwMessageDialog *dialog;
  GtkWidget *page;

  sign_in (fixture);
  page = ferry_window_get_connections_page (fixture->window);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-view", "s", "connections");
  WAIT_FOR (ferry_connections_page_get_row (connections_page (fixture), conn_id) != NULL);

  gtk_widget_activate_action (page, "connections.delete", "s", conn_id);
  g_assert_true (ferry_test_spin_until (message_dialog_open, NULL, WAIT_MS));
  dialog = ferry_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_test_message ("in use: %s", adw_message_dialog_get_body (dialog));
  g_assert_true (strstr (adw_message_dialog_get_body (dialog), "web-prod-to-contoso-web") != NULL);
  g_assert_true (adw_message_dialog_has_response (dialog, "close"));
  g_assert_false (adw_message_dialog_has_response (dialog, "delete"));
  ferry_test_shot_widget (GTK_WIDGET (dialog), "connection-in-use");
  adw_message_dialog_response (dialog, "close");
  gtk_window_destroy (GTK_WINDOW (dialog));
  ferry_test_spin_for (100);
  g_assert_nonnull (ferry_connections_page_get_row (connections_page (fixture), conn_id));
}

static gboolean
account_restored (gpointer data)
{
  Fixture *fixture = data;

  return g_strcmp0 (ferry_window_get_state (fixture->window), "content") == 0 &&
         ferry_window_get_project (fixture->window) != NULL;
}

/* The next start restores the account from the keyring, the project and the view; Sign
 * Out asks, forgets the account and returns to the sign-in page. */
static void
test_restore_and_sign_out (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);
  AdwMessageDialog *dialog;
  FerryAccountStore *accounts = ferry_context_get_accounts (fixture->context);

  sign_in (fixture);
  select_project_named (fixture, "Payments API");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-view", "s", "connections");

  /* "Quit" and start again: a new window, no session, the stored account only. */
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  ferry_test_spin_for (50);
  ferry_context_set_session (fixture->context, NULL);
  fixture->window = ferry_window_new (fixture->app, fixture->context);
  ferry_window_fixture_track_window (GTK_WIDGET (fixture->window));
  gtk_window_present (GTK_WINDOW (fixture->window));
  ferry_test_wait_mapped (GTK_WIDGET (fixture->window));
  ferry_window_start (fixture->window);
  g_assert_cmpstr (ferry_window_get_state (fixture->window), ==, "loading");

  g_assert_true (ferry_test_spin_until (account_restored, fixture, WAIT_MS));
  g_assert_cmpstr (ferry_project_get_name (ferry_window_get_project (fixture->window)), ==, "Payments API");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (ferry_test_find_widget (GTK_WIDGET (fixture->window), "view_stack"))),
                   ==, "connections");
  shot (fixture, "restored");

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.sign-out", NULL);
  g_assert_true (ferry_test_spin_until (message_dialog_open, NULL, WAIT_MS));
  dialog = ferry_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  adw_message_dialog_response (dialog, "sign-out");
  gtk_window_destroy (GTK_WINDOW (dialog));
  WAIT_FOR (window_in_state (fixture, "signin"));
  g_assert_null (ferry_context_get_session (fixture->context));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (accounts)), ==, 0);
  {
    g_autofree char *def = g_settings_get_string (settings, "default-account");
    g_assert_cmpstr (def, ==, "");
  }
}


/* ---- A browser that opens nothing (the person will paste the token) ---- */

#define TEST_TYPE_NULL_OPENER (test_null_opener_get_type ())
G_DECLARE_FINAL_TYPE (TestNullOpener, test_null_opener, TEST, NULL_OPENER, GObject)

struct _TestNullOpener
{
  GObject    parent_instance;
  GPtrArray *uris;
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

  g_ptr_array_add (TEST_NULL_OPENER (opener)->uris, g_strdup (uri));
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
test_null_opener_finalize (GObject *object)
{
  g_ptr_array_unref (TEST_NULL_OPENER (object)->uris);
  G_OBJECT_CLASS (test_null_opener_parent_class)->finalize (object);
}

static void
test_null_opener_class_init (TestNullOpenerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_null_opener_finalize;
}

static void
test_null_opener_init (TestNullOpener *self)
{
  self->uris = g_ptr_array_new_with_free_func (g_free);
}

/* Sign In with Browser when the browser cannot reach Ferry: after a few seconds the
 * paste field appears; a wrong token is refused inline, the browser token signs in. */
static void
test_paste_token_sign_in (Fixture       *fixture,
                          gconstpointer  data)
{
  FerrySigninPage *page = FERRY_SIGNIN_PAGE (ferry_window_get_signin_page (fixture->window));
  g_autoptr(TestNullOpener) opener = g_object_new (TEST_TYPE_NULL_OPENER, NULL);
  g_autofree char *jwt = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *token = NULL;
  GtkWidget *paste_revealer, *paste_row, *error_view;
  FerryAccount *account;

  WAIT_FOR (window_in_state (fixture, "signin"));
  ferry_signin_page_set_uri_opener (page, FERRY_URI_OPENER (opener));
  adw_combo_row_set_selected (ADW_COMBO_ROW (ferry_test_find_widget (GTK_WIDGET (page), "server_row")), 2);
  gtk_editable_set_text (GTK_EDITABLE (ferry_test_find_widget (GTK_WIDGET (page), "url_row")), ferry_sandbox_get_url (fixture->sandbox));

  gtk_widget_activate_action (GTK_WIDGET (page), "signin.browser", NULL);
  WAIT_FOR (opener->uris->len == 1);
  g_assert_nonnull (strstr (g_ptr_array_index (opener->uris, 0), "/login?callback_port="));

  paste_revealer = ferry_test_find_widget (GTK_WIDGET (page), "paste_revealer");
  paste_row = ferry_test_find_widget (GTK_WIDGET (page), "paste_row");
  error_view = ferry_test_find_widget (GTK_WIDGET (page), "error_view");
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (paste_revealer)));
  WAIT_FOR (gtk_revealer_get_reveal_child (GTK_REVEALER (paste_revealer)));
  shot (fixture, "signin-paste");

  /* Not a browser token: refused on the page, still waiting for the browser. */
  gtk_editable_set_text (GTK_EDITABLE (paste_row), "this is not a token");
  gtk_widget_activate_action (GTK_WIDGET (page), "signin.paste", NULL);
  WAIT_FOR (gtk_widget_get_visible (error_view));
  g_test_message ("paste refused: %s", ferry_error_view_get_message (FERRY_ERROR_VIEW (error_view)));
  g_assert_true (window_in_state (fixture, "signin"));
  g_assert_true (ferry_signin_page_get_busy (page));

  /* The base64 browser token of the web page's "Unable to reach CLI" screen. */
  jwt = ferry_sandbox_issue_user_jwt (fixture->sandbox, 3600);
  payload = g_strdup_printf ("{\"JTWToken\":\"%s\",\"email\":\"%s\",\"privateKey\":\"\"}",
                             jwt, ferry_sandbox_get_user_email (fixture->sandbox));
  token = g_base64_encode ((const guchar *) payload, strlen (payload));
  gtk_editable_set_text (GTK_EDITABLE (paste_row), token);
  gtk_widget_activate_action (GTK_WIDGET (page), "signin.paste", NULL);

  WAIT_FOR (window_in_state (fixture, "content"));
  account = ferry_session_get_account (ferry_context_get_session (fixture->context));
  g_assert_cmpint (ferry_account_get_kind (account), ==, FERRY_ACCOUNT_KIND_USER);
  g_assert_cmpstr (ferry_account_get_email (account), ==, ferry_sandbox_get_user_email (fixture->sandbox));
  /* Nothing of the token stays in the form. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (paste_row)), ==, "");
}


/* Narrow window: the list and the details fold into one column with a way back. */
static void
test_narrow_window (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *sync_id = seed_uuid ("sync:web-prod");
  AdwLeaflet *leaflet;

  sign_in (fixture);
  leaflet = ADW_LEAFLET (ferry_test_find_widget (ferry_window_get_syncs_page (fixture->window), "leaflet"));
  g_assert_nonnull (leaflet);
  g_assert_false (adw_leaflet_get_folded (leaflet));

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 400, 720);
  WAIT_FOR (adw_leaflet_get_folded (leaflet));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "list");
  shot (fixture, "syncs-narrow");

  g_assert_true (ferry_syncs_page_select_sync (syncs_page (fixture), sync_id));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "details");
  shot (fixture, "syncs-narrow-details");

  /* Alt+Left (syncs.show-list) and the back button go back to the list. */
  gtk_widget_activate_action (ferry_window_get_syncs_page (fixture->window), "syncs.show-list", NULL);
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "list");
}

/* A sandbox state with @n extra syncs in the first project, written to @path. */
static void
write_bulk_state (const char *path,
                  guint       n)
{
  g_autoptr(FerrySandbox) seed = ferry_sandbox_new (FERRY_SANDBOX_SEED_DEMO);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *state;
  JsonArray *syncs;
  JsonObject *template;
  JsonNode *template_node;

  /* A new state file is written with the seeded state at once. */
  g_assert_true (ferry_sandbox_set_state_file (seed, path, &error));
  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);

  state = json_node_get_object (json_parser_get_root (parser));
  syncs = json_object_get_array_member (state, "syncs");
  template_node = json_node_copy (json_array_get_element (syncs, 0));
  template = json_node_get_object (template_node);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *sync = json_object_new ();
      JsonNode *node = json_node_init_object (json_node_alloc (), sync);
      JsonObjectIter iter;
      const char *member;
      JsonNode *value;

      /* json_node_copy () shares the object: copy the top-level members one by one. */
      json_object_iter_init (&iter, template);
      while (json_object_iter_next (&iter, &member, &value))
        json_object_set_member (sync, member, json_node_copy (value));
      g_autofree char *name = g_strdup_printf ("bulk-%05u-%s", i, i % 3 == 0 ? "web" : i % 3 == 1 ? "api" : "jobs");
      g_autofree char *id = g_uuid_string_random ();

      json_object_set_string_member (sync, "id", id);
      json_object_set_string_member (sync, "name", name);
      if (i % 10 == 0)
        {
          json_object_set_string_member (sync, "syncStatus", "failed");
          json_object_set_string_member (sync, "lastSyncMessage", "Request failed with status code 401");
        }
      json_array_add_element (syncs, node);
      json_object_unref (sync);
    }
  json_node_unref (template_node);

  json_generator_set_root (generator, json_parser_get_root (parser));
  g_assert_true (json_generator_to_file (generator, path, &error));
  g_assert_no_error (error);
}

/* 10,000 syncs load, sort failed first, filter and scroll. Prints timings, asserts none. */
static void
test_ten_thousand_syncs (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *path = g_build_filename (ferry_test_get_home (), "bulk-state.json", NULL);
  g_autoptr(GError) error = NULL;
  GListModel *visible;
  GtkWidget *list_view;
  GtkAdjustment *adjustment;
  gint64 start, t;
  guint frames = 0;

  write_bulk_state (path, 10000);

  /* Replace the fixture's sandbox with one that serves the bulk state. */
  ferry_sandbox_stop (fixture->sandbox);
  g_clear_object (&fixture->sandbox);
  fixture->sandbox = ferry_sandbox_new (FERRY_SANDBOX_SEED_DEMO);
  g_assert_true (ferry_sandbox_set_state_file (fixture->sandbox, path, &error));
  g_assert_no_error (error);
  g_assert_true (ferry_sandbox_start (fixture->sandbox, 0, &error));
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  sign_in (fixture);
  visible = ferry_syncs_page_get_visible_syncs (syncs_page (fixture));
  /* What is asserted is the list, not its speed (that is tests/bench): a 12 MB answer
   * parsed and built under the sanitizers takes minutes, so this wait is longer. */
  FERRY_TEST_WAIT_FOR (g_list_model_get_n_items (visible) == 10001, "10,001 syncs listed",
                       4 * WAIT_MS, save_failure_screenshot ());
  t = g_get_monotonic_time ();
  g_test_message ("sign-in to 10,001 syncs listed: %" G_GINT64_FORMAT " ms", (t - start) / 1000);

  /* Failed first (1,000 failed of them). */
  {
    g_autoptr(FerrySync) first = g_list_model_get_item (visible, 0);
    g_autoptr(FerrySync) last = g_list_model_get_item (visible, 10000);

    g_assert_cmpint (ferry_sync_get_sync_status (first), ==, FERRY_SYNC_STATUS_FAILED);
    g_assert_cmpint (ferry_sync_get_sync_status (last), ==, FERRY_SYNC_STATUS_SUCCEEDED);
  }
  {
    g_autoptr(FerrySync) last_failed = g_list_model_get_item (visible, 999);
    g_autoptr(FerrySync) first_ok = g_list_model_get_item (visible, 1000);

    g_assert_cmpint (ferry_sync_get_sync_status (last_failed), ==, FERRY_SYNC_STATUS_FAILED);
    g_assert_cmpint (ferry_sync_get_sync_status (first_ok), ==, FERRY_SYNC_STATUS_SUCCEEDED);
  }

  /* Scroll from top to bottom in steps, drawing each frame. */
  list_view = ferry_test_find_widget (ferry_window_get_syncs_page (fixture->window), "list_view");
  g_assert_nonnull (list_view);
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list_view));
  WAIT_FOR (gtk_adjustment_get_upper (adjustment) > 10000);
  g_test_message ("list height: %.0f px", gtk_adjustment_get_upper (adjustment));
  start = g_get_monotonic_time ();
  for (double v = 0; v < gtk_adjustment_get_upper (adjustment); v += gtk_adjustment_get_upper (adjustment) / 50)
    {
      gtk_adjustment_set_value (adjustment, v);
      ferry_test_spin_for (10);
      frames++;
    }
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  ferry_test_spin_for (100);
  t = g_get_monotonic_time ();
  g_test_message ("scrolled through %u positions: %" G_GINT64_FORMAT " ms (%u ms of it spinning)",
                  frames, (t - start) / 1000, frames * 10 + 100);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 0);
  shot (fixture, "syncs-10000");

  /* Search across all of them. */
  start = g_get_monotonic_time ();
  ferry_syncs_page_focus_search (syncs_page (fixture));
  gtk_editable_set_text (GTK_EDITABLE (ferry_test_find_widget (ferry_window_get_syncs_page (fixture->window), "search_entry")), "bulk-0999");
  WAIT_FOR (g_list_model_get_n_items (visible) == 10);
  t = g_get_monotonic_time ();
  g_test_message ("search over 10,001 syncs: %" G_GINT64_FORMAT " ms (including the entry's search delay)", (t - start) / 1000);

  /* A refresh merges 10,001 fresh objects into the list in place. */
  gtk_editable_set_text (GTK_EDITABLE (ferry_test_find_widget (ferry_window_get_syncs_page (fixture->window), "search_entry")), "");
  WAIT_FOR (g_list_model_get_n_items (visible) == 10001);
  {
    FerryProjectModel *model = ferry_syncs_page_get_model (syncs_page (fixture));
    g_autoptr(GError) refresh_error = NULL;
    Wait wait = { NULL };

    start = g_get_monotonic_time ();
    ferry_project_model_refresh_async (model, NULL, wait_cb, &wait);
    g_assert_true (ferry_test_spin_until (wait_ready, &wait, WAIT_MS));
    t = g_get_monotonic_time ();
    g_assert_true (ferry_project_model_refresh_finish (model, wait.result, &refresh_error));
    g_assert_no_error (refresh_error);
    g_object_unref (wait.result);
    g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 10001);
  }
  g_test_message ("refresh (request, parse, merge in place, re-sort): %" G_GINT64_FORMAT " ms", (t - start) / 1000);
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

  /* Sync failures while the window is unfocused are notified: record them. */
  g_setenv ("GNOTIFICATION_BACKEND", "gtk", TRUE);
  notifications = ferry_test_start_notification_server (NULL);
  if (notifications == NULL)
    notifications = g_ptr_array_new ();   /* no bus: the waits for notifications fail */

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/main-window/sign-in-lists-data", test_sign_in_lists_data);
  ADD ("/main-window/sync-now-progress", test_sync_now_progress);
  ADD ("/main-window/after-create", test_after_create);
  ADD ("/main-window/failing-sync-explained", test_failing_sync_explained);
  ADD ("/main-window/remove-secrets-and-delete", test_remove_secrets_and_delete);
  ADD ("/main-window/add-connection", test_add_connection);
  ADD ("/main-window/expired-sign-in-bar", test_expired_sign_in_bar);
  ADD ("/main-window/error-state-try-again", test_error_state_try_again);
  ADD ("/main-window/delete-connection-in-use", test_delete_connection);
  ADD ("/main-window/restore-and-sign-out", test_restore_and_sign_out);
  ADD ("/main-window/paste-token-sign-in", test_paste_token_sign_in);
  ADD ("/main-window/narrow-window", test_narrow_window);
  ADD ("/main-window/ten-thousand-syncs", test_ten_thousand_syncs);
#undef ADD

  return g_test_run ();
}
