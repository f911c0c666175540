/* ferry-connection-usage.h: which syncs, in every project the account can see, use which
 * connection.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No GTK in here. An organization-wide connection can be used by syncs of any project, but
 * a FerryProjectModel knows only its own project's syncs, and the server refuses to delete a
 * connection that any sync still uses (400 "Cannot delete App Connection with existing
 * connections…", FERRY_API_ERROR_IN_USE). A scan lists the syncs of every project of the
 * workspace at once (in parallel, cancellable) and keeps, per connection, the syncs that use
 * it. Projects whose list could not be read are kept by name, so views can say that the
 * answer is incomplete instead of calling a connection unused.
 */

#pragma once

#include <gio/gio.h>

#include "ferry-connection.h"
#include "ferry-sync.h"
#include "ferry-workspace.h"

G_BEGIN_DECLS

#define FERRY_TYPE_CONNECTION_USAGE (ferry_connection_usage_get_type ())

G_DECLARE_FINAL_TYPE (FerryConnectionUsage, ferry_connection_usage, FERRY, CONNECTION_USAGE, GObject)

/* Lists the syncs of every project of @workspace (its project list, loaded first when it is
 * not). Fails only when the project list itself cannot be had, or on cancellation; a
 * project whose syncs cannot be listed counts as unchecked. */
void                  ferry_connection_usage_scan_async      (FerryWorkspace       *workspace,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
FerryConnectionUsage *ferry_connection_usage_scan_finish     (GAsyncResult         *result,
                                                              GError              **error);

/* The syncs that use @connection_id, in every checked project (ordered by project, then
 * as the server listed them). Transfer container: a new array of borrowed FerrySync. */
GPtrArray            *ferry_connection_usage_get_syncs       (FerryConnectionUsage *self,
                                                              const char           *connection_id);
/* How many different projects those syncs are in. */
guint                 ferry_connection_usage_get_n_projects  (FerryConnectionUsage *self,
                                                              const char           *connection_id);
/* The name of the project @sync is in (its id when the list had no name). */
const char           *ferry_connection_usage_get_project_name (FerryConnectionUsage *self,
                                                               FerrySync            *sync);
/* How many projects were checked, and the names of those that could not be (NULL-terminated,
 * transfer none, empty when every project was checked). */
guint                 ferry_connection_usage_get_n_checked   (FerryConnectionUsage *self);
const char * const   *ferry_connection_usage_get_unchecked   (FerryConnectionUsage *self);

/* "sync (Project), sync (Project), and 3 more": the first @max dependents of @connection_id,
 * translated. */
char                 *ferry_connection_usage_format_syncs    (FerryConnectionUsage *self,
                                                              const char           *connection_id,
                                                              guint                 max);

/* A FERRY_API_ERROR_IN_USE error for deleting @connection that names its dependents (or says
 * where they may be), with @server_error's status, detail and request id, so the server's
 * own message stays one click away. */
GError               *ferry_connection_usage_explain_in_use  (FerryConnectionUsage *self,
                                                              FerryConnection      *connection,
                                                              const GError         *server_error);

G_END_DECLS
