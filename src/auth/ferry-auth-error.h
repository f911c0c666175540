/* ferry-auth-error.h: the FERRY_AUTH_ERROR domain.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Failures that src/auth itself finds, as opposed to what the server answers (those stay
 * FERRY_API_ERROR, cancellation stays G_IO_ERROR_CANCELLED): a pasted browser token that
 * is not one, the OAuth flows that connect Azure DevOps (FerryOAuthFlow and its hand-off,
 * FerryHandoffFlow), and the keyring (FerryTokenStore). error->message is a translated
 * sentence for people that says what to do next; the detail carries what Microsoft, the
 * server or the Secret Service said, for a "Details" expander. Neither ever contains a
 * code, token or secret.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define FERRY_AUTH_ERROR (ferry_auth_error_quark ())

typedef enum
{
  /* Browser sign-in */
  FERRY_AUTH_ERROR_INVALID_TOKEN,         /* the pasted text is not a browser token */
  /* OAuth for Azure DevOps connections */
  FERRY_AUTH_ERROR_NOT_CONFIGURED,        /* the server has no oauthClientId */
  FERRY_AUTH_ERROR_ACCESS_DENIED,         /* the person declined (error=access_denied) */
  FERRY_AUTH_ERROR_AUTHORIZATION_FAILED,  /* any other RFC 6749 error of the callback */
  FERRY_AUTH_ERROR_REDIRECT_REJECTED,     /* the server cannot redeem desktop redirects: now hand-off */
  FERRY_AUTH_ERROR_TIMED_OUT,             /* hand-off: nothing appeared in time */
  FERRY_AUTH_ERROR_CODE_REJECTED,         /* Microsoft refused the code (replayed, expired…): try again */
  /* Keyring */
  FERRY_AUTH_ERROR_KEYRING,               /* the keyring (Secret Service) refused or is unavailable */
} FerryAuthErrorCode;

GQuark      ferry_auth_error_quark      (void);

/* Builds an error with a translated @message and, when not NULL or empty, the @detail. */
GError     *ferry_auth_error_new        (FerryAuthErrorCode  code,
                                         const char         *message,
                                         const char         *detail);
/* What Microsoft, the server or the keyring said ("access_denied: AADSTS65004: …",
 * "Failed to get access token: …", libsecret's message); NULL when there is nothing more
 * or @error is of another domain. */
const char *ferry_auth_error_get_detail (const GError       *error);

G_END_DECLS
