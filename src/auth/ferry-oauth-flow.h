/* ferry-oauth-flow.h: create or reconnect an Azure DevOps connection with OAuth.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two ways to finish, chosen per server and remembered in GSettings ("oauth-flows",
 * server URL → "loopback" | "handoff"):
 *
 * - loopback: Ferry reads oauthClientId from GET /api/v1/app-connections/options, listens
 *   on 127.0.0.1:P and opens the Microsoft authorize URL of infisical-api.md §5.5 (the
 *   web UI's scope) with redirect_uri=http://127.0.0.1:P/oauth/callback and a state of
 *   128 random bits (getrandom) + "<:>azure-devops". The callback's code goes straight
 *   into POST /api/v1/app-connections/azure-devops (or PATCH when reconnecting). A
 *   callback with another state is refused and the flow keeps waiting.
 * - handoff (FerryHandoffFlow): the server's own App Connections page, for servers that
 *   redeem codes only at their web callback: Infisical Cloud, and any server whose
 *   loopback attempt failed with a redirect-URI mismatch ("Failed to get access token:
 *   AADSTS500112 …" or AADSTS50011). That failure switches the server to handoff and
 *   ends with FERRY_AUTH_ERROR_REDIRECT_REJECTED, so the UI can explain and offer to
 *   continue in the web page (running the flow again does). Any other refused code
 *   (replayed, expired, unknown) ends with FERRY_AUTH_ERROR_CODE_REJECTED and changes
 *   nothing: running the flow again tries again.
 */

#pragma once

#include "ferry-api-client.h"
#include "ferry-auth-error.h"
#include "ferry-uri-opener.h"

G_BEGIN_DECLS

typedef enum
{
  FERRY_OAUTH_FLOW_KIND_LOOPBACK,
  FERRY_OAUTH_FLOW_KIND_HANDOFF,
} FerryOAuthFlowKind;

#define FERRY_OAUTH_DEFAULT_AUTHORIZE_BASE_URL "https://login.microsoftonline.com"
/* The scope Infisical's web UI requests (infisical-api.md §5.5 and §8.4). */
#define FERRY_OAUTH_SCOPE "https://azconfig.io/.default openid offline_access"
#define FERRY_OAUTH_STATE_SUFFIX "<:>azure-devops"
#define FERRY_OAUTH_CALLBACK_PATH "/oauth/callback"

/* Whether the server's message @text ("Failed to get access token: AADSTS…") is a
 * redirect-URI mismatch (AADSTS50011, AADSTS500112), the one failure that means the
 * server cannot redeem loopback codes. */
gboolean           ferry_oauth_is_redirect_mismatch    (const char         *text);

/* The remembered kind for @site_url, else hand-off for Infisical Cloud hosts
 * (infisical.com and its subdomains) and loopback elsewhere. @settings may be NULL. */
FerryOAuthFlowKind ferry_oauth_flow_kind_for_site      (GSettings          *settings,
                                                        const char         *site_url);
void               ferry_oauth_flow_remember_kind      (GSettings          *settings,
                                                        const char         *site_url,
                                                        FerryOAuthFlowKind  kind);

/* 16 bytes from getrandom () as hex, plus FERRY_OAUTH_STATE_SUFFIX. */
char              *ferry_oauth_flow_generate_state     (GError            **error);
/* The authorize URL exactly as the web UI builds it (redirect_uri and state unescaped). */
char              *ferry_oauth_flow_build_authorize_uri (const char        *authorize_base_url,
                                                         const char        *tenant_id,
                                                         const char        *client_id,
                                                         const char        *redirect_uri,
                                                         const char        *state);

#define FERRY_TYPE_OAUTH_FLOW (ferry_oauth_flow_get_type ())

G_DECLARE_FINAL_TYPE (FerryOAuthFlow, ferry_oauth_flow, FERRY, OAUTH_FLOW, GObject)

/* @client: a signed-in client of the server; @settings (nullable): where the per-server
 * choice is kept (NULL: always loopback, nothing remembered). */
FerryOAuthFlow    *ferry_oauth_flow_new                 (FerryApiClient     *client,
                                                         GSettings          *settings);
/* A new connection. @description and @project_id may be NULL. */
void               ferry_oauth_flow_set_connection      (FerryOAuthFlow     *self,
                                                         const char         *name,
                                                         const char         *description,
                                                         const char         *project_id);
/* Reconnecting an existing OAuth connection (PATCH with new credentials). */
void               ferry_oauth_flow_set_reconnect       (FerryOAuthFlow     *self,
                                                         const char         *connection_id,
                                                         const char         *project_id);
/* @tenant_id: a GUID or domain, NULL or "" for "common"; @org_name: the Azure DevOps
 * organization. */
void               ferry_oauth_flow_set_devops          (FerryOAuthFlow     *self,
                                                         const char         *tenant_id,
                                                         const char         *org_name);
/* For the hand-off page URL. */
void               ferry_oauth_flow_set_organization_id (FerryOAuthFlow     *self,
                                                         const char         *organization_id);
/* Default FERRY_OAUTH_DEFAULT_AUTHORIZE_BASE_URL; tests use <sandbox>/sandbox/microsoft. */
void               ferry_oauth_flow_set_authorize_base_url (FerryOAuthFlow  *self,
                                                            const char      *base_url);
/* Seconds to wait for the browser or the web page (default 10 minutes). */
void               ferry_oauth_flow_set_timeout         (FerryOAuthFlow     *self,
                                                         guint               seconds);
/* Hand-off poll interval (default FERRY_HANDOFF_DEFAULT_POLL_INTERVAL ms). */
void               ferry_oauth_flow_set_poll_interval   (FerryOAuthFlow     *self,
                                                         guint               milliseconds);
/* What run_async will do for this server now. */
FerryOAuthFlowKind ferry_oauth_flow_get_kind            (FerryOAuthFlow     *self);

/* Runs the chosen flow. Signal "request-rejected" (const char *reason) tells about a
 * refused callback (wrong state) while it keeps waiting. Returns the created or updated
 * connection. Errors: FERRY_AUTH_ERROR, FERRY_LOOPBACK_ERROR_TIMED_OUT, FERRY_API_ERROR
 * (the server refused the connection), the opener's error, G_IO_ERROR_CANCELLED. */
void               ferry_oauth_flow_run_async           (FerryOAuthFlow     *self,
                                                         FerryUriOpener     *opener,
                                                         GCancellable       *cancellable,
                                                         GAsyncReadyCallback callback,
                                                         gpointer            user_data);
FerryConnection   *ferry_oauth_flow_run_finish          (FerryOAuthFlow     *self,
                                                         GAsyncResult       *result,
                                                         GError            **error);

G_END_DECLS
