/* fuzz-common.h: what every libFuzzer harness of Ferry sets up first.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static inline GLogWriterOutput
fuzz_log_writer (GLogLevelFlags   level,
                 const GLogField *fields,
                 gsize            n_fields,
                 gpointer         user_data)
{
  if ((level & (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR)) == 0)
    return G_LOG_WRITER_HANDLED;

  return g_log_writer_standard_streams (level, fields, n_fields, user_data);
}

/* Criticals are crashes: untrusted input must never reach a g_return_if_fail (). Nothing
 * milder is logged: the harness runs millions of inputs, and a refused one may warn. */
static inline void
fuzz_common_init (void)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR | G_LOG_FATAL_MASK);
  g_log_set_writer_func (fuzz_log_writer, NULL, NULL);
  g_setenv ("G_MESSAGES_DEBUG", "", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GSETTINGS_SCHEMA_DIR", FUZZ_SCHEMA_DIR, TRUE);
}

/* @data as a NUL-terminated string (embedded NULs cut it short, as in C callers). */
static inline char *
fuzz_strndup (const uint8_t *data,
              size_t         size)
{
  return g_strndup ((const char *) data, size);
}
