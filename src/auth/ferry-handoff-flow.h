/* ferry-handoff-flow.h: finish an Azure DevOps OAuth connection in the server's web page.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Stock Infisical redeems OAuth codes only with its own web callback as redirect_uri
 * (infisical-api.md §5.5), so a desktop redirect cannot work there. The hand-off opens the
 * server's App Connections page, where the person adds the Azure DevOps connection with
 * OAuth, and polls the connection list every few seconds until a new connection with the
 * expected name appears (or, when reconnecting, until the connection's credentials
 * change). It gives up at a time limit (10 minutes by default) or when cancelled.
 *
 * The page is the current frontend route (Infisical/infisical,
 * frontend/src/pages/organization/AppConnections/AppConnectionsPage/route.tsx and
 * frontend/src/pages/project/AppConnectionsPage/route-secret-manager.tsx):
 *   <site>/organizations/<orgId>/app-connections
 *   <site>/organizations/<orgId>/projects/secret-management/<projectId>/app-connections
 */

#pragma once

#include "ferry-api-client.h"
#include "ferry-uri-opener.h"

G_BEGIN_DECLS

#define FERRY_HANDOFF_DEFAULT_POLL_INTERVAL 3000      /* milliseconds */
#define FERRY_HANDOFF_DEFAULT_TIME_LIMIT    (10 * 60) /* seconds */

#define FERRY_TYPE_HANDOFF_FLOW (ferry_handoff_flow_get_type ())

G_DECLARE_FINAL_TYPE (FerryHandoffFlow, ferry_handoff_flow, FERRY, HANDOFF_FLOW, GObject)

/* @client: a signed-in client of the server. */
FerryHandoffFlow *ferry_handoff_flow_new                 (FerryApiClient     *client);
/* A new connection: wait for one named @name (in @project_id, NULL = organization-wide). */
void              ferry_handoff_flow_set_expected        (FerryHandoffFlow   *self,
                                                          const char         *name,
                                                          const char         *project_id);
/* Reconnecting: wait until the credentials of @connection_id change. */
void              ferry_handoff_flow_set_reconnect       (FerryHandoffFlow   *self,
                                                          const char         *connection_id,
                                                          const char         *project_id);
/* The Infisical organization id for the page's URL (from the account's token). */
void              ferry_handoff_flow_set_organization_id (FerryHandoffFlow   *self,
                                                          const char         *organization_id);
void              ferry_handoff_flow_set_poll_interval   (FerryHandoffFlow   *self,
                                                          guint               milliseconds);
void              ferry_handoff_flow_set_time_limit      (FerryHandoffFlow   *self,
                                                          guint               seconds);

/* The App Connections page of @site_url (see above); without an organization id the
 * older "<site>/organization/app-connections". */
char             *ferry_handoff_flow_build_page_uri      (const char         *site_url,
                                                          const char         *organization_id,
                                                          const char         *project_id);

/* Opens the page with @opener, then polls. Returns the new (or reconnected) connection.
 * Fails with FERRY_AUTH_ERROR_TIMED_OUT at the time limit, G_IO_ERROR_CANCELLED, the
 * opener's error, or FERRY_API_ERROR when the list cannot be read. */
void              ferry_handoff_flow_run_async           (FerryHandoffFlow   *self,
                                                          FerryUriOpener     *opener,
                                                          GCancellable       *cancellable,
                                                          GAsyncReadyCallback callback,
                                                          gpointer            user_data);
FerryConnection  *ferry_handoff_flow_run_finish          (FerryHandoffFlow   *self,
                                                          GAsyncResult       *result,
                                                          GError            **error);

G_END_DECLS
