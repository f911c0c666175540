/* sandbox-devops.c: the sandbox's Azure DevOps (organizations, PATs, service principals,
 * projects, variable groups) and its read-only inspection routes.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "sandbox-private.h"

JsonObject *
sb_devops_org (FerrySandbox *self,
               const char   *org)
{
  if (org == NULL)
    return NULL;
  return sb_get_obj (sb_get_obj (sb_get_obj (self->state, "devops"), "orgs"), org);
}

/* By id, or else by name (case-insensitive, as Azure DevOps resolves names). */
JsonObject *
sb_devops_project (FerrySandbox *self,
                   const char   *org,
                   const char   *project)
{
  JsonArray *projects = sb_get_arr (sb_devops_org (self, org), "projects");
  JsonObject *p = sb_find_by (projects, "id", project);

  if (p != NULL)
    return p;
  for (guint i = 0; projects != NULL && project != NULL && i < json_array_get_length (projects); i++)
    {
      JsonObject *q = json_array_get_object_element (projects, i);

      if (g_ascii_strcasecmp (sb_get_str (q, "name"), project) == 0)
        return q;
    }
  return NULL;
}

char *
sb_devops_check_auth (FerrySandbox *self,
                      JsonObject   *conn,
                      guint        *status)
{
  const char *method = sb_get_str (conn, "method");
  JsonObject *creds = sb_get_obj (conn, "credentials");
  JsonObject *secret = sb_get_obj (conn, "_secret");
  JsonObject *org = sb_devops_org (self, sb_get_str (creds, "orgName"));
  gboolean ok = FALSE;

  if (org == NULL)
    {
      *status = 404;
      return g_strdup_printf ("{\"$id\":\"1\",\"innerException\":null,\"message\":\"TF400813: The organization '%s' "
                              "could not be found.\",\"typeName\":\"Microsoft.VisualStudio.Services.Account."
                              "AccountNotFoundException, Microsoft.VisualStudio.Services.WebApi\",\"typeKey\":"
                              "\"AccountNotFoundException\",\"errorCode\":0,\"eventId\":3000}",
                              sb_get_str (creds, "orgName"));
    }
  if (g_strcmp0 (method, "access-token") == 0)
    {
      JsonObject *pat = sb_find_by (sb_get_arr (org, "pats"), "token", sb_get_str (secret, "accessToken"));

      ok = pat != NULL && !sb_get_bool (pat, "revoked", FALSE);
    }
  else if (g_strcmp0 (method, "client-secret") == 0)
    {
      JsonObject *sp = sb_find_by (sb_get_arr (org, "servicePrincipals"), "clientId", sb_get_str (creds, "clientId"));

      ok = sp != NULL && g_strcmp0 (sb_get_str (sp, "clientSecret"), sb_get_str (secret, "clientSecret")) == 0;
    }
  else
    ok = sb_get_str (secret, "refreshToken") != NULL && !sb_get_bool (secret, "revoked", FALSE);

  if (ok)
    return NULL;
  *status = 401;
  return g_strdup ("{\"$id\":\"1\",\"innerException\":null,\"message\":\"TF400813: The user '' is not authorized "
                   "to access this resource.\",\"typeName\":\"Microsoft.TeamFoundation.Framework.Server."
                   "UnauthorizedRequestException, Microsoft.TeamFoundation.Framework.Server\",\"typeKey\":"
                   "\"UnauthorizedRequestException\",\"errorCode\":0,\"eventId\":3000}");
}

/* The project-does-not-exist body Azure answers with 404. */
char *
sb_devops_project_missing (const char *project_id)
{
  return g_strdup_printf ("{\"$id\":\"1\",\"innerException\":null,\"message\":\"TF200016: The following project "
                          "does not exist: %s. Verify that the name of the project is correct and that the "
                          "project exists on the specified Azure DevOps Server.\",\"typeName\":\"Microsoft."
                          "TeamFoundation.Core.WebApi.ProjectDoesNotExistException, Microsoft.TeamFoundation."
                          "Core.WebApi\",\"typeKey\":\"ProjectDoesNotExistException\",\"errorCode\":0,"
                          "\"eventId\":3000}", project_id);
}

static JsonObject *
find_group (JsonObject *project,
            const char *name)
{
  /* The first group whose name equals exactly (case-sensitive). */
  return sb_find_by (sb_get_arr (project, "variableGroups"), "name", name);
}

void
sb_devops_put_group (FerrySandbox *self,
                     JsonObject   *project,
                     const char   *name,
                     JsonObject   *variables)
{
  JsonObject *devops = sb_get_obj (self->state, "devops");
  JsonObject *group = find_group (project, name);
  JsonArray *refs = json_array_new ();
  JsonObject *ref = json_object_new ();
  JsonObject *pref = json_object_new ();
  g_autofree char *now = sb_now_iso ();

  if (group == NULL)
    {
      gint64 id = sb_get_int (devops, "nextGroupId", 1);

      json_object_set_int_member (devops, "nextGroupId", id + 1);
      group = json_object_new ();
      json_object_set_int_member (group, "id", id);
      json_object_set_string_member (group, "createdOn", now);
      json_array_add_object_element (sb_get_arr (project, "variableGroups"), group);
    }
  /* The body Infisical sends: name and description are the group name, the project
   * reference carries the project id as its name too. */
  json_object_set_string_member (pref, "id", sb_get_str (project, "id"));
  json_object_set_string_member (pref, "name", sb_get_str (project, "id"));
  json_object_set_string_member (ref, "name", name);
  json_object_set_string_member (ref, "description", name);
  json_object_set_object_member (ref, "projectReference", pref);
  json_array_add_object_element (refs, ref);
  json_object_set_string_member (group, "name", name);
  json_object_set_string_member (group, "description", name);
  json_object_set_string_member (group, "type", "Vsts");
  json_object_set_object_member (group, "variables", json_object_ref (variables));
  json_object_set_array_member (group, "variableGroupProjectReferences", refs);
  json_object_set_boolean_member (group, "isShared", FALSE);
  json_object_set_string_member (group, "modifiedOn", now);
}

gboolean
sb_devops_delete_group (FerrySandbox *self,
                        JsonObject   *project,
                        const char   *name)
{
  JsonObject *group = find_group (project, name);

  if (group == NULL)
    return FALSE;
  return sb_remove_by (sb_get_arr (project, "variableGroups"), "name", name);
}

/* ---- Public API ---- */

const char *
ferry_sandbox_get_devops_pat (FerrySandbox *self,
                              const char   *org)
{
  JsonArray *pats;

  g_return_val_if_fail (FERRY_IS_SANDBOX (self), NULL);
  pats = sb_get_arr (sb_devops_org (self, org), "pats");
  for (guint i = 0; pats != NULL && i < json_array_get_length (pats); i++)
    {
      JsonObject *pat = json_array_get_object_element (pats, i);

      if (!sb_get_bool (pat, "revoked", FALSE))
        return sb_get_str (pat, "token");
    }
  return NULL;
}

void
ferry_sandbox_revoke_devops_pat (FerrySandbox *self,
                                 const char   *pat)
{
  JsonObject *orgs;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  g_return_if_fail (FERRY_IS_SANDBOX (self));
  orgs = sb_get_obj (sb_get_obj (self->state, "devops"), "orgs");
  json_object_iter_init (&iter, orgs);
  while (json_object_iter_next (&iter, &name, &node))
    {
      JsonObject *entry = sb_find_by (sb_get_arr (json_node_get_object (node), "pats"), "token", pat);

      if (entry != NULL)
        json_object_set_boolean_member (entry, "revoked", TRUE);
    }
  sb_state_changed (self);
}

/* Adds a new valid PAT to @org and returns it (for tests that revoke one and keep another). */
const char *
ferry_sandbox_add_devops_pat (FerrySandbox *self,
                              const char   *org)
{
  JsonArray *pats = sb_get_arr (sb_devops_org (self, org), "pats");
  JsonObject *pat;
  g_autofree char *token = NULL;
  g_autofree char *uuid = NULL;

  g_return_val_if_fail (pats != NULL, NULL);
  uuid = g_uuid_string_random ();
  token = g_strdup_printf ("sandboxpat%s", uuid);
  pat = json_object_new ();
  json_object_set_string_member (pat, "token", token);
  json_object_set_boolean_member (pat, "revoked", FALSE);
  json_array_add_object_element (pats, pat);
  sb_state_changed (self);
  return sb_get_str (pat, "token");
}

const char *
ferry_sandbox_get_devops_project_id (FerrySandbox *self,
                                     const char   *org,
                                     const char   *project_name)
{
  g_return_val_if_fail (FERRY_IS_SANDBOX (self), NULL);
  return sb_get_str (sb_devops_project (self, org, project_name), "id");
}

void
ferry_sandbox_delete_devops_project (FerrySandbox *self,
                                     const char   *org,
                                     const char   *devops_project_id)
{
  JsonObject *p;

  g_return_if_fail (FERRY_IS_SANDBOX (self));
  p = sb_devops_project (self, org, devops_project_id);
  if (p != NULL)
    json_object_set_boolean_member (p, "_deleted", TRUE);
  sb_state_changed (self);
}

JsonNode *
ferry_sandbox_get_variable_groups (FerrySandbox *self,
                                   const char   *org,
                                   const char   *devops_project_id)
{
  JsonObject *p;
  JsonArray *groups, *array;
  JsonNode *node;

  g_return_val_if_fail (FERRY_IS_SANDBOX (self), NULL);
  p = sb_devops_project (self, org, devops_project_id);
  array = json_array_new ();
  groups = p != NULL && !sb_get_bool (p, "_deleted", FALSE) ? sb_get_arr (p, "variableGroups") : NULL;
  for (guint i = 0; groups != NULL && i < json_array_get_length (groups); i++)
    json_array_add_element (array, json_node_copy (json_array_get_element (groups, i)));
  node = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (node, array);
  return node;
}

/* ---- Routes ---- */

static void
inspect_groups (SbRequest *req)
{
  const char *org = sb_param (req, "org");
  const char *project = sb_param (req, "project");
  JsonObject *p = sb_devops_project (req->self, org, project);
  g_autoptr(JsonNode) node = NULL;

  if (sb_devops_org (req->self, org) == NULL)
    {
      sb_reply_errorf (req, 404, "NotFound", "No Azure DevOps organization '%s' in the sandbox", org);
      return;
    }
  if (p == NULL || sb_get_bool (p, "_deleted", FALSE))
    {
      g_autofree char *body = sb_devops_project_missing (project);

      soup_server_message_set_status (req->msg, 404, NULL);
      soup_server_message_set_response (req->msg, "application/json", SOUP_MEMORY_COPY, body, strlen (body));
      req->replied = TRUE;
      sb_requests_set_status (req, 404);
      return;
    }
  node = json_node_new (JSON_NODE_ARRAY);
  json_node_set_array (node, sb_get_arr (p, "variableGroups"));
  sb_reply_json (req, 200, node);
}

static void
inspect_projects (SbRequest *req)
{
  const char *org = sb_param (req, "org");
  JsonArray *projects = sb_get_arr (sb_devops_org (req->self, org), "projects");
  JsonArray *value = json_array_new ();
  JsonObject *obj = json_object_new ();

  for (guint i = 0; projects != NULL && i < json_array_get_length (projects); i++)
    {
      JsonObject *p = json_array_get_object_element (projects, i);

      if (!sb_get_bool (p, "_deleted", FALSE))
        json_array_add_object_element (value, sb_public_copy (p));
    }
  json_object_set_int_member (obj, "count", json_array_get_length (value));
  json_object_set_array_member (obj, "value", value);
  sb_reply_object (req, NULL, obj);
}

static void
add_group (SbRequest *req)
{
  JsonObject *p = sb_devops_project (req->self, sb_param (req, "org"), sb_param (req, "project"));
  JsonObject *body = sb_body_obj (req);
  JsonObject *variables = sb_get_obj (body, "variables");

  if (p == NULL || sb_get_str (body, "name") == NULL || variables == NULL)
    {
      sb_reply_error (req, 400, "BadRequest", "Expected {\"name\": …, \"variables\": {…}} for an existing project");
      return;
    }
  sb_devops_put_group (req->self, p, sb_get_str (body, "name"), variables);
  req->state_changed = TRUE;
  sb_reply_object (req, NULL, sb_public_copy (sb_find_by (sb_get_arr (p, "variableGroups"), "name", sb_get_str (body, "name"))));
}

static void
delete_project (SbRequest *req)
{
  JsonObject *p = sb_devops_project (req->self, sb_param (req, "org"), sb_param (req, "project"));
  JsonObject *obj;

  if (p == NULL)
    {
      sb_reply_error (req, 404, "NotFound", "No such Azure DevOps project in the sandbox");
      return;
    }
  json_object_set_boolean_member (p, "_deleted", TRUE);
  req->state_changed = TRUE;
  obj = json_object_new ();
  json_object_set_string_member (obj, "deleted", sb_get_str (p, "id"));
  sb_reply_object (req, NULL, obj);
}

static void
revoke_pat (SbRequest *req)
{
  const char *pat = sb_get_str (sb_body_obj (req), "pat");
  JsonObject *obj;

  if (pat == NULL)
    {
      sb_reply_error (req, 400, "BadRequest", "Expected {\"pat\": \"…\"}");
      return;
    }
  ferry_sandbox_revoke_devops_pat (req->self, pat);
  obj = json_object_new ();
  json_object_set_boolean_member (obj, "revoked", TRUE);
  sb_reply_object (req, NULL, obj);
}

const SbRoute sb_devops_routes[] = {
  { "GET", "/sandbox/azure-devops/:org/projects", SB_AUTH_NONE, inspect_projects },
  { "POST", "/sandbox/azure-devops/:org/revoke-pat", SB_AUTH_NONE, revoke_pat },
  { "GET", "/sandbox/azure-devops/:org/:project/variablegroups", SB_AUTH_NONE, inspect_groups },
  { "POST", "/sandbox/azure-devops/:org/:project/variablegroups", SB_AUTH_NONE, add_group },
  { "DELETE", "/sandbox/azure-devops/:org/:project", SB_AUTH_NONE, delete_project },
  { NULL, NULL, 0, NULL },
};
