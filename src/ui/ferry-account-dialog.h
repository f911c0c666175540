/* ferry-account-dialog.h: Add Account and Sign In Again, over the window.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ferry-context.h"

G_BEGIN_DECLS

#define FERRY_TYPE_ACCOUNT_DIALOG (ferry_account_dialog_get_type ())

G_DECLARE_FINAL_TYPE (FerryAccountDialog, ferry_account_dialog, FERRY, ACCOUNT_DIALOG, AdwWindow)

/* A modal dialog over @parent holding a FerrySigninPage (src/ui/ferry-signin-page.h):
 * the window behind stays as it is. Cancel in the header and Escape close it (while the
 * browser sign-in waits, they stop the wait first); a sign-in emits "signed-in"
 * (FerrySession *) and the dialog closes itself. @account (may be NULL) prefills the form,
 * for Sign In Again. */
FerryAccountDialog *ferry_account_dialog_new             (FerryContext       *context,
                                                          GtkWindow          *parent,
                                                          FerryAccount       *account);
/* The FerrySigninPage inside. Transfer none. */
GtkWidget          *ferry_account_dialog_get_signin_page (FerryAccountDialog *self);

G_END_DECLS
