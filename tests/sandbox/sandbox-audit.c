/* sandbox-audit.c: the organization's audit log: what the routes and jobs write, and
 * GET /api/v1/organization/audit-logs.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Modelled on upstream's backend/src/server/routes/v1/organization-router.ts (route, query
 * schema, defaults, the view-audit-logs event), backend/src/ee/services/audit-log/
 * audit-log-service.ts (permission checks, actor-id filter), audit-log-dal.ts (filters, order,
 * paging), audit-log-queue.ts (a plan with auditLogsRetentionDays 0 stores nothing, expiresAt)
 * backend/src/server/plugins/audit-log.ts (actor, ipAddress, userAgent, userAgentType) and
 * audit-log-event-classes.ts (the event class the list adds).
 *
 * Events are kept in the state ("auditLogs", oldest first) in the shape the route answers.
 */

#include <string.h>

#include "sandbox-private.h"

/* The state file should not grow without bound on a long demo run. */
#define AUDIT_LOG_CAP 5000

/* ActorType in backend/src/services/auth/auth-type.ts. */
static const char *const actor_types[] = {
  "platform", "kmipClient", "user", "service", "identity", "scimClient", "acmeProfile",
  "acmeAccount", "estAccount", "scepAccount", "unknownUser", NULL,
};

/* UserAgentType in audit-log-types.ts. */
static const char *const user_agent_types[] = {
  "web", "cli", "k8-operator", "terraform", "other", "InfisicalPythonSDK", "InfisicalNodeSDK", NULL,
};

/* The EventType values the sandbox knows: the ones it writes and their neighbours. Upstream's
 * enum (audit-log-types.ts) has several hundred; any other value is refused here as there. */
static const char *const event_types[] = {
  "get-secrets", "get-secret", "reveal-secret", "create-secret", "create-secrets", "update-secret",
  "update-secrets", "move-secrets", "delete-secret", "delete-secrets", "create-folder", "update-folder",
  "delete-folder", "create-environment", "update-environment", "delete-environment", "get-environment",
  "login-identity-universal-auth", "user-login", "select-organization", "update-org",
  "create-project", "update-project", "delete-project", "get-app-connections",
  "get-available-app-connections-details", "get-app-connection", "create-app-connection",
  "update-app-connection", "delete-app-connection", "get-app-connection-usage",
  "get-secret-syncs", "get-secret-sync", "create-secret-sync", "update-secret-sync",
  "delete-secret-sync", "secret-sync-sync-secrets", "secret-sync-import-secrets",
  "secret-sync-remove-secrets", "view-audit-logs", NULL,
};

/* ACTOR_TYPE_TO_METADATA_ID_KEY in audit-log-types.ts. */
static const char *
actor_id_key (const char *actor_type)
{
  static const char *const map[][2] = {
    { "user", "userId" }, { "identity", "identityId" }, { "kmipClient", "clientId" },
    { "service", "serviceId" }, { "acmeProfile", "profileId" }, { "acmeAccount", "accountId" },
    { "estAccount", "profileId" }, { "scepAccount", "profileId" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    if (g_strcmp0 (map[i][0], actor_type) == 0)
      return map[i][1];
  return NULL;
}

/* getUserAgentType in backend/src/server/plugins/audit-log.ts. */
static const char *
user_agent_type (const char *ua)
{
  g_autofree char *lower = NULL;

  if (ua == NULL)
    return "other";
  for (const char *const *exact = (const char *const[]) { "cli", "k8-operator", "terraform", NULL }; *exact; exact++)
    if (strcmp (ua, *exact) == 0)
      return *exact;
  lower = g_ascii_strdown (ua, -1);
  if (strstr (lower, "mozilla") != NULL)
    return "web";
  if (strstr (ua, "InfisicalNodeSDK") != NULL)
    return "InfisicalNodeSDK";
  if (strstr (ua, "InfisicalPythonSDK") != NULL)
    return "InfisicalPythonSDK";
  return "other";
}

JsonObject *
sb_audit_info_from_request (SbRequest *req)
{
  FerrySandbox *self = req->self;
  JsonObject *info = json_object_new ();
  JsonObject *actor = json_object_new ();
  JsonObject *meta = json_object_new ();
  const char *ua = soup_message_headers_get_one (soup_server_message_get_request_headers (req->msg), "User-Agent");
  const char *ip = soup_server_message_get_remote_host (req->msg);

  if (req->mode == SB_MODE_IDENTITY)
    {
      JsonObject *identity = sb_get_obj (self->state, "identity");

      json_object_set_string_member (actor, "type", "identity");
      json_object_set_string_member (meta, "name", sb_get_str (identity, "name"));
      json_object_set_string_member (meta, "identityId", req->actor_id);
    }
  else
    {
      JsonObject *user = sb_get_obj (self->state, "user");

      /* Users who sign in with email have their email as username. */
      json_object_set_string_member (actor, "type", "user");
      json_object_set_string_member (meta, "email", sb_get_str (user, "email"));
      json_object_set_string_member (meta, "username", sb_get_str (user, "email"));
      json_object_set_string_member (meta, "userId", req->actor_id);
    }
  json_object_set_object_member (actor, "metadata", meta);
  json_object_set_object_member (info, "actor", actor);
  sb_set_str_or_null (info, "ipAddress", ip);
  json_object_set_string_member (info, "userAgent", ua ? ua : "");
  json_object_set_string_member (info, "userAgentType", user_agent_type (ua ? ua : ""));
  return info;
}

void
sb_audit_write_full (FerrySandbox *self,
                     JsonObject   *info,
                     const char   *project_id,
                     gboolean      org_scoped,
                     const char   *event_type,
                     JsonObject   *metadata,
                     const char   *id,
                     gint64        created_unix_ms)
{
  JsonArray *logs;
  JsonObject *entry, *event, *actor;
  JsonObject *project = org_scoped ? NULL : sb_project_find (self, project_id);
  guint retention = sb_audit_retention_days (self);
  g_autofree char *fresh_id = NULL;
  g_autofree char *created = NULL;
  g_autofree char *expires = NULL;
  gint64 now_ms = created_unix_ms > 0 ? created_unix_ms : g_get_real_time () / 1000;

  /* audit-log-queue.ts: "skip inserting if audit log retention is 0 meaning its not supported". */
  if (retention == 0)
    {
      json_object_unref (metadata);
      return;
    }
  if (id == NULL)
    id = fresh_id = sb_new_uuid ();
  created = sb_iso_from_unix_ms (now_ms);
  expires = sb_iso_from_unix_ms (now_ms + (gint64) retention * 24 * 3600 * 1000);

  entry = json_object_new ();
  json_object_set_string_member (entry, "id", id);
  sb_set_str_or_null (entry, "ipAddress", info ? sb_get_str (info, "ipAddress") : NULL);
  sb_set_str_or_null (entry, "userAgent", info ? sb_get_str (info, "userAgent") : NULL);
  sb_set_str_or_null (entry, "userAgentType", info ? sb_get_str (info, "userAgentType") : NULL);
  json_object_set_string_member (entry, "expiresAt", expires);
  json_object_set_string_member (entry, "createdAt", created);
  /* audit-log-service.ts lists updatedAt as createdAt. */
  json_object_set_string_member (entry, "updatedAt", created);
  json_object_set_string_member (entry, "orgId", ferry_sandbox_get_organization_id (self));
  sb_set_str_or_null (entry, "projectId", project_id);
  /* The queue looks the project up (and stores its name) only when no orgId was given. */
  sb_set_str_or_null (entry, "projectName", project ? sb_get_str (project, "name") : NULL);
  event = json_object_new ();
  json_object_set_string_member (event, "type", event_type);
  json_object_set_object_member (event, "metadata", metadata);
  json_object_set_object_member (entry, "event", event);
  if (info != NULL)
    actor = json_object_ref (sb_get_obj (info, "actor"));
  else
    {
      /* The sync queue's default: { type: ActorType.PLATFORM, metadata: {} }. */
      actor = json_object_new ();
      json_object_set_string_member (actor, "type", "platform");
      json_object_set_object_member (actor, "metadata", json_object_new ());
    }
  json_object_set_object_member (entry, "actor", actor);

  logs = sb_state_array (self, "auditLogs");
  json_array_add_object_element (logs, entry);
  while (json_array_get_length (logs) > AUDIT_LOG_CAP)
    json_array_remove_element (logs, 0);
}

void
sb_audit_write (FerrySandbox *self,
                JsonObject   *info,
                const char   *project_id,
                gboolean      org_scoped,
                const char   *event_type,
                JsonObject   *metadata)
{
  sb_audit_write_full (self, info, project_id, org_scoped, event_type, metadata, NULL, 0);
}

/* ---- The route ---- */

/* Query values by name, in order; a name given twice has two values (Fastify's default
 * querystring parser turns a repeated key into an array). */
static GHashTable *
parse_query (SbRequest *req)
{
  GHashTable *params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  const char *query = g_uri_get_query (soup_server_message_get_uri (req->msg));
  g_auto(GStrv) pairs = NULL;

  if (query == NULL)
    return params;
  pairs = g_strsplit (query, "&", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      char *eq = strchr (pairs[i], '=');
      g_autofree char *raw_key = NULL;
      g_autofree char *raw_value = NULL;
      char *key, *value;
      GPtrArray *values;

      if (pairs[i][0] == '\0')
        continue;
      raw_key = g_strndup (pairs[i], eq ? (gsize) (eq - pairs[i]) : strlen (pairs[i]));
      raw_value = g_strdup (eq ? eq + 1 : "");
      g_strdelimit (raw_key, "+", ' ');
      g_strdelimit (raw_value, "+", ' ');
      key = g_uri_unescape_string (raw_key, NULL);
      value = g_uri_unescape_string (raw_value, NULL);
      if (key == NULL || value == NULL)
        {
          g_free (key);
          g_free (value);
          continue;
        }
      values = g_hash_table_lookup (params, key);
      if (values == NULL)
        {
          values = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (params, g_strdup (key), values);
        }
      g_ptr_array_add (values, value);
      g_free (key);
    }
  return params;
}

/* A z.string() query field: NULL if absent (or an issue for a repeated key). */
static const char *
query_string (GHashTable *params,
              SbIssues   *issues,
              const char *name)
{
  GPtrArray *values = g_hash_table_lookup (params, name);

  if (values == NULL)
    return NULL;
  if (values->len > 1)
    {
      JsonObject *issue = json_object_new ();

      json_object_set_string_member (issue, "code", "invalid_type");
      json_object_set_string_member (issue, "expected", "string");
      json_object_set_string_member (issue, "received", "array");
      json_object_set_string_member (issue, "message", "Expected string, received array");
      sb_issue_add (issues, issue, name, NULL);
      return NULL;
    }
  return values->pdata[0];
}

static void
issue_enum (SbIssues          *issues,
            const char *const *options,
            const char        *received,
            const char        *path,
            const char        *index)
{
  JsonObject *issue = json_object_new ();
  JsonArray *opts = json_array_new ();
  GString *message = g_string_new ("Invalid enum value. Expected ");

  for (guint i = 0; options[i] != NULL; i++)
    {
      json_array_add_string_element (opts, options[i]);
      g_string_append_printf (message, "%s'%s'", i ? " | " : "", options[i]);
    }
  g_string_append_printf (message, ", received '%s'", received);
  json_object_set_string_member (issue, "received", received);
  json_object_set_string_member (issue, "code", "invalid_enum_value");
  json_object_set_array_member (issue, "options", opts);
  json_object_set_string_member (issue, "message", message->str);
  g_string_free (message, TRUE);
  sb_issue_add (issues, issue, path, index, NULL);
}

static const char *
query_enum (GHashTable        *params,
            SbIssues          *issues,
            const char        *name,
            const char *const *options)
{
  const char *value = query_string (params, issues, name);

  if (value != NULL && !g_strv_contains (options, value))
    {
      issue_enum (issues, options, value, name, NULL);
      return NULL;
    }
  return value;
}

/* z.string().datetime(): ISO 8601 in UTC with a "Z" and optional fractions, nothing else. */
static GDateTime *
parse_datetime (const char *s)
{
  static const char shape[] = "dddd-dd-ddTdd:dd:dd";
  gsize n = strlen (s);
  gsize i;

  if (n < sizeof shape || s[n - 1] != 'Z')
    return NULL;
  for (i = 0; i < sizeof shape - 1; i++)
    if (shape[i] == 'd' ? !g_ascii_isdigit (s[i]) : s[i] != shape[i])
      return NULL;
  if (i < n - 1)
    {
      if (s[i] != '.' || i + 1 >= n - 1)
        return NULL;
      for (i++; i < n - 1; i++)
        if (!g_ascii_isdigit (s[i]))
          return NULL;
    }
  return g_date_time_new_from_iso8601 (s, NULL);
}

static GDateTime *
query_datetime (GHashTable *params,
                SbIssues   *issues,
                const char *name)
{
  const char *value = query_string (params, issues, name);
  GDateTime *dt;

  if (value == NULL)
    return NULL;
  dt = parse_datetime (value);
  if (dt == NULL)
    {
      JsonObject *issue = json_object_new ();

      json_object_set_string_member (issue, "code", "invalid_string");
      json_object_set_string_member (issue, "validation", "datetime");
      json_object_set_string_member (issue, "message", "Invalid datetime");
      sb_issue_add (issues, issue, name, NULL);
    }
  return dt;
}

/* z.coerce.number(): Number(value); FALSE (with an issue) for NaN. */
static gboolean
query_number (GHashTable *params,
              SbIssues   *issues,
              const char *name,
              double      def,
              double     *out)
{
  GPtrArray *values = g_hash_table_lookup (params, name);
  const char *s;
  char *end = NULL;
  g_autofree char *trimmed = NULL;

  *out = def;
  if (values == NULL)
    return TRUE;
  s = values->len == 1 ? values->pdata[0] : "not a number";
  trimmed = g_strstrip (g_strdup (s));
  if (*trimmed == '\0')
    {
      *out = 0;     /* Number("") is 0 */
      return TRUE;
    }
  *out = g_ascii_strtod (trimmed, &end);
  if (end == NULL || *end != '\0' || g_ascii_strncasecmp (trimmed, "nan", 3) == 0
      || g_ascii_strncasecmp (trimmed, "inf", 3) == 0 || g_ascii_strncasecmp (trimmed, "0x", 2) == 0)
    {
      JsonObject *issue = json_object_new ();

      json_object_set_string_member (issue, "code", "invalid_type");
      json_object_set_string_member (issue, "expected", "number");
      json_object_set_string_member (issue, "received", "nan");
      json_object_set_string_member (issue, "message", "Expected number, received nan");
      sb_issue_add (issues, issue, name, NULL);
      return FALSE;
    }
  return TRUE;
}

/* JavaScript's Date.setMonth (month + 3): days past the end of the month roll over. */
static GDateTime *
add_three_months (GDateTime *start)
{
  gint y, m, d;
  g_autoptr(GDateTime) first = NULL;

  g_date_time_get_ymd (start, &y, &m, &d);
  m += 3;
  if (m > 12)
    {
      m -= 12;
      y++;
    }
  first = g_date_time_new_utc (y, m, 1, g_date_time_get_hour (start), g_date_time_get_minute (start),
                               g_date_time_get_seconds (start));
  return g_date_time_add_days (first, d - 1);
}

/* getLastMidnightDateISO() in backend/src/lib/fn/dates.ts: 00:00 UTC of the day before. */
static GDateTime *
last_midnight (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) yesterday = g_date_time_add_days (now, -1);

  return g_date_time_new_utc (g_date_time_get_year (yesterday), g_date_time_get_month (yesterday),
                              g_date_time_get_day_of_month (yesterday), 0, 0, 0);
}

static gboolean
metadata_has_string (JsonObject *metadata,
                     const char *key,
                     const char *value)
{
  /* "eventMetadata" @> jsonb_build_object(key, value::text): the value must be that string. */
  return g_strcmp0 (sb_get_str (metadata, key), value) == 0;
}

static const char *const filterable_secret_events[] = {
  "get-secret", "delete-secrets", "create-secrets", "update-secrets", "create-secret", "update-secret",
  "delete-secret", NULL,
};

typedef struct
{
  GHashTable *params;         /* owns the strings below */
  const char *project_id;
  const char *environment;
  const char *actor_type;
  char       *secret_path;
  const char *secret_key;
  GStrv       event_types;
  const char *user_agent_type;
  GHashTable *event_metadata;
  GDateTime  *start;
  GDateTime  *end;
  gint64      offset;
  gint64      limit;
  const char *actor;
} AuditFilter;

static void
audit_filter_clear (AuditFilter *f)
{
  g_clear_pointer (&f->params, g_hash_table_unref);
  g_free (f->secret_path);
  g_strfreev (f->event_types);
  g_clear_pointer (&f->event_metadata, g_hash_table_unref);
  g_clear_pointer (&f->start, g_date_time_unref);
  g_clear_pointer (&f->end, g_date_time_unref);
}

static gboolean
entry_matches (FerrySandbox *self,
               JsonObject   *entry,
               AuditFilter  *f,
               const char   *start_iso,
               const char   *end_iso)
{
  JsonObject *event = sb_get_obj (entry, "event");
  JsonObject *metadata = sb_get_obj (event, "metadata");
  JsonObject *actor = sb_get_obj (entry, "actor");
  const char *created = sb_get_str (entry, "createdAt");
  const char *type = sb_get_str (event, "type");
  GHashTableIter iter;
  gpointer key, value;
  gboolean secret_type;

  if (g_strcmp0 (sb_get_str (entry, "orgId"), ferry_sandbox_get_organization_id (self)) != 0)
    return FALSE;
  if (g_strcmp0 (created, start_iso) < 0 || g_strcmp0 (created, end_iso) >= 0)
    return FALSE;
  if (f->project_id != NULL && *f->project_id != '\0' && g_strcmp0 (sb_get_str (entry, "projectId"), f->project_id) != 0)
    return FALSE;
  if (f->user_agent_type != NULL && g_strcmp0 (sb_get_str (entry, "userAgentType"), f->user_agent_type) != 0)
    return FALSE;
  if (f->actor != NULL && *f->actor != '\0')
    {
      const char *id_key = f->actor_type ? actor_id_key (f->actor_type) : "userId";

      if (!metadata_has_string (sb_get_obj (actor, "metadata"), id_key, f->actor))
        return FALSE;
    }
  if (f->event_metadata != NULL)
    {
      g_hash_table_iter_init (&iter, f->event_metadata);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (!metadata_has_string (metadata, key, value))
          return FALSE;
    }
  /* Environment, path and key only narrow secret events of one project (audit-log-dal.ts). */
  secret_type = f->event_types == NULL;
  for (guint i = 0; f->event_types != NULL && f->event_types[i] != NULL; i++)
    if (g_strv_contains (filterable_secret_events, f->event_types[i]))
      secret_type = TRUE;
  if (f->project_id != NULL && *f->project_id != '\0' && secret_type)
    {
      if (f->environment != NULL && *f->environment != '\0' && !metadata_has_string (metadata, "environment", f->environment))
        return FALSE;
      if (f->secret_path != NULL && *f->secret_path != '\0' && !metadata_has_string (metadata, "secretPath", f->secret_path))
        return FALSE;
      if (f->secret_key != NULL && *f->secret_key != '\0' && !metadata_has_string (metadata, "secretKey", f->secret_key))
        {
          JsonArray *secrets = sb_get_arr (metadata, "secrets");
          gboolean found = FALSE;

          for (guint i = 0; secrets != NULL && i < json_array_get_length (secrets) && !found; i++)
            {
              JsonNode *n = json_array_get_element (secrets, i);

              found = JSON_NODE_HOLDS_OBJECT (n)
                      && metadata_has_string (json_node_get_object (n), "secretKey", f->secret_key);
            }
          if (!found)
            return FALSE;
        }
    }
  if (f->actor_type != NULL && g_strcmp0 (sb_get_str (actor, "type"), f->actor_type) != 0)
    return FALSE;
  if (f->event_types != NULL && !g_strv_contains ((const char *const *) f->event_types, type))
    return FALSE;
  return TRUE;
}

/* getAuditLogEventClass in audit-log-event-classes.ts, for the types the sandbox knows:
 * sign-ins are "authentication", reads "data-access", everything else "management". */
static const char *
event_class (const char *type)
{
  static const char *const authentication[] = { "login-identity-universal-auth", "user-login", "select-organization", NULL };
  static const char *const data_access[] = {
    "get-secrets", "get-secret", "reveal-secret", "get-environment", "get-app-connections",
    "get-available-app-connections-details", "get-app-connection", "get-app-connection-usage",
    "get-secret-syncs", "get-secret-sync", NULL,
  };

  if (type != NULL && g_strv_contains (authentication, type))
    return "authentication";
  if (type != NULL && g_strv_contains (data_access, type))
    return "data-access";
  return "management";
}

/* An entry as the route answers it: listAuditLogs adds the event's class (not stored). */
static JsonObject *
listed_copy (JsonObject *entry)
{
  JsonObject *copy = sb_public_copy (entry);
  JsonObject *event = sb_get_obj (copy, "event");

  if (event != NULL)
    json_object_set_string_member (event, "class", event_class (sb_get_str (event, "type")));
  return copy;
}

static gint
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  JsonObject *x = *(JsonObject **) a;
  JsonObject *y = *(JsonObject **) b;

  return g_strcmp0 (sb_get_str (y, "createdAt"), sb_get_str (x, "createdAt"));
}

/* Reads the query like upstream's zod schema; replies and returns FALSE on issues. */
static gboolean
read_filter (SbRequest   *req,
             AuditFilter *f)
{
  GHashTable *params = f->params = parse_query (req);
  SbIssues *issues = sb_issues_new ();
  const char *event_type, *event_metadata, *secret_path;
  double offset, limit;
  gboolean offset_ok, limit_ok;

  f->project_id = query_string (params, issues, "projectId");
  f->environment = query_string (params, issues, "environment");
  f->actor_type = query_enum (params, issues, "actorType", actor_types);
  secret_path = query_string (params, issues, "secretPath");
  if (secret_path != NULL && *secret_path != '\0')
    {
      gsize n = strlen (secret_path);

      f->secret_path = g_strdup (secret_path);
      if (n > 1 && secret_path[n - 1] == '/')
        f->secret_path[n - 1] = '\0';
    }
  f->secret_key = query_string (params, issues, "secretKey");
  event_type = query_string (params, issues, "eventType");
  if (event_type != NULL && *event_type != '\0')
    {
      f->event_types = g_strsplit (event_type, ",", -1);
      for (guint i = 0; f->event_types[i] != NULL; i++)
        if (!g_strv_contains (event_types, f->event_types[i]))
          {
            g_autofree char *index = g_strdup_printf ("%u", i);

            issue_enum (issues, event_types, f->event_types[i], "eventType", index);
          }
    }
  f->user_agent_type = query_enum (params, issues, "userAgentType", user_agent_types);
  event_metadata = query_string (params, issues, "eventMetadata");
  if (event_metadata != NULL && *event_metadata != '\0')
    {
      g_auto(GStrv) pairs = g_strsplit (event_metadata, ",", -1);

      f->event_metadata = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      for (guint i = 0; pairs[i] != NULL; i++)
        {
          const char *eq = strchr (pairs[i], '=');

          /* "key=value" with a key and a value; anything else is dropped. */
          if (eq != NULL && eq > pairs[i] && eq[1] != '\0')
            g_hash_table_replace (f->event_metadata, g_strndup (pairs[i], eq - pairs[i]), g_strdup (eq + 1));
        }
    }
  f->start = query_datetime (params, issues, "startDate");
  f->end = query_datetime (params, issues, "endDate");
  offset_ok = query_number (params, issues, "offset", 0, &offset);
  limit_ok = query_number (params, issues, "limit", 20, &limit);
  if (limit_ok && limit > 1000)
    {
      JsonObject *issue = json_object_new ();

      json_object_set_string_member (issue, "code", "too_big");
      json_object_set_int_member (issue, "maximum", 1000);
      json_object_set_string_member (issue, "type", "number");
      json_object_set_boolean_member (issue, "inclusive", TRUE);
      json_object_set_boolean_member (issue, "exact", FALSE);
      json_object_set_string_member (issue, "message", "Number must be less than or equal to 1000");
      sb_issue_add (issues, issue, "limit", NULL);
    }
  f->actor = query_string (params, issues, "actor");
  f->offset = offset_ok ? (gint64) offset : 0;
  f->limit = limit_ok ? (gint64) limit : 20;

  /* The schema's superRefine, only when both dates are given. */
  if (sb_issues_empty (issues) && f->start != NULL && f->end != NULL)
    {
      g_autoptr(GDateTime) max = add_three_months (f->start);

      if (g_date_time_compare (f->end, f->start) < 0)
        sb_issue_custom (issues, "End date cannot be before start date", "endDate", NULL);
      if (g_date_time_compare (f->end, max) > 0)
        sb_issue_custom (issues, "Dates must be within 3 months", "endDate", NULL);
    }
  if (!sb_issues_empty (issues))
    {
      sb_reply_issues (req, issues);
      sb_issues_free (issues);
      return FALSE;
    }
  sb_issues_free (issues);
  /* The route's defaults: endDate now, startDate the last midnight. Dates compare at
   * millisecond precision here, so "now" includes the current millisecond. */
  if (f->end == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      f->end = g_date_time_add (now, G_TIME_SPAN_MILLISECOND);
    }
  if (f->start == NULL)
    f->start = last_midnight ();
  return TRUE;
}

static void
list_audit_logs_cb (SbRequest *req)
{
  FerrySandbox *self = req->self;
  AuditFilter f = { 0 };
  JsonArray *logs, *out;
  JsonObject *obj;
  g_autoptr(GPtrArray) matches = NULL;
  g_autofree char *start_iso = NULL;
  g_autofree char *end_iso = NULL;
  g_autofree char *now = NULL;
  gint64 count = 0;

  if (!sb_audit_route_present (self))
    {
      /* A build without the route answers like any unknown route. */
      g_autofree char *m = g_strdup_printf ("Route %s:%s not found", req->method, req->path);

      sb_reply_error (req, SOUP_STATUS_NOT_FOUND, "Not Found", m);
      return;
    }
  if (!read_filter (req, &f))
    {
      audit_filter_clear (&f);
      return;
    }
  /* getProjectPermission () fails for a project that does not exist before any check. */
  if (f.project_id != NULL && *f.project_id != '\0' && sb_project_find (self, f.project_id) == NULL)
    {
      sb_reply_errorf (req, 404, "NotFound", "Project with ID '%s' not found", f.project_id);
      audit_filter_clear (&f);
      return;
    }
  if (!sb_audit_readable (self, req->mode))
    {
      /* ForbiddenError from @casl/ability, as error-handler.ts renders it: the project's
       * ProjectPermissionSub.AuditLogs and the organization's OrgPermissionSubjects.AuditLogs
       * are both "audit-logs", the action "read"; no rule matches, so no details. */
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      JsonObject *body = json_object_new ();

      json_object_set_string_member (body, "reqId", req->req_id);
      json_object_set_int_member (body, "statusCode", 403);
      json_object_set_string_member (body, "error", "PermissionDenied");
      json_object_set_string_member (body, "message", "You are not allowed to read on audit-logs");
      json_object_set_array_member (body, "details", json_array_new ());
      json_node_take_object (node, body);
      sb_reply_json (req, 403, node);
      audit_filter_clear (&f);
      return;
    }
  if (f.actor != NULL && *f.actor != '\0' && f.actor_type != NULL && actor_id_key (f.actor_type) == NULL)
    {
      sb_reply_errorf (req, 400, "BadRequest", "Actor type '%s' does not support filtering by actor ID", f.actor_type);
      audit_filter_clear (&f);
      return;
    }
  if (f.limit < 0 || f.offset < 0)
    {
      /* Postgres refuses a negative LIMIT/OFFSET; the DAL's DatabaseError is masked. */
      sb_reply_error (req, 500, "DatabaseError", "Something went wrong");
      audit_filter_clear (&f);
      return;
    }

  start_iso = sb_iso_from_datetime (f.start);
  end_iso = sb_iso_from_datetime (f.end);
  now = sb_now_iso ();
  matches = g_ptr_array_new ();
  logs = sb_state_array (self, "auditLogs");
  /* A plan without retention never stored anything; expired entries count as pruned. */
  for (guint i = json_array_get_length (logs); sb_audit_retention_days (self) > 0 && i > 0; i--)
    {
      JsonObject *entry = json_array_get_object_element (logs, i - 1);

      if (g_strcmp0 (sb_get_str (entry, "expiresAt"), now) > 0 && entry_matches (self, entry, &f, start_iso, end_iso))
        g_ptr_array_add (matches, entry);
    }
  /* Newest first (a stable sort: entries of the same instant stay newest-written first). */
  g_ptr_array_sort (matches, compare_newest_first);
  out = json_array_new ();
  for (guint i = (guint) MIN (f.offset, (gint64) matches->len); i < matches->len && count < f.limit; i++, count++)
    json_array_add_object_element (out, listed_copy (matches->pdata[i]));
  obj = json_object_new ();
  json_object_set_array_member (obj, "auditLogs", out);
  sb_reply_object (req, NULL, obj);

  /* "if (req.query.offset === 0)": the first page records that someone looked. */
  if (f.offset == 0)
    {
      g_autoptr(JsonObject) info = sb_audit_info_from_request (req);

      sb_audit_write (self, info, f.project_id, TRUE, "view-audit-logs", json_object_new ());
      req->state_changed = TRUE;
    }
  audit_filter_clear (&f);
}

JsonNode *
ferry_sandbox_get_audit_logs (FerrySandbox *self)
{
  JsonArray *logs;
  JsonArray *out;
  JsonNode *node;

  g_return_val_if_fail (FERRY_IS_SANDBOX (self), NULL);
  logs = sb_state_array (self, "auditLogs");
  out = json_array_new ();
  for (guint i = json_array_get_length (logs); i > 0; i--)
    json_array_add_object_element (out, sb_public_copy (json_array_get_object_element (logs, i - 1)));
  node = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (node, out);
  return node;
}

const SbRoute sb_audit_routes[] = {
  /* verifyAuth([AuthMode.JWT, AuthMode.IDENTITY_ACCESS_TOKEN, AuthMode.OAUTH]). */
  { "GET", "/api/v1/organization/audit-logs", SB_AUTH_ANY, list_audit_logs_cb },
  { NULL, NULL, 0, NULL },
};
