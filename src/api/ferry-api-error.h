/* ferry-api-error.h: the FERRY_API_ERROR domain.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every failure of FerryApiClient is a GError in this domain (cancellation stays
 * G_IO_ERROR_CANCELLED). error->message is a translated sentence for people that says
 * what to do next. The extended error data (G_DEFINE_EXTENDED_ERROR) carries what the
 * server said, for a "Details" expander and for attaching messages to form fields.
 * None of it ever contains a token, secret, PAT or OAuth code.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define FERRY_API_ERROR (ferry_api_error_quark ())

typedef enum
{
  FERRY_API_ERROR_NETWORK,          /* could not reach the server, connection reset, body cut off */
  FERRY_API_ERROR_TIMEOUT,          /* the request timed out */
  FERRY_API_ERROR_TLS,              /* certificate problem; never ignored */
  FERRY_API_ERROR_UNAUTHORIZED,     /* 401: missing/revoked token, bad client credentials */
  FERRY_API_ERROR_TOKEN_EXPIRED,    /* 403 TokenError, or a JWT past its exp: sign in again */
  FERRY_API_ERROR_FORBIDDEN,        /* 403 PermissionDenied / route refuses this token kind */
  FERRY_API_ERROR_NOT_FOUND,        /* 404 */
  FERRY_API_ERROR_VALIDATION,       /* 422: see ferry_api_error_get_field_errors () */
  FERRY_API_ERROR_BAD_REQUEST,      /* 400: a business rule (duplicate name, folder missing, …) */
  FERRY_API_ERROR_CONFLICT,         /* 400 "A job for this sync is already in progress…" */
  FERRY_API_ERROR_RATE_LIMITED,     /* 429: see ferry_api_error_get_retry_after () */
  FERRY_API_ERROR_SERVER,           /* 5xx */
  FERRY_API_ERROR_INVALID_RESPONSE, /* not JSON, wrong shape, over the size cap */
  FERRY_API_ERROR_INVALID_INPUT,    /* refused before sending: bad server URL, not https, … */
  FERRY_API_ERROR_AUDIT_LOGS_FORBIDDEN, /* 403 on the audit log: the role cannot read audit logs */
  FERRY_API_ERROR_UNSUPPORTED,      /* 404 for the route itself: this server build lacks it */
  FERRY_API_ERROR_IN_USE,           /* 400 "Cannot delete App Connection with existing connections…" */
} FerryApiErrorCode;

/* One schema issue of a 422 answer: path is the dotted zod path ("name",
 * "syncOptions.keySchema", "credentials.clientId"); message is the server's text. */
typedef struct
{
  char *path;
  char *message;
} FerryFieldError;

GQuark       ferry_api_error_quark              (void);

/* Builds an error with a translated @message and the server's side of the story. */
GError      *ferry_api_error_new                (FerryApiErrorCode  code,
                                                 const char        *message,
                                                 guint              http_status,
                                                 const char        *server_message,
                                                 const char        *request_id);

/* Maps an HTTP error answer (status ≥ 400) to an error of this domain: parses the
 * Infisical error body {reqId, statusCode, message, error} (@body may be anything,
 * even not JSON), 422 issues to field errors, 403 TokenError to TOKEN_EXPIRED, 429
 * Retry-After (@retry_after_header, may be NULL) or "try again in N seconds". */
GError      *ferry_api_error_new_from_http      (guint              http_status,
                                                 const char        *retry_after_header,
                                                 const char        *body,
                                                 gsize              body_len);

/* HTTP status of the answer, 0 when there was none. */
guint        ferry_api_error_get_http_status    (const GError      *error);
/* The server's own "message" (for 422, the issues one per line), or a technical detail
 * such as the libsoup/GIO error text. NULL when there is nothing more to say. */
const char  *ferry_api_error_get_detail         (const GError      *error);
/* The "reqId" of the error body, or NULL. */
const char  *ferry_api_error_get_request_id     (const GError      *error);
/* Seconds to wait before retrying (429 Retry-After or "try again in N seconds"); 0 if unknown. */
guint        ferry_api_error_get_retry_after    (const GError      *error);
void         ferry_api_error_set_retry_after    (GError            *error,
                                                 guint              seconds);
/* The 422 issues, element type FerryFieldError, transfer none. Empty array, never NULL,
 * for an error of this domain. */
GPtrArray   *ferry_api_error_get_field_errors   (const GError      *error);
void         ferry_api_error_add_field_error    (GError            *error,
                                                 const char        *path,
                                                 const char        *message);
/* The message of the first field error whose path equals @path or starts with "@path.". */
const char  *ferry_api_error_get_field_message  (const GError      *error,
                                                 const char        *path);
/* "Copy details" text: status, request id, detail, field errors. */
char        *ferry_api_error_format_details     (const GError      *error);

G_END_DECLS
