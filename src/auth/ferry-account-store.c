/* ferry-account-store.c
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ferry-account-store.h"

struct _FerryAccountStore
{
  GObject    parent_instance;

  GSettings *settings;
  GPtrArray *accounts;      /* FerryAccount, in the order of the "accounts" key */
  char      *default_id;    /* id of the default account last notified, or NULL */
  guint      loading : 1;   /* applying the key: property changes are not written back */
};

static void ferry_account_store_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FerryAccountStore, ferry_account_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      ferry_account_store_list_model_init))

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_DEFAULT_ACCOUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
ferry_account_store_get_item_type (GListModel *model)
{
  return FERRY_TYPE_ACCOUNT;
}

static guint
ferry_account_store_get_n_items (GListModel *model)
{
  return FERRY_ACCOUNT_STORE (model)->accounts->len;
}

static gpointer
ferry_account_store_get_item (GListModel *model,
                              guint       position)
{
  FerryAccountStore *self = FERRY_ACCOUNT_STORE (model);

  if (position >= self->accounts->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->accounts, position));
}

static void
ferry_account_store_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = ferry_account_store_get_item_type;
  iface->get_n_items = ferry_account_store_get_n_items;
  iface->get_item = ferry_account_store_get_item;
}

static FerryAccount *
find_by_id (FerryAccountStore *self,
            const char        *account_id,
            guint             *position)
{
  for (guint i = 0; i < self->accounts->len; i++)
    {
      FerryAccount *account = g_ptr_array_index (self->accounts, i);

      if (g_strcmp0 (ferry_account_get_id (account), account_id) == 0)
        {
          if (position != NULL)
            *position = i;
          return account;
        }
    }

  return NULL;
}

/* Notifies "default-account" when the account it resolves to changed. */
static void
update_default (FerryAccountStore *self)
{
  FerryAccount *account = ferry_account_store_get_default (self);
  const char *id = account != NULL ? ferry_account_get_id (account) : NULL;

  if (g_strcmp0 (id, self->default_id) == 0)
    return;

  g_free (self->default_id);
  self->default_id = g_strdup (id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEFAULT_ACCOUNT]);
}

static void
write_accounts (FerryAccountStore *self)
{
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("aa{sv}"));
  g_autoptr(GVariant) current = NULL;
  GVariant *value;

  for (guint i = 0; i < self->accounts->len; i++)
    g_variant_builder_add_value (&builder, ferry_account_to_variant (g_ptr_array_index (self->accounts, i)));

  value = g_variant_ref_sink (g_variant_builder_end (&builder));
  current = g_settings_get_value (self->settings, "accounts");
  if (!g_variant_equal (current, value))
    g_settings_set_value (self->settings, "accounts", value);
  g_variant_unref (value);
}

static void
account_notify_cb (FerryAccount      *account,
                   GParamSpec        *pspec,
                   FerryAccountStore *self)
{
  if (!self->loading)
    write_accounts (self);
}

static void
track_account (FerryAccountStore *self,
               FerryAccount      *account)
{
  g_signal_connect_object (account, "notify", G_CALLBACK (account_notify_cb), self, 0);
}

static void
untrack_account (FerryAccountStore *self,
                 FerryAccount      *account)
{
  g_signal_handlers_disconnect_by_func (account, account_notify_cb, self);
}

static void
copy_properties (FerryAccount *to,
                 FerryAccount *from)
{
  ferry_account_set_email (to, ferry_account_get_email (from));
  ferry_account_set_client_id (to, ferry_account_get_client_id (from));
  ferry_account_set_organization_id (to, ferry_account_get_organization_id (from));
  ferry_account_set_organization_name (to, ferry_account_get_organization_name (from));
}

/* Applies the "accounts" key. Accounts that stay keep their object (and identity). */
static void
load_accounts (FerryAccountStore *self)
{
  g_autoptr(GVariant) value = g_settings_get_value (self->settings, "accounts");
  g_autoptr(GPtrArray) loaded = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) old = NULL;
  GVariantIter iter;
  GVariant *child;
  guint old_len;

  g_variant_iter_init (&iter, value);
  while ((child = g_variant_iter_next_value (&iter)) != NULL)
    {
      g_autoptr(GVariant) dict = child;
      g_autoptr(FerryAccount) account = ferry_account_new_from_variant (dict);
      FerryAccount *existing;
      gboolean duplicate = FALSE;

      if (account == NULL)
        continue;

      for (guint i = 0; i < loaded->len && !duplicate; i++)
        duplicate = g_str_equal (ferry_account_get_id (g_ptr_array_index (loaded, i)),
                                 ferry_account_get_id (account));
      if (duplicate)
        continue;

      existing = find_by_id (self, ferry_account_get_id (account), NULL);
      if (existing != NULL &&
          ferry_account_get_kind (existing) == ferry_account_get_kind (account) &&
          g_strcmp0 (ferry_account_get_site_url (existing), ferry_account_get_site_url (account)) == 0)
        {
          self->loading = TRUE;
          copy_properties (existing, account);
          ferry_account_set_label (existing, ferry_account_has_custom_label (account)
                                             ? ferry_account_get_label (account) : NULL);
          self->loading = FALSE;
          g_ptr_array_add (loaded, g_object_ref (existing));
        }
      else
        {
          g_ptr_array_add (loaded, g_steal_pointer (&account));
        }
    }

  old = g_steal_pointer (&self->accounts);
  old_len = old->len;
  for (guint i = 0; i < old->len; i++)
    untrack_account (self, g_ptr_array_index (old, i));

  self->accounts = g_steal_pointer (&loaded);
  for (guint i = 0; i < self->accounts->len; i++)
    track_account (self, g_ptr_array_index (self->accounts, i));

  if (old_len > 0 || self->accounts->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, self->accounts->len);
}

static void
settings_changed_cb (GSettings         *settings,
                     const char        *key,
                     FerryAccountStore *self)
{
  if (g_str_equal (key, "accounts"))
    {
      g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("aa{sv}"));
      g_autoptr(GVariant) ours = NULL;
      g_autoptr(GVariant) theirs = g_settings_get_value (settings, "accounts");

      /* Our own writes come back here too: only reload what someone else changed. */
      for (guint i = 0; i < self->accounts->len; i++)
        g_variant_builder_add_value (&builder, ferry_account_to_variant (g_ptr_array_index (self->accounts, i)));
      ours = g_variant_ref_sink (g_variant_builder_end (&builder));

      if (!g_variant_equal (ours, theirs))
        {
          load_accounts (self);
          update_default (self);
        }
    }
  else if (g_str_equal (key, "default-account"))
    {
      update_default (self);
    }
}

static void
ferry_account_store_constructed (GObject *object)
{
  FerryAccountStore *self = (FerryAccountStore *)object;

  G_OBJECT_CLASS (ferry_account_store_parent_class)->constructed (object);

  g_assert (G_IS_SETTINGS (self->settings));

  load_accounts (self);
  update_default (self);
  g_signal_connect_object (self->settings, "changed",
                           G_CALLBACK (settings_changed_cb), self, 0);
}

static void
ferry_account_store_dispose (GObject *object)
{
  FerryAccountStore *self = (FerryAccountStore *)object;

  if (self->accounts != NULL)
    {
      for (guint i = 0; i < self->accounts->len; i++)
        untrack_account (self, g_ptr_array_index (self->accounts, i));
      g_ptr_array_set_size (self->accounts, 0);
    }
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ferry_account_store_parent_class)->dispose (object);
}

static void
ferry_account_store_finalize (GObject *object)
{
  FerryAccountStore *self = (FerryAccountStore *)object;

  g_clear_pointer (&self->accounts, g_ptr_array_unref);
  g_clear_pointer (&self->default_id, g_free);

  G_OBJECT_CLASS (ferry_account_store_parent_class)->finalize (object);
}

static void
ferry_account_store_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  FerryAccountStore *self = FERRY_ACCOUNT_STORE (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_DEFAULT_ACCOUNT:
      g_value_set_object (value, ferry_account_store_get_default (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_account_store_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  FerryAccountStore *self = FERRY_ACCOUNT_STORE (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_account_store_class_init (FerryAccountStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = ferry_account_store_constructed;
  object_class->dispose = ferry_account_store_dispose;
  object_class->finalize = ferry_account_store_finalize;
  object_class->get_property = ferry_account_store_get_property;
  object_class->set_property = ferry_account_store_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /* The account shown at start: the "default-account" one, else the first, else NULL. */
  properties[PROP_DEFAULT_ACCOUNT] =
    g_param_spec_object ("default-account", NULL, NULL,
                         FERRY_TYPE_ACCOUNT,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ferry_account_store_init (FerryAccountStore *self)
{
  self->accounts = g_ptr_array_new_with_free_func (g_object_unref);
}

FerryAccountStore *
ferry_account_store_new (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (FERRY_TYPE_ACCOUNT_STORE,
                       "settings", settings,
                       NULL);
}

/* The stored account that is the same sign-in as @account (ferry_account_matches ()),
 * or NULL. Transfer none. */
FerryAccount *
ferry_account_store_find (FerryAccountStore *self,
                          FerryAccount      *account)
{
  g_return_val_if_fail (FERRY_IS_ACCOUNT_STORE (self), NULL);
  g_return_val_if_fail (FERRY_IS_ACCOUNT (account), NULL);

  for (guint i = 0; i < self->accounts->len; i++)
    {
      FerryAccount *stored = g_ptr_array_index (self->accounts, i);

      if (stored == account || ferry_account_matches (stored, account))
        return stored;
    }

  return NULL;
}

FerryAccount *
ferry_account_store_add (FerryAccountStore *self,
                         FerryAccount      *account)
{
  FerryAccount *stored;

  g_return_val_if_fail (FERRY_IS_ACCOUNT_STORE (self), NULL);
  g_return_val_if_fail (FERRY_IS_ACCOUNT (account), NULL);

  stored = ferry_account_store_find (self, account);
  if (stored != NULL)
    {
      /* Signing in again: keep the stored account (its id keys the keyring items
       * and its label may have been chosen by people), take the fresh details. */
      if (stored != account)
        {
          self->loading = TRUE;
          copy_properties (stored, account);
          if (ferry_account_has_custom_label (account))
            ferry_account_set_label (stored, ferry_account_get_label (account));
          self->loading = FALSE;
        }
      write_accounts (self);
      return stored;
    }

  g_ptr_array_add (self->accounts, g_object_ref (account));
  track_account (self, account);
  write_accounts (self);
  g_list_model_items_changed (G_LIST_MODEL (self), self->accounts->len - 1, 0, 1);
  update_default (self);

  return account;
}

void
ferry_account_store_remove (FerryAccountStore *self,
                            FerryAccount      *account)
{
  g_autoptr(FerryAccount) removed = NULL;
  g_autofree char *default_id = NULL;
  guint position;

  g_return_if_fail (FERRY_IS_ACCOUNT_STORE (self));
  g_return_if_fail (FERRY_IS_ACCOUNT (account));

  if (find_by_id (self, ferry_account_get_id (account), &position) == NULL)
    return;

  removed = g_object_ref (g_ptr_array_index (self->accounts, position));
  untrack_account (self, removed);
  g_ptr_array_remove_index (self->accounts, position);
  write_accounts (self);

  default_id = g_settings_get_string (self->settings, "default-account");
  if (g_strcmp0 (default_id, ferry_account_get_id (removed)) == 0)
    g_settings_set_string (self->settings, "default-account",
                           self->accounts->len > 0
                           ? ferry_account_get_id (g_ptr_array_index (self->accounts, 0))
                           : "");

  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
  update_default (self);
}

/* @label NULL or empty: back to the default label. */
void
ferry_account_store_rename (FerryAccountStore *self,
                            FerryAccount      *account,
                            const char        *label)
{
  g_return_if_fail (FERRY_IS_ACCOUNT_STORE (self));
  g_return_if_fail (FERRY_IS_ACCOUNT (account));

  ferry_account_set_label (account, label);
  write_accounts (self);
}

FerryAccount *
ferry_account_store_lookup (FerryAccountStore *self,
                            const char        *account_id)
{
  g_return_val_if_fail (FERRY_IS_ACCOUNT_STORE (self), NULL);

  if (account_id == NULL)
    return NULL;

  return find_by_id (self, account_id, NULL);
}

FerryAccount *
ferry_account_store_get_default (FerryAccountStore *self)
{
  g_autofree char *default_id = NULL;
  FerryAccount *account;

  g_return_val_if_fail (FERRY_IS_ACCOUNT_STORE (self), NULL);

  if (self->accounts->len == 0)
    return NULL;

  default_id = g_settings_get_string (self->settings, "default-account");
  account = find_by_id (self, default_id, NULL);
  if (account != NULL)
    return account;

  return g_ptr_array_index (self->accounts, 0);
}

void
ferry_account_store_set_default (FerryAccountStore *self,
                                 FerryAccount      *account)
{
  g_return_if_fail (FERRY_IS_ACCOUNT_STORE (self));
  g_return_if_fail (FERRY_IS_ACCOUNT (account));

  if (find_by_id (self, ferry_account_get_id (account), NULL) == NULL)
    {
      g_critical ("%s: the account is not in the store", G_STRFUNC);
      return;
    }

  g_settings_set_string (self->settings, "default-account", ferry_account_get_id (account));
  update_default (self);
}

void
ferry_account_store_save (FerryAccountStore *self)
{
  g_return_if_fail (FERRY_IS_ACCOUNT_STORE (self));

  write_accounts (self);
}
