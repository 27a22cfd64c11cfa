/*
 * src/core/jsonstr.h - the bytes a JSON string holds as they are.
 *
 * Inside a JSON string, every byte stands for itself except '"', '\\'
 * and the control characters U+0000 to U+001F (RFC 8259, section 7). The
 * request syntax check skips such runs, and the emulator's item printer
 * copies them; both meet runs of a kilobyte and more (1 KB attribute
 * values), so the run is measured eight bytes at a time.
 */
#ifndef SST_CORE_JSONSTR_H
#define SST_CORE_JSONSTR_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Bytes of each 8-byte word, and their high bits. */
#define SST_JSONSTR_ONES UINT64_C(0x0101010101010101)
#define SST_JSONSTR_HIGHS UINT64_C(0x8080808080808080)

/**
 * The length of the longest prefix of s (n bytes) with no '"', no '\\'
 * and no byte below 0x20: n when s has none of them. Pure; s need not be
 * NUL-terminated and may hold NUL bytes (which end the prefix).
 */
static inline size_t
sst_json_plain_len(const char *s, size_t n)
{
    size_t i = 0;
    uint64_t w, quote, bslash;

    for (; i + 8 <= n; i += 8) {
        memcpy(&w, s + i, 8);
        quote = w ^ (SST_JSONSTR_ONES * '"');
        bslash = w ^ (SST_JSONSTR_ONES * '\\');
        /* a zero byte in quote or bslash, or a byte below 0x20 in w, sets
         * that byte's high bit (exact for bytes up to 0x7F; bytes from
         * 0x80 never set it, since ~w clears it) */
        if ((((w - SST_JSONSTR_ONES * 0x20) | (quote - SST_JSONSTR_ONES) |
              (bslash - SST_JSONSTR_ONES)) &
             ~w & SST_JSONSTR_HIGHS) != 0)
            break;
    }
    for (; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == '"' || c == '\\')
            return i;
    }
    return n;
}

#endif /* SST_CORE_JSONSTR_H */
