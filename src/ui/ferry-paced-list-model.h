/* ferry-paced-list-model.h
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define FERRY_TYPE_PACED_LIST_MODEL (ferry_paced_list_model_get_type ())

G_DECLARE_FINAL_TYPE (FerryPacedListModel, ferry_paced_list_model, FERRY, PACED_LIST_MODEL, GObject)

FerryPacedListModel *ferry_paced_list_model_new      (GListModel          *model);
GListModel          *ferry_paced_list_model_get_model (FerryPacedListModel *self);
void                 ferry_paced_list_model_set_model (FerryPacedListModel *self,
                                                       GListModel          *model);
void                 ferry_paced_list_model_set_keep  (FerryPacedListModel *self,
                                                       gpointer             item);
guint                ferry_paced_list_model_get_pending (FerryPacedListModel *self);
void                 ferry_paced_list_model_flush     (FerryPacedListModel *self);

G_END_DECLS
