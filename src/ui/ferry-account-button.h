/* ferry-account-button.h: the header's account button: who and where, and the accounts.
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

/* Properties: "accounts" (GListModel of FerryAccount, listed in the popover), "account"
 * (the signed-in one, or NULL: shown on the button and checked in the list) and "expired"
 * (its sign-in has expired: said on the button and its row). The popover activates the
 * window's actions win.switch-account (s, an account id), win.add-account and win.sign-out;
 * each row of its list ("account_list") carries its account's id as "ferry-account-id". */
GtkWidget    *ferry_account_button_new            (void);
GListModel   *ferry_account_button_get_accounts   (FerryAccountButton *self);
void          ferry_account_button_set_accounts   (FerryAccountButton *self,
                                                   GListModel         *accounts);
FerryAccount *ferry_account_button_get_account    (FerryAccountButton *self);
void          ferry_account_button_set_account    (FerryAccountButton *self,
                                                   FerryAccount       *account);
gboolean      ferry_account_button_get_expired    (FerryAccountButton *self);
void          ferry_account_button_set_expired    (FerryAccountButton *self,
                                                   gboolean            expired);

G_END_DECLS
