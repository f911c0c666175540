/* test-adaptive.c: the main window at 360 px and at its default size, in the language of
 * $FERRY_TEST_LANGUAGE (tests/ui/meson.build runs it in English and in German).
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Real FerryApplication and window under Xvfb against the in-process demo sandbox. Each
 * screen is saved as adaptive-<width>-<lang>-<screen>.png and checked: at the default size
 * no label of the header is ellipsized and the syncs list and details stand side by side;
 * at 360 px the window really is 360 px wide and no widget lies outside it.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "assistant/ferry-sync-assistant.h"
#include "ferry-account-button.h"
#include "ferry-syncs-page.h"
#include "window-fixture.h"

#define WAIT_MS 20000
#define WAIT_FOR(cond) FERRY_TEST_WAIT_FOR (cond, #cond, WAIT_MS, ferry_window_fixture_save_failure ("adaptive-timeout"))

/* The schema's default window size (data/io.github.ferryapp.Ferry.gschema.xml). */
#define DEFAULT_WIDTH 1000
#define DEFAULT_HEIGHT 700
#define NARROW_WIDTH 360

static const char *language = "en";

typedef FerryWindowFixture Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  ferry_window_fixture_open (fixture, "Adaptive");
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), DEFAULT_WIDTH, DEFAULT_HEIGHT);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  ferry_window_fixture_close (fixture);
}

/* ---- Checks ---- */

/* Labels of @root (a header bar) whose text Pango had to shorten. */
static void
collect_ellipsized (GtkWidget *root,
                    GString   *found)
{
  if (!gtk_widget_get_mapped (root))
    return;

  if (GTK_IS_LABEL (root) && gtk_label_get_ellipsize (GTK_LABEL (root)) != PANGO_ELLIPSIZE_NONE &&
      pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (root))))
    g_string_append_printf (found, " “%s”", gtk_label_get_label (GTK_LABEL (root)));

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_ellipsized (child, found);
}

static void
assert_header_not_ellipsized (GtkWidget *window)
{
  g_autoptr(GString) found = g_string_new (NULL);

  /* Every header bar of the window: the main one and the ones inside its pages. */
  {
    g_autoptr(GPtrArray) stack = g_ptr_array_new ();

    g_ptr_array_add (stack, window);
    while (stack->len > 0)
      {
        GtkWidget *widget = g_ptr_array_steal_index (stack, stack->len - 1);

        if (ADW_IS_HEADER_BAR (widget) || GTK_IS_HEADER_BAR (widget))
          {
            collect_ellipsized (widget, found);
            continue;
          }
        for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
          g_ptr_array_add (stack, child);
      }
  }

  if (found->len > 0)
    g_error ("ellipsized header labels at %d px (%s):%s", gtk_widget_get_width (window), language, found->str);
}

/* The header bar overlaps the window's 1 px border on purpose (Adwaita's CSS). */
#define SLACK 1.5

/* Mapped widgets of @root that reach past the window's edges. What a scrolled window holds
 * may scroll out of view, so only the scrolled window itself is checked. */
static void
collect_outside (GtkWidget *root,
                 GtkWidget *window,
                 GString   *found)
{
  graphene_rect_t bounds;
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);

  if (!gtk_widget_get_mapped (root) || (GTK_IS_NATIVE (root) && root != window))
    return;

  if (root != window && gtk_widget_compute_bounds (root, window, &bounds) &&
      bounds.size.width > 0 && bounds.size.height > 0 &&
      (bounds.origin.x < -SLACK || bounds.origin.y < -SLACK ||
       bounds.origin.x + bounds.size.width > width + SLACK ||
       bounds.origin.y + bounds.size.height > height + SLACK))
    g_string_append_printf (found, "\n  %s%s%s at %.0f,%.0f %.0f×%.0f",
                            G_OBJECT_TYPE_NAME (root),
                            gtk_buildable_get_buildable_id (GTK_BUILDABLE (root)) != NULL ? " #" : "",
                            gtk_buildable_get_buildable_id (GTK_BUILDABLE (root)) != NULL ?
                              gtk_buildable_get_buildable_id (GTK_BUILDABLE (root)) : "",
                            bounds.origin.x, bounds.origin.y, bounds.size.width, bounds.size.height);

  if (GTK_IS_SCROLLED_WINDOW (root))
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_outside (child, window, found);
}

static void
assert_inside (GtkWidget  *window,
               const char *screen)
{
  g_autoptr(GString) found = g_string_new (NULL);

  collect_outside (window, window, found);
  if (found->len > 0)
    g_error ("%s (%s) at %d px: widgets outside the window:%s", screen, language, gtk_widget_get_width (window), found->str);
}

static int requested_width;

static gboolean
has_width (gpointer data)
{
  GtkWidget *window = data;
  int width, height;

  /* GTK 4.8 wants both pointers. */
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  return gtk_widget_get_width (window) <= width && gtk_widget_get_width (window) > width - 20;
}

/* Asks for @width and lets the window settle; the caller checks what it got. */
static void
resize (GtkWidget *window,
        int        width,
        int        height)
{
  requested_width = width;
  /* A size asked for while the first configure of the window is still on its way can be
   * lost (slow sanitizer builds): ask again with a real change. */
  for (guint attempt = 0; attempt < 3; attempt++)
    {
      gtk_window_set_default_size (GTK_WINDOW (window), width, height);
      if (ferry_test_spin_until (has_width, window, 3000))
        break;
      gtk_window_set_default_size (GTK_WINDOW (window), width - 1, height);
      ferry_test_spin_for (100);
    }
  ferry_test_spin_for (300);
}

/* The window got the width asked for: not wider (its content's minimum would be more), and
 * at most the 10 px of its client-side frame narrower. */
static void
assert_width (GtkWidget *window,
              int        width)
{
  g_assert_cmpint (gtk_widget_get_width (window), <=, width);
  g_assert_cmpint (gtk_widget_get_width (window), >=, width - 10);
}

static void
shot (GtkWidget  *widget,
      const char *screen)
{
  g_autofree char *name = g_strdup_printf ("adaptive-%d-%s-%s", requested_width, language, screen);

  ferry_test_shot_widget (widget, name);
}

/* Saves @screen at the default size and at 360 px and checks both. */
static void
check_screen (GtkWidget  *window,
              const char *screen)
{
  resize (window, DEFAULT_WIDTH, DEFAULT_HEIGHT);
  shot (window, screen);
  assert_width (window, DEFAULT_WIDTH);
  assert_header_not_ellipsized (window);

  resize (window, NARROW_WIDTH, DEFAULT_HEIGHT);
  shot (window, screen);
  assert_width (window, NARROW_WIDTH);
  assert_inside (window, screen);

  resize (window, DEFAULT_WIDTH, DEFAULT_HEIGHT);
}

/* ---- Screens ---- */

static FerrySyncsPage *
syncs_page (Fixture *fixture)
{
  return FERRY_SYNCS_PAGE (ferry_window_get_syncs_page (fixture->window));
}

static void
test_signin (Fixture       *fixture,
             gconstpointer  data)
{
  WAIT_FOR (ferry_window_fixture_in_state (fixture, "signin"));
  check_screen (GTK_WIDGET (fixture->window), "signin");
}

/* The first failed sync of the list, or NULL. */
static FerrySync *
find_failed_sync (Fixture *fixture)
{
  GListModel *syncs = ferry_syncs_page_get_syncs (syncs_page (fixture));

  for (guint i = 0; i < g_list_model_get_n_items (syncs); i++)
    {
      g_autoptr(FerrySync) sync = g_list_model_get_item (syncs, i);

      if (ferry_sync_get_sync_status (sync) == FERRY_SYNC_STATUS_FAILED)
        return sync;
    }

  return NULL;
}

static void
test_syncs (Fixture       *fixture,
            gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  AdwLeaflet *leaflet;
  FerrySync *failed;

  ferry_window_fixture_sign_in (fixture);
  leaflet = ADW_LEAFLET (ferry_test_find_widget (ferry_window_get_syncs_page (fixture->window), "leaflet"));

  /* Both panes at the default size, in both languages. */
  resize (window, DEFAULT_WIDTH, DEFAULT_HEIGHT);
  shot (window, "syncs");
  g_assert_false (adw_leaflet_get_folded (leaflet));
  assert_header_not_ellipsized (window);

  resize (window, NARROW_WIDTH, DEFAULT_HEIGHT);
  WAIT_FOR (adw_leaflet_get_folded (leaflet));
  adw_leaflet_set_visible_child_name (leaflet, "list");
  shot (window, "syncs");
  assert_width (window, NARROW_WIDTH);
  assert_inside (window, "syncs");

  /* The details of a failed sync (the demo's is in Payments API): its explanation and the
   * actions. */
  gtk_widget_activate_action (window, "win.select-project", "s", ferry_sandbox_get_project_id (fixture->sandbox, 1));
  WAIT_FOR (find_failed_sync (fixture) != NULL);
  failed = find_failed_sync (fixture);
  g_assert_nonnull (failed);
  g_assert_true (ferry_syncs_page_select_sync (syncs_page (fixture), ferry_resource_get_id (FERRY_RESOURCE (failed))));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "details");
  shot (window, "details");
  assert_inside (window, "details");

  resize (window, DEFAULT_WIDTH, DEFAULT_HEIGHT);
  WAIT_FOR (!adw_leaflet_get_folded (leaflet));
  shot (window, "details");
  assert_header_not_ellipsized (window);

  /* The explanation's button fixes it: the project is gone, so the assistant opens at
   * Destination; the raw message waits behind its expander. */
  {
    GtkWidget *details = ferry_test_find_widget (ferry_window_get_syncs_page (fixture->window), "details");
    GtkWidget *fix = ferry_test_find_widget (details, "fix_button");
    FerrySyncAssistant *assistant;

    g_assert_true (gtk_widget_get_visible (fix));
    g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (fix)), ==, "win.edit-sync-step");
    g_assert_false (gtk_expander_get_expanded (GTK_EXPANDER (ferry_test_find_widget (details, "message_box"))));
    g_signal_emit_by_name (fix, "clicked");
    WAIT_FOR ((assistant = ferry_test_find_toplevel (FERRY_TYPE_SYNC_ASSISTANT)) != NULL);
    WAIT_FOR (ferry_sync_assistant_get_step (assistant) == FERRY_SYNC_DRAFT_STEP_DESTINATION);
    shot (GTK_WIDGET (assistant), "fix-destination");
    gtk_window_destroy (GTK_WINDOW (assistant));
  }

  /* Connections. */
  gtk_widget_activate_action (window, "win.show-view", "s", "connections");
  check_screen (window, "connections");
}

/* The account menu and Add Account, for the before/after comparison. */
static void
test_accounts (Fixture       *fixture,
               gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GtkWidget *account_button;
  GtkWidget *popover = NULL;
  GtkWidget *dialog = NULL;
  GListModel *toplevels = gtk_window_get_toplevels ();

  ferry_window_fixture_sign_in (fixture);
  resize (window, DEFAULT_WIDTH, DEFAULT_HEIGHT);

  account_button = ferry_test_find_widget (window, "account_button");
  g_assert_nonnull (account_button);
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (ferry_test_find_widget (account_button, "menu_button"))));
  /* No grab: the other UI tests share the X display and may hold one. */
  gtk_popover_set_autohide (GTK_POPOVER (popover), FALSE);
  gtk_menu_button_popup (GTK_MENU_BUTTON (ferry_test_find_widget (account_button, "menu_button")));
  ferry_test_wait_mapped (popover);
  ferry_test_spin_for (300);
  {
    g_autofree char *name = g_strdup_printf ("adaptive-%d-%s-accounts", requested_width, language);

    ferry_test_shot_widget (popover, name);
  }
  gtk_popover_popdown (GTK_POPOVER (popover));

  /* Add Account: whatever the window shows for it (a dialog over it). */
  gtk_widget_activate_action (window, "win.add-account", NULL);
  ferry_test_spin_for (500);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      if (toplevel != window && gtk_widget_get_visible (toplevel) && !GTK_IS_POPOVER (toplevel))
        dialog = toplevel;
    }
  shot (dialog != NULL ? dialog : window, "add-account");
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (ferry_window_fixture_in_state (fixture, "content"));
  resize (dialog, NARROW_WIDTH, 600);
  shot (dialog, "add-account");
  assert_width (dialog, NARROW_WIDTH);
  assert_inside (dialog, "add-account");
}

static FerrySyncAssistant *
find_assistant (void)
{
  return ferry_test_find_toplevel (FERRY_TYPE_SYNC_ASSISTANT);
}

static void
test_assistant (Fixture       *fixture,
                gconstpointer  data)
{
  FerrySyncAssistant *assistant;
  GtkWidget *widget;
  int width, height;

  ferry_window_fixture_sign_in (fixture);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.create-sync", NULL);
  WAIT_FOR ((assistant = find_assistant ()) != NULL);
  widget = GTK_WIDGET (assistant);
  ferry_test_wait_mapped (widget);
  ferry_test_spin_for (500);

  /* Its own default size fits a 1366×768 laptop screen (minus the top bar). */
  gtk_window_get_default_size (GTK_WINDOW (assistant), &width, &height);
  requested_width = width;
  shot (widget, "assistant-source");
  g_assert_cmpint (gtk_widget_get_height (widget), <=, 768 - 32);

  /* Every step at its own size and at 360 px: the step names shorten, and nothing of
   * the step is cut off. The walk takes the defaults, a Fabrikam project entered by hand
   * (a machine identity lists no Azure DevOps projects) and the suggested name. */
  for (FerrySyncDraftStep step = FERRY_SYNC_DRAFT_STEP_SOURCE; ; step++)
    {
      static const char *names[] = { "source", "destination", "options", "details", "review" };
      g_autofree char *screen = g_strdup_printf ("assistant-%s", names[step]);
      GtkWidget *next_button = ferry_test_find_widget (widget, "next_button");

      g_assert_cmpint (ferry_sync_assistant_get_step (assistant), ==, step);
      if (step == FERRY_SYNC_DRAFT_STEP_DESTINATION)
        {
          GtkWidget *id_row = ferry_test_find_widget (widget, "devops_id_row");
          GtkWidget *name_row = ferry_test_find_widget (widget, "devops_name_row");

          WAIT_FOR (gtk_widget_get_visible (id_row));
          gtk_editable_set_text (GTK_EDITABLE (id_row),
                                 ferry_sandbox_get_devops_project_id (fixture->sandbox, "contoso", "Fabrikam Fiber"));
          gtk_editable_set_text (GTK_EDITABLE (name_row), "Fabrikam Fiber");
        }
      ferry_test_spin_for (300);

      resize (widget, width, height);
      shot (widget, screen);
      assert_inside (widget, screen);
      resize (widget, NARROW_WIDTH, height);
      shot (widget, screen);
      assert_width (widget, NARROW_WIDTH);
      assert_inside (widget, screen);

      if (step == FERRY_SYNC_DRAFT_STEP_REVIEW)
        break;
      WAIT_FOR (gtk_widget_get_sensitive (next_button));
      g_signal_emit_by_name (next_button, "clicked");
      WAIT_FOR (ferry_sync_assistant_get_step (assistant) == step + 1);
    }
  gtk_window_destroy (GTK_WINDOW (assistant));
}

int
main (int   argc,
      char *argv[])
{
  const char *lang = g_getenv ("FERRY_TEST_LANGUAGE");

  /* German from the build's own catalog (po/), whatever locales the machine has. */
  if (lang != NULL && lang[0] != '\0' && !g_str_equal (lang, "en"))
    {
      g_autofree char *localedir = g_build_filename (g_getenv ("FERRY_BUILD_ROOT"), "po", NULL);

      language = lang;
      g_setenv ("LANGUAGE", lang, TRUE);
      setlocale (LC_ALL, "");
      bindtextdomain (GETTEXT_PACKAGE, localedir);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }

  ferry_test_init_gtk (&argc, &argv);
  /* GNOME's own title buttons (org.gnome.desktop.wm.preferences button-layout), not GTK's
   * fallback with minimize and maximize that no settings daemon overrides under Xvfb. */
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", "appmenu:close", NULL);

  if (!g_str_equal (language, "en"))
    g_assert_cmpstr (_("Sign Out?"), !=, "Sign Out?");

  g_test_add ("/adaptive/signin", Fixture, NULL, fixture_set_up, test_signin, fixture_tear_down);
  g_test_add ("/adaptive/syncs", Fixture, NULL, fixture_set_up, test_syncs, fixture_tear_down);
  g_test_add ("/adaptive/accounts", Fixture, NULL, fixture_set_up, test_accounts, fixture_tear_down);
  g_test_add ("/adaptive/assistant", Fixture, NULL, fixture_set_up, test_assistant, fixture_tear_down);

  return g_test_run ();
}
