/* ferry-resource-private.h: table-driven fields shared by the model classes.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each model installs its GObject properties itself (g_param_spec_* in class_init) and has
 * a getter for each. Beside them it describes its fields once: which property a field
 * stores, where in the instance struct, where in the JSON and whether the server
 * guarantees it. FerryResource then reads and writes those properties (notifying only
 * on real change), parses them from JSON strictly or tolerantly, copies them in
 * update_from () (which keeps lists in place through ferry_resource_store_merge ()) and
 * serialises them back to JSON.
 */

#pragma once

#include "ferry-api-error-private.h"
#include "ferry-resource.h"

G_BEGIN_DECLS

typedef enum
{
  FERRY_FIELD_STRING,
  FERRY_FIELD_BOOLEAN,
  FERRY_FIELD_INT,
  FERRY_FIELD_ENUM,      /* stored as int; JSON string parsed with @parse_enum */
  FERRY_FIELD_DATETIME,  /* stored as GDateTime *; JSON ISO 8601 string */
} FerryFieldType;

typedef enum
{
  FERRY_FIELD_OPTIONAL      = 0,
  FERRY_FIELD_REQUIRED      = 1 << 0, /* missing or null → INVALID_RESPONSE */
  FERRY_FIELD_REQUIRED_FULL = 1 << 1, /* required unless parsing a partial object */
  FERRY_FIELD_NOT_EMPTY     = 1 << 2, /* a string that must not be empty */
} FerryFieldFlags;

typedef struct
{
  guint            prop_id;      /* the class's property that shows this field */
  FerryFieldType   type;
  gsize            offset;       /* into the instance struct */
  /* Dotted JSON path; alternatives separated by '|' ("isAutoSyncEnabled|isEnabled").
   * NULL: not read from JSON (computed by the model). */
  const char      *json;
  FerryFieldFlags  flags;
  /* FERRY_FIELD_ENUM: FALSE for an unknown string (→ INVALID_RESPONSE). */
  gboolean       (*parse_enum)   (const char *str,
                                  int        *value);
  const char    *(*enum_to_string) (int value); /* NULL return → JSON null */
} FerryField;

/* Registers the field table of @klass. @pspecs is the class's properties array, indexed
 * by property id and already installed; each field's property must hold its kind of
 * value (string, boolean, int, an enum, GDateTime). Call once, in class_init. */
void       ferry_resource_class_set_fields     (FerryResourceClass *klass,
                                                const FerryField   *fields,
                                                guint               n_fields,
                                                GParamSpec * const *pspecs);

/* get/set_property for the properties of the field table, notifying only on real change.
 * Classes use them as their get_property/set_property, or chain to them for the field
 * ids after handling properties of their own. */
void       ferry_resource_fields_get_property  (GObject            *object,
                                                guint               prop_id,
                                                GValue             *value,
                                                GParamSpec         *pspec);
void       ferry_resource_fields_set_property  (GObject            *object,
                                                guint               prop_id,
                                                const GValue       *value,
                                                GParamSpec         *pspec);

/* Fills @self's fields from @object. @partial relaxes FERRY_FIELD_REQUIRED_FULL. */
gboolean   ferry_resource_parse_fields         (FerryResource      *self,
                                                JsonObject         *object,
                                                gboolean            partial,
                                                GError            **error);
/* Adds every field that has a JSON path to @object (first alternative, nested objects made). */
void       ferry_resource_fields_to_json       (FerryResource      *self,
                                                JsonObject         *object);

/* The id of @object, which must be a non-empty string. */
const char *ferry_json_require_id              (JsonObject         *object,
                                                GError            **error);

/* Generic construction: g_object_new (@type, "id", id) then the fields. */
gpointer   ferry_resource_new_from_json        (GType               type,
                                                JsonObject         *object,
                                                gboolean            partial,
                                                GError            **error);

/* What a list answer's element was, byte for byte (ferry-api-list.c): a resource read from
 * one carries its digest until one of its fields changes, or until
 * ferry_resource_update_from () gives it the other resource's (when that has one). */
#define FERRY_RESOURCE_DIGEST_LEN 16

const guint8 *ferry_resource_get_digest        (FerryResource      *self);
void       ferry_resource_set_digest           (FerryResource      *self,
                                                const guint8       *digest);

G_END_DECLS
