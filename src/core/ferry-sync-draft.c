/* ferry-sync-draft.c: the state of FerrySyncDraft, its properties and "dirty".
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The draft lives in src/core because it is the model the assistant's pages bind to, with
 * no GTK in it (see ferry-sync-draft.h). Its rules are in ferry-sync-draft-rules.c and its
 * request bodies in ferry-sync-draft-json.c.
 */

#include "config.h"

#include <string.h>

#include "ferry-sync-draft-private.h"

G_DEFINE_FINAL_TYPE (FerrySyncDraft, ferry_sync_draft, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROJECT_ID,
  PROP_ENVIRONMENT_SLUG,
  PROP_ENVIRONMENT_NAME,
  PROP_SECRET_PATH,
  PROP_CONNECTION_ID,
  PROP_CONNECTION_NAME,
  PROP_DEVOPS_PROJECT_ID,
  PROP_DEVOPS_PROJECT_NAME,
  PROP_KEY_SCHEMA,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_AUTO_SYNC_ENABLED,
  PROP_DISABLE_SECRET_DELETION,
  PROP_RECURSIVE,
  PROP_INITIAL_SYNC_BEHAVIOR,
  PROP_EDITING,
  PROP_SYNC_ID,
  PROP_DIRTY,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* String properties, their place in FerrySyncDraftValues and the field whose outside message a change
 * clears. */
static const struct
{
  guint               prop;
  gsize               offset;
  FerrySyncDraftField field;
} string_props[] = {
  { PROP_PROJECT_ID, G_STRUCT_OFFSET (FerrySyncDraftValues, project_id), FERRY_SYNC_DRAFT_FIELD_PROJECT },
  { PROP_ENVIRONMENT_SLUG, G_STRUCT_OFFSET (FerrySyncDraftValues, environment_slug), FERRY_SYNC_DRAFT_FIELD_ENVIRONMENT },
  { PROP_ENVIRONMENT_NAME, G_STRUCT_OFFSET (FerrySyncDraftValues, environment_name), FERRY_SYNC_DRAFT_FIELD_NONE },
  { PROP_SECRET_PATH, G_STRUCT_OFFSET (FerrySyncDraftValues, secret_path), FERRY_SYNC_DRAFT_FIELD_SECRET_PATH },
  { PROP_CONNECTION_ID, G_STRUCT_OFFSET (FerrySyncDraftValues, connection_id), FERRY_SYNC_DRAFT_FIELD_CONNECTION },
  { PROP_CONNECTION_NAME, G_STRUCT_OFFSET (FerrySyncDraftValues, connection_name), FERRY_SYNC_DRAFT_FIELD_NONE },
  { PROP_DEVOPS_PROJECT_ID, G_STRUCT_OFFSET (FerrySyncDraftValues, devops_project_id), FERRY_SYNC_DRAFT_FIELD_DEVOPS_PROJECT },
  { PROP_DEVOPS_PROJECT_NAME, G_STRUCT_OFFSET (FerrySyncDraftValues, devops_project_name), FERRY_SYNC_DRAFT_FIELD_NONE },
  { PROP_KEY_SCHEMA, G_STRUCT_OFFSET (FerrySyncDraftValues, key_schema), FERRY_SYNC_DRAFT_FIELD_KEY_SCHEMA },
  { PROP_NAME, G_STRUCT_OFFSET (FerrySyncDraftValues, name), FERRY_SYNC_DRAFT_FIELD_NAME },
  { PROP_DESCRIPTION, G_STRUCT_OFFSET (FerrySyncDraftValues, description), FERRY_SYNC_DRAFT_FIELD_DESCRIPTION },
};

#define VALUE_STR(values, offset) (G_STRUCT_MEMBER (char *, (values), (offset)))

/* ---- Values ---- */

static void
values_clear (FerrySyncDraftValues *values)
{
  for (guint i = 0; i < G_N_ELEMENTS (string_props); i++)
    g_clear_pointer (&VALUE_STR (values, string_props[i].offset), g_free);
  values->auto_sync_enabled = TRUE;
  values->disable_secret_deletion = FALSE;
}

static void
values_copy (FerrySyncDraftValues       *dest,
             const FerrySyncDraftValues *src)
{
  values_clear (dest);
  for (guint i = 0; i < G_N_ELEMENTS (string_props); i++)
    VALUE_STR (dest, string_props[i].offset) = g_strdup (VALUE_STR ((FerrySyncDraftValues *) src, string_props[i].offset));
  dest->auto_sync_enabled = src->auto_sync_enabled;
  dest->disable_secret_deletion = src->disable_secret_deletion;
  dest->recursive = src->recursive;
}

/* ---- Text, shared with the rules and the bodies ---- */

char *
ferry_sync_draft_trimmed (const char *str)
{
  char *copy;

  if (str == NULL)
    return NULL;

  copy = g_strstrip (g_strdup (str));
  if (*copy == '\0')
    g_clear_pointer (&copy, g_free);

  return copy;
}

gboolean
ferry_sync_draft_same_text (const char *a,
                            const char *b)
{
  g_autofree char *ta = ferry_sync_draft_trimmed (a);
  g_autofree char *tb = ferry_sync_draft_trimmed (b);

  return g_strcmp0 (ta, tb) == 0;
}

gboolean
ferry_sync_draft_same_path (const char *a,
                            const char *b)
{
  g_autofree char *na = ferry_sync_draft_normalize_secret_path (a);
  g_autofree char *nb = ferry_sync_draft_normalize_secret_path (b);

  return g_strcmp0 (na, nb) == 0;
}

static gboolean
values_equal (const FerrySyncDraftValues *a,
              const FerrySyncDraftValues *b)
{
  for (guint i = 0; i < G_N_ELEMENTS (string_props); i++)
    {
      const char *va = VALUE_STR ((FerrySyncDraftValues *) a, string_props[i].offset);
      const char *vb = VALUE_STR ((FerrySyncDraftValues *) b, string_props[i].offset);

      if (string_props[i].prop == PROP_SECRET_PATH)
        {
          if (!ferry_sync_draft_same_path (va, vb))
            return FALSE;
        }
      else if (!ferry_sync_draft_same_text (va, vb))
        return FALSE;
    }

  return a->auto_sync_enabled == b->auto_sync_enabled &&
         a->disable_secret_deletion == b->disable_secret_deletion &&
         a->recursive == b->recursive;
}

/* ---- GObject ---- */

static void
update_dirty (FerrySyncDraft *self)
{
  gboolean dirty = !values_equal (&self->values, &self->clean);

  if (dirty != self->dirty)
    {
      self->dirty = dirty;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
    }
}

static void
clear_field_error (FerrySyncDraft      *self,
                   FerrySyncDraftField  field)
{
  if (field != FERRY_SYNC_DRAFT_FIELD_NONE)
    g_clear_pointer (&self->field_errors[field], g_free);
  /* Which keys collide across subfolders depends on the source and the key schema. */
  if (field == FERRY_SYNC_DRAFT_FIELD_KEY_SCHEMA || field == FERRY_SYNC_DRAFT_FIELD_SECRET_PATH ||
      field == FERRY_SYNC_DRAFT_FIELD_ENVIRONMENT)
    g_clear_pointer (&self->field_errors[FERRY_SYNC_DRAFT_FIELD_RECURSIVE], g_free);
}

/* Sets one string property; returns TRUE when it changed. Does not emit "changed". */
static gboolean
set_string_prop (FerrySyncDraft *self,
                 guint           prop,
                 const char     *value)
{
  for (guint i = 0; i < G_N_ELEMENTS (string_props); i++)
    {
      char **slot;

      if (string_props[i].prop != prop)
        continue;

      slot = &VALUE_STR (&self->values, string_props[i].offset);
      if (g_strcmp0 (*slot, value) == 0)
        return FALSE;

      g_free (*slot);
      *slot = g_strdup (value);
      clear_field_error (self, string_props[i].field);
      /* Whether a folder exists depends on the environment too. */
      if (prop == PROP_ENVIRONMENT_SLUG)
        clear_field_error (self, FERRY_SYNC_DRAFT_FIELD_SECRET_PATH);
      g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
      return TRUE;
    }

  g_assert_not_reached ();
}

void
ferry_sync_draft_emit_changed (FerrySyncDraft *self)
{
  update_dirty (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
ferry_sync_draft_finalize (GObject *object)
{
  FerrySyncDraft *self = FERRY_SYNC_DRAFT (object);

  values_clear (&self->values);
  values_clear (&self->clean);
  values_clear (&self->original);
  g_clear_pointer (&self->sync_id, g_free);
  for (guint i = 0; i < FERRY_SYNC_DRAFT_N_FIELDS; i++)
    g_clear_pointer (&self->field_errors[i], g_free);

  G_OBJECT_CLASS (ferry_sync_draft_parent_class)->finalize (object);
}

static void
ferry_sync_draft_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  FerrySyncDraft *self = FERRY_SYNC_DRAFT (object);

  for (guint i = 0; i < G_N_ELEMENTS (string_props); i++)
    {
      if (string_props[i].prop == prop_id)
        {
          g_value_set_string (value, VALUE_STR (&self->values, string_props[i].offset));
          return;
        }
    }

  switch (prop_id)
    {
    case PROP_AUTO_SYNC_ENABLED:
      g_value_set_boolean (value, self->values.auto_sync_enabled);
      break;

    case PROP_DISABLE_SECRET_DELETION:
      g_value_set_boolean (value, self->values.disable_secret_deletion);
      break;
    case PROP_RECURSIVE:
      g_value_set_boolean (value, self->values.recursive);
      break;

    case PROP_INITIAL_SYNC_BEHAVIOR:
      g_value_set_string (value, FERRY_SYNC_DRAFT_INITIAL_SYNC_BEHAVIOR);
      break;

    case PROP_EDITING:
      g_value_set_boolean (value, self->editing);
      break;

    case PROP_SYNC_ID:
      g_value_set_string (value, self->sync_id);
      break;

    case PROP_DIRTY:
      g_value_set_boolean (value, self->dirty);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_sync_draft_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  FerrySyncDraft *self = FERRY_SYNC_DRAFT (object);

  for (guint i = 0; i < G_N_ELEMENTS (string_props); i++)
    {
      if (string_props[i].prop == prop_id)
        {
          if (set_string_prop (self, prop_id, g_value_get_string (value)))
            ferry_sync_draft_emit_changed (self);
          return;
        }
    }

  switch (prop_id)
    {
    case PROP_AUTO_SYNC_ENABLED:
      ferry_sync_draft_set_auto_sync_enabled (self, g_value_get_boolean (value));
      break;

    case PROP_DISABLE_SECRET_DELETION:
      ferry_sync_draft_set_disable_secret_deletion (self, g_value_get_boolean (value));
      break;
    case PROP_RECURSIVE:
      ferry_sync_draft_set_recursive (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_sync_draft_class_init (FerrySyncDraftClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = ferry_sync_draft_finalize;
  object_class->get_property = ferry_sync_draft_get_property;
  object_class->set_property = ferry_sync_draft_set_property;

  properties[PROP_PROJECT_ID] = g_param_spec_string ("project-id", NULL, NULL, NULL, rw);
  properties[PROP_ENVIRONMENT_SLUG] = g_param_spec_string ("environment-slug", NULL, NULL, NULL, rw);
  properties[PROP_ENVIRONMENT_NAME] = g_param_spec_string ("environment-name", NULL, NULL, NULL, rw);
  properties[PROP_SECRET_PATH] = g_param_spec_string ("secret-path", NULL, NULL, NULL, rw);
  properties[PROP_CONNECTION_ID] = g_param_spec_string ("connection-id", NULL, NULL, NULL, rw);
  properties[PROP_CONNECTION_NAME] = g_param_spec_string ("connection-name", NULL, NULL, NULL, rw);
  properties[PROP_DEVOPS_PROJECT_ID] = g_param_spec_string ("devops-project-id", NULL, NULL, NULL, rw);
  properties[PROP_DEVOPS_PROJECT_NAME] = g_param_spec_string ("devops-project-name", NULL, NULL, NULL, rw);
  properties[PROP_KEY_SCHEMA] = g_param_spec_string ("key-schema", NULL, NULL, NULL, rw);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, rw);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, rw);
  properties[PROP_AUTO_SYNC_ENABLED] = g_param_spec_boolean ("auto-sync-enabled", NULL, NULL, TRUE, rw);
  properties[PROP_DISABLE_SECRET_DELETION] = g_param_spec_boolean ("disable-secret-deletion", NULL, NULL, FALSE, rw);
  properties[PROP_RECURSIVE] = g_param_spec_boolean ("recursive", NULL, NULL, FALSE, rw);
  properties[PROP_INITIAL_SYNC_BEHAVIOR] = g_param_spec_string ("initial-sync-behavior", NULL, NULL,
                                                                FERRY_SYNC_DRAFT_INITIAL_SYNC_BEHAVIOR, ro);
  properties[PROP_EDITING] = g_param_spec_boolean ("editing", NULL, NULL, FALSE, ro);
  properties[PROP_SYNC_ID] = g_param_spec_string ("sync-id", NULL, NULL, NULL, ro);
  properties[PROP_DIRTY] = g_param_spec_boolean ("dirty", NULL, NULL, FALSE, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FerrySyncDraft::changed:
   *
   * Emitted once after any choice changed (after its notify), and when a field's outside
   * message was set or cleared: validity may have changed.
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
}

static void
ferry_sync_draft_init (FerrySyncDraft *self)
{
  values_clear (&self->values);
  values_clear (&self->clean);
  values_clear (&self->original);
}

FerrySyncDraft *
ferry_sync_draft_new (const char *project_id)
{
  FerrySyncDraft *self = g_object_new (FERRY_TYPE_SYNC_DRAFT, NULL);

  self->values.project_id = g_strdup (project_id);
  values_copy (&self->clean, &self->values);

  return self;
}

FerrySyncDraft *
ferry_sync_draft_new_from_sync (FerrySync *sync)
{
  FerrySyncDraft *self;
  FerrySyncDraftValues *v;

  g_return_val_if_fail (FERRY_IS_SYNC (sync), NULL);

  self = g_object_new (FERRY_TYPE_SYNC_DRAFT, NULL);
  self->editing = TRUE;
  self->sync_id = g_strdup (ferry_resource_get_id (FERRY_RESOURCE (sync)));

  v = &self->values;
  v->project_id = g_strdup (ferry_sync_get_project_id (sync));
  v->environment_slug = g_strdup (ferry_sync_get_environment_slug (sync));
  v->environment_name = g_strdup (ferry_sync_get_environment_name (sync));
  v->secret_path = g_strdup (ferry_sync_get_secret_path (sync));
  v->connection_id = g_strdup (ferry_sync_get_connection_id (sync));
  v->connection_name = g_strdup (ferry_sync_get_connection_name (sync));
  v->devops_project_id = g_strdup (ferry_sync_get_devops_project_id (sync));
  v->devops_project_name = g_strdup (ferry_sync_get_devops_project_name (sync));
  v->key_schema = g_strdup (ferry_sync_get_key_schema (sync));
  v->name = g_strdup (ferry_sync_get_name (sync));
  v->description = g_strdup (ferry_sync_get_description (sync));
  v->auto_sync_enabled = ferry_sync_get_auto_sync_enabled (sync);
  v->disable_secret_deletion = ferry_sync_get_disable_secret_deletion (sync);
  v->recursive = ferry_sync_get_recursive (sync);
  self->server_build = ferry_server_build_from_sync (sync);
  self->recursive_unsupported = self->server_build == FERRY_SERVER_BUILD_OLD;

  values_copy (&self->original, v);
  values_copy (&self->clean, v);

  return self;
}

gboolean
ferry_sync_draft_get_editing (FerrySyncDraft *self)
{
  g_return_val_if_fail (FERRY_IS_SYNC_DRAFT (self), FALSE);

  return self->editing;
}

const char *
ferry_sync_draft_get_sync_id (FerrySyncDraft *self)
{
  g_return_val_if_fail (FERRY_IS_SYNC_DRAFT (self), NULL);

  return self->sync_id;
}

/* ---- Accessors ---- */

#define DEFINE_STRING_ACCESSORS(field, PROP)                                  \
  const char *                                                              \
  ferry_sync_draft_get_##field (FerrySyncDraft *self)                       \
  {                                                                         \
    g_return_val_if_fail (FERRY_IS_SYNC_DRAFT (self), NULL);                \
    return self->values.field;                                              \
  }

DEFINE_STRING_ACCESSORS (project_id, PROP_PROJECT_ID)
DEFINE_STRING_ACCESSORS (environment_slug, PROP_ENVIRONMENT_SLUG)
DEFINE_STRING_ACCESSORS (environment_name, PROP_ENVIRONMENT_NAME)
DEFINE_STRING_ACCESSORS (secret_path, PROP_SECRET_PATH)
DEFINE_STRING_ACCESSORS (connection_id, PROP_CONNECTION_ID)
DEFINE_STRING_ACCESSORS (connection_name, PROP_CONNECTION_NAME)
DEFINE_STRING_ACCESSORS (devops_project_id, PROP_DEVOPS_PROJECT_ID)
DEFINE_STRING_ACCESSORS (devops_project_name, PROP_DEVOPS_PROJECT_NAME)
DEFINE_STRING_ACCESSORS (key_schema, PROP_KEY_SCHEMA)
DEFINE_STRING_ACCESSORS (name, PROP_NAME)
DEFINE_STRING_ACCESSORS (description, PROP_DESCRIPTION)

#undef DEFINE_STRING_ACCESSORS

void
ferry_sync_draft_set_project_id (FerrySyncDraft *self,
                                 const char     *project_id)
{
  g_return_if_fail (FERRY_IS_SYNC_DRAFT (self));

  if (set_string_prop (self, PROP_PROJECT_ID, project_id))
    ferry_sync_draft_emit_changed (self);
}

void
ferry_sync_draft_set_environment (FerrySyncDraft *self,
                                  const char     *slug,
                                  const char     *name)
{
  gboolean changed;

  g_return_if_fail (FERRY_IS_SYNC_DRAFT (self));

  g_object_freeze_notify (G_OBJECT (self));
  changed = set_string_prop (self, PROP_ENVIRONMENT_SLUG, slug);
  changed |= set_string_prop (self, PROP_ENVIRONMENT_NAME, name);
  g_object_thaw_notify (G_OBJECT (self));

  if (changed)
    ferry_sync_draft_emit_changed (self);
}

void
ferry_sync_draft_set_secret_path (FerrySyncDraft *self,
                                  const char     *secret_path)
{
  g_return_if_fail (FERRY_IS_SYNC_DRAFT (self));

  if (set_string_prop (self, PROP_SECRET_PATH, secret_path))
    ferry_sync_draft_emit_changed (self);
}

void
ferry_sync_draft_set_connection (FerrySyncDraft *self,
                                 const char     *id,
                                 const char     *name)
{
  gboolean changed;

  g_return_if_fail (FERRY_IS_SYNC_DRAFT (self));

  g_object_freeze_notify (G_OBJECT (self));
  changed = set_string_prop (self, PROP_CONNECTION_ID, id);
  changed |= set_string_prop (self, PROP_CONNECTION_NAME, name);
  g_object_thaw_notify (G_OBJECT (self));

  if (changed)
    ferry_sync_draft_emit_changed (self);
}

void
ferry_sync_draft_set_devops_project (FerrySyncDraft *self,
                                     const char     *id,
                                     const char     *name)
{
  gboolean changed;

  g_return_if_fail (FERRY_IS_SYNC_DRAFT (self));

  g_object_freeze_notify (G_OBJECT (self));
  changed = set_string_prop (self, PROP_DEVOPS_PROJECT_ID, id);
  changed |= set_string_prop (self, PROP_DEVOPS_PROJECT_NAME, name);
  g_object_thaw_notify (G_OBJECT (self));

  if (changed)
    ferry_sync_draft_emit_changed (self);
}

void
ferry_sync_draft_set_key_schema (FerrySyncDraft *self,
                                 const char     *key_schema)
{
  g_return_if_fail (FERRY_IS_SYNC_DRAFT (self));

  if (set_string_prop (self, PROP_KEY_SCHEMA, key_schema))
    ferry_sync_draft_emit_changed (self);
}

void
ferry_sync_draft_set_name (FerrySyncDraft *self,
                           const char     *name)
{
  g_return_if_fail (FERRY_IS_SYNC_DRAFT (self));

  if (set_string_prop (self, PROP_NAME, name))
    ferry_sync_draft_emit_changed (self);
}

void
ferry_sync_draft_set_description (FerrySyncDraft *self,
                                  const char     *description)
{
  g_return_if_fail (FERRY_IS_SYNC_DRAFT (self));

  if (set_string_prop (self, PROP_DESCRIPTION, description))
    ferry_sync_draft_emit_changed (self);
}

gboolean
ferry_sync_draft_get_auto_sync_enabled (FerrySyncDraft *self)
{
  g_return_val_if_fail (FERRY_IS_SYNC_DRAFT (self), TRUE);

  return self->values.auto_sync_enabled;
}

void
ferry_sync_draft_set_auto_sync_enabled (FerrySyncDraft *self,
                                        gboolean        enabled)
{
  g_return_if_fail (FERRY_IS_SYNC_DRAFT (self));

  enabled = !!enabled;
  if (self->values.auto_sync_enabled == enabled)
    return;

  self->values.auto_sync_enabled = enabled;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTO_SYNC_ENABLED]);
  ferry_sync_draft_emit_changed (self);
}

gboolean
ferry_sync_draft_get_disable_secret_deletion (FerrySyncDraft *self)
{
  g_return_val_if_fail (FERRY_IS_SYNC_DRAFT (self), FALSE);

  return self->values.disable_secret_deletion;
}

void
ferry_sync_draft_set_disable_secret_deletion (FerrySyncDraft *self,
                                              gboolean        disable)
{
  g_return_if_fail (FERRY_IS_SYNC_DRAFT (self));

  disable = !!disable;
  if (self->values.disable_secret_deletion == disable)
    return;

  self->values.disable_secret_deletion = disable;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISABLE_SECRET_DELETION]);
  ferry_sync_draft_emit_changed (self);
}

gboolean
ferry_sync_draft_get_recursive (FerrySyncDraft *self)
{
  g_return_val_if_fail (FERRY_IS_SYNC_DRAFT (self), FALSE);

  return self->values.recursive;
}

void
ferry_sync_draft_set_recursive (FerrySyncDraft *self,
                                gboolean        recursive)
{
  g_return_if_fail (FERRY_IS_SYNC_DRAFT (self));

  recursive = !!recursive;
  if (self->values.recursive == recursive)
    return;

  self->values.recursive = recursive;
  /* The server's key-collision refusal was about the subtree: gone with the change. */
  g_clear_pointer (&self->field_errors[FERRY_SYNC_DRAFT_FIELD_RECURSIVE], g_free);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECURSIVE]);
  ferry_sync_draft_emit_changed (self);
}

FerryServerBuild
ferry_sync_draft_get_server_build (FerrySyncDraft *self)
{
  g_return_val_if_fail (FERRY_IS_SYNC_DRAFT (self), FERRY_SERVER_BUILD_UNKNOWN);

  return self->server_build;
}

void
ferry_sync_draft_set_server_build (FerrySyncDraft   *self,
                                   FerryServerBuild  build)
{
  g_return_if_fail (FERRY_IS_SYNC_DRAFT (self));

  if (self->server_build == build)
    return;
  self->server_build = build;
  if (build == FERRY_SERVER_BUILD_OLD)
    self->recursive_unsupported = TRUE;
  ferry_sync_draft_emit_changed (self);
}

gboolean
ferry_sync_draft_get_recursive_supported (FerrySyncDraft *self)
{
  g_return_val_if_fail (FERRY_IS_SYNC_DRAFT (self), FALSE);

  return !self->recursive_unsupported;
}

void
ferry_sync_draft_set_recursive_supported (FerrySyncDraft *self,
                                          gboolean        supported)
{
  g_return_if_fail (FERRY_IS_SYNC_DRAFT (self));

  if (self->recursive_unsupported == !supported)
    return;
  self->recursive_unsupported = !supported;
  ferry_sync_draft_emit_changed (self);
}

guint
ferry_sync_draft_get_name_max (FerrySyncDraft *self)
{
  g_return_val_if_fail (FERRY_IS_SYNC_DRAFT (self), FERRY_SERVER_OLD_SYNC_NAME_MAX);

  return ferry_server_build_sync_name_max (self->server_build);
}

const char *
ferry_sync_draft_get_initial_sync_behavior (FerrySyncDraft *self)
{
  g_return_val_if_fail (FERRY_IS_SYNC_DRAFT (self), NULL);

  return FERRY_SYNC_DRAFT_INITIAL_SYNC_BEHAVIOR;
}

gboolean
ferry_sync_draft_get_dirty (FerrySyncDraft *self)
{
  g_return_val_if_fail (FERRY_IS_SYNC_DRAFT (self), FALSE);

  return self->dirty;
}

void
ferry_sync_draft_mark_clean (FerrySyncDraft *self)
{
  g_return_if_fail (FERRY_IS_SYNC_DRAFT (self));

  values_copy (&self->clean, &self->values);
  update_dirty (self);
}
