/*
 * src/uri.c - parser of backend URIs (see include/sst/backend.h).
 *
 * Purely syntactic: it splits a URI into the parts a backend constructor
 * needs and refuses anything malformed with SST_E_INVALID_ARG and a message
 * that names the problem. diff: and fault: nest other URIs; nesting depth
 * is capped so that a hostile string cannot exhaust the stack.
 */
#include <ctype.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include <sst/backend.h>
#include <sst/mem.h>

#define URI_MAX_DEPTH 8
#define URI_MAX_LEN 4096
#define URI_MAX_OPTS 32

/* ?options each kind accepts. */
static const char *const emu_keys[] = {"no-sync", "map-size", NULL};
static const char *const http_keys[] = {
    "region",       "profile",     "timeout-ms", "connect-timeout-ms",
    "max-attempts", "deadline-ms", NULL};
static const char *const dynamodb_keys[] = {
    "profile",      "timeout-ms",  "connect-timeout-ms",
    "max-attempts", "deadline-ms", NULL};
static const char *const no_keys[] = {NULL};

static const struct {
    const char *scheme;
    enum sst_backend_kind kind;
    const char *const *keys;
} schemes[] = {
    {"emu", SST_BACKEND_EMU, emu_keys},
    {"http", SST_BACKEND_HTTP, http_keys},
    {"https", SST_BACKEND_HTTP, http_keys},
    {"dynamodb", SST_BACKEND_DYNAMODB, dynamodb_keys},
    {"diff", SST_BACKEND_DIFF, no_keys},
    {"fault", SST_BACKEND_FAULT, no_keys},
};

static const char *const kind_names[SST_BACKEND_KIND_COUNT] = {
    [SST_BACKEND_EMU] = "emu",
    [SST_BACKEND_HTTP] = "http",
    [SST_BACKEND_DYNAMODB] = "dynamodb",
    [SST_BACKEND_DIFF] = "diff",
    [SST_BACKEND_FAULT] = "fault",
};

static enum sst_code parse_at(const char *uri, size_t len, int depth,
                              struct sst_uri **out, struct sst_err *err);

/* ------------------------------------------------------------------ */
/* helpers                                                             */

static enum sst_code
nomem(struct sst_err *err)
{
    return sst_err_set(err, SST_E_NOMEM, "out of memory parsing a URI");
}

static bool
is_key_char(int c)
{
    return isalnum(c) || c == '-' || c == '_';
}

static bool
is_host_char(int c)
{
    return isalnum(c) || c == '-' || c == '.' || c == '_';
}

static bool
key_allowed(const char *const *keys, const char *key, size_t n)
{
    for (; *keys; keys++)
        if (strlen(*keys) == n && memcmp(*keys, key, n) == 0)
            return true;
    return false;
}

static void
free_opts(struct sst_uri_opt *opts, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        sst_free(opts[i].key);
        sst_free(opts[i].value);
    }
    sst_free(opts);
}

/*
 * Parse "k=v<sep>k=v..." (s, n) into a new option array. keys == NULL
 * accepts any well-formed key. what names the list in messages.
 */
static enum sst_code
parse_opts(const char *s, size_t n, char sep, const char *const *keys,
           const char *what, const char *scheme, struct sst_uri_opt **out,
           size_t *count, struct sst_err *err)
{
    struct sst_uri_opt *opts = NULL;
    size_t used = 0, pos = 0;
    enum sst_code rc;

    *out = NULL;
    *count = 0;
    if (n == 0)
        return sst_err_set(err, SST_E_INVALID_ARG, "empty %s in %s: URI",
                           what, scheme);
    opts = sst_calloc(URI_MAX_OPTS, sizeof *opts);
    if (opts == NULL)
        return nomem(err);
    while (pos <= n) {
        const char *item = s + pos;
        const char *end = memchr(item, sep, n - pos);
        size_t ilen = end ? (size_t)(end - item) : n - pos;
        const char *eq = memchr(item, '=', ilen);
        size_t klen = eq ? (size_t)(eq - item) : ilen;
        size_t k;

        if (klen == 0)
            goto bad_key;
        for (k = 0; k < klen; k++)
            if (!is_key_char((unsigned char)item[k]))
                goto bad_key;
        if (keys && !key_allowed(keys, item, klen)) {
            rc = sst_err_set(err, SST_E_INVALID_ARG,
                        "unknown %s '%.*s' for %s: URI", what, (int)klen,
                        item, scheme);
            goto fail;
        }
        if (used == URI_MAX_OPTS) {
            rc = sst_err_set(err, SST_E_INVALID_ARG,
                        "too many %ss in %s: URI (at most %d)", what, scheme,
                        URI_MAX_OPTS);
            goto fail;
        }
        opts[used].key = sst_strndup(item, klen);
        opts[used].value = eq ? sst_strndup(eq + 1, ilen - klen - 1)
                              : sst_strdup("");
        used++;
        if (!opts[used - 1].key || !opts[used - 1].value) {
            rc = nomem(err);
            goto fail;
        }
        pos += ilen + 1;
    }
    *out = opts;
    *count = used;
    return SST_OK;
bad_key:
    rc = sst_err_set(err, SST_E_INVALID_ARG, "malformed %s in %s: URI", what,
                scheme);
fail:
    free_opts(opts, used);
    return rc;
}

/* ------------------------------------------------------------------ */
/* one parser per scheme family                                        */

static enum sst_code
parse_emu(struct sst_uri *u, const char *rest, size_t n,
          struct sst_err *err)
{
    if (n == 8 && memcmp(rest, ":memory:", 8) == 0) {
        u->in_memory = true;
        return SST_OK;
    }
    if (n == 0)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "emu: URI needs a directory path or :memory:");
    u->path = sst_strndup(rest, n);
    return u->path ? SST_OK : nomem(err);
}

static enum sst_code
parse_port(const char *s, size_t n, int *port, struct sst_err *err)
{
    long v = 0;
    size_t i;

    if (n == 0 || n > 5)
        goto bad;
    for (i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i]))
            goto bad;
        v = v * 10 + (s[i] - '0');
    }
    if (v < 1 || v > 65535)
        goto bad;
    *port = (int)v;
    return SST_OK;
bad:
    return sst_err_set(err, SST_E_INVALID_ARG,
                       "invalid port '%.*s' in URI (1 to 65535)", (int)n, s);
}

/* rest is what follows "http:" or "https:". */
static enum sst_code
parse_http(struct sst_uri *u, const char *rest, size_t n,
           struct sst_err *err)
{
    const char *auth, *auth_end, *host_end, *p;
    size_t alen;
    enum sst_code rc;

    u->port = u->tls ? 443 : 80;
    if (n < 2 || rest[0] != '/' || rest[1] != '/')
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "%s: URI must be %s://HOST[:PORT][/PATH]",
                           u->scheme, u->scheme);
    auth = rest + 2;
    auth_end = memchr(auth, '/', n - 2);
    if (auth_end == NULL)
        auth_end = rest + n;
    alen = (size_t)(auth_end - auth);
    if (memchr(auth, '@', alen))
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "%s: URI must not carry credentials; use the "
                           "credential chain",
                           u->scheme);
    if (alen > 0 && auth[0] == '[') {
        host_end = memchr(auth, ']', alen);
        if (host_end == NULL || host_end == auth + 1)
            return sst_err_set(err, SST_E_INVALID_ARG,
                               "unterminated IPv6 host in %s: URI",
                               u->scheme);
        for (p = auth + 1; p < host_end; p++)
            if (!isxdigit((unsigned char)*p) && *p != ':' && *p != '.')
                return sst_err_set(err, SST_E_INVALID_ARG,
                                   "invalid IPv6 host in %s: URI", u->scheme);
        host_end++;
    } else {
        host_end = memchr(auth, ':', alen);
        if (host_end == NULL)
            host_end = auth_end;
        for (p = auth; p < host_end; p++)
            if (!is_host_char((unsigned char)*p))
                return sst_err_set(err, SST_E_INVALID_ARG,
                                   "invalid character in host of %s: URI",
                                   u->scheme);
    }
    if (host_end == auth)
        return sst_err_set(err, SST_E_INVALID_ARG, "%s: URI has no host",
                           u->scheme);
    if (host_end < auth_end) {
        if (*host_end != ':')
            return sst_err_set(err, SST_E_INVALID_ARG,
                               "unexpected text after host in %s: URI",
                               u->scheme);
        rc = parse_port(host_end + 1, (size_t)(auth_end - host_end - 1),
                        &u->port, err);
        if (rc != SST_OK)
            return rc;
    }
    u->host = sst_strndup(auth, (size_t)(host_end - auth));
    if (auth_end < rest + n)
        u->base_path = sst_strndup(auth_end, (size_t)(rest + n - auth_end));
    else
        u->base_path = sst_strdup("/");
    if (!u->host || !u->base_path)
        return nomem(err);
    return SST_OK;
}

static enum sst_code
parse_dynamodb(struct sst_uri *u, const char *rest, size_t n,
               struct sst_err *err)
{
    size_t i;

    u->tls = true;
    u->port = 443;
    if (n < 3 || rest[0] != '/' || rest[1] != '/')
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "dynamodb: URI must be dynamodb://REGION");
    for (i = 2; i < n; i++)
        if (!islower((unsigned char)rest[i]) &&
            !isdigit((unsigned char)rest[i]) && rest[i] != '-')
            return sst_err_set(err, SST_E_INVALID_ARG,
                               "invalid region '%.*s' in dynamodb: URI",
                               (int)(n - 2), rest + 2);
    u->region = sst_strndup(rest + 2, n - 2);
    return u->region ? SST_OK : nomem(err);
}

/* Check that a nested URI parses, and keep its text. */
static enum sst_code
nested(const char *s, size_t n, int depth, char **keep, struct sst_err *err)
{
    struct sst_uri *inner = NULL;
    enum sst_code rc;

    rc = parse_at(s, n, depth + 1, &inner, err);
    sst_uri_free(inner);
    if (rc != SST_OK)
        return rc;
    *keep = sst_strndup(s, n);
    return *keep ? SST_OK : nomem(err);
}

static enum sst_code
parse_pair(struct sst_uri *u, const char *rest, size_t n, int depth,
           struct sst_err *err)
{
    const char *bar = memchr(rest, '|', n);
    size_t left;
    enum sst_code rc;

    if (bar == NULL)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           u->kind == SST_BACKEND_DIFF
                               ? "diff: URI must be diff:URI_A|URI_B"
                               : "fault: URI must be fault:SPEC|URI");
    left = (size_t)(bar - rest);
    if (u->kind == SST_BACKEND_DIFF) {
        if (left == 0 || left + 1 == n)
            return sst_err_set(err, SST_E_INVALID_ARG,
                               "diff: URI needs two backend URIs, A|B");
        rc = nested(rest, left, depth, &u->inner_a, err);
        if (rc != SST_OK)
            return rc;
        return nested(bar + 1, n - left - 1, depth, &u->inner_b, err);
    }
    if (left + 1 == n)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "fault: URI needs a backend URI after '|'");
    rc = parse_opts(rest, left, ',', NULL, "fault option", "fault",
                    &u->fault_opts, &u->fault_opt_count, err);
    if (rc != SST_OK)
        return rc;
    return nested(bar + 1, n - left - 1, depth, &u->inner_a, err);
}

/* ------------------------------------------------------------------ */

static enum sst_code
parse_at(const char *uri, size_t len, int depth, struct sst_uri **out,
         struct sst_err *err)
{
    struct sst_uri *u = NULL;
    const char *colon, *rest, *q = NULL;
    size_t slen, rlen, i, si;
    enum sst_code rc;

    *out = NULL;
    if (depth > URI_MAX_DEPTH)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "backend URI nests deeper than %d levels",
                           URI_MAX_DEPTH);
    colon = memchr(uri, ':', len);
    if (colon == NULL || colon == uri)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "backend URI '%.*s' has no scheme (expected "
                           "emu:, http:, https:, dynamodb:, diff: or fault:)",
                           (int)(len > 64 ? 64 : len), uri);
    slen = (size_t)(colon - uri);
    for (si = 0; si < sizeof schemes / sizeof schemes[0]; si++)
        if (strlen(schemes[si].scheme) == slen &&
            strncasecmp(schemes[si].scheme, uri, slen) == 0)
            break;
    if (si == sizeof schemes / sizeof schemes[0])
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "unknown backend scheme '%.*s' (expected emu:, "
                           "http:, https:, dynamodb:, diff: or fault:)",
                           (int)(slen > 32 ? 32 : slen), uri);
    u = sst_calloc(1, sizeof *u);
    if (u == NULL)
        return nomem(err);
    u->kind = schemes[si].kind;
    u->scheme = sst_strdup(schemes[si].scheme);
    if (u->scheme == NULL) {
        rc = nomem(err);
        goto out;
    }
    u->tls = strcmp(u->scheme, "https") == 0;
    rest = colon + 1;
    rlen = len - slen - 1;
    for (i = 0; i < rlen; i++)
        if ((unsigned char)rest[i] < 0x21 || rest[i] == 0x7f) {
            rc = sst_err_set(err, SST_E_INVALID_ARG,
                             "backend URI contains a space or control "
                             "character");
            goto out;
        }
    /* diff: and fault: hand their whole rest to the URIs they nest. */
    if (u->kind != SST_BACKEND_DIFF && u->kind != SST_BACKEND_FAULT)
        q = memchr(rest, '?', rlen);
    if (q) {
        rc = parse_opts(q + 1, (size_t)(rest + rlen - q - 1), '&',
                        schemes[si].keys, "option", u->scheme, &u->opts,
                        &u->opt_count, err);
        if (rc != SST_OK)
            goto out;
        rlen = (size_t)(q - rest);
    }
    switch (u->kind) {
    case SST_BACKEND_EMU:
        rc = parse_emu(u, rest, rlen, err);
        break;
    case SST_BACKEND_HTTP:
        rc = parse_http(u, rest, rlen, err);
        if (rc == SST_OK && sst_uri_opt_get(u, "region")) {
            u->region = sst_strdup(sst_uri_opt_get(u, "region"));
            if (u->region == NULL)
                rc = nomem(err);
        }
        break;
    case SST_BACKEND_DYNAMODB:
        rc = parse_dynamodb(u, rest, rlen, err);
        break;
    default:
        rc = parse_pair(u, rest, rlen, depth, err);
        break;
    }
out:
    if (rc != SST_OK)
        sst_uri_free(u);
    else
        *out = u;
    return rc;
}

enum sst_code
sst_uri_parse(const char *uri, struct sst_uri **out, struct sst_err *err)
{
    size_t len;

    if (out == NULL)
        return sst_err_set(err, SST_E_INVALID_ARG, "out must not be NULL");
    *out = NULL;
    if (uri == NULL)
        return sst_err_set(err, SST_E_INVALID_ARG, "backend URI is NULL");
    len = strnlen(uri, URI_MAX_LEN + 1);
    if (len > URI_MAX_LEN)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "backend URI is longer than %d bytes",
                           URI_MAX_LEN);
    if (len == 0)
        return sst_err_set(err, SST_E_INVALID_ARG, "backend URI is empty");
    return parse_at(uri, len, 0, out, err);
}

void
sst_uri_free(struct sst_uri *u)
{
    if (u == NULL)
        return;
    sst_free(u->scheme);
    sst_free(u->path);
    sst_free(u->host);
    sst_free(u->base_path);
    sst_free(u->region);
    sst_free(u->inner_a);
    sst_free(u->inner_b);
    free_opts(u->fault_opts, u->fault_opt_count);
    free_opts(u->opts, u->opt_count);
    sst_free(u);
}

const char *
sst_uri_opt_get(const struct sst_uri *u, const char *key)
{
    size_t i;

    if (u == NULL || key == NULL)
        return NULL;
    for (i = 0; i < u->opt_count; i++)
        if (strcmp(u->opts[i].key, key) == 0)
            return u->opts[i].value;
    return NULL;
}

const char *
sst_backend_kind_name(enum sst_backend_kind kind)
{
    if ((unsigned)kind >= SST_BACKEND_KIND_COUNT)
        return "?";
    return kind_names[kind];
}
