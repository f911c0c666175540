/* ferry-project-model-private.h: what the parts of FerryProjectModel share.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * FerryProjectModel is one type in four files so each stays readable: the object, its
 * holds and the "syncs-changed" coalescing (ferry-project-model.c), the sync list with its
 * polling, backoff and the following of jobs (ferry-project-model-syncs.c), the operations
 * on syncs (ferry-project-model-operations.c) and the connections
 * (ferry-project-model-connections.c). FerryWorkspace makes the models and tells them when
 * the account goes away or is active again. Nothing outside src/core includes this.
 */

#pragma once

#include "ferry-project-model.h"
#include "ferry-sync-history.h"
#include "ferry-workspace.h"

G_BEGIN_DECLS

/* The Syncs page's cadence (src/ui/ferry-syncs-page.c before src/core existed). */
#define FERRY_PROJECT_MODEL_POLL_MS         500    /* a followed job: every round starts 0.5 s after the last */
#define FERRY_PROJECT_MODEL_POLL_GAP_MS     100    /* at least this long between rounds (slow answers) */
#define FERRY_PROJECT_MODEL_MAX_POLL_BACKOFF_MS 30000 /* polls after rate limits: at most this far apart */
#define FERRY_PROJECT_MODEL_MIN_RUNNING_MS  400    /* "Syncing" (running) shows at least this long */
#define FERRY_PROJECT_MODEL_REFRESH_S       30     /* the whole list, while held */
#define FERRY_PROJECT_MODEL_MAX_REFRESH_S   300    /* backoff cap after rate limits */
#define FERRY_PROJECT_MODEL_MAX_POLLS       8      /* sync requests in flight at once */

struct _FerryProjectModel
{
  GObject          parent_instance;

  FerryProject    *project;
  FerryWorkspace  *workspace;          /* weak: the workspace owns the model */
  GCancellable    *cancellable;        /* the model's own requests; cancelled at shutdown */
  gboolean         shut_down;

  /* ---- Syncs (ferry-project-model-syncs.c) ---- */
  GListStore      *syncs;
  FerryLoadState   syncs_state;
  GError          *syncs_error;
  gboolean         syncs_loading;
  gint64           syncs_started;      /* monotonic µs the list request in flight was sent */
  guint            syncs_join_source;  /* set until the request in flight can go out */
  gint64           syncs_answered;     /* monotonic µs of the last list answer, 0: none yet */
  GPtrArray       *refresh_waiters;    /* ferry_project_model_refresh_async () callers */
  guint            holds;
  guint            refresh_interval;   /* seconds */
  guint            current_interval;   /* seconds, stretched after rate limits */
  guint            refresh_source;
  guint            poll_source;
  guint            polls_in_flight;
  guint            poll_cursor;        /* where the next round starts: every sync gets a turn */
  gint64           poll_round_started; /* monotonic µs the last round was sent */
  guint            poll_backoff_ms;    /* after a 429: the wait before the next round, else 0 */
  /* Syncs with an operation Ferry follows → FerryFollow. */
  GHashTable      *follows;
  /* "syncs-changed": the syncs whose notify is connected, and the pending emission. */
  GHashTable      *watched;
  guint            changed_source;

  /* ---- Connections (ferry-project-model-connections.c) ---- */
  GListStore      *connections;
  FerryLoadState   connections_state;
  GError          *connections_error;
  gboolean         connections_loading;

  /* ---- Histories (ferry-project-model-history.c) ---- */
  /* Sync id → FerrySyncHistory, one per sync that was ever in "syncs". */
  GHashTable      *histories;
  FerryProjectConnections project_connections;
};

/* ---- For FerryWorkspace ---- */

FerryProjectModel *ferry_project_model_new      (FerryWorkspace    *workspace,
                                                 FerryProject      *project);
/* The account is gone (signed out, another session): stop everything. */
void               ferry_project_model_shutdown (FerryProjectModel *self);
/* The session is active again: catch up with what was skipped while it was not. */
void               ferry_project_model_resume   (FerryProjectModel *self);
/* The offline cache's lists of this project (either may be NULL): shown until the server
 * answers, so only lists that have not been answered yet take them
 * (ferry-project-model-cache.c). */
void               ferry_project_model_fill_from_cache (FerryProjectModel *self,
                                                        GListModel        *syncs,
                                                        GListModel        *connections);
/* The server answered @model's connections: keep them in the offline cache. */
void               ferry_workspace_cache_connections   (FerryWorkspace    *self,
                                                        FerryProjectModel *model);

/* ---- Histories (ferry-project-model-history.c) ---- */

/* For ferry-project-model-history.c only: made by ferry_project_model_get_sync_history ().
 * @model (may be NULL) must call ferry_sync_history_detach () before it goes. */
FerrySyncHistory *ferry_sync_history_new         (FerryProjectModel *model,
                                                 FerrySync         *sync);
/* The model is going away: cancel, and forget it. */
void             ferry_sync_history_detach       (FerrySyncHistory  *self);
void             ferry_project_model_history_init     (FerryProjectModel *self);
void             ferry_project_model_history_dispose  (FerryProjectModel *self);
/* The syncs at @position … + @added joined "syncs": each gets its history. */
void             ferry_project_model_attach_histories (FerryProjectModel *self,
                                                       guint              position,
                                                       guint              added);
/* A sync deleted with its secrets is gone (404): before "sync-settled" says how the
 * removal ended, its audit log is asked (ferry-project-model-history.c). */
void             ferry_project_model_settle_deleted   (FerryProjectModel *self,
                                                       FerrySync         *sync);

/* Merges @fresh (transfer full), a list answer just received, as the list request's
 * answer does (for the benchmarks in tests/bench, which feed the model without a server). */
void               ferry_project_model_apply_syncs (FerryProjectModel *self,
                                                    GListModel        *fresh);

/* The wait before the next poll round: 0.5 s after the last began (at least
 * FERRY_PROJECT_MODEL_POLL_GAP_MS), or the rate-limit backoff. */
guint              ferry_project_model_next_poll_delay (FerryProjectModel *self);

/* ---- Shared by the model's files ---- */

/* The account's client, or NULL with a translated "signed out" error. */
FerryApiClient *ferry_project_model_get_client      (FerryProjectModel  *self,
                                                     GError            **error);
/* Whether timers may send requests: the session is active. */
gboolean        ferry_project_model_session_active  (FerryProjectModel  *self);
/* ferry_workspace_check_error () of the model's workspace (FALSE without one). */
gboolean        ferry_project_model_check_error     (FerryProjectModel  *self,
                                                     const GError       *error);
/* Sets a load state / error property, notifying only on change. */
void            ferry_project_model_set_syncs_state (FerryProjectModel  *self,
                                                     FerryLoadState      state);
void            ferry_project_model_set_syncs_error (FerryProjectModel  *self,
                                                     const GError       *error);
void            ferry_project_model_set_connections_state (FerryProjectModel *self,
                                                           FerryLoadState     state);
void            ferry_project_model_set_connections_error (FerryProjectModel *self,
                                                           const GError      *error);
void            ferry_project_model_notify_current_interval (FerryProjectModel *self);
/* The _finish of an operation started with @source_tag. */
gboolean        ferry_project_model_propagate_boolean (FerryProjectModel  *self,
                                                       GAsyncResult       *result,
                                                       gpointer            source_tag,
                                                       GError            **error);
gpointer        ferry_project_model_propagate_pointer (FerryProjectModel  *self,
                                                       GAsyncResult       *result,
                                                       gpointer            source_tag,
                                                       GError            **error);
void            ferry_project_model_emit_settled    (FerryProjectModel  *self,
                                                     FerrySync          *sync,
                                                     FerrySyncOperation  operation,
                                                     gboolean            deleted);

/* ferry-project-model-operations.c: after a create whose answer never came (a timeout or a
 * network error once the request was sent), whether the server made the object after
 * all: looks it up by @name a few times, a second apart, since the server may still be
 * at work. The object (transfer full), or NULL with FERRY_API_ERROR_NOT_FOUND (or the
 * lookup's own error). */
typedef void     (*FerryLookupByNameFunc)   (FerryApiClient      *client,
                                             const char          *name,
                                             const char          *project_id,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
typedef gpointer (*FerryLookupFinishFunc)   (FerryApiClient      *client,
                                             GAsyncResult        *result,
                                             GError             **error);
/* Whether @error leaves open that the create happened. */
gboolean        ferry_project_model_create_may_have_happened (const GError *error);
void            ferry_project_model_find_created_async  (FerryProjectModel     *self,
                                                         FerryApiClient        *client,
                                                         FerryLookupByNameFunc  lookup,
                                                         FerryLookupFinishFunc  lookup_finish,
                                                         const char            *name,
                                                         const char            *project_id,
                                                         GCancellable          *cancellable,
                                                         GAsyncReadyCallback    callback,
                                                         gpointer               user_data);
gpointer        ferry_project_model_find_created_finish (FerryProjectModel     *self,
                                                         GAsyncResult          *result,
                                                         GError               **error);

/* ferry-project-model-operations.c: the account's FerryServerTraits (NULL once the
 * workspace is gone), and learning the server's build from a sync it answered. */
FerryServerTraits *ferry_project_model_get_traits  (FerryProjectModel  *self);
void            ferry_project_model_learn_build     (FerryProjectModel  *self,
                                                     FerrySync          *sync);

/* ferry-project-model-syncs.c */
void            ferry_project_model_syncs_init      (FerryProjectModel  *self);
void            ferry_project_model_syncs_stop      (FerryProjectModel  *self);
void            ferry_project_model_syncs_finalize  (FerryProjectModel  *self);
/* Sends the list request now (no-op while one is in flight). */
void            ferry_project_model_load_syncs      (FerryProjectModel  *self);
/* (Re)arms the periodic refresh: in @seconds, when held and the session is active. */
void            ferry_project_model_schedule_refresh (FerryProjectModel *self,
                                                      guint              seconds);
/* Arms the 2 s poll when some sync needs one. */
void            ferry_project_model_schedule_poll   (FerryProjectModel  *self);
/* The first hold: load, or refresh when the list is older than the interval. */
void            ferry_project_model_catch_up        (FerryProjectModel  *self);

/* Following what Ferry started (ferry-project-model-syncs.c, for the operations). */
gboolean        ferry_project_model_is_followed     (FerryProjectModel  *self,
                                                     FerrySync          *sync);
/* Sets the sync's "operation" and follows it; its request is in flight. */
void            ferry_project_model_begin_operation (FerryProjectModel  *self,
                                                     FerrySync          *sync,
                                                     FerrySyncOperation  operation);
/* The request failed: nothing to follow. */
void            ferry_project_model_abandon_operation (FerryProjectModel *self,
                                                       FerrySync         *sync);
/* The server answered the request with @fresh: follow from here, or settle at once. */
void            ferry_project_model_operation_answered (FerryProjectModel *self,
                                                        FerrySync         *sync,
                                                        FerrySync         *fresh);
/* Ends what is followed on @sync ("sync-settled"); @deleted takes it out of the store. */
void            ferry_project_model_settle          (FerryProjectModel  *self,
                                                     FerrySync          *sync,
                                                     gboolean            deleted);
/* Follows the job @sync has in flight, if any, as if Ferry had started it. */
void            ferry_project_model_follow_job      (FerryProjectModel  *self,
                                                     FerrySync          *sync);
/* Puts @fresh into the store or updates the sync with its id; the store's object. */
FerrySync      *ferry_project_model_store_put       (FerryProjectModel  *self,
                                                     FerrySync          *fresh);
void            ferry_project_model_store_remove    (FerryProjectModel  *self,
                                                     FerrySync          *sync);

G_END_DECLS
