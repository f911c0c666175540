/* ferry-weak-token-provider.c
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-api-error.h"
#include "ferry-weak-token-provider.h"

struct _FerryWeakTokenProvider
{
  GObject parent_instance;

  GWeakRef target;
};

static void ferry_weak_token_provider_iface_init (FerryTokenProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FerryWeakTokenProvider, ferry_weak_token_provider, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (FERRY_TYPE_TOKEN_PROVIDER,
                                                      ferry_weak_token_provider_iface_init))

static void
target_get_token_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *token;

  token = ferry_token_provider_get_token_finish (FERRY_TOKEN_PROVIDER (object), result, &error);
  if (token == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, token, g_free);
}

static void
ferry_weak_token_provider_get_token_async (FerryTokenProvider  *provider,
                                           gboolean             force_refresh,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  FerryWeakTokenProvider *self = FERRY_WEAK_TOKEN_PROVIDER (provider);
  g_autoptr(FerryTokenProvider) target = ferry_weak_token_provider_dup_target (self);
  g_autoptr(GTask) task = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ferry_weak_token_provider_get_token_async);

  if (target == NULL)
    {
      g_task_return_new_error (task, FERRY_API_ERROR, FERRY_API_ERROR_UNAUTHORIZED,
                               "%s", _("This account has been signed out. Sign in again to continue."));
      return;
    }

  ferry_token_provider_get_token_async (target, force_refresh, cancellable,
                                        target_get_token_cb, g_steal_pointer (&task));
}

static char *
ferry_weak_token_provider_get_token_finish (FerryTokenProvider  *provider,
                                            GAsyncResult        *result,
                                            GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ferry_weak_token_provider_get_token_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
ferry_weak_token_provider_iface_init (FerryTokenProviderInterface *iface)
{
  iface->get_token_async = ferry_weak_token_provider_get_token_async;
  iface->get_token_finish = ferry_weak_token_provider_get_token_finish;
}

static void
ferry_weak_token_provider_finalize (GObject *object)
{
  FerryWeakTokenProvider *self = (FerryWeakTokenProvider *)object;

  g_weak_ref_clear (&self->target);

  G_OBJECT_CLASS (ferry_weak_token_provider_parent_class)->finalize (object);
}

static void
ferry_weak_token_provider_class_init (FerryWeakTokenProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ferry_weak_token_provider_finalize;
}

static void
ferry_weak_token_provider_init (FerryWeakTokenProvider *self)
{
  g_weak_ref_init (&self->target, NULL);
}

FerryTokenProvider *
ferry_weak_token_provider_new (FerryTokenProvider *target)
{
  FerryWeakTokenProvider *self;

  g_return_val_if_fail (FERRY_IS_TOKEN_PROVIDER (target), NULL);

  self = g_object_new (FERRY_TYPE_WEAK_TOKEN_PROVIDER, NULL);
  g_weak_ref_set (&self->target, target);

  return FERRY_TOKEN_PROVIDER (self);
}

FerryTokenProvider *
ferry_weak_token_provider_dup_target (FerryWeakTokenProvider *self)
{
  g_return_val_if_fail (FERRY_IS_WEAK_TOKEN_PROVIDER (self), NULL);

  return g_weak_ref_get (&self->target);
}
