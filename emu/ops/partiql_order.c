/*
 * emu/ops/partiql_order.c - PartiQL's order of checks (partiql_exec.h):
 * a statement's syntax, then its Parameters as AttributeValues, then its
 * own rules, then its parts one by one in the statement's order, each
 * checked alone as the expression it becomes; and the statements cut
 * from one for that (an UPDATE's WHERE clause, a SELECT's projection).
 */
#include <json-c/json.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <sst/mem.h>

#include "emu/expr/av.h"
#include "emu/expr/request.h"
#include "emu/ops/common.h"
#include "emu/ops/keys.h"
#include "emu/ops/ops.h"
#include "emu/ops/partiql.h"
#include "emu/ops/partiql_exec.h"
#include "emu/ops/partiql_int.h"
#include "emu/ops/request.h"
#include "emu/store/catalog.h"

/* DynamoDB Local's errors of the statement name the problem without the
 * expression the translation made: "Invalid FilterExpression: " and the
 * like go. */
void
sst_emu_pq_strip_prefix(struct sst_err *err)
{
    static const char *const prefixes[] = {
        "Invalid FilterExpression: ", "Invalid UpdateExpression: ",
        "Invalid ProjectionExpression: ", "Invalid ConditionExpression: ",
        "Invalid KeyConditionExpression: "};
    size_t i, n;

    if (err == NULL)
        return;
    for (i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
        n = strlen(prefixes[i]);
        if (strncmp(err->message, prefixes[i], n) == 0) {
            memmove(err->message, err->message + n,
                    strlen(err->message + n) + 1);
            return;
        }
    }
}

/* ------------------------------------------------------------------ */
/* parts of a statement, as statements of their own                    */

/* How the current token changes the nesting of brackets: 1 for an
 * opening one, -1 for a closing one, else 0. */
static int
nesting(const struct parser *p)
{
    if (pq_is_punct(p, "(") || pq_is_punct(p, "[") || pq_is_punct(p, "{") ||
        pq_is_punct(p, "<<"))
        return 1;
    if (pq_is_punct(p, ")") || pq_is_punct(p, "]") || pq_is_punct(p, "}") ||
        pq_is_punct(p, ">>"))
        return -1;
    return 0;
}

/* A lexer over text, at its first token; whether that is the word w. */
static bool
first_word(struct parser *p, const char *text, size_t len, const char *w)
{
    memset(p, 0, sizeof *p);
    p->s = text;
    p->len = len;
    pq_next(p);
    return pq_is_word(p, w);
}

/* The prefix a WHERE clause is parsed under alone (sst_pq_update_where). */
static const char WHERE_HEAD[] = "SELECT * FROM t ";

enum sst_code
sst_pq_update_where(const char *text, size_t len,
                    const struct json_object *params, char **where_text,
                    struct json_object **where_params, struct sst_err *err)
{
    struct parser p;
    size_t where_at = 0, end = len, qmarks = 0, i, n, o;
    int depth = 0;
    bool found = false;
    char *t;

    *where_text = NULL;
    *where_params = NULL;
    if (!first_word(&p, text, len, "UPDATE"))
        return SST_OK;
    for (; p.cur.kind != T_EOF && p.cur.kind != T_BAD; pq_next(&p)) {
        depth += nesting(&p);
        if (!found && pq_is_punct(&p, "?"))
            qmarks++;
        else if (depth == 0 && !found && pq_is_word(&p, "WHERE")) {
            found = true;
            where_at = p.cur.at;
        } else if (depth == 0 && found && pq_is_word(&p, "RETURNING")) {
            end = p.cur.at;
            break;
        }
    }
    if (!found)
        return SST_OK;
    /* every code point before WHERE becomes one space, lines kept, so the
     * WHERE clause keeps its places; the first line must hold the head */
    t = sst_malloc(end + 1);
    if (t == NULL)
        return sst_err_set(err, SST_E_NOMEM, "out of memory");
    for (i = 0, o = 0; i < where_at; i++) {
        unsigned char c = (unsigned char)text[i];

        if ((c & 0xC0) != 0x80)
            t[o++] = c == '\n' ? '\n' : ' ';
    }
    n = sizeof WHERE_HEAD - 1;
    if (o < n || memchr(t, '\n', n) != NULL) {
        sst_free(t);
        return SST_OK;
    }
    memcpy(t, WHERE_HEAD, n);
    memcpy(t + o, text + where_at, end - where_at);
    t[o + end - where_at] = '\0';
    if (params != NULL && json_object_is_type(params, json_type_array)) {
        *where_params = json_object_new_array();
        for (i = qmarks; *where_params != NULL &&
                         i < json_object_array_length(params);
             i++)
            json_object_array_add(
                *where_params,
                json_object_get(json_object_array_get_idx(params, i)));
        if (*where_params == NULL) {
            sst_free(t);
            return sst_err_set(err, SST_E_NOMEM, "out of memory");
        }
    }
    *where_text = t;
    return SST_OK;
}

enum sst_code
sst_pq_select_head(const char *text, size_t len, char **head,
                   struct sst_err *err)
{
    static const char tail[] = " FROM t";
    struct parser p;
    size_t from_at = 0;
    int depth = 0;
    bool found = false;
    char *t;

    *head = NULL;
    if (!first_word(&p, text, len, "SELECT"))
        return SST_OK;
    for (; p.cur.kind != T_EOF && p.cur.kind != T_BAD && !found; pq_next(&p)) {
        depth += nesting(&p);
        if (depth == 0 && pq_is_word(&p, "FROM")) {
            found = true;
            from_at = p.cur.at;
        }
    }
    if (!found)
        return SST_OK;
    t = sst_malloc(from_at + sizeof tail);
    if (t == NULL)
        return sst_err_set(err, SST_E_NOMEM, "out of memory");
    memcpy(t, text, from_at);
    memcpy(t + from_at, tail, sizeof tail);
    *head = t;
    return SST_OK;
}

/* ------------------------------------------------------------------ */
/* the statement's own order of checks                                 */

/*
 * DynamoDB checks a statement's parts in the statement's order: a
 * SELECT's projection, then its whole WHERE, key conditions and filter
 * alike, condition by condition as they are written; an UPDATE's or a
 * DELETE's WHERE before its SET and REMOVE. The request a statement
 * becomes checks them in the operation's order (a Query: the filter,
 * then the key condition; an UpdateItem: the update expression, then the
 * condition). So before it is built, each part is checked alone, as the
 * expression it becomes, and a fault of the kinds below found there is
 * the statement's: what the operation would find first is only a
 * question of order.
 */
static bool
static_fault(const char *msg)
{
    static const char *const kinds[] = {
        "Incorrect operand type for operator or function",
        "The BETWEEN operator requires upper bound",
        "Invalid attribute type name found",
        "Two document paths overlap with each other",
        "Two document paths conflict with each other"};
    size_t i;

    for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strncmp(msg, kinds[i], strlen(kinds[i])) == 0)
            return true;
    return false;
}

/* One part, text, checked alone as member of an operation op's request
 * (ProjectionExpression of a GetItem, ConditionExpression of a
 * DeleteItem): SST_E_VALIDATION with its fault when that is a static
 * fault, else SST_OK (the operation checks the rest). */
static enum sst_code
check_part(const struct sst_pq_stmt *st, enum sst_emu_request_op op,
           const char *member, const char *text, struct sst_err *err)
{
    struct json_object *req, *str = NULL;
    struct sst_emu_exprs x;
    struct sst_err e = {0};
    const char *texts[1];
    enum sst_code rc;

    if (text == NULL)
        return SST_OK;
    req = json_object_new_object();
    str = json_object_new_string(text);
    if (req == NULL || str == NULL ||
        json_object_object_add(req, member, str) != 0) {
        json_object_put(str);
        json_object_put(req);
        return sst_emu_nomem(err);
    }
    texts[0] = text;
    rc = sst_pq_add_placeholders(st, req, texts, 1, &e);
    sst_emu_exprs_init(&x);
    if (rc == SST_OK)
        rc = sst_emu_exprs_from_json(&x, op, req, &e);
    sst_emu_exprs_cleanup(&x);
    json_object_put(req);
    if (rc == SST_E_NOMEM) {
        *err = e;
        return rc;
    }
    if (rc != SST_E_VALIDATION)
        return SST_OK;
    sst_emu_pq_strip_prefix(&e);
    if (!static_fault(e.message))
        return SST_OK;
    *err = e;
    return rc;
}

/* A statement's parts in its own order (above). */
enum sst_code
sst_emu_pq_check_parts(const struct sst_pq_stmt *st, struct sst_err *err)
{
    char *where = NULL;
    enum sst_code rc = SST_OK;

    if (st->kind == SST_PQ_SELECT)
        rc = check_part(st, SST_EMU_REQ_GET_ITEM, "ProjectionExpression",
                        st->projection, err);
    if (rc == SST_OK && st->where != NULL)
        rc = sst_pq_where_text(st, &where, err);
    if (rc == SST_OK)
        rc = check_part(st, SST_EMU_REQ_DELETE_ITEM, "ConditionExpression",
                        where, err);
    /* an UPDATE's SET and REMOVE after its WHERE, before the table */
    if (rc == SST_OK && st->kind == SST_PQ_UPDATE)
        rc = check_part(st, SST_EMU_REQ_UPDATE_ITEM, "UpdateExpression",
                        st->update, err);
    sst_free(where);
    return rc;
}

/* Whether a parse failure comes before the parameters: the statement's
 * syntax, or no validation at all. */
bool
sst_emu_pq_before_params(enum sst_code rc, const struct sst_err *err)
{
    return rc != SST_E_VALIDATION ||
           (err != NULL && strncmp(err->message, SST_PQ_MSG_SYNTAX,
                                   sizeof SST_PQ_MSG_SYNTAX - 1) == 0);
}

/* A statement refused for a later part: an earlier part's own faults
 * come first, an UPDATE's WHERE clause before its SET and REMOVE
 * (sst_pq_update_where()), a SELECT's projection before its WHERE
 * (sst_pq_select_head()). Returns the fault that stands, err's unless
 * the earlier part has one. */
enum sst_code
sst_emu_pq_earlier_part(const char *text, const struct json_object *params,
                        unsigned mode, struct sst_err *err)
{
    struct json_object *wparams = NULL;
    struct sst_pq_stmt st;
    struct sst_err e = {0};
    char *wtext = NULL;
    enum sst_code rc;

    rc = sst_pq_update_where(text, strlen(text), params, &wtext, &wparams,
                             &e);
    if (rc == SST_OK && wtext == NULL)
        rc = sst_pq_select_head(text, strlen(text), &wtext, &e);
    if (rc != SST_OK || wtext == NULL) {
        json_object_put(wparams);
        if (rc != SST_OK)
            *err = e;
        return rc != SST_OK ? rc : SST_E_VALIDATION;
    }
    rc = sst_pq_parse_ex(wtext, strlen(wtext), wparams,
                         (mode & SST_EMU_PQ_TXN) ? SST_PQ_ALLOW_EXISTS : 0, &st,
                         &e);
    if (rc == SST_OK) {
        rc = sst_emu_pq_check_parts(&st, &e);
        sst_pq_cleanup(&st);
    } else if (sst_emu_pq_before_params(rc, &e) &&
               strncmp(e.message, SST_PQ_MSG_SYNTAX,
                       sizeof SST_PQ_MSG_SYNTAX - 1) == 0) {
        rc = SST_OK; /* (not a clause of its own after all) */
    } else if (rc == SST_E_VALIDATION &&
               strcmp(e.message, SST_PQ_MSG_PARAMS) == 0) {
        rc = SST_OK;
    }
    sst_free(wtext);
    json_object_put(wparams);
    if (rc != SST_OK) {
        *err = e;
        return rc;
    }
    return SST_E_VALIDATION; /* err's fault stands */
}

enum sst_code
sst_emu_pq_check_params(const struct json_object *params,
                        struct sst_err *err)
{
    size_t i, n = params != NULL && json_object_is_type(params,
                                                        json_type_array)
                      ? json_object_array_length(params)
                      : 0;

    for (i = 0; i < n; i++) {
        struct sst_av *v = NULL;
        enum sst_code rc =
            sst_av_decode(json_object_array_get_idx(params, i), &v, err);

        sst_av_free(v);
        if (rc != SST_OK)
            return rc;
    }
    return SST_OK;
}

/* Whether text's first word is SELECT (a statement that did not parse:
 * its kind is gone with it). */
static bool
begins_with_select(const char *text)
{
    static const char word[] = "SELECT";
    size_t i;

    while (*text == ' ' || (*text >= '\t' && *text <= '\r'))
        text++;
    for (i = 0; word[i] != '\0'; i++)
        if ((text[i] & ~0x20) != word[i])
            return false;
    return !((text[i] >= 'a' && text[i] <= 'z') ||
             (text[i] >= 'A' && text[i] <= 'Z') ||
             (text[i] >= '0' && text[i] <= '9') || text[i] == '_');
}

enum sst_code
sst_emu_pq_check_early(const char *text, const struct json_object *params,
                       unsigned mode, bool *read, struct sst_err *err)
{
    struct sst_pq_stmt st;
    struct sst_err e = {0};
    enum sst_code rc;

    rc = sst_pq_parse_ex(text, strlen(text), params,
                         (mode & SST_EMU_PQ_TXN) ? SST_PQ_ALLOW_EXISTS : 0, &st,
                         &e);
    if (rc == SST_OK) {
        *read = st.kind == SST_PQ_SELECT;
        sst_pq_cleanup(&st);
        return SST_OK;
    }
    if (sst_emu_pq_before_params(rc, &e) ||
        strcmp(e.message, "Unsupported operation in transaction.") == 0) {
        if (err != NULL)
            *err = e;
        return rc;
    }
    *read = begins_with_select(text);
    return SST_OK;
}

/* An INSERT's item against its table's index keys (a read transaction of
 * its own; no table: nothing to check here). */
static enum sst_code
insert_index_keys(struct sst_emu *emu, const struct sst_emu_pq_plan *pl,
                  struct sst_err *err)
{
    struct sst_emu_txn *txn = NULL;
    const struct sst_emu_table *t = NULL;
    struct sst_emu_deferred later = {SST_OK, {0}};
    struct sst_av *item = NULL;
    enum sst_code rc;

    rc = sst_emu_req_item(sst_emu_get(pl->req, "Item"), &item, &later, err);
    if (rc != SST_OK || item == NULL)
        return rc == SST_E_NOMEM ? rc : SST_OK;
    rc = sst_emu_txn_begin(sst_emu_store_of(emu), false, &txn, err);
    if (rc == SST_OK)
        rc = sst_emu_catalog_get(txn, pl->st.table, &t, err);
    if (rc == SST_OK && t != NULL)
        rc = sst_emu_check_index_keys(t, item, err);
    sst_emu_table_release(t);
    sst_emu_txn_abort(txn);
    sst_av_free(item);
    return rc;
}

enum sst_code
sst_emu_pq_check_batch_write(struct sst_emu *emu,
                             const struct sst_emu_pq_plan *pl,
                             bool *with_table, struct sst_err *err)
{
    enum sst_code rc = SST_OK;

    *with_table = false;
    if (pl->st.kind == SST_PQ_INSERT) {
        rc = insert_index_keys(emu, pl, err);
        *with_table = rc == SST_E_VALIDATION;
    }
    return rc;
}
