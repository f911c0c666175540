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
 *
 * A refresh mostly brings back what the last answer said. The caller may hand over the
 * models it holds (FerryApiKnown): an element that is, byte for byte, the one such a model
 * was read from is not parsed again, and the answer holds that model instead of a copy of
 * it. Each element is told by a 128-bit digest of its bytes; a model carries the digest of
 * the element it was read from until one of its fields changes (ferry-resource.c). At
 * 10,000 syncs that spares parsing 13 MB and making 10,000 objects only to compare them with
 * the store's and free them; with GLib's slice magazines and malloc's per-thread arenas,
 * what the copies took stayed resident (docs/performance.md, "Memory").
 */

#define G_LOG_DOMAIN "ferry-api"

#include "config.h"

#include <string.h>

#include "ferry-api-client-private.h"
#include "ferry-api-error-private.h"
#include "ferry-resource-private.h"

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

/* ---- Digests ---- */

static inline guint64
rotl64 (guint64 x,
        int     r)
{
  return (x << r) | (x >> (64 - r));
}

static inline guint64
fmix64 (guint64 k)
{
  k ^= k >> 33;
  k *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  k ^= k >> 33;
  k *= G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
  k ^= k >> 33;
  return k;
}

static inline guint64
load64 (const guint8 *p)
{
  guint64 v;

  memcpy (&v, p, sizeof v);
  return GUINT64_FROM_LE (v);
}

/* MurmurHash3_x64_128 (Austin Appleby's, public domain), seed 0: over 5 GB/s here, about
 * 2 ms of the worker for a 13 MB answer. It is no cryptographic hash; it
 * need not be: a server that wanted Ferry to show something false could just send it. */
void
ferry_api_digest (const char *data,
                  gsize       len,
                  guint8     *out)
{
  const guint64 c1 = G_GUINT64_CONSTANT (0x87c37b91114253d5);
  const guint64 c2 = G_GUINT64_CONSTANT (0x4cf5ad432745937f);
  const guint8 *p = (const guint8 *) data;
  gsize n_blocks = len / 16, rest = len % 16;
  guint64 h1 = 0, h2 = 0, k1, k2;
  guint8 tail[16] = { 0 };

  for (gsize i = 0; i < n_blocks; i++, p += 16)
    {
      k1 = load64 (p);
      k2 = load64 (p + 8);

      k1 *= c1, k1 = rotl64 (k1, 31), k1 *= c2, h1 ^= k1;
      h1 = rotl64 (h1, 27), h1 += h2, h1 = h1 * 5 + 0x52dce729;
      k2 *= c2, k2 = rotl64 (k2, 33), k2 *= c1, h2 ^= k2;
      h2 = rotl64 (h2, 31), h2 += h1, h2 = h2 * 5 + 0x38495ab5;
    }

  /* The tail as the reference reads it: its bytes little-endian, zeros after them. */
  if (rest > 0)
    memcpy (tail, p, rest);
  k1 = load64 (tail);
  k2 = load64 (tail + 8);
  if (rest > 8)
    k2 *= c2, k2 = rotl64 (k2, 33), k2 *= c1, h2 ^= k2;
  if (rest > 0)
    k1 *= c1, k1 = rotl64 (k1, 31), k1 *= c2, h1 ^= k1;

  h1 ^= len, h2 ^= len;
  h1 += h2, h2 += h1;
  h1 = fmix64 (h1), h2 = fmix64 (h2);
  h1 += h2, h2 += h1;

  h1 = GUINT64_TO_LE (h1);
  h2 = GUINT64_TO_LE (h2);
  memcpy (out, &h1, 8);
  memcpy (out + 8, &h2, 8);
}

/* ---- Known models ---- */

typedef struct
{
  guint8         digest[FERRY_RESOURCE_DIGEST_LEN]; /* first: the table's key */
  FerryResource *item;
} KnownEntry;

struct _FerryApiKnown
{
  GHashTable *by_digest; /* KnownEntry * → itself */
  KnownEntry *entries;
  guint       n_entries;
  GThread    *owner;
};

static guint
digest_hash (gconstpointer key)
{
  guint h;

  memcpy (&h, key, sizeof h);
  return h;
}

static gboolean
digest_equal (gconstpointer a,
              gconstpointer b)
{
  return memcmp (a, b, FERRY_RESOURCE_DIGEST_LEN) == 0;
}

FerryApiKnown *
ferry_api_known_new (GListModel *items,
                     gboolean  (*usable) (gpointer item))
{
  FerryApiKnown *self;
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (items), NULL);

  n = g_list_model_get_n_items (items);
  self = g_new0 (FerryApiKnown, 1);
  self->by_digest = g_hash_table_new (digest_hash, digest_equal);
  self->entries = g_new (KnownEntry, MAX (n, 1));
  self->owner = g_thread_self ();

  /* The digests are copied: the worker reads them while the models may change here. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (items, i);
      const guint8 *digest;
      KnownEntry *entry;

      if (!FERRY_IS_RESOURCE (item) || (usable != NULL && !usable (item)))
        continue;
      digest = ferry_resource_get_digest (FERRY_RESOURCE (item));
      if (digest == NULL || g_hash_table_contains (self->by_digest, digest))
        continue;
      entry = &self->entries[self->n_entries++];
      memcpy (entry->digest, digest, FERRY_RESOURCE_DIGEST_LEN);
      entry->item = FERRY_RESOURCE (g_steal_pointer (&item));
      g_hash_table_add (self->by_digest, entry);
    }
  return self;
}

static void
known_free_now (FerryApiKnown *self)
{
  for (guint i = 0; i < self->n_entries; i++)
    g_object_unref (self->entries[i].item);
  g_hash_table_unref (self->by_digest);
  g_free (self->entries);
  g_free (self);
}

static gboolean
known_free_cb (gpointer data)
{
  known_free_now (data);
  return G_SOURCE_REMOVE;
}

void
ferry_api_known_free (FerryApiKnown *self)
{
  if (self == NULL)
    return;

  /* The entries may hold the last references to models of the thread that made the table
   * (views bound to them, notify handlers): those go there, never in a worker. */
  if (g_thread_self () == self->owner)
    known_free_now (self);
  else
    g_idle_add_full (G_PRIORITY_DEFAULT, known_free_cb, self, NULL);
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
  g_autofree guint8 *used = NULL;
  gsize array_start, array_end;

  if (!ferry_api_split_list (data, len, spec->key, &array_start, &array_end, spans))
    return parse_whole (data, len, spec, error);

  parser = json_parser_new_immutable ();
  if (!rest_is_json (parser, data, len, array_start, array_end))
    return parse_whole (data, len, spec, error);

  if (spec->known != NULL)
    used = g_new0 (guint8, MAX (spec->known->n_entries, 1));

  items = g_ptr_array_new_full (spans->len, g_object_unref);
  for (guint i = 0; i < spans->len; i++)
    {
      const FerryApiSpan *span = &g_array_index (spans, FerryApiSpan, i);
      guint8 digest[FERRY_RESOURCE_DIGEST_LEN];
      JsonNode *element;
      gpointer item;

      if (spec->known != NULL)
        {
          KnownEntry *known;

          ferry_api_digest (data + span->start, span->len, digest);
          known = g_hash_table_lookup (spec->known->by_digest, digest);
          /* Each model once: a repeated element is a copy, as the tree parser makes it. */
          if (known != NULL && !used[known - spec->known->entries] &&
              G_TYPE_CHECK_INSTANCE_TYPE (known->item, spec->get_type ()))
            {
              used[known - spec->known->entries] = TRUE;
              g_ptr_array_add (items, g_object_ref (known->item));
              continue;
            }
        }

      /* Loading the next element frees this one's tree. */
      if (!json_parser_load_from_data (parser, data + span->start, (gssize) span->len, NULL) ||
          (element = json_parser_get_root (parser)) == NULL)
        return parse_whole (data, len, spec, error);
      /* A later element may not be JSON at all: say what the tree parser says. */
      if (!add_item (spec, items, element, NULL))
        return parse_whole (data, len, spec, error);
      item = g_ptr_array_index (items, items->len - 1);
      if (spec->known != NULL && FERRY_IS_RESOURCE (item))
        ferry_resource_set_digest (item, digest);
    }

  return store_of (spec, items);
}
