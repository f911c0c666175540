/* ferry-project-picker.h: the header's project button, with a searchable list in a popover.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ferry-project.h"
#include "ferry-watcher.h"

G_BEGIN_DECLS

#define FERRY_TYPE_PROJECT_PICKER (ferry_project_picker_get_type ())

G_DECLARE_FINAL_TYPE (FerryProjectPicker, ferry_project_picker, FERRY, PROJECT_PICKER, GtkWidget)

/* Properties: "projects" (GListModel of FerryProject, what the list offers) and "project"
 * (the current one, shown on the button). Signal "project-activated" (FerryProject *): the
 * person chose a project, by click or by Enter in the search (the first match); the popover
 * has closed. The picker does not change "project" itself: its owner decides. */
GtkWidget    *ferry_project_picker_new          (void);
GListModel   *ferry_project_picker_get_projects (FerryProjectPicker *self);
void          ferry_project_picker_set_projects (FerryProjectPicker *self,
                                                 GListModel         *projects);
FerryProject *ferry_project_picker_get_project  (FerryProjectPicker *self);
void          ferry_project_picker_set_project  (FerryProjectPicker *self,
                                                 FerryProject       *project);
/* The watcher whose failing syncs the rows count (a badge per project; none: no badges). */
void          ferry_project_picker_set_watcher  (FerryProjectPicker *self,
                                                 FerryWatcher       *watcher);
/* What the badge of @project_id's row says (0: no badge). */
guint         ferry_project_picker_get_failure_count (FerryProjectPicker *self,
                                                      const char         *project_id);
/* Opens the popover with the search cleared and focused. */
void          ferry_project_picker_popup        (FerryProjectPicker *self);
void          ferry_project_picker_popdown      (FerryProjectPicker *self);

G_END_DECLS
