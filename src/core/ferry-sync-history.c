/* ferry-sync-history.c: one sync's runs and configuration changes, from the audit log.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pages are asked newest first with limit/offset (ferry_api_client_list_audit_events_async);
 * while someone reads, newer events may push older ones to a later offset, so a page can
 * repeat events already listed: they are kept once, by id.
 */

#define G_LOG_DOMAIN "ferry-core"

#include "config.h"

#include "ferry-api-client.h"
#include "ferry-core-enums.h"
#include "ferry-project-model-private.h"
#include "ferry-sync-history.h"

struct _FerrySyncHistory
{
  GObject            parent_instance;

  /* The FerryProjectModel that owns this history, or NULL once it let go: not a GWeakRef,
   * as one of those per sync made a model of 10,000 syncs slow to free on GLib 2.74 (each
   * weak reference cleared walks the model's list of them). The model clears it before it
   * goes (ferry_project_model_history_dispose () calls _detach ()). */
  FerryProjectModel *model;
  char              *sync_id;
  GPtrArray         *events;         /* FerryAuditEvent, newest first */
  GHashTable        *ids;            /* event ids in @events; NULL until a page came */
  guint              next_offset;    /* elements the server listed so far */
  guint              page_size;
  FerryHistoryState  state;
  GError            *error;
  gboolean           has_more;
  GDateTime         *failing_since;
  gboolean           failing_since_exact;
  GCancellable      *cancellable;    /* the request in flight, or NULL */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FerrySyncHistory, ferry_sync_history, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_SYNC_ID,
  PROP_STATE,
  PROP_ERROR,
  PROP_LOADING,
  PROP_HAS_MORE,
  PROP_FAILING_SINCE,
  PROP_FAILING_SINCE_EXACT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  LOADED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GQuark
history_quark (void)
{
  return g_quark_from_static_string ("ferry-sync-history");
}

/* ---- GListModel ---- */

static GType
get_item_type (GListModel *model)
{
  return FERRY_TYPE_AUDIT_EVENT;
}

static guint
get_n_items (GListModel *model)
{
  return FERRY_SYNC_HISTORY (model)->events->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  FerrySyncHistory *self = FERRY_SYNC_HISTORY (model);

  if (position >= self->events->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->events, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

/* ---- State ---- */

static void
set_state (FerrySyncHistory  *self,
           FerryHistoryState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_error (FerrySyncHistory *self,
           const GError     *error)
{
  if (self->error == NULL && error == NULL)
    return;
  g_clear_error (&self->error);
  if (error != NULL)
    self->error = g_error_copy (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
set_loading (FerrySyncHistory *self,
             GCancellable     *cancellable)
{
  gboolean was = self->cancellable != NULL;

  g_set_object (&self->cancellable, cancellable);
  if (was != (cancellable != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* The first failed run after the last successful one, if the newest run failed. */
static void
update_failing_since (FerrySyncHistory *self)
{
  GDateTime *since = NULL;
  gboolean exact = TRUE;
  gboolean found_success = FALSE;
  gboolean changed;

  for (guint i = 0; i < self->events->len; i++)
    {
      FerryAuditEvent *event = g_ptr_array_index (self->events, i);
      FerrySyncStatus status;

      /* Only sync runs say whether the secrets reach Azure DevOps; a failed removal does
       * not make a sync "failing". */
      if (ferry_audit_event_get_kind (event) != FERRY_AUDIT_EVENT_SYNC_RUN)
        continue;
      status = ferry_audit_event_get_sync_status (event);
      if (status == FERRY_SYNC_STATUS_SUCCEEDED)
        {
          found_success = TRUE;
          break;
        }
      if (status == FERRY_SYNC_STATUS_FAILED)
        since = ferry_audit_event_get_time (event);
    }
  if (since != NULL && !found_success && self->has_more)
    exact = FALSE;

  changed = !((since == NULL && self->failing_since == NULL) ||
              (since != NULL && self->failing_since != NULL && g_date_time_equal (since, self->failing_since)));
  if (changed)
    {
      g_clear_pointer (&self->failing_since, g_date_time_unref);
      if (since != NULL)
        self->failing_since = g_date_time_ref (since);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAILING_SINCE]);
    }
  if (exact != self->failing_since_exact)
    {
      self->failing_since_exact = exact;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAILING_SINCE_EXACT]);
    }
}

static void
set_has_more (FerrySyncHistory *self,
              gboolean          has_more)
{
  if (self->has_more == has_more)
    return;
  self->has_more = has_more;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_MORE]);
}

/* An empty first page means "no audit logs kept" only when the sync did something inside
 * the window that the server would have logged: it was made, ran or changed since @start.
 * A sync untouched for longer simply has no history there
 * (docs/infisical-api.md#audit-logs, "Telling an empty plan"). */
static gboolean
expected_events_since (FerrySyncHistory *self,
                       GDateTime        *start)
{
  FerrySync *sync = self->model != NULL ? ferry_project_model_find_sync (self->model, self->sync_id) : NULL;
  GDateTime *times[3];

  if (sync == NULL)
    return FALSE;
  times[0] = ferry_sync_get_created_at (sync);
  times[1] = ferry_sync_get_last_synced_at (sync);
  times[2] = ferry_sync_get_sync_status (sync) != FERRY_SYNC_STATUS_NONE ? ferry_sync_get_updated_at (sync) : NULL;
  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    if (times[i] != NULL && g_date_time_compare (times[i], start) >= 0)
      return TRUE;
  return FALSE;
}

typedef struct
{
  FerrySyncHistory *self;
  guint             offset;
  GDateTime        *start;
} Request;

static void
request_free (Request *request)
{
  g_object_unref (request->self);
  g_date_time_unref (request->start);
  g_free (request);
}

static void
page_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Request *request = user_data;
  FerrySyncHistory *self = request->self;
  g_autoptr(GListStore) page = NULL;
  g_autoptr(GError) error = NULL;
  guint n_received = 0;
  guint n_page;

  page = ferry_api_client_list_audit_events_finish (FERRY_API_CLIENT (object), result, &n_received, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      request_free (request);
      return;
    }
  set_loading (self, NULL);

  if (page == NULL)
    {
      if (self->model != NULL)
        ferry_project_model_check_error (self->model, error);
      set_error (self, error);
      if (g_error_matches (error, FERRY_API_ERROR, FERRY_API_ERROR_AUDIT_LOGS_FORBIDDEN))
        set_state (self, FERRY_HISTORY_STATE_FORBIDDEN);
      else if (g_error_matches (error, FERRY_API_ERROR, FERRY_API_ERROR_UNSUPPORTED))
        set_state (self, FERRY_HISTORY_STATE_UNSUPPORTED);
      else if (self->state != FERRY_HISTORY_STATE_LOADED)
        set_state (self, FERRY_HISTORY_STATE_FAILED);
      g_signal_emit (self, signals[LOADED], 0);
      request_free (request);
      return;
    }

  set_error (self, NULL);
  if (request->offset == 0)
    {
      guint removed = self->events->len;

      g_ptr_array_set_size (self->events, 0);
      if (self->ids != NULL)
        g_hash_table_remove_all (self->ids);
      self->next_offset = 0;
      if (removed > 0)
        g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, 0);
    }

  n_page = g_list_model_get_n_items (G_LIST_MODEL (page));
  {
    guint position = self->events->len;
    guint added = 0;

    if (self->ids == NULL)
      self->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

    for (guint i = 0; i < n_page; i++)
      {
        g_autoptr(FerryAuditEvent) event = g_list_model_get_item (G_LIST_MODEL (page), i);

        if (g_hash_table_contains (self->ids, ferry_audit_event_get_id (event)))
          continue;
        g_hash_table_add (self->ids, g_strdup (ferry_audit_event_get_id (event)));
        g_ptr_array_add (self->events, g_steal_pointer (&event));
        added++;
      }
    self->next_offset += n_received;
    if (added > 0)
      g_list_model_items_changed (G_LIST_MODEL (self), position, 0, added);
  }

  set_has_more (self, n_received >= self->page_size);
  update_failing_since (self);
  if (self->events->len == 0 && request->offset == 0 && expected_events_since (self, request->start))
    set_state (self, FERRY_HISTORY_STATE_NO_RETENTION);
  else
    set_state (self, FERRY_HISTORY_STATE_LOADED);

  g_signal_emit (self, signals[LOADED], 0);
  request_free (request);
}

static void
request_page (FerrySyncHistory *self,
              guint             offset)
{
  FerryProjectModel *model = self->model;
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;
  FerryApiClient *client;
  Request *request;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  client = model != NULL ? ferry_project_model_get_client (model, &error) : NULL;
  if (client == NULL)
    {
      set_loading (self, NULL);
      if (error != NULL)
        set_error (self, error);
      if (self->state != FERRY_HISTORY_STATE_LOADED)
        set_state (self, FERRY_HISTORY_STATE_FAILED);
      g_signal_emit (self, signals[LOADED], 0);
      return;
    }

  cancellable = g_cancellable_new ();
  set_loading (self, cancellable);
  if (offset == 0 && self->state != FERRY_HISTORY_STATE_LOADED)
    set_state (self, FERRY_HISTORY_STATE_LOADING);

  now = g_date_time_new_now_utc ();
  request = g_new0 (Request, 1);
  request->self = g_object_ref (self);
  request->offset = offset;
  request->start = ferry_api_audit_default_start (now);
  ferry_api_client_list_audit_events_async (client, ferry_resource_get_id (FERRY_RESOURCE (ferry_project_model_get_project (model))),
                                            self->sync_id, NULL, request->start, offset,
                                            self->page_size, cancellable, page_cb, request);
}

void
ferry_sync_history_load (FerrySyncHistory *self)
{
  g_return_if_fail (FERRY_IS_SYNC_HISTORY (self));

  if (self->cancellable != NULL)
    return;
  if (self->state == FERRY_HISTORY_STATE_IDLE || self->state == FERRY_HISTORY_STATE_FAILED)
    request_page (self, 0);
}

void
ferry_sync_history_refresh (FerrySyncHistory *self)
{
  g_return_if_fail (FERRY_IS_SYNC_HISTORY (self));

  request_page (self, 0);
}

void
ferry_sync_history_load_more (FerrySyncHistory *self)
{
  g_return_if_fail (FERRY_IS_SYNC_HISTORY (self));

  if (self->cancellable != NULL || !self->has_more || self->state != FERRY_HISTORY_STATE_LOADED)
    return;
  request_page (self, self->next_offset);
}

/* ---- Object ---- */

FerrySyncHistory *
ferry_sync_history_peek (FerrySync *sync)
{
  g_return_val_if_fail (FERRY_IS_SYNC (sync), NULL);

  return g_object_get_qdata (G_OBJECT (sync), history_quark ());
}

FerrySyncHistory *
ferry_sync_history_new (FerryProjectModel *model,
                        FerrySync         *sync)
{
  /* One per sync of a list of thousands: the id is set here rather than as a construct
   * property, as a class without those takes GObject's faster way of construction. */
  FerrySyncHistory *self = g_object_new (FERRY_TYPE_SYNC_HISTORY, NULL);

  self->sync_id = g_strdup (ferry_resource_get_id (FERRY_RESOURCE (sync)));

  self->model = model;
  /* The sync keeps a reference, so views that hold only the sync find its history; the
   * history holds neither the sync nor the model. */
  g_object_set_qdata_full (G_OBJECT (sync), history_quark (), g_object_ref (self), g_object_unref);
  return self;
}

void
ferry_sync_history_detach (FerrySyncHistory *self)
{
  g_return_if_fail (FERRY_IS_SYNC_HISTORY (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  set_loading (self, NULL);
  self->model = NULL;
}

void
ferry_sync_history_set_page_size (FerrySyncHistory *self,
                                  guint             page_size)
{
  g_return_if_fail (FERRY_IS_SYNC_HISTORY (self));
  g_return_if_fail (page_size > 0 && page_size <= 1000);

  self->page_size = page_size;
}

const char *
ferry_sync_history_get_sync_id (FerrySyncHistory *self)
{
  g_return_val_if_fail (FERRY_IS_SYNC_HISTORY (self), NULL);
  return self->sync_id;
}

FerryHistoryState
ferry_sync_history_get_state (FerrySyncHistory *self)
{
  g_return_val_if_fail (FERRY_IS_SYNC_HISTORY (self), FERRY_HISTORY_STATE_IDLE);
  return self->state;
}

const GError *
ferry_sync_history_get_error (FerrySyncHistory *self)
{
  g_return_val_if_fail (FERRY_IS_SYNC_HISTORY (self), NULL);
  return self->error;
}

gboolean
ferry_sync_history_get_loading (FerrySyncHistory *self)
{
  g_return_val_if_fail (FERRY_IS_SYNC_HISTORY (self), FALSE);
  return self->cancellable != NULL;
}

gboolean
ferry_sync_history_get_has_more (FerrySyncHistory *self)
{
  g_return_val_if_fail (FERRY_IS_SYNC_HISTORY (self), FALSE);
  return self->has_more;
}

GDateTime *
ferry_sync_history_get_failing_since (FerrySyncHistory *self)
{
  g_return_val_if_fail (FERRY_IS_SYNC_HISTORY (self), NULL);
  return self->failing_since;
}

gboolean
ferry_sync_history_get_failing_since_exact (FerrySyncHistory *self)
{
  g_return_val_if_fail (FERRY_IS_SYNC_HISTORY (self), FALSE);
  return self->failing_since_exact;
}

static void
ferry_sync_history_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  FerrySyncHistory *self = FERRY_SYNC_HISTORY (object);

  switch (prop_id)
    {
    case PROP_SYNC_ID:
      g_value_set_string (value, self->sync_id);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->cancellable != NULL);
      break;
    case PROP_HAS_MORE:
      g_value_set_boolean (value, self->has_more);
      break;
    case PROP_FAILING_SINCE:
      g_value_set_boxed (value, self->failing_since);
      break;
    case PROP_FAILING_SINCE_EXACT:
      g_value_set_boolean (value, self->failing_since_exact);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_sync_history_finalize (GObject *object)
{
  FerrySyncHistory *self = FERRY_SYNC_HISTORY (object);

  g_free (self->sync_id);
  g_ptr_array_unref (self->events);
  g_clear_pointer (&self->ids, g_hash_table_unref);
  g_clear_error (&self->error);
  g_clear_pointer (&self->failing_since, g_date_time_unref);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (ferry_sync_history_parent_class)->finalize (object);
}

static void
ferry_sync_history_class_init (FerrySyncHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = ferry_sync_history_get_property;
  object_class->finalize = ferry_sync_history_finalize;

  properties[PROP_SYNC_ID] =
    g_param_spec_string ("sync-id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, FERRY_TYPE_HISTORY_STATE, FERRY_HISTORY_STATE_IDLE, flags);
  properties[PROP_ERROR] = g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR, flags);
  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE, flags);
  properties[PROP_HAS_MORE] = g_param_spec_boolean ("has-more", NULL, NULL, FALSE, flags);
  properties[PROP_FAILING_SINCE] = g_param_spec_boxed ("failing-since", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_FAILING_SINCE_EXACT] = g_param_spec_boolean ("failing-since-exact", NULL, NULL, TRUE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ferry_sync_history_init (FerrySyncHistory *self)
{
  self->events = g_ptr_array_new_with_free_func (g_object_unref);
  self->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->failing_since_exact = TRUE;
  self->page_size = FERRY_SYNC_HISTORY_PAGE_SIZE;
}
