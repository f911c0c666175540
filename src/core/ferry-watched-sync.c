/* ferry-watched-sync.c
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ferry-watched-sync.h"

struct _FerryWatchedSync
{
  GObject    parent_instance;

  char      *account_id;
  char      *account_label;
  char      *project_id;
  char      *project_name;
  FerrySync *sync;
  GDateTime *failing_since;
};

G_DEFINE_FINAL_TYPE (FerryWatchedSync, ferry_watched_sync, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ACCOUNT_ID,
  PROP_ACCOUNT_LABEL,
  PROP_PROJECT_ID,
  PROP_PROJECT_NAME,
  PROP_SYNC,
  PROP_STATUS,
  PROP_FAILING_SINCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

FerryWatchedSync *
ferry_watched_sync_new (const char *account_id,
                        const char *account_label,
                        const char *project_id,
                        const char *project_name,
                        FerrySync  *sync)
{
  FerryWatchedSync *self;

  g_return_val_if_fail (account_id != NULL, NULL);
  g_return_val_if_fail (project_id != NULL, NULL);
  g_return_val_if_fail (FERRY_IS_SYNC (sync), NULL);

  self = g_object_new (FERRY_TYPE_WATCHED_SYNC, NULL);
  self->account_id = g_strdup (account_id);
  self->account_label = g_strdup (account_label);
  self->project_id = g_strdup (project_id);
  self->project_name = g_strdup (project_name != NULL ? project_name : project_id);
  self->sync = g_object_ref (sync);

  return self;
}

const char *
ferry_watched_sync_get_account_id (FerryWatchedSync *self)
{
  g_return_val_if_fail (FERRY_IS_WATCHED_SYNC (self), NULL);
  return self->account_id;
}

const char *
ferry_watched_sync_get_account_label (FerryWatchedSync *self)
{
  g_return_val_if_fail (FERRY_IS_WATCHED_SYNC (self), NULL);
  return self->account_label;
}

const char *
ferry_watched_sync_get_project_id (FerryWatchedSync *self)
{
  g_return_val_if_fail (FERRY_IS_WATCHED_SYNC (self), NULL);
  return self->project_id;
}

const char *
ferry_watched_sync_get_project_name (FerryWatchedSync *self)
{
  g_return_val_if_fail (FERRY_IS_WATCHED_SYNC (self), NULL);
  return self->project_name;
}

const char *
ferry_watched_sync_get_sync_id (FerryWatchedSync *self)
{
  g_return_val_if_fail (FERRY_IS_WATCHED_SYNC (self), NULL);
  return ferry_resource_get_id (FERRY_RESOURCE (self->sync));
}

FerrySync *
ferry_watched_sync_get_sync (FerryWatchedSync *self)
{
  g_return_val_if_fail (FERRY_IS_WATCHED_SYNC (self), NULL);
  return self->sync;
}

void
ferry_watched_sync_set_sync (FerryWatchedSync *self,
                             FerrySync        *sync)
{
  g_return_if_fail (FERRY_IS_WATCHED_SYNC (self));
  g_return_if_fail (FERRY_IS_SYNC (sync));

  if (!g_set_object (&self->sync, sync))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNC]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

FerrySyncStatus
ferry_watched_sync_get_status (FerryWatchedSync *self)
{
  g_return_val_if_fail (FERRY_IS_WATCHED_SYNC (self), FERRY_SYNC_STATUS_NONE);
  return ferry_sync_get_sync_status (self->sync);
}

GDateTime *
ferry_watched_sync_get_failing_since (FerryWatchedSync *self)
{
  g_return_val_if_fail (FERRY_IS_WATCHED_SYNC (self), NULL);
  return self->failing_since;
}

void
ferry_watched_sync_set_failing_since (FerryWatchedSync *self,
                                      GDateTime        *since)
{
  g_return_if_fail (FERRY_IS_WATCHED_SYNC (self));

  if (self->failing_since == since ||
      (self->failing_since != NULL && since != NULL && g_date_time_equal (self->failing_since, since)))
    return;

  g_clear_pointer (&self->failing_since, g_date_time_unref);
  if (since != NULL)
    self->failing_since = g_date_time_ref (since);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAILING_SINCE]);
}

static void
ferry_watched_sync_finalize (GObject *object)
{
  FerryWatchedSync *self = FERRY_WATCHED_SYNC (object);

  g_free (self->account_id);
  g_free (self->account_label);
  g_free (self->project_id);
  g_free (self->project_name);
  g_clear_object (&self->sync);
  g_clear_pointer (&self->failing_since, g_date_time_unref);

  G_OBJECT_CLASS (ferry_watched_sync_parent_class)->finalize (object);
}

static void
ferry_watched_sync_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  FerryWatchedSync *self = FERRY_WATCHED_SYNC (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT_ID:
      g_value_set_string (value, self->account_id);
      break;
    case PROP_ACCOUNT_LABEL:
      g_value_set_string (value, self->account_label);
      break;
    case PROP_PROJECT_ID:
      g_value_set_string (value, self->project_id);
      break;
    case PROP_PROJECT_NAME:
      g_value_set_string (value, self->project_name);
      break;
    case PROP_SYNC:
      g_value_set_object (value, self->sync);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, ferry_watched_sync_get_status (self));
      break;
    case PROP_FAILING_SINCE:
      g_value_set_boxed (value, self->failing_since);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_watched_sync_class_init (FerryWatchedSyncClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ferry_watched_sync_finalize;
  object_class->get_property = ferry_watched_sync_get_property;

  properties[PROP_ACCOUNT_ID] = g_param_spec_string ("account-id", NULL, NULL, NULL, ro);
  properties[PROP_ACCOUNT_LABEL] = g_param_spec_string ("account-label", NULL, NULL, NULL, ro);
  properties[PROP_PROJECT_ID] = g_param_spec_string ("project-id", NULL, NULL, NULL, ro);
  properties[PROP_PROJECT_NAME] = g_param_spec_string ("project-name", NULL, NULL, NULL, ro);
  properties[PROP_SYNC] = g_param_spec_object ("sync", NULL, NULL, FERRY_TYPE_SYNC, ro);
  properties[PROP_STATUS] = g_param_spec_enum ("status", NULL, NULL, FERRY_TYPE_SYNC_STATUS,
                                               FERRY_SYNC_STATUS_NONE, ro);
  properties[PROP_FAILING_SINCE] = g_param_spec_boxed ("failing-since", NULL, NULL, G_TYPE_DATE_TIME, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ferry_watched_sync_init (FerryWatchedSync *self)
{
}
