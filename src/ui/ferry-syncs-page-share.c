/* ferry-syncs-page-share.c
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Open and Copy for the selected sync (syncs.open-in-infisical, syncs.open-variable-group,
 * syncs.copy-id, syncs.copy-link, syncs.copy-terraform, syncs.copy-curl). What they hand
 * out is made in src/core/ferry-sync-export.c; here it only goes to the clipboard or the
 * browser, and a toast says so.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-sync-export.h"
#include "ferry-syncs-page-private.h"
#include "ferry-ui-utils.h"
#include "ferry-uri-opener-gtk.h"

static FerryAccount *
current_account (FerrySyncsPage *self)
{
  FerrySession *session = ferry_context_get_session (self->context);

  return session != NULL ? ferry_session_get_account (session) : NULL;
}

static FerrySync *
selected_sync (FerrySyncsPage *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

/* The Azure DevOps organization of the sync's connection, if the model has it. */
static const char *
devops_organization (FerrySyncsPage *self,
                     FerrySync      *sync)
{
  FerryConnection *connection;

  if (self->model == NULL)
    return NULL;

  connection = ferry_project_model_find_connection (self->model, ferry_sync_get_connection_id (sync));
  return connection != NULL ? ferry_connection_get_org_name (connection) : NULL;
}

static void
copy_text (FerrySyncsPage *self,
           const char     *text,
           const char     *toast)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
  ferry_ui_toast (GTK_WIDGET (self), toast, 3);
}

static void
open_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(FerrySyncsPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!ferry_uri_opener_open_finish (FERRY_URI_OPENER (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    ferry_ui_toast (GTK_WIDGET (self), error->message, 5);
}

static void
open_uri (FerrySyncsPage *self,
          const char     *uri)
{
  g_autoptr(FerryUriOpener) opener = NULL;

  if (self->uri_opener != NULL)
    opener = g_object_ref (self->uri_opener);
  else
    opener = ferry_uri_opener_gtk_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));

  ferry_uri_opener_open_async (opener, uri, self->cancellable, open_cb, g_object_ref (self));
}

void
ferry_syncs_page_set_uri_opener (FerrySyncsPage *self,
                                 FerryUriOpener *opener)
{
  g_return_if_fail (FERRY_IS_SYNCS_PAGE (self));
  g_return_if_fail (opener == NULL || FERRY_IS_URI_OPENER (opener));

  g_set_object (&self->uri_opener, opener);
}

/* The selected sync's page on the current account's server, or NULL. */
static char *
selected_sync_link (FerrySyncsPage *self)
{
  FerrySync *sync = selected_sync (self);
  FerryAccount *account = current_account (self);

  if (sync == NULL || account == NULL)
    return NULL;

  return ferry_export_sync_link (sync, ferry_account_get_site_url (account), ferry_account_get_organization_id (account));
}

static void
open_in_infisical_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  FerrySyncsPage *self = FERRY_SYNCS_PAGE (widget);
  g_autofree char *uri = selected_sync_link (self);

  if (uri != NULL)
    open_uri (self, uri);
}

static void
open_variable_group_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  FerrySyncsPage *self = FERRY_SYNCS_PAGE (widget);
  FerrySync *sync = selected_sync (self);
  g_autofree char *uri = NULL;

  if (sync == NULL)
    return;

  uri = ferry_export_variable_group_link (sync, devops_organization (self, sync));
  if (uri == NULL)
    {
      ferry_ui_toast (GTK_WIDGET (self), _("The Azure DevOps organization of this sync’s connection is not known yet. Open the Connections page, then try again."), 5);
      return;
    }
  open_uri (self, uri);
}

static void
copy_id_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  FerrySyncsPage *self = FERRY_SYNCS_PAGE (widget);
  FerrySync *sync = selected_sync (self);

  if (sync != NULL)
    copy_text (self, ferry_resource_get_id (FERRY_RESOURCE (sync)), _("Sync ID copied"));
}

static void
copy_link_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  FerrySyncsPage *self = FERRY_SYNCS_PAGE (widget);
  g_autofree char *uri = selected_sync_link (self);

  if (uri != NULL)
    copy_text (self, uri, _("Link copied"));
}

static void
copy_terraform_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  FerrySyncsPage *self = FERRY_SYNCS_PAGE (widget);
  FerrySync *sync = selected_sync (self);
  g_autofree char *hcl = NULL;

  if (sync == NULL)
    return;

  hcl = ferry_export_sync_terraform (sync);
  copy_text (self, hcl, _("Terraform copied"));
}

static void
copy_curl_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  FerrySyncsPage *self = FERRY_SYNCS_PAGE (widget);
  FerrySync *sync = selected_sync (self);
  FerryAccount *account = current_account (self);
  g_autofree char *curl = NULL;

  if (sync == NULL || account == NULL)
    return;

  curl = ferry_export_sync_curl (sync, ferry_account_get_site_url (account));
  copy_text (self, curl, _("Command copied; it reads the token from $INFISICAL_TOKEN"));
}

void
_ferry_syncs_page_update_share_actions (FerrySyncsPage *self)
{
  gboolean have = selected_sync (self) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "syncs.open-in-infisical", have);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "syncs.open-variable-group", have);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "syncs.copy-id", have);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "syncs.copy-link", have);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "syncs.copy-terraform", have);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "syncs.copy-curl", have);
}

void
_ferry_syncs_page_class_share_actions_init (FerrySyncsPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "syncs.open-in-infisical", NULL, open_in_infisical_action);
  gtk_widget_class_install_action (widget_class, "syncs.open-variable-group", NULL, open_variable_group_action);
  gtk_widget_class_install_action (widget_class, "syncs.copy-id", NULL, copy_id_action);
  gtk_widget_class_install_action (widget_class, "syncs.copy-link", NULL, copy_link_action);
  gtk_widget_class_install_action (widget_class, "syncs.copy-terraform", NULL, copy_terraform_action);
  gtk_widget_class_install_action (widget_class, "syncs.copy-curl", NULL, copy_curl_action);
}
