/*
 * emu/expr/num.h - DynamoDB numbers, exact, on GMP.
 *
 * A DynamoDB number is a decimal of at most 38 significant digits whose
 * magnitude lies between 1E-130
 * and 9.9999999999999999999999999999999999999E+125 (or is zero). sst keeps one
 * as a sign, an exact GMP integer coefficient and a base-10 exponent, always
 * normalised: the coefficient has no trailing zeros, and zero has exactly one
 * form (sign 0, coefficient 0, exponent 0). Two equal numbers therefore have
 * equal fields, whatever text they were parsed from ("1.50", "15e-1",
 * "+0001.5").
 *
 * Every function that makes a number (parse, add, sub, key decode,
 * set_i64) leaves it inside DynamoDB's precision and range, so every
 * number in sst prints in at most SST_NUM_STR_MAX - 1 characters and
 * encodes in at most SST_NUM_KEY_MAX bytes. Nothing here uses double.
 *
 * GMP allocates the coefficient's limbs with its own allocator (sst does
 * not replace GMP's global allocator: the application may use GMP too).
 * Every initialised number must be released with sst_num_cleanup(), and a
 * struct sst_num must never be copied by assignment (use sst_num_copy).
 */
#ifndef SST_EMU_EXPR_NUM_H
#define SST_EMU_EXPR_NUM_H

#include <stddef.h>
#include <stdint.h>

#include <gmp.h>

#include <sst/err.h>

/* DynamoDB's limits: significant digits and the decimal exponent of the
 * most significant digit ("adjusted exponent"). */
#define SST_NUM_MAX_DIGITS 38
#define SST_NUM_MAX_ADJ_EXP 125
#define SST_NUM_MIN_ADJ_EXP (-130)

/* Longest canonical string, NUL included: "-0." + 129 zeros + 38 digits. */
#define SST_NUM_STR_MAX 172
/* Longest key encoding: sign, exponent, 39 nibbles (38 digits + end). */
#define SST_NUM_KEY_MAX 22

/* DynamoDB's messages (ValidationException), as DynamoDB Local sends
 * them; docs/notes-value.md lists the variants AWS has been seen to send. */
#define SST_NUM_MSG_NAN "A value provided cannot be converted into a number"
#define SST_NUM_MSG_PRECISION "DynamoDB only supports precision up to 38 digits"
#define SST_NUM_MSG_OVERFLOW                                                   \
    "Number overflow. Attempting to store a number with magnitude larger "     \
    "than supported range"
#define SST_NUM_MSG_UNDERFLOW                                                  \
    "Number underflow. Attempting to store a number with magnitude smaller "   \
    "than supported range"

struct sst_num {
    int sign;   /* -1, 0 or 1                                          */
    int exp;    /* value = sign * coef * 10^exp                        */
    int digits; /* decimal digits of coef; 0 for zero                   */
    mpz_t coef; /* > 0 and not a multiple of 10, or 0 for zero          */
};

/** Initialise n to zero. Cannot fail (GMP aborts when it runs out of
 *  memory). Release with sst_num_cleanup(). */
void sst_num_init(struct sst_num *n);

/** Release what n holds. n must have been initialised; NULL is a no-op. */
void sst_num_cleanup(struct sst_num *n);

/** Make dst (initialised) equal to src. dst may be src. */
void sst_num_copy(struct sst_num *dst, const struct sst_num *src);

/** Make n (initialised) equal to the integer v. */
void sst_num_set_i64(struct sst_num *n, int64_t v);

/**
 * Parse a number as DynamoDB does (Java's BigDecimal grammar):
 * [+|-] digits [. digits] [(e|E) [+|-] digits], with at least one mantissa
 * digit on either side of the point ("5.", ".5"). No spaces, no "0x",
 * "Infinity" or "NaN". Digits are ASCII or any other Unicode decimal digit
 * of the Basic Multilingual Plane in UTF-8 ("١٢" is 12), as DynamoDB
 * accepts them. An exponent outside Java's int, or one that moves the
 * scale outside it, is "not a number", as in DynamoDB; no input makes the
 * parser overflow.
 *
 * Checks, in DynamoDB's order: syntax, then precision (more than 38
 * significant digits once leading and trailing zeros are dropped), then
 * range.
 *
 * @param[out] n    initialised number; set on SST_OK, unchanged otherwise
 * @param[in]  s    text, len bytes, need not be NUL-terminated
 * @param[out] err  optional
 * @return SST_OK, or SST_E_VALIDATION with SST_NUM_MSG_NAN,
 *         SST_NUM_MSG_PRECISION, SST_NUM_MSG_OVERFLOW or
 *         SST_NUM_MSG_UNDERFLOW as the message.
 */
SST_MUST_CHECK enum sst_code sst_num_parse(struct sst_num *n, const char *s,
                                           size_t len, struct sst_err *err);

/**
 * Write n in DynamoDB's canonical form: plain decimal notation, no
 * exponent, no leading or trailing zeros, "-" for negatives, "0" for
 * zero ("1.50" -> "1.5", "1e3" -> "1000", "1E-3" -> "0.001").
 *
 * Works like snprintf: writes at most size - 1 characters and a NUL
 * (when size > 0) and returns the length of the whole string. A buffer of
 * SST_NUM_STR_MAX bytes always suffices.
 */
size_t sst_num_to_str(const struct sst_num *n, char *buf, size_t size);

/** Exact comparison: -1, 0 or 1 as a <, ==, > b. */
int sst_num_cmp(const struct sst_num *a, const struct sst_num *b);

/**
 * r = a + b and r = a - b, exactly, as DynamoDB's "SET a = b + c",
 * "SET a = b - c" and "ADD" compute them. r may be a or b.
 *
 * @param[out] r    initialised; set on SST_OK, unchanged otherwise
 * @return SST_OK, or SST_E_VALIDATION when the exact result has more than
 *         38 significant digits (SST_NUM_MSG_PRECISION; DynamoDB does not
 *         round), or lies outside the range (SST_NUM_MSG_OVERFLOW,
 *         SST_NUM_MSG_UNDERFLOW). Precision is checked first.
 */
SST_MUST_CHECK enum sst_code sst_num_add(struct sst_num *r,
                                         const struct sst_num *a,
                                         const struct sst_num *b,
                                         struct sst_err *err);
SST_MUST_CHECK enum sst_code sst_num_sub(struct sst_num *r,
                                         const struct sst_num *a,
                                         const struct sst_num *b,
                                         struct sst_err *err);

/**
 * Bytes DynamoDB counts for the number in an item's size (the attribute
 * name not included): 1 for zero; otherwise 1, plus one per base-100
 * digit from the most to the least significant non-zero pair (pairs are
 * aligned on the decimal point), plus 1 for a negative number. Measured
 * against DynamoDB Local's 400 KB limit; AWS documents it as
 * "approximately 1 byte per two significant digits, plus 1 byte".
 */
size_t sst_num_size(const struct sst_num *n);

/**
 * Order-preserving key encoding for LMDB: for any numbers a and b,
 * memcmp order of their encodings (shorter is smaller on a common prefix)
 * is sst_num_cmp order, and equal numbers encode to identical bytes. The
 * encoding is self-delimiting (no encoding is a proper prefix of another),
 * so it can be followed by more key bytes.
 *
 * Layout: one sign byte (0x01 negative, 0x02 zero, 0x03 positive; zero is
 * just that byte), one byte for the adjusted exponent (E + 130 for
 * positives, 125 - E for negatives), then the digits two per byte as
 * nibbles: digit + 1 and a 0 end nibble for positives, 14 - digit and a
 * 15 end nibble for negatives, the last byte padded with the end nibble.
 *
 * @param[out] out  at least SST_NUM_KEY_MAX bytes
 * @return the number of bytes written (1 to SST_NUM_KEY_MAX)
 */
size_t sst_num_key_encode(const struct sst_num *n, unsigned char *out);

/* Longest text sst_num_key_encode_text() takes on its fast path. */
#define SST_NUM_FAST_TEXT_MAX 40

/**
 * The key encoding of the number written in s, without GMP, for the
 * short plain forms keys are usually written in: an optional sign, ASCII
 * digits with at most one point, no exponent, at most
 * SST_NUM_FAST_TEXT_MAX bytes and at most 38 significant digits ("12345",
 * "-0.50", "+7.", ".25"). The bytes are exactly those of sst_num_parse()
 * then sst_num_key_encode() (fuzz/fuzz_num.c compares them).
 *
 * @param[in]  s    text, len bytes, need not be NUL-terminated
 * @param[out] out  at least SST_NUM_KEY_MAX bytes
 * @return the number of bytes written (1 to SST_NUM_KEY_MAX), or 0 when s
 *         is not of those forms (it may still be a number, or not one:
 *         the caller takes sst_num_parse(), which also reports errors);
 *         out is then unspecified.
 */
size_t sst_num_key_encode_text(const char *s, size_t len, unsigned char *out);

/**
 * Decode one number from the start of a key encoding. Only canonical
 * encodings (those sst_num_key_encode writes) are accepted.
 *
 * @param[out] n     initialised; set on SST_OK, unchanged otherwise
 * @param[in]  buf   len bytes; may continue past the number
 * @param[out] used  optional; bytes the number took
 * @return SST_OK, or SST_E_INVALID_ARG for bytes that are not a canonical
 *         encoding ("malformed number key")
 */
SST_MUST_CHECK enum sst_code sst_num_key_decode(struct sst_num *n,
                                                const unsigned char *buf,
                                                size_t len, size_t *used,
                                                struct sst_err *err);

#endif /* SST_EMU_EXPR_NUM_H */
