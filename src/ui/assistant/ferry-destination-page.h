/* ferry-destination-page.h: step 2 of the sync assistant: connection, Azure DevOps project,
 * and the variable group the sync writes.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ferry-context.h"
#include "ferry-sync-draft.h"

G_BEGIN_DECLS

#define FERRY_TYPE_DESTINATION_PAGE (ferry_destination_page_get_type ())

G_DECLARE_FINAL_TYPE (FerryDestinationPage, ferry_destination_page, FERRY, DESTINATION_PAGE, AdwPreferencesPage)

GtkWidget *ferry_destination_page_new         (FerryContext         *context,
                                               FerrySyncDraft       *draft);
/* Called when the step becomes visible: loads connections and syncs the first time. */
void       ferry_destination_page_shown       (FerryDestinationPage *self);
/* Whether the Azure DevOps project is being entered by hand (machine identities). */
gboolean   ferry_destination_page_get_manual  (FerryDestinationPage *self);

G_END_DECLS
