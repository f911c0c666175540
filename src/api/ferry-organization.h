/* ferry-organization.h: an Infisical organization {id, name, slug}.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ferry-resource.h"

G_BEGIN_DECLS

#define FERRY_TYPE_ORGANIZATION (ferry_organization_get_type ())

G_DECLARE_FINAL_TYPE (FerryOrganization, ferry_organization, FERRY, ORGANIZATION, FerryResource)

FerryOrganization *ferry_organization_new_from_json (JsonObject        *object,
                                                     GError           **error);
const char        *ferry_organization_get_name      (FerryOrganization *self);
const char        *ferry_organization_get_slug      (FerryOrganization *self);
/* blockDuplicateSecretSyncDestinations (docs/infisical-api.md#duplicate-destinations);
 * FALSE where the answer lacks it. Property "block-duplicate-destinations". */
gboolean           ferry_organization_get_block_duplicate_destinations (FerryOrganization *self);

G_END_DECLS
