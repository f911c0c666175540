/* ferry-browser-signin.c
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ferry-browser-signin"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "ferry-api-client.h"
#include "ferry-auth-error.h"
#include "ferry-browser-signin.h"
#include "ferry-json.h"
#include "ferry-jwt.h"
#include "ferry-loopback-server.h"

struct _FerryBrowserSignin
{
  GObject              parent_instance;

  FerryAccountStore   *accounts;
  FerryTokenStore     *token_store;
  char                *site_input;
  char                *site_url;     /* normalised, once running */
  char                *origin;       /* scheme://host[:port] of the site */
  char                *login_uri;
  guint                timeout;

  FerryLoopbackServer *server;
  GTask               *task;
  GCancellable        *cancellable;  /* ends the wait: the caller's, or a failed open */
  gulong               cancelled_id;
  GError              *open_error;
  gboolean             checking;     /* a token is being checked */
};

enum {
  PROP_0,
  PROP_LOGIN_URI,
  N_PROPS
};

enum {
  REQUEST_REJECTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (FerryBrowserSignin, ferry_browser_signin, G_TYPE_OBJECT)

/* Translators: title of the page the web browser shows after Ferry received the
 * sign-in. */
#define PAGE_TITLE_DONE N_("Signed In to Ferry")
/* Translators: title of the page the web browser shows when Ferry refused a sign-in
 * answer. */
#define PAGE_TITLE_REFUSED N_("Sign-In Refused")

/* A string member of @object, or NULL when it is missing, not a string or not UTF-8.
 * The object comes from outside (a web page's POST, a pasted token): json-glib's typed
 * getters raise a critical for a member of another type ({"JTWToken": {}},
 * "email": []). */
static const char *
string_member (JsonObject *object,
               const char *name)
{
  return ferry_json_object_get_utf8 (object, name);
}

static void
rejected (FerryBrowserSignin *self,
          const char         *reason)
{
  g_debug ("Refused a sign-in request: %s", reason);
  g_signal_emit (self, signals[REQUEST_REJECTED], 0, reason);
}

static void
add_cors_headers (FerryBrowserSignin *self,
                  SoupServerMessage  *message)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);

  soup_message_headers_replace (headers, "Access-Control-Allow-Origin", self->origin);
  soup_message_headers_replace (headers, "Access-Control-Allow-Credentials", "true");
  soup_message_headers_append (headers, "Vary", "Origin");
}

static gboolean
origin_is_site (FerryBrowserSignin *self,
                SoupServerMessage  *message)
{
  const char *origin = soup_message_headers_get_one (soup_server_message_get_request_headers (message),
                                                     "Origin");

  /* Exactly the site's origin: no prefix matching, no "null", no wildcard. */
  return origin != NULL && strcmp (origin, self->origin) == 0;
}

static void
handle_preflight (FerryBrowserSignin *self,
                  SoupServerMessage  *message)
{
  SoupMessageHeaders *request = soup_server_message_get_request_headers (message);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (message);
  const char *method = soup_message_headers_get_one (request, "Access-Control-Request-Method");
  const char *private_network = soup_message_headers_get_one (request, "Access-Control-Request-Private-Network");

  if (!origin_is_site (self, message) || g_strcmp0 (method, "POST") != 0)
    {
      /* No CORS headers at all: the browser refuses to send the POST. */
      rejected (self, _("A web page of another site tried to send a sign-in to Ferry."));
      ferry_loopback_server_respond (self->server, message, SOUP_STATUS_FORBIDDEN,
                                     _(PAGE_TITLE_REFUSED),
                                     _("Only the Infisical server you are signing in to may answer."));
      return;
    }

  add_cors_headers (self, message);
  soup_message_headers_replace (response, "Access-Control-Allow-Methods", "POST, OPTIONS");
  soup_message_headers_replace (response, "Access-Control-Allow-Headers", "Content-Type");
  soup_message_headers_replace (response, "Access-Control-Max-Age", "600");
  if (g_strcmp0 (private_network, "true") == 0)
    soup_message_headers_replace (response, "Access-Control-Allow-Private-Network", "true");

  ferry_loopback_server_respond (self->server, message, SOUP_STATUS_NO_CONTENT,
                                 _(PAGE_TITLE_DONE), NULL);
}

typedef struct
{
  FerryBrowserSignin *self;
  SoupServerMessage  *message;
} CheckData;

static void
check_data_free (CheckData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->message);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CheckData, check_data_free)

static void
sign_in_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CheckData) data = user_data;
  FerryBrowserSignin *self = data->self;
  g_autoptr(FerrySession) session = NULL;
  g_autoptr(GError) error = NULL;

  self->checking = FALSE;
  session = ferry_session_sign_in_with_jwt_finish (result, &error);

  if (self->server == NULL)
    return;

  if (session == NULL)
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          ferry_loopback_server_respond (self->server, data->message, SOUP_STATUS_SERVICE_UNAVAILABLE,
                                         _(PAGE_TITLE_REFUSED), error->message);
          return;
        }

      /* The browser shows its own error (and the paste fallback); Ferry keeps waiting
       * and tells the person why through "request-rejected". */
      rejected (self, error->message);
      /* Translators: %s says why, e.g. "The sign-in has expired." */
      text = g_strdup_printf (_("Ferry could not accept this sign-in: %s"), error->message);
      ferry_loopback_server_respond (self->server, data->message, SOUP_STATUS_UNAUTHORIZED,
                                     _(PAGE_TITLE_REFUSED), text);
      return;
    }

  ferry_loopback_server_complete (self->server, data->message, SOUP_STATUS_OK,
                                  _(PAGE_TITLE_DONE),
                                  _("You can close this tab and return to Ferry."),
                                  g_steal_pointer (&session), g_object_unref);
}

static void
handle_post (FerryBrowserSignin *self,
             SoupServerMessage  *message)
{
  SoupMessageHeaders *request = soup_server_message_get_request_headers (message);
  SoupMessageBody *body = soup_server_message_get_request_body (message);
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *content_type;
  const char *jwt;
  JsonNode *root;
  JsonObject *object;
  CheckData *data;

  if (!origin_is_site (self, message))
    {
      rejected (self, _("A web page of another site tried to send a sign-in to Ferry."));
      ferry_loopback_server_respond (self->server, message, SOUP_STATUS_FORBIDDEN,
                                     _(PAGE_TITLE_REFUSED),
                                     _("Only the Infisical server you are signing in to may answer."));
      return;
    }

  add_cors_headers (self, message);

  content_type = soup_message_headers_get_content_type (request, NULL);
  if (g_strcmp0 (content_type, "application/json") != 0)
    {
      rejected (self, _("The sign-in answer was not in the expected format."));
      ferry_loopback_server_respond (self->server, message, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE,
                                     _(PAGE_TITLE_REFUSED),
                                     _("The sign-in answer was not in the expected format."));
      return;
    }

  if (self->checking)
    {
      ferry_loopback_server_respond (self->server, message, SOUP_STATUS_CONFLICT,
                                     _(PAGE_TITLE_REFUSED),
                                     _("Ferry is already checking a sign-in. Wait a moment and try again."));
      return;
    }

  bytes = soup_message_body_flatten (body);
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL) ||
      (root = json_parser_get_root (parser)) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (root))
    {
      rejected (self, _("The sign-in answer was not in the expected format."));
      ferry_loopback_server_respond (self->server, message, SOUP_STATUS_BAD_REQUEST,
                                     _(PAGE_TITLE_REFUSED),
                                     _("The sign-in answer was not in the expected format."));
      return;
    }

  object = json_node_get_object (root);
  /* "JTWToken" is how Infisical spells it. */
  jwt = string_member (object, "JTWToken");
  if (jwt == NULL || *jwt == '\0')
    {
      rejected (self, _("The sign-in answer did not contain a token."));
      ferry_loopback_server_respond (self->server, message, SOUP_STATUS_BAD_REQUEST,
                                     _(PAGE_TITLE_REFUSED),
                                     _("The sign-in answer did not contain a token."));
      return;
    }
  if (!ferry_jwt_is_well_formed (jwt))
    {
      rejected (self, _("The sign-in answer was not in the expected format."));
      ferry_loopback_server_respond (self->server, message, SOUP_STATUS_BAD_REQUEST,
                                     _(PAGE_TITLE_REFUSED),
                                     _("The sign-in answer was not in the expected format."));
      return;
    }

  /* The claims, checkAuth, the keyring and the account: all in FerrySession. The posted
   * "email" is not passed on: the Origin check above stops web pages, not other local
   * processes, so who signed in (email, organization) is asked of the server there. The
   * browser waits for the outcome, so its page can say whether it worked. */
  self->checking = TRUE;
  ferry_loopback_server_pause (self->server, message);
  data = g_new0 (CheckData, 1);
  data->self = g_object_ref (self);
  data->message = g_object_ref (message);
  ferry_session_sign_in_with_jwt_async (self->accounts, self->token_store, self->site_url,
                                        jwt, NULL, self->cancellable, sign_in_cb, data);
}

static void
request_cb (FerryLoopbackServer *server,
            SoupServerMessage   *message,
            gpointer             user_data)
{
  FerryBrowserSignin *self = user_data;

  if (g_strcmp0 (soup_server_message_get_method (message), "OPTIONS") == 0)
    handle_preflight (self, message);
  else
    handle_post (self, message);
}

static void
finish_run (FerryBrowserSignin *self,
            FerrySession       *session,
            GError             *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);

  if (self->cancelled_id != 0)
    {
      g_cancellable_disconnect (g_task_get_cancellable (task), self->cancelled_id);
      self->cancelled_id = 0;
    }
  g_clear_object (&self->server);

  if (self->login_uri != NULL)
    {
      g_clear_pointer (&self->login_uri, g_free);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOGIN_URI]);
    }

  if (session != NULL)
    g_task_return_pointer (task, session, g_object_unref);
  else
    g_task_return_error (task, error);
}

static void
wait_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(FerryBrowserSignin) self = user_data;
  g_autoptr(GError) error = NULL;
  FerrySession *session;

  session = ferry_loopback_server_wait_finish (FERRY_LOOPBACK_SERVER (object), result, &error);

  if (session == NULL && self->open_error != NULL)
    {
      g_clear_error (&error);
      error = g_steal_pointer (&self->open_error);
    }

  finish_run (self, session, g_steal_pointer (&error));
}

static void
open_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(FerryBrowserSignin) self = user_data;
  g_autoptr(GError) error = NULL;

  if (ferry_uri_opener_open_finish (FERRY_URI_OPENER (object), result, &error))
    return;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Without a browser nothing will come back: end the wait with the opener's error. */
  if (self->server != NULL && self->open_error == NULL)
    {
      self->open_error = g_steal_pointer (&error);
      g_cancellable_cancel (self->cancellable);
    }
}

static void
caller_cancelled_cb (GCancellable       *cancellable,
                     FerryBrowserSignin *self)
{
  g_cancellable_cancel (self->cancellable);
}

static void
ferry_browser_signin_dispose (GObject *object)
{
  FerryBrowserSignin *self = (FerryBrowserSignin *)object;

  g_clear_object (&self->server);
  g_clear_object (&self->accounts);
  g_clear_object (&self->token_store);

  G_OBJECT_CLASS (ferry_browser_signin_parent_class)->dispose (object);
}

static void
ferry_browser_signin_finalize (GObject *object)
{
  FerryBrowserSignin *self = (FerryBrowserSignin *)object;

  g_assert (self->task == NULL);

  g_clear_object (&self->cancellable);
  g_clear_error (&self->open_error);
  g_free (self->site_input);
  g_free (self->site_url);
  g_free (self->origin);
  g_free (self->login_uri);

  G_OBJECT_CLASS (ferry_browser_signin_parent_class)->finalize (object);
}

static void
ferry_browser_signin_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  FerryBrowserSignin *self = FERRY_BROWSER_SIGNIN (object);

  switch (prop_id)
    {
    case PROP_LOGIN_URI:
      g_value_set_string (value, self->login_uri);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_browser_signin_class_init (FerryBrowserSigninClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ferry_browser_signin_dispose;
  object_class->finalize = ferry_browser_signin_finalize;
  object_class->get_property = ferry_browser_signin_get_property;

  properties[PROP_LOGIN_URI] =
    g_param_spec_string ("login-uri", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[REQUEST_REJECTED] =
    g_signal_new ("request-rejected",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
ferry_browser_signin_init (FerryBrowserSignin *self)
{
  self->timeout = FERRY_LOOPBACK_DEFAULT_TIMEOUT;
}

FerryBrowserSignin *
ferry_browser_signin_new (FerryAccountStore *accounts,
                          FerryTokenStore   *token_store,
                          const char        *site_url)
{
  FerryBrowserSignin *self;

  g_return_val_if_fail (FERRY_IS_ACCOUNT_STORE (accounts), NULL);
  g_return_val_if_fail (FERRY_IS_TOKEN_STORE (token_store), NULL);
  g_return_val_if_fail (site_url != NULL, NULL);

  self = g_object_new (FERRY_TYPE_BROWSER_SIGNIN, NULL);
  self->accounts = g_object_ref (accounts);
  self->token_store = g_object_ref (token_store);
  self->site_input = g_strdup (site_url);

  return self;
}

void
ferry_browser_signin_set_timeout (FerryBrowserSignin *self,
                                  guint               seconds)
{
  g_return_if_fail (FERRY_IS_BROWSER_SIGNIN (self));
  g_return_if_fail (seconds > 0);

  self->timeout = seconds;
}

const char *
ferry_browser_signin_get_login_uri (FerryBrowserSignin *self)
{
  g_return_val_if_fail (FERRY_IS_BROWSER_SIGNIN (self), NULL);

  return self->login_uri;
}

guint
ferry_browser_signin_get_port (FerryBrowserSignin *self)
{
  g_return_val_if_fail (FERRY_IS_BROWSER_SIGNIN (self), 0);

  return self->server != NULL ? ferry_loopback_server_get_port (self->server) : 0;
}

void
ferry_browser_signin_run_async (FerryBrowserSignin  *self,
                                FerryUriOpener      *opener,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  static const char * const methods[] = { "POST", "OPTIONS", NULL };
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (FERRY_IS_BROWSER_SIGNIN (self));
  g_return_if_fail (FERRY_IS_URI_OPENER (opener));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (self->task == NULL && self->server == NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ferry_browser_signin_run_async);
  g_task_set_check_cancellable (task, FALSE);

  g_clear_pointer (&self->site_url, g_free);
  self->site_url = ferry_api_normalize_site_url (self->site_input, &error);
  if (self->site_url == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_clear_pointer (&self->origin, g_free);
  self->origin = ferry_api_site_origin (self->site_url);

  /* The web app posts to the literal "/"; every other path and method is refused. */
  self->server = ferry_loopback_server_new ("/", methods, request_cb, self, NULL);
  ferry_loopback_server_set_timeout (self->server, self->timeout);
  if (!ferry_loopback_server_listen (self->server, &error))
    {
      g_clear_object (&self->server);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_clear_object (&self->cancellable);
  g_clear_error (&self->open_error);
  self->cancellable = g_cancellable_new ();
  self->task = g_steal_pointer (&task);
  if (cancellable != NULL)
    self->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (caller_cancelled_cb), self, NULL);

  self->login_uri = g_strdup_printf ("%s/login?callback_port=%u", self->site_url,
                                     ferry_loopback_server_get_port (self->server));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOGIN_URI]);

  ferry_loopback_server_wait_async (self->server, self->cancellable, wait_cb, g_object_ref (self));
  ferry_uri_opener_open_async (opener, self->login_uri, self->cancellable, open_cb, g_object_ref (self));
}

FerrySession *
ferry_browser_signin_run_finish (FerryBrowserSignin  *self,
                                 GAsyncResult        *result,
                                 GError             **error)
{
  g_return_val_if_fail (FERRY_IS_BROWSER_SIGNIN (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ferry_browser_signin_run_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- Paste fallback ---- */

static gboolean
set_malformed (GError **error)
{
  g_set_error_literal (error, FERRY_AUTH_ERROR, FERRY_AUTH_ERROR_INVALID_TOKEN,
                       _("This is not a browser token. Copy the whole token the Infisical web page shows and try again."));
  return FALSE;
}

gboolean
ferry_browser_token_parse (const char  *text,
                           char       **jwt,
                           char       **email,
                           GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree guchar *decoded = NULL;
  g_autoptr(JsonParser) parser = NULL;
  gsize length = 0;
  const char *token;
  const char *address;
  JsonNode *root;
  JsonObject *object;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (jwt != NULL, FALSE);

  /* Without any whitespace: a long token copied from a page may arrive wrapped. */
  trimmed = g_strdup (text);
  {
    char *out = trimmed;

    for (const char *in = text; *in != '\0'; in++)
      {
        if (!g_ascii_isspace (*in))
          *out++ = *in;
      }
    *out = '\0';
  }
  if (*trimmed == '\0')
    {
      g_set_error_literal (error, FERRY_AUTH_ERROR, FERRY_AUTH_ERROR_INVALID_TOKEN,
                           _("Paste the browser token the Infisical web page shows."));
      return FALSE;
    }

  /* Standard base64 only: anything else (stray characters, a URL, a bare JWT) is refused
   * rather than guessed at. g_base64_decode () skips invalid characters, so check first. */
  for (const char *p = trimmed; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '+' && *p != '/' && *p != '=')
        return set_malformed (error);
    }
  if (strlen (trimmed) % 4 != 0)
    return set_malformed (error);

  decoded = g_base64_decode (trimmed, &length);
  if (decoded == NULL || length == 0 || !g_utf8_validate ((const char *) decoded, length, NULL))
    return set_malformed (error);

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, (const char *) decoded, length, NULL) ||
      (root = json_parser_get_root (parser)) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (root))
    return set_malformed (error);

  object = json_node_get_object (root);
  token = string_member (object, "JTWToken");
  address = string_member (object, "email");
  if (token == NULL || !ferry_jwt_is_well_formed (token))
    return set_malformed (error);

  *jwt = g_strdup (token);
  if (email != NULL)
    *email = (address != NULL && *address != '\0') ? g_strdup (address) : NULL;

  return TRUE;
}

static void
pasted_sign_in_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  FerrySession *session;

  session = ferry_session_sign_in_with_jwt_finish (result, &error);
  if (session == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, session, g_object_unref);
}

void
ferry_browser_signin_sign_in_with_pasted_token_async (FerryAccountStore   *accounts,
                                                      FerryTokenStore     *token_store,
                                                      const char          *site_url,
                                                      const char          *text,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *jwt = NULL;
  g_autofree char *email = NULL;
  g_autofree char *site = NULL;

  g_return_if_fail (FERRY_IS_ACCOUNT_STORE (accounts));
  g_return_if_fail (FERRY_IS_TOKEN_STORE (token_store));
  g_return_if_fail (site_url != NULL);
  g_return_if_fail (text != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ferry_browser_signin_sign_in_with_pasted_token_async);

  site = ferry_api_normalize_site_url (site_url, &error);
  if (site == NULL || !ferry_browser_token_parse (text, &jwt, &email, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  ferry_session_sign_in_with_jwt_async (accounts, token_store, site, jwt, email,
                                        cancellable, pasted_sign_in_cb, g_steal_pointer (&task));
}

FerrySession *
ferry_browser_signin_sign_in_with_pasted_token_finish (GAsyncResult  *result,
                                                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ferry_browser_signin_sign_in_with_pasted_token_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
