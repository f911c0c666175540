/* test-syncs-filter.c: the Syncs page's search tells its filter how a keystroke changes
 * what matches, long lists are filtered incrementally, and a list that grows long reaches
 * the view in steps (ferry-paced-list-model.c) without losing the selection.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "ferry-api-client.h"
#include "ferry-project-model-private.h"
#include "ferry-syncs-page-private.h"
#include "ferry-test-utils.h"

#define NONE ((GtkFilterChange) -1)

static void
test_search_change (void)
{
  g_assert_cmpint (_ferry_syncs_page_search_change (NULL, "w"), ==, GTK_FILTER_CHANGE_MORE_STRICT);
  g_assert_cmpint (_ferry_syncs_page_search_change ("w", "we"), ==, GTK_FILTER_CHANGE_MORE_STRICT);
  /* Text added anywhere still holds the old text. */
  g_assert_cmpint (_ferry_syncs_page_search_change ("eb", "web"), ==, GTK_FILTER_CHANGE_MORE_STRICT);
  g_assert_cmpint (_ferry_syncs_page_search_change ("web", "we"), ==, GTK_FILTER_CHANGE_LESS_STRICT);
  g_assert_cmpint (_ferry_syncs_page_search_change ("web", ""), ==, GTK_FILTER_CHANGE_LESS_STRICT);
  g_assert_cmpint (_ferry_syncs_page_search_change ("web", NULL), ==, GTK_FILTER_CHANGE_LESS_STRICT);
  g_assert_cmpint (_ferry_syncs_page_search_change ("web", "wax"), ==, GTK_FILTER_CHANGE_DIFFERENT);
  g_assert_cmpint (_ferry_syncs_page_search_change ("web", "web"), ==, NONE);
  g_assert_cmpint (_ferry_syncs_page_search_change (NULL, ""), ==, NONE);
}

static void
parsed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  *(GListStore **) user_data = ferry_api_parse_syncs_finish (result, &error);
  g_assert_no_error (error);
}

static GListStore *
syncs_answer (guint n)
{
  GString *body = g_string_new ("{\"secretSyncs\":[");
  g_autoptr(GBytes) bytes = NULL;
  GListStore *store = NULL;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (body,
      "%s{\"id\":\"%08x-0000-4000-8000-000000000000\",\"name\":\"%s-%u\",\"destination\":\"azure-devops\","
      "\"projectId\":\"0b3f6a2c-8d1e-4c7b-9f10-a1b2c3d4e5f6\",\"connectionId\":\"9a2c4e6f-8b0d-4f1a-9c3e-5b7d9f1a3c5e\","
      "\"folderId\":\"7c8d9e0f-1a2b-4c3d-8e4f-000000000001\",\"isAutoSyncEnabled\":true,\"version\":1,"
      "\"syncStatus\":\"succeeded\",\"createdAt\":\"2025-06-01T10:00:00.000Z\",\"updatedAt\":\"2025-06-02T11:30:00.000Z\","
      "\"destinationConfig\":{\"devopsProjectId\":\"3f2e1d0c-b9a8-4765-8432-000000000001\"},"
      "\"syncOptions\":{\"initialSyncBehavior\":\"overwrite-destination\",\"disableSecretDeletion\":false}}",
      i > 0 ? "," : "", i, i % 2 ? "web" : "api", i);
  g_string_append (body, "]}");
  bytes = g_string_free_to_bytes (body);

  ferry_api_parse_syncs_async (bytes, NULL, NULL, parsed_cb, &store);
  while (store == NULL)
    g_main_context_iteration (NULL, TRUE);
  return store;
}

static void
filter_changed_cb (GtkFilter       *filter,
                   GtkFilterChange  change,
                   GArray          *changes)
{
  g_array_append_val (changes, change);
}

/* Edits the search the way typing does: deletes back to the common prefix, then inserts
 * the rest. gtk_editable_set_text () would empty the entry first, and a search entry
 * reports an empty text at once, so every change would pass through "no search". */
static void
type_text (FerrySyncsPage *page,
           const char     *text)
{
  GtkEditable *editable = GTK_EDITABLE (page->search_entry);
  const char *current = gtk_editable_get_text (editable);
  int common = 0;
  int position;

  while (current[common] != '\0' && current[common] == text[common])
    common++;
  gtk_editable_delete_text (editable, common, -1);
  position = common;
  gtk_editable_insert_text (editable, text + common, -1, &position);
  /* "search-changed" comes after the entry's delay. */
  while (g_strcmp0 (page->search_text != NULL ? page->search_text : "", text) != 0)
    g_main_context_iteration (NULL, TRUE);
  while (gtk_filter_list_model_get_pending (page->filter_model) > 0)
    g_main_context_iteration (NULL, TRUE);
}

static void
flag_cb (gboolean *flag)
{
  *flag = TRUE;
}

static void
show_syncs (guint n,
            FerrySyncsPage **page_out,
            FerryProjectModel **model_out,
            GtkWidget **window_out)
{
  g_autoptr(FerryProject) project = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  GtkWidget *window = gtk_window_new ();
  FerrySyncsPage *page = g_object_new (FERRY_TYPE_SYNCS_PAGE, NULL);
  FerryProjectModel *model;
  gboolean changed = FALSE;

  g_assert_true (json_parser_load_from_data (parser,
    "{\"id\":\"0b3f6a2c-8d1e-4c7b-9f10-a1b2c3d4e5f6\",\"name\":\"Web\",\"slug\":\"web\","
    "\"orgId\":\"5d6e7f80-0000-4000-8000-000000000000\",\"type\":\"secret-manager\",\"environments\":[]}", -1, NULL));
  project = ferry_project_new_from_json (json_node_get_object (json_parser_get_root (parser)), NULL);
  g_assert_nonnull (project);
  model = g_object_new (FERRY_TYPE_PROJECT_MODEL, "project", project, NULL);

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  gtk_window_present (GTK_WINDOW (window));
  ferry_test_wait_mapped (window);
  ferry_syncs_page_set_model (page, model);
  g_signal_connect_swapped (model, "syncs-changed", G_CALLBACK (flag_cb), &changed);
  ferry_project_model_apply_syncs (model, G_LIST_MODEL (syncs_answer (n)));
  /* The model says "syncs-changed" from an idle; let it before the first keystroke, or
   * the page rightly filters the list anew from scratch in the middle of the search. */
  while (!changed)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handlers_disconnect_by_func (model, flag_cb, &changed);
  ferry_syncs_page_focus_search (page);

  *page_out = page;
  *model_out = model;
  *window_out = window;
}

static void
test_keystrokes_narrow_and_widen (void)
{
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (GtkFilterChange));
  g_autoptr(FerryProjectModel) model = NULL;
  FerrySyncsPage *page;
  GtkWidget *window;
  GListModel *shown;
  GtkFilter *filter;

  show_syncs (40, &page, &model, &window);
  shown = ferry_syncs_page_get_visible_syncs (page);
  filter = GTK_FILTER (page->filter);
  g_signal_connect (filter, "changed", G_CALLBACK (filter_changed_cb), changes);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 40);
  /* Nothing hidden: the sorted list passes through without a filter to ask. */
  g_assert_null (gtk_filter_list_model_get_filter (page->filter_model));
  /* A short list is filtered at once. */
  g_assert_false (gtk_filter_list_model_get_incremental (page->filter_model));

  type_text (page, "web");
  g_assert_true (gtk_filter_list_model_get_filter (page->filter_model) == filter);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 20);
  type_text (page, "web-1");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 6);   /* web-1, web-11 … web-19 odd */
  type_text (page, "web");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 20);
  type_text (page, "");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 40);
  g_assert_null (gtk_filter_list_model_get_filter (page->filter_model));

  /* The first search and clearing it set and drop the filter; in between, a longer text
   * only looks again at what matched, a shorter one at what did not. */
  g_assert_cmpuint (changes->len, ==, 2);
  g_assert_cmpint (g_array_index (changes, GtkFilterChange, 0), ==, GTK_FILTER_CHANGE_MORE_STRICT);
  g_assert_cmpint (g_array_index (changes, GtkFilterChange, 1), ==, GTK_FILTER_CHANGE_LESS_STRICT);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_long_list_incremental (void)
{
  g_autoptr(FerryProjectModel) model = NULL;
  FerrySyncsPage *page;
  GtkWidget *window;

  show_syncs (FERRY_SYNCS_PAGE_INCREMENTAL_MIN + 1, &page, &model, &window);
  g_assert_true (gtk_filter_list_model_get_incremental (page->filter_model));
  type_text (page, "api-10");
  /* Even numbers only: api-10, api-100 … api-108, api-1000. */
  g_assert_cmpuint (g_list_model_get_n_items (ferry_syncs_page_get_visible_syncs (page)), ==, 7);

  /* No search: no filter. The list turning short then must not switch GTK 4.8's filter
   * model to filtering at once while it has no filter (gtk_filter_list_model_set_incremental
   * copies a match set such a model has not: criticals, fatal here). A search in the short
   * list is filtered at once. */
  type_text (page, "");
  g_assert_null (gtk_filter_list_model_get_filter (page->filter_model));
  ferry_project_model_apply_syncs (model, G_LIST_MODEL (syncs_answer (10)));
  while (g_list_model_get_n_items (G_LIST_MODEL (page->sort_model)) != 10)
    g_main_context_iteration (NULL, TRUE);
  type_text (page, "api-");
  g_assert_false (gtk_filter_list_model_get_incremental (page->filter_model));
  g_assert_cmpuint (g_list_model_get_n_items (ferry_syncs_page_get_visible_syncs (page)), ==, 5);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---- The paced list ---- */

typedef struct
{
  guint position, removed, added;
} Change;

static void
record_change_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GArray     *changes)
{
  Change change = { position, removed, added };

  g_array_append_val (changes, change);
}

static GListStore *
numbered_store (guint from,
                guint n)
{
  GListStore *store = g_list_store_new (GTK_TYPE_STRING_OBJECT);

  for (guint i = from; i < from + n; i++)
    {
      g_autofree char *text = g_strdup_printf ("%u", i);
      g_autoptr(GtkStringObject) item = gtk_string_object_new (text);

      g_list_store_append (store, item);
    }
  return store;
}

/* The paced list is a prefix of its model: the same objects at the same positions. */
static void
assert_prefix (GListModel *paced,
               GListModel *model)
{
  guint n = g_list_model_get_n_items (paced);

  g_assert_cmpuint (n, <=, g_list_model_get_n_items (model));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) a = g_list_model_get_item (paced, i);
      g_autoptr(GObject) b = g_list_model_get_item (model, i);

      g_assert_true (a == b);
    }
  g_assert_null (g_list_model_get_item (paced, n));
}

static void
splice_all (GListStore *store,
            GListStore *from)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (from));
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (from), i));
  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)), items->pdata, items->len);
}

static void
test_paced_grows_in_steps (void)
{
  g_autoptr(GListStore) store = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  g_autoptr(GListStore) many = numbered_store (0, 1000);
  g_autoptr(FerryPacedListModel) paced = ferry_paced_list_model_new (G_LIST_MODEL (store));
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  guint steps = 0;

  g_signal_connect (paced, "items-changed", G_CALLBACK (record_change_cb), changes);
  splice_all (store, many);

  /* A screenful first, not the thousand. */
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (paced)), <, 100);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (paced)), >, 0);
  g_assert_cmpuint (ferry_paced_list_model_get_pending (paced), ==, 1000 - g_list_model_get_n_items (G_LIST_MODEL (paced)));
  assert_prefix (G_LIST_MODEL (paced), G_LIST_MODEL (store));

  while (ferry_paced_list_model_get_pending (paced) > 0)
    {
      g_main_context_iteration (NULL, TRUE);
      assert_prefix (G_LIST_MODEL (paced), G_LIST_MODEL (store));
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (paced)), ==, 1000);

  /* Every step after the first adds at the end; none adds more than a screenful until
   * the rows a list view keeps are all there. */
  for (guint i = 0; i < changes->len; i++)
    {
      Change *c = &g_array_index (changes, Change, i);

      g_assert_cmpuint (c->removed, ==, 0);
      if (c->position + c->added < 1000)
        g_assert_cmpuint (c->added, <, 100);
      else
        g_assert_cmpuint (c->position, >=, 200);
      steps++;
    }
  g_assert_cmpuint (steps, >, 2);

  /* A change to a long list passes as it is. */
  g_array_set_size (changes, 0);
  g_list_store_remove (store, 500);
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_cmpuint (g_array_index (changes, Change, 0).position, ==, 500);
  g_assert_cmpuint (g_array_index (changes, Change, 0).removed, ==, 1);
  g_assert_cmpuint (g_array_index (changes, Change, 0).added, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (paced)), ==, 999);
}

static void
test_paced_short_passes_through (void)
{
  g_autoptr(GListStore) store = numbered_store (0, 10);
  g_autoptr(GListStore) more = numbered_store (10, 5);
  g_autoptr(FerryPacedListModel) paced = ferry_paced_list_model_new (G_LIST_MODEL (store));
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (more), 0);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (paced)), ==, 10);
  g_signal_connect (paced, "items-changed", G_CALLBACK (record_change_cb), changes);
  g_list_store_insert (store, 3, item);
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_cmpuint (g_array_index (changes, Change, 0).position, ==, 3);
  g_assert_cmpuint (g_array_index (changes, Change, 0).removed, ==, 0);
  g_assert_cmpuint (g_array_index (changes, Change, 0).added, ==, 1);
  g_assert_cmpuint (ferry_paced_list_model_get_pending (paced), ==, 0);
  assert_prefix (G_LIST_MODEL (paced), G_LIST_MODEL (store));
}

/* A search cleared: the short list becomes long again and the selected item, far down,
 * stays selected, because the first step reaches it. */
static void
test_paced_keeps_selection (void)
{
  g_autoptr(GListStore) store = numbered_store (0, 1000);
  g_autoptr(GListStore) few = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  g_autoptr(GListStore) all = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  g_autoptr(FerryPacedListModel) paced = NULL;
  g_autoptr(GtkSingleSelection) selection = NULL;
  g_autoptr(GObject) chosen = g_list_model_get_item (G_LIST_MODEL (store), 150);

  splice_all (all, store);
  g_list_store_append (few, chosen);
  paced = ferry_paced_list_model_new (G_LIST_MODEL (few));
  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (paced)));
  gtk_single_selection_set_autoselect (selection, TRUE);
  gtk_single_selection_set_can_unselect (selection, FALSE);
  g_assert_true (gtk_single_selection_get_selected_item (selection) == (gpointer) chosen);
  ferry_paced_list_model_set_keep (paced, chosen);

  splice_all (few, all);
  g_assert_cmpuint (ferry_paced_list_model_get_pending (paced), >, 0);
  g_assert_true (gtk_single_selection_get_selected_item (selection) == (gpointer) chosen);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 150);

  /* Without a kept item the first step would have been a screenful: without it, the
   * selection would have moved to another item. */
  ferry_paced_list_model_flush (paced);
  g_assert_cmpuint (ferry_paced_list_model_get_pending (paced), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (paced)), ==, 1000);
  g_assert_true (gtk_single_selection_get_selected_item (selection) == (gpointer) chosen);
}

/* While the list comes in steps, a change in what is shown shows the rest with it; one in
 * what is not shown yet waits for its step. */
static void
test_paced_changes_while_pacing (void)
{
  g_autoptr(GListStore) store = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  g_autoptr(GListStore) many = numbered_store (0, 1000);
  g_autoptr(FerryPacedListModel) paced = ferry_paced_list_model_new (G_LIST_MODEL (store));
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  guint shown;

  splice_all (store, many);
  shown = g_list_model_get_n_items (G_LIST_MODEL (paced));
  g_assert_cmpuint (shown, <, 1000);
  g_signal_connect (paced, "items-changed", G_CALLBACK (record_change_cb), changes);

  g_list_store_remove (store, 900);
  g_assert_cmpuint (changes->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (paced)), ==, shown);
  g_assert_cmpuint (ferry_paced_list_model_get_pending (paced), ==, 999 - shown);

  g_list_store_remove (store, 1);
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_cmpuint (g_array_index (changes, Change, 0).position, ==, 1);
  g_assert_cmpuint (g_array_index (changes, Change, 0).removed, ==, shown - 1);
  g_assert_cmpuint (g_array_index (changes, Change, 0).added, ==, 997);
  g_assert_cmpuint (ferry_paced_list_model_get_pending (paced), ==, 0);
  assert_prefix (G_LIST_MODEL (paced), G_LIST_MODEL (store));
}

/* The page: a thousand syncs reach its list view in steps, and selecting one far down
 * (a notification's "Show") finds it at once. */
static void
test_page_paced (void)
{
  g_autoptr(FerryProjectModel) model = NULL;
  FerrySyncsPage *page;
  GtkWidget *window;
  GListModel *viewed;

  show_syncs (1000, &page, &model, &window);
  viewed = G_LIST_MODEL (gtk_list_view_get_model (page->list_view));
  g_assert_cmpuint (g_list_model_get_n_items (ferry_syncs_page_get_visible_syncs (page)), ==, 1000);
  g_assert_cmpuint (g_list_model_get_n_items (viewed), <, 100);

  g_assert_true (ferry_syncs_page_select_sync (page, "000003e7-0000-4000-8000-000000000000"));
  g_assert_cmpuint (g_list_model_get_n_items (viewed), ==, 1000);
  {
    g_autoptr(FerrySync) selected = g_list_model_get_item (viewed, gtk_single_selection_get_selected (page->selection));

    g_assert_cmpstr (ferry_resource_get_id (FERRY_RESOURCE (selected)), ==, "000003e7-0000-4000-8000-000000000000");
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  ferry_test_init_gtk (&argc, &argv);

  g_test_add_func ("/syncs-filter/search-change", test_search_change);
  g_test_add_func ("/syncs-filter/keystrokes", test_keystrokes_narrow_and_widen);
  g_test_add_func ("/syncs-filter/long-list-incremental", test_long_list_incremental);
  g_test_add_func ("/paced/grows-in-steps", test_paced_grows_in_steps);
  g_test_add_func ("/paced/short-passes-through", test_paced_short_passes_through);
  g_test_add_func ("/paced/keeps-selection", test_paced_keeps_selection);
  g_test_add_func ("/paced/changes-while-pacing", test_paced_changes_while_pacing);
  g_test_add_func ("/paced/page", test_page_paced);

  return g_test_run ();
}
