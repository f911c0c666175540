/* sandbox-seed-history.c: the demo seed's audit-log history of its two syncs.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A plausible past, written the way the routes and jobs write events (sandbox-syncs.c,
 * sandbox-sync-jobs.c): web-prod-to-contoso-web is created by Ada, syncs, fails when its
 * connection's PAT stops working, fails again on Sync Now, recovers on Sync Now once the PAT is
 * replaced and has synced by itself since; payments-staging-to-legacy is created by the machine
 * identity, syncs once and fails since its Azure DevOps project was deleted. Times are relative
 * to when the sandbox is seeded, so a fresh demo always shows the last week; ids are fixed.
 */

#include <string.h>

#include "sandbox-private.h"

typedef enum
{
  BY_PLATFORM,
  BY_USER,
  BY_IDENTITY,
} SeedActor;

typedef struct
{
  const char *key;          /* seeds the event id (and the job id) */
  guint       sync;         /* 0: web-prod-to-contoso-web, 1: payments-staging-to-legacy */
  gint64      seconds_ago;
  gboolean    create;       /* create-secret-sync instead of a sync job */
  SeedActor   actor;
  gboolean    failed;
} SeedEvent;

/* Oldest first. */
static const SeedEvent history[] = {
  { "web:create", 0, 528480, TRUE, BY_USER, FALSE },
  { "web:sync-1", 0, 528476, FALSE, BY_PLATFORM, FALSE },
  { "payments:create", 1, 504000, TRUE, BY_IDENTITY, FALSE },
  { "payments:sync-1", 1, 503996, FALSE, BY_PLATFORM, FALSE },
  { "web:sync-2", 0, 284400, FALSE, BY_PLATFORM, FALSE },
  { "web:sync-3", 0, 179700, FALSE, BY_PLATFORM, TRUE },
  { "web:sync-4", 0, 178200, FALSE, BY_USER, TRUE },
  { "web:sync-5", 0, 89100, FALSE, BY_USER, FALSE },
  { "payments:sync-2", 1, 72000, FALSE, BY_PLATFORM, TRUE },
  { "payments:sync-3", 1, 68400, FALSE, BY_USER, TRUE },
  { "web:sync-6", 0, 10800, FALSE, BY_PLATFORM, FALSE },
};

static JsonObject *
seed_info (FerrySandbox *self,
           SeedActor     who)
{
  JsonObject *info = json_object_new ();
  JsonObject *actor = json_object_new ();
  JsonObject *meta = json_object_new ();

  if (who == BY_IDENTITY)
    {
      JsonObject *identity = sb_get_obj (self->state, "identity");

      json_object_set_string_member (actor, "type", "identity");
      json_object_set_string_member (meta, "name", sb_get_str (identity, "name"));
      json_object_set_string_member (meta, "identityId", sb_get_str (identity, "id"));
      json_object_set_string_member (info, "ipAddress", "198.51.100.23");
      json_object_set_string_member (info, "userAgent", "ferry-ci/1.4 (+https://dev.azure.com/contoso)");
      json_object_set_string_member (info, "userAgentType", "other");
    }
  else
    {
      JsonObject *user = sb_get_obj (self->state, "user");

      json_object_set_string_member (actor, "type", "user");
      json_object_set_string_member (meta, "email", sb_get_str (user, "email"));
      json_object_set_string_member (meta, "username", sb_get_str (user, "email"));
      json_object_set_string_member (meta, "userId", sb_get_str (user, "id"));
      json_object_set_string_member (info, "ipAddress", "203.0.113.42");
      json_object_set_string_member (info, "userAgent",
                                     "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0");
      json_object_set_string_member (info, "userAgentType", "web");
    }
  json_object_set_object_member (actor, "metadata", meta);
  json_object_set_object_member (info, "actor", actor);
  return info;
}

static JsonObject *
create_metadata (JsonObject *sync,
                 const char *env_slug)
{
  JsonObject *meta = json_object_new ();

  json_object_set_string_member (meta, "syncId", sb_get_str (sync, "id"));
  json_object_set_string_member (meta, "destination", "azure-devops");
  json_object_set_string_member (meta, "name", sb_get_str (sync, "name"));
  json_object_set_string_member (meta, "projectId", sb_get_str (sync, "projectId"));
  if (sb_get_str (sync, "description") != NULL)
    json_object_set_string_member (meta, "description", sb_get_str (sync, "description"));
  json_object_set_string_member (meta, "connectionId", sb_get_str (sync, "connectionId"));
  json_object_set_string_member (meta, "environment", env_slug);
  json_object_set_string_member (meta, "secretPath", "/");
  json_object_set_boolean_member (meta, "isAutoSyncEnabled", TRUE);
  json_object_set_object_member (meta, "syncOptions", sb_public_copy (sb_get_obj (sync, "syncOptions")));
  json_object_set_object_member (meta, "destinationConfig", sb_public_copy (sb_get_obj (sync, "destinationConfig")));
  return meta;
}

static char *
failure_message (JsonObject *sync)
{
  const char *devops_project = sb_get_str (sb_get_obj (sync, "destinationConfig"), "devopsProjectId");

  if (g_strcmp0 (sb_get_str (sync, "name"), "payments-staging-to-legacy") == 0)
    return sb_devops_project_missing (devops_project);
  /* What Azure answered while the connection's PAT had expired. */
  return g_strdup ("{\"$id\":\"1\",\"innerException\":null,\"message\":\"TF400813: The user '' is not authorized "
                   "to access this resource.\",\"typeName\":\"Microsoft.TeamFoundation.Framework.Server."
                   "UnauthorizedRequestException, Microsoft.TeamFoundation.Framework.Server\",\"typeKey\":"
                   "\"UnauthorizedRequestException\",\"errorCode\":0,\"eventId\":3000}");
}

void
sb_seed_history (FerrySandbox *self,
                 JsonObject   *syncs[2],
                 const char   *env_slugs[2])
{
  gint64 now_ms = g_get_real_time () / 1000;

  for (guint i = 0; i < G_N_ELEMENTS (history); i++)
    {
      const SeedEvent *e = &history[i];
      JsonObject *sync = syncs[e->sync];
      gint64 at_ms = now_ms - e->seconds_ago * 1000;
      g_autofree char *event_key = g_strconcat ("audit:", e->key, NULL);
      g_autofree char *event_id = sb_seed_uuid (event_key);
      g_autofree char *at = sb_iso_from_unix_ms (at_ms);
      g_autoptr(JsonObject) info = e->actor == BY_PLATFORM ? NULL : seed_info (self, e->actor);

      if (e->create)
        {
          json_object_set_string_member (sync, "createdAt", at);
          json_object_set_string_member (sync, "updatedAt", at);
          sb_audit_write_full (self, info, sb_get_str (sync, "projectId"), FALSE, "create-secret-sync",
                               create_metadata (sync, env_slugs[e->sync]), event_id, at_ms);
        }
      else
        {
          g_autofree char *job_key = g_strconcat ("job:", e->key, NULL);
          g_autofree char *job_id = sb_seed_uuid (job_key);
          g_autofree char *message = e->failed ? failure_message (sync) : NULL;
          const char *status = e->failed ? "failed" : "succeeded";

          /* The sync row as the job left it. */
          json_object_set_string_member (sync, "syncStatus", status);
          json_object_set_string_member (sync, "lastSyncJobId", job_id);
          sb_set_str_or_null (sync, "lastSyncMessage", message);
          if (!e->failed)
            json_object_set_string_member (sync, "lastSyncedAt", at);
          sb_audit_write_full (self, info, sb_get_str (sync, "projectId"), FALSE, "secret-sync-sync-secrets",
                               sb_sync_job_event_metadata (sync, SB_JOB_SYNC, job_id, at, status, message),
                               event_id, at_ms);
        }
    }
}
