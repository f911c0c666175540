/* ferry-overview-page.c
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rows are AdwActionRows made for the GtkListBox from the sorted, filtered model
 * (gtk_list_box_bind_model): the list is a few dozen syncs, not thousands, and the rows
 * then carry the same boxed-list look as the preferences.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-overview-page.h"
#include "ferry-ui-utils.h"

struct _FerryOverviewPage
{
  GtkBox              parent_instance;

  FerryWatcher       *watcher;
  GSettings          *settings;
  GtkCustomFilter    *filter;
  GtkFilterListModel *filter_model;
  GtkSortListModel   *sort_model;
  char               *search;
  gboolean            holding;

  GtkLabel           *status_label;
  GtkLabel           *counts_label;
  GtkListBox         *list_box;
  GtkStack           *stack;
  GtkSearchEntry     *search_entry;
  GtkSearchBar       *search_bar;
};

G_DEFINE_FINAL_TYPE (FerryOverviewPage, ferry_overview_page, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_WATCHER,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

int
ferry_overview_compare (FerryWatchedSync *a,
                        FerryWatchedSync *b)
{
  int rank = ferry_ui_sync_status_rank (ferry_watched_sync_get_status (a)) -
             ferry_ui_sync_status_rank (ferry_watched_sync_get_status (b));
  int by_project;

  if (rank != 0)
    return rank;
  by_project = g_utf8_collate (ferry_watched_sync_get_project_name (a), ferry_watched_sync_get_project_name (b));
  if (by_project != 0)
    return by_project;
  return g_utf8_collate (ferry_sync_get_name (ferry_watched_sync_get_sync (a)),
                         ferry_sync_get_name (ferry_watched_sync_get_sync (b)));
}

static int
compare_cb (gconstpointer a,
            gconstpointer b,
            gpointer      user_data)
{
  return ferry_overview_compare ((FerryWatchedSync *) a, (FerryWatchedSync *) b);
}

static gboolean
contains_casefold (const char *haystack,
                   const char *needle)
{
  g_autofree char *folded = haystack != NULL ? g_utf8_casefold (haystack, -1) : NULL;

  return folded != NULL && strstr (folded, needle) != NULL;
}

static gboolean
filter_cb (gpointer item,
           gpointer user_data)
{
  FerryOverviewPage *self = user_data;
  FerryWatchedSync *watched = item;

  if (self->search == NULL || *self->search == '\0')
    return TRUE;

  return contains_casefold (ferry_sync_get_name (ferry_watched_sync_get_sync (watched)), self->search) ||
         contains_casefold (ferry_watched_sync_get_project_name (watched), self->search) ||
         contains_casefold (ferry_watched_sync_get_account_label (watched), self->search);
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  FerryWatchedSync *watched = item;
  FerrySync *sync = ferry_watched_sync_get_sync (watched);
  FerrySyncStatus status = ferry_watched_sync_get_status (watched);
  GDateTime *since = ferry_watched_sync_get_failing_since (watched);
  g_autofree char *last = ferry_ui_format_relative_time_in_sentence (ferry_sync_get_last_synced_at (sync));
  g_autofree char *subtitle = NULL;
  GtkWidget *row, *badge;

  if (status == FERRY_SYNC_STATUS_FAILED && since != NULL)
    {
      g_autofree char *failing = ferry_ui_format_relative_time_in_sentence (since);

      /* Translators: overview row; the first %s is a project, the second an account, then two relative times */
      subtitle = g_strdup_printf (_("%s · %s · failing since %s · last sync %s"),
                                  ferry_watched_sync_get_project_name (watched),
                                  ferry_watched_sync_get_account_label (watched), failing, last);
    }
  else
    /* Translators: overview row; the first %s is a project, the second an account, the third a relative time */
    subtitle = g_strdup_printf (_("%s · %s · last sync %s"), ferry_watched_sync_get_project_name (watched),
                                ferry_watched_sync_get_account_label (watched), last);

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), ferry_sync_get_name (sync));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  badge = gtk_label_new (ferry_ui_sync_status_label (status));
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (badge, "ferry-status-badge");
  gtk_widget_add_css_class (badge, ferry_ui_sync_status_css_class (status));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  g_object_set_data_full (G_OBJECT (row), "ferry-watched-sync", g_object_ref (watched), g_object_unref);

  return row;
}

static void
update_counts (FerryOverviewPage *self)
{
  GListModel *all = ferry_watcher_get_syncs (self->watcher);
  guint n = g_list_model_get_n_items (all);
  guint failed = 0, busy = 0, synced = 0, never = 0;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FerryWatchedSync) item = g_list_model_get_item (all, i);

      switch (ferry_watched_sync_get_status (item))
        {
        case FERRY_SYNC_STATUS_FAILED:
          failed++;
          break;
        case FERRY_SYNC_STATUS_PENDING:
        case FERRY_SYNC_STATUS_RUNNING:
          busy++;
          break;
        case FERRY_SYNC_STATUS_SUCCEEDED:
          synced++;
          break;
        case FERRY_SYNC_STATUS_NONE:
        default:
          never++;
          break;
        }
    }

  /* Translators: overview counts; %u is a number of syncs */
  if (failed > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u failing", "%u failing", failed), failed));
  if (busy > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u syncing", "%u syncing", busy), busy));
  if (synced > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u synced", "%u synced", synced), synced));
  if (never > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u never synced", "%u never synced", never), never));
  g_ptr_array_add (parts, NULL);
  joined = g_strjoinv (" · ", (char **) parts->pdata);
  gtk_label_set_label (self->counts_label, joined);
  gtk_widget_set_visible (GTK_WIDGET (self->counts_label), n > 0);

  gtk_stack_set_visible_child_name (self->stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (self->sort_model)) > 0 ? "list" : "empty");
}

static void
update_status (FerryOverviewPage *self)
{
  guint n = ferry_watcher_get_n_projects (self->watcher);
  g_autofree char *text = NULL;

  if (ferry_watcher_get_paused (self->watcher))
    text = g_strdup (_("Watching paused: offline or on a metered connection"));
  else if (g_settings_get_boolean (self->settings, "background-watch"))
    /* Translators: %u is a number of projects */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Watching %u project in the background",
                                         "Watching %u projects in the background", n), n);
  else
    /* Translators: %u is a number of projects */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Checking %u project while this window is open. Turn on background watching in Preferences to be told when a sync fails.",
                                         "Checking %u projects while this window is open. Turn on background watching in Preferences to be told when a sync fails.",
                                         n), n);
  gtk_label_set_label (self->status_label, text);
}

static void
search_changed_cb (FerryOverviewPage *self)
{
  ferry_overview_page_set_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
row_activated_cb (FerryOverviewPage *self,
                  GtkListBoxRow     *row)
{
  FerryWatchedSync *item = g_object_get_data (G_OBJECT (row), "ferry-watched-sync");

  if (item == NULL)
    return;

  gtk_widget_activate_action (GTK_WIDGET (self), "app.open-watched-sync", "(sss)",
                              ferry_watched_sync_get_account_id (item),
                              ferry_watched_sync_get_project_id (item),
                              ferry_watched_sync_get_sync_id (item));
}

/* ---- Public ---- */

GtkWidget *
ferry_overview_page_new (FerryWatcher *watcher,
                         GSettings    *settings)
{
  return g_object_new (FERRY_TYPE_OVERVIEW_PAGE, "watcher", watcher, "settings", settings, NULL);
}

GListModel *
ferry_overview_page_get_model (FerryOverviewPage *self)
{
  g_return_val_if_fail (FERRY_IS_OVERVIEW_PAGE (self), NULL);
  return G_LIST_MODEL (self->sort_model);
}

void
ferry_overview_page_set_search (FerryOverviewPage *self,
                                const char        *text)
{
  g_return_if_fail (FERRY_IS_OVERVIEW_PAGE (self));

  g_free (self->search);
  self->search = text != NULL && *text != '\0' ? g_utf8_casefold (text, -1) : NULL;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_counts (self);
}

const char *
ferry_overview_page_get_counts (FerryOverviewPage *self)
{
  g_return_val_if_fail (FERRY_IS_OVERVIEW_PAGE (self), NULL);
  return gtk_label_get_label (self->counts_label);
}

const char *
ferry_overview_page_get_status (FerryOverviewPage *self)
{
  g_return_val_if_fail (FERRY_IS_OVERVIEW_PAGE (self), NULL);
  return gtk_label_get_label (self->status_label);
}

/* ---- GObject ---- */

static void
ferry_overview_page_map (GtkWidget *widget)
{
  FerryOverviewPage *self = FERRY_OVERVIEW_PAGE (widget);

  GTK_WIDGET_CLASS (ferry_overview_page_parent_class)->map (widget);

  /* Shown: watch, background mode or not. */
  if (!self->holding)
    {
      self->holding = TRUE;
      ferry_watcher_hold (self->watcher);
    }
}

static void
ferry_overview_page_unmap (GtkWidget *widget)
{
  FerryOverviewPage *self = FERRY_OVERVIEW_PAGE (widget);

  if (self->holding)
    {
      self->holding = FALSE;
      ferry_watcher_release (self->watcher);
    }

  GTK_WIDGET_CLASS (ferry_overview_page_parent_class)->unmap (widget);
}

static void
ferry_overview_page_constructed (GObject *object)
{
  FerryOverviewPage *self = FERRY_OVERVIEW_PAGE (object);
  GtkCustomSorter *sorter;

  G_OBJECT_CLASS (ferry_overview_page_parent_class)->constructed (object);

  g_assert (FERRY_IS_WATCHER (self->watcher));
  g_assert (G_IS_SETTINGS (self->settings));

  self->filter = gtk_custom_filter_new (filter_cb, self, NULL);
  self->filter_model = gtk_filter_list_model_new (g_object_ref (ferry_watcher_get_syncs (self->watcher)),
                                                  GTK_FILTER (g_object_ref (self->filter)));
  sorter = gtk_custom_sorter_new (compare_cb, NULL, NULL);
  self->sort_model = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->filter_model)), GTK_SORTER (sorter));
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->sort_model), create_row_cb, self, NULL);

  g_signal_connect_object (self->watcher, "changed", G_CALLBACK (update_counts), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->watcher, "notify::n-projects", G_CALLBACK (update_status), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->watcher, "notify::paused", G_CALLBACK (update_status), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::background-watch", G_CALLBACK (update_status), self,
                           G_CONNECT_SWAPPED);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  update_status (self);
  update_counts (self);
}

static void
ferry_overview_page_dispose (GObject *object)
{
  FerryOverviewPage *self = FERRY_OVERVIEW_PAGE (object);

  if (self->holding)
    {
      self->holding = FALSE;
      ferry_watcher_release (self->watcher);
    }
  if (self->list_box != NULL)
    gtk_list_box_bind_model (self->list_box, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), FERRY_TYPE_OVERVIEW_PAGE);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->watcher);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->search, g_free);

  G_OBJECT_CLASS (ferry_overview_page_parent_class)->dispose (object);
}

static void
ferry_overview_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  FerryOverviewPage *self = FERRY_OVERVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_WATCHER:
      self->watcher = g_value_dup_object (value);
      break;
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_overview_page_class_init (FerryOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ferry_overview_page_constructed;
  object_class->dispose = ferry_overview_page_dispose;
  object_class->set_property = ferry_overview_page_set_property;
  widget_class->map = ferry_overview_page_map;
  widget_class->unmap = ferry_overview_page_unmap;

  properties[PROP_WATCHER] =
    g_param_spec_object ("watcher", NULL, NULL, FERRY_TYPE_WATCHER,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ferry-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FerryOverviewPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, FerryOverviewPage, counts_label);
  gtk_widget_class_bind_template_child (widget_class, FerryOverviewPage, list_box);
  gtk_widget_class_bind_template_child (widget_class, FerryOverviewPage, stack);
  gtk_widget_class_bind_template_child (widget_class, FerryOverviewPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, FerryOverviewPage, search_bar);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
}

static void
ferry_overview_page_init (FerryOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
