/* test-sandbox-project-connections.c: the build without project-scoped connections
 * (ferry_sandbox_set_project_connections (FALSE), upstream app-connection-endpoints.ts at
 * 007e10d) next to the current one.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "sandbox-test-utils.h"

#define DEMO  GINT_TO_POINTER (FERRY_SANDBOX_SEED_DEMO)
#define CONNS "/api/v1/app-connections/azure-devops"

static char *
pat_body (SbFixture  *f,
          const char *name,
          const char *project_id)
{
  const char *pat = ferry_sandbox_add_devops_pat (f->sandbox, "contoso");

  if (project_id != NULL)
    return g_strdup_printf ("{\"method\":\"access-token\",\"name\":\"%s\",\"projectId\":\"%s\","
                            "\"credentials\":{\"accessToken\":\"%s\",\"orgName\":\"contoso\"}}",
                            name, project_id, pat);
  return g_strdup_printf ("{\"method\":\"access-token\",\"name\":\"%s\","
                          "\"credentials\":{\"accessToken\":\"%s\",\"orgName\":\"contoso\"}}", name, pat);
}

static void
test_current_build (SbFixture     *f,
                    gconstpointer  data)
{
  const char *project_id = ferry_sandbox_get_project_id (f->sandbox, 0);
  g_autofree char *body = pat_body (f, "in-project", project_id);
  g_autoptr(SbResponse) created = sb_request (f, "POST", CONNS, f->token, body);
  g_autoptr(SbResponse) available = NULL;
  JsonObject *conn;

  g_assert_cmpuint (created->status, ==, 200);
  conn = sb_resp_member (created, "appConnection");
  g_assert_cmpstr (json_object_get_string_member (conn, "projectId"), ==, project_id);
  g_assert_true (json_object_has_member (conn, "project"));

  available = sb_requestf (f, "GET", f->token, NULL, CONNS "/available?projectId=%s", project_id);
  g_assert_cmpuint (available->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (sb_resp_array (available, "appConnections")), ==, 2);
  g_assert_true (json_object_has_member (json_array_get_object_element (sb_resp_array (available, "appConnections"), 0),
                                         "orgId"));
}

static void
test_without_project_connections (SbFixture     *f,
                                  gconstpointer  data)
{
  const char *project_id = ferry_sandbox_get_project_id (f->sandbox, 0);
  g_autofree char *body = NULL;
  g_autoptr(SbResponse) created = NULL;
  g_autoptr(SbResponse) list = NULL;
  g_autoptr(SbResponse) available = NULL;
  g_autoptr(SbResponse) unknown = NULL;
  g_autoptr(SbResponse) by_name = NULL;
  JsonObject *conn;
  JsonArray *items;

  ferry_sandbox_set_project_connections (f->sandbox, FALSE);

  /* The projectId is dropped unread: the connection is the organization's. */
  body = pat_body (f, "no-scope", project_id);
  created = sb_request (f, "POST", CONNS, f->token, body);
  g_assert_cmpuint (created->status, ==, 200);
  conn = sb_resp_member (created, "appConnection");
  g_assert_false (json_object_has_member (conn, "projectId"));
  g_assert_false (json_object_has_member (conn, "project"));

  /* ?projectId is ignored: every connection, none with a scope. */
  list = sb_requestf (f, "GET", f->token, NULL, CONNS "?projectId=%s", project_id);
  g_assert_cmpuint (list->status, ==, 200);
  items = sb_resp_array (list, "appConnections");
  g_assert_cmpuint (json_array_get_length (items), ==, 2);
  for (guint i = 0; i < json_array_get_length (items); i++)
    g_assert_false (json_object_has_member (json_array_get_object_element (items, i), "projectId"));

  available = sb_requestf (f, "GET", f->token, NULL, CONNS "/available?projectId=%s", project_id);
  g_assert_cmpuint (available->status, ==, 200);
  items = sb_resp_array (available, "appConnections");
  g_assert_cmpuint (json_array_get_length (items), ==, 2);
  g_assert_cmpuint (json_object_get_size (json_array_get_object_element (items, 0)), ==, 3);

  /* An unknown project is not even looked up. */
  unknown = sb_request (f, "GET", CONNS "/available?projectId=00000000-0000-4000-8000-000000000000", f->token, NULL);
  g_assert_cmpuint (unknown->status, ==, 200);

  by_name = sb_requestf (f, "GET", f->token, NULL, CONNS "/connection-name/no-scope?projectId=%s", project_id);
  g_assert_cmpuint (by_name->status, ==, 200);

}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn, seed) g_test_add (path, SbFixture, seed, sb_fixture_setup, fn, sb_fixture_teardown)
  ADD ("/sandbox/project-connections/current-build", test_current_build, DEMO);
  ADD ("/sandbox/project-connections/without", test_without_project_connections, DEMO);
  return g_test_run ();
}
