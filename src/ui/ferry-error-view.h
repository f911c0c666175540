/* ferry-error-view.h: a failure as one sentence, with the server's detail one click away.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define FERRY_TYPE_ERROR_VIEW (ferry_error_view_get_type ())

G_DECLARE_FINAL_TYPE (FerryErrorView, ferry_error_view, FERRY, ERROR_VIEW, GtkBox)

GtkWidget    *ferry_error_view_new         (void);
/* Property "error": shows @error (its message, and the details of a FERRY_API_ERROR or
 * FERRY_AUTH_ERROR in a "Details" expander); NULL hides the view. Cancellation errors are
 * ignored. A .ui can bind a model's error property to it. */
void          ferry_error_view_set_error   (FerryErrorView *self,
                                            const GError   *error);
const GError *ferry_error_view_get_error   (FerryErrorView *self);
/* Shows a plain message without details. */
void          ferry_error_view_set_message (FerryErrorView *self,
                                            const char     *message);
const char   *ferry_error_view_get_message (FerryErrorView *self);
const char   *ferry_error_view_get_details (FerryErrorView *self);

G_END_DECLS
