/* ferry-context.h: what windows and pages share, injected as a construct property.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No globals: FerryApplication makes one FerryContext and hands it to every window, page
 * and dialog ("context" construct property). No GTK in here.
 */

#pragma once

#include <gio/gio.h>

#include "ferry-account-store.h"
#include "ferry-api-client.h"
#include "ferry-session.h"
#include "ferry-token-store.h"
#include "ferry-workspace.h"

G_BEGIN_DECLS

#define FERRY_TYPE_CONTEXT (ferry_context_get_type ())

G_DECLARE_FINAL_TYPE (FerryContext, ferry_context, FERRY, CONTEXT, GObject)

/* @settings: the io.github.ferryapp.Ferry GSettings. */
FerryContext      *ferry_context_new             (GSettings       *settings,
                                                  FerryTokenStore *token_store);
GSettings         *ferry_context_get_settings    (FerryContext    *self);
FerryAccountStore *ferry_context_get_accounts    (FerryContext    *self);
FerryTokenStore   *ferry_context_get_token_store (FerryContext    *self);
/* Property "session": the active session, or NULL when signed out. */
FerrySession      *ferry_context_get_session     (FerryContext    *self);
void               ferry_context_set_session     (FerryContext    *self,
                                                  FerrySession    *session);
/* The active session's client, or NULL. Transfer none. */
FerryApiClient    *ferry_context_get_client      (FerryContext    *self);
/* Property "workspace": the FerryWorkspace of the active session (made when the session
 * is set), or NULL when signed out. Transfer none. Views bind to its models. */
FerryWorkspace    *ferry_context_get_workspace   (FerryContext    *self);

G_END_DECLS
