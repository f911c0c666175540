/* ferry-syncs-page.c
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GListStore of FerrySync → GtkFilterListModel (search, status, environment) →
 * GtkSortListModel (failed first, or by name) → GtkSingleSelection → GtkListView (rows from
 * the ferry-sync-list-item.ui template), with the selected sync's details beside it in an
 * AdwLeaflet.
 *
 * Live updates: syncs whose job is queued or running are fetched every 2 s until they
 * settle; otherwise the whole list is refreshed every 30 s while the page is mapped (a
 * hidden or minimised window does not poll). A rate-limit answer stretches the interval.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-error-view.h"
#include "ferry-sync-details.h"
#include "ferry-sync-row.h"
#include "ferry-syncs-page.h"
#include "ferry-ui-utils.h"

#define BUSY_POLL_MS        2000
#define DEFAULT_REFRESH_S   30
#define MAX_REFRESH_S       300
#define MAX_PARALLEL_POLLS  8

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
  FerryProject       *project;
  GListStore         *store;
  GtkFilterListModel *filter_model;
  GtkSortListModel   *sort_model;
  GtkSingleSelection *selection;
  GtkCustomFilter    *filter;
  GtkCustomSorter    *sorter;
  GListStore         *environment_names;

  GCancellable       *load_cancellable;   /* the list request */
  GCancellable       *cancellable;        /* everything else, per project */
  guint               refresh_source;
  guint               busy_source;
  guint               refresh_interval;
  guint               current_interval;
  /* A refresh of the shown list failed; said once, until a refresh works again. */
  gboolean            refresh_failure_shown;
  guint               polls_in_flight;
  gboolean            loaded;
  GHashTable         *user_started;       /* sync ids the user ran here */
  GHashTable         *deleting;           /* sync ids deleted with their secrets */
  GHashTable         *removing;           /* sync ids whose secrets are being removed */
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
  AdwStatusPage      *empty_page;
  AdwStatusPage      *no_results_page;
  AdwStatusPage      *error_page;
  FerryErrorView     *error_view;
  GtkLabel           *count_label;
  GtkStack           *details_stack;
  FerrySyncDetails   *details;
};

G_DEFINE_FINAL_TYPE (FerrySyncsPage, ferry_syncs_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_PROJECT,
  PROP_STATE,
  N_PROPS
};

enum {
  SESSION_EXPIRED,
  USER_SYNC_FAILED,
  SYNCS_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void ferry_syncs_page_schedule_refresh (FerrySyncsPage *self);
static void ferry_syncs_page_schedule_busy_poll (FerrySyncsPage *self);
static void ferry_syncs_page_update_actions (FerrySyncsPage *self);

GtkWidget *
ferry_syncs_page_new (FerryContext *context)
{
  g_return_val_if_fail (FERRY_IS_CONTEXT (context), NULL);

  return g_object_new (FERRY_TYPE_SYNCS_PAGE, "context", context, NULL);
}

FerryProject *
ferry_syncs_page_get_project (FerrySyncsPage *self)
{
  g_return_val_if_fail (FERRY_IS_SYNCS_PAGE (self), NULL);

  return self->project;
}

GListModel *
ferry_syncs_page_get_syncs (FerrySyncsPage *self)
{
  g_return_val_if_fail (FERRY_IS_SYNCS_PAGE (self), NULL);

  return G_LIST_MODEL (self->store);
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

static void
ferry_syncs_page_set_state (FerrySyncsPage *self,
                            const char     *state)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), state) == 0)
    return;

  gtk_stack_set_visible_child_name (self->stack, state);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

/* Errors of actions: a toast, or the sign-in bar when the token was refused. */
static void
ferry_syncs_page_report_error (FerrySyncsPage *self,
                               const GError   *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (ferry_ui_error_is_session_expired (error))
    g_signal_emit (self, signals[SESSION_EXPIRED], 0);

  ferry_ui_toast (GTK_WIDGET (self), error->message, 4);
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
ferry_syncs_page_update_view_state (FerrySyncsPage *self)
{
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->sort_model));
  g_autofree char *count = NULL;
  const char *state = gtk_stack_get_visible_child_name (self->stack);

  if (!self->loaded || total == 0)
    gtk_label_set_label (self->count_label, "");
  if (!self->loaded)
    return;
  if (g_strcmp0 (state, "error") == 0 || g_strcmp0 (state, "offline") == 0)
    {
      if (total == 0)
        return;
    }

  if (total == 0)
    ferry_syncs_page_set_state (self, "empty");
  else if (shown == 0)
    ferry_syncs_page_set_state (self, "no-results");
  else
    ferry_syncs_page_set_state (self, "list");

  if (total == 0)
    return;
  if (shown == total)
    /* Translators: number of syncs in the list */
    count = g_strdup_printf (ngettext ("%u sync", "%u syncs", total), total);
  else
    /* Translators: number of syncs shown by the filters, of all syncs */
    count = g_strdup_printf (ngettext ("%u of %u sync", "%u of %u syncs", total), shown, total);
  gtk_label_set_label (self->count_label, count);
}

static void
ferry_syncs_page_refilter (FerrySyncsPage *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  ferry_syncs_page_update_view_state (self);
}

static void
filter_changed_cb (FerrySyncsPage *self)
{
  ferry_syncs_page_refilter (self);
}

static void
search_changed_cb (FerrySyncsPage *self,
                   GtkSearchEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  g_free (self->search_text);
  self->search_text = g_utf8_casefold (text, -1);
  ferry_syncs_page_refilter (self);
}

static void
sort_changed_cb (FerrySyncsPage *self)
{
  gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
}

/* ---- Selection and details ---- */

static void
selection_changed_cb (FerrySyncsPage *self)
{
  FerrySync *sync = gtk_single_selection_get_selected_item (self->selection);

  ferry_sync_details_set_sync (self->details, sync);
  gtk_stack_set_visible_child_name (self->details_stack, sync != NULL ? "details" : "none");
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

/* ---- Busy polling ---- */

static gboolean
ferry_syncs_page_any_busy (FerrySyncsPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  if (g_hash_table_size (self->deleting) > 0)
    return TRUE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FerrySync) sync = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      if (ferry_sync_is_busy (sync))
        return TRUE;
    }

  return FALSE;
}

static void
ferry_syncs_page_remove_sync (FerrySyncsPage *self,
                              FerrySync      *sync)
{
  guint position;

  if (g_list_store_find (self->store, sync, &position))
    g_list_store_remove (self->store, position);
  ferry_syncs_page_update_view_state (self);
  g_signal_emit (self, signals[SYNCS_CHANGED], 0);
}

/* A sync settled: tell the user about what they started. */
static void
ferry_syncs_page_sync_settled (FerrySyncsPage *self,
                               FerrySync      *sync)
{
  const char *id = ferry_resource_get_id (FERRY_RESOURCE (sync));
  g_autofree char *text = NULL;

  if (g_hash_table_remove (self->removing, id))
    {
      if (ferry_sync_get_remove_status (sync) == FERRY_SYNC_STATUS_FAILED)
        /* Translators: toast; %s is a sync name */
        text = g_strdup_printf (_("Could not remove the secrets of “%s”"), ferry_sync_get_name (sync));
      else
        /* Translators: toast; %s is a variable group name */
        text = g_strdup_printf (_("Variable group “%s” removed from Azure DevOps"), ferry_sync_get_environment_name (sync));
      ferry_ui_toast (GTK_WIDGET (self), text, 4);
      return;
    }

  if (!g_hash_table_remove (self->user_started, id))
    return;

  if (ferry_sync_get_sync_status (sync) == FERRY_SYNC_STATUS_FAILED)
    {
      /* Translators: toast; %s is a sync name */
      text = g_strdup_printf (_("Sync “%s” failed"), ferry_sync_get_name (sync));
      g_signal_emit (self, signals[USER_SYNC_FAILED], 0, sync);
    }
  else
    /* Translators: toast; %s is a sync name */
    text = g_strdup_printf (_("Sync “%s” finished"), ferry_sync_get_name (sync));
  ferry_ui_toast (GTK_WIDGET (self), text, 4);
}

typedef struct
{
  FerrySyncsPage *self;
  FerrySync      *sync;
} PollData;

static void
poll_data_free (PollData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->sync);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PollData, poll_data_free)

static PollData *
poll_data_new (FerrySyncsPage *self,
               FerrySync      *sync)
{
  PollData *data = g_new0 (PollData, 1);

  data->self = g_object_ref (self);
  data->sync = g_object_ref (sync);

  return data;
}

static void
poll_sync_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(PollData) data = user_data;
  FerrySyncsPage *self = data->self;
  g_autoptr(FerrySync) fresh = NULL;
  g_autoptr(GError) error = NULL;
  gboolean was_busy;

  fresh = ferry_api_client_get_sync_finish (FERRY_API_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->polls_in_flight--;

  if (fresh == NULL)
    {
      if (g_error_matches (error, FERRY_API_ERROR, FERRY_API_ERROR_NOT_FOUND))
        {
          const char *id = ferry_resource_get_id (FERRY_RESOURCE (data->sync));

          if (g_hash_table_remove (self->deleting, id))
            {
              g_autofree char *text = NULL;

              /* Translators: toast; %s is a sync name */
              text = g_strdup_printf (_("Sync “%s” deleted and its secrets removed"), ferry_sync_get_name (data->sync));
              ferry_ui_toast (GTK_WIDGET (self), text, 4);
            }
          g_hash_table_remove (self->user_started, id);
          g_hash_table_remove (self->removing, id);
          ferry_syncs_page_remove_sync (self, data->sync);
        }
      else if (ferry_ui_error_is_session_expired (error))
        {
          g_signal_emit (self, signals[SESSION_EXPIRED], 0);
          return;
        }
      else
        g_debug ("Polling sync failed: %s", error->message);
    }
  else
    {
      was_busy = ferry_sync_is_busy (data->sync);
      ferry_resource_update_from (FERRY_RESOURCE (data->sync), FERRY_RESOURCE (fresh));
      if (was_busy && !ferry_sync_is_busy (data->sync) &&
          !g_hash_table_contains (self->deleting, ferry_resource_get_id (FERRY_RESOURCE (data->sync))))
        {
          ferry_syncs_page_sync_settled (self, data->sync);
          ferry_syncs_page_refilter (self);
        }
      g_signal_emit (self, signals[SYNCS_CHANGED], 0);
    }

  ferry_syncs_page_update_actions (self);
  if (self->polls_in_flight == 0)
    ferry_syncs_page_schedule_busy_poll (self);
}

static gboolean
busy_poll_cb (gpointer user_data)
{
  FerrySyncsPage *self = user_data;
  FerryApiClient *client = ferry_context_get_client (self->context);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  self->busy_source = 0;

  if (client == NULL)
    return G_SOURCE_REMOVE;

  for (guint i = 0; i < n && self->polls_in_flight < MAX_PARALLEL_POLLS; i++)
    {
      g_autoptr(FerrySync) sync = g_list_model_get_item (G_LIST_MODEL (self->store), i);
      PollData *data;

      if (!ferry_sync_is_busy (sync) &&
          !g_hash_table_contains (self->deleting, ferry_resource_get_id (FERRY_RESOURCE (sync))))
        continue;

      data = poll_data_new (self, sync);
      self->polls_in_flight++;
      ferry_api_client_get_sync_async (client, ferry_resource_get_id (FERRY_RESOURCE (sync)),
                                       self->cancellable, poll_sync_cb, data);
    }

  return G_SOURCE_REMOVE;
}

static void
ferry_syncs_page_schedule_busy_poll (FerrySyncsPage *self)
{
  if (self->busy_source != 0 || self->polls_in_flight > 0)
    return;
  if (self->project == NULL || !ferry_syncs_page_any_busy (self))
    return;

  self->busy_source = g_timeout_add (BUSY_POLL_MS, busy_poll_cb, self);
}

/* ---- Loading ---- */

static void
ferry_syncs_page_show_error (FerrySyncsPage *self,
                             const GError   *error)
{
  ferry_syncs_page_set_state (self, ferry_ui_load_error_state (self->error_view, error));
}

static void
list_syncs_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(FerrySyncsPage) self = user_data;
  g_autoptr(GListStore) fresh = NULL;
  g_autoptr(GError) error = NULL;
  gboolean had_items;

  fresh = ferry_api_client_list_syncs_finish (FERRY_API_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->load_cancellable);

  if (fresh == NULL)
    {
      if (g_error_matches (error, FERRY_API_ERROR, FERRY_API_ERROR_RATE_LIMITED))
        {
          guint retry = ferry_api_error_get_retry_after (error);

          self->current_interval = MIN (MAX (self->current_interval * 2, retry), MAX_REFRESH_S);
        }

      if (ferry_ui_error_is_session_expired (error))
        g_signal_emit (self, signals[SESSION_EXPIRED], 0);

      /* Keep what is already listed: a failed refresh of a shown list is a toast, once per
       * run of failures so the 30 s refresh does not repeat it (an expired session has its
       * own bar). */
      if (!self->loaded || g_list_model_get_n_items (G_LIST_MODEL (self->store)) == 0)
        ferry_syncs_page_show_error (self, error);
      else if (!self->refresh_failure_shown && !ferry_ui_error_is_session_expired (error))
        {
          g_autofree char *text = NULL;

          /* Translators: toast; %s is a sentence saying what went wrong */
          text = g_strdup_printf (_("The syncs could not be refreshed: %s"), error->message);
          ferry_ui_toast (GTK_WIDGET (self), text, 4);
          self->refresh_failure_shown = TRUE;
        }

      if (!ferry_ui_error_is_session_expired (error))
        ferry_syncs_page_schedule_refresh (self);
      return;
    }

  self->current_interval = self->refresh_interval;
  self->refresh_failure_shown = FALSE;
  had_items = g_list_model_get_n_items (G_LIST_MODEL (self->store)) > 0;

  if (!had_items)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (fresh));
      g_autoptr(GPtrArray) items = g_ptr_array_new_full (n, g_object_unref);

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (fresh), i));
      g_list_store_splice (self->store, 0, 0, items->pdata, items->len);
    }
  else
    {
      ferry_resource_store_merge (self->store, G_LIST_MODEL (fresh));
      /* Statuses changed in place: order and filter may change too. */
      gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
      gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
    }

  self->loaded = TRUE;
  ferry_syncs_page_update_view_state (self);
  ferry_syncs_page_update_actions (self);
  g_signal_emit (self, signals[SYNCS_CHANGED], 0);

  ferry_syncs_page_schedule_busy_poll (self);
  ferry_syncs_page_schedule_refresh (self);
}

void
ferry_syncs_page_reload (FerrySyncsPage *self)
{
  FerryApiClient *client;

  g_return_if_fail (FERRY_IS_SYNCS_PAGE (self));

  g_clear_handle_id (&self->refresh_source, g_source_remove);

  client = ferry_context_get_client (self->context);
  if (client == NULL || self->project == NULL)
    return;

  if (self->load_cancellable != NULL)
    return;

  if (!self->loaded)
    ferry_syncs_page_set_state (self, "loading");

  self->load_cancellable = g_cancellable_new ();
  ferry_api_client_list_syncs_async (client,
                                     ferry_resource_get_id (FERRY_RESOURCE (self->project)),
                                     self->load_cancellable,
                                     list_syncs_cb,
                                     g_object_ref (self));
}

static gboolean
refresh_cb (gpointer user_data)
{
  FerrySyncsPage *self = user_data;

  self->refresh_source = 0;

  /* Not while the window is hidden: map () restarts it. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return G_SOURCE_REMOVE;

  ferry_syncs_page_reload (self);
  return G_SOURCE_REMOVE;
}

static void
ferry_syncs_page_schedule_refresh (FerrySyncsPage *self)
{
  g_clear_handle_id (&self->refresh_source, g_source_remove);

  if (self->project == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  self->refresh_source = g_timeout_add_seconds (MAX (self->current_interval, 1), refresh_cb, self);
}

void
ferry_syncs_page_set_refresh_interval (FerrySyncsPage *self,
                                       guint           seconds)
{
  g_return_if_fail (FERRY_IS_SYNCS_PAGE (self));
  g_return_if_fail (seconds > 0);

  self->refresh_interval = seconds;
  self->current_interval = seconds;
  if (self->refresh_source != 0)
    ferry_syncs_page_schedule_refresh (self);
}

/**
 * ferry_syncs_page_get_current_refresh_interval:
 * @self: a #FerrySyncsPage
 *
 * The seconds until the next periodic refresh as now scheduled: the interval set with
 * ferry_syncs_page_set_refresh_interval (), stretched after rate-limit answers. Read-only,
 * used by tests.
 *
 * Returns: the current refresh interval in seconds
 */
guint
ferry_syncs_page_get_current_refresh_interval (FerrySyncsPage *self)
{
  g_return_val_if_fail (FERRY_IS_SYNCS_PAGE (self), 0);

  return self->current_interval;
}

static void
ferry_syncs_page_update_environments (FerrySyncsPage *self)
{
  GListModel *environments;
  guint n;

  g_autoptr(GtkStringObject) all = gtk_string_object_new (_("All Environments"));

  g_list_store_remove_all (self->environment_names);
  g_list_store_append (self->environment_names, all);

  if (self->project == NULL)
    return;

  environments = ferry_project_get_environments (self->project);
  n = environments != NULL ? g_list_model_get_n_items (environments) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FerryEnvironment) env = g_list_model_get_item (environments, i);
      g_autoptr(GtkStringObject) name = gtk_string_object_new (ferry_environment_get_name (env));

      g_list_store_append (self->environment_names, name);
    }
  gtk_drop_down_set_selected (self->environment_dropdown, 0);
}

void
ferry_syncs_page_set_project (FerrySyncsPage *self,
                              FerryProject   *project)
{
  g_return_if_fail (FERRY_IS_SYNCS_PAGE (self));
  g_return_if_fail (project == NULL || FERRY_IS_PROJECT (project));

  if (self->project == project)
    return;

  g_set_object (&self->project, project);

  /* Everything in flight belonged to the previous project. */
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->polls_in_flight = 0;
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_handle_id (&self->busy_source, g_source_remove);
  g_hash_table_remove_all (self->user_started);
  g_hash_table_remove_all (self->deleting);
  g_hash_table_remove_all (self->removing);

  self->loaded = FALSE;
  self->current_interval = self->refresh_interval;
  g_list_store_remove_all (self->store);
  ferry_syncs_page_update_environments (self);
  adw_leaflet_set_visible_child_name (self->leaflet, "list");

  if (project != NULL)
    ferry_syncs_page_reload (self);
  else
    ferry_syncs_page_set_state (self, "loading");

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT]);
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
  FerrySync *existing;
  const char *id;

  g_return_if_fail (FERRY_IS_SYNCS_PAGE (self));
  g_return_if_fail (FERRY_IS_SYNC (sync));

  id = ferry_resource_get_id (FERRY_RESOURCE (sync));
  existing = ferry_resource_find_by_id (G_LIST_MODEL (self->store), id);
  if (existing != NULL)
    ferry_resource_update_from (FERRY_RESOURCE (existing), FERRY_RESOURCE (sync));
  else
    {
      g_list_store_append (self->store, sync);
      existing = sync;
    }

  if (ferry_sync_is_busy (existing))
    g_hash_table_add (self->user_started, g_strdup (id));

  self->loaded = TRUE;
  ferry_syncs_page_refilter (self);
  ferry_syncs_page_select_sync (self, id);
  ferry_syncs_page_schedule_busy_poll (self);
  g_signal_emit (self, signals[SYNCS_CHANGED], 0);
}

/* ---- Actions ---- */

static void
ferry_syncs_page_update_actions (FerrySyncsPage *self)
{
  FerrySync *sync = gtk_single_selection_get_selected_item (self->selection);
  gboolean have = sync != NULL;
  gboolean busy = have && ferry_sync_is_busy (sync);
  gboolean deleting = have && g_hash_table_contains (self->deleting, ferry_resource_get_id (FERRY_RESOURCE (sync)));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "syncs.sync-now", have && !busy && !deleting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "syncs.set-auto-sync", have && !deleting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "syncs.toggle-auto-sync", have && !deleting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "syncs.remove-secrets", have && !busy && !deleting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "syncs.edit", have && !deleting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "syncs.delete", have && !busy && !deleting);
}

static void
trigger_sync_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(PollData) data = user_data;
  FerrySyncsPage *self = data->self;
  g_autoptr(FerrySync) fresh = NULL;
  g_autoptr(GError) error = NULL;

  fresh = ferry_api_client_trigger_sync_finish (FERRY_API_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (fresh == NULL)
    {
      g_hash_table_remove (self->user_started, ferry_resource_get_id (FERRY_RESOURCE (data->sync)));
      ferry_syncs_page_report_error (self, error);
      ferry_syncs_page_update_actions (self);
      return;
    }

  ferry_resource_update_from (FERRY_RESOURCE (data->sync), FERRY_RESOURCE (fresh));
  ferry_syncs_page_update_actions (self);
  ferry_syncs_page_schedule_busy_poll (self);
  g_signal_emit (self, signals[SYNCS_CHANGED], 0);
}

static void
ferry_syncs_page_run_sync (FerrySyncsPage *self,
                           FerrySync      *sync)
{
  FerryApiClient *client = ferry_context_get_client (self->context);
  PollData *data;

  if (client == NULL)
    return;

  g_hash_table_add (self->user_started, g_strdup (ferry_resource_get_id (FERRY_RESOURCE (sync))));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "syncs.sync-now", FALSE);

  data = poll_data_new (self, sync);
  ferry_api_client_trigger_sync_async (client, ferry_resource_get_id (FERRY_RESOURCE (sync)),
                                       self->cancellable, trigger_sync_cb, data);
}

static void
sync_now_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  FerrySyncsPage *self = FERRY_SYNCS_PAGE (widget);
  FerrySync *sync = gtk_single_selection_get_selected_item (self->selection);

  if (sync != NULL)
    ferry_syncs_page_run_sync (self, sync);
}

static void
update_auto_sync_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(PollData) data = user_data;
  FerrySyncsPage *self = data->self;
  g_autoptr(FerrySync) fresh = NULL;
  g_autoptr(GError) error = NULL;

  fresh = ferry_api_client_update_sync_finish (FERRY_API_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (fresh == NULL)
    {
      ferry_syncs_page_report_error (self, error);
      if (ferry_sync_details_get_sync (self->details) == data->sync)
        ferry_sync_details_refresh (self->details);
      return;
    }

  ferry_resource_update_from (FERRY_RESOURCE (data->sync), FERRY_RESOURCE (fresh));
  ferry_ui_toast (GTK_WIDGET (self), ferry_sync_get_auto_sync_enabled (data->sync)
                                  ? _("Auto-sync turned on")
                                  : _("Auto-sync turned off"), 4);
  ferry_syncs_page_schedule_busy_poll (self);
  g_signal_emit (self, signals[SYNCS_CHANGED], 0);
}

static void
ferry_syncs_page_set_auto_sync (FerrySyncsPage *self,
                                FerrySync      *sync,
                                gboolean        enabled)
{
  FerryApiClient *client = ferry_context_get_client (self->context);
  g_autoptr(JsonObject) body = NULL;
  PollData *data;

  if (client == NULL)
    return;

  body = json_object_new ();
  json_object_set_boolean_member (body, "isAutoSyncEnabled", enabled);

  data = poll_data_new (self, sync);
  ferry_api_client_update_sync_async (client, ferry_resource_get_id (FERRY_RESOURCE (sync)), body,
                                      self->cancellable, update_auto_sync_cb, data);
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
  g_autoptr(PollData) data = user_data;
  FerrySyncsPage *self = data->self;
  g_autoptr(FerrySync) fresh = NULL;
  g_autoptr(GError) error = NULL;

  fresh = ferry_api_client_remove_secrets_finish (FERRY_API_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (fresh == NULL)
    {
      g_hash_table_remove (self->removing, ferry_resource_get_id (FERRY_RESOURCE (data->sync)));
      ferry_syncs_page_report_error (self, error);
      return;
    }

  ferry_resource_update_from (FERRY_RESOURCE (data->sync), FERRY_RESOURCE (fresh));
  if (!ferry_sync_is_busy (data->sync))
    ferry_syncs_page_sync_settled (self, data->sync);
  ferry_syncs_page_update_actions (self);
  ferry_syncs_page_schedule_busy_poll (self);
}

static void
remove_secrets_response_cb (AdwMessageDialog *dialog,
                            const char       *response,
                            gpointer          user_data)
{
  PollData *data = user_data;
  FerrySyncsPage *self = data->self;
  FerryApiClient *client = ferry_context_get_client (self->context);
  PollData *call;

  if (g_strcmp0 (response, "remove") != 0 || client == NULL)
    return;

  g_hash_table_add (self->removing, g_strdup (ferry_resource_get_id (FERRY_RESOURCE (data->sync))));
  call = poll_data_new (self, data->sync);
  ferry_api_client_remove_secrets_async (client, ferry_resource_get_id (FERRY_RESOURCE (data->sync)),
                                         self->cancellable, remove_secrets_cb, call);
}

static void
remove_secrets_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  FerrySyncsPage *self = FERRY_SYNCS_PAGE (widget);
  FerrySync *sync = gtk_single_selection_get_selected_item (self->selection);
  GtkWidget *dialog;
  PollData *data;

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

  data = poll_data_new (self, sync);
  g_signal_connect_data (dialog, "response", G_CALLBACK (remove_secrets_response_cb),
                         data, (GClosureNotify) poll_data_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
delete_sync_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(PollData) data = user_data;
  FerrySyncsPage *self = data->self;
  g_autoptr(FerrySync) fresh = NULL;
  g_autoptr(GError) error = NULL;
  const char *id = ferry_resource_get_id (FERRY_RESOURCE (data->sync));

  fresh = ferry_api_client_delete_sync_finish (FERRY_API_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (fresh == NULL)
    {
      g_hash_table_remove (self->deleting, id);
      ferry_syncs_page_report_error (self, error);
      ferry_syncs_page_update_actions (self);
      return;
    }

  if (g_hash_table_contains (self->deleting, id))
    {
      /* The server removes the variable group first, then the sync: follow it. */
      ferry_resource_update_from (FERRY_RESOURCE (data->sync), FERRY_RESOURCE (fresh));
      ferry_ui_toast (GTK_WIDGET (self), _("Removing the secrets, then deleting the sync…"), 4);
      ferry_syncs_page_update_actions (self);
      ferry_syncs_page_schedule_busy_poll (self);
    }
  else
    {
      g_autofree char *text = NULL;

      /* Translators: toast; %s is a sync name */
      text = g_strdup_printf (_("Sync “%s” deleted"), ferry_sync_get_name (data->sync));
      ferry_ui_toast (GTK_WIDGET (self), text, 4);
      g_hash_table_remove (self->user_started, id);
      ferry_syncs_page_remove_sync (self, data->sync);
    }
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          user_data)
{
  PollData *data = user_data;
  FerrySyncsPage *self = data->self;
  FerryApiClient *client = ferry_context_get_client (self->context);
  GtkSwitch *remove_switch;
  gboolean remove_secrets;
  PollData *call;

  if (g_strcmp0 (response, "delete") != 0 || client == NULL)
    return;

  remove_switch = g_object_get_data (G_OBJECT (dialog), "remove-switch");
  remove_secrets = gtk_switch_get_active (remove_switch);
  if (remove_secrets)
    g_hash_table_add (self->deleting, g_strdup (ferry_resource_get_id (FERRY_RESOURCE (data->sync))));

  call = poll_data_new (self, data->sync);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "syncs.delete", FALSE);
  ferry_api_client_delete_sync_async (client, ferry_resource_get_id (FERRY_RESOURCE (data->sync)),
                                      remove_secrets, self->cancellable, delete_sync_cb, call);
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
  PollData *data;

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

  data = poll_data_new (self, sync);
  g_signal_connect_data (dialog, "response", G_CALLBACK (delete_response_cb), data, (GClosureNotify) poll_data_free, 0);
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
  FerrySyncsPage *self = FERRY_SYNCS_PAGE (widget);

  if (!self->loaded)
    ferry_syncs_page_set_state (self, "loading");
  ferry_syncs_page_reload (self);
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

/* ---- Retry from a notification ---- */

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
  FerrySyncsPage *self = FERRY_SYNCS_PAGE (widget);

  GTK_WIDGET_CLASS (ferry_syncs_page_parent_class)->map (widget);

  /* Back from hidden: refresh at once if the list is stale. */
  if (self->loaded && self->refresh_source == 0 && self->load_cancellable == NULL)
    ferry_syncs_page_reload (self);
}

static void
ferry_syncs_page_unmap (GtkWidget *widget)
{
  FerrySyncsPage *self = FERRY_SYNCS_PAGE (widget);

  g_clear_handle_id (&self->refresh_source, g_source_remove);

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
    case PROP_PROJECT:
      g_value_set_object (value, self->project);
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
    case PROP_PROJECT:
      ferry_syncs_page_set_project (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_syncs_page_dispose (GObject *object)
{
  FerrySyncsPage *self = FERRY_SYNCS_PAGE (object);

  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_handle_id (&self->busy_source, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), FERRY_TYPE_SYNCS_PAGE);
  ferry_ui_unparent_children (GTK_WIDGET (self));

  g_clear_object (&self->selection);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->sorter);

  G_OBJECT_CLASS (ferry_syncs_page_parent_class)->dispose (object);
}

static void
ferry_syncs_page_finalize (GObject *object)
{
  FerrySyncsPage *self = FERRY_SYNCS_PAGE (object);

  g_clear_object (&self->context);
  g_clear_object (&self->project);
  g_clear_object (&self->store);
  g_clear_object (&self->environment_names);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->user_started, g_hash_table_unref);
  g_clear_pointer (&self->deleting, g_hash_table_unref);
  g_clear_pointer (&self->removing, g_hash_table_unref);
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
  properties[PROP_PROJECT] =
    g_param_spec_object ("project", NULL, NULL, FERRY_TYPE_PROJECT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_string ("state", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SESSION_EXPIRED] =
    g_signal_new ("session-expired", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[USER_SYNC_FAILED] =
    g_signal_new ("user-sync-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, FERRY_TYPE_SYNC);
  signals[SYNCS_CHANGED] =
    g_signal_new ("syncs-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

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
  gtk_widget_class_bind_template_child (widget_class, FerrySyncsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, FerrySyncsPage, no_results_page);
  gtk_widget_class_bind_template_child (widget_class, FerrySyncsPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, FerrySyncsPage, error_view);
  gtk_widget_class_bind_template_child (widget_class, FerrySyncsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, FerrySyncsPage, details_stack);
  gtk_widget_class_bind_template_child (widget_class, FerrySyncsPage, details);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, sort_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_notify_folded_cb);

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

  g_type_ensure (FERRY_TYPE_ERROR_VIEW);
  g_type_ensure (FERRY_TYPE_SYNC_DETAILS);
  /* The rows' template (ferry-sync-list-item.ui) names the type. */
  g_type_ensure (FERRY_TYPE_SYNC_ROW);
}

static void
ferry_syncs_page_init (FerrySyncsPage *self)
{
  self->store = g_list_store_new (FERRY_TYPE_SYNC);
  self->environment_names = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  self->cancellable = g_cancellable_new ();
  self->refresh_interval = DEFAULT_REFRESH_S;
  self->current_interval = DEFAULT_REFRESH_S;
  self->user_started = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->deleting = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->removing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->sorter = gtk_custom_sorter_new (sort_func, self, NULL);
  self->filter_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->store)),
                                                  g_object_ref (GTK_FILTER (self->filter)));
  self->sort_model = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filter_model)),
                                              g_object_ref (GTK_SORTER (self->sorter)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sort_model)));
  gtk_single_selection_set_autoselect (self->selection, TRUE);
  gtk_single_selection_set_can_unselect (self->selection, FALSE);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sort_model, "items-changed",
                           G_CALLBACK (ferry_syncs_page_update_view_state), self, G_CONNECT_SWAPPED);

  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  gtk_drop_down_set_model (self->environment_dropdown, G_LIST_MODEL (self->environment_names));
  ferry_syncs_page_update_environments (self);

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  g_signal_connect_object (g_network_monitor_get_default (), "network-changed",
                           G_CALLBACK (network_changed_cb), self, G_CONNECT_SWAPPED);

  ferry_syncs_page_update_actions (self);
}
