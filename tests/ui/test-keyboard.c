/* test-keyboard.c: the main window by keyboard, with real key events.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4 has no way to inject a key event, so the keys are real ones: xdotool types them on
 * the Xvfb display through XTEST (tools/debian-packages.txt), after giving the window the
 * X input focus, and they go through GTK's own event handling and shortcut controllers.
 * The same for a right click.
 */

#include "config.h"

#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <string.h>

#include "assistant/ferry-sync-assistant.h"
#include "ferry-account-dialog.h"
#include "ferry-signin-page.h"
#include "ferry-syncs-page.h"
#include "window-fixture.h"

#define WAIT_MS 20000
#define WAIT_FOR(cond) FERRY_TEST_WAIT_FOR (cond, #cond, WAIT_MS, ferry_window_fixture_save_failure ("keyboard-timeout"))

typedef FerryWindowFixture Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  ferry_window_fixture_open (fixture, "Keyboard");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  ferry_window_fixture_close (fixture);
}

static gboolean
is_active (gpointer data)
{
  return gtk_window_is_active (GTK_WINDOW (data));
}

/* Presses @keys (xdotool's names, e.g. "ctrl+e") with @window focused. */
static void
press (GtkWidget  *window,
       const char *keys)
{
  g_autofree char *xid = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (GDK_IS_X11_SURFACE (gtk_native_get_surface (GTK_NATIVE (window))));
  xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (window))));

  {
    const char *focus[] = { "xdotool", "windowfocus", "--sync", xid, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) focus, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  g_assert_true (ferry_test_spin_until (is_active, window, 5000));

  {
    const char *key[] = { "xdotool", "key", "--clearmodifiers", keys, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) key, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  ferry_test_spin_for (300);
}

/* Runs xdotool with @args (NULL-terminated after the command name's own arguments). */
static void
xdotool (const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) "xdotool");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* A real click of mouse @button on the middle of @widget. */
static void
click (GtkWidget *widget,
       guint      button)
{
  GtkNative *native = gtk_widget_get_native (widget);
  graphene_rect_t bounds;
  double surface_x, surface_y;
  g_autofree char *xid = NULL;
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;
  g_autofree char *b = g_strdup_printf ("%u", button);

  g_assert_true (gtk_widget_compute_bounds (widget, GTK_WIDGET (native), &bounds));
  /* Widget coordinates of the window start inside its client-side shadow. */
  gtk_native_get_surface_transform (native, &surface_x, &surface_y);
  xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (gtk_native_get_surface (native)));
  x = g_strdup_printf ("%d", (int) (surface_x + bounds.origin.x + bounds.size.width / 2));
  y = g_strdup_printf ("%d", (int) (surface_y + bounds.origin.y + bounds.size.height / 2));

  xdotool ((const char *[]) { "mousemove", "--window", xid, "--sync", x, y, NULL });
  ferry_test_spin_for (200);
  xdotool ((const char *[]) { "click", b, NULL });
  ferry_test_spin_for (300);
}

static GtkWidget *
find_type (GtkWidget *root,
           GType      type)
{
  /* On screen: a list view keeps unused rows around. */
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && gtk_widget_get_mapped (root) && gtk_widget_get_width (root) > 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
clipboard_read_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  char **text = user_data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, NULL);
  if (*text == NULL)
    *text = g_strdup ("");
}

static FerrySyncsPage *
syncs_page (Fixture *fixture)
{
  return FERRY_SYNCS_PAGE (ferry_window_get_syncs_page (fixture->window));
}

/* Ctrl+E and Ctrl+Return act on the selected sync with the focus in the header, outside
 * the Syncs page; on the Connections view they do nothing. */
static void
test_sync_shortcuts_anywhere (Fixture       *fixture,
                              gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  FerrySync *sync;
  FerrySyncAssistant *assistant;

  ferry_window_fixture_sign_in (fixture);
  WAIT_FOR ((sync = ferry_syncs_page_get_selected (syncs_page (fixture))) != NULL);

  /* The focus on the main menu button, in the header. */
  gtk_widget_grab_focus (ferry_test_find_widget (window, "primary_menu_button"));
  g_assert_false (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), ferry_window_get_syncs_page (fixture->window)));

  press (window, "ctrl+e");
  WAIT_FOR ((assistant = ferry_test_find_toplevel (FERRY_TYPE_SYNC_ASSISTANT)) != NULL);
  /* Escape closes the assistant. */
  g_object_add_weak_pointer (G_OBJECT (assistant), (gpointer *) &assistant);
  ferry_test_wait_mapped (GTK_WIDGET (assistant));
  press (GTK_WIDGET (assistant), "Escape");
  WAIT_FOR (assistant == NULL);

  gtk_widget_grab_focus (ferry_test_find_widget (window, "primary_menu_button"));
  g_assert_false (ferry_sync_get_busy (sync));
  press (window, "ctrl+Return");
  WAIT_FOR (ferry_sync_get_busy (sync) || ferry_sync_get_sync_status (sync) == FERRY_SYNC_STATUS_PENDING ||
            ferry_sync_get_sync_status (sync) == FERRY_SYNC_STATUS_RUNNING);
  WAIT_FOR (!ferry_sync_get_busy (sync));

  /* Another view: the keys do not reach the hidden list. */
  gtk_widget_activate_action (window, "win.show-view", "s", "connections");
  ferry_test_spin_for (300);
  press (window, "ctrl+e");
  ferry_test_spin_for (500);
  g_assert_null (ferry_test_find_toplevel (FERRY_TYPE_SYNC_ASSISTANT));
}

/* A toast's button below @root labelled @label (the toasts are widgets of the overlay). */
static GtkWidget *
find_toast_button (GtkWidget  *root,
                   const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0 &&
      gtk_widget_get_ancestor (root, ADW_TYPE_TOAST_OVERLAY) != NULL && gtk_widget_get_mapped (root))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_toast_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Ctrl+Shift+A turns auto-sync off from the header; the toast's Undo turns it on again. */
static void
test_auto_sync_undo (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GtkWidget *undo;
  FerrySync *sync;

  ferry_window_fixture_sign_in (fixture);
  WAIT_FOR ((sync = ferry_syncs_page_get_selected (syncs_page (fixture))) != NULL);
  g_assert_true (ferry_sync_get_auto_sync_enabled (sync));

  gtk_widget_grab_focus (ferry_test_find_widget (window, "search_button"));
  press (window, "ctrl+shift+a");
  WAIT_FOR (!ferry_sync_get_auto_sync_enabled (sync));

  WAIT_FOR ((undo = find_toast_button (window, "_Undo")) != NULL);
  g_signal_emit_by_name (undo, "clicked");
  WAIT_FOR (ferry_sync_get_auto_sync_enabled (sync));
}

/* A right click on a row (a real one, through XTEST) selects that sync and opens its menu;
 * the menu's Copy Sync ID puts the id on the clipboard. */
static void
test_row_context_menu (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GtkWidget *page = ferry_window_get_syncs_page (fixture->window);
  GtkWidget *row, *menu;
  g_autofree char *text = NULL;
  FerrySync *sync;

  ferry_window_fixture_sign_in (fixture);
  WAIT_FOR ((row = find_type (ferry_test_find_widget (page, "list_view"), g_type_from_name ("FerrySyncRow"))) != NULL);

  click (row, 3);
  WAIT_FOR ((menu = find_type (page, GTK_TYPE_POPOVER_MENU)) != NULL && gtk_widget_get_mapped (menu));
  ferry_test_shot_widget (menu, "keyboard-row-menu");
  sync = ferry_syncs_page_get_selected (syncs_page (fixture));
  g_assert_nonnull (sync);

  gtk_popover_popdown (GTK_POPOVER (menu));
  gtk_widget_activate_action (page, "syncs.copy-id", NULL);
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (window), NULL, clipboard_read_cb, &text);
  WAIT_FOR (text != NULL);
  g_assert_cmpstr (text, ==, ferry_resource_get_id (FERRY_RESOURCE (sync)));

  /* Its connection as Terraform (once the model knows the connections): the credentials
   * are variables, the PAT is nowhere in the text. */
  gtk_widget_activate_action (window, "win.show-view", "s", "connections");
  WAIT_FOR (ferry_project_model_find_connection (ferry_syncs_page_get_model (syncs_page (fixture)),
                                                 ferry_sync_get_connection_id (sync)) != NULL);
  gtk_widget_activate_action (window, "win.show-view", "s", "syncs");
  WAIT_FOR (gtk_widget_get_mapped (page));
  g_clear_pointer (&text, g_free);
  gtk_widget_activate_action (page, "syncs.copy-connection-terraform", NULL);
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (window), NULL, clipboard_read_cb, &text);
  WAIT_FOR (text != NULL);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "resource \"infisical_app_connection_azure_devops\""));
  g_assert_nonnull (strstr (text, "sensitive   = true"));
  g_assert_null (strstr (text, ferry_sandbox_get_devops_pat (fixture->sandbox, "contoso")));
}

/* Add Account is a dialog over the window; Escape closes it and the window is as it was. */
static void
test_add_account_escape (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  FerryAccountDialog *dialog;

  ferry_window_fixture_sign_in (fixture);
  gtk_widget_activate_action (window, "win.add-account", NULL);
  WAIT_FOR ((dialog = ferry_test_find_toplevel (FERRY_TYPE_ACCOUNT_DIALOG)) != NULL);
  g_assert_true (ferry_window_fixture_in_state (fixture, "content"));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  ferry_test_wait_mapped (GTK_WIDGET (dialog));

  press (GTK_WIDGET (dialog), "Escape");
  WAIT_FOR (dialog == NULL);
  g_assert_true (ferry_window_fixture_in_state (fixture, "content"));
}

/* Tab in the details goes from button to button, never onto the name (which would select
 * it all). */
static void
test_details_tab (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GtkWidget *details;
  GtkWidget *name_label;
  GtkWidget *sync_now;

  ferry_window_fixture_sign_in (fixture);
  details = ferry_test_find_widget (ferry_window_get_syncs_page (fixture->window), "details");
  name_label = ferry_test_find_widget (details, "name_label");
  sync_now = ferry_test_find_widget (details, "sync_now_button");
  WAIT_FOR (gtk_widget_get_mapped (sync_now));

  gtk_widget_grab_focus (sync_now);
  for (guint i = 0; i < 4; i++)
    {
      press (window, "shift+Tab");
      g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) != name_label);
    }
  {
    int start = 0, end = 0;

    g_assert_false (gtk_label_get_selection_bounds (GTK_LABEL (name_label), &start, &end) && start != end);
  }

  /* From Sync Now, one Tab reaches Edit, the next the menu: one stop per button. */
  gtk_widget_grab_focus (sync_now);
  press (window, "Tab");
  g_assert_cmpstr (gtk_buildable_get_buildable_id (GTK_BUILDABLE (gtk_root_get_focus (GTK_ROOT (window)))), ==, "edit_button");
  press (window, "Tab");
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), ferry_test_find_widget (details, "more_button")));
}

/* The sandbox's fixed ids: seed_uuid () of tests/sandbox/sandbox-seed.c. */
static char *
seed_uuid (const char *name)
{
  g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA1, name, -1);

  return g_strdup_printf ("%.8s-%.4s-4%.3s-a%.3s-%.12s", sum, sum + 8, sum + 12, sum + 15, sum + 18);
}

static gboolean
assistant_next_ready (GtkWidget *assistant)
{
  GtkWidget *next = ferry_test_find_widget (assistant, "next_button");

  return gtk_widget_get_visible (next) && gtk_widget_get_sensitive (next);
}

/* A new sync by keyboard at the end: Details has the suggested name focused and selected,
 * Enter takes it (Review), and Enter on Review creates the sync under that name. */
static void
test_assistant_enter_creates (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *internal_tools = seed_uuid ("devops:contoso:Internal Tools");
  GtkWidget *window = GTK_WIDGET (fixture->window);
  FerrySyncAssistant *assistant;
  FerrySyncDraft *draft;
  GtkWidget *widget;

  ferry_window_fixture_sign_in (fixture);
  gtk_widget_activate_action (window, "win.create-sync", NULL);
  WAIT_FOR ((assistant = ferry_test_find_toplevel (FERRY_TYPE_SYNC_ASSISTANT)) != NULL);
  g_object_add_weak_pointer (G_OBJECT (assistant), (gpointer *) &assistant);
  ferry_test_wait_mapped (GTK_WIDGET (assistant));
  draft = ferry_sync_assistant_get_draft (assistant);

  /* Source as preselected (the first environment, "/"); the destination by hand, as a
   * machine identity does. */
  WAIT_FOR (assistant_next_ready (GTK_WIDGET (assistant)));
  g_signal_emit_by_name (ferry_test_find_widget (GTK_WIDGET (assistant), "next_button"), "clicked");
  WAIT_FOR (ferry_sync_draft_get_connection_id (draft) != NULL &&
            gtk_widget_get_visible (ferry_test_find_widget (GTK_WIDGET (assistant), "devops_id_row")));
  gtk_editable_set_text (GTK_EDITABLE (ferry_test_find_widget (GTK_WIDGET (assistant), "devops_id_row")), internal_tools);
  gtk_editable_set_text (GTK_EDITABLE (ferry_test_find_widget (GTK_WIDGET (assistant), "devops_name_row")), "Internal Tools");
  WAIT_FOR (assistant_next_ready (GTK_WIDGET (assistant)));
  g_signal_emit_by_name (ferry_test_find_widget (GTK_WIDGET (assistant), "next_button"), "clicked");
  WAIT_FOR (assistant_next_ready (GTK_WIDGET (assistant)));
  g_signal_emit_by_name (ferry_test_find_widget (GTK_WIDGET (assistant), "next_button"), "clicked");
  g_assert_cmpint (ferry_sync_assistant_get_step (assistant), ==, FERRY_SYNC_DRAFT_STEP_DETAILS);

  widget = ferry_test_find_widget (GTK_WIDGET (assistant), "name_row");
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (assistant)), widget));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (widget)), ==, "dev-to-internal-tools");

  press (GTK_WIDGET (assistant), "Return");
  WAIT_FOR (ferry_sync_assistant_get_step (assistant) == FERRY_SYNC_DRAFT_STEP_REVIEW);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (assistant)) == ferry_test_find_widget (GTK_WIDGET (assistant), "create_button"));
  ferry_test_shot_widget (GTK_WIDGET (assistant), "keyboard-assistant-review");

  press (GTK_WIDGET (assistant), "Return");
  WAIT_FOR (assistant == NULL);
  WAIT_FOR (ferry_test_has_sync_named (ferry_syncs_page_get_syncs (syncs_page (fixture)), "dev-to-internal-tools"));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *xdotool_path = NULL;

  ferry_test_init_gtk (&argc, &argv);

  xdotool_path = g_find_program_in_path ("xdotool");
  if (!GDK_IS_X11_DISPLAY (gdk_display_get_default ()) || xdotool_path == NULL)
    {
      g_printerr ("real key events need an X11 display and xdotool\n");
      return 77;
    }

  g_test_add ("/keyboard/sync-shortcuts-anywhere", Fixture, NULL, fixture_set_up, test_sync_shortcuts_anywhere, fixture_tear_down);
  g_test_add ("/keyboard/auto-sync-undo", Fixture, NULL, fixture_set_up, test_auto_sync_undo, fixture_tear_down);
  g_test_add ("/keyboard/row-context-menu", Fixture, NULL, fixture_set_up, test_row_context_menu, fixture_tear_down);
  g_test_add ("/keyboard/add-account-escape", Fixture, NULL, fixture_set_up, test_add_account_escape, fixture_tear_down);
  g_test_add ("/keyboard/details-tab", Fixture, NULL, fixture_set_up, test_details_tab, fixture_tear_down);
  g_test_add ("/keyboard/assistant-enter-creates", Fixture, NULL, fixture_set_up, test_assistant_enter_creates, fixture_tear_down);

  return g_test_run ();
}
