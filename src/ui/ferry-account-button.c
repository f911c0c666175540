/* ferry-account-button.c
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The button is the account's avatar; its popover says who (the user's email, or the machine
 * identity) and where (the organization, else the server), lists every account like
 * Settings' Online Accounts, then Add Account and Sign Out.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "ferry-account-button.h"
#include "ferry-ui-utils.h"

struct _FerryAccountButton
{
  GtkWidget      parent_instance;

  GListModel    *accounts;
  FerryAccount  *account;
  gboolean       expired;

  /* Template widgets */
  GtkMenuButton *menu_button;
  AdwAvatar     *avatar;
  GtkWidget     *expired_emblem;
  GtkPopover    *popover;
  GtkLabel      *account_label;
  GtkLabel      *organization_label;
  GtkWidget     *expired_label;
  GtkListBox    *account_list;
  GtkWidget     *sign_out_button;
};

G_DEFINE_FINAL_TYPE (FerryAccountButton, ferry_account_button, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ACCOUNTS,
  PROP_ACCOUNT,
  PROP_EXPIRED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
ferry_account_button_new (void)
{
  return g_object_new (FERRY_TYPE_ACCOUNT_BUTTON, NULL);
}

GListModel *
ferry_account_button_get_accounts (FerryAccountButton *self)
{
  g_return_val_if_fail (FERRY_IS_ACCOUNT_BUTTON (self), NULL);

  return self->accounts;
}

FerryAccount *
ferry_account_button_get_account (FerryAccountButton *self)
{
  g_return_val_if_fail (FERRY_IS_ACCOUNT_BUTTON (self), NULL);

  return self->account;
}

gboolean
ferry_account_button_get_expired (FerryAccountButton *self)
{
  g_return_val_if_fail (FERRY_IS_ACCOUNT_BUTTON (self), FALSE);

  return self->expired;
}

/* Who: the email of a person, the name people gave a machine identity, else "Machine
 * identity" (the server does not tell an identity its own name at sign-in). */
static char *
account_who (FerryAccount *account)
{
  if (ferry_account_get_kind (account) == FERRY_ACCOUNT_KIND_USER && ferry_account_get_email (account) != NULL)
    return g_strdup (ferry_account_get_email (account));
  if (ferry_account_has_custom_label (account))
    return g_strdup (ferry_account_get_label (account));
  return g_strdup (_("Machine identity"));
}

static char *
account_host (FerryAccount *account)
{
  g_autoptr(GUri) uri = g_uri_parse (ferry_account_get_site_url (account), G_URI_FLAGS_NONE, NULL);

  if (uri != NULL && g_uri_get_port (uri) > 0)
    return g_strdup_printf ("%s:%d", g_uri_get_host (uri), g_uri_get_port (uri));

  return g_strdup (uri != NULL ? g_uri_get_host (uri) : ferry_account_get_site_url (account));
}

/* Where: the organization, else the server. */
static char *
account_where (FerryAccount *account)
{
  const char *org = ferry_account_get_organization_name (account);

  return org != NULL && org[0] != '\0' ? g_strdup (org) : account_host (account);
}

static void
ferry_account_button_update_labels (FerryAccountButton *self)
{
  FerryAccount *current = self->account;
  g_autofree char *who = NULL;
  g_autofree char *where = NULL;
  g_autofree char *tooltip = NULL;

  gtk_widget_set_visible (self->expired_emblem, current != NULL && self->expired);
  gtk_widget_set_visible (self->expired_label, current != NULL && self->expired);
  gtk_widget_set_visible (self->sign_out_button, current != NULL);

  if (current == NULL)
    return;

  who = account_who (current);
  where = account_where (current);
  gtk_label_set_label (self->account_label, where);
  gtk_label_set_label (self->organization_label, who);
  adw_avatar_set_text (self->avatar, who);

  if (self->expired)
    /* Translators: tooltip of the account button; %s is the account */
    tooltip = g_strdup_printf (_("Account: %s (sign-in expired)"), ferry_account_get_label (current));
  else
    /* Translators: tooltip of the account button; %s is the account */
    tooltip = g_strdup_printf (_("Account: %s"), ferry_account_get_label (current));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->menu_button), tooltip);
}

/* One row per account, as Settings' Online Accounts lists them: who, then where (with the
 * server when the organization is known), the current one checked, its state shown. */
static GtkWidget *
create_account_row (FerryAccountButton *self,
                    FerryAccount       *account)
{
  g_autofree char *who = account_who (account);
  g_autofree char *host = account_host (account);
  g_autofree char *subtitle = NULL;
  const char *org = ferry_account_get_organization_name (account);
  gboolean current = self->account != NULL &&
                     g_strcmp0 (ferry_account_get_id (account), ferry_account_get_id (self->account)) == 0;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *avatar = adw_avatar_new (32, who, TRUE);

  if (org != NULL && org[0] != '\0')
    /* Translators: account row subtitle: organization · server */
    subtitle = g_strdup_printf (_("%s · %s"), org, host);
  else
    subtitle = g_strdup (host);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), who);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), avatar);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "ferry-account-id", g_strdup (ferry_account_get_id (account)), g_free);

  if (current && self->expired)
    {
      GtkWidget *label = gtk_label_new (_("Expired"));

      gtk_widget_add_css_class (label, "error");
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  if (current)
    {
      GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Current account"), -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), check);
    }

  return row;
}

static void
ferry_account_button_rebuild (FerryAccountButton *self)
{
  guint n = self->accounts != NULL ? g_list_model_get_n_items (self->accounts) : 0;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->account_list))) != NULL)
    gtk_list_box_remove (self->account_list, child);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FerryAccount) account = g_list_model_get_item (self->accounts, i);

      gtk_list_box_append (self->account_list, create_account_row (self, account));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->account_list), n > 0);

  ferry_account_button_update_labels (self);
}

static void
account_list_row_activated_cb (FerryAccountButton *self,
                               GtkListBoxRow      *row)
{
  const char *id = g_object_get_data (G_OBJECT (row), "ferry-account-id");

  gtk_popover_popdown (self->popover);
  if (id != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.switch-account", "s", id);
}

static void
popdown_cb (FerryAccountButton *self)
{
  gtk_popover_popdown (self->popover);
}

void
ferry_account_button_set_expired (FerryAccountButton *self,
                                  gboolean            expired)
{
  g_return_if_fail (FERRY_IS_ACCOUNT_BUTTON (self));

  expired = !!expired;
  if (self->expired == expired)
    return;

  self->expired = expired;
  ferry_account_button_rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPIRED]);
}

void
ferry_account_button_set_accounts (FerryAccountButton *self,
                                   GListModel         *accounts)
{
  g_return_if_fail (FERRY_IS_ACCOUNT_BUTTON (self));
  g_return_if_fail (accounts == NULL || G_IS_LIST_MODEL (accounts));

  if (self->accounts == accounts)
    return;

  if (self->accounts != NULL)
    g_signal_handlers_disconnect_by_func (self->accounts, ferry_account_button_rebuild, self);
  g_set_object (&self->accounts, accounts);
  if (accounts != NULL)
    g_signal_connect_object (accounts, "items-changed",
                             G_CALLBACK (ferry_account_button_rebuild), self, G_CONNECT_SWAPPED);

  ferry_account_button_rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNTS]);
}

void
ferry_account_button_set_account (FerryAccountButton *self,
                                  FerryAccount       *account)
{
  g_return_if_fail (FERRY_IS_ACCOUNT_BUTTON (self));
  g_return_if_fail (account == NULL || FERRY_IS_ACCOUNT (account));

  /* Rebuilt even for the same account: a new session of it may have renamed it. */
  if (g_set_object (&self->account, account))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT]);
  ferry_account_button_rebuild (self);
}

static void
ferry_account_button_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  FerryAccountButton *self = FERRY_ACCOUNT_BUTTON (object);

  switch (prop_id)
    {
    case PROP_ACCOUNTS:
      g_value_set_object (value, self->accounts);
      break;
    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;
    case PROP_EXPIRED:
      g_value_set_boolean (value, self->expired);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_account_button_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  FerryAccountButton *self = FERRY_ACCOUNT_BUTTON (object);

  switch (prop_id)
    {
    case PROP_ACCOUNTS:
      ferry_account_button_set_accounts (self, g_value_get_object (value));
      break;
    case PROP_ACCOUNT:
      ferry_account_button_set_account (self, g_value_get_object (value));
      break;
    case PROP_EXPIRED:
      ferry_account_button_set_expired (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_account_button_dispose (GObject *object)
{
  FerryAccountButton *self = FERRY_ACCOUNT_BUTTON (object);

  if (self->accounts != NULL)
    g_signal_handlers_disconnect_by_func (self->accounts, ferry_account_button_rebuild, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), FERRY_TYPE_ACCOUNT_BUTTON);
  ferry_ui_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->accounts);
  g_clear_object (&self->account);

  G_OBJECT_CLASS (ferry_account_button_parent_class)->dispose (object);
}

static void
ferry_account_button_class_init (FerryAccountButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = ferry_account_button_get_property;
  object_class->set_property = ferry_account_button_set_property;
  object_class->dispose = ferry_account_button_dispose;

  properties[PROP_ACCOUNTS] =
    g_param_spec_object ("accounts", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL, FERRY_TYPE_ACCOUNT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EXPIRED] =
    g_param_spec_boolean ("expired", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ferry-account-button.ui");
  gtk_widget_class_bind_template_child (widget_class, FerryAccountButton, menu_button);
  gtk_widget_class_bind_template_child (widget_class, FerryAccountButton, account_label);
  gtk_widget_class_bind_template_child (widget_class, FerryAccountButton, organization_label);
  gtk_widget_class_bind_template_child (widget_class, FerryAccountButton, avatar);
  gtk_widget_class_bind_template_child (widget_class, FerryAccountButton, expired_emblem);
  gtk_widget_class_bind_template_child (widget_class, FerryAccountButton, popover);
  gtk_widget_class_bind_template_child (widget_class, FerryAccountButton, expired_label);
  gtk_widget_class_bind_template_child (widget_class, FerryAccountButton, account_list);
  gtk_widget_class_bind_template_child (widget_class, FerryAccountButton, sign_out_button);
  gtk_widget_class_bind_template_callback (widget_class, account_list_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, popdown_cb);
}

static void
ferry_account_button_init (FerryAccountButton *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  ferry_account_button_rebuild (self);
}
