/* ferry-project.c: an Infisical project and its environments (fact sheet §4).
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ferry-project.h"
#include "ferry-resource-private.h"

struct _FerryProject
{
  FerryResource parent_instance;

  char       *name;
  char       *slug;
  char       *description;
  char       *project_type;
  char       *org_id;
  GListStore *environments;
};

G_DEFINE_FINAL_TYPE (FerryProject, ferry_project, FERRY_TYPE_RESOURCE)

enum {
  PROP_0,
  PROP_NAME,
  PROP_SLUG,
  PROP_DESCRIPTION,
  PROP_PROJECT_TYPE,
  PROP_ORG_ID,
  PROP_ENVIRONMENTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const FerryField fields[] = {
  { PROP_NAME, FERRY_FIELD_STRING, G_STRUCT_OFFSET (FerryProject, name), "name", FERRY_FIELD_REQUIRED },
  { PROP_SLUG, FERRY_FIELD_STRING, G_STRUCT_OFFSET (FerryProject, slug), "slug", FERRY_FIELD_REQUIRED },
  { PROP_DESCRIPTION, FERRY_FIELD_STRING, G_STRUCT_OFFSET (FerryProject, description), "description", FERRY_FIELD_OPTIONAL },
  { PROP_PROJECT_TYPE, FERRY_FIELD_STRING, G_STRUCT_OFFSET (FerryProject, project_type), "type", FERRY_FIELD_OPTIONAL },
  { PROP_ORG_ID, FERRY_FIELD_STRING, G_STRUCT_OFFSET (FerryProject, org_id), "orgId", FERRY_FIELD_REQUIRED },
};

static void
ferry_project_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  FerryProject *self = FERRY_PROJECT (object);

  switch (prop_id)
    {
    case PROP_ENVIRONMENTS:
      g_value_set_object (value, self->environments);
      break;
    default:
      ferry_resource_fields_get_property (object, prop_id, value, pspec);
    }
}

static void
ferry_project_update_from (FerryResource *resource,
                           FerryResource *other)
{
  FerryProject *self = FERRY_PROJECT (resource);

  FERRY_RESOURCE_CLASS (ferry_project_parent_class)->update_from (resource, other);
  ferry_resource_store_merge (self->environments, G_LIST_MODEL (FERRY_PROJECT (other)->environments));
}

static void
ferry_project_finalize (GObject *object)
{
  FerryProject *self = FERRY_PROJECT (object);

  g_clear_object (&self->environments);

  G_OBJECT_CLASS (ferry_project_parent_class)->finalize (object);
}

static void
ferry_project_class_init (FerryProjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  FerryResourceClass *resource_class = FERRY_RESOURCE_CLASS (klass);

  object_class->get_property = ferry_project_get_property;
  object_class->set_property = ferry_resource_fields_set_property;
  object_class->finalize = ferry_project_finalize;
  resource_class->update_from = ferry_project_update_from;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SLUG] =
    g_param_spec_string ("slug", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_PROJECT_TYPE] =
    g_param_spec_string ("project-type", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ORG_ID] =
    g_param_spec_string ("org-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /* Kept in place by update_from: ferry_resource_store_merge () of the environments. */
  properties[PROP_ENVIRONMENTS] =
    g_param_spec_object ("environments", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
  ferry_resource_class_set_fields (resource_class, fields, G_N_ELEMENTS (fields), properties);
}

static void
ferry_project_init (FerryProject *self)
{
  self->environments = g_list_store_new (FERRY_TYPE_ENVIRONMENT);
}

FerryProject *
ferry_project_new_from_json (JsonObject  *object,
                             GError     **error)
{
  g_autoptr(FerryProject) self = NULL;
  JsonNode *envs;

  self = ferry_resource_new_from_json (FERRY_TYPE_PROJECT, object, FALSE, error);
  if (self == NULL)
    return NULL;

  /* List items and single projects both carry environments; tolerate their absence. */
  envs = json_object_get_member (object, "environments");
  if (envs != NULL && !JSON_NODE_HOLDS_NULL (envs))
    {
      JsonArray *array;
      guint n;

      if (!JSON_NODE_HOLDS_ARRAY (envs))
        {
          g_propagate_error (error, ferry_api_error_new_invalid_response ("“environments” is not an array"));
          return NULL;
        }

      array = json_node_get_array (envs);
      n = json_array_get_length (array);
      for (guint i = 0; i < n; i++)
        {
          JsonNode *node = json_array_get_element (array, i);
          g_autoptr(FerryEnvironment) env = NULL;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            {
              g_propagate_error (error, ferry_api_error_new_invalid_response ("“environments.%u” is not an object", i));
              return NULL;
            }
          env = ferry_environment_new_from_json (json_node_get_object (node), error);
          if (env == NULL)
            {
              g_autofree char *where = g_strdup_printf ("environments.%u", i);

              if (error != NULL)
                ferry_api_error_prefix_detail (*error, where);
              return NULL;
            }
          g_list_store_append (self->environments, env);
        }
    }

  return g_steal_pointer (&self);
}

const char *
ferry_project_get_name (FerryProject *self)
{
  g_return_val_if_fail (FERRY_IS_PROJECT (self), NULL);
  return self->name;
}

const char *
ferry_project_get_slug (FerryProject *self)
{
  g_return_val_if_fail (FERRY_IS_PROJECT (self), NULL);
  return self->slug;
}

const char *
ferry_project_get_description (FerryProject *self)
{
  g_return_val_if_fail (FERRY_IS_PROJECT (self), NULL);
  return self->description;
}

const char *
ferry_project_get_project_type (FerryProject *self)
{
  g_return_val_if_fail (FERRY_IS_PROJECT (self), NULL);
  return self->project_type;
}

const char *
ferry_project_get_org_id (FerryProject *self)
{
  g_return_val_if_fail (FERRY_IS_PROJECT (self), NULL);
  return self->org_id;
}

GListModel *
ferry_project_get_environments (FerryProject *self)
{
  g_return_val_if_fail (FERRY_IS_PROJECT (self), NULL);
  return G_LIST_MODEL (self->environments);
}

FerryEnvironment *
ferry_project_find_environment (FerryProject *self,
                                const char   *slug)
{
  guint n;

  g_return_val_if_fail (FERRY_IS_PROJECT (self), NULL);
  g_return_val_if_fail (slug != NULL, NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->environments));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FerryEnvironment) env = g_list_model_get_item (G_LIST_MODEL (self->environments), i);

      if (g_strcmp0 (ferry_environment_get_slug (env), slug) == 0)
        return env;
    }

  return NULL;
}
