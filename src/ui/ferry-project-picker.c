/* ferry-project-picker.c
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "projects" → GtkFilterListModel (name or slug contains the search, ignoring case; the
 * filters are in the .ui) → GtkListView whose rows are made here: the name, the slug below,
 * and a badge with the number of failing syncs the watcher (src/core/ferry-watcher.h) knows
 * of in that project.
 *
 * The counts are counted once per change of the watcher ("changed", one pass over its
 * syncs) into a table by project id, and only the bound rows (those the list view shows)
 * are updated from it: typing in the search filters the projects and binds rows, each a
 * table lookup, never a count over the syncs.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-project-picker.h"
#include "ferry-ui-utils.h"

struct _FerryProjectPicker
{
  GtkWidget           parent_instance;

  GListModel         *projects;
  FerryProject       *project;
  FerryWatcher       *watcher;
  gulong              watcher_changed_id;
  GHashTable         *failures;     /* project id → GUINT_TO_POINTER (failing syncs) */
  GHashTable         *bound;        /* GtkListItem (not owned) of the rows shown */

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

/* ---- Failure badges ---- */

static void
update_badge (FerryProjectPicker *self,
              GtkListItem        *list_item)
{
  GtkWidget *badge = g_object_get_data (G_OBJECT (list_item), "ferry-badge");
  FerryProject *project = gtk_list_item_get_item (list_item);
  guint n = 0;
  g_autofree char *text = NULL;
  g_autofree char *description = NULL;

  if (badge == NULL)
    return;
  if (project != NULL)
    n = GPOINTER_TO_UINT (g_hash_table_lookup (self->failures, ferry_resource_get_id (FERRY_RESOURCE (project))));

  gtk_widget_set_visible (badge, n > 0);
  if (n == 0)
    return;

  text = g_strdup_printf ("%u", n);
  gtk_label_set_label (GTK_LABEL (badge), text);
  /* Translators: the badge of a project in the project picker; %u is a number of syncs */
  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u failing sync", "%u failing syncs", n), n);
  gtk_widget_set_tooltip_text (badge, description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (badge), GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
}

static void
recount_failures (FerryProjectPicker *self)
{
  GListModel *syncs;
  guint n;
  GHashTableIter iter;
  gpointer list_item;

  g_hash_table_remove_all (self->failures);
  if (self->watcher != NULL)
    {
      syncs = ferry_watcher_get_syncs (self->watcher);
      n = g_list_model_get_n_items (syncs);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(FerryWatchedSync) item = g_list_model_get_item (syncs, i);
          const char *project_id = ferry_watched_sync_get_project_id (item);

          if (ferry_watched_sync_get_status (item) == FERRY_SYNC_STATUS_FAILED)
            g_hash_table_insert (self->failures, g_strdup (project_id),
                                 GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (self->failures, project_id)) + 1));
        }
    }

  g_hash_table_iter_init (&iter, self->bound);
  while (g_hash_table_iter_next (&iter, &list_item, NULL))
    update_badge (self, list_item);
}

void
ferry_project_picker_set_watcher (FerryProjectPicker *self,
                                  FerryWatcher       *watcher)
{
  g_return_if_fail (FERRY_IS_PROJECT_PICKER (self));
  g_return_if_fail (watcher == NULL || FERRY_IS_WATCHER (watcher));

  if (self->watcher == watcher)
    return;

  if (self->watcher != NULL)
    g_clear_signal_handler (&self->watcher_changed_id, self->watcher);
  g_set_object (&self->watcher, watcher);
  if (watcher != NULL)
    self->watcher_changed_id = g_signal_connect_swapped (watcher, "changed", G_CALLBACK (recount_failures), self);
  recount_failures (self);
}

guint
ferry_project_picker_get_failure_count (FerryProjectPicker *self,
                                        const char         *project_id)
{
  g_return_val_if_fail (FERRY_IS_PROJECT_PICKER (self), 0);
  g_return_val_if_fail (project_id != NULL, 0);

  return GPOINTER_TO_UINT (g_hash_table_lookup (self->failures, project_id));
}

/* ---- Rows ---- */

static void
row_setup_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              FerryProjectPicker       *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *slug = gtk_label_new (NULL);
  GtkWidget *badge = gtk_label_new (NULL);

  g_object_set (box, "margin-top", 6, "margin-bottom", 6, "margin-start", 6, "margin-end", 6, NULL);
  gtk_widget_set_hexpand (text, TRUE);
  for (guint i = 0; i < 2; i++)
    {
      GtkWidget *label = i == 0 ? name : slug;

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_box_append (GTK_BOX (text), label);
    }
  gtk_widget_add_css_class (slug, "dim-label");
  gtk_widget_add_css_class (slug, "caption");

  gtk_widget_set_name (badge, "failure_badge");
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (badge, "status-badge");
  gtk_widget_add_css_class (badge, "error");
  gtk_widget_add_css_class (badge, "numeric");
  gtk_widget_set_visible (badge, FALSE);

  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), badge);
  gtk_list_item_set_child (list_item, box);
  g_object_set_data (G_OBJECT (list_item), "ferry-name", name);
  g_object_set_data (G_OBJECT (list_item), "ferry-slug", slug);
  g_object_set_data (G_OBJECT (list_item), "ferry-badge", badge);
}

static void
row_bind_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             FerryProjectPicker       *self)
{
  FerryProject *project = gtk_list_item_get_item (list_item);

  gtk_label_set_label (g_object_get_data (G_OBJECT (list_item), "ferry-name"), ferry_project_get_name (project));
  gtk_label_set_label (g_object_get_data (G_OBJECT (list_item), "ferry-slug"), ferry_project_get_slug (project));
  g_hash_table_add (self->bound, list_item);
  update_badge (self, list_item);
}

static void
row_unbind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               FerryProjectPicker       *self)
{
  g_hash_table_remove (self->bound, list_item);
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

  if (self->watcher != NULL)
    g_clear_signal_handler (&self->watcher_changed_id, self->watcher);
  g_clear_object (&self->watcher);
  g_hash_table_remove_all (self->bound);
  gtk_widget_dispose_template (GTK_WIDGET (self), FERRY_TYPE_PROJECT_PICKER);
  ferry_ui_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->projects);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (ferry_project_picker_parent_class)->dispose (object);
}

static void
ferry_project_picker_finalize (GObject *object)
{
  FerryProjectPicker *self = FERRY_PROJECT_PICKER (object);

  g_clear_pointer (&self->failures, g_hash_table_unref);
  g_clear_pointer (&self->bound, g_hash_table_unref);

  G_OBJECT_CLASS (ferry_project_picker_parent_class)->finalize (object);
}

static void
ferry_project_picker_class_init (FerryProjectPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = ferry_project_picker_get_property;
  object_class->set_property = ferry_project_picker_set_property;
  object_class->dispose = ferry_project_picker_dispose;
  object_class->finalize = ferry_project_picker_finalize;

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

  /* The filters look the type up by name. */
  g_type_ensure (FERRY_TYPE_PROJECT);
}

static void
ferry_project_picker_init (FerryProjectPicker *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  self->failures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->bound = g_hash_table_new (NULL, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (factory, "setup", G_CALLBACK (row_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (row_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (row_unbind_cb), self);
  gtk_list_view_set_factory (self->project_list, factory);
}
