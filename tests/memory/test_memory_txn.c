/*
 * tests/memory/test_memory_txn.c - how a cancelled versioned write is
 * judged (sst_memory_update() in sst/memory.h): a race lost between the
 * stale check and the transaction, with and without a user condition, and
 * the codes of cancellation reasons other than a failed condition.
 *
 * A "racer" backend wraps the fixture's: just before a TransactWriteItems
 * it plays the other writer (it moves v0 on, or changes a field), or it
 * answers with a made-up TransactionCanceledException. The cases run on
 * the emulator and on DynamoDB Local.
 */
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include "tests/harness.h"
#include "tests/memory/mtest.h"

enum race {
    RACE_NONE = 0,
    RACE_BUMP_V0,     /* another writer moved v0 to the next version */
    RACE_SET_STATUS,  /* another writer changed status, same version */
    RACE_FAKE_CANCEL  /* answer with the canned reasons */
};

struct racer {
    struct sst_backend base;
    struct sst_tm *tm;
    enum race race;
    const char *reasons; /* RACE_FAKE_CANCEL: CancellationReasons JSON */
    int transactions;
};

static enum sst_code
racer_call(struct sst_backend *b, const char *op, const json_object *req,
           json_object **resp, struct sst_err *err)
{
    struct racer *r = (struct racer *)b;
    json_object *other = NULL;
    struct sst_err e;

    if (strcmp(op, "TransactWriteItems") == 0) {
        r->transactions++;
        if (r->race == RACE_BUMP_V0)
            CU_ASSERT_EQUAL(sst_tm_call(r->tm, "UpdateItem",
                                        "{\"Key\":{\"pk\":{\"S\":\"Note#k\"},"
                                        "\"sk\":{\"S\":\"v0\"}},"
                                        "\"UpdateExpression\":\"ADD #v :one\","
                                        "\"ExpressionAttributeNames\":"
                                        "{\"#v\":\"version\"},"
                                        "\"ExpressionAttributeValues\":"
                                        "{\":one\":{\"N\":\"1\"}}}",
                                        &other, &e), SST_OK);
        if (r->race == RACE_SET_STATUS)
            CU_ASSERT_EQUAL(sst_tm_call(r->tm, "UpdateItem",
                                        "{\"Key\":{\"pk\":{\"S\":\"Note#k\"},"
                                        "\"sk\":{\"S\":\"v0\"}},"
                                        "\"UpdateExpression\":\"SET #s = :x\","
                                        "\"ExpressionAttributeNames\":"
                                        "{\"#s\":\"status\"},"
                                        "\"ExpressionAttributeValues\":"
                                        "{\":x\":{\"S\":\"taken\"}}}",
                                        &other, &e), SST_OK);
        json_object_put(other);
        if (r->race == RACE_FAKE_CANCEL) {
            char body[512];

            snprintf(body, sizeof body, "{\"CancellationReasons\":%s}",
                     r->reasons);
            *resp = json_tokener_parse(body);
            return sst_err_set(err, SST_E_TXN_CANCELED,
                               "Transaction cancelled, please refer "
                               "cancellation reasons for specific reasons");
        }
    }
    return sst_backend_call(r->tm->backend, op, req, resp, err);
}

static void
racer_close(struct sst_backend *b)
{
    (void)b;
}

static const struct sst_backend_ops racer_ops = {"racer", racer_call,
                                                 racer_close};

/* A fixture, a Note "k" at version 1 with status "open", and a second
 * handle on the same table through the racer. */
static int
open_race(struct sst_tm *tm, struct racer *r, struct sst_memory **m,
          json_object **v1)
{
    struct sst_memory_opts o;
    struct sst_err e;
    json_object *data;

    *m = NULL;
    *v1 = NULL;
    if (mt_open(tm, NULL, true))
        return 1;
    memset(r, 0, sizeof(*r));
    r->base.ops = &racer_ops;
    r->tm = tm;
    sst_memory_opts_init(&o, tm->table);
    o.track_stats = false;
    data = mt_json("{\"text\":\"t\",\"status\":\"open\"}");
    CU_ASSERT_EQUAL(sst_memory_create(tm->m, &mt_note, data, "k", v1, &e),
                    SST_OK);
    json_object_put(data);
    CU_ASSERT_EQUAL(sst_memory_open(&r->base, &o, m, &e), SST_OK);
    return 0;
}

/* v0 moves on between our check and our transaction: with a user
 * condition that still holds, the re-read sees the new version: a lost
 * race (SST_E_VERSION_CONFLICT), not a false condition. */
static void
test_race_with_condition(void)
{
    struct sst_tm tm;
    struct racer r;
    struct sst_memory *m = NULL;
    struct sst_err e;
    json_object *v1 = NULL, *upd = mt_json("{\"text\":\"u\"}");
    struct sst_exprb *b = sst_exprb_new();
    struct sst_memory_cond c = {b, NULL};

    if (open_race(&tm, &r, &m, &v1))
        goto done;
    c.cond = sst_exprb_eq(b, sst_exprb_path(b, "status"),
                          sst_exprb_str(b, "open"));
    r.race = RACE_BUMP_V0;
    CU_ASSERT_EQUAL(sst_memory_update(m, &mt_note, v1, upd, NULL, &c, NULL,
                                      &e), SST_E_VERSION_CONFLICT);
    SST_ASSERT_STR_EQ(e.message,
                      "Transaction failed: Item 1: ConditionalCheckFailed - "
                      "The conditional request failed");
    CU_ASSERT_EQUAL(r.transactions, 1);
    sst_memory_close(m);
    sst_tm_close(&tm);
done:
    sst_exprb_free(b);
    json_object_put(v1);
    json_object_put(upd);
}

/* The other writer changed status in place (same version): the user's
 * condition is what failed (SST_E_CONDITION_FAILED). */
static void
test_condition_changed_under_us(void)
{
    struct sst_tm tm;
    struct racer r;
    struct sst_memory *m = NULL;
    struct sst_err e;
    json_object *v1 = NULL, *upd = mt_json("{\"text\":\"u\"}");
    json_object *raw;
    struct sst_exprb *b = sst_exprb_new();
    struct sst_memory_cond c = {b, NULL};

    if (open_race(&tm, &r, &m, &v1))
        goto done;
    c.cond = sst_exprb_eq(b, sst_exprb_path(b, "status"),
                          sst_exprb_str(b, "open"));
    r.race = RACE_SET_STATUS;
    CU_ASSERT_EQUAL(sst_memory_update(m, &mt_note, v1, upd, NULL, &c, NULL,
                                      &e), SST_E_CONDITION_FAILED);
    SST_ASSERT_STR_EQ(e.type, "ConditionalCheckFailedException");
    SST_ASSERT_STR_EQ(e.message,
                      "Transaction failed: Item 1: ConditionalCheckFailed - "
                      "The conditional request failed");
    raw = mt_raw(&tm, "Note#k", "v2");
    CU_ASSERT_PTR_NULL(raw);
    json_object_put(raw);
    sst_memory_close(m);
    sst_tm_close(&tm);
done:
    sst_exprb_free(b);
    json_object_put(v1);
    json_object_put(upd);
}

/* Without a condition, v0 moved on is a lost race with no re-read. */
static void
test_race_without_condition(void)
{
    struct sst_tm tm;
    struct racer r;
    struct sst_memory *m = NULL;
    struct sst_err e;
    json_object *v1 = NULL, *upd = mt_json("{\"text\":\"u\"}");

    if (open_race(&tm, &r, &m, &v1))
        goto done;
    r.race = RACE_BUMP_V0;
    CU_ASSERT_EQUAL(sst_memory_update(m, &mt_note, v1, upd, NULL, NULL, NULL,
                                      &e), SST_E_VERSION_CONFLICT);
    SST_ASSERT_STR_EQ(e.message,
                      "Transaction failed: Item 1: ConditionalCheckFailed - "
                      "The conditional request failed");
    sst_memory_close(m);
    sst_tm_close(&tm);
done:
    json_object_put(v1);
    json_object_put(upd);
}

/* Reasons other than a failed condition: TransactionConflict is a lost
 * race; anything else stays a cancelled transaction; no reason at all
 * keeps DynamoDB's message. */
static void
test_other_reasons(void)
{
    static const struct {
        const char *reasons;
        enum sst_code code;
        const char *msg;
    } rows[] = {
        {"[{\"Code\":\"None\"},{\"Code\":\"TransactionConflict\","
         "\"Message\":\"Transaction is ongoing for the item\"}]",
         SST_E_VERSION_CONFLICT,
         "Transaction failed: Item 1: TransactionConflict - Transaction is "
         "ongoing for the item"},
        {"[{\"Code\":\"ValidationError\",\"Message\":\"Item size has "
         "exceeded the maximum allowed size\"},{\"Code\":\"None\"}]",
         SST_E_TXN_CANCELED,
         "Transaction failed: Item 0: ValidationError - Item size has "
         "exceeded the maximum allowed size"},
        {"[{\"Code\":\"ConditionalCheckFailed\",\"Message\":\"The "
         "conditional request failed\"},{\"Code\":\"ThrottlingError\","
         "\"Message\":\"Throughput exceeds the current capacity\"}]",
         SST_E_TXN_CANCELED,
         "Transaction failed: Item 0: ConditionalCheckFailed - The "
         "conditional request failed; Item 1: ThrottlingError - Throughput "
         "exceeds the current capacity"},
        {"[]", SST_E_TXN_CANCELED,
         "Transaction failed: Transaction cancelled, please refer "
         "cancellation reasons for specific reasons"},
    };
    struct sst_tm tm;
    struct racer r;
    struct sst_memory *m = NULL;
    struct sst_err e;
    json_object *v1 = NULL, *upd = mt_json("{\"text\":\"u\"}");
    size_t i;

    if (open_race(&tm, &r, &m, &v1))
        goto done;
    r.race = RACE_FAKE_CANCEL;
    for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        r.reasons = rows[i].reasons;
        CU_ASSERT_EQUAL(sst_memory_update(m, &mt_note, v1, upd, NULL, NULL,
                                          NULL, &e), rows[i].code);
        SST_ASSERT_STR_EQ(e.message, rows[i].msg);
    }
    /* and a create meets the same rules */
    r.reasons = rows[1].reasons;
    CU_ASSERT_EQUAL(sst_memory_create(m, &mt_note, upd, "new", NULL, &e),
                    SST_E_TXN_CANCELED);
    sst_memory_close(m);
    sst_tm_close(&tm);
done:
    json_object_put(v1);
    json_object_put(upd);
}

static const struct sst_test tests[] = {
    {"race lost, user condition still true", test_race_with_condition},
    {"user condition made false by another writer",
     test_condition_changed_under_us},
    {"race lost, no user condition", test_race_without_condition},
    {"other cancellation reasons", test_other_reasons},
    {NULL, NULL},
};

int
main(int argc, char **argv)
{
    return sst_tm_main(argc, argv, "test_memory_txn", tests);
}
