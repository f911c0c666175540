/* ferry-ui-utils.h: small presentation helpers shared by the pages (no GObject types).
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ferry-error-view.h"
#include "ferry-sync.h"
#include "ferry-workspace.h"

G_BEGIN_DECLS

/* Translated badge text: Queued, Syncing, Synced, Failed, Never synced. */
const char *ferry_ui_sync_status_label        (FerrySyncStatus  status);
/* CSS class for the badge: "accent", "success", "error", "dim-label"… */
const char *ferry_ui_sync_status_css_class    (FerrySyncStatus  status);
/* Shows the status badge of @sync on @label ("Removing" while its synced secrets are being
 * removed, else its sync status) with the matching CSS class, and its busy state on @spinner.
 * @status_class holds the CSS class the label got last (start with NULL).
 * Returns the badge text (static, translated). */
const char *ferry_ui_update_sync_badge        (GtkLabel        *label,
                                               GtkSpinner      *spinner,
                                               FerrySync       *sync,
                                               const char     **status_class);
/* Sort rank: failed first, then running/queued, never synced, synced. */
int         ferry_ui_sync_status_rank         (FerrySyncStatus  status);

/* The Azure DevOps project of @sync for display: its name, else its id. */
const char *ferry_ui_sync_devops_project_label (FerrySync       *sync);
/* The connection of @sync for display: its name, else its id. */
const char *ferry_ui_sync_connection_label    (FerrySync       *sync);

/* "3 minutes ago", "yesterday", or "Never". */
char       *ferry_ui_format_relative_time     (GDateTime       *time);
/* The same for the middle of a sentence ("failing since just now", "last sync never"):
 * the words that stand alone capitalized ("Just now") are not. */
char       *ferry_ui_format_relative_time_in_sentence (GDateTime *time);
/* Absolute local time for tooltips, or NULL. */
char       *ferry_ui_format_absolute_time     (GDateTime       *time);

/* Whether @text is a UUID (8-4-4-4-12 hex digits). */
gboolean    ferry_ui_is_uuid                  (const char      *text);
/* NULL when @name is a valid connection/sync name (a slug of 1–32 characters, see the
 * docs/infisical-api.md#name-length-limits), else a translated sentence saying what is wrong. */
const char *ferry_ui_check_slug               (const char      *name);

/* Whether @error says the token was refused (expired or unauthorized): sign in again. */
gboolean    ferry_ui_error_is_session_expired (const GError    *error);
/* Shows @text as a toast on the AdwToastOverlay @widget is inside, lasting @timeout seconds;
 * nothing when there is no overlay. */
/* Shows @toast (transfer full) in the toast overlay above @widget, if any. */
void        ferry_ui_show_toast               (GtkWidget       *widget,
                                               AdwToast        *toast);
void        ferry_ui_toast                    (GtkWidget       *widget,
                                               const char      *text,
                                               guint            timeout);
/* The stack page for a list that failed to load with @error: "offline" when a network
 * error came while the network is down, else "error" (the page's error view shows it). */
const char *ferry_ui_load_error_page          (const GError    *error);

/* The API client of @model's account, for one-off lookups that are no list a view shows
 * (folders, secret names, Azure DevOps projects, connection options), or NULL once that
 * account is signed out. The model's account, even if another one became active since. */
FerryApiClient *ferry_ui_get_lookup_client    (FerryProjectModel *model);

/* Unparents every child of @widget; for dispose after gtk_widget_dispose_template(). */
void        ferry_ui_unparent_children        (GtkWidget       *widget);

/* Marks an editable/row as invalid ("error" CSS class) or clears it. */
void        ferry_ui_set_invalid              (GtkWidget       *widget,
                                               gboolean         invalid);

G_END_DECLS
