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
sb_block_duplicate_destinations (FerrySandbox *self)
{
  return sb_get_bool (sb_get_obj (self->state, "organization"), "blockDuplicateSecretSyncDestinations", FALSE);
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
