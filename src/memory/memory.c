/*
 * src/memory/memory.c - opening and closing a struct sst_memory, and the
 * one place its operations call the backend (see sst/memory.h).
 */
#include <string.h>

#include <sst/log.h>
#include <sst/mem.h>

#include "src/core/gzip.h"
#include "src/core/type_int.h"
#include "src/memory/memory_int.h"

void
sst_memory_opts_init(struct sst_memory_opts *o, const char *table_name)
{
    memset(o, 0, sizeof(*o));
    o->table_name = table_name;
    o->track_stats = true;
}

enum sst_code
sst_memory_open(struct sst_backend *backend,
                const struct sst_memory_opts *opts, struct sst_memory **out,
                struct sst_err *err)
{
    struct sst_memory *m;

    if (out != NULL)
        *out = NULL;
    if (backend == NULL || opts == NULL || out == NULL)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "sst_memory_open: NULL argument");
    if (opts->table_name == NULL || opts->table_name[0] == '\0')
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "sst_memory_open: a table name is required");
    m = sst_calloc(1, sizeof(*m));
    if (m == NULL)
        return sst_err_set(err, SST_E_NOMEM, "out of memory");
    m->table_name = sst_strdup(opts->table_name);
    if (m->table_name == NULL) {
        sst_free(m);
        return sst_err_set(err, SST_E_NOMEM, "out of memory");
    }
    m->backend = backend;
    m->track_stats = opts->track_stats;
    if (opts->clock != NULL)
        m->clock = *opts->clock;
    sst_ulid_gen_init(&m->ulid, opts->clock, opts->random);
    *out = m;
    return SST_OK;
}

enum sst_code
sst_memory_open_uri(const char *uri, const struct sst_memory_opts *opts,
                    struct sst_memory **out, struct sst_err *err)
{
    struct sst_backend *b = NULL;
    enum sst_code rc;

    if (out != NULL)
        *out = NULL;
    if (opts == NULL || out == NULL)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "sst_memory_open_uri: NULL argument");
    rc = sst_backend_open(uri, &b, err);
    if (rc != SST_OK)
        return rc;
    rc = sst_memory_open(b, opts, out, err);
    if (rc != SST_OK) {
        sst_backend_close(b);
        return rc;
    }
    (*out)->owns_backend = true;
    return SST_OK;
}

void
sst_memory_close(struct sst_memory *m)
{
    if (m == NULL)
        return;
    if (m->owns_backend)
        sst_backend_close(m->backend);
    sst_gzip_free(m->gzip);
    sst_free(m->table_name);
    sst_free(m);
}

struct sst_backend *
sst_memory_backend(struct sst_memory *m)
{
    return m == NULL ? NULL : m->backend;
}

const char *
sst_memory_table_name(const struct sst_memory *m)
{
    return m == NULL ? NULL : m->table_name;
}

const struct sst_clock *
sst_memory_clock(const struct sst_memory *m)
{
    return m->clock.now_us == NULL ? NULL : &m->clock;
}

enum sst_code
sst_memory_call(struct sst_memory *m, const char *op, json_object *req,
                json_object **resp, struct sst_err *err)
{
    enum sst_code rc;

    *resp = NULL;
    if (json_object_object_get_ex(req, "TableName", NULL) == 0 &&
        strcmp(op, "BatchGetItem") != 0 &&
        strcmp(op, "BatchWriteItem") != 0 &&
        strcmp(op, "TransactWriteItems") != 0 &&
        strcmp(op, "TransactGetItems") != 0) {
        json_object *name = json_object_new_string(m->table_name);

        if (name == NULL || json_object_object_add(req, "TableName", name))
        {
            json_object_put(name);
            return sst_err_set(err, SST_E_NOMEM, "out of memory");
        }
    }
    rc = sst_backend_call(m->backend, op, req, resp, err);
    if (rc != SST_OK)
        sst_log(SST_LOG_DEBUG, "memory", "%s on %s: %s", op, m->table_name,
                sst_code_name(rc));
    return rc;
}

enum sst_code
sst_memory_to_item(struct sst_memory *m, const struct sst_type *t,
                   const json_object *resource, enum sst_row row,
                   json_object **out, struct sst_err *err)
{
    enum sst_code rc;

    *out = NULL;
    if (m->gzip == NULL && sst_type_compressed(t)) {
        rc = sst_gzip_new(&m->gzip, err);
        if (rc != SST_OK)
            return rc;
    }
    return sst_type_to_item_gz(t, resource, row, sst_memory_clock(m),
                               m->gzip, out, err);
}
