/*
 * emu/emu.c - the emulator: its lifetime, its clock, and the dispatch of
 * DynamoDB operations to emu/ops/ (see include/sst/emu.h).
 *
 * struct sst_emu embeds its struct sst_backend first, so the backend
 * pointer and the emulator are the same object: closing either closes
 * both. The store (emu/store/) does the locking that shared use needs;
 * the clock is the only other mutable state and has its own mutex. The
 * optional TTL sweeper is a thread that sweeps every ttl_sweep_ms until
 * the emulator closes.
 */
#include <errno.h>
#include <json-c/json.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <sst/emu.h>
#include <sst/mem.h>

#include "emu/ops/common.h"
#include "emu/ops/ops.h"
#include "emu/store/store.h"

struct sst_emu {
    struct sst_backend base; /* first: the backend view of the emulator */
    struct sst_emu_store *store;
    pthread_mutex_t clock_mu;
    sst_emu_clock_fn clock; /* NULL: system clock                       */
    void *clock_user;
    bool fixed; /* time fixed at fixed_ms                    */
    int64_t fixed_ms;
    int64_t offset_ms; /* added to the clock's reading              */
    /* The background TTL sweeper (ttl_sweep_ms > 0). */
    pthread_mutex_t sweep_mu;
    pthread_cond_t sweep_cv;
    pthread_t sweeper;
    bool sweeping, stop;
    int64_t sweep_ms;
};

/* Sorted by name, for bsearch. */
static const struct sst_emu_op ops[] = {
    {"BatchExecuteStatement", sst_emu_op_batch_execute_statement},
    {"BatchGetItem", sst_emu_op_batch_get_item},
    {"BatchWriteItem", sst_emu_op_batch_write_item},
    {"CreateTable", sst_emu_op_create_table},
    {"DeleteItem", sst_emu_op_delete_item},
    {"DeleteTable", sst_emu_op_delete_table},
    {"DescribeContinuousBackups", sst_emu_op_describe_continuous_backups},
    {"DescribeEndpoints", sst_emu_op_describe_endpoints},
    {"DescribeLimits", sst_emu_op_describe_limits},
    {"DescribeStream", sst_emu_op_describe_stream},
    {"DescribeTable", sst_emu_op_describe_table},
    {"DescribeTimeToLive", sst_emu_op_describe_time_to_live},
    {"ExecuteStatement", sst_emu_op_execute_statement},
    {"ExecuteTransaction", sst_emu_op_execute_transaction},
    {"GetItem", sst_emu_op_get_item},
    {"GetRecords", sst_emu_op_get_records},
    {"GetShardIterator", sst_emu_op_get_shard_iterator},
    {"ListStreams", sst_emu_op_list_streams},
    {"ListTables", sst_emu_op_list_tables},
    {"ListTagsOfResource", sst_emu_op_list_tags_of_resource},
    {"PutItem", sst_emu_op_put_item},
    {"Query", sst_emu_op_query},
    {"Scan", sst_emu_op_scan},
    {"TagResource", sst_emu_op_tag_resource},
    {"TransactGetItems", sst_emu_op_transact_get_items},
    {"TransactWriteItems", sst_emu_op_transact_write_items},
    {"UntagResource", sst_emu_op_untag_resource},
    {"UpdateContinuousBackups", sst_emu_op_update_continuous_backups},
    {"UpdateItem", sst_emu_op_update_item},
    {"UpdateTable", sst_emu_op_update_table},
    {"UpdateTimeToLive", sst_emu_op_update_time_to_live},
};

static int
op_cmp(const void *key, const void *elem)
{
    return strcmp(key, ((const struct sst_emu_op *)elem)->name);
}

const struct sst_emu_op *
sst_emu_op_find(const char *name)
{
    return bsearch(name, ops, sizeof ops / sizeof ops[0], sizeof ops[0],
                   op_cmp);
}

struct sst_emu_store *
sst_emu_store_of(struct sst_emu *emu)
{
    return emu->store;
}

/* ------------------------------------------------------------------ */
/* clock                                                               */

static int64_t
system_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void
sst_emu_set_clock(struct sst_emu *emu, sst_emu_clock_fn clock, void *user)
{
    if (emu == NULL)
        return;
    pthread_mutex_lock(&emu->clock_mu);
    emu->clock = clock;
    emu->clock_user = user;
    emu->fixed = false;
    emu->offset_ms = 0;
    pthread_mutex_unlock(&emu->clock_mu);
}

void
sst_emu_set_time(struct sst_emu *emu, int64_t now_ms)
{
    if (emu == NULL)
        return;
    pthread_mutex_lock(&emu->clock_mu);
    emu->fixed = true;
    emu->fixed_ms = now_ms;
    emu->offset_ms = 0;
    pthread_mutex_unlock(&emu->clock_mu);
}

void
sst_emu_advance_clock(struct sst_emu *emu, int64_t delta_ms)
{
    if (emu == NULL)
        return;
    pthread_mutex_lock(&emu->clock_mu);
    emu->offset_ms += delta_ms;
    pthread_mutex_unlock(&emu->clock_mu);
}

int64_t
sst_emu_now(struct sst_emu *emu)
{
    sst_emu_clock_fn clock;
    void *user;
    int64_t base, offset;
    bool fixed;

    if (emu == NULL)
        return system_ms();
    pthread_mutex_lock(&emu->clock_mu);
    clock = emu->clock;
    user = emu->clock_user;
    fixed = emu->fixed;
    base = emu->fixed_ms;
    offset = emu->offset_ms;
    pthread_mutex_unlock(&emu->clock_mu);
    /* The caller's clock runs without our lock held. */
    if (!fixed)
        base = clock ? clock(user) : system_ms();
    return base + offset;
}

/* ------------------------------------------------------------------ */
/* TTL                                                                 */

enum sst_code
sst_emu_sweep_ttl(struct sst_emu *emu, uint64_t *removed, struct sst_err *err)
{
    if (removed != NULL)
        *removed = 0;
    if (emu == NULL)
        return sst_err_set(err, SST_E_INVALID_ARG, "emu must not be NULL");
    return sst_emu_ttl_sweep(emu->store, sst_emu_now(emu), removed, err);
}

static void *
sweeper_main(void *arg)
{
    struct sst_emu *emu = arg;
    struct timespec until;

    pthread_mutex_lock(&emu->sweep_mu);
    while (!emu->stop) {
        clock_gettime(CLOCK_MONOTONIC, &until);
        until.tv_sec += emu->sweep_ms / 1000;
        until.tv_nsec += (long)(emu->sweep_ms % 1000) * 1000000L;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        while (!emu->stop &&
               pthread_cond_timedwait(&emu->sweep_cv, &emu->sweep_mu,
                                      &until) != ETIMEDOUT)
            ;
        if (emu->stop)
            break;
        pthread_mutex_unlock(&emu->sweep_mu);
        /* A failed sweep (a full map, say) is retried next time. */
        (void)sst_emu_sweep_ttl(emu, NULL, NULL);
        pthread_mutex_lock(&emu->sweep_mu);
    }
    pthread_mutex_unlock(&emu->sweep_mu);
    return NULL;
}

static enum sst_code
start_sweeper(struct sst_emu *emu, int64_t every_ms, struct sst_err *err)
{
    pthread_condattr_t ca;
    int rc;

    if (every_ms <= 0)
        return SST_OK;
    emu->sweep_ms = every_ms;
    if (pthread_condattr_init(&ca) != 0)
        return sst_err_set(err, SST_E_NOMEM, "cannot create a condition");
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    rc = pthread_cond_init(&emu->sweep_cv, &ca);
    pthread_condattr_destroy(&ca);
    if (rc != 0)
        return sst_err_set(err, SST_E_NOMEM, "cannot create a condition");
    rc = pthread_create(&emu->sweeper, NULL, sweeper_main, emu);
    if (rc != 0) {
        pthread_cond_destroy(&emu->sweep_cv);
        return sst_err_set(err, SST_E_NOMEM,
                           "cannot start the TTL sweeper: %s", strerror(rc));
    }
    emu->sweeping = true;
    return SST_OK;
}

static void
stop_sweeper(struct sst_emu *emu)
{
    if (!emu->sweeping)
        return;
    pthread_mutex_lock(&emu->sweep_mu);
    emu->stop = true;
    pthread_cond_signal(&emu->sweep_cv);
    pthread_mutex_unlock(&emu->sweep_mu);
    pthread_join(emu->sweeper, NULL);
    pthread_cond_destroy(&emu->sweep_cv);
    emu->sweeping = false;
}

/* ------------------------------------------------------------------ */
/* calls                                                               */

enum sst_code
sst_emu_call(struct sst_emu *emu, const char *op, const struct json_object *req,
             struct json_object **resp, struct sst_err *err)
{
    const struct sst_emu_op *o;

    if (resp == NULL)
        return sst_err_set(err, SST_E_INVALID_ARG, "resp must not be NULL");
    *resp = NULL;
    if (emu == NULL || op == NULL || req == NULL)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "emu, op and req must not be NULL");
    o = sst_emu_op_find(op);
    if (o == NULL)
        return sst_err_set(err, SST_E_UNKNOWN_OPERATION,
                           SST_EMU_MSG_UNKNOWN_OPERATION);
    /* A request body must be a JSON object (a structure). */
    if (json_object_is_type(req, json_type_array))
        return sst_err_set(err, SST_E_SERIALIZATION,
                           "Start of list found where not expected");
    if (!json_object_is_type(req, json_type_object) &&
        !json_object_is_type(req, json_type_null))
        return sst_err_set(err, SST_E_SERIALIZATION, "Expected null");
    return o->fn(emu, req, resp, err);
}

/* Set by sst_emu_call_text for the call running on this thread. */
static _Thread_local bool text_wanted;

bool
sst_emu_text_wanted(void)
{
    return text_wanted;
}

enum sst_code
sst_emu_call_text(struct sst_emu *emu, const char *op,
                  const struct json_object *req, struct json_object **resp,
                  struct sst_err *err)
{
    bool was = text_wanted;
    enum sst_code rc;

    text_wanted = true;
    rc = sst_emu_call(emu, op, req, resp, err);
    text_wanted = was;
    return rc;
}

void
sst_emu_keep_text(struct sst_emu *emu, bool on)
{
    sst_emu_store_set_text(emu->store, on);
}

static enum sst_code
backend_call(struct sst_backend *b, const char *op,
             const struct json_object *req, struct json_object **resp,
             struct sst_err *err)
{
    return sst_emu_call((struct sst_emu *)b, op, req, resp, err);
}

static void
backend_close(struct sst_backend *b)
{
    sst_emu_close((struct sst_emu *)b);
}

static const struct sst_backend_ops emu_backend_ops = {"emu", backend_call,
                                                       backend_close};

/* ------------------------------------------------------------------ */
/* lifetime                                                            */

void
sst_emu_options_init(struct sst_emu_options *o)
{
    memset(o, 0, sizeof *o);
}

enum sst_code
sst_emu_open(const char *path, const struct sst_emu_options *opts,
             struct sst_emu **out, struct sst_err *err)
{
    struct sst_emu_store_config cfg = {path, false, 0};
    struct sst_emu *emu;
    enum sst_code rc;

    if (out == NULL)
        return sst_err_set(err, SST_E_INVALID_ARG, "out must not be NULL");
    *out = NULL;
    if (opts != NULL) {
        cfg.no_sync = opts->no_sync;
        cfg.map_size = opts->map_size;
    }
    emu = sst_calloc(1, sizeof *emu);
    if (emu == NULL)
        return sst_err_set(err, SST_E_NOMEM,
                           "out of memory opening the "
                           "emulator");
    if (pthread_mutex_init(&emu->clock_mu, NULL) != 0) {
        sst_free(emu);
        return sst_err_set(err, SST_E_NOMEM, "cannot create a lock");
    }
    if (pthread_mutex_init(&emu->sweep_mu, NULL) != 0) {
        pthread_mutex_destroy(&emu->clock_mu);
        sst_free(emu);
        return sst_err_set(err, SST_E_NOMEM, "cannot create a lock");
    }
    emu->base.ops = &emu_backend_ops;
    if (opts != NULL) {
        emu->clock = opts->clock;
        emu->clock_user = opts->clock_user;
    }
    rc = sst_emu_store_open(&cfg, &emu->store, err);
    /* a directory of an older layout: its rows under today's keys */
    if (rc == SST_OK)
        rc = sst_emu_rekey(emu->store, err);
    if (rc == SST_OK && opts != NULL)
        rc = start_sweeper(emu, opts->ttl_sweep_ms, err);
    if (rc != SST_OK) {
        sst_emu_close(emu);
        return rc;
    }
    *out = emu;
    return SST_OK;
}

void
sst_emu_close(struct sst_emu *emu)
{
    if (emu == NULL)
        return;
    stop_sweeper(emu);
    sst_emu_store_close(emu->store);
    pthread_mutex_destroy(&emu->sweep_mu);
    pthread_mutex_destroy(&emu->clock_mu);
    sst_free(emu);
}

struct sst_backend *
sst_emu_backend(struct sst_emu *emu)
{
    return emu ? &emu->base : NULL;
}

struct sst_emu *
sst_emu_from_backend(struct sst_backend *b)
{
    if (b == NULL || b->ops != &emu_backend_ops)
        return NULL;
    return (struct sst_emu *)b;
}

/* ------------------------------------------------------------------ */
/* the "emu:" URI                                                      */

static enum sst_code
parse_flag(const char *key, const char *v, bool *out, struct sst_err *err)
{
    if (*v == '\0' || strcmp(v, "1") == 0 || strcasecmp(v, "true") == 0 ||
        strcasecmp(v, "yes") == 0)
        *out = true;
    else if (strcmp(v, "0") == 0 || strcasecmp(v, "false") == 0 ||
             strcasecmp(v, "no") == 0)
        *out = false;
    else
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "option %s takes 1, true, 0 or false, not '%s'", key,
                           v);
    return SST_OK;
}

static enum sst_code
parse_size(const char *key, const char *v, const char *unit, size_t *out,
           struct sst_err *err)
{
    unsigned long long n;
    char *end;

    errno = 0;
    n = strtoull(v, &end, 10);
    if (*v < '0' || *v > '9' || *end != '\0' || errno != 0 ||
        n > (unsigned long long)SIZE_MAX)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "option %s takes a number of %s, not '%s'", key,
                           unit, v);
    *out = (size_t)n;
    return SST_OK;
}

enum sst_code
sst_emu_backend_open(const struct sst_uri *uri, struct sst_backend **out,
                     struct sst_err *err)
{
    struct sst_emu_options o;
    struct sst_emu *emu = NULL;
    const char *v;
    enum sst_code rc;

    if (out == NULL || uri == NULL)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "uri and out must not be NULL");
    *out = NULL;
    if (uri->kind != SST_BACKEND_EMU)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "'%s:' is not an emulator URI", uri->scheme);
    sst_emu_options_init(&o);
    if ((v = sst_uri_opt_get(uri, "no-sync")) != NULL &&
        (rc = parse_flag("no-sync", v, &o.no_sync, err)) != SST_OK)
        return rc;
    if ((v = sst_uri_opt_get(uri, "map-size")) != NULL &&
        (rc = parse_size("map-size", v, "bytes", &o.map_size, err)) != SST_OK)
        return rc;
    if ((v = sst_uri_opt_get(uri, "ttl-sweep-ms")) != NULL) {
        size_t ms;
        if ((rc = parse_size("ttl-sweep-ms", v, "milliseconds", &ms, err)) !=
            SST_OK)
            return rc;
        o.ttl_sweep_ms = ms > INT64_MAX ? INT64_MAX : (int64_t)ms;
    }
    rc = sst_emu_open(uri->in_memory ? NULL : uri->path, &o, &emu, err);
    if (rc != SST_OK)
        return rc;
    *out = &emu->base;
    return SST_OK;
}
