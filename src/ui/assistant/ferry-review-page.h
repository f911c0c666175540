/* ferry-review-page.h: step 5 of the sync assistant: everything in one summary.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Signals: "edit-step" (FerrySyncDraftStep as guint) when a section's Edit is clicked;
 * "retry" when Try Again is clicked after a failure that belongs to no step. A failed
 * save (ferry_assistant_page_show_save_error ()) shows its message, the server's detail
 * one click away, and Try Again when trying again can help.
 */

#pragma once

#include "ferry-assistant-page.h"

G_BEGIN_DECLS

#define FERRY_TYPE_REVIEW_PAGE (ferry_review_page_get_type ())

G_DECLARE_FINAL_TYPE (FerryReviewPage, ferry_review_page, FERRY, REVIEW_PAGE, FerryAssistantPage)

G_END_DECLS
