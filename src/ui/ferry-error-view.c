/* ferry-error-view.c
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-api-error.h"
#include "ferry-auth-error.h"
#include "ferry-error-view.h"

struct _FerryErrorView
{
  GtkBox       parent_instance;

  GError      *error;
  gboolean     centered;

  GtkImage    *icon;
  GtkLabel    *message_label;
  GtkExpander *details_expander;
  GtkLabel    *details_label;
};

G_DEFINE_FINAL_TYPE (FerryErrorView, ferry_error_view, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_ERROR,
  PROP_CENTERED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
ferry_error_view_new (void)
{
  return g_object_new (FERRY_TYPE_ERROR_VIEW, NULL);
}

static void
ferry_error_view_show (FerryErrorView *self,
                       const char     *message,
                       const char     *details)
{
  gtk_label_set_label (self->message_label, message);
  gtk_label_set_label (self->details_label, details != NULL ? details : "");
  gtk_widget_set_visible (GTK_WIDGET (self->details_expander), details != NULL && details[0] != '\0');
  gtk_expander_set_expanded (self->details_expander, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
}

void
ferry_error_view_set_error (FerryErrorView *self,
                            const GError   *error)
{
  g_autofree char *details = NULL;

  g_return_if_fail (FERRY_IS_ERROR_VIEW (self));

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (self->error != error)
    {
      g_clear_error (&self->error);
      self->error = error != NULL ? g_error_copy (error) : NULL;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
    }

  if (error == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      gtk_label_set_label (self->message_label, "");
      gtk_label_set_label (self->details_label, "");
      return;
    }

  if (error->domain == FERRY_API_ERROR)
    details = ferry_api_error_format_details (error);
  else if (error->domain == FERRY_AUTH_ERROR)
    details = g_strdup (ferry_auth_error_get_detail (error));

  /* The sentence is already shown above the expander. */
  if (details != NULL && g_str_has_prefix (details, error->message) &&
      details[strlen (error->message)] == '\n')
    {
      char *rest = g_strdup (details + strlen (error->message) + 1);

      g_free (details);
      details = rest;
    }

  ferry_error_view_show (self, error->message, details);
}

const GError *
ferry_error_view_get_error (FerryErrorView *self)
{
  g_return_val_if_fail (FERRY_IS_ERROR_VIEW (self), NULL);

  return self->error;
}

void
ferry_error_view_set_message (FerryErrorView *self,
                              const char     *message)
{
  g_return_if_fail (FERRY_IS_ERROR_VIEW (self));

  ferry_error_view_set_error (self, NULL);
  if (message != NULL)
    ferry_error_view_show (self, message, NULL);
}

const char *
ferry_error_view_get_message (FerryErrorView *self)
{
  g_return_val_if_fail (FERRY_IS_ERROR_VIEW (self), NULL);

  return gtk_label_get_label (self->message_label);
}

const char *
ferry_error_view_get_details (FerryErrorView *self)
{
  g_return_val_if_fail (FERRY_IS_ERROR_VIEW (self), NULL);

  return gtk_label_get_label (self->details_label);
}

/* Inside an AdwStatusPage the view is part of the page's centred column: the page has the
 * icon already, and a left-aligned sentence would sit at the window's edge while the title
 * above it is centred. */
static void
ferry_error_view_set_centered (FerryErrorView *self,
                               gboolean        centered)
{
  centered = !!centered;
  if (self->centered == centered)
    return;

  self->centered = centered;
  gtk_widget_set_visible (GTK_WIDGET (self->icon), !centered);
  gtk_label_set_xalign (self->message_label, centered ? 0.5 : 0.0);
  gtk_label_set_justify (self->message_label, centered ? GTK_JUSTIFY_CENTER : GTK_JUSTIFY_LEFT);
  /* Wrapped to a readable measure, as the page's description would be, not to the pane. */
  gtk_widget_set_halign (GTK_WIDGET (self->message_label), centered ? GTK_ALIGN_CENTER : GTK_ALIGN_FILL);
  gtk_label_set_max_width_chars (self->message_label, centered ? 60 : -1);
  gtk_widget_set_halign (GTK_WIDGET (self->details_expander), centered ? GTK_ALIGN_CENTER : GTK_ALIGN_FILL);
  gtk_widget_set_margin_start (GTK_WIDGET (self->details_expander), centered ? 0 : 28);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CENTERED]);
}

static void
ferry_error_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  FerryErrorView *self = FERRY_ERROR_VIEW (object);

  switch (prop_id)
    {
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    case PROP_CENTERED:
      g_value_set_boolean (value, self->centered);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_error_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  FerryErrorView *self = FERRY_ERROR_VIEW (object);

  switch (prop_id)
    {
    case PROP_ERROR:
      ferry_error_view_set_error (self, g_value_get_boxed (value));
      break;
    case PROP_CENTERED:
      ferry_error_view_set_centered (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_error_view_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), FERRY_TYPE_ERROR_VIEW);

  G_OBJECT_CLASS (ferry_error_view_parent_class)->dispose (object);
}

static void
ferry_error_view_finalize (GObject *object)
{
  FerryErrorView *self = FERRY_ERROR_VIEW (object);

  g_clear_error (&self->error);

  G_OBJECT_CLASS (ferry_error_view_parent_class)->finalize (object);
}

static void
ferry_error_view_class_init (FerryErrorViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = ferry_error_view_get_property;
  object_class->set_property = ferry_error_view_set_property;
  object_class->dispose = ferry_error_view_dispose;
  object_class->finalize = ferry_error_view_finalize;

  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* TRUE in an AdwStatusPage: centred with the page's title, without an icon of its own. */
  properties[PROP_CENTERED] =
    g_param_spec_boolean ("centered", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ferry-error-view.ui");
  gtk_widget_class_bind_template_child (widget_class, FerryErrorView, icon);
  gtk_widget_class_bind_template_child (widget_class, FerryErrorView, message_label);
  gtk_widget_class_bind_template_child (widget_class, FerryErrorView, details_expander);
  gtk_widget_class_bind_template_child (widget_class, FerryErrorView, details_label);
}

static void
ferry_error_view_init (FerryErrorView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
