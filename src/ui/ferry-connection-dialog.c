/* ferry-connection-dialog.c
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Method, credentials and name of an Azure DevOps app connection, checked as people type
 * (slug rules, UUIDs) and by the server (which validates the credentials against Azure
 * DevOps). Server answers land next to the field they concern; nothing typed is lost.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-connection-dialog-private.h"
#include "ferry-ui-utils.h"


G_DEFINE_FINAL_TYPE (FerryConnectionDialog, ferry_connection_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_MODEL,
  PROP_CONNECTION,
  N_PROPS
};

enum {
  CONNECTION_SAVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const FerryConnectionMethod all_methods[] = {
  FERRY_CONNECTION_METHOD_ACCESS_TOKEN,
  FERRY_CONNECTION_METHOD_CLIENT_SECRET,
  FERRY_CONNECTION_METHOD_OAUTH,
};

FerryConnectionDialog *
ferry_connection_dialog_new (FerryContext      *context,
                             FerryProjectModel *model,
                             GtkWindow         *parent,
                             FerryConnection   *connection)
{
  g_return_val_if_fail (FERRY_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (FERRY_IS_PROJECT_MODEL (model), NULL);
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (connection == NULL || FERRY_IS_CONNECTION (connection), NULL);

  return g_object_new (FERRY_TYPE_CONNECTION_DIALOG,
                       "context", context,
                       "model", model,
                       "transient-for", parent,
                       "modal", TRUE,
                       "connection", connection,
                       NULL);
}

const char *
ferry_connection_dialog_get_project_id (FerryConnectionDialog *self)
{
  return ferry_resource_get_id (FERRY_RESOURCE (ferry_project_model_get_project (self->model)));
}

FerryConnection *
ferry_connection_dialog_get_connection (FerryConnectionDialog *self)
{
  g_return_val_if_fail (FERRY_IS_CONNECTION_DIALOG (self), NULL);

  return self->connection;
}

static const char *
row_text (gpointer row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static gboolean
row_empty (gpointer row)
{
  const char *text = row_text (row);
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  return stripped[0] == '\0';
}

static char *
row_stripped (gpointer row)
{
  return g_strstrip (g_strdup (row_text (row)));
}

static FerryConnectionMethod
ferry_connection_dialog_get_method (FerryConnectionDialog *self)
{
  guint pos;

  if (self->connection != NULL)
    return ferry_connection_get_method (self->connection);

  pos = adw_combo_row_get_selected (self->method_row);
  if (pos == GTK_INVALID_LIST_POSITION || pos >= self->methods->len)
    return FERRY_CONNECTION_METHOD_ACCESS_TOKEN;

  return g_array_index (self->methods, FerryConnectionMethod, pos);
}

/* In edit mode, credentials are sent only when a new secret was typed. */
static gboolean
ferry_connection_dialog_wants_credentials (FerryConnectionDialog *self)
{
  if (self->connection == NULL)
    return TRUE;

  switch (ferry_connection_get_method (self->connection))
    {
    case FERRY_CONNECTION_METHOD_ACCESS_TOKEN:
      return !row_empty (self->pat_row);
    case FERRY_CONNECTION_METHOD_CLIENT_SECRET:
      return !row_empty (self->client_secret_row);
    case FERRY_CONNECTION_METHOD_OAUTH:
    default:
      return FALSE;
    }
}

static gboolean
ferry_connection_dialog_validate (FerryConnectionDialog *self)
{
  FerryConnectionMethod method = ferry_connection_dialog_get_method (self);
  g_autofree char *name = row_stripped (self->name_row);
  g_autofree char *tenant = row_stripped (self->tenant_row);
  g_autofree char *client_id = row_stripped (self->client_id_row);
  const char *name_problem = NULL;
  gboolean valid = TRUE;
  gboolean tenant_bad = FALSE;
  gboolean client_id_bad = FALSE;

  if (name[0] != '\0')
    name_problem = ferry_ui_check_slug (name);
  else
    valid = FALSE;

  gtk_label_set_label (self->name_error_label, name_problem != NULL ? name_problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->name_error_label), name_problem != NULL);
  ferry_ui_set_invalid (GTK_WIDGET (self->name_row), name_problem != NULL);
  if (name_problem != NULL)
    valid = FALSE;

  if (method == FERRY_CONNECTION_METHOD_CLIENT_SECRET)
    {
      tenant_bad = tenant[0] != '\0' && !ferry_ui_is_uuid (tenant);
      client_id_bad = client_id[0] != '\0' && !ferry_ui_is_uuid (client_id);
    }
  ferry_ui_set_invalid (GTK_WIDGET (self->tenant_row), tenant_bad);
  ferry_ui_set_invalid (GTK_WIDGET (self->client_id_row), client_id_bad);

  if (tenant_bad || client_id_bad)
    {
      gtk_label_set_label (self->credentials_hint_label,
                           _("Tenant ID and client ID are UUIDs, like 01234567-89ab-cdef-0123-456789abcdef."));
      gtk_widget_add_css_class (GTK_WIDGET (self->credentials_hint_label), "error");
      valid = FALSE;
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->credentials_hint_label), "error");
      switch (method)
        {
        case FERRY_CONNECTION_METHOD_ACCESS_TOKEN:
          gtk_label_set_label (self->credentials_hint_label,
                               _("The personal access token needs these scopes: Variable Groups (Read, Create & Manage), Release (Read & Write), Project and Team (Read), Service Connections (Read & Query)."));
          break;
        case FERRY_CONNECTION_METHOD_CLIENT_SECRET:
          gtk_label_set_label (self->credentials_hint_label,
                               _("The service principal must be a member of the Azure DevOps organization, with permission to manage variable groups."));
          break;
        case FERRY_CONNECTION_METHOD_OAUTH:
        default:
          gtk_label_set_label (self->credentials_hint_label,
                               self->oauth_available
                                 ? _("Authorize in Browser opens Microsoft’s sign-in page. Leave the tenant ID empty to use the account’s home tenant.")
                                 : _("This server has no Azure OAuth app configured, so OAuth connections cannot be created here. Use an access token or a client secret, or ask the server’s administrator to configure Azure OAuth."));
          break;
        }
    }

  if (self->connection != NULL && !ferry_connection_dialog_wants_credentials (self))
    return valid;

  if (row_empty (self->org_row))
    valid = FALSE;

  switch (method)
    {
    case FERRY_CONNECTION_METHOD_ACCESS_TOKEN:
      if (row_empty (self->pat_row))
        valid = FALSE;
      break;
    case FERRY_CONNECTION_METHOD_CLIENT_SECRET:
      if (!ferry_ui_is_uuid (tenant) || !ferry_ui_is_uuid (client_id) || row_empty (self->client_secret_row))
        valid = FALSE;
      break;
    case FERRY_CONNECTION_METHOD_OAUTH:
    default:
      /* The code comes from the browser; the tenant may stay empty ("common"). */
      if (!self->oauth_available)
        valid = FALSE;
      break;
    }

  return valid;
}

void
ferry_connection_dialog_update_sensitivity (FerryConnectionDialog *self)
{
  gboolean valid = ferry_connection_dialog_validate (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.save", valid && !self->saving);
}

static void
ferry_connection_dialog_update_method (FerryConnectionDialog *self)
{
  FerryConnectionMethod method = ferry_connection_dialog_get_method (self);

  gtk_widget_set_visible (GTK_WIDGET (self->tenant_row),
                          method == FERRY_CONNECTION_METHOD_CLIENT_SECRET || method == FERRY_CONNECTION_METHOD_OAUTH);
  gtk_widget_set_visible (GTK_WIDGET (self->client_id_row), method == FERRY_CONNECTION_METHOD_CLIENT_SECRET);
  gtk_widget_set_visible (GTK_WIDGET (self->client_secret_row), method == FERRY_CONNECTION_METHOD_CLIENT_SECRET);
  gtk_widget_set_visible (GTK_WIDGET (self->pat_row), method == FERRY_CONNECTION_METHOD_ACCESS_TOKEN);

  if (self->connection == NULL)
    gtk_button_set_label (self->save_button,
                          method == FERRY_CONNECTION_METHOD_OAUTH ? _("_Authorize in Browser") : _("_Add"));

  ferry_error_view_set_error (self->credentials_error_view, NULL);
  ferry_connection_dialog_update_signin (self);
  ferry_connection_dialog_update_sensitivity (self);
}

static void
method_row_notify_selected_cb (FerryConnectionDialog *self)
{
  ferry_connection_dialog_update_method (self);
}

static void
field_changed_cb (FerryConnectionDialog *self,
                  GtkEditable           *editable)
{
  /* A server complaint about a field goes away once it is edited. */
  ferry_ui_set_invalid (GTK_WIDGET (editable), FALSE);
  ferry_connection_dialog_update_sensitivity (self);
}

static void
credentials_changed_cb (FerryConnectionDialog *self,
                        GtkEditable           *editable)
{
  ferry_error_view_set_error (self->credentials_error_view, NULL);
  field_changed_cb (self, editable);
}

static void
ferry_connection_dialog_set_methods (FerryConnectionDialog       *self,
                                     const FerryConnectionOptions *options)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  g_array_set_size (self->methods, 0);

  for (guint i = 0; i < G_N_ELEMENTS (all_methods); i++)
    {
      const char *id = ferry_connection_method_to_string (all_methods[i]);

      if (options != NULL && options->methods != NULL &&
          !g_strv_contains ((const char * const *) options->methods, id))
        continue;
      /* Until the server has said whether it can do OAuth, do not offer it. */
      if (options == NULL && all_methods[i] == FERRY_CONNECTION_METHOD_OAUTH)
        continue;

      g_array_append_val (self->methods, all_methods[i]);
      gtk_string_list_append (labels, ferry_connection_method_get_label (all_methods[i]));
    }

  self->oauth_available = options != NULL && options->oauth_client_id != NULL;

  adw_combo_row_set_model (self->method_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->method_row, 0);
  ferry_connection_dialog_update_method (self);
}

static void
get_options_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(FerryConnectionDialog) self = user_data;
  g_autoptr(FerryConnectionOptions) options = NULL;
  g_autoptr(GError) error = NULL;

  options = ferry_api_client_get_connection_options_finish (FERRY_API_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->options_loaded = TRUE;
  if (options == NULL)
    {
      /* Older servers may not have the route: offer every method Ferry knows. */
      g_debug ("Could not load connection options: %s", error->message);
      return;
    }

  if (options->methods != NULL && options->methods[0] == NULL)
    return;

  g_free (self->oauth_client_id);
  self->oauth_client_id = g_strdup (options->oauth_client_id);
  ferry_connection_dialog_set_methods (self, options);
}

void
ferry_connection_dialog_set_busy (FerryConnectionDialog *self,
                                  gboolean               busy)
{
  self->saving = busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  ferry_connection_dialog_update_sensitivity (self);
}

static GtkWidget *
ferry_connection_dialog_row_for_path (FerryConnectionDialog *self,
                                      const char            *path)
{
  static const struct { const char *path; gsize offset; } map[] = {
    { "name", G_STRUCT_OFFSET (FerryConnectionDialog, name_row) },
    { "description", G_STRUCT_OFFSET (FerryConnectionDialog, description_row) },
    { "credentials.orgName", G_STRUCT_OFFSET (FerryConnectionDialog, org_row) },
    { "credentials.tenantId", G_STRUCT_OFFSET (FerryConnectionDialog, tenant_row) },
    { "credentials.clientId", G_STRUCT_OFFSET (FerryConnectionDialog, client_id_row) },
    { "credentials.clientSecret", G_STRUCT_OFFSET (FerryConnectionDialog, client_secret_row) },
    { "credentials.accessToken", G_STRUCT_OFFSET (FerryConnectionDialog, pat_row) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    if (g_strcmp0 (path, map[i].path) == 0)
      return G_STRUCT_MEMBER (GtkWidget *, self, map[i].offset);

  return NULL;
}

static gboolean
detail_contains (const GError *error,
                 const char   *needle)
{
  const char *detail = ferry_api_error_get_detail (error);
  g_autofree char *lower = NULL;

  if (detail == NULL)
    return FALSE;

  lower = g_utf8_strdown (detail, -1);
  return strstr (lower, needle) != NULL;
}

/* Puts the server's complaint next to what it is about. */
void
ferry_connection_dialog_show_error (FerryConnectionDialog *self,
                                    const GError          *error)
{
  if (g_error_matches (error, FERRY_API_ERROR, FERRY_API_ERROR_VALIDATION))
    {
      GPtrArray *fields = ferry_api_error_get_field_errors (error);
      gboolean placed = FALSE;

      for (guint i = 0; i < fields->len; i++)
        {
          FerryFieldError *field = g_ptr_array_index (fields, i);
          GtkWidget *row = ferry_connection_dialog_row_for_path (self, field->path);

          if (row == NULL)
            continue;

          ferry_ui_set_invalid (row, TRUE);
          if (row == GTK_WIDGET (self->name_row))
            {
              gtk_label_set_label (self->name_error_label, field->message);
              gtk_widget_set_visible (GTK_WIDGET (self->name_error_label), TRUE);
            }
          else if (g_str_has_prefix (field->path, "credentials."))
            ferry_error_view_set_error (self->credentials_error_view, error);
          placed = TRUE;
        }

      if (!placed)
        ferry_error_view_set_error (self->error_view, error);
      return;
    }

  if (g_error_matches (error, FERRY_API_ERROR, FERRY_API_ERROR_BAD_REQUEST))
    {
      if (detail_contains (error, "already exists"))
        {
          ferry_ui_set_invalid (GTK_WIDGET (self->name_row), TRUE);
          gtk_label_set_label (self->name_error_label,
                               _("A connection with this name already exists. Choose another name."));
          gtk_widget_set_visible (GTK_WIDGET (self->name_error_label), TRUE);
          gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
          return;
        }

      if (detail_contains (error, "token") || detail_contains (error, "credential") ||
          detail_contains (error, "authenticate") || detail_contains (error, "organization"))
        {
          FerryConnectionMethod method = ferry_connection_dialog_get_method (self);
          g_autoptr(GError) plain = NULL;

          plain = ferry_api_error_new (FERRY_API_ERROR_BAD_REQUEST,
                                       method == FERRY_CONNECTION_METHOD_CLIENT_SECRET
                                         ? _("Azure DevOps did not accept these credentials. Check the tenant ID, client ID, client secret and organization, then try again.")
                                         : _("Azure DevOps did not accept this access token. Check that the token is valid for the organization and has the scopes listed below, then try again."),
                                       ferry_api_error_get_http_status (error),
                                       ferry_api_error_get_detail (error),
                                       ferry_api_error_get_request_id (error));
          ferry_error_view_set_error (self->credentials_error_view, plain);
          if (method == FERRY_CONNECTION_METHOD_CLIENT_SECRET)
            {
              ferry_ui_set_invalid (GTK_WIDGET (self->client_secret_row), TRUE);
              gtk_widget_grab_focus (GTK_WIDGET (self->client_secret_row));
            }
          else
            {
              ferry_ui_set_invalid (GTK_WIDGET (self->pat_row), TRUE);
              gtk_widget_grab_focus (GTK_WIDGET (self->pat_row));
            }
          return;
        }
    }

  ferry_error_view_set_error (self->error_view, error);
}

/* @connection: the object in the model's list. In edit mode the dialog's own connection
 * gets the server's answer too, and is the one announced. */
void
ferry_connection_dialog_saved (FerryConnectionDialog *self,
                               FerryConnection       *connection)
{
  if (self->connection != NULL && self->connection != connection)
    ferry_resource_update_from (FERRY_RESOURCE (self->connection), FERRY_RESOURCE (connection));

  g_signal_emit (self, signals[CONNECTION_SAVED], 0,
                 self->connection != NULL ? self->connection : connection);
  gtk_window_close (GTK_WINDOW (self));
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(FerryConnectionDialog) self = user_data;
  g_autoptr(FerryConnection) connection = NULL;
  g_autoptr(GError) error = NULL;

  if (self->connection == NULL)
    connection = ferry_project_model_create_connection_finish (FERRY_PROJECT_MODEL (object), result, &error);
  else
    connection = ferry_project_model_update_connection_finish (FERRY_PROJECT_MODEL (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  ferry_connection_dialog_set_busy (self, FALSE);

  if (connection == NULL)
    {
      ferry_connection_dialog_show_error (self, error);
      return;
    }

  /* A server without project connections made it the organization's: the page says so. */
  if (self->connection == NULL && ferry_connection_dialog_for_project (self) &&
      ferry_connection_get_project_id (connection) == NULL)
    g_object_set_data (G_OBJECT (self), "ferry-scope-dropped", GINT_TO_POINTER (TRUE));
  ferry_connection_dialog_saved (self, connection);
}

/* What was typed for an access-token or client-secret connection (NULL for OAuth). The
 * model wipes the secrets when it frees them. */
static FerryConnectionCredentials *
ferry_connection_dialog_build_credentials (FerryConnectionDialog *self)
{
  FerryConnectionMethod method = ferry_connection_dialog_get_method (self);
  g_autoptr(FerryConnectionCredentials) credentials = NULL;

  if (method != FERRY_CONNECTION_METHOD_ACCESS_TOKEN && method != FERRY_CONNECTION_METHOD_CLIENT_SECRET)
    return NULL;

  credentials = ferry_connection_credentials_new (method);
  credentials->org_name = row_stripped (self->org_row);
  if (method == FERRY_CONNECTION_METHOD_ACCESS_TOKEN)
    credentials->access_token = row_stripped (self->pat_row);
  else
    {
      credentials->tenant_id = row_stripped (self->tenant_row);
      credentials->client_id = row_stripped (self->client_id_row);
      credentials->client_secret = row_stripped (self->client_secret_row);
    }

  return g_steal_pointer (&credentials);
}


static void
ferry_connection_dialog_save (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  FerryConnectionDialog *self = FERRY_CONNECTION_DIALOG (widget);
  g_autofree char *name = row_stripped (self->name_row);
  g_autofree char *description = row_stripped (self->description_row);
  g_autoptr(FerryConnectionCredentials) credentials = NULL;
  gboolean name_changed;
  gboolean description_changed;

  if (self->saving || !ferry_connection_dialog_validate (self))
    return;

  ferry_error_view_set_error (self->error_view, NULL);
  ferry_error_view_set_error (self->credentials_error_view, NULL);

  /* Signed out: say so here, before the OAuth flow or the model is asked. */
  if (ferry_ui_get_lookup_client (self->model) == NULL)
    {
      ferry_error_view_set_message (self->error_view, _("You are signed out. Sign in again, then save the connection."));
      return;
    }

  if (self->connection == NULL && ferry_connection_dialog_get_method (self) == FERRY_CONNECTION_METHOD_OAUTH)
    {
      ferry_connection_dialog_run_oauth (self, name, description);
      return;
    }

  if (self->connection == NULL)
    {
      /* This project's or the organization's, as the Scope group says. */
      credentials = ferry_connection_dialog_build_credentials (self);
      ferry_connection_dialog_set_busy (self, TRUE);
      ferry_project_model_create_connection_async (self->model, name, description, credentials,
                                                   ferry_connection_dialog_for_project (self),
                                                   self->cancellable, save_cb, g_object_ref (self));
      return;
    }

  name_changed = g_strcmp0 (name, ferry_connection_get_name (self->connection)) != 0;
  description_changed = g_strcmp0 (description, ferry_connection_get_description (self->connection) != NULL
                                                   ? ferry_connection_get_description (self->connection) : "") != 0;
  if (ferry_connection_dialog_wants_credentials (self))
    credentials = ferry_connection_dialog_build_credentials (self);

  /* Nothing to save: close as Cancel would, without "connection-saved". */
  if (!name_changed && !description_changed && credentials == NULL)
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }

  ferry_connection_dialog_set_busy (self, TRUE);
  ferry_project_model_update_connection_async (self->model, self->connection,
                                               name_changed ? name : NULL,
                                               description_changed ? description : NULL,
                                               credentials,
                                               self->cancellable, save_cb, g_object_ref (self));
}

static void
ferry_connection_dialog_cancel (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static gboolean
ferry_connection_dialog_close_request (GtkWindow *window)
{
  FerryConnectionDialog *self = FERRY_CONNECTION_DIALOG (window);

  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (ferry_connection_dialog_parent_class)->close_request (window);
}

static void
ferry_connection_dialog_constructed (GObject *object)
{
  FerryConnectionDialog *self = FERRY_CONNECTION_DIALOG (object);
  FerryApiClient *client;

  G_OBJECT_CLASS (ferry_connection_dialog_parent_class)->constructed (object);

  g_return_if_fail (FERRY_IS_CONTEXT (self->context));
  g_return_if_fail (FERRY_IS_PROJECT_MODEL (self->model));

  if (self->connection == NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Add Connection"));
      gtk_button_set_label (self->save_button, _("_Add"));
      ferry_connection_dialog_set_methods (self, NULL);

      /* A lookup of what this server offers, not a list of Ferry's. */
      client = ferry_ui_get_lookup_client (self->model);
      if (client != NULL)
        ferry_api_client_get_connection_options_async (client, self->cancellable,
                                                       get_options_cb, g_object_ref (self));
      gtk_widget_grab_focus (GTK_WIDGET (self->method_row));
    }
  else
    {
      FerryConnection *c = self->connection;
      FerryConnectionMethod method = ferry_connection_get_method (c);

      gtk_window_set_title (GTK_WINDOW (self), _("Edit Connection"));
      gtk_button_set_label (self->save_button, _("_Save"));
      gtk_widget_set_visible (GTK_WIDGET (self->method_group), FALSE);

      gtk_editable_set_text (GTK_EDITABLE (self->name_row), ferry_connection_get_name (c));
      if (ferry_connection_get_description (c) != NULL)
        gtk_editable_set_text (GTK_EDITABLE (self->description_row), ferry_connection_get_description (c));
      if (ferry_connection_get_org_name (c) != NULL)
        gtk_editable_set_text (GTK_EDITABLE (self->org_row), ferry_connection_get_org_name (c));
      if (ferry_connection_get_tenant_id (c) != NULL)
        gtk_editable_set_text (GTK_EDITABLE (self->tenant_row), ferry_connection_get_tenant_id (c));
      if (ferry_connection_get_client_id (c) != NULL)
        gtk_editable_set_text (GTK_EDITABLE (self->client_id_row), ferry_connection_get_client_id (c));

      adw_preferences_group_set_title (self->credentials_group,
                                       /* Translators: %s is a connection method, e.g. "Access Token" */
                                       ferry_connection_method_get_label (method));
      adw_preferences_group_set_description (self->credentials_group,
                                             method == FERRY_CONNECTION_METHOD_OAUTH
                                               ? _("Reconnect when Azure DevOps no longer accepts the connection, for example after the authorization was revoked.")
                                               : _("Leave the secret empty to keep the current credentials."));
      gtk_widget_set_visible (self->reconnect_row, method == FERRY_CONNECTION_METHOD_OAUTH);
      self->oauth_available = TRUE;
      ferry_connection_dialog_update_method (self);
      gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
    }

  ferry_connection_dialog_setup_scope (self);
  ferry_connection_dialog_update_signin (self);
  ferry_connection_dialog_update_sensitivity (self);
}

static void
ferry_connection_dialog_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  FerryConnectionDialog *self = FERRY_CONNECTION_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_CONNECTION:
      g_value_set_object (value, self->connection);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_connection_dialog_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  FerryConnectionDialog *self = FERRY_CONNECTION_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    case PROP_MODEL:
      self->model = g_value_dup_object (value);
      break;
    case PROP_CONNECTION:
      self->connection = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_connection_dialog_dispose (GObject *object)
{
  FerryConnectionDialog *self = FERRY_CONNECTION_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), FERRY_TYPE_CONNECTION_DIALOG);

  G_OBJECT_CLASS (ferry_connection_dialog_parent_class)->dispose (object);
}

static void
ferry_connection_dialog_finalize (GObject *object)
{
  FerryConnectionDialog *self = FERRY_CONNECTION_DIALOG (object);

  g_clear_object (&self->context);
  g_clear_object (&self->connection);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->model);
  g_clear_pointer (&self->oauth_client_id, g_free);
  g_clear_pointer (&self->authorize_base_url, g_free);
  g_clear_object (&self->oauth_flow);
  g_clear_object (&self->relay);
  g_clear_object (&self->opener);
  g_clear_pointer (&self->methods, g_array_unref);

  G_OBJECT_CLASS (ferry_connection_dialog_parent_class)->finalize (object);
}

static void
ferry_connection_dialog_class_init (FerryConnectionDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = ferry_connection_dialog_constructed;
  object_class->get_property = ferry_connection_dialog_get_property;
  object_class->set_property = ferry_connection_dialog_set_property;
  object_class->dispose = ferry_connection_dialog_dispose;
  object_class->finalize = ferry_connection_dialog_finalize;
  window_class->close_request = ferry_connection_dialog_close_request;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, FERRY_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, FERRY_TYPE_PROJECT_MODEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONNECTION] =
    g_param_spec_object ("connection", NULL, NULL, FERRY_TYPE_CONNECTION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CONNECTION_SAVED] =
    g_signal_new ("connection-saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, FERRY_TYPE_CONNECTION);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ferry-connection-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, FerryConnectionDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, FerryConnectionDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, FerryConnectionDialog, error_view);
  gtk_widget_class_bind_template_child (widget_class, FerryConnectionDialog, method_group);
  gtk_widget_class_bind_template_child (widget_class, FerryConnectionDialog, method_row);
  gtk_widget_class_bind_template_child (widget_class, FerryConnectionDialog, credentials_group);
  gtk_widget_class_bind_template_child (widget_class, FerryConnectionDialog, org_row);
  gtk_widget_class_bind_template_child (widget_class, FerryConnectionDialog, tenant_row);
  gtk_widget_class_bind_template_child (widget_class, FerryConnectionDialog, client_id_row);
  gtk_widget_class_bind_template_child (widget_class, FerryConnectionDialog, client_secret_row);
  gtk_widget_class_bind_template_child (widget_class, FerryConnectionDialog, pat_row);
  gtk_widget_class_bind_template_child (widget_class, FerryConnectionDialog, credentials_hint_label);
  gtk_widget_class_bind_template_child (widget_class, FerryConnectionDialog, credentials_error_view);
  gtk_widget_class_bind_template_child (widget_class, FerryConnectionDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, FerryConnectionDialog, name_error_label);
  gtk_widget_class_bind_template_child (widget_class, FerryConnectionDialog, description_row);
  gtk_widget_class_bind_template_callback (widget_class, method_row_notify_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, credentials_changed_cb);

  gtk_widget_class_install_action (widget_class, "dialog.save", NULL, ferry_connection_dialog_save);
  gtk_widget_class_install_action (widget_class, "dialog.cancel", NULL, ferry_connection_dialog_cancel);
  ferry_connection_dialog_class_init_oauth (widget_class);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "dialog.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "dialog.save", NULL);

  g_type_ensure (FERRY_TYPE_ERROR_VIEW);
}

static void
ferry_connection_dialog_init (FerryConnectionDialog *self)
{
  self->cancellable = g_cancellable_new ();
  self->methods = g_array_new (FALSE, FALSE, sizeof (FerryConnectionMethod));

  gtk_widget_init_template (GTK_WIDGET (self));
}
