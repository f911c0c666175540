/* ferry-property-row.c
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Why not AdwActionRow: in GTK 4.8 a horizontal GtkBox allocates each child by measuring
 * its width *for the height it has* (gtk_box_layout_allocate in gtk/gtkboxlayout.c). An
 * AdwActionRow's title and subtitle wrap, inside a vertical box inside such a horizontal
 * box (libadwaita 1.2's adw-action-row.ui), so every allocation runs a width-for-height
 * search: the vertical box doubles a trial width until its labels fit the height
 * (distribute_remaining_size), and each label then bisects its width
 * (get_width_for_height in gtk/gtklabel.c) — some thirty Pango layouts per label. The
 * sync details' fifteen rows and the history's long failure texts made that most of the
 * first frame of the Syncs page (tests/bench/bench-startup.c).
 *
 * This row lays out its three parts itself: the prefix and suffix get their natural width,
 * the texts the rest, and everything is measured height-for-width only, which a label
 * answers with one layout. (A wrapped label or a box of them must not have a halign or
 * valign other than FILL for the same reason: see size_allocate.) Its CSS
 * (src/style.css) gives it AdwActionRow's spacing.
 *
 * An AdwPreferencesRow, as AdwPreferencesGroup lists only those (adw_preferences_group_add
 * in libadwaita 1.2's src/adw-preferences-group.c); its "title" is this row's title.
 *
 * The suffix is the row's GtkListBoxRow child, so that keyboard focus moves into it as
 * into an AdwActionRow's widgets (gtk_list_box_row_focus only enters the child); the
 * texts and the prefix cannot take focus.
 */

#include "config.h"

#include "ferry-property-row.h"

/* libadwaita 1.2's "row > box.header" margins and spacing (src/stylesheet/widgets/_lists.scss). */
#define HEADER_MARGIN 12
#define SPACING       6
#define PREFIX_EXTRA  6

struct _FerryPropertyRow
{
  AdwPreferencesRow parent_instance;

  GtkWidget    *prefix;
  GtkWidget    *texts;
  GtkLabel     *title_label;
  GtkLabel     *subtitle_label;
  GtkWidget    *activatable_widget;
  GtkWidget    *list;   /* the parent whose "row-activated" is followed */
};

static void buildable_iface_init (GtkBuildableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FerryPropertyRow, ferry_property_row, ADW_TYPE_PREFERENCES_ROW,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE, buildable_iface_init))

static GtkBuildableIface *parent_buildable_iface;

enum {
  PROP_0,
  PROP_TITLE_LINES,
  PROP_SUBTITLE,
  PROP_ACTIVATABLE_WIDGET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
ferry_property_row_new (void)
{
  return g_object_new (FERRY_TYPE_PROPERTY_ROW, NULL);
}

/* ---- Layout ---- */

static gboolean
shown (GtkWidget *widget)
{
  return widget != NULL && gtk_widget_should_layout (widget);
}

static int
natural_width (GtkWidget *widget)
{
  int nat = 0;

  if (shown (widget))
    gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &nat, NULL, NULL);
  return nat;
}

/* The widths of the three parts in @width: the prefix and suffix their natural widths as
 * long as the texts keep their minimum, then less. */
static void
compute_widths (FerryPropertyRow *self,
                int               width,
                int              *prefix_width,
                int              *texts_width,
                int              *suffix_width)
{
  GtkWidget *suffix = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (self));
  int texts_min = 0, prefix_min = 0, suffix_min = 0;
  int prefix_nat = natural_width (self->prefix);
  int suffix_nat = natural_width (suffix);
  int space = width - 2 * HEADER_MARGIN;

  gtk_widget_measure (self->texts, GTK_ORIENTATION_HORIZONTAL, -1, &texts_min, NULL, NULL, NULL);
  if (shown (self->prefix))
    {
      gtk_widget_measure (self->prefix, GTK_ORIENTATION_HORIZONTAL, -1, &prefix_min, NULL, NULL, NULL);
      space -= SPACING + PREFIX_EXTRA;
    }
  if (shown (suffix))
    {
      gtk_widget_measure (suffix, GTK_ORIENTATION_HORIZONTAL, -1, &suffix_min, NULL, NULL, NULL);
      space -= SPACING;
    }

  *prefix_width = prefix_nat;
  *suffix_width = suffix_nat;
  if (space - prefix_nat - suffix_nat < texts_min)
    {
      /* Not room for all: the ends give back what they have above their minimum. */
      int missing = texts_min - (space - prefix_nat - suffix_nat);
      int give = MIN (missing, suffix_nat - suffix_min);

      *suffix_width -= give;
      missing -= give;
      *prefix_width -= MIN (missing, prefix_nat - prefix_min);
    }
  *texts_width = MAX (texts_min, space - *prefix_width - *suffix_width);
}

static void
ferry_property_row_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  FerryPropertyRow *self = FERRY_PROPERTY_ROW (widget);
  GtkWidget *suffix = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (self));
  GtkWidget *parts[] = { self->prefix, self->texts, suffix };
  int sizes[G_N_ELEMENTS (parts)] = { -1, -1, -1 };

  *minimum = *natural = 0;
  *minimum_baseline = *natural_baseline = -1;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* Widths never depend on the height: the labels are asked height-for-width only. */
      *minimum = *natural = 2 * HEADER_MARGIN;
      for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
        {
          int min = 0, nat = 0;

          if (!shown (parts[i]))
            continue;
          gtk_widget_measure (parts[i], GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
          *minimum += min;
          *natural += nat;
        }
      if (shown (self->prefix))
        {
          *minimum += SPACING + PREFIX_EXTRA;
          *natural += SPACING + PREFIX_EXTRA;
        }
      if (shown (suffix))
        {
          *minimum += SPACING;
          *natural += SPACING;
        }
      return;
    }

  if (for_size >= 0)
    compute_widths (self, for_size, &sizes[0], &sizes[1], &sizes[2]);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      int min = 0, nat = 0;

      if (!shown (parts[i]))
        continue;
      gtk_widget_measure (parts[i], GTK_ORIENTATION_VERTICAL, sizes[i], &min, &nat, NULL, NULL);
      *minimum = MAX (*minimum, min);
      *natural = MAX (*natural, nat);
    }
}

static GtkSizeRequestMode
ferry_property_row_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
ferry_property_row_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  FerryPropertyRow *self = FERRY_PROPERTY_ROW (widget);
  GtkWidget *suffix = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (self));
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int prefix_width, texts_width, suffix_width;
  int x = HEADER_MARGIN;

  compute_widths (self, width, &prefix_width, &texts_width, &suffix_width);

#define PLACE(child, child_width) \
  gtk_widget_size_allocate ((child), \
                            &(GtkAllocation) { rtl ? width - x - (child_width) : x, 0, (child_width), height }, \
                            -1)

  if (shown (self->prefix))
    {
      PLACE (self->prefix, prefix_width);
      x += prefix_width + SPACING + PREFIX_EXTRA;
    }
  /* Centred here, not with valign: GTK 4.8 aligns a height-for-width child by first asking
   * its width for the height (gtk_widget_adjust_size_allocation in gtk/gtkwidget.c), the
   * search this row exists to avoid. */
  {
    int texts_height = 0;

    gtk_widget_measure (self->texts, GTK_ORIENTATION_VERTICAL, texts_width, NULL, &texts_height, NULL, NULL);
    texts_height = MIN (texts_height, height);
    gtk_widget_size_allocate (self->texts,
                              &(GtkAllocation) { rtl ? width - x - texts_width : x, (height - texts_height) / 2,
                                                 texts_width, texts_height },
                              -1);
  }
  x += texts_width + SPACING;
  if (shown (suffix))
    PLACE (suffix, suffix_width);

#undef PLACE
}

/* ---- Activation ---- */

static void
row_activated_cb (FerryPropertyRow *self,
                  GtkListBoxRow    *row)
{
  if (row == GTK_LIST_BOX_ROW (self) && self->activatable_widget != NULL)
    gtk_widget_mnemonic_activate (self->activatable_widget, FALSE);
}

static void
parent_notify_cb (FerryPropertyRow *self)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));

  if (self->list != NULL)
    g_signal_handlers_disconnect_by_func (self->list, row_activated_cb, self);
  self->list = GTK_IS_LIST_BOX (parent) ? parent : NULL;
  if (self->list != NULL)
    g_signal_connect_object (self->list, "row-activated", G_CALLBACK (row_activated_cb), self, G_CONNECT_SWAPPED);
}

/* ---- API ---- */

static void
title_notify_cb (FerryPropertyRow *self)
{
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self));

  gtk_label_set_label (self->title_label, title);
  gtk_widget_set_visible (GTK_WIDGET (self->title_label), title != NULL && title[0] != '\0');
}

void
ferry_property_row_set_title (FerryPropertyRow *self,
                              const char       *title)
{
  g_return_if_fail (FERRY_IS_PROPERTY_ROW (self));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
}

const char *
ferry_property_row_get_title (FerryPropertyRow *self)
{
  g_return_val_if_fail (FERRY_IS_PROPERTY_ROW (self), NULL);

  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self));
}

void
ferry_property_row_set_title_lines (FerryPropertyRow *self,
                                    int               lines)
{
  g_return_if_fail (FERRY_IS_PROPERTY_ROW (self));
  g_return_if_fail (lines >= 0);

  if (gtk_label_get_lines (self->title_label) == lines ||
      (lines == 0 && gtk_label_get_ellipsize (self->title_label) == PANGO_ELLIPSIZE_NONE))
    return;
  gtk_label_set_lines (self->title_label, lines > 0 ? lines : -1);
  gtk_label_set_ellipsize (self->title_label, lines > 0 ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE_LINES]);
}

void
ferry_property_row_set_subtitle (FerryPropertyRow *self,
                                 const char       *subtitle)
{
  g_return_if_fail (FERRY_IS_PROPERTY_ROW (self));

  if (g_strcmp0 (gtk_label_get_label (self->subtitle_label), subtitle != NULL ? subtitle : "") == 0)
    return;
  gtk_label_set_label (self->subtitle_label, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), subtitle != NULL && subtitle[0] != '\0');
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE]);
}

const char *
ferry_property_row_get_subtitle (FerryPropertyRow *self)
{
  g_return_val_if_fail (FERRY_IS_PROPERTY_ROW (self), NULL);

  return gtk_label_get_label (self->subtitle_label);
}

void
ferry_property_row_set_prefix (FerryPropertyRow *self,
                               GtkWidget        *prefix)
{
  g_return_if_fail (FERRY_IS_PROPERTY_ROW (self));
  g_return_if_fail (prefix == NULL || GTK_IS_WIDGET (prefix));

  if (self->prefix == prefix)
    return;
  g_clear_pointer (&self->prefix, gtk_widget_unparent);
  if (prefix != NULL)
    {
      self->prefix = prefix;
      gtk_widget_insert_before (prefix, GTK_WIDGET (self), self->texts);
    }
}

void
ferry_property_row_set_suffix (FerryPropertyRow *self,
                               GtkWidget        *suffix)
{
  g_return_if_fail (FERRY_IS_PROPERTY_ROW (self));
  g_return_if_fail (suffix == NULL || GTK_IS_WIDGET (suffix));

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), suffix);
}

GtkWidget *
ferry_property_row_get_suffix (FerryPropertyRow *self)
{
  g_return_val_if_fail (FERRY_IS_PROPERTY_ROW (self), NULL);

  return gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (self));
}

void
ferry_property_row_set_activatable_widget (FerryPropertyRow *self,
                                           GtkWidget        *widget)
{
  g_return_if_fail (FERRY_IS_PROPERTY_ROW (self));
  g_return_if_fail (widget == NULL || GTK_IS_WIDGET (widget));

  if (self->activatable_widget == widget)
    return;
  if (self->activatable_widget != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->activatable_widget), (gpointer *) &self->activatable_widget);
  self->activatable_widget = widget;
  if (widget != NULL)
    g_object_add_weak_pointer (G_OBJECT (widget), (gpointer *) &self->activatable_widget);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), widget != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVATABLE_WIDGET]);
}

GtkWidget *
ferry_property_row_get_activatable_widget (FerryPropertyRow *self)
{
  g_return_val_if_fail (FERRY_IS_PROPERTY_ROW (self), NULL);

  return self->activatable_widget;
}

/* ---- GtkBuildable ---- */

static void
ferry_property_row_add_child (GtkBuildable *buildable,
                              GtkBuilder   *builder,
                              GObject      *child,
                              const char   *type)
{
  FerryPropertyRow *self = FERRY_PROPERTY_ROW (buildable);

  if (g_strcmp0 (type, "texts") == 0)
    gtk_widget_set_parent (GTK_WIDGET (child), GTK_WIDGET (self));
  else if (g_strcmp0 (type, "prefix") == 0)
    ferry_property_row_set_prefix (self, GTK_WIDGET (child));
  else if (g_strcmp0 (type, "suffix") == 0)
    ferry_property_row_set_suffix (self, GTK_WIDGET (child));
  else
    parent_buildable_iface->add_child (buildable, builder, child, type);
}

static void
buildable_iface_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = ferry_property_row_add_child;
}

/* ---- GObject ---- */

static void
ferry_property_row_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  FerryPropertyRow *self = FERRY_PROPERTY_ROW (object);

  switch (prop_id)
    {
    case PROP_TITLE_LINES:
      g_value_set_int (value, MAX (gtk_label_get_lines (self->title_label), 0));
      break;
    case PROP_SUBTITLE:
      g_value_set_string (value, ferry_property_row_get_subtitle (self));
      break;
    case PROP_ACTIVATABLE_WIDGET:
      g_value_set_object (value, self->activatable_widget);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_property_row_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  FerryPropertyRow *self = FERRY_PROPERTY_ROW (object);

  switch (prop_id)
    {
    case PROP_TITLE_LINES:
      ferry_property_row_set_title_lines (self, g_value_get_int (value));
      break;
    case PROP_SUBTITLE:
      ferry_property_row_set_subtitle (self, g_value_get_string (value));
      break;
    case PROP_ACTIVATABLE_WIDGET:
      ferry_property_row_set_activatable_widget (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_property_row_dispose (GObject *object)
{
  FerryPropertyRow *self = FERRY_PROPERTY_ROW (object);

  ferry_property_row_set_activatable_widget (self, NULL);
  if (self->list != NULL)
    g_signal_handlers_disconnect_by_func (self->list, row_activated_cb, self);
  self->list = NULL;
  g_clear_pointer (&self->prefix, gtk_widget_unparent);
  g_clear_pointer (&self->texts, gtk_widget_unparent);

  G_OBJECT_CLASS (ferry_property_row_parent_class)->dispose (object);
}

static void
ferry_property_row_class_init (FerryPropertyRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = ferry_property_row_get_property;
  object_class->set_property = ferry_property_row_set_property;
  object_class->dispose = ferry_property_row_dispose;

  widget_class->measure = ferry_property_row_measure;
  widget_class->size_allocate = ferry_property_row_size_allocate;
  widget_class->get_request_mode = ferry_property_row_get_request_mode;

  properties[PROP_TITLE_LINES] =
    g_param_spec_int ("title-lines", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTIVATABLE_WIDGET] =
    g_param_spec_object ("activatable-widget", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ferry-property-row.ui");
  gtk_widget_class_bind_template_child (widget_class, FerryPropertyRow, texts);
  gtk_widget_class_bind_template_child (widget_class, FerryPropertyRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, FerryPropertyRow, subtitle_label);
}

static void
ferry_property_row_init (FerryPropertyRow *self)
{
  /* GtkListBoxRow's GtkBinLayout (AdwPreferencesRow keeps it) would lay out its child
   * alone: this row lays out all three. */
  gtk_widget_set_layout_manager (GTK_WIDGET (self), NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "notify::parent", G_CALLBACK (parent_notify_cb), NULL);
  g_signal_connect (self, "notify::title", G_CALLBACK (title_notify_cb), NULL);
}
