/* ferry-api-client.h: the Infisical REST client.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One FerryApiClient (and one SoupSession) per account. Every call is an _async/_finish
 * pair on the thread-default main context, cancellable; failures are FERRY_API_ERROR
 * (cancellation stays G_IO_ERROR_CANCELLED). One generic request path builds the URL
 * (GUri), the JSON body and headers (User-Agent: Ferry/<version>, Authorization from the
 * token provider), applies the timeout and the response size cap, retries GETs on
 * 429/502/503/504/reset with backoff and jitter, and parses errors.
 *
 * This header does not include libsoup, so the UI can use the client without it; the
 * SoupSession side is in ferry-api-client-private.h.
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "ferry-api-error.h"
#include "ferry-audit-event.h"
#include "ferry-connection.h"
#include "ferry-devops-project.h"
#include "ferry-environment.h"
#include "ferry-folder.h"
#include "ferry-organization.h"
#include "ferry-project.h"
#include "ferry-sync.h"
#include "ferry-token-provider.h"

G_BEGIN_DECLS

#define FERRY_CLOUD_US_URL "https://app.infisical.com"
#define FERRY_CLOUD_EU_URL "https://eu.infisical.com"

/* Result of Universal Auth login and renew (docs/infisical-api.md#universal-auth-login). */
typedef struct
{
  char   *access_token;
  gint64  expires_in;       /* seconds, 0 = no expiry */
  gint64  max_ttl;          /* seconds, 0 = no limit */
  gint64  obtained_at;      /* g_get_real_time () when the answer arrived */
} FerryTokenInfo;

#define FERRY_TYPE_TOKEN_INFO (ferry_token_info_get_type ())
GType           ferry_token_info_get_type (void);
FerryTokenInfo *ferry_token_info_copy     (const FerryTokenInfo *info);
void            ferry_token_info_free     (FerryTokenInfo       *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FerryTokenInfo, ferry_token_info_free)

/* GET /api/v1/app-connections/options, Azure DevOps item. */
typedef struct
{
  char  **methods;          /* e.g. { "oauth", "access-token", "client-secret", NULL } */
  char   *oauth_client_id;  /* NULL: OAuth not configured on this server */
} FerryConnectionOptions;

#define FERRY_TYPE_CONNECTION_OPTIONS (ferry_connection_options_get_type ())
GType                   ferry_connection_options_get_type (void);
void                    ferry_connection_options_free     (FerryConnectionOptions *options);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FerryConnectionOptions, ferry_connection_options_free)

#define FERRY_TYPE_API_CLIENT (ferry_api_client_get_type ())

G_DECLARE_FINAL_TYPE (FerryApiClient, ferry_api_client, FERRY, API_CLIENT, GObject)

/* Normalises a server URL as people type it: with or without "/api" or a trailing slash.
 * Returns the site URL (scheme://host[:port][/path], no trailing slash, no "/api"), or NULL
 * with FERRY_API_ERROR_INVALID_INPUT (not a URL, not http(s), http for a non-loopback host). */
char           *ferry_api_normalize_site_url   (const char          *input,
                                                GError             **error);
/* The origin (scheme://host[:port]) of a site URL, for CORS checks. */
char           *ferry_api_site_origin          (const char          *site_url);

/* @site_url must already be normalised. The client makes its own SoupSession
 * (ferry_api_client_new_with_session () in the private header takes one). */
FerryApiClient *ferry_api_client_new           (const char          *site_url);
const char     *ferry_api_client_get_site_url  (FerryApiClient      *self);
void            ferry_api_client_set_token_provider (FerryApiClient     *self,
                                                     FerryTokenProvider *provider);
FerryTokenProvider *ferry_api_client_get_token_provider (FerryApiClient *self);
/* Per-request timeout in seconds (default 30). */
void            ferry_api_client_set_timeout   (FerryApiClient      *self,
                                                guint                seconds);
/* Response size cap in bytes (default 32 MiB); larger answers are refused, not buffered. */
void            ferry_api_client_set_max_response_size (FerryApiClient *self,
                                                        gsize           bytes);
/* Retry policy for GETs: at most @max_attempts in all and @max_total_ms overall
 * (defaults 4 and 20000). Tests shorten them. */
void            ferry_api_client_set_retry_policy (FerryApiClient   *self,
                                                   guint             max_attempts,
                                                   guint             base_delay_ms,
                                                   guint             max_total_ms);

/* The one generic request path. @method "GET"/"POST"/"PATCH"/"DELETE"; @path starts
 * with "/api/"; @query is NULL-terminated key/value pairs (values escaped here); @body
 * may be NULL. @authenticated FALSE sends no Authorization header. Returns the parsed
 * JSON root (a JsonNode, transfer full) through _finish. Every endpoint below uses it. */
void            ferry_api_client_request_async  (FerryApiClient      *self,
                                                 const char          *method,
                                                 const char          *path,
                                                 const char * const  *query,
                                                 JsonObject          *body,
                                                 gboolean             authenticated,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
JsonNode       *ferry_api_client_request_finish (FerryApiClient      *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

/* ---- Sign-in helpers (no token provider needed) ---- */
void            ferry_api_client_universal_auth_login_async  (FerryApiClient *self, const char *client_id, const char *client_secret, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
FerryTokenInfo *ferry_api_client_universal_auth_login_finish (FerryApiClient *self, GAsyncResult *result, GError **error);
void            ferry_api_client_renew_token_async           (FerryApiClient *self, const char *access_token, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
FerryTokenInfo *ferry_api_client_renew_token_finish          (FerryApiClient *self, GAsyncResult *result, GError **error);
void            ferry_api_client_revoke_token_async          (FerryApiClient *self, const char *access_token, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
gboolean        ferry_api_client_revoke_token_finish         (FerryApiClient *self, GAsyncResult *result, GError **error);
/* POST /api/v1/auth/checkAuth with this explicit bearer token. */
void            ferry_api_client_check_auth_async            (FerryApiClient *self, const char *token, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
gboolean        ferry_api_client_check_auth_finish           (FerryApiClient *self, GAsyncResult *result, GError **error);
/* GET /api/v1/user with this explicit bearer user JWT: the user's email (their username
 * when they have none), as the server has it. */
void            ferry_api_client_get_user_email_async        (FerryApiClient *self, const char *token, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
char           *ferry_api_client_get_user_email_finish       (FerryApiClient *self, GAsyncResult *result, GError **error);

/* ---- Organizations, projects, folders ---- */
/* GListStore of FerryOrganization. */
void            ferry_api_client_list_organizations_async    (FerryApiClient *self, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
GListStore     *ferry_api_client_list_organizations_finish   (FerryApiClient *self, GAsyncResult *result, GError **error);
/* GET /api/v1/projects?type=secret-manager → GListStore of FerryProject. */
void            ferry_api_client_list_projects_async         (FerryApiClient *self, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
GListStore     *ferry_api_client_list_projects_finish        (FerryApiClient *self, GAsyncResult *result, GError **error);
void            ferry_api_client_get_project_async           (FerryApiClient *self, const char *project_id, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
FerryProject   *ferry_api_client_get_project_finish          (FerryApiClient *self, GAsyncResult *result, GError **error);
/* Direct children of @path: v2, falling back to v1 on 404. GListStore of FerryFolder. */
void            ferry_api_client_list_folders_async          (FerryApiClient *self, const char *project_id, const char *environment_slug, const char *path, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
GListStore     *ferry_api_client_list_folders_finish         (FerryApiClient *self, GAsyncResult *result, GError **error);

/* Names of the secrets in a folder, never their values (for the key schema preview):
 * GET /api/v3/secrets/raw?workspaceId&environment&secretPath&viewSecretValue=false; any
 * value an older server sends anyway is dropped on arrival and never stored. */
void            ferry_api_client_list_secret_keys_async      (FerryApiClient *self, const char *project_id, const char *environment_slug, const char *path, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
char          **ferry_api_client_list_secret_keys_finish     (FerryApiClient *self, GAsyncResult *result, GError **error);
/* The same for the folder and every folder below it: each entry is "PATH\tKEY". */
void            ferry_api_client_list_secret_keys_recursive_async  (FerryApiClient *self, const char *project_id, const char *environment_slug, const char *path, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
char          **ferry_api_client_list_secret_keys_recursive_finish (FerryApiClient *self, GAsyncResult *result, GError **error);

/* ---- Azure DevOps app connections ---- */
/* @project_id NULL: organization-level connections. GListStore of FerryConnection. */
void            ferry_api_client_list_connections_async      (FerryApiClient *self, const char *project_id, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
GListStore     *ferry_api_client_list_connections_finish     (FerryApiClient *self, GAsyncResult *result, GError **error);
/* Connections usable in a project (partial objects). */
void            ferry_api_client_list_available_connections_async  (FerryApiClient *self, const char *project_id, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
GListStore     *ferry_api_client_list_available_connections_finish (FerryApiClient *self, GAsyncResult *result, GError **error);
void            ferry_api_client_get_connection_async        (FerryApiClient *self, const char *connection_id, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
FerryConnection *ferry_api_client_get_connection_finish      (FerryApiClient *self, GAsyncResult *result, GError **error);
void            ferry_api_client_get_connection_by_name_async  (FerryApiClient *self, const char *name, const char *project_id, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
FerryConnection *ferry_api_client_get_connection_by_name_finish (FerryApiClient *self, GAsyncResult *result, GError **error);
/* @body from ferry_connection_build_create_body (). */
void            ferry_api_client_create_connection_async     (FerryApiClient *self, JsonObject *body, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
FerryConnection *ferry_api_client_create_connection_finish   (FerryApiClient *self, GAsyncResult *result, GError **error);
/* @body: any of name, description, credentials. */
void            ferry_api_client_update_connection_async     (FerryApiClient *self, const char *connection_id, JsonObject *body, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
FerryConnection *ferry_api_client_update_connection_finish   (FerryApiClient *self, GAsyncResult *result, GError **error);
void            ferry_api_client_delete_connection_async     (FerryApiClient *self, const char *connection_id, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
FerryConnection *ferry_api_client_delete_connection_finish   (FerryApiClient *self, GAsyncResult *result, GError **error);
void            ferry_api_client_get_connection_options_async  (FerryApiClient *self, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
FerryConnectionOptions *ferry_api_client_get_connection_options_finish (FerryApiClient *self, GAsyncResult *result, GError **error);
/* User JWT only: a machine identity gets FERRY_API_ERROR_FORBIDDEN. GListStore of FerryDevopsProject. */
void            ferry_api_client_list_devops_projects_async  (FerryApiClient *self, const char *connection_id, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
GListStore     *ferry_api_client_list_devops_projects_finish (FerryApiClient *self, GAsyncResult *result, GError **error);

/* ---- Azure DevOps secret syncs ---- */
/* A GET /api/v1/secret-syncs/azure-devops answer's @body parsed into a GListStore of
 * FerrySync in a worker thread, as the list request does (for tests/bench). */
#define FERRY_API_HAVE_PARSE_SYNCS_ASYNC 1
#define FERRY_API_HAVE_KNOWN_SYNCS 1
void            ferry_api_parse_syncs_async                  (GBytes *body, GListModel *known, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
GListStore     *ferry_api_parse_syncs_finish                 (GAsyncResult *result, GError **error);
/* GListStore of FerrySync. @known (nullable): the syncs the caller holds, usually its
 * store. Where an element of the answer is, byte for byte, the one such a sync (with no
 * operation under way) was read from, the answer holds that sync itself instead of a new
 * copy; the syncs of the answer carry what lets the next answer do so. A sync changed
 * after the request left stays as it is (the answer predates the change); one that is
 * changed carries no digest, so the next answer brings a copy (ferry-api-list.c). */
void            ferry_api_client_list_syncs_async            (FerryApiClient *self, const char *project_id, GListModel *known, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
GListStore     *ferry_api_client_list_syncs_finish           (FerryApiClient *self, GAsyncResult *result, GError **error);
void            ferry_api_client_get_sync_async              (FerryApiClient *self, const char *sync_id, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
FerrySync      *ferry_api_client_get_sync_finish             (FerryApiClient *self, GAsyncResult *result, GError **error);
void            ferry_api_client_get_sync_by_name_async      (FerryApiClient *self, const char *name, const char *project_id, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
FerrySync      *ferry_api_client_get_sync_by_name_finish     (FerryApiClient *self, GAsyncResult *result, GError **error);
/* @body from FerrySyncDraft (src/core) or built by hand: docs/infisical-api.md#sync-create-body. */
void            ferry_api_client_create_sync_async           (FerryApiClient *self, JsonObject *body, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
FerrySync      *ferry_api_client_create_sync_finish          (FerryApiClient *self, GAsyncResult *result, GError **error);
void            ferry_api_client_update_sync_async           (FerryApiClient *self, const char *sync_id, JsonObject *body, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
FerrySync      *ferry_api_client_update_sync_finish          (FerryApiClient *self, GAsyncResult *result, GError **error);
void            ferry_api_client_delete_sync_async           (FerryApiClient *self, const char *sync_id, gboolean remove_secrets, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
FerrySync      *ferry_api_client_delete_sync_finish          (FerryApiClient *self, GAsyncResult *result, GError **error);
/* POST …/sync-secrets: the returned sync has syncStatus "pending". */
void            ferry_api_client_trigger_sync_async          (FerryApiClient *self, const char *sync_id, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
FerrySync      *ferry_api_client_trigger_sync_finish         (FerryApiClient *self, GAsyncResult *result, GError **error);
/* POST …/remove-secrets: the returned sync has removeStatus "pending". */
void            ferry_api_client_remove_secrets_async        (FerryApiClient *self, const char *sync_id, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
FerrySync      *ferry_api_client_remove_secrets_finish       (FerryApiClient *self, GAsyncResult *result, GError **error);
/* POST …/check-destination. @exclude_sync_id may be NULL. Servers without the route
 * (404) report no duplicate. */
void            ferry_api_client_check_destination_async     (FerryApiClient *self, const char *project_id, const char *devops_project_id, const char *exclude_sync_id, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
gboolean        ferry_api_client_check_destination_finish    (FerryApiClient *self, GAsyncResult *result, gboolean *has_duplicate, GError **error);
/* GET /api/v1/secret-syncs/options: whether the Azure DevOps destination can import. */
void            ferry_api_client_get_sync_options_async      (FerryApiClient *self, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
gboolean        ferry_api_client_get_sync_options_finish     (FerryApiClient *self, GAsyncResult *result, gboolean *can_import, GError **error);

/* ---- Audit log (docs/infisical-api.md#audit-logs) ---- */
/* GET /api/v1/organization/audit-logs for one sync: @event_types a comma list (NULL:
 * FERRY_AUDIT_SYNC_EVENT_TYPES), eventMetadata syncId=@sync_id (NULL: any), always from
 * @start (NULL: three months back, the longest window the server takes), newest first,
 * @limit (1–1000) from @offset. Each call with @offset 0 writes a view-audit-logs event
 * on the server: call it when someone looks, never on a timer. The result is a
 * GListStore of FerryAuditEvent (elements that are not events are skipped); *@n_received
 * is how many elements the page had, skipped ones included, for the next @offset.
 * Errors: FERRY_API_ERROR_AUDIT_LOGS_FORBIDDEN (the role lacks the audit-log read
 * permission), FERRY_API_ERROR_UNSUPPORTED (a server without the route), the usual rest. */
void            ferry_api_client_list_audit_events_async     (FerryApiClient *self, const char *project_id, const char *sync_id, const char *event_types, GDateTime *start, guint offset, guint limit, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
GListStore     *ferry_api_client_list_audit_events_finish    (FerryApiClient *self, GAsyncResult *result, guint *n_received, GError **error);
/* The start Ferry sends when given none: @now minus three months plus a day, so a client
 * clock a little ahead of the server's stays inside the server's three-month rule. */
GDateTime      *ferry_api_audit_default_start                (GDateTime      *now);

G_END_DECLS
