/* ferry-connection.h: an Azure DevOps app connection (docs/infisical-api.md#connection-object).
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ferry-resource.h"

G_BEGIN_DECLS

typedef enum
{
  FERRY_CONNECTION_METHOD_OAUTH,          /* "oauth" */
  FERRY_CONNECTION_METHOD_ACCESS_TOKEN,   /* "access-token" */
  FERRY_CONNECTION_METHOD_CLIENT_SECRET,  /* "client-secret" */
} FerryConnectionMethod;

#define FERRY_TYPE_CONNECTION_METHOD (ferry_connection_method_get_type ())
GType ferry_connection_method_get_type (void);

#define FERRY_TYPE_CONNECTION (ferry_connection_get_type ())

G_DECLARE_FINAL_TYPE (FerryConnection, ferry_connection, FERRY, CONNECTION, FerryResource)

/* Parses a full connection object, or (with @partial) an item of the "available" list
 * ({app, name, id, projectId?, orgId}). */
FerryConnection       *ferry_connection_new_from_json      (JsonObject *object,
                                                            gboolean    partial,
                                                            GError    **error);

const char            *ferry_connection_get_name           (FerryConnection *self);
const char            *ferry_connection_get_description    (FerryConnection *self);
FerryConnectionMethod  ferry_connection_get_method         (FerryConnection *self);
const char            *ferry_connection_get_org_name       (FerryConnection *self); /* Azure DevOps organization */
const char            *ferry_connection_get_tenant_id      (FerryConnection *self); /* oauth, client-secret */
const char            *ferry_connection_get_client_id      (FerryConnection *self); /* client-secret */
const char            *ferry_connection_get_org_id         (FerryConnection *self); /* Infisical organization */
const char            *ferry_connection_get_project_id     (FerryConnection *self); /* NULL: organization-wide */
const char            *ferry_connection_get_project_name   (FerryConnection *self);
const char            *ferry_connection_get_credentials_hash (FerryConnection *self);
/* Whether the server's object had "projectId" at all (null for the organization's): builds
 * with project-scoped connections always send it, earlier ones never do
 * (docs/infisical-api.md#project-scoped-connections). */
gboolean               ferry_connection_reports_scope      (FerryConnection *self);
int                    ferry_connection_get_version        (FerryConnection *self);
GDateTime             *ferry_connection_get_created_at     (FerryConnection *self);
GDateTime             *ferry_connection_get_updated_at     (FerryConnection *self);

const char            *ferry_connection_method_to_string   (FerryConnectionMethod method);
gboolean               ferry_connection_method_from_string (const char            *str,
                                                            FerryConnectionMethod *method);
/* Translated: "OAuth", "Access Token", "Client Secret". */
const char            *ferry_connection_method_get_label   (FerryConnectionMethod method);

/* Request bodies (credentials are copied into the returned object only). */
JsonObject *ferry_connection_credentials_access_token  (const char *access_token,
                                                        const char *org_name);
JsonObject *ferry_connection_credentials_client_secret (const char *tenant_id,
                                                        const char *client_id,
                                                        const char *client_secret,
                                                        const char *org_name);
JsonObject *ferry_connection_credentials_oauth         (const char *code,
                                                        const char *tenant_id,
                                                        const char *org_name);
/* {method, credentials, name, description?, projectId?}; takes ownership of @credentials. */
JsonObject *ferry_connection_build_create_body         (FerryConnectionMethod  method,
                                                        JsonObject            *credentials,
                                                        const char            *name,
                                                        const char            *description,
                                                        const char            *project_id);

G_END_DECLS
