/* ferry-account-dialog.c
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Adding an account used to replace the window with the sign-in page; as a dialog the
 * window stays behind it, like Settings' Online Accounts does. The page is the same
 * FerrySigninPage the signed-out window shows; this only frames it.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-account-dialog.h"
#include "ferry-signin-page.h"

struct _FerryAccountDialog
{
  AdwWindow        parent_instance;

  FerrySigninPage *page;

  /* Template widgets */
  GtkBox          *box;
  AdwWindowTitle  *window_title;
  GtkWidget       *cancel_button;
};

G_DEFINE_FINAL_TYPE (FerryAccountDialog, ferry_account_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNED_IN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

GtkWidget *
ferry_account_dialog_get_signin_page (FerryAccountDialog *self)
{
  g_return_val_if_fail (FERRY_IS_ACCOUNT_DIALOG (self), NULL);

  return GTK_WIDGET (self->page);
}

static void
page_signed_in_cb (FerryAccountDialog *self,
                   FerrySession       *session)
{
  g_object_ref (self);
  g_signal_emit (self, signals[SIGNED_IN], 0, session);
  gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);
}

/* Cancel and Escape: a browser wait stops first (the form stays, with what was typed);
 * otherwise the dialog closes, which cancels whatever the page had in flight. */
static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  FerryAccountDialog *self = FERRY_ACCOUNT_DIALOG (widget);

  if (ferry_signin_page_get_busy (self->page))
    {
      gtk_widget_activate_action (GTK_WIDGET (self->page), "signin.cancel", NULL);
      return;
    }

  gtk_window_close (GTK_WINDOW (self));
}

FerryAccountDialog *
ferry_account_dialog_new (FerryContext *context,
                          GtkWindow    *parent,
                          FerryAccount *account)
{
  FerryAccountDialog *self;

  g_return_val_if_fail (FERRY_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  self = g_object_new (FERRY_TYPE_ACCOUNT_DIALOG,
                       "transient-for", parent,
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       NULL);

  self->page = FERRY_SIGNIN_PAGE (ferry_signin_page_new (context));
  gtk_widget_set_vexpand (GTK_WIDGET (self->page), TRUE);
  /* The header's Cancel is the only one; the page's own ones stay hidden. */
  ferry_signin_page_set_can_cancel (self->page, FALSE);
  ferry_signin_page_set_show_wait_cancel (self->page, FALSE);
  ferry_signin_page_prefill (self->page, account);
  gtk_box_append (self->box, GTK_WIDGET (self->page));
  g_signal_connect_object (self->page, "signed-in", G_CALLBACK (page_signed_in_cb), self, G_CONNECT_SWAPPED);

  gtk_window_set_title (GTK_WINDOW (self), account != NULL ? _("Sign In Again") : _("Add Account"));
  adw_window_title_set_title (self->window_title, gtk_window_get_title (GTK_WINDOW (self)));
  if (account != NULL)
    adw_window_title_set_subtitle (self->window_title, ferry_account_get_label (account));

  return self;
}

static void
ferry_account_dialog_class_init (FerryAccountDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  signals[SIGNED_IN] =
    g_signal_new ("signed-in", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, FERRY_TYPE_SESSION);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ferry-account-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, FerryAccountDialog, box);
  gtk_widget_class_bind_template_child (widget_class, FerryAccountDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, FerryAccountDialog, cancel_button);

  gtk_widget_class_install_action (widget_class, "account.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "account.cancel", NULL);
}

static void
ferry_account_dialog_init (FerryAccountDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
