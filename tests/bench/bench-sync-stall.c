/* bench-sync-stall.c: how long the main loop stalls with 10,000 syncs on the Syncs page.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Not a test: prints `name: value (goal)` lines. Needs a display (./dev.sh bench runs it
 * under Xvfb). A real FerrySyncsPage in a window shows a FerryProjectModel that is fed a
 * generated list answer (tests/bench/bench-body.h) the way its list request's answer is:
 * the body is parsed as the API client parses it, then merged by the model. No server: the
 * bytes arriving cost the main loop nothing, parsing and merging them is what is measured.
 *
 * A watchdog, a G_PRIORITY_HIGH timeout every millisecond, records the longest gap between
 * its runs: the worst stall of the main loop during each operation (load, refresh, a
 * search keystroke, clearing the search, a jump to the end). An operation ends when its
 * work is done, the filter, the sorter and the paced list (ferry-paced-list-model.c) have
 * nothing pending and two frames were painted.
 * Jump (to the end and back) and wheel steps are timed from the scroll to the next frame,
 * at N and at 100 syncs. RSS per sync is the resident size the loaded page added.
 *
 *   bench-sync-stall [N] [RUNS]
 */

#include "config.h"

#include <adwaita.h>
#include <stdlib.h>
#include <unistd.h>

#include "ferry-api-client.h"
#include "ferry-project-model-private.h"
#include "ferry-syncs-page-private.h"

#include "bench-body.h"

typedef struct
{
  GtkWidget          *window;
  FerrySyncsPage     *page;
  FerryProjectModel  *model;
  guint               paints;
  gint64              last_tick;
  gint64              worst_us;
} Bench;

static Bench bench;

/* ---- Watchdog ---- */

static gboolean
watchdog_cb (gpointer user_data)
{
  gint64 now = g_get_monotonic_time ();

  bench.worst_us = MAX (bench.worst_us, now - bench.last_tick - 1000);
  bench.last_tick = now;
  return G_SOURCE_CONTINUE;
}

static void
watchdog_reset (void)
{
  bench.last_tick = g_get_monotonic_time ();
  bench.worst_us = 0;
}

static double
watchdog_worst_ms (void)
{
  /* The gap still open when the operation ended counts too. */
  watchdog_cb (NULL);
  return bench.worst_us / 1000.0;
}

/* ---- Waiting ---- */

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  bench.paints++;
}

static void
wait_paints (guint n)
{
  guint target = bench.paints + n;

  while (bench.paints < target)
    {
      gtk_widget_queue_draw (bench.window);
      g_main_context_iteration (NULL, TRUE);
    }
}

/* The filter and the sorter have caught up, and two frames show the result. */
static void
settle (void)
{
  while (gtk_filter_list_model_get_pending (bench.page->filter_model) > 0 ||
         gtk_sort_list_model_get_pending (bench.page->sort_model) > 0 ||
         ferry_paced_list_model_get_pending (bench.page->paced_model) > 0)
    g_main_context_iteration (NULL, TRUE);
  wait_paints (2);
}

static void
idle_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

/* ---- Parsing as the API client does ---- */

#ifdef FERRY_API_HAVE_PARSE_SYNCS_ASYNC
static void
parsed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GListStore **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = ferry_api_parse_syncs_finish (result, &error);
  if (*out == NULL)
    g_error ("parse: %s", error->message);
}

static GListStore *
parse_answer (GBytes *body)
{
  GListStore *store = NULL;

#ifdef FERRY_API_HAVE_KNOWN_SYNCS
  /* The model's request hands over its store (ferry-project-model-syncs.c). */
  ferry_api_parse_syncs_async (body, ferry_project_model_get_syncs (bench.model), NULL, parsed_cb, &store);
#else
  ferry_api_parse_syncs_async (body, NULL, parsed_cb, &store);
#endif
  while (store == NULL)
    g_main_context_iteration (NULL, TRUE);
  return store;
}
#else
/* What the client did before the parse moved off the main loop: the transport parsed the
 * body (ferry-api-transport.c, process_answer), then the endpoint built the models
 * (ferry-api-request.c, parse_list), each in a dispatch of the main loop. */
typedef struct
{
  GBytes     *body;
  JsonNode   *root;
  GListStore *store;
} Parse;

static gboolean
parse_models_cb (gpointer user_data)
{
  Parse *p = user_data;
  JsonArray *array = json_object_get_array_member (json_node_get_object (p->root), "secretSyncs");
  guint n = json_array_get_length (array);
  g_autoptr(GPtrArray) items = g_ptr_array_new_full (n, g_object_unref);
  GListStore *store = g_list_store_new (FERRY_TYPE_SYNC);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      FerrySync *sync = ferry_sync_new_from_json (json_array_get_object_element (array, i), &error);

      if (sync == NULL)
        g_error ("sync %u: %s", i, ferry_api_error_get_detail (error));
      g_ptr_array_add (items, sync);
    }
  g_list_store_splice (store, 0, 0, items->pdata, items->len);
  g_clear_pointer (&p->root, json_node_unref);
  p->store = store;
  return G_SOURCE_REMOVE;
}

static gboolean
parse_json_cb (gpointer user_data)
{
  Parse *p = user_data;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *data = g_bytes_get_data (p->body, &len);

  if (!json_parser_load_from_data (parser, data, (gssize) len, &error))
    g_error ("parse: %s", error->message);
  p->root = json_node_ref (json_parser_get_root (parser));
  g_idle_add (parse_models_cb, p);
  return G_SOURCE_REMOVE;
}

static GListStore *
parse_answer (GBytes *body)
{
  Parse p = { body, NULL, NULL };

  g_idle_add (parse_json_cb, &p);
  while (p.store == NULL)
    g_main_context_iteration (NULL, TRUE);
  return p.store;
}
#endif

/* ---- Operations ---- */

/* Parses @body and merges it into the model. Returns the worst stall in ms. */
static double
feed (GBytes *body,
      double *elapsed_ms)
{
  gint64 t0;

  watchdog_reset ();
  t0 = g_get_monotonic_time ();
#ifdef FERRY_API_HAVE_PARSE_SYNCS_ASYNC
  /* The model takes the answer and frees it in a worker, as after a list request. */
  ferry_project_model_apply_syncs (bench.model, G_LIST_MODEL (parse_answer (body)));
#else
  {
    g_autoptr(GListStore) fresh = parse_answer (body);

    ferry_project_model_apply_syncs (bench.model, G_LIST_MODEL (fresh));
  }
#endif
  settle ();
  if (elapsed_ms != NULL)
    *elapsed_ms = (g_get_monotonic_time () - t0) / 1000.0;
  return watchdog_worst_ms ();
}

static double
type_search (const char *text)
{
  GtkEditable *entry = GTK_EDITABLE (bench.page->search_entry);
  const char *now = gtk_editable_get_text (entry);

  watchdog_reset ();
  /* As typing does: a keystroke adds at the end (set_text () would empty the entry
   * first, and the search entry reports an empty text at once). */
  if (*text != '\0' && g_str_has_prefix (text, now))
    {
      int pos = (int) g_utf8_strlen (now, -1);

      gtk_editable_insert_text (gtk_editable_get_delegate (entry), text + strlen (now), -1, &pos);
    }
  else
    gtk_editable_set_text (entry, text);
  /* The page has taken the text (its handler of "search-changed"). */
  while (g_strcmp0 (bench.page->search_text != NULL ? bench.page->search_text : "", text) != 0)
    g_main_context_iteration (NULL, TRUE);
  settle ();
  return watchdog_worst_ms ();
}

/* Scrolls to @position; returns ms from the scroll to the next painted frame. */
static double
jump_to (guint   position,
         double *stall_ms)
{
  guint painted = bench.paints;
  gint64 t0;
  double ms;

  watchdog_reset ();
  t0 = g_get_monotonic_time ();
  gtk_widget_activate_action (GTK_WIDGET (bench.page->list_view), "list.scroll-to-item", "u", position);
  while (bench.paints == painted)
    g_main_context_iteration (NULL, TRUE);
  ms = (g_get_monotonic_time () - t0) / 1000.0;
  settle ();
  {
    double worst = watchdog_worst_ms ();   /* not inside MAX (), which evaluates twice */

    *stall_ms = MAX (*stall_ms, worst);
  }
  return ms;
}

static double
wheel_step (GtkAdjustment *adj)
{
  guint painted = bench.paints;
  gint64 t0 = g_get_monotonic_time ();

  gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj) + 3 * 48);
  while (bench.paints == painted)
    {
      gtk_widget_queue_draw (bench.window);
      g_main_context_iteration (NULL, TRUE);
    }
  return (g_get_monotonic_time () - t0) / 1000.0;
}

static double
rss_kib (void)
{
  g_autofree char *statm = NULL;
  unsigned long size = 0, resident = 0;

  if (!g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL) ||
      sscanf (statm, "%lu %lu", &size, &resident) != 2)
    return 0;
  return resident * (sysconf (_SC_PAGESIZE) / 1024.0);
}

static FerryProject *
make_project (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  FerryProject *project;

  if (!json_parser_load_from_data (parser,
                                   "{\"id\":\"0b3f6a2c-8d1e-4c7b-9f10-a1b2c3d4e5f6\",\"name\":\"Bench\","
                                   "\"slug\":\"bench\",\"orgId\":\"5d6e7f80-0000-4000-8000-000000000000\","
                                   "\"type\":\"secret-manager\",\"environments\":[]}",
                                   -1, &error))
    g_error ("%s", error->message);
  project = ferry_project_new_from_json (json_node_get_object (json_parser_get_root (parser)), &error);
  if (project == NULL)
    g_error ("project: %s", ferry_api_error_get_detail (error));
  return project;
}

static void
show_model (FerryProject *project)
{
  g_clear_object (&bench.model);
  bench.model = g_object_new (FERRY_TYPE_PROJECT_MODEL, "project", project, NULL);
  ferry_syncs_page_set_model (bench.page, bench.model);
  settle ();
}

typedef struct
{
  double jump_ms;
  double wheel_ms;
  double stall_ms;
} Scroll;

static Scroll
measure_scrolling (guint n,
                   guint runs)
{
  g_autofree double *jumps = g_new0 (double, runs * 2);
  g_autofree double *wheels = g_new0 (double, runs * 4);
  GtkAdjustment *adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (bench.page->list_view));
  Scroll s = { 0, 0, 0 };

  for (guint r = 0; r < runs; r++)
    {
      jumps[2 * r] = jump_to (n - 1, &s.stall_ms);
      jumps[2 * r + 1] = jump_to (0, &s.stall_ms);
    }
  gtk_adjustment_set_value (adj, 0);
  settle ();
  for (guint r = 0; r < runs * 4; r++)
    wheels[r] = wheel_step (adj);
  s.jump_ms = bench_median (jumps, runs * 2);
  s.wheel_ms = bench_median (wheels, runs * 4);
  return s;
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 10000;
  guint runs = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 5;
  const char *keys[] = { "s", "sy", "syn", "sync", "sync-", "sync-1", "sync-12", "sync-123" };
  g_autoptr(FerryProject) project = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) flipped = NULL;
  g_autoptr(GBytes) small = NULL;
  g_autofree double *load = NULL;
  g_autofree double *load_ms = NULL;
  g_autofree double *refresh = NULL;
  g_autofree double *refresh_changed = NULL;
  g_autofree double *keystroke = NULL;
  g_autofree double *clear = NULL;
  double rss_before, rss_loaded = 0, rss_refreshed = 0;
  Scroll big, little;

  if (n < 100 || runs == 0)
    {
      g_printerr ("usage: %s [N >= 100] [RUNS > 0]\n", argv[0]);
      return 1;
    }

  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  project = make_project ();
  {
    char *text = bench_generate_body (n, 0);

    body = g_bytes_new_take (text, strlen (text));
    text = bench_generate_body (n, 100);
    flipped = g_bytes_new_take (text, strlen (text));
    text = bench_generate_body (100, 0);
    small = g_bytes_new_take (text, strlen (text));
  }

  bench.window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (bench.window), 1000, 800);
  bench.page = g_object_new (FERRY_TYPE_SYNCS_PAGE, NULL);
  gtk_window_set_child (GTK_WINDOW (bench.window), GTK_WIDGET (bench.page));
  gtk_window_present (GTK_WINDOW (bench.window));
  while (!gtk_widget_get_mapped (bench.window))
    g_main_context_iteration (NULL, TRUE);
  g_signal_connect (gtk_widget_get_frame_clock (bench.window), "after-paint", G_CALLBACK (after_paint_cb), NULL);
  g_timeout_add_full (G_PRIORITY_HIGH, 1, watchdog_cb, NULL, NULL);
  idle_for (200);

  load = g_new0 (double, runs);
  load_ms = g_new0 (double, runs);
  refresh = g_new0 (double, runs);
  refresh_changed = g_new0 (double, runs);
  keystroke = g_new0 (double, runs);
  clear = g_new0 (double, runs);

  /* Warm up: types, the allocator, the row widgets. */
  show_model (project);
  feed (small, NULL);

  rss_before = rss_kib ();
  for (guint r = 0; r < runs; r++)
    {
      show_model (project);
      load[r] = feed (body, &load_ms[r]);
      if (r == 0)
        rss_loaded = rss_kib ();
      refresh[r] = feed (body, NULL);
      {
        /* Each on its own line: MAX () evaluates the larger argument twice, which fed
         * (or typed) a third time and reported that one's stall instead. */
        double flip = feed (flipped, NULL);
        double back = feed (body, NULL);

        refresh_changed[r] = MAX (flip, back);
      }

      /* As Ctrl+F does: the search bar drops the text while it is closed. */
      ferry_syncs_page_focus_search (bench.page);
      settle ();
      keystroke[r] = 0;
      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        {
          double stall = type_search (keys[k]);

          keystroke[r] = MAX (keystroke[r], stall);
        }
      if (r == 0)
        g_print ("search “%s” leaves: %u of %u\n", keys[G_N_ELEMENTS (keys) - 1],
                 g_list_model_get_n_items (ferry_syncs_page_get_visible_syncs (bench.page)), n);
      clear[r] = type_search ("");
      if (r == 0)
        rss_refreshed = rss_kib ();
    }

  big = measure_scrolling (n, runs);

  show_model (project);
  feed (small, NULL);
  little = measure_scrolling (100, runs);

  g_print ("syncs: %u, runs: %u (medians)\n", n, runs);
  g_print ("load %u (parse + merge + frame): %.0f ms\n", n, bench_median (load_ms, runs));
  g_print ("stall load %u: %.0f ms (goal <= 50)\n", n, bench_median (load, runs));
  g_print ("stall refresh %u unchanged: %.0f ms (goal <= 50)\n", n, bench_median (refresh, runs));
  g_print ("stall refresh %u, 1%% changed: %.0f ms (goal <= 50)\n", n, bench_median (refresh_changed, runs));
  g_print ("stall search keystroke %u (worst of %u): %.0f ms (goal <= 50)\n", n,
           (guint) G_N_ELEMENTS (keys), bench_median (keystroke, runs));
  g_print ("stall search clear %u: %.0f ms (goal <= 50)\n", n, bench_median (clear, runs));
  g_print ("stall jump %u (worst): %.0f ms (goal <= 50)\n", n, big.stall_ms);
  g_print ("jump %u: %.1f ms, 100: %.1f ms, ratio: %.2fx (goal <= 1.2x)\n", n, big.jump_ms, little.jump_ms,
           big.jump_ms / MAX (little.jump_ms, 0.001));
  g_print ("wheel step %u: %.1f ms, 100: %.1f ms, ratio: %.2fx (goal <= 1.2x)\n", n, big.wheel_ms, little.wheel_ms,
           big.wheel_ms / MAX (little.wheel_ms, 0.001));
  g_print ("RSS per sync (loaded): %.1f kB (goal <= 4)\n", (rss_loaded - rss_before) * 1.024 / n);
  g_print ("RSS per sync (after refreshes and searches): %.1f kB (goal <= 4)\n", (rss_refreshed - rss_before) * 1.024 / n);

  gtk_window_destroy (GTK_WINDOW (bench.window));
  g_clear_object (&bench.model);
  return 0;
}
