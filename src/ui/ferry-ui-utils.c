/* ferry-ui-utils.c
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "ferry-api-error.h"
#include "ferry-sync-state.h"
#include "ferry-ui-utils.h"

const char *
ferry_ui_sync_status_label (FerrySyncStatus status)
{
  switch (status)
    {
    case FERRY_SYNC_STATUS_PENDING:
      /* Translators: status badge of a sync whose job waits to run */
      return _("Queued");
    case FERRY_SYNC_STATUS_RUNNING:
      /* Translators: status badge of a sync whose job is running */
      return _("Syncing");
    case FERRY_SYNC_STATUS_SUCCEEDED:
      /* Translators: status badge of a sync whose last job succeeded */
      return _("Synced");
    case FERRY_SYNC_STATUS_FAILED:
      /* Translators: status badge of a sync whose last job failed */
      return _("Failed");
    case FERRY_SYNC_STATUS_NONE:
    default:
      /* Translators: status badge of a sync that never ran */
      return _("Never synced");
    }
}

const char *
ferry_ui_sync_status_css_class (FerrySyncStatus status)
{
  switch (status)
    {
    case FERRY_SYNC_STATUS_PENDING:
    case FERRY_SYNC_STATUS_RUNNING:
      return "accent";
    case FERRY_SYNC_STATUS_SUCCEEDED:
      return "success";
    case FERRY_SYNC_STATUS_FAILED:
      return "error";
    case FERRY_SYNC_STATUS_NONE:
    default:
      return "dim-label";
    }
}

const char *
ferry_ui_update_sync_badge (GtkLabel    *label,
                            GtkSpinner  *spinner,
                            FerrySync   *sync,
                            const char **status_class)
{
  FerrySyncState state;
  const char *text;
  const char *css;

  g_return_val_if_fail (GTK_IS_LABEL (label), NULL);
  g_return_val_if_fail (GTK_IS_SPINNER (spinner), NULL);
  g_return_val_if_fail (FERRY_IS_SYNC (sync), NULL);
  g_return_val_if_fail (status_class != NULL, NULL);

  /* What the destination holds now: a remove after the last sync wins over "Synced". */
  state = ferry_sync_get_state (sync);
  text = ferry_sync_state_get_label (state);
  switch (state)
    {
    case FERRY_SYNC_STATE_QUEUED:
    case FERRY_SYNC_STATE_SYNCING:
    case FERRY_SYNC_STATE_REMOVING:
      css = "accent";
      break;
    case FERRY_SYNC_STATE_SYNCED:
      css = "success";
      break;
    case FERRY_SYNC_STATE_FAILED:
      css = "error";
      break;
    case FERRY_SYNC_STATE_REMOVED:
      css = "warning";
      break;
    case FERRY_SYNC_STATE_NEVER:
    default:
      css = "dim-label";
      break;
    }

  gtk_label_set_label (label, text);
  if (*status_class != css)
    {
      if (*status_class != NULL)
        gtk_widget_remove_css_class (GTK_WIDGET (label), *status_class);
      gtk_widget_add_css_class (GTK_WIDGET (label), css);
      *status_class = css;
    }

  gtk_widget_set_visible (GTK_WIDGET (spinner), ferry_sync_is_busy (sync));
  gtk_spinner_set_spinning (spinner, ferry_sync_is_busy (sync));

  return text;
}

const char *
ferry_ui_sync_devops_project_label (FerrySync *sync)
{
  g_return_val_if_fail (FERRY_IS_SYNC (sync), NULL);

  return ferry_sync_get_devops_project_name (sync) != NULL
           ? ferry_sync_get_devops_project_name (sync)
           : ferry_sync_get_devops_project_id (sync);
}

const char *
ferry_ui_sync_connection_label (FerrySync *sync)
{
  g_return_val_if_fail (FERRY_IS_SYNC (sync), NULL);

  return ferry_sync_get_connection_name (sync) != NULL
           ? ferry_sync_get_connection_name (sync)
           : ferry_sync_get_connection_id (sync);
}

int
ferry_ui_sync_status_rank (FerrySyncStatus status)
{
  switch (status)
    {
    case FERRY_SYNC_STATUS_FAILED:
      return 0;
    case FERRY_SYNC_STATUS_RUNNING:
      return 1;
    case FERRY_SYNC_STATUS_PENDING:
      return 2;
    case FERRY_SYNC_STATUS_NONE:
      return 3;
    case FERRY_SYNC_STATUS_SUCCEEDED:
    default:
      return 4;
    }
}

static char *
format_relative_time (GDateTime *time,
                      gboolean   in_sentence)
{
  g_autoptr(GDateTime) now = NULL;
  GTimeSpan span;
  int n;

  if (time == NULL)
    return g_strdup (in_sentence ?
                     /* Translators: a relative time inside a sentence ("last sync never") */
                     C_("relative time in a sentence", "never") :
                     /* Translators: "last synced" value of a sync that never ran */
                     _("Never"));

  now = g_date_time_new_now_utc ();
  span = g_date_time_difference (now, time);

  if (span < G_TIME_SPAN_MINUTE)
    return g_strdup (in_sentence ?
                     /* Translators: a relative time inside a sentence ("failing since just now") */
                     C_("relative time in a sentence", "just now") :
                     _("Just now"));
  if (span < G_TIME_SPAN_HOUR)
    {
      n = (int) (span / G_TIME_SPAN_MINUTE);
      return g_strdup_printf (ngettext ("%d minute ago", "%d minutes ago", n), n);
    }
  if (span < G_TIME_SPAN_DAY)
    {
      n = (int) (span / G_TIME_SPAN_HOUR);
      return g_strdup_printf (ngettext ("%d hour ago", "%d hours ago", n), n);
    }
  n = (int) MIN (span / G_TIME_SPAN_DAY, G_MAXINT);
  if (n == 1)
    return g_strdup (in_sentence ?
                     /* Translators: a relative time inside a sentence ("failing since yesterday") */
                     C_("relative time in a sentence", "yesterday") :
                     _("Yesterday"));
  return g_strdup_printf (ngettext ("%d day ago", "%d days ago", n), n);
}

char *
ferry_ui_format_relative_time (GDateTime *time)
{
  return format_relative_time (time, FALSE);
}

char *
ferry_ui_format_relative_time_in_sentence (GDateTime *time)
{
  return format_relative_time (time, TRUE);
}

char *
ferry_ui_format_absolute_time (GDateTime *time)
{
  g_autoptr(GDateTime) local = NULL;

  if (time == NULL)
    return NULL;

  local = g_date_time_to_local (time);
  /* Translators: absolute date and time in tooltips, see g_date_time_format () */
  return g_date_time_format (local, _("%e %B %Y, %H:%M:%S"));
}

gboolean
ferry_ui_is_uuid (const char *text)
{
  static const int groups[] = { 8, 4, 4, 4, 12 };
  const char *p = text;

  if (text == NULL)
    return FALSE;

  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    {
      for (int i = 0; i < groups[g]; i++, p++)
        if (!g_ascii_isxdigit (*p))
          return FALSE;
      if (g + 1 < G_N_ELEMENTS (groups))
        {
          if (*p != '-')
            return FALSE;
          p++;
        }
    }

  return *p == '\0';
}

const char *
ferry_ui_check_slug (const char *name)
{
  gsize len;

  if (name == NULL || name[0] == '\0')
    return _("Enter a name.");

  len = strlen (name);
  if (len > 32)
    return _("Use at most 32 characters.");

  for (const char *p = name; *p; p++)
    {
      if (g_ascii_islower (*p) || g_ascii_isdigit (*p))
        continue;
      if (*p == '-')
        {
          if (p == name || p[1] == '\0')
            return _("A name cannot start or end with a hyphen.");
          if (p[1] == '-')
            return _("Use single hyphens only.");
          continue;
        }
      return _("Use lowercase letters, digits and hyphens only.");
    }

  return NULL;
}

void
ferry_ui_set_invalid (GtkWidget *widget,
                      gboolean   invalid)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (invalid)
    gtk_widget_add_css_class (widget, "error");
  else
    gtk_widget_remove_css_class (widget, "error");
}

gboolean
ferry_ui_error_is_session_expired (const GError *error)
{
  return g_error_matches (error, FERRY_API_ERROR, FERRY_API_ERROR_TOKEN_EXPIRED) ||
         g_error_matches (error, FERRY_API_ERROR, FERRY_API_ERROR_UNAUTHORIZED);
}

void
ferry_ui_toast (GtkWidget  *widget,
                const char *text,
                guint       timeout)
{
  GtkWidget *overlay;
  AdwToast *toast;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (text != NULL);

  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay == NULL)
    return;

  toast = adw_toast_new (text);
  adw_toast_set_timeout (toast, timeout);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

void
ferry_ui_show_toast (GtkWidget *widget,
                     AdwToast  *toast)
{
  GtkWidget *overlay;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (ADW_IS_TOAST (toast));

  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

const char *
ferry_ui_load_error_page (const GError *error)
{
  if (g_error_matches (error, FERRY_API_ERROR, FERRY_API_ERROR_NETWORK) &&
      !g_network_monitor_get_network_available (g_network_monitor_get_default ()))
    return "offline";

  return "error";
}

void
ferry_ui_unparent_children (GtkWidget *widget)
{
  GtkWidget *child;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    gtk_widget_unparent (child);
}

FerryApiClient *
ferry_ui_get_lookup_client (FerryProjectModel *model)
{
  FerryWorkspace *workspace;

  g_return_val_if_fail (FERRY_IS_PROJECT_MODEL (model), NULL);

  workspace = ferry_project_model_get_workspace (model);
  if (workspace == NULL ||
      ferry_session_get_state (ferry_workspace_get_session (workspace)) == FERRY_SESSION_STATE_SIGNED_OUT)
    return NULL;

  return ferry_workspace_get_client (workspace);
}
