/* sandbox-projects.c: projects (and the deprecated workspace alias), folders, secrets.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "sandbox-private.h"

JsonObject *
sb_project_find (FerrySandbox *self,
                 const char   *project_id)
{
  return sb_find_by (sb_state_array (self, "projects"), "id", project_id);
}

JsonObject *
sb_env_find_slug (JsonObject *project,
                  const char *slug)
{
  return sb_find_by (sb_get_arr (project, "environments"), "slug", slug);
}

JsonObject *
sb_env_find_id (FerrySandbox  *self,
                const char    *env_id,
                JsonObject   **project_out)
{
  JsonArray *projects = sb_state_array (self, "projects");

  for (guint i = 0; i < json_array_get_length (projects); i++)
    {
      JsonObject *p = json_array_get_object_element (projects, i);
      JsonObject *env = sb_find_by (sb_get_arr (p, "environments"), "id", env_id);

      if (env != NULL)
        {
          if (project_out)
            *project_out = p;
          return env;
        }
    }
  return NULL;
}

JsonObject *
sb_folder_find (FerrySandbox *self,
                const char   *folder_id)
{
  return sb_find_by (sb_state_array (self, "folders"), "id", folder_id);
}

static JsonObject *
child_folder (FerrySandbox *self,
              const char   *env_id,
              const char   *parent_id,
              const char   *name)
{
  JsonArray *folders = sb_state_array (self, "folders");

  for (guint i = 0; i < json_array_get_length (folders); i++)
    {
      JsonObject *f = json_array_get_object_element (folders, i);

      if (g_strcmp0 (sb_get_str (f, "envId"), env_id) == 0
          && g_strcmp0 (sb_get_str (f, "parentId"), parent_id) == 0
          && (name == NULL || g_strcmp0 (sb_get_str (f, "name"), name) == 0))
        return f;
    }
  return NULL;
}

JsonObject *
sb_folder_by_path (FerrySandbox *self,
                   const char   *env_id,
                   const char   *path)
{
  JsonObject *folder = child_folder (self, env_id, NULL, NULL);
  g_auto(GStrv) parts = NULL;

  if (folder == NULL || path == NULL)
    return NULL;
  parts = g_strsplit (path, "/", -1);
  for (guint i = 0; parts[i] != NULL && folder != NULL; i++)
    {
      if (parts[i][0] == '\0')
        continue;
      folder = child_folder (self, env_id, sb_get_str (folder, "id"), parts[i]);
    }
  return folder;
}

char *
sb_folder_path (FerrySandbox *self,
                JsonObject   *folder)
{
  GString *path = g_string_new ("");

  while (folder != NULL && sb_get_str (folder, "parentId") != NULL)
    {
      g_string_prepend (path, sb_get_str (folder, "name"));
      g_string_prepend_c (path, '/');
      folder = sb_folder_find (self, sb_get_str (folder, "parentId"));
    }
  if (path->len == 0)
    g_string_append_c (path, '/');
  return g_string_free (path, FALSE);
}

GHashTable *
sb_folder_secrets (FerrySandbox *self,
                   const char   *folder_id)
{
  GHashTable *map = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *secrets = sb_state_array (self, "secrets");

  for (guint i = 0; i < json_array_get_length (secrets); i++)
    {
      JsonObject *s = json_array_get_object_element (secrets, i);

      if (g_strcmp0 (sb_get_str (s, "folderId"), folder_id) == 0)
        g_hash_table_insert (map, (gpointer) sb_get_str (s, "secretKey"), (gpointer) sb_get_str (s, "_value"));
    }
  return map;
}

JsonObject *
sb_project_public (FerrySandbox *self,
                   JsonObject   *project)
{
  JsonObject *p = json_object_new ();
  JsonArray *envs = json_array_new ();
  JsonArray *src = sb_get_arr (project, "environments");

  json_object_set_string_member (p, "id", sb_get_str (project, "id"));
  json_object_set_string_member (p, "_id", sb_get_str (project, "id"));
  json_object_set_string_member (p, "name", sb_get_str (project, "name"));
  json_object_set_string_member (p, "slug", sb_get_str (project, "slug"));
  sb_set_str_or_null (p, "description", sb_get_str (project, "description"));
  json_object_set_string_member (p, "type", sb_get_str (project, "type"));
  json_object_set_string_member (p, "defaultProduct", sb_get_str (project, "type"));
  json_object_set_boolean_member (p, "autoCapitalization", FALSE);
  json_object_set_string_member (p, "orgId", sb_get_str (project, "orgId"));
  json_object_set_string_member (p, "createdAt", sb_get_str (project, "createdAt"));
  json_object_set_string_member (p, "updatedAt", sb_get_str (project, "updatedAt"));
  json_object_set_int_member (p, "version", 3);
  json_object_set_null_member (p, "upgradeStatus");
  json_object_set_int_member (p, "pitVersionLimit", 10);
  json_object_set_null_member (p, "kmsCertificateKeyId");
  json_object_set_null_member (p, "auditLogsRetentionDays");
  json_object_set_boolean_member (p, "hasDeleteProtection", FALSE);
  json_object_set_boolean_member (p, "secretSharing", TRUE);
  json_object_set_boolean_member (p, "showSnapshotsLegacy", FALSE);
  json_object_set_null_member (p, "secretDetectionIgnoreValues");
  json_object_set_boolean_member (p, "enforceEncryptedSecretManagerSecretMetadata", FALSE);
  for (guint i = 0; src != NULL && i < json_array_get_length (src); i++)
    {
      JsonObject *e = json_array_get_object_element (src, i);
      JsonObject *env = json_object_new ();

      json_object_set_string_member (env, "id", sb_get_str (e, "id"));
      json_object_set_string_member (env, "name", sb_get_str (e, "name"));
      json_object_set_string_member (env, "slug", sb_get_str (e, "slug"));
      json_array_add_object_element (envs, env);
    }
  json_object_set_array_member (p, "environments", envs);
  return p;
}

static void
list_projects_as (SbRequest  *req,
                  const char *key)
{
  FerrySandbox *self = req->self;
  JsonArray *projects = sb_state_array (self, "projects");
  JsonArray *out = json_array_new ();
  const char *type = sb_query (req, "type");
  JsonObject *obj = json_object_new ();

  if (type != NULL && strcmp (type, "all") != 0
      && !g_strv_contains ((const char *[]) { "secret-manager", "cert-manager", "kms", "ssh",
                                              "secret-scanning", "pam", NULL }, type))
    {
      SbIssues *issues = sb_issues_new ();
      JsonObject *issue = json_object_new ();
      g_autofree char *m = g_strdup_printf ("Invalid enum value. Expected 'secret-manager' | 'cert-manager' | 'kms' | 'ssh' | 'secret-scanning' | 'pam', received '%s'", type);

      json_object_set_string_member (issue, "received", type);
      json_object_set_string_member (issue, "code", "invalid_enum_value");
      json_object_set_string_member (issue, "message", m);
      sb_issue_add (issues, issue, "type", NULL);
      sb_reply_issues (req, issues);
      sb_issues_free (issues);
      json_object_unref (obj);
      json_array_unref (out);
      return;
    }

  for (guint i = 0; i < json_array_get_length (projects); i++)
    {
      JsonObject *p = json_array_get_object_element (projects, i);

      if (g_strcmp0 (sb_get_str (p, "orgId"), req->org_id) != 0)
        continue;
      if (type != NULL && strcmp (type, "all") != 0 && g_strcmp0 (sb_get_str (p, "type"), type) != 0)
        continue;
      json_array_add_object_element (out, sb_project_public (self, p));
    }
  json_object_set_array_member (obj, key, out);
  sb_reply_object (req, NULL, obj);
}

static void
list_projects (SbRequest *req)
{
  list_projects_as (req, "projects");
}

static void
list_workspaces (SbRequest *req)
{
  list_projects_as (req, "workspaces");
}

static void
get_project_as (SbRequest  *req,
                const char *id,
                const char *key)
{
  JsonObject *project = sb_project_find (req->self, id);

  if (project == NULL)
    {
      sb_reply_errorf (req, 404, "NotFound", "Project with ID '%s' not found", id);
      return;
    }
  sb_reply_object (req, key, sb_project_public (req->self, project));
}

static void
get_project (SbRequest *req)
{
  get_project_as (req, sb_param (req, "projectId"), "project");
}

static void
get_workspace (SbRequest *req)
{
  get_project_as (req, sb_param (req, "workspaceId"), "workspace");
}

static void
get_project_by_slug (SbRequest *req)
{
  JsonObject *project = sb_find_by (sb_state_array (req->self, "projects"), "slug", sb_param (req, "slug"));

  if (project == NULL)
    {
      sb_reply_errorf (req, 404, "NotFound", "Project with slug '%s' not found", sb_param (req, "slug"));
      return;
    }
  sb_reply_object (req, NULL, sb_project_public (req->self, project));
}

/* ---- Folders ---- */

static JsonObject *
folder_public (FerrySandbox *self,
               JsonObject   *folder,
               const char   *relative_path)
{
  JsonObject *f = sb_public_copy (folder);

  if (relative_path != NULL)
    json_object_set_string_member (f, "relativePath", relative_path);
  return f;
}

static void
add_children (FerrySandbox *self,
              JsonArray    *out,
              JsonObject   *parent,
              const char   *base,
              gboolean      recursive)
{
  JsonArray *folders = sb_state_array (self, "folders");

  for (guint i = 0; i < json_array_get_length (folders); i++)
    {
      JsonObject *f = json_array_get_object_element (folders, i);
      g_autofree char *rel = NULL;

      if (g_strcmp0 (sb_get_str (f, "parentId"), sb_get_str (parent, "id")) != 0)
        continue;
      rel = g_strdup_printf ("%s/%s", strcmp (base, "/") == 0 ? "" : base, sb_get_str (f, "name"));
      json_array_add_object_element (out, folder_public (self, f, recursive ? rel : NULL));
      if (recursive)
        add_children (self, out, f, rel, TRUE);
    }
}

/* Resolves project + environment from query parameters; replies and returns NULL on error. */
static JsonObject *
resolve_env (SbRequest   *req,
             const char  *project_param,
             JsonObject **project_out)
{
  const char *project_id = sb_query (req, project_param);
  const char *env_slug = sb_query (req, "environment");
  JsonObject *project, *env;

  if (project_id == NULL || env_slug == NULL)
    {
      SbIssues *issues = sb_issues_new ();

      if (project_id == NULL)
        sb_issue_required (issues, "string", project_param, NULL);
      if (env_slug == NULL)
        sb_issue_required (issues, "string", "environment", NULL);
      sb_reply_issues (req, issues);
      sb_issues_free (issues);
      return NULL;
    }
  project = sb_project_find (req->self, project_id);
  if (project == NULL)
    {
      sb_reply_errorf (req, 404, "NotFound", "Project with ID '%s' not found", project_id);
      return NULL;
    }
  env = sb_env_find_slug (project, env_slug);
  if (env == NULL)
    {
      sb_reply_errorf (req, 404, "NotFound", "Environment with slug '%s' in project with ID '%s' not found",
                       env_slug, project_id);
      return NULL;
    }
  if (project_out)
    *project_out = project;
  return env;
}

static void
list_folders_common (SbRequest  *req,
                     const char *project_param,
                     gboolean    default_path)
{
  FerrySandbox *self = req->self;
  JsonObject *env = resolve_env (req, project_param, NULL);
  const char *path = sb_query (req, "path");
  const char *recursive = sb_query (req, "recursive");
  JsonArray *out;
  JsonObject *parent, *obj;

  if (env == NULL)
    return;
  if (path == NULL)
    path = sb_query (req, "directory");
  if (path == NULL)
    {
      if (!default_path)
        {
          SbIssues *issues = sb_issues_new ();

          sb_issue_required (issues, "string", "path", NULL);
          sb_reply_issues (req, issues);
          sb_issues_free (issues);
          return;
        }
      path = "/";
    }
  if (recursive != NULL && strcmp (recursive, "true") != 0 && strcmp (recursive, "false") != 0)
    {
      SbIssues *issues = sb_issues_new ();

      sb_issue_type (issues, "boolean", NULL, "recursive", NULL);
      sb_reply_issues (req, issues);
      sb_issues_free (issues);
      return;
    }

  out = json_array_new ();
  parent = sb_folder_by_path (self, sb_get_str (env, "id"), path);
  if (parent != NULL)
    add_children (self, out, parent, "/", g_strcmp0 (recursive, "true") == 0);
  obj = json_object_new ();
  json_object_set_array_member (obj, "folders", out);
  sb_reply_object (req, NULL, obj);
}

static void
list_folders_v1 (SbRequest *req)
{
  list_folders_common (req, "workspaceId", TRUE);
}

static void
list_folders_v2 (SbRequest *req)
{
  list_folders_common (req, "projectId", FALSE);
}

/* Resolves project/environment from a JSON body (folder and secret writes). */
static JsonObject *
resolve_env_body (SbRequest   *req,
                  JsonObject  *body,
                  const char  *project_member,
                  JsonObject **project_out)
{
  const char *project_id = sb_get_str (body, project_member);
  const char *env_slug = sb_get_str (body, "environment");
  JsonObject *project, *env;

  if (project_id == NULL || env_slug == NULL)
    {
      SbIssues *issues = sb_issues_new ();

      if (project_id == NULL)
        sb_issue_required (issues, "string", project_member, NULL);
      if (env_slug == NULL)
        sb_issue_required (issues, "string", "environment", NULL);
      sb_reply_issues (req, issues);
      sb_issues_free (issues);
      return NULL;
    }
  project = sb_project_find (req->self, project_id);
  if (project == NULL)
    {
      sb_reply_errorf (req, 404, "NotFound", "Project with ID '%s' not found", project_id);
      return NULL;
    }
  env = sb_env_find_slug (project, env_slug);
  if (env == NULL)
    {
      sb_reply_errorf (req, 404, "NotFound", "Environment with slug '%s' in project with ID '%s' not found",
                       env_slug, project_id);
      return NULL;
    }
  if (project_out)
    *project_out = project;
  return env;
}

static void
create_folder (SbRequest *req)
{
  FerrySandbox *self = req->self;
  JsonObject *body = sb_body_obj (req);
  const char *project_member = sb_get_str (body, "projectId") ? "projectId" : "workspaceId";
  JsonObject *env = resolve_env_body (req, body, project_member, NULL);
  const char *path = sb_get_str (body, "path") ? sb_get_str (body, "path") : sb_get_str (body, "directory");
  const char *name = sb_get_str (body, "name");
  JsonObject *parent, *folder;
  g_autofree char *id = NULL;
  g_autofree char *now = NULL;

  if (env == NULL)
    return;
  if (name == NULL || *name == '\0')
    {
      SbIssues *issues = sb_issues_new ();

      sb_issue_required (issues, "string", "name", NULL);
      sb_reply_issues (req, issues);
      sb_issues_free (issues);
      return;
    }
  parent = sb_folder_by_path (self, sb_get_str (env, "id"), path ? path : "/");
  if (parent == NULL)
    {
      sb_reply_errorf (req, 404, "NotFound", "Folder with path '%s' in environment with slug '%s' not found",
                       path, sb_get_str (env, "slug"));
      return;
    }
  if (child_folder (self, sb_get_str (env, "id"), sb_get_str (parent, "id"), name) != NULL)
    {
      sb_reply_errorf (req, 400, "BadRequest", "Folder with name '%s' already exists", name);
      return;
    }
  id = sb_new_uuid ();
  now = sb_now_iso ();
  folder = json_object_new ();
  json_object_set_string_member (folder, "id", id);
  json_object_set_string_member (folder, "name", name);
  json_object_set_int_member (folder, "version", 1);
  json_object_set_string_member (folder, "createdAt", now);
  json_object_set_string_member (folder, "updatedAt", now);
  json_object_set_string_member (folder, "envId", sb_get_str (env, "id"));
  json_object_set_string_member (folder, "parentId", sb_get_str (parent, "id"));
  json_object_set_boolean_member (folder, "isReserved", FALSE);
  sb_set_str_or_null (folder, "description", sb_get_str (body, "description"));
  json_object_set_string_member (folder, "lastSecretModified", now);
  json_array_add_object_element (sb_state_array (self, "folders"), folder);
  req->state_changed = TRUE;
  sb_reply_object (req, "folder", sb_public_copy (folder));
}

static void
delete_folder_tree (FerrySandbox *self,
                    const char   *folder_id)
{
  JsonArray *folders = sb_state_array (self, "folders");
  JsonArray *secrets = sb_state_array (self, "secrets");
  JsonArray *syncs = sb_state_array (self, "syncs");
  g_autofree char *id = g_strdup (folder_id);
  guint i = 0;

  while (i < json_array_get_length (folders))
    {
      JsonObject *f = json_array_get_object_element (folders, i);

      if (g_strcmp0 (sb_get_str (f, "parentId"), id) == 0)
        {
          g_autofree char *child = g_strdup (sb_get_str (f, "id"));

          delete_folder_tree (self, child);
          i = 0;
          continue;
        }
      i++;
    }
  i = 0;
  while (i < json_array_get_length (secrets))
    {
      if (g_strcmp0 (sb_get_str (json_array_get_object_element (secrets, i), "folderId"), id) == 0)
        json_array_remove_element (secrets, i);
      else
        i++;
    }
  /* Like the foreign key: syncs keep existing with folderId set to null. */
  for (i = 0; i < json_array_get_length (syncs); i++)
    {
      JsonObject *s = json_array_get_object_element (syncs, i);

      if (g_strcmp0 (sb_get_str (s, "folderId"), id) == 0)
        json_object_set_null_member (s, "folderId");
    }
  sb_remove_by (folders, "id", id);
}

static void
delete_folder (SbRequest *req)
{
  FerrySandbox *self = req->self;
  JsonObject *body = sb_body_obj (req);
  const char *project_member = sb_get_str (body, "projectId") ? "projectId" : "workspaceId";
  JsonObject *env = resolve_env_body (req, body, project_member, NULL);
  const char *path = sb_get_str (body, "path") ? sb_get_str (body, "path") : sb_get_str (body, "directory");
  const char *id_or_name = sb_param (req, "folderIdOrName");
  JsonObject *parent, *folder;
  JsonObject *copy;

  if (env == NULL)
    return;
  parent = sb_folder_by_path (self, sb_get_str (env, "id"), path ? path : "/");
  folder = parent ? child_folder (self, sb_get_str (env, "id"), sb_get_str (parent, "id"), id_or_name) : NULL;
  if (folder == NULL)
    {
      folder = sb_folder_find (self, id_or_name);
      if (folder != NULL && g_strcmp0 (sb_get_str (folder, "envId"), sb_get_str (env, "id")) != 0)
        folder = NULL;
    }
  if (folder == NULL || sb_get_str (folder, "parentId") == NULL)
    {
      sb_reply_errorf (req, 404, "NotFound", "Folder with ID '%s' not found", id_or_name);
      return;
    }
  copy = sb_public_copy (folder);
  delete_folder_tree (self, sb_get_str (folder, "id"));
  req->state_changed = TRUE;
  sb_reply_object (req, "folder", copy);
}

/* ---- Secrets (raw) ---- */

static JsonObject *
secret_public (FerrySandbox *self,
               JsonObject   *secret,
               JsonObject   *project,
               JsonObject   *env,
               const char   *path,
               gboolean      view_value)
{
  JsonObject *s = json_object_new ();

  json_object_set_string_member (s, "id", sb_get_str (secret, "id"));
  json_object_set_string_member (s, "_id", sb_get_str (secret, "id"));
  json_object_set_string_member (s, "workspace", sb_get_str (project, "id"));
  json_object_set_string_member (s, "environment", sb_get_str (env, "slug"));
  json_object_set_int_member (s, "version", sb_get_int (secret, "version", 1));
  json_object_set_string_member (s, "type", sb_get_str (secret, "type"));
  json_object_set_string_member (s, "secretKey", sb_get_str (secret, "secretKey"));
  json_object_set_string_member (s, "secretValue", view_value ? sb_get_str (secret, "_value") : SB_HIDDEN_SECRET_VALUE);
  json_object_set_boolean_member (s, "secretValueHidden", !view_value);
  json_object_set_string_member (s, "secretComment", sb_get_str (secret, "secretComment") ? sb_get_str (secret, "secretComment") : "");
  json_object_set_string_member (s, "secretPath", path);
  json_object_set_null_member (s, "secretReminderNote");
  json_object_set_null_member (s, "secretReminderRepeatDays");
  json_object_set_boolean_member (s, "skipMultilineEncoding", FALSE);
  json_object_set_string_member (s, "createdAt", sb_get_str (secret, "createdAt"));
  json_object_set_string_member (s, "updatedAt", sb_get_str (secret, "updatedAt"));
  json_object_set_array_member (s, "tags", json_array_new ());
  json_object_set_array_member (s, "secretMetadata", json_array_new ());
  return s;
}

static void
list_secrets_raw (SbRequest *req)
{
  FerrySandbox *self = req->self;
  JsonObject *project = NULL;
  const char *project_param = sb_query (req, "workspaceId") ? "workspaceId" : "projectId";
  JsonObject *env = resolve_env (req, project_param, &project);
  const char *path = sb_query (req, "secretPath");
  const char *view = sb_query (req, "viewSecretValue");
  JsonObject *folder, *obj;
  JsonArray *out, *secrets;
  g_autofree char *norm = NULL;

  if (env == NULL)
    return;
  norm = g_strdup (path && *path ? path : "/");
  if (strlen (norm) > 1 && norm[strlen (norm) - 1] == '/')
    norm[strlen (norm) - 1] = '\0';
  folder = sb_folder_by_path (self, sb_get_str (env, "id"), norm);
  if (folder == NULL)
    {
      sb_reply_errorf (req, 404, "NotFound",
                       "Folder with path '%s' in environment with slug '%s' not found",
                       norm, sb_get_str (env, "slug"));
      return;
    }
  out = json_array_new ();
  secrets = sb_state_array (self, "secrets");
  /* recursive=true (secret-router.ts): the folder's secrets, then each folder's below it,
   * depth first, each with its own secretPath. */
  {
    g_autoptr(GPtrArray) folders = g_ptr_array_new ();
    JsonArray *all = sb_state_array (self, "folders");

    g_ptr_array_add (folders, folder);
    for (guint f = 0; f < folders->len && g_strcmp0 (sb_query (req, "recursive"), "true") == 0; f++)
      for (guint i = 0; i < json_array_get_length (all); i++)
        {
          JsonObject *child = json_array_get_object_element (all, i);

          if (g_strcmp0 (sb_get_str (child, "parentId"), sb_get_str (folders->pdata[f], "id")) == 0)
            g_ptr_array_insert (folders, f + 1, child);
        }
    for (guint f = 0; f < folders->len; f++)
      {
        g_autofree char *fpath = f == 0 ? g_strdup (norm) : sb_folder_path (self, folders->pdata[f]);

        for (guint i = 0; i < json_array_get_length (secrets); i++)
          {
            JsonObject *s = json_array_get_object_element (secrets, i);

            if (g_strcmp0 (sb_get_str (s, "folderId"), sb_get_str (folders->pdata[f], "id")) == 0)
              json_array_add_object_element (out, secret_public (self, s, project, env, fpath,
                                                                 g_strcmp0 (view, "false") != 0));
          }
      }
  }
  obj = json_object_new ();
  json_object_set_array_member (obj, "secrets", out);
  json_object_set_array_member (obj, "imports", json_array_new ());
  sb_reply_object (req, NULL, obj);
}

static void
write_secret (SbRequest *req)
{
  FerrySandbox *self = req->self;
  JsonObject *body = sb_body_obj (req);
  JsonObject *project = NULL;
  const char *project_member = sb_get_str (body, "workspaceId") ? "workspaceId" : "projectId";
  JsonObject *env = resolve_env_body (req, body, project_member, &project);
  const char *path = sb_get_str (body, "secretPath");
  const char *key = sb_param (req, "secretName");
  const char *method = req->method;
  JsonObject *folder, *secret = NULL;
  JsonArray *secrets = sb_state_array (self, "secrets");
  g_autofree char *now = sb_now_iso ();
  g_autofree char *norm = g_strdup (path && *path ? path : "/");
  JsonObject *out;

  if (env == NULL)
    return;
  folder = sb_folder_by_path (self, sb_get_str (env, "id"), norm);
  if (folder == NULL)
    {
      sb_reply_errorf (req, 404, "NotFound",
                       "Folder with path '%s' in environment with slug '%s' not found",
                       norm, sb_get_str (env, "slug"));
      return;
    }
  for (guint i = 0; i < json_array_get_length (secrets); i++)
    {
      JsonObject *s = json_array_get_object_element (secrets, i);

      if (g_strcmp0 (sb_get_str (s, "folderId"), sb_get_str (folder, "id")) == 0
          && g_strcmp0 (sb_get_str (s, "secretKey"), key) == 0)
        secret = s;
    }

  if (strcmp (method, "POST") == 0)
    {
      g_autofree char *id = NULL;

      if (secret != NULL)
        {
          sb_reply_error (req, 400, "BadRequest", "Secret already exist");
          return;
        }
      id = sb_new_uuid ();
      secret = json_object_new ();
      json_object_set_string_member (secret, "id", id);
      json_object_set_string_member (secret, "folderId", sb_get_str (folder, "id"));
      json_object_set_string_member (secret, "secretKey", key);
      json_object_set_string_member (secret, "_value", sb_get_str (body, "secretValue") ? sb_get_str (body, "secretValue") : "");
      json_object_set_string_member (secret, "secretComment", sb_get_str (body, "secretComment") ? sb_get_str (body, "secretComment") : "");
      json_object_set_int_member (secret, "version", 1);
      json_object_set_string_member (secret, "type", "shared");
      json_object_set_string_member (secret, "createdAt", now);
      json_object_set_string_member (secret, "updatedAt", now);
      json_array_add_object_element (secrets, secret);
      out = secret_public (self, secret, project, env, norm, TRUE);
    }
  else
    {
      if (secret == NULL)
        {
          sb_reply_errorf (req, 404, "NotFound", "Secret with name '%s' not found", key);
          return;
        }
      if (strcmp (method, "PATCH") == 0)
        {
          if (sb_get_str (body, "secretValue") != NULL)
            json_object_set_string_member (secret, "_value", sb_get_str (body, "secretValue"));
          if (sb_get_str (body, "newSecretName") != NULL)
            json_object_set_string_member (secret, "secretKey", sb_get_str (body, "newSecretName"));
          json_object_set_int_member (secret, "version", sb_get_int (secret, "version", 1) + 1);
          json_object_set_string_member (secret, "updatedAt", now);
          out = secret_public (self, secret, project, env, norm, TRUE);
        }
      else
        {
          out = secret_public (self, secret, project, env, norm, TRUE);
          sb_remove_by (secrets, "id", sb_get_str (secret, "id"));
        }
    }
  json_object_set_string_member (folder, "lastSecretModified", now);
  req->state_changed = TRUE;
  sb_syncs_folder_changed (self, sb_get_str (folder, "id"));
  sb_reply_object (req, "secret", out);
}

const SbRoute sb_project_routes[] = {
  { "GET", "/api/v1/projects", SB_AUTH_ANY, list_projects },
  { "GET", "/api/v1/workspace", SB_AUTH_ANY, list_workspaces },
  { "GET", "/api/v1/projects/slug/:slug", SB_AUTH_ANY, get_project_by_slug },
  { "GET", "/api/v1/projects/:projectId", SB_AUTH_ANY, get_project },
  { "GET", "/api/v1/workspace/:workspaceId", SB_AUTH_ANY, get_workspace },
  { "GET", "/api/v1/folders", SB_AUTH_ANY, list_folders_v1 },
  { "GET", "/api/v2/folders", SB_AUTH_ANY, list_folders_v2 },
  { "POST", "/api/v1/folders", SB_AUTH_ANY, create_folder },
  { "POST", "/api/v2/folders", SB_AUTH_ANY, create_folder },
  { "DELETE", "/api/v1/folders/:folderIdOrName", SB_AUTH_ANY, delete_folder },
  { "DELETE", "/api/v2/folders/:folderIdOrName", SB_AUTH_ANY, delete_folder },
  { "GET", "/api/v3/secrets/raw", SB_AUTH_ANY, list_secrets_raw },
  { "POST", "/api/v3/secrets/raw/:secretName", SB_AUTH_ANY, write_secret },
  { "PATCH", "/api/v3/secrets/raw/:secretName", SB_AUTH_ANY, write_secret },
  { "DELETE", "/api/v3/secrets/raw/:secretName", SB_AUTH_ANY, write_secret },
  { NULL, NULL, 0, NULL },
};
