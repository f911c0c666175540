/* bench-sync-list.c: parsing a 10,000-sync list answer into models.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Not a test: prints `name: value (goal)` lines. Generates a GET
 * /api/v1/secret-syncs/azure-devops answer with N syncs (bench-body.h), then times (median
 * of several runs) a raw json-glib parse of the body against the client's list path (the
 * parse and the FerrySync models in a worker, ferry_api_parse_syncs_async ()), and a
 * refresh of that store with the same answer: parsed with the store handed over, as the
 * project model asks for its lists, then merged in place. Ends with the peak RSS.
 *
 *   bench-sync-list [N] [RUNS]
 */

#include "config.h"

#include <stdlib.h>
#include <sys/resource.h>

#include "ferry-api-client.h"

#include "bench-body.h"

static JsonNode *
parse_raw (const char *body,
           gsize       len)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) error = NULL;

  if (!json_parser_load_from_data (parser, body, (gssize) len, &error))
    g_error ("parse: %s", error->message);
  return json_node_ref (json_parser_get_root (parser));
}

static void
parsed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GListStore **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = ferry_api_parse_syncs_finish (result, &error);
  if (*out == NULL)
    g_error ("parse: %s", ferry_api_error_get_detail (error));
}

/* The client's list path: the body parsed and turned into models in a worker
 * (ferry-api-request.c), the main loop waiting for the ready store. */
static GListStore *
parse_models (const char *body,
              gsize       len,
              GListModel *known)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (body, len);
  GListStore *store = NULL;

#ifdef FERRY_API_HAVE_KNOWN_SYNCS
  ferry_api_parse_syncs_async (bytes, known, NULL, parsed_cb, &store);
#else
  ferry_api_parse_syncs_async (bytes, NULL, parsed_cb, &store);
#endif
  while (store == NULL)
    g_main_context_iteration (NULL, TRUE);
  return store;
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 10000;
  guint runs = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 7;
  g_autofree char *body = NULL;
  g_autofree double *raw_ms = NULL;
  g_autofree double *model_ms = NULL;
  g_autofree double *refresh_ms = NULL;
  g_autofree double *merge_ms = NULL;
  g_autoptr(GListStore) empty = g_list_store_new (FERRY_TYPE_SYNC);
  g_autoptr(GListStore) kept = NULL;
  struct rusage usage;
  gsize len;

  if (n == 0 || runs == 0)
    {
      g_printerr ("usage: %s [N > 0] [RUNS > 0]\n", argv[0]);
      return 1;
    }

  body = bench_generate_body (n, 0);
  len = strlen (body);
  raw_ms = g_new0 (double, runs);
  model_ms = g_new0 (double, runs);
  refresh_ms = g_new0 (double, runs);
  merge_ms = g_new0 (double, runs);

  /* Warm up types and allocator once. */
  g_object_unref (parse_models (body, len, G_LIST_MODEL (empty)));

  for (guint r = 0; r < runs; r++)
    {
      gint64 t0, t1, t2, t3, t4;
      g_autoptr(JsonNode) root = NULL;
      g_autoptr(GListStore) store = NULL;
      g_autoptr(GListStore) again = NULL;

      t0 = g_get_monotonic_time ();
      root = parse_raw (body, len);
      t1 = g_get_monotonic_time ();
      /* The first answer, as the project model asks for it: its store still empty. */
      store = parse_models (body, len, G_LIST_MODEL (empty));
      t2 = g_get_monotonic_time ();
      if (kept == NULL)
        kept = g_object_ref (store);
      /* A refresh that finds nothing new: the store is handed over, then merged into. */
      again = parse_models (body, len, G_LIST_MODEL (kept));
      t3 = g_get_monotonic_time ();
      ferry_resource_store_merge (kept, G_LIST_MODEL (again));
      t4 = g_get_monotonic_time ();

      g_assert (g_list_model_get_n_items (G_LIST_MODEL (store)) == n);
      g_assert (g_list_model_get_n_items (G_LIST_MODEL (again)) == n);
      raw_ms[r] = (t1 - t0) / 1000.0;
      model_ms[r] = (t2 - t1) / 1000.0;
      refresh_ms[r] = (t3 - t2) / 1000.0;
      merge_ms[r] = (t4 - t3) / 1000.0;
    }

  getrusage (RUSAGE_SELF, &usage);

  g_print ("syncs: %u, body: %.1f MiB, runs: %u (medians)\n", n, len / (1024.0 * 1024.0), runs);
  g_print ("raw json-glib parse %u: %.1f ms\n", n, bench_median (raw_ms, runs));
  g_print ("chain %u (worker parse + FerrySync models): %.1f ms\n", n, bench_median (model_ms, runs));
  g_print ("chain vs raw parse: %.2fx (goal <= 1.5x)\n",
           bench_median (model_ms, runs) / MAX (bench_median (raw_ms, runs), 0.001));
  g_print ("refresh chain %u unchanged (store handed over): %.1f ms\n", n, bench_median (refresh_ms, runs));
  g_print ("merge %u unchanged into the store: %.1f ms (main loop)\n", n, bench_median (merge_ms, runs));
  g_print ("peak RSS: %.1f MiB\n", usage.ru_maxrss / 1024.0);

  return 0;
}
