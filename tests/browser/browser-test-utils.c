/* browser-test-utils.c
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ferry-test-utils.h"
#include "browser-test-utils.h"

static char *visits_dir;

void
browser_test_response_free (BrowserTestResponse *response)
{
  if (response == NULL)
    return;
  g_free (response->body);
  g_free (response->content_type);
  g_free (response->allow);
  g_free (response->allow_origin);
  g_free (response->allow_private_network);
  g_free (response->allow_methods);
  g_free (response);
}

typedef struct
{
  gboolean  done;
  GBytes   *bytes;
  GError   *error;
} SendData;

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  SendData *data = user_data;

  data->bytes = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &data->error);
  data->done = TRUE;
}

static gboolean
send_done (gpointer data)
{
  return ((SendData *) data)->done;
}

BrowserTestResponse *
browser_test_request_full (SoupSession        *session,
                           const char         *method,
                           const char         *uri,
                           const char         *host,
                           const char * const *extra_headers,
                           const char         *content_type,
                           const char         *body,
                           gsize               length)
{
  g_autoptr(SoupMessage) message = soup_message_new (method, uri);
  SoupMessageHeaders *request;
  SoupMessageHeaders *headers;
  BrowserTestResponse *response;
  SendData data = { 0 };

  g_assert_nonnull (message);
  request = soup_message_get_request_headers (message);
  if (host != NULL)
    soup_message_headers_replace (request, "Host", host);
  for (guint i = 0; extra_headers != NULL && extra_headers[i] != NULL; i += 2)
    soup_message_headers_replace (request, extra_headers[i], extra_headers[i + 1]);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, length);

      soup_message_set_request_body_from_bytes (message, content_type != NULL ? content_type : "text/plain", bytes);
    }

  soup_session_send_and_read_async (session, message, G_PRIORITY_DEFAULT, NULL, send_cb, &data);
  g_assert_true (ferry_test_spin_until (send_done, &data, 20000));

  response = g_new0 (BrowserTestResponse, 1);
  if (data.error != NULL)
    {
      /* A refused oversize body may be answered before it is sent completely. */
      g_test_message ("Request ended with: %s", data.error->message);
      g_clear_error (&data.error);
    }
  response->status = soup_message_get_status (message);
  headers = soup_message_get_response_headers (message);
  response->content_type = g_strdup (soup_message_headers_get_content_type (headers, NULL));
  response->allow = g_strdup (soup_message_headers_get_one (headers, "Allow"));
  response->allow_origin = g_strdup (soup_message_headers_get_one (headers, "Access-Control-Allow-Origin"));
  response->allow_private_network = g_strdup (soup_message_headers_get_one (headers, "Access-Control-Allow-Private-Network"));
  response->allow_methods = g_strdup (soup_message_headers_get_one (headers, "Access-Control-Allow-Methods"));
  if (data.bytes != NULL)
    {
      response->body = g_strndup (g_bytes_get_data (data.bytes, NULL), g_bytes_get_size (data.bytes));
      g_bytes_unref (data.bytes);
    }
  else
    {
      response->body = g_strdup ("");
    }

  return response;
}

BrowserTestResponse *
browser_test_request (SoupSession *session,
                      const char  *method,
                      const char  *uri,
                      const char  *host,
                      const char  *body,
                      gsize        length)
{
  return browser_test_request_full (session, method, uri, host, NULL, NULL, body, length);
}

gboolean
browser_test_port_is_free (guint port)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, port);
  g_autoptr(GSocket) probe = NULL;
  g_autoptr(GSocket) bound = NULL;
  g_autoptr(GError) error = NULL;

  /* Nobody accepts connections there… */
  probe = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  if (g_socket_connect (probe, address, NULL, &error))
    return FALSE;
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    {
      g_test_message ("Connecting to port %u: %s", port, error->message);
      return FALSE;
    }
  g_clear_error (&error);

  /* …and a new server could listen on it (as soup does, with SO_REUSEADDR). */
  bound = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  if (!g_socket_bind (bound, address, TRUE, &error) || !g_socket_listen (bound, &error))
    {
      g_test_message ("Binding port %u: %s", port, error->message);
      return FALSE;
    }
  g_socket_close (bound, NULL);

  return TRUE;
}

static gboolean
port_free_cb (gpointer data)
{
  return browser_test_port_is_free (GPOINTER_TO_UINT (data));
}

gboolean
browser_test_spin_until_port_free (guint port,
                                   guint timeout_ms)
{
  return ferry_test_spin_until (port_free_cb, GUINT_TO_POINTER (port), timeout_ms);
}

gboolean
browser_test_have_chromium (void)
{
  return g_file_test ("/usr/bin/chromium", G_FILE_TEST_IS_EXECUTABLE);
}

static void
write_file (const char *path,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

void
browser_test_install_fake_browser (void)
{
  const char *home = ferry_test_get_home ();
  g_autofree char *script = NULL;
  g_autofree char *desktop = NULL;
  g_autofree char *desktop_path = NULL;
  g_autofree char *mimeapps_path = NULL;

  g_assert_nonnull (home);
  g_assert_cmpstr (g_getenv ("XDG_DATA_HOME"), !=, NULL);

  script = g_test_build_filename (G_TEST_DIST, "browser", "fake-browser.sh", NULL);
  g_assert_true (g_file_test (script, G_FILE_TEST_IS_EXECUTABLE));

  desktop = g_strdup_printf ("[Desktop Entry]\n"
                             "Type=Application\n"
                             "Name=Fake Browser\n"
                             "Exec=%s %%u\n"
                             "MimeType=x-scheme-handler/http;x-scheme-handler/https;\n"
                             "NoDisplay=true\n",
                             script);
  desktop_path = g_build_filename (g_getenv ("XDG_DATA_HOME"), "applications", "fake-browser.desktop", NULL);
  write_file (desktop_path, desktop);

  mimeapps_path = g_build_filename (g_getenv ("XDG_CONFIG_HOME"), "mimeapps.list", NULL);
  write_file (mimeapps_path,
              "[Default Applications]\n"
              "x-scheme-handler/http=fake-browser.desktop\n"
              "x-scheme-handler/https=fake-browser.desktop\n");

  visits_dir = g_build_filename (home, "browser-visits", NULL);
  g_assert_cmpint (g_mkdir_with_parents (visits_dir, 0700), ==, 0);
  g_setenv ("FERRY_FAKE_BROWSER_DIR", visits_dir, TRUE);
}

static GPtrArray *
read_visits (const char *suffix)
{
  g_autoptr(GDir) dir = g_dir_open (visits_dir, 0, NULL);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *done = NULL;
      g_autofree char *stem = NULL;
      char *contents = NULL;

      if (!g_str_has_suffix (name, ".done"))
        continue;
      stem = g_strndup (name, strlen (name) - strlen (".done"));
      if (suffix == NULL)
        {
          g_ptr_array_add (out, g_strdup (stem));
          continue;
        }
      done = g_strconcat (visits_dir, "/", stem, suffix, NULL);
      if (g_file_get_contents (done, &contents, NULL, NULL))
        g_ptr_array_add (out, contents);
    }

  return out;
}

guint
browser_test_count_finished_visits (void)
{
  g_autoptr(GPtrArray) visits = read_visits (NULL);

  return visits->len;
}

static gboolean
visits_done_cb (gpointer data)
{
  return browser_test_count_finished_visits () >= GPOINTER_TO_UINT (data);
}

gboolean
browser_test_wait_visits (guint n,
                          guint timeout_ms)
{
  return ferry_test_spin_until (visits_done_cb, GUINT_TO_POINTER (n), timeout_ms);
}

GPtrArray *
browser_test_get_visit_urls (void)
{
  return read_visits (".url");
}

GPtrArray *
browser_test_get_visit_doms (void)
{
  return read_visits (".dom");
}

void
browser_test_reset_visits (void)
{
  g_autoptr(GDir) dir = g_dir_open (visits_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (visits_dir, name, NULL);
      g_unlink (path);
    }
}
