/* ferry-source-page.h: step 1 of the sync assistant: project, environment, secret path.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ferry-context.h"
#include "ferry-project.h"
#include "ferry-sync-draft.h"

G_BEGIN_DECLS

#define FERRY_TYPE_SOURCE_PAGE (ferry_source_page_get_type ())

G_DECLARE_FINAL_TYPE (FerrySourcePage, ferry_source_page, FERRY, SOURCE_PAGE, AdwPreferencesPage)

/* Property "busy": TRUE while the secret path is being checked against the server's
 * folders (Next waits for it). */
GtkWidget *ferry_source_page_new      (FerryContext    *context,
                                       FerryProject    *project,
                                       FerrySyncDraft  *draft);
gboolean   ferry_source_page_get_busy (FerrySourcePage *self);
/* Called when the step becomes visible. */
void       ferry_source_page_shown    (FerrySourcePage *self);

G_END_DECLS
