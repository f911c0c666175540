/* ferry-destination-page.c
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-connection-dialog.h"
#include "ferry-destination-page.h"
#include "ferry-ui-utils.h"

struct _FerryDestinationPage
{
  FerryAssistantPage  parent_instance;

  FerrySyncDraft     *draft;               /* the base class's, for brevity */

  GCancellable       *cancellable;         /* page lifetime */
  GCancellable       *devops_cancellable;  /* projects of one connection */
  GCancellable       *check_cancellable;   /* check-destination */
  GListStore         *connections;
  GListStore         *devops_projects;
  char               *devops_loaded_for;   /* connection id */
  char               *remote_duplicate_for; /* devops project id check-destination flagged */
  gboolean            setting_asked;        /* the organization's duplicate setting */

  guint               connections_loaded : 1;
  guint               connections_loading : 1;
  guint               manual : 1;
  guint               forbidden : 1;

  /* Template widgets */
  GtkButton          *add_connection_button;
  AdwComboRow        *connection_row;
  GtkSpinner         *connection_spinner;
  GtkLabel           *connection_message;
  GtkButton          *connection_retry_button;
  GtkToggleButton    *manual_button;
  AdwComboRow        *devops_row;
  GtkSpinner         *devops_spinner;
  AdwEntryRow        *devops_id_row;
  AdwEntryRow        *devops_name_row;
  GtkLabel           *devops_message;
  GtkButton          *devops_retry_button;
  GtkLabel           *devops_error_message;
  AdwActionRow       *variable_group_row;
  GtkLabel           *duplicate_message;
};

G_DEFINE_FINAL_TYPE (FerryDestinationPage, ferry_destination_page, FERRY_TYPE_ASSISTANT_PAGE)

static void load_devops_projects (FerryDestinationPage *self);

static void
begin_update (FerryDestinationPage *self)
{
  ferry_assistant_page_begin_update (FERRY_ASSISTANT_PAGE (self));
}

static void
end_update (FerryDestinationPage *self)
{
  ferry_assistant_page_end_update (FERRY_ASSISTANT_PAGE (self));
}

static gboolean
updating (FerryDestinationPage *self)
{
  return ferry_assistant_page_get_updating (FERRY_ASSISTANT_PAGE (self));
}

static void
set_spinning (GtkSpinner *spinner,
              gboolean    spinning)
{
  gtk_widget_set_visible (GTK_WIDGET (spinner), spinning);
  gtk_spinner_set_spinning (spinner, spinning);
}

static FerryApiClient *
get_client (FerryDestinationPage *self)
{
  return ferry_assistant_page_get_client (FERRY_ASSISTANT_PAGE (self));
}

/* ---- The variable group and other syncs writing to it ---- */

static FerryServerTraits *
get_traits (FerryDestinationPage *self)
{
  FerryWorkspace *workspace = ferry_project_model_get_workspace (ferry_assistant_page_get_model (FERRY_ASSISTANT_PAGE (self)));

  return workspace != NULL ? ferry_workspace_get_server_traits (workspace) : NULL;
}

static void
refresh_variable_group (FerryDestinationPage *self)
{
  const char *group = ferry_sync_draft_get_environment_name (self->draft);
  const char *devops_id = ferry_sync_draft_get_devops_project_id (self->draft);
  const char *own_id = ferry_sync_draft_get_sync_id (self->draft);
  const char *devops_name = ferry_sync_draft_get_devops_project_name (self->draft);
  g_autofree char *subtitle = NULL;
  g_autofree char *warning = NULL;

  if (group == NULL)
    group = ferry_sync_draft_get_environment_slug (self->draft);

  if (group != NULL && devops_name != NULL)
    /* Translators: “Production” in Fabrikam: first %s is the variable group, second the Azure DevOps project. */
    subtitle = g_strdup_printf (_("“%s” in %s"), group, devops_name);
  else if (group != NULL)
    subtitle = g_strdup_printf ("“%s”", group);
  adw_action_row_set_subtitle (self->variable_group_row, subtitle ? subtitle : "");

  if (group != NULL && devops_id != NULL && *devops_id != '\0')
    {
      GListModel *syncs = ferry_project_model_get_syncs (ferry_assistant_page_get_model (FERRY_ASSISTANT_PAGE (self)));

      for (guint i = 0; i < g_list_model_get_n_items (syncs); i++)
        {
          g_autoptr(FerrySync) sync = g_list_model_get_item (syncs, i);

          if (g_strcmp0 (ferry_resource_get_id (FERRY_RESOURCE (sync)), own_id) == 0)
            continue;
          if (g_ascii_strcasecmp (ferry_sync_get_devops_project_id (sync), devops_id) != 0)
            continue;
          if (g_strcmp0 (ferry_sync_get_environment_name (sync), group) != 0)
            continue;

          /* Translators: first %s is a sync name, second the variable group name. */
          warning = g_strdup_printf (_("The sync “%s” already writes to the variable group “%s” in this "
                                       "Azure DevOps project. Each sync replaces the whole group, so the "
                                       "two would overwrite each other. Choose another project or environment."),
                                     ferry_sync_get_name (sync), group);
          break;
        }
    }

  if (devops_id != NULL && g_strcmp0 (self->remote_duplicate_for, devops_id) == 0)
    {
      FerryServerTraits *traits = get_traits (self);

      /* The organization refuses it (blockDuplicateSecretSyncDestinations): not a warning but
       * the reason this project cannot be used, on the step where it is chosen. */
      if (traits != NULL && ferry_server_traits_get_duplicates_blocked (traits))
        {
          ferry_sync_draft_set_field_error (self->draft, FERRY_SYNC_DRAFT_FIELD_DEVOPS_PROJECT,
                                            ferry_sync_draft_duplicate_destination_message ());
          g_clear_pointer (&warning, g_free);
        }
      else if (warning == NULL)
        warning = g_strdup (_("Another sync in your organization already writes to this Azure DevOps project. "
                              "If your organization allows only one sync per destination, Infisical will refuse this one."));
    }

  ferry_assistant_page_show_message (self->duplicate_message, warning, "warning");
}

static void
list_organizations_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(FerryDestinationPage) self = user_data;
  g_autoptr(GListStore) organizations = NULL;
  g_autoptr(GError) error = NULL;
  FerryWorkspace *workspace = ferry_project_model_get_workspace (ferry_assistant_page_get_model (FERRY_ASSISTANT_PAGE (self)));
  FerryServerTraits *traits = get_traits (self);
  const char *org_id;
  FerryOrganization *organization;

  organizations = ferry_api_client_list_organizations_finish (FERRY_API_CLIENT (object), result, &error);
  /* Identity tokens may not read it (403): then only a refusal tells. */
  if (organizations == NULL || workspace == NULL || traits == NULL)
    return;

  org_id = ferry_account_get_organization_id (ferry_workspace_get_account (workspace));
  organization = ferry_resource_find_by_id (G_LIST_MODEL (organizations), org_id);
  if (organization != NULL)
    ferry_server_traits_set_duplicates_blocked (traits,
                                                ferry_organization_get_block_duplicate_destinations (organization));
  refresh_variable_group (self);
}

/* Whether the organization blocks duplicate destinations, once per account. */
static void
load_duplicate_setting (FerryDestinationPage *self)
{
  FerryServerTraits *traits = get_traits (self);
  FerryApiClient *client = get_client (self);

  if (traits == NULL || client == NULL || ferry_server_traits_get_duplicates_known (traits) || self->setting_asked)
    return;
  self->setting_asked = TRUE;
  ferry_api_client_list_organizations_async (client, self->cancellable, list_organizations_cb, g_object_ref (self));
}

static void
check_destination_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(FerryDestinationPage) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean has_duplicate = FALSE;

  if (!ferry_api_client_check_destination_finish (FERRY_API_CLIENT (object), result, &has_duplicate, &error))
    {
      /* Only a warning: the server decides when the sync is created. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("check-destination failed: %s", error->message);
      return;
    }

  g_clear_pointer (&self->remote_duplicate_for, g_free);
  if (has_duplicate)
    self->remote_duplicate_for = g_strdup (ferry_sync_draft_get_devops_project_id (self->draft));
  refresh_variable_group (self);
}

static void
check_destination (FerryDestinationPage *self)
{
  const char *devops_id = ferry_sync_draft_get_devops_project_id (self->draft);
  FerryApiClient *client = get_client (self);

  g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  g_clear_pointer (&self->remote_duplicate_for, g_free);

  if (client == NULL || devops_id == NULL || !g_uuid_string_is_valid (devops_id) ||
      ferry_sync_draft_get_project_id (self->draft) == NULL)
    return;

  self->check_cancellable = g_cancellable_new ();
  ferry_api_client_check_destination_async (client,
                                            ferry_sync_draft_get_project_id (self->draft),
                                            devops_id,
                                            ferry_sync_draft_get_sync_id (self->draft),
                                            self->check_cancellable,
                                            check_destination_cb,
                                            g_object_ref (self));
}

/* ---- Azure DevOps projects ---- */

static void
update_manual_mode (FerryDestinationPage *self)
{
  gboolean manual = self->manual;

  gtk_widget_set_visible (GTK_WIDGET (self->devops_row), !manual);
  gtk_widget_set_visible (GTK_WIDGET (self->devops_id_row), manual);
  gtk_widget_set_visible (GTK_WIDGET (self->devops_name_row), manual);

  if (gtk_toggle_button_get_active (self->manual_button) != manual)
    {
      begin_update (self);
      gtk_toggle_button_set_active (self->manual_button, manual);
      end_update (self);
    }
  /* A machine identity cannot list projects, so there is nothing to switch back to. */
  gtk_widget_set_visible (GTK_WIDGET (self->manual_button), !self->forbidden);

  if (manual)
    {
      FerryAssistantPage *page = FERRY_ASSISTANT_PAGE (self);

      ferry_assistant_page_set_text (page, GTK_EDITABLE (self->devops_id_row),
                                     ferry_sync_draft_get_devops_project_id (self->draft));
      ferry_assistant_page_set_text (page, GTK_EDITABLE (self->devops_name_row),
                                     ferry_sync_draft_get_devops_project_name (self->draft));
    }
}

static void
refresh_devops_error (FerryDestinationPage *self)
{
  g_autofree char *message = NULL;

  /* Picked from the list, only an error from elsewhere can be wrong with it. */
  if (self->manual)
    message = ferry_assistant_page_dup_field_message (FERRY_ASSISTANT_PAGE (self),
                                                      FERRY_SYNC_DRAFT_FIELD_DEVOPS_PROJECT,
                                                      ferry_sync_draft_get_devops_project_id (self->draft));
  else if (ferry_sync_draft_get_field_error (self->draft, FERRY_SYNC_DRAFT_FIELD_DEVOPS_PROJECT) != NULL)
    message = ferry_sync_draft_validate_field (self->draft, FERRY_SYNC_DRAFT_FIELD_DEVOPS_PROJECT);

  ferry_assistant_page_show_message (self->devops_error_message, message, "error");
  ferry_ui_set_invalid (GTK_WIDGET (self->devops_id_row), message != NULL && self->manual);

  {
    /* A connection the server refused (deleted meanwhile, wrong app). */
    const char *error = ferry_sync_draft_get_field_error (self->draft, FERRY_SYNC_DRAFT_FIELD_CONNECTION);

    if (error != NULL)
      ferry_assistant_page_show_message (self->connection_message, error, "error");
  }
}

static void
select_devops_project (FerryDestinationPage *self)
{
  const char *id = ferry_sync_draft_get_devops_project_id (self->draft);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->devops_projects));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FerryDevopsProject) project = g_list_model_get_item (G_LIST_MODEL (self->devops_projects), i);

      if (id != NULL && g_ascii_strcasecmp (ferry_devops_project_get_app_id (project), id) == 0)
        {
          begin_update (self);
          adw_combo_row_set_selected (self->devops_row, i);
          end_update (self);
          return;
        }
    }

  if (n > 0)
    {
      g_autoptr(FerryDevopsProject) first = g_list_model_get_item (G_LIST_MODEL (self->devops_projects), 0);
      gboolean was_dirty = ferry_sync_draft_get_dirty (self->draft);

      begin_update (self);
      adw_combo_row_set_selected (self->devops_row, 0);
      end_update (self);
      ferry_sync_draft_set_devops_project (self->draft,
                                           ferry_devops_project_get_app_id (first),
                                           ferry_devops_project_get_name (first));
      /* A preselection is not a change of the user's. */
      if (!was_dirty)
        ferry_sync_draft_mark_clean (self->draft);
    }
}

static void
list_devops_projects_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(FerryDestinationPage) self = user_data;
  g_autoptr(GListStore) projects = NULL;
  g_autoptr(GError) error = NULL;

  projects = ferry_api_client_list_devops_projects_finish (FERRY_API_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_spinning (self->devops_spinner, FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->devops_row), TRUE);

  if (projects == NULL)
    {
      g_clear_pointer (&self->devops_loaded_for, g_free);

      if (g_error_matches (error, FERRY_API_ERROR, FERRY_API_ERROR_FORBIDDEN))
        {
          self->forbidden = TRUE;
          self->manual = TRUE;
          ferry_assistant_page_show_message (self->devops_message,
                       _("Infisical lists Azure DevOps projects only for people signed in as a user, and you "
                         "are signed in with a machine identity: enter the project’s id and name as Azure "
                         "DevOps shows them."),
                       "dim-label");
          gtk_widget_set_visible (GTK_WIDGET (self->devops_retry_button), FALSE);
        }
      else
        {
          /* Translators: %s is a sentence saying what went wrong. */
          g_autofree char *message = g_strdup_printf (_("Could not load the Azure DevOps projects. %s You can also enter the project by hand."),
                                                      error->message);
          ferry_assistant_page_show_message (self->devops_message, message, "error");
          gtk_widget_set_visible (GTK_WIDGET (self->devops_retry_button), TRUE);
        }
      update_manual_mode (self);
      refresh_devops_error (self);
      return;
    }

  ferry_assistant_page_show_message (self->devops_message, NULL, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->devops_retry_button), FALSE);

  begin_update (self);
  g_list_store_remove_all (self->devops_projects);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (projects)); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (projects), i);
      g_list_store_append (self->devops_projects, item);
    }
  end_update (self);

  if (g_list_model_get_n_items (G_LIST_MODEL (projects)) == 0)
    ferry_assistant_page_show_message (self->devops_message,
                 _("This connection sees no Azure DevOps projects. Check that its account is a member of a project."),
                 "warning");
  else if (!self->manual)
    select_devops_project (self);

  refresh_devops_error (self);
}

static void
load_devops_projects (FerryDestinationPage *self)
{
  const char *connection_id = ferry_sync_draft_get_connection_id (self->draft);
  FerryApiClient *client = get_client (self);

  /* Already loaded or loading for this connection. */
  if (connection_id != NULL && g_strcmp0 (self->devops_loaded_for, connection_id) == 0)
    return;

  g_cancellable_cancel (self->devops_cancellable);
  g_clear_object (&self->devops_cancellable);

  if (connection_id == NULL || client == NULL)
    return;
  /* A machine identity is refused for every connection: do not ask again. */
  if (self->forbidden)
    return;

  g_free (self->devops_loaded_for);
  self->devops_loaded_for = g_strdup (connection_id);

  begin_update (self);
  g_list_store_remove_all (self->devops_projects);
  end_update (self);
  set_spinning (self->devops_spinner, TRUE);
  ferry_assistant_page_show_message (self->devops_message, _("Loading the connection’s Azure DevOps projects…"), "dim-label");
  gtk_widget_set_visible (GTK_WIDGET (self->devops_retry_button), FALSE);

  self->devops_cancellable = g_cancellable_new ();
  ferry_api_client_list_devops_projects_async (client, connection_id, self->devops_cancellable,
                                               list_devops_projects_cb, g_object_ref (self));
}

static void
devops_retry_clicked_cb (FerryDestinationPage *self)
{
  g_clear_pointer (&self->devops_loaded_for, g_free);
  load_devops_projects (self);
}

static void
devops_selected_cb (FerryDestinationPage *self)
{
  g_autoptr(FerryDevopsProject) project = NULL;
  guint selected;

  if (updating (self) || self->manual)
    return;

  selected = adw_combo_row_get_selected (self->devops_row);
  if (selected == GTK_INVALID_LIST_POSITION)
    return;

  project = g_list_model_get_item (G_LIST_MODEL (self->devops_projects), selected);
  if (project != NULL)
    ferry_sync_draft_set_devops_project (self->draft,
                                         ferry_devops_project_get_app_id (project),
                                         ferry_devops_project_get_name (project));
}

static void
manual_entry_changed_cb (FerryDestinationPage *self)
{
  const char *id;
  const char *name;

  if (updating (self))
    return;

  ferry_assistant_page_touch_field (FERRY_ASSISTANT_PAGE (self), FERRY_SYNC_DRAFT_FIELD_DEVOPS_PROJECT);
  id = gtk_editable_get_text (GTK_EDITABLE (self->devops_id_row));
  name = gtk_editable_get_text (GTK_EDITABLE (self->devops_name_row));
  ferry_sync_draft_set_devops_project (self->draft, id, *name != '\0' ? name : NULL);
}

static void
manual_toggled_cb (FerryDestinationPage *self)
{
  if (updating (self))
    return;

  self->manual = gtk_toggle_button_get_active (self->manual_button);
  update_manual_mode (self);
  if (!self->manual)
    {
      /* Back to the list: pick from it again. */
      if (g_list_model_get_n_items (G_LIST_MODEL (self->devops_projects)) > 0)
        select_devops_project (self);
      else
        devops_retry_clicked_cb (self);
    }
  refresh_devops_error (self);
}

/* ---- Connections ---- */

static void
select_connection (FerryDestinationPage *self)
{
  const char *id = ferry_sync_draft_get_connection_id (self->draft);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->connections));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FerryConnection) connection = g_list_model_get_item (G_LIST_MODEL (self->connections), i);

      if (g_strcmp0 (ferry_resource_get_id (FERRY_RESOURCE (connection)), id) == 0)
        {
          begin_update (self);
          adw_combo_row_set_selected (self->connection_row, i);
          end_update (self);
          return;
        }
    }

  if (n > 0 && id == NULL)
    {
      g_autoptr(FerryConnection) first = g_list_model_get_item (G_LIST_MODEL (self->connections), 0);
      gboolean was_dirty = ferry_sync_draft_get_dirty (self->draft);

      begin_update (self);
      adw_combo_row_set_selected (self->connection_row, 0);
      end_update (self);
      ferry_sync_draft_set_connection (self->draft,
                                       ferry_resource_get_id (FERRY_RESOURCE (first)),
                                       ferry_connection_get_name (first));
      if (!was_dirty)
        ferry_sync_draft_mark_clean (self->draft);
    }
  else if (id != NULL)
    {
      /* The sync's connection is not offered in this project any more. */
      ferry_assistant_page_show_message (self->connection_message,
                   _("The sync’s current connection cannot be used in this project any more. Choose another one."),
                   "warning");
    }
}

static void
list_connections_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(FerryDestinationPage) self = user_data;
  g_autoptr(GListStore) connections = NULL;
  g_autoptr(GError) error = NULL;

  connections = ferry_api_client_list_available_connections_finish (FERRY_API_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->connections_loading = FALSE;
  set_spinning (self->connection_spinner, FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->connection_row), TRUE);

  if (connections == NULL)
    {
      /* Translators: %s is a sentence saying what went wrong. */
      g_autofree char *message = g_strdup_printf (_("Could not load the connections. %s"), error->message);

      ferry_assistant_page_show_message (self->connection_message, message, "error");
      gtk_widget_set_visible (GTK_WIDGET (self->connection_retry_button), TRUE);
      return;
    }

  self->connections_loaded = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (self->connection_retry_button), FALSE);
  ferry_assistant_page_show_message (self->connection_message, NULL, NULL);

  begin_update (self);
  g_list_store_remove_all (self->connections);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (connections)); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (connections), i);
      g_list_store_append (self->connections, item);
    }
  end_update (self);

  if (g_list_model_get_n_items (G_LIST_MODEL (connections)) == 0)
    {
      ferry_assistant_page_show_message (self->connection_message,
                   _("No Azure DevOps connection can be used in this project yet. Add one to continue."),
                   "dim-label");
      gtk_widget_set_visible (GTK_WIDGET (self->connection_row), FALSE);
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->connection_row), TRUE);
  select_connection (self);
  load_devops_projects (self);
  refresh_devops_error (self);
}

static void
load_connections (FerryDestinationPage *self)
{
  FerryApiClient *client = get_client (self);

  if (self->connections_loading)
    return;

  if (client == NULL)
    {
      ferry_assistant_page_show_message (self->connection_message, _("Sign in to load the connections."), "error");
      return;
    }

  self->connections_loading = TRUE;
  set_spinning (self->connection_spinner, TRUE);
  ferry_assistant_page_show_message (self->connection_message, _("Loading connections…"), "dim-label");
  gtk_widget_set_visible (GTK_WIDGET (self->connection_retry_button), FALSE);
  ferry_api_client_list_available_connections_async (client,
                                                     ferry_sync_draft_get_project_id (self->draft),
                                                     self->cancellable,
                                                     list_connections_cb,
                                                     g_object_ref (self));
}

static void
connection_retry_clicked_cb (FerryDestinationPage *self)
{
  load_connections (self);
}

static void
connection_selected_cb (FerryDestinationPage *self)
{
  g_autoptr(FerryConnection) connection = NULL;
  guint selected;

  if (updating (self))
    return;

  selected = adw_combo_row_get_selected (self->connection_row);
  if (selected == GTK_INVALID_LIST_POSITION)
    return;

  connection = g_list_model_get_item (G_LIST_MODEL (self->connections), selected);
  if (connection != NULL)
    ferry_sync_draft_set_connection (self->draft,
                                     ferry_resource_get_id (FERRY_RESOURCE (connection)),
                                     ferry_connection_get_name (connection));
}

static void
connection_saved_cb (FerryDestinationPage *self,
                     FerryConnection      *connection)
{
  /* Select the new connection, then reload the list so it shows up there. */
  ferry_sync_draft_set_connection (self->draft,
                                   ferry_resource_get_id (FERRY_RESOURCE (connection)),
                                   ferry_connection_get_name (connection));
  load_connections (self);
}

static void
add_connection_clicked_cb (FerryDestinationPage *self)
{
  FerryConnectionDialog *dialog;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  dialog = ferry_connection_dialog_new (ferry_assistant_page_get_context (FERRY_ASSISTANT_PAGE (self)),
                                        ferry_assistant_page_get_model (FERRY_ASSISTANT_PAGE (self)),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        NULL);
  g_signal_connect_object (dialog, "connection-saved", G_CALLBACK (connection_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- Draft ---- */

static void
draft_connection_changed_cb (FerryDestinationPage *self)
{
  ferry_assistant_page_show_message (self->connection_message, NULL, NULL);
  load_devops_projects (self);
}

static void
draft_devops_changed_cb (FerryDestinationPage *self)
{
  check_destination (self);
  refresh_variable_group (self);
}

static void
draft_changed_cb (FerryDestinationPage *self)
{
  refresh_variable_group (self);
  refresh_devops_error (self);
}

static void
ferry_destination_page_shown (FerryAssistantPage *page)
{
  FerryDestinationPage *self = FERRY_DESTINATION_PAGE (page);
  FerryProjectModel *model = ferry_assistant_page_get_model (page);

  if (!self->connections_loaded)
    load_connections (self);
  load_duplicate_setting (self);

  /* The duplicate warning reads the project's sync list, which the Syncs page has
   * usually loaded already; the warning is a courtesy, check-destination still runs. */
  if (ferry_project_model_get_syncs_state (model) == FERRY_LOAD_STATE_IDLE ||
      ferry_project_model_get_syncs_state (model) == FERRY_LOAD_STATE_ERROR)
    ferry_project_model_refresh (model);

  /* The environment may have changed on the Source step. */
  refresh_variable_group (self);
  if (self->remote_duplicate_for == NULL)
    check_destination (self);
}

static void
ferry_destination_page_constructed (GObject *object)
{
  FerryDestinationPage *self = FERRY_DESTINATION_PAGE (object);
  g_autoptr(GtkExpression) connection_name = NULL;
  g_autoptr(GtkExpression) devops_name = NULL;

  G_OBJECT_CLASS (ferry_destination_page_parent_class)->constructed (object);

  self->draft = ferry_assistant_page_get_draft (FERRY_ASSISTANT_PAGE (self));

  connection_name = gtk_property_expression_new (FERRY_TYPE_CONNECTION, NULL, "name");
  adw_combo_row_set_expression (self->connection_row, connection_name);
  adw_combo_row_set_model (self->connection_row, G_LIST_MODEL (self->connections));
  devops_name = gtk_property_expression_new (FERRY_TYPE_DEVOPS_PROJECT, NULL, "name");
  adw_combo_row_set_expression (self->devops_row, devops_name);
  adw_combo_row_set_model (self->devops_row, G_LIST_MODEL (self->devops_projects));

  g_signal_connect_object (self->connection_row, "notify::selected", G_CALLBACK (connection_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->devops_row, "notify::selected", G_CALLBACK (devops_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->devops_id_row, "changed", G_CALLBACK (manual_entry_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->devops_name_row, "changed", G_CALLBACK (manual_entry_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->manual_button, "toggled", G_CALLBACK (manual_toggled_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->draft, "notify::connection-id", G_CALLBACK (draft_connection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->draft, "notify::devops-project-id", G_CALLBACK (draft_devops_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->draft, "changed", G_CALLBACK (draft_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (ferry_assistant_page_get_model (FERRY_ASSISTANT_PAGE (self)), "syncs-changed",
                           G_CALLBACK (refresh_variable_group), self, G_CONNECT_SWAPPED);

  update_manual_mode (self);
  refresh_variable_group (self);
}

static void
ferry_destination_page_dispose (GObject *object)
{
  FerryDestinationPage *self = FERRY_DESTINATION_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->devops_cancellable);
  g_cancellable_cancel (self->check_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), FERRY_TYPE_DESTINATION_PAGE);

  G_OBJECT_CLASS (ferry_destination_page_parent_class)->dispose (object);
}

static void
ferry_destination_page_finalize (GObject *object)
{
  FerryDestinationPage *self = FERRY_DESTINATION_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->devops_cancellable);
  g_clear_object (&self->check_cancellable);
  g_clear_object (&self->connections);
  g_clear_object (&self->devops_projects);
  g_clear_pointer (&self->devops_loaded_for, g_free);
  g_clear_pointer (&self->remote_duplicate_for, g_free);

  G_OBJECT_CLASS (ferry_destination_page_parent_class)->finalize (object);
}

static void
ferry_destination_page_class_init (FerryDestinationPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  FerryAssistantPageClass *page_class = FERRY_ASSISTANT_PAGE_CLASS (klass);

  object_class->constructed = ferry_destination_page_constructed;
  object_class->dispose = ferry_destination_page_dispose;
  object_class->finalize = ferry_destination_page_finalize;

  page_class->step = FERRY_SYNC_DRAFT_STEP_DESTINATION;
  page_class->name = "destination";
  /* Translators: the steps of the assistant, numbered in the step indicator. */
  page_class->title = N_("Destination");
  page_class->shown = ferry_destination_page_shown;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ferry-destination-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FerryDestinationPage, add_connection_button);
  gtk_widget_class_bind_template_child (widget_class, FerryDestinationPage, connection_row);
  gtk_widget_class_bind_template_child (widget_class, FerryDestinationPage, connection_spinner);
  gtk_widget_class_bind_template_child (widget_class, FerryDestinationPage, connection_message);
  gtk_widget_class_bind_template_child (widget_class, FerryDestinationPage, connection_retry_button);
  gtk_widget_class_bind_template_child (widget_class, FerryDestinationPage, manual_button);
  gtk_widget_class_bind_template_child (widget_class, FerryDestinationPage, devops_row);
  gtk_widget_class_bind_template_child (widget_class, FerryDestinationPage, devops_spinner);
  gtk_widget_class_bind_template_child (widget_class, FerryDestinationPage, devops_id_row);
  gtk_widget_class_bind_template_child (widget_class, FerryDestinationPage, devops_name_row);
  gtk_widget_class_bind_template_child (widget_class, FerryDestinationPage, devops_message);
  gtk_widget_class_bind_template_child (widget_class, FerryDestinationPage, devops_retry_button);
  gtk_widget_class_bind_template_child (widget_class, FerryDestinationPage, devops_error_message);
  gtk_widget_class_bind_template_child (widget_class, FerryDestinationPage, variable_group_row);
  gtk_widget_class_bind_template_child (widget_class, FerryDestinationPage, duplicate_message);
  gtk_widget_class_bind_template_callback (widget_class, add_connection_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, connection_retry_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, devops_retry_clicked_cb);
}

static void
ferry_destination_page_init (FerryDestinationPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->connections = g_list_store_new (FERRY_TYPE_CONNECTION);
  self->devops_projects = g_list_store_new (FERRY_TYPE_DEVOPS_PROJECT);
}
