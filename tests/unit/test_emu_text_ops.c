/*
 * tests/unit/test_emu_text_ops.c - answers printed from the items' kept
 * JSON text (sst-emu's path, emu/ops/ops.h), at operation level: with
 * the emulator keeping texts, every read (GetItem, BatchGetItem, Query
 * and Scan on the table and on each kind of index, TransactGetItems)
 * prints the same JSON through sst_emu_call_text as through
 * sst_emu_call, and items written before texts were kept, or read with a
 * projection, still answer right; served over HTTP, the answers are the
 * direct ones. The rows themselves: test_emu_text.c.
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
/* operations                                                          */

static const char table[] =
    "{'TableName':'tbl','BillingMode':'PAY_PER_REQUEST',"
    "'KeySchema':[{'AttributeName':'pk','KeyType':'HASH'},"
    "{'AttributeName':'sk','KeyType':'RANGE'}],"
    "'AttributeDefinitions':[{'AttributeName':'pk','AttributeType':'S'},"
    "{'AttributeName':'sk','AttributeType':'N'},"
    "{'AttributeName':'g','AttributeType':'S'},"
    "{'AttributeName':'l','AttributeType':'S'}],"
    "'GlobalSecondaryIndexes':["
    "{'IndexName':'gall','KeySchema':[{'AttributeName':'g','KeyType':'HASH'}],"
    "'Projection':{'ProjectionType':'ALL'}},"
    "{'IndexName':'gkeys','KeySchema':[{'AttributeName':'g','KeyType':'HASH'}],"
    "'Projection':{'ProjectionType':'KEYS_ONLY'}},"
    "{'IndexName':'ginc','KeySchema':[{'AttributeName':'g','KeyType':'HASH'}],"
    "'Projection':{'ProjectionType':'INCLUDE','NonKeyAttributes':['x']}}],"
    "'LocalSecondaryIndexes':[{'IndexName':'lsi','KeySchema':["
    "{'AttributeName':'pk','KeyType':'HASH'},"
    "{'AttributeName':'l','KeyType':'RANGE'}],"
    "'Projection':{'ProjectionType':'KEYS_ONLY'}}]}";

static void
run(struct sst_emu *emu, const char *op, const char *req)
{
    struct json_object *r = et_q(req), *resp = NULL;
    struct sst_err e;

    if (sst_emu_call(emu, op, r, &resp, &e) != SST_OK)
        fprintf(stderr, "\n  %s: %s\n", op, e.message);
    CU_ASSERT_PTR_NOT_NULL_FATAL(resp);
    json_object_put(resp);
    json_object_put(r);
}

/* Items of the pattern i in partition p: strings that need escaping, a
 * non-canonical number, a set, a map. */
static void
put_items(struct sst_emu *emu, const char *p, int from, int to)
{
    char req[512];
    int i;

    for (i = from; i < to; i++) {
        snprintf(req, sizeof req,
                 "{'TableName':'tbl','Item':{'pk':{'S':'%s'},'sk':{'N':'%d.0'},"
                 "'g':{'S':'g%d'},'l':{'S':'l/%d'},'x':{'N':'0%d'},"
                 "'y':{'S':'a \\\\\\\"b\\\\\\\" / \\u00e9'},"
                 "'ss':{'SS':['z','a']},'m':{'M':{'k':{'L':[{'N':'1'}]}}}}}",
                 p, i, i % 3, i, i);
        run(emu, "PutItem", req);
    }
}

/* req answers the same JSON through both calls. */
static void
same_both_ways(struct sst_emu *emu, const char *op, const char *req)
{
    struct json_object *r = et_q(req), *a = NULL, *b = NULL;
    struct sst_err e;
    char *sa;

    CU_ASSERT_EQUAL_FATAL(sst_emu_call_text(emu, op, r, &a, &e), SST_OK);
    CU_ASSERT_EQUAL_FATAL(sst_emu_call(emu, op, r, &b, &e), SST_OK);
    sa = strdup(json_object_to_json_string_ext(a, SST_EMU_TEXT_FLAGS));
    if (strcmp(sa, json_object_to_json_string_ext(b, SST_EMU_TEXT_FLAGS)) != 0)
        fprintf(stderr, "\n  %s %s\n  text %s\n  tree %s\n", op, req, sa,
                json_object_to_json_string_ext(b, SST_EMU_TEXT_FLAGS));
    SST_ASSERT_STR_EQ(sa,
                      json_object_to_json_string_ext(b, SST_EMU_TEXT_FLAGS));
    free(sa);
    json_object_put(a);
    json_object_put(b);
    json_object_put(r);
}

/* How many stored texts op's text answer prints (its Item, its Items, the
 * lists of its Responses). */
/* The stored texts a list of items prints: a list node, or an array of
 * items. */
static size_t
list_texts(struct json_object *list)
{
    size_t n = sst_emu_text_count(list), i;

    for (i = 0; i < json_object_array_length(list); i++)
        n += sst_emu_text_count(json_object_array_get_idx(list, i));
    return n;
}

static size_t
text_nodes(struct sst_emu *emu, const char *op, const char *req)
{
    struct json_object *r = et_q(req), *a = NULL, *list, *v;
    size_t n = 0;

    CU_ASSERT_EQUAL_FATAL(sst_emu_call_text(emu, op, r, &a, NULL), SST_OK);
    if (json_object_object_get_ex(a, "Item", &v))
        n += sst_emu_text_count(v);
    if (json_object_object_get_ex(a, "Items", &list))
        n += list_texts(list);
    if (json_object_object_get_ex(a, "Responses", &v) &&
        json_object_is_type(v, json_type_object)) {
        json_object_object_foreach(v, name, per_table)
        {
            (void)name;
            n += list_texts(per_table);
        }
    }
    json_object_put(a);
    json_object_put(r);
    return n;
}

static const char *const reads[][2] = {
    {"GetItem", "{'TableName':'tbl','Key':{'pk':{'S':'a'},'sk':{'N':'1'}}}"},
    {"GetItem", "{'TableName':'tbl','Key':{'pk':{'S':'a'},'sk':{'N':'99'}}}"},
    {"GetItem", "{'TableName':'tbl','Key':{'pk':{'S':'a'},'sk':{'N':'2'}},"
                "'ProjectionExpression':'y, m.k[0]'}"},
    {"GetItem", "{'TableName':'tbl','Key':{'pk':{'S':'a'},'sk':{'N':'2'}},"
                "'AttributesToGet':['x','ss']}"},
    {"GetItem", "{'TableName':'tbl','Key':{'pk':{'S':'a'},'sk':{'N':'3'}},"
                "'ReturnConsumedCapacity':'TOTAL'}"},
    {"Query", "{'TableName':'tbl','KeyConditionExpression':'pk = :p',"
              "'ExpressionAttributeValues':{':p':{'S':'a'}}}"},
    {"Query",
     "{'TableName':'tbl','KeyConditionExpression':'pk = :p AND sk > :s',"
     "'ExpressionAttributeValues':{':p':{'S':'a'},':s':{'N':'3'}},"
     "'ScanIndexForward':false,'Limit':4}"},
    {"Query", "{'TableName':'tbl','KeyConditionExpression':'pk = :p',"
              "'FilterExpression':'x > :x','ExpressionAttributeValues':"
              "{':p':{'S':'a'},':x':{'N':'4'}}}"},
    {"Query", "{'TableName':'tbl','IndexName':'gall','KeyConditionExpression':"
              "'g = :g','ExpressionAttributeValues':{':g':{'S':'g1'}}}"},
    {"Query", "{'TableName':'tbl','IndexName':'gkeys','KeyConditionExpression':"
              "'g = :g','ExpressionAttributeValues':{':g':{'S':'g2'}}}"},
    {"Query", "{'TableName':'tbl','IndexName':'ginc','KeyConditionExpression':"
              "'g = :g','ExpressionAttributeValues':{':g':{'S':'g0'}}}"},
    {"Query", "{'TableName':'tbl','IndexName':'lsi','KeyConditionExpression':"
              "'pk = :p','ExpressionAttributeValues':{':p':{'S':'a'}}}"},
    {"Query", "{'TableName':'tbl','IndexName':'lsi','KeyConditionExpression':"
              "'pk = :p','Select':'ALL_ATTRIBUTES',"
              "'ExpressionAttributeValues':{':p':{'S':'a'}}}"},
    {"Query", "{'TableName':'tbl','KeyConditionExpression':'pk = :p',"
              "'Select':'COUNT','ExpressionAttributeValues':{':p':{'S':'a'}}}"},
    {"Scan", "{'TableName':'tbl'}"},
    {"Scan", "{'TableName':'tbl','Limit':5,'Segment':1,'TotalSegments':2}"},
    {"Scan", "{'TableName':'tbl','ProjectionExpression':'pk, sk, #y',"
             "'ExpressionAttributeNames':{'#y':'y'}}"},
    {"Scan", "{'TableName':'tbl','IndexName':'ginc'}"},
    {"BatchGetItem", "{'RequestItems':{'tbl':{'Keys':["
                     "{'pk':{'S':'a'},'sk':{'N':'1'}},"
                     "{'pk':{'S':'b'},'sk':{'N':'6'}},"
                     "{'pk':{'S':'b'},'sk':{'N':'77'}}]}}}"},
    {"TransactGetItems", "{'TransactItems':[{'Get':{'TableName':'tbl','Key':"
                         "{'pk':{'S':'a'},'sk':{'N':'4'}}}},{'Get':{"
                         "'TableName':'tbl','Key':{'pk':{'S':'b'},'sk':"
                         "{'N':'7'}}}}]}"},
};

static void
every_read(struct sst_emu *emu)
{
    size_t i;

    for (i = 0; i < sizeof reads / sizeof reads[0]; i++)
        same_both_ways(emu, reads[i][0], reads[i][1]);
}

/* Reads print alike both ways, over items with and without text. */
static void
reads_print_alike(void)
{
    struct sst_emu *emu = NULL;

    CU_ASSERT_EQUAL_FATAL(sst_emu_open(NULL, NULL, &emu, NULL), SST_OK);
    run(emu, "CreateTable", table);
    put_items(emu, "a", 0, 5); /* no text */
    sst_emu_keep_text(emu, true);
    put_items(emu, "a", 5, 10);
    put_items(emu, "b", 0, 10);
    every_read(emu);
    /* partition a: half the items answer with their text */
    CU_ASSERT_EQUAL(text_nodes(emu, "Query", reads[5][1]), 5);
    /* a projection is built, not copied */
    CU_ASSERT_EQUAL(text_nodes(emu, "GetItem", reads[2][1]), 0);
    /* BatchGetItem: a/1 has no text, b/6 has, b/77 is not there */
    CU_ASSERT_EQUAL(text_nodes(emu, "BatchGetItem", reads[18][1]), 1);
    CU_ASSERT_EQUAL(text_nodes(emu, "GetItem",
                               "{'TableName':'tbl','Key':{'pk':{'S':'b'},"
                               "'sk':{'N':'1'}}}"),
                    1);
    et_verify(emu);
    sst_emu_close(emu);
}

/* Writes keep texts right: updates, deletes, batch writes, transactions,
 * and an index created over existing items. */
static void
writes_keep_text_right(void)
{
    struct sst_emu *emu = NULL;

    CU_ASSERT_EQUAL_FATAL(sst_emu_open(NULL, NULL, &emu, NULL), SST_OK);
    sst_emu_keep_text(emu, true);
    run(emu, "CreateTable", table);
    put_items(emu, "a", 0, 10);
    put_items(emu, "b", 0, 10);
    run(emu, "UpdateItem",
        "{'TableName':'tbl','Key':{'pk':{'S':'a'},'sk':{'N':'1'}},"
        "'UpdateExpression':'SET y = :y, g = :g REMOVE m ADD ss :s',"
        "'ExpressionAttributeValues':{':y':{'S':'new/\\u00fc'},"
        "':g':{'S':'g2'},':s':{'SS':['q']}}}");
    run(emu, "DeleteItem",
        "{'TableName':'tbl','Key':{'pk':{'S':'a'},'sk':{'N':'2'}}}");
    run(emu, "BatchWriteItem",
        "{'RequestItems':{'tbl':[{'PutRequest':{'Item':{'pk':{'S':'b'},"
        "'sk':{'N':'6'},'g':{'S':'g0'},'x':{'N':'1.50'}}}},"
        "{'DeleteRequest':{'Key':{'pk':{'S':'b'},'sk':{'N':'5'}}}}]}}");
    run(emu, "TransactWriteItems",
        "{'TransactItems':[{'Update':{'TableName':'tbl','Key':{'pk':{'S':'b'},"
        "'sk':{'N':'7'}},'UpdateExpression':'SET x = x + :one',"
        "'ExpressionAttributeValues':{':one':{'N':'1'}}}},"
        "{'Put':{'TableName':'tbl','Item':{'pk':{'S':'a'},'sk':{'N':'4'},"
        "'l':{'S':'l/x'}}}}]}");
    run(emu, "UpdateTable",
        "{'TableName':'tbl','AttributeDefinitions':[{'AttributeName':'y',"
        "'AttributeType':'S'}],'GlobalSecondaryIndexUpdates':[{'Create':{"
        "'IndexName':'gyy','KeySchema':[{'AttributeName':'y','KeyType':"
        "'HASH'}],'Projection':{'ProjectionType':'INCLUDE',"
        "'NonKeyAttributes':['m']}}}]}");
    every_read(emu);
    same_both_ways(
        emu, "Query",
        "{'TableName':'tbl','IndexName':'gyy','KeyConditionExpression':"
        "'y = :y','ExpressionAttributeValues':{':y':{'S':"
        "'new/\\u00fc'}}}");
    CU_ASSERT_EQUAL(text_nodes(emu, "Query",
                               "{'TableName':'tbl','IndexName':'gyy',"
                               "'KeyConditionExpression':'y = :y',"
                               "'ExpressionAttributeValues':{':y':{'S':"
                               "'new/\\u00fc'}}}"),
                    1);
    et_verify(emu); /* every stored text is its row's printing */
    sst_emu_close(emu);
}

/* A directory written with texts opens and reads in a process that does
 * not keep them, and its writes there drop the text. */
static void
texts_and_plain_writers_mix(void)
{
    struct sst_emu *emu = NULL;

    CU_ASSERT_EQUAL_FATAL(sst_emu_open(NULL, NULL, &emu, NULL), SST_OK);
    sst_emu_keep_text(emu, true);
    run(emu, "CreateTable", table);
    put_items(emu, "a", 0, 6);
    sst_emu_keep_text(emu, false);
    put_items(emu, "a", 3, 9); /* overwrites three, without text */
    CU_ASSERT_EQUAL(text_nodes(emu, "Query", reads[5][1]), 3);
    every_read(emu);
    et_verify(emu);
    sst_emu_close(emu);
}

/* sst-emu's server keeps texts for a shared emulator and answers reads
 * with them (the HTTP client checks each answer's x-amz-crc32), unless
 * plain_rows. */
/* A server of emu (its texts kept unless plain) and an HTTP client of
 * it, which checks each answer's x-amz-crc32. */
static void
serve(struct sst_emu *emu, bool plain, struct sst_server **srv,
      struct sst_backend **cli)
{
    struct sst_server_options o;
    struct sst_http_options h;
    struct sst_err e;

    memset(&o, 0, sizeof o);
    o.backend = sst_emu_backend(emu);
    o.sharing = SST_SERVER_SHARED;
    o.threads = 2;
    o.plain_rows = plain;
    CU_ASSERT_EQUAL_FATAL(sst_server_open(&o, srv, &e), SST_OK);
    memset(&h, 0, sizeof h);
    h.endpoint = sst_server_url(*srv);
    h.region = "us-east-1";
    h.access_key_id = "AKIDEXAMPLE";
    h.secret_access_key = "secret";
    h.max_attempts = 1;
    CU_ASSERT_EQUAL_FATAL(sst_http_backend_new(&h, cli, &e), SST_OK);
}

/* req answers through cli exactly as emu answers it directly. */
static void
served_as_direct(struct sst_emu *emu, struct sst_backend *cli, const char *op,
                 const char *text)
{
    struct json_object *req = et_q(text), *resp = NULL, *direct = NULL;
    struct sst_err e;
    char *want;

    if (sst_backend_call(cli, op, req, &resp, &e) != SST_OK)
        fprintf(stderr, "\n  served %s: %s\n", op, e.message);
    CU_ASSERT_PTR_NOT_NULL_FATAL(resp);
    CU_ASSERT_EQUAL_FATAL(sst_emu_call(emu, op, req, &direct, &e), SST_OK);
    want = strdup(json_object_to_json_string(direct));
    SST_ASSERT_STR_EQ(json_object_to_json_string(resp), want);
    free(want);
    json_object_put(resp);
    json_object_put(direct);
    json_object_put(req);
}

static void
served_rows_keep_text_unless_plain(void)
{
    static const char get[] =
        "{'TableName':'tbl','Key':{'pk':{'S':'b'},'sk':{'N':'3'}}}";
    struct sst_server *srv;
    struct sst_backend *cli;
    struct sst_emu *emu;
    struct json_object *req, *resp;
    struct sst_err e;
    int plain;

    for (plain = 0; plain < 2; plain++) {
        emu = NULL;
        srv = NULL;
        cli = NULL;
        CU_ASSERT_EQUAL_FATAL(sst_emu_open(NULL, NULL, &emu, NULL), SST_OK);
        serve(emu, plain == 1, &srv, &cli);
        run(emu, "CreateTable", table);
        /* written through the server */
        req = et_q("{'TableName':'tbl','Item':{'pk':{'S':'b'},'sk':{'N':'3'},"
                   "'y':{'S':'a/b \u00e9'},'n':{'N':'007.50'}}}");
        resp = NULL;
        CU_ASSERT_EQUAL(sst_backend_call(cli, "PutItem", req, &resp, &e),
                        SST_OK);
        json_object_put(resp);
        json_object_put(req);
        CU_ASSERT_EQUAL(text_nodes(emu, "GetItem", get), plain ? 0 : 1);
        /* and read through it: the same item as a direct read */
        served_as_direct(emu, cli, "GetItem", get);
        sst_backend_close(cli);
        sst_server_close(srv);
        sst_emu_close(emu);
    }
}

/* Every read served from stored texts answers as a direct read, its CRC
 * right (the client checks it), pages of more texts than the server's
 * log of spans holds (the CRC then computed over every byte) included. */
static void
served_reads_match_direct(void)
{
    static const char many[] =
        "{'TableName':'tbl','KeyConditionExpression':'pk = :p',"
        "'ExpressionAttributeValues':{':p':{'S':'c'}}}";
    struct sst_server *srv = NULL;
    struct sst_backend *cli = NULL;
    struct sst_emu *emu = NULL;
    size_t i;

    CU_ASSERT_EQUAL_FATAL(sst_emu_open(NULL, NULL, &emu, NULL), SST_OK);
    serve(emu, false, &srv, &cli);
    run(emu, "CreateTable", table);
    put_items(emu, "a", 0, 5); /* no text */
    sst_emu_keep_text(emu, true);
    put_items(emu, "a", 5, 10);
    put_items(emu, "b", 0, 10);
    put_items(emu, "c", 0, 700);
    CU_ASSERT_EQUAL(text_nodes(emu, "Query", many), 700);
    for (i = 0; i < sizeof reads / sizeof reads[0]; i++)
        served_as_direct(emu, cli, reads[i][0], reads[i][1]);
    served_as_direct(emu, cli, "Query", many);
    sst_backend_close(cli);
    sst_server_close(srv);
    sst_emu_close(emu);
}

static const struct sst_test op_tests[] = {
    {"reads print alike", reads_print_alike},
    {"writes keep text right", writes_keep_text_right},
    {"texts and plain writers mix", texts_and_plain_writers_mix},
    {"served rows keep text unless plain", served_rows_keep_text_unless_plain},
    {"served reads match direct reads", served_reads_match_direct},
    {NULL, NULL},
};

int
main(int argc, char **argv)
{
    static const struct sst_suite suites[] = {
        {"operations", NULL, NULL, op_tests},
        {NULL, NULL, NULL, NULL},
    };
    return sst_test_main(argc, argv, "test_emu_text_ops", suites);
}
