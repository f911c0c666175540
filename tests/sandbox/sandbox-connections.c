/* sandbox-connections.c: Azure DevOps App Connections, their options and OAuth redemption.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "sandbox-private.h"

static const char *methods[] = { "oauth", "access-token", "client-secret", NULL };

gboolean
sb_project_connections (FerrySandbox *self)
{
  return sb_get_bool (sb_variants (self), "projectConnections", TRUE);
}

void
ferry_sandbox_set_project_connections (FerrySandbox *self,
                                       gboolean      supported)
{
  g_return_if_fail (FERRY_IS_SANDBOX (self));
  json_object_set_boolean_member (sb_variants (self), "projectConnections", !!supported);
  sb_state_changed (self);
}

/* ?projectId as the build reads it: builds without project connections ignore it. */
static const char *
query_project_id (SbRequest *req)
{
  return sb_project_connections (req->self) ? sb_query (req, "projectId") : NULL;
}

JsonObject *
sb_connection_find (FerrySandbox *self,
                    const char   *id)
{
  return sb_find_by (sb_state_array (self, "connections"), "id", id);
}

JsonObject *
sb_connection_public (FerrySandbox *self,
                      JsonObject   *conn)
{
  JsonObject *out = sb_public_copy (conn);
  JsonObject *project = sb_project_find (self, sb_get_str (conn, "projectId"));

  if (project != NULL)
    {
      JsonObject *p = json_object_new ();

      json_object_set_string_member (p, "name", sb_get_str (project, "name"));
      json_object_set_string_member (p, "id", sb_get_str (project, "id"));
      json_object_set_string_member (p, "type", sb_get_str (project, "type"));
      json_object_set_string_member (p, "slug", sb_get_str (project, "slug"));
      json_object_set_object_member (out, "project", p);
    }
  else
    json_object_set_null_member (out, "project");
  json_object_set_null_member (out, "rotation");
  if (!sb_project_connections (self))
    {
      json_object_remove_member (out, "projectId");
      json_object_remove_member (out, "project");
    }
  return out;
}

static const char *
method_display_name (const char *method)
{
  if (g_strcmp0 (method, "oauth") == 0)
    return "OAuth";
  if (g_strcmp0 (method, "access-token") == 0)
    return "Access Token";
  return "Client Secret";
}

/* ---- OAuth code redemption (the fake Entra token endpoint) ---- */

static gboolean
is_loopback_redirect (const char *uri)
{
  g_autoptr(GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);

  return parsed != NULL && g_strcmp0 (g_uri_get_scheme (parsed), "http") == 0
         && (g_strcmp0 (g_uri_get_host (parsed), "127.0.0.1") == 0
             || g_strcmp0 (g_uri_get_host (parsed), "localhost") == 0)
         && g_uri_get_port (parsed) > 0;
}

/* "Failed to get access token: <error_description>", with Entra's trace lines. */
static char *
aad_error (const char *description)
{
  g_autofree char *trace = sb_new_uuid ();
  g_autofree char *correlation = sb_new_uuid ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d %H:%M:%SZ");

  return g_strdup_printf ("Failed to get access token: %s Trace ID: %s Correlation ID: %s Timestamp: %s",
                          description, trace, correlation, stamp);
}

char *
sb_oauth_redeem (FerrySandbox *self,
                 const char   *code,
                 const char   *tenant_id)
{
  SbOAuthCode *entry = g_hash_table_lookup (self->oauth_codes, code);
  g_autofree char *site_redirect = g_strconcat (self->url ? self->url : "", SB_OAUTH_CALLBACK_PATH, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gboolean redirect_ok;

  if (entry == NULL)
    return aad_error ("AADSTS9002313: Invalid request. Request is malformed or invalid.");
  if (entry->used)
    return aad_error ("AADSTS54005: OAuth2 Authorization code was already redeemed, "
                     "please retry with a new valid code or use an existing refresh token.");
  entry->used = TRUE;
  if (now - entry->issued_at > self->oauth_code_lifetime)
    return aad_error ("AADSTS70008: The provided authorization code or refresh token "
                     "has expired due to inactivity. Send a new interactive authorization request for this user "
                     "and resource.");
  if (g_strcmp0 (entry->client_id, SB_OAUTH_CLIENT_ID) != 0)
    return aad_error ("AADSTS700005: Provided Authorization Code is intended to use "
                     "against other tenant or application, thus rejected.");

  /* The server always redeems with SITE_URL/organization/app-connections/azure/oauth/callback;
   * a loopback-capable server (--oauth-redirect=loopback) sends the code's own loopback URI. */
  redirect_ok = g_strcmp0 (entry->redirect_uri, site_redirect) == 0
                || (self->oauth_redirect == FERRY_SANDBOX_OAUTH_REDIRECT_LOOPBACK
                    && is_loopback_redirect (entry->redirect_uri));
  if (!redirect_ok)
    {
      g_autofree char *d = g_strdup_printf ("AADSTS500112: The reply address '%s' does not match the reply "
                                            "address '%s' provided when requesting Authorization code.",
                                            site_redirect, entry->redirect_uri);
      return aad_error (d);
    }
  if (tenant_id != NULL && g_strcmp0 (entry->tenant, "common") != 0 && g_strcmp0 (entry->tenant, "organizations") != 0
      && g_strcmp0 (entry->tenant, tenant_id) != 0)
    return aad_error ("AADSTS700005: Provided Authorization Code is intended to use "
                     "against other tenant or application, thus rejected.");
  return NULL;
}

/* ---- Validation ---- */

typedef struct
{
  guint       status;
  const char *error;
  char       *message;
  SbIssues   *issues;
} SbFailure;

static void
failure_clear (SbFailure *f)
{
  g_clear_pointer (&f->message, g_free);
  g_clear_pointer (&f->issues, sb_issues_free);
}

static void
reply_failure (SbRequest *req,
               SbFailure *f)
{
  if (f->issues != NULL)
    sb_reply_issues (req, f->issues);
  else
    sb_reply_error (req, f->status, f->error, f->message);
  failure_clear (f);
}

static void
fail (SbFailure  *f,
      guint       status,
      const char *error,
      char       *message)
{
  f->status = status;
  f->error = error;
  f->message = message;
}

/* Checks the input credentials of @method; returns the trimmed copy or NULL (issues added). */
static JsonObject *
check_credentials (SbIssues   *issues,
                   JsonObject *creds,
                   const char *method)
{
  JsonObject *out = json_object_new ();
  guint before = 0;
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL;

  (void) before;
  if (g_strcmp0 (method, "oauth") == 0)
    {
      a = sb_check_string (issues, creds, "code", TRUE, 1, 0, "credentials");
      b = sb_check_string (issues, creds, "tenantId", TRUE, 1, 0, "credentials");
      c = sb_check_string (issues, creds, "orgName", TRUE, 1, 0, "credentials");
      if (a && b && c)
        {
          json_object_set_string_member (out, "code", a);
          json_object_set_string_member (out, "tenantId", b);
          json_object_set_string_member (out, "orgName", c);
          return out;
        }
    }
  else if (g_strcmp0 (method, "access-token") == 0)
    {
      a = sb_check_string (issues, creds, "accessToken", TRUE, 1, 0, "credentials");
      b = sb_check_string (issues, creds, "orgName", TRUE, 1, 0, "credentials");
      if (a && b)
        {
          json_object_set_string_member (out, "accessToken", a);
          json_object_set_string_member (out, "orgName", b);
          return out;
        }
    }
  else
    {
      a = sb_check_string (issues, creds, "clientId", TRUE, 0, 50, "credentials");
      if (a && !sb_is_uuid (a))
        {
          sb_issue_uuid (issues, "credentials", "clientId", NULL);
          g_clear_pointer (&a, g_free);
        }
      b = sb_check_string (issues, creds, "clientSecret", TRUE, 1, 50, "credentials");
      c = sb_check_uuid (issues, creds, "tenantId", TRUE, "credentials");
      d = sb_check_string (issues, creds, "orgName", TRUE, 1, 0, "credentials");
      if (a && b && c && d)
        {
          json_object_set_string_member (out, "clientId", a);
          json_object_set_string_member (out, "clientSecret", b);
          json_object_set_string_member (out, "tenantId", c);
          json_object_set_string_member (out, "orgName", d);
          return out;
        }
    }
  json_object_unref (out);
  return NULL;
}

#define NOT_SUPPORTED "Not supported for Azure DevOps Connections"

/* GenericCreateAppConnectionFieldsSchema (app-connection-schemas.ts) for an app without
 * platform-managed credentials, gateways or credential rotation. The update schema has no
 * rotation fields at all (they are dropped). */
static void
check_unsupported (SbIssues   *issues,
                   JsonObject *body,
                   gboolean    on_create)
{
  sb_issue_unless_false (issues, body, "isPlatformManagedCredentials", NOT_SUPPORTED);
  sb_issue_unless_null (issues, body, "gatewayId", NOT_SUPPORTED);
  if (!on_create)
    return;
  sb_issue_unless_false (issues, body, "isAutoRotationEnabled", NOT_SUPPORTED);
  sb_issue_unless_null (issues, body, "rotation", NOT_SUPPORTED);
}

static char *
check_description (SbIssues   *issues,
                   JsonObject *body,
                   gboolean   *present)
{
  JsonNode *n;
  g_autofree char *value = NULL;

  *present = json_object_has_member (body, "description");
  if (!*present)
    return NULL;
  n = json_object_get_member (body, "description");
  if (JSON_NODE_HOLDS_NULL (n))
    return NULL;
  if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    {
      sb_issue_type (issues, "string", n, "description", NULL);
      return NULL;
    }
  value = g_strstrip (g_strdup (json_node_get_string (n)));
  if (g_utf8_strlen (value, -1) > 256)
    {
      sb_issue_too_big (issues, 256, "Description cannot exceed 256 characters", "description", NULL);
      return NULL;
    }
  return g_steal_pointer (&value);
}

/* Validates @creds (trimmed input) against the sandbox's Azure DevOps / Entra; on success
 * fills @secret (private) and @public_creds. */
static gboolean
verify_credentials (FerrySandbox *self,
                    const char   *method,
                    JsonObject   *creds,
                    JsonObject   *secret,
                    JsonObject   *public_creds,
                    SbFailure    *f)
{
  const char *org_name = sb_get_str (creds, "orgName");
  JsonObject *org = sb_devops_org (self, org_name);

  if (g_strcmp0 (method, "access-token") == 0)
    {
      const char *pat = sb_get_str (creds, "accessToken");
      JsonObject *entry = org ? sb_find_by (sb_get_arr (org, "pats"), "token", pat) : NULL;

      if (org == NULL)
        {
          fail (f, 400, "BadRequest",
                g_strdup_printf ("Failed to validate access token for organization '%s': Request failed with status code 404",
                                 org_name));
          return FALSE;
        }
      if (entry == NULL || sb_get_bool (entry, "revoked", FALSE))
        {
          fail (f, 400, "BadRequest",
                g_strdup_printf ("Failed to validate access token for organization '%s': Request failed with status code 401",
                                 org_name));
          return FALSE;
        }
      json_object_set_string_member (secret, "accessToken", pat);
      json_object_set_string_member (public_creds, "orgName", org_name);
      return TRUE;
    }
  if (g_strcmp0 (method, "client-secret") == 0)
    {
      JsonArray *sps = org ? sb_get_arr (org, "servicePrincipals") : NULL;
      JsonObject *sp = sps ? sb_find_by (sps, "clientId", sb_get_str (creds, "clientId")) : NULL;

      if (sp == NULL || g_strcmp0 (sb_get_str (sp, "tenantId"), sb_get_str (creds, "tenantId")) != 0)
        {
          fail (f, 400, "BadRequest",
                g_strdup_printf ("Failed to authenticate with Azure DevOps using client credentials: "
                                 "AADSTS700016: Application with identifier '%s' was not found in the directory "
                                 "'%s'. This can happen if the application has not been installed by the "
                                 "administrator of the tenant or consented to by any user in the tenant. You "
                                 "may have sent your authentication request to the wrong tenant.",
                                 sb_get_str (creds, "clientId"), sb_get_str (creds, "tenantId")));
          return FALSE;
        }
      if (g_strcmp0 (sb_get_str (sp, "clientSecret"), sb_get_str (creds, "clientSecret")) != 0)
        {
          fail (f, 400, "BadRequest",
                g_strdup_printf ("Failed to authenticate with Azure DevOps using client credentials: "
                                 "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in "
                                 "the request is the client secret value, not the client secret ID, for a secret "
                                 "added to app '%s'.", sb_get_str (creds, "clientId")));
          return FALSE;
        }
      json_object_set_string_member (secret, "clientSecret", sb_get_str (creds, "clientSecret"));
      json_object_set_string_member (public_creds, "clientId", sb_get_str (creds, "clientId"));
      json_object_set_string_member (public_creds, "tenantId", sb_get_str (creds, "tenantId"));
      json_object_set_string_member (public_creds, "orgName", org_name);
      return TRUE;
    }

  {
    char *m;
    g_autofree char *refresh = NULL;

    if (self->oauth_unconfigured)
      {
        fail (f, 500, "InternalServerError", g_strdup ("Azure OAuth environment variables have not been configured"));
        return FALSE;
      }
    m = sb_oauth_redeem (self, sb_get_str (creds, "code"), sb_get_str (creds, "tenantId"));

    if (m != NULL)
      {
        fail (f, 400, "BadRequest", m);
        return FALSE;
      }
    {
      g_autofree char *uuid = g_uuid_string_random ();

      refresh = g_strdup_printf ("sandbox-refresh-%s", uuid);
    }
    json_object_set_string_member (secret, "refreshToken", refresh);
    json_object_set_string_member (public_creds, "tenantId", sb_get_str (creds, "tenantId"));
    json_object_set_string_member (public_creds, "orgName", org_name);
    return TRUE;
  }
}

static char *
credentials_hash (JsonObject *secret)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *text = NULL;
  g_autofree char *salted = NULL;
  g_autofree char *salt = sb_new_uuid ();

  json_node_set_object (node, secret);
  text = sb_json_to_string (node);
  salted = g_strconcat (salt, text, NULL);
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, salted, -1);
}

static JsonObject *
find_by_name (FerrySandbox *self,
              const char   *name,
              const char   *project_id)
{
  JsonArray *connections = sb_state_array (self, "connections");

  for (guint i = 0; i < json_array_get_length (connections); i++)
    {
      JsonObject *c = json_array_get_object_element (connections, i);

      if (g_strcmp0 (sb_get_str (c, "name"), name) == 0
          && g_strcmp0 (sb_get_str (c, "projectId"), project_id) == 0)
        return c;
    }
  return NULL;
}

/* Creates a connection from a create body; NULL and @f filled on failure. */
static JsonObject *
create_connection (FerrySandbox *self,
                   const char   *org_id,
                   JsonObject   *body,
                   SbFailure    *f)
{
  SbIssues *issues = sb_issues_new ();
  const char *method = sb_get_str (body, "method");
  g_autoptr(JsonObject) creds = NULL;
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;
  g_autofree char *project_id = NULL;
  g_autofree char *id = NULL;
  g_autofree char *now = NULL;
  g_autofree char *hash = NULL;
  gboolean has_description;
  JsonObject *conn, *secret, *public_creds;

  if (body == NULL)
    {
      sb_issue_type (issues, "object", NULL, "", NULL);
      f->issues = issues;
      return NULL;
    }

  if (method == NULL || !g_strv_contains (methods, method))
    {
      JsonObject *issue = json_object_new ();
      JsonArray *options = json_array_new ();

      for (guint i = 0; methods[i]; i++)
        json_array_add_string_element (options, methods[i]);
      json_object_set_string_member (issue, "code", "invalid_union_discriminator");
      json_object_set_array_member (issue, "options", options);
      json_object_set_string_member (issue, "message",
                                     "Invalid discriminator value. Expected 'oauth' | 'access-token' | 'client-secret'");
      sb_issue_add (issues, issue, "method", NULL);
    }
  else
    {
      JsonObject *c = sb_get_obj (body, "credentials");

      if (c == NULL)
        {
          JsonNode *n = json_object_has_member (body, "credentials") ? json_object_get_member (body, "credentials") : NULL;
          sb_issue_type (issues, "object", n, "credentials", NULL);
        }
      else
        creds = check_credentials (issues, c, method);
    }
  name = sb_check_name (self, issues, body, TRUE, 64);
  description = check_description (issues, body, &has_description);
  /* Builds without project connections do not know the key: dropped unread. */
  if (sb_project_connections (self))
    project_id = sb_check_string (issues, body, "projectId", FALSE, 0, 0, NULL);
  check_unsupported (issues, body, TRUE);

  if (!sb_issues_empty (issues))
    {
      f->issues = issues;
      return NULL;
    }
  sb_issues_free (issues);

  if (project_id != NULL && sb_project_find (self, project_id) == NULL)
    {
      /* app-connection-service.ts, createAppConnection. */
      fail (f, 400, "BadRequest", g_strdup_printf ("Could not find project with ID %s", project_id));
      return NULL;
    }
  if (find_by_name (self, name, project_id) != NULL)
    {
      fail (f, 400, "BadRequest", g_strdup_printf ("An App Connection with the name \"%s\" already exists", name));
      return NULL;
    }

  secret = json_object_new ();
  public_creds = json_object_new ();
  if (!verify_credentials (self, method, creds, secret, public_creds, f))
    {
      json_object_unref (secret);
      json_object_unref (public_creds);
      return NULL;
    }

  id = sb_new_uuid ();
  now = sb_now_iso ();
  hash = credentials_hash (secret);
  conn = json_object_new ();
  json_object_set_string_member (conn, "id", id);
  json_object_set_string_member (conn, "name", name);
  sb_set_str_or_null (conn, "description", description);
  json_object_set_int_member (conn, "version", 1);
  json_object_set_string_member (conn, "orgId", org_id);
  json_object_set_string_member (conn, "createdAt", now);
  json_object_set_string_member (conn, "updatedAt", now);
  json_object_set_boolean_member (conn, "isPlatformManagedCredentials", FALSE);
  json_object_set_null_member (conn, "gatewayId");
  sb_set_str_or_null (conn, "projectId", project_id);
  json_object_set_boolean_member (conn, "isAutoRotationEnabled", FALSE);
  json_object_set_string_member (conn, "app", "azure-devops");
  json_object_set_string_member (conn, "method", method);
  json_object_set_object_member (conn, "credentials", public_creds);
  json_object_set_string_member (conn, "credentialsHash", hash);
  json_object_set_object_member (conn, "_secret", secret);
  json_array_add_object_element (sb_state_array (self, "connections"), conn);
  return conn;
}

void
sb_connection_create (SbRequest  *req,
                      JsonObject *body)
{
  SbFailure f = { 0 };
  JsonObject *conn = create_connection (req->self, req->org_id, body, &f);

  if (conn == NULL)
    {
      reply_failure (req, &f);
      return;
    }
  req->state_changed = TRUE;
  sb_reply_object (req, "appConnection", sb_connection_public (req->self, conn));
}

/* For the web hand-off page: creates an OAuth connection as the demo user. Returns the
 * connection's name, or NULL with @error_message. */
char *
sb_connection_create_web (FerrySandbox  *self,
                          JsonObject    *body,
                          char         **error_message)
{
  SbFailure f = { 0 };
  JsonObject *conn = create_connection (self, ferry_sandbox_get_organization_id (self), body, &f);

  if (conn == NULL)
    {
      if (f.issues != NULL)
        *error_message = g_strdup ("The connection details are not valid (check the name: lowercase letters, numbers and hyphens).");
      else
        *error_message = g_strdup (f.message);
      failure_clear (&f);
      return NULL;
    }
  sb_state_changed (self);
  return g_strdup (sb_get_str (conn, "name"));
}

/* ---- Routes ---- */

static void
create_cb (SbRequest *req)
{
  sb_connection_create (req, sb_body_obj (req));
}

static gint
compare_by_name (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (sb_get_str (*(JsonObject **) a, "name"), sb_get_str (*(JsonObject **) b, "name"));
}

/* Connections in scope, sorted by name. Without a project: the organization's own connections
 * with @with_org_level (the /available list), otherwise every connection of the organization,
 * project ones included (listAppConnections filters by orgId only). With a project: its
 * connections, and with @with_org_level the organization's too. */
static GPtrArray *
connections_for (FerrySandbox *self,
                 const char   *project_id,
                 gboolean      with_org_level)
{
  JsonArray *connections = sb_state_array (self, "connections");
  GPtrArray *out = g_ptr_array_new ();
  gboolean whole_org = project_id == NULL || *project_id == '\0';

  for (guint i = 0; i < json_array_get_length (connections); i++)
    {
      JsonObject *c = json_array_get_object_element (connections, i);
      const char *pid = sb_get_str (c, "projectId");

      if (whole_org ? (!with_org_level || pid == NULL)
                    : (g_strcmp0 (pid, project_id) == 0 || (with_org_level && pid == NULL)))
        g_ptr_array_add (out, c);
    }
  g_ptr_array_sort (out, compare_by_name);
  return out;
}

static gboolean
project_known (SbRequest  *req,
               const char *project_id,
               guint       status)
{
  if (project_id == NULL || *project_id == '\0' || sb_project_find (req->self, project_id) != NULL)
    return TRUE;
  if (status == 400)
    sb_reply_errorf (req, 400, "BadRequest", "Could not find project with ID %s", project_id);
  else
    sb_reply_errorf (req, 404, "NotFound", "Project with ID '%s' not found", project_id);
  return FALSE;
}

/* GET …/azure-devops[?projectId]: the project's connections, or without a project every
 * connection of the organization (app-connection-service.ts, listAppConnections). */
static void
list_cb (SbRequest *req)
{
  g_autoptr(GPtrArray) list = NULL;
  JsonArray *out;
  JsonObject *obj;

  if (!project_known (req, query_project_id (req), 404))
    return;
  list = connections_for (req->self, query_project_id (req), FALSE);
  out = json_array_new ();
  obj = json_object_new ();
  for (guint i = 0; i < list->len; i++)
    json_array_add_object_element (out, sb_connection_public (req->self, list->pdata[i]));
  json_object_set_array_member (obj, "appConnections", out);
  sb_reply_object (req, NULL, obj);
}

/* GET …/available[?projectId]: the organization's own connections and, with a project, the
 * project's (listAvailableAppConnectionsForUser). */
static void
available_cb (SbRequest *req)
{
  const char *project_id = query_project_id (req);
  g_autoptr(GPtrArray) list = NULL;
  JsonArray *out;
  JsonObject *obj;

  if (!project_known (req, project_id, 400))
    return;
  list = connections_for (req->self, project_id, TRUE);
  out = json_array_new ();
  obj = json_object_new ();
  for (guint i = 0; i < list->len; i++)
    {
      JsonObject *c = list->pdata[i];
      JsonObject *item = json_object_new ();

      json_object_set_string_member (item, "app", "azure-devops");
      json_object_set_string_member (item, "name", sb_get_str (c, "name"));
      json_object_set_string_member (item, "id", sb_get_str (c, "id"));
      /* The earlier builds' items are {app, name, id} only. */
      if (sb_project_connections (req->self))
        {
          sb_set_str_or_null (item, "projectId", sb_get_str (c, "projectId"));
          json_object_set_string_member (item, "orgId", sb_get_str (c, "orgId"));
        }
      json_array_add_object_element (out, item);
    }
  json_object_set_array_member (obj, "appConnections", out);
  sb_reply_object (req, NULL, obj);
}

static JsonObject *
lookup_param_id (SbRequest *req)
{
  const char *id = sb_param (req, "connectionId");
  JsonObject *conn;

  if (!sb_is_uuid (id))
    {
      SbIssues *issues = sb_issues_new ();

      sb_issue_uuid (issues, "connectionId", NULL);
      sb_reply_issues (req, issues);
      sb_issues_free (issues);
      return NULL;
    }
  conn = sb_connection_find (req->self, id);
  if (conn == NULL)
    {
      sb_reply_errorf (req, 404, "NotFound", "Could not find App Connection with ID %s", id);
      return NULL;
    }
  if (g_strcmp0 (sb_get_str (conn, "app"), "azure-devops") != 0)
    {
      sb_reply_errorf (req, 400, "BadRequest", "App Connection with ID %s is not for App \"azure-devops\"", id);
      return NULL;
    }
  return conn;
}

static void
get_cb (SbRequest *req)
{
  JsonObject *conn = lookup_param_id (req);

  if (conn != NULL)
    sb_reply_object (req, "appConnection", sb_connection_public (req->self, conn));
}

static void
get_by_name_cb (SbRequest *req)
{
  const char *name = sb_param (req, "connectionName");
  JsonObject *conn = find_by_name (req->self, name, query_project_id (req));

  if (conn == NULL)
    {
      sb_reply_errorf (req, 404, "NotFound", "Could not find App Connection with name %s in %s scope.", name,
                       query_project_id (req) ? "project" : "organization");
      return;
    }
  sb_reply_object (req, "appConnection", sb_connection_public (req->self, conn));
}

static const char *
credentials_shape (JsonObject *creds)
{
  if (creds == NULL)
    return NULL;
  if (json_object_has_member (creds, "code"))
    return "oauth";
  if (json_object_has_member (creds, "accessToken"))
    return "access-token";
  if (json_object_has_member (creds, "clientSecret") || json_object_has_member (creds, "clientId"))
    return "client-secret";
  return NULL;
}

static void
patch_cb (SbRequest *req)
{
  FerrySandbox *self = req->self;
  JsonObject *conn = lookup_param_id (req);
  JsonObject *body = sb_body_obj (req);
  SbIssues *issues;
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;
  g_autoptr(JsonObject) creds = NULL;
  gboolean has_description;
  const char *shape = NULL;
  g_autofree char *now = NULL;

  if (conn == NULL)
    return;
  if (body == NULL)
    body = json_object_new ();
  else
    json_object_ref (body);

  issues = sb_issues_new ();
  if (json_object_has_member (body, "name"))
    name = sb_check_name (self, issues, body, TRUE, 64);
  description = check_description (issues, body, &has_description);
  check_unsupported (issues, body, FALSE);
  if (json_object_has_member (body, "credentials"))
    {
      JsonObject *c = sb_get_obj (body, "credentials");

      shape = credentials_shape (c);
      if (shape == NULL)
        {
          JsonObject *issue = json_object_new ();

          json_object_set_string_member (issue, "code", "invalid_union");
          json_object_set_array_member (issue, "unionErrors", json_array_new ());
          json_object_set_string_member (issue, "message", "Invalid input");
          sb_issue_add (issues, issue, "credentials", NULL);
        }
      else
        creds = check_credentials (issues, c, shape);
    }
  if (!sb_issues_empty (issues))
    {
      sb_reply_issues (req, issues);
      sb_issues_free (issues);
      json_object_unref (body);
      return;
    }
  sb_issues_free (issues);

  if (name != NULL && g_strcmp0 (name, sb_get_str (conn, "name")) != 0
      && find_by_name (self, name, sb_get_str (conn, "projectId")) != NULL)
    {
      sb_reply_errorf (req, 400, "BadRequest", "An App Connection with the name \"%s\" already exists", name);
      json_object_unref (body);
      return;
    }
  if (creds != NULL)
    {
      SbFailure f = { 0 };
      JsonObject *secret, *public_creds;
      g_autofree char *hash = NULL;

      if (g_strcmp0 (shape, sb_get_str (conn, "method")) != 0)
        {
          sb_reply_errorf (req, 400, "BadRequest", "Invalid credential format for Azure DevOps Connection with method %s",
                           method_display_name (sb_get_str (conn, "method")));
          json_object_unref (body);
          return;
        }
      secret = json_object_new ();
      public_creds = json_object_new ();
      if (!verify_credentials (self, shape, creds, secret, public_creds, &f))
        {
          json_object_unref (secret);
          json_object_unref (public_creds);
          reply_failure (req, &f);
          json_object_unref (body);
          return;
        }
      hash = credentials_hash (secret);
      json_object_set_object_member (conn, "credentials", public_creds);
      json_object_set_object_member (conn, "_secret", secret);
      json_object_set_string_member (conn, "credentialsHash", hash);
    }
  if (name != NULL)
    json_object_set_string_member (conn, "name", name);
  if (has_description)
    sb_set_str_or_null (conn, "description", description);
  now = sb_now_iso ();
  json_object_set_string_member (conn, "updatedAt", now);
  json_object_set_int_member (conn, "version", sb_get_int (conn, "version", 1) + 1);
  req->state_changed = TRUE;
  json_object_unref (body);
  sb_reply_object (req, "appConnection", sb_connection_public (self, conn));
}

static void
delete_cb (SbRequest *req)
{
  JsonObject *conn = lookup_param_id (req);
  JsonObject *out;

  if (conn == NULL)
    return;
  if (sb_connection_in_use (req->self, sb_get_str (conn, "id")))
    {
      sb_reply_error (req, 400, "BadRequest",
                      "Cannot delete App Connection with existing connections. Remove all existing connections and try again.");
      return;
    }
  out = sb_connection_public (req->self, conn);
  sb_remove_by (sb_state_array (req->self, "connections"), "id", sb_get_str (conn, "id"));
  req->state_changed = TRUE;
  sb_reply_object (req, "appConnection", out);
}

static void
projects_cb (SbRequest *req)
{
  FerrySandbox *self = req->self;
  JsonObject *conn = lookup_param_id (req);
  JsonObject *org;
  JsonArray *projects, *out;
  JsonObject *obj;
  guint status = 0;
  g_autofree char *azure_error = NULL;

  if (conn == NULL)
    return;
  azure_error = sb_devops_check_auth (self, conn, &status);
  if (azure_error != NULL)
    {
      /* The server throws Azure's 401/403/404 as a plain error: the client sees a 500. */
      sb_reply_error (req, 500, "InternalServerError", "Something went wrong");
      return;
    }
  org = sb_devops_org (self, sb_get_str (sb_get_obj (conn, "credentials"), "orgName"));
  projects = sb_get_arr (org, "projects");
  out = json_array_new ();
  for (guint i = 0; projects != NULL && i < json_array_get_length (projects); i++)
    {
      JsonObject *p = json_array_get_object_element (projects, i);
      JsonObject *item;

      if (sb_get_bool (p, "_deleted", FALSE))
        continue;
      item = json_object_new ();
      json_object_set_string_member (item, "id", sb_get_str (p, "id"));
      json_object_set_string_member (item, "name", sb_get_str (p, "name"));
      json_object_set_string_member (item, "appId", sb_get_str (p, "id"));
      json_array_add_object_element (out, item);
    }
  obj = json_object_new ();
  json_object_set_array_member (obj, "projects", out);
  sb_reply_object (req, NULL, obj);
}

static JsonObject *
option (const char *name,
        const char *app,
        const char *const *option_methods,
        const char *oauth_client_id)
{
  JsonObject *o = json_object_new ();
  JsonArray *m = json_array_new ();

  for (guint i = 0; option_methods[i] != NULL; i++)
    json_array_add_string_element (m, option_methods[i]);
  json_object_set_string_member (o, "name", name);
  json_object_set_string_member (o, "app", app);
  json_object_set_array_member (o, "methods", m);
  if (oauth_client_id != NULL)
    json_object_set_string_member (o, "oauthClientId", oauth_client_id);
  return o;
}

static void
options_cb (SbRequest *req)
{
  FerrySandbox *self = req->self;
  JsonArray *out = json_array_new ();
  JsonObject *obj = json_object_new ();

  json_array_add_object_element (out, option ("AWS", "aws", (const char *[]) { "assume-role", "access-key", NULL }, NULL));
  json_array_add_object_element (out, option ("GitHub", "github", (const char *[]) { "app", "oauth", NULL }, NULL));
  json_array_add_object_element (out, option ("Azure Key Vault", "azure-key-vault", (const char *[]) { "oauth", "client-secret", NULL }, NULL));
  json_array_add_object_element (out, option ("Azure DevOps", "azure-devops", methods,
                                                   self->oauth_unconfigured ? NULL : SB_OAUTH_CLIENT_ID));
  json_object_set_array_member (obj, "appConnectionOptions", out);
  sb_reply_object (req, NULL, obj);
}

static void
list_all_cb (SbRequest *req)
{
  list_cb (req);
}

const SbRoute sb_connection_routes[] = {
  { "GET", "/api/v1/app-connections/options", SB_AUTH_ANY, options_cb },
  { "GET", "/api/v1/app-connections", SB_AUTH_ANY, list_all_cb },
  { "GET", "/api/v1/app-connections/azure-devops", SB_AUTH_ANY, list_cb },
  { "GET", "/api/v1/app-connections/azure-devops/available", SB_AUTH_ANY, available_cb },
  { "GET", "/api/v1/app-connections/azure-devops/connection-name/:connectionName", SB_AUTH_ANY, get_by_name_cb },
  { "GET", "/api/v1/app-connections/azure-devops/:connectionId", SB_AUTH_ANY, get_cb },
  { "GET", "/api/v1/app-connections/azure-devops/:connectionId/projects", SB_AUTH_JWT_ONLY, projects_cb },
  { "POST", "/api/v1/app-connections/azure-devops", SB_AUTH_ANY, create_cb },
  { "PATCH", "/api/v1/app-connections/azure-devops/:connectionId", SB_AUTH_ANY, patch_cb },
  { "DELETE", "/api/v1/app-connections/azure-devops/:connectionId", SB_AUTH_ANY, delete_cb },
  { NULL, NULL, 0, NULL },
};
