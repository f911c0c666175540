/* ferry-audit-event.h: one event of the organization's audit log
 * (docs/infisical-api.md#audit-logs).
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only what the sync history shows: which kind of event, who caused it, when, and for the
 * job events (secret-sync-sync-secrets, -remove-secrets, -import-secrets) the job's
 * result. Parsed tolerantly: every member is type-checked, and a member of the wrong type
 * reads as absent; only an event without an id, a type or a time is refused.
 */

#pragma once

#include <json-glib/json-glib.h>

#include "ferry-sync.h"

G_BEGIN_DECLS

/* actor.type (ActorType in upstream's backend/src/services/auth/auth-type.ts). */
typedef enum
{
  FERRY_AUDIT_ACTOR_OTHER,      /* any other or a missing type */
  FERRY_AUDIT_ACTOR_PLATFORM,   /* "platform": the server itself (automatic runs) */
  FERRY_AUDIT_ACTOR_USER,       /* "user" */
  FERRY_AUDIT_ACTOR_IDENTITY,   /* "identity": a machine identity */
  FERRY_AUDIT_ACTOR_SERVICE,    /* "service": a service token */
} FerryAuditActorKind;

#define FERRY_TYPE_AUDIT_ACTOR_KIND (ferry_audit_actor_kind_get_type ())
GType ferry_audit_actor_kind_get_type (void);

/* event.type, the ones the history asks for. */
typedef enum
{
  FERRY_AUDIT_EVENT_OTHER,
  FERRY_AUDIT_EVENT_SYNC_RUN,       /* "secret-sync-sync-secrets" */
  FERRY_AUDIT_EVENT_REMOVE_RUN,     /* "secret-sync-remove-secrets" */
  FERRY_AUDIT_EVENT_IMPORT_RUN,     /* "secret-sync-import-secrets" */
  FERRY_AUDIT_EVENT_CREATED,        /* "create-secret-sync" */
  FERRY_AUDIT_EVENT_UPDATED,        /* "update-secret-sync" */
  FERRY_AUDIT_EVENT_DELETED,        /* "delete-secret-sync" */
} FerryAuditEventKind;

#define FERRY_TYPE_AUDIT_EVENT_KIND (ferry_audit_event_kind_get_type ())
GType ferry_audit_event_kind_get_type (void);

/* The event types of a sync's history, comma-separated as the eventType filter takes them. */
#define FERRY_AUDIT_SYNC_EVENT_TYPES \
  "secret-sync-sync-secrets,secret-sync-remove-secrets,secret-sync-import-secrets," \
  "create-secret-sync,update-secret-sync,delete-secret-sync"

#define FERRY_TYPE_AUDIT_EVENT (ferry_audit_event_get_type ())

G_DECLARE_FINAL_TYPE (FerryAuditEvent, ferry_audit_event, FERRY, AUDIT_EVENT, GObject)

/* Parses one element of {auditLogs: [...]}; NULL with FERRY_API_ERROR_INVALID_RESPONSE when
 * it has no string "id", no string "event.type" or no ISO 8601 "createdAt". */
FerryAuditEvent    *ferry_audit_event_new_from_json   (JsonObject      *object,
                                                       GError         **error);

/* Properties have the same names ("event-type", "actor-kind", …), all read-only. */
const char         *ferry_audit_event_get_id          (FerryAuditEvent *self);
/* event.type as sent, e.g. "secret-sync-sync-secrets". */
const char         *ferry_audit_event_get_event_type  (FerryAuditEvent *self);
FerryAuditEventKind ferry_audit_event_get_kind        (FerryAuditEvent *self);
FerryAuditActorKind ferry_audit_event_get_actor_kind  (FerryAuditEvent *self);
/* actor.metadata.name (identities) or .username, NULL if none. */
const char         *ferry_audit_event_get_actor_name  (FerryAuditEvent *self);
/* actor.metadata.email (users), NULL if none. */
const char         *ferry_audit_event_get_actor_email (FerryAuditEvent *self);
/* createdAt. */
GDateTime          *ferry_audit_event_get_time        (FerryAuditEvent *self);
/* event.metadata.syncId. */
const char         *ferry_audit_event_get_sync_id     (FerryAuditEvent *self);
/* The job's result: metadata syncStatus / removeStatus / importStatus (old builds:
 * eraseStatus, "success"); NONE for the configuration events. */
FerrySyncStatus     ferry_audit_event_get_sync_status (FerryAuditEvent *self);
/* syncMessage / removeMessage / importMessage (old builds: eraseMessage), NULL if none. */
const char         *ferry_audit_event_get_message     (FerryAuditEvent *self);
const char         *ferry_audit_event_get_job_id      (FerryAuditEvent *self);
/* metadata jobRanAt, NULL if none. */
GDateTime          *ferry_audit_event_get_job_ran_at  (FerryAuditEvent *self);
/* A job event (SYNC_RUN, REMOVE_RUN, IMPORT_RUN). */
gboolean            ferry_audit_event_is_run          (FerryAuditEvent *self);

G_END_DECLS
