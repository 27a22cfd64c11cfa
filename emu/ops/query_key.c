/*
 * emu/ops/query_key.c - a Query's KeyConditionExpression (query_key.h).
 */
#include <string.h>

#include <sst/mem.h>

#include "emu/expr/keycond.h"
#include "emu/ops/query_key.h"
#include "emu/store/key.h"

struct sst_emu_query_key {
    struct sst_emu_key_condition kc;
    bool has_range;
    /* The bounds as key components (emu/store/key.h), for matching a
     * row's sort key on its key bytes: lo (without its terminator for
     * BEGINS_WITH, a prefix then), hi for BETWEEN. */
    bool encoded;
    struct sst_emu_key lo, hi;
};

/* Key components order as their values do (key.h), and a component
 * never is a proper prefix of another, so bytes compare as values. */
static int
cmp_bytes(const uint8_t *a, size_t an, const struct sst_emu_key *b)
{
    int c = memcmp(a, b->data, an < b->len ? an : b->len);

    return c != 0 ? c : an < b->len ? -1 : an > b->len ? 1 : 0;
}

/* Encode the bounds of q; a bound that cannot be encoded (out of memory)
 * leaves q to match on values. */
static void
encode_bounds(struct sst_emu_query_key *q)
{
    const struct sst_emu_key_condition *kc = &q->kc;

    if (kc->op == SST_EMU_KEY_ANY ||
        sst_emu_key_add_av(&q->lo, kc->lo, NULL) != SST_OK ||
        (kc->op == SST_EMU_KEY_BETWEEN &&
         (kc->hi == NULL ||
          sst_emu_key_add_av(&q->hi, kc->hi, NULL) != SST_OK)))
        return;
    if (kc->op == SST_EMU_KEY_BEGINS_WITH)
        q->lo.len -= 2; /* the terminator: a prefix of the component */
    q->encoded = true;
}

static void
schema_of(const struct sst_emu_query_schema *qs, struct sst_emu_key_schema *ks)
{
    memset(ks, 0, sizeof *ks);
    ks->hash = qs->hash;
    ks->hash_len = strlen(qs->hash);
    ks->hash_type = qs->hash_type;
    if (qs->range != NULL) {
        ks->range = qs->range;
        ks->range_len = strlen(qs->range);
        ks->range_type = qs->range_type;
    }
}

enum sst_code
sst_emu_query_key_analyze(const struct sst_emu_expr *kc,
                          const struct sst_emu_bindings *b,
                          const struct sst_emu_query_schema *qs,
                          struct sst_emu_query_key **out, struct sst_err *err)
{
    struct sst_emu_key_schema ks;
    struct sst_emu_query_key *q;
    enum sst_code rc;

    *out = NULL;
    q = sst_calloc(1, sizeof *q);
    if (q == NULL)
        return sst_err_set(err, SST_E_NOMEM, "out of memory");
    sst_emu_key_init(&q->lo);
    sst_emu_key_init(&q->hi);
    schema_of(qs, &ks);
    rc = sst_emu_key_condition_analyze(kc, b, &ks, &q->kc, err);
    if (rc != SST_OK) {
        sst_emu_query_key_free(q);
        return rc;
    }
    q->has_range = qs->range != NULL;
    encode_bounds(q);
    *out = q;
    return SST_OK;
}

const struct sst_av *
sst_emu_query_key_hash(const struct sst_emu_query_key *q)
{
    return q->kc.hash;
}

const struct sst_av *
sst_emu_query_key_lower(const struct sst_emu_query_key *q)
{
    switch (q->kc.op) {
    case SST_EMU_KEY_EQ:
    case SST_EMU_KEY_GT:
    case SST_EMU_KEY_GE:
    case SST_EMU_KEY_BETWEEN:
    case SST_EMU_KEY_BEGINS_WITH:
        return q->kc.lo;
    default:
        return NULL;
    }
}

bool
sst_emu_query_key_any(const struct sst_emu_query_key *q)
{
    return q->kc.op == SST_EMU_KEY_ANY;
}

bool
sst_emu_query_key_match(const struct sst_emu_query_key *q,
                        const struct sst_av *range_value)
{
    if (q->kc.op == SST_EMU_KEY_ANY)
        return true;
    if (range_value == NULL)
        return false;
    return sst_emu_key_condition_match(&q->kc, range_value);
}

/* Whether two values of one key type are equal. */
static bool
av_equal(const struct sst_av *a, const struct sst_av *b)
{
    int order = 1;

    return sst_av_cmp(a, b, &order) && order == 0;
}

bool
sst_emu_query_key_start_ok(const struct sst_emu_query_key *q,
                           const struct sst_av *range_value, bool reverse,
                           bool exclusive)
{
    if (!sst_emu_query_key_match(q, range_value))
        return false;
    if (!exclusive)
        return true;
    /* DynamoDB Local: nothing may be left to read past the start on an
     * inclusive bound the walk moves towards (<= and BETWEEN's upper
     * forward, >= and BETWEEN's lower backward); = and begins_with are
     * exempt. */
    switch (q->kc.op) {
    case SST_EMU_KEY_LE:
        return reverse || !av_equal(range_value, q->kc.lo);
    case SST_EMU_KEY_GE:
        return !reverse || !av_equal(range_value, q->kc.lo);
    case SST_EMU_KEY_BETWEEN:
        return !av_equal(range_value, reverse ? q->kc.lo : q->kc.hi);
    default:
        return true;
    }
}

const struct sst_av *
sst_emu_query_key_end_bound(const struct sst_emu_query_key *q, bool reverse)
{
    switch (q->kc.op) {
    case SST_EMU_KEY_LE:
        return reverse ? NULL : q->kc.lo;
    case SST_EMU_KEY_GE:
        return reverse ? q->kc.lo : NULL;
    case SST_EMU_KEY_BETWEEN:
        return reverse ? q->kc.lo : q->kc.hi;
    default:
        return NULL;
    }
}

bool
sst_emu_query_key_ends_at(const struct sst_emu_query_key *q,
                          const struct sst_av *range_value, bool reverse)
{
    const struct sst_av *bound = sst_emu_query_key_end_bound(q, reverse);

    if (!q->has_range)
        return true;
    return bound != NULL && range_value != NULL &&
           av_equal(range_value, bound);
}

enum sst_code
sst_emu_query_filter_keys(const struct sst_emu_expr *filter,
                          const struct sst_emu_bindings *b,
                          const struct sst_emu_query_schema *qs,
                          struct sst_err *err)
{
    struct sst_emu_key_schema ks;

    if (filter->ast == NULL)
        return SST_OK;
    schema_of(qs, &ks);
    return sst_emu_filter_check_keys(filter, b, &ks, err);
}

void
sst_emu_query_key_free(struct sst_emu_query_key *q)
{
    if (q == NULL)
        return;
    sst_emu_key_cleanup(&q->lo);
    sst_emu_key_cleanup(&q->hi);
    sst_free(q);
}

int
sst_emu_query_key_match_bytes(const struct sst_emu_query_key *q,
                              const uint8_t *comp, size_t n)
{
    int a;

    if (!q->encoded)
        return -1;
    if (q->kc.op == SST_EMU_KEY_BEGINS_WITH)
        return n >= q->lo.len && memcmp(comp, q->lo.data, q->lo.len) == 0;
    a = cmp_bytes(comp, n, &q->lo);
    switch (q->kc.op) {
    case SST_EMU_KEY_EQ:
        return a == 0;
    case SST_EMU_KEY_LT:
        return a < 0;
    case SST_EMU_KEY_LE:
        return a <= 0;
    case SST_EMU_KEY_GT:
        return a > 0;
    case SST_EMU_KEY_GE:
        return a >= 0;
    case SST_EMU_KEY_BETWEEN:
        return a >= 0 && cmp_bytes(comp, n, &q->hi) <= 0;
    default:
        return -1;
    }
}
