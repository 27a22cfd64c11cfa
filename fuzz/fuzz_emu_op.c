/*
 * fuzz/fuzz_emu_op.c - libFuzzer target for one emulator operation's
 * request decoder, compiled once per operation with
 * -DSST_FUZZ_OP='"PutItem"' (fuzz/fuzz.am lists the targets).
 *
 * Input: the request as JSON; input that is not JSON is skipped. The
 * emulator is prepared once (LLVMFuzzerInitialize): in memory, with a
 * table "tbl" that has a global index of each projection, a local index
 * and a few items (the table of the recorded corpora, so their requests
 * are the seeds: fuzz/corpus/fuzz_op_<operation>/). It is prepared afresh
 * when an input changed a table's definition, or after enough inputs, so
 * that every input meets about the same state; a table an input created
 * is deleted again instead (or, when it is protected from deletion, the
 * emulator is prepared afresh).
 *
 * The targets of the DynamoDB Streams operations (ListStreams,
 * DescribeStream, GetShardIterator, GetRecords) prepare more: tbl's
 * stream (NEW_AND_OLD_IMAGES) is enabled before its items are put, one of
 * them is then updated and one deleted (INSERT, MODIFY and REMOVE
 * records), and a table "old" has a stream (KEYS_ONLY) of one record
 * that is then disabled (a closed shard). Their inputs name what only an
 * answer tells, inside any string, by placeholders: $ARN, $SHARD, $SEQ
 * (the first sequence number) and $ITER (a TRIM_HORIZON iterator) of
 * tbl's stream, $OLD_ARN, $OLD_SHARD, $OLD_SEQ, $OLD_END (the last
 * sequence number) and $OLD_ITER of old's; and $B64(TEXT) is TEXT (up to
 * the next ')') in base64, so that an input can write an iterator of its
 * own: "$ARN|001|$B64($SHARD|000000000000000000005|0...0)".
 *
 * Invariants besides memory safety and no leaks: SST_OK comes with a
 * response, and an error with none, except the Item of a failed condition
 * (ReturnValuesOnConditionCheckFailure); an error that is not the
 * emulator's own (storage, memory) carries a DynamoDB __type, and that
 * type maps back to the same code; a created table without deletion
 * protection can be deleted; an iterator that GetShardIterator answers,
 * and a NextShardIterator, is one GetRecords takes; every record GetRecords
 * answers is an INSERT, MODIFY or REMOVE with a SequenceNumber; and
 * after every call the stored rows, index rows and counters agree
 * (sst_emu_verify). A broken invariant aborts.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include <sst/emu.h>
#include <sst/mem.h>
#include <sst/sst.h>

#include "core/b64.h"
#include "emu/server/handler.h"
#include "fuzz/emu_fuzz.h"

#ifndef SST_FUZZ_OP
#error "compile with -DSST_FUZZ_OP='\"PutItem\"' (the operation to fuzz)"
#endif

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct emu_fuzz_step setup[] = {
    {"CreateTable", emu_fuzz_indexed_table},
    {"PutItem",
     "{\"TableName\":\"tbl\",\"Item\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":"
     "\"1\"},\"g\":{\"S\":\"G\"},\"gs\":{\"N\":\"5\"},\"x\":{\"S\":\"x\"},"
     "\"n\":{\"N\":\"10\"},\"ttl\":{\"N\":\"1700000000\"}}}"},
    {"PutItem",
     "{\"TableName\":\"tbl\",\"Item\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":"
     "\"2\"},\"l\":{\"B\":\"AQ==\"},\"g\":{\"S\":\"G\"},\"gs\":{\"N\":\"6\"},"
     "\"m\":{\"M\":{\"k\":{\"L\":[{\"N\":\"1\"},{\"S\":\"s\"}]}}}}}"},
    {"PutItem",
     "{\"TableName\":\"tbl\",\"Item\":{\"pk\":{\"S\":\"b\"},\"sk\":{\"N\":"
     "\"-1.5\"},\"g\":{\"S\":\"H\"},\"ss\":{\"SS\":[\"a\",\"b\"]},"
     "\"ns\":{\"NS\":[\"1\",\"2\"]},\"y\":{\"BOOL\":true}}}"},
};

static struct emu_fuzz fz = {NULL, setup, sizeof setup / sizeof setup[0], 0};

/* The streams targets' setup: setup's first step (tbl), tbl's stream, the
 * rest of setup (three INSERT records), a MODIFY and a REMOVE; then the
 * table "old" with one record on a stream that is disabled. */
static const struct emu_fuzz_step stream_steps[] = {
    {"UpdateTable",
     "{\"TableName\":\"tbl\",\"StreamSpecification\":{\"StreamEnabled\":"
     "true,\"StreamViewType\":\"NEW_AND_OLD_IMAGES\"}}"},
    {"UpdateItem",
     "{\"TableName\":\"tbl\",\"Key\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":"
     "\"1\"}},\"UpdateExpression\":\"SET n = n + :d REMOVE x\","
     "\"ExpressionAttributeValues\":{\":d\":{\"N\":\"1\"}}}"},
    {"DeleteItem",
     "{\"TableName\":\"tbl\",\"Key\":{\"pk\":{\"S\":\"b\"},\"sk\":{\"N\":"
     "\"-1.5\"}}}"},
    {"CreateTable",
     "{\"TableName\":\"old\",\"BillingMode\":\"PAY_PER_REQUEST\","
     "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}],"
     "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":"
     "\"S\"}],\"StreamSpecification\":{\"StreamEnabled\":true,"
     "\"StreamViewType\":\"KEYS_ONLY\"}}"},
    {"PutItem", "{\"TableName\":\"old\",\"Item\":{\"pk\":{\"S\":\"o\"}}}"},
    {"UpdateTable",
     "{\"TableName\":\"old\",\"StreamSpecification\":{\"StreamEnabled\":"
     "false}}"},
};

#define NSETUP (sizeof setup / sizeof setup[0])
#define NSTREAM_STEPS (sizeof stream_steps / sizeof stream_steps[0])
static struct emu_fuzz_step streams_setup[NSETUP + NSTREAM_STEPS];

/* Whether this target fuzzes a DynamoDB Streams operation. */
static bool streams;

/* The placeholders of the streams targets, and their values in the
 * current state (read_refs). No name is a prefix of another. */
enum ref {
    REF_ARN,
    REF_SHARD,
    REF_SEQ,
    REF_ITER,
    REF_OLD_ARN,
    REF_OLD_SHARD,
    REF_OLD_SEQ,
    REF_OLD_END,
    REF_OLD_ITER,
    NREFS
};
static const char *const ref_names[NREFS] = {
    "$ARN",       "$SHARD",   "$SEQ",     "$ITER",    "$OLD_ARN",
    "$OLD_SHARD", "$OLD_SEQ", "$OLD_END", "$OLD_ITER"};
static char *refs[NREFS];

/* The answer to op with req (whose reference it takes); aborts unless
 * the call succeeds. */
static struct json_object *
ask(const char *op, struct json_object *req)
{
    struct json_object *resp = NULL;

    if (req == NULL || sst_emu_call(fz.emu, op, req, &resp, NULL) != SST_OK)
        abort();
    json_object_put(req);
    return resp;
}

/* A copy of the string at JSON pointer ptr in o; aborts when missing. */
static char *
take(struct json_object *o, const char *ptr)
{
    struct json_object *v;
    char *s;

    if (json_pointer_get(o, ptr, &v) != 0 ||
        !json_object_is_type(v, json_type_string) ||
        (s = strdup(json_object_get_string(v))) == NULL)
        abort();
    return s;
}

/* The placeholders of table's stream, from refs[first] on: its ARN,
 * shard, first sequence number, (closed) last one, and a TRIM_HORIZON
 * iterator. */
static void
read_stream(const char *table, enum ref first, bool closed)
{
    struct json_object *req, *resp;
    char **r = refs + first;

    req = json_object_new_object();
    json_object_object_add(req, "TableName", json_object_new_string(table));
    resp = ask("DescribeTable", req);
    *r++ = take(resp, "/Table/LatestStreamArn");
    json_object_put(resp);
    req = json_object_new_object();
    json_object_object_add(req, "StreamArn", json_object_new_string(r[-1]));
    resp = ask("DescribeStream", req);
    *r++ = take(resp, "/StreamDescription/Shards/0/ShardId");
    *r++ = take(resp, "/StreamDescription/Shards/0/SequenceNumberRange/"
                      "StartingSequenceNumber");
    if (closed)
        *r++ = take(resp, "/StreamDescription/Shards/0/SequenceNumberRange/"
                          "EndingSequenceNumber");
    json_object_put(resp);
    req = json_object_new_object();
    json_object_object_add(req, "StreamArn",
                           json_object_new_string(refs[first]));
    json_object_object_add(req, "ShardId",
                           json_object_new_string(refs[first + 1]));
    json_object_object_add(req, "ShardIteratorType",
                           json_object_new_string("TRIM_HORIZON"));
    resp = ask("GetShardIterator", req);
    *r = take(resp, "/ShardIterator");
    json_object_put(resp);
}

/* Read the placeholders' values from the state just prepared. */
static void
read_refs(void)
{
    size_t i;

    for (i = 0; i < NREFS; i++) {
        free(refs[i]);
        refs[i] = NULL;
    }
    read_stream("tbl", REF_ARN, false);
    read_stream("old", REF_OLD_ARN, true);
}

/* A growing string. */
struct text {
    char *p;
    size_t len, cap;
};

static void
put(struct text *t, const char *p, size_t n)
{
    if (t->len + n + 1 > t->cap) {
        t->cap = (t->len + n + 1) * 2;
        if ((t->p = realloc(t->p, t->cap)) == NULL)
            abort();
    }
    memcpy(t->p + t->len, p, n);
    t->len += n;
    t->p[t->len] = '\0';
}

/* s with every placeholder replaced by its value (a new string). */
static char *
replace_refs(const char *s)
{
    struct text t = {NULL, 0, 0};
    size_t i, n = 0;

    put(&t, "", 0);
    while (*s != '\0') {
        for (i = 0; i < NREFS; i++) {
            n = strlen(ref_names[i]);
            if (strncmp(s, ref_names[i], n) == 0)
                break;
        }
        if (i < NREFS) {
            put(&t, refs[i], strlen(refs[i]));
            s += n;
        } else {
            put(&t, s++, 1);
        }
    }
    return t.p;
}

/* s with every $B64(TEXT) replaced by TEXT in base64 (a new string). */
static char *
encode_b64(const char *s)
{
    struct text t = {NULL, 0, 0};
    const char *open, *close;
    char *b64;
    size_t blen;

    put(&t, "", 0);
    while ((open = strstr(s, "$B64(")) != NULL &&
           (close = strchr(open + 5, ')')) != NULL) {
        put(&t, s, (size_t)(open - s));
        if (sst_b64_encode(open + 5, (size_t)(close - open - 5), false, &b64,
                           &blen, NULL) != SST_OK)
            abort();
        put(&t, b64, blen);
        sst_free(b64);
        s = close + 1;
    }
    put(&t, s, strlen(s));
    return t.p;
}

/* Expand the placeholders in every string of v (not in member names). */
static void
expand_refs(struct json_object *v)
{
    struct json_object_iterator it, end;
    const char *s;
    char *a, *b;
    size_t i;

    switch (json_object_get_type(v)) {
    case json_type_object:
        it = json_object_iter_begin(v);
        end = json_object_iter_end(v);
        for (; !json_object_iter_equal(&it, &end); json_object_iter_next(&it))
            expand_refs(json_object_iter_peek_value(&it));
        return;
    case json_type_array:
        for (i = 0; i < json_object_array_length(v); i++)
            expand_refs(json_object_array_get_idx(v, i));
        return;
    case json_type_string:
        s = json_object_get_string(v);
        if (strchr(s, '$') == NULL ||
            strlen(s) != (size_t)json_object_get_string_len(v))
            return;
        a = replace_refs(s);
        b = encode_b64(a);
        if (!json_object_set_string(v, b))
            abort();
        free(a);
        free(b);
        return;
    default:
        return;
    }
}

/* An iterator the emulator answered is one GetRecords takes. */
static void
check_iterator(struct json_object *it)
{
    struct json_object *req = json_object_new_object(), *resp;

    json_object_object_add(req, "ShardIterator", json_object_get(it));
    resp = ask("GetRecords", req);
    json_object_put(resp);
}

/* The invariants of a stream operation's success. */
static void
check_stream_answer(const char *op, struct json_object *resp)
{
    struct json_object *it, *records, *r, *name, *seq;
    const char *n;
    size_t i;

    if (strcmp(op, "GetShardIterator") == 0) {
        if (!json_object_object_get_ex(resp, "ShardIterator", &it))
            abort();
        check_iterator(it);
    }
    if (strcmp(op, "GetRecords") != 0)
        return;
    if (!json_object_object_get_ex(resp, "Records", &records) ||
        !json_object_is_type(records, json_type_array))
        abort();
    for (i = 0; i < json_object_array_length(records); i++) {
        r = json_object_array_get_idx(records, i);
        if (!json_object_object_get_ex(r, "eventName", &name) ||
            json_pointer_get(r, "/dynamodb/SequenceNumber", &seq) != 0)
            abort();
        n = json_object_get_string(name);
        if (strcmp(n, "INSERT") != 0 && strcmp(n, "MODIFY") != 0 &&
            strcmp(n, "REMOVE") != 0)
            abort();
    }
    if (json_object_object_get_ex(resp, "NextShardIterator", &it))
        check_iterator(it);
}

/* Delete the table a successful CreateTable made; it must go, unless it
 * was created with deletion protection (DeleteTable refuses it, as
 * DynamoDB does). Returns whether it was deleted. */
static bool
delete_created(struct json_object *resp)
{
    struct json_object *desc, *name, *prot, *req, *out = NULL;

    if (!json_object_object_get_ex(resp, "TableDescription", &desc) ||
        !json_object_object_get_ex(desc, "TableName", &name))
        abort();
    if (json_object_object_get_ex(desc, "DeletionProtectionEnabled", &prot) &&
        json_object_get_boolean(prot))
        return false;
    req = json_object_new_object();
    json_object_object_add(req, "TableName", json_object_get(name));
    if (sst_emu_call(fz.emu, "DeleteTable", req, &out, NULL) != SST_OK)
        abort();
    json_object_put(out);
    json_object_put(req);
    return true;
}

/* Whether a successful call of this operation changed a table's
 * definition, so that the next input must start afresh. */
static bool
changes_definition(const char *op)
{
    return strcmp(op, "DeleteTable") == 0 || strcmp(op, "UpdateTable") == 0 ||
           strcmp(op, "UpdateTimeToLive") == 0;
}

/* Besides the invariants of every answer (emu_fuzz_call): a success is
 * writable as JSON, and an error's __type maps back to its code. */
static void
check_answer(enum sst_code rc, struct json_object *resp,
             const struct sst_err *err)
{
    if (rc == SST_OK) {
        if (json_object_to_json_string(resp) == NULL)
            abort();
        return;
    }
    if (rc == SST_E_STORAGE || rc == SST_E_NOMEM)
        return;
    if (sst_code_from_type(err->type) != rc)
        abort();
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    size_t i, n = 0;

    (void)argc;
    (void)argv;
    /* the operations sst-emu serves under DynamoDBStreams_20120810 */
    streams = sst_server_stream_operation(SST_FUZZ_OP) != NULL;
    if (streams) {
        streams_setup[n++] = setup[0];
        streams_setup[n++] = stream_steps[0];
        for (i = 1; i < NSETUP; i++)
            streams_setup[n++] = setup[i];
        for (i = 1; i < NSTREAM_STEPS; i++)
            streams_setup[n++] = stream_steps[i];
        fz.setup = streams_setup;
        fz.nsetup = n;
    }
    emu_fuzz_prepare(&fz);
    if (streams)
        read_refs();
    return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char op[] = SST_FUZZ_OP;
    static const enum sst_code answered[] = {SST_E_CONDITION_FAILED,
                                             SST_E_TXN_CANCELED, SST_OK};
    struct json_object *req, *resp = NULL;
    struct sst_err err;
    enum sst_code rc;

    req = emu_fuzz_request(data, size);
    if (req == NULL)
        return 0;
    if (streams)
        expand_refs(req);
    rc = emu_fuzz_call(fz.emu, op, req, &resp, &err, answered);
    check_answer(rc, resp, &err);
    if (rc == SST_OK && streams)
        check_stream_answer(op, resp);
    /* a protected table stays: start afresh */
    if (rc == SST_OK && strcmp(op, "CreateTable") == 0 && !delete_created(resp))
        fz.inputs = EMU_FUZZ_RESET_AFTER;
    json_object_put(resp);
    json_object_put(req);
    emu_fuzz_next(&fz, rc == SST_OK && changes_definition(op));
    if (streams && fz.inputs == 0)
        read_refs(); /* prepared afresh */
    return 0;
}
