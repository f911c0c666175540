/* ferry-watcher-private.h: what ferry-watcher.c and ferry-watcher-poll.c share.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ferry-watcher.h"

G_BEGIN_DECLS

#define FIRST_ROUND_SLOT_MS 1000
#define PROJECTS_EVERY_ROUNDS 12      /* re-list an account's projects every 12 intervals */

typedef struct
{
  FerryWatcher *self;                 /* not owned */
  char         *account_id;
  FerrySession *session;
  gulong        state_id;
  gboolean      restoring;
  gboolean      listing;
  gboolean      expired_told;
  gint64        projects_at;          /* monotonic µs of the last project list, 0 = never */
  GListStore   *projects;             /* FerryProject */
  gint64        paused_until;         /* monotonic µs: 429 */
  guint         backoff_s;
} Account;

typedef struct
{
  char    *key;                       /* "ACCOUNT/PROJECT" */
  char    *account_id;
  char    *project_id;
  char    *project_name;
  gint64   next_allowed;              /* monotonic µs */
  gboolean in_flight;
  gboolean polled;
} Target;

struct _FerryWatcher
{
  GObject            parent_instance;

  GSettings         *settings;
  FerryAccountStore *accounts;
  FerryTokenStore   *tokens;
  GNetworkMonitor   *monitor;
  gulong             monitor_id;
  GCancellable      *cancellable;
  gboolean           running;
  guint              holds;
  gboolean           paused;
  guint              interval_ms;
  gboolean           interval_set;

  GHashTable        *account_table;   /* account id → Account */
  GPtrArray         *targets;         /* Target */
  guint              cursor;
  gboolean           first_round;
  guint              tick_id;
  guint              tick_ms;

  GListStore        *syncs;           /* FerryWatchedSync */
  GHashTable        *items;           /* sync id → FerryWatchedSync (in syncs) */
  GHashTable        *failures;        /* sync id → "JOB|FIRST-SEEN-UNIX" */
};

/* ferry-watcher.c */
Target *_ferry_watcher_find_target         (GPtrArray        *targets,
                                            const char       *key);
/* Drops the items of projects not in @keep_keys, or with @only_key those of that project
 * whose sync ids are not in @keep_syncs. */
void    _ferry_watcher_remove_items_not_in (FerryWatcher     *self,
                                            GHashTable       *keep_keys,
                                            const char       *only_key,
                                            GHashTable       *keep_syncs);
/* Asks for the account's projects (no-op while asked, signed out or expired). */
void    _ferry_watcher_account_list_projects (FerryWatcher *self,
                                              Account      *a);
void    _ferry_watcher_emit_changed        (FerryWatcher     *self);
/* "sync-failed" when @failed, else "sync-recovered". */
void    _ferry_watcher_emit_sync           (FerryWatcher     *self,
                                            gboolean          failed,
                                            FerryWatchedSync *item);

/* ferry-watcher-poll.c: the told failures ("watch-failures"), the tick and the polls. */
void    _ferry_watcher_load_failures       (FerryWatcher     *self);
void    _ferry_watcher_save_failures       (FerryWatcher     *self);
/* Sets the tick for the current projects and interval (faster in a first round). */
void    _ferry_watcher_reschedule          (FerryWatcher     *self);

G_END_DECLS
