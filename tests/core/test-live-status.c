/* test-live-status.c: a followed job is polled every half second, backs off when the
 * server rate-limits, stops at its end, and shows "running" even when its phases are
 * shorter than a poll round. Against the sandbox, as tests/core/test-project-model-syncs.c.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "core-test-utils.h"
#include "ferry-project-model-private.h"

static void
status_cb (FerrySync  *sync,
           GParamSpec *pspec,
           GArray     *statuses)
{
  FerrySyncStatus status = ferry_sync_get_sync_status (sync);

  g_array_append_val (statuses, status);
}

static void
settled_cb (FerryProjectModel  *model,
            FerrySync          *sync,
            FerrySyncOperation  operation,
            gboolean            deleted,
            guint              *calls)
{
  (*calls)++;
}

static FerrySync *
first_sync (FerryProjectModel *model)
{
  g_autoptr(FerrySync) sync = g_list_model_get_item (ferry_project_model_get_syncs (model), 0);

  g_assert_nonnull (sync);
  return sync;   /* the store keeps it */
}

static void
trigger (CoreFixture *fixture,
         FerrySync   *sync)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  ferry_project_model_trigger_sync_async (fixture->model, sync, NULL, core_result_cb, &result);
  g_assert_true (ferry_project_model_trigger_sync_finish (fixture->model, core_wait_result (&result), &error));
  g_assert_no_error (error);
}

/* Polled in rounds half a second apart while the job runs; not at all once it ended. */
static void
test_poll_cadence_and_end (CoreFixture   *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  guint settled = 0, polls;
  FerrySync *sync;

  ferry_sandbox_set_job_delay (fixture->sandbox, 1500);
  g_assert_true (core_refresh_syncs (fixture->model, &error));
  sync = first_sync (fixture->model);
  path = core_sync_path (sync);
  g_signal_connect (fixture->model, "sync-settled", G_CALLBACK (settled_cb), &settled);

  ferry_sandbox_clear_requests (fixture->sandbox);
  trigger (fixture, sync);
  g_assert_cmpuint (ferry_project_model_next_poll_delay (fixture->model), <=, FERRY_PROJECT_MODEL_POLL_MS);

  /* Two phases of 1.5 s: at 2 rounds a second, at least four polls before the end (the
   * old cadence, a round 2 s after the last answer, made one or two). */
  CORE_WAIT (settled > 0, 20000);
  polls = core_count_requests (fixture, "GET", path, 0);
  g_assert_cmpuint (polls, >=, 4);
  g_assert_cmpint (ferry_sync_get_sync_status (sync), ==, FERRY_SYNC_STATUS_SUCCEEDED);

  /* Ended: nothing followed, nothing polled. */
  ferry_test_spin_for (3 * FERRY_PROJECT_MODEL_POLL_MS);
  g_assert_cmpuint (core_count_requests (fixture, "GET", path, 0), ==, polls);
}

/* A 429 stretches the wait to its Retry-After: a short one the request itself waits out
 * (src/api/ferry-api-transport.c), a long one the model, up to 30 s between rounds. */
static void
test_poll_backs_off (CoreFixture   *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  guint polls;
  FerrySync *sync;

  ferry_sandbox_set_job_delay (fixture->sandbox, 20000);
  g_assert_true (core_refresh_syncs (fixture->model, &error));
  sync = first_sync (fixture->model);
  path = core_sync_path (sync);

  core_add_fault (fixture, "{\"route\": \"GET /api/v1/secret-syncs/azure-devops/*\", \"status\": 429, "
                           "\"retryAfter\": 2, \"count\": 1}");
  ferry_sandbox_clear_requests (fixture->sandbox);
  trigger (fixture, sync);

  CORE_WAIT (core_count_requests (fixture, "GET", path, 429) == 1, 20000);
  polls = core_count_requests (fixture, "GET", path, 0);
  ferry_test_spin_for (1500);
  g_assert_cmpuint (core_count_requests (fixture, "GET", path, 0), ==, polls);
  /* Then the answers come again, and so does the half-second cadence. */
  CORE_WAIT (core_count_requests (fixture, "GET", path, 200) >= 2, 20000);
  g_assert_cmpuint (ferry_project_model_next_poll_delay (fixture->model), <=, FERRY_PROJECT_MODEL_POLL_MS);

  /* Longer than a request waits: the model waits, as long as it may. */
  core_add_fault (fixture, "{\"route\": \"GET /api/v1/secret-syncs/azure-devops/*\", \"status\": 429, "
                           "\"retryAfter\": 600, \"count\": 1}");
  CORE_WAIT (core_count_requests (fixture, "GET", path, 429) == 2, 20000);
  ferry_test_spin_for (50);
  g_assert_cmpuint (ferry_project_model_next_poll_delay (fixture->model), ==, FERRY_PROJECT_MODEL_MAX_POLL_BACKOFF_MS);
  polls = core_count_requests (fixture, "GET", path, 0);
  ferry_test_spin_for (1500);
  g_assert_cmpuint (core_count_requests (fixture, "GET", path, 0), ==, polls);
}

/* Job phases of 50 ms, far shorter than a round: the answers go from "pending" to
 * "succeeded", yet the sync shows "running" in between, for a moment. */
static void
test_running_always_shown (CoreFixture   *fixture,
                           gconstpointer  data)
{
  g_autoptr(GArray) statuses = g_array_new (FALSE, FALSE, sizeof (FerrySyncStatus));
  g_autoptr(GError) error = NULL;
  guint settled = 0;
  gint64 running_at = 0;
  FerrySync *sync;

  ferry_sandbox_set_job_delay (fixture->sandbox, 50);
  g_assert_true (core_refresh_syncs (fixture->model, &error));
  sync = first_sync (fixture->model);
  g_signal_connect (fixture->model, "sync-settled", G_CALLBACK (settled_cb), &settled);
  g_signal_connect (sync, "notify::sync-status", G_CALLBACK (status_cb), statuses);

  trigger (fixture, sync);
  while (settled == 0)
    {
      if (running_at == 0 && ferry_sync_get_sync_status (sync) == FERRY_SYNC_STATUS_RUNNING)
        running_at = g_get_monotonic_time ();
      g_main_context_iteration (NULL, TRUE);
    }

  g_assert_cmpint (running_at, >, 0);
  g_assert_cmpint (g_get_monotonic_time () - running_at, >=, (FERRY_PROJECT_MODEL_MIN_RUNNING_MS - 20) * 1000);
  g_assert_cmpint (g_array_index (statuses, FerrySyncStatus, statuses->len - 1), ==, FERRY_SYNC_STATUS_SUCCEEDED);
  for (guint i = 1; i < statuses->len; i++)
    g_assert_cmpint (g_array_index (statuses, FerrySyncStatus, i), >, g_array_index (statuses, FerrySyncStatus, i - 1));
}

/* Nothing followed, nothing busy: no polls at all while the model is held. */
static void
test_no_polls_when_idle (CoreFixture   *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (core_refresh_syncs (fixture->model, &error));
  ferry_sandbox_clear_requests (fixture->sandbox);
  ferry_project_model_hold (fixture->model);
  ferry_test_spin_for (3 * FERRY_PROJECT_MODEL_POLL_MS);
  g_assert_cmpuint (core_count_requests (fixture, "GET", NULL, 0), ==, 0);
  ferry_project_model_release (fixture->model);
}

int
main (int   argc,
      char *argv[])
{
  ferry_test_init (&argc, &argv);

  if (!core_test_have_keyring ("/live-status/needs-secret-service"))
    return g_test_run ();

#define ADD(path, func) \
  g_test_add ("/live-status/" path, CoreFixture, NULL, core_fixture_setup, func, core_fixture_teardown)
  ADD ("cadence-and-end", test_poll_cadence_and_end);
  ADD ("backs-off", test_poll_backs_off);
  ADD ("running-always-shown", test_running_always_shown);
  ADD ("no-polls-when-idle", test_no_polls_when_idle);

  return g_test_run ();
}
