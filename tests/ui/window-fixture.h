/* window-fixture.h: a FerryWindow of its own application against a fresh demo sandbox,
 * shared by the window tests.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ferry-application.h"
#include "ferry-context.h"
#include "ferry-sandbox.h"
#include "ferry-test-utils.h"
#include "ferry-window.h"

G_BEGIN_DECLS

#define FERRY_WINDOW_FIXTURE_WAIT_MS 20000

typedef struct
{
  FerrySandbox     *sandbox;
  FerryApplication *app;
  FerryContext     *context;
  FerryWindow      *window;
} FerryWindowFixture;

/* Resets what a window restores (accounts, default account, last projects and view) and
 * its size, starts a demo sandbox and opens a signed-out window of a fresh application
 * "<APP_ID>.<tag><n>" (its own id, so the previous one's D-Bus paths do not clash). */
void        ferry_window_fixture_open           (FerryWindowFixture *fixture,
                                                 const char         *tag);
/* Destroys every toplevel (dialogs first), quits the application, stops the sandbox.
 * Does nothing for a fixture that was never opened. */
void        ferry_window_fixture_close          (FerryWindowFixture *fixture);
/* For a test that replaces fixture->window: the window failure screenshots show. */
void        ferry_window_fixture_track_window   (GtkWidget          *window);
/* Saves $FERRY_SCREENSHOT_DIR/@name.png of the open window, if any (for timeouts). */
void        ferry_window_fixture_save_failure   (const char         *name);
gboolean    ferry_window_fixture_in_state       (FerryWindowFixture *fixture,
                                                 const char         *state);
/* Signs in through the sign-in page's machine identity form, like the demo does, and
 * waits for the Syncs page to list. */
void        ferry_window_fixture_sign_in        (FerryWindowFixture *fixture);

G_END_DECLS
