/* ferry-sync-export.h: what Open and Copy hand out for a sync or a connection.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure functions (no GTK, no I/O): the sync's page on the server, the variable group
 * library in Azure DevOps, the sync as Terraform for the Infisical provider, and the API
 * request that reads it as a curl command. None of them ever contains a credential or a
 * token: Terraform takes credentials from variables, curl from $INFISICAL_TOKEN.
 */

#pragma once

#include "ferry-connection.h"
#include "ferry-sync.h"

G_BEGIN_DECLS

/* The sync's page in the server's web app. With @org_id the current frontend route
 * (organizations/<org>/projects/secret-management/<project>/integrations/secret-syncs/
 * azure-devops/<sync>), without it the older /secret-manager/<project>/… one, which the
 * server still redirects. @site_url is a normalised site URL (no trailing slash needed). */
char *ferry_export_sync_link              (FerrySync       *sync,
                                           const char      *site_url,
                                           const char      *org_id);

/* The variable groups page of the sync's Azure DevOps project:
 * https://dev.azure.com/<org>/<project>/_library?itemType=VariableGroups. @org_name is the
 * connection's Azure DevOps organization; NULL when it is not known. */
char *ferry_export_variable_group_link    (FerrySync       *sync,
                                           const char      *org_name);

/* A label Terraform accepts for a resource or variable (letters, digits, '_' and '-',
 * starting with a letter or '_') made from @name. */
char *ferry_export_terraform_label        (const char      *name);

/* An infisical_secret_sync_azure_devops resource with the sync's settings (the attribute
 * names of the Infisical Terraform provider, docs/terraform.md). */
char *ferry_export_sync_terraform         (FerrySync       *sync);

/* An infisical_app_connection_azure_devops resource for @connection, its credentials as
 * sensitive variables declared above it. NULL with G_IO_ERROR_NOT_SUPPORTED for an OAuth
 * connection, which the provider cannot create. */
char *ferry_export_connection_terraform   (FerryConnection *connection,
                                           GError         **error);

/* The request that reads the sync (GET /api/v1/secret-syncs/azure-devops/<id>) as a curl
 * command line, the token as "$INFISICAL_TOKEN" for the shell to expand. */
char *ferry_export_sync_curl              (FerrySync       *sync,
                                           const char      *site_url);

G_END_DECLS
