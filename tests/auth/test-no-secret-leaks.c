/* test-no-secret-leaks.c: a full sign-in, listing and connection create with every log
 * turned on (G_MESSAGES_DEBUG=all, FERRY_DEBUG_HTTP=1), then a search of the captured log
 * output, every GSettings key, every error text and every file under this test's HOME
 * and XDG dirs for the client secret, the access tokens, the user JWT and the PAT.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Needs the private gnome-keyring of tests/keyring-session.sh (FERRY_TEST_SECRET_SERVICE=1):
 * the secrets have to go somewhere, and it must be the keyring.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libsecret/secret.h>
#include <stdio.h>
#include <string.h>

#include "ferry-api-error.h"
#include "ferry-sandbox.h"
#include "ferry-session.h"
#include "ferry-test-utils.h"
#include "ferry-workspace.h"

/* Everything printed while the test runs: log records, g_print and g_printerr. */
static GString *captured;
static GMutex captured_lock;

static void
capture (const char *text)
{
  g_mutex_lock (&captured_lock);
  g_string_append (captured, text);
  g_string_append_c (captured, '\n');
  g_mutex_unlock (&captured_lock);
}

static GLogWriterOutput
capture_writer (GLogLevelFlags   log_level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  g_autofree char *line = g_log_writer_format_fields (log_level, fields, n_fields, FALSE);

  /* Every record, whatever its level and whether or not it is shown. */
  capture (line);
  for (gsize i = 0; i < n_fields; i++)
    if (fields[i].length < 0 && fields[i].value != NULL && g_strcmp0 (fields[i].key, "MESSAGE") != 0)
      capture (fields[i].value);

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

static void
capture_print (const char *text)
{
  capture (text);
  fputs (text, stdout);
  fflush (stdout);
}

static void
capture_printerr (const char *text)
{
  capture (text);
  fputs (text, stderr);
}

/* ---- Searching ---- */

typedef struct
{
  const char *name;
  char       *value;
} Needle;

static GPtrArray *needles;   /* of Needle */

static void
needle_free (gpointer data)
{
  Needle *needle = data;

  g_free (needle->value);
  g_free (needle);
}

/* A secret and, for a JWT, its signature alone (a log that cut the token would still
 * show it). Header and claims of a JWT are not secret in themselves and are shared by
 * every token, so they are not searched on their own. */
static void
add_needle (const char *name,
            const char *value)
{
  Needle *needle;
  const char *dot;

  g_assert_nonnull (value);
  g_assert_cmpuint (strlen (value), >=, 8);

  needle = g_new0 (Needle, 1);
  needle->name = name;
  needle->value = g_strdup (value);
  g_ptr_array_add (needles, needle);

  dot = strrchr (value, '.');
  if (dot != NULL && strlen (dot + 1) >= 16)
    add_needle (name, dot + 1);
}

/* The name of the first needle found in @data, or NULL. */
static const char *
find_needle (const char *data,
             gsize       length)
{
  for (guint i = 0; i < needles->len; i++)
    {
      Needle *needle = g_ptr_array_index (needles, i);

      if (memmem (data, length, needle->value, strlen (needle->value)) != NULL)
        return needle->name;
    }

  return NULL;
}

/* Files under @dir (recursively) that contain a needle; appended as "path: name". */
static void
search_files (const char *dir,
              GPtrArray  *hits,
              guint      *n_files)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *entry;

  if (handle == NULL)
    return;

  while ((entry = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, entry, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        continue;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          search_files (path, hits, n_files);
        }
      else if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        {
          g_autofree char *contents = NULL;
          gsize length = 0;
          const char *found;

          (*n_files)++;
          if (!g_file_get_contents (path, &contents, &length, NULL))
            continue;
          found = find_needle (contents, length);
          if (found != NULL)
            g_ptr_array_add (hits, g_strdup_printf ("%s: %s", path, found));
        }
    }
}

/* Every key of the app's schema, printed. */
static char *
dump_settings (GSettings *settings)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;
  GString *dump = g_string_new (NULL);

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr(GVariant) value = g_settings_get_value (settings, keys[i]);
      g_autofree char *printed = g_variant_print (value, TRUE);

      g_string_append_printf (dump, "%s=%s\n", keys[i], printed);
    }

  return g_string_free (dump, FALSE);
}

/* ---- Driving the product ---- */

static gboolean
result_ready (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  g_assert_true (ferry_test_spin_until (result_ready, slot, 30000));
  return *slot;
}

/* Error texts people can see or copy: message, detail and "Copy details". */
static void
keep_error_text (GString      *texts,
                 const GError *error)
{
  g_autofree char *details = ferry_api_error_format_details (error);

  g_test_message ("error: %s", error->message);
  g_string_append_printf (texts, "%s\n%s\n%s\n", error->message,
                          ferry_api_error_get_detail (error) ? ferry_api_error_get_detail (error) : "",
                          details);
}

static char *
current_token (FerrySession *session)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *token;

  ferry_token_provider_get_token_async (FERRY_TOKEN_PROVIDER (session), FALSE, NULL, result_cb, &result);
  token = ferry_token_provider_get_token_finish (FERRY_TOKEN_PROVIDER (session), wait_result (&result), &error);
  g_assert_no_error (error);

  return token;
}

static char *
canary (const char *where)
{
  g_autofree char *uuid = g_uuid_string_random ();

  return g_strdup_printf ("%s-canary-%s", where, uuid);
}

static gboolean
file_holds (const char *path,
            const char *text)
{
  g_autofree char *contents = NULL;

  return g_file_get_contents (path, &contents, NULL, NULL) && strstr (contents, text) != NULL;
}

static void
test_no_secret_leaks (void)
{
  const char *wrong_secret = "wrong-secret-5f2a9c3e-7b1d-4e8f-a6c4";
  g_autoptr(FerrySandbox) sandbox = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(FerryAccountStore) accounts = NULL;
  g_autoptr(FerryTokenStore) tokens = NULL;
  g_autoptr(FerrySession) session = NULL;
  g_autoptr(FerrySession) user_session = NULL;
  g_autoptr(GListStore) projects = NULL;
  g_autoptr(GListStore) syncs = NULL;
  g_autoptr(FerryProject) project = NULL;
  g_autoptr(FerryConnection) connection = NULL;
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) error_texts = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *user_jwt = NULL;
  g_autofree char *settings_dump = NULL;
  g_autofree char *log_canary = canary ("log");
  g_autofree char *file_canary = canary ("file");
  g_autofree char *settings_canary = canary ("settings");
  g_autofree char *canary_path = NULL;
  g_autofree char *cache_path = NULL;
  FerryApiClient *client;
  const char *found;
  guint n_files = 0;

  if (!ferry_test_have_keyring ())
    {
      g_test_skip ("No private Secret Service (run under tests/keyring-session.sh) and no file backend");
      return;
    }

  g_assert_cmpstr (g_getenv ("G_MESSAGES_DEBUG"), ==, "all");
  g_assert_nonnull (g_getenv ("FERRY_DEBUG_HTTP"));

  sandbox = ferry_sandbox_new (FERRY_SANDBOX_SEED_DEMO);
  g_assert_true (ferry_sandbox_start (sandbox, 0, &error));
  g_assert_no_error (error);
  settings = g_settings_new ("io.github.ferryapp.Ferry");
  accounts = ferry_account_store_new (settings);
  tokens = ferry_token_store_new ();

  add_needle ("client secret", ferry_sandbox_get_identity_client_secret (sandbox));
  add_needle ("wrong client secret", wrong_secret);
  add_needle ("PAT", ferry_sandbox_get_devops_pat (sandbox, "contoso"));

  /* A failed sign-in first: its error must not repeat what was typed. */
  {
    g_autoptr(GAsyncResult) result = NULL;

    ferry_session_sign_in_machine_identity_async (accounts, tokens, ferry_sandbox_get_url (sandbox),
                                                  ferry_sandbox_get_identity_client_id (sandbox),
                                                  wrong_secret, NULL, result_cb, &result);
    g_assert_null (ferry_session_sign_in_machine_identity_finish (wait_result (&result), &error));
    g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_UNAUTHORIZED);
    keep_error_text (error_texts, error);
    g_clear_error (&error);
  }

  /* The machine identity signs in, lists projects and syncs, creates a connection. */
  {
    g_autoptr(GAsyncResult) result = NULL;

    ferry_session_sign_in_machine_identity_async (accounts, tokens, ferry_sandbox_get_url (sandbox),
                                                  ferry_sandbox_get_identity_client_id (sandbox),
                                                  ferry_sandbox_get_identity_client_secret (sandbox),
                                                  NULL, result_cb, &result);
    session = ferry_session_sign_in_machine_identity_finish (wait_result (&result), &error);
    g_assert_no_error (error);
  }
  {
    g_autofree char *token = current_token (session);

    add_needle ("access token", token);
  }
  client = ferry_session_get_client (session);

  {
    g_autoptr(GAsyncResult) result = NULL;

    ferry_api_client_list_projects_async (client, NULL, result_cb, &result);
    projects = ferry_api_client_list_projects_finish (client, wait_result (&result), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (projects)), >, 0);
    project = g_list_model_get_item (G_LIST_MODEL (projects), 0);
  }
  {
    g_autoptr(GAsyncResult) result = NULL;

    ferry_api_client_list_syncs_async (client, ferry_resource_get_id (FERRY_RESOURCE (project)),
                                       NULL, NULL, result_cb, &result);
    syncs = ferry_api_client_list_syncs_finish (client, wait_result (&result), &error);
    g_assert_no_error (error);
  }
  {
    g_autoptr(GAsyncResult) result = NULL;
    JsonObject *credentials = ferry_connection_credentials_access_token (ferry_sandbox_get_devops_pat (sandbox, "contoso"),
                                                                         "contoso");
    g_autoptr(JsonObject) body = ferry_connection_build_create_body (FERRY_CONNECTION_METHOD_ACCESS_TOKEN,
                                                                     credentials, "leak-test-connection",
                                                                     "Created by the leak test",
                                                                     ferry_resource_get_id (FERRY_RESOURCE (project)));

    ferry_api_client_create_connection_async (client, body, NULL, result_cb, &result);
    connection = ferry_api_client_create_connection_finish (client, wait_result (&result), &error);
    g_assert_no_error (error);
    g_assert_nonnull (connection);
  }
  /* And one that the server refuses: the PAT must not come back in the error. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    JsonObject *credentials = ferry_connection_credentials_access_token (ferry_sandbox_get_devops_pat (sandbox, "contoso"),
                                                                         "contoso");
    g_autoptr(JsonObject) body = ferry_connection_build_create_body (FERRY_CONNECTION_METHOD_ACCESS_TOKEN,
                                                                     credentials, "leak-test-connection",
                                                                     NULL,
                                                                     ferry_resource_get_id (FERRY_RESOURCE (project)));
    g_autoptr(FerryConnection) duplicate = NULL;

    ferry_api_client_create_connection_async (client, body, NULL, result_cb, &result);
    duplicate = ferry_api_client_create_connection_finish (client, wait_result (&result), &error);
    g_assert_null (duplicate);
    g_assert_nonnull (error);
    keep_error_text (error_texts, error);
    g_clear_error (&error);
  }

  /* The identity's workspace loads its projects, syncs and connections (the one just
   * made included) and keeps them in its offline cache: a file under XDG_CACHE_HOME that
   * the file search below reads like every other. */
  {
    g_autoptr(FerryWorkspace) workspace = ferry_workspace_new (session);
    g_autoptr(FerrySync) first = NULL;
    FerryProjectModel *model;

    ferry_workspace_refresh_projects (workspace);
    FERRY_TEST_WAIT_FOR (ferry_workspace_get_projects_state (workspace) == FERRY_LOAD_STATE_READY,
                         "projects loaded", 30000, (void) 0);
    model = ferry_workspace_get_project_model (workspace,
                                               ferry_workspace_find_project (workspace, ferry_resource_get_id (FERRY_RESOURCE (project))));
    ferry_project_model_refresh (model);
    ferry_project_model_refresh_connections (model);
    FERRY_TEST_WAIT_FOR (ferry_project_model_get_syncs_state (model) == FERRY_LOAD_STATE_READY &&
                         ferry_project_model_get_connections_state (model) == FERRY_LOAD_STATE_READY,
                         "syncs and connections loaded", 30000, (void) 0);
    g_assert_cmpuint (g_list_model_get_n_items (ferry_project_model_get_syncs (model)), >, 0);
    first = g_list_model_get_item (ferry_project_model_get_syncs (model), 0);
    cache_path = g_strdup (ferry_cache_get_path (ferry_workspace_get_cache (workspace)));
    FERRY_TEST_WAIT_FOR (file_holds (cache_path, "leak-test-connection") &&
                         file_holds (cache_path, ferry_resource_get_id (FERRY_RESOURCE (first))),
                         "the offline cache written", 30000, (void) 0);
  }

  /* A forced refresh (as after a TokenError): a second access token. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autofree char *token = NULL;

    ferry_token_provider_get_token_async (FERRY_TOKEN_PROVIDER (session), TRUE, NULL, result_cb, &result);
    token = ferry_token_provider_get_token_finish (FERRY_TOKEN_PROVIDER (session), wait_result (&result), &error);
    g_assert_no_error (error);
    add_needle ("second access token", token);
  }

  /* A user signs in with a JWT as well. */
  user_jwt = ferry_sandbox_issue_user_jwt (sandbox, 3600);
  add_needle ("user JWT", user_jwt);
  {
    g_autoptr(GAsyncResult) result = NULL;

    ferry_session_sign_in_with_jwt_async (accounts, tokens, ferry_sandbox_get_url (sandbox), user_jwt,
                                          ferry_sandbox_get_user_email (sandbox), NULL, result_cb, &result);
    user_session = ferry_session_sign_in_with_jwt_finish (wait_result (&result), &error);
    g_assert_no_error (error);
  }

  /* Restore (reads every secret back from the keyring), then sign the identity out. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(FerrySession) restored = NULL;

    ferry_session_restore_async (accounts, tokens, ferry_session_get_account (session), NULL, result_cb, &result);
    restored = ferry_session_restore_finish (wait_result (&result), &error);
    g_assert_no_error (error);
    g_clear_object (&result);

    ferry_session_sign_out_async (restored, NULL, result_cb, &result);
    g_assert_true (ferry_session_sign_out_finish (restored, wait_result (&result), &error));
    g_assert_no_error (error);
  }
  ferry_test_spin_for (100);

  /* The search must be able to fail: plant one canary in each place searched. */
  g_debug ("Planted for the leak test: %s", log_canary);
  canary_path = g_build_filename (ferry_test_get_home (), ".local", "share", "canary.txt", NULL);
  g_assert_true (g_file_set_contents (canary_path, file_canary, -1, NULL));
  /* (g_settings_set_value () sinks the floating value) */
  g_settings_set_value (settings, "oauth-flows", g_variant_new_parsed ("{%s: 'handoff'}", settings_canary));
  add_needle ("log canary", log_canary);
  add_needle ("file canary", file_canary);
  add_needle ("settings canary", settings_canary);

  /* 1. Everything logged or printed. */
  {
    g_autofree char *log = NULL;
    const char *canary = "log canary";

    g_mutex_lock (&captured_lock);
    log = g_strdup (captured->str);
    g_mutex_unlock (&captured_lock);

    g_test_message ("Captured %" G_GSIZE_FORMAT " bytes of log output", strlen (log));
    g_assert_nonnull (strstr (log, "POST /api/v1/auth/universal-auth/login"));
    g_assert_nonnull (strstr (log, "Authorization: [redacted]"));
    found = find_needle (log, strlen (log));
    g_assert_cmpstr (found, ==, canary);
    g_assert_nonnull (strstr (log, log_canary));
    /* Take the canary out and search again: nothing may be left. */
    for (char *p = strstr (log, log_canary); p != NULL; p = strstr (p, log_canary))
      memset (p, '*', strlen (log_canary));
    found = find_needle (log, strlen (log));
    if (found != NULL)
      g_error ("The %s appears in the log output", found);
  }

  /* 2. Every GSettings key. */
  settings_dump = dump_settings (settings);
  g_test_message ("Settings:\n%s", settings_dump);
  /* The remaining account is there (the dump has real content), without its JWT. */
  g_assert_nonnull (strstr (settings_dump, ferry_sandbox_get_user_email (sandbox)));
  found = find_needle (settings_dump, strlen (settings_dump));
  g_assert_cmpstr (found, ==, "settings canary");
  g_settings_reset (settings, "oauth-flows");
  g_clear_pointer (&settings_dump, g_free);
  settings_dump = dump_settings (settings);
  found = find_needle (settings_dump, strlen (settings_dump));
  if (found != NULL)
    g_error ("The %s appears in GSettings", found);

  /* 3. Error messages, details and "Copy details" texts. */
  found = find_needle (error_texts->str, error_texts->len);
  if (found != NULL)
    g_error ("The %s appears in an error text", found);

  /* 4. Every file under HOME and the XDG dirs (all inside the test's HOME). On the
   * file backend that includes its keyring file, which must hold the tokens encrypted. */
  if (g_strcmp0 (g_getenv ("SECRET_BACKEND"), "file") == 0)
    g_assert_true (g_str_has_prefix (g_getenv ("SECRET_FILE_TEST_PATH"), ferry_test_get_home ()) &&
                   g_file_test (g_getenv ("SECRET_FILE_TEST_PATH"), G_FILE_TEST_IS_REGULAR));
  /* The offline cache is among them (the restored session of the identity signed out
   * above had no workspace: the file stays). */
  g_assert_true (g_str_has_prefix (cache_path, ferry_test_get_home ()));
  g_assert_true (g_file_test (cache_path, G_FILE_TEST_IS_REGULAR));
  search_files (ferry_test_get_home (), hits, &n_files);
  g_test_message ("Searched %u files", n_files);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_true (g_str_has_suffix (g_ptr_array_index (hits, 0), ": file canary"));
  g_assert_true (g_remove (canary_path) == 0);
  g_ptr_array_set_size (hits, 0);
  search_files (ferry_test_get_home (), hits, &n_files);
  for (guint i = 0; i < hits->len; i++)
    g_test_message ("Found in a file: %s", (const char *) g_ptr_array_index (hits, i));
  g_assert_cmpuint (hits->len, ==, 0);

  /* The secrets did go somewhere: the keyring (the user's JWT is still there). */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autofree char *stored = NULL;
    FerryAccount *account = ferry_session_get_account (user_session);

    ferry_token_store_lookup_async (tokens, ferry_account_get_site_url (account), ferry_account_get_id (account),
                                    FERRY_TOKEN_KIND_USER_JWT, NULL, result_cb, &result);
    stored = ferry_token_store_lookup_finish (tokens, wait_result (&result), &error);
    g_assert_no_error (error);
    g_assert_nonnull (strstr (stored, user_jwt));
  }

  g_clear_object (&session);
  g_clear_object (&user_session);
  ferry_sandbox_stop (sandbox);
}

int
main (int   argc,
      char *argv[])
{
  /* Every log on, before GLib or the client reads the environment. */
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  g_setenv ("FERRY_DEBUG_HTTP", "1", TRUE);

  /* Forwarded records go to stderr: stdout carries the TAP stream. */
  g_log_writer_default_set_use_stderr (TRUE);
  captured = g_string_new (NULL);
  needles = g_ptr_array_new_with_free_func (needle_free);
  g_log_set_writer_func (capture_writer, NULL, NULL);
  g_set_print_handler (capture_print);
  g_set_printerr_handler (capture_printerr);

  ferry_test_init (&argc, &argv);

  g_test_add_func ("/no-secret-leaks/full-flow", test_no_secret_leaks);

  {
    int ret = g_test_run ();

    if (g_strcmp0 (g_getenv ("FERRY_TEST_SECRET_SERVICE"), "1") == 0)
      secret_service_disconnect ();
    g_ptr_array_unref (needles);
    g_string_free (captured, TRUE);
    return ret;
  }
}
