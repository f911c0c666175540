/* ferry-json.c
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ferry-json.h"

const char *
ferry_json_node_get_utf8 (JsonNode *node)
{
  const char *text;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  text = json_node_get_string (node);
  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;

  return text;
}

const char *
ferry_json_object_get_utf8 (JsonObject *object,
                            const char *name)
{
  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return ferry_json_node_get_utf8 (json_object_get_member (object, name));
}
