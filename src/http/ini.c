/*
 * src/http/ini.c - the AWS shared-file INI dialect; see ini.h.
 */
#include <string.h>

#include <sst/mem.h>

#include "ini.h"

struct entry {
    char *section;
    char *key;
    char *value;
};

struct sst_ini {
    struct entry *v;
    size_t n, cap;
};

static int
is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

/* Trim [*s, *e) of blanks on both sides. */
static void
trim(const char **s, const char **e)
{
    while (*s < *e && is_blank(**s))
        (*s)++;
    while (*e > *s && is_blank((*e)[-1]))
        (*e)--;
}

static enum sst_code
add(struct sst_ini *ini, const char *sec, size_t sl, const char *k,
    size_t kl, const char *v, size_t vl, struct sst_err *err)
{
    struct entry *e;

    if (ini->n == ini->cap) {
        size_t cap = ini->cap ? ini->cap * 2 : 16;
        struct entry *p = sst_realloc(ini->v, cap * sizeof *p);
        if (p == NULL)
            return sst_err_set(err, SST_E_NOMEM, "out of memory");
        ini->v = p;
        ini->cap = cap;
    }
    e = &ini->v[ini->n];
    e->section = sst_strndup(sec, sl);
    e->key = sst_strndup(k, kl);
    e->value = sst_strndup(v, vl);
    ini->n++; /* counted even when partial, so free releases it */
    if (!e->section || !e->key || !e->value)
        return sst_err_set(err, SST_E_NOMEM, "out of memory");
    return SST_OK;
}

enum sst_code
sst_ini_parse(const char *text, size_t len, struct sst_ini **out,
              struct sst_err *err)
{
    struct sst_ini *ini;
    const char *p = text, *end = text + len;
    const char *sec = NULL;
    size_t sl = 0;
    unsigned line = 0;
    enum sst_code rc = SST_OK;

    *out = NULL;
    if (len > SST_INI_MAX_BYTES)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "AWS config file is larger than %u bytes",
                           SST_INI_MAX_BYTES);
    ini = sst_calloc(1, sizeof *ini);
    if (ini == NULL)
        return sst_err_set(err, SST_E_NOMEM, "out of memory");
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end, *s = p, *e = le;

        line++;
        p = nl ? nl + 1 : end;
        if (s < e && is_blank(*s) && sec != NULL)
            continue; /* nested setting of the previous key */
        trim(&s, &e);
        if (s == e || *s == '#' || *s == ';')
            continue;
        if (memchr(s, '\0', (size_t)(e - s))) {
            rc = sst_err_set(err, SST_E_INVALID_ARG,
                             "AWS config file line %u holds a NUL byte",
                             line);
            goto out;
        }
        if (*s == '[') {
            const char *close = memchr(s, ']', (size_t)(e - s));
            const char *a = s + 1, *b;

            if (close == NULL) {
                rc = sst_err_set(err, SST_E_INVALID_ARG,
                                 "AWS config file line %u: unterminated "
                                 "section header",
                                 line);
                goto out;
            }
            b = close;
            trim(&a, &b);
            sec = a;
            sl = (size_t)(b - a);
            continue;
        }
        {
            const char *eq = memchr(s, '=', (size_t)(e - s));
            const char *ks = s, *ke, *vs, *ve = e;

            if (eq == NULL || sec == NULL) {
                rc = sst_err_set(err, SST_E_INVALID_ARG,
                                 "AWS config file line %u: expected "
                                 "[section] or key = value",
                                 line);
                goto out;
            }
            ke = eq;
            vs = eq + 1;
            trim(&ks, &ke);
            trim(&vs, &ve);
            if (ks == ke) {
                rc = sst_err_set(err, SST_E_INVALID_ARG,
                                 "AWS config file line %u: empty key", line);
                goto out;
            }
            rc = add(ini, sec, sl, ks, (size_t)(ke - ks), vs,
                     (size_t)(ve - vs), err);
            if (rc != SST_OK)
                goto out;
        }
    }
out:
    if (rc != SST_OK)
        sst_ini_free(ini);
    else
        *out = ini;
    return rc;
}

const char *
sst_ini_get(const struct sst_ini *ini, const char *section, const char *key)
{
    size_t i;

    if (ini == NULL)
        return NULL;
    for (i = ini->n; i-- > 0;)
        if (strcmp(ini->v[i].section, section) == 0 &&
            strcmp(ini->v[i].key, key) == 0)
            return ini->v[i].value;
    return NULL;
}

void
sst_ini_free(struct sst_ini *ini)
{
    size_t i;

    if (ini == NULL)
        return;
    for (i = 0; i < ini->n; i++) {
        sst_free(ini->v[i].section);
        sst_free(ini->v[i].key);
        sst_free(ini->v[i].value);
    }
    sst_free(ini->v);
    sst_free(ini);
}
