/* core-test-utils.c
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fixture every test of tests/core shares (see core-test-utils.h): one sign-in path, so
 * each test file reads as the behaviour it checks.
 */

#include "config.h"

#include "core-test-utils.h"

void
core_result_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

GAsyncResult *
core_wait_result (GAsyncResult **slot)
{
  CORE_WAIT (*slot != NULL, 30000);
  return *slot;
}

gboolean
core_refresh_syncs (FerryProjectModel  *model,
                    GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ferry_project_model_refresh_async (model, NULL, core_result_cb, &result);
  return ferry_project_model_refresh_finish (model, core_wait_result (&result), error);
}

static void
setup (CoreFixture *fixture,
       gboolean     user)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  fixture->sandbox = ferry_sandbox_new (FERRY_SANDBOX_SEED_DEMO);
  ferry_sandbox_set_job_delay (fixture->sandbox, 50);
  g_assert_true (ferry_sandbox_start (fixture->sandbox, 0, &error));
  g_assert_no_error (error);

  fixture->settings = g_settings_new ("io.github.ferryapp.Ferry");
  g_settings_reset (fixture->settings, "accounts");
  g_settings_reset (fixture->settings, "default-account");
  fixture->accounts = ferry_account_store_new (fixture->settings);
  fixture->tokens = ferry_token_store_new ();

  if (user)
    {
      g_autofree char *jwt = ferry_sandbox_issue_user_jwt (fixture->sandbox, 3600);

      ferry_session_sign_in_with_jwt_async (fixture->accounts, fixture->tokens,
                                            ferry_sandbox_get_url (fixture->sandbox),
                                            jwt, ferry_sandbox_get_user_email (fixture->sandbox),
                                            NULL, core_result_cb, &result);
      fixture->session = ferry_session_sign_in_with_jwt_finish (core_wait_result (&result), &error);
    }
  else
    {
      ferry_session_sign_in_machine_identity_async (fixture->accounts, fixture->tokens,
                                                    ferry_sandbox_get_url (fixture->sandbox),
                                                    ferry_sandbox_get_identity_client_id (fixture->sandbox),
                                                    ferry_sandbox_get_identity_client_secret (fixture->sandbox),
                                                    NULL, core_result_cb, &result);
      fixture->session = ferry_session_sign_in_machine_identity_finish (core_wait_result (&result), &error);
    }
  g_assert_no_error (error);
  g_assert_nonnull (fixture->session);

  fixture->workspace = ferry_workspace_new (fixture->session);
  ferry_workspace_refresh_projects (fixture->workspace);
  CORE_WAIT (ferry_workspace_get_projects_state (fixture->workspace) == FERRY_LOAD_STATE_READY, 30000);
  fixture->project = ferry_workspace_find_project (fixture->workspace,
                                                   ferry_sandbox_get_project_id (fixture->sandbox, 0));
  g_assert_nonnull (fixture->project);
  fixture->model = ferry_workspace_get_project_model (fixture->workspace, fixture->project);
  ferry_sandbox_clear_requests (fixture->sandbox);
}

void
core_fixture_setup (CoreFixture   *fixture,
                    gconstpointer  data)
{
  setup (fixture, FALSE);
}

void
core_fixture_setup_user (CoreFixture   *fixture,
                         gconstpointer  data)
{
  setup (fixture, TRUE);
}

void
core_fixture_teardown (CoreFixture   *fixture,
                       gconstpointer  data)
{
  gpointer weak_model = fixture->model;

  /* The workspace owns the models: they must go with it (no reference cycles). */
  if (weak_model != NULL)
    g_object_add_weak_pointer (G_OBJECT (fixture->model), &weak_model);
  g_clear_object (&fixture->workspace);
  for (guint i = 0; i < 500 && weak_model != NULL; i++)
    ferry_test_spin_for (10);
  g_assert_null (weak_model);

  g_clear_object (&fixture->session);
  g_clear_object (&fixture->tokens);
  g_clear_object (&fixture->accounts);
  g_clear_object (&fixture->settings);
  ferry_sandbox_stop (fixture->sandbox);
  g_clear_object (&fixture->sandbox);
  ferry_test_spin_for (10);
}

static void
skip_without_keyring (void)
{
  g_test_skip ("No private Secret Service (run under tests/keyring-session.sh)");
}

gboolean
core_test_have_keyring (const char *skip_path)
{
  if (g_strcmp0 (g_getenv ("FERRY_TEST_SECRET_SERVICE"), "1") == 0)
    return TRUE;

  g_test_add_func (skip_path, skip_without_keyring);
  return FALSE;
}

static gboolean
entry_matches (JsonObject *entry,
               const char *method,
               const char *path)
{
  return g_strcmp0 (json_object_get_string_member (entry, "method"), method) == 0 &&
         (path == NULL || g_strcmp0 (json_object_get_string_member (entry, "path"), path) == 0);
}

guint
core_count_requests (CoreFixture *fixture,
                     const char  *method,
                     const char  *path,
                     int          status)
{
  g_autoptr(JsonNode) node = ferry_sandbox_get_requests (fixture->sandbox);
  JsonArray *array = json_node_get_array (node);
  guint count = 0;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *entry = json_array_get_object_element (array, i);
      gboolean pending = json_object_get_null_member (entry, "status");

      if (!entry_matches (entry, method, path))
        continue;
      if (status == 0 ||
          (status == -1 && pending) ||
          (status > 0 && !pending && json_object_get_int_member (entry, "status") == status))
        count++;
    }

  return count;
}

JsonObject *
core_last_request_body (CoreFixture *fixture,
                        const char  *method,
                        const char  *path)
{
  g_autoptr(JsonNode) node = ferry_sandbox_get_requests (fixture->sandbox);
  JsonArray *array = json_node_get_array (node);

  for (guint i = json_array_get_length (array); i > 0; i--)
    {
      JsonObject *entry = json_array_get_object_element (array, i - 1);

      if (entry_matches (entry, method, path))
        {
          JsonNode *body = json_object_get_member (entry, "body");

          return body != NULL && JSON_NODE_HOLDS_OBJECT (body) ? json_object_ref (json_node_get_object (body)) : NULL;
        }
    }

  return NULL;
}

void
core_add_fault (CoreFixture *fixture,
                const char  *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_true (ferry_sandbox_add_fault (fixture->sandbox, json_node_get_object (json_parser_get_root (parser)), &error));
  g_assert_no_error (error);
}

char *
core_sync_path (FerrySync *sync)
{
  return g_strconcat ("/api/v1/secret-syncs/azure-devops/", ferry_resource_get_id (FERRY_RESOURCE (sync)), NULL);
}
