/* test-token-store.c: FerryTokenStore against a real Secret Service (gnome-keyring in
 * the private session of tests/keyring-session.sh). Skipped without one.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsecret/secret.h>

#include "ferry-api-error.h"
#include "ferry-test-utils.h"
#include "ferry-token-store.h"

#define SITE "https://keyring-test.example"

static gboolean
result_ready (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  g_assert_true (ferry_test_spin_until (result_ready, slot, 20000));
  return *slot;
}

static void
store (FerryTokenStore *tokens,
       const char      *account,
       FerryTokenKind   kind,
       const char      *secret)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  ferry_token_store_store_async (tokens, SITE, account, kind, secret, NULL, store_result_cb, &result);
  g_assert_true (ferry_token_store_store_finish (tokens, wait_result (&result), &error));
  g_assert_no_error (error);
}

static char *
lookup (FerryTokenStore *tokens,
        const char      *account,
        FerryTokenKind   kind)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *secret;

  ferry_token_store_lookup_async (tokens, SITE, account, kind, NULL, store_result_cb, &result);
  secret = ferry_token_store_lookup_finish (tokens, wait_result (&result), &error);
  g_assert_no_error (error);

  return secret;
}

static void
clear (FerryTokenStore *tokens,
       const char      *account)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  ferry_token_store_clear_async (tokens, SITE, account, NULL, store_result_cb, &result);
  g_assert_true (ferry_token_store_clear_finish (tokens, wait_result (&result), &error));
  g_assert_no_error (error);
}

static gboolean
file_backend (void)
{
  return g_strcmp0 (g_getenv ("SECRET_BACKEND"), "file") == 0;
}

/* The second process of lookup_elsewhere () on the file backend: libsecret's simple
 * API (what any libsecret client uses), from the same file. */
static int
lookup_in_this_process (const char *account,
                        const char *kind)
{
  static const SecretSchema schema = {
    "io.github.ferryapp.Ferry.Token", SECRET_SCHEMA_NONE,
    {
      { "site", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "account", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "NULL", 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  };
  g_autoptr(GError) error = NULL;
  char *secret;

  secret = secret_password_lookup_sync (&schema, NULL, &error,
                                        "site", SITE, "account", account, "kind", kind, NULL);
  if (error != NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (secret != NULL)
    g_print ("%s", secret);
  secret_password_free (secret);

  return 0;
}

/* Looks the item up from a second process, as any other Secret Service client would:
 * secret-tool, which talks to the Secret Service itself; on the file backend (which
 * secret-tool does not use) this test binary again, reading the same file. Returns its
 * secret, or NULL when there is none. */
static char *
lookup_elsewhere (const char     *account,
                  FerryTokenKind  kind)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  if (file_backend ())
    process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                                "/proc/self/exe", "--lookup-elsewhere",
                                account, ferry_token_kind_to_string (kind), NULL);
  else
    process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                                "secret-tool", "lookup",
                                "xdg:schema", "io.github.ferryapp.Ferry.Token",
                                "site", SITE,
                                "account", account,
                                "kind", ferry_token_kind_to_string (kind),
                                NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);

  if (!g_subprocess_get_successful (process) || out == NULL || *out == '\0')
    return NULL;

  return g_steal_pointer (&out);
}

/* Never touch a real keyring: only the private one of tests/keyring-session.sh. */
static gboolean
have_secret_service (void)
{
  if (ferry_test_have_keyring ())
    return TRUE;

  g_test_skip ("No private Secret Service (run under tests/keyring-session.sh) and no file backend");
  return FALSE;
}

static void
test_store_lookup_clear (void)
{
  g_autoptr(FerryTokenStore) tokens = ferry_token_store_new ();
  g_autofree char *account = g_uuid_string_random ();
  g_autofree char *other_account = g_uuid_string_random ();
  g_autofree char *client_secret = g_strdup_printf ("{\"clientSecret\":\"cs-%s\"}", account);
  g_autofree char *client_secret_2 = g_strdup_printf ("{\"clientSecret\":\"cs2-%s\"}", account);
  g_autofree char *access_token = g_strdup_printf ("{\"accessToken\":\"at-%s\",\"expiresIn\":7200}", account);
  g_autofree char *other_jwt = g_strdup_printf ("{\"token\":\"jwt-%s\"}", other_account);
  char *found;

  if (!have_secret_service ())
    return;

  g_assert_cmpstr (ferry_token_kind_to_string (FERRY_TOKEN_KIND_USER_JWT), ==, "user-jwt");
  g_assert_cmpstr (ferry_token_kind_to_string (FERRY_TOKEN_KIND_CLIENT_SECRET), ==, "client-secret");
  g_assert_cmpstr (ferry_token_kind_to_string (FERRY_TOKEN_KIND_ACCESS_TOKEN), ==, "access-token");

  /* Nothing there yet: NULL without an error. */
  found = lookup (tokens, account, FERRY_TOKEN_KIND_CLIENT_SECRET);
  g_assert_null (found);

  store (tokens, account, FERRY_TOKEN_KIND_CLIENT_SECRET, client_secret);
  store (tokens, account, FERRY_TOKEN_KIND_ACCESS_TOKEN, access_token);
  store (tokens, other_account, FERRY_TOKEN_KIND_USER_JWT, other_jwt);

  found = lookup (tokens, account, FERRY_TOKEN_KIND_CLIENT_SECRET);
  g_assert_cmpstr (found, ==, client_secret);
  g_free (found);
  found = lookup (tokens, account, FERRY_TOKEN_KIND_ACCESS_TOKEN);
  g_assert_cmpstr (found, ==, access_token);
  g_free (found);
  found = lookup (tokens, account, FERRY_TOKEN_KIND_USER_JWT);
  g_assert_null (found);

  /* Really in the Secret Service, under our schema and attributes. */
  found = lookup_elsewhere (account, FERRY_TOKEN_KIND_CLIENT_SECRET);
  g_assert_cmpstr (found, ==, client_secret);
  g_free (found);
  found = lookup_elsewhere (account, FERRY_TOKEN_KIND_ACCESS_TOKEN);
  g_assert_cmpstr (found, ==, access_token);
  g_free (found);

  /* Storing again replaces the item. */
  store (tokens, account, FERRY_TOKEN_KIND_CLIENT_SECRET, client_secret_2);
  found = lookup_elsewhere (account, FERRY_TOKEN_KIND_CLIENT_SECRET);
  g_assert_cmpstr (found, ==, client_secret_2);
  g_free (found);

  /* Clearing takes every kind of this account, and nothing of another one. */
  clear (tokens, account);
  g_assert_null (lookup (tokens, account, FERRY_TOKEN_KIND_CLIENT_SECRET));
  g_assert_null (lookup (tokens, account, FERRY_TOKEN_KIND_ACCESS_TOKEN));
  g_assert_null (lookup_elsewhere (account, FERRY_TOKEN_KIND_CLIENT_SECRET));
  g_assert_null (lookup_elsewhere (account, FERRY_TOKEN_KIND_ACCESS_TOKEN));

  found = lookup_elsewhere (other_account, FERRY_TOKEN_KIND_USER_JWT);
  g_assert_cmpstr (found, ==, other_jwt);
  g_free (found);

  /* Clearing an account without items is not an error. */
  clear (tokens, account);

  clear (tokens, other_account);
  g_assert_null (lookup_elsewhere (other_account, FERRY_TOKEN_KIND_USER_JWT));
}

static void
test_cancelled (void)
{
  g_autoptr(FerryTokenStore) tokens = ferry_token_store_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *account = g_uuid_string_random ();

  if (!have_secret_service ())
    return;

  g_cancellable_cancel (cancellable);
  ferry_token_store_store_async (tokens, SITE, account, FERRY_TOKEN_KIND_USER_JWT,
                                 "{\"token\":\"x\"}", cancellable, store_result_cb, &result);
  g_assert_false (ferry_token_store_store_finish (tokens, wait_result (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (lookup_elsewhere (account, FERRY_TOKEN_KIND_USER_JWT));
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 4 && g_strcmp0 (argv[1], "--lookup-elsewhere") == 0)
    return lookup_in_this_process (argv[2], argv[3]);

  ferry_test_init (&argc, &argv);

  g_test_add_func ("/token-store/store-lookup-clear", test_store_lookup_clear);
  g_test_add_func ("/token-store/cancelled", test_cancelled);

  {
    int ret = g_test_run ();

    if (g_strcmp0 (g_getenv ("FERRY_TEST_SECRET_SERVICE"), "1") == 0)
      secret_service_disconnect ();
    return ret;
  }
}
