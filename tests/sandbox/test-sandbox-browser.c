/* test-sandbox-browser.c: the sandbox's web pages driven by real headless Chromium: the CLI
 * sign-in page posting to a loopback listener (with a CORS preflight), its paste-token
 * fallback, the Microsoft consent redirect and the App Connections "web way".
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "sandbox-test-utils.h"

#define DEMO GINT_TO_POINTER (FERRY_SANDBOX_SEED_DEMO)
#define CHROMIUM "/usr/bin/chromium"

/* A loopback listener like the CLI's (and Ferry's) sign-in receiver. */
typedef struct
{
  SoupServer *server;
  guint       port;
  char       *allowed_origin;   /* NULL: refuse the preflight */
  gboolean    saw_preflight;
  char       *posted;           /* body of the POST */
  char       *callback_query;   /* query of GET /callback */
} Listener;

static void
listener_cb (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  Listener *l = user_data;
  const char *method = soup_server_message_get_method (msg);
  SoupMessageHeaders *req_h = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *resp_h = soup_server_message_get_response_headers (msg);
  const char *origin = soup_message_headers_get_one (req_h, "Origin");
  gboolean origin_ok = l->allowed_origin != NULL && g_strcmp0 (origin, l->allowed_origin) == 0;

  if (g_str_equal (path, "/callback"))
    {
      const char *q = g_uri_get_query (soup_server_message_get_uri (msg));

      g_free (l->callback_query);
      l->callback_query = g_strdup (q ? q : "");
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC,
                                        "<html><body><h1 id=\"done\">Back in the app</h1></body></html>", 59);
      return;
    }
  if (g_str_equal (method, "OPTIONS"))
    {
      l->saw_preflight = TRUE;
      if (!origin_ok)
        {
          soup_server_message_set_status (msg, 403, NULL);
          return;
        }
      soup_message_headers_replace (resp_h, "Access-Control-Allow-Origin", origin);
      soup_message_headers_replace (resp_h, "Access-Control-Allow-Methods", "POST, OPTIONS");
      soup_message_headers_replace (resp_h, "Access-Control-Allow-Headers", "Content-Type");
      soup_message_headers_replace (resp_h, "Access-Control-Allow-Credentials", "true");
      soup_message_headers_replace (resp_h, "Vary", "Origin");
      if (soup_message_headers_get_one (req_h, "Access-Control-Request-Private-Network") != NULL)
        soup_message_headers_replace (resp_h, "Access-Control-Allow-Private-Network", "true");
      soup_server_message_set_status (msg, 204, NULL);
      return;
    }
  if (g_str_equal (method, "POST") && origin_ok)
    {
      SoupMessageBody *body = soup_server_message_get_request_body (msg);
      g_autoptr(GBytes) bytes = soup_message_body_flatten (body);

      g_free (l->posted);
      l->posted = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      soup_message_headers_replace (resp_h, "Access-Control-Allow-Origin", origin);
      soup_message_headers_replace (resp_h, "Access-Control-Allow-Credentials", "true");
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "", 0);
      return;
    }
  soup_server_message_set_status (msg, 403, NULL);
}

static Listener *
listener_new (const char *allowed_origin)
{
  Listener *l = g_new0 (Listener, 1);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  l->allowed_origin = g_strdup (allowed_origin);
  l->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (l->server, NULL, listener_cb, l, NULL);
  soup_server_listen_local (l->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (l->server);
  l->port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return l;
}

static void
listener_free (Listener *l)
{
  soup_server_disconnect (l->server);
  g_object_unref (l->server);
  g_free (l->allowed_origin);
  g_free (l->posted);
  g_free (l->callback_query);
  g_free (l);
}

typedef struct
{
  char    *dom;
  gboolean done;
} Dump;

static void
communicate_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  Dump *d = data;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_finish (G_SUBPROCESS (source), result, &out, NULL, &error);
  g_assert_no_error (error);
  d->dom = out ? g_strndup (g_bytes_get_data (out, NULL), g_bytes_get_size (out)) : g_strdup ("");
  d->done = TRUE;
}

static gboolean
dump_done (gpointer data)
{
  return ((Dump *) data)->done;
}

/* Runs headless Chromium on @url until it dumps the final DOM; the servers keep running
 * on this thread's main context meanwhile. */
static char *
chromium_dump (const char *url)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *profile = g_dir_make_tmp ("ferry-chromium-XXXXXX", &error);
  g_autofree char *profile_arg = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autofree char *rm = NULL;
  Dump d = { NULL, FALSE };

  g_assert_no_error (error);
  profile_arg = g_strdup_printf ("--user-data-dir=%s", profile);
  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                           CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                           "--disable-background-networking", "--disable-component-update", "--disable-sync",
                           "--virtual-time-budget=5000", profile_arg, "--dump-dom", url, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_async (proc, NULL, NULL, communicate_cb, &d);
  g_assert_true (sb_spin_until (dump_done, &d, 90000));
  rm = g_strdup_printf ("rm -rf '%s'", profile);
  g_spawn_command_line_sync (rm, NULL, NULL, NULL, NULL);
  return d.dom;
}

static gboolean
skip_without_chromium (void)
{
  if (!g_file_test (CHROMIUM, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("Chromium is not installed (" CHROMIUM ")");
      return TRUE;
    }
  return FALSE;
}

static void
test_signin_posts_to_loopback (SbFixture *f, gconstpointer data)
{
  Listener *l;
  g_autofree char *url = NULL;
  g_autofree char *dom = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *payload;
  g_autoptr(SbResponse) check = NULL;

  if (skip_without_chromium ())
    return;
  l = listener_new (ferry_sandbox_get_url (f->sandbox));
  url = g_strdup_printf ("%s/login?callback_port=%u&auto=1", ferry_sandbox_get_url (f->sandbox), l->port);
  dom = chromium_dump (url);

  g_assert_true (l->saw_preflight);
  g_assert_nonnull (l->posted);
  g_assert_true (json_parser_load_from_data (parser, l->posted, -1, NULL));
  payload = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (payload, "email"), ==, ferry_sandbox_get_user_email (f->sandbox));
  g_assert_cmpstr (json_object_get_string_member (payload, "privateKey"), ==, "");
  check = sb_request (f, "POST", "/api/v1/auth/checkAuth", json_object_get_string_member (payload, "JTWToken"), NULL);
  g_assert_cmpuint (check->status, ==, 200);
  g_assert_nonnull (strstr (dom, "<title>success</title>"));
  g_assert_nonnull (strstr (dom, "Head back to your terminal"));
  listener_free (l);
}

static void
test_signin_paste_fallback (SbFixture *f, gconstpointer data)
{
  Listener *l;
  g_autofree char *url = NULL;
  g_autofree char *dom = NULL;
  const char *start, *end;
  g_autofree char *b64 = NULL;
  g_autofree guchar *decoded = NULL;
  gsize len;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(SbResponse) check = NULL;

  if (skip_without_chromium ())
    return;
  /* A listener that refuses the preflight: the browser cannot deliver the token. */
  l = listener_new (NULL);
  url = g_strdup_printf ("%s/login?callback_port=%u&auto=1", ferry_sandbox_get_url (f->sandbox), l->port);
  dom = chromium_dump (url);

  g_assert_null (l->posted);
  g_assert_nonnull (strstr (dom, "<title>failure</title>"));
  start = strstr (dom, "id=\"paste-token\">");
  g_assert_nonnull (start);
  start += strlen ("id=\"paste-token\">");
  end = strchr (start, '<');
  b64 = g_strndup (start, end - start);
  decoded = g_base64_decode (b64, &len);
  g_assert_true (json_parser_load_from_data (parser, (const char *) decoded, len, NULL));
  check = sb_request (f, "POST", "/api/v1/auth/checkAuth",
                      json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)), "JTWToken"), NULL);
  g_assert_cmpuint (check->status, ==, 200);
  listener_free (l);
}

static void
test_consent_to_loopback (SbFixture *f, gconstpointer data)
{
  Listener *l;
  g_autofree char *redirect = NULL;
  g_autofree char *r = NULL;
  g_autofree char *url = NULL;
  g_autofree char *dom = NULL;
  g_autoptr(GHashTable) params = NULL;
  g_autofree char *body = NULL;
  g_autoptr(SbResponse) created = NULL;

  if (skip_without_chromium ())
    return;
  l = listener_new (NULL);
  ferry_sandbox_set_oauth_redirect (f->sandbox, FERRY_SANDBOX_OAUTH_REDIRECT_LOOPBACK);
  ferry_sandbox_set_default_consent (f->sandbox, "accept");
  redirect = g_strdup_printf ("http://127.0.0.1:%u/callback", l->port);
  r = g_uri_escape_string (redirect, NULL, FALSE);
  /* The authorize URL the way Infisical's UI builds it (state with the <:> suffix). */
  url = g_strdup_printf ("%s/sandbox/microsoft/common/oauth2/v2.0/authorize?client_id=%s&response_type=code"
                         "&redirect_uri=%s&response_mode=query&scope=https://azconfig.io/.default%%20openid%%20offline_access"
                         "&state=0a1b2c3d4e5f60718293a4b5c6d7e8f9<:>azure-devops",
                         ferry_sandbox_get_url (f->sandbox), ferry_sandbox_get_oauth_client_id (f->sandbox), r);
  dom = chromium_dump (url);

  g_assert_nonnull (strstr (dom, "Back in the app"));
  g_assert_nonnull (l->callback_query);
  params = g_uri_parse_params (l->callback_query, -1, "&", G_URI_PARAMS_NONE, NULL);
  g_assert_cmpstr (g_hash_table_lookup (params, "state"), ==, "0a1b2c3d4e5f60718293a4b5c6d7e8f9<:>azure-devops");
  g_assert_nonnull (g_hash_table_lookup (params, "code"));
  body = g_strdup_printf ("{\"method\":\"oauth\",\"name\":\"from-chromium\",\"credentials\":{\"code\":\"%s\","
                          "\"tenantId\":\"common\",\"orgName\":\"contoso\"}}", (char *) g_hash_table_lookup (params, "code"));
  created = sb_request (f, "POST", "/api/v1/app-connections/azure-devops", f->token, body);
  g_assert_cmpuint (created->status, ==, 200);
  listener_free (l);
}

static void
test_web_way (SbFixture *f, gconstpointer data)
{
  g_autofree char *url = NULL;
  g_autofree char *dom = NULL;
  g_autoptr(SbResponse) r = NULL;

  if (skip_without_chromium ())
    return;
  /* A stock (site-mode) server: the code comes back to the site's own callback page. */
  url = g_strdup_printf ("%s/organization/app-connections?name=web-chromium&tenantId=common&orgName=contoso&auto=accept",
                         ferry_sandbox_get_url (f->sandbox));
  dom = chromium_dump (url);
  g_assert_nonnull (strstr (dom, "data-ok=\"true\""));
  r = sb_request (f, "GET", "/api/v1/app-connections/azure-devops/connection-name/web-chromium", f->token, NULL);
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (sb_resp_member (r, "appConnection"), "method"), ==, "oauth");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add (path, SbFixture, DEMO, sb_fixture_setup, fn, sb_fixture_teardown)
  ADD ("/sandbox/browser/signin-posts-to-loopback", test_signin_posts_to_loopback);
  ADD ("/sandbox/browser/signin-paste-fallback", test_signin_paste_fallback);
  ADD ("/sandbox/browser/consent-to-loopback", test_consent_to_loopback);
  ADD ("/sandbox/browser/web-way", test_web_way);
  return g_test_run ();
}
