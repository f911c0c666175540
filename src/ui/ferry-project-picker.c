/* ferry-project-picker.c
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "projects" → GtkFilterListModel (name or slug contains the search, ignoring case; the
 * filters are in the .ui) → GtkListView whose rows come from ferry-project-list-item.ui.
 */

#include "config.h"

#include "ferry-project-picker.h"
#include "ferry-ui-utils.h"

struct _FerryProjectPicker
{
  GtkWidget           parent_instance;

  GListModel         *projects;
  FerryProject       *project;

  /* Template widgets */
  GtkMenuButton      *menu_button;
  GtkLabel           *project_label;
  GtkSearchEntry     *project_search;
  GtkListView        *project_list;
  GtkFilterListModel *filter_model;
};

G_DEFINE_FINAL_TYPE (FerryProjectPicker, ferry_project_picker, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PROJECTS,
  PROP_PROJECT,
  N_PROPS
};

enum {
  PROJECT_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

GtkWidget *
ferry_project_picker_new (void)
{
  return g_object_new (FERRY_TYPE_PROJECT_PICKER, NULL);
}

GListModel *
ferry_project_picker_get_projects (FerryProjectPicker *self)
{
  g_return_val_if_fail (FERRY_IS_PROJECT_PICKER (self), NULL);

  return self->projects;
}

void
ferry_project_picker_set_projects (FerryProjectPicker *self,
                                   GListModel         *projects)
{
  g_return_if_fail (FERRY_IS_PROJECT_PICKER (self));
  g_return_if_fail (projects == NULL || G_IS_LIST_MODEL (projects));

  if (g_set_object (&self->projects, projects))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECTS]);
}

FerryProject *
ferry_project_picker_get_project (FerryProjectPicker *self)
{
  g_return_val_if_fail (FERRY_IS_PROJECT_PICKER (self), NULL);

  return self->project;
}

void
ferry_project_picker_set_project (FerryProjectPicker *self,
                                  FerryProject       *project)
{
  g_return_if_fail (FERRY_IS_PROJECT_PICKER (self));
  g_return_if_fail (project == NULL || FERRY_IS_PROJECT (project));

  if (!g_set_object (&self->project, project))
    return;

  gtk_label_set_label (self->project_label, project != NULL ? ferry_project_get_name (project) : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT]);
}

void
ferry_project_picker_popup (FerryProjectPicker *self)
{
  g_return_if_fail (FERRY_IS_PROJECT_PICKER (self));

  gtk_menu_button_popup (self->menu_button);
}

void
ferry_project_picker_popdown (FerryProjectPicker *self)
{
  g_return_if_fail (FERRY_IS_PROJECT_PICKER (self));

  gtk_menu_button_popdown (self->menu_button);
}

static void
ferry_project_picker_activate_at (FerryProjectPicker *self,
                                  guint               position)
{
  g_autoptr(FerryProject) project = g_list_model_get_item (G_LIST_MODEL (self->filter_model), position);

  if (project == NULL)
    return;

  gtk_menu_button_popdown (self->menu_button);
  g_signal_emit (self, signals[PROJECT_ACTIVATED], 0, project);
}

static void
project_list_activate_cb (FerryProjectPicker *self,
                          guint               position)
{
  ferry_project_picker_activate_at (self, position);
}

static void
project_search_activate_cb (FerryProjectPicker *self)
{
  /* The filters follow the entry's text as it is typed, so Enter picks from what is shown. */
  ferry_project_picker_activate_at (self, 0);
}

static void
project_search_stop_cb (FerryProjectPicker *self)
{
  gtk_menu_button_popdown (self->menu_button);
}

static void
popover_show_cb (FerryProjectPicker *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->project_search), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->project_search));
}

static void
ferry_project_picker_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  FerryProjectPicker *self = FERRY_PROJECT_PICKER (object);

  switch (prop_id)
    {
    case PROP_PROJECTS:
      g_value_set_object (value, self->projects);
      break;
    case PROP_PROJECT:
      g_value_set_object (value, self->project);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_project_picker_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  FerryProjectPicker *self = FERRY_PROJECT_PICKER (object);

  switch (prop_id)
    {
    case PROP_PROJECTS:
      ferry_project_picker_set_projects (self, g_value_get_object (value));
      break;
    case PROP_PROJECT:
      ferry_project_picker_set_project (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_project_picker_dispose (GObject *object)
{
  FerryProjectPicker *self = FERRY_PROJECT_PICKER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), FERRY_TYPE_PROJECT_PICKER);
  ferry_ui_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->projects);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (ferry_project_picker_parent_class)->dispose (object);
}

static void
ferry_project_picker_class_init (FerryProjectPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = ferry_project_picker_get_property;
  object_class->set_property = ferry_project_picker_set_property;
  object_class->dispose = ferry_project_picker_dispose;

  properties[PROP_PROJECTS] =
    g_param_spec_object ("projects", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROJECT] =
    g_param_spec_object ("project", NULL, NULL, FERRY_TYPE_PROJECT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[PROJECT_ACTIVATED] =
    g_signal_new ("project-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, FERRY_TYPE_PROJECT);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ferry-project-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, FerryProjectPicker, menu_button);
  gtk_widget_class_bind_template_child (widget_class, FerryProjectPicker, project_label);
  gtk_widget_class_bind_template_child (widget_class, FerryProjectPicker, project_search);
  gtk_widget_class_bind_template_child (widget_class, FerryProjectPicker, project_list);
  gtk_widget_class_bind_template_child (widget_class, FerryProjectPicker, filter_model);
  gtk_widget_class_bind_template_callback (widget_class, project_list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, project_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, project_search_stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, popover_show_cb);

  /* The filters and the row template look the type up by name. */
  g_type_ensure (FERRY_TYPE_PROJECT);
}

static void
ferry_project_picker_init (FerryProjectPicker *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
