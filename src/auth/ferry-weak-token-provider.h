/* ferry-weak-token-provider.h: a FerryTokenProvider that forwards to another one it
 * does not keep alive.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A FerrySession owns its FerryApiClient, and the client keeps a strong reference to
 * its token provider. The session hands the client this forwarder instead of itself so
 * the two do not keep each other alive. Once the target is gone, every request fails
 * with FERRY_API_ERROR_UNAUTHORIZED.
 */

#pragma once

#include "ferry-token-provider.h"

G_BEGIN_DECLS

#define FERRY_TYPE_WEAK_TOKEN_PROVIDER (ferry_weak_token_provider_get_type ())

G_DECLARE_FINAL_TYPE (FerryWeakTokenProvider, ferry_weak_token_provider, FERRY, WEAK_TOKEN_PROVIDER, GObject)

FerryTokenProvider *ferry_weak_token_provider_new        (FerryTokenProvider     *target);
/* The target, or NULL once it is gone. Transfer full. */
FerryTokenProvider *ferry_weak_token_provider_dup_target (FerryWeakTokenProvider *self);

G_END_DECLS
