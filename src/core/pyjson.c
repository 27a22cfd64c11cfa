/*
 * src/core/pyjson.c - Python's json.dumps and pydantic's compact JSON
 * (see pyjson.h). Goldens: tests/data/core/gen_pyjson.py.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/core/pyjson.h"

/* ----------------------------------------------------------------- UTF-8 */

/* Decode one scalar at s[*i]; -1 when invalid. */
static long
utf8_next(const unsigned char *s, size_t len, size_t *i)
{
    unsigned char c = s[*i];
    long cp;
    size_t n, k;

    if (c < 0x80) {
        (*i)++;
        return c;
    }
    if (c >= 0xc2 && c <= 0xdf) {
        n = 1;
        cp = c & 0x1f;
    } else if (c >= 0xe0 && c <= 0xef) {
        n = 2;
        cp = c & 0x0f;
    } else if (c >= 0xf0 && c <= 0xf4) {
        n = 3;
        cp = c & 0x07;
    } else {
        return -1;
    }
    if (len - *i <= n)
        return -1;
    for (k = 1; k <= n; k++) {
        unsigned char cc = s[*i + k];
        if ((cc & 0xc0) != 0x80)
            return -1;
        cp = cp << 6 | (cc & 0x3f);
    }
    if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
        cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        return -1;
    *i += n + 1;
    return cp;
}

bool
sst_utf8_valid(const char *s, size_t len)
{
    size_t i = 0;

    while (i < len)
        if (utf8_next((const unsigned char *)s, len, &i) < 0)
            return false;
    return true;
}

/* --------------------------------------------------------------- numbers */

bool
sst_pyjson_is_number(const char *s, size_t len)
{
    size_t i = 0;

#define DIGIT(k) ((k) < len && s[k] >= '0' && s[k] <= '9')
    if (i < len && s[i] == '-')
        i++;
    if (!DIGIT(i))
        return false;
    if (s[i] == '0')
        i++;
    else
        while (DIGIT(i))
            i++;
    if (i < len && s[i] == '.') {
        i++;
        if (!DIGIT(i))
            return false;
        while (DIGIT(i))
            i++;
    }
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < len && (s[i] == '+' || s[i] == '-'))
            i++;
        if (!DIGIT(i))
            return false;
        while (DIGIT(i))
            i++;
    }
#undef DIGIT
    return i == len;
}

size_t
sst_pyfloat_repr(double d, char buf[SST_PYFLOAT_MAX])
{
    char sci[40], digits[20];
    int prec, exp10, nd = 0, k;
    size_t n = 0;
    const char *p;

    buf[0] = '\0';
    if (!isfinite(d))
        return 0;
    if (d == 0) {
        strcpy(buf, signbit(d) ? "-0.0" : "0.0");
        return strlen(buf);
    }
    /* shortest %.Ne that reads back as d: Python's repr digits */
    for (prec = 0; prec < 17; prec++) {
        snprintf(sci, sizeof sci, "%.*e", prec, d);
        if (strtod(sci, NULL) == d)
            break;
    }
    p = sci;
    if (*p == '-')
        buf[n++] = *p++;
    for (; *p != 'e'; p++)
        if (*p != '.')
            digits[nd++] = *p;
    exp10 = atoi(p + 1);
    while (nd > 1 && digits[nd - 1] == '0')
        nd--;
    if (exp10 >= -5 + 1 && exp10 < 16) {
        /* fixed notation: repr switches to exponent below 1e-4 and at
         * 1e16 and above */
        if (exp10 < 0) {
            buf[n++] = '0';
            buf[n++] = '.';
            for (k = -1; k > exp10; k--)
                buf[n++] = '0';
            for (k = 0; k < nd; k++)
                buf[n++] = digits[k];
        } else {
            for (k = 0; k <= exp10; k++)
                buf[n++] = k < nd ? digits[k] : '0';
            buf[n++] = '.';
            if (nd > exp10 + 1)
                for (k = exp10 + 1; k < nd; k++)
                    buf[n++] = digits[k];
            else
                buf[n++] = '0';
        }
        buf[n] = '\0';
        return n;
    }
    buf[n++] = digits[0];
    if (nd > 1) {
        buf[n++] = '.';
        for (k = 1; k < nd; k++)
            buf[n++] = digits[k];
    }
    n += (size_t)snprintf(buf + n, SST_PYFLOAT_MAX - n, "e%c%02d",
                          exp10 < 0 ? '-' : '+', abs(exp10));
    return n;
}

enum sst_code
sst_pyjson_number_text(const json_object *n, char buf[SST_PYFLOAT_MAX],
                       const char **text, struct sst_err *err)
{
    json_object *v = (json_object *)(uintptr_t)n;

    *text = NULL;
    buf[0] = '\0';
    if (json_object_is_type(v, json_type_int)) {
        /* json-c keeps values above INT64_MAX as uint64 */
        if (json_object_get_int64(v) == INT64_MAX)
            snprintf(buf, SST_PYFLOAT_MAX, "%llu",
                     (unsigned long long)json_object_get_uint64(v));
        else
            snprintf(buf, SST_PYFLOAT_MAX, "%lld",
                     (long long)json_object_get_int64(v));
        *text = buf;
        return SST_OK;
    }
    if (!json_object_is_type(v, json_type_double))
        return sst_err_set(err, SST_E_INVALID_ARG, "not a number");
    if (json_object_get_userdata(v) != NULL) {
        const char *s = json_object_get_string(v);
        if (s == NULL || !sst_pyjson_is_number(s, strlen(s)))
            return sst_err_set(err, SST_E_INVALID_ARG,
                               "number text '%.40s' is not a finite JSON "
                               "number",
                               s ? s : "");
        *text = s;
        return SST_OK;
    }
    if (sst_pyfloat_repr(json_object_get_double(v), buf) == 0)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "NaN and infinities cannot be stored");
    *text = buf;
    return SST_OK;
}

/* ---------------------------------------------------------------- writer */

struct writer {
    struct sst_strbuf *b;
    bool python; /* dumps (true) or compact (false) */
    struct sst_err *err;
};

static enum sst_code
write_string(struct writer *w, const char *s, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, run;

    if (!sst_utf8_valid(s, len))
        return sst_err_set(w->err, SST_E_INVALID_ARG,
                           "string is not valid UTF-8");
    sst_strbuf_putc(w->b, '"');
    while (i < len) {
        long cp;
        char esc[16];
        /* copy the longest run that needs no escape */
        for (run = i; run < len; run++) {
            unsigned char c = u[run];
            if (c == '"' || c == '\\' || c < 0x20 || (w->python && c >= 0x7f))
                break;
        }
        sst_strbuf_append(w->b, s + i, run - i);
        i = run;
        if (i >= len)
            break;
        cp = utf8_next(u, len, &i);
        switch (cp) {
        case '"': sst_strbuf_puts(w->b, "\\\""); continue;
        case '\\': sst_strbuf_puts(w->b, "\\\\"); continue;
        case '\n': sst_strbuf_puts(w->b, "\\n"); continue;
        case '\r': sst_strbuf_puts(w->b, "\\r"); continue;
        case '\t': sst_strbuf_puts(w->b, "\\t"); continue;
        case '\b': sst_strbuf_puts(w->b, "\\b"); continue;
        case '\f': sst_strbuf_puts(w->b, "\\f"); continue;
        default: break;
        }
        if (cp >= 0x10000) {
            long v = cp - 0x10000, hi = 0xd800 | (v >> 10),
                 lo = 0xdc00 | (v & 0x3ff);
            snprintf(esc, sizeof esc, "\\u%c%c%c%c\\u%c%c%c%c",
                     hex[hi >> 12], hex[(hi >> 8) & 15], hex[(hi >> 4) & 15],
                     hex[hi & 15], hex[lo >> 12], hex[(lo >> 8) & 15],
                     hex[(lo >> 4) & 15], hex[lo & 15]);
        } else {
            snprintf(esc, sizeof esc, "\\u%c%c%c%c", hex[cp >> 12],
                     hex[(cp >> 8) & 15], hex[(cp >> 4) & 15], hex[cp & 15]);
        }
        sst_strbuf_puts(w->b, esc);
    }
    sst_strbuf_putc(w->b, '"');
    return SST_OK;
}

static enum sst_code
write_value(struct writer *w, const json_object *cv, int depth)
{
    json_object *v = (json_object *)(uintptr_t)cv;
    enum sst_code rc;
    char buf[SST_PYFLOAT_MAX];
    const char *text;
    size_t i, n;
    bool first = true;

    if (depth > SST_PYJSON_MAX_DEPTH)
        return sst_err_set(w->err, SST_E_INVALID_ARG,
                           "JSON value nests deeper than %d levels",
                           SST_PYJSON_MAX_DEPTH);
    switch (json_object_get_type(v)) {
    case json_type_null:
        sst_strbuf_puts(w->b, "null");
        return SST_OK;
    case json_type_boolean:
        sst_strbuf_puts(w->b, json_object_get_boolean(v) ? "true" : "false");
        return SST_OK;
    case json_type_int:
    case json_type_double:
        rc = sst_pyjson_number_text(v, buf, &text, w->err);
        if (rc == SST_OK)
            sst_strbuf_puts(w->b, text);
        return rc;
    case json_type_string:
        return write_string(w, json_object_get_string(v),
                            (size_t)json_object_get_string_len(v));
    case json_type_array:
        sst_strbuf_putc(w->b, '[');
        n = json_object_array_length(v);
        for (i = 0; i < n; i++) {
            if (i > 0)
                sst_strbuf_puts(w->b, w->python ? ", " : ",");
            rc = write_value(w, json_object_array_get_idx(v, i), depth + 1);
            if (rc != SST_OK)
                return rc;
        }
        sst_strbuf_putc(w->b, ']');
        return SST_OK;
    case json_type_object:
        sst_strbuf_putc(w->b, '{');
        {
            json_object_object_foreach(v, key, val)
            {
                if (!first)
                    sst_strbuf_puts(w->b, w->python ? ", " : ",");
                first = false;
                rc = write_string(w, key, strlen(key));
                if (rc != SST_OK)
                    return rc;
                sst_strbuf_puts(w->b, w->python ? ": " : ":");
                rc = write_value(w, val, depth + 1);
                if (rc != SST_OK)
                    return rc;
            }
        }
        sst_strbuf_putc(w->b, '}');
        return SST_OK;
    }
    return sst_err_set(w->err, SST_E_INVALID_ARG, "unknown JSON type");
}

enum sst_code
sst_pyjson_dumps(struct sst_strbuf *b, const json_object *v,
                 struct sst_err *err)
{
    struct writer w = {b, true, err};
    return write_value(&w, v, 0);
}

enum sst_code
sst_pyjson_compact(struct sst_strbuf *b, const json_object *v,
                   struct sst_err *err)
{
    struct writer w = {b, false, err};
    return write_value(&w, v, 0);
}
