/* ferry-token-store.h: tokens and secrets in the keyring (libsecret), async only.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One schema, "io.github.ferryapp.Ferry.Token", attributes site + account + kind
 * (attributes are not encrypted: they hold no secret). The secret is a small JSON object.
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  FERRY_TOKEN_KIND_USER_JWT,          /* {"token": "<jwt>"} */
  FERRY_TOKEN_KIND_CLIENT_SECRET,     /* {"clientSecret": "…"} */
  FERRY_TOKEN_KIND_ACCESS_TOKEN,      /* {"accessToken", "expiresIn", "maxTtl", "obtainedAt", "createdAt"}:
                                       * lifetimes in seconds, times in g_get_real_time () µs;
                                       * createdAt is the login (max TTL counts from it) */
} FerryTokenKind;

/* The "kind" attribute: "user-jwt", "client-secret", "access-token". */
const char      *ferry_token_kind_to_string       (FerryTokenKind       kind);

#define FERRY_TYPE_TOKEN_STORE (ferry_token_store_get_type ())

G_DECLARE_FINAL_TYPE (FerryTokenStore, ferry_token_store, FERRY, TOKEN_STORE, GObject)

FerryTokenStore *ferry_token_store_new            (void);

/* @secret is the item's JSON text for @kind (above); it replaces an item with the same
 * site, account and kind. Failures are FERRY_AUTH_ERROR_KEYRING (cancellation stays
 * G_IO_ERROR_CANCELLED). */

void             ferry_token_store_store_async    (FerryTokenStore     *self,
                                                   const char          *site_url,
                                                   const char          *account_id,
                                                   FerryTokenKind       kind,
                                                   const char          *secret,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean         ferry_token_store_store_finish   (FerryTokenStore     *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);
/* Returns the secret (free with g_free), or NULL without error when there is none. */
void             ferry_token_store_lookup_async   (FerryTokenStore     *self,
                                                   const char          *site_url,
                                                   const char          *account_id,
                                                   FerryTokenKind       kind,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
char            *ferry_token_store_lookup_finish  (FerryTokenStore     *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);
/* Deletes every item of the account (all kinds). */
void             ferry_token_store_clear_async    (FerryTokenStore     *self,
                                                   const char          *site_url,
                                                   const char          *account_id,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean         ferry_token_store_clear_finish   (FerryTokenStore     *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

G_END_DECLS
