/* ferry-sync-assistant.c
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-destination-page.h"
#include "ferry-details-page.h"
#include "ferry-options-page.h"
#include "ferry-review-page.h"
#include "ferry-source-page.h"
#include "ferry-sync-assistant.h"
#include "ferry-ui-utils.h"

struct _FerrySyncAssistant
{
  AdwWindow           parent_instance;

  FerryContext       *context;
  FerryProjectModel  *model;
  FerrySync          *sync;
  FerrySyncDraft     *draft;
  GCancellable       *cancellable;
  GCancellable       *probe_cancellable;   /* asking the server which build it is */

  FerryAssistantPage *pages[FERRY_SYNC_DRAFT_N_STEPS];
  GtkWidget          *step_buttons[FERRY_SYNC_DRAFT_N_STEPS];
  FerrySyncDraftStep  step;
  FerrySyncDraftStep  wanted_step;   /* ferry_sync_assistant_show_step (); SOURCE: none */

  guint               saving : 1;
  guint               may_close : 1;

  /* Template widgets */
  AdwWindowTitle     *window_title;
  GtkBox             *step_indicator;
  GtkStack           *stack;
  GtkButton          *back_button;
  GtkLabel           *step_hint;
  GtkSpinner         *save_spinner;
  GtkButton          *next_button;
  GtkButton          *create_button;
};

G_DEFINE_FINAL_TYPE (FerrySyncAssistant, ferry_sync_assistant, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_MODEL,
  PROP_SYNC,
  N_PROPS
};

enum {
  SYNC_SAVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The steps, in the order of FerrySyncDraftStep. */
static GType (* const page_types[FERRY_SYNC_DRAFT_N_STEPS]) (void) = {
  ferry_source_page_get_type,
  ferry_destination_page_get_type,
  ferry_options_page_get_type,
  ferry_details_page_get_type,
  ferry_review_page_get_type,
};

/* The last step people may go to: every step before it is valid and settled. */
static FerrySyncDraftStep
get_reachable_step (FerrySyncAssistant *self)
{
  for (guint step = FERRY_SYNC_DRAFT_STEP_SOURCE; step < FERRY_SYNC_DRAFT_STEP_REVIEW; step++)
    if (!ferry_assistant_page_get_complete (self->pages[step]))
      return step;

  return FERRY_SYNC_DRAFT_STEP_REVIEW;
}

static void go_to_step (FerrySyncAssistant *self,
                        FerrySyncDraftStep  step);

/* Whether a visible label under @widget already says @text. */
static gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  if (!gtk_widget_get_visible (widget))
    return FALSE;
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (shows_text (child, text))
      return TRUE;

  return FALSE;
}

static void
update_buttons (FerrySyncAssistant *self)
{
  FerryAssistantPage *page = self->pages[self->step];
  FerrySyncDraftStep reachable = get_reachable_step (self);
  g_autofree char *message = NULL;
  gboolean step_valid;
  gboolean is_review = self->step == FERRY_SYNC_DRAFT_STEP_REVIEW;
  const char *hint = NULL;

  step_valid = ferry_assistant_page_validate (page, NULL, &message) && !ferry_assistant_page_get_busy (page);

  gtk_widget_set_visible (GTK_WIDGET (self->back_button), self->step > FERRY_SYNC_DRAFT_STEP_SOURCE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->back_button), !self->saving);
  gtk_widget_set_visible (GTK_WIDGET (self->next_button), !is_review);
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button), step_valid && !self->saving);
  gtk_widget_set_visible (GTK_WIDGET (self->create_button), is_review);
  gtk_widget_set_sensitive (GTK_WIDGET (self->create_button),
                            is_review && step_valid && !self->saving &&
                            (!ferry_sync_draft_get_editing (self->draft) || ferry_sync_draft_get_dirty (self->draft)));
  /* Enter in an entry moves on, as the button would. */
  gtk_window_set_default_widget (GTK_WINDOW (self),
                                 GTK_WIDGET (is_review ? self->create_button : self->next_button));
  gtk_widget_set_visible (GTK_WIDGET (self->save_spinner), self->saving);
  gtk_spinner_set_spinning (self->save_spinner, self->saving);

  /* Say why the way on is closed. */
  if (self->saving)
    hint = ferry_sync_draft_get_editing (self->draft) ? _("Saving the sync…") : _("Creating the sync…");
  else if (ferry_assistant_page_get_busy (page))
    hint = ferry_assistant_page_get_busy_message (page);
  /* Said once: a message the page shows beside its field is not repeated down here. */
  else if (!step_valid && message != NULL && !shows_text (GTK_WIDGET (page), message))
    hint = message;
  else if (is_review && ferry_sync_draft_get_editing (self->draft) && !ferry_sync_draft_get_dirty (self->draft))
    hint = _("Nothing changed yet.");
  gtk_label_set_text (self->step_hint, hint ? hint : "");

  for (guint i = 0; i < FERRY_SYNC_DRAFT_N_STEPS; i++)
    {
      GtkWidget *button = self->step_buttons[i];

      gtk_widget_set_sensitive (button, !self->saving && (i <= reachable || i == self->step));
      if (i == self->step)
        {
          gtk_widget_remove_css_class (button, "flat");
          gtk_widget_add_css_class (button, "suggested-action");
        }
      else
        {
          gtk_widget_remove_css_class (button, "suggested-action");
          gtk_widget_add_css_class (button, "flat");
        }
    }

  /* The step a failure's fix asked for, once the steps before it are settled. */
  if (self->wanted_step > self->step && self->wanted_step <= reachable)
    {
      FerrySyncDraftStep wanted = self->wanted_step;

      self->wanted_step = FERRY_SYNC_DRAFT_STEP_SOURCE;
      go_to_step (self, wanted);
    }
}

static void
go_to_step (FerrySyncAssistant *self,
            FerrySyncDraftStep  step)
{
  g_return_if_fail (step < FERRY_SYNC_DRAFT_N_STEPS);

  /* Later steps only through valid earlier ones. */
  if (step > self->step && step > get_reachable_step (self))
    return;

  self->step = step;
  gtk_stack_set_visible_child (self->stack, GTK_WIDGET (self->pages[step]));
  ferry_assistant_page_shown (self->pages[step]);

  update_buttons (self);

  /* The keyboard goes where the eyes go: the step's first field, or on Review the Create
   * button, so Enter creates. */
  if (step == FERRY_SYNC_DRAFT_STEP_REVIEW)
    gtk_widget_grab_focus (GTK_WIDGET (self->create_button));
  else
    {
      gtk_root_set_focus (GTK_ROOT (self), NULL);
      gtk_widget_child_focus (GTK_WIDGET (self->pages[step]), GTK_DIR_TAB_FORWARD);
    }
}

static void
step_button_clicked_cb (GtkButton          *button,
                        FerrySyncAssistant *self)
{
  go_to_step (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "ferry-step")));
}

static void
back_clicked_cb (FerrySyncAssistant *self)
{
  if (self->step > FERRY_SYNC_DRAFT_STEP_SOURCE)
    go_to_step (self, self->step - 1);
}

static void
next_clicked_cb (FerrySyncAssistant *self)
{
  if (self->step < FERRY_SYNC_DRAFT_STEP_REVIEW &&
      ferry_assistant_page_get_complete (self->pages[self->step]))
    go_to_step (self, self->step + 1);
}

/* ---- Saving ---- */

/* The sync a save made or changed, as the model lists it. */
static FerrySync *
find_saved_sync (FerrySyncAssistant *self)
{
  GListModel *syncs = ferry_project_model_get_syncs (self->model);
  const char *name = ferry_sync_draft_get_name (self->draft);

  if (ferry_sync_draft_get_editing (self->draft))
    return ferry_project_model_find_sync (self->model, ferry_sync_draft_get_sync_id (self->draft));

  for (guint i = 0; i < g_list_model_get_n_items (syncs); i++)
    {
      g_autoptr(FerrySync) sync = g_list_model_get_item (syncs, i);
      g_autofree char *trimmed = g_strstrip (g_strdup (name != NULL ? name : ""));

      if (g_strcmp0 (ferry_sync_get_name (sync), trimmed) == 0)
        return sync;
    }
  return NULL;
}

static void
save_done (FerrySyncAssistant *self,
           FerrySync          *sync,
           GError             *error)
{
  FerryAssistantPage *review = self->pages[FERRY_SYNC_DRAFT_STEP_REVIEW];

  self->saving = FALSE;

  /* Saved, but the server did not make every change (it dropped a key it does not read):
   * never a plain success. The sync is in the model's list as the server has it. */
  if (g_error_matches (error, FERRY_SERVER_TRAITS_ERROR, FERRY_SERVER_TRAITS_ERROR_NOT_APPLIED))
    {
      GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
      FerrySync *saved = find_saved_sync (self);
      GtkWidget *dialog;

      dialog = adw_message_dialog_new (parent, _("Saved, but Not Everything Was Changed"), error->message);
      gtk_widget_set_name (dialog, "not-applied-dialog");
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));

      self->may_close = TRUE;
      if (saved != NULL)
        g_signal_emit (self, signals[SYNC_SAVED], 0, saved);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  if (error != NULL)
    {
      FerrySyncDraftField field = ferry_sync_draft_apply_error (self->draft, error);

      if (field != FERRY_SYNC_DRAFT_FIELD_NONE)
        {
          FerrySyncDraftStep step = ferry_sync_draft_field_get_step (field);

          /* Everything stays as it was; the step the error belongs to shows it. */
          ferry_assistant_page_show_save_error (review, NULL);
          go_to_step (self, step);
          ferry_assistant_page_focus_field (self->pages[step], field);
        }
      else
        ferry_assistant_page_show_save_error (review, error);

      update_buttons (self);
      return;
    }

  self->may_close = TRUE;
  g_signal_emit (self, signals[SYNC_SAVED], 0, sync);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_sync_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(FerrySyncAssistant) self = user_data;
  g_autoptr(FerrySync) sync = NULL;
  g_autoptr(GError) error = NULL;

  sync = ferry_project_model_save_sync_finish (FERRY_PROJECT_MODEL (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  save_done (self, sync, error);
}

static void
save (FerrySyncAssistant *self)
{
  if (self->saving || !ferry_sync_draft_validate_step (self->draft, FERRY_SYNC_DRAFT_STEP_REVIEW, NULL, NULL))
    return;

  ferry_assistant_page_show_save_error (self->pages[FERRY_SYNC_DRAFT_STEP_REVIEW], NULL);
  self->saving = TRUE;
  update_buttons (self);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  /* The model builds the request, puts the answer into its sync list and follows the
   * sync's first job; signed out, it answers with an error that says so. */
  ferry_project_model_save_sync_async (self->model, self->draft, self->cancellable,
                                       save_sync_cb, g_object_ref (self));
}

static void
create_clicked_cb (FerrySyncAssistant *self)
{
  save (self);
}

static void
review_retry_cb (FerrySyncAssistant *self)
{
  save (self);
}

static void
review_edit_step_cb (FerrySyncAssistant *self,
                     guint               step)
{
  go_to_step (self, step);
}

/* ---- Closing ---- */

static gboolean
close_idle_cb (gpointer user_data)
{
  FerrySyncAssistant *self = user_data;

  self->may_close = TRUE;
  gtk_window_close (GTK_WINDOW (self));

  return G_SOURCE_REMOVE;
}

static void
discard_response_cb (AdwMessageDialog   *dialog,
                     const char         *response,
                     FerrySyncAssistant *self)
{
  if (g_strcmp0 (response, "discard") != 0)
    return;

  /* Once the dialog is gone: it is transient for this window. */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_idle_cb, g_object_ref (self), g_object_unref);
}

static gboolean
ferry_sync_assistant_close_request (GtkWindow *window)
{
  FerrySyncAssistant *self = FERRY_SYNC_ASSISTANT (window);
  GtkWidget *dialog;

  if (!self->may_close && ferry_sync_draft_get_dirty (self->draft))
    {
      if (ferry_sync_draft_get_editing (self->draft))
        {
          dialog = adw_message_dialog_new (window, _("Discard Changes?"), NULL);
          /* Translators: %s is the sync's name. */
          adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                          _("Your changes to “%s” are not saved. If you close now, they are lost."),
                                          ferry_sync_get_name (self->sync));
        }
      else
        {
          dialog = adw_message_dialog_new (window, _("Discard This Sync?"),
                                           _("The sync has not been created yet. If you close now, your choices are lost."));
        }

      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("_Keep Editing"),
                                        "discard", _("_Discard"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                                  ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      g_signal_connect_object (dialog, "response", G_CALLBACK (discard_response_cb), self, 0);
      gtk_window_present (GTK_WINDOW (dialog));

      return TRUE;
    }

  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (ferry_sync_assistant_parent_class)->close_request (window);
}

/* ---- Construction ---- */

static void
draft_changed_cb (FerrySyncAssistant *self)
{
  update_buttons (self);
}

static void
build_step_indicator (FerrySyncAssistant *self)
{
  for (guint i = 0; i < FERRY_SYNC_DRAFT_N_STEPS; i++)
    {
      g_autofree char *label = NULL;
      g_autofree char *name = NULL;
      GtkWidget *button, *text;

      /* Translators: a step in the indicator, as “1 Source”: number, then the step's name. */
      label = g_strdup_printf (_("%u %s"), i + 1, ferry_assistant_page_get_title (self->pages[i]));
      button = gtk_button_new ();
      /* The names shorten in a narrow window ("2 Desti…") rather than hold it at five
       * whole names wide: the assistant fits a 360 px screen, as the main window does. */
      text = gtk_label_new (label);
      gtk_label_set_ellipsize (GTK_LABEL (text), PANGO_ELLIPSIZE_END);
      gtk_button_set_child (GTK_BUTTON (button), text);
      gtk_widget_set_tooltip_text (button, ferry_assistant_page_get_title (self->pages[i]));
      name = g_strdup_printf ("step-%s", ferry_assistant_page_get_name (self->pages[i]));
      gtk_widget_set_name (button, name);
      gtk_widget_add_css_class (button, "flat");
      g_object_set_data (G_OBJECT (button), "ferry-step", GUINT_TO_POINTER (i));
      g_signal_connect (button, "clicked", G_CALLBACK (step_button_clicked_cb), self);
      gtk_box_append (self->step_indicator, button);
      self->step_buttons[i] = button;
    }
}

/* What the account's server build reads and allows: its name limit, whether it has
 * subfolders (ferry-server-traits.h). */
static void
traits_changed_cb (FerrySyncAssistant *self)
{
  FerryWorkspace *workspace = ferry_project_model_get_workspace (self->model);
  FerryServerTraits *traits;

  if (workspace == NULL)
    return;
  traits = ferry_workspace_get_server_traits (workspace);
  if (ferry_server_traits_get_build (traits) != FERRY_SERVER_BUILD_UNKNOWN)
    ferry_sync_draft_set_server_build (self->draft, ferry_server_traits_get_build (traits));
  if (!ferry_server_traits_get_recursive_supported (traits))
    ferry_sync_draft_set_recursive_supported (self->draft, FALSE);
}

static void
probe_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* "build" was set (or not); traits_changed_cb has taken it over. The assistant was
   * kept alive for the answer only. */
  ferry_server_traits_probe_finish (FERRY_SERVER_TRAITS (object), result, &error);
  g_object_unref (user_data);
}

static void
apply_server_traits (FerrySyncAssistant *self)
{
  FerryWorkspace *workspace = ferry_project_model_get_workspace (self->model);
  FerryApiClient *client = ferry_ui_get_lookup_client (self->model);
  FerryServerTraits *traits;

  if (workspace == NULL)
    return;
  traits = ferry_workspace_get_server_traits (workspace);
  g_signal_connect_object (traits, "notify", G_CALLBACK (traits_changed_cb), self, G_CONNECT_SWAPPED);
  traits_changed_cb (self);

  /* Nothing seen of this server yet: ask now, so Details applies the right limit. */
  if (ferry_server_traits_get_build (traits) == FERRY_SERVER_BUILD_UNKNOWN && client != NULL)
    {
      self->probe_cancellable = g_cancellable_new ();
      ferry_server_traits_probe_async (traits, client, self->probe_cancellable, probe_cb, g_object_ref (self));
    }
}

static void
ferry_sync_assistant_constructed (GObject *object)
{
  FerrySyncAssistant *self = FERRY_SYNC_ASSISTANT (object);
  FerryProject *project;
  gboolean editing;

  G_OBJECT_CLASS (ferry_sync_assistant_parent_class)->constructed (object);

  g_assert (FERRY_IS_CONTEXT (self->context));
  g_assert (FERRY_IS_PROJECT_MODEL (self->model));

  project = ferry_project_model_get_project (self->model);
  editing = self->sync != NULL;
  if (editing)
    self->draft = ferry_sync_draft_new_from_sync (self->sync);
  else
    self->draft = ferry_sync_draft_new (ferry_resource_get_id (FERRY_RESOURCE (project)));

  apply_server_traits (self);

  gtk_window_set_title (GTK_WINDOW (self), editing ? _("Edit Sync") : _("New Azure DevOps Sync"));
  adw_window_title_set_title (self->window_title, editing ? _("Edit Sync") : _("New Azure DevOps Sync"));
  adw_window_title_set_subtitle (self->window_title,
                                 editing ? ferry_sync_get_name (self->sync) : ferry_project_get_name (project));
  gtk_button_set_label (self->create_button, editing ? _("_Save") : _("_Create"));

  for (guint i = 0; i < FERRY_SYNC_DRAFT_N_STEPS; i++)
    {
      FerryAssistantPage *page;

      page = FERRY_ASSISTANT_PAGE (ferry_assistant_page_new (page_types[i] (), self->context, self->model, self->draft));
      g_assert (ferry_assistant_page_get_step (page) == i);
      self->pages[i] = page;
      gtk_stack_add_titled (self->stack, GTK_WIDGET (page),
                            ferry_assistant_page_get_name (page), ferry_assistant_page_get_title (page));
      /* A page that starts or finishes a check opens or closes the way on. */
      g_signal_connect_object (page, "notify::busy", G_CALLBACK (draft_changed_cb), self, G_CONNECT_SWAPPED);
    }

  g_signal_connect_object (self->pages[FERRY_SYNC_DRAFT_STEP_REVIEW], "edit-step",
                           G_CALLBACK (review_edit_step_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->pages[FERRY_SYNC_DRAFT_STEP_REVIEW], "retry",
                           G_CALLBACK (review_retry_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->draft, "changed", G_CALLBACK (draft_changed_cb), self, G_CONNECT_SWAPPED);

  build_step_indicator (self);

  /* The preselections (environment, root folder) are not changes of the user's. */
  if (!editing)
    ferry_sync_draft_mark_clean (self->draft);

  go_to_step (self, FERRY_SYNC_DRAFT_STEP_SOURCE);
}

static void
ferry_sync_assistant_dispose (GObject *object)
{
  FerrySyncAssistant *self = FERRY_SYNC_ASSISTANT (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->probe_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), FERRY_TYPE_SYNC_ASSISTANT);

  G_OBJECT_CLASS (ferry_sync_assistant_parent_class)->dispose (object);
}

static void
ferry_sync_assistant_finalize (GObject *object)
{
  FerrySyncAssistant *self = FERRY_SYNC_ASSISTANT (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->probe_cancellable);
  g_clear_object (&self->context);
  g_clear_object (&self->model);
  g_clear_object (&self->sync);
  g_clear_object (&self->draft);

  G_OBJECT_CLASS (ferry_sync_assistant_parent_class)->finalize (object);
}

static void
ferry_sync_assistant_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  FerrySyncAssistant *self = FERRY_SYNC_ASSISTANT (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;

    case PROP_SYNC:
      g_value_set_object (value, self->sync);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_sync_assistant_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  FerrySyncAssistant *self = FERRY_SYNC_ASSISTANT (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    case PROP_MODEL:
      self->model = g_value_dup_object (value);
      break;

    case PROP_SYNC:
      self->sync = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_sync_assistant_class_init (FerrySyncAssistantClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = ferry_sync_assistant_constructed;
  object_class->dispose = ferry_sync_assistant_dispose;
  object_class->finalize = ferry_sync_assistant_finalize;
  object_class->get_property = ferry_sync_assistant_get_property;
  object_class->set_property = ferry_sync_assistant_set_property;
  window_class->close_request = ferry_sync_assistant_close_request;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, FERRY_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, FERRY_TYPE_PROJECT_MODEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SYNC] =
    g_param_spec_object ("sync", NULL, NULL, FERRY_TYPE_SYNC,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FerrySyncAssistant::sync-saved:
   * @sync: the sync as the server returned it, the object in the model's "syncs"
   *
   * The sync was created or updated. The assistant closes itself afterwards.
   */
  signals[SYNC_SAVED] = g_signal_new ("sync-saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 1, FERRY_TYPE_SYNC);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ferry-sync-assistant.ui");
  gtk_widget_class_bind_template_child (widget_class, FerrySyncAssistant, window_title);
  gtk_widget_class_bind_template_child (widget_class, FerrySyncAssistant, step_indicator);
  gtk_widget_class_bind_template_child (widget_class, FerrySyncAssistant, stack);
  gtk_widget_class_bind_template_child (widget_class, FerrySyncAssistant, back_button);
  gtk_widget_class_bind_template_child (widget_class, FerrySyncAssistant, step_hint);
  gtk_widget_class_bind_template_child (widget_class, FerrySyncAssistant, save_spinner);
  gtk_widget_class_bind_template_child (widget_class, FerrySyncAssistant, next_button);
  gtk_widget_class_bind_template_child (widget_class, FerrySyncAssistant, create_button);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, next_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, create_clicked_cb);
}

static void
ferry_sync_assistant_init (FerrySyncAssistant *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

FerrySyncAssistant *
ferry_sync_assistant_new (FerryContext      *context,
                          GtkWindow         *parent,
                          FerryProjectModel *model,
                          FerrySync         *sync)
{
  g_return_val_if_fail (FERRY_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (FERRY_IS_PROJECT_MODEL (model), NULL);
  g_return_val_if_fail (sync == NULL || FERRY_IS_SYNC (sync), NULL);

  return g_object_new (FERRY_TYPE_SYNC_ASSISTANT,
                       "context", context,
                       "model", model,
                       "sync", sync,
                       "transient-for", parent,
                       NULL);
}

FerrySyncDraft *
ferry_sync_assistant_get_draft (FerrySyncAssistant *self)
{
  g_return_val_if_fail (FERRY_IS_SYNC_ASSISTANT (self), NULL);

  return self->draft;
}

FerrySyncDraftStep
ferry_sync_assistant_get_step (FerrySyncAssistant *self)
{
  g_return_val_if_fail (FERRY_IS_SYNC_ASSISTANT (self), FERRY_SYNC_DRAFT_STEP_SOURCE);

  return self->step;
}

void
ferry_sync_assistant_show_step (FerrySyncAssistant *self,
                                FerrySyncDraftStep  step)
{
  g_return_if_fail (FERRY_IS_SYNC_ASSISTANT (self));
  g_return_if_fail (step < FERRY_SYNC_DRAFT_N_STEPS);

  self->wanted_step = step;
  update_buttons (self);
}
