/* ferry-sync-draft-rules.c: Infisical's rules for a sync, and the server's errors mapped to
 * the draft's fields.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Part of FerrySyncDraft (see ferry-sync-draft-private.h for the cut). The rules follow
 * the create schema of Infisical's backend (the key schema and sync options of
 * backend/src/services/secret-sync/secret-sync-schemas.ts, the destination of
 * backend/src/services/secret-sync/azure-devops/azure-devops-sync-schemas.ts), so the
 * assistant can say what is wrong before the server refuses it. Messages are translated
 * sentences that say what to do.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ferry-api-error.h"
#include "ferry-sync-draft-private.h"

/* ---- Rules ---- */

char *
ferry_sync_draft_normalize_secret_path (const char *secret_path)
{
  char *path;
  gsize len;

  path = ferry_sync_draft_trimmed (secret_path);
  if (path == NULL)
    return NULL;

  /* removeTrailingSlash: "/a/b/" → "/a/b", but "/" stays "/". */
  len = strlen (path);
  while (len > 1 && path[len - 1] == '/')
    path[--len] = '\0';

  return path;
}

gsize
ferry_sync_draft_count_chars (const char *text)
{
  gsize count = 0;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return text == NULL ? 0 : strlen (text);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    count += g_utf8_get_char (p) > 0xFFFF ? 2 : 1;

  return count;
}

static gboolean
is_slug_char (char c)
{
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

/* The first character (as a string) of @text that @allowed rejects, or NULL. */
static char *
first_bad_char (const char *text,
                gboolean  (*allowed) (gunichar c))
{
  if (!g_utf8_validate (text, -1, NULL))
    return g_strdup ("?");

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!allowed (c))
        return g_strndup (p, g_utf8_next_char (p) - p);
    }

  return NULL;
}

static gboolean
slug_char_allowed (gunichar c)
{
  return c < 0x80 && is_slug_char ((char) c);
}

/* The slug rules of Infisical's slugSchema (round trip through slugify): lowercase a–z,
 * digits and single hyphens, no hyphen at either end. @what_empty is the message for an
 * empty value. Returns NULL when @slug is fine. */
static char *
check_slug (const char *slug,
            gsize       max,
            const char *what_empty)
{
  g_autofree char *bad = NULL;
  gsize len;

  if (ferry_sync_draft_is_empty (slug))
    return g_strdup (what_empty);

  bad = first_bad_char (slug, slug_char_allowed);
  if (bad != NULL)
    {
      if (g_unichar_isupper (g_utf8_get_char (bad)))
        return g_strdup (_("Use lowercase letters only: Infisical does not accept capitals here."));
      if (g_str_equal (bad, " "))
        return g_strdup (_("Use hyphens instead of spaces, for example “web-production”."));
      /* Translators: %s is the one character that is not allowed, e.g. “_”. */
      return g_strdup_printf (_("“%s” is not allowed: use lowercase letters (a–z), digits and hyphens."), bad);
    }

  if (slug[0] == '-' || slug[strlen (slug) - 1] == '-')
    return g_strdup (_("Start and end with a letter or digit, not a hyphen."));

  if (strstr (slug, "--") != NULL)
    return g_strdup (_("Use single hyphens only, not “--”."));

  len = strlen (slug);
  if (len > max)
    return g_strdup_printf (ngettext ("Use at most %u character.",
                                      "Use at most %u characters.",
                                      (gulong) max),
                            (guint) max);

  return NULL;
}

static char *
check_name (FerrySyncDraft *self)
{
  g_autofree char *trim = ferry_sync_draft_trimmed (self->values.name);
  guint max = ferry_sync_draft_get_name_max (self);
  char *message;

  /* The name the sync already has on the server is the server's business: an edit that
   * keeps it must not be blocked by a rule (a newer limit, Ferry's own) it broke there. */
  if (self->editing && trim != NULL && ferry_sync_draft_same_text (trim, self->original.name))
    return NULL;

  message = check_slug (trim, G_MAXSIZE, _("Enter a name for the sync, for example “web-production”."));
  if (message != NULL)
    return message;

  if (strlen (trim) > max)
    {
      if (max < FERRY_SERVER_SYNC_NAME_MAX)
        /* Translators: %u is this server's limit, 32. */
        return g_strdup_printf (_("Use at most %u characters: this Infisical server does not accept "
                                  "longer sync names."), max);
      return g_strdup_printf (ngettext ("Use at most %u character.",
                                        "Use at most %u characters.",
                                        (gulong) max),
                              max);
    }

  return NULL;
}

static char *
check_recursive (FerrySyncDraft *self)
{
  if (!self->values.recursive)
    return NULL;

  if (self->recursive_unsupported)
    return g_strdup (_("This Infisical server cannot include subfolders in a sync. Turn "
                       "“Include Subfolders” off."));

  /* Upstream refuses subfolders together with an import initial behaviour
   * (secret-sync-schemas.ts); Azure DevOps only has overwrite-destination, so this is for
   * completeness. */
  if (g_str_has_prefix (FERRY_SYNC_DRAFT_INITIAL_SYNC_BEHAVIOR, "import"))
    return g_strdup (_("A sync that includes subfolders cannot import existing secrets first. "
                       "Turn “Include Subfolders” off."));

  return NULL;
}

static char *
check_description (const char *description)
{
  g_autofree char *trim = ferry_sync_draft_trimmed (description);
  gsize count = ferry_sync_draft_count_chars (trim);

  if (count > FERRY_SYNC_DRAFT_DESCRIPTION_MAX)
    /* Translators: first %u is the limit (256), second how many characters there are. */
    return g_strdup_printf (_("Shorten the description to %u characters (it has %u)."),
                            (guint) FERRY_SYNC_DRAFT_DESCRIPTION_MAX, (guint) count);

  return NULL;
}

static char *
check_environment (const char *slug)
{
  g_autofree char *message = NULL;

  message = check_slug (slug, FERRY_SYNC_DRAFT_ENVIRONMENT_MAX,
                        _("Choose the environment to take the secrets from."));
  if (message == NULL)
    return NULL;
  if (ferry_sync_draft_is_empty (slug))
    return g_steal_pointer (&message);

  /* Environments come from the project, so a bad slug means the project is unusual. */
  /* Translators: %s is an environment slug, e.g. “prod”. */
  return g_strdup_printf (_("Infisical cannot sync the environment “%s”: its slug is not valid. "
                            "Choose another environment."), slug);
}

static char *
check_secret_path (const char *secret_path)
{
  g_autofree char *path = ferry_sync_draft_normalize_secret_path (secret_path);

  if (path == NULL)
    return g_strdup (_("Enter the folder to take the secrets from, for example “/” or “/backend/api”."));

  if (path[0] != '/')
    return g_strdup (_("A secret path starts with “/”, for example “/backend/api”."));

  if (strstr (path, "//") != NULL)
    return g_strdup (_("A secret path cannot contain an empty folder name (“//”)."));

  return NULL;
}

static char *
check_connection (const char *connection_id)
{
  if (ferry_sync_draft_is_empty (connection_id))
    return g_strdup (_("Choose the Azure DevOps connection to sync with, or add one."));

  if (!g_uuid_string_is_valid (connection_id))
    return g_strdup (_("This connection cannot be used: its id is not valid. Choose another connection."));

  return NULL;
}

static char *
check_devops_project (const char *devops_project_id)
{
  g_autofree char *id = ferry_sync_draft_trimmed (devops_project_id);

  if (id == NULL)
    return g_strdup (_("Choose the Azure DevOps project to write the variable group to."));

  /* The server accepts any non-empty string, but the sync uses it as the project id in
   * Azure DevOps' variable group reference, which must be the project's GUID. */
  if (!g_uuid_string_is_valid (id))
    return g_strdup (_("Enter the project’s id, a GUID such as "
                       "“3f2e1a4b-5c6d-4e7f-8a9b-0c1d2e3f4a5b”, not its name."));

  return NULL;
}

static gboolean
key_schema_char_allowed (gunichar c)
{
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
         c == '_' || c == '-' || c == '/';
}

static char *
check_key_schema (const char *key_schema)
{
  g_autofree char *schema = ferry_sync_draft_trimmed (key_schema);
  g_autoptr(GString) rest = NULL;
  g_autofree char *bad = NULL;
  guint n_secret_key = 0;
  const char *p;

  if (schema == NULL)
    return NULL;

  if (ferry_sync_draft_count_chars (schema) > FERRY_SYNC_DRAFT_KEY_SCHEMA_MAX)
    return g_strdup_printf (_("Shorten the key schema to %u characters."),
                            (guint) FERRY_SYNC_DRAFT_KEY_SCHEMA_MAX);

  /* Infisical's own docs once showed "${secretKey}" (docs/infisical-api.md#key-schema). */
  for (p = strstr (schema, "${"); p != NULL; p = strstr (p + 2, "${"))
    if (p[2] != '{')
      return g_strdup (_("Write placeholders with double braces: {{secretKey}}, not ${secretKey}."));

  /* Take the placeholders out, then check what is left. */
  rest = g_string_new (NULL);
  p = schema;
  while (*p)
    {
      if (g_str_has_prefix (p, "{{secretKey}}"))
        {
          n_secret_key++;
          p += strlen ("{{secretKey}}");
        }
      else if (g_str_has_prefix (p, "{{environment}}"))
        p += strlen ("{{environment}}");
      else if (g_str_has_prefix (p, "{{"))
        {
          const char *end = strstr (p, "}}");
          g_autofree char *unknown = end != NULL ? g_strndup (p, end + 2 - p) : g_strdup (p);

          /* Translators: %s is what was typed, e.g. “{{secretkey}}”. Keep {{secretKey}} and
           * {{environment}} as they are. */
          return g_strdup_printf (_("“%s” is not a placeholder Infisical knows: use {{secretKey}} "
                                    "and, if you like, {{environment}}."), unknown);
        }
      else
        g_string_append_c (rest, *p++);
    }

  if (n_secret_key == 0)
    return g_strdup (_("Include {{secretKey}} where the secret’s name goes, "
                       "for example “APP_{{secretKey}}”."));

  if (n_secret_key > 1)
    return g_strdup (_("Use {{secretKey}} only once."));

  bad = first_bad_char (rest->str, key_schema_char_allowed);
  if (bad != NULL)
    /* Translators: %s is the one character that is not allowed, e.g. “.”. */
    return g_strdup_printf (_("“%s” is not allowed in a key schema: besides the placeholders use "
                              "only letters (A–Z, a–z), digits, “_”, “-” and “/”."),
                            g_str_equal (bad, " ") ? _("Space") : bad);

  return NULL;
}

char *
ferry_sync_draft_validate_field (FerrySyncDraft      *self,
                                 FerrySyncDraftField  field)
{
  g_return_val_if_fail (FERRY_IS_SYNC_DRAFT (self), NULL);
  g_return_val_if_fail (field < FERRY_SYNC_DRAFT_N_FIELDS, NULL);

  if (self->field_errors[field] != NULL)
    return g_strdup (self->field_errors[field]);

  return ferry_sync_draft_check_rules (self, field);
}

char *
ferry_sync_draft_check_rules (FerrySyncDraft      *self,
                              FerrySyncDraftField  field)
{
  g_return_val_if_fail (FERRY_IS_SYNC_DRAFT (self), NULL);
  g_return_val_if_fail (field < FERRY_SYNC_DRAFT_N_FIELDS, NULL);

  switch (field)
    {
    case FERRY_SYNC_DRAFT_FIELD_NONE:
      return NULL;

    case FERRY_SYNC_DRAFT_FIELD_PROJECT:
      if (ferry_sync_draft_is_empty (self->values.project_id))
        return g_strdup (_("Choose the Infisical project to take the secrets from."));
      return NULL;

    case FERRY_SYNC_DRAFT_FIELD_ENVIRONMENT:
      return check_environment (self->values.environment_slug);

    case FERRY_SYNC_DRAFT_FIELD_SECRET_PATH:
      return check_secret_path (self->values.secret_path);

    case FERRY_SYNC_DRAFT_FIELD_CONNECTION:
      return check_connection (self->values.connection_id);

    case FERRY_SYNC_DRAFT_FIELD_DEVOPS_PROJECT:
      return check_devops_project (self->values.devops_project_id);

    case FERRY_SYNC_DRAFT_FIELD_KEY_SCHEMA:
      return check_key_schema (self->values.key_schema);

    case FERRY_SYNC_DRAFT_FIELD_NAME:
      return check_name (self);

    case FERRY_SYNC_DRAFT_FIELD_RECURSIVE:
      return check_recursive (self);

    case FERRY_SYNC_DRAFT_FIELD_DESCRIPTION:
      return check_description (self->values.description);

    default:
      g_return_val_if_reached (NULL);
    }
}

FerrySyncDraftStep
ferry_sync_draft_field_get_step (FerrySyncDraftField field)
{
  switch (field)
    {
    case FERRY_SYNC_DRAFT_FIELD_PROJECT:
    case FERRY_SYNC_DRAFT_FIELD_ENVIRONMENT:
    case FERRY_SYNC_DRAFT_FIELD_SECRET_PATH:
      return FERRY_SYNC_DRAFT_STEP_SOURCE;

    case FERRY_SYNC_DRAFT_FIELD_CONNECTION:
    case FERRY_SYNC_DRAFT_FIELD_DEVOPS_PROJECT:
      return FERRY_SYNC_DRAFT_STEP_DESTINATION;

    case FERRY_SYNC_DRAFT_FIELD_KEY_SCHEMA:
    case FERRY_SYNC_DRAFT_FIELD_RECURSIVE:
      return FERRY_SYNC_DRAFT_STEP_OPTIONS;

    case FERRY_SYNC_DRAFT_FIELD_NAME:
    case FERRY_SYNC_DRAFT_FIELD_DESCRIPTION:
      return FERRY_SYNC_DRAFT_STEP_DETAILS;

    case FERRY_SYNC_DRAFT_FIELD_NONE:
    default:
      return FERRY_SYNC_DRAFT_STEP_REVIEW;
    }
}

gboolean
ferry_sync_draft_validate_step (FerrySyncDraft      *self,
                                FerrySyncDraftStep   step,
                                FerrySyncDraftField *out_field,
                                char               **out_message)
{
  g_return_val_if_fail (FERRY_IS_SYNC_DRAFT (self), FALSE);
  g_return_val_if_fail (step < FERRY_SYNC_DRAFT_N_STEPS, FALSE);

  if (out_field != NULL)
    *out_field = FERRY_SYNC_DRAFT_FIELD_NONE;
  if (out_message != NULL)
    *out_message = NULL;

  for (guint field = FERRY_SYNC_DRAFT_FIELD_PROJECT; field < FERRY_SYNC_DRAFT_N_FIELDS; field++)
    {
      FerrySyncDraftStep field_step = ferry_sync_draft_field_get_step (field);
      g_autofree char *message = NULL;

      /* Review is valid when every step before it is. */
      if (step == FERRY_SYNC_DRAFT_STEP_REVIEW ? field_step >= step : field_step != step)
        continue;

      message = ferry_sync_draft_validate_field (self, field);
      if (message != NULL)
        {
          if (out_field != NULL)
            *out_field = field;
          if (out_message != NULL)
            *out_message = g_steal_pointer (&message);
          return FALSE;
        }
    }

  return TRUE;
}

FerrySyncDraftStep
ferry_sync_draft_get_first_invalid_step (FerrySyncDraft *self)
{
  g_return_val_if_fail (FERRY_IS_SYNC_DRAFT (self), FERRY_SYNC_DRAFT_STEP_SOURCE);

  for (guint step = FERRY_SYNC_DRAFT_STEP_SOURCE; step < FERRY_SYNC_DRAFT_STEP_REVIEW; step++)
    if (!ferry_sync_draft_validate_step (self, step, NULL, NULL))
      return step;

  return FERRY_SYNC_DRAFT_STEP_REVIEW;
}

void
ferry_sync_draft_set_field_error (FerrySyncDraft      *self,
                                  FerrySyncDraftField  field,
                                  const char          *message)
{
  g_return_if_fail (FERRY_IS_SYNC_DRAFT (self));
  g_return_if_fail (field > FERRY_SYNC_DRAFT_FIELD_NONE && field < FERRY_SYNC_DRAFT_N_FIELDS);

  if (g_strcmp0 (self->field_errors[field], message) == 0)
    return;

  g_free (self->field_errors[field]);
  self->field_errors[field] = g_strdup (message);
  ferry_sync_draft_emit_changed (self);
}

const char *
ferry_sync_draft_get_field_error (FerrySyncDraft      *self,
                                  FerrySyncDraftField  field)
{
  g_return_val_if_fail (FERRY_IS_SYNC_DRAFT (self), NULL);
  g_return_val_if_fail (field < FERRY_SYNC_DRAFT_N_FIELDS, NULL);

  return self->field_errors[field];
}

FerrySyncDraftField
ferry_sync_draft_field_from_path (const char *path)
{
  static const struct
  {
    const char          *prefix;
    FerrySyncDraftField  field;
  } map[] = {
    { "name", FERRY_SYNC_DRAFT_FIELD_NAME },
    { "description", FERRY_SYNC_DRAFT_FIELD_DESCRIPTION },
    { "projectId", FERRY_SYNC_DRAFT_FIELD_PROJECT },
    { "environment", FERRY_SYNC_DRAFT_FIELD_ENVIRONMENT },
    { "secretPath", FERRY_SYNC_DRAFT_FIELD_SECRET_PATH },
    { "connectionId", FERRY_SYNC_DRAFT_FIELD_CONNECTION },
    { "destinationConfig", FERRY_SYNC_DRAFT_FIELD_DEVOPS_PROJECT },
    { "syncOptions.recursive", FERRY_SYNC_DRAFT_FIELD_RECURSIVE },
    /* Every sync option Ferry lets people change lives on the Options step, where the key
     * schema is the only one with rules. */
    { "syncOptions", FERRY_SYNC_DRAFT_FIELD_KEY_SCHEMA },
  };

  if (path == NULL)
    return FERRY_SYNC_DRAFT_FIELD_NONE;

  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    {
      gsize len = strlen (map[i].prefix);

      if (strncmp (path, map[i].prefix, len) == 0 && (path[len] == '\0' || path[len] == '.'))
        return map[i].field;
    }

  return FERRY_SYNC_DRAFT_FIELD_NONE;
}

const char *
ferry_sync_draft_duplicate_destination_message (void)
{
  return _("Infisical refuses a second sync to this Azure DevOps project: another sync already writes "
           "to it, and your organization’s settings allow only one sync per destination. Choose another "
           "project, or ask an organization admin to allow duplicate sync destinations.");
}

FerrySyncDraftField
ferry_sync_draft_apply_error (FerrySyncDraft *self,
                              const GError   *error)
{
  const char *detail;
  FerrySyncDraftField field = FERRY_SYNC_DRAFT_FIELD_NONE;
  g_autofree char *message = NULL;

  g_return_val_if_fail (FERRY_IS_SYNC_DRAFT (self), FERRY_SYNC_DRAFT_FIELD_NONE);
  g_return_val_if_fail (error != NULL, FERRY_SYNC_DRAFT_FIELD_NONE);

  if (error->domain != FERRY_API_ERROR)
    return FERRY_SYNC_DRAFT_FIELD_NONE;

  detail = ferry_api_error_get_detail (error);

  if (error->code == FERRY_API_ERROR_VALIDATION)
    {
      GPtrArray *issues = ferry_api_error_get_field_errors (error);

      for (guint i = 0; i < issues->len; i++)
        {
          FerryFieldError *issue = g_ptr_array_index (issues, i);

          field = ferry_sync_draft_field_from_path (issue->path);
          if (field != FERRY_SYNC_DRAFT_FIELD_NONE)
            {
              /* Our own rules let it through, so say what the server said. */
              /* Translators: %s is the server's own (English) explanation. */
              message = g_strdup_printf (_("Infisical did not accept this: %s"),
                                         issue->message != NULL ? issue->message : error->message);
              break;
            }
        }
    }
  else if (error->code == FERRY_API_ERROR_BAD_REQUEST && detail != NULL)
    {
      if (strstr (detail, "Secret Sync with the name") != NULL ||
          (strstr (detail, "already exists") != NULL && strstr (detail, "name") != NULL))
        {
          g_autofree char *name = ferry_sync_draft_trimmed (self->values.name);

          field = FERRY_SYNC_DRAFT_FIELD_NAME;
          /* Translators: %s is the sync name that is already taken. */
          message = g_strdup_printf (_("Another sync in this project is already called “%s”. "
                                       "Choose a different name."), name ? name : "");
        }
      else if (strstr (detail, "Could not find folder") != NULL ||
               strstr (detail, "Must specify both source environment and secret path") != NULL)
        {
          g_autofree char *path = ferry_sync_draft_normalize_secret_path (self->values.secret_path);

          field = FERRY_SYNC_DRAFT_FIELD_SECRET_PATH;
          /* Translators: first %s is a folder path, second an environment name. */
          message = g_strdup_printf (_("The folder “%s” does not exist in the %s environment. "
                                       "Choose an existing folder."),
                                     path ? path : "",
                                     self->values.environment_name ? self->values.environment_name
                                                                   : self->values.environment_slug ? self->values.environment_slug : "");
        }
      else if (strstr (detail, "sync with this destination already exists") != NULL)
        {
          field = FERRY_SYNC_DRAFT_FIELD_DEVOPS_PROJECT;
          message = g_strdup (ferry_sync_draft_duplicate_destination_message ());
        }
      else if (strstr (detail, "single flat list") != NULL || strstr (detail, "used in more than one folder") != NULL)
        {
          /* secret-sync-payload.ts: the subtree's keys collide. Its sentence names them. */
          field = FERRY_SYNC_DRAFT_FIELD_RECURSIVE;
          /* Translators: %s is the server's own (English) list of the clashing names. */
          message = g_strdup_printf (_("Infisical cannot include these subfolders: the same name would "
                                       "be written twice to the variable group. %s"), detail);
        }
      else if (strstr (detail, "does not support Secret Syncs") != NULL)
        {
          field = FERRY_SYNC_DRAFT_FIELD_PROJECT;
          message = g_strdup (_("This project uses an older secret storage that cannot sync. "
                                "Upgrade the project in Infisical, then try again."));
        }
      else if (strstr (detail, "App Connection") != NULL)
        {
          field = FERRY_SYNC_DRAFT_FIELD_CONNECTION;
          message = g_strdup (_("This connection cannot be used for this sync. "
                                "Choose another Azure DevOps connection."));
        }
    }
  else if (error->code == FERRY_API_ERROR_NOT_FOUND && detail != NULL)
    {
      if (strstr (detail, "Connection") != NULL)
        {
          field = FERRY_SYNC_DRAFT_FIELD_CONNECTION;
          message = g_strdup (_("This connection no longer exists. Choose another one or add a new one."));
        }
    }

  if (field != FERRY_SYNC_DRAFT_FIELD_NONE)
    ferry_sync_draft_set_field_error (self, field, message);

  return field;
}

/* ---- Key schema ---- */

/* Handlebars' escapeExpression. */
static void
append_escaped (GString    *out,
                const char *text)
{
  for (const char *p = text; p && *p; p++)
    {
      switch (*p)
        {
        case '&': g_string_append (out, "&amp;"); break;
        case '<': g_string_append (out, "&lt;"); break;
        case '>': g_string_append (out, "&gt;"); break;
        case '"': g_string_append (out, "&quot;"); break;
        case '\'': g_string_append (out, "&#x27;"); break;
        case '`': g_string_append (out, "&#x60;"); break;
        case '=': g_string_append (out, "&#x3D;"); break;
        default: g_string_append_c (out, *p); break;
        }
    }
}

char *
ferry_sync_draft_render_key_schema (const char *key_schema,
                                    const char *secret_key,
                                    const char *environment_slug)
{
  g_autofree char *schema = ferry_sync_draft_trimmed (key_schema);
  g_autoptr(GString) out = NULL;
  const char *p;

  g_return_val_if_fail (secret_key != NULL, NULL);

  if (schema == NULL)
    return g_strdup (secret_key);

  out = g_string_new (NULL);
  p = schema;
  while (*p)
    {
      if (g_str_has_prefix (p, "{{secretKey}}"))
        {
          append_escaped (out, secret_key);
          p += strlen ("{{secretKey}}");
        }
      else if (g_str_has_prefix (p, "{{environment}}"))
        {
          append_escaped (out, environment_slug);
          p += strlen ("{{environment}}");
        }
      else
        g_string_append_c (out, *p++);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
ferry_sync_draft_apply_key_schema (FerrySyncDraft *self,
                                   const char     *secret_key)
{
  g_return_val_if_fail (FERRY_IS_SYNC_DRAFT (self), NULL);
  g_return_val_if_fail (secret_key != NULL, NULL);

  return ferry_sync_draft_render_key_schema (self->values.key_schema, secret_key,
                                             self->values.environment_slug);
}

/* ---- A suggested name ---- */

/* Appends @text to @slug as lowercase ASCII words joined by single hyphens. */
static void
append_slug_words (GString    *slug,
                   const char *text)
{
  g_autofree char *ascii = NULL;
  gboolean hyphen = slug->len > 0;

  if (text == NULL)
    return;

  /* "Größe" → "Grosse": the name rules allow a–z and digits only. */
  ascii = g_str_to_ascii (text, "C");
  for (const char *p = ascii; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        {
          if (hyphen && slug->len > 0)
            g_string_append_c (slug, '-');
          hyphen = FALSE;
          g_string_append_c (slug, g_ascii_tolower (*p));
        }
      else
        hyphen = TRUE;
    }
}

/* Cuts @slug to @max characters at a word's end, never leaving a hyphen at either end. */
static void
truncate_slug (GString *slug,
               gsize    max)
{
  if (slug->len > max)
    {
      gboolean at_word_end = slug->str[max] == '-';
      const char *cut;

      g_string_truncate (slug, max);
      cut = strrchr (slug->str, '-');
      if (!at_word_end && cut != NULL && cut > slug->str)
        g_string_truncate (slug, cut - slug->str);
    }
  while (slug->len > 0 && slug->str[slug->len - 1] == '-')
    g_string_truncate (slug, slug->len - 1);
}

char *
ferry_sync_draft_suggest_name (FerrySyncDraft     *self,
                               const char * const *taken)
{
  g_autoptr(GString) slug = g_string_new (NULL);
  g_autoptr(GString) target = g_string_new (NULL);
  const char *path;
  gsize max = FERRY_SERVER_OLD_SYNC_NAME_MAX;

  g_return_val_if_fail (FERRY_IS_SYNC_DRAFT (self), NULL);

  /* Where from: the environment, then the folder (the root adds nothing)... */
  append_slug_words (slug, ferry_sync_draft_get_environment_slug (self));
  path = ferry_sync_draft_get_secret_path (self);
  if (path != NULL && g_strcmp0 (path, "/") != 0)
    append_slug_words (slug, path);
  /* ...and where to: the Azure DevOps project, which names the variable group's home. */
  append_slug_words (target, ferry_sync_draft_get_devops_project_name (self));
  if (slug->len == 0 || target->len == 0)
    return NULL;

  /* The source keeps at least its environment when the whole would be too long. */
  if (slug->len + strlen ("-to-") + target->len > max)
    {
      gsize room = max > slug->len + strlen ("-to-") ? max - slug->len - strlen ("-to-") : 0;

      if (room < 8)
        {
          truncate_slug (slug, max / 2 - strlen ("-to-"));
          room = max - slug->len - strlen ("-to-");
        }
      truncate_slug (target, room);
    }
  if (target->len > 0)
    g_string_append_printf (slug, "-to-%s", target->str);
  truncate_slug (slug, max);
  if (slug->len == 0)
    return NULL;

  /* Taken: the first free "-2", "-3"… that still fits. */
  if (taken != NULL && g_strv_contains (taken, slug->str))
    {
      for (guint n = 2; n < 100; n++)
        {
          g_autofree char *suffix = g_strdup_printf ("-%u", n);
          g_autoptr(GString) numbered = g_string_new (slug->str);
          g_autofree char *candidate = NULL;

          truncate_slug (numbered, max - strlen (suffix));
          candidate = g_strconcat (numbered->str, suffix, NULL);
          if (!g_strv_contains (taken, candidate))
            return g_steal_pointer (&candidate);
        }
      return NULL;
    }

  return g_string_free (g_steal_pointer (&slug), FALSE);
}
