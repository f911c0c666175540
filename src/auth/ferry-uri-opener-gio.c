/* ferry-uri-opener-gio.c
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ferry-uri-opener"

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-uri-opener-gio.h"

struct _FerryUriOpenerGio
{
  GObject parent_instance;
};

static void ferry_uri_opener_iface_init (FerryUriOpenerInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FerryUriOpenerGio, ferry_uri_opener_gio, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (FERRY_TYPE_URI_OPENER, ferry_uri_opener_iface_init))

static void
launch_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, error->domain, error->code,
                                 /* Translators: %s is a system error message. */
                                 _("Ferry could not open your web browser: %s"),
                                 error->message);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
ferry_uri_opener_gio_open_async (FerryUriOpener      *opener,
                                 const char          *uri,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (opener, cancellable, callback, user_data);

  g_task_set_source_tag (task, ferry_uri_opener_gio_open_async);
  g_app_info_launch_default_for_uri_async (uri, NULL, cancellable, launch_cb, g_steal_pointer (&task));
}

static gboolean
ferry_uri_opener_gio_open_finish (FerryUriOpener  *opener,
                                  GAsyncResult    *result,
                                  GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, opener), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
ferry_uri_opener_iface_init (FerryUriOpenerInterface *iface)
{
  iface->open_async = ferry_uri_opener_gio_open_async;
  iface->open_finish = ferry_uri_opener_gio_open_finish;
}

static void
ferry_uri_opener_gio_class_init (FerryUriOpenerGioClass *klass)
{
}

static void
ferry_uri_opener_gio_init (FerryUriOpenerGio *self)
{
}

FerryUriOpener *
ferry_uri_opener_gio_new (void)
{
  return g_object_new (FERRY_TYPE_URI_OPENER_GIO, NULL);
}
