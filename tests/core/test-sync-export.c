/* test-sync-export.c: Open and Copy for a sync (src/core/ferry-sync-export.c), without a
 * display: links, curl, and Terraform parsed by a real HCL parser (tests/hcl/hcl2json.js,
 * the npm package @cdktf/hcl2json that dev.sh installs into the build dir) and compared
 * with the sync, attribute by attribute.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "ferry-sync-export.h"
#include "ferry-test-utils.h"

/* A description with everything HCL would otherwise read as syntax or interpolation. */
#define TRICKY_DESCRIPTION "Sends \"web\" secrets\\n to ${var.x} and %{ if } for 100% — ünïcode\nline two"

static const char *sync_json =
  "{\"id\": \"0b1c2d3e-0000-4000-a000-000000000001\", \"name\": \"web-prod\","
  " \"description\": \"" "Sends \\\"web\\\" secrets\\\\n to ${var.x} and %{ if } for 100% — ünïcode\\nline two" "\","
  " \"projectId\": \"p1\", \"connectionId\": \"0b1c2d3e-0000-4000-a000-000000000002\","
  " \"connection\": {\"app\": \"azure-devops\", \"name\": \"contoso-pat\", \"id\": \"0b1c2d3e-0000-4000-a000-000000000002\"},"
  " \"environment\": {\"id\": \"e1\", \"slug\": \"prod\", \"name\": \"Production\"},"
  " \"folder\": {\"id\": \"f1\", \"path\": \"/web/api\"},"
  " \"destination\": \"azure-devops\","
  " \"destinationConfig\": {\"devopsProjectId\": \"0b1c2d3e-0000-4000-a000-000000000003\", \"devopsProjectName\": \"Contoso Web\"},"
  " \"syncOptions\": {\"initialSyncBehavior\": \"overwrite-destination\", \"keySchema\": \"INFISICAL_{{secretKey}}\","
  "                   \"disableSecretDeletion\": true},"
  " \"isAutoSyncEnabled\": false, \"syncStatus\": \"succeeded\"}";

#define CONNECTION_JSON_FMT \
  "{\"id\": \"0b1c2d3e-0000-4000-a000-000000000002\", \"name\": \"contoso pat\", \"app\": \"azure-devops\"," \
  " \"description\": \"The PAT\", \"method\": \"%s\", \"orgId\": \"o1\", \"projectId\": \"p1\"," \
  " \"credentials\": {\"orgName\": \"contoso\", \"tenantId\": \"t-1\", \"clientId\": \"c-1\"}," \
  " \"createdAt\": \"2026-11-20T10:00:00.000Z\", \"updatedAt\": \"2026-11-20T10:00:00.000Z\"}"

static JsonObject *
parse_object (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);

  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static FerrySync *
make_sync (void)
{
  g_autoptr(JsonObject) object = parse_object (sync_json);
  g_autoptr(GError) error = NULL;
  FerrySync *sync = ferry_sync_new_from_json (object, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (ferry_sync_get_description (sync), ==, TRICKY_DESCRIPTION);
  return sync;
}

static FerryConnection *
make_connection (const char *method)
{
  g_autofree char *json = g_strdup_printf (CONNECTION_JSON_FMT, method);
  g_autoptr(JsonObject) object = parse_object (json);
  g_autoptr(GError) error = NULL;
  FerryConnection *connection = ferry_connection_new_from_json (object, FALSE, &error);

  g_assert_no_error (error);
  return connection;
}

/* ---- HCL, parsed for real ---- */

/* resource.<type>.<label>: hcl2json gives each block as a one-element array. */
static JsonObject *
get_block (JsonObject *root,
           const char *kind,
           const char *type,
           const char *label)
{
  JsonObject *of_kind = json_object_get_object_member (root, kind);
  JsonNode *node;

  g_assert_nonnull (of_kind);
  if (type != NULL)
    {
      of_kind = json_object_get_object_member (of_kind, type);
      g_assert_nonnull (of_kind);
    }
  node = json_object_get_member (of_kind, label);
  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 1);

  return json_array_get_object_element (json_node_get_array (node), 0);
}

static void
assert_members (JsonObject         *object,
                const char * const *names)
{
  g_autoptr(GList) members = json_object_get_members (object);

  g_assert_cmpuint (g_list_length (members), ==, g_strv_length ((char **) names));
  for (guint i = 0; names[i] != NULL; i++)
    g_assert_true (json_object_has_member (object, names[i]));
}

static void
test_sync_terraform (void)
{
  g_autoptr(FerrySync) sync = make_sync ();
  g_autofree char *hcl = ferry_export_sync_terraform (sync);
  g_autoptr(JsonObject) root = NULL;
  JsonObject *resource, *options, *destination;
  const char * const top[] = { "name", "description", "project_id", "environment", "secret_path", "connection_id",
                               "auto_sync_enabled", "sync_options", "destination_config", NULL };
  const char * const option_names[] = { "disable_secret_deletion", "key_schema", NULL };
  const char * const destination_names[] = { "devops_project_id", NULL };

  g_test_message ("%s", hcl);
  root = ferry_test_hcl_to_json (hcl);
  if (root == NULL)
    return;

  resource = get_block (root, "resource", "infisical_secret_sync_azure_devops", "web-prod");
  assert_members (resource, top);
  g_assert_cmpstr (json_object_get_string_member (resource, "name"), ==, ferry_sync_get_name (sync));
  g_assert_cmpstr (json_object_get_string_member (resource, "project_id"), ==, ferry_sync_get_project_id (sync));
  g_assert_cmpstr (json_object_get_string_member (resource, "environment"), ==, "prod");
  g_assert_cmpstr (json_object_get_string_member (resource, "secret_path"), ==, "/web/api");
  g_assert_cmpstr (json_object_get_string_member (resource, "connection_id"), ==, ferry_sync_get_connection_id (sync));
  g_assert_false (json_object_get_boolean_member (resource, "auto_sync_enabled"));

  options = json_object_get_object_member (resource, "sync_options");
  assert_members (options, option_names);
  g_assert_true (json_object_get_boolean_member (options, "disable_secret_deletion"));
  g_assert_cmpstr (json_object_get_string_member (options, "key_schema"), ==, "INFISICAL_{{secretKey}}");

  destination = json_object_get_object_member (resource, "destination_config");
  assert_members (destination, destination_names);
  g_assert_cmpstr (json_object_get_string_member (destination, "devops_project_id"), ==,
                   ferry_sync_get_devops_project_id (sync));

  /* hcl2json gives a string with escapes as its source form; the text between the quotes
   * holds no unescaped quote and no live interpolation. */
  g_assert_nonnull (strstr (hcl, "\\\"web\\\""));
  g_assert_nonnull (strstr (hcl, "$${var.x}"));
  g_assert_nonnull (strstr (hcl, "%%{ if }"));
  g_assert_null (strstr (hcl, "\nline two"));
}

static void
test_connection_terraform (void)
{
  const struct {
    const char *method;
    const char *credential_names[5];
    const char *variables[3];
  } cases[] = {
    { "access-token", { "organization_name", "access_token", NULL }, { "contoso_pat_access_token", NULL } },
    { "client-secret", { "organization_name", "tenant_id", "client_id", "client_secret", NULL },
      { "contoso_pat_client_id", "contoso_pat_client_secret", NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(FerryConnection) connection = make_connection (cases[i].method);
      g_autoptr(GError) error = NULL;
      g_autofree char *hcl = ferry_export_connection_terraform (connection, &error);
      g_autoptr(JsonObject) root = NULL;
      JsonObject *resource, *credentials;
      const char * const top[] = { "name", "description", "method", "project_id", "credentials", NULL };

      g_assert_no_error (error);
      g_test_message ("%s", hcl);
      root = ferry_test_hcl_to_json (hcl);
      if (root == NULL)
        return;

      resource = get_block (root, "resource", "infisical_app_connection_azure_devops", "contoso_pat");
      assert_members (resource, top);
      g_assert_cmpstr (json_object_get_string_member (resource, "name"), ==, "contoso pat");
      g_assert_cmpstr (json_object_get_string_member (resource, "method"), ==, cases[i].method);
      g_assert_cmpstr (json_object_get_string_member (resource, "project_id"), ==, "p1");
      credentials = json_object_get_object_member (resource, "credentials");
      assert_members (credentials, cases[i].credential_names);
      g_assert_cmpstr (json_object_get_string_member (credentials, "organization_name"), ==, "contoso");

      /* Every credential is a declared, sensitive variable: no value is in the text. */
      for (guint v = 0; cases[i].variables[v] != NULL; v++)
        {
          JsonObject *variable = get_block (root, "variable", NULL, cases[i].variables[v]);
          g_autofree char *reference = g_strdup_printf ("${var.%s}", cases[i].variables[v]);
          const char *name = cases[i].variables[v];
          const char *field = g_str_has_suffix (name, "_access_token") ? "access_token" :
                              g_str_has_suffix (name, "_client_id") ? "client_id" : "client_secret";

          g_assert_true (json_object_get_boolean_member (variable, "sensitive"));
          g_assert_cmpstr (json_object_get_string_member (credentials, field), ==, reference);
        }
      if (g_str_equal (cases[i].method, "client-secret"))
        g_assert_cmpstr (json_object_get_string_member (credentials, "tenant_id"), ==, "t-1");
      g_assert_null (strstr (hcl, "c-1"));
    }
}

static void
test_oauth_connection_terraform (void)
{
  g_autoptr(FerryConnection) connection = make_connection ("oauth");
  g_autoptr(GError) error = NULL;
  g_autofree char *hcl = ferry_export_connection_terraform (connection, &error);

  g_assert_null (hcl);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
}

static void
test_terraform_label (void)
{
  const struct { const char *name, *label; } cases[] = {
    { "web-prod", "web-prod" },
    { "web prod.v2", "web_prod_v2" },
    { "1st", "_1st" },
    { "", "_" },
    { "ünï", "__n__" },  /* each byte of a non-ASCII character */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *label = ferry_export_terraform_label (cases[i].name);

      g_assert_cmpstr (label, ==, cases[i].label);
    }
}

static void
test_curl (void)
{
  g_autoptr(FerrySync) sync = make_sync ();
  g_autofree char *curl = ferry_export_sync_curl (sync, "https://eu.infisical.com/");
  g_autofree char *quoted = ferry_export_sync_curl (sync, "https://example.com/it's");
  g_auto(GStrv) argv = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (curl, ==,
                   "curl --fail-with-body -H \"Authorization: Bearer $INFISICAL_TOKEN\" "
                   "'https://eu.infisical.com/api/v1/secret-syncs/azure-devops/0b1c2d3e-0000-4000-a000-000000000001'");

  /* A shell reads the URL back as one word, whatever it holds. */
  g_assert_true (g_shell_parse_argv (quoted, NULL, &argv, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (argv), ==, 5);
  g_assert_cmpstr (argv[4], ==, "https://example.com/it's/api/v1/secret-syncs/azure-devops/0b1c2d3e-0000-4000-a000-000000000001");
}

static void
test_links (void)
{
  g_autoptr(FerrySync) sync = make_sync ();
  g_autofree char *with_org = ferry_export_sync_link (sync, "https://app.infisical.com", "o 1");
  g_autofree char *without = ferry_export_sync_link (sync, "http://127.0.0.1:8080/", NULL);
  g_autofree char *group = ferry_export_variable_group_link (sync, "contoso");
  g_autofree char *no_org = ferry_export_variable_group_link (sync, NULL);

  g_assert_cmpstr (with_org, ==,
                   "https://app.infisical.com/organizations/o%201/projects/secret-management/p1/integrations/secret-syncs/azure-devops/0b1c2d3e-0000-4000-a000-000000000001");
  g_assert_cmpstr (without, ==,
                   "http://127.0.0.1:8080/secret-manager/p1/integrations/secret-syncs/azure-devops/0b1c2d3e-0000-4000-a000-000000000001");
  g_assert_cmpstr (group, ==, "https://dev.azure.com/contoso/Contoso%20Web/_library?itemType=VariableGroups");
  g_assert_null (no_org);
}

int
main (int   argc,
      char *argv[])
{
  ferry_test_init (&argc, &argv);

  g_test_add_func ("/sync-export/terraform/sync", test_sync_terraform);
  g_test_add_func ("/sync-export/terraform/connection", test_connection_terraform);
  g_test_add_func ("/sync-export/terraform/oauth", test_oauth_connection_terraform);
  g_test_add_func ("/sync-export/terraform/label", test_terraform_label);
  g_test_add_func ("/sync-export/curl", test_curl);
  g_test_add_func ("/sync-export/links", test_links);

  return g_test_run ();
}
