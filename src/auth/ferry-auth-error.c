/* ferry-auth-error.c: the FERRY_AUTH_ERROR domain.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ferry-auth-error.h"

typedef struct
{
  char *detail;
} FerryAuthErrorPrivate;

static void
ferry_auth_error_private_init (FerryAuthErrorPrivate *priv)
{
}

static void
ferry_auth_error_private_copy (const FerryAuthErrorPrivate *src,
                               FerryAuthErrorPrivate       *dest)
{
  dest->detail = g_strdup (src->detail);
}

static void
ferry_auth_error_private_clear (FerryAuthErrorPrivate *priv)
{
  g_clear_pointer (&priv->detail, g_free);
}

/* G_DEFINE_EXTENDED_ERROR casts a guint8 * to the private struct, which clang's
 * -Wcast-align flags. GLib rounds the private size up with ALIGN_STRUCT and places it
 * in front of the GError (glib/gerror.c, g_error_allocate ()), so it is aligned. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wcast-align"
G_DEFINE_EXTENDED_ERROR (FerryAuthError, ferry_auth_error)
#pragma GCC diagnostic pop

GError *
ferry_auth_error_new (FerryAuthErrorCode  code,
                      const char         *message,
                      const char         *detail)
{
  GError *error;
  FerryAuthErrorPrivate *priv;

  g_return_val_if_fail (message != NULL, NULL);

  error = g_error_new_literal (FERRY_AUTH_ERROR, code, message);
  priv = ferry_auth_error_get_private (error);
  if (priv != NULL && detail != NULL && *detail != '\0')
    priv->detail = g_strdup (detail);

  return error;
}

const char *
ferry_auth_error_get_detail (const GError *error)
{
  FerryAuthErrorPrivate *priv;

  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain != FERRY_AUTH_ERROR)
    return NULL;
  priv = ferry_auth_error_get_private (error);
  return priv != NULL ? priv->detail : NULL;
}
