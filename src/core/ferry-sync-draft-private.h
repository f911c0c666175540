/* ferry-sync-draft-private.h: what the three parts of FerrySyncDraft share.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * FerrySyncDraft is cut along its seams so each part stays readable on its own: the state
 * and its properties (ferry-sync-draft.c), Infisical's rules and the server's errors
 * (ferry-sync-draft-rules.c) and the request bodies (ferry-sync-draft-json.c). They share
 * the instance struct and the few text helpers below; nothing outside src/core includes
 * this header.
 */

#pragma once

#include "ferry-sync-draft.h"

G_BEGIN_DECLS

/* Every choice, as typed. The draft keeps three copies: now, at the last mark_clean (for
 * "dirty") and, in edit mode, as the server has it (for the minimal PATCH body). */
typedef struct
{
  char     *project_id;
  char     *environment_slug;
  char     *environment_name;
  char     *secret_path;
  char     *connection_id;
  char     *connection_name;
  char     *devops_project_id;
  char     *devops_project_name;
  char     *key_schema;
  char     *name;
  char     *description;
  gboolean  auto_sync_enabled;
  gboolean  disable_secret_deletion;
  gboolean  recursive;
} FerrySyncDraftValues;

struct _FerrySyncDraft
{
  GObject   parent_instance;

  FerrySyncDraftValues values;
  FerrySyncDraftValues clean;      /* state "dirty" compares against */
  FerrySyncDraftValues original;   /* edit mode: the sync as the server has it */

  char     *sync_id;
  char     *field_errors[FERRY_SYNC_DRAFT_N_FIELDS];

  FerryServerBuild server_build;
  guint     recursive_unsupported : 1;
  guint     editing : 1;
  guint     dirty : 1;
};

static inline gboolean
ferry_sync_draft_is_empty (const char *str)
{
  return str == NULL || *str == '\0';
}

/* Trimmed copy; NULL for NULL or blank. */
char     *ferry_sync_draft_trimmed      (const char     *str);
/* Equal as the server would see them: trimmed, blank = absent. */
gboolean  ferry_sync_draft_same_text    (const char     *a,
                                         const char     *b);
/* Equal after ferry_sync_draft_normalize_secret_path (). */
gboolean  ferry_sync_draft_same_path    (const char     *a,
                                         const char     *b);
/* Updates "dirty" and emits "changed" (validity may have changed). */
void      ferry_sync_draft_emit_changed (FerrySyncDraft *self);

G_END_DECLS
