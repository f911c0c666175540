/* ferry-project-model.c: the object, its holds and the coalesced "syncs-changed".
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Syncs page, the Connections page and the assistant each used to fetch and keep their
 * own copy of a project's syncs and connections (src/ui/ferry-syncs-page.c held the store,
 * the timers and the jobs it followed). A FerryProjectModel is that state once per project,
 * made by FerryWorkspace, so every view shows the same objects and the server is asked once.
 * The syncs live in ferry-project-model-syncs.c, the connections in
 * ferry-project-model-connections.c (see ferry-project-model-private.h).
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ferry-api-error.h"
#include "ferry-project-model-private.h"

G_DEFINE_FINAL_TYPE (FerryProjectModel, ferry_project_model, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROJECT,
  PROP_WORKSPACE,
  PROP_SYNCS,
  PROP_SYNCS_STATE,
  PROP_SYNCS_ERROR,
  PROP_CONNECTIONS,
  PROP_CONNECTIONS_STATE,
  PROP_CONNECTIONS_ERROR,
  PROP_REFRESH_INTERVAL,
  PROP_CURRENT_INTERVAL,
  N_PROPS
};

enum {
  SYNC_SETTLED,
  SYNCS_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---- Connection credentials ---- */

G_DEFINE_BOXED_TYPE (FerryConnectionCredentials, ferry_connection_credentials,
                     ferry_connection_credentials_copy, ferry_connection_credentials_free)

FerryConnectionCredentials *
ferry_connection_credentials_new (FerryConnectionMethod method)
{
  FerryConnectionCredentials *credentials = g_new0 (FerryConnectionCredentials, 1);

  credentials->method = method;

  return credentials;
}

FerryConnectionCredentials *
ferry_connection_credentials_copy (const FerryConnectionCredentials *credentials)
{
  FerryConnectionCredentials *copy;

  g_return_val_if_fail (credentials != NULL, NULL);

  copy = ferry_connection_credentials_new (credentials->method);
  copy->org_name = g_strdup (credentials->org_name);
  copy->access_token = g_strdup (credentials->access_token);
  copy->tenant_id = g_strdup (credentials->tenant_id);
  copy->client_id = g_strdup (credentials->client_id);
  copy->client_secret = g_strdup (credentials->client_secret);

  return copy;
}

/* explicit_bzero: a plain memset before free may be optimised away. */
static void
wipe_string (char **secret)
{
  if (*secret != NULL)
    {
      explicit_bzero (*secret, strlen (*secret));
      g_clear_pointer (secret, g_free);
    }
}

void
ferry_connection_credentials_free (FerryConnectionCredentials *credentials)
{
  if (credentials == NULL)
    return;

  wipe_string (&credentials->access_token);
  wipe_string (&credentials->client_secret);
  g_free (credentials->org_name);
  g_free (credentials->tenant_id);
  g_free (credentials->client_id);
  g_free (credentials);
}

/* ---- Shared with the other parts ---- */

FerryApiClient *
ferry_project_model_get_client (FerryProjectModel  *self,
                                GError            **error)
{
  if (self->workspace == NULL || self->shut_down ||
      ferry_session_get_state (ferry_workspace_get_session (self->workspace)) == FERRY_SESSION_STATE_SIGNED_OUT)
    {
      g_set_error_literal (error, FERRY_API_ERROR, FERRY_API_ERROR_UNAUTHORIZED,
                           _("You are signed out. Sign in again, then try again."));
      return NULL;
    }

  return ferry_workspace_get_client (self->workspace);
}

gboolean
ferry_project_model_session_active (FerryProjectModel *self)
{
  return self->workspace != NULL && !self->shut_down &&
         ferry_session_get_state (ferry_workspace_get_session (self->workspace)) == FERRY_SESSION_STATE_ACTIVE;
}

gboolean
ferry_project_model_check_error (FerryProjectModel *self,
                                 const GError      *error)
{
  if (self->workspace == NULL)
    return FALSE;

  return ferry_workspace_check_error (self->workspace, error);
}

static void
set_error_prop (FerryProjectModel *self,
                GError           **slot,
                const GError      *error,
                guint              prop)
{
  /* Every new failure is notified (views may say each one); a repeated NULL is not. */
  if (*slot == NULL && error == NULL)
    return;

  g_clear_error (slot);
  if (error != NULL)
    *slot = g_error_copy (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

void
ferry_project_model_set_syncs_state (FerryProjectModel *self,
                                     FerryLoadState     state)
{
  if (self->syncs_state == state)
    return;

  self->syncs_state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNCS_STATE]);
}

void
ferry_project_model_set_syncs_error (FerryProjectModel *self,
                                     const GError      *error)
{
  set_error_prop (self, &self->syncs_error, error, PROP_SYNCS_ERROR);
}

void
ferry_project_model_set_connections_state (FerryProjectModel *self,
                                           FerryLoadState     state)
{
  if (self->connections_state == state)
    return;

  self->connections_state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTIONS_STATE]);
}

void
ferry_project_model_set_connections_error (FerryProjectModel *self,
                                           const GError      *error)
{
  set_error_prop (self, &self->connections_error, error, PROP_CONNECTIONS_ERROR);
}

void
ferry_project_model_notify_current_interval (FerryProjectModel *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_INTERVAL]);
}

gboolean
ferry_project_model_propagate_boolean (FerryProjectModel  *self,
                                       GAsyncResult       *result,
                                       gpointer            source_tag,
                                       GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gpointer
ferry_project_model_propagate_pointer (FerryProjectModel  *self,
                                       GAsyncResult       *result,
                                       gpointer            source_tag,
                                       GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
ferry_project_model_emit_settled (FerryProjectModel  *self,
                                  FerrySync          *sync,
                                  FerrySyncOperation  operation,
                                  gboolean            deleted)
{
  g_signal_emit (self, signals[SYNC_SETTLED], 0, sync, operation, deleted);
}

/* ---- "syncs-changed" ---- */

static void queue_syncs_changed (FerryProjectModel *self);

static void
sync_notify_cb (FerryProjectModel *self)
{
  queue_syncs_changed (self);
}

/* Connects notify on the syncs now in the store and drops the ones that left it. Runs once
 * per coalesced emission, so a merge that moves many rows costs one pass. */
static void
rewatch_syncs (FerryProjectModel *self)
{
  g_autoptr(GHashTable) present = g_hash_table_new (NULL, NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->syncs));
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FerrySync) sync = g_list_model_get_item (G_LIST_MODEL (self->syncs), i);

      g_hash_table_add (present, sync);
      if (!g_hash_table_contains (self->watched, sync))
        {
          /* Not g_signal_connect_object (): dispose disconnects every handler in
           * @watched, and watching the model from 10,000 closures made both this loop
           * and the model's disposal slow (each closure is listed on the model). */
          gulong id = g_signal_connect_swapped (sync, "notify", G_CALLBACK (sync_notify_cb), self);

          g_hash_table_insert (self->watched, g_object_ref (sync), GSIZE_TO_POINTER (id));
        }
    }

  g_hash_table_iter_init (&iter, self->watched);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (g_hash_table_contains (present, key))
        continue;
      g_signal_handler_disconnect (key, GPOINTER_TO_SIZE (value));
      g_hash_table_iter_remove (&iter);
    }
}

static gboolean
syncs_changed_cb (gpointer user_data)
{
  FerryProjectModel *self = user_data;

  self->changed_source = 0;
  rewatch_syncs (self);
  g_signal_emit (self, signals[SYNCS_CHANGED], 0);

  return G_SOURCE_REMOVE;
}

static void
queue_syncs_changed (FerryProjectModel *self)
{
  if (self->changed_source != 0)
    return;

  /* Before GTK's layout and paint (G_PRIORITY_HIGH_IDLE + 10 and later). */
  self->changed_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, syncs_changed_cb, self, NULL);
}

static void
syncs_items_changed_cb (GListModel        *store,
                        guint              position,
                        guint              removed,
                        guint              added,
                        FerryProjectModel *self)
{
  /* Before any view's handler runs: a row bound to a new sync finds its history. */
  ferry_project_model_attach_histories (self, position, added);
  queue_syncs_changed (self);
}

/* ---- Holds and intervals ---- */

void
ferry_project_model_hold (FerryProjectModel *self)
{
  g_return_if_fail (FERRY_IS_PROJECT_MODEL (self));

  if (self->holds++ > 0)
    return;

  ferry_project_model_catch_up (self);
}

void
ferry_project_model_release (FerryProjectModel *self)
{
  g_return_if_fail (FERRY_IS_PROJECT_MODEL (self));
  g_return_if_fail (self->holds > 0);

  if (--self->holds > 0)
    return;

  /* Polls of followed operations go on; the periodic refresh stops. */
  g_clear_handle_id (&self->refresh_source, g_source_remove);
}

guint
ferry_project_model_get_refresh_interval (FerryProjectModel *self)
{
  g_return_val_if_fail (FERRY_IS_PROJECT_MODEL (self), 0);

  return self->refresh_interval;
}

void
ferry_project_model_set_refresh_interval (FerryProjectModel *self,
                                          guint              seconds)
{
  g_return_if_fail (FERRY_IS_PROJECT_MODEL (self));
  g_return_if_fail (seconds > 0);

  if (self->refresh_interval == seconds && self->current_interval == seconds)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  if (self->refresh_interval != seconds)
    {
      self->refresh_interval = seconds;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFRESH_INTERVAL]);
    }
  if (self->current_interval != seconds)
    {
      self->current_interval = seconds;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_INTERVAL]);
    }
  g_object_thaw_notify (G_OBJECT (self));

  if (self->refresh_source != 0)
    ferry_project_model_schedule_refresh (self, self->current_interval);
}

guint
ferry_project_model_get_current_interval (FerryProjectModel *self)
{
  g_return_val_if_fail (FERRY_IS_PROJECT_MODEL (self), 0);

  return self->current_interval;
}

/* ---- Workspace ---- */

FerryProjectModel *
ferry_project_model_new (FerryWorkspace *workspace,
                         FerryProject   *project)
{
  g_return_val_if_fail (FERRY_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (FERRY_IS_PROJECT (project), NULL);

  return g_object_new (FERRY_TYPE_PROJECT_MODEL,
                       "workspace", workspace,
                       "project", project,
                       NULL);
}

void
ferry_project_model_shutdown (FerryProjectModel *self)
{
  g_return_if_fail (FERRY_IS_PROJECT_MODEL (self));

  if (self->shut_down)
    return;

  self->shut_down = TRUE;
  g_cancellable_cancel (self->cancellable);
  ferry_project_model_syncs_stop (self);
}

void
ferry_project_model_resume (FerryProjectModel *self)
{
  g_return_if_fail (FERRY_IS_PROJECT_MODEL (self));

  if (self->shut_down)
    return;

  if (self->holds > 0)
    ferry_project_model_catch_up (self);
  ferry_project_model_schedule_poll (self);
}

FerryProject *
ferry_project_model_get_project (FerryProjectModel *self)
{
  g_return_val_if_fail (FERRY_IS_PROJECT_MODEL (self), NULL);

  return self->project;
}

gpointer
ferry_project_model_get_workspace (FerryProjectModel *self)
{
  g_return_val_if_fail (FERRY_IS_PROJECT_MODEL (self), NULL);

  return self->workspace;
}

GListModel *
ferry_project_model_get_syncs (FerryProjectModel *self)
{
  g_return_val_if_fail (FERRY_IS_PROJECT_MODEL (self), NULL);

  return G_LIST_MODEL (self->syncs);
}

FerryLoadState
ferry_project_model_get_syncs_state (FerryProjectModel *self)
{
  g_return_val_if_fail (FERRY_IS_PROJECT_MODEL (self), FERRY_LOAD_STATE_IDLE);

  return self->syncs_state;
}

const GError *
ferry_project_model_get_syncs_error (FerryProjectModel *self)
{
  g_return_val_if_fail (FERRY_IS_PROJECT_MODEL (self), NULL);

  return self->syncs_error;
}

GListModel *
ferry_project_model_get_connections (FerryProjectModel *self)
{
  g_return_val_if_fail (FERRY_IS_PROJECT_MODEL (self), NULL);

  return G_LIST_MODEL (self->connections);
}

FerryLoadState
ferry_project_model_get_connections_state (FerryProjectModel *self)
{
  g_return_val_if_fail (FERRY_IS_PROJECT_MODEL (self), FERRY_LOAD_STATE_IDLE);

  return self->connections_state;
}

const GError *
ferry_project_model_get_connections_error (FerryProjectModel *self)
{
  g_return_val_if_fail (FERRY_IS_PROJECT_MODEL (self), NULL);

  return self->connections_error;
}

/* ---- GObject ---- */

static void
ferry_project_model_dispose (GObject *object)
{
  FerryProjectModel *self = FERRY_PROJECT_MODEL (object);

  ferry_project_model_shutdown (self);
  ferry_project_model_history_dispose (self);
  g_clear_handle_id (&self->changed_source, g_source_remove);
  if (self->watched != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, self->watched);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_signal_handler_disconnect (key, GPOINTER_TO_SIZE (value));
      g_hash_table_remove_all (self->watched);
    }
  if (self->workspace != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->workspace), (gpointer *) &self->workspace);
      self->workspace = NULL;
    }

  G_OBJECT_CLASS (ferry_project_model_parent_class)->dispose (object);
}

static void
ferry_project_model_finalize (GObject *object)
{
  FerryProjectModel *self = FERRY_PROJECT_MODEL (object);

  ferry_project_model_syncs_finalize (self);
  g_clear_pointer (&self->watched, g_hash_table_unref);
  g_clear_object (&self->syncs);
  g_clear_error (&self->syncs_error);
  g_clear_object (&self->connections);
  g_clear_error (&self->connections_error);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (ferry_project_model_parent_class)->finalize (object);
}

static void
ferry_project_model_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  FerryProjectModel *self = FERRY_PROJECT_MODEL (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      g_value_set_object (value, self->project);
      break;
    case PROP_WORKSPACE:
      g_value_set_object (value, self->workspace);
      break;
    case PROP_SYNCS:
      g_value_set_object (value, self->syncs);
      break;
    case PROP_SYNCS_STATE:
      g_value_set_enum (value, self->syncs_state);
      break;
    case PROP_SYNCS_ERROR:
      g_value_set_boxed (value, self->syncs_error);
      break;
    case PROP_CONNECTIONS:
      g_value_set_object (value, self->connections);
      break;
    case PROP_CONNECTIONS_STATE:
      g_value_set_enum (value, self->connections_state);
      break;
    case PROP_CONNECTIONS_ERROR:
      g_value_set_boxed (value, self->connections_error);
      break;
    case PROP_REFRESH_INTERVAL:
      g_value_set_uint (value, self->refresh_interval);
      break;
    case PROP_CURRENT_INTERVAL:
      g_value_set_uint (value, self->current_interval);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_project_model_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  FerryProjectModel *self = FERRY_PROJECT_MODEL (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      self->project = g_value_dup_object (value);
      break;
    case PROP_WORKSPACE:
      self->workspace = g_value_get_object (value);
      if (self->workspace != NULL)
        g_object_add_weak_pointer (G_OBJECT (self->workspace), (gpointer *) &self->workspace);
      break;
    case PROP_REFRESH_INTERVAL:
      ferry_project_model_set_refresh_interval (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_project_model_class_init (FerryProjectModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = ferry_project_model_dispose;
  object_class->finalize = ferry_project_model_finalize;
  object_class->get_property = ferry_project_model_get_property;
  object_class->set_property = ferry_project_model_set_property;

  properties[PROP_PROJECT] =
    g_param_spec_object ("project", NULL, NULL, FERRY_TYPE_PROJECT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WORKSPACE] =
    g_param_spec_object ("workspace", NULL, NULL, FERRY_TYPE_WORKSPACE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SYNCS] =
    g_param_spec_object ("syncs", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  properties[PROP_SYNCS_STATE] =
    g_param_spec_enum ("syncs-state", NULL, NULL, FERRY_TYPE_LOAD_STATE, FERRY_LOAD_STATE_IDLE, ro);
  properties[PROP_SYNCS_ERROR] =
    g_param_spec_boxed ("syncs-error", NULL, NULL, G_TYPE_ERROR, ro);
  properties[PROP_CONNECTIONS] =
    g_param_spec_object ("connections", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  properties[PROP_CONNECTIONS_STATE] =
    g_param_spec_enum ("connections-state", NULL, NULL, FERRY_TYPE_LOAD_STATE, FERRY_LOAD_STATE_IDLE, ro);
  properties[PROP_CONNECTIONS_ERROR] =
    g_param_spec_boxed ("connections-error", NULL, NULL, G_TYPE_ERROR, ro);
  properties[PROP_REFRESH_INTERVAL] =
    g_param_spec_uint ("refresh-interval", NULL, NULL, 1, G_MAXUINT, FERRY_PROJECT_MODEL_REFRESH_S,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CURRENT_INTERVAL] =
    g_param_spec_uint ("current-interval", NULL, NULL, 1, G_MAXUINT, FERRY_PROJECT_MODEL_REFRESH_S, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FerryProjectModel::sync-settled:
   * @sync: the store's sync (already out of the store when @deleted)
   * @operation: the FerrySyncOperation that was followed
   * @deleted: whether the sync is gone
   */
  signals[SYNC_SETTLED] =
    g_signal_new ("sync-settled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                  FERRY_TYPE_SYNC, FERRY_TYPE_SYNC_OPERATION, G_TYPE_BOOLEAN);
  /**
   * FerryProjectModel::syncs-changed:
   *
   * A sync was added, removed or changed; once per main-loop dispatch however many.
   */
  signals[SYNCS_CHANGED] =
    g_signal_new ("syncs-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ferry_project_model_init (FerryProjectModel *self)
{
  self->cancellable = g_cancellable_new ();
  self->syncs = g_list_store_new (FERRY_TYPE_SYNC);
  self->connections = g_list_store_new (FERRY_TYPE_CONNECTION);
  self->refresh_interval = FERRY_PROJECT_MODEL_REFRESH_S;
  self->current_interval = FERRY_PROJECT_MODEL_REFRESH_S;
  self->watched = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);

  ferry_project_model_history_init (self);
  g_signal_connect_object (self->syncs, "items-changed", G_CALLBACK (syncs_items_changed_cb),
                           self, 0);
  ferry_project_model_syncs_init (self);
}
