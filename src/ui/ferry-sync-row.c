/* ferry-sync-row.c
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-sync-history.h"
#include "ferry-sync-row.h"
#include "ferry-ui-utils.h"

struct _FerrySyncRow
{
  GtkWidget     parent_instance;

  FerrySync    *sync;
  GSignalGroup *sync_signals;  /* "notify" of the sync shown */
  GSignalGroup *history_signals; /* "notify::failing-since" of its history */
  const char   *status_class;

  /* Template widgets. The texts that vary in length are GtkInscriptions: their size
   * comes from the font, not the text, so neither building ~200 rows for a list
   * (GtkListView in GTK 4.8 keeps that many) nor binding one to another sync shapes
   * any text to measure it; only the rows painted shape theirs. */
  GtkInscription *name_label;
  GtkInscription *description_label;
  GtkInscription *source_label;
  GtkInscription *destination_label;
  GtkLabel     *status_label;
  GtkSpinner   *spinner;
  GtkLabel     *last_synced_label;
  GtkLabel     *auto_sync_badge;
  GtkLabel     *folder_badge;
};

G_DEFINE_FINAL_TYPE (FerrySyncRow, ferry_sync_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SYNC,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
ferry_sync_row_new (void)
{
  return g_object_new (FERRY_TYPE_SYNC_ROW, NULL);
}

FerrySync *
ferry_sync_row_get_sync (FerrySyncRow *self)
{
  g_return_val_if_fail (FERRY_IS_SYNC_ROW (self), NULL);

  return self->sync;
}

const char *
ferry_sync_row_get_status_text (FerrySyncRow *self)
{
  g_return_val_if_fail (FERRY_IS_SYNC_ROW (self), NULL);

  return gtk_label_get_label (self->status_label);
}

/* For a failed sync, when it failed instead of "Never": since the first failure after the
 * last success once its history is loaded (src/core/ferry-sync-history.h), else, for a sync
 * that never synced, when the server last wrote it (the failed status). NULL: the row
 * shows the last successful sync as for any other sync. */
static char *
failure_time_text (FerrySync  *sync,
                   char      **tooltip)
{
  FerrySyncHistory *history = ferry_sync_history_peek (sync);
  GDateTime *since = history != NULL ? ferry_sync_history_get_failing_since (history) : NULL;
  g_autofree char *relative = NULL;

  if (ferry_sync_get_sync_status (sync) != FERRY_SYNC_STATUS_FAILED)
    return NULL;

  if (since != NULL)
    {
      relative = ferry_ui_format_relative_time_in_sentence (since);
      if (tooltip != NULL)
        *tooltip = ferry_ui_format_absolute_time (since);
      /* Translators: sync list, when a failed sync began to fail; %s is e.g. "2 hours ago" */
      return g_strdup_printf (_("Failing since %s"), relative);
    }
  if (ferry_sync_get_last_synced_at (sync) == NULL && ferry_sync_get_updated_at (sync) != NULL)
    {
      relative = ferry_ui_format_relative_time_in_sentence (ferry_sync_get_updated_at (sync));
      if (tooltip != NULL)
        *tooltip = ferry_ui_format_absolute_time (ferry_sync_get_updated_at (sync));
      /* Translators: sync list, a failed sync that never synced; %s is e.g. "2 hours ago" */
      return g_strdup_printf (_("Failed %s"), relative);
    }
  return NULL;
}

/* The exact time, asked for when the pointer rests on the label: rows are rebound while a
 * long list scrolls or filters, and gtk_widget_set_tooltip_text () on each was a good part
 * of the cost of a row (bench-sync-stall). */
static gboolean
last_synced_query_tooltip_cb (GtkWidget    *label,
                              int           x,
                              int           y,
                              gboolean      keyboard,
                              GtkTooltip   *tooltip,
                              FerrySyncRow *self)
{
  g_autofree char *when = NULL;
  g_autofree char *text = NULL;

  if (self->sync == NULL)
    return FALSE;
  when = failure_time_text (self->sync, &text);
  if (when == NULL)
    text = ferry_ui_format_absolute_time (ferry_sync_get_last_synced_at (self->sync));
  if (text == NULL || *text == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* The icons' tooltips, also given on demand: in GTK 4.8 gtk_widget_set_tooltip_text () on a
 * visible widget asks the display where the pointer is (gtk_widget_trigger_tooltip_query (),
 * two round trips to an X server), so a "tooltip-text" in this template made most of the
 * cost of building a row (bench-sync-stall, perf). has-tooltip alone asks nothing. The
 * icons' accessible labels (ferry-sync-row.ui) say the same for screen readers. */
static gboolean
source_icon_query_tooltip_cb (GtkWidget  *icon,
                              int         x,
                              int         y,
                              gboolean    keyboard,
                              GtkTooltip *tooltip)
{
  gtk_tooltip_set_text (tooltip, _("Source"));
  return TRUE;
}

static gboolean
destination_icon_query_tooltip_cb (GtkWidget  *icon,
                                   int         x,
                                   int         y,
                                   gboolean    keyboard,
                                   GtkTooltip *tooltip)
{
  gtk_tooltip_set_text (tooltip, _("Destination"));
  return TRUE;
}

/* The tooltip's text (tests). */
char *
ferry_sync_row_dup_time_tooltip (FerrySyncRow *self)
{
  g_autofree char *when = NULL;
  char *text = NULL;

  g_return_val_if_fail (FERRY_IS_SYNC_ROW (self), NULL);

  if (self->sync == NULL)
    return NULL;
  when = failure_time_text (self->sync, &text);
  if (when == NULL)
    text = ferry_ui_format_absolute_time (ferry_sync_get_last_synced_at (self->sync));
  return text;
}

static void
ferry_sync_row_update (FerrySyncRow *self)
{
  FerrySync *sync = self->sync;
  g_autofree char *source = NULL;
  g_autofree char *destination = NULL;
  g_autofree char *relative = NULL;
  g_autofree char *accessible = NULL;
  g_autofree char *when = NULL;
  const char *description;
  const char *status_text;

  if (sync == NULL)
    return;

  gtk_inscription_set_text (self->name_label, ferry_sync_get_name (sync));
  description = ferry_sync_get_description (sync);
  gtk_inscription_set_text (self->description_label, description != NULL ? description : "");
  gtk_widget_set_visible (GTK_WIDGET (self->description_label), description != NULL && description[0] != '\0');

  if (ferry_sync_get_folder_deleted (sync) && ferry_sync_get_environment_name (sync) != NULL)
    /* Translators: sync source when its folder was deleted; %s is the environment name */
    source = g_strdup_printf (_("%s · folder deleted"), ferry_sync_get_environment_name (sync));
  else if (ferry_sync_get_folder_deleted (sync))
    /* The server answers environment null along with folder null: nothing to name. */
    source = g_strdup (_("Source folder deleted · choose Edit to pick another"));
  else
    /* Translators: sync source: environment name · secret path */
    source = g_strdup_printf (_("%s · %s"),
                              ferry_sync_get_environment_name (sync) != NULL ? ferry_sync_get_environment_name (sync) : "",
                              ferry_sync_get_secret_path (sync) != NULL ? ferry_sync_get_secret_path (sync) : "/");
  gtk_inscription_set_text (self->source_label, source);

  if (ferry_sync_get_environment_name (sync) != NULL)
    /* Translators: sync destination: Azure DevOps project / variable group, then the connection */
    destination = g_strdup_printf (_("%s / %s · via %s"),
                                   ferry_ui_sync_devops_project_label (sync),
                                   ferry_sync_get_environment_name (sync),
                                   ferry_ui_sync_connection_label (sync));
  else
    /* Translators: sync destination without a known variable group: Azure DevOps project, then the connection */
    destination = g_strdup_printf (_("%s · via %s"),
                                   ferry_ui_sync_devops_project_label (sync),
                                   ferry_ui_sync_connection_label (sync));
  gtk_inscription_set_text (self->destination_label, destination);

  status_text = ferry_ui_update_sync_badge (self->status_label, self->spinner, sync, &self->status_class);

  relative = ferry_ui_format_relative_time (ferry_sync_get_last_synced_at (sync));
  when = failure_time_text (sync, NULL);
  gtk_label_set_label (self->last_synced_label, when != NULL ? when : relative);

  gtk_widget_set_visible (GTK_WIDGET (self->auto_sync_badge), !ferry_sync_get_auto_sync_enabled (sync));
  gtk_widget_set_visible (GTK_WIDGET (self->folder_badge), ferry_sync_get_folder_deleted (sync));

  /* Translators: accessible description of a sync row: name, status, last synced */
  g_free (relative);
  relative = ferry_ui_format_relative_time_in_sentence (ferry_sync_get_last_synced_at (sync));
  accessible = g_strdup_printf (_("%s, %s, last synced %s"), ferry_sync_get_name (sync), status_text, relative);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

void
ferry_sync_row_set_sync (FerrySyncRow *self,
                         FerrySync    *sync)
{
  g_return_if_fail (FERRY_IS_SYNC_ROW (self));
  g_return_if_fail (sync == NULL || FERRY_IS_SYNC (sync));

  if (self->sync == sync)
    return;

  g_set_object (&self->sync, sync);
  g_signal_group_set_target (self->sync_signals, sync);
  g_signal_group_set_target (self->history_signals, sync != NULL ? ferry_sync_history_peek (sync) : NULL);
  if (sync != NULL)
    ferry_sync_row_update (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNC]);
}

static void
ferry_sync_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  FerrySyncRow *self = FERRY_SYNC_ROW (object);

  switch (prop_id)
    {
    case PROP_SYNC:
      g_value_set_object (value, self->sync);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_sync_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  FerrySyncRow *self = FERRY_SYNC_ROW (object);

  switch (prop_id)
    {
    case PROP_SYNC:
      ferry_sync_row_set_sync (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_sync_row_dispose (GObject *object)
{
  FerrySyncRow *self = FERRY_SYNC_ROW (object);

  if (self->sync_signals != NULL)
    g_signal_group_set_target (self->sync_signals, NULL);
  if (self->history_signals != NULL)
    g_signal_group_set_target (self->history_signals, NULL);
  g_clear_object (&self->sync_signals);
  g_clear_object (&self->history_signals);
  g_clear_object (&self->sync);
  gtk_widget_dispose_template (GTK_WIDGET (self), FERRY_TYPE_SYNC_ROW);
  ferry_ui_unparent_children (GTK_WIDGET (self));

  G_OBJECT_CLASS (ferry_sync_row_parent_class)->dispose (object);
}

static void
ferry_sync_row_class_init (FerrySyncRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = ferry_sync_row_get_property;
  object_class->set_property = ferry_sync_row_set_property;
  object_class->dispose = ferry_sync_row_dispose;

  properties[PROP_SYNC] =
    g_param_spec_object ("sync", NULL, NULL, FERRY_TYPE_SYNC,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ferry-sync-row.ui");
  gtk_widget_class_bind_template_child (widget_class, FerrySyncRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, FerrySyncRow, description_label);
  gtk_widget_class_bind_template_child (widget_class, FerrySyncRow, source_label);
  gtk_widget_class_bind_template_child (widget_class, FerrySyncRow, destination_label);
  gtk_widget_class_bind_template_child (widget_class, FerrySyncRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, FerrySyncRow, spinner);
  gtk_widget_class_bind_template_child (widget_class, FerrySyncRow, last_synced_label);
  gtk_widget_class_bind_template_child (widget_class, FerrySyncRow, auto_sync_badge);
  gtk_widget_class_bind_template_child (widget_class, FerrySyncRow, folder_badge);
  gtk_widget_class_bind_template_callback (widget_class, source_icon_query_tooltip_cb);
  gtk_widget_class_bind_template_callback (widget_class, destination_icon_query_tooltip_cb);
}

static void
ferry_sync_row_init (FerrySyncRow *self)
{
  self->sync_signals = g_signal_group_new (FERRY_TYPE_SYNC);
  g_signal_group_connect_object (self->sync_signals, "notify", G_CALLBACK (ferry_sync_row_update),
                                 self, G_CONNECT_SWAPPED);

  self->history_signals = g_signal_group_new (FERRY_TYPE_SYNC_HISTORY);
  g_signal_group_connect_object (self->history_signals, "notify::failing-since", G_CALLBACK (ferry_sync_row_update),
                                 self, G_CONNECT_SWAPPED);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_has_tooltip (GTK_WIDGET (self->last_synced_label), TRUE);
  g_signal_connect_object (self->last_synced_label, "query-tooltip",
                           G_CALLBACK (last_synced_query_tooltip_cb), self, 0);
}
