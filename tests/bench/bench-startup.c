/* bench-startup.c: how fast a window shows something, paired with a bare window.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Not a test: prints numbers (`name: value (goal)`), each the median of RUNS runs in this
 * one process, so they compare with the floor measured in the same run on the same
 * machine. Needs a display (Xvfb), a D-Bus session and a keyring: ./dev.sh bench runs it
 * like the UI tests (tests/keyring-session.sh).
 *
 *   floor          a bare AdwApplicationWindow with a header bar: created → first frame
 *   first-frame    a FerryWindow of a signed-in account (restored from the keyring, as at
 *                  start): created → first frame
 *   list-shown     the same, until the Syncs page shows its list and that frame is painted,
 *                  with every server answer 200 ms late (what is there before the server
 *                  answers comes from the offline cache)
 *   signin-list    with every answer 200 ms late: the machine identity sign-in form sent
 *                  → the Syncs page's list painted, as a multiple of 200 ms (no cache)
 *
 *   bench-startup [RUNS]
 */

#include "config.h"

#include <stdlib.h>

#include <glib/gstdio.h>

#include "ferry-application.h"
#include "ferry-context.h"
#include "ferry-sandbox.h"
#include "ferry-signin-page.h"
#include "ferry-syncs-page.h"
#include "ferry-window.h"

#define LATENCY_MS 200
#define WAIT_MS    30000

static char *cache_dir;

static int
cmp_double (gconstpointer a,
            gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (GArray *values)
{
  g_array_sort (values, cmp_double);
  return g_array_index (values, double, values->len / 2);
}

static gboolean
spin_until (gboolean (*cond) (gpointer), gpointer data)
{
  gint64 end = g_get_monotonic_time () + (gint64) WAIT_MS * 1000;

  while (!cond (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      g_main_context_iteration (NULL, TRUE);
    }
  return TRUE;
}

static void
spin_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE), g_usleep (1000);
}

/* ---- Frames ---- */

typedef struct
{
  GtkWidget *window;
  gint64     painted;       /* monotonic µs of the last after-paint, 0: none */
  gulong     handler;
  GdkFrameClock *clock;
} Frames;

static void
after_paint_cb (GdkFrameClock *clock,
                Frames        *frames)
{
  frames->painted = g_get_monotonic_time ();
}

static void
map_cb (GtkWidget *window,
        Frames    *frames)
{
  frames->clock = gtk_widget_get_frame_clock (window);
  frames->handler = g_signal_connect (frames->clock, "after-paint", G_CALLBACK (after_paint_cb), frames);
}

static void
frames_watch (Frames    *frames,
              GtkWidget *window)
{
  frames->window = window;
  frames->painted = 0;
  g_signal_connect (window, "map", G_CALLBACK (map_cb), frames);
}

static void
frames_unwatch (Frames *frames)
{
  if (frames->clock != NULL && frames->handler != 0)
    g_signal_handler_disconnect (frames->clock, frames->handler);
  frames->clock = NULL;
  frames->handler = 0;
}

static gboolean
painted (gpointer data)
{
  return ((Frames *) data)->painted != 0;
}

/* A frame painted after @since. */
typedef struct { Frames *frames; gint64 since; } After;

static gboolean
painted_after (gpointer data)
{
  After *a = data;

  return a->frames->painted > a->since;
}

/* ---- The floor ---- */

static double
run_floor (GtkApplication *app)
{
  Frames frames = { 0 };
  gint64 start = g_get_monotonic_time ();
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  double ms;

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), gtk_label_new ("Ferry"));
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  frames_watch (&frames, window);
  gtk_window_present (GTK_WINDOW (window));
  if (!spin_until (painted, &frames))
    g_error ("the floor window never painted");
  ms = (frames.painted - start) / 1000.0;
  frames_unwatch (&frames);
  gtk_window_destroy (GTK_WINDOW (window));
  spin_for (50);

  return ms;
}

/* ---- Ferry ---- */

static gboolean
list_shown (gpointer data)
{
  FerryWindow *window = data;
  FerrySyncsPage *page;

  /* The window builds its pages when they first show: ask for one only then. */
  if (g_strcmp0 (ferry_window_get_state (window), "content") != 0)
    return FALSE;
  page = FERRY_SYNCS_PAGE (ferry_window_get_syncs_page (window));
  return g_strcmp0 (ferry_syncs_page_get_state (page), "list") == 0 &&
         gtk_widget_get_mapped (GTK_WIDGET (page));
}

static gboolean
in_signin (gpointer data)
{
  return g_strcmp0 (ferry_window_get_state (data), "signin") == 0;
}

static void
set_latency (FerrySandbox *sandbox,
             guint         ms)
{
  g_autoptr(JsonObject) spec = json_object_new ();
  g_autoptr(GError) error = NULL;

  ferry_sandbox_clear_faults (sandbox);
  if (ms == 0)
    return;
  json_object_set_string_member (spec, "route", "*");
  json_object_set_string_member (spec, "kind", "latency");
  json_object_set_int_member (spec, "latencyMs", ms);
  if (!ferry_sandbox_add_fault (sandbox, spec, &error))
    g_error ("could not add the latency fault: %s", error->message);
}

static void
clear_cache (void)
{
  g_autofree char *dir = g_build_filename (cache_dir, "ferry", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
}

/* A signed-in start: the account is the default one, its tokens are in the keyring, and
 * the context has no session yet (as when Ferry starts). */
static void
run_signed_in (FerryApplication *app,
               double           *first_frame_ms,
               double           *list_ms)
{
  FerryContext *context = ferry_application_get_context (app);
  Frames frames = { 0 };
  FerryWindow *window;
  gint64 start;
  After after;

  ferry_context_set_session (context, NULL);
  spin_for (50);

  start = g_get_monotonic_time ();
  window = ferry_window_new (app, context);
  frames_watch (&frames, GTK_WIDGET (window));
  gtk_window_present (GTK_WINDOW (window));
  ferry_window_start (window);
  if (!spin_until (painted, &frames))
    g_error ("the window never painted");
  *first_frame_ms = (frames.painted - start) / 1000.0;

  if (!spin_until (list_shown, window))
    g_error ("the window never showed the list (state %s)", ferry_window_get_state (window));
  after.frames = &frames;
  after.since = g_get_monotonic_time ();
  if (!spin_until (painted_after, &after))
    g_error ("the list was never painted");
  *list_ms = (frames.painted - start) / 1000.0;

  /* Let the refresh behind a cached list land before the next run. */
  spin_for (3 * LATENCY_MS);
  frames_unwatch (&frames);
  gtk_window_destroy (GTK_WINDOW (window));
  spin_for (50);
}

static double
run_signin (FerryApplication *app,
            FerrySandbox     *sandbox)
{
  FerryContext *context = ferry_application_get_context (app);
  Frames frames = { 0 };
  FerryWindow *window;
  FerrySigninPage *page;
  gint64 start;
  After after;

  ferry_context_set_session (context, NULL);
  clear_cache ();
  spin_for (50);

  window = ferry_window_new (app, context);
  frames_watch (&frames, GTK_WIDGET (window));
  gtk_window_present (GTK_WINDOW (window));
  if (!spin_until (painted, &frames))
    g_error ("the window never painted");
  page = FERRY_SIGNIN_PAGE (ferry_window_get_signin_page (window));

  start = g_get_monotonic_time ();
  ferry_signin_page_sign_in_machine_identity (page,
                                              ferry_sandbox_get_url (sandbox),
                                              ferry_sandbox_get_identity_client_id (sandbox),
                                              ferry_sandbox_get_identity_client_secret (sandbox));
  if (!spin_until (list_shown, window))
    g_error ("sign-in never showed the list (state %s)", ferry_window_get_state (window));
  after.frames = &frames;
  after.since = g_get_monotonic_time ();
  if (!spin_until (painted_after, &after))
    g_error ("the list was never painted");

  frames_unwatch (&frames);
  gtk_window_destroy (GTK_WINDOW (window));
  spin_for (50);

  return (frames.painted - start) / 1000.0;
}

int
main (int    argc,
      char **argv)
{
  guint runs = argc > 1 ? (guint) atoi (argv[1]) : 7;
  g_autoptr(FerrySandbox) sandbox = NULL;
  g_autoptr(FerryApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) floor_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) first_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) list_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) signin_ms = g_array_new (FALSE, FALSE, sizeof (double));
  double floor_median;

  if (runs < 5)
    runs = 5;

  /* A profile of its own: never the user's settings, cache or keyring items. */
  cache_dir = g_dir_make_tmp ("ferry-bench-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_CACHE_HOME", cache_dir, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GSETTINGS_SCHEMA_DIR", FERRY_BENCH_SCHEMA_DIR, TRUE);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GTK_A11Y", "none", FALSE);

  gtk_init ();
  adw_init ();

  sandbox = ferry_sandbox_new (FERRY_SANDBOX_SEED_DEMO);
  if (!ferry_sandbox_start (sandbox, 0, &error))
    g_error ("could not start the sandbox: %s", error->message);

  app = g_object_new (FERRY_TYPE_APPLICATION,
                      "application-id", APP_ID ".BenchStartup",
                      "flags", G_APPLICATION_NON_UNIQUE,
                      "resource-base-path", RESOURCE_PATH,
                      NULL);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("could not register the application: %s", error->message);

  /* Warm up once (fonts, icon theme, CSS) so no measurement pays for it alone. */
  run_floor (GTK_APPLICATION (app));

  /* Sign in once, without latency: the account, its keyring items, last-projects. */
  {
    FerryWindow *window = ferry_window_new (app, ferry_application_get_context (app));

    gtk_window_present (GTK_WINDOW (window));
    ferry_window_start (window);
    if (!spin_until (in_signin, window))
      g_error ("no sign-in page");
    ferry_signin_page_sign_in_machine_identity (FERRY_SIGNIN_PAGE (ferry_window_get_signin_page (window)),
                                                ferry_sandbox_get_url (sandbox),
                                                ferry_sandbox_get_identity_client_id (sandbox),
                                                ferry_sandbox_get_identity_client_secret (sandbox));
    if (!spin_until (list_shown, window))
      g_error ("the first sign-in never showed the list");
    spin_for (1500);   /* the offline cache is written a second after a load */
    gtk_window_destroy (GTK_WINDOW (window));
    spin_for (50);
  }

  set_latency (sandbox, LATENCY_MS);
  for (guint i = 0; i < runs; i++)
    {
      double floor = run_floor (GTK_APPLICATION (app));
      double first, list;

      g_array_append_val (floor_ms, floor);
      run_signed_in (app, &first, &list);
      g_array_append_val (first_ms, first);
      g_array_append_val (list_ms, list);
    }
  for (guint i = 0; i < runs; i++)
    {
      double ms = run_signin (app, sandbox);

      g_array_append_val (signin_ms, ms);
    }
  set_latency (sandbox, 0);

  floor_median = median (floor_ms);
  g_print ("runs: %u (medians)\n", runs);
  g_print ("floor-first-frame: %.1f ms\n", floor_median);
  g_print ("first-frame-signed-in: %.1f ms = %.2f× floor (goal ≤ 1.2×)\n",
           median (first_ms), median (first_ms) / floor_median);
  g_print ("list-shown (server %d ms late): %.1f ms = %.2f× floor's first frame (goal ≤ 1.3×)\n",
           LATENCY_MS, median (list_ms), median (list_ms) / floor_median);
  g_print ("signin-to-list (%d ms per answer): %.1f ms = %.2f× %d ms (goal ≤ 2×)\n",
           LATENCY_MS, median (signin_ms), median (signin_ms) / LATENCY_MS, LATENCY_MS);

  g_application_quit (G_APPLICATION (app));
  ferry_sandbox_stop (sandbox);
  clear_cache ();
  {
    g_autofree char *dir = g_build_filename (cache_dir, "ferry", NULL);

    g_rmdir (dir);
    g_rmdir (cache_dir);
  }

  return EXIT_SUCCESS;
}
