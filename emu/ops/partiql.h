/*
 * emu/ops/partiql.h - DynamoDB's PartiQL statements (ExecuteStatement),
 * parsed and translated into the expressions of the item operations.
 *
 * A statement is one of
 *
 *   SELECT * | path, ... FROM table[."index"] [WHERE cond]
 *          [ORDER BY path [ASC | DESC]]
 *   INSERT INTO table VALUE {'name': value, ...}
 *   UPDATE table SET path = value | REMOVE path ... WHERE cond
 *          [RETURNING ALL | MODIFIED OLD | NEW *]
 *   DELETE FROM table WHERE cond [RETURNING ALL OLD *]
 *
 * with keywords in any case, names bare or in double quotes, strings in
 * single quotes, numbers, TRUE, FALSE, NULL, lists [...], maps {...}, sets
 * <<...>> and parameters ? (taken from the request's Parameters, in
 * order). Conditions have OR, AND, NOT, =, <>, !=, <, <=, >, >=,
 * BETWEEN, IN, IS [NOT] MISSING | NULL, and the functions begins_with,
 * contains, attribute_type and size.
 *
 * The parse builds the condition as a tree (so that the key conditions
 * can be told from the others) and every name and value as an expression
 * placeholder (#pN, :pN): the translation is text in DynamoDB's own
 * expression syntax, evaluated by the item operations as if a client had
 * sent it. Pure functions; no storage access; fuzzed
 * (fuzz/fuzz_partiql.c).
 */
#ifndef SST_EMU_OPS_PARTIQL_H
#define SST_EMU_OPS_PARTIQL_H

#include <stdbool.h>
#include <stddef.h>

#include <sst/err.h>

struct json_object;

/** The message of a statement that does not parse: the statement is
 *  appended. */
#define SST_PQ_MSG_SYNTAX "Statement wasn't well formed, can't be processed: "
#define SST_PQ_MSG_PARAMS                                                      \
    "Number of parameters in request and statement don't match."

enum sst_pq_kind {
    SST_PQ_SELECT,
    SST_PQ_INSERT,
    SST_PQ_UPDATE,
    SST_PQ_DELETE,
    SST_PQ_EXISTS /* EXISTS(SELECT ...): a transaction's condition check */
};

/** sst_pq_parse_ex() flags: accept EXISTS(SELECT ...) statements. */
#define SST_PQ_ALLOW_EXISTS 1u

struct sst_pq_node;

/** A parsed statement. Everything is owned by it (sst_pq_cleanup). */
struct sst_pq_stmt {
    enum sst_pq_kind kind;
    char *table;
    char *index;               /* SELECT FROM table."index"; else NULL   */
    struct sst_pq_node *where; /* NULL: no WHERE                        */
    char *projection;          /* SELECT: expression text; NULL for *   */
    int order;                 /* SELECT: 0 no ORDER BY, 1 ASC, -1 DESC */
    char *order_attr;          /* the name ORDER BY gives               */
    struct json_object *item;  /* INSERT: the VALUE, an AttributeValue  */
    char *update;              /* UPDATE: the update expression text    */
    const char *returning;     /* UPDATE, DELETE: a ReturnValues, or NULL */
    /* private: the placeholders, and every node for cleanup */
    char **names;
    size_t name_count, name_cap;
    struct json_object **values;
    size_t value_count, value_cap;
    size_t params_used;
    struct sst_pq_node *nodes;
};

/**
 * Parse a statement.
 *
 * @param[in]  text    the statement, len bytes (may hold NUL bytes: they
 *                     do not parse)
 * @param[in]  params  the request's Parameters (a JSON array of
 *                     AttributeValues), borrowed; NULL when absent
 * @param[out] out     on SST_OK the statement; on failure cleaned up
 * @return SST_OK; SST_E_VALIDATION (SST_PQ_MSG_SYNTAX and the statement,
 *         SST_PQ_MSG_PARAMS, or a rule of the statement); SST_E_NOMEM.
 */
SST_MUST_CHECK enum sst_code sst_pq_parse(const char *text, size_t len,
                                          const struct json_object *params,
                                          struct sst_pq_stmt *out,
                                          struct sst_err *err);

/**
 * An UPDATE's WHERE clause as a statement of its own, for checking it
 * before the SET and REMOVE clauses, as DynamoDB does: "SELECT * FROM t
 * WHERE ..." with every character before WHERE a space (so the clause's
 * places in messages are the UPDATE's), and the parameters its '?' take.
 * Nothing (*where_text NULL) when text is no UPDATE, has no WHERE at its
 * top level, or its first line is too short to hold the head.
 *
 * @param[out] where_text    sst_malloc'd, or NULL
 * @param[out] where_params  a new list (json_object_put), or NULL
 * @return SST_OK; SST_E_NOMEM
 */
SST_MUST_CHECK enum sst_code
sst_pq_update_where(const char *text, size_t len,
                    const struct json_object *params, char **where_text,
                    struct json_object **where_params, struct sst_err *err);

/**
 * A SELECT's projection as a statement of its own, for checking it before
 * the rest, as DynamoDB does: the text up to FROM, and " FROM t". Nothing
 * (*head NULL) when text is no SELECT or has no FROM at its top level.
 *
 * @param[out] head  sst_malloc'd, or NULL
 * @return SST_OK; SST_E_NOMEM
 */
SST_MUST_CHECK enum sst_code sst_pq_select_head(const char *text, size_t len,
                                                char **head,
                                                struct sst_err *err);

/** As sst_pq_parse(), with SST_PQ_ALLOW_EXISTS in flags for the
 *  statements of ExecuteTransaction. */
SST_MUST_CHECK enum sst_code sst_pq_parse_ex(const char *text, size_t len,
                                             const struct json_object *params,
                                             unsigned flags,
                                             struct sst_pq_stmt *out,
                                             struct sst_err *err);

/** Release what s owns; s may be zeroed or partly built. */
void sst_pq_cleanup(struct sst_pq_stmt *s);

/**
 * The WHERE clause split around a key: the conditions a key takes out of
 * the top-level AND chain, and the rest.
 */
struct sst_pq_split {
    char *key_cond;          /* "#p0 = :p1 AND #p2 > :p3" (Query's key
                                condition), NULL when no key condition */
    char *rest;              /* the other conditions, NULL when none */
    struct json_object *key; /* equality keys: {"name": AttributeValue} */
    bool hash_found;         /* every hash key name has its equality */
    bool range_found;        /* every range key name has its equality
                                (key), or (query) one range condition */
    bool rest_uses_key;      /* the rest names a key attribute        */
    const char *dup_key;     /* a key name with two equalities, or NULL
                                (borrowed from the statement)         */
    struct json_object *range_values; /* query: the values of the range
                                condition, an array; NULL when none   */
    struct json_object *in_values; /* query: the partition key IN these
                                values (key and key_cond hold the
                                first); NULL when it is an equality   */
};

/**
 * Split s's WHERE for a key schema.
 *
 * @param[in] hash, range  the key names (range_n may be 0)
 * @param[in] query  true: a Query's split (hash equalities and one range
 *                   condition: =, <, <=, >, >=, BETWEEN, begins_with go
 *                   to key_cond); false: an item's key (hash and range
 *                   equalities go to key)
 * @param[out] out   on SST_OK the split (sst_pq_split_cleanup)
 * @return SST_OK; SST_E_NOMEM.
 */
SST_MUST_CHECK enum sst_code
sst_pq_split_where(const struct sst_pq_stmt *s, const char *const *hash,
                   size_t hash_n, const char *const *range, size_t range_n,
                   bool query, struct sst_pq_split *out, struct sst_err *err);

void sst_pq_split_cleanup(struct sst_pq_split *sp);

/** The whole WHERE as condition text (NULL when no WHERE); owned by the
 *  caller (sst_free). */
SST_MUST_CHECK enum sst_code sst_pq_where_text(const struct sst_pq_stmt *s,
                                               char **out, struct sst_err *err);

/**
 * Add to req the ExpressionAttributeNames and ExpressionAttributeValues
 * that the expression texts (NULL ones skipped) use, and nothing else:
 * DynamoDB refuses placeholders no expression uses.
 *
 * @return SST_OK; SST_E_NOMEM.
 */
SST_MUST_CHECK enum sst_code
sst_pq_add_placeholders(const struct sst_pq_stmt *s, struct json_object *req,
                        const char *const *texts, size_t n,
                        struct sst_err *err);

#endif /* SST_EMU_OPS_PARTIQL_H */
