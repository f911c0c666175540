/* test-ui-utils.c: the presentation helpers of the Syncs page and the forms.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ferry-test-utils.h"
#include "ferry-ui-utils.h"

static void
test_slug_rules (void)
{
  g_assert_null (ferry_ui_check_slug ("ado-contoso"));
  g_assert_null (ferry_ui_check_slug ("a1"));
  g_assert_nonnull (ferry_ui_check_slug (""));
  g_assert_nonnull (ferry_ui_check_slug ("Ado"));
  g_assert_nonnull (ferry_ui_check_slug ("ado_contoso"));
  g_assert_nonnull (ferry_ui_check_slug ("-ado"));
  g_assert_nonnull (ferry_ui_check_slug ("ado-"));
  g_assert_nonnull (ferry_ui_check_slug ("ado--contoso"));
  g_assert_nonnull (ferry_ui_check_slug ("abcdefghijabcdefghijabcdefghijabc"));  /* 33 */
  g_assert_null (ferry_ui_check_slug ("abcdefghijabcdefghijabcdefghijab"));     /* 32 */
}

static void
test_uuid (void)
{
  g_assert_true (ferry_ui_is_uuid ("8f2b6c1d-3e4a-4b5c-9d6e-7f8a9b0c1d2e"));
  g_assert_true (ferry_ui_is_uuid ("8F2B6C1D-3E4A-4B5C-9D6E-7F8A9B0C1D2E"));
  g_assert_false (ferry_ui_is_uuid ("8f2b6c1d-3e4a-4b5c-9d6e-7f8a9b0c1d2"));
  g_assert_false (ferry_ui_is_uuid ("8f2b6c1d-3e4a-4b5c-9d6e-7f8a9b0c1d2ee"));
  g_assert_false (ferry_ui_is_uuid ("8f2b6c1d3e4a-4b5c-9d6e-7f8a9b0c1d2e0"));
  g_assert_false (ferry_ui_is_uuid ("contoso.onmicrosoft.com"));
  g_assert_false (ferry_ui_is_uuid (NULL));
}

static void
test_status_order (void)
{
  g_assert_cmpint (ferry_ui_sync_status_rank (FERRY_SYNC_STATUS_FAILED), <, ferry_ui_sync_status_rank (FERRY_SYNC_STATUS_RUNNING));
  g_assert_cmpint (ferry_ui_sync_status_rank (FERRY_SYNC_STATUS_RUNNING), <, ferry_ui_sync_status_rank (FERRY_SYNC_STATUS_PENDING));
  g_assert_cmpint (ferry_ui_sync_status_rank (FERRY_SYNC_STATUS_PENDING), <, ferry_ui_sync_status_rank (FERRY_SYNC_STATUS_NONE));
  g_assert_cmpint (ferry_ui_sync_status_rank (FERRY_SYNC_STATUS_NONE), <, ferry_ui_sync_status_rank (FERRY_SYNC_STATUS_SUCCEEDED));
  g_assert_cmpstr (ferry_ui_sync_status_label (FERRY_SYNC_STATUS_PENDING), ==, "Queued");
  g_assert_cmpstr (ferry_ui_sync_status_label (FERRY_SYNC_STATUS_RUNNING), ==, "Syncing");
  g_assert_cmpstr (ferry_ui_sync_status_label (FERRY_SYNC_STATUS_SUCCEEDED), ==, "Synced");
  g_assert_cmpstr (ferry_ui_sync_status_label (FERRY_SYNC_STATUS_FAILED), ==, "Failed");
  g_assert_cmpstr (ferry_ui_sync_status_label (FERRY_SYNC_STATUS_NONE), ==, "Never synced");
}

static void
test_relative_time (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) five = g_date_time_add_minutes (now, -5);
  g_autoptr(GDateTime) three_days = g_date_time_add_days (now, -3);
  g_autofree char *never = ferry_ui_format_relative_time (NULL);
  g_autofree char *m = ferry_ui_format_relative_time (five);
  g_autofree char *d = ferry_ui_format_relative_time (three_days);

  g_assert_cmpstr (never, ==, "Never");
  g_assert_cmpstr (m, ==, "5 minutes ago");
  g_assert_cmpstr (d, ==, "3 days ago");

  /* Inside a sentence ("failing since …", "last sync …"): no capital in the middle. */
  {
    g_autoptr(GDateTime) seconds = g_date_time_add_seconds (now, -10);
    g_autoptr(GDateTime) yesterday = g_date_time_add_hours (now, -30);
    g_autofree char *s_never = ferry_ui_format_relative_time_in_sentence (NULL);
    g_autofree char *s_now = ferry_ui_format_relative_time_in_sentence (seconds);
    g_autofree char *s_yesterday = ferry_ui_format_relative_time_in_sentence (yesterday);
    g_autofree char *s_m = ferry_ui_format_relative_time_in_sentence (five);
    g_autofree char *alone = ferry_ui_format_relative_time (seconds);

    g_assert_cmpstr (alone, ==, "Just now");
    g_assert_cmpstr (s_never, ==, "never");
    g_assert_cmpstr (s_now, ==, "just now");
    g_assert_cmpstr (s_yesterday, ==, "yesterday");
    g_assert_cmpstr (s_m, ==, "5 minutes ago");
  }
}

int
main (int   argc,
      char *argv[])
{
  ferry_test_init (&argc, &argv);

  g_test_add_func ("/ui-utils/slug-rules", test_slug_rules);
  g_test_add_func ("/ui-utils/uuid", test_uuid);
  g_test_add_func ("/ui-utils/status-order", test_status_order);
  g_test_add_func ("/ui-utils/relative-time", test_relative_time);

  return g_test_run ();
}
