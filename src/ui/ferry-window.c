/* ferry-window.c
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main window: sign-in, the account and project in the header, and the Syncs and
 * Connections pages. Which one shows follows the context's session: no session → the
 * sign-in page; a session → its workspace's projects (src/core/ferry-workspace.h) → the
 * pages bound to the chosen project's FerryProjectModel. The window asks for nothing
 * itself. An expired session (the session's "state", set by src/core when the server
 * refuses the token) keeps the current view under a "Sign In Again" bar.
 *
 * The widget actions are in ferry-window-actions.c, the struct in ferry-window-private.h.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-window-private.h"

G_DEFINE_FINAL_TYPE (FerryWindow, ferry_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void ferry_window_session_changed (FerryWindow *self);

FerryWindow *
ferry_window_new (gpointer      application,
                  FerryContext *context)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (FERRY_IS_CONTEXT (context), NULL);

  return g_object_new (FERRY_TYPE_WINDOW,
                       "application", application,
                       "context", context,
                       NULL);
}

FerryContext *
ferry_window_get_context (FerryWindow *self)
{
  g_return_val_if_fail (FERRY_IS_WINDOW (self), NULL);

  return self->context;
}

const char *
ferry_window_get_state (FerryWindow *self)
{
  g_return_val_if_fail (FERRY_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->main_stack);
}

gpointer
ferry_window_get_project (FerryWindow *self)
{
  g_return_val_if_fail (FERRY_IS_WINDOW (self), NULL);

  return self->project;
}

gboolean
ferry_window_get_expired (FerryWindow *self)
{
  g_return_val_if_fail (FERRY_IS_WINDOW (self), FALSE);

  return gtk_revealer_get_reveal_child (self->expired_revealer);
}

static void signin_page_cancelled_cb (FerryWindow *self);

FerrySigninPage *
_ferry_window_get_signin_page (FerryWindow *self)
{
  if (self->signin_page == NULL)
    {
      self->signin_page = FERRY_SIGNIN_PAGE (ferry_signin_page_new (self->context));
      gtk_stack_add_named (self->main_stack, GTK_WIDGET (self->signin_page), "signin");
      g_signal_connect_object (self->signin_page, "signed-in", G_CALLBACK (_ferry_window_signed_in), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->signin_page, "cancelled", G_CALLBACK (signin_page_cancelled_cb), self, G_CONNECT_SWAPPED);
    }

  return self->signin_page;
}

GtkWidget *
ferry_window_get_signin_page (FerryWindow *self)
{
  g_return_val_if_fail (FERRY_IS_WINDOW (self), NULL);

  return GTK_WIDGET (_ferry_window_get_signin_page (self));
}

static FerryProjectModel *
ferry_window_current_model (FerryWindow *self)
{
  if (self->workspace == NULL || self->project == NULL)
    return NULL;

  return ferry_workspace_get_project_model (self->workspace, self->project);
}

/* The pages are the heaviest part of the window, and a start shows one of them at most:
 * each is built into its placeholder the first time it shows or is asked for. */
FerrySyncsPage *
_ferry_window_get_syncs_page (FerryWindow *self)
{
  if (self->syncs_page == NULL)
    {
      self->syncs_page = FERRY_SYNCS_PAGE (ferry_syncs_page_new (self->context));
      g_signal_connect_object (self->syncs_page, "user-sync-failed", G_CALLBACK (_ferry_window_user_sync_failed),
                               self, G_CONNECT_SWAPPED);
      adw_bin_set_child (self->syncs_bin, GTK_WIDGET (self->syncs_page));
      ferry_syncs_page_set_model (self->syncs_page, ferry_window_current_model (self));
      ferry_syncs_page_set_read_only (self->syncs_page,
                                      self->workspace != NULL && ferry_workspace_get_offline (self->workspace));
    }

  return self->syncs_page;
}

FerryConnectionsPage *
_ferry_window_get_connections_page (FerryWindow *self)
{
  if (self->connections_page == NULL)
    {
      self->connections_page = FERRY_CONNECTIONS_PAGE (ferry_connections_page_new (self->context));
      adw_bin_set_child (self->connections_bin, GTK_WIDGET (self->connections_page));
      ferry_connections_page_set_model (self->connections_page, ferry_window_current_model (self));
      ferry_connections_page_set_read_only (self->connections_page,
                                            self->workspace != NULL && ferry_workspace_get_offline (self->workspace));
    }

  return self->connections_page;
}

static void
ferry_window_ensure_visible_page (FerryWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);

  if (g_strcmp0 (name, "connections") == 0)
    _ferry_window_get_connections_page (self);
  else
    _ferry_window_get_syncs_page (self);
}

GtkWidget *
ferry_window_get_syncs_page (FerryWindow *self)
{
  g_return_val_if_fail (FERRY_IS_WINDOW (self), NULL);

  return GTK_WIDGET (_ferry_window_get_syncs_page (self));
}

GtkWidget *
ferry_window_get_connections_page (FerryWindow *self)
{
  g_return_val_if_fail (FERRY_IS_WINDOW (self), NULL);

  return GTK_WIDGET (_ferry_window_get_connections_page (self));
}

void
_ferry_window_toast (FerryWindow *self,
                     const char  *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

/* ---- Cached data ---- */

static char *
format_updated (gint64 cached_at)
{
  gint64 minutes = MAX (0, (g_get_real_time () / G_USEC_PER_SEC - cached_at) / 60);

  if (minutes < 1)
    return g_strdup (_("Updated just now"));
  if (minutes < 60)
    /* Translators: the cached data on screen; %d is a number of minutes */
    return g_strdup_printf (ngettext ("Updated %d minute ago", "Updated %d minutes ago", (unsigned long) minutes),
                            (int) minutes);
  if (minutes < 24 * 60)
    /* Translators: the cached data on screen; %d is a number of hours */
    return g_strdup_printf (ngettext ("Updated %d hour ago", "Updated %d hours ago", (unsigned long) (minutes / 60)),
                            (int) (minutes / 60));
  /* Translators: the cached data on screen; %d is a number of days */
  return g_strdup_printf (ngettext ("Updated %d day ago", "Updated %d days ago", (unsigned long) (minutes / (24 * 60))),
                          (int) (minutes / (24 * 60)));
}

static char *
format_offline (gint64 cached_at)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (cached_at);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *time = NULL;
  gboolean today;

  if (when == NULL || now == NULL)
    return g_strdup (_("Ferry cannot reach the server. Showing the data it saved last; changes need a connection."));

  today = g_date_time_get_year (when) == g_date_time_get_year (now) &&
          g_date_time_get_day_of_year (when) == g_date_time_get_day_of_year (now);
  time = g_date_time_format (when, today ? "%H:%M" : "%x %H:%M");
  /* Translators: banner while offline; %s is a time ("14:05") or a date and a time */
  return g_strdup_printf (_("Ferry cannot reach the server. Showing the data from %s; changes need a connection."),
                          time);
}

static gboolean cache_tick_cb (gpointer user_data);

/* Cached data on screen: when it is from, and whether Ferry is offline (then read-only,
 * with Retry). The text ages while it shows. */
static void
ferry_window_update_cache_banner (FerryWindow *self,
                                  gboolean     shown)
{
  gint64 cached_at = self->workspace != NULL ? ferry_workspace_get_cached_at (self->workspace) : 0;
  gboolean offline = self->workspace != NULL && ferry_workspace_get_offline (self->workspace);
  g_autofree char *text = NULL;

  if (!shown || cached_at == 0)
    {
      gtk_revealer_set_reveal_child (self->cache_revealer, FALSE);
      g_clear_handle_id (&self->cache_tick, g_source_remove);
      return;
    }

  text = offline ? format_offline (cached_at) : format_updated (cached_at);
  gtk_label_set_label (self->cache_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->cache_retry_button), offline);
  gtk_revealer_set_reveal_child (self->cache_revealer, TRUE);
  if (self->cache_tick == 0)
    self->cache_tick = g_timeout_add_seconds (30, cache_tick_cb, self);
}

/* ---- Header ---- */

static void
ferry_window_update_header (FerryWindow *self)
{
  const char *state = gtk_stack_get_visible_child_name (self->main_stack);
  gboolean signed_in = self->session != NULL;
  gboolean content = g_strcmp0 (state, "content") == 0;
  gboolean on_signin = g_strcmp0 (state, "signin") == 0;
  gboolean syncs = g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "syncs") == 0;
  /* Offline: what needs the server is off (the server's answers would say so anyway). */
  gboolean writable = content && !(self->workspace != NULL && ferry_workspace_get_offline (self->workspace));

  gtk_widget_set_visible (GTK_WIDGET (self->account_button), signed_in && !on_signin);
  gtk_widget_set_visible (GTK_WIDGET (self->project_picker), signed_in && !on_signin && self->workspace != NULL &&
                                                               g_list_model_get_n_items (ferry_workspace_get_projects (self->workspace)) > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->switcher_title), content);
  gtk_widget_set_visible (GTK_WIDGET (self->switcher_bar), content);
  gtk_widget_set_visible (GTK_WIDGET (self->search_button), content);
  gtk_widget_set_visible (GTK_WIDGET (self->refresh_button), content || g_strcmp0 (state, "no-projects") == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->new_button), content);

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->new_button),
                               syncs ? _("Create Sync") : _("Add Connection"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->new_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, syncs ? _("Create Sync") : _("Add Connection"),
                                  -1);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.refresh", content || g_strcmp0 (state, "no-projects") == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", content);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sign-out", signed_in);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-connection", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.create-sync", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit-sync", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit-sync-step", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reconnect", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-view", content);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.select-project", signed_in);

  if (self->syncs_page != NULL)
    ferry_syncs_page_set_read_only (self->syncs_page, content && !writable);
  if (self->connections_page != NULL)
    ferry_connections_page_set_read_only (self->connections_page, content && !writable);
  ferry_window_update_cache_banner (self, content || g_strcmp0 (state, "no-projects") == 0);
}

static gboolean
cache_tick_cb (gpointer user_data)
{
  FerryWindow *self = user_data;

  self->cache_tick = 0;
  ferry_window_update_header (self);

  return G_SOURCE_REMOVE;
}

void
_ferry_window_set_state (FerryWindow *self,
                         const char  *state)
{
  if (g_strcmp0 (state, "signin") == 0)
    _ferry_window_get_signin_page (self);
  else if (g_strcmp0 (state, "content") == 0)
    ferry_window_ensure_visible_page (self);
  gtk_stack_set_visible_child_name (self->main_stack, state);
  ferry_window_update_header (self);
}

/* ---- Projects ---- */

static void
project_picker_activated_cb (FerryWindow  *self,
                             FerryProject *project)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.select-project", "s",
                              ferry_resource_get_id (FERRY_RESOURCE (project)));
}

static void
ferry_window_remember_project (FerryWindow *self)
{
  g_autoptr(GVariant) old = NULL;
  GVariantBuilder builder;
  GVariantIter iter;
  const char *key;
  const char *value;
  FerryAccount *account;

  if (self->session == NULL || self->project == NULL)
    return;

  account = ferry_session_get_account (self->session);
  old = g_settings_get_value (self->settings, "last-projects");
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  g_variant_iter_init (&iter, old);
  while (g_variant_iter_next (&iter, "{&s&s}", &key, &value))
    if (g_strcmp0 (key, ferry_account_get_id (account)) != 0)
      g_variant_builder_add (&builder, "{ss}", key, value);
  g_variant_builder_add (&builder, "{ss}", ferry_account_get_id (account),
                         ferry_resource_get_id (FERRY_RESOURCE (self->project)));
  g_settings_set_value (self->settings, "last-projects", g_variant_builder_end (&builder));
}

static char *
ferry_window_lookup_last_project (FerryWindow *self)
{
  g_autoptr(GVariant) map = g_settings_get_value (self->settings, "last-projects");
  const char *id = NULL;

  if (self->session == NULL)
    return NULL;

  if (g_variant_lookup (map, ferry_account_get_id (ferry_session_get_account (self->session)), "&s", &id))
    return g_strdup (id);

  return NULL;
}

/* The pages show the workspace's model of the current project. After Sign In Again the
 * workspace is a new one: the same project then gets the new workspace's model. */
static void
ferry_window_update_models (FerryWindow *self)
{
  FerryProjectModel *model = ferry_window_current_model (self);

  if (self->syncs_page != NULL)
    ferry_syncs_page_set_model (self->syncs_page, model);
  if (self->connections_page != NULL)
    ferry_connections_page_set_model (self->connections_page, model);
}

void
_ferry_window_set_project (FerryWindow  *self,
                           FerryProject *project)
{
  if (self->project == project)
    return;

  g_set_object (&self->project, project);
  ferry_project_picker_set_project (self->project_picker, project);
  ferry_window_update_models (self);
  ferry_window_remember_project (self);
}

/* The workspace's list is there: keep the current project if it is still listed, else the
 * one last used with this account, else the first. */
static void
ferry_window_choose_project (FerryWindow *self)
{
  GListModel *projects = ferry_workspace_get_projects (self->workspace);
  g_autofree char *last = NULL;
  FerryProject *project = NULL;

  if (g_list_model_get_n_items (projects) == 0)
    {
      _ferry_window_set_project (self, NULL);
      _ferry_window_set_state (self, "no-projects");
      return;
    }

  /* By id: after Sign In Again the current one is the previous workspace's object. */
  if (self->project != NULL)
    project = ferry_workspace_find_project (self->workspace, ferry_resource_get_id (FERRY_RESOURCE (self->project)));

  if (project == NULL && (last = ferry_window_lookup_last_project (self)) != NULL)
    project = ferry_workspace_find_project (self->workspace, last);

  if (project == NULL)
    {
      g_autoptr(FerryProject) first = g_list_model_get_item (projects, 0);

      /* The workspace's list keeps it alive. */
      project = first;
    }

  _ferry_window_set_project (self, project);
  _ferry_window_set_state (self, "content");
}

/* A failed project list: with a project on screen it stays, and a toast says so; without
 * one the error takes the window (an expired session also has its bar). */
static void
ferry_window_show_projects_error (FerryWindow  *self,
                                  const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (self->project != NULL)
    {
      _ferry_window_toast (self, error->message);
      return;
    }

  ferry_error_view_set_error (self->projects_error_view, error);
  _ferry_window_set_state (self, "projects-error");
}

static void
workspace_notify_projects_state_cb (FerryWindow *self)
{
  switch (ferry_workspace_get_projects_state (self->workspace))
    {
    case FERRY_LOAD_STATE_READY:
      ferry_window_choose_project (self);
      break;
    case FERRY_LOAD_STATE_ERROR:
      ferry_window_show_projects_error (self, ferry_workspace_get_projects_error (self->workspace));
      break;
    case FERRY_LOAD_STATE_IDLE:
    case FERRY_LOAD_STATE_LOADING:
    default:
      break;
    }
}

/* A refresh of a loaded list failed (a first load that fails is the ERROR state above). */
static void
workspace_notify_projects_error_cb (FerryWindow *self)
{
  const GError *error = ferry_workspace_get_projects_error (self->workspace);

  /* Offline, the banner says it once, not a toast per refresh. */
  if (error != NULL && ferry_workspace_get_projects_state (self->workspace) == FERRY_LOAD_STATE_READY &&
      !ferry_workspace_get_offline (self->workspace))
    ferry_window_show_projects_error (self, error);
}

/* A refresh changed the list: the current project may be gone, or the first one came. */
static void
workspace_projects_changed_cb (FerryWindow *self)
{
  if (self->workspace != NULL &&
      ferry_workspace_get_projects_state (self->workspace) == FERRY_LOAD_STATE_READY)
    ferry_window_choose_project (self);
  else
    ferry_window_update_header (self);
}

void
_ferry_window_load_projects (FerryWindow *self)
{
  if (self->workspace == NULL)
    return;

  if (self->project == NULL)
    {
      gtk_label_set_label (self->loading_label, _("Loading projects…"));
      _ferry_window_set_state (self, "loading");
    }
  ferry_workspace_refresh_projects (self->workspace);
}

/* ---- Session ---- */

static gboolean
session_state_to_expired (GBinding     *binding,
                          const GValue *from_value,
                          GValue       *to_value,
                          gpointer      user_data)
{
  g_value_set_boolean (to_value, g_value_get_enum (from_value) == FERRY_SESSION_STATE_EXPIRED);
  return TRUE;
}

static void
ferry_window_session_changed (FerryWindow *self)
{
  FerrySession *session = ferry_context_get_session (self->context);
  FerryAccount *old_account = self->session != NULL ? ferry_session_get_account (self->session) : NULL;
  FerryWorkspace *workspace = ferry_context_get_workspace (self->context);
  gboolean same_account;

  if (session == self->session)
    return;

  same_account = session != NULL && old_account != NULL &&
                 g_strcmp0 (ferry_account_get_id (old_account),
                            ferry_account_get_id (ferry_session_get_account (session))) == 0;

  g_set_object (&self->session, session);
  /* The "Sign In Again" bar is the session's state, and nothing else. */
  g_binding_group_set_source (self->session_bindings, session);
  if (session == NULL)
    gtk_revealer_set_reveal_child (self->expired_revealer, FALSE);

  g_set_object (&self->workspace, workspace);
  g_signal_group_set_target (self->workspace_signals, workspace);
  ferry_project_picker_set_projects (self->project_picker,
                                     workspace != NULL ? ferry_workspace_get_projects (workspace) : NULL);
  g_signal_group_set_target (self->projects_signals,
                             workspace != NULL ? ferry_workspace_get_projects (workspace) : NULL);

  if (!same_account)
    {
      /* Another account: nothing of the previous one stays on screen. */
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      self->cancellable = g_cancellable_new ();
      _ferry_window_set_project (self, NULL);
    }
  else
    ferry_window_update_models (self);

  ferry_account_button_set_account (self->account_button,
                                    session != NULL ? ferry_session_get_account (session) : NULL);

  if (session == NULL)
    {
      ferry_signin_page_set_can_cancel (_ferry_window_get_signin_page (self), FALSE);
      ferry_signin_page_reset (_ferry_window_get_signin_page (self));
      _ferry_window_set_state (self, "signin");
      return;
    }

  /* The last project's syncs need not wait for the project list: both go out now. */
  {
    g_autofree char *last = ferry_window_lookup_last_project (self);

    if (last != NULL && self->project == NULL)
      ferry_workspace_prefetch (workspace, last);
  }
  _ferry_window_load_projects (self);
}

void
_ferry_window_signed_in (FerryWindow  *self,
                         FerrySession *session)
{
  FerryAccountStore *accounts = ferry_context_get_accounts (self->context);
  FerryAccount *account = ferry_session_get_account (session);

  ferry_account_store_set_default (accounts, account);
  ferry_signin_page_set_can_cancel (_ferry_window_get_signin_page (self), FALSE);

  if (session == self->session)
    {
      _ferry_window_set_state (self, "content");
      return;
    }

  ferry_context_set_session (self->context, session);
  /* Who was added, as the server has it (src/auth/ferry-session.h): a token sent by
   * someone else shows here as their account, not as the person's own. */
  if (ferry_account_get_email (account) != NULL && ferry_account_get_organization_name (account) != NULL)
    {
      /* Translators: toast after signing in; the first %s is an email address, the second an organization name */
      g_autofree char *text = g_strdup_printf (_("Signed in as %s to the organization “%s”"),
                                               ferry_account_get_email (account),
                                               ferry_account_get_organization_name (account));
      _ferry_window_toast (self, text);
    }
  /* Same account again (Sign In Again): back to where the person was; the pages load
   * from the new workspace's model of that project. */
  if (self->project != NULL)
    _ferry_window_set_state (self, "content");
}

static void
signin_page_cancelled_cb (FerryWindow *self)
{
  if (self->session == NULL)
    return;

  ferry_signin_page_set_can_cancel (_ferry_window_get_signin_page (self), FALSE);
  if (self->project != NULL)
    _ferry_window_set_state (self, "content");
  else
    _ferry_window_load_projects (self);
}

static void
restore_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(FerryWindow) self = user_data;
  g_autoptr(FerrySession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FerryAccount) account = g_steal_pointer (&self->pending_account);

  session = ferry_session_restore_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (session == NULL)
    {
      /* The account stays; signing in again fills in what the keyring lost. */
      ferry_signin_page_prefill (_ferry_window_get_signin_page (self), account);
      ferry_signin_page_show_error (_ferry_window_get_signin_page (self), error);
      ferry_signin_page_set_can_cancel (_ferry_window_get_signin_page (self), self->session != NULL);
      _ferry_window_set_state (self, "signin");
      return;
    }

  ferry_account_store_set_default (ferry_context_get_accounts (self->context), account);
  ferry_context_set_session (self->context, session);
}

void
_ferry_window_restore_account (FerryWindow  *self,
                               FerryAccount *account)
{
  g_set_object (&self->pending_account, account);
  gtk_label_set_label (self->loading_label, _("Signing in…"));
  _ferry_window_set_state (self, "loading");
  ferry_session_restore_async (ferry_context_get_accounts (self->context),
                               ferry_context_get_token_store (self->context),
                               account,
                               self->cancellable,
                               restore_cb,
                               g_object_ref (self));
}

static FerryAccount *
ferry_window_find_account_for_site (FerryWindow *self,
                                    const char  *site_url)
{
  GListModel *accounts = G_LIST_MODEL (ferry_context_get_accounts (self->context));
  g_autofree char *site = ferry_api_normalize_site_url (site_url, NULL);
  guint n = g_list_model_get_n_items (accounts);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FerryAccount) account = g_list_model_get_item (accounts, i);

      if (g_strcmp0 (ferry_account_get_site_url (account), site != NULL ? site : site_url) == 0)
        return account;
    }

  return NULL;
}

void
ferry_window_start (FerryWindow *self)
{
  FerryAccountStore *accounts;
  FerryAccount *account;
  const char *demo_site = g_getenv ("FERRY_DEMO_SITE_URL");
  const char *demo_token = g_getenv ("FERRY_DEMO_USER_TOKEN");
  const char *demo_email = g_getenv ("FERRY_DEMO_USER_EMAIL");
  const char *demo_id = g_getenv ("FERRY_DEMO_CLIENT_ID");
  const char *demo_secret = g_getenv ("FERRY_DEMO_CLIENT_SECRET");

  g_return_if_fail (FERRY_IS_WINDOW (self));

  if (ferry_context_get_session (self->context) != NULL)
    {
      ferry_window_session_changed (self);
      return;
    }

  accounts = ferry_context_get_accounts (self->context);

  /* The demo (tools/run-demo.sh): sign in like a person would, so the account is stored like
   * a real one. The user's token is fresh each run; signing in again updates the stored
   * account rather than adding one. */
  if (demo_site != NULL && demo_token != NULL)
    {
      _ferry_window_set_state (self, "signin");
      ferry_signin_page_sign_in_with_token (_ferry_window_get_signin_page (self), demo_site, demo_token, demo_email);
      return;
    }
  if (demo_site != NULL && demo_id != NULL && demo_secret != NULL &&
      ferry_window_find_account_for_site (self, demo_site) == NULL)
    {
      _ferry_window_set_state (self, "signin");
      ferry_signin_page_sign_in_machine_identity (_ferry_window_get_signin_page (self), demo_site, demo_id, demo_secret);
      return;
    }

  account = ferry_account_store_get_default (accounts);
  if (account == NULL)
    {
      ferry_signin_page_reset (_ferry_window_get_signin_page (self));
      _ferry_window_set_state (self, "signin");
      return;
    }

  _ferry_window_restore_account (self, account);
}

void
ferry_window_show_sync (FerryWindow *self,
                        const char  *sync_id,
                        gboolean     retry)
{
  g_return_if_fail (FERRY_IS_WINDOW (self));
  g_return_if_fail (sync_id != NULL);

  adw_view_stack_set_visible_child_name (self->view_stack, "syncs");
  if (!ferry_syncs_page_select_sync (_ferry_window_get_syncs_page (self), sync_id))
    return;

  if (retry)
    gtk_widget_activate_action (GTK_WIDGET (self->syncs_page), "syncs.sync-now", NULL);
}

/* ---- View ---- */

/* A banner's content is there while it is revealed or still sliding away. */
static gboolean
banner_shown_cb (FerryWindow *self,
                 gboolean     reveal_child,
                 gboolean     child_revealed)
{
  return reveal_child || child_revealed;
}

static void
view_stack_notify_visible_child_cb (FerryWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);

  if (name != NULL)
    g_settings_set_string (self->settings, "last-view", name);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "content") == 0)
    ferry_window_ensure_visible_page (self);
  gtk_toggle_button_set_active (self->search_button, FALSE);
  ferry_window_update_header (self);
}

/* The bottom bar switches views when the header has no room for a switcher. */
static void
switcher_notify_visible_child_cb (FerryWindow *self)
{
  adw_view_switcher_bar_set_reveal (self->switcher_bar,
                                    adw_squeezer_get_visible_child (self->switcher_title) == self->switcher_none);
}

static void
search_button_toggled_cb (FerryWindow *self)
{
  if (gtk_toggle_button_get_active (self->search_button))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.search", NULL);
}

/* ---- GObject ---- */

static void
ferry_window_save_state (FerryWindow *self)
{
  int width, height;

  g_assert (FERRY_IS_WINDOW (self));

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_apply (self->settings);
}

static gboolean
ferry_window_close_request (GtkWindow *window)
{
  ferry_window_save_state (FERRY_WINDOW (window));

  return GTK_WINDOW_CLASS (ferry_window_parent_class)->close_request (window);
}

static void
ferry_window_constructed (GObject *object)
{
  FerryWindow *self = FERRY_WINDOW (object);
  g_autofree char *last_view = NULL;

  G_OBJECT_CLASS (ferry_window_parent_class)->constructed (object);

  g_return_if_fail (FERRY_IS_CONTEXT (self->context));

  self->settings = g_object_ref (ferry_context_get_settings (self->context));

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  self->syncs_bin = ADW_BIN (adw_bin_new ());
  self->connections_bin = ADW_BIN (adw_bin_new ());
  adw_view_stack_page_set_icon_name (adw_view_stack_add_titled (self->view_stack, GTK_WIDGET (self->syncs_bin),
                                                                "syncs", _("_Syncs")),
                                     "emblem-synchronizing-symbolic");
  adw_view_stack_page_set_icon_name (adw_view_stack_add_titled (self->view_stack, GTK_WIDGET (self->connections_bin),
                                                                "connections", _("C_onnections")),
                                     "network-server-symbolic");
  adw_view_stack_page_set_use_underline (adw_view_stack_get_page (self->view_stack, GTK_WIDGET (self->syncs_bin)), TRUE);
  adw_view_stack_page_set_use_underline (adw_view_stack_get_page (self->view_stack, GTK_WIDGET (self->connections_bin)), TRUE);

  last_view = g_settings_get_string (self->settings, "last-view");
  adw_view_stack_set_visible_child_name (self->view_stack, last_view);
  g_signal_connect_object (self->view_stack, "notify::visible-child",
                           G_CALLBACK (view_stack_notify_visible_child_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->context, "notify::session",
                           G_CALLBACK (ferry_window_session_changed), self, G_CONNECT_SWAPPED);
  ferry_account_button_set_accounts (self->account_button, G_LIST_MODEL (ferry_context_get_accounts (self->context)));

  ferry_window_update_header (self);
}

static void
ferry_window_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  FerryWindow *self = FERRY_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_window_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  FerryWindow *self = FERRY_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_window_dispose (GObject *object)
{
  FerryWindow *self = FERRY_WINDOW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->cache_tick, g_source_remove);
  if (self->session_bindings != NULL)
    g_binding_group_set_source (self->session_bindings, NULL);
  if (self->workspace_signals != NULL)
    g_signal_group_set_target (self->workspace_signals, NULL);
  if (self->projects_signals != NULL)
    g_signal_group_set_target (self->projects_signals, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), FERRY_TYPE_WINDOW);

  G_OBJECT_CLASS (ferry_window_parent_class)->dispose (object);
}

static void
ferry_window_finalize (GObject *object)
{
  FerryWindow *self = FERRY_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->context);
  g_clear_object (&self->session);
  g_clear_object (&self->session_bindings);
  g_clear_object (&self->workspace);
  g_clear_object (&self->workspace_signals);
  g_clear_object (&self->projects_signals);
  g_clear_object (&self->project);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->pending_account);
  g_clear_object (&self->watcher);

  G_OBJECT_CLASS (ferry_window_parent_class)->finalize (object);
}

static void
ferry_window_class_init (FerryWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = ferry_window_constructed;
  object_class->get_property = ferry_window_get_property;
  object_class->set_property = ferry_window_set_property;
  object_class->dispose = ferry_window_dispose;
  object_class->finalize = ferry_window_finalize;
  window_class->close_request = ferry_window_close_request;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, FERRY_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ferry-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FerryWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, FerryWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, FerryWindow, account_button);
  gtk_widget_class_bind_template_child (widget_class, FerryWindow, project_picker);
  gtk_widget_class_bind_template_child (widget_class, FerryWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, FerryWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, FerryWindow, switcher_none);
  gtk_widget_class_bind_template_child (widget_class, FerryWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, FerryWindow, refresh_button);
  gtk_widget_class_bind_template_child (widget_class, FerryWindow, new_button);
  gtk_widget_class_bind_template_child (widget_class, FerryWindow, expired_revealer);
  gtk_widget_class_bind_template_child (widget_class, FerryWindow, cache_revealer);
  gtk_widget_class_bind_template_child (widget_class, FerryWindow, cache_label);
  gtk_widget_class_bind_template_child (widget_class, FerryWindow, cache_retry_button);
  gtk_widget_class_bind_template_child (widget_class, FerryWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, FerryWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, FerryWindow, projects_error_view);
  gtk_widget_class_bind_template_child (widget_class, FerryWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, FerryWindow, loading_label);
  gtk_widget_class_bind_template_callback (widget_class, banner_shown_cb);
  gtk_widget_class_bind_template_callback (widget_class, project_picker_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_button_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, switcher_notify_visible_child_cb);

  _ferry_window_class_actions_init (klass);

  g_type_ensure (FERRY_TYPE_ACCOUNT_BUTTON);
  g_type_ensure (FERRY_TYPE_ERROR_VIEW);
  g_type_ensure (FERRY_TYPE_PROJECT_PICKER);
}

static void
ferry_window_init (FerryWindow *self)
{
  self->cancellable = g_cancellable_new ();

  self->workspace_signals = g_signal_group_new (FERRY_TYPE_WORKSPACE);
  g_signal_group_connect_object (self->workspace_signals, "notify::projects-state",
                                 G_CALLBACK (workspace_notify_projects_state_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->workspace_signals, "notify::projects-error",
                                 G_CALLBACK (workspace_notify_projects_error_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->workspace_signals, "notify::cached-at",
                                 G_CALLBACK (ferry_window_update_header), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->workspace_signals, "notify::offline",
                                 G_CALLBACK (ferry_window_update_header), self, G_CONNECT_SWAPPED);

  self->projects_signals = g_signal_group_new (G_TYPE_LIST_MODEL);
  g_signal_group_connect_object (self->projects_signals, "items-changed",
                                 G_CALLBACK (workspace_projects_changed_cb), self, G_CONNECT_SWAPPED);

  self->session_bindings = g_binding_group_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  _ferry_window_actions_init (self);

  /* The account button says so too, on its avatar and its row. */
  g_object_bind_property (self->expired_revealer, "reveal-child", self->account_button, "expired", G_BINDING_SYNC_CREATE);
  g_binding_group_bind_full (self->session_bindings, "state",
                             self->expired_revealer, "reveal-child",
                             G_BINDING_SYNC_CREATE,
                             session_state_to_expired, NULL, NULL, NULL);

#if DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif
}
