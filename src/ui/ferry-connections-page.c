/* ferry-connections-page.c
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Project connections and organization-wide ones, each with the syncs that use it and
 * their rolled-up health. Deleting a connection that syncs still use shows those syncs
 * instead of sending a request the server would refuse.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-connection-dialog.h"
#include "ferry-connection-row.h"
#include "ferry-connections-page.h"
#include "ferry-error-view.h"
#include "ferry-sync.h"
#include "ferry-ui-utils.h"

struct _FerryConnectionsPage
{
  GtkWidget           parent_instance;

  FerryContext       *context;
  FerryProject       *project;
  GListModel         *syncs;
  GListStore         *store;
  GtkFilterListModel *filter_model;
  GtkCustomFilter    *filter;
  char               *search_text;
  GCancellable       *cancellable;
  GListStore         *pending;     /* project connections while the org ones load */
  gboolean            loading;
  gboolean            loaded;

  /* Template widgets */
  GtkSearchBar       *search_bar;
  GtkSearchEntry     *search_entry;
  GtkStack           *stack;
  GtkListBox         *list_box;
  FerryErrorView     *error_view;
};

G_DEFINE_FINAL_TYPE (FerryConnectionsPage, ferry_connections_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_STATE,
  N_PROPS
};

enum {
  SESSION_EXPIRED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

GtkWidget *
ferry_connections_page_new (FerryContext *context)
{
  g_return_val_if_fail (FERRY_IS_CONTEXT (context), NULL);

  return g_object_new (FERRY_TYPE_CONNECTIONS_PAGE, "context", context, NULL);
}

GListModel *
ferry_connections_page_get_connections (FerryConnectionsPage *self)
{
  g_return_val_if_fail (FERRY_IS_CONNECTIONS_PAGE (self), NULL);

  return G_LIST_MODEL (self->store);
}

const char *
ferry_connections_page_get_state (FerryConnectionsPage *self)
{
  g_return_val_if_fail (FERRY_IS_CONNECTIONS_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

static void
ferry_connections_page_set_state (FerryConnectionsPage *self,
                                  const char           *state)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), state) == 0)
    return;

  gtk_stack_set_visible_child_name (self->stack, state);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

GtkWidget *
ferry_connections_page_get_row (FerryConnectionsPage *self,
                                const char           *connection_id)
{
  g_return_val_if_fail (FERRY_IS_CONNECTIONS_PAGE (self), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      FerryConnection *c;

      if (!FERRY_IS_CONNECTION_ROW (child))
        continue;
      c = ferry_connection_row_get_connection (FERRY_CONNECTION_ROW (child));
      if (g_strcmp0 (ferry_resource_get_id (FERRY_RESOURCE (c)), connection_id) == 0)
        return child;
    }

  return NULL;
}

static void
ferry_connections_page_report_error (FerryConnectionsPage *self,
                                     const GError         *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (ferry_ui_error_is_session_expired (error))
    g_signal_emit (self, signals[SESSION_EXPIRED], 0);

  ferry_ui_toast (GTK_WIDGET (self), error->message, 5);
}

/* Syncs of the project that use @connection_id. */
static GPtrArray *
ferry_connections_page_syncs_using (FerryConnectionsPage *self,
                                    const char           *connection_id)
{
  GPtrArray *result = g_ptr_array_new_with_free_func (g_object_unref);
  guint n;

  if (self->syncs == NULL)
    return result;

  n = g_list_model_get_n_items (self->syncs);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FerrySync) sync = g_list_model_get_item (self->syncs, i);

      if (g_strcmp0 (ferry_sync_get_connection_id (sync), connection_id) == 0)
        g_ptr_array_add (result, g_steal_pointer (&sync));
    }

  return result;
}

typedef struct
{
  guint      total;
  guint      failed;
  guint      busy;
  GPtrArray *names;   /* the first few, NULL-terminated */
} Usage;

static void
usage_free (Usage *usage)
{
  g_ptr_array_unref (usage->names);
  g_free (usage);
}

#define USAGE_NAMES 3

void
ferry_connections_page_update_usage (FerryConnectionsPage *self)
{
  g_autoptr(GHashTable) counts = NULL;
  guint n;

  g_return_if_fail (FERRY_IS_CONNECTIONS_PAGE (self));

  /* One pass over the syncs: connection id → usage. */
  counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) usage_free);
  n = self->syncs != NULL ? g_list_model_get_n_items (self->syncs) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FerrySync) sync = g_list_model_get_item (self->syncs, i);
      const char *id = ferry_sync_get_connection_id (sync);
      Usage *usage;

      if (id == NULL)
        continue;
      usage = g_hash_table_lookup (counts, id);
      if (usage == NULL)
        {
          usage = g_new0 (Usage, 1);
          usage->names = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (usage->names, NULL);
          g_hash_table_insert (counts, g_strdup (id), usage);
        }
      usage->total++;
      if (ferry_sync_get_sync_status (sync) == FERRY_SYNC_STATUS_FAILED)
        usage->failed++;
      if (ferry_sync_is_busy (sync))
        usage->busy++;
      if (usage->names->len <= USAGE_NAMES)
        g_ptr_array_insert (usage->names, usage->names->len - 1, g_strdup (ferry_sync_get_name (sync)));
    }

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      FerryConnection *connection;
      Usage *usage;

      if (!FERRY_IS_CONNECTION_ROW (child))
        continue;

      connection = ferry_connection_row_get_connection (FERRY_CONNECTION_ROW (child));
      usage = g_hash_table_lookup (counts, ferry_resource_get_id (FERRY_RESOURCE (connection)));
      ferry_connection_row_set_usage (FERRY_CONNECTION_ROW (child),
                                      usage != NULL ? usage->total : 0,
                                      usage != NULL ? usage->failed : 0,
                                      usage != NULL ? usage->busy : 0,
                                      usage != NULL ? (const char * const *) usage->names->pdata : NULL);
    }
}

static void
ferry_connections_page_update_view_state (FerryConnectionsPage *self)
{
  if (!self->loaded)
    return;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->store)) == 0)
    ferry_connections_page_set_state (self, "empty");
  else
    ferry_connections_page_set_state (self, "list");
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  return ferry_connection_row_new (FERRY_CONNECTION (item));
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  FerryConnectionsPage *self = user_data;
  FerryConnection *c = item;
  const char *fields[4];

  if (self->search_text == NULL || self->search_text[0] == '\0')
    return TRUE;

  fields[0] = ferry_connection_get_name (c);
  fields[1] = ferry_connection_get_org_name (c);
  fields[2] = ferry_connection_get_description (c);
  fields[3] = ferry_connection_method_get_label (ferry_connection_get_method (c));

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *folded = NULL;

      if (fields[i] == NULL)
        continue;
      folded = g_utf8_casefold (fields[i], -1);
      if (strstr (folded, self->search_text) != NULL)
        return TRUE;
    }

  return FALSE;
}

static void
search_changed_cb (FerryConnectionsPage *self,
                   GtkSearchEntry       *entry)
{
  g_free (self->search_text);
  self->search_text = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (entry)), -1);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  ferry_connections_page_update_usage (self);
}

static void
filter_items_changed_cb (FerryConnectionsPage *self)
{
  /* Rows are (re)created by the list box: give the new ones their usage. */
  ferry_connections_page_update_usage (self);
}

/* ---- Loading ---- */

static void
ferry_connections_page_show_error (FerryConnectionsPage *self,
                                   const GError         *error)
{
  if (ferry_ui_error_is_session_expired (error))
    g_signal_emit (self, signals[SESSION_EXPIRED], 0);

  if (self->loaded && g_list_model_get_n_items (G_LIST_MODEL (self->store)) > 0)
    {
      ferry_ui_toast (GTK_WIDGET (self), error->message, 5);
      return;
    }

  ferry_connections_page_set_state (self, ferry_ui_load_error_state (self->error_view, error));
}

static void
ferry_connections_page_loaded (FerryConnectionsPage *self,
                               GListModel           *fresh)
{
  self->loading = FALSE;
  ferry_resource_store_merge (self->store, fresh);
  self->loaded = TRUE;
  ferry_connections_page_update_view_state (self);
  ferry_connections_page_update_usage (self);
}

static void
list_org_connections_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(FerryConnectionsPage) self = user_data;
  g_autoptr(GListStore) org = NULL;
  g_autoptr(GListStore) all = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  org = ferry_api_client_list_connections_finish (FERRY_API_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  all = g_steal_pointer (&self->pending);
  if (org == NULL)
    {
      /* Organization-wide connections need organization permissions: without them the
       * project's own connections are still worth showing. */
      if (!g_error_matches (error, FERRY_API_ERROR, FERRY_API_ERROR_FORBIDDEN) &&
          !g_error_matches (error, FERRY_API_ERROR, FERRY_API_ERROR_NOT_FOUND))
        {
          self->loading = FALSE;
          ferry_connections_page_show_error (self, error);
          return;
        }
    }
  else
    {
      n = g_list_model_get_n_items (G_LIST_MODEL (org));
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(FerryConnection) c = g_list_model_get_item (G_LIST_MODEL (org), i);

          if (ferry_resource_find_by_id (G_LIST_MODEL (all), ferry_resource_get_id (FERRY_RESOURCE (c))) == NULL)
            g_list_store_append (all, c);
        }
    }

  ferry_connections_page_loaded (self, G_LIST_MODEL (all));
}

static void
list_project_connections_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  g_autoptr(FerryConnectionsPage) self = user_data;
  g_autoptr(GListStore) fresh = NULL;
  g_autoptr(GError) error = NULL;

  fresh = ferry_api_client_list_connections_finish (FERRY_API_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (fresh == NULL)
    {
      self->loading = FALSE;
      ferry_connections_page_show_error (self, error);
      return;
    }

  g_set_object (&self->pending, fresh);
  ferry_api_client_list_connections_async (FERRY_API_CLIENT (object), NULL, self->cancellable,
                                           list_org_connections_cb, g_object_ref (self));
}

void
ferry_connections_page_reload (FerryConnectionsPage *self)
{
  FerryApiClient *client;

  g_return_if_fail (FERRY_IS_CONNECTIONS_PAGE (self));

  client = ferry_context_get_client (self->context);
  if (client == NULL || self->project == NULL || self->loading)
    return;

  self->loading = TRUE;
  if (!self->loaded)
    ferry_connections_page_set_state (self, "loading");

  ferry_api_client_list_connections_async (client,
                                           ferry_resource_get_id (FERRY_RESOURCE (self->project)),
                                           self->cancellable,
                                           list_project_connections_cb,
                                           g_object_ref (self));
}

void
ferry_connections_page_set_project (FerryConnectionsPage *self,
                                    FerryProject         *project)
{
  g_return_if_fail (FERRY_IS_CONNECTIONS_PAGE (self));
  g_return_if_fail (project == NULL || FERRY_IS_PROJECT (project));

  if (self->project == project)
    return;

  g_set_object (&self->project, project);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_object (&self->pending);
  self->loading = FALSE;
  self->loaded = FALSE;
  g_list_store_remove_all (self->store);
  ferry_connections_page_set_state (self, "loading");

  if (project != NULL)
    ferry_connections_page_reload (self);
}

void
ferry_connections_page_set_syncs (FerryConnectionsPage *self,
                                  GListModel           *syncs)
{
  g_return_if_fail (FERRY_IS_CONNECTIONS_PAGE (self));
  g_return_if_fail (syncs == NULL || G_IS_LIST_MODEL (syncs));

  g_set_object (&self->syncs, syncs);
  ferry_connections_page_update_usage (self);
}

void
ferry_connections_page_focus_search (FerryConnectionsPage *self)
{
  g_return_if_fail (FERRY_IS_CONNECTIONS_PAGE (self));

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* ---- Actions ---- */

static void
connection_saved_cb (FerryConnectionsPage  *self,
                     FerryConnection       *connection,
                     FerryConnectionDialog *dialog)
{
  g_autofree char *text = NULL;
  FerryConnection *existing;

  existing = ferry_resource_find_by_id (G_LIST_MODEL (self->store),
                                        ferry_resource_get_id (FERRY_RESOURCE (connection)));
  if (existing == NULL)
    {
      g_list_store_append (self->store, connection);
      /* Translators: toast; %s is a connection name */
      text = g_strdup_printf (_("Connection “%s” added"), ferry_connection_get_name (connection));
    }
  else
    {
      if (existing != connection)
        ferry_resource_update_from (FERRY_RESOURCE (existing), FERRY_RESOURCE (connection));
      /* Translators: toast; %s is a connection name */
      text = g_strdup_printf (_("Connection “%s” saved"), ferry_connection_get_name (connection));
    }

  self->loaded = TRUE;
  ferry_connections_page_update_view_state (self);
  ferry_connections_page_update_usage (self);
  ferry_ui_toast (GTK_WIDGET (self), text, 5);
}

static void
ferry_connections_page_open_dialog (FerryConnectionsPage *self,
                                    FerryConnection      *connection)
{
  FerryConnectionDialog *dialog;

  /* Connections are made and changed through a project's model. */
  if (self->project == NULL || ferry_context_get_workspace (self->context) == NULL)
    return;

  dialog = ferry_connection_dialog_new (self->context,
                                        ferry_workspace_get_project_model (ferry_context_get_workspace (self->context), self->project),
                                        GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                        connection);
  g_signal_connect_object (dialog, "connection-saved", G_CALLBACK (connection_saved_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  FerryConnectionsPage *self = FERRY_CONNECTIONS_PAGE (widget);

  if (ferry_context_get_client (self->context) == NULL)
    return;

  ferry_connections_page_open_dialog (self, NULL);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  FerryConnectionsPage *self = FERRY_CONNECTIONS_PAGE (widget);
  FerryConnection *connection;

  connection = ferry_resource_find_by_id (G_LIST_MODEL (self->store), g_variant_get_string (parameter, NULL));
  if (connection != NULL)
    ferry_connections_page_open_dialog (self, connection);
}

typedef struct
{
  FerryConnectionsPage *self;
  FerryConnection      *connection;
} DeleteData;

static void
delete_data_free (DeleteData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->connection);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeleteData, delete_data_free)

static void
delete_connection_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(DeleteData) data = user_data;
  FerryConnectionsPage *self = data->self;
  g_autoptr(FerryConnection) deleted = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint position;

  deleted = ferry_api_client_delete_connection_finish (FERRY_API_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (deleted == NULL)
    {
      ferry_connections_page_report_error (self, error);
      return;
    }

  if (g_list_store_find (self->store, data->connection, &position))
    g_list_store_remove (self->store, position);
  ferry_connections_page_update_view_state (self);
  /* Translators: toast; %s is a connection name */
  text = g_strdup_printf (_("Connection “%s” deleted"), ferry_connection_get_name (data->connection));
  ferry_ui_toast (GTK_WIDGET (self), text, 5);
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          user_data)
{
  DeleteData *data = user_data;
  FerryApiClient *client = ferry_context_get_client (data->self->context);
  DeleteData *call;

  if (g_strcmp0 (response, "delete") != 0 || client == NULL)
    return;

  call = g_new0 (DeleteData, 1);
  call->self = g_object_ref (data->self);
  call->connection = g_object_ref (data->connection);
  ferry_api_client_delete_connection_async (client,
                                            ferry_resource_get_id (FERRY_RESOURCE (data->connection)),
                                            data->self->cancellable,
                                            delete_connection_cb, call);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  FerryConnectionsPage *self = FERRY_CONNECTIONS_PAGE (widget);
  FerryConnection *connection;
  g_autoptr(GPtrArray) users = NULL;
  GtkWidget *dialog;
  DeleteData *data;

  connection = ferry_resource_find_by_id (G_LIST_MODEL (self->store), g_variant_get_string (parameter, NULL));
  if (connection == NULL)
    return;

  users = ferry_connections_page_syncs_using (self, ferry_resource_get_id (FERRY_RESOURCE (connection)));
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), NULL, NULL);

  if (users->len > 0)
    {
      g_autoptr(GString) body = g_string_new (NULL);

      /* Translators: %s is a connection name */
      adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("“%s” Is Still in Use"),
                                         ferry_connection_get_name (connection));
      g_string_append (body,
                       ngettext ("This sync sends secrets with the connection. Delete the sync or change its connection first:",
                                        "These syncs send secrets with the connection. Delete them or change their connection first:",
                                        users->len));
      for (guint i = 0; i < users->len; i++)
        g_string_append_printf (body, "\n• %s", ferry_sync_get_name (g_ptr_array_index (users, i)));
      adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), body->str);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  /* Translators: %s is a connection name */
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Delete Connection “%s”?"),
                                     ferry_connection_get_name (connection));
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                               _("The connection and the credentials stored with it are deleted from Infisical. Azure DevOps is not changed."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  data = g_new0 (DeleteData, 1);
  data->self = g_object_ref (self);
  data->connection = g_object_ref (connection);
  g_signal_connect_data (dialog, "response", G_CALLBACK (delete_response_cb), data, (GClosureNotify) delete_data_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ferry_connections_page_reload (FERRY_CONNECTIONS_PAGE (widget));
}

/* ---- GObject ---- */

static void
ferry_connections_page_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  FerryConnectionsPage *self = FERRY_CONNECTIONS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_STATE:
      g_value_set_string (value, ferry_connections_page_get_state (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_connections_page_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  FerryConnectionsPage *self = FERRY_CONNECTIONS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_connections_page_dispose (GObject *object)
{
  FerryConnectionsPage *self = FERRY_CONNECTIONS_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), FERRY_TYPE_CONNECTIONS_PAGE);
  ferry_ui_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);

  G_OBJECT_CLASS (ferry_connections_page_parent_class)->dispose (object);
}

static void
ferry_connections_page_finalize (GObject *object)
{
  FerryConnectionsPage *self = FERRY_CONNECTIONS_PAGE (object);

  g_clear_object (&self->context);
  g_clear_object (&self->project);
  g_clear_object (&self->syncs);
  g_clear_object (&self->store);
  g_clear_object (&self->pending);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->search_text, g_free);

  G_OBJECT_CLASS (ferry_connections_page_parent_class)->finalize (object);
}

static void
ferry_connections_page_class_init (FerryConnectionsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = ferry_connections_page_get_property;
  object_class->set_property = ferry_connections_page_set_property;
  object_class->dispose = ferry_connections_page_dispose;
  object_class->finalize = ferry_connections_page_finalize;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, FERRY_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_string ("state", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SESSION_EXPIRED] =
    g_signal_new ("session-expired", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ferry-connections-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FerryConnectionsPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, FerryConnectionsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, FerryConnectionsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, FerryConnectionsPage, list_box);
  gtk_widget_class_bind_template_child (widget_class, FerryConnectionsPage, error_view);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);

  gtk_widget_class_install_action (widget_class, "connections.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "connections.edit", "s", edit_action);
  gtk_widget_class_install_action (widget_class, "connections.delete", "s", delete_action);
  gtk_widget_class_install_action (widget_class, "connections.reload", NULL, reload_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "connections.add", NULL);

  g_type_ensure (FERRY_TYPE_ERROR_VIEW);
}

static void
ferry_connections_page_init (FerryConnectionsPage *self)
{
  self->store = g_list_store_new (FERRY_TYPE_CONNECTION);
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filter_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->store)),
                                                  g_object_ref (GTK_FILTER (self->filter)));
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->filter_model), create_row_cb, self, NULL);
  g_signal_connect_object (self->filter_model, "items-changed",
                           G_CALLBACK (filter_items_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
}
