/*
 * tests/unit/test_update_errors.c - the errors of the update applier
 * (emu/expr/update.c): the runtime errors and which one wins when several
 * actions fail, updates of key attributes, and the nesting and size
 * limits on the new item.
 *
 * The rows of `rows` were recorded from DynamoDB Local; see
 * tests/unit/update_util.h.
 */
#include "update_util.h"

#define N_(a) (sizeof(a) / sizeof((a)[0]))

static const struct row rows[] = {
    {"SET s = s + :one", "{':one': {'N': '1'}}", true, "NONE",
     "An operand in the update expression has an incorrect data type", NULL,
     SAME},
    {"SET x = nope", NULL, true, "NONE",
     "The provided expression refers to an attribute that does not exist in "
     "the item",
     NULL, SAME},
    {"SET x = nope + :one", "{':one': {'N': '1'}}", true, "NONE",
     "The provided expression refers to an attribute that does not exist in "
     "the item",
     NULL, SAME},
    {"SET x = s + nope", NULL, true, "NONE",
     "An operand in the update expression has an incorrect data type", NULL,
     SAME},
    {"SET x = list_append(s, :l)", "{':l': {'L': [{'S': 'q'}]}}", true, "NONE",
     "An operand in the update expression has an incorrect data type", NULL,
     SAME},
    {"SET x = list_append(nope, :l)", "{':l': {'L': [{'S': 'q'}]}}", true,
     "NONE",
     "The provided expression refers to an attribute that does not exist in "
     "the item",
     NULL, SAME},
    {"SET x = if_not_exists(s, nope)", NULL, true, "NONE",
     "The provided expression refers to an attribute that does not exist in "
     "the item",
     NULL, SAME},
    {"SET x = l[9]", NULL, true, "NONE",
     "The provided expression refers to an attribute that does not exist in "
     "the item",
     NULL, SAME},
    {"SET x.y = :s", "{':s': {'S': 'x'}}", true, "NONE",
     "The document path provided in the update expression is invalid for upd"
     "ate",
     NULL, SAME},
    {"SET s.y = :s", "{':s': {'S': 'x'}}", true, "NONE",
     "The document path provided in the update expression is invalid for upd"
     "ate",
     NULL, SAME},
    {"SET l.y = :s", "{':s': {'S': 'x'}}", true, "NONE",
     "The document path provided in the update expression is invalid for upd"
     "ate",
     NULL, SAME},
    {"SET m[0] = :s", "{':s': {'S': 'x'}}", true, "NONE",
     "The document path provided in the update expression is invalid for upd"
     "ate",
     NULL, SAME},
    {"SET l[9].y = :s", "{':s': {'S': 'x'}}", true, "NONE",
     "The document path provided in the update expression is invalid for upd"
     "ate",
     NULL, SAME},
    {"REMOVE nope.a", NULL, true, "NONE",
     "The document path provided in the update expression is invalid for upd"
     "ate",
     NULL, SAME},
    {"REMOVE s[0]", NULL, true, "NONE",
     "The document path provided in the update expression is invalid for upd"
     "ate",
     NULL, SAME},
    {"ADD s :one", "{':one': {'N': '1'}}", true, "NONE",
     "An operand in the update expression has an incorrect data type", NULL,
     SAME},
    {"ADD n :ss", "{':ss': {'SS': ['b', 'z']}}", true, "NONE",
     "An operand in the update expression has an incorrect data type", NULL,
     SAME},
    {"ADD ss :ns", "{':ns': {'NS': ['2.0', '5']}}", true, "NONE",
     "An operand in the update expression has an incorrect data type", NULL,
     SAME},
    {"ADD m :ns", "{':ns': {'NS': ['2.0', '5']}}", true, "NONE",
     "An operand in the update expression has an incorrect data type", NULL,
     SAME},
    {"DELETE s :ss", "{':ss': {'SS': ['b', 'z']}}", true, "NONE",
     "An operand in the update expression has an incorrect data type", NULL,
     SAME},
    {"DELETE n :ns", "{':ns': {'NS': ['2.0', '5']}}", true, "NONE",
     "An operand in the update expression has an incorrect data type", NULL,
     SAME},
    {"DELETE ss :ns", "{':ns': {'NS': ['2.0', '5']}}", true, "NONE",
     "An operand in the update expression has an incorrect data type", NULL,
     SAME},
    {"DELETE l :ss", "{':ss': {'SS': ['b', 'z']}}", true, "NONE",
     "An operand in the update expression has an incorrect data type", NULL,
     SAME},
    {"ADD nope.a :one", "{':one': {'N': '1'}}", true, "NONE",
     "The document path provided in the update expression is invalid for upd"
     "ate",
     NULL, SAME},
    {"SET x = nope, y = s + :one", "{':one': {'N': '1'}}", true, "NONE",
     "An operand in the update expression has an incorrect data type", NULL,
     SAME},
    {"SET y = s + :one, x = nope", "{':one': {'N': '1'}}", true, "NONE",
     "An operand in the update expression has an incorrect data type", NULL,
     SAME},
    {"ADD s :one SET y = nope", "{':one': {'N': '1'}}", true, "NONE",
     "The provided expression refers to an attribute that does not exist in "
     "the item",
     NULL, SAME},
    {"SET y = nope ADD n :one", "{':one': {'N': '1'}}", true, "NONE",
     "The provided expression refers to an attribute that does not exist in "
     "the item",
     NULL, SAME},
    {"SET x = s + :one, y.z = :s", "{':s': {'S': 'x'}, ':one': {'N': '1'}}",
     true, "NONE",
     "The document path provided in the update expression is invalid for upd"
     "ate",
     NULL, SAME},
    {"SET y.z = :s, x = s + :one", "{':s': {'S': 'x'}, ':one': {'N': '1'}}",
     true, "NONE",
     "The document path provided in the update expression is invalid for upd"
     "ate",
     NULL, SAME},
    {"SET x = nope, m.a.b[2].c.d = :s", "{':s': {'S': 'x'}}", true, "NONE",
     "The document path provided in the update expression is invalid for upd"
     "ate",
     NULL, SAME},
    {"SET m.zz.q = :s, l[1] = nope", "{':s': {'S': 'x'}}", true, "NONE",
     "The document path provided in the update expression is invalid for upd"
     "ate",
     NULL, SAME},
    {"SET x = list_append(nope, s + :one)", "{':one': {'N': '1'}}", true,
     "NONE",
     "Invalid UpdateExpression: Syntax error; token: \"+\", near: \"s + :one"
     "\"",
     NULL, SAME},
};

static void
recorded_rows(void)
{
    check_rows(rows, N_(rows));
}

struct key_row {
    const char *expr;
    const char *values;
    const char *names;
    const char *message;
};

#define KEY_MSG                                                                \
    "One or more parameter values were invalid: Cannot update attribute pk. "  \
    "This attribute is part of the key"

static const struct key_row key_rows[] = {
    {"SET pk = :v", "{':v': {'S': 'u'}}", NULL, KEY_MSG},
    {"REMOVE pk", NULL, NULL, KEY_MSG},
    {"SET pk.x = :v", "{':v': {'S': 'u'}}", NULL, KEY_MSG},
    {"ADD pk :n", "{':n': {'N': '1'}}", NULL, KEY_MSG},
    {"DELETE pk :s", "{':s': {'SS': ['u']}}", NULL, KEY_MSG},
    {"SET #k = :v", "{':v': {'S': 'u'}}", "{'#k': 'pk'}", KEY_MSG},
    /* checked before any runtime error of the update */
    {"SET s = s + :n, pk = :v", "{':v': {'S': 'u'}, ':n': {'N': '1'}}", NULL,
     KEY_MSG},
    {"SET x.y = :v REMOVE pk", "{':v': {'S': 'u'}}", NULL, KEY_MSG},
    {"SET x = pk", NULL, NULL, ""},
};

static void
key_attributes(void)
{
    struct sst_av *item = item_of(upd_item), *next, *attrs;
    struct sst_err err;
    enum sst_code rc;
    size_t i;

    for (i = 0; i < N_(key_rows); i++) {
        rc =
            run_update(key_rows[i].expr, key_rows[i].values, key_rows[i].names,
                       item, "{'pk': {'S': 'u'}}", "NONE", &next, &attrs, &err);
        SST_ASSERT_STR_EQ(rc == SST_OK ? "" : err.message, key_rows[i].message);
        sst_av_free(next);
        sst_av_free(attrs);
    }
    sst_av_free(item);
}

/* A value of depth levels of maps around a string. */
static struct sst_av *
nest(int depth)
{
    struct sst_av *v = sst_av_new(SST_AV_S), *m;

    while (depth-- > 0) {
        m = sst_av_new(SST_AV_M);
        CU_ASSERT_EQUAL(sst_av_map_push(m, "k", 1, v), SST_OK);
        v = m;
    }
    return v;
}

/* The limits checked on the new item: 32 levels, 400 KB. */
static void
limits(void)
{
    struct sst_emu_exprs x;
    struct sst_av *item, *next = NULL, *v;
    struct sst_err err;
    char *big;

    /* SET c.d = 31 nested maps: c (level 2) + 31 = 33 levels */
    item = item_of("{'pk': {'S': 'deep'}, 'c': {'M': {}}}");
    CU_ASSERT_EQUAL(prepare(&x, SST_EMU_REQ_UPDATE_ITEM,
                            "{'UpdateExpression': 'SET c.d = :l', "
                            "'ExpressionAttributeValues': {':l': {'S': "
                            "'x'}}}",
                            &err),
                    SST_OK);
    v = nest(31);
    sst_av_free(x.bindings.values[0].value);
    x.bindings.values[0].value = v;
    CU_ASSERT_EQUAL(
        sst_emu_update_apply(&x.update, &x.bindings, item, &next, &err),
        SST_E_VALIDATION);
    SST_ASSERT_STR_EQ(err.message,
                      "Nesting Levels have exceeded supported limits");
    CU_ASSERT_PTR_NULL(next);
    /* 30 levels fit */
    sst_av_free(x.bindings.values[0].value);
    x.bindings.values[0].value = nest(30);
    CU_ASSERT_EQUAL(
        sst_emu_update_apply(&x.update, &x.bindings, item, &next, &err),
        SST_OK);
    sst_av_free(next);
    next = NULL;
    sst_emu_exprs_cleanup(&x);
    sst_av_free(item);

    /* an item of 300006 bytes: pk(2)+big(3) + a(1)+300000; b(1)+n */
    big = malloc(300001);
    memset(big, 'x', 300000);
    big[300000] = '\0';
    {
        char *text = malloc(300100);
        snprintf(text, 300100, "{'pk': {'S': 'big'}, 'a': {'S': '%s'}}", big);
        item = item_of(text);
        free(text);
    }
    CU_ASSERT_PTR_NOT_NULL_FATAL(item);
    CU_ASSERT_EQUAL(prepare(&x, SST_EMU_REQ_UPDATE_ITEM,
                            "{'UpdateExpression': 'SET b = :v', "
                            "'ExpressionAttributeValues': {':v': {'S': "
                            "'x'}}}",
                            &err),
                    SST_OK);
    v = x.bindings.values[0].value;
    sst_free(v->u.str.ptr);
    big[109593] = '\0'; /* 300006 + 1 + 109593 = 409600 */
    v->u.str.ptr = sst_strdup(big);
    v->u.str.len = 109593;
    CU_ASSERT_EQUAL(
        sst_emu_update_apply(&x.update, &x.bindings, item, &next, &err),
        SST_OK);
    CU_ASSERT_EQUAL(sst_av_item_size(next), 409600);
    sst_av_free(next);
    next = NULL;
    sst_free(v->u.str.ptr);
    big[109593] = 'x';
    big[109594] = '\0';
    v->u.str.ptr = sst_strdup(big);
    v->u.str.len = 109594;
    CU_ASSERT_EQUAL(
        sst_emu_update_apply(&x.update, &x.bindings, item, &next, &err),
        SST_E_VALIDATION);
    SST_ASSERT_STR_EQ(err.message, "Item size to update has exceeded the "
                                   "maximum allowed size");
    CU_ASSERT_PTR_NULL(next);
    sst_emu_exprs_cleanup(&x);
    sst_av_free(item);
    free(big);
}

static const struct sst_test tests[] = {
    {"recorded rows", recorded_rows},
    {"key attributes", key_attributes},
    {"nesting and size limits", limits},
    {NULL, NULL},
};

static const struct sst_suite suites[] = {
    {"errors", NULL, NULL, tests},
    {NULL, NULL, NULL, NULL},
};

int
main(int argc, char **argv)
{
    return sst_test_main(argc, argv, "test_update_errors", suites);
}
