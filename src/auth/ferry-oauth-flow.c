/* ferry-oauth-flow.c
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ferry-oauth"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <string.h>
#include <sys/random.h>

#include "ferry-handoff-flow.h"
#include "ferry-loopback-server.h"
#include "ferry-oauth-flow.h"

#define STATE_BYTES 16  /* 128 bits */
#define REDEEM_FAILED_PREFIX "Failed to get access token"

struct _FerryOAuthFlow
{
  GObject              parent_instance;

  FerryApiClient      *client;
  GSettings           *settings;
  char                *name;
  char                *description;
  char                *project_id;
  char                *connection_id;
  char                *tenant_id;
  char                *org_name;
  char                *organization_id;
  char                *authorize_base_url;
  guint                timeout;
  guint                poll_interval;

  GTask               *task;
  GCancellable        *cancellable;   /* ends the run: the caller's, or a failed open */
  gulong               cancelled_id;
  GError              *open_error;
  FerryLoopbackServer *server;
  FerryHandoffFlow    *handoff;
  char                *state;
  gboolean             redeeming;
};

enum {
  REQUEST_REJECTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (FerryOAuthFlow, ferry_oauth_flow, G_TYPE_OBJECT)

/* Translators: title of the page the web browser shows once Ferry has the Azure DevOps
 * connection. */
#define PAGE_TITLE_DONE N_("Azure DevOps Connected")
/* Translators: title of the page the web browser shows when connecting Azure DevOps
 * failed. */
#define PAGE_TITLE_FAILED N_("Azure DevOps Not Connected")
/* Translators: title of the page the web browser shows when Ferry refused an answer
 * that does not belong to its request. */
#define PAGE_TITLE_REFUSED N_("Answer Refused")

static const struct {
  const char *error;
  const char *message;
} authorization_errors[] = {
  /* RFC 6749 §4.1.2.1 */
  { "access_denied", N_("Access to Azure DevOps was declined in the browser. Nothing was changed.") },
  { "invalid_request", N_("Microsoft refused the sign-in request. Check the tenant and try again.") },
  { "unauthorized_client", N_("The Infisical server’s Azure app may not sign in this way. Ask the server’s administrator to check its Azure DevOps OAuth setup.") },
  { "unsupported_response_type", N_("The Infisical server’s Azure app may not sign in this way. Ask the server’s administrator to check its Azure DevOps OAuth setup.") },
  { "invalid_scope", N_("Microsoft refused the permissions Ferry asked for. Ask the server’s administrator to check its Azure DevOps OAuth setup.") },
  { "server_error", N_("Microsoft could not complete the sign-in. Try again later.") },
  { "temporarily_unavailable", N_("Microsoft sign-in is busy right now. Try again in a few minutes.") },
  /* Microsoft identity platform additions */
  { "consent_required", N_("An administrator of your Microsoft organization has to approve access to Azure DevOps first.") },
  { "interaction_required", N_("Microsoft needs you to finish signing in. Try again and complete every step in the browser.") },
  { "login_required", N_("Microsoft needs you to finish signing in. Try again and complete every step in the browser.") },
};

static void
set_string (char       **field,
            const char  *value)
{
  char *copy = (value != NULL && *value != '\0') ? g_strdup (value) : NULL;

  g_free (*field);
  *field = copy;
}

/* ---- Choosing the flow per server ---- */

static gboolean
is_infisical_cloud (const char *site_url)
{
  g_autoptr(GUri) uri = g_uri_parse (site_url, G_URI_FLAGS_NONE, NULL);
  g_autofree char *host = NULL;

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return FALSE;

  host = g_ascii_strdown (g_uri_get_host (uri), -1);
  return strcmp (host, "infisical.com") == 0 || g_str_has_suffix (host, ".infisical.com");
}

FerryOAuthFlowKind
ferry_oauth_flow_kind_for_site (GSettings  *settings,
                                const char *site_url)
{
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), FERRY_OAUTH_FLOW_KIND_LOOPBACK);
  g_return_val_if_fail (site_url != NULL, FERRY_OAUTH_FLOW_KIND_LOOPBACK);

  if (settings != NULL)
    {
      g_autoptr(GVariant) flows = g_settings_get_value (settings, "oauth-flows");
      const char *kind = NULL;

      if (g_variant_lookup (flows, site_url, "&s", &kind))
        {
          if (strcmp (kind, "handoff") == 0)
            return FERRY_OAUTH_FLOW_KIND_HANDOFF;
          if (strcmp (kind, "loopback") == 0)
            return FERRY_OAUTH_FLOW_KIND_LOOPBACK;
        }
    }

  /* Infisical Cloud redeems codes only with its own web callback. */
  return is_infisical_cloud (site_url) ? FERRY_OAUTH_FLOW_KIND_HANDOFF : FERRY_OAUTH_FLOW_KIND_LOOPBACK;
}

void
ferry_oauth_flow_remember_kind (GSettings          *settings,
                                const char         *site_url,
                                FerryOAuthFlowKind  kind)
{
  g_autoptr(GVariant) flows = NULL;
  GVariantBuilder builder;
  GVariantIter iter;
  const char *key;
  GVariant *value;

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (site_url != NULL);

  flows = g_settings_get_value (settings, "oauth-flows");
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  g_variant_iter_init (&iter, flows);
  while (g_variant_iter_next (&iter, "{&s@s}", &key, &value))
    {
      if (strcmp (key, site_url) != 0)
        g_variant_builder_add (&builder, "{s@s}", key, value);
      g_variant_unref (value);
    }
  g_variant_builder_add (&builder, "{ss}", site_url,
                         kind == FERRY_OAUTH_FLOW_KIND_HANDOFF ? "handoff" : "loopback");

  g_settings_set_value (settings, "oauth-flows", g_variant_builder_end (&builder));
}

/* ---- URL building ---- */

char *
ferry_oauth_flow_generate_state (GError **error)
{
  guint8 bytes[STATE_BYTES];
  gsize filled = 0;
  GString *state;

  /* The kernel's CSPRNG: never GRand, a time seed or a UUID. */
  while (filled < sizeof bytes)
    {
      gssize n = getrandom (bytes + filled, sizeof bytes - filled, 0);

      if (n < 0)
        {
          int saved_errno = errno;

          if (saved_errno == EINTR)
            continue;
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       /* Translators: %s is a system error message. */
                       _("Ferry could not prepare a secure sign-in: %s"),
                       g_strerror (saved_errno));
          return NULL;
        }
      filled += n;
    }

  state = g_string_sized_new (STATE_BYTES * 2 + strlen (FERRY_OAUTH_STATE_SUFFIX));
  for (gsize i = 0; i < sizeof bytes; i++)
    g_string_append_printf (state, "%02x", bytes[i]);
  g_string_append (state, FERRY_OAUTH_STATE_SUFFIX);
  memset (bytes, 0, sizeof bytes);

  return g_string_free (state, FALSE);
}

char *
ferry_oauth_flow_build_authorize_uri (const char *authorize_base_url,
                                      const char *tenant_id,
                                      const char *client_id,
                                      const char *redirect_uri,
                                      const char *state)
{
  g_autofree char *base = NULL;
  g_autofree char *tenant = NULL;
  g_autofree char *client = NULL;
  gsize len;

  g_return_val_if_fail (authorize_base_url != NULL, NULL);
  g_return_val_if_fail (client_id != NULL, NULL);
  g_return_val_if_fail (redirect_uri != NULL, NULL);
  g_return_val_if_fail (state != NULL, NULL);

  base = g_strdup (authorize_base_url);
  len = strlen (base);
  while (len > 0 && base[len - 1] == '/')
    base[--len] = '\0';

  tenant = g_uri_escape_string (tenant_id != NULL && *tenant_id != '\0' ? tenant_id : "common", NULL, FALSE);
  client = g_uri_escape_string (client_id, NULL, FALSE);

  /* As the web UI builds it (infisical-api.md §5.5): redirect_uri and state unescaped,
   * the same scope. */
  return g_strdup_printf ("%s/%s/oauth2/v2.0/authorize"
                          "?client_id=%s"
                          "&response_type=code"
                          "&redirect_uri=%s"
                          "&response_mode=query"
                          "&scope=https://azconfig.io/.default%%20openid%%20offline_access"
                          "&state=%s",
                          base, tenant, client, redirect_uri, state);
}

/* ---- The run ---- */

static void
rejected (FerryOAuthFlow *self,
          const char     *reason)
{
  g_debug ("Refused an OAuth callback: %s", reason);
  g_signal_emit (self, signals[REQUEST_REJECTED], 0, reason);
}

static void
finish_run (FerryOAuthFlow  *self,
            FerryConnection *connection,
            GError          *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);

  if (self->cancelled_id != 0)
    {
      g_cancellable_disconnect (g_task_get_cancellable (task), self->cancelled_id);
      self->cancelled_id = 0;
    }
  g_clear_object (&self->server);
  g_clear_object (&self->handoff);
  if (self->state != NULL)
    {
      memset (self->state, 0, strlen (self->state));
      g_clear_pointer (&self->state, g_free);
    }

  if (connection != NULL)
    g_task_return_pointer (task, connection, g_object_unref);
  else
    g_task_return_error (task, error);
}

static gboolean
state_matches (const char *expected,
               const char *received)
{
  gsize len;
  guint8 diff = 0;

  if (expected == NULL || received == NULL)
    return FALSE;

  len = strlen (expected);
  if (strlen (received) != len)
    return FALSE;

  /* Constant time: how much of the state matched does not show. */
  for (gsize i = 0; i < len; i++)
    diff |= (guint8) (expected[i] ^ received[i]);

  return diff == 0;
}

/* Whether @text names one of Entra's redirect-URI mismatch errors: AADSTS50011 (the
 * redirect is not registered for the app) or AADSTS500112 (the code was issued for
 * another redirect than the one it is redeemed with). Other codes (54005 already
 * redeemed, 70008 expired, 9002313 malformed, …) say nothing about the redirect. */
gboolean
ferry_oauth_is_redirect_mismatch (const char *text)
{
  const char *p = text;

  if (text == NULL || !g_str_has_prefix (text, REDEEM_FAILED_PREFIX))
    return FALSE;

  while ((p = strstr (p, "AADSTS")) != NULL)
    {
      const char *digits = p + strlen ("AADSTS");
      const char *end = digits;

      while (g_ascii_isdigit (*end))
        end++;
      if ((end - digits == 5 && strncmp (digits, "50011", 5) == 0) ||
          (end - digits == 6 && strncmp (digits, "500112", 6) == 0))
        return TRUE;
      p = end;
    }

  return FALSE;
}

/* The server's words: the detail of a FerryApiError, else its message. */
static const char *
server_text (const GError *error)
{
  const char *detail;

  if (error->domain != FERRY_API_ERROR)
    return NULL;

  detail = ferry_api_error_get_detail (error);
  return detail != NULL ? detail : error->message;
}

static gboolean
is_redirect_mismatch (const GError *error)
{
  return error->domain == FERRY_API_ERROR &&
         (ferry_oauth_is_redirect_mismatch (ferry_api_error_get_detail (error)) ||
          ferry_oauth_is_redirect_mismatch (error->message));
}

/* Microsoft refused the code for another reason than the redirect. */
static gboolean
is_code_rejected (const GError *error)
{
  const char *detail;

  if (error->domain != FERRY_API_ERROR)
    return FALSE;

  detail = ferry_api_error_get_detail (error);
  return (detail != NULL && g_str_has_prefix (detail, REDEEM_FAILED_PREFIX)) ||
         g_str_has_prefix (error->message, REDEEM_FAILED_PREFIX);
}

typedef struct
{
  FerryOAuthFlow    *self;
  SoupServerMessage *message;
} RedeemData;

static void
redeem_data_free (RedeemData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->message);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RedeemData, redeem_data_free)

static void
redeem_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(RedeemData) data = user_data;
  FerryOAuthFlow *self = data->self;
  g_autoptr(FerryConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  self->redeeming = FALSE;
  if (self->connection_id != NULL)
    connection = ferry_api_client_update_connection_finish (FERRY_API_CLIENT (object), result, &error);
  else
    connection = ferry_api_client_create_connection_finish (FERRY_API_CLIENT (object), result, &error);

  if (self->server == NULL)
    return;

  if (connection != NULL)
    {
      /* This server accepts desktop redirects: remember it. */
      if (self->settings != NULL)
        ferry_oauth_flow_remember_kind (self->settings, ferry_api_client_get_site_url (self->client),
                                        FERRY_OAUTH_FLOW_KIND_LOOPBACK);
      ferry_loopback_server_complete (self->server, data->message, SOUP_STATUS_OK,
                                      _(PAGE_TITLE_DONE),
                                      _("You can close this tab and return to Ferry."),
                                      g_steal_pointer (&connection), g_object_unref);
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      ferry_loopback_server_respond (self->server, data->message, SOUP_STATUS_SERVICE_UNAVAILABLE,
                                     _(PAGE_TITLE_FAILED), error->message);
      return;
    }

  if (is_redirect_mismatch (error))
    {
      const char *detail = server_text (error);

      /* The server redeemed the code with its own web callback as redirect_uri, which
       * Microsoft refuses for a code issued to 127.0.0.1: from now on, hand-off. */
      g_debug ("The server cannot redeem desktop redirects: %s", detail != NULL ? detail : error->message);
      if (self->settings != NULL)
        ferry_oauth_flow_remember_kind (self->settings, ferry_api_client_get_site_url (self->client),
                                        FERRY_OAUTH_FLOW_KIND_HANDOFF);
      ferry_loopback_server_fail (self->server, data->message, SOUP_STATUS_OK,
                                  _(PAGE_TITLE_FAILED),
                                  _("This Infisical server finishes Azure DevOps sign-ins only in its own web page. Return to Ferry to continue there."),
                                  ferry_auth_error_new (FERRY_AUTH_ERROR_REDIRECT_REJECTED,
                                                        _("This Infisical server only accepts Azure DevOps sign-ins that finish in its own web page. "
                                                          "Ferry will use that page for this server from now on: continue there to connect."),
                                                        detail != NULL ? detail : error->message));
      return;
    }

  if (is_code_rejected (error))
    {
      /* Replayed, expired or unknown: this code is spent, but the way works. Nothing is
       * remembered, and a new attempt gets a new code. */
      g_debug ("Microsoft refused the authorization code: %s", server_text (error));
      ferry_loopback_server_fail (self->server, data->message, SOUP_STATUS_OK,
                                  _(PAGE_TITLE_FAILED),
                                  _("Microsoft did not accept this sign-in. Return to Ferry and try again."),
                                  ferry_auth_error_new (FERRY_AUTH_ERROR_CODE_REJECTED,
                                                        _("Microsoft did not accept the sign-in: it took too long or was already used. Try again."),
                                                        server_text (error)));
      return;
    }

  /* The code is single-use: the flow cannot go on. */
  /* Translators: %s is the reason, e.g. "An App Connection with this name already exists." */
  text = g_strdup_printf (_("Ferry could not save the connection: %s"), error->message);
  ferry_loopback_server_fail (self->server, data->message, SOUP_STATUS_OK,
                              _(PAGE_TITLE_FAILED), text, g_steal_pointer (&error));
}

static void
handle_callback (FerryLoopbackServer *server,
                 SoupServerMessage   *message,
                 gpointer             user_data)
{
  FerryOAuthFlow *self = user_data;
  GUri *uri = soup_server_message_get_uri (message);
  const char *query = g_uri_get_query (uri);
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(JsonObject) credentials = NULL;
  g_autoptr(JsonObject) body = NULL;
  const char *state;
  const char *error_code;
  const char *code;
  RedeemData *data;

  params = query != NULL ? soup_form_decode (query) : g_hash_table_new (g_str_hash, g_str_equal);
  state = g_hash_table_lookup (params, "state");

  /* An answer to another request (or a forged one): ignore it, keep waiting. */
  if (!state_matches (self->state, state))
    {
      rejected (self, _("An answer that does not belong to Ferry’s request reached Ferry."));
      ferry_loopback_server_respond (server, message, SOUP_STATUS_BAD_REQUEST,
                                     _(PAGE_TITLE_REFUSED),
                                     _("This answer does not belong to the request Ferry started. Ferry is still waiting: finish in the page Ferry opened."));
      return;
    }

  if (self->redeeming)
    {
      ferry_loopback_server_respond (server, message, SOUP_STATUS_CONFLICT,
                                     _(PAGE_TITLE_REFUSED),
                                     _("Ferry is already saving the connection. Return to Ferry."));
      return;
    }

  error_code = g_hash_table_lookup (params, "error");
  if (error_code != NULL)
    {
      const char *text = N_("Microsoft refused the sign-in. Try again, or use an access token or client secret.");
      FerryAuthErrorCode code_out = FERRY_AUTH_ERROR_AUTHORIZATION_FAILED;

      for (guint i = 0; i < G_N_ELEMENTS (authorization_errors); i++)
        {
          if (strcmp (error_code, authorization_errors[i].error) == 0)
            {
              text = authorization_errors[i].message;
              break;
            }
        }
      if (strcmp (error_code, "access_denied") == 0)
        code_out = FERRY_AUTH_ERROR_ACCESS_DENIED;

      const char *description = g_hash_table_lookup (params, "error_description");
      g_autofree char *detail = NULL;

      if (description != NULL && *description != '\0')
        detail = g_strdup_printf ("%s: %s", error_code, description);
      else
        detail = g_strdup (error_code);

      g_debug ("The authorization ended with error “%s”", error_code);
      ferry_loopback_server_fail (server, message, SOUP_STATUS_OK,
                                  _(PAGE_TITLE_FAILED), _(text),
                                  ferry_auth_error_new (code_out, _(text), detail));
      return;
    }

  code = g_hash_table_lookup (params, "code");
  if (code == NULL || *code == '\0')
    {
      rejected (self, _("The answer from Microsoft did not contain an authorization code."));
      ferry_loopback_server_respond (server, message, SOUP_STATUS_BAD_REQUEST,
                                     _(PAGE_TITLE_REFUSED),
                                     _("The answer from Microsoft did not contain an authorization code."));
      return;
    }

  /* The code is short-lived and single-use: send it to the server at once. The browser
   * waits for the outcome, so its page can tell. */
  credentials = ferry_connection_credentials_oauth (code, self->tenant_id != NULL ? self->tenant_id : "common",
                                                    self->org_name);
  self->redeeming = TRUE;
  ferry_loopback_server_pause (server, message);
  data = g_new0 (RedeemData, 1);
  data->self = g_object_ref (self);
  data->message = g_object_ref (message);

  if (self->connection_id != NULL)
    {
      body = json_object_new ();
      json_object_set_object_member (body, "credentials", g_steal_pointer (&credentials));
      ferry_api_client_update_connection_async (self->client, self->connection_id, body,
                                                self->cancellable, redeem_cb, data);
    }
  else
    {
      body = ferry_connection_build_create_body (FERRY_CONNECTION_METHOD_OAUTH,
                                                 g_steal_pointer (&credentials),
                                                 self->name, self->description, self->project_id);
      ferry_api_client_create_connection_async (self->client, body, self->cancellable, redeem_cb, data);
    }
}

static void
wait_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(FerryOAuthFlow) self = user_data;
  g_autoptr(GError) error = NULL;
  FerryConnection *connection;

  connection = ferry_loopback_server_wait_finish (FERRY_LOOPBACK_SERVER (object), result, &error);
  if (connection == NULL && self->open_error != NULL)
    {
      g_clear_error (&error);
      error = g_steal_pointer (&self->open_error);
    }

  finish_run (self, connection, g_steal_pointer (&error));
}

static void
open_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(FerryOAuthFlow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (ferry_uri_opener_open_finish (FERRY_URI_OPENER (object), result, &error) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (self->server != NULL && self->open_error == NULL)
    {
      self->open_error = g_steal_pointer (&error);
      g_cancellable_cancel (self->cancellable);
    }
}

static void
handoff_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(FerryOAuthFlow) self = user_data;
  g_autoptr(GError) error = NULL;
  FerryConnection *connection;

  connection = ferry_handoff_flow_run_finish (FERRY_HANDOFF_FLOW (object), result, &error);
  finish_run (self, connection, g_steal_pointer (&error));
}

static void
start_loopback (FerryOAuthFlow *self,
                const char     *client_id,
                FerryUriOpener *opener)
{
  static const char * const methods[] = { "GET", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *redirect_uri = NULL;
  g_autofree char *authorize_uri = NULL;

  self->state = ferry_oauth_flow_generate_state (&error);
  if (self->state == NULL)
    {
      finish_run (self, NULL, g_steal_pointer (&error));
      return;
    }

  self->server = ferry_loopback_server_new (FERRY_OAUTH_CALLBACK_PATH, methods, handle_callback, self, NULL);
  ferry_loopback_server_set_timeout (self->server, self->timeout);
  if (!ferry_loopback_server_listen (self->server, &error))
    {
      finish_run (self, NULL, g_steal_pointer (&error));
      return;
    }

  redirect_uri = ferry_loopback_server_get_uri (self->server);
  authorize_uri = ferry_oauth_flow_build_authorize_uri (self->authorize_base_url, self->tenant_id,
                                                        client_id, redirect_uri, self->state);

  ferry_loopback_server_wait_async (self->server, self->cancellable, wait_cb, g_object_ref (self));
  ferry_uri_opener_open_async (opener, authorize_uri, self->cancellable, open_cb, g_object_ref (self));
}

static void
start_handoff (FerryOAuthFlow *self,
               FerryUriOpener *opener)
{
  self->handoff = ferry_handoff_flow_new (self->client);
  if (self->connection_id != NULL)
    ferry_handoff_flow_set_reconnect (self->handoff, self->connection_id, self->project_id);
  else
    ferry_handoff_flow_set_expected (self->handoff, self->name, self->project_id);
  ferry_handoff_flow_set_organization_id (self->handoff, self->organization_id);
  ferry_handoff_flow_set_time_limit (self->handoff, self->timeout);
  ferry_handoff_flow_set_poll_interval (self->handoff, self->poll_interval);
  ferry_handoff_flow_run_async (self->handoff, opener, self->cancellable, handoff_cb, g_object_ref (self));
}

static void
options_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(FerryOAuthFlow) self = user_data;
  g_autoptr(FerryConnectionOptions) options = NULL;
  g_autoptr(GError) error = NULL;
  FerryUriOpener *opener = g_object_get_data (G_OBJECT (self->task), "ferry-opener");

  options = ferry_api_client_get_connection_options_finish (FERRY_API_CLIENT (object), result, &error);
  if (options == NULL)
    {
      finish_run (self, NULL, g_steal_pointer (&error));
      return;
    }

  if (options->oauth_client_id == NULL || *options->oauth_client_id == '\0' ||
      (options->methods != NULL && !g_strv_contains ((const char * const *) options->methods, "oauth")))
    {
      finish_run (self, NULL,
                  ferry_auth_error_new (FERRY_AUTH_ERROR_NOT_CONFIGURED,
                                        _("OAuth is not configured on this Infisical server; use an access token or client secret"),
                                        NULL));
      return;
    }

  if (ferry_oauth_flow_get_kind (self) == FERRY_OAUTH_FLOW_KIND_HANDOFF)
    start_handoff (self, opener);
  else
    start_loopback (self, options->oauth_client_id, opener);
}

static void
caller_cancelled_cb (GCancellable   *cancellable,
                     FerryOAuthFlow *self)
{
  g_cancellable_cancel (self->cancellable);
}

static void
ferry_oauth_flow_dispose (GObject *object)
{
  FerryOAuthFlow *self = (FerryOAuthFlow *)object;

  g_clear_object (&self->server);
  g_clear_object (&self->handoff);
  g_clear_object (&self->client);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ferry_oauth_flow_parent_class)->dispose (object);
}

static void
ferry_oauth_flow_finalize (GObject *object)
{
  FerryOAuthFlow *self = (FerryOAuthFlow *)object;

  g_assert (self->task == NULL);

  g_clear_object (&self->cancellable);
  g_clear_error (&self->open_error);
  g_free (self->name);
  g_free (self->description);
  g_free (self->project_id);
  g_free (self->connection_id);
  g_free (self->tenant_id);
  g_free (self->org_name);
  g_free (self->organization_id);
  g_free (self->authorize_base_url);
  g_free (self->state);

  G_OBJECT_CLASS (ferry_oauth_flow_parent_class)->finalize (object);
}

static void
ferry_oauth_flow_class_init (FerryOAuthFlowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ferry_oauth_flow_dispose;
  object_class->finalize = ferry_oauth_flow_finalize;

  signals[REQUEST_REJECTED] =
    g_signal_new ("request-rejected",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
ferry_oauth_flow_init (FerryOAuthFlow *self)
{
  self->authorize_base_url = g_strdup (FERRY_OAUTH_DEFAULT_AUTHORIZE_BASE_URL);
  self->timeout = FERRY_LOOPBACK_DEFAULT_TIMEOUT;
  self->poll_interval = FERRY_HANDOFF_DEFAULT_POLL_INTERVAL;
}

FerryOAuthFlow *
ferry_oauth_flow_new (FerryApiClient *client,
                      GSettings      *settings)
{
  FerryOAuthFlow *self;

  g_return_val_if_fail (FERRY_IS_API_CLIENT (client), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (FERRY_TYPE_OAUTH_FLOW, NULL);
  self->client = g_object_ref (client);
  g_set_object (&self->settings, settings);

  return self;
}

void
ferry_oauth_flow_set_connection (FerryOAuthFlow *self,
                                 const char     *name,
                                 const char     *description,
                                 const char     *project_id)
{
  g_return_if_fail (FERRY_IS_OAUTH_FLOW (self));
  g_return_if_fail (name != NULL && *name != '\0');

  set_string (&self->name, name);
  set_string (&self->description, description);
  set_string (&self->project_id, project_id);
  g_clear_pointer (&self->connection_id, g_free);
}

void
ferry_oauth_flow_set_reconnect (FerryOAuthFlow *self,
                                const char     *connection_id,
                                const char     *project_id)
{
  g_return_if_fail (FERRY_IS_OAUTH_FLOW (self));
  g_return_if_fail (connection_id != NULL && *connection_id != '\0');

  set_string (&self->connection_id, connection_id);
  set_string (&self->project_id, project_id);
}

void
ferry_oauth_flow_set_devops (FerryOAuthFlow *self,
                             const char     *tenant_id,
                             const char     *org_name)
{
  g_return_if_fail (FERRY_IS_OAUTH_FLOW (self));
  g_return_if_fail (org_name != NULL && *org_name != '\0');

  set_string (&self->tenant_id, tenant_id);
  set_string (&self->org_name, org_name);
}

void
ferry_oauth_flow_set_organization_id (FerryOAuthFlow *self,
                                      const char     *organization_id)
{
  g_return_if_fail (FERRY_IS_OAUTH_FLOW (self));

  set_string (&self->organization_id, organization_id);
}

void
ferry_oauth_flow_set_authorize_base_url (FerryOAuthFlow *self,
                                         const char     *base_url)
{
  g_return_if_fail (FERRY_IS_OAUTH_FLOW (self));
  g_return_if_fail (base_url != NULL && *base_url != '\0');

  set_string (&self->authorize_base_url, base_url);
}

void
ferry_oauth_flow_set_timeout (FerryOAuthFlow *self,
                              guint           seconds)
{
  g_return_if_fail (FERRY_IS_OAUTH_FLOW (self));
  g_return_if_fail (seconds > 0);

  self->timeout = seconds;
}

void
ferry_oauth_flow_set_poll_interval (FerryOAuthFlow *self,
                                    guint           milliseconds)
{
  g_return_if_fail (FERRY_IS_OAUTH_FLOW (self));
  g_return_if_fail (milliseconds > 0);

  self->poll_interval = milliseconds;
}

FerryOAuthFlowKind
ferry_oauth_flow_get_kind (FerryOAuthFlow *self)
{
  g_return_val_if_fail (FERRY_IS_OAUTH_FLOW (self), FERRY_OAUTH_FLOW_KIND_LOOPBACK);

  return ferry_oauth_flow_kind_for_site (self->settings, ferry_api_client_get_site_url (self->client));
}

void
ferry_oauth_flow_run_async (FerryOAuthFlow      *self,
                            FerryUriOpener      *opener,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (FERRY_IS_OAUTH_FLOW (self));
  g_return_if_fail (FERRY_IS_URI_OPENER (opener));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (self->name != NULL || self->connection_id != NULL);
  g_return_if_fail (self->org_name != NULL);
  g_return_if_fail (self->task == NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ferry_oauth_flow_run_async);
  g_task_set_check_cancellable (task, FALSE);
  g_object_set_data_full (G_OBJECT (task), "ferry-opener", g_object_ref (opener), g_object_unref);

  g_clear_object (&self->cancellable);
  g_clear_error (&self->open_error);
  self->cancellable = g_cancellable_new ();
  self->redeeming = FALSE;
  self->task = g_steal_pointer (&task);
  if (cancellable != NULL)
    self->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (caller_cancelled_cb), self, NULL);

  ferry_api_client_get_connection_options_async (self->client, self->cancellable, options_cb, g_object_ref (self));
}

FerryConnection *
ferry_oauth_flow_run_finish (FerryOAuthFlow  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  g_return_val_if_fail (FERRY_IS_OAUTH_FLOW (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ferry_oauth_flow_run_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
