/* ferry-application.c
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-application.h"
#include "ferry-context.h"
#include "ferry-overview-page.h"
#include "ferry-preferences-window.h"
#include "ferry-watch-service.h"
#include "ferry-window-private.h"
#include "ferry-window.h"

#define OPEN_SYNC_TRIES 300   /* × 100 ms: how long a window may take to show the sync */

struct _FerryApplication
{
  AdwApplication     parent_instance;

  FerryContext      *context;
  FerryWatchService *watch;
  GtkWindow         *overview;
  GtkWindow         *preferences;

  /* app.open-watched-sync waits for the window to show the project. */
  char              *pending_project;
  char              *pending_sync;
  guint              pending_id;
  guint              pending_tries;
};

G_DEFINE_FINAL_TYPE (FerryApplication, ferry_application, ADW_TYPE_APPLICATION)

FerryApplication *
ferry_application_new (void)
{
  return g_object_new (FERRY_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_PATH,
                       NULL);
}

/* The main window (not the overview or preferences), or NULL. */
static GtkWindow *
find_main_window (FerryApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (FERRY_IS_WINDOW (l->data))
      return l->data;

  return NULL;
}

static void
ferry_application_activate (GApplication *app)
{
  GtkWindow *window;

  g_assert (FERRY_IS_APPLICATION (app));

  /* Single instance: a second launch only raises the window we already have. */
  window = find_main_window (FERRY_APPLICATION (app));
  if (window == NULL)
    {
      window = GTK_WINDOW (ferry_window_new (FERRY_APPLICATION (app),
                                             ferry_application_get_context (FERRY_APPLICATION (app))));
      ferry_window_start (FERRY_WINDOW (window));
    }

  gtk_window_present (window);
}

FerryContext *
ferry_application_get_context (FerryApplication *self)
{
  g_return_val_if_fail (FERRY_IS_APPLICATION (self), NULL);

  if (self->context == NULL)
    {
      g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);
      g_autoptr(FerryTokenStore) token_store = ferry_token_store_new ();

      self->context = ferry_context_new (settings, token_store);
    }

  return self->context;
}

static FerryWindow *
ferry_application_get_window (FerryApplication *self)
{
  GtkWindow *window = find_main_window (self);

  if (window == NULL)
    {
      g_application_activate (G_APPLICATION (self));
      window = find_main_window (self);
    }

  return FERRY_IS_WINDOW (window) ? FERRY_WINDOW (window) : NULL;
}

/* "Watching N projects in the background" at the top of the main menu while background
 * mode is on: a section the application keeps in the window's GMenu (from ferry-window.ui),
 * whose item opens All Projects. */
static void
update_watch_menu (FerryApplication *self)
{
  g_autofree char *status = self->watch != NULL ? ferry_watch_service_dup_status (self->watch) : NULL;
  GtkWindow *window = find_main_window (self);
  GMenuModel *model;
  GMenu *section;

  if (window == NULL)
    return;

  model = gtk_menu_button_get_menu_model (FERRY_WINDOW (window)->primary_menu_button);
  if (!G_IS_MENU (model))
    return;

  section = g_object_get_data (G_OBJECT (window), "ferry-watch-section");
  if (section == NULL)
    {
      section = g_menu_new ();
      g_menu_prepend_section (G_MENU (model), NULL, G_MENU_MODEL (section));
      g_object_set_data_full (G_OBJECT (window), "ferry-watch-section", section, g_object_unref);
    }

  g_menu_remove_all (section);
  if (status != NULL)
    g_menu_append (section, status, "app.show-overview");
}

/* A failure to start (or stop starting) at login: in the preferences, where the switch
 * is, when they are open; else as a notification, since it may come with no window. */
static void
autostart_failed_cb (FerryApplication *self,
                     const char       *message)
{
  g_autoptr(GNotification) notification = NULL;

  if (self->preferences != NULL && gtk_widget_get_visible (GTK_WIDGET (self->preferences)))
    {
      /* A toast's title is Pango markup (libadwaita 1.2), the message has paths in it. */
      g_autofree char *escaped = g_markup_escape_text (message, -1);
      AdwToast *toast = adw_toast_new (escaped);

      /* Long enough to read and act on: it stays until dismissed. */
      adw_toast_set_timeout (toast, 0);
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self->preferences), toast);
      return;
    }

  notification = g_notification_new (_("Start at Login Did Not Work"));
  g_notification_set_body (notification, message);
  g_notification_set_default_action (notification, "app.preferences");
  g_application_send_notification (G_APPLICATION (self), "watch-autostart-failed", notification);
}

static void
window_added_cb (FerryApplication *self,
                 GtkWindow        *window)
{
  if (FERRY_IS_WINDOW (window) && self->watch != NULL)
    ferry_window_set_watcher (FERRY_WINDOW (window), ferry_watch_service_get_watcher (self->watch));
}

FerryWatchService *
ferry_application_get_watch_service (FerryApplication *self)
{
  g_return_val_if_fail (FERRY_IS_APPLICATION (self), NULL);

  if (self->watch == NULL)
    {
      FerryWatcher *watcher;

      self->watch = ferry_watch_service_new (G_APPLICATION (self), ferry_application_get_context (self));
      watcher = ferry_watch_service_get_watcher (self->watch);
      g_signal_connect_object (self->watch, "notify::background", G_CALLBACK (update_watch_menu), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (watcher, "notify::n-projects", G_CALLBACK (update_watch_menu), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (watcher, "notify::paused", G_CALLBACK (update_watch_menu), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->watch, "autostart-failed", G_CALLBACK (autostart_failed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect (self, "window-added", G_CALLBACK (update_watch_menu), NULL);
      g_signal_connect (self, "window-added", G_CALLBACK (window_added_cb), NULL);
      for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
        window_added_cb (self, l->data);
    }

  return self->watch;
}

char *
ferry_application_dup_watch_menu_label (FerryApplication *self)
{
  GtkWindow *window;
  GMenuModel *section;
  g_autoptr(GVariant) label = NULL;

  g_return_val_if_fail (FERRY_IS_APPLICATION (self), NULL);

  window = find_main_window (self);
  section = window != NULL ? g_object_get_data (G_OBJECT (window), "ferry-watch-section") : NULL;
  if (section == NULL || g_menu_model_get_n_items (section) == 0)
    return NULL;

  label = g_menu_model_get_item_attribute_value (section, 0, G_MENU_ATTRIBUTE_LABEL, G_VARIANT_TYPE_STRING);
  return label != NULL ? g_variant_dup_string (label, NULL) : NULL;
}

/* ---- Opening a watched sync (notifications, the overview) ---- */

static void
clear_pending (FerryApplication *self)
{
  g_clear_handle_id (&self->pending_id, g_source_remove);
  g_clear_pointer (&self->pending_project, g_free);
  g_clear_pointer (&self->pending_sync, g_free);
}

static gboolean
pending_sync_cb (gpointer user_data)
{
  FerryApplication *self = user_data;
  GtkWindow *window = find_main_window (self);
  FerryProject *project;
  GAction *shown;

  if (window == NULL || ++self->pending_tries > OPEN_SYNC_TRIES)
    {
      self->pending_id = 0;
      clear_pending (self);
      return G_SOURCE_REMOVE;
    }

  project = ferry_window_get_project (FERRY_WINDOW (window));
  if (g_strcmp0 (ferry_window_get_state (FERRY_WINDOW (window)), "content") != 0 || project == NULL ||
      g_strcmp0 (ferry_resource_get_id (FERRY_RESOURCE (project)), self->pending_project) != 0 ||
      !ferry_syncs_page_select_sync (FERRY_SYNCS_PAGE (ferry_window_get_syncs_page (FERRY_WINDOW (window))),
                                     self->pending_sync))
    return G_SOURCE_CONTINUE;

  ferry_window_show_sync (FERRY_WINDOW (window), self->pending_sync, FALSE);
  /* What was opened, for whoever started it over D-Bus (org.gtk.Actions shows the state). */
  shown = g_action_map_lookup_action (G_ACTION_MAP (self), "shown-sync");
  g_simple_action_set_state (G_SIMPLE_ACTION (shown), g_variant_new_string (self->pending_sync));
  self->pending_id = 0;
  clear_pending (self);
  return G_SOURCE_REMOVE;
}

void
ferry_application_open_watched_sync (FerryApplication *self,
                                     const char       *account_id,
                                     const char       *project_id,
                                     const char       *sync_id)
{
  FerryAccountStore *accounts;
  FerryAccount *account;
  GtkWindow *window;
  FerrySession *session;

  g_return_if_fail (FERRY_IS_APPLICATION (self));

  accounts = ferry_context_get_accounts (ferry_application_get_context (self));
  account = ferry_account_store_lookup (accounts, account_id);
  if (account == NULL)
    return;

  window = find_main_window (self);
  session = ferry_context_get_session (ferry_application_get_context (self));
  if (window == NULL ||
      session == NULL || g_strcmp0 (ferry_account_get_id (ferry_session_get_account (session)), account_id) != 0)
    {
      g_autoptr(GVariant) old = NULL;
      GVariantBuilder builder;
      GVariantIter iter;
      const char *key, *value;

      /* The window starts (or switches) to the account's last project: make it this one. */
      old = g_settings_get_value (ferry_context_get_settings (self->context), "last-projects");
      g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
      g_variant_iter_init (&iter, old);
      while (g_variant_iter_next (&iter, "{&s&s}", &key, &value))
        if (g_strcmp0 (key, account_id) != 0)
          g_variant_builder_add (&builder, "{ss}", key, value);
      g_variant_builder_add (&builder, "{ss}", account_id, project_id);
      g_settings_set_value (ferry_context_get_settings (self->context), "last-projects",
                            g_variant_builder_end (&builder));
      ferry_account_store_set_default (accounts, account);

      if (window == NULL)
        window = GTK_WINDOW (ferry_application_get_window (self));
      else
        _ferry_window_restore_account (FERRY_WINDOW (window), account);
    }
  else
    {
      FerryWorkspace *workspace = ferry_context_get_workspace (self->context);
      FerryProject *project = workspace != NULL ? ferry_workspace_find_project (workspace, project_id) : NULL;

      if (project != NULL)
        _ferry_window_set_project (FERRY_WINDOW (window), project);
    }

  if (window == NULL)
    return;

  gtk_window_present (window);
  clear_pending (self);
  self->pending_project = g_strdup (project_id);
  self->pending_sync = g_strdup (sync_id);
  self->pending_tries = 0;
  self->pending_id = g_timeout_add (100, pending_sync_cb, self);
  pending_sync_cb (self);
}

static void
ferry_application_open_watched_sync_action (GSimpleAction *action,
                                            GVariant      *parameter,
                                            gpointer       user_data)
{
  const char *account_id, *project_id, *sync_id;

  g_variant_get (parameter, "(&s&s&s)", &account_id, &project_id, &sync_id);
  ferry_application_open_watched_sync (user_data, account_id, project_id, sync_id);
}

static void
sync_now_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(FerryApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!ferry_watcher_sync_now_finish (FERRY_WATCHER (object), result, &error))
    {
      g_autoptr(GNotification) notification = g_notification_new (_("Sync Now Did Not Start"));

      g_notification_set_body (notification, error->message);
      g_application_send_notification (G_APPLICATION (self), "watch-sync-now-failed", notification);
    }
  /* The next poll tells how the run ended. */
  g_application_release (G_APPLICATION (self));
}

static void
ferry_application_sync_now_action (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data)
{
  FerryApplication *self = user_data;
  const char *account_id, *project_id, *sync_id;
  FerryWatcher *watcher = ferry_watch_service_get_watcher (ferry_application_get_watch_service (self));

  g_variant_get (parameter, "(&s&s&s)", &account_id, &project_id, &sync_id);
  /* Started from a notification with no window: stay until the server answered. */
  g_application_hold (G_APPLICATION (self));
  ferry_watcher_sync_now_async (watcher, account_id, sync_id, NULL, sync_now_cb, g_object_ref (self));
}

static void
ferry_application_show_overview_action (GSimpleAction *action,
                                        GVariant      *parameter,
                                        gpointer       user_data)
{
  FerryApplication *self = user_data;
  FerryWatchService *watch = ferry_application_get_watch_service (self);

  if (self->overview == NULL)
    {
      GtkWidget *page = ferry_overview_page_new (ferry_watch_service_get_watcher (watch),
                                                 ferry_context_get_settings (ferry_application_get_context (self)));

      self->overview = GTK_WINDOW (adw_window_new ());
      gtk_window_set_title (self->overview, _("All Projects"));
      gtk_window_set_default_size (self->overview, 760, 600);
      adw_window_set_content (ADW_WINDOW (self->overview), page);
      gtk_application_add_window (GTK_APPLICATION (self), self->overview);
      g_object_add_weak_pointer (G_OBJECT (self->overview), (gpointer *) &self->overview);
    }

  gtk_window_present (self->overview);
}

static void
ferry_application_preferences_action (GSimpleAction *action,
                                      GVariant      *parameter,
                                      gpointer       user_data)
{
  FerryApplication *self = user_data;
  FerryWatchService *watch = ferry_application_get_watch_service (self);

  if (self->preferences == NULL)
    {
      self->preferences = GTK_WINDOW (ferry_preferences_window_new (ferry_watch_service_get_watcher (watch),
                                                                    ferry_context_get_settings (self->context)));
      gtk_window_set_transient_for (self->preferences, find_main_window (self));
      gtk_application_add_window (GTK_APPLICATION (self), self->preferences);
      g_object_add_weak_pointer (G_OBJECT (self->preferences), (gpointer *) &self->preferences);
    }

  gtk_window_present (self->preferences);
}

static void
ferry_application_open_sync_action (GSimpleAction *action,
                                    GVariant      *parameter,
                                    gpointer       user_data)
{
  FerryApplication *self = user_data;
  FerryWindow *window = ferry_application_get_window (self);

  if (window == NULL)
    return;

  gtk_window_present (GTK_WINDOW (window));
  ferry_window_show_sync (window, g_variant_get_string (parameter, NULL),
                          g_strcmp0 (g_action_get_name (G_ACTION (action)), "retry-sync") == 0);
}

static void
ferry_application_about_action (GSimpleAction *action,
                                GVariant      *parameter,
                                gpointer       user_data)
{
  static const char *developers[] = { "The Ferry authors", NULL };
  FerryApplication *self = user_data;
  GtkWindow *window;
  GtkWidget *about;

  g_assert (FERRY_IS_APPLICATION (self));

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", window,
                        "modal", TRUE,
                        "application-icon", APP_ID,
                        "application-name", _("Ferry"),
                        "developer-name", _("The Ferry authors"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Manage Infisical secret syncs and app connections for Azure DevOps"),
                        "website", "https://github.com/ferryapp/ferry",
                        "issue-url", "https://github.com/ferryapp/ferry/issues",
                        "developers", developers,
                        /* Translators: Replace "translator-credits" with your name/username, and optionally an email or URL. */
                        "translator-credits", _("translator-credits"),
                        "copyright", "© 2026 The Ferry authors",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        NULL);
  adw_about_window_add_link (ADW_ABOUT_WINDOW (about), _("Infisical Documentation"),
                             "https://infisical.com/docs/integrations/secret-syncs/azure-devops");
  adw_about_window_add_acknowledgement_section (ADW_ABOUT_WINDOW (about), _("Built With"),
                                                (const char *[]) { "GTK https://gtk.org",
                                                                   "libadwaita https://gnome.pages.gitlab.gnome.org/libadwaita/",
                                                                   "libsoup https://libsoup.org",
                                                                   NULL });
  gtk_window_present (GTK_WINDOW (about));
}

static void
ferry_application_quit_action (GSimpleAction *action,
                               GVariant      *parameter,
                               gpointer       user_data)
{
  FerryApplication *self = user_data;

  g_assert (FERRY_IS_APPLICATION (self));

  /* Quit stops watching too; closing the window is how to leave it in the background. */
  if (self->watch != NULL)
    ferry_watch_service_shutdown (self->watch);
  g_application_quit (G_APPLICATION (self));
}

static void
ferry_application_shown_sync_change (GSimpleAction *action,
                                     GVariant      *value,
                                     gpointer       user_data)
{
  /* Read-only: set when app.open-watched-sync has shown its sync. */
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = ferry_application_quit_action },
  { .name = "about", .activate = ferry_application_about_action },
  { .name = "open-sync", .activate = ferry_application_open_sync_action, .parameter_type = "s" },
  { .name = "retry-sync", .activate = ferry_application_open_sync_action, .parameter_type = "s" },
  { .name = "open-watched-sync", .activate = ferry_application_open_watched_sync_action, .parameter_type = "(sss)" },
  { .name = "sync-now", .activate = ferry_application_sync_now_action, .parameter_type = "(sss)" },
  { .name = "show-overview", .activate = ferry_application_show_overview_action },
  { .name = "preferences", .activate = ferry_application_preferences_action },
  { .name = "shown-sync", .state = "''", .change_state = ferry_application_shown_sync_change },
};

static void
ferry_application_startup (GApplication *app)
{
  G_APPLICATION_CLASS (ferry_application_parent_class)->startup (app);

  gtk_window_set_default_icon_name (APP_ID);
  /* Background mode holds the application from here, with or without a window
   * (--gapplication-service, as the autostart entry and D-Bus activation start it). */
  ferry_application_get_watch_service (FERRY_APPLICATION (app));
}

static void
ferry_application_shutdown (GApplication *app)
{
  FerryApplication *self = FERRY_APPLICATION (app);

  clear_pending (self);
  if (self->watch != NULL)
    ferry_watch_service_shutdown (self->watch);

  G_APPLICATION_CLASS (ferry_application_parent_class)->shutdown (app);
}

static void
ferry_application_finalize (GObject *object)
{
  FerryApplication *self = FERRY_APPLICATION (object);

  clear_pending (self);
  g_clear_object (&self->watch);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (ferry_application_parent_class)->finalize (object);
}

static void
ferry_application_class_init (FerryApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = ferry_application_finalize;

  app_class->activate = ferry_application_activate;
  app_class->startup = ferry_application_startup;
  app_class->shutdown = ferry_application_shutdown;
}

static void
ferry_application_init (FerryApplication *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_actions,
                                   G_N_ELEMENTS (app_actions),
                                   self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit",
                                         (const char *[]) { "<primary>q", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         (const char *[]) { "<primary>comma", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close",
                                         (const char *[]) { "<primary>w", NULL });
  /* What GtkApplication sets when it finds gtk/help-overlay.ui; the window builds its
   * shortcuts window itself (ferry_window_get_help_overlay ()). */
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay",
                                         (const char *[]) { "<Control>question", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.refresh",
                                         (const char *[]) { "F5", "<primary>r", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.search",
                                         (const char *[]) { "<primary>f", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.new",
                                         (const char *[]) { "<primary>n", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.project-menu",
                                         (const char *[]) { "<primary>p", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-view::syncs",
                                         (const char *[]) { "<alt>1", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-view::connections",
                                         (const char *[]) { "<alt>2", NULL });
}
