/*
 * emu/server/auth.c - authentication of the requests sst-emu receives:
 * AWS's checks of the Authorization header (or of the X-Amz-* query
 * parameters of a presigned request), in AWS's order, with AWS's messages;
 * and, when asked, SigV4 verification against configured keys. The
 * parsing and the signature itself are src/http/sigv4_verify.c's.
 *
 * Sources for the order and the messages: dynalite's index.js (written
 * against AWS, with AWS's answers quoted in its comments) and its
 * connection tests; ScyllaDB Alternator's test_authorization.py (run
 * against AWS); docs/sst-emu.md lists them.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <sst/mem.h>

#include "emu/server/auth.h"
#include "http/sigv4.h"

#define SERVICE "dynamodb"
#define MSG_BOTH                                                               \
    "Found both 'X-Amz-Algorithm' as a query-string param and "              \
    "'Authorization' as HTTP header."
/* AWS words the token case without the final period. */
#define MSG_BAD_TOKEN "The security token included in the request is invalid"

/* ------------------------------------------------------------------ */
/* messages                                                            */

static enum sst_code fail(char **message, struct sst_err *err,
                          enum sst_code code, const char *fmt, ...)
    SST_PRINTF(4, 5);

/* Set err and hand out the whole message (err may truncate it). */
static enum sst_code
fail(char **message, struct sst_err *err, enum sst_code code,
     const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    *message = n >= 0 ? sst_malloc((size_t)n + 1) : NULL;
    if (*message == NULL)
        return sst_err_set(err, SST_E_NOMEM, "out of memory");
    va_start(ap, fmt);
    (void)vsnprintf(*message, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return sst_err_set(err, code, "%s", *message);
}

/* ------------------------------------------------------------------ */
/* dates                                                               */

static int
digits(const char *s, int n)
{
    int v = 0, i;

    for (i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

static int
days_in_month(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return days[m - 1];
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian). */
static int64_t
days_from_civil(int y, int m, int d)
{
    int64_t era, yoe, doy, doe;

    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static int
to_seconds(int y, int mo, int d, int h, int mi, int s, int64_t *out)
{
    if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) ||
        h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 60)
        return -1;
    *out = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
    return 0;
}

int
sst_server_parse_amz_date(const char *s, int64_t *out)
{
    if (strlen(s) != 16 || s[8] != 'T' || s[15] != 'Z')
        return -1;
    return to_seconds(digits(s, 4), digits(s + 4, 2), digits(s + 6, 2),
                      digits(s + 9, 2), digits(s + 11, 2), digits(s + 13, 2),
                      out);
}

/* "Sun, 06 Nov 1994 08:49:37 GMT" */
static int
parse_rfc1123(const char *s, int64_t *out)
{
    static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
    int mon = 0, i;

    if (strlen(s) != 29 || s[3] != ',' || s[4] != ' ' || s[7] != ' ' ||
        s[11] != ' ' || s[16] != ' ' || s[19] != ':' || s[22] != ':' ||
        strcmp(s + 25, " GMT") != 0)
        return -1;
    for (i = 0; i < 12; i++)
        if (memcmp(s + 8, months + 3 * i, 3) == 0)
            mon = i + 1;
    return to_seconds(digits(s + 12, 4), mon, digits(s + 5, 2),
                      digits(s + 17, 2), digits(s + 20, 2), digits(s + 23, 2),
                      out);
}

void
sst_server_format_amz_date(int64_t t, char out[17])
{
    time_t tt = (time_t)t;
    struct tm tm;

    if (t < 0 || t > 253402300799 || gmtime_r(&tt, &tm) == NULL) {
        memcpy(out, "19700101T000000Z", 17);
        return;
    }
    (void)strftime(out, 17, "%Y%m%dT%H%M%SZ", &tm);
}

/* ------------------------------------------------------------------ */
/* query parameters                                                    */

struct qparam {
    const char *raw; /* "name=value" as in the query */
    size_t raw_len;
    char *name;      /* percent-decoded, in qparams.buf */
    char *value;
    bool has_value;
};

struct qparams {
    struct qparam *p;
    size_t n;
    char *buf;
};

static int
hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Decode %XX (a bad escape stays as written) into dst; returns the end. */
static char *
decode(char *dst, const char *s, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (s[i] == '%' && i + 2 < n && hexval(s[i + 1]) >= 0 &&
            hexval(s[i + 2]) >= 0) {
            *dst++ = (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
            i += 2;
        } else {
            *dst++ = s[i];
        }
    }
    *dst++ = '\0';
    return dst;
}

static void
qparams_cleanup(struct qparams *q)
{
    sst_free(q->p);
    sst_free(q->buf);
    memset(q, 0, sizeof *q);
}

static enum sst_code
qparams_parse(const char *query, struct qparams *q, struct sst_err *err)
{
    size_t len, count = 1, i;
    const char *s, *end;
    char *d;

    memset(q, 0, sizeof *q);
    if (query == NULL || *query == '\0')
        return SST_OK;
    len = strlen(query);
    for (i = 0; i < len; i++)
        count += query[i] == '&';
    q->p = sst_calloc(count, sizeof *q->p);
    q->buf = sst_malloc(len + 2 * count);
    if (q->p == NULL || q->buf == NULL) {
        qparams_cleanup(q);
        return sst_err_set(err, SST_E_NOMEM, "out of memory");
    }
    d = q->buf;
    for (s = query; s <= query + len; s = end + 1) {
        const char *eq;
        struct qparam *p;

        end = strchr(s, '&');
        if (end == NULL)
            end = query + len;
        if (end == s)
            continue;
        p = &q->p[q->n++];
        p->raw = s;
        p->raw_len = (size_t)(end - s);
        eq = memchr(s, '=', p->raw_len);
        p->has_value = eq != NULL;
        p->name = d;
        d = decode(d, s, eq ? (size_t)(eq - s) : p->raw_len);
        p->value = d;
        d = eq ? decode(d, eq + 1, (size_t)(end - eq - 1)) : decode(d, "", 0);
    }
    return SST_OK;
}

static const struct qparam *
qparam_get(const struct qparams *q, const char *name)
{
    size_t i;

    for (i = 0; i < q->n; i++)
        if (strcmp(q->p[i].name, name) == 0)
            return &q->p[i];
    return NULL;
}

/* ------------------------------------------------------------------ */
/* verification                                                        */

static const char *
trim_left(const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    return s;
}

static int64_t
now_s(const struct sst_server_handler *h)
{
    return h->clock_s ? h->clock_s(h->user) : (int64_t)time(NULL);
}

/* The request's date: X-Amz-Date (ISO 8601 basic), else an RFC 1123
 * Date. Then the 15-minute window around the clock. */
static enum sst_code
check_date(const struct sst_server_handler *h, const char *value,
           bool is_amz, char **message, struct sst_err *err)
{
    char when[17], lo[17], hi[17], now_txt[17];
    int64_t t, now;
    int bad = is_amz ? sst_server_parse_amz_date(value, &t)
                     : parse_rfc1123(value, &t);

    if (bad)
        return fail(message, err, SST_E_INCOMPLETE_SIGNATURE,
                    "Date must be in ISO-8601 'basic format'. Got '%s'. See "
                    "http://en.wikipedia.org/wiki/ISO_8601",
                    value);
    now = now_s(h);
    sst_server_format_amz_date(t, when);
    sst_server_format_amz_date(now, now_txt);
    if (t < now - SST_SERVER_SKEW_S) {
        sst_server_format_amz_date(now - SST_SERVER_SKEW_S, lo);
        return fail(message, err, SST_E_INVALID_SIGNATURE,
                    "Signature expired: %s is now earlier than %s (%s - 15 "
                    "min.)",
                    when, lo, now_txt);
    }
    if (t > now + SST_SERVER_SKEW_S) {
        sst_server_format_amz_date(now + SST_SERVER_SKEW_S, hi);
        return fail(message, err, SST_E_INVALID_SIGNATURE,
                    "Signature not yet current: %s is still later than %s "
                    "(%s + 15 min.)",
                    when, hi, now_txt);
    }
    return SST_OK;
}

static bool
host_is_signed(const char *signed_headers)
{
    const char *s = signed_headers;

    while (*s) {
        const char *e = strchr(s, ';');
        size_t n = e ? (size_t)(e - s) : strlen(s);

        if (n == 4 && strncasecmp(s, "host", 4) == 0)
            return true;
        if (e == NULL)
            break;
        s = e + 1;
    }
    return false;
}

/* AWS names every part of the scope that is wrong, one sentence each.
 * The region is not checked: sst-emu answers for every region. */
static enum sst_code
check_scope(const struct sst_sigv4_auth *a, const char *amz_date,
            char **message, struct sst_err *err)
{
    char buf[1024];
    size_t n = 0;

#define ADD(...)                                                               \
    do {                                                                       \
        int k_ = snprintf(buf + n, sizeof buf - n, __VA_ARGS__);               \
        if (k_ > 0)                                                            \
            n = (size_t)k_ >= sizeof buf - n ? sizeof buf - 1                  \
                                             : n + (size_t)k_;                 \
    } while (0)
    buf[0] = '\0';
    if (strcmp(a->service, SERVICE) != 0)
        ADD("Credential should be scoped to correct service: '" SERVICE
            "'. ");
    if (strcmp(a->terminator, SST_SIGV4_TERMINATOR) != 0)
        ADD("Credential should be scoped with a valid terminator: '"
            SST_SIGV4_TERMINATOR "', not '%.200s'. ",
            a->terminator);
    if (strlen(a->date) != 8 || memcmp(a->date, amz_date, 8) != 0)
        ADD("Date in Credential scope does not match YYYYMMDD from ISO-8601 "
            "version of date from HTTP: '%.200s' != '%.8s', from '%s'. ",
            a->date, amz_date, amz_date);
#undef ADD
    if (n == 0)
        return SST_OK;
    buf[n - 1] = '\0'; /* the last sentence ends with '.', not ". " */
    return fail(message, err, SST_E_INVALID_SIGNATURE, "%s", buf);
}

static const char *
secret_of(const struct sst_server_handler *h, const char *key)
{
    size_t i;

    for (i = 0; i < h->credential_count; i++)
        if (strcmp(h->credentials[i].access_key_id, key) == 0)
            return h->credentials[i].secret_access_key;
    return NULL;
}

/*
 * Steps after the header parsed: date and window, Host signed, scope,
 * key, signature, token. date_value is what the date came from; query is
 * what sst_sigv4_verify() canonicalises (for a presigned request, the
 * query without X-Amz-Signature, and the date goes in as X-Amz-Date).
 */
static enum sst_code
verify_parsed(const struct sst_server_handler *h,
              const struct sst_server_request *req,
              const struct sst_sigv4_auth *a, bool presigned,
              const char *query, const char *date_value, bool date_is_amz,
              bool has_token, char **message, struct sst_err *err)
{
    struct sst_sigv4_header *hs = NULL;
    struct sst_sigv4_request sr;
    char amz_date[17];
    const char *secret;
    int64_t t;
    size_t i, n = 0;
    enum sst_code rc;

    rc = check_date(h, date_value, date_is_amz, message, err);
    if (rc != SST_OK)
        return rc;
    if (!host_is_signed(a->signed_headers))
        return fail(message, err, SST_E_INVALID_SIGNATURE,
                    "'Host' must be a 'SignedHeader' in the AWS "
                    "Authorization.");
    if (date_is_amz)
        memcpy(amz_date, date_value, 17);
    else if (parse_rfc1123(date_value, &t) == 0)
        sst_server_format_amz_date(t, amz_date);
    rc = check_scope(a, amz_date, message, err);
    if (rc != SST_OK)
        return rc;
    secret = secret_of(h, a->access_key_id);
    if (secret == NULL)
        return fail(message, err, SST_E_UNRECOGNIZED_CLIENT, "%s",
                    SST_SIGV4_MSG_UNKNOWN_KEY);
    hs = sst_calloc(req->header_count + 1, sizeof *hs);
    if (hs == NULL)
        return sst_err_set(err, SST_E_NOMEM, "out of memory");
    for (i = 0; i < req->header_count; i++) {
        if (presigned && req->headers[i].name != NULL &&
            strcasecmp(req->headers[i].name, "X-Amz-Date") == 0)
            continue;
        hs[n].name = req->headers[i].name;
        hs[n++].value = req->headers[i].value;
    }
    if (presigned) {
        hs[n].name = "X-Amz-Date";
        hs[n++].value = amz_date;
    }
    memset(&sr, 0, sizeof sr);
    sr.method = req->method;
    sr.path = req->path;
    sr.query = query;
    sr.headers = hs;
    sr.header_count = n;
    sr.payload = req->body;
    sr.payload_len = req->body_len;
    rc = sst_sigv4_verify(&sr, a, secret, NULL, SERVICE, err);
    sst_free(hs);
    if (rc == SST_E_INVALID_SIGNATURE || rc == SST_E_INCOMPLETE_SIGNATURE)
        return fail(message, err, rc, "%s", err->message);
    if (rc != SST_OK)
        return rc;
    if (has_token)
        return fail(message, err, SST_E_UNRECOGNIZED_CLIENT, "%s",
                    MSG_BAD_TOKEN);
    return SST_OK;
}

/* Messages of the header parser for steps AWS takes after the date. */
static bool
later_stage(const char *message)
{
    return strncmp(message, "Unsupported AWS 'algorithm'", 27) == 0 ||
           strncmp(message, "Credential must have exactly 5", 30) == 0;
}

static enum sst_code
check_header(const struct sst_server_handler *h,
             const struct sst_server_request *req, const char *auth,
             char **message, struct sst_err *err)
{
    const char *amz = sst_server_header_get(req, "X-Amz-Date");
    const char *date = amz ? amz : sst_server_header_get(req, "Date");
    struct sst_sigv4_auth *a = NULL;
    char *early = NULL;
    enum sst_code rc;

    rc = sst_sigv4_auth_parse(auth, strlen(auth), date != NULL, &a, message,
                              err);
    if (rc == SST_E_INCOMPLETE_SIGNATURE && h->verify_signatures &&
        *message != NULL && later_stage(*message)) {
        /* AWS checks the date before the algorithm and the credential. */
        enum sst_code rc2 = check_date(h, date, amz != NULL, &early, err);

        if (rc2 != SST_OK) {
            sst_free(*message);
            *message = early;
            return rc2;
        }
        (void)sst_err_set(err, rc, "%s", *message);
    }
    if (rc != SST_OK || !h->verify_signatures)
        goto out;
    rc = verify_parsed(h, req, a, false, req->query, date, amz != NULL,
                       sst_server_header_get(req, "X-Amz-Security-Token") !=
                           NULL,
                       message, err);
out:
    sst_sigv4_auth_free(a);
    return rc;
}

/* A presigned request: the same checks over the X-Amz-* parameters. */
static enum sst_code
check_query(const struct sst_server_handler *h,
            const struct sst_server_request *req, const struct qparams *q,
            char **message, struct sst_err *err)
{
    static const char *const need[] = {"X-Amz-Algorithm", "X-Amz-Credential",
                                       "X-Amz-Signature",
                                       "X-Amz-SignedHeaders", "X-Amz-Date"};
    const struct qparam *alg, *cred, *sig, *sh, *date;
    struct sst_sigv4_auth *a = NULL;
    char missing[512], *hdr = NULL, *query = NULL, *d;
    size_t i, n = 0, len;
    enum sst_code rc;

    missing[0] = '\0';
    for (i = 0; i < sizeof need / sizeof need[0]; i++) {
        const struct qparam *p = qparam_get(q, need[i]);

        if (p == NULL || p->value[0] == '\0')
            n += (size_t)snprintf(missing + n, sizeof missing - n,
                                  "AWS query-string parameters must include "
                                  "'%s'. ",
                                  need[i]);
    }
    if (n > 0)
        return fail(message, err, SST_E_INCOMPLETE_SIGNATURE,
                    "%sRe-examine the query-string parameters.", missing);
    if (!h->verify_signatures)
        return SST_OK;
    alg = qparam_get(q, "X-Amz-Algorithm");
    cred = qparam_get(q, "X-Amz-Credential");
    sig = qparam_get(q, "X-Amz-Signature");
    sh = qparam_get(q, "X-Amz-SignedHeaders");
    date = qparam_get(q, "X-Amz-Date");
    /* Reuse the header parser on the equivalent header. */
    len = strlen(alg->value) + strlen(cred->value) + strlen(sh->value) +
          strlen(sig->value) + 48;
    hdr = sst_malloc(len);
    query = sst_malloc(strlen(req->query) + 1);
    if (hdr == NULL || query == NULL) {
        rc = sst_err_set(err, SST_E_NOMEM, "out of memory");
        goto out;
    }
    snprintf(hdr, len, "%s Credential=%s, SignedHeaders=%s, Signature=%s",
             alg->value, cred->value, sh->value, sig->value);
    rc = sst_sigv4_auth_parse(hdr, strlen(hdr), true, &a, message, err);
    if (rc != SST_OK)
        goto out;
    /* The signature signs every parameter but itself. */
    d = query;
    for (i = 0; i < q->n; i++) {
        if (strcmp(q->p[i].name, "X-Amz-Signature") == 0)
            continue;
        if (d != query)
            *d++ = '&';
        memcpy(d, q->p[i].raw, q->p[i].raw_len);
        d += q->p[i].raw_len;
    }
    *d = '\0';
    rc = verify_parsed(h, req, a, true, query, date->value, true,
                       qparam_get(q, "X-Amz-Security-Token") != NULL, message,
                       err);
out:
    sst_sigv4_auth_free(a);
    sst_free(hdr);
    sst_free(query);
    return rc;
}

enum sst_code
sst_server_auth_check(const struct sst_server_handler *h,
                      const struct sst_server_request *req, char **message,
                      struct sst_err *err)
{
    const char *auth = sst_server_header_get(req, "Authorization");
    struct qparams q;
    bool query_alg;
    enum sst_code rc;

    *message = NULL;
    rc = qparams_parse(req->query, &q, err);
    if (rc != SST_OK)
        return rc;
    query_alg = qparam_get(&q, "X-Amz-Algorithm") != NULL;
    if (auth != NULL && query_alg)
        rc = fail(message, err, SST_E_INVALID_SIGNATURE, "%s", MSG_BOTH);
    else if ((auth == NULL && !query_alg) ||
             (auth != NULL && strncmp(trim_left(auth), "AWS4-", 5) != 0))
        rc = fail(message, err, SST_E_MISSING_AUTH, "%s",
                  SST_SIGV4_MSG_MISSING_AUTH);
    else if (auth != NULL)
        rc = check_header(h, req, auth, message, err);
    else
        rc = check_query(h, req, &q, message, err);
    qparams_cleanup(&q);
    if (rc == SST_E_NOMEM) {
        sst_free(*message);
        *message = NULL;
    }
    return rc;
}
