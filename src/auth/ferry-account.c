/* ferry-account.c
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-account.h"

struct _FerryAccount
{
  GObject           parent_instance;

  char             *id;
  char             *site_url;
  FerryAccountKind  kind;
  char             *email;
  char             *client_id;
  char             *organization_id;
  char             *organization_name;
  char             *label;            /* NULL: the default label */
  char             *default_label;    /* cached, rebuilt when its inputs change */
};

G_DEFINE_FINAL_TYPE (FerryAccount, ferry_account, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_SITE_URL,
  PROP_KIND,
  PROP_EMAIL,
  PROP_CLIENT_ID,
  PROP_ORGANIZATION_ID,
  PROP_ORGANIZATION_NAME,
  PROP_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GType
ferry_account_kind_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { FERRY_ACCOUNT_KIND_USER, "FERRY_ACCOUNT_KIND_USER", "user" },
        { FERRY_ACCOUNT_KIND_MACHINE_IDENTITY, "FERRY_ACCOUNT_KIND_MACHINE_IDENTITY", "machine-identity" },
        { 0, NULL, NULL }
      };
      GType type = g_enum_register_static (g_intern_static_string ("FerryAccountKind"), values);

      g_once_init_leave (&type_id, type);
    }

  return type_id;
}

/* "host" or "host:port" of @site_url, or @site_url itself when it does not parse. */
static char *
site_host (const char *site_url)
{
  g_autoptr(GUri) uri = NULL;

  if (site_url == NULL)
    return g_strdup ("");

  uri = g_uri_parse (site_url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return g_strdup (site_url);

  if (g_uri_get_port (uri) > 0)
    return g_strdup_printf ("%s:%d", g_uri_get_host (uri), g_uri_get_port (uri));

  return g_strdup (g_uri_get_host (uri));
}

static void
update_default_label (FerryAccount *self)
{
  g_autofree char *host = site_host (self->site_url);
  const char *who;

  who = self->kind == FERRY_ACCOUNT_KIND_USER ? self->email : self->client_id;

  g_free (self->default_label);
  if (who != NULL && *who != '\0')
    self->default_label = g_strdup_printf ("%s (%s)", who, host);
  else
    self->default_label = g_steal_pointer (&host);
}

/* Sets *@field to @value; returns TRUE when it changed. Empty strings count as NULL. */
static gboolean
set_string (char       **field,
            const char  *value)
{
  if (value != NULL && *value == '\0')
    value = NULL;

  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static void
notify_label_if_default (FerryAccount *self)
{
  g_autofree char *old = g_strdup (self->default_label);

  update_default_label (self);
  if (self->label == NULL && g_strcmp0 (old, self->default_label) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
}

static void
ferry_account_finalize (GObject *object)
{
  FerryAccount *self = (FerryAccount *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->site_url, g_free);
  g_clear_pointer (&self->email, g_free);
  g_clear_pointer (&self->client_id, g_free);
  g_clear_pointer (&self->organization_id, g_free);
  g_clear_pointer (&self->organization_name, g_free);
  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->default_label, g_free);

  G_OBJECT_CLASS (ferry_account_parent_class)->finalize (object);
}

static void
ferry_account_constructed (GObject *object)
{
  FerryAccount *self = (FerryAccount *)object;

  G_OBJECT_CLASS (ferry_account_parent_class)->constructed (object);

  if (self->id == NULL)
    self->id = g_uuid_string_random ();

  update_default_label (self);
}

static void
ferry_account_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  FerryAccount *self = FERRY_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_SITE_URL:
      g_value_set_string (value, self->site_url);
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;
    case PROP_CLIENT_ID:
      g_value_set_string (value, self->client_id);
      break;
    case PROP_ORGANIZATION_ID:
      g_value_set_string (value, self->organization_id);
      break;
    case PROP_ORGANIZATION_NAME:
      g_value_set_string (value, self->organization_name);
      break;
    case PROP_LABEL:
      g_value_set_string (value, ferry_account_get_label (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_account_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  FerryAccount *self = FERRY_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_ID:
      /* Construct-only; NULL makes a fresh UUID in constructed (). */
      set_string (&self->id, g_value_get_string (value));
      break;
    case PROP_SITE_URL:
      set_string (&self->site_url, g_value_get_string (value));
      break;
    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;
    case PROP_EMAIL:
      ferry_account_set_email (self, g_value_get_string (value));
      break;
    case PROP_CLIENT_ID:
      ferry_account_set_client_id (self, g_value_get_string (value));
      break;
    case PROP_ORGANIZATION_ID:
      ferry_account_set_organization_id (self, g_value_get_string (value));
      break;
    case PROP_ORGANIZATION_NAME:
      ferry_account_set_organization_name (self, g_value_get_string (value));
      break;
    case PROP_LABEL:
      ferry_account_set_label (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_account_class_init (FerryAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ferry_account_finalize;
  object_class->constructed = ferry_account_constructed;
  object_class->get_property = ferry_account_get_property;
  object_class->set_property = ferry_account_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SITE_URL] =
    g_param_spec_string ("site-url", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       FERRY_TYPE_ACCOUNT_KIND,
                       FERRY_ACCOUNT_KIND_USER,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_EMAIL] =
    g_param_spec_string ("email", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CLIENT_ID] =
    g_param_spec_string ("client-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ORGANIZATION_ID] =
    g_param_spec_string ("organization-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ORGANIZATION_NAME] =
    g_param_spec_string ("organization-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ferry_account_init (FerryAccount *self)
{
}

FerryAccount *
ferry_account_new (FerryAccountKind  kind,
                   const char       *site_url)
{
  g_return_val_if_fail (kind == FERRY_ACCOUNT_KIND_USER ||
                        kind == FERRY_ACCOUNT_KIND_MACHINE_IDENTITY, NULL);
  g_return_val_if_fail (site_url != NULL, NULL);

  return g_object_new (FERRY_TYPE_ACCOUNT,
                       "kind", kind,
                       "site-url", site_url,
                       NULL);
}

const char *
ferry_account_get_id (FerryAccount *self)
{
  g_return_val_if_fail (FERRY_IS_ACCOUNT (self), NULL);

  return self->id;
}

const char *
ferry_account_get_site_url (FerryAccount *self)
{
  g_return_val_if_fail (FERRY_IS_ACCOUNT (self), NULL);

  return self->site_url;
}

FerryAccountKind
ferry_account_get_kind (FerryAccount *self)
{
  g_return_val_if_fail (FERRY_IS_ACCOUNT (self), FERRY_ACCOUNT_KIND_USER);

  return self->kind;
}

const char *
ferry_account_get_email (FerryAccount *self)
{
  g_return_val_if_fail (FERRY_IS_ACCOUNT (self), NULL);

  return self->email;
}

void
ferry_account_set_email (FerryAccount *self,
                         const char   *email)
{
  g_return_if_fail (FERRY_IS_ACCOUNT (self));

  if (set_string (&self->email, email))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMAIL]);
      notify_label_if_default (self);
    }
}

const char *
ferry_account_get_client_id (FerryAccount *self)
{
  g_return_val_if_fail (FERRY_IS_ACCOUNT (self), NULL);

  return self->client_id;
}

void
ferry_account_set_client_id (FerryAccount *self,
                             const char   *client_id)
{
  g_return_if_fail (FERRY_IS_ACCOUNT (self));

  if (set_string (&self->client_id, client_id))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT_ID]);
      notify_label_if_default (self);
    }
}

const char *
ferry_account_get_organization_id (FerryAccount *self)
{
  g_return_val_if_fail (FERRY_IS_ACCOUNT (self), NULL);

  return self->organization_id;
}

void
ferry_account_set_organization_id (FerryAccount *self,
                                   const char   *organization_id)
{
  g_return_if_fail (FERRY_IS_ACCOUNT (self));

  if (set_string (&self->organization_id, organization_id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORGANIZATION_ID]);
}

const char *
ferry_account_get_organization_name (FerryAccount *self)
{
  g_return_val_if_fail (FERRY_IS_ACCOUNT (self), NULL);

  return self->organization_name;
}

void
ferry_account_set_organization_name (FerryAccount *self,
                                     const char   *organization_name)
{
  g_return_if_fail (FERRY_IS_ACCOUNT (self));

  if (set_string (&self->organization_name, organization_name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORGANIZATION_NAME]);
}

/* Never NULL: the label people gave, or "email (host)" / "client id (host)". */
const char *
ferry_account_get_label (FerryAccount *self)
{
  g_return_val_if_fail (FERRY_IS_ACCOUNT (self), NULL);

  return self->label != NULL ? self->label : self->default_label;
}

/* @label NULL or empty: back to the default label. */
void
ferry_account_set_label (FerryAccount *self,
                         const char   *label)
{
  g_autofree char *stripped = NULL;
  g_autofree char *old = NULL;

  g_return_if_fail (FERRY_IS_ACCOUNT (self));

  if (label != NULL)
    stripped = g_strstrip (g_strdup (label));

  old = g_strdup (ferry_account_get_label (self));
  if (set_string (&self->label, stripped) &&
      g_strcmp0 (old, ferry_account_get_label (self)) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
}

/* The default label of a machine identity names its client id, which tells people nothing
 * in a notification or a list of projects; Universal Auth's login answer names neither the
 * identity nor its organization (src/auth/ferry-session-signin.c), so the organization,
 * when the token told it, and the server are what is left. */
char *
ferry_account_dup_display_name (FerryAccount *self)
{
  g_autofree char *host = NULL;

  g_return_val_if_fail (FERRY_IS_ACCOUNT (self), NULL);

  if (self->label != NULL || self->kind == FERRY_ACCOUNT_KIND_USER)
    return g_strdup (ferry_account_get_label (self));

  host = site_host (self->site_url);
  if (self->organization_name != NULL)
    /* Translators: an account; the first %s is an organization, the second a server (host name) */
    return g_strdup_printf (_("%s on %s"), self->organization_name, host);
  /* Translators: an account; %s is a server (host name) */
  return g_strdup_printf (_("Machine identity on %s"), host);
}

/* Whether the label was chosen by people (not the default one). */
gboolean
ferry_account_has_custom_label (FerryAccount *self)
{
  g_return_val_if_fail (FERRY_IS_ACCOUNT (self), FALSE);

  return self->label != NULL;
}

/* Same server, same kind and same person or identity (emails compare without case). */
gboolean
ferry_account_matches (FerryAccount *self,
                       FerryAccount *other)
{
  g_return_val_if_fail (FERRY_IS_ACCOUNT (self), FALSE);
  g_return_val_if_fail (FERRY_IS_ACCOUNT (other), FALSE);

  if (self->kind != other->kind || g_strcmp0 (self->site_url, other->site_url) != 0)
    return FALSE;

  if (self->kind == FERRY_ACCOUNT_KIND_MACHINE_IDENTITY)
    return g_strcmp0 (self->client_id, other->client_id) == 0;

  if (self->email == NULL || other->email == NULL)
    return self->email == other->email;

  return g_ascii_strcasecmp (self->email, other->email) == 0;
}

static void
add_string (GVariantBuilder *builder,
            const char      *key,
            const char      *value)
{
  if (value != NULL)
    g_variant_builder_add (builder, "{sv}", key, g_variant_new_string (value));
}

GVariant *
ferry_account_to_variant (FerryAccount *self)
{
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE_VARDICT);

  g_return_val_if_fail (FERRY_IS_ACCOUNT (self), NULL);

  /* Only what identifies the account and what the switcher shows: no token, no secret. */
  add_string (&builder, "id", self->id);
  add_string (&builder, "site-url", self->site_url);
  add_string (&builder, "kind", self->kind == FERRY_ACCOUNT_KIND_USER ? "user" : "machine-identity");
  add_string (&builder, "email", self->email);
  add_string (&builder, "client-id", self->client_id);
  add_string (&builder, "organization-id", self->organization_id);
  add_string (&builder, "organization-name", self->organization_name);
  add_string (&builder, "label", self->label);

  return g_variant_builder_end (&builder);
}

static const char *
lookup_string (GVariantDict *dict,
               const char   *key)
{
  const char *value = NULL;

  if (!g_variant_dict_lookup (dict, key, "&s", &value))
    return NULL;

  return value;
}

/* Returns NULL (and logs why) for a dictionary that does not describe an account. */
FerryAccount *
ferry_account_new_from_variant (GVariant *variant)
{
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  const char *id;
  const char *site_url;
  const char *kind_str;
  FerryAccountKind kind;

  g_return_val_if_fail (variant != NULL, NULL);

  if (!g_variant_is_of_type (variant, G_VARIANT_TYPE_VARDICT))
    {
      g_message ("Ignoring a stored account of type %s", g_variant_get_type_string (variant));
      return NULL;
    }

  g_variant_dict_init (&dict, variant);
  id = lookup_string (&dict, "id");
  site_url = lookup_string (&dict, "site-url");
  kind_str = lookup_string (&dict, "kind");

  if (id == NULL || *id == '\0' || site_url == NULL || *site_url == '\0' || kind_str == NULL)
    {
      g_message ("Ignoring a stored account without id, server or kind");
      return NULL;
    }

  if (g_str_equal (kind_str, "user"))
    kind = FERRY_ACCOUNT_KIND_USER;
  else if (g_str_equal (kind_str, "machine-identity"))
    kind = FERRY_ACCOUNT_KIND_MACHINE_IDENTITY;
  else
    {
      g_message ("Ignoring a stored account of unknown kind “%s”", kind_str);
      return NULL;
    }

  return g_object_new (FERRY_TYPE_ACCOUNT,
                       "id", id,
                       "site-url", site_url,
                       "kind", kind,
                       "email", lookup_string (&dict, "email"),
                       "client-id", lookup_string (&dict, "client-id"),
                       "organization-id", lookup_string (&dict, "organization-id"),
                       "organization-name", lookup_string (&dict, "organization-name"),
                       "label", lookup_string (&dict, "label"),
                       NULL);
}
