/* ferry-syncs-page-share.c
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Open and Copy for the selected sync (syncs.open-in-infisical, syncs.open-variable-group,
 * syncs.copy-id, syncs.copy-link, syncs.copy-terraform, syncs.copy-connection-terraform,
 * syncs.copy-curl). What they hand
 * out is made in src/core/ferry-sync-export.c; here it only goes to the clipboard or the
 * browser, and a toast says so. The list's rows offer them, with the sync's other actions,
 * in a context menu (right click, or a long press on a touch screen).
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-sync-export.h"
#include "ferry-sync-row.h"
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

/* The sync's connection as Terraform, its credentials as variables. */
static void
copy_connection_terraform_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  FerrySyncsPage *self = FERRY_SYNCS_PAGE (widget);
  FerrySync *sync = selected_sync (self);
  FerryConnection *connection;
  g_autofree char *hcl = NULL;

  if (sync == NULL || self->model == NULL)
    return;

  connection = ferry_project_model_find_connection (self->model, ferry_sync_get_connection_id (sync));
  if (connection == NULL)
    {
      ferry_ui_toast (GTK_WIDGET (self), _("The connection of this sync is not known yet. Open the Connections page, then try again."), 5);
      return;
    }

  hcl = ferry_export_connection_terraform (connection, NULL);
  if (hcl == NULL)
    {
      /* The provider's "method" has no OAuth. */
      ferry_ui_toast (GTK_WIDGET (self), _("Terraform cannot create connections that sign in with OAuth."), 5);
      return;
    }
  copy_text (self, hcl, _("Terraform copied; it asks for the credentials as variables"));
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
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "syncs.copy-connection-terraform", have);
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
  gtk_widget_class_install_action (widget_class, "syncs.copy-connection-terraform", NULL, copy_connection_terraform_action);
  gtk_widget_class_install_action (widget_class, "syncs.copy-curl", NULL, copy_curl_action);
}

/* ---- The rows' context menu ---- */

static GMenuModel *
create_row_menu (void)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) run = g_menu_new ();
  g_autoptr(GMenu) open = g_menu_new ();
  g_autoptr(GMenu) copy = g_menu_new ();
  g_autoptr(GMenu) destroy = g_menu_new ();

  g_menu_append (run, _("Sync _Now"), "syncs.sync-now");
  g_menu_append (run, _("_Edit…"), "syncs.edit");
  g_menu_append (open, _("Open in _Infisical"), "syncs.open-in-infisical");
  g_menu_append (open, _("Open _Variable Group in Azure DevOps"), "syncs.open-variable-group");
  g_menu_append (copy, _("Copy Sync I_D"), "syncs.copy-id");
  g_menu_append (copy, _("Copy _Link"), "syncs.copy-link");
  g_menu_append (copy, _("Copy as _Terraform"), "syncs.copy-terraform");
  g_menu_append (copy, _("Copy C_onnection as Terraform"), "syncs.copy-connection-terraform");
  g_menu_append (copy, _("Copy as _curl"), "syncs.copy-curl");
  g_menu_append (destroy, _("_Remove Secrets from Azure DevOps…"), "syncs.remove-secrets");
  g_menu_append (destroy, _("_Delete Sync…"), "syncs.delete");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (run));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (open));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (copy));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (destroy));

  return G_MENU_MODEL (menu);
}

/* Selects the row's sync (without leaving a folded list) and opens the menu at @x, @y of
 * the list view; the actions then act on it. */
static void
popup_row_menu (FerrySyncsPage *self,
                double          x,
                double          y)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self->list_view), x, y, GTK_PICK_DEFAULT);
  GtkWidget *row = picked != NULL ? gtk_widget_get_ancestor (picked, FERRY_TYPE_SYNC_ROW) : NULL;
  FerrySync *sync = row != NULL ? ferry_sync_row_get_sync (FERRY_SYNC_ROW (row)) : NULL;
  GListModel *visible = G_LIST_MODEL (self->sort_model);
  double page_x, page_y;

  if (sync == NULL)
    return;

  for (guint i = 0; i < g_list_model_get_n_items (visible); i++)
    {
      g_autoptr(FerrySync) item = g_list_model_get_item (visible, i);

      if (item == sync)
        {
          gtk_single_selection_set_selected (self->selection, i);
          break;
        }
    }

  if (self->row_menu == NULL)
    {
      g_autoptr(GMenuModel) model = create_row_menu ();

      self->row_menu = gtk_popover_menu_new_from_model (model);
      gtk_widget_set_parent (self->row_menu, GTK_WIDGET (self));
      gtk_popover_set_has_arrow (GTK_POPOVER (self->row_menu), FALSE);
      gtk_widget_set_halign (self->row_menu, GTK_ALIGN_START);
    }

  if (!gtk_widget_translate_coordinates (GTK_WIDGET (self->list_view), GTK_WIDGET (self), x, y, &page_x, &page_y))
    page_x = page_y = 0;
  gtk_popover_set_pointing_to (GTK_POPOVER (self->row_menu), &(GdkRectangle) { (int) page_x, (int) page_y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->row_menu));
}

static void
row_click_pressed_cb (GtkGestureClick *gesture,
                      int              n_press,
                      double           x,
                      double           y,
                      FerrySyncsPage  *self)
{
  popup_row_menu (self, x, y);
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
row_long_press_cb (GtkGestureLongPress *gesture,
                   double               x,
                   double               y,
                   FerrySyncsPage      *self)
{
  popup_row_menu (self, x, y);
}

void
_ferry_syncs_page_add_row_menu (FerrySyncsPage *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *press = gtk_gesture_long_press_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (click, "pressed", G_CALLBACK (row_click_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), GTK_EVENT_CONTROLLER (click));

  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (press), TRUE);
  g_signal_connect_object (press, "pressed", G_CALLBACK (row_long_press_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), GTK_EVENT_CONTROLLER (press));
}
