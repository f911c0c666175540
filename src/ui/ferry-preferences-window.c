/* ferry-preferences-window.c
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-preferences-window.h"

struct _FerryPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  FerryWatcher         *watcher;
  GSettings            *settings;
  gboolean              holding;
  GPtrArray            *project_rows;  /* AdwActionRow, in projects_group */

  GtkSwitch            *background_switch;
  GtkSwitch            *autostart_switch;
  AdwActionRow         *autostart_row;
  GtkAdjustment        *interval_adjustment;
  GtkSwitch            *recovery_switch;
  GtkSwitch            *all_projects_switch;
  AdwPreferencesGroup  *projects_group;
};

G_DEFINE_FINAL_TYPE (FerryPreferencesWindow, ferry_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_WATCHER,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
ferry_preferences_window_new (FerryWatcher *watcher,
                              GSettings    *settings)
{
  return g_object_new (FERRY_TYPE_PREFERENCES_WINDOW, "watcher", watcher, "settings", settings, NULL);
}

static void
project_toggled_cb (GtkCheckButton         *check,
                    GParamSpec             *pspec,
                    FerryPreferencesWindow *self)
{
  const char *key = g_object_get_data (G_OBJECT (check), "ferry-project-key");
  g_auto(GStrv) old = g_settings_get_strv (self->settings, "watched-projects");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) fresh = NULL;
  gboolean active = gtk_check_button_get_active (check);

  for (guint i = 0; old[i] != NULL; i++)
    if (g_strcmp0 (old[i], key) != 0)
      g_strv_builder_add (builder, old[i]);
  if (active)
    g_strv_builder_add (builder, key);
  fresh = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "watched-projects", (const char * const *) fresh);
}

static void
update_projects (FerryPreferencesWindow *self)
{
  g_auto(GStrv) keys = ferry_watcher_dup_known_projects (self->watcher);
  g_auto(GStrv) watched = g_settings_get_strv (self->settings, "watched-projects");
  gboolean all = g_settings_get_boolean (self->settings, "watch-all-projects");

  for (guint i = 0; i < self->project_rows->len; i++)
    adw_preferences_group_remove (self->projects_group, g_ptr_array_index (self->project_rows, i));
  g_ptr_array_set_size (self->project_rows, 0);

  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autofree char *title = ferry_watcher_dup_project_title (self->watcher, keys[i]);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   all || g_strv_contains ((const char * const *) watched, keys[i]));
      gtk_widget_set_sensitive (row, !all);
      g_object_set_data_full (G_OBJECT (check), "ferry-project-key", g_strdup (keys[i]), g_free);
      g_signal_connect (check, "notify::active", G_CALLBACK (project_toggled_cb), self);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_preferences_group_add (self->projects_group, row);
      g_ptr_array_add (self->project_rows, row);
    }
}

static void
ferry_preferences_window_constructed (GObject *object)
{
  FerryPreferencesWindow *self = FERRY_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (ferry_preferences_window_parent_class)->constructed (object);

  g_assert (FERRY_IS_WATCHER (self->watcher));
  g_assert (G_IS_SETTINGS (self->settings));

  g_settings_bind (self->settings, "background-watch", self->background_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "watch-autostart", self->autostart_switch, "active", G_SETTINGS_BIND_DEFAULT);
  /* Autostart only means something with background watching on. */
  g_settings_bind (self->settings, "background-watch", self->autostart_row, "sensitive", G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "watch-interval", self->interval_adjustment, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "watch-notify-recovery", self->recovery_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "watch-all-projects", self->all_projects_switch, "active", G_SETTINGS_BIND_DEFAULT);

  g_signal_connect_object (self->watcher, "notify::n-projects", G_CALLBACK (update_projects), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::watch-all-projects", G_CALLBACK (update_projects), self,
                           G_CONNECT_SWAPPED);

  /* Open: the accounts' projects are listed, to choose from. */
  self->holding = TRUE;
  ferry_watcher_hold (self->watcher);
  update_projects (self);
}

static void
ferry_preferences_window_dispose (GObject *object)
{
  FerryPreferencesWindow *self = FERRY_PREFERENCES_WINDOW (object);

  if (self->holding)
    {
      self->holding = FALSE;
      ferry_watcher_release (self->watcher);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), FERRY_TYPE_PREFERENCES_WINDOW);
  g_clear_pointer (&self->project_rows, g_ptr_array_unref);
  g_clear_object (&self->watcher);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ferry_preferences_window_parent_class)->dispose (object);
}

static void
ferry_preferences_window_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  FerryPreferencesWindow *self = FERRY_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_WATCHER:
      self->watcher = g_value_dup_object (value);
      break;
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_preferences_window_class_init (FerryPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ferry_preferences_window_constructed;
  object_class->dispose = ferry_preferences_window_dispose;
  object_class->set_property = ferry_preferences_window_set_property;

  properties[PROP_WATCHER] =
    g_param_spec_object ("watcher", NULL, NULL, FERRY_TYPE_WATCHER,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ferry-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FerryPreferencesWindow, background_switch);
  gtk_widget_class_bind_template_child (widget_class, FerryPreferencesWindow, autostart_switch);
  gtk_widget_class_bind_template_child (widget_class, FerryPreferencesWindow, autostart_row);
  gtk_widget_class_bind_template_child (widget_class, FerryPreferencesWindow, interval_adjustment);
  gtk_widget_class_bind_template_child (widget_class, FerryPreferencesWindow, recovery_switch);
  gtk_widget_class_bind_template_child (widget_class, FerryPreferencesWindow, all_projects_switch);
  gtk_widget_class_bind_template_child (widget_class, FerryPreferencesWindow, projects_group);
}

static void
ferry_preferences_window_init (FerryPreferencesWindow *self)
{
  self->project_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}
