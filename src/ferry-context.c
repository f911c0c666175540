/* ferry-context.c
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ferry-context.h"

struct _FerryContext
{
  GObject            parent_instance;

  GSettings         *settings;
  FerryAccountStore *accounts;
  FerryTokenStore   *token_store;
  FerrySession      *session;
  FerryWorkspace    *workspace;
};

G_DEFINE_FINAL_TYPE (FerryContext, ferry_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_ACCOUNTS,
  PROP_TOKEN_STORE,
  PROP_SESSION,
  PROP_CLIENT,
  PROP_WORKSPACE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ferry_context_constructed (GObject *object)
{
  FerryContext *self = (FerryContext *)object;

  G_OBJECT_CLASS (ferry_context_parent_class)->constructed (object);

  g_assert (G_IS_SETTINGS (self->settings));

  if (self->token_store == NULL)
    self->token_store = ferry_token_store_new ();
  self->accounts = ferry_account_store_new (self->settings);
}

static void
ferry_context_dispose (GObject *object)
{
  FerryContext *self = (FerryContext *)object;

  g_clear_object (&self->workspace);
  g_clear_object (&self->session);
  g_clear_object (&self->accounts);
  g_clear_object (&self->token_store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ferry_context_parent_class)->dispose (object);
}

static void
ferry_context_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  FerryContext *self = FERRY_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_ACCOUNTS:
      g_value_set_object (value, self->accounts);
      break;
    case PROP_TOKEN_STORE:
      g_value_set_object (value, self->token_store);
      break;
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_CLIENT:
      g_value_set_object (value, ferry_context_get_client (self));
      break;
    case PROP_WORKSPACE:
      g_value_set_object (value, self->workspace);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_context_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  FerryContext *self = FERRY_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    case PROP_TOKEN_STORE:
      self->token_store = g_value_dup_object (value);
      break;
    case PROP_SESSION:
      ferry_context_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_context_class_init (FerryContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = ferry_context_constructed;
  object_class->dispose = ferry_context_dispose;
  object_class->get_property = ferry_context_get_property;
  object_class->set_property = ferry_context_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ACCOUNTS] =
    g_param_spec_object ("accounts", NULL, NULL,
                         FERRY_TYPE_ACCOUNT_STORE,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  /* NULL at construction: a libsecret-backed store is made. */
  properties[PROP_TOKEN_STORE] =
    g_param_spec_object ("token-store", NULL, NULL,
                         FERRY_TYPE_TOKEN_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         FERRY_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /* The active session's client; changes together with "session". */
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         FERRY_TYPE_API_CLIENT,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /* The active session's workspace; changes together with "session". */
  properties[PROP_WORKSPACE] =
    g_param_spec_object ("workspace", NULL, NULL,
                         FERRY_TYPE_WORKSPACE,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ferry_context_init (FerryContext *self)
{
}

FerryContext *
ferry_context_new (GSettings       *settings,
                   FerryTokenStore *token_store)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (token_store == NULL || FERRY_IS_TOKEN_STORE (token_store), NULL);

  return g_object_new (FERRY_TYPE_CONTEXT,
                       "settings", settings,
                       "token-store", token_store,
                       NULL);
}

GSettings *
ferry_context_get_settings (FerryContext *self)
{
  g_return_val_if_fail (FERRY_IS_CONTEXT (self), NULL);

  return self->settings;
}

FerryAccountStore *
ferry_context_get_accounts (FerryContext *self)
{
  g_return_val_if_fail (FERRY_IS_CONTEXT (self), NULL);

  return self->accounts;
}

FerryTokenStore *
ferry_context_get_token_store (FerryContext *self)
{
  g_return_val_if_fail (FERRY_IS_CONTEXT (self), NULL);

  return self->token_store;
}

FerrySession *
ferry_context_get_session (FerryContext *self)
{
  g_return_val_if_fail (FERRY_IS_CONTEXT (self), NULL);

  return self->session;
}

void
ferry_context_set_session (FerryContext *self,
                           FerrySession *session)
{
  g_autoptr(FerryApiClient) old_client = NULL;

  g_return_if_fail (FERRY_IS_CONTEXT (self));
  g_return_if_fail (session == NULL || FERRY_IS_SESSION (session));

  if (ferry_context_get_client (self) != NULL)
    old_client = g_object_ref (ferry_context_get_client (self));
  if (!g_set_object (&self->session, session))
    return;

  /* Made before anyone hears of the session, so handlers of "session" find it. The old
   * one goes now: its models stop and say "signed out" from here on. */
  g_clear_object (&self->workspace);
  if (session != NULL)
    self->workspace = ferry_workspace_new (session);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
  if (old_client != ferry_context_get_client (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSPACE]);
}

FerryApiClient *
ferry_context_get_client (FerryContext *self)
{
  g_return_val_if_fail (FERRY_IS_CONTEXT (self), NULL);

  if (self->session == NULL)
    return NULL;

  return ferry_session_get_client (self->session);
}

FerryWorkspace *
ferry_context_get_workspace (FerryContext *self)
{
  g_return_val_if_fail (FERRY_IS_CONTEXT (self), NULL);

  return self->workspace;
}
