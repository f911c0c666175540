/* ferry-devops-project.h: an Azure DevOps project of a connection {id, name, appId} (docs/infisical-api.md#azure-devops-projects-of-a-connection).
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ferry-resource.h"

G_BEGIN_DECLS

#define FERRY_TYPE_DEVOPS_PROJECT (ferry_devops_project_get_type ())

G_DECLARE_FINAL_TYPE (FerryDevopsProject, ferry_devops_project, FERRY, DEVOPS_PROJECT, FerryResource)

FerryDevopsProject *ferry_devops_project_new_from_json (JsonObject          *object,
                                                        GError             **error);
/* Also for projects typed in by hand (machine identities cannot list them). */
FerryDevopsProject *ferry_devops_project_new           (const char          *id,
                                                        const char          *name);
const char         *ferry_devops_project_get_name      (FerryDevopsProject  *self);
/* What a sync stores as destinationConfig.devopsProjectId. */
const char         *ferry_devops_project_get_app_id    (FerryDevopsProject  *self);

G_END_DECLS
