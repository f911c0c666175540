/* ferry-server-traits.c: what one account's Infisical build reads and allows.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ferry-api-error.h"
#include "ferry-server-traits.h"

/* A sync id no server has: the probe must never touch a real sync. */
#define PROBE_SYNC_ID "00000000-0000-4000-8000-000000000000"

struct _FerryServerTraits
{
  GObject          parent_instance;

  FerryServerBuild build;
  gboolean         recursive_unsupported;
  gboolean         duplicates_known;
  gboolean         duplicates_blocked;
};

G_DEFINE_FINAL_TYPE (FerryServerTraits, ferry_server_traits, G_TYPE_OBJECT)

G_DEFINE_QUARK (ferry-server-traits-error-quark, ferry_server_traits_error)

enum {
  PROP_0,
  PROP_BUILD,
  PROP_RECURSIVE_SUPPORTED,
  PROP_DUPLICATES_BLOCKED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

FerryServerTraits *
ferry_server_traits_new (void)
{
  return g_object_new (FERRY_TYPE_SERVER_TRAITS, NULL);
}

FerryServerBuild
ferry_server_traits_get_build (FerryServerTraits *self)
{
  g_return_val_if_fail (FERRY_IS_SERVER_TRAITS (self), FERRY_SERVER_BUILD_UNKNOWN);

  return self->build;
}

void
ferry_server_traits_set_build (FerryServerTraits *self,
                               FerryServerBuild   build)
{
  g_return_if_fail (FERRY_IS_SERVER_TRAITS (self));

  if (self->build == build)
    return;

  g_debug ("Server build: %s", build == FERRY_SERVER_BUILD_OLD ? "old (isEnabled)"
                               : build == FERRY_SERVER_BUILD_CURRENT ? "current (isAutoSyncEnabled)" : "unknown");
  self->build = build;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUILD]);
  /* The old build's sync options have no recursive. */
  if (build == FERRY_SERVER_BUILD_OLD)
    ferry_server_traits_set_recursive_supported (self, FALSE);
}

gboolean
ferry_server_traits_get_recursive_supported (FerryServerTraits *self)
{
  g_return_val_if_fail (FERRY_IS_SERVER_TRAITS (self), FALSE);

  return !self->recursive_unsupported;
}

void
ferry_server_traits_set_recursive_supported (FerryServerTraits *self,
                                             gboolean           supported)
{
  g_return_if_fail (FERRY_IS_SERVER_TRAITS (self));

  if (self->recursive_unsupported == !supported)
    return;
  self->recursive_unsupported = !supported;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECURSIVE_SUPPORTED]);
}

gboolean
ferry_server_traits_get_duplicates_blocked (FerryServerTraits *self)
{
  g_return_val_if_fail (FERRY_IS_SERVER_TRAITS (self), FALSE);

  return self->duplicates_blocked;
}

gboolean
ferry_server_traits_get_duplicates_known (FerryServerTraits *self)
{
  g_return_val_if_fail (FERRY_IS_SERVER_TRAITS (self), FALSE);

  return self->duplicates_known;
}

void
ferry_server_traits_set_duplicates_blocked (FerryServerTraits *self,
                                            gboolean           blocked)
{
  g_return_if_fail (FERRY_IS_SERVER_TRAITS (self));

  blocked = !!blocked;
  if (self->duplicates_known && self->duplicates_blocked == blocked)
    return;
  self->duplicates_known = TRUE;
  self->duplicates_blocked = blocked;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DUPLICATES_BLOCKED]);
}

gboolean
ferry_server_traits_learn_from_error (FerryServerTraits *self,
                                      const GError      *error)
{
  const char *detail;

  g_return_val_if_fail (FERRY_IS_SERVER_TRAITS (self), FALSE);

  if (!g_error_matches (error, FERRY_API_ERROR, FERRY_API_ERROR_BAD_REQUEST))
    return FALSE;
  /* createSecretSync / updateSecretSync in secret-sync-service.ts, every wording. */
  detail = ferry_api_error_get_detail (error);
  if (detail == NULL || strstr (detail, "sync with this destination already exists") == NULL)
    return FALSE;

  ferry_server_traits_set_duplicates_blocked (self, TRUE);
  return TRUE;
}

void
ferry_server_traits_learn_from_sync (FerryServerTraits *self,
                                     FerrySync         *sync)
{
  FerryServerBuild build;

  g_return_if_fail (FERRY_IS_SERVER_TRAITS (self));
  g_return_if_fail (FERRY_IS_SYNC (sync));

  build = ferry_server_build_from_sync (sync);
  if (build != FERRY_SERVER_BUILD_UNKNOWN)
    ferry_server_traits_set_build (self, build);
  /* Only a build that knows the key answers it. */
  if (ferry_sync_get_has_recursive (sync))
    ferry_server_traits_set_recursive_supported (self, TRUE);
}

const char *
ferry_server_build_auto_sync_key (FerryServerBuild build)
{
  return build == FERRY_SERVER_BUILD_OLD ? "isEnabled" : "isAutoSyncEnabled";
}

guint
ferry_server_build_sync_name_max (FerryServerBuild build)
{
  return build == FERRY_SERVER_BUILD_OLD ? FERRY_SERVER_OLD_SYNC_NAME_MAX : FERRY_SERVER_SYNC_NAME_MAX;
}

FerryServerBuild
ferry_server_build_from_sync (FerrySync *sync)
{
  g_return_val_if_fail (FERRY_IS_SYNC (sync), FERRY_SERVER_BUILD_UNKNOWN);

  switch (ferry_sync_get_shape (sync))
    {
    case FERRY_SYNC_SHAPE_CURRENT:
      return FERRY_SERVER_BUILD_CURRENT;
    case FERRY_SYNC_SHAPE_OLD:
      return FERRY_SERVER_BUILD_OLD;
    case FERRY_SYNC_SHAPE_UNKNOWN:
    default:
      return FERRY_SERVER_BUILD_UNKNOWN;
    }
}

/* ---- Probe ---- */

static void
probe_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FerryServerTraits *self = g_task_get_source_object (task);
  g_autoptr(FerrySync) sync = NULL;
  g_autoptr(GError) error = NULL;
  FerryServerBuild build = FERRY_SERVER_BUILD_UNKNOWN;

  sync = ferry_api_client_update_sync_finish (FERRY_API_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (g_error_matches (error, FERRY_API_ERROR, FERRY_API_ERROR_VALIDATION))
    {
      GPtrArray *issues = ferry_api_error_get_field_errors (error);

      for (guint i = 0; issues != NULL && i < issues->len; i++)
        {
          FerryFieldError *issue = g_ptr_array_index (issues, i);

          if (g_strcmp0 (issue->path, "isEnabled") == 0)
            build = FERRY_SERVER_BUILD_OLD;
        }
    }
  else if (g_error_matches (error, FERRY_API_ERROR, FERRY_API_ERROR_NOT_FOUND))
    build = FERRY_SERVER_BUILD_CURRENT;
  else if (sync != NULL)
    /* No server has that id, but should one answer with a sync, its shape tells. */
    build = ferry_server_build_from_sync (sync);

  if (build == FERRY_SERVER_BUILD_UNKNOWN && error != NULL)
    g_debug ("Server build probe inconclusive: %s", error->message);

  /* What was learnt meanwhile from a real answer wins. */
  if (build != FERRY_SERVER_BUILD_UNKNOWN && self->build == FERRY_SERVER_BUILD_UNKNOWN)
    ferry_server_traits_set_build (self, build);
  g_task_return_int (task, self->build);
}

void
ferry_server_traits_probe_async (FerryServerTraits   *self,
                                 FerryApiClient      *client,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(JsonObject) body = json_object_new ();
  GTask *task;

  g_return_if_fail (FERRY_IS_SERVER_TRAITS (self));
  g_return_if_fail (FERRY_IS_API_CLIENT (client));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ferry_server_traits_probe_async);

  /* A string where the old build wants a boolean: refused there, dropped elsewhere. */
  json_object_set_string_member (body, "isEnabled", "probe");
  ferry_api_client_update_sync_async (client, PROBE_SYNC_ID, body, cancellable, probe_cb, task);
}

FerryServerBuild
ferry_server_traits_probe_finish (FerryServerTraits  *self,
                                  GAsyncResult       *result,
                                  GError            **error)
{
  gssize build;

  g_return_val_if_fail (g_task_is_valid (result, self), FERRY_SERVER_BUILD_UNKNOWN);

  build = g_task_propagate_int (G_TASK (result), error);
  return build < 0 ? FERRY_SERVER_BUILD_UNKNOWN : (FerryServerBuild) build;
}

/* ---- GObject ---- */

static void
ferry_server_traits_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  FerryServerTraits *self = FERRY_SERVER_TRAITS (object);

  switch (prop_id)
    {
    case PROP_BUILD:
      g_value_set_int (value, self->build);
      break;
    case PROP_RECURSIVE_SUPPORTED:
      g_value_set_boolean (value, ferry_server_traits_get_recursive_supported (self));
      break;
    case PROP_DUPLICATES_BLOCKED:
      g_value_set_boolean (value, self->duplicates_blocked);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_server_traits_class_init (FerryServerTraitsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = ferry_server_traits_get_property;

  /* An int, not an enum type: the enum needs no GType anywhere else. */
  properties[PROP_BUILD] =
    g_param_spec_int ("build", NULL, NULL,
                      FERRY_SERVER_BUILD_UNKNOWN, FERRY_SERVER_BUILD_OLD, FERRY_SERVER_BUILD_UNKNOWN,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RECURSIVE_SUPPORTED] =
    g_param_spec_boolean ("recursive-supported", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DUPLICATES_BLOCKED] =
    g_param_spec_boolean ("duplicates-blocked", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ferry_server_traits_init (FerryServerTraits *self)
{
}
