/*
 * src/http/ini.h - parser of the AWS shared config and credentials files
 * (~/.aws/config, ~/.aws/credentials): "[section]" headers and
 * "key = value" lines, '#' and ';' comments. Indented lines (the nested
 * settings of a key with an empty value) belong to that key and are
 * skipped. Pure code, no I/O; fuzzed by fuzz/fuzz_ini.c.
 */
#ifndef SST_HTTP_INI_H
#define SST_HTTP_INI_H

#include <stddef.h>

#include <sst/err.h>

/* Files larger than this are refused. */
#define SST_INI_MAX_BYTES (1024u * 1024u)

struct sst_ini;

/**
 * Parse text (len bytes, need not be NUL-terminated).
 *
 * @param[out] out  on SST_OK a new ini, freed with sst_ini_free()
 * @return SST_OK; SST_E_INVALID_ARG for a malformed line (the message
 *         gives the line number) or text over SST_INI_MAX_BYTES;
 *         SST_E_NOMEM.
 */
enum sst_code sst_ini_parse(const char *text, size_t len, struct sst_ini **out,
                            struct sst_err *err);

/**
 * The value of key in section (both compared exactly; section is the text
 * between the brackets, trimmed, e.g. "default" or "profile dev"), or NULL.
 * The last occurrence wins. Borrowed: valid until sst_ini_free().
 */
const char *sst_ini_get(const struct sst_ini *ini, const char *section,
                        const char *key);

/** Free an ini. NULL is a no-op. */
void sst_ini_free(struct sst_ini *ini);

#endif
