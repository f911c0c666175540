/* ferry-assistant-page.h: what the five steps of the sync assistant have in common.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every step (Source, Destination, Options, Details, Review) is an AdwPreferencesPage over
 * the assistant's one FerrySyncDraft. The assistant drives them through this class only:
 * it asks a page which step it is, whether the step is valid and settled, tells it when
 * it becomes visible, and where a failed save goes. Subclasses fill in the class struct's
 * step, name and title in class_init and override the virtual functions where they differ.
 */

#pragma once

#include <adwaita.h>

#include "ferry-context.h"
#include "ferry-project-model.h"
#include "ferry-sync-draft.h"

G_BEGIN_DECLS

#define FERRY_TYPE_ASSISTANT_PAGE (ferry_assistant_page_get_type ())

G_DECLARE_DERIVABLE_TYPE (FerryAssistantPage, ferry_assistant_page, FERRY, ASSISTANT_PAGE, AdwPreferencesPage)

struct _FerryAssistantPageClass
{
  AdwPreferencesPageClass parent_class;

  /* Set in class_init: the step, its stack page name ("source") and its title, marked
   * for translation (ferry_assistant_page_get_title () translates it). */
  FerrySyncDraftStep   step;
  const char          *name;
  const char          *title;

  /* The step became visible: load what it shows the first time, or again when an
   * earlier step changed what it depends on. Default: nothing. */
  void        (*shown)            (FerryAssistantPage  *self);
  /* The widget that edits @field, to focus after a save failed there; NULL (the
   * default) when the page has none for it. */
  GtkWidget  *(*get_field_widget) (FerryAssistantPage  *self,
                                   FerrySyncDraftField  field);
  /* Shows a failed save that belongs to no field; NULL hides it. Default: nothing. */
  void        (*show_save_error)  (FerryAssistantPage  *self,
                                   const GError        *error);

  gpointer padding[8];
};

/* @type: a subclass. Properties "context", "model" (the project's FerryProjectModel) and
 * "draft" (construct-only). */
GtkWidget          *ferry_assistant_page_new                (GType                type,
                                                             FerryContext        *context,
                                                             FerryProjectModel   *model,
                                                             FerrySyncDraft      *draft);
FerryContext       *ferry_assistant_page_get_context        (FerryAssistantPage  *self);
FerryProjectModel  *ferry_assistant_page_get_model          (FerryAssistantPage  *self);
/* The model's project. */
FerryProject       *ferry_assistant_page_get_project        (FerryAssistantPage  *self);
/* The client of the model's account for one-off lookups (folders, secret names, Azure
 * DevOps projects, the connections a project may use), or NULL once that account is
 * signed out. Lists the views show come from the model instead. */
FerryApiClient     *ferry_assistant_page_get_client         (FerryAssistantPage  *self);
FerrySyncDraft     *ferry_assistant_page_get_draft          (FerryAssistantPage  *self);
FerrySyncDraftStep  ferry_assistant_page_get_step           (FerryAssistantPage  *self);
const char         *ferry_assistant_page_get_name           (FerryAssistantPage  *self);
/* Translated. */
const char         *ferry_assistant_page_get_title          (FerryAssistantPage  *self);

/* Property "busy": TRUE while the page checks something Next must wait for; then
 * ferry_assistant_page_get_busy_message () says what, for the assistant's hint. */
gboolean            ferry_assistant_page_get_busy           (FerryAssistantPage  *self);
const char         *ferry_assistant_page_get_busy_message   (FerryAssistantPage  *self);
/* The draft's rules for this step: TRUE when valid, else FALSE with the first invalid
 * field and its message (both optional). Review is valid when every earlier step is. */
gboolean            ferry_assistant_page_validate           (FerryAssistantPage  *self,
                                                             FerrySyncDraftField *out_field,
                                                             char               **out_message);
/* Valid and not busy: the way on is open. */
gboolean            ferry_assistant_page_get_complete       (FerryAssistantPage  *self);

void                ferry_assistant_page_shown              (FerryAssistantPage  *self);
/* Moves the keyboard focus to the widget of @field, if the page has one. */
void                ferry_assistant_page_focus_field        (FerryAssistantPage  *self,
                                                             FerrySyncDraftField  field);
void                ferry_assistant_page_show_save_error    (FerryAssistantPage  *self,
                                                             const GError        *error);

/* ---- For subclasses ---- */

/* @message: what the page waits for ("Checking the folder…"), or NULL when settled. */
void                ferry_assistant_page_set_busy           (FerryAssistantPage  *self,
                                                             const char          *message);

/* While the page puts the draft's values into its widgets, their change handlers must not
 * write them back: they return early when this is TRUE. Calls nest. */
void                ferry_assistant_page_begin_update       (FerryAssistantPage  *self);
void                ferry_assistant_page_end_update         (FerryAssistantPage  *self);
gboolean            ferry_assistant_page_get_updating       (FerryAssistantPage  *self);
/* Sets @editable's text to @text (NULL: empty) inside an update, only when it differs,
 * so the cursor stays where it is while people type. */
void                ferry_assistant_page_set_text           (FerryAssistantPage  *self,
                                                             GtkEditable         *editable,
                                                             const char          *text);

/* People edited @field on this page: its problems show from now on. */
void                ferry_assistant_page_touch_field        (FerryAssistantPage  *self,
                                                             FerrySyncDraftField  field);
/* What to show under @field: the draft's message once the field was touched, holds a
 * value (@value not empty) or carries an error from elsewhere (the server, a check);
 * NULL otherwise, so an untouched empty field is not scolded. */
char               *ferry_assistant_page_dup_field_message  (FerryAssistantPage  *self,
                                                             FerrySyncDraftField  field,
                                                             const char          *value);

/* Shows @message in @label with @css_class ("error", "warning", "dim-label" or NULL),
 * or hides the label when @message is NULL. */
void                ferry_assistant_page_show_message       (GtkLabel            *label,
                                                             const char          *message,
                                                             const char          *css_class);

G_END_DECLS
