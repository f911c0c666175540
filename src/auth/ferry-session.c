/* ferry-session.c: a signed-in account and its token lifecycle.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The GObject and the FerryTokenProvider side: a user JWT's expiry timer, a machine
 * identity's renewals and logins (one at a time, shared by every waiting request), the
 * background keyring writes of its access token, and the state. How a session is made
 * (sign-in, restore) and ended (sign-out) is ferry-session-signin.c.
 *
 * Tokens and secrets live in this object's memory and in the keyring only. Debug
 * messages name the account by its local id, never by a token or secret.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ferry-jwt.h"
#include "ferry-session-private.h"
#include "ferry-weak-token-provider.h"

/* Renew a machine identity's token once this share of expiresIn has passed. */
#define RENEW_AT_PERCENT 80
/* Log in again this long before max TTL (at most; a tenth of max TTL for short ones). */
#define MAX_TTL_MARGIN_USEC (5 * G_USEC_PER_SEC)

static void ferry_session_token_provider_init (FerryTokenProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FerrySession, ferry_session, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (FERRY_TYPE_TOKEN_PROVIDER,
                                                      ferry_session_token_provider_init))

enum {
  PROP_0,
  PROP_ACCOUNT,
  PROP_ACCOUNTS,
  PROP_TOKEN_STORE,
  PROP_CLIENT,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GType
ferry_session_state_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { FERRY_SESSION_STATE_ACTIVE, "FERRY_SESSION_STATE_ACTIVE", "active" },
        { FERRY_SESSION_STATE_EXPIRED, "FERRY_SESSION_STATE_EXPIRED", "expired" },
        { FERRY_SESSION_STATE_SIGNED_OUT, "FERRY_SESSION_STATE_SIGNED_OUT", "signed-out" },
        { 0, NULL, NULL }
      };
      GType type = g_enum_register_static (g_intern_static_string ("FerrySessionState"), values);

      g_once_init_leave (&type_id, type);
    }

  return type_id;
}

/* ---- Keyring items ---- */

/* Builds the keyring item JSON with one string member @name = @value, plus the
 * integer pairs of @... (name, gint64, …, NULL). */
char *
ferry_session_build_secret_json (const char *name,
                                 const char *value,
                                 ...)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  const char *int_name;
  va_list args;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);

  va_start (args, value);
  while ((int_name = va_arg (args, const char *)) != NULL)
    {
      json_builder_set_member_name (builder, int_name);
      json_builder_add_int_value (builder, va_arg (args, gint64));
    }
  va_end (args);

  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

/* The JSON object of a keyring item, or NULL when it is not one. */
JsonObject *
ferry_session_parse_secret_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;

  if (text == NULL || !json_parser_load_from_data (parser, text, -1, NULL))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  return json_object_ref (json_node_get_object (root));
}

const char *
ferry_session_json_get_string (JsonObject *object,
                               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static gint64
json_get_int (JsonObject *object,
              const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return 0;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return json_node_get_int (node);
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    return (gint64) json_node_get_double (node);

  return 0;
}

/* ---- State ---- */

void
ferry_session_set_state (FerrySession      *self,
                         FerrySessionState  state)
{
  if (self->state == state)
    return;

  g_debug ("Session of account %s: state %d → %d",
           ferry_account_get_id (self->account), self->state, state);
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static GError *
expired_error (FerrySession *self)
{
  if (ferry_account_get_kind (self->account) == FERRY_ACCOUNT_KIND_MACHINE_IDENTITY)
    return ferry_api_error_new (FERRY_API_ERROR_TOKEN_EXPIRED,
                                _("The machine identity can no longer sign in with its stored client secret. Sign in again with a valid client secret."),
                                0, NULL, NULL);

  return ferry_api_error_new (FERRY_API_ERROR_TOKEN_EXPIRED,
                              _("Your sign-in has expired. Sign in again to continue."),
                              0, NULL, NULL);
}

static GError *
signed_out_error (void)
{
  return ferry_api_error_new (FERRY_API_ERROR_UNAUTHORIZED,
                              _("This account has been signed out. Sign in again to continue."),
                              0, NULL, NULL);
}

static gboolean expiry_timeout_cb (gpointer user_data);

static void
schedule_expiry (FerrySession *self,
                 gint64        now)
{
  gint64 seconds = self->jwt_expiry - FERRY_JWT_EXPIRY_MARGIN - now;

  g_clear_handle_id (&self->expiry_source, g_source_remove);
  self->expiry_source = g_timeout_add_seconds_full (G_PRIORITY_DEFAULT,
                                                    (guint) CLAMP (seconds, 1, G_MAXUINT / 2),
                                                    expiry_timeout_cb, self, NULL);
}

static gboolean
expiry_timeout_cb (gpointer user_data)
{
  FerrySession *self = user_data;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  self->expiry_source = 0;

  /* Second timers may fire a little early: check the clock. */
  if (!ferry_jwt_is_expired (self->jwt_expiry, now))
    {
      schedule_expiry (self, now);
      return G_SOURCE_REMOVE;
    }

  if (self->state == FERRY_SESSION_STATE_ACTIVE)
    ferry_session_set_state (self, FERRY_SESSION_STATE_EXPIRED);

  return G_SOURCE_REMOVE;
}

/* Takes @jwt (a user token) and @expiry; switches to EXPIRED when the time comes. */
void
ferry_session_set_user_token (FerrySession *self,
                              const char   *jwt,
                              gint64        expiry)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  ferry_session_wipe_string (&self->jwt);
  self->jwt = g_strdup (jwt);
  self->jwt_expiry = expiry;
  g_clear_handle_id (&self->expiry_source, g_source_remove);

  if (ferry_jwt_is_expired (expiry, now))
    {
      ferry_session_set_state (self, FERRY_SESSION_STATE_EXPIRED);
      return;
    }

  ferry_session_set_state (self, FERRY_SESSION_STATE_ACTIVE);
  schedule_expiry (self, now);
}

static gint64
max_ttl_margin (FerrySession *self)
{
  return MIN (MAX_TTL_MARGIN_USEC, self->max_ttl * G_USEC_PER_SEC / 10);
}

/* Whether the identity's token is past (or near) its max TTL: renewing cannot help. */
static gboolean
max_ttl_near (FerrySession *self,
              gint64        now)
{
  if (self->max_ttl <= 0 || self->created_at <= 0)
    return FALSE;

  return now >= self->created_at + self->max_ttl * G_USEC_PER_SEC - max_ttl_margin (self);
}

/* Whether the identity's token can be used as it is (before ~80 % of its TTL). */
static gboolean
access_token_fresh (FerrySession *self,
                    gint64        now)
{
  if (self->access_token == NULL || max_ttl_near (self, now))
    return FALSE;

  if (self->expires_in <= 0)
    return TRUE;

  return now < self->obtained_at + self->expires_in * G_USEC_PER_SEC * RENEW_AT_PERCENT / 100;
}

/* Whether the identity's token has not yet run out (it may still be used if renewal
 * fails for a reason that is not the token's fault, such as the network). */
static gboolean
access_token_alive (FerrySession *self,
                    gint64        now)
{
  if (self->access_token == NULL)
    return FALSE;
  if (self->max_ttl > 0 && self->created_at > 0 &&
      now >= self->created_at + self->max_ttl * G_USEC_PER_SEC)
    return FALSE;
  if (self->expires_in <= 0)
    return TRUE;

  return now < self->obtained_at + self->expires_in * G_USEC_PER_SEC;
}

/* ---- Keyring writes of the access token (background, coalesced) ---- */

static void persist_access_token (FerrySession *self);

static void
persist_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(FerrySession) self = user_data;
  g_autoptr(GError) error = NULL;

  self->persisting = FALSE;

  if (!ferry_token_store_store_finish (FERRY_TOKEN_STORE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not keep the access token of account %s in the keyring: %s",
                   ferry_account_get_id (self->account),
                   ferry_auth_error_get_detail (error) ? ferry_auth_error_get_detail (error) : error->message);
      return;
    }

  if (self->persist_again)
    persist_access_token (self);
}

static void
persist_access_token (FerrySession *self)
{
  g_autoptr(WipedString) json = NULL;

  if (self->access_token == NULL || self->state == FERRY_SESSION_STATE_SIGNED_OUT)
    return;

  if (self->persisting)
    {
      self->persist_again = TRUE;
      return;
    }

  self->persisting = TRUE;
  self->persist_again = FALSE;
  json = ferry_session_build_secret_json ("accessToken", self->access_token,
                                          "expiresIn", self->expires_in,
                                          "maxTtl", self->max_ttl,
                                          "obtainedAt", self->obtained_at,
                                          "createdAt", self->created_at,
                                          NULL);
  ferry_token_store_store_async (self->token_store,
                                 ferry_account_get_site_url (self->account),
                                 ferry_account_get_id (self->account),
                                 FERRY_TOKEN_KIND_ACCESS_TOKEN,
                                 json,
                                 self->cancellable,
                                 persist_cb,
                                 g_object_ref (self));
}

void
ferry_session_set_access_token (FerrySession         *self,
                                const FerryTokenInfo *info,
                                gboolean              new_login)
{
  ferry_session_wipe_string (&self->access_token);
  self->access_token = g_strdup (info->access_token);
  self->expires_in = MAX (info->expires_in, 0);
  self->max_ttl = MAX (info->max_ttl, 0);
  self->obtained_at = info->obtained_at > 0 ? info->obtained_at : g_get_real_time ();
  /* Max TTL counts from the login; renewals do not move it. */
  if (new_login || self->created_at <= 0)
    self->created_at = self->obtained_at;
}

/* Restores the access-token item: returns FALSE when it does not parse. */
gboolean
ferry_session_load_access_token (FerrySession *self,
                                 const char   *json)
{
  g_autoptr(JsonObject) object = ferry_session_parse_secret_json (json);
  const char *token;

  if (object == NULL || (token = ferry_session_json_get_string (object, "accessToken")) == NULL || *token == '\0')
    return FALSE;

  ferry_session_wipe_string (&self->access_token);
  self->access_token = g_strdup (token);
  self->expires_in = MAX (json_get_int (object, "expiresIn"), 0);
  self->max_ttl = MAX (json_get_int (object, "maxTtl"), 0);
  self->obtained_at = json_get_int (object, "obtainedAt");
  self->created_at = json_get_int (object, "createdAt");

  return self->obtained_at > 0;
}

/* ---- FerryTokenProvider: one refresh shared by every waiting request ---- */

typedef struct
{
  GTask  *task;
  gulong  cancelled_id;
} Waiter;

static void
waiter_free (Waiter *waiter)
{
  GCancellable *cancellable = g_task_get_cancellable (waiter->task);

  if (waiter->cancelled_id != 0)
    g_cancellable_disconnect (cancellable, waiter->cancelled_id);
  g_clear_object (&waiter->task);
  g_free (waiter);
}

static gboolean
waiter_cancelled_idle_cb (gpointer user_data)
{
  GTask *task = user_data;
  FerrySession *self = g_task_get_source_object (task);

  for (guint i = 0; i < self->waiters->len; i++)
    {
      Waiter *waiter = g_ptr_array_index (self->waiters, i);

      if (waiter->task == task)
        {
          g_autoptr(GTask) owned = g_object_ref (task);

          g_ptr_array_remove_index (self->waiters, i);
          g_task_return_error_if_cancelled (owned);
          break;
        }
    }

  return G_SOURCE_REMOVE;
}

static void
waiter_cancelled_cb (GCancellable *cancellable,
                     GTask        *task)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  /* Later, never from inside this handler: the waiter disconnects it, and
   * g_cancellable_disconnect () from within the handler deadlocks. */
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, waiter_cancelled_idle_cb, g_object_ref (task), g_object_unref);
  g_source_set_static_name (source, "[ferry] session waiter cancelled");
  g_source_attach (source, g_task_get_context (task));
}

static void
finish_refresh (FerrySession *self,
                const GError *error)
{
  g_autoptr(GPtrArray) waiters = NULL;

  self->refreshing = FALSE;
  waiters = g_steal_pointer (&self->waiters);
  self->waiters = g_ptr_array_new_with_free_func ((GDestroyNotify) waiter_free);

  for (guint i = 0; i < waiters->len; i++)
    {
      Waiter *waiter = g_ptr_array_index (waiters, i);
      g_autoptr(GTask) task = g_object_ref (waiter->task);

      /* Disconnect before returning: the callback may cancel. */
      if (waiter->cancelled_id != 0)
        {
          g_cancellable_disconnect (g_task_get_cancellable (task), waiter->cancelled_id);
          waiter->cancelled_id = 0;
        }

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_pointer (task, g_strdup (self->access_token), ferry_session_wipe_and_free);
    }
}

/* One renewal or login in flight: the session and which refresh it belongs to. */
typedef struct
{
  FerrySession *self;
  guint         generation;
} Refresh;

static Refresh *
refresh_new (FerrySession *self)
{
  Refresh *refresh = g_new0 (Refresh, 1);

  refresh->self = g_object_ref (self);
  refresh->generation = self->refresh_generation;
  return refresh;
}

static void
refresh_free (Refresh *refresh)
{
  g_clear_object (&refresh->self);
  g_free (refresh);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Refresh, refresh_free)

/* Whether the answer still matters: sign-out (or dispose) abandons a refresh. */
static gboolean
refresh_is_current (Refresh *refresh)
{
  return refresh->generation == refresh->self->refresh_generation && refresh->self->refreshing;
}

static void login_cb (GObject *object, GAsyncResult *result, gpointer user_data);

static void
start_login (Refresh *refresh)
{
  FerrySession *self = refresh->self;

  g_debug ("Logging in again as the machine identity of account %s",
           ferry_account_get_id (self->account));

  if (self->client_secret == NULL)
    {
      g_autoptr(GError) error = expired_error (self);

      ferry_session_set_state (self, FERRY_SESSION_STATE_EXPIRED);
      finish_refresh (self, error);
      refresh_free (refresh);
      return;
    }

  ferry_api_client_universal_auth_login_async (self->client,
                                               ferry_account_get_client_id (self->account),
                                               self->client_secret,
                                               self->cancellable,
                                               login_cb,
                                               refresh);
}

static void
login_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(Refresh) refresh = user_data;
  FerrySession *self = refresh->self;
  g_autoptr(FerryTokenInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  info = ferry_api_client_universal_auth_login_finish (FERRY_API_CLIENT (object), result, &error);
  if (!refresh_is_current (refresh))
    return;

  if (info == NULL)
    {
      if (g_error_matches (error, FERRY_API_ERROR, FERRY_API_ERROR_UNAUTHORIZED))
        {
          g_autoptr(GError) expired = expired_error (self);
          g_autoptr(GError) detailed = NULL;

          /* The stored client secret was revoked, expired or used up: only people can fix it. */
          detailed = ferry_api_error_new (expired->code, expired->message,
                                          ferry_api_error_get_http_status (error),
                                          ferry_api_error_get_detail (error),
                                          ferry_api_error_get_request_id (error));
          ferry_session_set_state (self, FERRY_SESSION_STATE_EXPIRED);
          finish_refresh (self, detailed);
          return;
        }

      finish_refresh (self, error);
      return;
    }

  ferry_session_set_access_token (self, info, TRUE);
  ferry_session_set_state (self, FERRY_SESSION_STATE_ACTIVE);
  finish_refresh (self, NULL);
  persist_access_token (self);
}

static void
renew_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(Refresh) refresh = user_data;
  FerrySession *self = refresh->self;
  g_autoptr(FerryTokenInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  info = ferry_api_client_renew_token_finish (FERRY_API_CLIENT (object), result, &error);
  if (!refresh_is_current (refresh))
    return;

  if (info == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          finish_refresh (self, error);
          return;
        }

      if (g_error_matches (error, FERRY_API_ERROR, FERRY_API_ERROR_UNAUTHORIZED) ||
          g_error_matches (error, FERRY_API_ERROR, FERRY_API_ERROR_TOKEN_EXPIRED) ||
          g_error_matches (error, FERRY_API_ERROR, FERRY_API_ERROR_BAD_REQUEST) ||
          g_error_matches (error, FERRY_API_ERROR, FERRY_API_ERROR_FORBIDDEN))
        {
          /* Refused (TTL or max TTL ran out, token deleted): the server wants a new login. */
          g_debug ("Renewal refused for account %s (HTTP %u)",
                   ferry_account_get_id (self->account), ferry_api_error_get_http_status (error));
          start_login (g_steal_pointer (&refresh));
          return;
        }

      /* Network or server trouble: the current token still works until it runs out. */
      if (access_token_alive (self, g_get_real_time ()))
        {
          g_debug ("Renewal failed for account %s; using the current token for now",
                   ferry_account_get_id (self->account));
          finish_refresh (self, NULL);
          return;
        }

      finish_refresh (self, error);
      return;
    }

  ferry_session_set_access_token (self, info, FALSE);
  finish_refresh (self, NULL);
  persist_access_token (self);
}

static void
start_refresh (FerrySession *self,
               gboolean      force_login)
{
  g_assert (!self->refreshing);

  self->refreshing = TRUE;
  self->refresh_generation++;

  if (force_login || self->access_token == NULL || max_ttl_near (self, g_get_real_time ()))
    {
      start_login (refresh_new (self));
      return;
    }

  g_debug ("Renewing the access token of account %s", ferry_account_get_id (self->account));
  ferry_api_client_renew_token_async (self->client,
                                      self->access_token,
                                      self->cancellable,
                                      renew_cb,
                                      refresh_new (self));
}

static void
ferry_session_get_token_async (FerryTokenProvider  *provider,
                               gboolean             force_refresh,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  FerrySession *self = FERRY_SESSION (provider);
  g_autoptr(GTask) task = NULL;
  Waiter *waiter;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ferry_session_get_token_async);

  if (g_task_return_error_if_cancelled (task))
    return;

  if (self->state == FERRY_SESSION_STATE_SIGNED_OUT)
    {
      g_task_return_error (task, signed_out_error ());
      return;
    }

  if (ferry_account_get_kind (self->account) == FERRY_ACCOUNT_KIND_USER)
    {
      /* No refresh exists for a user JWT: past exp, or refused by the server, the
       * person has to sign in again. */
      if (force_refresh || self->jwt == NULL ||
          self->state == FERRY_SESSION_STATE_EXPIRED ||
          ferry_jwt_is_expired (self->jwt_expiry, g_get_real_time () / G_USEC_PER_SEC))
        {
          ferry_session_set_state (self, FERRY_SESSION_STATE_EXPIRED);
          g_task_return_error (task, expired_error (self));
          return;
        }

      g_task_return_pointer (task, g_strdup (self->jwt), ferry_session_wipe_and_free);
      return;
    }

  /* The stored client secret was refused: trying it again on every request would only
   * run into the identity's lockout. People sign in again. */
  if (self->state == FERRY_SESSION_STATE_EXPIRED)
    {
      g_task_return_error (task, expired_error (self));
      return;
    }

  if (!force_refresh && !self->refreshing && access_token_fresh (self, g_get_real_time ()))
    {
      g_task_return_pointer (task, g_strdup (self->access_token), ferry_session_wipe_and_free);
      return;
    }

  waiter = g_new0 (Waiter, 1);
  waiter->task = g_object_ref (task);
  if (cancellable != NULL)
    waiter->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (waiter_cancelled_cb),
                                                  task, NULL);
  g_ptr_array_add (self->waiters, waiter);

  /* A request that is already running a refresh (or a forced one while a renewal is
   * under way) joins it: concurrent requests share one renewal or login. */
  if (!self->refreshing)
    start_refresh (self, force_refresh);
}

static char *
ferry_session_get_token_finish (FerryTokenProvider  *provider,
                                GAsyncResult        *result,
                                GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ferry_session_get_token_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
ferry_session_token_provider_init (FerryTokenProviderInterface *iface)
{
  iface->get_token_async = ferry_session_get_token_async;
  iface->get_token_finish = ferry_session_get_token_finish;
}

/* ---- GObject ---- */

static void
ferry_session_dispose (GObject *object)
{
  FerrySession *self = (FerrySession *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->expiry_source, g_source_remove);

  if (self->waiters != NULL && self->waiters->len > 0)
    {
      g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                     "The session was closed");
      finish_refresh (self, error);
    }

  if (self->client != NULL &&
      ferry_api_client_get_token_provider (self->client) == self->client_provider)
    ferry_api_client_set_token_provider (self->client, NULL);

  g_clear_object (&self->client_provider);
  g_clear_object (&self->client);
  g_clear_object (&self->accounts);
  g_clear_object (&self->token_store);

  G_OBJECT_CLASS (ferry_session_parent_class)->dispose (object);
}

static void
ferry_session_finalize (GObject *object)
{
  FerrySession *self = (FerrySession *)object;

  ferry_session_wipe_string (&self->jwt);
  ferry_session_wipe_string (&self->client_secret);
  ferry_session_wipe_string (&self->access_token);
  g_clear_pointer (&self->waiters, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->account);

  G_OBJECT_CLASS (ferry_session_parent_class)->finalize (object);
}

static void
ferry_session_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  FerrySession *self = FERRY_SESSION (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;
    case PROP_ACCOUNTS:
      g_value_set_object (value, self->accounts);
      break;
    case PROP_TOKEN_STORE:
      g_value_set_object (value, self->token_store);
      break;
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_session_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  FerrySession *self = FERRY_SESSION (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      self->account = g_value_dup_object (value);
      break;
    case PROP_ACCOUNTS:
      self->accounts = g_value_dup_object (value);
      break;
    case PROP_TOKEN_STORE:
      self->token_store = g_value_dup_object (value);
      break;
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_session_constructed (GObject *object)
{
  FerrySession *self = (FerrySession *)object;

  G_OBJECT_CLASS (ferry_session_parent_class)->constructed (object);

  g_assert (FERRY_IS_ACCOUNT (self->account));
  g_assert (FERRY_IS_ACCOUNT_STORE (self->accounts));
  g_assert (FERRY_IS_TOKEN_STORE (self->token_store));

  if (self->client == NULL)
    self->client = ferry_api_client_new (ferry_account_get_site_url (self->account));
  /* The client keeps its provider alive; the session keeps the client alive. */
  self->client_provider = ferry_weak_token_provider_new (FERRY_TOKEN_PROVIDER (self));
  ferry_api_client_set_token_provider (self->client, self->client_provider);
}

static void
ferry_session_class_init (FerrySessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = ferry_session_constructed;
  object_class->dispose = ferry_session_dispose;
  object_class->finalize = ferry_session_finalize;
  object_class->get_property = ferry_session_get_property;
  object_class->set_property = ferry_session_set_property;

  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL,
                         FERRY_TYPE_ACCOUNT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ACCOUNTS] =
    g_param_spec_object ("accounts", NULL, NULL,
                         FERRY_TYPE_ACCOUNT_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TOKEN_STORE] =
    g_param_spec_object ("token-store", NULL, NULL,
                         FERRY_TYPE_TOKEN_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         FERRY_TYPE_API_CLIENT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       FERRY_TYPE_SESSION_STATE,
                       FERRY_SESSION_STATE_ACTIVE,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ferry_session_init (FerrySession *self)
{
  self->state = FERRY_SESSION_STATE_ACTIVE;
  self->cancellable = g_cancellable_new ();
  self->waiters = g_ptr_array_new_with_free_func ((GDestroyNotify) waiter_free);
}

FerrySession *
ferry_session_new_for_account (FerryAccountStore *accounts,
                               FerryTokenStore   *token_store,
                               FerryAccount      *account,
                               FerryApiClient    *client)
{
  return g_object_new (FERRY_TYPE_SESSION,
                       "accounts", accounts,
                       "token-store", token_store,
                       "account", account,
                       "client", client,
                       NULL);
}

FerryAccount *
ferry_session_get_account (FerrySession *self)
{
  g_return_val_if_fail (FERRY_IS_SESSION (self), NULL);

  return self->account;
}

FerryApiClient *
ferry_session_get_client (FerrySession *self)
{
  g_return_val_if_fail (FERRY_IS_SESSION (self), NULL);

  return self->client;
}

FerrySessionState
ferry_session_get_state (FerrySession *self)
{
  g_return_val_if_fail (FERRY_IS_SESSION (self), FERRY_SESSION_STATE_SIGNED_OUT);

  return self->state;
}

void
ferry_session_expire (FerrySession *self)
{
  g_return_if_fail (FERRY_IS_SESSION (self));

  if (self->state == FERRY_SESSION_STATE_ACTIVE)
    ferry_session_set_state (self, FERRY_SESSION_STATE_EXPIRED);
}

void
ferry_session_stop_background (FerrySession *self)
{
  g_assert (FERRY_IS_SESSION (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->persisting = FALSE;
  self->persist_again = FALSE;
  if (self->refreshing || self->waiters->len > 0)
    {
      /* The refresh's answer, if it still comes, is dropped (refresh_is_current ()). */
      g_autoptr(GError) error = signed_out_error ();

      finish_refresh (self, error);
    }
}
