/* ferry-watch-service.c
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Background portal (org.freedesktop.portal.Background, xdg-desktop-portal's
 * data/org.freedesktop.portal.Background.xml) is called with GDBus, as libportal is not
 * available on the build floor: RequestBackground returns a request object path at once
 * and the answer comes as that request's Response signal, so the subscription is made
 * on the predictable path (…/request/SENDER/TOKEN) before the call.
 *
 * Failures that arrive together (a first round over many projects, an outage that breaks
 * every sync) become one notification with a count: they are gathered for a moment
 * before anything is sent.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-sync-explain.h"
#include "ferry-watch-service.h"

#define GATHER_MS 1500
#define PORTAL_BUS_NAME "org.freedesktop.portal.Desktop"
#define PORTAL_PATH "/org/freedesktop/portal/desktop"
#define PORTAL_BACKGROUND "org.freedesktop.portal.Background"
#define PORTAL_REQUEST "org.freedesktop.portal.Request"

struct _FerryWatchService
{
  GObject        parent_instance;

  GApplication  *application;   /* not owned: it owns us */
  FerryContext  *context;
  GSettings     *settings;
  FerryWatcher  *watcher;
  gboolean       background;
  gboolean       shut_down;

  GPtrArray     *gathered;      /* FerryWatchedSync failed, not told yet */
  guint          gather_id;
  guint          gather_ms;

  GCancellable  *autostart_cancellable;   /* the entry being written or removed */

  GDBusConnection *portal_bus;
  guint          response_id;
  guint          portal_serial;
};

G_DEFINE_FINAL_TYPE (FerryWatchService, ferry_watch_service, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BACKGROUND,
  N_PROPS
};

enum {
  AUTOSTART_FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---- Notifications ---- */

static GVariant *
sync_target (FerryWatchedSync *item)
{
  return g_variant_new ("(sss)", ferry_watched_sync_get_account_id (item),
                        ferry_watched_sync_get_project_id (item),
                        ferry_watched_sync_get_sync_id (item));
}

static char *
failed_id (const char *sync_id)
{
  return g_strconcat ("watch-failed-", sync_id, NULL);
}

static void
send_failed_one (FerryWatchService *self,
                 FerryWatchedSync  *item)
{
  FerrySync *sync = ferry_watched_sync_get_sync (item);
  g_autoptr(GNotification) notification = g_notification_new (ferry_sync_get_name (sync));
  g_autofree char *reason = ferry_sync_explain_failure (sync);
  g_autofree char *body = NULL;
  g_autofree char *id = failed_id (ferry_watched_sync_get_sync_id (item));

  /* The plain-language reason of the details; never the server's message, which may quote
   * what it was sent. */
  if (reason != NULL)
    /* Translators: notification body; the first %s is a project name, the second the reason a sync failed */
    body = g_strdup_printf (_("%s: %s"), ferry_watched_sync_get_project_name (item), reason);
  else
    /* Translators: notification body; %s is a project name */
    body = g_strdup_printf (_("%s: the secrets could not be sent to Azure DevOps. Open the sync to see the server’s message."),
                            ferry_watched_sync_get_project_name (item));
  g_notification_set_body (notification, body);
  g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
  g_notification_set_default_action_and_target_value (notification, "app.open-watched-sync", sync_target (item));
  g_notification_add_button_with_target_value (notification, _("Sync Now"), "app.sync-now", sync_target (item));
  g_application_send_notification (self->application, id, notification);
}

static void
send_failed_group (FerryWatchService *self,
                   GPtrArray         *items)
{
  g_autoptr(GNotification) notification = NULL;
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;

  for (guint i = 0; i < items->len && i < 3; i++)
    {
      FerryWatchedSync *item = g_ptr_array_index (items, i);

      if (i > 0)
        g_string_append (names, ", ");
      g_string_append (names, ferry_sync_get_name (ferry_watched_sync_get_sync (item)));
    }
  if (items->len > 3)
    g_string_append (names, ", …");

  /* Translators: notification title; %u is a number of syncs */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Sync Failed", "%u Syncs Failed", items->len), items->len);
  /* Translators: notification body; %s is a list of sync names */
  body = g_strdup_printf (_("%s. Open All Projects to see why."), names->str);
  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
  g_notification_set_default_action (notification, "app.show-overview");
  g_application_send_notification (self->application, "watch-failed-group", notification);
}

static gboolean
gather_done_cb (gpointer user_data)
{
  FerryWatchService *self = user_data;
  g_autoptr(GPtrArray) items = g_steal_pointer (&self->gathered);

  self->gather_id = 0;
  self->gathered = g_ptr_array_new_with_free_func (g_object_unref);
  if (items->len == 1)
    send_failed_one (self, g_ptr_array_index (items, 0));
  else if (items->len > 1)
    send_failed_group (self, items);

  return G_SOURCE_REMOVE;
}

static void
sync_failed_cb (FerryWatchService *self,
                FerryWatchedSync  *item)
{
  g_ptr_array_add (self->gathered, g_object_ref (item));
  if (self->gather_id == 0)
    self->gather_id = g_timeout_add (self->gather_ms, gather_done_cb, self);
}

static void
sync_recovered_cb (FerryWatchService *self,
                   FerryWatchedSync  *item)
{
  g_autofree char *id = failed_id (ferry_watched_sync_get_sync_id (item));
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *body = NULL;

  g_application_withdraw_notification (self->application, id);
  if (!g_settings_get_boolean (self->settings, "watch-notify-recovery"))
    return;

  notification = g_notification_new (ferry_sync_get_name (ferry_watched_sync_get_sync (item)));
  /* Translators: notification body; %s is a project name */
  body = g_strdup_printf (_("%s: back to normal, the last sync succeeded."), ferry_watched_sync_get_project_name (item));
  g_notification_set_body (notification, body);
  g_notification_set_default_action_and_target_value (notification, "app.open-watched-sync", sync_target (item));
  g_free (id);
  id = g_strconcat ("watch-recovered-", ferry_watched_sync_get_sync_id (item), NULL);
  g_application_send_notification (self->application, id, notification);
}

static void
session_expired_cb (FerryWatchService *self,
                    FerryAccount      *account)
{
  g_autoptr(GNotification) notification = g_notification_new (_("Sign in again to keep watching"));
  g_autofree char *body = NULL;
  g_autofree char *id = g_strconcat ("watch-expired-", ferry_account_get_id (account), NULL);
  g_autofree char *name = ferry_account_dup_display_name (account);

  /* Translators: notification body; %s is an account (an email address or a machine identity) */
  body = g_strdup_printf (_("The session of %s has ended. Ferry stops checking its projects until you sign in again."),
                          name);
  g_notification_set_body (notification, body);
  /* No default action: a click activates Ferry, whose window asks to sign in again. */
  g_application_send_notification (self->application, id, notification);
}

/* ---- Background permission ---- */

char *
ferry_watch_service_dup_autostart_path (void)
{
  g_autofree char *name = g_strconcat (APP_ID, ".desktop", NULL);

  return g_build_filename (g_get_user_config_dir (), "autostart", name, NULL);
}

static gboolean
use_portal (void)
{
  /* FERRY_USE_BACKGROUND_PORTAL=1: the tests' fake portal outside Flatpak. */
  return g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS) ||
         g_strcmp0 (g_getenv ("FERRY_USE_BACKGROUND_PORTAL"), "1") == 0;
}

/* The autostart entry is written and removed asynchronously (the switch is flipped on the
 * main loop); a newer choice cancels the one still under way. A failure is told to
 * people ("autostart-failed", a toast in the preferences or a notification) with what to
 * do, and a failed write turns the switch off again: the entry is not there. */

typedef struct
{
  FerryWatchService *self;
  GFile             *file;
  char              *contents;
} AutostartWrite;

static void
autostart_write_free (AutostartWrite *write)
{
  g_object_unref (write->self);
  g_object_unref (write->file);
  g_free (write->contents);
  g_free (write);
}

static void
autostart_failed (FerryWatchService *self,
                  gboolean           writing,
                  GFile             *file,
                  const GError      *error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *message = NULL;

  g_message ("Autostart entry %s: %s", path, error->message);
  /* Shut down meanwhile: nobody to tell, nothing to turn off. */
  if (self->settings == NULL)
    return;
  if (writing)
    {
      /* Translators: the first %s is why (a system message), the second a folder */
      message = g_strdup_printf (_("Ferry could not set itself to start at login: %s. Make sure the folder %s can be written to, then turn on “Start at Login” again."),
                                 error->message, dir);
      /* The switch says what is true: no entry, so no start at login. */
      g_settings_set_boolean (self->settings, "watch-autostart", FALSE);
    }
  else
    /* Translators: the first %s is why (a system message), the second a file */
    message = g_strdup_printf (_("Ferry could not stop starting at login: %s. Delete the file %s to stop it."),
                               error->message, path);

  g_signal_emit (self, signals[AUTOSTART_FAILED], 0, message);
}

static void
autostart_replaced_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  AutostartWrite *write = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    autostart_failed (write->self, TRUE, write->file, error);
  autostart_write_free (write);
}

static void
autostart_dir_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  AutostartWrite *write = user_data;
  g_autoptr(GError) error = NULL;

  /* ~/.config/autostart is usually there already. */
  if (!g_file_make_directory_finish (G_FILE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        autostart_failed (write->self, TRUE, write->file, error);
      autostart_write_free (write);
      return;
    }

  if (write->self->autostart_cancellable == NULL)   /* disposed meanwhile */
    {
      autostart_write_free (write);
      return;
    }

  g_file_replace_contents_async (write->file, write->contents, strlen (write->contents), NULL, FALSE,
                                 G_FILE_CREATE_NONE, write->self->autostart_cancellable,
                                 autostart_replaced_cb, write);
}

static void
autostart_deleted_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(FerryWatchService) self = user_data;
  g_autoptr(GError) error = NULL;

  /* Not there (nor its folder) is what was wanted. */
  if (!g_file_delete_finish (G_FILE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    autostart_failed (self, FALSE, G_FILE (object), error);
}

static void
write_autostart (FerryWatchService *self,
                 gboolean           wanted)
{
  g_autofree char *path = ferry_watch_service_dup_autostart_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) dir = g_file_get_parent (file);
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *quoted = NULL;
  AutostartWrite *write;

  g_cancellable_cancel (self->autostart_cancellable);
  g_clear_object (&self->autostart_cancellable);
  self->autostart_cancellable = g_cancellable_new ();

  if (!wanted)
    {
      g_file_delete_async (file, G_PRIORITY_DEFAULT, self->autostart_cancellable,
                           autostart_deleted_cb, g_object_ref (self));
      return;
    }

  quoted = g_shell_quote (exe != NULL ? exe : "ferry");
  write = g_new0 (AutostartWrite, 1);
  write->self = g_object_ref (self);
  write->file = g_object_ref (file);
  /* --gapplication-service: started for watching, without a window. */
  write->contents = g_strdup_printf ("[Desktop Entry]\n"
                                     "Type=Application\n"
                                     "Name=Ferry\n"
                                     "Comment=%s\n"
                                     "Exec=%s --gapplication-service\n"
                                     "Icon=%s\n"
                                     "NoDisplay=true\n"
                                     "X-GNOME-Autostart-enabled=true\n",
                                     _("Watch Infisical secret syncs in the background"),
                                     quoted, APP_ID);
  g_file_make_directory_async (dir, G_PRIORITY_DEFAULT, self->autostart_cancellable, autostart_dir_cb, write);
}

static void
portal_response_cb (GDBusConnection *connection,
                    const char      *sender_name,
                    const char      *object_path,
                    const char      *interface_name,
                    const char      *signal_name,
                    GVariant        *parameters,
                    gpointer         user_data)
{
  FerryWatchService *self = user_data;
  g_autoptr(GVariant) results = NULL;
  guint32 response;
  gboolean background = FALSE;

  g_variant_get (parameters, "(u@a{sv})", &response, &results);
  g_variant_lookup (results, "background", "b", &background);
  if (self->response_id != 0)
    g_dbus_connection_signal_unsubscribe (connection, self->response_id);
  self->response_id = 0;

  if (response != 0 || !background)
    g_message ("Running in the background was not allowed: Ferry watches only while its window is open");
}

static void
portal_call_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (reply == NULL)
    g_message ("The Background portal is not available: %s", error->message);
  /* The service was kept for the call (its Response subscription is its own). */
  g_object_unref (user_data);
}

static void
request_background (FerryWatchService *self,
                    gboolean           autostart)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sender = NULL;
  g_autofree char *token = NULL;
  g_autofree char *path = NULL;
  GVariantBuilder options;
  const char *commandline[] = { "ferry", "--gapplication-service", NULL };

  if (self->portal_bus == NULL)
    self->portal_bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  if (self->portal_bus == NULL)
    {
      g_message ("No session bus for the Background portal: %s", error->message);
      return;
    }

  /* The request path the portal will use: …/request/SENDER/TOKEN, with the unique name's
   * leading ':' dropped and its dots as underscores. */
  sender = g_strdup (g_dbus_connection_get_unique_name (self->portal_bus) + 1);
  g_strdelimit (sender, ".", '_');
  token = g_strdup_printf ("ferry%u", ++self->portal_serial);
  path = g_strdup_printf ("%s/request/%s/%s", PORTAL_PATH, sender, token);
  if (self->response_id != 0)
    g_dbus_connection_signal_unsubscribe (self->portal_bus, self->response_id);
  self->response_id = g_dbus_connection_signal_subscribe (self->portal_bus, PORTAL_BUS_NAME, PORTAL_REQUEST,
                                                          "Response", path, NULL,
                                                          G_DBUS_SIGNAL_FLAGS_NONE,
                                                          portal_response_cb, self, NULL);

  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "handle_token", g_variant_new_string (token));
  g_variant_builder_add (&options, "{sv}", "reason",
                         g_variant_new_string (_("Ferry watches your secret syncs and tells you when one fails.")));
  g_variant_builder_add (&options, "{sv}", "autostart", g_variant_new_boolean (autostart));
  g_variant_builder_add (&options, "{sv}", "commandline", g_variant_new_strv (commandline, -1));
  /* The autostart runs the command line above: D-Bus activation would open a window. */
  g_variant_builder_add (&options, "{sv}", "dbus-activatable", g_variant_new_boolean (FALSE));

  g_dbus_connection_call (self->portal_bus, PORTAL_BUS_NAME, PORTAL_PATH, PORTAL_BACKGROUND,
                          "RequestBackground", g_variant_new ("(sa{sv})", "", &options),
                          G_VARIANT_TYPE ("(o)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL,
                          portal_call_cb, g_object_ref (self));
}

static void
update_permission (FerryWatchService *self)
{
  gboolean autostart = self->background && g_settings_get_boolean (self->settings, "watch-autostart");

  if (use_portal ())
    {
      if (self->background)
        request_background (self, autostart);
    }
  else
    write_autostart (self, autostart);
}

/* ---- Background mode ---- */

static void
background_changed_cb (FerryWatchService *self)
{
  gboolean background = g_settings_get_boolean (self->settings, "background-watch") && !self->shut_down;

  if (background != self->background)
    {
      self->background = background;
      if (background)
        {
          g_application_hold (self->application);
          ferry_watcher_hold (self->watcher);
        }
      else
        {
          ferry_watcher_release (self->watcher);
          g_application_release (self->application);
        }
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BACKGROUND]);
    }

  update_permission (self);
}

static void
context_session_cb (FerryWatchService *self)
{
  FerrySession *session = ferry_context_get_session (self->context);

  /* One session per account: the window's, once it has one. */
  if (session != NULL)
    ferry_watcher_set_session (self->watcher, session);
}

FerryWatchService *
ferry_watch_service_new (GApplication *application,
                         FerryContext *context)
{
  FerryWatchService *self;
  const char *interval = g_getenv ("FERRY_WATCH_INTERVAL_MS");
  const char *gather = g_getenv ("FERRY_WATCH_GATHER_MS");
  guint64 interval_ms, gather_ms;

  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (FERRY_IS_CONTEXT (context), NULL);

  self = g_object_new (FERRY_TYPE_WATCH_SERVICE, NULL);
  self->application = application;
  self->context = g_object_ref (context);
  self->settings = g_object_ref (ferry_context_get_settings (context));
  self->watcher = ferry_watcher_new (self->settings, ferry_context_get_accounts (context),
                                     ferry_context_get_token_store (context));
  /* Tests and the demo watch faster than the key's one-minute floor allows. */
  if (interval != NULL && g_ascii_string_to_unsigned (interval, 10, 100, G_MAXUINT, &interval_ms, NULL))
    ferry_watcher_set_interval_ms (self->watcher, interval_ms);
  /* A slow (sanitizer) test run gives the failures of one round more time to gather. */
  if (gather != NULL && g_ascii_string_to_unsigned (gather, 10, 100, 60000, &gather_ms, NULL))
    self->gather_ms = gather_ms;

  g_signal_connect_object (self->watcher, "sync-failed", G_CALLBACK (sync_failed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->watcher, "sync-recovered", G_CALLBACK (sync_recovered_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->watcher, "session-expired", G_CALLBACK (session_expired_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "notify::session", G_CALLBACK (context_session_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::background-watch", G_CALLBACK (background_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::watch-autostart", G_CALLBACK (update_permission), self,
                           G_CONNECT_SWAPPED);
  context_session_cb (self);
  background_changed_cb (self);

  return self;
}

FerryWatcher *
ferry_watch_service_get_watcher (FerryWatchService *self)
{
  g_return_val_if_fail (FERRY_IS_WATCH_SERVICE (self), NULL);
  return self->watcher;
}

gboolean
ferry_watch_service_get_background (FerryWatchService *self)
{
  g_return_val_if_fail (FERRY_IS_WATCH_SERVICE (self), FALSE);
  return self->background;
}

char *
ferry_watch_service_dup_status (FerryWatchService *self)
{
  guint n;

  g_return_val_if_fail (FERRY_IS_WATCH_SERVICE (self), NULL);

  if (!self->background)
    return NULL;

  n = ferry_watcher_get_n_projects (self->watcher);
  if (ferry_watcher_get_paused (self->watcher))
    return g_strdup (_("Watching paused: offline or on a metered connection"));
  /* Translators: %u is a number of projects */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Watching %u project in the background",
                                       "Watching %u projects in the background", n), n);
}

void
ferry_watch_service_shutdown (FerryWatchService *self)
{
  g_return_if_fail (FERRY_IS_WATCH_SERVICE (self));

  if (self->shut_down)
    return;

  /* Quit means quit: no more requests, and the hold goes with the application. */
  self->shut_down = TRUE;
  g_clear_handle_id (&self->gather_id, g_source_remove);
  if (self->background)
    {
      self->background = FALSE;
      ferry_watcher_release (self->watcher);
      g_application_release (self->application);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BACKGROUND]);
    }
  ferry_watcher_stop (self->watcher);
}

/* ---- GObject ---- */

static void
ferry_watch_service_dispose (GObject *object)
{
  FerryWatchService *self = FERRY_WATCH_SERVICE (object);

  g_clear_handle_id (&self->gather_id, g_source_remove);
  g_cancellable_cancel (self->autostart_cancellable);
  g_clear_object (&self->autostart_cancellable);
  if (self->portal_bus != NULL && self->response_id != 0)
    g_dbus_connection_signal_unsubscribe (self->portal_bus, self->response_id);
  self->response_id = 0;
  g_clear_object (&self->portal_bus);
  if (self->watcher != NULL)
    g_signal_handlers_disconnect_by_data (self->watcher, self);
  g_clear_object (&self->watcher);
  g_clear_object (&self->settings);
  g_clear_object (&self->context);
  g_clear_pointer (&self->gathered, g_ptr_array_unref);

  G_OBJECT_CLASS (ferry_watch_service_parent_class)->dispose (object);
}

static void
ferry_watch_service_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  FerryWatchService *self = FERRY_WATCH_SERVICE (object);

  switch (prop_id)
    {
    case PROP_BACKGROUND:
      g_value_set_boolean (value, self->background);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_watch_service_class_init (FerryWatchServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ferry_watch_service_dispose;
  object_class->get_property = ferry_watch_service_get_property;

  properties[PROP_BACKGROUND] =
    g_param_spec_boolean ("background", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[AUTOSTART_FAILED] =
    g_signal_new ("autostart-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
ferry_watch_service_init (FerryWatchService *self)
{
  self->gathered = g_ptr_array_new_with_free_func (g_object_unref);
  self->gather_ms = GATHER_MS;
}
