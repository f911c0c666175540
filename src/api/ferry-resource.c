/* ferry-resource.c: base class of every model object that has a server id.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ferry-api-error.h"
#include "ferry-json.h"
#include "ferry-resource-private.h"

typedef struct
{
  char   *id;
  /* Of the answer element the fields were read from (ferry-api-list.c); valid only
   * while has_digest is set, which any change to a field clears. */
  guint8  digest[FERRY_RESOURCE_DIGEST_LEN];
  guint   has_digest : 1;
} FerryResourcePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (FerryResource, ferry_resource, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Per-class field table, stored as type qdata. */
typedef struct
{
  const FerryField *fields;
  guint             n_fields;
  /* Per field: the property it stores (installed by the class). */
  GParamSpec      **pspecs;
  /* Per field: the '|' alternatives of its JSON path, each split at '.' (NULL if none).
   * Split once here, not for every parsed object. */
  GStrv           **paths;
  /* Property id → index into fields (G_MAXUINT: no field), for get/set_property. */
  guint            *by_prop_id;
  guint             n_prop_ids;
} FieldTable;

static GQuark
field_table_quark (void)
{
  static GQuark quark;

  if (quark == 0)
    quark = g_quark_from_static_string ("ferry-resource-field-table");
  return quark;
}

static const FieldTable *
get_field_table (GType type)
{
  for (; type != 0 && type != FERRY_TYPE_RESOURCE; type = g_type_parent (type))
    {
      const FieldTable *table = g_type_get_qdata (type, field_table_quark ());

      if (table != NULL)
        return table;
    }
  return NULL;
}

#define FIELD_PTR(obj, field) ((gpointer) (((guint8 *) (obj)) + (field)->offset))

static void
field_get_value (FerryResource    *self,
                 const FerryField *field,
                 GValue           *value)
{
  gpointer ptr = FIELD_PTR (self, field);

  switch (field->type)
    {
    case FERRY_FIELD_STRING:
      g_value_set_string (value, *(char **) ptr);
      break;
    case FERRY_FIELD_BOOLEAN:
      g_value_set_boolean (value, *(gboolean *) ptr);
      break;
    case FERRY_FIELD_INT:
      g_value_set_int (value, *(int *) ptr);
      break;
    case FERRY_FIELD_ENUM:
      g_value_set_enum (value, *(int *) ptr);
      break;
    case FERRY_FIELD_DATETIME:
      g_value_set_boxed (value, *(GDateTime **) ptr);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Returns TRUE when the stored value changed. */
static gboolean
field_store_value (FerryResource    *self,
                   const FerryField *field,
                   const GValue     *value)
{
  gpointer ptr = FIELD_PTR (self, field);

  switch (field->type)
    {
    case FERRY_FIELD_STRING:
      {
        char **str = ptr;
        const char *v = g_value_get_string (value);

        if (g_strcmp0 (*str, v) == 0)
          return FALSE;
        g_free (*str);
        *str = g_strdup (v);
        return TRUE;
      }
    case FERRY_FIELD_BOOLEAN:
      {
        gboolean *b = ptr;
        gboolean v = !!g_value_get_boolean (value);

        if (*b == v)
          return FALSE;
        *b = v;
        return TRUE;
      }
    case FERRY_FIELD_INT:
    case FERRY_FIELD_ENUM:
      {
        int *i = ptr;
        int v = field->type == FERRY_FIELD_INT ? g_value_get_int (value) : g_value_get_enum (value);

        if (*i == v)
          return FALSE;
        *i = v;
        return TRUE;
      }
    case FERRY_FIELD_DATETIME:
      {
        GDateTime **dt = ptr;
        GDateTime *v = g_value_get_boxed (value);

        if (*dt == v || (*dt != NULL && v != NULL && g_date_time_equal (*dt, v)))
          return FALSE;
        g_clear_pointer (dt, g_date_time_unref);
        *dt = v ? g_date_time_ref (v) : NULL;
        return TRUE;
      }
    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

/* Returns TRUE when the stored value changed: then @self no longer holds what its digest
 * says, whoever changed it. */
static gboolean
field_set_value (FerryResource    *self,
                 const FerryField *field,
                 const GValue     *value)
{
  FerryResourcePrivate *priv = ferry_resource_get_instance_private (self);

  if (!field_store_value (self, field, value))
    return FALSE;
  priv->has_digest = FALSE;
  return TRUE;
}

/* Whether @a and @b store the same value of @field (without copying it). */
static gboolean
field_equal (FerryResource    *a,
             FerryResource    *b,
             const FerryField *field)
{
  gpointer pa = FIELD_PTR (a, field);
  gpointer pb = FIELD_PTR (b, field);

  switch (field->type)
    {
    case FERRY_FIELD_STRING:
      return g_strcmp0 (*(char **) pa, *(char **) pb) == 0;
    case FERRY_FIELD_BOOLEAN:
      return !*(gboolean *) pa == !*(gboolean *) pb;
    case FERRY_FIELD_INT:
    case FERRY_FIELD_ENUM:
      return *(int *) pa == *(int *) pb;
    case FERRY_FIELD_DATETIME:
      {
        GDateTime *x = *(GDateTime **) pa, *y = *(GDateTime **) pb;

        return x == y || (x != NULL && y != NULL && g_date_time_equal (x, y));
      }
    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

static void
field_clear (FerryResource    *self,
             const FerryField *field)
{
  gpointer ptr = FIELD_PTR (self, field);

  if (field->type == FERRY_FIELD_STRING)
    g_clear_pointer ((char **) ptr, g_free);
  else if (field->type == FERRY_FIELD_DATETIME)
    g_clear_pointer ((GDateTime **) ptr, g_date_time_unref);
}

/* The field that stores property @prop_id of @object, or NULL. */
static const FerryField *
lookup_field (GObject           *object,
              guint              prop_id,
              const FieldTable **table_out)
{
  const FieldTable *table = get_field_table (G_OBJECT_TYPE (object));
  guint index;

  if (table == NULL || prop_id >= table->n_prop_ids)
    return NULL;
  index = table->by_prop_id[prop_id];
  if (index == G_MAXUINT)
    return NULL;
  if (table_out != NULL)
    *table_out = table;
  return &table->fields[index];
}

void
ferry_resource_fields_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  const FerryField *field = lookup_field (object, prop_id, NULL);

  if (field == NULL)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  field_get_value (FERRY_RESOURCE (object), field, value);
}

void
ferry_resource_fields_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  const FerryField *field = lookup_field (object, prop_id, NULL);

  if (field == NULL)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  if (field_set_value (FERRY_RESOURCE (object), field, value))
    g_object_notify_by_pspec (object, pspec);
}

/* Whether @pspec holds the kind of value @field stores. */
static gboolean
field_matches_pspec (const FerryField *field,
                     GParamSpec       *pspec)
{
  GType value_type = G_PARAM_SPEC_VALUE_TYPE (pspec);

  switch (field->type)
    {
    case FERRY_FIELD_STRING:
      return value_type == G_TYPE_STRING;
    case FERRY_FIELD_BOOLEAN:
      return value_type == G_TYPE_BOOLEAN;
    case FERRY_FIELD_INT:
      return value_type == G_TYPE_INT;
    case FERRY_FIELD_ENUM:
      return G_TYPE_IS_ENUM (value_type) && field->parse_enum != NULL;
    case FERRY_FIELD_DATETIME:
      return value_type == G_TYPE_DATE_TIME;
    default:
      return FALSE;
    }
}

void
ferry_resource_class_set_fields (FerryResourceClass *klass,
                                 const FerryField   *fields,
                                 guint               n_fields,
                                 GParamSpec * const *pspecs)
{
  FieldTable *table;

  g_return_if_fail (FERRY_IS_RESOURCE_CLASS (klass));
  g_return_if_fail (fields != NULL && pspecs != NULL);
  g_return_if_fail (g_type_get_qdata (G_OBJECT_CLASS_TYPE (klass), field_table_quark ()) == NULL);

  table = g_new0 (FieldTable, 1);
  table->fields = fields;
  table->n_fields = n_fields;
  table->pspecs = g_new0 (GParamSpec *, n_fields);
  table->paths = g_new0 (GStrv *, n_fields);

  for (guint i = 0; i < n_fields; i++)
    table->n_prop_ids = MAX (table->n_prop_ids, fields[i].prop_id + 1);
  table->by_prop_id = g_new (guint, table->n_prop_ids);
  for (guint i = 0; i < table->n_prop_ids; i++)
    table->by_prop_id[i] = G_MAXUINT;

  for (guint i = 0; i < n_fields; i++)
    {
      const FerryField *f = &fields[i];
      GParamSpec *pspec = pspecs[f->prop_id];

      /* A mismatch is a programming error in the class's table: fail loudly at class init. */
      g_assert (f->prop_id > 0 && pspec != NULL);
      g_assert (pspec->owner_type == G_OBJECT_CLASS_TYPE (klass));
      g_assert (field_matches_pspec (f, pspec));
      g_assert (table->by_prop_id[f->prop_id] == G_MAXUINT);

      table->pspecs[i] = pspec;
      table->by_prop_id[f->prop_id] = i;

      if (f->json != NULL)
        {
          g_auto(GStrv) alternatives = g_strsplit (f->json, "|", -1);
          guint n = g_strv_length (alternatives);

          table->paths[i] = g_new0 (GStrv, n + 1);
          for (guint a = 0; a < n; a++)
            table->paths[i][a] = g_strsplit (alternatives[a], ".", -1);
        }
    }

  g_type_set_qdata (G_OBJECT_CLASS_TYPE (klass), field_table_quark (), table);
}

/* ---- JSON ---- */

/* Looks up a dotted path. Returns TRUE and sets @out (NULL if absent or null) unless an
 * intermediate member exists but is not an object (a wrong shape). */
static gboolean
lookup_path (JsonObject  *object,
             GStrv        parts,
             JsonNode   **out)
{
  JsonObject *cur = object;

  *out = NULL;
  for (guint i = 0; parts[i] != NULL; i++)
    {
      JsonNode *node = json_object_get_member (cur, parts[i]);

      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        return TRUE;
      if (parts[i + 1] == NULL)
        {
          *out = node;
          return TRUE;
        }
      if (!JSON_NODE_HOLDS_OBJECT (node))
        return FALSE;
      cur = json_node_get_object (node);
    }
  return TRUE;
}

/* Sets INVALID_RESPONSE with the detail "“a.b” @what". Returns FALSE. */
static gboolean
field_error (GError     **error,
             GStrv        path,
             const char  *what)
{
  g_autofree char *name = g_strjoinv (".", path);

  g_propagate_error (error, ferry_api_error_new_invalid_response ("“%s” %s", name, what));
  return FALSE;
}

static gboolean
parse_field (FerryResource    *self,
             const FerryField *field,
             GStrv            *alternatives,
             JsonObject       *object,
             gboolean          partial,
             GError          **error)
{
  JsonNode *node = NULL;
  GStrv found = alternatives[0];
  gboolean required;
  gpointer ptr = FIELD_PTR (self, field);

  for (guint i = 0; alternatives[i] != NULL; i++)
    {
      if (!lookup_path (object, alternatives[i], &node))
        {
          return field_error (error, alternatives[i], "has the wrong type");
        }
      if (node != NULL)
        {
          found = alternatives[i];
          break;
        }
    }

  required = (field->flags & FERRY_FIELD_REQUIRED) ||
             ((field->flags & FERRY_FIELD_REQUIRED_FULL) && !partial);

  if (node == NULL)
    {
      if (required)
        {
          return field_error (error, found, "is missing");
        }
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_VALUE (node))
    goto wrong_type;

  switch (field->type)
    {
    case FERRY_FIELD_STRING:
      if (json_node_get_value_type (node) != G_TYPE_STRING)
        goto wrong_type;
      if (ferry_json_node_get_utf8 (node) == NULL)
        return field_error (error, found, "is not UTF-8");
      if ((field->flags & FERRY_FIELD_NOT_EMPTY) && *json_node_get_string (node) == '\0')
        {
          return field_error (error, found, "is empty");
        }
      g_free (*(char **) ptr);
      *(char **) ptr = json_node_dup_string (node);
      break;

    case FERRY_FIELD_BOOLEAN:
      if (json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        goto wrong_type;
      *(gboolean *) ptr = json_node_get_boolean (node);
      break;

    case FERRY_FIELD_INT:
      {
        GType vt = json_node_get_value_type (node);
        double d;

        if (vt == G_TYPE_INT64)
          d = (double) json_node_get_int (node);
        else if (vt == G_TYPE_DOUBLE)
          d = json_node_get_double (node);
        else
          goto wrong_type;
        if (d < G_MININT || d > G_MAXINT)
          goto wrong_type;
        *(int *) ptr = (int) d;
      }
      break;

    case FERRY_FIELD_ENUM:
      {
        int v;

        if (json_node_get_value_type (node) != G_TYPE_STRING)
          goto wrong_type;
        if (ferry_json_node_get_utf8 (node) == NULL)
          return field_error (error, found, "is not UTF-8");
        if (!field->parse_enum (json_node_get_string (node), &v))
          {
            g_autofree char *what = g_strdup_printf ("has an unknown value “%s”", json_node_get_string (node));

            return field_error (error, found, what);
          }
        *(int *) ptr = v;
      }
      break;

    case FERRY_FIELD_DATETIME:
      {
        GDateTime *dt;

        if (json_node_get_value_type (node) != G_TYPE_STRING)
          goto wrong_type;
        dt = g_date_time_new_from_iso8601 (json_node_get_string (node), NULL);
        if (dt == NULL)
          {
            return field_error (error, found, "is not a date");
          }
        g_clear_pointer ((GDateTime **) ptr, g_date_time_unref);
        *(GDateTime **) ptr = dt;
      }
      break;

    default:
      g_assert_not_reached ();
    }

  return TRUE;

wrong_type:
  return field_error (error, found, "has the wrong type");
}

gboolean
ferry_resource_parse_fields (FerryResource  *self,
                             JsonObject     *object,
                             gboolean        partial,
                             GError        **error)
{
  const FieldTable *table;

  g_return_val_if_fail (FERRY_IS_RESOURCE (self), FALSE);
  g_return_val_if_fail (object != NULL, FALSE);

  table = get_field_table (G_OBJECT_TYPE (self));
  if (table == NULL)
    return TRUE;

  for (guint i = 0; i < table->n_fields; i++)
    {
      const FerryField *field = &table->fields[i];

      if (field->json == NULL)
        continue;
      if (!parse_field (self, field, table->paths[i], object, partial, error))
        return FALSE;
    }

  return TRUE;
}

static JsonObject *
ensure_parent (JsonObject *object,
               const char *path,
               const char **leaf)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  JsonObject *cur = object;
  guint n = g_strv_length (parts);

  for (guint i = 0; i + 1 < n; i++)
    {
      JsonNode *node = json_object_get_member (cur, parts[i]);

      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        {
          json_object_set_object_member (cur, parts[i], json_object_new ());
          node = json_object_get_member (cur, parts[i]);
        }
      cur = json_node_get_object (node);
    }

  *leaf = strrchr (path, '.') ? strrchr (path, '.') + 1 : path;
  return cur;
}

void
ferry_resource_fields_to_json (FerryResource *self,
                               JsonObject    *object)
{
  const FieldTable *table;

  g_return_if_fail (FERRY_IS_RESOURCE (self));
  g_return_if_fail (object != NULL);

  table = get_field_table (G_OBJECT_TYPE (self));
  if (table == NULL)
    return;

  for (guint i = 0; i < table->n_fields; i++)
    {
      const FerryField *field = &table->fields[i];
      g_autofree char *path = NULL;
      const char *leaf;
      JsonObject *parent;
      gpointer ptr = FIELD_PTR (self, field);
      char *bar;

      if (field->json == NULL)
        continue;

      path = g_strdup (field->json);
      if ((bar = strchr (path, '|')) != NULL)
        *bar = '\0';

      /* Absent optional values stay absent rather than creating empty parents. */
      if (field->type == FERRY_FIELD_STRING && *(char **) ptr == NULL)
        {
          if (strchr (path, '.') == NULL)
            json_object_set_null_member (object, path);
          continue;
        }
      if (field->type == FERRY_FIELD_DATETIME && *(GDateTime **) ptr == NULL)
        {
          if (strchr (path, '.') == NULL)
            json_object_set_null_member (object, path);
          continue;
        }

      parent = ensure_parent (object, path, &leaf);

      switch (field->type)
        {
        case FERRY_FIELD_STRING:
          json_object_set_string_member (parent, leaf, *(char **) ptr);
          break;
        case FERRY_FIELD_BOOLEAN:
          json_object_set_boolean_member (parent, leaf, *(gboolean *) ptr);
          break;
        case FERRY_FIELD_INT:
          json_object_set_int_member (parent, leaf, *(int *) ptr);
          break;
        case FERRY_FIELD_ENUM:
          {
            const char *s = field->enum_to_string ? field->enum_to_string (*(int *) ptr) : NULL;

            if (s != NULL)
              json_object_set_string_member (parent, leaf, s);
            else
              json_object_set_null_member (parent, leaf);
          }
          break;
        case FERRY_FIELD_DATETIME:
          {
            g_autofree char *iso = g_date_time_format_iso8601 (*(GDateTime **) ptr);

            json_object_set_string_member (parent, leaf, iso);
          }
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

JsonObject *
ferry_resource_to_json (FerryResource *self)
{
  JsonObject *object;

  g_return_val_if_fail (FERRY_IS_RESOURCE (self), NULL);

  object = json_object_new ();
  json_object_set_string_member (object, "id", ferry_resource_get_id (self));
  ferry_resource_fields_to_json (self, object);

  return object;
}

const char *
ferry_json_require_id (JsonObject  *object,
                       GError     **error)
{
  const char *id = ferry_json_object_get_utf8 (object, "id");

  if (id == NULL || *id == '\0')
    {
      g_propagate_error (error, ferry_api_error_new_invalid_response ("“id” is missing or not a string"));
      return NULL;
    }
  return id;
}

gpointer
ferry_resource_new_from_json (GType        type,
                              JsonObject  *object,
                              gboolean     partial,
                              GError     **error)
{
  g_autoptr(FerryResource) self = NULL;
  const char *id;

  g_return_val_if_fail (g_type_is_a (type, FERRY_TYPE_RESOURCE), NULL);

  if (object == NULL)
    {
      g_propagate_error (error, ferry_api_error_new_invalid_response ("expected an object"));
      return NULL;
    }

  if (!(id = ferry_json_require_id (object, error)))
    return NULL;

  self = g_object_new (type, "id", id, NULL);
  if (!ferry_resource_parse_fields (self, object, partial, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* ---- FerryResource ---- */

static void
ferry_resource_real_update_from (FerryResource *self,
                                 FerryResource *other)
{
  const FieldTable *table = get_field_table (G_OBJECT_TYPE (self));
  guint i;

  if (table == NULL)
    return;

  /* A refresh mostly finds nothing new: then not even the notify queue is set up. */
  for (i = 0; i < table->n_fields; i++)
    if (!field_equal (self, other, &table->fields[i]))
      break;
  if (i == table->n_fields)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  for (; i < table->n_fields; i++)
    {
      const FerryField *field = &table->fields[i];
      g_auto(GValue) v = G_VALUE_INIT;

      if (field_equal (self, other, field))
        continue;
      g_value_init (&v, G_PARAM_SPEC_VALUE_TYPE (table->pspecs[i]));
      field_get_value (other, field, &v);
      if (field_set_value (self, field, &v))
        g_object_notify_by_pspec (G_OBJECT (self), table->pspecs[i]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

static void
ferry_resource_finalize (GObject *object)
{
  FerryResourcePrivate *priv = ferry_resource_get_instance_private (FERRY_RESOURCE (object));
  const FieldTable *table = get_field_table (G_OBJECT_TYPE (object));

  if (table != NULL)
    for (guint i = 0; i < table->n_fields; i++)
      field_clear (FERRY_RESOURCE (object), &table->fields[i]);

  g_clear_pointer (&priv->id, g_free);

  G_OBJECT_CLASS (ferry_resource_parent_class)->finalize (object);
}

static void
ferry_resource_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  FerryResource *self = FERRY_RESOURCE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, ferry_resource_get_id (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_resource_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  FerryResource *self = FERRY_RESOURCE (object);
  FerryResourcePrivate *priv = ferry_resource_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_ID:
      g_assert (priv->id == NULL);
      priv->id = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_resource_class_init (FerryResourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ferry_resource_finalize;
  object_class->get_property = ferry_resource_get_property;
  object_class->set_property = ferry_resource_set_property;

  klass->update_from = ferry_resource_real_update_from;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ferry_resource_init (FerryResource *self)
{
}

const char *
ferry_resource_get_id (FerryResource *self)
{
  FerryResourcePrivate *priv;

  g_return_val_if_fail (FERRY_IS_RESOURCE (self), NULL);

  priv = ferry_resource_get_instance_private (self);
  return priv->id;
}

void
ferry_resource_update_from (FerryResource *self,
                            FerryResource *other)
{
  const guint8 *digest;

  g_return_if_fail (FERRY_IS_RESOURCE (self));
  g_return_if_fail (FERRY_IS_RESOURCE (other));
  g_return_if_fail (G_OBJECT_TYPE (self) == G_OBJECT_TYPE (other));
  g_return_if_fail (g_strcmp0 (ferry_resource_get_id (self), ferry_resource_get_id (other)) == 0);

  if (self == other)
    return;

  /* Read from the same bytes: nothing can differ. */
  digest = ferry_resource_get_digest (other);
  if (digest != NULL && ferry_resource_get_digest (self) != NULL &&
      memcmp (ferry_resource_get_digest (self), digest, FERRY_RESOURCE_DIGEST_LEN) == 0)
    return;

  /* Nothing to record: a change clears @self's digest, and without one it stays true. */
  if (digest == NULL)
    {
      FERRY_RESOURCE_GET_CLASS (self)->update_from (self, other);
      return;
    }

  /* Now @self holds what @other was read from. The notifications wait until that is
   * recorded: a handler that then changes a field clears it again. */
  g_object_freeze_notify (G_OBJECT (self));
  FERRY_RESOURCE_GET_CLASS (self)->update_from (self, other);
  ferry_resource_set_digest (self, digest);
  g_object_thaw_notify (G_OBJECT (self));
}

const guint8 *
ferry_resource_get_digest (FerryResource *self)
{
  FerryResourcePrivate *priv;

  g_return_val_if_fail (FERRY_IS_RESOURCE (self), NULL);

  priv = ferry_resource_get_instance_private (self);
  return priv->has_digest ? priv->digest : NULL;
}

void
ferry_resource_set_digest (FerryResource *self,
                           const guint8  *digest)
{
  FerryResourcePrivate *priv;

  g_return_if_fail (FERRY_IS_RESOURCE (self));

  priv = ferry_resource_get_instance_private (self);
  if (digest != NULL && digest != priv->digest)
    memcpy (priv->digest, digest, FERRY_RESOURCE_DIGEST_LEN);
  priv->has_digest = digest != NULL;
}

gpointer
ferry_resource_find_by_id (GListModel *model,
                           const char *id)
{
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FerryResource) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (ferry_resource_get_id (item), id) == 0)
        return item;  /* the model keeps its reference */
    }

  return NULL;
}

/* Moves of single items (two signals each) before the rest is put in order with one
 * splice instead. */
#define MAX_SINGLE_MOVES 16

static gboolean
same_resource (FerryResource *a,
               FerryResource *b)
{
  return G_OBJECT_TYPE (a) == G_OBJECT_TYPE (b) &&
         g_strcmp0 (ferry_resource_get_id (a), ferry_resource_get_id (b)) == 0;
}

/* What the store holds now: id → item, for the items whose id and type @fresh_ids has
 * (the rest is about to go). The first of duplicate ids wins. */
static GHashTable *
index_store (GListModel *store)
{
  GHashTable *by_id = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = g_list_model_get_n_items (store);

  for (guint i = 0; i < n; i++)
    {
      FerryResource *item = g_list_model_get_item (store, i);

      /* The store keeps its reference while the merge runs. */
      g_object_unref (item);
      if (!g_hash_table_contains (by_id, ferry_resource_get_id (item)))
        g_hash_table_insert (by_id, (gpointer) ferry_resource_get_id (item), item);
    }
  return by_id;
}

static FerryResource *
store_peek (GListModel *store,
            guint       position)
{
  FerryResource *item = g_list_model_get_item (store, position);

  /* Borrowed: the store holds it. */
  g_object_unref (item);
  return item;
}

void
ferry_resource_store_merge (GListStore *store,
                            GListModel *fresh)
{
  GListModel *model = G_LIST_MODEL (store);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GHashTable) fresh_ids = NULL;
  g_autoptr(GHashTable) placed = NULL;
  g_autoptr(GHashTable) by_id = NULL;
  guint n_fresh, n_store, i, j, moves = 0;

  g_return_if_fail (G_IS_LIST_STORE (store));
  g_return_if_fail (G_IS_LIST_MODEL (fresh));

  if (model == fresh)
    return;

  n_fresh = g_list_model_get_n_items (fresh);

  /* The usual refresh: the same items in the same order. Update them in place, no
   * tables needed. */
  if (g_list_model_get_n_items (model) == n_fresh)
    {
      for (i = 0; i < n_fresh; i++)
        {
          g_autoptr(FerryResource) item = g_list_model_get_item (fresh, i);

          if (!same_resource (store_peek (model, i), item))
            break;
        }
      if (i == n_fresh)
        {
          for (i = 0; i < n_fresh; i++)
            {
              g_autoptr(FerryResource) item = g_list_model_get_item (fresh, i);

              ferry_resource_update_from (store_peek (model, i), item);
            }
          return;
        }
    }

  items = g_ptr_array_new_full (n_fresh, g_object_unref);
  fresh_ids = g_hash_table_new (g_str_hash, g_str_equal);
  for (i = 0; i < n_fresh; i++)
    {
      FerryResource *item = g_list_model_get_item (fresh, i);

      g_ptr_array_add (items, item);
      /* id → its fresh item (the first, for duplicates): the array holds a reference. */
      if (!g_hash_table_contains (fresh_ids, ferry_resource_get_id (item)))
        g_hash_table_insert (fresh_ids, (gpointer) ferry_resource_get_id (item), item);
    }

  /* Views get one items-changed per range that changed, none for what stayed: remove
   * what is gone (or changed type), one splice per run. */
  for (i = g_list_model_get_n_items (model); i > 0;)
    {
      FerryResource *item = store_peek (model, i - 1);
      FerryResource *wanted = g_hash_table_lookup (fresh_ids, ferry_resource_get_id (item));
      guint end = i;

      if (wanted != NULL && G_OBJECT_TYPE (wanted) == G_OBJECT_TYPE (item))
        {
          i--;
          continue;
        }
      while (i > 0)
        {
          item = store_peek (model, i - 1);
          wanted = g_hash_table_lookup (fresh_ids, ferry_resource_get_id (item));
          if (wanted != NULL && G_OBJECT_TYPE (wanted) == G_OBJECT_TYPE (item))
            break;
          i--;
        }
      g_list_store_splice (store, i, end - i, NULL, 0);
    }

  /* Then walk both in the fresh order: kept items are updated in place (their own
   * notifications, no items-changed), runs of new ones spliced in, the odd moved one
   * moved; many moves put the rest in order with one splice. */
  by_id = index_store (model);
  placed = g_hash_table_new (NULL, NULL);
  n_store = g_list_model_get_n_items (model);
  for (i = 0, j = 0; i < n_fresh;)
    {
      FerryResource *item = g_ptr_array_index (items, i);
      FerryResource *existing = j < n_store ? store_peek (model, j) : NULL;
      FerryResource *known;

      if (existing != NULL && same_resource (existing, item) && !g_hash_table_contains (placed, existing))
        {
          ferry_resource_update_from (existing, item);
          g_hash_table_add (placed, existing);
          i++, j++;
          continue;
        }

      known = g_hash_table_lookup (by_id, ferry_resource_get_id (item));
      if (known == NULL || g_hash_table_contains (placed, known))
        {
          guint start = i;

          /* New (or a duplicate id of the answer): splice in the run of such items. */
          for (i++; i < n_fresh; i++)
            {
              FerryResource *next = g_ptr_array_index (items, i);
              FerryResource *next_known = g_hash_table_lookup (by_id, ferry_resource_get_id (next));

              if (next_known != NULL && !g_hash_table_contains (placed, next_known))
                break;
            }
          g_list_store_splice (store, j, 0, items->pdata + start, i - start);
          j += i - start;
          n_store += i - start;
          continue;
        }

      if (moves < MAX_SINGLE_MOVES)
        {
          guint pos;

          /* Elsewhere in the store: move it here, the same object. */
          moves++;
          if (!g_list_store_find (store, known, &pos))
            g_assert_not_reached ();
          g_object_ref (known);
          g_list_store_remove (store, pos);
          g_list_store_insert (store, pos < j ? j - 1 : j, known);
          g_object_unref (known);
          if (pos < j)
            j--;
          continue;
        }

      /* Reordered throughout: the rest in the fresh order, kept objects reused. */
      {
        g_autoptr(GPtrArray) rest = g_ptr_array_new_full (n_fresh - i, g_object_unref);

        for (; i < n_fresh; i++)
          {
            FerryResource *next = g_ptr_array_index (items, i);
            FerryResource *reuse = g_hash_table_lookup (by_id, ferry_resource_get_id (next));

            if (reuse != NULL && !g_hash_table_contains (placed, reuse))
              {
                ferry_resource_update_from (reuse, next);
                g_hash_table_add (placed, reuse);
                g_ptr_array_add (rest, g_object_ref (reuse));
              }
            else
              g_ptr_array_add (rest, g_object_ref (next));
          }
        g_list_store_splice (store, j, n_store - j, rest->pdata, rest->len);
        n_store = j + rest->len;
        j = n_store;
      }
    }

  /* Anything left after the fresh items is a duplicate id; drop it. */
  if (n_store > j)
    g_list_store_splice (store, j, n_store - j, NULL, 0);
}
