/* ferry-sandbox.h: an Infisical-compatible server on 127.0.0.1 for tests and the demo.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A test double: never linked into the app, never installed. It behaves like a
 * real Infisical instance and the Microsoft/Azure DevOps services behind it, as described
 * in docs/infisical-api.md. Runs on the thread-default
 * main context of whoever starts it; tests start it in-process on an ephemeral port.
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  FERRY_SANDBOX_SEED_EMPTY,
  FERRY_SANDBOX_SEED_DEMO,
} FerrySandboxSeed;

typedef enum
{
  FERRY_SANDBOX_OAUTH_REDIRECT_SITE,      /* like stock Infisical: only SITE_URL/organization/app-connections/azure/oauth/callback */
  FERRY_SANDBOX_OAUTH_REDIRECT_LOOPBACK,  /* also accepts codes issued for http://127.0.0.1:PORT/... */
} FerrySandboxOAuthRedirect;

/* Which Infisical build the sandbox plays. */
typedef enum
{
  FERRY_SANDBOX_SERVER_BUILD_CURRENT,
  FERRY_SANDBOX_SERVER_BUILD_OLD,   /* isEnabled, success, erase*, names 1–32, no recursive */
} FerrySandboxServerBuild;

/* Who a switch is about: the demo user (JWT) or the machine identity ferry-ci. */
typedef enum
{
  FERRY_SANDBOX_ACTOR_USER,
  FERRY_SANDBOX_ACTOR_IDENTITY,
} FerrySandboxActor;

#define FERRY_TYPE_SANDBOX (ferry_sandbox_get_type ())

G_DECLARE_FINAL_TYPE (FerrySandbox, ferry_sandbox, FERRY, SANDBOX, GObject)

FerrySandbox *ferry_sandbox_new                (FerrySandboxSeed           seed);
void          ferry_sandbox_set_oauth_redirect (FerrySandbox              *self,
                                                FerrySandboxOAuthRedirect  mode);
/* Delay of each job phase (pending → running → final), default 300 ms. */
void          ferry_sandbox_set_job_delay      (FerrySandbox              *self,
                                                guint                      delay_ms);
/* --state FILE: load now if it exists, save after every change. */
gboolean      ferry_sandbox_set_state_file     (FerrySandbox              *self,
                                                const char                *path,
                                                GError                   **error);
/* Listens on 127.0.0.1:@port (0 = ephemeral). */
gboolean      ferry_sandbox_start              (FerrySandbox              *self,
                                                guint                      port,
                                                GError                   **error);
void          ferry_sandbox_stop               (FerrySandbox              *self);
/* "http://127.0.0.1:PORT" (no trailing slash): the site URL, API under /api. */
const char   *ferry_sandbox_get_url            (FerrySandbox              *self);

/* ---- Seeded identities (valid for both seeds) ---- */
const char   *ferry_sandbox_get_identity_client_id     (FerrySandbox *self);
const char   *ferry_sandbox_get_identity_client_secret (FerrySandbox *self);
/* Identity token lifetimes for the next logins (seconds; defaults 7200 and 86400). */
void          ferry_sandbox_set_identity_ttl           (FerrySandbox *self,
                                                        guint         ttl,
                                                        guint         max_ttl);
/* The demo user's email, and a fresh user JWT for it valid for @lifetime seconds
 * (negative: already expired). */
const char   *ferry_sandbox_get_user_email             (FerrySandbox *self);
char         *ferry_sandbox_issue_user_jwt             (FerrySandbox *self,
                                                        gint64        lifetime);
/* The same user's JWT, validly signed, scoped to @organization_id: one of another
 * organization (the sandbox has one) is what a token injected by someone else looks like. */
char         *ferry_sandbox_issue_user_jwt_for_organization (FerrySandbox *self,
                                                             const char   *organization_id,
                                                             gint64        lifetime);
/* Ids of seeded objects for tests: organization, first project ("web"), and so on. */
const char   *ferry_sandbox_get_organization_id        (FerrySandbox *self);
/* A valid PAT of the sandbox's Azure DevOps organization "contoso". */
const char   *ferry_sandbox_get_devops_pat             (FerrySandbox *self,
                                                        const char   *org);
/* Revokes a PAT: later syncs with it fail with Azure's 401 body. */
void          ferry_sandbox_revoke_devops_pat          (FerrySandbox *self,
                                                        const char   *pat);

/* Sends @method @path (with a JSON @json_body, or none) as the demo user and returns the
 * HTTP status, spinning the thread-default main context until the answer is in: for tests
 * that shape server data Ferry does not change (secrets, folders). */
guint         ferry_sandbox_send_as_user               (FerrySandbox *self,
                                                        const char   *method,
                                                        const char   *path,
                                                        const char   *json_body);

/* ---- Inspection ---- */
/* Variable groups of an Azure DevOps project, as GET /sandbox/azure-devops/{org}/{project}/variablegroups
 * returns them (a JSON array, transfer full). */
JsonNode     *ferry_sandbox_get_variable_groups        (FerrySandbox *self,
                                                        const char   *org,
                                                        const char   *devops_project_id);
/* Recorded requests (secrets redacted) as GET /sandbox/requests returns them (transfer full). */
JsonNode     *ferry_sandbox_get_requests               (FerrySandbox *self);
void          ferry_sandbox_clear_requests             (FerrySandbox *self);
/* How many recorded requests were @method @path (exactly), answered or not. */
guint         ferry_sandbox_count_requests             (FerrySandbox *self,
                                                        const char   *method,
                                                        const char   *path);

/* ---- Fault injection ---- */
/* Applies a fault spec, the same JSON object POST /sandbox/faults takes, e.g.
 * {"route": "GET /api/v1/secret-syncs/azure-devops", "status": 503, "count": 2}
 * {"route": "*", "kind": "reset"|"truncate"|"malformed"|"oversize"|"drip"|"latency", ...}
 * {"rateLimit": {"perMinute": 5}}   — see the sandbox README for every key. */
gboolean      ferry_sandbox_add_fault                  (FerrySandbox *self,
                                                        JsonObject   *spec,
                                                        GError      **error);
void          ferry_sandbox_clear_faults               (FerrySandbox *self);

/* ---- Additions (backward compatible) ---- */
/* The listening port (0 before start). */
guint         ferry_sandbox_get_port                   (FerrySandbox *self);
/* Adds an empty project (three environments, no secrets, no syncs) named @name to the
 * sandbox's organization and returns its id (owned by the sandbox). */
const char   *ferry_sandbox_add_project                (FerrySandbox *self,
                                                        const char   *name);
/* Id of the @index-th seeded project (demo: 0 "Web Storefront", 1 "Payments API",
 * 2 "Data Platform"), or NULL. */
const char   *ferry_sandbox_get_project_id             (FerrySandbox *self,
                                                        guint         index);
/* The OAuth client id reported as oauthClientId in /api/v1/app-connections/options. */
const char   *ferry_sandbox_get_oauth_client_id        (FerrySandbox *self);
/* What the Microsoft consent page does without a click: "accept", "deny" or NULL (wait). */
void          ferry_sandbox_set_default_consent        (FerrySandbox *self,
                                                        const char   *consent);
/* Browser pages act without a click, for tests that open Ferry's exact URLs: the sign-in
 * page (/login?callback_port=P) delivers at once as with ?auto=1, the consent page
 * accepts unless ferry_sandbox_set_default_consent () says otherwise, and a prefilled
 * App Connections form (?name=…) submits itself. Default FALSE. */
void          ferry_sandbox_set_auto_browser           (FerrySandbox *self,
                                                        gboolean      auto_browser);
/* Whether /api/v1/app-connections/options reports an oauthClientId for Azure DevOps
 * (default TRUE; FALSE: OAuth is not configured on this server, and creating an OAuth
 * connection fails with the real 500 "Azure OAuth environment variables have not been
 * configured"). */
void          ferry_sandbox_set_oauth_configured       (FerrySandbox *self,
                                                        gboolean      configured);
/* Id of an Azure DevOps project by name or id (e.g. "contoso", "Contoso Web"), or NULL. */
const char   *ferry_sandbox_get_devops_project_id      (FerrySandbox *self,
                                                        const char   *org,
                                                        const char   *project_name);
/* Deletes an Azure DevOps project: later syncs to it fail with Azure's 404. */
void          ferry_sandbox_delete_devops_project      (FerrySandbox *self,
                                                        const char   *org,
                                                        const char   *devops_project_id);
/* How long authorization codes from the consent page stay redeemable (default 300 s). */
void          ferry_sandbox_set_oauth_code_lifetime    (FerrySandbox *self,
                                                        guint         seconds);
/* Adds a fresh valid PAT to @org and returns it. */
const char   *ferry_sandbox_add_devops_pat             (FerrySandbox *self,
                                                        const char   *org);

/* ---- Server variants (kept in the state file under "variants") ---- */
/* FERRY_SANDBOX_SERVER_BUILD_OLD: syncs answer isEnabled (not isAutoSyncEnabled), status
 * "success" (not "succeeded", and no "running"), eraseStatus/lastEraseJobId/lastEraseMessage/
 * lastErasedAt (not remove*); create and PATCH read isEnabled and drop isAutoSyncEnabled and
 * syncOptions.recursive; names follow the old slug rules (lowercased, 1–32). Default current. */
void          ferry_sandbox_set_server_build           (FerrySandbox            *self,
                                                        FerrySandboxServerBuild  build);
/* Audit logs (GET /api/v1/organization/audit-logs). Whether @actor has the audit-log read
 * permission (default TRUE; FALSE: 403 PermissionDenied "You are not allowed to read on
 * audit-logs"). */
void          ferry_sandbox_set_audit_log_readable     (FerrySandbox      *self,
                                                        FerrySandboxActor  actor,
                                                        gboolean           readable);
/* The plan's audit-log retention in days (default 90). 0: a plan without audit logs, which
 * stores no events and lists none. */
void          ferry_sandbox_set_audit_log_retention    (FerrySandbox      *self,
                                                        guint              days);
/* FALSE: a server build without the route (404 "Route GET:… not found"). Default TRUE. */
void          ferry_sandbox_set_audit_log_route        (FerrySandbox      *self,
                                                        gboolean           present);
/* TRUE: a delete with removeSecrets=true deletes the sync even when its remove job failed,
 * as builds did whose secret-sync-queue.ts deleted in the job's finally block whatever the
 * outcome; the variable group then stays in Azure DevOps and only the audit log's
 * secret-sync-remove-secrets event tells. Default FALSE (the current build keeps the sync
 * with removeStatus "failed"). */
void          ferry_sandbox_set_delete_after_failed_remove (FerrySandbox *self,
                                                            gboolean      delete_anyway);
/* The organization setting blockDuplicateSecretSyncDestinations (default FALSE): TRUE refuses a
 * sync whose destination another sync in the organization already has (400 "A secret sync with
 * this destination already exists in project …."). Kept on the state's "organization". */
void          ferry_sandbox_set_block_duplicate_destinations (FerrySandbox *self,
                                                              gboolean      block);
/* Whether this build has project-scoped connections (default TRUE; upstream c7c6ca3 and
 * later). FALSE plays the earlier builds (app-connection-endpoints.ts at 007e10d): connections
 * carry no projectId or project, available items are {app, name, id}, a projectId in a create
 * body is dropped (the connection is the organization's), and the list, available and by-name
 * routes ignore ?projectId. Kept as the state's "variants.projectConnections". */
void          ferry_sandbox_set_project_connections    (FerrySandbox *self,
                                                        gboolean      supported);
/* Every stored audit-log event, newest first, in the route's shape (transfer full). */
JsonNode     *ferry_sandbox_get_audit_logs             (FerrySandbox      *self);

G_END_DECLS
