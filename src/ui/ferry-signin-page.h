/* ferry-signin-page.h: choose a server and sign in.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ferry-context.h"
#include "ferry-uri-opener.h"

G_BEGIN_DECLS

#define FERRY_TYPE_SIGNIN_PAGE (ferry_signin_page_get_type ())

G_DECLARE_FINAL_TYPE (FerrySigninPage, ferry_signin_page, FERRY, SIGNIN_PAGE, GtkWidget)

/* Signal "signed-in" (FerrySession *): the session is stored and its account added. */
GtkWidget  *ferry_signin_page_new               (FerryContext    *context);
/* Resets the form to its start (keeps the server), cancels a sign-in in progress. */
void        ferry_signin_page_reset             (FerrySigninPage *self);
/* Preselects the server (normalised site URL) and, for a machine identity, its client id:
 * "Sign In Again" and "Add Account". @account may be NULL. */
void        ferry_signin_page_prefill           (FerrySigninPage *self,
                                                 FerryAccount    *account);
/* Fills the machine identity form and submits it, exactly as if typed (the demo). */
void        ferry_signin_page_sign_in_machine_identity (FerrySigninPage *self,
                                                        const char      *site_url,
                                                        const char      *client_id,
                                                        const char      *client_secret);
/* Signs in with a user token as if it had come back from the browser (the demo user).
 * @email may be NULL. */
void        ferry_signin_page_sign_in_with_token (FerrySigninPage *self,
                                                  const char      *site_url,
                                                  const char      *token,
                                                  const char      *email);
/* Shows @error above the form (e.g. why a stored account could not be restored). */
void        ferry_signin_page_show_error        (FerrySigninPage *self,
                                                 const GError    *error);
/* Whether a sign-in request is in flight. */
gboolean    ferry_signin_page_get_busy          (FerrySigninPage *self);
/* How "Sign In with Browser" opens the web page (default: the desktop's browser). */
void        ferry_signin_page_set_uri_opener    (FerrySigninPage *self,
                                                 FerryUriOpener  *opener);
/* Whether "Cancel" returns to a signed-in view (shows the Cancel button). */
void        ferry_signin_page_set_can_cancel    (FerrySigninPage *self,
                                                 gboolean         can_cancel);

/* Whether the browser wait has its own Cancel (default TRUE). A dialog whose header has one
 * hides it, so there is one Cancel while the browser sign-in waits. */
void        ferry_signin_page_set_show_wait_cancel (FerrySigninPage *self,
                                                    gboolean         show);

G_END_DECLS
