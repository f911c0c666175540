/* ferry-application.c
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-application.h"
#include "ferry-context.h"
#include "ferry-window.h"

struct _FerryApplication
{
  AdwApplication  parent_instance;

  FerryContext   *context;
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

static void
ferry_application_activate (GApplication *app)
{
  GtkWindow *window;

  g_assert (FERRY_IS_APPLICATION (app));

  /* Single instance: a second launch only raises the window we already have. */
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
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
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    {
      g_application_activate (G_APPLICATION (self));
      window = gtk_application_get_active_window (GTK_APPLICATION (self));
    }

  return FERRY_IS_WINDOW (window) ? FERRY_WINDOW (window) : NULL;
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

  g_application_quit (G_APPLICATION (self));
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = ferry_application_quit_action },
  { .name = "about", .activate = ferry_application_about_action },
  { .name = "open-sync", .activate = ferry_application_open_sync_action, .parameter_type = "s" },
  { .name = "retry-sync", .activate = ferry_application_open_sync_action, .parameter_type = "s" },
};

static void
ferry_application_startup (GApplication *app)
{
  G_APPLICATION_CLASS (ferry_application_parent_class)->startup (app);

  gtk_window_set_default_icon_name (APP_ID);
}

static void
ferry_application_finalize (GObject *object)
{
  FerryApplication *self = FERRY_APPLICATION (object);

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
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close",
                                         (const char *[]) { "<primary>w", NULL });
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
