/*
 * emu/expr/parse_ops.c - the tables behind the parser: DynamoDB's
 * operators (operand counts and types, result types), the functions by
 * name, and the names of the expression kinds.
 */
#include <string.h>

#include "emu/expr/parse_int.h"

/* ------------------------------------------------------------------ */
/* operator table                                                      */

/* Shorthands for the operator table. */
#define CMP(sym, types)                                                        \
    {                                                                          \
        .name = sym, .min_args = 2, .operand_types = types,                    \
        .result_types = T_BOOL, .distinct_first = true                         \
    }
#define LOGIC(sym, n)                                                          \
    {                                                                          \
        .name = sym, .min_args = n, .operand_types = T_BOOL,                   \
        .result_types = T_BOOL                                                 \
    }
#define COND_FN(sym, n, types, result)                                         \
    {                                                                          \
        .name = sym, .min_args = n, .operand_types = types,                    \
        .result_types = result, .is_function = true, .condition_fn = true,     \
        .distinct_first = true                                                 \
    }

/* DynamoDB's Operator enum: operand counts and type sets, whether the
 * function may appear in conditions or SET values, and whether "the first
 * operand must be distinct" applies (allowNullOperands). */
const struct sst_emu_expr_op_info sst_emu_expr_ops[SST_EMU_EXPR_OP_COUNT] = {
    [SST_EMU_EXPR_OP_NONE] = {.name = "?"},
    [SST_EMU_EXPR_OP_EQ] = CMP("=", T_ALL),
    [SST_EMU_EXPR_OP_NE] = CMP("<>", T_ALL),
    [SST_EMU_EXPR_OP_LT] = CMP("<", T_ORDERED),
    [SST_EMU_EXPR_OP_LE] = CMP("<=", T_ORDERED),
    [SST_EMU_EXPR_OP_GT] = CMP(">", T_ORDERED),
    [SST_EMU_EXPR_OP_GE] = CMP(">=", T_ORDERED),
    [SST_EMU_EXPR_OP_BETWEEN] = {.name = "BETWEEN",
                                 .min_args = 3,
                                 .operand_types = T_ORDERED,
                                 .result_types = T_BOOL,
                                 .distinct_first = true},
    [SST_EMU_EXPR_OP_IN] = {.name = "IN",
                            .min_args = 1,
                            .more_args = true,
                            .operand_types = T_ALL,
                            .result_types = T_BOOL,
                            .distinct_first = true},
    [SST_EMU_EXPR_OP_NOT] = LOGIC("NOT", 1),
    [SST_EMU_EXPR_OP_AND] = LOGIC("AND", 2),
    [SST_EMU_EXPR_OP_OR] = LOGIC("OR", 2),
    [SST_EMU_EXPR_OP_PLUS] = {.name = "+",
                              .min_args = 2,
                              .operand_types = SST_EMU_T_N,
                              .result_types = SST_EMU_T_N},
    [SST_EMU_EXPR_OP_MINUS] = {.name = "-",
                               .min_args = 2,
                               .operand_types = SST_EMU_T_N,
                               .result_types = SST_EMU_T_N},
    [SST_EMU_EXPR_OP_ATTRIBUTE_EXISTS] =
        COND_FN("attribute_exists", 1, T_ALL, T_BOOL),
    [SST_EMU_EXPR_OP_ATTRIBUTE_NOT_EXISTS] =
        COND_FN("attribute_not_exists", 1, T_ALL, T_BOOL),
    [SST_EMU_EXPR_OP_ATTRIBUTE_TYPE] =
        COND_FN("attribute_type", 2, T_ALL, T_BOOL),
    [SST_EMU_EXPR_OP_BEGINS_WITH] =
        COND_FN("begins_with", 2, SST_EMU_T_S | SST_EMU_T_B, T_BOOL),
    [SST_EMU_EXPR_OP_CONTAINS] = COND_FN("contains", 2, T_ALL, T_BOOL),
    [SST_EMU_EXPR_OP_SIZE] = COND_FN("size", 1, T_ITERABLE, SST_EMU_T_N),
    [SST_EMU_EXPR_OP_IF_NOT_EXISTS] = {.name = "if_not_exists",
                                       .min_args = 2,
                                       .operand_types = T_ALL,
                                       .result_types = T_ALL,
                                       .is_function = true,
                                       .update_fn = true,
                                       .distinct_first = true},
    [SST_EMU_EXPR_OP_LIST_APPEND] = {.name = "list_append",
                                     .min_args = 2,
                                     .operand_types = SST_EMU_T_L,
                                     .result_types = SST_EMU_T_L,
                                     .is_function = true,
                                     .update_fn = true},
};

const struct sst_emu_expr_op_info *
sst_emu_expr_op_info(enum sst_emu_expr_op op)
{
    if ((unsigned)op >= SST_EMU_EXPR_OP_COUNT)
        op = SST_EMU_EXPR_OP_NONE;
    return &sst_emu_expr_ops[op];
}

/* The function a name denotes. Names are case-sensitive (DynamoDB refuses
 * "SIZE(a)" as an invalid function name). DynamoDB Local also knows
 * convert, contains_key, contains_value and list_delete; AWS documents
 * none of them, so sst treats them as unknown (docs/notes-grammar.md). */
enum sst_emu_expr_op
sst_emu_expr_function_op(const char *s, size_t n)
{
    static const enum sst_emu_expr_op fns[] = {
        SST_EMU_EXPR_OP_ATTRIBUTE_EXISTS, SST_EMU_EXPR_OP_ATTRIBUTE_NOT_EXISTS,
        SST_EMU_EXPR_OP_ATTRIBUTE_TYPE,   SST_EMU_EXPR_OP_BEGINS_WITH,
        SST_EMU_EXPR_OP_CONTAINS,         SST_EMU_EXPR_OP_SIZE,
        SST_EMU_EXPR_OP_IF_NOT_EXISTS,    SST_EMU_EXPR_OP_LIST_APPEND,
    };
    size_t i;

    for (i = 0; i < sizeof fns / sizeof fns[0]; i++)
        if (sst_emu_expr_ops[fns[i]].name[0] == s[0] &&
            strlen(sst_emu_expr_ops[fns[i]].name) == n &&
            memcmp(sst_emu_expr_ops[fns[i]].name, s, n) == 0)
            return fns[i];
    return SST_EMU_EXPR_OP_NONE;
}

static const char *const kind_names[SST_EMU_EXPR_KIND_COUNT] = {
    [SST_EMU_EXPR_CONDITION] = "ConditionExpression",
    [SST_EMU_EXPR_FILTER] = "FilterExpression",
    [SST_EMU_EXPR_KEY_CONDITION] = "KeyConditionExpression",
    [SST_EMU_EXPR_UPDATE] = "UpdateExpression",
    [SST_EMU_EXPR_PROJECTION] = "ProjectionExpression",
};

const char *
sst_emu_expr_kind_name(enum sst_emu_expr_kind kind)
{
    if ((unsigned)kind >= SST_EMU_EXPR_KIND_COUNT)
        return "?";
    return kind_names[kind];
}
