/*
 * emu/expr/keycond.h - KeyConditionExpression analysis for Query.
 *
 * Turns a resolved KeyConditionExpression into what a Query needs: the
 * partition key value and the sort-key condition (operator and bounds),
 * with DynamoDB's errors in DynamoDB's order: the key-condition shape
 * rules of parse.h leaf by leaf (with the names and the key schema: nested
 * paths, one condition per key), "Conditions can be of length 1 or 2
 * only", then the schema (a condition per key, the operators each key
 * supports, value types, empty strings). Also the check of a Query's
 * FilterExpression against the key attributes.
 *
 * Run sst_emu_expr_check_nested_keys() (resolve.h) on every expression of
 * the Query before these, as DynamoDB does.
 */
#ifndef SST_EMU_EXPR_KEYCOND_H
#define SST_EMU_EXPR_KEYCOND_H

#include <stdbool.h>
#include <stddef.h>

#include <sst/err.h>

#include "emu/expr/av.h"
#include "emu/expr/resolve.h"

/* A table's (or index's) key schema. */
struct sst_emu_key_schema {
    const char *hash; /* partition key name                   */
    size_t hash_len;
    enum sst_av_type hash_type; /* SST_AV_S, SST_AV_N or SST_AV_B      */
    const char *range;          /* sort key name, or NULL               */
    size_t range_len;
    enum sst_av_type range_type;
};

/* The sort-key condition of a Query. */
enum sst_emu_key_op {
    SST_EMU_KEY_ANY = 0, /* no condition on the sort key          */
    SST_EMU_KEY_EQ,
    SST_EMU_KEY_LT,
    SST_EMU_KEY_LE,
    SST_EMU_KEY_GT,
    SST_EMU_KEY_GE,
    SST_EMU_KEY_BETWEEN,    /* lo <= sk <= hi                         */
    SST_EMU_KEY_BEGINS_WITH /* sk starts with lo (S or B)             */
};

struct sst_emu_key_condition {
    const struct sst_av *hash; /* the partition key value             */
    enum sst_emu_key_op op;
    const struct sst_av *lo; /* the bound (all ops but ANY)         */
    const struct sst_av *hi; /* BETWEEN's upper bound               */
};

/**
 * Analyse a KeyConditionExpression. A condition written value first
 * (":v <= sk") is turned around (sk >= :v).
 *
 * @param[in]  kc   the resolved expression (kind KEY_CONDITION)
 * @param[in]  b    its bindings
 * @param[in]  ks   the key schema queried
 * @param[out] out  on SST_OK the condition; values are borrowed from b
 * @return SST_OK or SST_E_VALIDATION with DynamoDB's message:
 *   Invalid operator used in KeyConditionExpression: OR
 *   KeyConditionExpressions cannot have conditions on nested attributes
 *   KeyConditionExpressions must only contain one condition per key
 *   Conditions can be of length 1 or 2 only
 *   Query condition missed key schema element
 *   Query key condition not supported
 *   One or more parameter values were invalid: Condition parameter type
 *     does not match schema type
 *   One or more parameter values are not valid. The AttributeValue for a
 *     key attribute cannot contain an empty string value. Key: sk
 */
SST_MUST_CHECK enum sst_code sst_emu_key_condition_analyze(
    const struct sst_emu_expr *kc, const struct sst_emu_bindings *b,
    const struct sst_emu_key_schema *ks, struct sst_emu_key_condition *out,
    struct sst_err *err);

/**
 * Whether a sort-key value satisfies the condition's sort-key part
 * (DynamoDB's order: S and B by unsigned bytes, N numerically).
 */
bool sst_emu_key_condition_match(const struct sst_emu_key_condition *kc,
                                 const struct sst_av *range_value);

/**
 * A Query's FilterExpression may not name key attributes:
 *   Filter Expression can only contain non-primary key attributes:
 *   Primary key attribute: sk
 * (partition key checked first).
 *
 * @return SST_OK or SST_E_VALIDATION
 */
SST_MUST_CHECK enum sst_code sst_emu_filter_check_keys(
    const struct sst_emu_expr *filter, const struct sst_emu_bindings *b,
    const struct sst_emu_key_schema *ks, struct sst_err *err);

#endif /* SST_EMU_EXPR_KEYCOND_H */
