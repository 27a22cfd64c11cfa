/*
 * emu/server/jsoncheck.h - strict JSON (RFC 8259) syntax check of a
 * request body, before json-c parses it.
 *
 * json-c's strict mode still takes NaN, Infinity, single-quoted strings,
 * raw control characters in strings and "1." for numbers; AWS refuses
 * them all as SerializationException. This check refuses exactly what RFC
 * 8259 does, in one pass without recursion, and bounds the nesting. In
 * the same pass it tells whether the strings are UTF-8 by the rule of
 * json-c's JSON_TOKENER_VALIDATE_UTF8, which costs json-c more than half
 * of its parse of a request with a 1 KB string (it calls its validator
 * for every byte); the server parses with json-c without that flag.
 */
#ifndef SST_EMU_SERVER_JSONCHECK_H
#define SST_EMU_SERVER_JSONCHECK_H

#include <stdbool.h>
#include <stddef.h>

/* Deepest nesting sst_server_json_valid() can be asked to allow. */
#define SST_SERVER_JSON_MAX_DEPTH 4096

/**
 * Whether the n bytes at s are one JSON value, optionally surrounded by
 * white space, nested at most max_depth (at most
 * SST_SERVER_JSON_MAX_DEPTH) arrays and objects deep.
 */
bool sst_server_json_valid(const char *s, size_t n, unsigned max_depth);

/**
 * sst_server_json_valid(), and, when utf8 is not NULL, whether every
 * string of the text is UTF-8 as json-c's JSON_TOKENER_VALIDATE_UTF8
 * checks it: each byte from 0x80 a lead byte 0xC0 to 0xF7 followed by the
 * 1 to 3 continuation bytes (0x80 to 0xBF) it announces (overlong forms,
 * surrogates and code points over U+10FFFF pass, as in json-c). Bytes
 * from 0x80 outside strings are no JSON at all. *utf8 is meaningful only
 * when the text is valid (the return value).
 */
bool sst_server_json_check(const char *s, size_t n, unsigned max_depth,
                           bool *utf8);

#endif /* SST_EMU_SERVER_JSONCHECK_H */
