/*
 * emu/server/jsonout.c - a response's JSON text, as json-c writes it
 * (jsonout.h).
 */
#include <inttypes.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <sst/mem.h>

#include "emu/server/jsonout.h"

#define FLAGS (JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE)
/* Deeper than any answer the emulator builds (items nest 32 levels). */
#define MAX_DEPTH 1000

struct out {
    char *p;
    size_t len, cap;
    bool failed;
};

/* 1 for the bytes json-c escapes with NOSLASHESCAPE: control characters,
 * '"' and '\\'. */
static const unsigned char escaped[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x00 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x10 */
    0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x20: '"' */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x30 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x40 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, /* 0x50: '\\' */
};

static bool
reserve(struct out *o, size_t more)
{
    size_t cap;
    char *p;

    if (o->failed)
        return false;
    if (o->cap - o->len > more)
        return true;
    if (more > (size_t)INT_MAX - o->len) {
        o->failed = true;
        return false;
    }
    cap = o->cap ? o->cap : 1024;
    while (cap - o->len <= more)
        cap *= 2;
    p = sst_realloc(o->p, cap);
    if (p == NULL) {
        o->failed = true;
        return false;
    }
    o->p = p;
    o->cap = cap;
    return true;
}

static void
put(struct out *o, const char *s, size_t n)
{
    if (!reserve(o, n))
        return;
    memcpy(o->p + o->len, s, n);
    o->len += n;
}

#define ONES 0x0101010101010101ull
#define HIGHS 0x8080808080808080ull

/* Whether any of the 8 bytes in w needs an escape: below 0x20, '"' or
 * '\\' (exact as a yes or no: the classic has-zero and has-less tests). */
static bool
word_escaped(uint64_t w)
{
    uint64_t lt = (w - ONES * 0x20) & ~w;
    uint64_t q = w ^ (ONES * '"'), b = w ^ (ONES * '\\');

    return ((lt | ((q - ONES) & ~q) | ((b - ONES) & ~b)) & HIGHS) != 0;
}

/* The end of the run of bytes from i that need no escape. */
static size_t
clean_run(const char *s, size_t i, size_t n)
{
    uint64_t w;

    while (n - i >= 8) {
        memcpy(&w, s + i, 8);
        if (word_escaped(w))
            break;
        i += 8;
    }
    while (i < n && !escaped[(unsigned char)s[i]])
        i++;
    return i;
}

/* A string in quotes, escaped as json-c's json_escape_str does. */
static void
put_string(struct out *o, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    size_t i = 0, run;
    unsigned char c;
    char e[6];

    put(o, "\"", 1);
    while (i < n && !o->failed) {
        run = i;
        i = clean_run(s, i, n);
        if (i > run)
            put(o, s + run, i - run);
        if (i == n)
            break;
        c = (unsigned char)s[i++];
        e[0] = '\\';
        switch (c) {
        case '\b': e[1] = 'b'; put(o, e, 2); break;
        case '\n': e[1] = 'n'; put(o, e, 2); break;
        case '\r': e[1] = 'r'; put(o, e, 2); break;
        case '\t': e[1] = 't'; put(o, e, 2); break;
        case '\f': e[1] = 'f'; put(o, e, 2); break;
        case '"': e[1] = '"'; put(o, e, 2); break;
        case '\\': e[1] = '\\'; put(o, e, 2); break;
        default:
            e[1] = 'u';
            e[2] = '0';
            e[3] = '0';
            e[4] = hex[c >> 4];
            e[5] = hex[c & 0xf];
            put(o, e, 6);
            break;
        }
    }
    put(o, "\"", 1);
}

static void
put_value(struct out *o, struct json_object *v, int depth)
{
    char num[32];
    const char *s;
    size_t i, n;
    int len;

    if (depth > MAX_DEPTH) {
        o->failed = true;
        return;
    }
    switch (json_object_get_type(v)) {
    case json_type_null:
        put(o, "null", 4);
        break;
    case json_type_boolean:
        if (json_object_get_boolean(v))
            put(o, "true", 4);
        else
            put(o, "false", 5);
        break;
    case json_type_string:
        put_string(o, json_object_get_string(v),
                   (size_t)json_object_get_string_len(v));
        break;
    case json_type_int:
        /* json-c keeps an int64 or a uint64, and prints either exactly */
        if (json_object_get_int64(v) == INT64_MAX)
            len = snprintf(num, sizeof num, "%" PRIu64,
                           json_object_get_uint64(v));
        else
            len = snprintf(num, sizeof num, "%" PRId64,
                           json_object_get_int64(v));
        put(o, num, (size_t)len);
        break;
    case json_type_object: {
        bool first = true;

        put(o, "{", 1);
        json_object_object_foreach(v, key, val)
        {
            if (!first)
                put(o, ",", 1);
            first = false;
            put_string(o, key, strlen(key));
            put(o, ":", 1);
            put_value(o, val, depth + 1);
        }
        put(o, "}", 1);
        break;
    }
    case json_type_array:
        put(o, "[", 1);
        n = json_object_array_length(v);
        for (i = 0; i < n; i++) {
            if (i > 0)
                put(o, ",", 1);
            put_value(o, json_object_array_get_idx(v, i), depth + 1);
        }
        put(o, "]", 1);
        break;
    case json_type_double:
    default:
        /* json-c's own text for it (a source text it kept, or its
         * formatting of the double) */
        s = json_object_to_json_string_ext(v, FLAGS);
        if (s == NULL)
            o->failed = true;
        else
            put(o, s, strlen(s));
        break;
    }
}

int
sst_server_json_write(struct json_object *v, char **out, size_t *len)
{
    struct out o = {NULL, 0, 0, false};

    *out = NULL;
    *len = 0;
    put_value(&o, v, 0);
    if (reserve(&o, 1))
        o.p[o.len] = '\0';
    if (o.failed) {
        sst_free(o.p);
        return -1;
    }
    *out = o.p;
    *len = o.len;
    return 0;
}
