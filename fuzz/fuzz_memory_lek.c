/*
 * fuzz/fuzz_memory_lek.c - libFuzzer target for sst_memory_build_lek()
 * (src/memory/lek.h): fuzzed index names and items against a few GSI
 * configs (none, legacy labels, descriptive and dashed labels, tuples,
 * attributes named off the convention).
 *
 * Input: one byte choosing the config, the index name up to the first
 * '\n', then the item in wire JSON. Invariants besides memory safety: a
 * failure is SST_E_INVALID_ARG or SST_E_NOMEM with *out NULL; a key
 * holds pk and sk, as the item has them, and at most one more attribute
 * ending in "pk" and one ending in "sk" (gsitype: gsitype and gsitypesk),
 * each equal to the item's; no index: pk and sk only.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include <sst/mem.h>
#include <sst/type.h>

#include "src/memory/lek.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define A(name) {.attr = (name), .value = "x"}
#define PAIR(p, s) {.attr = (p), .sk_attr = (s), .pair_fn = no_pair}
#define ENTRY(label, attrs) {(label), (attrs), N(attrs)}

static enum sst_code
no_pair(const struct sst_type *t, const struct json_object *r, void *ud,
        char **pk, char **sk, struct sst_err *err)
{
    (void)t, (void)r, (void)ud, (void)err;
    *pk = NULL;
    *sk = NULL;
    return SST_OK;
}

static const struct sst_gsi_attr g1[] = {A("gsi1pk")};
static const struct sst_gsi_attr g1pair[] = {A("gsi1pk"), A("gsi1sk")};
static const struct sst_gsi_attr g2[] = {A("gsi2pk")};
static const struct sst_gsi_attr g3[] = {A("gsi3pk"), A("gsi3sk")};
static const struct sst_gsi_attr t3[] = {PAIR("gsi3pk", "gsi3sk")};
static const struct sst_gsi_attr t4[] = {PAIR("gsi4pk", "gsi4sk")};
static const struct sst_gsi_attr owner[] = {A("ownerpk"), A("ownersk")};
static const struct sst_gsi_attr odd[] = {A("by-ownerpk"), A("statussk"),
                                          A("by_owner_pk"), A("x"), A("pk"),
                                          A("sk")};

static const struct sst_gsi legacy[] = {ENTRY("gsi1", g1), ENTRY("gsi2", g2),
                                        ENTRY("gsi3", t3)};
static const struct sst_gsi descriptive[] = {ENTRY("by-owner", g1pair),
                                             ENTRY("by-priority", t3),
                                             ENTRY("gsi4", t4)};
static const struct sst_gsi dashed[] = {ENTRY("gsi-1", owner),
                                        ENTRY("gsi-3", g3),
                                        ENTRY("GSI_2", g2)};
static const struct sst_gsi strange[] = {ENTRY("by-owner", odd),
                                         ENTRY("", owner),
                                         ENTRY("gsi1", odd)};

static const struct sst_type types[] = {
    {.name = "R"},
    {.name = "R", .gsis = legacy, .ngsis = N(legacy)},
    {.name = "R", .gsis = descriptive, .ngsis = N(descriptive)},
    {.name = "R", .gsis = dashed, .ngsis = N(dashed)},
    {.name = "R", .gsis = strange, .ngsis = N(strange)},
};

static bool
ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && memcmp(s + n - m, suffix, m) == 0;
}

static void
check_key(const json_object *item, const char *index, json_object *lek)
{
    json_object *want;
    int npk = 0, nsk = 0, n = 0;
    bool gsitype = index != NULL && strcmp(index, "gsitype") == 0;

    if (!json_object_is_type(lek, json_type_object))
        abort();
    json_object_object_foreach(lek, key, val) {
        n++;
        if (!json_object_object_get_ex(item, key, &want) ||
            !json_object_equal(val, want))
            abort(); /* not the item's attribute */
        if (strcmp(key, "pk") == 0 || strcmp(key, "sk") == 0)
            continue;
        if (index == NULL || index[0] == '\0')
            abort(); /* the table's key is pk and sk */
        if (gsitype) {
            if (strcmp(key, "gsitype") != 0 && strcmp(key, "gsitypesk") != 0)
                abort();
            continue;
        }
        if (ends_with(key, "pk"))
            npk++;
        else if (ends_with(key, "sk"))
            nsk++;
        else
            abort();
    }
    if (!json_object_object_get_ex(lek, "pk", NULL) ||
        !json_object_object_get_ex(lek, "sk", NULL) || npk > 1 || nsk > 1 ||
        n > 4)
        abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    json_object *item = NULL, *lek;
    const struct sst_type *t;
    const uint8_t *nl;
    char *index = NULL;
    struct json_tokener *tok;
    enum sst_code rc;
    long live;

    if (size < 1)
        return 0;
    /* one more choice than types: NULL, a type without a config */
    t = data[0] % (N(types) + 1) < N(types) ? &types[data[0] % (N(types) + 1)]
                                            : NULL;
    data++, size--;
    nl = memchr(data, '\n', size);
    if (nl == NULL)
        return 0;
    index = malloc((size_t)(nl - data) + 1);
    if (index == NULL)
        return 0;
    memcpy(index, data, (size_t)(nl - data));
    index[nl - data] = '\0';
    size -= (size_t)(nl - data) + 1;
    data = nl + 1;
    tok = json_tokener_new();
    item = json_tokener_parse_ex(tok, (const char *)data, (int)size);
    json_tokener_free(tok);
    if (item == NULL || !json_object_is_type(item, json_type_object))
        goto out;
    live = sst_mem_live_count();
    lek = (json_object *)&lek; /* must be reset */
    /* an empty first line stands for no index */
    rc = sst_memory_build_lek(item, index[0] != '\0' ? index : NULL,
                              t, &lek, NULL);
    if (rc != SST_OK) {
        if (lek != NULL || (rc != SST_E_INVALID_ARG && rc != SST_E_NOMEM))
            abort();
    } else {
        check_key(item, index, lek);
        json_object_put(lek);
    }
    if (sst_mem_live_count() != live)
        abort();
out:
    json_object_put(item);
    free(index);
    return 0;
}
