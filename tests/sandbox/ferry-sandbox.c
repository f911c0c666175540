/* ferry-sandbox.c: the sandbox object, router, replies and JSON helpers.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "sandbox-private.h"

G_DEFINE_FINAL_TYPE (FerrySandbox, ferry_sandbox, G_TYPE_OBJECT)

/* ------------------------------------------------------------------------------------ */
/* Small helpers                                                                         */

char *
sb_new_uuid (void)
{
  return g_uuid_string_random ();
}

char *
sb_new_req_id (void)
{
  static const char alphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  GString *s = g_string_new ("req-");

  for (guint i = 0; i < 14; i++)
    g_string_append_c (s, alphabet[g_random_int_range (0, sizeof alphabet - 1)]);
  return g_string_free (s, FALSE);
}

char *
sb_iso_from_unix (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_seconds);

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S.000Z");
}

char *
sb_iso_from_datetime (GDateTime *dt)
{
  g_autofree char *base = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S");

  return g_strdup_printf ("%s.%03dZ", base, g_date_time_get_microsecond (dt) / 1000);
}

char *
sb_iso_from_unix_ms (gint64 unix_ms)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_ms / 1000);
  g_autoptr(GDateTime) with_ms = g_date_time_add (dt, (unix_ms % 1000) * G_TIME_SPAN_MILLISECOND);

  return sb_iso_from_datetime (with_ms);
}

char *
sb_now_iso (void)
{
  g_autoptr(GDateTime) dt = g_date_time_new_now_utc ();
  g_autofree char *base = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S");

  return g_strdup_printf ("%s.%03dZ", base, g_date_time_get_microsecond (dt) / 1000);
}

const char *
sb_get_str (JsonObject *obj,
            const char *member)
{
  JsonNode *node;

  if (obj == NULL || !json_object_has_member (obj, member))
    return NULL;
  node = json_object_get_member (obj, member);
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  return NULL;
}

gint64
sb_get_int (JsonObject *obj,
            const char *member,
            gint64      def)
{
  JsonNode *node;

  if (obj == NULL || !json_object_has_member (obj, member))
    return def;
  node = json_object_get_member (obj, member);
  if (!JSON_NODE_HOLDS_VALUE (node))
    return def;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return json_node_get_int (node);
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    return (gint64) json_node_get_double (node);
  return def;
}

gboolean
sb_get_bool (JsonObject *obj,
             const char *member,
             gboolean    def)
{
  JsonNode *node;

  if (obj == NULL || !json_object_has_member (obj, member))
    return def;
  node = json_object_get_member (obj, member);
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node);
  return def;
}

JsonObject *
sb_get_obj (JsonObject *obj,
            const char *member)
{
  JsonNode *node;

  if (obj == NULL || !json_object_has_member (obj, member))
    return NULL;
  node = json_object_get_member (obj, member);
  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonArray *
sb_get_arr (JsonObject *obj,
            const char *member)
{
  JsonNode *node;

  if (obj == NULL || !json_object_has_member (obj, member))
    return NULL;
  node = json_object_get_member (obj, member);
  return JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

JsonArray *
sb_state_array (FerrySandbox *self,
                const char   *member)
{
  JsonArray *array = sb_get_arr (self->state, member);

  if (array == NULL)
    {
      array = json_array_new ();
      json_object_set_array_member (self->state, member, array);
    }
  return array;
}

JsonObject *
sb_find_by (JsonArray  *array,
            const char *member,
            const char *value)
{
  if (array == NULL || value == NULL)
    return NULL;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *obj = json_array_get_object_element (array, i);

      if (g_strcmp0 (sb_get_str (obj, member), value) == 0)
        return obj;
    }
  return NULL;
}

gboolean
sb_remove_by (JsonArray  *array,
              const char *member,
              const char *value)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *obj = json_array_get_object_element (array, i);

      if (g_strcmp0 (sb_get_str (obj, member), value) == 0)
        {
          json_array_remove_element (array, i);
          return TRUE;
        }
    }
  return FALSE;
}

/* A deep copy without the private ("_"-prefixed) members. */
JsonObject *
sb_public_copy (JsonObject *obj)
{
  JsonObject *copy = json_object_new ();
  g_autoptr(GList) members = json_object_get_members (obj);

  /* json_object_get_members () keeps the insertion order. */
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;

      if (name[0] == '_')
        continue;
      json_object_set_member (copy, name, json_node_copy (json_object_get_member (obj, name)));
    }
  return copy;
}

gboolean
sb_is_uuid (const char *s)
{
  return s != NULL && g_uuid_string_is_valid (s);
}

/* What slugify(v, {lowercase: true}) === v accepts: lowercase words joined by single hyphens. */
gboolean
sb_is_slug (const char *s)
{
  gboolean prev_hyphen = TRUE;

  if (s == NULL || *s == '\0')
    return FALSE;
  for (const char *p = s; *p; p++)
    {
      if (*p == '-')
        {
          if (prev_hyphen)
            return FALSE;
          prev_hyphen = TRUE;
        }
      else if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))
        prev_hyphen = FALSE;
      else
        return FALSE;
    }
  return !prev_hyphen;
}

char *
sb_json_to_string (JsonNode *node)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();

  json_generator_set_root (gen, node);
  return json_generator_to_data (gen, NULL);
}

void
sb_set_str_or_null (JsonObject *obj,
                    const char *member,
                    const char *value)
{
  if (value != NULL)
    json_object_set_string_member (obj, member, value);
  else
    json_object_set_null_member (obj, member);
}

const char *
sb_query (SbRequest  *req,
          const char *name)
{
  return g_hash_table_lookup (req->query, name);
}

const char *
sb_param (SbRequest  *req,
          const char *name)
{
  return g_hash_table_lookup (req->params, name);
}

JsonObject *
sb_body_obj (SbRequest *req)
{
  if (req->body != NULL && JSON_NODE_HOLDS_OBJECT (req->body))
    return json_node_get_object (req->body);
  return NULL;
}

/* ------------------------------------------------------------------------------------ */
/* Replies                                                                               */

void
sb_reply_json (SbRequest *req,
               guint      status,
               JsonNode  *node)
{
  g_autofree char *text = sb_json_to_string (node);

  soup_server_message_set_status (req->msg, status, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                "X-Request-Id", req->req_id);
  soup_server_message_set_response (req->msg, "application/json; charset=utf-8",
                                    SOUP_MEMORY_COPY, text, strlen (text));
  req->replied = TRUE;
  sb_requests_set_status (req, status);
}

void
sb_reply_object (SbRequest  *req,
                 const char *wrap_key,
                 JsonObject *obj)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  if (wrap_key != NULL)
    {
      JsonObject *wrap = json_object_new ();

      json_object_set_object_member (wrap, wrap_key, obj);
      json_node_take_object (node, wrap);
    }
  else
    json_node_take_object (node, obj);
  sb_reply_json (req, SOUP_STATUS_OK, node);
}

void
sb_reply_error_node (SbRequest  *req,
                  guint       status,
                  const char *error,
                  JsonNode   *message)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *obj = json_object_new ();

  json_object_set_string_member (obj, "reqId", req->req_id);
  json_object_set_int_member (obj, "statusCode", status);
  json_object_set_member (obj, "message", message);
  json_object_set_string_member (obj, "error", error);
  json_node_take_object (node, obj);
  sb_reply_json (req, status, node);
}

void
sb_reply_error (SbRequest  *req,
                guint       status,
                const char *error,
                const char *message)
{
  sb_reply_error_node (req, status, error, json_node_init_string (json_node_alloc (), message));
}

void
sb_reply_errorf (SbRequest  *req,
                 guint       status,
                 const char *error,
                 const char *format,
                 ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  sb_reply_error (req, status, error, message);
}

void
sb_reply_html (SbRequest  *req,
               guint       status,
               const char *html)
{
  soup_server_message_set_status (req->msg, status, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                "Cache-Control", "no-store");
  soup_server_message_set_response (req->msg, "text/html; charset=utf-8",
                                    SOUP_MEMORY_COPY, html, strlen (html));
  req->replied = TRUE;
  sb_requests_set_status (req, status);
}

void
sb_reply_redirect (SbRequest  *req,
                   const char *location)
{
  soup_server_message_set_status (req->msg, SOUP_STATUS_FOUND, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                "Location", location);
  soup_server_message_set_response (req->msg, "text/plain", SOUP_MEMORY_STATIC, "", 0);
  req->replied = TRUE;
  sb_requests_set_status (req, SOUP_STATUS_FOUND);
}

/* ------------------------------------------------------------------------------------ */
/* State                                                                                 */

static gboolean
save_state (FerrySandbox  *self,
            GError       **error)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *text = NULL;
  gsize len;

  if (self->state_file == NULL)
    return TRUE;
  json_node_set_object (root, self->state);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  text = json_generator_to_data (gen, &len);
  return g_file_set_contents_full (self->state_file, text, len,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

void
sb_state_changed (FerrySandbox *self)
{
  g_autoptr(GError) error = NULL;

  if (!save_state (self, &error))
    g_warning ("Could not save the sandbox state: %s", error->message);
}

GSource *
sb_timeout_source (FerrySandbox *self,
                   guint         ms,
                   GSourceFunc   func,
                   gpointer      data)
{
  GSource *source = g_timeout_source_new (ms);

  g_source_set_callback (source, func, data, NULL);
  g_source_attach (source, self->context);
  return source;
}

/* ------------------------------------------------------------------------------------ */
/* Routing                                                                               */

static const SbRoute *route_tables[8];

static void
init_route_tables (void)
{
  route_tables[0] = sb_fault_routes;
  route_tables[1] = sb_auth_routes;
  route_tables[2] = sb_project_routes;
  route_tables[3] = sb_connection_routes;
  route_tables[4] = sb_sync_routes;
  route_tables[5] = sb_devops_routes;
  route_tables[6] = sb_web_routes;
  route_tables[7] = sb_audit_routes;
}

static gboolean
match_pattern (const char *pattern,
               const char *path,
               GHashTable *params)
{
  g_auto(GStrv) pp = g_strsplit (pattern, "/", -1);
  g_auto(GStrv) sp = g_strsplit (path, "/", -1);

  if (g_strv_length (pp) != g_strv_length (sp))
    return FALSE;
  for (guint i = 0; pp[i] != NULL; i++)
    {
      if (pp[i][0] == ':')
        {
          char *value = g_uri_unescape_string (sp[i], NULL);

          if (value == NULL || sp[i][0] == '\0')
            {
              g_free (value);
              return FALSE;
            }
          g_hash_table_insert (params, g_strdup (pp[i] + 1), value);
        }
      else if (strcmp (pp[i], sp[i]) != 0)
        return FALSE;
    }
  return TRUE;
}

static const SbRoute *
find_route (SbRequest *req,
            gboolean  *path_known)
{
  *path_known = FALSE;
  for (guint t = 0; t < G_N_ELEMENTS (route_tables); t++)
    for (const SbRoute *r = route_tables[t]; r->pattern != NULL; r++)
      {
        g_hash_table_remove_all (req->params);
        if (!match_pattern (r->pattern, req->path, req->params))
          continue;
        *path_known = TRUE;
        if (strcmp (r->method, req->method) == 0
            || (strcmp (r->method, "GET") == 0 && strcmp (req->method, "HEAD") == 0))
          return r;
      }
  g_hash_table_remove_all (req->params);
  return NULL;
}

void
sb_request_free (SbRequest *req)
{
  g_clear_pointer (&req->log_entry, json_object_unref);
  g_clear_pointer (&req->query, g_hash_table_unref);
  g_clear_pointer (&req->params, g_hash_table_unref);
  g_clear_pointer (&req->body, json_node_unref);
  g_free (req->req_id);
  g_free (req->actor_id);
  g_free (req->org_id);
  g_free ((char *) req->path);
  g_free (req);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbRequest, sb_request_free)

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  FerrySandbox *self = user_data;
  g_autoptr(SbRequest) req = g_new0 (SbRequest, 1);
  SoupMessageBody *request_body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) body_bytes = soup_message_body_flatten (request_body);
  const char *raw = g_bytes_get_data (body_bytes, NULL);
  gsize raw_len = g_bytes_get_size (body_bytes);
  const char *query_string = g_uri_get_query (soup_server_message_get_uri (msg));
  gsize len;

  req->self = self;
  req->msg = msg;
  req->method = soup_server_message_get_method (msg);
  len = strlen (path);
  while (len > 1 && path[len - 1] == '/')
    len--;
  req->path = g_strndup (path, len);
  req->query = NULL;
  if (query_string != NULL)
    req->query = g_uri_parse_params (query_string, -1, "&", G_URI_PARAMS_WWW_FORM, NULL);
  if (req->query == NULL)
    req->query = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  req->params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  req->req_id = sb_new_req_id ();

  if (raw_len > 0)
    {
      const char *ctype = soup_message_headers_get_content_type (soup_server_message_get_request_headers (msg), NULL);
      g_autoptr(JsonParser) parser = json_parser_new ();

      /* Parsed whatever the type (curl -d sends form-encoded); only a JSON type makes a
       * broken body an error, like Fastify's content-type parser. */
      if (json_parser_load_from_data (parser, raw, raw_len, NULL) && json_parser_get_root (parser) != NULL)
        req->body = json_node_ref (json_parser_get_root (parser));
      else if (ctype == NULL || g_str_has_prefix (ctype, "application/json"))
        req->body_invalid = TRUE;
    }

  sb_requests_record (req, raw, raw_len);

  if (sb_faults_apply (req))
    {
      if (req->deferred)
        g_steal_pointer (&req);
      return;
    }
  sb_dispatch (req);
}

void
sb_dispatch (SbRequest *req)
{
  const SbRoute *route;
  gboolean path_known;

  route = find_route (req, &path_known);
  if (route == NULL)
    {
      g_autofree char *m = g_strdup_printf ("Route %s:%s not found", req->method, req->path);

      sb_reply_error (req, SOUP_STATUS_NOT_FOUND, "Not Found", m);
      return;
    }

  if (req->body_invalid)
    {
      sb_reply_error (req, SOUP_STATUS_BAD_REQUEST, "Bad Request",
                      "Body is not valid JSON but content-type is set to 'application/json'");
      return;
    }

  if (!sb_authenticate (req, route->auth))
    return;

  route->handler (req);
  if (!req->replied)
    sb_reply_error (req, SOUP_STATUS_INTERNAL_SERVER_ERROR, "InternalServerError", "Something went wrong");
  if (req->state_changed)
    sb_state_changed (req->self);
}

/* ------------------------------------------------------------------------------------ */
/* GObject                                                                               */

static void
ferry_sandbox_finalize (GObject *object)
{
  FerrySandbox *self = FERRY_SANDBOX (object);

  ferry_sandbox_stop (self);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->state_file, g_free);
  g_clear_pointer (&self->state, json_object_unref);
  g_clear_pointer (&self->oauth_codes, g_hash_table_unref);
  g_clear_pointer (&self->web_pending, g_hash_table_unref);
  g_clear_pointer (&self->jobs, g_hash_table_unref);
  g_clear_pointer (&self->faults, g_ptr_array_unref);
  g_clear_pointer (&self->rate_times, g_array_unref);
  g_clear_pointer (&self->requests, json_array_unref);
  g_clear_pointer (&self->default_consent, g_free);
  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (ferry_sandbox_parent_class)->finalize (object);
}

static void
ferry_sandbox_class_init (FerrySandboxClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ferry_sandbox_finalize;
  init_route_tables ();
}

static void
ferry_sandbox_init (FerrySandbox *self)
{
  self->oauth_redirect = FERRY_SANDBOX_OAUTH_REDIRECT_SITE;
  self->job_delay_ms = 300;
  self->oauth_code_lifetime = SB_OAUTH_CODE_LIFETIME_S;
  self->identity_ttl = 7200;
  self->identity_max_ttl = 86400;
  self->oauth_codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, sb_oauth_code_free);
  self->web_pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, sb_web_pending_free);
  self->jobs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, sb_job_free);
  self->faults = g_ptr_array_new_with_free_func (sb_fault_free);
  self->rate_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->requests = json_array_new ();
  self->state = json_object_new ();
  self->context = g_main_context_ref_thread_default ();
}

FerrySandbox *
ferry_sandbox_new (FerrySandboxSeed seed)
{
  FerrySandbox *self = g_object_new (FERRY_TYPE_SANDBOX, NULL);

  self->seed = seed;
  sb_seed (self, seed);
  return self;
}

void
ferry_sandbox_set_oauth_redirect (FerrySandbox              *self,
                                  FerrySandboxOAuthRedirect  mode)
{
  g_return_if_fail (FERRY_IS_SANDBOX (self));
  self->oauth_redirect = mode;
}

void
ferry_sandbox_set_job_delay (FerrySandbox *self,
                             guint         delay_ms)
{
  g_return_if_fail (FERRY_IS_SANDBOX (self));
  self->job_delay_ms = delay_ms;
}

/* Sets what the Microsoft consent page does without a click: "accept", "deny" or NULL
 * (wait for a click). A "?auto=" query on the authorize URL overrides it. */
void
ferry_sandbox_set_default_consent (FerrySandbox *self,
                                   const char   *consent)
{
  g_return_if_fail (FERRY_IS_SANDBOX (self));
  g_free (self->default_consent);
  self->default_consent = g_strdup (consent);
}

void
ferry_sandbox_set_auto_browser (FerrySandbox *self,
                                gboolean      auto_browser)
{
  g_return_if_fail (FERRY_IS_SANDBOX (self));
  self->auto_browser = !!auto_browser;
}

void
ferry_sandbox_set_oauth_configured (FerrySandbox *self,
                                    gboolean      configured)
{
  g_return_if_fail (FERRY_IS_SANDBOX (self));
  self->oauth_unconfigured = !configured;
}

void
ferry_sandbox_set_oauth_code_lifetime (FerrySandbox *self,
                                       guint         seconds)
{
  g_return_if_fail (FERRY_IS_SANDBOX (self));
  self->oauth_code_lifetime = seconds;
}

gboolean
ferry_sandbox_set_state_file (FerrySandbox  *self,
                              const char    *path,
                              GError       **error)
{
  g_return_val_if_fail (FERRY_IS_SANDBOX (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  g_free (self->state_file);
  self->state_file = g_strdup (path);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonNode *root;

      if (!json_parser_load_from_file (parser, path, error))
        return FALSE;
      root = json_parser_get_root (parser);
      if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root)
          || sb_get_obj (json_node_get_object (root), "organization") == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "%s is not a sandbox state file", path);
          return FALSE;
        }
      json_object_unref (self->state);
      self->state = json_object_ref (json_node_get_object (root));
      sb_jobs_stop_all (self);
      sb_syncs_resume (self);
      return TRUE;
    }
  return save_state (self, error);
}

gboolean
ferry_sandbox_start (FerrySandbox  *self,
                     guint          port,
                     GError       **error)
{
  g_autoptr(SoupServer) server = NULL;
  GSList *uris;

  g_return_val_if_fail (FERRY_IS_SANDBOX (self), FALSE);
  g_return_val_if_fail (self->server == NULL, FALSE);

  g_main_context_unref (self->context);
  self->context = g_main_context_ref_thread_default ();
  server = soup_server_new ("server-header", "ferry-sandbox ", NULL);
  soup_server_add_handler (server, NULL, server_cb, self, NULL);
  if (!soup_server_listen_local (server, port, SOUP_SERVER_LISTEN_IPV4_ONLY, error))
    return FALSE;

  uris = soup_server_get_uris (server);
  g_return_val_if_fail (uris != NULL, FALSE);
  self->port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_free (self->url);
  self->url = g_strdup_printf ("http://127.0.0.1:%u", self->port);
  self->server = g_steal_pointer (&server);
  return TRUE;
}

void
ferry_sandbox_stop (FerrySandbox *self)
{
  g_return_if_fail (FERRY_IS_SANDBOX (self));

  sb_jobs_stop_all (self);
  sb_faults_stop_all (self);
  if (self->server != NULL)
    {
      soup_server_disconnect (self->server);
      g_clear_object (&self->server);
    }
}

const char *
ferry_sandbox_get_url (FerrySandbox *self)
{
  g_return_val_if_fail (FERRY_IS_SANDBOX (self), NULL);
  return self->url;
}

guint
ferry_sandbox_get_port (FerrySandbox *self)
{
  g_return_val_if_fail (FERRY_IS_SANDBOX (self), 0);
  return self->port;
}

const char *
ferry_sandbox_get_identity_client_id (FerrySandbox *self)
{
  g_return_val_if_fail (FERRY_IS_SANDBOX (self), NULL);
  return sb_get_str (sb_get_obj (self->state, "identity"), "clientId");
}

const char *
ferry_sandbox_get_identity_client_secret (FerrySandbox *self)
{
  g_return_val_if_fail (FERRY_IS_SANDBOX (self), NULL);
  return sb_get_str (sb_get_obj (self->state, "identity"), "_clientSecret");
}

void
ferry_sandbox_set_identity_ttl (FerrySandbox *self,
                                guint         ttl,
                                guint         max_ttl)
{
  g_return_if_fail (FERRY_IS_SANDBOX (self));
  self->identity_ttl = ttl;
  self->identity_max_ttl = max_ttl;
}

const char *
ferry_sandbox_get_user_email (FerrySandbox *self)
{
  g_return_val_if_fail (FERRY_IS_SANDBOX (self), NULL);
  return sb_get_str (sb_get_obj (self->state, "user"), "email");
}

char *
ferry_sandbox_issue_user_jwt (FerrySandbox *self,
                              gint64        lifetime)
{
  g_return_val_if_fail (FERRY_IS_SANDBOX (self), NULL);
  return sb_issue_user_jwt (self, lifetime);
}

char *
ferry_sandbox_issue_user_jwt_for_organization (FerrySandbox *self,
                                               const char   *organization_id,
                                               gint64        lifetime)
{
  g_return_val_if_fail (FERRY_IS_SANDBOX (self), NULL);
  g_return_val_if_fail (organization_id != NULL, NULL);
  return sb_issue_user_jwt_for_organization (self, organization_id, lifetime);
}

const char *
ferry_sandbox_get_organization_id (FerrySandbox *self)
{
  g_return_val_if_fail (FERRY_IS_SANDBOX (self), NULL);
  return sb_get_str (sb_get_obj (self->state, "organization"), "id");
}

const char *
ferry_sandbox_get_project_id (FerrySandbox *self,
                              guint         index)
{
  JsonArray *projects;

  g_return_val_if_fail (FERRY_IS_SANDBOX (self), NULL);
  projects = sb_state_array (self, "projects");
  if (index >= json_array_get_length (projects))
    return NULL;
  return sb_get_str (json_array_get_object_element (projects, index), "id");
}

const char *
ferry_sandbox_get_oauth_client_id (FerrySandbox *self)
{
  return SB_OAUTH_CLIENT_ID;
}
