/*
 * emu/expr/lex.h - tokens of DynamoDB's expression language.
 *
 * One lexer serves all five expression kinds, as in DynamoDB (whose
 * grammar is one ANTLR lexer and one parser with an entry rule per kind).
 * The lexer never fails: a character that starts no token becomes an
 * SST_EMU_TOK_UNKNOWN token of its own, and the parser reports it as a
 * syntax error where the grammar cannot use it, as DynamoDB does.
 *
 * Token rules (DynamoDB's, verified against DynamoDB Local):
 *   whitespace   [ \t\r\n]+ between tokens, never a token itself
 *   ID           [A-Za-z][A-Za-z0-9_]*  (keywords excluded)
 *   keywords     AND OR NOT IN BETWEEN SET ADD DELETE REMOVE, any case;
 *                "ANDx" is an ID (longest match)
 *   NAME_REF     '#' [A-Za-z0-9_]+       "#1", "#_" are valid
 *   VALUE_REF    ':' [A-Za-z0-9_]+
 *   INDEX        '0' | [1-9][0-9]*        "007" is three INDEX tokens
 *   punctuation  , ( ) . [ ] = <> < <= > >= + -
 *   UNKNOWN      any other single character; a well-formed UTF-8
 *                sequence is one UNKNOWN token (DynamoDB counts UTF-16
 *                units, so a 4-byte sequence is two UNKNOWN tokens there;
 *                see docs/notes-grammar.md)
 */
#ifndef SST_EMU_EXPR_LEX_H
#define SST_EMU_EXPR_LEX_H

#include <stddef.h>

enum sst_emu_expr_tok {
    SST_EMU_TOK_EOF = 0,
    SST_EMU_TOK_COMMA,    /* ,  */
    SST_EMU_TOK_LPAREN,   /* (  */
    SST_EMU_TOK_RPAREN,   /* )  */
    SST_EMU_TOK_DOT,      /* .  */
    SST_EMU_TOK_LBRACKET, /* [  */
    SST_EMU_TOK_RBRACKET, /* ]  */
    SST_EMU_TOK_EQ,       /* =  */
    SST_EMU_TOK_NE,       /* <> */
    SST_EMU_TOK_LT,       /* <  */
    SST_EMU_TOK_LE,       /* <= */
    SST_EMU_TOK_GT,       /* >  */
    SST_EMU_TOK_GE,       /* >= */
    SST_EMU_TOK_PLUS,     /* +  */
    SST_EMU_TOK_MINUS,    /* -  */
    SST_EMU_TOK_IN,       /* keywords, any letter case */
    SST_EMU_TOK_BETWEEN,
    SST_EMU_TOK_NOT,
    SST_EMU_TOK_AND,
    SST_EMU_TOK_OR,
    SST_EMU_TOK_SET,
    SST_EMU_TOK_ADD,
    SST_EMU_TOK_DELETE,
    SST_EMU_TOK_REMOVE,
    SST_EMU_TOK_INDEX,     /* list index digits           */
    SST_EMU_TOK_ID,        /* attribute or function name  */
    SST_EMU_TOK_NAME_REF,  /* #name                        */
    SST_EMU_TOK_VALUE_REF, /* :value                       */
    SST_EMU_TOK_UNKNOWN,   /* a character no rule accepts  */
    SST_EMU_TOK_COUNT
};

/* A token is a span of the lexer's input; nothing is copied. */
struct sst_emu_expr_token {
    enum sst_emu_expr_tok kind;
    size_t off; /* byte offset of the first byte      */
    size_t len; /* bytes; 0 for SST_EMU_TOK_EOF        */
};

struct sst_emu_expr_lexer {
    const char *s; /* borrowed input */
    size_t len;
    size_t pos; /* next byte to look at */
};

/**
 * Start lexing s[0..len). s is borrowed and must outlive the lexer and
 * its tokens. NUL bytes are ordinary (UNKNOWN) characters.
 */
void sst_emu_lex_init(struct sst_emu_expr_lexer *lx, const char *s, size_t len);

/**
 * Skip whitespace and return the next token in *t. At the end of input it
 * returns SST_EMU_TOK_EOF (off = len, len = 0), again on every further
 * call. Never fails.
 */
void sst_emu_lex_next(struct sst_emu_expr_lexer *lx,
                      struct sst_emu_expr_token *t);

/**
 * The length of s[0..len) in UTF-16 code units, which is how DynamoDB
 * measures expressions against their 4 KB limit: a 4-byte UTF-8 sequence
 * counts 2, any other well-formed sequence 1, an invalid byte 1.
 */
size_t sst_emu_utf16_length(const char *s, size_t len);

/** A short name for a token kind ("ID", "<>", "EOF"), for tests and
 *  diagnostics; "?" for a value outside the enum. */
const char *sst_emu_tok_name(enum sst_emu_expr_tok kind);

#endif /* SST_EMU_EXPR_LEX_H */
