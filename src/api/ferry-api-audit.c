/* ferry-api-audit.c: the organization's audit log, as a sync's history
 * (docs/infisical-api.md#audit-logs).
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The query is upstream's backend/src/server/routes/v1/organization-router.ts schema:
 * without a startDate the server lists only since last midnight, and a startDate more than
 * three months before the endDate is refused, so Ferry always sends a start inside that
 * window and no end (the server's "now" then counts, not this machine's clock).
 */

#define G_LOG_DOMAIN "ferry-api"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ferry-api-client-private.h"
#include "ferry-api-error-private.h"

#define AUDIT_LOGS_PATH "/api/v1/organization/audit-logs"
#define N_RECEIVED_KEY "ferry-audit-n-received"

GDateTime *
ferry_api_audit_default_start (GDateTime *now)
{
  g_autoptr(GDateTime) back = NULL;
  g_autoptr(GDateTime) utc = NULL;

  g_return_val_if_fail (now != NULL, NULL);

  utc = g_date_time_to_utc (now);
  back = g_date_time_add_months (utc, -3);
  return g_date_time_add_days (back, 1);
}

static gpointer
parse_events (JsonNode  *root,
              gpointer   data,
              GError   **error)
{
  g_autoptr(GListStore) store = g_list_store_new (FERRY_TYPE_AUDIT_EVENT);
  JsonArray *array;
  JsonNode *node;
  guint n;

  if (!(node = ferry_api_root_member (root, "auditLogs", JSON_NODE_ARRAY, error)))
    return NULL;

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autoptr(FerryAuditEvent) event = NULL;
      g_autoptr(GError) local_error = NULL;

      /* One odd entry (an event type of a newer build, a half-written row) must not hide
       * the rest of the history. */
      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          g_debug ("auditLogs.%u is not an object, skipped", i);
          continue;
        }
      event = ferry_audit_event_new_from_json (json_node_get_object (element), &local_error);
      if (event == NULL)
        {
          g_debug ("auditLogs.%u skipped: %s", i, ferry_api_error_get_detail (local_error));
          continue;
        }
      g_list_store_append (store, event);
    }

  g_object_set_data (G_OBJECT (store), N_RECEIVED_KEY, GUINT_TO_POINTER (n));
  return g_steal_pointer (&store);
}

void
ferry_api_client_list_audit_events_async (FerryApiClient      *self,
                                          const char          *project_id,
                                          const char          *sync_id,
                                          const char          *event_types,
                                          GDateTime           *start,
                                          guint                offset,
                                          guint                limit,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) default_start = NULL;
  g_autoptr(GDateTime) start_utc = NULL;
  g_autofree char *start_text = NULL;
  g_autofree char *metadata = NULL;
  g_autofree char *offset_text = NULL;
  g_autofree char *limit_text = NULL;
  const char *query[13];
  guint n = 0;

  g_return_if_fail (FERRY_IS_API_CLIENT (self));
  g_return_if_fail (limit > 0 && limit <= 1000);

  if (start == NULL)
    {
      now = g_date_time_new_now_utc ();
      start = default_start = ferry_api_audit_default_start (now);
    }
  /* z.string().datetime() takes UTC with a "Z" only, milliseconds at most. */
  start_utc = g_date_time_to_utc (start);
  start_text = g_date_time_format (start_utc, "%Y-%m-%dT%H:%M:%S.000Z");
  offset_text = g_strdup_printf ("%u", offset);
  limit_text = g_strdup_printf ("%u", limit);

  if (project_id != NULL)
    {
      query[n++] = "projectId";
      query[n++] = project_id;
    }
  query[n++] = "eventType";
  query[n++] = event_types != NULL ? event_types : FERRY_AUDIT_SYNC_EVENT_TYPES;
  if (sync_id != NULL)
    {
      metadata = g_strconcat ("syncId=", sync_id, NULL);
      query[n++] = "eventMetadata";
      query[n++] = metadata;
    }
  query[n++] = "startDate";
  query[n++] = start_text;
  query[n++] = "offset";
  query[n++] = offset_text;
  query[n++] = "limit";
  query[n++] = limit_text;
  query[n] = NULL;

  ferry_api_client_call_endpoint (self, ferry_api_client_list_audit_events_async, "GET", AUDIT_LOGS_PATH, query,
                                  NULL, TRUE, NULL, parse_events, NULL, NULL, g_object_unref,
                                  cancellable, callback, user_data);
}

/* The two answers that mean something of their own here. */
static GError *
translate_error (GError *error)
{
  const char *detail = ferry_api_error_get_detail (error);
  GError *translated = NULL;

  if (g_error_matches (error, FERRY_API_ERROR, FERRY_API_ERROR_FORBIDDEN))
    translated = ferry_api_error_new (FERRY_API_ERROR_AUDIT_LOGS_FORBIDDEN,
                                      _("You do not have permission to read audit logs. Ask an administrator of your organization to give your role the Audit Logs read permission."),
                                      ferry_api_error_get_http_status (error), detail,
                                      ferry_api_error_get_request_id (error));
  /* Fastify's answer for a route it does not know: "Route GET:/api/… not found". A
   * missing project is a 404 too, with another message. */
  else if (g_error_matches (error, FERRY_API_ERROR, FERRY_API_ERROR_NOT_FOUND) &&
           detail != NULL && g_str_has_prefix (detail, "Route ") && strstr (detail, AUDIT_LOGS_PATH) != NULL)
    translated = ferry_api_error_new (FERRY_API_ERROR_UNSUPPORTED,
                                      _("This Infisical server does not offer audit logs."),
                                      ferry_api_error_get_http_status (error), detail,
                                      ferry_api_error_get_request_id (error));

  if (translated == NULL)
    return error;
  g_error_free (error);
  return translated;
}

GListStore *
ferry_api_client_list_audit_events_finish (FerryApiClient  *self,
                                           GAsyncResult    *result,
                                           guint           *n_received,
                                           GError         **error)
{
  GError *local_error = NULL;
  GListStore *store;

  store = ferry_api_client_endpoint_finish (self, result, ferry_api_client_list_audit_events_async, &local_error);
  if (store == NULL)
    {
      g_propagate_error (error, translate_error (local_error));
      if (n_received != NULL)
        *n_received = 0;
      return NULL;
    }

  if (n_received != NULL)
    *n_received = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (store), N_RECEIVED_KEY));
  return store;
}
