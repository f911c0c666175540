/* ferry-options-page.h: step 3 of the sync assistant: initial sync behaviour, key schema
 * with a live preview, auto-sync and secret deletion.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ferry-context.h"
#include "ferry-sync-draft.h"

G_BEGIN_DECLS

#define FERRY_TYPE_OPTIONS_PAGE (ferry_options_page_get_type ())

G_DECLARE_FINAL_TYPE (FerryOptionsPage, ferry_options_page, FERRY, OPTIONS_PAGE, AdwPreferencesPage)

GtkWidget *ferry_options_page_new   (FerryContext     *context,
                                     FerrySyncDraft   *draft);
/* Called when the step becomes visible: loads the source folder's secret names (never
 * values) for the preview when the source changed. */
void       ferry_options_page_shown (FerryOptionsPage *self);

G_END_DECLS
