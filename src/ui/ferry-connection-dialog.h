/* ferry-connection-dialog.h: add or edit an Azure DevOps app connection.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ferry-connection.h"
#include "ferry-context.h"
#include "ferry-project-model.h"
#include "ferry-uri-opener.h"

G_BEGIN_DECLS

#define FERRY_TYPE_CONNECTION_DIALOG (ferry_connection_dialog_get_type ())

G_DECLARE_FINAL_TYPE (FerryConnectionDialog, ferry_connection_dialog, FERRY, CONNECTION_DIALOG, AdwWindow)

/* @model: the project's FerryProjectModel. A new connection belongs to its project; it
 * is created or updated through the model (OAuth ones by FerryOAuthFlow, then added to
 * the model), so the model's "connections" has it when the signal below is emitted.
 * @connection: NULL to add one, else the connection to edit.
 * Signal "connection-saved" (FerryConnection *) after the server accepted it; the dialog
 * then closes itself. */
FerryConnectionDialog *ferry_connection_dialog_new            (FerryContext          *context,
                                                               FerryProjectModel     *model,
                                                               GtkWindow             *parent,
                                                               FerryConnection       *connection);
FerryConnection       *ferry_connection_dialog_get_connection (FerryConnectionDialog *self);
/* OAuth: where Microsoft's authorize page is (tests: the sandbox) and how it is opened. */
void                   ferry_connection_dialog_set_authorize_base_url (FerryConnectionDialog *self,
                                                                       const char            *base_url);
void                   ferry_connection_dialog_set_uri_opener (FerryConnectionDialog *self,
                                                               FerryUriOpener        *opener);

G_END_DECLS
