/* ferry-session-signin.c: how a FerrySession begins and ends.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Machine identity sign-in, user sign-in with a JWT, restoring a stored account from the
 * keyring, and sign-out. Each sign-in writes the keyring before it adds the account, and
 * undoes its keyring writes when it fails or is cancelled. What the session does with its
 * tokens afterwards is ferry-session.c.
 *
 * Tokens and secrets live in memory and in the keyring only. Debug messages name the
 * account by its local id, never by a token or secret.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ferry-jwt.h"
#include "ferry-session-private.h"

/* ---- Sign-in (shared) ---- */

typedef struct
{
  FerryAccountStore *accounts;
  FerryTokenStore   *token_store;
  FerryApiClient    *client;
  FerryAccount      *account;      /* the new account, not yet in the store */
  char              *account_id;   /* the id its keyring items get */
  gboolean           replaces;     /* an account for the same sign-in is stored already */
  char              *client_id;
  char              *client_secret;
  char              *jwt;
  gint64             jwt_expiry;
  FerryTokenInfo    *info;
  GError            *error;        /* kept while rolling back */
} SignIn;

static void
sign_in_free (SignIn *data)
{
  g_clear_object (&data->accounts);
  g_clear_object (&data->token_store);
  g_clear_object (&data->client);
  g_clear_object (&data->account);
  g_clear_pointer (&data->account_id, g_free);
  g_clear_pointer (&data->client_id, g_free);
  ferry_session_wipe_string (&data->client_secret);
  ferry_session_wipe_string (&data->jwt);
  if (data->info != NULL)
    {
      ferry_session_wipe_string (&data->info->access_token);
      ferry_token_info_free (data->info);
    }
  g_clear_error (&data->error);
  g_free (data);
}

/* Which id the keyring items get: the stored account's when this sign-in replaces it. */
static void
sign_in_pick_account_id (SignIn *data)
{
  FerryAccount *existing = ferry_account_store_find (data->accounts, data->account);

  data->replaces = existing != NULL;
  data->account_id = g_strdup (ferry_account_get_id (existing != NULL ? existing : data->account));
}

/* Adds (or updates) the account and makes the session. */
static FerrySession *
sign_in_make_session (SignIn *data)
{
  FerryAccount *stored = ferry_account_store_add (data->accounts, data->account);
  FerrySession *session = ferry_session_new_for_account (data->accounts, data->token_store, stored, data->client);

  if (data->jwt != NULL)
    {
      ferry_session_set_user_token (session, data->jwt, data->jwt_expiry);
    }
  else
    {
      session->client_secret = g_strdup (data->client_secret);
      ferry_session_set_access_token (session, data->info, TRUE);
    }

  return session;
}

static void
revoke_ignore_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!ferry_api_client_revoke_token_finish (FERRY_API_CLIENT (object), result, &error))
    g_debug ("Could not revoke an access token: %s", error->message);
}

static void sign_in_fail (GTask *task, GError *error);

/* The keyring has everything: add the account and hand out the session. Takes over the
 * reference of @task. */
static void
sign_in_complete (GTask *task)
{
  SignIn *data = g_task_get_task_data (task);
  GError *error = NULL;

  /* Cancelled after the last keyring write: undo it rather than leave an account that
   * the caller was told does not exist. */
  if (g_cancellable_set_error_if_cancelled (g_task_get_cancellable (task), &error))
    {
      if (data->info != NULL && !data->replaces)
        ferry_api_client_revoke_token_async (data->client, data->info->access_token, NULL,
                                             revoke_ignore_cb, NULL);
      sign_in_fail (task, error);
      return;
    }

  g_task_return_pointer (task, sign_in_make_session (data), g_object_unref);
  g_object_unref (task);
}

static void
sign_in_rollback_clear_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SignIn *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!ferry_token_store_clear_finish (FERRY_TOKEN_STORE (object), result, &error))
    g_warning ("Could not remove a failed sign-in from the keyring: %s",
               ferry_auth_error_get_detail (error) ? ferry_auth_error_get_detail (error) : error->message);

  g_task_return_error (task, g_steal_pointer (&data->error));
}

/* A sign-in that fails after touching the keyring leaves nothing behind.
 * Takes over the reference of @task and @error. */
static void
sign_in_fail (GTask  *task,
              GError *error)
{
  SignIn *data = g_task_get_task_data (task);

  if (data->account_id == NULL || data->replaces)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  data->error = error;
  /* Not the task's cancellable: the rollback must run even when the sign-in was cancelled. */
  ferry_token_store_clear_async (data->token_store,
                                 ferry_account_get_site_url (data->account),
                                 data->account_id,
                                 NULL,
                                 sign_in_rollback_clear_cb,
                                 task);
}


static gboolean
normalize_site (const char  *site_url,
                char       **normalized,
                GError     **error)
{
  *normalized = ferry_api_normalize_site_url (site_url, error);

  return *normalized != NULL;
}

/* ---- Machine identity sign-in ---- */

static void mi_store_access_token_cb (GObject *object, GAsyncResult *result, gpointer user_data);

static void
mi_store_client_secret_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  GTask *task = user_data;
  SignIn *data = g_task_get_task_data (task);
  g_autoptr(WipedString) json = NULL;
  GError *error = NULL;

  if (!ferry_token_store_store_finish (FERRY_TOKEN_STORE (object), result, &error))
    {
      /* Do not leave a working token behind on the server either. */
      ferry_api_client_revoke_token_async (data->client, data->info->access_token, NULL,
                                           revoke_ignore_cb, NULL);
      sign_in_fail (task, error);
      return;
    }

  json = ferry_session_build_secret_json ("accessToken", data->info->access_token,
                                          "expiresIn", MAX (data->info->expires_in, (gint64) 0),
                                          "maxTtl", MAX (data->info->max_ttl, (gint64) 0),
                                          "obtainedAt", data->info->obtained_at,
                                          "createdAt", data->info->obtained_at,
                                          NULL);
  ferry_token_store_store_async (data->token_store,
                                 ferry_account_get_site_url (data->account),
                                 data->account_id,
                                 FERRY_TOKEN_KIND_ACCESS_TOKEN,
                                 json,
                                 g_task_get_cancellable (task),
                                 mi_store_access_token_cb,
                                 task);
}

static void
mi_store_access_token_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  GTask *task = user_data;
  SignIn *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (!ferry_token_store_store_finish (FERRY_TOKEN_STORE (object), result, &error))
    {
      ferry_api_client_revoke_token_async (data->client, data->info->access_token, NULL,
                                           revoke_ignore_cb, NULL);
      sign_in_fail (task, error);
      return;
    }

  sign_in_complete (task);
}

static GError *
machine_identity_login_error (GError *error)
{
  const char *detail = ferry_api_error_get_detail (error);
  const char *message;
  GError *ret;

  if (!g_error_matches (error, FERRY_API_ERROR, FERRY_API_ERROR_UNAUTHORIZED))
    return error;

  if (detail != NULL && strstr (detail, "locked") != NULL)
    message = _("This machine identity is locked for a while after too many failed sign-ins. Wait a few minutes, then try again.");
  else if (detail != NULL && strstr (detail, "expired client secret") != NULL)
    message = _("This client secret has expired. Create a new client secret for the machine identity in Infisical and try again.");
  else if (detail != NULL && strstr (detail, "usage limit") != NULL)
    message = _("This client secret has reached its usage limit. Create a new client secret for the machine identity in Infisical and try again.");
  else
    message = _("The client ID or client secret was not accepted. Check both and try again.");

  ret = ferry_api_error_new (FERRY_API_ERROR_UNAUTHORIZED, message,
                             ferry_api_error_get_http_status (error), detail,
                             ferry_api_error_get_request_id (error));
  g_error_free (error);
  return ret;
}

/* Stores the client secret, then the access token, then completes. Takes over @task. */
static void
mi_store_secrets (GTask *task)
{
  SignIn *data = g_task_get_task_data (task);
  g_autoptr(WipedString) json = NULL;

  sign_in_pick_account_id (data);

  json = ferry_session_build_secret_json ("clientSecret", data->client_secret, NULL);
  ferry_token_store_store_async (data->token_store,
                                 ferry_account_get_site_url (data->account),
                                 data->account_id,
                                 FERRY_TOKEN_KIND_CLIENT_SECRET,
                                 json,
                                 g_task_get_cancellable (task),
                                 mi_store_client_secret_cb,
                                 task);
}

static void
mi_login_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  SignIn *data = g_task_get_task_data (task);
  g_autoptr(JsonObject) claims = NULL;
  GError *error = NULL;
  const char *organization_id = NULL;

  data->info = ferry_api_client_universal_auth_login_finish (FERRY_API_CLIENT (object), result, &error);
  if (data->info == NULL)
    {
      g_task_return_error (task, machine_identity_login_error (error));
      g_object_unref (task);
      return;
    }

  data->account = ferry_account_new (FERRY_ACCOUNT_KIND_MACHINE_IDENTITY,
                                     ferry_api_client_get_site_url (data->client));
  ferry_account_set_client_id (data->account, data->client_id);

  /* Identity tokens rarely name their organization; take it when they do. */
  claims = ferry_jwt_decode_claims (data->info->access_token, NULL);
  if (claims != NULL)
    {
      organization_id = ferry_jwt_get_string (claims, "organizationId");
      if (organization_id == NULL)
        organization_id = ferry_jwt_get_string (claims, "orgId");
    }
  ferry_account_set_organization_id (data->account, organization_id);

  /* Else the workspace's first project list fills it in (projects carry orgId,
   * src/core/ferry-workspace.c): listing them here too would be the same request twice
   * and one more round trip before the window shows anything. Only a hint for the UI. */
  mi_store_secrets (task);
}

void
ferry_session_sign_in_machine_identity_async (FerryAccountStore   *accounts,
                                              FerryTokenStore     *token_store,
                                              const char          *site_url,
                                              const char          *client_id,
                                              const char          *client_secret,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *site = NULL;
  g_autofree char *id = NULL;
  g_autofree char *secret = NULL;
  GError *error = NULL;
  SignIn *data;

  g_return_if_fail (FERRY_IS_ACCOUNT_STORE (accounts));
  g_return_if_fail (FERRY_IS_TOKEN_STORE (token_store));
  g_return_if_fail (site_url != NULL);
  g_return_if_fail (client_id != NULL);
  g_return_if_fail (client_secret != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ferry_session_sign_in_machine_identity_async);

  id = g_strstrip (g_strdup (client_id));
  secret = g_strstrip (g_strdup (client_secret));
  if (*id == '\0' || *secret == '\0')
    {
      g_task_return_error (task,
                           ferry_api_error_new (FERRY_API_ERROR_INVALID_INPUT,
                                                _("Enter the client ID and the client secret of the machine identity."),
                                                0, NULL, NULL));
      ferry_session_wipe_string (&secret);
      return;
    }

  if (!normalize_site (site_url, &site, &error))
    {
      g_task_return_error (task, error);
      ferry_session_wipe_string (&secret);
      return;
    }

  data = g_new0 (SignIn, 1);
  data->accounts = g_object_ref (accounts);
  data->token_store = g_object_ref (token_store);
  data->client = ferry_api_client_new (site);
  data->client_secret = g_steal_pointer (&secret);
  data->client_id = g_steal_pointer (&id);
  g_task_set_task_data (task, data, (GDestroyNotify) sign_in_free);

  ferry_api_client_universal_auth_login_async (data->client,
                                               data->client_id,
                                               data->client_secret,
                                               cancellable,
                                               mi_login_cb,
                                               g_steal_pointer (&task));
}

FerrySession *
ferry_session_sign_in_machine_identity_finish (GAsyncResult  *result,
                                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ferry_session_sign_in_machine_identity_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- User sign-in with a JWT ---- */

static void
jwt_store_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  if (!ferry_token_store_store_finish (FERRY_TOKEN_STORE (object), result, &error))
    {
      sign_in_fail (task, error);
      return;
    }

  sign_in_complete (task);
}

static void
jwt_store (GTask *task)
{
  SignIn *data = g_task_get_task_data (task);
  g_autoptr(WipedString) json = NULL;

  /* The client asked with the static provider for the organization list; the session
   * becomes its provider in sign_in_make_session (). */
  ferry_api_client_set_token_provider (data->client, NULL);

  sign_in_pick_account_id (data);
  json = ferry_session_build_secret_json ("token", data->jwt, NULL);
  ferry_token_store_store_async (data->token_store,
                                 ferry_account_get_site_url (data->account),
                                 data->account_id,
                                 FERRY_TOKEN_KIND_USER_JWT,
                                 json,
                                 g_task_get_cancellable (task),
                                 jwt_store_cb,
                                 task);
}

static void
jwt_user_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  SignIn *data = g_task_get_task_data (task);
  g_autofree char *email = NULL;
  GError *error = NULL;

  email = ferry_api_client_get_user_email_finish (FERRY_API_CLIENT (object), result, &error);
  if (email == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  ferry_account_set_email (data->account, email);
  jwt_store (task);
}

static void
jwt_organizations_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GTask *task = user_data;
  SignIn *data = g_task_get_task_data (task);
  g_autoptr(GListStore) organizations = NULL;
  GError *error = NULL;
  const char *organization_id = ferry_account_get_organization_id (data->account);
  guint n;

  /* Whose token this is cannot be taken from whoever posted it: outside a browser any
   * local process can send the loopback server a valid token of its own, with any Origin
   * and any "email" (src/auth/ferry-browser-signin.h). So the organization must be one
   * the token's user belongs to, and the email is the server's (GET /api/v1/user). */
  organizations = ferry_api_client_list_organizations_finish (FERRY_API_CLIENT (object), result, &error);
  if (organizations == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (organizations));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FerryOrganization) organization = g_list_model_get_item (G_LIST_MODEL (organizations), i);

      if (g_strcmp0 (ferry_resource_get_id (FERRY_RESOURCE (organization)), organization_id) == 0)
        {
          ferry_account_set_organization_name (data->account, ferry_organization_get_name (organization));
          ferry_api_client_get_user_email_async (data->client, data->jwt, g_task_get_cancellable (task),
                                                 jwt_user_cb, task);
          return;
        }
    }

  {
    g_autofree char *detail = g_strdup_printf ("organization %s is not among the %u of the token's user",
                                               organization_id ? organization_id : "(none)", n);

    g_task_return_error (task,
                         ferry_api_error_new (FERRY_API_ERROR_FORBIDDEN,
                                              _("This sign-in is for an organization your Infisical account is not a member of. Sign in again in the browser and choose one of your organizations."),
                                              0, detail, NULL));
    g_object_unref (task);
  }
}

static void
jwt_check_auth_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GTask *task = user_data;
  SignIn *data = g_task_get_task_data (task);
  g_autoptr(FerryTokenProvider) provider = NULL;
  GError *error = NULL;

  if (!ferry_api_client_check_auth_finish (FERRY_API_CLIENT (object), result, &error))
    {
      if (g_error_matches (error, FERRY_API_ERROR, FERRY_API_ERROR_UNAUTHORIZED) ||
          g_error_matches (error, FERRY_API_ERROR, FERRY_API_ERROR_TOKEN_EXPIRED) ||
          g_error_matches (error, FERRY_API_ERROR, FERRY_API_ERROR_FORBIDDEN))
        {
          GError *refused = ferry_api_error_new (error->code,
                                                 _("Infisical did not accept this sign-in token. Sign in again in the browser."),
                                                 ferry_api_error_get_http_status (error),
                                                 ferry_api_error_get_detail (error),
                                                 ferry_api_error_get_request_id (error));
          g_error_free (error);
          error = refused;
        }

      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  provider = ferry_static_token_provider_new (data->jwt);
  ferry_api_client_set_token_provider (data->client, provider);
  ferry_api_client_list_organizations_async (data->client,
                                             g_task_get_cancellable (task),
                                             jwt_organizations_cb,
                                             task);
}

void
ferry_session_sign_in_with_jwt_async (FerryAccountStore   *accounts,
                                      FerryTokenStore     *token_store,
                                      const char          *site_url,
                                      const char          *jwt,
                                      const char          *email,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonObject) claims = NULL;
  g_autofree char *site = NULL;
  g_autofree char *token = NULL;
  GError *error = NULL;
  SignIn *data;

  g_return_if_fail (FERRY_IS_ACCOUNT_STORE (accounts));
  g_return_if_fail (FERRY_IS_TOKEN_STORE (token_store));
  g_return_if_fail (site_url != NULL);
  g_return_if_fail (jwt != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ferry_session_sign_in_with_jwt_async);

  if (!normalize_site (site_url, &site, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  token = g_strstrip (g_strdup (jwt));
  claims = ferry_jwt_check_user_token (token, g_get_real_time () / G_USEC_PER_SEC, &error);
  if (claims == NULL)
    {
      ferry_session_wipe_string (&token);
      g_task_return_error (task, error);
      return;
    }

  data = g_new0 (SignIn, 1);
  data->accounts = g_object_ref (accounts);
  data->token_store = g_object_ref (token_store);
  data->client = ferry_api_client_new (site);
  data->jwt = g_steal_pointer (&token);
  data->jwt_expiry = ferry_jwt_get_expiry (claims);
  data->account = ferry_account_new (FERRY_ACCOUNT_KIND_USER, site);
  /* @email is what came with the token, unverified: the account's email is the server's
   * (jwt_organizations_cb). */
  (void) email;
  ferry_account_set_organization_id (data->account, ferry_jwt_get_string (claims, "organizationId"));
  g_task_set_task_data (task, data, (GDestroyNotify) sign_in_free);

  ferry_api_client_check_auth_async (data->client, data->jwt, cancellable,
                                     jwt_check_auth_cb, g_steal_pointer (&task));
}

FerrySession *
ferry_session_sign_in_with_jwt_finish (GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ferry_session_sign_in_with_jwt_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- Restore from the keyring ---- */

static void
restore_access_token_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FerrySession *session = g_task_get_task_data (task);
  g_autoptr(WipedString) json = NULL;
  GError *error = NULL;

  json = ferry_token_store_lookup_finish (FERRY_TOKEN_STORE (object), result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* A cached token saves a login; without one the first request logs in. */
  if (json != NULL && !ferry_session_load_access_token (session, json))
    {
      g_debug ("Ignoring an unreadable cached access token of account %s",
               ferry_account_get_id (session->account));
      ferry_session_wipe_string (&session->access_token);
    }

  g_task_return_pointer (task, g_object_ref (session), g_object_unref);
}

static void
restore_client_secret_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FerrySession *session = g_task_get_task_data (task);
  g_autoptr(WipedString) json = NULL;
  g_autoptr(JsonObject) secret = NULL;
  const char *client_secret;
  GError *error = NULL;

  json = ferry_token_store_lookup_finish (FERRY_TOKEN_STORE (object), result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  secret = ferry_session_parse_secret_json (json);
  client_secret = secret != NULL ? ferry_session_json_get_string (secret, "clientSecret") : NULL;
  if (client_secret == NULL || *client_secret == '\0')
    {
      /* Nothing to log in with: keep the account, ask for the secret again. */
      ferry_session_set_state (session, FERRY_SESSION_STATE_EXPIRED);
      g_task_return_pointer (task, g_object_ref (session), g_object_unref);
      return;
    }

  session->client_secret = g_strdup (client_secret);

  ferry_token_store_lookup_async (session->token_store,
                                  ferry_account_get_site_url (session->account),
                                  ferry_account_get_id (session->account),
                                  FERRY_TOKEN_KIND_ACCESS_TOKEN,
                                  g_task_get_cancellable (task),
                                  restore_access_token_cb,
                                  g_object_ref (task));
}

static void
restore_user_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FerrySession *session = g_task_get_task_data (task);
  g_autoptr(WipedString) json = NULL;
  g_autoptr(JsonObject) secret = NULL;
  g_autoptr(JsonObject) claims = NULL;
  const char *jwt;
  GError *error = NULL;

  json = ferry_token_store_lookup_finish (FERRY_TOKEN_STORE (object), result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  secret = ferry_session_parse_secret_json (json);
  jwt = secret != NULL ? ferry_session_json_get_string (secret, "token") : NULL;
  if (jwt != NULL)
    claims = ferry_jwt_decode_claims (jwt, NULL);

  if (claims == NULL)
    ferry_session_set_state (session, FERRY_SESSION_STATE_EXPIRED);
  else
    ferry_session_set_user_token (session, jwt, ferry_jwt_get_expiry (claims));

  g_task_return_pointer (task, g_object_ref (session), g_object_unref);
}

void
ferry_session_restore_async (FerryAccountStore   *accounts,
                             FerryTokenStore     *token_store,
                             FerryAccount        *account,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  FerrySession *session;

  g_return_if_fail (FERRY_IS_ACCOUNT_STORE (accounts));
  g_return_if_fail (FERRY_IS_TOKEN_STORE (token_store));
  g_return_if_fail (FERRY_IS_ACCOUNT (account));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ferry_session_restore_async);

  session = ferry_session_new_for_account (accounts, token_store, account, NULL);
  g_task_set_task_data (task, session, g_object_unref);

  ferry_token_store_lookup_async (token_store,
                                  ferry_account_get_site_url (account),
                                  ferry_account_get_id (account),
                                  ferry_account_get_kind (account) == FERRY_ACCOUNT_KIND_USER
                                  ? FERRY_TOKEN_KIND_USER_JWT : FERRY_TOKEN_KIND_CLIENT_SECRET,
                                  cancellable,
                                  ferry_account_get_kind (account) == FERRY_ACCOUNT_KIND_USER
                                  ? restore_user_cb : restore_client_secret_cb,
                                  g_steal_pointer (&task));
}

FerrySession *
ferry_session_restore_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ferry_session_restore_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- Sign-out ---- */

static void
sign_out_clear_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FerrySession *self = g_task_get_source_object (task);
  GError *error = NULL;

  if (!ferry_token_store_clear_finish (FERRY_TOKEN_STORE (object), result, &error))
    {
      /* Keep the account so people can try again: its secrets are still stored. */
      g_task_return_error (task, error);
      return;
    }

  ferry_account_store_remove (self->accounts, self->account);

  ferry_session_wipe_string (&self->jwt);
  ferry_session_wipe_string (&self->client_secret);
  ferry_session_wipe_string (&self->access_token);
  g_clear_handle_id (&self->expiry_source, g_source_remove);
  ferry_session_set_state (self, FERRY_SESSION_STATE_SIGNED_OUT);

  g_task_return_boolean (task, TRUE);
}

static void
sign_out_clear (GTask *task)
{
  FerrySession *self = g_task_get_source_object (task);

  ferry_token_store_clear_async (self->token_store,
                                 ferry_account_get_site_url (self->account),
                                 ferry_account_get_id (self->account),
                                 g_task_get_cancellable (task),
                                 sign_out_clear_cb,
                                 task);
}

static void
sign_out_revoke_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GError) error = NULL;

  if (!ferry_api_client_revoke_token_finish (FERRY_API_CLIENT (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          g_object_unref (task);
          return;
        }

      /* Best effort: the token runs out by itself; the keyring must still be cleared. */
      g_debug ("Could not revoke the access token on sign-out: %s", error->message);
    }

  sign_out_clear (task);
}

void
ferry_session_sign_out_async (FerrySession        *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (FERRY_IS_SESSION (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ferry_session_sign_out_async);

  /* No renewal or keyring write may race the clearing. */
  ferry_session_stop_background (self);

  if (ferry_account_get_kind (self->account) == FERRY_ACCOUNT_KIND_MACHINE_IDENTITY &&
      self->access_token != NULL)
    {
      ferry_api_client_revoke_token_async (self->client, self->access_token, cancellable,
                                           sign_out_revoke_cb, g_steal_pointer (&task));
      return;
    }

  sign_out_clear (g_steal_pointer (&task));
}

gboolean
ferry_session_sign_out_finish (FerrySession  *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (FERRY_IS_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ferry_session_sign_out_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
