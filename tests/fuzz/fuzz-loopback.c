/* fuzz-loopback.c: the loopback request handlers of the sign-in and the OAuth flow.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built twice: with FUZZ_FLOW_SIGNIN (FerryBrowserSignin, POST/OPTIONS on "/") and with
 * FUZZ_FLOW_OAUTH (FerryOAuthFlow, GET /oauth/callback). One flow runs against the
 * in-process sandbox (tests/sandbox) and its real SoupServer on 127.0.0.1; each input is
 * sent as raw bytes over a new TCP connection, and the harness waits until the server
 * closes it: every request must get its answer and its connection closed (a hang is a
 * finding, by libFuzzer's -timeout). Before sending, these placeholders are replaced so
 * the fuzzer can get past the checks that guard the handlers:
 *   @HOST@    127.0.0.1:PORT (the Host the server insists on)
 *   @ORIGIN@  the sandbox's origin (the sign-in's Origin check)
 *   @STATE@   the running OAuth flow's state, URI-escaped
 *   @JWT@     a live user JWT of the sandbox
 *   @LEN@     the length of what follows the first blank line (for Content-Length)
 * When a flow ends (an error callback with the right state), a new one is started.
 */

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "fuzz-common.h"
#include "ferry-browser-signin.h"
#include "ferry-oauth-flow.h"
#include "ferry-sandbox.h"
#include "ferry-token-provider.h"

#define ANSWER_LIMIT_US (10 * G_USEC_PER_SEC)

/* ---- An opener that only records the URI ---- */

#define FUZZ_TYPE_OPENER (fuzz_opener_get_type ())
G_DECLARE_FINAL_TYPE (FuzzOpener, fuzz_opener, FUZZ, OPENER, GObject)

struct _FuzzOpener
{
  GObject  parent_instance;
  char    *uri;
};

static void fuzz_opener_iface_init (FerryUriOpenerInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FuzzOpener, fuzz_opener, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (FERRY_TYPE_URI_OPENER, fuzz_opener_iface_init))

static void
fuzz_open_async (FerryUriOpener      *opener,
                 const char          *uri,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  FuzzOpener *self = FUZZ_OPENER (opener);
  g_autoptr(GTask) task = g_task_new (opener, cancellable, callback, user_data);

  g_free (self->uri);
  self->uri = g_strdup (uri);
  g_task_return_boolean (task, TRUE);
}

static gboolean
fuzz_open_finish (FerryUriOpener  *opener,
                  GAsyncResult    *result,
                  GError         **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
fuzz_opener_iface_init (FerryUriOpenerInterface *iface)
{
  iface->open_async = fuzz_open_async;
  iface->open_finish = fuzz_open_finish;
}

static void
fuzz_opener_finalize (GObject *object)
{
  g_free (FUZZ_OPENER (object)->uri);
  G_OBJECT_CLASS (fuzz_opener_parent_class)->finalize (object);
}

static void
fuzz_opener_class_init (FuzzOpenerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = fuzz_opener_finalize;
}

static void
fuzz_opener_init (FuzzOpener *self)
{
}

/* ---- The flow under test ---- */

static FerrySandbox *sandbox;
static FuzzOpener *opener;
static char *jwt;
#ifdef FUZZ_FLOW_SIGNIN
static FerryAccountStore *accounts;
static FerryTokenStore *token_store;
static FerryBrowserSignin *flow;
#else
static FerryApiClient *client;
static GSettings *settings;
static FerryOAuthFlow *flow;
#endif
static gboolean flow_done;
static guint port;
static char *state;

static void
flow_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) outcome = NULL;

#ifdef FUZZ_FLOW_SIGNIN
  outcome = G_OBJECT (ferry_browser_signin_run_finish (FERRY_BROWSER_SIGNIN (object), result, &error));
#else
  outcome = G_OBJECT (ferry_oauth_flow_run_finish (FERRY_OAUTH_FLOW (object), result, &error));
#endif
  flow_done = TRUE;
}

static void
start_flow (void)
{
  g_clear_object (&flow);
  g_clear_pointer (&opener->uri, g_free);
  g_clear_pointer (&state, g_free);
  flow_done = FALSE;

#ifdef FUZZ_FLOW_SIGNIN
  flow = ferry_browser_signin_new (accounts, token_store, ferry_sandbox_get_url (sandbox));
  ferry_browser_signin_run_async (flow, FERRY_URI_OPENER (opener), NULL, flow_done_cb, NULL);
  port = ferry_browser_signin_get_port (flow);
  state = g_strdup ("");
#else
  {
    g_autofree char *authorize = g_strconcat (ferry_sandbox_get_url (sandbox), "/sandbox/microsoft", NULL);
    const char *found;

    flow = ferry_oauth_flow_new (client, settings);
    ferry_oauth_flow_set_connection (flow, "fuzz-oauth", NULL, NULL);
    ferry_oauth_flow_set_devops (flow, "common", "fuzz-org");
    ferry_oauth_flow_set_authorize_base_url (flow, authorize);
    ferry_oauth_flow_run_async (flow, FERRY_URI_OPENER (opener), NULL, flow_done_cb, NULL);
    /* The options request comes first; the URI once the server listens. */
    while (opener->uri == NULL && !flow_done)
      g_main_context_iteration (NULL, TRUE);
    if (opener->uri == NULL || (found = strstr (opener->uri, "&state=")) == NULL)
      abort ();
    state = g_uri_escape_string (found + strlen ("&state="), NULL, FALSE);
    {
      const char *start = strstr (opener->uri, "redirect_uri=http://127.0.0.1:");

      if (start == NULL)
        abort ();
      port = (guint) g_ascii_strtoull (start + strlen ("redirect_uri=http://127.0.0.1:"), NULL, 10);
    }
  }
#endif
  if (port == 0)
    abort ();
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;

  fuzz_common_init ();
  /* No keyring at all: a sign-in that gets that far fails there, at once (no D-Bus).
   * (libsecret 0.20's file backend drops its previous etag on every write, see
   * secret-file-collection.c, which the leak check would report for each input.) */
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/ferry-fuzz", TRUE);
  g_setenv ("HOME", g_get_tmp_dir (), TRUE);

  sandbox = ferry_sandbox_new (FERRY_SANDBOX_SEED_DEMO);
  if (!ferry_sandbox_start (sandbox, 0, &error))
    g_error ("Sandbox: %s", error->message);
  ferry_sandbox_set_oauth_redirect (sandbox, FERRY_SANDBOX_OAUTH_REDIRECT_LOOPBACK);
  jwt = ferry_sandbox_issue_user_jwt (sandbox, 365 * 24 * 3600);
  opener = g_object_new (FUZZ_TYPE_OPENER, NULL);

#ifdef FUZZ_FLOW_SIGNIN
  {
    g_autoptr(GSettings) account_settings = g_settings_new ("io.github.ferryapp.Ferry");

    accounts = ferry_account_store_new (account_settings);
    token_store = ferry_token_store_new ();
  }
#else
  {
    g_autoptr(FerryTokenProvider) provider = ferry_static_token_provider_new (jwt);

    settings = g_settings_new ("io.github.ferryapp.Ferry");
    client = ferry_api_client_new (ferry_sandbox_get_url (sandbox));
    ferry_api_client_set_token_provider (client, provider);
  }
#endif

  start_flow ();
  return 0;
}

static char *
substitute (const uint8_t *data,
            size_t         size,
            gsize         *length)
{
  g_autofree char *host = g_strdup_printf ("127.0.0.1:%u", port);
  GString *text = g_string_new_len ((const char *) data, size);

  g_string_replace (text, "@HOST@", host, 0);
  g_string_replace (text, "@ORIGIN@", ferry_sandbox_get_url (sandbox), 0);
  g_string_replace (text, "@STATE@", state, 0);
  g_string_replace (text, "@JWT@", jwt, 0);
  {
    const char *body = strstr (text->str, "\r\n\r\n");
    g_autofree char *body_length = g_strdup_printf ("%zu", body != NULL ? strlen (body + 4) : 0);

    g_string_replace (text, "@LEN@", body_length, 1);
  }
  *length = text->len;

  return g_string_free (text, FALSE);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GInetAddress) loopback = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autofree char *request = NULL;
  gsize length = 0;
  gsize sent = 0;
  gint64 deadline;

  /* libsoup 3.2 never notices a connection that closes before its first byte; that
   * is not what these handlers are about. */
  if (size == 0)
    return 0;

  if (flow_done)
    start_flow ();

  request = substitute (data, size, &length);
  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  address = g_inet_socket_address_new (loopback, port);
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  if (socket == NULL || !g_socket_connect (socket, address, NULL, NULL))
    abort ();
  g_socket_set_blocking (socket, FALSE);

  /* Send, serve and read at once on this one thread, until the server closes. */
  deadline = g_get_monotonic_time () + ANSWER_LIMIT_US;
  for (;;)
    {
      char answer[8192];
      gssize n;

      if (sent < length)
        {
          n = g_socket_send (socket, request + sent, length - sent, NULL, NULL);
          if (n > 0)
            sent += n;
          else if (n < 0 && !g_socket_condition_check (socket, G_IO_OUT))
            ; /* full: the server reads on */
          else if (n < 0)
            sent = length;  /* refused and closed: stop sending */
          if (sent == length)
            g_socket_shutdown (socket, FALSE, TRUE, NULL);
        }

      n = g_socket_receive (socket, answer, sizeof answer, NULL, NULL);
      if (n == 0)
        break;
      if (n < 0 && (g_socket_condition_check (socket, G_IO_HUP | G_IO_ERR) & G_IO_ERR) != 0)
        break;

      while (g_main_context_iteration (NULL, FALSE))
        ;
      if (g_get_monotonic_time () > deadline)
        {
          g_printerr ("No answer within %d s, or the connection was never closed\n",
                      (int) (ANSWER_LIMIT_US / G_USEC_PER_SEC));
          abort ();
        }
      g_usleep (50);
    }

  /* Let the flow react (an ended flow, a finished refusal) before the next input. */
  while (g_main_context_iteration (NULL, FALSE))
    ;

  return 0;
}
