/* sandbox-private.h: internals shared by the sandbox's source files.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The whole persistent state is one JsonObject (self->state), so --state is a plain JSON
 * dump of it. Members starting with "_" are private (credentials, bookkeeping) and never
 * leave the server. Everything runs on the main context that started the server.
 */

#pragma once

#include <libsoup/soup.h>

#include "ferry-sandbox.h"

G_BEGIN_DECLS

#define SB_OAUTH_CLIENT_ID     "7d3c8c1e-5b0a-4f3e-9c55-0f6a1e2b3c4d"
#define SB_OAUTH_CLIENT_SECRET "sandbox-oauth-app-secret"
#define SB_OAUTH_CALLBACK_PATH "/organization/app-connections/azure/oauth/callback"
#define SB_OAUTH_CODE_LIFETIME_S 300
#define SB_HIDDEN_SECRET_VALUE "<hidden-by-infisical>"
#define SB_MSG_NO_FOLDER "Invalid source configuration: folder no longer exists. Please configure a valid source and try again."

typedef enum
{
  SB_AUTH_NONE = 0,       /* route needs no token */
  SB_AUTH_ANY,            /* user JWT (with organization) or identity token */
  SB_AUTH_ANY_NO_ORG,     /* user JWT (org optional) or identity token */
  SB_AUTH_JWT_ONLY,       /* user JWT only (identity tokens get the real 403) */
  SB_AUTH_JWT_NO_ORG,     /* user JWT only, organization optional */
} SbAuth;

typedef enum
{
  SB_MODE_NONE,
  SB_MODE_JWT,
  SB_MODE_IDENTITY,
} SbMode;

typedef struct
{
  FerrySandbox      *self;
  SoupServerMessage *msg;
  const char        *method;
  const char        *path;          /* without trailing slash (except "/") */
  GHashTable        *query;         /* never NULL */
  GHashTable        *params;        /* route parameters, never NULL */
  JsonNode          *body;          /* parsed JSON body or NULL */
  gboolean           body_invalid;  /* a body was sent but is not JSON */
  char              *req_id;
  SbMode             mode;
  char              *actor_id;      /* user id or identity id */
  char              *org_id;        /* organization of the token (may be NULL for JWT) */
  gboolean           replied;
  gboolean           state_changed;
  gboolean           deferred;      /* a fault took ownership of the request */
  JsonObject        *log_entry;     /* its entry in the request log (ref), or NULL */
} SbRequest;

typedef void (*SbHandler) (SbRequest *req);

typedef struct
{
  const char *method;
  const char *pattern;   /* "/api/v1/app-connections/azure-devops/:connectionId" */
  SbAuth      auth;
  SbHandler   handler;
} SbRoute;

/* An OAuth authorization code issued by the fake Microsoft consent page (memory only). */
typedef struct
{
  char   *client_id;
  char   *redirect_uri;
  char   *tenant;
  gint64  issued_at;    /* monotonic-independent real time, seconds */
  gboolean used;
} SbOAuthCode;

/* A pending "web way" connection created from the sandbox's App Connections page. */
typedef struct
{
  char *name;
  char *description;
  char *tenant_id;
  char *org_name;
  char *project_id;
} SbWebPending;

struct _FerrySandbox
{
  GObject parent_instance;

  SoupServer *server;
  char       *url;
  guint       port;

  FerrySandboxSeed          seed;
  FerrySandboxOAuthRedirect oauth_redirect;
  guint                     job_delay_ms;
  guint                     identity_ttl;
  guint                     identity_max_ttl;
  char                     *default_consent;  /* "accept", "deny" or NULL */
  guint                     oauth_code_lifetime;
  gboolean                  auto_browser;     /* pages act without a click */
  gboolean                  oauth_unconfigured;

  char       *state_file;
  JsonObject *state;

  GHashTable *oauth_codes;   /* code → SbOAuthCode */
  GHashTable *web_pending;   /* csrf → SbWebPending */
  GHashTable *jobs;          /* sync id → SbJob (private to sandbox-syncs.c) */

  GPtrArray  *faults;        /* SbFault (private to sandbox-faults.c) */
  guint       rate_limit_per_minute;
  GArray     *rate_times;    /* gint64 µs of recent API requests */
  JsonArray  *requests;

  GMainContext *context;     /* where the server was started; sources attach here */
  GList      *deferred;      /* replies held back by faults (private to sandbox-faults.c) */
};

/* ---- ferry-sandbox.c: helpers ---- */
void        sb_request_free        (SbRequest *req);
/* Routes, authenticates and runs the handler (what happens after faults). */
void        sb_dispatch            (SbRequest *req);
char       *sb_new_uuid            (void);
char       *sb_new_req_id          (void);
char       *sb_now_iso             (void);
/* "2026-12-03T09:47:08.123Z", the way Infisical's JSON dates look. */
char       *sb_iso_from_datetime   (GDateTime *dt);
char       *sb_iso_from_unix_ms    (gint64 unix_ms);
char       *sb_iso_from_unix       (gint64 unix_seconds);
void        sb_state_changed       (FerrySandbox *self);
/* A timeout on the sandbox's main context; returns the attached source (transfer full). */
GSource    *sb_timeout_source      (FerrySandbox *self, guint ms, GSourceFunc func, gpointer data);

const char *sb_get_str             (JsonObject *obj, const char *member);
gint64      sb_get_int             (JsonObject *obj, const char *member, gint64 def);
gboolean    sb_get_bool            (JsonObject *obj, const char *member, gboolean def);
JsonObject *sb_get_obj             (JsonObject *obj, const char *member);
JsonArray  *sb_get_arr             (JsonObject *obj, const char *member);
JsonArray  *sb_state_array         (FerrySandbox *self, const char *member);
JsonObject *sb_find_by             (JsonArray *array, const char *member, const char *value);
gboolean    sb_remove_by           (JsonArray *array, const char *member, const char *value);
JsonObject *sb_public_copy         (JsonObject *obj);
gboolean    sb_is_uuid             (const char *s);
gboolean    sb_is_slug             (const char *s);
char       *sb_json_to_string      (JsonNode *node);
void        sb_set_str_or_null     (JsonObject *obj, const char *member, const char *value);

const char *sb_query               (SbRequest *req, const char *name);
const char *sb_param               (SbRequest *req, const char *name);
JsonObject *sb_body_obj            (SbRequest *req);

void        sb_reply_json          (SbRequest *req, guint status, JsonNode *node);
void        sb_reply_object        (SbRequest *req, const char *wrap_key, JsonObject *obj);
void        sb_reply_error         (SbRequest *req, guint status, const char *error, const char *message);
/* The error body with any JSON as message (takes @message). */
void        sb_reply_error_node    (SbRequest *req, guint status, const char *error, JsonNode *message);
void        sb_reply_errorf        (SbRequest *req, guint status, const char *error, const char *format, ...) G_GNUC_PRINTF (4, 5);
void        sb_reply_html          (SbRequest *req, guint status, const char *html);
void        sb_reply_redirect      (SbRequest *req, const char *location);

/* ---- sandbox-issues.c: zod-like validation issues (422 ValidationFailure with an array message) ---- */
typedef struct _SbIssues SbIssues;
SbIssues   *sb_issues_new          (void);
void        sb_issues_free         (SbIssues *issues);
gboolean    sb_issues_empty        (SbIssues *issues);
void        sb_issue_add           (SbIssues *issues, JsonObject *issue, const char *path, ...) G_GNUC_NULL_TERMINATED;
void        sb_issue_required      (SbIssues *issues, const char *expected, const char *path, ...) G_GNUC_NULL_TERMINATED;
void        sb_issue_type          (SbIssues *issues, const char *expected, JsonNode *got, const char *path, ...) G_GNUC_NULL_TERMINATED;
void        sb_issue_custom        (SbIssues *issues, const char *message, const char *path, ...) G_GNUC_NULL_TERMINATED;
void        sb_issue_too_small     (SbIssues *issues, gint64 minimum, const char *message, const char *path, ...) G_GNUC_NULL_TERMINATED;
void        sb_issue_too_big       (SbIssues *issues, gint64 maximum, const char *message, const char *path, ...) G_GNUC_NULL_TERMINATED;
void        sb_issue_uuid          (SbIssues *issues, const char *path, ...) G_GNUC_NULL_TERMINATED;
void        sb_reply_issues        (SbRequest *req, SbIssues *issues);
/* An issue unless @member is absent or false (z.literal (false) with @message). */
void        sb_issue_unless_false  (SbIssues *issues, JsonObject *body, const char *member, const char *message);
/* An issue unless @member is absent or null (z.undefined ().or (z.null ()) with @message). */
void        sb_issue_unless_null   (SbIssues *issues, JsonObject *body, const char *member, const char *message);

/* Field checks; each adds issues and returns the (trimmed) value when valid. */
char       *sb_check_string        (SbIssues *issues, JsonObject *obj, const char *member,
                                    gboolean required, gint64 min, gint64 max,
                                    const char *parent);
char       *sb_check_slug          (SbIssues *issues, JsonObject *obj, const char *member,
                                    gboolean required, gint64 max, const char *field,
                                    const char *parent);
char       *sb_check_uuid          (SbIssues *issues, JsonObject *obj, const char *member,
                                    gboolean required, const char *parent);
/* A sync's or connection's "name": slug rules with @max on current builds, the old builds'
 * rules (lowercased, 1–32) on the old one. */
char       *sb_check_name          (FerrySandbox *self, SbIssues *issues, JsonObject *obj,
                                    gboolean required, gint64 max);

/* ---- sandbox-auth.c ---- */
char       *sb_jwt_encode          (FerrySandbox *self, JsonObject *payload);
/* Returns the payload or NULL with *error_message set to the TokenError message. */
JsonObject *sb_jwt_decode          (FerrySandbox *self, const char *token, gboolean check_exp,
                                    char **error_message);
char       *sb_issue_user_jwt      (FerrySandbox *self, gint64 lifetime);
char       *sb_issue_user_jwt_for_organization (FerrySandbox *self, const char *organization_id, gint64 lifetime);
/* Authenticates @req per @auth; replies with the error and returns FALSE on failure. */
gboolean    sb_authenticate        (SbRequest *req, SbAuth auth);
extern const SbRoute sb_auth_routes[];

/* ---- sandbox-projects.c ---- */
JsonObject *sb_project_find        (FerrySandbox *self, const char *project_id);
JsonObject *sb_project_public      (FerrySandbox *self, JsonObject *project);
JsonObject *sb_env_find_slug       (JsonObject *project, const char *slug);
JsonObject *sb_env_find_id         (FerrySandbox *self, const char *env_id, JsonObject **project_out);
/* Folder of @path in an environment, creating nothing; NULL if missing. The root folder has
 * name "root" and parentId null. */
JsonObject *sb_folder_by_path      (FerrySandbox *self, const char *env_id, const char *path);
char       *sb_folder_path         (FerrySandbox *self, JsonObject *folder);
JsonObject *sb_folder_find         (FerrySandbox *self, const char *folder_id);
/* Secrets directly in a folder: key → value (transfer container). */
GHashTable *sb_folder_secrets      (FerrySandbox *self, const char *folder_id);
extern const SbRoute sb_project_routes[];

/* ---- sandbox-connections.c ---- */
JsonObject *sb_connection_find     (FerrySandbox *self, const char *id);
JsonObject *sb_connection_public   (FerrySandbox *self, JsonObject *conn);
/* Redeems an authorization code as the real server would; NULL on success, else the
 * full 400 message. */
char       *sb_oauth_redeem        (FerrySandbox *self, const char *code, const char *tenant_id);
/* Creates an OAuth connection (used by the API and by the web callback page). Replies. */
void        sb_connection_create   (SbRequest *req, JsonObject *body);
char       *sb_connection_create_web (FerrySandbox *self, JsonObject *body, char **error_message);
extern const SbRoute sb_connection_routes[];

/* ---- sandbox-web.c ---- */
void        sb_oauth_code_free     (gpointer data);
void        sb_web_pending_free    (gpointer data);
extern const SbRoute sb_web_routes[];

/* ---- sandbox-devops.c ---- */
JsonObject *sb_devops_org          (FerrySandbox *self, const char *org);
JsonObject *sb_devops_project      (FerrySandbox *self, const char *org, const char *project_id);
/* Whether @conn may talk to its Azure DevOps organization; NULL if so, else the
 * JSON body Azure would answer (transfer full) and its HTTP status. */
char       *sb_devops_check_auth   (FerrySandbox *self, JsonObject *conn, guint *status);
char       *sb_devops_project_missing (const char *project_id);
/* Creates or replaces (whole variable set) the group named @name. */
void        sb_devops_put_group    (FerrySandbox *self, JsonObject *project, const char *name,
                                    JsonObject *variables);
gboolean    sb_devops_delete_group (FerrySandbox *self, JsonObject *project, const char *name);
extern const SbRoute sb_devops_routes[];

/* ---- sandbox-syncs.c ---- */
JsonObject *sb_sync_find           (FerrySandbox *self, const char *id);
JsonObject *sb_sync_public         (FerrySandbox *self, JsonObject *sync);
/* A copy of @obj with the old build's member names and status values (transfer full). */
JsonObject *sb_old_build_shape     (JsonObject *obj);
gboolean    sb_connection_in_use   (FerrySandbox *self, const char *connection_id);
extern const SbRoute sb_sync_routes[];

/* ---- sandbox-sync-jobs.c ---- */
typedef enum
{
  SB_JOB_SYNC,
  SB_JOB_REMOVE,
} SbJobAction;

/* Sets the status to pending and runs the job after the job delay. @audit_info: who
 * triggered it (sb_audit_info_from_request), NULL for the platform (auto-sync). */
void        sb_sync_start_job      (FerrySandbox *self, JsonObject *sync, SbJobAction action,
                                    gboolean delete_after, JsonObject *audit_info);
/* Metadata of the secret-sync-sync-secrets / -remove-secrets event of a job (transfer full). */
JsonObject *sb_sync_job_event_metadata (JsonObject *sync, SbJobAction action, const char *job_id,
                                        const char *ran_at, const char *status, const char *message);
gboolean    sb_sync_job_active     (FerrySandbox *self, JsonObject *sync);
void        sb_syncs_folder_changed (FerrySandbox *self, const char *folder_id);
/* What flatten () says about the secrets a sync with @options on @folder would send: NULL,
 * or upstream's message about names used in more than one folder. */
char       *sb_sync_conflicts      (FerrySandbox *self, JsonObject *folder, JsonObject *options);
void        sb_syncs_resume        (FerrySandbox *self);
void        sb_jobs_stop_all       (FerrySandbox *self);
void        sb_job_free            (gpointer data);

/* ---- sandbox-faults.c ---- */
void        sb_fault_free          (gpointer data);
void        sb_faults_stop_all     (FerrySandbox *self);
/* Applies faults and the rate limit before routing; TRUE if it has taken over the reply. */
gboolean    sb_faults_apply        (SbRequest *req);
void        sb_requests_record     (SbRequest *req, const char *raw_body, gsize raw_len);
void        sb_requests_set_status (SbRequest *req, guint status);
extern const SbRoute sb_fault_routes[];

/* ---- sandbox-variants.c ---- */
JsonObject *sb_variants            (FerrySandbox *self);
/* The old build: isEnabled, success, erase* (see sb_sync_public) and its name rules. */
gboolean    sb_old_build           (FerrySandbox *self);
gboolean    sb_audit_route_present (FerrySandbox *self);
guint       sb_audit_retention_days (FerrySandbox *self);
gboolean    sb_audit_readable      (FerrySandbox *self, SbMode mode);
/* A delete with removeSecrets=true drops the row even when the remove job failed. */
gboolean    sb_delete_after_failed_remove (FerrySandbox *self);
/* The organization's blockDuplicateSecretSyncDestinations. */
gboolean    sb_block_duplicate_destinations (FerrySandbox *self);
/* ferry_sandbox_set_project_connections (sandbox-connections.c). */
gboolean    sb_project_connections (FerrySandbox *self);

/* ---- sandbox-audit.c ---- */
/* Who did it, as backend/src/server/plugins/audit-log.ts records it for a request:
 * {actor, ipAddress, userAgent, userAgentType} (transfer full). */
JsonObject *sb_audit_info_from_request (SbRequest *req);
/* Appends an event (the caller saves the state). @info NULL: the platform did it (jobs
 * without a triggering request). @org_scoped: the route passed orgId (the entry then has no
 * projectName). Takes @metadata. */
void        sb_audit_write         (FerrySandbox *self, JsonObject *info, const char *project_id,
                                    gboolean org_scoped, const char *event_type, JsonObject *metadata);
/* The same with a fixed id and time (unix ms), for seeded history. */
void        sb_audit_write_full    (FerrySandbox *self, JsonObject *info, const char *project_id,
                                    gboolean org_scoped, const char *event_type, JsonObject *metadata,
                                    const char *id, gint64 created_unix_ms);
extern const SbRoute sb_audit_routes[];

/* ---- sandbox-seed.c ---- */
void        sb_seed                (FerrySandbox *self, FerrySandboxSeed seed);
/* A fixed UUID derived from @name (seeded ids never change). */
char       *sb_seed_uuid           (const char *name);

/* ---- sandbox-seed-history.c ---- */
/* The demo syncs' audit-log history; also sets their times and last job as it left them. */
void        sb_seed_history        (FerrySandbox *self, JsonObject *syncs[2], const char *env_slugs[2]);

G_END_DECLS
