/* ferry-syncs-page-actions.c
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Syncs page's widget actions (syncs.*) and their confirmation dialogs. Each operation
 * is a FerryProjectModel call (src/core/ferry-project-model.h); what comes back here is
 * only what to tell the person: a toast for a refused request, and for what the server
 * accepted a toast now or, for jobs the model follows, when "sync-settled" comes
 * (ferry-syncs-page.c). Which actions are enabled follows the selected sync's "busy" and
 * "operation" (_ferry_syncs_page_update_actions ()).
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-syncs-page-private.h"
#include "ferry-sync-state.h"
#include "ferry-ui-utils.h"

/* Errors of operations: a toast. (A refused token has already switched the session to
 * expired in src/core, which shows the "Sign In Again" bar.) */
static void
ferry_syncs_page_report_error (FerrySyncsPage *self,
                               const GError   *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  ferry_ui_toast (GTK_WIDGET (self), error->message, 4);
}

typedef struct
{
  FerrySyncsPage *self;
  FerrySync      *sync;
} OpData;

static void
op_data_free (OpData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->sync);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OpData, op_data_free)

static OpData *
op_data_new (FerrySyncsPage *self,
             FerrySync      *sync)
{
  OpData *data = g_new0 (OpData, 1);

  data->self = g_object_ref (self);
  data->sync = g_object_ref (sync);

  return data;
}

static void
trigger_sync_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(OpData) data = user_data;
  g_autoptr(GError) error = NULL;

  /* How the run ends comes with "sync-settled". */
  if (!ferry_project_model_trigger_sync_finish (FERRY_PROJECT_MODEL (object), result, &error))
    ferry_syncs_page_report_error (data->self, error);
}

static void
sync_now_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  FerrySyncsPage *self = FERRY_SYNCS_PAGE (widget);
  FerrySync *sync = gtk_single_selection_get_selected_item (self->selection);

  if (sync == NULL || self->model == NULL)
    return;

  ferry_project_model_trigger_sync_async (self->model, sync, self->cancellable,
                                          trigger_sync_cb, op_data_new (self, sync));
}

static void ferry_syncs_page_set_auto_sync (FerrySyncsPage *self,
                                            FerrySync      *sync,
                                            gboolean        enabled);

static void
undo_auto_sync_cb (AdwToast *toast,
                   OpData   *data)
{
  ferry_syncs_page_set_auto_sync (data->self, data->sync, !ferry_sync_get_auto_sync_enabled (data->sync));
}

static void
set_auto_sync_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(OpData) data = user_data;
  FerrySyncsPage *self = data->self;
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  if (!ferry_project_model_set_auto_sync_finish (FERRY_PROJECT_MODEL (object), result, &error))
    {
      ferry_syncs_page_report_error (self, error);
      /* The switch goes back to what the sync says. */
      if (ferry_sync_details_get_sync (self->details) == data->sync)
        ferry_sync_details_refresh (self->details);
      return;
    }

  /* Reversible, so the toast offers Undo (which is the same change back, with its own). */
  toast = adw_toast_new (ferry_sync_get_auto_sync_enabled (data->sync)
                         ? _("Auto-Sync turned on")
                         : _("Auto-Sync turned off"));
  adw_toast_set_timeout (toast, 5);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_auto_sync_cb),
                         op_data_new (self, data->sync), (GClosureNotify) op_data_free, 0);
  ferry_ui_show_toast (GTK_WIDGET (self), toast);
}

static void
ferry_syncs_page_set_auto_sync (FerrySyncsPage *self,
                                FerrySync      *sync,
                                gboolean        enabled)
{
  if (self->model == NULL)
    return;

  ferry_project_model_set_auto_sync_async (self->model, sync, enabled, self->cancellable,
                                           set_auto_sync_cb, op_data_new (self, sync));
}

static void
set_auto_sync_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  FerrySyncsPage *self = FERRY_SYNCS_PAGE (widget);
  FerrySync *sync = gtk_single_selection_get_selected_item (self->selection);

  if (sync != NULL)
    ferry_syncs_page_set_auto_sync (self, sync, g_variant_get_boolean (parameter));
}

static void
toggle_auto_sync_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  FerrySyncsPage *self = FERRY_SYNCS_PAGE (widget);
  FerrySync *sync = gtk_single_selection_get_selected_item (self->selection);

  if (sync != NULL)
    ferry_syncs_page_set_auto_sync (self, sync, !ferry_sync_get_auto_sync_enabled (sync));
}

static void
remove_secrets_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(OpData) data = user_data;
  g_autoptr(GError) error = NULL;

  /* How the removal ends comes with "sync-settled". */
  if (!ferry_project_model_remove_secrets_finish (FERRY_PROJECT_MODEL (object), result, &error))
    ferry_syncs_page_report_error (data->self, error);
}

static void
remove_secrets_response_cb (AdwMessageDialog *dialog,
                            const char       *response,
                            gpointer          user_data)
{
  OpData *data = user_data;
  FerrySyncsPage *self = data->self;

  if (g_strcmp0 (response, "remove") != 0 || self->model == NULL)
    return;

  ferry_project_model_remove_secrets_async (self->model, data->sync, self->cancellable,
                                            remove_secrets_cb, op_data_new (self, data->sync));
}

static void
remove_secrets_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  FerrySyncsPage *self = FERRY_SYNCS_PAGE (widget);
  FerrySync *sync = gtk_single_selection_get_selected_item (self->selection);
  GtkWidget *dialog;

  if (sync == NULL)
    return;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   _("Remove Synced Secrets?"),
                                   NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  /* Translators: first %s is a variable group (environment) name, second an Azure DevOps project */
                                  _("The whole variable group “%s” will be deleted from the Azure DevOps project “%s”, including variables that were added to it by hand. The sync itself stays, and Sync Now creates the group again."),
                                  ferry_sync_get_environment_name (sync),
                                  ferry_ui_sync_devops_project_label (sync));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove Secrets"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  g_signal_connect_data (dialog, "response", G_CALLBACK (remove_secrets_response_cb),
                         op_data_new (self, sync), (GClosureNotify) op_data_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct
{
  FerrySyncsPage *self;
  FerrySync      *sync;
  char           *name;            /* the sync may leave the store before the answer */
  gboolean        remove_secrets;
} DeleteData;

static void
delete_data_free (DeleteData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->sync);
  g_free (data->name);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeleteData, delete_data_free)

static void
delete_sync_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(DeleteData) data = user_data;
  FerrySyncsPage *self = data->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!ferry_project_model_delete_sync_finish (FERRY_PROJECT_MODEL (object), result, &error))
    {
      ferry_syncs_page_report_error (self, error);
      return;
    }

  /* With the secrets, the server removes the variable group first, then the sync: the
   * model follows it, and "sync-settled" says when it is gone. */
  if (data->remove_secrets)
    {
      ferry_ui_toast (GTK_WIDGET (self), _("Removing the secrets, then deleting the sync…"), 4);
      return;
    }

  /* Translators: toast; %s is a sync name */
  text = g_strdup_printf (_("Sync “%s” deleted"), data->name);
  ferry_ui_toast (GTK_WIDGET (self), text, 4);
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          user_data)
{
  OpData *data = user_data;
  FerrySyncsPage *self = data->self;
  GtkSwitch *remove_switch;
  DeleteData *call;

  if (g_strcmp0 (response, "delete") != 0 || self->model == NULL)
    return;

  remove_switch = g_object_get_data (G_OBJECT (dialog), "remove-switch");
  call = g_new0 (DeleteData, 1);
  call->self = g_object_ref (self);
  call->sync = g_object_ref (data->sync);
  call->name = g_strdup (ferry_sync_get_name (data->sync));
  call->remove_secrets = remove_switch != NULL && gtk_switch_get_active (remove_switch);
  ferry_project_model_delete_sync_async (self->model, data->sync, call->remove_secrets,
                                         self->cancellable, delete_sync_cb, call);
}

static void
confirm_entry_changed_cb (GtkEditable      *entry,
                          AdwMessageDialog *dialog)
{
  const char *name = g_object_get_data (G_OBJECT (dialog), "sync-name");

  adw_message_dialog_set_response_enabled (dialog, "delete",
                                           g_strcmp0 (gtk_editable_get_text (entry), name) == 0);
}

static void
confirm_entry_activate_cb (GtkEntry         *entry,
                           AdwMessageDialog *dialog)
{
  if (adw_message_dialog_get_response_enabled (dialog, "delete"))
    {
      adw_message_dialog_response (dialog, "delete");
      gtk_window_close (GTK_WINDOW (dialog));
    }
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  FerrySyncsPage *self = FERRY_SYNCS_PAGE (widget);
  FerrySync *sync = gtk_single_selection_get_selected_item (self->selection);
  GtkWidget *dialog;
  GtkWidget *box;
  GtkWidget *group;
  GtkWidget *row;
  GtkWidget *sw;
  GtkWidget *label;
  GtkWidget *entry;
  g_autofree char *subtitle = NULL;
  g_autofree char *prompt = NULL;
  g_autofree char *escaped = NULL;

  if (sync == NULL)
    return;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), NULL, NULL);
  /* Translators: %s is a sync name */
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Delete Sync “%s”?"), ferry_sync_get_name (sync));
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                               _("The sync is deleted from Infisical. Unless you also remove the synced secrets, the variable group stays in Azure DevOps as it is."));

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  /* Removing the secrets needs the source folder (the server refuses it otherwise) and a
   * known variable group: offer it only then, and say why not. */
  if (!ferry_sync_can_run_jobs (sync) || ferry_sync_get_environment_name (sync) == NULL)
    {
      adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                                   _("The sync is deleted from Infisical. Its source folder was deleted, so Infisical "
                                     "cannot remove the synced secrets: the variable group stays in Azure DevOps as it "
                                     "is. Delete it there by hand if you no longer need it."));
      sw = NULL;
    }
  else
    {
      group = adw_preferences_group_new ();
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Also _Remove Synced Secrets"));
      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
      /* Translators: first %s is a variable group name, second an Azure DevOps project */
      subtitle = g_strdup_printf (_("Deletes the variable group “%s” from the Azure DevOps project “%s”"),
                                  ferry_sync_get_environment_name (sync), ferry_ui_sync_devops_project_label (sync));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      sw = gtk_switch_new ();
      gtk_widget_set_name (sw, "remove-secrets-switch");
      gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), sw);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      gtk_box_append (GTK_BOX (box), group);
    }

  escaped = g_markup_escape_text (ferry_sync_get_name (sync), -1);
  /* Translators: %s is the sync name, to be typed to confirm */
  prompt = g_strdup_printf (_("Type <b>%s</b> to confirm"), escaped);
  label = gtk_label_new (prompt);
  gtk_label_set_use_markup (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), label);

  entry = gtk_entry_new ();
  gtk_widget_set_name (entry, "confirm-entry");
  gtk_accessible_update_relation (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL,
                                  -1);
  gtk_box_append (GTK_BOX (box), entry);

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "delete", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  g_object_set_data_full (G_OBJECT (dialog), "sync-name", g_strdup (ferry_sync_get_name (sync)), g_free);
  g_object_set_data (G_OBJECT (dialog), "remove-switch", sw);
  g_signal_connect_object (entry, "changed", G_CALLBACK (confirm_entry_changed_cb), dialog, 0);
  g_signal_connect_object (entry, "activate", G_CALLBACK (confirm_entry_activate_cb), dialog, 0);

  g_signal_connect_data (dialog, "response", G_CALLBACK (delete_response_cb),
                         op_data_new (self, sync), (GClosureNotify) op_data_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  FerrySyncsPage *self = FERRY_SYNCS_PAGE (widget);
  FerrySync *sync = gtk_single_selection_get_selected_item (self->selection);

  if (sync != NULL)
    gtk_widget_activate_action (widget, "win.edit-sync", "s", ferry_resource_get_id (FERRY_RESOURCE (sync)));
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gtk_widget_activate_action (widget, "win.create-sync", NULL);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ferry_syncs_page_reload (FERRY_SYNCS_PAGE (widget));
}

static void
show_list_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  FerrySyncsPage *self = FERRY_SYNCS_PAGE (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "list");
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

void
_ferry_syncs_page_class_actions_init (FerrySyncsPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "syncs.sync-now", NULL, sync_now_action);
  gtk_widget_class_install_action (widget_class, "syncs.set-auto-sync", "b", set_auto_sync_action);
  gtk_widget_class_install_action (widget_class, "syncs.toggle-auto-sync", NULL, toggle_auto_sync_action);
  gtk_widget_class_install_action (widget_class, "syncs.remove-secrets", NULL, remove_secrets_action);
  gtk_widget_class_install_action (widget_class, "syncs.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "syncs.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "syncs.create", NULL, create_action);
  gtk_widget_class_install_action (widget_class, "syncs.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "syncs.show-list", NULL, show_list_action);

  /* Delete only with the focus in the page (the list or the details): elsewhere it is a
   * key people type. The other sync shortcuts work wherever the focus is
   * (_ferry_syncs_page_add_window_shortcuts ()). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "syncs.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "syncs.show-list", NULL);
}

void
_ferry_syncs_page_add_window_shortcuts (FerrySyncsPage *self)
{
  static const struct {
    guint           keyval;
    GdkModifierType modifiers;
    const char     *action;
  } shortcuts[] = {
    { GDK_KEY_Return, GDK_CONTROL_MASK, "syncs.sync-now" },
    { GDK_KEY_e, GDK_CONTROL_MASK, "syncs.edit" },
    { GDK_KEY_a, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "syncs.toggle-auto-sync" },
  };
  GtkEventController *controller = gtk_shortcut_controller_new ();

  /* Global: the window handles them after the focused widget had its chance, so they act on
   * the selected sync from the header, the search entry or the details alike. Off screen
   * (another view) the actions are disabled and the keys go on
   * (_ferry_syncs_page_update_actions ()). */
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller), GTK_SHORTCUT_SCOPE_GLOBAL);
  for (guint i = 0; i < G_N_ELEMENTS (shortcuts); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (shortcuts[i].keyval, shortcuts[i].modifiers),
                                                            gtk_named_action_new (shortcuts[i].action)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}
