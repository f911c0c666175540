/* ferry-api-request.c: URLs, bodies and the one generic request of FerryApiClient.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every endpoint is a call of ferry_api_client_call_endpoint () or _call_model (): they
 * only build a path, a query and a body, and say which member of the answer holds their
 * model(s). The sending itself is ferry-api-transport.c.
 */

#define G_LOG_DOMAIN "ferry-api"

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-api-client-private.h"
#include "ferry-api-error-private.h"

static GUri *
build_uri (FerryApiClient     *self,
           const char         *path,
           const char * const *query)
{
  g_autoptr(GString) query_string = NULL;
  g_autofree char *full_path = NULL;

  if (query != NULL)
    {
      query_string = g_string_new (NULL);
      for (guint i = 0; query[i] != NULL && query[i + 1] != NULL; i += 2)
        {
          g_autofree char *key = NULL;
          g_autofree char *value = NULL;

          key = g_uri_escape_string (query[i], NULL, FALSE);
          value = g_uri_escape_string (query[i + 1], NULL, FALSE);
          if (query_string->len > 0)
            g_string_append_c (query_string, '&');
          g_string_append_printf (query_string, "%s=%s", key, value);
        }
    }

  full_path = g_strconcat (g_uri_get_path (self->site_uri), path, NULL);

  return g_uri_build (G_URI_FLAGS_ENCODED,
                      g_uri_get_scheme (self->site_uri), NULL,
                      g_uri_get_host (self->site_uri), g_uri_get_port (self->site_uri),
                      full_path,
                      (query_string && query_string->len > 0) ? query_string->str : NULL,
                      NULL);
}

static void
wipe_and_free (gpointer data)
{
  ferry_api_wipe_string (data);
  g_free (data);
}

/* The body may hold a secret: wiped when the bytes are freed. */
static GBytes *
body_to_bytes (JsonObject *body)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  gsize len;
  char *data;

  json_node_set_object (node, body);
  json_generator_set_root (generator, node);
  data = json_generator_to_data (generator, &len);
  return g_bytes_new_with_free_func (data, len, wipe_and_free, data);
}

/* @explicit_token: send this bearer token instead of asking the provider. */
static void
request_internal (FerryApiClient      *self,
                  const char          *method,
                  const char          *path,
                  const char * const  *query,
                  JsonObject          *body,
                  gboolean             authenticated,
                  const char          *explicit_token,
                  FerryApiBodyParser   parse_body,
                  gpointer             parse_body_data,
                  GDestroyNotify       result_free,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ferry_api_client_request_async);
  g_task_set_name (task, "[ferry] API request");

  if (self->site_uri == NULL)
    {
      g_task_return_error (task,
                           ferry_api_error_new (FERRY_API_ERROR_INVALID_INPUT,
                                                _("This is not a valid server address. Enter an address such as https://app.infisical.com."),
                                                0, self->site_url, NULL));
      return;
    }

  ferry_api_client_send (self, g_steal_pointer (&task), method, path,
                         build_uri (self, path, query),
                         body != NULL ? body_to_bytes (body) : NULL,
                         authenticated, explicit_token,
                         parse_body, parse_body_data, result_free);
}

void
ferry_api_client_request_async (FerryApiClient      *self,
                                const char          *method,
                                const char          *path,
                                const char * const  *query,
                                JsonObject          *body,
                                gboolean             authenticated,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (FERRY_IS_API_CLIENT (self));
  g_return_if_fail (method != NULL);
  g_return_if_fail (path != NULL && g_str_has_prefix (path, "/api/"));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  request_internal (self, method, path, query, body, authenticated, NULL, NULL, NULL, NULL,
                    cancellable, callback, user_data);
}

JsonNode *
ferry_api_client_request_finish (FerryApiClient  *self,
                                 GAsyncResult    *result,
                                 GError         **error)
{
  g_return_val_if_fail (FERRY_IS_API_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ferry_api_client_request_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- Endpoint plumbing ---- */

typedef struct
{
  FerryApiRootParser  parse;
  gpointer            parse_data;
  GDestroyNotify      parse_data_free;
  GDestroyNotify      result_free;
  /* A list: the transport's worker parses it from the bytes (ferry_api_parse_list_body). */
  gboolean            in_thread;
} Endpoint;

static void
endpoint_free (gpointer data)
{
  Endpoint *ep = data;

  if (ep->parse_data_free != NULL)
    ep->parse_data_free (ep->parse_data);
  g_free (ep);
}

static void
endpoint_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Endpoint *ep = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  gpointer value;

  /* A list was parsed by the transport's worker (ferry-api-list.c): its result is the
   * model already. */
  if (ep->in_thread)
    {
      value = g_task_propagate_pointer (G_TASK (result), &error);
      if (value == NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_pointer (task, value, ep->result_free);
      return;
    }

  root = ferry_api_client_request_finish (FERRY_API_CLIENT (object), result, &error);
  if (root == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  value = ep->parse (root, ep->parse_data, &error);
  if (value == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, value, ep->result_free);
}

static void
call_endpoint (FerryApiClient      *self,
               gpointer             source_tag,
               const char          *method,
               const char          *path,
               const char * const  *query,
               JsonObject          *body,
               gboolean             authenticated,
               const char          *explicit_token,
               FerryApiRootParser   parse,
               gpointer             parse_data,
               GDestroyNotify       parse_data_free,
               GDestroyNotify       result_free,
               gboolean             in_thread,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  GTask *task;
  Endpoint *ep;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  ep = g_new0 (Endpoint, 1);
  ep->parse = parse;
  ep->parse_data = parse_data;
  ep->parse_data_free = parse_data_free;
  ep->result_free = result_free;
  ep->in_thread = in_thread;
  g_task_set_task_data (task, ep, endpoint_free);

  /* A list is parsed from the answer's bytes, one element at a time, in the transport's
   * worker (ferry-api-list.c): its answer never is one big tree. */
  request_internal (self, method, path, query, body, authenticated, explicit_token,
                    in_thread ? ferry_api_parse_list_body : NULL, in_thread ? parse_data : NULL,
                    in_thread ? result_free : NULL,
                    cancellable, endpoint_cb, task);
}

void
ferry_api_client_call_endpoint (FerryApiClient      *self,
                                gpointer             source_tag,
                                const char          *method,
                                const char          *path,
                                const char * const  *query,
                                JsonObject          *body,
                                gboolean             authenticated,
                                const char          *explicit_token,
                                FerryApiRootParser   parse,
                                gpointer             parse_data,
                                GDestroyNotify       parse_data_free,
                                GDestroyNotify       result_free,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  call_endpoint (self, source_tag, method, path, query, body, authenticated, explicit_token,
                 parse, parse_data, parse_data_free, result_free, FALSE,
                 cancellable, callback, user_data);
}

gpointer
ferry_api_client_endpoint_finish (FerryApiClient  *self,
                                  GAsyncResult    *result,
                                  gpointer         source_tag,
                                  GError         **error)
{
  g_return_val_if_fail (FERRY_IS_API_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
ferry_api_client_endpoint_finish_boolean (FerryApiClient  *self,
                                          GAsyncResult    *result,
                                          gpointer         source_tag,
                                          gboolean        *value,
                                          GError         **error)
{
  g_autofree gboolean *ret = ferry_api_client_endpoint_finish (self, result, source_tag, error);

  if (ret == NULL)
    return FALSE;
  if (value != NULL)
    *value = *ret;
  return TRUE;
}

static char *
escape_segment (const char *segment)
{
  return g_uri_escape_string (segment, NULL, FALSE);
}

char *
ferry_api_build_path (const char *prefix,
                      ...)
{
  GString *path = g_string_new (prefix);
  const char *segment;
  va_list args;

  va_start (args, prefix);
  while ((segment = va_arg (args, const char *)) != NULL)
    {
      g_autofree char *escaped = escape_segment (segment);

      g_string_append_c (path, '/');
      g_string_append (path, escaped);
    }
  va_end (args);

  return g_string_free (path, FALSE);
}

JsonObject *
ferry_api_root_object (JsonNode  *root,
                       GError   **error)
{
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_propagate_error (error, ferry_api_error_new_invalid_response ("the answer is not a JSON object"));
      return NULL;
    }
  return json_node_get_object (root);
}

JsonNode *
ferry_api_root_member (JsonNode     *root,
                       const char   *keys,
                       JsonNodeType  type,
                       GError      **error)
{
  g_auto(GStrv) alternatives = g_strsplit (keys, "|", -1);
  JsonObject *object;

  if (!(object = ferry_api_root_object (root, error)))
    return NULL;

  for (guint i = 0; alternatives[i] != NULL; i++)
    {
      JsonNode *node = json_object_get_member (object, alternatives[i]);

      if (node == NULL)
        continue;
      if (JSON_NODE_TYPE (node) != type)
        {
          g_propagate_error (error, ferry_api_error_new_invalid_response ("“%s” has the wrong type", alternatives[i]));
          return NULL;
        }
      return node;
    }

  g_propagate_error (error, ferry_api_error_new_invalid_response ("“%s” is missing", alternatives[0]));
  return NULL;
}

FerryApiModelSpec *
ferry_api_model_spec_new (const char          *key,
                          GType              (*get_type) (void),
                          FerryApiItemParser   parser,
                          const char          *extra)
{
  FerryApiModelSpec *spec = g_new0 (FerryApiModelSpec, 1);

  spec->key = key;
  spec->get_type = get_type;
  spec->parser = parser;
  spec->extra = g_strdup (extra);
  return spec;
}

void
ferry_api_model_spec_free (gpointer data)
{
  FerryApiModelSpec *spec = data;

  g_free (spec->extra);
  ferry_api_known_free (spec->known);
  g_free (spec);
}

static gpointer
parse_single (JsonNode  *root,
              gpointer   data,
              GError   **error)
{
  FerryApiModelSpec *spec = data;
  JsonNode *node;

  if (!(node = ferry_api_root_member (root, spec->key, JSON_NODE_OBJECT, error)))
    return NULL;

  return spec->parser (json_node_get_object (node), spec->extra, error);
}

void
ferry_api_client_call_model (FerryApiClient      *self,
                             gpointer             source_tag,
                             const char          *method,
                             const char          *path,
                             const char * const  *query,
                             JsonObject          *body,
                             gboolean             list,
                             FerryApiModelSpec   *spec,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  /* Lists are parsed into their models in a worker (syncs: 10,000 of them parse for about
   * as long as the JSON did), single objects at once. parse_list_root is not called for
   * a list: it is there for the endpoint's shape. */
  call_endpoint (self, source_tag, method, path, query, body, TRUE, NULL,
                 list ? ferry_api_parse_list_root : parse_single, spec, ferry_api_model_spec_free, g_object_unref, list,
                 cancellable, callback, user_data);
}

/* ---- Parsing a sync list without a request (tests/bench) ---- */

static gpointer
parse_sync_item (JsonObject *object,
                 const char *extra,
                 GError    **error)
{
  return ferry_sync_new_from_json (object, error);
}

typedef struct
{
  GBytes            *body;
  FerryApiModelSpec *spec;
} BytesParse;

static void
bytes_parse_free (gpointer data)
{
  BytesParse *bp = data;

  g_bytes_unref (bp->body);
  ferry_api_model_spec_free (bp->spec);
  g_free (bp);
}

static void
bytes_parse_run (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  BytesParse *bp = task_data;
  GError *error = NULL;
  gsize len;
  const char *data = g_bytes_get_data (bp->body, &len);
  gpointer value = ferry_api_parse_list_body (data, len, bp->spec, &error);

  if (value == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, value, g_object_unref);
}

void
ferry_api_parse_syncs_async (GBytes              *body,
                             GListModel          *known,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  BytesParse *bp;

  g_return_if_fail (body != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ferry_api_parse_syncs_async);
  bp = g_new0 (BytesParse, 1);
  bp->body = g_bytes_ref (body);
  bp->spec = ferry_api_model_spec_new ("secretSyncs", ferry_sync_get_type, parse_sync_item, NULL);
  if (known != NULL)
    bp->spec->known = ferry_api_known_new (known, ferry_api_sync_is_reusable);
  g_task_set_task_data (task, bp, bytes_parse_free);
  g_task_run_in_thread (task, bytes_parse_run);
}

GListStore *
ferry_api_parse_syncs_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ferry_api_parse_syncs_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

JsonObject *
ferry_api_find_option (JsonNode    *root,
                       const char  *list_key,
                       const char  *id_key,
                       GError     **error)
{
  JsonArray *array;
  JsonNode *node;

  if (!(node = ferry_api_root_member (root, list_key, JSON_NODE_ARRAY, error)))
    return NULL;

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonNode *id;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          g_propagate_error (error, ferry_api_error_new_invalid_response ("“%s.%u” is not an object", list_key, i));
          return NULL;
        }
      id = json_object_get_member (json_node_get_object (element), id_key);
      if (id != NULL && JSON_NODE_HOLDS_VALUE (id) &&
          json_node_get_value_type (id) == G_TYPE_STRING &&
          g_str_equal (json_node_get_string (id), "azure-devops"))
        return json_node_get_object (element);
    }

  g_propagate_error (error,
                     ferry_api_error_new (FERRY_API_ERROR_NOT_FOUND,
                                          _("This server does not support Azure DevOps. Ask its administrator to update Infisical."),
                                          0, "no azure-devops item in the options", NULL));
  return NULL;
}

