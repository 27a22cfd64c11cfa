/*
 * tests/memory/test_memory_lek.c - build_lek (src/memory/lek.h): the
 * unit cases of simplesingletable's test_dashed_gsi_names.py, its
 * backwards-compatibility matrix against the pre-19 builder (written out
 * again here, as the Python test keeps it), and the real-world config
 * shapes of test_real_world_gsi_patterns.py.
 */
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include <sst/sst.h>

#include "src/memory/lek.h"
#include "tests/harness.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* Only the attribute names of a config matter here. */
static enum sst_code
no_pair(const struct sst_type *t, const struct json_object *r, void *ud,
        char **pk, char **sk, struct sst_err *err)
{
    (void)t, (void)r, (void)ud, (void)err;
    *pk = NULL;
    *sk = NULL;
    return SST_OK;
}

#define A(name) {.attr = (name), .value = "x"}
#define PAIR(p, s) {.attr = (p), .sk_attr = (s), .pair_fn = no_pair}
#define ENTRY(label, attrs) {(label), (attrs), N(attrs)}

/* A wire item from "name=value" pairs, in order. */
static json_object *
item_of(const char *spec)
{
    json_object *o = json_object_new_object();
    char buf[512], *save = NULL, *tok;

    snprintf(buf, sizeof buf, "%s", spec);
    for (tok = strtok_r(buf, " ", &save); tok != NULL;
         tok = strtok_r(NULL, " ", &save)) {
        char *eq = strchr(tok, '=');
        json_object *av = json_object_new_object();

        *eq = '\0';
        json_object_object_add(av, "S", json_object_new_string(eq + 1));
        json_object_object_add(o, tok, av);
    }
    return o;
}

static struct sst_type
type_of(const struct sst_gsi *gsis, size_t n)
{
    struct sst_type t;

    memset(&t, 0, sizeof t);
    t.name = "R";
    t.gsis = gsis;
    t.ngsis = n;
    return t;
}

/* build_lek(item, index, t) is exactly the item "want" (same members and
 * values, in this order). */
static void
check_lek(const char *item_spec, const char *index,
          const struct sst_type *t, const char *want_spec, const char *why)
{
    json_object *item = item_of(item_spec);
    json_object *want = item_of(want_spec);
    json_object *lek = NULL;
    struct sst_err e;

    CU_ASSERT_EQUAL(sst_memory_build_lek(item, index, t, &lek, &e), SST_OK);
    if (lek == NULL || !json_object_equal(lek, want)) {
        printf("\n  %s (index %s): got %s, want %s\n", why,
               index ? index : "none",
               lek ? json_object_to_json_string(lek) : e.message,
               json_object_to_json_string(want));
        CU_FAIL("build_lek");
    } else {
        SST_ASSERT_STR_EQ(json_object_to_json_string(lek),
                          json_object_to_json_string(want));
    }
    json_object_put(lek);
    json_object_put(want);
    json_object_put(item);
}

/* ------------------------------------------------------------ unit cases */

static const struct sst_gsi_attr gsi1_pair[] = {A("gsi1pk"), A("gsi1sk")};
static const struct sst_gsi descriptive[] = {ENTRY("by-owner", gsi1_pair)};
static const struct sst_gsi dashed_label[] = {ENTRY("gsi-1", gsi1_pair)};
static const struct sst_gsi_attr gsi3_tuple[] = {PAIR("gsi3pk", "gsi3sk")};
static const struct sst_gsi tuple_key[] = {ENTRY("by-priority", gsi3_tuple)};
static const struct sst_gsi_attr only_gsi2pk[] = {A("gsi2pk")};
static const struct sst_gsi dashed_gsi2[] = {ENTRY("gsi-1", only_gsi2pk)};
static const struct sst_gsi gsi1_gsi2[] = {ENTRY("gsi1", only_gsi2pk)};
static const struct sst_gsi_attr owner[] = {A("ownerpk"), A("ownersk")};
static const struct sst_gsi dashed_owner[] = {ENTRY("gsi-1", owner)};

#define DB_ITEM "pk=DescriptiveLabelResource#abc sk=v0 " \
                "gsi1pk=things#owner-1 gsi1sk=abc"

static void
test_unit_cases(void)
{
    struct sst_type desc = type_of(descriptive, N(descriptive));
    struct sst_type dashed = type_of(dashed_label, N(dashed_label));
    struct sst_type tuple = type_of(tuple_key, N(tuple_key));
    struct sst_type legacy = type_of(dashed_gsi2, N(dashed_gsi2));
    struct sst_type other = type_of(gsi1_gsi2, N(gsi1_gsi2));
    struct sst_type own = type_of(dashed_owner, N(dashed_owner));

    check_lek(DB_ITEM, "gsi-1", &desc, DB_ITEM,
              "dashed index, descriptive label");
    check_lek(DB_ITEM, "gsi-1", &dashed, DB_ITEM,
              "dashed index, matching dashed label");
    check_lek(DB_ITEM, "gsi1", &desc, DB_ITEM,
              "undashed index, descriptive label");
    check_lek("pk=TupleKeyResource#abc sk=v0 gsi3pk=owner#1 gsi3sk=abc",
              "gsi-3", &tuple,
              "pk=TupleKeyResource#abc sk=v0 gsi3pk=owner#1 gsi3sk=abc",
              "tuple-declared keys");
    check_lek(DB_ITEM, NULL, &desc, "pk=DescriptiveLabelResource#abc sk=v0",
              "no index");
    check_lek(DB_ITEM, "", &desc, "pk=DescriptiveLabelResource#abc sk=v0",
              "empty index name");
    check_lek("pk=p sk=v0 gsitype=DescriptiveLabelResource "
              "gsitypesk=2026-01-01",
              "gsitype", &desc,
              "pk=p sk=v0 gsitype=DescriptiveLabelResource "
              "gsitypesk=2026-01-01",
              "gsitype");
    check_lek("pk=p sk=v0 gsi1pk=task|COMPLETE", "gsi-1", &desc,
              "pk=p sk=v0 gsi1pk=task|COMPLETE",
              "gsi1 ranges on the table pk");
    check_lek(DB_ITEM " gsi2pk=other gsi3pk=other gsi3sk=other", "gsi-1",
              &desc, DB_ITEM, "at most one pk and one sk");
    check_lek("pk=R#1 sk=v0 gsi1pk=a gsi2pk=b", "gsi1", &legacy,
              "pk=R#1 sk=v0 gsi1pk=a", "legacy names never normalised");
    check_lek("pk=R#1 sk=v0 gsi1pk=a gsi2pk=b", "gsi1", &other,
              "pk=R#1 sk=v0 gsi1pk=a", "a label speaks for no other (1)");
    check_lek("pk=R#1 sk=v0 gsi1pk=a gsi2pk=b", "gsi2", &other,
              "pk=R#1 sk=v0 gsi2pk=b", "a label speaks for no other (2)");
    check_lek("pk=R#1 sk=v0 ownerpk=o ownersk=s", "gsi-1", &own,
              "pk=R#1 sk=v0 ownerpk=o ownersk=s",
              "declared attributes resolve the index");
    check_lek("pk=R#1 sk=v0 gsi1pk=a ownerpk=o ownersk=s", "gsi-1", &own,
              "pk=R#1 sk=v0 gsi1pk=a", "pk and sk from one source");
    check_lek("pk=R#1 sk=v0 gsi1pk=a gsi1sk=b", "gsi1", &desc,
              "pk=R#1 sk=v0 gsi1pk=a gsi1sk=b", "declared gsi1sk honoured");
    check_lek("pk=R#1 sk=v0 gsi1pk=a gsi1sk=b", "GSI_1", NULL,
              "pk=R#1 sk=v0 gsi1pk=a gsi1sk=b", "no type, normalised name");
}

static void
test_errors(void)
{
    static const struct {
        const char *index;
        const char *message;
    } rows[] = {
        {"not-an-index", "Unsupported index index_name='not-an-index'"},
        {"it's", "Unsupported index index_name=\"it's\""},
        {"a'b\"c", "Unsupported index index_name='a\\'b\"c'"},
        {"tab\there\\", "Unsupported index index_name='tab\\there\\\\'"},
        {"gsi3", "Unsupported index index_name='gsi3'"},
    };
    struct sst_type desc = type_of(descriptive, N(descriptive));
    json_object *item = item_of("pk=R#1 sk=v0 gsi1pk=a gsi2pk=b");
    json_object *bad = item_of("pk=R#1 gsi1pk=a");
    json_object *lek = (json_object *)item;
    struct sst_err e;
    size_t i;

    for (i = 0; i < N(rows); i++) {
        CU_ASSERT_EQUAL(sst_memory_build_lek(item, rows[i].index, &desc,
                                             &lek, &e), SST_E_INVALID_ARG);
        CU_ASSERT_PTR_NULL(lek);
        SST_ASSERT_STR_EQ(e.message, rows[i].message);
    }
    CU_ASSERT_EQUAL(sst_memory_build_lek(bad, NULL, &desc, &lek, &e),
                    SST_E_INVALID_ARG);
    SST_ASSERT_STR_EQ(e.message, "build_lek: the item has no pk or sk");
    json_object_put(bad);
    json_object_put(item);
}

/* ------------------------------------------- compatibility with pre-19 */

/* build_lek_data exactly as it stood before dashed names were handled;
 * NULL when it raised. */
static json_object *
pre_fix(const json_object *item, const char *index,
        const struct sst_gsi *cfg, size_t n)
{
    json_object *lek = json_object_new_object();
    const char *keys[2] = {"pk", "sk"};
    char pk[64], sk[64];
    json_object *v;
    size_t i;
    bool labelled = false;

    for (i = 0; i < 2; i++)
        if (json_object_object_get_ex(item, keys[i], &v))
            json_object_object_add(lek, keys[i], json_object_get(v));
    if (index == NULL)
        return lek;
    snprintf(pk, sizeof pk, "%spk", index);
    snprintf(sk, sizeof sk, "%ssk", index);
    if (strcmp(index, "gsitype") == 0) {
        snprintf(pk, sizeof pk, "gsitype");
        snprintf(sk, sizeof sk, "gsitypesk");
        labelled = true;
    }
    for (i = 0; i < n; i++)
        labelled = labelled || strcmp(cfg[i].label, index) == 0;
    if (!labelled && strcmp(index, "gsi1") != 0 &&
        strcmp(index, "gsi2") != 0 && strcmp(index, "gsi3") != 0) {
        json_object_put(lek);
        return NULL;
    }
    if (json_object_object_get_ex(item, pk, &v))
        json_object_object_add(lek, pk, json_object_get(v));
    if ((labelled || strcmp(index, "gsi3") == 0) &&
        json_object_object_get_ex(item, sk, &v))
        json_object_object_add(lek, sk, json_object_get(v));
    return lek;
}

static const struct sst_gsi_attr m_gsi1pk[] = {A("gsi1pk")};
static const struct sst_gsi_attr m_gsi3[] = {A("gsi3pk"), A("gsi3sk")};
static const struct sst_gsi m_legacy[] = {ENTRY("gsi1", m_gsi1pk),
                                          ENTRY("gsi3", m_gsi3)};
static const struct sst_gsi m_legacy_tuple[] = {ENTRY("gsi3", gsi3_tuple)};
static const struct sst_gsi m_owner_desc[] = {ENTRY("by-owner", owner)};

static const struct {
    const char *name;
    const struct sst_gsi *cfg;
    size_t n;
} configs[] = {
    {"no config", NULL, 0},
    {"keyed by legacy index name", m_legacy, N(m_legacy)},
    {"keyed by legacy name, tuple pair", m_legacy_tuple,
     N(m_legacy_tuple)},
    {"descriptive labels", descriptive, N(descriptive)},
    {"dashed label", dashed_label, N(dashed_label)},
    {"custom attributes, dashed label", dashed_owner, N(dashed_owner)},
    {"custom attributes, descriptive label", m_owner_desc,
     N(m_owner_desc)},
};

#define STANDARD_ITEM \
    "pk=R#1 sk=v0 gsitype=R gsitypesk=t gsi1pk=a gsi2pk=b gsi3pk=c gsi3sk=d"

static const char *const matrix_items[] = {
    STANDARD_ITEM,
    "pk=R#1 sk=v0 ownerpk=o ownersk=s",
    "pk=R#1 sk=v0 ownerpk=o ownersk=s gsi1pk=a",
};

static const char *const matrix_indexes[] = {
    NULL,    "gsitype", "gsi1",     "gsi2",         "gsi3",
    "gsi-1", "gsi-3",   "by-owner", "unknown-index",
};

/* Every key the pre-19 code built that was usable is built unchanged. */
static void
test_compat_matrix(void)
{
    size_t c, i, x, compared = 0;

    for (c = 0; c < N(configs); c++) {
        struct sst_type t = type_of(configs[c].cfg, configs[c].n);

        for (i = 0; i < N(matrix_items); i++) {
            json_object *item = item_of(matrix_items[i]);

            for (x = 0; x < N(matrix_indexes); x++) {
                const char *index = matrix_indexes[x];
                json_object *old = pre_fix(item, index, configs[c].cfg,
                                           configs[c].n);
                json_object *lek = NULL;
                struct sst_err e;

                /* refused, or pk/sk only (pagination restarted): the
                 * old key was never usable */
                if (old != NULL &&
                    (index == NULL || json_object_object_length(old) > 2)) {
                    compared++;
                    if (sst_memory_build_lek(item, index, &t, &lek, &e) !=
                            SST_OK ||
                        !json_object_equal(lek, old)) {
                        printf("\n  %s / item %zu / %s: got %s, want %s\n",
                               configs[c].name, i, index ? index : "none",
                               lek ? json_object_to_json_string(lek)
                                   : e.message,
                               json_object_to_json_string(old));
                        CU_FAIL("a usable key changed");
                    }
                }
                json_object_put(lek);
                json_object_put(old);
            }
            json_object_put(item);
        }
    }
    /* the matrix is not vacuous: 7 configs x 3 items x 9 indexes */
    CU_ASSERT_EQUAL(compared, 56);
}

/* ------------------------------------------------- real-world shapes */

#define TYPE_ATTRS "gsitype=ObservedResource gsitypesk=2026-01-01T00:00:00"
#define UNDASHED "pk=ObservedResource#01ABC sk=v0 " TYPE_ATTRS \
    " gsi1pk=<gsi1pk> gsi2pk=<gsi2pk> gsi3pk=<gsi3pk> gsi3sk=<gsi3sk>" \
    " gsi4pk=<gsi4pk> gsi4sk=<gsi4sk> gsi5pk=<gsi5pk> gsi5sk=<gsi5sk>"
#define DASHED "pk=ObservedResource#01ABC sk=v0 " TYPE_ATTRS \
    " gsi1pk=<gsi1pk> gsi1sk=<gsi1sk> gsi2pk=<gsi2pk> gsi2sk=<gsi2sk>" \
    " gsi3pk=<gsi3pk> gsi3sk=<gsi3sk>"
#define KEY "pk=ObservedResource#01ABC sk=v0"

static const struct sst_gsi_attr r_g1[] = {A("gsi1pk")};
static const struct sst_gsi_attr r_g2[] = {A("gsi2pk")};
static const struct sst_gsi_attr r_g3[] = {A("gsi3pk"), A("gsi3sk")};
static const struct sst_gsi_attr r_g4[] = {A("gsi4pk"), A("gsi4sk")};
static const struct sst_gsi_attr r_g5[] = {A("gsi5pk"), A("gsi5sk")};
static const struct sst_gsi_attr r_t1[] = {PAIR("gsi1pk", "gsi1sk")};
static const struct sst_gsi_attr r_t2[] = {PAIR("gsi2pk", "gsi2sk")};
static const struct sst_gsi_attr r_t4[] = {PAIR("gsi4pk", "gsi4sk")};
static const struct sst_gsi u1[] = {ENTRY("gsi1", r_g1),
                                    ENTRY("gsi2", r_g2)};
static const struct sst_gsi u2[] = {ENTRY("gsi1", r_g1),
                                    ENTRY("gsi3", r_g3)};
static const struct sst_gsi u3[] = {ENTRY("gsi2", r_g2),
                                    ENTRY("gsi3", gsi3_tuple)};
static const struct sst_gsi u4[] = {ENTRY("gsi1", r_g1), ENTRY("gsi2", r_g2),
                                    ENTRY("gsi3", gsi3_tuple)};
static const struct sst_gsi u5[] = {ENTRY("gsi3", r_g3),
                                    ENTRY("gsi4", r_g4)};
static const struct sst_gsi u6[] = {ENTRY("gsi3", r_g3), ENTRY("gsi4", r_g4),
                                    ENTRY("gsi1", r_g1), ENTRY("gsi2", r_g2),
                                    ENTRY("gsi5", r_g5)};
static const struct sst_gsi u7[] = {ENTRY("gsi3", gsi3_tuple),
                                    ENTRY("gsi4", r_t4)};
static const struct sst_gsi d1[] = {ENTRY("gsi-1", r_t1)};
static const struct sst_gsi d2[] = {ENTRY("gsi-3", r_g3)};
static const struct sst_gsi d3[] = {ENTRY("gsi-1", r_t1),
                                    ENTRY("gsi-2", r_t2),
                                    ENTRY("gsi-3", gsi3_tuple)};
static const struct sst_gsi d4[] = {ENTRY("gsi-3", gsi3_tuple)};
static const struct sst_gsi d5[] = {ENTRY("gsi3", r_g3)};

static const struct shape {
    const char *shape;
    const char *item;
    const struct sst_gsi *cfg;
    size_t n;
    const char *index;
    const char *want;
} shapes[] = {
    {"two pk-only indexes", UNDASHED, u1, N(u1), "gsi2",
     KEY " gsi2pk=<gsi2pk>"},
    {"pk-only beside one with a sort attribute", UNDASHED, u2, N(u2), "gsi3",
     KEY " gsi3pk=<gsi3pk> gsi3sk=<gsi3sk>"},
    {"tuple-declared pair", UNDASHED, u3, N(u3), "gsi3",
     KEY " gsi3pk=<gsi3pk> gsi3sk=<gsi3sk>"},
    {"three indexes, the last a tuple", UNDASHED, u4, N(u4), "gsi1",
     KEY " gsi1pk=<gsi1pk>"},
    {"a fourth index", UNDASHED, u5, N(u5), "gsi4",
     KEY " gsi4pk=<gsi4pk> gsi4sk=<gsi4sk>"},
    {"five indexes", UNDASHED, u6, N(u6), "gsi5",
     KEY " gsi5pk=<gsi5pk> gsi5sk=<gsi5sk>"},
    {"two tuple pairs", UNDASHED, u7, N(u7), "gsi4",
     KEY " gsi4pk=<gsi4pk> gsi4sk=<gsi4sk>"},
    {"no config, legacy gsi1 hook", UNDASHED, NULL, 0, "gsi1",
     KEY " gsi1pk=<gsi1pk>"},
    {"no config, legacy gsi3 hook", UNDASHED, NULL, 0, "gsi3",
     KEY " gsi3pk=<gsi3pk> gsi3sk=<gsi3sk>"},
    {"dashed label, tuple pair", DASHED, d1, N(d1), "gsi-1",
     KEY " gsi1pk=<gsi1pk> gsi1sk=<gsi1sk>"},
    {"dashed label, pk and sk apart", DASHED, d2, N(d2), "gsi-3",
     KEY " gsi3pk=<gsi3pk> gsi3sk=<gsi3sk>"},
    {"three dashed indexes", DASHED, d3, N(d3), "gsi-2",
     KEY " gsi2pk=<gsi2pk> gsi2sk=<gsi2sk>"},
    {"single sparse dashed index", DASHED, d4, N(d4), "gsi-3",
     KEY " gsi3pk=<gsi3pk> gsi3sk=<gsi3sk>"},
    {"undashed label, dashed index", DASHED, d5, N(d5), "gsi-3",
     KEY " gsi3pk=<gsi3pk> gsi3sk=<gsi3sk>"},
    {"dashed index, no config", DASHED, NULL, 0, "gsi-1",
     KEY " gsi1pk=<gsi1pk> gsi1sk=<gsi1sk>"},
    {"descriptive label", DASHED, descriptive, N(descriptive), "gsi-1",
     KEY " gsi1pk=<gsi1pk> gsi1sk=<gsi1sk>"},
    {"gsitype, undashed item", UNDASHED, u1, 1,
     "gsitype", KEY " " TYPE_ATTRS},
    {"gsitype, dashed item", DASHED, u1, 1, "gsitype", KEY " " TYPE_ATTRS},
};

static void
test_real_world_shapes(void)
{
    size_t i;

    for (i = 0; i < N(shapes); i++) {
        struct sst_type t = type_of(shapes[i].cfg, shapes[i].n);

        check_lek(shapes[i].item, shapes[i].index, &t, shapes[i].want,
                  shapes[i].shape);
    }
}

static const struct sst_test lek_tests[] = {
    {"unit cases of test_dashed_gsi_names", test_unit_cases},
    {"unknown index and bad items", test_errors},
    {"usable pre-19 keys unchanged (matrix)", test_compat_matrix},
    {"real-world config shapes", test_real_world_shapes},
    {NULL, NULL},
};

static const struct sst_suite suites[] = {
    {"build_lek", NULL, NULL, lek_tests},
    {NULL, NULL, NULL, NULL},
};

int
main(int argc, char **argv)
{
    return sst_test_main(argc, argv, "test_memory_lek", suites);
}
