/* ferry-api-client.c: the Infisical REST client.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything goes through one request path (request_start → send_attempt → read the
 * body with a cap → map the answer → retry, refresh or return). The endpoint functions
 * at the bottom only build a path, a query and a body, and say which member of the
 * answer holds their model(s).
 */

#define G_LOG_DOMAIN "ferry-api"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ferry-api-client.h"
#include "ferry-resource-private.h"

#define DEFAULT_TIMEOUT_S          30
#define DEFAULT_MAX_RESPONSE_SIZE  (32 * 1024 * 1024)
#define DEFAULT_MAX_ATTEMPTS       4
#define DEFAULT_BASE_DELAY_MS      500
#define DEFAULT_MAX_TOTAL_MS       20000
#define MAX_DELAY_MS               10000
#define READ_CHUNK                 (64 * 1024)

struct _FerryApiClient
{
  GObject             parent_instance;

  char               *site_url;
  GUri               *site_uri;
  SoupSession        *session;
  FerryTokenProvider *token_provider;

  guint               timeout_s;
  gsize               max_response_size;
  guint               max_attempts;
  guint               base_delay_ms;
  guint               max_total_ms;
};

G_DEFINE_FINAL_TYPE (FerryApiClient, ferry_api_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SITE_URL,
  PROP_SESSION,
  PROP_TOKEN_PROVIDER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

static FerryConnectionOptions *
ferry_connection_options_copy (const FerryConnectionOptions *options)
{
  FerryConnectionOptions *copy;

  g_return_val_if_fail (options != NULL, NULL);

  copy = g_new0 (FerryConnectionOptions, 1);
  copy->methods = g_strdupv (options->methods);
  copy->oauth_client_id = g_strdup (options->oauth_client_id);
  return copy;
}

void
ferry_connection_options_free (FerryConnectionOptions *options)
{
  if (options == NULL)
    return;

  g_strfreev (options->methods);
  g_free (options->oauth_client_id);
  g_free (options);
}

G_DEFINE_BOXED_TYPE (FerryConnectionOptions, ferry_connection_options,
                     ferry_connection_options_copy, ferry_connection_options_free)

/* ---- Site URLs ---- */

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* The port to write: -1 for the scheme's default. */
static int
explicit_port (GUri *uri)
{
  int port = g_uri_get_port (uri);

  if ((port == 443 && g_strcmp0 (g_uri_get_scheme (uri), "https") == 0) ||
      (port == 80 && g_strcmp0 (g_uri_get_scheme (uri), "http") == 0))
    return -1;
  return port;
}

static GError *
invalid_url_error (const char *detail)
{
  return ferry_api_error_new (FERRY_API_ERROR_INVALID_INPUT,
                              _("This is not a valid server address. Enter an address such as https://app.infisical.com."),
                              0, detail, NULL);
}

char *
ferry_api_normalize_site_url (const char  *input,
                              GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *with_scheme = NULL;
  g_autofree char *host = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GString) path = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *scheme;
  const char *api;

  g_return_val_if_fail (input != NULL, NULL);

  trimmed = g_strstrip (g_strdup (input));
  if (*trimmed == '\0')
    {
      g_propagate_error (error, invalid_url_error ("empty address"));
      return NULL;
    }

  if (strstr (trimmed, "://") == NULL)
    with_scheme = g_strconcat ("https://", trimmed, NULL);
  else
    with_scheme = g_strdup (trimmed);

  uri = g_uri_parse (with_scheme, G_URI_FLAGS_ENCODED | G_URI_FLAGS_SCHEME_NORMALIZE, &local_error);
  if (uri == NULL)
    {
      g_propagate_error (error, invalid_url_error (local_error->message));
      return NULL;
    }

  scheme = g_uri_get_scheme (uri);
  if (g_strcmp0 (scheme, "https") != 0 && g_strcmp0 (scheme, "http") != 0)
    {
      g_propagate_error (error,
                         ferry_api_error_new (FERRY_API_ERROR_INVALID_INPUT,
                                              _("The server address must start with https://."),
                                              0, scheme, NULL));
      return NULL;
    }

  if (g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_propagate_error (error, invalid_url_error ("no host name"));
      return NULL;
    }
  if (g_uri_get_userinfo (uri) != NULL)
    {
      g_propagate_error (error, invalid_url_error ("user information in the address"));
      return NULL;
    }

  if (g_hostname_is_ip_address (g_uri_get_host (uri)))
    host = g_ascii_strdown (g_uri_get_host (uri), -1);
  else
    {
      g_autofree char *ascii = g_hostname_to_ascii (g_uri_get_host (uri));
      gboolean valid = ascii != NULL && *ascii != '.' && *ascii != '-';

      for (const char *c = ascii; valid && *c != '\0'; c++)
        valid = g_ascii_isalnum (*c) || *c == '-' || *c == '.';
      if (!valid)
        {
          g_propagate_error (error, invalid_url_error ("not a valid host name"));
          return NULL;
        }
      host = g_ascii_strdown (ascii, -1);
    }

  if (g_str_equal (scheme, "http") && !host_is_loopback (host))
    {
      g_propagate_error (error,
                         ferry_api_error_new (FERRY_API_ERROR_INVALID_INPUT,
                                              _("The server must use a secure connection. Use an address that starts with https://."),
                                              0, host, NULL));
      return NULL;
    }

  /* Path: drop trailing slashes and an "/api" suffix (or anything from "/api/"). */
  path = g_string_new (g_uri_get_path (uri));
  api = strstr (path->str, "/api/");
  if (api != NULL)
    g_string_truncate (path, api - path->str);
  while (path->len > 0 && path->str[path->len - 1] == '/')
    g_string_truncate (path, path->len - 1);
  if (g_str_has_suffix (path->str, "/api"))
    g_string_truncate (path, path->len - 4);
  while (path->len > 0 && path->str[path->len - 1] == '/')
    g_string_truncate (path, path->len - 1);

  return g_uri_join (G_URI_FLAGS_ENCODED, scheme, NULL, host, explicit_port (uri),
                     path->str, NULL, NULL);
}

char *
ferry_api_site_origin (const char *site_url)
{
  g_autoptr(GUri) uri = NULL;

  g_return_val_if_fail (site_url != NULL, NULL);

  uri = g_uri_parse (site_url, G_URI_FLAGS_ENCODED | G_URI_FLAGS_SCHEME_NORMALIZE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return NULL;

  return g_uri_join (G_URI_FLAGS_ENCODED, g_uri_get_scheme (uri), NULL, g_uri_get_host (uri),
                     explicit_port (uri), "", NULL, NULL);
}

/* ---- HTTP debug logging (FERRY_DEBUG_HTTP only; never bodies, never credentials) ---- */

static void
logger_printer (SoupLogger         *logger,
                SoupLoggerLogLevel  level,
                char                direction,
                const char         *data,
                gpointer            user_data)
{
  static const char *redacted[] = { "authorization:", "proxy-authorization:", "cookie:", "set-cookie:" };

  for (guint i = 0; i < G_N_ELEMENTS (redacted); i++)
    if (g_ascii_strncasecmp (data, redacted[i], strlen (redacted[i])) == 0)
      {
        g_printerr ("%c %.*s [redacted]\n", direction, (int) strlen (redacted[i]), data);
        return;
      }

  g_printerr ("%c %s\n", direction, data);
}

static void
maybe_add_logger (SoupSession *session)
{
  static GQuark quark;
  g_autoptr(SoupLogger) logger = NULL;

  if (g_getenv ("FERRY_DEBUG_HTTP") == NULL)
    return;

  if (quark == 0)
    quark = g_quark_from_static_string ("ferry-http-logger");
  if (g_object_get_qdata (G_OBJECT (session), quark) != NULL)
    return;

  /* Headers only: bodies carry credentials (login, connection create). */
  logger = soup_logger_new (SOUP_LOGGER_LOG_HEADERS);
  soup_logger_set_printer (logger, logger_printer, NULL, NULL);
  soup_session_add_feature (session, SOUP_SESSION_FEATURE (logger));
  g_object_set_qdata (G_OBJECT (session), quark, GINT_TO_POINTER (1));
}

/* ---- GObject ---- */

static void
ferry_api_client_constructed (GObject *object)
{
  FerryApiClient *self = FERRY_API_CLIENT (object);

  G_OBJECT_CLASS (ferry_api_client_parent_class)->constructed (object);

  if (self->session == NULL)
    self->session = soup_session_new ();
  maybe_add_logger (self->session);

  if (self->site_url != NULL)
    self->site_uri = g_uri_parse (self->site_url, G_URI_FLAGS_ENCODED, NULL);
}

static void
ferry_api_client_finalize (GObject *object)
{
  FerryApiClient *self = FERRY_API_CLIENT (object);

  g_clear_pointer (&self->site_url, g_free);
  g_clear_pointer (&self->site_uri, g_uri_unref);
  g_clear_object (&self->session);
  g_clear_object (&self->token_provider);

  G_OBJECT_CLASS (ferry_api_client_parent_class)->finalize (object);
}

static void
ferry_api_client_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  FerryApiClient *self = FERRY_API_CLIENT (object);

  switch (prop_id)
    {
    case PROP_SITE_URL:
      g_value_set_string (value, self->site_url);
      break;
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_TOKEN_PROVIDER:
      g_value_set_object (value, self->token_provider);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_api_client_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  FerryApiClient *self = FERRY_API_CLIENT (object);

  switch (prop_id)
    {
    case PROP_SITE_URL:
      self->site_url = g_value_dup_string (value);
      break;
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    case PROP_TOKEN_PROVIDER:
      ferry_api_client_set_token_provider (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_api_client_class_init (FerryApiClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = ferry_api_client_constructed;
  object_class->finalize = ferry_api_client_finalize;
  object_class->get_property = ferry_api_client_get_property;
  object_class->set_property = ferry_api_client_set_property;

  properties[PROP_SITE_URL] =
    g_param_spec_string ("site-url", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         SOUP_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TOKEN_PROVIDER] =
    g_param_spec_object ("token-provider", NULL, NULL,
                         FERRY_TYPE_TOKEN_PROVIDER,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ferry_api_client_init (FerryApiClient *self)
{
  self->timeout_s = DEFAULT_TIMEOUT_S;
  self->max_response_size = DEFAULT_MAX_RESPONSE_SIZE;
  self->max_attempts = DEFAULT_MAX_ATTEMPTS;
  self->base_delay_ms = DEFAULT_BASE_DELAY_MS;
  self->max_total_ms = DEFAULT_MAX_TOTAL_MS;
}

FerryApiClient *
ferry_api_client_new (const char  *site_url,
                      SoupSession *session)
{
  g_return_val_if_fail (site_url != NULL, NULL);
  g_return_val_if_fail (!session || SOUP_IS_SESSION (session), NULL);

  return g_object_new (FERRY_TYPE_API_CLIENT,
                       "site-url", site_url,
                       "session", session,
                       NULL);
}

const char *
ferry_api_client_get_site_url (FerryApiClient *self)
{
  g_return_val_if_fail (FERRY_IS_API_CLIENT (self), NULL);
  return self->site_url;
}

SoupSession *
ferry_api_client_get_session (FerryApiClient *self)
{
  g_return_val_if_fail (FERRY_IS_API_CLIENT (self), NULL);
  return self->session;
}

void
ferry_api_client_set_token_provider (FerryApiClient     *self,
                                     FerryTokenProvider *provider)
{
  g_return_if_fail (FERRY_IS_API_CLIENT (self));
  g_return_if_fail (!provider || FERRY_IS_TOKEN_PROVIDER (provider));

  if (g_set_object (&self->token_provider, provider))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOKEN_PROVIDER]);
}

FerryTokenProvider *
ferry_api_client_get_token_provider (FerryApiClient *self)
{
  g_return_val_if_fail (FERRY_IS_API_CLIENT (self), NULL);
  return self->token_provider;
}

void
ferry_api_client_set_timeout (FerryApiClient *self,
                              guint           seconds)
{
  g_return_if_fail (FERRY_IS_API_CLIENT (self));
  g_return_if_fail (seconds > 0);

  self->timeout_s = seconds;
}

void
ferry_api_client_set_max_response_size (FerryApiClient *self,
                                        gsize           bytes)
{
  g_return_if_fail (FERRY_IS_API_CLIENT (self));
  g_return_if_fail (bytes > 0);

  self->max_response_size = bytes;
}

void
ferry_api_client_set_retry_policy (FerryApiClient *self,
                                   guint           max_attempts,
                                   guint           base_delay_ms,
                                   guint           max_total_ms)
{
  g_return_if_fail (FERRY_IS_API_CLIENT (self));
  g_return_if_fail (max_attempts >= 1);

  self->max_attempts = max_attempts;
  self->base_delay_ms = base_delay_ms;
  self->max_total_ms = max_total_ms;
}

/* ---- The one request path ---- */

typedef struct
{
  FerryApiClient *client;
  char           *method;
  char           *path;        /* for log lines: no query, never a token */
  GUri           *uri;
  GBytes         *body;
  gboolean        authenticated;
  char           *token;       /* wiped when freed */
  guint           attempt;
  gint64          started_us;
  gboolean        refreshed;

  /* The current attempt. */
  SoupMessage    *msg;
  GInputStream   *stream;
  GByteArray     *buffer;
  GCancellable   *attempt_cancellable;
  gulong          cancel_handler;
  GSource        *deadline;
  gboolean        timed_out;

  /* Waiting before a retry. */
  GSource        *wait_source;
  GSource        *wait_cancel_source;
} Request;

static void
wipe_string (char *str)
{
  if (str != NULL)
    memset (str, 0, strlen (str));
}

static void
wipe_and_free (gpointer data)
{
  wipe_string (data);
  g_free (data);
}

static void
request_end_attempt (GTask   *task,
                     Request *req)
{
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (req->cancel_handler != 0)
    {
      g_cancellable_disconnect (cancellable, req->cancel_handler);
      req->cancel_handler = 0;
    }
  if (req->deadline != NULL)
    {
      g_source_destroy (req->deadline);
      g_clear_pointer (&req->deadline, g_source_unref);
    }
  g_clear_object (&req->attempt_cancellable);
  g_clear_object (&req->stream);
  g_clear_object (&req->msg);
  if (req->buffer != NULL)
    {
      /* Answers may carry tokens (login, renew): do not leave them in freed memory. */
      memset (req->buffer->data, 0, req->buffer->len);
      g_clear_pointer (&req->buffer, g_byte_array_unref);
    }
}

static void
request_free (gpointer data)
{
  Request *req = data;

  g_assert (req->msg == NULL);
  g_assert (req->wait_source == NULL);

  g_clear_object (&req->client);
  g_free (req->method);
  g_free (req->path);
  g_clear_pointer (&req->uri, g_uri_unref);
  g_clear_pointer (&req->body, g_bytes_unref);
  wipe_string (req->token);
  g_free (req->token);
  g_free (req);
}

static gboolean
method_is_get (Request *req)
{
  return g_str_equal (req->method, "GET");
}

static void send_attempt (GTask *task);

static GError *
transport_error (const GError *error,
                 Request      *req,
                 gboolean      reading_body,
                 gboolean     *is_reset)
{
  *is_reset = FALSE;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (req->timed_out)
        return ferry_api_error_new (FERRY_API_ERROR_TIMEOUT,
                                    _("The server took too long to answer. Check your connection and try again."),
                                    0, NULL, NULL);
      return g_error_copy (error);
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return ferry_api_error_new (FERRY_API_ERROR_TIMEOUT,
                                _("The server took too long to answer. Check your connection and try again."),
                                0, error->message, NULL);

  if (error->domain == G_TLS_ERROR)
    return ferry_api_error_new (FERRY_API_ERROR_TLS,
                                _("The server’s security certificate could not be verified. Check the server address, or ask its administrator to fix the certificate."),
                                0, error->message, NULL);

  if (reading_body && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
    return ferry_api_error_new (FERRY_API_ERROR_INVALID_RESPONSE,
                                _("The server’s answer was cut off. Try again in a moment."),
                                0, error->message, NULL);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED))
    *is_reset = TRUE;

  return ferry_api_error_new (FERRY_API_ERROR_NETWORK,
                              _("Could not reach the server. Check your internet connection and the server address, then try again."),
                              0, error->message, NULL);
}

static guint
retry_delay_ms (Request      *req,
                const GError *error)
{
  FerryApiClient *self = req->client;
  guint64 delay = self->base_delay_ms;
  guint retry_after = ferry_api_error_get_retry_after (error);

  for (guint i = 1; i < req->attempt && delay < MAX_DELAY_MS; i++)
    delay *= 2;
  delay = MIN (delay, MAX_DELAY_MS);
  /* Full jitter on the upper half, so clients that failed together spread out. */
  if (delay > 1)
    delay = delay / 2 + g_random_int_range (0, (gint32) (delay / 2) + 1);

  if (retry_after > 0)
    delay = MAX (delay, (guint64) retry_after * 1000);

  return (guint) MIN (delay, G_MAXUINT);
}

static gboolean
should_retry (Request      *req,
              const GError *error,
              gboolean      is_reset,
              guint        *delay_ms)
{
  FerryApiClient *self = req->client;
  guint status = ferry_api_error_get_http_status (error);
  gint64 elapsed_ms;

  if (!method_is_get (req))
    return FALSE;
  if (!is_reset && status != 429 && status != 502 && status != 503 && status != 504)
    return FALSE;
  if (req->attempt >= self->max_attempts)
    return FALSE;

  *delay_ms = retry_delay_ms (req, error);
  elapsed_ms = (g_get_monotonic_time () - req->started_us) / 1000;
  if (elapsed_ms + *delay_ms > self->max_total_ms)
    return FALSE;

  return TRUE;
}

static gboolean
wait_done_cb (gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *req = g_task_get_task_data (task);

  if (req->wait_cancel_source != NULL)
    {
      g_source_destroy (req->wait_cancel_source);
      g_clear_pointer (&req->wait_cancel_source, g_source_unref);
    }
  g_clear_pointer (&req->wait_source, g_source_unref);

  send_attempt (g_steal_pointer (&task));
  return G_SOURCE_REMOVE;
}

static gboolean
wait_cancelled_cb (GCancellable *cancellable,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *req = g_task_get_task_data (task);

  g_source_destroy (req->wait_source);
  g_clear_pointer (&req->wait_source, g_source_unref);
  g_clear_pointer (&req->wait_cancel_source, g_source_unref);

  g_task_return_error_if_cancelled (task);
  return G_SOURCE_REMOVE;
}

static void
schedule_retry (GTask *task,
                guint  delay_ms)
{
  Request *req = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  GMainContext *context = g_task_get_context (task);

  /* Exactly one of the two sources fires; it owns the task reference and removes the other. */
  req->wait_source = g_timeout_source_new (delay_ms);
  g_source_set_callback (req->wait_source, wait_done_cb, task, NULL);
  g_source_set_name (req->wait_source, "[ferry] retry delay");

  if (cancellable != NULL)
    {
      req->wait_cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (req->wait_cancel_source, G_SOURCE_FUNC (wait_cancelled_cb), task, NULL);
      g_source_attach (req->wait_cancel_source, context);
    }
  g_source_attach (req->wait_source, context);
}

static void
token_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *req = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  char *token;

  token = ferry_token_provider_get_token_finish (FERRY_TOKEN_PROVIDER (object), result, &error);
  if (token == NULL)
    {
      if (error == NULL)
        error = ferry_api_error_new (FERRY_API_ERROR_UNAUTHORIZED,
                                     _("You are not signed in. Sign in to continue."),
                                     0, NULL, NULL);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  wipe_string (req->token);
  g_free (req->token);
  req->token = token;

  send_attempt (g_steal_pointer (&task));
}

/* Called once per attempt with its outcome: exactly one of @node and @error is set. */
static void
attempt_done (GTask    *task,
              JsonNode *node,
              GError   *error,
              gboolean  is_reset)
{
  Request *req = g_task_get_task_data (task);
  FerryApiClient *self = req->client;
  guint status = req->msg ? soup_message_get_status (req->msg) : 0;
  guint delay_ms = 0;

  g_debug ("%s %s -> %u%s (attempt %u, %" G_GINT64_FORMAT " ms)",
           req->method, req->path, status,
           error ? " (failed)" : "", req->attempt,
           (g_get_monotonic_time () - req->started_us) / 1000);

  request_end_attempt (task, req);

  if (node != NULL)
    {
      g_task_return_pointer (task, node, (GDestroyNotify) json_node_unref);
      g_object_unref (task);
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  /* The server refused the token before doing anything: refresh once, retry once. */
  if ((g_error_matches (error, FERRY_API_ERROR, FERRY_API_ERROR_TOKEN_EXPIRED) ||
       g_error_matches (error, FERRY_API_ERROR, FERRY_API_ERROR_UNAUTHORIZED)) &&
      req->authenticated && self->token_provider != NULL && !req->refreshed)
    {
      g_debug ("%s %s: token refused, asking for a fresh one", req->method, req->path);
      req->refreshed = TRUE;
      g_error_free (error);
      ferry_token_provider_get_token_async (self->token_provider, TRUE,
                                            g_task_get_cancellable (task),
                                            token_cb, task);
      return;
    }

  if (should_retry (req, error, is_reset, &delay_ms))
    {
      g_debug ("%s %s: retrying in %u ms", req->method, req->path, delay_ms);
      g_error_free (error);
      schedule_retry (task, delay_ms);
      return;
    }

  g_task_return_error (task, error);
  g_object_unref (task);
}

static void
process_answer (GTask *task)
{
  Request *req = g_task_get_task_data (task);
  guint status = soup_message_get_status (req->msg);
  const char *data = (const char *) req->buffer->data;
  gsize len = req->buffer->len;

  if (status >= 200 && status < 300)
    {
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();
      g_autoptr(GError) parse_error = NULL;
      JsonNode *root;

      if (len == 0)
        {
          attempt_done (task, json_node_new (JSON_NODE_NULL), NULL, FALSE);
          return;
        }

      if (!json_parser_load_from_data (parser, data, (gssize) len, &parse_error) ||
          (root = json_parser_get_root (parser)) == NULL)
        {
          attempt_done (task, NULL,
                        ferry_api_error_new_invalid_response ("not valid JSON: %s",
                                                              parse_error ? parse_error->message : "empty"),
                        FALSE);
          return;
        }

      attempt_done (task, json_node_ref (root), NULL, FALSE);
      return;
    }

  if (status >= 300 && status < 400)
    {
      /* Redirects are not followed: the API never sends them, and following one could
       * hand the bearer token to another host. */
      const char *location = soup_message_headers_get_one (soup_message_get_response_headers (req->msg),
                                                           "Location");
      g_autofree char *detail = g_strdup_printf ("HTTP %u → %s", status, location ? location : "?");

      attempt_done (task, NULL,
                    ferry_api_error_new (FERRY_API_ERROR_INVALID_RESPONSE,
                                         _("The server sent the request somewhere else. Check the server address; it should be the address of the Infisical site itself."),
                                         status, detail, NULL),
                    FALSE);
      return;
    }

  attempt_done (task, NULL,
                ferry_api_error_new_from_http (status,
                                               soup_message_headers_get_one (soup_message_get_response_headers (req->msg),
                                                                             "Retry-After"),
                                               data, len),
                FALSE);
}

static GError *
oversize_error (FerryApiClient *self)
{
  g_autofree char *limit = g_format_size (self->max_response_size);

  return ferry_api_error_new (FERRY_API_ERROR_INVALID_RESPONSE,
                              _("The server’s answer is too large to process. Try again later, or contact the server’s administrator."),
                              0, limit, NULL);
}

static void read_more (GTask *task);

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  Request *req = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gboolean is_reset = FALSE;
  gssize n;

  n = g_input_stream_read_finish (G_INPUT_STREAM (object), result, &error);
  if (n < 0)
    {
      g_byte_array_set_size (req->buffer, req->buffer->len - READ_CHUNK);
      GError *mapped = transport_error (error, req, TRUE, &is_reset);

      attempt_done (task, NULL, mapped, is_reset);
      return;
    }

  g_byte_array_set_size (req->buffer, req->buffer->len - READ_CHUNK + (guint) n);

  if (n == 0)
    {
      process_answer (task);
      return;
    }

  if (req->buffer->len > req->client->max_response_size)
    {
      /* Stop reading: the rest is never buffered. */
      attempt_done (task, NULL, oversize_error (req->client), FALSE);
      return;
    }

  read_more (task);
}

/* Reads straight into the buffer (no intermediate copies to wipe). The buffer grows by
 * READ_CHUNK for the duration of the read; read_cb trims it back. */
static void
read_more (GTask *task)
{
  Request *req = g_task_get_task_data (task);
  guint len = req->buffer->len;

  g_byte_array_set_size (req->buffer, len + READ_CHUNK);
  g_input_stream_read_async (req->stream, req->buffer->data + len, READ_CHUNK, G_PRIORITY_DEFAULT,
                             req->attempt_cancellable, read_cb, task);
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  Request *req = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;
  gboolean is_reset = FALSE;

  req->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (req->stream == NULL)
    {
      GError *mapped = transport_error (error, req, FALSE, &is_reset);

      attempt_done (task, NULL, mapped, is_reset);
      return;
    }

  headers = soup_message_get_response_headers (req->msg);
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > (goffset) req->client->max_response_size)
    {
      attempt_done (task, NULL,
                    oversize_error (req->client),
                    FALSE);
      return;
    }

  /* Sized up front when the length is known, so the buffer is not reallocated (and
   * old copies of a token-bearing answer are not left behind unwiped). */
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH)
    req->buffer = g_byte_array_sized_new ((guint) soup_message_headers_get_content_length (headers) + READ_CHUNK);
  else
    req->buffer = g_byte_array_new ();
  read_more (task);
}

static gboolean
deadline_cb (gpointer user_data)
{
  Request *req = user_data;

  req->timed_out = TRUE;
  g_cancellable_cancel (req->attempt_cancellable);
  g_clear_pointer (&req->deadline, g_source_unref);
  return G_SOURCE_REMOVE;
}

static void
cancel_attempt_cb (GCancellable *cancellable,
                   GCancellable *attempt_cancellable)
{
  g_cancellable_cancel (attempt_cancellable);
}

/* Takes the task reference. */
static void
send_attempt (GTask *task)
{
  Request *req = g_task_get_task_data (task);
  FerryApiClient *self = req->client;
  GCancellable *cancellable = g_task_get_cancellable (task);
  SoupMessageHeaders *headers;
  g_autofree char *user_agent = NULL;

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }

  req->attempt++;
  req->timed_out = FALSE;
  req->msg = soup_message_new_from_uri (req->method, req->uri);
  soup_message_add_flags (req->msg, SOUP_MESSAGE_NO_REDIRECT);

  headers = soup_message_get_request_headers (req->msg);
  user_agent = g_strdup_printf ("Ferry/%s", PACKAGE_VERSION);
  soup_message_headers_replace (headers, "User-Agent", user_agent);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (req->token != NULL)
    {
      g_autofree char *value = g_strconcat ("Bearer ", req->token, NULL);

      soup_message_headers_replace (headers, "Authorization", value);
      wipe_string (value);
    }
  if (req->body != NULL)
    soup_message_set_request_body_from_bytes (req->msg, "application/json", req->body);

  req->attempt_cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    req->cancel_handler = g_cancellable_connect (cancellable, G_CALLBACK (cancel_attempt_cb),
                                                 g_object_ref (req->attempt_cancellable),
                                                 g_object_unref);

  req->deadline = g_timeout_source_new ((guint) MIN ((guint64) self->timeout_s * 1000, G_MAXUINT));
  g_source_set_callback (req->deadline, deadline_cb, req, NULL);
  g_source_set_name (req->deadline, "[ferry] request deadline");
  g_source_attach (req->deadline, g_task_get_context (task));

  soup_session_send_async (self->session, req->msg, G_PRIORITY_DEFAULT,
                           req->attempt_cancellable, send_cb, task);
}

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

/* @explicit_token: send this bearer token instead of asking the provider. */
static void
request_internal (FerryApiClient      *self,
                  const char          *method,
                  const char          *path,
                  const char * const  *query,
                  JsonObject          *body,
                  gboolean             authenticated,
                  const char          *explicit_token,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Request *req;

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

  req = g_new0 (Request, 1);
  req->client = g_object_ref (self);
  req->method = g_strdup (method);
  req->path = g_strdup (path);
  req->uri = build_uri (self, path, query);
  req->authenticated = authenticated && explicit_token == NULL;
  req->token = g_strdup (explicit_token);
  req->started_us = g_get_monotonic_time ();
  if (body != NULL)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      gsize len;
      char *data;

      json_node_set_object (node, body);
      json_generator_set_root (generator, node);
      data = json_generator_to_data (generator, &len);
      /* The body may hold a secret: wiped when the bytes are freed. */
      req->body = g_bytes_new_with_free_func (data, len, wipe_and_free, data);
    }
  g_task_set_task_data (task, req, request_free);

  if (req->authenticated)
    {
      if (self->token_provider == NULL)
        {
          g_task_return_error (task,
                               ferry_api_error_new (FERRY_API_ERROR_UNAUTHORIZED,
                                                    _("You are not signed in. Sign in to continue."),
                                                    0, NULL, NULL));
          return;
        }
      ferry_token_provider_get_token_async (self->token_provider, FALSE, cancellable,
                                            token_cb, g_steal_pointer (&task));
      return;
    }

  send_attempt (g_steal_pointer (&task));
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

  request_internal (self, method, path, query, body, authenticated, NULL,
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

/* ---- Endpoints: thin wrappers over the request path ---- */

typedef gpointer (*ItemParser) (JsonObject  *object,
                                const char  *extra,
                                GError     **error);

typedef gpointer (*RootParser) (JsonNode    *root,
                                gpointer     data,
                                GError     **error);

typedef struct
{
  RootParser      parse;
  gpointer        parse_data;
  GDestroyNotify  parse_data_free;
  GDestroyNotify  result_free;
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
               RootParser           parse,
               gpointer             parse_data,
               GDestroyNotify       parse_data_free,
               GDestroyNotify       result_free,
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
  g_task_set_task_data (task, ep, endpoint_free);

  request_internal (self, method, path, query, body, authenticated, explicit_token,
                    cancellable, endpoint_cb, task);
}

static gpointer
endpoint_finish (FerryApiClient  *self,
                 GAsyncResult    *result,
                 gpointer         source_tag,
                 GError         **error)
{
  g_return_val_if_fail (FERRY_IS_API_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
endpoint_finish_boolean (FerryApiClient  *self,
                         GAsyncResult    *result,
                         gpointer         source_tag,
                         gboolean        *value,
                         GError         **error)
{
  g_autofree gboolean *ret = endpoint_finish (self, result, source_tag, error);

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

/* A path from a prefix and segments to escape, NULL-terminated. */
static char *
build_path (const char *prefix,
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

static JsonObject *
root_object (JsonNode  *root,
             GError   **error)
{
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_propagate_error (error, ferry_api_error_new_invalid_response ("the answer is not a JSON object"));
      return NULL;
    }
  return json_node_get_object (root);
}

/* The member @keys ("a|b": first present) of the root object, of @type. */
static JsonNode *
root_member (JsonNode     *root,
             const char   *keys,
             JsonNodeType  type,
             GError      **error)
{
  g_auto(GStrv) alternatives = g_strsplit (keys, "|", -1);
  JsonObject *object;

  if (!(object = root_object (root, error)))
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

/* What a model endpoint parses: the wrapping key, the item type and its parser. */
typedef struct
{
  const char *key;
  GType     (*get_type) (void);
  ItemParser  parser;
  char       *extra;
} ModelSpec;

static ModelSpec *
model_spec_new (const char  *key,
                GType      (*get_type) (void),
                ItemParser   parser,
                const char  *extra)
{
  ModelSpec *spec = g_new0 (ModelSpec, 1);

  spec->key = key;
  spec->get_type = get_type;
  spec->parser = parser;
  spec->extra = g_strdup (extra);
  return spec;
}

static void
model_spec_free (gpointer data)
{
  ModelSpec *spec = data;

  g_free (spec->extra);
  g_free (spec);
}

static gpointer
parse_single (JsonNode  *root,
              gpointer   data,
              GError   **error)
{
  ModelSpec *spec = data;
  JsonNode *node;

  if (!(node = root_member (root, spec->key, JSON_NODE_OBJECT, error)))
    return NULL;

  return spec->parser (json_node_get_object (node), spec->extra, error);
}

static gpointer
parse_list (JsonNode  *root,
            gpointer   data,
            GError   **error)
{
  ModelSpec *spec = data;
  g_autoptr(GListStore) store = NULL;
  g_autoptr(GPtrArray) items = NULL;
  JsonArray *array;
  JsonNode *node;
  guint n;

  if (!(node = root_member (root, spec->key, JSON_NODE_ARRAY, error)))
    return NULL;

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  items = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      gpointer item;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          g_propagate_error (error, ferry_api_error_new_invalid_response ("“%s.%u” is not an object", spec->key, i));
          return NULL;
        }
      item = spec->parser (json_node_get_object (element), spec->extra, error);
      if (item == NULL)
        {
          g_autofree char *where = g_strdup_printf ("%s.%u", spec->key, i);

          if (error != NULL)
            ferry_api_error_prefix_detail (*error, where);
          return NULL;
        }
      g_ptr_array_add (items, item);
    }

  store = g_list_store_new (spec->get_type ());
  g_list_store_splice (store, 0, 0, items->pdata, items->len);

  return g_steal_pointer (&store);
}

static gpointer
parse_organization (JsonObject *object, const char *extra, GError **error)
{
  return ferry_organization_new_from_json (object, error);
}

static gpointer
parse_project (JsonObject *object, const char *extra, GError **error)
{
  return ferry_project_new_from_json (object, error);
}

static gpointer
parse_folder (JsonObject *object, const char *extra, GError **error)
{
  return ferry_folder_new_from_json (object, extra, error);
}

static gpointer
parse_connection (JsonObject *object, const char *extra, GError **error)
{
  return ferry_connection_new_from_json (object, FALSE, error);
}

static gpointer
parse_partial_connection (JsonObject *object, const char *extra, GError **error)
{
  return ferry_connection_new_from_json (object, TRUE, error);
}

static gpointer
parse_devops_project (JsonObject *object, const char *extra, GError **error)
{
  return ferry_devops_project_new_from_json (object, error);
}

static gpointer
parse_sync (JsonObject *object, const char *extra, GError **error)
{
  return ferry_sync_new_from_json (object, error);
}

static void
call_model (FerryApiClient      *self,
            gpointer             source_tag,
            const char          *method,
            const char          *path,
            const char * const  *query,
            JsonObject          *body,
            gboolean             list,
            ModelSpec           *spec,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  call_endpoint (self, source_tag, method, path, query, body, TRUE, NULL,
                 list ? parse_list : parse_single, spec, model_spec_free, g_object_unref,
                 cancellable, callback, user_data);
}

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

  if (!(object = root_object (root, error)))
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

  call_endpoint (self, ferry_api_client_universal_auth_login_async,
                 "POST", "/api/v1/auth/universal-auth/login", NULL, body, FALSE, NULL,
                 parse_token_info, NULL, NULL, (GDestroyNotify) ferry_token_info_free,
                 cancellable, callback, user_data);
}

FerryTokenInfo *
ferry_api_client_universal_auth_login_finish (FerryApiClient  *self,
                                              GAsyncResult    *result,
                                              GError         **error)
{
  return endpoint_finish (self, result, ferry_api_client_universal_auth_login_async, error);
}

static void
token_body_call (FerryApiClient      *self,
                 gpointer             source_tag,
                 const char          *path,
                 const char          *access_token,
                 RootParser           parse,
                 GDestroyNotify       result_free,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  g_autoptr(JsonObject) body = json_object_new ();

  json_object_set_string_member (body, "accessToken", access_token);
  call_endpoint (self, source_tag, "POST", path, NULL, body, FALSE, NULL,
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
  return endpoint_finish (self, result, ferry_api_client_renew_token_async, error);
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
  return endpoint_finish_boolean (self, result, ferry_api_client_revoke_token_async, NULL, error);
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

  call_endpoint (self, ferry_api_client_check_auth_async,
                 "POST", "/api/v1/auth/checkAuth", NULL, NULL, FALSE, token,
                 parse_true, NULL, NULL, g_free, cancellable, callback, user_data);
}

gboolean
ferry_api_client_check_auth_finish (FerryApiClient  *self,
                                    GAsyncResult    *result,
                                    GError         **error)
{
  return endpoint_finish_boolean (self, result, ferry_api_client_check_auth_async, NULL, error);
}

/* ---- Organizations, projects, folders ---- */

void
ferry_api_client_list_organizations_async (FerryApiClient      *self,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_return_if_fail (FERRY_IS_API_CLIENT (self));

  call_model (self, ferry_api_client_list_organizations_async, "GET", "/api/v1/organization", NULL, NULL, TRUE,
              model_spec_new ("organizations", ferry_organization_get_type, parse_organization, NULL),
              cancellable, callback, user_data);
}

GListStore *
ferry_api_client_list_organizations_finish (FerryApiClient  *self,
                                            GAsyncResult    *result,
                                            GError         **error)
{
  return endpoint_finish (self, result, ferry_api_client_list_organizations_async, error);
}

void
ferry_api_client_list_projects_async (FerryApiClient      *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  static const char * const query[] = { "type", "secret-manager", "includeRoles", "false", NULL };

  g_return_if_fail (FERRY_IS_API_CLIENT (self));

  call_model (self, ferry_api_client_list_projects_async, "GET", "/api/v1/projects", query, NULL, TRUE,
              model_spec_new ("projects|workspaces", ferry_project_get_type, parse_project, NULL),
              cancellable, callback, user_data);
}

GListStore *
ferry_api_client_list_projects_finish (FerryApiClient  *self,
                                       GAsyncResult    *result,
                                       GError         **error)
{
  return endpoint_finish (self, result, ferry_api_client_list_projects_async, error);
}

void
ferry_api_client_get_project_async (FerryApiClient      *self,
                                    const char          *project_id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (FERRY_IS_API_CLIENT (self));
  g_return_if_fail (project_id != NULL);

  path = build_path ("/api/v1/projects", project_id, NULL);
  call_model (self, ferry_api_client_get_project_async, "GET", path, NULL, NULL, FALSE,
              model_spec_new ("project|workspace", ferry_project_get_type, parse_project, NULL),
              cancellable, callback, user_data);
}

FerryProject *
ferry_api_client_get_project_finish (FerryApiClient  *self,
                                     GAsyncResult    *result,
                                     GError         **error)
{
  return endpoint_finish (self, result, ferry_api_client_get_project_async, error);
}

/* Folders: v2 first, v1 when the server does not know v2 (404). */
typedef struct
{
  char *project_id;
  char *environment;
  char *path;
} FolderQuery;

static void
folder_query_free (gpointer data)
{
  FolderQuery *fq = data;

  g_free (fq->project_id);
  g_free (fq->environment);
  g_free (fq->path);
  g_free (fq);
}

static void
list_folders_v1_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  GListStore *store;

  store = endpoint_finish (FERRY_API_CLIENT (object), result, list_folders_v1_cb, &error);
  if (store == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, store, g_object_unref);
}

static void
list_folders_v2_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FerryApiClient *self = FERRY_API_CLIENT (object);
  FolderQuery *fq = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GListStore *store;

  store = endpoint_finish (self, result, list_folders_v2_cb, &error);
  if (store != NULL)
    {
      g_task_return_pointer (task, store, g_object_unref);
      return;
    }

  if (g_error_matches (error, FERRY_API_ERROR, FERRY_API_ERROR_NOT_FOUND))
    {
      const char *query[] = { "workspaceId", fq->project_id, "environment", fq->environment,
                              "path", fq->path, NULL };

      g_debug ("v2 folders answered 404, trying v1");
      call_model (self, list_folders_v1_cb, "GET", "/api/v1/folders", query, NULL, TRUE,
                  model_spec_new ("folders", ferry_folder_get_type, parse_folder, fq->path),
                  g_task_get_cancellable (task), list_folders_v1_cb, g_object_ref (task));
      return;
    }

  g_task_return_error (task, g_steal_pointer (&error));
}

void
ferry_api_client_list_folders_async (FerryApiClient      *self,
                                     const char          *project_id,
                                     const char          *environment_slug,
                                     const char          *path,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  FolderQuery *fq;

  g_return_if_fail (FERRY_IS_API_CLIENT (self));
  g_return_if_fail (project_id != NULL);
  g_return_if_fail (environment_slug != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ferry_api_client_list_folders_async);

  fq = g_new0 (FolderQuery, 1);
  fq->project_id = g_strdup (project_id);
  fq->environment = g_strdup (environment_slug);
  fq->path = g_strdup (path && *path ? path : "/");
  g_task_set_task_data (task, fq, folder_query_free);

  {
    const char *query[] = { "projectId", fq->project_id, "environment", fq->environment,
                            "path", fq->path, "recursive", "false", NULL };

    call_model (self, list_folders_v2_cb, "GET", "/api/v2/folders", query, NULL, TRUE,
                model_spec_new ("folders", ferry_folder_get_type, parse_folder, fq->path),
                cancellable, list_folders_v2_cb, g_steal_pointer (&task));
  }
}

GListStore *
ferry_api_client_list_folders_finish (FerryApiClient  *self,
                                      GAsyncResult    *result,
                                      GError         **error)
{
  return endpoint_finish (self, result, ferry_api_client_list_folders_async, error);
}

/* Only the names; values are wiped in the parsed tree as soon as it is read. */
static gpointer
parse_secret_keys (JsonNode  *root,
                   gpointer   data,
                   GError   **error)
{
  g_autoptr(GPtrArray) keys = NULL;
  JsonArray *array;
  JsonNode *node;
  guint n;

  if (!(node = root_member (root, "secrets", JSON_NODE_ARRAY, error)))
    return NULL;

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  keys = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *secret;
      JsonNode *key;
      JsonNode *value;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          g_propagate_error (error, ferry_api_error_new_invalid_response ("“secrets.%u” is not an object", i));
          return NULL;
        }
      secret = json_node_get_object (element);

      value = json_object_get_member (secret, "secretValue");
      if (value != NULL && JSON_NODE_HOLDS_VALUE (value) &&
          json_node_get_value_type (value) == G_TYPE_STRING)
        wipe_string ((char *) json_node_get_string (value));

      key = json_object_get_member (secret, "secretKey");
      if (key == NULL || !JSON_NODE_HOLDS_VALUE (key) ||
          json_node_get_value_type (key) != G_TYPE_STRING)
        {
          g_propagate_error (error, ferry_api_error_new_invalid_response ("“secrets.%u.secretKey” is missing or not a string", i));
          return NULL;
        }
      g_ptr_array_add (keys, json_node_dup_string (key));
    }
  g_ptr_array_add (keys, NULL);

  return g_ptr_array_steal (keys, NULL);
}

void
ferry_api_client_list_secret_keys_async (FerryApiClient      *self,
                                         const char          *project_id,
                                         const char          *environment_slug,
                                         const char          *path,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  const char *query[] = { "workspaceId", project_id, "environment", environment_slug,
                          "secretPath", path && *path ? path : "/",
                          "viewSecretValue", "false", NULL };

  g_return_if_fail (FERRY_IS_API_CLIENT (self));
  g_return_if_fail (project_id != NULL);
  g_return_if_fail (environment_slug != NULL);

  call_endpoint (self, ferry_api_client_list_secret_keys_async,
                 "GET", "/api/v3/secrets/raw", query, NULL, TRUE, NULL,
                 parse_secret_keys, NULL, NULL, (GDestroyNotify) g_strfreev,
                 cancellable, callback, user_data);
}

char **
ferry_api_client_list_secret_keys_finish (FerryApiClient  *self,
                                          GAsyncResult    *result,
                                          GError         **error)
{
  return endpoint_finish (self, result, ferry_api_client_list_secret_keys_async, error);
}

/* ---- Azure DevOps app connections ---- */

#define CONNECTIONS_PATH "/api/v1/app-connections/azure-devops"

void
ferry_api_client_list_connections_async (FerryApiClient      *self,
                                         const char          *project_id,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  const char *query[] = { "projectId", project_id, NULL };

  g_return_if_fail (FERRY_IS_API_CLIENT (self));

  call_model (self, ferry_api_client_list_connections_async, "GET", CONNECTIONS_PATH,
              project_id ? query : NULL, NULL, TRUE,
              model_spec_new ("appConnections", ferry_connection_get_type, parse_connection, NULL),
              cancellable, callback, user_data);
}

GListStore *
ferry_api_client_list_connections_finish (FerryApiClient  *self,
                                          GAsyncResult    *result,
                                          GError         **error)
{
  return endpoint_finish (self, result, ferry_api_client_list_connections_async, error);
}

void
ferry_api_client_list_available_connections_async (FerryApiClient      *self,
                                                   const char          *project_id,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data)
{
  const char *query[] = { "projectId", project_id, NULL };

  g_return_if_fail (FERRY_IS_API_CLIENT (self));

  call_model (self, ferry_api_client_list_available_connections_async, "GET", CONNECTIONS_PATH "/available",
              project_id ? query : NULL, NULL, TRUE,
              model_spec_new ("appConnections", ferry_connection_get_type, parse_partial_connection, NULL),
              cancellable, callback, user_data);
}

GListStore *
ferry_api_client_list_available_connections_finish (FerryApiClient  *self,
                                                    GAsyncResult    *result,
                                                    GError         **error)
{
  return endpoint_finish (self, result, ferry_api_client_list_available_connections_async, error);
}

void
ferry_api_client_get_connection_async (FerryApiClient      *self,
                                       const char          *connection_id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (FERRY_IS_API_CLIENT (self));
  g_return_if_fail (connection_id != NULL);

  path = build_path (CONNECTIONS_PATH, connection_id, NULL);
  call_model (self, ferry_api_client_get_connection_async, "GET", path, NULL, NULL, FALSE,
              model_spec_new ("appConnection", ferry_connection_get_type, parse_connection, NULL),
              cancellable, callback, user_data);
}

FerryConnection *
ferry_api_client_get_connection_finish (FerryApiClient  *self,
                                        GAsyncResult    *result,
                                        GError         **error)
{
  return endpoint_finish (self, result, ferry_api_client_get_connection_async, error);
}

void
ferry_api_client_get_connection_by_name_async (FerryApiClient      *self,
                                               const char          *name,
                                               const char          *project_id,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data)
{
  const char *query[] = { "projectId", project_id, NULL };
  g_autofree char *path = NULL;

  g_return_if_fail (FERRY_IS_API_CLIENT (self));
  g_return_if_fail (name != NULL);

  path = build_path (CONNECTIONS_PATH "/connection-name", name, NULL);
  call_model (self, ferry_api_client_get_connection_by_name_async, "GET", path,
              project_id ? query : NULL, NULL, FALSE,
              model_spec_new ("appConnection", ferry_connection_get_type, parse_connection, NULL),
              cancellable, callback, user_data);
}

FerryConnection *
ferry_api_client_get_connection_by_name_finish (FerryApiClient  *self,
                                                GAsyncResult    *result,
                                                GError         **error)
{
  return endpoint_finish (self, result, ferry_api_client_get_connection_by_name_async, error);
}

void
ferry_api_client_create_connection_async (FerryApiClient      *self,
                                          JsonObject          *body,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_return_if_fail (FERRY_IS_API_CLIENT (self));
  g_return_if_fail (body != NULL);

  call_model (self, ferry_api_client_create_connection_async, "POST", CONNECTIONS_PATH, NULL, body, FALSE,
              model_spec_new ("appConnection", ferry_connection_get_type, parse_connection, NULL),
              cancellable, callback, user_data);
}

FerryConnection *
ferry_api_client_create_connection_finish (FerryApiClient  *self,
                                           GAsyncResult    *result,
                                           GError         **error)
{
  return endpoint_finish (self, result, ferry_api_client_create_connection_async, error);
}

void
ferry_api_client_update_connection_async (FerryApiClient      *self,
                                          const char          *connection_id,
                                          JsonObject          *body,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (FERRY_IS_API_CLIENT (self));
  g_return_if_fail (connection_id != NULL);
  g_return_if_fail (body != NULL);

  path = build_path (CONNECTIONS_PATH, connection_id, NULL);
  call_model (self, ferry_api_client_update_connection_async, "PATCH", path, NULL, body, FALSE,
              model_spec_new ("appConnection", ferry_connection_get_type, parse_connection, NULL),
              cancellable, callback, user_data);
}

FerryConnection *
ferry_api_client_update_connection_finish (FerryApiClient  *self,
                                           GAsyncResult    *result,
                                           GError         **error)
{
  return endpoint_finish (self, result, ferry_api_client_update_connection_async, error);
}

void
ferry_api_client_delete_connection_async (FerryApiClient      *self,
                                          const char          *connection_id,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (FERRY_IS_API_CLIENT (self));
  g_return_if_fail (connection_id != NULL);

  path = build_path (CONNECTIONS_PATH, connection_id, NULL);
  call_model (self, ferry_api_client_delete_connection_async, "DELETE", path, NULL, NULL, FALSE,
              model_spec_new ("appConnection", ferry_connection_get_type, parse_connection, NULL),
              cancellable, callback, user_data);
}

FerryConnection *
ferry_api_client_delete_connection_finish (FerryApiClient  *self,
                                           GAsyncResult    *result,
                                           GError         **error)
{
  return endpoint_finish (self, result, ferry_api_client_delete_connection_async, error);
}

static JsonObject *
find_option (JsonNode    *root,
             const char  *list_key,
             const char  *id_key,
             GError     **error)
{
  JsonArray *array;
  JsonNode *node;

  if (!(node = root_member (root, list_key, JSON_NODE_ARRAY, error)))
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

static gpointer
parse_connection_options (JsonNode  *root,
                          gpointer   data,
                          GError   **error)
{
  g_autoptr(FerryConnectionOptions) options = NULL;
  g_autoptr(GPtrArray) methods = NULL;
  JsonObject *item;
  JsonNode *node;

  if (!(item = find_option (root, "appConnectionOptions", "app", error)))
    return NULL;

  methods = g_ptr_array_new_with_free_func (g_free);
  node = json_object_get_member (item, "methods");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_propagate_error (error, ferry_api_error_new_invalid_response ("“methods” is missing or not an array"));
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
    {
      JsonNode *method = json_array_get_element (json_node_get_array (node), i);

      if (!JSON_NODE_HOLDS_VALUE (method) || json_node_get_value_type (method) != G_TYPE_STRING)
        {
          g_propagate_error (error, ferry_api_error_new_invalid_response ("“methods.%u” is not a string", i));
          return NULL;
        }
      g_ptr_array_add (methods, json_node_dup_string (method));
    }
  g_ptr_array_add (methods, NULL);

  options = g_new0 (FerryConnectionOptions, 1);
  options->methods = (char **) g_ptr_array_steal (methods, NULL);

  node = json_object_get_member (item, "oauthClientId");
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_STRING && *json_node_get_string (node) != '\0')
    options->oauth_client_id = json_node_dup_string (node);

  return g_steal_pointer (&options);
}

void
ferry_api_client_get_connection_options_async (FerryApiClient      *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data)
{
  g_return_if_fail (FERRY_IS_API_CLIENT (self));

  call_endpoint (self, ferry_api_client_get_connection_options_async,
                 "GET", "/api/v1/app-connections/options", NULL, NULL, TRUE, NULL,
                 parse_connection_options, NULL, NULL, (GDestroyNotify) ferry_connection_options_free,
                 cancellable, callback, user_data);
}

FerryConnectionOptions *
ferry_api_client_get_connection_options_finish (FerryApiClient  *self,
                                                GAsyncResult    *result,
                                                GError         **error)
{
  return endpoint_finish (self, result, ferry_api_client_get_connection_options_async, error);
}

void
ferry_api_client_list_devops_projects_async (FerryApiClient      *self,
                                             const char          *connection_id,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (FERRY_IS_API_CLIENT (self));
  g_return_if_fail (connection_id != NULL);

  path = build_path (CONNECTIONS_PATH, connection_id, "projects", NULL);
  call_model (self, ferry_api_client_list_devops_projects_async, "GET", path, NULL, NULL, TRUE,
              model_spec_new ("projects", ferry_devops_project_get_type, parse_devops_project, NULL),
              cancellable, callback, user_data);
}

GListStore *
ferry_api_client_list_devops_projects_finish (FerryApiClient  *self,
                                              GAsyncResult    *result,
                                              GError         **error)
{
  return endpoint_finish (self, result, ferry_api_client_list_devops_projects_async, error);
}

/* ---- Azure DevOps secret syncs ---- */

#define SYNCS_PATH "/api/v1/secret-syncs/azure-devops"

void
ferry_api_client_list_syncs_async (FerryApiClient      *self,
                                   const char          *project_id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  const char *query[] = { "projectId", project_id, NULL };

  g_return_if_fail (FERRY_IS_API_CLIENT (self));
  g_return_if_fail (project_id != NULL);

  call_model (self, ferry_api_client_list_syncs_async, "GET", SYNCS_PATH, query, NULL, TRUE,
              model_spec_new ("secretSyncs", ferry_sync_get_type, parse_sync, NULL),
              cancellable, callback, user_data);
}

GListStore *
ferry_api_client_list_syncs_finish (FerryApiClient  *self,
                                    GAsyncResult    *result,
                                    GError         **error)
{
  return endpoint_finish (self, result, ferry_api_client_list_syncs_async, error);
}

void
ferry_api_client_get_sync_async (FerryApiClient      *self,
                                 const char          *sync_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (FERRY_IS_API_CLIENT (self));
  g_return_if_fail (sync_id != NULL);

  path = build_path (SYNCS_PATH, sync_id, NULL);
  call_model (self, ferry_api_client_get_sync_async, "GET", path, NULL, NULL, FALSE,
              model_spec_new ("secretSync", ferry_sync_get_type, parse_sync, NULL),
              cancellable, callback, user_data);
}

FerrySync *
ferry_api_client_get_sync_finish (FerryApiClient  *self,
                                  GAsyncResult    *result,
                                  GError         **error)
{
  return endpoint_finish (self, result, ferry_api_client_get_sync_async, error);
}

void
ferry_api_client_get_sync_by_name_async (FerryApiClient      *self,
                                         const char          *name,
                                         const char          *project_id,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  const char *query[] = { "projectId", project_id, NULL };
  g_autofree char *path = NULL;

  g_return_if_fail (FERRY_IS_API_CLIENT (self));
  g_return_if_fail (name != NULL);
  g_return_if_fail (project_id != NULL);

  path = build_path (SYNCS_PATH "/sync-name", name, NULL);
  call_model (self, ferry_api_client_get_sync_by_name_async, "GET", path, query, NULL, FALSE,
              model_spec_new ("secretSync", ferry_sync_get_type, parse_sync, NULL),
              cancellable, callback, user_data);
}

FerrySync *
ferry_api_client_get_sync_by_name_finish (FerryApiClient  *self,
                                          GAsyncResult    *result,
                                          GError         **error)
{
  return endpoint_finish (self, result, ferry_api_client_get_sync_by_name_async, error);
}

void
ferry_api_client_create_sync_async (FerryApiClient      *self,
                                    JsonObject          *body,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (FERRY_IS_API_CLIENT (self));
  g_return_if_fail (body != NULL);

  call_model (self, ferry_api_client_create_sync_async, "POST", SYNCS_PATH, NULL, body, FALSE,
              model_spec_new ("secretSync", ferry_sync_get_type, parse_sync, NULL),
              cancellable, callback, user_data);
}

FerrySync *
ferry_api_client_create_sync_finish (FerryApiClient  *self,
                                     GAsyncResult    *result,
                                     GError         **error)
{
  return endpoint_finish (self, result, ferry_api_client_create_sync_async, error);
}

void
ferry_api_client_update_sync_async (FerryApiClient      *self,
                                    const char          *sync_id,
                                    JsonObject          *body,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (FERRY_IS_API_CLIENT (self));
  g_return_if_fail (sync_id != NULL);
  g_return_if_fail (body != NULL);

  path = build_path (SYNCS_PATH, sync_id, NULL);
  call_model (self, ferry_api_client_update_sync_async, "PATCH", path, NULL, body, FALSE,
              model_spec_new ("secretSync", ferry_sync_get_type, parse_sync, NULL),
              cancellable, callback, user_data);
}

FerrySync *
ferry_api_client_update_sync_finish (FerryApiClient  *self,
                                     GAsyncResult    *result,
                                     GError         **error)
{
  return endpoint_finish (self, result, ferry_api_client_update_sync_async, error);
}

void
ferry_api_client_delete_sync_async (FerryApiClient      *self,
                                    const char          *sync_id,
                                    gboolean             remove_secrets,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  const char *query[] = { "removeSecrets", remove_secrets ? "true" : "false", NULL };
  g_autofree char *path = NULL;

  g_return_if_fail (FERRY_IS_API_CLIENT (self));
  g_return_if_fail (sync_id != NULL);

  path = build_path (SYNCS_PATH, sync_id, NULL);
  call_model (self, ferry_api_client_delete_sync_async, "DELETE", path, query, NULL, FALSE,
              model_spec_new ("secretSync", ferry_sync_get_type, parse_sync, NULL),
              cancellable, callback, user_data);
}

FerrySync *
ferry_api_client_delete_sync_finish (FerryApiClient  *self,
                                     GAsyncResult    *result,
                                     GError         **error)
{
  return endpoint_finish (self, result, ferry_api_client_delete_sync_async, error);
}

void
ferry_api_client_trigger_sync_async (FerryApiClient      *self,
                                     const char          *sync_id,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (FERRY_IS_API_CLIENT (self));
  g_return_if_fail (sync_id != NULL);

  path = build_path (SYNCS_PATH, sync_id, "sync-secrets", NULL);
  call_model (self, ferry_api_client_trigger_sync_async, "POST", path, NULL, NULL, FALSE,
              model_spec_new ("secretSync", ferry_sync_get_type, parse_sync, NULL),
              cancellable, callback, user_data);
}

FerrySync *
ferry_api_client_trigger_sync_finish (FerryApiClient  *self,
                                      GAsyncResult    *result,
                                      GError         **error)
{
  return endpoint_finish (self, result, ferry_api_client_trigger_sync_async, error);
}

void
ferry_api_client_remove_secrets_async (FerryApiClient      *self,
                                       const char          *sync_id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (FERRY_IS_API_CLIENT (self));
  g_return_if_fail (sync_id != NULL);

  path = build_path (SYNCS_PATH, sync_id, "remove-secrets", NULL);
  call_model (self, ferry_api_client_remove_secrets_async, "POST", path, NULL, NULL, FALSE,
              model_spec_new ("secretSync", ferry_sync_get_type, parse_sync, NULL),
              cancellable, callback, user_data);
}

FerrySync *
ferry_api_client_remove_secrets_finish (FerryApiClient  *self,
                                        GAsyncResult    *result,
                                        GError         **error)
{
  return endpoint_finish (self, result, ferry_api_client_remove_secrets_async, error);
}

static gpointer
parse_has_duplicate (JsonNode  *root,
                     gpointer   data,
                     GError   **error)
{
  JsonObject *object;
  JsonNode *node;
  gboolean *ret;

  if (!(object = root_object (root, error)))
    return NULL;

  node = json_object_get_member (object, "hasDuplicate");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      g_propagate_error (error, ferry_api_error_new_invalid_response ("“hasDuplicate” is missing or not a boolean"));
      return NULL;
    }

  ret = g_new (gboolean, 1);
  *ret = json_node_get_boolean (node);
  return ret;
}

static void
check_destination_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  gboolean has_duplicate = FALSE;
  gboolean *ret;

  if (!endpoint_finish_boolean (FERRY_API_CLIENT (object), result, check_destination_cb, &has_duplicate, &error))
    {
      /* Older servers have no such route: they do not check duplicates either. */
      if (!g_error_matches (error, FERRY_API_ERROR, FERRY_API_ERROR_NOT_FOUND))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      has_duplicate = FALSE;
    }

  ret = g_new (gboolean, 1);
  *ret = has_duplicate;
  g_task_return_pointer (task, ret, g_free);
}

void
ferry_api_client_check_destination_async (FerryApiClient      *self,
                                          const char          *project_id,
                                          const char          *devops_project_id,
                                          const char          *exclude_sync_id,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autoptr(JsonObject) body = NULL;
  JsonObject *config;
  GTask *task;

  g_return_if_fail (FERRY_IS_API_CLIENT (self));
  g_return_if_fail (project_id != NULL);
  g_return_if_fail (devops_project_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ferry_api_client_check_destination_async);

  body = json_object_new ();
  config = json_object_new ();
  json_object_set_string_member (config, "devopsProjectId", devops_project_id);
  json_object_set_object_member (body, "destinationConfig", config);
  json_object_set_string_member (body, "projectId", project_id);
  if (exclude_sync_id != NULL)
    json_object_set_string_member (body, "excludeSyncId", exclude_sync_id);

  call_endpoint (self, check_destination_cb, "POST", SYNCS_PATH "/check-destination", NULL, body,
                 TRUE, NULL, parse_has_duplicate, NULL, NULL, g_free,
                 cancellable, check_destination_cb, task);
}

gboolean
ferry_api_client_check_destination_finish (FerryApiClient  *self,
                                           GAsyncResult    *result,
                                           gboolean        *has_duplicate,
                                           GError         **error)
{
  return endpoint_finish_boolean (self, result, ferry_api_client_check_destination_async, has_duplicate, error);
}

static gpointer
parse_sync_options (JsonNode  *root,
                    gpointer   data,
                    GError   **error)
{
  JsonObject *item;
  JsonNode *node;
  gboolean *ret;

  if (!(item = find_option (root, "secretSyncOptions", "destination", error)))
    return NULL;

  node = json_object_get_member (item, "canImportSecrets");
  if (node != NULL && (!JSON_NODE_HOLDS_VALUE (node) ||
                       json_node_get_value_type (node) != G_TYPE_BOOLEAN))
    {
      g_propagate_error (error, ferry_api_error_new_invalid_response ("“canImportSecrets” is not a boolean"));
      return NULL;
    }

  ret = g_new (gboolean, 1);
  *ret = node != NULL && json_node_get_boolean (node);
  return ret;
}

void
ferry_api_client_get_sync_options_async (FerryApiClient      *self,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_return_if_fail (FERRY_IS_API_CLIENT (self));

  call_endpoint (self, ferry_api_client_get_sync_options_async,
                 "GET", "/api/v1/secret-syncs/options", NULL, NULL, TRUE, NULL,
                 parse_sync_options, NULL, NULL, g_free, cancellable, callback, user_data);
}

gboolean
ferry_api_client_get_sync_options_finish (FerryApiClient  *self,
                                          GAsyncResult    *result,
                                          gboolean        *can_import,
                                          GError         **error)
{
  return endpoint_finish_boolean (self, result, ferry_api_client_get_sync_options_async, can_import, error);
}
