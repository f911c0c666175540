/* sandbox-variants.c: server variants (which build, which plan, which permissions) that tests,
 * the command line and the state file switch.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The variants live in the state ("variants", and the organization's own settings on
 * "organization"), so a --state file keeps them and can set them by hand. A state file
 * without them (older sandboxes) behaves like the defaults.
 */

#include <string.h>

#include "sandbox-private.h"

/* What a plan keeps audit logs for when nothing says otherwise (days). Any value above zero
 * stores and lists events; zero is a plan without audit logs. */
#define DEFAULT_RETENTION_DAYS 90

JsonObject *
sb_variants (FerrySandbox *self)
{
  JsonObject *v = sb_get_obj (self->state, "variants");

  if (v == NULL)
    {
      v = json_object_new ();
      json_object_set_object_member (self->state, "variants", v);
    }
  return v;
}

gboolean
sb_old_build (FerrySandbox *self)
{
  return g_strcmp0 (sb_get_str (sb_variants (self), "serverBuild"), "old") == 0;
}

gboolean
sb_audit_route_present (FerrySandbox *self)
{
  return sb_get_bool (sb_variants (self), "auditLogRoute", TRUE);
}

guint
sb_audit_retention_days (FerrySandbox *self)
{
  gint64 days = sb_get_int (sb_variants (self), "auditLogRetentionDays", DEFAULT_RETENTION_DAYS);

  return days < 0 ? 0 : (guint) MIN (days, G_MAXUINT);
}

gboolean
sb_audit_readable (FerrySandbox *self,
                   SbMode        mode)
{
  JsonObject *readable = sb_get_obj (sb_variants (self), "auditLogReadable");

  return sb_get_bool (readable, mode == SB_MODE_IDENTITY ? "identity" : "user", TRUE);
}

gboolean
sb_delete_after_failed_remove (FerrySandbox *self)
{
  return sb_get_bool (sb_variants (self), "deleteAfterFailedRemove", FALSE);
}

gboolean
sb_block_duplicate_destinations (FerrySandbox *self)
{
  return sb_get_bool (sb_get_obj (self->state, "organization"), "blockDuplicateSecretSyncDestinations", FALSE);
}

/* ---- The old build's shapes ---- */

/* The old build's names (the erase* columns of the first secret-syncs migration, isEnabled).
 * The state keeps the current names; only what leaves the server changes. */
static const char *const old_names[][2] = {
  { "isAutoSyncEnabled", "isEnabled" },
  { "removeStatus", "eraseStatus" },
  { "lastRemoveJobId", "lastEraseJobId" },
  { "lastRemoveMessage", "lastEraseMessage" },
  { "lastRemovedAt", "lastErasedAt" },
  { "removeMessage", "eraseMessage" },
};

static const char *
old_name (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (old_names); i++)
    if (strcmp (old_names[i][0], name) == 0)
      return old_names[i][1];
  return name;
}

/* Statuses of that build: pending, success, failed (no running: a job stays pending). */
static const char *
old_status (const char *status)
{
  if (g_strcmp0 (status, "succeeded") == 0)
    return "success";
  if (g_strcmp0 (status, "running") == 0)
    return "pending";
  return status;
}

JsonObject *
sb_old_build_shape (JsonObject *obj)
{
  JsonObject *out = json_object_new ();
  g_autoptr(GList) members = json_object_get_members (obj);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *node = json_object_get_member (obj, name);

      if (g_str_has_suffix (name, "Status") && JSON_NODE_HOLDS_VALUE (node))
        json_object_set_string_member (out, old_name (name), old_status (json_node_get_string (node)));
      else if (strcmp (name, "syncOptions") == 0 && JSON_NODE_HOLDS_OBJECT (node))
        {
          /* The old sync-options schema had no recursive; zod stripped it. */
          JsonObject *options = sb_public_copy (json_node_get_object (node));

          json_object_remove_member (options, "recursive");
          json_object_set_object_member (out, name, options);
        }
      else
        json_object_set_member (out, old_name (name), json_node_copy (node));
    }
  return out;
}

/* ---- Public API ---- */

void
ferry_sandbox_set_server_build (FerrySandbox            *self,
                                FerrySandboxServerBuild  build)
{
  g_return_if_fail (FERRY_IS_SANDBOX (self));
  json_object_set_string_member (sb_variants (self), "serverBuild",
                                 build == FERRY_SANDBOX_SERVER_BUILD_OLD ? "old" : "current");
  sb_state_changed (self);
}

void
ferry_sandbox_set_audit_log_route (FerrySandbox *self,
                                   gboolean      present)
{
  g_return_if_fail (FERRY_IS_SANDBOX (self));
  json_object_set_boolean_member (sb_variants (self), "auditLogRoute", !!present);
  sb_state_changed (self);
}

void
ferry_sandbox_set_delete_after_failed_remove (FerrySandbox *self,
                                              gboolean      delete_anyway)
{
  g_return_if_fail (FERRY_IS_SANDBOX (self));
  json_object_set_boolean_member (sb_variants (self), "deleteAfterFailedRemove", !!delete_anyway);
  sb_state_changed (self);
}

void
ferry_sandbox_set_audit_log_retention (FerrySandbox *self,
                                       guint         days)
{
  g_return_if_fail (FERRY_IS_SANDBOX (self));
  json_object_set_int_member (sb_variants (self), "auditLogRetentionDays", days);
  sb_state_changed (self);
}

void
ferry_sandbox_set_audit_log_readable (FerrySandbox      *self,
                                      FerrySandboxActor  actor,
                                      gboolean           readable)
{
  JsonObject *v;
  JsonObject *r;

  g_return_if_fail (FERRY_IS_SANDBOX (self));
  v = sb_variants (self);
  r = sb_get_obj (v, "auditLogReadable");
  if (r == NULL)
    {
      r = json_object_new ();
      json_object_set_object_member (v, "auditLogReadable", r);
    }
  json_object_set_boolean_member (r, actor == FERRY_SANDBOX_ACTOR_IDENTITY ? "identity" : "user", !!readable);
  sb_state_changed (self);
}

void
ferry_sandbox_set_block_duplicate_destinations (FerrySandbox *self,
                                                gboolean      block)
{
  g_return_if_fail (FERRY_IS_SANDBOX (self));
  json_object_set_boolean_member (sb_get_obj (self->state, "organization"),
                                  "blockDuplicateSecretSyncDestinations", !!block);
  sb_state_changed (self);
}
