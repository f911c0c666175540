/* ferry-paced-list-model.c: a list that lets a view take a long list in steps.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8's list view keeps about 200 rows alive (GTK_LIST_VIEW_MAX_LIST_ITEMS in
 * gtk/gtklistview.c) and builds them all in the dispatch that reports the items. When a
 * short list becomes a long one (the first answer, or a search cleared), that is some
 * 200 rows built, bound and measured before the next frame: a freeze of a quarter of a
 * second with Ferry's sync row (tests/bench/bench-sync-stall.c).
 *
 * This model shows its model's items as they are, except in that case: it then shows the
 * first CHUNK items, and CHUNK more at each idle, until it shows enough for every row a
 * list view keeps (LIMIT), and then the rest at once. It always shows a prefix of its
 * model, so positions below get_n_items () are the model's own. A change to what it
 * shows ends the pacing: the rest comes with it. The item that should stay selected
 * (set_keep ()) is always in the first step, so a GtkSingleSelection above finds it
 * again in the same items-changed.
 */

#include "config.h"

#include "ferry-paced-list-model.h"

/* Rows one step may build: a screenful, and well under a frame's worth of work. */
#define CHUNK 24
/* More than the rows a GTK 4.8 list view keeps (200 around its anchor, 2 more each side). */
#define LIMIT 256

struct _FerryPacedListModel
{
  GObject     parent_instance;

  GListModel *model;
  gulong      items_changed_id;
  guint       n_shown;
  guint       step_source;
  gpointer    keep;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FerryPacedListModel, ferry_paced_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_MODEL,
  PROP_N_ITEMS,
  PROP_PENDING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- GListModel ---- */

static GType
ferry_paced_list_model_get_item_type (GListModel *list)
{
  FerryPacedListModel *self = FERRY_PACED_LIST_MODEL (list);

  return self->model != NULL ? g_list_model_get_item_type (self->model) : G_TYPE_OBJECT;
}

static guint
ferry_paced_list_model_get_n_items (GListModel *list)
{
  return FERRY_PACED_LIST_MODEL (list)->n_shown;
}

static gpointer
ferry_paced_list_model_get_item (GListModel *list,
                                 guint       position)
{
  FerryPacedListModel *self = FERRY_PACED_LIST_MODEL (list);

  if (position >= self->n_shown)
    return NULL;
  return g_list_model_get_item (self->model, position);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = ferry_paced_list_model_get_item_type;
  iface->get_n_items = ferry_paced_list_model_get_n_items;
  iface->get_item = ferry_paced_list_model_get_item;
}

/* ---- Pacing ---- */

static guint
source_n_items (FerryPacedListModel *self)
{
  return self->model != NULL ? g_list_model_get_n_items (self->model) : 0;
}

/* Shows @n_shown items instead of @old, the first @position of them unchanged. */
static void
show (FerryPacedListModel *self,
      guint                position,
      guint                old,
      guint                n_shown)
{
  self->n_shown = n_shown;
  g_list_model_items_changed (G_LIST_MODEL (self), position, old - position, n_shown - position);
  if (old != n_shown)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
}

static void
stop_pacing (FerryPacedListModel *self)
{
  g_clear_handle_id (&self->step_source, g_source_remove);
}

static gboolean
step_cb (gpointer user_data)
{
  FerryPacedListModel *self = user_data;
  guint n = source_n_items (self);
  guint old = self->n_shown;

  /* Past the rows a list view keeps, the rest costs no row: all of it at once. */
  show (self, old, old, old + CHUNK >= LIMIT ? n : MIN (n, old + CHUNK));
  if (self->n_shown < n)
    return G_SOURCE_CONTINUE;

  self->step_source = 0;
  return G_SOURCE_REMOVE;
}

/* How many items the first step shows, or 0 not to pace: the list was short and grows
 * long, and the item to keep (if it is in the list) comes early enough. */
static guint
first_step (FerryPacedListModel *self,
            guint                before,
            guint                after)
{
  guint n = CHUNK;

  if (before > CHUNK || after <= CHUNK)
    return 0;

  if (self->keep != NULL)
    {
      guint end = MIN (after, LIMIT);
      guint i;

      for (i = 0; i < end; i++)
        {
          g_autoptr(GObject) item = g_list_model_get_item (self->model, i);

          if (item == self->keep)
            break;
        }
      /* Further down, or gone: the list view shows it however it would have. */
      if (i == end)
        return 0;
      n = MAX (n, i + 1);
    }

  return n < after ? n : 0;
}

static void
start_or_forward (FerryPacedListModel *self,
                  guint                position,
                  guint                before,
                  guint                removed,
                  guint                added)
{
  guint after = source_n_items (self);
  guint first = first_step (self, before, after);

  if (first == 0 || first < position)
    {
      self->n_shown = after;
      g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
      if (removed != added)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
      return;
    }

  show (self, position, before, first);
  if (self->step_source == 0)
    {
      self->step_source = g_idle_add (step_cb, self);
      g_source_set_name_by_id (self->step_source, "[ferry] paced list step");
    }
}

static void
items_changed_cb (GListModel          *model,
                  guint                position,
                  guint                removed,
                  guint                added,
                  FerryPacedListModel *self)
{
  guint after = source_n_items (self);
  guint before = after - added + removed;

  if (self->n_shown < before)
    {
      /* Pacing: a change in the part not shown yet is shown with it later. */
      if (position >= self->n_shown)
        {
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
          return;
        }
      /* What is on screen changed: no more steps, all of it now. */
      stop_pacing (self);
      show (self, position, self->n_shown, after);
      return;
    }

  start_or_forward (self, position, before, removed, added);
}

/* ---- Public ---- */

FerryPacedListModel *
ferry_paced_list_model_new (GListModel *model)
{
  g_return_val_if_fail (model == NULL || G_IS_LIST_MODEL (model), NULL);

  return g_object_new (FERRY_TYPE_PACED_LIST_MODEL, "model", model, NULL);
}

GListModel *
ferry_paced_list_model_get_model (FerryPacedListModel *self)
{
  g_return_val_if_fail (FERRY_IS_PACED_LIST_MODEL (self), NULL);

  return self->model;
}

void
ferry_paced_list_model_set_model (FerryPacedListModel *self,
                                  GListModel          *model)
{
  guint before;

  g_return_if_fail (FERRY_IS_PACED_LIST_MODEL (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (self->model == model)
    return;

  before = self->n_shown;
  stop_pacing (self);
  if (self->model != NULL)
    g_clear_signal_handler (&self->items_changed_id, self->model);
  g_set_object (&self->model, model);
  if (model != NULL)
    self->items_changed_id = g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), self);

  start_or_forward (self, 0, before, before, source_n_items (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

/* The item a view has selected: a first step always holds it, if it comes early enough
 * to be paced at all. */
void
ferry_paced_list_model_set_keep (FerryPacedListModel *self,
                                 gpointer             item)
{
  g_return_if_fail (FERRY_IS_PACED_LIST_MODEL (self));
  g_return_if_fail (item == NULL || G_IS_OBJECT (item));

  g_set_object ((GObject **) &self->keep, item);
}

/* Items of the model not shown yet. */
guint
ferry_paced_list_model_get_pending (FerryPacedListModel *self)
{
  g_return_val_if_fail (FERRY_IS_PACED_LIST_MODEL (self), 0);

  return source_n_items (self) - self->n_shown;
}

/* Shows every item now (before looking up a position of the model). */
void
ferry_paced_list_model_flush (FerryPacedListModel *self)
{
  guint n;

  g_return_if_fail (FERRY_IS_PACED_LIST_MODEL (self));

  n = source_n_items (self);
  stop_pacing (self);
  if (self->n_shown < n)
    show (self, self->n_shown, self->n_shown, n);
}

/* ---- GObject ---- */

static void
ferry_paced_list_model_dispose (GObject *object)
{
  FerryPacedListModel *self = FERRY_PACED_LIST_MODEL (object);

  stop_pacing (self);
  if (self->model != NULL)
    g_clear_signal_handler (&self->items_changed_id, self->model);
  g_clear_object (&self->model);
  g_clear_object ((GObject **) &self->keep);
  self->n_shown = 0;

  G_OBJECT_CLASS (ferry_paced_list_model_parent_class)->dispose (object);
}

static void
ferry_paced_list_model_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  FerryPacedListModel *self = FERRY_PACED_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_shown);
      break;
    case PROP_PENDING:
      g_value_set_uint (value, ferry_paced_list_model_get_pending (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_paced_list_model_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  FerryPacedListModel *self = FERRY_PACED_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      ferry_paced_list_model_set_model (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_paced_list_model_class_init (FerryPacedListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ferry_paced_list_model_dispose;
  object_class->get_property = ferry_paced_list_model_get_property;
  object_class->set_property = ferry_paced_list_model_set_property;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PENDING] =
    g_param_spec_uint ("pending", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ferry_paced_list_model_init (FerryPacedListModel *self)
{
}
