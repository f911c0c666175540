/* ferry-cache.h: the last-known projects, syncs and connections of one account, on disk.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No GTK in here. So that Ferry shows something at its first frame, and something at all
 * when the server cannot be reached, FerryWorkspace keeps what the server last answered in
 * one file per account: $XDG_CACHE_HOME/ferry/<account id>.json, mode 0600, written
 * atomically (g_file_replace_contents_async ()) after successful loads.
 *
 * What goes in is metadata only: names, ids, statuses and dates as the models hold them
 * (the fields src/api parses). Never a token, a client secret or any credential: the
 * account's tokens live in the keyring (src/auth/ferry-token-store.h), connection
 * credentials are never read back from the server, and a connection's credentials hash is
 * left out too. docs/offline-cache.md describes the format.
 *
 * The file is JSON with "format" and "version" members. A file that is missing, not JSON,
 * cut off, of another format or version, or of another account is ignored
 * (ferry_cache_load_finish () says why, nothing is shown from it) and replaced by the next
 * save.
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define FERRY_CACHE_FORMAT  "ferry-metadata-cache"
#define FERRY_CACHE_VERSION 1

#define FERRY_TYPE_CACHE (ferry_cache_get_type ())

G_DECLARE_FINAL_TYPE (FerryCache, ferry_cache, FERRY, CACHE, GObject)

/* The cache of the account with @account_id (FerryAccount's "id"). Touches no file. */
FerryCache *ferry_cache_new              (const char          *account_id);
const char *ferry_cache_get_account_id   (FerryCache          *self);
/* The file's path (under g_get_user_cache_dir ()). */
const char *ferry_cache_get_path         (FerryCache          *self);

/* Reads the file in a worker thread. FALSE with G_IO_ERROR_NOT_FOUND when there is none,
 * G_IO_ERROR_INVALID_DATA when it is unusable (corrupt, cut off, another version). */
void        ferry_cache_load_async       (FerryCache          *self,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gboolean    ferry_cache_load_finish      (FerryCache          *self,
                                          GAsyncResult        *result,
                                          GError             **error);

/* What the last load found (wall-clock seconds since the epoch of the save; 0: nothing).
 * Lists are new GListStores the caller may keep (transfer none: valid until the next
 * load); NULL when the file had no such list. */
gint64      ferry_cache_get_saved_at     (FerryCache          *self);
GListModel *ferry_cache_get_projects     (FerryCache          *self);
GListModel *ferry_cache_get_syncs        (FerryCache          *self,
                                          const char          *project_id);
GListModel *ferry_cache_get_connections  (FerryCache          *self,
                                          const char          *project_id);

/* The lists to save: the cache keeps @model (FerryProject / FerrySync / FerryConnection)
 * and reads it when it saves, so later changes are saved too. Lists not set again keep
 * what the file had. */
void        ferry_cache_set_projects     (FerryCache          *self,
                                          GListModel          *model);
void        ferry_cache_set_syncs        (FerryCache          *self,
                                          const char          *project_id,
                                          GListModel          *model);
void        ferry_cache_set_connections  (FerryCache          *self,
                                          const char          *project_id,
                                          GListModel          *model);
/* Saves a second after the last call (so a burst of changes is one write). */
void        ferry_cache_queue_save       (FerryCache          *self);
/* A queued save, if any, starts now (it finishes even if the cache is let go meanwhile):
 * for the account's workspace going away while the last answers wait for their save. */
void        ferry_cache_flush            (FerryCache          *self);
/* Saves now: what was set, and what the file had of the rest. */
void        ferry_cache_save_async       (FerryCache          *self,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gboolean    ferry_cache_save_finish      (FerryCache          *self,
                                          GAsyncResult        *result,
                                          GError             **error);

/* Removes the file (the account is gone); a missing file is no error. Cancels a pending
 * save. */
void        ferry_cache_delete_async     (FerryCache          *self,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gboolean    ferry_cache_delete_finish    (FerryCache          *self,
                                          GAsyncResult        *result,
                                          GError             **error);

G_END_DECLS
