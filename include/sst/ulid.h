/*
 * sst/ulid.h - ULIDs, the resource ids simplesingletable generates.
 *
 * A ULID is 128 bits: a 48-bit Unix time in milliseconds followed by 80
 * random bits, written as 26 characters of Crockford base32
 * ("0123456789ABCDEFGHJKMNPQRSTVWXYZ", upper case). The text sorts as the
 * time does, so keys "<Type>#<ULID>" sort by creation time.
 *
 * A generator (struct sst_ulid_gen) is monotonic: within one millisecond,
 * and when the clock steps backwards, it reuses the last time and adds one
 * to the 80-bit random part instead of drawing new bits, so every id it
 * returns sorts after the previous one. When the random part would
 * overflow, generation fails (SST_E_INVALID_ARG) until the clock moves on.
 *
 * The clock and the source of randomness are injectable; the defaults are
 * the system clock and OpenSSL's RAND_bytes. A generator is used by one
 * thread at a time.
 */
#ifndef SST_ULID_H
#define SST_ULID_H

#include <stddef.h>
#include <stdint.h>

#include <sst/defs.h>
#include <sst/err.h>
#include <sst/time.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Characters in a ULID. */
#define SST_ULID_LEN 26
/** Characters of the time part of a ULID. */
#define SST_ULID_TIME_LEN 10
/** Bytes of the random part. */
#define SST_ULID_RANDOM_BYTES 10
/** Largest ULID time: 2^48 - 1 ms (the year 10889). */
#define SST_ULID_MAX_MS INT64_C(281474976710655)

/**
 * A source of randomness: fill buf with len random bytes and return
 * SST_OK, or fill err and return its code.
 */
struct sst_random {
    enum sst_code (*fill)(void *ud, unsigned char *buf, size_t len,
                          struct sst_err *err);
    void *ud;
};

/** Generator state. Set up with sst_ulid_gen_init(); no cleanup needed. */
struct sst_ulid_gen {
    struct sst_clock clock;   /* now_us NULL: system clock      */
    struct sst_random random; /* fill NULL: OpenSSL RAND_bytes  */
    int64_t last_ms;          /* -1 before the first id          */
    unsigned char last_random[SST_ULID_RANDOM_BYTES];
};

/**
 * Set up a generator.
 *
 * @param[out] g       the generator (caller-owned storage)
 * @param[in]  clock   copied; NULL for the system clock
 * @param[in]  random  copied; NULL for OpenSSL RAND_bytes
 */
SST_API void sst_ulid_gen_init(struct sst_ulid_gen *g,
                               const struct sst_clock *clock,
                               const struct sst_random *random);

/**
 * The next ULID: the clock's millisecond and fresh random bits, or, when
 * the millisecond is not later than the last one, the last time and the
 * last random part plus one.
 *
 * @param[in,out] g    generator
 * @param[out]    out  26 characters and a NUL
 * @return SST_OK; SST_E_INVALID_ARG when the clock reads before 1970 or
 *         after SST_ULID_MAX_MS, or when the random part would overflow
 *         within one millisecond ("ULID random part overflow"); the random
 *         source's code when it fails (SST_E_INTERNAL for RAND_bytes).
 *         On failure out is "" and g is unchanged.
 */
SST_API enum sst_code sst_ulid_gen_next(struct sst_ulid_gen *g,
                                        char out[SST_ULID_LEN + 1],
                                        struct sst_err *err);

/**
 * Encode a time and a random part.
 *
 * @param[in]  ms      0..SST_ULID_MAX_MS
 * @param[in]  random  SST_ULID_RANDOM_BYTES bytes, big-endian
 * @param[out] out     26 characters and a NUL ("" on failure)
 * @return SST_OK; SST_E_INVALID_ARG when ms is out of range.
 */
SST_API enum sst_code sst_ulid_encode(int64_t ms,
                                      const unsigned char *random,
                                      char out[SST_ULID_LEN + 1],
                                      struct sst_err *err);

/**
 * Decode a ULID: exactly 26 characters of the Crockford alphabet, upper or
 * lower case (no aliases: I, L, O and U are refused), the first one 0..7
 * (a larger one would not fit in 128 bits).
 *
 * @param[in]  s       text, len bytes
 * @param[out] ms      optional; its time in milliseconds
 * @param[out] random  optional; SST_ULID_RANDOM_BYTES bytes
 * @return SST_OK; SST_E_INVALID_ARG naming the problem.
 */
SST_API enum sst_code sst_ulid_parse(const char *s, size_t len, int64_t *ms,
                                     unsigned char *random,
                                     struct sst_err *err);

/**
 * The 10-character time prefix of the ULIDs of a moment: what ulid-py's
 * from_timestamp(dt).str[:10] gives, used to bound audit-log queries by
 * date. The milliseconds are computed as ulid-py computes them, in binary
 * floating point (int(dt.timestamp() * 1000)), so that the prefixes agree
 * even where rounding carries into the next millisecond
 * (9999-12-31T23:59:59.999999 gives the prefix of ...:00.000).
 *
 * @param[in]  t    an aware time (a naive one is read as UTC)
 * @param[out] out  10 characters and a NUL ("" on failure)
 * @return SST_OK; SST_E_INVALID_ARG when t is before 1970.
 */
SST_API enum sst_code sst_ulid_time_prefix(const struct sst_time *t,
                                           char out[SST_ULID_TIME_LEN + 1],
                                           struct sst_err *err);

#ifdef __cplusplus
}
#endif

#endif /* SST_ULID_H */
