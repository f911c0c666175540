/* ferry-devops-project.c: an Azure DevOps project of a connection {id, name, appId}.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ferry-devops-project.h"
#include "ferry-resource-private.h"

struct _FerryDevopsProject
{
  FerryResource parent_instance;

  char *name;
  char *app_id;
};

G_DEFINE_FINAL_TYPE (FerryDevopsProject, ferry_devops_project, FERRY_TYPE_RESOURCE)

enum {
  PROP_0,
  PROP_NAME,
  PROP_APP_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const FerryField fields[] = {
  { PROP_NAME, FERRY_FIELD_STRING, G_STRUCT_OFFSET (FerryDevopsProject, name), "name", FERRY_FIELD_REQUIRED },
  { PROP_APP_ID, FERRY_FIELD_STRING, G_STRUCT_OFFSET (FerryDevopsProject, app_id), "appId", FERRY_FIELD_OPTIONAL },
};

static void
ferry_devops_project_class_init (FerryDevopsProjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = ferry_resource_fields_get_property;
  object_class->set_property = ferry_resource_fields_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_APP_ID] =
    g_param_spec_string ("app-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
  ferry_resource_class_set_fields (FERRY_RESOURCE_CLASS (klass), fields, G_N_ELEMENTS (fields), properties);
}

static void
ferry_devops_project_init (FerryDevopsProject *self)
{
}

FerryDevopsProject *
ferry_devops_project_new_from_json (JsonObject  *object,
                                    GError     **error)
{
  FerryDevopsProject *self;

  self = ferry_resource_new_from_json (FERRY_TYPE_DEVOPS_PROJECT, object, FALSE, error);
  /* appId is the same GUID as id; older answers may lack it. */
  if (self != NULL && (self->app_id == NULL || *self->app_id == '\0'))
    {
      g_free (self->app_id);
      self->app_id = g_strdup (ferry_resource_get_id (FERRY_RESOURCE (self)));
    }

  return self;
}

FerryDevopsProject *
ferry_devops_project_new (const char *id,
                          const char *name)
{
  g_return_val_if_fail (id != NULL && *id != '\0', NULL);

  return g_object_new (FERRY_TYPE_DEVOPS_PROJECT,
                       "id", id,
                       "name", name ? name : id,
                       "app-id", id,
                       NULL);
}

const char *
ferry_devops_project_get_name (FerryDevopsProject *self)
{
  g_return_val_if_fail (FERRY_IS_DEVOPS_PROJECT (self), NULL);
  return self->name;
}

const char *
ferry_devops_project_get_app_id (FerryDevopsProject *self)
{
  g_return_val_if_fail (FERRY_IS_DEVOPS_PROJECT (self), NULL);
  return self->app_id;
}
