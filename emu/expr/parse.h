/*
 * emu/expr/parse.h - parser and name-independent validation of DynamoDB
 * expressions.
 *
 * DynamoDB checks an expression in three phases, and reports the first
 * error of the first phase that finds one:
 *
 *   1. syntax: the length limit, the grammar, redundant parentheses;
 *   2. a walk in source order: reserved words, function names and where
 *      each function may appear, list index range, repeated update
 *      clauses;
 *   3. validation with ExpressionAttributeNames and -Values, node by node
 *      (post-order; update actions and projection paths last to first):
 *      undefined placeholders, path depth, operand counts and types,
 *      distinct operands, IN size, operator count, overlapping paths;
 *      and for key conditions afterwards the key-condition shape rules.
 *
 * sst_emu_expr_parse_syntax() runs phases 1 and 2. sst_emu_expr_check()
 * runs phase 3: the checks that need no names or values itself, and the
 * ones that do through hooks, at the moment DynamoDB runs them, so that a
 * resolver reports exactly the error DynamoDB reports first.
 * sst_emu_expr_check_key_condition() runs the key-condition shape rules.
 * sst_emu_expr_parse() runs all of it without names and values: the
 * complete answer for expressions whose placeholders are all defined.
 *
 * Every error is SST_E_VALIDATION with DynamoDB's message, e.g.
 *   Invalid ConditionExpression: Syntax error; token: "<EOF>", near: "= "
 * (docs/notes-grammar.md lists them all with their origin), except
 * SST_E_NOMEM when the arena cannot grow and SST_E_INVALID_ARG when the
 * API is misused. Messages longer than struct sst_err's buffer (256
 * bytes) are truncated; only syntax errors near very long tokens reach
 * that length.
 *
 * Pure functions: no I/O, no global state; safe from several threads on
 * different arenas.
 */
#ifndef SST_EMU_EXPR_PARSE_H
#define SST_EMU_EXPR_PARSE_H

#include <stdbool.h>
#include <stddef.h>

#include <sst/defs.h>
#include <sst/err.h>

#include "emu/expr/arena.h"
#include "emu/expr/ast.h"

/**
 * Parse and validate an expression as far as possible without
 * ExpressionAttributeNames and -Values: phases 1, 2 and 3 of the header
 * comment with every placeholder taken as defined and of a fitting type,
 * and, for SST_EMU_EXPR_KEY_CONDITION, the key-condition shape rules that
 * need neither names nor the key schema.
 *
 *     struct sst_emu_arena a;
 *     struct sst_emu_ast *ast;
 *     sst_emu_arena_init(&a);
 *     rc = sst_emu_expr_parse(&a, "size(#t) > :n", 13,
 *                             SST_EMU_EXPR_CONDITION, &ast, &err);
 *     ...
 *     sst_emu_arena_cleanup(&a);
 *
 * @param[in,out] a     arena that receives the tree (and a copy of s)
 * @param[in]     s     the expression; borrowed, need not be NUL-
 *                      terminated, may be NULL when len is 0
 * @param[in]     len   bytes of s
 * @param[in]     kind  which expression it is (grammar and message name)
 * @param[out]    out   on SST_OK the tree, in arena memory (valid until
 *                      sst_emu_arena_cleanup(a)); NULL on error. May be
 *                      NULL when only the verdict is wanted.
 * @param[out]    err   optional; filled on failure
 * @return SST_OK; SST_E_VALIDATION with DynamoDB's message; SST_E_NOMEM;
 *         SST_E_INVALID_ARG (a NULL arena, s NULL with len > 0, or a kind
 *         out of range).
 */
enum sst_code sst_emu_expr_parse(struct sst_emu_arena *a, const char *s,
                                 size_t len, enum sst_emu_expr_kind kind,
                                 struct sst_emu_ast **out, struct sst_err *err);

/**
 * Phases 1 and 2 only: the tree of any expression DynamoDB would go on to
 * validate against its names and values. Same contract as
 * sst_emu_expr_parse(); the tree may still break the rules of phase 3
 * (e.g. "size(a, b) > :n" parses), which sst_emu_expr_check() reports.
 */
enum sst_code sst_emu_expr_parse_syntax(struct sst_emu_arena *a, const char *s,
                                        size_t len, enum sst_emu_expr_kind kind,
                                        struct sst_emu_ast **out,
                                        struct sst_err *err);

/* Where a path stands, for the resolver's path hook. */
enum sst_emu_expr_path_role {
    SST_EMU_PATH_OPERAND = 0, /* in a condition or a SET value          */
    SST_EMU_PATH_TARGET,      /* the path an update action changes      */
    SST_EMU_PATH_PROJECTION   /* one path of a ProjectionExpression     */
};

/*
 * Hooks through which sst_emu_expr_check() hands the name- and value-
 * dependent checks to a resolver, in DynamoDB's order. Every member may be
 * NULL; a NULL hook means "defined, and fits": values may have any type,
 * and paths written differently are taken as distinct.
 *
 * Order of calls, as DynamoDB validates:
 *   condition kinds: post-order, operands left to right; for each
 *     operator: operand count (sst), operand types (sst, using the types
 *     value() reported), op(), the operator's own structural rule (sst:
 *     IN size; a path where attribute_exists, attribute_not_exists and
 *     if_not_exists need one; attribute_type's second operand a value),
 *     operator count (sst).
 *   update: first the targets of all actions, last action first: depth
 *     (sst), path(TARGET); then the values of all actions, last action
 *     first: a SET value tree as above; for ADD and DELETE value() and
 *     then the operand type rule of ADD/DELETE (sst).
 *   projection: paths last to first: depth (sst), path(PROJECTION).
 * Each hook returns SST_OK to go on, or fills err and returns its code,
 * which sst_emu_expr_check() returns at once.
 */
struct sst_emu_expr_hooks {
    void *ctx; /* passed to every hook */

    /* A path, after sst checked its depth (32 elements). The resolver
     * substitutes #names ("An expression attribute name used in the
     * document path is not defined; attribute name: #x"), refuses
     * VALUE_REF elements, and for TARGET and PROJECTION paths detects
     * overlapping and conflicting paths. */
    enum sst_code (*path)(void *ctx, const struct sst_emu_expr_path *path,
                          enum sst_emu_expr_path_role role,
                          struct sst_err *err);

    /* A :value operand. The resolver looks it up ("An expression
     * attribute value used in expression is not defined; attribute
     * value: :x") and stores its type, one SST_EMU_T_* bit, in *types. */
    enum sst_code (*value)(void *ctx, const struct sst_emu_ast *value,
                           unsigned *types, struct sst_err *err);

    /* The name- and value-dependent rules of an operator, called for
     * every operator after its operand types: "The first operand must be
     * distinct from the remaining operands" (paths compared after
     * substitution; op_info(op)->distinct_first says where it applies),
     * BETWEEN's bound types and order, attribute_type's type name. When
     * NULL, sst applies the distinct rule to paths written alike. */
    enum sst_code (*op)(void *ctx, const struct sst_emu_ast *op,
                        struct sst_err *err);
};

/**
 * Phase 3 of the header comment over a tree from
 * sst_emu_expr_parse_syntax() (or sst_emu_expr_parse()).
 *
 * @param[in] ast    the tree; borrowed, not modified
 * @param[in] kind   the kind it was parsed as (message names)
 * @param[in] hooks  optional; see struct sst_emu_expr_hooks
 * @param[out] err   optional
 * @return SST_OK, SST_E_VALIDATION, a hook's code, SST_E_INVALID_ARG
 */
enum sst_code sst_emu_expr_check(const struct sst_emu_ast *ast,
                                 enum sst_emu_expr_kind kind,
                                 const struct sst_emu_expr_hooks *hooks,
                                 struct sst_err *err);

/**
 * The key-condition shape rules, run by DynamoDB after phase 3. Leaves
 * (the conditions joined by AND) are visited in source order; for each,
 * in this order: only = < <= > >= BETWEEN begins_with and AND may appear
 * (Invalid operator used in KeyConditionExpression: OR); BETWEEN and
 * begins_with need a path first; no operand may be a function (cannot
 * contain nested operations); exactly one operand is a path (No key
 * attribute specified / Multiple attribute names used in one condition);
 * then leaf(ctx, leaf, err) runs the checks that need names and the key
 * schema (nested paths, one condition per key). Without a hook, sst
 * refuses a one-element key path written alike in two leaves (one
 * condition per key) and leaves nested paths alone. After all leaves: at
 * most two conditions (Conditions can be of length 1 or 2 only). The
 * schema-dependent rules after that (missing key, operators the key type
 * does not support) are the caller's.
 *
 * @param[in] ast   a condition tree
 * @param[in] leaf  optional per-leaf hook; a leaf is a comparison,
 *                  BETWEEN or begins_with node whose first path operand
 *                  names the key
 * @param[in] ctx   passed to leaf
 * @param[out] err  optional
 * @return SST_OK, SST_E_VALIDATION, the hook's code, SST_E_INVALID_ARG
 */
enum sst_code sst_emu_expr_check_key_condition(
    const struct sst_emu_ast *ast,
    enum sst_code (*leaf)(void *ctx, const struct sst_emu_ast *leaf,
                          struct sst_err *err),
    void *ctx, struct sst_err *err);

/** DynamoDB's name of an expression kind ("ConditionExpression"), as in
 *  its messages; "?" for a value out of range. */
const char *sst_emu_expr_kind_name(enum sst_emu_expr_kind kind);

/**
 * Fill err with DynamoDB's frame for an expression's error, "Invalid
 * <Kind>: <message>" (the parser's and the resolver's), SST_E_VALIDATION.
 *
 * @return SST_E_VALIDATION
 */
SST_PRINTF(3, 4)
enum sst_code sst_emu_expr_invalid(struct sst_err *err,
                                   enum sst_emu_expr_kind kind, const char *fmt,
                                   ...);

#endif /* SST_EMU_EXPR_PARSE_H */
