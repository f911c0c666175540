/* ferry-sync-history-view.c: the "History" section of the sync details.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shows the FerrySyncHistory the project model attached to the sync (src/core/
 * ferry-sync-history.h). It asks for the first page when it is mapped with a sync (each
 * first page is a view-audit-logs event upstream, so only when someone can see it), again
 * when the user refreshes, and once when an operation Ferry followed on the sync has ended
 * (the user's own Sync Now or removal), never on a timer.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-property-row.h"
#include "ferry-sync-explain.h"
#include "ferry-sync-history.h"
#include "ferry-sync-history-view.h"
#include "ferry-ui-utils.h"

/* Longer server messages are cut in the row; the tooltip has all of it. */
#define MESSAGE_MAX_CHARS 200

struct _FerrySyncHistoryView
{
  GtkWidget          parent_instance;

  FerrySync         *sync;
  FerrySyncHistory  *history;
  GSignalGroup      *history_signals;
  GSignalGroup      *sync_signals;
  FerrySyncOperation last_operation;
  const char        *page;

  /* Template widgets */
  GtkWidget         *group;
  GtkWidget         *refresh_button;
  GtkLabel          *failing_since_label;
  GtkStack          *stack;
  GtkListBox        *list;
  GtkWidget         *more_button;
  GtkLabel          *message_label;
  GtkWidget         *retry_button;
};

G_DEFINE_FINAL_TYPE (FerrySyncHistoryView, ferry_sync_history_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SYNC,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
ferry_sync_history_view_new (void)
{
  return g_object_new (FERRY_TYPE_SYNC_HISTORY_VIEW, NULL);
}

/* ---- Rows ---- */

/* Who or what made it happen, in plain words. */
static char *
trigger_text (FerryAuditEvent *event)
{
  const char *name = ferry_audit_event_get_actor_name (event);
  const char *email = ferry_audit_event_get_actor_email (event);

  switch (ferry_audit_event_get_actor_kind (event))
    {
    case FERRY_AUDIT_ACTOR_PLATFORM:
      return g_strdup (_("automatic"));
    case FERRY_AUDIT_ACTOR_USER:
      return g_strdup (email != NULL ? email : name != NULL ? name : _("a user"));
    case FERRY_AUDIT_ACTOR_IDENTITY:
      if (name != NULL)
        /* Translators: who triggered a run; %s is the name of a machine identity */
        return g_strdup_printf (_("machine identity %s"), name);
      return g_strdup (_("a machine identity"));
    case FERRY_AUDIT_ACTOR_SERVICE:
      if (name != NULL)
        /* Translators: who triggered a run; %s is the name of a service token */
        return g_strdup_printf (_("service token %s"), name);
      return g_strdup (_("a service token"));
    case FERRY_AUDIT_ACTOR_OTHER:
    default:
      return g_strdup (_("someone"));
    }
}

static char *
title_text (FerryAuditEvent *event,
            const char      *who)
{
  gboolean failed = ferry_audit_event_get_sync_status (event) == FERRY_SYNC_STATUS_FAILED;
  gboolean succeeded = ferry_audit_event_get_sync_status (event) == FERRY_SYNC_STATUS_SUCCEEDED;

  switch (ferry_audit_event_get_kind (event))
    {
    case FERRY_AUDIT_EVENT_SYNC_RUN:
      return g_strdup (failed ? _("Sync failed") : succeeded ? _("Synced") : _("Sync ran"));
    case FERRY_AUDIT_EVENT_REMOVE_RUN:
      return g_strdup (failed ? _("Removing the secrets failed") : succeeded ? _("Secrets removed from Azure DevOps")
                                                                             : _("Secrets removal ran"));
    case FERRY_AUDIT_EVENT_IMPORT_RUN:
      return g_strdup (failed ? _("Import failed") : _("Secrets imported"));
    case FERRY_AUDIT_EVENT_CREATED:
      /* Translators: history entry; %s is who: an email, "machine identity X", … */
      return g_strdup_printf (_("Created by %s"), who);
    case FERRY_AUDIT_EVENT_UPDATED:
      /* Translators: history entry; %s is who: an email, "machine identity X", … */
      return g_strdup_printf (_("Settings changed by %s"), who);
    case FERRY_AUDIT_EVENT_DELETED:
      /* Translators: history entry; %s is who: an email, "machine identity X", … */
      return g_strdup_printf (_("Deleted by %s"), who);
    case FERRY_AUDIT_EVENT_OTHER:
    default:
      return g_strdup (ferry_audit_event_get_event_type (event));
    }
}

/* The failure in plain words: the explanation of a common failure, else the server's
 * own message (cut). */
static char *
failure_text (FerrySyncHistoryView *self,
              FerryAuditEvent      *event)
{
  const char *message = ferry_audit_event_get_message (event);
  g_autofree char *explanation = NULL;

  if (message == NULL)
    return NULL;
  explanation = ferry_sync_explain_message (self->sync, message);
  if (explanation != NULL)
    return g_steal_pointer (&explanation);
  if (g_utf8_strlen (message, -1) > MESSAGE_MAX_CHARS)
    {
      g_autofree char *start = g_utf8_substring (message, 0, MESSAGE_MAX_CHARS - 1);

      return g_strconcat (start, "…", NULL);
    }
  return g_strdup (message);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  FerrySyncHistoryView *self = user_data;
  FerryAuditEvent *event = item;
  GtkWidget *row = ferry_property_row_new ();
  g_autofree char *who = trigger_text (event);
  g_autofree char *title = title_text (event, who);
  g_autofree char *relative = ferry_ui_format_relative_time (ferry_audit_event_get_time (event));
  g_autofree char *absolute = ferry_ui_format_absolute_time (ferry_audit_event_get_time (event));
  g_autofree char *subtitle = NULL;
  g_autofree char *failure = NULL;
  g_autofree char *server_message = NULL;
  GtkWidget *icon;
  const char *icon_name;

  if (ferry_audit_event_is_run (event))
    /* Translators: history entry subtitle: when · who triggered it ("automatic", an email, …) */
    subtitle = g_strdup_printf (_("%s · %s"), relative, who);
  else
    subtitle = g_strdup (relative);
  if (ferry_audit_event_get_sync_status (event) == FERRY_SYNC_STATUS_FAILED &&
      (failure = failure_text (self, event)) != NULL)
    {
      g_autofree char *both = g_strconcat (subtitle, "\n", failure, NULL);

      g_free (subtitle);
      subtitle = g_steal_pointer (&both);
      server_message = ferry_format_server_message (ferry_audit_event_get_message (event));
    }

  /* Not an AdwActionRow: failure texts are long, and FerryPropertyRow measures them once
   * per width (src/ui/ferry-property-row.c). */
  ferry_property_row_set_title (FERRY_PROPERTY_ROW (row), title);
  ferry_property_row_set_subtitle (FERRY_PROPERTY_ROW (row), subtitle);
  gtk_widget_set_tooltip_text (row, server_message != NULL ? server_message : absolute);

  switch (ferry_audit_event_get_sync_status (event))
    {
    case FERRY_SYNC_STATUS_FAILED:
      icon_name = "dialog-error-symbolic";
      break;
    case FERRY_SYNC_STATUS_SUCCEEDED:
      icon_name = "emblem-ok-symbolic";
      break;
    default:
      icon_name = ferry_audit_event_is_run (event) ? "emblem-synchronizing-symbolic" : "document-edit-symbolic";
    }
  icon = gtk_image_new_from_icon_name (icon_name);
  if (ferry_audit_event_get_sync_status (event) == FERRY_SYNC_STATUS_FAILED)
    gtk_widget_add_css_class (icon, "error");
  else if (ferry_audit_event_get_sync_status (event) == FERRY_SYNC_STATUS_SUCCEEDED)
    gtk_widget_add_css_class (icon, "success");
  ferry_property_row_set_prefix (FERRY_PROPERTY_ROW (row), icon);

  return row;
}

/* ---- State ---- */

static void
show_message (FerrySyncHistoryView *self,
              const char           *page,
              const char           *text,
              gboolean              can_retry)
{
  self->page = page;
  gtk_label_set_label (self->message_label, text);
  gtk_widget_set_visible (self->retry_button, can_retry);
  gtk_stack_set_visible_child_name (self->stack, "message");
}

static void
update (FerrySyncHistoryView *self)
{
  FerrySyncHistory *history = self->history;
  const GError *error;
  GDateTime *since;
  gboolean failing;

  if (history == NULL)
    {
      gtk_widget_set_visible (self->group, FALSE);
      return;
    }

  error = ferry_sync_history_get_error (history);
  /* A server without the route has no history to show, and nothing to say about it. */
  gtk_widget_set_visible (self->group, ferry_sync_history_get_state (history) != FERRY_HISTORY_STATE_UNSUPPORTED);
  gtk_widget_set_sensitive (self->refresh_button, !ferry_sync_history_get_loading (history));
  gtk_widget_set_visible (self->more_button, ferry_sync_history_get_has_more (history));
  gtk_widget_set_sensitive (self->more_button, !ferry_sync_history_get_loading (history));

  switch (ferry_sync_history_get_state (history))
    {
    case FERRY_HISTORY_STATE_IDLE:
    case FERRY_HISTORY_STATE_LOADING:
      self->page = "loading";
      gtk_stack_set_visible_child_name (self->stack, "loading");
      break;
    case FERRY_HISTORY_STATE_LOADED:
      if (g_list_model_get_n_items (G_LIST_MODEL (history)) == 0)
        show_message (self, "empty", _("No runs or changes of this sync in the last three months."), FALSE);
      else
        {
          self->page = "events";
          gtk_stack_set_visible_child_name (self->stack, "events");
        }
      break;
    case FERRY_HISTORY_STATE_NO_RETENTION:
      show_message (self, "no-retention",
                    _("Your Infisical plan keeps no audit logs, so the history of this sync is not recorded. Plans with audit logs show every run and change here."),
                    FALSE);
      break;
    case FERRY_HISTORY_STATE_FORBIDDEN:
      show_message (self, "forbidden", error != NULL ? error->message : "", FALSE);
      break;
    case FERRY_HISTORY_STATE_FAILED:
      {
        /* Translators: %s is a sentence saying what went wrong */
        g_autofree char *text = g_strdup_printf (_("The history could not be loaded. %s"),
                                                 error != NULL ? error->message : "");

        show_message (self, "failed", text, TRUE);
      }
      break;
    case FERRY_HISTORY_STATE_UNSUPPORTED:
    default:
      self->page = "unsupported";
      break;
    }

  since = ferry_sync_history_get_failing_since (history);
  failing = since != NULL && self->sync != NULL && ferry_sync_get_sync_status (self->sync) == FERRY_SYNC_STATUS_FAILED;
  if (failing)
    {
      g_autofree char *relative = ferry_ui_format_relative_time_in_sentence (since);
      g_autofree char *absolute = ferry_ui_format_absolute_time (since);
      g_autofree char *text = NULL;

      if (ferry_sync_history_get_failing_since_exact (history))
        /* Translators: %s is a relative time such as "2 hours ago" */
        text = g_strdup_printf (_("Failing since %s"), relative);
      else
        /* Translators: %s is a relative time; older failures may not be loaded yet */
        text = g_strdup_printf (_("Failing since %s or earlier"), relative);
      gtk_label_set_label (self->failing_since_label, text);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->failing_since_label), absolute);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->failing_since_label), failing);
}

static void
load_if_shown (FerrySyncHistoryView *self)
{
  if (self->history != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    ferry_sync_history_load (self->history);
}

/* An operation Ferry followed on the sync has ended: its run is in the audit log now. */
static void
sync_notify_operation_cb (FerrySyncHistoryView *self)
{
  FerrySyncOperation operation = self->sync != NULL ? ferry_sync_get_operation (self->sync) : FERRY_SYNC_OPERATION_NONE;

  if (self->last_operation != FERRY_SYNC_OPERATION_NONE && operation == FERRY_SYNC_OPERATION_NONE &&
      self->history != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)) &&
      ferry_sync_history_get_state (self->history) == FERRY_HISTORY_STATE_LOADED)
    ferry_sync_history_refresh (self->history);
  self->last_operation = operation;
}

static void
refresh_clicked_cb (FerrySyncHistoryView *self)
{
  if (self->history != NULL)
    ferry_sync_history_refresh (self->history);
}

static void
more_clicked_cb (FerrySyncHistoryView *self)
{
  if (self->history != NULL)
    ferry_sync_history_load_more (self->history);
}

FerrySync *
ferry_sync_history_view_get_sync (FerrySyncHistoryView *self)
{
  g_return_val_if_fail (FERRY_IS_SYNC_HISTORY_VIEW (self), NULL);
  return self->sync;
}

void
ferry_sync_history_view_set_sync (FerrySyncHistoryView *self,
                                  FerrySync            *sync)
{
  FerrySyncHistory *history;

  g_return_if_fail (FERRY_IS_SYNC_HISTORY_VIEW (self));
  g_return_if_fail (sync == NULL || FERRY_IS_SYNC (sync));

  if (self->sync == sync)
    return;

  g_set_object (&self->sync, sync);
  self->last_operation = sync != NULL ? ferry_sync_get_operation (sync) : FERRY_SYNC_OPERATION_NONE;
  g_signal_group_set_target (self->sync_signals, sync);
  history = sync != NULL ? ferry_sync_history_peek (sync) : NULL;
  if (g_set_object (&self->history, history))
    {
      g_signal_group_set_target (self->history_signals, history);
      gtk_list_box_bind_model (self->list, G_LIST_MODEL (history), history != NULL ? create_row : NULL, self, NULL);
    }
  update (self);
  load_if_shown (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNC]);
}

const char *
ferry_sync_history_view_get_page (FerrySyncHistoryView *self)
{
  g_return_val_if_fail (FERRY_IS_SYNC_HISTORY_VIEW (self), NULL);
  return gtk_widget_get_visible (self->group) ? self->page : NULL;
}

const char *
ferry_sync_history_view_get_failing_since_text (FerrySyncHistoryView *self)
{
  g_return_val_if_fail (FERRY_IS_SYNC_HISTORY_VIEW (self), NULL);
  if (!gtk_widget_get_visible (GTK_WIDGET (self->failing_since_label)))
    return NULL;
  return gtk_label_get_label (self->failing_since_label);
}

static void
ferry_sync_history_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (ferry_sync_history_view_parent_class)->map (widget);
  load_if_shown (FERRY_SYNC_HISTORY_VIEW (widget));
}

static void
ferry_sync_history_view_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  FerrySyncHistoryView *self = FERRY_SYNC_HISTORY_VIEW (object);

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
ferry_sync_history_view_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  FerrySyncHistoryView *self = FERRY_SYNC_HISTORY_VIEW (object);

  switch (prop_id)
    {
    case PROP_SYNC:
      ferry_sync_history_view_set_sync (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_sync_history_view_dispose (GObject *object)
{
  FerrySyncHistoryView *self = FERRY_SYNC_HISTORY_VIEW (object);

  if (self->history_signals != NULL)
    g_signal_group_set_target (self->history_signals, NULL);
  if (self->sync_signals != NULL)
    g_signal_group_set_target (self->sync_signals, NULL);
  if (self->list != NULL)
    gtk_list_box_bind_model (self->list, NULL, NULL, NULL, NULL);
  g_clear_object (&self->history_signals);
  g_clear_object (&self->sync_signals);
  g_clear_object (&self->history);
  g_clear_object (&self->sync);
  gtk_widget_dispose_template (GTK_WIDGET (self), FERRY_TYPE_SYNC_HISTORY_VIEW);
  ferry_ui_unparent_children (GTK_WIDGET (self));

  G_OBJECT_CLASS (ferry_sync_history_view_parent_class)->dispose (object);
}

static void
ferry_sync_history_view_class_init (FerrySyncHistoryViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = ferry_sync_history_view_get_property;
  object_class->set_property = ferry_sync_history_view_set_property;
  object_class->dispose = ferry_sync_history_view_dispose;
  widget_class->map = ferry_sync_history_view_map;

  properties[PROP_SYNC] =
    g_param_spec_object ("sync", NULL, NULL, FERRY_TYPE_SYNC,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ferry-sync-history-view.ui");
  gtk_widget_class_bind_template_child (widget_class, FerrySyncHistoryView, group);
  gtk_widget_class_bind_template_child (widget_class, FerrySyncHistoryView, refresh_button);
  gtk_widget_class_bind_template_child (widget_class, FerrySyncHistoryView, failing_since_label);
  gtk_widget_class_bind_template_child (widget_class, FerrySyncHistoryView, stack);
  gtk_widget_class_bind_template_child (widget_class, FerrySyncHistoryView, list);
  gtk_widget_class_bind_template_child (widget_class, FerrySyncHistoryView, more_button);
  gtk_widget_class_bind_template_child (widget_class, FerrySyncHistoryView, message_label);
  gtk_widget_class_bind_template_child (widget_class, FerrySyncHistoryView, retry_button);
  gtk_widget_class_bind_template_callback (widget_class, refresh_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, more_clicked_cb);
}

static void
ferry_sync_history_view_init (FerrySyncHistoryView *self)
{
  self->page = "loading";
  self->history_signals = g_signal_group_new (FERRY_TYPE_SYNC_HISTORY);
  g_signal_group_connect_object (self->history_signals, "notify", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->history_signals, "items-changed", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  self->sync_signals = g_signal_group_new (FERRY_TYPE_SYNC);
  g_signal_group_connect_object (self->sync_signals, "notify::sync-status", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->sync_signals, "notify::operation", G_CALLBACK (sync_notify_operation_cb),
                                 self, G_CONNECT_SWAPPED);

  gtk_widget_init_template (GTK_WIDGET (self));
  update (self);
}
