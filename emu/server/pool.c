/*
 * emu/server/pool.c - backend handles for the server's worker threads:
 * shared, serialised behind a mutex, or one per worker opened from a URI.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>

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
    atomic_uint next;
};

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
sst_server_pool_new(struct sst_backend *b, enum sst_server_sharing sharing,
                    const char *uri, unsigned n, bool plain_rows,
                    struct sst_server_pool **out, struct sst_err *err)
{
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
    if (!p->locking && (p->emu = sst_emu_from_backend(b)) != NULL)
        sst_emu_keep_text(p->emu, !plain_rows);
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

    if (p->emu != NULL && op != NULL && *op != '\0')
        return sst_emu_call_text(p->emu, op, req, resp, err);
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
