/* ferry-token-provider.c: where FerryApiClient gets its bearer token.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-api-error.h"
#include "ferry-token-provider.h"

G_DEFINE_INTERFACE (FerryTokenProvider, ferry_token_provider, G_TYPE_OBJECT)

static void
ferry_token_provider_default_init (FerryTokenProviderInterface *iface)
{
}

void
ferry_token_provider_get_token_async (FerryTokenProvider  *self,
                                      gboolean             force_refresh,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (FERRY_IS_TOKEN_PROVIDER (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  FERRY_TOKEN_PROVIDER_GET_IFACE (self)->get_token_async (self, force_refresh, cancellable,
                                                          callback, user_data);
}

char *
ferry_token_provider_get_token_finish (FerryTokenProvider  *self,
                                       GAsyncResult        *result,
                                       GError             **error)
{
  g_return_val_if_fail (FERRY_IS_TOKEN_PROVIDER (self), NULL);

  return FERRY_TOKEN_PROVIDER_GET_IFACE (self)->get_token_finish (self, result, error);
}

/* ---- FerryStaticTokenProvider ---- */

struct _FerryStaticTokenProvider
{
  GObject  parent_instance;

  char    *token;
};

static void ferry_static_token_provider_iface_init (FerryTokenProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FerryStaticTokenProvider, ferry_static_token_provider, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (FERRY_TYPE_TOKEN_PROVIDER,
                                                      ferry_static_token_provider_iface_init))

static void
ferry_static_token_provider_get_token_async (FerryTokenProvider  *provider,
                                             gboolean             force_refresh,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  FerryStaticTokenProvider *self = FERRY_STATIC_TOKEN_PROVIDER (provider);
  g_autoptr(GTask) task = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ferry_static_token_provider_get_token_async);

  if (g_task_return_error_if_cancelled (task))
    return;

  if (force_refresh)
    g_task_return_error (task,
                         ferry_api_error_new (FERRY_API_ERROR_TOKEN_EXPIRED,
                                              _("Your session has expired. Sign in again to continue."),
                                              0, NULL, NULL));
  else
    g_task_return_pointer (task, g_strdup (self->token), g_free);
}

static char *
ferry_static_token_provider_get_token_finish (FerryTokenProvider  *provider,
                                              GAsyncResult        *result,
                                              GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
ferry_static_token_provider_iface_init (FerryTokenProviderInterface *iface)
{
  iface->get_token_async = ferry_static_token_provider_get_token_async;
  iface->get_token_finish = ferry_static_token_provider_get_token_finish;
}

static void
ferry_static_token_provider_finalize (GObject *object)
{
  FerryStaticTokenProvider *self = FERRY_STATIC_TOKEN_PROVIDER (object);

  if (self->token != NULL)
    memset (self->token, 0, strlen (self->token));
  g_clear_pointer (&self->token, g_free);

  G_OBJECT_CLASS (ferry_static_token_provider_parent_class)->finalize (object);
}

static void
ferry_static_token_provider_class_init (FerryStaticTokenProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ferry_static_token_provider_finalize;
}

static void
ferry_static_token_provider_init (FerryStaticTokenProvider *self)
{
}

FerryTokenProvider *
ferry_static_token_provider_new (const char *token)
{
  FerryStaticTokenProvider *self;

  g_return_val_if_fail (token != NULL, NULL);

  self = g_object_new (FERRY_TYPE_STATIC_TOKEN_PROVIDER, NULL);
  self->token = g_strdup (token);

  return FERRY_TOKEN_PROVIDER (self);
}
