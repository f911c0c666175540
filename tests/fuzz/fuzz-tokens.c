/* fuzz-tokens.c: the JWT checks and the pasted browser token.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is tried as a JWT (well-formedness, claims, the sign-in checks) and as the
 * base64 text a person pastes. Whatever is accepted must be a well-formed JWT: nothing
 * else may reach an Authorization header.
 */

#include "config.h"

#include "fuzz-common.h"
#include "ferry-browser-signin.h"
#include "ferry-jwt.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_common_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = fuzz_strndup (data, size);
  g_autoptr(JsonObject) claims = NULL;
  g_autoptr(JsonObject) user = NULL;
  g_autofree char *jwt = NULL;
  g_autofree char *email = NULL;
  gboolean well_formed = ferry_jwt_is_well_formed (text);

  claims = ferry_jwt_decode_claims (text, NULL);
  if (claims != NULL)
    {
      if (!well_formed)
        abort ();
      (void) ferry_jwt_get_expiry (claims);
      (void) ferry_jwt_get_string (claims, "organizationId");
      (void) ferry_jwt_get_string (claims, "authTokenType");
    }
  user = ferry_jwt_check_user_token (text, 1800000000, NULL);
  if (user != NULL && !well_formed)
    abort ();

  if (ferry_browser_token_parse (text, &jwt, &email, NULL))
    {
      if (!ferry_jwt_is_well_formed (jwt))
        abort ();
      if (email != NULL && !g_utf8_validate (email, -1, NULL))
        abort ();
    }

  return 0;
}
