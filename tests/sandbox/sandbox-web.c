/* sandbox-web.c: the web pages: Infisical's CLI sign-in page, the fake Microsoft consent
 * page, and the App Connections page with its OAuth callback ("the web way").
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "sandbox-private.h"

void
sb_oauth_code_free (gpointer data)
{
  SbOAuthCode *c = data;

  g_free (c->client_id);
  g_free (c->redirect_uri);
  g_free (c->tenant);
  g_free (c);
}

void
sb_web_pending_free (gpointer data)
{
  SbWebPending *p = data;

  g_free (p->name);
  g_free (p->description);
  g_free (p->tenant_id);
  g_free (p->org_name);
  g_free (p->project_id);
  g_free (p);
}

static char *
esc (const char *s)
{
  return g_markup_escape_text (s ? s : "", -1);
}

#define PAGE_STYLE \
  "<style>body{font-family:sans-serif;background:#0e1014;color:#e6e6e6;margin:0}" \
  ".card{max-width:440px;margin:64px auto;padding:32px;background:#1a1d23;border-radius:8px}" \
  "h1{font-size:20px}button,input[type=submit]{background:#e0ed34;color:#111;border:0;padding:10px 18px;" \
  "border-radius:6px;font-weight:bold;cursor:pointer}button.secondary{background:#444;color:#eee}" \
  "label{display:block;margin:12px 0 4px}input[type=text],input[type=email]{width:376px;padding:8px;box-sizing:border-box}" \
  "code,pre{word-break:break-all;white-space:pre-wrap;background:#000;padding:8px;display:block}" \
  "table{width:656px;border-collapse:collapse}td,th{text-align:left;padding:4px;border-bottom:1px solid #333}</style>"

/* ---- CLI sign-in page ---- */

static void
login_page (SbRequest *req)
{
  FerrySandbox *self = req->self;
  const char *port = sb_query (req, "callback_port");
  gboolean auto_click = g_strcmp0 (sb_query (req, "auto"), "1") == 0 || self->auto_browser;
  g_autofree char *email = esc (ferry_sandbox_get_user_email (self));
  g_autofree char *html = NULL;
  gint64 port_num = port ? g_ascii_strtoll (port, NULL, 10) : 0;

  if (port != NULL && (port_num <= 0 || port_num > 65535))
    {
      sb_reply_html (req, 400, "<!DOCTYPE html><html><body><p>Invalid callback_port.</p></body></html>");
      return;
    }

  html = g_strdup_printf (
    "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Log In | Infisical</title>" PAGE_STYLE "</head>"
    "<body><div class=\"card\" id=\"login\">"
    "<h1>Log in to Infisical</h1>"
    "<p>Sandbox server: you are signing in as <b id=\"email\">%s</b> (organization Contoso).</p>"
    "<div id=\"form\"><label for=\"email-input\">Email</label><input type=\"email\" id=\"email-input\" value=\"%s\" readonly>"
    "<p><button id=\"sign-in\" type=\"button\">Sign in</button></p></div>"
    "<div id=\"success\" hidden><h1>Head back to your terminal</h1>"
    "<p>You have successfully logged in. You can close this tab and head back to your terminal.</p></div>"
    "<div id=\"failure\" hidden><h1>Unable to reach CLI</h1>"
    "<p>Your browser could not deliver the login to the application. Copy this token and paste it "
    "into the application:</p><code id=\"paste-token\"></code></div>"
    "<div id=\"no-port\" hidden><h1>Signed in</h1><p>No callback_port was given: nothing to deliver.</p></div>"
    "</div><script>\n"
    "(function () {\n"
    "  var port = %" G_GINT64_FORMAT ";\n"
    "  function show (id) { document.getElementById('form').hidden = true; document.getElementById(id).hidden = false; document.title = id; }\n"
    "  function signIn () {\n"
    "    var btn = document.getElementById('sign-in'); btn.disabled = true;\n"
    "    fetch('/sandbox/web/cli-token', { method: 'POST' }).then(function (r) { return r.json (); }).then(function (payload) {\n"
    "      if (!port) { show ('no-port'); return; }\n"
    "      var body = JSON.stringify ({ JTWToken: payload.JTWToken, email: payload.email, privateKey: '' });\n"
    "      return fetch ('http://127.0.0.1:' + port + '/', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: body })\n"
    "        .then(function (r) { if (!r.ok) throw new Error ('status ' + r.status); show ('success'); })\n"
    "        .catch(function () { document.getElementById('paste-token').textContent = btoa (body); show ('failure'); });\n"
    "    }).catch(function () { btn.disabled = false; });\n"
    "  }\n"
    "  document.getElementById('sign-in').addEventListener('click', signIn);\n"
    "  if (%s) signIn ();\n"
    "})();\n"
    "</script></body></html>",
    email, email, port_num, auto_click ? "true" : "false");
  sb_reply_html (req, 200, html);
}

static void
cli_token (SbRequest *req)
{
  FerrySandbox *self = req->self;
  g_autofree char *jwt = sb_issue_user_jwt (self, 10 * 24 * 3600);
  JsonObject *obj = json_object_new ();

  json_object_set_string_member (obj, "JTWToken", jwt);
  json_object_set_string_member (obj, "email", ferry_sandbox_get_user_email (self));
  json_object_set_string_member (obj, "privateKey", "");
  sb_reply_object (req, NULL, obj);
}

/* ---- Microsoft consent ---- */

static char *
append_query (const char *uri,
              const char *query)
{
  return g_strconcat (uri, strchr (uri, '?') ? "&" : "?", query, NULL);
}

static void
redirect_with (SbRequest  *req,
               const char *redirect_uri,
               const char *query)
{
  g_autofree char *location = append_query (redirect_uri, query);

  sb_reply_redirect (req, location);
}

static void
decide (SbRequest  *req,
        const char *tenant,
        const char *client_id,
        const char *redirect_uri,
        const char *state,
        gboolean    accept)
{
  FerrySandbox *self = req->self;
  g_autofree char *state_esc = g_uri_escape_string (state ? state : "", NULL, FALSE);
  g_autofree char *query = NULL;

  if (accept)
    {
      SbOAuthCode *code = g_new0 (SbOAuthCode, 1);
      g_autofree char *uuid = g_uuid_string_random ();
      g_autofree char *value = g_strdup_printf ("0.AXsandbox-%s", uuid);

      code->client_id = g_strdup (client_id);
      code->redirect_uri = g_strdup (redirect_uri);
      code->tenant = g_strdup (tenant);
      code->issued_at = g_get_real_time () / G_USEC_PER_SEC;
      g_hash_table_insert (self->oauth_codes, g_strdup (value), code);
      query = g_strdup_printf ("code=%s&state=%s&session_state=%s", value, state_esc, "5f1c3e2a-sandbox");
    }
  else
    query = g_strdup_printf ("error=access_denied&error_description=%s&state=%s",
                             "AADSTS65004%3A+User+declined+to+consent+to+access+the+app.", state_esc);
  redirect_with (req, redirect_uri, query);
}

static void
authorize (SbRequest *req)
{
  FerrySandbox *self = req->self;
  const char *tenant = sb_param (req, "tenant");
  const char *client_id = sb_query (req, "client_id");
  const char *redirect_uri = sb_query (req, "redirect_uri");
  const char *response_type = sb_query (req, "response_type");
  const char *state = sb_query (req, "state");
  const char *scope = sb_query (req, "scope");
  const char *auto_mode = sb_query (req, "auto") ? sb_query (req, "auto")
                         : self->default_consent ? self->default_consent
                         : self->auto_browser ? "accept" : NULL;
  g_autofree char *html = NULL;
  g_autofree char *e_client = NULL, *e_redirect = NULL, *e_state = NULL, *e_scope = NULL, *e_tenant = NULL;
  g_autofree char *u_client = NULL, *u_redirect = NULL, *u_state = NULL, *u_tenant = NULL;
  g_autoptr(GUri) parsed = NULL;

  if (client_id == NULL || g_strcmp0 (client_id, SB_OAUTH_CLIENT_ID) != 0)
    {
      g_autofree char *c = esc (client_id);
      html = g_strdup_printf ("<!DOCTYPE html><html><body><h1>Sign in</h1><p id=\"error\">AADSTS700016: Application with "
                              "identifier '%s' was not found in the directory. This can happen if the application "
                              "has not been installed by the administrator of the tenant.</p></body></html>", c);
      sb_reply_html (req, 400, html);
      return;
    }
  if (redirect_uri == NULL || (parsed = g_uri_parse (redirect_uri, G_URI_FLAGS_NONE, NULL)) == NULL)
    {
      sb_reply_html (req, 400, "<!DOCTYPE html><html><body><h1>Sign in</h1><p id=\"error\">AADSTS900144: The request "
                               "body must contain the following parameter: 'redirect_uri'.</p></body></html>");
      return;
    }
  if (g_strcmp0 (response_type, "code") != 0)
    {
      g_autofree char *state_esc = g_uri_escape_string (state ? state : "", NULL, FALSE);
      g_autofree char *query = g_strdup_printf ("error=unsupported_response_type&error_description=%s&state=%s",
                                                "AADSTS700054%3A+response_type+%27code%27+is+expected.", state_esc);
      redirect_with (req, redirect_uri, query);
      return;
    }
  if (g_strcmp0 (auto_mode, "accept") == 0 || g_strcmp0 (auto_mode, "deny") == 0)
    {
      decide (req, tenant, client_id, redirect_uri, state, g_strcmp0 (auto_mode, "accept") == 0);
      return;
    }

  e_client = esc (client_id);
  e_redirect = esc (redirect_uri);
  e_state = esc (state);
  e_scope = esc (scope);
  e_tenant = esc (tenant);
  u_client = g_uri_escape_string (client_id, NULL, FALSE);
  u_redirect = g_uri_escape_string (redirect_uri, NULL, FALSE);
  u_state = g_uri_escape_string (state ? state : "", NULL, FALSE);
  u_tenant = g_uri_escape_string (tenant, NULL, FALSE);
  html = g_strdup_printf (
    "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Permissions requested</title>" PAGE_STYLE "</head>"
    "<body><div class=\"card\"><p>Microsoft (sandbox)</p><p>ada@contoso.com</p>"
    "<h1>Permissions requested</h1><p><b>Infisical</b> (client <code id=\"client-id\">%s</code>) "
    "wants to access Azure DevOps on your behalf.</p>"
    "<p>Scope: <code id=\"scope\">%s</code></p><p>Tenant: <code id=\"tenant\">%s</code></p>"
    "<p>After you decide you will be sent to <code id=\"redirect-uri\">%s</code></p>"
    "<p><a href=\"/sandbox/microsoft/%s/oauth2/v2.0/decide?decision=accept&amp;client_id=%s&amp;redirect_uri=%s&amp;state=%s\">"
    "<button id=\"accept\" type=\"button\">Accept</button></a> "
    "<a href=\"/sandbox/microsoft/%s/oauth2/v2.0/decide?decision=deny&amp;client_id=%s&amp;redirect_uri=%s&amp;state=%s\">"
    "<button id=\"deny\" type=\"button\" class=\"secondary\">Cancel</button></a></p>"
    "<p hidden id=\"state\">%s</p></div>"
    "<script>document.querySelectorAll('a').forEach(function(a){a.querySelector('button').addEventListener('click',function(){location.href=a.href;});});</script>"
    "</body></html>",
    e_client, e_scope, e_tenant, e_redirect,
    u_tenant, u_client, u_redirect, u_state,
    u_tenant, u_client, u_redirect, u_state, e_state);
  sb_reply_html (req, 200, html);
}

static void
consent_decide (SbRequest *req)
{
  const char *client_id = sb_query (req, "client_id");
  const char *redirect_uri = sb_query (req, "redirect_uri");

  if (client_id == NULL || redirect_uri == NULL)
    {
      sb_reply_html (req, 400, "<!DOCTYPE html><html><body><p id=\"error\">Missing client_id or redirect_uri.</p></body></html>");
      return;
    }
  decide (req, sb_param (req, "tenant"), client_id, redirect_uri, sb_query (req, "state"),
          g_strcmp0 (sb_query (req, "decision"), "accept") == 0);
}

/* ---- App Connections page (the web way) ---- */

static char *
callback_uri (FerrySandbox *self)
{
  return g_strconcat (self->url, SB_OAUTH_CALLBACK_PATH, NULL);
}

static void
connections_page (SbRequest *req)
{
  FerrySandbox *self = req->self;
  const char *org_id = ferry_sandbox_get_organization_id (self);
  JsonArray *connections = sb_state_array (self, "connections");
  g_autoptr(GString) html = g_string_new (NULL);
  g_autofree char *auto_q = g_strdup (sb_query (req, "auto") ? sb_query (req, "auto")
                                     : self->auto_browser && sb_query (req, "name") ? "accept" : "");
  const char *prefill[] = { "name", "description", "tenantId", "orgName", "projectId", NULL };

  if (g_strcmp0 (sb_param (req, "orgId"), org_id) != 0 && sb_param (req, "orgId") != NULL)
    {
      sb_reply_html (req, 404, "<!DOCTYPE html><html><body><h1>Organization not found</h1></body></html>");
      return;
    }
  g_string_append (html, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>App Connections | Infisical</title>"
                         PAGE_STYLE "</head><body><div class=\"card\" style=\"max-width:720px\">"
                         "<h1>App Connections</h1><table id=\"connections\"><tr><th>Name</th><th>App</th><th>Method</th></tr>");
  for (guint i = 0; i < json_array_get_length (connections); i++)
    {
      JsonObject *c = json_array_get_object_element (connections, i);
      g_autofree char *n = esc (sb_get_str (c, "name"));
      g_autofree char *m = esc (sb_get_str (c, "method"));

      g_string_append_printf (html, "<tr class=\"connection\"><td>%s</td><td>Azure DevOps</td><td>%s</td></tr>", n, m);
    }
  g_string_append (html, "</table><h1>Add Azure DevOps Connection (OAuth)</h1>"
                         "<form id=\"oauth-form\" method=\"get\" action=\"/organization/app-connections/azure-devops/oauth/start\">");
  for (guint i = 0; prefill[i] != NULL; i++)
    {
      g_autofree char *v = esc (sb_query (req, prefill[i]));

      g_string_append_printf (html, "<label for=\"%s\">%s</label><input type=\"text\" id=\"%s\" name=\"%s\" value=\"%s\">",
                              prefill[i], prefill[i], prefill[i], prefill[i], v);
    }
  {
    g_autofree char *a = esc (auto_q);
    g_string_append_printf (html, "<input type=\"hidden\" name=\"auto\" value=\"%s\">"
                                  "<p><input type=\"submit\" id=\"connect\" value=\"Connect to Azure DevOps\"></p></form>"
                                  "<script>if (%s) document.getElementById('oauth-form').submit();</script>"
                                  "</div></body></html>",
                            a, auto_q[0] != '\0' ? "true" : "false");
  }
  sb_reply_html (req, 200, html->str);
}

static void
connections_legacy (SbRequest *req)
{
  const char *query = g_uri_get_query (soup_server_message_get_uri (req->msg));
  g_autofree char *location = g_strdup_printf ("/organizations/%s/app-connections%s%s",
                                               ferry_sandbox_get_organization_id (req->self),
                                               query ? "?" : "", query ? query : "");

  sb_reply_redirect (req, location);
}

static void
oauth_start (SbRequest *req)
{
  FerrySandbox *self = req->self;
  SbWebPending *p = g_new0 (SbWebPending, 1);
  g_autofree char *csrf = NULL;
  g_autofree char *state = NULL;
  g_autofree char *redirect = callback_uri (self);
  g_autofree char *location = NULL;
  const char *tenant = sb_query (req, "tenantId");
  const char *auto_mode = sb_query (req, "auto");
  g_autofree char *u_tenant = NULL, *u_redirect = NULL, *u_state = NULL;

  {
    g_autofree char *uuid = g_uuid_string_random ();

    csrf = g_compute_checksum_for_string (G_CHECKSUM_MD5, uuid, -1);
  }
  p->name = g_strdup (sb_query (req, "name"));
  p->description = g_strdup (sb_query (req, "description"));
  p->tenant_id = g_strdup (tenant);
  p->org_name = g_strdup (sb_query (req, "orgName"));
  p->project_id = g_strdup (sb_query (req, "projectId"));
  g_hash_table_replace (self->web_pending, g_strdup (csrf), p);

  state = g_strdup_printf ("%s<:>azure-devops", csrf);
  u_tenant = g_uri_escape_string (tenant && *tenant ? tenant : "common", NULL, FALSE);
  u_redirect = g_uri_escape_string (redirect, NULL, FALSE);
  u_state = g_uri_escape_string (state, NULL, FALSE);
  location = g_strdup_printf ("/sandbox/microsoft/%s/oauth2/v2.0/authorize?client_id=%s&response_type=code"
                              "&redirect_uri=%s&response_mode=query&scope=https://azconfig.io/.default%%20openid%%20offline_access"
                              "&state=%s%s%s",
                              u_tenant, SB_OAUTH_CLIENT_ID, u_redirect, u_state,
                              auto_mode && *auto_mode ? "&auto=" : "", auto_mode && *auto_mode ? auto_mode : "");
  sb_reply_redirect (req, location);
}

static void
result_page (SbRequest  *req,
             guint       status,
             gboolean    ok,
             const char *text)
{
  g_autofree char *t = esc (text);
  g_autofree char *html = g_strdup_printf (
    "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>%s</title>" PAGE_STYLE "</head><body><div class=\"card\">"
    "<h1 id=\"result\" data-ok=\"%s\">%s</h1><p id=\"message\">%s</p>"
    "<p><a href=\"/organization/app-connections\">Back to App Connections</a></p></div></body></html>",
    ok ? "Connection created" : "Connection failed", ok ? "true" : "false",
    ok ? "Azure DevOps Connection created" : "Failed to create Azure DevOps Connection", t);

  sb_reply_html (req, status, html);
}

static void
oauth_callback (SbRequest *req)
{
  FerrySandbox *self = req->self;
  const char *code = sb_query (req, "code");
  const char *state = sb_query (req, "state");
  const char *error = sb_query (req, "error");
  g_auto(GStrv) parts = NULL;
  SbWebPending *p;
  g_autoptr(JsonObject) body = NULL;
  JsonObject *creds;
  g_autofree char *error_message = NULL;
  g_autofree char *name = NULL;

  if (error != NULL)
    {
      result_page (req, 200, FALSE, sb_query (req, "error_description") ? sb_query (req, "error_description") : error);
      return;
    }
  if (code == NULL || state == NULL)
    {
      result_page (req, 400, FALSE, "The callback is missing code or state.");
      return;
    }
  parts = g_strsplit (state, "<:>", 2);
  p = g_hash_table_lookup (self->web_pending, parts[0]);
  if (p == NULL || g_strcmp0 (parts[1], "azure-devops") != 0)
    {
      result_page (req, 400, FALSE, "Invalid state: the request did not start from this page (CSRF check failed).");
      return;
    }

  body = json_object_new ();
  creds = json_object_new ();
  json_object_set_string_member (body, "method", "oauth");
  json_object_set_string_member (body, "name", p->name ? p->name : "");
  if (p->description && *p->description)
    json_object_set_string_member (body, "description", p->description);
  if (p->project_id && *p->project_id)
    json_object_set_string_member (body, "projectId", p->project_id);
  json_object_set_string_member (creds, "code", code);
  json_object_set_string_member (creds, "tenantId", p->tenant_id ? p->tenant_id : "");
  json_object_set_string_member (creds, "orgName", p->org_name ? p->org_name : "");
  json_object_set_object_member (body, "credentials", creds);
  g_hash_table_remove (self->web_pending, parts[0]);

  name = sb_connection_create_web (self, body, &error_message);
  if (name == NULL)
    {
      result_page (req, 200, FALSE, error_message);
      return;
    }
  {
    g_autofree char *m = g_strdup_printf ("Azure DevOps Connection \"%s\" is ready to use.", name);
    result_page (req, 200, TRUE, m);
  }
}

static void
oauth_callback_legacy (SbRequest *req)
{
  const char *query = g_uri_get_query (soup_server_message_get_uri (req->msg));
  g_autofree char *location = g_strdup_printf ("/organizations/%s/app-connections/azure/oauth/callback%s%s",
                                               ferry_sandbox_get_organization_id (req->self),
                                               query ? "?" : "", query ? query : "");

  sb_reply_redirect (req, location);
}

static void
index_page (SbRequest *req)
{
  sb_reply_html (req, 200,
                 "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Infisical (Ferry sandbox)</title>" PAGE_STYLE
                 "</head><body><div class=\"card\"><h1>Infisical (Ferry sandbox)</h1><ul>"
                 "<li><a href=\"/login\">Log in</a></li>"
                 "<li><a href=\"/organization/app-connections\">App Connections</a></li>"
                 "<li><a href=\"/sandbox/requests\">Request log</a></li></ul></div></body></html>");
}

const SbRoute sb_web_routes[] = {
  { "GET", "/", SB_AUTH_NONE, index_page },
  { "GET", "/login", SB_AUTH_NONE, login_page },
  { "POST", "/sandbox/web/cli-token", SB_AUTH_NONE, cli_token },
  { "GET", "/sandbox/microsoft/:tenant/oauth2/v2.0/authorize", SB_AUTH_NONE, authorize },
  { "GET", "/sandbox/microsoft/:tenant/oauth2/v2.0/decide", SB_AUTH_NONE, consent_decide },
  { "GET", "/organization/app-connections", SB_AUTH_NONE, connections_legacy },
  { "GET", "/organizations/:orgId/app-connections", SB_AUTH_NONE, connections_page },
  { "GET", "/organization/app-connections/azure-devops/oauth/start", SB_AUTH_NONE, oauth_start },
  { "GET", "/organization/app-connections/azure/oauth/callback", SB_AUTH_NONE, oauth_callback_legacy },
  { "GET", "/organizations/:orgId/app-connections/azure/oauth/callback", SB_AUTH_NONE, oauth_callback },
  { NULL, NULL, 0, NULL },
};
