/* test-syncs-filter.c: the Syncs page's search tells its filter how a keystroke changes
 * what matches, and long lists are filtered incrementally.
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

  ferry_api_parse_syncs_async (bytes, NULL, parsed_cb, &store);
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

static void
type_text (FerrySyncsPage *page,
           const char     *text)
{
  gtk_editable_set_text (GTK_EDITABLE (page->search_entry), text);
  /* "search-changed" comes after the entry's delay. */
  while (g_strcmp0 (page->search_text != NULL ? page->search_text : "", text) != 0)
    g_main_context_iteration (NULL, TRUE);
  while (gtk_filter_list_model_get_pending (page->filter_model) > 0)
    g_main_context_iteration (NULL, TRUE);
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
  ferry_project_model_apply_syncs (model, G_LIST_MODEL (syncs_answer (n)));
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
  filter = gtk_filter_list_model_get_filter (page->filter_model);
  g_signal_connect (filter, "changed", G_CALLBACK (filter_changed_cb), changes);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 40);
  /* A short list is filtered at once. */
  g_assert_false (gtk_filter_list_model_get_incremental (page->filter_model));

  type_text (page, "web");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 20);
  type_text (page, "web-1");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 6);   /* web-1, web-11 … web-19 odd */
  type_text (page, "web");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 20);
  type_text (page, "");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 40);

  /* set_text () empties the entry first: "" then the text. */
  g_assert_cmpuint (changes->len, >=, 4);
  g_assert_cmpint (g_array_index (changes, GtkFilterChange, 0), ==, GTK_FILTER_CHANGE_MORE_STRICT);
  for (guint i = 0; i < changes->len; i++)
    g_assert_cmpint (g_array_index (changes, GtkFilterChange, i), !=, GTK_FILTER_CHANGE_DIFFERENT);
  g_assert_cmpint (g_array_index (changes, GtkFilterChange, changes->len - 1), ==, GTK_FILTER_CHANGE_LESS_STRICT);

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

  return g_test_run ();
}
