/* test-api-error.c: mapping Infisical error answers, the extended error data, and
 * server URL normalisation.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ferry-api-client.h"
#include "ferry-test-utils.h"

static GError *
error_from (guint       status,
            const char *retry_after,
            const char *body)
{
  return ferry_api_error_new_from_http (status, retry_after, body, body ? strlen (body) : 0);
}

static void
test_validation_issues (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "error-422.json", NULL);
  g_autofree char *body = NULL;
  g_autofree char *details = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) copy = NULL;
  gsize len;
  GPtrArray *fields;
  const FerryFieldError *fe;

  g_assert_true (g_file_get_contents (path, &body, &len, NULL));
  error = ferry_api_error_new_from_http (422, NULL, body, len);

  g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_VALIDATION);
  g_assert_cmpuint (ferry_api_error_get_http_status (error), ==, 422);
  g_assert_cmpstr (ferry_api_error_get_request_id (error), ==, "req-AbCdEfGhIjKlMn");

  fields = ferry_api_error_get_field_errors (error);
  g_assert_cmpuint (fields->len, ==, 3);
  fe = g_ptr_array_index (fields, 0);
  g_assert_cmpstr (fe->path, ==, "syncOptions.keySchema");
  g_assert_cmpstr (fe->message, ==, "Key schema must include exactly one {{secretKey}} placeholder.");
  fe = g_ptr_array_index (fields, 2);
  g_assert_cmpstr (fe->path, ==, "credentials.0.clientId");

  g_assert_cmpstr (ferry_api_error_get_field_message (error, "name"), ==,
                   "String must contain at most 32 character(s)");
  g_assert_cmpstr (ferry_api_error_get_field_message (error, "syncOptions"), ==,
                   "Key schema must include exactly one {{secretKey}} placeholder.");
  g_assert_null (ferry_api_error_get_field_message (error, "sync"));       /* not a path prefix */
  g_assert_null (ferry_api_error_get_field_message (error, "description"));

  /* Detail: one issue per line. */
  g_assert_cmpstr (ferry_api_error_get_detail (error), ==,
                   "syncOptions.keySchema: Key schema must include exactly one {{secretKey}} placeholder.\n"
                   "name: String must contain at most 32 character(s)\n"
                   "credentials.0.clientId: Invalid uuid");

  /* The extended data survives g_error_copy (GTask does copies). */
  copy = g_error_copy (error);
  g_assert_cmpuint (ferry_api_error_get_field_errors (copy)->len, ==, 3);
  g_assert_cmpstr (ferry_api_error_get_request_id (copy), ==, "req-AbCdEfGhIjKlMn");

  details = ferry_api_error_format_details (error);
  g_assert_nonnull (strstr (details, error->message));
  g_assert_nonnull (strstr (details, "422"));
  g_assert_nonnull (strstr (details, "req-AbCdEfGhIjKlMn"));
  g_assert_nonnull (strstr (details, "credentials.0.clientId: Invalid uuid"));
}

static void
test_status_mapping (void)
{
  struct {
    guint status;
    const char *body;
    FerryApiErrorCode code;
    const char *detail;
  } cases[] = {
    { 401, "{\"reqId\":\"req-1\",\"statusCode\":401,\"message\":\"Token missing\",\"error\":\"UnauthorizedError\"}",
      FERRY_API_ERROR_UNAUTHORIZED, "Token missing" },
    { 403, "{\"reqId\":\"req-2\",\"statusCode\":403,\"message\":\"Your token has expired. Please re-authenticate.\",\"error\":\"TokenError\"}",
      FERRY_API_ERROR_TOKEN_EXPIRED, "Your token has expired. Please re-authenticate." },
    { 403, "{\"reqId\":\"req-3\",\"statusCode\":403,\"message\":\"You are not allowed to read on SecretSyncs\",\"error\":\"PermissionDenied\",\"details\":[]}",
      FERRY_API_ERROR_FORBIDDEN, "You are not allowed to read on SecretSyncs" },
    { 404, "{\"reqId\":\"req-4\",\"statusCode\":404,\"message\":\"Could not find Azure DevOps Sync with ID \\\"x\\\"\",\"error\":\"NotFound\"}",
      FERRY_API_ERROR_NOT_FOUND, "Could not find Azure DevOps Sync with ID \"x\"" },
    { 400, "{\"reqId\":\"req-5\",\"statusCode\":400,\"message\":\"A Secret Sync with the name \\\"a\\\" already exists for the project with ID \\\"p\\\"\",\"error\":\"BadRequest\"}",
      FERRY_API_ERROR_BAD_REQUEST, "A Secret Sync with the name \"a\" already exists for the project with ID \"p\"" },
    { 400, "{\"reqId\":\"req-6\",\"statusCode\":400,\"message\":\"A job for this sync is already in progress. Please try again shortly.\",\"error\":\"BadRequest\"}",
      FERRY_API_ERROR_CONFLICT, "A job for this sync is already in progress. Please try again shortly." },
    { 400, "{\"reqId\":\"req-8\",\"statusCode\":400,\"message\":\"Cannot delete App Connection with existing connections. Remove all existing connections and try again.\",\"error\":\"BadRequest\"}",
      FERRY_API_ERROR_IN_USE, "Cannot delete App Connection with existing connections. Remove all existing connections and try again." },
    { 500, "{\"reqId\":\"req-7\",\"statusCode\":500,\"message\":\"Something went wrong\",\"error\":\"InternalServerError\"}",
      FERRY_API_ERROR_SERVER, "Something went wrong" },
    { 502, "<html><body>Bad gateway</body></html>", FERRY_API_ERROR_SERVER, NULL },
    { 504, NULL, FERRY_API_ERROR_SERVER, NULL },
    { 422, "{\"statusCode\":422,\"message\":\"plain string\",\"error\":\"ValidationFailure\"}",
      FERRY_API_ERROR_VALIDATION, "plain string" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = error_from (cases[i].status, NULL, cases[i].body);

      g_assert_error (error, FERRY_API_ERROR, (gint) cases[i].code);
      g_assert_cmpuint (ferry_api_error_get_http_status (error), ==, cases[i].status);
      g_assert_cmpstr (ferry_api_error_get_detail (error), ==, cases[i].detail);
      g_assert_cmpuint (ferry_api_error_get_field_errors (error)->len, ==, 0);
      g_assert_cmpuint (strlen (error->message), >, 20);
    }

  {
    g_autoptr(GError) expired = error_from (403, NULL, "{\"error\":\"TokenError\",\"message\":\"x\"}");

    g_assert_cmpstr (expired->message, ==, "Your session has expired. Sign in again to continue.");
  }
}

static void
test_rate_limit (void)
{
  g_autoptr(GError) header = NULL;
  g_autoptr(GError) message = NULL;
  g_autoptr(GError) both = NULL;
  g_autoptr(GError) none = NULL;
  g_autoptr(GError) date = NULL;
  g_autoptr(GDateTime) later = NULL;
  g_autofree char *http_date = NULL;

  header = error_from (429, "7", NULL);
  g_assert_error (header, FERRY_API_ERROR, FERRY_API_ERROR_RATE_LIMITED);
  g_assert_cmpuint (ferry_api_error_get_retry_after (header), ==, 7);
  g_assert_nonnull (strstr (header->message, "7"));

  message = error_from (429, NULL, "{\"statusCode\":429,\"message\":\"Rate limit exceeded. Please try again in 42 seconds\",\"error\":\"RateLimitExceeded\"}");
  g_assert_cmpuint (ferry_api_error_get_retry_after (message), ==, 42);

  /* The header wins over the text. */
  both = error_from (429, "3", "{\"message\":\"Rate limit exceeded. Please try again in 42 seconds\"}");
  g_assert_cmpuint (ferry_api_error_get_retry_after (both), ==, 3);

  none = error_from (429, "soon", "not json");
  g_assert_error (none, FERRY_API_ERROR, FERRY_API_ERROR_RATE_LIMITED);
  g_assert_cmpuint (ferry_api_error_get_retry_after (none), ==, 0);

  {
    static const char *days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
    static const char *months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

    /* Built by hand: %a/%b would follow the test's locale. */
    later = g_date_time_add_seconds (now, 120);
    http_date = g_strdup_printf ("%s, %02d %s %d %02d:%02d:%02d GMT",
                                 days[g_date_time_get_day_of_week (later) - 1],
                                 g_date_time_get_day_of_month (later),
                                 months[g_date_time_get_month (later) - 1],
                                 g_date_time_get_year (later),
                                 g_date_time_get_hour (later),
                                 g_date_time_get_minute (later),
                                 g_date_time_get_second (later));
  }
  date = error_from (429, http_date, NULL);
  g_assert_cmpuint (ferry_api_error_get_retry_after (date), >=, 110);
  g_assert_cmpuint (ferry_api_error_get_retry_after (date), <=, 125);

  ferry_api_error_set_retry_after (none, 9);
  g_assert_cmpuint (ferry_api_error_get_retry_after (none), ==, 9);
}

static void
test_detail_formatting (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) other = NULL;
  g_autofree char *details = NULL;
  g_autofree char *plain = NULL;

  error = ferry_api_error_new (FERRY_API_ERROR_SERVER, "Sentence for people.", 503, "Upstream down", "req-XyZ");
  g_assert_cmpstr (error->message, ==, "Sentence for people.");
  g_assert_cmpstr (ferry_api_error_get_detail (error), ==, "Upstream down");
  ferry_api_error_add_field_error (error, "name", "Too long");
  details = ferry_api_error_format_details (error);
  g_assert_true (g_str_has_prefix (details, "Sentence for people.\n"));
  g_assert_nonnull (strstr (details, "503"));
  g_assert_nonnull (strstr (details, "req-XyZ"));
  g_assert_nonnull (strstr (details, "Upstream down"));
  g_assert_nonnull (strstr (details, "name: Too long"));

  /* Empty server strings are "nothing more to say". */
  g_clear_error (&error);
  error = ferry_api_error_new (FERRY_API_ERROR_NETWORK, "No network.", 0, "", "");
  g_assert_null (ferry_api_error_get_detail (error));
  g_assert_null (ferry_api_error_get_request_id (error));
  g_assert_nonnull (ferry_api_error_get_field_errors (error));

  /* Errors of other domains have no extended data. */
  other = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Operation was cancelled");
  g_assert_null (ferry_api_error_get_detail (other));
  g_assert_cmpuint (ferry_api_error_get_http_status (other), ==, 0);
  g_assert_null (ferry_api_error_get_field_message (other, "name"));
  plain = ferry_api_error_format_details (other);
  g_assert_cmpstr (plain, ==, "Operation was cancelled");
}

/* ---- URLs ---- */

static void
test_normalize_site_url (void)
{
  struct { const char *input; const char *expected; } ok[] = {
    { "https://app.infisical.com", "https://app.infisical.com" },
    { "https://app.infisical.com/", "https://app.infisical.com" },
    { "https://app.infisical.com/api", "https://app.infisical.com" },
    { "https://app.infisical.com/api/", "https://app.infisical.com" },
    { "https://app.infisical.com/api/v1", "https://app.infisical.com" },
    { "  https://EU.Infisical.com//  ", "https://eu.infisical.com" },
    { "app.infisical.com", "https://app.infisical.com" },
    { "HTTPS://vault.example.org:8443/infisical/api", "https://vault.example.org:8443/infisical" },
    { "https://vault.example.org:443/", "https://vault.example.org" },
    { "http://localhost:8080", "http://localhost:8080" },
    { "http://127.0.0.1:39811/api", "http://127.0.0.1:39811" },
    { "http://127.5.6.7", "http://127.5.6.7" },
    { "http://[::1]:8080/", "http://[::1]:8080" },
    { "https://vault.example.org/apiary", "https://vault.example.org/apiary" },
  };
  const char *bad[] = {
    "",
    "   ",
    "http://vault.example.org",
    "http://10.0.0.5:8080",
    "http://[::2]/",
    "ftp://vault.example.org",
    "https://",
    "https://user:pw@vault.example.org",
    "https://exa mple.org",
  };

  for (guint i = 0; i < G_N_ELEMENTS (ok); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *url = ferry_api_normalize_site_url (ok[i].input, &error);

      if (error != NULL)
        g_error ("“%s”: %s", ok[i].input, error->message);
      g_assert_cmpstr (url, ==, ok[i].expected);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *url = ferry_api_normalize_site_url (bad[i], &error);

      if (url != NULL)
        g_error ("“%s” was accepted as %s", bad[i], url);
      g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_INVALID_INPUT);
    }

  /* The presets are already normal. */
  {
    g_autofree char *us = ferry_api_normalize_site_url (FERRY_CLOUD_US_URL, NULL);
    g_autofree char *eu = ferry_api_normalize_site_url (FERRY_CLOUD_EU_URL, NULL);

    g_assert_cmpstr (us, ==, FERRY_CLOUD_US_URL);
    g_assert_cmpstr (eu, ==, FERRY_CLOUD_EU_URL);
  }
}

static void
test_site_origin (void)
{
  g_autofree char *a = ferry_api_site_origin ("https://vault.example.org:8443/infisical");
  g_autofree char *b = ferry_api_site_origin ("https://app.infisical.com");
  g_autofree char *c = ferry_api_site_origin ("http://[::1]:8080");

  g_assert_cmpstr (a, ==, "https://vault.example.org:8443");
  g_assert_cmpstr (b, ==, "https://app.infisical.com");
  g_assert_cmpstr (c, ==, "http://[::1]:8080");
}

/* json-glib 1.6 reads an octal escape ("\270") as a raw byte: a string of the error
 * body need not be UTF-8. What reaches the message and detail (labels, pages) is. */
static void
test_not_utf8 (void)
{
  static const char body[] = "{\"message\":\"Failed to get access token: \\270\\360\",\"reqId\":\"req-\\377\","
                             "\"error\":\"Bad\\270\",\"statusCode\":400}";
  static const char issues[] = "{\"message\":[{\"path\":[\"name\\270\"],\"message\":\"bad \\360\"},"
                               "{\"path\":[\"name\"],\"message\":\"too long\"}],\"statusCode\":422}";
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) validation = NULL;
  const char *detail;

  error = ferry_api_error_new_from_http (400, NULL, body, strlen (body));
  detail = ferry_api_error_get_detail (error);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_true (detail == NULL || g_utf8_validate (detail, -1, NULL));
  g_assert_null (ferry_api_error_get_request_id (error));

  validation = ferry_api_error_new_from_http (422, NULL, issues, strlen (issues));
  detail = ferry_api_error_get_detail (validation);
  g_assert_nonnull (detail);
  g_assert_true (g_utf8_validate (detail, -1, NULL));
  g_assert_nonnull (strstr (detail, "too long"));
}

int
main (int   argc,
      char *argv[])
{
  ferry_test_init (&argc, &argv);

  g_test_add_func ("/api-error/validation-issues", test_validation_issues);
  g_test_add_func ("/api-error/status-mapping", test_status_mapping);
  g_test_add_func ("/api-error/rate-limit", test_rate_limit);
  g_test_add_func ("/api-error/detail-formatting", test_detail_formatting);
  g_test_add_func ("/api-error/not-utf8", test_not_utf8);
  g_test_add_func ("/site-url/normalize", test_normalize_site_url);
  g_test_add_func ("/site-url/origin", test_site_origin);

  return g_test_run ();
}
