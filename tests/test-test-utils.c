/* test-test-utils.c: the shared test helpers themselves.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ferry-test-utils.h"

static gboolean
after_deadline (gpointer data)
{
  return g_get_monotonic_time () >= *(gint64 *) data;
}

/* A wait of 100 ms under MESON_TEST_TIMEOUT_MULTIPLIER=4 still sees a condition that
 * comes true after 250 ms: sanitizer runs and loaded machines get the time meson test
 * gives them too. */
static void
test_waits_scale (void)
{
  gint64 ready;
  gint64 start;

  g_setenv ("MESON_TEST_TIMEOUT_MULTIPLIER", "4", TRUE);
  g_assert_cmpuint (ferry_test_scale_ms (100), ==, 400);

  ready = g_get_monotonic_time () + 250 * 1000;
  g_assert_true (ferry_test_spin_until (after_deadline, &ready, 100));

  ready = g_get_monotonic_time () + 250 * 1000;
  FERRY_TEST_WAIT_FOR (after_deadline (&ready), "250 ms passed", 100, (void) 0);

  /* A fixed spin is a duration, not a limit. */
  start = g_get_monotonic_time ();
  ferry_test_spin_for (50);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 190 * 1000);

  /* Unset or nonsense: 1. */
  g_setenv ("MESON_TEST_TIMEOUT_MULTIPLIER", "lots", TRUE);
  g_assert_cmpuint (ferry_test_timeout_multiplier (), ==, 1);
  g_setenv ("MESON_TEST_TIMEOUT_MULTIPLIER", "0", TRUE);
  g_assert_cmpuint (ferry_test_timeout_multiplier (), ==, 1);
  g_unsetenv ("MESON_TEST_TIMEOUT_MULTIPLIER");
  g_assert_cmpuint (ferry_test_timeout_multiplier (), ==, 1);
  ready = g_get_monotonic_time () + 250 * 1000;
  g_assert_false (ferry_test_spin_until (after_deadline, &ready, 100));
}

int
main (int   argc,
      char *argv[])
{
  ferry_test_init (&argc, &argv);

  g_test_add_func ("/test-utils/waits-scale", test_waits_scale);

  return g_test_run ();
}
