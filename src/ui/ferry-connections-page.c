/* ferry-connections-page.c
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Project connections and organization-wide ones (the model's "connections"), each with
 * the syncs that use it and their rolled-up health, recomputed when the model's syncs
 * change. Which page shows (loading, empty, error, offline, the list) follows the model's
 * "connections-state" and "connections-error" through a closure in the .ui. Deleting a
 * connection that syncs still use shows those syncs instead of sending a request the
 * server would refuse.
 *
 * Organization-wide connections can be used by syncs of other projects too: a scan of
 * every project (FerryConnectionUsage, src/core) adds those, with their project's name,
 * when the page is first shown with a model and on reload (not while it is hidden: that
 * would be a request per project at every sign-in); this project's own syncs always come
 * from the model, which is current.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-connection-dialog.h"
#include "ferry-connection-row.h"
#include "ferry-connection-usage.h"
#include "ferry-connections-page.h"
#include "ferry-error-view.h"
#include "ferry-sync-export.h"
#include "ferry-sync.h"
#include "ferry-ui-utils.h"

struct _FerryConnectionsPage
{
  GtkWidget           parent_instance;

  FerryContext       *context;
  FerryProjectModel  *model;
  GSignalGroup       *model_signals;
  GtkCustomFilter    *filter;
  char               *search_text;
  GCancellable       *cancellable;   /* deletes; cancelled when the page goes */
  FerryConnectionUsage *usage;       /* the last scan of every project, or NULL */
  GCancellable       *scan_cancellable;
  gboolean            read_only;     /* offline: cached rows, nothing that needs the server */

  /* Template widgets */
  GtkSearchBar       *search_bar;
  GtkSearchEntry     *search_entry;
  GtkStack           *stack;
  GtkListBox         *list_box;
  GtkFilterListModel *filter_model;
};

G_DEFINE_FINAL_TYPE (FerryConnectionsPage, ferry_connections_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_MODEL,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
ferry_connections_page_new (FerryContext *context)
{
  g_return_val_if_fail (FERRY_IS_CONTEXT (context), NULL);

  return g_object_new (FERRY_TYPE_CONNECTIONS_PAGE, "context", context, NULL);
}

FerryProjectModel *
ferry_connections_page_get_model (FerryConnectionsPage *self)
{
  g_return_val_if_fail (FERRY_IS_CONNECTIONS_PAGE (self), NULL);

  return self->model;
}

GListModel *
ferry_connections_page_get_connections (FerryConnectionsPage *self)
{
  g_return_val_if_fail (FERRY_IS_CONNECTIONS_PAGE (self), NULL);

  return self->model != NULL ? ferry_project_model_get_connections (self->model) : NULL;
}

const char *
ferry_connections_page_get_state (FerryConnectionsPage *self)
{
  g_return_val_if_fail (FERRY_IS_CONNECTIONS_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
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

/* Errors of deletes: a toast. (A refused token has already switched the session to
 * expired in src/core, which shows the "Sign In Again" bar.) */
static void
ferry_connections_page_report_error (FerryConnectionsPage *self,
                                     const GError         *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  ferry_ui_toast (GTK_WIDGET (self), error->message, 5);
}

/* ---- What the page shows (closure of ferry-connections-page.ui) ---- */

static char *
connections_view_state_cb (FerryConnectionsPage *self,
                           FerryLoadState        state,
                           const GError         *error,
                           guint                 total)
{
  if (state == FERRY_LOAD_STATE_IDLE || state == FERRY_LOAD_STATE_LOADING)
    return g_strdup ("loading");
  /* A failed refresh keeps a list that has something in it (the toast says it failed). */
  if (state == FERRY_LOAD_STATE_ERROR || (error != NULL && total == 0))
    return g_strdup (ferry_ui_load_error_page (error));
  return g_strdup (total == 0 ? "empty" : "list");
}

static void
stack_notify_visible_child_cb (FerryConnectionsPage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
model_notify_connections_error_cb (FerryConnectionsPage *self)
{
  const GError *error = ferry_project_model_get_connections_error (self->model);

  if (error == NULL ||
      ferry_project_model_get_connections_state (self->model) != FERRY_LOAD_STATE_READY ||
      g_list_model_get_n_items (ferry_project_model_get_connections (self->model)) == 0)
    return;

  ferry_connections_page_report_error (self, error);
}

/* ---- Usage ---- */

typedef struct
{
  guint       total;
  guint       failed;
  guint       busy;
  guint       local;      /* of them in this project */
  GHashTable *projects;   /* ids of the other projects they are in */
  GPtrArray  *names;      /* the first few, NULL-terminated */
} Usage;

static void
usage_free (Usage *usage)
{
  g_ptr_array_unref (usage->names);
  g_hash_table_unref (usage->projects);
  g_free (usage);
}

#define USAGE_NAMES 3

static Usage *
usage_lookup (GHashTable *counts,
              const char *connection_id)
{
  Usage *usage = g_hash_table_lookup (counts, connection_id);

  if (usage == NULL)
    {
      usage = g_new0 (Usage, 1);
      usage->names = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (usage->names, NULL);
      usage->projects = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_insert (counts, g_strdup (connection_id), usage);
    }
  return usage;
}

static void
usage_add (Usage      *usage,
           FerrySync  *sync,
           const char *project_name)
{
  usage->total++;
  /* The badge is about this project's syncs (the ones managed here); another project's
   * failing sync says nothing about how this one fares. */
  if (project_name == NULL && ferry_sync_get_sync_status (sync) == FERRY_SYNC_STATUS_FAILED)
    usage->failed++;
  if (project_name == NULL && ferry_sync_is_busy (sync))
    usage->busy++;
  if (usage->names->len <= USAGE_NAMES)
    g_ptr_array_insert (usage->names, usage->names->len - 1,
                        project_name != NULL
                          /* Translators: a sync and, in parentheses, the Infisical project it belongs to */
                          ? g_strdup_printf (_("%s (%s)"), ferry_sync_get_name (sync), project_name)
                          : g_strdup (ferry_sync_get_name (sync)));
}

/* The syncs of other projects that use connections, from the last scan. */
static void
ferry_connections_page_add_elsewhere (FerryConnectionsPage *self,
                                      GHashTable           *counts)
{
  const char *here;
  GListModel *connections;

  if (self->usage == NULL || self->model == NULL)
    return;

  here = ferry_resource_get_id (FERRY_RESOURCE (ferry_project_model_get_project (self->model)));
  connections = ferry_project_model_get_connections (self->model);
  for (guint i = 0; i < g_list_model_get_n_items (connections); i++)
    {
      g_autoptr(FerryConnection) connection = g_list_model_get_item (connections, i);
      const char *id = ferry_resource_get_id (FERRY_RESOURCE (connection));
      g_autoptr(GPtrArray) syncs = ferry_connection_usage_get_syncs (self->usage, id);

      for (guint j = 0; j < syncs->len; j++)
        {
          FerrySync *sync = g_ptr_array_index (syncs, j);
          const char *project_id = ferry_sync_get_project_id (sync);
          Usage *usage;

          /* This project's syncs come from the model, which is current. */
          if (project_id == NULL || g_strcmp0 (project_id, here) == 0)
            continue;
          usage = usage_lookup (counts, id);
          usage_add (usage, sync, ferry_connection_usage_get_project_name (self->usage, sync));
          g_hash_table_add (usage->projects, g_strdup (project_id));
        }
    }
}

/* Each row's usage and health, from one pass over the model's syncs. */
static void
ferry_connections_page_update_usage (FerryConnectionsPage *self)
{
  g_autoptr(GHashTable) counts = NULL;
  GListModel *syncs = self->model != NULL ? ferry_project_model_get_syncs (self->model) : NULL;
  guint n_unchecked;
  guint n;

  counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) usage_free);
  n = syncs != NULL ? g_list_model_get_n_items (syncs) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FerrySync) sync = g_list_model_get_item (syncs, i);
      const char *id = ferry_sync_get_connection_id (sync);
      Usage *usage;

      if (id == NULL)
        continue;
      usage = usage_lookup (counts, id);
      usage_add (usage, sync, NULL);
      usage->local++;
    }
  ferry_connections_page_add_elsewhere (self, counts);
  n_unchecked = self->usage != NULL ? g_strv_length ((char **) ferry_connection_usage_get_unchecked (self->usage)) : 0;

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
      /* Another project's connection is usable only there; only organization-wide ones
       * can hide syncs in projects that could not be checked. */
      ferry_connection_row_set_reach (FERRY_CONNECTION_ROW (child),
                                      usage != NULL ? g_hash_table_size (usage->projects) + (usage->local > 0) : 0,
                                      usage != NULL && usage->local == 0 && usage->total > 0,
                                      ferry_connection_get_project_id (connection) == NULL ? n_unchecked : 0);
    }
}

static void
scan_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(FerryConnectionsPage) self = user_data;
  g_autoptr(FerryConnectionUsage) usage = NULL;
  g_autoptr(GError) error = NULL;

  usage = ferry_connection_usage_scan_finish (result, &error);
  if (usage == NULL)
    {
      /* The project's own usage still shows; the other projects stay unknown. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Could not find the syncs of other projects: %s", error->message);
      return;
    }

  g_set_object (&self->usage, usage);
  ferry_connections_page_update_usage (self);
}

/* Looks for the syncs of every project again (a previous scan still running is dropped). */
static void
ferry_connections_page_scan (FerryConnectionsPage *self)
{
  FerryWorkspace *workspace = self->model != NULL ? ferry_project_model_get_workspace (self->model) : NULL;

  g_cancellable_cancel (self->scan_cancellable);
  g_clear_object (&self->scan_cancellable);
  if (workspace == NULL)
    return;

  self->scan_cancellable = g_cancellable_new ();
  ferry_connection_usage_scan_async (workspace, self->scan_cancellable, scan_cb, g_object_ref (self));
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
}

static void
filter_items_changed_cb (FerryConnectionsPage *self)
{
  /* Rows are (re)created by the list box: give the new ones their usage. */
  ferry_connections_page_update_usage (self);
}

/* ---- The model ---- */

void
ferry_connections_page_set_model (FerryConnectionsPage *self,
                                  FerryProjectModel    *model)
{
  g_return_if_fail (FERRY_IS_CONNECTIONS_PAGE (self));
  g_return_if_fail (model == NULL || FERRY_IS_PROJECT_MODEL (model));

  if (!g_set_object (&self->model, model))
    return;

  g_signal_group_set_target (self->model_signals, model);
  g_clear_object (&self->usage);
  g_cancellable_cancel (self->scan_cancellable);
  g_clear_object (&self->scan_cancellable);
  gtk_filter_list_model_set_model (self->filter_model,
                                   model != NULL ? ferry_project_model_get_connections (model) : NULL);
  ferry_connections_page_update_usage (self);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    ferry_connections_page_scan (self);

  if (model != NULL && ferry_project_model_get_connections_state (model) == FERRY_LOAD_STATE_IDLE)
    ferry_project_model_refresh_connections (model);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

/* Offline the rows are the cache's: adding, editing and deleting need the server, so they
 * are off until it answers again (ferry-window.c decides, as for the syncs page). */
void
ferry_connections_page_set_read_only (FerryConnectionsPage *self,
                                      gboolean              read_only)
{
  g_return_if_fail (FERRY_IS_CONNECTIONS_PAGE (self));

  self->read_only = !!read_only;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "connections.add", !self->read_only);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "connections.edit", !self->read_only);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "connections.delete", !self->read_only);
}

gboolean
ferry_connections_page_get_read_only (FerryConnectionsPage *self)
{
  g_return_val_if_fail (FERRY_IS_CONNECTIONS_PAGE (self), FALSE);

  return self->read_only;
}

void
ferry_connections_page_reload (FerryConnectionsPage *self)
{
  g_return_if_fail (FERRY_IS_CONNECTIONS_PAGE (self));

  if (self->model != NULL)
    ferry_project_model_refresh_connections (self->model);
  ferry_connections_page_scan (self);
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

  if (self->model == NULL)
    return;

  /* The model's object from now on (a no-op when the dialog saved through the model). */
  connection = ferry_project_model_add_connection (self->model, connection);
  if (g_object_get_data (G_OBJECT (dialog), "ferry-scope-dropped") != NULL)
    /* Translators: toast; %s is a connection name */
    text = g_strdup_printf (_("Connection “%s” added for the whole organization: this server has no project connections"),
                            ferry_connection_get_name (connection));
  else if (g_object_get_data (G_OBJECT (dialog), "ferry-editing") == NULL)
    /* Translators: toast; %s is a connection name */
    text = g_strdup_printf (_("Connection “%s” added"), ferry_connection_get_name (connection));
  else
    /* Translators: toast; %s is a connection name */
    text = g_strdup_printf (_("Connection “%s” saved"), ferry_connection_get_name (connection));

  ferry_connections_page_update_usage (self);
  ferry_ui_toast (GTK_WIDGET (self), text, 5);
}

static void
ferry_connections_page_open_dialog (FerryConnectionsPage *self,
                                    FerryConnection      *connection)
{
  FerryConnectionDialog *dialog;

  dialog = ferry_connection_dialog_new (self->context, self->model,
                                        GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                        connection);
  if (connection != NULL)
    g_object_set_data (G_OBJECT (dialog), "ferry-editing", GINT_TO_POINTER (TRUE));
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

  if (self->model != NULL)
    ferry_connections_page_open_dialog (self, NULL);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  FerryConnectionsPage *self = FERRY_CONNECTIONS_PAGE (widget);
  FerryConnection *connection;

  if (self->model == NULL)
    return;

  connection = ferry_project_model_find_connection (self->model, g_variant_get_string (parameter, NULL));
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

static DeleteData *
delete_data_new (FerryConnectionsPage *self,
                 FerryConnection      *connection)
{
  DeleteData *data = g_new0 (DeleteData, 1);

  data->self = g_object_ref (self);
  data->connection = g_object_ref (connection);

  return data;
}

static void
ferry_connections_page_show_in_use (FerryConnectionsPage *self,
                                    FerryConnection      *connection,
                                    const GError         *error)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), NULL, NULL);
  g_autofree char *details = ferry_api_error_format_details (error);
  GtkWidget *expander = gtk_expander_new_with_mnemonic (_("_Details"));
  GtkWidget *label = gtk_label_new (details);

  /* Translators: %s is a connection name */
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("“%s” Is Still in Use"),
                                     ferry_connection_get_name (connection));
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), error->message);
  /* The server's own words, as FerryErrorView shows them elsewhere. */
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "monospace");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_expander_set_child (GTK_EXPANDER (expander), label);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), expander);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
delete_connection_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(DeleteData) data = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!ferry_project_model_delete_connection_finish (FERRY_PROJECT_MODEL (object), result, &error))
    {
      if (g_error_matches (error, FERRY_API_ERROR, FERRY_API_ERROR_IN_USE))
        {
          /* The sentence names the syncs (src/core found them); the server's own words
           * are under Details. The rows learn of those syncs too. */
          ferry_connections_page_show_in_use (data->self, data->connection, error);
          ferry_connections_page_scan (data->self);
          return;
        }
      ferry_connections_page_report_error (data->self, error);
      return;
    }

  /* Translators: toast; %s is a connection name */
  text = g_strdup_printf (_("Connection “%s” deleted"), ferry_connection_get_name (data->connection));
  ferry_ui_toast (GTK_WIDGET (data->self), text, 5);
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          user_data)
{
  DeleteData *data = user_data;
  FerryConnectionsPage *self = data->self;

  if (g_strcmp0 (response, "delete") != 0 || self->model == NULL)
    return;

  ferry_project_model_delete_connection_async (self->model, data->connection, self->cancellable,
                                               delete_connection_cb,
                                               delete_data_new (self, data->connection));
}

/* The syncs of other projects the last scan found using @connection (borrowed). */
static GPtrArray *
ferry_connections_page_list_elsewhere (FerryConnectionsPage *self,
                                       FerryConnection      *connection)
{
  const char *here = ferry_resource_get_id (FERRY_RESOURCE (ferry_project_model_get_project (self->model)));
  g_autoptr(GPtrArray) all = NULL;
  GPtrArray *elsewhere = g_ptr_array_new ();

  if (self->usage == NULL)
    return elsewhere;

  all = ferry_connection_usage_get_syncs (self->usage, ferry_resource_get_id (FERRY_RESOURCE (connection)));
  for (guint i = 0; i < all->len; i++)
    {
      FerrySync *sync = g_ptr_array_index (all, i);

      if (ferry_sync_get_project_id (sync) != NULL && g_strcmp0 (ferry_sync_get_project_id (sync), here) != 0)
        g_ptr_array_add (elsewhere, sync);
    }
  return elsewhere;
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  FerryConnectionsPage *self = FERRY_CONNECTIONS_PAGE (widget);
  FerryConnection *connection;
  g_autoptr(GListStore) users = NULL;
  g_autoptr(GPtrArray) elsewhere = NULL;
  guint n_local;
  guint n_users;
  GtkWidget *dialog;

  if (self->model == NULL)
    return;

  connection = ferry_project_model_find_connection (self->model, g_variant_get_string (parameter, NULL));
  if (connection == NULL)
    return;

  users = ferry_project_model_list_connection_syncs (self->model, ferry_resource_get_id (FERRY_RESOURCE (connection)));
  n_local = g_list_model_get_n_items (G_LIST_MODEL (users));
  elsewhere = ferry_connections_page_list_elsewhere (self, connection);
  n_users = n_local + elsewhere->len;
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), NULL, NULL);

  if (n_users > 0)
    {
      g_autoptr(GString) body = g_string_new (NULL);

      /* Translators: %s is a connection name */
      adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("“%s” Is Still in Use"),
                                         ferry_connection_get_name (connection));
      g_string_append (body,
                       ngettext ("This sync sends secrets with the connection. Delete the sync or change its connection first:",
                                 "These syncs send secrets with the connection. Delete them or change their connection first:",
                                 n_users));
      for (guint i = 0; i < n_local; i++)
        {
          g_autoptr(FerrySync) sync = g_list_model_get_item (G_LIST_MODEL (users), i);

          g_string_append_printf (body, "\n• %s", ferry_sync_get_name (sync));
        }
      for (guint i = 0; i < elsewhere->len; i++)
        {
          FerrySync *sync = g_ptr_array_index (elsewhere, i);

          g_string_append (body, "\n• ");
          /* Translators: a sync and, in parentheses, the Infisical project it belongs to */
          g_string_append_printf (body, _("%s (%s)"), ferry_sync_get_name (sync),
                                  ferry_connection_usage_get_project_name (self->usage, sync));
        }
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

  g_signal_connect_data (dialog, "response", G_CALLBACK (delete_response_cb),
                         delete_data_new (self, connection), (GClosureNotify) delete_data_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The connection as Terraform for the Infisical provider: its credentials are variables
 * declared above it, never their values (ferry-sync-export.h). */
static void
copy_terraform_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  FerryConnectionsPage *self = FERRY_CONNECTIONS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *hcl = NULL;
  FerryConnection *connection;

  if (self->model == NULL)
    return;
  connection = ferry_project_model_find_connection (self->model, g_variant_get_string (parameter, NULL));
  if (connection == NULL)
    return;

  hcl = ferry_export_connection_terraform (connection, &error);
  if (hcl == NULL)
    {
      ferry_ui_toast (widget, _("Terraform cannot create connections that sign in with OAuth."), 5);
      return;
    }
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), hcl);
  ferry_ui_toast (widget, _("Terraform copied; it asks for the credentials as variables"), 3);
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
    case PROP_MODEL:
      g_value_set_object (value, self->model);
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
    case PROP_MODEL:
      ferry_connections_page_set_model (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_connections_page_dispose (GObject *object)
{
  FerryConnectionsPage *self = FERRY_CONNECTIONS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->scan_cancellable);
  g_clear_object (&self->usage);
  if (self->model_signals != NULL)
    g_signal_group_set_target (self->model_signals, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), FERRY_TYPE_CONNECTIONS_PAGE);
  ferry_ui_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->filter);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (ferry_connections_page_parent_class)->dispose (object);
}

static void
ferry_connections_page_finalize (GObject *object)
{
  FerryConnectionsPage *self = FERRY_CONNECTIONS_PAGE (object);

  g_clear_object (&self->context);
  g_clear_object (&self->model_signals);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->scan_cancellable);
  g_clear_pointer (&self->search_text, g_free);

  G_OBJECT_CLASS (ferry_connections_page_parent_class)->finalize (object);
}

static void
ferry_connections_page_map (GtkWidget *widget)
{
  FerryConnectionsPage *self = FERRY_CONNECTIONS_PAGE (widget);

  GTK_WIDGET_CLASS (ferry_connections_page_parent_class)->map (widget);

  /* First shown with this model: find the other projects' syncs now. */
  if (self->usage == NULL && self->scan_cancellable == NULL)
    ferry_connections_page_scan (self);
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
  widget_class->map = ferry_connections_page_map;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, FERRY_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, FERRY_TYPE_PROJECT_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_string ("state", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ferry-connections-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FerryConnectionsPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, FerryConnectionsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, FerryConnectionsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, FerryConnectionsPage, list_box);
  gtk_widget_class_bind_template_child (widget_class, FerryConnectionsPage, filter_model);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stack_notify_visible_child_cb);
  gtk_widget_class_bind_template_callback (widget_class, connections_view_state_cb);

  gtk_widget_class_install_action (widget_class, "connections.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "connections.edit", "s", edit_action);
  gtk_widget_class_install_action (widget_class, "connections.delete", "s", delete_action);
  gtk_widget_class_install_action (widget_class, "connections.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "connections.copy-terraform", "s", copy_terraform_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "connections.add", NULL);

  g_type_ensure (FERRY_TYPE_ERROR_VIEW);
  /* The template's expressions name it. */
  g_type_ensure (FERRY_TYPE_PROJECT_MODEL);
}

static void
ferry_connections_page_init (FerryConnectionsPage *self)
{
  self->cancellable = g_cancellable_new ();

  self->model_signals = g_signal_group_new (FERRY_TYPE_PROJECT_MODEL);
  g_signal_group_connect_object (self->model_signals, "syncs-changed",
                                 G_CALLBACK (ferry_connections_page_update_usage), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->model_signals, "notify::connections-error",
                                 G_CALLBACK (model_notify_connections_error_cb), self, G_CONNECT_SWAPPED);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  gtk_filter_list_model_set_filter (self->filter_model, GTK_FILTER (self->filter));
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->filter_model), create_row_cb, self, NULL);
  g_signal_connect_object (self->filter_model, "items-changed",
                           G_CALLBACK (filter_items_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
}
