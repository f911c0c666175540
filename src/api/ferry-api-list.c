/* ferry-api-list.c: list answers, parsed one element at a time.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A list answer is one object with the list under a key: {"secretSyncs": [{…}, {…}]}. At
 * 10,000 syncs that is 13 MB of JSON, and a json-glib tree of all of it is several times
 * that. On GLib 2.74 the tree's nodes come from GSlice, which keeps freed chunks in its
 * magazines instead of giving them back (glib/gslice.c, magazine_cache_trim: only
 * magazines older than 15 s, and only when another one is pushed), so a whole-answer
 * tree stays in the resident size long after it was freed (docs/performance.md).
 *
 * So the answer is first split, by a scanner that only follows strings and brackets, into
 * the byte ranges of the list's elements; each element is then parsed on its own and
 * turned into its model before the next one: at most one element's tree exists at a time.
 * The rest of the answer (the list replaced by []) is still parsed, so an answer is
 * accepted only when all of it is JSON. Anything the scanner does not follow, and any
 * element that does not parse, sends the whole answer through the tree parser instead:
 * the result, or the error, is then exactly what that parser says.
 */

#define G_LOG_DOMAIN "ferry-api"

#include "config.h"

#include <string.h>

#include "ferry-api-client-private.h"
#include "ferry-api-error-private.h"

/* ---- Scanning ---- */

typedef struct
{
  const char *p;
  const char *end;
} Scan;

static void
skip_space (Scan *s)
{
  while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
    s->p++;
}

static gboolean
take (Scan *s,
      char  c)
{
  skip_space (s);
  if (s->p >= s->end || *s->p != c)
    return FALSE;
  s->p++;
  return TRUE;
}

/* At a '"': moves past the closing quote. */
static gboolean
skip_string (Scan *s)
{
  for (s->p++; s->p < s->end; s->p++)
    {
      if (*s->p == '\\')
        s->p++;
      else if (*s->p == '"')
        {
          s->p++;
          return TRUE;
        }
      else if ((guchar) *s->p < 0x20)
        return FALSE;
    }
  return FALSE;
}

/* Moves past one value. Brackets are only counted, not matched: what is inside an element
 * is json-glib's to judge, when it parses the element. */
static gboolean
skip_value (Scan *s)
{
  int depth = 0;

  skip_space (s);
  if (s->p >= s->end)
    return FALSE;

  if (*s->p == '"')
    return skip_string (s);

  if (*s->p != '{' && *s->p != '[')
    {
      const char *start = s->p;

      while (s->p < s->end && strchr (",}] \t\n\r", *s->p) == NULL)
        s->p++;
      return s->p > start;
    }

  while (s->p < s->end)
    {
      switch (*s->p)
        {
        case '"':
          if (!skip_string (s))
            return FALSE;
          continue;
        case '{':
        case '[':
          depth++;
          break;
        case '}':
        case ']':
          if (--depth == 0)
            {
              s->p++;
              return TRUE;
            }
          break;
        default:
          break;
        }
      s->p++;
    }
  return FALSE;
}

/* Which of @keys ("a|b") the raw member name [@name, @name_end) is, or -1. */
static int
match_key (const char *keys,
           const char *name,
           const char *name_end)
{
  gsize name_len = name_end - name;
  int index = 0;

  for (const char *k = keys; *k != '\0'; index++)
    {
      const char *bar = strchr (k, '|');
      gsize len = bar != NULL ? (gsize) (bar - k) : strlen (k);

      if (len == name_len && memcmp (k, name, len) == 0)
        return index;
      if (bar == NULL)
        break;
      k = bar + 1;
    }
  return -1;
}

gboolean
ferry_api_split_list (const char *data,
                      gsize       len,
                      const char *keys,
                      gsize      *array_start,
                      gsize      *array_end,
                      GArray     *elements)
{
  Scan s = { data, data + len };
  const char *found = NULL;
  int found_index = G_MAXINT;

  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (keys != NULL, FALSE);
  g_return_val_if_fail (elements != NULL, FALSE);

  if (!take (&s, '{'))
    return FALSE;

  /* The members: the list is the first of @keys present, wherever it is. */
  skip_space (&s);
  if (s.p < s.end && *s.p != '}')
    {
      do
        {
          const char *name;
          int index;

          skip_space (&s);
          if (s.p >= s.end || *s.p != '"')
            return FALSE;
          name = s.p + 1;
          if (!skip_string (&s))
            return FALSE;
          index = match_key (keys, name, s.p - 1);
          if (!take (&s, ':'))
            return FALSE;
          skip_space (&s);
          /* As json-glib: of a repeated member, the last one counts. A preferred key
           * that is not a list leaves found NULL: the tree parser says what is wrong. */
          if (index >= 0 && index <= found_index)
            {
              found = s.p < s.end && *s.p == '[' ? s.p : NULL;
              found_index = index;
            }
          if (!skip_value (&s))
            return FALSE;
        }
      while (take (&s, ','));
    }
  if (!take (&s, '}'))
    return FALSE;
  skip_space (&s);
  if (s.p != s.end || found == NULL)
    return FALSE;

  /* The list's elements. */
  s.p = found + 1;
  g_array_set_size (elements, 0);
  skip_space (&s);
  if (s.p < s.end && *s.p == ']')
    s.p++;
  else
    {
      do
        {
          FerryApiSpan span;

          skip_space (&s);
          span.start = s.p - data;
          if (!skip_value (&s))
            return FALSE;
          span.len = (s.p - data) - span.start;
          g_array_append_val (elements, span);
        }
      while (take (&s, ','));
      if (!take (&s, ']'))
        return FALSE;
    }

  *array_start = found - data;
  *array_end = s.p - data;
  return TRUE;
}

/* ---- Parsing ---- */

/* Element @items->len of the list, turned into its model and added to @items. */
static gboolean
add_item (FerryApiModelSpec *spec,
          GPtrArray         *items,
          JsonNode          *element,
          GError           **error)
{
  gpointer item;

  if (!JSON_NODE_HOLDS_OBJECT (element))
    {
      g_propagate_error (error, ferry_api_error_new_invalid_response ("“%s.%u” is not an object",
                                                                      spec->key, items->len));
      return FALSE;
    }
  item = spec->parser (json_node_get_object (element), spec->extra, error);
  if (item == NULL)
    {
      g_autofree char *where = g_strdup_printf ("%s.%u", spec->key, items->len);

      if (error != NULL)
        ferry_api_error_prefix_detail (*error, where);
      return FALSE;
    }
  g_ptr_array_add (items, item);
  return TRUE;
}

static GListStore *
store_of (FerryApiModelSpec *spec,
          GPtrArray         *items)
{
  GListStore *store = g_list_store_new (spec->get_type ());

  g_list_store_splice (store, 0, 0, items->pdata, items->len);
  return store;
}

gpointer
ferry_api_parse_list_root (JsonNode  *root,
                           gpointer   data,
                           GError   **error)
{
  FerryApiModelSpec *spec = data;
  g_autoptr(GPtrArray) items = NULL;
  JsonArray *array;
  JsonNode *node;
  guint n;

  if (!(node = ferry_api_root_member (root, spec->key, JSON_NODE_ARRAY, error)))
    return NULL;

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  items = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    if (!add_item (spec, items, json_array_get_element (array, i), error))
      return NULL;

  return store_of (spec, items);
}

/* The whole answer as one tree: for what the scanner did not follow, and for the error. */
static gpointer
parse_whole (const char        *data,
             gsize              len,
             FerryApiModelSpec *spec,
             GError           **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) parse_error = NULL;
  JsonNode *root;

  if (len == 0)
    {
      g_autoptr(JsonNode) null = json_node_new (JSON_NODE_NULL);

      return ferry_api_parse_list_root (null, spec, error);
    }
  if (!json_parser_load_from_data (parser, data, (gssize) len, &parse_error) ||
      (root = json_parser_get_root (parser)) == NULL)
    {
      g_propagate_error (error, ferry_api_error_new_invalid_response ("not valid JSON: %s",
                                                                      parse_error ? parse_error->message : "empty"));
      return NULL;
    }
  return ferry_api_parse_list_root (root, spec, error);
}

/* The answer without its list: [@array_start, @array_end) replaced by []. */
static gboolean
rest_is_json (JsonParser *parser,
              const char *data,
              gsize       len,
              gsize       array_start,
              gsize       array_end)
{
  g_autoptr(GString) rest = g_string_sized_new (len - (array_end - array_start) + 2);

  g_string_append_len (rest, data, array_start);
  g_string_append (rest, "[]");
  g_string_append_len (rest, data + array_end, len - array_end);
  return json_parser_load_from_data (parser, rest->str, rest->len, NULL);
}

gpointer
ferry_api_parse_list_body (const char  *data,
                           gsize        len,
                           gpointer     user_data,
                           GError     **error)
{
  FerryApiModelSpec *spec = user_data;
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (FerryApiSpan));
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GPtrArray) items = NULL;
  gsize array_start, array_end;

  if (!ferry_api_split_list (data, len, spec->key, &array_start, &array_end, spans))
    return parse_whole (data, len, spec, error);

  parser = json_parser_new_immutable ();
  if (!rest_is_json (parser, data, len, array_start, array_end))
    return parse_whole (data, len, spec, error);

  items = g_ptr_array_new_full (spans->len, g_object_unref);
  for (guint i = 0; i < spans->len; i++)
    {
      const FerryApiSpan *span = &g_array_index (spans, FerryApiSpan, i);
      JsonNode *element;

      /* Loading the next element frees this one's tree. */
      if (!json_parser_load_from_data (parser, data + span->start, (gssize) span->len, NULL) ||
          (element = json_parser_get_root (parser)) == NULL)
        return parse_whole (data, len, spec, error);
      /* A later element may not be JSON at all: say what the tree parser says. */
      if (!add_item (spec, items, element, NULL))
        return parse_whole (data, len, spec, error);
    }

  return store_of (spec, items);
}
