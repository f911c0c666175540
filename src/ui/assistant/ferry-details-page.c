/* ferry-details-page.c
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-details-page.h"
#include "ferry-ui-utils.h"

struct _FerryDetailsPage
{
  FerryAssistantPage  parent_instance;

  FerrySyncDraft     *draft;               /* the base class's, for brevity */
  char               *suggested;           /* the name this page put in, NULL: none */

  /* Template widgets */
  AdwEntryRow        *name_row;
  GtkLabel           *name_message;
  AdwEntryRow        *description_row;
  GtkLabel           *description_counter;
  GtkLabel           *description_message;
};

G_DEFINE_FINAL_TYPE (FerryDetailsPage, ferry_details_page, FERRY_TYPE_ASSISTANT_PAGE)

static void
refresh (FerryDetailsPage *self)
{
  FerryAssistantPage *page = FERRY_ASSISTANT_PAGE (self);
  g_autofree char *name_message = NULL;
  g_autofree char *description_message = ferry_sync_draft_validate_field (self->draft, FERRY_SYNC_DRAFT_FIELD_DESCRIPTION);
  g_autofree char *counter = NULL;
  const char *name = ferry_sync_draft_get_name (self->draft);
  gsize count;

  ferry_assistant_page_set_text (page, GTK_EDITABLE (self->name_row), name);
  ferry_assistant_page_set_text (page, GTK_EDITABLE (self->description_row), ferry_sync_draft_get_description (self->draft));

  /* The slug rules as people type; an empty name only once they touched it. */
  name_message = ferry_assistant_page_dup_field_message (page, FERRY_SYNC_DRAFT_FIELD_NAME, name);
  if (name_message != NULL)
    ferry_assistant_page_show_message (self->name_message, name_message, "error");
  else
    ferry_assistant_page_show_message (self->name_message,
                                       _("Lowercase letters, digits and single hyphens, up to 32 characters, "
                                         "for example “web-production”. Unique in the project."),
                                       "dim-label");
  ferry_ui_set_invalid (GTK_WIDGET (self->name_row), name_message != NULL);

  count = ferry_sync_draft_count_chars (ferry_sync_draft_get_description (self->draft));
  /* Translators: a character counter, e.g. “12/256”. */
  counter = g_strdup_printf (_("%u/%u"), (guint) count, (guint) FERRY_SYNC_DRAFT_DESCRIPTION_MAX);
  gtk_label_set_text (self->description_counter, counter);
  ferry_assistant_page_show_message (self->description_message, description_message, "error");
  ferry_ui_set_invalid (GTK_WIDGET (self->description_row), description_message != NULL);
  ferry_ui_set_invalid (GTK_WIDGET (self->description_counter), description_message != NULL);
}

static void
name_changed_cb (FerryDetailsPage *self)
{
  if (ferry_assistant_page_get_updating (FERRY_ASSISTANT_PAGE (self)))
    return;

  ferry_assistant_page_touch_field (FERRY_ASSISTANT_PAGE (self), FERRY_SYNC_DRAFT_FIELD_NAME);
  ferry_sync_draft_set_name (self->draft, gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
}

static void
description_changed_cb (FerryDetailsPage *self)
{
  if (ferry_assistant_page_get_updating (FERRY_ASSISTANT_PAGE (self)))
    return;

  ferry_sync_draft_set_description (self->draft, gtk_editable_get_text (GTK_EDITABLE (self->description_row)));
}

/* A new sync gets a name made from its choices, ready to keep or type over (focusing the
 * row selects it). Only the page's own suggestion is ever replaced, when an earlier step
 * changed what it was made from: a name the person typed, or the edited sync's, stays. */
static void
ferry_details_page_shown (FerryAssistantPage *page)
{
  FerryDetailsPage *self = FERRY_DETAILS_PAGE (page);
  GListModel *syncs = ferry_project_model_get_syncs (ferry_assistant_page_get_model (page));
  g_autoptr(GPtrArray) taken = g_ptr_array_new ();
  g_autofree char *suggestion = NULL;
  const char *name = ferry_sync_draft_get_name (self->draft);

  if (ferry_sync_draft_get_editing (self->draft))
    return;
  if (name != NULL && name[0] != '\0' && g_strcmp0 (name, self->suggested) != 0)
    return;

  for (guint i = 0; syncs != NULL && i < g_list_model_get_n_items (syncs); i++)
    {
      g_autoptr(FerrySync) sync = g_list_model_get_item (syncs, i);

      g_ptr_array_add (taken, (gpointer) ferry_sync_get_name (sync));
    }
  g_ptr_array_add (taken, NULL);

  suggestion = ferry_sync_draft_suggest_name (self->draft, (const char * const *) taken->pdata);
  if (suggestion == NULL || g_strcmp0 (suggestion, name) == 0)
    return;

  g_free (self->suggested);
  self->suggested = g_steal_pointer (&suggestion);
  ferry_sync_draft_set_name (self->draft, self->suggested);
}

static GtkWidget *
ferry_details_page_get_field_widget (FerryAssistantPage  *page,
                                     FerrySyncDraftField  field)
{
  FerryDetailsPage *self = FERRY_DETAILS_PAGE (page);

  switch (field)
    {
    case FERRY_SYNC_DRAFT_FIELD_NAME:
      return GTK_WIDGET (self->name_row);

    case FERRY_SYNC_DRAFT_FIELD_DESCRIPTION:
      return GTK_WIDGET (self->description_row);

    case FERRY_SYNC_DRAFT_FIELD_NONE:
    case FERRY_SYNC_DRAFT_FIELD_PROJECT:
    case FERRY_SYNC_DRAFT_FIELD_ENVIRONMENT:
    case FERRY_SYNC_DRAFT_FIELD_SECRET_PATH:
    case FERRY_SYNC_DRAFT_FIELD_CONNECTION:
    case FERRY_SYNC_DRAFT_FIELD_DEVOPS_PROJECT:
    case FERRY_SYNC_DRAFT_FIELD_KEY_SCHEMA:
    default:
      return NULL;
    }
}

static void
ferry_details_page_constructed (GObject *object)
{
  FerryDetailsPage *self = FERRY_DETAILS_PAGE (object);

  G_OBJECT_CLASS (ferry_details_page_parent_class)->constructed (object);

  self->draft = ferry_assistant_page_get_draft (FERRY_ASSISTANT_PAGE (self));

  g_signal_connect_object (self->name_row, "changed", G_CALLBACK (name_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->description_row, "changed", G_CALLBACK (description_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->draft, "changed", G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);

  refresh (self);
}

static void
ferry_details_page_finalize (GObject *object)
{
  FerryDetailsPage *self = FERRY_DETAILS_PAGE (object);

  g_clear_pointer (&self->suggested, g_free);

  G_OBJECT_CLASS (ferry_details_page_parent_class)->finalize (object);
}

static void
ferry_details_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), FERRY_TYPE_DETAILS_PAGE);

  G_OBJECT_CLASS (ferry_details_page_parent_class)->dispose (object);
}

static void
ferry_details_page_class_init (FerryDetailsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  FerryAssistantPageClass *page_class = FERRY_ASSISTANT_PAGE_CLASS (klass);

  object_class->constructed = ferry_details_page_constructed;
  object_class->dispose = ferry_details_page_dispose;
  object_class->finalize = ferry_details_page_finalize;

  page_class->step = FERRY_SYNC_DRAFT_STEP_DETAILS;
  page_class->name = "details";
  /* Translators: the steps of the assistant, numbered in the step indicator. */
  page_class->title = N_("Details");
  page_class->shown = ferry_details_page_shown;
  page_class->get_field_widget = ferry_details_page_get_field_widget;

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
