/*
 * emu/server/jsoncheck.c - RFC 8259 syntax check, one pass, no recursion:
 * a state machine over the bytes with a bit stack of the open containers.
 */
#include <stdint.h>
#include <string.h>

#include "emu/server/jsoncheck.h"
#include "src/core/jsonstr.h"

enum state {
    VALUE,          /* a value must come                       */
    VALUE_OR_CLOSE, /* just after '[': a value or ']'          */
    KEY_OR_CLOSE,   /* just after '{': a key or '}'            */
    KEY,            /* after ',' in an object                  */
    COLON,          /* after a key                             */
    AFTER           /* after a value: ',', a close, or the end */
};

static bool
is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool
is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool
is_hex(char c)
{
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/*
 * Whether the n bytes at s, a run inside one JSON string, are UTF-8 by
 * json-c's rule (JSON_TOKENER_VALIDATE_UTF8): every byte from 0x80 is a
 * lead byte, 0xC0 to 0xF7, followed by the 1 to 3 continuation bytes
 * (0x80 to 0xBF) it announces. Overlong forms, surrogates and code points
 * over U+10FFFF pass, as they do in json-c. A sequence cannot straddle two
 * runs: what ends a run ('"', '\\' or a control character) is no
 * continuation byte. ASCII is skipped eight bytes at a time.
 */
static bool
utf8_ok(const unsigned char *s, size_t n)
{
    size_t i = 0, j, follow;
    uint64_t w;

    while (i < n) {
        if (n - i >= 8) {
            memcpy(&w, s + i, 8);
            if ((w & SST_JSONSTR_HIGHS) == 0) {
                i += 8;
                continue;
            }
        }
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        if (s[i] < 0xC0 || s[i] >= 0xF8)
            return false;
        follow = s[i] >= 0xF0 ? 3 : s[i] >= 0xE0 ? 2 : 1;
        if (n - i - 1 < follow)
            return false;
        for (j = 1; j <= follow; j++)
            if ((s[i + j] & 0xC0) != 0x80)
                return false;
        i += 1 + follow;
    }
    return true;
}

/* A string starting at s[*i] == '"'; leaves *i after the closing quote.
 * With utf8, clears *utf8 when a run of the string is not UTF-8. */
static bool
skip_string(const char *s, size_t n, size_t *i, bool *utf8)
{
    size_t k = *i + 1, run;

    while (k < n) {
        unsigned char c;

        run = sst_json_plain_len(s + k, n - k); /* the bulk of a string */
        if (utf8 != NULL && *utf8 &&
            !utf8_ok((const unsigned char *)s + k, run))
            *utf8 = false;
        k += run;
        if (k >= n)
            break;
        c = (unsigned char)s[k];
        if (c == '"') {
            *i = k + 1;
            return true;
        }
        if (c < 0x20)
            return false;
        if (c == '\\') {
            if (k + 1 >= n)
                return false;
            c = (unsigned char)s[k + 1];
            if (c == 'u') {
                if (k + 5 >= n || !is_hex(s[k + 2]) || !is_hex(s[k + 3]) ||
                    !is_hex(s[k + 4]) || !is_hex(s[k + 5]))
                    return false;
                k += 6;
                continue;
            }
            if (strchr("\"\\/bfnrt", (char)c) == NULL || c == '\0')
                return false;
            k += 2;
            continue;
        }
        k++;
    }
    return false;
}

/* -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static bool
skip_number(const char *s, size_t n, size_t *i)
{
    size_t k = *i;

    if (k < n && s[k] == '-')
        k++;
    if (k < n && s[k] == '0')
        k++;
    else if (k < n && is_digit(s[k]))
        while (k < n && is_digit(s[k]))
            k++;
    else
        return false;
    if (k < n && s[k] == '.') {
        k++;
        if (k >= n || !is_digit(s[k]))
            return false;
        while (k < n && is_digit(s[k]))
            k++;
    }
    if (k < n && (s[k] == 'e' || s[k] == 'E')) {
        k++;
        if (k < n && (s[k] == '+' || s[k] == '-'))
            k++;
        if (k >= n || !is_digit(s[k]))
            return false;
        while (k < n && is_digit(s[k]))
            k++;
    }
    *i = k;
    return true;
}

static bool
skip_word(const char *s, size_t n, size_t *i, const char *w)
{
    size_t len = strlen(w);

    if (n - *i < len || memcmp(s + *i, w, len) != 0)
        return false;
    *i += len;
    return true;
}

bool
sst_server_json_valid(const char *s, size_t n, unsigned max_depth)
{
    return sst_server_json_check(s, n, max_depth, NULL);
}

bool
sst_server_json_check(const char *s, size_t n, unsigned max_depth, bool *utf8)
{
    /* bit d set: the container at depth d is an object */
    uint64_t objects[SST_SERVER_JSON_MAX_DEPTH / 64];
    enum state st = VALUE;
    unsigned depth = 0;
    size_t i = 0;

    if (utf8 != NULL)
        *utf8 = true;
    if (max_depth > SST_SERVER_JSON_MAX_DEPTH)
        max_depth = SST_SERVER_JSON_MAX_DEPTH;
    for (;;) {
        char c;
        bool in_object;

        while (i < n && is_ws(s[i]))
            i++;
        if (i == n)
            return st == AFTER && depth == 0;
        c = s[i];
        in_object =
            depth > 0 && (objects[(depth - 1) / 64] >> ((depth - 1) % 64)) & 1;
        switch (st) {
        case VALUE_OR_CLOSE:
            if (c == ']') {
                depth--;
                i++;
                st = AFTER;
                continue;
            }
            /* fall through */
        case VALUE:
            if (c == '{' || c == '[') {
                uint64_t bit = (uint64_t)1 << (depth % 64);

                if (depth == max_depth)
                    return false;
                if (c == '{')
                    objects[depth / 64] |= bit;
                else
                    objects[depth / 64] &= ~bit;
                depth++;
                i++;
                st = c == '{' ? KEY_OR_CLOSE : VALUE_OR_CLOSE;
                continue;
            }
            if (!(c == '"'   ? skip_string(s, n, &i, utf8)
                  : c == 't' ? skip_word(s, n, &i, "true")
                  : c == 'f' ? skip_word(s, n, &i, "false")
                  : c == 'n' ? skip_word(s, n, &i, "null")
                             : skip_number(s, n, &i)))
                return false;
            st = AFTER;
            continue;
        case KEY_OR_CLOSE:
            if (c == '}') {
                depth--;
                i++;
                st = AFTER;
                continue;
            }
            /* fall through */
        case KEY:
            if (c != '"' || !skip_string(s, n, &i, utf8))
                return false;
            st = COLON;
            continue;
        case COLON:
            if (c != ':')
                return false;
            i++;
            st = VALUE;
            continue;
        case AFTER:
            if (depth == 0)
                return false; /* something after the value */
            if (c == ',') {
                st = in_object ? KEY : VALUE;
            } else if (c == (in_object ? '}' : ']')) {
                depth--;
                st = AFTER;
            } else {
                return false;
            }
            i++;
            continue;
        }
    }
}
