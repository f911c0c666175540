/* ferry-assistant-page.c
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-assistant-page.h"
#include "ferry-ui-utils.h"

typedef struct
{
  FerryContext      *context;
  FerryProjectModel *model;
  FerrySyncDraft    *draft;

  char           *busy_message;   /* NULL: settled */
  guint           updating;       /* nesting depth of begin_update () */
  guint           touched;        /* bit per FerrySyncDraftField */
} FerryAssistantPagePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (FerryAssistantPage, ferry_assistant_page, ADW_TYPE_PREFERENCES_PAGE)

G_STATIC_ASSERT (FERRY_SYNC_DRAFT_N_FIELDS <= 32);

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_MODEL,
  PROP_DRAFT,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ferry_assistant_page_constructed (GObject *object)
{
  FerryAssistantPage *self = FERRY_ASSISTANT_PAGE (object);
  FerryAssistantPagePrivate *priv = ferry_assistant_page_get_instance_private (self);

  G_OBJECT_CLASS (ferry_assistant_page_parent_class)->constructed (object);

  g_assert (FERRY_IS_CONTEXT (priv->context));
  g_assert (FERRY_IS_PROJECT_MODEL (priv->model));
  g_assert (FERRY_IS_SYNC_DRAFT (priv->draft));
  g_assert (FERRY_ASSISTANT_PAGE_GET_CLASS (self)->name != NULL);
  g_assert (FERRY_ASSISTANT_PAGE_GET_CLASS (self)->title != NULL);
}

static void
ferry_assistant_page_finalize (GObject *object)
{
  FerryAssistantPage *self = FERRY_ASSISTANT_PAGE (object);
  FerryAssistantPagePrivate *priv = ferry_assistant_page_get_instance_private (self);

  g_clear_object (&priv->context);
  g_clear_object (&priv->model);
  g_clear_object (&priv->draft);
  g_clear_pointer (&priv->busy_message, g_free);

  G_OBJECT_CLASS (ferry_assistant_page_parent_class)->finalize (object);
}

static void
ferry_assistant_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  FerryAssistantPage *self = FERRY_ASSISTANT_PAGE (object);
  FerryAssistantPagePrivate *priv = ferry_assistant_page_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, priv->context);
      break;

    case PROP_MODEL:
      g_value_set_object (value, priv->model);
      break;

    case PROP_DRAFT:
      g_value_set_object (value, priv->draft);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, priv->busy_message != NULL);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_assistant_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  FerryAssistantPage *self = FERRY_ASSISTANT_PAGE (object);
  FerryAssistantPagePrivate *priv = ferry_assistant_page_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      priv->context = g_value_dup_object (value);
      break;

    case PROP_MODEL:
      priv->model = g_value_dup_object (value);
      break;

    case PROP_DRAFT:
      priv->draft = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_assistant_page_class_init (FerryAssistantPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = ferry_assistant_page_constructed;
  object_class->finalize = ferry_assistant_page_finalize;
  object_class->get_property = ferry_assistant_page_get_property;
  object_class->set_property = ferry_assistant_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, FERRY_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, FERRY_TYPE_PROJECT_MODEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DRAFT] =
    g_param_spec_object ("draft", NULL, NULL, FERRY_TYPE_SYNC_DRAFT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ferry_assistant_page_init (FerryAssistantPage *self)
{
}

GtkWidget *
ferry_assistant_page_new (GType              type,
                          FerryContext      *context,
                          FerryProjectModel *model,
                          FerrySyncDraft    *draft)
{
  g_return_val_if_fail (g_type_is_a (type, FERRY_TYPE_ASSISTANT_PAGE), NULL);
  g_return_val_if_fail (FERRY_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (FERRY_IS_PROJECT_MODEL (model), NULL);
  g_return_val_if_fail (FERRY_IS_SYNC_DRAFT (draft), NULL);

  return g_object_new (type,
                       "context", context,
                       "model", model,
                       "draft", draft,
                       NULL);
}

FerryContext *
ferry_assistant_page_get_context (FerryAssistantPage *self)
{
  FerryAssistantPagePrivate *priv = ferry_assistant_page_get_instance_private (self);

  g_return_val_if_fail (FERRY_IS_ASSISTANT_PAGE (self), NULL);

  return priv->context;
}

FerryProjectModel *
ferry_assistant_page_get_model (FerryAssistantPage *self)
{
  FerryAssistantPagePrivate *priv = ferry_assistant_page_get_instance_private (self);

  g_return_val_if_fail (FERRY_IS_ASSISTANT_PAGE (self), NULL);

  return priv->model;
}

FerryProject *
ferry_assistant_page_get_project (FerryAssistantPage *self)
{
  FerryAssistantPagePrivate *priv = ferry_assistant_page_get_instance_private (self);

  g_return_val_if_fail (FERRY_IS_ASSISTANT_PAGE (self), NULL);

  return ferry_project_model_get_project (priv->model);
}

FerryApiClient *
ferry_assistant_page_get_client (FerryAssistantPage *self)
{
  FerryAssistantPagePrivate *priv = ferry_assistant_page_get_instance_private (self);

  g_return_val_if_fail (FERRY_IS_ASSISTANT_PAGE (self), NULL);

  return ferry_ui_get_lookup_client (priv->model);
}

FerrySyncDraft *
ferry_assistant_page_get_draft (FerryAssistantPage *self)
{
  FerryAssistantPagePrivate *priv = ferry_assistant_page_get_instance_private (self);

  g_return_val_if_fail (FERRY_IS_ASSISTANT_PAGE (self), NULL);

  return priv->draft;
}

FerrySyncDraftStep
ferry_assistant_page_get_step (FerryAssistantPage *self)
{
  g_return_val_if_fail (FERRY_IS_ASSISTANT_PAGE (self), FERRY_SYNC_DRAFT_STEP_SOURCE);

  return FERRY_ASSISTANT_PAGE_GET_CLASS (self)->step;
}

const char *
ferry_assistant_page_get_name (FerryAssistantPage *self)
{
  g_return_val_if_fail (FERRY_IS_ASSISTANT_PAGE (self), NULL);

  return FERRY_ASSISTANT_PAGE_GET_CLASS (self)->name;
}

const char *
ferry_assistant_page_get_title (FerryAssistantPage *self)
{
  g_return_val_if_fail (FERRY_IS_ASSISTANT_PAGE (self), NULL);

  return gettext (FERRY_ASSISTANT_PAGE_GET_CLASS (self)->title);
}

gboolean
ferry_assistant_page_get_busy (FerryAssistantPage *self)
{
  FerryAssistantPagePrivate *priv = ferry_assistant_page_get_instance_private (self);

  g_return_val_if_fail (FERRY_IS_ASSISTANT_PAGE (self), FALSE);

  return priv->busy_message != NULL;
}

const char *
ferry_assistant_page_get_busy_message (FerryAssistantPage *self)
{
  FerryAssistantPagePrivate *priv = ferry_assistant_page_get_instance_private (self);

  g_return_val_if_fail (FERRY_IS_ASSISTANT_PAGE (self), NULL);

  return priv->busy_message;
}

void
ferry_assistant_page_set_busy (FerryAssistantPage *self,
                               const char         *message)
{
  FerryAssistantPagePrivate *priv = ferry_assistant_page_get_instance_private (self);
  gboolean was_busy;

  g_return_if_fail (FERRY_IS_ASSISTANT_PAGE (self));

  was_busy = priv->busy_message != NULL;
  if (g_strcmp0 (priv->busy_message, message) == 0)
    return;

  g_free (priv->busy_message);
  priv->busy_message = g_strdup (message);
  if (was_busy != (message != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

gboolean
ferry_assistant_page_validate (FerryAssistantPage   *self,
                               FerrySyncDraftField  *out_field,
                               char                **out_message)
{
  FerryAssistantPagePrivate *priv = ferry_assistant_page_get_instance_private (self);

  g_return_val_if_fail (FERRY_IS_ASSISTANT_PAGE (self), FALSE);

  return ferry_sync_draft_validate_step (priv->draft, ferry_assistant_page_get_step (self),
                                         out_field, out_message);
}

gboolean
ferry_assistant_page_get_complete (FerryAssistantPage *self)
{
  g_return_val_if_fail (FERRY_IS_ASSISTANT_PAGE (self), FALSE);

  return ferry_assistant_page_validate (self, NULL, NULL) && !ferry_assistant_page_get_busy (self);
}

void
ferry_assistant_page_shown (FerryAssistantPage *self)
{
  FerryAssistantPageClass *klass;

  g_return_if_fail (FERRY_IS_ASSISTANT_PAGE (self));

  klass = FERRY_ASSISTANT_PAGE_GET_CLASS (self);
  if (klass->shown != NULL)
    klass->shown (self);
}

void
ferry_assistant_page_focus_field (FerryAssistantPage  *self,
                                  FerrySyncDraftField  field)
{
  FerryAssistantPageClass *klass;
  GtkWidget *widget = NULL;

  g_return_if_fail (FERRY_IS_ASSISTANT_PAGE (self));

  klass = FERRY_ASSISTANT_PAGE_GET_CLASS (self);
  if (klass->get_field_widget != NULL)
    widget = klass->get_field_widget (self, field);
  if (widget != NULL)
    gtk_widget_grab_focus (widget);
}

void
ferry_assistant_page_show_save_error (FerryAssistantPage *self,
                                      const GError       *error)
{
  FerryAssistantPageClass *klass;

  g_return_if_fail (FERRY_IS_ASSISTANT_PAGE (self));

  klass = FERRY_ASSISTANT_PAGE_GET_CLASS (self);
  if (klass->show_save_error != NULL)
    klass->show_save_error (self, error);
}

/* ---- For subclasses ---- */

void
ferry_assistant_page_begin_update (FerryAssistantPage *self)
{
  FerryAssistantPagePrivate *priv = ferry_assistant_page_get_instance_private (self);

  g_return_if_fail (FERRY_IS_ASSISTANT_PAGE (self));

  priv->updating++;
}

void
ferry_assistant_page_end_update (FerryAssistantPage *self)
{
  FerryAssistantPagePrivate *priv = ferry_assistant_page_get_instance_private (self);

  g_return_if_fail (FERRY_IS_ASSISTANT_PAGE (self));
  g_return_if_fail (priv->updating > 0);

  priv->updating--;
}

gboolean
ferry_assistant_page_get_updating (FerryAssistantPage *self)
{
  FerryAssistantPagePrivate *priv = ferry_assistant_page_get_instance_private (self);

  g_return_val_if_fail (FERRY_IS_ASSISTANT_PAGE (self), FALSE);

  return priv->updating > 0;
}

void
ferry_assistant_page_set_text (FerryAssistantPage *self,
                               GtkEditable        *editable,
                               const char         *text)
{
  g_return_if_fail (FERRY_IS_ASSISTANT_PAGE (self));
  g_return_if_fail (GTK_IS_EDITABLE (editable));

  if (text == NULL)
    text = "";
  if (g_strcmp0 (gtk_editable_get_text (editable), text) == 0)
    return;

  ferry_assistant_page_begin_update (self);
  gtk_editable_set_text (editable, text);
  ferry_assistant_page_end_update (self);
}

void
ferry_assistant_page_touch_field (FerryAssistantPage  *self,
                                  FerrySyncDraftField  field)
{
  FerryAssistantPagePrivate *priv = ferry_assistant_page_get_instance_private (self);

  g_return_if_fail (FERRY_IS_ASSISTANT_PAGE (self));
  g_return_if_fail (field < FERRY_SYNC_DRAFT_N_FIELDS);

  priv->touched |= 1u << field;
}

char *
ferry_assistant_page_dup_field_message (FerryAssistantPage  *self,
                                        FerrySyncDraftField  field,
                                        const char          *value)
{
  FerryAssistantPagePrivate *priv = ferry_assistant_page_get_instance_private (self);
  g_autofree char *message = NULL;

  g_return_val_if_fail (FERRY_IS_ASSISTANT_PAGE (self), NULL);
  g_return_val_if_fail (field < FERRY_SYNC_DRAFT_N_FIELDS, NULL);

  message = ferry_sync_draft_validate_field (priv->draft, field);
  if (message == NULL)
    return NULL;

  if ((priv->touched & (1u << field)) != 0 ||
      (value != NULL && *value != '\0') ||
      ferry_sync_draft_get_field_error (priv->draft, field) != NULL)
    return g_steal_pointer (&message);

  return NULL;
}

void
ferry_assistant_page_show_message (GtkLabel   *label,
                                   const char *message,
                                   const char *css_class)
{
  g_return_if_fail (GTK_IS_LABEL (label));

  gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (label), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
  gtk_label_set_text (label, message ? message : "");
  if (css_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (label), css_class);
}
