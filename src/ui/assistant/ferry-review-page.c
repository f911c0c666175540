/* ferry-review-page.c
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-api-error.h"
#include "ferry-review-page.h"

struct _FerryReviewPage
{
  FerryAssistantPage  parent_instance;

  FerrySyncDraft     *draft;               /* the base class's, for brevity */

  /* Template widgets */
  GtkWidget          *error_box;
  GtkLabel           *error_label;
  GtkButton          *retry_button;
  GtkExpander        *error_details;
  GtkLabel           *error_details_label;
  GtkLabel           *overwrite_warning;
  AdwActionRow       *review_project_row;
  AdwActionRow       *review_environment_row;
  AdwActionRow       *review_path_row;
  AdwActionRow       *review_connection_row;
  AdwActionRow       *review_devops_row;
  AdwActionRow       *review_group_row;
  AdwActionRow       *review_initial_row;
  AdwActionRow       *review_key_schema_row;
  AdwActionRow       *review_auto_sync_row;
  AdwActionRow       *review_deletion_row;
  AdwActionRow       *review_subfolders_row;
  AdwActionRow       *review_name_row;
  AdwActionRow       *review_description_row;
};

G_DEFINE_FINAL_TYPE (FerryReviewPage, ferry_review_page, FERRY_TYPE_ASSISTANT_PAGE)

enum {
  EDIT_STEP,
  RETRY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
or_default (const char *value,
            const char *fallback)
{
  return value != NULL && *value != '\0' ? value : fallback;
}

static void
refresh (FerryReviewPage *self)
{
  FerrySyncDraft *d = self->draft;
  g_autofree char *path = ferry_sync_draft_normalize_secret_path (ferry_sync_draft_get_secret_path (d));
  g_autofree char *environment = NULL;
  g_autofree char *devops = NULL;
  g_autofree char *warning = NULL;
  g_autofree char *schema = NULL;
  const char *group = or_default (ferry_sync_draft_get_environment_name (d), ferry_sync_draft_get_environment_slug (d));
  const char *devops_name = or_default (ferry_sync_draft_get_devops_project_name (d), ferry_sync_draft_get_devops_project_id (d));

  adw_action_row_set_subtitle (self->review_project_row,
                               ferry_project_get_name (ferry_assistant_page_get_project (FERRY_ASSISTANT_PAGE (self))));

  /* Translators: an environment as “Production (prod)”: display name, then slug. */
  environment = g_strdup_printf (_("%s (%s)"),
                                 or_default (ferry_sync_draft_get_environment_name (d), ""),
                                 or_default (ferry_sync_draft_get_environment_slug (d), ""));
  adw_action_row_set_subtitle (self->review_environment_row, environment);
  adw_action_row_set_subtitle (self->review_path_row, or_default (path, _("Not chosen")));

  adw_action_row_set_subtitle (self->review_connection_row,
                               or_default (ferry_sync_draft_get_connection_name (d),
                                           or_default (ferry_sync_draft_get_connection_id (d), _("Not chosen"))));
  if (ferry_sync_draft_get_devops_project_name (d) != NULL && ferry_sync_draft_get_devops_project_id (d) != NULL)
    /* Translators: an Azure DevOps project as “Fabrikam (3f2e…)”: name, then id. */
    devops = g_strdup_printf (_("%s (%s)"), ferry_sync_draft_get_devops_project_name (d),
                              ferry_sync_draft_get_devops_project_id (d));
  adw_action_row_set_subtitle (self->review_devops_row,
                               devops ? devops : or_default (ferry_sync_draft_get_devops_project_id (d), _("Not chosen")));
  adw_action_row_set_subtitle (self->review_group_row, or_default (group, _("Not chosen")));

  adw_action_row_set_subtitle (self->review_initial_row, _("Overwrite destination secrets"));
  schema = g_strstrip (g_strdup (or_default (ferry_sync_draft_get_key_schema (d), "")));
  if (*schema != '\0')
    {
      g_autofree char *example = ferry_sync_draft_apply_key_schema (d, "API_KEY");
      g_autofree char *text = NULL;

      /* Translators: a key schema and an example, as “APP_{{secretKey}} (API_KEY becomes APP_API_KEY)”. */
      text = g_strdup_printf (_("%s (API_KEY becomes %s)"), schema, example);
      adw_action_row_set_subtitle (self->review_key_schema_row, text);
    }
  else
    adw_action_row_set_subtitle (self->review_key_schema_row, _("None: names stay as they are in Infisical"));
  adw_action_row_set_subtitle (self->review_auto_sync_row,
                               ferry_sync_draft_get_auto_sync_enabled (d)
                               ? _("On: syncs whenever the secrets change")
                               : _("Off: syncs only when you ask"));
  adw_action_row_set_subtitle (self->review_subfolders_row,
                               ferry_sync_draft_get_recursive (d)
                               ? _("Included: every folder below the source folder is synced too")
                               : _("Not included"));
  gtk_widget_set_visible (GTK_WIDGET (self->review_subfolders_row),
                          ferry_sync_draft_get_recursive_supported (d) || ferry_sync_draft_get_recursive (d));
  adw_action_row_set_subtitle (self->review_deletion_row,
                               ferry_sync_draft_get_disable_secret_deletion (d)
                               ? _("Never, but every sync still replaces the whole group")
                               : _("Allowed"));

  adw_action_row_set_subtitle (self->review_name_row, or_default (ferry_sync_draft_get_name (d), _("Not chosen")));
  adw_action_row_set_subtitle (self->review_description_row, or_default (ferry_sync_draft_get_description (d), _("None")));

  /* Translators: first %s is the variable group (an environment name), second the Azure DevOps project. */
  warning = g_strdup_printf (_("Every sync replaces all variables in the variable group “%s” of %s, "
                               "including variables added there by hand."),
                             or_default (group, "?"), or_default (devops_name, "?"));
  gtk_label_set_text (self->overwrite_warning, warning);
}

static void
emit_edit (FerryReviewPage    *self,
           FerrySyncDraftStep  step)
{
  g_signal_emit (self, signals[EDIT_STEP], 0, (guint) step);
}

static void
edit_source_clicked_cb (FerryReviewPage *self)
{
  emit_edit (self, FERRY_SYNC_DRAFT_STEP_SOURCE);
}

static void
edit_destination_clicked_cb (FerryReviewPage *self)
{
  emit_edit (self, FERRY_SYNC_DRAFT_STEP_DESTINATION);
}

static void
edit_options_clicked_cb (FerryReviewPage *self)
{
  emit_edit (self, FERRY_SYNC_DRAFT_STEP_OPTIONS);
}

static void
edit_details_clicked_cb (FerryReviewPage *self)
{
  emit_edit (self, FERRY_SYNC_DRAFT_STEP_DETAILS);
}

static void
retry_clicked_cb (FerryReviewPage *self)
{
  g_signal_emit (self, signals[RETRY], 0);
}

static void
ferry_review_page_show_save_error (FerryAssistantPage *page,
                                   const GError       *error)
{
  FerryReviewPage *self = FERRY_REVIEW_PAGE (page);
  g_autofree char *details = NULL;
  gboolean can_retry;

  if (error == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      gtk_widget_set_visible (self->error_box, FALSE);
      return;
    }

  if (error->domain == FERRY_API_ERROR)
    details = ferry_api_error_format_details (error);

  /* Trying the same request again helps when the network or the server was the problem. */
  can_retry = error->domain != FERRY_API_ERROR ||
              error->code == FERRY_API_ERROR_NETWORK ||
              error->code == FERRY_API_ERROR_TIMEOUT ||
              error->code == FERRY_API_ERROR_SERVER ||
              error->code == FERRY_API_ERROR_RATE_LIMITED ||
              error->code == FERRY_API_ERROR_CONFLICT;

  gtk_label_set_text (self->error_label, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->retry_button), can_retry);
  gtk_widget_set_visible (GTK_WIDGET (self->error_details), details != NULL && *details != '\0');
  gtk_label_set_text (self->error_details_label, details ? details : "");
  gtk_expander_set_expanded (self->error_details, FALSE);
  gtk_widget_set_visible (self->error_box, TRUE);
}

static void
ferry_review_page_constructed (GObject *object)
{
  FerryReviewPage *self = FERRY_REVIEW_PAGE (object);

  G_OBJECT_CLASS (ferry_review_page_parent_class)->constructed (object);

  self->draft = ferry_assistant_page_get_draft (FERRY_ASSISTANT_PAGE (self));

  g_signal_connect_object (self->draft, "changed", G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
  refresh (self);
}

static void
ferry_review_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), FERRY_TYPE_REVIEW_PAGE);

  G_OBJECT_CLASS (ferry_review_page_parent_class)->dispose (object);
}

static void
ferry_review_page_class_init (FerryReviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  FerryAssistantPageClass *page_class = FERRY_ASSISTANT_PAGE_CLASS (klass);

  object_class->constructed = ferry_review_page_constructed;
  object_class->dispose = ferry_review_page_dispose;

  page_class->step = FERRY_SYNC_DRAFT_STEP_REVIEW;
  page_class->name = "review";
  /* Translators: the steps of the assistant, numbered in the step indicator. */
  page_class->title = N_("Review");
  page_class->show_save_error = ferry_review_page_show_save_error;

  signals[EDIT_STEP] = g_signal_new ("edit-step", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  signals[RETRY] = g_signal_new ("retry", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ferry-review-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FerryReviewPage, error_box);
  gtk_widget_class_bind_template_child (widget_class, FerryReviewPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, FerryReviewPage, retry_button);
  gtk_widget_class_bind_template_child (widget_class, FerryReviewPage, error_details);
  gtk_widget_class_bind_template_child (widget_class, FerryReviewPage, error_details_label);
  gtk_widget_class_bind_template_child (widget_class, FerryReviewPage, overwrite_warning);
  gtk_widget_class_bind_template_child (widget_class, FerryReviewPage, review_project_row);
  gtk_widget_class_bind_template_child (widget_class, FerryReviewPage, review_environment_row);
  gtk_widget_class_bind_template_child (widget_class, FerryReviewPage, review_path_row);
  gtk_widget_class_bind_template_child (widget_class, FerryReviewPage, review_connection_row);
  gtk_widget_class_bind_template_child (widget_class, FerryReviewPage, review_devops_row);
  gtk_widget_class_bind_template_child (widget_class, FerryReviewPage, review_group_row);
  gtk_widget_class_bind_template_child (widget_class, FerryReviewPage, review_initial_row);
  gtk_widget_class_bind_template_child (widget_class, FerryReviewPage, review_key_schema_row);
  gtk_widget_class_bind_template_child (widget_class, FerryReviewPage, review_auto_sync_row);
  gtk_widget_class_bind_template_child (widget_class, FerryReviewPage, review_deletion_row);
  gtk_widget_class_bind_template_child (widget_class, FerryReviewPage, review_subfolders_row);
  gtk_widget_class_bind_template_child (widget_class, FerryReviewPage, review_name_row);
  gtk_widget_class_bind_template_child (widget_class, FerryReviewPage, review_description_row);
  gtk_widget_class_bind_template_callback (widget_class, edit_source_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, edit_destination_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, edit_options_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, edit_details_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, retry_clicked_cb);
}

static void
ferry_review_page_init (FerryReviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
