/*
 * emu/store/key.h - order-preserving byte encoding of DynamoDB keys.
 *
 * A row of the emulator is found by its key bytes: the values of the key
 * attributes of a table or index, in key-schema order (partition key
 * attributes first, then sort key attributes), each encoded as one
 * "component" and the components concatenated. LMDB compares keys as
 * unsigned bytes, shorter first on a common prefix; the encoding makes
 * that order DynamoDB's order:
 *
 *   - S and B values order by their bytes compared unsigned (S by its UTF-8
 *     bytes: DynamoDB does not compare UTF-16 code units);
 *   - N values order numerically; the bytes come from the numbers module,
 *     which owns the numeric encoding (see sst_emu_key_add_n);
 *   - a composite key orders by its first component, then the second, and
 *     so on, because every component is self-delimiting: it can never be a
 *     proper prefix of a different component.
 *
 * Component escaping: each 0x00 byte of the value becomes 0x00 0xFF, and
 * the component ends with 0x00 0x01. The terminator sorts below every
 * escaped byte that may follow the same prefix (0x00 0xFF and any byte
 * 0x01..0xFF), so a value that is a proper prefix of another still sorts
 * first, and what follows a component never influences its order.
 *
 * Example: table pk (S) "a\0b", sk (S) "x" encodes as
 *   61 00 FF 62 00 01   78 00 01
 *
 * This file has no LMDB dependency; rows.h maps key bytes to LMDB keys.
 */
#ifndef SST_EMU_STORE_KEY_H
#define SST_EMU_STORE_KEY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sst/defs.h>
#include <sst/err.h>

#include "emu/expr/av.h"

/* Longest key the emulator builds: the largest DynamoDB keys (a 2048-byte
 * partition key, a 1024-byte sort key, multi-attribute GSI keys plus the
 * table key they point to), escaped in the worst case, with room to
 * spare. */
#define SST_EMU_KEY_MAX (64 * 1024)

/* Bytes a key keeps inline before it allocates. */
#define SST_EMU_KEY_INLINE 256

/** A key being built. Initialise with sst_emu_key_init(). */
struct sst_emu_key {
    uint8_t *data; /* the key bytes: inline or heap                  */
    size_t len;    /* bytes in use                                   */
    size_t cap;    /* capacity of data                               */
    uint8_t inline_buf[SST_EMU_KEY_INLINE];
};

/** Set up an empty key in caller-owned storage. Never fails. */
void sst_emu_key_init(struct sst_emu_key *k);

/** Release what the key allocated; it may be initialised again. */
void sst_emu_key_cleanup(struct sst_emu_key *k);

/** Empty the key, keeping its storage. */
void sst_emu_key_reset(struct sst_emu_key *k);

/**
 * Append an S component: the UTF-8 bytes of a string value.
 *
 * @param[in,out] k    the key
 * @param[in]     s    borrowed bytes; may contain NUL
 * @param[in]     n    number of bytes
 * @param[out]    err  optional
 * @return SST_OK; SST_E_NOMEM; SST_E_INVALID_ARG when the key would exceed
 *         SST_EMU_KEY_MAX (the key is left unchanged).
 */
SST_MUST_CHECK enum sst_code sst_emu_key_add_s(struct sst_emu_key *k,
                                               const char *s, size_t n,
                                               struct sst_err *err);

/** As sst_emu_key_add_s, for a B value (raw bytes, compared unsigned). */
SST_MUST_CHECK enum sst_code sst_emu_key_add_b(struct sst_emu_key *k,
                                               const uint8_t *b, size_t n,
                                               struct sst_err *err);

/**
 * Append an N component from bytes the caller already encoded.
 *
 * The seam with the numbers module: this file does not parse numbers. The
 * caller passes bytes whose unsigned lexicographic order (a proper prefix
 * first) is the numeric order of the values; such an encoding is produced
 * by the numbers module (emu/expr/num.h). The bytes are escaped like any
 * component, so they need not be self-delimiting and may contain 0x00.
 *
 * @return as sst_emu_key_add_s.
 */
SST_MUST_CHECK enum sst_code sst_emu_key_add_n(struct sst_emu_key *k,
                                               const uint8_t *enc, size_t n,
                                               struct sst_err *err);

/**
 * Append the key component of a scalar value (S, N or B) to k.
 *
 * @return SST_OK; SST_E_NOMEM; SST_E_INVALID_ARG for another type, and
 *         as sst_emu_key_add_s.
 */
SST_MUST_CHECK enum sst_code sst_emu_key_add_av(struct sst_emu_key *k,
                                                const struct sst_av *v,
                                                struct sst_err *err);

/**
 * The length of the component that starts key bytes p (n of them), its
 * terminator included; 0 when p holds no whole component.
 */
size_t sst_emu_key_component_len(const uint8_t *p, size_t n);

/**
 * Make k hold key bytes that are already encoded (a row key read back
 * from a cursor), replacing its contents.
 *
 * @return SST_OK; SST_E_NOMEM; SST_E_INVALID_ARG when n exceeds
 *         SST_EMU_KEY_MAX.
 */
SST_MUST_CHECK enum sst_code sst_emu_key_set_raw(struct sst_emu_key *k,
                                                 const uint8_t *p, size_t n,
                                                 struct sst_err *err);

/**
 * Append bytes that are not a component: a fixed-length field of the
 * caller's layout (emu/ops/keys.h puts 20-byte hashes before components).
 *
 * @return as sst_emu_key_set_raw.
 */
SST_MUST_CHECK enum sst_code sst_emu_key_add_raw(struct sst_emu_key *k,
                                                 const uint8_t *p, size_t n,
                                                 struct sst_err *err);

/**
 * Decode the component that starts at p.
 *
 * @param[in]  p         encoded bytes
 * @param[in]  n         bytes available at p
 * @param[out] out       receives the unescaped value; may be NULL to only
 *                       measure; otherwise it must hold *out_len bytes,
 *                       which never exceeds n
 * @param[out] out_len   length of the value
 * @param[out] consumed  bytes of p the component used, terminator included
 * @return true; false when p does not start with a well-formed component
 *         (no terminator, or 0x00 followed by anything but 0x01 or 0xFF).
 */
bool sst_emu_key_decode(const uint8_t *p, size_t n, uint8_t *out,
                        size_t *out_len, size_t *consumed);

#endif /* SST_EMU_STORE_KEY_H */
