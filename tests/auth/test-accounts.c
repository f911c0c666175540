/* test-accounts.c: FerryAccount, FerryAccountStore (GSettings memory backend) and the
 * JWT claim checks.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ferry-account-store.h"
#include "ferry-api-error.h"
#include "ferry-auth-error.h"
#include "ferry-browser-signin.h"
#include "ferry-context.h"
#include "ferry-jwt.h"
#include "ferry-test-utils.h"

static GSettings *
fresh_settings (void)
{
  GSettings *settings;

  g_assert_cmpstr (g_getenv ("GSETTINGS_BACKEND"), ==, "memory");
  settings = g_settings_new ("io.github.ferryapp.Ferry");
  g_settings_reset (settings, "accounts");
  g_settings_reset (settings, "default-account");

  return settings;
}

static FerryAccount *
machine_identity (const char *site,
                  const char *client_id)
{
  FerryAccount *account = ferry_account_new (FERRY_ACCOUNT_KIND_MACHINE_IDENTITY, site);

  ferry_account_set_client_id (account, client_id);
  return account;
}

static FerryAccount *
user (const char *site,
      const char *email)
{
  FerryAccount *account = ferry_account_new (FERRY_ACCOUNT_KIND_USER, site);

  ferry_account_set_email (account, email);
  return account;
}

/* ---- FerryAccount ---- */

static void
assert_only_known_keys (GVariant *dict)
{
  static const char *allowed[] = {
    "id", "site-url", "kind", "email", "client-id", "organization-id",
    "organization-name", "label", NULL
  };
  GVariantIter iter;
  const char *key;
  GVariant *value;

  g_variant_iter_init (&iter, dict);
  while (g_variant_iter_loop (&iter, "{&sv}", &key, &value))
    {
      g_assert_true (g_strv_contains (allowed, key));
      g_assert_true (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING));
    }
}

static void
test_account_variant_round_trip (void)
{
  g_autoptr(FerryAccount) account = machine_identity ("https://eu.infisical.com", "6f1c-client");
  g_autoptr(FerryAccount) copy = NULL;
  g_autoptr(FerryAccount) user_copy = NULL;
  g_autoptr(FerryAccount) person = user ("http://127.0.0.1:8080", "ada@example.com");
  g_autoptr(GVariant) variant = NULL;
  g_autoptr(GVariant) user_variant = NULL;
  g_autofree char *printed = NULL;

  ferry_account_set_organization_id (account, "org-1");
  ferry_account_set_organization_name (account, "Contoso");
  ferry_account_set_label (account, "  Build robot  ");

  g_assert_nonnull (ferry_account_get_id (account));
  g_assert_true (g_uuid_string_is_valid (ferry_account_get_id (account)));
  g_assert_cmpstr (ferry_account_get_label (account), ==, "Build robot");

  variant = g_variant_ref_sink (ferry_account_to_variant (account));
  g_assert_true (g_variant_is_of_type (variant, G_VARIANT_TYPE_VARDICT));
  assert_only_known_keys (variant);

  copy = ferry_account_new_from_variant (variant);
  g_assert_nonnull (copy);
  g_assert_cmpstr (ferry_account_get_id (copy), ==, ferry_account_get_id (account));
  g_assert_cmpstr (ferry_account_get_site_url (copy), ==, "https://eu.infisical.com");
  g_assert_cmpint (ferry_account_get_kind (copy), ==, FERRY_ACCOUNT_KIND_MACHINE_IDENTITY);
  g_assert_cmpstr (ferry_account_get_client_id (copy), ==, "6f1c-client");
  g_assert_null (ferry_account_get_email (copy));
  g_assert_cmpstr (ferry_account_get_organization_id (copy), ==, "org-1");
  g_assert_cmpstr (ferry_account_get_organization_name (copy), ==, "Contoso");
  g_assert_cmpstr (ferry_account_get_label (copy), ==, "Build robot");
  g_assert_true (ferry_account_has_custom_label (copy));
  g_assert_true (ferry_account_matches (copy, account));

  /* A user with the default label: the label is not stored, it follows the email. */
  user_variant = g_variant_ref_sink (ferry_account_to_variant (person));
  printed = g_variant_print (user_variant, FALSE);
  g_assert_null (strstr (printed, "'label'"));
  user_copy = ferry_account_new_from_variant (user_variant);
  g_assert_cmpint (ferry_account_get_kind (user_copy), ==, FERRY_ACCOUNT_KIND_USER);
  g_assert_cmpstr (ferry_account_get_email (user_copy), ==, "ada@example.com");
  g_assert_cmpstr (ferry_account_get_label (user_copy), ==, "ada@example.com (127.0.0.1:8080)");
  g_assert_false (ferry_account_has_custom_label (user_copy));
  g_assert_false (ferry_account_matches (user_copy, account));

  g_assert_finalize_object (g_steal_pointer (&copy));
  g_assert_finalize_object (g_steal_pointer (&user_copy));
}

static void
test_account_variant_rejects (void)
{
  static const char *bad[] = {
    "@a{sv} {}",
    "{'id': <'x'>, 'kind': <'user'>}",
    "{'id': <'x'>, 'site-url': <'https://a.example'>, 'kind': <'robot'>}",
    "{'id': <''>, 'site-url': <'https://a.example'>, 'kind': <'user'>}",
    "{'id': <'x'>, 'site-url': <'https://a.example'>, 'kind': <42>}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GVariant) variant = g_variant_parse (G_VARIANT_TYPE_VARDICT, bad[i], NULL, NULL, NULL);
      g_autoptr(FerryAccount) account = NULL;

      g_assert_nonnull (variant);
      account = ferry_account_new_from_variant (variant);
      g_assert_null (account);
    }
}

static void
notify_count_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_account_label (void)
{
  g_autoptr(FerryAccount) account = machine_identity ("https://app.infisical.com", "abc");
  guint label_notifies = 0;

  g_assert_cmpstr (ferry_account_get_label (account), ==, "abc (app.infisical.com)");
  g_signal_connect (account, "notify::label", G_CALLBACK (notify_count_cb), &label_notifies);

  /* The default label follows the client id; notify only on a real change. */
  ferry_account_set_client_id (account, "def");
  g_assert_cmpstr (ferry_account_get_label (account), ==, "def (app.infisical.com)");
  g_assert_cmpuint (label_notifies, ==, 1);
  ferry_account_set_client_id (account, "def");
  g_assert_cmpuint (label_notifies, ==, 1);

  ferry_account_set_label (account, "Robot");
  g_assert_cmpuint (label_notifies, ==, 2);
  ferry_account_set_label (account, "Robot");
  g_assert_cmpuint (label_notifies, ==, 2);
  ferry_account_set_client_id (account, "ghi");
  g_assert_cmpstr (ferry_account_get_label (account), ==, "Robot");
  g_assert_cmpuint (label_notifies, ==, 2);

  ferry_account_set_label (account, "   ");
  g_assert_cmpstr (ferry_account_get_label (account), ==, "ghi (app.infisical.com)");
  g_assert_false (ferry_account_has_custom_label (account));
  g_assert_cmpuint (label_notifies, ==, 3);
}

/* ---- FerryAccountStore ---- */

typedef struct
{
  guint removed;
  guint added;
  guint signals;
} ItemsChanged;

static void
items_changed_cb (GListModel   *model,
                  guint         position,
                  guint         removed,
                  guint         added,
                  ItemsChanged *counts)
{
  counts->removed += removed;
  counts->added += added;
  counts->signals++;
}

static void
test_store_add_replace (void)
{
  g_autoptr(GSettings) settings = fresh_settings ();
  g_autoptr(FerryAccountStore) store = ferry_account_store_new (settings);
  g_autoptr(FerryAccountStore) reloaded = NULL;
  g_autoptr(FerryAccount) robot = machine_identity ("https://app.infisical.com", "client-1");
  g_autoptr(FerryAccount) robot_again = machine_identity ("https://app.infisical.com", "client-1");
  g_autoptr(FerryAccount) robot_eu = machine_identity ("https://eu.infisical.com", "client-1");
  g_autoptr(FerryAccount) ada = user ("https://app.infisical.com", "ada@example.com");
  g_autoptr(FerryAccount) ada_again = user ("https://app.infisical.com", "Ada@Example.com");
  g_autoptr(FerryAccount) first = NULL;
  g_autoptr(GVariant) value = NULL;
  ItemsChanged counts = { 0 };
  FerryAccount *stored;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (store)) == FERRY_TYPE_ACCOUNT);
  g_assert_null (ferry_account_store_get_default (store));
  g_signal_connect (store, "items-changed", G_CALLBACK (items_changed_cb), &counts);

  g_assert_true (ferry_account_store_add (store, robot) == robot);
  g_assert_true (ferry_account_store_add (store, robot_eu) == robot_eu);
  g_assert_true (ferry_account_store_add (store, ada) == ada);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 3);
  g_assert_cmpuint (counts.added, ==, 3);

  /* Signing in again replaces: same object and id, fresh details, no new row. */
  ferry_account_set_organization_id (robot_again, "org-2");
  ferry_account_set_organization_name (robot_again, "Fabrikam");
  stored = ferry_account_store_add (store, robot_again);
  g_assert_true (stored == robot);
  g_assert_cmpstr (ferry_account_get_organization_name (robot), ==, "Fabrikam");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 3);
  g_assert_cmpuint (counts.added, ==, 3);

  g_assert_true (ferry_account_store_add (store, ada_again) == ada);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 3);
  g_assert_true (ferry_account_store_find (store, ada_again) == ada);
  g_assert_true (ferry_account_store_lookup (store, ferry_account_get_id (robot_eu)) == robot_eu);
  g_assert_null (ferry_account_store_lookup (store, "no-such-id"));

  first = g_list_model_get_item (G_LIST_MODEL (store), 0);
  g_assert_true (first == robot);

  /* Everything is in GSettings, and only the known keys. */
  value = g_settings_get_value (settings, "accounts");
  g_assert_cmpuint (g_variant_n_children (value), ==, 3);
  for (gsize i = 0; i < g_variant_n_children (value); i++)
    {
      g_autoptr(GVariant) child = g_variant_get_child_value (value, i);

      assert_only_known_keys (child);
    }

  reloaded = ferry_account_store_new (settings);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reloaded)), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(FerryAccount) a = g_list_model_get_item (G_LIST_MODEL (store), i);
      g_autoptr(FerryAccount) b = g_list_model_get_item (G_LIST_MODEL (reloaded), i);

      g_assert_cmpstr (ferry_account_get_id (a), ==, ferry_account_get_id (b));
      g_assert_cmpstr (ferry_account_get_label (a), ==, ferry_account_get_label (b));
      g_assert_cmpstr (ferry_account_get_organization_name (a), ==, ferry_account_get_organization_name (b));
    }

  g_signal_handlers_disconnect_by_func (store, items_changed_cb, &counts);
}

static void
test_store_remove_default (void)
{
  g_autoptr(GSettings) settings = fresh_settings ();
  g_autoptr(FerryAccountStore) store = ferry_account_store_new (settings);
  g_autoptr(FerryAccount) a = machine_identity ("https://app.infisical.com", "a");
  g_autoptr(FerryAccount) b = user ("https://app.infisical.com", "b@example.com");
  g_autoptr(FerryAccount) c = user ("https://eu.infisical.com", "c@example.com");
  g_autofree char *key = NULL;
  ItemsChanged counts = { 0 };
  guint default_notifies = 0;

  g_signal_connect (store, "notify::default-account", G_CALLBACK (notify_count_cb), &default_notifies);
  g_signal_connect (store, "items-changed", G_CALLBACK (items_changed_cb), &counts);

  ferry_account_store_add (store, a);
  g_assert_true (ferry_account_store_get_default (store) == a);
  g_assert_cmpuint (default_notifies, ==, 1);
  ferry_account_store_add (store, b);
  ferry_account_store_add (store, c);
  g_assert_true (ferry_account_store_get_default (store) == a);
  g_assert_cmpuint (default_notifies, ==, 1);

  ferry_account_store_set_default (store, c);
  g_assert_true (ferry_account_store_get_default (store) == c);
  key = g_settings_get_string (settings, "default-account");
  g_assert_cmpstr (key, ==, ferry_account_get_id (c));
  g_assert_cmpuint (default_notifies, ==, 2);
  ferry_account_store_set_default (store, c);
  g_assert_cmpuint (default_notifies, ==, 2);

  /* Removing the default falls back to the first account. */
  ferry_account_store_remove (store, c);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 2);
  g_assert_cmpuint (counts.removed, ==, 1);
  g_assert_true (ferry_account_store_get_default (store) == a);
  g_clear_pointer (&key, g_free);
  key = g_settings_get_string (settings, "default-account");
  g_assert_cmpstr (key, ==, ferry_account_get_id (a));
  g_assert_cmpuint (default_notifies, ==, 3);
  g_assert_null (ferry_account_store_lookup (store, ferry_account_get_id (c)));

  /* Removing one that is not there changes nothing. */
  ferry_account_store_remove (store, c);
  g_assert_cmpuint (counts.removed, ==, 1);

  ferry_account_store_remove (store, b);
  ferry_account_store_remove (store, a);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
  g_assert_null (ferry_account_store_get_default (store));
  g_clear_pointer (&key, g_free);
  key = g_settings_get_string (settings, "default-account");
  g_assert_cmpstr (key, ==, "");
  g_assert_cmpuint (default_notifies, ==, 4);

  g_signal_handlers_disconnect_by_func (store, items_changed_cb, &counts);
  g_signal_handlers_disconnect_by_func (store, notify_count_cb, &default_notifies);
}

static void
test_store_rename (void)
{
  g_autoptr(GSettings) settings = fresh_settings ();
  g_autoptr(FerryAccountStore) store = ferry_account_store_new (settings);
  g_autoptr(FerryAccountStore) reloaded = NULL;
  g_autoptr(FerryAccount) a = machine_identity ("https://app.infisical.com", "a");
  FerryAccount *again;

  ferry_account_store_add (store, a);
  ferry_account_store_rename (store, a, "Production robot");
  g_assert_cmpstr (ferry_account_get_label (a), ==, "Production robot");

  reloaded = ferry_account_store_new (settings);
  again = ferry_account_store_lookup (reloaded, ferry_account_get_id (a));
  g_assert_nonnull (again);
  g_assert_cmpstr (ferry_account_get_label (again), ==, "Production robot");

  /* Saving a property change: the organization name learned later. */
  ferry_account_set_organization_name (a, "Contoso");
  ferry_account_store_save (store);
  g_clear_object (&reloaded);
  reloaded = ferry_account_store_new (settings);
  again = ferry_account_store_lookup (reloaded, ferry_account_get_id (a));
  g_assert_cmpstr (ferry_account_get_organization_name (again), ==, "Contoso");

  ferry_account_store_rename (store, a, NULL);
  g_assert_cmpstr (ferry_account_get_label (a), ==, "a (app.infisical.com)");
  g_clear_object (&reloaded);
  reloaded = ferry_account_store_new (settings);
  again = ferry_account_store_lookup (reloaded, ferry_account_get_id (a));
  g_assert_false (ferry_account_has_custom_label (again));
}

static void
test_store_external_change (void)
{
  g_autoptr(GSettings) settings = fresh_settings ();
  g_autoptr(FerryAccountStore) store = ferry_account_store_new (settings);
  g_autoptr(FerryAccountStore) other = ferry_account_store_new (settings);
  g_autoptr(FerryAccount) a = machine_identity ("https://app.infisical.com", "a");
  g_autoptr(FerryAccount) b = user ("https://app.infisical.com", "b@example.com");
  FerryAccount *seen;

  /* Another store on the same settings (another window, another instance) follows. */
  ferry_account_store_add (store, a);
  ferry_account_store_add (store, b);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (other)), ==, 2);
  seen = ferry_account_store_lookup (other, ferry_account_get_id (a));
  g_assert_nonnull (seen);

  ferry_account_store_rename (store, a, "Renamed");
  g_assert_true (ferry_account_store_lookup (other, ferry_account_get_id (a)) == seen);
  g_assert_cmpstr (ferry_account_get_label (seen), ==, "Renamed");

  ferry_account_store_remove (store, b);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (other)), ==, 1);
  g_assert_true (ferry_account_store_lookup (other, ferry_account_get_id (a)) == seen);
}

/* ---- FerryContext ---- */

static void
test_context (void)
{
  g_autoptr(GSettings) settings = fresh_settings ();
  g_autoptr(FerryTokenStore) tokens = ferry_token_store_new ();
  g_autoptr(FerryContext) context = ferry_context_new (settings, tokens);
  g_autoptr(FerryContext) own_store = ferry_context_new (settings, NULL);
  g_autoptr(FerryAccount) a = machine_identity ("https://app.infisical.com", "a");
  guint session_notifies = 0;

  g_assert_true (ferry_context_get_settings (context) == settings);
  g_assert_true (ferry_context_get_token_store (context) == tokens);
  g_assert_true (FERRY_IS_TOKEN_STORE (ferry_context_get_token_store (own_store)));
  g_assert_true (FERRY_IS_ACCOUNT_STORE (ferry_context_get_accounts (context)));
  g_assert_null (ferry_context_get_session (context));
  g_assert_null (ferry_context_get_client (context));

  /* The account store is the one of these settings. */
  ferry_account_store_add (ferry_context_get_accounts (context), a);
  g_assert_nonnull (ferry_account_store_lookup (ferry_context_get_accounts (own_store),
                                                ferry_account_get_id (a)));

  g_signal_connect (context, "notify::session", G_CALLBACK (notify_count_cb), &session_notifies);
  ferry_context_set_session (context, NULL);
  g_assert_cmpuint (session_notifies, ==, 0);

  g_clear_object (&own_store);
  g_assert_finalize_object (g_steal_pointer (&context));
}

/* ---- JWT claims ---- */

static char *
b64url (const char *text)
{
  g_autofree char *std = g_base64_encode ((const guchar *) text, strlen (text));
  GString *out = g_string_new (NULL);

  for (const char *p = std; *p != '\0'; p++)
    {
      if (*p == '+')
        g_string_append_c (out, '-');
      else if (*p == '/')
        g_string_append_c (out, '_');
      else if (*p != '=')
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

static char *
make_jwt (const char *payload_json)
{
  g_autofree char *header = b64url ("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
  g_autofree char *payload = b64url (payload_json);

  return g_strdup_printf ("%s.%s.c2lnbmF0dXJl", header, payload);
}

static char *
make_user_jwt (const char *type,
               const char *organization_id,
               gint64      exp)
{
  g_autoptr(GString) json = g_string_new ("{\"authMethod\":\"email\",\"userId\":\"u-1\",\"note\":\"?>?>~~\"");

  if (type != NULL)
    g_string_append_printf (json, ",\"authTokenType\":\"%s\"", type);
  if (organization_id != NULL)
    g_string_append_printf (json, ",\"organizationId\":\"%s\"", organization_id);
  if (exp != 0)
    g_string_append_printf (json, ",\"exp\":%" G_GINT64_FORMAT, exp);
  g_string_append (json, "}");

  return make_jwt (json->str);
}

static void
test_jwt_claims (void)
{
  g_autofree char *jwt = make_user_jwt ("accessToken", "org-1", 1900000000);
  g_autoptr(JsonObject) claims = NULL;
  g_autoptr(GError) error = NULL;

  /* The "?>?>~~" note makes base64url use '-' and '_'. */
  g_assert_true (strchr (jwt, '-') != NULL || strchr (jwt, '_') != NULL);

  claims = ferry_jwt_decode_claims (jwt, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ferry_jwt_get_string (claims, "authTokenType"), ==, "accessToken");
  g_assert_cmpstr (ferry_jwt_get_string (claims, "organizationId"), ==, "org-1");
  g_assert_cmpstr (ferry_jwt_get_string (claims, "note"), ==, "?>?>~~");
  g_assert_null (ferry_jwt_get_string (claims, "exp"));
  g_assert_null (ferry_jwt_get_string (claims, "missing"));
  g_assert_cmpint (ferry_jwt_get_expiry (claims), ==, 1900000000);
  g_clear_pointer (&claims, json_object_unref);

  /* exp as a float, as a string (ignored), missing. */
  {
    g_autofree char *float_exp = make_jwt ("{\"exp\":1900000000.5}");
    g_autofree char *string_exp = make_jwt ("{\"exp\":\"1900000000\"}");
    g_autofree char *no_exp = make_jwt ("{\"iat\":1}");

    claims = ferry_jwt_decode_claims (float_exp, &error);
    g_assert_no_error (error);
    g_assert_cmpint (ferry_jwt_get_expiry (claims), ==, 1900000000);
    g_clear_pointer (&claims, json_object_unref);

    claims = ferry_jwt_decode_claims (string_exp, &error);
    g_assert_no_error (error);
    g_assert_cmpint (ferry_jwt_get_expiry (claims), ==, 0);
    g_clear_pointer (&claims, json_object_unref);

    claims = ferry_jwt_decode_claims (no_exp, &error);
    g_assert_no_error (error);
    g_assert_cmpint (ferry_jwt_get_expiry (claims), ==, 0);
    g_clear_pointer (&claims, json_object_unref);
  }
}

static void
test_jwt_malformed (void)
{
  g_autofree char *array_payload = make_jwt ("[1,2]");
  g_autofree char *not_json = make_jwt ("hello");
  g_autofree char *payload = b64url ("{\"exp\":1}");
  g_autofree char *four_parts = g_strdup_printf ("a.%s.b.c", payload);
  g_autofree char *bad_chars = g_strdup ("a.e30*.b");
  const char *bad[] = { "", "abc", "a.b", "a..b", bad_chars, four_parts, array_payload, not_json };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) claims = ferry_jwt_decode_claims (bad[i], &error);

      g_assert_null (claims);
      g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_INVALID_INPUT);
      /* The message is for people and never repeats the token. */
      if (*bad[i] != '\0')
        g_assert_null (strstr (error->message, bad[i]));
    }
}

static void
test_jwt_expiry_margin (void)
{
  const gint64 exp = 1900000000;

  g_assert_cmpint (FERRY_JWT_EXPIRY_MARGIN, ==, 30);
  g_assert_false (ferry_jwt_is_expired (exp, exp - 3600));
  g_assert_false (ferry_jwt_is_expired (exp, exp - 31));
  g_assert_true (ferry_jwt_is_expired (exp, exp - 30));
  g_assert_true (ferry_jwt_is_expired (exp, exp - 29));
  g_assert_true (ferry_jwt_is_expired (exp, exp));
  g_assert_true (ferry_jwt_is_expired (exp, exp + 10));
  /* No exp at all counts as expired, as in Infisical's CLI. */
  g_assert_true (ferry_jwt_is_expired (0, exp));
}

static void
test_jwt_check_user_token (void)
{
  const gint64 now = 1800000000;
  struct {
    const char *type;
    const char *organization_id;
    gint64 exp;
    int code;   /* -1: accepted */
  } cases[] = {
    { "accessToken", "org-1", now + 3600, -1 },
    { "accessToken", "org-1", now + 31, -1 },
    { "accessToken", "org-1", now + 30, FERRY_API_ERROR_TOKEN_EXPIRED },
    { "accessToken", "org-1", now - 5, FERRY_API_ERROR_TOKEN_EXPIRED },
    { "accessToken", "org-1", 0, FERRY_API_ERROR_TOKEN_EXPIRED },
    { "accessToken", NULL, now + 3600, FERRY_API_ERROR_INVALID_INPUT },
    { "accessToken", "", now + 3600, FERRY_API_ERROR_INVALID_INPUT },
    { "refreshToken", "org-1", now + 3600, FERRY_API_ERROR_INVALID_INPUT },
    { "identityAccessToken", "org-1", now + 3600, FERRY_API_ERROR_INVALID_INPUT },
    { NULL, "org-1", now + 3600, FERRY_API_ERROR_INVALID_INPUT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *jwt = make_user_jwt (cases[i].type, cases[i].organization_id, cases[i].exp);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) claims = ferry_jwt_check_user_token (jwt, now, &error);

      if (cases[i].code < 0)
        {
          g_assert_no_error (error);
          g_assert_nonnull (claims);
          g_assert_cmpint (ferry_jwt_get_expiry (claims), ==, cases[i].exp);
        }
      else
        {
          g_assert_null (claims);
          g_assert_error (error, FERRY_API_ERROR, cases[i].code);
          g_assert_cmpstr (error->message, !=, "");
          g_assert_null (strstr (error->message, jwt));
        }
    }
}


/* Only the base64url alphabet and dots, in every segment: a CR or LF anywhere would
 * reach the Authorization header. */
static void
test_jwt_segments (void)
{
  g_autofree char *payload = b64url ("{\"authTokenType\":\"accessToken\",\"organizationId\":\"o\",\"exp\":1900000000}");
  g_autofree char *good = g_strdup_printf ("eyJhbGciOiJIUzI1NiJ9.%s.c2ln", payload);
  g_autofree char *crlf_header = g_strdup_printf ("eyJhbGciOiJIUzI1NiJ9\r\nX-Injected: 1.%s.c2ln", payload);
  g_autofree char *crlf_signature = g_strdup_printf ("eyJhbGciOiJIUzI1NiJ9.%s.c2ln\r\nX-Injected: 1", payload);
  g_autofree char *space_header = g_strdup_printf ("eyJhbG ciOiJIUzI1NiJ9.%s.c2ln", payload);
  g_autofree char *plus_signature = g_strdup_printf ("eyJhbGciOiJIUzI1NiJ9.%s.c2+ln/=", payload);
  g_autofree char *non_ascii = g_strdup_printf ("eyJhbGciOiJIUzI1NiJ9.%s.c2ln\xc3\xa9", payload);
  const char *bad[] = { crlf_header, crlf_signature, space_header, plus_signature, non_ascii };
  g_autoptr(JsonObject) claims = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (ferry_jwt_is_well_formed (good));
  claims = ferry_jwt_check_user_token (good, 1800000000, &error);
  g_assert_no_error (error);
  g_assert_nonnull (claims);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) bad_error = NULL;
      g_autoptr(JsonObject) bad_claims = NULL;

      g_assert_false (ferry_jwt_is_well_formed (bad[i]));
      bad_claims = ferry_jwt_check_user_token (bad[i], 1800000000, &bad_error);
      g_assert_null (bad_claims);
      g_assert_error (bad_error, FERRY_API_ERROR, FERRY_API_ERROR_INVALID_INPUT);
      g_assert_null (strstr (bad_error->message, payload));
    }
}

static char *
browser_token_of (const char *json)
{
  return g_base64_encode ((const guchar *) json, strlen (json));
}

/* The pasted browser token is a web page's JSON: members of the wrong type are missing,
 * never a critical (the tests run with fatal criticals), and its JWT is checked whole. */
static void
test_browser_token_hostile (void)
{
  g_autofree char *payload = b64url ("{\"authTokenType\":\"accessToken\",\"organizationId\":\"o\",\"exp\":1900000000}");
  g_autofree char *jwt = g_strdup_printf ("eyJhbGciOiJIUzI1NiJ9.%s.c2ln", payload);
  g_autofree char *json_email_array = g_strdup_printf ("{\"JTWToken\":\"%s\",\"email\":[]}", jwt);
  g_autofree char *json_email_object = g_strdup_printf ("{\"JTWToken\":\"%s\",\"email\":{\"a\":1}}", jwt);
  g_autofree char *json_email_number = g_strdup_printf ("{\"JTWToken\":\"%s\",\"email\":7}", jwt);
  /* json-glib 1.6 reads an octal escape as a raw byte: not UTF-8, so no email. */
  g_autofree char *json_email_octal = g_strdup_printf ("{\"JTWToken\":\"%s\",\"email\":\"a\\360@b.c\"}", jwt);
  g_autofree char *json_crlf = g_strdup_printf ("{\"JTWToken\":\"eyJhbGciOiJIUzI1NiJ9\\r\\nX: y.%s.c2ln\"}", payload);
  const char *refused[] = {
    "{\"JTWToken\":{}}",
    "{\"JTWToken\":[\"a.b.c\"]}",
    "{\"JTWToken\":null}",
    "{\"JTWToken\":42}",
    "{\"JTWToken\":true,\"email\":[]}",
    json_crlf,
  };
  const char *email_ignored[] = { json_email_array, json_email_object, json_email_number, json_email_octal };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *text = browser_token_of (refused[i]);
      g_autofree char *out = NULL;
      g_autofree char *email = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_false (ferry_browser_token_parse (text, &out, &email, &error));
      g_assert_error (error, FERRY_AUTH_ERROR, FERRY_AUTH_ERROR_INVALID_TOKEN);
      g_assert_null (out);
    }

  for (guint i = 0; i < G_N_ELEMENTS (email_ignored); i++)
    {
      g_autofree char *text = browser_token_of (email_ignored[i]);
      g_autofree char *out = NULL;
      g_autofree char *email = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (ferry_browser_token_parse (text, &out, &email, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (out, ==, jwt);
      g_assert_null (email);
    }
}

int
main (int   argc,
      char *argv[])
{
  ferry_test_init (&argc, &argv);

  g_test_add_func ("/accounts/account/variant-round-trip", test_account_variant_round_trip);
  g_test_add_func ("/accounts/account/variant-rejects", test_account_variant_rejects);
  g_test_add_func ("/accounts/account/label", test_account_label);
  g_test_add_func ("/accounts/store/add-replace", test_store_add_replace);
  g_test_add_func ("/accounts/store/remove-default", test_store_remove_default);
  g_test_add_func ("/accounts/store/rename", test_store_rename);
  g_test_add_func ("/accounts/store/external-change", test_store_external_change);
  g_test_add_func ("/accounts/context", test_context);
  g_test_add_func ("/accounts/jwt/claims", test_jwt_claims);
  g_test_add_func ("/accounts/jwt/malformed", test_jwt_malformed);
  g_test_add_func ("/accounts/jwt/expiry-margin", test_jwt_expiry_margin);
  g_test_add_func ("/accounts/jwt/check-user-token", test_jwt_check_user_token);
  g_test_add_func ("/accounts/jwt/segments", test_jwt_segments);
  g_test_add_func ("/accounts/browser-token/hostile", test_browser_token_hostile);

  return g_test_run ();
}
