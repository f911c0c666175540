/* ferry-source-page.c
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-source-page.h"
#include "ferry-ui-utils.h"

#define CHECK_DELAY_MS 250

struct _FerrySourcePage
{
  FerryAssistantPage  parent_instance;

  FerrySyncDraft     *draft;               /* the base class's, for brevity */

  GCancellable       *cancellable;
  guint               check_source;
  guint               generation;
  /* "env\npath" → GListStore of FerryFolder: each level is listed once. */
  GHashTable         *folder_cache;
  char               *verified_path;   /* "env\npath" known to exist */
  char               *check_warning;   /* could not check: why */

  guint               setting_error : 1;

  /* Template widgets */
  AdwActionRow       *project_row;
  AdwComboRow        *environment_row;
  AdwEntryRow        *path_row;
  GtkSpinner         *path_spinner;
  GtkImage           *path_ok_icon;
  GtkLabel           *path_message;
  AdwPreferencesGroup *folders_group;
  GtkListBox         *folder_list;
  GtkLabel           *folders_status;
};

G_DEFINE_FINAL_TYPE (FerrySourcePage, ferry_source_page, FERRY_TYPE_ASSISTANT_PAGE)

static void schedule_check (FerrySourcePage *self);

static char *
cache_key (const char *env,
           const char *path)
{
  return g_strconcat (env, "\n", path, NULL);
}

static gboolean
get_busy (FerrySourcePage *self)
{
  return ferry_assistant_page_get_busy (FERRY_ASSISTANT_PAGE (self));
}

static void
set_busy (FerrySourcePage *self,
          gboolean         busy)
{
  gtk_widget_set_visible (GTK_WIDGET (self->path_spinner), busy);
  gtk_spinner_set_spinning (self->path_spinner, busy);
  ferry_assistant_page_set_busy (FERRY_ASSISTANT_PAGE (self), busy ? _("Checking the folder…") : NULL);
}

static gboolean
path_is_verified (FerrySourcePage *self)
{
  g_autofree char *path = ferry_sync_draft_normalize_secret_path (ferry_sync_draft_get_secret_path (self->draft));
  g_autofree char *key = NULL;

  if (path == NULL || ferry_sync_draft_get_environment_slug (self->draft) == NULL)
    return FALSE;

  key = cache_key (ferry_sync_draft_get_environment_slug (self->draft), path);
  return g_strcmp0 (key, self->verified_path) == 0;
}

static void
refresh_messages (FerrySourcePage *self)
{
  FerryAssistantPage *page = FERRY_ASSISTANT_PAGE (self);
  FerryProject *project = ferry_assistant_page_get_project (page);
  g_autofree char *message = NULL;
  g_autofree char *shown = NULL;

  message = ferry_sync_draft_validate_field (self->draft, FERRY_SYNC_DRAFT_FIELD_SECRET_PATH);
  shown = ferry_assistant_page_dup_field_message (page, FERRY_SYNC_DRAFT_FIELD_SECRET_PATH,
                                                  ferry_sync_draft_get_secret_path (self->draft));

  if (shown != NULL)
    ferry_assistant_page_show_message (self->path_message, shown, "error");
  else if (self->check_warning != NULL && !get_busy (self))
    ferry_assistant_page_show_message (self->path_message, self->check_warning, "warning");
  else
    ferry_assistant_page_show_message (self->path_message, NULL, NULL);
  ferry_ui_set_invalid (GTK_WIDGET (self->path_row), shown != NULL);

  gtk_widget_set_visible (GTK_WIDGET (self->path_ok_icon),
                          !get_busy (self) && message == NULL && path_is_verified (self));

  {
    g_autofree char *env_message = ferry_sync_draft_validate_field (self->draft, FERRY_SYNC_DRAFT_FIELD_ENVIRONMENT);
    g_autofree char *project_message = ferry_sync_draft_validate_field (self->draft, FERRY_SYNC_DRAFT_FIELD_PROJECT);

    if (ferry_sync_draft_get_environment_slug (self->draft) != NULL && env_message != NULL)
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->environment_row), env_message);
    else
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->environment_row),
                                   _("Also names the Azure DevOps variable group"));

    if (project_message != NULL && ferry_sync_draft_get_field_error (self->draft, FERRY_SYNC_DRAFT_FIELD_PROJECT))
      adw_action_row_set_subtitle (self->project_row, project_message);
    else
      adw_action_row_set_subtitle (self->project_row, ferry_project_get_name (project));
  }
}

/* ---- Folder list ---- */

static void
clear_folder_list (FerrySourcePage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->folder_list))) != NULL)
    gtk_list_box_remove (self->folder_list, child);
}

static GtkWidget *
make_folder_row (const char *title,
                 const char *icon_name,
                 const char *path,
                 gboolean    is_parent)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name (icon_name));
  if (!is_parent)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "ferry-path", g_strdup (path), g_free);
  gtk_widget_set_name (row, is_parent ? "parent-folder-row" : "folder-row");

  return row;
}

/* Shows the children of @path (cached listing @folders, may be NULL while loading). */
static void
show_folders (FerrySourcePage *self,
              const char      *path,
              GListModel      *folders,
              const char      *status)
{
  g_autofree char *title = NULL;
  guint n = folders ? g_list_model_get_n_items (folders) : 0;

  clear_folder_list (self);

  /* Translators: %s is a folder path such as “/backend”. */
  title = g_strdup_printf (_("Folders in “%s”"), path);
  adw_preferences_group_set_title (self->folders_group, title);

  if (g_strcmp0 (path, "/") != 0)
    {
      g_autofree char *parent = g_path_get_dirname (path);
      gtk_list_box_append (self->folder_list, make_folder_row (_("Parent Folder"), "go-up-symbolic", parent, TRUE));
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FerryFolder) folder = g_list_model_get_item (folders, i);
      const char *folder_path = ferry_folder_get_path (folder);
      g_autofree char *fallback = NULL;

      if (folder_path == NULL)
        folder_path = fallback = g_build_path ("/", path, ferry_folder_get_name (folder), NULL);
      gtk_list_box_append (self->folder_list,
                           make_folder_row (ferry_folder_get_name (folder), "folder-symbolic", folder_path, FALSE));
    }

  if (status == NULL && folders != NULL && n == 0)
    status = _("No folders inside. Secrets directly in this folder are synced.");

  gtk_widget_set_visible (GTK_WIDGET (self->folder_list),
                          gtk_widget_get_first_child (GTK_WIDGET (self->folder_list)) != NULL);
  ferry_assistant_page_show_message (self->folders_status, status, "dim-label");
}

static void
folder_row_activated_cb (FerrySourcePage *self,
                         GtkListBoxRow   *row)
{
  const char *path = g_object_get_data (G_OBJECT (row), "ferry-path");

  if (path == NULL)
    return;

  ferry_assistant_page_touch_field (FERRY_ASSISTANT_PAGE (self), FERRY_SYNC_DRAFT_FIELD_SECRET_PATH);
  /* The entry's "changed" puts it into the draft and checks it. */
  gtk_editable_set_text (GTK_EDITABLE (self->path_row), path);
  gtk_editable_set_position (GTK_EDITABLE (self->path_row), -1);
}

/* ---- Checking the path against the server ---- */

typedef struct
{
  FerrySourcePage *self;
  guint            generation;
  char            *env;
  char            *path;         /* the normalised path being checked */
  char            *listed;       /* the level being listed */
  gboolean         listing_children;
} Check;

static void
check_free (Check *check)
{
  g_clear_object (&check->self);
  g_free (check->env);
  g_free (check->path);
  g_free (check->listed);
  g_free (check);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Check, check_free)

static void check_step (Check *check);

static void
list_folders_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(Check) check = user_data;
  FerrySourcePage *self = check->self;
  g_autoptr(GListStore) folders = NULL;
  g_autoptr(GError) error = NULL;

  folders = ferry_api_client_list_folders_finish (FERRY_API_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || check->generation != self->generation)
    return;

  if (error != NULL)
    {
      g_free (self->check_warning);
      /* Translators: %s is a sentence saying what went wrong. */
      self->check_warning = g_strdup_printf (_("Ferry could not check the folder: %s Infisical checks it again when you create the sync."),
                                             error->message);
      show_folders (self, check->listed, NULL, NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->folders_status), FALSE);
      set_busy (self, FALSE);
      refresh_messages (self);
      return;
    }

  g_hash_table_insert (self->folder_cache, cache_key (check->env, check->listed), g_object_ref (folders));
  check_step (g_steal_pointer (&check));
}

/* One step of a check: either decide with the cached listing or fetch it. */
static void
check_step (Check *check)
{
  FerrySourcePage *self = check->self;
  g_autofree char *key = cache_key (check->env, check->listed);
  GListModel *folders = g_hash_table_lookup (self->folder_cache, key);
  FerryApiClient *client;

  if (folders == NULL)
    {
      client = ferry_assistant_page_get_client (FERRY_ASSISTANT_PAGE (self));
      if (client == NULL)
        {
          g_free (self->check_warning);
          self->check_warning = g_strdup (_("Ferry could not check the folder because you are signed out."));
          set_busy (self, FALSE);
          refresh_messages (self);
          check_free (check);
          return;
        }
      ferry_api_client_list_folders_async (client,
                                           ferry_sync_draft_get_project_id (self->draft),
                                           check->env, check->listed,
                                           self->cancellable,
                                           list_folders_cb, check);
      return;
    }

  if (check->listing_children)
    {
      show_folders (self, check->path, folders, NULL);
      set_busy (self, FALSE);
      refresh_messages (self);
      check_free (check);
      return;
    }

  /* @folders is the parent's listing: is the folder among them? */
  {
    g_autofree char *name = g_path_get_basename (check->path);
    gboolean found = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (folders) && !found; i++)
      {
        g_autoptr(FerryFolder) folder = g_list_model_get_item (folders, i);
        found = g_strcmp0 (ferry_folder_get_name (folder), name) == 0;
      }

    if (found)
      {
        g_free (self->verified_path);
        self->verified_path = cache_key (check->env, check->path);
        check->listing_children = TRUE;
        g_free (check->listed);
        check->listed = g_strdup (check->path);
        check_step (check);
        return;
      }
    else
      {
        const char *env_name = ferry_sync_draft_get_environment_name (self->draft);
        g_autofree char *message = NULL;

        /* Translators: first %s is a folder path, second an environment name. */
        message = g_strdup_printf (_("There is no folder “%s” in %s. Choose one below, or create it in Infisical first."),
                                   check->path, env_name ? env_name : check->env);
        show_folders (self, check->listed, folders, NULL);
        set_busy (self, FALSE);
        self->setting_error = TRUE;
        ferry_sync_draft_set_field_error (self->draft, FERRY_SYNC_DRAFT_FIELD_SECRET_PATH, message);
        self->setting_error = FALSE;
        refresh_messages (self);
        check_free (check);
      }
  }
}

static gboolean
check_timeout_cb (gpointer user_data)
{
  FerrySourcePage *self = user_data;
  g_autofree char *path = NULL;
  g_autofree char *local = NULL;
  const char *env;
  Check *check;

  self->check_source = 0;

  env = ferry_sync_draft_get_environment_slug (self->draft);
  path = ferry_sync_draft_normalize_secret_path (ferry_sync_draft_get_secret_path (self->draft));
  local = ferry_sync_draft_check_rules (self->draft, FERRY_SYNC_DRAFT_FIELD_SECRET_PATH);

  if (env == NULL || path == NULL || local != NULL)
    {
      /* Nothing the server could say: keep showing the last level that was listed. */
      set_busy (self, FALSE);
      refresh_messages (self);
      return G_SOURCE_REMOVE;
    }

  check = g_new0 (Check, 1);
  check->self = g_object_ref (self);
  check->generation = self->generation;
  check->env = g_strdup (env);
  check->path = g_strdup (path);
  if (g_str_equal (path, "/"))
    {
      g_free (self->verified_path);
      self->verified_path = cache_key (env, "/");
      check->listing_children = TRUE;
      check->listed = g_strdup ("/");
    }
  else
    check->listed = g_path_get_dirname (path);

  check_step (check);

  return G_SOURCE_REMOVE;
}

static void
schedule_check (FerrySourcePage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->generation++;
  g_clear_handle_id (&self->check_source, g_source_remove);
  g_clear_pointer (&self->check_warning, g_free);

  set_busy (self, TRUE);
  self->check_source = g_timeout_add (CHECK_DELAY_MS, check_timeout_cb, self);
  refresh_messages (self);
}

/* ---- Draft and widgets ---- */

static void
path_changed_cb (FerrySourcePage *self)
{
  if (ferry_assistant_page_get_updating (FERRY_ASSISTANT_PAGE (self)))
    return;

  ferry_assistant_page_touch_field (FERRY_ASSISTANT_PAGE (self), FERRY_SYNC_DRAFT_FIELD_SECRET_PATH);
  ferry_sync_draft_set_secret_path (self->draft, gtk_editable_get_text (GTK_EDITABLE (self->path_row)));
}

static void
environment_selected_cb (FerrySourcePage *self)
{
  g_autoptr(FerryEnvironment) env = NULL;
  GListModel *model;
  guint selected;

  if (ferry_assistant_page_get_updating (FERRY_ASSISTANT_PAGE (self)))
    return;

  model = adw_combo_row_get_model (self->environment_row);
  selected = adw_combo_row_get_selected (self->environment_row);
  if (model == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;

  env = g_list_model_get_item (model, selected);
  if (env != NULL)
    ferry_sync_draft_set_environment (self->draft,
                                      ferry_environment_get_slug (env),
                                      ferry_environment_get_name (env));
}

static void
draft_source_changed_cb (FerrySourcePage *self)
{
  schedule_check (self);
}

static void
draft_changed_cb (FerrySourcePage *self)
{
  /* The server says the folder is missing (it was deleted meanwhile): what was listed
   * before is stale, so list again when the step is shown. */
  if (!self->setting_error && self->verified_path != NULL &&
      ferry_sync_draft_get_field_error (self->draft, FERRY_SYNC_DRAFT_FIELD_SECRET_PATH) != NULL)
    {
      g_clear_pointer (&self->verified_path, g_free);
      g_hash_table_remove_all (self->folder_cache);
    }

  refresh_messages (self);
}

static void
select_environment (FerrySourcePage *self)
{
  FerryAssistantPage *page = FERRY_ASSISTANT_PAGE (self);
  GListModel *environments = ferry_project_get_environments (ferry_assistant_page_get_project (page));
  const char *slug = ferry_sync_draft_get_environment_slug (self->draft);
  guint n = g_list_model_get_n_items (environments);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FerryEnvironment) env = g_list_model_get_item (environments, i);

      if (g_strcmp0 (ferry_environment_get_slug (env), slug) == 0)
        {
          ferry_assistant_page_begin_update (page);
          adw_combo_row_set_selected (self->environment_row, i);
          ferry_assistant_page_end_update (page);
          return;
        }
    }

  /* Nothing chosen yet (or the sync's environment is gone): take the first. */
  if (n > 0)
    {
      ferry_assistant_page_begin_update (page);
      adw_combo_row_set_selected (self->environment_row, 0);
      ferry_assistant_page_end_update (page);
      environment_selected_cb (self);
    }
}

static void
ferry_source_page_shown (FerryAssistantPage *page)
{
  FerrySourcePage *self = FERRY_SOURCE_PAGE (page);

  /* The first time: check the preselected path and list its folders. */
  if (self->verified_path == NULL && !get_busy (self))
    schedule_check (self);
}

static void
ferry_source_page_constructed (GObject *object)
{
  FerrySourcePage *self = FERRY_SOURCE_PAGE (object);
  FerryAssistantPage *page = FERRY_ASSISTANT_PAGE (object);
  FerryProject *project;
  g_autoptr(GtkExpression) expression = NULL;

  G_OBJECT_CLASS (ferry_source_page_parent_class)->constructed (object);

  self->draft = ferry_assistant_page_get_draft (page);
  project = ferry_assistant_page_get_project (page);

  adw_action_row_set_subtitle (self->project_row, ferry_project_get_name (project));

  expression = gtk_property_expression_new (FERRY_TYPE_ENVIRONMENT, NULL, "name");
  adw_combo_row_set_expression (self->environment_row, expression);
  ferry_assistant_page_begin_update (page);
  adw_combo_row_set_model (self->environment_row, ferry_project_get_environments (project));
  ferry_assistant_page_end_update (page);
  select_environment (self);
  g_signal_connect_object (self->environment_row, "notify::selected",
                           G_CALLBACK (environment_selected_cb), self, G_CONNECT_SWAPPED);

  /* A new sync starts at the environment's root folder. */
  if (!ferry_sync_draft_get_editing (self->draft) && ferry_sync_draft_get_secret_path (self->draft) == NULL)
    ferry_sync_draft_set_secret_path (self->draft, "/");

  ferry_assistant_page_set_text (page, GTK_EDITABLE (self->path_row), ferry_sync_draft_get_secret_path (self->draft));
  g_signal_connect_object (self->path_row, "changed", G_CALLBACK (path_changed_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->draft, "notify::secret-path", G_CALLBACK (draft_source_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->draft, "notify::environment-slug", G_CALLBACK (draft_source_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->draft, "changed", G_CALLBACK (draft_changed_cb), self, G_CONNECT_SWAPPED);

  show_folders (self, "/", NULL, _("Loading folders…"));
  refresh_messages (self);
}

static void
ferry_source_page_dispose (GObject *object)
{
  FerrySourcePage *self = FERRY_SOURCE_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->check_source, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), FERRY_TYPE_SOURCE_PAGE);

  G_OBJECT_CLASS (ferry_source_page_parent_class)->dispose (object);
}

static void
ferry_source_page_finalize (GObject *object)
{
  FerrySourcePage *self = FERRY_SOURCE_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->folder_cache, g_hash_table_unref);
  g_clear_pointer (&self->verified_path, g_free);
  g_clear_pointer (&self->check_warning, g_free);

  G_OBJECT_CLASS (ferry_source_page_parent_class)->finalize (object);
}

static void
ferry_source_page_class_init (FerrySourcePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  FerryAssistantPageClass *page_class = FERRY_ASSISTANT_PAGE_CLASS (klass);

  object_class->constructed = ferry_source_page_constructed;
  object_class->dispose = ferry_source_page_dispose;
  object_class->finalize = ferry_source_page_finalize;

  page_class->step = FERRY_SYNC_DRAFT_STEP_SOURCE;
  page_class->name = "source";
  /* Translators: the steps of the assistant, numbered in the step indicator. */
  page_class->title = N_("Source");
  page_class->shown = ferry_source_page_shown;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ferry-source-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FerrySourcePage, project_row);
  gtk_widget_class_bind_template_child (widget_class, FerrySourcePage, environment_row);
  gtk_widget_class_bind_template_child (widget_class, FerrySourcePage, path_row);
  gtk_widget_class_bind_template_child (widget_class, FerrySourcePage, path_spinner);
  gtk_widget_class_bind_template_child (widget_class, FerrySourcePage, path_ok_icon);
  gtk_widget_class_bind_template_child (widget_class, FerrySourcePage, path_message);
  gtk_widget_class_bind_template_child (widget_class, FerrySourcePage, folders_group);
  gtk_widget_class_bind_template_child (widget_class, FerrySourcePage, folder_list);
  gtk_widget_class_bind_template_child (widget_class, FerrySourcePage, folders_status);
  gtk_widget_class_bind_template_callback (widget_class, folder_row_activated_cb);
}

static void
ferry_source_page_init (FerrySourcePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->folder_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}
