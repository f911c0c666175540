/* ferry-application.h
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ferry-context.h"

G_BEGIN_DECLS

#define FERRY_TYPE_APPLICATION (ferry_application_get_type ())

G_DECLARE_FINAL_TYPE (FerryApplication, ferry_application, FERRY, APPLICATION, AdwApplication)

FerryApplication *ferry_application_new         (void);
/* The one FerryContext of the application (GSettings + keyring), made on first use. */
FerryContext     *ferry_application_get_context (FerryApplication *self);

G_END_DECLS
