/*
 * sst/time.h - timestamps as simplesingletable writes and reads them.
 *
 * A struct sst_time is a Python datetime with microseconds: an instant plus
 * the zone it was written in (UTC, a fixed offset, or none: Python's naive
 * datetime). libsst's own timestamps (created_at, updated_at, gsitypesk)
 * are always UTC. Two text forms matter, and both are produced here byte
 * for byte:
 *
 *   isoformat  Python's datetime.isoformat(), used for top-level item
 *              attributes and gsitypesk:
 *                2026-11-25T18:12:05.922317+00:00
 *                2026-11-25T18:12:05+00:00        (microsecond 0)
 *   json       pydantic 2's JSON form, used inside compressed payloads:
 *                2026-11-25T18:12:05.922979Z
 *                2026-11-25T18:12:05Z             (microsecond 0)
 *
 * Offsets other than zero print as +HH:MM in both forms (isoformat adds
 * :SS when the offset has seconds; pydantic drops them); naive times print
 * without any zone.
 *
 * Parsing accepts what pydantic 2 accepts for a datetime (see
 * sst_time_parse()), so that either form, and what other writers put in a
 * table, reads back. Dates (Python date) have their own small type.
 *
 * The clock is injectable: every function that needs "now" takes a
 * const struct sst_clock *, where NULL means the system clock.
 */
#ifndef SST_TIME_H
#define SST_TIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sst/defs.h>
#include <sst/err.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Longest isoformat or json text, NUL included
 *  ("9999-12-31T23:59:59.999999+23:59:59"). */
#define SST_TIME_STR_MAX 36
/** A date's text, NUL included ("2026-11-25"). */
#define SST_DATE_STR_MAX 11

/** Microseconds of 0001-01-01T00:00:00 and of 9999-12-31T23:59:59.999999
 *  (Python datetime's range), counted from 1970-01-01T00:00:00. */
#define SST_TIME_MIN_US INT64_C(-62135596800000000)
#define SST_TIME_MAX_US INT64_C(253402300799999999)

/**
 * A clock. now_us returns microseconds since 1970-01-01T00:00:00Z; ud is
 * passed through. A NULL struct sst_clock pointer, or a NULL now_us,
 * means the system clock (CLOCK_REALTIME).
 */
struct sst_clock {
    int64_t (*now_us)(void *ud);
    void *ud;
};

/** A point in time with microseconds and the zone it is expressed in. */
struct sst_time {
    /** Microseconds since 1970-01-01T00:00:00Z; for a naive time, of its
     *  wall clock read as if it were UTC. Within [SST_TIME_MIN_US,
     *  SST_TIME_MAX_US] after offset is applied. */
    int64_t us;
    /** Seconds east of UTC (-86399..86399); 0 for UTC and naive times. */
    int32_t offset;
    /** No zone at all (Python naive datetime). */
    bool naive;
};

/** A calendar date (Python date): year 1..9999. */
struct sst_date {
    int year;
    int month;
    int day;
};

/** The clock's reading in microseconds since the epoch. */
SST_API int64_t sst_clock_now_us(const struct sst_clock *clock);

/**
 * Now, as an aware UTC time (what Python's _now() returns).
 *
 * @param[in]  clock  NULL for the system clock
 * @param[out] out    set on SST_OK
 * @return SST_OK; SST_E_INVALID_ARG when the clock reads outside the years
 *         1..9999.
 */
SST_API enum sst_code sst_time_now(const struct sst_clock *clock,
                                   struct sst_time *out, struct sst_err *err);

/**
 * An aware UTC time from microseconds since the epoch.
 *
 * @return SST_OK; SST_E_INVALID_ARG outside the years 1..9999.
 */
SST_API enum sst_code sst_time_from_us(int64_t us, struct sst_time *out,
                                       struct sst_err *err);

/**
 * Python datetime.isoformat(): "YYYY-MM-DDTHH:MM:SS[.ffffff][+HH:MM]".
 * The fraction is left out when the microsecond is 0.
 *
 * @param[in]  t    the time
 * @param[out] buf  receives the NUL-terminated text
 * @return the length written (without NUL); 0 when t is out of range or
 *         malformed (then buf is "").
 */
SST_API size_t sst_time_isoformat(const struct sst_time *t,
                                  char buf[SST_TIME_STR_MAX]);

/**
 * pydantic 2's JSON form: as isoformat, but "Z" for a zero offset.
 * Same contract as sst_time_isoformat().
 */
SST_API size_t sst_time_json(const struct sst_time *t,
                             char buf[SST_TIME_STR_MAX]);

/**
 * Parse a datetime the way pydantic 2 validates a datetime field from a
 * string (its JSON and Python modes agree for strings):
 *
 *   YYYY-MM-DD                                   naive midnight
 *   YYYY-MM-DD<sep>HH:MM[:SS[(.|,)digits]][zone]
 *     sep   'T', 't', ' ' or '_'
 *     digits  one or more; beyond six they are truncated
 *     zone  'Z', 'z', +HH:MM, -HH:MM, +HHMM or -HHMM (|offset| < 24 h);
 *           none gives a naive time; -00:00 is UTC
 *   a Unix timestamp: [+|-]digits, or [+|-]digits.digits with an optional
 *     exponent (e|E)[+|-]digits (at least one digit before or after the
 *     point); seconds, or milliseconds when the value exceeds 2e10 in
 *     magnitude; an aware UTC time, fractions rounded to the nearest
 *     microsecond (half away from zero)
 *
 * Fields are ASCII digits only; years 0001..9999, real calendar days,
 * hours 00..23, minutes and seconds 00..59. No leading or trailing space.
 * pydantic computes fractional timestamps in binary floating point; sst
 * computes them exactly, so the two can differ in the last microsecond
 * for inputs beyond double precision (e.g. "123456789.123e2").
 *
 * @param[in]  s    text, len bytes, need not be NUL-terminated
 * @param[out] out  set on SST_OK
 * @return SST_OK; SST_E_INVALID_ARG with a message naming the problem
 *         ("invalid datetime '...': month value is outside 1..12").
 */
SST_API enum sst_code sst_time_parse(const char *s, size_t len,
                                     struct sst_time *out,
                                     struct sst_err *err);

/**
 * Seconds since the epoch truncated toward zero: Python's
 * int(dt.timestamp()) for aware times. A naive time is taken as UTC
 * (Python would use the machine's local zone).
 */
SST_API int64_t sst_time_epoch_seconds(const struct sst_time *t);

/** The wall-clock date of t (in its own zone). */
SST_API void sst_time_date(const struct sst_time *t, struct sst_date *out);

/**
 * Python date.isoformat(): "YYYY-MM-DD".
 *
 * @return 10, or 0 when d is not a valid date (then buf is "").
 */
SST_API size_t sst_date_isoformat(const struct sst_date *d,
                                  char buf[SST_DATE_STR_MAX]);

/**
 * Parse a date as pydantic 2 validates a date field from a string:
 * "YYYY-MM-DD", or any text sst_time_parse() accepts whose time of day
 * is exactly midnight (zone ignored; for timestamps, midnight UTC).
 *
 * @return SST_OK; SST_E_INVALID_ARG naming the problem.
 */
SST_API enum sst_code sst_date_parse(const char *s, size_t len,
                                     struct sst_date *out,
                                     struct sst_err *err);

/** Whether d is a real calendar date in the years 1..9999. */
SST_API bool sst_date_valid(const struct sst_date *d);

#ifdef __cplusplus
}
#endif

#endif /* SST_TIME_H */
