/* ferry-session-private.h: what the two halves of FerrySession share.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ferry-session.c keeps the token lifecycle (FerryTokenProvider, renewals, expiry, state);
 * ferry-session-signin.c makes sessions (sign-in, restore) and ends them (sign-out).
 */

#pragma once

#include <string.h>

#include "ferry-auth-error.h"
#include "ferry-session.h"

G_BEGIN_DECLS

struct _FerrySession
{
  GObject             parent_instance;

  FerryAccountStore  *accounts;
  FerryTokenStore    *token_store;
  FerryAccount       *account;
  FerryApiClient     *client;
  FerryTokenProvider *client_provider;  /* forwards to us without keeping us alive */
  FerrySessionState   state;

  /* Cancels background work (token refresh, keyring writes) on sign-out and dispose. */
  GCancellable       *cancellable;

  /* User: the JWT and its exp (seconds since the epoch). */
  char               *jwt;
  gint64              jwt_expiry;
  guint               expiry_source;

  /* Machine identity: the long-lived client secret and the current access token.
   * Times are g_get_real_time () microseconds; lifetimes are seconds, 0 = no limit. */
  char               *client_secret;
  char               *access_token;
  gint64              expires_in;
  gint64              max_ttl;
  gint64              obtained_at;
  gint64              created_at;

  /* One refresh (renew or login) at a time; get_token calls wait for it here. */
  GPtrArray          *waiters;
  guint               refresh_generation;  /* answers of older refreshes are dropped */
  guint               refreshing : 1;
  guint               persisting : 1;
  guint               persist_again : 1;
};

/* ---- Secrets in memory ---- */

/* Overwrites and frees *@secret, then sets it to NULL. */
static inline void
ferry_session_wipe_string (char **secret)
{
  if (*secret != NULL)
    {
      memset (*secret, 0, strlen (*secret));
      g_clear_pointer (secret, g_free);
    }
}

static inline void
ferry_session_wipe_and_free (gpointer data)
{
  char *secret = data;

  ferry_session_wipe_string (&secret);
}

/* A string that holds a secret: g_autoptr(WipedString) wipes it when it goes. */
typedef char WipedString;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WipedString, ferry_session_wipe_and_free)

/* ---- Keyring items (JSON objects) ---- */

/* Builds the keyring item JSON with one string member @name = @value, plus the
 * integer pairs of @... (name, gint64, …, NULL). */
char         *ferry_session_build_secret_json  (const char        *name,
                                                const char        *value,
                                                ...) G_GNUC_NULL_TERMINATED;
/* The JSON object of a keyring item, or NULL when it is not one. */
JsonObject   *ferry_session_parse_secret_json  (const char        *text);
/* The string member @name of @object, or NULL. */
const char   *ferry_session_json_get_string    (JsonObject        *object,
                                                const char        *name);

/* ---- The session (ferry-session.c) ---- */

FerrySession *ferry_session_new_for_account    (FerryAccountStore *accounts,
                                                FerryTokenStore   *token_store,
                                                FerryAccount      *account,
                                                FerryApiClient    *client);
/* Notifies "state" on change. */
void          ferry_session_set_state          (FerrySession      *self,
                                                FerrySessionState  state);
/* Takes @jwt (a user token) and its @expiry (exp); switches to EXPIRED when the time comes. */
void          ferry_session_set_user_token     (FerrySession      *self,
                                                const char        *jwt,
                                                gint64             expiry);
/* A machine identity's access token from a login (@new_login: max TTL counts from now)
 * or a renewal. */
void          ferry_session_set_access_token   (FerrySession         *self,
                                                const FerryTokenInfo *info,
                                                gboolean              new_login);
/* Restores the access-token keyring item: returns FALSE when it does not parse. */
gboolean      ferry_session_load_access_token  (FerrySession      *self,
                                                const char        *json);
/* Cancels background work (refresh, keyring writes) and fails waiting token requests as
 * signed out, so that nothing races a sign-out. The session stays usable. */
void          ferry_session_stop_background    (FerrySession      *self);

G_END_DECLS
