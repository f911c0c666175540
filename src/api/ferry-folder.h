/* ferry-folder.h: a secret folder (docs/infisical-api.md#folders).
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ferry-resource.h"

G_BEGIN_DECLS

#define FERRY_TYPE_FOLDER (ferry_folder_get_type ())

G_DECLARE_FINAL_TYPE (FerryFolder, ferry_folder, FERRY, FOLDER, FerryResource)

/* @parent_path is the path that was listed ("/" or "/a/b"); "path" becomes parent + name. */
FerryFolder *ferry_folder_new_from_json  (JsonObject  *object,
                                          const char  *parent_path,
                                          GError     **error);
const char  *ferry_folder_get_name       (FerryFolder *self);
const char  *ferry_folder_get_path       (FerryFolder *self);
const char  *ferry_folder_get_description (FerryFolder *self);

G_END_DECLS
