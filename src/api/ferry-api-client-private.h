/* ferry-api-client-private.h: what the parts of FerryApiClient share.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * FerryApiClient is one type spread over a few files along its seams:
 *
 *   ferry-api-client.c       the GObject, its settings, site URLs
 *   ferry-api-transport.c    SoupSession, sending, timeout, the size cap while reading,
 *                            GET retries (backoff, jitter, Retry-After), token refresh + retry
 *   ferry-api-request.c      URL and JSON body building, the generic request and the
 *                            endpoint plumbing (answer shapes, model lists)
 *   ferry-api-auth.c, ferry-api-projects.c, ferry-api-connections.c, ferry-api-syncs.c
 *                            the endpoint groups of ferry-api-client.h
 *
 * Only files of src/api and src/auth include this header: it brings in libsoup, which
 * the layers above never see (tests/data/check-layering.py).
 */

#pragma once

#include <string.h>
#include <libsoup/soup.h>

#include "ferry-api-client.h"

G_BEGIN_DECLS

struct _FerryApiClient
{
  GObject             parent_instance;

  char               *site_url;
  GUri               *site_uri;
  SoupSession        *session;
  FerryTokenProvider *token_provider;

  guint               timeout_s;
  gsize               max_response_size;
  guint               max_attempts;
  guint               base_delay_ms;
  guint               max_total_ms;
};

/* ---- ferry-api-client.c ---- */

/* Like ferry_api_client_new (), over @session (NULL: a new one is made), e.g. to share one
 * connection pool or to add libsoup features. */
FerryApiClient *ferry_api_client_new_with_session (const char     *site_url,
                                                   SoupSession    *session);
SoupSession    *ferry_api_client_get_session      (FerryApiClient *self);

/* ---- ferry-api-transport.c ---- */

/* Makes the client's SoupSession when none was given and adds the header logger when
 * FERRY_DEBUG_HTTP is set. Called once, from constructed. */
void            ferry_api_client_init_session     (FerryApiClient *self);

/* Turns the body of a successful answer into a request's result, in a worker thread:
 * what it returns (freed with the request's result_free), or NULL with @error. */
typedef gpointer (*FerryApiBodyParser) (const char  *data,
                                        gsize        len,
                                        gpointer     user_data,
                                        GError     **error);

/* Sends one request and returns its JSON root (JsonNode, transfer full) on @task, which
 * it takes over; with @parse_body, what that made of the body instead (@parse_body_data
 * must live until @task returns; @result_free frees the result). @task's source tag is
 * ferry_api_client_request_async. @path is for log lines only; @uri and @body (nullable)
 * are transfer full. @authenticated asks the token provider for the Authorization header
 * (and refreshes it once when the server refuses it); @explicit_token (nullable) is sent
 * instead, never refreshed. */
void            ferry_api_client_send             (FerryApiClient     *self,
                                                   GTask              *task,
                                                   const char         *method,
                                                   const char         *path,
                                                   GUri               *uri,
                                                   GBytes             *body,
                                                   gboolean            authenticated,
                                                   const char         *explicit_token,
                                                   FerryApiBodyParser  parse_body,
                                                   gpointer            parse_body_data,
                                                   GDestroyNotify      result_free);

/* Overwrites @str in place (tokens, secrets): freed memory keeps no copy. */
static inline void
ferry_api_wipe_string (char *str)
{
  if (str != NULL)
    memset (str, 0, strlen (str));
}

/* ---- ferry-api-request.c: endpoint plumbing ---- */

/* Turns the JSON root of an answer into the endpoint's result, or NULL with @error. */
typedef gpointer (*FerryApiRootParser) (JsonNode    *root,
                                        gpointer     data,
                                        GError     **error);
/* Parses one model object; @extra is FerryApiModelSpec.extra (a folder's parent path). */
typedef gpointer (*FerryApiItemParser) (JsonObject  *object,
                                        const char  *extra,
                                        GError     **error);

/* A request whose answer @parse turns into the task's result (freed with @result_free).
 * The task has @source_tag; finish it with ferry_api_client_endpoint_finish (). */
void            ferry_api_client_call_endpoint    (FerryApiClient      *self,
                                                   gpointer             source_tag,
                                                   const char          *method,
                                                   const char          *path,
                                                   const char * const  *query,
                                                   JsonObject          *body,
                                                   gboolean             authenticated,
                                                   const char          *explicit_token,
                                                   FerryApiRootParser   parse,
                                                   gpointer             parse_data,
                                                   GDestroyNotify       parse_data_free,
                                                   GDestroyNotify       result_free,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gpointer        ferry_api_client_endpoint_finish  (FerryApiClient      *self,
                                                   GAsyncResult        *result,
                                                   gpointer             source_tag,
                                                   GError             **error);
/* For endpoints whose result is a gboolean (stored in *@value unless NULL). */
gboolean        ferry_api_client_endpoint_finish_boolean (FerryApiClient  *self,
                                                          GAsyncResult    *result,
                                                          gpointer         source_tag,
                                                          gboolean        *value,
                                                          GError         **error);

/* Models a list answer may hold in place of new copies (ferry-api-list.c). */
typedef struct _FerryApiKnown FerryApiKnown;

/* What a model endpoint parses: the wrapping key ("a|b": the first present), the item
 * type and its parser; for a list, optionally the models it already has (@known, which
 * the spec owns: models this spec's parser made). */
typedef struct
{
  const char          *key;
  GType              (*get_type) (void);
  FerryApiItemParser   parser;
  char                *extra;
  FerryApiKnown       *known;
} FerryApiModelSpec;

FerryApiModelSpec *ferry_api_model_spec_new       (const char          *key,
                                                   GType              (*get_type) (void),
                                                   FerryApiItemParser   parser,
                                                   const char          *extra);
void               ferry_api_model_spec_free      (gpointer             spec);

/* ---- ferry-api-list.c ---- */

/* The digest of @len bytes at @data into @out (FERRY_RESOURCE_DIGEST_LEN bytes). */
void            ferry_api_digest                  (const char          *data,
                                                   gsize                len,
                                                   guint8              *out);
/* The resources of @items that carry a digest (and pass @usable, if given), by digest.
 * Made on the thread that owns the resources; freed there too, wherever it is called. */
FerryApiKnown  *ferry_api_known_new               (GListModel          *items,
                                                   gboolean           (*usable) (gpointer item));
void            ferry_api_known_free              (FerryApiKnown       *self);

/* ---- ferry-api-syncs.c ---- */

/* Whether a FerrySync of the store may stand for an unchanged element of a list answer. */
gboolean        ferry_api_sync_is_reusable        (gpointer             item);

/* A byte range of an answer. */
typedef struct
{
  gsize start;
  gsize len;
} FerryApiSpan;

/* Finds the list under @keys ("a|b": the first present) of the answer's root object
 * @data: its brackets span [*@array_start, *@array_end), and @elements gets the span of
 * each of its elements. FALSE (outputs unspecified) when @data does not look like that;
 * the JSON inside the elements is not checked. */
gboolean        ferry_api_split_list              (const char          *data,
                                                   gsize                len,
                                                   const char          *keys,
                                                   gsize               *array_start,
                                                   gsize               *array_end,
                                                   GArray              *elements);
/* A FerryApiRootParser: the GListStore of the list under @spec's key of @root. */
gpointer        ferry_api_parse_list_root         (JsonNode            *root,
                                                   gpointer             spec,
                                                   GError             **error);
/* A FerryApiBodyParser: the same from the answer's bytes, one element at a time. */
gpointer        ferry_api_parse_list_body         (const char          *data,
                                                   gsize                len,
                                                   gpointer             spec,
                                                   GError             **error);

/* An authenticated endpoint answering one model object (@list FALSE) or a GListStore of
 * them under @spec's key; takes over @spec. */
void            ferry_api_client_call_model       (FerryApiClient      *self,
                                                   gpointer             source_tag,
                                                   const char          *method,
                                                   const char          *path,
                                                   const char * const  *query,
                                                   JsonObject          *body,
                                                   gboolean             list,
                                                   FerryApiModelSpec   *spec,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);

/* A path from @prefix and segments to escape, NULL-terminated. */
char           *ferry_api_build_path              (const char          *prefix,
                                                   ...) G_GNUC_NULL_TERMINATED;
/* The root object of an answer, or NULL with INVALID_RESPONSE. */
JsonObject     *ferry_api_root_object             (JsonNode            *root,
                                                   GError             **error);
/* The member @keys ("a|b": first present) of the root object, of @type. */
JsonNode       *ferry_api_root_member             (JsonNode            *root,
                                                   const char          *keys,
                                                   JsonNodeType         type,
                                                   GError             **error);
/* The "azure-devops" item (@id_key) of the options list @list_key of an options answer;
 * NOT_FOUND when the server has none. */
JsonObject     *ferry_api_find_option             (JsonNode            *root,
                                                   const char          *list_key,
                                                   const char          *id_key,
                                                   GError             **error);

G_END_DECLS
