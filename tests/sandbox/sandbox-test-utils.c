/* sandbox-test-utils.c
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "sandbox-test-utils.h"

void
sb_response_free (SbResponse *response)
{
  g_clear_pointer (&response->body, g_bytes_unref);
  g_clear_pointer (&response->json, json_node_unref);
  g_clear_pointer (&response->headers, soup_message_headers_unref);
  g_clear_error (&response->error);
  g_free (response);
}

void
sb_spin_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

gboolean
sb_spin_until (gboolean (*predicate) (gpointer),
               gpointer   data,
               guint      timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!predicate (data))
    {
      if (g_get_monotonic_time () > end)
        return predicate (data);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  return TRUE;
}

void
sb_fixture_setup (SbFixture     *fixture,
                  gconstpointer  seed)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  g_autoptr(SbResponse) login = NULL;

  fixture->sandbox = ferry_sandbox_new (GPOINTER_TO_INT (seed));
  ferry_sandbox_set_job_delay (fixture->sandbox, 20);
  ferry_sandbox_start (fixture->sandbox, 0, &error);
  g_assert_no_error (error);
  fixture->session = soup_session_new_with_options ("timeout", 30, "max-conns-per-host", 16, NULL);

  body = g_strdup_printf ("{\"clientId\":\"%s\",\"clientSecret\":\"%s\"}",
                          ferry_sandbox_get_identity_client_id (fixture->sandbox),
                          ferry_sandbox_get_identity_client_secret (fixture->sandbox));
  login = sb_request (fixture, "POST", "/api/v1/auth/universal-auth/login", NULL, body);
  g_assert_cmpuint (login->status, ==, 200);
  fixture->token = g_strdup (json_object_get_string_member (sb_resp_obj (login), "accessToken"));
  fixture->user_jwt = ferry_sandbox_issue_user_jwt (fixture->sandbox, 3600);
  ferry_sandbox_clear_requests (fixture->sandbox);
}

void
sb_fixture_teardown (SbFixture     *fixture,
                     gconstpointer  seed)
{
  soup_session_abort (fixture->session);
  g_clear_object (&fixture->session);
  ferry_sandbox_stop (fixture->sandbox);
  g_clear_object (&fixture->sandbox);
  g_clear_pointer (&fixture->token, g_free);
  g_clear_pointer (&fixture->user_jwt, g_free);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

typedef struct
{
  SbResponse *response;
  gboolean    done;
} Pending;

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Pending *p = user_data;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);

  p->response->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &p->response->error);
  if (p->response->error == NULL)
    {
      p->response->status = soup_message_get_status (msg);
      p->response->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
    }
  p->done = TRUE;
}

static gboolean
pending_done (gpointer data)
{
  return ((Pending *) data)->done;
}

SbResponse *
sb_request (SbFixture  *fixture,
            const char *method,
            const char *path,
            const char *token,
            const char *body)
{
  return sb_request_at (fixture->session, ferry_sandbox_get_url (fixture->sandbox), method, path, token, body);
}

SbResponse *
sb_request_at (SoupSession *session,
               const char  *base_url,
               const char  *method,
               const char  *path,
               const char  *token,
               const char  *body)
{
  g_autofree char *url = g_strconcat (base_url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  Pending p = { g_new0 (SbResponse, 1), FALSE };

  g_assert_nonnull (msg);
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  if (token != NULL)
    {
      g_autofree char *auth = g_strdup_printf ("Bearer %s", token);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
    }
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, sent_cb, &p);
  g_assert_true (sb_spin_until (pending_done, &p, 60000));

  if (p.response->body != NULL && g_bytes_get_size (p.response->body) > 0)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      if (json_parser_load_from_data (parser, g_bytes_get_data (p.response->body, NULL),
                                      g_bytes_get_size (p.response->body), NULL))
        p.response->json = json_node_ref (json_parser_get_root (parser));
    }
  return p.response;
}

SbResponse *
sb_requestf (SbFixture  *fixture,
             const char *method,
             const char *token,
             const char *body,
             const char *path_format,
             ...)
{
  g_autofree char *path = NULL;
  va_list args;

  va_start (args, path_format);
  path = g_strdup_vprintf (path_format, args);
  va_end (args);
  return sb_request (fixture, method, path, token, body);
}

JsonObject *
sb_resp_obj (SbResponse *response)
{
  g_assert_nonnull (response->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (response->json));
  return json_node_get_object (response->json);
}

JsonObject *
sb_resp_member (SbResponse *response,
                const char *member)
{
  JsonObject *obj = sb_resp_obj (response);

  g_assert_true (json_object_has_member (obj, member));
  return json_object_get_object_member (obj, member);
}

JsonArray *
sb_resp_array (SbResponse *response,
               const char *member)
{
  JsonObject *obj = sb_resp_obj (response);

  g_assert_true (json_object_has_member (obj, member));
  return json_object_get_array_member (obj, member);
}

void
sb_assert_error (SbResponse *response,
                 guint       status,
                 const char *error,
                 const char *message)
{
  JsonObject *obj;
  const char *req_id;

  g_assert_cmpuint (response->status, ==, status);
  obj = sb_resp_obj (response);
  req_id = json_object_get_string_member (obj, "reqId");
  g_assert_true (g_str_has_prefix (req_id, "req-"));
  g_assert_cmpuint (strlen (req_id), ==, 18);
  g_assert_cmpint (json_object_get_int_member (obj, "statusCode"), ==, status);
  if (error != NULL)
    g_assert_cmpstr (json_object_get_string_member (obj, "error"), ==, error);
  if (message != NULL)
    g_assert_cmpstr (json_object_get_string_member (obj, "message"), ==, message);
  else
    g_assert_true (json_object_has_member (obj, "message"));
}

void
sb_assert_issue (SbResponse *response,
                 const char *path,
                 const char *code)
{
  JsonArray *issues;
  g_auto(GStrv) want = g_strsplit (path, ".", -1);

  sb_assert_error (response, 422, "ValidationFailure", NULL);
  issues = json_object_get_array_member (sb_resp_obj (response), "message");
  for (guint i = 0; i < json_array_get_length (issues); i++)
    {
      JsonObject *issue = json_array_get_object_element (issues, i);
      JsonArray *p = json_object_get_array_member (issue, "path");
      gboolean same = json_array_get_length (p) == g_strv_length (want);

      for (guint k = 0; same && k < json_array_get_length (p); k++)
        same = g_strcmp0 (json_array_get_string_element (p, k), want[k]) == 0;
      g_assert_true (json_object_has_member (issue, "message"));
      if (same && (code == NULL || g_strcmp0 (json_object_get_string_member (issue, "code"), code) == 0))
        return;
    }
  g_error ("No issue with path %s (code %s) in %s", path, code ? code : "any",
           (const char *) g_bytes_get_data (response->body, NULL));
}

char *
sb_consent (SbFixture  *fixture,
            const char *tenant,
            const char *redirect_uri,
            const char *state,
            const char *decision)
{
  g_autofree char *r = g_uri_escape_string (redirect_uri, NULL, FALSE);
  g_autofree char *s = g_uri_escape_string (state, NULL, FALSE);
  g_autoptr(SbResponse) page = NULL;
  g_autoptr(SbResponse) decided = NULL;

  page = sb_requestf (fixture, "GET", NULL, NULL,
                      "/sandbox/microsoft/%s/oauth2/v2.0/authorize?client_id=%s&response_type=code&redirect_uri=%s"
                      "&response_mode=query&scope=https%%3A%%2F%%2Fazconfig.io%%2F.default%%20openid%%20offline_access&state=%s",
                      tenant, ferry_sandbox_get_oauth_client_id (fixture->sandbox), r, s);
  g_assert_cmpuint (page->status, ==, 200);
  g_assert_nonnull (strstr (g_bytes_get_data (page->body, NULL), "id=\"accept\""));
  g_assert_nonnull (strstr (g_bytes_get_data (page->body, NULL), "id=\"deny\""));
  decided = sb_requestf (fixture, "GET", NULL, NULL,
                         "/sandbox/microsoft/%s/oauth2/v2.0/decide?decision=%s&client_id=%s&redirect_uri=%s&state=%s",
                         tenant, decision, ferry_sandbox_get_oauth_client_id (fixture->sandbox), r, s);
  g_assert_cmpuint (decided->status, ==, 302);
  return g_strdup (soup_message_headers_get_one (decided->headers, "Location"));
}

char *
sb_consent_code (SbFixture  *fixture,
                 const char *redirect_uri)
{
  g_autofree char *location = sb_consent (fixture, "common", redirect_uri, "st4te", "accept");
  g_autoptr(GUri) uri = g_uri_parse (location, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GHashTable) params = NULL;

  g_assert_nonnull (uri);
  params = g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_NONE, NULL);
  g_assert_cmpstr (g_hash_table_lookup (params, "state"), ==, "st4te");
  g_assert_nonnull (g_hash_table_lookup (params, "code"));
  return g_strdup (g_hash_table_lookup (params, "code"));
}

typedef struct
{
  SbFixture  *fixture;
  const char *sync_id;
  const char *member;
  char       *value;
} SyncPoll;

static gboolean
sync_final (gpointer data)
{
  SyncPoll *p = data;
  g_autoptr(SbResponse) r = sb_requestf (p->fixture, "GET", p->fixture->token, NULL,
                                         "/api/v1/secret-syncs/azure-devops/%s", p->sync_id);
  JsonObject *sync;
  const char *status;

  if (r->status == 404)
    {
      g_free (p->value);
      p->value = g_strdup ("deleted");
      return TRUE;
    }
  g_assert_cmpuint (r->status, ==, 200);
  sync = sb_resp_member (r, "secretSync");
  status = json_object_get_null_member (sync, p->member) ? NULL : json_object_get_string_member (sync, p->member);
  if (g_strcmp0 (status, "succeeded") == 0 || g_strcmp0 (status, "failed") == 0)
    {
      g_free (p->value);
      p->value = g_strdup (status);
      return TRUE;
    }
  sb_spin_for (5);
  return FALSE;
}

char *
sb_wait_sync_status (SbFixture  *fixture,
                     const char *sync_id,
                     const char *member)
{
  SyncPoll p = { fixture, sync_id, member, NULL };

  g_assert_true (sb_spin_until (sync_final, &p, 20000));
  return p.value;
}
