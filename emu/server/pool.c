/*
 * emu/server/pool.c - backend handles for the server's worker threads:
 * shared, serialised behind a mutex, or one per worker opened from a URI;
 * and the scheduling policy of a thread that calls a shared emulator.
 */
#define _GNU_SOURCE /* SCHED_BATCH */
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <string.h>

#include <sst/mem.h>

#include "emu/ops/ops.h"
#include "emu/server/pool.h"

struct slot {
    pthread_mutex_t lock;
    struct sst_backend *b;
};

struct sst_server_pool {
    struct slot *slots;
    unsigned n;
    bool locking; /* false: slots[0] is shared by every caller */
    bool owned;   /* the pool opened the handles and closes them */
    /* slots[0] when it is an emulator: its answers are only printed, so
     * they may carry the rows' stored text (emu/ops/ops.h) */
    struct sst_emu *emu;
    /* With emu: threads serving item writes run as SCHED_BATCH (below);
     * cleared for good when the system refuses the policy. */
    atomic_bool batch_writers;
    atomic_uint next;
};

/* The calling thread's policy as this file last set it: threads start
 * with the server opener's, SCHED_OTHER (sst_server_pool_new checks). */
static _Thread_local bool thread_batch;

/* Whether op writes items: it then waits for the emulator's one write
 * lock (emu/store/txn.c), whichever thread calls it. */
static bool
writes_items(const char *op)
{
    static const char *const ops[] = {"PutItem", "UpdateItem", "DeleteItem",
                                      "BatchWriteItem", "TransactWriteItems"};
    size_t i;

    for (i = 0; i < sizeof ops / sizeof ops[0]; i++)
        if (strcmp(op, ops[i]) == 0)
            return true;
    return false;
}

/* A thread that serves an item write runs as SCHED_BATCH until it serves
 * anything else: the scheduler then does not let its wake-ups preempt a
 * running thread. Writers queue for one lock; a writer woken by its next
 * request that preempted the lock's holder would only wait for it, and
 * hold up every other writer meanwhile. Saturated PutItem loads answer
 * more requests with a shorter tail (docs/performance.md, "Writers as
 * batch threads"); a change costs one system call, and only when a
 * thread goes from writes to other operations or back. */
static void
set_thread_policy(struct sst_server_pool *p, bool batch)
{
    struct sched_param none = {0};

    if (batch == thread_batch ||
        !atomic_load_explicit(&p->batch_writers, memory_order_relaxed))
        return;
    if (sched_setscheduler(0, batch ? SCHED_BATCH : SCHED_OTHER, &none) != 0) {
        atomic_store_explicit(&p->batch_writers, false, memory_order_relaxed);
        return;
    }
    thread_batch = batch;
}

/* Whether writers may run as SCHED_BATCH: not with opt->normal_sched, and
 * not when the opener, whose policy the worker threads inherit, runs under
 * another policy than the normal one (chrt, a real-time policy). */
static bool
may_batch_writers(const struct sst_server_options *opt)
{
    return !opt->normal_sched && sched_getscheduler(0) == SCHED_OTHER;
}

void
sst_server_pool_free(struct sst_server_pool *p)
{
    unsigned i;

    if (p == NULL)
        return;
    for (i = 0; i < p->n; i++) {
        if (p->owned)
            sst_backend_close(p->slots[i].b);
        pthread_mutex_destroy(&p->slots[i].lock);
    }
    sst_free(p->slots);
    sst_free(p);
}

enum sst_code
sst_server_pool_new(const struct sst_server_options *opt, unsigned n,
                    struct sst_server_pool **out, struct sst_err *err)
{
    struct sst_backend *b = opt->backend;
    const char *uri = opt->backend_uri;
    enum sst_server_sharing sharing = opt->sharing;
    struct sst_server_pool *p;
    enum sst_code rc = SST_OK;
    unsigned i;

    *out = NULL;
    if ((b == NULL) == (uri == NULL) || (uri != NULL && n == 0))
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "serve either a backend or a backend URI");
    p = sst_calloc(1, sizeof *p);
    if (p == NULL)
        return sst_err_set(err, SST_E_NOMEM, "out of memory");
    atomic_init(&p->next, 0);
    atomic_init(&p->batch_writers, false);
    p->owned = uri != NULL;
    p->locking = uri != NULL || sharing != SST_SERVER_SHARED;
    p->slots = sst_calloc(uri != NULL ? n : 1, sizeof *p->slots);
    if (p->slots == NULL) {
        sst_free(p);
        return sst_err_set(err, SST_E_NOMEM, "out of memory");
    }
    for (i = 0; i < (uri != NULL ? n : 1); i++) {
        if (pthread_mutex_init(&p->slots[i].lock, NULL) != 0) {
            rc = sst_err_set(err, SST_E_NOMEM, "cannot create a mutex");
            break;
        }
        p->n++;
        if (uri == NULL)
            p->slots[i].b = b;
        else if ((rc = sst_backend_open(uri, &p->slots[i].b, err)) != SST_OK)
            break;
    }
    if (rc != SST_OK) {
        sst_server_pool_free(p);
        return rc;
    }
    if (!p->locking && (p->emu = sst_emu_from_backend(b)) != NULL) {
        sst_emu_keep_text(p->emu, !opt->plain_rows);
        atomic_store(&p->batch_writers, may_batch_writers(opt));
    }
    *out = p;
    return SST_OK;
}

enum sst_code
sst_server_pool_call(void *ctx, const char *op, const struct json_object *req,
                     struct json_object **resp, struct sst_err *err)
{
    struct sst_server_pool *p = ctx;
    unsigned start, i;
    struct slot *s = NULL;
    enum sst_code rc;

    if (p->emu != NULL && op != NULL && *op != '\0') {
        set_thread_policy(p, writes_items(op));
        return sst_emu_call_text(p->emu, op, req, resp, err);
    }
    if (!p->locking)
        return sst_backend_call(p->slots[0].b, op, req, resp, err);
    /* a free handle if there is one, else wait for this caller's turn */
    start = atomic_fetch_add_explicit(&p->next, 1, memory_order_relaxed) %
            p->n;
    for (i = 0; i < p->n && s == NULL; i++)
        if (pthread_mutex_trylock(&p->slots[(start + i) % p->n].lock) == 0)
            s = &p->slots[(start + i) % p->n];
    if (s == NULL) {
        s = &p->slots[start];
        pthread_mutex_lock(&s->lock);
    }
    rc = sst_backend_call(s->b, op, req, resp, err);
    pthread_mutex_unlock(&s->lock);
    return rc;
}
