/* bench-body.h: a generated GET /api/v1/secret-syncs/azure-devops answer for the benchmarks.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shaped like docs/infisical-api.md's list answer, about 1.3 kB per sync. @flip > 0 turns the
 * status of every @flip-th sync to "running", so a refresh has something to merge.
 */

#pragma once

#include <glib.h>

static inline int
bench_compare_doubles (const void *a,
                       const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static inline double
bench_median (double *values,
              guint   n)
{
  qsort (values, n, sizeof (double), bench_compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

static inline char *
bench_generate_body (guint n,
                     guint flip)
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
        flip > 0 && i % flip == 0 ? "running" : i % 11 ? "succeeded" : "failed",
        i,
        i % 11 ? "null" : "\"{\\\"message\\\":\\\"TF400813: The user is not authorized to access this resource.\\\"}\"",
        i, i, i, i);
    }
  g_string_append (str, "]}");

  return g_string_free (str, FALSE);
}

