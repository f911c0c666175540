/* test-sync-draft.c: FerrySyncDraft (src/core): the assistant's rules and request bodies,
 * without a display.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "ferry-api-error.h"
#include "ferry-sync-draft.h"
#include "ferry-test-utils.h"

#define PROJECT_ID    "0b3f1c2d-1111-4222-8333-444455556666"
#define CONNECTION_ID "9a2c7e10-aaaa-4bbb-8ccc-dddd0000eeee"
#define DEVOPS_ID     "3f2e1a4b-5c6d-4e7f-8a9b-0c1d2e3f4a5b"
#define SYNC_ID       "5d4c3b2a-1234-4567-89ab-cdef01234567"

static char *
to_json (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_node_set_object (node, object);
  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

static void
assert_json (JsonObject *object,
             const char *expected)
{
  g_autofree char *actual = to_json (object);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *normalised = NULL;

  /* Round-trip the expectation through the same generator so only content counts. */
  json_parser_load_from_data (parser, expected, -1, &error);
  g_assert_no_error (error);
  normalised = to_json (json_node_get_object (json_parser_get_root (parser)));
  g_assert_cmpstr (actual, ==, normalised);
}

static FerrySyncDraft *
make_complete_draft (void)
{
  FerrySyncDraft *draft = ferry_sync_draft_new (PROJECT_ID);

  ferry_sync_draft_set_environment (draft, "prod", "Production");
  ferry_sync_draft_set_secret_path (draft, "/backend/api/");
  ferry_sync_draft_set_connection (draft, CONNECTION_ID, "ado-contoso");
  ferry_sync_draft_set_devops_project (draft, DEVOPS_ID, "Fabrikam");
  ferry_sync_draft_set_key_schema (draft, "APP_{{secretKey}}");
  ferry_sync_draft_set_name (draft, "web-prod-to-ado");
  ferry_sync_draft_set_description (draft, "Production secrets for the pipelines");

  return draft;
}

static void
test_defaults (void)
{
  g_autoptr(FerrySyncDraft) draft = ferry_sync_draft_new (PROJECT_ID);
  g_autofree char *behavior = NULL;
  gboolean auto_sync = FALSE;

  g_object_get (draft,
                "auto-sync-enabled", &auto_sync,
                "initial-sync-behavior", &behavior,
                NULL);
  g_assert_true (auto_sync);
  g_assert_cmpstr (behavior, ==, "overwrite-destination");
  g_assert_false (ferry_sync_draft_get_disable_secret_deletion (draft));
  g_assert_false (ferry_sync_draft_get_editing (draft));
  g_assert_null (ferry_sync_draft_get_sync_id (draft));
  g_assert_false (ferry_sync_draft_get_dirty (draft));
  g_assert_cmpstr (ferry_sync_draft_get_project_id (draft), ==, PROJECT_ID);
  g_assert_cmpint (ferry_sync_draft_get_first_invalid_step (draft), ==, FERRY_SYNC_DRAFT_STEP_SOURCE);
  /* No key schema is fine: keys are synced as they are. */
  g_assert_null (ferry_sync_draft_validate_field (draft, FERRY_SYNC_DRAFT_FIELD_KEY_SCHEMA));
  g_assert_null (ferry_sync_draft_validate_field (draft, FERRY_SYNC_DRAFT_FIELD_DESCRIPTION));

  g_assert_finalize_object (g_steal_pointer (&draft));
}

typedef struct
{
  const char *input;
  const char *message;  /* NULL: valid */
} Case;

static void
check_cases (FerrySyncDraftField  field,
             void               (*set) (FerrySyncDraft *, const char *),
             const Case          *cases,
             gsize                n_cases)
{
  g_autoptr(FerrySyncDraft) draft = ferry_sync_draft_new (PROJECT_ID);

  for (gsize i = 0; i < n_cases; i++)
    {
      g_autofree char *message = NULL;

      set (draft, cases[i].input);
      message = ferry_sync_draft_validate_field (draft, field);
      if (g_strcmp0 (message, cases[i].message) != 0)
        g_error ("input “%s”: expected “%s”, got “%s”", cases[i].input,
                 cases[i].message ? cases[i].message : "(valid)",
                 message ? message : "(valid)");
    }
}

static void
test_name_rules (void)
{
  static const Case cases[] = {
    { "", "Enter a name for the sync, for example “web-production”." },
    { "   ", "Enter a name for the sync, for example “web-production”." },
    { "web-prod", NULL },
    { "  web-prod  ", NULL },       /* the server trims; so does the body */
    { "a", NULL },
    { "web2prod-3", NULL },
    { "Web-Prod", "Use lowercase letters only: Infisical does not accept capitals here." },
    { "web prod", "Use hyphens instead of spaces, for example “web-production”." },
    { "web_prod", "“_” is not allowed: use lowercase letters (a–z), digits and hyphens." },
    { "wéb", "“é” is not allowed: use lowercase letters (a–z), digits and hyphens." },
    { "-web", "Start and end with a letter or digit, not a hyphen." },
    { "web-", "Start and end with a letter or digit, not a hyphen." },
    { "web--prod", "Use single hyphens only, not “--”." },
    { "abcdefghijklmnopqrstuvwxyz012345", NULL },   /* 32 */
    /* A server of unknown or current build: its own limit, 256 (the old build's 32 is
     * tests/core/test-server-builds.c's). */
    { "abcdefghijklmnopqrstuvwxyz0123456", NULL },
  };
  g_autoptr(FerrySyncDraft) draft = ferry_sync_draft_new (PROJECT_ID);
  g_autofree char *at_limit = g_strnfill (256, 'a');
  g_autofree char *over = g_strnfill (257, 'a');
  g_autofree char *message = NULL;

  check_cases (FERRY_SYNC_DRAFT_FIELD_NAME, ferry_sync_draft_set_name, cases, G_N_ELEMENTS (cases));

  ferry_sync_draft_set_name (draft, at_limit);
  g_assert_null ((message = ferry_sync_draft_validate_field (draft, FERRY_SYNC_DRAFT_FIELD_NAME)));
  ferry_sync_draft_set_name (draft, over);
  message = ferry_sync_draft_validate_field (draft, FERRY_SYNC_DRAFT_FIELD_NAME);
  g_assert_cmpstr (message, ==, "Use at most 256 characters.");
}

static void
test_description_rules (void)
{
  g_autoptr(FerrySyncDraft) draft = ferry_sync_draft_new (PROJECT_ID);
  g_autofree char *at_limit = g_strnfill (256, 'x');
  g_autofree char *over = g_strnfill (257, 'x');
  g_autoptr(GString) emoji = g_string_new (NULL);
  g_autofree char *message = NULL;

  ferry_sync_draft_set_description (draft, at_limit);
  g_assert_null (ferry_sync_draft_validate_field (draft, FERRY_SYNC_DRAFT_FIELD_DESCRIPTION));

  ferry_sync_draft_set_description (draft, over);
  message = ferry_sync_draft_validate_field (draft, FERRY_SYNC_DRAFT_FIELD_DESCRIPTION);
  g_assert_cmpstr (message, ==, "Shorten the description to 256 characters (it has 257).");
  g_clear_pointer (&message, g_free);

  /* Infisical counts like JavaScript: an emoji outside the BMP is two. */
  for (int i = 0; i < 128; i++)
    g_string_append (emoji, "😀");
  g_assert_cmpuint (ferry_sync_draft_count_chars (emoji->str), ==, 256);
  ferry_sync_draft_set_description (draft, emoji->str);
  g_assert_null (ferry_sync_draft_validate_field (draft, FERRY_SYNC_DRAFT_FIELD_DESCRIPTION));
  g_string_append (emoji, "ä");
  ferry_sync_draft_set_description (draft, emoji->str);
  message = ferry_sync_draft_validate_field (draft, FERRY_SYNC_DRAFT_FIELD_DESCRIPTION);
  g_assert_cmpstr (message, ==, "Shorten the description to 256 characters (it has 257).");

  /* Surrounding blanks do not count: the server trims. */
  {
    g_autofree char *padded = g_strconcat ("  ", at_limit, "  ", NULL);
    ferry_sync_draft_set_description (draft, padded);
    g_assert_null (ferry_sync_draft_validate_field (draft, FERRY_SYNC_DRAFT_FIELD_DESCRIPTION));
  }
}

static void
test_source_rules (void)
{
  static const Case paths[] = {
    { "", "Enter the folder to take the secrets from, for example “/” or “/backend/api”." },
    { "backend", "A secret path starts with “/”, for example “/backend/api”." },
    { "/backend//api", "A secret path cannot contain an empty folder name (“//”)." },
    { "/", NULL },
    { "/backend/api", NULL },
    { "/backend/api/", NULL },
  };
  g_autoptr(FerrySyncDraft) draft = ferry_sync_draft_new (NULL);
  g_autofree char *message = NULL;
  g_autofree char *normalised = NULL;

  check_cases (FERRY_SYNC_DRAFT_FIELD_SECRET_PATH, ferry_sync_draft_set_secret_path, paths, G_N_ELEMENTS (paths));

  normalised = ferry_sync_draft_normalize_secret_path (" /backend/api// ");
  g_assert_cmpstr (normalised, ==, "/backend/api");
  g_clear_pointer (&normalised, g_free);
  normalised = ferry_sync_draft_normalize_secret_path ("/");
  g_assert_cmpstr (normalised, ==, "/");
  g_assert_null (ferry_sync_draft_normalize_secret_path (NULL));

  message = ferry_sync_draft_validate_field (draft, FERRY_SYNC_DRAFT_FIELD_PROJECT);
  g_assert_cmpstr (message, ==, "Choose the Infisical project to take the secrets from.");
  g_clear_pointer (&message, g_free);
  message = ferry_sync_draft_validate_field (draft, FERRY_SYNC_DRAFT_FIELD_ENVIRONMENT);
  g_assert_cmpstr (message, ==, "Choose the environment to take the secrets from.");
  g_clear_pointer (&message, g_free);

  ferry_sync_draft_set_environment (draft, "Prod_1", "Prod");
  message = ferry_sync_draft_validate_field (draft, FERRY_SYNC_DRAFT_FIELD_ENVIRONMENT);
  g_assert_cmpstr (message, ==, "Infisical cannot sync the environment “Prod_1”: its slug is not valid. "
                                "Choose another environment.");
  g_clear_pointer (&message, g_free);

  ferry_sync_draft_set_environment (draft, "prod", "Production");
  g_assert_null (ferry_sync_draft_validate_field (draft, FERRY_SYNC_DRAFT_FIELD_ENVIRONMENT));
  g_assert_cmpstr (ferry_sync_draft_get_environment_name (draft), ==, "Production");
}

static void
test_destination_rules (void)
{
  g_autoptr(FerrySyncDraft) draft = ferry_sync_draft_new (PROJECT_ID);
  g_autofree char *message = NULL;

  message = ferry_sync_draft_validate_field (draft, FERRY_SYNC_DRAFT_FIELD_CONNECTION);
  g_assert_cmpstr (message, ==, "Choose the Azure DevOps connection to sync with, or add one.");
  g_clear_pointer (&message, g_free);
  ferry_sync_draft_set_connection (draft, "not-a-uuid", "x");
  message = ferry_sync_draft_validate_field (draft, FERRY_SYNC_DRAFT_FIELD_CONNECTION);
  g_assert_cmpstr (message, ==, "This connection cannot be used: its id is not valid. Choose another connection.");
  g_clear_pointer (&message, g_free);
  ferry_sync_draft_set_connection (draft, CONNECTION_ID, "ado-contoso");
  g_assert_null (ferry_sync_draft_validate_field (draft, FERRY_SYNC_DRAFT_FIELD_CONNECTION));
  g_assert_cmpstr (ferry_sync_draft_get_connection_name (draft), ==, "ado-contoso");

  message = ferry_sync_draft_validate_field (draft, FERRY_SYNC_DRAFT_FIELD_DEVOPS_PROJECT);
  g_assert_cmpstr (message, ==, "Choose the Azure DevOps project to write the variable group to.");
  g_clear_pointer (&message, g_free);
  /* Typed by hand: a name instead of the id is caught before the server sees it. */
  ferry_sync_draft_set_devops_project (draft, "Fabrikam", "Fabrikam");
  message = ferry_sync_draft_validate_field (draft, FERRY_SYNC_DRAFT_FIELD_DEVOPS_PROJECT);
  g_assert_cmpstr (message, ==, "Enter the project’s id, a GUID such as "
                                "“3f2e1a4b-5c6d-4e7f-8a9b-0c1d2e3f4a5b”, not its name.");
  g_clear_pointer (&message, g_free);
  ferry_sync_draft_set_devops_project (draft, " " DEVOPS_ID " ", "Fabrikam");
  g_assert_null (ferry_sync_draft_validate_field (draft, FERRY_SYNC_DRAFT_FIELD_DEVOPS_PROJECT));
  g_assert_true (ferry_sync_draft_validate_step (draft, FERRY_SYNC_DRAFT_STEP_DESTINATION, NULL, NULL));
}

static void
test_key_schema_rules (void)
{
  static const Case cases[] = {
    { "", NULL },
    { "{{secretKey}}", NULL },
    { "APP_{{secretKey}}", NULL },
    { "{{environment}}/{{secretKey}}-x", NULL },
    { "  PRE_{{secretKey}}  ", NULL },
    { "APP_", "Include {{secretKey}} where the secret’s name goes, for example “APP_{{secretKey}}”." },
    { "{{environment}}_X", "Include {{secretKey}} where the secret’s name goes, for example “APP_{{secretKey}}”." },
    { "{{secretKey}}_{{secretKey}}", "Use {{secretKey}} only once." },
    { "PIPELINE_${secretKey}", "Write placeholders with double braces: {{secretKey}}, not ${secretKey}." },
    { "APP_{{secretkey}}", "“{{secretkey}}” is not a placeholder Infisical knows: use {{secretKey}} and, if you like, {{environment}}." },
    { "{{ secretKey }}", "“{{ secretKey }}” is not a placeholder Infisical knows: use {{secretKey}} and, if you like, {{environment}}." },
    { "APP.{{secretKey}}", "“.” is not allowed in a key schema: besides the placeholders use only letters (A–Z, a–z), digits, “_”, “-” and “/”." },
    { "APP {{secretKey}}", "“Space” is not allowed in a key schema: besides the placeholders use only letters (A–Z, a–z), digits, “_”, “-” and “/”." },
    { "APP${{secretKey}}", "“$” is not allowed in a key schema: besides the placeholders use only letters (A–Z, a–z), digits, “_”, “-” and “/”." },
  };
  g_autoptr(FerrySyncDraft) draft = ferry_sync_draft_new (PROJECT_ID);
  g_autoptr(GString) long_schema = g_string_new ("{{secretKey}}");
  g_autofree char *message = NULL;

  check_cases (FERRY_SYNC_DRAFT_FIELD_KEY_SCHEMA, ferry_sync_draft_set_key_schema, cases, G_N_ELEMENTS (cases));

  /* No braces at all: the placeholder is simply missing. */
  ferry_sync_draft_set_key_schema (draft, "PIPELINE_$secretKey");
  message = ferry_sync_draft_validate_field (draft, FERRY_SYNC_DRAFT_FIELD_KEY_SCHEMA);
  g_assert_cmpstr (message, ==, "Include {{secretKey}} where the secret’s name goes, for example “APP_{{secretKey}}”.");
  g_clear_pointer (&message, g_free);

  while (long_schema->len < 255)
    g_string_append_c (long_schema, 'A');
  ferry_sync_draft_set_key_schema (draft, long_schema->str);
  g_assert_null (ferry_sync_draft_validate_field (draft, FERRY_SYNC_DRAFT_FIELD_KEY_SCHEMA));
  g_string_append_c (long_schema, 'A');
  ferry_sync_draft_set_key_schema (draft, long_schema->str);
  message = ferry_sync_draft_validate_field (draft, FERRY_SYNC_DRAFT_FIELD_KEY_SCHEMA);
  g_assert_cmpstr (message, ==, "Shorten the key schema to 255 characters.");
}

static void
test_key_schema_render (void)
{
  g_autoptr(FerrySyncDraft) draft = ferry_sync_draft_new (PROJECT_ID);
  struct {
    const char *schema, *key, *env, *expected;
  } cases[] = {
    { NULL, "DB_PASSWORD", "prod", "DB_PASSWORD" },
    { "", "DB_PASSWORD", "prod", "DB_PASSWORD" },
    { "APP_{{secretKey}}", "DB_PASSWORD", "prod", "APP_DB_PASSWORD" },
    { "{{environment}}/{{secretKey}}", "API_KEY", "staging", "staging/API_KEY" },
    { " X_{{secretKey}} ", "K", "dev", "X_K" },
    /* Handlebars escapes what it substitutes. */
    { "{{secretKey}}", "A=B&C", "dev", "A&#x3D;B&amp;C" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *rendered = ferry_sync_draft_render_key_schema (cases[i].schema, cases[i].key, cases[i].env);
      g_assert_cmpstr (rendered, ==, cases[i].expected);
    }

  ferry_sync_draft_set_environment (draft, "prod", "Production");
  ferry_sync_draft_set_key_schema (draft, "{{environment}}_{{secretKey}}");
  {
    g_autofree char *rendered = ferry_sync_draft_apply_key_schema (draft, "TOKEN");
    g_assert_cmpstr (rendered, ==, "prod_TOKEN");
  }
}

static void
test_steps (void)
{
  g_autoptr(FerrySyncDraft) draft = ferry_sync_draft_new (PROJECT_ID);
  FerrySyncDraftField field;
  g_autofree char *message = NULL;

  g_assert_false (ferry_sync_draft_validate_step (draft, FERRY_SYNC_DRAFT_STEP_SOURCE, &field, &message));
  g_assert_cmpint (field, ==, FERRY_SYNC_DRAFT_FIELD_ENVIRONMENT);
  g_assert_cmpstr (message, ==, "Choose the environment to take the secrets from.");
  g_clear_pointer (&message, g_free);

  /* Options and Details are checked on their own, but Review needs everything before it. */
  g_assert_true (ferry_sync_draft_validate_step (draft, FERRY_SYNC_DRAFT_STEP_OPTIONS, NULL, NULL));
  g_assert_false (ferry_sync_draft_validate_step (draft, FERRY_SYNC_DRAFT_STEP_REVIEW, &field, NULL));
  g_assert_cmpint (field, ==, FERRY_SYNC_DRAFT_FIELD_ENVIRONMENT);

  ferry_sync_draft_set_environment (draft, "prod", "Production");
  ferry_sync_draft_set_secret_path (draft, "/");
  g_assert_cmpint (ferry_sync_draft_get_first_invalid_step (draft), ==, FERRY_SYNC_DRAFT_STEP_DESTINATION);
  ferry_sync_draft_set_connection (draft, CONNECTION_ID, "ado");
  ferry_sync_draft_set_devops_project (draft, DEVOPS_ID, "Fabrikam");
  ferry_sync_draft_set_key_schema (draft, "BAD");
  g_assert_cmpint (ferry_sync_draft_get_first_invalid_step (draft), ==, FERRY_SYNC_DRAFT_STEP_OPTIONS);
  ferry_sync_draft_set_key_schema (draft, NULL);
  g_assert_cmpint (ferry_sync_draft_get_first_invalid_step (draft), ==, FERRY_SYNC_DRAFT_STEP_DETAILS);
  ferry_sync_draft_set_name (draft, "web");
  g_assert_cmpint (ferry_sync_draft_get_first_invalid_step (draft), ==, FERRY_SYNC_DRAFT_STEP_REVIEW);
  g_assert_true (ferry_sync_draft_validate_step (draft, FERRY_SYNC_DRAFT_STEP_REVIEW, &field, &message));
  g_assert_cmpint (field, ==, FERRY_SYNC_DRAFT_FIELD_NONE);
  g_assert_null (message);

  g_assert_cmpint (ferry_sync_draft_field_get_step (FERRY_SYNC_DRAFT_FIELD_SECRET_PATH), ==, FERRY_SYNC_DRAFT_STEP_SOURCE);
  g_assert_cmpint (ferry_sync_draft_field_get_step (FERRY_SYNC_DRAFT_FIELD_DEVOPS_PROJECT), ==, FERRY_SYNC_DRAFT_STEP_DESTINATION);
  g_assert_cmpint (ferry_sync_draft_field_get_step (FERRY_SYNC_DRAFT_FIELD_KEY_SCHEMA), ==, FERRY_SYNC_DRAFT_STEP_OPTIONS);
  g_assert_cmpint (ferry_sync_draft_field_get_step (FERRY_SYNC_DRAFT_FIELD_DESCRIPTION), ==, FERRY_SYNC_DRAFT_STEP_DETAILS);
}

static void
notify_count_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *counter)
{
  (*counter)++;
}

static void
changed_count_cb (FerrySyncDraft *draft,
                  guint          *counter)
{
  (*counter)++;
}

static void
test_notify (void)
{
  g_autoptr(FerrySyncDraft) draft = ferry_sync_draft_new (PROJECT_ID);
  guint n_name = 0, n_changed = 0, n_dirty = 0;

  g_signal_connect (draft, "notify::name", G_CALLBACK (notify_count_cb), &n_name);
  g_signal_connect (draft, "notify::dirty", G_CALLBACK (notify_count_cb), &n_dirty);
  g_signal_connect (draft, "changed", G_CALLBACK (changed_count_cb), &n_changed);

  ferry_sync_draft_set_name (draft, "web");
  ferry_sync_draft_set_name (draft, "web");
  g_object_set (draft, "name", "web", NULL);
  g_assert_cmpuint (n_name, ==, 1);
  g_assert_cmpuint (n_changed, ==, 1);
  g_assert_cmpuint (n_dirty, ==, 1);
  g_assert_true (ferry_sync_draft_get_dirty (draft));

  ferry_sync_draft_set_auto_sync_enabled (draft, TRUE);   /* already TRUE */
  g_assert_cmpuint (n_changed, ==, 1);

  /* Back to the clean state: no longer dirty. */
  ferry_sync_draft_set_name (draft, NULL);
  g_assert_false (ferry_sync_draft_get_dirty (draft));
  g_assert_cmpuint (n_dirty, ==, 2);

  /* mark_clean moves the baseline (the assistant's preselections). */
  ferry_sync_draft_set_environment (draft, "dev", "Development");
  g_assert_true (ferry_sync_draft_get_dirty (draft));
  ferry_sync_draft_mark_clean (draft);
  g_assert_false (ferry_sync_draft_get_dirty (draft));
  ferry_sync_draft_set_disable_secret_deletion (draft, TRUE);
  g_assert_true (ferry_sync_draft_get_dirty (draft));

  g_signal_handlers_disconnect_by_data (draft, &n_name);
  g_signal_handlers_disconnect_by_data (draft, &n_dirty);
  g_signal_handlers_disconnect_by_data (draft, &n_changed);
  g_assert_finalize_object (g_steal_pointer (&draft));
}

static void
test_create_body (void)
{
  g_autoptr(FerrySyncDraft) draft = make_complete_draft ();
  g_autoptr(JsonObject) body = NULL;

  g_assert_cmpint (ferry_sync_draft_get_first_invalid_step (draft), ==, FERRY_SYNC_DRAFT_STEP_REVIEW);

  body = ferry_sync_draft_build_create_body (draft);
  assert_json (body,
               "{\"name\":\"web-prod-to-ado\",\"projectId\":\"" PROJECT_ID "\","
               "\"description\":\"Production secrets for the pipelines\","
               "\"connectionId\":\"" CONNECTION_ID "\",\"environment\":\"prod\","
               "\"secretPath\":\"/backend/api\",\"isAutoSyncEnabled\":true,"
               "\"syncOptions\":{\"initialSyncBehavior\":\"overwrite-destination\","
               "\"keySchema\":\"APP_{{secretKey}}\",\"disableSecretDeletion\":false},"
               "\"destinationConfig\":{\"devopsProjectId\":\"" DEVOPS_ID "\",\"devopsProjectName\":\"Fabrikam\"}}");
  g_clear_pointer (&body, json_object_unref);

  /* Optional parts left out; booleans as chosen. */
  ferry_sync_draft_set_key_schema (draft, "  ");
  ferry_sync_draft_set_description (draft, "");
  ferry_sync_draft_set_auto_sync_enabled (draft, FALSE);
  ferry_sync_draft_set_disable_secret_deletion (draft, TRUE);
  ferry_sync_draft_set_secret_path (draft, "/");
  ferry_sync_draft_set_devops_project (draft, DEVOPS_ID, NULL);
  body = ferry_sync_draft_build_create_body (draft);
  assert_json (body,
               "{\"name\":\"web-prod-to-ado\",\"projectId\":\"" PROJECT_ID "\","
               "\"connectionId\":\"" CONNECTION_ID "\",\"environment\":\"prod\","
               "\"secretPath\":\"/\",\"isAutoSyncEnabled\":false,"
               "\"syncOptions\":{\"initialSyncBehavior\":\"overwrite-destination\","
               "\"disableSecretDeletion\":true},"
               "\"destinationConfig\":{\"devopsProjectId\":\"" DEVOPS_ID "\"}}");
}

static void
test_apply_error (void)
{
  g_autoptr(FerrySyncDraft) draft = make_complete_draft ();
  g_autoptr(GError) duplicate = NULL;
  g_autoptr(GError) folder = NULL;
  g_autoptr(GError) invalid = NULL;
  g_autoptr(GError) network = NULL;
  g_autofree char *message = NULL;
  FerrySyncDraftField field;

  duplicate = ferry_api_error_new (FERRY_API_ERROR_BAD_REQUEST, "The server refused the request.", 400,
                                   "A Secret Sync with the name \"web-prod-to-ado\" already exists for the "
                                   "project with ID \"" PROJECT_ID "\"", "req-abcdefghijklmn");
  field = ferry_sync_draft_apply_error (draft, duplicate);
  g_assert_cmpint (field, ==, FERRY_SYNC_DRAFT_FIELD_NAME);
  g_assert_cmpint (ferry_sync_draft_field_get_step (field), ==, FERRY_SYNC_DRAFT_STEP_DETAILS);
  message = ferry_sync_draft_validate_field (draft, FERRY_SYNC_DRAFT_FIELD_NAME);
  g_assert_cmpstr (message, ==, "Another sync in this project is already called “web-prod-to-ado”. "
                                "Choose a different name.");
  g_clear_pointer (&message, g_free);
  /* The error blocks Details until the name changes; everything else is kept. */
  g_assert_cmpint (ferry_sync_draft_get_first_invalid_step (draft), ==, FERRY_SYNC_DRAFT_STEP_DETAILS);
  g_assert_cmpstr (ferry_sync_draft_get_description (draft), ==, "Production secrets for the pipelines");
  ferry_sync_draft_set_name (draft, "web-prod-to-ado-2");
  g_assert_null (ferry_sync_draft_get_field_error (draft, FERRY_SYNC_DRAFT_FIELD_NAME));
  g_assert_cmpint (ferry_sync_draft_get_first_invalid_step (draft), ==, FERRY_SYNC_DRAFT_STEP_REVIEW);

  folder = ferry_api_error_new (FERRY_API_ERROR_BAD_REQUEST, "The server refused the request.", 400,
                                "Could not find folder with path \"/backend/api\" in environment \"prod\" "
                                "for project with ID \"" PROJECT_ID "\"", NULL);
  field = ferry_sync_draft_apply_error (draft, folder);
  g_assert_cmpint (field, ==, FERRY_SYNC_DRAFT_FIELD_SECRET_PATH);
  g_assert_cmpint (ferry_sync_draft_get_first_invalid_step (draft), ==, FERRY_SYNC_DRAFT_STEP_SOURCE);
  message = ferry_sync_draft_validate_field (draft, FERRY_SYNC_DRAFT_FIELD_SECRET_PATH);
  g_assert_cmpstr (message, ==, "The folder “/backend/api” does not exist in the Production environment. "
                                "Choose an existing folder.");
  g_clear_pointer (&message, g_free);
  /* Ferry's own rules alone still pass: the path is well-formed. */
  g_assert_null (ferry_sync_draft_check_rules (draft, FERRY_SYNC_DRAFT_FIELD_SECRET_PATH));
  /* Another environment may have the folder: changing it clears the message too. */
  ferry_sync_draft_set_environment (draft, "dev", "Development");
  g_assert_null (ferry_sync_draft_get_field_error (draft, FERRY_SYNC_DRAFT_FIELD_SECRET_PATH));

  invalid = ferry_api_error_new (FERRY_API_ERROR_VALIDATION, "Some fields were not accepted.", 422,
                                 "syncOptions.keySchema: Key schema must include exactly one {{secretKey}} placeholder.", NULL);
  ferry_api_error_add_field_error (invalid, "syncOptions.keySchema",
                                   "Key schema must include exactly one {{secretKey}} placeholder.");
  field = ferry_sync_draft_apply_error (draft, invalid);
  g_assert_cmpint (field, ==, FERRY_SYNC_DRAFT_FIELD_KEY_SCHEMA);
  message = ferry_sync_draft_validate_field (draft, FERRY_SYNC_DRAFT_FIELD_KEY_SCHEMA);
  g_assert_cmpstr (message, ==, "Infisical did not accept this: Key schema must include exactly one {{secretKey}} placeholder.");
  g_clear_pointer (&message, g_free);
  ferry_sync_draft_set_field_error (draft, FERRY_SYNC_DRAFT_FIELD_KEY_SCHEMA, NULL);
  g_assert_null (ferry_sync_draft_validate_field (draft, FERRY_SYNC_DRAFT_FIELD_KEY_SCHEMA));

  network = ferry_api_error_new (FERRY_API_ERROR_NETWORK, "Could not reach the server.", 0, NULL, NULL);
  g_assert_cmpint (ferry_sync_draft_apply_error (draft, network), ==, FERRY_SYNC_DRAFT_FIELD_NONE);

  g_assert_cmpint (ferry_sync_draft_field_from_path ("name"), ==, FERRY_SYNC_DRAFT_FIELD_NAME);
  g_assert_cmpint (ferry_sync_draft_field_from_path ("destinationConfig.devopsProjectId"), ==, FERRY_SYNC_DRAFT_FIELD_DEVOPS_PROJECT);
  g_assert_cmpint (ferry_sync_draft_field_from_path ("secretPath"), ==, FERRY_SYNC_DRAFT_FIELD_SECRET_PATH);
  g_assert_cmpint (ferry_sync_draft_field_from_path ("names"), ==, FERRY_SYNC_DRAFT_FIELD_NONE);
  g_assert_cmpint (ferry_sync_draft_field_from_path (""), ==, FERRY_SYNC_DRAFT_FIELD_NONE);
}

static FerrySync *
make_sync (void)
{
  static const char *json =
    "{\"id\":\"" SYNC_ID "\",\"name\":\"web-prod-to-ado\",\"description\":\"Pipelines\","
    "\"isAutoSyncEnabled\":true,\"version\":1,\"projectId\":\"" PROJECT_ID "\","
    "\"folderId\":\"11111111-2222-4333-8444-555555555555\",\"connectionId\":\"" CONNECTION_ID "\","
    "\"createdAt\":\"2026-11-01T10:00:00.000Z\",\"updatedAt\":\"2026-11-01T10:00:00.000Z\","
    "\"syncStatus\":\"succeeded\",\"lastSyncJobId\":\"42\",\"lastSyncMessage\":null,"
    "\"lastSyncedAt\":\"2026-11-01T10:00:05.000Z\",\"importStatus\":null,\"lastImportJobId\":null,"
    "\"lastImportMessage\":null,\"lastImportedAt\":null,\"removeStatus\":null,\"lastRemoveJobId\":null,"
    "\"lastRemoveMessage\":null,\"lastRemovedAt\":null,\"destination\":\"azure-devops\","
    "\"destinationConfig\":{\"devopsProjectId\":\"" DEVOPS_ID "\",\"devopsProjectName\":\"Fabrikam\"},"
    "\"syncOptions\":{\"initialSyncBehavior\":\"overwrite-destination\",\"keySchema\":\"APP_{{secretKey}}\","
    "\"disableSecretDeletion\":false},"
    "\"connection\":{\"app\":\"azure-devops\",\"name\":\"ado-contoso\",\"id\":\"" CONNECTION_ID "\"},"
    "\"environment\":{\"slug\":\"prod\",\"name\":\"Production\",\"id\":\"66666666-7777-4888-9999-000000000000\"},"
    "\"folder\":{\"id\":\"11111111-2222-4333-8444-555555555555\",\"path\":\"/backend\"}}";
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  FerrySync *sync;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  sync = ferry_sync_new_from_json (json_node_get_object (json_parser_get_root (parser)), &error);
  g_assert_no_error (error);
  g_assert_nonnull (sync);

  return sync;
}

static void
test_edit_mode (void)
{
  g_autoptr(FerrySync) sync = make_sync ();
  g_autoptr(FerrySyncDraft) draft = ferry_sync_draft_new_from_sync (sync);
  g_autoptr(JsonObject) body = NULL;

  g_assert_true (ferry_sync_draft_get_editing (draft));
  g_assert_cmpstr (ferry_sync_draft_get_sync_id (draft), ==, SYNC_ID);
  g_assert_cmpstr (ferry_sync_draft_get_name (draft), ==, "web-prod-to-ado");
  g_assert_cmpstr (ferry_sync_draft_get_environment_slug (draft), ==, "prod");
  g_assert_cmpstr (ferry_sync_draft_get_environment_name (draft), ==, "Production");
  g_assert_cmpstr (ferry_sync_draft_get_secret_path (draft), ==, "/backend");
  g_assert_cmpstr (ferry_sync_draft_get_connection_name (draft), ==, "ado-contoso");
  g_assert_cmpstr (ferry_sync_draft_get_devops_project_name (draft), ==, "Fabrikam");
  g_assert_cmpstr (ferry_sync_draft_get_key_schema (draft), ==, "APP_{{secretKey}}");
  g_assert_false (ferry_sync_draft_get_dirty (draft));
  g_assert_cmpint (ferry_sync_draft_get_first_invalid_step (draft), ==, FERRY_SYNC_DRAFT_STEP_REVIEW);

  /* Nothing changed: nothing to send. */
  body = ferry_sync_draft_build_update_body (draft);
  g_assert_cmpuint (json_object_get_size (body), ==, 0);
  g_clear_pointer (&body, json_object_unref);

  /* Same values typed differently are no change. */
  ferry_sync_draft_set_secret_path (draft, "/backend/");
  ferry_sync_draft_set_name (draft, " web-prod-to-ado ");
  g_assert_false (ferry_sync_draft_get_dirty (draft));
  body = ferry_sync_draft_build_update_body (draft);
  g_assert_cmpuint (json_object_get_size (body), ==, 0);
  g_clear_pointer (&body, json_object_unref);

  ferry_sync_draft_set_name (draft, "web-prod");
  g_assert_true (ferry_sync_draft_get_dirty (draft));
  body = ferry_sync_draft_build_update_body (draft);
  assert_json (body, "{\"name\":\"web-prod\"}");
  g_clear_pointer (&body, json_object_unref);

  /* One option changed: syncOptions goes out complete. */
  ferry_sync_draft_set_disable_secret_deletion (draft, TRUE);
  body = ferry_sync_draft_build_update_body (draft);
  assert_json (body, "{\"name\":\"web-prod\",\"syncOptions\":{\"initialSyncBehavior\":\"overwrite-destination\","
                     "\"keySchema\":\"APP_{{secretKey}}\",\"disableSecretDeletion\":true}}");
  g_clear_pointer (&body, json_object_unref);

  /* Removing the key schema sends complete options without it; clearing the description
   * sends null; the source and destination go with what the server needs. */
  ferry_sync_draft_set_disable_secret_deletion (draft, FALSE);
  ferry_sync_draft_set_name (draft, "web-prod-to-ado");
  ferry_sync_draft_set_key_schema (draft, "");
  ferry_sync_draft_set_description (draft, "");
  ferry_sync_draft_set_secret_path (draft, "/frontend/");
  ferry_sync_draft_set_devops_project (draft, "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee", "Tailspin");
  ferry_sync_draft_set_auto_sync_enabled (draft, FALSE);
  body = ferry_sync_draft_build_update_body (draft);
  assert_json (body, "{\"description\":null,\"secretPath\":\"/frontend\",\"isAutoSyncEnabled\":false,"
                     "\"syncOptions\":{\"initialSyncBehavior\":\"overwrite-destination\","
                     "\"disableSecretDeletion\":false},"
                     "\"destinationConfig\":{\"devopsProjectId\":\"aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee\","
                     "\"devopsProjectName\":\"Tailspin\"}}");
  g_clear_pointer (&body, json_object_unref);

  ferry_sync_draft_set_environment (draft, "dev", "Development");
  ferry_sync_draft_set_connection (draft, "bbbbbbbb-cccc-4ddd-8eee-ffffffffffff", "ado-other");
  body = ferry_sync_draft_build_update_body (draft);
  g_assert_cmpstr (json_object_get_string_member (body, "environment"), ==, "dev");
  g_assert_cmpstr (json_object_get_string_member (body, "connectionId"), ==, "bbbbbbbb-cccc-4ddd-8eee-ffffffffffff");
  g_assert_false (json_object_has_member (body, "projectId"));
  g_assert_false (json_object_has_member (body, "name"));

  g_assert_finalize_object (g_steal_pointer (&draft));
}

/* The name Details suggests: environment, folder and Azure DevOps project as one valid
 * slug that every server build accepts, and never one that is taken. */
static void
test_suggest_name (void)
{
  g_autoptr(FerrySyncDraft) draft = ferry_sync_draft_new (PROJECT_ID);
  const char * const taken[] = { "prod-backend-to-fabrikam-fiber", "prod-backend-to-fabrikam-fiber-2", NULL };
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  /* Nothing to name it after yet. */
  name = ferry_sync_draft_suggest_name (draft, NULL);
  g_assert_null (name);

  ferry_sync_draft_set_environment (draft, "prod", "Production");
  ferry_sync_draft_set_secret_path (draft, "/");
  ferry_sync_draft_set_devops_project (draft, "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee", "Contoso Web");
  name = ferry_sync_draft_suggest_name (draft, NULL);
  g_assert_cmpstr (name, ==, "prod-to-contoso-web");
  g_clear_pointer (&name, g_free);

  ferry_sync_draft_set_secret_path (draft, "/backend");
  ferry_sync_draft_set_devops_project (draft, "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee", "Fabrikam Fiber");
  name = ferry_sync_draft_suggest_name (draft, NULL);
  g_assert_cmpstr (name, ==, "prod-backend-to-fabrikam-fiber");
  g_clear_pointer (&name, g_free);
  name = ferry_sync_draft_suggest_name (draft, taken);
  g_assert_cmpstr (name, ==, "prod-backend-to-fabrikam-fiber-3");
  g_clear_pointer (&name, g_free);

  /* Long, odd and non-ASCII names still give a valid slug of at most 32 characters. */
  ferry_sync_draft_set_secret_path (draft, "/Größe_Services/very long folder name/api");
  ferry_sync_draft_set_devops_project (draft, "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee", "Tailspin Toys -- Platform (EU)");
  name = ferry_sync_draft_suggest_name (draft, NULL);
  g_test_message ("suggested %s", name);
  g_assert_nonnull (name);
  g_assert_cmpuint (strlen (name), <=, 32);
  g_assert_true (g_str_has_prefix (name, "prod-grosse-"));
  g_assert_nonnull (strstr (name, "-to-tailspin"));
  ferry_sync_draft_set_name (draft, name);
  message = ferry_sync_draft_validate_field (draft, FERRY_SYNC_DRAFT_FIELD_NAME);
  g_assert_null (message);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  ferry_test_init (&argc, &argv);

  g_test_add_func ("/sync-draft/defaults", test_defaults);
  g_test_add_func ("/sync-draft/name-rules", test_name_rules);
  g_test_add_func ("/sync-draft/description-rules", test_description_rules);
  g_test_add_func ("/sync-draft/source-rules", test_source_rules);
  g_test_add_func ("/sync-draft/destination-rules", test_destination_rules);
  g_test_add_func ("/sync-draft/key-schema-rules", test_key_schema_rules);
  g_test_add_func ("/sync-draft/key-schema-render", test_key_schema_render);
  g_test_add_func ("/sync-draft/steps", test_steps);
  g_test_add_func ("/sync-draft/notify", test_notify);
  g_test_add_func ("/sync-draft/create-body", test_create_body);
  g_test_add_func ("/sync-draft/apply-error", test_apply_error);
  g_test_add_func ("/sync-draft/edit-mode", test_edit_mode);
  g_test_add_func ("/sync-draft/suggest-name", test_suggest_name);

  return g_test_run ();
}
