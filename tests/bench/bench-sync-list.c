/* bench-sync-list.c: parsing a 10,000-sync list answer into models.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Not a test: prints numbers. Generates a GET /api/v1/secret-syncs/azure-devops answer
 * with N syncs, then times (median of several runs) a raw json-glib parse of the body
 * against the same parse plus building the FerrySync models into a GListStore, and a
 * refresh of that store in place. Ends with the peak RSS.
 *
 *   bench-sync-list [N] [RUNS]
 */

#include "config.h"

#include <stdlib.h>
#include <sys/resource.h>

#include "ferry-api-client.h"

static char *
generate_body (guint n)
{
  GString *str = g_string_sized_new ((gsize) n * 1500);

  g_string_append (str, "{\"secretSyncs\":[");
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (str, ',');
      g_string_append_printf (str,
        "{\"id\":\"%08x-1c2b-4f4e-9a51-%012x\",\"name\":\"sync-%u\",\"description\":%s,"
        "\"isAutoSyncEnabled\":%s,\"version\":%u,\"projectId\":\"0b3f6a2c-8d1e-4c7b-9f10-a1b2c3d4e5f6\","
        "\"folderId\":\"7c8d9e0f-1a2b-4c3d-8e4f-%012x\",\"connectionId\":\"9a2c4e6f-8b0d-4f1a-9c3e-5b7d9f1a3c5e\","
        "\"createdAt\":\"2025-06-01T10:00:00.000Z\",\"updatedAt\":\"2025-06-02T11:30:00.000Z\","
        "\"syncStatus\":\"%s\",\"lastSyncJobId\":\"%u\",\"lastSyncMessage\":%s,"
        "\"lastSyncedAt\":\"2025-06-02T11:31:05.000Z\",\"importStatus\":null,\"lastImportJobId\":null,"
        "\"lastImportMessage\":null,\"lastImportedAt\":null,\"removeStatus\":null,\"lastRemoveJobId\":null,"
        "\"lastRemoveMessage\":null,\"lastRemovedAt\":null,\"destination\":\"azure-devops\","
        "\"destinationConfig\":{\"devopsProjectId\":\"3f2e1d0c-b9a8-4765-8432-%012x\",\"devopsProjectName\":\"Project %u\"},"
        "\"syncOptions\":{\"initialSyncBehavior\":\"overwrite-destination\",\"keySchema\":\"APP_{{secretKey}}\",\"disableSecretDeletion\":false},"
        "\"connection\":{\"app\":\"azure-devops\",\"name\":\"ado-contoso\",\"id\":\"9a2c4e6f-8b0d-4f1a-9c3e-5b7d9f1a3c5e\"},"
        "\"environment\":{\"slug\":\"prod\",\"name\":\"Production\",\"id\":\"e1e2e3e4-0000-4000-8000-000000000001\"},"
        "\"folder\":{\"id\":\"7c8d9e0f-1a2b-4c3d-8e4f-%012x\",\"path\":\"/services/svc-%u\"}}",
        i, i, i,
        i % 3 ? "null" : "\"Synced by the release pipeline\"",
        i % 5 ? "true" : "false",
        1 + i % 7, i,
        i % 11 ? "succeeded" : "failed",
        i,
        i % 11 ? "null" : "\"{\\\"message\\\":\\\"TF400813: The user is not authorized to access this resource.\\\"}\"",
        i, i, i, i);
    }
  g_string_append (str, "]}");

  return g_string_free (str, FALSE);
}

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

/* The same steps as the client's list path: parse, then one model per item. */
static GListStore *
parse_models (const char *body,
              gsize       len)
{
  g_autoptr(JsonNode) root = parse_raw (body, len);
  JsonArray *array = json_object_get_array_member (json_node_get_object (root), "secretSyncs");
  guint n = json_array_get_length (array);
  g_autoptr(GPtrArray) items = g_ptr_array_new_full (n, g_object_unref);
  GListStore *store;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      FerrySync *sync = ferry_sync_new_from_json (json_array_get_object_element (array, i), &error);

      if (sync == NULL)
        g_error ("sync %u: %s", i, ferry_api_error_get_detail (error));
      g_ptr_array_add (items, sync);
    }

  store = g_list_store_new (FERRY_TYPE_SYNC);
  g_list_store_splice (store, 0, 0, items->pdata, items->len);
  return store;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
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
  g_autofree double *merge_ms = NULL;
  g_autoptr(GListStore) kept = NULL;
  struct rusage usage;
  gsize len;

  if (n == 0 || runs == 0)
    {
      g_printerr ("usage: %s [N > 0] [RUNS > 0]\n", argv[0]);
      return 1;
    }

  body = generate_body (n);
  len = strlen (body);
  raw_ms = g_new0 (double, runs);
  model_ms = g_new0 (double, runs);
  merge_ms = g_new0 (double, runs);

  /* Warm up types and allocator once. */
  g_object_unref (parse_models (body, len));

  for (guint r = 0; r < runs; r++)
    {
      gint64 t0, t1, t2, t3;
      g_autoptr(JsonNode) root = NULL;
      g_autoptr(GListStore) store = NULL;

      t0 = g_get_monotonic_time ();
      root = parse_raw (body, len);
      t1 = g_get_monotonic_time ();
      store = parse_models (body, len);
      t2 = g_get_monotonic_time ();
      if (kept == NULL)
        kept = g_object_ref (store);
      else
        ferry_resource_store_merge (kept, G_LIST_MODEL (store));
      t3 = g_get_monotonic_time ();

      g_assert (g_list_model_get_n_items (G_LIST_MODEL (store)) == n);
      raw_ms[r] = (t1 - t0) / 1000.0;
      model_ms[r] = (t2 - t1) / 1000.0;
      merge_ms[r] = (t3 - t2) / 1000.0;
    }

  getrusage (RUSAGE_SELF, &usage);

  g_print ("syncs:                 %u\n", n);
  g_print ("body:                  %.1f MiB\n", len / (1024.0 * 1024.0));
  g_print ("runs:                  %u (median shown)\n", runs);
  g_print ("raw json-glib parse:   %.1f ms\n", median (raw_ms, runs));
  g_print ("parse + FerrySync:     %.1f ms (%.2fx raw)\n", median (model_ms, runs),
           median (model_ms, runs) / MAX (median (raw_ms, runs), 0.001));
  if (runs > 1)
    g_print ("refresh store in place: %.1f ms (ferry_resource_store_merge, same ids)\n",
             median (merge_ms + 1, runs - 1));
  g_print ("peak RSS:              %.1f MiB\n", usage.ru_maxrss / 1024.0);

  return 0;
}
