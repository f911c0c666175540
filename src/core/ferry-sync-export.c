/* ferry-sync-export.c
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Terraform attribute names are the Infisical provider's (docs/terraform.md cites the
 * provider's schema); tests/core/test-sync-export.c parses the output with a real HCL
 * parser and compares it with the sync.
 */

#include "config.h"

#include <string.h>

#include "ferry-sync-export.h"

static char *
strip_slash (const char *site_url)
{
  gsize len = strlen (site_url);

  while (len > 0 && site_url[len - 1] == '/')
    len--;

  return g_strndup (site_url, len);
}

char *
ferry_export_sync_link (FerrySync  *sync,
                        const char *site_url,
                        const char *org_id)
{
  g_autofree char *site = NULL;
  g_autofree char *project = NULL;
  g_autofree char *id = NULL;

  g_return_val_if_fail (FERRY_IS_SYNC (sync), NULL);
  g_return_val_if_fail (site_url != NULL, NULL);

  site = strip_slash (site_url);
  project = g_uri_escape_string (ferry_sync_get_project_id (sync), NULL, FALSE);
  id = g_uri_escape_string (ferry_resource_get_id (FERRY_RESOURCE (sync)), NULL, FALSE);

  if (org_id != NULL && org_id[0] != '\0')
    {
      g_autofree char *org = g_uri_escape_string (org_id, NULL, FALSE);

      return g_strdup_printf ("%s/organizations/%s/projects/secret-management/%s/integrations/secret-syncs/azure-devops/%s",
                              site, org, project, id);
    }

  return g_strdup_printf ("%s/secret-manager/%s/integrations/secret-syncs/azure-devops/%s", site, project, id);
}

char *
ferry_export_variable_group_link (FerrySync  *sync,
                                  const char *org_name)
{
  const char *project;
  g_autofree char *org = NULL;
  g_autofree char *escaped_project = NULL;

  g_return_val_if_fail (FERRY_IS_SYNC (sync), NULL);

  if (org_name == NULL || org_name[0] == '\0')
    return NULL;

  /* Azure DevOps takes a project's name or its id in the URL. */
  project = ferry_sync_get_devops_project_name (sync);
  if (project == NULL || project[0] == '\0')
    project = ferry_sync_get_devops_project_id (sync);
  if (project == NULL || project[0] == '\0')
    return NULL;

  org = g_uri_escape_string (org_name, NULL, FALSE);
  escaped_project = g_uri_escape_string (project, NULL, FALSE);

  return g_strdup_printf ("https://dev.azure.com/%s/%s/_library?itemType=VariableGroups", org, escaped_project);
}

char *
ferry_export_terraform_label (const char *name)
{
  GString *label = g_string_new (NULL);

  for (const char *p = name != NULL ? name : ""; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p) || *p == '_' || *p == '-')
        g_string_append_c (label, *p);
      else
        g_string_append_c (label, '_');
    }

  if (label->len == 0 || !(g_ascii_isalpha (label->str[0]) || label->str[0] == '_'))
    g_string_prepend_c (label, '_');

  return g_string_free (label, FALSE);
}

/* A quoted HCL string: escapes, and "${" / "%{" doubled so nothing is interpolated. */
static void
append_hcl_string (GString    *out,
                   const char *value)
{
  g_string_append_c (out, '"');
  for (const char *p = value != NULL ? value : ""; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        case '$':
        case '%':
          g_string_append_c (out, *p);
          if (p[1] == '{')
            g_string_append_c (out, *p);
          break;
        default:
          if ((guchar) *p < 0x20)
            g_string_append_printf (out, "\\u%04x", (guint) (guchar) *p);
          else
            g_string_append_c (out, *p);
        }
    }
  g_string_append_c (out, '"');
}

static void
append_string_attribute (GString    *out,
                         const char *indent,
                         const char *name,
                         int         width,
                         const char *value)
{
  g_string_append_printf (out, "%s%-*s = ", indent, width, name);
  append_hcl_string (out, value);
  g_string_append_c (out, '\n');
}

static void
append_bool_attribute (GString    *out,
                       const char *indent,
                       const char *name,
                       int         width,
                       gboolean    value)
{
  g_string_append_printf (out, "%s%-*s = %s\n", indent, width, name, value ? "true" : "false");
}

static gboolean
is_set (const char *value)
{
  return value != NULL && value[0] != '\0';
}

char *
ferry_export_sync_terraform (FerrySync *sync)
{
  GString *out = g_string_new (NULL);
  g_autofree char *label = NULL;
  const char *description;
  const char *key_schema;

  g_return_val_if_fail (FERRY_IS_SYNC (sync), NULL);

  label = ferry_export_terraform_label (ferry_sync_get_name (sync));
  description = ferry_sync_get_description (sync);
  key_schema = ferry_sync_get_key_schema (sync);

  /* The id lets "terraform import" adopt the existing sync instead of creating another. */
  g_string_append_printf (out, "# Infisical secret sync %s\n", ferry_resource_get_id (FERRY_RESOURCE (sync)));
  g_string_append_printf (out, "resource \"infisical_secret_sync_azure_devops\" \"%s\" {\n", label);
  append_string_attribute (out, "  ", "name", 17, ferry_sync_get_name (sync));
  if (is_set (description))
    append_string_attribute (out, "  ", "description", 17, description);
  append_string_attribute (out, "  ", "project_id", 17, ferry_sync_get_project_id (sync));
  append_string_attribute (out, "  ", "environment", 17, ferry_sync_get_environment_slug (sync));
  append_string_attribute (out, "  ", "secret_path", 17, ferry_sync_get_secret_path (sync));
  append_string_attribute (out, "  ", "connection_id", 17, ferry_sync_get_connection_id (sync));
  append_bool_attribute (out, "  ", "auto_sync_enabled", 17, ferry_sync_get_auto_sync_enabled (sync));
  g_string_append (out, "\n  sync_options = {\n");
  append_bool_attribute (out, "    ", "disable_secret_deletion", 23, ferry_sync_get_disable_secret_deletion (sync));
  if (is_set (key_schema))
    append_string_attribute (out, "    ", "key_schema", 23, key_schema);
  g_string_append (out, "  }\n\n  destination_config = {\n");
  append_string_attribute (out, "    ", "devops_project_id", 17, ferry_sync_get_devops_project_id (sync));
  g_string_append (out, "  }\n}\n");

  return g_string_free (out, FALSE);
}

static void
append_variable (GString    *out,
                 const char *name,
                 const char *description)
{
  g_string_append_printf (out, "variable \"%s\" {\n", name);
  append_string_attribute (out, "  ", "description", 11, description);
  g_string_append (out, "  type        = string\n  sensitive   = true\n}\n\n");
}

char *
ferry_export_connection_terraform (FerryConnection  *connection,
                                   GError          **error)
{
  FerryConnectionMethod method;
  GString *out;
  g_autofree char *label = NULL;
  g_autofree char *token_var = NULL;
  g_autofree char *client_id_var = NULL;
  g_autofree char *client_secret_var = NULL;
  const char *description;
  const char *project_id;

  g_return_val_if_fail (FERRY_IS_CONNECTION (connection), NULL);

  method = ferry_connection_get_method (connection);
  if (method == FERRY_CONNECTION_METHOD_OAUTH)
    {
      /* The provider's "method" takes access-token or client-secret only. */
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           "the Infisical Terraform provider cannot create OAuth connections");
      return NULL;
    }

  out = g_string_new (NULL);
  label = ferry_export_terraform_label (ferry_connection_get_name (connection));
  description = ferry_connection_get_description (connection);
  project_id = ferry_connection_get_project_id (connection);

  /* Credentials never leave Infisical: Terraform asks for them as variables. */
  if (method == FERRY_CONNECTION_METHOD_ACCESS_TOKEN)
    {
      token_var = g_strdup_printf ("%s_access_token", label);
      append_variable (out, token_var, "Azure DevOps personal access token");
    }
  else
    {
      client_id_var = g_strdup_printf ("%s_client_id", label);
      client_secret_var = g_strdup_printf ("%s_client_secret", label);
      append_variable (out, client_id_var, "Application (client) ID of the Entra app");
      append_variable (out, client_secret_var, "Client secret of the Entra app");
    }

  g_string_append_printf (out, "# Infisical app connection %s\n", ferry_resource_get_id (FERRY_RESOURCE (connection)));
  g_string_append_printf (out, "resource \"infisical_app_connection_azure_devops\" \"%s\" {\n", label);
  append_string_attribute (out, "  ", "name", 11, ferry_connection_get_name (connection));
  if (is_set (description))
    append_string_attribute (out, "  ", "description", 11, description);
  append_string_attribute (out, "  ", "method", 11, ferry_connection_method_to_string (method));
  if (is_set (project_id))
    append_string_attribute (out, "  ", "project_id", 11, project_id);
  g_string_append (out, "\n  credentials = {\n");
  append_string_attribute (out, "    ", "organization_name", 17, ferry_connection_get_org_name (connection));
  if (method == FERRY_CONNECTION_METHOD_ACCESS_TOKEN)
    g_string_append_printf (out, "    %-17s = var.%s\n", "access_token", token_var);
  else
    {
      append_string_attribute (out, "    ", "tenant_id", 17, ferry_connection_get_tenant_id (connection));
      g_string_append_printf (out, "    %-17s = var.%s\n", "client_id", client_id_var);
      g_string_append_printf (out, "    %-17s = var.%s\n", "client_secret", client_secret_var);
    }
  g_string_append (out, "  }\n}\n");

  return g_string_free (out, FALSE);
}

/* Single quotes for the shell: nothing inside them is expanded. */
static void
append_shell_quoted (GString    *out,
                     const char *value)
{
  g_string_append_c (out, '\'');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '\'')
        g_string_append (out, "'\\''");
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '\'');
}

char *
ferry_export_sync_curl (FerrySync  *sync,
                        const char *site_url)
{
  GString *out = g_string_new ("curl --fail-with-body -H \"Authorization: Bearer $INFISICAL_TOKEN\" ");
  g_autofree char *site = NULL;
  g_autofree char *id = NULL;
  g_autofree char *url = NULL;

  g_return_val_if_fail (FERRY_IS_SYNC (sync), NULL);
  g_return_val_if_fail (site_url != NULL, NULL);

  site = strip_slash (site_url);
  id = g_uri_escape_string (ferry_resource_get_id (FERRY_RESOURCE (sync)), NULL, FALSE);
  url = g_strdup_printf ("%s/api/v1/secret-syncs/azure-devops/%s", site, id);
  append_shell_quoted (out, url);

  return g_string_free (out, FALSE);
}
