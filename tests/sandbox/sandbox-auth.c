/* sandbox-auth.c: JWTs, Universal Auth, token renew/revoke, checkAuth, organizations.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "sandbox-private.h"

#define MSG_EXPIRED   "Your token has expired. Please re-authenticate."
#define MSG_MALFORMED "The provided access token is malformed. Please use a valid token or generate a new one and try again."

static char *
b64url_encode (const guchar *data,
               gsize         len)
{
  char *s = g_base64_encode (data, len);
  char *p;

  for (p = s; *p; p++)
    {
      if (*p == '+')
        *p = '-';
      else if (*p == '/')
        *p = '_';
      else if (*p == '=')
        {
          *p = '\0';
          break;
        }
    }
  return s;
}

static guchar *
b64url_decode (const char *s,
               gsize      *out_len)
{
  g_autoptr(GString) str = g_string_new (s);

  for (gsize i = 0; i < str->len; i++)
    {
      if (str->str[i] == '-')
        str->str[i] = '+';
      else if (str->str[i] == '_')
        str->str[i] = '/';
      else if (!g_ascii_isalnum (str->str[i]) && str->str[i] != '+' && str->str[i] != '/')
        return NULL;
    }
  while (str->len % 4 != 0)
    g_string_append_c (str, '=');
  return g_base64_decode (str->str, out_len);
}

static char *
sign (FerrySandbox *self,
      const char   *signing_input)
{
  const char *key = sb_get_str (self->state, "_jwtSecret");
  g_autoptr(GHmac) hmac = g_hmac_new (G_CHECKSUM_SHA256, (const guchar *) key, strlen (key));
  guint8 digest[32];
  gsize digest_len = sizeof digest;

  g_hmac_update (hmac, (const guchar *) signing_input, -1);
  g_hmac_get_digest (hmac, digest, &digest_len);
  return b64url_encode (digest, digest_len);
}

char *
sb_jwt_encode (FerrySandbox *self,
               JsonObject   *payload)
{
  static const char header[] = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *payload_json = NULL;
  g_autofree char *h = b64url_encode ((const guchar *) header, strlen (header));
  g_autofree char *p = NULL;
  g_autofree char *input = NULL;
  g_autofree char *sig = NULL;

  json_node_set_object (node, payload);
  payload_json = sb_json_to_string (node);
  p = b64url_encode ((const guchar *) payload_json, strlen (payload_json));
  input = g_strdup_printf ("%s.%s", h, p);
  sig = sign (self, input);
  return g_strdup_printf ("%s.%s", input, sig);
}

JsonObject *
sb_jwt_decode (FerrySandbox  *self,
               const char    *token,
               gboolean       check_exp,
               char         **error_message)
{
  g_auto(GStrv) parts = NULL;
  g_autofree char *input = NULL;
  g_autofree char *sig = NULL;
  g_autofree guchar *payload_raw = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize len = 0;
  JsonNode *root;
  JsonObject *payload;

  parts = g_strsplit (token, ".", -1);
  if (g_strv_length (parts) != 3 || parts[0][0] == '\0' || parts[1][0] == '\0')
    {
      *error_message = g_strdup (MSG_MALFORMED);
      return NULL;
    }
  payload_raw = b64url_decode (parts[1], &len);
  if (payload_raw == NULL || !json_parser_load_from_data (parser, (const char *) payload_raw, len, NULL)
      || (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      *error_message = g_strdup (MSG_MALFORMED);
      return NULL;
    }
  input = g_strdup_printf ("%s.%s", parts[0], parts[1]);
  sig = sign (self, input);
  if (strcmp (sig, parts[2]) != 0)
    {
      *error_message = g_strdup ("invalid signature");
      return NULL;
    }
  payload = json_node_get_object (root);
  if (check_exp && json_object_has_member (payload, "exp")
      && sb_get_int (payload, "exp", 0) <= g_get_real_time () / G_USEC_PER_SEC)
    {
      *error_message = g_strdup (MSG_EXPIRED);
      return NULL;
    }
  return json_object_ref (payload);
}

char *
sb_issue_user_jwt (FerrySandbox *self,
                   gint64        lifetime)
{
  return sb_issue_user_jwt_for_organization (self, ferry_sandbox_get_organization_id (self), lifetime);
}

char *
sb_issue_user_jwt_for_organization (FerrySandbox *self,
                                    const char   *organization_id,
                                    gint64        lifetime)
{
  g_autoptr(JsonObject) payload = json_object_new ();
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *token_version = sb_new_uuid ();

  json_object_set_string_member (payload, "authMethod", "email");
  json_object_set_string_member (payload, "authTokenType", "accessToken");
  json_object_set_string_member (payload, "userId", sb_get_str (sb_get_obj (self->state, "user"), "id"));
  json_object_set_string_member (payload, "tokenVersionId", token_version);
  json_object_set_int_member (payload, "accessVersion", 1);
  json_object_set_string_member (payload, "organizationId", organization_id);
  json_object_set_int_member (payload, "iat", lifetime < 0 ? now + lifetime - 60 : now);
  json_object_set_int_member (payload, "exp", now + lifetime);
  return sb_jwt_encode (self, payload);
}

static char *
issue_identity_token (FerrySandbox *self,
                      JsonObject   *entry)
{
  g_autoptr(JsonObject) payload = json_object_new ();
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 ttl = sb_get_int (entry, "ttl", 0);

  json_object_set_string_member (payload, "identityId", sb_get_str (entry, "identityId"));
  json_object_set_string_member (payload, "clientSecretId", "9c0e2d4f-1a3b-4c5d-8e7f-6a5b4c3d2e1f");
  json_object_set_string_member (payload, "identityAccessTokenId", sb_get_str (entry, "id"));
  json_object_set_string_member (payload, "authTokenType", "identityAccessToken");
  json_object_set_int_member (payload, "iat", now);
  /* A sequence number keeps two tokens issued in the same second distinct. */
  json_object_set_int_member (payload, "seq", sb_get_int (entry, "renewals", 0));
  if (ttl > 0)
    json_object_set_int_member (payload, "exp", now + ttl);
  return sb_jwt_encode (self, payload);
}

gboolean
sb_authenticate (SbRequest *req,
                 SbAuth     auth)
{
  FerrySandbox *self = req->self;
  const char *header;
  g_autofree char *error_message = NULL;
  g_autoptr(JsonObject) payload = NULL;
  const char *type;

  if (auth == SB_AUTH_NONE)
    return TRUE;

  header = soup_message_headers_get_one (soup_server_message_get_request_headers (req->msg), "Authorization");
  if (header == NULL || *header == '\0')
    {
      sb_reply_error (req, 401, "UnauthorizedError", "Token missing");
      return FALSE;
    }
  /* Like inject-identity.ts: the first 7 characters ("Bearer ") are cut off. */
  payload = sb_jwt_decode (self, strlen (header) > 7 ? header + 7 : "", TRUE, &error_message);
  if (payload == NULL)
    {
      sb_reply_error (req, 403, "TokenError", error_message);
      return FALSE;
    }
  type = sb_get_str (payload, "authTokenType");
  if (g_strcmp0 (type, "accessToken") == 0)
    {
      req->mode = SB_MODE_JWT;
      req->actor_id = g_strdup (sb_get_str (payload, "userId"));
      req->org_id = g_strdup (sb_get_str (payload, "organizationId"));
    }
  else if (g_strcmp0 (type, "identityAccessToken") == 0)
    {
      JsonObject *entry = sb_find_by (sb_state_array (self, "identityTokens"), "id",
                                      sb_get_str (payload, "identityAccessTokenId"));

      if (entry == NULL || sb_get_bool (entry, "revoked", FALSE))
        {
          sb_reply_error (req, 401, "UnauthorizedError", "No identity access token found");
          return FALSE;
        }
      req->mode = SB_MODE_IDENTITY;
      req->actor_id = g_strdup (sb_get_str (entry, "identityId"));
      req->org_id = g_strdup (ferry_sandbox_get_organization_id (self));
    }
  else
    {
      sb_reply_error (req, 401, "UnauthorizedError", "Invalid token");
      return FALSE;
    }

  if ((auth == SB_AUTH_JWT_ONLY || auth == SB_AUTH_JWT_NO_ORG) && req->mode != SB_MODE_JWT)
    {
      g_autofree char *name = NULL;
      const char *q = g_uri_get_query (soup_server_message_get_uri (req->msg));

      name = g_strdup_printf ("Forbidden access to %s%s%s",
                              g_uri_get_path (soup_server_message_get_uri (req->msg)),
                              q ? "?" : "", q ? q : "");
      sb_reply_error (req, 403, name, "You are not allowed to access this resource");
      return FALSE;
    }
  if (auth != SB_AUTH_ANY_NO_ORG && auth != SB_AUTH_JWT_NO_ORG && req->mode == SB_MODE_JWT && req->org_id == NULL)
    {
      g_autofree char *name = g_strdup_printf ("%s Unauthorized Access, no organization found in request",
                                               g_uri_get_path (soup_server_message_get_uri (req->msg)));
      sb_reply_error (req, 401, name, "You are not authorized to access this resource");
      return FALSE;
    }
  return TRUE;
}

/* ---- Universal Auth ---- */

static void
reply_token (SbRequest  *req,
             JsonObject *entry)
{
  JsonObject *obj = json_object_new ();
  g_autofree char *token = issue_identity_token (req->self, entry);

  json_object_set_string_member (obj, "accessToken", token);
  json_object_set_int_member (obj, "expiresIn", sb_get_int (entry, "ttl", 0));
  json_object_set_int_member (obj, "accessTokenMaxTTL", sb_get_int (entry, "maxTtl", 0));
  json_object_set_string_member (obj, "tokenType", "Bearer");
  sb_reply_object (req, NULL, obj);
}

static void
ua_login (SbRequest *req)
{
  FerrySandbox *self = req->self;
  JsonObject *body = sb_body_obj (req);
  JsonObject *identity = sb_get_obj (self->state, "identity");
  SbIssues *issues = sb_issues_new ();
  g_autofree char *client_id = sb_check_string (issues, body, "clientId", TRUE, 0, 0, NULL);
  g_autofree char *client_secret = sb_check_string (issues, body, "clientSecret", TRUE, 0, 0, NULL);
  JsonObject *entry;
  g_autofree char *id = NULL;

  if (!sb_issues_empty (issues))
    {
      sb_reply_issues (req, issues);
      sb_issues_free (issues);
      return;
    }
  sb_issues_free (issues);

  if (g_strcmp0 (client_id, sb_get_str (identity, "clientId")) != 0
      || g_strcmp0 (client_secret, sb_get_str (identity, "_clientSecret")) != 0)
    {
      sb_reply_error (req, 401, "UnauthorizedError", "Invalid credentials");
      return;
    }

  id = sb_new_uuid ();
  entry = json_object_new ();
  json_object_set_string_member (entry, "id", id);
  json_object_set_string_member (entry, "identityId", sb_get_str (identity, "id"));
  json_object_set_int_member (entry, "createdAt", g_get_real_time () / G_USEC_PER_SEC);
  json_object_set_int_member (entry, "lastRenewedAt", 0);
  json_object_set_int_member (entry, "ttl", self->identity_ttl);
  json_object_set_int_member (entry, "maxTtl", self->identity_max_ttl);
  json_object_set_int_member (entry, "renewals", 0);
  json_array_add_object_element (sb_state_array (self, "identityTokens"), entry);
  req->state_changed = TRUE;
  reply_token (req, entry);
}

static JsonObject *
token_entry_from_body (SbRequest *req)
{
  FerrySandbox *self = req->self;
  SbIssues *issues = sb_issues_new ();
  g_autofree char *token = sb_check_string (issues, sb_body_obj (req), "accessToken", TRUE, 0, 0, NULL);
  g_autofree char *error_message = NULL;
  g_autoptr(JsonObject) payload = NULL;
  JsonObject *entry;

  if (!sb_issues_empty (issues))
    {
      sb_reply_issues (req, issues);
      sb_issues_free (issues);
      return NULL;
    }
  sb_issues_free (issues);

  payload = sb_jwt_decode (self, token, FALSE, &error_message);
  if (payload == NULL)
    {
      sb_reply_error (req, 403, "TokenError", error_message);
      return NULL;
    }
  if (g_strcmp0 (sb_get_str (payload, "authTokenType"), "identityAccessToken") != 0)
    {
      sb_reply_error (req, 400, "BadRequest", "Only identity access tokens can be renewed");
      return NULL;
    }
  entry = sb_find_by (sb_state_array (self, "identityTokens"), "id",
                      sb_get_str (payload, "identityAccessTokenId"));
  if (entry == NULL || sb_get_bool (entry, "revoked", FALSE))
    {
      sb_reply_error (req, 401, "UnauthorizedError", "No identity access token found");
      return NULL;
    }
  return entry;
}

static void
token_renew (SbRequest *req)
{
  FerrySandbox *self = req->self;
  JsonObject *entry = token_entry_from_body (req);
  gint64 now, ttl, max_ttl, created, last;
  const char *refusal = NULL;

  if (entry == NULL)
    return;

  now = g_get_real_time () / G_USEC_PER_SEC;
  ttl = sb_get_int (entry, "ttl", 0);
  max_ttl = sb_get_int (entry, "maxTtl", 0);
  created = sb_get_int (entry, "createdAt", now);
  last = sb_get_int (entry, "lastRenewedAt", 0);

  if (ttl > 0 && now >= (last > 0 ? last : created) + ttl)
    refusal = "Failed to renew MI access token due to TTL expiration";
  else if (max_ttl > 0 && now >= created + max_ttl)
    refusal = "Failed to renew MI access token due to Max TTL expiration";
  else if (max_ttl > 0 && now + ttl > created + max_ttl)
    refusal = "Failed to renew MI access token: TTL cannot exceed past its Max TTL expiration";

  if (refusal != NULL)
    {
      /* The server deletes the token when it refuses to renew it. */
      sb_remove_by (sb_state_array (self, "identityTokens"), "id", sb_get_str (entry, "id"));
      req->state_changed = TRUE;
      sb_reply_error (req, 401, "UnauthorizedError", refusal);
      return;
    }

  json_object_set_int_member (entry, "lastRenewedAt", now);
  json_object_set_int_member (entry, "renewals", sb_get_int (entry, "renewals", 0) + 1);
  req->state_changed = TRUE;
  reply_token (req, entry);
}

static void
token_revoke (SbRequest *req)
{
  JsonObject *entry = token_entry_from_body (req);
  JsonObject *obj;

  if (entry == NULL)
    return;
  json_object_set_boolean_member (entry, "revoked", TRUE);
  req->state_changed = TRUE;
  obj = json_object_new ();
  json_object_set_string_member (obj, "message", "Successfully revoked access token");
  sb_reply_object (req, NULL, obj);
}

static void
check_auth (SbRequest *req)
{
  JsonObject *obj = json_object_new ();

  json_object_set_string_member (obj, "message", "Authenticated");
  sb_reply_object (req, NULL, obj);
}

/* GET /api/v1/user (backend/src/server/routes/v1/user-router.ts): { user } from the users
 * table (UsersSchema) plus the encryption-key columns, which the sandbox leaves out. */
static void
get_user (SbRequest *req)
{
  FerrySandbox *self = req->self;
  JsonObject *user = sb_get_obj (self->state, "user");
  JsonObject *item = sb_public_copy (user);
  JsonObject *obj = json_object_new ();
  JsonArray *methods = json_array_new ();

  json_object_set_string_member (item, "username", sb_get_str (user, "email"));
  json_object_set_boolean_member (item, "superAdmin", FALSE);
  json_object_set_boolean_member (item, "isAccepted", TRUE);
  json_object_set_boolean_member (item, "isMfaEnabled", FALSE);
  json_object_set_boolean_member (item, "isGhost", FALSE);
  json_object_set_boolean_member (item, "isEmailVerified", TRUE);
  json_array_add_string_element (methods, "email");
  json_object_set_array_member (item, "authMethods", methods);
  json_object_set_string_member (item, "createdAt", "2026-09-01T09:00:00.000Z");
  json_object_set_string_member (item, "updatedAt", "2026-09-01T09:00:00.000Z");
  json_object_set_object_member (obj, "user", item);
  sb_reply_object (req, NULL, obj);
}

static void
list_organizations (SbRequest *req)
{
  FerrySandbox *self = req->self;
  JsonObject *org = sb_get_obj (self->state, "organization");
  JsonObject *item = sb_public_copy (org);
  JsonObject *obj = json_object_new ();
  JsonArray *array = json_array_new ();

  json_object_set_null_member (item, "customerId");
  json_object_set_null_member (item, "authEnforced");
  json_object_set_boolean_member (item, "scimEnabled", FALSE);
  json_object_set_string_member (item, "orgAuthMethod", "email");
  json_object_set_string_member (item, "userRole", "admin");
  json_object_set_string_member (item, "userJoinedAt", "2026-09-01T09:00:00.000Z");
  json_object_set_boolean_member (item, "blockDuplicateSecretSyncDestinations", sb_block_duplicate_destinations (self));
  json_array_add_object_element (array, item);
  json_object_set_array_member (obj, "organizations", array);
  sb_reply_object (req, NULL, obj);
}

const SbRoute sb_auth_routes[] = {
  { "POST", "/api/v1/auth/universal-auth/login", SB_AUTH_NONE, ua_login },
  { "POST", "/api/v1/auth/token/renew", SB_AUTH_NONE, token_renew },
  { "POST", "/api/v1/auth/token/revoke", SB_AUTH_NONE, token_revoke },
  /* All three are verifyAuth([AuthMode.JWT], { requireOrg: false }) in Infisical. */
  { "POST", "/api/v1/auth/checkAuth", SB_AUTH_JWT_NO_ORG, check_auth },
  { "GET", "/api/v1/organization", SB_AUTH_JWT_NO_ORG, list_organizations },
  { "GET", "/api/v1/user", SB_AUTH_JWT_NO_ORG, get_user },
  { NULL, NULL, 0, NULL },
};
