/* ferry-api-client.c: the Infisical REST client.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The GObject and its settings, and site URLs. The rest of FerryApiClient is described
 * in ferry-api-client-private.h.
 */

#define G_LOG_DOMAIN "ferry-api"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ferry-api-client-private.h"

#define DEFAULT_TIMEOUT_S          30
#define DEFAULT_MAX_RESPONSE_SIZE  (32 * 1024 * 1024)
#define DEFAULT_MAX_ATTEMPTS       4
#define DEFAULT_BASE_DELAY_MS      500
#define DEFAULT_MAX_TOTAL_MS       20000

G_DEFINE_FINAL_TYPE (FerryApiClient, ferry_api_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SITE_URL,
  PROP_SESSION,
  PROP_TOKEN_PROVIDER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

/* ---- GObject ---- */

static void
ferry_api_client_constructed (GObject *object)
{
  FerryApiClient *self = FERRY_API_CLIENT (object);

  G_OBJECT_CLASS (ferry_api_client_parent_class)->constructed (object);

  ferry_api_client_init_session (self);

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
ferry_api_client_new (const char *site_url)
{
  g_return_val_if_fail (site_url != NULL, NULL);

  return ferry_api_client_new_with_session (site_url, NULL);
}

FerryApiClient *
ferry_api_client_new_with_session (const char  *site_url,
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

