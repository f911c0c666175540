/* test-sandbox-state.c: --state persistence, seeds, start-up speed and the executable.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <string.h>

#include "sandbox-test-utils.h"

#define DEMO GINT_TO_POINTER (FERRY_SANDBOX_SEED_DEMO)

static void
test_seeds_deterministic (void)
{
  g_autoptr(FerrySandbox) a = ferry_sandbox_new (FERRY_SANDBOX_SEED_DEMO);
  g_autoptr(FerrySandbox) b = ferry_sandbox_new (FERRY_SANDBOX_SEED_DEMO);
  g_autoptr(FerrySandbox) e = ferry_sandbox_new (FERRY_SANDBOX_SEED_EMPTY);

  g_assert_cmpstr (ferry_sandbox_get_project_id (a, 0), ==, ferry_sandbox_get_project_id (b, 0));
  g_assert_cmpstr (ferry_sandbox_get_identity_client_id (a), ==, ferry_sandbox_get_identity_client_id (e));
  g_assert_cmpstr (ferry_sandbox_get_identity_client_secret (a), ==, ferry_sandbox_get_identity_client_secret (e));
  g_assert_cmpstr (ferry_sandbox_get_organization_id (a), ==, ferry_sandbox_get_organization_id (e));
  g_assert_nonnull (ferry_sandbox_get_devops_pat (e, "contoso"));
  g_assert_null (ferry_sandbox_get_project_id (e, 0));
  g_assert_nonnull (ferry_sandbox_get_devops_project_id (a, "contoso", "Fabrikam Fiber"));
  g_assert_nonnull (ferry_sandbox_get_devops_project_id (a, "contoso", "Contoso Web"));
  g_assert_nonnull (ferry_sandbox_get_devops_project_id (a, "contoso", "Internal Tools"));
}

static void
test_startup_speed (void)
{
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FerrySandbox) s = ferry_sandbox_new (FERRY_SANDBOX_SEED_DEMO);

      g_assert_true (ferry_sandbox_start (s, 0, &error));
      ferry_sandbox_stop (s);
    }
  /* A number for the log, not an assertion. */
  g_test_message ("new + start + stop (demo seed): %.2f ms on average",
                  (g_get_monotonic_time () - start) / 20.0 / 1000.0);
}

static void
test_state_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ferry-sandbox-state-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "state.json", NULL);
  SbFixture f = { 0 };
  g_autofree char *body = NULL;
  g_autoptr(SbResponse) created = NULL;
  g_autoptr(SbResponse) again = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *sync_id = NULL;
  g_autofree char *status = NULL;

  g_assert_no_error (error);
  sb_fixture_setup (&f, DEMO);
  g_assert_true (ferry_sandbox_set_state_file (f.sandbox, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  body = g_strdup_printf ("{\"method\":\"access-token\",\"name\":\"persisted\",\"credentials\":{\"accessToken\":\"%s\",\"orgName\":\"contoso\"}}",
                          ferry_sandbox_get_devops_pat (f.sandbox, "contoso"));
  created = sb_request (&f, "POST", "/api/v1/app-connections/azure-devops", f.token, body);
  g_assert_cmpuint (created->status, ==, 200);
  {
    /* A job still pending when the process stops runs again after the restart. */
    g_autoptr(SbResponse) list = sb_requestf (&f, "GET", f.token, NULL, "/api/v1/secret-syncs/azure-devops?projectId=%s",
                                              ferry_sandbox_get_project_id (f.sandbox, 0));
    g_autoptr(SbResponse) trig = NULL;

    sync_id = g_strdup (json_object_get_string_member (json_array_get_object_element (sb_resp_array (list, "secretSyncs"), 0), "id"));
    ferry_sandbox_set_job_delay (f.sandbox, 60000);
    trig = sb_requestf (&f, "POST", f.token, NULL, "/api/v1/secret-syncs/azure-devops/%s/sync-secrets", sync_id);
    g_assert_cmpuint (trig->status, ==, 200);
  }
  sb_fixture_teardown (&f, DEMO);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "persisted"));

  /* A new sandbox (even with the empty seed) loads it. */
  memset (&f, 0, sizeof f);
  f.sandbox = ferry_sandbox_new (FERRY_SANDBOX_SEED_EMPTY);
  ferry_sandbox_set_job_delay (f.sandbox, 10);
  g_assert_true (ferry_sandbox_set_state_file (f.sandbox, path, &error));
  g_assert_true (ferry_sandbox_start (f.sandbox, 0, &error));
  f.session = soup_session_new ();
  f.user_jwt = ferry_sandbox_issue_user_jwt (f.sandbox, 600);
  f.token = g_strdup (f.user_jwt);
  status = sb_wait_sync_status (&f, sync_id, "syncStatus");
  g_assert_cmpstr (status, ==, "succeeded");
  again = sb_request (&f, "GET", "/api/v1/app-connections/azure-devops/connection-name/persisted", f.user_jwt, NULL);
  g_assert_cmpuint (again->status, ==, 200);
  g_assert_nonnull (ferry_sandbox_get_project_id (f.sandbox, 0));
  sb_fixture_teardown (&f, DEMO);

  g_assert_true (g_file_set_contents (path, "[1, 2]", -1, NULL));
  {
    g_autoptr(FerrySandbox) bad = ferry_sandbox_new (FERRY_SANDBOX_SEED_EMPTY);
    g_autoptr(GError) bad_error = NULL;

    g_assert_false (ferry_sandbox_set_state_file (bad, path, &bad_error));
    g_assert_nonnull (bad_error);
  }
  g_unlink (path);
  g_rmdir (dir);
}

static char *
sandbox_exe (void)
{
  const char *root = g_getenv ("FERRY_BUILD_ROOT");

  if (root != NULL)
    return g_build_filename (root, "tests", "sandbox", "ferry-sandbox", NULL);
  return g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".", "ferry-sandbox", NULL);
}

static void
test_executable (void)
{
  g_autofree char *exe = sandbox_exe ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  char *lines[5] = { NULL };

  if (!g_file_test (exe, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("ferry-sandbox executable not found (set FERRY_BUILD_ROOT)");
      return;
    }
  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, exe, "--seed", "empty",
                           "--oauth-redirect=loopback", "--job-delay-ms", "10", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (proc));
  for (guint i = 0; i < 4; i++)
    {
      lines[i] = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (lines[i]);
    }
  g_assert_true (g_str_has_prefix (lines[0], "FERRY_SANDBOX_URL=http://127.0.0.1:"));
  g_assert_true (g_str_has_prefix (lines[1], "FERRY_SANDBOX_CLIENT_ID="));
  g_assert_true (g_str_has_prefix (lines[2], "FERRY_SANDBOX_CLIENT_SECRET="));
  g_assert_true (g_str_has_prefix (lines[3], "FERRY_SANDBOX_USER_EMAIL="));
  g_subprocess_send_signal (proc, SIGTERM);
  g_assert_true (g_subprocess_wait (proc, NULL, &error));
  g_assert_true (g_subprocess_get_if_exited (proc));
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    g_free (lines[i]);
}

static void
test_bad_arguments (void)
{
  g_autofree char *exe = sandbox_exe ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) proc = NULL;

  if (!g_file_test (exe, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("ferry-sandbox executable not found (set FERRY_BUILD_ROOT)");
      return;
    }
  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDERR_SILENCE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                           exe, "--seed", "bogus", NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait (proc, NULL, &error));
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 2);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sandbox/state/seeds-deterministic", test_seeds_deterministic);
  g_test_add_func ("/sandbox/state/startup-speed", test_startup_speed);
  g_test_add_func ("/sandbox/state/state-file", test_state_file);
  g_test_add_func ("/sandbox/state/executable", test_executable);
  g_test_add_func ("/sandbox/state/bad-arguments", test_bad_arguments);
  return g_test_run ();
}
