/* ferry-source-page.h: step 1 of the sync assistant: project, environment, secret path.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Busy (FerryAssistantPage:busy) while the secret path is being checked against the
 * server's folders: Next waits for it.
 */

#pragma once

#include "ferry-assistant-page.h"

G_BEGIN_DECLS

#define FERRY_TYPE_SOURCE_PAGE (ferry_source_page_get_type ())

G_DECLARE_FINAL_TYPE (FerrySourcePage, ferry_source_page, FERRY, SOURCE_PAGE, FerryAssistantPage)

G_END_DECLS
