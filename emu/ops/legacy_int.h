/*
 * emu/ops/legacy_int.h - what the legacy translators share
 * (legacy.c, legacy_cond.c, legacy_update.c, legacy_tree.c): the
 * placeholder maps of a translation, the engine's tree nodes they build,
 * and the key-condition text.
 */
#ifndef SST_EMU_OPS_LEGACY_INT_H
#define SST_EMU_OPS_LEGACY_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <json-c/json.h>

#include <sst/err.h>

#include "emu/expr/arena.h"
#include "emu/expr/ast.h"
#include "emu/expr/av.h"

/* The longest text written (KeyConditions' only: two entries over
 * placeholders, far below what the engine accepts); the cap only bounds
 * the buffer. */
#define SST_EMU_LEGACY_TEXT_MAX (64u * 1024u)

#define SST_EMU_LEGACY_MSG_INVALID "One or more parameter values were invalid: "

/* Expression text, growing up to SST_EMU_LEGACY_TEXT_MAX. */
struct sst_emu_legacy_text {
    char *s;
    size_t len, cap;
};

/* The placeholder maps of one translation: "#n<i>" -> attribute name,
 * ":v<i>" -> AttributeValue (the request's JSON, referenced). */
struct sst_emu_legacy_maps {
    struct json_object *names;
    struct json_object *values;
    unsigned nnames, nvalues;
};

/* A placeholder, NUL-terminated. */
struct sst_emu_legacy_ph {
    char s[16];
};

/** Append printf-style; SST_E_NOMEM, or SST_E_VALIDATION past the cap. */
SST_MUST_CHECK enum sst_code
sst_emu_legacy_append(struct sst_emu_legacy_text *t, struct sst_err *err,
                      const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/** Free the text; it is empty afterwards. */
void sst_emu_legacy_text_cleanup(struct sst_emu_legacy_text *t);

/** A new "#n<i>" standing for name. */
SST_MUST_CHECK enum sst_code
sst_emu_legacy_name(struct sst_emu_legacy_maps *m, const char *name,
                    struct sst_emu_legacy_ph *out, struct sst_err *err);

/** A new ":v<i>" standing for the AttributeValue v (referenced, not
 *  copied). */
SST_MUST_CHECK enum sst_code
sst_emu_legacy_value(struct sst_emu_legacy_maps *m, struct json_object *v,
                     struct sst_emu_legacy_ph *out, struct sst_err *err);

/** Decode an AttributeValue of a legacy parameter (a structure field:
 *  Value, AttributeValueList elements), with DynamoDB's messages. */
SST_MUST_CHECK enum sst_code
sst_emu_legacy_decode(const struct json_object *j, struct sst_av **out,
                      struct sst_err *err);

/* ------------------------------------------------------------------ */
/* the engine's tree, built (legacy_tree.c)                            */

/* Where built nodes go: the arena of the request's expressions, and the
 * maps their ":v<i>" placeholders join. */
struct sst_emu_legacy_tree {
    struct sst_emu_legacy_maps *m;
    struct sst_emu_arena *a;
};

/** An OP node with nkids operands, all NULL; a function's name set.
 *  NULL when out of memory. */
struct sst_emu_ast *sst_emu_legacy_op_node(struct sst_emu_legacy_tree *t,
                                           enum sst_emu_expr_op op,
                                           uint32_t nkids);

/** OP(op, x, y), or OP(op, x) when y is NULL and op takes one operand
 *  (NOT, attribute_exists, attribute_not_exists). NULL when x or a
 *  needed y is NULL (an earlier failure), or out of memory. */
struct sst_emu_ast *sst_emu_legacy_op2(struct sst_emu_legacy_tree *t,
                                       enum sst_emu_expr_op op,
                                       struct sst_emu_ast *x,
                                       struct sst_emu_ast *y);

/** The one-element path of the top-level attribute name (a copy in the
 *  arena) into *out; false when out of memory. */
bool sst_emu_legacy_path(struct sst_emu_legacy_tree *t, const char *name,
                         struct sst_emu_expr_path *out);

/** A PATH node of sst_emu_legacy_path(); NULL when out of memory. */
struct sst_emu_ast *sst_emu_legacy_path_node(struct sst_emu_legacy_tree *t,
                                             const char *name);

/** A VALUE node of a new placeholder for the AttributeValue v
 *  (referenced); NULL, err set, on failure. */
struct sst_emu_ast *sst_emu_legacy_value_node(struct sst_emu_legacy_tree *t,
                                              struct json_object *v,
                                              struct sst_err *err);

/* ------------------------------------------------------------------ */
/* translators                                                         */

/* The kinds of condition maps. */
enum sst_emu_legacy_flavor {
    SST_EMU_LEGACY_EXPECTED, /* Expected: Exists, Value, or a Condition  */
    SST_EMU_LEGACY_FILTER,   /* QueryFilter, ScanFilter                  */
    SST_EMU_LEGACY_KEYS      /* KeyConditions                            */
};

/**
 * Validate every entry of a condition map (Expected, QueryFilter,
 * ScanFilter), in request order, and build their conjunction (or
 * disjunction, with ConditionalOperator OR) as the engine's tree, in a.
 *
 * @param[out] out  on SST_OK the tree (arena memory); NULL otherwise
 * @return SST_OK; SST_E_VALIDATION; SST_E_SERIALIZATION; SST_E_NOMEM.
 */
SST_MUST_CHECK enum sst_code
sst_emu_legacy_conditions(struct sst_emu_legacy_maps *m,
                          struct sst_emu_arena *a,
                          const struct json_object *map,
                          enum sst_emu_legacy_flavor flavor, bool or_,
                          struct sst_emu_ast **out, struct sst_err *err);

/**
 * Validate KeyConditions' entries and write them as key-condition text;
 * *written is false (and out untouched) when they cannot form a key
 * condition (sst_emu_legacy_query_keys() reports why).
 *
 * @return SST_OK; SST_E_VALIDATION; SST_E_SERIALIZATION; SST_E_NOMEM.
 */
SST_MUST_CHECK enum sst_code
sst_emu_legacy_key_conditions(struct sst_emu_legacy_maps *m,
                              const struct json_object *map,
                              struct sst_emu_legacy_text *out, bool *written,
                              struct sst_err *err);

/**
 * Build AttributeUpdates as the engine's update tree (an
 * SST_EMU_AST_UPDATE root in a; legacy.h has the actions), or leave *out
 * NULL when an entry is invalid: sst_emu_legacy_check_updates() reports
 * it at its step.
 *
 * @return SST_OK; SST_E_NOMEM.
 */
SST_MUST_CHECK enum sst_code
sst_emu_legacy_updates(struct sst_emu_legacy_maps *m, struct sst_emu_arena *a,
                       const struct json_object *map, struct sst_emu_ast **out,
                       struct sst_err *err);

#endif /* SST_EMU_OPS_LEGACY_INT_H */
