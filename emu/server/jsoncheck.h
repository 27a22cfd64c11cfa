/*
 * emu/server/jsoncheck.h - strict JSON (RFC 8259) syntax check of a
 * request body, before json-c parses it.
 *
 * json-c's strict mode still takes NaN, Infinity, single-quoted strings,
 * raw control characters in strings and "1." for numbers; AWS refuses
 * them all as SerializationException. This check refuses exactly what RFC
 * 8259 does, in one pass without recursion, and bounds the nesting.
 * UTF-8 is left to json-c (JSON_TOKENER_VALIDATE_UTF8).
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

#endif /* SST_EMU_SERVER_JSONCHECK_H */
