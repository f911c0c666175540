/* ferry-details-page.c
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-details-page.h"

struct _FerryDetailsPage
{
  AdwPreferencesPage  parent_instance;

  FerrySyncDraft     *draft;

  guint               name_touched : 1;
  guint               updating : 1;

  /* Template widgets */
  AdwEntryRow        *name_row;
  GtkLabel           *name_message;
  AdwEntryRow        *description_row;
  GtkLabel           *description_counter;
  GtkLabel           *description_message;
};

G_DEFINE_FINAL_TYPE (FerryDetailsPage, ferry_details_page, ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROP_0,
  PROP_DRAFT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sync_entry (FerryDetailsPage *self,
            AdwEntryRow      *row,
            const char       *value)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), value ? value : "") == 0)
    return;

  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (row), value ? value : "");
  self->updating = FALSE;
}

static void
refresh (FerryDetailsPage *self)
{
  g_autofree char *name_message = ferry_sync_draft_validate_field (self->draft, FERRY_SYNC_DRAFT_FIELD_NAME);
  g_autofree char *description_message = ferry_sync_draft_validate_field (self->draft, FERRY_SYNC_DRAFT_FIELD_DESCRIPTION);
  g_autofree char *counter = NULL;
  const char *name = ferry_sync_draft_get_name (self->draft);
  gsize count;
  gboolean show_name_error;

  sync_entry (self, self->name_row, name);
  sync_entry (self, self->description_row, ferry_sync_draft_get_description (self->draft));

  /* The slug rules as people type; an empty name only once they touched it. */
  show_name_error = name_message != NULL &&
                    (self->name_touched || (name != NULL && *name != '\0') ||
                     ferry_sync_draft_get_field_error (self->draft, FERRY_SYNC_DRAFT_FIELD_NAME) != NULL);

  gtk_widget_remove_css_class (GTK_WIDGET (self->name_message), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->name_message), "dim-label");
  if (show_name_error)
    {
      gtk_label_set_text (self->name_message, name_message);
      gtk_widget_add_css_class (GTK_WIDGET (self->name_message), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
    }
  else
    {
      gtk_label_set_text (self->name_message,
                          _("Lowercase letters, digits and single hyphens, up to 32 characters, "
                            "for example “web-production”. Unique in the project."));
      gtk_widget_add_css_class (GTK_WIDGET (self->name_message), "dim-label");
      gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
    }

  count = ferry_sync_draft_count_chars (ferry_sync_draft_get_description (self->draft));
  /* Translators: a character counter, e.g. “12/256”. */
  counter = g_strdup_printf (_("%u/%u"), (guint) count, (guint) FERRY_SYNC_DRAFT_DESCRIPTION_MAX);
  gtk_label_set_text (self->description_counter, counter);
  gtk_widget_set_visible (GTK_WIDGET (self->description_message), description_message != NULL);
  gtk_label_set_text (self->description_message, description_message ? description_message : "");
  if (description_message != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->description_row), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->description_counter), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->description_row), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->description_counter), "error");
    }
}

static void
name_changed_cb (FerryDetailsPage *self)
{
  if (self->updating)
    return;

  self->name_touched = TRUE;
  ferry_sync_draft_set_name (self->draft, gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
}

static void
description_changed_cb (FerryDetailsPage *self)
{
  if (self->updating)
    return;

  ferry_sync_draft_set_description (self->draft, gtk_editable_get_text (GTK_EDITABLE (self->description_row)));
}

static void
ferry_details_page_constructed (GObject *object)
{
  FerryDetailsPage *self = FERRY_DETAILS_PAGE (object);

  G_OBJECT_CLASS (ferry_details_page_parent_class)->constructed (object);

  g_assert (FERRY_IS_SYNC_DRAFT (self->draft));

  g_signal_connect_object (self->name_row, "changed", G_CALLBACK (name_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->description_row, "changed", G_CALLBACK (description_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->draft, "changed", G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);

  refresh (self);
}

static void
ferry_details_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), FERRY_TYPE_DETAILS_PAGE);

  G_OBJECT_CLASS (ferry_details_page_parent_class)->dispose (object);
}

static void
ferry_details_page_finalize (GObject *object)
{
  FerryDetailsPage *self = FERRY_DETAILS_PAGE (object);

  g_clear_object (&self->draft);

  G_OBJECT_CLASS (ferry_details_page_parent_class)->finalize (object);
}

static void
ferry_details_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  FerryDetailsPage *self = FERRY_DETAILS_PAGE (object);

  switch (prop_id)
    {
    case PROP_DRAFT:
      g_value_set_object (value, self->draft);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_details_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  FerryDetailsPage *self = FERRY_DETAILS_PAGE (object);

  switch (prop_id)
    {
    case PROP_DRAFT:
      self->draft = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_details_page_class_init (FerryDetailsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ferry_details_page_constructed;
  object_class->dispose = ferry_details_page_dispose;
  object_class->finalize = ferry_details_page_finalize;
  object_class->get_property = ferry_details_page_get_property;
  object_class->set_property = ferry_details_page_set_property;

  properties[PROP_DRAFT] =
    g_param_spec_object ("draft", NULL, NULL, FERRY_TYPE_SYNC_DRAFT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ferry-details-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FerryDetailsPage, name_row);
  gtk_widget_class_bind_template_child (widget_class, FerryDetailsPage, name_message);
  gtk_widget_class_bind_template_child (widget_class, FerryDetailsPage, description_row);
  gtk_widget_class_bind_template_child (widget_class, FerryDetailsPage, description_counter);
  gtk_widget_class_bind_template_child (widget_class, FerryDetailsPage, description_message);
}

static void
ferry_details_page_init (FerryDetailsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
ferry_details_page_new (FerrySyncDraft *draft)
{
  g_return_val_if_fail (FERRY_IS_SYNC_DRAFT (draft), NULL);

  return g_object_new (FERRY_TYPE_DETAILS_PAGE, "draft", draft, NULL);
}

void
ferry_details_page_focus_field (FerryDetailsPage    *self,
                                FerrySyncDraftField  field)
{
  g_return_if_fail (FERRY_IS_DETAILS_PAGE (self));

  if (field == FERRY_SYNC_DRAFT_FIELD_DESCRIPTION)
    gtk_widget_grab_focus (GTK_WIDGET (self->description_row));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}
