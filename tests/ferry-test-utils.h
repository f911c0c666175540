/* ferry-test-utils.h: shared helpers for Ferry's tests.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Iterates the default main context until @cond holds; after @timeout_ms (scaled with
 * ferry_test_scale_ms) runs @on_timeout
 * (e.g. saving a screenshot) and fails the test with @cond_text (the condition as written,
 * #cond in the caller's macro) and the line that waited. */
#define FERRY_TEST_WAIT_FOR(cond, cond_text, timeout_ms, on_timeout)                \
  G_STMT_START {                                                                    \
    gint64 _deadline = g_get_monotonic_time () + (gint64) ferry_test_scale_ms (timeout_ms) * 1000; \
    while (!(cond))                                                                 \
      {                                                                             \
        if (g_get_monotonic_time () > _deadline)                                    \
          {                                                                         \
            on_timeout;                                                             \
            g_error ("%s:%d: timed out waiting for %s", __FILE__, __LINE__, cond_text); \
          }                                                                         \
        g_main_context_iteration (NULL, FALSE);                                     \
        g_usleep (1000);                                                            \
      }                                                                             \
  } G_STMT_END

/* g_test_init with a private HOME and XDG user dirs for this test binary,
 * removed at exit (kept when FERRY_TEST_KEEP_HOME is set). */
void      ferry_test_init            (int          *argc,
                                      char       ***argv);

/* Whether a throw-away keyring is there: the private gnome-keyring of
 * tests/keyring-session.sh (FERRY_TEST_SECRET_SERVICE=1), or libsecret's file backend
 * (SECRET_BACKEND=file with SECRET_FILE_TEST_PASSWORD; ferry_test_init () puts
 * SECRET_FILE_TEST_PATH in the private HOME). Never a real keyring. */
gboolean  ferry_test_have_keyring    (void);

/* The private HOME made by ferry_test_init (). */
const char *ferry_test_get_home      (void);

/* For UI tests: ferry_test_init, then gtk_init and adw_init. Exits 77 (skip) without a display. */
void      ferry_test_init_gtk        (int          *argc,
                                      char       ***argv);

/* $MESON_TEST_TIMEOUT_MULTIPLIER (1 when unset or not a number from 1 to 100), and
 * @timeout_ms times it: every wait of the test helpers scales with it, as meson test's
 * own timeout does with --timeout-multiplier. */
guint     ferry_test_timeout_multiplier (void);
guint     ferry_test_scale_ms        (guint         timeout_ms);

/* Iterates the default main context until @predicate returns TRUE or @timeout_ms (scaled
 * with ferry_test_scale_ms) passes. Returns what @predicate returned last. */
gboolean  ferry_test_spin_until      (gboolean    (*predicate) (gpointer data),
                                      gpointer      data,
                                      guint         timeout_ms);

/* Iterates the default main context for @ms milliseconds (not scaled). */
void      ferry_test_spin_for        (guint         ms);

/* Spins until @widget is mapped (fails the test after 10 s). */
void      ferry_test_wait_mapped     (GtkWidget    *widget);

/* Renders @widget (usually a window) and saves it as $FERRY_SCREENSHOT_DIR/@name.png.
 * Returns the path written. */
char     *ferry_test_save_screenshot (GtkWidget    *widget,
                                      const char   *name);

/* Saves @widget as $FERRY_SCREENSHOT_DIR/@name.png once it has been mapped, laid out and
 * painted; fails the test when no paint comes within 10 s or no file was written. */
void      ferry_test_shot_widget     (GtkWidget    *widget,
                                      const char   *name);

/* The widget below @root (or @root) whose buildable id or widget name is @id, or NULL. */
GtkWidget *ferry_test_find_widget    (GtkWidget    *root,
                                      const char   *id);

/* The first visible toplevel window of @type, or NULL. */
gpointer  ferry_test_find_toplevel   (GType         type);

/* A fake notification server on @bus (NULL: the session bus): owns org.gtk.Notifications,
 * which GNotification prefers outside Flatpak when the name has an owner
 * (gio/gnotificationbackend.c, gio/ggtknotificationbackend.c), and appends the parameters
 * (ssa{sv}: application id, notification id, notification) of each AddNotification to
 * the array it returns (a new ref; the server keeps one). NULL without a bus. */
GPtrArray  *ferry_test_start_notification_server (GDBusConnection *bus);
/* The title of a notification that array holds, or NULL. */
const char *ferry_test_notification_title        (GVariant        *notification);

/* Whether @syncs (a list of FerrySync) holds one named @name. */
gboolean  ferry_test_has_sync_named  (GListModel   *syncs,
                                      const char   *name);

/* The JSON form of @hcl from tests/hcl/hcl2json.js (the npm package @cdktf/hcl2json that
 * dev.sh installs into the build dir), parsed for real; fails the test when @hcl is not
 * valid HCL. NULL, with the test skipped, when the parser is not installed. The script and
 * the modules: $FERRY_HCL2JSON and $NODE_PATH, else those of $FERRY_SOURCE_ROOT and
 * $FERRY_BUILD_ROOT (every test's environment, tests/meson.build). */
JsonObject *ferry_test_hcl_to_json   (const char   *hcl);

G_END_DECLS
