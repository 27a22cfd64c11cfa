/*
 * emu/ops/scan.c - Scan, of a table or of one of its indexes.
 *
 * Walks the rows in key order (DynamoDB promises no order; the emulator's
 * is the rows' key order) from ExclusiveStartKey, in one read
 * transaction. A page ends after Limit rows, or once the rows read reach
 * 1 MB (the row that reaches it is included), and then carries
 * LastEvaluatedKey, even when no row follows, as DynamoDB does. Count
 * counts the rows that pass the FilterExpression; ScannedCount, Limit and
 * the 1 MB limit count every row read. Parallel scans (Segment,
 * TotalSegments) split the rows by a hash of their partition key, so a
 * partition is in one segment.
 *
 * On an index the rows are the index's, with their projected attributes.
 * A local secondary index fetches the other attributes from the table
 * when Select or AttributesToGet asks for them, and the fetch is charged
 * to the table; a global secondary index refuses them.
 *
 * Checks, in DynamoDB Local's order: JSON shape and the starting key's
 * values as JSON; TableName; ReturnConsumedCapacity (AWS's enum check);
 * the table exists; IndexName; ConsistentRead on a global index; the
 * expression parameters and ConditionalOperator; Limit; ExclusiveStartKey;
 * Select with AttributesToGet; Segment and TotalSegments, and the
 * starting key in the segment; AttributesToGet itself; nested access to
 * key attributes in the filter and the projection; the attributes a
 * global index projects (listed in DynamoDB Local's order,
 * emu/expr/jorder.h).
 */
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include <sst/mem.h>

#include "emu/expr/jorder.h"
#include "emu/ops/common.h"
#include "emu/ops/exprs.h"
#include "emu/ops/keys.h"
#include "emu/ops/ops.h"
#include "emu/ops/query_key.h"
#include "emu/ops/request.h"
#include "emu/ops/scan.h"
#include "emu/store/cursor.h"
#include "emu/store/item.h"
#include "emu/store/rows.h"

#define PAGE_BYTES (1024u * 1024)
#define MAX_SEGMENTS 1000000

#define MSG_NO_INDEX "The table does not have the specified index: %s"
#define MSG_GSI_CONSISTENT                                                     \
    "Consistent reads are not supported on global secondary indexes"
#define MSG_LIMIT "Limit must be greater than or equal to 1"
#define MSG_SELECT                                                             \
    "Select must be ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES, COUNT, or "     \
    "SPECIFIC_ATTRIBUTES"
#define MSG_PROJECTED_NO_INDEX                                                 \
    "ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an "       \
    "IndexName"
#define MSG_SPECIFIC_NOTHING                                                   \
    "Must specify the AttributesToGet or ProjectionExpression when choosing " \
    "to get SPECIFIC_ATTRIBUTES"
#define MSG_CANNOT_SPECIFY "Cannot specify the %s when choosing to get %s"
#define MSG_GSI_NOT_ALL                                                        \
    "One or more parameter values were invalid: Select type ALL_ATTRIBUTES "  \
    "is not supported for global secondary index %s because its projection " \
    "type is not ALL"
#define MSG_GSI_NOT_PROJECTED                                                  \
    "One or more parameter values were invalid: Global secondary index %s "   \
    "does not project [%s]"
#define MSG_FILTER_NOT_PROJECTED                                               \
    "One or more parameter values were invalid: Secondary index %s does not " \
    "project one or more filter attributes: [%s]"
#define MSG_SEGMENT_ALONE                                                      \
    "If segment is specified, total segment must also be specified"
#define MSG_TOTAL_ALONE                                                        \
    "If total segments is specified, a particular segment must also be "      \
    "specified for this request"
#define MSG_TOTAL_MAX                                                          \
    "1 validation error detected: Value '%lld' at 'totalSegments' failed to " \
    "satisfy constraint: Member must have value less than or equal to "       \
    "1000000"
#define MSG_SEGMENT_RANGE                                                      \
    "1 validation error detected: Value '%lld' at 'segment' failed to "       \
    "satisfy constraint: Member must have value less than or equal to %lld"

#define S(n) {n, SST_EMU_SHAPE_STRING, NULL}
#define B(n) {n, SST_EMU_SHAPE_BOOLEAN, NULL}
#define I(n) {n, SST_EMU_SHAPE_INTEGER, NULL}
#define END {NULL, SST_EMU_SHAPE_STRING, NULL}

static const struct sst_emu_shape condition[] = {S("ComparisonOperator"), END};
const struct sst_emu_shape sst_emu_scan_string_elem = S("");
const struct sst_emu_shape sst_emu_scan_condition_elem = {
    "", SST_EMU_SHAPE_STRUCT, condition};
static const struct sst_emu_shape request[] = {
    S("TableName"),
    S("IndexName"),
    {"AttributesToGet", SST_EMU_SHAPE_LIST, &sst_emu_scan_string_elem},
    I("Limit"),
    S("Select"),
    {"ScanFilter", SST_EMU_SHAPE_MAP, &sst_emu_scan_condition_elem},
    S("ConditionalOperator"),
    S("ReturnConsumedCapacity"),
    I("TotalSegments"),
    I("Segment"),
    S("ProjectionExpression"),
    S("FilterExpression"),
    {"ExpressionAttributeNames", SST_EMU_SHAPE_MAP, &sst_emu_scan_string_elem},
    B("ConsistentRead"),
    END};

static const char *const legacy[] = {"AttributesToGet", "ScanFilter",
                                     "ConditionalOperator", NULL};
static const char *const expressions[] = {"ProjectionExpression",
                                          "FilterExpression", NULL};
static const char *const value_users[] = {"FilterExpression", NULL};
static const struct sst_emu_expr_spec expr_spec = {
    legacy, expressions, value_users, "FilterExpression is null",
    "ScanFilter", SST_EMU_REQ_SCAN};

/* ------------------------------------------------------------------ */
/* checks                                                              */

enum sst_code
sst_emu_scan_decode(const struct json_object *req,
                    const struct sst_emu_shape *shape, struct sst_emu_scan *s,
                    struct sst_err *err)
{
    enum sst_code rc;

    rc = sst_emu_check_shape(req, shape, err);
    if (rc == SST_OK && sst_emu_get(req, "ExclusiveStartKey") != NULL)
        rc = sst_emu_req_item(sst_emu_get(req, "ExclusiveStartKey"), &s->esk,
                              &s->later, err);
    if (rc == SST_OK && sst_emu_get(req, "ExpressionAttributeValues"))
        rc = sst_av_check_item(sst_emu_get(req, "ExpressionAttributeValues"),
                               err);
    if (rc == SST_OK)
        rc = sst_emu_req_table_name(req, &s->table, err);
    if (rc == SST_OK)
        rc = sst_emu_req_rcc(req, &s->rcc, err);
    sst_emu_get_bool(req, "ConsistentRead", &s->consistent);
    return rc;
}

static enum sst_code
decode(const struct json_object *req, struct sst_emu_scan *s,
       struct sst_err *err)
{
    return sst_emu_scan_decode(req, request, s, err);
}

enum sst_code
sst_emu_scan_check_index(const struct json_object *req, struct sst_emu_scan *s,
                         struct sst_err *err)
{
    const char *name = sst_emu_get_string(req, "IndexName");

    if (name == NULL)
        return SST_OK;
    s->ix = sst_emu_table_index(s->t, name);
    if (s->ix == NULL)
        return sst_err_set(err, SST_E_VALIDATION, MSG_NO_INDEX, name);
    s->ix_pos = (size_t)(s->ix - s->t->indexes);
    /* a Query's comes later (sst_emu_scan_check_consistent) */
    return s->query ? SST_OK : sst_emu_scan_check_consistent(s, err);
}

enum sst_code
sst_emu_scan_check_consistent(const struct sst_emu_scan *s,
                              struct sst_err *err)
{
    if (s->ix != NULL && s->ix->global && s->consistent)
        return sst_err_set(err, SST_E_VALIDATION, MSG_GSI_CONSISTENT);
    return SST_OK;
}

enum sst_code
sst_emu_scan_check_start(struct sst_emu_scan *s, struct sst_err *err)
{
    enum sst_code rc;

    if (s->esk == NULL && s->later.code == SST_OK)
        return SST_OK;
    rc = sst_emu_deferred_raise(&s->later, err);
    if (rc == SST_OK)
        rc = sst_emu_start_key(s->t, s->ix, s->esk, &s->start, err);
    s->has_start = rc == SST_OK;
    return rc;
}

enum sst_code
sst_emu_scan_check_select(const struct json_object *req,
                          struct sst_emu_scan *s, struct sst_err *err)
{
    const char *sel = sst_emu_get_string(req, "Select");
    bool atg = sst_emu_get(req, "AttributesToGet") != NULL;
    bool pe = sst_emu_get(req, "ProjectionExpression") != NULL;
    const char *what;

    if (sel == NULL) {
        s->select = atg || pe ? SST_EMU_SELECT_SPECIFIC
                    : s->ix   ? SST_EMU_SELECT_PROJECTED
                              : SST_EMU_SELECT_ALL;
        return SST_OK;
    }
    if (strcmp(sel, "ALL_ATTRIBUTES") == 0)
        s->select = SST_EMU_SELECT_ALL;
    else if (strcmp(sel, "ALL_PROJECTED_ATTRIBUTES") == 0)
        s->select = SST_EMU_SELECT_PROJECTED;
    else if (strcmp(sel, "COUNT") == 0)
        s->select = SST_EMU_SELECT_COUNT;
    else if (strcmp(sel, "SPECIFIC_ATTRIBUTES") == 0)
        s->select = SST_EMU_SELECT_SPECIFIC;
    else
        return sst_err_set(err, SST_E_VALIDATION, MSG_SELECT);
    if (s->select == SST_EMU_SELECT_SPECIFIC && !atg && !pe)
        return sst_err_set(err, SST_E_VALIDATION, MSG_SPECIFIC_NOTHING);
    what = s->select == SST_EMU_SELECT_ALL         ? "ALL_ATTRIBUTES"
           : s->select == SST_EMU_SELECT_PROJECTED ? "ALL_PROJECTED_ATTRIBUTES"
           : s->select == SST_EMU_SELECT_COUNT     ? "only the Count"
                                           : NULL;
    if (what != NULL && (atg || pe))
        return sst_err_set(err, SST_E_VALIDATION, MSG_CANNOT_SPECIFY,
                           atg ? "AttributesToGet" : "ProjectionExpression",
                           what);
    /* after the attributes' conflict (DynamoDB Local's order) */
    if (s->select == SST_EMU_SELECT_PROJECTED && s->ix == NULL)
        return sst_err_set(err, SST_E_VALIDATION, MSG_PROJECTED_NO_INDEX);
    if (s->select == SST_EMU_SELECT_ALL && s->ix != NULL && s->ix->global &&
        s->ix->projection != SST_EMU_PROJECTION_ALL)
        return sst_err_set(err, SST_E_VALIDATION, MSG_GSI_NOT_ALL,
                           s->ix->name);
    return SST_OK;
}

static enum sst_code
check_segments(const struct json_object *req, struct sst_emu_scan *s,
               struct sst_err *err)
{
    bool has_seg = sst_emu_get_long(req, "Segment", true, &s->segment);
    bool has_total = sst_emu_get_long(req, "TotalSegments", true, &s->total);

    if (has_seg && !has_total)
        return sst_err_set(err, SST_E_VALIDATION, MSG_SEGMENT_ALONE);
    if (has_total && !has_seg)
        return sst_err_set(err, SST_E_VALIDATION, MSG_TOTAL_ALONE);
    if (!has_seg)
        return SST_OK;
    if (s->total > MAX_SEGMENTS)
        return sst_err_set(err, SST_E_VALIDATION, MSG_TOTAL_MAX,
                           (long long)s->total);
    if (s->segment < 0 || s->segment >= s->total)
        return sst_err_set(err, SST_E_VALIDATION, MSG_SEGMENT_RANGE,
                           (long long)s->segment, (long long)s->total - 1);
    s->segmented = true;
    sst_emu_segment_bounds(s->segment, s->total, s->seg_first, s->seg_last);
    return SST_OK;
}

/* The top-level names of an expression that an index does not project
 * (every one with all), in the order the expression names them (repeats
 * included). */
struct unprojected {
    const struct sst_emu_scan *s;
    bool all;
    struct sst_emu_jname *names;
    size_t n, cap;
};

static enum sst_code
note_unprojected(void *ctx, const char *name, size_t len, struct sst_err *err)
{
    struct unprojected *u = ctx;
    struct sst_emu_jname *grown;

    if (!u->all && sst_emu_index_projects(u->s->t, u->s->ix, name, len))
        return SST_OK;
    if (u->n == u->cap) {
        grown = sst_realloc(u->names, (u->cap * 2 + 4) * sizeof *grown);
        if (grown == NULL)
            return sst_emu_nomem(err);
        u->names = grown;
        u->cap = u->cap * 2 + 4;
    }
    u->names[u->n].s = name;
    u->names[u->n++].len = len;
    return SST_OK;
}

/* The names of e that the index does not project, into u (emptied
 * first). */
static enum sst_code
unprojected_of(struct sst_emu_scan *s, const struct sst_emu_expr *e,
               struct unprojected *u, struct sst_err *err)
{
    u->s = s;
    u->n = 0;
    return sst_emu_op_exprs_top_names(&s->x, e, note_unprojected, u, err);
}

/* A ValidationException whose message fmt takes the index's name and the
 * list of names, joined with ", " (the message is cut where struct
 * sst_err cuts it). */
static enum sst_code
unprojected_error(const struct sst_emu_scan *s, const char *fmt,
                  const struct sst_emu_jname *names, size_t n,
                  struct sst_err *err)
{
    char list[SST_ERR_MESSAGE_MAX];
    size_t i, used = 0;

    list[0] = '\0';
    for (i = 0; i < n && used < sizeof list - 1; i++)
        used += (size_t)snprintf(list + used, sizeof list - used, "%s%.*s",
                                 i ? ", " : "", (int)names[i].len,
                                 names[i].s);
    return sst_err_set(err, SST_E_VALIDATION, fmt, s->ix->name, list);
}

/* A Query's FilterExpression (or QueryFilter) on an index may name only
 * what the index projects; DynamoDB Local lists the others sorted (a
 * TreeSet). A Scan's filter on a global index sees only what it projects;
 * on a local index it reads the table row. */
enum sst_code
sst_emu_scan_check_projected_filter(struct sst_emu_scan *s,
                                    struct sst_err *err)
{
    struct unprojected u = {0};
    enum sst_code rc;
    size_t n;

    if (s->ix == NULL)
        return SST_OK;
    rc = unprojected_of(s, &s->x.e.filter, &u, err);
    if (rc == SST_OK && u.n > 0 && s->query) {
        sst_emu_java_sorted_set(u.names, u.n, &n);
        rc = unprojected_error(s, MSG_FILTER_NOT_PROJECTED, u.names, n, err);
    } else if (rc == SST_OK && u.n > 0 && !s->ix->global) {
        s->fetch_filter = true;
    }
    sst_free(u.names);
    return rc;
}

/* What the answer holds (ProjectionExpression, AttributesToGet) on an
 * index: a global index must project it all; a local one fetches the
 * rest from the table. DynamoDB Local lists what is missing in the order
 * of a HashSet of every name asked for (jorder.h), from which it removes
 * the projected ones. */
enum sst_code
sst_emu_scan_check_projected_answer(struct sst_emu_scan *s,
                                    struct sst_err *err)
{
    struct unprojected u = {0};
    enum sst_code rc = SST_OK;
    size_t i, n, m = 0;
    int r;

    if (s->ix == NULL)
        return SST_OK;
    u.s = s;
    u.all = true;
    if (s->select == SST_EMU_SELECT_ALL && !s->ix->global &&
        s->ix->projection != SST_EMU_PROJECTION_ALL)
        s->fetch = true;
    for (i = 0; i < s->only_n && rc == SST_OK; i++)
        rc = note_unprojected(&u, s->only[i], strlen(s->only[i]), err);
    if (rc == SST_OK && s->only_n == 0)
        rc = unprojected_of(s, &s->x.e.projection, &u, err);
    for (i = 0; rc == SST_OK && i < u.n && m == 0; i++)
        m += !sst_emu_index_projects(s->t, s->ix, u.names[i].s,
                                     u.names[i].len);
    if (m > 0 && s->ix->global) {
        r = s->only_n > 0 ? sst_emu_java_hash_order(u.names, u.n, &n)
                          : sst_emu_java_projection_order(u.names, u.n, &n);
        for (i = 0, m = 0; r == 0 && i < n; i++)
            if (!sst_emu_index_projects(s->t, s->ix, u.names[i].s,
                                        u.names[i].len))
                u.names[m++] = u.names[i];
        rc = r != 0 ? sst_emu_nomem(err)
                    : unprojected_error(s, MSG_GSI_NOT_PROJECTED, u.names,
                                        m, err);
    } else if (m > 0) {
        s->fetch = true;
    }
    sst_free(u.names);
    return rc;
}

/* AttributesToGet, ProjectionExpression and FilterExpression on an index
 * (the filter first, as DynamoDB Local checks it). */
enum sst_code
sst_emu_scan_check_projected(struct sst_emu_scan *s, struct sst_err *err)
{
    enum sst_code rc = sst_emu_scan_check_projected_filter(s, err);

    return rc == SST_OK ? sst_emu_scan_check_projected_answer(s, err) : rc;
}

static bool in_segment(const struct sst_emu_scan *s, const uint8_t *key,
                       size_t len);

static enum sst_code
check(const struct json_object *req, struct sst_emu_scan *s,
      struct sst_err *err)
{
    enum sst_code rc;

    rc = sst_emu_scan_check_index(req, s, err);
    if (rc == SST_OK)
        rc = sst_emu_op_exprs_prepare(req, &expr_spec, &s->x, err);
    if (rc == SST_OK)
        rc = sst_emu_op_exprs_parse(req, &expr_spec, &s->x, err);
    if (rc == SST_OK)
        rc = sst_emu_op_exprs_operator(req, &expr_spec, err);
    if (rc == SST_OK && sst_emu_get_long(req, "Limit", true, &s->limit) &&
        s->limit < 1)
        rc = sst_err_set(err, SST_E_VALIDATION, MSG_LIMIT);
    if (rc == SST_OK)
        rc = sst_emu_scan_check_start(s, err);
    if (rc == SST_OK)
        rc = sst_emu_scan_check_select(req, s, err);
    if (rc == SST_OK)
        rc = check_segments(req, s, err);
    if (rc == SST_OK && s->segmented && s->has_start &&
        !in_segment(s, s->start.data, s->start.len))
        rc = sst_err_set(err, SST_E_VALIDATION,
                         "Exclusive start key must lie within the segment");
    if (rc == SST_OK)
        rc = sst_emu_req_attributes_to_get(sst_emu_get(req, "AttributesToGet"),
                                           SST_EMU_MSG_DUPLICATE_ATTR, &s->only,
                                           &s->only_n, err);
    /* FilterExpression and ProjectionExpression are applied to each row
     * read, in walk() (docs/emulator.md, "Expression seams"). Nested
     * access to key attributes is refused before what an index does not
     * project, as DynamoDB Local does. */
    if (rc == SST_OK)
        rc = sst_emu_op_exprs_nested_keys(&s->x, &s->x.e.filter, s->t, err);
    if (rc == SST_OK)
        rc = sst_emu_op_exprs_nested_keys(&s->x, &s->x.e.projection, s->t,
                                          err);
    if (rc == SST_OK)
        rc = sst_emu_scan_check_projected(s, err);
    return rc;
}

/* ------------------------------------------------------------------ */
/* the walk                                                            */

/* Whether a row key lies in the Scan's segment: the hash of its item's
 * partition key, which starts its table row key (keys.h), between the
 * segment's bounds. */
static bool
in_segment(const struct sst_emu_scan *s, const uint8_t *key, size_t len)
{
    const uint8_t *tk;
    size_t tlen;

    if (!sst_emu_row_table_key(s->t, s->ix, key, len, &tk, &tlen))
        return false;
    return memcmp(tk, s->seg_first, SST_EMU_KEY_HASH_LEN) >= 0 &&
           memcmp(tk, s->seg_last, SST_EMU_KEY_HASH_LEN) <= 0;
}

/* The table row of an index row (*found false when there is none), its
 * read charged to the table. */
static enum sst_code
fetch_row(struct sst_emu_txn *txn, const struct sst_emu_scan *s,
          struct sst_emu_capacity *cap, const uint8_t *key, size_t klen,
          const void **row, size_t *len, bool *found, struct sst_err *err)
{
    const uint8_t *tk;
    size_t tlen;
    uint64_t size;
    enum sst_code rc;

    if (!sst_emu_row_table_key(s->t, s->ix, key, klen, &tk, &tlen))
        return sst_err_set(err, SST_E_STORAGE, "an index row key is corrupt");
    rc = sst_emu_rows_get(txn, s->t->id, SST_EMU_INDEX_TABLE, tk, tlen, row,
                          len, found, err);
    if (rc != SST_OK || !*found)
        return rc;
    rc = sst_emu_item_size(*row, *len, &size, err);
    /* AWS charges the fetch from the table, per item. */
    cap->table_half += sst_emu_read_half_units(size, s->consistent);
    return rc;
}

/* One row through the engine: the FilterExpression decides whether it
 * passes, the ProjectionExpression (or AttributesToGet, or Select) shapes
 * it. On a local index that lacks attributes they need, both read the
 * table row, which holds the whole item. */
static enum sst_code
row_item_exprs(struct sst_emu_txn *txn, struct sst_emu_scan *s,
               struct sst_emu_capacity *cap, const uint8_t *key, size_t klen,
               const void *val, size_t vlen, bool *pass,
               struct json_object **item, struct sst_err *err)
{
    const void *trow = NULL;
    size_t tlen = 0;
    bool found = false;
    enum sst_code rc = SST_OK;

    *pass = true;
    if (s->fetch || s->fetch_filter)
        rc = fetch_row(txn, s, cap, key, klen, &trow, &tlen, &found, err);
    if (rc == SST_OK)
        rc = sst_emu_op_exprs_filter_row(&s->x, found ? trow : val,
                                         found ? tlen : vlen, pass, err);
    if (rc != SST_OK || !*pass || s->select == SST_EMU_SELECT_COUNT)
        return rc;
    if (s->fetch && found)
        return sst_emu_op_exprs_row_json(&s->x, trow, tlen, s->only,
                                         s->only_n, item, err);
    return sst_emu_op_exprs_row_json(&s->x, val, vlen, s->only, s->only_n,
                                     item, err);
}

/* One row as an answer item (*item untouched for Select COUNT), and
 * whether it passes the filter. */
static enum sst_code
row_item(struct sst_emu_txn *txn, struct sst_emu_scan *s,
         struct sst_emu_capacity *cap, const uint8_t *key, size_t klen,
         const void *val, size_t vlen, bool *pass, struct json_object **item,
         struct sst_err *err)
{
    const void *row;
    size_t len;
    bool found;
    enum sst_code rc;

    if (s->x.engaged)
        return row_item_exprs(txn, s, cap, key, klen, val, vlen, pass, item,
                              err);
    *pass = true;
    if (s->select == SST_EMU_SELECT_COUNT)
        return SST_OK;
    if (!s->fetch)
        return sst_emu_answer_item(val, vlen, s->only, s->only_n, item, err);
    rc = sst_emu_item_to_json(val, vlen, s->only, s->only_n, item, err);
    if (rc != SST_OK)
        return rc;
    rc = fetch_row(txn, s, cap, key, klen, &row, &len, &found, err);
    if (rc == SST_OK && found)
        rc = sst_emu_item_merge_json(row, len, s->only, s->only_n, *item, err);
    return rc;
}

/* row_item for a page whose items are whole rows (no projection, no
 * fetch): a row that passes the filter goes into list as it is. */
static enum sst_code
row_gather(struct sst_emu_txn *txn, struct sst_emu_scan *s,
           struct sst_emu_capacity *cap, const uint8_t *key, size_t klen,
           const void *val, size_t vlen, bool *pass,
           struct sst_emu_text_list *list, struct sst_err *err)
{
    const void *trow = NULL;
    size_t tlen = 0;
    bool found = false;
    enum sst_code rc = SST_OK;

    *pass = true;
    if (s->fetch_filter)
        rc = fetch_row(txn, s, cap, key, klen, &trow, &tlen, &found, err);
    if (rc == SST_OK)
        rc = sst_emu_op_exprs_filter_row(&s->x, found ? trow : val,
                                         found ? tlen : vlen, pass, err);
    if (rc != SST_OK || !*pass)
        return rc;
    return sst_emu_text_list_add_row(list, val, vlen, err);
}

/* LastEvaluatedKey: the key attributes of the last row read. */
static enum sst_code
last_key(const struct sst_emu_scan *s, const void *val, size_t vlen,
         struct json_object **out, struct sst_err *err)
{
    const char *names[4 * SST_EMU_KEY_PARTS_MAX];
    size_t n = sst_emu_key_names(s->t, s->ix, names);

    return sst_emu_item_to_json(val, vlen, names, n, out, err);
}

struct page {
    struct json_object *items;
    int64_t count, scanned;
    uint64_t bytes;
    struct json_object *last;
    /* An answer only printed (sst_emu_call_text) whose items are whole
     * rows: they are gathered into one printed list instead of items. */
    bool gather;
    struct sst_emu_text_list list;
};

/* Query: whether a row's sort key satisfies the key condition. */
static enum sst_code
in_key_range(const struct sst_emu_scan *s, const uint8_t *key, size_t klen,
             const void *val, size_t vlen, bool *in, struct sst_err *err)
{
    const struct sst_emu_key_schema *ks;
    struct sst_av *v = NULL;
    size_t n;
    int m;
    enum sst_code rc;

    *in = true;
    if (!s->query || s->range_name == NULL || sst_emu_query_key_any(s->kc))
        return SST_OK;
    /* A key of one partition and one sort attribute is the partition's
     * component, then the sort key's: match that on its bytes. */
    ks = s->ix != NULL ? &s->ix->key : &s->t->key;
    if (ks->hash_count == 1 && ks->range_count == 1 && klen > s->prefix.len &&
        memcmp(key, s->prefix.data, s->prefix.len) == 0) {
        n = sst_emu_key_component_len(key + s->prefix.len,
                                      klen - s->prefix.len);
        m = n > 0 ? sst_emu_query_key_match_bytes(s->kc, key + s->prefix.len, n)
                  : -1;
        if (m >= 0) {
            *in = m == 1;
            return SST_OK;
        }
    }
    /* Else only the sort key is decoded: a whole row decoded per row
     * walked was half of a Query's cost. */
    rc = sst_emu_item_attr_to_av(val, vlen, s->range_name,
                                 strlen(s->range_name), &v, err);
    if (rc == SST_OK)
        *in = sst_emu_query_key_match(s->kc, v);
    sst_av_free(v);
    return rc;
}

/* Query, a page of Limit items: no LastEvaluatedKey when its last row
 * ends the Query (sst_emu_query_key_ends_at). */
static enum sst_code
drop_last_at_end(const struct sst_emu_scan *s, const void *val, size_t vlen,
                 struct page *pg, struct sst_err *err)
{
    struct sst_av *v = NULL;
    enum sst_code rc = SST_OK;

    /* the sort key is read only where it can end the Query */
    if (s->range_name != NULL &&
        sst_emu_query_key_end_bound(s->kc, s->reverse) != NULL)
        rc = sst_emu_item_attr_to_av(val, vlen, s->range_name,
                                     strlen(s->range_name), &v, err);
    if (rc == SST_OK && sst_emu_query_key_ends_at(s->kc, v, s->reverse)) {
        json_object_put(pg->last);
        pg->last = NULL;
    }
    sst_av_free(v);
    return rc;
}

static enum sst_code
walk(struct sst_emu_txn *txn, struct sst_emu_scan *s, struct page *pg,
     struct sst_emu_capacity *cap, struct sst_err *err)
{
    struct sst_emu_scan_rows *r = NULL;
    struct json_object *item;
    const uint8_t *key;
    const void *val;
    size_t klen, vlen;
    uint64_t size;
    bool found, pass, in, matched = false;
    enum sst_code rc;

    rc = sst_emu_scan_rows_open(txn, s, &r, err);
    while (rc == SST_OK) {
        rc = sst_emu_scan_rows_next(r, &key, &klen, &val, &vlen, &found, err);
        if (rc != SST_OK || !found)
            break;
        rc = in_key_range(s, key, klen, val, vlen, &in, err);
        /* the key range is one interval of a partition: past its end
         * (several partitions: the next may match again) */
        if (rc != SST_OK || (!in && matched && s->parts_n == 0))
            break;
        if (!in)
            continue;
        matched = true;
        rc = sst_emu_item_size(val, vlen, &size, err);
        if (rc != SST_OK)
            break;
        pg->scanned++;
        pg->bytes += size;
        /* The FilterExpression decides whether the row counts; the
         * ProjectionExpression shapes the item. */
        item = NULL;
        if (pg->gather)
            rc = row_gather(txn, s, cap, key, klen, val, vlen, &pass,
                            &pg->list, err);
        else
            rc = row_item(txn, s, cap, key, klen, val, vlen, &pass, &item,
                          err);
        if (rc == SST_OK && pass)
            pg->count++;
        if (rc == SST_OK && item != NULL &&
            json_object_array_add(pg->items, item) == 0)
            item = NULL;
        else if (rc == SST_OK && item != NULL)
            rc = sst_emu_nomem(err);
        json_object_put(item);
        if (rc == SST_OK && pg->bytes >= PAGE_BYTES) {
            rc = last_key(s, val, vlen, &pg->last, err);
            break;
        }
        if (rc == SST_OK && s->limit > 0 && pg->scanned == s->limit) {
            rc = last_key(s, val, vlen, &pg->last, err);
            /* an index's key values may repeat, so its ranges are never
             * closed: DynamoDB Local answers a LastEvaluatedKey there */
            if (rc == SST_OK && s->query && s->ix == NULL &&
                !s->pq_select)
                rc = drop_last_at_end(s, val, vlen, pg, err);
            break;
        }
    }
    sst_emu_scan_rows_close(r);
    return rc;
}

static enum sst_code
answer(const struct sst_emu_scan *s, struct page *pg,
       struct sst_emu_capacity *cap, struct json_object **resp,
       struct sst_err *err)
{
    struct sst_emu_json jb = {false};
    struct json_object *out = json_object_new_object();
    int64_t half = sst_emu_read_half_units(pg->bytes, s->consistent);
    enum sst_code rc;

    if (pg->gather) {
        struct json_object *items = NULL;

        rc = sst_emu_text_list_node(&pg->list, &items, err);
        if (rc != SST_OK) {
            json_object_put(out);
            return rc;
        }
        sst_emu_json_add(&jb, out, "Items", items);
    } else if (s->select != SST_EMU_SELECT_COUNT) {
        sst_emu_json_add(&jb, out, "Items", pg->items);
        pg->items = NULL;
    }
    sst_emu_json_add(&jb, out, "Count", sst_emu_json_count(pg->count));
    sst_emu_json_add(&jb, out, "ScannedCount",
                     sst_emu_json_count(pg->scanned));
    if (pg->last != NULL) {
        sst_emu_json_add(&jb, out, "LastEvaluatedKey", pg->last);
        pg->last = NULL;
    }
    if (s->ix != NULL)
        sst_emu_capacity_index(cap, s->ix_pos, half);
    else
        cap->table_half += half;
    rc = jb.failed ? sst_emu_nomem(err)
                   : sst_emu_capacity_answer(out, cap, s->rcc, err);
    if (rc != SST_OK) {
        json_object_put(out);
        return rc;
    }
    *resp = out;
    return SST_OK;
}

/* Walk the rows and answer (Items, Count, ScannedCount, LastEvaluatedKey,
 * ConsumedCapacity). */
static enum sst_code
read_rows(struct sst_emu_txn *txn, struct sst_emu_scan *s,
          struct json_object **resp, struct sst_err *err)
{
    struct page pg = {NULL, 0, 0, 0, NULL, false, {{NULL, 0, 0}, 0, 0, 0}};
    struct sst_emu_capacity cap;
    enum sst_code rc = SST_OK;

    sst_emu_capacity_init(&cap, s->t);
    sst_emu_text_list_init(&pg.list);
    /* an answer only printed, of whole rows: no projection, no fetch */
    pg.gather = sst_emu_text_wanted() && s->select != SST_EMU_SELECT_COUNT &&
                s->only == NULL && !s->fetch &&
                !sst_emu_op_exprs_projects(&s->x);
    if (s->select != SST_EMU_SELECT_COUNT && !pg.gather &&
        (pg.items = json_object_new_array()) == NULL)
        rc = sst_emu_nomem(err);
    if (rc == SST_OK)
        rc = walk(txn, s, &pg, &cap, err);
    if (rc == SST_OK)
        rc = answer(s, &pg, &cap, resp, err);
    json_object_put(pg.items);
    json_object_put(pg.last);
    sst_emu_text_list_cleanup(&pg.list);
    return rc;
}

/* Free what s holds (not the table reference). */
static void
scan_cleanup(struct sst_emu_scan *s)
{
    sst_emu_key_cleanup(&s->start);
    sst_emu_key_cleanup(&s->prefix);
    sst_emu_key_cleanup(&s->lower);
    sst_emu_op_exprs_cleanup(&s->x);
    sst_emu_query_key_free(s->kc);
    s->kc = NULL;
    sst_free(s->only);
    s->only = NULL;
    sst_av_free(s->esk);
    s->esk = NULL;
    sst_emu_scan_parts_free(s);
}

enum sst_code
sst_emu_scan_run(struct sst_emu *emu, const struct json_object *req,
                 sst_emu_scan_check_fn *decode_fn,
                 sst_emu_scan_check_fn *check_fn,
                 struct json_object **resp, struct sst_err *err)
{
    struct sst_emu_scan s;
    struct sst_emu_txn *txn = NULL;
    enum sst_code rc;

    *resp = NULL;
    memset(&s, 0, sizeof s);
    sst_emu_key_init(&s.start);
    sst_emu_key_init(&s.prefix);
    sst_emu_key_init(&s.lower);
    rc = decode_fn(req, &s, err);
    if (rc == SST_OK)
        rc = sst_emu_txn_begin(sst_emu_store_of(emu), false, &txn, err);
    if (rc == SST_OK)
        rc = sst_emu_table_lookup(txn, s.table, &s.t, err);
    if (rc == SST_OK)
        rc = check_fn(req, &s, err);
    if (rc == SST_OK)
        rc = read_rows(txn, &s, resp, err);
    sst_emu_txn_abort(txn);
    sst_emu_table_release(s.t);
    scan_cleanup(&s);
    return rc;
}

enum sst_code
sst_emu_op_scan(struct sst_emu *emu, const struct json_object *req,
                struct json_object **resp, struct sst_err *err)
{
    return sst_emu_scan_run(emu, req, decode, check, resp, err);
}
