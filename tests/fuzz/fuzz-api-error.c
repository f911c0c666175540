/* fuzz-api-error.c: the error answers of the Infisical API (ferry_api_error_new_from_http).
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Byte 0 picks the HTTP status (400–599), byte 1 a Retry-After header (none, seconds,
 * a date, garbage); the rest is the body, JSON or not.
 */

#include "config.h"

#include "fuzz-common.h"
#include "ferry-api-error.h"
#include "ferry-oauth-flow.h"

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
  static const char *retry_after[] = { NULL, "120", "Wed, 21 Oct 2015 07:28:00 GMT", "-1", "99999999999999999999", "" };
  g_autoptr(GError) error = NULL;
  guint status;
  const char *detail;

  if (size < 2)
    return 0;

  status = 400 + data[0] % 200;
  error = ferry_api_error_new_from_http (status, retry_after[data[1] % G_N_ELEMENTS (retry_after)],
                                         (const char *) data + 2, size - 2);
  if (error == NULL)
    abort ();

  detail = ferry_api_error_get_detail (error);
  if (detail != NULL && !g_utf8_validate (detail, -1, NULL))
    abort ();
  if (!g_utf8_validate (error->message, -1, NULL))
    abort ();
  (void) ferry_api_error_get_http_status (error);
  (void) ferry_api_error_get_request_id (error);
  (void) ferry_api_error_get_retry_after (error);
  (void) ferry_oauth_is_redirect_mismatch (detail);

  return 0;
}
