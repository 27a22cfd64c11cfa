/*
 * emu/expr/ast.h - the syntax tree of DynamoDB's five expression kinds.
 *
 * Plain data between the parser (parse.c), which builds it, and the
 * resolver, evaluator, update applier and projector, which consume it.
 * Nothing here points into the caller's expression string: the parser
 * copies the string into the arena first, and every name and placeholder
 * below points into that copy. The whole tree lives in one
 * struct sst_emu_arena and dies with it; nothing is freed node by node.
 *
 * ------------------------------------------------------------------------
 * Shapes
 * ------------------------------------------------------------------------
 *
 * ConditionExpression, FilterExpression, KeyConditionExpression
 *   The root is a condition node:
 *
 *     condition := OP(AND|OR, condition, condition)
 *                | OP(NOT, condition)
 *                | OP(EQ|NE|LT|LE|GT|GE, operand, operand)
 *                | OP(BETWEEN, operand, low, high)
 *                | OP(IN, operand, v1, ... vn)          1 <= n <= 100
 *                | OP(ATTRIBUTE_EXISTS|ATTRIBUTE_NOT_EXISTS, path)
 *                | OP(ATTRIBUTE_TYPE|BEGINS_WITH|CONTAINS, operand, operand)
 *     operand   := PATH | VALUE | OP(SIZE, operand)
 *
 *   Parentheses leave no node: "(a = :v)" and "a = :v" give the same tree.
 *   AND and OR are binary and left-associative as written:
 *   "a AND b AND c" is AND(AND(a, b), c). Precedence, lowest first:
 *   OR, AND, NOT, then comparisons, BETWEEN, IN and functions.
 *
 * UpdateExpression
 *   The root has type SST_EMU_AST_UPDATE and holds the actions of all its
 *   clauses in source order (u.update.actions). Each clause (SET, REMOVE,
 *   ADD, DELETE) occurs at most once, in any order, so the actions of one
 *   clause are contiguous. For each action:
 *
 *     SET    path = value    value := operand | OP(PLUS|MINUS, operand,
 *                            operand); operand := PATH | VALUE |
 *                            OP(IF_NOT_EXISTS, path, operand) |
 *                            OP(LIST_APPEND, operand, operand)
 *     REMOVE path            value is NULL
 *     ADD    path :value     value is a VALUE node
 *     DELETE path :value     value is a VALUE node
 *
 * ProjectionExpression
 *   The root has type SST_EMU_AST_PROJECTION and holds its paths in source
 *   order (u.projection).
 *
 * Paths
 *   A document path is a list of elements: the first is a NAME or a
 *   NAME_REF (#placeholder); each further one is a NAME or NAME_REF (after
 *   '.'), an INDEX (a[3]), or a VALUE_REF (a.:v, which DynamoDB's grammar
 *   accepts and its later validation refuses; see docs/notes-grammar.md).
 *   "a.#b[2][0].c" has five elements.
 *
 * ------------------------------------------------------------------------
 * What sst_emu_expr_parse() guarantees (parse.h has the full contract)
 * ------------------------------------------------------------------------
 *   - the grammar above holds (node types, operator arity as written);
 *   - every function is one of the eight below, by its exact, case-
 *     sensitive name, and is used where DynamoDB allows it: condition
 *     functions only in conditions, SIZE only as an operand, IF_NOT_EXISTS
 *     and LIST_APPEND only in SET values, nesting as DynamoDB allows;
 *   - no bare name is a reserved word; list indexes are <= 2147483647;
 *   - each update clause at most once;
 *   - and, unless the caller asked for the syntax phase only: operand
 *     counts of functions, at most 100 IN operands, at most 32 path
 *     elements, at most 300 operators, a path where a function needs one,
 *     statically known operand types (size(size(a))), distinct operands
 *     where the paths are written alike ("a = a", "#x IN (b, #x)"), and
 *     the key-condition shape rules that need neither names nor the key
 *     schema.
 *
 * What it leaves to the resolver
 *   - #name and :value placeholders: whether they are defined, unused, or
 *     (for names) substitute to a path equal to another written
 *     differently ("#n = a" with #n -> a);
 *   - the types of :values (BETWEEN bounds, attribute_type's type name,
 *     begins_with on a number, ADD/DELETE operand types);
 *   - overlapping or conflicting update and projection paths;
 *   - everything that needs the table's key schema (which attribute a key
 *     condition names, updates of key attributes).
 *   parse.h describes the hooks through which a resolver runs those checks
 *   in DynamoDB's exact order.
 */
#ifndef SST_EMU_EXPR_AST_H
#define SST_EMU_EXPR_AST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sst/defs.h>

/* ---------------------------------------------------------------- limits */

/* DynamoDB's limit on an expression's length, in UTF-16 code units. */
#define SST_EMU_MAX_EXPR_LEN 4096
/* Elements of one document path ("a.b[1]" has 3). */
#define SST_EMU_MAX_PATH_DEPTH 32
/* Operators (comparisons, functions, AND/OR/NOT, +/-) per expression. */
#define SST_EMU_MAX_OPERATORS 300
/* Operands on the right of IN. */
#define SST_EMU_MAX_IN_OPERANDS 100
/* Nesting of parentheses, NOT and function calls the parser follows
 * before refusing an expression (sst's own guard against deep recursion;
 * every expression DynamoDB accepts nests less than 610 deep). */
#define SST_EMU_MAX_DEPTH 1000

/* ----------------------------------------------------------------- kinds */

/* The five expression kinds. FILTER has the grammar of CONDITION and only
 * its own name in messages ("Invalid FilterExpression: ..."). */
enum sst_emu_expr_kind {
    SST_EMU_EXPR_CONDITION = 0, /* ConditionExpression    */
    SST_EMU_EXPR_FILTER,        /* FilterExpression       */
    SST_EMU_EXPR_KEY_CONDITION, /* KeyConditionExpression */
    SST_EMU_EXPR_UPDATE,        /* UpdateExpression       */
    SST_EMU_EXPR_PROJECTION,    /* ProjectionExpression   */
    SST_EMU_EXPR_KIND_COUNT
};

/* ------------------------------------------------------------------ paths */

enum sst_emu_expr_elem_type {
    SST_EMU_ELEM_NAME = 1, /* a bare attribute name, case kept       */
    SST_EMU_ELEM_NAME_REF, /* "#x": substituted by the resolver      */
    SST_EMU_ELEM_INDEX,    /* "[3]": list element                    */
    SST_EMU_ELEM_VALUE_REF /* ".:x": grammatical, refused later      */
};

struct sst_emu_expr_path_elem {
    enum sst_emu_expr_elem_type type;
    uint32_t off;     /* byte offset in the expression of the name token,
                         or of '[' for INDEX                              */
    const char *name; /* NAME: the name; NAME_REF: "#x"; VALUE_REF: ":x";
                         INDEX: the digits. NOT NUL-terminated: use len   */
    uint32_t len;     /* bytes of name                                    */
    uint32_t index;   /* INDEX only: 0 .. 2147483647                      */
};

struct sst_emu_expr_path {
    struct sst_emu_expr_path_elem *elems; /* n >= 1 elements, arena memory    */
    uint32_t n;
    uint32_t off; /* source span: first byte of the first element ...    */
    uint32_t len; /* ... to the last byte of the last one                */
};

/* -------------------------------------------------------------- operators */

enum sst_emu_expr_op {
    SST_EMU_EXPR_OP_NONE = 0,
    /* comparisons: kids[0] <op> kids[1] */
    SST_EMU_EXPR_OP_EQ,      /* =  */
    SST_EMU_EXPR_OP_NE,      /* <> */
    SST_EMU_EXPR_OP_LT,      /* <  */
    SST_EMU_EXPR_OP_LE,      /* <= */
    SST_EMU_EXPR_OP_GT,      /* >  */
    SST_EMU_EXPR_OP_GE,      /* >= */
    SST_EMU_EXPR_OP_BETWEEN, /* kids[0] BETWEEN kids[1] AND kids[2]           */
    SST_EMU_EXPR_OP_IN,      /* kids[0] IN (kids[1], ..., kids[nkids - 1])    */
    SST_EMU_EXPR_OP_NOT,     /* NOT kids[0]                                   */
    SST_EMU_EXPR_OP_AND,     /* kids[0] AND kids[1]                           */
    SST_EMU_EXPR_OP_OR,      /* kids[0] OR kids[1]                            */
    SST_EMU_EXPR_OP_PLUS,    /* SET value: kids[0] + kids[1]                  */
    SST_EMU_EXPR_OP_MINUS,   /* SET value: kids[0] - kids[1]                  */
    /* functions, kids = arguments; names are case-sensitive */
    SST_EMU_EXPR_OP_ATTRIBUTE_EXISTS,     /* condition, (path)               */
    SST_EMU_EXPR_OP_ATTRIBUTE_NOT_EXISTS, /* condition, (path)               */
    SST_EMU_EXPR_OP_ATTRIBUTE_TYPE,       /* condition, (path, :type)        */
    SST_EMU_EXPR_OP_BEGINS_WITH,          /* condition, (operand, operand)   */
    SST_EMU_EXPR_OP_CONTAINS,             /* condition, (operand, operand)   */
    SST_EMU_EXPR_OP_SIZE,                 /* operand in conditions, (operand) */
    SST_EMU_EXPR_OP_IF_NOT_EXISTS,        /* SET value, (path, operand)      */
    SST_EMU_EXPR_OP_LIST_APPEND,          /* SET value, (operand, operand)   */
    SST_EMU_EXPR_OP_COUNT
};

/* Value types, as a bit set (DynamoDB's type symbols in comments). */
enum {
    SST_EMU_T_S = 1u << 0,    /* S    */
    SST_EMU_T_N = 1u << 1,    /* N    */
    SST_EMU_T_B = 1u << 2,    /* B    */
    SST_EMU_T_BOOL = 1u << 3, /* BOOL */
    SST_EMU_T_NULL = 1u << 4, /* NULL */
    SST_EMU_T_M = 1u << 5,    /* M    */
    SST_EMU_T_L = 1u << 6,    /* L    */
    SST_EMU_T_SS = 1u << 7,   /* SS   */
    SST_EMU_T_NS = 1u << 8,   /* NS   */
    SST_EMU_T_BS = 1u << 9,   /* BS   */
    SST_EMU_T_ALL = (1u << 10) - 1
};

/* What DynamoDB knows about an operator (its operator table). */
struct sst_emu_expr_op_info {
    const char *name;       /* as in DynamoDB's messages: "=", "BETWEEN",
                               "size", "+" ...                               */
    unsigned min_args;      /* operands required ...                          */
    bool more_args;         /* ... and whether more are allowed (IN only)     */
    unsigned operand_types; /* SST_EMU_T_* each operand must be able to be */
    unsigned result_types;  /* SST_EMU_T_* of the result; 0 = a condition  */
    bool is_function;       /* written name(args)                          */
    bool condition_fn;      /* allowed in condition expressions            */
    bool update_fn;         /* allowed in update (SET) expressions         */
    bool distinct_first;    /* "first operand must be distinct" applies    */
};

/**
 * The table entry of an operator.
 *
 * @return a static entry; for SST_EMU_EXPR_OP_NONE or a value out of range an
 *         entry with name "?" and everything else zero.
 */
const struct sst_emu_expr_op_info *
sst_emu_expr_op_info(enum sst_emu_expr_op op);

/* ------------------------------------------------------------------ nodes */

enum sst_emu_ast_type {
    SST_EMU_AST_PATH = 1,  /* operand: u.path                          */
    SST_EMU_AST_VALUE,     /* operand: :placeholder, u.ref             */
    SST_EMU_AST_OP,        /* operator or function call: op, kids      */
    SST_EMU_AST_UPDATE,    /* root of an UpdateExpression: u.update    */
    SST_EMU_AST_PROJECTION /* root of a ProjectionExpression           */
};

enum sst_emu_expr_clause {
    SST_EMU_CLAUSE_SET = 0,
    SST_EMU_CLAUSE_REMOVE,
    SST_EMU_CLAUSE_ADD,
    SST_EMU_CLAUSE_DELETE,
    SST_EMU_CLAUSE_COUNT
};

struct sst_emu_ast;

/* One action of an update clause. */
struct sst_emu_expr_action {
    enum sst_emu_expr_clause clause;
    struct sst_emu_expr_path path; /* the attribute it changes              */
    struct sst_emu_ast *value;     /* SET: the value tree; ADD, DELETE: a
                                      VALUE node; REMOVE: NULL              */
};

struct sst_emu_ast {
    enum sst_emu_ast_type type;
    enum sst_emu_expr_op op; /* SST_EMU_AST_OP only */
    /* Source span, for diagnostics: the offset of the node's first
     * token and the bytes to the end of its last. Parentheses around
     * operands are not tracked and may fall inside or outside it. */
    uint32_t off;
    uint32_t len;
    uint32_t nkids;            /* SST_EMU_AST_OP: number of operands */
    struct sst_emu_ast **kids; /* SST_EMU_AST_OP: operands, in order */
    union {
        /* SST_EMU_AST_PATH */
        struct sst_emu_expr_path path;
        /* SST_EMU_AST_VALUE: ":x"; SST_EMU_AST_OP function calls: the
         * function name as written. Not NUL-terminated. */
        struct {
            const char *name;
            uint32_t len;
        } ref;
        /* SST_EMU_AST_UPDATE: the actions, in source order */
        struct {
            struct sst_emu_expr_action *actions;
            uint32_t n;
        } update;
        /* SST_EMU_AST_PROJECTION: the paths, in source order */
        struct {
            struct sst_emu_expr_path *paths;
            uint32_t n;
        } projection;
    } u;
};

/* --------------------------------------------------------- canonical form */

/**
 * Print an AST as canonical expression text: upper-case keywords, one
 * space around binary operators and after commas, no space inside
 * parentheses, and parentheses only where precedence or the tree's
 * grouping needs them ("a AND (b AND c)" keeps them: AND(a, AND(b, c))).
 * Parsing the result gives a tree equal to ast (sst_emu_ast_equal).
 *
 * @param[in]  ast  a tree from sst_emu_expr_parse(); borrowed
 * @param[out] buf  receives the text, NUL-terminated, truncated to cap - 1
 *                  bytes; may be NULL when cap is 0
 * @param[in]  cap  size of buf
 * @return the length of the full text (excluding the NUL), like
 *         snprintf: a result >= cap means the text was truncated.
 */
size_t sst_emu_ast_print(const struct sst_emu_ast *ast, char *buf, size_t cap);

/**
 * Structural equality: same node types, operators, operand order, path
 * elements (names compared byte for byte, as DynamoDB does) and
 * placeholders. Source offsets and the parentheses of the source are
 * ignored. NULL equals only NULL.
 */
bool sst_emu_ast_equal(const struct sst_emu_ast *a,
                       const struct sst_emu_ast *b);

/** As sst_emu_ast_equal(), for two paths. */
bool sst_emu_expr_path_equal(const struct sst_emu_expr_path *a,
                             const struct sst_emu_expr_path *b);

#endif /* SST_EMU_EXPR_AST_H */
