/*
 * emu/expr/resolve.h - ExpressionAttributeNames and -Values, and the
 * name- and value-dependent validation of expressions.
 *
 * A request's two placeholder maps become one struct sst_emu_bindings
 * (sst_emu_bindings_load: DynamoDB's checks of the maps themselves, in
 * DynamoDB's order). Each expression of the request is then parsed and
 * resolved against it (sst_emu_expr_resolve): the parser's phases 1 and 2,
 * then phase 3 with this module's hooks (parse.h), which substitute #names,
 * look up :values, apply the operand-type rules that need the values'
 * types, the "distinct operands" rule on substituted paths, BETWEEN's bound
 * order, attribute_type's type name, and merge update targets and
 * projection paths into a path tree that detects overlapping and
 * conflicting paths. Finally sst_emu_bindings_check_unused() reports the
 * placeholders no expression used, exactly as DynamoDB lists them.
 *
 * The resolved expression (struct sst_emu_expr) is what the evaluator
 * (eval.h), the key-condition analysis (keycond.h), the update applier
 * (update.h) and the projector (project.h) consume. They read #names and
 * :values through the bindings, so the bindings must outlive their use.
 *
 * Every error is SST_E_VALIDATION with DynamoDB's message
 * (docs/expressions.md, docs/notes-semantics.md), SST_E_NOMEM, or
 * SST_E_INVALID_ARG for API misuse.
 */
#ifndef SST_EMU_EXPR_RESOLVE_H
#define SST_EMU_EXPR_RESOLVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <json-c/json.h>

#include <sst/err.h>

#include "emu/expr/arena.h"
#include "emu/expr/ast.h"
#include "emu/expr/av.h"

/* DynamoDB's limits on the placeholder maps and on an expression with
 * its substitutions. */
#define SST_EMU_MAX_PLACEHOLDER_KEY 255      /* UTF-16 units of a key  */
#define SST_EMU_MAX_NAME_BYTES 65535         /* an attribute name      */
#define SST_EMU_MAX_SUBSTITUTION_MAP 2097152 /* bytes of one map       */
#define SST_EMU_MAX_EXPR_TREE_SIZE 1048576   /* expression + values    */

/* ------------------------------------------------------------ bindings */

/* One entry of ExpressionAttributeNames. */
struct sst_emu_name_binding {
    char *key; /* "#n", NUL-terminated (bindings' arena)      */
    size_t key_len;
    char *name; /* the attribute name it stands for (arena)   */
    size_t name_len;
    unsigned uses; /* occurrences in the resolved expressions    */
};

/* One entry of ExpressionAttributeValues. */
struct sst_emu_value_binding {
    char *key; /* ":v", NUL-terminated (bindings' arena)      */
    size_t key_len;
    struct sst_av *value; /* owned by the bindings                 */
    char *spelling;       /* N only: the number as the client wrote it,
                             for DynamoDB's BETWEEN messages; else NULL  */
    size_t size;          /* sst_av_size(value)                          */
    unsigned uses;
};

/* The placeholder maps of one request. Entries keep the order of the
 * request's JSON objects (DynamoDB reports the first bad entry in that
 * order). Keys, names, spellings and the arrays live in the bindings' own
 * arena (a typical request needs no heap block for them); the decoded
 * values are sst_av trees. The struct holds its arena's inline block:
 * never copy it, use it where it was initialised. */
struct sst_emu_bindings {
    struct sst_emu_name_binding *names;
    size_t nnames;
    struct sst_emu_value_binding *values;
    size_t nvalues;
    bool names_given;  /* the request had ExpressionAttributeNames */
    bool values_given; /* ... and ExpressionAttributeValues         */
    /* sorted indexes for lookups by key, for maps of more than 8 keys */
    uint32_t *name_index;
    uint32_t *value_index;
    struct sst_emu_arena arena; /* last: init and cleanup reset the rest */
};

/** Prepare empty bindings (no maps given). Never fails. */
void sst_emu_bindings_init(struct sst_emu_bindings *b);

/** Free what the bindings hold; they are empty afterwards. NULL is a
 *  no-op. */
void sst_emu_bindings_cleanup(struct sst_emu_bindings *b);

/* Which maps sst_emu_bindings_load() takes into account. */
enum { SST_EMU_BIND_NAMES = 1u << 0, SST_EMU_BIND_VALUES = 1u << 1 };

/**
 * Validate and load a request's ExpressionAttributeNames and
 * ExpressionAttributeValues, with DynamoDB's checks in DynamoDB's order:
 * names map empty; each name key (length, then syntax); values map
 * empty; each value key; each value (decoded with av.h, errors wrapped as
 * "ExpressionAttributeValues contains invalid value: <message> for key
 * :v"); each name (empty, longer than 65535 bytes); then the total sizes
 * of the maps. Call it only when the request has at least one
 * expression that uses the maps (request.h says which).
 *
 * @param[out] b       initialised bindings; replaced on SST_OK, left
 *                     empty on error
 * @param[in]  names   the JSON object, or NULL when absent; borrowed
 * @param[in]  values  likewise
 * @param[in]  flags   SST_EMU_BIND_NAMES and/or SST_EMU_BIND_VALUES:
 *                     the maps to consider (GetItem ignores values)
 * @return SST_OK, SST_E_VALIDATION, SST_E_SERIALIZATION (a name that is
 *         not a string, or a value of the wrong JSON kind), SST_E_NOMEM
 */
SST_MUST_CHECK enum sst_code sst_emu_bindings_load(
    struct sst_emu_bindings *b, const struct json_object *names,
    const struct json_object *values, unsigned flags, struct sst_err *err);

/** The value bound to a ":key" (len bytes), or NULL. Borrowed: valid
 *  while b is. */
const struct sst_emu_value_binding *
sst_emu_bindings_value(const struct sst_emu_bindings *b, const char *key,
                       size_t len);

/** The name binding of a "#key", or NULL. Borrowed. */
const struct sst_emu_name_binding *
sst_emu_bindings_name(const struct sst_emu_bindings *b, const char *key,
                      size_t len);

/**
 * DynamoDB's check that every placeholder was used by some expression of
 * the request (names first, then values):
 *   Value provided in ExpressionAttributeNames unused in expressions:
 *   keys: {#m, #n}
 * with the keys in the iteration order of Java's HashSet, as DynamoDB
 * prints them.
 *
 * @return SST_OK or SST_E_VALIDATION
 */
SST_MUST_CHECK enum sst_code
sst_emu_bindings_check_unused(const struct sst_emu_bindings *b,
                              struct sst_err *err);

/* ------------------------------------------------------------ path trees */

/*
 * The update targets or projection paths of one expression, merged into a
 * tree the way DynamoDB merges them (and detects overlaps and conflicts).
 * Each node below the root stands for one path element: a map key (the
 * substituted name) or a list index. A leaf ends a path; for an update
 * it carries the action.
 *
 * DynamoDB Local keeps a node's children in a java.util.HashMap and
 * applies an update by walking them in its iteration order, which decides
 * which of several runtime errors it reports. sst_emu_ptree_child() walks
 * them in that order.
 */
struct sst_emu_ptree_node {
    bool is_index;
    const char *name; /* map key: the attribute name (not NUL-terminated) */
    uint32_t len;
    uint32_t index;                   /* list element */
    uint32_t bucket_hash;             /* DynamoDB Local's hash of the element */
    struct sst_emu_ptree_node **kids; /* in insertion order */
    uint32_t nkids;
    uint32_t cap;
    struct sst_emu_ptree_node **order; /* in HashMap order, when built */
    bool leaf;
    const struct sst_emu_expr_action *action; /* update leaves */
};

/** The i-th child of node in DynamoDB Local's iteration order (i <
 *  node->nkids). */
const struct sst_emu_ptree_node *
sst_emu_ptree_child(const struct sst_emu_ptree_node *node, uint32_t i);

/* ------------------------------------------------------------ expressions */

/* One resolved expression. */
struct sst_emu_expr {
    enum sst_emu_expr_kind kind;
    struct sst_emu_ast *ast;         /* NULL: the request has none    */
    struct sst_emu_ptree_node *tree; /* UPDATE, PROJECTION: the paths */
    size_t length;                   /* UTF-16 units of the source    */
};

/**
 * Parse one expression and validate it against the bindings, as DynamoDB
 * does: syntax and walk (parse.h phases 1 and 2), then phase 3 with the
 * name and value rules, then the size of the expression with its
 * substitutions (1 MiB). Counts the placeholders it uses in b for
 * sst_emu_bindings_check_unused() and for the size checks.
 *
 * For SST_EMU_EXPR_KEY_CONDITION the key-condition shape rules are not
 * run here: keycond.h runs them with the key schema.
 *
 * @param[in,out] a     arena for the tree; valid until cleanup
 * @param[in,out] b     the request's bindings (use counts change)
 * @param[in]     s     the expression, len bytes; borrowed
 * @param[in]     kind  which expression it is
 * @param[out]    out   the resolved expression (out->ast NULL on error)
 * @return SST_OK, SST_E_VALIDATION, SST_E_NOMEM, SST_E_INVALID_ARG
 */
SST_MUST_CHECK enum sst_code
sst_emu_expr_resolve(struct sst_emu_arena *a, struct sst_emu_bindings *b,
                     const char *s, size_t len, enum sst_emu_expr_kind kind,
                     struct sst_emu_expr *out, struct sst_err *err);

/**
 * Resolve an UpdateExpression tree a program built instead of parsing it
 * (emu/ops/legacy_update.c builds AttributeUpdates so): its targets merged
 * into the path tree (overlapping and conflicting paths refused), last
 * action first as sst_emu_expr_resolve() merges them, its placeholders
 * looked up and counted in b. None of the limits of expression text
 * applies (length, operators, the 1 MiB of expression and
 * substitutions), as none applies to DynamoDB's legacy parameters;
 * neither do the grammar's rules, which the builder keeps. The size of
 * the data it writes is the caller's to check, when DynamoDB does
 * (sst_emu_update_check_size(): for AttributeUpdates, once the condition
 * held and every entry fit the item).
 *
 * @param[in,out] a    arena of the tree; receives the path tree
 * @param[in,out] b    the bindings its NAME_REF and VALUE nodes use
 * @param[in]     ast  an SST_EMU_AST_UPDATE root, in a's memory; kept
 * @param[out]    out  the resolved expression (out->ast NULL on error;
 *                     out->length 0: there is no text)
 * @return SST_OK, SST_E_VALIDATION, SST_E_NOMEM, SST_E_INVALID_ARG
 */
SST_MUST_CHECK enum sst_code
sst_emu_expr_resolve_update_tree(struct sst_emu_arena *a,
                                 struct sst_emu_bindings *b,
                                 struct sst_emu_ast *ast,
                                 struct sst_emu_expr *out, struct sst_err *err);

/**
 * DynamoDB's limit on the data an update writes: the names of the
 * attributes its SET and ADD actions write (each distinct name of a path
 * once) plus the values they use, at most 400 KB:
 *   Item size to update has exceeded the maximum allowed size
 * sst_emu_expr_resolve() runs it for every UpdateExpression.
 *
 * @param[in] upd  a resolved update (NULL or no ast: SST_OK)
 * @param[in] b    its bindings
 * @return SST_OK or SST_E_VALIDATION
 */
SST_MUST_CHECK enum sst_code
sst_emu_update_check_size(const struct sst_emu_expr *upd,
                          const struct sst_emu_bindings *b,
                          struct sst_err *err);

/**
 * The attribute name of a path element after substitution: a NAME's own
 * text or a NAME_REF's binding. Returns false for INDEX and VALUE_REF
 * elements and for undefined names.
 */
bool sst_emu_elem_name(const struct sst_emu_bindings *b,
                       const struct sst_emu_expr_path_elem *e,
                       const char **name, size_t *len);

/**
 * Call fn for every document path of an expression (operands, update
 * targets and values, projection paths), in source order. fn returns
 * SST_OK to go on; another code stops the walk and is returned.
 */
enum sst_code sst_emu_expr_foreach_path(
    const struct sst_emu_expr *e,
    enum sst_code (*fn)(void *ctx, const struct sst_emu_expr_path *path,
                        struct sst_err *err),
    void *ctx, struct sst_err *err);

/* A key attribute name, for the checks below. */
struct sst_emu_key_name {
    const char *name;
    size_t len;
};

/**
 * DynamoDB's refusal of nested access to key attributes (of the table or
 * of its indexes) in any expression:
 *   Key attributes must be scalars; list random access '[]' and map
 *   lookup '.' are not allowed: Key: pk
 * keys are checked in the order given (table hash, range, then the keys
 * of each LSI and GSI, as DynamoDB does).
 *
 * @return SST_OK or SST_E_VALIDATION
 */
SST_MUST_CHECK enum sst_code sst_emu_expr_check_nested_keys(
    const struct sst_emu_expr *e, const struct sst_emu_bindings *b,
    const struct sst_emu_key_name *keys, size_t nkeys, struct sst_err *err);

/** The "[a, b, [1]]" rendering DynamoDB uses for a path in messages,
 *  names substituted; snprintf-like. */
size_t sst_emu_path_format(const struct sst_emu_bindings *b,
                           const struct sst_emu_expr_path *p, char *buf,
                           size_t cap);

/** Java's String.hashCode() of a UTF-8 string (over its UTF-16 units). */
int32_t sst_emu_java_hash(const char *s, size_t len);

#endif /* SST_EMU_EXPR_RESOLVE_H */
