/*
 * src/memory/query.c - paginated_dynamodb_query(), list_type_by_updated_at()
 * and exhaust_pagination() (sst/memory.h, spec sections 1.3 and 2.6).
 *
 * One sst_memory_query() call renders its key condition and filter once
 * into a Query request, then calls Query until the page holds
 * results_limit resources, DynamoDB has no more, or max_api_calls is
 * reached. Python recurses once per extra call; this is the same algorithm
 * as a loop, with identical calls, Limits, efficiency arithmetic, items and
 * next key:
 *
 *   Limit      results wanted (what is still missing on later calls);
 *              with a filter (expression or filter_fn):
 *                no efficiency yet (or 0): min(want * multiplier, 1000)
 *                efficiency e > 0:         min(want * min(max(1,
 *                                              int(1/e)), 50), 1000)
 *              and at least 50
 *   efficiency per call matched/scanned (scanned: ScannedCount with a
 *              filter expression, else the items returned), running
 *              0.7 * previous + 0.3 * this call, in double as Python's
 *              float
 *   stop       at max_api_calls (the page is kept whole); when enough
 *              matched (a surplus is cut and the next key is synthesised
 *              from the last kept resource, build_lek in lek.c); when
 *              DynamoDB has no LastEvaluatedKey.
 *
 * Fixed on purpose (spec, "Where libsst differs"): type_fn is kept on
 * later calls, and a pagination key that does not decode is refused.
 */
#include <limits.h>
#include <string.h>
#include <time.h>

#include <sst/log.h>
#include <sst/mem.h>

#include "src/core/pagekey.h"
#include "src/memory/lek.h"
#include "src/memory/memory_int.h"

/* Limits of the adaptive policy (dynamodb_memory.py). */
#define MAX_QUERY_LIMIT 1000
#define MIN_FILTERED_LIMIT 50
#define MAX_LEARNED_MULTIPLIER 50

/* The state one sst_memory_query() call carries across its Query calls
 * (Python's _current_api_calls_on_stack, _observed_filter_efficiency and
 * _total_items_scanned, and the growing result list). */
struct run {
    struct sst_memory *m;
    const struct sst_query *q;
    bool filtered;
    struct sst_page *page;
    size_t cap;
};

static enum sst_code
nomem(struct sst_err *err)
{
    return sst_err_set(err, SST_E_NOMEM, "out of memory");
}

static double
monotonic_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

/* gzip mtime for the rows rebuilt to synthesise a key: any value does,
 * only key attributes are read, and the caller's clock is left alone. */
static int64_t
zero_clock(void *ud)
{
    (void)ud;
    return 0;
}

/* ------------------------------------------------------------ request */

/* Copy into dst the placeholders ("#nK" or ":vK") expr refers to, from
 * src: a builder used before holds names and values this query must not
 * send (DynamoDB refuses unused ones). */
static enum sst_code
add_refs(const char *expr, char c0, char c1, const json_object *src,
         json_object *dst, struct sst_err *err)
{
    const char *p;
    char key[24];

    for (p = expr; *p != '\0'; p++) {
        size_t n = 2;
        json_object *v;

        if (p[0] != c0 || p[1] != c1 || p[2] < '0' || p[2] > '9')
            continue;
        while (p[n] >= '0' && p[n] <= '9' && n < sizeof key - 1)
            n++;
        memcpy(key, p, n);
        key[n] = '\0';
        p += n - 1;
        if (json_object_object_get_ex(dst, key, NULL) ||
            !json_object_object_get_ex(src, key, &v))
            continue;
        if (json_object_object_add(dst, key, json_object_get(v)) != 0) {
            json_object_put(v);
            return nomem(err);
        }
    }
    return SST_OK;
}

static enum sst_code
put_str(json_object *req, const char *k, const char *v, struct sst_err *err)
{
    json_object *s = json_object_new_string(v);

    if (s == NULL || json_object_object_add(req, k, s) != 0) {
        json_object_put(s);
        return nomem(err);
    }
    return SST_OK;
}

/* Member k of req, replacing any: takes the reference to v. */
static enum sst_code
put_obj(json_object *req, const char *k, json_object *v, struct sst_err *err)
{
    if (v == NULL || json_object_object_add(req, k, v) != 0) {
        json_object_put(v);
        return nomem(err);
    }
    return SST_OK;
}

/* The request every call of this query sends, but Limit and
 * ExclusiveStartKey. */
static enum sst_code
build_request(const struct sst_query *q, json_object **out,
              struct sst_err *err)
{
    json_object *req = json_object_new_object();
    json_object *names = json_object_new_object();
    json_object *values = json_object_new_object();
    char *key = NULL, *filter = NULL;
    enum sst_code rc;

    *out = NULL;
    if (req == NULL || names == NULL || values == NULL) {
        rc = nomem(err);
        goto out;
    }
    rc = sst_exprb_render(q->b, q->key_condition, &key, err);
    if (rc == SST_OK && q->filter != NULL)
        rc = sst_exprb_render(q->b, q->filter, &filter, err);
    if (rc != SST_OK)
        goto out;
    if ((rc = add_refs(key, '#', 'n', sst_exprb_names(q->b), names, err)) ||
        (rc = add_refs(key, ':', 'v', sst_exprb_values(q->b), values, err)))
        goto out;
    if (filter != NULL &&
        ((rc = add_refs(filter, '#', 'n', sst_exprb_names(q->b), names,
                        err)) ||
         (rc = add_refs(filter, ':', 'v', sst_exprb_values(q->b), values,
                        err))))
        goto out;
    if ((rc = put_str(req, "KeyConditionExpression", key, err)) ||
        (filter != NULL &&
         (rc = put_str(req, "FilterExpression", filter, err))) ||
        (q->index_name != NULL && q->index_name[0] != '\0' &&
         (rc = put_str(req, "IndexName", q->index_name, err))) ||
        (rc = put_obj(req, "ScanIndexForward",
                      json_object_new_boolean(q->ascending), err)) ||
        (rc = put_str(req, "ReturnConsumedCapacity", "TOTAL", err)))
        goto out;
    if (json_object_object_length(names) > 0) {
        rc = put_obj(req, "ExpressionAttributeNames", names, err);
        names = NULL;
        if (rc != SST_OK)
            goto out;
    }
    if (json_object_object_length(values) > 0) {
        rc = put_obj(req, "ExpressionAttributeValues", values, err);
        values = NULL;
        if (rc != SST_OK)
            goto out;
    }
    *out = req;
    req = NULL;
out:
    sst_free(filter);
    sst_free(key);
    json_object_put(values);
    json_object_put(names);
    json_object_put(req);
    return rc;
}

/* ------------------------------------------------------------ policy */

/* The Limit of the next call, for want results still missing (step 2). */
static int64_t
query_limit(const struct run *r, int want)
{
    const struct sst_page *p = r->page;
    int64_t limit = want;
    int64_t mult;

    if (!r->filtered)
        return limit;
    if (p->has_efficiency && p->efficiency > 0) {
        double inv = 1.0 / p->efficiency;

        /* min(max(1, int(1/e)), 50); int() truncates toward zero */
        mult = inv >= MAX_LEARNED_MULTIPLIER ? MAX_LEARNED_MULTIPLIER
                                             : (int64_t)inv;
        if (mult < 1)
            mult = 1;
    } else {
        mult = r->q->filter_limit_multiplier;
        if (mult < 1) {
            mult = 1;
            sst_log(SST_LOG_WARN, "memory",
                    "filter_limit_multiplier below 1 not supported; used 1 "
                    "instead");
        }
    }
    limit = (int64_t)want * mult;
    if (limit > MAX_QUERY_LIMIT)
        limit = MAX_QUERY_LIMIT;
    return limit < MIN_FILTERED_LIMIT ? MIN_FILTERED_LIMIT : limit;
}

/* Step 5: efficiency and scanned count after one call. */
static void
track(struct run *r, const json_object *resp, size_t returned,
      size_t matched)
{
    struct sst_page *p = r->page;
    json_object *sc;
    int64_t scanned = (int64_t)returned;

    if (!r->filtered) {
        p->scanned_count = (int64_t)matched;
        return;
    }
    if (r->q->filter != NULL &&
        json_object_object_get_ex(resp, "ScannedCount", &sc))
        scanned = json_object_get_int64(sc);
    p->scanned_count += scanned;
    if (scanned > 0) {
        double e = (double)matched / (double)scanned;

        if (!p->has_efficiency) {
            p->efficiency = e;
            p->has_efficiency = true;
        } else {
            /* two statements: never fused into an FMA, as in Python */
            double kept = 0.7 * p->efficiency;
            double seen = 0.3 * e;

            p->efficiency = kept + seen;
        }
    }
}

/* ------------------------------------------------------------ items */

static enum sst_code
append(struct run *r, json_object *res, const struct sst_type *t,
       struct sst_err *err)
{
    struct sst_page *p = r->page;

    if (p->count == r->cap) {
        size_t cap = r->cap == 0 ? 16 : 2 * r->cap;
        json_object **items = sst_realloc(p->items, cap * sizeof(*items));
        const struct sst_type **types;

        if (items == NULL)
            return nomem(err);
        p->items = items;
        types = sst_realloc((void *)p->types, cap * sizeof(*types));
        if (types == NULL)
            return nomem(err);
        p->types = types;
        r->cap = cap;
    }
    p->items[p->count] = res;
    p->types[p->count] = t;
    p->count++;
    return SST_OK;
}

/* Step 4: read each item as its type, keep those filter_fn keeps. */
static enum sst_code
load_items(struct run *r, const json_object *items, size_t *matched,
           struct sst_err *err)
{
    const struct sst_query *q = r->q;
    size_t i, n = json_object_array_length(items);
    enum sst_code rc;

    *matched = 0;
    for (i = 0; i < n; i++) {
        json_object *item = json_object_array_get_idx(items, i);
        const struct sst_type *t = q->type;
        json_object *res = NULL;
        bool keep = true;

        if (q->type_fn != NULL)
            t = q->type_fn(item, q->type_ud);
        if (t == NULL)
            return sst_err_set(err, SST_E_INVALID_DATA,
                               "type_fn gave no type for an item");
        rc = sst_type_from_item(t, item, &res, err);
        if (rc == SST_OK && q->filter_fn != NULL)
            rc = q->filter_fn(t, res, q->filter_ud, &keep, err);
        if (rc == SST_OK && keep) {
            rc = append(r, res, t, err);
            if (rc == SST_OK) {
                (*matched)++;
                continue;
            }
        }
        json_object_put(res);
        if (rc != SST_OK)
            return rc;
    }
    return SST_OK;
}

/* Step 7: keep total resources, key the page on the last one. */
static enum sst_code
cut(struct run *r, size_t total, json_object **lek, struct sst_err *err)
{
    struct sst_page *p = r->page;
    const struct sst_type *t;
    json_object *row = NULL;
    struct sst_clock zero = {zero_clock, NULL};
    enum sst_code rc;

    while (p->count > total)
        json_object_put(p->items[--p->count]);
    t = p->types[total - 1];
    rc = sst_type_to_item(t, p->items[total - 1],
                          t->versioned ? SST_ROW_V0 : SST_ROW_PLAIN, &zero,
                          &row, err);
    if (rc == SST_OK)
        rc = sst_memory_build_lek(row, r->q->index_name, t, lek, err);
    json_object_put(row);
    return rc;
}

/* ------------------------------------------------------------ the loop */

static enum sst_code
run_query(struct run *r, json_object *req, json_object *start,
          json_object **lek, struct sst_err *err)
{
    const struct sst_query *q = r->q;
    struct sst_page *p = r->page;
    int limit = q->results_limit < 1 ? SST_MEMORY_DEFAULT_LIMIT
                                     : q->results_limit;
    int want = limit;
    enum sst_code rc = SST_OK;

    *lek = NULL;
    for (;;) {
        json_object *resp = NULL, *items, *cc, *units, *next = NULL;
        size_t matched = 0;

        if ((rc = put_obj(req, "Limit",
                          json_object_new_int64(query_limit(r, want)),
                          err)) != SST_OK)
            break;
        json_object_object_del(req, "ExclusiveStartKey");
        if (start != NULL &&
            (rc = put_obj(req, "ExclusiveStartKey", json_object_get(start),
                          err)) != SST_OK)
            break;
        rc = sst_memory_call(r->m, "Query", req, &resp, err);
        if (rc == SST_OK &&
            (!json_object_object_get_ex(resp, "Items", &items) ||
             !json_object_is_type(items, json_type_array)))
            rc = sst_err_set(err, SST_E_INVALID_DATA,
                             "Query answered without Items");
        if (rc == SST_OK)
            rc = load_items(r, items, &matched, err);
        if (rc != SST_OK) {
            json_object_put(resp);
            break;
        }
        track(r, resp, json_object_array_length(items), matched);
        if (json_object_object_get_ex(resp, "ConsumedCapacity", &cc) &&
            json_object_object_get_ex(cc, "CapacityUnits", &units))
            p->consumed_capacity += json_object_get_double(units);
        if (json_object_object_get_ex(resp, "LastEvaluatedKey", &next))
            json_object_get(next);
        json_object_put(resp);
        json_object_put(start);
        start = NULL;
        p->api_calls++;
        /* step 6: the order of Python's if/elif chain */
        if (p->api_calls >= q->max_api_calls) {
            *lek = next;
        } else if ((int64_t)matched < want) {
            if (next != NULL) {
                want -= (int)matched;
                start = next;
                continue;
            }
        } else if ((int64_t)matched > want) {
            json_object_put(next);
            rc = cut(r, p->count - matched + (size_t)want, lek, err);
        } else {
            *lek = next;
        }
        break;
    }
    json_object_put(start);
    return rc;
}

enum sst_code
sst_memory_query(struct sst_memory *m, const struct sst_query *q,
                 struct sst_page **out, struct sst_err *err)
{
    struct run r;
    json_object *req = NULL, *start = NULL, *lek = NULL;
    double started = monotonic_ms();
    enum sst_code rc;

    if (out != NULL)
        *out = NULL;
    if (m == NULL || q == NULL || out == NULL)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "sst_memory_query: NULL argument");
    if (q->type == NULL && q->type_fn == NULL)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "Must supply either resource_class or "
                           "resource_class_fn");
    if (q->b == NULL || q->key_condition == NULL)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "sst_memory_query: a key condition (and its "
                           "builder) is required");
    memset(&r, 0, sizeof r);
    r.m = m;
    r.q = q;
    r.filtered = q->filter != NULL || q->filter_fn != NULL;
    r.page = sst_calloc(1, sizeof(*r.page));
    if (r.page == NULL)
        return nomem(err);
    if (q->pagination_key != NULL) {
        r.page->pagination_key = sst_strdup(q->pagination_key);
        if (r.page->pagination_key == NULL) {
            rc = nomem(err);
            goto out;
        }
        /* libsst refuses a key that does not decode; Python restarts */
        rc = sst_pagekey_decode(q->pagination_key, strlen(q->pagination_key),
                                &start, err);
        if (rc != SST_OK)
            goto out;
    }
    rc = build_request(q, &req, err);
    if (rc != SST_OK)
        goto out;
    rc = run_query(&r, req, start, &lek, err);
    start = NULL;
    if (rc == SST_OK && lek != NULL)
        rc = sst_pagekey_encode(lek, &r.page->next_pagination_key, err);
out:
    json_object_put(lek);
    json_object_put(start);
    json_object_put(req);
    if (rc != SST_OK) {
        sst_page_free(r.page);
        return rc;
    }
    r.page->time_ms = monotonic_ms() - started;
    *out = r.page;
    return SST_OK;
}

/* ------------------------------------------------------------ wrappers */

void
sst_query_init(struct sst_query *q)
{
    memset(q, 0, sizeof(*q));
    q->results_limit = SST_MEMORY_DEFAULT_LIMIT;
    q->max_api_calls = SST_MEMORY_DEFAULT_MAX_API_CALLS;
    q->filter_limit_multiplier = SST_MEMORY_DEFAULT_FILTER_MULTIPLIER;
}

void
sst_page_free(struct sst_page *p)
{
    size_t i;

    if (p == NULL)
        return;
    for (i = 0; i < p->count; i++)
        json_object_put(p->items[i]);
    sst_free(p->items);
    sst_free((void *)p->types);
    sst_free(p->next_pagination_key);
    sst_free(p->pagination_key);
    sst_free(p);
}

enum sst_code
sst_memory_list_by_updated_at(struct sst_memory *m, const struct sst_type *t,
                              const struct sst_query *q,
                              struct sst_page **out, struct sst_err *err)
{
    struct sst_query lq;
    struct sst_exprb *own = NULL;
    struct sst_exprb *b;
    enum sst_code rc;

    if (out != NULL)
        *out = NULL;
    if (m == NULL || t == NULL || out == NULL)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "sst_memory_list_by_updated_at: NULL argument");
    if (q != NULL)
        lq = *q;
    else
        sst_query_init(&lq);
    /* the key condition joins the filter's builder, so that their
     * placeholders never collide */
    b = lq.b;
    if (b == NULL && lq.filter != NULL)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "sst_memory_list_by_updated_at: a filter needs "
                           "its builder (q->b)");
    if (b == NULL && (b = own = sst_exprb_new()) == NULL)
        return nomem(err);
    lq.type = t;
    lq.type_fn = NULL;
    lq.index_name = "gsitype";
    lq.b = b;
    lq.key_condition = sst_exprb_eq(b, sst_exprb_path(b, "gsitype"),
                                    sst_exprb_str(b, sst_type_gsitype(t)));
    rc = lq.key_condition == NULL ? sst_exprb_status(b, err)
                                  : sst_memory_query(m, &lq, out, err);
    sst_exprb_free(own);
    return rc;
}

enum sst_code
sst_memory_query_all(struct sst_memory *m, const struct sst_query *q,
                     sst_page_fn fn, void *ud, struct sst_err *err)
{
    struct sst_query qq;
    char *key = NULL;
    enum sst_code rc;

    if (m == NULL || q == NULL || fn == NULL)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "sst_memory_query_all: NULL argument");
    qq = *q;
    for (;;) {
        struct sst_page *page = NULL;
        bool stop = false;

        rc = sst_memory_query(m, &qq, &page, err);
        if (rc == SST_OK)
            rc = fn(page, ud, &stop, err);
        sst_free(key);
        key = NULL;
        if (rc == SST_OK && !stop && page->next_pagination_key != NULL) {
            /* the key outlives its page */
            key = page->next_pagination_key;
            page->next_pagination_key = NULL;
        }
        sst_page_free(page);
        if (key == NULL)
            break;
        qq.pagination_key = key;
    }
    return rc;
}
