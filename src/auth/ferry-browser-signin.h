/* ferry-browser-signin.h: signing in to Infisical with the web browser.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Infisical CLI protocol (infisical-signin.md §2–§4, §8): Ferry listens on
 * 127.0.0.1:P and opens <site>/login?callback_port=P. After the person signs in and picks
 * an organization, the web app POSTs {"JTWToken", "email", …} as JSON to
 * http://127.0.0.1:P/. The loopback server answers the CORS preflight for the site's
 * origin only, accepts the POST only from that origin with Content-Type
 * application/json, and hands the token to FerrySession, which validates the claims,
 * confirms it with checkAuth, stores it in the keyring and adds the account. A token that
 * fails any check is refused and the flow keeps waiting ("request-rejected").
 *
 * Paste fallback: when the browser cannot reach the loopback port it shows the same
 * payload as a base64 "browser token"; ferry_browser_signin_sign_in_with_pasted_token_async
 * takes that text through the same checks.
 */

#pragma once

#include "ferry-account-store.h"
#include "ferry-session.h"
#include "ferry-token-store.h"
#include "ferry-uri-opener.h"

G_BEGIN_DECLS

#define FERRY_TYPE_BROWSER_SIGNIN (ferry_browser_signin_get_type ())

G_DECLARE_FINAL_TYPE (FerryBrowserSignin, ferry_browser_signin, FERRY, BROWSER_SIGNIN, GObject)

/* @site_url: as people type it (normalised here). */
FerryBrowserSignin *ferry_browser_signin_new            (FerryAccountStore   *accounts,
                                                         FerryTokenStore     *token_store,
                                                         const char          *site_url);
/* Seconds to wait for the browser (default 10 minutes). */
void                ferry_browser_signin_set_timeout    (FerryBrowserSignin  *self,
                                                         guint                seconds);
/* "<site>/login?callback_port=P" once run_async has started listening, else NULL: for a
 * "Copy Link" button when the browser did not open. Property "login-uri". */
const char         *ferry_browser_signin_get_login_uri  (FerryBrowserSignin  *self);
/* The loopback port while waiting, else 0. */
guint               ferry_browser_signin_get_port       (FerryBrowserSignin  *self);

/* Listens, opens the sign-in page with @opener and waits for the token. Signal
 * "request-rejected" (const char *reason, translated) tells about each refused answer
 * while it keeps waiting. Fails with the opener's error, FERRY_LOOPBACK_ERROR_TIMED_OUT,
 * FERRY_API_ERROR_INVALID_INPUT (bad server URL) or G_IO_ERROR_CANCELLED. Call once. */
void                ferry_browser_signin_run_async      (FerryBrowserSignin  *self,
                                                         FerryUriOpener      *opener,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
FerrySession       *ferry_browser_signin_run_finish     (FerryBrowserSignin  *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);

/* Paste fallback, step 1: drops whitespace from @text (also line breaks of a wrapped
 * copy), base64-decodes it and reads the JSON payload.
 * Returns the JWT (ferry_jwt_is_well_formed) and (nullable) email, or FALSE with
 * FERRY_AUTH_ERROR_INVALID_TOKEN; members of another type than string count as missing. */
gboolean            ferry_browser_token_parse           (const char          *text,
                                                         char               **jwt,
                                                         char               **email,
                                                         GError             **error);
/* Paste fallback: parses @text and signs in with it through FerrySession (claims,
 * checkAuth, keyring, account). */
void                ferry_browser_signin_sign_in_with_pasted_token_async  (FerryAccountStore   *accounts,
                                                                           FerryTokenStore     *token_store,
                                                                           const char          *site_url,
                                                                           const char          *text,
                                                                           GCancellable        *cancellable,
                                                                           GAsyncReadyCallback  callback,
                                                                           gpointer             user_data);
FerrySession       *ferry_browser_signin_sign_in_with_pasted_token_finish (GAsyncResult        *result,
                                                                           GError             **error);

G_END_DECLS
