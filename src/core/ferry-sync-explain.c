/* ferry-sync-explain.c
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Moved here from src/ui/ferry-ui-utils.c so that whatever reports a failure (the sync
 * details, a notification, the background watcher) can explain it without GTK, and so
 * json-glib stays out of src/ui. The messages recognised are the ones Infisical stores in
 * lastSyncMessage (backend/src/services/secret-sync/secret-sync-queue.ts): its own, and
 * Azure DevOps' JSON error bodies passed through (TF400813, TF200016).
 */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "ferry-sync-explain.h"

char *
ferry_format_server_message (const char *message)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autofree char *stripped = NULL;
  JsonNode *root;

  if (message == NULL)
    return NULL;

  stripped = g_strstrip (g_strdup (message));
  if (stripped[0] != '{' && stripped[0] != '[')
    return g_strdup (message);

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, stripped, -1, NULL))
    return g_strdup (message);

  root = json_parser_get_root (parser);
  if (root == NULL || (!JSON_NODE_HOLDS_OBJECT (root) && !JSON_NODE_HOLDS_ARRAY (root)))
    return g_strdup (message);

  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static gboolean
contains_any (const char         *haystack,
              const char * const *needles)
{
  for (guint i = 0; needles[i] != NULL; i++)
    if (strstr (haystack, needles[i]) != NULL)
      return TRUE;
  return FALSE;
}

/* What people know the destination and the connection by: the name, else the id. */
static const char *
devops_project_label (FerrySync *sync)
{
  const char *name = ferry_sync_get_devops_project_name (sync);

  return name != NULL ? name : ferry_sync_get_devops_project_id (sync);
}

static const char *
connection_label (FerrySync *sync)
{
  const char *name = ferry_sync_get_connection_name (sync);

  return name != NULL ? name : ferry_sync_get_connection_id (sync);
}

/* The words of the common failures, in the messages lowercased. */
static const char * const folder_words[] = { "folder no longer exists", "folder not found", NULL };
static const char * const busy_words[] = { "already in progress", NULL };
static const char * const auth_words[] = {
  "401", "unauthorized", "tf400813", "vs30063", "expired", "revoked", "access token",
  "personal access token", "invalid_grant", "aadsts", NULL
};
static const char * const project_words[] = {
  "tf200016", "project does not exist", "project not found", "does not exist or you do not have permission",
  "projectnotfound", NULL
};

typedef enum
{
  FAILURE_NONE,
  FAILURE_FOLDER_DELETED,  /* the server says so (the sync's folder is null) */
  FAILURE_FOLDER_GONE,     /* the message says so */
  FAILURE_BUSY,
  FAILURE_PROJECT,
  FAILURE_AUTH,
} Failure;

/* One classification for the sync's last message and for any job message (an audit-log
 * event's), so the card, its fix button and the history always agree. */
static Failure
classify_message (const char *message)
{
  g_autofree char *lower = NULL;

  if (message == NULL)
    return FAILURE_NONE;

  lower = g_utf8_strdown (message, -1);

  if (contains_any (lower, folder_words))
    return FAILURE_FOLDER_GONE;
  if (contains_any (lower, busy_words))
    return FAILURE_BUSY;
  if (contains_any (lower, project_words))
    return FAILURE_PROJECT;
  if (contains_any (lower, auth_words))
    return FAILURE_AUTH;

  return FAILURE_NONE;
}

static Failure
classify_failure (FerrySync *sync)
{
  if (ferry_sync_get_folder_deleted (sync))
    return FAILURE_FOLDER_DELETED;

  if (ferry_sync_get_sync_status (sync) != FERRY_SYNC_STATUS_FAILED)
    return FAILURE_NONE;

  return classify_message (ferry_sync_get_last_sync_message (sync));
}

static char *
explain (FerrySync *sync,
         Failure    failure)
{
  switch (failure)
    {
    case FAILURE_FOLDER_DELETED:
      return g_strdup (_("The source folder of this sync was deleted in Infisical. Edit the sync and choose another folder, or delete the sync."));
    case FAILURE_FOLDER_GONE:
      return g_strdup (_("The source folder of this sync no longer exists. Edit the sync and choose another folder, or delete the sync."));
    case FAILURE_BUSY:
      return g_strdup (_("Another job for this sync was still running. Wait a moment, then sync again."));
    case FAILURE_PROJECT:
      return g_strdup_printf (_("Azure DevOps could not find the project “%s”. It may have been renamed or deleted, or the connection no longer has access to it. Edit the sync and choose an existing project."),
                              devops_project_label (sync));
    case FAILURE_AUTH:
      return g_strdup_printf (_("Azure DevOps refused the credentials of the connection “%s”: the token has expired or was revoked. Reconnect the connection with new credentials on the Connections page, then sync again."),
                              connection_label (sync));
    case FAILURE_NONE:
    default:
      return NULL;
    }
}

char *
ferry_sync_explain_message (FerrySync  *sync,
                            const char *message)
{
  g_return_val_if_fail (FERRY_IS_SYNC (sync), NULL);

  return explain (sync, classify_message (message));
}

char *
ferry_sync_explain_short (FerrySync  *sync,
                          const char *message)
{
  g_return_val_if_fail (FERRY_IS_SYNC (sync), NULL);

  switch (classify_message (message))
    {
    case FAILURE_FOLDER_GONE:
    case FAILURE_FOLDER_DELETED:
      return g_strdup (_("its source folder no longer exists"));
    case FAILURE_BUSY:
      return g_strdup (_("another job was still running"));
    case FAILURE_PROJECT:
      /* Translators: a reason; %s is an Azure DevOps project */
      return g_strdup_printf (_("Azure DevOps could not find the project “%s”"), devops_project_label (sync));
    case FAILURE_AUTH:
      /* Translators: a reason; %s is a connection name */
      return g_strdup_printf (_("Azure DevOps refused the connection “%s”"), connection_label (sync));
    case FAILURE_NONE:
    default:
      return NULL;
    }
}

char *
ferry_sync_explain_failure (FerrySync *sync)
{
  g_return_val_if_fail (FERRY_IS_SYNC (sync), NULL);

  return explain (sync, classify_failure (sync));
}

FerrySyncRemedy
ferry_sync_failure_remedy (FerrySync *sync)
{
  g_return_val_if_fail (FERRY_IS_SYNC (sync), FERRY_SYNC_REMEDY_NONE);

  switch (classify_failure (sync))
    {
    case FAILURE_FOLDER_DELETED:
    case FAILURE_FOLDER_GONE:
      return FERRY_SYNC_REMEDY_CHOOSE_FOLDER;
    case FAILURE_BUSY:
      return FERRY_SYNC_REMEDY_RETRY;
    case FAILURE_PROJECT:
      return FERRY_SYNC_REMEDY_CHOOSE_PROJECT;
    case FAILURE_AUTH:
      return FERRY_SYNC_REMEDY_RECONNECT;
    case FAILURE_NONE:
    default:
      return FERRY_SYNC_REMEDY_NONE;
    }
}
