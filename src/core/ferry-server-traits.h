/* ferry-server-traits.h: what one account's Infisical build reads and allows.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No GTK in here. Builds differ in the sync fields they read (isEnabled or
 * isAutoSyncEnabled), their name limits and whether they know subfolders
 * (docs/infisical-api.md#differences-between-server-builds). Keys a build does not know are
 * dropped unread, so sending the wrong one changes nothing and is not refused. The
 * FerryWorkspace of an account keeps one FerryServerTraits, learns from every sync answer
 * (ferry_server_traits_learn_from_sync ()) and, before a create on a server it has not seen
 * a sync from, probes (ferry_server_traits_probe_async ()).
 */

#pragma once

#include <gio/gio.h>

#include "ferry-api-client.h"
#include "ferry-sync.h"

G_BEGIN_DECLS

typedef enum
{
  FERRY_SERVER_BUILD_UNKNOWN,   /* nothing seen yet: treated as current */
  FERRY_SERVER_BUILD_CURRENT,   /* isAutoSyncEnabled, names 1–256 */
  FERRY_SERVER_BUILD_OLD,       /* isEnabled, names 1–32, no subfolders */
} FerryServerBuild;

/* Sync name limits (docs/infisical-api.md#name-length-limits). */
#define FERRY_SERVER_SYNC_NAME_MAX      256
#define FERRY_SERVER_OLD_SYNC_NAME_MAX  32

/* A change the server answered without making (a key it dropped unread). */
#define FERRY_SERVER_TRAITS_ERROR (ferry_server_traits_error_quark ())
typedef enum
{
  FERRY_SERVER_TRAITS_ERROR_NOT_APPLIED,
} FerryServerTraitsError;
GQuark ferry_server_traits_error_quark (void);

#define FERRY_TYPE_SERVER_TRAITS (ferry_server_traits_get_type ())

G_DECLARE_FINAL_TYPE (FerryServerTraits, ferry_server_traits, FERRY, SERVER_TRAITS, GObject)

FerryServerTraits *ferry_server_traits_new                  (void);

/* Property "build" (notified on change). */
FerryServerBuild   ferry_server_traits_get_build            (FerryServerTraits *self);
void               ferry_server_traits_set_build            (FerryServerTraits *self,
                                                             FerryServerBuild   build);
/* Property "recursive-supported": FALSE on the old build or once the server dropped
 * syncOptions.recursive from a save; TRUE otherwise (an answer carrying the key proves
 * it, and a save that asks for it is checked against its answer). */
gboolean           ferry_server_traits_get_recursive_supported (FerryServerTraits *self);
void               ferry_server_traits_set_recursive_supported (FerryServerTraits *self,
                                                                gboolean           supported);
/* Property "duplicates-blocked": the organization refuses a second sync to one
 * destination (blockDuplicateSecretSyncDestinations). "duplicates-known" says whether
 * that was learnt (GET /api/v1/organization, user tokens only, or a refusal). */
gboolean           ferry_server_traits_get_duplicates_blocked (FerryServerTraits *self);
gboolean           ferry_server_traits_get_duplicates_known   (FerryServerTraits *self);
void               ferry_server_traits_set_duplicates_blocked (FerryServerTraits *self,
                                                               gboolean           blocked);
/* TRUE for the server's refusal of a duplicate destination (then "duplicates-blocked"
 * is set); a 400 "A secret sync with this destination already exists…". */
gboolean           ferry_server_traits_learn_from_error       (FerryServerTraits *self,
                                                               const GError      *error);

/* Learns the build from @sync's answer (its shape, syncOptions.recursive). */
void               ferry_server_traits_learn_from_sync      (FerryServerTraits *self,
                                                             FerrySync         *sync);

/* The key the build reads for auto-sync on create and PATCH. */
const char        *ferry_server_build_auto_sync_key         (FerryServerBuild   build);
/* The longest sync name the build accepts. */
guint              ferry_server_build_sync_name_max         (FerryServerBuild   build);
/* The build a sync answer came from. */
FerryServerBuild   ferry_server_build_from_sync             (FerrySync         *sync);

/* Asks the server which build it is, without changing anything: a PATCH of a sync id
 * no sync has, with an isEnabled of the wrong type. Bodies are validated before the
 * sync is looked up, so a build that reads isEnabled refuses it (422 at "isEnabled") and
 * one that drops it answers 404. Sets "build" (CURRENT or OLD) and returns it; on any
 * other answer the build stays UNKNOWN and that is returned (not an error, the caller
 * goes on as for a current build). Errors: cancellation only. */
void               ferry_server_traits_probe_async          (FerryServerTraits   *self,
                                                             FerryApiClient      *client,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
FerryServerBuild   ferry_server_traits_probe_finish         (FerryServerTraits   *self,
                                                             GAsyncResult        *result,
                                                             GError             **error);

G_END_DECLS
