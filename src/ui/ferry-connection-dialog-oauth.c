/* ferry-connection-dialog-oauth.c: the OAuth part of FerryConnectionDialog (see
 * ferry-connection-dialog-private.h).
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Which way a server finishes OAuth is remembered per server in GSettings "oauth-flows"
 * (src/auth/ferry-oauth-flow.h): a refused loopback redirect switches it to the hand-off
 * to the server's web page, and nothing else switches it back, so the dialog shows the
 * choice and lets people change it. While the flow waits for the browser, the page it
 * opened can be copied or opened again (FerryUriOpenerRelay). A new connection belongs to
 * this project or to the organization where the server has project connections
 * (docs/infisical-api.md#project-scoped-connections).
 */

#include "config.h"

#include "ferry-connection-dialog-private.h"
#include "ferry-ui-utils.h"
#include "ferry-uri-opener-gtk.h"
#include "ferry-workspace.h"

static char *
stripped_text (gpointer editable)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (editable))));
}

static void
ferry_connection_dialog_update_link_actions (FerryConnectionDialog *self)
{
  gboolean have = self->relay != NULL && ferry_uri_opener_relay_get_uri (self->relay) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.copy-link", have);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.open-again", have);
}

static void
ferry_connection_dialog_set_oauth_waiting (FerryConnectionDialog *self,
                                           const char            *message)
{
  if (message != NULL)
    gtk_label_set_label (self->oauth_label, message);
  gtk_revealer_set_reveal_child (self->oauth_revealer, message != NULL);
}

static void
oauth_run_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(FerryConnectionDialog) self = user_data;
  g_autoptr(FerryConnection) connection = NULL;
  g_autoptr(GError) error = NULL;

  connection = ferry_oauth_flow_run_finish (FERRY_OAUTH_FLOW (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->oauth_flow);
  g_clear_object (&self->relay);
  ferry_connection_dialog_update_link_actions (self);
  ferry_connection_dialog_set_oauth_waiting (self, NULL);
  ferry_connection_dialog_set_busy (self, FALSE);
  /* A refused loopback redirect switched this server to the web page: show it. */
  ferry_connection_dialog_update_signin (self);

  if (connection == NULL)
    {
      if (error->domain == FERRY_API_ERROR)
        ferry_connection_dialog_show_error (self, error);
      else
        ferry_error_view_set_error (self->credentials_error_view, error);
      return;
    }

  /* The flow made or reconnected it on the server; the model's list learns of it here. */
  ferry_connection_dialog_saved (self, ferry_project_model_add_connection (self->model, connection));
}

static void
oauth_request_rejected_cb (FerryConnectionDialog *self,
                           const char            *reason)
{
  ferry_error_view_set_message (self->credentials_error_view, reason);
}

void
ferry_connection_dialog_run_oauth (FerryConnectionDialog *self,
                                   const char            *name,
                                   const char            *description)
{
  FerryApiClient *client = ferry_ui_get_lookup_client (self->model);
  FerryWorkspace *workspace = ferry_project_model_get_workspace (self->model);
  g_autofree char *tenant = stripped_text (self->tenant_row);
  g_autofree char *org = stripped_text (self->org_row);
  const char *organization_id;

  if (client == NULL)
    return;

  self->oauth_flow = ferry_oauth_flow_new (client, ferry_context_get_settings (self->context));
  if (self->connection == NULL)
    ferry_oauth_flow_set_connection (self->oauth_flow, name,
                                     description != NULL && description[0] != '\0' ? description : NULL,
                                     ferry_connection_dialog_for_project (self)
                                       ? ferry_connection_dialog_get_project_id (self) : NULL);
  else
    ferry_oauth_flow_set_reconnect (self->oauth_flow,
                                    ferry_resource_get_id (FERRY_RESOURCE (self->connection)),
                                    ferry_connection_dialog_get_project_id (self));
  ferry_oauth_flow_set_devops (self->oauth_flow, tenant, org);
  organization_id = ferry_account_get_organization_id (ferry_workspace_get_account (workspace));
  if (organization_id != NULL)
    ferry_oauth_flow_set_organization_id (self->oauth_flow, organization_id);
  if (self->authorize_base_url != NULL)
    ferry_oauth_flow_set_authorize_base_url (self->oauth_flow, self->authorize_base_url);
  g_signal_connect_object (self->oauth_flow, "request-rejected",
                           G_CALLBACK (oauth_request_rejected_cb), self, G_CONNECT_SWAPPED);

  if (self->opener == NULL)
    self->opener = ferry_uri_opener_gtk_new (GTK_WINDOW (self));
  /* What the flow opens stays at hand for Copy Link and Open Again. */
  g_clear_object (&self->relay);
  self->relay = ferry_uri_opener_relay_new (self->opener);
  g_signal_connect_object (self->relay, "notify::uri", G_CALLBACK (ferry_connection_dialog_update_link_actions),
                           self, G_CONNECT_SWAPPED);
  gtk_widget_set_visible (self->link_copied_label, FALSE);
  ferry_connection_dialog_update_link_actions (self);

  ferry_connection_dialog_set_busy (self, TRUE);
  ferry_connection_dialog_set_oauth_waiting (self,
                                             ferry_oauth_flow_get_kind (self->oauth_flow) == FERRY_OAUTH_FLOW_KIND_HANDOFF
                                               ? _("Finish in the Infisical web page that opened in your browser. Ferry picks the connection up when it appears.")
                                               : _("Sign in to Microsoft in your web browser and allow access. Ferry continues when the browser comes back."));
  ferry_oauth_flow_run_async (self->oauth_flow, FERRY_URI_OPENER (self->relay), self->cancellable,
                              oauth_run_cb, g_object_ref (self));
}

static void
ferry_connection_dialog_reconnect (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  FerryConnectionDialog *self = FERRY_CONNECTION_DIALOG (widget);

  if (self->saving || self->connection == NULL)
    return;

  ferry_error_view_set_error (self->error_view, NULL);
  ferry_error_view_set_error (self->credentials_error_view, NULL);
  ferry_connection_dialog_run_oauth (self, NULL, NULL);
}

static void
ferry_connection_dialog_stop_oauth (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  FerryConnectionDialog *self = FERRY_CONNECTION_DIALOG (widget);

  if (self->oauth_flow == NULL)
    return;

  /* Cancel the browser wait but keep the dialog and what was typed. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_object (&self->oauth_flow);
  g_clear_object (&self->relay);
  ferry_connection_dialog_update_link_actions (self);
  ferry_connection_dialog_set_oauth_waiting (self, NULL);
  ferry_connection_dialog_set_busy (self, FALSE);
}

void
ferry_connection_dialog_set_authorize_base_url (FerryConnectionDialog *self,
                                                const char            *base_url)
{
  g_return_if_fail (FERRY_IS_CONNECTION_DIALOG (self));

  g_free (self->authorize_base_url);
  self->authorize_base_url = g_strdup (base_url);
}

void
ferry_connection_dialog_set_uri_opener (FerryConnectionDialog *self,
                                        FerryUriOpener        *opener)
{
  g_return_if_fail (FERRY_IS_CONNECTION_DIALOG (self));
  g_return_if_fail (FERRY_IS_URI_OPENER (opener));

  g_set_object (&self->opener, opener);
}


/* ---- Copy Link, Open Again ---- */

static void
ferry_connection_dialog_copy_link (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  FerryConnectionDialog *self = FERRY_CONNECTION_DIALOG (widget);
  const char *uri = self->relay != NULL ? ferry_uri_opener_relay_get_uri (self->relay) : NULL;

  if (uri == NULL)
    return;

  /* The page's address carries no token (ferry-uri-opener-relay.h). */
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), uri);
  gtk_widget_set_visible (self->link_copied_label, TRUE);
}

static void
open_again_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(FerryConnectionDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!ferry_uri_opener_open_finish (FERRY_URI_OPENER (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    ferry_error_view_set_error (self->credentials_error_view, error);
}

static void
ferry_connection_dialog_open_again (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  FerryConnectionDialog *self = FERRY_CONNECTION_DIALOG (widget);

  if (self->relay == NULL)
    return;

  ferry_error_view_set_error (self->credentials_error_view, NULL);
  ferry_uri_opener_relay_open_again (self->relay, self->cancellable, open_again_cb, g_object_ref (self));
}

/* ---- Sign-in method ---- */

static const char *
ferry_connection_dialog_get_site_url (FerryConnectionDialog *self)
{
  FerryApiClient *client = ferry_ui_get_lookup_client (self->model);

  return client != NULL ? ferry_api_client_get_site_url (client) : NULL;
}

static gboolean
ferry_connection_dialog_is_oauth (FerryConnectionDialog *self)
{
  if (self->connection != NULL)
    return ferry_connection_get_method (self->connection) == FERRY_CONNECTION_METHOD_OAUTH;

  return self->oauth_available &&
         adw_combo_row_get_selected (self->method_row) < self->methods->len &&
         g_array_index (self->methods, FerryConnectionMethod, adw_combo_row_get_selected (self->method_row))
           == FERRY_CONNECTION_METHOD_OAUTH;
}

void
ferry_connection_dialog_update_signin (FerryConnectionDialog *self)
{
  const char *site = ferry_connection_dialog_get_site_url (self);
  GSettings *settings = ferry_context_get_settings (self->context);
  gboolean shown = site != NULL && settings != NULL && ferry_connection_dialog_is_oauth (self);
  FerryOAuthFlowKind kind;

  gtk_widget_set_visible (GTK_WIDGET (self->signin_row), shown);
  gtk_widget_set_visible (self->try_desktop_row, FALSE);
  if (!shown)
    return;

  kind = ferry_oauth_flow_kind_for_site (settings, site);
  self->updating_signin = TRUE;
  adw_combo_row_set_selected (self->signin_row, kind == FERRY_OAUTH_FLOW_KIND_HANDOFF ? 1 : 0);
  self->updating_signin = FALSE;
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->signin_row),
                               kind == FERRY_OAUTH_FLOW_KIND_HANDOFF
                                 ? _("You finish in the server’s App Connections page; Ferry picks the connection up")
                                 : _("Microsoft’s page returns to Ferry, which creates the connection; the server must accept desktop sign-ins"));
  gtk_widget_set_visible (self->try_desktop_row, kind == FERRY_OAUTH_FLOW_KIND_HANDOFF);
}

static void
signin_row_notify_selected_cb (FerryConnectionDialog *self)
{
  const char *site = ferry_connection_dialog_get_site_url (self);
  GSettings *settings = ferry_context_get_settings (self->context);

  if (self->updating_signin || site == NULL || settings == NULL)
    return;

  ferry_oauth_flow_remember_kind (settings, site,
                                  adw_combo_row_get_selected (self->signin_row) == 1
                                    ? FERRY_OAUTH_FLOW_KIND_HANDOFF : FERRY_OAUTH_FLOW_KIND_LOOPBACK);
  ferry_connection_dialog_update_signin (self);
}

/* "Try Again": back to the loopback flow for this server, and run it when the form is
 * complete (a reconnect needs nothing more). */
static void
ferry_connection_dialog_try_desktop_signin (GtkWidget  *widget,
                                            const char *action_name,
                                            GVariant   *parameter)
{
  FerryConnectionDialog *self = FERRY_CONNECTION_DIALOG (widget);
  const char *site = ferry_connection_dialog_get_site_url (self);
  GSettings *settings = ferry_context_get_settings (self->context);

  if (self->saving || site == NULL || settings == NULL)
    return;

  ferry_oauth_flow_remember_kind (settings, site, FERRY_OAUTH_FLOW_KIND_LOOPBACK);
  ferry_connection_dialog_update_signin (self);
  gtk_widget_activate_action (widget, self->connection != NULL ? "dialog.reconnect" : "dialog.save", NULL);
}

/* ---- Scope ---- */

gboolean
ferry_connection_dialog_for_project (FerryConnectionDialog *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->scope_row)) && adw_combo_row_get_selected (self->scope_row) == 0;
}

static void
scope_row_notify_selected_cb (FerryConnectionDialog *self)
{
  gtk_label_set_label (self->scope_hint_label,
                       ferry_connection_dialog_for_project (self)
                         ? _("Only this project’s syncs can use it.")
                         : _("The syncs of every project in the organization can use it. Creating it may need organization permissions."));
}

void
ferry_connection_dialog_setup_scope (FerryConnectionDialog *self)
{
  FerryProject *project = ferry_project_model_get_project (self->model);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autofree char *this_project = NULL;

  /* Translators: %s is the Infisical project the dialog was opened in */
  this_project = g_strdup_printf (_("This project (%s)"), ferry_project_get_name (project));

  if (self->connection != NULL)
    {
      /* The server keeps a connection where it was made (PATCH drops projectId). */
      gtk_widget_set_visible (GTK_WIDGET (self->scope_row), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->scope_info_row), TRUE);
      adw_action_row_set_subtitle (self->scope_info_row,
                                   ferry_connection_get_project_id (self->connection) != NULL
                                     ? this_project : _("The whole organization"));
      gtk_label_set_label (self->scope_hint_label, _("Where a connection belongs cannot be changed."));
      return;
    }

  if (ferry_project_model_get_project_connections (self->model) == FERRY_PROJECT_CONNECTIONS_UNSUPPORTED)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->scope_row), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->scope_info_row), TRUE);
      adw_action_row_set_subtitle (self->scope_info_row, _("The whole organization"));
      gtk_label_set_label (self->scope_hint_label,
                           _("This server has no project connections: every connection belongs to the organization, and the syncs of every project can use it."));
      return;
    }

  gtk_string_list_append (labels, this_project);
  gtk_string_list_append (labels, _("The whole organization"));
  adw_combo_row_set_model (self->scope_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->scope_row, 0);
  g_signal_connect_object (self->scope_row, "notify::selected", G_CALLBACK (scope_row_notify_selected_cb),
                           self, G_CONNECT_SWAPPED);
  scope_row_notify_selected_cb (self);
}

void
ferry_connection_dialog_class_init_oauth (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, FerryConnectionDialog, oauth_revealer);
  gtk_widget_class_bind_template_child (widget_class, FerryConnectionDialog, oauth_label);
  gtk_widget_class_bind_template_child (widget_class, FerryConnectionDialog, link_copied_label);
  gtk_widget_class_bind_template_child (widget_class, FerryConnectionDialog, reconnect_row);
  gtk_widget_class_bind_template_child (widget_class, FerryConnectionDialog, signin_row);
  gtk_widget_class_bind_template_child (widget_class, FerryConnectionDialog, try_desktop_row);
  gtk_widget_class_bind_template_child (widget_class, FerryConnectionDialog, scope_group);
  gtk_widget_class_bind_template_child (widget_class, FerryConnectionDialog, scope_row);
  gtk_widget_class_bind_template_child (widget_class, FerryConnectionDialog, scope_info_row);
  gtk_widget_class_bind_template_child (widget_class, FerryConnectionDialog, scope_hint_label);
  gtk_widget_class_bind_template_callback (widget_class, signin_row_notify_selected_cb);

  gtk_widget_class_install_action (widget_class, "dialog.reconnect", NULL, ferry_connection_dialog_reconnect);
  gtk_widget_class_install_action (widget_class, "dialog.stop-oauth", NULL, ferry_connection_dialog_stop_oauth);
  gtk_widget_class_install_action (widget_class, "dialog.copy-link", NULL, ferry_connection_dialog_copy_link);
  gtk_widget_class_install_action (widget_class, "dialog.open-again", NULL, ferry_connection_dialog_open_again);
  gtk_widget_class_install_action (widget_class, "dialog.try-desktop-signin", NULL, ferry_connection_dialog_try_desktop_signin);
}
