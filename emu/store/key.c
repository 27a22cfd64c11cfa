/*
 * emu/store/key.c - order-preserving key components (see key.h).
 *
 * Escaping is done in one pass into a buffer grown once to the worst case
 * (every byte a 0x00, so twice the value plus the terminator).
 */
#include <string.h>

#include <sst/mem.h>

#include "emu/expr/num.h"
#include "emu/store/key.h"

#define ESC 0x00
#define ESC_ZERO 0xFF /* 0x00 0xFF: a 0x00 byte of the value */
#define ESC_END 0x01  /* 0x00 0x01: end of the component     */

void
sst_emu_key_init(struct sst_emu_key *k)
{
    k->data = k->inline_buf;
    k->len = 0;
    k->cap = sizeof k->inline_buf;
}

void
sst_emu_key_cleanup(struct sst_emu_key *k)
{
    if (k->data != k->inline_buf)
        sst_free(k->data);
    sst_emu_key_init(k);
}

void
sst_emu_key_reset(struct sst_emu_key *k)
{
    k->len = 0;
}

static enum sst_code
reserve(struct sst_emu_key *k, size_t more, struct sst_err *err)
{
    size_t need, cap;
    uint8_t *p;

    if (more > SST_EMU_KEY_MAX || k->len > SST_EMU_KEY_MAX - more)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "key exceeds %d bytes once encoded",
                           SST_EMU_KEY_MAX);
    need = k->len + more;
    if (need <= k->cap)
        return SST_OK;
    cap = k->cap * 2;
    while (cap < need)
        cap *= 2;
    if (cap > SST_EMU_KEY_MAX)
        cap = SST_EMU_KEY_MAX;
    if (k->data == k->inline_buf) {
        p = sst_malloc(cap);
        if (p != NULL)
            memcpy(p, k->data, k->len);
    } else {
        p = sst_realloc(k->data, cap);
    }
    if (p == NULL)
        return sst_err_set(err, SST_E_NOMEM, "out of memory building a key");
    k->data = p;
    k->cap = cap;
    return SST_OK;
}

static enum sst_code
add_component(struct sst_emu_key *k, const uint8_t *v, size_t n,
              struct sst_err *err)
{
    enum sst_code rc;
    uint8_t *o;
    size_t i;

    if (n > SST_EMU_KEY_MAX)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "key exceeds %d bytes once encoded",
                           SST_EMU_KEY_MAX);
    rc = reserve(k, 2 * n + 2, err);
    if (rc != SST_OK)
        return rc;
    o = k->data + k->len;
    for (i = 0; i < n; i++) {
        *o++ = v[i];
        if (v[i] == ESC)
            *o++ = ESC_ZERO;
    }
    *o++ = ESC;
    *o++ = ESC_END;
    k->len = (size_t)(o - k->data);
    return SST_OK;
}

enum sst_code
sst_emu_key_add_s(struct sst_emu_key *k, const char *s, size_t n,
                  struct sst_err *err)
{
    return add_component(k, (const uint8_t *)s, n, err);
}

enum sst_code
sst_emu_key_add_b(struct sst_emu_key *k, const uint8_t *b, size_t n,
                  struct sst_err *err)
{
    return add_component(k, b, n, err);
}

enum sst_code
sst_emu_key_add_n(struct sst_emu_key *k, const uint8_t *enc, size_t n,
                  struct sst_err *err)
{
    return add_component(k, enc, n, err);
}

enum sst_code
sst_emu_key_set_raw(struct sst_emu_key *k, const uint8_t *p, size_t n,
                    struct sst_err *err)
{
    enum sst_code rc;

    k->len = 0;
    rc = reserve(k, n, err);
    if (rc != SST_OK)
        return rc;
    if (n > 0)
        memcpy(k->data, p, n);
    k->len = n;
    return SST_OK;
}

enum sst_code
sst_emu_key_add_raw(struct sst_emu_key *k, const uint8_t *p, size_t n,
                    struct sst_err *err)
{
    enum sst_code rc = reserve(k, n, err);

    if (rc != SST_OK)
        return rc;
    if (n > 0)
        memcpy(k->data + k->len, p, n);
    k->len += n;
    return SST_OK;
}

bool
sst_emu_key_decode(const uint8_t *p, size_t n, uint8_t *out, size_t *out_len,
                   size_t *consumed)
{
    size_t i = 0, o = 0;

    while (i < n) {
        if (p[i] != ESC) {
            if (out != NULL)
                out[o] = p[i];
            o++;
            i++;
            continue;
        }
        if (i + 1 >= n)
            return false;
        if (p[i + 1] == ESC_END) {
            *out_len = o;
            *consumed = i + 2;
            return true;
        }
        if (p[i + 1] != ESC_ZERO)
            return false;
        if (out != NULL)
            out[o] = 0x00;
        o++;
        i += 2;
    }
    return false;
}

enum sst_code
sst_emu_key_add_av(struct sst_emu_key *k, const struct sst_av *v,
                   struct sst_err *err)
{
    uint8_t enc[SST_NUM_KEY_MAX];
    size_t n;

    switch (v->type) {
    case SST_AV_S:
        return sst_emu_key_add_s(k, v->u.str.ptr, v->u.str.len, err);
    case SST_AV_B:
        return sst_emu_key_add_b(k, (const uint8_t *)v->u.str.ptr, v->u.str.len,
                                 err);
    case SST_AV_N:
        n = sst_num_key_encode(&v->u.num, enc);
        return sst_emu_key_add_n(k, enc, n, err);
    default:
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "a key value must be S, N or B");
    }
}

size_t
sst_emu_key_component_len(const uint8_t *p, size_t n)
{
    size_t i = 0;

    /* 0x00 0x01 ends it; 0x00 0xFF is an escaped 0x00 of the value */
    while (i + 1 < n) {
        if (p[i] != 0x00)
            i++;
        else if (p[i + 1] == 0x01)
            return i + 2;
        else
            i += 2;
    }
    return 0;
}
