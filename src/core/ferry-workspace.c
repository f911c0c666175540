/* ferry-workspace.c
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window listed the projects itself (src/ui/ferry-window.c) and every page decided on
 * its own whether an error meant "sign in again" (ferry_ui_error_is_session_expired () in
 * src/ui/ferry-ui-utils.c), keeping flags of its own beside the session's state. The
 * workspace owns the account's project list and one FerryProjectModel per project, and
 * turns a refused token into ferry_session_expire (), so the session's "state" is the one
 * truth every view binds to.
 */

#include "config.h"

#include "ferry-api-error.h"
#include "ferry-project-model-private.h"
#include "ferry-workspace.h"

struct _FerryWorkspace
{
  GObject         parent_instance;

  FerrySession   *session;
  GCancellable   *cancellable;
  GListStore     *projects;
  FerryLoadState  projects_state;
  GError         *projects_error;
  gboolean        projects_loading;
  GHashTable     *models;            /* project id → FerryProjectModel */
  FerryServerTraits *traits;
  gulong          state_id;

  FerryCache     *cache;
  gboolean        cache_loaded;      /* the read finished (found or not) */
  gboolean        projects_answered; /* the server answered the project list once */
  gint64          cached_at;
  gboolean        offline;
};

G_DEFINE_FINAL_TYPE (FerryWorkspace, ferry_workspace, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_PROJECTS,
  PROP_PROJECTS_STATE,
  PROP_PROJECTS_ERROR,
  PROP_CACHED_AT,
  PROP_OFFLINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

FerryWorkspace *
ferry_workspace_new (FerrySession *session)
{
  g_return_val_if_fail (FERRY_IS_SESSION (session), NULL);

  return g_object_new (FERRY_TYPE_WORKSPACE, "session", session, NULL);
}

FerrySession *
ferry_workspace_get_session (FerryWorkspace *self)
{
  g_return_val_if_fail (FERRY_IS_WORKSPACE (self), NULL);

  return self->session;
}

FerryAccount *
ferry_workspace_get_account (FerryWorkspace *self)
{
  g_return_val_if_fail (FERRY_IS_WORKSPACE (self), NULL);

  return ferry_session_get_account (self->session);
}

FerryApiClient *
ferry_workspace_get_client (FerryWorkspace *self)
{
  g_return_val_if_fail (FERRY_IS_WORKSPACE (self), NULL);

  return ferry_session_get_client (self->session);
}

FerryServerTraits *
ferry_workspace_get_server_traits (FerryWorkspace *self)
{
  g_return_val_if_fail (FERRY_IS_WORKSPACE (self), NULL);

  if (self->traits == NULL)
    self->traits = ferry_server_traits_new ();
  return self->traits;
}

gboolean
ferry_workspace_check_error (FerryWorkspace *self,
                             const GError   *error)
{
  g_return_val_if_fail (FERRY_IS_WORKSPACE (self), FALSE);

  /* The API client already asked the session for a fresh token once (and retried), so a
   * refusal now means only people can fix it. */
  if (!g_error_matches (error, FERRY_API_ERROR, FERRY_API_ERROR_TOKEN_EXPIRED) &&
      !g_error_matches (error, FERRY_API_ERROR, FERRY_API_ERROR_UNAUTHORIZED))
    return FALSE;

  ferry_session_expire (self->session);
  return TRUE;
}

/* ---- Projects ---- */

GListModel *
ferry_workspace_get_projects (FerryWorkspace *self)
{
  g_return_val_if_fail (FERRY_IS_WORKSPACE (self), NULL);

  return G_LIST_MODEL (self->projects);
}

FerryLoadState
ferry_workspace_get_projects_state (FerryWorkspace *self)
{
  g_return_val_if_fail (FERRY_IS_WORKSPACE (self), FERRY_LOAD_STATE_IDLE);

  return self->projects_state;
}

const GError *
ferry_workspace_get_projects_error (FerryWorkspace *self)
{
  g_return_val_if_fail (FERRY_IS_WORKSPACE (self), NULL);

  return self->projects_error;
}

static void
set_projects_state (FerryWorkspace *self,
                    FerryLoadState  state)
{
  if (self->projects_state == state)
    return;

  self->projects_state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECTS_STATE]);
}

static void
set_projects_error (FerryWorkspace *self,
                    const GError   *error)
{
  if (self->projects_error == NULL && error == NULL)
    return;

  g_clear_error (&self->projects_error);
  if (error != NULL)
    self->projects_error = g_error_copy (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECTS_ERROR]);
}

/* ---- Offline cache ---- */

FerryCache *
ferry_workspace_get_cache (FerryWorkspace *self)
{
  g_return_val_if_fail (FERRY_IS_WORKSPACE (self), NULL);

  return self->cache;
}

gint64
ferry_workspace_get_cached_at (FerryWorkspace *self)
{
  g_return_val_if_fail (FERRY_IS_WORKSPACE (self), 0);

  return self->cached_at;
}

gboolean
ferry_workspace_get_offline (FerryWorkspace *self)
{
  g_return_val_if_fail (FERRY_IS_WORKSPACE (self), FALSE);

  return self->offline;
}

static void
set_cached_at (FerryWorkspace *self,
               gint64          cached_at)
{
  if (self->cached_at == cached_at)
    return;

  self->cached_at = cached_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CACHED_AT]);
}

static void
set_offline (FerryWorkspace *self,
             gboolean        offline)
{
  if (self->offline == offline)
    return;

  self->offline = offline;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFLINE]);
}

/* Errors that say the server could not be reached (or not properly), rather than that
 * it refused something: with cached data on screen, Ferry is then offline. */
static gboolean
is_unreachable (const GError *error)
{
  return g_error_matches (error, FERRY_API_ERROR, FERRY_API_ERROR_NETWORK) ||
         g_error_matches (error, FERRY_API_ERROR, FERRY_API_ERROR_TIMEOUT) ||
         g_error_matches (error, FERRY_API_ERROR, FERRY_API_ERROR_SERVER);
}

/* Models made for a project before the list had it (ferry_workspace_prefetch ()) get the
 * listed fields, and their object takes the listed one's place: one object per project,
 * so views can compare the window's project with a page's. */
static void
update_model_projects (FerryWorkspace *self)
{
  GHashTableIter iter;
  gpointer id, model;

  g_hash_table_iter_init (&iter, self->models);
  while (g_hash_table_iter_next (&iter, &id, &model))
    {
      FerryProject *mine = ferry_project_model_get_project (model);
      FerryProject *listed = ferry_workspace_find_project (self, id);
      guint position;

      if (listed == NULL || listed == mine)
        continue;
      ferry_resource_update_from (FERRY_RESOURCE (mine), FERRY_RESOURCE (listed));
      if (g_list_store_find (self->projects, listed, &position))
        g_list_store_splice (self->projects, position, 1, (gpointer *) &mine, 1);
    }
}

static void
fill_model_from_cache (FerryWorkspace    *self,
                       FerryProjectModel *model)
{
  const char *id = ferry_resource_get_id (FERRY_RESOURCE (ferry_project_model_get_project (model)));

  if (!self->cache_loaded)
    return;

  ferry_project_model_fill_from_cache (model,
                                       ferry_cache_get_syncs (self->cache, id),
                                       ferry_cache_get_connections (self->cache, id));
}

static void
cache_load_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(FerryWorkspace) self = user_data;
  g_autoptr(GError) error = NULL;
  GListModel *projects;
  GHashTableIter iter;
  gpointer model;

  /* The read ran to its end in its thread: a workspace disposed meanwhile takes nothing. */
  if (!ferry_cache_load_finish (FERRY_CACHE (object), result, &error) ||
      g_cancellable_is_cancelled (self->cancellable))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          g_cancellable_is_cancelled (self->cancellable))
        return;
      self->cache_loaded = TRUE;
      /* Nothing to show, nothing lost: the next save replaces an unusable file. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_debug ("Ignoring the offline cache %s: %s", ferry_cache_get_path (self->cache), error->message);
      return;
    }
  self->cache_loaded = TRUE;

  projects = ferry_cache_get_projects (self->cache);
  if (projects != NULL && !self->projects_answered)
    {
      ferry_resource_store_merge (self->projects, projects);
      update_model_projects (self);
      set_cached_at (self, ferry_cache_get_saved_at (self->cache));
      /* The server already failed to answer: that is what offline means. */
      set_offline (self, is_unreachable (self->projects_error));
      set_projects_state (self, FERRY_LOAD_STATE_READY);
    }

  g_hash_table_iter_init (&iter, self->models);
  while (g_hash_table_iter_next (&iter, NULL, &model))
    fill_model_from_cache (self, model);
}

/* A model's sync list changed: once the server has answered it, it is worth keeping. */
static void
model_syncs_changed_cb (FerryWorkspace    *self,
                        FerryProjectModel *model)
{
  if (model->syncs_answered == 0 || model->shut_down)
    return;

  ferry_cache_set_syncs (self->cache,
                         ferry_resource_get_id (FERRY_RESOURCE (ferry_project_model_get_project (model))),
                         ferry_project_model_get_syncs (model));
  ferry_cache_queue_save (self->cache);
}

void
ferry_workspace_cache_connections (FerryWorkspace    *self,
                                   FerryProjectModel *model)
{
  g_return_if_fail (FERRY_IS_WORKSPACE (self));

  ferry_cache_set_connections (self->cache,
                               ferry_resource_get_id (FERRY_RESOURCE (ferry_project_model_get_project (model))),
                               ferry_project_model_get_connections (model));
  ferry_cache_queue_save (self->cache);
}

static void
cache_delete_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!ferry_cache_delete_finish (FERRY_CACHE (object), result, &error))
    g_warning ("Could not delete the offline cache %s: %s",
               ferry_cache_get_path (FERRY_CACHE (object)), error->message);
}

static void
list_projects_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(FerryWorkspace) self = user_data;
  g_autoptr(GListStore) fresh = NULL;
  g_autoptr(GError) error = NULL;

  fresh = ferry_api_client_list_projects_finish (FERRY_API_CLIENT (object), result, &error);
  self->projects_loading = FALSE;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (fresh == NULL)
    {
      ferry_workspace_check_error (self, error);
      if (self->cached_at != 0)
        set_offline (self, is_unreachable (error));
      set_projects_error (self, error);
      if (self->projects_state != FERRY_LOAD_STATE_READY)
        set_projects_state (self, FERRY_LOAD_STATE_ERROR);
      return;
    }

  /* A machine identity's token rarely names its organization; its projects do (the
   * sign-in leaves this to the first list, src/auth/ferry-session-signin.c). The account
   * store saves the change. */
  if (ferry_account_get_organization_id (ferry_workspace_get_account (self)) == NULL &&
      g_list_model_get_n_items (G_LIST_MODEL (fresh)) > 0)
    {
      g_autoptr(FerryProject) first = g_list_model_get_item (G_LIST_MODEL (fresh), 0);

      ferry_account_set_organization_id (ferry_workspace_get_account (self), ferry_project_get_org_id (first));
    }

  /* In place: the project models keep their FerryProject, now with fresh fields. */
  self->projects_answered = TRUE;
  ferry_resource_store_merge (self->projects, G_LIST_MODEL (fresh));
  update_model_projects (self);
  ferry_cache_set_projects (self->cache, G_LIST_MODEL (self->projects));
  ferry_cache_queue_save (self->cache);
  g_object_freeze_notify (G_OBJECT (self));
  set_offline (self, FALSE);
  set_cached_at (self, 0);
  set_projects_error (self, NULL);
  set_projects_state (self, FERRY_LOAD_STATE_READY);
  g_object_thaw_notify (G_OBJECT (self));
}

void
ferry_workspace_refresh_projects (FerryWorkspace *self)
{
  g_return_if_fail (FERRY_IS_WORKSPACE (self));

  if (self->projects_loading)
    return;

  self->projects_loading = TRUE;
  if (self->projects_state != FERRY_LOAD_STATE_READY)
    set_projects_state (self, FERRY_LOAD_STATE_LOADING);

  ferry_api_client_list_projects_async (ferry_workspace_get_client (self), self->cancellable,
                                        list_projects_cb, g_object_ref (self));
}

FerryProject *
ferry_workspace_find_project (FerryWorkspace *self,
                              const char     *project_id)
{
  g_return_val_if_fail (FERRY_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (project_id != NULL, NULL);

  return ferry_resource_find_by_id (G_LIST_MODEL (self->projects), project_id);
}

FerryProjectModel *
ferry_workspace_get_project_model (FerryWorkspace *self,
                                   FerryProject   *project)
{
  const char *id;
  FerryProjectModel *model;

  g_return_val_if_fail (FERRY_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (FERRY_IS_PROJECT (project), NULL);

  id = ferry_resource_get_id (FERRY_RESOURCE (project));
  model = g_hash_table_lookup (self->models, id);
  if (model == NULL)
    {
      FerryProject *listed = ferry_workspace_find_project (self, id);

      /* The listed object, so the model's project is refreshed with the list. */
      model = ferry_project_model_new (self, listed != NULL ? listed : project);
      g_hash_table_insert (self->models, g_strdup (id), model);
      g_signal_connect_object (model, "syncs-changed", G_CALLBACK (model_syncs_changed_cb),
                               self, G_CONNECT_SWAPPED);
      fill_model_from_cache (self, model);
    }

  return model;
}

void
ferry_workspace_prefetch (FerryWorkspace *self,
                          const char     *project_id)
{
  g_autoptr(FerryProject) bare = NULL;
  FerryProject *project;
  FerryProjectModel *model;

  g_return_if_fail (FERRY_IS_WORKSPACE (self));
  g_return_if_fail (project_id != NULL);

  project = ferry_workspace_find_project (self, project_id);
  if (project == NULL)
    {
      /* Filled in when the list (or the cache) has it: update_model_projects (). */
      bare = g_object_new (FERRY_TYPE_PROJECT, "id", project_id, NULL);
      project = bare;
    }

  model = ferry_workspace_get_project_model (self, project);
  if (ferry_project_model_get_syncs_state (model) == FERRY_LOAD_STATE_IDLE)
    ferry_project_model_refresh (model);
  if (ferry_project_model_get_connections_state (model) == FERRY_LOAD_STATE_IDLE)
    ferry_project_model_refresh_connections (model);
}

/* ---- Session ---- */

static void
session_state_cb (FerryWorkspace *self)
{
  GHashTableIter iter;
  gpointer model;

  /* Signed out: the account is gone, and so is what Ferry kept of it. */
  if (ferry_session_get_state (self->session) == FERRY_SESSION_STATE_SIGNED_OUT)
    {
      set_offline (self, FALSE);
      ferry_cache_delete_async (self->cache, NULL, cache_delete_cb, NULL);
      return;
    }
  if (ferry_session_get_state (self->session) != FERRY_SESSION_STATE_ACTIVE)
    return;

  /* Timers skip their requests while the session is not active: catch up now. */
  g_hash_table_iter_init (&iter, self->models);
  while (g_hash_table_iter_next (&iter, NULL, &model))
    ferry_project_model_resume (model);
}

/* ---- GObject ---- */

static void
ferry_workspace_constructed (GObject *object)
{
  FerryWorkspace *self = FERRY_WORKSPACE (object);

  G_OBJECT_CLASS (ferry_workspace_parent_class)->constructed (object);

  g_assert (FERRY_IS_SESSION (self->session));
  self->state_id = g_signal_connect_object (self->session, "notify::state",
                                            G_CALLBACK (session_state_cb), self, G_CONNECT_SWAPPED);

  self->cache = ferry_cache_new (ferry_account_get_id (ferry_session_get_account (self->session)));
  ferry_cache_load_async (self->cache, self->cancellable, cache_load_cb, g_object_ref (self));
}

static void
ferry_workspace_dispose (GObject *object)
{
  FerryWorkspace *self = FERRY_WORKSPACE (object);
  GHashTableIter iter;
  gpointer model;

  /* What the server last answered is saved even when Ferry closes (or the account's
   * window goes) within a second of it, while the lists are still whole. */
  if (self->cache != NULL)
    ferry_cache_flush (self->cache);
  g_cancellable_cancel (self->cancellable);
  if (self->models != NULL)
    {
      /* Views may still hold a model: it stops, and its operations say "signed out". */
      g_hash_table_iter_init (&iter, self->models);
      while (g_hash_table_iter_next (&iter, NULL, &model))
        ferry_project_model_shutdown (model);
      g_clear_pointer (&self->models, g_hash_table_unref);
    }
  if (self->session != NULL)
    g_clear_signal_handler (&self->state_id, self->session);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (ferry_workspace_parent_class)->dispose (object);
}

static void
ferry_workspace_finalize (GObject *object)
{
  FerryWorkspace *self = FERRY_WORKSPACE (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->traits);
  g_clear_object (&self->cache);
  g_clear_object (&self->projects);
  g_clear_error (&self->projects_error);

  G_OBJECT_CLASS (ferry_workspace_parent_class)->finalize (object);
}

static void
ferry_workspace_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  FerryWorkspace *self = FERRY_WORKSPACE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_PROJECTS:
      g_value_set_object (value, self->projects);
      break;
    case PROP_PROJECTS_STATE:
      g_value_set_enum (value, self->projects_state);
      break;
    case PROP_PROJECTS_ERROR:
      g_value_set_boxed (value, self->projects_error);
      break;
    case PROP_CACHED_AT:
      g_value_set_int64 (value, self->cached_at);
      break;
    case PROP_OFFLINE:
      g_value_set_boolean (value, self->offline);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_workspace_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  FerryWorkspace *self = FERRY_WORKSPACE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_workspace_class_init (FerryWorkspaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = ferry_workspace_constructed;
  object_class->dispose = ferry_workspace_dispose;
  object_class->finalize = ferry_workspace_finalize;
  object_class->get_property = ferry_workspace_get_property;
  object_class->set_property = ferry_workspace_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, FERRY_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROJECTS] =
    g_param_spec_object ("projects", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  properties[PROP_PROJECTS_STATE] =
    g_param_spec_enum ("projects-state", NULL, NULL, FERRY_TYPE_LOAD_STATE, FERRY_LOAD_STATE_IDLE, ro);
  properties[PROP_PROJECTS_ERROR] =
    g_param_spec_boxed ("projects-error", NULL, NULL, G_TYPE_ERROR, ro);
  properties[PROP_CACHED_AT] =
    g_param_spec_int64 ("cached-at", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_OFFLINE] =
    g_param_spec_boolean ("offline", NULL, NULL, FALSE, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ferry_workspace_init (FerryWorkspace *self)
{
  self->cancellable = g_cancellable_new ();
  self->projects = g_list_store_new (FERRY_TYPE_PROJECT);
  self->models = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}
