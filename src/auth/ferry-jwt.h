/* ferry-jwt.h: reading the claims of an Infisical JWT (never verifying its signature).
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Infisical's CLI decodes the user JWT without verifying it and treats it as expired
 * when "exp" is missing or earlier than now + 30 s (infisical-signin.md §5). Errors are
 * FERRY_API_ERROR_INVALID_INPUT or _TOKEN_EXPIRED and never contain the token.
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Seconds before "exp" from which a user JWT counts as expired. */
#define FERRY_JWT_EXPIRY_MARGIN 30

/* Whether @jwt is three dot-separated segments of the base64url alphabet (A–Z a–z 0–9
 * - _), with a non-empty payload: nothing else may reach an Authorization header. */
gboolean    ferry_jwt_is_well_formed      (const char  *jwt);
/* The payload of @jwt (base64url JSON object), transfer full. Fails unless
 * ferry_jwt_is_well_formed (). */
JsonObject *ferry_jwt_decode_claims       (const char  *jwt,
                                           GError     **error);
/* "exp" in seconds since the epoch, 0 when missing or not a number. */
gint64      ferry_jwt_get_expiry          (JsonObject  *claims);
/* A string claim, or NULL when missing or not a string. */
const char *ferry_jwt_get_string          (JsonObject  *claims,
                                           const char  *name);
/* Whether a token with @expiry (seconds; 0 = none) is expired at @now (seconds),
 * counting FERRY_JWT_EXPIRY_MARGIN early. A missing exp counts as expired. */
gboolean    ferry_jwt_is_expired          (gint64       expiry,
                                           gint64       now);
/* The sign-in checks for a user JWT: authTokenType "accessToken", an organizationId,
 * an exp after @now + margin. Returns the claims (transfer full) or NULL with an error. */
JsonObject *ferry_jwt_check_user_token    (const char  *jwt,
                                           gint64       now,
                                           GError     **error);

G_END_DECLS
