/* fuzz-models.c: the model parsers of src/api on arbitrary JSON.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every parser gets every object of the input (the root, or each element of a root
 * array), as a server's answer would hand them over; what parses is serialised back.
 * The input is also a list answer: parsed one element at a time (ferry-api-list.c), it
 * must give what the whole tree gives, the same number of syncs or the same error; and
 * parsed again with those syncs handed over, it must give them back (ferry-api-list.c).
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "fuzz-common.h"
#include "ferry-api-client-private.h"
#include "ferry-audit-event.h"
#include "ferry-connection.h"
#include "ferry-devops-project.h"
#include "ferry-environment.h"
#include "ferry-folder.h"
#include "ferry-organization.h"
#include "ferry-project.h"
#include "ferry-resource-private.h"
#include "ferry-sync.h"
#include "ferry-sync-draft.h"

static FerryApiModelSpec *sync_list;
static GListStore *no_syncs;

static gpointer
parse_sync_item (JsonObject *object,
                 const char *extra,
                 GError    **error)
{
  return ferry_sync_new_from_json (object, error);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_common_init ();
  sync_list = ferry_api_model_spec_new ("secretSyncs|syncs", ferry_sync_get_type, parse_sync_item, NULL);
  no_syncs = g_list_store_new (FERRY_TYPE_SYNC);
  return 0;
}

/* The same answer again, with the syncs of the first parse handed over: each is reused
 * where its element first appears, and every repeat of an element is a new copy. */
static void
compare_reused (const char *data,
                gsize       len,
                GListModel *first)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_bytes_hash, g_bytes_equal, (GDestroyNotify) g_bytes_unref, NULL);
  g_autoptr(GListStore) again = NULL;
  g_autoptr(GError) error = NULL;
  guint n = g_list_model_get_n_items (first);

  sync_list->known = ferry_api_known_new (first, NULL);
  again = ferry_api_parse_list_body (data, len, sync_list, &error);
  g_clear_pointer (&sync_list->known, ferry_api_known_free);
  if (again == NULL)
    g_error ("the answer parsed once, not with its syncs handed over: %s", error->message);
  if (g_list_model_get_n_items (G_LIST_MODEL (again)) != n)
    g_error ("%u syncs, then %u with them handed over", n, g_list_model_get_n_items (G_LIST_MODEL (again)));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FerryResource) a = g_list_model_get_item (first, i);
      g_autoptr(FerryResource) b = g_list_model_get_item (G_LIST_MODEL (again), i);
      const guint8 *digest = ferry_resource_get_digest (a);
      gboolean first_seen;

      /* Read by the tree parser (an answer the scanner does not follow): no digests. */
      if (digest == NULL)
        {
          if (a == b)
            g_error ("sync %u reused without a digest", i);
          continue;
        }
      first_seen = g_hash_table_add (seen, g_bytes_new (digest, FERRY_RESOURCE_DIGEST_LEN));
      if (first_seen != (a == b))
        g_error ("sync %u: %s", i, first_seen ? "not reused" : "a repeat reused");
    }
}

/* The element-wise list parse against the tree: any difference aborts. */
static void
compare_list_parsers (const char *data,
                      gsize       len)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GListStore) from_body = NULL;
  g_autoptr(GListStore) from_root = NULL;
  g_autoptr(GError) body_error = NULL;
  g_autoptr(GError) root_error = NULL;

  /* As the project model asks: with its (here empty) store, so the syncs get digests. */
  sync_list->known = ferry_api_known_new (G_LIST_MODEL (no_syncs), NULL);
  from_body = ferry_api_parse_list_body (data, len, sync_list, &body_error);
  g_clear_pointer (&sync_list->known, ferry_api_known_free);
  if (len == 0)
    {
      g_autoptr(JsonNode) null = json_node_new (JSON_NODE_NULL);

      from_root = ferry_api_parse_list_root (null, sync_list, &root_error);
    }
  else if (json_parser_load_from_data (parser, data, (gssize) len, NULL))
    from_root = ferry_api_parse_list_root (json_parser_get_root (parser), sync_list, &root_error);

  if ((from_body == NULL) != (from_root == NULL))
    g_error ("the list parsers disagree: %s by elements, %s as a tree",
             from_body ? "parsed" : body_error->message, from_root ? "parsed" : "not JSON or an error");
  if (from_body != NULL &&
      g_list_model_get_n_items (G_LIST_MODEL (from_body)) != g_list_model_get_n_items (G_LIST_MODEL (from_root)))
    g_error ("the list parsers disagree: %u syncs by elements, %u as a tree",
             g_list_model_get_n_items (G_LIST_MODEL (from_body)), g_list_model_get_n_items (G_LIST_MODEL (from_root)));
  if (from_body == NULL && root_error != NULL && g_strcmp0 (body_error->message, root_error->message) != 0)
    g_error ("the list parsers disagree: “%s” by elements, “%s” as a tree", body_error->message, root_error->message);

  if (from_body != NULL)
    compare_reused (data, len, G_LIST_MODEL (from_body));
}

static void
parse_all (JsonObject *object)
{
  g_autoptr(FerrySync) sync = NULL;
  g_autoptr(FerryConnection) connection = NULL;
  g_autoptr(FerryConnection) partial = NULL;
  g_autoptr(FerryProject) project = NULL;
  g_autoptr(FerryOrganization) organization = NULL;
  g_autoptr(FerryFolder) folder = NULL;
  g_autoptr(FerryEnvironment) environment = NULL;
  g_autoptr(FerryDevopsProject) devops = NULL;
  g_autoptr(FerryAuditEvent) event = NULL;

  sync = ferry_sync_new_from_json (object, NULL);
  if (sync != NULL)
    {
      g_autoptr(JsonObject) back G_GNUC_UNUSED = ferry_sync_to_json (sync);
      g_autoptr(FerrySyncDraft) draft G_GNUC_UNUSED = ferry_sync_draft_new_from_sync (sync);
    }
  connection = ferry_connection_new_from_json (object, FALSE, NULL);
  partial = ferry_connection_new_from_json (object, TRUE, NULL);
  project = ferry_project_new_from_json (object, NULL);
  organization = ferry_organization_new_from_json (object, NULL);
  folder = ferry_folder_new_from_json (object, "/", NULL);
  environment = ferry_environment_new_from_json (object, NULL);
  devops = ferry_devops_project_new_from_json (object, NULL);
  event = ferry_audit_event_new_from_json (object, NULL);
  if (event != NULL)
    {
      /* What the history view reads of it. */
      g_autofree char *when G_GNUC_UNUSED = g_date_time_format_iso8601 (ferry_audit_event_get_time (event));
      (void) ferry_audit_event_is_run (event);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;

  compare_list_parsers ((const char *) data, size);

  if (!json_parser_load_from_data (parser, (const char *) data, size, NULL))
    return 0;

  root = json_parser_get_root (parser);
  if (root == NULL)
    return 0;

  if (JSON_NODE_HOLDS_OBJECT (root))
    {
      parse_all (json_node_get_object (root));
    }
  else if (JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *array = json_node_get_array (root);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_OBJECT (element))
            parse_all (json_node_get_object (element));
        }
    }

  return 0;
}
