/* ferry-connection-row.c
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-connection-row.h"

struct _FerryConnectionRow
{
  AdwActionRow     parent_instance;

  FerryConnection *connection;
  gulong           notify_id;
  guint            n_syncs;
  guint            n_failed;
  guint            n_busy;
  char           **names;
  guint            n_projects;
  gboolean         elsewhere_only;
  guint            n_unchecked;
  char            *usage_text;
  const char      *health_class;

  /* Template widgets */
  GtkLabel        *health_label;
  GtkButton       *edit_button;
  GtkMenuButton   *more_button;
};

G_DEFINE_FINAL_TYPE (FerryConnectionRow, ferry_connection_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_CONNECTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
ferry_connection_row_new (FerryConnection *connection)
{
  g_return_val_if_fail (FERRY_IS_CONNECTION (connection), NULL);

  return g_object_new (FERRY_TYPE_CONNECTION_ROW, "connection", connection, NULL);
}

FerryConnection *
ferry_connection_row_get_connection (FerryConnectionRow *self)
{
  g_return_val_if_fail (FERRY_IS_CONNECTION_ROW (self), NULL);

  return self->connection;
}

const char *
ferry_connection_row_get_health_text (FerryConnectionRow *self)
{
  g_return_val_if_fail (FERRY_IS_CONNECTION_ROW (self), NULL);

  return gtk_label_get_label (self->health_label);
}

static void
ferry_connection_row_update (FerryConnectionRow *self)
{
  FerryConnection *c = self->connection;
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autofree char *usage = NULL;
  g_autofree char *health = NULL;
  g_autofree char *edit_label = NULL;
  g_autofree char *more_label = NULL;
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) copy_section = g_menu_new ();
  g_autoptr(GMenu) delete_section = g_menu_new ();
  g_autoptr(GMenuItem) item = NULL;
  const char *id;
  const char *css;
  const char *value;

  if (c == NULL)
    return;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), ferry_connection_get_name (c));

  g_string_append (subtitle, ferry_connection_method_get_label (ferry_connection_get_method (c)));
  if ((value = ferry_connection_get_org_name (c)) != NULL)
    /* Translators: %s is an Azure DevOps organization, shown after the method */
    g_string_append_printf (subtitle, _(" · organization %s"), value);
  if (ferry_connection_get_project_id (c) != NULL)
    g_string_append (subtitle, _(" · this project"));
  else
    g_string_append (subtitle, _(" · whole organization"));
  if ((value = ferry_connection_get_tenant_id (c)) != NULL)
    /* Translators: %s is an Entra ID tenant id */
    g_string_append_printf (subtitle, _("\nTenant %s"), value);
  if ((value = ferry_connection_get_client_id (c)) != NULL)
    /* Translators: %s is an Entra ID application (client) id */
    g_string_append_printf (subtitle, _(" · client %s"), value);
  if ((value = ferry_connection_get_description (c)) != NULL && value[0] != '\0')
    g_string_append_printf (subtitle, "\n%s", value);

  if (self->n_syncs == 0 && self->n_unchecked > 0)
    /* Translators: %u is a number of Infisical projects */
    usage = g_strdup_printf (ngettext ("Not used in the projects Ferry could check; %u project could not be checked",
                                       "Not used in the projects Ferry could check; %u projects could not be checked",
                                       self->n_unchecked),
                             self->n_unchecked);
  else if (self->n_syncs == 0)
    usage = g_strdup (_("Not used by any sync"));
  else if (self->n_projects > 1 || self->elsewhere_only)
    {
      g_autofree char *list = self->names != NULL ? g_strjoinv (", ", self->names) : g_strdup ("");
      guint listed = self->names != NULL ? g_strv_length (self->names) : 0;
      const char *more = listed < self->n_syncs ? ", …" : "";

      if (self->n_projects > 1)
        /* Translators: the first %u counts syncs, the second projects; %s are the syncs' names and projects, then “, …” when not all are listed */
        usage = g_strdup_printf (ngettext ("Used by %u syncs in %u project: %s%s", "Used by %u syncs in %u projects: %s%s",
                                           self->n_projects),
                                 self->n_syncs, self->n_projects, list, more);
      else
        /* Translators: %u counts syncs; %s are their names and project, then “, …” when not all are listed */
        usage = g_strdup_printf (ngettext ("Used by %u sync in another project: %s%s",
                                           "Used by %u syncs in another project: %s%s", self->n_syncs),
                                 self->n_syncs, list, more);
    }
  else
    {
      g_autofree char *list = self->names != NULL ? g_strjoinv (", ", self->names) : g_strdup ("");
      guint listed = self->names != NULL ? g_strv_length (self->names) : 0;

      if (listed >= self->n_syncs)
        /* Translators: %u is a count, %s the names of the syncs */
        usage = g_strdup_printf (ngettext ("Used by %u sync: %s", "Used by %u syncs: %s", self->n_syncs),
                                 self->n_syncs, list);
      else
        /* Translators: %u is a count, %s the names of the first few syncs */
        usage = g_strdup_printf (ngettext ("Used by %u sync: %s, …", "Used by %u syncs: %s, …", self->n_syncs),
                                 self->n_syncs, list);
    }
  g_string_append_printf (subtitle, "\n%s", usage);
  g_free (self->usage_text);
  self->usage_text = g_strdup (usage);

  {
    g_autofree char *escaped = g_markup_escape_text (subtitle->str, -1);
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self), escaped);
  }

  if (self->n_syncs == 0 && self->n_unchecked > 0)
    {
      /* Translators: badge: some projects could not be checked for syncs using the connection */
      health = g_strdup (_("Usage Unknown"));
      css = "dim-badge";
    }
  else if (self->n_syncs == 0)
    {
      health = g_strdup (_("Unused"));
      css = "dim-badge";
    }
  else if (self->elsewhere_only)
    {
      /* Translators: badge: only syncs of other projects use the connection */
      health = g_strdup (_("Used Elsewhere"));
      css = "dim-badge";
    }
  else if (self->n_failed > 0)
    {
      /* Translators: badge: how many syncs of a connection failed */
      health = g_strdup_printf (ngettext ("%u failing", "%u failing", self->n_failed), self->n_failed);
      css = "error";
    }
  else if (self->n_busy > 0)
    {
      health = g_strdup (_("Syncing"));
      css = "accent";
    }
  else
    {
      health = g_strdup (_("Healthy"));
      css = "success";
    }
  gtk_label_set_label (self->health_label, health);
  if (css != self->health_class)
    {
      if (self->health_class != NULL)
        gtk_widget_remove_css_class (GTK_WIDGET (self->health_label), self->health_class);
      gtk_widget_add_css_class (GTK_WIDGET (self->health_label), css);
      self->health_class = css;
    }

  /* Translators: accessible name of an icon button; %s is a connection name */
  edit_label = g_strdup_printf (_("Edit Connection “%s”"), ferry_connection_get_name (c));
  /* Translators: accessible name of an icon button that opens a menu; %s is a connection name */
  more_label = g_strdup_printf (_("More Actions for Connection “%s”"), ferry_connection_get_name (c));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->edit_button), GTK_ACCESSIBLE_PROPERTY_LABEL, edit_label, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->more_button), GTK_ACCESSIBLE_PROPERTY_LABEL, more_label, -1);
  id = ferry_resource_get_id (FERRY_RESOURCE (c));
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->edit_button), "s", id);

  item = g_menu_item_new (_("Copy as _Terraform"), NULL);
  g_menu_item_set_action_and_target_value (item, "connections.copy-terraform", g_variant_new_string (id));
  g_menu_append_item (copy_section, item);
  g_clear_object (&item);
  item = g_menu_item_new (_("_Delete…"), NULL);
  g_menu_item_set_action_and_target_value (item, "connections.delete", g_variant_new_string (id));
  g_menu_append_item (delete_section, item);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (copy_section));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (delete_section));
  gtk_menu_button_set_menu_model (self->more_button, G_MENU_MODEL (menu));
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self), "s",
                                    ferry_resource_get_id (FERRY_RESOURCE (c)));
}

void
ferry_connection_row_set_usage (FerryConnectionRow *self,
                                guint               n_syncs,
                                guint               n_failed,
                                guint               n_busy,
                                const char * const *names)
{
  g_return_if_fail (FERRY_IS_CONNECTION_ROW (self));

  if (self->n_syncs == n_syncs && self->n_failed == n_failed && self->n_busy == n_busy &&
      ((names == NULL && self->names == NULL) ||
       (names != NULL && self->names != NULL && g_strv_equal (names, (const char * const *) self->names))))
    return;

  g_strfreev (self->names);
  self->names = g_strdupv ((char **) names);
  self->n_syncs = n_syncs;
  self->n_failed = n_failed;
  self->n_busy = n_busy;
  ferry_connection_row_update (self);
}

void
ferry_connection_row_set_reach (FerryConnectionRow *self,
                                guint               n_projects,
                                gboolean            elsewhere_only,
                                guint               n_unchecked)
{
  g_return_if_fail (FERRY_IS_CONNECTION_ROW (self));

  if (self->n_projects == n_projects && self->elsewhere_only == !!elsewhere_only &&
      self->n_unchecked == n_unchecked)
    return;

  self->n_projects = n_projects;
  self->elsewhere_only = !!elsewhere_only;
  self->n_unchecked = n_unchecked;
  ferry_connection_row_update (self);
}

const char *
ferry_connection_row_get_usage_text (FerryConnectionRow *self)
{
  g_return_val_if_fail (FERRY_IS_CONNECTION_ROW (self), NULL);

  return self->usage_text;
}

static void
ferry_connection_row_constructed (GObject *object)
{
  FerryConnectionRow *self = FERRY_CONNECTION_ROW (object);

  G_OBJECT_CLASS (ferry_connection_row_parent_class)->constructed (object);

  self->notify_id = g_signal_connect_object (self->connection, "notify",
                                             G_CALLBACK (ferry_connection_row_update),
                                             self, G_CONNECT_SWAPPED);
  ferry_connection_row_update (self);
}

static void
ferry_connection_row_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  FerryConnectionRow *self = FERRY_CONNECTION_ROW (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      g_value_set_object (value, self->connection);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_connection_row_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  FerryConnectionRow *self = FERRY_CONNECTION_ROW (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      self->connection = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_connection_row_dispose (GObject *object)
{
  FerryConnectionRow *self = FERRY_CONNECTION_ROW (object);

  if (self->connection != NULL)
    g_clear_signal_handler (&self->notify_id, self->connection);
  g_clear_object (&self->connection);
  g_clear_pointer (&self->names, g_strfreev);
  g_clear_pointer (&self->usage_text, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), FERRY_TYPE_CONNECTION_ROW);

  G_OBJECT_CLASS (ferry_connection_row_parent_class)->dispose (object);
}

static void
ferry_connection_row_class_init (FerryConnectionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ferry_connection_row_constructed;
  object_class->get_property = ferry_connection_row_get_property;
  object_class->set_property = ferry_connection_row_set_property;
  object_class->dispose = ferry_connection_row_dispose;

  properties[PROP_CONNECTION] =
    g_param_spec_object ("connection", NULL, NULL, FERRY_TYPE_CONNECTION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ferry-connection-row.ui");
  gtk_widget_class_bind_template_child (widget_class, FerryConnectionRow, health_label);
  gtk_widget_class_bind_template_child (widget_class, FerryConnectionRow, edit_button);
  gtk_widget_class_bind_template_child (widget_class, FerryConnectionRow, more_button);
}

static void
ferry_connection_row_init (FerryConnectionRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
