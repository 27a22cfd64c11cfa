/*
 * src/core/pyjson.h - JSON text exactly as Python writes it.
 *
 * Two writers over json-c trees, neither of which json-c's own serializer
 * can stand in for:
 *
 *   dumps    Python's json.dumps(value) with default arguments:
 *            separators ", " and ": ", ensure_ascii (every character
 *            outside space..'~' as \uXXXX, lower-case hex, non-BMP
 *            characters as surrogate pairs; \" \\ \n \r \t \b \f kept
 *            short), keys in the order given. Pagination keys use it.
 *   compact  pydantic 2's model_dump_json(): no spaces, UTF-8 written
 *            as is; only '"', '\\' and control characters below 0x20
 *            escaped (\b \f \n \r \t, others \u00XX). Compressed payloads
 *            use it.
 *
 * Numbers: a json-c int prints in decimal; a json-c double that carries its
 * source text (parsed by json-c, or made by json_object_new_double_s())
 * prints that text, which must be a JSON number; any other double is a
 * Python float and prints as Python's repr() (shortest round trip: "1.5",
 * "100.0", "1e+20", "1e-05"); NaN and infinities are refused. Strings must
 * be valid UTF-8. Depth is capped at SST_PYJSON_MAX_DEPTH.
 */
#ifndef SST_CORE_PYJSON_H
#define SST_CORE_PYJSON_H

#include <stdbool.h>
#include <stddef.h>

#include <json-c/json.h>

#include <sst/defs.h>
#include <sst/err.h>

#include "src/core/buf.h"

#define SST_PYJSON_MAX_DEPTH 64
/* Python's repr of a double fits in 32 bytes ("-2.2250738585072014e-308"). */
#define SST_PYFLOAT_MAX 32

/**
 * Python's repr(float(d)).
 *
 * @return the length, or 0 for NaN and infinities (buf is "").
 */
size_t sst_pyfloat_repr(double d, char buf[SST_PYFLOAT_MAX]);

/**
 * The text a number prints as (see the header comment).
 *
 * @param[in]  n     a json-c int or double
 * @param[out] buf   scratch for ints and bare doubles
 * @param[out] text  on SST_OK, buf or the double's own text (borrowed from
 *                   n, valid while n lives and is unchanged)
 * @return SST_OK; SST_E_INVALID_ARG for a non-number, NaN, an infinity or
 *         a source text that is not a JSON number.
 */
SST_MUST_CHECK enum sst_code sst_pyjson_number_text(const json_object *n,
                                                    char buf[SST_PYFLOAT_MAX],
                                                    const char **text,
                                                    struct sst_err *err);

/** Whether s (len bytes) is a JSON number: -?(0|[1-9]d*)(.d+)?([eE][+-]?d+)? */
bool sst_pyjson_is_number(const char *s, size_t len);

/** Whether s (len bytes) is valid UTF-8 (no overlongs, no surrogates). */
bool sst_utf8_valid(const char *s, size_t len);

/**
 * Append Python's json.dumps(v) to b. NULL v prints "null".
 * @return SST_OK; SST_E_INVALID_ARG (bad UTF-8, bad number, too deep);
 *         b's own failures are reported by sst_strbuf_take().
 */
SST_MUST_CHECK enum sst_code sst_pyjson_dumps(struct sst_strbuf *b,
                                              const json_object *v,
                                              struct sst_err *err);

/** Append pydantic's compact form of v to b. Same contract as dumps. */
SST_MUST_CHECK enum sst_code sst_pyjson_compact(struct sst_strbuf *b,
                                                const json_object *v,
                                                struct sst_err *err);

#endif /* SST_CORE_PYJSON_H */
