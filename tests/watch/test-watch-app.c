/* test-watch-app.c: background mode of the built app, over D-Bus as the desktop runs it.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A private session bus (GTestDBus) with a service directory whose service file starts the
 * built _build/src/ferry --gapplication-service, so the app is D-Bus activated like an
 * installed one. On that bus the test plays the notification server
 * (ferry_test_start_notification_server ()) and, last, the Background portal; a gnome-keyring of its own serves the Secret Service there, as
 * tests/keyring-session.sh does on the outer bus. The app and the test share a keyfile
 * GSettings backend, that keyring and the in-process sandbox on 127.0.0.1.
 *
 * With no window open: the seeded failing sync and one the sandbox flips to failed reach the
 * notification server with Open (default action) and Sync Now, once each; Sync Now from the
 * notification starts a job; Quit ends the process; activating Open on a stopped Ferry
 * D-Bus-activates it and shows the window on that sync; the autostart entry follows the
 * switch; and inside "Flatpak" the portal gets RequestBackground with the right options.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libsecret/secret.h>

#include "ferry-account-store.h"
#include "ferry-api-client.h"
#include "ferry-sandbox.h"
#include "ferry-session.h"
#include "ferry-test-utils.h"
#include "ferry-token-store.h"
#include "ferry-watch-service.h"

#define APP_PATH "/io/github/ferryapp/Ferry"
#define WAIT(cond, ms) FERRY_TEST_WAIT_FOR ((cond), #cond, (ms), (void) 0)

static const char portal_xml[] =
  "<node><interface name='org.freedesktop.portal.Background'>"
  "<method name='RequestBackground'><arg type='s' direction='in'/><arg type='a{sv}' direction='in'/>"
  "<arg type='o' direction='out'/></method>"
  "<property name='version' type='u' access='read'/>"
  "</interface></node>";

typedef struct
{
  GTestDBus       *bus;
  GDBusConnection *connection;
  FerrySandbox    *sandbox;
  GSettings       *settings;
  FerryAccountStore *accounts;
  FerryTokenStore *tokens;
  FerrySession    *session;
  GPtrArray       *notifications;   /* GVariant (ssa{sv}) of AddNotification */
  GPtrArray       *portal_calls;    /* GVariant (sa{sv}) of RequestBackground */
  char            *service_dir;
} Fixture;

static Fixture fx;

/* ---- Fake servers ---- */

static void
portal_call (GDBusConnection       *connection,
             const char            *sender,
             const char            *object_path,
             const char            *interface_name,
             const char            *method_name,
             GVariant              *parameters,
             GDBusMethodInvocation *invocation,
             gpointer               user_data)
{
  g_autoptr(GVariant) options = g_variant_get_child_value (parameters, 1);
  g_autofree char *unique = g_strdup (sender + 1);
  g_autofree char *path = NULL;
  const char *token = "t";
  GVariantBuilder results;

  g_ptr_array_add (fx.portal_calls, g_variant_ref (parameters));
  g_variant_lookup (options, "handle_token", "&s", &token);
  g_strdelimit (unique, ".", '_');
  path = g_strdup_printf ("/org/freedesktop/portal/desktop/request/%s/%s", unique, token);
  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(o)", path));

  /* What xdg-desktop-portal answers when the user allows it. */
  g_variant_builder_init (&results, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&results, "{sv}", "background", g_variant_new_boolean (TRUE));
  g_variant_builder_add (&results, "{sv}", "autostart", g_variant_new_boolean (TRUE));
  g_dbus_connection_emit_signal (connection, sender, path, "org.freedesktop.portal.Request", "Response",
                                 g_variant_new ("(ua{sv})", 0, &results), NULL);
}

static GVariant *
portal_get_property (GDBusConnection *connection,
                     const char      *sender,
                     const char      *object_path,
                     const char      *interface_name,
                     const char      *property_name,
                     GError         **error,
                     gpointer         user_data)
{
  return g_variant_new_uint32 (1);
}

static void
export_fake (const char                       *xml,
             const char                       *name,
             const char                       *path,
             const GDBusInterfaceVTable       *vtable)
{
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (xml, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;

  g_assert_nonnull (info);
  g_assert_cmpuint (g_dbus_connection_register_object (fx.connection, path, info->interfaces[0], vtable,
                                                       NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
  reply = g_dbus_connection_call_sync (fx.connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName", g_variant_new ("(su)", name, 4),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
}

/* ---- The app over D-Bus ---- */

static gboolean
app_running (void)
{
  g_autoptr(GVariant) reply = g_dbus_connection_call_sync (fx.connection, "org.freedesktop.DBus",
                                                           "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                                           "NameHasOwner", g_variant_new ("(s)", APP_ID),
                                                           G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE,
                                                           -1, NULL, NULL);
  gboolean has = FALSE;

  if (reply != NULL)
    g_variant_get (reply, "(b)", &has);
  return has;
}

static void
call_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);

  g_assert_no_error (error);
  g_assert_nonnull (reply);
  *(gboolean *) user_data = TRUE;
}

/* org.freedesktop.Application.ActivateAction, which D-Bus-activates a stopped app. Async:
 * the sandbox answers the app on this thread's main context. */
static void
activate_action (const char *name,
                 GVariant   *target)
{
  GVariantBuilder params;
  gboolean done = FALSE;

  g_variant_builder_init (&params, G_VARIANT_TYPE ("av"));
  if (target != NULL)
    g_variant_builder_add (&params, "v", target);
  g_dbus_connection_call (fx.connection, APP_ID, APP_PATH, "org.freedesktop.Application", "ActivateAction",
                          g_variant_new ("(sava{sv})", name, &params, NULL), NULL,
                          G_DBUS_CALL_FLAGS_NONE, 60000, NULL, call_done_cb, &done);
  WAIT (done, 60000);
}

static void
start_app (void)
{
  gboolean done = FALSE;

  g_dbus_connection_call (fx.connection, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                          "StartServiceByName", g_variant_new ("(su)", APP_ID, 0), G_VARIANT_TYPE ("(u)"),
                          G_DBUS_CALL_FLAGS_NONE, 60000, NULL, call_done_cb, &done);
  WAIT (done, 60000);
  g_assert_true (app_running ());
}

static void
quit_app (void)
{
  activate_action ("quit", NULL);
  /* Quit really quits, although background mode holds the application. */
  WAIT (!app_running (), 20000);
}

/* The state of app.shown-sync over org.gtk.Actions (GApplication exports its actions). */
static char *
shown_sync (void)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) state = NULL;
  g_autoptr(GVariant) inner = NULL;
  gboolean enabled;
  const char *sig;

  reply = g_dbus_connection_call_sync (fx.connection, APP_ID, APP_PATH, "org.gtk.Actions", "Describe",
                                       g_variant_new ("(s)", "shown-sync"), G_VARIANT_TYPE ("((bgav))"),
                                       G_DBUS_CALL_FLAGS_NO_AUTO_START, 5000, NULL, NULL);
  if (reply == NULL)
    return NULL;
  g_variant_get (reply, "((b&g@av))", &enabled, &sig, &state);
  if (g_variant_n_children (state) == 0)
    return NULL;
  g_variant_get_child (state, 0, "v", &inner);
  if (*g_variant_get_string (inner, NULL) == '\0')
    return NULL;
  return g_variant_dup_string (inner, NULL);
}

/* ---- Notifications seen ---- */

static GVariant *
find_notification (const char *title,
                   guint      *count)
{
  GVariant *found = NULL;

  *count = 0;
  for (guint i = 0; i < fx.notifications->len; i++)
    {
      if (g_strcmp0 (ferry_test_notification_title (g_ptr_array_index (fx.notifications, i)), title) == 0)
        {
          (*count)++;
          found = g_ptr_array_index (fx.notifications, i);
        }
    }

  return found;
}

static guint
count_notifications (const char *title)
{
  guint count;

  find_notification (title, &count);
  return count;
}

static guint
count_requests (const char *method,
                const char *path)
{
  return ferry_sandbox_count_requests (fx.sandbox, method, path);
}

/* Checks a failed-sync notification: title, body, Open as default action and Sync Now. */
static void
assert_failed_notification (GVariant   *notification,
                            const char *name,
                            const char *project_name,
                            const char *project_id,
                            const char *sync_id)
{
  g_autoptr(GVariant) dict = g_variant_get_child_value (notification, 2);
  g_autoptr(GVariant) target = NULL;
  g_autoptr(GVariant) buttons = NULL;
  g_autoptr(GVariant) button = NULL;
  g_autoptr(GVariant) button_target = NULL;
  const char *app_id, *id, *body, *action, *label, *button_action;
  const char *t_account, *t_project, *t_sync;

  g_variant_get (notification, "(&s&s@a{sv})", &app_id, &id, NULL);
  g_assert_cmpstr (app_id, ==, APP_ID);
  g_assert_true (g_str_has_prefix (id, "watch-failed-"));
  g_assert_true (g_variant_lookup (dict, "body", "&s", &body));
  g_assert_true (g_str_has_prefix (body, project_name));
  /* The plain reason, not the server's JSON, and nothing secret. */
  g_assert_null (strstr (body, "{"));
  g_assert_null (strstr (body, ferry_sandbox_get_identity_client_secret (fx.sandbox)));
  g_assert_true (g_variant_lookup (dict, "default-action", "&s", &action));
  g_assert_cmpstr (action, ==, "app.open-watched-sync");
  target = g_variant_lookup_value (dict, "default-action-target", G_VARIANT_TYPE ("(sss)"));
  g_assert_nonnull (target);
  g_variant_get (target, "(&s&s&s)", &t_account, &t_project, &t_sync);
  g_assert_cmpstr (t_account, ==, ferry_account_get_id (ferry_session_get_account (fx.session)));
  g_assert_cmpstr (t_project, ==, project_id);
  g_assert_cmpstr (t_sync, ==, sync_id);

  buttons = g_variant_lookup_value (dict, "buttons", G_VARIANT_TYPE ("aa{sv}"));
  g_assert_nonnull (buttons);
  g_assert_cmpuint (g_variant_n_children (buttons), ==, 1);
  button = g_variant_get_child_value (buttons, 0);
  g_assert_true (g_variant_lookup (button, "label", "&s", &label));
  g_assert_cmpstr (label, ==, "Sync Now");
  g_assert_true (g_variant_lookup (button, "action", "&s", &button_action));
  g_assert_cmpstr (button_action, ==, "app.sync-now");
  button_target = g_variant_lookup_value (button, "target", G_VARIANT_TYPE ("(sss)"));
  g_assert_true (g_variant_equal (button_target, target));
  (void) name;
}

/* ---- Setup ---- */

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
sign_in (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  ferry_session_sign_in_machine_identity_async (fx.accounts, fx.tokens, ferry_sandbox_get_url (fx.sandbox),
                                                ferry_sandbox_get_identity_client_id (fx.sandbox),
                                                ferry_sandbox_get_identity_client_secret (fx.sandbox),
                                                NULL, result_cb, &result);
  WAIT (result != NULL, 30000);
  fx.session = ferry_session_sign_in_machine_identity_finish (result, &error);
  g_assert_no_error (error);
}

static const char *
sync_id_named (const char *project_id,
               const char *name)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) syncs = NULL;
  FerryApiClient *client = ferry_session_get_client (fx.session);
  static char id[64];

  ferry_api_client_list_syncs_async (client, project_id, NULL, NULL, result_cb, &result);
  WAIT (result != NULL, 30000);
  syncs = ferry_api_client_list_syncs_finish (client, result, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (syncs)); i++)
    {
      g_autoptr(FerrySync) sync = g_list_model_get_item (G_LIST_MODEL (syncs), i);

      if (g_strcmp0 (ferry_sync_get_name (sync), name) == 0)
        {
          g_strlcpy (id, ferry_resource_get_id (FERRY_RESOURCE (sync)), sizeof id);
          return id;
        }
    }

  g_assert_not_reached ();
}

static void
write_service_file (void)
{
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *exe = g_build_filename (g_getenv ("FERRY_BUILD_ROOT"), "src", "ferry", NULL);
  g_autoptr(GError) error = NULL;

  fx.service_dir = g_build_filename (ferry_test_get_home (), "dbus-services", NULL);
  g_mkdir_with_parents (fx.service_dir, 0700);
  path = g_build_filename (fx.service_dir, APP_ID ".service", NULL);
  /* The installed service file (data/io.github.ferryapp.Ferry.service.in), on the built binary. */
  contents = g_strdup_printf ("[D-BUS Service]\nName=%s\nExec=%s --gapplication-service\n", APP_ID, exe);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

/* An unlocked gnome-keyring on the private bus (the password must be non-empty, see
 * tests/keyring-session.sh); it ends with the bus. */
static void
start_keyring (void)
{
  g_autoptr(GSubprocess) keyring = NULL;
  g_autoptr(GError) error = NULL;

  keyring = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                              "gnome-keyring-daemon", "--unlock", "--components=secrets", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (keyring, "ferry-test", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (keyring));
}

/* ---- More of the app's notifications ---- */

static guint
count_ids_since (guint       since,
                 const char *prefix)
{
  guint n = 0;

  for (guint i = since; i < fx.notifications->len; i++)
    {
      const char *id = NULL;

      g_variant_get_child (g_ptr_array_index (fx.notifications, i), 1, "&s", &id);
      if (g_str_has_prefix (id, prefix))
        n++;
    }

  return n;
}

static gboolean
file_contains (const char *path,
               const char *text)
{
  g_autofree char *contents = NULL;

  return g_file_get_contents (path, &contents, NULL, NULL) && strstr (contents, text) != NULL;
}

static void
add_fault (const char *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (node);
  g_assert_true (ferry_sandbox_add_fault (fx.sandbox, json_node_get_object (node), &error));
  g_assert_no_error (error);
}

static void
trigger (const char *sync_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FerrySync) triggered = NULL;

  ferry_api_client_trigger_sync_async (ferry_session_get_client (fx.session), sync_id, NULL, result_cb, &result);
  WAIT (result != NULL, 30000);
  triggered = ferry_api_client_trigger_sync_finish (ferry_session_get_client (fx.session), result, &error);
  g_assert_no_error (error);
}

/* The contoso connection gets a fresh PAT (returned): web-prod can succeed again. */
static const char *
reconnect_contoso (const char *connection_id)
{
  const char *pat = ferry_sandbox_add_devops_pat (fx.sandbox, "contoso");
  g_autofree char *path = g_strdup_printf ("/api/v1/app-connections/azure-devops/%s", connection_id);
  g_autofree char *body = g_strdup_printf ("{\"credentials\": {\"accessToken\": \"%s\", \"orgName\": \"contoso\"}}", pat);

  g_assert_cmpuint (ferry_sandbox_send_as_user (fx.sandbox, "PATCH", path, body), ==, 200);
  return pat;
}

static gboolean
told_as_failed (const char *sync_id)
{
  g_autoptr(GVariant) told = g_settings_get_value (fx.settings, "watch-failures");

  return g_variant_lookup (told, sync_id, "&s", NULL);
}

static FerrySync *
fetch_sync (const char *project_id,
            const char *sync_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) syncs = NULL;
  FerryApiClient *client = ferry_session_get_client (fx.session);

  ferry_api_client_list_syncs_async (client, project_id, NULL, NULL, result_cb, &result);
  WAIT (result != NULL, 30000);
  syncs = ferry_api_client_list_syncs_finish (client, result, &error);
  g_assert_no_error (error);
  return g_object_ref (ferry_resource_find_by_id (G_LIST_MODEL (syncs), sync_id));
}

/* Both syncs failing and nothing told yet (a first start, or a cleared record): the first
 * round finds both at once, and they come as one notification with the count. */
static void
test_grouped (void)
{
  guint since = fx.notifications->len;
  GVariant *group;
  g_autoptr(GVariant) dict = NULL;
  const char *body = NULL, *action = NULL, *id = NULL;
  guint count;

  g_settings_reset (fx.settings, "watch-failures");
  g_settings_set_boolean (fx.settings, "background-watch", TRUE);
  g_settings_sync ();
  start_app ();
  WAIT (count_notifications ("2 Syncs Failed") == 1, 30000);
  group = find_notification ("2 Syncs Failed", &count);
  g_variant_get_child (group, 1, "&s", &id);
  g_assert_cmpstr (id, ==, "watch-failed-group");
  dict = g_variant_get_child_value (group, 2);
  g_assert_true (g_variant_lookup (dict, "body", "&s", &body));
  g_assert_nonnull (strstr (body, "payments-staging-to-legacy"));
  g_assert_nonnull (strstr (body, "web-prod-to-contoso-web"));
  g_assert_true (g_variant_lookup (dict, "default-action", "&s", &action));
  g_assert_cmpstr (action, ==, "app.show-overview");

  /* Several more polls of the same two failures: nothing more, neither grouped nor one by one. */
  ferry_test_spin_for (5000);
  g_assert_cmpuint (fx.notifications->len - since, ==, 1);
  quit_app ();
}

/* web-prod succeeds again: "back to normal" when the setting is on, nothing when it is off
 * (though the watcher saw the recovery: the failure is no longer on record). */
static void
test_recovery (void)
{
  const char *web_project = ferry_sandbox_get_project_id (fx.sandbox, 0);
  g_autofree char *web_id = g_strdup (sync_id_named (web_project, "web-prod-to-contoso-web"));
  g_autoptr(FerrySync) web = fetch_sync (web_project, web_id);
  g_autofree char *connection_id = g_strdup (ferry_sync_get_connection_id (web));
  guint since = fx.notifications->len;
  const char *pat;

  g_assert_cmpint (ferry_sync_get_sync_status (web), ==, FERRY_SYNC_STATUS_FAILED);
  g_assert_true (told_as_failed (web_id));
  g_assert_true (g_settings_get_boolean (fx.settings, "watch-notify-recovery"));
  start_app ();

  pat = reconnect_contoso (connection_id);
  trigger (web_id);
  WAIT (count_ids_since (since, "watch-recovered-") == 1, 30000);
  {
    GVariant *n = g_ptr_array_index (fx.notifications, fx.notifications->len - 1);
    g_autoptr(GVariant) dict = g_variant_get_child_value (n, 2);
    const char *title = NULL, *body = NULL;

    g_assert_true (g_variant_lookup (dict, "title", "&s", &title));
    g_assert_cmpstr (title, ==, "web-prod-to-contoso-web");
    g_assert_true (g_variant_lookup (dict, "body", "&s", &body));
    g_assert_cmpstr (body, ==, "Web Storefront: back to normal, the last sync succeeded.");
  }
  WAIT (!told_as_failed (web_id), 10000);

  /* The setting off: a new failure is told, its recovery is not. */
  g_settings_set_boolean (fx.settings, "watch-notify-recovery", FALSE);
  g_settings_sync ();
  ferry_test_spin_for (1000);   /* the app's keyfile backend reads the change */
  ferry_sandbox_revoke_devops_pat (fx.sandbox, pat);
  trigger (web_id);
  WAIT (count_ids_since (since, "watch-failed-") == 1, 30000);
  WAIT (told_as_failed (web_id), 10000);
  pat = reconnect_contoso (connection_id);
  trigger (web_id);
  WAIT (!told_as_failed (web_id), 30000);
  ferry_test_spin_for (1000);
  g_assert_cmpuint (count_ids_since (since, "watch-recovered-"), ==, 1);
  quit_app ();
  g_settings_reset (fx.settings, "watch-notify-recovery");
  g_settings_sync ();
}

/* The session ends (the server refuses the token and the client secret): one "Sign in
 * again to keep watching", naming the identity by its server, however many polls pass. */
static void
test_expired (void)
{
  g_autofree char *who = g_strdup_printf ("Machine identity on 127.0.0.1:%u", ferry_sandbox_get_port (fx.sandbox));
  guint since = fx.notifications->len;
  guint lists = count_requests ("GET", "/api/v1/secret-syncs/azure-devops");
  GVariant *n;
  g_autoptr(GVariant) dict = NULL;
  const char *body = NULL;
  guint count;

  start_app ();
  WAIT (count_requests ("GET", "/api/v1/secret-syncs/azure-devops") > lists, 30000);
  add_fault ("{\"route\": \"GET /api/v1/secret-syncs/azure-devops\", \"status\": 401, \"count\": 1000}");
  add_fault ("{\"route\": \"POST /api/v1/auth/universal-auth/login\", \"status\": 401, \"count\": 1000}");
  WAIT (count_ids_since (since, "watch-expired-") == 1, 30000);
  n = find_notification ("Sign in again to keep watching", &count);
  dict = g_variant_get_child_value (n, 2);
  g_assert_true (g_variant_lookup (dict, "body", "&s", &body));
  g_test_message ("expired: %s", body);
  g_assert_nonnull (strstr (body, who));
  g_assert_null (strstr (body, ferry_sandbox_get_identity_client_id (fx.sandbox)));

  /* Told once: more intervals pass, the projects wait, nothing is told again. */
  ferry_test_spin_for (5000);
  g_assert_cmpuint (count_ids_since (since, "watch-expired-"), ==, 1);
  ferry_sandbox_clear_faults (fx.sandbox);
  quit_app ();
}

/* ---- The test ---- */

static void
test_background (void)
{
  static const GDBusInterfaceVTable portal_vtable = { portal_call, portal_get_property, NULL, { 0 } };
  const char *web_project = ferry_sandbox_get_project_id (fx.sandbox, 0);
  const char *payments_project = ferry_sandbox_get_project_id (fx.sandbox, 1);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FerrySync) triggered = NULL;
  g_autofree char *pat = NULL;
  g_autofree char *autostart = ferry_watch_service_dup_autostart_path ();
  g_autofree char *sync_path = NULL;
  g_autofree char *shown = NULL;
  const char *web_id, *payments_id;
  GVariant *notification;
  guint count;

  fx.notifications = ferry_test_start_notification_server (fx.connection);
  sign_in ();
  web_id = g_strdup (sync_id_named (web_project, "web-prod-to-contoso-web"));
  payments_id = g_strdup (sync_id_named (payments_project, "payments-staging-to-legacy"));
  g_settings_set_boolean (fx.settings, "background-watch", TRUE);
  g_settings_sync ();

  /* Started by D-Bus as the autostart would: no window, watching. The seeded failure comes
   * as one notification with the plain reason, Open and Sync Now. */
  start_app ();
  WAIT (count_notifications ("payments-staging-to-legacy") == 1, 30000);
  notification = find_notification ("payments-staging-to-legacy", &count);
  assert_failed_notification (notification, "payments-staging-to-legacy", "Payments API", payments_project, payments_id);
  shown = shown_sync ();
  g_assert_null (shown);   /* no window has shown anything */

  /* The sandbox flips web-prod to failed while no window is open. */
  pat = g_strdup (ferry_sandbox_get_devops_pat (fx.sandbox, "contoso"));
  ferry_sandbox_revoke_devops_pat (fx.sandbox, pat);
  ferry_api_client_trigger_sync_async (ferry_session_get_client (fx.session), web_id, NULL, result_cb, &result);
  WAIT (result != NULL, 30000);
  triggered = ferry_api_client_trigger_sync_finish (ferry_session_get_client (fx.session), result, &error);
  g_assert_no_error (error);
  WAIT (count_notifications ("web-prod-to-contoso-web") == 1, 30000);
  notification = find_notification ("web-prod-to-contoso-web", &count);
  assert_failed_notification (notification, "web-prod-to-contoso-web", "Web Storefront", web_project, web_id);

  /* Never the same failure twice: more rounds (1.5 s each) tell nothing new. */
  ferry_test_spin_for (4000);
  g_assert_cmpuint (count_notifications ("payments-staging-to-legacy"), ==, 1);
  g_assert_cmpuint (count_notifications ("web-prod-to-contoso-web"), ==, 1);

  /* Sync Now from the notification, still without a window. */
  sync_path = g_strdup_printf ("/api/v1/secret-syncs/azure-devops/%s/sync-secrets", web_id);
  count = count_requests ("POST", sync_path);
  activate_action ("sync-now", g_variant_new ("(sss)", ferry_account_get_id (ferry_session_get_account (fx.session)),
                                              web_project, web_id));
  WAIT (count_requests ("POST", sync_path) == count + 1, 20000);

  /* The autostart entry follows the switch (outside Flatpak). */
  g_settings_set_boolean (fx.settings, "watch-autostart", TRUE);
  /* Written asynchronously: a new file exists before its contents are in. */
  WAIT (file_contains (autostart, "--gapplication-service"), 10000);
  g_settings_set_boolean (fx.settings, "watch-autostart", FALSE);
  WAIT (!g_file_test (autostart, G_FILE_TEST_EXISTS), 10000);

  /* A file where the autostart folder should be: the entry cannot be written. The switch
   * turns itself off again and, with no window open, a notification says what to do. */
  {
    g_autofree char *dir = g_path_get_dirname (autostart);
    g_autofree char *dir_hint = NULL;
    GVariant *failed;
    const char *body = NULL;
    g_autoptr(GVariant) dict = NULL;

    g_assert_cmpint (g_rmdir (dir), ==, 0);
    g_assert_true (g_file_set_contents (dir, "not a folder", -1, NULL));
    g_settings_set_boolean (fx.settings, "watch-autostart", TRUE);
    g_settings_sync ();
    WAIT (count_notifications ("Start at Login Did Not Work") == 1, 20000);
    failed = find_notification ("Start at Login Did Not Work", &count);
    dict = g_variant_get_child_value (failed, 2);
    g_assert_true (g_variant_lookup (dict, "body", "&s", &body));
    g_test_message ("autostart failure: %s", body);
    dir_hint = g_strdup_printf ("Make sure the folder %s can be written to, then turn on “Start at Login” again.", dir);
    g_assert_nonnull (strstr (body, dir_hint));
    WAIT (!g_settings_get_boolean (fx.settings, "watch-autostart"), 20000);
    g_assert_true (g_file_test (dir, G_FILE_TEST_IS_REGULAR));
    g_assert_cmpint (g_unlink (dir), ==, 0);
    /* Once only: the switch is off, nothing is tried again. */
    ferry_test_spin_for (1000);
    g_assert_cmpuint (count_notifications ("Start at Login Did Not Work"), ==, 1);
  }

  quit_app ();

  /* Open on a stopped Ferry: D-Bus activation starts it, and the window shows that sync. */
  activate_action ("open-watched-sync",
                   g_variant_new ("(sss)", ferry_account_get_id (ferry_session_get_account (fx.session)),
                                  web_project, web_id));
  WAIT ((g_free (shown), shown = shown_sync ()) != NULL && g_strcmp0 (shown, web_id) == 0, 60000);
  quit_app ();

  /* Inside Flatpak the Background portal is asked instead, with autostart when chosen. */
  g_settings_set_boolean (fx.settings, "watch-autostart", TRUE);
  g_settings_sync ();
  export_fake (portal_xml, "org.freedesktop.portal.Desktop", "/org/freedesktop/portal/desktop", &portal_vtable);
  {
    GVariantBuilder env;

    g_variant_builder_init (&env, G_VARIANT_TYPE ("a{ss}"));
    g_variant_builder_add (&env, "{ss}", "FERRY_USE_BACKGROUND_PORTAL", "1");
    g_dbus_connection_call_sync (fx.connection, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                 "UpdateActivationEnvironment", g_variant_new ("(a{ss})", &env), NULL,
                                 G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
    g_assert_no_error (error);
  }
  start_app ();
  WAIT (fx.portal_calls->len >= 1, 30000);
  {
    g_autoptr(GVariant) options = g_variant_get_child_value (g_ptr_array_index (fx.portal_calls, 0), 1);
    g_autofree const char **commandline = NULL;
    const char *reason = NULL;
    gboolean autostart_on = FALSE, dbus_activatable = TRUE;

    g_assert_true (g_variant_lookup (options, "reason", "&s", &reason));
    g_assert_cmpuint (strlen (reason), >, 0);
    g_assert_true (g_variant_lookup (options, "autostart", "b", &autostart_on));
    g_assert_true (autostart_on);
    g_assert_true (g_variant_lookup (options, "commandline", "^a&s", &commandline));
    g_assert_cmpuint (g_strv_length ((char **) commandline), ==, 2);
    g_assert_cmpstr (commandline[1], ==, "--gapplication-service");
    g_assert_true (g_variant_lookup (options, "dbus-activatable", "b", &dbus_activatable));
    g_assert_false (dbus_activatable);
    g_assert_true (g_variant_lookup (options, "handle_token", "&s", &reason));
  }
  /* No autostart file inside Flatpak: the portal writes it. */
  g_assert_false (g_file_test (autostart, G_FILE_TEST_EXISTS));
  quit_app ();

  g_free ((char *) web_id);
  g_free ((char *) payments_id);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *runtime = NULL;
  g_autofree char *keyring_daemon = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  ferry_test_init (&argc, &argv);

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_test_skip ("No display for the app's window (run under xvfb-run)");
      return g_test_run ();
    }

  keyring_daemon = g_find_program_in_path ("gnome-keyring-daemon");
  if (keyring_daemon == NULL)
    {
      g_test_skip ("No gnome-keyring-daemon for the private bus");
      return g_test_run ();
    }

  /* What the app inherits through the bus: the same settings file, and a runtime dir of
   * its own for the second keyring daemon. */
  runtime = g_build_filename (ferry_test_get_home (), "runtime", NULL);
  g_mkdir_with_parents (runtime, 0700);
  g_setenv ("XDG_RUNTIME_DIR", runtime, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "keyfile", TRUE);
  g_unsetenv ("SECRET_BACKEND");
  g_setenv ("FERRY_WATCH_INTERVAL_MS", "1500", TRUE);
  /* A first round over the three projects fits (slow sanitizer runs too). */
  g_setenv ("FERRY_WATCH_GATHER_MS", "3000", TRUE);
  g_unsetenv ("FERRY_USE_BACKGROUND_PORTAL");
  write_service_file ();

  fx.bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_add_service_dir (fx.bus, fx.service_dir);
  g_test_dbus_up (fx.bus);
  fx.connection = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  start_keyring ();

  fx.portal_calls = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  fx.sandbox = ferry_sandbox_new (FERRY_SANDBOX_SEED_DEMO);
  ferry_sandbox_set_job_delay (fx.sandbox, 50);
  g_assert_true (ferry_sandbox_start (fx.sandbox, 0, &error));
  fx.settings = g_settings_new (BASE_APP_ID);
  fx.accounts = ferry_account_store_new (fx.settings);
  fx.tokens = ferry_token_store_new ();

  g_test_add_func ("/watch-app/background", test_background);
  g_test_add_func ("/watch-app/grouped", test_grouped);
  g_test_add_func ("/watch-app/recovery", test_recovery);
  g_test_add_func ("/watch-app/expired", test_expired);
  status = g_test_run ();

  if (app_running ())
    activate_action ("quit", NULL);
  g_clear_object (&fx.session);
  g_clear_object (&fx.tokens);
  g_clear_object (&fx.accounts);
  g_clear_object (&fx.settings);
  ferry_sandbox_stop (fx.sandbox);
  g_clear_object (&fx.sandbox);
  g_clear_pointer (&fx.notifications, g_ptr_array_unref);
  g_clear_pointer (&fx.portal_calls, g_ptr_array_unref);
  g_clear_object (&fx.connection);
  /* libsecret keeps objects on the bus connection past secret_service_disconnect (): stop
   * the bus (the second keyring ends with it) without waiting for the connection to go, as
   * g_test_dbus_down () and so the GTestDBus's dispose would. fx.bus stays until exit. */
  secret_service_disconnect ();
  g_test_dbus_stop (fx.bus);
  g_free (fx.service_dir);

  return status;
}
