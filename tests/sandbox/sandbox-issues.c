/* sandbox-issues.c: zod-like validation issues (422 ValidationFailure) and the field checks
 * built on them.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The issues have the shape zod gives them and Infisical's error handler sends as "message"
 * (backend/src/server/plugins/error-handler.ts).
 */

#include <string.h>

#include "sandbox-private.h"

struct _SbIssues
{
  JsonArray *array;
};

SbIssues *
sb_issues_new (void)
{
  SbIssues *issues = g_new0 (SbIssues, 1);

  issues->array = json_array_new ();
  return issues;
}

void
sb_issues_free (SbIssues *issues)
{
  json_array_unref (issues->array);
  g_free (issues);
}

gboolean
sb_issues_empty (SbIssues *issues)
{
  return json_array_get_length (issues->array) == 0;
}

static JsonArray *
path_from_va (const char *first,
              va_list     args)
{
  JsonArray *path = json_array_new ();

  for (const char *p = first; p != NULL; p = va_arg (args, const char *))
    {
      /* "a.b" in one argument is split, so callers can pass a parent prefix. */
      g_auto(GStrv) parts = g_strsplit (p, ".", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        if (parts[i][0] != '\0')
          json_array_add_string_element (path, parts[i]);
    }
  return path;
}

static void
issue_take (SbIssues   *issues,
            JsonObject *issue,
            JsonArray  *path)
{
  json_object_set_array_member (issue, "path", path);
  json_array_add_object_element (issues->array, issue);
}

void
sb_issue_add (SbIssues   *issues,
              JsonObject *issue,
              const char *path,
              ...)
{
  va_list args;

  va_start (args, path);
  issue_take (issues, issue, path_from_va (path, args));
  va_end (args);
}

static const char *
json_type_name (JsonNode *node)
{
  if (node == NULL)
    return "undefined";
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      return "object";
    case JSON_NODE_ARRAY:
      return "array";
    case JSON_NODE_NULL:
      return "null";
    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          return "string";
        case G_TYPE_BOOLEAN:
          return "boolean";
        case G_TYPE_INT64:
        case G_TYPE_DOUBLE:
          return "number";
        default:
          return "unknown";
        }
    default:
      return "unknown";
    }
}

static void
issue_type_va (SbIssues   *issues,
               const char *expected,
               JsonNode   *got,
               const char *path,
               va_list     args)
{
  JsonObject *issue = json_object_new ();
  const char *received = json_type_name (got);

  json_object_set_string_member (issue, "code", "invalid_type");
  json_object_set_string_member (issue, "expected", expected);
  json_object_set_string_member (issue, "received", received);
  if (got == NULL)
    json_object_set_string_member (issue, "message", "Required");
  else
    {
      g_autofree char *m = g_strdup_printf ("Expected %s, received %s", expected, received);
      json_object_set_string_member (issue, "message", m);
    }
  issue_take (issues, issue, path_from_va (path, args));
}

void
sb_issue_required (SbIssues   *issues,
                   const char *expected,
                   const char *path,
                   ...)
{
  va_list args;

  va_start (args, path);
  issue_type_va (issues, expected, NULL, path, args);
  va_end (args);
}

void
sb_issue_type (SbIssues   *issues,
               const char *expected,
               JsonNode   *got,
               const char *path,
               ...)
{
  va_list args;

  va_start (args, path);
  issue_type_va (issues, expected, got, path, args);
  va_end (args);
}

void
sb_issue_custom (SbIssues   *issues,
                 const char *message,
                 const char *path,
                 ...)
{
  JsonObject *issue = json_object_new ();
  va_list args;

  json_object_set_string_member (issue, "code", "custom");
  json_object_set_string_member (issue, "message", message);
  va_start (args, path);
  issue_take (issues, issue, path_from_va (path, args));
  va_end (args);
}

void
sb_issue_too_small (SbIssues   *issues,
                    gint64      minimum,
                    const char *message,
                    const char *path,
                    ...)
{
  JsonObject *issue = json_object_new ();
  g_autofree char *def = NULL;
  va_list args;

  def = g_strdup_printf ("String must contain at least %" G_GINT64_FORMAT " character(s)", minimum);
  json_object_set_string_member (issue, "code", "too_small");
  json_object_set_int_member (issue, "minimum", minimum);
  json_object_set_string_member (issue, "type", "string");
  json_object_set_boolean_member (issue, "inclusive", TRUE);
  json_object_set_boolean_member (issue, "exact", FALSE);
  json_object_set_string_member (issue, "message", message ? message : def);
  va_start (args, path);
  issue_take (issues, issue, path_from_va (path, args));
  va_end (args);
}

void
sb_issue_too_big (SbIssues   *issues,
                  gint64      maximum,
                  const char *message,
                  const char *path,
                  ...)
{
  JsonObject *issue = json_object_new ();
  g_autofree char *def = NULL;
  va_list args;

  def = g_strdup_printf ("String must contain at most %" G_GINT64_FORMAT " character(s)", maximum);
  json_object_set_string_member (issue, "code", "too_big");
  json_object_set_int_member (issue, "maximum", maximum);
  json_object_set_string_member (issue, "type", "string");
  json_object_set_boolean_member (issue, "inclusive", TRUE);
  json_object_set_boolean_member (issue, "exact", FALSE);
  json_object_set_string_member (issue, "message", message ? message : def);
  va_start (args, path);
  issue_take (issues, issue, path_from_va (path, args));
  va_end (args);
}

void
sb_issue_uuid (SbIssues   *issues,
               const char *path,
               ...)
{
  JsonObject *issue = json_object_new ();
  va_list args;

  json_object_set_string_member (issue, "validation", "uuid");
  json_object_set_string_member (issue, "code", "invalid_string");
  json_object_set_string_member (issue, "message", "Invalid uuid");
  va_start (args, path);
  issue_take (issues, issue, path_from_va (path, args));
  va_end (args);
}

void
sb_reply_issues (SbRequest *req,
                 SbIssues  *issues)
{
  JsonNode *message = json_node_new (JSON_NODE_ARRAY);

  json_node_set_array (message, issues->array);
  sb_reply_error_node (req, 422, "ValidationFailure", message);
}

char *
sb_check_string (SbIssues   *issues,
                 JsonObject *obj,
                 const char *member,
                 gboolean    required,
                 gint64      min,
                 gint64      max,
                 const char *parent)
{
  JsonNode *node = obj && json_object_has_member (obj, member) ? json_object_get_member (obj, member) : NULL;
  g_autofree char *value = NULL;
  glong len;

  if (node == NULL || (!required && JSON_NODE_HOLDS_NULL (node)))
    {
      if (required)
        sb_issue_required (issues, "string", parent ? parent : "", member, NULL);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      sb_issue_type (issues, "string", node, parent ? parent : "", member, NULL);
      return NULL;
    }
  value = g_strstrip (g_strdup (json_node_get_string (node)));
  len = g_utf8_strlen (value, -1);
  if (min > 0 && len < min)
    {
      sb_issue_too_small (issues, min, NULL, parent ? parent : "", member, NULL);
      return NULL;
    }
  if (max > 0 && len > max)
    {
      sb_issue_too_big (issues, max, NULL, parent ? parent : "", member, NULL);
      return NULL;
    }
  return g_steal_pointer (&value);
}

char *
sb_check_slug (SbIssues   *issues,
               JsonObject *obj,
               const char *member,
               gboolean    required,
               gint64      max,
               const char *field,
               const char *parent)
{
  g_autofree char *value = sb_check_string (issues, obj, member, required, 0, 0, parent);
  gboolean ok = TRUE;
  glong len;

  if (value == NULL)
    return NULL;
  len = g_utf8_strlen (value, -1);
  if (len < 1)
    {
      g_autofree char *m = g_strdup_printf ("%s field must be at least 1 lowercase character", field);
      sb_issue_too_small (issues, 1, m, parent ? parent : "", member, NULL);
      ok = FALSE;
    }
  else if (len > max)
    {
      g_autofree char *m = g_strdup_printf ("%s field must be at most %" G_GINT64_FORMAT " lowercase characters",
                                            field, max);
      sb_issue_too_big (issues, max, m, parent ? parent : "", member, NULL);
      ok = FALSE;
    }
  if (!sb_is_slug (value))
    {
      g_autofree char *m = g_strdup_printf ("%s field can only contain lowercase letters, numbers, and hyphens", field);
      sb_issue_custom (issues, m, parent ? parent : "", member, NULL);
      ok = FALSE;
    }
  return ok ? g_steal_pointer (&value) : NULL;
}

/* slugSchema () of the builds before the name rules changed (backend/src/server/lib/schemas.ts
 * at 0b1f4f0): the input is lowercased, 1–32 characters, and the messages say "character(s)"
 * and "letters, numbers, and hyphens". */
static char *
check_slug_old (SbIssues   *issues,
                JsonObject *obj,
                const char *member,
                gboolean    required,
                const char *field,
                const char *parent)
{
  g_autofree char *raw = sb_check_string (issues, obj, member, required, 0, 0, parent);
  g_autofree char *value = NULL;
  gboolean ok = TRUE;
  glong len;

  if (raw == NULL)
    return NULL;
  value = g_utf8_strdown (raw, -1);
  len = g_utf8_strlen (value, -1);
  if (len < 1)
    {
      g_autofree char *m = g_strdup_printf ("%s field must be at least 1 character", field);
      sb_issue_too_small (issues, 1, m, parent ? parent : "", member, NULL);
      ok = FALSE;
    }
  else if (len > 32)
    {
      g_autofree char *m = g_strdup_printf ("%s field must be at most 32 characters", field);
      sb_issue_too_big (issues, 32, m, parent ? parent : "", member, NULL);
      ok = FALSE;
    }
  if (!sb_is_slug (value))
    {
      g_autofree char *m = g_strdup_printf ("%s field can only contain letters, numbers, and hyphens", field);
      sb_issue_custom (issues, m, parent ? parent : "", member, NULL);
      ok = FALSE;
    }
  return ok ? g_steal_pointer (&value) : NULL;
}

char *
sb_check_name (FerrySandbox *self,
               SbIssues     *issues,
               JsonObject   *obj,
               gboolean      required,
               gint64        max)
{
  if (sb_old_build (self))
    return check_slug_old (issues, obj, "name", required, "name", NULL);
  return sb_check_slug (issues, obj, "name", required, max, "name", NULL);
}

char *
sb_check_uuid (SbIssues   *issues,
               JsonObject *obj,
               const char *member,
               gboolean    required,
               const char *parent)
{
  g_autofree char *value = sb_check_string (issues, obj, member, required, 0, 0, parent);

  if (value == NULL)
    return NULL;
  if (!sb_is_uuid (value))
    {
      sb_issue_uuid (issues, parent ? parent : "", member, NULL);
      return NULL;
    }
  return g_steal_pointer (&value);
}

/* z.literal (false, { errorMap: () => ({ message }) }).optional () */
void
sb_issue_unless_false (SbIssues   *issues,
                       JsonObject *body,
                       const char *member,
                       const char *message)
{
  JsonNode *n = json_object_has_member (body, member) ? json_object_get_member (body, member) : NULL;
  JsonObject *issue;

  if (n == NULL || (JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_BOOLEAN && !json_node_get_boolean (n)))
    return;
  issue = json_object_new ();
  json_object_set_member (issue, "received", json_node_copy (n));
  json_object_set_string_member (issue, "code", "invalid_literal");
  json_object_set_boolean_member (issue, "expected", FALSE);
  json_object_set_string_member (issue, "message", message);
  sb_issue_add (issues, issue, member, NULL);
}

/* z.undefined ({ message }).or (z.null ({ message })): both options fail with invalid_type,
 * so zod reports one invalid_union ("Invalid input") whose unionErrors carry the message. */
void
sb_issue_unless_null (SbIssues   *issues,
                      JsonObject *body,
                      const char *member,
                      const char *message)
{
  JsonNode *n = json_object_has_member (body, member) ? json_object_get_member (body, member) : NULL;
  JsonObject *issue;
  JsonArray *union_errors;

  if (n == NULL || JSON_NODE_HOLDS_NULL (n))
    return;
  union_errors = json_array_new ();
  for (const char *const *expected = (const char *const[]) { "undefined", "null", NULL }; *expected; expected++)
    {
      JsonObject *error = json_object_new ();
      JsonArray *inner = json_array_new ();
      JsonObject *type_issue = json_object_new ();
      JsonArray *path = json_array_new ();

      json_object_set_string_member (type_issue, "code", "invalid_type");
      json_object_set_string_member (type_issue, "expected", *expected);
      json_object_set_string_member (type_issue, "received", json_type_name (n));
      json_array_add_string_element (path, member);
      json_object_set_array_member (type_issue, "path", path);
      json_object_set_string_member (type_issue, "message", message);
      json_array_add_object_element (inner, type_issue);
      json_object_set_array_member (error, "issues", inner);
      json_object_set_string_member (error, "name", "ZodError");
      json_array_add_object_element (union_errors, error);
    }
  issue = json_object_new ();
  json_object_set_string_member (issue, "code", "invalid_union");
  json_object_set_array_member (issue, "unionErrors", union_errors);
  json_object_set_string_member (issue, "message", "Invalid input");
  sb_issue_add (issues, issue, member, NULL);
}
