/* ferry-uri-opener-gtk.c
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ferry-uri-opener"

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-uri-opener-gtk.h"

/* GtkUriLauncher only when both the headers and the pinned API allow GTK 4.10. */
#if GTK_CHECK_VERSION (4, 10, 0) && GDK_VERSION_MAX_ALLOWED >= GDK_VERSION_4_10
# define FERRY_HAVE_URI_LAUNCHER 1
#else
# define FERRY_HAVE_URI_LAUNCHER 0
#endif

struct _FerryUriOpenerGtk
{
  GObject    parent_instance;

  GtkWindow *parent;  /* weak */
};

static void ferry_uri_opener_iface_init (FerryUriOpenerInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FerryUriOpenerGtk, ferry_uri_opener_gtk, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (FERRY_TYPE_URI_OPENER, ferry_uri_opener_iface_init))

static void
return_result (GTask    *task,
               gboolean  ok,
               GError   *error)
{
  if (ok)
    g_task_return_boolean (task, TRUE);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_task_return_error (task, error);
  else
    {
      g_task_return_new_error (task, error->domain, error->code,
                               /* Translators: %s is a system error message. */
                               _("Ferry could not open your web browser: %s"),
                               error->message);
      g_error_free (error);
    }
}

#if FERRY_HAVE_URI_LAUNCHER
static void
launch_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  gboolean ok = gtk_uri_launcher_launch_finish (GTK_URI_LAUNCHER (object), result, &error);

  return_result (task, ok, error);
}
#else
static void
show_uri_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  gboolean ok = gtk_show_uri_full_finish (GTK_WINDOW (object), result, &error);

  return_result (task, ok, error);
}
#endif

static void
ferry_uri_opener_gtk_open_async (FerryUriOpener      *opener,
                                 const char          *uri,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  FerryUriOpenerGtk *self = FERRY_URI_OPENER_GTK (opener);
  g_autoptr(GTask) task = g_task_new (opener, cancellable, callback, user_data);

  g_task_set_source_tag (task, ferry_uri_opener_gtk_open_async);

#if FERRY_HAVE_URI_LAUNCHER
  {
    g_autoptr(GtkUriLauncher) launcher = gtk_uri_launcher_new (uri);

    gtk_uri_launcher_launch (launcher, self->parent, cancellable, launch_cb, g_steal_pointer (&task));
  }
#else
  /* gtk_show_uri_full_finish needs the same window: the callback gets it as the source
   * object (NULL without a parent). */
  gtk_show_uri_full (self->parent, uri, GDK_CURRENT_TIME, cancellable, show_uri_cb, g_steal_pointer (&task));
#endif
}

static gboolean
ferry_uri_opener_gtk_open_finish (FerryUriOpener  *opener,
                                  GAsyncResult    *result,
                                  GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, opener), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
ferry_uri_opener_iface_init (FerryUriOpenerInterface *iface)
{
  iface->open_async = ferry_uri_opener_gtk_open_async;
  iface->open_finish = ferry_uri_opener_gtk_open_finish;
}

static void
ferry_uri_opener_gtk_dispose (GObject *object)
{
  FerryUriOpenerGtk *self = (FerryUriOpenerGtk *)object;

  g_clear_weak_pointer (&self->parent);

  G_OBJECT_CLASS (ferry_uri_opener_gtk_parent_class)->dispose (object);
}

static void
ferry_uri_opener_gtk_class_init (FerryUriOpenerGtkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ferry_uri_opener_gtk_dispose;
}

static void
ferry_uri_opener_gtk_init (FerryUriOpenerGtk *self)
{
}

FerryUriOpener *
ferry_uri_opener_gtk_new (GtkWindow *parent)
{
  FerryUriOpenerGtk *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  self = g_object_new (FERRY_TYPE_URI_OPENER_GTK, NULL);
  g_set_weak_pointer (&self->parent, parent);

  return FERRY_URI_OPENER (self);
}
