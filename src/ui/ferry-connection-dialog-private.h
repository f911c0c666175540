/* ferry-connection-dialog-private.h: what the parts of FerryConnectionDialog share.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * FerryConnectionDialog is one type in two files: the form, its checks and the saves
 * through the project model (ferry-connection-dialog.c), and the OAuth part: the browser
 * flow, the sign-in method per server, "Copy Link" and "Open Again" while it waits, and
 * where a new connection belongs (ferry-connection-dialog-oauth.c).
 */

#pragma once

#include <glib/gi18n.h>

#include "ferry-connection-dialog.h"
#include "ferry-error-view.h"
#include "ferry-oauth-flow.h"
#include "ferry-uri-opener-relay.h"

G_BEGIN_DECLS

struct _FerryConnectionDialog
{
  AdwWindow             parent_instance;

  FerryContext         *context;
  FerryProjectModel    *model;
  FerryConnection      *connection;
  GCancellable         *cancellable;
  GArray               *methods;        /* FerryConnectionMethod per combo position */
  char                 *oauth_client_id;
  gboolean              options_loaded;
  gboolean              oauth_available;
  gboolean              saving;
  FerryOAuthFlow       *oauth_flow;
  FerryUriOpener       *opener;
  FerryUriOpenerRelay  *relay;          /* what the running OAuth flow opened */
  char                 *authorize_base_url;
  gboolean              updating_signin;

  /* Template widgets */
  GtkButton            *save_button;
  GtkSpinner           *spinner;
  FerryErrorView       *error_view;
  AdwPreferencesGroup  *method_group;
  AdwComboRow          *method_row;
  AdwPreferencesGroup  *credentials_group;
  AdwEntryRow          *org_row;
  AdwEntryRow          *tenant_row;
  AdwEntryRow          *client_id_row;
  AdwPasswordEntryRow  *client_secret_row;
  AdwPasswordEntryRow  *pat_row;
  GtkLabel             *credentials_hint_label;
  FerryErrorView       *credentials_error_view;
  AdwEntryRow          *name_row;
  GtkLabel             *name_error_label;
  AdwEntryRow          *description_row;
  GtkRevealer          *oauth_revealer;
  GtkLabel             *oauth_label;
  GtkWidget            *link_copied_label;
  GtkWidget            *reconnect_row;
  AdwComboRow          *signin_row;
  GtkWidget            *try_desktop_row;
  AdwPreferencesGroup  *scope_group;
  AdwComboRow          *scope_row;
  AdwActionRow         *scope_info_row;
  GtkLabel             *scope_hint_label;
};

/* ---- ferry-connection-dialog.c ---- */

const char *ferry_connection_dialog_get_project_id      (FerryConnectionDialog *self);
void        ferry_connection_dialog_update_sensitivity  (FerryConnectionDialog *self);
void        ferry_connection_dialog_set_busy            (FerryConnectionDialog *self,
                                                         gboolean               busy);
void        ferry_connection_dialog_show_error          (FerryConnectionDialog *self,
                                                         const GError          *error);
void        ferry_connection_dialog_saved               (FerryConnectionDialog *self,
                                                         FerryConnection       *connection);

/* ---- ferry-connection-dialog-oauth.c ---- */

/* Runs the OAuth flow for a new connection (@name, @description) or, without a name, a
 * reconnect of the dialog's connection. */
void        ferry_connection_dialog_run_oauth           (FerryConnectionDialog *self,
                                                         const char            *name,
                                                         const char            *description);
/* Shows the sign-in method of this server (OAuth only) and the scope rows. */
void        ferry_connection_dialog_update_signin       (FerryConnectionDialog *self);
void        ferry_connection_dialog_setup_scope         (FerryConnectionDialog *self);
/* Whether a new connection is to belong to the project (else to the organization). */
gboolean    ferry_connection_dialog_for_project         (FerryConnectionDialog *self);
/* Template children, callbacks and actions of the OAuth part. */
void        ferry_connection_dialog_class_init_oauth    (GtkWidgetClass        *widget_class);

G_END_DECLS
