/* ferry-api-auth.c: the sign-in endpoints of FerryApiClient (fact sheet §2).
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Universal Auth login, token renew and revoke, checkAuth: none of them needs the token
 * provider (they carry their credentials in the body or as an explicit bearer token).
 */

#define G_LOG_DOMAIN "ferry-api"

#include "config.h"

#include "ferry-api-client-private.h"
#include "ferry-api-error-private.h"

/* ---- Boxed types ---- */

FerryTokenInfo *
ferry_token_info_copy (const FerryTokenInfo *info)
{
  FerryTokenInfo *copy;

  g_return_val_if_fail (info != NULL, NULL);

  copy = g_new0 (FerryTokenInfo, 1);
  copy->access_token = g_strdup (info->access_token);
  copy->expires_in = info->expires_in;
  copy->max_ttl = info->max_ttl;
  copy->obtained_at = info->obtained_at;
  return copy;
}

void
ferry_token_info_free (FerryTokenInfo *info)
{
  if (info == NULL)
    return;

  if (info->access_token != NULL)
    memset (info->access_token, 0, strlen (info->access_token));
  g_free (info->access_token);
  g_free (info);
}

G_DEFINE_BOXED_TYPE (FerryTokenInfo, ferry_token_info, ferry_token_info_copy, ferry_token_info_free)

/* ---- Sign-in helpers ---- */

static gpointer
parse_token_info (JsonNode  *root,
                  gpointer   data,
                  GError   **error)
{
  g_autoptr(FerryTokenInfo) info = NULL;
  JsonObject *object;
  JsonNode *node;
  static const char *numbers[] = { "expiresIn", "accessTokenMaxTTL" };

  if (!(object = ferry_api_root_object (root, error)))
    return NULL;

  node = json_object_get_member (object, "accessToken");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING || *json_node_get_string (node) == '\0')
    {
      g_propagate_error (error, ferry_api_error_new_invalid_response ("“accessToken” is missing or not a string"));
      return NULL;
    }

  info = g_new0 (FerryTokenInfo, 1);
  info->access_token = json_node_dup_string (node);
  info->obtained_at = g_get_real_time ();

  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      gint64 value = 0;

      node = json_object_get_member (object, numbers[i]);
      if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
        {
          if (!JSON_NODE_HOLDS_VALUE (node) ||
              (json_node_get_value_type (node) != G_TYPE_INT64 &&
               json_node_get_value_type (node) != G_TYPE_DOUBLE))
            {
              g_propagate_error (error, ferry_api_error_new_invalid_response ("“%s” is not a number", numbers[i]));
              return NULL;
            }
          value = json_node_get_value_type (node) == G_TYPE_INT64 ?
                  json_node_get_int (node) : (gint64) json_node_get_double (node);
          if (value < 0)
            value = 0;
        }
      else if (i == 0)
        {
          g_propagate_error (error, ferry_api_error_new_invalid_response ("“expiresIn” is missing"));
          return NULL;
        }

      if (i == 0)
        info->expires_in = value;
      else
        info->max_ttl = value;
    }

  return g_steal_pointer (&info);
}

static gpointer
parse_true (JsonNode  *root,
            gpointer   data,
            GError   **error)
{
  gboolean *ret = g_new (gboolean, 1);

  *ret = TRUE;
  return ret;
}

void
ferry_api_client_universal_auth_login_async (FerryApiClient      *self,
                                             const char          *client_id,
                                             const char          *client_secret,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  g_autoptr(JsonObject) body = NULL;

  g_return_if_fail (FERRY_IS_API_CLIENT (self));
  g_return_if_fail (client_id != NULL);
  g_return_if_fail (client_secret != NULL);

  body = json_object_new ();
  json_object_set_string_member (body, "clientId", client_id);
  json_object_set_string_member (body, "clientSecret", client_secret);

  ferry_api_client_call_endpoint (self, ferry_api_client_universal_auth_login_async,
                                  "POST", "/api/v1/auth/universal-auth/login", NULL, body, FALSE, NULL,
                                  parse_token_info, NULL, NULL, (GDestroyNotify) ferry_token_info_free,
                                  cancellable, callback, user_data);
}

FerryTokenInfo *
ferry_api_client_universal_auth_login_finish (FerryApiClient  *self,
                                              GAsyncResult    *result,
                                              GError         **error)
{
  return ferry_api_client_endpoint_finish (self, result, ferry_api_client_universal_auth_login_async, error);
}

static void
token_body_call (FerryApiClient      *self,
                 gpointer             source_tag,
                 const char          *path,
                 const char          *access_token,
                 FerryApiRootParser           parse,
                 GDestroyNotify       result_free,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  g_autoptr(JsonObject) body = json_object_new ();

  json_object_set_string_member (body, "accessToken", access_token);
  ferry_api_client_call_endpoint (self, source_tag, "POST", path, NULL, body, FALSE, NULL,
                                  parse, NULL, NULL, result_free, cancellable, callback, user_data);
}

void
ferry_api_client_renew_token_async (FerryApiClient      *self,
                                    const char          *access_token,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (FERRY_IS_API_CLIENT (self));
  g_return_if_fail (access_token != NULL);

  token_body_call (self, ferry_api_client_renew_token_async, "/api/v1/auth/token/renew",
                   access_token, parse_token_info, (GDestroyNotify) ferry_token_info_free,
                   cancellable, callback, user_data);
}

FerryTokenInfo *
ferry_api_client_renew_token_finish (FerryApiClient  *self,
                                     GAsyncResult    *result,
                                     GError         **error)
{
  return ferry_api_client_endpoint_finish (self, result, ferry_api_client_renew_token_async, error);
}

void
ferry_api_client_revoke_token_async (FerryApiClient      *self,
                                     const char          *access_token,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (FERRY_IS_API_CLIENT (self));
  g_return_if_fail (access_token != NULL);

  token_body_call (self, ferry_api_client_revoke_token_async, "/api/v1/auth/token/revoke",
                   access_token, parse_true, g_free, cancellable, callback, user_data);
}

gboolean
ferry_api_client_revoke_token_finish (FerryApiClient  *self,
                                      GAsyncResult    *result,
                                      GError         **error)
{
  return ferry_api_client_endpoint_finish_boolean (self, result, ferry_api_client_revoke_token_async, NULL, error);
}

void
ferry_api_client_check_auth_async (FerryApiClient      *self,
                                   const char          *token,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (FERRY_IS_API_CLIENT (self));
  g_return_if_fail (token != NULL);

  ferry_api_client_call_endpoint (self, ferry_api_client_check_auth_async,
                                  "POST", "/api/v1/auth/checkAuth", NULL, NULL, FALSE, token,
                                  parse_true, NULL, NULL, g_free, cancellable, callback, user_data);
}

gboolean
ferry_api_client_check_auth_finish (FerryApiClient  *self,
                                    GAsyncResult    *result,
                                    GError         **error)
{
  return ferry_api_client_endpoint_finish_boolean (self, result, ferry_api_client_check_auth_async, NULL, error);
}


/* GET /api/v1/user (docs/infisical-api.md#the-signed-in-user): who the token belongs to,
 * as the server knows it. */
static gpointer
parse_user_email (JsonNode  *root,
                  gpointer   data,
                  GError   **error)
{
  JsonNode *node = ferry_api_root_member (root, "user", JSON_NODE_OBJECT, error);
  JsonObject *user;
  const char *email;

  if (node == NULL)
    return NULL;

  user = json_node_get_object (node);
  email = json_object_get_string_member_with_default (user, "email", NULL);
  /* Users of SAML/LDAP builds may have no email; their username is what the web app shows. */
  if (email == NULL || *email == '\0')
    email = json_object_get_string_member_with_default (user, "username", NULL);
  if (email == NULL || *email == '\0')
    {
      g_propagate_error (error, ferry_api_error_new_invalid_response ("user has neither email nor username"));
      return NULL;
    }

  return g_strdup (email);
}

void
ferry_api_client_get_user_email_async (FerryApiClient      *self,
                                       const char          *token,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (FERRY_IS_API_CLIENT (self));
  g_return_if_fail (token != NULL);

  ferry_api_client_call_endpoint (self, ferry_api_client_get_user_email_async,
                                  "GET", "/api/v1/user", NULL, NULL, FALSE, token,
                                  parse_user_email, NULL, NULL, g_free, cancellable, callback, user_data);
}

char *
ferry_api_client_get_user_email_finish (FerryApiClient  *self,
                                        GAsyncResult    *result,
                                        GError         **error)
{
  return ferry_api_client_endpoint_finish (self, result, ferry_api_client_get_user_email_async, error);
}
