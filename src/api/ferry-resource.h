/* ferry-resource.h: base class of every model object that has a server id.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lists refresh in place: ferry_resource_store_merge () updates the objects already in a
 * GListStore from a freshly fetched list (same id → same object, properties updated with
 * notify only on real change), appends new ones and removes vanished ones, so views keep
 * their selection and scroll position.
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define FERRY_TYPE_RESOURCE (ferry_resource_get_type ())

G_DECLARE_DERIVABLE_TYPE (FerryResource, ferry_resource, FERRY, RESOURCE, GObject)

struct _FerryResourceClass
{
  GObjectClass parent_class;

  /* Copies every property of @other (same type, same id) into @self. */
  void (*update_from) (FerryResource *self,
                       FerryResource *other);
};

/* Property "id" (string, construct-only). */
const char *ferry_resource_get_id       (FerryResource *self);
void        ferry_resource_update_from  (FerryResource *self,
                                         FerryResource *other);
/* Merges @fresh into @store as described above. Items must be FerryResources. */
void        ferry_resource_store_merge  (GListStore    *store,
                                         GListModel    *fresh);
/* Finds the item with @id in @model, or NULL. Transfer none. */
gpointer    ferry_resource_find_by_id   (GListModel    *model,
                                         const char    *id);
/* "id" and every field the type reads from JSON, as the server names them, so that the
 * type's _new_from_json () reads it back (src/core/ferry-cache.c keeps lists so). Only
 * what the object holds: no credential is ever read from the server into one. */
JsonObject *ferry_resource_to_json      (FerryResource *self);

G_END_DECLS
