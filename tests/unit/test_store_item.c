/*
 * tests/unit/test_store_item.c - the stored form of items
 * (emu/store/item.h): 2000 random items round-trip to the JSON and the
 * values of the attribute-value module, and so do their rows with text
 * (whose text is json-c's printing of the item); every truncation and
 * random byte change of 200 rows is an error, never a crash or a leak.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sst/mem.h>
#include <sst/sst.h>

#include <json-c/json.h>

#include "emu/expr/av.h"
#include "emu/store/item.h"
#include "harness.h"

/* ------------------------------------------------------------------ */
/* stored items                                                        */

static uint64_t item_rng = 0x9e3779b97f4a7c15ULL;

static uint32_t
rnd(uint32_t n)
{
    item_rng ^= item_rng << 13;
    item_rng ^= item_rng >> 7;
    item_rng ^= item_rng << 17;
    return (uint32_t)(item_rng % n);
}

static struct json_object *random_av_json(int depth);

static struct json_object *
random_string(bool binary)
{
    static const char b64[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    char buf[64];
    size_t n = 1 + rnd(binary ? 10 : 40), i;

    if (binary) {
        for (i = 0; i < n * 4; i++)
            buf[i] = b64[rnd(64)];
        return json_object_new_string_len(buf, (int)(n * 4));
    }
    static const char odd[] = "\"\\/\n\t\x01\x1f\x7f\xc3\xa9";
    size_t k = rnd(3);

    for (i = 0; i < n; i++) /* NULs too; bytes json-c escapes; or none */
        buf[i] = k == 0   ? (char)(rnd(4) == 0 ? 0 : 'a' + rnd(26))
                 : k == 1 ? (rnd(6) == 0 ? odd[rnd(sizeof odd - 1)]
                                         : (char)('a' + rnd(26)))
                          : (char)('a' + rnd(26));
    return json_object_new_string_len(buf, (int)n);
}

static struct json_object *
random_number(uint32_t salt)
{
    static const char *const forms[] = {"%u", "-%u", "%u.5", "0.00%u",
                                        "%ue3", "-%u.25e-7", "1.50", "-0"};
    char buf[48];

    snprintf(buf, sizeof buf, forms[rnd(8)], salt * 7 + 1);
    return json_object_new_string(buf);
}

static struct json_object *
wrap(const char *type, struct json_object *v)
{
    struct json_object *o = json_object_new_object();

    json_object_object_add(o, type, v);
    return o;
}

static struct json_object *
random_set(const char *type)
{
    struct json_object *arr = json_object_new_array();
    size_t n = 1 + rnd(4), i;
    char buf[32];

    for (i = 0; i < n; i++) {
        if (type[0] == 'N') {
            snprintf(buf, sizeof buf, "%zu", i * 3 + rnd(3) * 100);
            json_object_array_add(arr, json_object_new_string(buf));
        } else if (type[0] == 'S') {
            snprintf(buf, sizeof buf, "s%zu", i);
            json_object_array_add(arr, json_object_new_string(buf));
        } else {
            static const char *const bytes[] = {"QQ==", "Qg==", "Qw==",
                                                "RA=="};
            json_object_array_add(arr, json_object_new_string(bytes[i]));
        }
    }
    return wrap(type, arr);
}

static struct json_object *
random_av_json(int depth)
{
    struct json_object *c;
    size_t n, i;
    char name[16];

    switch (rnd(depth > 3 ? 8 : 10)) {
    case 0:
        return wrap("S", random_string(false));
    case 1:
        return wrap("N", random_number(rnd(1000)));
    case 2:
        return wrap("B", random_string(true));
    case 3:
        return wrap("BOOL", json_object_new_boolean(rnd(2)));
    case 4:
        return wrap("NULL", json_object_new_boolean(1));
    case 5:
        return random_set("SS");
    case 6:
        return random_set("NS");
    case 7:
        return random_set("BS");
    case 8:
        c = json_object_new_object();
        n = rnd(4);
        for (i = 0; i < n; i++) {
            snprintf(name, sizeof name, rnd(3) ? "m%zu" : "m/\"\\\t%zu", i);
            json_object_object_add(c, name, random_av_json(depth + 1));
        }
        return wrap("M", c);
    default:
        c = json_object_new_array();
        n = rnd(4);
        for (i = 0; i < n; i++)
            json_object_array_add(c, random_av_json(depth + 1));
        return wrap("L", c);
    }
}

static struct sst_av *
random_item(void)
{
    struct json_object *j = json_object_new_object();
    struct sst_av *item = NULL;
    struct sst_err e;
    size_t n = 1 + rnd(8), i;
    char name[16];

    for (i = 0; i < n; i++) {
        snprintf(name, sizeof name, "a%zu", i);
        json_object_object_add(j, name, random_av_json(1));
    }
    if (sst_av_decode_item(j, &item, &e) != SST_OK)
        fprintf(stderr, "\n  %s: %s\n", json_object_to_json_string(j),
                e.message);
    CU_ASSERT_PTR_NOT_NULL_FATAL(item);
    json_object_put(j);
    return item;
}

/* The row given its text reads as the row, and its text is json-c's. */
static void
check_text_row(const struct sst_av *item, const struct sst_emu_buf *row)
{
    struct sst_emu_buf v3 = {0};
    struct sst_av *back = NULL;
    struct json_object *a, *b;
    bool ok = false;

    CU_ASSERT_EQUAL_FATAL(sst_emu_item_encode_av(item, &v3, NULL), SST_OK);
    CU_ASSERT_EQUAL_FATAL(sst_emu_item_add_text(&v3, NULL), SST_OK);
    CU_ASSERT_EQUAL(sst_emu_item_text_ok(v3.data, v3.len, &ok, NULL), SST_OK);
    CU_ASSERT_TRUE(ok);
    CU_ASSERT_EQUAL(sst_emu_item_to_av(v3.data, v3.len, &back, NULL), SST_OK);
    CU_ASSERT_TRUE(back != NULL && sst_av_equal(back, item));
    sst_av_free(back);
    CU_ASSERT_EQUAL(sst_emu_item_to_json(v3.data, v3.len, NULL, 0, &a, NULL),
                    SST_OK);
    CU_ASSERT_EQUAL(
        sst_emu_item_to_json(row->data, row->len, NULL, 0, &b, NULL), SST_OK);
    CU_ASSERT_TRUE(json_object_equal(a, b));
    json_object_put(a);
    json_object_put(b);
    sst_emu_buf_cleanup(&v3);
}

static void
item_round_trips(void)
{
    struct sst_emu_buf row = {0};
    struct json_object *ours, *theirs;
    struct sst_av *item, *back;
    const char *only[2] = {"a0", "a2"};
    char text[SST_NUM_STR_MAX];
    uint64_t size;
    bool found;
    int k;

    for (k = 0; k < 2000; k++) {
        item = random_item();
        CU_ASSERT_EQUAL_FATAL(sst_emu_item_encode_av(item, &row, NULL),
                              SST_OK);
        CU_ASSERT_EQUAL(sst_emu_item_size(row.data, row.len, &size, NULL),
                        SST_OK);
        CU_ASSERT_EQUAL(size, sst_av_item_size(item));
        /* JSON from the row is the attribute-value module's JSON. */
        CU_ASSERT_EQUAL(
            sst_emu_item_to_json(row.data, row.len, NULL, 0, &ours, NULL),
            SST_OK);
        CU_ASSERT_EQUAL(sst_av_encode_item(item, &theirs, NULL), SST_OK);
        if (!json_object_equal(ours, theirs))
            fprintf(stderr, "\n  ours   %s\n  theirs %s\n",
                    json_object_to_json_string(ours),
                    json_object_to_json_string(theirs));
        CU_ASSERT_TRUE(json_object_equal(ours, theirs));
        json_object_put(ours);
        json_object_put(theirs);
        /* And the value back is the same value. */
        CU_ASSERT_EQUAL(sst_emu_item_to_av(row.data, row.len, &back, NULL),
                        SST_OK);
        CU_ASSERT_TRUE(back != NULL && sst_av_equal(back, item));
        sst_av_free(back);
        /* AttributesToGet keeps exactly the attributes named. */
        CU_ASSERT_EQUAL(
            sst_emu_item_to_json(row.data, row.len, only, 2, &ours, NULL),
            SST_OK);
        CU_ASSERT_EQUAL((size_t)json_object_object_length(ours),
                        (size_t)(json_object_object_get_ex(ours, "a0", NULL) +
                                 json_object_object_get_ex(ours, "a2", NULL)));
        CU_ASSERT_EQUAL(json_object_object_get_ex(ours, "a0", NULL),
                        sst_av_map_get(item, "a0", 2) != NULL);
        json_object_put(ours);
        /* A top-level number, read without decoding the row. */
        CU_ASSERT_EQUAL(sst_emu_item_number(row.data, row.len, "a0", 2, text,
                                            &found, NULL),
                        SST_OK);
        CU_ASSERT_EQUAL(found, sst_av_map_get(item, "a0", 2)->type ==
                                   SST_AV_N);
        if (found) {
            char want[SST_NUM_STR_MAX];
            sst_num_to_str(&sst_av_map_get(item, "a0", 2)->u.num, want,
                           sizeof want);
            SST_ASSERT_STR_EQ(text, want);
        }
        check_text_row(item, &row);
        sst_av_free(item);
    }
    sst_emu_buf_cleanup(&row);
}

/* A damaged row is an error, never a crash or a leak: every truncation
 * and random byte changes of rows of random items. */
static void
damaged_rows_are_errors(void)
{
    struct sst_emu_buf row = {0}, d = {0};
    struct json_object *j;
    struct sst_av *item, *back;
    enum sst_code rc;
    bool ok;
    uint8_t *copy;
    uint64_t size;
    char text[SST_NUM_STR_MAX];
    size_t cut, i;
    bool found;
    int k;

    for (k = 0; k < 200; k++) {
        item = random_item();
        CU_ASSERT_EQUAL_FATAL(sst_emu_item_encode_av(item, &row, NULL),
                              SST_OK);
        if (k % 4 >= 2) /* a row with text */
            CU_ASSERT_EQUAL_FATAL(sst_emu_item_add_text(&row, NULL), SST_OK);
        copy = malloc(row.len);
        for (cut = 0; cut < row.len; cut++) {
            memcpy(copy, row.data, row.len);
            if (k % 2) /* flip a byte instead of cutting */
                copy[cut] ^= (uint8_t)(1 + rnd(255));
            i = k % 2 ? row.len : cut;
            j = NULL;
            back = NULL;
            CU_ASSERT_TRUE(sst_emu_item_to_json(copy, i, NULL, 0, &j, NULL) !=
                           SST_E_NOMEM);
            CU_ASSERT_TRUE(sst_emu_item_to_av(copy, i, &back, NULL) !=
                           SST_E_NOMEM);
            CU_ASSERT_TRUE(sst_emu_item_size(copy, i, &size, NULL) !=
                           SST_E_NOMEM);
            CU_ASSERT_TRUE(sst_emu_item_number(copy, i, "a0", 2, text, &found,
                                               NULL) != SST_E_NOMEM);
            CU_ASSERT_TRUE(sst_emu_item_text_ok(copy, i, &ok, NULL) !=
                           SST_E_NOMEM);
            if (k % 4 < 2) { /* giving a damaged row its text */
                d.data = sst_malloc(i + 1);
                CU_ASSERT_PTR_NOT_NULL_FATAL(d.data);
                memcpy(d.data, copy, i);
                d.len = i;
                d.cap = i + 1;
                rc = sst_emu_item_add_text(&d, NULL);
                CU_ASSERT_TRUE(rc == SST_OK || rc == SST_E_STORAGE);
                if (k % 2 == 0)
                    CU_ASSERT_EQUAL(rc, SST_E_STORAGE);
                sst_emu_buf_cleanup(&d);
            }
            if (k % 2 == 0) {
                /* A truncated row is always refused. */
                CU_ASSERT_PTR_NULL(j);
                CU_ASSERT_PTR_NULL(back);
            }
            json_object_put(j);
            sst_av_free(back);
        }
        free(copy);
        sst_av_free(item);
    }
    sst_emu_buf_cleanup(&row);
}

static const struct sst_test item_tests[] = {
    {"random items round trip", item_round_trips},
    {"damaged rows are errors", damaged_rows_are_errors},
    {NULL, NULL},
};

int
main(int argc, char **argv)
{
    static const struct sst_suite suites[] = {
        {"item", NULL, NULL, item_tests},
        {NULL, NULL, NULL, NULL},
    };
    return sst_test_main(argc, argv, "test_store_item", suites);
}
