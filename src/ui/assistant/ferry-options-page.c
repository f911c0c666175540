/* ferry-options-page.c
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ferry-options-page.h"
#include "ferry-ui-utils.h"

#define MAX_PREVIEW_ROWS 8

/* Shown when the folder's own names cannot be read, or there are none. */
static const char * const sample_keys[] = { "API_KEY", "DATABASE_URL", "LOG_LEVEL", NULL };

struct _FerryOptionsPage
{
  FerryAssistantPage  parent_instance;

  FerrySyncDraft     *draft;               /* the base class's, for brevity */

  GCancellable       *cancellable;
  char               *keys_loaded_for;   /* "env\npath\nrecursive" */
  GStrv               keys;              /* NULL: none loaded; use samples */
  GStrv               paths;             /* with subfolders: each key's folder, else NULL */
  char               *keys_note;

  guint               loading : 1;
  guint               recursive_keys : 1;  /* the request in flight covers subfolders */

  /* Template widgets */
  AdwEntryRow        *key_schema_row;
  GtkLabel           *key_schema_message;
  AdwPreferencesGroup *preview_group;
  GtkListBox         *preview_list;
  GtkLabel           *preview_note;
  GtkSwitch          *auto_sync_switch;
  GtkSwitch          *deletion_switch;
  AdwPreferencesGroup *subfolders_group;
  GtkSwitch          *recursive_switch;
  GtkLabel           *recursive_message;
};

G_DEFINE_FINAL_TYPE (FerryOptionsPage, ferry_options_page, FERRY_TYPE_ASSISTANT_PAGE)

static void
refresh_preview (FerryOptionsPage *self)
{
  g_autofree char *message = ferry_sync_draft_validate_field (self->draft, FERRY_SYNC_DRAFT_FIELD_KEY_SCHEMA);
  const char * const *keys = self->keys != NULL && self->keys[0] != NULL
                             ? (const char * const *) self->keys : sample_keys;
  guint n_keys = g_strv_length ((char **) keys);
  GtkWidget *child;

  /* The rule, or what is wrong with the schema. */
  if (message != NULL)
    ferry_assistant_page_show_message (self->key_schema_message, message, "error");
  else
    ferry_assistant_page_show_message (self->key_schema_message,
                                       _("Use {{secretKey}} for each secret’s name and, if you like, {{environment}} for the "
                                         "environment’s slug, for example “APP_{{secretKey}}”. Leave it empty to keep the names."),
                                       "dim-label");
  ferry_ui_set_invalid (GTK_WIDGET (self->key_schema_row), message != NULL);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->preview_list))) != NULL)
    gtk_list_box_remove (self->preview_list, child);

  for (guint i = 0; i < n_keys && i < MAX_PREVIEW_ROWS; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *label, *arrow;
      g_autofree char *rendered = NULL;

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), keys[i]);
      if (self->paths != NULL && keys == (const char * const *) self->keys)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), self->paths[i]);
      if (message == NULL)
        rendered = ferry_sync_draft_apply_key_schema (self->draft, keys[i]);
      /* Translators: shown instead of a variable name while the key schema is not valid. */
      label = gtk_label_new (rendered ? rendered : _("—"));
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
      gtk_widget_add_css_class (label, "monospace");
      /* A statement, not a way somewhere: no arrow icon (which reads as "opens a page")
       * and not activatable, so the row has no hover or click that does nothing. */
      arrow = gtk_label_new ("→");
      gtk_widget_add_css_class (arrow, "dim-label");
      gtk_accessible_update_property (GTK_ACCESSIBLE (arrow), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      /* Translators: read out between a secret's name and its
                                       * variable's name in the preview. */
                                      _("becomes"), -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_widget_set_name (row, "preview-row");
      gtk_list_box_append (self->preview_list, row);
    }

  {
    g_autoptr(GString) note = g_string_new (self->keys_note);

    if (n_keys > MAX_PREVIEW_ROWS)
      {
        if (note->len > 0)
          g_string_append_c (note, ' ');
        g_string_append_printf (note,
                                ngettext ("And %u more secret.", "And %u more secrets.", n_keys - MAX_PREVIEW_ROWS),
                                n_keys - MAX_PREVIEW_ROWS);
      }
    gtk_label_set_text (self->preview_note, note->str);
  }
}

/* With subfolders the variable group is still one flat list: a destination name from two
 * folders is refused by the server (secret-sync-payload.ts). Says which, before saving. */
static char *
find_collisions (FerryOptionsPage *self)
{
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GString) out = NULL;
  guint found = 0;

  if (self->keys == NULL || self->paths == NULL || !ferry_sync_draft_get_recursive (self->draft))
    return NULL;

  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  out = g_string_new (NULL);
  for (guint i = 0; self->keys[i] != NULL; i++)
    {
      g_autofree char *rendered = ferry_sync_draft_apply_key_schema (self->draft, self->keys[i]);
      const char *other = g_hash_table_lookup (seen, rendered);

      if (other != NULL && g_strcmp0 (other, self->paths[i]) != 0)
        {
          if (found++ < 3)
            {
              if (out->len > 0)
                g_string_append (out, ", ");
              /* Translators: a name and the two folders it is in, e.g. “REDIS_URL” (/backend, /backend/api) */
              g_string_append_printf (out, _("“%s” (%s, %s)"), rendered, other, self->paths[i]);
            }
          continue;
        }
      g_hash_table_insert (seen, g_steal_pointer (&rendered), self->paths[i]);
    }

  if (found == 0)
    return NULL;
  /* Translators: %s lists the clashing names with their folders. */
  return g_strdup_printf (_("These names would be written twice to the variable group, so Infisical will refuse "
                            "the sync: %s. Rename one secret of each pair in Infisical, choose a narrower source "
                            "folder, or turn subfolders off."), out->str);
}

static void
refresh_subfolders (FerryOptionsPage *self)
{
  g_autofree char *message = ferry_sync_draft_validate_field (self->draft, FERRY_SYNC_DRAFT_FIELD_RECURSIVE);
  g_autofree char *collisions = NULL;
  gboolean supported = ferry_sync_draft_get_recursive_supported (self->draft);

  /* Hidden where the server has no subfolders, unless the sync already asks for them. */
  gtk_widget_set_visible (GTK_WIDGET (self->subfolders_group),
                          supported || ferry_sync_draft_get_recursive (self->draft));
  if (message != NULL)
    {
      ferry_assistant_page_show_message (self->recursive_message, message, "error");
      return;
    }
  collisions = find_collisions (self);
  if (collisions != NULL)
    ferry_assistant_page_show_message (self->recursive_message, collisions, "warning");
  else
    ferry_assistant_page_show_message (self->recursive_message,
                                       _("Azure DevOps keeps one flat list of variables, so every name must be unique "
                                         "across all the folders."),
                                       "dim-label");
}

static int
compare_keys (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
list_secret_keys_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(FerryOptionsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) keys = NULL;
  const char *env_name = ferry_sync_draft_get_environment_name (self->draft);
  g_autofree char *path = ferry_sync_draft_normalize_secret_path (ferry_sync_draft_get_secret_path (self->draft));

  keys = self->recursive_keys
           ? ferry_api_client_list_secret_keys_recursive_finish (FERRY_API_CLIENT (object), result, &error)
           : ferry_api_client_list_secret_keys_finish (FERRY_API_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->loading = FALSE;
  g_clear_pointer (&self->keys, g_strfreev);
  g_clear_pointer (&self->paths, g_strfreev);
  g_clear_pointer (&self->keys_note, g_free);

  if (keys == NULL)
    {
      g_clear_pointer (&self->keys_loaded_for, g_free);
      /* Translators: %s is a sentence saying why. */
      self->keys_note = g_strdup_printf (_("Sample names: Ferry could not read the secret names of the source folder. %s"),
                                         error->message);
    }
  else if (keys[0] == NULL)
    self->keys_note = g_strdup (_("Sample names: the source folder has no secrets yet."));
  else if (self->recursive_keys)
    {
      guint n = g_strv_length (keys);

      /* Translators: first %s is a folder path, second an environment name. */
      self->keys_note = g_strdup_printf (_("The secrets in “%s” of %s and in every folder below it, by name. "
                                           "Ferry never reads their values here."),
                                         path ? path : "/", env_name ? env_name : "");
      g_qsort_with_data (keys, n, sizeof (char *), compare_keys, NULL);
      /* "PATH\tKEY" → the key, with its folder beside it. */
      self->keys = g_new0 (char *, n + 1);
      self->paths = g_new0 (char *, n + 1);
      for (guint i = 0; i < n; i++)
        {
          const char *tab = strchr (keys[i], '\t');

          self->paths[i] = tab != NULL ? g_strndup (keys[i], tab - keys[i]) : g_strdup ("/");
          self->keys[i] = g_strdup (tab != NULL ? tab + 1 : keys[i]);
        }
    }
  else
    {
      /* Translators: first %s is a folder path, second an environment name. */
      self->keys_note = g_strdup_printf (_("The secrets in “%s” of %s, by name. Ferry never reads their values here."),
                                         path ? path : "/", env_name ? env_name : "");
      g_qsort_with_data (keys, g_strv_length (keys), sizeof (char *), compare_keys, NULL);
      self->keys = g_steal_pointer (&keys);
    }

  refresh_preview (self);
  refresh_subfolders (self);
}

static void
load_keys (FerryOptionsPage *self)
{
  const char *env = ferry_sync_draft_get_environment_slug (self->draft);
  g_autofree char *path = ferry_sync_draft_normalize_secret_path (ferry_sync_draft_get_secret_path (self->draft));
  g_autofree char *key = NULL;
  FerryApiClient *client = ferry_assistant_page_get_client (FERRY_ASSISTANT_PAGE (self));

  if (env == NULL || path == NULL || client == NULL)
    return;

  key = g_strconcat (env, "\n", path, ferry_sync_draft_get_recursive (self->draft) ? "\nrecursive" : "", NULL);
  if (g_strcmp0 (key, self->keys_loaded_for) == 0)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  g_free (self->keys_loaded_for);
  self->keys_loaded_for = g_steal_pointer (&key);
  self->loading = TRUE;
  g_clear_pointer (&self->keys_note, g_free);
  self->keys_note = g_strdup (_("Loading the secret names of the source folder…"));
  refresh_preview (self);

  self->recursive_keys = ferry_sync_draft_get_recursive (self->draft);
  if (self->recursive_keys)
    ferry_api_client_list_secret_keys_recursive_async (client,
                                                       ferry_sync_draft_get_project_id (self->draft),
                                                       env, path,
                                                       self->cancellable,
                                                       list_secret_keys_cb,
                                                       g_object_ref (self));
  else
    ferry_api_client_list_secret_keys_async (client,
                                             ferry_sync_draft_get_project_id (self->draft),
                                             env, path,
                                             self->cancellable,
                                             list_secret_keys_cb,
                                             g_object_ref (self));
}

static void
key_schema_changed_cb (FerryOptionsPage *self)
{
  if (ferry_assistant_page_get_updating (FERRY_ASSISTANT_PAGE (self)))
    return;

  ferry_sync_draft_set_key_schema (self->draft, gtk_editable_get_text (GTK_EDITABLE (self->key_schema_row)));
}

static void
draft_changed_cb (FerryOptionsPage *self)
{
  ferry_assistant_page_set_text (FERRY_ASSISTANT_PAGE (self), GTK_EDITABLE (self->key_schema_row),
                                 ferry_sync_draft_get_key_schema (self->draft));
  refresh_preview (self);
  refresh_subfolders (self);
  /* The preview follows the switch: with subfolders it lists their names too. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    load_keys (self);
}

static void
ferry_options_page_shown (FerryAssistantPage *page)
{
  load_keys (FERRY_OPTIONS_PAGE (page));
}

static void
ferry_options_page_constructed (GObject *object)
{
  FerryOptionsPage *self = FERRY_OPTIONS_PAGE (object);

  G_OBJECT_CLASS (ferry_options_page_parent_class)->constructed (object);

  self->draft = ferry_assistant_page_get_draft (FERRY_ASSISTANT_PAGE (self));

  g_object_bind_property (self->draft, "auto-sync-enabled", self->auto_sync_switch, "active",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  /* Said positively ("Delete Secrets in Azure DevOps", on by default), the opposite of
   * the API's disableSecretDeletion: "Disable … Deletion: Off" was a double negative. */
  g_object_bind_property (self->draft, "disable-secret-deletion", self->deletion_switch, "active",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL | G_BINDING_INVERT_BOOLEAN);
  g_object_bind_property (self->draft, "recursive", self->recursive_switch, "active",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);

  g_signal_connect_object (self->key_schema_row, "changed", G_CALLBACK (key_schema_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->draft, "changed", G_CALLBACK (draft_changed_cb), self, G_CONNECT_SWAPPED);

  self->keys_note = g_strdup (_("Sample names."));
  draft_changed_cb (self);
}

static void
ferry_options_page_dispose (GObject *object)
{
  FerryOptionsPage *self = FERRY_OPTIONS_PAGE (object);

  g_cancellable_cancel (self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), FERRY_TYPE_OPTIONS_PAGE);

  G_OBJECT_CLASS (ferry_options_page_parent_class)->dispose (object);
}

static void
ferry_options_page_finalize (GObject *object)
{
  FerryOptionsPage *self = FERRY_OPTIONS_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->keys_loaded_for, g_free);
  g_clear_pointer (&self->keys, g_strfreev);
  g_clear_pointer (&self->paths, g_strfreev);
  g_clear_pointer (&self->keys_note, g_free);

  G_OBJECT_CLASS (ferry_options_page_parent_class)->finalize (object);
}

static void
ferry_options_page_class_init (FerryOptionsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  FerryAssistantPageClass *page_class = FERRY_ASSISTANT_PAGE_CLASS (klass);

  object_class->constructed = ferry_options_page_constructed;
  object_class->dispose = ferry_options_page_dispose;
  object_class->finalize = ferry_options_page_finalize;

  page_class->step = FERRY_SYNC_DRAFT_STEP_OPTIONS;
  page_class->name = "options";
  /* Translators: the steps of the assistant, numbered in the step indicator. */
  page_class->title = N_("Options");
  page_class->shown = ferry_options_page_shown;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ferry-options-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FerryOptionsPage, key_schema_row);
  gtk_widget_class_bind_template_child (widget_class, FerryOptionsPage, key_schema_message);
  gtk_widget_class_bind_template_child (widget_class, FerryOptionsPage, preview_group);
  gtk_widget_class_bind_template_child (widget_class, FerryOptionsPage, preview_list);
  gtk_widget_class_bind_template_child (widget_class, FerryOptionsPage, preview_note);
  gtk_widget_class_bind_template_child (widget_class, FerryOptionsPage, auto_sync_switch);
  gtk_widget_class_bind_template_child (widget_class, FerryOptionsPage, deletion_switch);
  gtk_widget_class_bind_template_child (widget_class, FerryOptionsPage, subfolders_group);
  gtk_widget_class_bind_template_child (widget_class, FerryOptionsPage, recursive_switch);
  gtk_widget_class_bind_template_child (widget_class, FerryOptionsPage, recursive_message);
}

static void
ferry_options_page_init (FerryOptionsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
