/*
 * src/http/creds.c - the AWS credential chain and region lookup; see
 * creds.h for the order of sources.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <json-c/json.h>

#include <sst/mem.h>

#include "creds.h"
#include "ini.h"
#include "transport.h"

#define CONTAINER_HOST "http://169.254.170.2"
#define IMDS_DEFAULT "http://169.254.169.254"

enum found { NOT_FOUND = 0, FOUND = 1 };

/* ------------------------------------------------------------------ */
/* small helpers                                                       */

static const char *
env(const char *name)
{
    const char *v = getenv(name);
    return (v && *v) ? v : NULL;
}

static enum sst_code
set_creds(struct sst_aws_creds *out, const char *ak, const char *sk,
          const char *token, long long expiration, const char *source,
          struct sst_err *err)
{
    out->access_key_id = sst_strdup(ak);
    out->secret_access_key = sst_strdup(sk);
    out->session_token = token && *token ? sst_strdup(token) : NULL;
    out->expiration = expiration;
    out->source = source;
    if (!out->access_key_id || !out->secret_access_key ||
        (token && *token && !out->session_token)) {
        sst_aws_creds_cleanup(out);
        return sst_err_set(err, SST_E_NOMEM, "out of memory");
    }
    return SST_OK;
}

/* Read a whole small file. *out is NULL (and SST_OK) when it does not
 * exist. */
static enum sst_code
read_file(const char *path, char **out, size_t *len, struct sst_err *err)
{
    FILE *f;
    char *buf = NULL;
    size_t n = 0, cap = 0, got;

    *out = NULL;
    *len = 0;
    f = fopen(path, "rb");
    if (f == NULL) {
        if (errno == ENOENT || errno == ENOTDIR)
            return SST_OK;
        return sst_err_set(err, SST_E_INVALID_ARG, "cannot read %s: %s",
                           path, strerror(errno));
    }
    do {
        if (n + 4096 + 1 > cap) {
            char *p;

            cap = cap ? cap * 2 : 8192;
            if (cap > SST_INI_MAX_BYTES + 8192) {
                sst_free(buf);
                fclose(f);
                return sst_err_set(err, SST_E_INVALID_ARG,
                                   "%s is larger than %u bytes", path,
                                   SST_INI_MAX_BYTES);
            }
            p = sst_realloc(buf, cap);
            if (p == NULL) {
                sst_free(buf);
                fclose(f);
                return sst_err_set(err, SST_E_NOMEM, "out of memory");
            }
            buf = p;
        }
        got = fread(buf + n, 1, 4096, f);
        n += got;
    } while (got == 4096);
    fclose(f);
    if (buf == NULL) {
        buf = sst_malloc(1);
        if (buf == NULL)
            return sst_err_set(err, SST_E_NOMEM, "out of memory");
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return SST_OK;
}

/* The path of a shared file: the environment override, else ~/.aws/NAME.
 * *out is NULL when neither can be formed. */
static enum sst_code
shared_path(const char *env_name, const char *file, char **out,
            struct sst_err *err)
{
    const char *v = env(env_name), *home = env("HOME");
    size_t n;

    *out = NULL;
    if (v) {
        *out = sst_strdup(v);
    } else if (home) {
        n = strlen(home) + strlen(file) + 8;
        *out = sst_malloc(n);
        if (*out)
            snprintf(*out, n, "%s/.aws/%s", home, file);
    } else {
        return SST_OK;
    }
    return *out ? SST_OK : sst_err_set(err, SST_E_NOMEM, "out of memory");
}

/* Load and parse a shared file; *ini is NULL when the file is absent. */
static enum sst_code
load_shared(const char *env_name, const char *file, struct sst_ini **ini,
            struct sst_err *err)
{
    char *path = NULL, *text = NULL;
    size_t len;
    enum sst_code rc;

    *ini = NULL;
    rc = shared_path(env_name, file, &path, err);
    if (rc != SST_OK || path == NULL)
        return rc;
    rc = read_file(path, &text, &len, err);
    if (rc == SST_OK && text != NULL) {
        rc = sst_ini_parse(text, len, ini, err);
        if (rc == SST_E_INVALID_ARG && err) {
            char saved[sizeof err->message];

            memcpy(saved, err->message, sizeof saved);
            sst_err_set(err, SST_E_INVALID_ARG, "%s: %s", path, saved);
        }
    }
    sst_free(text);
    sst_free(path);
    return rc;
}

static const char *
profile_name(const char *given)
{
    if (given && *given)
        return given;
    return env("AWS_PROFILE") ? env("AWS_PROFILE") : "default";
}

/* The config file names profiles "[profile NAME]", except "[default]". */
static void
config_section(const char *profile, char *buf, size_t cap)
{
    if (strcmp(profile, "default") == 0)
        snprintf(buf, cap, "default");
    else
        snprintf(buf, cap, "profile %s", profile);
}

/* ------------------------------------------------------------------ */
/* sources                                                             */

static enum sst_code
from_environment(struct sst_aws_creds *out, enum found *found,
                 struct sst_err *err)
{
    const char *ak = env("AWS_ACCESS_KEY_ID");
    const char *sk = env("AWS_SECRET_ACCESS_KEY");

    *found = NOT_FOUND;
    if (!ak && !sk)
        return SST_OK;
    if (!ak || !sk)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "partial credentials in the environment: %s is "
                           "set but %s is not",
                           ak ? "AWS_ACCESS_KEY_ID" : "AWS_SECRET_ACCESS_KEY",
                           ak ? "AWS_SECRET_ACCESS_KEY" : "AWS_ACCESS_KEY_ID");
    *found = FOUND;
    return set_creds(out, ak, sk, env("AWS_SESSION_TOKEN"), 0, "environment",
                     err);
}

static enum sst_code
from_section(const struct sst_ini *ini, const char *section,
             const char *source, const char *file, struct sst_aws_creds *out,
             enum found *found, struct sst_err *err)
{
    const char *ak = sst_ini_get(ini, section, "aws_access_key_id");
    const char *sk = sst_ini_get(ini, section, "aws_secret_access_key");

    *found = NOT_FOUND;
    if (!ak && !sk)
        return SST_OK;
    if (!ak || !sk || !*ak || !*sk)
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "partial credentials in section [%s] of the "
                           "shared %s file",
                           section, file);
    *found = FOUND;
    return set_creds(out, ak, sk, sst_ini_get(ini, section,
                                              "aws_session_token"),
                     0, source, err);
}

static enum sst_code
from_shared_files(const char *profile, struct sst_aws_creds *out,
                  enum found *found, struct sst_err *err)
{
    struct sst_ini *ini = NULL;
    char section[300];
    enum sst_code rc;

    *found = NOT_FOUND;
    rc = load_shared("AWS_SHARED_CREDENTIALS_FILE", "credentials", &ini, err);
    if (rc == SST_OK && ini)
        rc = from_section(ini, profile, "shared-credentials-file",
                          "credentials", out, found, err);
    sst_ini_free(ini);
    if (rc != SST_OK || *found)
        return rc;
    rc = load_shared("AWS_CONFIG_FILE", "config", &ini, err);
    config_section(profile, section, sizeof section);
    if (rc == SST_OK && ini)
        rc = from_section(ini, section, "shared-config-file", "config", out,
                          found, err);
    sst_ini_free(ini);
    return rc;
}

/* Parse the JSON both the container endpoint and IMDS answer with. */
static enum sst_code
creds_from_json(const char *body, const char *source, const char *url,
                struct sst_aws_creds *out, struct sst_err *err)
{
    struct json_object *j = json_tokener_parse(body), *v;
    const char *ak = NULL, *sk = NULL, *tok = NULL, *exp = NULL;
    long long when = 0;
    enum sst_code rc;

    if (j == NULL || !json_object_is_type(j, json_type_object)) {
        json_object_put(j);
        return sst_err_set(err, SST_E_TRANSPORT,
                           "credentials from %s are not a JSON object", url);
    }
    if (json_object_object_get_ex(j, "AccessKeyId", &v))
        ak = json_object_get_string(v);
    if (json_object_object_get_ex(j, "SecretAccessKey", &v))
        sk = json_object_get_string(v);
    if (json_object_object_get_ex(j, "Token", &v))
        tok = json_object_get_string(v);
    if (json_object_object_get_ex(j, "Expiration", &v))
        exp = json_object_get_string(v);
    if (!ak || !sk || !*ak || !*sk) {
        json_object_put(j);
        return sst_err_set(err, SST_E_TRANSPORT,
                           "credentials from %s lack AccessKeyId or "
                           "SecretAccessKey",
                           url);
    }
    if (exp && sst_aws_parse_time(exp, &when) != 0) {
        json_object_put(j);
        return sst_err_set(err, SST_E_TRANSPORT,
                           "credentials from %s have a malformed Expiration",
                           url);
    }
    rc = set_creds(out, ak, sk, tok, when, source, err);
    json_object_put(j);
    return rc;
}

/* GET or PUT url and demand a 200. */
static enum sst_code
fetch(struct sst_http_conn *c, const char *method, const char *url,
      const struct sst_http_header *h, size_t nh, long timeout_ms,
      struct sst_http_response *r, struct sst_err *err)
{
    enum sst_code rc = sst_http_conn_request(c, method, url, h, nh, NULL, 0,
                                             timeout_ms, timeout_ms, r, err);
    if (rc != SST_OK)
        return rc;
    if (r->status != 200) {
        rc = sst_err_set(err, SST_E_TRANSPORT, "%s answered HTTP %ld", url,
                         r->status);
        if (err)
            err->http_status = (int)r->status;
        sst_http_response_cleanup(r);
    }
    return rc;
}

/* The container endpoint may only be on hosts AWS allows: its own
 * link-local addresses, or loopback for a full URI over plain HTTP. */
static int
container_host_allowed(const char *url)
{
    static const char *const ok[] = {
        "http://127.", "http://localhost:", "http://localhost/",
        "http://[::1]", "http://169.254.170.2", "http://169.254.170.23",
        "http://[fd00:ec2::23]", "https://"};
    size_t i;

    for (i = 0; i < sizeof ok / sizeof ok[0]; i++)
        if (strncmp(url, ok[i], strlen(ok[i])) == 0)
            return 1;
    return 0;
}

static enum sst_code
from_container(long timeout_ms, struct sst_aws_creds *out, enum found *found,
               struct sst_err *err)
{
    const char *rel = env("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
    const char *full = env("AWS_CONTAINER_CREDENTIALS_FULL_URI");
    const char *token = env("AWS_CONTAINER_AUTHORIZATION_TOKEN");
    const char *token_file = env("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
    struct sst_http_conn *c = NULL;
    struct sst_http_response r = {0};
    struct sst_http_header h = {"Authorization", NULL};
    char url[2048], *file_token = NULL;
    size_t flen;
    enum sst_code rc;

    *found = NOT_FOUND;
    if (!rel && !full)
        return SST_OK;
    if (rel)
        snprintf(url, sizeof url, "%s%s", CONTAINER_HOST, rel);
    else
        snprintf(url, sizeof url, "%s", full);
    if (!rel && !container_host_allowed(url))
        return sst_err_set(err, SST_E_INVALID_ARG,
                           "AWS_CONTAINER_CREDENTIALS_FULL_URI host is not "
                           "allowed: %s",
                           url);
    if (!token && token_file) {
        rc = read_file(token_file, &file_token, &flen, err);
        if (rc != SST_OK)
            return rc;
        if (file_token == NULL)
            return sst_err_set(err, SST_E_INVALID_ARG, "cannot read %s",
                               token_file);
        while (flen && (file_token[flen - 1] == '\n' ||
                        file_token[flen - 1] == '\r'))
            file_token[--flen] = '\0';
        token = file_token;
    }
    h.value = token;
    *found = FOUND;
    rc = sst_http_conn_new(&c, err);
    if (rc == SST_OK)
        rc = fetch(c, "GET", url, &h, token ? 1 : 0, timeout_ms, &r, err);
    if (rc == SST_OK)
        rc = creds_from_json(r.body, "container", url, out, err);
    sst_http_response_cleanup(&r);
    sst_http_conn_free(c);
    sst_free(file_token);
    return rc;
}

static enum sst_code
from_imds(long timeout_ms, struct sst_aws_creds *out, enum found *found,
          struct sst_err *err)
{
    const char *disabled = env("AWS_EC2_METADATA_DISABLED");
    const char *base = env("AWS_EC2_METADATA_SERVICE_ENDPOINT");
    struct sst_http_conn *c = NULL;
    struct sst_http_response r = {0};
    struct sst_http_header h;
    char url[2048], token[1024], role[256];
    size_t n;
    enum sst_code rc;

    *found = NOT_FOUND;
    if (disabled && strcasecmp(disabled, "true") == 0)
        return SST_OK;
    if (base == NULL)
        base = IMDS_DEFAULT;
    n = strlen(base);
    while (n && base[n - 1] == '/')
        n--;
    rc = sst_http_conn_new(&c, err);
    if (rc != SST_OK)
        return rc;

    /* IMDSv2: a session token first, then the role, then its keys. */
    snprintf(url, sizeof url, "%.*s/latest/api/token", (int)n, base);
    h.name = "X-aws-ec2-metadata-token-ttl-seconds";
    h.value = "21600";
    rc = fetch(c, "PUT", url, &h, 1, timeout_ms, &r, err);
    if (rc != SST_OK)
        goto out;
    if (r.body_len == 0 || r.body_len >= sizeof token) {
        rc = sst_err_set(err, SST_E_TRANSPORT, "IMDS token from %s is "
                         "empty or too long", url);
        goto out;
    }
    memcpy(token, r.body, r.body_len + 1);
    sst_http_response_cleanup(&r);

    h.name = "X-aws-ec2-metadata-token";
    h.value = token;
    snprintf(url, sizeof url,
             "%.*s/latest/meta-data/iam/security-credentials/", (int)n, base);
    rc = fetch(c, "GET", url, &h, 1, timeout_ms, &r, err);
    if (rc != SST_OK)
        goto out;
    {
        size_t rl = strcspn(r.body, "\r\n");
        if (rl == 0 || rl >= sizeof role) {
            rc = sst_err_set(err, SST_E_TRANSPORT,
                             "IMDS at %s names no instance role", url);
            goto out;
        }
        memcpy(role, r.body, rl);
        role[rl] = '\0';
    }
    sst_http_response_cleanup(&r);
    snprintf(url, sizeof url,
             "%.*s/latest/meta-data/iam/security-credentials/%s", (int)n,
             base, role);
    rc = fetch(c, "GET", url, &h, 1, timeout_ms, &r, err);
    if (rc == SST_OK) {
        *found = FOUND;
        rc = creds_from_json(r.body, "imds", url, out, err);
    }
out:
    /* An instance without a metadata service is simply not an EC2
     * instance: that source has nothing, the chain goes on. */
    if (rc == SST_E_TRANSPORT && !*found &&
        !env("AWS_EC2_METADATA_SERVICE_ENDPOINT"))
        rc = SST_OK;
    sst_http_response_cleanup(&r);
    sst_http_conn_free(c);
    return rc;
}

/* ------------------------------------------------------------------ */

enum sst_code
sst_aws_creds_resolve(const struct sst_creds_options *opt,
                      struct sst_aws_creds *out, struct sst_err *err)
{
    struct sst_creds_options none = {0};
    const char *profile;
    long tmo;
    enum found found = NOT_FOUND;
    enum sst_code rc;

    memset(out, 0, sizeof *out);
    if (opt == NULL)
        opt = &none;
    tmo = opt->timeout_ms > 0 ? opt->timeout_ms : 1000;
    if (opt->access_key_id || opt->secret_access_key) {
        if (!opt->access_key_id || !opt->secret_access_key)
            return sst_err_set(err, SST_E_INVALID_ARG,
                               "explicit credentials need both an access "
                               "key id and a secret access key");
        return set_creds(out, opt->access_key_id, opt->secret_access_key,
                         opt->session_token, 0, "explicit", err);
    }
    rc = from_environment(out, &found, err);
    if (rc != SST_OK || found)
        return rc;
    profile = profile_name(opt->profile);
    rc = from_shared_files(profile, out, &found, err);
    if (rc != SST_OK || found)
        return rc;
    if (!opt->local_only) {
        rc = from_container(tmo, out, &found, err);
        if (rc != SST_OK || found)
            return rc;
        rc = from_imds(tmo, out, &found, err);
        if (rc != SST_OK || found)
            return rc;
    }
    return sst_err_set(err, SST_E_INVALID_ARG,
                       "no AWS credentials found (tried the environment, "
                       "profile '%s' in the shared files, the container "
                       "endpoint and EC2 instance metadata)",
                       profile);
}

void
sst_aws_creds_cleanup(struct sst_aws_creds *c)
{
    if (c == NULL)
        return;
    sst_free(c->access_key_id);
    sst_free(c->secret_access_key);
    sst_free(c->session_token);
    memset(c, 0, sizeof *c);
}

enum sst_code
sst_aws_region_resolve(const char *profile, char **out, struct sst_err *err)
{
    const char *r = env("AWS_REGION");
    struct sst_ini *ini = NULL;
    char section[300];
    enum sst_code rc;

    *out = NULL;
    if (r == NULL)
        r = env("AWS_DEFAULT_REGION");
    if (r) {
        *out = sst_strdup(r);
        return *out ? SST_OK : sst_err_set(err, SST_E_NOMEM, "out of memory");
    }
    rc = load_shared("AWS_CONFIG_FILE", "config", &ini, err);
    if (rc != SST_OK || ini == NULL)
        return rc;
    config_section(profile_name(profile), section, sizeof section);
    r = sst_ini_get(ini, section, "region");
    if (r && *r) {
        *out = sst_strdup(r);
        if (*out == NULL)
            rc = sst_err_set(err, SST_E_NOMEM, "out of memory");
    }
    sst_ini_free(ini);
    return rc;
}

int
sst_aws_parse_time(const char *s, long long *out)
{
    struct tm tm;
    int n = 0;
    const char *p;

    memset(&tm, 0, sizeof tm);
    if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon,
               &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &n) != 6 ||
        n != 19)
        return -1;
    p = s + n;
    if (*p == '.') {
        p++;
        if (*p < '0' || *p > '9')
            return -1;
        while (*p >= '0' && *p <= '9')
            p++;
    }
    if (strcmp(p, "Z") != 0 && strcmp(p, "+00:00") != 0)
        return -1;
    if (tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 ||
        tm.tm_mday > 31 || tm.tm_hour > 23 || tm.tm_min > 59 ||
        tm.tm_sec > 60)
        return -1;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    *out = (long long)timegm(&tm);
    return 0;
}
