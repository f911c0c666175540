/* test-session.c: FerrySession over real HTTP against the in-process sandbox: sign-in,
 * renewal, re-login, one shared refresh, user JWT expiry, restore and sign-out.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Keyring: the private gnome-keyring of tests/keyring-session.sh
 * (FERRY_TEST_SECRET_SERVICE=1); skipped without it.
 */

#include "config.h"

#include <libsecret/secret.h>
#include <string.h>

#include "ferry-api-error.h"
#include "ferry-jwt.h"
#include "ferry-sandbox.h"
#include "ferry-session.h"
#include "ferry-test-utils.h"

#define LOGIN_PATH "/api/v1/auth/universal-auth/login"
#define RENEW_PATH "/api/v1/auth/token/renew"
#define REVOKE_PATH "/api/v1/auth/token/revoke"
#define PROJECTS_PATH "/api/v1/projects"

/* The same schema as src/auth/ferry-token-store.c, to look behind its back. */
static const SecretSchema token_schema = {
  "io.github.ferryapp.Ferry.Token",
  SECRET_SCHEMA_NONE,
  {
    { "site", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "account", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "NULL", 0 },
  },
  0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
};

typedef struct
{
  FerrySandbox      *sandbox;
  GSettings         *settings;
  FerryAccountStore *accounts;
  FerryTokenStore   *tokens;
} Fixture;

/* ---- Helpers ---- */

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

static void clear_keyring_items (const char *site);

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->sandbox = ferry_sandbox_new (FERRY_SANDBOX_SEED_DEMO);
  g_assert_true (ferry_sandbox_start (fixture->sandbox, 0, &error));
  g_assert_no_error (error);

  fixture->settings = g_settings_new ("io.github.ferryapp.Ferry");
  g_settings_reset (fixture->settings, "accounts");
  g_settings_reset (fixture->settings, "default-account");
  fixture->accounts = ferry_account_store_new (fixture->settings);
  fixture->tokens = ferry_token_store_new ();
  /* The suite shares one keyring, and the sandbox's port may be one an earlier test
   * process had: what that process stored for this address would count as this test's
   * (count_keyring_items ()). Seen once in a fresh-machine run: 3 items where 1 was. */
  clear_keyring_items (ferry_sandbox_get_url (fixture->sandbox));
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->tokens);
  g_clear_object (&fixture->accounts);
  g_clear_object (&fixture->settings);
  ferry_sandbox_stop (fixture->sandbox);
  g_clear_object (&fixture->sandbox);
  ferry_test_spin_for (10);
}

/* How many requests of @method @path the sandbox saw (any status when @status is 0). */
static guint
count_requests (Fixture    *fixture,
                const char *method,
                const char *path,
                guint       status)
{
  g_autoptr(JsonNode) node = ferry_sandbox_get_requests (fixture->sandbox);
  JsonArray *array = json_node_get_array (node);
  guint count = 0;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *entry = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (entry, "method"), method) == 0 &&
          g_strcmp0 (json_object_get_string_member (entry, "path"), path) == 0 &&
          (status == 0 || json_object_get_int_member_with_default (entry, "status", 0) == status))
        count++;
    }

  return count;
}

static const char *self_path;

/* Keyring items of the site (and account, if given), read with libsecret directly in a
 * child process: libsecret 0.20.5 leaks a little in every search (in
 * secret_item_new_for_dbus_path), and the child does not run the leak checker. */
static guint
count_keyring_items (const char *site,
                     const char *account_id)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  g_subprocess_launcher_setenv (launcher, "ASAN_OPTIONS", "detect_leaks=0", TRUE);
  child = g_subprocess_launcher_spawn (launcher, &error, self_path, "--count-keyring-items",
                                       site, account_id, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (child, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (child));

  return (guint) g_ascii_strtoull (out, NULL, 10);
}

static int
count_keyring_items_main (const char *site,
                          const char *account_id)
{
  g_autoptr(GHashTable) attributes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  GList *items;

  g_hash_table_insert (attributes, (gpointer) "site", (gpointer) site);
  if (account_id != NULL)
    g_hash_table_insert (attributes, (gpointer) "account", (gpointer) account_id);

  items = secret_password_searchv_sync (&token_schema, attributes, SECRET_SEARCH_ALL, NULL, &error);
  if (error != NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_print ("%u\n", g_list_length (items));
  g_list_free_full (items, g_object_unref);

  return 0;
}

/* Removes the keyring items of @site, in a child process like count_keyring_items (). */
static int
clear_keyring_items_main (const char *site)
{
  g_autoptr(GHashTable) attributes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;

  g_hash_table_insert (attributes, (gpointer) "site", (gpointer) site);
  secret_password_clearv_sync (&token_schema, attributes, NULL, &error);
  if (error != NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return 0;
}

static void
clear_keyring_items (const char *site)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GError) error = NULL;

  g_subprocess_launcher_setenv (launcher, "ASAN_OPTIONS", "detect_leaks=0", TRUE);
  child = g_subprocess_launcher_spawn (launcher, &error, self_path, "--clear-keyring-items", site, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (child, NULL, &error));
  g_assert_no_error (error);
}

static char *
keyring_lookup (FerryTokenStore *tokens,
                FerryAccount    *account,
                FerryTokenKind   kind)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *secret;

  ferry_token_store_lookup_async (tokens, ferry_account_get_site_url (account),
                                  ferry_account_get_id (account), kind, NULL, result_cb, &result);
  secret = ferry_token_store_lookup_finish (tokens, wait_result (&result), &error);
  g_assert_no_error (error);

  return secret;
}

static FerrySession *
sign_in_machine_identity (Fixture     *fixture,
                          const char  *secret,
                          GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ferry_session_sign_in_machine_identity_async (fixture->accounts, fixture->tokens,
                                                ferry_sandbox_get_url (fixture->sandbox),
                                                ferry_sandbox_get_identity_client_id (fixture->sandbox),
                                                secret != NULL ? secret : ferry_sandbox_get_identity_client_secret (fixture->sandbox),
                                                NULL, result_cb, &result);
  return ferry_session_sign_in_machine_identity_finish (wait_result (&result), error);
}

/* @email: what comes with the token (the browser's post, a pasted token). */
static FerrySession *
sign_in_user_claiming (Fixture     *fixture,
                       const char  *jwt,
                       const char  *email,
                       GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ferry_session_sign_in_with_jwt_async (fixture->accounts, fixture->tokens,
                                        ferry_sandbox_get_url (fixture->sandbox),
                                        jwt, email, NULL, result_cb, &result);
  return ferry_session_sign_in_with_jwt_finish (wait_result (&result), error);
}

static FerrySession *
sign_in_user (Fixture     *fixture,
              const char  *jwt,
              GError     **error)
{
  return sign_in_user_claiming (fixture, jwt, ferry_sandbox_get_user_email (fixture->sandbox), error);
}

static char *
get_token (FerrySession  *session,
           gboolean       force_refresh,
           GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ferry_token_provider_get_token_async (FERRY_TOKEN_PROVIDER (session), force_refresh, NULL,
                                        result_cb, &result);
  return ferry_token_provider_get_token_finish (FERRY_TOKEN_PROVIDER (session),
                                                wait_result (&result), error);
}

/* An authenticated request through the session's client: the number of projects. */
static gint
list_projects (FerrySession  *session,
               GError       **error)
{
  FerryApiClient *client = ferry_session_get_client (session);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListStore) projects = NULL;

  ferry_api_client_list_projects_async (client, NULL, result_cb, &result);
  projects = ferry_api_client_list_projects_finish (client, wait_result (&result), error);
  if (projects == NULL)
    return -1;

  return g_list_model_get_n_items (G_LIST_MODEL (projects));
}

/* Drops the last reference and checks the session (and its client) really go: the
 * client must not keep its session alive through the token provider. */
static void
assert_session_finalizes (FerrySession *session)
{
  FerryApiClient *client = ferry_session_get_client (session);
  gpointer weak_session = session;
  gpointer weak_client = client;

  g_object_add_weak_pointer (G_OBJECT (session), &weak_session);
  g_object_add_weak_pointer (G_OBJECT (client), &weak_client);
  g_object_unref (session);

  /* Background keyring writes hold a reference until they finish. */
  for (guint i = 0; i < 500 && (weak_session != NULL || weak_client != NULL); i++)
    ferry_test_spin_for (10);

  g_assert_null (weak_session);
  g_assert_null (weak_client);
}

/* The sandbox counts token lifetimes in whole seconds. Starting a login right after a
 * second begins and asking again 4.3 s after the start lands between the session's
 * renewal point (80 % of a 5 s TTL) and the server's end of it, whatever the timing
 * of the keyring in between. */
static gint64
start_at_second (void)
{
  while (g_get_real_time () % G_USEC_PER_SEC > 50000)
    g_usleep (5000);

  return g_get_real_time ();
}

static void
spin_until_after (gint64 start,
                  guint  ms)
{
  gint64 now = g_get_real_time ();
  gint64 target = start + (gint64) ms * 1000;

  g_assert_cmpint (now, <, target);
  ferry_test_spin_for ((guint) ((target - now) / 1000));
}

static gboolean
state_is_expired (gpointer data)
{
  return ferry_session_get_state (data) == FERRY_SESSION_STATE_EXPIRED;
}

/* ---- Machine identity ---- */

static void
test_machine_identity_sign_in (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *stored_secret = NULL;
  g_autofree char *stored_token = NULL;
  g_autofree char *token = NULL;
  FerrySession *session;
  FerryAccount *account;

  session = sign_in_machine_identity (fixture, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (session);
  g_assert_cmpint (ferry_session_get_state (session), ==, FERRY_SESSION_STATE_ACTIVE);
  g_assert_cmpuint (count_requests (fixture, "POST", LOGIN_PATH, 200), ==, 1);

  /* The account is stored, without secrets, and the keyring has both items. */
  account = ferry_session_get_account (session);
  g_assert_cmpint (ferry_account_get_kind (account), ==, FERRY_ACCOUNT_KIND_MACHINE_IDENTITY);
  g_assert_cmpstr (ferry_account_get_site_url (account), ==, ferry_sandbox_get_url (fixture->sandbox));
  g_assert_cmpstr (ferry_account_get_client_id (account), ==,
                   ferry_sandbox_get_identity_client_id (fixture->sandbox));
  /* The identity's token names no organization. Its projects do, but the sign-in does
   * not list them: the workspace's first project list fills it in (test-cache-startup),
   * so the window's list is not a second request for the same. */
  g_assert_null (ferry_account_get_organization_id (account));
  g_assert_cmpuint (count_requests (fixture, "GET", PROJECTS_PATH, 200), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->accounts)), ==, 1);
  g_assert_true (ferry_account_store_lookup (fixture->accounts, ferry_account_get_id (account)) == account);
  g_assert_cmpuint (count_keyring_items (ferry_sandbox_get_url (fixture->sandbox),
                                         ferry_account_get_id (account)), ==, 2);

  stored_secret = keyring_lookup (fixture->tokens, account, FERRY_TOKEN_KIND_CLIENT_SECRET);
  g_assert_nonnull (strstr (stored_secret, ferry_sandbox_get_identity_client_secret (fixture->sandbox)));
  stored_token = keyring_lookup (fixture->tokens, account, FERRY_TOKEN_KIND_ACCESS_TOKEN);
  token = get_token (session, FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (stored_token, token));

  /* The client works with it, and a fresh token is not renewed. */
  ferry_sandbox_clear_requests (fixture->sandbox);
  g_assert_cmpint (list_projects (session, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (count_requests (fixture, "GET", PROJECTS_PATH, 200), ==, 1);
  g_assert_cmpuint (count_requests (fixture, "POST", RENEW_PATH, 0), ==, 0);
  g_assert_cmpuint (count_requests (fixture, "POST", LOGIN_PATH, 0), ==, 0);

  /* Signing in again replaces the account instead of adding one. */
  {
    g_autoptr(FerrySession) again = sign_in_machine_identity (fixture, NULL, &error);

    g_assert_no_error (error);
    g_assert_true (ferry_session_get_account (again) == account);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->accounts)), ==, 1);
    g_assert_cmpuint (count_keyring_items (ferry_sandbox_get_url (fixture->sandbox), NULL), ==, 2);
  }

  assert_session_finalizes (session);
}

static void
test_machine_identity_bad_credentials (Fixture       *fixture,
                                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FerrySession) session = NULL;
  const char *wrong = "wrong-client-secret-0123456789";

  session = sign_in_machine_identity (fixture, wrong, &error);
  g_assert_null (session);
  g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_UNAUTHORIZED);
  g_assert_cmpuint (ferry_api_error_get_http_status (error), ==, 401);
  g_assert_null (strstr (error->message, wrong));
  g_assert_null (strstr (ferry_api_error_get_detail (error), wrong));
  g_test_message ("Bad credentials: %s", error->message);

  /* Nothing left behind. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->accounts)), ==, 0);
  g_assert_cmpuint (count_keyring_items (ferry_sandbox_get_url (fixture->sandbox), NULL), ==, 0);
  g_clear_error (&error);

  /* Refused before sending: not a URL, http to a public host, empty fields. */
  {
    g_autoptr(GAsyncResult) result = NULL;

    ferry_session_sign_in_machine_identity_async (fixture->accounts, fixture->tokens,
                                                  "http://infisical.example.com", "id", "secret",
                                                  NULL, result_cb, &result);
    g_assert_null (ferry_session_sign_in_machine_identity_finish (wait_result (&result), &error));
    g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_INVALID_INPUT);
    g_clear_error (&error);
    g_clear_object (&result);

    ferry_session_sign_in_machine_identity_async (fixture->accounts, fixture->tokens,
                                                  ferry_sandbox_get_url (fixture->sandbox), "id", "  ",
                                                  NULL, result_cb, &result);
    g_assert_null (ferry_session_sign_in_machine_identity_finish (wait_result (&result), &error));
    g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_INVALID_INPUT);
  }

  g_assert_cmpuint (count_requests (fixture, "POST", LOGIN_PATH, 0), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->accounts)), ==, 0);
  g_clear_error (&error);

  /* Cancelled while the login is on its way: cancelled, and nothing left behind. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(JsonObject) fault = json_object_new ();

    json_object_set_string_member (fault, "route", "POST " LOGIN_PATH);
    json_object_set_int_member (fault, "latencyMs", 500);
    json_object_set_int_member (fault, "count", 1);
    g_assert_true (ferry_sandbox_add_fault (fixture->sandbox, fault, &error));

    ferry_session_sign_in_machine_identity_async (fixture->accounts, fixture->tokens,
                                                  ferry_sandbox_get_url (fixture->sandbox),
                                                  ferry_sandbox_get_identity_client_id (fixture->sandbox),
                                                  ferry_sandbox_get_identity_client_secret (fixture->sandbox),
                                                  cancellable, result_cb, &result);
    ferry_test_spin_for (100);
    g_cancellable_cancel (cancellable);
    g_assert_null (ferry_session_sign_in_machine_identity_finish (wait_result (&result), &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  }
  ferry_test_spin_for (600);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->accounts)), ==, 0);
  g_assert_cmpuint (count_keyring_items (ferry_sandbox_get_url (fixture->sandbox), NULL), ==, 0);
}

static void
test_machine_identity_renewal (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *stored = NULL;
  g_autoptr(FerryAccount) account = NULL;
  FerrySession *session;
  gint64 start;

  /* TTL 5 s: the session renews from 4 s on (80 %), well before the server's end. */
  ferry_sandbox_set_identity_ttl (fixture->sandbox, 5, 3600);
  start = start_at_second ();
  session = sign_in_machine_identity (fixture, NULL, &error);
  g_assert_no_error (error);
  first = get_token (session, FALSE, &error);
  g_assert_no_error (error);

  ferry_sandbox_clear_requests (fixture->sandbox);
  spin_until_after (start, 4300);

  g_assert_cmpint (list_projects (session, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (count_requests (fixture, "POST", RENEW_PATH, 200), ==, 1);
  g_assert_cmpuint (count_requests (fixture, "POST", LOGIN_PATH, 0), ==, 0);
  g_assert_cmpuint (count_requests (fixture, "GET", PROJECTS_PATH, 200), ==, 1);

  second = get_token (session, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first, !=, second);

  /* The renewed token is what the keyring keeps for the next start. The write runs in
   * the background and holds the session: once it is gone, the write is done. */
  account = g_object_ref (ferry_session_get_account (session));
  assert_session_finalizes (session);
  stored = keyring_lookup (fixture->tokens, account, FERRY_TOKEN_KIND_ACCESS_TOKEN);
  g_assert_nonnull (strstr (stored, second));
  g_assert_null (strstr (stored, first));
}

static void
test_machine_identity_renew_refused (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  FerrySession *session;
  gint64 start;

  /* Max TTL 6 s: at 4 s a renewal would run past it, so the server refuses (401) and
   * the session logs in again with the stored client secret. */
  ferry_sandbox_set_identity_ttl (fixture->sandbox, 5, 6);
  start = start_at_second ();
  session = sign_in_machine_identity (fixture, NULL, &error);
  g_assert_no_error (error);

  ferry_sandbox_clear_requests (fixture->sandbox);
  spin_until_after (start, 4300);

  g_assert_cmpint (list_projects (session, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (count_requests (fixture, "POST", RENEW_PATH, 401), ==, 1);
  g_assert_cmpuint (count_requests (fixture, "POST", LOGIN_PATH, 200), ==, 1);
  g_assert_cmpuint (count_requests (fixture, "GET", PROJECTS_PATH, 200), ==, 1);
  g_assert_cmpint (ferry_session_get_state (session), ==, FERRY_SESSION_STATE_ACTIVE);

  /* Past max TTL entirely: no renewal is tried at all, only a login. */
  ferry_sandbox_clear_requests (fixture->sandbox);
  spin_until_after (start, 10600);
  g_assert_cmpint (list_projects (session, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (count_requests (fixture, "POST", RENEW_PATH, 0), ==, 0);
  g_assert_cmpuint (count_requests (fixture, "POST", LOGIN_PATH, 200), ==, 1);

  assert_session_finalizes (session);
}

static void
test_machine_identity_token_error_retry (Fixture       *fixture,
                                         gconstpointer  data)
{
  g_autoptr(JsonObject) fault = json_object_new ();
  g_autoptr(GError) error = NULL;
  FerrySession *session;

  session = sign_in_machine_identity (fixture, NULL, &error);
  g_assert_no_error (error);
  ferry_sandbox_clear_requests (fixture->sandbox);

  /* One 403 TokenError: one re-login, one retry, success. */
  json_object_set_string_member (fault, "route", "GET " PROJECTS_PATH);
  json_object_set_int_member (fault, "status", 403);
  json_object_set_int_member (fault, "count", 1);
  g_assert_true (ferry_sandbox_add_fault (fixture->sandbox, fault, &error));
  g_assert_no_error (error);

  g_assert_cmpint (list_projects (session, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (count_requests (fixture, "GET", PROJECTS_PATH, 403), ==, 1);
  g_assert_cmpuint (count_requests (fixture, "POST", LOGIN_PATH, 200), ==, 1);
  g_assert_cmpuint (count_requests (fixture, "GET", PROJECTS_PATH, 200), ==, 1);
  g_assert_cmpuint (count_requests (fixture, "POST", RENEW_PATH, 0), ==, 0);

  /* Refused twice in a row: one re-login and one retry only, then the error. */
  ferry_sandbox_clear_requests (fixture->sandbox);
  json_object_set_int_member (fault, "count", 2);
  g_assert_true (ferry_sandbox_add_fault (fixture->sandbox, fault, &error));
  g_assert_cmpint (list_projects (session, &error), ==, -1);
  g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_TOKEN_EXPIRED);
  g_assert_cmpuint (count_requests (fixture, "GET", PROJECTS_PATH, 0), ==, 2);
  g_assert_cmpuint (count_requests (fixture, "POST", LOGIN_PATH, 0), ==, 1);
  g_clear_error (&error);

  /* A revoked token (401) is handled the same way. */
  ferry_sandbox_clear_requests (fixture->sandbox);
  {
    g_autofree char *token = get_token (session, FALSE, &error);
    g_autoptr(GAsyncResult) result = NULL;
    FerryApiClient *client = ferry_session_get_client (session);

    g_assert_no_error (error);
    ferry_api_client_revoke_token_async (client, token, NULL, result_cb, &result);
    g_assert_true (ferry_api_client_revoke_token_finish (client, wait_result (&result), &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (list_projects (session, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (count_requests (fixture, "GET", PROJECTS_PATH, 401), ==, 1);
  g_assert_cmpuint (count_requests (fixture, "POST", LOGIN_PATH, 200), ==, 1);
  g_assert_cmpuint (count_requests (fixture, "GET", PROJECTS_PATH, 200), ==, 1);

  assert_session_finalizes (session);
}

typedef struct
{
  guint    pending;
  guint    succeeded;
  GError  *error;
} Concurrent;

static void
concurrent_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Concurrent *state = user_data;
  g_autoptr(GListStore) projects = NULL;
  GError *error = NULL;

  projects = ferry_api_client_list_projects_finish (FERRY_API_CLIENT (object), result, &error);
  if (projects != NULL)
    state->succeeded++;
  else if (state->error == NULL)
    state->error = error;
  else
    g_error_free (error);
  state->pending--;
}

static gboolean
concurrent_done (gpointer data)
{
  return ((Concurrent *) data)->pending == 0;
}

static void
run_concurrent (FerrySession *session,
                guint         n)
{
  Concurrent state = { n, 0, NULL };

  for (guint i = 0; i < n; i++)
    ferry_api_client_list_projects_async (ferry_session_get_client (session), NULL,
                                          concurrent_cb, &state);
  g_assert_true (ferry_test_spin_until (concurrent_done, &state, 30000));
  g_assert_no_error (state.error);
  g_assert_cmpuint (state.succeeded, ==, n);
}

static void
test_machine_identity_concurrent (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  FerrySession *session;
  gint64 start;

  ferry_sandbox_set_identity_ttl (fixture->sandbox, 5, 3600);
  start = start_at_second ();
  session = sign_in_machine_identity (fixture, NULL, &error);
  g_assert_no_error (error);

  /* Five requests due for renewal at once: one renewal for all of them. */
  ferry_sandbox_clear_requests (fixture->sandbox);
  spin_until_after (start, 4300);
  run_concurrent (session, 5);
  g_assert_cmpuint (count_requests (fixture, "POST", RENEW_PATH, 0), ==, 1);
  g_assert_cmpuint (count_requests (fixture, "POST", LOGIN_PATH, 0), ==, 0);
  g_assert_cmpuint (count_requests (fixture, "GET", PROJECTS_PATH, 200), ==, 5);

  /* And with the token refused by the server: one re-login for all of them. */
  ferry_sandbox_clear_requests (fixture->sandbox);
  {
    g_autofree char *token = get_token (session, FALSE, &error);
    g_autoptr(GAsyncResult) result = NULL;
    FerryApiClient *client = ferry_session_get_client (session);

    ferry_api_client_revoke_token_async (client, token, NULL, result_cb, &result);
    g_assert_true (ferry_api_client_revoke_token_finish (client, wait_result (&result), &error));
  }
  {
    char *tokens[3] = { NULL };
    g_autoptr(GAsyncResult) r0 = NULL;
    g_autoptr(GAsyncResult) r1 = NULL;
    g_autoptr(GAsyncResult) r2 = NULL;

    /* Three forced refreshes asked together share one login. */
    ferry_token_provider_get_token_async (FERRY_TOKEN_PROVIDER (session), TRUE, NULL, result_cb, &r0);
    ferry_token_provider_get_token_async (FERRY_TOKEN_PROVIDER (session), TRUE, NULL, result_cb, &r1);
    ferry_token_provider_get_token_async (FERRY_TOKEN_PROVIDER (session), FALSE, NULL, result_cb, &r2);
    tokens[0] = ferry_token_provider_get_token_finish (FERRY_TOKEN_PROVIDER (session), wait_result (&r0), &error);
    g_assert_no_error (error);
    tokens[1] = ferry_token_provider_get_token_finish (FERRY_TOKEN_PROVIDER (session), wait_result (&r1), &error);
    g_assert_no_error (error);
    tokens[2] = ferry_token_provider_get_token_finish (FERRY_TOKEN_PROVIDER (session), wait_result (&r2), &error);
    g_assert_no_error (error);
    g_assert_cmpstr (tokens[0], ==, tokens[1]);
    g_assert_cmpstr (tokens[0], ==, tokens[2]);
    g_assert_cmpuint (count_requests (fixture, "POST", LOGIN_PATH, 0), ==, 1);
    for (guint i = 0; i < G_N_ELEMENTS (tokens); i++)
      g_free (tokens[i]);
  }

  assert_session_finalizes (session);
}

static void
test_machine_identity_cancel_waiter (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) cancelled = NULL;
  g_autoptr(GAsyncResult) other = NULL;
  g_autoptr(JsonObject) fault = json_object_new ();
  g_autofree char *token = NULL;
  FerrySession *session;

  session = sign_in_machine_identity (fixture, NULL, &error);
  g_assert_no_error (error);

  /* A slow login: one waiter gives up, the other still gets its token. */
  json_object_set_string_member (fault, "route", "POST " LOGIN_PATH);
  json_object_set_int_member (fault, "latencyMs", 600);
  json_object_set_int_member (fault, "count", 1);
  g_assert_true (ferry_sandbox_add_fault (fixture->sandbox, fault, &error));

  ferry_token_provider_get_token_async (FERRY_TOKEN_PROVIDER (session), TRUE, cancellable, result_cb, &cancelled);
  ferry_token_provider_get_token_async (FERRY_TOKEN_PROVIDER (session), TRUE, NULL, result_cb, &other);
  ferry_test_spin_for (50);
  g_cancellable_cancel (cancellable);

  g_assert_null (ferry_token_provider_get_token_finish (FERRY_TOKEN_PROVIDER (session), wait_result (&cancelled), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  /* The cancelled one answered before the login did. */
  g_assert_null (other);

  token = ferry_token_provider_get_token_finish (FERRY_TOKEN_PROVIDER (session), wait_result (&other), &error);
  g_assert_no_error (error);
  g_assert_nonnull (token);

  /* The results are tasks of the session: they hold it. */
  g_clear_object (&cancelled);
  g_clear_object (&other);
  assert_session_finalizes (session);
}

/* ---- User JWT ---- */

static void
test_user_sign_in (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *jwt = ferry_sandbox_issue_user_jwt (fixture->sandbox, 3600);
  g_autofree char *stored = NULL;
  g_autofree char *token = NULL;
  g_autoptr(GError) error = NULL;
  FerrySession *session;
  FerryAccount *account;

  session = sign_in_user (fixture, jwt, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ferry_session_get_state (session), ==, FERRY_SESSION_STATE_ACTIVE);
  g_assert_cmpuint (count_requests (fixture, "POST", "/api/v1/auth/checkAuth", 200), ==, 1);

  account = ferry_session_get_account (session);
  g_assert_cmpint (ferry_account_get_kind (account), ==, FERRY_ACCOUNT_KIND_USER);
  g_assert_cmpstr (ferry_account_get_email (account), ==, ferry_sandbox_get_user_email (fixture->sandbox));
  g_assert_cmpstr (ferry_account_get_organization_id (account), ==,
                   ferry_sandbox_get_organization_id (fixture->sandbox));
  /* Named from GET /api/v1/organization. */
  g_assert_nonnull (ferry_account_get_organization_name (account));
  g_assert_cmpuint (count_requests (fixture, "GET", "/api/v1/organization", 200), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->accounts)), ==, 1);

  stored = keyring_lookup (fixture->tokens, account, FERRY_TOKEN_KIND_USER_JWT);
  g_assert_nonnull (strstr (stored, jwt));
  g_assert_cmpuint (count_keyring_items (ferry_sandbox_get_url (fixture->sandbox), NULL), ==, 1);

  token = get_token (session, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, jwt);
  g_assert_cmpint (list_projects (session, &error), >, 0);
  g_assert_no_error (error);

  assert_session_finalizes (session);
}

static void
test_user_identity_from_server (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *jwt = ferry_sandbox_issue_user_jwt (fixture->sandbox, 3600);
  g_autoptr(GError) error = NULL;
  FerrySession *session;
  FerryAccount *account;

  /* Whatever email comes with the token, the account is who the server says. */
  session = sign_in_user_claiming (fixture, jwt, "someone-else@example.com", &error);
  g_assert_no_error (error);
  account = ferry_session_get_account (session);
  g_assert_cmpstr (ferry_account_get_email (account), ==, ferry_sandbox_get_user_email (fixture->sandbox));
  g_assert_cmpstr (ferry_account_get_organization_name (account), ==, "Contoso");
  g_assert_cmpuint (count_requests (fixture, "GET", "/api/v1/user", 200), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->accounts)), ==, 1);
  assert_session_finalizes (session);
}

static void
test_user_foreign_organization (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *jwt = ferry_sandbox_issue_user_jwt_for_organization (fixture->sandbox,
                                                                        "7d4c1e2f-0a9b-4c8d-9e6f-5a4b3c2d1e0f", 3600);
  g_autoptr(JsonObject) fault = NULL;
  g_autoptr(GError) error = NULL;
  FerrySession *session;

  /* A validly signed token of an organization the user is not in: refused, nothing kept. */
  session = sign_in_user_claiming (fixture, jwt, "someone-else@example.com", &error);
  g_assert_null (session);
  g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_FORBIDDEN);
  g_assert_cmpstr (error->message, ==,
                   "This sign-in is for an organization your Infisical account is not a member of. "
                   "Sign in again in the browser and choose one of your organizations.");
  g_assert_cmpuint (count_requests (fixture, "GET", "/api/v1/organization", 200), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->accounts)), ==, 0);
  g_assert_cmpuint (count_keyring_items (ferry_sandbox_get_url (fixture->sandbox), NULL), ==, 0);

  /* Not being able to ask is not taken as a yes. */
  g_clear_error (&error);
  g_free (jwt);
  jwt = ferry_sandbox_issue_user_jwt (fixture->sandbox, 3600);
  fault = json_object_new ();
  json_object_set_string_member (fault, "route", "GET /api/v1/organization");
  json_object_set_int_member (fault, "status", 500);
  g_assert_true (ferry_sandbox_add_fault (fixture->sandbox, fault, &error));
  session = sign_in_user (fixture, jwt, &error);
  g_assert_null (session);
  g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_SERVER);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->accounts)), ==, 0);
  g_assert_cmpuint (count_keyring_items (ferry_sandbox_get_url (fixture->sandbox), NULL), ==, 0);
}

static void
test_user_sign_in_rejects (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *expired = ferry_sandbox_issue_user_jwt (fixture->sandbox, -10);
  g_autofree char *nearly = ferry_sandbox_issue_user_jwt (fixture->sandbox, 20);
  g_autofree char *valid = ferry_sandbox_issue_user_jwt (fixture->sandbox, 3600);
  g_autofree char *forged = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FerrySession) session = NULL;

  session = sign_in_user (fixture, expired, &error);
  g_assert_null (session);
  g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_TOKEN_EXPIRED);
  g_clear_error (&error);

  /* Within the 30 s margin counts as expired too. */
  session = sign_in_user (fixture, nearly, &error);
  g_assert_null (session);
  g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_TOKEN_EXPIRED);
  g_clear_error (&error);

  session = sign_in_user (fixture, "not a token", &error);
  g_assert_null (session);
  g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  /* Well-formed claims with a bad signature: the server's checkAuth refuses it. */
  {
    char *last_dot = strrchr (valid, '.');

    forged = g_strdup_printf ("%.*s.c2lnbmF0dXJl", (int) (last_dot - valid), valid);
  }
  session = sign_in_user (fixture, forged, &error);
  g_assert_null (session);
  g_assert_true (g_error_matches (error, FERRY_API_ERROR, FERRY_API_ERROR_TOKEN_EXPIRED) ||
                 g_error_matches (error, FERRY_API_ERROR, FERRY_API_ERROR_UNAUTHORIZED));
  g_assert_null (strstr (error->message, forged));
  g_clear_error (&error);

  g_assert_cmpuint (count_requests (fixture, "POST", "/api/v1/auth/checkAuth", 0), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->accounts)), ==, 0);
  g_assert_cmpuint (count_keyring_items (ferry_sandbox_get_url (fixture->sandbox), NULL), ==, 0);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_user_expiry (Fixture       *fixture,
                  gconstpointer  data)
{
  /* 33 s: valid at sign-in, expired (30 s early) about 3 s later. */
  g_autofree char *jwt = ferry_sandbox_issue_user_jwt (fixture->sandbox, 33);
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  FerrySession *session;
  guint notifies = 0;

  session = sign_in_user (fixture, jwt, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ferry_session_get_state (session), ==, FERRY_SESSION_STATE_ACTIVE);
  token = get_token (session, FALSE, &error);
  g_assert_no_error (error);
  g_clear_pointer (&token, g_free);

  g_signal_connect (session, "notify::state", G_CALLBACK (count_notify_cb), &notifies);
  g_assert_true (ferry_test_spin_until (state_is_expired, session, 10000));
  g_assert_cmpuint (notifies, ==, 1);

  token = get_token (session, FALSE, &error);
  g_assert_null (token);
  g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_TOKEN_EXPIRED);
  g_clear_error (&error);

  /* Requests fail with "sign in again", without reaching the server. */
  ferry_sandbox_clear_requests (fixture->sandbox);
  g_assert_cmpint (list_projects (session, &error), ==, -1);
  g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_TOKEN_EXPIRED);
  g_assert_cmpuint (count_requests (fixture, "GET", PROJECTS_PATH, 0), ==, 0);

  /* The account stays, so the UI can offer Sign In Again. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->accounts)), ==, 1);

  g_signal_handlers_disconnect_by_data (session, &notifies);
  assert_session_finalizes (session);
}

static void
test_user_refused_by_server (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *jwt = ferry_sandbox_issue_user_jwt (fixture->sandbox, 3600);
  g_autoptr(JsonObject) fault = json_object_new ();
  g_autoptr(GError) error = NULL;
  FerrySession *session;

  session = sign_in_user (fixture, jwt, &error);
  g_assert_no_error (error);

  /* No refresh exists for a user JWT: a TokenError means "sign in again". */
  json_object_set_string_member (fault, "route", "GET " PROJECTS_PATH);
  json_object_set_int_member (fault, "status", 403);
  json_object_set_int_member (fault, "count", 1);
  g_assert_true (ferry_sandbox_add_fault (fixture->sandbox, fault, &error));
  ferry_sandbox_clear_requests (fixture->sandbox);

  g_assert_cmpint (list_projects (session, &error), ==, -1);
  g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_TOKEN_EXPIRED);
  g_assert_cmpint (ferry_session_get_state (session), ==, FERRY_SESSION_STATE_EXPIRED);
  g_assert_cmpuint (count_requests (fixture, "GET", PROJECTS_PATH, 0), ==, 1);

  assert_session_finalizes (session);
}

/* ---- Restore ---- */

static FerrySession *
restore (Fixture      *fixture,
         FerryAccount *account,
         GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ferry_session_restore_async (fixture->accounts, fixture->tokens, account, NULL, result_cb, &result);
  return ferry_session_restore_finish (wait_result (&result), error);
}

static void
test_restore (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *jwt = ferry_sandbox_issue_user_jwt (fixture->sandbox, 3600);
  g_autoptr(GError) error = NULL;
  g_autofree char *robot_id = NULL;
  g_autofree char *user_id = NULL;
  g_autofree char *robot_token = NULL;
  g_autofree char *restored_token = NULL;
  FerrySession *session;
  FerryAccount *account;

  session = sign_in_machine_identity (fixture, NULL, &error);
  g_assert_no_error (error);
  robot_id = g_strdup (ferry_account_get_id (ferry_session_get_account (session)));
  robot_token = get_token (session, FALSE, &error);
  assert_session_finalizes (session);

  session = sign_in_user (fixture, jwt, &error);
  g_assert_no_error (error);
  user_id = g_strdup (ferry_account_get_id (ferry_session_get_account (session)));
  assert_session_finalizes (session);

  /* Next start: a new account store on the same settings, sessions from the keyring. */
  g_clear_object (&fixture->accounts);
  fixture->accounts = ferry_account_store_new (fixture->settings);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->accounts)), ==, 2);
  ferry_sandbox_clear_requests (fixture->sandbox);

  account = ferry_account_store_lookup (fixture->accounts, robot_id);
  g_assert_nonnull (account);
  session = restore (fixture, account, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ferry_session_get_state (session), ==, FERRY_SESSION_STATE_ACTIVE);
  /* The cached access token is reused: no login, no renewal. */
  restored_token = get_token (session, FALSE, &error);
  g_assert_cmpstr (restored_token, ==, robot_token);
  g_assert_cmpint (list_projects (session, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (count_requests (fixture, "POST", LOGIN_PATH, 0), ==, 0);
  g_assert_cmpuint (count_requests (fixture, "POST", RENEW_PATH, 0), ==, 0);
  assert_session_finalizes (session);

  account = ferry_account_store_lookup (fixture->accounts, user_id);
  session = restore (fixture, account, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ferry_session_get_state (session), ==, FERRY_SESSION_STATE_ACTIVE);
  g_clear_pointer (&restored_token, g_free);
  restored_token = get_token (session, FALSE, &error);
  g_assert_cmpstr (restored_token, ==, jwt);
  g_assert_cmpint (list_projects (session, &error), >, 0);
  g_assert_no_error (error);
  assert_session_finalizes (session);
}

static void
test_restore_expired_or_missing (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *jwt = ferry_sandbox_issue_user_jwt (fixture->sandbox, 3600);
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(FerryAccount) ghost = NULL;
  FerrySession *session;
  FerryAccount *account;

  /* A user JWT that has run out since: a session in state EXPIRED, not an error. */
  session = sign_in_user (fixture, jwt, &error);
  g_assert_no_error (error);
  account = ferry_session_get_account (session);
  {
    g_autofree char *old = ferry_sandbox_issue_user_jwt (fixture->sandbox, -60);
    g_autofree char *json = g_strdup_printf ("{\"token\":\"%s\"}", old);

    ferry_token_store_store_async (fixture->tokens, ferry_account_get_site_url (account),
                                   ferry_account_get_id (account), FERRY_TOKEN_KIND_USER_JWT,
                                   json, NULL, result_cb, &result);
    g_assert_true (ferry_token_store_store_finish (fixture->tokens, wait_result (&result), &error));
  }
  assert_session_finalizes (session);
  session = restore (fixture, account, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ferry_session_get_state (session), ==, FERRY_SESSION_STATE_EXPIRED);
  assert_session_finalizes (session);

  /* An account whose keyring items are gone: EXPIRED as well. */
  ghost = ferry_account_new (FERRY_ACCOUNT_KIND_MACHINE_IDENTITY, ferry_sandbox_get_url (fixture->sandbox));
  ferry_account_set_client_id (ghost, "ghost");
  ferry_sandbox_clear_requests (fixture->sandbox);
  session = restore (fixture, ghost, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ferry_session_get_state (session), ==, FERRY_SESSION_STATE_EXPIRED);
  g_assert_cmpint (list_projects (session, &error), ==, -1);
  g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_TOKEN_EXPIRED);
  g_clear_error (&error);
  /* Nothing is tried against the server: no login, no request. */
  g_assert_cmpuint (count_requests (fixture, "POST", LOGIN_PATH, 0), ==, 0);
  g_assert_cmpuint (count_requests (fixture, "GET", PROJECTS_PATH, 0), ==, 0);
  {
    g_autofree char *token = get_token (session, FALSE, &error);

    g_assert_null (token);
    g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_TOKEN_EXPIRED);
  }
  assert_session_finalizes (session);
}

/* ---- Sign-out ---- */

static gboolean
sign_out (FerrySession  *session,
          GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ferry_session_sign_out_async (session, NULL, result_cb, &result);
  return ferry_session_sign_out_finish (session, wait_result (&result), error);
}

static void
test_sign_out (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *jwt = ferry_sandbox_issue_user_jwt (fixture->sandbox, 3600);
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *robot_id = NULL;
  FerrySession *robot;
  FerrySession *person;
  const char *site = ferry_sandbox_get_url (fixture->sandbox);

  robot = sign_in_machine_identity (fixture, NULL, &error);
  g_assert_no_error (error);
  person = sign_in_user (fixture, jwt, &error);
  g_assert_no_error (error);
  robot_id = g_strdup (ferry_account_get_id (ferry_session_get_account (robot)));
  g_assert_cmpuint (count_keyring_items (site, NULL), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->accounts)), ==, 2);
  ferry_sandbox_clear_requests (fixture->sandbox);

  /* Machine identity: token revoked, its two items gone, the account removed. */
  g_assert_true (sign_out (robot, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ferry_session_get_state (robot), ==, FERRY_SESSION_STATE_SIGNED_OUT);
  g_assert_cmpuint (count_requests (fixture, "POST", REVOKE_PATH, 200), ==, 1);
  g_assert_cmpuint (count_keyring_items (site, robot_id), ==, 0);
  g_assert_cmpuint (count_keyring_items (site, NULL), ==, 1);
  g_assert_null (ferry_account_store_lookup (fixture->accounts, robot_id));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->accounts)), ==, 1);

  token = get_token (robot, FALSE, &error);
  g_assert_null (token);
  g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_UNAUTHORIZED);
  g_clear_error (&error);
  g_assert_cmpint (list_projects (robot, &error), ==, -1);
  g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_UNAUTHORIZED);
  g_clear_error (&error);
  g_assert_cmpuint (count_requests (fixture, "POST", LOGIN_PATH, 0), ==, 0);

  /* User: the JWT item goes and the account with it; nothing is sent to revoke. */
  g_assert_true (sign_out (person, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_requests (fixture, "POST", REVOKE_PATH, 0), ==, 1);
  g_assert_cmpuint (count_keyring_items (site, NULL), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->accounts)), ==, 0);
  {
    g_autoptr(GVariant) value = g_settings_get_value (fixture->settings, "accounts");

    g_assert_cmpuint (g_variant_n_children (value), ==, 0);
  }

  assert_session_finalizes (robot);
  assert_session_finalizes (person);
}

static void
skip_without_secret_service (void)
{
  g_test_skip ("No private Secret Service (run under tests/keyring-session.sh)");
}

int
main (int   argc,
      char *argv[])
{
  /* The child of count_keyring_items (): same environment, no test run. */
  if (argc >= 3 && g_str_equal (argv[1], "--count-keyring-items"))
    return count_keyring_items_main (argv[2], argc >= 4 ? argv[3] : NULL);
  if (argc >= 3 && g_str_equal (argv[1], "--clear-keyring-items"))
    return clear_keyring_items_main (argv[2]);

  self_path = argv[0];
  ferry_test_init (&argc, &argv);

  /* Only the private gnome-keyring of tests/keyring-session.sh: never a real keyring, and
   * not libsecret's file backend either (its reloads race concurrent writes). */
  if (g_strcmp0 (g_getenv ("FERRY_TEST_SECRET_SERVICE"), "1") != 0)
    {
      g_test_add_func ("/session/needs-secret-service", skip_without_secret_service);
      return g_test_run ();
    }

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/session/machine-identity/sign-in", test_machine_identity_sign_in);
  ADD ("/session/machine-identity/bad-credentials", test_machine_identity_bad_credentials);
  ADD ("/session/machine-identity/renewal", test_machine_identity_renewal);
  ADD ("/session/machine-identity/renew-refused", test_machine_identity_renew_refused);
  ADD ("/session/machine-identity/token-error-retry", test_machine_identity_token_error_retry);
  ADD ("/session/machine-identity/concurrent", test_machine_identity_concurrent);
  ADD ("/session/machine-identity/cancel-waiter", test_machine_identity_cancel_waiter);
  ADD ("/session/user/sign-in", test_user_sign_in);
  ADD ("/session/user/sign-in-rejects", test_user_sign_in_rejects);
  ADD ("/session/user/identity-from-server", test_user_identity_from_server);
  ADD ("/session/user/foreign-organization", test_user_foreign_organization);
  ADD ("/session/user/expiry", test_user_expiry);
  ADD ("/session/user/refused-by-server", test_user_refused_by_server);
  ADD ("/session/restore", test_restore);
  ADD ("/session/restore-expired-or-missing", test_restore_expired_or_missing);
  ADD ("/session/sign-out", test_sign_out);
#undef ADD

  {
    int ret = g_test_run ();

    secret_service_disconnect ();
    return ret;
  }
}
