/* ferry-destination-page.h: step 2 of the sync assistant: connection, Azure DevOps project,
 * and the variable group the sync writes.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loads the connections the project may use the first time it is shown; the duplicate
 * warning reads the project model's sync list. A machine identity cannot list Azure
 * DevOps projects: then the project is entered by hand.
 */

#pragma once

#include "ferry-assistant-page.h"

G_BEGIN_DECLS

#define FERRY_TYPE_DESTINATION_PAGE (ferry_destination_page_get_type ())

G_DECLARE_FINAL_TYPE (FerryDestinationPage, ferry_destination_page, FERRY, DESTINATION_PAGE, FerryAssistantPage)

G_END_DECLS
