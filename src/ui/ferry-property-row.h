/* ferry-property-row.h: a list row with a title, a value below it, and an optional icon
 * before and widget after them, looking like an AdwActionRow.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define FERRY_TYPE_PROPERTY_ROW (ferry_property_row_get_type ())

G_DECLARE_FINAL_TYPE (FerryPropertyRow, ferry_property_row, FERRY, PROPERTY_ROW, AdwPreferencesRow)

GtkWidget  *ferry_property_row_new                     (void);
/* AdwPreferencesRow's "title", shown as plain text: wrapped, or cut after "title-lines"
 * lines (0: never). An AdwPreferencesRow so that AdwPreferencesGroup puts it in its list. */
void        ferry_property_row_set_title               (FerryPropertyRow *self,
                                                        const char       *title);
const char *ferry_property_row_get_title               (FerryPropertyRow *self);
void        ferry_property_row_set_title_lines         (FerryPropertyRow *self,
                                                        int               lines);
/* Property "subtitle": plain text below the title, wrapped; NULL or "" hides it. */
void        ferry_property_row_set_subtitle            (FerryPropertyRow *self,
                                                        const char       *subtitle);
const char *ferry_property_row_get_subtitle            (FerryPropertyRow *self);
/* Before the texts (an icon, say) and after them (a button, a switch). A .ui adds them as
 * <child type="prefix"> and <child type="suffix">. */
void        ferry_property_row_set_prefix              (FerryPropertyRow *self,
                                                        GtkWidget        *prefix);
void        ferry_property_row_set_suffix              (FerryPropertyRow *self,
                                                        GtkWidget        *suffix);
GtkWidget  *ferry_property_row_get_suffix              (FerryPropertyRow *self);
/* Property "activatable-widget": activating the row (a click, Enter) activates it, as
 * AdwActionRow does with its own. */
void        ferry_property_row_set_activatable_widget  (FerryPropertyRow *self,
                                                        GtkWidget        *widget);
GtkWidget  *ferry_property_row_get_activatable_widget  (FerryPropertyRow *self);

G_END_DECLS
