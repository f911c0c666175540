/* ferry-folder.c: a secret folder (fact sheet §4, folder items).
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ferry-folder.h"
#include "ferry-resource-private.h"

struct _FerryFolder
{
  FerryResource parent_instance;

  char *name;
  char *path;
  char *description;
};

G_DEFINE_FINAL_TYPE (FerryFolder, ferry_folder, FERRY_TYPE_RESOURCE)

enum {
  PROP_0,
  PROP_NAME,
  PROP_PATH,
  PROP_DESCRIPTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const FerryField fields[] = {
  { PROP_NAME, FERRY_FIELD_STRING, G_STRUCT_OFFSET (FerryFolder, name), "name", FERRY_FIELD_REQUIRED | FERRY_FIELD_NOT_EMPTY },
  /* Not in the JSON: the listed parent path + name (ferry_folder_new_from_json). */
  { PROP_PATH, FERRY_FIELD_STRING, G_STRUCT_OFFSET (FerryFolder, path), NULL, FERRY_FIELD_OPTIONAL },
  { PROP_DESCRIPTION, FERRY_FIELD_STRING, G_STRUCT_OFFSET (FerryFolder, description), "description", FERRY_FIELD_OPTIONAL },
};

static void
ferry_folder_class_init (FerryFolderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = ferry_resource_fields_get_property;
  object_class->set_property = ferry_resource_fields_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
  ferry_resource_class_set_fields (FERRY_RESOURCE_CLASS (klass), fields, G_N_ELEMENTS (fields), properties);
}

static void
ferry_folder_init (FerryFolder *self)
{
}

FerryFolder *
ferry_folder_new_from_json (JsonObject  *object,
                            const char  *parent_path,
                            GError     **error)
{
  FerryFolder *self;

  self = ferry_resource_new_from_json (FERRY_TYPE_FOLDER, object, FALSE, error);
  if (self == NULL)
    return NULL;

  if (strchr (self->name, '/') != NULL)
    {
      g_propagate_error (error, ferry_api_error_new_invalid_response ("folder name “%s” contains “/”", self->name));
      g_object_unref (self);
      return NULL;
    }

  if (parent_path == NULL || *parent_path == '\0' || g_str_equal (parent_path, "/"))
    self->path = g_strconcat ("/", self->name, NULL);
  else if (g_str_has_suffix (parent_path, "/"))
    self->path = g_strconcat (parent_path, self->name, NULL);
  else
    self->path = g_strconcat (parent_path, "/", self->name, NULL);

  return self;
}

const char *
ferry_folder_get_name (FerryFolder *self)
{
  g_return_val_if_fail (FERRY_IS_FOLDER (self), NULL);
  return self->name;
}

const char *
ferry_folder_get_path (FerryFolder *self)
{
  g_return_val_if_fail (FERRY_IS_FOLDER (self), NULL);
  return self->path;
}

const char *
ferry_folder_get_description (FerryFolder *self)
{
  g_return_val_if_fail (FERRY_IS_FOLDER (self), NULL);
  return self->description;
}
