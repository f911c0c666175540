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
  gulong          state_id;
};

G_DEFINE_FINAL_TYPE (FerryWorkspace, ferry_workspace, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_PROJECTS,
  PROP_PROJECTS_STATE,
  PROP_PROJECTS_ERROR,
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

static void
list_projects_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(FerryWorkspace) self = user_data;
  g_autoptr(GListStore) fresh = NULL;
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer id, model;

  fresh = ferry_api_client_list_projects_finish (FERRY_API_CLIENT (object), result, &error);
  self->projects_loading = FALSE;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (fresh == NULL)
    {
      ferry_workspace_check_error (self, error);
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
  ferry_resource_store_merge (self->projects, G_LIST_MODEL (fresh));
  g_hash_table_iter_init (&iter, self->models);
  while (g_hash_table_iter_next (&iter, &id, &model))
    {
      FerryProject *mine = ferry_project_model_get_project (model);
      FerryProject *listed = ferry_workspace_find_project (self, id);

      /* A model made for a project before the list had it. */
      if (listed != NULL && listed != mine)
        ferry_resource_update_from (FERRY_RESOURCE (mine), FERRY_RESOURCE (listed));
    }
  set_projects_error (self, NULL);
  set_projects_state (self, FERRY_LOAD_STATE_READY);
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
    }

  return model;
}

/* ---- Session ---- */

static void
session_state_cb (FerryWorkspace *self)
{
  GHashTableIter iter;
  gpointer model;

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
}

static void
ferry_workspace_dispose (GObject *object)
{
  FerryWorkspace *self = FERRY_WORKSPACE (object);
  GHashTableIter iter;
  gpointer model;

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
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ferry_workspace_init (FerryWorkspace *self)
{
  self->cancellable = g_cancellable_new ();
  self->projects = g_list_store_new (FERRY_TYPE_PROJECT);
  self->models = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}
