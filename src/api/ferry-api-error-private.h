/* ferry-api-error-private.h: FERRY_API_ERROR helpers for src/api itself.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Errors sit below the models and the client: both include this header, and it includes
 * nothing of theirs.
 */

#pragma once

#include "ferry-api-error.h"

G_BEGIN_DECLS

/* A FERRY_API_ERROR_INVALID_RESPONSE error with @detail (printf format). */
GError    *ferry_api_error_new_invalid_response (const char *detail_format,
                                                 ...) G_GNUC_PRINTF (1, 2);

/* Prepends "@prefix: " to the detail of a FERRY_API_ERROR (where an item of a list was). */
void       ferry_api_error_prefix_detail        (GError     *error,
                                                 const char *prefix);

G_END_DECLS
