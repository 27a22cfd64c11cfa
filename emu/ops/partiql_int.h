/*
 * emu/ops/partiql_int.h - the PartiQL parser's own types and the
 * functions its files share (emu/ops/partiql.h is the interface): the
 * lexer, nodes and values (partiql_lex.c), paths, conditions and
 * statements (partiql.c), printing and the key split (partiql_where.c).
 */
#ifndef SST_EMU_OPS_PARTIQL_INT_H
#define SST_EMU_OPS_PARTIQL_INT_H

#include <stdbool.h>
#include <stddef.h>

#include <sst/defs.h>

#include "emu/ops/partiql.h"
#include "src/core/buf.h"

struct json_object;

#define MAX_DEPTH 64

enum node_kind {
    N_AND,
    N_OR,
    N_NOT,
    N_CMP,     /* kid[0] op kid[1]                                      */
    N_BETWEEN, /* kid[0] BETWEEN kid[1] AND kid[2]; neg: NOT BETWEEN    */
    N_IN,      /* kid[0] IN (list); neg: NOT IN                         */
    N_CALL,    /* op(list): begins_with, contains, attribute_type, size */
    N_EXISTS,  /* kid[0] IS [NOT] MISSING: neg is IS MISSING            */
    N_PATH,    /* text "#p0.#p1[2]"; attr: the name when it is one name */
    N_VALUE    /* text ":p3"                                            */
};

struct sst_pq_node {
    enum node_kind kind;
    const char *op;
    bool neg;
    struct sst_pq_node *kid[3];
    struct sst_pq_node **list;
    size_t n;
    char text[24];            /* N_PATH (short ones), N_VALUE            */
    char *long_text;          /* N_PATH longer than text                 */
    const char *attr;         /* N_PATH of one name: stmt->names[i]      */
    const char *head;         /* N_PATH: its first name                  */
    struct sst_pq_node *next; /* every node, for cleanup          */
};

enum tok_kind { T_EOF, T_WORD, T_QNAME, T_STRING, T_NUMBER, T_PUNCT, T_BAD };

struct tok {
    enum tok_kind kind;
    size_t at, len; /* the token's bytes in the statement */
};

struct parser {
    const char *s;
    size_t len, pos;
    struct tok cur;
    struct sst_pq_stmt *st;
    const struct json_object *params;
    size_t param_n;
    int depth;
    int coll;          /* collection literals open around the current
                        * value, an INSERT's item tuple not counted    */
    bool tuple;        /* the next '{' opens an INSERT's item tuple    */
    bool in_tuple;     /* a value of the item tuple's members          */
    char keypath[256]; /* the current value's place: "root", ".KEY" of
                        * map members, ".I" of list elements           */
    bool bad, nomem;
    bool has_msg;      /* msg replaces the statement-level message     */
    bool allow_exists; /* EXISTS(SELECT ...) is a statement            */
    char msg[400];
};

/* lexer (partiql_lex.c) */
void pq_next(struct parser *p);
bool pq_is_digit(char c);
bool pq_is_punct(const struct parser *p, const char *t);
bool pq_is_word(const struct parser *p, const char *w);
bool pq_accept_punct(struct parser *p, const char *t);
bool pq_accept_word(struct parser *p, const char *w);
void pq_expect_punct(struct parser *p, const char *t);
void pq_expect_word(struct parser *p, const char *w);
/* The current quoted token without its quotes; sst_malloc'd, or NULL
 * (nomem set). */
char *pq_unquote(struct parser *p);
/* Refuse the statement with a message of its own (the first stands). */
void pq_fail(struct parser *p, const char *fmt, ...) SST_PRINTF(2, 3);
/* " at LINE:COLUMN:LENGTH" of a token, into buf. */
const char *pq_where_at(const struct parser *p, size_t at, size_t len,
                        char *buf, size_t cap);

/* placeholders, nodes and values (partiql_lex.c) */
long pq_add_name(struct parser *p, char *name);
struct sst_pq_node *pq_new_node(struct parser *p, enum node_kind kind);
const char *pq_node_text(const struct sst_pq_node *n);
struct sst_pq_node *pq_value_node(struct parser *p, struct json_object *v);
struct json_object *pq_typed(const char *type, struct json_object *v);
struct json_object *pq_parse_value(struct parser *p);

/* printing (partiql_where.c) */
void pq_print_node(struct sst_strbuf *b, const struct sst_pq_node *n);

#endif /* SST_EMU_OPS_PARTIQL_INT_H */
