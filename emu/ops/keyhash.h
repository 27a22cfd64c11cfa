/*
 * emu/ops/keyhash.h - DynamoDB Local's hashes of key values: the order of
 * a Scan, of parallel scan segments and of equal index keys.
 *
 * DynamoDB leaves the order of a Scan, and of items whose index keys are
 * equal, to itself. DynamoDB Local keeps a 20-byte hash beside each key
 * value and orders by it (docs/emulator.md, "Row order"):
 *
 *   H(v)    = SHA-1("LocalDdb" || bytes(v)), bytes(v) the UTF-8 of an S,
 *             the raw bytes of a B, and for an N the bytes of
 *             sst_emu_java_decimal_key();
 *   H(a, b) = SHA-1("LocalDdb" || H(a) || H(b)).
 *
 * A Scan of a table walks H(partition key) upwards, then the sort key;
 * segment i of T covers the hashes from i * floor(M / T) to
 * (i + 1) * floor(M / T) - 1 (the last one to M), M = 2^160 - 1. The
 * emulator's row keys begin with these hashes (emu/ops/keys.h), so its
 * walks give the same order without sorting.
 */
#ifndef SST_EMU_OPS_KEYHASH_H
#define SST_EMU_OPS_KEYHASH_H

#include <stddef.h>
#include <stdint.h>

#include "emu/expr/av.h"
#include "emu/expr/num.h"

/* Bytes of a hash. */
#define SST_EMU_KEY_HASH_LEN 20

/* Longest sst_emu_java_decimal_key(): an exponent byte, 20 digit pairs
 * (38 digits and a leading zero) and a negative number's end byte. */
#define SST_EMU_JAVA_DECIMAL_MAX 22

/**
 * DynamoDB Local's key bytes of a number (its Java encodeBigDecimal):
 * zero is 0x80; otherwise an exponent byte (192 plus half the decimal
 * exponent of the digits made even, all bits flipped when negative), then
 * the digits in pairs of one byte each (the pair plus 1, or 101 less the
 * pair when negative), and 102 after a negative number of fewer than 20
 * pairs.
 *
 * @param[in]  n    a number of sst_num_parse()
 * @param[out] out  SST_EMU_JAVA_DECIMAL_MAX bytes
 * @return the number of bytes written, 1 to SST_EMU_JAVA_DECIMAL_MAX.
 */
size_t sst_emu_java_decimal_key(const struct sst_num *n, uint8_t *out);

/**
 * H(v) of a key value.
 *
 * @param[in]  v    an S, N or B value
 * @param[out] out  SST_EMU_KEY_HASH_LEN bytes
 * @return 0; -1 when v is of another type (out is then zeroed).
 */
int sst_emu_key_hash(const struct sst_av *v, uint8_t *out);

/** H(v) of the bytes of an S or B value (or of a number's key bytes). */
void sst_emu_key_hash_bytes(const void *p, size_t n, uint8_t *out);

/** H(a, b): the hash of two hashes, a then b. */
void sst_emu_key_hash_pair(const uint8_t *a, const uint8_t *b, uint8_t *out);

/**
 * The first hash of segment seg of total (0 <= seg < total), and the
 * last; both SST_EMU_KEY_HASH_LEN bytes, big-endian.
 */
void sst_emu_segment_bounds(int64_t seg, int64_t total, uint8_t *first,
                            uint8_t *last);

#endif /* SST_EMU_OPS_KEYHASH_H */
