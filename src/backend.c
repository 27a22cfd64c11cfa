/*
 * src/backend.c - backend registry and the sst_backend_* entry points.
 *
 * sst_backend_open() parses the URI, looks up the constructor registered
 * for its kind and calls it. Built-in backends register themselves in the
 * table below as they are compiled in; a kind with no constructor answers
 * SST_E_INVALID_ARG naming the scheme.
 */
#include <stdlib.h>

#include <sst/backend.h>

#include "backend_builtin.h"

static sst_backend_ctor ctors[SST_BACKEND_KIND_COUNT] = {
    [SST_BACKEND_EMU] = SST_BUILTIN_EMU_CTOR,
    [SST_BACKEND_HTTP] = SST_BUILTIN_HTTP_CTOR,
    [SST_BACKEND_DYNAMODB] = SST_BUILTIN_DYNAMODB_CTOR,
    [SST_BACKEND_DIFF] = SST_BUILTIN_DIFF_CTOR,
    [SST_BACKEND_FAULT] = SST_BUILTIN_FAULT_CTOR,
};

bool
sst_backend_kind_available(enum sst_backend_kind kind)
{
    return (unsigned)kind < SST_BACKEND_KIND_COUNT && ctors[kind] != NULL;
}

enum sst_code
sst_backend_register(enum sst_backend_kind kind, sst_backend_ctor ctor,
                     struct sst_err *err)
{
    if ((unsigned)kind >= SST_BACKEND_KIND_COUNT)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "backend kind %d is out of range", (int)kind);
    ctors[kind] = ctor;
    return SST_OK;
}

enum sst_code
sst_backend_open(const char *uri, struct sst_backend **out,
                 struct sst_err *err)
{
    struct sst_uri *u = NULL;
    enum sst_code rc;

    if (out == NULL)
        return sst_err_set(err, SST_E_INVALID_ARG, "out must not be NULL");
    *out = NULL;
    if (uri == NULL) {
        uri = getenv("SST_BACKEND");
        if (uri == NULL || *uri == '\0')
            return sst_err_set(err, SST_E_INVALID_ARG,
                               "no backend URI given and SST_BACKEND is "
                               "not set");
    }
    rc = sst_uri_parse(uri, &u, err);
    if (rc != SST_OK)
        return rc;
    if (ctors[u->kind] == NULL)
        rc = sst_err_set(err, SST_E_INVALID_ARG,
                         "backend scheme '%s:' is not available in this "
                         "build of libsst",
                         u->scheme);
    else
        rc = ctors[u->kind](u, out, err);
    sst_uri_free(u);
    return rc;
}

enum sst_code
sst_backend_call(struct sst_backend *b, const char *op,
                 const struct json_object *req, struct json_object **resp,
                 struct sst_err *err)
{
    if (resp == NULL)
        return sst_err_set(err, SST_E_INVALID_ARG, "resp must not be NULL");
    *resp = NULL;
    if (b == NULL || b->ops == NULL || b->ops->call == NULL)
        return sst_err_set(err, SST_E_INVALID_ARG, "backend is NULL");
    if (op == NULL || *op == '\0')
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "operation name is NULL or empty");
    if (req == NULL)
        return sst_err_set(err, SST_E_INVALID_ARG, "request is NULL");
    return b->ops->call(b, op, req, resp, err);
}

const char *
sst_backend_name(const struct sst_backend *b)
{
    if (b == NULL || b->ops == NULL || b->ops->name == NULL)
        return "";
    return b->ops->name;
}

void
sst_backend_close(struct sst_backend *b)
{
    if (b == NULL || b->ops == NULL || b->ops->close == NULL)
        return;
    b->ops->close(b);
}
