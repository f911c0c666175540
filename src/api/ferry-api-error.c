/* ferry-api-error.c: the FERRY_API_ERROR domain.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "ferry-api-error-private.h"
#include "ferry-json.h"

typedef struct
{
  guint      http_status;
  char      *detail;
  char      *request_id;
  guint      retry_after;
  GPtrArray *field_errors;  /* of FerryFieldError */
} FerryApiErrorPrivate;

static void
ferry_field_error_free (gpointer data)
{
  FerryFieldError *fe = data;

  g_free (fe->path);
  g_free (fe->message);
  g_free (fe);
}

static void
ferry_api_error_private_init (FerryApiErrorPrivate *priv)
{
  priv->field_errors = g_ptr_array_new_with_free_func (ferry_field_error_free);
}

static void
ferry_api_error_private_copy (const FerryApiErrorPrivate *src,
                              FerryApiErrorPrivate       *dest)
{
  dest->http_status = src->http_status;
  dest->detail = g_strdup (src->detail);
  dest->request_id = g_strdup (src->request_id);
  dest->retry_after = src->retry_after;
  for (guint i = 0; i < src->field_errors->len; i++)
    {
      const FerryFieldError *fe = g_ptr_array_index (src->field_errors, i);
      FerryFieldError *copy = g_new0 (FerryFieldError, 1);

      copy->path = g_strdup (fe->path);
      copy->message = g_strdup (fe->message);
      g_ptr_array_add (dest->field_errors, copy);
    }
}

static void
ferry_api_error_private_clear (FerryApiErrorPrivate *priv)
{
  g_clear_pointer (&priv->detail, g_free);
  g_clear_pointer (&priv->request_id, g_free);
  g_clear_pointer (&priv->field_errors, g_ptr_array_unref);
}

/* G_DEFINE_EXTENDED_ERROR casts a guint8 * to the private struct, which clang's
 * -Wcast-align flags. GLib rounds the private size up with ALIGN_STRUCT and places it
 * in front of the GError (glib/gerror.c, g_error_allocate ()), so it is aligned. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wcast-align"
G_DEFINE_EXTENDED_ERROR (FerryApiError, ferry_api_error)
#pragma GCC diagnostic pop

GError *
ferry_api_error_new (FerryApiErrorCode  code,
                     const char        *message,
                     guint              http_status,
                     const char        *server_message,
                     const char        *request_id)
{
  GError *error;
  FerryApiErrorPrivate *priv;

  g_return_val_if_fail (message != NULL, NULL);

  error = g_error_new_literal (FERRY_API_ERROR, code, message);
  priv = ferry_api_error_get_private (error);
  priv->http_status = http_status;
  priv->detail = (server_message && *server_message) ? g_strdup (server_message) : NULL;
  priv->request_id = (request_id && *request_id) ? g_strdup (request_id) : NULL;

  return error;
}

GError *
ferry_api_error_new_invalid_response (const char *detail_format,
                                      ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, detail_format);
  detail = g_strdup_vprintf (detail_format, args);
  va_end (args);

  return ferry_api_error_new (FERRY_API_ERROR_INVALID_RESPONSE,
                              _("The server sent an answer Ferry does not understand. "
                                "Check that the address points to an Infisical server, or try again later."),
                              0, detail, NULL);
}

static FerryApiErrorPrivate *get_priv (const GError *error);

void
ferry_api_error_prefix_detail (GError     *error,
                               const char *prefix)
{
  FerryApiErrorPrivate *priv = get_priv (error);
  char *detail;

  if (priv == NULL || prefix == NULL)
    return;

  detail = priv->detail ? g_strdup_printf ("%s: %s", prefix, priv->detail) : g_strdup (prefix);
  g_free (priv->detail);
  priv->detail = detail;
}

static FerryApiErrorPrivate *
get_priv (const GError *error)
{
  if (error == NULL || error->domain != FERRY_API_ERROR)
    return NULL;
  return ferry_api_error_get_private (error);
}

guint
ferry_api_error_get_http_status (const GError *error)
{
  FerryApiErrorPrivate *priv = get_priv (error);

  return priv ? priv->http_status : 0;
}

const char *
ferry_api_error_get_detail (const GError *error)
{
  FerryApiErrorPrivate *priv = get_priv (error);

  return priv ? priv->detail : NULL;
}

const char *
ferry_api_error_get_request_id (const GError *error)
{
  FerryApiErrorPrivate *priv = get_priv (error);

  return priv ? priv->request_id : NULL;
}

guint
ferry_api_error_get_retry_after (const GError *error)
{
  FerryApiErrorPrivate *priv = get_priv (error);

  return priv ? priv->retry_after : 0;
}

void
ferry_api_error_set_retry_after (GError *error,
                                 guint   seconds)
{
  FerryApiErrorPrivate *priv = get_priv (error);

  g_return_if_fail (priv != NULL);

  priv->retry_after = seconds;
}

GPtrArray *
ferry_api_error_get_field_errors (const GError *error)
{
  FerryApiErrorPrivate *priv = get_priv (error);

  return priv ? priv->field_errors : NULL;
}

void
ferry_api_error_add_field_error (GError     *error,
                                 const char *path,
                                 const char *message)
{
  FerryApiErrorPrivate *priv = get_priv (error);
  FerryFieldError *fe;

  g_return_if_fail (priv != NULL);
  g_return_if_fail (path != NULL);
  g_return_if_fail (message != NULL);

  fe = g_new0 (FerryFieldError, 1);
  fe->path = g_strdup (path);
  fe->message = g_strdup (message);
  g_ptr_array_add (priv->field_errors, fe);
}

const char *
ferry_api_error_get_field_message (const GError *error,
                                   const char   *path)
{
  FerryApiErrorPrivate *priv = get_priv (error);
  gsize len;

  g_return_val_if_fail (path != NULL, NULL);

  if (priv == NULL)
    return NULL;

  len = strlen (path);
  for (guint i = 0; i < priv->field_errors->len; i++)
    {
      const FerryFieldError *fe = g_ptr_array_index (priv->field_errors, i);

      if (g_str_equal (fe->path, path) ||
          (g_str_has_prefix (fe->path, path) && fe->path[len] == '.'))
        return fe->message;
    }

  return NULL;
}

char *
ferry_api_error_format_details (const GError *error)
{
  FerryApiErrorPrivate *priv;
  GString *str;

  g_return_val_if_fail (error != NULL, NULL);

  str = g_string_new (error->message);
  priv = get_priv (error);
  if (priv == NULL)
    return g_string_free (str, FALSE);

  if (priv->http_status != 0)
    {
      g_string_append_c (str, '\n');
      /* Translators: %u is an HTTP status code such as 404 */
      g_string_append_printf (str, _("HTTP status: %u"), priv->http_status);
    }
  if (priv->request_id != NULL)
    {
      g_string_append_c (str, '\n');
      /* Translators: %s is the server's request id, e.g. req-abc123 */
      g_string_append_printf (str, _("Request ID: %s"), priv->request_id);
    }
  if (priv->retry_after != 0)
    {
      g_string_append_c (str, '\n');
      g_string_append_printf (str,
                              /* Translators: %u is a number of seconds */
                              ngettext ("Retry after: %u second", "Retry after: %u seconds",
                                        priv->retry_after),
                              priv->retry_after);
    }
  if (priv->detail != NULL)
    {
      g_string_append_c (str, '\n');
      /* Translators: %s is the server's own (English) error message */
      g_string_append_printf (str, _("Server message: %s"), priv->detail);
    }
  for (guint i = 0; i < priv->field_errors->len; i++)
    {
      const FerryFieldError *fe = g_ptr_array_index (priv->field_errors, i);

      g_string_append_printf (str, "\n  %s: %s", fe->path, fe->message);
    }

  return g_string_free (str, FALSE);
}

/* ---- HTTP answers ---- */

static guint
parse_retry_after (const char *header)
{
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) now = NULL;
  guint64 seconds;
  const char *end;

  if (header == NULL)
    return 0;

  while (g_ascii_isspace (*header))
    header++;

  if (g_ascii_isdigit (*header))
    {
      seconds = g_ascii_strtoull (header, (char **) &end, 10);
      return (guint) MIN (seconds, 24 * 3600);
    }

  /* An HTTP date: "Sun, 06 Nov 1994 08:49:37 GMT". */
  {
    static const char *months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
    char month[4] = { 0 };
    int day, year, hour, minute, second;

    if (sscanf (header, "%*3s, %d %3s %d %d:%d:%d GMT", &day, month, &year, &hour, &minute, &second) != 6)
      return 0;
    for (guint m = 0; m < G_N_ELEMENTS (months); m++)
      if (g_str_equal (month, months[m]))
        {
          when = g_date_time_new_utc (year, m + 1, day, hour, minute, second);
          break;
        }
    if (when == NULL)
      return 0;
    now = g_date_time_new_now_utc ();
    if (g_date_time_compare (when, now) <= 0)
      return 1;
    return (guint) MIN (g_date_time_difference (when, now) / G_USEC_PER_SEC + 1, 24 * 3600);
  }
}

/* "Rate limit exceeded. Please try again in 12 seconds" */
static guint
parse_retry_after_message (const char *message)
{
  const char *p;

  if (message == NULL)
    return 0;

  p = strstr (message, "try again in ");
  if (p == NULL)
    return 0;
  p += strlen ("try again in ");
  if (!g_ascii_isdigit (*p))
    return 0;
  return (guint) MIN (g_ascii_strtoull (p, NULL, 10), 24 * 3600);
}

static char *
issue_path (JsonObject *issue)
{
  JsonNode *path = json_object_get_member (issue, "path");
  GString *str = g_string_new (NULL);

  if (path != NULL && JSON_NODE_HOLDS_ARRAY (path))
    {
      JsonArray *array = json_node_get_array (path);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *part = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_VALUE (part))
            continue;
          if (str->len > 0)
            g_string_append_c (str, '.');
          if (ferry_json_node_get_utf8 (part) != NULL)
            g_string_append (str, ferry_json_node_get_utf8 (part));
          else if (json_node_get_value_type (part) == G_TYPE_INT64)
            g_string_append_printf (str, "%" G_GINT64_FORMAT, json_node_get_int (part));
        }
    }
  else if (ferry_json_node_get_utf8 (path) != NULL)
    g_string_append (str, ferry_json_node_get_utf8 (path));

  return g_string_free (str, FALSE);
}

static const char *
get_string_member (JsonObject *object,
                   const char *name)
{
  /* Not UTF-8 counts as missing: it ends up in labels and pages. */
  return ferry_json_object_get_utf8 (object, name);
}

GError *
ferry_api_error_new_from_http (guint       http_status,
                               const char *retry_after_header,
                               const char *body,
                               gsize       body_len)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autofree char *issues_text = NULL;
  JsonObject *object = NULL;
  const char *message = NULL;
  const char *error_name = NULL;
  const char *request_id = NULL;
  FerryApiErrorCode code;
  g_autofree char *sentence = NULL;
  GError *error;
  guint retry_after = 0;

  if (body != NULL && body_len > 0 && body_len < G_MAXSSIZE)
    {
      parser = json_parser_new_immutable ();
      if (json_parser_load_from_data (parser, body, (gssize) body_len, NULL) &&
          json_parser_get_root (parser) != NULL &&
          JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        object = json_node_get_object (json_parser_get_root (parser));
    }

  issues = g_ptr_array_new_with_free_func (g_free);
  if (object != NULL)
    {
      JsonNode *msg_node = json_object_get_member (object, "message");

      message = get_string_member (object, "message");
      error_name = get_string_member (object, "error");
      request_id = get_string_member (object, "reqId");

      if (msg_node != NULL && JSON_NODE_HOLDS_ARRAY (msg_node))
        {
          JsonArray *array = json_node_get_array (msg_node);
          GString *text = g_string_new (NULL);

          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              JsonNode *item = json_array_get_element (array, i);
              const char *issue_message;
              char *path;

              if (!JSON_NODE_HOLDS_OBJECT (item))
                continue;
              issue_message = get_string_member (json_node_get_object (item), "message");
              if (issue_message == NULL)
                continue;
              path = issue_path (json_node_get_object (item));
              if (text->len > 0)
                g_string_append_c (text, '\n');
              if (*path != '\0')
                g_string_append_printf (text, "%s: %s", path, issue_message);
              else
                g_string_append (text, issue_message);
              g_ptr_array_add (issues, path);
              g_ptr_array_add (issues, g_strdup (issue_message));
            }
          issues_text = g_string_free (text, FALSE);
          message = issues_text;
        }
    }

  if (http_status == 401)
    {
      code = FERRY_API_ERROR_UNAUTHORIZED;
      sentence = g_strdup (_("The server did not accept your sign-in. Sign in again to continue."));
    }
  else if (http_status == 403 && g_strcmp0 (error_name, "TokenError") == 0)
    {
      code = FERRY_API_ERROR_TOKEN_EXPIRED;
      sentence = g_strdup (_("Your session has expired. Sign in again to continue."));
    }
  else if (http_status == 403)
    {
      code = FERRY_API_ERROR_FORBIDDEN;
      sentence = g_strdup (_("You do not have permission to do this. Ask an administrator of your organization for access."));
    }
  else if (http_status == 404)
    {
      code = FERRY_API_ERROR_NOT_FOUND;
      sentence = g_strdup (_("The item was not found on the server. It may have been deleted; refresh and try again."));
    }
  else if (http_status == 422)
    {
      code = FERRY_API_ERROR_VALIDATION;
      sentence = g_strdup (_("The server did not accept some of the values. Correct them and try again."));
    }
  else if (http_status == 409 ||
           (http_status == 400 && message != NULL && strstr (message, "already in progress") != NULL))
    {
      code = FERRY_API_ERROR_CONFLICT;
      sentence = g_strdup (_("Another job is already running for this sync. Wait for it to finish, then try again."));
    }
  else if (http_status == 400 && message != NULL &&
           strstr (message, "Cannot delete App Connection with existing connections") != NULL)
    {
      /* app-connection-service.ts refuses to delete a connection that syncs of any project
       * still use (docs/infisical-api.md#azure-devops-app-connections). Callers that can
       * find those syncs (src/core/ferry-connection-usage.h) name them instead. */
      code = FERRY_API_ERROR_IN_USE;
      sentence = g_strdup (_("Syncs still use this connection. Delete them or give them another connection, then try again."));
    }
  else if (http_status == 429)
    {
      code = FERRY_API_ERROR_RATE_LIMITED;
      retry_after = parse_retry_after (retry_after_header);
      if (retry_after == 0)
        retry_after = parse_retry_after_message (message);
      if (retry_after > 0)
        /* Translators: %u is a number of seconds */
        sentence = g_strdup_printf (ngettext ("The server is receiving too many requests. Try again in %u second.",
                                              "The server is receiving too many requests. Try again in %u seconds.",
                                              retry_after),
                                    retry_after);
      else
        sentence = g_strdup (_("The server is receiving too many requests. Wait a moment and try again."));
    }
  else if (http_status >= 500)
    {
      code = FERRY_API_ERROR_SERVER;
      /* Translators: %u is an HTTP status code such as 500 */
      sentence = g_strdup_printf (_("The server ran into a problem (error %u). Try again later; if it keeps happening, contact the server’s administrator."),
                                  http_status);
    }
  else
    {
      code = FERRY_API_ERROR_BAD_REQUEST;
      if (message != NULL && *message != '\0')
        /* Translators: %s is the server's own (English) explanation */
        sentence = g_strdup_printf (_("The server refused the request: %s"), message);
      else
        sentence = g_strdup (_("The server refused the request. Check your input and try again."));
    }

  error = ferry_api_error_new (code, sentence, http_status, message, request_id);
  if (retry_after > 0)
    ferry_api_error_set_retry_after (error, retry_after);
  for (guint i = 0; i + 1 < issues->len; i += 2)
    ferry_api_error_add_field_error (error, g_ptr_array_index (issues, i), g_ptr_array_index (issues, i + 1));

  return error;
}
