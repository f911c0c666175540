/* ferry-sync-draft.c
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ferry-api-error.h"
#include "ferry-sync-draft.h"

typedef struct
{
  char     *project_id;
  char     *environment_slug;
  char     *environment_name;
  char     *secret_path;
  char     *connection_id;
  char     *connection_name;
  char     *devops_project_id;
  char     *devops_project_name;
  char     *key_schema;
  char     *name;
  char     *description;
  gboolean  auto_sync_enabled;
  gboolean  disable_secret_deletion;
} Values;

struct _FerrySyncDraft
{
  GObject   parent_instance;

  Values    values;
  Values    clean;          /* state "dirty" compares against */
  Values    original;       /* edit mode: the sync as the server has it */

  char     *sync_id;
  char     *field_errors[FERRY_SYNC_DRAFT_N_FIELDS];

  guint     editing : 1;
  guint     dirty : 1;
};

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

/* String properties, their place in Values and the field whose outside message a change
 * clears. */
static const struct
{
  guint               prop;
  gsize               offset;
  FerrySyncDraftField field;
} string_props[] = {
  { PROP_PROJECT_ID, G_STRUCT_OFFSET (Values, project_id), FERRY_SYNC_DRAFT_FIELD_PROJECT },
  { PROP_ENVIRONMENT_SLUG, G_STRUCT_OFFSET (Values, environment_slug), FERRY_SYNC_DRAFT_FIELD_ENVIRONMENT },
  { PROP_ENVIRONMENT_NAME, G_STRUCT_OFFSET (Values, environment_name), FERRY_SYNC_DRAFT_FIELD_NONE },
  { PROP_SECRET_PATH, G_STRUCT_OFFSET (Values, secret_path), FERRY_SYNC_DRAFT_FIELD_SECRET_PATH },
  { PROP_CONNECTION_ID, G_STRUCT_OFFSET (Values, connection_id), FERRY_SYNC_DRAFT_FIELD_CONNECTION },
  { PROP_CONNECTION_NAME, G_STRUCT_OFFSET (Values, connection_name), FERRY_SYNC_DRAFT_FIELD_NONE },
  { PROP_DEVOPS_PROJECT_ID, G_STRUCT_OFFSET (Values, devops_project_id), FERRY_SYNC_DRAFT_FIELD_DEVOPS_PROJECT },
  { PROP_DEVOPS_PROJECT_NAME, G_STRUCT_OFFSET (Values, devops_project_name), FERRY_SYNC_DRAFT_FIELD_NONE },
  { PROP_KEY_SCHEMA, G_STRUCT_OFFSET (Values, key_schema), FERRY_SYNC_DRAFT_FIELD_KEY_SCHEMA },
  { PROP_NAME, G_STRUCT_OFFSET (Values, name), FERRY_SYNC_DRAFT_FIELD_NAME },
  { PROP_DESCRIPTION, G_STRUCT_OFFSET (Values, description), FERRY_SYNC_DRAFT_FIELD_DESCRIPTION },
};

#define VALUE_STR(values, offset) (G_STRUCT_MEMBER (char *, (values), (offset)))

/* ---- Values ---- */

static void
values_clear (Values *values)
{
  for (guint i = 0; i < G_N_ELEMENTS (string_props); i++)
    g_clear_pointer (&VALUE_STR (values, string_props[i].offset), g_free);
  values->auto_sync_enabled = TRUE;
  values->disable_secret_deletion = FALSE;
}

static void
values_copy (Values       *dest,
             const Values *src)
{
  values_clear (dest);
  for (guint i = 0; i < G_N_ELEMENTS (string_props); i++)
    VALUE_STR (dest, string_props[i].offset) = g_strdup (VALUE_STR ((Values *) src, string_props[i].offset));
  dest->auto_sync_enabled = src->auto_sync_enabled;
  dest->disable_secret_deletion = src->disable_secret_deletion;
}

static gboolean
is_empty (const char *str)
{
  return str == NULL || *str == '\0';
}

/* Trimmed copy; NULL for NULL or blank. */
static char *
trimmed (const char *str)
{
  char *copy;

  if (str == NULL)
    return NULL;

  copy = g_strstrip (g_strdup (str));
  if (*copy == '\0')
    g_clear_pointer (&copy, g_free);

  return copy;
}

/* Equal as the server would see them: trimmed, blank = absent. */
static gboolean
same_text (const char *a,
           const char *b)
{
  g_autofree char *ta = trimmed (a);
  g_autofree char *tb = trimmed (b);

  return g_strcmp0 (ta, tb) == 0;
}

static gboolean
same_path (const char *a,
           const char *b)
{
  g_autofree char *na = ferry_sync_draft_normalize_secret_path (a);
  g_autofree char *nb = ferry_sync_draft_normalize_secret_path (b);

  return g_strcmp0 (na, nb) == 0;
}

static gboolean
values_equal (const Values *a,
              const Values *b)
{
  for (guint i = 0; i < G_N_ELEMENTS (string_props); i++)
    {
      const char *va = VALUE_STR ((Values *) a, string_props[i].offset);
      const char *vb = VALUE_STR ((Values *) b, string_props[i].offset);

      if (string_props[i].prop == PROP_SECRET_PATH)
        {
          if (!same_path (va, vb))
            return FALSE;
        }
      else if (!same_text (va, vb))
        return FALSE;
    }

  return a->auto_sync_enabled == b->auto_sync_enabled &&
         a->disable_secret_deletion == b->disable_secret_deletion;
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

static void
emit_changed (FerrySyncDraft *self)
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
            emit_changed (self);
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
  Values *v;

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
    emit_changed (self);
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
    emit_changed (self);
}

void
ferry_sync_draft_set_secret_path (FerrySyncDraft *self,
                                  const char     *secret_path)
{
  g_return_if_fail (FERRY_IS_SYNC_DRAFT (self));

  if (set_string_prop (self, PROP_SECRET_PATH, secret_path))
    emit_changed (self);
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
    emit_changed (self);
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
    emit_changed (self);
}

void
ferry_sync_draft_set_key_schema (FerrySyncDraft *self,
                                 const char     *key_schema)
{
  g_return_if_fail (FERRY_IS_SYNC_DRAFT (self));

  if (set_string_prop (self, PROP_KEY_SCHEMA, key_schema))
    emit_changed (self);
}

void
ferry_sync_draft_set_name (FerrySyncDraft *self,
                           const char     *name)
{
  g_return_if_fail (FERRY_IS_SYNC_DRAFT (self));

  if (set_string_prop (self, PROP_NAME, name))
    emit_changed (self);
}

void
ferry_sync_draft_set_description (FerrySyncDraft *self,
                                  const char     *description)
{
  g_return_if_fail (FERRY_IS_SYNC_DRAFT (self));

  if (set_string_prop (self, PROP_DESCRIPTION, description))
    emit_changed (self);
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
  emit_changed (self);
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
  emit_changed (self);
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

/* ---- Rules ---- */

char *
ferry_sync_draft_normalize_secret_path (const char *secret_path)
{
  char *path;
  gsize len;

  path = trimmed (secret_path);
  if (path == NULL)
    return NULL;

  /* removeTrailingSlash: "/a/b/" → "/a/b", but "/" stays "/". */
  len = strlen (path);
  while (len > 1 && path[len - 1] == '/')
    path[--len] = '\0';

  return path;
}

gsize
ferry_sync_draft_count_chars (const char *text)
{
  gsize count = 0;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return text == NULL ? 0 : strlen (text);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    count += g_utf8_get_char (p) > 0xFFFF ? 2 : 1;

  return count;
}

static gboolean
is_slug_char (char c)
{
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

/* The first character (as a string) of @text that @allowed rejects, or NULL. */
static char *
first_bad_char (const char *text,
                gboolean  (*allowed) (gunichar c))
{
  if (!g_utf8_validate (text, -1, NULL))
    return g_strdup ("?");

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!allowed (c))
        return g_strndup (p, g_utf8_next_char (p) - p);
    }

  return NULL;
}

static gboolean
slug_char_allowed (gunichar c)
{
  return c < 0x80 && is_slug_char ((char) c);
}

/* The slug rules of Infisical's slugSchema (round trip through slugify): lowercase a–z,
 * digits and single hyphens, no hyphen at either end. @what_empty is the message for an
 * empty value. Returns NULL when @slug is fine. */
static char *
check_slug (const char *slug,
            gsize       max,
            const char *what_empty)
{
  g_autofree char *bad = NULL;
  gsize len;

  if (is_empty (slug))
    return g_strdup (what_empty);

  bad = first_bad_char (slug, slug_char_allowed);
  if (bad != NULL)
    {
      if (g_unichar_isupper (g_utf8_get_char (bad)))
        return g_strdup (_("Use lowercase letters only: Infisical does not accept capitals here."));
      if (g_str_equal (bad, " "))
        return g_strdup (_("Use hyphens instead of spaces, for example “web-production”."));
      /* Translators: %s is the one character that is not allowed, e.g. “_”. */
      return g_strdup_printf (_("“%s” is not allowed: use lowercase letters (a–z), digits and hyphens."), bad);
    }

  if (slug[0] == '-' || slug[strlen (slug) - 1] == '-')
    return g_strdup (_("Start and end with a letter or digit, not a hyphen."));

  if (strstr (slug, "--") != NULL)
    return g_strdup (_("Use single hyphens only, not “--”."));

  len = strlen (slug);
  if (len > max)
    return g_strdup_printf (ngettext ("Use at most %u character.",
                                      "Use at most %u characters.",
                                      (gulong) max),
                            (guint) max);

  return NULL;
}

static char *
check_name (const char *name)
{
  g_autofree char *trim = trimmed (name);
  char *message;

  message = check_slug (trim, G_MAXSIZE, _("Enter a name for the sync, for example “web-production”."));
  if (message != NULL)
    return message;

  if (strlen (trim) > FERRY_SYNC_DRAFT_NAME_MAX)
    /* Translators: %u is the limit, 32. */
    return g_strdup_printf (_("Use at most %u characters. Newer Infisical servers allow longer "
                              "names, but older ones refuse them, so Ferry keeps names short."),
                            (guint) FERRY_SYNC_DRAFT_NAME_MAX);

  return NULL;
}

static char *
check_description (const char *description)
{
  g_autofree char *trim = trimmed (description);
  gsize count = ferry_sync_draft_count_chars (trim);

  if (count > FERRY_SYNC_DRAFT_DESCRIPTION_MAX)
    /* Translators: first %u is the limit (256), second how many characters there are. */
    return g_strdup_printf (_("Shorten the description to %u characters (it has %u)."),
                            (guint) FERRY_SYNC_DRAFT_DESCRIPTION_MAX, (guint) count);

  return NULL;
}

static char *
check_environment (const char *slug)
{
  g_autofree char *message = NULL;

  message = check_slug (slug, FERRY_SYNC_DRAFT_ENVIRONMENT_MAX,
                        _("Choose the environment to take the secrets from."));
  if (message == NULL)
    return NULL;
  if (is_empty (slug))
    return g_steal_pointer (&message);

  /* Environments come from the project, so a bad slug means the project is unusual. */
  /* Translators: %s is an environment slug, e.g. “prod”. */
  return g_strdup_printf (_("Infisical cannot sync the environment “%s”: its slug is not valid. "
                            "Choose another environment."), slug);
}

static char *
check_secret_path (const char *secret_path)
{
  g_autofree char *path = ferry_sync_draft_normalize_secret_path (secret_path);

  if (path == NULL)
    return g_strdup (_("Enter the folder to take the secrets from, for example “/” or “/backend/api”."));

  if (path[0] != '/')
    return g_strdup (_("A secret path starts with “/”, for example “/backend/api”."));

  if (strstr (path, "//") != NULL)
    return g_strdup (_("A secret path cannot contain an empty folder name (“//”)."));

  return NULL;
}

static char *
check_connection (const char *connection_id)
{
  if (is_empty (connection_id))
    return g_strdup (_("Choose the Azure DevOps connection to sync with, or add one."));

  if (!g_uuid_string_is_valid (connection_id))
    return g_strdup (_("This connection cannot be used: its id is not valid. Choose another connection."));

  return NULL;
}

static char *
check_devops_project (const char *devops_project_id)
{
  g_autofree char *id = trimmed (devops_project_id);

  if (id == NULL)
    return g_strdup (_("Choose the Azure DevOps project to write the variable group to."));

  /* The server accepts any non-empty string, but the sync uses it as the project id in
   * Azure DevOps' variable group reference, which must be the project's GUID. */
  if (!g_uuid_string_is_valid (id))
    return g_strdup (_("Enter the project’s id, a GUID such as "
                       "“3f2e1a4b-5c6d-4e7f-8a9b-0c1d2e3f4a5b”, not its name."));

  return NULL;
}

static gboolean
key_schema_char_allowed (gunichar c)
{
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
         c == '_' || c == '-' || c == '/';
}

static char *
check_key_schema (const char *key_schema)
{
  g_autofree char *schema = trimmed (key_schema);
  g_autoptr(GString) rest = NULL;
  g_autofree char *bad = NULL;
  guint n_secret_key = 0;
  const char *p;

  if (schema == NULL)
    return NULL;

  if (ferry_sync_draft_count_chars (schema) > FERRY_SYNC_DRAFT_KEY_SCHEMA_MAX)
    return g_strdup_printf (_("Shorten the key schema to %u characters."),
                            (guint) FERRY_SYNC_DRAFT_KEY_SCHEMA_MAX);

  /* Infisical's own docs once showed "${secretKey}" (fact sheet §8.12). */
  for (p = strstr (schema, "${"); p != NULL; p = strstr (p + 2, "${"))
    if (p[2] != '{')
      return g_strdup (_("Write placeholders with double braces: {{secretKey}}, not ${secretKey}."));

  /* Take the placeholders out, then check what is left. */
  rest = g_string_new (NULL);
  p = schema;
  while (*p)
    {
      if (g_str_has_prefix (p, "{{secretKey}}"))
        {
          n_secret_key++;
          p += strlen ("{{secretKey}}");
        }
      else if (g_str_has_prefix (p, "{{environment}}"))
        p += strlen ("{{environment}}");
      else if (g_str_has_prefix (p, "{{"))
        {
          const char *end = strstr (p, "}}");
          g_autofree char *unknown = end != NULL ? g_strndup (p, end + 2 - p) : g_strdup (p);

          /* Translators: %s is what was typed, e.g. “{{secretkey}}”. Keep {{secretKey}} and
           * {{environment}} as they are. */
          return g_strdup_printf (_("“%s” is not a placeholder Infisical knows: use {{secretKey}} "
                                    "and, if you like, {{environment}}."), unknown);
        }
      else
        g_string_append_c (rest, *p++);
    }

  if (n_secret_key == 0)
    return g_strdup (_("Include {{secretKey}} where the secret’s name goes, "
                       "for example “APP_{{secretKey}}”."));

  if (n_secret_key > 1)
    return g_strdup (_("Use {{secretKey}} only once."));

  bad = first_bad_char (rest->str, key_schema_char_allowed);
  if (bad != NULL)
    /* Translators: %s is the one character that is not allowed, e.g. “.”. */
    return g_strdup_printf (_("“%s” is not allowed in a key schema: besides the placeholders use "
                              "only letters (A–Z, a–z), digits, “_”, “-” and “/”."),
                            g_str_equal (bad, " ") ? _("Space") : bad);

  return NULL;
}

char *
ferry_sync_draft_validate_field (FerrySyncDraft      *self,
                                 FerrySyncDraftField  field)
{
  g_return_val_if_fail (FERRY_IS_SYNC_DRAFT (self), NULL);
  g_return_val_if_fail (field < FERRY_SYNC_DRAFT_N_FIELDS, NULL);

  if (self->field_errors[field] != NULL)
    return g_strdup (self->field_errors[field]);

  return ferry_sync_draft_check_rules (self, field);
}

char *
ferry_sync_draft_check_rules (FerrySyncDraft      *self,
                              FerrySyncDraftField  field)
{
  g_return_val_if_fail (FERRY_IS_SYNC_DRAFT (self), NULL);
  g_return_val_if_fail (field < FERRY_SYNC_DRAFT_N_FIELDS, NULL);

  switch (field)
    {
    case FERRY_SYNC_DRAFT_FIELD_NONE:
      return NULL;

    case FERRY_SYNC_DRAFT_FIELD_PROJECT:
      if (is_empty (self->values.project_id))
        return g_strdup (_("Choose the Infisical project to take the secrets from."));
      return NULL;

    case FERRY_SYNC_DRAFT_FIELD_ENVIRONMENT:
      return check_environment (self->values.environment_slug);

    case FERRY_SYNC_DRAFT_FIELD_SECRET_PATH:
      return check_secret_path (self->values.secret_path);

    case FERRY_SYNC_DRAFT_FIELD_CONNECTION:
      return check_connection (self->values.connection_id);

    case FERRY_SYNC_DRAFT_FIELD_DEVOPS_PROJECT:
      return check_devops_project (self->values.devops_project_id);

    case FERRY_SYNC_DRAFT_FIELD_KEY_SCHEMA:
      return check_key_schema (self->values.key_schema);

    case FERRY_SYNC_DRAFT_FIELD_NAME:
      return check_name (self->values.name);

    case FERRY_SYNC_DRAFT_FIELD_DESCRIPTION:
      return check_description (self->values.description);

    default:
      g_return_val_if_reached (NULL);
    }
}

FerrySyncDraftStep
ferry_sync_draft_field_get_step (FerrySyncDraftField field)
{
  switch (field)
    {
    case FERRY_SYNC_DRAFT_FIELD_PROJECT:
    case FERRY_SYNC_DRAFT_FIELD_ENVIRONMENT:
    case FERRY_SYNC_DRAFT_FIELD_SECRET_PATH:
      return FERRY_SYNC_DRAFT_STEP_SOURCE;

    case FERRY_SYNC_DRAFT_FIELD_CONNECTION:
    case FERRY_SYNC_DRAFT_FIELD_DEVOPS_PROJECT:
      return FERRY_SYNC_DRAFT_STEP_DESTINATION;

    case FERRY_SYNC_DRAFT_FIELD_KEY_SCHEMA:
      return FERRY_SYNC_DRAFT_STEP_OPTIONS;

    case FERRY_SYNC_DRAFT_FIELD_NAME:
    case FERRY_SYNC_DRAFT_FIELD_DESCRIPTION:
      return FERRY_SYNC_DRAFT_STEP_DETAILS;

    case FERRY_SYNC_DRAFT_FIELD_NONE:
    default:
      return FERRY_SYNC_DRAFT_STEP_REVIEW;
    }
}

gboolean
ferry_sync_draft_validate_step (FerrySyncDraft      *self,
                                FerrySyncDraftStep   step,
                                FerrySyncDraftField *out_field,
                                char               **out_message)
{
  g_return_val_if_fail (FERRY_IS_SYNC_DRAFT (self), FALSE);
  g_return_val_if_fail (step < FERRY_SYNC_DRAFT_N_STEPS, FALSE);

  if (out_field != NULL)
    *out_field = FERRY_SYNC_DRAFT_FIELD_NONE;
  if (out_message != NULL)
    *out_message = NULL;

  for (guint field = FERRY_SYNC_DRAFT_FIELD_PROJECT; field < FERRY_SYNC_DRAFT_N_FIELDS; field++)
    {
      FerrySyncDraftStep field_step = ferry_sync_draft_field_get_step (field);
      g_autofree char *message = NULL;

      /* Review is valid when every step before it is. */
      if (step == FERRY_SYNC_DRAFT_STEP_REVIEW ? field_step >= step : field_step != step)
        continue;

      message = ferry_sync_draft_validate_field (self, field);
      if (message != NULL)
        {
          if (out_field != NULL)
            *out_field = field;
          if (out_message != NULL)
            *out_message = g_steal_pointer (&message);
          return FALSE;
        }
    }

  return TRUE;
}

FerrySyncDraftStep
ferry_sync_draft_get_first_invalid_step (FerrySyncDraft *self)
{
  g_return_val_if_fail (FERRY_IS_SYNC_DRAFT (self), FERRY_SYNC_DRAFT_STEP_SOURCE);

  for (guint step = FERRY_SYNC_DRAFT_STEP_SOURCE; step < FERRY_SYNC_DRAFT_STEP_REVIEW; step++)
    if (!ferry_sync_draft_validate_step (self, step, NULL, NULL))
      return step;

  return FERRY_SYNC_DRAFT_STEP_REVIEW;
}

void
ferry_sync_draft_set_field_error (FerrySyncDraft      *self,
                                  FerrySyncDraftField  field,
                                  const char          *message)
{
  g_return_if_fail (FERRY_IS_SYNC_DRAFT (self));
  g_return_if_fail (field > FERRY_SYNC_DRAFT_FIELD_NONE && field < FERRY_SYNC_DRAFT_N_FIELDS);

  if (g_strcmp0 (self->field_errors[field], message) == 0)
    return;

  g_free (self->field_errors[field]);
  self->field_errors[field] = g_strdup (message);
  g_signal_emit (self, signals[CHANGED], 0);
}

const char *
ferry_sync_draft_get_field_error (FerrySyncDraft      *self,
                                  FerrySyncDraftField  field)
{
  g_return_val_if_fail (FERRY_IS_SYNC_DRAFT (self), NULL);
  g_return_val_if_fail (field < FERRY_SYNC_DRAFT_N_FIELDS, NULL);

  return self->field_errors[field];
}

FerrySyncDraftField
ferry_sync_draft_field_from_path (const char *path)
{
  static const struct
  {
    const char          *prefix;
    FerrySyncDraftField  field;
  } map[] = {
    { "name", FERRY_SYNC_DRAFT_FIELD_NAME },
    { "description", FERRY_SYNC_DRAFT_FIELD_DESCRIPTION },
    { "projectId", FERRY_SYNC_DRAFT_FIELD_PROJECT },
    { "environment", FERRY_SYNC_DRAFT_FIELD_ENVIRONMENT },
    { "secretPath", FERRY_SYNC_DRAFT_FIELD_SECRET_PATH },
    { "connectionId", FERRY_SYNC_DRAFT_FIELD_CONNECTION },
    { "destinationConfig", FERRY_SYNC_DRAFT_FIELD_DEVOPS_PROJECT },
    /* Every sync option Ferry lets people change lives on the Options step, where the key
     * schema is the only one with rules. */
    { "syncOptions", FERRY_SYNC_DRAFT_FIELD_KEY_SCHEMA },
  };

  if (path == NULL)
    return FERRY_SYNC_DRAFT_FIELD_NONE;

  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    {
      gsize len = strlen (map[i].prefix);

      if (strncmp (path, map[i].prefix, len) == 0 && (path[len] == '\0' || path[len] == '.'))
        return map[i].field;
    }

  return FERRY_SYNC_DRAFT_FIELD_NONE;
}

FerrySyncDraftField
ferry_sync_draft_apply_error (FerrySyncDraft *self,
                              const GError   *error)
{
  const char *detail;
  FerrySyncDraftField field = FERRY_SYNC_DRAFT_FIELD_NONE;
  g_autofree char *message = NULL;

  g_return_val_if_fail (FERRY_IS_SYNC_DRAFT (self), FERRY_SYNC_DRAFT_FIELD_NONE);
  g_return_val_if_fail (error != NULL, FERRY_SYNC_DRAFT_FIELD_NONE);

  if (error->domain != FERRY_API_ERROR)
    return FERRY_SYNC_DRAFT_FIELD_NONE;

  detail = ferry_api_error_get_detail (error);

  if (error->code == FERRY_API_ERROR_VALIDATION)
    {
      GPtrArray *issues = ferry_api_error_get_field_errors (error);

      for (guint i = 0; i < issues->len; i++)
        {
          FerryFieldError *issue = g_ptr_array_index (issues, i);

          field = ferry_sync_draft_field_from_path (issue->path);
          if (field != FERRY_SYNC_DRAFT_FIELD_NONE)
            {
              /* Our own rules let it through, so say what the server said. */
              /* Translators: %s is the server's own (English) explanation. */
              message = g_strdup_printf (_("Infisical did not accept this: %s"),
                                         issue->message != NULL ? issue->message : error->message);
              break;
            }
        }
    }
  else if (error->code == FERRY_API_ERROR_BAD_REQUEST && detail != NULL)
    {
      if (strstr (detail, "Secret Sync with the name") != NULL ||
          (strstr (detail, "already exists") != NULL && strstr (detail, "name") != NULL))
        {
          g_autofree char *name = trimmed (self->values.name);

          field = FERRY_SYNC_DRAFT_FIELD_NAME;
          /* Translators: %s is the sync name that is already taken. */
          message = g_strdup_printf (_("Another sync in this project is already called “%s”. "
                                       "Choose a different name."), name ? name : "");
        }
      else if (strstr (detail, "Could not find folder") != NULL ||
               strstr (detail, "Must specify both source environment and secret path") != NULL)
        {
          g_autofree char *path = ferry_sync_draft_normalize_secret_path (self->values.secret_path);

          field = FERRY_SYNC_DRAFT_FIELD_SECRET_PATH;
          /* Translators: first %s is a folder path, second an environment name. */
          message = g_strdup_printf (_("The folder “%s” does not exist in the %s environment. "
                                       "Choose an existing folder."),
                                     path ? path : "",
                                     self->values.environment_name ? self->values.environment_name
                                                                   : self->values.environment_slug ? self->values.environment_slug : "");
        }
      else if (strstr (detail, "sync with this destination already exists") != NULL)
        {
          field = FERRY_SYNC_DRAFT_FIELD_DEVOPS_PROJECT;
          message = g_strdup (_("Another sync already writes to this Azure DevOps project, and your "
                                "organization allows only one sync per destination. Choose another project."));
        }
      else if (strstr (detail, "does not support Secret Syncs") != NULL)
        {
          field = FERRY_SYNC_DRAFT_FIELD_PROJECT;
          message = g_strdup (_("This project uses an older secret storage that cannot sync. "
                                "Upgrade the project in Infisical, then try again."));
        }
      else if (strstr (detail, "App Connection") != NULL)
        {
          field = FERRY_SYNC_DRAFT_FIELD_CONNECTION;
          message = g_strdup (_("This connection cannot be used for this sync. "
                                "Choose another Azure DevOps connection."));
        }
    }
  else if (error->code == FERRY_API_ERROR_NOT_FOUND && detail != NULL)
    {
      if (strstr (detail, "Connection") != NULL)
        {
          field = FERRY_SYNC_DRAFT_FIELD_CONNECTION;
          message = g_strdup (_("This connection no longer exists. Choose another one or add a new one."));
        }
    }

  if (field != FERRY_SYNC_DRAFT_FIELD_NONE)
    ferry_sync_draft_set_field_error (self, field, message);

  return field;
}

/* ---- Key schema ---- */

/* Handlebars' escapeExpression. */
static void
append_escaped (GString    *out,
                const char *text)
{
  for (const char *p = text; p && *p; p++)
    {
      switch (*p)
        {
        case '&': g_string_append (out, "&amp;"); break;
        case '<': g_string_append (out, "&lt;"); break;
        case '>': g_string_append (out, "&gt;"); break;
        case '"': g_string_append (out, "&quot;"); break;
        case '\'': g_string_append (out, "&#x27;"); break;
        case '`': g_string_append (out, "&#x60;"); break;
        case '=': g_string_append (out, "&#x3D;"); break;
        default: g_string_append_c (out, *p); break;
        }
    }
}

char *
ferry_sync_draft_render_key_schema (const char *key_schema,
                                    const char *secret_key,
                                    const char *environment_slug)
{
  g_autofree char *schema = trimmed (key_schema);
  g_autoptr(GString) out = NULL;
  const char *p;

  g_return_val_if_fail (secret_key != NULL, NULL);

  if (schema == NULL)
    return g_strdup (secret_key);

  out = g_string_new (NULL);
  p = schema;
  while (*p)
    {
      if (g_str_has_prefix (p, "{{secretKey}}"))
        {
          append_escaped (out, secret_key);
          p += strlen ("{{secretKey}}");
        }
      else if (g_str_has_prefix (p, "{{environment}}"))
        {
          append_escaped (out, environment_slug);
          p += strlen ("{{environment}}");
        }
      else
        g_string_append_c (out, *p++);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
ferry_sync_draft_apply_key_schema (FerrySyncDraft *self,
                                   const char     *secret_key)
{
  g_return_val_if_fail (FERRY_IS_SYNC_DRAFT (self), NULL);
  g_return_val_if_fail (secret_key != NULL, NULL);

  return ferry_sync_draft_render_key_schema (self->values.key_schema, secret_key,
                                             self->values.environment_slug);
}

/* ---- Bodies ---- */

static JsonObject *
build_sync_options (FerrySyncDraft *self)
{
  JsonObject *options = json_object_new ();
  g_autofree char *key_schema = trimmed (self->values.key_schema);

  json_object_set_string_member (options, "initialSyncBehavior", FERRY_SYNC_DRAFT_INITIAL_SYNC_BEHAVIOR);
  if (key_schema != NULL)
    json_object_set_string_member (options, "keySchema", key_schema);
  json_object_set_boolean_member (options, "disableSecretDeletion", self->values.disable_secret_deletion);

  return options;
}

static JsonObject *
build_destination_config (FerrySyncDraft *self)
{
  JsonObject *config = json_object_new ();
  g_autofree char *id = trimmed (self->values.devops_project_id);
  g_autofree char *name = trimmed (self->values.devops_project_name);

  json_object_set_string_member (config, "devopsProjectId", id ? id : "");
  if (name != NULL)
    json_object_set_string_member (config, "devopsProjectName", name);

  return config;
}

JsonObject *
ferry_sync_draft_build_create_body (FerrySyncDraft *self)
{
  JsonObject *body;
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;
  g_autofree char *secret_path = NULL;

  g_return_val_if_fail (FERRY_IS_SYNC_DRAFT (self), NULL);

  name = trimmed (self->values.name);
  description = trimmed (self->values.description);
  secret_path = ferry_sync_draft_normalize_secret_path (self->values.secret_path);

  body = json_object_new ();
  json_object_set_string_member (body, "name", name ? name : "");
  json_object_set_string_member (body, "projectId", self->values.project_id ? self->values.project_id : "");
  if (description != NULL)
    json_object_set_string_member (body, "description", description);
  json_object_set_string_member (body, "connectionId", self->values.connection_id ? self->values.connection_id : "");
  json_object_set_string_member (body, "environment", self->values.environment_slug ? self->values.environment_slug : "");
  json_object_set_string_member (body, "secretPath", secret_path ? secret_path : "");
  json_object_set_boolean_member (body, "isAutoSyncEnabled", self->values.auto_sync_enabled);
  json_object_set_object_member (body, "syncOptions", build_sync_options (self));
  json_object_set_object_member (body, "destinationConfig", build_destination_config (self));

  return body;
}

JsonObject *
ferry_sync_draft_build_update_body (FerrySyncDraft *self)
{
  const Values *now, *was;
  JsonObject *body;

  g_return_val_if_fail (FERRY_IS_SYNC_DRAFT (self), NULL);

  now = &self->values;
  was = &self->original;
  body = json_object_new ();

  if (!same_text (now->name, was->name))
    {
      g_autofree char *name = trimmed (now->name);
      json_object_set_string_member (body, "name", name ? name : "");
    }

  if (!same_text (now->description, was->description))
    {
      g_autofree char *description = trimmed (now->description);

      /* null clears it. */
      if (description != NULL)
        json_object_set_string_member (body, "description", description);
      else
        json_object_set_null_member (body, "description");
    }

  if (!same_text (now->connection_id, was->connection_id))
    json_object_set_string_member (body, "connectionId", now->connection_id ? now->connection_id : "");

  /* The server resolves whichever of the two is missing from the sync as it is. */
  if (!same_text (now->environment_slug, was->environment_slug))
    json_object_set_string_member (body, "environment", now->environment_slug ? now->environment_slug : "");

  if (!same_path (now->secret_path, was->secret_path))
    {
      g_autofree char *path = ferry_sync_draft_normalize_secret_path (now->secret_path);
      json_object_set_string_member (body, "secretPath", path ? path : "");
    }

  if (now->auto_sync_enabled != was->auto_sync_enabled)
    json_object_set_boolean_member (body, "isAutoSyncEnabled", now->auto_sync_enabled);

  /* syncOptions replaces the stored options wholesale, so it is always sent complete. */
  if (!same_text (now->key_schema, was->key_schema) ||
      now->disable_secret_deletion != was->disable_secret_deletion)
    json_object_set_object_member (body, "syncOptions", build_sync_options (self));

  if (!same_text (now->devops_project_id, was->devops_project_id) ||
      !same_text (now->devops_project_name, was->devops_project_name))
    json_object_set_object_member (body, "destinationConfig", build_destination_config (self));

  return body;
}
