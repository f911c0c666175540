/* ferry-project-model.h: one Infisical project's syncs and connections, kept current.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No GTK in here. A FerryWorkspace makes one FerryProjectModel per project on first use and
 * hands the same object to every caller (the Syncs page, the Connections page, the assistant,
 * later the background watcher), so they all show one truth and the server is asked once.
 *
 * Lists: "syncs" (FerrySync) and "connections" (FerryConnection: the project's own and the
 * organization's), GListStores merged in place by id (ferry_resource_store_merge ()), so views
 * keep selection and scroll position. Their load state and error are properties, for views
 * to bind ("syncs-state", "syncs-error", "connections-state", "connections-error").
 *
 * Live updates: while the model is held (ferry_project_model_hold ()), the sync list is
 * refreshed every "refresh-interval" seconds (default 30); a rate-limit answer (429, with or
 * without Retry-After) stretches the interval ("current-interval") up to 300 s, a success
 * brings it back. Every sync with an operation Ferry follows (see FerrySyncOperation in
 * ferry-sync.h) is fetched every 2 s until it settles, held or not; then "sync-settled" is
 * emitted. Other syncs with a job in flight are fetched so only while the model is held. At
 * most 8 such requests are in flight; each round goes on where the last one stopped. Nothing
 * polls when no one holds the model and no operation is followed, and timers send nothing
 * while the session is not active.
 *
 * Operations are _async/_finish pairs on GTask. They build the request bodies (never the
 * views), update the stores in place on success (the returned object is the one in the
 * store), and follow what they started. Errors are FERRY_API_ERROR (or G_IO_ERROR_CANCELLED)
 * with translated messages; a refused token also switches the account's FerrySession to
 * FERRY_SESSION_STATE_EXPIRED (the one source of truth views bind to), so no caller has to.
 * Once the workspace is gone (signed out), operations fail with FERRY_API_ERROR_UNAUTHORIZED
 * ("You are signed out…") and nothing is sent.
 */

#pragma once

#include <gio/gio.h>

#include "ferry-connection.h"
#include "ferry-core-enums.h"
#include "ferry-project.h"
#include "ferry-sync.h"
#include "ferry-sync-draft.h"
#include "ferry-sync-history.h"

G_BEGIN_DECLS

/* The load state of one list. */
typedef enum
{
  FERRY_LOAD_STATE_IDLE,      /* nothing asked yet */
  FERRY_LOAD_STATE_LOADING,   /* the first load is in flight: nothing to show yet */
  FERRY_LOAD_STATE_READY,     /* loaded (maybe empty); a refresh may be in flight */
  FERRY_LOAD_STATE_ERROR,     /* the first load failed: the error property says why */
} FerryLoadState;

/* Credentials of an access-token or client-secret connection, as typed. The secrets are
 * wiped from memory when the struct is freed. OAuth connections are made by
 * FerryOauthFlow / FerryHandoffFlow (src/auth/), not here. */
typedef struct
{
  FerryConnectionMethod  method;         /* ACCESS_TOKEN or CLIENT_SECRET */
  char                  *org_name;       /* Azure DevOps organization */
  char                  *access_token;   /* ACCESS_TOKEN */
  char                  *tenant_id;      /* CLIENT_SECRET */
  char                  *client_id;      /* CLIENT_SECRET */
  char                  *client_secret;  /* CLIENT_SECRET */
} FerryConnectionCredentials;

#define FERRY_TYPE_CONNECTION_CREDENTIALS (ferry_connection_credentials_get_type ())
GType                       ferry_connection_credentials_get_type (void);
FerryConnectionCredentials *ferry_connection_credentials_new      (FerryConnectionMethod method);
FerryConnectionCredentials *ferry_connection_credentials_copy     (const FerryConnectionCredentials *credentials);
void                        ferry_connection_credentials_free     (FerryConnectionCredentials       *credentials);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FerryConnectionCredentials, ferry_connection_credentials_free)

#define FERRY_TYPE_PROJECT_MODEL (ferry_project_model_get_type ())

G_DECLARE_FINAL_TYPE (FerryProjectModel, ferry_project_model, FERRY, PROJECT_MODEL, GObject)

/* Property "project" (construct-only): the FerryProject; its fields are updated in place
 * when the workspace refreshes its projects. */
FerryProject   *ferry_project_model_get_project           (FerryProjectModel *self);
/* Property "workspace" (construct-only, weak): the FerryWorkspace that made it. */
gpointer        ferry_project_model_get_workspace         (FerryProjectModel *self);

/* ---- Syncs ---- */

/* GListModel of FerrySync. Transfer none; the same object for the model's whole life. */
GListModel     *ferry_project_model_get_syncs             (FerryProjectModel *self);
FerryLoadState  ferry_project_model_get_syncs_state       (FerryProjectModel *self);
/* Why the last sync list request failed, or NULL (cleared by the next success). While the
 * list is READY a failed refresh keeps the list and sets only this. Notified for every
 * failure (a view that says a run of failures once tracks that itself). */
const GError   *ferry_project_model_get_syncs_error       (FerryProjectModel *self);
/* Asks for the sync list now (first load or refresh); no-op while one is in flight. */
void            ferry_project_model_refresh               (FerryProjectModel *self);
/* Same, and calls back when that request (or the one in flight) has finished. */
void            ferry_project_model_refresh_async         (FerryProjectModel   *self,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean        ferry_project_model_refresh_finish        (FerryProjectModel   *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);
/* The sync with @id in "syncs", or NULL. Transfer none. */
FerrySync      *ferry_project_model_find_sync             (FerryProjectModel *self,
                                                           const char        *sync_id);

/* Holds: while at least one is taken, the sync list refreshes periodically (a page holds
 * the model while it is mapped, so a hidden window does not poll). The first hold loads the
 * list if nothing is loaded yet, refreshes it at once when the last answer is older than
 * "current-interval", else when that interval is up. Each hold needs one release. */
void            ferry_project_model_hold                  (FerryProjectModel *self);
void            ferry_project_model_release               (FerryProjectModel *self);

/* Property "refresh-interval" (seconds, > 0, default 30) and read-only "current-interval":
 * the interval now in force, stretched after rate-limit answers. */
guint           ferry_project_model_get_refresh_interval  (FerryProjectModel *self);
void            ferry_project_model_set_refresh_interval  (FerryProjectModel *self,
                                                           guint              seconds);
guint           ferry_project_model_get_current_interval  (FerryProjectModel *self);

/* Puts @sync into the store (or updates the one with its id) and follows its job if one
 * is in flight, as if the user had started it: for a sync made or changed elsewhere, e.g.
 * a notification action. Returns the object in the store (transfer none). */
FerrySync      *ferry_project_model_follow_sync           (FerryProjectModel *self,
                                                           FerrySync         *sync);

/* Sync Now (POST …/sync-secrets): @sync's operation becomes FERRY_SYNC_OPERATION_SYNC and
 * is followed to a final state ("sync-settled"). Finishes when the server has queued it.
 * While Ferry already follows an operation on @sync, this (like Remove Secrets and a delete
 * with the secrets) fails at once with FERRY_API_ERROR_CONFLICT. A sync not in "syncs" yet
 * joins it. */
void            ferry_project_model_trigger_sync_async    (FerryProjectModel   *self,
                                                           FerrySync           *sync,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean        ferry_project_model_trigger_sync_finish   (FerryProjectModel   *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);
/* PATCH with the auto-sync key this server reads. */
void            ferry_project_model_set_auto_sync_async   (FerryProjectModel   *self,
                                                           FerrySync           *sync,
                                                           gboolean             enabled,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean        ferry_project_model_set_auto_sync_finish  (FerryProjectModel   *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);
/* Remove Secrets (POST …/remove-secrets): operation REMOVE, followed to a final state. */
void            ferry_project_model_remove_secrets_async  (FerryProjectModel   *self,
                                                           FerrySync           *sync,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean        ferry_project_model_remove_secrets_finish (FerryProjectModel   *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);
/* DELETE. Without @remove_secrets the sync leaves the store when the server answers. With
 * it, the server first removes the secrets and then deletes the sync: operation DELETE,
 * followed until the sync is gone (then "sync-settled" and removal from the store), or
 * until removing the secrets failed and the sync stays ("sync-settled", not deleted).
 * Some builds delete the sync even when removing the secrets failed, so once it is gone
 * the audit log's secret-sync-remove-secrets event is asked: the settled sync's
 * "remove-status" (and "last-remove-message") then say what it recorded, SUCCEEDED or
 * FAILED, or NONE when the audit log could not tell (no permission, no retention, no
 * route, no such event). */
void            ferry_project_model_delete_sync_async     (FerryProjectModel   *self,
                                                           FerrySync           *sync,
                                                           gboolean             remove_secrets,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean        ferry_project_model_delete_sync_finish    (FerryProjectModel   *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);
/* Create (POST) from a create-mode draft, or update (PATCH, only what changed) from an
 * edit-mode draft. The new or updated sync is in the store when this finishes (returned,
 * transfer full), and its first job (auto-sync on create) is followed. Errors keep the
 * draft untouched: the caller attaches them with ferry_sync_draft_apply_error (). */
void            ferry_project_model_save_sync_async       (FerryProjectModel   *self,
                                                           FerrySyncDraft      *draft,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
FerrySync      *ferry_project_model_save_sync_finish      (FerryProjectModel   *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);

/* The history of @sync (from the audit log), made on first use and kept for the model's
 * life, the same object for every caller (transfer none). Nothing is fetched until a view
 * calls ferry_sync_history_load (). See ferry-sync-history.h. */
FerrySyncHistory *ferry_project_model_get_sync_history    (FerryProjectModel *self,
                                                           FerrySync         *sync);

/* ---- Connections ---- */

/* Whether the server has project-scoped connections (docs/infisical-api.md
 * #project-scoped-connections), as its connection objects show it: UNKNOWN until a list or
 * a create answered with at least one connection. */
typedef enum
{
  FERRY_PROJECT_CONNECTIONS_UNKNOWN,
  FERRY_PROJECT_CONNECTIONS_SUPPORTED,
  FERRY_PROJECT_CONNECTIONS_UNSUPPORTED,
} FerryProjectConnections;

FerryProjectConnections ferry_project_model_get_project_connections (FerryProjectModel *self);

/* GListModel of FerryConnection: this project's connections, then the organization's. */
GListModel     *ferry_project_model_get_connections       (FerryProjectModel *self);
FerryLoadState  ferry_project_model_get_connections_state (FerryProjectModel *self);
const GError   *ferry_project_model_get_connections_error (FerryProjectModel *self);
void            ferry_project_model_refresh_connections   (FerryProjectModel *self);
FerryConnection *ferry_project_model_find_connection      (FerryProjectModel *self,
                                                           const char        *connection_id);
/* The syncs of this project that use @connection_id, as a new GListStore of FerrySync. */
GListStore     *ferry_project_model_list_connection_syncs (FerryProjectModel *self,
                                                           const char        *connection_id);

/* Creates an access-token or client-secret connection. @for_project: in this project
 * (else organization-wide). @description may be NULL. A server without project
 * connections makes it the organization's: the result's project id is then NULL (and
 * ferry_project_model_get_project_connections () says UNSUPPORTED). */
void             ferry_project_model_create_connection_async  (FerryProjectModel                *self,
                                                               const char                       *name,
                                                               const char                       *description,
                                                               const FerryConnectionCredentials *credentials,
                                                               gboolean                          for_project,
                                                               GCancellable                     *cancellable,
                                                               GAsyncReadyCallback               callback,
                                                               gpointer                          user_data);
FerryConnection *ferry_project_model_create_connection_finish (FerryProjectModel   *self,
                                                               GAsyncResult        *result,
                                                               GError             **error);
/* PATCH: @name NULL keeps the name; @description NULL keeps it, "" clears it;
 * @credentials NULL keeps them. Sends only what differs from @connection; finishes at once
 * with @connection when nothing does. */
void             ferry_project_model_update_connection_async  (FerryProjectModel                *self,
                                                               FerryConnection                  *connection,
                                                               const char                       *name,
                                                               const char                       *description,
                                                               const FerryConnectionCredentials *credentials,
                                                               GCancellable                     *cancellable,
                                                               GAsyncReadyCallback               callback,
                                                               gpointer                          user_data);
FerryConnection *ferry_project_model_update_connection_finish (FerryProjectModel   *self,
                                                               GAsyncResult        *result,
                                                               GError             **error);
void             ferry_project_model_delete_connection_async  (FerryProjectModel   *self,
                                                               FerryConnection     *connection,
                                                               GCancellable        *cancellable,
                                                               GAsyncReadyCallback  callback,
                                                               gpointer             user_data);
gboolean         ferry_project_model_delete_connection_finish (FerryProjectModel   *self,
                                                               GAsyncResult        *result,
                                                               GError             **error);
/* Adds @connection (made by an OAuth flow) to "connections", or updates the one with its
 * id. Returns the object in the store (transfer none). */
FerryConnection *ferry_project_model_add_connection           (FerryProjectModel   *self,
                                                               FerryConnection     *connection);

/* Signals:
 *   "sync-settled" (FerrySync *sync, FerrySyncOperation operation, gboolean deleted):
 *       an operation Ferry followed reached a final state, once per operation. @sync is the
 *       store's object (already removed from it when @deleted; a followed sync deleted
 *       elsewhere settles so too), its "operation" already back to NONE. Listeners read the
 *       sync's statuses.
 *   "syncs-changed": any sync was added, removed or changed (coalesced per main-loop
 *       dispatch), for views that summarise the list (connection usage, counts).
 */

G_END_DECLS
