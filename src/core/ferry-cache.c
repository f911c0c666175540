/* ferry-cache.c
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading parses and builds the objects in a worker thread (a 10,000-sync file is several
 * megabytes); the objects are handed over to the main loop when the task returns and
 * never touched by the thread again. Writing reads the objects on the main loop (they
 * belong to it), then g_file_replace_contents_bytes_async () writes a temporary file with
 * mode 0600 (G_FILE_CREATE_PRIVATE) and renames it over the old one, so a crash leaves
 * either the old file or the new one, never half of one.
 */

#define G_LOG_DOMAIN "ferry-cache"

#include "config.h"

#include <errno.h>

#include <json-glib/json-glib.h>

#include "ferry-cache.h"
#include "ferry-connection.h"
#include "ferry-environment.h"
#include "ferry-project.h"
#include "ferry-sync.h"

#define SAVE_DELAY_MS 1000

struct _FerryCache
{
  GObject       parent_instance;

  char         *account_id;
  char         *path;

  /* What the last load found. */
  gint64        saved_at;
  GListStore   *projects;
  GHashTable   *syncs;             /* project id → GListStore */
  GHashTable   *connections;       /* project id → GListStore */

  /* What to save (kept models, read at save time). */
  GListModel   *set_projects;
  GHashTable   *set_syncs;         /* project id → GListModel */
  GHashTable   *set_connections;   /* project id → GListModel */

  guint         save_source;
  GCancellable *cancellable;       /* queued saves */
};

G_DEFINE_FINAL_TYPE (FerryCache, ferry_cache, G_TYPE_OBJECT)

static GHashTable *
new_list_table (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

/* Account ids are UUIDs (ferry-account.c); anything else (an edited accounts file) is
 * hashed rather than trusted as a file name. */
static char *
file_name_for (const char *account_id)
{
  gboolean plain = *account_id != '\0' && strlen (account_id) <= 64;

  for (const char *p = account_id; plain && *p != '\0'; p++)
    plain = g_ascii_isalnum (*p) || *p == '-';

  if (plain)
    return g_strconcat (account_id, ".json", NULL);

  {
    g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, account_id, -1);

    return g_strconcat (sum, ".json", NULL);
  }
}

FerryCache *
ferry_cache_new (const char *account_id)
{
  FerryCache *self;
  g_autofree char *name = NULL;

  g_return_val_if_fail (account_id != NULL, NULL);

  self = g_object_new (FERRY_TYPE_CACHE, NULL);
  self->account_id = g_strdup (account_id);
  name = file_name_for (account_id);
  self->path = g_build_filename (g_get_user_cache_dir (), "ferry", name, NULL);

  return self;
}

const char *
ferry_cache_get_account_id (FerryCache *self)
{
  g_return_val_if_fail (FERRY_IS_CACHE (self), NULL);

  return self->account_id;
}

const char *
ferry_cache_get_path (FerryCache *self)
{
  g_return_val_if_fail (FERRY_IS_CACHE (self), NULL);

  return self->path;
}

gint64
ferry_cache_get_saved_at (FerryCache *self)
{
  g_return_val_if_fail (FERRY_IS_CACHE (self), 0);

  return self->saved_at;
}

GListModel *
ferry_cache_get_projects (FerryCache *self)
{
  g_return_val_if_fail (FERRY_IS_CACHE (self), NULL);

  return G_LIST_MODEL (self->projects);
}

GListModel *
ferry_cache_get_syncs (FerryCache *self,
                       const char *project_id)
{
  g_return_val_if_fail (FERRY_IS_CACHE (self), NULL);
  g_return_val_if_fail (project_id != NULL, NULL);

  return self->syncs != NULL ? g_hash_table_lookup (self->syncs, project_id) : NULL;
}

GListModel *
ferry_cache_get_connections (FerryCache *self,
                             const char *project_id)
{
  g_return_val_if_fail (FERRY_IS_CACHE (self), NULL);
  g_return_val_if_fail (project_id != NULL, NULL);

  return self->connections != NULL ? g_hash_table_lookup (self->connections, project_id) : NULL;
}

/* ---- Reading (worker thread) ---- */

typedef struct
{
  gint64      saved_at;
  GListStore *projects;
  GHashTable *syncs;
  GHashTable *connections;
} Loaded;

static void
loaded_free (Loaded *loaded)
{
  g_clear_object (&loaded->projects);
  g_clear_pointer (&loaded->syncs, g_hash_table_unref);
  g_clear_pointer (&loaded->connections, g_hash_table_unref);
  g_free (loaded);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Loaded, loaded_free)

typedef gpointer (*NewFromJson) (JsonObject *object, GError **error);

static gpointer
project_from_json (JsonObject *object, GError **error)
{
  return ferry_project_new_from_json (object, error);
}

static gpointer
sync_from_json (JsonObject *object, GError **error)
{
  return ferry_sync_new_from_json (object, error);
}

static gpointer
connection_from_json (JsonObject *object, GError **error)
{
  return ferry_connection_new_from_json (object, FALSE, error);
}

static GListStore *
read_list (JsonNode     *node,
           GType         type,
           NewFromJson   new_from_json,
           GError      **error)
{
  g_autoptr(GListStore) store = g_list_store_new (type);
  JsonArray *array;
  guint n;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "a list is not an array");
      return NULL;
    }

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autoptr(GObject) object = NULL;
      g_autoptr(GError) local_error = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "item %u is not an object", i);
          return NULL;
        }
      object = new_from_json (json_node_get_object (element), &local_error);
      if (object == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "item %u: %s", i, local_error->message);
          return NULL;
        }
      g_list_store_append (store, object);
    }

  return g_steal_pointer (&store);
}

static GHashTable *
read_lists (JsonObject   *root,
            const char   *member,
            GType         type,
            NewFromJson   new_from_json,
            GError      **error)
{
  g_autoptr(GHashTable) table = new_list_table ();
  JsonNode *node = json_object_get_member (root, member);
  g_autoptr(GList) ids = NULL;
  JsonObject *object;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_steal_pointer (&table);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "“%s” is not an object", member);
      return NULL;
    }

  object = json_node_get_object (node);
  ids = json_object_get_members (object);
  for (GList *l = ids; l != NULL; l = l->next)
    {
      GListStore *store = read_list (json_object_get_member (object, l->data), type, new_from_json, error);

      if (store == NULL)
        return NULL;
      g_hash_table_insert (table, g_strdup (l->data), store);
    }

  return g_steal_pointer (&table);
}

static Loaded *
read_file (const char  *path,
           const char  *account_id,
           GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(Loaded) loaded = g_new0 (Loaded, 1);
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root_node;
  JsonObject *root;
  JsonNode *projects;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, local_error->message);
      else
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, local_error->message);
      return NULL;
    }

  if (!json_parser_load_from_data (parser, contents, (gssize) length, &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "not JSON: %s", local_error->message);
      return NULL;
    }

  root_node = json_parser_get_root (parser);
  if (root_node == NULL || !JSON_NODE_HOLDS_OBJECT (root_node))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "not a JSON object");
      return NULL;
    }
  root = json_node_get_object (root_node);

  if (g_strcmp0 (json_object_get_string_member_with_default (root, "format", NULL), FERRY_CACHE_FORMAT) != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "not a Ferry cache");
      return NULL;
    }
  if (json_object_get_int_member_with_default (root, "version", 0) != FERRY_CACHE_VERSION)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "version %" G_GINT64_FORMAT ", not %d",
                   json_object_get_int_member_with_default (root, "version", 0), FERRY_CACHE_VERSION);
      return NULL;
    }
  if (g_strcmp0 (json_object_get_string_member_with_default (root, "accountId", NULL), account_id) != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "another account's cache");
      return NULL;
    }

  loaded->saved_at = json_object_get_int_member_with_default (root, "savedAt", 0);
  if (loaded->saved_at <= 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "no time of saving");
      return NULL;
    }

  projects = json_object_get_member (root, "projects");
  if (projects != NULL && !JSON_NODE_HOLDS_NULL (projects) &&
      (loaded->projects = read_list (projects, FERRY_TYPE_PROJECT, project_from_json, error)) == NULL)
    return NULL;
  if ((loaded->syncs = read_lists (root, "syncs", FERRY_TYPE_SYNC, sync_from_json, error)) == NULL)
    return NULL;
  if ((loaded->connections = read_lists (root, "connections", FERRY_TYPE_CONNECTION, connection_from_json, error)) == NULL)
    return NULL;

  return g_steal_pointer (&loaded);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  FerryCache *self = source_object;
  GError *error = NULL;
  Loaded *loaded;

  /* self->path and self->account_id never change after ferry_cache_new (). */
  loaded = read_file (self->path, self->account_id, &error);
  if (loaded == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, loaded, (GDestroyNotify) loaded_free);
}

void
ferry_cache_load_async (FerryCache          *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (FERRY_IS_CACHE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ferry_cache_load_async);
  g_task_run_in_thread (task, load_thread);
}

gboolean
ferry_cache_load_finish (FerryCache    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_autoptr(Loaded) loaded = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ferry_cache_load_async, FALSE);

  loaded = g_task_propagate_pointer (G_TASK (result), error);
  if (loaded == NULL)
    return FALSE;

  self->saved_at = loaded->saved_at;
  g_set_object (&self->projects, loaded->projects);
  g_clear_pointer (&self->syncs, g_hash_table_unref);
  self->syncs = g_steal_pointer (&loaded->syncs);
  g_clear_pointer (&self->connections, g_hash_table_unref);
  self->connections = g_steal_pointer (&loaded->connections);

  return TRUE;
}

/* ---- Writing ---- */

void
ferry_cache_set_projects (FerryCache *self,
                          GListModel *model)
{
  g_return_if_fail (FERRY_IS_CACHE (self));
  g_return_if_fail (G_IS_LIST_MODEL (model));

  g_set_object (&self->set_projects, model);
}

void
ferry_cache_set_syncs (FerryCache *self,
                       const char *project_id,
                       GListModel *model)
{
  g_return_if_fail (FERRY_IS_CACHE (self));
  g_return_if_fail (project_id != NULL);
  g_return_if_fail (G_IS_LIST_MODEL (model));

  g_hash_table_insert (self->set_syncs, g_strdup (project_id), g_object_ref (model));
}

void
ferry_cache_set_connections (FerryCache *self,
                             const char *project_id,
                             GListModel *model)
{
  g_return_if_fail (FERRY_IS_CACHE (self));
  g_return_if_fail (project_id != NULL);
  g_return_if_fail (G_IS_LIST_MODEL (model));

  g_hash_table_insert (self->set_connections, g_strdup (project_id), g_object_ref (model));
}

static JsonObject *
project_to_json (FerryProject *project)
{
  JsonObject *object = ferry_resource_to_json (FERRY_RESOURCE (project));
  GListModel *envs = ferry_project_get_environments (project);
  JsonArray *array = json_array_new ();
  guint n = g_list_model_get_n_items (envs);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FerryResource) env = g_list_model_get_item (envs, i);

      json_array_add_object_element (array, ferry_resource_to_json (env));
    }
  json_object_set_array_member (object, "environments", array);

  return object;
}

static JsonObject *
item_to_json (gpointer item)
{
  JsonObject *object;

  if (FERRY_IS_PROJECT (item))
    return project_to_json (item);
  if (FERRY_IS_SYNC (item))
    return ferry_sync_to_json (item);

  object = ferry_resource_to_json (item);
  /* Not a secret, but nothing Ferry shows: out, so the file holds only what it needs. */
  json_object_remove_member (object, "credentialsHash");
  return object;
}

static JsonArray *
list_to_json (GListModel *model)
{
  JsonArray *array = json_array_new ();
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      json_array_add_object_element (array, item_to_json (item));
    }

  return array;
}

/* The set list of each project, else what the file had; only of listed projects. */
static JsonObject *
lists_to_json (GHashTable *set,
               GHashTable *had,
               GListModel *projects)
{
  JsonObject *object = json_object_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTable *tables[] = { set, had };

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      GHashTableIter iter;
      gpointer id, model;

      if (tables[t] == NULL)
        continue;
      g_hash_table_iter_init (&iter, tables[t]);
      while (g_hash_table_iter_next (&iter, &id, &model))
        {
          if (g_hash_table_contains (seen, id))
            continue;
          if (projects != NULL && ferry_resource_find_by_id (projects, id) == NULL)
            continue;
          g_hash_table_add (seen, id);
          json_object_set_array_member (object, id, list_to_json (model));
        }
    }

  return object;
}

static GBytes *
serialize (FerryCache *self)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonObject) root = json_object_new ();
  GListModel *projects = self->set_projects != NULL ? self->set_projects : G_LIST_MODEL (self->projects);
  char *data;
  gsize length;

  json_object_set_string_member (root, "format", FERRY_CACHE_FORMAT);
  json_object_set_int_member (root, "version", FERRY_CACHE_VERSION);
  json_object_set_string_member (root, "accountId", self->account_id);
  json_object_set_int_member (root, "savedAt", g_get_real_time () / G_USEC_PER_SEC);
  if (projects != NULL)
    json_object_set_array_member (root, "projects", list_to_json (projects));
  json_object_set_object_member (root, "syncs", lists_to_json (self->set_syncs, self->syncs, projects));
  json_object_set_object_member (root, "connections", lists_to_json (self->set_connections, self->connections, projects));

  json_node_set_object (node, root);
  json_generator_set_root (generator, node);
  data = json_generator_to_data (generator, &length);

  return g_bytes_new_take (data, length);
}

static void
replace_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
ferry_cache_save_async (FerryCache          *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *dir = NULL;

  g_return_if_fail (FERRY_IS_CACHE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ferry_cache_save_async);

  g_clear_handle_id (&self->save_source, g_source_remove);
  bytes = serialize (self);

  /* One mkdir of a directory that almost always exists; 0700 like the keyring's. */
  dir = g_path_get_dirname (self->path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                               "Could not make %s: %s", dir, g_strerror (saved_errno));
      return;
    }

  file = g_file_new_for_path (self->path);
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE,
                                       G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                       cancellable, replace_cb, g_steal_pointer (&task));
}

gboolean
ferry_cache_save_finish (FerryCache    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ferry_cache_save_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
queued_save_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* Only a convenience: the next save tries again. */
  if (!ferry_cache_save_finish (FERRY_CACHE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not save the offline cache: %s", error->message);
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  FerryCache *self = user_data;

  self->save_source = 0;
  ferry_cache_save_async (self, self->cancellable, queued_save_cb, NULL);

  return G_SOURCE_REMOVE;
}

void
ferry_cache_queue_save (FerryCache *self)
{
  g_return_if_fail (FERRY_IS_CACHE (self));

  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
}

static void
flushed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!ferry_cache_save_finish (FERRY_CACHE (object), result, &error))
    g_debug ("Could not save the offline cache: %s", error->message);
}

void
ferry_cache_flush (FerryCache *self)
{
  g_return_if_fail (FERRY_IS_CACHE (self));

  if (self->save_source == 0)
    return;
  /* Not the cache's cancellable: disposing of the cache cancels that. The task holds a
   * reference until the file is written. */
  ferry_cache_save_async (self, NULL, flushed_cb, NULL);
}

/* ---- Deleting ---- */

static void
delete_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!g_file_delete_finish (G_FILE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    g_task_return_error (task, error);
  else
    {
      g_clear_error (&error);
      g_task_return_boolean (task, TRUE);
    }
}

void
ferry_cache_delete_async (FerryCache          *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GFile) file = NULL;

  g_return_if_fail (FERRY_IS_CACHE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ferry_cache_delete_async);

  /* Nothing of the account may come back after this. */
  g_clear_handle_id (&self->save_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_object (&self->set_projects);
  g_hash_table_remove_all (self->set_syncs);
  g_hash_table_remove_all (self->set_connections);

  file = g_file_new_for_path (self->path);
  g_file_delete_async (file, G_PRIORITY_DEFAULT, cancellable, delete_cb, g_steal_pointer (&task));
}

gboolean
ferry_cache_delete_finish (FerryCache    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ferry_cache_delete_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- GObject ---- */

static void
ferry_cache_dispose (GObject *object)
{
  FerryCache *self = FERRY_CACHE (object);

  g_clear_handle_id (&self->save_source, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (ferry_cache_parent_class)->dispose (object);
}

static void
ferry_cache_finalize (GObject *object)
{
  FerryCache *self = FERRY_CACHE (object);

  g_free (self->account_id);
  g_free (self->path);
  g_clear_object (&self->projects);
  g_clear_pointer (&self->syncs, g_hash_table_unref);
  g_clear_pointer (&self->connections, g_hash_table_unref);
  g_clear_object (&self->set_projects);
  g_clear_pointer (&self->set_syncs, g_hash_table_unref);
  g_clear_pointer (&self->set_connections, g_hash_table_unref);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (ferry_cache_parent_class)->finalize (object);
}

static void
ferry_cache_class_init (FerryCacheClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ferry_cache_dispose;
  object_class->finalize = ferry_cache_finalize;
}

static void
ferry_cache_init (FerryCache *self)
{
  self->set_syncs = new_list_table ();
  self->set_connections = new_list_table ();
  self->cancellable = g_cancellable_new ();
}
