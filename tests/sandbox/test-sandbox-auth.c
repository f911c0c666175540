/* test-sandbox-auth.c: Universal Auth, renew/revoke, token errors, checkAuth, organizations.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "sandbox-test-utils.h"

#define DEMO GINT_TO_POINTER (FERRY_SANDBOX_SEED_DEMO)
#define EMPTY GINT_TO_POINTER (FERRY_SANDBOX_SEED_EMPTY)

static char *
login_body (SbFixture *f)
{
  return g_strdup_printf ("{\"clientId\":\"  %s \",\"clientSecret\":\"%s\"}",
                          ferry_sandbox_get_identity_client_id (f->sandbox),
                          ferry_sandbox_get_identity_client_secret (f->sandbox));
}

static char *
login (SbFixture *f)
{
  g_autofree char *body = login_body (f);
  g_autoptr(SbResponse) r = sb_request (f, "POST", "/api/v1/auth/universal-auth/login", NULL, body);

  g_assert_cmpuint (r->status, ==, 200);
  return g_strdup (json_object_get_string_member (sb_resp_obj (r), "accessToken"));
}

static void
test_login (SbFixture *f, gconstpointer data)
{
  g_autofree char *body = login_body (f);
  g_autoptr(SbResponse) r = sb_request (f, "POST", "/api/v1/auth/universal-auth/login", NULL, body);
  g_autoptr(SbResponse) bad = NULL;
  g_autoptr(SbResponse) missing = NULL;
  g_autoptr(SbResponse) use = NULL;
  JsonObject *obj;

  g_assert_cmpuint (r->status, ==, 200);
  obj = sb_resp_obj (r);
  g_assert_cmpint (json_object_get_int_member (obj, "expiresIn"), ==, 7200);
  g_assert_cmpint (json_object_get_int_member (obj, "accessTokenMaxTTL"), ==, 86400);
  g_assert_cmpstr (json_object_get_string_member (obj, "tokenType"), ==, "Bearer");
  g_assert_nonnull (strchr (json_object_get_string_member (obj, "accessToken"), '.'));

  bad = sb_request (f, "POST", "/api/v1/auth/universal-auth/login", NULL,
                    "{\"clientId\":\"a1f4c2e8-7b3d-4e9f-8a6c-5d2e1f0b9c73\",\"clientSecret\":\"wrong\"}");
  sb_assert_error (bad, 401, "UnauthorizedError", "Invalid credentials");

  missing = sb_request (f, "POST", "/api/v1/auth/universal-auth/login", NULL, "{\"clientId\":\"x\"}");
  sb_assert_issue (missing, "clientSecret", "invalid_type");

  use = sb_request (f, "GET", "/api/v1/projects", json_object_get_string_member (obj, "accessToken"), NULL);
  g_assert_cmpuint (use->status, ==, 200);
}

static void
test_token_errors (SbFixture *f, gconstpointer data)
{
  g_autofree char *expired = ferry_sandbox_issue_user_jwt (f->sandbox, -10);
  g_autofree char *tampered = g_strdup (f->user_jwt);
  g_autoptr(SbResponse) none = sb_request (f, "GET", "/api/v1/projects", NULL, NULL);
  g_autoptr(SbResponse) exp = sb_request (f, "GET", "/api/v1/projects", expired, NULL);
  g_autoptr(SbResponse) malformed = sb_request (f, "GET", "/api/v1/projects", "not-a-jwt", NULL);
  g_autoptr(SbResponse) bad_sig = NULL;

  sb_assert_error (none, 401, "UnauthorizedError", "Token missing");
  sb_assert_error (exp, 403, "TokenError", "Your token has expired. Please re-authenticate.");
  sb_assert_error (malformed, 403, "TokenError", NULL);
  g_assert_nonnull (strstr (json_object_get_string_member (sb_resp_obj (malformed), "message"), "malformed"));

  tampered[strlen (tampered) - 2] = tampered[strlen (tampered) - 2] == 'A' ? 'B' : 'A';
  bad_sig = sb_request (f, "GET", "/api/v1/projects", tampered, NULL);
  sb_assert_error (bad_sig, 403, "TokenError", NULL);
}

static void
test_renew_revoke (SbFixture *f, gconstpointer data)
{
  g_autofree char *token = login (f);
  g_autofree char *body = g_strdup_printf ("{\"accessToken\":\"%s\"}", token);
  g_autofree char *user_body = g_strdup_printf ("{\"accessToken\":\"%s\"}", f->user_jwt);
  g_autoptr(SbResponse) renewed = sb_request (f, "POST", "/api/v1/auth/token/renew", NULL, body);
  g_autoptr(SbResponse) user_renew = sb_request (f, "POST", "/api/v1/auth/token/renew", NULL, user_body);
  g_autoptr(SbResponse) revoked = NULL;
  g_autoptr(SbResponse) use = NULL;
  g_autoptr(SbResponse) again = NULL;
  const char *new_token;

  g_assert_cmpuint (renewed->status, ==, 200);
  new_token = json_object_get_string_member (sb_resp_obj (renewed), "accessToken");
  g_assert_cmpstr (new_token, !=, token);
  g_assert_cmpint (json_object_get_int_member (sb_resp_obj (renewed), "expiresIn"), ==, 7200);
  g_assert_cmpstr (json_object_get_string_member (sb_resp_obj (renewed), "tokenType"), ==, "Bearer");

  sb_assert_error (user_renew, 400, "BadRequest", "Only identity access tokens can be renewed");

  revoked = sb_request (f, "POST", "/api/v1/auth/token/revoke", NULL, body);
  g_assert_cmpuint (revoked->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (sb_resp_obj (revoked), "message"), ==,
                   "Successfully revoked access token");
  use = sb_request (f, "GET", "/api/v1/projects", new_token, NULL);
  sb_assert_error (use, 401, "UnauthorizedError", NULL);
  again = sb_request (f, "POST", "/api/v1/auth/token/renew", NULL, body);
  sb_assert_error (again, 401, "UnauthorizedError", NULL);
}

static void
test_renew_past_max_ttl (SbFixture *f, gconstpointer data)
{
  g_autofree char *token = NULL;
  g_autofree char *body = NULL;
  g_autoptr(SbResponse) r = NULL;
  g_autoptr(SbResponse) after = NULL;

  /* Renewing would run past creation + max TTL: refused and the token deleted. */
  ferry_sandbox_set_identity_ttl (f->sandbox, 600, 300);
  token = login (f);
  body = g_strdup_printf ("{\"accessToken\":\"%s\"}", token);
  r = sb_request (f, "POST", "/api/v1/auth/token/renew", NULL, body);
  sb_assert_error (r, 401, "UnauthorizedError", NULL);
  g_assert_nonnull (strstr (json_object_get_string_member (sb_resp_obj (r), "message"), "Max TTL"));
  after = sb_request (f, "GET", "/api/v1/projects", token, NULL);
  sb_assert_error (after, 401, "UnauthorizedError", "No identity access token found");
}

static void
test_expiry (SbFixture *f, gconstpointer data)
{
  g_autofree char *token = NULL;
  g_autofree char *body = NULL;
  g_autoptr(SbResponse) use = NULL;
  g_autoptr(SbResponse) renew = NULL;

  ferry_sandbox_set_identity_ttl (f->sandbox, 1, 3600);
  token = login (f);
  body = g_strdup_printf ("{\"accessToken\":\"%s\"}", token);
  sb_spin_for (2100);
  use = sb_request (f, "GET", "/api/v1/projects", token, NULL);
  sb_assert_error (use, 403, "TokenError", "Your token has expired. Please re-authenticate.");
  renew = sb_request (f, "POST", "/api/v1/auth/token/renew", NULL, body);
  sb_assert_error (renew, 401, "UnauthorizedError", "Failed to renew MI access token due to TTL expiration");
}

static void
test_check_auth_and_orgs (SbFixture *f, gconstpointer data)
{
  g_autoptr(SbResponse) ok = sb_request (f, "POST", "/api/v1/auth/checkAuth", f->user_jwt, NULL);
  g_autoptr(SbResponse) none = sb_request (f, "POST", "/api/v1/auth/checkAuth", NULL, NULL);
  g_autoptr(SbResponse) orgs = sb_request (f, "GET", "/api/v1/organization", f->user_jwt, NULL);
  g_autoptr(SbResponse) id_check = sb_request (f, "POST", "/api/v1/auth/checkAuth", f->token, NULL);
  g_autoptr(SbResponse) id_orgs = sb_request (f, "GET", "/api/v1/organization", f->token, NULL);
  JsonObject *org;

  /* JWT-only routes: a machine identity gets the real 403. */
  sb_assert_error (id_check, 403, "Forbidden access to /api/v1/auth/checkAuth", "You are not allowed to access this resource");
  sb_assert_error (id_orgs, 403, "Forbidden access to /api/v1/organization", "You are not allowed to access this resource");

  g_assert_cmpuint (ok->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (sb_resp_obj (ok), "message"), ==, "Authenticated");
  sb_assert_error (none, 401, "UnauthorizedError", "Token missing");
  g_assert_cmpuint (orgs->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (sb_resp_array (orgs, "organizations")), ==, 1);
  org = json_array_get_object_element (sb_resp_array (orgs, "organizations"), 0);
  g_assert_cmpstr (json_object_get_string_member (org, "id"), ==, ferry_sandbox_get_organization_id (f->sandbox));
  g_assert_cmpstr (json_object_get_string_member (org, "name"), ==, "Contoso");
  g_assert_true (json_object_has_member (org, "slug"));
  g_assert_true (json_object_has_member (org, "orgAuthMethod"));
  g_assert_true (json_object_has_member (org, "userRole"));
}

static void
test_user (SbFixture *f, gconstpointer data)
{
  g_autoptr(SbResponse) me = sb_request (f, "GET", "/api/v1/user", f->user_jwt, NULL);
  g_autoptr(SbResponse) id_me = sb_request (f, "GET", "/api/v1/user", f->token, NULL);
  JsonObject *user;

  sb_assert_error (id_me, 403, "Forbidden access to /api/v1/user", "You are not allowed to access this resource");
  g_assert_cmpuint (me->status, ==, 200);
  user = json_object_get_object_member (sb_resp_obj (me), "user");
  g_assert_nonnull (user);
  g_assert_cmpstr (json_object_get_string_member (user, "email"), ==, ferry_sandbox_get_user_email (f->sandbox));
  g_assert_cmpstr (json_object_get_string_member (user, "username"), ==, ferry_sandbox_get_user_email (f->sandbox));
  g_assert_true (json_object_has_member (user, "id"));
  g_assert_true (json_object_has_member (user, "firstName"));
}

static void
test_user_jwt_claims (SbFixture *f, gconstpointer data)
{
  g_auto(GStrv) parts = g_strsplit (f->user_jwt, ".", -1);
  g_autoptr(GString) b64 = g_string_new (parts[1]);
  g_autofree guchar *raw = NULL;
  gsize len;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *claims;

  g_assert_cmpuint (g_strv_length (parts), ==, 3);
  g_string_replace (b64, "-", "+", 0);
  g_string_replace (b64, "_", "/", 0);
  while (b64->len % 4)
    g_string_append_c (b64, '=');
  raw = g_base64_decode (b64->str, &len);
  g_assert_true (json_parser_load_from_data (parser, (const char *) raw, len, NULL));
  claims = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (claims, "authTokenType"), ==, "accessToken");
  g_assert_cmpstr (json_object_get_string_member (claims, "organizationId"), ==,
                   ferry_sandbox_get_organization_id (f->sandbox));
  g_assert_cmpint (json_object_get_int_member (claims, "exp"), >, g_get_real_time () / G_USEC_PER_SEC);
}

static void
test_unknown_route (SbFixture *f, gconstpointer data)
{
  g_autoptr(SbResponse) r = sb_request (f, "GET", "/api/v9/nothing", f->token, NULL);

  sb_assert_error (r, 404, NULL, "Route GET:/api/v9/nothing not found");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn, seed) g_test_add (path, SbFixture, seed, sb_fixture_setup, fn, sb_fixture_teardown)
  ADD ("/sandbox/auth/login", test_login, EMPTY);
  ADD ("/sandbox/auth/token-errors", test_token_errors, EMPTY);
  ADD ("/sandbox/auth/renew-revoke", test_renew_revoke, EMPTY);
  ADD ("/sandbox/auth/renew-past-max-ttl", test_renew_past_max_ttl, EMPTY);
  ADD ("/sandbox/auth/expiry", test_expiry, EMPTY);
  ADD ("/sandbox/auth/check-auth-organizations", test_check_auth_and_orgs, DEMO);
  ADD ("/sandbox/auth/user", test_user, DEMO);
  ADD ("/sandbox/auth/user-jwt-claims", test_user_jwt_claims, EMPTY);
  ADD ("/sandbox/auth/unknown-route", test_unknown_route, EMPTY);
  return g_test_run ();
}
