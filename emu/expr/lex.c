/*
 * emu/expr/lex.c - tokenizer for DynamoDB expressions; see lex.h.
 *
 * One pass, driven by a 256-entry character-class table. Tokens point into
 * the caller's string; nothing is copied. Keywords are matched without
 * regard to letter case, as DynamoDB does; function and attribute names
 * keep their case (they are IDs).
 */
#include <stdbool.h>
#include <stdint.h>

#include "emu/expr/lex.h"

/* Character classes. One class per byte drives the dispatch in
 * sst_emu_lex_next(); the ID_CHAR bit is looked up inside names. */
enum {
    C_OTHER = 0, /* becomes a one-byte UNKNOWN token            */
    C_WS,        /* space, tab, CR, LF                          */
    C_ALPHA,     /* starts an ID or keyword                     */
    C_DIGIT,     /* starts an INDEX                             */
    C_PUNCT,     /* one-byte punctuation, kind in punct_kind[]  */
    C_LT,        /* < <= <>                                     */
    C_GT,        /* > >=                                        */
    C_HASH,      /* #name                                       */
    C_COLON,     /* :value                                      */
    C_UTF8       /* lead byte of a multi-byte UTF-8 sequence    */
};
#define ID_CHAR 0x10 /* flag: [A-Za-z0-9_] */
#define CLASS(c) (cls[(unsigned char)(c)] & 0x0f)
#define IS_ID_CHAR(c) (cls[(unsigned char)(c)] & ID_CHAR)

#define R2(x) x, x
#define R4(x) R2(x), R2(x)
#define R8(x) R4(x), R4(x)
#define R16(x) R8(x), R8(x)

/* clang-format off */
static const uint8_t cls[] = {
    /* 0x00 - 0x1f: controls; \t \n \r are whitespace */
    R8(C_OTHER), C_OTHER, C_WS, C_WS, C_OTHER, C_OTHER, C_WS, C_OTHER,
    C_OTHER, R16(C_OTHER),
    /* 0x20 - 0x2f:  ! " # $ % & ' ( ) * + , - . / */
    C_WS, C_OTHER, C_OTHER, C_HASH, C_OTHER, C_OTHER, C_OTHER, C_OTHER,
    C_PUNCT, C_PUNCT, C_OTHER, C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT, C_OTHER,
    /* 0x30 - 0x3f: 0-9 : ; < = > ? */
    R8(C_DIGIT | ID_CHAR), R2(C_DIGIT | ID_CHAR), C_COLON, C_OTHER, C_LT,
    C_PUNCT, C_GT, C_OTHER,
    /* 0x40 - 0x5f: @ A-Z [ \ ] ^ _ */
    C_OTHER, R16(C_ALPHA | ID_CHAR), R8(C_ALPHA | ID_CHAR),
    R2(C_ALPHA | ID_CHAR), C_PUNCT, C_OTHER, C_PUNCT, C_OTHER,
    C_OTHER | ID_CHAR,
    /* 0x60 - 0x7f: ` a-z { | } ~ DEL */
    C_OTHER, R16(C_ALPHA | ID_CHAR), R8(C_ALPHA | ID_CHAR),
    R2(C_ALPHA | ID_CHAR), C_OTHER, C_OTHER, C_OTHER, C_OTHER, C_OTHER,
    /* 0x80 - 0xc1: continuation bytes and overlong leads */
    R16(C_OTHER), R16(C_OTHER), R16(C_OTHER), R16(C_OTHER), R2(C_OTHER),
    /* 0xc2 - 0xf4: lead bytes */
    R16(C_UTF8), R16(C_UTF8), R16(C_UTF8), R2(C_UTF8), C_UTF8,
    /* 0xf5 - 0xff: never valid in UTF-8 */
    R8(C_OTHER), R2(C_OTHER), C_OTHER,
};
/* clang-format on */
_Static_assert(sizeof cls == 256, "one class per byte");

static const uint8_t punct_kind[128] = {
    [','] = SST_EMU_TOK_COMMA,    ['('] = SST_EMU_TOK_LPAREN,
    [')'] = SST_EMU_TOK_RPAREN,   ['.'] = SST_EMU_TOK_DOT,
    ['['] = SST_EMU_TOK_LBRACKET, [']'] = SST_EMU_TOK_RBRACKET,
    ['='] = SST_EMU_TOK_EQ,       ['+'] = SST_EMU_TOK_PLUS,
    ['-'] = SST_EMU_TOK_MINUS,
};

static const char *const tok_names[SST_EMU_TOK_COUNT] = {
    [SST_EMU_TOK_EOF] = "EOF",
    [SST_EMU_TOK_COMMA] = ",",
    [SST_EMU_TOK_LPAREN] = "(",
    [SST_EMU_TOK_RPAREN] = ")",
    [SST_EMU_TOK_DOT] = ".",
    [SST_EMU_TOK_LBRACKET] = "[",
    [SST_EMU_TOK_RBRACKET] = "]",
    [SST_EMU_TOK_EQ] = "=",
    [SST_EMU_TOK_NE] = "<>",
    [SST_EMU_TOK_LT] = "<",
    [SST_EMU_TOK_LE] = "<=",
    [SST_EMU_TOK_GT] = ">",
    [SST_EMU_TOK_GE] = ">=",
    [SST_EMU_TOK_PLUS] = "+",
    [SST_EMU_TOK_MINUS] = "-",
    [SST_EMU_TOK_IN] = "IN",
    [SST_EMU_TOK_BETWEEN] = "BETWEEN",
    [SST_EMU_TOK_NOT] = "NOT",
    [SST_EMU_TOK_AND] = "AND",
    [SST_EMU_TOK_OR] = "OR",
    [SST_EMU_TOK_SET] = "SET",
    [SST_EMU_TOK_ADD] = "ADD",
    [SST_EMU_TOK_DELETE] = "DELETE",
    [SST_EMU_TOK_REMOVE] = "REMOVE",
    [SST_EMU_TOK_INDEX] = "INDEX",
    [SST_EMU_TOK_ID] = "ID",
    [SST_EMU_TOK_NAME_REF] = "NAME_REF",
    [SST_EMU_TOK_VALUE_REF] = "VALUE_REF",
    [SST_EMU_TOK_UNKNOWN] = "UNKNOWN",
};

void
sst_emu_lex_init(struct sst_emu_expr_lexer *lx, const char *s, size_t len)
{
    lx->s = s;
    lx->len = len;
    lx->pos = 0;
}

/* Length of a well-formed UTF-8 sequence at s[0..n), or 0. Surrogates
 * and overlong forms are refused like any malformed input. */
static size_t
utf8_seq(const unsigned char *s, size_t n)
{
    size_t need, i;
    uint32_t cp;

    if (s[0] < 0xc2 || s[0] > 0xf4)
        return 0;
    need = s[0] < 0xe0 ? 2 : s[0] < 0xf0 ? 3 : 4;
    if (need > n)
        return 0;
    cp = s[0] & (0x7f >> need);
    for (i = 1; i < need; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        cp = cp << 6 | (s[i] & 0x3f);
    }
    if ((need == 3 && cp < 0x800) || (need == 4 && cp < 0x10000) ||
        (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
        return 0;
    return need;
}

/* Whether s[0..n) spells the lower-case keyword kw in any letter case.
 * Keywords are letters only: OR-ing 0x20 folds A-Z to a-z and cannot turn
 * a digit or '_' into a letter. */
static bool
spells(const char *s, size_t n, const char *kw)
{
    size_t i;

    for (i = 0; i < n; i++)
        if ((s[i] | 0x20) != kw[i])
            return false;
    return kw[n] == '\0';
}

/* Which keyword, if any, the ID s[0..n) spells (any letter case). */
static enum sst_emu_expr_tok
keyword(const char *s, size_t n)
{
    switch (n) {
    case 2:
        if (spells(s, n, "in"))
            return SST_EMU_TOK_IN;
        if (spells(s, n, "or"))
            return SST_EMU_TOK_OR;
        break;
    case 3:
        switch (s[0] | 0x20) {
        case 'a':
            if (spells(s, n, "and"))
                return SST_EMU_TOK_AND;
            if (spells(s, n, "add"))
                return SST_EMU_TOK_ADD;
            break;
        case 'n':
            if (spells(s, n, "not"))
                return SST_EMU_TOK_NOT;
            break;
        case 's':
            if (spells(s, n, "set"))
                return SST_EMU_TOK_SET;
            break;
        }
        break;
    case 6:
        if (spells(s, n, "delete"))
            return SST_EMU_TOK_DELETE;
        if (spells(s, n, "remove"))
            return SST_EMU_TOK_REMOVE;
        break;
    case 7:
        if (spells(s, n, "between"))
            return SST_EMU_TOK_BETWEEN;
        break;
    }
    return SST_EMU_TOK_ID;
}

void
sst_emu_lex_next(struct sst_emu_expr_lexer *lx, struct sst_emu_expr_token *t)
{
    const char *s = lx->s;
    size_t n = lx->len, p = lx->pos, start;
    unsigned char c;

    while (p < n && CLASS(s[p]) == C_WS)
        p++;
    start = p;
    t->off = start;
    if (p == n) {
        t->kind = SST_EMU_TOK_EOF;
        t->len = 0;
        lx->pos = p;
        return;
    }
    c = (unsigned char)s[p++];
    switch (CLASS(c)) {
    case C_ALPHA:
        while (p < n && IS_ID_CHAR(s[p]))
            p++;
        t->kind = keyword(s + start, p - start);
        break;
    case C_DIGIT:
        /* INDEX is '0' | [1-9][0-9]*: a leading zero stands alone. */
        if (c != '0')
            while (p < n && CLASS(s[p]) == C_DIGIT)
                p++;
        t->kind = SST_EMU_TOK_INDEX;
        break;
    case C_PUNCT:
        t->kind = (enum sst_emu_expr_tok)punct_kind[c];
        break;
    case C_LT:
        t->kind = SST_EMU_TOK_LT;
        if (p < n && (s[p] == '=' || s[p] == '>')) {
            t->kind = s[p] == '=' ? SST_EMU_TOK_LE : SST_EMU_TOK_NE;
            p++;
        }
        break;
    case C_GT:
        t->kind = SST_EMU_TOK_GT;
        if (p < n && s[p] == '=') {
            t->kind = SST_EMU_TOK_GE;
            p++;
        }
        break;
    case C_HASH:
    case C_COLON:
        /* A lone '#' or ':' is a character of its own (UNKNOWN). */
        t->kind = SST_EMU_TOK_UNKNOWN;
        if (p < n && IS_ID_CHAR(s[p])) {
            while (p < n && IS_ID_CHAR(s[p]))
                p++;
            t->kind = CLASS(c) == C_HASH ? SST_EMU_TOK_NAME_REF
                                         : SST_EMU_TOK_VALUE_REF;
        }
        break;
    case C_UTF8: {
        size_t k = utf8_seq((const unsigned char *)s + start, n - start);
        if (k > 1)
            p = start + k;
        t->kind = SST_EMU_TOK_UNKNOWN;
        break;
    }
    default:
        /* '_' also lands here: it may continue an ID but not start one. */
        t->kind = SST_EMU_TOK_UNKNOWN;
        break;
    }
    t->len = p - start;
    lx->pos = p;
}

size_t
sst_emu_utf16_length(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, units = 0, k;

    while (i < len) {
        if (u[i] < 0x80) { /* the common case: ASCII runs */
            i++;
            units++;
            continue;
        }
        k = utf8_seq(u + i, len - i);
        if (k == 0) {
            i++;
            units++;
        } else {
            i += k;
            units += k == 4 ? 2 : 1;
        }
    }
    return units;
}

const char *
sst_emu_tok_name(enum sst_emu_expr_tok kind)
{
    if ((unsigned)kind >= SST_EMU_TOK_COUNT)
        return "?";
    return tok_names[kind];
}
