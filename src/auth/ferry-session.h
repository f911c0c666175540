/* ferry-session.h: a signed-in account: its FerryApiClient and its token lifecycle.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Implements FerryTokenProvider for its client. Machine identity: log in, renew at ~80 %
 * of expiresIn, log in again with the stored client secret when renewal is refused or
 * max TTL is near; concurrent requests share one in-flight renewal. User JWT: read exp,
 * treat it as expired 30 s early, and switch "state" to FERRY_SESSION_STATE_EXPIRED
 * (no refresh exists: the UI shows "Sign In Again").
 */

#pragma once

#include "ferry-account.h"
#include "ferry-account-store.h"
#include "ferry-api-client.h"
#include "ferry-token-store.h"

G_BEGIN_DECLS

typedef enum
{
  FERRY_SESSION_STATE_ACTIVE,
  FERRY_SESSION_STATE_EXPIRED,     /* sign in again */
  FERRY_SESSION_STATE_SIGNED_OUT,
} FerrySessionState;

#define FERRY_TYPE_SESSION_STATE (ferry_session_state_get_type ())
GType ferry_session_state_get_type (void);

#define FERRY_TYPE_SESSION (ferry_session_get_type ())

G_DECLARE_FINAL_TYPE (FerrySession, ferry_session, FERRY, SESSION, GObject)

/* Machine identity sign-in: normalises @site_url, logs in, stores the client secret and
 * the access token in @token_store, adds the account to @accounts (organization id from
 * the token's claims, else from the projects it can see; best effort, the name stays
 * empty). Bad credentials leave no account and no keyring item behind. */
void               ferry_session_sign_in_machine_identity_async  (FerryAccountStore *accounts,
                                                                  FerryTokenStore   *token_store,
                                                                  const char        *site_url,
                                                                  const char        *client_id,
                                                                  const char        *client_secret,
                                                                  GCancellable      *cancellable,
                                                                  GAsyncReadyCallback callback,
                                                                  gpointer           user_data);
FerrySession      *ferry_session_sign_in_machine_identity_finish (GAsyncResult      *result,
                                                                  GError           **error);

/* User sign-in with a JWT from the browser flow or the paste fallback: validates the
 * claims (authTokenType accessToken, organizationId, future exp), confirms it with
 * checkAuth, refuses it (FERRY_API_ERROR_FORBIDDEN) unless its organization is one of the
 * user's (GET /api/v1/organization), stores it, adds or updates the account with the
 * email and organization name the server gives (GET /api/v1/user). @email, what was
 * posted with the token, is not trusted and not used (may be NULL). */
void               ferry_session_sign_in_with_jwt_async  (FerryAccountStore  *accounts,
                                                          FerryTokenStore    *token_store,
                                                          const char         *site_url,
                                                          const char         *jwt,
                                                          const char         *email,
                                                          GCancellable       *cancellable,
                                                          GAsyncReadyCallback callback,
                                                          gpointer            user_data);
FerrySession      *ferry_session_sign_in_with_jwt_finish (GAsyncResult       *result,
                                                          GError            **error);

/* Restores a stored account from the keyring. A user JWT past its exp gives a session in
 * state EXPIRED (not an error), so the UI can keep the account and offer Sign In Again. */
void               ferry_session_restore_async           (FerryAccountStore  *accounts,
                                                          FerryTokenStore    *token_store,
                                                          FerryAccount       *account,
                                                          GCancellable       *cancellable,
                                                          GAsyncReadyCallback callback,
                                                          gpointer            user_data);
FerrySession      *ferry_session_restore_finish          (GAsyncResult       *result,
                                                          GError            **error);

/* Revokes a machine identity's token (best effort), deletes every keyring item of the
 * account and removes it from the account store. */
void               ferry_session_sign_out_async          (FerrySession       *self,
                                                          GCancellable       *cancellable,
                                                          GAsyncReadyCallback callback,
                                                          gpointer            user_data);
gboolean           ferry_session_sign_out_finish         (FerrySession       *self,
                                                          GAsyncResult       *result,
                                                          GError            **error);

FerryAccount      *ferry_session_get_account             (FerrySession       *self);
FerryApiClient    *ferry_session_get_client              (FerrySession       *self);
FerrySessionState  ferry_session_get_state               (FerrySession       *self);
/* The server refused this session's token although a refresh was tried: switches an active
 * session to EXPIRED (people have to sign in again). No-op when signed out or expired. */
void               ferry_session_expire                  (FerrySession       *self);

G_END_DECLS
