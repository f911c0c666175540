/* ferry-json.h: reading strings out of untrusted JSON.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every string Ferry takes from a server, a web page or a pasted token goes through
 * these: json-glib's typed getters raise a critical for a member of another type, and
 * json-glib 1.6 turns an octal escape such as "\270" into a raw byte, so a JSON string
 * need not be UTF-8 (GTK, Pango and g_markup_escape_text () all expect UTF-8).
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The string @node holds, or NULL when @node is NULL, not a string or not UTF-8. */
const char *ferry_json_node_get_utf8   (JsonNode   *node);
/* The same for the member @name of @object. */
const char *ferry_json_object_get_utf8 (JsonObject *object,
                                        const char *name);

G_END_DECLS
