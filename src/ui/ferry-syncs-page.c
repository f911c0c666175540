/* ferry-syncs-page.c
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The model's "syncs" → GtkFilterListModel (search, status, environment) →
 * GtkSortListModel (failed first, or by name) → GtkSingleSelection → GtkListView (rows from
 * the ferry-sync-list-item.ui template), with the selected sync's details beside it in an
 * AdwLeaflet. The chain is in ferry-syncs-page.ui; the filter and the sorter are C.
 *
 * What the page shows (loading, empty, error, offline, no results, the list) and the count
 * follow the model's "syncs-state" and "syncs-error" through closures in the .ui. Refreshes,
 * polling of busy syncs, rate-limit backoff and the operations are FerryProjectModel's
 * (src/core/ferry-project-model.h); the page asks for them and says how they went.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-error-view.h"
#include "ferry-sync-details.h"
#include "ferry-sync-row.h"
#include "ferry-syncs-page.h"
#include "ferry-ui-utils.h"

enum {
  STATUS_FILTER_ALL,
  STATUS_FILTER_FAILED,
  STATUS_FILTER_BUSY,
  STATUS_FILTER_SUCCEEDED,
  STATUS_FILTER_NEVER,
};

enum {
  SORT_STATUS,
  SORT_NAME,
};

struct _FerrySyncsPage
{
  GtkWidget           parent_instance;

  FerryContext       *context;
  FerryProjectModel  *model;
  FerryProjectModel  *held;               /* the model held while mapped */
  GSignalGroup       *model_signals;
  GSignalGroup       *sync_signals;       /* the selected sync's busy and operation */
  GtkCustomFilter    *filter;
  GtkCustomSorter    *sorter;
  GListStore         *environment_names;
  GCancellable       *cancellable;        /* operations; cancelled when the page goes */
  /* A refresh of the shown list failed; said once, until a refresh works again. */
  gboolean            refresh_failure_shown;
  char               *search_text;

  /* Template widgets */
  AdwLeaflet         *leaflet;
  GtkWidget          *list_pane;
  GtkSearchBar       *search_bar;
  GtkSearchEntry     *search_entry;
  GtkDropDown        *status_dropdown;
  GtkDropDown        *environment_dropdown;
  GtkDropDown        *sort_dropdown;
  GtkStack           *stack;
  GtkListView        *list_view;
  GtkFilterListModel *filter_model;
  GtkSortListModel   *sort_model;
  GtkSingleSelection *selection;
  FerrySyncDetails   *details;
};

G_DEFINE_FINAL_TYPE (FerrySyncsPage, ferry_syncs_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_MODEL,
  PROP_STATE,
  N_PROPS
};

enum {
  USER_SYNC_FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void ferry_syncs_page_update_actions (FerrySyncsPage *self);

GtkWidget *
ferry_syncs_page_new (FerryContext *context)
{
  g_return_val_if_fail (FERRY_IS_CONTEXT (context), NULL);

  return g_object_new (FERRY_TYPE_SYNCS_PAGE, "context", context, NULL);
}

FerryProjectModel *
ferry_syncs_page_get_model (FerrySyncsPage *self)
{
  g_return_val_if_fail (FERRY_IS_SYNCS_PAGE (self), NULL);

  return self->model;
}

FerryProject *
ferry_syncs_page_get_project (FerrySyncsPage *self)
{
  g_return_val_if_fail (FERRY_IS_SYNCS_PAGE (self), NULL);

  return self->model != NULL ? ferry_project_model_get_project (self->model) : NULL;
}

GListModel *
ferry_syncs_page_get_syncs (FerrySyncsPage *self)
{
  g_return_val_if_fail (FERRY_IS_SYNCS_PAGE (self), NULL);

  return self->model != NULL ? ferry_project_model_get_syncs (self->model) : NULL;
}

GListModel *
ferry_syncs_page_get_visible_syncs (FerrySyncsPage *self)
{
  g_return_val_if_fail (FERRY_IS_SYNCS_PAGE (self), NULL);

  return G_LIST_MODEL (self->sort_model);
}

FerrySync *
ferry_syncs_page_get_selected (FerrySyncsPage *self)
{
  g_return_val_if_fail (FERRY_IS_SYNCS_PAGE (self), NULL);

  return gtk_single_selection_get_selected_item (self->selection);
}

const char *
ferry_syncs_page_get_state (FerrySyncsPage *self)
{
  g_return_val_if_fail (FERRY_IS_SYNCS_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/* ---- What the page shows (closures of ferry-syncs-page.ui) ---- */

static char *
syncs_view_state_cb (FerrySyncsPage *self,
                     FerryLoadState  state,
                     const GError   *error,
                     guint           total,
                     guint           shown)
{
  if (state == FERRY_LOAD_STATE_IDLE || state == FERRY_LOAD_STATE_LOADING)
    return g_strdup ("loading");
  /* A failed refresh keeps a list that has something in it (the toast says it failed). */
  if (state == FERRY_LOAD_STATE_ERROR || (error != NULL && total == 0))
    return g_strdup (ferry_ui_load_error_page (error));
  if (total == 0)
    return g_strdup ("empty");
  if (shown == 0)
    return g_strdup ("no-results");
  return g_strdup ("list");
}

static char *
syncs_count_cb (FerrySyncsPage *self,
                FerryLoadState  state,
                guint           total,
                guint           shown)
{
  if (state != FERRY_LOAD_STATE_READY || total == 0)
    return g_strdup ("");
  if (shown == total)
    /* Translators: number of syncs in the list */
    return g_strdup_printf (ngettext ("%u sync", "%u syncs", total), total);
  /* Translators: number of syncs shown by the filters, of all syncs */
  return g_strdup_printf (ngettext ("%u of %u sync", "%u of %u syncs", total), shown, total);
}

static char *
details_page_cb (FerrySyncsPage *self,
                 GObject        *selected)
{
  return g_strdup (selected != NULL ? "details" : "none");
}

static void
stack_notify_visible_child_cb (FerrySyncsPage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

/* ---- Filtering and sorting ---- */

static gboolean
contains_casefold (const char *haystack,
                   const char *needle)
{
  g_autofree char *folded = NULL;

  if (haystack == NULL)
    return FALSE;

  folded = g_utf8_casefold (haystack, -1);
  return strstr (folded, needle) != NULL;
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  FerrySyncsPage *self = user_data;
  FerrySync *sync = item;
  FerrySyncStatus status = ferry_sync_get_sync_status (sync);
  guint env_pos;

  switch (gtk_drop_down_get_selected (self->status_dropdown))
    {
    case STATUS_FILTER_FAILED:
      if (status != FERRY_SYNC_STATUS_FAILED)
        return FALSE;
      break;
    case STATUS_FILTER_BUSY:
      if (!ferry_sync_is_busy (sync))
        return FALSE;
      break;
    case STATUS_FILTER_SUCCEEDED:
      if (status != FERRY_SYNC_STATUS_SUCCEEDED)
        return FALSE;
      break;
    case STATUS_FILTER_NEVER:
      if (status != FERRY_SYNC_STATUS_NONE)
        return FALSE;
      break;
    case STATUS_FILTER_ALL:
    default:
      break;
    }

  env_pos = gtk_drop_down_get_selected (self->environment_dropdown);
  if (env_pos != GTK_INVALID_LIST_POSITION && env_pos > 0)
    {
      g_autoptr(GtkStringObject) env = g_list_model_get_item (G_LIST_MODEL (self->environment_names), env_pos);

      if (env != NULL && g_strcmp0 (gtk_string_object_get_string (env), ferry_sync_get_environment_name (sync)) != 0)
        return FALSE;
    }

  if (self->search_text != NULL && self->search_text[0] != '\0')
    {
      if (!contains_casefold (ferry_sync_get_name (sync), self->search_text) &&
          !contains_casefold (ferry_sync_get_description (sync), self->search_text) &&
          !contains_casefold (ferry_sync_get_environment_name (sync), self->search_text) &&
          !contains_casefold (ferry_sync_get_environment_slug (sync), self->search_text) &&
          !contains_casefold (ferry_sync_get_secret_path (sync), self->search_text) &&
          !contains_casefold (ferry_sync_get_devops_project_name (sync), self->search_text) &&
          !contains_casefold (ferry_sync_get_connection_name (sync), self->search_text))
        return FALSE;
    }

  return TRUE;
}

static int
sort_func (gconstpointer a,
           gconstpointer b,
           gpointer      user_data)
{
  FerrySyncsPage *self = user_data;
  FerrySync *sa = (FerrySync *) a;
  FerrySync *sb = (FerrySync *) b;
  int result;

  if (gtk_drop_down_get_selected (self->sort_dropdown) == SORT_STATUS)
    {
      int ra = ferry_ui_sync_status_rank (ferry_sync_get_sync_status (sa));
      int rb = ferry_ui_sync_status_rank (ferry_sync_get_sync_status (sb));

      if (ra != rb)
        return ra < rb ? -1 : 1;
    }

  result = g_strcmp0 (ferry_sync_get_name (sa), ferry_sync_get_name (sb));
  if (result != 0)
    return result;

  return g_strcmp0 (ferry_resource_get_id (FERRY_RESOURCE (sa)), ferry_resource_get_id (FERRY_RESOURCE (sb)));
}

static void
filter_changed_cb (FerrySyncsPage *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
search_changed_cb (FerrySyncsPage *self,
                   GtkSearchEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  g_free (self->search_text);
  self->search_text = g_utf8_casefold (text, -1);
  filter_changed_cb (self);
}

static void
sort_changed_cb (FerrySyncsPage *self)
{
  gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
}

/* Statuses change in place (merges, polls): order and filter may change with them. */
static void
model_syncs_changed_cb (FerrySyncsPage *self)
{
  gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

/* ---- Selection and details ---- */

static void
selection_notify_selected_item_cb (FerrySyncsPage *self)
{
  ferry_syncs_page_update_actions (self);
}

static void
list_view_activate_cb (FerrySyncsPage *self,
                       guint           position)
{
  gtk_single_selection_set_selected (self->selection, position);
  adw_leaflet_set_visible_child_name (self->leaflet, "details");
}

static void
leaflet_notify_folded_cb (FerrySyncsPage *self)
{
  gtk_list_view_set_single_click_activate (self->list_view, adw_leaflet_get_folded (self->leaflet));
}

gboolean
ferry_syncs_page_select_sync (FerrySyncsPage *self,
                              const char     *sync_id)
{
  guint n;

  g_return_val_if_fail (FERRY_IS_SYNCS_PAGE (self), FALSE);
  g_return_val_if_fail (sync_id != NULL, FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->sort_model));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FerrySync) sync = g_list_model_get_item (G_LIST_MODEL (self->sort_model), i);

      if (g_strcmp0 (ferry_resource_get_id (FERRY_RESOURCE (sync)), sync_id) == 0)
        {
          gtk_single_selection_set_selected (self->selection, i);
          gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", i);
          adw_leaflet_set_visible_child_name (self->leaflet, "details");
          return TRUE;
        }
    }

  return FALSE;
}

/* ---- What the model says ---- */

/* An operation Ferry followed reached its end: say how it went. */
static void
model_sync_settled_cb (FerrySyncsPage     *self,
                       FerrySync          *sync,
                       FerrySyncOperation  operation,
                       gboolean            deleted)
{
  g_autofree char *text = NULL;

  switch (operation)
    {
    case FERRY_SYNC_OPERATION_SYNC:
      if (ferry_sync_get_sync_status (sync) == FERRY_SYNC_STATUS_FAILED)
        {
          /* Translators: toast; %s is a sync name */
          text = g_strdup_printf (_("Sync “%s” failed"), ferry_sync_get_name (sync));
          g_signal_emit (self, signals[USER_SYNC_FAILED], 0, sync);
        }
      else
        /* Translators: toast; %s is a sync name */
        text = g_strdup_printf (_("Sync “%s” finished"), ferry_sync_get_name (sync));
      break;

    case FERRY_SYNC_OPERATION_DELETE:
      if (deleted)
        {
          /* Translators: toast; %s is a sync name */
          text = g_strdup_printf (_("Sync “%s” deleted and its secrets removed"), ferry_sync_get_name (sync));
          break;
        }
      /* Removing the secrets failed, so the server kept the sync. */
      G_GNUC_FALLTHROUGH;
    case FERRY_SYNC_OPERATION_REMOVE:
      if (ferry_sync_get_remove_status (sync) == FERRY_SYNC_STATUS_FAILED)
        /* Translators: toast; %s is a sync name */
        text = g_strdup_printf (_("Could not remove the secrets of “%s”"), ferry_sync_get_name (sync));
      else
        /* Translators: toast; %s is a variable group name */
        text = g_strdup_printf (_("Variable group “%s” removed from Azure DevOps"), ferry_sync_get_environment_name (sync));
      break;

    case FERRY_SYNC_OPERATION_NONE:
    default:
      return;
    }

  ferry_ui_toast (GTK_WIDGET (self), text, 4);
}

/* A failed refresh of a shown list is a toast, once per run of failures so the periodic
 * refresh does not repeat it; an expired session has its own bar. (A list that could not
 * load at all shows the error page instead, see syncs_view_state_cb.) */
static void
model_notify_syncs_error_cb (FerrySyncsPage *self)
{
  const GError *error = ferry_project_model_get_syncs_error (self->model);
  g_autofree char *text = NULL;

  if (error == NULL)
    {
      self->refresh_failure_shown = FALSE;
      return;
    }

  if (self->refresh_failure_shown ||
      ferry_project_model_get_syncs_state (self->model) != FERRY_LOAD_STATE_READY ||
      g_list_model_get_n_items (ferry_project_model_get_syncs (self->model)) == 0 ||
      ferry_ui_error_is_session_expired (error))
    return;

  /* Translators: toast; %s is a sentence saying what went wrong */
  text = g_strdup_printf (_("The syncs could not be refreshed: %s"), error->message);
  ferry_ui_toast (GTK_WIDGET (self), text, 4);
  self->refresh_failure_shown = TRUE;
}

static void
ferry_syncs_page_update_environments (FerrySyncsPage *self)
{
  FerryProject *project = ferry_syncs_page_get_project (self);
  GListModel *environments;
  guint n;

  g_autoptr(GtkStringObject) all = gtk_string_object_new (_("All Environments"));

  g_list_store_remove_all (self->environment_names);
  g_list_store_append (self->environment_names, all);

  if (project == NULL)
    return;

  environments = ferry_project_get_environments (project);
  n = environments != NULL ? g_list_model_get_n_items (environments) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FerryEnvironment) env = g_list_model_get_item (environments, i);
      g_autoptr(GtkStringObject) name = gtk_string_object_new (ferry_environment_get_name (env));

      g_list_store_append (self->environment_names, name);
    }
  gtk_drop_down_set_selected (self->environment_dropdown, 0);
}

/* The page holds its model while it is mapped: the list refreshes only while someone can
 * see it, and a window coming back from hidden catches up at once. */
static void
ferry_syncs_page_update_hold (FerrySyncsPage *self)
{
  FerryProjectModel *wanted = gtk_widget_get_mapped (GTK_WIDGET (self)) ? self->model : NULL;

  if (wanted == self->held)
    return;

  if (self->held != NULL)
    ferry_project_model_release (self->held);
  g_set_object (&self->held, wanted);
  if (wanted != NULL)
    ferry_project_model_hold (wanted);
}

void
ferry_syncs_page_set_model (FerrySyncsPage    *self,
                            FerryProjectModel *model)
{
  g_return_if_fail (FERRY_IS_SYNCS_PAGE (self));
  g_return_if_fail (model == NULL || FERRY_IS_PROJECT_MODEL (model));

  if (!g_set_object (&self->model, model))
    return;

  self->refresh_failure_shown = FALSE;
  g_signal_group_set_target (self->model_signals, model);
  gtk_filter_list_model_set_model (self->filter_model, model != NULL ? ferry_project_model_get_syncs (model) : NULL);
  ferry_syncs_page_update_environments (self);
  adw_leaflet_set_visible_child_name (self->leaflet, "list");
  ferry_syncs_page_update_hold (self);

  /* Not mapped (another view is shown): the list is still wanted when it is. */
  if (model != NULL && ferry_project_model_get_syncs_state (model) == FERRY_LOAD_STATE_IDLE)
    ferry_project_model_refresh (model);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

void
ferry_syncs_page_reload (FerrySyncsPage *self)
{
  g_return_if_fail (FERRY_IS_SYNCS_PAGE (self));

  if (self->model != NULL)
    ferry_project_model_refresh (self->model);
}

void
ferry_syncs_page_focus_search (FerrySyncsPage *self)
{
  g_return_if_fail (FERRY_IS_SYNCS_PAGE (self));

  adw_leaflet_set_visible_child_name (self->leaflet, "list");
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
ferry_syncs_page_follow_sync (FerrySyncsPage *self,
                              FerrySync      *sync)
{
  FerrySync *stored;

  g_return_if_fail (FERRY_IS_SYNCS_PAGE (self));
  g_return_if_fail (FERRY_IS_SYNC (sync));

  if (self->model == NULL)
    return;

  stored = ferry_project_model_follow_sync (self->model, sync);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  ferry_syncs_page_select_sync (self, ferry_resource_get_id (FERRY_RESOURCE (stored)));
}

/* ---- Actions ---- */

static void
ferry_syncs_page_update_actions (FerrySyncsPage *self)
{
  FerrySync *sync = gtk_single_selection_get_selected_item (self->selection);
  gboolean have = sync != NULL;
  gboolean busy = have && ferry_sync_get_busy (sync);
  gboolean deleting = have && ferry_sync_get_operation (sync) == FERRY_SYNC_OPERATION_DELETE;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "syncs.sync-now", have && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "syncs.set-auto-sync", have && !deleting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "syncs.toggle-auto-sync", have && !deleting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "syncs.remove-secrets", have && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "syncs.edit", have && !deleting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "syncs.delete", have && !busy);
}

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

static void
set_auto_sync_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(OpData) data = user_data;
  FerrySyncsPage *self = data->self;
  g_autoptr(GError) error = NULL;

  if (!ferry_project_model_set_auto_sync_finish (FERRY_PROJECT_MODEL (object), result, &error))
    {
      ferry_syncs_page_report_error (self, error);
      /* The switch goes back to what the sync says. */
      if (ferry_sync_details_get_sync (self->details) == data->sync)
        ferry_sync_details_refresh (self->details);
      return;
    }

  ferry_ui_toast (GTK_WIDGET (self), ferry_sync_get_auto_sync_enabled (data->sync)
                                  ? _("Auto-sync turned on")
                                  : _("Auto-sync turned off"), 4);
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
  call->remove_secrets = gtk_switch_get_active (remove_switch);
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

static void
ferry_syncs_page_class_actions_init (FerrySyncsPageClass *klass)
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

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "syncs.sync-now", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "syncs.edit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "syncs.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "syncs.toggle-auto-sync", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "syncs.show-list", NULL);
}

static void
network_changed_cb (FerrySyncsPage *self,
                    gboolean        available)
{
  if (available && g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "offline") == 0)
    ferry_syncs_page_reload (self);
}

/* ---- GObject ---- */

static void
ferry_syncs_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (ferry_syncs_page_parent_class)->map (widget);

  ferry_syncs_page_update_hold (FERRY_SYNCS_PAGE (widget));
}

static void
ferry_syncs_page_unmap (GtkWidget *widget)
{
  ferry_syncs_page_update_hold (FERRY_SYNCS_PAGE (widget));

  GTK_WIDGET_CLASS (ferry_syncs_page_parent_class)->unmap (widget);
}

static void
ferry_syncs_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  FerrySyncsPage *self = FERRY_SYNCS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_STATE:
      g_value_set_string (value, ferry_syncs_page_get_state (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_syncs_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  FerrySyncsPage *self = FERRY_SYNCS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    case PROP_MODEL:
      ferry_syncs_page_set_model (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_syncs_page_dispose (GObject *object)
{
  FerrySyncsPage *self = FERRY_SYNCS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->held != NULL)
    ferry_project_model_release (self->held);
  g_clear_object (&self->held);
  if (self->model_signals != NULL)
    g_signal_group_set_target (self->model_signals, NULL);
  if (self->sync_signals != NULL)
    g_signal_group_set_target (self->sync_signals, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), FERRY_TYPE_SYNCS_PAGE);
  ferry_ui_unparent_children (GTK_WIDGET (self));

  g_clear_object (&self->filter);
  g_clear_object (&self->sorter);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (ferry_syncs_page_parent_class)->dispose (object);
}

static void
ferry_syncs_page_finalize (GObject *object)
{
  FerrySyncsPage *self = FERRY_SYNCS_PAGE (object);

  g_clear_object (&self->context);
  g_clear_object (&self->model_signals);
  g_clear_object (&self->sync_signals);
  g_clear_object (&self->environment_names);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->search_text, g_free);

  G_OBJECT_CLASS (ferry_syncs_page_parent_class)->finalize (object);
}

static void
ferry_syncs_page_class_init (FerrySyncsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = ferry_syncs_page_get_property;
  object_class->set_property = ferry_syncs_page_set_property;
  object_class->dispose = ferry_syncs_page_dispose;
  object_class->finalize = ferry_syncs_page_finalize;
  widget_class->map = ferry_syncs_page_map;
  widget_class->unmap = ferry_syncs_page_unmap;

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

  signals[USER_SYNC_FAILED] =
    g_signal_new ("user-sync-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, FERRY_TYPE_SYNC);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ferry-syncs-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FerrySyncsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, FerrySyncsPage, list_pane);
  gtk_widget_class_bind_template_child (widget_class, FerrySyncsPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, FerrySyncsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, FerrySyncsPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, FerrySyncsPage, environment_dropdown);
  gtk_widget_class_bind_template_child (widget_class, FerrySyncsPage, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, FerrySyncsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, FerrySyncsPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, FerrySyncsPage, filter_model);
  gtk_widget_class_bind_template_child (widget_class, FerrySyncsPage, sort_model);
  gtk_widget_class_bind_template_child (widget_class, FerrySyncsPage, selection);
  gtk_widget_class_bind_template_child (widget_class, FerrySyncsPage, details);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, sort_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_notify_folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, selection_notify_selected_item_cb);
  gtk_widget_class_bind_template_callback (widget_class, stack_notify_visible_child_cb);
  gtk_widget_class_bind_template_callback (widget_class, syncs_view_state_cb);
  gtk_widget_class_bind_template_callback (widget_class, syncs_count_cb);
  gtk_widget_class_bind_template_callback (widget_class, details_page_cb);

  ferry_syncs_page_class_actions_init (klass);

  g_type_ensure (FERRY_TYPE_ERROR_VIEW);
  g_type_ensure (FERRY_TYPE_SYNC_DETAILS);
  /* The template's expressions and the rows' template (ferry-sync-list-item.ui) name
   * these types. */
  g_type_ensure (FERRY_TYPE_PROJECT_MODEL);
  g_type_ensure (FERRY_TYPE_SYNC_ROW);
}

static void
ferry_syncs_page_init (FerrySyncsPage *self)
{
  self->environment_names = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  self->cancellable = g_cancellable_new ();

  self->model_signals = g_signal_group_new (FERRY_TYPE_PROJECT_MODEL);
  g_signal_group_connect_object (self->model_signals, "sync-settled",
                                 G_CALLBACK (model_sync_settled_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->model_signals, "syncs-changed",
                                 G_CALLBACK (model_syncs_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->model_signals, "notify::syncs-error",
                                 G_CALLBACK (model_notify_syncs_error_cb), self, G_CONNECT_SWAPPED);

  /* The selected sync's actions follow its "busy" and "operation". */
  self->sync_signals = g_signal_group_new (FERRY_TYPE_SYNC);
  g_signal_group_connect_object (self->sync_signals, "notify::busy",
                                 G_CALLBACK (ferry_syncs_page_update_actions), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->sync_signals, "notify::operation",
                                 G_CALLBACK (ferry_syncs_page_update_actions), self, G_CONNECT_SWAPPED);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->sorter = gtk_custom_sorter_new (sort_func, self, NULL);
  gtk_filter_list_model_set_filter (self->filter_model, GTK_FILTER (self->filter));
  gtk_sort_list_model_set_sorter (self->sort_model, GTK_SORTER (self->sorter));
  g_object_bind_property (self->selection, "selected-item", self->sync_signals, "target", G_BINDING_SYNC_CREATE);

  gtk_drop_down_set_model (self->environment_dropdown, G_LIST_MODEL (self->environment_names));
  ferry_syncs_page_update_environments (self);

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  g_signal_connect_object (g_network_monitor_get_default (), "network-changed",
                           G_CALLBACK (network_changed_cb), self, G_CONNECT_SWAPPED);

  ferry_syncs_page_update_actions (self);
}
