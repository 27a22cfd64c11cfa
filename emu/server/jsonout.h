/*
 * emu/server/jsonout.h - a response's JSON text, written the way json-c
 * writes it with JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE,
 * byte for byte, in about a third of the instructions.
 *
 * json-c escapes a string one character at a time through a switch and
 * appends through a printbuf; a 100-item Query answer spent more than a
 * third of its time there. This writer copies runs of characters that
 * need no escape with memcpy and escapes the rest as json-c does (\b \n
 * \r \t \f \" \\, other control characters as \u00xx in lower case,
 * '/' left alone). Objects, arrays, strings, 64-bit integers, booleans
 * and null are written here; a double (whose text json-c may keep from
 * its source, or format its own way) is written by json-c itself, so the
 * output cannot differ from json_object_to_json_string_ext's.
 */
#ifndef SST_EMU_SERVER_JSONOUT_H
#define SST_EMU_SERVER_JSONOUT_H

#include <stddef.h>

#include <json-c/json.h>

#include <sst/defs.h>

/**
 * Write o (NULL: JSON null) as JSON text.
 *
 * @param[out] out  on success a new NUL-terminated buffer (sst_free)
 * @param[out] len  its length, without the NUL
 * @return 0; -1 when out of memory or past INT_MAX bytes (json-c's own
 *         limit), with *out NULL.
 */
SST_MUST_CHECK int sst_server_json_write(struct json_object *o, char **out,
                                         size_t *len);

#endif /* SST_EMU_SERVER_JSONOUT_H */
