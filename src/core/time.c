/*
 * src/core/time.c - Python/pydantic timestamps (see include/sst/time.h).
 *
 * Civil dates convert to and from day counts with Howard Hinnant's
 * days_from_civil / civil_from_days, exact over the proleptic Gregorian
 * calendar; no libc time functions (and so no local zone) are involved.
 * The parser follows pydantic 2 (speedate), as probed with pydantic 2.13:
 * tests/data/core/gen_time.py records its verdicts as goldens.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <sst/time.h>

#define US_PER_SEC INT64_C(1000000)
#define US_PER_DAY (INT64_C(86400) * US_PER_SEC)
/* Timestamps above this magnitude are milliseconds (speedate). */
#define MS_THRESHOLD INT64_C(20000000000)

/* ------------------------------------------------------------ calendar */

static int64_t
days_from_civil(int64_t y, int m, int d)
{
    int64_t era, yoe, doy, doe;

    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void
civil_from_days(int64_t z, int *y, int *m, int *d)
{
    int64_t era, doe, yoe, doy, mp;

    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

static bool
is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
days_in_month(int y, int m)
{
    static const int dim[12] = {31, 28, 31, 30, 31, 30,
                                31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

bool
sst_date_valid(const struct sst_date *d)
{
    return d->year >= 1 && d->year <= 9999 && d->month >= 1 &&
           d->month <= 12 && d->day >= 1 &&
           d->day <= days_in_month(d->year, d->month);
}

static int64_t
floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

/* ---------------------------------------------------------------- clock */

int64_t
sst_clock_now_us(const struct sst_clock *clock)
{
    struct timespec ts;

    if (clock != NULL && clock->now_us != NULL)
        return clock->now_us(clock->ud);
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * US_PER_SEC + ts.tv_nsec / 1000;
}

enum sst_code
sst_time_from_us(int64_t us, struct sst_time *out, struct sst_err *err)
{
    if (us < SST_TIME_MIN_US || us > SST_TIME_MAX_US)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "time %lld us is outside the years 1..9999",
                           (long long)us);
    out->us = us;
    out->offset = 0;
    out->naive = false;
    return SST_OK;
}

enum sst_code
sst_time_now(const struct sst_clock *clock, struct sst_time *out,
             struct sst_err *err)
{
    return sst_time_from_us(sst_clock_now_us(clock), out, err);
}

int64_t
sst_time_epoch_seconds(const struct sst_time *t)
{
    return t->us / US_PER_SEC; /* C division truncates, as int() does */
}

/* Wall-clock microseconds (instant shifted into its zone), or false. */
static bool
wall_us(const struct sst_time *t, int64_t *wall)
{
    if (t->naive && t->offset != 0)
        return false;
    if (t->offset <= -86400 || t->offset >= 86400)
        return false;
    if (t->us < SST_TIME_MIN_US - 86400 * US_PER_SEC ||
        t->us > SST_TIME_MAX_US + 86400 * US_PER_SEC)
        return false;
    *wall = t->us + (int64_t)t->offset * US_PER_SEC;
    return *wall >= SST_TIME_MIN_US && *wall <= SST_TIME_MAX_US;
}

void
sst_time_date(const struct sst_time *t, struct sst_date *out)
{
    int64_t wall;

    if (!wall_us(t, &wall)) {
        out->year = out->month = out->day = 0;
        return;
    }
    civil_from_days(floor_div(wall, US_PER_DAY), &out->year, &out->month,
                    &out->day);
}

/* ----------------------------------------------------------- formatting */

static size_t
format(const struct sst_time *t, bool json, char buf[SST_TIME_STR_MAX])
{
    int64_t wall, day_us, rem;
    int y, mo, d, hh, mi, ss, us;
    size_t n;

    buf[0] = '\0';
    if (!wall_us(t, &wall))
        return 0;
    day_us = floor_div(wall, US_PER_DAY);
    rem = wall - day_us * US_PER_DAY;
    civil_from_days(day_us, &y, &mo, &d);
    hh = (int)(rem / (3600 * US_PER_SEC));
    mi = (int)(rem / (60 * US_PER_SEC) % 60);
    ss = (int)(rem / US_PER_SEC % 60);
    us = (int)(rem % US_PER_SEC);
    n = (size_t)snprintf(buf, SST_TIME_STR_MAX, "%04d-%02d-%02dT%02d:%02d:%02d",
                         y, mo, d, hh, mi, ss);
    if (us != 0)
        n += (size_t)snprintf(buf + n, SST_TIME_STR_MAX - n, ".%06d", us);
    if (t->naive)
        return n;
    if (t->offset == 0 && json) {
        buf[n++] = 'Z';
        buf[n] = '\0';
        return n;
    }
    {
        int off = t->offset < 0 ? -t->offset : t->offset;
        char sign = t->offset < 0 ? '-' : '+';
        n += (size_t)snprintf(buf + n, SST_TIME_STR_MAX - n, "%c%02d:%02d",
                              sign, off / 3600, off / 60 % 60);
        /* isoformat keeps offset seconds; pydantic's JSON drops them */
        if (off % 60 != 0 && !json)
            n += (size_t)snprintf(buf + n, SST_TIME_STR_MAX - n, ":%02d",
                                  off % 60);
    }
    return n;
}

size_t
sst_time_isoformat(const struct sst_time *t, char buf[SST_TIME_STR_MAX])
{
    return format(t, false, buf);
}

size_t
sst_time_json(const struct sst_time *t, char buf[SST_TIME_STR_MAX])
{
    return format(t, true, buf);
}

size_t
sst_date_isoformat(const struct sst_date *d, char buf[SST_DATE_STR_MAX])
{
    buf[0] = '\0';
    if (!sst_date_valid(d))
        return 0;
    return (size_t)snprintf(buf, SST_DATE_STR_MAX, "%04d-%02d-%02d", d->year,
                            d->month, d->day);
}

/* -------------------------------------------------------------- parsing */

/* Report a parse error with (a printable excerpt of) the input. */
static enum sst_code
bad(struct sst_err *err, const char *what, const char *s, size_t len,
    const char *problem)
{
    char shown[44];
    size_t i, n = len < 40 ? len : 40;

    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        shown[i] = (c >= 0x20 && c < 0x7f) ? (char)c : '?';
    }
    if (len > n) {
        memcpy(shown + n, "...", 3);
        n += 3;
    }
    shown[n] = '\0';
    return sst_err_set(err, SST_E_INVALID_ARG, "invalid %s '%s': %s", what,
                       shown, problem);
}

static bool
is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* n ASCII digits at s[*i], into *v. */
static bool
take_digits(const char *s, size_t len, size_t *i, int n, int *v)
{
    int k;

    if (*i + (size_t)n > len)
        return false;
    *v = 0;
    for (k = 0; k < n; k++) {
        char c = s[*i + (size_t)k];
        if (!is_digit(c))
            return false;
        *v = *v * 10 + (c - '0');
    }
    *i += (size_t)n;
    return true;
}

/* "YYYY-MM-DD" at the start of s; NULL or a problem. */
static const char *
parse_date_part(const char *s, size_t len, struct sst_date *d)
{
    size_t i = 0;

    if (len < 10)
        return "input is too short";
    if (!take_digits(s, len, &i, 4, &d->year))
        return "invalid character in year";
    if (s[i++] != '-')
        return "invalid date separator, expected '-'";
    if (!take_digits(s, len, &i, 2, &d->month))
        return "invalid character in month";
    if (s[i++] != '-')
        return "invalid date separator, expected '-'";
    if (!take_digits(s, len, &i, 2, &d->day))
        return "invalid character in day";
    if (d->year == 0)
        return "year 0 is out of range";
    if (d->month < 1 || d->month > 12)
        return "month value is outside expected range of 1-12";
    if (d->day < 1 || d->day > days_in_month(d->year, d->month))
        return "day value is outside expected range";
    return NULL;
}

/*
 * A Unix timestamp (see sst_time_parse): exact decimal arithmetic.
 * Returns NULL and sets *us, or a problem.
 */
static const char *
parse_timestamp(const char *s, size_t len, int64_t *us)
{
    char digits[64];
    size_t i = 0, nd = 0;
    int sign = 1, point = -1, dropped = 0;
    long exp = 0;
    bool seen_digit = false, seen_point = false;
    int64_t whole = 0, scaled;
    long intlen, k;
    int scale, next;

    if (i < len && (s[i] == '+' || s[i] == '-'))
        sign = s[i++] == '-' ? -1 : 1;
    for (; i < len; i++) {
        char c = s[i];
        if (is_digit(c)) {
            seen_digit = true;
            if (nd == 0 && c == '0') {
                /* leading zero: only matters after the point */
                if (seen_point)
                    dropped++;
                continue;
            }
            if (nd < sizeof digits)
                digits[nd++] = c;
            else if (!seen_point)
                return "timestamp is out of range";
        } else if (c == '.' && !seen_point) {
            seen_point = true;
            point = (int)nd;
        } else {
            break;
        }
    }
    if (!seen_digit)
        return "input is too short";
    if (i < len) {
        /* an exponent, only after a fractional part (speedate) */
        int esign = 1;
        bool edigit = false;
        if (!seen_point || (s[i] != 'e' && s[i] != 'E'))
            return "input is too short";
        i++;
        if (i < len && (s[i] == '+' || s[i] == '-'))
            esign = s[i++] == '-' ? -1 : 1;
        for (; i < len && is_digit(s[i]); i++) {
            edigit = true;
            if (exp < 100000)
                exp = exp * 10 + (s[i] - '0');
        }
        if (!edigit || i < len)
            return "input is too short";
        exp *= esign;
    }
    /* value = 0.digits * 10^intlen */
    intlen = (seen_point ? (long)point - dropped : (long)nd) + exp;
    if (intlen > 15)
        return "timestamp is out of range";
    for (k = 0; k < intlen; k++)
        whole = whole * 10 + (k < (long)nd ? digits[k] - '0' : 0);
    /* digit at position p (0 = first after the point) */
#define FRAC(p)                                                                \
    ((intlen + (p)) >= 0 && (intlen + (p)) < (long)nd                          \
         ? digits[intlen + (p)] - '0'                                          \
         : 0)
    {
        bool frac_nonzero = false;
        for (k = intlen < 0 ? 0 : intlen; k < (long)nd; k++)
            if (digits[k] != '0')
                frac_nonzero = true;
        scale = (whole > MS_THRESHOLD ||
                 (whole == MS_THRESHOLD && frac_nonzero))
                    ? 3
                    : 6;
    }
    scaled = whole;
    for (k = 0; k < scale; k++)
        scaled = scaled * 10 + FRAC(k);
    next = FRAC(scale);
#undef FRAC
    if (next >= 5)
        scaled++;
    /* scaled counts microseconds: seconds with 6 fraction digits, or
     * milliseconds with 3 */
    *us = sign * scaled;
    if (*us < SST_TIME_MIN_US || *us > SST_TIME_MAX_US)
        return "timestamp is outside the years 1..9999";
    return NULL;
}

/* The time and zone after the date; NULL or a problem. */
static const char *
parse_time_part(const char *s, size_t len, size_t i, int64_t *day_us,
                int32_t *offset, bool *naive)
{
    int hh, mi, ss = 0, frac = 0, ndig = 0;

    if (!take_digits(s, len, &i, 2, &hh) || i >= len || s[i++] != ':' ||
        !take_digits(s, len, &i, 2, &mi))
        return "unexpected extra characters at the end of the input";
    if (hh > 23)
        return "hour value is outside expected range of 0-23";
    if (mi > 59)
        return "minute value is outside expected range of 0-59";
    if (i < len && s[i] == ':') {
        i++;
        if (!take_digits(s, len, &i, 2, &ss))
            return "unexpected extra characters at the end of the input";
        if (ss > 59)
            return "second value is outside expected range of 0-59";
        if (i < len && (s[i] == '.' || s[i] == ',')) {
            i++;
            if (i >= len || !is_digit(s[i]))
                return "unexpected extra characters at the end of the input";
            for (; i < len && is_digit(s[i]); i++, ndig++)
                if (ndig < 6)
                    frac = frac * 10 + (s[i] - '0');
            for (; ndig < 6; ndig++)
                frac *= 10;
        }
    }
    *day_us = ((int64_t)hh * 3600 + mi * 60 + ss) * US_PER_SEC + frac;
    *offset = 0;
    *naive = true;
    if (i == len)
        return NULL;
    if (s[i] == 'Z' || s[i] == 'z') {
        i++;
        *naive = false;
    } else if (s[i] == '+' || s[i] == '-') {
        int sign = s[i++] == '-' ? -1 : 1, oh, om;
        if (!take_digits(s, len, &i, 2, &oh))
            return "unexpected extra characters at the end of the input";
        if (i < len && s[i] == ':')
            i++;
        if (!take_digits(s, len, &i, 2, &om))
            return "unexpected extra characters at the end of the input";
        if (oh > 23 || om > 59)
            return "timezone offset must be less than 24 hours";
        *offset = sign * (oh * 3600 + om * 60);
        *naive = false;
    }
    if (i != len)
        return "unexpected extra characters at the end of the input";
    return NULL;
}

static bool
looks_numeric(const char *s, size_t len)
{
    size_t i;

    for (i = 0; i < len; i++)
        if (!is_digit(s[i]) && s[i] != '+' && s[i] != '-' && s[i] != '.' &&
            s[i] != 'e' && s[i] != 'E')
            return false;
    return len > 0;
}

enum sst_code
sst_time_parse(const char *s, size_t len, struct sst_time *out,
               struct sst_err *err)
{
    struct sst_date d;
    const char *problem;
    int64_t day_us = 0, us;
    int32_t offset = 0;
    bool naive = true;

    if (s == NULL && len > 0)
        return sst_err_set(err, SST_E_INVALID_ARG, "datetime text is NULL");
    problem = parse_date_part(s, len, &d);
    if (problem != NULL) {
        /* not a date: perhaps a timestamp (speedate tries both) */
        const char *tp;
        if (!looks_numeric(s, len))
            return bad(err, "datetime", s, len, problem);
        tp = parse_timestamp(s, len, &us);
        if (tp != NULL)
            return bad(err, "datetime", s, len,
                       strcmp(tp, "input is too short") == 0 ? problem : tp);
        out->us = us;
        out->offset = 0;
        out->naive = false;
        return SST_OK;
    }
    if (len > 10) {
        char sep = s[10];
        if (sep != 'T' && sep != 't' && sep != ' ' && sep != '_')
            return bad(err, "datetime", s, len,
                       "unexpected extra characters at the end of the "
                       "input");
        problem = parse_time_part(s, len, 11, &day_us, &offset, &naive);
        if (problem != NULL)
            return bad(err, "datetime", s, len, problem);
    }
    us = days_from_civil(d.year, d.month, d.day) * US_PER_DAY + day_us -
         (int64_t)offset * US_PER_SEC;
    out->us = us;
    out->offset = offset;
    out->naive = naive;
    return SST_OK;
}

enum sst_code
sst_date_parse(const char *s, size_t len, struct sst_date *out,
               struct sst_err *err)
{
    struct sst_time t;
    struct sst_err inner;
    int64_t wall;

    if (s == NULL && len > 0)
        return sst_err_set(err, SST_E_INVALID_ARG, "date text is NULL");
    if (len == 10 && parse_date_part(s, len, out) == NULL)
        return SST_OK;
    if (sst_time_parse(s, len, &t, &inner) != SST_OK) {
        const char *why = strstr(inner.message, "': ");
        return bad(err, "date", s, len, why ? why + 3 : inner.message);
    }
    wall = t.us + (int64_t)t.offset * US_PER_SEC;
    if (wall - floor_div(wall, US_PER_DAY) * US_PER_DAY != 0)
        return bad(err, "date", s, len,
                   "datetimes provided to dates should have zero time");
    sst_time_date(&t, out);
    return SST_OK;
}
