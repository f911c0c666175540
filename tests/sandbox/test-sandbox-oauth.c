/* test-sandbox-oauth.c: the Microsoft consent page, code redemption rules (site/loopback),
 * the web hand-off page, and the fidelity replay of seed 000_f093aa33623551eb.txt.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "sandbox-test-utils.h"

#define DEMO GINT_TO_POINTER (FERRY_SANDBOX_SEED_DEMO)
#define EMPTY GINT_TO_POINTER (FERRY_SANDBOX_SEED_EMPTY)
#define BASE "/api/v1/app-connections/azure-devops"
#define CALLBACK "/organization/app-connections/azure/oauth/callback"
#define TENANT "8f2b6c1d-3e4a-4b5c-9d6e-7f8a9b0c1d2e"

static char *
site_callback (SbFixture *f)
{
  return g_strconcat (ferry_sandbox_get_url (f->sandbox), CALLBACK, NULL);
}

static GHashTable *
location_params (const char *location)
{
  g_autoptr(GUri) uri = g_uri_parse (location, G_URI_FLAGS_NONE, NULL);

  g_assert_nonnull (uri);
  return g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_NONE, NULL);
}

static SbResponse *
create_oauth (SbFixture *f, const char *name, const char *code)
{
  g_autofree char *body = g_strdup_printf ("{\"method\":\"oauth\",\"name\":\"%s\",\"credentials\":{\"code\":\"%s\","
                                           "\"tenantId\":\"" TENANT "\",\"orgName\":\"contoso\"}}", name, code);

  return sb_request (f, "POST", BASE, f->token, body);
}

static void
test_consent_accept_deny (SbFixture *f, gconstpointer data)
{
  g_autofree char *accept = sb_consent (f, TENANT, "http://127.0.0.1:5555/callback", "abc<:>azure-devops", "accept");
  g_autofree char *deny = sb_consent (f, TENANT, "http://127.0.0.1:5555/callback", "xyz", "deny");
  g_autoptr(GHashTable) a = location_params (accept);
  g_autoptr(GHashTable) d = location_params (deny);
  g_autoptr(SbResponse) bad_client = sb_request (f, "GET",
                                                 "/sandbox/microsoft/common/oauth2/v2.0/authorize?client_id=nope&response_type=code"
                                                 "&redirect_uri=http%3A%2F%2F127.0.0.1%3A5555%2F&state=s", NULL, NULL);
  g_autofree char *auto_path = g_strdup_printf ("/sandbox/microsoft/common/oauth2/v2.0/authorize?client_id=%s&response_type=code"
                                                "&redirect_uri=http%%3A%%2F%%2F127.0.0.1%%3A5555%%2Fcb&state=s1&auto=accept",
                                                ferry_sandbox_get_oauth_client_id (f->sandbox));
  g_autoptr(SbResponse) auto_accept = sb_request (f, "GET", auto_path, NULL, NULL);

  g_assert_true (g_str_has_prefix (accept, "http://127.0.0.1:5555/callback?"));
  g_assert_nonnull (g_hash_table_lookup (a, "code"));
  g_assert_cmpstr (g_hash_table_lookup (a, "state"), ==, "abc<:>azure-devops");

  g_assert_true (g_str_has_prefix (deny, "http://127.0.0.1:5555/callback?"));
  g_assert_cmpstr (g_hash_table_lookup (d, "error"), ==, "access_denied");
  g_assert_nonnull (g_hash_table_lookup (d, "error_description"));
  g_assert_cmpstr (g_hash_table_lookup (d, "state"), ==, "xyz");
  g_assert_null (g_hash_table_lookup (d, "code"));

  g_assert_cmpuint (bad_client->status, ==, 400);
  g_assert_cmpuint (auto_accept->status, ==, 302);
  g_assert_true (g_str_has_prefix (soup_message_headers_get_one (auto_accept->headers, "Location"),
                                   "http://127.0.0.1:5555/cb?code="));
}

static void
test_site_mode (SbFixture *f, gconstpointer data)
{
  g_autofree char *site = site_callback (f);
  g_autofree char *code = sb_consent_code (f, site);
  g_autofree char *loop_code = sb_consent_code (f, "http://127.0.0.1:5555/callback");
  g_autoptr(SbResponse) ok = create_oauth (f, "ado-oauth", code);
  g_autoptr(SbResponse) reused = create_oauth (f, "ado-oauth-2", code);
  g_autoptr(SbResponse) loopback = create_oauth (f, "ado-oauth-3", loop_code);
  g_autoptr(SbResponse) unknown = create_oauth (f, "ado-oauth-4", "made-up-code");
  JsonObject *c;

  g_assert_cmpuint (ok->status, ==, 200);
  c = sb_resp_member (ok, "appConnection");
  g_assert_cmpstr (json_object_get_string_member (c, "method"), ==, "oauth");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (c, "credentials"), "tenantId"), ==, TENANT);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (c, "credentials"), "orgName"), ==, "contoso");
  g_assert_cmpuint (json_object_get_size (json_object_get_object_member (c, "credentials")), ==, 2);

  sb_assert_error (reused, 400, "BadRequest", NULL);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (sb_resp_obj (reused), "message"),
                                   "Failed to get access token: AADSTS54005"));
  /* A stock (site-mode) server redeems with its own callback URI: loopback codes fail. */
  sb_assert_error (loopback, 400, "BadRequest", NULL);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (sb_resp_obj (loopback), "message"),
                                   "Failed to get access token: "));
  g_assert_nonnull (strstr (json_object_get_string_member (sb_resp_obj (loopback), "message"), "reply address"));
  sb_assert_error (unknown, 400, "BadRequest", NULL);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (sb_resp_obj (unknown), "message"),
                                   "Failed to get access token: "));
}

static void
test_loopback_mode (SbFixture *f, gconstpointer data)
{
  g_autofree char *loop_code = NULL;
  g_autofree char *other_code = NULL;
  g_autoptr(SbResponse) ok = NULL;
  g_autoptr(SbResponse) not_loopback = NULL;

  ferry_sandbox_set_oauth_redirect (f->sandbox, FERRY_SANDBOX_OAUTH_REDIRECT_LOOPBACK);
  loop_code = sb_consent_code (f, "http://127.0.0.1:43123/oauth/callback");
  other_code = sb_consent_code (f, "https://evil.example.com/callback");
  ok = create_oauth (f, "ado-desktop", loop_code);
  g_assert_cmpuint (ok->status, ==, 200);
  not_loopback = create_oauth (f, "ado-evil", other_code);
  sb_assert_error (not_loopback, 400, "BadRequest", NULL);
}

static void
test_code_expiry (SbFixture *f, gconstpointer data)
{
  g_autofree char *site = site_callback (f);
  g_autofree char *code = NULL;
  g_autoptr(SbResponse) r = NULL;

  ferry_sandbox_set_oauth_code_lifetime (f->sandbox, 0);
  code = sb_consent_code (f, site);
  sb_spin_for (1100);
  r = create_oauth (f, "ado-late", code);
  sb_assert_error (r, 400, "BadRequest", NULL);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (sb_resp_obj (r), "message"),
                                   "Failed to get access token: AADSTS70008"));
}

static void
test_reconnect (SbFixture *f, gconstpointer data)
{
  g_autofree char *site = site_callback (f);
  g_autofree char *code = sb_consent_code (f, site);
  g_autofree char *code2 = sb_consent_code (f, site);
  g_autoptr(SbResponse) created = create_oauth (f, "ado-reconnect", code);
  const char *id = json_object_get_string_member (sb_resp_member (created, "appConnection"), "id");
  g_autofree char *body = g_strdup_printf ("{\"credentials\":{\"code\":\"%s\",\"tenantId\":\"" TENANT "\",\"orgName\":\"contoso\"}}", code2);
  g_autoptr(SbResponse) patched = sb_requestf (f, "PATCH", f->token, body, BASE "/%s", id);
  g_autoptr(SbResponse) again = sb_requestf (f, "PATCH", f->token, body, BASE "/%s", id);

  g_assert_cmpuint (patched->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (sb_resp_member (patched, "appConnection"), "version"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (sb_resp_member (patched, "appConnection"), "credentialsHash"), !=,
                   json_object_get_string_member (sb_resp_member (created, "appConnection"), "credentialsHash"));
  sb_assert_error (again, 400, "BadRequest", NULL);
}

static gboolean
is_iso8601 (const char *s)
{
  g_autoptr(GDateTime) dt = s ? g_date_time_new_from_iso8601 (s, NULL) : NULL;

  return dt != NULL;
}

/* Replays the request of seed 000_f093aa33623551eb.txt with real values and checks every
 * field of the seed's response shape. */
static void
test_fidelity_seed_000 (SbFixture *f, gconstpointer data)
{
  g_autofree char *site = site_callback (f);
  g_autofree char *code = sb_consent_code (f, site);
  const char *project_id = ferry_sandbox_get_project_id (f->sandbox, 0);
  g_autofree char *body = g_strdup_printf (
    "{\"method\":\"oauth\",\"credentials\":{\"code\":\"%s\",\"tenantId\":\"" TENANT "\",\"orgName\":\"contoso\"},"
    "\"name\":\"contoso-oauth\",\"description\":\"Contoso via OAuth\",\"projectId\":\"%s\","
    "\"isPlatformManagedCredentials\":false,\"gatewayId\":null,\"isAutoRotationEnabled\":false,\"rotation\":null}",
    code, project_id);
  g_autoptr(SbResponse) r = sb_request (f, "POST", BASE, f->token, body);
  JsonObject *root, *c, *creds, *project;
  const char *top[] = { "id", "name", "orgId", "createdAt", "updatedAt", "app", "method", "credentials", "description",
                        "version", "isPlatformManagedCredentials", "gatewayId", "projectId", "isAutoRotationEnabled",
                        "rotation", "credentialsHash", "project", NULL };

  g_assert_cmpuint (r->status, ==, 200);
  root = sb_resp_obj (r);
  g_assert_cmpuint (json_object_get_size (root), ==, 1);
  c = sb_resp_member (r, "appConnection");
  for (guint i = 0; top[i] != NULL; i++)
    if (!json_object_has_member (c, top[i]))
      g_error ("appConnection.%s missing", top[i]);

  g_assert_true (g_uuid_string_is_valid (json_object_get_string_member (c, "id")));
  g_assert_cmpstr (json_object_get_string_member (c, "name"), ==, "contoso-oauth");
  g_assert_cmpstr (json_object_get_string_member (c, "orgId"), ==, ferry_sandbox_get_organization_id (f->sandbox));
  g_assert_true (g_uuid_string_is_valid (json_object_get_string_member (c, "orgId")));
  g_assert_true (is_iso8601 (json_object_get_string_member (c, "createdAt")));
  g_assert_true (is_iso8601 (json_object_get_string_member (c, "updatedAt")));
  g_assert_cmpstr (json_object_get_string_member (c, "app"), ==, "azure-devops");
  g_assert_cmpstr (json_object_get_string_member (c, "method"), ==, "oauth");
  creds = json_object_get_object_member (c, "credentials");
  g_assert_cmpuint (json_object_get_size (creds), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (creds, "tenantId"), ==, TENANT);
  g_assert_cmpstr (json_object_get_string_member (creds, "orgName"), ==, "contoso");
  g_assert_cmpstr (json_object_get_string_member (c, "description"), ==, "Contoso via OAuth");
  g_assert_cmpint (json_object_get_int_member (c, "version"), ==, 1);
  g_assert_false (json_object_get_boolean_member (c, "isPlatformManagedCredentials"));
  g_assert_true (json_object_get_null_member (c, "gatewayId"));
  g_assert_cmpstr (json_object_get_string_member (c, "projectId"), ==, project_id);
  g_assert_false (json_object_get_boolean_member (c, "isAutoRotationEnabled"));
  /* Not supported for Azure DevOps: present and null. */
  g_assert_true (json_object_get_null_member (c, "rotation"));
  g_assert_cmpuint (strlen (json_object_get_string_member (c, "credentialsHash")), ==, 64);
  project = json_object_get_object_member (c, "project");
  g_assert_cmpuint (json_object_get_size (project), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (project, "name"), ==, "Web Storefront");
  g_assert_cmpstr (json_object_get_string_member (project, "id"), ==, project_id);
  g_assert_cmpstr (json_object_get_string_member (project, "type"), ==, "secret-manager");
  g_assert_cmpstr (json_object_get_string_member (project, "slug"), ==, "web-storefront-3k9x");
}

static SbResponse *
follow (SbFixture *f, SbResponse *r)
{
  const char *location = soup_message_headers_get_one (r->headers, "Location");
  const char *url = ferry_sandbox_get_url (f->sandbox);

  g_assert_cmpuint (r->status, ==, 302);
  g_assert_nonnull (location);
  if (g_str_has_prefix (location, url))
    location += strlen (url);
  return sb_request (f, "GET", location, NULL, NULL);
}

static void
test_web_way (SbFixture *f, gconstpointer data)
{
  g_autoptr(SbResponse) legacy = sb_request (f, "GET", "/organization/app-connections", NULL, NULL);
  g_autoptr(SbResponse) page = follow (f, legacy);
  g_autoptr(SbResponse) start = sb_request (f, "GET", "/organization/app-connections/azure-devops/oauth/start"
                                            "?name=web-made&tenantId=" TENANT "&orgName=contoso&auto=accept", NULL, NULL);
  g_autoptr(SbResponse) consent = follow (f, start);
  g_autoptr(SbResponse) callback = NULL;
  g_autoptr(SbResponse) done = NULL;
  g_autoptr(SbResponse) list = NULL;
  g_autoptr(SbResponse) forged = sb_request (f, "GET", CALLBACK "?code=x&state=forged%3C%3Aazure-devops", NULL, NULL);
  g_autoptr(SbResponse) forged_page = NULL;
  g_autofree char *site = site_callback (f);
  gboolean found = FALSE;

  g_assert_cmpuint (page->status, ==, 200);
  g_assert_nonnull (strstr (g_bytes_get_data (page->body, NULL), "id=\"oauth-form\""));
  g_assert_cmpuint (consent->status, ==, 302);
  g_assert_true (g_str_has_prefix (soup_message_headers_get_one (consent->headers, "Location"), site));
  callback = follow (f, consent);
  done = follow (f, callback);
  g_assert_cmpuint (done->status, ==, 200);
  g_assert_nonnull (strstr (g_bytes_get_data (done->body, NULL), "data-ok=\"true\""));

  list = sb_request (f, "GET", BASE, f->token, NULL);
  for (guint i = 0; i < json_array_get_length (sb_resp_array (list, "appConnections")); i++)
    {
      JsonObject *c = json_array_get_object_element (sb_resp_array (list, "appConnections"), i);

      if (g_strcmp0 (json_object_get_string_member (c, "name"), "web-made") == 0)
        {
          g_assert_cmpstr (json_object_get_string_member (c, "method"), ==, "oauth");
          found = TRUE;
        }
    }
  g_assert_true (found);

  forged_page = follow (f, forged);
  g_assert_cmpuint (forged_page->status, ==, 400);
  g_assert_nonnull (strstr (g_bytes_get_data (forged_page->body, NULL), "data-ok=\"false\""));
}

static void
test_not_configured (SbFixture *f, gconstpointer data)
{
  g_autofree char *site = site_callback (f);
  g_autofree char *code = sb_consent_code (f, site);
  g_autoptr(SbResponse) options = NULL;
  g_autoptr(SbResponse) r = NULL;
  JsonArray *items;

  ferry_sandbox_set_oauth_configured (f->sandbox, FALSE);
  options = sb_request (f, "GET", "/api/v1/app-connections/options", f->token, NULL);
  items = sb_resp_array (options, "appConnectionOptions");
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *o = json_array_get_object_element (items, i);

      if (g_strcmp0 (json_object_get_string_member (o, "app"), "azure-devops") == 0)
        {
          g_assert_false (json_object_has_member (o, "oauthClientId"));
          g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "methods")), ==, 3);
        }
    }
  r = create_oauth (f, "ado-unconfigured", code);
  sb_assert_error (r, 500, "InternalServerError", "Azure OAuth environment variables have not been configured");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn, seed) g_test_add (path, SbFixture, seed, sb_fixture_setup, fn, sb_fixture_teardown)
  ADD ("/sandbox/oauth/consent-accept-deny", test_consent_accept_deny, EMPTY);
  ADD ("/sandbox/oauth/site-mode", test_site_mode, EMPTY);
  ADD ("/sandbox/oauth/loopback-mode", test_loopback_mode, EMPTY);
  ADD ("/sandbox/oauth/code-expiry", test_code_expiry, EMPTY);
  ADD ("/sandbox/oauth/reconnect", test_reconnect, EMPTY);
  ADD ("/sandbox/oauth/fidelity-seed-000", test_fidelity_seed_000, DEMO);
  ADD ("/sandbox/oauth/web-way", test_web_way, DEMO);
  ADD ("/sandbox/oauth/not-configured", test_not_configured, EMPTY);
  return g_test_run ();
}
