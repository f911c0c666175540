/* test-cache-window.c: the window's start from the offline cache, and offline.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Real windows under Xvfb against the sandbox (window-fixture.h): a first start signs in
 * and leaves the cache behind (under this binary's private XDG_CACHE_HOME); the next
 * window plays Ferry's next start, online or with the server unreachable. Screenshots
 * cache-offline-en.png and cache-offline-de.png go to $FERRY_SCREENSHOT_DIR.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "ferry-connections-page.h"
#include "ferry-sync-details.h"
#include "ferry-syncs-page.h"
#include "ferry-workspace.h"
#include "window-fixture.h"

#define WAIT_FOR(cond) \
  FERRY_TEST_WAIT_FOR (cond, #cond, FERRY_WINDOW_FIXTURE_WAIT_MS, ferry_window_fixture_save_failure ("cache-window-timeout"))

#define PROJECTS_PATH "/api/v1/projects"
#define SYNCS_PATH    "/api/v1/secret-syncs/azure-devops"
#define LOGIN_PATH    "/api/v1/auth/universal-auth/login"

static gboolean
file_holds (const char *path,
            const char *text)
{
  g_autofree char *contents = NULL;

  return g_file_get_contents (path, &contents, NULL, NULL) && strstr (contents, text) != NULL;
}

static GtkWidget *
find (FerryWindowFixture *fixture,
      const char         *id)
{
  GtkWidget *widget = ferry_test_find_widget (GTK_WIDGET (fixture->window), id);

  g_assert_nonnull (widget);
  return widget;
}

/* The first actionable widget under @root bound to @action. */
static GtkWidget *
find_by_action (GtkWidget  *root,
                const char *action)
{
  if (GTK_IS_ACTIONABLE (root) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_action (child, action);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Whether @action is enabled for widgets inside @within, even when nothing on screen
 * carries it (Delete lives in the details' menu): a probe button inside @within follows
 * the action's state through GTK's action muxer, as the menu items do. */
static gboolean
action_enabled (GtkWidget  *within,
                const char *action)
{
  GtkWidget *probe = gtk_button_new ();
  gboolean enabled;

  gtk_actionable_set_action_name (GTK_ACTIONABLE (probe), action);
  gtk_widget_set_parent (probe, within);
  ferry_test_spin_for (50);
  enabled = gtk_widget_is_sensitive (probe);
  gtk_widget_unparent (probe);
  return enabled;
}

static gboolean
banner_shown (FerryWindowFixture *fixture)
{
  return gtk_revealer_get_reveal_child (GTK_REVEALER (find (fixture, "cache_revealer")));
}

static gboolean
lists_syncs (FerryWindowFixture *fixture)
{
  FerrySyncsPage *page;

  if (!ferry_window_fixture_in_state (fixture, "content"))
    return FALSE;
  page = FERRY_SYNCS_PAGE (ferry_window_get_syncs_page (fixture->window));
  return g_strcmp0 (ferry_syncs_page_get_state (page), "list") == 0 &&
         g_list_model_get_n_items (ferry_syncs_page_get_syncs (page)) > 0;
}

/* Requests of @method @path since the last clear, answered or not. */
static guint
count_requests (FerryWindowFixture *fixture,
                const char         *method,
                const char         *path)
{
  return ferry_sandbox_count_requests (fixture->sandbox, method, path);
}

/* The remote port of the first request of @method @path (its TCP connection), or 0. */
static gint64
first_port (FerryWindowFixture *fixture,
            const char         *method,
            const char         *path)
{
  g_autoptr(JsonNode) node = ferry_sandbox_get_requests (fixture->sandbox);
  JsonArray *array = json_node_get_array (node);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *entry = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (entry, "method"), method) == 0 &&
          g_strcmp0 (json_object_get_string_member (entry, "path"), path) == 0)
        return json_object_get_int_member_with_default (entry, "remotePort", 0);
    }

  return 0;
}

static gboolean
any_request_on_port (FerryWindowFixture *fixture,
                     gint64              port,
                     const char         *except_path)
{
  g_autoptr(JsonNode) node = ferry_sandbox_get_requests (fixture->sandbox);
  JsonArray *array = json_node_get_array (node);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *entry = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (entry, "path"), except_path) != 0 &&
          json_object_get_int_member_with_default (entry, "remotePort", -1) == port)
        return TRUE;
    }

  return FALSE;
}

/* Whether the cache file at @path lists the connection @id (in its "connections", not
 * only as a sync's connectionId). */
static gboolean
cache_holds_connection (const char *path,
                        const char *id)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *lists;
  g_autoptr(GList) projects = NULL;

  if (!json_parser_load_from_file (parser, path, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return FALSE;
  lists = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "connections");
  if (lists == NULL)
    return FALSE;
  projects = json_object_get_members (lists);
  for (GList *l = projects; l != NULL; l = l->next)
    {
      JsonArray *array = json_object_get_array_member (lists, l->data);

      for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
        if (g_strcmp0 (json_object_get_string_member_with_default (json_array_get_object_element (array, i), "id", NULL), id) == 0)
          return TRUE;
    }
  return FALSE;
}

/* Signs in and waits for the offline cache to hold what the window shows. Returns its path. */
static char *
sign_in_and_cache (FerryWindowFixture *fixture)
{
  FerrySyncsPage *page;
  g_autoptr(FerrySync) first = NULL;
  FerryWorkspace *workspace;
  char *path;

  ferry_window_fixture_sign_in (fixture);
  page = FERRY_SYNCS_PAGE (ferry_window_get_syncs_page (fixture->window));
  first = g_list_model_get_item (ferry_syncs_page_get_syncs (page), 0);
  workspace = ferry_context_get_workspace (fixture->context);
  path = g_strdup (ferry_cache_get_path (ferry_workspace_get_cache (workspace)));
  WAIT_FOR (file_holds (path, ferry_resource_get_id (FERRY_RESOURCE (first))));
  g_assert_false (banner_shown (fixture));

  return path;
}

/* Ferry's next start: a new window, the account restored from the keyring. */
static void
restart (FerryWindowFixture *fixture)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  ferry_context_set_session (fixture->context, NULL);
  ferry_test_spin_for (50);

  fixture->window = ferry_window_new (fixture->app, fixture->context);
  ferry_window_fixture_track_window (GTK_WIDGET (fixture->window));
  gtk_window_present (GTK_WINDOW (fixture->window));
  ferry_test_wait_mapped (GTK_WIDGET (fixture->window));
  ferry_window_start (fixture->window);
}

/* Every answer of the sandbox @ms late. */
static void
slow_server (FerryWindowFixture *fixture,
             int                 ms)
{
  g_autoptr(JsonObject) spec = json_object_new ();
  g_autoptr(GError) error = NULL;

  json_object_set_string_member (spec, "route", "*");
  json_object_set_string_member (spec, "kind", "latency");
  json_object_set_int_member (spec, "latencyMs", ms);
  g_assert_true (ferry_sandbox_add_fault (fixture->sandbox, spec, &error));
  g_assert_no_error (error);
}

/* Sign-in and window share one HTTP session, and the start sends each list once. */
static void
test_start_requests (FerryWindowFixture *fixture,
                     gconstpointer       data)
{
  g_autofree char *path = NULL;
  gint64 login_port;

  ferry_window_fixture_open (fixture, "CacheStart");
  path = sign_in_and_cache (fixture);

  /* The sign-in lists no projects: the window's list is the only one. */
  g_assert_cmpuint (count_requests (fixture, "GET", PROJECTS_PATH), ==, 1);
  g_assert_cmpuint (count_requests (fixture, "POST", LOGIN_PATH), ==, 1);
  /* The login's connection carries the window's requests too (a second session would
   * open connections of its own). */
  login_port = first_port (fixture, "POST", LOGIN_PATH);
  g_assert_cmpint (login_port, >, 0);
  g_assert_true (any_request_on_port (fixture, login_port, LOGIN_PATH));

  /* Next start: the list at once from the cache, then one request per list. */
  ferry_sandbox_clear_requests (fixture->sandbox);
  restart (fixture);
  WAIT_FOR (lists_syncs (fixture));
  WAIT_FOR (ferry_workspace_get_cached_at (ferry_context_get_workspace (fixture->context)) == 0);
  WAIT_FOR (count_requests (fixture, "GET", SYNCS_PATH) >= 1);
  ferry_test_spin_for (500);
  g_assert_cmpuint (count_requests (fixture, "GET", PROJECTS_PATH), ==, 1);
  g_assert_cmpuint (count_requests (fixture, "GET", SYNCS_PATH), ==, 1);
  g_assert_false (banner_shown (fixture));

  ferry_window_fixture_close (fixture);
}

/* Cached data shows "Updated …" until the server answers. */
static void
test_updated_banner (FerryWindowFixture *fixture,
                     gconstpointer       data)
{
  g_autofree char *path = NULL;
  const char *text;

  ferry_window_fixture_open (fixture, "CacheUpdated");
  path = sign_in_and_cache (fixture);

  slow_server (fixture, 1500);
  restart (fixture);
  WAIT_FOR (lists_syncs (fixture));
  WAIT_FOR (banner_shown (fixture));
  text = gtk_label_get_label (GTK_LABEL (find (fixture, "cache_label")));
  g_assert_cmpstr (text, ==, _("Updated just now"));
  g_assert_false (gtk_widget_get_visible (find (fixture, "cache_retry_button")));
  /* Online, so nothing is read-only. */
  g_assert_true (gtk_widget_is_sensitive (find (fixture, "new_button")));

  WAIT_FOR (!banner_shown (fixture));
  ferry_sandbox_clear_faults (fixture->sandbox);
  ferry_window_fixture_close (fixture);
}

/* What each painted frame of the Syncs page showed, from its first with the list on. */
typedef struct
{
  FerryWindow *window;
  guint        list_frames;
  gboolean     details_in_first;
  gboolean     details_later;
} Paints;

static void
record_paint_cb (GdkFrameClock *clock,
                 Paints        *paints)
{
  GtkWidget *page;
  GtkWidget *details;

  /* The window builds its pages when they first show: ask for one only then. */
  if (g_strcmp0 (ferry_window_get_state (paints->window), "content") != 0)
    return;
  page = ferry_window_get_syncs_page (paints->window);
  if (!gtk_widget_get_mapped (page) || g_strcmp0 (ferry_syncs_page_get_state (FERRY_SYNCS_PAGE (page)), "list") != 0)
    return;
  details = ferry_test_find_widget (page, "details");
  if (paints->list_frames++ == 0)
    paints->details_in_first = gtk_widget_get_mapped (details);
  else if (gtk_widget_get_mapped (details))
    paints->details_later = TRUE;
}

/* A cached list is painted first; the selected sync's details follow in a later frame. */
static void
test_details_after_list (FerryWindowFixture *fixture,
                         gconstpointer       data)
{
  g_autofree char *path = NULL;
  Paints paints = { 0 };
  GdkFrameClock *clock;
  FerrySyncsPage *page;
  FerrySyncDetails *details;
  gulong id;

  ferry_window_fixture_open (fixture, "CacheDetails");
  path = sign_in_and_cache (fixture);

  /* The server slow: what the window shows first is the cache. */
  slow_server (fixture, 1500);
  restart (fixture);
  paints.window = fixture->window;
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (fixture->window));
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (record_paint_cb), &paints);

  WAIT_FOR (paints.details_later);
  g_signal_handler_disconnect (clock, id);
  g_assert_false (paints.details_in_first);
  g_assert_true (banner_shown (fixture));

  /* Then the details are the selected sync's, as ever. */
  page = FERRY_SYNCS_PAGE (ferry_window_get_syncs_page (fixture->window));
  g_assert_true (ferry_syncs_page_get_list_painted (page));
  details = FERRY_SYNC_DETAILS (ferry_test_find_widget (GTK_WIDGET (page), "details"));
  g_assert_nonnull (ferry_syncs_page_get_selected (page));
  g_assert_true (ferry_sync_details_get_sync (details) == ferry_syncs_page_get_selected (page));

  ferry_sandbox_clear_faults (fixture->sandbox);
  ferry_window_fixture_close (fixture);
}

/* The server unreachable: the cached state, read-only, under a banner with Retry. */
static void
test_offline (FerryWindowFixture *fixture,
              gconstpointer       data)
{
  const char *lang = data;
  g_autoptr(JsonObject) spec = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *shot = NULL;
  g_autofree char *name = g_strdup_printf ("cache-offline-%s", lang);
  FerryWorkspace *workspace;
  FerrySyncsPage *page;
  FerryConnectionsPage *connections;
  g_autoptr(FerryConnection) connection = NULL;
  g_autofree char *conn_id = NULL;
  GtkWidget *row;
  const char *text;

  /* C.UTF-8 with LANGUAGE is enough for gettext; the window's strings are looked up when
   * it is built, so the next window speaks @lang. */
  g_setenv ("LANGUAGE", lang, TRUE);
  setlocale (LC_ALL, "");

  ferry_window_fixture_open (fixture, "CacheOffline");
  path = sign_in_and_cache (fixture);
  /* The connections too, once they were shown. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-view", "s", "connections");
  connections = FERRY_CONNECTIONS_PAGE (ferry_window_get_connections_page (fixture->window));
  WAIT_FOR (g_strcmp0 (ferry_connections_page_get_state (connections), "list") == 0);
  connection = g_list_model_get_item (ferry_connections_page_get_connections (connections), 0);
  conn_id = g_strdup (ferry_resource_get_id (FERRY_RESOURCE (connection)));
  g_clear_object (&connection);
  WAIT_FOR (cache_holds_connection (path, conn_id));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-view", "s", "syncs");

  json_object_set_string_member (spec, "route", "*");
  json_object_set_string_member (spec, "kind", "reset");
  g_assert_true (ferry_sandbox_add_fault (fixture->sandbox, spec, &error));
  g_assert_no_error (error);
  restart (fixture);

  WAIT_FOR (lists_syncs (fixture));
  workspace = ferry_context_get_workspace (fixture->context);
  WAIT_FOR (ferry_workspace_get_offline (workspace));
  WAIT_FOR (banner_shown (fixture));
  page = FERRY_SYNCS_PAGE (ferry_window_get_syncs_page (fixture->window));
  g_assert_cmpuint (g_list_model_get_n_items (ferry_syncs_page_get_syncs (page)), >, 0);

  /* What it says: offline, since when, and Retry. */
  text = gtk_label_get_label (GTK_LABEL (find (fixture, "cache_label")));
  g_test_message ("Banner: %s", text);
  {
    g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (ferry_workspace_get_cached_at (workspace));
    g_autofree char *time = g_date_time_format (when, "%H:%M");
    g_autofree char *expected = g_strdup_printf (_("Ferry cannot reach the server. Showing the data from %s; changes need a connection."), time);

    g_assert_cmpstr (text, ==, expected);
  }
  if (g_strcmp0 (lang, "de") == 0)
    g_assert_nonnull (strstr (text, "Server"));
  else
    g_assert_nonnull (strstr (text, "cannot reach the server"));
  g_assert_true (gtk_widget_get_visible (find (fixture, "cache_retry_button")));
  /* Read-only: what needs the server is off, in the header and on the selected sync. */
  g_assert_false (gtk_widget_is_sensitive (find (fixture, "new_button")));
  g_assert_nonnull (ferry_syncs_page_get_selected (page));
  g_assert_false (gtk_widget_is_sensitive (find_by_action (GTK_WIDGET (page), "syncs.sync-now")));
  g_assert_false (action_enabled (GTK_WIDGET (page), "syncs.delete"));

  ferry_test_spin_for (400);
  shot = ferry_test_save_screenshot (GTK_WIDGET (fixture->window), name);
  g_test_message ("Screenshot: %s", shot);

  /* The connections too: the cache's rows, none of them editable, nothing to add. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-view", "s", "connections");
  connections = FERRY_CONNECTIONS_PAGE (ferry_window_get_connections_page (fixture->window));
  WAIT_FOR (g_strcmp0 (ferry_connections_page_get_state (connections), "list") == 0);
  g_assert_true (ferry_connections_page_get_read_only (connections));
  WAIT_FOR (ferry_connections_page_get_row (connections, conn_id) != NULL);
  row = ferry_connections_page_get_row (connections, conn_id);
  g_assert_false (gtk_widget_is_sensitive (row));
  g_assert_false (action_enabled (GTK_WIDGET (connections), "connections.add"));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-view", "s", "syncs");

  /* Retry once the server is back: live again. */
  ferry_sandbox_clear_faults (fixture->sandbox);
  gtk_widget_activate (find (fixture, "cache_retry_button"));
  WAIT_FOR (!ferry_workspace_get_offline (workspace));
  WAIT_FOR (!banner_shown (fixture));
  g_assert_true (gtk_widget_is_sensitive (find (fixture, "new_button")));
  g_assert_true (gtk_widget_is_sensitive (find_by_action (GTK_WIDGET (page), "syncs.sync-now")));
  g_assert_true (action_enabled (GTK_WIDGET (page), "syncs.delete"));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-view", "s", "connections");
  g_assert_false (ferry_connections_page_get_read_only (connections));
  WAIT_FOR (ferry_connections_page_get_row (connections, conn_id) != NULL);
  row = ferry_connections_page_get_row (connections, conn_id);
  g_assert_true (gtk_widget_is_sensitive (row));
  g_assert_true (action_enabled (GTK_WIDGET (connections), "connections.add"));

  ferry_window_fixture_close (fixture);
  g_setenv ("LANGUAGE", "en", TRUE);
  setlocale (LC_ALL, "");
}

static void
fixture_teardown (FerryWindowFixture *fixture,
                  gconstpointer       data)
{
  ferry_window_fixture_close (fixture);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *locale_dir = NULL;

  ferry_test_init_gtk (&argc, &argv);
  /* The built catalogs (po/), for the German run. */
  locale_dir = g_build_filename (g_getenv ("FERRY_BUILD_ROOT"), "po", NULL);
  bindtextdomain (GETTEXT_PACKAGE, locale_dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Without the private gnome-keyring, libsecret's file backend in the private HOME
   * (as tests/ui/test-main-window.c does). */
  if (g_strcmp0 (g_getenv ("FERRY_TEST_SECRET_SERVICE"), "1") != 0)
    {
      g_autofree char *path = g_build_filename (ferry_test_get_home (), "test.keyring", NULL);

      g_setenv ("SECRET_BACKEND", "file", TRUE);
      g_setenv ("SECRET_FILE_TEST_PATH", path, TRUE);
      g_setenv ("SECRET_FILE_TEST_PASSWORD", "ferry-test", TRUE);
    }

#define ADD(path, data, func) \
  g_test_add (path, FerryWindowFixture, data, NULL, func, fixture_teardown)
  ADD ("/cache-window/start-requests", NULL, test_start_requests);
  ADD ("/cache-window/updated-banner", NULL, test_updated_banner);
  ADD ("/cache-window/details-after-list", NULL, test_details_after_list);
  ADD ("/cache-window/offline-en", "en", test_offline);
  ADD ("/cache-window/offline-de", "de", test_offline);
#undef ADD

  return g_test_run ();
}
