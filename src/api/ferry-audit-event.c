/* ferry-audit-event.c: one event of the organization's audit log
 * (docs/infisical-api.md#audit-logs).
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The shape is what upstream's backend/src/ee/services/audit-log/audit-log-service.ts
 * (listAuditLogs) answers: {id, createdAt, …, event: {type, metadata}, actor: {type,
 * metadata}}, with the metadata of backend/src/ee/services/audit-log/audit-log-types.ts.
 * Not a FerryResource: nothing here is merged or edited, and the members are nested.
 */

#include "config.h"

#include "ferry-api-error-private.h"
#include "ferry-audit-event.h"
#include "ferry-json.h"

struct _FerryAuditEvent
{
  GObject              parent_instance;

  char                *id;
  char                *event_type;
  FerryAuditEventKind  kind;
  FerryAuditActorKind  actor_kind;
  char                *actor_name;
  char                *actor_email;
  GDateTime           *time;
  char                *sync_id;
  FerrySyncStatus      sync_status;
  char                *message;
  char                *job_id;
  GDateTime           *job_ran_at;
};

G_DEFINE_FINAL_TYPE (FerryAuditEvent, ferry_audit_event, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_EVENT_TYPE,
  PROP_KIND,
  PROP_ACTOR_KIND,
  PROP_ACTOR_NAME,
  PROP_ACTOR_EMAIL,
  PROP_TIME,
  PROP_SYNC_ID,
  PROP_SYNC_STATUS,
  PROP_MESSAGE,
  PROP_JOB_ID,
  PROP_JOB_RAN_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GType
ferry_audit_actor_kind_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { FERRY_AUDIT_ACTOR_OTHER, "FERRY_AUDIT_ACTOR_OTHER", "other" },
        { FERRY_AUDIT_ACTOR_PLATFORM, "FERRY_AUDIT_ACTOR_PLATFORM", "platform" },
        { FERRY_AUDIT_ACTOR_USER, "FERRY_AUDIT_ACTOR_USER", "user" },
        { FERRY_AUDIT_ACTOR_IDENTITY, "FERRY_AUDIT_ACTOR_IDENTITY", "identity" },
        { FERRY_AUDIT_ACTOR_SERVICE, "FERRY_AUDIT_ACTOR_SERVICE", "service" },
        { 0, NULL, NULL },
      };
      GType type = g_enum_register_static (g_intern_static_string ("FerryAuditActorKind"), values);

      g_once_init_leave (&type_id, type);
    }

  return type_id;
}

static const struct
{
  FerryAuditEventKind  kind;
  const char          *type;
  const char          *nick;
} event_kinds[] = {
  { FERRY_AUDIT_EVENT_OTHER, NULL, "other" },
  { FERRY_AUDIT_EVENT_SYNC_RUN, "secret-sync-sync-secrets", "sync-run" },
  { FERRY_AUDIT_EVENT_REMOVE_RUN, "secret-sync-remove-secrets", "remove-run" },
  { FERRY_AUDIT_EVENT_IMPORT_RUN, "secret-sync-import-secrets", "import-run" },
  { FERRY_AUDIT_EVENT_CREATED, "create-secret-sync", "created" },
  { FERRY_AUDIT_EVENT_UPDATED, "update-secret-sync", "updated" },
  { FERRY_AUDIT_EVENT_DELETED, "delete-secret-sync", "deleted" },
};

GType
ferry_audit_event_kind_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      static GEnumValue values[G_N_ELEMENTS (event_kinds) + 1];
      GType type;

      for (guint i = 0; i < G_N_ELEMENTS (event_kinds); i++)
        {
          values[i].value = event_kinds[i].kind;
          values[i].value_name = event_kinds[i].nick;
          values[i].value_nick = event_kinds[i].nick;
        }
      type = g_enum_register_static (g_intern_static_string ("FerryAuditEventKind"), values);
      g_once_init_leave (&type_id, type);
    }

  return type_id;
}

static void
ferry_audit_event_finalize (GObject *object)
{
  FerryAuditEvent *self = FERRY_AUDIT_EVENT (object);

  g_free (self->id);
  g_free (self->event_type);
  g_free (self->actor_name);
  g_free (self->actor_email);
  g_clear_pointer (&self->time, g_date_time_unref);
  g_free (self->sync_id);
  g_free (self->message);
  g_free (self->job_id);
  g_clear_pointer (&self->job_ran_at, g_date_time_unref);

  G_OBJECT_CLASS (ferry_audit_event_parent_class)->finalize (object);
}

static void
ferry_audit_event_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  FerryAuditEvent *self = FERRY_AUDIT_EVENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_EVENT_TYPE:
      g_value_set_string (value, self->event_type);
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_ACTOR_KIND:
      g_value_set_enum (value, self->actor_kind);
      break;
    case PROP_ACTOR_NAME:
      g_value_set_string (value, self->actor_name);
      break;
    case PROP_ACTOR_EMAIL:
      g_value_set_string (value, self->actor_email);
      break;
    case PROP_TIME:
      g_value_set_boxed (value, self->time);
      break;
    case PROP_SYNC_ID:
      g_value_set_string (value, self->sync_id);
      break;
    case PROP_SYNC_STATUS:
      g_value_set_enum (value, self->sync_status);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_JOB_ID:
      g_value_set_string (value, self->job_id);
      break;
    case PROP_JOB_RAN_AT:
      g_value_set_boxed (value, self->job_ran_at);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_audit_event_class_init (FerryAuditEventClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ferry_audit_event_finalize;
  object_class->get_property = ferry_audit_event_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_EVENT_TYPE] = g_param_spec_string ("event-type", NULL, NULL, NULL, flags);
  properties[PROP_KIND] = g_param_spec_enum ("kind", NULL, NULL, FERRY_TYPE_AUDIT_EVENT_KIND,
                                             FERRY_AUDIT_EVENT_OTHER, flags);
  properties[PROP_ACTOR_KIND] = g_param_spec_enum ("actor-kind", NULL, NULL, FERRY_TYPE_AUDIT_ACTOR_KIND,
                                                   FERRY_AUDIT_ACTOR_OTHER, flags);
  properties[PROP_ACTOR_NAME] = g_param_spec_string ("actor-name", NULL, NULL, NULL, flags);
  properties[PROP_ACTOR_EMAIL] = g_param_spec_string ("actor-email", NULL, NULL, NULL, flags);
  properties[PROP_TIME] = g_param_spec_boxed ("time", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_SYNC_ID] = g_param_spec_string ("sync-id", NULL, NULL, NULL, flags);
  properties[PROP_SYNC_STATUS] = g_param_spec_enum ("sync-status", NULL, NULL, FERRY_TYPE_SYNC_STATUS,
                                                    FERRY_SYNC_STATUS_NONE, flags);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, flags);
  properties[PROP_JOB_ID] = g_param_spec_string ("job-id", NULL, NULL, NULL, flags);
  properties[PROP_JOB_RAN_AT] = g_param_spec_boxed ("job-ran-at", NULL, NULL, G_TYPE_DATE_TIME, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ferry_audit_event_init (FerryAuditEvent *self)
{
}

/* The member @name of @object if it is an object, else NULL (absent, null, another type). */
static JsonObject *
get_object (JsonObject *object,
            const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static const char *
get_string (JsonObject *object,
            const char *name)
{
  return object != NULL ? ferry_json_object_get_utf8 (object, name) : NULL;
}

/* The first of @names that is a string member. */
static const char *
get_first_string (JsonObject         *object,
                  const char * const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *value = get_string (object, names[i]);

      if (value != NULL)
        return value;
    }
  return NULL;
}

static GDateTime *
get_time (JsonObject *object,
          const char *name)
{
  const char *text = get_string (object, name);

  return text != NULL ? g_date_time_new_from_iso8601 (text, NULL) : NULL;
}

static FerryAuditActorKind
actor_kind_from_string (const char *type)
{
  static const struct { const char *type; FerryAuditActorKind kind; } map[] = {
    { "platform", FERRY_AUDIT_ACTOR_PLATFORM },
    { "user", FERRY_AUDIT_ACTOR_USER },
    { "identity", FERRY_AUDIT_ACTOR_IDENTITY },
    { "service", FERRY_AUDIT_ACTOR_SERVICE },
  };

  for (guint i = 0; type != NULL && i < G_N_ELEMENTS (map); i++)
    if (g_str_equal (type, map[i].type))
      return map[i].kind;
  return FERRY_AUDIT_ACTOR_OTHER;
}

FerryAuditEvent *
ferry_audit_event_new_from_json (JsonObject  *object,
                                 GError     **error)
{
  /* Each job event names its result after its action; the first secret-syncs builds said
   * "erase" for "remove" (see ferry-sync.c). */
  static const char * const status_keys[] = { "syncStatus", "removeStatus", "importStatus", "eraseStatus", NULL };
  static const char * const message_keys[] = { "syncMessage", "removeMessage", "importMessage", "eraseMessage", NULL };
  static const char * const name_keys[] = { "name", "username", NULL };
  g_autoptr(FerryAuditEvent) self = NULL;
  JsonObject *event, *metadata, *actor, *actor_metadata;
  const char *id, *type;
  g_autoptr(GDateTime) time = NULL;

  g_return_val_if_fail (object != NULL, NULL);

  event = get_object (object, "event");
  metadata = get_object (event, "metadata");
  actor = get_object (object, "actor");
  actor_metadata = get_object (actor, "metadata");

  id = get_string (object, "id");
  type = get_string (event, "type");
  time = get_time (object, "createdAt");
  if (id == NULL || type == NULL || time == NULL)
    {
      g_propagate_error (error, ferry_api_error_new_invalid_response ("an audit log event without %s",
                                                                      id == NULL ? "“id”"
                                                                      : type == NULL ? "“event.type”"
                                                                      : "a valid “createdAt”"));
      return NULL;
    }

  self = g_object_new (FERRY_TYPE_AUDIT_EVENT, NULL);
  self->id = g_strdup (id);
  self->event_type = g_strdup (type);
  for (guint i = 1; i < G_N_ELEMENTS (event_kinds); i++)
    if (g_str_equal (type, event_kinds[i].type))
      self->kind = event_kinds[i].kind;
  self->time = g_steal_pointer (&time);
  self->actor_kind = actor_kind_from_string (get_string (actor, "type"));
  self->actor_name = g_strdup (get_first_string (actor_metadata, name_keys));
  self->actor_email = g_strdup (get_string (actor_metadata, "email"));
  self->sync_id = g_strdup (get_string (metadata, "syncId"));
  self->job_id = g_strdup (get_string (metadata, "jobId"));
  self->job_ran_at = get_time (metadata, "jobRanAt");
  if (ferry_audit_event_is_run (self))
    {
      self->sync_status = ferry_sync_status_from_string (get_first_string (metadata, status_keys));
      self->message = g_strdup (get_first_string (metadata, message_keys));
    }

  return g_steal_pointer (&self);
}

const char *
ferry_audit_event_get_id (FerryAuditEvent *self)
{
  g_return_val_if_fail (FERRY_IS_AUDIT_EVENT (self), NULL);
  return self->id;
}

const char *
ferry_audit_event_get_event_type (FerryAuditEvent *self)
{
  g_return_val_if_fail (FERRY_IS_AUDIT_EVENT (self), NULL);
  return self->event_type;
}

FerryAuditEventKind
ferry_audit_event_get_kind (FerryAuditEvent *self)
{
  g_return_val_if_fail (FERRY_IS_AUDIT_EVENT (self), FERRY_AUDIT_EVENT_OTHER);
  return self->kind;
}

FerryAuditActorKind
ferry_audit_event_get_actor_kind (FerryAuditEvent *self)
{
  g_return_val_if_fail (FERRY_IS_AUDIT_EVENT (self), FERRY_AUDIT_ACTOR_OTHER);
  return self->actor_kind;
}

const char *
ferry_audit_event_get_actor_name (FerryAuditEvent *self)
{
  g_return_val_if_fail (FERRY_IS_AUDIT_EVENT (self), NULL);
  return self->actor_name;
}

const char *
ferry_audit_event_get_actor_email (FerryAuditEvent *self)
{
  g_return_val_if_fail (FERRY_IS_AUDIT_EVENT (self), NULL);
  return self->actor_email;
}

GDateTime *
ferry_audit_event_get_time (FerryAuditEvent *self)
{
  g_return_val_if_fail (FERRY_IS_AUDIT_EVENT (self), NULL);
  return self->time;
}

const char *
ferry_audit_event_get_sync_id (FerryAuditEvent *self)
{
  g_return_val_if_fail (FERRY_IS_AUDIT_EVENT (self), NULL);
  return self->sync_id;
}

FerrySyncStatus
ferry_audit_event_get_sync_status (FerryAuditEvent *self)
{
  g_return_val_if_fail (FERRY_IS_AUDIT_EVENT (self), FERRY_SYNC_STATUS_NONE);
  return self->sync_status;
}

const char *
ferry_audit_event_get_message (FerryAuditEvent *self)
{
  g_return_val_if_fail (FERRY_IS_AUDIT_EVENT (self), NULL);
  return self->message;
}

const char *
ferry_audit_event_get_job_id (FerryAuditEvent *self)
{
  g_return_val_if_fail (FERRY_IS_AUDIT_EVENT (self), NULL);
  return self->job_id;
}

GDateTime *
ferry_audit_event_get_job_ran_at (FerryAuditEvent *self)
{
  g_return_val_if_fail (FERRY_IS_AUDIT_EVENT (self), NULL);
  return self->job_ran_at;
}

gboolean
ferry_audit_event_is_run (FerryAuditEvent *self)
{
  g_return_val_if_fail (FERRY_IS_AUDIT_EVENT (self), FALSE);
  return self->kind == FERRY_AUDIT_EVENT_SYNC_RUN || self->kind == FERRY_AUDIT_EVENT_REMOVE_RUN ||
         self->kind == FERRY_AUDIT_EVENT_IMPORT_RUN;
}
