/* test-audit-events.c: audit log events as the sync history reads them, from a fixture in
 * the shape upstream's listAuditLogs answers (with the members of newer builds and of
 * wrong types that must not break it).
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "ferry-api-client.h"
#include "ferry-test-utils.h"

static JsonArray *
load_events (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "audit-logs-sync.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  return json_array_ref (json_object_get_array_member (root, "auditLogs"));
}

static FerryAuditEvent *
parse_element (JsonArray *events,
               guint      index,
               GError   **error)
{
  return ferry_audit_event_new_from_json (json_array_get_object_element (events, index), error);
}

static void
assert_time (GDateTime  *dt,
             const char *iso)
{
  g_autoptr(GDateTime) expected = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (dt);
  g_assert_true (g_date_time_equal (dt, expected));
}

static void
test_sync_run (void)
{
  g_autoptr(JsonArray) events = load_events ();
  g_autoptr(GError) error = NULL;
  g_autoptr(FerryAuditEvent) failed = parse_element (events, 0, &error);
  g_autoptr(FerryAuditEvent) automatic = NULL;
  FerryAuditActorKind kind;

  g_assert_no_error (error);
  g_assert_cmpstr (ferry_audit_event_get_id (failed), ==, "7d0b1f52-6c1e-4a8e-9a52-0f6f3c1d2e01");
  g_assert_cmpstr (ferry_audit_event_get_event_type (failed), ==, "secret-sync-sync-secrets");
  g_assert_cmpint (ferry_audit_event_get_kind (failed), ==, FERRY_AUDIT_EVENT_SYNC_RUN);
  g_assert_true (ferry_audit_event_is_run (failed));
  g_assert_cmpint (ferry_audit_event_get_actor_kind (failed), ==, FERRY_AUDIT_ACTOR_USER);
  g_assert_cmpstr (ferry_audit_event_get_actor_email (failed), ==, "ada@example.com");
  g_assert_cmpstr (ferry_audit_event_get_actor_name (failed), ==, "ada@example.com");
  assert_time (ferry_audit_event_get_time (failed), "2026-12-03T10:15:00.120Z");
  g_assert_cmpstr (ferry_audit_event_get_sync_id (failed), ==, "5f0c7a2e-8b1d-4c3e-9f4a-6b7c8d9e0f1a");
  g_assert_cmpint (ferry_audit_event_get_sync_status (failed), ==, FERRY_SYNC_STATUS_FAILED);
  g_assert_nonnull (strstr (ferry_audit_event_get_message (failed), "TF400813"));
  g_assert_cmpstr (ferry_audit_event_get_job_id (failed), ==, "41");
  assert_time (ferry_audit_event_get_job_ran_at (failed), "2026-12-03T10:15:00.089Z");

  /* The properties say the same. */
  g_object_get (failed, "actor-kind", &kind, NULL);
  g_assert_cmpint (kind, ==, FERRY_AUDIT_ACTOR_USER);

  automatic = parse_element (events, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ferry_audit_event_get_actor_kind (automatic), ==, FERRY_AUDIT_ACTOR_PLATFORM);
  g_assert_null (ferry_audit_event_get_actor_email (automatic));
  g_assert_null (ferry_audit_event_get_actor_name (automatic));
  g_assert_cmpint (ferry_audit_event_get_sync_status (automatic), ==, FERRY_SYNC_STATUS_SUCCEEDED);
  g_assert_null (ferry_audit_event_get_message (automatic));
}

static void
test_config_and_remove (void)
{
  g_autoptr(JsonArray) events = load_events ();
  g_autoptr(GError) error = NULL;
  g_autoptr(FerryAuditEvent) updated = parse_element (events, 2, &error);
  g_autoptr(FerryAuditEvent) removed = NULL;
  g_autoptr(FerryAuditEvent) created = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (ferry_audit_event_get_kind (updated), ==, FERRY_AUDIT_EVENT_UPDATED);
  g_assert_false (ferry_audit_event_is_run (updated));
  g_assert_cmpint (ferry_audit_event_get_actor_kind (updated), ==, FERRY_AUDIT_ACTOR_IDENTITY);
  g_assert_cmpstr (ferry_audit_event_get_actor_name (updated), ==, "ci-deployer");
  /* A configuration change has no job result. */
  g_assert_cmpint (ferry_audit_event_get_sync_status (updated), ==, FERRY_SYNC_STATUS_NONE);
  g_assert_null (ferry_audit_event_get_job_id (updated));

  removed = parse_element (events, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ferry_audit_event_get_kind (removed), ==, FERRY_AUDIT_EVENT_REMOVE_RUN);
  g_assert_cmpint (ferry_audit_event_get_sync_status (removed), ==, FERRY_SYNC_STATUS_FAILED);
  g_assert_nonnull (strstr (ferry_audit_event_get_message (removed), "TF200016"));

  created = parse_element (events, 4, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ferry_audit_event_get_kind (created), ==, FERRY_AUDIT_EVENT_CREATED);
  g_assert_cmpint (ferry_audit_event_get_actor_kind (created), ==, FERRY_AUDIT_ACTOR_SERVICE);
  g_assert_cmpstr (ferry_audit_event_get_actor_name (created), ==, "legacy-token");
}

/* Members of the wrong type read as absent, without a critical (the test log would turn
 * one into a failure). */
static void
test_wrong_types (void)
{
  g_autoptr(JsonArray) events = load_events ();
  g_autoptr(GError) error = NULL;
  g_autoptr(FerryAuditEvent) odd = parse_element (events, 5, &error);

  g_assert_no_error (error);
  g_assert_cmpint (ferry_audit_event_get_kind (odd), ==, FERRY_AUDIT_EVENT_SYNC_RUN);
  g_assert_cmpint (ferry_audit_event_get_actor_kind (odd), ==, FERRY_AUDIT_ACTOR_OTHER);
  g_assert_null (ferry_audit_event_get_actor_email (odd));
  g_assert_null (ferry_audit_event_get_actor_name (odd));
  g_assert_null (ferry_audit_event_get_job_id (odd));
  g_assert_null (ferry_audit_event_get_job_ran_at (odd));
  g_assert_cmpint (ferry_audit_event_get_sync_status (odd), ==, FERRY_SYNC_STATUS_NONE);
  g_assert_null (ferry_audit_event_get_message (odd));
}

static void
test_refused (void)
{
  g_autoptr(JsonArray) events = load_events ();

  /* 6 is a string; 7 has no event type, 8 no valid time, 9 no id. */
  for (guint i = 7; i < 10; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FerryAuditEvent) event = parse_element (events, i, &error);

      g_assert_null (event);
      g_assert_error (error, FERRY_API_ERROR, FERRY_API_ERROR_INVALID_RESPONSE);
    }
}

static void
test_old_build_names (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(FerryAuditEvent) event = NULL;

  json_parser_load_from_data (parser,
                              "{\"id\": \"e\", \"createdAt\": \"2026-01-01T00:00:00Z\","
                              " \"event\": {\"type\": \"secret-sync-remove-secrets\","
                              " \"metadata\": {\"eraseStatus\": \"success\", \"eraseMessage\": \"ok\"}}}",
                              -1, &error);
  g_assert_no_error (error);
  event = ferry_audit_event_new_from_json (json_node_get_object (json_parser_get_root (parser)), &error);
  g_assert_no_error (error);
  g_assert_cmpint (ferry_audit_event_get_sync_status (event), ==, FERRY_SYNC_STATUS_SUCCEEDED);
  g_assert_cmpstr (ferry_audit_event_get_message (event), ==, "ok");
  /* No actor at all: neither automatic nor a person Ferry could name. */
  g_assert_cmpint (ferry_audit_event_get_actor_kind (event), ==, FERRY_AUDIT_ACTOR_OTHER);
}

/* Three months back plus a day: inside the server's rule whatever the month lengths. */
static void
test_default_start (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 5, 31, 12, 0, 0);
  g_autoptr(GDateTime) start = ferry_api_audit_default_start (now);

  g_assert_cmpint (g_date_time_get_year (start), ==, 2026);
  g_assert_cmpint (g_date_time_get_month (start), ==, 3);
  g_assert_cmpint (g_date_time_get_day_of_month (start), ==, 1);
  g_assert_cmpint (g_date_time_compare (start, now), <, 0);
}

int
main (int   argc,
      char *argv[])
{
  ferry_test_init (&argc, &argv);

  g_test_add_func ("/audit-events/sync-run", test_sync_run);
  g_test_add_func ("/audit-events/config-and-remove", test_config_and_remove);
  g_test_add_func ("/audit-events/wrong-types", test_wrong_types);
  g_test_add_func ("/audit-events/refused", test_refused);
  g_test_add_func ("/audit-events/old-build-names", test_old_build_names);
  g_test_add_func ("/audit-events/default-start", test_default_start);

  return g_test_run ();
}
