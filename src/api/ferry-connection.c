/* ferry-connection.c: an Azure DevOps app connection (fact sheet §5.2).
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
};

G_DEFINE_FINAL_TYPE (FerryConnection, ferry_connection, FERRY_TYPE_RESOURCE)

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
  { "name", FERRY_FIELD_STRING, G_STRUCT_OFFSET (FerryConnection, name), "name", FERRY_FIELD_REQUIRED },
  { "description", FERRY_FIELD_STRING, G_STRUCT_OFFSET (FerryConnection, description), "description", FERRY_FIELD_OPTIONAL },
  { "method", FERRY_FIELD_ENUM, G_STRUCT_OFFSET (FerryConnection, method), "method", FERRY_FIELD_REQUIRED_FULL,
    0, FERRY_CONNECTION_METHOD_ACCESS_TOKEN, parse_method, method_to_string },
  { "org-name", FERRY_FIELD_STRING, G_STRUCT_OFFSET (FerryConnection, org_name), "credentials.orgName", FERRY_FIELD_REQUIRED_FULL },
  { "tenant-id", FERRY_FIELD_STRING, G_STRUCT_OFFSET (FerryConnection, tenant_id), "credentials.tenantId", FERRY_FIELD_OPTIONAL },
  { "client-id", FERRY_FIELD_STRING, G_STRUCT_OFFSET (FerryConnection, client_id), "credentials.clientId", FERRY_FIELD_OPTIONAL },
  { "org-id", FERRY_FIELD_STRING, G_STRUCT_OFFSET (FerryConnection, org_id), "orgId", FERRY_FIELD_REQUIRED_FULL },
  { "project-id", FERRY_FIELD_STRING, G_STRUCT_OFFSET (FerryConnection, project_id), "projectId", FERRY_FIELD_OPTIONAL },
  { "project-name", FERRY_FIELD_STRING, G_STRUCT_OFFSET (FerryConnection, project_name), "project.name", FERRY_FIELD_OPTIONAL },
  { "credentials-hash", FERRY_FIELD_STRING, G_STRUCT_OFFSET (FerryConnection, credentials_hash), "credentialsHash", FERRY_FIELD_OPTIONAL },
  { "version", FERRY_FIELD_INT, G_STRUCT_OFFSET (FerryConnection, version), "version", FERRY_FIELD_OPTIONAL },
  { "created-at", FERRY_FIELD_DATETIME, G_STRUCT_OFFSET (FerryConnection, created_at), "createdAt", FERRY_FIELD_REQUIRED_FULL },
  { "updated-at", FERRY_FIELD_DATETIME, G_STRUCT_OFFSET (FerryConnection, updated_at), "updatedAt", FERRY_FIELD_REQUIRED_FULL },
};

static void
ferry_connection_class_init (FerryConnectionClass *klass)
{
  /* The enum type is only known at run time, so the table is patched once here. */
  static FerryField table[G_N_ELEMENTS (fields)];

  memcpy (table, fields, sizeof fields);
  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    if (table[i].type == FERRY_FIELD_ENUM)
      table[i].enum_type = FERRY_TYPE_CONNECTION_METHOD;

  ferry_resource_class_install_fields (FERRY_RESOURCE_CLASS (klass), table, G_N_ELEMENTS (table), 1);
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

  return ferry_resource_new_from_json (FERRY_TYPE_CONNECTION, object, partial, error);
}

#define GETTER(type, name, field, fallback)                       \
  type                                                            \
  ferry_connection_get_##name (FerryConnection *self)             \
  {                                                               \
    g_return_val_if_fail (FERRY_IS_CONNECTION (self), fallback);  \
    return self->field;                                           \
  }

GETTER (const char *, name, name, NULL)
GETTER (const char *, description, description, NULL)
GETTER (FerryConnectionMethod, method, method, FERRY_CONNECTION_METHOD_ACCESS_TOKEN)
GETTER (const char *, org_name, org_name, NULL)
GETTER (const char *, tenant_id, tenant_id, NULL)
GETTER (const char *, client_id, client_id, NULL)
GETTER (const char *, org_id, org_id, NULL)
GETTER (const char *, project_id, project_id, NULL)
GETTER (const char *, project_name, project_name, NULL)
GETTER (const char *, credentials_hash, credentials_hash, NULL)
GETTER (int, version, version, 0)
GETTER (GDateTime *, created_at, created_at, NULL)
GETTER (GDateTime *, updated_at, updated_at, NULL)

#undef GETTER

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
