/* ferry-sync-details.c
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-property-row.h"
#include "ferry-sync-details.h"
#include "ferry-sync-explain.h"
#include "ferry-sync-history-view.h"
#include "ferry-sync-state.h"
#include "ferry-ui-utils.h"

struct _FerrySyncDetails
{
  GtkWidget     parent_instance;

  FerrySync    *sync;
  GSignalGroup *sync_signals;  /* "notify" of the sync shown */
  const char   *status_class;
  gboolean      updating;

  /* Template widgets */
  GtkWidget    *scroller;
  GtkLabel     *name_label;
  GtkLabel     *description_label;
  GtkLabel     *status_label;
  GtkSpinner   *spinner;
  GtkWidget    *problem_box;
  GtkLabel     *explanation_label;
  GtkButton    *fix_button;
  GtkWidget    *message_box;
  GtkLabel     *message_title_label;
  GtkLabel     *message_label;
  FerryPropertyRow *environment_row;
  FerryPropertyRow *path_row;
  FerryPropertyRow *devops_project_row;
  FerryPropertyRow *group_row;
  FerryPropertyRow *connection_row;
  FerryPropertyRow *auto_sync_row;
  GtkSwitch    *auto_sync_switch;
  FerryPropertyRow *behavior_row;
  FerryPropertyRow *key_schema_row;
  FerryPropertyRow *subfolders_row;
  FerryPropertyRow *deletion_row;
  FerryPropertyRow *last_synced_row;
  FerryPropertyRow *last_removed_row;
  FerryPropertyRow *created_row;
  FerryPropertyRow *updated_row;
  FerryPropertyRow *id_row;
};

G_DEFINE_FINAL_TYPE (FerrySyncDetails, ferry_sync_details, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SYNC,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
ferry_sync_details_new (void)
{
  return g_object_new (FERRY_TYPE_SYNC_DETAILS, NULL);
}

FerrySync *
ferry_sync_details_get_sync (FerrySyncDetails *self)
{
  g_return_val_if_fail (FERRY_IS_SYNC_DETAILS (self), NULL);

  return self->sync;
}

const char *
ferry_sync_details_get_explanation (FerrySyncDetails *self)
{
  g_return_val_if_fail (FERRY_IS_SYNC_DETAILS (self), NULL);

  if (!gtk_widget_get_visible (self->problem_box))
    return NULL;

  return gtk_label_get_label (self->explanation_label);
}

/* The explanation's button: what fixes the failure, where it is fixed. */
static void
ferry_sync_details_update_fix (FerrySyncDetails *self,
                               FerrySync        *sync)
{
  const char *id = ferry_resource_get_id (FERRY_RESOURCE (sync));
  const char *label = NULL;

  /* No action while the target changes type: a name with a target of another type warns. */
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->fix_button), NULL);
  switch (ferry_sync_failure_remedy (sync))
    {
    case FERRY_SYNC_REMEDY_CHOOSE_FOLDER:
      label = _("Choose Another _Folder…");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (self->fix_button), "(ss)", id, "source");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->fix_button), "win.edit-sync-step");
      break;
    case FERRY_SYNC_REMEDY_CHOOSE_PROJECT:
      label = _("Choose Another _Project…");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (self->fix_button), "(ss)", id, "destination");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->fix_button), "win.edit-sync-step");
      break;
    case FERRY_SYNC_REMEDY_RECONNECT:
      label = _("_Reconnect…");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (self->fix_button), "s", ferry_sync_get_connection_id (sync));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->fix_button), "win.reconnect");
      break;
    case FERRY_SYNC_REMEDY_RETRY:
      label = _("Sync _Again");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->fix_button), NULL);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->fix_button), "syncs.sync-now");
      break;
    case FERRY_SYNC_REMEDY_NONE:
    default:
      break;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->fix_button), label != NULL);
  if (label != NULL)
    gtk_button_set_label (self->fix_button, label);
}

static void
set_subtitle (FerryPropertyRow *row,
              const char       *value)
{
  ferry_property_row_set_subtitle (row, value != NULL && value[0] != '\0' ? value : "—");
}

static void
set_time (FerryPropertyRow *row,
          GDateTime        *time)
{
  g_autofree char *absolute = ferry_ui_format_absolute_time (time);
  g_autofree char *relative = ferry_ui_format_relative_time (time);
  g_autofree char *both = NULL;

  if (absolute != NULL)
    /* Translators: relative time (absolute time), e.g. "5 minutes ago (22 November 2026, 10:00:00)" */
    both = g_strdup_printf (_("%s (%s)"), relative, absolute);
  set_subtitle (row, both != NULL ? both : relative);
}

static const char *
behavior_label (const char *behavior)
{
  if (g_strcmp0 (behavior, "overwrite-destination") == 0)
    return _("Overwrite destination");
  if (g_strcmp0 (behavior, "import-prioritize-source") == 0)
    return _("Import, prefer Infisical values");
  if (g_strcmp0 (behavior, "import-prioritize-destination") == 0)
    return _("Import, prefer Azure DevOps values");
  return behavior;
}

static void
ferry_sync_details_update (FerrySyncDetails *self)
{
  FerrySync *sync = self->sync;
  g_autofree char *explanation = NULL;
  g_autofree char *message = NULL;
  g_autofree char *remove_message = NULL;
  const char *raw;

  if (sync == NULL)
    return;

  self->updating = TRUE;

  gtk_label_set_label (self->name_label, ferry_sync_get_name (sync));
  raw = ferry_sync_get_description (sync);
  gtk_label_set_label (self->description_label, raw != NULL ? raw : "");
  gtk_widget_set_visible (GTK_WIDGET (self->description_label), raw != NULL && raw[0] != '\0');

  ferry_ui_update_sync_badge (self->status_label, self->spinner, sync, &self->status_class);
  /* The spinner keeps its place when idle, only unseen: queued or running must not narrow
   * the name beside it, rewrap it and move everything below. */
  gtk_widget_set_opacity (GTK_WIDGET (self->spinner), ferry_sync_is_busy (sync) ? 1.0 : 0.0);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);

  /* What the state means (secrets removed, source folder gone) comes before a failure's. */
  explanation = ferry_sync_state_describe (sync);
  if (explanation == NULL)
    explanation = ferry_sync_explain_failure (sync);
  gtk_label_set_label (self->explanation_label, explanation != NULL ? explanation : "");
  gtk_widget_set_visible (self->problem_box, explanation != NULL);
  ferry_sync_details_update_fix (self, sync);
  /* Explained, the raw message waits behind its expander; unexplained, it is all there is. */
  gtk_expander_set_expanded (GTK_EXPANDER (self->message_box), explanation == NULL);

  message = ferry_format_server_message (ferry_sync_get_last_sync_message (sync));
  remove_message = ferry_format_server_message (ferry_sync_get_last_remove_message (sync));
  if (message == NULL && remove_message != NULL &&
      ferry_sync_get_remove_status (sync) == FERRY_SYNC_STATUS_FAILED)
    {
      gtk_label_set_label (self->message_title_label, _("Last Removal Message"));
      gtk_label_set_label (self->message_label, remove_message);
      gtk_widget_set_visible (self->message_box, TRUE);
    }
  else
    {
      gtk_label_set_label (self->message_title_label, _("Last Sync Message"));
      gtk_label_set_label (self->message_label, message != NULL ? message : "");
      gtk_widget_set_visible (self->message_box, message != NULL && message[0] != '\0');
    }

  set_subtitle (self->environment_row, ferry_sync_get_environment_name (sync));
  set_subtitle (self->path_row, ferry_sync_get_folder_deleted (sync)
                                  ? _("The source folder was deleted")
                                  : ferry_sync_get_secret_path (sync));
  set_subtitle (self->devops_project_row, ferry_ui_sync_devops_project_label (sync));
  set_subtitle (self->group_row, ferry_sync_get_environment_name (sync));
  set_subtitle (self->connection_row, ferry_ui_sync_connection_label (sync));

  gtk_switch_set_active (self->auto_sync_switch, ferry_sync_get_auto_sync_enabled (sync));
  gtk_switch_set_state (self->auto_sync_switch, ferry_sync_get_auto_sync_enabled (sync));
  ferry_property_row_set_subtitle (self->auto_sync_row,
                               ferry_sync_get_auto_sync_enabled (sync)
                                 ? _("Changes in Infisical are synced automatically")
                                 : _("Only synced when you choose Sync Now"));

  set_subtitle (self->behavior_row, behavior_label (ferry_sync_get_initial_sync_behavior (sync)));
  set_subtitle (self->key_schema_row, ferry_sync_get_key_schema (sync));
  set_subtitle (self->subfolders_row, ferry_sync_get_recursive (sync)
                                        ? _("Included: the secrets of every folder below are synced too")
                                        : _("Not included: only the folder itself is synced"));
  /* The old build has no subfolders at all (docs/infisical-api.md#recursive-subfolders). */
  gtk_widget_set_visible (GTK_WIDGET (self->subfolders_row), ferry_sync_get_shape (sync) != FERRY_SYNC_SHAPE_OLD);
  set_subtitle (self->deletion_row, ferry_sync_get_disable_secret_deletion (sync)
                                      ? _("Never, but every sync still replaces the whole variable group")
                                      : _("Allowed: variables removed in Infisical are removed from Azure DevOps"));
  set_time (self->last_synced_row, ferry_sync_get_last_synced_at (sync));
  set_time (self->last_removed_row, ferry_sync_get_last_removed_at (sync));
  set_time (self->created_row, ferry_sync_get_created_at (sync));
  set_time (self->updated_row, ferry_sync_get_updated_at (sync));
  set_subtitle (self->id_row, ferry_resource_get_id (FERRY_RESOURCE (sync)));

  self->updating = FALSE;
}

static gboolean
auto_sync_switch_state_set_cb (FerrySyncDetails *self,
                               gboolean          state,
                               GtkSwitch        *sw)
{
  if (self->updating || self->sync == NULL)
    return FALSE;

  if (state != ferry_sync_get_auto_sync_enabled (self->sync))
    gtk_widget_activate_action (GTK_WIDGET (self), "syncs.set-auto-sync", "b", state);

  /* The switch settles when the server has answered. */
  return TRUE;
}

void
ferry_sync_details_refresh (FerrySyncDetails *self)
{
  g_return_if_fail (FERRY_IS_SYNC_DETAILS (self));

  ferry_sync_details_update (self);
}

void
ferry_sync_details_set_sync (FerrySyncDetails *self,
                             FerrySync        *sync)
{
  g_return_if_fail (FERRY_IS_SYNC_DETAILS (self));
  g_return_if_fail (sync == NULL || FERRY_IS_SYNC (sync));

  if (self->sync == sync)
    return;

  g_set_object (&self->sync, sync);
  g_signal_group_set_target (self->sync_signals, sync);
  if (sync != NULL)
    {
      ferry_sync_details_update (self);
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller)), 0);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNC]);
}

static void
ferry_sync_details_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  FerrySyncDetails *self = FERRY_SYNC_DETAILS (object);

  switch (prop_id)
    {
    case PROP_SYNC:
      g_value_set_object (value, self->sync);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_sync_details_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  FerrySyncDetails *self = FERRY_SYNC_DETAILS (object);

  switch (prop_id)
    {
    case PROP_SYNC:
      ferry_sync_details_set_sync (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_sync_details_dispose (GObject *object)
{
  FerrySyncDetails *self = FERRY_SYNC_DETAILS (object);

  if (self->sync_signals != NULL)
    g_signal_group_set_target (self->sync_signals, NULL);
  g_clear_object (&self->sync_signals);
  g_clear_object (&self->sync);
  gtk_widget_dispose_template (GTK_WIDGET (self), FERRY_TYPE_SYNC_DETAILS);
  ferry_ui_unparent_children (GTK_WIDGET (self));

  G_OBJECT_CLASS (ferry_sync_details_parent_class)->dispose (object);
}

static void
ferry_sync_details_class_init (FerrySyncDetailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = ferry_sync_details_get_property;
  object_class->set_property = ferry_sync_details_set_property;
  object_class->dispose = ferry_sync_details_dispose;

  properties[PROP_SYNC] =
    g_param_spec_object ("sync", NULL, NULL, FERRY_TYPE_SYNC,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ferry-sync-details.ui");
  gtk_widget_class_bind_template_child (widget_class, FerrySyncDetails, scroller);
  gtk_widget_class_bind_template_child (widget_class, FerrySyncDetails, name_label);
  gtk_widget_class_bind_template_child (widget_class, FerrySyncDetails, description_label);
  gtk_widget_class_bind_template_child (widget_class, FerrySyncDetails, status_label);
  gtk_widget_class_bind_template_child (widget_class, FerrySyncDetails, spinner);
  gtk_widget_class_bind_template_child (widget_class, FerrySyncDetails, problem_box);
  gtk_widget_class_bind_template_child (widget_class, FerrySyncDetails, explanation_label);
  gtk_widget_class_bind_template_child (widget_class, FerrySyncDetails, fix_button);
  gtk_widget_class_bind_template_child (widget_class, FerrySyncDetails, message_box);
  gtk_widget_class_bind_template_child (widget_class, FerrySyncDetails, message_title_label);
  gtk_widget_class_bind_template_child (widget_class, FerrySyncDetails, message_label);
  gtk_widget_class_bind_template_child (widget_class, FerrySyncDetails, environment_row);
  gtk_widget_class_bind_template_child (widget_class, FerrySyncDetails, path_row);
  gtk_widget_class_bind_template_child (widget_class, FerrySyncDetails, devops_project_row);
  gtk_widget_class_bind_template_child (widget_class, FerrySyncDetails, group_row);
  gtk_widget_class_bind_template_child (widget_class, FerrySyncDetails, connection_row);
  gtk_widget_class_bind_template_child (widget_class, FerrySyncDetails, auto_sync_row);
  gtk_widget_class_bind_template_child (widget_class, FerrySyncDetails, auto_sync_switch);
  gtk_widget_class_bind_template_child (widget_class, FerrySyncDetails, behavior_row);
  gtk_widget_class_bind_template_child (widget_class, FerrySyncDetails, key_schema_row);
  gtk_widget_class_bind_template_child (widget_class, FerrySyncDetails, subfolders_row);
  gtk_widget_class_bind_template_child (widget_class, FerrySyncDetails, deletion_row);
  gtk_widget_class_bind_template_child (widget_class, FerrySyncDetails, last_synced_row);
  gtk_widget_class_bind_template_child (widget_class, FerrySyncDetails, last_removed_row);
  gtk_widget_class_bind_template_child (widget_class, FerrySyncDetails, created_row);
  gtk_widget_class_bind_template_child (widget_class, FerrySyncDetails, updated_row);
  gtk_widget_class_bind_template_child (widget_class, FerrySyncDetails, id_row);
  gtk_widget_class_bind_template_callback (widget_class, auto_sync_switch_state_set_cb);

  g_type_ensure (FERRY_TYPE_PROPERTY_ROW);
  g_type_ensure (FERRY_TYPE_SYNC_HISTORY_VIEW);
}

static void
ferry_sync_details_init (FerrySyncDetails *self)
{
  self->sync_signals = g_signal_group_new (FERRY_TYPE_SYNC);
  g_signal_group_connect_object (self->sync_signals, "notify", G_CALLBACK (ferry_sync_details_update),
                                 self, G_CONNECT_SWAPPED);

  gtk_widget_init_template (GTK_WIDGET (self));
}
