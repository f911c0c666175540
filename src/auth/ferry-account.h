/* ferry-account.h: one signed-in identity on one Infisical server. No secrets here.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  FERRY_ACCOUNT_KIND_USER,              /* browser sign-in: a user JWT */
  FERRY_ACCOUNT_KIND_MACHINE_IDENTITY,  /* Universal Auth: client id + client secret */
} FerryAccountKind;

#define FERRY_TYPE_ACCOUNT_KIND (ferry_account_kind_get_type ())
GType ferry_account_kind_get_type (void);

#define FERRY_TYPE_ACCOUNT (ferry_account_get_type ())

G_DECLARE_FINAL_TYPE (FerryAccount, ferry_account, FERRY, ACCOUNT, GObject)

/* Properties: "id" (local UUID, construct-only), "site-url", "kind", "email" (users),
 * "client-id" (machine identities), "organization-id", "organization-name", "label"
 * (what the switcher shows; defaults to email or client id + host). */
FerryAccount     *ferry_account_new                   (FerryAccountKind  kind,
                                                       const char       *site_url);
const char       *ferry_account_get_id                (FerryAccount     *self);
const char       *ferry_account_get_site_url          (FerryAccount     *self);
FerryAccountKind  ferry_account_get_kind              (FerryAccount     *self);
const char       *ferry_account_get_email             (FerryAccount     *self);
void              ferry_account_set_email             (FerryAccount     *self,
                                                       const char       *email);
const char       *ferry_account_get_client_id         (FerryAccount     *self);
void              ferry_account_set_client_id         (FerryAccount     *self,
                                                       const char       *client_id);
const char       *ferry_account_get_organization_id   (FerryAccount     *self);
void              ferry_account_set_organization_id   (FerryAccount     *self,
                                                       const char       *organization_id);
const char       *ferry_account_get_organization_name (FerryAccount     *self);
void              ferry_account_set_organization_name (FerryAccount     *self,
                                                       const char       *organization_name);
const char       *ferry_account_get_label             (FerryAccount     *self);
void              ferry_account_set_label             (FerryAccount     *self,
                                                       const char       *label);

/* What the watcher, the overview and notifications call the account: the label people
 * gave, else the default label for users; for a machine identity "ORGANIZATION on HOST" or
 * "Machine identity on HOST", never its client id. */
char             *ferry_account_dup_display_name      (FerryAccount     *self);
/* Whether the label was set by people (else it is the default one). */
gboolean          ferry_account_has_custom_label      (FerryAccount     *self);
/* Same site, kind and email (case-insensitive) or client id: the same sign-in. */
gboolean          ferry_account_matches               (FerryAccount     *self,
                                                       FerryAccount     *other);

/* (De)serialisation for GSettings ("a{sv}"); never contains a secret. */
GVariant         *ferry_account_to_variant            (FerryAccount     *self);
FerryAccount     *ferry_account_new_from_variant      (GVariant         *variant);

G_END_DECLS
