/*
 * tests/unit/test_emu_text_pieces.c - answers sent in pieces: text lists
 * logged as external spans instead of copied into the printing.
 *
 * An answer printed with a log that takes external spans, put back
 * together from sst_emu_text_log_pieces(), is byte for byte the answer
 * printed without one, and the log's CRC is zlib's CRC of it: with lists
 * long and short, more lists than the log may leave out, a log that runs
 * out of room, and lists at the start, the middle and the end. Then the
 * server: a Query (one list, put together in its own buffer), a
 * BatchGetItem of two long lists and a Query of items too big for a list
 * to keep room in front (both sent in pieces), with request headers of up
 * to the 8,254 bytes sst-emu accepts, answer over HTTP byte
 * for byte what the emulator answers directly, with the right
 * x-amz-crc32. (test_emu_text's "served reads match direct reads"
 * reads every kind of answer through the HTTP client too.)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <json-c/json.h>
#include <zlib.h>

#include <sst/emu.h>
#include <sst/mem.h>
#include <sst/server.h>
#include <sst/sst.h>

#include "emu/expr/av.h"
#include "emu/store/item.h"
#include "emu_test_util.h"
#include "harness.h"
#include "server_util.h"

/* A text list of n items of about 300 bytes each, every third one from a
 * row without text (printed, not copied). */
static struct json_object *
list_of(size_t n, unsigned seed)
{
    struct sst_emu_text_list l;
    struct sst_emu_buf row = {0};
    struct json_object *node = NULL, *j;
    struct sst_av *item = NULL;
    char text[512];
    size_t i;

    sst_emu_text_list_init(&l);
    for (i = 0; i < n; i++) {
        snprintf(text, sizeof text,
                 "{'pk':{'S':'p%u'},'sk':{'N':'%zu'},'pad':{'S':'%0280zu'},"
                 "'q':{'S':'\\\"/\\\\ \\u00e9'}}",
                 seed, i, i);
        j = et_q(text);
        CU_ASSERT_EQUAL_FATAL(sst_av_decode_item(j, &item, NULL), SST_OK);
        json_object_put(j);
        CU_ASSERT_EQUAL_FATAL(sst_emu_item_encode_av(item, &row, NULL),
                              SST_OK);
        if (i % 3 != 2)
            CU_ASSERT_EQUAL_FATAL(sst_emu_item_add_text(&row, NULL), SST_OK);
        CU_ASSERT_EQUAL_FATAL(
            sst_emu_text_list_add_row(&l, row.data, row.len, NULL), SST_OK);
        sst_av_free(item);
        item = NULL;
    }
    CU_ASSERT_EQUAL_FATAL(sst_emu_text_list_node(&l, &node, NULL), SST_OK);
    sst_emu_buf_cleanup(&row);
    return node;
}

/* {"A":list(a),"n":1,"B":list(b),"C":list(c),"D":"x","E":list(e)}: a
 * list of 0 items is left out of the answer. */
static struct json_object *
answer_of(size_t a, size_t b, size_t c, size_t e)
{
    struct json_object *o = json_object_new_object();

    if (a > 0)
        json_object_object_add(o, "A", list_of(a, 1));
    json_object_object_add(o, "n", json_object_new_int(1));
    if (b > 0)
        json_object_object_add(o, "B", list_of(b, 2));
    if (c > 0)
        json_object_object_add(o, "C", list_of(c, 3));
    json_object_object_add(o, "D", json_object_new_string("x"));
    if (e > 0)
        json_object_object_add(o, "E", list_of(e, 4));
    return o;
}

/* Print the answer with a log of cap spans allowing ext_max external
 * ones; it must put back together to the plain printing, with zlib's
 * CRC, and leave out want_ext lists. */
static void
check_pieces(size_t a, size_t b, size_t c, size_t e, size_t cap,
             size_t ext_max, size_t want_ext)
{
    struct sst_emu_text_span spans[8];
    struct sst_emu_text_log log = {.v = spans, .cap = cap};
    struct sst_emu_piece pieces[2 * 8 + 1];
    struct json_object *answer = answer_of(a, b, c, e);
    const char *plain, *body;
    size_t plain_len = 0, len = 0, n, i, pos = 0, left_out;
    char *joined;

    plain = json_object_to_json_string_length(answer, SST_EMU_TEXT_FLAGS,
                                              &plain_len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(plain);
    joined = malloc(plain_len + 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(joined);
    memcpy(joined, plain, plain_len); /* plain's buffer is reprinted below */

    log.ext_max = ext_max;
    log.ext_min = SST_EMU_TEXT_EXTERNAL_MIN;
    sst_emu_text_log_begin(&log);
    body = json_object_to_json_string_length(answer, SST_EMU_TEXT_FLAGS,
                                             &len);
    sst_emu_text_log_end();
    CU_ASSERT_EQUAL(log.ext_n, want_ext);
    for (i = 0; i < log.n; i++)
        if (log.v[i].ext != NULL) { /* a list of short items: room */
            CU_ASSERT_EQUAL(log.v[i].before, 512);
            CU_ASSERT(log.v[i].after > 0);
        }
    n = sst_emu_text_log_pieces(&log, body, len, pieces,
                                sizeof pieces / sizeof pieces[0]);
    CU_ASSERT(n <= 2 * log.ext_n + 1);
    for (i = 0; i < n; i++) {
        CU_ASSERT(pieces[i].len > 0);
        CU_ASSERT_FATAL(pos + pieces[i].len <= plain_len);
        CU_ASSERT_EQUAL(memcmp(joined + pos, pieces[i].base, pieces[i].len),
                        0);
        pos += pieces[i].len;
    }
    CU_ASSERT_EQUAL(pos, plain_len);
    /* the printing lacks exactly the external spans' bytes */
    left_out = 0;
    for (i = 0; i < log.n; i++)
        if (log.v[i].ext != NULL)
            left_out += log.v[i].len;
    CU_ASSERT_EQUAL(len + left_out, plain_len);
    CU_ASSERT_EQUAL(sst_emu_text_log_crc(&log, body, len),
                    (uint32_t)crc32(0L, (const Bytef *)joined,
                                    (uInt)plain_len));
    free(joined);
    json_object_put(answer);
}

static void
long_lists_are_left_out(void)
{
    /* 20 items are about 6 KB, past SST_EMU_TEXT_EXTERNAL_MIN; 2 are not */
    check_pieces(20, 20, 2, 20, 8, 8, 3);  /* A, B, E out; C printed     */
    check_pieces(20, 0, 0, 0, 8, 8, 1);    /* one list, first            */
    check_pieces(0, 0, 0, 20, 8, 8, 1);    /* one list, last             */
    check_pieces(20, 20, 20, 20, 8, 2, 2); /* past ext_max: C, E printed */
    check_pieces(20, 20, 20, 20, 8, 0, 0); /* no pieces asked for        */
    check_pieces(2, 2, 2, 2, 8, 8, 0);     /* short lists are copied     */
    check_pieces(0, 0, 0, 0, 8, 8, 0);     /* no list at all             */
    check_pieces(20, 2, 20, 2, 2, 8, 1);   /* the log fills: A out, B
                                            * logged, then no room     */
    check_pieces(20, 20, 20, 20, 1, 8, 1); /* room for one span only     */
    check_pieces(20, 20, 20, 20, 0, 8, 0); /* no room at all             */
}

/* ------------------------------------------------------------------ */
/* served in pieces                                                    */

static void
call_ok(struct sst_emu *emu, const char *op, const char *req,
        struct json_object **out)
{
    struct json_object *r = et_q(req), *resp = NULL;
    struct sst_err e;

    if (sst_emu_call(emu, op, r, &resp, &e) != SST_OK)
        fprintf(stderr, "\n  %s: %s\n", op, e.message);
    CU_ASSERT_PTR_NOT_NULL_FATAL(resp);
    json_object_put(r);
    if (out != NULL)
        *out = resp;
    else
        json_object_put(resp);
}

/* A table of items pk "p", sk 0 to items - 1, each with pad bytes of
 * padding. */
static void
make_table(struct sst_emu *emu, const char *name, int items, int pad)
{
    char req[20480];
    int i;

    snprintf(req, sizeof req,
             "{'TableName':'%s','BillingMode':'PAY_PER_REQUEST',"
             "'AttributeDefinitions':[{'AttributeName':'pk',"
             "'AttributeType':'S'},{'AttributeName':'sk','AttributeType':"
             "'N'}],'KeySchema':[{'AttributeName':'pk','KeyType':'HASH'},"
             "{'AttributeName':'sk','KeyType':'RANGE'}]}",
             name);
    call_ok(emu, "CreateTable", req, NULL);
    for (i = 0; i < items; i++) {
        snprintf(req, sizeof req,
                 "{'TableName':'%s','Item':{'pk':{'S':'p'},'sk':{'N':'%d'},"
                 "'pad':{'S':'%0*d'},'q':{'S':'\\\"/ \u00e9'}}}",
                 name, i, pad, i);
        call_ok(emu, "PutItem", req, NULL);
    }
}

/* op with req (single-quoted JSON) over HTTP with pad bytes of extra
 * headers: 200, the emulator's own answer byte for byte, its CRC. */
static void
served_in_pieces(const struct sst_server *srv, struct sst_emu *emu,
                 const char *op, const char *req, size_t pad)
{
    struct json_object *direct = NULL, *r = et_q(req);
    char *headers, crc_text[16];
    struct raw_resp resp;
    const char *want;
    size_t len, want_len = 0;
    char *http;
    int s;

    call_ok(emu, op, req, &direct);
    want = json_object_to_json_string_length(direct, SST_EMU_TEXT_FLAGS,
                                             &want_len);
    CU_ASSERT_FATAL(want_len > 2 * SST_EMU_TEXT_EXTERNAL_MIN);
    headers = malloc(pad + 512);
    CU_ASSERT_PTR_NOT_NULL_FATAL(headers);
    len = (size_t)snprintf(headers, 512, "%s%sX-Amz-Target: "
                           "DynamoDB_20120810.%s\r\nX-Pad: ",
                           AUTH_OK, CT_AMZ_H, op);
    memset(headers + len, 'a', pad);
    memcpy(headers + len + pad, "\r\n", 3);
    http = st_build("POST", "/", headers, et_text(r), &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(http);
    s = st_connect_to(sst_server_port(srv));
    CU_ASSERT_FATAL(s >= 0);
    st_send_all(s, http, len);
    memset(&resp, 0, sizeof resp);
    CU_ASSERT_EQUAL(st_raw_read(s, &resp, false), 0);
    CU_ASSERT_EQUAL(resp.status, 200);
    CU_ASSERT_EQUAL(resp.body_len, want_len);
    if (resp.body != NULL && resp.body_len == want_len)
        CU_ASSERT_EQUAL(memcmp(resp.body, want, want_len), 0);
    CU_ASSERT_EQUAL(st_raw_header(&resp, "x-amz-crc32", crc_text,
                                  sizeof crc_text), 0);
    CU_ASSERT_EQUAL(strtoul(crc_text, NULL, 10),
                    crc32(0L, (const Bytef *)want, (uInt)want_len));
    st_raw_cleanup(&resp);
    close(s);
    free(http);
    free(headers);
    json_object_put(r);
    json_object_put(direct);
}

static void
served_answers_in_pieces(void)
{
    static const char query[] =
        "{'TableName':'tbl1','KeyConditionExpression':'pk = :p',"
        "'ExpressionAttributeValues':{':p':{'S':'p'}}}";
    static const char big[] =
        "{'TableName':'tbl3','KeyConditionExpression':'pk = :p',"
        "'ExpressionAttributeValues':{':p':{'S':'p'}}}";
    struct sst_server_options o;
    struct sst_server *srv = NULL;
    struct sst_emu *emu = NULL;
    struct sst_err e;
    char batch[4096];
    /* up to the longest request line and headers sst-emu answers, 8,254
     * bytes (the rest of these requests' are under 400 bytes) */
    size_t len, pads[] = {0, 4000, 7900};
    int i;

    CU_ASSERT_EQUAL_FATAL(sst_emu_open(NULL, NULL, &emu, NULL), SST_OK);
    memset(&o, 0, sizeof o);
    o.backend = sst_emu_backend(emu);
    o.sharing = SST_SERVER_SHARED;
    CU_ASSERT_EQUAL_FATAL(sst_server_open(&o, &srv, &e), SST_OK);
    make_table(emu, "tbl1", 60, 300);
    make_table(emu, "tbl2", 40, 300);
    /* items too big for a list to make room in front of them */
    make_table(emu, "tbl3", 3, 13000);
    /* 20 keys of each table: two lists of about 7 KB */
    len = (size_t)snprintf(batch, sizeof batch, "{'RequestItems':{");
    for (i = 0; i < 40; i++)
        len += (size_t)snprintf(batch + len, sizeof batch - len,
                                "%s{'pk':{'S':'p'},'sk':{'N':'%d'}}%s",
                                i == 0    ? "'tbl1':{'Keys':["
                                : i == 20 ? "'tbl2':{'Keys':["
                                          : "",
                                i % 20, i == 19 ? "]}," : i == 39 ? "]}" : ",");
    snprintf(batch + len, sizeof batch - len, "}}");
    for (i = 0; i < 3; i++) {
        /* one list: put together in its own buffer */
        served_in_pieces(srv, emu, "Query", query, pads[i]);
        /* two lists: in pieces */
        served_in_pieces(srv, emu, "BatchGetItem", batch, pads[i]);
        /* one list without room in front: in pieces */
        served_in_pieces(srv, emu, "Query", big, pads[i]);
    }
    sst_server_close(srv);
    sst_emu_close(emu);
}

static const struct sst_test piece_tests[] = {
    {"long lists are left out and put back", long_lists_are_left_out},
    {"served answers in pieces", served_answers_in_pieces},
    {NULL, NULL},
};

int
main(int argc, char **argv)
{
    static const struct sst_suite suites[] = {
        {"pieces", NULL, NULL, piece_tests},
        {NULL, NULL, NULL, NULL},
    };
    return sst_test_main(argc, argv, "test_emu_text_pieces", suites);
}
