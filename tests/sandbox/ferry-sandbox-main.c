/* ferry-sandbox-main.c: the ferry-sandbox executable (demo and manual testing).
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib-unix.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ferry-sandbox.h"

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

int
main (int    argc,
      char **argv)
{
  gint port = 0;
  gint job_delay = -1;
  g_autofree char *seed = NULL;
  g_autofree char *state = NULL;
  g_autofree char *redirect = NULL;
  g_autofree char *consent = NULL;
  g_auto(GStrv) faults = NULL;
  gint rate_limit = -1;
  gint retention = -1;
  g_auto(GStrv) deny_audit = NULL;
  gboolean no_audit_route = FALSE;
  g_autofree char *server_build = NULL;
  gboolean block_duplicates = FALSE;
  gboolean delete_after_failed_remove = FALSE;
  gboolean no_project_connections = FALSE;
  GOptionEntry entries[] = {
    { "port", 'p', 0, G_OPTION_ARG_INT, &port, "Port on 127.0.0.1 (0: any free port)", "N" },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed, "Initial data: demo or empty (default: demo)", "SEED" },
    { "state", 0, 0, G_OPTION_ARG_FILENAME, &state, "Load and save the state as JSON in FILE", "FILE" },
    { "oauth-redirect", 0, 0, G_OPTION_ARG_STRING, &redirect, "Accepted OAuth redirects: site (default) or loopback", "MODE" },
    { "job-delay-ms", 0, 0, G_OPTION_ARG_INT, &job_delay, "Delay of each sync job phase (default 300)", "N" },
    { "consent", 0, 0, G_OPTION_ARG_STRING, &consent, "Answer the Microsoft consent page without a click: accept or deny", "MODE" },
    { "fault", 0, 0, G_OPTION_ARG_STRING_ARRAY, &faults, "Inject a fault, the JSON object POST /sandbox/faults takes (repeatable)", "JSON" },
    { "rate-limit", 0, 0, G_OPTION_ARG_INT, &rate_limit, "Answer API requests beyond N per minute with 429", "N" },
    { "audit-log-retention-days", 0, 0, G_OPTION_ARG_INT, &retention, "The plan's audit-log retention (0: a plan without audit logs)", "N" },
    { "deny-audit-logs", 0, 0, G_OPTION_ARG_STRING_ARRAY, &deny_audit, "This actor lacks the audit-log read permission: user or identity (repeatable)", "ACTOR" },
    { "no-audit-log-route", 0, 0, G_OPTION_ARG_NONE, &no_audit_route, "A server build without GET /api/v1/organization/audit-logs", NULL },
    { "block-duplicate-destinations", 0, 0, G_OPTION_ARG_NONE, &block_duplicates, "Turn on the organization setting that refuses two syncs to one destination", NULL },
    { "delete-after-failed-remove", 0, 0, G_OPTION_ARG_NONE, &delete_after_failed_remove, "A delete with removeSecrets=true deletes the sync even when removing its secrets failed (older builds)", NULL },
    { "no-project-connections", 0, 0, G_OPTION_ARG_NONE, &no_project_connections, "A server build without project-scoped connections (no projectId on connections)", NULL },
    { "server-build", 0, 0, G_OPTION_ARG_STRING, &server_build, "Which Infisical build to play: current (default) or old (isEnabled, success, erase*)", "BUILD" },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— an Infisical-compatible test server for Ferry");
  g_autoptr(GError) error = NULL;
  g_autoptr(FerrySandbox) sandbox = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  FerrySandboxSeed seed_kind = FERRY_SANDBOX_SEED_DEMO;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("ferry-sandbox: %s\n", error->message);
      return 2;
    }
  if (seed != NULL && strcmp (seed, "demo") != 0 && strcmp (seed, "empty") != 0)
    {
      g_printerr ("ferry-sandbox: --seed must be demo or empty\n");
      return 2;
    }
  if (seed != NULL && strcmp (seed, "empty") == 0)
    seed_kind = FERRY_SANDBOX_SEED_EMPTY;
  if (redirect != NULL && strcmp (redirect, "site") != 0 && strcmp (redirect, "loopback") != 0)
    {
      g_printerr ("ferry-sandbox: --oauth-redirect must be site or loopback\n");
      return 2;
    }
  for (guint i = 0; deny_audit != NULL && deny_audit[i] != NULL; i++)
    if (strcmp (deny_audit[i], "user") != 0 && strcmp (deny_audit[i], "identity") != 0)
      {
        g_printerr ("ferry-sandbox: --deny-audit-logs must be user or identity\n");
        return 2;
      }
  if (server_build != NULL && strcmp (server_build, "current") != 0 && strcmp (server_build, "old") != 0)
    {
      g_printerr ("ferry-sandbox: --server-build must be current or old\n");
      return 2;
    }
  if (port < 0 || port > 65535)
    {
      g_printerr ("ferry-sandbox: --port must be between 0 and 65535\n");
      return 2;
    }

  sandbox = ferry_sandbox_new (seed_kind);
  if (redirect != NULL && strcmp (redirect, "loopback") == 0)
    ferry_sandbox_set_oauth_redirect (sandbox, FERRY_SANDBOX_OAUTH_REDIRECT_LOOPBACK);
  if (job_delay >= 0)
    ferry_sandbox_set_job_delay (sandbox, job_delay);
  if (consent != NULL)
    ferry_sandbox_set_default_consent (sandbox, consent);
  for (guint i = 0; faults != NULL && faults[i] != NULL; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonNode *root;

      if (!json_parser_load_from_data (parser, faults[i], -1, &error)
          || (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root)
          || !ferry_sandbox_add_fault (sandbox, json_node_get_object (root), &error))
        {
          g_printerr ("ferry-sandbox: --fault %s: %s\n", faults[i], error ? error->message : "not a JSON object");
          return 2;
        }
    }
  if (rate_limit > 0)
    {
      g_autoptr(JsonObject) spec = json_object_new ();
      JsonObject *rl = json_object_new ();

      json_object_set_int_member (rl, "perMinute", rate_limit);
      json_object_set_object_member (spec, "rateLimit", rl);
      ferry_sandbox_add_fault (sandbox, spec, NULL);
    }
  if (state != NULL && !ferry_sandbox_set_state_file (sandbox, state, &error))
    {
      g_printerr ("ferry-sandbox: %s\n", error->message);
      return 1;
    }
  /* Variants are part of the state: flags go after loading it, so they win over the file. */
  if (retention >= 0)
    ferry_sandbox_set_audit_log_retention (sandbox, retention);
  for (guint i = 0; deny_audit != NULL && deny_audit[i] != NULL; i++)
    ferry_sandbox_set_audit_log_readable (sandbox, strcmp (deny_audit[i], "identity") == 0
                                                   ? FERRY_SANDBOX_ACTOR_IDENTITY : FERRY_SANDBOX_ACTOR_USER,
                                          FALSE);
  if (no_audit_route)
    ferry_sandbox_set_audit_log_route (sandbox, FALSE);
  if (block_duplicates)
    ferry_sandbox_set_block_duplicate_destinations (sandbox, TRUE);
  if (delete_after_failed_remove)
    ferry_sandbox_set_delete_after_failed_remove (sandbox, TRUE);
  if (no_project_connections)
    ferry_sandbox_set_project_connections (sandbox, FALSE);
  if (server_build != NULL)
    ferry_sandbox_set_server_build (sandbox, strcmp (server_build, "old") == 0 ? FERRY_SANDBOX_SERVER_BUILD_OLD
                                                                               : FERRY_SANDBOX_SERVER_BUILD_CURRENT);
  if (!ferry_sandbox_start (sandbox, port, &error))
    {
      g_printerr ("ferry-sandbox: %s\n", error->message);
      return 1;
    }

  /* Handlers first: whoever reads the lines below may signal us right away. */
  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_unix_signal_add (SIGTERM, quit_cb, loop);

  printf ("FERRY_SANDBOX_URL=%s\n", ferry_sandbox_get_url (sandbox));
  printf ("FERRY_SANDBOX_CLIENT_ID=%s\n", ferry_sandbox_get_identity_client_id (sandbox));
  printf ("FERRY_SANDBOX_CLIENT_SECRET=%s\n", ferry_sandbox_get_identity_client_secret (sandbox));
  printf ("FERRY_SANDBOX_USER_EMAIL=%s\n", ferry_sandbox_get_user_email (sandbox));
  printf ("FERRY_SANDBOX_DEVOPS_PAT=%s\n", ferry_sandbox_get_devops_pat (sandbox, "contoso"));
  {
    /* The demo signs in as this user without a browser. Ten days, Infisical's default user
     * token lifetime (JWT_AUTH_LIFETIME); the signing key is in the state, so the token
     * outlives a restart of the sandbox as a real one would. */
    g_autofree char *user_token = ferry_sandbox_issue_user_jwt (sandbox, 10 * 24 * 3600);

    printf ("FERRY_SANDBOX_USER_TOKEN=%s\n", user_token);
  }
  fflush (stdout);

  g_main_loop_run (loop);
  ferry_sandbox_stop (sandbox);
  return 0;
}
