/*
 * tests/memory/recorder.c - see recorder.h.
 */
#include <string.h>

#include <json-c/json.h>

#include "tests/memory/recorder.h"

static enum sst_code
rec_call(struct sst_backend *b, const char *op, const struct json_object *req,
         struct json_object **resp, struct sst_err *err)
{
    struct sst_rec *r = (struct sst_rec *)b;

    r->calls++;
    if (strcmp(op, "Query") == 0) {
        json_object *limit = NULL;

        if (r->queries < SST_REC_MAX)
            r->limits[r->queries] =
                json_object_object_get_ex(req, "Limit", &limit)
                    ? json_object_get_int64(limit)
                    : -1;
        r->queries++;
        json_object_put(r->last_query);
        r->last_query = NULL;
        json_object_deep_copy((json_object *)req, &r->last_query, NULL);
    }
    return sst_backend_call(r->inner, op, req, resp, err);
}

static void
rec_close(struct sst_backend *b)
{
    (void)b;
}

static const struct sst_backend_ops rec_ops = {"recorder", rec_call,
                                               rec_close};

void
sst_rec_init(struct sst_rec *r, struct sst_backend *inner)
{
    memset(r, 0, sizeof(*r));
    r->base.ops = &rec_ops;
    r->inner = inner;
}

void
sst_rec_reset(struct sst_rec *r)
{
    json_object_put(r->last_query);
    r->last_query = NULL;
    r->calls = 0;
    r->queries = 0;
    memset(r->limits, 0, sizeof r->limits);
}

void
sst_rec_cleanup(struct sst_rec *r)
{
    sst_rec_reset(r);
}
