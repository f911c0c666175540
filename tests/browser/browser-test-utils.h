/* browser-test-utils.h: helpers of the browser-flow tests.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct
{
  guint  status;
  char  *body;
  char  *content_type;
  char  *allow;
  char  *allow_origin;          /* Access-Control-Allow-Origin */
  char  *allow_private_network; /* Access-Control-Allow-Private-Network */
  char  *allow_methods;         /* Access-Control-Allow-Methods */
} BrowserTestResponse;

void                 browser_test_response_free (BrowserTestResponse *response);

/* Sends one request and spins until the answer. @host (nullable) replaces the Host
 * header; @extra_headers: NULL-terminated name/value pairs, may be NULL. */
BrowserTestResponse *browser_test_request_full  (SoupSession         *session,
                                                 const char          *method,
                                                 const char          *uri,
                                                 const char          *host,
                                                 const char * const  *extra_headers,
                                                 const char          *content_type,
                                                 const char          *body,
                                                 gsize                length);
BrowserTestResponse *browser_test_request       (SoupSession         *session,
                                                 const char          *method,
                                                 const char          *uri,
                                                 const char          *host,
                                                 const char          *body,
                                                 gsize                length);

/* Nothing listens on 127.0.0.1:@port: a connection is refused and the port can be bound. */
gboolean             browser_test_port_is_free  (guint                port);
gboolean             browser_test_spin_until_port_free (guint         port,
                                                        guint         timeout_ms);

/* Whether /usr/bin/chromium exists. */
gboolean             browser_test_have_chromium (void);
/* Makes tests/browser/fake-browser.sh the default http/https handler in the private
 * XDG dirs of ferry_test_init (call before anything asks GIO for an app). */
void                 browser_test_install_fake_browser (void);
/* Visits the fake browser finished since the last reset. */
guint                browser_test_count_finished_visits (void);
/* Waits until @n visits have finished (Chromium exited); FALSE after @timeout_ms. */
gboolean             browser_test_wait_visits   (guint                n,
                                                 guint                timeout_ms);
/* The URLs opened and final pages of finished visits, in no particular order. */
GPtrArray           *browser_test_get_visit_urls (void);
GPtrArray           *browser_test_get_visit_doms (void);
/* Forgets every visit. */
void                 browser_test_reset_visits  (void);

G_END_DECLS
