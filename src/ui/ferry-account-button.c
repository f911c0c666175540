/* ferry-account-button.c
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The button shows where (the organization, else the server) over who (the user's email, or
 * "Machine identity"). Its menu lists every account, then Add Account and Sign Out.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-account-button.h"
#include "ferry-ui-utils.h"

struct _FerryAccountButton
{
  GtkWidget      parent_instance;

  GListModel    *accounts;
  FerryAccount  *account;
  GMenu         *menu;

  /* Template widgets */
  GtkMenuButton *menu_button;
  GtkLabel      *account_label;
  GtkLabel      *organization_label;
};

G_DEFINE_FINAL_TYPE (FerryAccountButton, ferry_account_button, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ACCOUNTS,
  PROP_ACCOUNT,
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

GMenuModel *
ferry_account_button_get_menu_model (FerryAccountButton *self)
{
  g_return_val_if_fail (FERRY_IS_ACCOUNT_BUTTON (self), NULL);

  return G_MENU_MODEL (self->menu);
}

static void
ferry_account_button_update_labels (FerryAccountButton *self)
{
  FerryAccount *current = self->account;
  const char *org;
  g_autofree char *tooltip = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *host = NULL;

  if (current == NULL)
    return;

  /* First line: where (organization, else the server); second: who. */
  org = ferry_account_get_organization_name (current);
  uri = g_uri_parse (ferry_account_get_site_url (current), G_URI_FLAGS_NONE, NULL);
  if (uri != NULL && g_uri_get_port (uri) > 0)
    host = g_strdup_printf ("%s:%d", g_uri_get_host (uri), g_uri_get_port (uri));
  else
    host = g_strdup (uri != NULL ? g_uri_get_host (uri) : ferry_account_get_site_url (current));
  gtk_label_set_label (self->account_label, org != NULL && org[0] != '\0' ? org : host);
  if (ferry_account_get_kind (current) == FERRY_ACCOUNT_KIND_USER && ferry_account_get_email (current) != NULL)
    gtk_label_set_label (self->organization_label, ferry_account_get_email (current));
  else
    gtk_label_set_label (self->organization_label, _("Machine identity"));
  /* Translators: tooltip of the account button; %s is the account */
  tooltip = g_strdup_printf (_("Account: %s"), ferry_account_get_label (current));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->menu_button), tooltip);
}

static void
ferry_account_button_rebuild (FerryAccountButton *self)
{
  g_autoptr(GMenu) list = g_menu_new ();
  g_autoptr(GMenu) manage = g_menu_new ();
  guint n = self->accounts != NULL ? g_list_model_get_n_items (self->accounts) : 0;

  g_menu_remove_all (self->menu);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FerryAccount) account = g_list_model_get_item (self->accounts, i);
      g_autoptr(GMenuItem) item = NULL;
      g_autofree char *label = NULL;
      const char *org = ferry_account_get_organization_name (account);

      if (org != NULL && org[0] != '\0')
        /* Translators: account switcher item: account label — organization */
        label = g_strdup_printf (_("%s — %s"), ferry_account_get_label (account), org);
      else
        label = g_strdup (ferry_account_get_label (account));

      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target (item, "win.switch-account", "s", ferry_account_get_id (account));
      g_menu_append_item (list, item);
    }

  g_menu_append (manage, _("_Add Account…"), "win.add-account");
  if (self->account != NULL)
    g_menu_append (manage, _("_Sign Out"), "win.sign-out");

  if (n > 0)
    g_menu_append_section (self->menu, NULL, G_MENU_MODEL (list));
  g_menu_append_section (self->menu, NULL, G_MENU_MODEL (manage));

  ferry_account_button_update_labels (self);
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
  g_clear_object (&self->menu);

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
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ferry-account-button.ui");
  gtk_widget_class_bind_template_child (widget_class, FerryAccountButton, menu_button);
  gtk_widget_class_bind_template_child (widget_class, FerryAccountButton, account_label);
  gtk_widget_class_bind_template_child (widget_class, FerryAccountButton, organization_label);
}

static void
ferry_account_button_init (FerryAccountButton *self)
{
  self->menu = g_menu_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_menu_button_set_menu_model (self->menu_button, G_MENU_MODEL (self->menu));
  ferry_account_button_rebuild (self);
}
