/* test-watcher.c: FerryWatcher over real HTTP against the in-process sandbox: the polling
 * budget (one list request per project per interval, spread out), the wait after a 429,
 * newly failing and recovered syncs told once and remembered across a restart, an expired
 * session told once, a failure told by the window not told again, and the request rate of
 * 20 projects, measured in the request log.
 *
 * Copyright 2026 The Ferry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "core-test-utils.h"
#include "ferry-api-client.h"
#include "ferry-watcher.h"

#define SYNCS_PATH "/api/v1/secret-syncs/azure-devops"
#define TEST_INTERVAL_MS 3000

static gboolean keep_told;

typedef struct
{
  GPtrArray *failed;      /* sync names */
  GPtrArray *recovered;
  guint      expired;
} Events;

static void
failed_cb (FerryWatcher     *watcher,
           FerryWatchedSync *item,
           Events           *events)
{
  g_ptr_array_add (events->failed, g_strdup (ferry_sync_get_name (ferry_watched_sync_get_sync (item))));
}

static void
recovered_cb (FerryWatcher     *watcher,
              FerryWatchedSync *item,
              Events           *events)
{
  g_ptr_array_add (events->recovered, g_strdup (ferry_sync_get_name (ferry_watched_sync_get_sync (item))));
}

static void
expired_cb (FerryWatcher *watcher,
            FerryAccount *account,
            Events       *events)
{
  events->expired++;
}

static FerryWatcher *
make_watcher (CoreFixture *fixture,
              Events      *events,
              guint        interval_ms)
{
  FerryWatcher *watcher;

  /* Each test starts with nothing told, unless it set what an earlier run told. */
  if (!keep_told)
    g_settings_reset (fixture->settings, "watch-failures");
  watcher = ferry_watcher_new (fixture->settings, fixture->accounts, fixture->tokens);

  /* No network monitor: the test machine may have no default route, and 127.0.0.1 is all
   * these tests reach. */
  ferry_watcher_set_network_monitor (watcher, NULL);
  ferry_watcher_set_interval_ms (watcher, interval_ms);
  ferry_watcher_set_session (watcher, fixture->session);
  events->failed = g_ptr_array_new_with_free_func (g_free);
  events->recovered = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (watcher, "sync-failed", G_CALLBACK (failed_cb), events);
  g_signal_connect (watcher, "sync-recovered", G_CALLBACK (recovered_cb), events);
  g_signal_connect (watcher, "session-expired", G_CALLBACK (expired_cb), events);
  return watcher;
}

static void
events_clear (Events *events)
{
  g_clear_pointer (&events->failed, g_ptr_array_unref);
  g_clear_pointer (&events->recovered, g_ptr_array_unref);
}

/* Arrival times (ms) of the list requests for @project_id, oldest first. */
static GArray *
list_times (CoreFixture *fixture,
            const char  *project_id)
{
  g_autoptr(JsonNode) node = ferry_sandbox_get_requests (fixture->sandbox);
  JsonArray *array = json_node_get_array (node);
  GArray *times = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *entry = json_array_get_object_element (array, i);
      JsonObject *query = json_object_get_object_member (entry, "query");
      g_autoptr(GDateTime) at = NULL;
      gint64 ms;

      if (g_strcmp0 (json_object_get_string_member (entry, "method"), "GET") != 0 ||
          g_strcmp0 (json_object_get_string_member (entry, "path"), SYNCS_PATH) != 0 ||
          (project_id != NULL && g_strcmp0 (json_object_get_string_member_with_default (query, "projectId", ""), project_id) != 0))
        continue;

      at = g_date_time_new_from_iso8601 (json_object_get_string_member (entry, "time"), NULL);
      g_assert_nonnull (at);
      ms = g_date_time_to_unix (at) * 1000 + g_date_time_get_microsecond (at) / 1000;
      g_array_append_val (times, ms);
    }

  return times;
}

static guint
count_lists (CoreFixture *fixture)
{
  return core_count_requests (fixture, "GET", SYNCS_PATH, 0);
}

static void
test_budget (CoreFixture   *fixture,
             gconstpointer  data)
{
  Events events = { 0 };
  g_autoptr(FerryWatcher) watcher = make_watcher (fixture, &events, TEST_INTERVAL_MS);
  GListModel *syncs = ferry_watcher_get_syncs (watcher);
  gint64 started = g_get_monotonic_time ();
  gint64 elapsed_ms;
  guint total;

  ferry_watcher_start (watcher);
  CORE_WAIT (ferry_watcher_get_n_projects (watcher) == 3, 10000);
  /* The first round is quick: every project within a few seconds, not one interval. */
  CORE_WAIT (g_list_model_get_n_items (syncs) == 2, 10000);
  g_assert_cmpuint (ferry_watcher_get_slot_ms (watcher), ==, TEST_INTERVAL_MS / 3);

  ferry_test_spin_for (3 * TEST_INTERVAL_MS + TEST_INTERVAL_MS / 2);
  elapsed_ms = (g_get_monotonic_time () - started) / 1000;
  total = count_lists (fixture);

  /* One request per project per interval: never two for a project much closer than one
   * interval, and no more than N per interval in all. The log has arrival times, which jitter
   * against the send times the watcher keeps apart (a first request also connects and logs
   * in; ASan runs are slow): a quarter interval of slack, still far from the one-slot
   * spacing a burst or a repeated first round would show. */
  for (guint p = 0; p < 3; p++)
    {
      g_autoptr(GArray) times = list_times (fixture, ferry_sandbox_get_project_id (fixture->sandbox, p));

      g_assert_cmpuint (times->len, >=, 3);
      for (guint i = 1; i < times->len; i++)
        g_assert_cmpint (g_array_index (times, gint64, i) - g_array_index (times, gint64, i - 1), >=,
                         TEST_INTERVAL_MS * 3 / 4);
    }
  g_assert_cmpuint (total, <=, 3 * (elapsed_ms / TEST_INTERVAL_MS + 1));

  /* Spread out: after the first round two requests are about a slot apart, not a burst (one
   * pair may come close by the arrival jitter above; a burst makes every pair close). */
  {
    g_autoptr(GArray) all = list_times (fixture, NULL);
    guint close = 0;

    for (guint i = 4; i < all->len; i++)
      if (g_array_index (all, gint64, i) - g_array_index (all, gint64, i - 1) < TEST_INTERVAL_MS / 3 / 3)
        close++;
    g_assert_cmpuint (all->len, >=, 9);
    g_assert_cmpuint (close, <=, 1);
  }

  /* The overview's counts: Payments API has the seeded failure. */
  g_assert_cmpuint (ferry_watcher_count_failures (watcher, NULL, ferry_sandbox_get_project_id (fixture->sandbox, 1)), ==, 1);
  g_assert_cmpuint (ferry_watcher_count_failures (watcher, NULL, ferry_sandbox_get_project_id (fixture->sandbox, 0)), ==, 0);
  g_assert_cmpuint (ferry_watcher_count_failures (watcher, NULL, NULL), ==, 1);

  /* Stopped: no more requests. */
  ferry_watcher_stop (watcher);
  total = count_lists (fixture);
  ferry_test_spin_for (TEST_INTERVAL_MS);
  g_assert_cmpuint (count_lists (fixture), <=, total + 0);
  events_clear (&events);
}

static void
test_rate_limited (CoreFixture   *fixture,
                   gconstpointer  data)
{
  Events events = { 0 };
  g_autoptr(FerryWatcher) watcher = make_watcher (fixture, &events, 1500);
  g_autoptr(GArray) times = NULL;
  guint at_429;

  /* One attempt per call: the watcher's own wait is what is checked here, not the
   * client's retries. */
  ferry_api_client_set_retry_policy (ferry_session_get_client (fixture->session), 1, 100, 1000);
  ferry_watcher_start (watcher);
  CORE_WAIT (g_list_model_get_n_items (ferry_watcher_get_syncs (watcher)) == 2, 10000);
  ferry_test_spin_for (500);

  core_add_fault (fixture, "{\"route\": \"GET " SYNCS_PATH "\", \"status\": 429, \"retryAfter\": 4, \"count\": 1}");
  CORE_WAIT (core_count_requests (fixture, "GET", SYNCS_PATH, 429) == 1, 10000);
  at_429 = count_lists (fixture);
  ferry_test_spin_for (6000);

  /* The account waited Retry-After (4 s) before the next request, then went on. */
  times = list_times (fixture, NULL);
  g_assert_cmpuint (times->len, >, at_429);
  g_assert_cmpint (g_array_index (times, gint64, at_429) - g_array_index (times, gint64, at_429 - 1), >=, 4000 - 50);
  events_clear (&events);
}

/* Starts a run of @sync_id (Sync Now) and waits for the server to take it. */
static void
start_run (CoreFixture *fixture,
           const char  *sync_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FerrySync) triggered = NULL;

  ferry_api_client_trigger_sync_async (ferry_session_get_client (fixture->session), sync_id, NULL,
                                       core_result_cb, &result);
  triggered = ferry_api_client_trigger_sync_finish (ferry_session_get_client (fixture->session),
                                                    core_wait_result (&result), &error);
  g_assert_no_error (error);
}

static void
test_failures (CoreFixture   *fixture,
               gconstpointer  data)
{
  Events events = { 0 };
  g_autoptr(FerryWatcher) watcher = make_watcher (fixture, &events, 1500);
  g_autoptr(GVariant) told = NULL;
  g_autofree char *printed = NULL;
  g_autofree char *pat = NULL;
  FerryWatchedSync *web = NULL;
  GListModel *syncs = ferry_watcher_get_syncs (watcher);

  ferry_watcher_start (watcher);
  /* The seeded failure is told once. */
  CORE_WAIT (events.failed->len == 1, 10000);
  g_assert_cmpstr (g_ptr_array_index (events.failed, 0), ==, "payments-staging-to-legacy");

  for (guint i = 0; i < g_list_model_get_n_items (syncs); i++)
    {
      g_autoptr(FerryWatchedSync) item = g_list_model_get_item (syncs, i);

      if (g_strcmp0 (ferry_sync_get_name (ferry_watched_sync_get_sync (item)), "web-prod-to-contoso-web") == 0)
        web = item;
      else
        g_assert_nonnull (ferry_watched_sync_get_failing_since (item));
    }
  g_assert_nonnull (web);
  g_assert_cmpstr (ferry_watched_sync_get_project_name (web), ==, "Web Storefront");
  g_assert_null (ferry_watched_sync_get_failing_since (web));

  /* The sandbox flips web-prod to failed: its PAT is revoked, and a run fails. */
  pat = g_strdup (ferry_sandbox_get_devops_pat (fixture->sandbox, "contoso"));
  ferry_sandbox_revoke_devops_pat (fixture->sandbox, pat);
  start_run (fixture, ferry_watched_sync_get_sync_id (web));
  CORE_WAIT (events.failed->len == 2, 15000);
  g_assert_cmpstr (g_ptr_array_index (events.failed, 1), ==, "web-prod-to-contoso-web");
  g_assert_nonnull (ferry_watched_sync_get_failing_since (web));
  g_assert_cmpuint (ferry_watcher_count_failures (watcher, NULL, NULL), ==, 2);

  /* Never twice: more rounds of the same failures tell nothing new. */
  ferry_test_spin_for (4000);
  g_assert_cmpuint (events.failed->len, ==, 2);

  /* Kept in GSettings, without secrets: the sync ids and failed jobs only. */
  told = g_settings_get_value (fixture->settings, "watch-failures");
  g_assert_cmpuint (g_variant_n_children (told), ==, 2);
  printed = g_variant_print (told, FALSE);
  g_assert_null (strstr (printed, pat));

  /* A restart tells nothing again. */
  ferry_watcher_stop (watcher);
  g_clear_object (&watcher);
  events_clear (&events);
  keep_told = TRUE;
  watcher = make_watcher (fixture, &events, 1500);
  keep_told = FALSE;
  ferry_watcher_start (watcher);
  CORE_WAIT (g_list_model_get_n_items (ferry_watcher_get_syncs (watcher)) == 2, 10000);
  ferry_test_spin_for (3500);
  g_assert_cmpuint (events.failed->len, ==, 0);
  g_assert_cmpuint (ferry_watcher_count_failures (watcher, NULL, NULL), ==, 2);
  events_clear (&events);
}

static void
test_recovered (CoreFixture   *fixture,
                gconstpointer  data)
{
  Events events = { 0 };
  g_autoptr(FerryWatcher) watcher = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) listed = NULL;
  g_autoptr(FerrySync) web = NULL;
  g_autoptr(GVariant) told = NULL;
  GVariantBuilder builder;

  /* web-prod (succeeded now) was told as failed by an earlier run. */
  ferry_api_client_list_syncs_async (ferry_session_get_client (fixture->session),
                                     ferry_sandbox_get_project_id (fixture->sandbox, 0), NULL, NULL,
                                     core_result_cb, &result);
  listed = ferry_api_client_list_syncs_finish (ferry_session_get_client (fixture->session),
                                               core_wait_result (&result), &error);
  g_assert_no_error (error);
  web = g_list_model_get_item (G_LIST_MODEL (listed), 0);
  g_assert_cmpint (ferry_sync_get_sync_status (web), ==, FERRY_SYNC_STATUS_SUCCEEDED);
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  g_variant_builder_add (&builder, "{ss}", ferry_resource_get_id (FERRY_RESOURCE (web)), "old-job|1700000000");
  g_settings_set_value (fixture->settings, "watch-failures", g_variant_builder_end (&builder));

  keep_told = TRUE;
  watcher = make_watcher (fixture, &events, 1500);
  keep_told = FALSE;
  ferry_watcher_start (watcher);
  CORE_WAIT (events.recovered->len == 1, 10000);
  g_assert_cmpstr (g_ptr_array_index (events.recovered, 0), ==, "web-prod-to-contoso-web");
  ferry_test_spin_for (3000);
  g_assert_cmpuint (events.recovered->len, ==, 1);

  /* The recovered sync is forgotten; the still failing one is remembered. */
  told = g_settings_get_value (fixture->settings, "watch-failures");
  g_assert_false (g_variant_lookup (told, ferry_resource_get_id (FERRY_RESOURCE (web)), "&s", NULL));
  g_assert_cmpuint (g_variant_n_children (told), ==, 1);
  events_clear (&events);
}

static void
test_session_expired (CoreFixture   *fixture,
                      gconstpointer  data)
{
  Events events = { 0 };
  g_autoptr(FerryWatcher) watcher = make_watcher (fixture, &events, 1500);
  guint before;

  ferry_watcher_start (watcher);
  CORE_WAIT (g_list_model_get_n_items (ferry_watcher_get_syncs (watcher)) == 2, 10000);

  ferry_session_expire (fixture->session);
  g_assert_cmpuint (events.expired, ==, 1);
  before = count_lists (fixture);
  ferry_test_spin_for (3500);
  /* Waiting: nothing asked while expired, and told once. */
  g_assert_cmpuint (count_lists (fixture), <=, before + 1);   /* one may have been in flight */
  g_assert_cmpuint (events.expired, ==, 1);
  events_clear (&events);
}

static void
test_watched_projects (CoreFixture   *fixture,
                       gconstpointer  data)
{
  Events events = { 0 };
  g_autoptr(FerryWatcher) watcher = make_watcher (fixture, &events, 1500);
  g_autofree char *key = g_strconcat (ferry_account_get_id (ferry_session_get_account (fixture->session)), "/",
                                      ferry_sandbox_get_project_id (fixture->sandbox, 1), NULL);
  g_auto(GStrv) known = NULL;
  g_autofree char *title = NULL;

  ferry_watcher_start (watcher);
  CORE_WAIT (ferry_watcher_get_n_projects (watcher) == 3, 10000);
  known = ferry_watcher_dup_known_projects (watcher);
  g_assert_cmpuint (g_strv_length (known), ==, 3);
  g_assert_true (g_strv_contains ((const char * const *) known, key));
  title = ferry_watcher_dup_project_title (watcher, key);
  g_assert_cmpstr (title, ==, "Payments API");

  /* Only the chosen project: its syncs stay, the others' go, and only it is asked. */
  g_settings_set_strv (fixture->settings, "watched-projects", (const char *[]) { key, NULL });
  g_settings_set_boolean (fixture->settings, "watch-all-projects", FALSE);
  g_assert_cmpuint (ferry_watcher_get_n_projects (watcher), ==, 1);
  CORE_WAIT (g_list_model_get_n_items (ferry_watcher_get_syncs (watcher)) == 1, 5000);
  ferry_sandbox_clear_requests (fixture->sandbox);
  ferry_test_spin_for (3500);
  {
    g_autoptr(GArray) all = list_times (fixture, NULL);
    g_autoptr(GArray) mine = list_times (fixture, ferry_sandbox_get_project_id (fixture->sandbox, 1));

    g_assert_cmpuint (all->len, >=, 1);
    g_assert_cmpuint (all->len, ==, mine->len);
  }
  g_settings_reset (fixture->settings, "watched-projects");
  g_settings_reset (fixture->settings, "watch-all-projects");
  events_clear (&events);
}

/* A GNetworkMonitor whose state the test sets. */
#define TEST_TYPE_MONITOR (test_monitor_get_type ())
G_DECLARE_FINAL_TYPE (TestMonitor, test_monitor, TEST, MONITOR, GObject)

struct _TestMonitor
{
  GObject  parent_instance;
  gboolean available;
  gboolean metered;
};

static void test_monitor_iface_init (GNetworkMonitorInterface *iface);
static void test_monitor_initable_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestMonitor, test_monitor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, test_monitor_initable_init)
                               G_IMPLEMENT_INTERFACE (G_TYPE_NETWORK_MONITOR, test_monitor_iface_init))

enum { MON_PROP_0, MON_PROP_AVAILABLE, MON_PROP_METERED, MON_PROP_CONNECTIVITY };

static void
test_monitor_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TestMonitor *self = TEST_MONITOR (object);

  switch (prop_id)
    {
    case MON_PROP_AVAILABLE:
      g_value_set_boolean (value, self->available);
      break;
    case MON_PROP_METERED:
      g_value_set_boolean (value, self->metered);
      break;
    case MON_PROP_CONNECTIVITY:
      g_value_set_enum (value, self->available ? G_NETWORK_CONNECTIVITY_FULL : G_NETWORK_CONNECTIVITY_LOCAL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
test_monitor_class_init (TestMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = test_monitor_get_property;
  g_object_class_override_property (object_class, MON_PROP_AVAILABLE, "network-available");
  g_object_class_override_property (object_class, MON_PROP_METERED, "network-metered");
  g_object_class_override_property (object_class, MON_PROP_CONNECTIVITY, "connectivity");
}

static void
test_monitor_iface_init (GNetworkMonitorInterface *iface)
{
}

static gboolean
test_monitor_initable_init_impl (GInitable     *initable,
                                 GCancellable  *cancellable,
                                 GError       **error)
{
  return TRUE;
}

static void
test_monitor_initable_init (GInitableIface *iface)
{
  iface->init = test_monitor_initable_init_impl;
}

static void
test_monitor_init (TestMonitor *self)
{
  self->available = TRUE;
}

static void
test_monitor_set (TestMonitor *self,
                  gboolean     available,
                  gboolean     metered)
{
  self->available = available;
  self->metered = metered;
  g_signal_emit_by_name (self, "network-changed", available);
}

static void
test_offline (CoreFixture   *fixture,
              gconstpointer  data)
{
  Events events = { 0 };
  g_autoptr(FerryWatcher) watcher = make_watcher (fixture, &events, 1000);
  g_autoptr(TestMonitor) monitor = g_object_new (TEST_TYPE_MONITOR, NULL);
  guint before;

  test_monitor_set (monitor, FALSE, FALSE);
  ferry_watcher_set_network_monitor (watcher, G_NETWORK_MONITOR (monitor));
  g_assert_true (ferry_watcher_get_paused (watcher));
  ferry_watcher_start (watcher);
  CORE_WAIT (ferry_watcher_get_n_projects (watcher) == 3, 10000);
  ferry_test_spin_for (2500);
  /* Offline: not one list request. */
  g_assert_cmpuint (count_lists (fixture), ==, 0);

  test_monitor_set (monitor, TRUE, FALSE);
  g_assert_false (ferry_watcher_get_paused (watcher));
  CORE_WAIT (g_list_model_get_n_items (ferry_watcher_get_syncs (watcher)) == 2, 10000);

  /* Metered: paused again. */
  test_monitor_set (monitor, TRUE, TRUE);
  g_assert_true (ferry_watcher_get_paused (watcher));
  ferry_test_spin_for (300);
  before = count_lists (fixture);
  ferry_test_spin_for (2500);
  g_assert_cmpuint (count_lists (fixture), ==, before);
  ferry_watcher_set_network_monitor (watcher, NULL);
  events_clear (&events);
}

/* The sync named @name in project @index, as the API lists it now (transfer full). */
static FerrySync *
fetch_sync (CoreFixture *fixture,
            guint        index,
            const char  *name)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) listed = NULL;

  ferry_api_client_list_syncs_async (ferry_session_get_client (fixture->session),
                                     ferry_sandbox_get_project_id (fixture->sandbox, index), NULL, NULL,
                                     core_result_cb, &result);
  listed = ferry_api_client_list_syncs_finish (ferry_session_get_client (fixture->session),
                                               core_wait_result (&result), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (listed)); i++)
    {
      g_autoptr(FerrySync) sync = g_list_model_get_item (G_LIST_MODEL (listed), i);

      if (g_strcmp0 (ferry_sync_get_name (sync), name) == 0)
        return g_steal_pointer (&sync);
    }

  g_assert_not_reached ();
}

static gboolean
web_failed (CoreFixture  *fixture,
            FerrySync   **out)
{
  g_clear_object (out);
  *out = fetch_sync (fixture, 0, "web-prod-to-contoso-web");
  return ferry_sync_get_sync_status (*out) == FERRY_SYNC_STATUS_FAILED;
}

/* A failure the window told (ferry_watcher_claim_failure ()) is not told by the watcher,
 * and one the watcher told is refused to the window: one notification either way. */
static void
test_claim (CoreFixture   *fixture,
            gconstpointer  data)
{
  Events events = { 0 };
  g_autoptr(FerryWatcher) watcher = make_watcher (fixture, &events, 1500);
  g_autoptr(FerrySync) web = fetch_sync (fixture, 0, "web-prod-to-contoso-web");
  g_autoptr(FerrySync) payments = NULL;
  g_autoptr(FerrySync) failed = NULL;
  g_autofree char *pat = g_strdup (ferry_sandbox_get_devops_pat (fixture->sandbox, "contoso"));

  ferry_watcher_start (watcher);
  CORE_WAIT (events.failed->len == 1, 10000);
  payments = fetch_sync (fixture, 1, "payments-staging-to-legacy");
  /* Told by the watcher: the window stays silent. */
  g_assert_false (ferry_watcher_claim_failure (watcher, payments));
  ferry_watcher_stop (watcher);

  /* A run started elsewhere fails while the watcher is stopped. */
  ferry_sandbox_revoke_devops_pat (fixture->sandbox, pat);
  start_run (fixture, ferry_resource_get_id (FERRY_RESOURCE (web)));
  CORE_WAIT (web_failed (fixture, &failed), 15000);

  /* The window tells it first: the watcher, started again, never does. */
  g_assert_true (ferry_watcher_claim_failure (watcher, failed));
  g_assert_false (ferry_watcher_claim_failure (watcher, failed));
  ferry_watcher_start (watcher);
  CORE_WAIT (ferry_watcher_count_failures (watcher, NULL, NULL) == 2, 10000);
  ferry_test_spin_for (3500);
  g_assert_cmpuint (events.failed->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (events.failed, 0), ==, "payments-staging-to-legacy");

  /* The items name the machine identity by its server, never by its client id. */
  {
    g_autoptr(FerryWatchedSync) item = g_list_model_get_item (ferry_watcher_get_syncs (watcher), 0);
    g_autofree char *expected = g_strdup_printf ("Machine identity on 127.0.0.1:%u",
                                                 ferry_sandbox_get_port (fixture->sandbox));

    g_assert_cmpstr (ferry_watched_sync_get_account_label (item), ==, expected);
    g_assert_null (strstr (ferry_watched_sync_get_account_label (item),
                           ferry_sandbox_get_identity_client_id (fixture->sandbox)));
  }
  events_clear (&events);
}

/* A list asked for before a failure was recorded (the window told of a failed Sync Now
 * while the watcher's request was on its way) says nothing of that failure: its
 * "succeeded" is not a recovery, and the record stays, so the failure is not told again
 * at the next poll. The record here is dated after every request of the test. */
static void
test_stale_answer (CoreFixture   *fixture,
                   gconstpointer  data)
{
  Events events = { 0 };
  g_autoptr(FerryWatcher) watcher = NULL;
  g_autoptr(FerrySync) web = fetch_sync (fixture, 0, "web-prod-to-contoso-web");
  g_autoptr(GVariant) told = NULL;
  g_autofree char *record = g_strdup_printf ("job|%" G_GINT64_FORMAT, g_get_real_time () / G_USEC_PER_SEC + 3600);
  GVariantBuilder builder;

  g_assert_cmpint (ferry_sync_get_sync_status (web), ==, FERRY_SYNC_STATUS_SUCCEEDED);
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  g_variant_builder_add (&builder, "{ss}", ferry_resource_get_id (FERRY_RESOURCE (web)), record);
  g_settings_set_value (fixture->settings, "watch-failures", g_variant_builder_end (&builder));

  keep_told = TRUE;
  watcher = make_watcher (fixture, &events, 1000);
  keep_told = FALSE;
  ferry_watcher_start (watcher);
  CORE_WAIT (events.failed->len == 1, 10000);   /* payments-staging: a poll has answered */
  ferry_test_spin_for (2500);
  g_assert_cmpuint (events.recovered->len, ==, 0);
  told = g_settings_get_value (fixture->settings, "watch-failures");
  g_assert_true (g_variant_lookup (told, ferry_resource_get_id (FERRY_RESOURCE (web)), "&s", NULL));
  events_clear (&events);
}

/* What the watcher, the overview and notifications call an account. */
static void
test_display_name (void)
{
  g_autoptr(FerryAccount) identity = ferry_account_new (FERRY_ACCOUNT_KIND_MACHINE_IDENTITY,
                                                        "https://infisical.example.com");
  g_autoptr(FerryAccount) user = ferry_account_new (FERRY_ACCOUNT_KIND_USER, "https://infisical.example.com");
  g_autofree char *name = NULL;

  ferry_account_set_client_id (identity, "a1f4c2e8-7b3d-4e9f-8a6c-5d2e1f0b9c73");
  /* The switcher's label still tells identities apart by client id; these do not. */
  g_assert_nonnull (strstr (ferry_account_get_label (identity), "a1f4c2e8"));
  name = ferry_account_dup_display_name (identity);
  g_assert_cmpstr (name, ==, "Machine identity on infisical.example.com");
  g_free (name);
  ferry_account_set_organization_name (identity, "Contoso");
  name = ferry_account_dup_display_name (identity);
  g_assert_cmpstr (name, ==, "Contoso on infisical.example.com");
  g_free (name);
  ferry_account_set_label (identity, "CI deploys");
  name = ferry_account_dup_display_name (identity);
  g_assert_cmpstr (name, ==, "CI deploys");
  g_free (name);

  ferry_account_set_email (user, "ada@contoso.com");
  name = ferry_account_dup_display_name (user);
  g_assert_cmpstr (name, ==, "ada@contoso.com (infisical.example.com)");
}

#define MANY_PROJECTS 20
#define MANY_INTERVAL_MS 4000

/* 20 projects, measured in the sandbox's request log: at most one list request per project
 * per interval (so at most 20 per interval), spread out, and the wait after a 429. The
 * interval is short so the test is; the budget is per interval, so the rate at the
 * default five minutes is the same count per five minutes. */
static void
test_many_projects (CoreFixture   *fixture,
                    gconstpointer  data)
{
  Events events = { 0 };
  g_autoptr(FerryWatcher) watcher = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GArray) all = NULL;
  g_autoptr(GArray) after = NULL;
  gint64 started_ms, elapsed_ms;
  guint total, at_429;

  for (guint p = 0; p < 3; p++)
    g_ptr_array_add (ids, (gpointer) ferry_sandbox_get_project_id (fixture->sandbox, p));
  for (guint p = 3; p < MANY_PROJECTS; p++)
    {
      g_autofree char *name = g_strdup_printf ("Service %02u", p);

      g_ptr_array_add (ids, (gpointer) ferry_sandbox_add_project (fixture->sandbox, name));
    }

  watcher = make_watcher (fixture, &events, MANY_INTERVAL_MS);
  /* One attempt per call: the watcher's own wait is what is measured, not the client's. */
  ferry_api_client_set_retry_policy (ferry_session_get_client (fixture->session), 1, 100, 1000);
  ferry_watcher_start (watcher);
  CORE_WAIT (ferry_watcher_get_n_projects (watcher) == MANY_PROJECTS, 10000);
  g_assert_cmpuint (ferry_watcher_get_slot_ms (watcher), ==, MANY_INTERVAL_MS / MANY_PROJECTS);

  /* The first round asks every project once, then the steady rounds. */
  CORE_WAIT (count_lists (fixture) >= MANY_PROJECTS, 30000);
  ferry_sandbox_clear_requests (fixture->sandbox);
  started_ms = g_get_monotonic_time () / 1000;
  ferry_test_spin_for (3 * MANY_INTERVAL_MS);
  elapsed_ms = g_get_monotonic_time () / 1000 - started_ms;
  total = count_lists (fixture);

  g_test_message ("%u projects: %u list requests in %" G_GINT64_FORMAT " ms = %.2f per project per interval; "
                  "at the default 5 min: %u requests per 5 min, one every %u s",
                  MANY_PROJECTS, total, elapsed_ms,
                  (double) total * MANY_INTERVAL_MS / elapsed_ms / MANY_PROJECTS,
                  MANY_PROJECTS, ferry_watcher_compute_slot_ms (5 * 60 * 1000, MANY_PROJECTS) / 1000);
  /* ≤ N per interval: every window of one interval holds at most N, plus the one request
   * the arrival jitter (see test_budget) may move across its edge. */
  g_assert_cmpuint (total, <=, MANY_PROJECTS * (elapsed_ms / MANY_INTERVAL_MS + 1));
  /* And it does watch: every project was asked in those three intervals. */
  for (guint p = 0; p < MANY_PROJECTS; p++)
    {
      g_autoptr(GArray) times = list_times (fixture, g_ptr_array_index (ids, p));

      g_assert_cmpuint (times->len, >=, 2);
      g_assert_cmpuint (times->len, <=, 4);
      for (guint i = 1; i < times->len; i++)
        g_assert_cmpint (g_array_index (times, gint64, i) - g_array_index (times, gint64, i - 1), >=,
                         MANY_INTERVAL_MS * 3 / 4);
    }
  /* Spread: no burst, two requests are about a slot (200 ms) apart. */
  all = list_times (fixture, NULL);
  {
    guint close = 0;

    for (guint i = 1; i < all->len; i++)
      if (g_array_index (all, gint64, i) - g_array_index (all, gint64, i - 1) < MANY_INTERVAL_MS / MANY_PROJECTS / 3)
        close++;
    g_assert_cmpuint (close, <=, all->len / 10);
  }

  /* A 429 with Retry-After: 3 — the account asks nothing for 3 s, then goes on. */
  core_add_fault (fixture, "{\"route\": \"GET " SYNCS_PATH "\", \"status\": 429, \"retryAfter\": 3, \"count\": 1}");
  CORE_WAIT (core_count_requests (fixture, "GET", SYNCS_PATH, 429) == 1, 10000);
  at_429 = count_lists (fixture);
  ferry_test_spin_for (4500);
  after = list_times (fixture, NULL);
  g_assert_cmpuint (after->len, >, at_429);
  g_assert_cmpint (g_array_index (after, gint64, at_429) - g_array_index (after, gint64, at_429 - 1), >=, 3000 - 50);
  events_clear (&events);
}

/* The rate the report quotes: 20 projects at the default 5-minute interval. */
static void
test_default_rate (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.ferryapp.Ferry");
  guint interval_ms = g_settings_get_uint (settings, "watch-interval") * 60 * 1000;
  guint slot = ferry_watcher_compute_slot_ms (interval_ms, 20);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaKey) key = NULL;

  g_assert_cmpuint (interval_ms, ==, 5 * 60 * 1000);
  g_assert_cmpuint (slot, ==, 15000);
  g_test_message ("20 projects at %u min: one request every %u s = %.1f per minute, %u per hour",
                  interval_ms / 60000, slot / 1000, 60000.0 / slot, 3600000 / slot);

  /* Never below one minute. */
  g_object_get (settings, "settings-schema", &schema, NULL);
  key = g_settings_schema_get_key (schema, "watch-interval");
  g_assert_false (g_settings_schema_key_range_check (key, g_variant_new_uint32 (0)));
  g_assert_true (g_settings_schema_key_range_check (key, g_variant_new_uint32 (1)));
}

int
main (int   argc,
      char *argv[])
{
  ferry_test_init (&argc, &argv);

  g_test_add_func ("/watcher/default-rate", test_default_rate);
  g_test_add_func ("/watcher/display-name", test_display_name);
  if (!core_test_have_keyring ("/watcher/needs-secret-service"))
    return g_test_run ();

#define ADD(path, func) \
  g_test_add ("/watcher/" path, CoreFixture, NULL, core_fixture_setup, func, core_fixture_teardown)
  ADD ("budget", test_budget);
  ADD ("rate-limited", test_rate_limited);
  ADD ("failures", test_failures);
  ADD ("recovered", test_recovered);
  ADD ("session-expired", test_session_expired);
  ADD ("watched-projects", test_watched_projects);
  ADD ("offline", test_offline);
  ADD ("claim", test_claim);
  ADD ("stale-answer", test_stale_answer);
  ADD ("many-projects", test_many_projects);
#undef ADD

  return g_test_run ();
}
