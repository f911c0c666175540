/* core-test-utils.h: a signed-in workspace against the in-process sandbox, for tests/core.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sessions are real: a machine identity (or the demo user) signs in over HTTP on
 * 127.0.0.1 as tests/auth/test-session.c does, with its tokens in the private keyring of
 * tests/keyring-session.sh. Without that keyring (FERRY_TEST_SECRET_SERVICE unset) the
 * tests skip.
 */

#pragma once

#include "ferry-sandbox.h"
#include "ferry-test-utils.h"
#include "ferry-workspace.h"

G_BEGIN_DECLS

typedef struct
{
  FerrySandbox      *sandbox;
  GSettings         *settings;
  FerryAccountStore *accounts;
  FerryTokenStore   *tokens;
  FerrySession      *session;
  FerryWorkspace    *workspace;
  FerryProject      *project;     /* the demo's first project, "Web Storefront" */
  FerryProjectModel *model;       /* its model */
} CoreFixture;

#define CORE_WAIT(cond, timeout_ms) FERRY_TEST_WAIT_FOR ((cond), #cond, (timeout_ms), (void) 0)

/* Demo sandbox (job phases of 50 ms), a machine identity signed in, its workspace with the
 * projects loaded and the first project's model (nothing of it loaded yet). */
void          core_fixture_setup           (CoreFixture   *fixture,
                                            gconstpointer  data);
/* The same with the demo user (a user JWT) instead. */
void          core_fixture_setup_user      (CoreFixture   *fixture,
                                            gconstpointer  data);
void          core_fixture_teardown        (CoreFixture   *fixture,
                                            gconstpointer  data);
/* Whether tests that need the keyring can run; adds a skipping test when not. */
gboolean      core_test_have_keyring       (const char    *skip_path);

/* Async helpers: a callback that stores the result, and a wait for it (30 s). */
void          core_result_cb               (GObject       *object,
                                            GAsyncResult  *result,
                                            gpointer       user_data);
GAsyncResult *core_wait_result             (GAsyncResult **slot);

/* ferry_project_model_refresh_async () and its result. */
gboolean      core_refresh_syncs           (FerryProjectModel *model,
                                            GError           **error);

/* Requests the sandbox saw: @method and @path exactly (@path NULL: any), with @status
 * (0: any; -1: still pending). */
guint         core_count_requests          (CoreFixture   *fixture,
                                            const char    *method,
                                            const char    *path,
                                            int            status);
/* The body of the last request of @method @path, or NULL (transfer full). */
JsonObject   *core_last_request_body       (CoreFixture   *fixture,
                                            const char    *method,
                                            const char    *path);
/* Adds a sandbox fault from JSON text. */
void          core_add_fault               (CoreFixture   *fixture,
                                            const char    *json);

/* "/api/v1/secret-syncs/azure-devops/<id>" (free it). */
char         *core_sync_path               (FerrySync     *sync);

G_END_DECLS
