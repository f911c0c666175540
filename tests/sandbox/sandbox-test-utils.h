/* sandbox-test-utils.h: helpers for the sandbox's own tests (suite "sandbox").
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each test case gets a fresh in-process sandbox on an ephemeral port and a SoupSession;
 * requests are real HTTP on 127.0.0.1, made asynchronously while the default main context
 * spins (the server runs on the same context).
 */

#pragma once

#include <libsoup/soup.h>

#include "ferry-sandbox.h"

G_BEGIN_DECLS

typedef struct
{
  FerrySandbox *sandbox;
  SoupSession  *session;
  char         *token;      /* identity access token (Universal Auth login) */
  char         *user_jwt;   /* demo user's JWT */
} SbFixture;

typedef struct
{
  guint               status;
  GBytes             *body;
  JsonNode           *json;     /* NULL if the body is not JSON */
  SoupMessageHeaders *headers;
  GError             *error;    /* transport error, status 0 */
} SbResponse;

void        sb_response_free      (SbResponse *response);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbResponse, sb_response_free)

void        sb_fixture_setup      (SbFixture *fixture, gconstpointer seed);
void        sb_fixture_teardown   (SbFixture *fixture, gconstpointer seed);

/* @token may be NULL (no Authorization). @body: JSON text or NULL. Follows no redirects. */
SbResponse *sb_request            (SbFixture  *fixture,
                                   const char *method,
                                   const char *path,
                                   const char *token,
                                   const char *body);
/* The same against any server (e.g. a ferry-sandbox process): @base_url without a slash. */
SbResponse *sb_request_at         (SoupSession *session,
                                   const char  *base_url,
                                   const char  *method,
                                   const char  *path,
                                   const char  *token,
                                   const char  *body);
SbResponse *sb_requestf           (SbFixture  *fixture,
                                   const char *method,
                                   const char *token,
                                   const char *body,
                                   const char *path_format,
                                   ...) G_GNUC_PRINTF (5, 6);

/* Members of the JSON object response. */
JsonObject *sb_resp_obj           (SbResponse *response);
JsonObject *sb_resp_member        (SbResponse *response, const char *member);
JsonArray  *sb_resp_array         (SbResponse *response, const char *member);

/* Asserts an Infisical error body {reqId, statusCode, message, error}. */
void        sb_assert_error       (SbResponse *response, guint status, const char *error, const char *message);
/* Asserts a 422 ValidationFailure whose message array has an issue at @path ("a.b"). */
void        sb_assert_issue       (SbResponse *response, const char *path, const char *code);

void        sb_spin_for           (guint ms);
gboolean    sb_spin_until         (gboolean (*predicate) (gpointer), gpointer data, guint timeout_ms);

/* Runs the Microsoft consent page with @decision ("accept"/"deny") for @redirect_uri and
 * returns the Location it redirects to (transfer full). */
char       *sb_consent            (SbFixture  *fixture,
                                   const char *tenant,
                                   const char *redirect_uri,
                                   const char *state,
                                   const char *decision);
/* A code from an accepted consent for @redirect_uri. */
char       *sb_consent_code       (SbFixture  *fixture, const char *redirect_uri);

/* Polls GET …/secret-syncs/azure-devops/ID until @member is a final status; returns it. */
char       *sb_wait_sync_status   (SbFixture  *fixture, const char *sync_id, const char *member);

G_END_DECLS
