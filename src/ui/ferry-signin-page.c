/* ferry-signin-page.c
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Server choice (Infisical Cloud US/EU or a self-hosted URL, checked as it is typed) and
 * Universal Auth with a machine identity's client id and secret. Errors stay on the page
 * with the server's answer behind "Details"; what was typed is kept.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-browser-signin.h"
#include "ferry-error-view.h"
#include "ferry-signin-page.h"
#include "ferry-uri-opener-gtk.h"
#include "ferry-uri-opener-relay.h"
#include "ferry-ui-utils.h"

/* Like the Infisical CLI: offer the paste fallback after a few seconds of waiting. */
#define PASTE_REVEAL_DELAY_S 5

enum {
  SERVER_CLOUD_US,
  SERVER_CLOUD_EU,
  SERVER_SELF_HOSTED,
};

struct _FerrySigninPage
{
  GtkWidget            parent_instance;

  FerryContext        *context;
  GCancellable        *cancellable;
  FerryBrowserSignin  *browser;
  FerryUriOpener      *opener;
  FerryUriOpenerRelay *relay;      /* what the browser sign-in opened: Copy Link, Open Again */
  guint                paste_source;

  /* Template widgets */
  GtkWidget           *scroller;
  AdwComboRow         *server_row;
  AdwEntryRow         *url_row;
  GtkLabel            *url_error_label;
  AdwEntryRow         *client_id_row;
  AdwPasswordEntryRow *client_secret_row;
  GtkButton           *sign_in_button;
  GtkButton           *cancel_button;
  GtkWidget           *wait_cancel_button;
  GtkSpinner          *spinner;
  FerryErrorView      *error_view;
  GtkButton           *browser_button;
  GtkRevealer         *waiting_revealer;
  GtkLabel            *waiting_label;
  GtkRevealer         *paste_revealer;
  AdwPasswordEntryRow *paste_row;
  GtkWidget           *machine_group;
  GtkWidget           *machine_buttons;
};

G_DEFINE_FINAL_TYPE (FerrySigninPage, ferry_signin_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_BUSY,
  N_PROPS
};

enum {
  SIGNED_IN,
  CANCELLED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

GtkWidget *
ferry_signin_page_new (FerryContext *context)
{
  g_return_val_if_fail (FERRY_IS_CONTEXT (context), NULL);

  return g_object_new (FERRY_TYPE_SIGNIN_PAGE, "context", context, NULL);
}

gboolean
ferry_signin_page_get_busy (FerrySigninPage *self)
{
  g_return_val_if_fail (FERRY_IS_SIGNIN_PAGE (self), FALSE);

  return self->cancellable != NULL;
}

/* The normalised site URL, or NULL with a translated error. */
static char *
ferry_signin_page_get_site_url (FerrySigninPage  *self,
                                GError          **error)
{
  switch (adw_combo_row_get_selected (self->server_row))
    {
    case SERVER_CLOUD_US:
      return g_strdup (FERRY_CLOUD_US_URL);
    case SERVER_CLOUD_EU:
      return g_strdup (FERRY_CLOUD_EU_URL);
    case SERVER_SELF_HOSTED:
    default:
      return ferry_api_normalize_site_url (gtk_editable_get_text (GTK_EDITABLE (self->url_row)), error);
    }
}

static gboolean
self_hosted_invalid (FerrySigninPage *self)
{
  g_autofree char *site = NULL;

  if (adw_combo_row_get_selected (self->server_row) != SERVER_SELF_HOSTED)
    return FALSE;

  site = ferry_api_normalize_site_url (gtk_editable_get_text (GTK_EDITABLE (self->url_row)), NULL);
  return site == NULL;
}

static gboolean
ferry_signin_page_validate (FerrySigninPage *self)
{
  gboolean self_hosted = adw_combo_row_get_selected (self->server_row) == SERVER_SELF_HOSTED;
  const char *url = gtk_editable_get_text (GTK_EDITABLE (self->url_row));
  g_autofree char *site = NULL;
  g_autofree char *client_id = NULL;
  g_autoptr(GError) error = NULL;
  gboolean valid = TRUE;
  gboolean url_bad = FALSE;

  gtk_widget_set_visible (GTK_WIDGET (self->url_row), self_hosted);

  if (self_hosted)
    {
      site = ferry_api_normalize_site_url (url, &error);
      if (site == NULL)
        {
          valid = FALSE;
          url_bad = url[0] != '\0';
        }
    }

  ferry_ui_set_invalid (GTK_WIDGET (self->url_row), url_bad);
  gtk_label_set_label (self->url_error_label, url_bad ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->url_error_label), url_bad);

  client_id = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->client_id_row))));
  if (client_id[0] == '\0')
    valid = FALSE;
  if (gtk_editable_get_text (GTK_EDITABLE (self->client_secret_row))[0] == '\0')
    valid = FALSE;

  return valid;
}

/* Making a focused entry insensitive leaves GtkText 4.8 without a focus-out: move the
 * focus away first. */
static void
set_sensitive (GtkWidget *widget,
               gboolean   sensitive)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  if (!sensitive && root != NULL)
    {
      GtkWidget *focus = gtk_root_get_focus (root);

      if (focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget)))
        gtk_root_set_focus (root, NULL);
    }

  gtk_widget_set_sensitive (widget, sensitive);
}

static void
ferry_signin_page_update (FerrySigninPage *self)
{
  gboolean busy = self->cancellable != NULL;
  gboolean valid = ferry_signin_page_validate (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "signin.submit", valid && !busy);
  set_sensitive (GTK_WIDGET (self->server_row), !busy);
  set_sensitive (GTK_WIDGET (self->url_row), !busy);
  set_sensitive (GTK_WIDGET (self->client_id_row), !busy);
  set_sensitive (GTK_WIDGET (self->client_secret_row), !busy);
  gtk_spinner_set_spinning (self->spinner, busy && self->browser == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy && self->browser == NULL);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "signin.browser",
                                 !busy && (!self_hosted_invalid (self)));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "signin.paste",
                                 self->browser != NULL &&
                                 gtk_editable_get_text (GTK_EDITABLE (self->paste_row))[0] != '\0');
  gtk_revealer_set_reveal_child (self->waiting_revealer, self->browser != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "signin.copy-link",
                                 self->browser != NULL && self->relay != NULL &&
                                 ferry_uri_opener_relay_get_uri (self->relay) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "signin.open-again",
                                 self->browser != NULL && self->relay != NULL &&
                                 ferry_uri_opener_relay_get_uri (self->relay) != NULL);
  if (self->browser == NULL)
    gtk_revealer_set_reveal_child (self->paste_revealer, FALSE);
  set_sensitive (self->machine_group, self->browser == NULL);
  set_sensitive (self->machine_buttons, self->browser == NULL);
}

static void
ferry_signin_page_set_cancellable (FerrySigninPage *self,
                                   GCancellable    *cancellable)
{
  gboolean was_busy = self->cancellable != NULL;

  if (self->cancellable != NULL && cancellable == NULL)
    g_cancellable_cancel (self->cancellable);
  g_set_object (&self->cancellable, cancellable);
  if (cancellable == NULL)
    {
      g_clear_object (&self->browser);
      g_clear_object (&self->relay);
      g_clear_handle_id (&self->paste_source, g_source_remove);
      gtk_editable_set_text (GTK_EDITABLE (self->paste_row), "");
    }

  ferry_signin_page_update (self);
  if (was_busy != (cancellable != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
field_changed_cb (FerrySigninPage *self)
{
  ferry_signin_page_update (self);
}

static void
entry_activated_cb (FerrySigninPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "signin.submit", NULL);
}

static void
server_row_notify_selected_cb (FerrySigninPage *self)
{
  ferry_signin_page_update (self);
  if (adw_combo_row_get_selected (self->server_row) == SERVER_SELF_HOSTED)
    gtk_widget_grab_focus (GTK_WIDGET (self->url_row));
}

static void
sign_in_machine_identity_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  g_autoptr(FerrySigninPage) self = user_data;
  g_autoptr(FerrySession) session = NULL;
  g_autoptr(GError) error = NULL;

  session = ferry_session_sign_in_machine_identity_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  ferry_signin_page_update (self);

  if (session == NULL)
    {
      ferry_error_view_set_error (self->error_view, error);
      if (g_error_matches (error, FERRY_API_ERROR, FERRY_API_ERROR_UNAUTHORIZED))
        gtk_widget_grab_focus (GTK_WIDGET (self->client_secret_row));
      return;
    }

  /* The secret is in the keyring now; do not keep it in the widget. */
  gtk_editable_set_text (GTK_EDITABLE (self->client_secret_row), "");
  g_signal_emit (self, signals[SIGNED_IN], 0, session);
}

static void
ferry_signin_page_submit (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  FerrySigninPage *self = FERRY_SIGNIN_PAGE (widget);
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *site = NULL;
  g_autofree char *client_id = NULL;

  if (self->cancellable != NULL || !ferry_signin_page_validate (self))
    return;

  site = ferry_signin_page_get_site_url (self, &error);
  if (site == NULL)
    {
      ferry_error_view_set_error (self->error_view, error);
      return;
    }

  ferry_error_view_set_error (self->error_view, NULL);
  client_id = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->client_id_row))));

  cancellable = g_cancellable_new ();
  ferry_signin_page_set_cancellable (self, cancellable);
  ferry_session_sign_in_machine_identity_async (ferry_context_get_accounts (self->context),
                                                ferry_context_get_token_store (self->context),
                                                site,
                                                client_id,
                                                gtk_editable_get_text (GTK_EDITABLE (self->client_secret_row)),
                                                cancellable,
                                                sign_in_machine_identity_cb,
                                                g_object_ref (self));
}


/* ---- Browser sign-in ---- */

static void
ferry_signin_page_finish_session (FerrySigninPage *self,
                                  FerrySession    *session,
                                  const GError    *error)
{
  ferry_signin_page_set_cancellable (self, NULL);

  if (session == NULL)
    {
      ferry_error_view_set_error (self->error_view, error);
      return;
    }

  g_signal_emit (self, signals[SIGNED_IN], 0, session);
}

static void
browser_run_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(FerrySigninPage) self = user_data;
  g_autoptr(FerrySession) session = NULL;
  g_autoptr(GError) error = NULL;

  session = ferry_browser_signin_run_finish (FERRY_BROWSER_SIGNIN (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* A paste sign-in may have finished first. */
  if (self->browser != FERRY_BROWSER_SIGNIN (object))
    return;

  ferry_signin_page_finish_session (self, session, error);
}

static void
ferry_signin_page_copy_link (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  FerrySigninPage *self = FERRY_SIGNIN_PAGE (widget);

  if (self->relay != NULL && ferry_uri_opener_relay_get_uri (self->relay) != NULL)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), ferry_uri_opener_relay_get_uri (self->relay));
}

static void
open_again_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(FerrySigninPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!ferry_uri_opener_open_finish (FERRY_URI_OPENER (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    ferry_error_view_set_error (self->error_view, error);
}

static void
ferry_signin_page_open_again (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  FerrySigninPage *self = FERRY_SIGNIN_PAGE (widget);

  if (self->relay != NULL)
    ferry_uri_opener_relay_open_again (self->relay, self->cancellable, open_again_cb, g_object_ref (self));
}

static void
browser_request_rejected_cb (FerrySigninPage *self,
                             const char      *reason)
{
  ferry_error_view_set_message (self->error_view, reason);
}

static gboolean
reveal_paste_cb (gpointer user_data)
{
  FerrySigninPage *self = user_data;

  self->paste_source = 0;
  gtk_revealer_set_reveal_child (self->paste_revealer, TRUE);

  return G_SOURCE_REMOVE;
}

static void
ferry_signin_page_browser (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  FerrySigninPage *self = FERRY_SIGNIN_PAGE (widget);
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *site = NULL;

  if (self->cancellable != NULL)
    return;

  site = ferry_signin_page_get_site_url (self, &error);
  if (site == NULL)
    {
      ferry_error_view_set_error (self->error_view, error);
      return;
    }

  ferry_error_view_set_error (self->error_view, NULL);
  if (self->opener == NULL)
    self->opener = ferry_uri_opener_gtk_new (GTK_WINDOW (gtk_widget_get_root (widget)));

  self->browser = ferry_browser_signin_new (ferry_context_get_accounts (self->context),
                                            ferry_context_get_token_store (self->context),
                                            site);
  g_signal_connect_object (self->browser, "request-rejected",
                           G_CALLBACK (browser_request_rejected_cb), self, G_CONNECT_SWAPPED);

  /* The sign-in page's address (a loopback port, no secret) stays at hand when no browser
   * shows up. */
  self->relay = ferry_uri_opener_relay_new (self->opener);
  g_signal_connect_object (self->relay, "notify::uri", G_CALLBACK (ferry_signin_page_update),
                           self, G_CONNECT_SWAPPED);
  cancellable = g_cancellable_new ();
  ferry_signin_page_set_cancellable (self, cancellable);
  self->paste_source = g_timeout_add_seconds (PASTE_REVEAL_DELAY_S, reveal_paste_cb, self);
  ferry_browser_signin_run_async (self->browser, FERRY_URI_OPENER (self->relay), cancellable,
                                  browser_run_cb, g_object_ref (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->waiting_revealer));
}

static void
paste_sign_in_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(FerrySigninPage) self = user_data;
  g_autoptr(FerrySession) session = NULL;
  g_autoptr(GError) error = NULL;

  session = ferry_browser_signin_sign_in_with_pasted_token_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (session == NULL)
    {
      /* Keep waiting for the browser; the pasted text stays for correction. */
      ferry_error_view_set_error (self->error_view, error);
      set_sensitive (GTK_WIDGET (self->paste_row), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->paste_row));
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->paste_row), "");
  ferry_signin_page_finish_session (self, session, NULL);
}

static void
ferry_signin_page_paste (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  FerrySigninPage *self = FERRY_SIGNIN_PAGE (widget);
  g_autofree char *site = NULL;

  if (self->browser == NULL)
    return;

  site = ferry_signin_page_get_site_url (self, NULL);
  if (site == NULL)
    return;

  ferry_error_view_set_error (self->error_view, NULL);
  set_sensitive (GTK_WIDGET (self->paste_row), FALSE);
  ferry_browser_signin_sign_in_with_pasted_token_async (ferry_context_get_accounts (self->context),
                                                        ferry_context_get_token_store (self->context),
                                                        site,
                                                        gtk_editable_get_text (GTK_EDITABLE (self->paste_row)),
                                                        self->cancellable,
                                                        paste_sign_in_cb,
                                                        g_object_ref (self));
}

static void
paste_activated_cb (FerrySigninPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "signin.paste", NULL);
}

void
ferry_signin_page_set_uri_opener (FerrySigninPage *self,
                                  FerryUriOpener  *opener)
{
  g_return_if_fail (FERRY_IS_SIGNIN_PAGE (self));
  g_return_if_fail (FERRY_IS_URI_OPENER (opener));

  g_set_object (&self->opener, opener);
}

static void
ferry_signin_page_cancel (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  FerrySigninPage *self = FERRY_SIGNIN_PAGE (widget);

  if (self->cancellable != NULL)
    {
      ferry_signin_page_set_cancellable (self, NULL);
      return;
    }

  if (gtk_widget_get_visible (GTK_WIDGET (self->cancel_button)))
    g_signal_emit (self, signals[CANCELLED], 0);
}

void
ferry_signin_page_reset (FerrySigninPage *self)
{
  g_return_if_fail (FERRY_IS_SIGNIN_PAGE (self));

  ferry_signin_page_set_cancellable (self, NULL);
  ferry_error_view_set_error (self->error_view, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->client_id_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->client_secret_row), "");
  ferry_signin_page_update (self);
}

static void
ferry_signin_page_select_site (FerrySigninPage *self,
                               const char      *site_url)
{
  if (site_url == NULL)
    return;

  if (g_strcmp0 (site_url, FERRY_CLOUD_US_URL) == 0)
    adw_combo_row_set_selected (self->server_row, SERVER_CLOUD_US);
  else if (g_strcmp0 (site_url, FERRY_CLOUD_EU_URL) == 0)
    adw_combo_row_set_selected (self->server_row, SERVER_CLOUD_EU);
  else
    {
      adw_combo_row_set_selected (self->server_row, SERVER_SELF_HOSTED);
      gtk_editable_set_text (GTK_EDITABLE (self->url_row), site_url);
    }
}

void
ferry_signin_page_prefill (FerrySigninPage *self,
                           FerryAccount    *account)
{
  g_return_if_fail (FERRY_IS_SIGNIN_PAGE (self));
  g_return_if_fail (account == NULL || FERRY_IS_ACCOUNT (account));

  ferry_signin_page_reset (self);
  if (account == NULL)
    return;

  ferry_signin_page_select_site (self, ferry_account_get_site_url (account));
  if (ferry_account_get_kind (account) == FERRY_ACCOUNT_KIND_MACHINE_IDENTITY &&
      ferry_account_get_client_id (account) != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->client_id_row), ferry_account_get_client_id (account));
      gtk_widget_grab_focus (GTK_WIDGET (self->client_secret_row));
    }
  ferry_signin_page_update (self);
}

void
ferry_signin_page_sign_in_machine_identity (FerrySigninPage *self,
                                            const char      *site_url,
                                            const char      *client_id,
                                            const char      *client_secret)
{
  g_return_if_fail (FERRY_IS_SIGNIN_PAGE (self));
  g_return_if_fail (site_url != NULL && client_id != NULL && client_secret != NULL);

  ferry_signin_page_reset (self);
  ferry_signin_page_select_site (self, site_url);
  gtk_editable_set_text (GTK_EDITABLE (self->client_id_row), client_id);
  gtk_editable_set_text (GTK_EDITABLE (self->client_secret_row), client_secret);
  gtk_widget_activate_action (GTK_WIDGET (self), "signin.submit", NULL);
}

static void
token_sign_in_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(FerrySigninPage) self = user_data;
  g_autoptr(FerrySession) session = NULL;
  g_autoptr(GError) error = NULL;

  session = ferry_session_sign_in_with_jwt_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  ferry_signin_page_finish_session (self, session, error);
}

void
ferry_signin_page_sign_in_with_token (FerrySigninPage *self,
                                      const char      *site_url,
                                      const char      *token,
                                      const char      *email)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  g_return_if_fail (FERRY_IS_SIGNIN_PAGE (self));
  g_return_if_fail (site_url != NULL && token != NULL);

  ferry_signin_page_reset (self);
  ferry_signin_page_select_site (self, site_url);
  ferry_error_view_set_error (self->error_view, NULL);
  ferry_signin_page_set_cancellable (self, cancellable);
  ferry_session_sign_in_with_jwt_async (ferry_context_get_accounts (self->context),
                                        ferry_context_get_token_store (self->context),
                                        site_url, token, email, cancellable,
                                        token_sign_in_cb, g_object_ref (self));
}

void
ferry_signin_page_show_error (FerrySigninPage *self,
                              const GError    *error)
{
  g_return_if_fail (FERRY_IS_SIGNIN_PAGE (self));

  ferry_error_view_set_error (self->error_view, error);
}

void
ferry_signin_page_set_can_cancel (FerrySigninPage *self,
                                  gboolean         can_cancel)
{
  g_return_if_fail (FERRY_IS_SIGNIN_PAGE (self));

  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), can_cancel);
}

void
ferry_signin_page_set_show_wait_cancel (FerrySigninPage *self,
                                        gboolean         show)
{
  g_return_if_fail (FERRY_IS_SIGNIN_PAGE (self));

  gtk_widget_set_visible (self->wait_cancel_button, show);
}

static void
ferry_signin_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  FerrySigninPage *self = FERRY_SIGNIN_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->cancellable != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_signin_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  FerrySigninPage *self = FERRY_SIGNIN_PAGE (object);

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
ferry_signin_page_dispose (GObject *object)
{
  FerrySigninPage *self = FERRY_SIGNIN_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->browser);
  g_clear_handle_id (&self->paste_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), FERRY_TYPE_SIGNIN_PAGE);
  ferry_ui_unparent_children (GTK_WIDGET (self));

  G_OBJECT_CLASS (ferry_signin_page_parent_class)->dispose (object);
}

static void
ferry_signin_page_finalize (GObject *object)
{
  FerrySigninPage *self = FERRY_SIGNIN_PAGE (object);

  g_clear_object (&self->context);
  g_clear_object (&self->relay);
  g_clear_object (&self->opener);

  G_OBJECT_CLASS (ferry_signin_page_parent_class)->finalize (object);
}

static void
ferry_signin_page_class_init (FerrySigninPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = ferry_signin_page_get_property;
  object_class->set_property = ferry_signin_page_set_property;
  object_class->dispose = ferry_signin_page_dispose;
  object_class->finalize = ferry_signin_page_finalize;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, FERRY_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNED_IN] =
    g_signal_new ("signed-in",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, FERRY_TYPE_SESSION);
  signals[CANCELLED] =
    g_signal_new ("cancelled",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ferry-signin-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FerrySigninPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, FerrySigninPage, server_row);
  gtk_widget_class_bind_template_child (widget_class, FerrySigninPage, url_row);
  gtk_widget_class_bind_template_child (widget_class, FerrySigninPage, url_error_label);
  gtk_widget_class_bind_template_child (widget_class, FerrySigninPage, client_id_row);
  gtk_widget_class_bind_template_child (widget_class, FerrySigninPage, client_secret_row);
  gtk_widget_class_bind_template_child (widget_class, FerrySigninPage, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, FerrySigninPage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, FerrySigninPage, wait_cancel_button);
  gtk_widget_class_bind_template_child (widget_class, FerrySigninPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, FerrySigninPage, error_view);
  gtk_widget_class_bind_template_child (widget_class, FerrySigninPage, browser_button);
  gtk_widget_class_bind_template_child (widget_class, FerrySigninPage, waiting_revealer);
  gtk_widget_class_bind_template_child (widget_class, FerrySigninPage, waiting_label);
  gtk_widget_class_bind_template_child (widget_class, FerrySigninPage, paste_revealer);
  gtk_widget_class_bind_template_child (widget_class, FerrySigninPage, paste_row);
  gtk_widget_class_bind_template_child (widget_class, FerrySigninPage, machine_group);
  gtk_widget_class_bind_template_child (widget_class, FerrySigninPage, machine_buttons);
  gtk_widget_class_bind_template_callback (widget_class, paste_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, server_row_notify_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);

  gtk_widget_class_install_action (widget_class, "signin.submit", NULL, ferry_signin_page_submit);
  gtk_widget_class_install_action (widget_class, "signin.cancel", NULL, ferry_signin_page_cancel);
  gtk_widget_class_install_action (widget_class, "signin.browser", NULL, ferry_signin_page_browser);
  gtk_widget_class_install_action (widget_class, "signin.paste", NULL, ferry_signin_page_paste);
  gtk_widget_class_install_action (widget_class, "signin.copy-link", NULL, ferry_signin_page_copy_link);
  gtk_widget_class_install_action (widget_class, "signin.open-again", NULL, ferry_signin_page_open_again);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "signin.cancel", NULL);

  g_type_ensure (FERRY_TYPE_ERROR_VIEW);
}

static void
ferry_signin_page_init (FerrySigninPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ferry_signin_page_update (self);
}
