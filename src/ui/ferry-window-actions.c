/* ferry-window-actions.c
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's widget actions (win.*): refresh, search, new, sync assistant, connections,
 * views, projects and accounts. Which are enabled follows the window's state
 * (_ferry_window_set_state () in ferry-window.c).
 */

#include "config.h"

#include <glib/gi18n.h>

#include "assistant/ferry-sync-assistant.h"
#include "ferry-account-dialog.h"
#include "ferry-window-private.h"

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  FerryWindow *self = FERRY_WINDOW (widget);

  if (self->project == NULL)
    {
      _ferry_window_load_projects (self);
      return;
    }

  _ferry_window_load_projects (self);
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "connections") == 0)
    ferry_connections_page_reload (_ferry_window_get_connections_page (self));
  else
    ferry_syncs_page_reload (_ferry_window_get_syncs_page (self));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  FerryWindow *self = FERRY_WINDOW (widget);

  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "connections") == 0)
    ferry_connections_page_focus_search (_ferry_window_get_connections_page (self));
  else
    ferry_syncs_page_focus_search (_ferry_window_get_syncs_page (self));
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  FerryWindow *self = FERRY_WINDOW (widget);

  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "connections") == 0)
    gtk_widget_activate_action (GTK_WIDGET (_ferry_window_get_connections_page (self)), "connections.add", NULL);
  else
    gtk_widget_activate_action (widget, "win.create-sync", NULL);
}

static void
sync_saved_cb (FerrySyncAssistant *assistant,
               FerrySync          *sync,
               FerryWindow        *self)
{
  g_autofree char *text = NULL;

  /* A new sync was created, not "saved". */
  if (g_object_get_data (G_OBJECT (assistant), "ferry-creates") != NULL)
    /* Translators: toast; %s is a sync name */
    text = g_strdup_printf (_("Sync “%s” created"), ferry_sync_get_name (sync));
  else
    /* Translators: toast; %s is a sync name */
    text = g_strdup_printf (_("Sync “%s” saved"), ferry_sync_get_name (sync));
  _ferry_window_toast (self, text);
  adw_view_stack_set_visible_child_name (self->view_stack, "syncs");
  ferry_syncs_page_follow_sync (_ferry_window_get_syncs_page (self), sync);
}

static FerrySyncAssistant *
ferry_window_open_assistant (FerryWindow *self,
                             FerrySync   *sync)
{
  FerryProjectModel *model = ferry_syncs_page_get_model (_ferry_window_get_syncs_page (self));
  FerrySyncAssistant *assistant;

  /* The page's model is the workspace's one of the current project. */
  if (model == NULL)
    return NULL;

  assistant = ferry_sync_assistant_new (self->context, GTK_WINDOW (self), model, sync);
  if (sync == NULL)
    g_object_set_data (G_OBJECT (assistant), "ferry-creates", GINT_TO_POINTER (TRUE));
  g_signal_connect_object (assistant, "sync-saved", G_CALLBACK (sync_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (assistant));
  return assistant;
}

static void
create_sync_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ferry_window_open_assistant (FERRY_WINDOW (widget), NULL);
}

static void
edit_sync_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  FerryWindow *self = FERRY_WINDOW (widget);
  FerryProjectModel *model = ferry_syncs_page_get_model (_ferry_window_get_syncs_page (self));
  FerrySync *sync;

  if (model == NULL)
    return;

  sync = ferry_project_model_find_sync (model, g_variant_get_string (parameter, NULL));
  if (sync != NULL)
    ferry_window_open_assistant (self, sync);
}

/* The fix of a failure (the sync details' problem card): the assistant at the step to
 * change, "source" or "destination". */
static void
edit_sync_step_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  FerryWindow *self = FERRY_WINDOW (widget);
  FerryProjectModel *model = ferry_syncs_page_get_model (self->syncs_page);
  FerrySyncAssistant *assistant;
  const char *id, *step;
  FerrySync *sync;

  g_variant_get (parameter, "(&s&s)", &id, &step);
  sync = model != NULL ? ferry_project_model_find_sync (model, id) : NULL;
  if (sync == NULL || (assistant = ferry_window_open_assistant (self, sync)) == NULL)
    return;

  if (g_strcmp0 (step, "destination") == 0)
    ferry_sync_assistant_show_step (assistant, FERRY_SYNC_DRAFT_STEP_DESTINATION);
}

/* The fix of refused credentials: that connection's dialog, where it is reconnected. */
static void
reconnect_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  FerryWindow *self = FERRY_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, "connections");
  gtk_widget_activate_action_variant (GTK_WIDGET (self->connections_page), "connections.edit", parameter);
}

static void
add_connection_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  FerryWindow *self = FERRY_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, "connections");
  gtk_widget_activate_action (GTK_WIDGET (_ferry_window_get_connections_page (self)), "connections.add", NULL);
}

static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  FerryWindow *self = FERRY_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);

  if (g_strcmp0 (name, "syncs") == 0 || g_strcmp0 (name, "connections") == 0)
    adw_view_stack_set_visible_child_name (self->view_stack, name);
}

static void
select_project_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  FerryWindow *self = FERRY_WINDOW (widget);
  FerryProject *project;

  project = self->workspace != NULL ? ferry_workspace_find_project (self->workspace, g_variant_get_string (parameter, NULL)) : NULL;
  ferry_project_picker_popdown (self->project_picker);
  if (project != NULL)
    {
      _ferry_window_set_project (self, project);
      _ferry_window_set_state (self, "content");
    }
}

static void
project_menu_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  FerryWindow *self = FERRY_WINDOW (widget);

  if (gtk_widget_get_visible (GTK_WIDGET (self->project_picker)))
    ferry_project_picker_popup (self->project_picker);
}

static void
switch_account_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  FerryWindow *self = FERRY_WINDOW (widget);
  FerryAccount *account;

  account = ferry_account_store_lookup (ferry_context_get_accounts (self->context),
                                        g_variant_get_string (parameter, NULL));
  if (account == NULL)
    return;
  if (self->session != NULL && ferry_session_get_account (self->session) == account &&
      ferry_session_get_state (self->session) != FERRY_SESSION_STATE_EXPIRED)
    return;

  _ferry_window_restore_account (self, account);
}

/* Signed in: Add Account and Sign In Again are a dialog over the window, which stays as
 * it is behind it (ferry-account-dialog.h). Signed out, the window is the sign-in page. */
static void
ferry_window_open_account_dialog (FerryWindow  *self,
                                  FerryAccount *account)
{
  FerryAccountDialog *dialog = ferry_account_dialog_new (self->context, GTK_WINDOW (self), account);

  g_signal_connect_object (dialog, "signed-in", G_CALLBACK (_ferry_window_signed_in), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_account_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  FerryWindow *self = FERRY_WINDOW (widget);

  if (self->session != NULL)
    {
      ferry_window_open_account_dialog (self, NULL);
      return;
    }

  ferry_signin_page_prefill (_ferry_window_get_signin_page (self), NULL);
  ferry_signin_page_set_can_cancel (_ferry_window_get_signin_page (self), FALSE);
  _ferry_window_set_state (self, "signin");
}

static void
sign_in_again_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  FerryWindow *self = FERRY_WINDOW (widget);

  if (self->session == NULL)
    return;

  ferry_window_open_account_dialog (self, ferry_session_get_account (self->session));
}

static void
sign_out_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(FerryWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  FerryAccount *next;

  if (!ferry_session_sign_out_finish (FERRY_SESSION (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      _ferry_window_toast (self, error->message);
    }
  else
    _ferry_window_toast (self, _("Signed out"));

  ferry_context_set_session (self->context, NULL);

  next = ferry_account_store_get_default (ferry_context_get_accounts (self->context));
  if (next != NULL)
    _ferry_window_restore_account (self, next);
}

static void
sign_out_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      FerryWindow      *self)
{
  if (g_strcmp0 (response, "sign-out") != 0 || self->session == NULL)
    return;

  ferry_session_sign_out_async (self->session, NULL, sign_out_cb, g_object_ref (self));
}

static void
sign_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  FerryWindow *self = FERRY_WINDOW (widget);
  GtkWidget *dialog;

  if (self->session == NULL)
    return;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Sign Out?"), NULL);
  /* Translators: %s is an account */
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("Ferry forgets “%s” and removes its tokens from the keyring. Your syncs and connections in Infisical are not changed."),
                                  ferry_account_get_label (ferry_session_get_account (self->session)));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "sign-out", _("_Sign Out"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "sign-out", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (sign_out_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
reload_projects_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  _ferry_window_load_projects (FERRY_WINDOW (widget));
}

/* The shortcuts window (Ctrl+?), built the first time it is asked for. With the resource
 * at gtk/help-overlay.ui, GtkApplication builds one for every window as it is added
 * (gtk_application_window_added in gtk/gtkapplication.c): a third of the time to create a
 * window (bench-startup, perf), for a window most starts never open. */
GtkShortcutsWindow *
ferry_window_get_help_overlay (FerryWindow *self)
{
  GtkShortcutsWindow *overlay;

  g_return_val_if_fail (FERRY_IS_WINDOW (self), NULL);

  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (self));
  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_PATH "/ui/help-overlay.ui");

      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      /* Keeps the window's own action below: GTK adds its own only when there is none. */
      gtk_application_window_set_help_overlay (GTK_APPLICATION_WINDOW (self), overlay);
    }
  return overlay;
}

static void
show_help_overlay_cb (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  gtk_window_present (GTK_WINDOW (ferry_window_get_help_overlay (FERRY_WINDOW (user_data))));
}

void
_ferry_window_actions_init (FerryWindow *self)
{
  /* In the window's own action group, where GtkApplicationWindow keeps show-help-overlay
   * (its accelerator is the application's, src/ferry-application.c). */
  g_autoptr(GSimpleAction) action = g_simple_action_new ("show-help-overlay", NULL);

  g_signal_connect_object (action, "activate", G_CALLBACK (show_help_overlay_cb), self, 0);
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (action));
}

void
_ferry_window_class_actions_init (FerryWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "win.add-connection", NULL, add_connection_action);
  gtk_widget_class_install_action (widget_class, "win.create-sync", NULL, create_sync_action);
  gtk_widget_class_install_action (widget_class, "win.edit-sync", "s", edit_sync_action);
  gtk_widget_class_install_action (widget_class, "win.edit-sync-step", "(ss)", edit_sync_step_action);
  gtk_widget_class_install_action (widget_class, "win.reconnect", "s", reconnect_action);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
  gtk_widget_class_install_action (widget_class, "win.select-project", "s", select_project_action);
  gtk_widget_class_install_action (widget_class, "win.project-menu", NULL, project_menu_action);
  gtk_widget_class_install_action (widget_class, "win.switch-account", "s", switch_account_action);
  gtk_widget_class_install_action (widget_class, "win.add-account", NULL, add_account_action);
  gtk_widget_class_install_action (widget_class, "win.sign-in-again", NULL, sign_in_again_action);
  gtk_widget_class_install_action (widget_class, "win.sign-out", NULL, sign_out_action);
  gtk_widget_class_install_action (widget_class, "win.reload-projects", NULL, reload_projects_action);
}

/* ---- Notifications ---- */

void
ferry_window_set_watcher (FerryWindow  *self,
                          FerryWatcher *watcher)
{
  g_return_if_fail (FERRY_IS_WINDOW (self));
  g_return_if_fail (watcher == NULL || FERRY_IS_WATCHER (watcher));

  g_set_object (&self->watcher, watcher);
  ferry_project_picker_set_watcher (self->project_picker, watcher);
}

void
_ferry_window_user_sync_failed (FerryWindow *self,
                                FerrySync   *sync)
{
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *body = NULL;
  g_autofree char *id = NULL;
  const char *sync_id = ferry_resource_get_id (FERRY_RESOURCE (sync));

  /* The watcher would tell this failure again at its next poll (background mode, an open
   * overview): whichever comes first tells it, the other stays silent. A failure seen in
   * the focused window counts as told too. */
  if (self->watcher != NULL && !ferry_watcher_claim_failure (self->watcher, sync))
    return;

  if (app == NULL || gtk_window_is_active (GTK_WINDOW (self)))
    return;

  notification = g_notification_new (_("Sync Failed"));
  /* Translators: notification body; %s is a sync name */
  body = g_strdup_printf (_("“%s” could not send the secrets to Azure DevOps."), ferry_sync_get_name (sync));
  g_notification_set_body (notification, body);
  g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
  g_notification_set_default_action_and_target (notification, "app.open-sync", "s", sync_id);
  g_notification_add_button_with_target (notification, _("Open"), "app.open-sync", "s", sync_id);
  g_notification_add_button_with_target (notification, _("Retry"), "app.retry-sync", "s", sync_id);

  id = g_strdup_printf ("sync-failed-%s", sync_id);
  g_application_send_notification (app, id, notification);
}
