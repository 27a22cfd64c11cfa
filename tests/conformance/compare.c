/*
 * tests/conformance/compare.c - the comparison of the emulator's answers
 * with the recorded ones, for the conformance replay (replay.c).
 *
 * Member by member, recursively. Numbers compare by value, lists in order
 * except the lists whose order DynamoDB does not define, a few members
 * are set aside because they differ by design (compare.h), and a few are
 * opaque: they must be there, with the same JSON type, but no two runs
 * give them the same value (DynamoDB Streams' identifiers, opaque()).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"

/* Members whose values differ by design (docs/emulator.md): times, the
 * emulator's TableId, index sizes (projected attributes, not whole
 * items), and DeleteTable's status (AWS documents DELETING). */
static bool
skipped(const char *key)
{
    static const char *const keys[] = {
        "CreationDateTime",     "LastUpdateToPayPerRequestDateTime",
        "LastIncreaseDateTime", "LastDecreaseDateTime",
        "NumberOfDecreasesToday", "TableId",
        "IndexSizeBytes",       "TableStatus", NULL};
    size_t i;

    for (i = 0; keys[i] != NULL; i++)
        if (strcmp(key, keys[i]) == 0)
            return true;
    return false;
}

/* Opaque members: present on both sides with the same JSON type, their
 * values not compared. They are DynamoDB Streams' identifiers and times,
 * which no two runs share: stream labels and ARNs carry the time the
 * stream was made, shard ids the time and random digits, eventIDs are
 * random UUIDs, shard iterators embed all of these, and DynamoDB Local
 * numbers the records of every stream from one global counter, so a
 * sequence number depends on everything recorded before it. A recorded
 * request names such a value by {"$ref": ...} (replay.c), never by its
 * text. */
static bool
opaque(const char *key)
{
    static const char *const keys[] = {
        "eventID", "ApproximateCreationDateTime", "CreationRequestDateTime",
        "StreamArn", "LatestStreamArn", "StreamLabel", "LatestStreamLabel",
        "LastEvaluatedStreamArn", "ShardId", "LastEvaluatedShardId",
        "ParentShardId", "ShardIterator", "NextShardIterator",
        "SequenceNumber", "StartingSequenceNumber", "EndingSequenceNumber",
        NULL};
    size_t i;

    for (i = 0; keys[i] != NULL; i++)
        if (strcmp(key, keys[i]) == 0)
            return true;
    return false;
}

/* The JSON type of o, integers and doubles being one type: numbers. */
static enum json_type
kind_of(struct json_object *o)
{
    enum json_type t = json_object_get_type(o);

    return t == json_type_int ? json_type_double : t;
}

/* Lists whose order DynamoDB does not define: sets, the keys and
 * capacities of batch answers, attribute definitions. Query's, Scan's
 * and ExecuteStatement's Items, BatchGetItem's items and the indexes of
 * descriptions are in DynamoDB Local's order (emu/ops/keys.h,
 * emu/ops/batch_get_item.c, emu/ops/common.c): compared as lists. */
static bool
unordered(const char *key)
{
    static const char *const keys[] = {"SS",   "NS",   "BS",
                                       "ConsumedCapacity", "Keys",
                                       "AttributeDefinitions", NULL};
    size_t i;

    for (i = 0; key != NULL && keys[i] != NULL; i++)
        if (strcmp(key, keys[i]) == 0)
            return true;
    return false;
}

const char *
conf_text(struct json_object *o)
{
    return o ? json_object_to_json_string_ext(
                   o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE)
             : "(none)";
}

struct json_object *
conf_expand(struct json_object *j)
{
    struct json_object *out, *rep, *u, *c, *t;
    size_t i, n, ulen, tlen;
    int64_t count;
    char *buf, *p;

    switch (json_object_get_type(j)) {
    case json_type_object:
        if (json_object_object_length(j) == 1 &&
            json_object_object_get_ex(j, "$rep", &rep)) {
            u = json_object_array_get_idx(rep, 0);
            c = json_object_array_get_idx(rep, 1);
            t = json_object_array_get_idx(rep, 2);
            ulen = (size_t)json_object_get_string_len(u);
            tlen = (size_t)json_object_get_string_len(t);
            count = json_object_get_int64(c);
            if (count < 0)
                count = 0;
            buf = malloc(ulen * (size_t)count + tlen + 1);
            if (buf == NULL)
                return NULL;
            for (p = buf, i = 0; i < (size_t)count; i++, p += ulen)
                memcpy(p, json_object_get_string(u), ulen);
            memcpy(p, json_object_get_string(t), tlen);
            out = json_object_new_string_len(buf, (int)(p + tlen - buf));
            free(buf);
            return out;
        }
        out = json_object_new_object();
        json_object_object_foreach(j, k, v)
        {
            json_object_object_add(out, k, conf_expand(v));
        }
        return out;
    case json_type_array:
        n = json_object_array_length(j);
        out = json_object_new_array();
        for (i = 0; i < n; i++)
            json_object_array_add(out,
                                  conf_expand(json_object_array_get_idx(j, i)));
        return out;
    default:
        return json_object_get(j);
    }
}

static bool same(struct json_object *ours, struct json_object *theirs,
                 const char *key, const char *parent, const char *where,
                 char *why, size_t why_len);

/* Each element of theirs matched by a distinct element of ours. */
static bool
same_unordered(struct json_object *ours, struct json_object *theirs,
               const char *key, const char *where, char *why, size_t why_len)
{
    size_t n = json_object_array_length(theirs), i, j;
    char ignored[8];
    bool *used, ok = true;

    used = calloc(n + 1, sizeof *used);
    if (used == NULL) {
        snprintf(why, why_len, "%s: out of memory", where);
        return false;
    }
    for (i = 0; i < n && ok; i++) {
        for (j = 0; j < n; j++)
            if (!used[j] &&
                same(json_object_array_get_idx(ours, j),
                     json_object_array_get_idx(theirs, i), NULL, key, where,
                     ignored, sizeof ignored))
                break;
        if (j == n) {
            snprintf(why, why_len, "%s: nothing matches %.300s", where,
                     conf_text(json_object_array_get_idx(theirs, i)));
            ok = false;
        } else {
            used[j] = true;
        }
    }
    free(used);
    return ok;
}

static bool
same_list(struct json_object *ours, struct json_object *theirs,
          const char *key, const char *parent, const char *where, char *why,
          size_t why_len)
{
    size_t n = json_object_array_length(theirs), i;
    char path[512];
    bool ok = true;

    if (json_object_array_length(ours) != n) {
        snprintf(why, why_len, "%s: %zu elements, DynamoDB Local has %zu",
                 where, json_object_array_length(ours), n);
        return false;
    }
    if (unordered(key))
        return same_unordered(ours, theirs, key, where, why, why_len);
    for (i = 0; i < n && ok; i++) {
        snprintf(path, sizeof path, "%s[%zu]", where, i);
        ok = same(json_object_array_get_idx(ours, i),
                  json_object_array_get_idx(theirs, i), NULL, key, path, why,
                  why_len);
    }
    return ok;
}

static bool
same_object(struct json_object *ours, struct json_object *theirs,
            const char *key, const char *where, char *why, size_t why_len)
{
    struct json_object *v;
    char path[512];

    json_object_object_foreach(theirs, k, tv)
    {
        if (skipped(k))
            continue;
        snprintf(path, sizeof path, "%s.%s", where, k);
        if (!json_object_object_get_ex(ours, k, &v)) {
            snprintf(why, why_len, "%s: missing", path);
            return false;
        }
        if (opaque(k)) {
            if (kind_of(v) == kind_of(tv))
                continue;
            snprintf(why, why_len, "%s: %.300s, DynamoDB Local has %.300s "
                     "(values set aside, not types)", path, conf_text(v),
                     conf_text(tv));
            return false;
        }
        if (!same(v, tv, k, key, path, why, why_len))
            return false;
    }
    json_object_object_foreach(ours, k2, ov)
    {
        (void)ov;
        if (!skipped(k2) && !json_object_object_get_ex(theirs, k2, NULL)) {
            snprintf(why, why_len, "%s.%s: extra member", where, k2);
            return false;
        }
    }
    return true;
}

static bool
same(struct json_object *ours, struct json_object *theirs, const char *key,
     const char *parent, const char *where, char *why, size_t why_len)
{
    enum json_type t = json_object_get_type(theirs);

    if (t == json_type_double || t == json_type_int) {
        if ((json_object_is_type(ours, json_type_double) ||
             json_object_is_type(ours, json_type_int)) &&
            json_object_get_double(ours) == json_object_get_double(theirs))
            return true;
    } else if (json_object_get_type(ours) != t) {
        /* reported below */
    } else if (t == json_type_array) {
        return same_list(ours, theirs, key, parent, where, why, why_len);
    } else if (t == json_type_object) {
        return same_object(ours, theirs, key, where, why, why_len);
    } else if (json_object_equal(ours, theirs)) {
        return true;
    }
    snprintf(why, why_len, "%s: %.300s, DynamoDB Local has %.300s", where,
             conf_text(ours), conf_text(theirs));
    return false;
}

bool
conf_same_answer(struct json_object *ours, struct json_object *theirs,
                 char *why, size_t why_len)
{
    return same(ours, theirs, NULL, NULL, "answer", why, why_len);
}

static int64_t
int_member(struct json_object *o, const char *k)
{
    struct json_object *v;

    return json_object_object_get_ex(o, k, &v) ? json_object_get_int64(v) : -1;
}

/* The number of elements of the lists in the map o.k (Responses and
 * UnprocessedKeys of BatchGetItem, whose lists may sit under "Keys"). */
static size_t
list_total(struct json_object *o, const char *k)
{
    struct json_object *m, *l;
    size_t n = 0;

    if (!json_object_object_get_ex(o, k, &m))
        return 0;
    json_object_object_foreach(m, name, v)
    {
        (void)name;
        l = json_object_is_type(v, json_type_array)
                ? v
                : json_object_object_get(v, "Keys");
        n += json_object_array_length(l);
    }
    return n;
}

bool
conf_same_counts(struct json_object *ours, struct json_object *theirs,
                 char *why, size_t why_len)
{
    struct json_object *a = NULL, *b = NULL;
    char ignored[8];

    json_object_object_get_ex(ours, "ConsumedCapacity", &a);
    json_object_object_get_ex(theirs, "ConsumedCapacity", &b);
    if (int_member(ours, "Count") != int_member(theirs, "Count") ||
        int_member(ours, "ScannedCount") !=
            int_member(theirs, "ScannedCount") ||
        json_object_object_get_ex(ours, "LastEvaluatedKey", NULL) !=
            json_object_object_get_ex(theirs, "LastEvaluatedKey", NULL) ||
        list_total(ours, "Responses") != list_total(theirs, "Responses") ||
        json_object_object_get_ex(ours, "NextToken", NULL) !=
            json_object_object_get_ex(theirs, "NextToken", NULL) ||
        list_total(ours, "UnprocessedKeys") !=
            list_total(theirs, "UnprocessedKeys") ||
        !same(a, b, "ConsumedCapacity", NULL, "", ignored, sizeof ignored)) {
        snprintf(why, why_len, "counts differ: %.300s", conf_text(ours));
        return false;
    }
    return true;
}
