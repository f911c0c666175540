/* ferry-environment.h: a project environment {id, name, slug}.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ferry-resource.h"

G_BEGIN_DECLS

#define FERRY_TYPE_ENVIRONMENT (ferry_environment_get_type ())

G_DECLARE_FINAL_TYPE (FerryEnvironment, ferry_environment, FERRY, ENVIRONMENT, FerryResource)

FerryEnvironment *ferry_environment_new_from_json (JsonObject       *object,
                                                   GError          **error);
const char       *ferry_environment_get_name      (FerryEnvironment *self);
const char       *ferry_environment_get_slug      (FerryEnvironment *self);

G_END_DECLS
