/* ferry-token-store.c
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>
#include <string.h>

#include "ferry-auth-error.h"
#include "ferry-token-store.h"

struct _FerryTokenStore
{
  GObject parent_instance;
};

G_DEFINE_FINAL_TYPE (FerryTokenStore, ferry_token_store, G_TYPE_OBJECT)

/* The one schema of Ferry's keyring items. Attributes are stored in clear text:
 * the server, the local account id and the kind. Never a secret. */
static const SecretSchema token_schema = {
  "io.github.ferryapp.Ferry.Token",
  SECRET_SCHEMA_NONE,
  {
    { "site", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "account", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "NULL", 0 },
  },
  /* reserved */
  0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
};

const char *
ferry_token_kind_to_string (FerryTokenKind kind)
{
  switch (kind)
    {
    case FERRY_TOKEN_KIND_USER_JWT:
      return "user-jwt";
    case FERRY_TOKEN_KIND_CLIENT_SECRET:
      return "client-secret";
    case FERRY_TOKEN_KIND_ACCESS_TOKEN:
      return "access-token";
    default:
      g_return_val_if_reached (NULL);
    }
}

static char *
item_label (FerryTokenKind  kind,
            const char     *site_url)
{
  switch (kind)
    {
    case FERRY_TOKEN_KIND_USER_JWT:
      /* Translators: the name of a keyring item, as Passwords and Keys shows it; %s is a server address */
      return g_strdup_printf (_("Ferry sign-in token for %s"), site_url);
    case FERRY_TOKEN_KIND_CLIENT_SECRET:
      /* Translators: the name of a keyring item, as Passwords and Keys shows it; %s is a server address */
      return g_strdup_printf (_("Ferry machine identity client secret for %s"), site_url);
    case FERRY_TOKEN_KIND_ACCESS_TOKEN:
      /* Translators: the name of a keyring item, as Passwords and Keys shows it; %s is a server address */
      return g_strdup_printf (_("Ferry machine identity access token for %s"), site_url);
    default:
      g_return_val_if_reached (NULL);
    }
}

/* libsecret's errors (no secret in them) become FERRY_AUTH_ERROR_KEYRING with @message;
 * cancellation stays G_IO_ERROR_CANCELLED. */
static GError *
keyring_error (GError     *error,
               const char *message)
{
  GError *ret;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return error;

  ret = ferry_auth_error_new (FERRY_AUTH_ERROR_KEYRING, message, error->message);
  g_error_free (error);
  return ret;
}

static void
ferry_token_store_class_init (FerryTokenStoreClass *klass)
{
}

static void
ferry_token_store_init (FerryTokenStore *self)
{
}

FerryTokenStore *
ferry_token_store_new (void)
{
  return g_object_new (FERRY_TYPE_TOKEN_STORE, NULL);
}

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    {
      g_task_return_error (task,
                           keyring_error (error,
                                          _("Could not save the sign-in in the keyring. Check that a keyring such as GNOME Keyring is running and unlocked, then try again.")));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/* @secret: the item's JSON text for @kind (see ferry-token-store.h). Replaces an
 * existing item with the same site, account and kind. */
void
ferry_token_store_store_async (FerryTokenStore     *self,
                               const char          *site_url,
                               const char          *account_id,
                               FerryTokenKind       kind,
                               const char          *secret,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *label = NULL;

  g_return_if_fail (FERRY_IS_TOKEN_STORE (self));
  g_return_if_fail (site_url != NULL);
  g_return_if_fail (account_id != NULL);
  g_return_if_fail (ferry_token_kind_to_string (kind) != NULL);
  g_return_if_fail (secret != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ferry_token_store_store_async);

  label = item_label (kind, site_url);
  secret_password_store (&token_schema, SECRET_COLLECTION_DEFAULT, label, secret,
                         cancellable, store_cb, g_steal_pointer (&task),
                         "site", site_url,
                         "account", account_id,
                         "kind", ferry_token_kind_to_string (kind),
                         NULL);
}

gboolean
ferry_token_store_store_finish (FerryTokenStore  *self,
                                GAsyncResult     *result,
                                GError          **error)
{
  g_return_val_if_fail (FERRY_IS_TOKEN_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ferry_token_store_store_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
free_secret (gpointer data)
{
  char *secret = data;

  if (secret != NULL)
    {
      memset (secret, 0, strlen (secret));
      g_free (secret);
    }
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *secret;
  char *copy;

  secret = secret_password_lookup_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task,
                           keyring_error (error,
                                          _("Could not read the sign-in from the keyring. Check that a keyring such as GNOME Keyring is running and unlocked, then try again.")));
      return;
    }

  /* libsecret hands out non-pageable memory: give the caller a plain copy. */
  copy = g_strdup (secret);
  secret_password_free (secret);
  g_task_return_pointer (task, copy, free_secret);
}

void
ferry_token_store_lookup_async (FerryTokenStore     *self,
                                const char          *site_url,
                                const char          *account_id,
                                FerryTokenKind       kind,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (FERRY_IS_TOKEN_STORE (self));
  g_return_if_fail (site_url != NULL);
  g_return_if_fail (account_id != NULL);
  g_return_if_fail (ferry_token_kind_to_string (kind) != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ferry_token_store_lookup_async);

  secret_password_lookup (&token_schema, cancellable, lookup_cb, g_steal_pointer (&task),
                          "site", site_url,
                          "account", account_id,
                          "kind", ferry_token_kind_to_string (kind),
                          NULL);
}

char *
ferry_token_store_lookup_finish (FerryTokenStore  *self,
                                 GAsyncResult     *result,
                                 GError          **error)
{
  g_return_val_if_fail (FERRY_IS_TOKEN_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ferry_token_store_lookup_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
clear_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  /* FALSE without an error: there was nothing to delete. */
  if (!secret_password_clear_finish (result, &error) && error != NULL)
    {
      g_task_return_error (task,
                           keyring_error (error,
                                          _("Could not remove the sign-in from the keyring. Check that a keyring such as GNOME Keyring is running and unlocked, then try again.")));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

void
ferry_token_store_clear_async (FerryTokenStore     *self,
                               const char          *site_url,
                               const char          *account_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (FERRY_IS_TOKEN_STORE (self));
  g_return_if_fail (site_url != NULL);
  g_return_if_fail (account_id != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ferry_token_store_clear_async);

  /* Without "kind": every item of the account goes. */
  secret_password_clear (&token_schema, cancellable, clear_cb, g_steal_pointer (&task),
                         "site", site_url,
                         "account", account_id,
                         NULL);
}

gboolean
ferry_token_store_clear_finish (FerryTokenStore  *self,
                                GAsyncResult     *result,
                                GError          **error)
{
  g_return_val_if_fail (FERRY_IS_TOKEN_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ferry_token_store_clear_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
