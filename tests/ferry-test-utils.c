/* ferry-test-utils.c
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdlib.h>

#include "ferry-sync.h"
#include "ferry-test-utils.h"

static char *isolated_root;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            remove_tree (child);
          else
            g_unlink (child);
        }
    }
  g_rmdir (path);
}

static void
remove_isolated_root (void)
{
  if (isolated_root != NULL && g_getenv ("FERRY_TEST_KEEP_HOME") == NULL)
    remove_tree (isolated_root);
  g_clear_pointer (&isolated_root, g_free);
}

const char *
ferry_test_get_home (void)
{
  return isolated_root;
}

void
ferry_test_init (int    *argc,
                 char ***argv)
{
  static const char *xdg[][2] = {
    { "XDG_CONFIG_HOME", ".config" },
    { "XDG_DATA_HOME", ".local/share" },
    { "XDG_CACHE_HOME", ".cache" },
    { "XDG_STATE_HOME", ".local/state" },
  };
  g_autoptr(GError) error = NULL;

  /* A private HOME and XDG user dirs per test binary, set before GLib reads them.
   * (G_TEST_OPTION_ISOLATE_DIRS would also empty XDG_DATA_DIRS, which hides the
   * shared-mime-info database that gdk-pixbuf needs to recognise SVG icons.) */
  isolated_root = g_dir_make_tmp ("ferry-test-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("HOME", isolated_root, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (xdg); i++)
    {
      g_autofree char *path = g_build_filename (isolated_root, xdg[i][1], NULL);
      g_mkdir_with_parents (path, 0700);
      g_setenv (xdg[i][0], path, TRUE);
    }
  atexit (remove_isolated_root);

  /* libsecret's file backend (what Flatpak apps get, with the key from the Secret
   * portal) keeps its items in SECRET_FILE_TEST_PATH under SECRET_FILE_TEST_PASSWORD
   * outside a sandbox (libsecret/secret-file-backend.c): a file in the private HOME. */
  if (g_strcmp0 (g_getenv ("SECRET_BACKEND"), "file") == 0 && g_getenv ("SECRET_FILE_TEST_PATH") == NULL)
    {
      g_autofree char *dir = g_build_filename (isolated_root, ".local", "share", "keyrings", NULL);
      g_autofree char *path = g_build_filename (dir, "ferry-test.keyring", NULL);

      g_mkdir_with_parents (dir, 0700);
      g_setenv ("SECRET_FILE_TEST_PATH", path, TRUE);
    }

  g_test_init (argc, argv, NULL);
}

gboolean
ferry_test_have_keyring (void)
{
  if (g_strcmp0 (g_getenv ("FERRY_TEST_SECRET_SERVICE"), "1") == 0)
    return TRUE;

  return g_strcmp0 (g_getenv ("SECRET_BACKEND"), "file") == 0 &&
         g_getenv ("SECRET_FILE_TEST_PASSWORD") != NULL &&
         g_getenv ("SECRET_FILE_TEST_PATH") != NULL;
}

void
ferry_test_init_gtk (int    *argc,
                     char ***argv)
{
  ferry_test_init (argc, argv);

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display (run under ./dev.sh test or xvfb-run)\n");
      exit (77);
    }

  gtk_init ();
  adw_init ();
}

typedef struct
{
  gboolean (*predicate) (gpointer data);
  gpointer   data;
} SpinData;

guint
ferry_test_timeout_multiplier (void)
{
  const char *value = g_getenv ("MESON_TEST_TIMEOUT_MULTIPLIER");
  guint64 multiplier;

  /* Set by ./dev.sh (and CI scripts) beside meson test's --timeout-multiplier: a
   * sanitizer run or a loaded machine slows everything down, the waits too. Meson itself
   * does not pass it to tests. */
  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 1, 100, &multiplier, NULL))
    return 1;

  return (guint) multiplier;
}

guint
ferry_test_scale_ms (guint timeout_ms)
{
  return (guint) MIN ((guint64) timeout_ms * ferry_test_timeout_multiplier (), G_MAXUINT);
}

static gboolean
spin_until_deadline (gboolean (*predicate) (gpointer data),
                     gpointer   data,
                     guint      ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) ms * 1000;

  while (!predicate (data))
    {
      if (g_get_monotonic_time () > deadline)
        return predicate (data);
      /* Never block forever: a timeout source wakes the loop at least every 10 ms. */
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }

  return TRUE;
}

gboolean
ferry_test_spin_until (gboolean (*predicate) (gpointer data),
                       gpointer   data,
                       guint      timeout_ms)
{
  return spin_until_deadline (predicate, data, ferry_test_scale_ms (timeout_ms));
}

static gboolean
always_false (gpointer data)
{
  return FALSE;
}

void
ferry_test_spin_for (guint ms)
{
  /* A fixed time, not a limit: not scaled. */
  spin_until_deadline (always_false, NULL, ms);
}

static gboolean
widget_is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

void
ferry_test_wait_mapped (GtkWidget *widget)
{
  if (!ferry_test_spin_until (widget_is_mapped, widget, 10000))
    g_error ("%s was not mapped within 10 s", G_OBJECT_TYPE_NAME (widget));
  /* Let layout and the first frame settle. */
  ferry_test_spin_for (100);
}

char *
ferry_test_save_screenshot (GtkWidget  *widget,
                            const char *name)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  GskRenderer *renderer;
  int width, height;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  dir = g_strdup (g_getenv ("FERRY_SCREENSHOT_DIR"));
  if (dir == NULL)
    dir = g_build_filename (g_get_tmp_dir (), "ferry-screenshots", NULL);
  g_mkdir_with_parents (dir, 0755);
  path = g_strdup_printf ("%s/%s.png", dir, name);

  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  /* A widget that was just invalidated has no render node until its next frame:
   * give it up to 5 s to paint. */
  paintable = gtk_widget_paintable_new (widget);
  for (guint attempt = 0; node == NULL && attempt < 100; attempt++)
    {
      if (attempt > 0)
        ferry_test_spin_for (50);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));

  g_test_message ("screenshot: %s", path);

  return g_steal_pointer (&path);
}

typedef struct
{
  GtkWidget  *widget;
  const char *name;
  char       *path;
} ShotData;

static void
shot_after_paint_cb (GdkFrameClock *clock,
                     ShotData      *data)
{
  /* Right after a paint, layout is valid: the widget can be rendered again. */
  if (data->path == NULL)
    data->path = ferry_test_save_screenshot (data->widget, data->name);
}

static gboolean
shot_taken (gpointer user_data)
{
  return ((ShotData *) user_data)->path != NULL;
}

void
ferry_test_shot_widget (GtkWidget  *widget,
                        const char *name)
{
  ShotData data = { widget, name, NULL };
  GdkFrameClock *clock;
  gulong id;

  ferry_test_wait_mapped (widget);
  ferry_test_spin_for (200);
  clock = gtk_widget_get_frame_clock (widget);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (shot_after_paint_cb), &data);
  gtk_widget_queue_draw (widget);
  g_assert_true (ferry_test_spin_until (shot_taken, &data, 10000));
  g_signal_handler_disconnect (clock, id);
  g_assert_true (g_file_test (data.path, G_FILE_TEST_IS_REGULAR));
  g_free (data.path);
}

GtkWidget *
ferry_test_find_widget (GtkWidget  *root,
                        const char *id)
{
  if (g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (root)), id) == 0 ||
      g_strcmp0 (gtk_widget_get_name (root), id) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ferry_test_find_widget (child, id);
      if (found != NULL)
        return found;
    }

  return NULL;
}

gpointer
ferry_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (item, type) && gtk_widget_get_visible (GTK_WIDGET (item)))
        return item;
    }

  return NULL;
}

gboolean
ferry_test_has_sync_named (GListModel *syncs,
                           const char *name)
{
  for (guint i = 0; i < g_list_model_get_n_items (syncs); i++)
    {
      g_autoptr(FerrySync) sync = g_list_model_get_item (syncs, i);

      if (g_strcmp0 (ferry_sync_get_name (sync), name) == 0)
        return TRUE;
    }

  return FALSE;
}

JsonObject *
ferry_test_hcl_to_json (const char *hcl)
{
  const char *source_root = g_getenv ("FERRY_SOURCE_ROOT");
  const char *build_root = g_getenv ("FERRY_BUILD_ROOT");
  g_autofree char *script = g_strdup (g_getenv ("FERRY_HCL2JSON"));
  g_autofree char *node_path = g_strdup (g_getenv ("NODE_PATH"));
  g_autofree char *module = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *file = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(GStrv) envp = NULL;
  g_autofree char *node = g_find_program_in_path ("node");
  int status = 0;

  g_return_val_if_fail (hcl != NULL, NULL);

  if (script == NULL && source_root != NULL)
    script = g_build_filename (source_root, "tests", "hcl", "hcl2json.js", NULL);
  if (node_path == NULL && build_root != NULL)
    node_path = g_build_filename (build_root, "tests", "hcl", "node_modules", NULL);
  module = node_path != NULL ? g_build_filename (node_path, "@cdktf", "hcl2json", NULL) : NULL;
  if (script == NULL || module == NULL || !g_file_test (module, G_FILE_TEST_IS_DIR) ||
      node == NULL)
    {
      g_test_skip ("the HCL parser is not installed: ./dev.sh test installs tests/hcl into the build dir");
      return NULL;
    }

  dir = g_dir_make_tmp ("ferry-hcl-XXXXXX", &error);
  g_assert_no_error (error);
  file = g_build_filename (dir, "main.tf", NULL);
  g_assert_true (g_file_set_contents (file, hcl, -1, &error));
  envp = g_environ_setenv (g_get_environ (), "NODE_PATH", node_path, TRUE);

  {
    const char *argv[] = { "node", script, file, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                 &out, &err, &status, &error));
  }
  g_assert_no_error (error);
  g_unlink (file);
  g_rmdir (dir);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("not valid HCL (%s):\n%s", err, hcl);

  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));

  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* ---- A fake notification server ---- */

static const char notifications_xml[] =
  "<node><interface name='org.gtk.Notifications'>"
  "<method name='AddNotification'><arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "<arg type='a{sv}' direction='in'/></method>"
  "<method name='RemoveNotification'><arg type='s' direction='in'/><arg type='s' direction='in'/></method>"
  "</interface></node>";

static void
notifications_method_cb (GDBusConnection       *connection,
                         const char            *sender,
                         const char            *object_path,
                         const char            *interface_name,
                         const char            *method_name,
                         GVariant              *parameters,
                         GDBusMethodInvocation *invocation,
                         gpointer               user_data)
{
  if (g_strcmp0 (method_name, "AddNotification") == 0)
    g_ptr_array_add (user_data, g_variant_ref (parameters));
  g_dbus_method_invocation_return_value (invocation, NULL);
}

GPtrArray *
ferry_test_start_notification_server (GDBusConnection *bus)
{
  static const GDBusInterfaceVTable vtable = { notifications_method_cb, NULL, NULL, { 0 } };
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (notifications_xml, NULL);
  g_autoptr(GDBusConnection) session = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *notifications;

  if (bus == NULL)
    bus = session = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  if (bus == NULL)
    return NULL;

  notifications = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  g_dbus_connection_register_object (bus, "/org/gtk/Notifications", info->interfaces[0], &vtable,
                                     g_ptr_array_ref (notifications), (GDestroyNotify) g_ptr_array_unref, &error);
  g_assert_no_error (error);
  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", "org.gtk.Notifications", 4 /* DO_NOT_QUEUE */),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  return notifications;
}

const char *
ferry_test_notification_title (GVariant *notification)
{
  g_autoptr(GVariant) dict = g_variant_get_child_value (notification, 2);
  const char *title = NULL;

  /* The string lives in @notification: the child shares its data. */
  g_variant_lookup (dict, "title", "&s", &title);
  return title;
}
