/* test-sandbox-audit.c: GET /api/v1/organization/audit-logs, its query rules and variants.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <string.h>

#include "sandbox-test-utils.h"

#define DEMO  GINT_TO_POINTER (FERRY_SANDBOX_SEED_DEMO)
#define EMPTY GINT_TO_POINTER (FERRY_SANDBOX_SEED_EMPTY)
#define ROUTE "/api/v1/organization/audit-logs"

/* Events of @type the sandbox has stored. */
static guint
count_stored (SbFixture  *f,
              const char *type)
{
  g_autoptr(JsonNode) logs = ferry_sandbox_get_audit_logs (f->sandbox);
  JsonArray *array = json_node_get_array (logs);
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *e = json_array_get_object_element (array, i);

      if (type == NULL
          || g_strcmp0 (json_object_get_string_member (json_object_get_object_member (e, "event"), "type"), type) == 0)
        n++;
    }
  return n;
}

static JsonArray *
audit_logs (SbResponse *r)
{
  if (r->status != 200)
    g_error ("audit-logs answered %u: %s", r->status, (const char *) g_bytes_get_data (r->body, NULL));
  return sb_resp_array (r, "auditLogs");
}

static void
test_shape_and_view_event (SbFixture *f, gconstpointer data)
{
  g_autoptr(SbResponse) first = sb_request (f, "GET", ROUTE, f->token, NULL);
  g_autoptr(SbResponse) second = NULL;
  g_autoptr(SbResponse) as_user = NULL;
  g_autoptr(GDateTime) created = NULL;
  g_autoptr(GDateTime) expires = NULL;
  static const char *fields[] = { "id", "ipAddress", "userAgent", "userAgentType", "expiresAt", "createdAt",
                                  "updatedAt", "orgId", "projectId", "projectName", "event", "actor", NULL };
  JsonObject *e, *actor, *meta, *event;

  /* The empty seed has no history: the first call lists nothing, then records that it looked. */
  g_assert_cmpuint (json_array_get_length (audit_logs (first)), ==, 0);
  g_assert_cmpuint (count_stored (f, "view-audit-logs"), ==, 1);

  second = sb_request (f, "GET", ROUTE, f->token, NULL);
  g_assert_cmpuint (json_array_get_length (audit_logs (second)), ==, 1);
  e = json_array_get_object_element (audit_logs (second), 0);
  for (guint i = 0; fields[i] != NULL; i++)
    if (!json_object_has_member (e, fields[i]))
      g_error ("auditLog.%s missing", fields[i]);
  g_assert_cmpuint (json_object_get_size (e), ==, g_strv_length ((char **) fields));
  g_assert_true (g_uuid_string_is_valid (json_object_get_string_member (e, "id")));
  g_assert_cmpstr (json_object_get_string_member (e, "orgId"), ==, ferry_sandbox_get_organization_id (f->sandbox));
  g_assert_true (json_object_get_null_member (e, "projectId"));
  g_assert_true (json_object_get_null_member (e, "projectName"));
  g_assert_cmpstr (json_object_get_string_member (e, "ipAddress"), ==, "127.0.0.1");
  g_assert_cmpstr (json_object_get_string_member (e, "userAgentType"), ==, "other");
  g_assert_cmpstr (json_object_get_string_member (e, "createdAt"), ==, json_object_get_string_member (e, "updatedAt"));
  created = g_date_time_new_from_iso8601 (json_object_get_string_member (e, "createdAt"), NULL);
  expires = g_date_time_new_from_iso8601 (json_object_get_string_member (e, "expiresAt"), NULL);
  g_assert_cmpint (g_date_time_difference (expires, created) / G_TIME_SPAN_DAY, ==, 90);
  event = json_object_get_object_member (e, "event");
  g_assert_cmpstr (json_object_get_string_member (event, "type"), ==, "view-audit-logs");
  g_assert_cmpstr (json_object_get_string_member (event, "class"), ==, "management");
  g_assert_cmpuint (json_object_get_size (json_object_get_object_member (event, "metadata")), ==, 0);
  actor = json_object_get_object_member (e, "actor");
  g_assert_cmpstr (json_object_get_string_member (actor, "type"), ==, "identity");
  meta = json_object_get_object_member (actor, "metadata");
  g_assert_cmpstr (json_object_get_string_member (meta, "name"), ==, "ferry-ci");
  g_assert_true (g_uuid_string_is_valid (json_object_get_string_member (meta, "identityId")));

  /* A user's call is recorded with the user as actor. */
  as_user = sb_request (f, "GET", ROUTE "?limit=1", f->user_jwt, NULL);
  e = json_array_get_object_element (audit_logs (as_user), 0);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (e, "actor"), "type"), ==, "identity");
  g_assert_cmpuint (count_stored (f, "view-audit-logs"), ==, 3);
  {
    g_autoptr(JsonNode) stored = ferry_sandbox_get_audit_logs (f->sandbox);
    JsonObject *newest = json_array_get_object_element (json_node_get_array (stored), 0);
    JsonObject *m = json_object_get_object_member (json_object_get_object_member (newest, "actor"), "metadata");

    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (newest, "actor"), "type"), ==, "user");
    g_assert_cmpstr (json_object_get_string_member (m, "email"), ==, ferry_sandbox_get_user_email (f->sandbox));
    g_assert_cmpstr (json_object_get_string_member (m, "username"), ==, ferry_sandbox_get_user_email (f->sandbox));
    g_assert_true (g_uuid_string_is_valid (json_object_get_string_member (m, "userId")));
  }
}

static void
test_paging_and_order (SbFixture *f, gconstpointer data)
{
  g_autoptr(SbResponse) all = NULL;
  g_autoptr(SbResponse) page = NULL;
  g_autoptr(SbResponse) later = NULL;
  g_autoptr(SbResponse) zero = NULL;
  JsonArray *a, *p;

  /* Five first-page calls: five events, newest first. */
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(SbResponse) r = sb_request (f, "GET", ROUTE "?limit=1", f->token, NULL);
      g_assert_cmpuint (r->status, ==, 200);
      sb_spin_for (2);
    }
  all = sb_request (f, "GET", ROUTE "?offset=0&limit=100", f->token, NULL);
  a = audit_logs (all);
  g_assert_cmpuint (json_array_get_length (a), ==, 5);
  for (guint i = 1; i < json_array_get_length (a); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (a, i - 1), "createdAt"), >=,
                     json_object_get_string_member (json_array_get_object_element (a, i), "createdAt"));

  /* A later page records nothing and is a slice of the same order. */
  page = sb_request (f, "GET", ROUTE "?offset=2&limit=2", f->token, NULL);
  p = audit_logs (page);
  g_assert_cmpuint (json_array_get_length (p), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (p, 0), "id"), ==,
                   json_object_get_string_member (json_array_get_object_element (a, 1), "id"));
  g_assert_cmpuint (count_stored (f, "view-audit-logs"), ==, 6);
  later = sb_request (f, "GET", ROUTE "?offset=50", f->token, NULL);
  g_assert_cmpuint (json_array_get_length (audit_logs (later)), ==, 0);
  g_assert_cmpuint (count_stored (f, "view-audit-logs"), ==, 6);
  /* The default limit is 20; limit 0 is allowed and lists nothing. */
  zero = sb_request (f, "GET", ROUTE "?limit=0&offset=1", f->token, NULL);
  g_assert_cmpuint (json_array_get_length (audit_logs (zero)), ==, 0);
}

static char *
iso_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *base = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");

  return g_strdup_printf ("%s.%03dZ", base, g_date_time_get_microsecond (now) / 1000);
}

static guint
count_listed (SbFixture  *f,
              const char *token,
              const char *query)
{
  g_autoptr(SbResponse) r = NULL;

  r = sb_requestf (f, "GET", token, NULL, ROUTE "?limit=1000&%s", query);
  return json_array_get_length (audit_logs (r));
}

static const char *
actor_meta (JsonObject *e, const char *member)
{
  return json_object_get_string_member (json_object_get_object_member (json_object_get_object_member (e, "actor"), "metadata"), member);
}

static void
test_filters (SbFixture *f, gconstpointer data)
{
  const char *project = ferry_sandbox_get_project_id (f->sandbox, 0);
  g_autofree char *since = iso_now ();
  g_autofree char *q = NULL;
  g_autofree char *user_id = NULL;
  g_autofree char *identity_id = NULL;
  g_autoptr(SbResponse) unknown = NULL;

  /* The demo seed has a history; everything below counts only what this test writes. Each
   * first-page call lists, then writes one view-audit-logs event (E1, E2, …). */
  g_assert_cmpuint (count_listed (f, f->user_jwt, (q = g_strdup_printf ("projectId=%s&startDate=%s", project, since))), ==, 0); /* E1 */
  g_clear_pointer (&q, g_free);
  g_assert_cmpuint (count_listed (f, f->token, (q = g_strdup_printf ("startDate=%s", since))), ==, 1); /* E2 */
  {
    g_autoptr(SbResponse) r = sb_requestf (f, "GET", f->token, NULL, ROUTE "?startDate=%s", since); /* E3 */
    JsonArray *a = audit_logs (r);
    JsonObject *e2 = json_array_get_object_element (a, 0);
    JsonObject *e1 = json_array_get_object_element (a, 1);

    g_assert_cmpuint (json_array_get_length (a), ==, 2);
    user_id = g_strdup (actor_meta (e1, "userId"));
    identity_id = g_strdup (actor_meta (e2, "identityId"));
    g_assert_cmpstr (json_object_get_string_member (e1, "projectId"), ==, project);
    /* The route passes orgId with the event, so the queue does not look the project up. */
    g_assert_true (json_object_get_null_member (e1, "projectName"));
    g_assert_true (json_object_get_null_member (e2, "projectId"));
  }
  g_clear_pointer (&q, g_free);
  g_assert_cmpuint (count_listed (f, f->token, (q = g_strdup_printf ("startDate=%s&projectId=%s", since, project))), ==, 1); /* E4 (in project) */
  g_clear_pointer (&q, g_free);
  g_assert_cmpuint (count_listed (f, f->token, (q = g_strdup_printf ("startDate=%s&actorType=user", since))), ==, 1); /* E5 */
  g_clear_pointer (&q, g_free);
  g_assert_cmpuint (count_listed (f, f->token, (q = g_strdup_printf ("startDate=%s&actorType=identity", since))), ==, 4); /* E6 */
  g_clear_pointer (&q, g_free);
  g_assert_cmpuint (count_listed (f, f->token, (q = g_strdup_printf ("startDate=%s&eventType=secret-sync-sync-secrets", since))), ==, 0); /* E7 */
  g_clear_pointer (&q, g_free);
  g_assert_cmpuint (count_listed (f, f->token, (q = g_strdup_printf ("startDate=%s&eventType=secret-sync-sync-secrets,view-audit-logs", since))), ==, 7); /* E8 */
  g_clear_pointer (&q, g_free);
  /* actor= matches the user id unless actorType names another id key. */
  g_assert_cmpuint (count_listed (f, f->token, (q = g_strdup_printf ("startDate=%s&actor=%s", since, user_id))), ==, 1); /* E9 */
  g_clear_pointer (&q, g_free);
  g_assert_cmpuint (count_listed (f, f->token, (q = g_strdup_printf ("startDate=%s&actor=%s&actorType=identity", since, user_id))), ==, 0); /* E10 */
  g_clear_pointer (&q, g_free);
  g_assert_cmpuint (count_listed (f, f->token, (q = g_strdup_printf ("startDate=%s&actor=%s&actorType=identity", since, identity_id))), ==, 9); /* E11 */
  g_clear_pointer (&q, g_free);
  g_assert_cmpuint (count_listed (f, f->token, (q = g_strdup_printf ("startDate=%s&userAgentType=web", since))), ==, 0); /* E12 */
  g_clear_pointer (&q, g_free);
  g_assert_cmpuint (count_listed (f, f->token, (q = g_strdup_printf ("startDate=%s&userAgentType=other", since))), ==, 12); /* E13 */
  g_assert_cmpuint (count_listed (f, f->token, "startDate=2099-01-01T00:00:00Z&endDate=2099-02-01T00:00:00.000Z"), ==, 0);

  unknown = sb_request (f, "GET", ROUTE "?projectId=0e0c8b1a-0000-4000-8000-000000000000", f->token, NULL);
  sb_assert_error (unknown, 404, "NotFound", "Project with ID '0e0c8b1a-0000-4000-8000-000000000000' not found");
}

static void
test_validation (SbFixture *f, gconstpointer data)
{
  g_autoptr(SbResponse) bad_type = sb_request (f, "GET", ROUTE "?eventType=view-audit-logs,nope", f->token, NULL);
  g_autoptr(SbResponse) repeated = sb_request (f, "GET", ROUTE "?eventType=view-audit-logs&eventType=get-secret-sync", f->token, NULL);
  g_autoptr(SbResponse) bad_actor = sb_request (f, "GET", ROUTE "?actorType=robot", f->token, NULL);
  g_autoptr(SbResponse) bad_date = sb_request (f, "GET", ROUTE "?startDate=2026-12-01", f->token, NULL);
  g_autoptr(SbResponse) offset_date = sb_request (f, "GET", ROUTE "?startDate=2026-12-01T00:00:00%2B01:00", f->token, NULL);
  g_autoptr(SbResponse) big = sb_request (f, "GET", ROUTE "?limit=1001", f->token, NULL);
  g_autoptr(SbResponse) nan = sb_request (f, "GET", ROUTE "?offset=first", f->token, NULL);
  g_autoptr(SbResponse) backwards = sb_request (f, "GET", ROUTE "?startDate=2026-11-02T00:00:00Z&endDate=2026-11-01T00:00:00Z", f->token, NULL);
  g_autoptr(SbResponse) too_long = sb_request (f, "GET", ROUTE "?startDate=2026-01-31T00:00:00Z&endDate=2026-05-01T00:00:01Z", f->token, NULL);
  g_autoptr(SbResponse) just_fits = sb_request (f, "GET", ROUTE "?startDate=2026-01-31T00:00:00Z&endDate=2026-05-01T00:00:00Z", f->token, NULL);
  g_autoptr(SbResponse) platform_actor = sb_request (f, "GET", ROUTE "?actorType=platform&actor=x", f->token, NULL);
  g_autoptr(SbResponse) negative = sb_request (f, "GET", ROUTE "?limit=-1", f->token, NULL);
  g_autoptr(SbResponse) no_token = sb_request (f, "GET", ROUTE, NULL, NULL);
  JsonObject *issue;

  sb_assert_issue (bad_type, "eventType.1", "invalid_enum_value");
  issue = json_array_get_object_element (json_object_get_array_member (sb_resp_obj (bad_type), "message"), 0);
  g_assert_cmpstr (json_object_get_string_member (issue, "received"), ==, "nope");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (issue, "message"), "Invalid enum value. Expected '"));
  /* Only the comma list works: a repeated key is an array, which z.string() refuses. */
  sb_assert_issue (repeated, "eventType", "invalid_type");
  sb_assert_issue (bad_actor, "actorType", "invalid_enum_value");
  sb_assert_issue (bad_date, "startDate", "invalid_string");
  sb_assert_issue (offset_date, "startDate", "invalid_string");
  sb_assert_issue (big, "limit", "too_big");
  sb_assert_issue (nan, "offset", "invalid_type");
  sb_assert_issue (backwards, "endDate", "custom");
  issue = json_array_get_object_element (json_object_get_array_member (sb_resp_obj (backwards), "message"), 0);
  g_assert_cmpstr (json_object_get_string_member (issue, "message"), ==, "End date cannot be before start date");
  /* Three months after 31 January is 1 May (JavaScript's setMonth rolls 31 April over). */
  sb_assert_issue (too_long, "endDate", "custom");
  issue = json_array_get_object_element (json_object_get_array_member (sb_resp_obj (too_long), "message"), 0);
  g_assert_cmpstr (json_object_get_string_member (issue, "message"), ==, "Dates must be within 3 months");
  g_assert_cmpuint (just_fits->status, ==, 200);
  sb_assert_error (platform_actor, 400, "BadRequest", "Actor type 'platform' does not support filtering by actor ID");
  sb_assert_error (negative, 500, "DatabaseError", "Something went wrong");
  sb_assert_error (no_token, 401, "UnauthorizedError", "Token missing");
  /* Refused calls record nothing; the one that listed did. */
  g_assert_cmpuint (count_stored (f, NULL), ==, 1);
}

static void
test_permission (SbFixture *f, gconstpointer data)
{
  g_autofree char *since = iso_now ();
  g_autofree char *with_project = g_strdup_printf (ROUTE "?projectId=%s", ferry_sandbox_get_project_id (f->sandbox, 0));
  g_autoptr(SbResponse) denied = NULL;
  g_autoptr(SbResponse) denied_project = NULL;
  g_autoptr(SbResponse) user = NULL;
  g_autoptr(SbResponse) user_denied = NULL;
  g_autoptr(SbResponse) again = NULL;
  JsonObject *body;

  ferry_sandbox_set_audit_log_readable (f->sandbox, FERRY_SANDBOX_ACTOR_IDENTITY, FALSE);
  denied = sb_request (f, "GET", ROUTE, f->token, NULL);
  sb_assert_error (denied, 403, "PermissionDenied", "You are not allowed to read on audit-logs");
  body = sb_resp_obj (denied);
  g_assert_true (json_object_has_member (body, "details"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (body, "details")), ==, 0);
  denied_project = sb_request (f, "GET", with_project, f->token, NULL);
  sb_assert_error (denied_project, 403, "PermissionDenied", "You are not allowed to read on audit-logs");
  user = sb_request (f, "GET", ROUTE, f->user_jwt, NULL);
  g_assert_cmpuint (user->status, ==, 200);

  ferry_sandbox_set_audit_log_readable (f->sandbox, FERRY_SANDBOX_ACTOR_USER, FALSE);
  user_denied = sb_request (f, "GET", ROUTE, f->user_jwt, NULL);
  sb_assert_error (user_denied, 403, "PermissionDenied", "You are not allowed to read on audit-logs");
  ferry_sandbox_set_audit_log_readable (f->sandbox, FERRY_SANDBOX_ACTOR_IDENTITY, TRUE);
  again = sb_requestf (f, "GET", f->token, NULL, ROUTE "?eventType=view-audit-logs&startDate=%s", since);
  /* Only the user's one allowed call was recorded. */
  g_assert_cmpuint (json_array_get_length (audit_logs (again)), ==, 1);
}

static void
test_retention_and_route (SbFixture *f, gconstpointer data)
{
  g_autoptr(SbResponse) before = NULL;
  g_autoptr(SbResponse) none = NULL;
  g_autoptr(SbResponse) still_none = NULL;
  g_autoptr(SbResponse) missing = NULL;
  g_autoptr(SbResponse) missing_query = NULL;

  before = sb_request (f, "GET", ROUTE, f->token, NULL);
  g_assert_cmpuint (count_stored (f, NULL), ==, 1);

  /* A plan without audit-log retention stores nothing and lists nothing. */
  ferry_sandbox_set_audit_log_retention (f->sandbox, 0);
  none = sb_request (f, "GET", ROUTE, f->token, NULL);
  g_assert_cmpuint (json_array_get_length (audit_logs (none)), ==, 0);
  still_none = sb_request (f, "GET", ROUTE, f->token, NULL);
  g_assert_cmpuint (json_array_get_length (audit_logs (still_none)), ==, 0);
  g_assert_cmpuint (count_stored (f, NULL), ==, 1);

  ferry_sandbox_set_audit_log_retention (f->sandbox, 90);
  ferry_sandbox_set_audit_log_route (f->sandbox, FALSE);
  missing = sb_request (f, "GET", ROUTE, f->token, NULL);
  sb_assert_error (missing, 404, "Not Found", "Route GET:" ROUTE " not found");
  missing_query = sb_request (f, "GET", ROUTE "?limit=1", f->token, NULL);
  g_assert_cmpuint (missing_query->status, ==, 404);
  g_assert_cmpuint (count_stored (f, NULL), ==, 1);
}

/* ---- Events of syncs ---- */

#define SYNCS "/api/v1/secret-syncs/azure-devops"

static char *
create_sync (SbFixture  *f,
             const char *token,
             const char *name,
             gboolean    auto_sync)
{
  g_autoptr(SbResponse) conns = sb_request (f, "GET", "/api/v1/app-connections/azure-devops", f->token, NULL);
  const char *conn = json_object_get_string_member (json_array_get_object_element (sb_resp_array (conns, "appConnections"), 0), "id");
  g_autofree char *body = g_strdup_printf ("{\"name\":\"%s\",\"projectId\":\"%s\",\"connectionId\":\"%s\",\"environment\":\"dev\","
                                           "\"secretPath\":\"/backend/\",\"isAutoSyncEnabled\":%s,\"syncOptions\":{\"initialSyncBehavior\":"
                                           "\"overwrite-destination\",\"keySchema\":\"APP_{{secretKey}}\"},\"destinationConfig\":"
                                           "{\"devopsProjectId\":\"%s\"},\"unknownKey\":1}",
                                           name, ferry_sandbox_get_project_id (f->sandbox, 0), conn, auto_sync ? "true" : "false",
                                           ferry_sandbox_get_devops_project_id (f->sandbox, "contoso", "Fabrikam Fiber"));
  g_autoptr(SbResponse) r = sb_request (f, "POST", SYNCS, token, body);

  if (r->status != 200)
    g_error ("create failed: %s", (const char *) g_bytes_get_data (r->body, NULL));
  return g_strdup (json_object_get_string_member (sb_resp_member (r, "secretSync"), "id"));
}

static JsonObject *
get_sync (SbFixture *f, const char *id)
{
  g_autoptr(SbResponse) r = sb_requestf (f, "GET", f->token, NULL, SYNCS "/%s", id);

  return json_object_ref (sb_resp_member (r, "secretSync"));
}

/* The events of @sync_id since @since, newest first (one offset-0 call; transfer full). */
static JsonArray *
sync_events (SbFixture  *f,
             const char *since,
             const char *sync_id,
             const char *types)
{
  g_autoptr(SbResponse) r = sb_requestf (f, "GET", f->user_jwt, NULL, ROUTE "?limit=100&startDate=%s&eventMetadata=syncId=%s%s%s",
                                         since, sync_id, types ? "&eventType=" : "", types ? types : "");

  return json_array_ref (audit_logs (r));
}

static const char *
event_type_of (JsonArray *a, guint i)
{
  return json_object_get_string_member (json_object_get_object_member (json_array_get_object_element (a, i), "event"), "type");
}

static JsonObject *
metadata_of (JsonArray *a, guint i)
{
  return json_object_get_object_member (json_object_get_object_member (json_array_get_object_element (a, i), "event"), "metadata");
}

static const char *
actor_type_of (JsonArray *a, guint i)
{
  return json_object_get_string_member (json_object_get_object_member (json_array_get_object_element (a, i), "actor"), "type");
}

static void
test_sync_events (SbFixture *f, gconstpointer data)
{
  g_autofree char *since = iso_now ();
  g_autofree char *id = create_sync (f, f->token, "audited", TRUE);
  g_autofree char *status = sb_wait_sync_status (f, id, "syncStatus");
  g_autoptr(JsonObject) after_create = get_sync (f, id);
  g_autoptr(JsonArray) created = sync_events (f, since, id, "create-secret-sync,secret-sync-sync-secrets");
  JsonObject *e, *m;

  g_assert_cmpstr (status, ==, "succeeded");
  g_assert_cmpuint (json_array_get_length (created), ==, 2);
  /* Newest first: the platform's first run, then the identity's create. */
  g_assert_cmpstr (event_type_of (created, 0), ==, "secret-sync-sync-secrets");
  g_assert_cmpstr (actor_type_of (created, 0), ==, "platform");
  e = json_array_get_object_element (created, 0);
  g_assert_true (json_object_get_null_member (e, "ipAddress"));
  g_assert_true (json_object_get_null_member (e, "userAgentType"));
  g_assert_cmpstr (json_object_get_string_member (e, "projectName"), ==, "Web Storefront");
  m = metadata_of (created, 0);
  for (const char *const *k = (const char *const[]) { "syncId", "syncOptions", "destination", "destinationConfig", "folderId",
                                                      "connectionId", "jobRanAt", "jobId", "syncStatus", "syncMessage", NULL };
       *k; k++)
    if (!json_object_has_member (m, *k))
      g_error ("metadata.%s missing", *k);
  g_assert_cmpuint (json_object_get_size (m), ==, 10);
  g_assert_cmpstr (json_object_get_string_member (m, "syncStatus"), ==, "succeeded");
  g_assert_true (json_object_get_null_member (m, "syncMessage"));
  g_assert_cmpstr (json_object_get_string_member (m, "jobId"), ==, json_object_get_string_member (after_create, "lastSyncJobId"));
  g_assert_cmpstr (json_object_get_string_member (m, "jobRanAt"), ==, json_object_get_string_member (after_create, "lastSyncedAt"));
  g_assert_cmpstr (json_object_get_string_member (m, "folderId"), ==, json_object_get_string_member (after_create, "folderId"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (m, "syncOptions"), "keySchema"), ==, "APP_{{secretKey}}");

  g_assert_cmpstr (event_type_of (created, 1), ==, "create-secret-sync");
  g_assert_cmpstr (actor_type_of (created, 1), ==, "identity");
  m = metadata_of (created, 1);
  {
    /* { syncId, destination, ...the parsed body }: defaults in, unknown keys out, no description. */
    g_autoptr(GList) keys = json_object_get_members (m);
    const char *order[] = { "syncId", "destination", "name", "projectId", "connectionId", "environment", "secretPath",
                            "isAutoSyncEnabled", "syncOptions", "destinationConfig" };
    guint i = 0;

    g_assert_cmpuint (g_list_length (keys), ==, G_N_ELEMENTS (order));
    for (GList *l = keys; l != NULL; l = l->next, i++)
      g_assert_cmpstr (l->data, ==, order[i]);
  }
  g_assert_cmpstr (json_object_get_string_member (m, "secretPath"), ==, "/backend");
  g_assert_true (json_object_get_boolean_member (m, "isAutoSyncEnabled"));

  /* Sync Now is run as its caller. */
  {
    g_autoptr(SbResponse) now = sb_requestf (f, "POST", f->user_jwt, NULL, SYNCS "/%s/sync-secrets", id);
    g_autofree char *st = NULL;
    g_autoptr(JsonArray) runs = NULL;

    g_assert_cmpuint (now->status, ==, 200);
    st = sb_wait_sync_status (f, id, "syncStatus");
    runs = sync_events (f, since, id, "secret-sync-sync-secrets");
    g_assert_cmpuint (json_array_get_length (runs), ==, 2);
    g_assert_cmpstr (actor_type_of (runs, 0), ==, "user");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (runs, 0), "userAgentType"), ==, "other");
  }

  /* An update writes update-secret-sync with only the keys sent; its auto-sync is the platform's. */
  {
    g_autoptr(SbResponse) patch = sb_requestf (f, "PATCH", f->token, "{\"description\":\"Backend settings\"}", SYNCS "/%s", id);
    g_autofree char *st = NULL;
    g_autoptr(JsonArray) updated = NULL;

    g_assert_cmpuint (patch->status, ==, 200);
    st = sb_wait_sync_status (f, id, "syncStatus");
    updated = sync_events (f, since, id, "update-secret-sync,secret-sync-sync-secrets");
    g_assert_cmpstr (event_type_of (updated, 0), ==, "secret-sync-sync-secrets");
    g_assert_cmpstr (actor_type_of (updated, 0), ==, "platform");
    g_assert_cmpstr (event_type_of (updated, 1), ==, "update-secret-sync");
    m = metadata_of (updated, 1);
    g_assert_cmpuint (json_object_get_size (m), ==, 3);
    g_assert_cmpstr (json_object_get_string_member (m, "description"), ==, "Backend settings");
  }

  /* Remove Secrets: its own event with removeStatus/removeMessage. */
  {
    g_autoptr(SbResponse) rm = sb_requestf (f, "POST", f->user_jwt, NULL, SYNCS "/%s/remove-secrets", id);
    g_autofree char *st = NULL;
    g_autoptr(JsonArray) removed = NULL;

    g_assert_cmpuint (rm->status, ==, 200);
    st = sb_wait_sync_status (f, id, "removeStatus");
    g_assert_cmpstr (st, ==, "succeeded");
    removed = sync_events (f, since, id, "secret-sync-remove-secrets");
    g_assert_cmpuint (json_array_get_length (removed), ==, 1);
    m = metadata_of (removed, 0);
    g_assert_cmpstr (json_object_get_string_member (m, "removeStatus"), ==, "succeeded");
    g_assert_true (json_object_has_member (m, "removeMessage"));
    g_assert_false (json_object_has_member (m, "syncStatus"));
    g_assert_cmpstr (actor_type_of (removed, 0), ==, "user");
  }

  /* A failure carries Azure's body as syncMessage, like lastSyncMessage. */
  {
    g_autoptr(SbResponse) now = NULL;
    g_autofree char *st = NULL;
    g_autoptr(JsonArray) runs = NULL;
    g_autoptr(JsonObject) failed = NULL;

    ferry_sandbox_revoke_devops_pat (f->sandbox, ferry_sandbox_get_devops_pat (f->sandbox, "contoso"));
    now = sb_requestf (f, "POST", f->token, NULL, SYNCS "/%s/sync-secrets", id);
    st = sb_wait_sync_status (f, id, "syncStatus");
    g_assert_cmpstr (st, ==, "failed");
    failed = get_sync (f, id);
    runs = sync_events (f, since, id, "secret-sync-sync-secrets");
    m = metadata_of (runs, 0);
    g_assert_cmpstr (json_object_get_string_member (m, "syncStatus"), ==, "failed");
    g_assert_nonnull (strstr (json_object_get_string_member (m, "syncMessage"), "TF400813"));
    g_assert_cmpstr (json_object_get_string_member (m, "syncMessage"), ==, json_object_get_string_member (failed, "lastSyncMessage"));
    g_assert_cmpstr (actor_type_of (runs, 0), ==, "identity");
  }

  /* Filtering by syncId alone also finds the reads (get-secret-sync has a syncId too). */
  {
    g_autoptr(JsonArray) everything = sync_events (f, since, id, NULL);
    gboolean saw_get = FALSE;

    for (guint i = 0; i < json_array_get_length (everything); i++)
      if (g_strcmp0 (event_type_of (everything, i), "get-secret-sync") == 0)
        saw_get = TRUE;
    g_assert_true (saw_get);
  }
}

static void
test_delete_events (SbFixture *f, gconstpointer data)
{
  g_autofree char *since = iso_now ();
  g_autofree char *plain = create_sync (f, f->token, "deleted-plain", FALSE);
  g_autofree char *with_remove = create_sync (f, f->token, "deleted-with-remove", FALSE);
  g_autofree char *failing = create_sync (f, f->token, "remove-fails", FALSE);
  g_autoptr(SbResponse) d1 = sb_requestf (f, "DELETE", f->user_jwt, NULL, SYNCS "/%s", plain);
  g_autoptr(SbResponse) d2 = sb_requestf (f, "DELETE", f->user_jwt, NULL, SYNCS "/%s?removeSecrets=true", with_remove);
  g_autoptr(SbResponse) d3 = NULL;
  g_autoptr(SbResponse) in_project = NULL;
  g_autofree char *gone = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(JsonArray) plain_events = NULL;
  g_autoptr(JsonArray) remove_events = NULL;
  g_autoptr(JsonObject) still_there = NULL;

  g_assert_cmpuint (d1->status, ==, 200);
  g_assert_cmpuint (d2->status, ==, 200);
  gone = sb_wait_sync_status (f, with_remove, "removeStatus");
  g_assert_cmpstr (gone, ==, "deleted");
  plain_events = sync_events (f, since, plain, "delete-secret-sync");
  g_assert_cmpuint (json_array_get_length (plain_events), ==, 1);
  g_assert_true (json_object_get_null_member (json_array_get_object_element (plain_events, 0), "projectId"));
  g_assert_false (json_object_get_boolean_member (metadata_of (plain_events, 0), "removeSecrets"));
  g_assert_cmpuint (json_object_get_size (metadata_of (plain_events, 0)), ==, 3);
  remove_events = sync_events (f, since, with_remove, "delete-secret-sync,secret-sync-remove-secrets");
  g_assert_cmpuint (json_array_get_length (remove_events), ==, 2);
  g_assert_cmpstr (event_type_of (remove_events, 0), ==, "secret-sync-remove-secrets");
  /* queueSecretSyncRemoveSecretsById without auditLogInfo: the platform removes. */
  g_assert_cmpstr (actor_type_of (remove_events, 0), ==, "platform");
  g_assert_true (json_object_get_boolean_member (metadata_of (remove_events, 1), "removeSecrets"));

  /* The delete events belong to the organization, not the project. */
  in_project = sb_requestf (f, "GET", f->token, NULL, ROUTE "?eventType=delete-secret-sync&startDate=%s&projectId=%s",
                            since, ferry_sandbox_get_project_id (f->sandbox, 0));
  g_assert_cmpuint (json_array_get_length (audit_logs (in_project)), ==, 0);

  /* A remove that fails keeps the sync (deleteSyncOnComplete only after success). */
  ferry_sandbox_delete_devops_project (f->sandbox, "contoso", ferry_sandbox_get_devops_project_id (f->sandbox, "contoso", "Fabrikam Fiber"));
  d3 = sb_requestf (f, "DELETE", f->user_jwt, NULL, SYNCS "/%s?removeSecrets=true", failing);
  g_assert_cmpuint (d3->status, ==, 200);
  kept = sb_wait_sync_status (f, failing, "removeStatus");
  g_assert_cmpstr (kept, ==, "failed");
  still_there = get_sync (f, failing);
  g_assert_nonnull (strstr (json_object_get_string_member (still_there, "lastRemoveMessage"), "TF200016"));
}

static void
test_read_events (SbFixture *f, gconstpointer data)
{
  const char *project = ferry_sandbox_get_project_id (f->sandbox, 0);
  g_autofree char *since = iso_now ();
  g_autoptr(SbResponse) list = sb_requestf (f, "GET", f->token, NULL, SYNCS "?projectId=%s", project);
  g_autoptr(SbResponse) all = sb_requestf (f, "GET", f->token, NULL, "/api/v1/secret-syncs?projectId=%s", project);
  g_autoptr(SbResponse) by_name = sb_requestf (f, "GET", f->token, NULL, SYNCS "/sync-name/web-prod-to-contoso-web?projectId=%s", project);
  g_autoptr(SbResponse) failed_get = sb_request (f, "GET", SYNCS "/0e0c8b1a-0000-4000-8000-000000000000", f->token, NULL);
  g_autoptr(SbResponse) events = NULL;
  JsonArray *a;
  JsonObject *m;
  const char *web_id = json_object_get_string_member (json_array_get_object_element (sb_resp_array (list, "secretSyncs"), 0), "id");

  g_assert_cmpuint (all->status, ==, 200);
  g_assert_cmpuint (by_name->status, ==, 200);
  g_assert_cmpuint (failed_get->status, ==, 404);
  events = sb_requestf (f, "GET", f->token, NULL, ROUTE "?eventType=get-secret-syncs,get-secret-sync&startDate=%s", since);
  a = audit_logs (events);
  /* Only the three that succeeded, newest first. */
  g_assert_cmpuint (json_array_get_length (a), ==, 3);
  g_assert_cmpstr (event_type_of (a, 0), ==, "get-secret-sync");
  m = metadata_of (a, 0);
  g_assert_cmpstr (json_object_get_string_member (m, "syncId"), ==, web_id);
  g_assert_cmpstr (json_object_get_string_member (m, "destination"), ==, "azure-devops");
  /* GET /api/v1/secret-syncs writes { syncIds, count }, the per-destination list adds destination. */
  m = metadata_of (a, 1);
  g_assert_false (json_object_has_member (m, "destination"));
  g_assert_cmpint (json_object_get_int_member (m, "count"), ==, 1);
  m = metadata_of (a, 2);
  g_assert_cmpstr (json_object_get_string_member (m, "destination"), ==, "azure-devops");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (m, "syncIds"), 0), ==, web_id);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (a, 2), "projectId"), ==, project);
}

static void
test_demo_history (SbFixture *f, gconstpointer data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) week = g_date_time_add_days (now, -7);
  g_autofree char *since = g_date_time_format (week, "%Y-%m-%dT%H:%M:%SZ");
  g_autoptr(SbResponse) web_list = sb_requestf (f, "GET", f->token, NULL, SYNCS "?projectId=%s", ferry_sandbox_get_project_id (f->sandbox, 0));
  g_autoptr(SbResponse) pay_list = sb_requestf (f, "GET", f->token, NULL, SYNCS "?projectId=%s", ferry_sandbox_get_project_id (f->sandbox, 1));
  JsonObject *web = json_array_get_object_element (sb_resp_array (web_list, "secretSyncs"), 0);
  JsonObject *pay = json_array_get_object_element (sb_resp_array (pay_list, "secretSyncs"), 0);
  g_autoptr(JsonArray) web_runs = sync_events (f, since, json_object_get_string_member (web, "id"), "secret-sync-sync-secrets");
  g_autoptr(JsonArray) pay_runs = sync_events (f, since, json_object_get_string_member (pay, "id"), "secret-sync-sync-secrets");
  g_autoptr(JsonArray) creates = NULL;
  g_autoptr(SbResponse) recent = NULL;
  static const char *web_status[] = { "succeeded", "succeeded", "failed", "failed", "succeeded", "succeeded" };
  static const char *web_actor[] = { "platform", "user", "user", "platform", "platform", "platform" };

  /* Newest first: a recovery after two failures, and earlier successes. */
  g_assert_cmpuint (json_array_get_length (web_runs), ==, 6);
  for (guint i = 0; i < 6; i++)
    {
      g_assert_cmpstr (json_object_get_string_member (metadata_of (web_runs, i), "syncStatus"), ==, web_status[i]);
      g_assert_cmpstr (actor_type_of (web_runs, i), ==, web_actor[i]);
    }
  g_assert_nonnull (strstr (json_object_get_string_member (metadata_of (web_runs, 2), "syncMessage"), "TF400813"));
  /* The sync row agrees with its last run. */
  g_assert_cmpstr (json_object_get_string_member (web, "syncStatus"), ==, "succeeded");
  g_assert_cmpstr (json_object_get_string_member (metadata_of (web_runs, 0), "jobId"), ==, json_object_get_string_member (web, "lastSyncJobId"));
  g_assert_cmpstr (json_object_get_string_member (metadata_of (web_runs, 0), "jobRanAt"), ==, json_object_get_string_member (web, "lastSyncedAt"));

  g_assert_cmpuint (json_array_get_length (pay_runs), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (metadata_of (pay_runs, 0), "syncStatus"), ==, "failed");
  g_assert_cmpstr (json_object_get_string_member (metadata_of (pay_runs, 0), "syncMessage"), ==, json_object_get_string_member (pay, "lastSyncMessage"));
  g_assert_cmpstr (json_object_get_string_member (metadata_of (pay_runs, 2), "syncStatus"), ==, "succeeded");
  g_assert_cmpstr (json_object_get_string_member (metadata_of (pay_runs, 2), "jobRanAt"), ==, json_object_get_string_member (pay, "lastSyncedAt"));
  g_assert_cmpstr (json_object_get_string_member (pay, "syncStatus"), ==, "failed");

  creates = sync_events (f, since, json_object_get_string_member (pay, "id"), "create-secret-sync");
  g_assert_cmpuint (json_array_get_length (creates), ==, 1);
  g_assert_cmpstr (actor_type_of (creates, 0), ==, "identity");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (creates, 0), "createdAt"), ==,
                   json_object_get_string_member (pay, "createdAt"));

  /* The latest run (three hours ago) is inside the default window (since the last midnight). */
  recent = sb_requestf (f, "GET", f->token, NULL, ROUTE "?eventType=secret-sync-sync-secrets&eventMetadata=syncId=%s",
                        json_object_get_string_member (web, "id"));
  g_assert_cmpuint (json_array_get_length (audit_logs (recent)), >=, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (audit_logs (recent), 0), "id"), ==,
                   json_object_get_string_member (json_array_get_object_element (web_runs, 0), "id"));
}

/* The state file carries the variants and the events (here: written by hand, in the past). */
static void
test_state_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ferry-sandbox-audit-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "state.json", NULL);
  g_autoptr(FerrySandbox) seeded = ferry_sandbox_new (FERRY_SANDBOX_SEED_EMPTY);
  g_autofree char *contents = NULL;
  g_autofree char *edited = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) two_days = g_date_time_add_days (now, -2);
  g_autoptr(GDateTime) next_year = g_date_time_add_years (now, 1);
  g_autofree char *old_iso = g_date_time_format (two_days, "%Y-%m-%dT%H:%M:%S.000Z");
  g_autofree char *expiry = g_date_time_format (next_year, "%Y-%m-%dT%H:%M:%S.000Z");
  g_autofree char *start = NULL;
  g_autofree char *entry = NULL;
  SbFixture f = { 0 };
  g_autoptr(SbResponse) default_window = NULL;
  g_autoptr(SbResponse) wide_window = NULL;
  g_autoptr(SbResponse) denied = NULL;

  g_assert_no_error (error);
  g_assert_true (ferry_sandbox_set_state_file (seeded, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  entry = g_strdup_printf ("\"auditLogs\": [{\"id\": \"6b1f3c52-8d7e-4a90-b1c2-d3e4f5a6b7c8\", \"ipAddress\": null, "
                           "\"userAgent\": null, \"userAgentType\": null, \"expiresAt\": \"%s\", \"createdAt\": \"%s\", "
                           "\"updatedAt\": \"%s\", \"orgId\": \"%s\", \"projectId\": null, \"projectName\": null, "
                           "\"event\": {\"type\": \"get-secret-syncs\", \"metadata\": {\"count\": 0, \"syncIds\": []}}, "
                           "\"actor\": {\"type\": \"platform\", \"metadata\": {}}}], "
                           "\"variants\": {\"auditLogReadable\": {\"identity\": false}}, \"organization\"",
                           expiry, old_iso, old_iso, ferry_sandbox_get_organization_id (seeded));
  {
    /* Put both in front of the organization member. */
    g_autofree char *needle = g_strdup ("\"organization\"");
    char *at = strstr (contents, needle);

    g_assert_nonnull (at);
    edited = g_strdup_printf ("%.*s%s%s", (int) (at - contents), contents, entry, at + strlen (needle));
  }
  g_assert_true (g_file_set_contents (path, edited, -1, NULL));

  f.sandbox = ferry_sandbox_new (FERRY_SANDBOX_SEED_DEMO);
  g_assert_true (ferry_sandbox_set_state_file (f.sandbox, path, &error));
  g_assert_no_error (error);
  g_assert_true (ferry_sandbox_start (f.sandbox, 0, &error));
  f.session = soup_session_new ();
  f.user_jwt = ferry_sandbox_issue_user_jwt (f.sandbox, 600);

  /* Without startDate the window starts at the last midnight: two days back is outside. */
  default_window = sb_request (&f, "GET", ROUTE, f.user_jwt, NULL);
  g_assert_cmpuint (json_array_get_length (audit_logs (default_window)), ==, 0);
  start = g_date_time_format (two_days, "%Y-%m-%dT00:00:00Z");
  {
    g_autofree char *p = g_strdup_printf (ROUTE "?eventType=get-secret-syncs&startDate=%s", start);

    wide_window = sb_request (&f, "GET", p, f.user_jwt, NULL);
  }
  g_assert_cmpuint (json_array_get_length (audit_logs (wide_window)), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (audit_logs (wide_window), 0), "id"),
                   ==, "6b1f3c52-8d7e-4a90-b1c2-d3e4f5a6b7c8");
  {
    /* The identity lacks the permission, as the file says. */
    g_autofree char *body = g_strdup_printf ("{\"clientId\":\"%s\",\"clientSecret\":\"%s\"}",
                                             ferry_sandbox_get_identity_client_id (f.sandbox),
                                             ferry_sandbox_get_identity_client_secret (f.sandbox));
    g_autoptr(SbResponse) login = sb_request (&f, "POST", "/api/v1/auth/universal-auth/login", NULL, body);

    denied = sb_request (&f, "GET", ROUTE, json_object_get_string_member (sb_resp_obj (login), "accessToken"), NULL);
  }
  sb_assert_error (denied, 403, "PermissionDenied", NULL);
  sb_fixture_teardown (&f, NULL);

  g_unlink (path);
  g_rmdir (dir);
}

static char *
sandbox_exe (void)
{
  const char *root = g_getenv ("FERRY_BUILD_ROOT");

  if (root != NULL)
    return g_build_filename (root, "tests", "sandbox", "ferry-sandbox", NULL);
  return g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".", "ferry-sandbox", NULL);
}

/* Starts the executable with @args and returns its KEY=VALUE lines. */
static GHashTable *
spawn_sandbox (GSubprocess **proc_out,
               const char   *first_arg,
               ...)
{
  g_autofree char *exe = sandbox_exe ();
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  GHashTable *lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  va_list args;

  g_ptr_array_add (argv, exe);
  va_start (args, first_arg);
  for (const char *a = first_arg; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  *proc_out = g_subprocess_newv ((const char *const *) argv->pdata, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (*proc_out));
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
      char *eq;

      g_assert_no_error (error);
      g_assert_nonnull (line);
      eq = strchr (line, '=');
      g_assert_nonnull (eq);
      g_hash_table_insert (lines, g_strndup (line, eq - line), g_strdup (eq + 1));
    }
  return lines;
}

static void
stop_sandbox (GSubprocess *proc)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_send_signal (proc, SIGTERM);
  g_assert_true (g_subprocess_wait (proc, NULL, &error));
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 0);
}

static void
test_executable_flags (void)
{
  g_autofree char *exe = sandbox_exe ();
  g_autoptr(SoupSession) session = NULL;

  if (!g_file_test (exe, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("ferry-sandbox executable not found (set FERRY_BUILD_ROOT)");
      return;
    }
  session = soup_session_new ();
  {
    g_autoptr(GSubprocess) proc = NULL;
    g_autoptr(GHashTable) env = spawn_sandbox (&proc, "--seed", "empty", "--deny-audit-logs", "identity", NULL);
    const char *url = g_hash_table_lookup (env, "FERRY_SANDBOX_URL");
    g_autofree char *body = g_strdup_printf ("{\"clientId\":\"%s\",\"clientSecret\":\"%s\"}",
                                             (char *) g_hash_table_lookup (env, "FERRY_SANDBOX_CLIENT_ID"),
                                             (char *) g_hash_table_lookup (env, "FERRY_SANDBOX_CLIENT_SECRET"));
    g_autoptr(SbResponse) login = sb_request_at (session, url, "POST", "/api/v1/auth/universal-auth/login", NULL, body);
    g_autoptr(SbResponse) identity = NULL;
    g_autoptr(SbResponse) user = NULL;

    identity = sb_request_at (session, url, "GET", ROUTE, json_object_get_string_member (sb_resp_obj (login), "accessToken"), NULL);
    sb_assert_error (identity, 403, "PermissionDenied", "You are not allowed to read on audit-logs");
    user = sb_request_at (session, url, "GET", ROUTE, g_hash_table_lookup (env, "FERRY_SANDBOX_USER_TOKEN"), NULL);
    g_assert_cmpuint (user->status, ==, 200);
    stop_sandbox (proc);
  }
  {
    g_autoptr(GSubprocess) proc = NULL;
    g_autoptr(GHashTable) env = spawn_sandbox (&proc, "--seed", "empty", "--no-audit-log-route", NULL);
    g_autoptr(SbResponse) r = sb_request_at (session, g_hash_table_lookup (env, "FERRY_SANDBOX_URL"), "GET", ROUTE,
                                             g_hash_table_lookup (env, "FERRY_SANDBOX_USER_TOKEN"), NULL);

    g_assert_cmpuint (r->status, ==, 404);
    stop_sandbox (proc);
  }
  {
    g_autoptr(GSubprocess) proc = NULL;
    g_autoptr(GHashTable) env = spawn_sandbox (&proc, "--seed", "empty", "--audit-log-retention-days", "0", NULL);
    const char *url = g_hash_table_lookup (env, "FERRY_SANDBOX_URL");
    const char *token = g_hash_table_lookup (env, "FERRY_SANDBOX_USER_TOKEN");
    g_autoptr(SbResponse) first = sb_request_at (session, url, "GET", ROUTE, token, NULL);
    g_autoptr(SbResponse) second = sb_request_at (session, url, "GET", ROUTE, token, NULL);

    g_assert_cmpuint (first->status, ==, 200);
    g_assert_cmpuint (json_array_get_length (sb_resp_array (second, "auditLogs")), ==, 0);
    stop_sandbox (proc);
  }
  soup_session_abort (session);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn, seed) g_test_add (path, SbFixture, seed, sb_fixture_setup, fn, sb_fixture_teardown)
  ADD ("/sandbox/audit/shape-and-view-event", test_shape_and_view_event, EMPTY);
  ADD ("/sandbox/audit/paging-and-order", test_paging_and_order, EMPTY);
  ADD ("/sandbox/audit/filters", test_filters, DEMO);
  ADD ("/sandbox/audit/validation", test_validation, EMPTY);
  ADD ("/sandbox/audit/permission", test_permission, DEMO);
  ADD ("/sandbox/audit/retention-and-route", test_retention_and_route, EMPTY);
  ADD ("/sandbox/audit/sync-events", test_sync_events, DEMO);
  ADD ("/sandbox/audit/delete-events", test_delete_events, DEMO);
  ADD ("/sandbox/audit/read-events", test_read_events, DEMO);
  ADD ("/sandbox/audit/demo-history", test_demo_history, DEMO);
  g_test_add_func ("/sandbox/audit/state-file", test_state_file);
  g_test_add_func ("/sandbox/audit/executable-flags", test_executable_flags);
  return g_test_run ();
}
