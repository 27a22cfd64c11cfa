/*
 * tests/unit/test_emu_partiql.c - PartiQL for ExecuteStatement: the
 * parser's translation into expression text (emu/ops/partiql.h), exact to
 * the placeholder, its refusals, and the operation end to end on an
 * in-memory emulator (paging with NextToken, ORDER BY, RETURNING, the
 * errors). tests/data/emu/partiql_cases.json, recorded from DynamoDB
 * Local, checks the answers against DynamoDB Local's.
 */
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include <sst/emu.h>
#include <sst/mem.h>
#include <sst/sst.h>

#include "emu/ops/partiql.h"
#include "harness.h"
#include "tests/unit/tables_test_util.h"

static const char *const hash[] = {"pk"}, *const range[] = {"sk"};

static enum sst_code
parse(const char *text, const char *params, struct sst_pq_stmt *st,
      struct sst_err *e)
{
    struct json_object *p = params != NULL ? tt_parse(params) : NULL;
    enum sst_code rc = sst_pq_parse(text, strlen(text), p, st, e);

    json_object_put(p);
    return rc;
}

/* ------------------------------------------------------------------ */
/* translation                                                         */

static void
select_becomes_a_query(void)
{
    struct sst_pq_stmt st;
    struct sst_pq_split sp;
    struct sst_err e;

    CU_ASSERT_EQUAL_FATAL(
        parse("select pk, a.b, l[1], \"x y\" FROM \"tbl\".\"idx\" WHERE "
              "pk = 'x' AND sk > 3 AND v <> 'y' ORDER BY sk DESC",
              NULL, &st, &e),
        SST_OK);
    CU_ASSERT_EQUAL(st.kind, SST_PQ_SELECT);
    SST_ASSERT_STR_EQ(st.table, "tbl");
    SST_ASSERT_STR_EQ(st.index, "idx");
    /* last first: DynamoDB checks a SELECT's paths for overlaps in the
     * statement's order, a ProjectionExpression's last first */
    SST_ASSERT_STR_EQ(st.projection, "#p4, #p3[1], #p1.#p2, #p0");
    SST_ASSERT_STR_EQ(st.names[4], "x y");
    CU_ASSERT_EQUAL(st.order, -1);
    SST_ASSERT_STR_EQ(st.order_attr, "sk");
    CU_ASSERT_EQUAL_FATAL(
        sst_pq_split_where(&st, hash, 1, range, 1, true, &sp, &e), SST_OK);
    CU_ASSERT(sp.hash_found);
    CU_ASSERT(sp.range_found);
    SST_ASSERT_STR_EQ(sp.key_cond, "#p0 = :p0 AND #p5 > :p1");
    SST_ASSERT_STR_EQ(sp.rest, "(#p6 <> :p2)");
    sst_pq_split_cleanup(&sp);
    sst_pq_cleanup(&st);

    /* values first: the key condition is written path first */
    CU_ASSERT_EQUAL_FATAL(
        parse("SELECT * FROM t WHERE 3 <= sk AND 'x' = pk", NULL, &st, &e),
        SST_OK);
    CU_ASSERT_PTR_NULL(st.projection);
    CU_ASSERT_EQUAL_FATAL(
        sst_pq_split_where(&st, hash, 1, range, 1, true, &sp, &e), SST_OK);
    SST_ASSERT_STR_EQ(sp.key_cond, "#p1 = :p1 AND #p0 >= :p0");
    CU_ASSERT_PTR_NULL(sp.rest);
    sst_pq_split_cleanup(&sp);
    sst_pq_cleanup(&st);

    /* begins_with and BETWEEN on the sort key: two conditions on one key,
     * and DynamoDB Local scans with the whole WHERE */
    CU_ASSERT_EQUAL_FATAL(
        parse("SELECT * FROM t WHERE pk = ? AND begins_with(sk, 'a') AND sk "
              "BETWEEN 'a' AND 'b'",
              "[{\"S\":\"k\"}]", &st, &e),
        SST_OK);
    CU_ASSERT_EQUAL_FATAL(
        sst_pq_split_where(&st, hash, 1, range, 1, true, &sp, &e), SST_OK);
    CU_ASSERT(sp.rest_uses_key);
    CU_ASSERT_PTR_NULL(sp.key_cond);
    SST_ASSERT_STR_EQ(sp.rest, "(#p0 = :p0) AND (begins_with(#p1, :p1)) AND "
                               "(#p1 BETWEEN :p2 AND :p3)");
    SST_ASSERT_STR_EQ(json_object_to_json_string(st.values[0]),
                      "{ \"S\": \"k\" }");
    sst_pq_split_cleanup(&sp);
    sst_pq_cleanup(&st);
}

/* DynamoDB Local's key extraction: IN on the partition key, a key inside
 * OR is a filter, NOT over a key or another operator on it scans. */
static void
select_key_extraction(void)
{
    static const struct {
        const char *where;
        bool query;
        const char *key_cond, *rest, *in;
    } rows[] = {
        {"pk IN ['d', 'a'] AND sk > 1", true, "#p0 = :p0 AND #p1 > :p2",
         NULL, "[ { \"S\": \"d\" }, { \"S\": \"a\" } ]"},
        {"pk = 'a' AND (sk = 1 OR sk = 3)", true, "#p0 = :p0",
         "((#p1 = :p1) OR (#p1 = :p2))", NULL},
        {"pk = 'a' AND pk = 'a' AND sk = 1", true, "#p0 = :p0 AND #p1 = :p2",
         NULL, NULL},
        {"pk = 'a' AND pk = v", true, "#p0 = :p0", "(#p0 = #p1)", NULL},
        {"pk = 'a' AND NOT (sk = 2)", false, NULL, NULL, NULL},
        {"pk = 'a' AND sk <> 2", false, NULL, NULL, NULL},
        {"pk = 'a' AND pk = 'b'", false, NULL, NULL, NULL},
        {"pk = 'a' AND contains(pk, 'a')", false, NULL, NULL, NULL},
        {"pk = 'a' AND sk IS NOT MISSING", false, NULL, NULL, NULL},
        {"pk NOT IN ['a']", false, NULL, NULL, NULL},
        {"pk = 'a' AND sk IN [1, 2]", false, NULL, NULL, NULL},
        {"pk = 'a' AND sk > 1 AND sk < 4", false, NULL, NULL, NULL},
    };
    struct sst_pq_stmt st;
    struct sst_pq_split sp;
    struct sst_err e;
    char text[256];
    size_t i;

    for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        snprintf(text, sizeof text, "SELECT * FROM t WHERE %s", rows[i].where);
        CU_ASSERT_EQUAL_FATAL(parse(text, NULL, &st, &e), SST_OK);
        CU_ASSERT_EQUAL_FATAL(
            sst_pq_split_where(&st, hash, 1, range, 1, true, &sp, &e),
            SST_OK);
        CU_ASSERT_EQUAL(sp.hash_found && !sp.rest_uses_key, rows[i].query);
        if (rows[i].query) {
            SST_ASSERT_STR_EQ(sp.key_cond, rows[i].key_cond);
            if (rows[i].rest == NULL) {
                CU_ASSERT_PTR_NULL(sp.rest);
            } else {
                SST_ASSERT_STR_EQ(sp.rest, rows[i].rest);
            }
        }
        if (rows[i].in == NULL) {
            CU_ASSERT_PTR_NULL(sp.in_values);
        } else {
            SST_ASSERT_STR_EQ(json_object_to_json_string(sp.in_values),
                              rows[i].in);
        }
        sst_pq_split_cleanup(&sp);
        sst_pq_cleanup(&st);
    }
}

static void
select_without_a_key_is_a_scan(void)
{
    struct sst_pq_stmt st;
    struct sst_pq_split sp;
    struct sst_err e;
    char *w = NULL;

    CU_ASSERT_EQUAL_FATAL(
        parse("SELECT * FROM t WHERE pk = 'a' OR pk = 'b'", NULL, &st, &e),
        SST_OK);
    CU_ASSERT_EQUAL_FATAL(
        sst_pq_split_where(&st, hash, 1, range, 1, true, &sp, &e), SST_OK);
    CU_ASSERT(!sp.hash_found);
    CU_ASSERT_PTR_NULL(sp.key_cond);
    CU_ASSERT_EQUAL_FATAL(sst_pq_where_text(&st, &w, &e), SST_OK);
    SST_ASSERT_STR_EQ(w, "(#p0 = :p0) OR (#p0 = :p1)");
    sst_free(w);
    sst_pq_split_cleanup(&sp);
    sst_pq_cleanup(&st);

    /* every predicate form, printed in DynamoDB's syntax */
    CU_ASSERT_EQUAL_FATAL(
        parse("SELECT * FROM t WHERE a IS NULL AND b IS NOT NULL AND c IS "
              "MISSING AND d IS NOT MISSING AND e NOT IN (1, 2) AND f NOT "
              "BETWEEN 1 AND 2 AND NOT g != 1 AND contains(h, 'x') AND "
              "size(i) > 2 AND attribute_type(j, 'M') AND k IN ['z']",
              NULL, &st, &e),
        SST_OK);
    CU_ASSERT_EQUAL_FATAL(
        sst_pq_split_where(&st, hash, 1, range, 1, true, &sp, &e), SST_OK);
    SST_ASSERT_STR_EQ(sp.rest,
                      "(attribute_type(#p0, :p0)) AND (NOT "
                      "(attribute_type(#p1, :p1))) AND "
                      "(attribute_not_exists(#p2)) AND (attribute_exists(#p3)) "
                      "AND (NOT (#p4 IN (:p2, :p3))) AND (NOT (#p5 BETWEEN "
                      ":p4 AND :p5)) AND (NOT (#p6 <> :p6)) AND (contains(#p7, "
                      ":p7)) AND (size(#p8) > :p8) AND (attribute_type(#p9, "
                      ":p9)) AND (#p10 IN (:p10))");
    SST_ASSERT_STR_EQ(json_object_to_json_string(st.values[0]),
                      "{ \"S\": \"NULL\" }");
    sst_pq_split_cleanup(&sp);
    sst_pq_cleanup(&st);
}

static void
writes_translate(void)
{
    struct sst_pq_stmt st;
    struct sst_pq_split sp;
    struct sst_err e;

    CU_ASSERT_EQUAL_FATAL(
        parse("UPDATE t SET a = 1, n = n + ? SET l = list_append(l, [2]) "
              "REMOVE x REMOVE y.z SET s = set_add(s, <<'q'>>), d = "
              "set_delete(d, "
              "<<1>>) WHERE pk = 'k' AND sk = 2 AND a < 5 RETURNING MODIFIED "
              "OLD *",
              "[{\"N\":\"7\"}]", &st, &e),
        SST_OK);
    CU_ASSERT_EQUAL(st.kind, SST_PQ_UPDATE);
    /* each section's actions last first, the section of the earliest
     * action last: an UpdateExpression's targets are checked last first,
     * an UPDATE's in the statement's order (emu/ops/partiql.c) */
    SST_ASSERT_STR_EQ(
        st.update, "DELETE #p7 :p4 ADD #p6 :p3 REMOVE #p4.#p5, #p3 SET #p2 = "
                   "list_append(#p2, :p2), #p1 = #p1 + :p1, #p0 = :p0");
    SST_ASSERT_STR_EQ(st.returning, "UPDATED_OLD");
    SST_ASSERT_STR_EQ(json_object_to_json_string(st.values[3]),
                      "{ \"SS\": [ \"q\" ] }");
    SST_ASSERT_STR_EQ(json_object_to_json_string(st.values[4]),
                      "{ \"NS\": [ \"1\" ] }");
    CU_ASSERT_EQUAL_FATAL(
        sst_pq_split_where(&st, hash, 1, range, 1, false, &sp, &e), SST_OK);
    CU_ASSERT(sp.hash_found && sp.range_found);
    SST_ASSERT_STR_EQ(json_object_to_json_string(sp.key),
                      "{ \"pk\": { \"S\": \"k\" }, \"sk\": { \"N\": \"2\" } }");
    SST_ASSERT_STR_EQ(sp.rest, "(#p0 < :p7)");
    sst_pq_split_cleanup(&sp);
    sst_pq_cleanup(&st);

    /* without the sort key's equality the key is incomplete */
    CU_ASSERT_EQUAL_FATAL(
        parse("delete from t where pk = 'a' and sk > 1 returning all old *",
              NULL, &st, &e),
        SST_OK);
    CU_ASSERT_EQUAL(st.kind, SST_PQ_DELETE);
    SST_ASSERT_STR_EQ(st.returning, "ALL_OLD");
    CU_ASSERT_EQUAL_FATAL(
        sst_pq_split_where(&st, hash, 1, range, 1, false, &sp, &e), SST_OK);
    CU_ASSERT(sp.hash_found);
    CU_ASSERT(!sp.range_found);
    sst_pq_split_cleanup(&sp);
    sst_pq_cleanup(&st);

    /* INSERT: every literal */
    CU_ASSERT_EQUAL_FATAL(
        parse("INSERT INTO \"t\" VALUE {'pk': 'it''s', 'n': -1.5e3, 'b': TRUE, "
              "'z': null, 'l': [1, 'x', [], {}], 'ns': <<2, 3>>, 'p': ?};",
              "[{\"B\":\"AQ==\"}]", &st, &e),
        SST_OK);
    CU_ASSERT_EQUAL(st.kind, SST_PQ_INSERT);
    SST_ASSERT_STR_EQ(
        json_object_to_json_string_ext(st.item, JSON_C_TO_STRING_PLAIN),
        "{\"M\":{\"pk\":{\"S\":\"it's\"},\"n\":{\"N\":\"-1.5e3\"},\"b\":{"
        "\"BOOL\":true},\"z\":{\"NULL\":true},\"l\":{\"L\":[{\"N\":\"1\"},{"
        "\"S\":\"x\"},{\"L\":[]},{\"M\":{}}]},\"ns\":{\"NS\":[\"2\",\"3\"]},"
        "\"p\":{\"B\":\"AQ==\"}}}");
    sst_pq_cleanup(&st);
}

static void
placeholders_only_the_used_ones(void)
{
    struct sst_pq_stmt st;
    struct json_object *req = json_object_new_object();
    struct sst_err e;
    const char *texts[2] = {"#p1 = :p1", NULL};

    CU_ASSERT_EQUAL_FATAL(
        parse("SELECT * FROM t WHERE pk = 'a' AND v = 2", NULL, &st, &e),
        SST_OK);
    CU_ASSERT_EQUAL(sst_pq_add_placeholders(&st, req, texts, 2, &e), SST_OK);
    SST_ASSERT_STR_EQ(
        json_object_to_json_string_ext(req, JSON_C_TO_STRING_PLAIN),
        "{\"ExpressionAttributeNames\":{\"#p1\":\"v\"},"
        "\"ExpressionAttributeValues\":{\":p1\":{\"N\":\"2\"}}}");
    json_object_put(req);
    sst_pq_cleanup(&st);
}

/* ------------------------------------------------------------------ */
/* refusals                                                            */

static void
statements_that_do_not_parse(void)
{
    static const char *const bad[] = {
        "SELEC * FROM t",
        "SELECT * FROM",
        "SELECT * FROM t WHERE",
        "SELECT * FROM t WHERE a = 1 AND",
        "SELECT * FROM t; SELECT * FROM t",
        "SELECT * FROM t WHERE a = 'open",
        "SELECT * FROM t ORDER BY",
        "SELECT * FROM t WHERE a NOT = 1",
        "SELECT a. FROM t",
        "SELECT l[x] FROM t",
        "UPDATE t REMOVE a, b WHERE pk = 'a'",
        "INSERT INTO t VALUE {'a' 1}",
        "UPDATE t WHERE pk = 'a'",
        "UPDATE t SET a = 1",
        "DELETE t WHERE pk = 'a'",
        "SELECT * FROM t WHERE a = 1 #",
        "",
    };
    struct sst_pq_stmt st;
    struct sst_err e;
    char want[600], deep[400];
    size_t i;

    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        CU_ASSERT_EQUAL(parse(bad[i], NULL, &st, &e), SST_E_VALIDATION);
        snprintf(want, sizeof want, SST_PQ_MSG_SYNTAX "%s", bad[i]);
        SST_ASSERT_STR_EQ(e.message, want);
        CU_ASSERT_PTR_NULL(st.table);
    }
    /* nesting past the parser's depth limit is refused, not recursed */
    memset(deep, '(', 200);
    snprintf(deep + 200, sizeof deep - 200, "a = 1");
    snprintf(want, sizeof want, "SELECT * FROM t WHERE %s", deep);
    CU_ASSERT_EQUAL(parse(want, NULL, &st, &e), SST_E_VALIDATION);
    /* a NUL byte inside the statement */
    CU_ASSERT_EQUAL(sst_pq_parse("SELECT * FROM t\0x", 17, NULL, &st, &e),
                    SST_E_VALIDATION);
}

/* Refusals with a message of their own, as DynamoDB Local words them
 * (positions are LINE:COLUMN:LENGTH of the token). */
static void
statements_refused_with_a_reason(void)
{
    static const char *const cases[][2] = {
        {"INSERT INTO t VALUE {'a': <<'x', 1>>}",
         "Unsupported data type in Bag. DynamoDB only supports either "
         "numbers or strings in bags at 1:34:1"},
        {"INSERT INTO t VALUE {'a': <<>>}",
         "Empty bags are not supported at 1:27:2"},
        {"INSERT INTO t VALUE {'a': <<1, 1.0>>}",
         "Input collection contains duplicates"},
        {"INSERT INTO t VALUE {a: 1}",
         "Tuple keys must be of type String. Actual type: VariableReference "
         "under root at 1:22:1"},
        {"INSERT INTO t VALUE {'a': 1,\n 'a': 2}",
         "Duplicate keys in tuple. Key: a under root at 2:2:3"},
        {"INSERT INTO t VALUE {'a': MISSING}",
         "Unsupported data type: MISSING under key root at 1:27:7"},
        {"INSERT INTO t VALUE {'a': {'b': {'c': ?}}}",
         "Unsupported data type: Parameter under key root.b.c at 1:39:1"},
        {"INSERT INTO t VALUE ['a']",
         "Unsupported format in item expression. Please use struct format "
         "{...} to express item values for insert statement. at 1:21:1"},
        {"DELETE FROM t WHERE pk = 'a' RETURNING ALL NEW *",
         "Invalid returning clause: RETURNING ALL NEW *. Only RETURNING ALL "
         "OLD * is allowed in DELETE statements."},
        {"UPDATE t SET a = 1 WHERE pk = 'a' RETURNING ALL NEW a",
         "Expected '*' after ( MODIFIED | ALL ) ( NEW | OLD ) in RETURNING "
         "clause"},
        {"SELECT COUNT(*) FROM t", "Unexpected path component at 1:8:5"},
        {"SELECT v, v FROM t", "Duplicate identifiers in select clause: v"},
        {"SELECT DISTINCT v FROM t",
         "Unsupported token in expression: DISTINCT"},
        {"SELECT v AS w FROM t", "Aliasing is not supported"},
        {"SELECT * FROM ?", "Unexpected from source"},
        {"SELECT * FROM t x", "Only select from a single table or index is "
                              "supported."},
        {"SELECT * FROM t WHERE a = 1 LIMIT 5",
         "Unsupported clause: LIMIT at 1:35:1"},
        {"SELECT * FROM t GROUP BY a", "Unsupported clause: GROUP BY"},
        {"SELECT * FROM t WHERE foo(a)", "Unrecognized function: foo"},
        {"SELECT * FROM t WHERE a LIKE 'x'",
         "Unsupported operator in Condition Expression. Operator: like"},
        {"SELECT * FROM t WHERE a IN ?",
         "IN operator must have a left hand argument of type Variable "
         "Reference and right hand argument of type Seq with at least one "
         "member"},
        {"'x'", "Unsupported operation: Literal"},
        {"EXISTS(SELECT * FROM t WHERE pk = 'a')",
         "EXISTS can only be used in ExecuteTransaction write requests."},
    };
    struct sst_pq_stmt st;
    struct sst_err e;
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        CU_ASSERT_EQUAL(parse(cases[i][0], "[{\"S\":\"p\"}]", &st, &e),
                        SST_E_VALIDATION);
        SST_ASSERT_STR_EQ(e.message, cases[i][1]);
    }
    /* comments are blanks */
    CU_ASSERT_EQUAL(
        parse("SELECT /* all */ * FROM t -- the table\n", NULL, &st, &e),
        SST_OK);
    SST_ASSERT_STR_EQ(st.table, "t");
    sst_pq_cleanup(&st);
    CU_ASSERT_EQUAL(parse("SELECT * FROM t /* open", NULL, &st, &e),
                    SST_E_VALIDATION);
}

static void
parameters_must_match(void)
{
    struct sst_pq_stmt st;
    struct sst_err e;

    CU_ASSERT_EQUAL(parse("SELECT * FROM t WHERE a = ?", NULL, &st, &e),
                    SST_E_VALIDATION);
    SST_ASSERT_STR_EQ(e.message, SST_PQ_MSG_PARAMS);
    /* parameters the statement does not use are ignored, as DynamoDB
     * Local ignores them */
    CU_ASSERT_EQUAL(parse("SELECT * FROM t WHERE a = ?",
                          "[{\"S\":\"a\"},{\"S\":\"b\"}]", &st, &e),
                    SST_OK);
    sst_pq_cleanup(&st);
    CU_ASSERT_EQUAL(parse("SELECT * FROM t", "[{\"S\":\"a\"}]", &st, &e),
                    SST_OK);
    sst_pq_cleanup(&st);
}

/* ------------------------------------------------------------------ */
/* the operation                                                       */

static struct json_object *
run(struct sst_backend *b, const char *req)
{
    return tt_ok(b, "ExecuteStatement", req);
}

/* The table tbl: pk S, sk N. */
static void
create_tbl(struct sst_backend *b)
{
    json_object_put(tt_ok(
        b, "CreateTable",
        "{\"TableName\":\"tbl\",\"BillingMode\":\"PAY_PER_REQUEST\","
        "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\","
        "\"AttributeType\":\"S\"},{\"AttributeName\":\"sk\","
        "\"AttributeType\":\"N\"}],\"KeySchema\":[{\"AttributeName\":\"pk\","
        "\"KeyType\":\"HASH\"},{\"AttributeName\":\"sk\",\"KeyType\":"
        "\"RANGE\"}]}"));
}

static void
statements_on_the_emulator(void)
{
    struct sst_backend *b = tt_open_memory();
    struct json_object *r;
    char req[512], tok[256];
    int i;

    create_tbl(b);
    for (i = 1; i <= 5; i++) {
        snprintf(req, sizeof req,
                 "{\"Statement\":\"INSERT INTO tbl VALUE {'pk': 'a', 'sk': "
                 "%d, 'v': ?}\",\"Parameters\":[{\"N\":\"%d\"}]}",
                 i, i * 10);
        r = run(b, req);
        SST_ASSERT_STR_EQ(tt_text_at(r, "Items"), "[]");
        json_object_put(r);
    }
    tt_expect_error(b, "ExecuteStatement",
                    "{\"Statement\":\"INSERT INTO tbl VALUE {'pk': 'a', "
                    "'sk': 1}\"}",
                    SST_E_DUPLICATE_ITEM, "DuplicateItemException",
                    "Duplicate primary key exists in table");

    /* pages of 2, each handing its NextToken to the next */
    tok[0] = '\0';
    for (i = 0; i < 3; i++) {
        struct json_object *items;

        snprintf(req, sizeof req,
                 "{\"Statement\":\"SELECT sk FROM tbl WHERE pk = 'a'\","
                 "\"Limit\":2%s%s%s}",
                 tok[0] ? ",\"NextToken\":\"" : "", tok, tok[0] ? "\"" : "");
        r = run(b, req);
        items = tt_at(r, "Items");
        CU_ASSERT_EQUAL(json_object_array_length(items), i < 2 ? 2 : 1);
        SST_ASSERT_STR_EQ(
            tt_str_at(json_object_array_get_idx(items, 0), "sk.N"), i == 0 ? "1"
                                                                    : i == 1
                                                                        ? "3"
                                                                        : "5");
        if (i < 2) {
            CU_ASSERT_PTR_NOT_NULL_FATAL(tt_str_at(r, "NextToken"));
            snprintf(tok, sizeof tok, "%s", tt_str_at(r, "NextToken"));
        } else {
            CU_ASSERT_PTR_NULL(tt_at(r, "NextToken"));
        }
        json_object_put(r);
    }

    r = run(b, "{\"Statement\":\"SELECT sk FROM tbl WHERE pk = 'a' AND sk "
               ">= 4 ORDER BY sk DESC\"}");
    SST_ASSERT_STR_EQ(tt_text_at(r, "Items"),
                      "[{\"sk\":{\"N\":\"5\"}},{\"sk\":{\"N\":\"4\"}}]");
    json_object_put(r);
    r = run(b, "{\"Statement\":\"SELECT v FROM tbl WHERE v > 35\"}");
    SST_ASSERT_STR_EQ(tt_text_at(r, "Items"),
                      "[{\"v\":{\"N\":\"40\"}},{\"v\":{\"N\":\"50\"}}]");
    json_object_put(r);

    r = run(b, "{\"Statement\":\"UPDATE tbl SET v = v + 1 WHERE pk = 'a' AND "
               "sk = 2 RETURNING ALL NEW *\"}");
    SST_ASSERT_STR_EQ(tt_text_at(r, "Items"),
                      "[{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"2\"},\"v\":{"
                      "\"N\":\"21\"}}]");
    json_object_put(r);
    tt_expect_error(b, "ExecuteStatement",
                    "{\"Statement\":\"UPDATE tbl SET v = 1 WHERE pk = 'zz' "
                    "AND sk = 2\"}",
                    SST_E_CONDITION_FAILED, "ConditionalCheckFailedException",
                    "The conditional request failed");
    tt_expect_error(b, "ExecuteStatement",
                    "{\"Statement\":\"UPDATE tbl SET v = 1 WHERE pk = 'a'\"}",
                    SST_E_VALIDATION, "ValidationException",
                    "Where clause does not contain a mandatory equality on "
                    "all key attributes");

    r = run(b, "{\"Statement\":\"DELETE FROM tbl WHERE pk = 'a' AND sk = 5 "
               "RETURNING ALL OLD *\"}");
    SST_ASSERT_STR_EQ(tt_text_at(r, "Items"),
                      "[{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"5\"},\"v\":{"
                      "\"N\":\"50\"}}]");
    json_object_put(r);
    r = run(b, "{\"Statement\":\"DELETE FROM tbl WHERE pk = 'a' AND sk = 5\"}");
    SST_ASSERT_STR_EQ(tt_text_at(r, "Items"), "[]");
    json_object_put(r);

    tt_expect_error(b, "ExecuteStatement",
                    "{\"Statement\":\"SELECT * FROM nope\"}", SST_E_NOT_FOUND,
                    "ResourceNotFoundException",
                    "Cannot do operations on a non-existent table");
    tt_expect_error(b, "ExecuteStatement", "{\"Statement\":\"SELEC 1\"}",
                    SST_E_VALIDATION, "ValidationException",
                    SST_PQ_MSG_SYNTAX "SELEC 1");
    tt_expect_error(b, "ExecuteStatement", "{\"Statement\":5}",
                    SST_E_SERIALIZATION, "SerializationException",
                    "class com.amazon.coral.value.json.numbers."
                    "TruncatingBigNumber can not be converted to an String");
    sst_backend_close(b);
}

/* Where DynamoDB Local's SELECT departs from AWS's semantics, the
 * emulator keeps them (docs/fidelity.md, "PartiQL"): a literal before
 * the sort key keeps its comparison's meaning (DynamoDB Local does not
 * flip the operator, so `3 > sk` acts as `sk > 3`), and attribute_exists
 * or IS [NOT] MISSING of a key attribute filters (DynamoDB Local fails
 * with HTTP 500). The other shapes are recorded in scan_order_cases.json. */
static void
select_where_as_aws(void)
{
    static const struct {
        const char *where, *items;
    } rows[] = {
        {"pk = 'a' AND 3 > sk",
         "[{\"sk\":{\"N\":\"1\"}},{\"sk\":{\"N\":\"2\"}}]"},
        {"3 < sk AND pk = 'a'", "[{\"sk\":{\"N\":\"4\"}}]"},
        {"pk = 'a' AND attribute_exists(sk) AND sk IS NOT MISSING ORDER BY "
         "sk DESC",
         "[{\"sk\":{\"N\":\"4\"}},{\"sk\":{\"N\":\"3\"}},"
         "{\"sk\":{\"N\":\"2\"}},{\"sk\":{\"N\":\"1\"}}]"},
        {"pk = 'a' AND sk IS MISSING", "[]"},
    };
    struct sst_backend *b = tt_open_memory();
    struct json_object *r;
    char req[256];
    int i;

    create_tbl(b);
    for (i = 1; i <= 4; i++) {
        snprintf(req, sizeof req,
                 "{\"Statement\":\"INSERT INTO tbl VALUE {'pk': 'a', 'sk': "
                 "%d}\"}",
                 i);
        json_object_put(run(b, req));
    }
    for (i = 0; i < (int)(sizeof rows / sizeof rows[0]); i++) {
        snprintf(req, sizeof req,
                 "{\"Statement\":\"SELECT sk FROM tbl WHERE %s\"}",
                 rows[i].where);
        r = run(b, req);
        SST_ASSERT_STR_EQ(tt_text_at(r, "Items"), rows[i].items);
        json_object_put(r);
    }
    sst_backend_close(b);
}

static void
batches_and_transactions(void)
{
    struct sst_backend *b = tt_open_memory();
    struct json_object *r, *req, *resp = NULL;
    struct sst_err e;

    create_tbl(b);
    /* a batch of writes: every statement runs, each answers for itself */
    r = tt_ok(b, "BatchExecuteStatement",
              "{\"Statements\":[{\"Statement\":\"INSERT INTO tbl VALUE "
              "{'pk': 'a', 'sk': 1, 'v': 'x'}\"},{\"Statement\":\"INSERT INTO "
              "tbl VALUE {'pk': ?, 'sk': 2}\",\"Parameters\":[{\"S\":\"a\"}]},"
              "{\"Statement\":\"UPDATE tbl SET v = 'y' WHERE pk = 'a' AND sk "
              "= 9\"},{\"Statement\":\"DELETE FROM tbl WHERE pk = 'a'\"}]}");
    SST_ASSERT_STR_EQ(
        tt_text_at(r, "Responses"),
        "[{\"TableName\":\"tbl\"},{\"TableName\":\"tbl\"},{\"Error\":{"
        "\"Code\":\"ConditionalCheckFailed\",\"Message\":\"The conditional "
        "request failed\"},\"TableName\":\"tbl\"},{\"Error\":{\"Code\":"
        "\"ValidationError\",\"Message\":\"Where clause does not contain a "
        "mandatory equality on all key attributes\"}}]");
    json_object_put(r);
    /* a batch of reads: one item each, by its whole key */
    r = tt_ok(b, "BatchExecuteStatement",
              "{\"Statements\":[{\"Statement\":\"SELECT v FROM tbl WHERE pk "
              "= 'a' AND sk = 1\"},{\"Statement\":\"SELECT * FROM tbl WHERE "
              "pk = 'a' AND sk = 7\"},{\"Statement\":\"SELECT * FROM tbl "
              "WHERE pk = 'a'\"},{\"Statement\":\"INSERT INTO nope VALUE "
              "{'pk': 'a'}\"}]}");
    SST_ASSERT_STR_EQ(
        tt_text_at(r, "Responses"),
        "[{\"TableName\":\"tbl\",\"Item\":{\"v\":{\"S\":\"x\"}}},{"
        "\"TableName\":\"tbl\"},{\"Error\":{\"Code\":\"ValidationError\","
        "\"Message\":\"Only single item select is supported\"}},{\"Error\":{"
        "\"Code\":\"ResourceNotFound\",\"Message\":\"Cannot do operations "
        "on a non-existent table\"}}]");
    json_object_put(r);
    tt_expect_error(b, "BatchExecuteStatement",
                    "{\"Statements\":[{\"Statement\":\"SELECT * FROM tbl "
                    "WHERE pk = 'a' AND sk = 1\"},{\"Statement\":\"DELETE "
                    "FROM tbl WHERE pk = 'a' AND sk = 2\"}]}",
                    SST_E_VALIDATION, "ValidationException",
                    "Read and write requests together in the same batch is "
                    "not supported.");
    tt_expect_error(b, "BatchExecuteStatement", "{\"Statements\":[]}",
                    SST_E_VALIDATION, "ValidationException",
                    "The statement was empty.");

    /* a transaction of writes, all or nothing */
    r = tt_ok(b, "ExecuteTransaction",
              "{\"TransactStatements\":[{\"Statement\":\"INSERT INTO tbl "
              "VALUE {'pk': 'b', 'sk': 1}\"},{\"Statement\":\"UPDATE tbl SET "
              "n = 1 WHERE pk = 'a' AND sk = 2\"},{\"Statement\":\"EXISTS("
              "SELECT * FROM tbl WHERE pk = 'a' AND sk = 1 AND v = 'x')\"}],"
              "\"ClientRequestToken\":\"tok-1\"}");
    SST_ASSERT_STR_EQ(tt_text_at(r, "Responses"), "[]");
    json_object_put(r);
    req = tt_parse("{\"TransactStatements\":[{\"Statement\":\"INSERT INTO "
                   "tbl VALUE {'pk': 'b', 'sk': 1}\"},{\"Statement\":\"DELETE "
                   "FROM tbl WHERE pk = 'a' AND sk = 1 AND v = 'no'\","
                   "\"ReturnValuesOnConditionCheckFailure\":\"ALL_OLD\"}]}");
    CU_ASSERT_EQUAL(sst_backend_call(b, "ExecuteTransaction", req, &resp, &e),
                    SST_E_TXN_CANCELED);
    SST_ASSERT_STR_EQ(e.message,
                      "Transaction cancelled, please refer cancellation "
                      "reasons for specific reasons [ValidationError, "
                      "ConditionalCheckFailed]");
    SST_ASSERT_STR_EQ(
        tt_text_at(resp, "CancellationReasons"),
        "[{\"Code\":\"ValidationError\",\"Message\":\"Duplicate primary "
        "key exists in table\"},{\"Item\":{\"pk\":{\"S\":\"a\"},\"sk\":{"
        "\"N\":\"1\"},\"v\":{\"S\":\"x\"}},\"Code\":"
        "\"ConditionalCheckFailed\",\"Message\":\"The conditional request "
        "failed\"}]");
    json_object_put(resp);
    json_object_put(req);
    /* a transaction of reads */
    r = tt_ok(b, "ExecuteTransaction",
              "{\"TransactStatements\":[{\"Statement\":\"SELECT n FROM tbl "
              "WHERE pk = 'a' AND sk = 2\"},{\"Statement\":\"SELECT * FROM "
              "tbl WHERE pk = 'z' AND sk = 1\"}]}");
    SST_ASSERT_STR_EQ(tt_text_at(r, "Responses"),
                      "[{\"Item\":{\"n\":{\"N\":\"1\"}}},{}]");
    json_object_put(r);
    tt_expect_error(b, "ExecuteTransaction",
                    "{\"TransactStatements\":[{\"Statement\":\"SELECT * "
                    "FROM tbl WHERE pk = 'a'\"}]}",
                    SST_E_VALIDATION, "ValidationException",
                    "Validation failed in TransactStatements[0]: Select "
                    "statements within ExecuteTransaction must specify the "
                    "primary key in the where clause.");
    tt_expect_error(b, "ExecuteTransaction",
                    "{\"TransactStatements\":[{\"Statement\":\"UPDATE tbl "
                    "SET v = 1 WHERE pk = 'a' AND sk = 1\"},{\"Statement\":"
                    "\"DELETE FROM tbl WHERE pk = 'a' AND sk = 1\"}]}",
                    SST_E_VALIDATION, "ValidationException",
                    "Transaction request cannot include multiple operations "
                    "on one item");
    sst_backend_close(b);
}

static const struct sst_test parse_tests[] = {
    {"SELECT with a key becomes a Query", select_becomes_a_query},
    {"SELECT key conditions as DynamoDB Local extracts them",
     select_key_extraction},
    {"SELECT without one is a Scan; every predicate",
     select_without_a_key_is_a_scan},
    {"UPDATE, DELETE and INSERT translate", writes_translate},
    {"only the placeholders an expression uses",
     placeholders_only_the_used_ones},
    {"statements that do not parse", statements_that_do_not_parse},
    {"statements refused with a reason", statements_refused_with_a_reason},
    {"parameters must match the statement", parameters_must_match},
    {NULL, NULL},
};

static const struct sst_test op_tests[] = {
    {"ExecuteStatement on the emulator", statements_on_the_emulator},
    {"SELECT's WHERE as AWS reads it", select_where_as_aws},
    {"BatchExecuteStatement and ExecuteTransaction", batches_and_transactions},
    {NULL, NULL},
};

int
main(int argc, char **argv)
{
    static const struct sst_suite suites[] = {
        {"parse", NULL, NULL, parse_tests},
        {"operation", NULL, NULL, op_tests},
        {NULL, NULL, NULL, NULL},
    };
    return sst_test_main(argc, argv, "test_emu_partiql", suites);
}
