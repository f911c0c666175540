/* ferry-account-button.h: the header's account button: where and who, and the account menu.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ferry-account.h"

G_BEGIN_DECLS

#define FERRY_TYPE_ACCOUNT_BUTTON (ferry_account_button_get_type ())

G_DECLARE_FINAL_TYPE (FerryAccountButton, ferry_account_button, FERRY, ACCOUNT_BUTTON, GtkWidget)

/* Properties: "accounts" (GListModel of FerryAccount, listed in the menu) and "account"
 * (the signed-in one, or NULL: shown on the button). The menu activates the window's
 * actions win.switch-account (s, an account id), win.add-account and win.sign-out. */
GtkWidget    *ferry_account_button_new            (void);
GListModel   *ferry_account_button_get_accounts   (FerryAccountButton *self);
void          ferry_account_button_set_accounts   (FerryAccountButton *self,
                                                   GListModel         *accounts);
FerryAccount *ferry_account_button_get_account    (FerryAccountButton *self);
void          ferry_account_button_set_account    (FerryAccountButton *self,
                                                   FerryAccount       *account);
/* The account menu (rebuilt in place when the accounts change). Transfer none. */
GMenuModel   *ferry_account_button_get_menu_model (FerryAccountButton *self);

G_END_DECLS
