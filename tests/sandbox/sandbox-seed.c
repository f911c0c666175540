/* sandbox-seed.c: the "empty" and "demo" seeds, with fixed ids and secrets.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "sandbox-private.h"

/* A fixed, valid-looking UUID derived from @name, so seeded ids never change. */
char *
sb_seed_uuid (const char *name)
{
  g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA1, name, -1);

  return g_strdup_printf ("%.8s-%.4s-4%.3s-a%.3s-%.12s", sum, sum + 8, sum + 12, sum + 15, sum + 18);
}

#define SEED_TIME "2026-09-14T08:30:00.000Z"

static JsonObject *
add_object (JsonArray *array)
{
  JsonObject *obj = json_object_new ();

  json_array_add_object_element (array, obj);
  return obj;
}

static JsonObject *
add_folder (JsonArray  *folders,
            const char *key,
            const char *name,
            const char *env_id,
            const char *parent_id)
{
  JsonObject *f = add_object (folders);
  g_autofree char *id = sb_seed_uuid (key);

  json_object_set_string_member (f, "id", id);
  json_object_set_string_member (f, "name", name);
  json_object_set_int_member (f, "version", 1);
  json_object_set_string_member (f, "createdAt", SEED_TIME);
  json_object_set_string_member (f, "updatedAt", SEED_TIME);
  json_object_set_string_member (f, "envId", env_id);
  sb_set_str_or_null (f, "parentId", parent_id);
  json_object_set_boolean_member (f, "isReserved", FALSE);
  json_object_set_null_member (f, "description");
  json_object_set_string_member (f, "lastSecretModified", SEED_TIME);
  return f;
}

static void
add_secret (JsonArray  *secrets,
            const char *folder_id,
            const char *key,
            const char *value)
{
  JsonObject *s = add_object (secrets);
  g_autofree char *seed_key = g_strdup_printf ("secret:%s:%s", folder_id, key);
  g_autofree char *id = sb_seed_uuid (seed_key);

  json_object_set_string_member (s, "id", id);
  json_object_set_string_member (s, "folderId", folder_id);
  json_object_set_string_member (s, "secretKey", key);
  json_object_set_string_member (s, "_value", value);
  json_object_set_string_member (s, "secretComment", "");
  json_object_set_int_member (s, "version", 1);
  json_object_set_string_member (s, "type", "shared");
  json_object_set_string_member (s, "createdAt", SEED_TIME);
  json_object_set_string_member (s, "updatedAt", SEED_TIME);
}

typedef struct
{
  const char *path;        /* "/backend/api" */
  const char *secrets[8];  /* KEY=value */
} SeedFolder;

typedef struct
{
  const char *key;
  const char *name;
  const char *slug;
  const char *description;
  SeedFolder  folders[6];
} SeedProject;

static const SeedProject demo_projects[] = {
  { "web", "Web Storefront", "web-storefront-3k9x", "Customer-facing shop front end and its BFF",
    { { "/", { "NODE_ENV=%s", "PUBLIC_SITE_URL=https://%s.shop.contoso.com", "SENTRY_DSN=https://4f1e9d@o4505.ingest.sentry.io/4507", NULL } },
      { "/backend", { "DATABASE_URL=postgres://web:%s-db-pass@db.internal:5432/storefront", "REDIS_URL=redis://cache.internal:6379/0", NULL } },
      { "/backend/api", { "API_KEY=sk_%s_51Hx7a9F", "JWT_SIGNING_KEY=%s-jwt-signing-key-0f93", "RATE_LIMIT_PER_MINUTE=600", NULL } },
      { "/frontend", { "NEXT_PUBLIC_ANALYTICS_ID=G-7Q2XK4%s", "NEXT_PUBLIC_FEATURE_FLAGS=checkout-v2,wishlist", NULL } },
      { NULL, { NULL } } } },
  { "payments", "Payments API", "payments-api-7f2m", "Card and wallet payments service",
    { { "/", { "LOG_LEVEL=info", "SERVICE_NAME=payments-%s", NULL } },
      { "/stripe", { "STRIPE_SECRET_KEY=sk_%s_4eC39HqLyjWDarjtT1zdp7dc", "STRIPE_WEBHOOK_SECRET=whsec_%s_8f3a", NULL } },
      { "/adyen", { "ADYEN_API_KEY=AQEyhmfxK%s", "ADYEN_MERCHANT_ACCOUNT=ContosoECOM", NULL } },
      { NULL, { NULL } } } },
  { "data", "Data Platform", "data-platform-q8zt", "Warehouse, ETL jobs and orchestration",
    { { "/", { "DATA_REGION=westeurope", NULL } },
      { "/warehouse", { "SNOWFLAKE_ACCOUNT=contoso-%s", "SNOWFLAKE_PASSWORD=%s-wh-0c1d2e", NULL } },
      { "/warehouse/etl", { "ETL_BATCH_SIZE=5000", "ETL_SOURCE_TOKEN=%s-etl-tok-77a1", NULL } },
      { "/airflow", { "AIRFLOW__CORE__FERNET_KEY=%s-fernet-46BKJoQYlPPOexq0OhDZnIlNepKFf87WFwLbfzqDDho=", NULL } },
      { NULL, { NULL } } } },
};

static const char *env_names[3][2] = {
  { "Development", "dev" },
  { "Staging", "staging" },
  { "Production", "prod" },
};

static const char *
folder_id_for (JsonArray  *folders,
               const char *env_id,
               const char *parent_id,
               const char *name)
{
  for (guint i = 0; i < json_array_get_length (folders); i++)
    {
      JsonObject *f = json_array_get_object_element (folders, i);

      if (g_strcmp0 (sb_get_str (f, "envId"), env_id) == 0
          && g_strcmp0 (sb_get_str (f, "parentId"), parent_id) == 0
          && g_strcmp0 (sb_get_str (f, "name"), name) == 0)
        return sb_get_str (f, "id");
    }
  return NULL;
}

static void
seed_project (FerrySandbox      *self,
              const SeedProject *sp)
{
  JsonArray *projects = sb_state_array (self, "projects");
  JsonArray *folders = sb_state_array (self, "folders");
  JsonArray *secrets = sb_state_array (self, "secrets");
  JsonObject *p = add_object (projects);
  JsonArray *envs = json_array_new ();
  g_autofree char *pkey = g_strdup_printf ("project:%s", sp->key);
  g_autofree char *pid = sb_seed_uuid (pkey);

  json_object_set_string_member (p, "id", pid);
  json_object_set_string_member (p, "name", sp->name);
  json_object_set_string_member (p, "slug", sp->slug);
  json_object_set_string_member (p, "description", sp->description);
  json_object_set_string_member (p, "type", "secret-manager");
  json_object_set_string_member (p, "orgId", ferry_sandbox_get_organization_id (self));
  json_object_set_string_member (p, "createdAt", SEED_TIME);
  json_object_set_string_member (p, "updatedAt", SEED_TIME);
  json_object_set_array_member (p, "environments", envs);

  for (guint e = 0; e < 3; e++)
    {
      JsonObject *env = add_object (envs);
      g_autofree char *ekey = g_strdup_printf ("env:%s:%s", sp->key, env_names[e][1]);
      g_autofree char *eid = sb_seed_uuid (ekey);
      g_autofree char *rkey = g_strdup_printf ("folder:%s:%s:/", sp->key, env_names[e][1]);
      const char *root_id;

      json_object_set_string_member (env, "id", eid);
      json_object_set_string_member (env, "name", env_names[e][0]);
      json_object_set_string_member (env, "slug", env_names[e][1]);
      root_id = sb_get_str (add_folder (folders, rkey, "root", eid, NULL), "id");

      for (const SeedFolder *sf = sp->folders; sf->path != NULL; sf++)
        {
          const char *folder_id = root_id;

          if (strcmp (sf->path, "/") != 0)
            {
              g_auto(GStrv) parts = g_strsplit (sf->path + 1, "/", -1);
              g_autoptr(GString) sofar = g_string_new ("");

              for (guint k = 0; parts[k] != NULL; k++)
                {
                  const char *existing;

                  g_string_append_printf (sofar, "/%s", parts[k]);
                  existing = folder_id_for (folders, eid, folder_id, parts[k]);
                  if (existing == NULL)
                    {
                      g_autofree char *fkey = g_strdup_printf ("folder:%s:%s:%s", sp->key, env_names[e][1], sofar->str);
                      existing = sb_get_str (add_folder (folders, fkey, parts[k], eid, folder_id), "id");
                    }
                  folder_id = existing;
                }
            }
          for (guint k = 0; sf->secrets[k] != NULL; k++)
            {
              g_auto(GStrv) kv = g_strsplit (sf->secrets[k], "=", 2);
              g_autofree char *value = NULL;

              if (strstr (kv[1], "%s") != NULL)
                {
                  g_auto(GStrv) halves = g_strsplit (kv[1], "%s", 2);
                  value = g_strconcat (halves[0], env_names[e][1], halves[1], NULL);
                }
              else
                value = g_strdup (kv[1]);
              add_secret (secrets, folder_id, kv[0], value);
            }
        }
    }
}

static JsonObject *
devops_project (JsonArray  *projects,
                const char *name,
                const char *description,
                gboolean    deleted)
{
  JsonObject *p = add_object (projects);
  g_autofree char *key = g_strdup_printf ("devops:contoso:%s", name);
  g_autofree char *id = sb_seed_uuid (key);

  json_object_set_string_member (p, "id", id);
  json_object_set_string_member (p, "name", name);
  json_object_set_string_member (p, "description", description);
  json_object_set_string_member (p, "state", "wellFormed");
  json_object_set_int_member (p, "revision", 411);
  json_object_set_string_member (p, "visibility", "private");
  json_object_set_string_member (p, "lastUpdateTime", "2026-08-02T11:12:13.417Z");
  json_object_set_boolean_member (p, "_deleted", deleted);
  json_object_set_array_member (p, "variableGroups", json_array_new ());
  return p;
}

static void
devops_group (FerrySandbox *self,
              JsonObject   *project,
              const char   *name,
              const char  **vars,
              gboolean      is_secret)
{
  JsonObject *devops = sb_get_obj (self->state, "devops");
  JsonObject *g = add_object (sb_get_arr (project, "variableGroups"));
  JsonObject *variables = json_object_new ();
  JsonArray *refs = json_array_new ();
  JsonObject *ref = json_object_new ();
  JsonObject *pref = json_object_new ();
  gint64 id = sb_get_int (devops, "nextGroupId", 1);

  json_object_set_int_member (devops, "nextGroupId", id + 1);
  for (guint i = 0; vars[i] != NULL; i += 2)
    {
      JsonObject *v = json_object_new ();

      json_object_set_string_member (v, "value", vars[i + 1]);
      json_object_set_boolean_member (v, "isSecret", is_secret);
      json_object_set_object_member (variables, vars[i], v);
    }
  json_object_set_string_member (pref, "id", sb_get_str (project, "id"));
  json_object_set_string_member (pref, "name", sb_get_str (project, "name"));
  json_object_set_string_member (ref, "name", name);
  json_object_set_string_member (ref, "description", "");
  json_object_set_object_member (ref, "projectReference", pref);
  json_array_add_object_element (refs, ref);

  json_object_set_int_member (g, "id", id);
  json_object_set_string_member (g, "name", name);
  json_object_set_string_member (g, "description", "");
  json_object_set_string_member (g, "type", "Vsts");
  json_object_set_object_member (g, "variables", variables);
  json_object_set_array_member (g, "variableGroupProjectReferences", refs);
  json_object_set_boolean_member (g, "isShared", FALSE);
  json_object_set_string_member (g, "createdOn", "2026-06-20T09:00:00.000Z");
  json_object_set_string_member (g, "modifiedOn", "2026-06-20T09:00:00.000Z");
}

static void
seed_devops (FerrySandbox *self,
             gboolean      demo)
{
  JsonObject *devops = json_object_new ();
  JsonObject *orgs = json_object_new ();
  JsonObject *contoso = json_object_new ();
  JsonArray *pats = json_array_new ();
  JsonArray *sps = json_array_new ();
  JsonArray *projects = json_array_new ();
  JsonObject *pat = json_object_new ();
  JsonObject *sp = json_object_new ();
  JsonObject *contoso_web, *fabrikam;
  const char *release_vars[] = { "BUILD_CONFIGURATION", "Release", "DOTNET_VERSION", "8.0.x", NULL };
  const char *shared_vars[] = { "ARTIFACT_FEED", "contoso-packages", NULL };

  json_object_set_object_member (self->state, "devops", devops);
  json_object_set_int_member (devops, "nextGroupId", 1);
  json_object_set_object_member (devops, "orgs", orgs);
  json_object_set_object_member (orgs, "contoso", contoso);
  json_object_set_string_member (contoso, "name", "contoso");
  json_object_set_array_member (contoso, "pats", pats);
  json_object_set_array_member (contoso, "servicePrincipals", sps);
  json_object_set_array_member (contoso, "projects", projects);

  json_object_set_string_member (pat, "token", "sandboxpat0contoso0a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6");
  json_object_set_boolean_member (pat, "revoked", FALSE);
  json_array_add_object_element (pats, pat);

  json_object_set_string_member (sp, "tenantId", "8f2b6c1d-3e4a-4b5c-9d6e-7f8a9b0c1d2e");
  json_object_set_string_member (sp, "clientId", "1c9e4a7b-2d3f-4e5a-8b6c-9d0e1f2a3b4c");
  json_object_set_string_member (sp, "clientSecret", "Xy8Q~sandbox.client-secret.contoso0001");
  json_array_add_object_element (sps, sp);

  fabrikam = devops_project (projects, "Fabrikam Fiber", "Fabrikam's fibre-optic field service app", FALSE);
  contoso_web = devops_project (projects, "Contoso Web", "Public website and storefront pipelines", FALSE);
  devops_project (projects, "Internal Tools", "Build agents, scripts and internal dashboards", FALSE);
  devops_project (projects, "Legacy Portal", "Retired customer portal", TRUE);

  devops_group (self, fabrikam, "Release Settings", release_vars, FALSE);
  devops_group (self, contoso_web, "Shared Build Settings", shared_vars, FALSE);
  if (demo)
    {
      const char *prod_vars[] = { "WEB_NODE_ENV", "prod",
                                  "WEB_PUBLIC_SITE_URL", "https://prod.shop.contoso.com",
                                  "WEB_SENTRY_DSN", "https://4f1e9d@o4505.ingest.sentry.io/4507", NULL };
      devops_group (self, contoso_web, "Production", prod_vars, TRUE);
    }
}

static void
seed_demo_connections_and_syncs (FerrySandbox *self)
{
  JsonArray *connections = sb_state_array (self, "connections");
  JsonArray *syncs = sb_state_array (self, "syncs");
  JsonObject *devops_org = sb_devops_org (self, "contoso");
  JsonArray *dprojects = sb_get_arr (devops_org, "projects");
  JsonObject *conn = add_object (connections);
  JsonObject *creds = json_object_new ();
  JsonObject *secret = json_object_new ();
  g_autofree char *conn_id = sb_seed_uuid ("connection:contoso-pat");
  JsonArray *projects = sb_state_array (self, "projects");
  JsonObject *web = json_array_get_object_element (projects, 0);
  JsonObject *payments = json_array_get_object_element (projects, 1);

  json_object_set_string_member (conn, "id", conn_id);
  json_object_set_string_member (conn, "name", "contoso-pat");
  json_object_set_string_member (conn, "description", "Personal access token of the Contoso build account");
  json_object_set_int_member (conn, "version", 1);
  json_object_set_string_member (conn, "orgId", ferry_sandbox_get_organization_id (self));
  json_object_set_string_member (conn, "createdAt", "2026-09-15T10:02:11.000Z");
  json_object_set_string_member (conn, "updatedAt", "2026-09-15T10:02:11.000Z");
  json_object_set_boolean_member (conn, "isPlatformManagedCredentials", FALSE);
  json_object_set_null_member (conn, "gatewayId");
  json_object_set_null_member (conn, "projectId");
  json_object_set_boolean_member (conn, "isAutoRotationEnabled", FALSE);
  json_object_set_string_member (conn, "app", "azure-devops");
  json_object_set_string_member (conn, "method", "access-token");
  json_object_set_string_member (creds, "orgName", "contoso");
  json_object_set_object_member (conn, "credentials", creds);
  json_object_set_string_member (conn, "credentialsHash",
                                 "3f0c4b8e1d2a9f7c6b5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a");
  json_object_set_string_member (secret, "accessToken", ferry_sandbox_get_devops_pat (self, "contoso"));
  json_object_set_object_member (conn, "_secret", secret);

  for (guint i = 0; i < 2; i++)
    {
      JsonObject *sync = add_object (syncs);
      JsonObject *project = i == 0 ? web : payments;
      JsonObject *env = json_array_get_object_element (sb_get_arr (project, "environments"), i == 0 ? 2 : 1);
      JsonObject *dproject = json_array_get_object_element (dprojects, i == 0 ? 1 : 3);
      JsonObject *options = json_object_new ();
      JsonObject *dest = json_object_new ();
      g_autofree char *sync_id = sb_seed_uuid (i == 0 ? "sync:web-prod" : "sync:payments-staging");
      g_autofree char *job_id = sb_seed_uuid (i == 0 ? "job:web-prod" : "job:payments-staging");
      const char *root = sb_get_str (sb_folder_by_path (self, sb_get_str (env, "id"), "/"), "id");

      json_object_set_string_member (sync, "id", sync_id);
      json_object_set_string_member (sync, "name", i == 0 ? "web-prod-to-contoso-web" : "payments-staging-to-legacy");
      sb_set_str_or_null (sync, "description", i == 0 ? "Storefront production settings for the release pipeline" : NULL);
      json_object_set_boolean_member (sync, "isAutoSyncEnabled", TRUE);
      json_object_set_int_member (sync, "version", 1);
      json_object_set_string_member (sync, "projectId", sb_get_str (project, "id"));
      json_object_set_string_member (sync, "folderId", root);
      json_object_set_string_member (sync, "connectionId", conn_id);
      json_object_set_string_member (sync, "createdAt", "2026-09-16T07:45:00.000Z");
      json_object_set_string_member (sync, "updatedAt", "2026-09-16T07:45:00.000Z");
      json_object_set_string_member (sync, "syncStatus", i == 0 ? "succeeded" : "failed");
      json_object_set_string_member (sync, "lastSyncJobId", job_id);
      if (i == 0)
        {
          json_object_set_null_member (sync, "lastSyncMessage");
          json_object_set_string_member (sync, "lastSyncedAt", "2026-09-16T07:45:02.000Z");
        }
      else
        {
          g_autofree char *m = g_strdup_printf ("{\"$id\":\"1\",\"innerException\":null,\"message\":\"TF200016: The following project does not exist: %s. Verify that the name of the project is correct and that the project exists on the specified Azure DevOps Server.\",\"typeName\":\"Microsoft.TeamFoundation.Core.WebApi.ProjectDoesNotExistException, Microsoft.TeamFoundation.Core.WebApi\",\"typeKey\":\"ProjectDoesNotExistException\",\"errorCode\":0,\"eventId\":3000}",
                                                sb_get_str (dproject, "id"));
          json_object_set_string_member (sync, "lastSyncMessage", m);
          json_object_set_null_member (sync, "lastSyncedAt");
        }
      json_object_set_null_member (sync, "importStatus");
      json_object_set_null_member (sync, "lastImportJobId");
      json_object_set_null_member (sync, "lastImportMessage");
      json_object_set_null_member (sync, "lastImportedAt");
      json_object_set_null_member (sync, "removeStatus");
      json_object_set_null_member (sync, "lastRemoveJobId");
      json_object_set_null_member (sync, "lastRemoveMessage");
      json_object_set_null_member (sync, "lastRemovedAt");
      json_object_set_string_member (sync, "destination", "azure-devops");
      json_object_set_string_member (dest, "devopsProjectId", sb_get_str (dproject, "id"));
      json_object_set_string_member (dest, "devopsProjectName", sb_get_str (dproject, "name"));
      json_object_set_object_member (sync, "destinationConfig", dest);
      json_object_set_string_member (options, "initialSyncBehavior", "overwrite-destination");
      if (i == 0)
        json_object_set_string_member (options, "keySchema", "WEB_{{secretKey}}");
      json_object_set_boolean_member (options, "disableSecretDeletion", FALSE);
      json_object_set_object_member (sync, "syncOptions", options);
    }
  {
    JsonObject *seeded[2] = { json_array_get_object_element (syncs, 0), json_array_get_object_element (syncs, 1) };
    const char *slugs[2] = { "prod", "staging" };

    sb_seed_history (self, seeded, slugs);
  }
}

void
sb_seed (FerrySandbox     *self,
         FerrySandboxSeed  seed)
{
  JsonObject *org = json_object_new ();
  JsonObject *user = json_object_new ();
  JsonObject *identity = json_object_new ();

  json_object_set_int_member (self->state, "sandboxStateVersion", 1);
  json_object_set_string_member (self->state, "_jwtSecret", "ferry-sandbox-jwt-signing-secret-0001");

  json_object_set_string_member (org, "id", "5e8a2d1c-9b3f-4c7e-a6d2-1f0e9c8b7a65");
  json_object_set_string_member (org, "name", "Contoso");
  json_object_set_string_member (org, "slug", "contoso-k2x9");
  json_object_set_string_member (org, "createdAt", "2026-09-01T09:00:00.000Z");
  json_object_set_string_member (org, "updatedAt", "2026-09-01T09:00:00.000Z");
  json_object_set_object_member (self->state, "organization", org);

  json_object_set_string_member (user, "id", "0d6c1b2a-4e5f-4a7b-8c9d-e0f1a2b3c4d5");
  json_object_set_string_member (user, "email", "ada@contoso.com");
  json_object_set_string_member (user, "firstName", "Ada");
  json_object_set_string_member (user, "lastName", "Lovelace");
  json_object_set_object_member (self->state, "user", user);

  json_object_set_string_member (identity, "id", "2b7e9f40-6c1d-4e3a-b5f8-0a9d8c7b6e51");
  json_object_set_string_member (identity, "name", "ferry-ci");
  json_object_set_string_member (identity, "clientId", "a1f4c2e8-7b3d-4e9f-8a6c-5d2e1f0b9c73");
  json_object_set_string_member (identity, "_clientSecret",
                                 "4c1f8e2a9b7d3c6e5f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e");
  json_object_set_object_member (self->state, "identity", identity);

  sb_state_array (self, "identityTokens");
  sb_state_array (self, "projects");
  sb_state_array (self, "folders");
  sb_state_array (self, "secrets");
  sb_state_array (self, "connections");
  sb_state_array (self, "syncs");
  seed_devops (self, seed == FERRY_SANDBOX_SEED_DEMO);

  if (seed == FERRY_SANDBOX_SEED_DEMO)
    {
      for (guint i = 0; i < G_N_ELEMENTS (demo_projects); i++)
        seed_project (self, &demo_projects[i]);
      seed_demo_connections_and_syncs (self);
    }
}

const char *
ferry_sandbox_add_project (FerrySandbox *self,
                           const char   *name)
{
  JsonArray *projects;
  g_autofree char *key = NULL;
  g_autofree char *slug = NULL;
  SeedProject sp = { 0 };

  g_return_val_if_fail (FERRY_IS_SANDBOX (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  projects = sb_state_array (self, "projects");
  /* The index makes the key, and so the seeded UUIDs, unique however often a name comes. */
  key = g_strdup_printf ("added-%u", json_array_get_length (projects));
  slug = g_strdup_printf ("%s-%s", name, key);
  g_strdelimit (slug, " ", '-');
  sp.key = key;
  sp.name = name;
  sp.slug = slug;
  sp.description = "";
  sp.folders[0].path = NULL;   /* the root folders only, no secrets */
  seed_project (self, &sp);

  return sb_get_str (json_array_get_object_element (projects, json_array_get_length (projects) - 1), "id");
}
