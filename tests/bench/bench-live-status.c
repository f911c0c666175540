/* bench-live-status.c: how soon a status flip on the server shows in the model.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Not a test: prints `name: value (goal)` lines. Needs the private keyring of
 * tests/keyring-session.sh (./dev.sh bench provides it), as tests/core does. A machine
 * identity signs in to the in-process sandbox; "Sync now" on a sync starts a job whose
 * phases (pending → running → final) last D = 700 ms each (ferry_sandbox_set_job_delay (),
 * not a multiple of any poll interval). The job starts while the trigger request is
 * answered, so the server flips to running at about answer + D and to the end at
 * answer + 2 D; the lag is when the model's sync shows each state after that, and a flip
 * the model never showed counts as missed. Then, with phases of 50 ms (shorter than any
 * poll), whether the sync shows "running" at all, and for how long.
 *
 *   bench-live-status [RUNS]
 */

#include "config.h"

#include <stdlib.h>

#include "core-test-utils.h"

#include "bench-body.h"

typedef struct
{
  gint64   running_at;
  gint64   final_at;
  gint64   running_left;
  gboolean settled;
} Seen;

static void
status_cb (FerrySync  *sync,
           GParamSpec *pspec,
           Seen       *seen)
{
  gint64 now = g_get_monotonic_time ();

  switch (ferry_sync_get_sync_status (sync))
    {
    case FERRY_SYNC_STATUS_RUNNING:
      if (seen->running_at == 0)
        seen->running_at = now;
      break;
    case FERRY_SYNC_STATUS_SUCCEEDED:
    case FERRY_SYNC_STATUS_FAILED:
      if (seen->running_at != 0 && seen->running_left == 0)
        seen->running_left = now;
      if (seen->final_at == 0)
        seen->final_at = now;
      break;
    default:
      break;
    }
}

static void
settled_cb (FerryProjectModel  *model,
            FerrySync          *sync,
            FerrySyncOperation  operation,
            gboolean            deleted,
            Seen               *seen)
{
  seen->settled = TRUE;
}

/* Triggers a job on @sync; returns when its answer came (monotonic µs). */
static gint64
trigger (CoreFixture *fixture,
         FerrySync   *sync)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  ferry_project_model_trigger_sync_async (fixture->model, sync, NULL, core_result_cb, &result);
  if (!ferry_project_model_trigger_sync_finish (fixture->model, core_wait_result (&result), &error))
    g_error ("trigger: %s", error->message);
  return g_get_monotonic_time ();
}

static Seen
run_job (CoreFixture *fixture,
         FerrySync   *sync,
         gint64      *answered)
{
  Seen seen = { 0 };
  gulong status_id = g_signal_connect (sync, "notify::sync-status", G_CALLBACK (status_cb), &seen);
  gulong settled_id = g_signal_connect (fixture->model, "sync-settled", G_CALLBACK (settled_cb), &seen);
  gint64 give_up;

  *answered = trigger (fixture, sync);
  give_up = *answered + 30 * G_USEC_PER_SEC;
  while (!seen.settled && g_get_monotonic_time () < give_up)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (sync, status_id);
  g_signal_handler_disconnect (fixture->model, settled_id);
  /* Between jobs: let the last poll's answer come. */
  ferry_test_spin_for (300);
  return seen;
}

static void
bench_live_status (CoreFixture   *fixture,
                   gconstpointer  data)
{
  guint runs = GPOINTER_TO_UINT (data);
  const guint delay = 700;
  g_autofree double *lags = g_new0 (double, runs * 2);
  g_autoptr(GError) error = NULL;
  g_autoptr(FerrySync) sync = NULL;
  guint n_lags = 0, missed = 0, shown = 0;
  double shortest_ms = G_MAXDOUBLE;

  if (!core_refresh_syncs (fixture->model, &error))
    g_error ("list: %s", error->message);
  sync = g_list_model_get_item (ferry_project_model_get_syncs (fixture->model), 0);
  ferry_project_model_hold (fixture->model);

  ferry_sandbox_set_job_delay (fixture->sandbox, delay);
  for (guint r = 0; r < runs; r++)
    {
      gint64 answered;
      Seen seen = run_job (fixture, sync, &answered);

      if (seen.running_at != 0)
        lags[n_lags++] = MAX (0, seen.running_at - (answered + delay * 1000)) / 1000.0;
      else
        missed++;
      if (seen.final_at != 0)
        lags[n_lags++] = MAX (0, seen.final_at - (answered + 2 * delay * 1000)) / 1000.0;
      else
        missed++;
    }

  ferry_sandbox_set_job_delay (fixture->sandbox, 50);
  for (guint r = 0; r < runs; r++)
    {
      gint64 answered;
      Seen seen = run_job (fixture, sync, &answered);

      if (seen.running_at != 0 && seen.running_left != 0)
        {
          shown++;
          shortest_ms = MIN (shortest_ms, (seen.running_left - seen.running_at) / 1000.0);
        }
    }
  ferry_project_model_release (fixture->model);

  g_print ("runs: %u (medians), job phases %u ms\n", runs, delay);
  g_print ("status flip lag: %.0f ms (goal <= 500), flips seen: %u of %u\n",
           n_lags > 0 ? bench_median (lags, n_lags) : -1.0, n_lags, n_lags + missed);
  g_print ("\"Syncing\" shown with 50 ms phases: %u of %u runs, shortest %.0f ms (goal: every run)\n",
           shown, runs, shown > 0 ? shortest_ms : 0.0);
}

int
main (int   argc,
      char *argv[])
{
  guint runs = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 5;
  char *args[] = { argv[0], NULL };
  int n_args = 1;
  char **pargs = args;

  if (runs == 0)
    {
      g_printerr ("usage: %s [RUNS > 0]\n", argv[0]);
      return 1;
    }

  ferry_test_init (&n_args, &pargs);
  if (!core_test_have_keyring ("/bench/live-status/needs-secret-service"))
    return g_test_run ();
  g_test_add ("/bench/live-status", CoreFixture, GUINT_TO_POINTER (runs),
              core_fixture_setup, bench_live_status, core_fixture_teardown);
  return g_test_run ();
}
