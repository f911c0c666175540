/* ferry-project.h: an Infisical project and its environments (docs/infisical-api.md#projects).
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ferry-environment.h"
#include "ferry-resource.h"

G_BEGIN_DECLS

#define FERRY_TYPE_PROJECT (ferry_project_get_type ())

G_DECLARE_FINAL_TYPE (FerryProject, ferry_project, FERRY, PROJECT, FerryResource)

FerryProject *ferry_project_new_from_json     (JsonObject   *object,
                                               GError      **error);
const char   *ferry_project_get_name          (FerryProject *self);
const char   *ferry_project_get_slug          (FerryProject *self);
const char   *ferry_project_get_description   (FerryProject *self);
const char   *ferry_project_get_project_type  (FerryProject *self); /* "secret-manager", … */
const char   *ferry_project_get_org_id        (FerryProject *self);
/* GListModel of FerryEnvironment (property "environments"). Transfer none. */
GListModel   *ferry_project_get_environments  (FerryProject *self);
FerryEnvironment *ferry_project_find_environment (FerryProject *self,
                                                  const char   *slug);

G_END_DECLS
