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

/* A string starting at s[*i] == '"'; leaves *i after the closing quote. */
static bool
skip_string(const char *s, size_t n, size_t *i)
{
    size_t k = *i + 1;

    while (k < n) {
        unsigned char c;

        k += sst_json_plain_len(s + k, n - k); /* the bulk of a string */
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
    /* bit d set: the container at depth d is an object */
    uint64_t objects[SST_SERVER_JSON_MAX_DEPTH / 64];
    enum state st = VALUE;
    unsigned depth = 0;
    size_t i = 0;

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
        in_object = depth > 0 &&
                    (objects[(depth - 1) / 64] >> ((depth - 1) % 64)) & 1;
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
            if (!(c == '"'   ? skip_string(s, n, &i)
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
            if (c != '"' || !skip_string(s, n, &i))
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
