/* ferry-syncs-page.c
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The model's "syncs" → GtkSortListModel (failed first, or by name) → GtkFilterListModel
 * (search, status, environment) → GtkSingleSelection → GtkListView (rows from
 * the ferry-sync-list-item.ui template), with the selected sync's details beside it in an
 * AdwLeaflet. The chain is in ferry-syncs-page.ui; the filter and the sorter are C.
 *
 * What the page shows (loading, empty, error, offline, no results, the list) and the count
 * follow the model's "syncs-state" and "syncs-error" through closures in the .ui. Refreshes,
 * polling of busy syncs, rate-limit backoff and the operations are FerryProjectModel's
 * (src/core/ferry-project-model.h); the page asks for them (ferry-syncs-page-actions.c)
 * and says how they went.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-sync-explain.h"
#include "ferry-sync-row.h"
#include "ferry-sync-state.h"
#include "ferry-syncs-page-private.h"
#include "ferry-ui-utils.h"

G_DEFINE_FINAL_TYPE (FerrySyncsPage, ferry_syncs_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_MODEL,
  PROP_STATE,
  PROP_LIST_PAINTED,
  N_PROPS
};

enum {
  USER_SYNC_FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

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

  return G_LIST_MODEL (self->filter_model);
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
                 GObject        *selected,
                 gboolean        list_painted)
{
  if (selected == NULL)
    return g_strdup ("none");
  return g_strdup (list_painted ? "details" : "waiting");
}

static void
stack_notify_visible_child_cb (FerrySyncsPage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

/* ---- Filtering and sorting ---- */

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

  /* The sync's casefolded texts, worked out once (ferry_sync_get_search_key ()). */
  if (self->search_text != NULL && self->search_text[0] != '\0' &&
      strstr (ferry_sync_get_search_key (sync), self->search_text) == NULL)
    return FALSE;

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

static void update_incremental (FerrySyncsPage *self);

/* Whether the status, environment or search hides any sync. */
static gboolean
filter_active (FerrySyncsPage *self)
{
  guint env_pos = gtk_drop_down_get_selected (self->environment_dropdown);

  return gtk_drop_down_get_selected (self->status_dropdown) != STATUS_FILTER_ALL ||
         (env_pos != GTK_INVALID_LIST_POSITION && env_pos > 0) ||
         (self->search_text != NULL && self->search_text[0] != '\0');
}

/* The filter model has the filter only while it hides something. A GtkCustomFilter
 * never says it matches all, so with it a GtkFilterListModel looks at every sync again
 * whenever the sorted list changes: after a status change sorted the list anew, that was
 * 10,000 syncs taken out and filtered back in (tests/bench/bench-sync-stall.c). Without a
 * filter, the model passes the sorted list through as it is. */
static void
filter_changed (FerrySyncsPage  *self,
                GtkFilterChange  change)
{
  gboolean active = filter_active (self);
  gboolean set = gtk_filter_list_model_get_filter (self->filter_model) != NULL;

  if (active && !set)
    {
      gtk_filter_list_model_set_filter (self->filter_model, GTK_FILTER (self->filter));   /* filters all */
      update_incremental (self);
    }
  else if (!active && set)
    gtk_filter_list_model_set_filter (self->filter_model, NULL);   /* shows all */
  else if (active)
    gtk_filter_changed (GTK_FILTER (self->filter), change);
}

static void
filter_changed_cb (FerrySyncsPage *self)
{
  filter_changed (self, GTK_FILTER_CHANGE_DIFFERENT);
}

/* How the search going from @before to @after changes what matches, both casefolded
 * (NULL or empty: no search). A longer text that holds the shorter one matches a subset of
 * what it matched (the sync's texts must hold it too), a shorter one a superset: the filter
 * then only looks again at what it showed, or at what it hid. */
GtkFilterChange
_ferry_syncs_page_search_change (const char *before,
                                 const char *after)
{
  gboolean had = before != NULL && *before != '\0';
  gboolean has = after != NULL && *after != '\0';

  if (!had && !has)
    return (GtkFilterChange) -1;
  if (!had)
    return GTK_FILTER_CHANGE_MORE_STRICT;
  if (!has)
    return GTK_FILTER_CHANGE_LESS_STRICT;
  if (g_str_equal (before, after))
    return (GtkFilterChange) -1;
  if (strstr (after, before) != NULL)
    return GTK_FILTER_CHANGE_MORE_STRICT;
  if (strstr (before, after) != NULL)
    return GTK_FILTER_CHANGE_LESS_STRICT;
  return GTK_FILTER_CHANGE_DIFFERENT;
}

static void
search_changed_cb (FerrySyncsPage *self,
                   GtkSearchEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *before = g_steal_pointer (&self->search_text);
  GtkFilterChange change;

  /* No line breaks: they separate the fields of a search key. */
  self->search_text = g_strdelimit (g_utf8_casefold (text, -1), "\n", ' ');
  change = _ferry_syncs_page_search_change (before, self->search_text);
  if ((int) change != -1)
    filter_changed (self, change);
}

static void
sort_changed_cb (FerrySyncsPage *self)
{
  gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
}

/* Whether the sorted list is still in order: one comparison per neighbour, far cheaper
 * than sorting again. */
static gboolean
still_sorted (FerrySyncsPage *self)
{
  GListModel *sorted = G_LIST_MODEL (self->sort_model);
  guint n = g_list_model_get_n_items (sorted);
  g_autoptr(FerrySync) prev = n > 0 ? g_list_model_get_item (sorted, 0) : NULL;

  for (guint i = 1; i < n; i++)
    {
      g_autoptr(FerrySync) sync = g_list_model_get_item (sorted, i);

      if (sort_func (prev, sync, self) > 0)
        return FALSE;
      g_set_object (&prev, sync);
    }
  return TRUE;
}

/* Statuses change in place (merges, polls): order and filter may change with them. The
 * model says so only when something did change (src/core/ferry-project-model.h); even
 * then the list is sorted again only when it is out of order, and filtered again only
 * when a filter that looks at what changes in place is on. */
static void
model_syncs_changed_cb (FerrySyncsPage *self)
{
  if (!still_sorted (self))
    gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
  if (filter_active (self))
    filter_changed (self, GTK_FILTER_CHANGE_DIFFERENT);
}

/* Long lists are filtered a part at a time, so a keystroke never holds up a frame; short
 * ones at once, so the list a search leaves shows with the keystroke. */
static void
update_incremental (FerrySyncsPage *self)
{
  gboolean incremental = g_list_model_get_n_items (G_LIST_MODEL (self->sort_model)) >
                         FERRY_SYNCS_PAGE_INCREMENTAL_MIN;

  /* Turning it off makes GTK 4.8 copy the model's match set, which a filter model without
   * a filter has not (gtk_filter_list_model_set_incremental in gtk/gtkfilterlistmodel.c):
   * criticals. Without a filter it makes no difference; filter_changed () sets it again
   * with the filter. */
  if (!incremental && gtk_filter_list_model_get_filter (self->filter_model) == NULL)
    return;
  gtk_filter_list_model_set_incremental (self->filter_model, incremental);
}

/* ---- Selection and details ---- */

static void
selection_notify_selected_item_cb (FerrySyncsPage *self)
{
  /* A long list that comes back in steps keeps the selection (ferry-paced-list-model.c). */
  ferry_paced_list_model_set_keep (self->paced_model, gtk_single_selection_get_selected_item (self->selection));
  _ferry_syncs_page_add_window_shortcuts (self);
  _ferry_syncs_page_add_row_menu (self);
  _ferry_syncs_page_update_actions (self);
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

  /* Positions of the filter are the selection's once all of it is shown. */
  ferry_paced_list_model_flush (self->paced_model);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FerrySync) sync = g_list_model_get_item (G_LIST_MODEL (self->filter_model), i);

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

static void
failure_toast_details_cb (AdwToast       *toast,
                          FerrySyncsPage *self)
{
  const char *id = g_object_get_data (G_OBJECT (toast), "ferry-sync-id");

  if (id != NULL)
    ferry_syncs_page_select_sync (self, id);
}

/* A failed run's toast leads to the explanation and its fix: Details shows that sync. */
static void
ferry_syncs_page_toast_failure (FerrySyncsPage *self,
                                FerrySync      *sync,
                                const char     *text)
{
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_timeout (toast, 6);
  adw_toast_set_button_label (toast, _("_Details"));
  g_object_set_data_full (G_OBJECT (toast), "ferry-sync-id", g_strdup (ferry_resource_get_id (FERRY_RESOURCE (sync))), g_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (failure_toast_details_cb), self, 0);
  ferry_ui_show_toast (GTK_WIDGET (self), toast);
}

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
          ferry_syncs_page_toast_failure (self, sync, text);
          return;
        }
      else
        /* Translators: toast; %s is a sync name */
        text = g_strdup_printf (_("Sync “%s” finished"), ferry_sync_get_name (sync));
      break;

    case FERRY_SYNC_OPERATION_DELETE:
      /* Deleted: the model read the remove job's outcome from the audit log, NONE when
       * it could not (src/core/ferry-project-model.h). */
      if (deleted && ferry_sync_get_remove_status (sync) == FERRY_SYNC_STATUS_SUCCEEDED)
        {
          /* Translators: toast; %s is a sync name */
          text = g_strdup_printf (_("Sync “%s” deleted and its secrets removed"), ferry_sync_get_name (sync));
          break;
        }
      if (deleted && ferry_sync_get_remove_status (sync) == FERRY_SYNC_STATUS_FAILED)
        {
          g_autofree char *why = ferry_sync_explain_short (sync, ferry_sync_get_last_remove_message (sync));

          /* A toast has one line: the reason in a few words; the variable group stays. */
          /* Translators: toast; the first %s is a sync name, the second a reason in a few words */
          text = g_strdup_printf (_("Sync “%s” was deleted, but its secrets could not be removed from Azure DevOps: %s"),
                                  ferry_sync_get_name (sync),
                                  why != NULL ? why : _("the removal failed"));
          break;
        }
      if (deleted)
        {
          /* Translators: toast; %s is a sync name */
          text = g_strdup_printf (_("Sync “%s” deleted; Ferry could not confirm that its secrets were removed"),
                                  ferry_sync_get_name (sync));
          break;
        }
      /* Removing the secrets failed, so the server kept the sync. */
      if (ferry_sync_get_remove_status (sync) == FERRY_SYNC_STATUS_FAILED)
        {
          /* Translators: toast; %s is a sync name */
          text = g_strdup_printf (_("Sync “%s” was not deleted: its secrets could not be removed from Azure DevOps"),
                                  ferry_sync_get_name (sync));
          break;
        }
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
  gtk_sort_list_model_set_model (self->sort_model, model != NULL ? ferry_project_model_get_syncs (model) : NULL);
  update_incremental (self);
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
  filter_changed (self, GTK_FILTER_CHANGE_DIFFERENT);
  ferry_syncs_page_select_sync (self, ferry_resource_get_id (FERRY_RESOURCE (stored)));
}

/* ---- Which actions apply (they are in ferry-syncs-page-actions.c) ---- */

void
ferry_syncs_page_set_read_only (FerrySyncsPage *self,
                                gboolean        read_only)
{
  g_return_if_fail (FERRY_IS_SYNCS_PAGE (self));

  if (self->read_only == !!read_only)
    return;

  self->read_only = !!read_only;
  _ferry_syncs_page_update_actions (self);
}

void
_ferry_syncs_page_update_actions (FerrySyncsPage *self)
{
  FerrySync *sync = gtk_single_selection_get_selected_item (self->selection);
  /* Only on screen: the sync shortcuts work from anywhere in the window, and another view
   * must not act on a sync it does not show. */
  gboolean have = sync != NULL && !self->read_only && gtk_widget_get_mapped (GTK_WIDGET (self));
  gboolean busy = have && ferry_sync_get_busy (sync);
  gboolean deleting = have && ferry_sync_get_operation (sync) == FERRY_SYNC_OPERATION_DELETE;
  /* The server refuses jobs on a sync whose source folder is gone. */
  gboolean runnable = have && ferry_sync_can_run_jobs (sync);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "syncs.sync-now", runnable && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "syncs.set-auto-sync", have && !deleting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "syncs.toggle-auto-sync", have && !deleting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "syncs.remove-secrets", runnable && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "syncs.edit", have && !deleting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "syncs.delete", have && !busy);
  _ferry_syncs_page_update_share_actions (self);
}

static void
network_changed_cb (FerrySyncsPage *self,
                    gboolean        available)
{
  if (available && g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "offline") == 0)
    ferry_syncs_page_reload (self);
}

/* ---- The list's first frame ---- */

/* The selected sync's details follow the list by a frame. A cached list is there when
 * the page is built, and its first sync is selected at once; in that first frame the
 * details' texts took most of the layout (docs/performance.md, "The first frames"),
 * while what the user looks for first is the list. */
static void
stop_following_paint (FerrySyncsPage *self)
{
  if (self->paint_clock != NULL)
    g_clear_signal_handler (&self->after_paint_id, self->paint_clock);
  g_clear_object (&self->paint_clock);
}

static void
after_paint_cb (GdkFrameClock  *clock,
                FerrySyncsPage *self)
{
  if (g_strcmp0 (ferry_syncs_page_get_state (self), "list") != 0)
    return;
  stop_following_paint (self);
  self->list_painted = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIST_PAINTED]);
}

gboolean
ferry_syncs_page_get_list_painted (FerrySyncsPage *self)
{
  g_return_val_if_fail (FERRY_IS_SYNCS_PAGE (self), FALSE);

  return self->list_painted;
}

/* ---- GObject ---- */

static void
ferry_syncs_page_map (GtkWidget *widget)
{
  FerrySyncsPage *self = FERRY_SYNCS_PAGE (widget);

  GTK_WIDGET_CLASS (ferry_syncs_page_parent_class)->map (widget);

  if (!self->list_painted && self->paint_clock == NULL)
    {
      self->paint_clock = g_object_ref (gtk_widget_get_frame_clock (widget));
      self->after_paint_id = g_signal_connect (self->paint_clock, "after-paint",
                                               G_CALLBACK (after_paint_cb), self);
    }

  ferry_syncs_page_update_hold (FERRY_SYNCS_PAGE (widget));
  _ferry_syncs_page_update_actions (FERRY_SYNCS_PAGE (widget));
}

static void
ferry_syncs_page_unmap (GtkWidget *widget)
{
  stop_following_paint (FERRY_SYNCS_PAGE (widget));
  ferry_syncs_page_update_hold (FERRY_SYNCS_PAGE (widget));

  GTK_WIDGET_CLASS (ferry_syncs_page_parent_class)->unmap (widget);
  _ferry_syncs_page_update_actions (FERRY_SYNCS_PAGE (widget));
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
    case PROP_LIST_PAINTED:
      g_value_set_boolean (value, self->list_painted);
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
  stop_following_paint (self);
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
  g_clear_object (&self->uri_opener);
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
  /* Whether the list has been painted: the details are shown from the next frame on. */
  properties[PROP_LIST_PAINTED] =
    g_param_spec_boolean ("list-painted", NULL, NULL, FALSE,
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
  gtk_widget_class_bind_template_child (widget_class, FerrySyncsPage, paced_model);
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

  _ferry_syncs_page_class_actions_init (klass);
  _ferry_syncs_page_class_share_actions_init (klass);

  g_type_ensure (FERRY_TYPE_ERROR_VIEW);
  g_type_ensure (FERRY_TYPE_SYNC_DETAILS);
  /* The template's expressions and the rows' template (ferry-sync-list-item.ui) name
   * these types. */
  g_type_ensure (FERRY_TYPE_PROJECT_MODEL);
  g_type_ensure (FERRY_TYPE_SYNC_ROW);
  g_type_ensure (FERRY_TYPE_PACED_LIST_MODEL);
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
                                 G_CALLBACK (_ferry_syncs_page_update_actions), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->sync_signals, "notify::operation",
                                 G_CALLBACK (_ferry_syncs_page_update_actions), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->sync_signals, "notify::folder-deleted",
                                 G_CALLBACK (_ferry_syncs_page_update_actions), self, G_CONNECT_SWAPPED);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->sorter = gtk_custom_sorter_new (sort_func, self, NULL);
  filter_changed (self, GTK_FILTER_CHANGE_DIFFERENT);
  gtk_sort_list_model_set_sorter (self->sort_model, GTK_SORTER (self->sorter));
  g_signal_connect_object (self->sort_model, "notify::n-items", G_CALLBACK (update_incremental),
                           self, G_CONNECT_SWAPPED);
  g_object_bind_property (self->selection, "selected-item", self->sync_signals, "target", G_BINDING_SYNC_CREATE);

  gtk_drop_down_set_model (self->environment_dropdown, G_LIST_MODEL (self->environment_names));
  ferry_syncs_page_update_environments (self);

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  g_signal_connect_object (g_network_monitor_get_default (), "network-changed",
                           G_CALLBACK (network_changed_cb), self, G_CONNECT_SWAPPED);

  _ferry_syncs_page_update_actions (self);
}
