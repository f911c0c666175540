/* ferry-uri-opener-relay.c
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ferry-uri-opener"

#include "config.h"

#include "ferry-uri-opener-relay.h"

struct _FerryUriOpenerRelay
{
  GObject         parent_instance;

  FerryUriOpener *opener;
  char           *uri;
};

static void ferry_uri_opener_iface_init (FerryUriOpenerInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FerryUriOpenerRelay, ferry_uri_opener_relay, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (FERRY_TYPE_URI_OPENER, ferry_uri_opener_iface_init))

enum {
  PROP_0,
  PROP_URI,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
opened_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!ferry_uri_opener_open_finish (FERRY_URI_OPENER (object), result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
ferry_uri_opener_relay_open_async (FerryUriOpener      *opener,
                                   const char          *uri,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  FerryUriOpenerRelay *self = FERRY_URI_OPENER_RELAY (opener);
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, ferry_uri_opener_relay_open_async);
  if (g_strcmp0 (self->uri, uri) != 0)
    {
      g_free (self->uri);
      self->uri = g_strdup (uri);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URI]);
    }
  ferry_uri_opener_open_async (self->opener, uri, cancellable, opened_cb, task);
}

static gboolean
ferry_uri_opener_relay_open_finish (FerryUriOpener  *opener,
                                    GAsyncResult    *result,
                                    GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, opener), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
ferry_uri_opener_iface_init (FerryUriOpenerInterface *iface)
{
  iface->open_async = ferry_uri_opener_relay_open_async;
  iface->open_finish = ferry_uri_opener_relay_open_finish;
}

const char *
ferry_uri_opener_relay_get_uri (FerryUriOpenerRelay *self)
{
  g_return_val_if_fail (FERRY_IS_URI_OPENER_RELAY (self), NULL);

  return self->uri;
}

gboolean
ferry_uri_opener_relay_open_again (FerryUriOpenerRelay *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autofree char *uri = NULL;

  g_return_val_if_fail (FERRY_IS_URI_OPENER_RELAY (self), FALSE);

  if (self->uri == NULL)
    return FALSE;

  uri = g_strdup (self->uri);
  ferry_uri_opener_open_async (FERRY_URI_OPENER (self), uri, cancellable, callback, user_data);
  return TRUE;
}

static void
ferry_uri_opener_relay_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  FerryUriOpenerRelay *self = FERRY_URI_OPENER_RELAY (object);

  switch (prop_id)
    {
    case PROP_URI:
      g_value_set_string (value, self->uri);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_uri_opener_relay_finalize (GObject *object)
{
  FerryUriOpenerRelay *self = FERRY_URI_OPENER_RELAY (object);

  g_clear_object (&self->opener);
  g_clear_pointer (&self->uri, g_free);

  G_OBJECT_CLASS (ferry_uri_opener_relay_parent_class)->finalize (object);
}

static void
ferry_uri_opener_relay_class_init (FerryUriOpenerRelayClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = ferry_uri_opener_relay_get_property;
  object_class->finalize = ferry_uri_opener_relay_finalize;

  properties[PROP_URI] =
    g_param_spec_string ("uri", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ferry_uri_opener_relay_init (FerryUriOpenerRelay *self)
{
}

FerryUriOpenerRelay *
ferry_uri_opener_relay_new (FerryUriOpener *opener)
{
  FerryUriOpenerRelay *self;

  g_return_val_if_fail (FERRY_IS_URI_OPENER (opener), NULL);

  self = g_object_new (FERRY_TYPE_URI_OPENER_RELAY, NULL);
  self->opener = g_object_ref (opener);
  return self;
}
