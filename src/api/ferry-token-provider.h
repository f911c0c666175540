/* ferry-token-provider.h: where FerryApiClient gets its bearer token.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * FerrySession (src/auth) implements this with its token lifecycle (src/auth/ferry-session.c):
 * renewal at ~80 % of expiresIn, re-login with the stored client secret, one shared
 * in-flight renewal for concurrent requests. On FERRY_API_ERROR_TOKEN_EXPIRED or
 * _UNAUTHORIZED from the server, the client asks once more with @force_refresh TRUE and
 * retries the request once; a provider that cannot refresh (a user JWT) fails that call
 * with FERRY_API_ERROR_TOKEN_EXPIRED ("sign in again").
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define FERRY_TYPE_TOKEN_PROVIDER (ferry_token_provider_get_type ())

G_DECLARE_INTERFACE (FerryTokenProvider, ferry_token_provider, FERRY, TOKEN_PROVIDER, GObject)

struct _FerryTokenProviderInterface
{
  GTypeInterface parent_iface;

  void   (*get_token_async)  (FerryTokenProvider  *self,
                              gboolean             force_refresh,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data);
  char * (*get_token_finish) (FerryTokenProvider  *self,
                              GAsyncResult        *result,
                              GError             **error);
};

void  ferry_token_provider_get_token_async  (FerryTokenProvider  *self,
                                             gboolean             force_refresh,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
/* Returns the bearer token (never logged; free with g_free after use). */
char *ferry_token_provider_get_token_finish (FerryTokenProvider  *self,
                                             GAsyncResult        *result,
                                             GError             **error);

/* A provider that always hands out one fixed token (tests, the browser sign-in's
 * checkAuth). force_refresh fails with FERRY_API_ERROR_TOKEN_EXPIRED. */
#define FERRY_TYPE_STATIC_TOKEN_PROVIDER (ferry_static_token_provider_get_type ())
G_DECLARE_FINAL_TYPE (FerryStaticTokenProvider, ferry_static_token_provider, FERRY, STATIC_TOKEN_PROVIDER, GObject)
FerryTokenProvider *ferry_static_token_provider_new (const char *token);

G_END_DECLS
