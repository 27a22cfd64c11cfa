/*
 * tests/unit/test_lex.c - the expression lexer, the UTF-16 length that
 * DynamoDB's size limit counts, the reserved-word table and the arena.
 *
 * Token expectations come from DynamoDB's own lexer (DynamoDB Local's
 * DynamoDbGrammarLexer run over the same strings); see
 * docs/notes-grammar.md.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <sst/sst.h>

#include "emu/expr/arena.h"
#include "emu/expr/lex.h"
#include "emu/expr/reserved.h"
#include "harness.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* "KIND<text> KIND<text> ... EOF" for s. */
static void
dump(const char *s, size_t len, char *out, size_t cap)
{
    struct sst_emu_expr_lexer lx;
    struct sst_emu_expr_token t;
    size_t used = 0;
    int k;

    out[0] = '\0';
    sst_emu_lex_init(&lx, s, len);
    do {
        sst_emu_lex_next(&lx, &t);
        if (t.kind == SST_EMU_TOK_EOF)
            k = snprintf(out + used, cap - used, "EOF");
        else
            k = snprintf(out + used, cap - used, "%s<%.*s> ",
                         sst_emu_tok_name(t.kind), (int)t.len, s + t.off);
        if (k < 0 || (size_t)k >= cap - used)
            return;
        used += (size_t)k;
    } while (t.kind != SST_EMU_TOK_EOF);
}

struct lex_row {
    const char *in;
    const char *tokens;
};

static const struct lex_row lex_rows[] = {
    {"", "EOF"},
    {" \t\r\n ", "EOF"},
    {"a = :v", "ID<a> =<=> VALUE_REF<:v> EOF"},
    {"a=:v", "ID<a> =<=> VALUE_REF<:v> EOF"},
    {"a_b1 A_ _a 1a", "ID<a_b1> ID<A_> UNKNOWN<_> ID<a> INDEX<1> ID<a> EOF"},
    {"#a #1 #_ #a-b", "NAME_REF<#a> NAME_REF<#1> NAME_REF<#_> NAME_REF<#a> "
                      "-<-> ID<b> EOF"},
    {"# ##a", "UNKNOWN<#> UNKNOWN<#> NAME_REF<#a> EOF"},
    {":a :1 :_ : ::a :a:b",
     "VALUE_REF<:a> VALUE_REF<:1> VALUE_REF<:_> UNKNOWN<:> UNKNOWN<:> "
     "VALUE_REF<:a> VALUE_REF<:a> VALUE_REF<:b> EOF"},
    {"a[0] a[01]",
     "ID<a> [<[> INDEX<0> ]<]> ID<a> [<[> INDEX<0> INDEX<1> ]<]> EOF"},
    {"a[123] a[-1]", "ID<a> [<[> INDEX<123> ]<]> ID<a> [<[> -<-> INDEX<1> "
                     "]<]> EOF"},
    {"[ 007 ]", "[<[> INDEX<0> INDEX<0> INDEX<7> ]<]> EOF"},
    {"0 00 10 1234567890123",
     "INDEX<0> INDEX<0> INDEX<0> INDEX<10> INDEX<1234567890123> EOF"},
    {"and AND And aNd", "AND<and> AND<AND> AND<And> AND<aNd> EOF"},
    {"between in not or set add delete remove",
     "BETWEEN<between> IN<in> NOT<not> OR<or> SET<set> ADD<add> "
     "DELETE<delete> REMOVE<remove> EOF"},
    {"BETWEEN In NoT Or SeT aDD DELETE REMOVE",
     "BETWEEN<BETWEEN> IN<In> NOT<NoT> OR<Or> SET<SeT> ADD<aDD> "
     "DELETE<DELETE> REMOVE<REMOVE> EOF"},
    {"anda andb notx SETa in1 or_ o",
     "ID<anda> ID<andb> ID<notx> ID<SETa> ID<in1> ID<or_> ID<o> EOF"},
    {"betwee betweenx removed", "ID<betwee> ID<betweenx> ID<removed> EOF"},
    {"SET a=b+c-d", "SET<SET> ID<a> =<=> ID<b> +<+> ID<c> -<-> ID<d> EOF"},
    {"a<>b<=c>=d<e>f",
     "ID<a> <><<>> ID<b> <=<<=> ID<c> >=<>=> ID<d> <<<> ID<e> ><>> "
     "ID<f> EOF"},
    {"a >< b", "ID<a> ><>> <<<> ID<b> EOF"},
    {"a == b != c", "ID<a> =<=> =<=> ID<b> UNKNOWN<!> =<=> ID<c> EOF"},
    {"@ $ ! ? % & * / ; ~ ` { } | \\ ^ \" '",
     "UNKNOWN<@> UNKNOWN<$> UNKNOWN<!> UNKNOWN<?> UNKNOWN<%> UNKNOWN<&> "
     "UNKNOWN<*> UNKNOWN</> UNKNOWN<;> UNKNOWN<~> UNKNOWN<`> UNKNOWN<{> "
     "UNKNOWN<}> UNKNOWN<|> UNKNOWN<\\> UNKNOWN<^> UNKNOWN<\"> "
     "UNKNOWN<'> EOF"},
    {"(a,b)", "(<(> ID<a> ,<,> ID<b> )<)> EOF"},
    {"ab.cd[1].#x.:y",
     "ID<ab> .<.> ID<cd> [<[> INDEX<1> ]<]> .<.> NAME_REF<#x> .<.> "
     "VALUE_REF<:y> EOF"},
    {"a.1 a.b1", "ID<a> .<.> INDEX<1> ID<a> .<.> ID<b1> EOF"},
    {"a\fb\vc", "ID<a> UNKNOWN<\f> ID<b> UNKNOWN<\v> ID<c> EOF"},
    /* one UNKNOWN per UTF-8 sequence, name characters are ASCII only */
    {"\xc3\xa9 \xc3\xbc a", "UNKNOWN<\xc3\xa9> UNKNOWN<\xc3\xbc> ID<a> EOF"},
    {"a\xc3\xa9", "ID<a> UNKNOWN<\xc3\xa9> EOF"},
    {"\xe2\x82\xac\xf0\x9f\x98\x80",
     "UNKNOWN<\xe2\x82\xac> UNKNOWN<\xf0\x9f\x98\x80> EOF"},
    {"\xc2\xa0x", "UNKNOWN<\xc2\xa0> ID<x> EOF"},
    /* malformed UTF-8: one UNKNOWN per byte */
    {"\xc3(", "UNKNOWN<\xc3> (<(> EOF"},
    {"\x80\xff", "UNKNOWN<\x80> UNKNOWN<\xff> EOF"},
    {"\xe2\x82", "UNKNOWN<\xe2> UNKNOWN<\x82> EOF"},
    {"\xed\xa0\x80", "UNKNOWN<\xed> UNKNOWN<\xa0> UNKNOWN<\x80> EOF"},
    {"\xc0\xaf", "UNKNOWN<\xc0> UNKNOWN<\xaf> EOF"},
    {"#\xc3\xa9", "UNKNOWN<#> UNKNOWN<\xc3\xa9> EOF"},
    {"a = :v\"x\"", "ID<a> =<=> VALUE_REF<:v> UNKNOWN<\"> ID<x> "
                    "UNKNOWN<\"> EOF"},
};

static void
tokens_are_dynamodbs(void)
{
    char got[512], msg[700];
    size_t i;

    for (i = 0; i < N(lex_rows); i++) {
        dump(lex_rows[i].in, strlen(lex_rows[i].in), got, sizeof got);
        if (strcmp(got, lex_rows[i].tokens) != 0) {
            snprintf(msg, sizeof msg, "row %zu \"%s\"", i, lex_rows[i].in);
            CU_FAIL(msg);
        }
        SST_ASSERT_STR_EQ(got, lex_rows[i].tokens);
    }
}

/* A NUL is an ordinary character; offsets and lengths are exact. */
static void
token_spans(void)
{
    static const char s[] = " ab\0:c  <=\n";
    struct sst_emu_expr_lexer lx;
    struct sst_emu_expr_token t;

    sst_emu_lex_init(&lx, s, sizeof s - 1);
    sst_emu_lex_next(&lx, &t);
    CU_ASSERT(t.kind == SST_EMU_TOK_ID && t.off == 1 && t.len == 2);
    sst_emu_lex_next(&lx, &t);
    CU_ASSERT(t.kind == SST_EMU_TOK_UNKNOWN && t.off == 3 && t.len == 1);
    sst_emu_lex_next(&lx, &t);
    CU_ASSERT(t.kind == SST_EMU_TOK_VALUE_REF && t.off == 4 && t.len == 2);
    sst_emu_lex_next(&lx, &t);
    CU_ASSERT(t.kind == SST_EMU_TOK_LE && t.off == 8 && t.len == 2);
    sst_emu_lex_next(&lx, &t);
    CU_ASSERT(t.kind == SST_EMU_TOK_EOF && t.off == 11 && t.len == 0);
    sst_emu_lex_next(&lx, &t);
    CU_ASSERT(t.kind == SST_EMU_TOK_EOF && t.off == 11 && t.len == 0);
}

/* Every byte alone lexes to the class DynamoDB gives it. */
static void
every_byte(void)
{
    struct sst_emu_expr_lexer lx;
    struct sst_emu_expr_token t;
    enum sst_emu_expr_tok want;
    char c, msg[64];
    int b;

    for (b = 0; b < 256; b++) {
        c = (char)b;
        if (b == ' ' || b == '\t' || b == '\r' || b == '\n')
            want = SST_EMU_TOK_EOF;
        else if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z'))
            want = SST_EMU_TOK_ID;
        else if (b >= '0' && b <= '9')
            want = SST_EMU_TOK_INDEX;
        else if (strchr(",().[]=+-<>", b) && b != 0)
            want = b == ','   ? SST_EMU_TOK_COMMA
                   : b == '(' ? SST_EMU_TOK_LPAREN
                   : b == ')' ? SST_EMU_TOK_RPAREN
                   : b == '.' ? SST_EMU_TOK_DOT
                   : b == '[' ? SST_EMU_TOK_LBRACKET
                   : b == ']' ? SST_EMU_TOK_RBRACKET
                   : b == '=' ? SST_EMU_TOK_EQ
                   : b == '+' ? SST_EMU_TOK_PLUS
                   : b == '-' ? SST_EMU_TOK_MINUS
                   : b == '<' ? SST_EMU_TOK_LT
                              : SST_EMU_TOK_GT;
        else
            want = SST_EMU_TOK_UNKNOWN;
        sst_emu_lex_init(&lx, &c, 1);
        sst_emu_lex_next(&lx, &t);
        snprintf(msg, sizeof msg, "byte 0x%02x", b);
        if (t.kind != want)
            CU_FAIL(msg);
        CU_ASSERT(t.kind == SST_EMU_TOK_EOF ? t.len == 0 : t.len == 1);
    }
}

struct utf16_row {
    const char *s;
    size_t units;
};

static const struct utf16_row utf16_rows[] = {
    {"", 0},
    {"a = :v", 6},
    {"\xc3\xa9", 1},         /* é: 2 bytes, 1 unit   */
    {"\xe2\x82\xac", 1},     /* €: 3 bytes, 1 unit   */
    {"\xf0\x9f\x98\x80", 2}, /* 😀: a surrogate pair */
    {"a\xc3\xa9\xf0\x9f\x98\x80z", 5},
    {"\xff\xfe", 2}, /* invalid bytes: 1 each */
    {"\xe2\x82", 2}, /* truncated sequence    */
    {"\xf0\x9f\x98", 3},
};

static void
utf16_length(void)
{
    size_t i;

    for (i = 0; i < N(utf16_rows); i++)
        CU_ASSERT_EQUAL(
            sst_emu_utf16_length(utf16_rows[i].s, strlen(utf16_rows[i].s)),
            utf16_rows[i].units);
}

static void
token_names(void)
{
    SST_ASSERT_STR_EQ(sst_emu_tok_name(SST_EMU_TOK_NE), "<>");
    SST_ASSERT_STR_EQ(sst_emu_tok_name(SST_EMU_TOK_VALUE_REF), "VALUE_REF");
    SST_ASSERT_STR_EQ(sst_emu_tok_name(SST_EMU_TOK_COUNT), "?");
    SST_ASSERT_STR_EQ(sst_emu_tok_name((enum sst_emu_expr_tok) - 1), "?");
}

/* ------------------------------------------------------------------ */
/* reserved words                                                      */

static void
reserved_table_is_sorted(void)
{
    size_t i;

    CU_ASSERT_PTR_NOT_NULL(sst_emu_reserved_word(0));
    SST_ASSERT_STR_EQ(sst_emu_reserved_word(0), "ABORT");
    SST_ASSERT_STR_EQ(sst_emu_reserved_word(SST_EMU_RESERVED_COUNT - 1),
                      "ZONE");
    CU_ASSERT_PTR_NULL(sst_emu_reserved_word(SST_EMU_RESERVED_COUNT));
    for (i = 1; i < SST_EMU_RESERVED_COUNT; i++)
        CU_ASSERT(
            strcmp(sst_emu_reserved_word(i - 1), sst_emu_reserved_word(i)) < 0);
}

struct word_row {
    const char *s;
    bool reserved;
};

static const struct word_row word_rows[] = {
    {"name", true},
    {"NAME", true},
    {"nAmE", true},
    {"abort", true},
    {"zone", true},
    {"ZONE", true},
    {"size", true},
    {"CONVERT", true},
    {"localtimestamp", true},
    {"LocalTime", true},
    {"flattern", true},
    {"INNTER", true},
    {"logeD", true},
    {"status", true},
    {"data", true},
    {"a", false},
    {"names", true},
    {"namex", false},
    {"nam", false},
    {"remove", false},
    {"zones", false},
    {"abor", false},
    {"aaa", false},
    {"zzzz", false},
    {"name_", false},
    {"na_me", false},
    {"", false},
    {"localtimestamps", false},
    {"pk", false},
    {"sk", false},
};

static void
reserved_lookup(void)
{
    char msg[64];
    size_t i;

    for (i = 0; i < N(word_rows); i++) {
        snprintf(msg, sizeof msg, "word \"%s\"", word_rows[i].s);
        if (sst_emu_reserved_is(word_rows[i].s, strlen(word_rows[i].s)) !=
            word_rows[i].reserved)
            CU_FAIL(msg);
    }
    /* length-bounded: "nameX" read as its first 4 bytes is "name" */
    CU_ASSERT_TRUE(sst_emu_reserved_is("nameX", 4));
    CU_ASSERT_FALSE(sst_emu_reserved_is("nameX", 5));
}

/* Every word, in lower case too, is found; one letter more is not. */
static void
reserved_every_word(void)
{
    char low[32], more[32];
    const char *w;
    size_t i, j, n;

    for (i = 0; i < SST_EMU_RESERVED_COUNT; i++) {
        w = sst_emu_reserved_word(i);
        n = strlen(w);
        CU_ASSERT_TRUE(sst_emu_reserved_is(w, n));
        for (j = 0; j <= n; j++)
            low[j] = (char)(w[j] >= 'A' && w[j] <= 'Z' ? w[j] + 32 : w[j]);
        CU_ASSERT_TRUE(sst_emu_reserved_is(low, n));
        snprintf(more, sizeof more, "%sQ9", w);
        CU_ASSERT_FALSE(sst_emu_reserved_is(more, n + 2));
    }
}

/* ------------------------------------------------------------------ */
/* arena                                                               */

static void
arena_inline_then_heap(void)
{
    struct sst_emu_arena a;
    long live = sst_mem_live_count();
    char *p, *q;
    size_t i;

    sst_emu_arena_init(&a);
    p = sst_emu_arena_alloc(&a, 10);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT(p >= a.first.bytes && p < a.first.bytes + SST_EMU_ARENA_INLINE);
    CU_ASSERT_EQUAL(sst_mem_live_count(), live);
    for (i = 0; i < 100; i++) {
        q = sst_emu_arena_alloc(&a, 100);
        CU_ASSERT_PTR_NOT_NULL_FATAL(q);
        CU_ASSERT_EQUAL((uintptr_t)q % _Alignof(max_align_t), 0);
        memset(q, 0x5a, 100);
    }
    CU_ASSERT(sst_mem_live_count() > live);
    q = sst_emu_arena_alloc(&a, 3 * SST_EMU_ARENA_BLOCK);
    CU_ASSERT_PTR_NOT_NULL(q);
    q = sst_emu_arena_zalloc(&a, 64);
    CU_ASSERT_PTR_NOT_NULL_FATAL(q);
    CU_ASSERT(q[0] == 0 && q[63] == 0);
    q = sst_emu_arena_strndup(&a, "abcdef", 3);
    SST_ASSERT_STR_EQ(q, "abc");
    CU_ASSERT_PTR_NOT_NULL(sst_emu_arena_alloc(&a, 0));
    sst_emu_arena_cleanup(&a);
    CU_ASSERT_EQUAL(sst_mem_live_count(), live);
    /* usable again after cleanup */
    CU_ASSERT_PTR_NOT_NULL(sst_emu_arena_alloc(&a, 8));
    sst_emu_arena_cleanup(&a);
    sst_emu_arena_cleanup(NULL);
}

static void
arena_limits(void)
{
    struct sst_emu_arena a;

    sst_emu_arena_init(&a);
    CU_ASSERT_PTR_NULL(sst_emu_arena_alloc(&a, SST_EMU_ARENA_MAX + 1));
    CU_ASSERT_PTR_NULL(sst_emu_arena_alloc(&a, SIZE_MAX));
    CU_ASSERT_PTR_NULL(sst_emu_arena_strndup(&a, "x", SIZE_MAX));
    sst_mem_fail_after(1);
    CU_ASSERT_PTR_NULL(sst_emu_arena_alloc(&a, SST_EMU_ARENA_INLINE + 1));
    sst_mem_fail_reset();
    CU_ASSERT_PTR_NOT_NULL(sst_emu_arena_alloc(&a, SST_EMU_ARENA_INLINE + 1));
    sst_emu_arena_cleanup(&a);
}

static const struct sst_test lexer_tests[] = {
    {"tokens are DynamoDB's", tokens_are_dynamodbs},
    {"token spans", token_spans},
    {"every byte", every_byte},
    {"UTF-16 length", utf16_length},
    {"token names", token_names},
    {NULL, NULL},
};

static const struct sst_test reserved_tests[] = {
    {"table sorted", reserved_table_is_sorted},
    {"lookup", reserved_lookup},
    {"every word", reserved_every_word},
    {NULL, NULL},
};

static const struct sst_test arena_tests[] = {
    {"inline then heap", arena_inline_then_heap},
    {"limits", arena_limits},
    {NULL, NULL},
};

static const struct sst_suite suites[] = {
    {"lexer", NULL, NULL, lexer_tests},
    {"reserved words", NULL, NULL, reserved_tests},
    {"arena", NULL, NULL, arena_tests},
    {NULL, NULL, NULL, NULL},
};

int
main(int argc, char **argv)
{
    return sst_test_main(argc, argv, "test_lex", suites);
}
