/* ferry-loopback-refusal.c
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ferry-loopback"

#include "config.h"

#include "ferry-loopback-refusal.h"

/* After the answer the connection is closed, but not at once: closing a socket with
 * unread input makes the kernel send a reset, and the client may then lose the answer
 * before it reads it (RFC 9112 §9.6). So what the client still sends is read and thrown
 * away for a little while, into one small buffer, up to a limit. */
#define REFUSAL_DRAIN_MS 1000
#define REFUSAL_DRAIN_MAX (1024 * 1024)

typedef struct
{
  GIOStream    *stream;
  GSocket      *socket;
  GCancellable *cancellable;
  GSource      *timeout;
  GBytes       *answer;
  gsize         drained;
  char          scratch[8192];
} Refusal;

static void
clear_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

static void
refusal_free (Refusal *refusal)
{
  clear_source (&refusal->timeout);
  g_io_stream_close (refusal->stream, NULL, NULL);
  g_object_unref (refusal->stream);
  g_clear_object (&refusal->socket);
  /* Marks it as done for prune_refusals (). */
  g_cancellable_cancel (refusal->cancellable);
  g_object_unref (refusal->cancellable);
  g_bytes_unref (refusal->answer);
  g_free (refusal);
}

static gboolean
refusal_timeout_cb (gpointer user_data)
{
  Refusal *refusal = user_data;

  g_clear_pointer (&refusal->timeout, g_source_unref);
  /* The pending read ends with G_IO_ERROR_CANCELLED and frees the refusal. */
  g_cancellable_cancel (refusal->cancellable);

  return G_SOURCE_REMOVE;
}

static void
refusal_drain_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Refusal *refusal = user_data;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (object), result, NULL);

  if (n <= 0 || refusal->drained >= REFUSAL_DRAIN_MAX)
    {
      refusal_free (refusal);
      return;
    }

  refusal->drained += n;
  g_input_stream_read_async (G_INPUT_STREAM (object), refusal->scratch, sizeof refusal->scratch,
                             G_PRIORITY_DEFAULT, refusal->cancellable, refusal_drain_cb, refusal);
}

static void
refusal_written_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Refusal *refusal = user_data;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, NULL))
    {
      refusal_free (refusal);
      return;
    }

  /* The answer is out: say so (FIN), then drain what is still coming. */
  if (refusal->socket != NULL)
    g_socket_shutdown (refusal->socket, FALSE, TRUE, NULL);
  g_input_stream_read_async (g_io_stream_get_input_stream (refusal->stream),
                             refusal->scratch, sizeof refusal->scratch,
                             G_PRIORITY_DEFAULT, refusal->cancellable, refusal_drain_cb, refusal);
}

GCancellable *
ferry_loopback_refusal_start (GIOStream *stream,
                              GSocket   *socket,
                              GBytes    *answer)
{
  Refusal *refusal;

  g_return_val_if_fail (G_IS_IO_STREAM (stream), NULL);
  g_return_val_if_fail (socket == NULL || G_IS_SOCKET (socket), NULL);
  g_return_val_if_fail (answer != NULL, NULL);

  refusal = g_new0 (Refusal, 1);
  refusal->stream = g_object_ref (stream);
  refusal->socket = socket != NULL ? g_object_ref (socket) : NULL;
  refusal->cancellable = g_cancellable_new ();
  refusal->answer = g_bytes_ref (answer);
  refusal->timeout = g_timeout_source_new (REFUSAL_DRAIN_MS);
  g_source_set_callback (refusal->timeout, refusal_timeout_cb, refusal, NULL);
  g_source_set_static_name (refusal->timeout, "[ferry] loopback refusal");
  g_source_attach (refusal->timeout, g_main_context_get_thread_default ());

  g_output_stream_write_all_async (g_io_stream_get_output_stream (stream),
                                   g_bytes_get_data (answer, NULL), g_bytes_get_size (answer),
                                   G_PRIORITY_DEFAULT, refusal->cancellable,
                                   refusal_written_cb, refusal);

  return g_object_ref (refusal->cancellable);
}
