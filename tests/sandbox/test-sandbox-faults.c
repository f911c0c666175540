/* test-sandbox-faults.c: fault injection (each kind), the rate-limit mode, the request log.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "sandbox-test-utils.h"

#define EMPTY GINT_TO_POINTER (FERRY_SANDBOX_SEED_EMPTY)
#define DEMO GINT_TO_POINTER (FERRY_SANDBOX_SEED_DEMO)
#define OPTIONS "/api/v1/app-connections/options"

static void
add_fault (SbFixture *f, const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  g_assert_true (ferry_sandbox_add_fault (f->sandbox, json_node_get_object (json_parser_get_root (parser)), &error));
  g_assert_no_error (error);
}

static void
test_status (SbFixture *f, gconstpointer data)
{
  g_autoptr(SbResponse) a = NULL;
  g_autoptr(SbResponse) b = NULL;
  g_autoptr(SbResponse) c = NULL;
  g_autoptr(SbResponse) other = NULL;

  add_fault (f, "{\"route\": \"GET " OPTIONS "\", \"status\": 503, \"count\": 2}");
  a = sb_request (f, "GET", OPTIONS, f->token, NULL);
  other = sb_request (f, "GET", "/api/v1/secret-syncs/options", f->token, NULL);
  b = sb_request (f, "GET", OPTIONS, f->token, NULL);
  c = sb_request (f, "GET", OPTIONS, f->token, NULL);
  /* A gateway answer: HTML, not Infisical's JSON. */
  g_assert_cmpuint (a->status, ==, 503);
  g_assert_null (a->json);
  g_assert_nonnull (soup_message_headers_get_one (a->headers, "Retry-After"));
  g_assert_cmpuint (other->status, ==, 200);
  g_assert_cmpuint (b->status, ==, 503);
  g_assert_cmpuint (c->status, ==, 200);
}

static void
test_status_kinds (SbFixture *f, gconstpointer data)
{
  g_autoptr(SbResponse) r429 = NULL;
  g_autoptr(SbResponse) r403 = NULL;
  g_autoptr(SbResponse) r500 = NULL;
  g_autoptr(SbResponse) r502 = NULL;

  add_fault (f, "{\"route\": \"GET /api/v1/secret-syncs/*\", \"status\": 429, \"retryAfter\": 7, \"count\": 1}");
  add_fault (f, "{\"route\": \"/api/v1/projects\", \"status\": 403, \"count\": 1}");
  add_fault (f, "{\"route\": \"POST /api/v1/auth/checkAuth\", \"status\": 500, \"count\": 1}");
  add_fault (f, "{\"route\": \"GET /api/v1/organization\", \"status\": 502, \"count\": 1}");
  r429 = sb_request (f, "GET", "/api/v1/secret-syncs/options", f->token, NULL);
  r403 = sb_request (f, "GET", "/api/v1/projects", f->token, NULL);
  r500 = sb_request (f, "POST", "/api/v1/auth/checkAuth", f->user_jwt, NULL);
  r502 = sb_request (f, "GET", "/api/v1/organization", f->user_jwt, NULL);

  sb_assert_error (r429, 429, "RateLimitExceeded", "Rate limit exceeded. Please try again in 7 seconds");
  g_assert_cmpstr (soup_message_headers_get_one (r429->headers, "Retry-After"), ==, "7");
  sb_assert_error (r403, 403, "TokenError", "Your token has expired. Please re-authenticate.");
  sb_assert_error (r500, 500, "InternalServerError", "Something went wrong");
  g_assert_cmpuint (r502->status, ==, 502);
  g_assert_null (r502->json);
}

typedef struct
{
  SbResponse *response;
  gboolean    done;
} Async;

static void
async_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  Async *a = data;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);

  a->response->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &a->response->error);
  a->response->status = soup_message_get_status (msg);
  a->done = TRUE;
}

static gboolean
async_done (gpointer data)
{
  return ((Async *) data)->done;
}

static void
test_latency (SbFixture *f, gconstpointer data)
{
  g_autofree char *url = g_strconcat (ferry_sandbox_get_url (f->sandbox), OPTIONS, NULL);
  g_autofree char *auth = g_strdup_printf ("Bearer %s", f->token);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(SbResponse) other = NULL;
  Async slow = { g_new0 (SbResponse, 1), FALSE };

  add_fault (f, "{\"route\": \"GET " OPTIONS "\", \"kind\": \"latency\", \"latencyMs\": 1500}");
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  soup_session_send_and_read_async (f->session, msg, G_PRIORITY_DEFAULT, NULL, async_cb, &slow);
  /* Another route answers while the delayed one is still held back. */
  other = sb_request (f, "GET", "/api/v1/secret-syncs/options", f->token, NULL);
  g_assert_cmpuint (other->status, ==, 200);
  g_assert_false (slow.done);
  g_assert_true (sb_spin_until (async_done, &slow, 20000));
  g_assert_no_error (slow.response->error);
  g_assert_cmpuint (slow.response->status, ==, 200);
  g_assert_nonnull (strstr (g_bytes_get_data (slow.response->body, NULL), "appConnectionOptions"));
  sb_response_free (slow.response);
}

static void
test_malformed_truncate_reset (SbFixture *f, gconstpointer data)
{
  g_autoptr(SbResponse) malformed = NULL;
  g_autoptr(SbResponse) truncated = NULL;
  g_autoptr(SbResponse) reset = NULL;
  g_autoptr(SbResponse) after = NULL;

  add_fault (f, "{\"route\": \"GET /api/v1/app-connections/azure-devops\", \"kind\": \"malformed\", \"count\": 1}");
  malformed = sb_request (f, "GET", "/api/v1/app-connections/azure-devops", f->token, NULL);
  g_assert_cmpuint (malformed->status, ==, 200);
  g_assert_nonnull (malformed->body);
  g_assert_cmpuint (g_bytes_get_size (malformed->body), >, 0);
  g_assert_null (malformed->json);

  add_fault (f, "{\"route\": \"GET /api/v1/app-connections/azure-devops\", \"kind\": \"truncate\", \"count\": 1}");
  truncated = sb_request (f, "GET", "/api/v1/app-connections/azure-devops", f->token, NULL);
  /* libsoup 3.2 hands back the short body without an error: fewer bytes than
   * Content-Length announced, and not JSON. */
  if (truncated->error == NULL)
    {
      g_assert_cmpint (soup_message_headers_get_content_length (truncated->headers), >, g_bytes_get_size (truncated->body));
      g_assert_null (truncated->json);
    }

  add_fault (f, "{\"route\": \"GET /api/v1/app-connections/azure-devops\", \"kind\": \"reset\", \"count\": 1}");
  reset = sb_request (f, "GET", "/api/v1/app-connections/azure-devops", f->token, NULL);
  g_assert_nonnull (reset->error);

  after = sb_request (f, "GET", "/api/v1/app-connections/azure-devops", f->token, NULL);
  g_assert_cmpuint (after->status, ==, 200);
}

static void
test_oversize_drip (SbFixture *f, gconstpointer data)
{
  g_autoptr(SbResponse) big = NULL;
  g_autoptr(SbResponse) normal = sb_request (f, "GET", OPTIONS, f->token, NULL);
  g_autoptr(SbResponse) drip = NULL;

  add_fault (f, "{\"route\": \"GET /api/v1/projects\", \"kind\": \"oversize\", \"bytes\": 3000000, \"count\": 1}");
  big = sb_request (f, "GET", "/api/v1/projects", f->token, NULL);
  g_assert_cmpuint (big->status, ==, 200);
  g_assert_cmpuint (g_bytes_get_size (big->body), >=, 3000000);

  add_fault (f, "{\"route\": \"GET " OPTIONS "\", \"kind\": \"drip\", \"chunkBytes\": 64, \"intervalMs\": 5, \"count\": 1}");
  drip = sb_request (f, "GET", OPTIONS, f->token, NULL);
  g_assert_no_error (drip->error);
  g_assert_cmpuint (drip->status, ==, 200);
  g_assert_cmpint (soup_message_headers_get_encoding (drip->headers), ==, SOUP_ENCODING_CHUNKED);
  g_assert_true (g_bytes_equal (drip->body, normal->body));
}

static gboolean
spin_done_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* A client that gives up on a dripping answer must not leave the sandbox writing into a
 * finished message (that was a fatal libsoup critical). */
static void
test_drip_client_hangs_up (SbFixture *f, gconstpointer data)
{
  g_autoptr(SbResponse) abandoned = NULL;
  g_autoptr(SbResponse) after = NULL;
  gboolean done = FALSE;

  add_fault (f, "{\"route\": \"GET " OPTIONS "\", \"kind\": \"drip\", \"chunkBytes\": 1, \"intervalMs\": 1500, \"count\": 1}");
  SoupSession *saved = f->session;

  /* A session of its own: the fixture's keeps a connection made without a timeout. */
  f->session = soup_session_new_with_options ("timeout", 1, NULL);
  abandoned = sb_request (f, "GET", OPTIONS, f->token, NULL);
  g_assert_nonnull (abandoned->error);
  soup_session_abort (f->session);
  g_object_unref (f->session);
  f->session = saved;

  /* Let the drip timer fire again after the hang-up. */
  g_timeout_add (2000, spin_done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  after = sb_request (f, "GET", OPTIONS, f->token, NULL);
  g_assert_no_error (after->error);
  g_assert_cmpuint (after->status, ==, 200);
}

static void
test_rate_limit (SbFixture *f, gconstpointer data)
{
  g_autoptr(SbResponse) limited = NULL;
  g_autoptr(SbResponse) control = NULL;

  add_fault (f, "{\"rateLimit\": {\"perMinute\": 3}}");
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(SbResponse) r = sb_request (f, "GET", OPTIONS, f->token, NULL);
      g_assert_cmpuint (r->status, ==, 200);
    }
  limited = sb_request (f, "GET", OPTIONS, f->token, NULL);
  sb_assert_error (limited, 429, "RateLimitExceeded", NULL);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (sb_resp_obj (limited), "message"),
                                   "Rate limit exceeded. Please try again in "));
  g_assert_nonnull (soup_message_headers_get_one (limited->headers, "Retry-After"));
  /* Control routes are never limited or faulted. */
  control = sb_request (f, "DELETE", "/sandbox/faults", NULL, NULL);
  g_assert_cmpuint (control->status, ==, 200);
  {
    g_autoptr(SbResponse) r = sb_request (f, "GET", OPTIONS, f->token, NULL);
    g_assert_cmpuint (r->status, ==, 200);
  }
}

static void
test_control_route (SbFixture *f, gconstpointer data)
{
  g_autoptr(SbResponse) add = sb_request (f, "POST", "/sandbox/faults", NULL, "{\"route\": \"*\", \"status\": 500}");
  g_autoptr(SbResponse) faulted = sb_request (f, "GET", OPTIONS, f->token, NULL);
  g_autoptr(SbResponse) still_control = sb_request (f, "GET", "/sandbox/requests", NULL, NULL);
  g_autoptr(SbResponse) clear = sb_request (f, "DELETE", "/sandbox/faults", NULL, NULL);
  g_autoptr(SbResponse) ok = sb_request (f, "GET", OPTIONS, f->token, NULL);
  g_autoptr(SbResponse) bad = sb_request (f, "POST", "/sandbox/faults", NULL, "{\"kind\": \"explode\"}");
  g_autoptr(SbResponse) list = sb_request (f, "POST", "/sandbox/faults", NULL,
                                           "[{\"route\": \"GET /api/v1/projects\", \"status\": 502, \"count\": 1}, {\"rateLimit\": {\"perMinute\": 100}}]");
  g_autoptr(SbResponse) after_list = sb_request (f, "GET", "/api/v1/projects", f->token, NULL);

  g_assert_cmpuint (add->status, ==, 200);
  sb_assert_error (faulted, 500, "InternalServerError", NULL);
  g_assert_cmpuint (still_control->status, ==, 200);
  g_assert_cmpuint (clear->status, ==, 200);
  g_assert_cmpuint (ok->status, ==, 200);
  g_assert_cmpuint (bad->status, ==, 400);
  g_assert_cmpuint (list->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (sb_resp_obj (list), "rateLimitPerMinute"), ==, 100);
  g_assert_cmpuint (after_list->status, ==, 502);
}

static JsonObject *
find_request (JsonArray *log, const char *method, const char *path)
{
  for (guint i = 0; i < json_array_get_length (log); i++)
    {
      JsonObject *e = json_array_get_object_element (log, i);

      if (g_strcmp0 (json_object_get_string_member (e, "method"), method) == 0
          && g_strcmp0 (json_object_get_string_member (e, "path"), path) == 0)
        return e;
    }
  return NULL;
}

static void
test_request_log (SbFixture *f, gconstpointer data)
{
  g_autofree char *login = g_strdup_printf ("{\"clientId\":\"%s\",\"clientSecret\":\"%s\"}",
                                            ferry_sandbox_get_identity_client_id (f->sandbox),
                                            ferry_sandbox_get_identity_client_secret (f->sandbox));
  g_autofree char *pat = g_strdup_printf ("{\"method\":\"access-token\",\"name\":\"logged\",\"credentials\":{\"accessToken\":\"%s\",\"orgName\":\"contoso\"}}",
                                          ferry_sandbox_get_devops_pat (f->sandbox, "contoso"));
  g_autoptr(SbResponse) l = sb_request (f, "POST", "/api/v1/auth/universal-auth/login", NULL, login);
  g_autoptr(SbResponse) c G_GNUC_UNUSED = sb_request (f, "POST", "/api/v1/app-connections/azure-devops", f->token, pat);
  g_autoptr(SbResponse) q G_GNUC_UNUSED = sb_requestf (f, "GET", f->token, NULL, "/api/v1/folders?workspaceId=%s&environment=dev&path=/",
                                         ferry_sandbox_get_project_id (f->sandbox, 0));
  g_autoptr(SbResponse) log = sb_request (f, "GET", "/sandbox/requests", NULL, NULL);
  g_autofree char *text = NULL;
  JsonArray *entries;
  JsonObject *e;
  g_autoptr(SbResponse) cleared = NULL;
  g_autoptr(SbResponse) empty = NULL;
  g_autoptr(JsonNode) api = NULL;

  g_assert_cmpuint (log->status, ==, 200);
  entries = json_node_get_array (log->json);
  text = g_strndup (g_bytes_get_data (log->body, NULL), g_bytes_get_size (log->body));
  /* No secret, token or PAT ever appears in the log. */
  g_assert_null (strstr (text, ferry_sandbox_get_identity_client_secret (f->sandbox)));
  g_assert_null (strstr (text, ferry_sandbox_get_devops_pat (f->sandbox, "contoso")));
  g_assert_null (strstr (text, f->token));
  g_assert_null (strstr (text, json_object_get_string_member (sb_resp_obj (l), "accessToken")));

  e = find_request (entries, "POST", "/api/v1/auth/universal-auth/login");
  g_assert_nonnull (e);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (e, "body"), "clientSecret"), ==, "[REDACTED]");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (e, "body"), "clientId"), ==,
                   ferry_sandbox_get_identity_client_id (f->sandbox));
  g_assert_cmpint (json_object_get_int_member (e, "status"), ==, 200);
  e = find_request (entries, "POST", "/api/v1/app-connections/azure-devops");
  g_assert_cmpstr (json_object_get_string_member (e, "authorization"), ==, "Bearer [REDACTED]");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_object_get_object_member (e, "body"), "credentials"), "accessToken"), ==, "[REDACTED]");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_object_get_object_member (e, "body"), "credentials"), "orgName"), ==, "contoso");
  e = find_request (entries, "GET", "/api/v1/folders");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (e, "query"), "environment"), ==, "dev");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (e, "query"), "path"), ==, "/");
  g_assert_null (find_request (entries, "GET", "/sandbox/requests"));

  api = ferry_sandbox_get_requests (f->sandbox);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (api)), ==, json_array_get_length (entries));

  cleared = sb_request (f, "DELETE", "/sandbox/requests", NULL, NULL);
  g_assert_cmpuint (cleared->status, ==, 200);
  empty = sb_request (f, "GET", "/sandbox/requests", NULL, NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (empty->json)), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn, seed) g_test_add (path, SbFixture, seed, sb_fixture_setup, fn, sb_fixture_teardown)
  ADD ("/sandbox/faults/status-count", test_status, EMPTY);
  ADD ("/sandbox/faults/status-kinds", test_status_kinds, EMPTY);
  ADD ("/sandbox/faults/latency", test_latency, EMPTY);
  ADD ("/sandbox/faults/malformed-truncate-reset", test_malformed_truncate_reset, DEMO);
  ADD ("/sandbox/faults/oversize-drip", test_oversize_drip, DEMO);
  ADD ("/sandbox/faults/drip-client-hangs-up", test_drip_client_hangs_up, DEMO);
  ADD ("/sandbox/faults/rate-limit", test_rate_limit, EMPTY);
  ADD ("/sandbox/faults/control-route", test_control_route, DEMO);
  ADD ("/sandbox/faults/request-log", test_request_log, DEMO);
  return g_test_run ();
}
