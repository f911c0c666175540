/* ferry-account-store.h: the list of accounts, kept in GSettings (no secrets there).
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ferry-account.h"

G_BEGIN_DECLS

#define FERRY_TYPE_ACCOUNT_STORE (ferry_account_store_get_type ())

/* A GListModel of FerryAccount, backed by the "accounts" and "default-account" keys.
 * Property "default-account" (FerryAccount, read-only): what get_default () returns.
 * Changes of an account's properties are saved at once. */
G_DECLARE_FINAL_TYPE (FerryAccountStore, ferry_account_store, FERRY, ACCOUNT_STORE, GObject)

FerryAccountStore *ferry_account_store_new             (GSettings         *settings);
/* Adds @account, or replaces the stored account with the same site, kind and
 * email/client id (so signing in again does not duplicate it). Returns the stored one. */
FerryAccount      *ferry_account_store_add             (FerryAccountStore *self,
                                                        FerryAccount      *account);
/* The stored account that is the same sign-in as @account (same site, kind and email or
 * client id), or NULL. Transfer none. */
FerryAccount      *ferry_account_store_find            (FerryAccountStore *self,
                                                        FerryAccount      *account);
void               ferry_account_store_remove          (FerryAccountStore *self,
                                                        FerryAccount      *account);
void               ferry_account_store_rename          (FerryAccountStore *self,
                                                        FerryAccount      *account,
                                                        const char        *label);
FerryAccount      *ferry_account_store_lookup          (FerryAccountStore *self,
                                                        const char        *account_id);
/* NULL when there are no accounts. Transfer none. */
FerryAccount      *ferry_account_store_get_default     (FerryAccountStore *self);
void               ferry_account_store_set_default     (FerryAccountStore *self,
                                                        FerryAccount      *account);
/* Saves changed account properties (e.g. organization name) back to GSettings. */
void               ferry_account_store_save            (FerryAccountStore *self);

G_END_DECLS
