/* ferry-uri-opener.c
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ferry-uri-opener.h"

G_DEFINE_INTERFACE (FerryUriOpener, ferry_uri_opener, G_TYPE_OBJECT)

static void
ferry_uri_opener_default_init (FerryUriOpenerInterface *iface)
{
}

void
ferry_uri_opener_open_async (FerryUriOpener      *self,
                             const char          *uri,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (FERRY_IS_URI_OPENER (self));
  g_return_if_fail (uri != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  FERRY_URI_OPENER_GET_IFACE (self)->open_async (self, uri, cancellable, callback, user_data);
}

gboolean
ferry_uri_opener_open_finish (FerryUriOpener  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (FERRY_IS_URI_OPENER (self), FALSE);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), FALSE);

  return FERRY_URI_OPENER_GET_IFACE (self)->open_finish (self, result, error);
}
