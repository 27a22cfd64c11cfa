/*
 * tests/unit/test_emu_text.c - items kept with their JSON text (version 3
 * rows, emu/store/item.h) and the answers printed from it (sst-emu's
 * path, emu/ops/ops.h):
 *
 *   - row level: a row given its text reads exactly as before through
 *     every reader; the text is json-c's printing of the item, with its
 *     CRC-32; long strings that print as they are are stored once, in the
 *     text; version 2 rows (a text and a full copy) still read; damaged
 *     rows are errors, never crashes;
 *   - the CRC of a printed answer made from the texts' CRCs is zlib's
 *     CRC of its bytes, including when the log overflows or an answer is
 *     printed twice;
 *   - a text list (the items of a page in one buffer) prints what the
 *     items' json-c array prints, with its CRC, and fails cleanly when
 *     memory runs out.
 *
 * The operations that answer from the texts: test_emu_text_ops.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>
#include <zlib.h>

#include <sst/emu.h>
#include <sst/http.h>
#include <sst/mem.h>
#include <sst/server.h>
#include <sst/sst.h>

#include "emu/expr/av.h"
#include "emu/ops/ops.h"
#include "emu/store/item.h"
#include "emu_test_util.h"
#include "harness.h"

/* ------------------------------------------------------------------ */
/* rows                                                                */

/* Items of every type, names and strings that json-c escapes, numbers
 * sent in non-canonical form. */
static const char *const items[] = {
    "{'s':{'S':'plain'}}",
    "{'n':{'N':'00012.500'},'m':{'N':'-0.0010'},'e':{'N':'1E+3'}}",
    "{'b':{'B':'AAEC/w=='},'t':{'BOOL':true},'f':{'BOOL':false},"
    "'z':{'NULL':true}}",
    "{'path/with/slashes':{'S':'a/b\\\\c \\\"q\\\" \\u00e9\\u2603 \\n\\t'}}",
    "{'m':{'M':{'in':{'L':[{'S':'x'},{'N':'1'},{'M':{}},{'L':[]}]}}}}",
    "{'ss':{'SS':['b','a','c']},'ns':{'NS':['3','1.0','2']},"
    "'bs':{'BS':['AA==','AQ==']}}",
    "{'empty':{'S':''},'k':{'S':'v'}}",
    /* strings of 16 bytes or more: stored in the text when they print as
     * they are (slashes and UTF-8 do), inline when escaped */
    "{'pk':{'S':'k'},'data':{'S':'a plain string, caf\u00e9 a/b'}}",
    "{'m':{'M':{'long':{'S':'nested plain string value'},'l':{'L':["
    "{'S':'an element long enough to point'},"
    "{'S':'with \\\"quotes\\\" it stays "
    "inline'},{'N':'12345678901234567'}]}}}}",
    "{'twice':{'S':'the same long string value'},"
    "'again':{'S':'the same long string value'}}",
    "{'a_long_attribute_name_here':{'S':'a_long_attribute_name_here'},"
    "'ss':{'SS':['a set element long enough','another long set element']}}",
    "{'esc':{'S':'tab\\there and a long tail'},'after':{'S':'found after the "
    "escaped one'}}",
};

/* The index of the first item above with long strings. */
#define LONG_ITEMS 7

static struct sst_av *
item_of(const char *text)
{
    struct json_object *j = et_q(text);
    struct sst_av *item = NULL;

    CU_ASSERT_EQUAL_FATAL(sst_av_decode_item(j, &item, NULL), SST_OK);
    json_object_put(j);
    return item;
}

/* Row v1 and its v2 twin read alike through every reader. */
static void
rows_read_alike(void)
{
    struct sst_emu_buf v1 = {0}, v2 = {0};
    struct json_object *j1, *j2;
    struct sst_av *item, *a1, *a2;
    const char *text;
    size_t i, n;
    uint32_t crc, op;
    uint64_t s1, s2;
    bool ok;

    for (i = 0; i < sizeof items / sizeof items[0]; i++) {
        item = item_of(items[i]);
        CU_ASSERT_EQUAL_FATAL(sst_emu_item_encode_av(item, &v1, NULL), SST_OK);
        CU_ASSERT_EQUAL_FATAL(sst_emu_item_encode_av(item, &v2, NULL), SST_OK);
        CU_ASSERT_FALSE(
            sst_emu_item_text(v1.data, v1.len, &text, &n, &crc, &op));
        CU_ASSERT_EQUAL_FATAL(sst_emu_item_add_text(&v2, NULL), SST_OK);
        CU_ASSERT_EQUAL(v2.data[0], SST_EMU_ITEM_FORMAT_TEXT_REF);
        /* adding it again changes nothing */
        n = v2.len;
        CU_ASSERT_EQUAL(sst_emu_item_add_text(&v2, NULL), SST_OK);
        CU_ASSERT_EQUAL(v2.len, n);

        CU_ASSERT_EQUAL(sst_emu_item_size(v1.data, v1.len, &s1, NULL), SST_OK);
        CU_ASSERT_EQUAL(sst_emu_item_size(v2.data, v2.len, &s2, NULL), SST_OK);
        CU_ASSERT_EQUAL(s1, s2);
        CU_ASSERT_EQUAL(sst_emu_item_to_av(v1.data, v1.len, &a1, NULL), SST_OK);
        CU_ASSERT_EQUAL(sst_emu_item_to_av(v2.data, v2.len, &a2, NULL), SST_OK);
        CU_ASSERT_TRUE(sst_av_equal(a1, a2));
        sst_av_free(a1);
        sst_av_free(a2);
        CU_ASSERT_EQUAL(
            sst_emu_item_to_json(v1.data, v1.len, NULL, 0, &j1, NULL), SST_OK);
        CU_ASSERT_EQUAL(
            sst_emu_item_to_json(v2.data, v2.len, NULL, 0, &j2, NULL), SST_OK);
        CU_ASSERT_TRUE(json_object_equal(j1, j2));

        /* the text is json-c's printing of the item, and its CRC */
        CU_ASSERT_TRUE_FATAL(
            sst_emu_item_text(v2.data, v2.len, &text, &n, &crc, &op));
        CU_ASSERT_EQUAL(
            n, strlen(json_object_to_json_string_ext(j1, SST_EMU_TEXT_FLAGS)));
        CU_ASSERT_EQUAL(
            memcmp(text, json_object_to_json_string_ext(j1, SST_EMU_TEXT_FLAGS),
                   n),
            0);
        CU_ASSERT_EQUAL(crc, (uint32_t)crc32(0L, (const Bytef *)text, (uInt)n));
        CU_ASSERT_EQUAL(op, (uint32_t)crc32_combine_gen((z_off_t)n));
        CU_ASSERT_EQUAL(sst_emu_item_text_ok(v2.data, v2.len, &ok, NULL),
                        SST_OK);
        CU_ASSERT_TRUE(ok);
        CU_ASSERT_EQUAL(sst_emu_item_text_ok(v1.data, v1.len, &ok, NULL),
                        SST_OK);
        CU_ASSERT_TRUE(ok);
        json_object_put(j1);
        json_object_put(j2);
        sst_av_free(item);
    }
    sst_emu_buf_cleanup(&v1);
    sst_emu_buf_cleanup(&v2);
}

/* A text that is not the item's, or a wrong CRC, is caught. */
static void
wrong_text_is_caught(void)
{
    struct sst_emu_buf row = {0};
    struct sst_av *item = item_of("{'s':{'S':'plain'},'n':{'N':'1'}}");
    const char *text;
    size_t n;
    uint32_t crc, op;
    bool ok;

    CU_ASSERT_EQUAL_FATAL(sst_emu_item_encode_av(item, &row, NULL), SST_OK);
    CU_ASSERT_EQUAL_FATAL(sst_emu_item_add_text(&row, NULL), SST_OK);
    CU_ASSERT_TRUE_FATAL(
        sst_emu_item_text(row.data, row.len, &text, &n, &crc, &op));
    ((uint8_t *)row.data)[text - (const char *)row.data + 7] ^= 1; /* "plain" */
    CU_ASSERT_EQUAL(sst_emu_item_text_ok(row.data, row.len, &ok, NULL), SST_OK);
    CU_ASSERT_FALSE(ok);
    ((uint8_t *)row.data)[text - (const char *)row.data + 7] ^= 1;
    ((uint8_t *)row.data)[text - (const char *)row.data + n] ^= 0x80; /* crc */
    CU_ASSERT_EQUAL(sst_emu_item_text_ok(row.data, row.len, &ok, NULL), SST_OK);
    CU_ASSERT_FALSE(ok);
    ((uint8_t *)row.data)[text - (const char *)row.data + n] ^= 0x80;
    ((uint8_t *)row.data)[text - (const char *)row.data + n + 5] ^= 1; /* op */
    CU_ASSERT_EQUAL(sst_emu_item_text_ok(row.data, row.len, &ok, NULL), SST_OK);
    CU_ASSERT_FALSE(ok);
    sst_emu_buf_cleanup(&row);
    sst_av_free(item);
}

/* Every truncation and every byte flip of a row with text (one with
 * short strings, one whose long strings point into the text) is an error
 * or a reading, never a crash; truncations are always errors. */
static void
check_damaged_row(const char *item_text)
{
    struct sst_emu_buf row = {0};
    struct sst_av *item = item_of(item_text), *back;
    struct json_object *j;
    const char *text;
    uint8_t *copy;
    size_t cut, len, n;
    uint32_t crc, op;
    uint64_t size;
    bool ok;
    int flip;

    CU_ASSERT_EQUAL_FATAL(sst_emu_item_encode_av(item, &row, NULL), SST_OK);
    CU_ASSERT_EQUAL_FATAL(sst_emu_item_add_text(&row, NULL), SST_OK);
    copy = malloc(row.len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(copy);
    for (flip = 0; flip < 2; flip++) {
        for (cut = 0; cut < row.len; cut++) {
            memcpy(copy, row.data, row.len);
            if (flip)
                copy[cut] ^= 0xA5;
            len = flip ? row.len : cut;
            j = NULL;
            back = NULL;
            CU_ASSERT_NOT_EQUAL(
                sst_emu_item_to_json(copy, len, NULL, 0, &j, NULL),
                SST_E_NOMEM);
            CU_ASSERT_NOT_EQUAL(sst_emu_item_to_av(copy, len, &back, NULL),
                                SST_E_NOMEM);
            CU_ASSERT_NOT_EQUAL(sst_emu_item_size(copy, len, &size, NULL),
                                SST_E_NOMEM);
            CU_ASSERT_NOT_EQUAL(sst_emu_item_text_ok(copy, len, &ok, NULL),
                                SST_E_NOMEM);
            if (sst_emu_item_text(copy, len, &text, &n, &crc, &op))
                CU_ASSERT_TRUE(text + n + 8 <= (const char *)copy + len);
            if (!flip) {
                CU_ASSERT_PTR_NULL(j);
                CU_ASSERT_PTR_NULL(back);
            }
            json_object_put(j);
            sst_av_free(back);
        }
    }
    free(copy);
    sst_emu_buf_cleanup(&row);
    sst_av_free(item);
}

static void
damaged_text_rows_are_errors(void)
{
    check_damaged_row(items[4]);
    check_damaged_row(items[LONG_ITEMS + 1]);
}

/* A 1 KB string is stored once: the row is its text and a few bytes. */
static void
long_strings_are_stored_once(void)
{
    char big[1100];
    struct sst_emu_buf v1 = {0}, v3 = {0};
    struct sst_av *item, *back;
    const struct sst_av *data;
    const char *text;
    size_t n;
    uint32_t crc, op;

    memcpy(big, "{'pk':{'S':'key'},'data':{'S':'", 31);
    memset(big + 31, 'x', 1000);
    memcpy(big + 1031, "'}}", 4);
    item = item_of(big);
    CU_ASSERT_EQUAL_FATAL(sst_emu_item_encode_av(item, &v1, NULL), SST_OK);
    CU_ASSERT_EQUAL_FATAL(sst_emu_item_encode_av(item, &v3, NULL), SST_OK);
    CU_ASSERT_EQUAL_FATAL(sst_emu_item_add_text(&v3, NULL), SST_OK);
    CU_ASSERT_TRUE_FATAL(
        sst_emu_item_text(v3.data, v3.len, &text, &n, &crc, &op));
    CU_ASSERT_EQUAL(
        n, strlen("{\"pk\":{\"S\":\"key\"},\"data\":{\"S\":\"\"}}") + 1000);
    CU_ASSERT_TRUE(v1.len > 1000);
    /* version, text length (2), text, trailer (8), then the binary part:
     * size (2), count, "pk" S "key" (8), "data" (5), SREF off len (4) */
    CU_ASSERT_EQUAL(v3.len, 1 + 2 + n + 8 + 2 + 1 + 8 + 5 + 4);
    CU_ASSERT_EQUAL(sst_emu_item_to_av(v3.data, v3.len, &back, NULL), SST_OK);
    CU_ASSERT_TRUE(sst_av_equal(item, back));
    data = sst_av_map_get(back, "data", 4);
    CU_ASSERT_PTR_NOT_NULL_FATAL(data);
    CU_ASSERT_EQUAL(data->u.str.len, 1000);
    /* the value's bytes are those in the text */
    CU_ASSERT_EQUAL(memcmp(data->u.str.ptr, text + n - 1003, 1000), 0);
    sst_av_free(back);
    sst_av_free(item);
    sst_emu_buf_cleanup(&v1);
    sst_emu_buf_cleanup(&v3);
}

/* A name with a NUL byte (UpdateItem can write one, through
 * ExpressionAttributeNames) is cut there by json-c's object keys: the
 * text is json-c's printing, as every reader's JSON. */
static void
nul_names_print_as_json_c_does(void)
{
    struct sst_emu_buf row = {0};
    struct sst_av *item = item_of("{'abc':{'S':'a long enough plain string'},"
                                  "'m':{'M':{'xyz':{'N':'1'}}}}");
    struct json_object *j;
    const char *text;
    size_t n;
    uint32_t crc, op;
    bool ok;

    item->u.map.v[0].name.ptr[1] = '\0';
    item->u.map.v[1].value->u.map.v[0].name.ptr[2] = '\0';
    CU_ASSERT_EQUAL_FATAL(sst_emu_item_encode_av(item, &row, NULL), SST_OK);
    CU_ASSERT_EQUAL_FATAL(sst_emu_item_add_text(&row, NULL), SST_OK);
    CU_ASSERT_TRUE_FATAL(
        sst_emu_item_text(row.data, row.len, &text, &n, &crc, &op));
    CU_ASSERT_EQUAL(n, strlen("{\"a\":{\"S\":\"a long enough plain string\"},"
                              "\"m\":{\"M\":{\"xy\":{\"N\":\"1\"}}}}"));
    CU_ASSERT_EQUAL(memcmp(text,
                           "{\"a\":{\"S\":\"a long enough plain string\"},"
                           "\"m\":{\"M\":{\"xy\":{\"N\":\"1\"}}}}",
                           n),
                    0);
    CU_ASSERT_EQUAL(sst_emu_item_text_ok(row.data, row.len, &ok, NULL), SST_OK);
    CU_ASSERT_TRUE(ok);
    CU_ASSERT_EQUAL(sst_emu_item_to_json(row.data, row.len, NULL, 0, &j, NULL),
                    SST_OK);
    CU_ASSERT_EQUAL(json_object_object_length(j), 2);
    json_object_put(j);
    sst_emu_buf_cleanup(&row);
    sst_av_free(item);
}

/* Rows of version 2 (a text, then the whole binary form), written before
 * version 3, read as they did; SREF is refused outside version 3. */
static void
version_2_rows_still_read(void)
{
    struct sst_emu_buf v1 = {0}, v3 = {0};
    struct sst_av *item, *back = NULL;
    const char *text, *t2;
    uint8_t *v2, bad[] = {1, 3, 1, 1, 'a', 11, 0, 1};
    size_t n, n2, len;
    uint32_t crc, op;
    bool ok;

    item = item_of(items[LONG_ITEMS]);
    CU_ASSERT_EQUAL_FATAL(sst_emu_item_encode_av(item, &v1, NULL), SST_OK);
    CU_ASSERT_EQUAL_FATAL(sst_emu_item_encode_av(item, &v3, NULL), SST_OK);
    CU_ASSERT_EQUAL_FATAL(sst_emu_item_add_text(&v3, NULL), SST_OK);
    CU_ASSERT_TRUE_FATAL(
        sst_emu_item_text(v3.data, v3.len, &text, &n, &crc, &op));
    CU_ASSERT_TRUE_FATAL(n < 128);
    len = 2 + n + 8 + v1.len - 1;
    v2 = malloc(len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(v2);
    v2[0] = SST_EMU_ITEM_FORMAT_TEXT;
    v2[1] = (uint8_t)n;
    memcpy(v2 + 2, text, n + 8);
    memcpy(v2 + 2 + n + 8, v1.data + 1, v1.len - 1);
    CU_ASSERT_TRUE(v3.len < len); /* the long strings are stored once */
    CU_ASSERT_EQUAL(sst_emu_item_to_av(v2, len, &back, NULL), SST_OK);
    CU_ASSERT_TRUE(sst_av_equal(item, back));
    sst_av_free(back);
    CU_ASSERT_TRUE(sst_emu_item_text(v2, len, &t2, &n2, &crc, &op));
    CU_ASSERT_EQUAL(n2, n);
    CU_ASSERT_EQUAL(sst_emu_item_text_ok(v2, len, &ok, NULL), SST_OK);
    CU_ASSERT_TRUE(ok);
    /* a reference in a version 1 row is damage */
    back = NULL;
    CU_ASSERT_EQUAL(sst_emu_item_to_av(bad, sizeof bad, &back, NULL),
                    SST_E_STORAGE);
    CU_ASSERT_PTR_NULL(back);
    free(v2);
    sst_av_free(item);
    sst_emu_buf_cleanup(&v1);
    sst_emu_buf_cleanup(&v3);
}

/* ------------------------------------------------------------------ */
/* the CRC of a printed answer                                         */

/* An answer {"Items":[text nodes...],"Count":n} printed with a log of
 * cap spans (printed twice when twice): its CRC from the log is zlib's. */
static void
check_log_crc(size_t nitems, size_t cap, bool twice, bool want_overflow)
{
    struct sst_emu_text_span spans[8];
    struct sst_emu_text_log log = {.v = spans, .cap = cap};
    struct sst_emu_buf row = {0};
    struct json_object *answer = json_object_new_object(),
                       *arr = json_object_new_array(), *node;
    struct sst_av *item;
    const char *body;
    size_t i, len = 0;

    json_object_object_add(answer, "Items", arr);
    for (i = 0; i < nitems; i++) {
        item = item_of(items[i % (sizeof items / sizeof items[0])]);
        CU_ASSERT_EQUAL_FATAL(sst_emu_item_encode_av(item, &row, NULL), SST_OK);
        CU_ASSERT_EQUAL_FATAL(sst_emu_item_add_text(&row, NULL), SST_OK);
        CU_ASSERT_EQUAL_FATAL(
            sst_emu_item_text_json(row.data, row.len, &node, NULL), SST_OK);
        CU_ASSERT_PTR_NOT_NULL_FATAL(node);
        json_object_array_add(arr, node);
        sst_av_free(item);
    }
    json_object_object_add(answer, "Count",
                           json_object_new_int((int32_t)nitems));
    sst_emu_text_log_begin(&log);
    if (twice) /* a first printing into the same log */
        json_object_to_json_string_ext(arr, SST_EMU_TEXT_FLAGS);
    body = json_object_to_json_string_length(answer, SST_EMU_TEXT_FLAGS, &len);
    sst_emu_text_log_end();
    CU_ASSERT_EQUAL(log.overflow, want_overflow);
    CU_ASSERT_EQUAL(log.n, want_overflow ? log.n : nitems);
    CU_ASSERT_EQUAL(sst_emu_text_log_crc(&log, body, len),
                    (uint32_t)crc32(0L, (const Bytef *)body, (uInt)len));
    json_object_put(answer);
    sst_emu_buf_cleanup(&row);
}

static void
answer_crc_from_spans(void)
{
    check_log_crc(0, 8, false, false);
    check_log_crc(1, 8, false, false);
    check_log_crc(7, 8, false, false);
    check_log_crc(8, 8, false, false);
    check_log_crc(9, 8, false, true); /* more than the log holds */
    check_log_crc(3, 8, true, true);  /* printed twice: out of order */
    check_log_crc(3, 0, false, true); /* no room at all */
}

/* A list of the test items, every other one from a row without text
 * (printed instead of copied), as n items: its node prints what an array
 * of the items' json-c objects prints, logs one span whose CRC is the
 * printing's, and counts its copied texts. */
static void
check_list(size_t n)
{
    struct sst_emu_text_span spans[4];
    struct sst_emu_text_log log = {.v = spans, .cap = 4};
    struct sst_emu_text_list l;
    struct sst_emu_buf row = {0};
    struct json_object *want = json_object_new_array(), *node = NULL, *obj;
    struct sst_av *item;
    const char *body;
    size_t i, len = 0, texts = 0;

    sst_emu_text_list_init(&l);
    for (i = 0; i < n; i++) {
        item = item_of(items[i % (sizeof items / sizeof items[0])]);
        CU_ASSERT_EQUAL_FATAL(sst_emu_item_encode_av(item, &row, NULL), SST_OK);
        if (i % 2 == 0) {
            CU_ASSERT_EQUAL_FATAL(sst_emu_item_add_text(&row, NULL), SST_OK);
            texts++;
        }
        CU_ASSERT_EQUAL(sst_emu_text_list_add_row(&l, row.data, row.len, NULL),
                        SST_OK);
        CU_ASSERT_EQUAL_FATAL(
            sst_emu_item_to_json(row.data, row.len, NULL, 0, &obj, NULL),
            SST_OK);
        json_object_array_add(want, obj);
        sst_av_free(item);
    }
    CU_ASSERT_EQUAL(l.texts, texts);
    CU_ASSERT_EQUAL_FATAL(sst_emu_text_list_node(&l, &node, NULL), SST_OK);
    CU_ASSERT_EQUAL(l.text.len, 0); /* the buffer moved into the node */
    CU_ASSERT_EQUAL(sst_emu_text_count(node), texts);
    sst_emu_text_log_begin(&log);
    body = json_object_to_json_string_length(node, SST_EMU_TEXT_FLAGS, &len);
    sst_emu_text_log_end();
    SST_ASSERT_STR_EQ(body,
                      json_object_to_json_string_ext(want, SST_EMU_TEXT_FLAGS));
    CU_ASSERT_FALSE(log.overflow);
    CU_ASSERT_EQUAL(log.n, 1);
    CU_ASSERT_EQUAL(sst_emu_text_log_crc(&log, body, len),
                    (uint32_t)crc32(0L, (const Bytef *)body, (uInt)len));
    json_object_put(node);
    json_object_put(want);
    sst_emu_text_list_cleanup(&l);
    sst_emu_buf_cleanup(&row);
}

static void
text_lists_print_items(void)
{
    struct json_object *plain = json_object_new_object();

    check_list(0);
    check_list(1);
    check_list(2);
    check_list(300);
    /* values other than text nodes count no text */
    CU_ASSERT_EQUAL(sst_emu_text_count(plain), 0);
    CU_ASSERT_EQUAL(sst_emu_text_count(NULL), 0);
    json_object_put(plain);
}

/* Out of memory at any allocation of a list leaves nothing behind, and
 * the list can still be cleaned up. */
static void
text_list_out_of_memory(void)
{
    struct sst_emu_buf row = {0};
    struct sst_emu_text_list l;
    struct json_object *node;
    struct sst_av *item = item_of(items[4]);
    enum sst_code rc = SST_E_NOMEM;
    long base;
    int n, i;

    CU_ASSERT_EQUAL_FATAL(sst_emu_item_encode_av(item, &row, NULL), SST_OK);
    for (n = 1; n < 200 && rc == SST_E_NOMEM; n++) {
        base = sst_mem_live_count();
        node = NULL;
        sst_emu_text_list_init(&l);
        sst_mem_fail_after(n);
        rc = SST_OK;
        for (i = 0; i < 40 && rc == SST_OK; i++)
            rc = sst_emu_text_list_add_row(&l, row.data, row.len, NULL);
        if (rc == SST_OK)
            rc = sst_emu_text_list_node(&l, &node, NULL);
        sst_mem_fail_reset();
        if (rc == SST_E_NOMEM)
            CU_ASSERT_PTR_NULL(node);
        json_object_put(node);
        sst_emu_text_list_cleanup(&l);
        CU_ASSERT_EQUAL(sst_mem_live_count(), base);
    }
    CU_ASSERT_EQUAL(rc, SST_OK);
    CU_ASSERT_TRUE(n > 3);
    sst_emu_buf_cleanup(&row);
    sst_av_free(item);
}

/* Text nodes printed with no log running leave nothing behind. */
static void
text_node_without_log(void)
{
    struct sst_emu_buf row = {0};
    struct sst_av *item = item_of(items[0]);
    struct json_object *node = NULL;
    struct sst_emu_buf v1 = {0};

    CU_ASSERT_EQUAL_FATAL(sst_emu_item_encode_av(item, &row, NULL), SST_OK);
    CU_ASSERT_EQUAL_FATAL(sst_emu_item_encode_av(item, &v1, NULL), SST_OK);
    /* a v1 row has no text node */
    CU_ASSERT_EQUAL(sst_emu_item_text_json(v1.data, v1.len, &node, NULL),
                    SST_OK);
    CU_ASSERT_PTR_NULL(node);
    CU_ASSERT_EQUAL_FATAL(sst_emu_item_add_text(&row, NULL), SST_OK);
    CU_ASSERT_EQUAL(sst_emu_item_text_json(row.data, row.len, &node, NULL),
                    SST_OK);
    SST_ASSERT_STR_EQ(json_object_to_json_string_ext(node, SST_EMU_TEXT_FLAGS),
                      "{\"s\":{\"S\":\"plain\"}}");
    json_object_put(node);
    sst_emu_buf_cleanup(&row);
    sst_emu_buf_cleanup(&v1);
    sst_av_free(item);
}

static const struct sst_test row_tests[] = {
    {"rows with text read alike", rows_read_alike},
    {"a wrong text is caught", wrong_text_is_caught},
    {"damaged text rows are errors", damaged_text_rows_are_errors},
    {"long strings are stored once", long_strings_are_stored_once},
    {"version 2 rows still read", version_2_rows_still_read},
    {"NUL names print as json-c prints them", nul_names_print_as_json_c_does},
    {"text node without a log", text_node_without_log},
    {"answer CRC from spans", answer_crc_from_spans},
    {"text lists print their items", text_lists_print_items},
    {"a text list out of memory", text_list_out_of_memory},
    {NULL, NULL},
};

int
main(int argc, char **argv)
{
    static const struct sst_suite suites[] = {
        {"rows", NULL, NULL, row_tests},
        {NULL, NULL, NULL, NULL},
    };
    return sst_test_main(argc, argv, "test_emu_text", suites);
}
