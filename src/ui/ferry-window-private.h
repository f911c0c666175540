/* ferry-window-private.h: what ferry-window.c and ferry-window-actions.c share.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Split like GNOME Text Editor's EditorWindow (src/editor-window-private.h): the struct
 * and the window's internal functions here, the lifecycle and state in ferry-window.c,
 * the widget actions (win.*) in ferry-window-actions.c.
 */

#pragma once

#include "ferry-account-button.h"
#include "ferry-connections-page.h"
#include "ferry-error-view.h"
#include "ferry-project-picker.h"
#include "ferry-signin-page.h"
#include "ferry-syncs-page.h"
#include "ferry-window.h"

G_BEGIN_DECLS

struct _FerryWindow
{
  AdwApplicationWindow  parent_instance;

  FerryContext         *context;
  GSettings            *settings;
  FerrySession         *session;       /* the context's, whose state we show */
  GBindingGroup        *session_bindings;
  FerryWorkspace       *workspace;     /* the session's: projects and project models */
  GSignalGroup         *workspace_signals;
  GSignalGroup         *projects_signals; /* the workspace's project list */
  FerryProject         *project;
  GCancellable         *cancellable;   /* per account */
  FerryAccount         *pending_account; /* being restored */
  FerryWatcher         *watcher;       /* the application's, or NULL */

  /* Template widgets */
  AdwHeaderBar         *header_bar;
  GtkMenuButton        *primary_menu_button;
  FerryAccountButton   *account_button;
  FerryProjectPicker   *project_picker;
  AdwSqueezer          *switcher_title; /* the header's view switcher, or nothing */
  GtkWidget            *switcher_none;
  AdwViewSwitcherBar   *switcher_bar;
  GtkToggleButton      *search_button;
  GtkButton            *refresh_button;
  GtkButton            *new_button;
  GtkRevealer          *expired_revealer;
  GtkRevealer          *cache_revealer;  /* cached data shown: when from, offline */
  GtkLabel             *cache_label;
  GtkButton            *cache_retry_button;
  guint                 cache_tick;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  FerrySigninPage      *signin_page;
  FerryErrorView       *projects_error_view;
  AdwViewStack         *view_stack;
  FerrySyncsPage       *syncs_page;       /* built when first needed, in syncs_bin */
  FerryConnectionsPage *connections_page; /* likewise, in connections_bin */
  AdwBin               *syncs_bin;
  AdwBin               *connections_bin;
  GtkLabel             *loading_label;
};

/* ferry-window-actions.c: installs the win.* actions on the class, and on the window those
 * GtkApplicationWindow keeps in its action group. */
void _ferry_window_class_actions_init (FerryWindowClass *klass);
void _ferry_window_actions_init       (FerryWindow      *self);
/* A Sync Now started in the window failed: one notification, unless the window has the
 * focus or the watcher told that failure already. */
void _ferry_window_user_sync_failed   (FerryWindow      *self,
                                       FerrySync        *sync);

/* ferry-window.c */
/* The sign-in page, built the first time it is needed: a signed-in start never shows it. */
FerrySigninPage *_ferry_window_get_signin_page (FerryWindow *self);
/* The Syncs and Connections pages, likewise built when first shown or asked for (with
 * the current project's model). */
FerrySyncsPage       *_ferry_window_get_syncs_page       (FerryWindow *self);
FerryConnectionsPage *_ferry_window_get_connections_page (FerryWindow *self);
void _ferry_window_toast              (FerryWindow  *self,
                                       const char   *text);
/* Shows a page of the main stack ("loading", "signin", "projects-error", "no-projects",
 * "content") and updates the header and the actions' enabled state to match. */
void _ferry_window_set_state          (FerryWindow  *self,
                                       const char   *state);
/* Asks for the session's projects (no-op while a request is in flight). */
void _ferry_window_load_projects      (FerryWindow  *self);
void _ferry_window_set_project        (FerryWindow  *self,
                                       FerryProject *project);
/* A sign-in on the page or in the account dialog: @session becomes the current one. */
void _ferry_window_signed_in          (FerryWindow  *self,
                                       FerrySession *session);
/* Restores @account's session from the keyring ("loading" meanwhile). */
void _ferry_window_restore_account    (FerryWindow  *self,
                                       FerryAccount *account);

G_END_DECLS
