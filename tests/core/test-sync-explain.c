/* test-sync-explain.c: the plain-language explanations of failed syncs and the server
 * message formatting (src/core/ferry-sync-explain.c), without a display.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "ferry-sync-explain.h"
#include "ferry-test-utils.h"

static FerrySync *
sync_from_json (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  FerrySync *sync;

  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  sync = ferry_sync_new_from_json (json_node_get_object (json_parser_get_root (parser)), &error);
  g_assert_no_error (error);
  g_assert_nonnull (sync);

  return sync;
}

static char *
failed_sync_json (const char *message,
                  gboolean    folder_deleted)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, "0b1c2d3e-0000-4000-a000-000000000001");
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, "web-prod");
  json_builder_set_member_name (builder, "projectId");
  json_builder_add_string_value (builder, "p1");
  json_builder_set_member_name (builder, "connectionId");
  json_builder_add_string_value (builder, "0b1c2d3e-0000-4000-a000-000000000002");
  json_builder_set_member_name (builder, "connection");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "app");
  json_builder_add_string_value (builder, "azure-devops");
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, "contoso-pat");
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, "0b1c2d3e-0000-4000-a000-000000000002");
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "destination");
  json_builder_add_string_value (builder, "azure-devops");
  json_builder_set_member_name (builder, "destinationConfig");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "devopsProjectId");
  json_builder_add_string_value (builder, "0b1c2d3e-0000-4000-a000-000000000003");
  json_builder_set_member_name (builder, "devopsProjectName");
  json_builder_add_string_value (builder, "Contoso Web");
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "syncOptions");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "initialSyncBehavior");
  json_builder_add_string_value (builder, "overwrite-destination");
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "isAutoSyncEnabled");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_set_member_name (builder, "syncStatus");
  json_builder_add_string_value (builder, "failed");
  json_builder_set_member_name (builder, "lastSyncMessage");
  json_builder_add_string_value (builder, message);
  json_builder_set_member_name (builder, "folder");
  if (folder_deleted)
    json_builder_add_null_value (builder);
  else
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, "f1");
      json_builder_set_member_name (builder, "path");
      json_builder_add_string_value (builder, "/");
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static void
test_server_message (void)
{
  g_autofree char *json = ferry_format_server_message ("{\"message\":\"TF200016\",\"errorCode\":0}");
  g_autofree char *plain = ferry_format_server_message ("Request failed with status code 401");
  g_autofree char *broken = ferry_format_server_message ("{not json");

  g_assert_nonnull (strstr (json, "\n  \"message\" : \"TF200016\""));
  g_assert_cmpstr (plain, ==, "Request failed with status code 401");
  g_assert_cmpstr (broken, ==, "{not json");
  g_assert_null (ferry_format_server_message (NULL));
}

static void
test_explanations (void)
{
  static const struct {
    const char     *message;
    gboolean        folder_deleted;
    const char     *expect;
    FerrySyncRemedy remedy;
  } cases[] = {
    { "{\"message\":\"TF200016: The following project does not exist: 0b1c.\"}", FALSE, "could not find the project “Contoso Web”",
      FERRY_SYNC_REMEDY_CHOOSE_PROJECT },
    { "{\"$id\":\"1\",\"message\":\"TF400813: The user is not authorized to access this resource.\"}", FALSE, "Reconnect the connection",
      FERRY_SYNC_REMEDY_RECONNECT },
    { "Request failed with status code 401", FALSE, "“contoso-pat”", FERRY_SYNC_REMEDY_RECONNECT },
    { "A job for this sync is already in progress. Please try again shortly.", FALSE, "still running", FERRY_SYNC_REMEDY_RETRY },
    { "Invalid source configuration: folder no longer exists", FALSE, "source folder of this sync no longer exists",
      FERRY_SYNC_REMEDY_CHOOSE_FOLDER },
    { "anything", TRUE, "source folder of this sync was deleted", FERRY_SYNC_REMEDY_CHOOSE_FOLDER },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = failed_sync_json (cases[i].message, cases[i].folder_deleted);
      g_autoptr(FerrySync) sync = sync_from_json (json);
      g_autofree char *explanation = ferry_sync_explain_failure (sync);

      g_assert_nonnull (explanation);
      if (strstr (explanation, cases[i].expect) == NULL)
        g_error ("case %u: “%s” does not contain “%s”", i, explanation, cases[i].expect);
      /* The explanation's button fixes what it says. */
      g_assert_cmpint (ferry_sync_failure_remedy (sync), ==, cases[i].remedy);
    }

  /* Unknown failures get no made-up explanation. */
  {
    g_autofree char *json = failed_sync_json ("Something else entirely", FALSE);
    g_autoptr(FerrySync) sync = sync_from_json (json);
    g_autofree char *explanation = ferry_sync_explain_failure (sync);

    g_assert_null (explanation);
    g_assert_cmpint (ferry_sync_failure_remedy (sync), ==, FERRY_SYNC_REMEDY_NONE);
  }
}

/* A job's message other than the sync's last one (an audit-log event, a removal), in full
 * and in a few words. */
static void
test_other_messages (void)
{
  g_autofree char *json = failed_sync_json ("Something else entirely", FALSE);
  g_autoptr(FerrySync) sync = sync_from_json (json);
  g_autofree char *full = ferry_sync_explain_message (sync, "{\"message\":\"TF400813: The user is not authorized\"}");
  g_autofree char *brief = ferry_sync_explain_short (sync, "{\"message\":\"TF400813: The user is not authorized\"}");
  g_autofree char *project = ferry_sync_explain_short (sync, "TF200016: The following project does not exist");

  g_assert_nonnull (strstr (full, "Reconnect the connection"));
  g_assert_cmpstr (brief, ==, "Azure DevOps refused the connection “contoso-pat”");
  g_assert_cmpstr (project, ==, "Azure DevOps could not find the project “Contoso Web”");
  g_assert_null (ferry_sync_explain_short (sync, "Something else entirely"));
  g_assert_null (ferry_sync_explain_message (sync, NULL));
}

int
main (int   argc,
      char *argv[])
{
  ferry_test_init (&argc, &argv);

  g_test_add_func ("/sync-explain/server-message", test_server_message);
  g_test_add_func ("/sync-explain/explanations", test_explanations);
  g_test_add_func ("/sync-explain/other-messages", test_other_messages);

  return g_test_run ();
}
