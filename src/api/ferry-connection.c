/* ferry-connection.c: an Azure DevOps app connection (docs/infisical-api.md#connection-object).
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-connection.h"
#include "ferry-json.h"
#include "ferry-resource-private.h"

struct _FerryConnection
{
  FerryResource parent_instance;

  char      *name;
  char      *description;
  int        method;
  char      *org_name;
  char      *tenant_id;
  char      *client_id;
  char      *org_id;
  char      *project_id;
  char      *project_name;
  char      *credentials_hash;
  int        version;
  GDateTime *created_at;
  GDateTime *updated_at;
  gboolean   reports_scope;  /* the object had "projectId" (null or not) */
};

G_DEFINE_FINAL_TYPE (FerryConnection, ferry_connection, FERRY_TYPE_RESOURCE)

enum {
  PROP_0,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_METHOD,
  PROP_ORG_NAME,
  PROP_TENANT_ID,
  PROP_CLIENT_ID,
  PROP_ORG_ID,
  PROP_PROJECT_ID,
  PROP_PROJECT_NAME,
  PROP_CREDENTIALS_HASH,
  PROP_VERSION,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GType
ferry_connection_method_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { FERRY_CONNECTION_METHOD_OAUTH, "FERRY_CONNECTION_METHOD_OAUTH", "oauth" },
        { FERRY_CONNECTION_METHOD_ACCESS_TOKEN, "FERRY_CONNECTION_METHOD_ACCESS_TOKEN", "access-token" },
        { FERRY_CONNECTION_METHOD_CLIENT_SECRET, "FERRY_CONNECTION_METHOD_CLIENT_SECRET", "client-secret" },
        { 0, NULL, NULL },
      };
      GType type = g_enum_register_static (g_intern_static_string ("FerryConnectionMethod"), values);

      g_once_init_leave (&type_id, type);
    }

  return type_id;
}

static gboolean
parse_method (const char *str,
              int        *value)
{
  FerryConnectionMethod method;

  if (!ferry_connection_method_from_string (str, &method))
    return FALSE;
  *value = method;
  return TRUE;
}

static const char *
method_to_string (int value)
{
  return ferry_connection_method_to_string (value);
}

static const FerryField fields[] = {
  { PROP_NAME, FERRY_FIELD_STRING, G_STRUCT_OFFSET (FerryConnection, name), "name", FERRY_FIELD_REQUIRED },
  { PROP_DESCRIPTION, FERRY_FIELD_STRING, G_STRUCT_OFFSET (FerryConnection, description), "description", FERRY_FIELD_OPTIONAL },
  { PROP_METHOD, FERRY_FIELD_ENUM, G_STRUCT_OFFSET (FerryConnection, method), "method", FERRY_FIELD_REQUIRED_FULL,
    parse_method, method_to_string },
  { PROP_ORG_NAME, FERRY_FIELD_STRING, G_STRUCT_OFFSET (FerryConnection, org_name), "credentials.orgName", FERRY_FIELD_REQUIRED_FULL },
  { PROP_TENANT_ID, FERRY_FIELD_STRING, G_STRUCT_OFFSET (FerryConnection, tenant_id), "credentials.tenantId", FERRY_FIELD_OPTIONAL },
  { PROP_CLIENT_ID, FERRY_FIELD_STRING, G_STRUCT_OFFSET (FerryConnection, client_id), "credentials.clientId", FERRY_FIELD_OPTIONAL },
  { PROP_ORG_ID, FERRY_FIELD_STRING, G_STRUCT_OFFSET (FerryConnection, org_id), "orgId", FERRY_FIELD_REQUIRED_FULL },
  { PROP_PROJECT_ID, FERRY_FIELD_STRING, G_STRUCT_OFFSET (FerryConnection, project_id), "projectId", FERRY_FIELD_OPTIONAL },
  { PROP_PROJECT_NAME, FERRY_FIELD_STRING, G_STRUCT_OFFSET (FerryConnection, project_name), "project.name", FERRY_FIELD_OPTIONAL },
  { PROP_CREDENTIALS_HASH, FERRY_FIELD_STRING, G_STRUCT_OFFSET (FerryConnection, credentials_hash), "credentialsHash", FERRY_FIELD_OPTIONAL },
  { PROP_VERSION, FERRY_FIELD_INT, G_STRUCT_OFFSET (FerryConnection, version), "version", FERRY_FIELD_OPTIONAL },
  { PROP_CREATED_AT, FERRY_FIELD_DATETIME, G_STRUCT_OFFSET (FerryConnection, created_at), "createdAt", FERRY_FIELD_REQUIRED_FULL },
  { PROP_UPDATED_AT, FERRY_FIELD_DATETIME, G_STRUCT_OFFSET (FerryConnection, updated_at), "updatedAt", FERRY_FIELD_REQUIRED_FULL },
};

static void
ferry_connection_class_init (FerryConnectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = ferry_resource_fields_get_property;
  object_class->set_property = ferry_resource_fields_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_METHOD] =
    g_param_spec_enum ("method", NULL, NULL,
                       FERRY_TYPE_CONNECTION_METHOD, FERRY_CONNECTION_METHOD_ACCESS_TOKEN,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ORG_NAME] =
    g_param_spec_string ("org-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TENANT_ID] =
    g_param_spec_string ("tenant-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CLIENT_ID] =
    g_param_spec_string ("client-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ORG_ID] =
    g_param_spec_string ("org-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_PROJECT_ID] =
    g_param_spec_string ("project-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_PROJECT_NAME] =
    g_param_spec_string ("project-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CREDENTIALS_HASH] =
    g_param_spec_string ("credentials-hash", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_VERSION] =
    g_param_spec_int ("version", NULL, NULL,
                      G_MININT, G_MAXINT, 0,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CREATED_AT] =
    g_param_spec_boxed ("created-at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_UPDATED_AT] =
    g_param_spec_boxed ("updated-at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
  ferry_resource_class_set_fields (FERRY_RESOURCE_CLASS (klass), fields, G_N_ELEMENTS (fields), properties);
}

static void
ferry_connection_init (FerryConnection *self)
{
  self->method = FERRY_CONNECTION_METHOD_ACCESS_TOKEN;
}

FerryConnection *
ferry_connection_new_from_json (JsonObject  *object,
                                gboolean     partial,
                                GError     **error)
{
  FerryConnection *connection;
  JsonNode *app;

  if (object != NULL && (app = json_object_get_member (object, "app")) != NULL &&
      !JSON_NODE_HOLDS_NULL (app))
    {
      if (ferry_json_node_get_utf8 (app) == NULL)
        {
          g_propagate_error (error, ferry_api_error_new_invalid_response ("“app” has the wrong type"));
          return NULL;
        }
      if (!g_str_equal (json_node_get_string (app), "azure-devops"))
        {
          g_propagate_error (error, ferry_api_error_new_invalid_response ("connection is for app “%s”, not “azure-devops”",
                                                                          json_node_get_string (app)));
          return NULL;
        }
    }

  connection = ferry_resource_new_from_json (FERRY_TYPE_CONNECTION, object, partial, error);
  if (connection != NULL)
    connection->reports_scope = json_object_has_member (object, "projectId");
  return connection;
}

gboolean
ferry_connection_reports_scope (FerryConnection *self)
{
  g_return_val_if_fail (FERRY_IS_CONNECTION (self), FALSE);
  return self->reports_scope;
}

const char *
ferry_connection_get_name (FerryConnection *self)
{
  g_return_val_if_fail (FERRY_IS_CONNECTION (self), NULL);
  return self->name;
}

const char *
ferry_connection_get_description (FerryConnection *self)
{
  g_return_val_if_fail (FERRY_IS_CONNECTION (self), NULL);
  return self->description;
}

FerryConnectionMethod
ferry_connection_get_method (FerryConnection *self)
{
  g_return_val_if_fail (FERRY_IS_CONNECTION (self), FERRY_CONNECTION_METHOD_ACCESS_TOKEN);
  return self->method;
}

const char *
ferry_connection_get_org_name (FerryConnection *self)
{
  g_return_val_if_fail (FERRY_IS_CONNECTION (self), NULL);
  return self->org_name;
}

const char *
ferry_connection_get_tenant_id (FerryConnection *self)
{
  g_return_val_if_fail (FERRY_IS_CONNECTION (self), NULL);
  return self->tenant_id;
}

const char *
ferry_connection_get_client_id (FerryConnection *self)
{
  g_return_val_if_fail (FERRY_IS_CONNECTION (self), NULL);
  return self->client_id;
}

const char *
ferry_connection_get_org_id (FerryConnection *self)
{
  g_return_val_if_fail (FERRY_IS_CONNECTION (self), NULL);
  return self->org_id;
}

const char *
ferry_connection_get_project_id (FerryConnection *self)
{
  g_return_val_if_fail (FERRY_IS_CONNECTION (self), NULL);
  return self->project_id;
}

const char *
ferry_connection_get_project_name (FerryConnection *self)
{
  g_return_val_if_fail (FERRY_IS_CONNECTION (self), NULL);
  return self->project_name;
}

const char *
ferry_connection_get_credentials_hash (FerryConnection *self)
{
  g_return_val_if_fail (FERRY_IS_CONNECTION (self), NULL);
  return self->credentials_hash;
}

int
ferry_connection_get_version (FerryConnection *self)
{
  g_return_val_if_fail (FERRY_IS_CONNECTION (self), 0);
  return self->version;
}

GDateTime *
ferry_connection_get_created_at (FerryConnection *self)
{
  g_return_val_if_fail (FERRY_IS_CONNECTION (self), NULL);
  return self->created_at;
}

GDateTime *
ferry_connection_get_updated_at (FerryConnection *self)
{
  g_return_val_if_fail (FERRY_IS_CONNECTION (self), NULL);
  return self->updated_at;
}

const char *
ferry_connection_method_to_string (FerryConnectionMethod method)
{
  switch (method)
    {
    case FERRY_CONNECTION_METHOD_OAUTH:
      return "oauth";
    case FERRY_CONNECTION_METHOD_ACCESS_TOKEN:
      return "access-token";
    case FERRY_CONNECTION_METHOD_CLIENT_SECRET:
      return "client-secret";
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
ferry_connection_method_from_string (const char            *str,
                                     FerryConnectionMethod *method)
{
  g_return_val_if_fail (method != NULL, FALSE);

  if (g_strcmp0 (str, "oauth") == 0)
    *method = FERRY_CONNECTION_METHOD_OAUTH;
  else if (g_strcmp0 (str, "access-token") == 0)
    *method = FERRY_CONNECTION_METHOD_ACCESS_TOKEN;
  else if (g_strcmp0 (str, "client-secret") == 0)
    *method = FERRY_CONNECTION_METHOD_CLIENT_SECRET;
  else
    return FALSE;

  return TRUE;
}

const char *
ferry_connection_method_get_label (FerryConnectionMethod method)
{
  switch (method)
    {
    case FERRY_CONNECTION_METHOD_OAUTH:
      /* Translators: an Azure DevOps connection method */
      return _("OAuth");
    case FERRY_CONNECTION_METHOD_ACCESS_TOKEN:
      /* Translators: an Azure DevOps connection method (a personal access token) */
      return _("Access Token");
    case FERRY_CONNECTION_METHOD_CLIENT_SECRET:
      /* Translators: an Azure DevOps connection method (a service principal's secret) */
      return _("Client Secret");
    default:
      g_return_val_if_reached (NULL);
    }
}

JsonObject *
ferry_connection_credentials_access_token (const char *access_token,
                                           const char *org_name)
{
  JsonObject *object;

  g_return_val_if_fail (access_token != NULL, NULL);
  g_return_val_if_fail (org_name != NULL, NULL);

  object = json_object_new ();
  json_object_set_string_member (object, "accessToken", access_token);
  json_object_set_string_member (object, "orgName", org_name);
  return object;
}

JsonObject *
ferry_connection_credentials_client_secret (const char *tenant_id,
                                            const char *client_id,
                                            const char *client_secret,
                                            const char *org_name)
{
  JsonObject *object;

  g_return_val_if_fail (tenant_id != NULL, NULL);
  g_return_val_if_fail (client_id != NULL, NULL);
  g_return_val_if_fail (client_secret != NULL, NULL);
  g_return_val_if_fail (org_name != NULL, NULL);

  object = json_object_new ();
  json_object_set_string_member (object, "tenantId", tenant_id);
  json_object_set_string_member (object, "clientId", client_id);
  json_object_set_string_member (object, "clientSecret", client_secret);
  json_object_set_string_member (object, "orgName", org_name);
  return object;
}

JsonObject *
ferry_connection_credentials_oauth (const char *code,
                                    const char *tenant_id,
                                    const char *org_name)
{
  JsonObject *object;

  g_return_val_if_fail (code != NULL, NULL);
  g_return_val_if_fail (tenant_id != NULL, NULL);
  g_return_val_if_fail (org_name != NULL, NULL);

  object = json_object_new ();
  json_object_set_string_member (object, "code", code);
  json_object_set_string_member (object, "tenantId", tenant_id);
  json_object_set_string_member (object, "orgName", org_name);
  return object;
}

JsonObject *
ferry_connection_build_create_body (FerryConnectionMethod  method,
                                    JsonObject            *credentials,
                                    const char            *name,
                                    const char            *description,
                                    const char            *project_id)
{
  JsonObject *body;

  g_return_val_if_fail (credentials != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  body = json_object_new ();
  json_object_set_string_member (body, "method", ferry_connection_method_to_string (method));
  json_object_set_object_member (body, "credentials", credentials);
  json_object_set_string_member (body, "name", name);
  if (description != NULL && *description != '\0')
    json_object_set_string_member (body, "description", description);
  if (project_id != NULL && *project_id != '\0')
    json_object_set_string_member (body, "projectId", project_id);

  return body;
}
