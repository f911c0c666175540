/* sandbox-client.c: a test's own hand on the sandbox, as the demo user.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Tests shape server data that Ferry itself never changes (a secret in a subfolder, a
 * deleted folder) through the same routes a person would use in Infisical.
 */

#include <libsoup/soup.h>
#include <string.h>

#include "ferry-sandbox.h"

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GBytes **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  if (*out == NULL)
    {
      g_warning ("sandbox request failed: %s", error->message);
      *out = g_bytes_new (NULL, 0);
    }
}

guint
ferry_sandbox_send_as_user (FerrySandbox *self,
                            const char   *method,
                            const char   *path,
                            const char   *json_body)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (ferry_sandbox_get_url (self), path, NULL);
  g_autoptr(SoupMessage) message = soup_message_new (method, url);
  g_autofree char *jwt = ferry_sandbox_issue_user_jwt (self, 600);
  g_autofree char *auth = g_strconcat ("Bearer ", jwt, NULL);
  g_autoptr(GBytes) answer = NULL;
  GMainContext *context = g_main_context_get_thread_default ();

  g_return_val_if_fail (message != NULL, 0);

  soup_message_headers_append (soup_message_get_request_headers (message), "Authorization", auth);
  if (json_body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (json_body, strlen (json_body));

      soup_message_set_request_body_from_bytes (message, "application/json", bytes);
    }
  /* The server answers on this context: spin it (a synchronous send would deadlock). */
  soup_session_send_and_read_async (session, message, G_PRIORITY_DEFAULT, NULL, send_cb, &answer);
  while (answer == NULL)
    g_main_context_iteration (context, TRUE);

  return soup_message_get_status (message);
}
