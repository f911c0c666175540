/* ferry-syncs-page-private.h: what ferry-syncs-page.c and ferry-syncs-page-actions.c share.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Split like FerryWindow (ferry-window-private.h): the view and its model binding in
 * ferry-syncs-page.c, the syncs.* actions and their dialogs in ferry-syncs-page-actions.c.
 */

#pragma once

#include "ferry-error-view.h"
#include "ferry-paced-list-model.h"
#include "ferry-sync-details.h"
#include "ferry-syncs-page.h"

G_BEGIN_DECLS

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
  gboolean            read_only;          /* offline: nothing that needs the server */
  GSignalGroup       *model_signals;
  GSignalGroup       *sync_signals;       /* the selected sync's busy and operation */
  GtkCustomFilter    *filter;
  GtkCustomSorter    *sorter;
  GListStore         *environment_names;
  GCancellable       *cancellable;        /* operations; cancelled when the page goes */
  /* A refresh of the shown list failed; said once, until a refresh works again. */
  gboolean            refresh_failure_shown;
  /* The list was painted once: until then the details wait (ferry-syncs-page.c). */
  gboolean            list_painted;
  GdkFrameClock      *paint_clock;        /* followed until then, while mapped */
  gulong              after_paint_id;
  char               *search_text;
  FerryUriOpener     *uri_opener;         /* NULL: the desktop's (ferry-uri-opener-gtk.h) */
  GtkWidget          *row_menu;           /* the rows' context menu, made when first used */

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
  FerryPacedListModel *paced_model;
  GtkSortListModel   *sort_model;
  GtkSingleSelection *selection;
  FerrySyncDetails   *details;
};

/* ferry-syncs-page-actions.c: installs the syncs.* actions and their shortcuts; the ones
 * that work wherever the focus is in the window go on each page. */
void _ferry_syncs_page_class_actions_init (FerrySyncsPageClass *klass);
void _ferry_syncs_page_add_window_shortcuts (FerrySyncsPage    *self);

/* ferry-syncs-page-share.c: the Open and Copy actions (syncs.open-*, syncs.copy-*). */
void _ferry_syncs_page_class_share_actions_init (FerrySyncsPageClass *klass);
void _ferry_syncs_page_update_share_actions     (FerrySyncsPage      *self);
/* The rows' context menu: right click or long press on a row of the list. */
void _ferry_syncs_page_add_row_menu             (FerrySyncsPage      *self);

/* ferry-syncs-page.c: enables the actions for the selected sync. */
void _ferry_syncs_page_update_actions     (FerrySyncsPage      *self);

/* Lists longer than this are filtered incrementally (gtk_filter_list_model_set_incremental ()). */
#define FERRY_SYNCS_PAGE_INCREMENTAL_MIN 1000

/* The filter change from search text @before to @after (casefolded; NULL or "": none), or
 * -1 when nothing changes. */
GtkFilterChange _ferry_syncs_page_search_change (const char *before,
                                                 const char *after);

G_END_DECLS
