/*
 * src/fault/fault_backend.c - fault injection around another backend; see
 * include/sst/fault.h for the SPEC.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <json-c/json.h>

#include <sst/fault.h>
#include <sst/mem.h>

#include "fault_backend.h"

#define PPM 1000000u
#define MAX_OPS 16

enum kind { K_THROTTLE, K_E500, K_UNAVAIL, K_DROP, K_LOST, K_COUNT };

struct fault {
    struct sst_backend base;
    struct sst_backend *inner;
    pthread_mutex_t mu;
    uint32_t ppm[K_COUNT];
    long latency_ms;
    unsigned long after, max;
    int has_max;
    char *ops[MAX_OPS];
    int nops;
    uint64_t state;
    unsigned long calls, injected;
};

static const char *const kind_keys[K_COUNT] = {"throttle", "error500",
                                               "unavailable", "drop",
                                               "lost-reply"};

/* splitmix64: small, fast, and the same sequence on every platform. */
static uint64_t
next_random(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);

    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/* "0", "1", "0.25", ".5", "1.000000": a probability in parts per million,
 * parsed exactly. */
static int
parse_ppm(const char *s, uint32_t *out)
{
    uint64_t whole = 0, frac = 0, scale = PPM;
    const char *p = s;
    int digits = 0;

    while (*p >= '0' && *p <= '9') {
        whole = whole * 10 + (uint64_t)(*p++ - '0');
        digits++;
        if (whole > 1)
            return -1;
    }
    if (*p == '.') {
        p++;
        while (*p >= '0' && *p <= '9') {
            if (scale == 1)
                return -1; /* more than six decimals */
            scale /= 10;
            frac += (uint64_t)(*p++ - '0') * scale;
            digits++;
        }
    }
    if (*p != '\0' || digits == 0 || whole * PPM + frac > PPM)
        return -1;
    *out = (uint32_t)(whole * PPM + frac);
    return 0;
}

static int
parse_ulong(const char *s, unsigned long *out)
{
    char *end;

    if (*s < '0' || *s > '9')
        return -1;
    *out = strtoul(s, &end, 10);
    return *end == '\0' && *out <= 1000000000UL ? 0 : -1;
}

static enum sst_code
set_ops(struct fault *f, const char *v, struct sst_err *err)
{
    const char *p = v;

    if (*p == '\0')
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "fault: ops must be 1 to %d operation names "
                           "joined by '+'",
                           MAX_OPS);
    while (*p) {
        const char *plus = strchr(p, '+');
        size_t n = plus ? (size_t)(plus - p) : strlen(p);

        if (n == 0 || f->nops == MAX_OPS)
            return sst_err_set(err, SST_E_INVALID_ARG,
                               "fault: ops must be 1 to %d operation names "
                               "joined by '+'",
                               MAX_OPS);
        f->ops[f->nops] = sst_strndup(p, n);
        if (f->ops[f->nops] == NULL)
            return sst_err_set(err, SST_E_NOMEM, "out of memory");
        f->nops++;
        p += n + (plus ? 1 : 0);
        if (plus && *p == '\0')
            return sst_err_set(err, SST_E_INVALID_ARG,
                               "fault: ops ends with '+'");
    }
    return SST_OK;
}

static enum sst_code
apply_setting(struct fault *f, const char *key, const char *value,
              struct sst_err *err)
{
    unsigned long n;
    int k;

    for (k = 0; k < K_COUNT; k++)
        if (strcmp(key, kind_keys[k]) == 0) {
            if (parse_ppm(value, &f->ppm[k]) != 0)
                return sst_err_set(err, SST_E_INVALID_ARG,
                                   "fault: %s must be a probability from 0 "
                                   "to 1 with at most six decimals, not '%s'",
                                   key, value);
            return SST_OK;
        }
    if (strcmp(key, "ops") == 0)
        return set_ops(f, value, err);
    if (parse_ulong(value, &n) != 0)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "fault: %s must be a whole number, not '%s'", key,
                           value);
    if (strcmp(key, "latency") == 0)
        f->latency_ms = (long)n;
    else if (strcmp(key, "after") == 0)
        f->after = n;
    else if (strcmp(key, "max") == 0) {
        f->max = n;
        f->has_max = 1;
    } else if (strcmp(key, "seed") == 0)
        f->state = n;
    else
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "fault: unknown setting '%s' (expected throttle, "
                           "error500, unavailable, drop, lost-reply, "
                           "latency, ops, after, max or seed)",
                           key);
    return SST_OK;
}

static int
op_selected(const struct fault *f, const char *op)
{
    int i;

    if (f->nops == 0)
        return 1;
    for (i = 0; i < f->nops; i++)
        if (strcmp(f->ops[i], op) == 0)
            return 1;
    return 0;
}

/* Decide this call's fault under the lock; K_COUNT for none. */
static enum kind
draw(struct fault *f, const char *op)
{
    enum kind chosen = K_COUNT;
    uint32_t r, edge = 0;
    int k;

    pthread_mutex_lock(&f->mu);
    f->calls++;
    r = (uint32_t)(next_random(&f->state) % PPM);
    if (f->calls > f->after && op_selected(f, op) &&
        (!f->has_max || f->injected < f->max)) {
        for (k = 0; k < K_COUNT; k++) {
            edge += f->ppm[k];
            if (r < edge) {
                chosen = (enum kind)k;
                f->injected++;
                break;
            }
        }
    }
    pthread_mutex_unlock(&f->mu);
    return chosen;
}

static enum sst_code
fault_call(struct sst_backend *b, const char *op,
           const struct json_object *req, struct json_object **resp,
           struct sst_err *err)
{
    struct fault *f = (struct fault *)b;
    enum kind k = draw(f, op);
    enum sst_code rc;

    if (f->latency_ms > 0) {
        struct timespec ts = {f->latency_ms / 1000,
                              (f->latency_ms % 1000) * 1000000L};
        while (nanosleep(&ts, &ts) != 0)
            ;
    }
    switch (k) {
    case K_THROTTLE:
        return sst_err_set_dynamodb(
            err,
            "com.amazonaws.dynamodb.v20120810#"
            "ProvisionedThroughputExceededException",
            "The level of configured provisioned throughput for the table "
            "was exceeded. Consider increasing your provisioning level with "
            "the UpdateTable API.",
            400);
    case K_E500:
        return sst_err_set_dynamodb(
            err, "com.amazonaws.dynamodb.v20120810#InternalServerError",
            "Internal server error", 500);
    case K_UNAVAIL:
        return sst_err_set_dynamodb(
            err, "com.amazon.coral.availability#ServiceUnavailableException",
            "Service unavailable", 503);
    case K_DROP:
        return sst_err_set(err, SST_E_TRANSPORT,
                           "%s: connection dropped before the request was "
                           "sent (injected)",
                           op);
    case K_LOST:
        rc = sst_backend_call(f->inner, op, req, resp, err);
        json_object_put(*resp);
        *resp = NULL;
        (void)rc;
        return sst_err_set(err, SST_E_TRANSPORT,
                           "%s: connection dropped before the answer "
                           "arrived (injected)",
                           op);
    default:
        return sst_backend_call(f->inner, op, req, resp, err);
    }
}

static void
free_fault(struct fault *f, int close_inner)
{
    int i;

    if (close_inner)
        sst_backend_close(f->inner);
    for (i = 0; i < f->nops; i++)
        sst_free(f->ops[i]);
    pthread_mutex_destroy(&f->mu);
    sst_free(f);
}

static void
fault_close(struct sst_backend *b)
{
    free_fault((struct fault *)b, 1);
}

static const struct sst_backend_ops fault_ops = {"fault", fault_call,
                                                 fault_close};

enum sst_code
sst_fault_backend_new(struct sst_backend *inner, const char *spec,
                      struct sst_backend **out, struct sst_err *err)
{
    struct fault *f;
    struct sst_uri *u = NULL;
    char *uri = NULL;
    uint64_t total = 0;
    size_t i;
    int k;
    enum sst_code rc;

    if (out == NULL || inner == NULL || spec == NULL)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "inner, spec and out must not be NULL");
    *out = NULL;
    /* Reuse the URI parser's SPEC syntax by parsing a complete URI. */
    uri = sst_malloc(strlen(spec) + 32);
    if (uri == NULL)
        return sst_err_set(err, SST_E_NOMEM, "out of memory");
    strcpy(uri, "fault:");
    strcat(uri, spec);
    strcat(uri, "|emu::memory:");
    rc = sst_uri_parse(uri, &u, err);
    sst_free(uri);
    if (rc != SST_OK)
        return rc;
    f = sst_calloc(1, sizeof *f);
    if (f == NULL) {
        sst_uri_free(u);
        return sst_err_set(err, SST_E_NOMEM, "out of memory");
    }
    f->base.ops = &fault_ops;
    f->state = 1;
    pthread_mutex_init(&f->mu, NULL);
    for (i = 0; i < u->fault_opt_count && rc == SST_OK; i++)
        rc = apply_setting(f, u->fault_opts[i].key, u->fault_opts[i].value,
                           err);
    sst_uri_free(u);
    for (k = 0; k < K_COUNT; k++)
        total += f->ppm[k];
    if (rc == SST_OK && total > PPM)
        rc = sst_err_set(err, SST_E_INVALID_ARG,
                         "fault: the probabilities add up to more than 1");
    if (rc != SST_OK) {
        free_fault(f, 0);
        return rc;
    }
    f->inner = inner;
    *out = &f->base;
    return SST_OK;
}

enum sst_code
sst_fault_backend_open_uri(const struct sst_uri *u, struct sst_backend **out,
                           struct sst_err *err)
{
    struct sst_backend *inner = NULL;
    char *spec;
    enum sst_code rc;

    *out = NULL;
    /* inner_a is the wrapped URI; SPEC is rebuilt from the parsed opts. */
    rc = sst_backend_open(u->inner_a, &inner, err);
    if (rc != SST_OK)
        return rc;
    {
        size_t i, len = 1;

        for (i = 0; i < u->fault_opt_count; i++)
            len += strlen(u->fault_opts[i].key) +
                   strlen(u->fault_opts[i].value) + 2;
        spec = sst_malloc(len);
        if (spec == NULL) {
            sst_backend_close(inner);
            return sst_err_set(err, SST_E_NOMEM, "out of memory");
        }
        spec[0] = '\0';
        for (i = 0; i < u->fault_opt_count; i++) {
            if (i)
                strcat(spec, ",");
            strcat(spec, u->fault_opts[i].key);
            if (u->fault_opts[i].value[0]) {
                strcat(spec, "=");
                strcat(spec, u->fault_opts[i].value);
            }
        }
    }
    rc = sst_fault_backend_new(inner, spec, out, err);
    sst_free(spec);
    if (rc != SST_OK)
        sst_backend_close(inner);
    return rc;
}

unsigned long
sst_fault_calls(const struct sst_backend *b)
{
    struct fault *f = (struct fault *)b;
    unsigned long n;

    if (b == NULL || b->ops != &fault_ops)
        return 0;
    pthread_mutex_lock(&f->mu);
    n = f->calls;
    pthread_mutex_unlock(&f->mu);
    return n;
}

unsigned long
sst_fault_injected(const struct sst_backend *b)
{
    struct fault *f = (struct fault *)b;
    unsigned long n;

    if (b == NULL || b->ops != &fault_ops)
        return 0;
    pthread_mutex_lock(&f->mu);
    n = f->injected;
    pthread_mutex_unlock(&f->mu);
    return n;
}
