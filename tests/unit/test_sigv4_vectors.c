/*
 * tests/unit/test_sigv4_vectors.c - SigV4 signing checked stage by stage
 * against the AWS test vectors in tests/data/sigv4/, and the variants of
 * vector cases the directory layout cannot express.
 *
 * The vector walker finds the vectors through $top_srcdir (the test driver
 * exports it), falling back to the source directory this program was built
 * from. For each case it checks three stages separately, each against its
 * file, byte for byte: the canonical request, the string to sign (built from
 * the expected canonical request, so that a stage-1 bug does not hide a
 * stage-2 one) and the Authorization header from sst_sigv4_sign().
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include <sst/mem.h>

#include "harness.h"
#include "http/sigv4.h"
#include "sigv4_suite.h"

#define VECTOR_CASES 39 /* directories in tests/data/sigv4 */
#define MAX_HEADERS 16

/* A session token of the AWS suite. */
#define SUITE_STS_TOKEN                                                        \
    "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLW"    \
    "sKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmG"    \
    "deehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvl"     \
    "Rd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKm"     \
    "lzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA=="

/* ================================================================== */
/* small helpers                                                       */

static char *
read_file(const char *dir, const char *name)
{
    char path[4096];
    FILE *f;
    char *s = NULL;
    long n;

    if (snprintf(path, sizeof path, "%s/%s", dir, name) >= (int)sizeof path)
        return NULL;
    f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
        fseek(f, 0, SEEK_SET) == 0) {
        s = malloc((size_t)n + 1);
        if (s != NULL && fread(s, 1, (size_t)n, f) != (size_t)n) {
            free(s);
            s = NULL;
        } else if (s != NULL) {
            s[n] = '\0';
        }
    }
    fclose(f);
    return s;
}

static const char *
vector_dir(void)
{
    static char dir[4096];
    const char *top = getenv("top_srcdir");

    snprintf(dir, sizeof dir, "%s/tests/data/sigv4",
             top != NULL && top[0] != '\0' ? top : SST_SIGV4_SRCDIR);
    return dir;
}

/* Print both sides of a mismatch once, and fail the test once. */
static void
report(const char *test, const char *stage, const char *want, const char *got)
{
    printf("\n  %s: %s differs\n  --- want\n%s\n  --- got\n%s\n", test, stage,
           want ? want : "(null)", got ? got : "(null)");
    CU_FAIL("a SigV4 stage differs from its vector");
}

/* ================================================================== */
/* the vector walker                                                   */

/*
 * One case's request.txt, parsed as aws-c-auth's test does: the request
 * line, then "Name:value" headers (a line starting with white space
 * continues the previous value, newline included), a blank line, the body.
 * Strings point into text, which is modified.
 */
struct vreq {
    char *method;
    char *path;
    char *query;
    struct sst_sigv4_header headers[MAX_HEADERS];
    size_t header_count;
    char *body;
};

static int
parse_vreq(char *text, struct vreq *r)
{
    char *line = text, *next, *sp, *target;

    memset(r, 0, sizeof *r);
    next = strchr(line, '\n');
    if (next == NULL)
        return -1;
    *next++ = '\0';
    sp = strchr(line, ' ');
    if (sp == NULL || strlen(sp) < 10)
        return -1;
    *sp = '\0';
    r->method = line;
    target = sp + 1;
    target[strlen(target) - 9] = '\0'; /* " HTTP/1.1" */
    r->path = target;
    r->query = strchr(target, '?');
    if (r->query != NULL)
        *r->query++ = '\0';
    for (line = next; line != NULL && *line != '\0'; line = next) {
        char *colon;

        next = strchr(line, '\n');
        if (next != NULL && (next[1] == ' ' || next[1] == '\t')) {
            /* a continuation: keep the newline inside the value */
            char *end = next + 1;

            while ((end = strchr(end, '\n')) != NULL &&
                   (end[1] == ' ' || end[1] == '\t'))
                end++;
            next = end;
        }
        if (next != NULL)
            *next++ = '\0';
        colon = strchr(line, ':');
        if (colon == NULL || r->header_count == MAX_HEADERS)
            return -1;
        *colon = '\0';
        r->headers[r->header_count].name = line;
        r->headers[r->header_count].value = colon + 1;
        r->header_count++;
        if (next != NULL && *next == '\n') {
            r->body = next + 1;
            break;
        }
    }
    if (r->body == NULL)
        r->body = "";
    return 0;
}

/* The Authorization value of a signed-request file, or NULL. */
static char *
authorization_of(char *signed_req)
{
    char *p = strstr(signed_req, "\nAuthorization:");
    char *e;

    if (p == NULL)
        return NULL;
    p += strlen("\nAuthorization:");
    e = strchr(p, '\n');
    if (e != NULL)
        *e = '\0';
    return p;
}

/* Days from 1970-01-01 of a Gregorian date (written apart from the code
 * under test, after the usual era arithmetic). */
static long long
days_from_civil(long long y, unsigned m, unsigned d)
{
    long long era, yoe, doy, doe;

    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static long long
parse_timestamp(const char *s)
{
    int y, mo, d, h, mi, se;

    if (sscanf(s, "%d-%d-%dT%d:%d:%dZ", &y, &mo, &d, &h, &mi, &se) != 6)
        return -1;
    return days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + h * 3600 +
           mi * 60 + se;
}

struct vcase {
    char *context, *request, *creq, *sts, *signed_req;
    json_object *ctx;
    struct vreq req;
    struct sst_sigv4_credentials creds;
    struct sst_sigv4_config cfg;
    char body_hash[SST_SIGV4_HEX_LEN + 1];
};

static const char *
jstr(json_object *o, const char *k)
{
    json_object *v;

    return json_object_object_get_ex(o, k, &v) ? json_object_get_string(v)
                                               : NULL;
}

static int
jbool(json_object *o, const char *k)
{
    json_object *v;

    return json_object_object_get_ex(o, k, &v) && json_object_get_boolean(v);
}

static void
vcase_cleanup(struct vcase *c)
{
    json_object_put(c->ctx);
    free(c->context);
    free(c->request);
    free(c->creq);
    free(c->sts);
    free(c->signed_req);
}

/* Load one case and translate its context.json into sigv4 inputs, the way
 * aws-c-auth's test does: without sign_body the payload hash is the empty
 * hash whatever the body; with it, x-amz-content-sha256 is signed and
 * carries signed_body_value or the body's hash. */
static int
vcase_load(const char *dir, struct vcase *c)
{
    json_object *creds;

    memset(c, 0, sizeof *c);
    c->context = read_file(dir, "context.json");
    c->request = read_file(dir, "request.txt");
    c->creq = read_file(dir, "header-canonical-request.txt");
    c->sts = read_file(dir, "header-string-to-sign.txt");
    c->signed_req = read_file(dir, "header-signed-request.txt");
    if (!c->context || !c->request || !c->creq || !c->sts || !c->signed_req)
        return -1;
    c->ctx = json_tokener_parse(c->context);
    if (c->ctx == NULL ||
        !json_object_object_get_ex(c->ctx, "credentials", &creds))
        return -1;
    if (parse_vreq(c->request, &c->req) != 0)
        return -1;
    c->creds.access_key_id = jstr(creds, "access_key_id");
    c->creds.secret_access_key = jstr(creds, "secret_access_key");
    c->creds.session_token = jstr(creds, "token");
    c->cfg.region = jstr(c->ctx, "region");
    c->cfg.service = jstr(c->ctx, "service");
    c->cfg.time = parse_timestamp(jstr(c->ctx, "timestamp"));
    if (!jbool(c->ctx, "normalize"))
        c->cfg.flags |= SST_SIGV4_NO_PATH_NORMALIZE;
    if (jbool(c->ctx, "omit_session_token"))
        c->cfg.flags |= SST_SIGV4_OMIT_SESSION_TOKEN;
    if (jbool(c->ctx, "sign_body")) {
        c->cfg.flags |= SST_SIGV4_CONTENT_SHA256;
        if (jstr(c->ctx, "signed_body_value") != NULL) {
            snprintf(c->body_hash, sizeof c->body_hash, "%s",
                     jstr(c->ctx, "signed_body_value"));
        } else if (sst_sigv4_sha256_hex(c->req.body, strlen(c->req.body),
                                        c->body_hash, NULL) != SST_OK) {
            return -1;
        }
    } else {
        snprintf(c->body_hash, sizeof c->body_hash, "%s",
                 SST_SIGV4_EMPTY_SHA256);
    }
    return 0;
}

static struct sst_sigv4_request
vcase_request(struct vcase *c)
{
    struct sst_sigv4_request r = {
        .method = c->req.method,
        .path = c->req.path,
        .query = c->req.query,
        .headers = c->req.headers,
        .header_count = c->req.header_count,
        .payload = c->req.body,
        .payload_len = strlen(c->req.body),
        .payload_hash = c->body_hash,
    };
    return r;
}

static void
check_case(const char *name, const char *dir)
{
    struct vcase c;
    struct sst_sigv4_request r;
    struct sst_sigv4_headers *h = NULL;
    struct sst_err e;
    char *creq = NULL, *sts = NULL, *want_authz;
    const char *authz = NULL;
    size_t i;

    if (vcase_load(dir, &c) != 0) {
        printf("\n  %s: cannot load the vector files\n", name);
        CU_FAIL("vector case unreadable");
        vcase_cleanup(&c);
        return;
    }
    r = vcase_request(&c);

    /* stage 1: canonical request */
    if (sst_sigv4_canonical_request(&r, &c.creds, &c.cfg, &creq, NULL, &e) !=
        SST_OK)
        report(name, "canonical request", c.creq, e.message);
    else if (strcmp(creq, c.creq) != 0)
        report(name, "canonical request", c.creq, creq);

    /* stage 2: string to sign, from the vector's canonical request */
    if (sst_sigv4_string_to_sign(c.creq, "20150830T123600Z", c.cfg.region,
                                 c.cfg.service, &sts, &e) != SST_OK)
        report(name, "string to sign", c.sts, e.message);
    else if (strcmp(sts, c.sts) != 0)
        report(name, "string to sign", c.sts, sts);

    /* stages 3-5 end to end: the Authorization header sst_sigv4_sign()
     * returns */
    want_authz = authorization_of(c.signed_req);
    if (sst_sigv4_sign(&r, &c.creds, &c.cfg, &h, &e) != SST_OK) {
        report(name, "Authorization", want_authz, e.message);
    } else {
        for (i = 0; i < h->count; i++)
            if (strcmp(h->items[i].name, "Authorization") == 0)
                authz = h->items[i].value;
        if (want_authz == NULL || authz == NULL ||
            strcmp(authz, want_authz) != 0)
            report(name, "Authorization", want_authz, authz);
    }
    sst_sigv4_headers_free(h);
    sst_free(sts);
    sst_free(creq);
    vcase_cleanup(&c);
}

static int
cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
aws_vectors(void)
{
    const char *top = vector_dir();
    char *names[128];
    size_t n = 0, i;
    DIR *d = opendir(top);
    struct dirent *ent;

    if (d == NULL) {
        printf("\n  cannot open %s\n", top);
        CU_FAIL_FATAL("vector directory missing");
        return;
    }
    while ((ent = readdir(d)) != NULL && n < N(names)) {
        char path[4096];
        DIR *sub;

        if (ent->d_name[0] == '.')
            continue;
        if (snprintf(path, sizeof path, "%s/%s", top, ent->d_name) >=
            (int)sizeof path)
            continue;
        sub = opendir(path);
        if (sub == NULL)
            continue;
        closedir(sub);
        names[n++] = strdup(ent->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof names[0], cmp_str);
    for (i = 0; i < n; i++) {
        char path[4096];

        if (snprintf(path, sizeof path, "%s/%s", top, names[i]) <
            (int)sizeof path)
            check_case(names[i], path);
        free(names[i]);
    }
    if (n != VECTOR_CASES)
        printf("\n  found %zu vector cases in %s, expected %d\n", n, top,
               VECTOR_CASES);
    CU_ASSERT_EQUAL(n, VECTOR_CASES);
}

/* ================================================================== */
/* variants of vector cases the directory layout cannot express        */

static const struct sst_sigv4_header form_headers[] = {
    {"Content-Type", "application/x-www-form-urlencoded"},
    {"Host", "example.amazonaws.com"},
    {"Content-Length", "13"},
};

/* aws-c-auth's later version of post-x-www-form-urlencoded signs the body:
 * header-signed-request.txt at commit 71a25bde. */
static void
signed_body_variant(void)
{
    struct sst_sigv4_request r = {"POST",          "/", NULL, form_headers, 3,
                                  "Param1=value1", 13,  NULL};
    struct sst_sigv4_credentials k = {SUITE_KEY, SUITE_SECRET, NULL};
    struct sst_sigv4_config cfg = {"us-east-1", "service", SUITE_TIME,
                                   SST_SIGV4_CONTENT_SHA256};
    struct sst_sigv4_headers *h = NULL;

    CU_ASSERT_EQUAL_FATAL(sst_sigv4_sign(&r, &k, &cfg, &h, NULL), SST_OK);
    CU_ASSERT_EQUAL_FATAL(h->count, 3);
    SST_ASSERT_STR_EQ(h->items[0].name, "X-Amz-Date");
    SST_ASSERT_STR_EQ(h->items[0].value, "20150830T123600Z");
    SST_ASSERT_STR_EQ(h->items[1].name, "x-amz-content-sha256");
    SST_ASSERT_STR_EQ(
        h->items[1].value,
        "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e");
    SST_ASSERT_STR_EQ(h->items[2].name, "Authorization");
    SST_ASSERT_STR_EQ(
        h->items[2].value,
        "AWS4-HMAC-SHA256 Credential=" SUITE_SCOPE
        ", SignedHeaders=content-length;content-type;host;"
        "x-amz-content-sha256;x-amz-date, "
        "Signature="
        "d3875051da38690788ef43de4db0d8f280229d82040bfac253562e56c3f20e0b");
    sst_sigv4_headers_free(h);
}

/* post-sts-header-after: the token is sent but not signed, so the
 * signature is post-vanilla's. */
static void
token_after_signing(void)
{
    static const struct sst_sigv4_header host[] = {
        {"Host", "example.amazonaws.com"}};
    struct sst_sigv4_request r = {"POST", "/", NULL, host, 1, NULL, 0, NULL};
    struct sst_sigv4_credentials k = {SUITE_KEY, SUITE_SECRET, SUITE_STS_TOKEN};
    struct sst_sigv4_config cfg = {"us-east-1", "service", SUITE_TIME,
                                   SST_SIGV4_OMIT_SESSION_TOKEN};
    struct sst_sigv4_headers *h = NULL;
    char *creq = NULL, *signed_headers = NULL;

    CU_ASSERT_EQUAL_FATAL(sst_sigv4_sign(&r, &k, &cfg, &h, NULL), SST_OK);
    CU_ASSERT_EQUAL_FATAL(h->count, 3);
    SST_ASSERT_STR_EQ(h->items[1].name, "X-Amz-Security-Token");
    SST_ASSERT_STR_EQ(h->items[1].value, SUITE_STS_TOKEN);
    SST_ASSERT_STR_EQ(
        h->items[2].value,
        "AWS4-HMAC-SHA256 Credential=" SUITE_SCOPE
        ", SignedHeaders=host;x-amz-date, "
        "Signature="
        "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b");
    sst_sigv4_headers_free(h);

    /* signed before: the canonical request carries the token */
    cfg.flags = 0;
    CU_ASSERT_EQUAL_FATAL(
        sst_sigv4_canonical_request(&r, &k, &cfg, &creq, &signed_headers, NULL),
        SST_OK);
    SST_ASSERT_STR_EQ(signed_headers, "host;x-amz-date;x-amz-security-token");
    CU_ASSERT_PTR_NOT_NULL(
        strstr(creq, "\nx-amz-security-token:" SUITE_STS_TOKEN "\n"));
    sst_free(creq);
    sst_free(signed_headers);
}


/* ================================================================== */

static const struct sst_test vector_tests[] = {
    {"AWS SigV4 vectors, stage by stage", aws_vectors},
    {"signed body (aws-c-auth's later form case)", signed_body_variant},
    {"session token added after signing", token_after_signing},
    {NULL, NULL},
};

int
main(int argc, char **argv)
{
    static const struct sst_suite suites[] = {
        {"sigv4 vectors", NULL, NULL, vector_tests},
        {NULL, NULL, NULL, NULL},
    };
    return sst_test_main(argc, argv, "test_sigv4_vectors", suites);
}
