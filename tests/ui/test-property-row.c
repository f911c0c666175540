/* test-property-row.c: FerryPropertyRow lays out like an AdwActionRow, and never asks for
 * a width for a height (what makes AdwActionRow slow in GTK 4.8).
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ferry-property-row.h"
#include "ferry-test-utils.h"

/* ---- A widget that counts how it is measured ---- */

#define PROBE_TYPE (probe_get_type ())
G_DECLARE_FINAL_TYPE (Probe, probe, PROBE, WIDGET, GtkWidget)

struct _Probe
{
  GtkWidget parent_instance;
  guint     width_for_height;   /* horizontal measures with a height given */
  guint     measures;
};

G_DEFINE_FINAL_TYPE (Probe, probe, GTK_TYPE_WIDGET)

static void
probe_measure (GtkWidget      *widget,
               GtkOrientation  orientation,
               int             for_size,
               int            *minimum,
               int            *natural,
               int            *minimum_baseline,
               int            *natural_baseline)
{
  Probe *self = PROBE_WIDGET (widget);

  self->measures++;
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      if (for_size >= 0)
        self->width_for_height++;
      *minimum = 20;
      *natural = 40;
    }
  else
    {
      /* Like wrapped text: narrower is taller. */
      *minimum = *natural = for_size > 0 && for_size < 40 ? 60 : 30;
    }
}

static GtkSizeRequestMode
probe_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
probe_class_init (ProbeClass *klass)
{
  GTK_WIDGET_CLASS (klass)->measure = probe_measure;
  GTK_WIDGET_CLASS (klass)->get_request_mode = probe_get_request_mode;
}

static void
probe_init (Probe *self)
{
}

/* ---- Helpers ---- */

static gboolean
allocated (gpointer widget)
{
  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0 && gtk_widget_get_height (widget) > 0;
}

typedef struct { GtkWidget *upper, *lower, *within; } Below;

static gboolean
is_below (gpointer data)
{
  Below *b = data;
  graphene_rect_t upper, lower;

  return allocated (b->lower) &&
         gtk_widget_compute_bounds (b->upper, b->within, &upper) &&
         gtk_widget_compute_bounds (b->lower, b->within, &lower) &&
         lower.origin.y >= upper.origin.y + upper.size.height;
}

static gboolean
switch_on (gpointer widget)
{
  return gtk_switch_get_active (widget);
}

static gboolean
narrower_than_300 (gpointer widget)
{
  return gtk_widget_get_width (widget) > 0 && gtk_widget_get_width (widget) < 300;
}

static GtkWidget *
window_with (GtkWidget *child,
             int        width)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_append (GTK_LIST_BOX (list), child);
  gtk_window_set_child (GTK_WINDOW (window), list);
  gtk_window_set_default_size (GTK_WINDOW (window), width, -1);
  gtk_window_present (GTK_WINDOW (window));
  ferry_test_wait_mapped (child);
  /* Laid out, however slow the build (a sanitizer's). */
  g_assert_true (ferry_test_spin_until (allocated, child, 5000));
  return window;
}

static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (root)), text) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static graphene_rect_t
bounds_in (GtkWidget *widget,
           GtkWidget *ancestor)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (widget, ancestor, &bounds));
  return bounds;
}

/* ---- Tests ---- */

static void
test_texts (void)
{
  GtkWidget *row = ferry_property_row_new ();
  GtkWidget *title, *subtitle;
  GtkWidget *window;

  ferry_property_row_set_title (FERRY_PROPERTY_ROW (row), "Environment");
  window = window_with (row, 400);
  title = find_label (row, "Environment");
  g_assert_nonnull (title);
  g_assert_true (gtk_widget_get_mapped (title));
  g_assert_cmpstr (ferry_property_row_get_title (FERRY_PROPERTY_ROW (row)), ==, "Environment");

  /* No subtitle: nothing below the title. */
  g_assert_cmpstr (ferry_property_row_get_subtitle (FERRY_PROPERTY_ROW (row)), ==, "");
  ferry_property_row_set_subtitle (FERRY_PROPERTY_ROW (row), "Production");
  subtitle = find_label (row, "Production");
  g_assert_nonnull (subtitle);
  g_assert_true (ferry_test_spin_until (is_below, &(Below) { title, subtitle, row }, 5000));
  ferry_property_row_set_subtitle (FERRY_PROPERTY_ROW (row), NULL);
  ferry_test_spin_for (50);
  g_assert_false (gtk_widget_get_visible (subtitle));

  /* One line of title when asked: cut, not wrapped. */
  ferry_property_row_set_title_lines (FERRY_PROPERTY_ROW (row), 1);
  g_assert_cmpint (gtk_label_get_ellipsize (GTK_LABEL (title)), ==, PANGO_ELLIPSIZE_END);
  g_assert_cmpint (gtk_label_get_lines (GTK_LABEL (title)), ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_layout (gconstpointer data)
{
  gboolean rtl = GPOINTER_TO_INT (data);
  GtkWidget *row = ferry_property_row_new ();
  Probe *prefix = g_object_new (PROBE_TYPE, NULL);
  Probe *suffix = g_object_new (PROBE_TYPE, NULL);
  GtkWidget *window;
  GtkWidget *title;
  graphene_rect_t p, t, s;
  int wide_height, narrow_height;

  gtk_widget_set_direction (row, rtl ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR);
  ferry_property_row_set_title (FERRY_PROPERTY_ROW (row), "Sync failed");
  ferry_property_row_set_subtitle (FERRY_PROPERTY_ROW (row),
                                   "2 days ago · automatic\nAzure DevOps refused the credentials of the connection: "
                                   "its access token expired or was revoked. Renew it in the connection.");
  ferry_property_row_set_prefix (FERRY_PROPERTY_ROW (row), GTK_WIDGET (prefix));
  ferry_property_row_set_suffix (FERRY_PROPERTY_ROW (row), GTK_WIDGET (suffix));
  g_assert_true (ferry_property_row_get_suffix (FERRY_PROPERTY_ROW (row)) == GTK_WIDGET (suffix));
  window = window_with (row, 500);
  title = find_label (row, "Sync failed");

  /* Prefix, texts, suffix: in reading order, the ends at their natural width. */
  p = bounds_in (GTK_WIDGET (prefix), row);
  t = bounds_in (title, row);
  s = bounds_in (GTK_WIDGET (suffix), row);
  g_assert_cmpfloat (p.size.width, ==, 40);
  g_assert_cmpfloat (s.size.width, ==, 40);
  if (!rtl)
    {
      g_assert_cmpfloat (p.origin.x + p.size.width, <=, t.origin.x);
      g_assert_cmpfloat (t.origin.x + t.size.width, <=, s.origin.x);
    }
  else
    {
      g_assert_cmpfloat (s.origin.x + s.size.width, <=, t.origin.x);
      g_assert_cmpfloat (t.origin.x + t.size.width, <=, p.origin.x);
    }
  g_assert_cmpfloat (s.origin.x + s.size.width, <=, gtk_widget_get_width (row));

  /* The long subtitle wraps: a narrower row is taller. */
  wide_height = gtk_widget_get_height (row);
  gtk_window_set_default_size (GTK_WINDOW (window), 220, -1);
  gtk_widget_set_size_request (window, 220, -1);
  g_assert_true (ferry_test_spin_until (narrower_than_300, row, 5000));
  ferry_test_spin_for (50);
  narrow_height = gtk_widget_get_height (row);
  g_assert_cmpint (gtk_widget_get_width (row), <, 300);
  g_assert_cmpint (narrow_height, >, wide_height);

  /* Never a width asked for a height, however often it was laid out. */
  g_assert_cmpuint (prefix->measures, >, 0);
  g_assert_cmpuint (suffix->measures, >, 0);
  g_assert_cmpuint (prefix->width_for_height, ==, 0);
  g_assert_cmpuint (suffix->width_for_height, ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* What the probe sees in a horizontal GtkBox, as in an AdwActionRow: the count above can
 * be other than zero. */
static void
test_probe_in_box (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  Probe *probe = g_object_new (PROBE_TYPE, NULL);
  GtkWidget *window;

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (probe));
  window = window_with (box, 300);
  g_assert_cmpuint (probe->width_for_height, >, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_activatable_widget (void)
{
  GtkWidget *row = ferry_property_row_new ();
  GtkWidget *toggle = gtk_switch_new ();
  GtkWidget *window;
  GtkWidget *list;

  ferry_property_row_set_title (FERRY_PROPERTY_ROW (row), "Auto-Sync");
  ferry_property_row_set_suffix (FERRY_PROPERTY_ROW (row), toggle);
  g_assert_false (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
  ferry_property_row_set_activatable_widget (FERRY_PROPERTY_ROW (row), toggle);
  g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
  g_assert_true (ferry_property_row_get_activatable_widget (FERRY_PROPERTY_ROW (row)) == toggle);
  window = window_with (row, 400);
  list = gtk_widget_get_parent (row);

  /* Activating the row (a click, Enter) switches the switch. */
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (toggle)));
  g_signal_emit_by_name (list, "row-activated", row);
  /* GtkSwitch turns at the end of its animation (gtk_switch_activate in gtk/gtkswitch.c). */
  g_assert_true (ferry_test_spin_until (switch_on, toggle, 5000));

  /* Keyboard focus goes into the suffix, as into an AdwActionRow's widgets: it is the
   * GtkListBoxRow child, the only one gtk_list_box_row_focus () enters. Tab itself is tried
   * only when this window has the focus (the row only moves into its child once it has the
   * focus itself, and other tests' windows run beside this one). */
  g_assert_true (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row)) == toggle);
  if (gtk_window_is_active (GTK_WINDOW (window)))
    {
      gtk_widget_grab_focus (row);
      g_assert_true (gtk_widget_child_focus (row, GTK_DIR_TAB_FORWARD));
      g_assert_true (gtk_widget_is_focus (toggle));
    }

  ferry_property_row_set_activatable_widget (FERRY_PROPERTY_ROW (row), NULL);
  g_assert_false (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
  g_signal_emit_by_name (list, "row-activated", row);
  ferry_test_spin_for (600);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (toggle)));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_builder (void)
{
  static const char ui[] =
    "<interface>"
    "  <object class='FerryPropertyRow' id='row'>"
    "    <property name='title'>Sync ID</property>"
    "    <property name='subtitle'>1a226d1a</property>"
    "    <property name='title-lines'>1</property>"
    "    <property name='activatable-widget'>copy</property>"
    "    <child type='prefix'><object class='GtkImage' id='icon'/></child>"
    "    <child type='suffix'><object class='GtkButton' id='copy'/></child>"
    "  </object>"
    "</interface>";
  g_autoptr(GtkBuilder) builder = NULL;
  GObject *row;

  g_type_ensure (FERRY_TYPE_PROPERTY_ROW);
  builder = gtk_builder_new_from_string (ui, -1);
  row = gtk_builder_get_object (builder, "row");
  g_object_ref_sink (row);
  g_assert_cmpstr (ferry_property_row_get_title (FERRY_PROPERTY_ROW (row)), ==, "Sync ID");
  g_assert_cmpstr (ferry_property_row_get_subtitle (FERRY_PROPERTY_ROW (row)), ==, "1a226d1a");
  g_assert_true (ferry_property_row_get_suffix (FERRY_PROPERTY_ROW (row)) == GTK_WIDGET (gtk_builder_get_object (builder, "copy")));
  g_assert_true (gtk_widget_get_parent (GTK_WIDGET (gtk_builder_get_object (builder, "icon"))) == GTK_WIDGET (row));
  g_assert_true (ferry_property_row_get_activatable_widget (FERRY_PROPERTY_ROW (row)) ==
                 GTK_WIDGET (gtk_builder_get_object (builder, "copy")));
  g_object_unref (row);
}

int
main (int    argc,
      char **argv)
{
  ferry_test_init_gtk (&argc, &argv);

  g_test_add_func ("/property-row/texts", test_texts);
  g_test_add_data_func ("/property-row/layout/ltr", GINT_TO_POINTER (FALSE), test_layout);
  g_test_add_data_func ("/property-row/layout/rtl", GINT_TO_POINTER (TRUE), test_layout);
  g_test_add_func ("/property-row/probe-in-box", test_probe_in_box);
  g_test_add_func ("/property-row/activatable-widget", test_activatable_widget);
  g_test_add_func ("/property-row/builder", test_builder);

  return g_test_run ();
}
