/* ferry-details-page.h: step 4 of the sync assistant: name and description.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ferry-sync-draft.h"

G_BEGIN_DECLS

#define FERRY_TYPE_DETAILS_PAGE (ferry_details_page_get_type ())

G_DECLARE_FINAL_TYPE (FerryDetailsPage, ferry_details_page, FERRY, DETAILS_PAGE, AdwPreferencesPage)

GtkWidget *ferry_details_page_new         (FerrySyncDraft   *draft);
/* Moves the keyboard focus to the name or the description entry. */
void       ferry_details_page_focus_field (FerryDetailsPage    *self,
                                           FerrySyncDraftField  field);

G_END_DECLS
