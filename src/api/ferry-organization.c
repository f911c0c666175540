/* ferry-organization.c: an Infisical organization {id, name, slug}.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ferry-organization.h"
#include "ferry-resource-private.h"

struct _FerryOrganization
{
  FerryResource parent_instance;

  char *name;
  char *slug;
  gboolean block_duplicates;
};

G_DEFINE_FINAL_TYPE (FerryOrganization, ferry_organization, FERRY_TYPE_RESOURCE)

enum {
  PROP_0,
  PROP_NAME,
  PROP_SLUG,
  PROP_BLOCK_DUPLICATES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const FerryField fields[] = {
  { PROP_NAME, FERRY_FIELD_STRING, G_STRUCT_OFFSET (FerryOrganization, name), "name", FERRY_FIELD_REQUIRED },
  { PROP_SLUG, FERRY_FIELD_STRING, G_STRUCT_OFFSET (FerryOrganization, slug), "slug", FERRY_FIELD_OPTIONAL },
  { PROP_BLOCK_DUPLICATES, FERRY_FIELD_BOOLEAN, G_STRUCT_OFFSET (FerryOrganization, block_duplicates),
    "blockDuplicateSecretSyncDestinations", FERRY_FIELD_OPTIONAL },
};

static void
ferry_organization_class_init (FerryOrganizationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = ferry_resource_fields_get_property;
  object_class->set_property = ferry_resource_fields_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SLUG] =
    g_param_spec_string ("slug", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_BLOCK_DUPLICATES] =
    g_param_spec_boolean ("block-duplicate-destinations", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
  ferry_resource_class_set_fields (FERRY_RESOURCE_CLASS (klass), fields, G_N_ELEMENTS (fields), properties);
}

static void
ferry_organization_init (FerryOrganization *self)
{
}

FerryOrganization *
ferry_organization_new_from_json (JsonObject  *object,
                                  GError     **error)
{
  return ferry_resource_new_from_json (FERRY_TYPE_ORGANIZATION, object, FALSE, error);
}

const char *
ferry_organization_get_name (FerryOrganization *self)
{
  g_return_val_if_fail (FERRY_IS_ORGANIZATION (self), NULL);
  return self->name;
}

const char *
ferry_organization_get_slug (FerryOrganization *self)
{
  g_return_val_if_fail (FERRY_IS_ORGANIZATION (self), NULL);
  return self->slug;
}

gboolean
ferry_organization_get_block_duplicate_destinations (FerryOrganization *self)
{
  g_return_val_if_fail (FERRY_IS_ORGANIZATION (self), FALSE);
  return self->block_duplicates;
}
