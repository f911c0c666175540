/* ferry-sync-explain.h: what a failed sync means, in words people can act on.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No GTK in here: the sync details, the notifications and a background watcher all say
 * the same thing about a failure, so the wording lives below the views.
 */

#pragma once

#include "ferry-sync.h"

G_BEGIN_DECLS

/* A translated, plain-language explanation of why @sync failed with what to do next, or
 * NULL when its message is not one of the common Azure DevOps failures (a deleted source
 * folder is always explained). */
char *ferry_sync_explain_failure  (FerrySync  *sync);
/* The same for a failure @message of a job of @sync (e.g. one of its audit-log events):
 * NULL when it is not one of the common failures. */
char *ferry_sync_explain_message  (FerrySync  *sync,
                                   const char *message);

/* The same in a few words, to follow a colon in a short sentence such as a toast
 * ("Azure DevOps refused the connection “x”"), or NULL. */
char *ferry_sync_explain_short    (FerrySync  *sync,
                                   const char *message);

/* What fixes the failure ferry_sync_explain_failure () explains: the button the
 * explanation gets. */
typedef enum
{
  FERRY_SYNC_REMEDY_NONE,            /* not a known failure */
  FERRY_SYNC_REMEDY_CHOOSE_FOLDER,   /* the source folder is gone: edit the sync's source */
  FERRY_SYNC_REMEDY_CHOOSE_PROJECT,  /* the Azure DevOps project is gone: edit the destination */
  FERRY_SYNC_REMEDY_RECONNECT,       /* the connection's credentials were refused */
  FERRY_SYNC_REMEDY_RETRY,           /* another job was running: sync again */
} FerrySyncRemedy;

FerrySyncRemedy ferry_sync_failure_remedy (FerrySync *sync);

/* The server's own message for display: indented when it is a JSON object or array
 * (Azure DevOps answers with JSON bodies), else a copy. NULL stays NULL. */
char *ferry_format_server_message (const char *message);

G_END_DECLS
