/* ferry-details-page.h: step 4 of the sync assistant: name and description.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ferry-assistant-page.h"

G_BEGIN_DECLS

#define FERRY_TYPE_DETAILS_PAGE (ferry_details_page_get_type ())

G_DECLARE_FINAL_TYPE (FerryDetailsPage, ferry_details_page, FERRY, DETAILS_PAGE, FerryAssistantPage)

G_END_DECLS
