/* ferry-sync-assistant.h: create an Azure DevOps sync step by step, or edit one.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Five steps (Source, Destination, Options, Details, Review) over one FerrySyncDraft.
 * Next is enabled only when the step is valid; later steps are reachable only through
 * valid earlier ones. A failed save keeps every input and goes to the step the error
 * belongs to. Closing a changed draft asks first.
 */

#pragma once

#include <adwaita.h>

#include "ferry-context.h"
#include "ferry-project-model.h"
#include "ferry-sync.h"
#include "ferry-sync-draft.h"

G_BEGIN_DECLS

#define FERRY_TYPE_SYNC_ASSISTANT (ferry_sync_assistant_get_type ())

G_DECLARE_FINAL_TYPE (FerrySyncAssistant, ferry_sync_assistant, FERRY, SYNC_ASSISTANT, AdwWindow)

/* @model: the project's FerryProjectModel; saving goes through it, so the new or changed
 * sync is in its "syncs" when "sync-saved" is emitted.
 * @sync: NULL to create a sync in the project, else the sync to edit (titled "Edit Sync").
 * Signal "sync-saved" (FerrySync *) with the server's answer, after which the assistant
 * closes itself. */
FerrySyncAssistant *ferry_sync_assistant_new       (FerryContext       *context,
                                                    GtkWindow          *parent,
                                                    FerryProjectModel  *model,
                                                    FerrySync          *sync);
FerrySyncDraft     *ferry_sync_assistant_get_draft (FerrySyncAssistant *self);
FerrySyncDraftStep  ferry_sync_assistant_get_step  (FerrySyncAssistant *self);
/* Goes to @step as soon as every step before it is valid (the lists of an edited sync load
 * first): the fix of a failure opens the assistant where the fix is. */
void                ferry_sync_assistant_show_step (FerrySyncAssistant *self,
                                                    FerrySyncDraftStep  step);

G_END_DECLS
