/* ferry-options-page.h: step 3 of the sync assistant: initial sync behaviour, key schema
 * with a live preview, auto-sync and secret deletion.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * When shown, loads the source folder's secret names (never values) for the preview if
 * the source changed since.
 */

#pragma once

#include "ferry-assistant-page.h"

G_BEGIN_DECLS

#define FERRY_TYPE_OPTIONS_PAGE (ferry_options_page_get_type ())

G_DECLARE_FINAL_TYPE (FerryOptionsPage, ferry_options_page, FERRY, OPTIONS_PAGE, FerryAssistantPage)

G_END_DECLS
