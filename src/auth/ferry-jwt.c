/* ferry-jwt.c
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ferry-api-error.h"
#include "ferry-json.h"
#include "ferry-jwt.h"

static GError *
not_a_token_error (const char *detail)
{
  return ferry_api_error_new (FERRY_API_ERROR_INVALID_INPUT,
                              _("This is not a valid Infisical sign-in token. Copy the whole token and try again."),
                              0, detail, NULL);
}

/* base64url without padding → bytes. NULL when it has characters outside the alphabet. */
static guchar *
base64url_decode (const char *text,
                  gsize       length,
                  gsize      *out_len)
{
  g_autoptr(GString) standard = g_string_sized_new (length + 4);

  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (c == '-')
        c = '+';
      else if (c == '_')
        c = '/';
      else if (!g_ascii_isalnum (c))
        return NULL;

      g_string_append_c (standard, c);
    }

  if (standard->len % 4 == 1)
    return NULL;
  while (standard->len % 4 != 0)
    g_string_append_c (standard, '=');

  return g_base64_decode (standard->str, out_len);
}

static gboolean
is_base64url_char (char c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '_';
}

gboolean
ferry_jwt_is_well_formed (const char *jwt)
{
  guint dots = 0;
  gsize payload_length = 0;

  if (jwt == NULL)
    return FALSE;

  /* Every segment, not only the payload that gets decoded: the whole token goes into
   * an Authorization header, where a CR or LF would end the header (or be refused
   * with the token in a warning). */
  for (const char *p = jwt; *p != '\0'; p++)
    {
      if (*p == '.')
        {
          if (++dots > 2)
            return FALSE;
        }
      else if (!is_base64url_char (*p))
        {
          return FALSE;
        }
      else if (dots == 1)
        {
          payload_length++;
        }
    }

  return dots == 2 && payload_length > 0;
}

JsonObject *
ferry_jwt_decode_claims (const char  *jwt,
                         GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autofree guchar *payload = NULL;
  g_autoptr(GError) parse_error = NULL;
  const char *first_dot;
  const char *second_dot;
  gsize payload_len = 0;
  JsonNode *root;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!ferry_jwt_is_well_formed (jwt))
    {
      g_propagate_error (error, not_a_token_error ("The token is not three parts of base64url text separated by dots."));
      return NULL;
    }

  first_dot = strchr (jwt, '.');
  second_dot = strchr (first_dot + 1, '.');
  payload = base64url_decode (first_dot + 1, second_dot - first_dot - 1, &payload_len);
  if (payload == NULL || payload_len == 0 ||
      !g_utf8_validate ((const char *) payload, payload_len, NULL))
    {
      g_propagate_error (error, not_a_token_error ("The payload of the token is not base64url text."));
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, (const char *) payload, payload_len, &parse_error))
    {
      g_propagate_error (error, not_a_token_error ("The payload of the token is not JSON."));
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_propagate_error (error, not_a_token_error ("The payload of the token is not a JSON object."));
      return NULL;
    }

  return json_object_ref (json_node_get_object (root));
}

gint64
ferry_jwt_get_expiry (JsonObject *claims)
{
  JsonNode *node;

  g_return_val_if_fail (claims != NULL, 0);

  node = json_object_get_member (claims, "exp");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return 0;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      return MAX (json_node_get_int (node), 0);
    case G_TYPE_DOUBLE:
      {
        double value = json_node_get_double (node);

        if (value <= 0 || value > (double) G_MAXINT64 / G_USEC_PER_SEC)
          return 0;
        return (gint64) value;
      }
    default:
      return 0;
    }
}

const char *
ferry_jwt_get_string (JsonObject *claims,
                      const char *name)
{
  g_return_val_if_fail (claims != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  /* The payload was UTF-8, but an octal escape can still make a claim that is not. */
  return ferry_json_object_get_utf8 (claims, name);
}

gboolean
ferry_jwt_is_expired (gint64 expiry,
                      gint64 now)
{
  if (expiry <= 0)
    return TRUE;

  return now + FERRY_JWT_EXPIRY_MARGIN >= expiry;
}

JsonObject *
ferry_jwt_check_user_token (const char  *jwt,
                            gint64       now,
                            GError     **error)
{
  g_autoptr(JsonObject) claims = NULL;
  const char *type;
  const char *organization_id;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  claims = ferry_jwt_decode_claims (jwt, error);
  if (claims == NULL)
    return NULL;

  type = ferry_jwt_get_string (claims, "authTokenType");
  if (g_strcmp0 (type, "accessToken") != 0)
    {
      g_propagate_error (error, not_a_token_error ("The token is not a user access token (authTokenType is not “accessToken”)."));
      return NULL;
    }

  organization_id = ferry_jwt_get_string (claims, "organizationId");
  if (organization_id == NULL || *organization_id == '\0')
    {
      g_propagate_error (error,
                         ferry_api_error_new (FERRY_API_ERROR_INVALID_INPUT,
                                              _("This sign-in token is not for an organization. Sign in again and choose an organization in the browser."),
                                              0, "The token has no organizationId claim.", NULL));
      return NULL;
    }

  if (ferry_jwt_is_expired (ferry_jwt_get_expiry (claims), now))
    {
      g_propagate_error (error,
                         ferry_api_error_new (FERRY_API_ERROR_TOKEN_EXPIRED,
                                              _("This sign-in token has expired. Sign in again in the browser."),
                                              0, "The token’s exp claim is missing or less than 30 seconds away.", NULL));
      return NULL;
    }

  return g_steal_pointer (&claims);
}
