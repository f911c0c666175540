/* ferry-handoff-flow.c
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ferry-handoff"

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-handoff-flow.h"
#include "ferry-oauth-flow.h"

struct _FerryHandoffFlow
{
  GObject         parent_instance;

  FerryApiClient *client;
  char           *name;
  char           *project_id;
  char           *connection_id;   /* reconnecting */
  char           *organization_id;
  guint           poll_interval;
  guint           time_limit;

  GTask          *task;
  GHashTable     *known_ids;       /* ids present before the page opened */
  char           *known_hash;      /* reconnecting: credentialsHash, version, updatedAt before */
  GSource        *poll_source;
  GSource        *limit_source;
  GSource        *cancel_source;
  gboolean        listing;
};

G_DEFINE_FINAL_TYPE (FerryHandoffFlow, ferry_handoff_flow, G_TYPE_OBJECT)

static void poll_now (FerryHandoffFlow *self);

static void
set_string (char       **field,
            const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*field);
  *field = copy;
}

static void
clear_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

static void
stop (FerryHandoffFlow *self)
{
  clear_source (&self->poll_source);
  clear_source (&self->limit_source);
  clear_source (&self->cancel_source);
}

static void
finish (FerryHandoffFlow *self,
        FerryConnection  *connection,
        GError           *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);

  stop (self);

  if (task == NULL)
    {
      g_clear_error (&error);
      return;
    }

  if (connection != NULL)
    g_task_return_pointer (task, g_object_ref (connection), g_object_unref);
  else
    g_task_return_error (task, error);
}

static char *
fingerprint (FerryConnection *connection)
{
  GDateTime *updated = ferry_connection_get_updated_at (connection);
  g_autofree char *updated_text = updated != NULL ? g_date_time_format_iso8601 (updated) : NULL;

  const char *hash = ferry_connection_get_credentials_hash (connection);

  return g_strdup_printf ("%s|%d|%s",
                          hash != NULL ? hash : "",
                          ferry_connection_get_version (connection),
                          updated_text != NULL ? updated_text : "");
}

static FerryConnection *
find_result (FerryHandoffFlow *self,
             GListModel       *connections)
{
  guint n = g_list_model_get_n_items (connections);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FerryConnection) connection = g_list_model_get_item (connections, i);
      const char *id = ferry_resource_get_id (FERRY_RESOURCE (connection));

      if (self->connection_id != NULL)
        {
          g_autofree char *now = NULL;

          if (g_strcmp0 (id, self->connection_id) != 0)
            continue;
          now = fingerprint (connection);
          if (g_strcmp0 (now, self->known_hash) != 0)
            return g_steal_pointer (&connection);
        }
      else if (g_strcmp0 (ferry_connection_get_name (connection), self->name) == 0 &&
               !g_hash_table_contains (self->known_ids, id))
        {
          return g_steal_pointer (&connection);
        }
    }

  return NULL;
}

static gboolean
is_transient (const GError *error)
{
  return g_error_matches (error, FERRY_API_ERROR, FERRY_API_ERROR_NETWORK) ||
         g_error_matches (error, FERRY_API_ERROR, FERRY_API_ERROR_TIMEOUT) ||
         g_error_matches (error, FERRY_API_ERROR, FERRY_API_ERROR_SERVER) ||
         g_error_matches (error, FERRY_API_ERROR, FERRY_API_ERROR_RATE_LIMITED);
}

static gboolean
poll_cb (gpointer user_data)
{
  FerryHandoffFlow *self = user_data;

  g_clear_pointer (&self->poll_source, g_source_unref);
  poll_now (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_poll (FerryHandoffFlow *self)
{
  clear_source (&self->poll_source);
  self->poll_source = g_timeout_source_new (self->poll_interval);
  g_source_set_callback (self->poll_source, poll_cb, self, NULL);
  g_source_set_static_name (self->poll_source, "[ferry] hand-off poll");
  g_source_attach (self->poll_source, g_main_context_get_thread_default ());
}

static void
poll_list_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(FerryHandoffFlow) self = user_data;
  g_autoptr(GListStore) connections = NULL;
  g_autoptr(FerryConnection) found = NULL;
  g_autoptr(GError) error = NULL;

  self->listing = FALSE;
  connections = ferry_api_client_list_connections_finish (FERRY_API_CLIENT (object), result, &error);

  if (self->task == NULL)
    return;

  if (connections == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      if (!is_transient (error))
        {
          finish (self, NULL, g_steal_pointer (&error));
          return;
        }
      g_debug ("Polling the connections failed, trying again: %s", error->message);
    }
  else if ((found = find_result (self, G_LIST_MODEL (connections))) != NULL)
    {
      finish (self, found, NULL);
      return;
    }

  schedule_poll (self);
}

static void
poll_now (FerryHandoffFlow *self)
{
  if (self->task == NULL || self->listing)
    return;

  self->listing = TRUE;
  ferry_api_client_list_connections_async (self->client, self->project_id,
                                           g_task_get_cancellable (self->task),
                                           poll_list_cb, g_object_ref (self));
}

static void
open_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(FerryHandoffFlow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!ferry_uri_opener_open_finish (FERRY_URI_OPENER (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    finish (self, NULL, g_steal_pointer (&error));
}

static gboolean
limit_cb (gpointer user_data)
{
  FerryHandoffFlow *self = user_data;

  g_clear_pointer (&self->limit_source, g_source_unref);
  finish (self, NULL,
          g_error_new_literal (FERRY_AUTH_ERROR, FERRY_AUTH_ERROR_TIMED_OUT,
                               self->connection_id != NULL
                               ? _("The connection was not reconnected in the web page in time. Try again.")
                               : _("No new connection with this name appeared in the web page in time. Try again.")));

  return G_SOURCE_REMOVE;
}

static gboolean
cancelled_cb (GCancellable *cancellable,
              gpointer      user_data)
{
  FerryHandoffFlow *self = user_data;

  g_clear_pointer (&self->cancel_source, g_source_unref);
  finish (self, NULL, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                           _("The operation was cancelled.")));

  return G_SOURCE_REMOVE;
}

static void
snapshot_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FerryHandoffFlow *self = g_task_get_source_object (task);
  g_autoptr(GListStore) connections = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  gboolean found_target = FALSE;
  guint n;

  connections = ferry_api_client_list_connections_finish (FERRY_API_CLIENT (object), result, &error);
  if (connections == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* What exists now does not count as the result. */
  n = g_list_model_get_n_items (G_LIST_MODEL (connections));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FerryConnection) connection = g_list_model_get_item (G_LIST_MODEL (connections), i);
      const char *id = ferry_resource_get_id (FERRY_RESOURCE (connection));

      g_hash_table_add (self->known_ids, g_strdup (id));
      if (self->connection_id != NULL && g_strcmp0 (id, self->connection_id) == 0)
        {
          g_free (self->known_hash);
          self->known_hash = fingerprint (connection);
          found_target = TRUE;
        }
    }

  if (self->connection_id != NULL && !found_target)
    {
      g_task_return_new_error (task, FERRY_API_ERROR, FERRY_API_ERROR_NOT_FOUND, "%s",
                               _("The connection to reconnect no longer exists. Reload the list of connections."));
      return;
    }

  self->task = g_steal_pointer (&task);

  self->limit_source = g_timeout_source_new_seconds (self->time_limit);
  g_source_set_callback (self->limit_source, limit_cb, self, NULL);
  g_source_set_static_name (self->limit_source, "[ferry] hand-off time limit");
  g_source_attach (self->limit_source, g_main_context_get_thread_default ());

  if (g_task_get_cancellable (self->task) != NULL)
    {
      self->cancel_source = g_cancellable_source_new (g_task_get_cancellable (self->task));
      g_source_set_callback (self->cancel_source, (GSourceFunc) (void (*) (void)) cancelled_cb, self, NULL);
      g_source_set_static_name (self->cancel_source, "[ferry] hand-off cancel");
      g_source_attach (self->cancel_source, g_main_context_get_thread_default ());
    }

  uri = ferry_handoff_flow_build_page_uri (ferry_api_client_get_site_url (self->client),
                                           self->organization_id, self->project_id);
  ferry_uri_opener_open_async (g_object_get_data (G_OBJECT (self->task), "ferry-opener"), uri,
                               g_task_get_cancellable (self->task), open_cb, g_object_ref (self));
  schedule_poll (self);
}

static void
ferry_handoff_flow_dispose (GObject *object)
{
  FerryHandoffFlow *self = (FerryHandoffFlow *)object;

  stop (self);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (ferry_handoff_flow_parent_class)->dispose (object);
}

static void
ferry_handoff_flow_finalize (GObject *object)
{
  FerryHandoffFlow *self = (FerryHandoffFlow *)object;

  g_assert (self->task == NULL);

  g_clear_pointer (&self->known_ids, g_hash_table_unref);
  g_free (self->known_hash);
  g_free (self->name);
  g_free (self->project_id);
  g_free (self->connection_id);
  g_free (self->organization_id);

  G_OBJECT_CLASS (ferry_handoff_flow_parent_class)->finalize (object);
}

static void
ferry_handoff_flow_class_init (FerryHandoffFlowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ferry_handoff_flow_dispose;
  object_class->finalize = ferry_handoff_flow_finalize;
}

static void
ferry_handoff_flow_init (FerryHandoffFlow *self)
{
  self->poll_interval = FERRY_HANDOFF_DEFAULT_POLL_INTERVAL;
  self->time_limit = FERRY_HANDOFF_DEFAULT_TIME_LIMIT;
  self->known_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

FerryHandoffFlow *
ferry_handoff_flow_new (FerryApiClient *client)
{
  FerryHandoffFlow *self;

  g_return_val_if_fail (FERRY_IS_API_CLIENT (client), NULL);

  self = g_object_new (FERRY_TYPE_HANDOFF_FLOW, NULL);
  self->client = g_object_ref (client);

  return self;
}

void
ferry_handoff_flow_set_expected (FerryHandoffFlow *self,
                                 const char       *name,
                                 const char       *project_id)
{
  g_return_if_fail (FERRY_IS_HANDOFF_FLOW (self));
  g_return_if_fail (name != NULL);

  set_string (&self->name, name);
  set_string (&self->project_id, project_id);
  g_clear_pointer (&self->connection_id, g_free);
}

void
ferry_handoff_flow_set_reconnect (FerryHandoffFlow *self,
                                  const char       *connection_id,
                                  const char       *project_id)
{
  g_return_if_fail (FERRY_IS_HANDOFF_FLOW (self));
  g_return_if_fail (connection_id != NULL);

  set_string (&self->connection_id, connection_id);
  set_string (&self->project_id, project_id);
}

void
ferry_handoff_flow_set_organization_id (FerryHandoffFlow *self,
                                        const char       *organization_id)
{
  g_return_if_fail (FERRY_IS_HANDOFF_FLOW (self));

  set_string (&self->organization_id, organization_id);
}

void
ferry_handoff_flow_set_poll_interval (FerryHandoffFlow *self,
                                      guint             milliseconds)
{
  g_return_if_fail (FERRY_IS_HANDOFF_FLOW (self));
  g_return_if_fail (milliseconds > 0);

  self->poll_interval = milliseconds;
}

void
ferry_handoff_flow_set_time_limit (FerryHandoffFlow *self,
                                   guint             seconds)
{
  g_return_if_fail (FERRY_IS_HANDOFF_FLOW (self));
  g_return_if_fail (seconds > 0);

  self->time_limit = seconds;
}

char *
ferry_handoff_flow_build_page_uri (const char *site_url,
                                   const char *organization_id,
                                   const char *project_id)
{
  g_autofree char *org = NULL;
  g_autofree char *project = NULL;

  g_return_val_if_fail (site_url != NULL, NULL);

  if (organization_id == NULL || *organization_id == '\0')
    return g_strdup_printf ("%s/organization/app-connections", site_url);

  org = g_uri_escape_string (organization_id, NULL, FALSE);
  if (project_id == NULL || *project_id == '\0')
    return g_strdup_printf ("%s/organizations/%s/app-connections", site_url, org);

  project = g_uri_escape_string (project_id, NULL, FALSE);
  return g_strdup_printf ("%s/organizations/%s/projects/secret-management/%s/app-connections",
                          site_url, org, project);
}

void
ferry_handoff_flow_run_async (FerryHandoffFlow    *self,
                              FerryUriOpener      *opener,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (FERRY_IS_HANDOFF_FLOW (self));
  g_return_if_fail (FERRY_IS_URI_OPENER (opener));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (self->name != NULL || self->connection_id != NULL);
  g_return_if_fail (self->task == NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ferry_handoff_flow_run_async);
  g_object_set_data_full (G_OBJECT (task), "ferry-opener", g_object_ref (opener), g_object_unref);

  g_hash_table_remove_all (self->known_ids);
  g_clear_pointer (&self->known_hash, g_free);

  ferry_api_client_list_connections_async (self->client, self->project_id, cancellable,
                                           snapshot_cb, g_steal_pointer (&task));
}

FerryConnection *
ferry_handoff_flow_run_finish (FerryHandoffFlow  *self,
                               GAsyncResult      *result,
                               GError           **error)
{
  g_return_val_if_fail (FERRY_IS_HANDOFF_FLOW (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ferry_handoff_flow_run_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
