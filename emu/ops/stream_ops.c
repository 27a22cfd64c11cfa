/*
 * emu/ops/stream_ops.c - the DynamoDB Streams operations: ListStreams,
 * DescribeStream, GetShardIterator and GetRecords (target prefix
 * DynamoDBStreams_20120810), over the streams of emu/ops/streams.h.
 *
 * A shard iterator has DynamoDB Local's form:
 *
 *   STREAM_ARN "|001|" base64(SHARD_ID "|" SEQ "|" TIME)
 *
 * with SEQ the 21-digit sequence number the next GetRecords starts at
 * and TIME the iterator's creation (30 digits, ms). It is good for 15
 * minutes (ExpiredIteratorException after), and it points at a position,
 * not at a record: records written later are read by it.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include <sst/mem.h>

#include "core/b64.h"
#include "emu/ops/common.h"
#include "emu/ops/ops.h"
#include "emu/ops/streams.h"
#include "emu/ops/table_request.h"

#define LIST_MAX 100
#define SHARDS_MAX 100
#define RECORDS_MAX 1000
/* GetRecords answers at most 1 MB of records. */
#define RECORDS_BYTES_MAX (1024 * 1024)
#define ITERATOR_VERSION "001"

#define MSG_INVALID_ARN "Invalid StreamArn"
#define MSG_NO_STREAM "Stream does not exist"
#define MSG_NO_SHARD_ID "No ShardId specified."
#define MSG_INVALID_ITERATOR "Invalid ShardIterator"
#define MSG_LIMIT_MIN                                                          \
    "1 validation error detected: Value '%" PRId64 "' at 'limit' failed "      \
    "to satisfy constraint: Member must have value greater than or equal to 1"
/* each operation words its maximum its own way */
#define MSG_LIST_LIMIT_MAX                                                     \
    "One or more parameter values were invalid: Limit cannot be greater "      \
    "than the maximum allowed size: 100"
#define MSG_DESCRIBE_LIMIT_MAX                                                 \
    "One or more parameter values were invalid: Limit cannot be greater "      \
    "than the maximum: 100"
#define MSG_RECORDS_LIMIT_MAX                                                  \
    "One or more parameter values were invalid: Limit should be less than "    \
    "or equal to 1000"
#define MSG_NO_ARN                                                             \
    "One or more parameter values were invalid: streamArn cannot be empty "    \
    "or null."
#define MSG_NO_SHARD "Shard does not exist"
#define MSG_SEQ_MISSING                                                        \
    "One or more parameter values were invalid: Invalid SequenceNumber"
#define MSG_SEQ_UNWANTED                                                       \
    "One or more parameter values were invalid: SequenceNumber should not "    \
    "be passed for this iterator type"
#define MSG_SEQ_SHORT                                                          \
    "1 validation error detected: Value '%s' at 'sequenceNumber' failed to "   \
    "satisfy constraint: Member must have length greater than or equal to 21"
#define MSG_SEQ_LONG                                                           \
    "1 validation error detected: Value '%s' at 'sequenceNumber' failed to "   \
    "satisfy constraint: Member must have length less than or equal to 40"
#define MSG_SEQ_RANGE "Invalid SequenceNumber for the shard"
#define MSG_SHARD_SHORT                                                        \
    "1 validation error detected: Value '%s' at 'exclusiveStartShardId' "      \
    "failed to satisfy constraint: Member must have length greater than or "   \
    "equal to 28"
#define MSG_TYPE_NULL                                                          \
    "1 validation error detected: Value null at 'shardIteratorType' failed "   \
    "to satisfy constraint: Member must not be null"
#define MSG_TABLE_SHORT                                                        \
    "1 validation error detected: Value '%s' at 'tableName' failed to "        \
    "satisfy constraint: Member must have length greater than or equal to 3"
#define MSG_TABLE_LONG                                                         \
    "1 validation error detected: Value '%s' at 'tableName' failed to "        \
    "satisfy constraint: Member must have length less than or equal to 255"
#define MSG_TABLE_PATTERN                                                      \
    "1 validation error detected: Value '%s' at 'tableName' failed to "        \
    "satisfy constraint: Member must satisfy regular expression pattern: "     \
    "[a-zA-Z0-9_.-]+"
#define MSG_ITERATOR_TYPE                                                      \
    "1 validation error detected: Value '%s' at 'shardIteratorType' failed "   \
    "to satisfy constraint: Member must satisfy enum value set: "              \
    "[TRIM_HORIZON, LATEST, AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER]"
/* DynamoDB Local's ExpiredIteratorException has an empty message */
#define MSG_EXPIRED ""
#define MSG_TRIMMED                                                            \
    "The operation attempted to read past the oldest stream record in a "      \
    "shard."

static const struct sst_emu_shape list_request[] = {
    {"TableName", SST_EMU_SHAPE_STRING, NULL},
    {"Limit", SST_EMU_SHAPE_INTEGER, NULL},
    {"ExclusiveStartStreamArn", SST_EMU_SHAPE_STRING, NULL},
    {NULL, SST_EMU_SHAPE_STRING, NULL}};

static const struct sst_emu_shape describe_request[] = {
    {"StreamArn", SST_EMU_SHAPE_STRING, NULL},
    {"Limit", SST_EMU_SHAPE_INTEGER, NULL},
    {"ExclusiveStartShardId", SST_EMU_SHAPE_STRING, NULL},
    {NULL, SST_EMU_SHAPE_STRING, NULL}};

static const struct sst_emu_shape iterator_request[] = {
    {"StreamArn", SST_EMU_SHAPE_STRING, NULL},
    {"ShardId", SST_EMU_SHAPE_STRING, NULL},
    {"ShardIteratorType", SST_EMU_SHAPE_STRING, NULL},
    {"SequenceNumber", SST_EMU_SHAPE_STRING, NULL},
    {NULL, SST_EMU_SHAPE_STRING, NULL}};

static const struct sst_emu_shape records_request[] = {
    {"ShardIterator", SST_EMU_SHAPE_STRING, NULL},
    {"Limit", SST_EMU_SHAPE_INTEGER, NULL},
    {NULL, SST_EMU_SHAPE_STRING, NULL}};

/* Limit: absent is max; below 1 or above max (msg) is refused. */
static enum sst_code
read_limit(const struct json_object *req, int max, const char *msg,
           int64_t *limit, struct sst_err *err)
{
    if (!sst_emu_get_long(req, "Limit", true, limit)) {
        *limit = max;
        return SST_OK;
    }
    if (*limit < 1)
        return sst_err_set(err, SST_E_VALIDATION, MSG_LIMIT_MIN, *limit);
    if (*limit > max)
        return sst_err_set(err, SST_E_VALIDATION, "%s", msg);
    return SST_OK;
}

static enum sst_code
begin(struct sst_emu *emu, struct sst_emu_txn **txn, struct sst_err *err)
{
    return sst_emu_txn_begin(sst_emu_store_of(emu), false, txn, err);
}

/* {StreamArn, TableName, StreamLabel} of a description. */
static struct json_object *
stream_summary(struct sst_emu_json *b, const struct sst_emu_stream_desc *d)
{
    struct json_object *o = json_object_new_object();
    char label[SST_EMU_LABEL_LEN],
        *arn = sst_emu_stream_arn(d->table, d->id.label_ms);

    sst_emu_stream_label(d->id.label_ms, label);
    sst_emu_json_add(b, o, "StreamArn",
                     arn ? json_object_new_string(arn) : NULL);
    sst_emu_json_add(b, o, "TableName", json_object_new_string(d->table));
    sst_emu_json_add(b, o, "StreamLabel", json_object_new_string(label));
    sst_free(arn);
    if (o == NULL)
        b->failed = true;
    return o;
}

/* ------------------------------------------------------------------ */
/* ListStreams                                                         */

struct listing {
    struct sst_emu_json b;
    const char *table;     /* only this table's streams, or NULL */
    char start_table[256]; /* and this one's, after a start ("": any) */
    int64_t limit;
    struct json_object *streams;
    struct sst_emu_stream_desc last; /* the last one listed */
    bool more;
};

static enum sst_code
list_one(void *user, struct sst_emu_stream_id id, const void *desc, size_t len,
         bool *stop, struct sst_err *err)
{
    struct listing *l = user;
    struct sst_emu_stream_desc d;
    enum sst_code rc;

    if (l->table != NULL && !sst_emu_stream_desc_of(desc, len, l->table))
        return SST_OK;
    if (l->start_table[0] != '\0' &&
        !sst_emu_stream_desc_of(desc, len, l->start_table))
        return SST_OK;
    if ((int64_t)json_object_array_length(l->streams) == l->limit) {
        l->more = true;
        *stop = true;
        return SST_OK;
    }
    rc = sst_emu_stream_desc_decode(id, desc, len, &d, err);
    if (rc != SST_OK)
        return rc;
    sst_emu_json_push(&l->b, l->streams, stream_summary(&l->b, &d));
    sst_emu_stream_desc_cleanup(&l->last);
    l->last = d;
    return SST_OK;
}

/* Where a listing resumes: just after the stream an ARN names, whether or
 * not it still exists (by its label; the table's id breaks ties), among
 * the streams of the table the ARN names, as DynamoDB Local pages. */
static enum sst_code
list_after(struct sst_emu_txn *txn, const char *arn,
           struct sst_emu_stream_id *after, char table[256], bool *valid,
           struct sst_err *err)
{
    struct sst_emu_stream_desc d;
    bool found;
    enum sst_code rc;

    *valid = sst_emu_stream_arn_parse(arn, table, &after->label_ms);
    if (!*valid)
        return SST_OK;
    after->table_id = 0;
    rc = sst_emu_stream_find(txn, arn, &d, &found, err);
    if (rc == SST_OK && found)
        after->table_id = d.id.table_id;
    sst_emu_stream_desc_cleanup(&d);
    return rc;
}

enum sst_code
sst_emu_op_list_streams(struct sst_emu *emu, const struct json_object *req,
                        struct json_object **resp, struct sst_err *err)
{
    struct listing l;
    struct sst_emu_txn *txn = NULL;
    struct sst_emu_stream_id after;
    struct json_object *out = NULL, *arn;
    const char *start;
    bool valid = true;
    enum sst_code rc;

    *resp = NULL;
    memset(&l, 0, sizeof l);
    rc = sst_emu_check_shape(req, list_request, err);
    if (rc == SST_OK)
        rc = read_limit(req, LIST_MAX, MSG_LIST_LIMIT_MAX, &l.limit, err);
    if (rc != SST_OK)
        return rc;
    l.table = sst_emu_get_string(req, "TableName");
    /* AWS validates the name; DynamoDB Local lists nothing */
    if (l.table != NULL && strlen(l.table) < 3)
        return sst_err_set(err, SST_E_VALIDATION, MSG_TABLE_SHORT, l.table);
    if (l.table != NULL && strlen(l.table) > 255)
        return sst_err_set(err, SST_E_VALIDATION, MSG_TABLE_LONG, l.table);
    if (l.table != NULL && !sst_emu_valid_table_name(l.table))
        return sst_err_set(err, SST_E_VALIDATION, MSG_TABLE_PATTERN, l.table);
    start = sst_emu_get_string(req, "ExclusiveStartStreamArn");
    out = json_object_new_object();
    l.streams = sst_emu_json_add(&l.b, out, "Streams", json_object_new_array());
    rc = begin(emu, &txn, err);
    if (rc == SST_OK && start != NULL)
        rc = list_after(txn, start, &after, l.start_table, &valid, err);
    /* an ARN of no stream's form lists nothing, as DynamoDB Local does;
     * and as it does, a page (Limit or a start) lists the oldest first,
     * a whole listing the newest first */
    if (rc == SST_OK && valid && !l.b.failed)
        rc = sst_emu_streams_each_desc(txn, start ? &after : NULL,
                                       start != NULL ||
                                           sst_emu_get(req, "Limit") != NULL,
                                       list_one, &l, err);
    if (rc == SST_OK && l.more) {
        arn = json_object_array_get_idx(
            l.streams, json_object_array_length(l.streams) - 1);
        sst_emu_json_add(
            &l.b, out, "LastEvaluatedStreamArn",
            json_object_get(json_object_object_get(arn, "StreamArn")));
    }
    sst_emu_txn_abort(txn);
    sst_emu_stream_desc_cleanup(&l.last);
    if (rc == SST_OK && l.b.failed)
        rc = sst_emu_nomem(err);
    if (rc != SST_OK) {
        json_object_put(out);
        return rc;
    }
    *resp = out;
    return SST_OK;
}

/* ------------------------------------------------------------------ */
/* DescribeStream                                                      */

/* The stream an ARN names, in txn; a missing one is
 * ResourceNotFoundException with msg (NULL: DescribeStream's). */
static enum sst_code
open_stream(struct sst_emu_txn *txn, const char *arn, const char *msg,
            struct sst_emu_stream_desc *d, struct sst_err *err)
{
    bool found;
    enum sst_code rc;

    rc = sst_emu_stream_find(txn, arn, d, &found, err);
    if (rc != SST_OK || found)
        return rc;
    if (msg != NULL)
        return sst_err_set(err, SST_E_NOT_FOUND, "%s", msg);
    return sst_err_set(err, SST_E_NOT_FOUND,
                       "Requested resource not found: Stream: %s not found",
                       arn);
}

enum sst_code
sst_emu_op_describe_stream(struct sst_emu *emu, const struct json_object *req,
                           struct json_object **resp, struct sst_err *err)
{
    struct sst_emu_json b = {false};
    struct sst_emu_stream_desc d;
    struct sst_emu_txn *txn = NULL;
    struct json_object *out = NULL, *sd, *shards, *sh, *range;
    const char *arn, *start;
    char label[SST_EMU_LABEL_LEN], seq[32];
    int64_t limit;
    enum sst_code rc;

    *resp = NULL;
    memset(&d, 0, sizeof d);
    rc = sst_emu_check_shape(req, describe_request, err);
    if (rc != SST_OK)
        return rc;
    arn = sst_emu_get_string(req, "StreamArn");
    if (arn == NULL)
        return sst_err_set(err, SST_E_VALIDATION, MSG_INVALID_ARN);
    rc = read_limit(req, SHARDS_MAX, MSG_DESCRIBE_LIMIT_MAX, &limit, err);
    if (rc != SST_OK)
        return rc;
    start = sst_emu_get_string(req, "ExclusiveStartShardId");
    if (start != NULL && strlen(start) < 28)
        return sst_err_set(err, SST_E_VALIDATION, MSG_SHARD_SHORT, start);
    rc = begin(emu, &txn, err);
    if (rc == SST_OK)
        rc = open_stream(txn, arn, NULL, &d, err);
    sst_emu_txn_abort(txn);
    if (rc != SST_OK)
        return rc;
    out = json_object_new_object();
    sd = sst_emu_json_add(&b, out, "StreamDescription",
                          json_object_new_object());
    sst_emu_json_add(&b, sd, "StreamArn", json_object_new_string(arn));
    sst_emu_stream_label(d.id.label_ms, label);
    sst_emu_json_add(&b, sd, "StreamLabel", json_object_new_string(label));
    sst_emu_json_add(&b, sd, "StreamStatus",
                     json_object_new_string(d.end ? "DISABLED" : "ENABLED"));
    sst_emu_json_add(&b, sd, "StreamViewType",
                     json_object_new_string(sst_emu_stream_view_name(d.view)));
    sst_emu_json_add(&b, sd, "CreationRequestDateTime",
                     sst_emu_json_time(d.id.label_ms));
    sst_emu_json_add(&b, sd, "TableName", json_object_new_string(d.table));
    sst_emu_json_add(&b, sd, "KeySchema", json_object_get(d.keys));
    shards = sst_emu_json_add(&b, sd, "Shards", json_object_new_array());
    /* one shard: after it, none */
    if (start == NULL || strcmp(start, d.shard) != 0) {
        sh = sst_emu_json_push(&b, shards, json_object_new_object());
        sst_emu_json_add(&b, sh, "ShardId", json_object_new_string(d.shard));
        range = sst_emu_json_add(&b, sh, "SequenceNumberRange",
                                 json_object_new_object());
        sst_emu_stream_seq_text(d.start, seq);
        sst_emu_json_add(&b, range, "StartingSequenceNumber",
                         json_object_new_string(seq));
        if (d.end != 0) {
            sst_emu_stream_seq_text(d.end, seq);
            sst_emu_json_add(&b, range, "EndingSequenceNumber",
                             json_object_new_string(seq));
        }
    }
    sst_emu_stream_desc_cleanup(&d);
    if (b.failed || out == NULL) {
        json_object_put(out);
        return sst_emu_nomem(err);
    }
    *resp = out;
    return SST_OK;
}

/* ------------------------------------------------------------------ */
/* shard iterators                                                     */

/* A sequence number's text: digits (leading zeros allowed) of a number
 * that fits 64 bits. */
static bool
parse_seq(const char *s, uint64_t *seq)
{
    size_t n = strspn(s, "0123456789");

    if (n == 0 || s[n] != '\0')
        return false;
    while (*s == '0' && s[1] != '\0')
        s++;
    if (strlen(s) > 20)
        return false;
    errno = 0;
    *seq = strtoull(s, NULL, 10);
    return errno == 0;
}

/* A new iterator for the stream at position seq, made at now. */
static enum sst_code
make_iterator(const char *arn, const char *shard, uint64_t seq, int64_t now,
              struct json_object **out, struct sst_err *err)
{
    char inner[128], seqt[32], *b64 = NULL, *text;
    size_t n, blen = 0;
    enum sst_code rc;

    sst_emu_stream_seq_text(seq, seqt);
    n = (size_t)snprintf(inner, sizeof inner, "%s|%s|%030" PRId64, shard, seqt,
                         now);
    rc = sst_b64_encode(inner, n, false, &b64, &blen, err);
    if (rc != SST_OK)
        return rc;
    n = strlen(arn) + strlen("|" ITERATOR_VERSION "|") + blen + 1;
    text = sst_malloc(n);
    if (text != NULL) {
        snprintf(text, n, "%s|" ITERATOR_VERSION "|%s", arn, b64);
        *out = json_object_new_string(text);
    }
    sst_free(text);
    sst_free(b64);
    return text != NULL && *out != NULL ? SST_OK : sst_emu_nomem(err);
}

enum iterator_type { AT, AFTER, TRIM_HORIZON, LATEST };

static bool
iterator_type(const char *s, enum iterator_type *t)
{
    static const char *const names[] = {"AT_SEQUENCE_NUMBER",
                                        "AFTER_SEQUENCE_NUMBER", "TRIM_HORIZON",
                                        "LATEST"};
    size_t i;

    for (i = 0; i < 4; i++)
        if (strcmp(s, names[i]) == 0) {
            *t = (enum iterator_type)i;
            return true;
        }
    return false;
}

/* Where an iterator of type ty starts in stream d. */
static enum sst_code
start_of(struct sst_emu_txn *txn, const struct sst_emu_stream_desc *d,
         enum iterator_type ty, uint64_t seq, uint64_t *pos,
         struct sst_err *err)
{
    switch (ty) {
    case AT:
        *pos = seq;
        return SST_OK;
    case AFTER:
        *pos = seq + 1;
        return SST_OK;
    case TRIM_HORIZON:
        *pos = d->trimmed != 0 ? d->trimmed + 1 : d->start;
        return SST_OK;
    case LATEST:
        if (d->end != 0) {
            *pos = d->end + 1;
            return SST_OK;
        }
        return sst_emu_streams_peek_seq(txn, pos, err);
    }
    return SST_OK;
}

enum sst_code
sst_emu_op_get_shard_iterator(struct sst_emu *emu,
                              const struct json_object *req,
                              struct json_object **resp, struct sst_err *err)
{
    struct sst_emu_stream_desc d;
    struct sst_emu_txn *txn = NULL;
    struct json_object *it = NULL;
    const char *arn, *shard, *type, *seqt;
    enum iterator_type ty;
    uint64_t seq = 0, pos = 0;
    enum sst_code rc;

    *resp = NULL;
    memset(&d, 0, sizeof d);
    rc = sst_emu_check_shape(req, iterator_request, err);
    if (rc != SST_OK)
        return rc;
    arn = sst_emu_get_string(req, "StreamArn");
    shard = sst_emu_get_string(req, "ShardId");
    type = sst_emu_get_string(req, "ShardIteratorType");
    seqt = sst_emu_get_string(req, "SequenceNumber");
    if (shard == NULL)
        return sst_err_set(err, SST_E_VALIDATION, MSG_NO_SHARD_ID);
    if (arn == NULL || *arn == '\0')
        return sst_err_set(err, SST_E_VALIDATION, MSG_NO_ARN);
    if (type == NULL)
        return sst_err_set(err, SST_E_VALIDATION, MSG_TYPE_NULL);
    if (!iterator_type(type, &ty))
        return sst_err_set(err, SST_E_VALIDATION, MSG_ITERATOR_TYPE, type);
    if ((ty == AT || ty == AFTER) && seqt == NULL)
        return sst_err_set(err, SST_E_VALIDATION, MSG_SEQ_MISSING);
    if ((ty == TRIM_HORIZON || ty == LATEST) && seqt != NULL)
        return sst_err_set(err, SST_E_VALIDATION, MSG_SEQ_UNWANTED);
    if (seqt != NULL && strlen(seqt) < 21)
        return sst_err_set(err, SST_E_VALIDATION, MSG_SEQ_SHORT, seqt);
    if (seqt != NULL && strlen(seqt) > 40)
        return sst_err_set(err, SST_E_VALIDATION, MSG_SEQ_LONG, seqt);
    rc = begin(emu, &txn, err);
    if (rc == SST_OK)
        rc = open_stream(txn, arn, MSG_NO_STREAM, &d, err);
    if (rc == SST_OK && strcmp(shard, d.shard) != 0)
        rc = sst_err_set(err, SST_E_NOT_FOUND, MSG_NO_SHARD);
    if (rc == SST_OK && (ty == AT || ty == AFTER) &&
        (!parse_seq(seqt, &seq) || seq < d.start ||
         (d.end != 0 && seq > d.end)))
        rc = sst_err_set(err, SST_E_VALIDATION, MSG_SEQ_RANGE);
    if (rc == SST_OK && (ty == AT || ty == AFTER) && d.trimmed >= seq)
        rc = sst_err_set(err, SST_E_TRIMMED_DATA, MSG_TRIMMED);
    if (rc == SST_OK)
        rc = start_of(txn, &d, ty, seq, &pos, err);
    sst_emu_txn_abort(txn);
    if (rc == SST_OK)
        rc = make_iterator(arn, d.shard, pos, sst_emu_now(emu), &it, err);
    sst_emu_stream_desc_cleanup(&d);
    if (rc == SST_OK)
        rc = sst_emu_answer_member("ShardIterator", it, resp, err);
    return rc;
}

/* ------------------------------------------------------------------ */
/* GetRecords                                                          */

/* An iterator's parts: the stream's ARN, the shard, the position and the
 * creation time. */
struct iterator {
    char arn[512];
    char shard[48];
    uint64_t pos;
    int64_t made_ms;
};

static bool
parse_iterator(const char *s, struct iterator *it)
{
    const char *bar = strchr(s, '|'), *b64;
    unsigned char *inner = NULL;
    size_t n = 0, arn_len;
    char *p, *q;
    bool ok = false;
    struct sst_err e;

    if (bar == NULL || (arn_len = (size_t)(bar - s)) >= sizeof it->arn ||
        strncmp(bar, "|" ITERATOR_VERSION "|", 5) != 0)
        return false;
    memcpy(it->arn, s, arn_len);
    it->arn[arn_len] = '\0';
    b64 = bar + 5;
    if (sst_b64_decode(b64, strlen(b64), false, &inner, &n, &e) != SST_OK)
        return false;
    /* SHARD|SEQ|TIME, every part present, no NUL inside */
    p = memchr(inner, '|', n);
    q = p ? memchr(p + 1, '|', n - (size_t)(p + 1 - (char *)inner)) : NULL;
    if (p != NULL && q != NULL && strlen((char *)inner) == n &&
        (size_t)(p - (char *)inner) < sizeof it->shard) {
        *p = '\0';
        *q = '\0';
        strcpy(it->shard, (char *)inner);
        ok = parse_seq(p + 1, &it->pos) &&
             strspn(q + 1, "0123456789") == strlen(q + 1) &&
             strlen(q + 1) > 0 && strlen(q + 1) <= 30;
        if (ok) {
            errno = 0;
            it->made_ms = (int64_t)strtoll(q + 1, NULL, 10);
            ok = errno == 0;
        }
    }
    sst_free(inner);
    return ok;
}

struct reading {
    struct sst_emu_json b;
    struct json_object *records;
    int64_t limit;
    size_t bytes;
    uint64_t next; /* the position after the last record read */
    bool more;     /* stopped with records left              */
};

static enum sst_code
read_one(void *user, uint64_t seq, const void *rec, size_t len, bool *stop,
         struct sst_err *err)
{
    struct reading *r = user;
    struct json_object *o = NULL;
    enum sst_code rc;

    if ((int64_t)json_object_array_length(r->records) == r->limit ||
        (r->bytes > 0 && r->bytes + len > RECORDS_BYTES_MAX)) {
        r->more = true;
        *stop = true;
        return SST_OK;
    }
    rc = sst_emu_stream_record_json(rec, len, seq, &o, err);
    if (rc != SST_OK)
        return rc;
    sst_emu_json_push(&r->b, r->records, o);
    r->bytes += len;
    r->next = seq + 1;
    return SST_OK;
}

enum sst_code
sst_emu_op_get_records(struct sst_emu *emu, const struct json_object *req,
                       struct json_object **resp, struct sst_err *err)
{
    struct sst_emu_stream_desc d;
    struct sst_emu_txn *txn = NULL;
    struct reading r;
    struct iterator it;
    struct json_object *out = NULL, *next = NULL;
    const char *text;
    int64_t now = sst_emu_now(emu);
    bool open;
    enum sst_code rc;

    *resp = NULL;
    memset(&d, 0, sizeof d);
    memset(&r, 0, sizeof r);
    rc = sst_emu_check_shape(req, records_request, err);
    if (rc != SST_OK)
        return rc;
    text = sst_emu_get_string(req, "ShardIterator");
    if (text == NULL || !parse_iterator(text, &it))
        return sst_err_set(err, SST_E_VALIDATION, MSG_INVALID_ITERATOR);
    rc = read_limit(req, RECORDS_MAX, MSG_RECORDS_LIMIT_MAX, &r.limit, err);
    if (rc != SST_OK)
        return rc;
    if (now - it.made_ms > SST_EMU_ITERATOR_TTL_MS)
        return sst_err_set(err, SST_E_EXPIRED_ITERATOR, "%s", MSG_EXPIRED);
    rc = begin(emu, &txn, err);
    if (rc == SST_OK)
        rc = open_stream(txn, it.arn, MSG_NO_STREAM, &d, err);
    if (rc == SST_OK && strcmp(it.shard, d.shard) != 0)
        rc = sst_err_set(err, SST_E_VALIDATION, MSG_INVALID_ITERATOR);
    if (rc == SST_OK && d.trimmed >= it.pos)
        rc = sst_err_set(err, SST_E_TRIMMED_DATA, MSG_TRIMMED);
    out = json_object_new_object();
    r.records = sst_emu_json_add(&r.b, out, "Records", json_object_new_array());
    r.next = it.pos;
    if (rc == SST_OK && !r.b.failed)
        rc = sst_emu_streams_each_record(txn, d.id, it.pos, read_one, &r, err);
    sst_emu_txn_abort(txn);
    /* a closed shard read to its end has no next iterator */
    open = d.end == 0;
    if (rc == SST_OK && (open || r.more))
        rc = make_iterator(it.arn, d.shard, r.next, now, &next, err);
    if (rc == SST_OK && next != NULL)
        sst_emu_json_add(&r.b, out, "NextShardIterator", next);
    sst_emu_stream_desc_cleanup(&d);
    if (rc == SST_OK && r.b.failed)
        rc = sst_emu_nomem(err);
    if (rc != SST_OK) {
        json_object_put(out);
        return rc;
    }
    *resp = out;
    return SST_OK;
}
