/*
 * src/memory/lek.c - build_lek_data(): the LastEvaluatedKey of a page the
 * paginated query cut short (see lek.h and spec section 2.6).
 *
 * Groups of candidate attribute names are ranked; the key takes its index
 * attributes from the first group the item carries. Group 1 comes from
 * the index name (the naming convention), group 2 from the GSI config
 * entry whose label names the index. Names are borrowed from the config or
 * built here (group 1), and live until the key is built.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <sst/mem.h>

#include "src/memory/lek.h"

/* A ranked group: up to n attribute names, borrowed. */
struct group {
    const char **names;
    size_t n;
};

/* ------------------------------------------------------------ names */

static bool
is_legacy(const char *index)
{
    /* LEGACY_INDEX_NAMES = ("gsi1", "gsi2", "gsi3") */
    return strcmp(index, "gsi1") == 0 || strcmp(index, "gsi2") == 0 ||
           strcmp(index, "gsi3") == 0;
}

static bool
ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);

    return n >= k && memcmp(s + n - k, suffix, k) == 0;
}

static char
fold(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* normalize_index_name(s) == norm, or startswith(norm) when prefix:
 * '-' and '_' dropped, ASCII letters folded, without a copy. */
static bool
norm_match(const char *s, const char *norm, bool prefix)
{
    for (; *s != '\0'; s++) {
        if (*s == '-' || *s == '_')
            continue;
        if (*norm == '\0')
            return prefix;
        if (fold(*s) != *norm)
            return false;
        norm++;
    }
    return *norm == '\0';
}

static char *
normalize(const char *name)
{
    char *out = sst_malloc(strlen(name) + 1);
    size_t k = 0;

    if (out == NULL)
        return NULL;
    for (; *name != '\0'; name++)
        if (*name != '-' && *name != '_')
            out[k++] = fold(*name);
    out[k] = '\0';
    return out;
}

/* Python's repr() of a str, into buf (truncated to cap). */
static void
py_repr(const char *s, char *buf, size_t cap)
{
    char q = strchr(s, '\'') != NULL && strchr(s, '"') == NULL ? '"' : '\'';
    size_t k = 0;

    if (cap < 8)
        return;
    buf[k++] = q;
    for (; *s != '\0' && k + 6 < cap; s++) {
        unsigned char c = (unsigned char)*s;

        if (c == '\\' || c == (unsigned char)q) {
            buf[k++] = '\\';
            buf[k++] = (char)c;
        } else if (c == '\n' || c == '\r' || c == '\t') {
            buf[k++] = '\\';
            buf[k++] = c == '\n' ? 'n' : c == '\r' ? 'r' : 't';
        } else if (c < 0x20 || c == 0x7f) {
            k += (size_t)snprintf(buf + k, cap - k, "\\x%02x", c);
        } else {
            buf[k++] = (char)c;
        }
    }
    buf[k++] = q;
    buf[k] = '\0';
}

/* ------------------------------------------------------------ config */

static bool
entry_declares(const struct sst_gsi *g, const char *attr)
{
    size_t i;

    for (i = 0; i < g->nattrs; i++) {
        const struct sst_gsi_attr *a = &g->attrs[i];

        if ((a->attr != NULL && strcmp(a->attr, attr) == 0) ||
            (a->sk_attr != NULL && strcmp(a->sk_attr, attr) == 0))
            return true;
    }
    return false;
}

static const struct sst_gsi *
entry_exact(const struct sst_gsi *cfg, size_t n, const char *index)
{
    size_t i;

    /* dict.get(index_name): the first entry labelled so */
    for (i = 0; i < n; i++)
        if (cfg[i].label != NULL && strcmp(cfg[i].label, index) == 0)
            return &cfg[i];
    return NULL;
}

static const struct sst_gsi *
entry_normalized(const struct sst_gsi *cfg, size_t n, const char *norm)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (cfg[i].label != NULL && norm_match(cfg[i].label, norm, false))
            return &cfg[i];
    return NULL;
}

/* _config_entry_attributes(entry), those named for the index first. */
static enum sst_code
declared_group(const struct sst_gsi *g, const char *norm, struct group *out,
               struct sst_err *err)
{
    size_t i, pass;

    out->n = 0;
    out->names = sst_calloc(2 * g->nattrs + 1, sizeof(*out->names));
    if (out->names == NULL)
        return sst_err_set(err, SST_E_NOMEM, "out of memory");
    for (pass = 0; pass < 2; pass++) {
        for (i = 0; i < g->nattrs; i++) {
            const char *two[2] = {g->attrs[i].attr, g->attrs[i].sk_attr};
            size_t k;

            for (k = 0; k < 2; k++) {
                bool named;

                if (two[k] == NULL)
                    continue;
                named = norm_match(two[k], norm, true);
                if (named == (pass == 0))
                    out->names[out->n++] = two[k];
            }
        }
    }
    return SST_OK;
}

/* ------------------------------------------------------------ key */

static enum sst_code
copy_attr(const json_object *item, const char *name, json_object *lek,
          struct sst_err *err)
{
    json_object *v = NULL;

    if (!json_object_object_get_ex(item, name, &v))
        return SST_OK;
    if (json_object_object_add(lek, name, json_object_get(v)) != 0) {
        json_object_put(v);
        return sst_err_set(err, SST_E_NOMEM, "out of memory");
    }
    return SST_OK;
}

/* The first pk-ish and sk-ish names of g the item carries; false when
 * it carries neither. */
static bool
pick(const struct group *g, const json_object *item, const char **pk,
     const char **sk)
{
    size_t i;

    *pk = NULL;
    *sk = NULL;
    for (i = 0; i < g->n; i++) {
        const char *a = g->names[i];

        if (!json_object_object_get_ex(item, a, NULL))
            continue;
        if (*pk == NULL && ends_with(a, "pk"))
            *pk = a;
        if (*sk == NULL && ends_with(a, "sk"))
            *sk = a;
    }
    return *pk != NULL || *sk != NULL;
}

static enum sst_code
index_attrs(const json_object *item, const char *index,
            const struct sst_type *t, json_object *lek, struct sst_err *err)
{
    const struct sst_gsi *cfg = NULL, *exact, *entry;
    size_t ncfg = 0, i;
    struct group groups[2];
    size_t ngroups = 1;
    char *norm = NULL, *g1pk = NULL, *g1sk = NULL;
    const char *g1[2];
    const char *pk, *sk;
    char shown[200];
    enum sst_code rc = SST_OK;

    memset(groups, 0, sizeof groups);
    if (t != NULL)
        cfg = sst_type_gsi_config(t, &ncfg);
    norm = normalize(index);
    /* group 1: gsi1/gsi2/gsi3 as they always were, else <norm>pk/sk */
    if (norm == NULL ||
        (g1pk = sst_malloc(strlen(index) + strlen(norm) + 3)) == NULL ||
        (g1sk = sst_malloc(strlen(index) + strlen(norm) + 3)) == NULL) {
        rc = sst_err_set(err, SST_E_NOMEM, "out of memory");
        goto out;
    }
    exact = entry_exact(cfg, ncfg, index);
    groups[0].names = g1;
    if (is_legacy(index)) {
        bool declares = false;

        sprintf(g1pk, "%spk", index);
        sprintf(g1sk, "%ssk", index);
        for (i = 0; i < ncfg && !declares; i++)
            declares = entry_declares(&cfg[i], g1sk);
        g1[0] = g1pk;
        g1[1] = g1sk;
        groups[0].n =
            strcmp(index, "gsi3") == 0 || exact != NULL || declares ? 2 : 1;
    } else {
        sprintf(g1pk, "%spk", norm);
        sprintf(g1sk, "%ssk", norm);
        g1[0] = g1pk;
        g1[1] = g1sk;
        groups[0].n = 2;
    }
    /* group 2: the entry labelled for this index */
    entry = exact != NULL ? exact : entry_normalized(cfg, ncfg, norm);
    if (entry != NULL) {
        rc = declared_group(entry, norm, &groups[1], err);
        if (rc != SST_OK)
            goto out;
        if (groups[1].n > 0)
            ngroups = 2;
    }
    for (i = 0; i < ngroups; i++) {
        if (!pick(&groups[i], item, &pk, &sk))
            continue;
        if (pk != NULL && (rc = copy_attr(item, pk, lek, err)) != SST_OK)
            goto out;
        if (sk != NULL)
            rc = copy_attr(item, sk, lek, err);
        goto out;
    }
    py_repr(index, shown, sizeof shown);
    rc = sst_err_set(err, SST_E_INVALID_ARG, "Unsupported index index_name=%s",
                     shown);
out:
    sst_free(groups[1].names);
    sst_free(g1sk);
    sst_free(g1pk);
    sst_free(norm);
    return rc;
}

enum sst_code
sst_memory_build_lek(const json_object *item, const char *index_name,
                     const struct sst_type *t, json_object **out,
                     struct sst_err *err)
{
    json_object *lek = NULL;
    enum sst_code rc;

    *out = NULL;
    if (item == NULL || !json_object_object_get_ex(item, "pk", NULL) ||
        !json_object_object_get_ex(item, "sk", NULL))
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "build_lek: the item has no pk or sk");
    lek = json_object_new_object();
    if (lek == NULL)
        return sst_err_set(err, SST_E_NOMEM, "out of memory");
    if ((rc = copy_attr(item, "pk", lek, err)) != SST_OK ||
        (rc = copy_attr(item, "sk", lek, err)) != SST_OK)
        goto out;
    if (index_name == NULL || index_name[0] == '\0')
        goto out;
    /* gsitype's sort key does not follow the naming convention */
    if (strcmp(index_name, "gsitype") == 0) {
        if ((rc = copy_attr(item, "gsitype", lek, err)) == SST_OK)
            rc = copy_attr(item, "gsitypesk", lek, err);
        goto out;
    }
    rc = index_attrs(item, index_name, t, lek, err);
out:
    if (rc != SST_OK) {
        json_object_put(lek);
        return rc;
    }
    *out = lek;
    return SST_OK;
}
