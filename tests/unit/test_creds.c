/*
 * tests/unit/test_creds.c - the AWS shared-file parser, the credential
 * chain and region lookup. Container and IMDS sources are exercised
 * against tests/fake_server.c on 127.0.0.1; the real link-local addresses
 * are never contacted (AWS_EC2_METADATA_DISABLED is set unless a test
 * points IMDS at the fake server).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sst/sst.h>

#include "fake_server.h"
#include "harness.h"
#include "src/http/creds.h"
#include "src/http/ini.h"

static char home[256];
static struct fake_server *fs;

static const char *const aws_vars[] = {
    "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
    "AWS_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION",
    "AWS_SHARED_CREDENTIALS_FILE", "AWS_CONFIG_FILE",
    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_AUTHORIZATION_TOKEN",
    "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
    "AWS_EC2_METADATA_SERVICE_ENDPOINT"};

static void
write_file(const char *name, const char *text)
{
    char path[512];
    FILE *f;

    snprintf(path, sizeof path, "%s/.aws/%s", home, name);
    f = fopen(path, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs(text, f);
    fclose(f);
}

static void
remove_files(void)
{
    char path[512];

    snprintf(path, sizeof path, "%s/.aws/credentials", home);
    unlink(path);
    snprintf(path, sizeof path, "%s/.aws/config", home);
    unlink(path);
    snprintf(path, sizeof path, "%s/token", home);
    unlink(path);
}

/* Every test starts from a clean environment and an empty ~/.aws. */
static void
clean(void)
{
    size_t i;

    for (i = 0; i < sizeof aws_vars / sizeof aws_vars[0]; i++)
        unsetenv(aws_vars[i]);
    setenv("AWS_EC2_METADATA_DISABLED", "true", 1);
    setenv("HOME", home, 1);
    remove_files();
    fake_server_reset(fs);
}

static int
mkdir_p_helper(const char *dir)
{
    return mkdir(dir, 0700);
}

static int
suite_init(void)
{
    char dir[300];

    snprintf(home, sizeof home, "/tmp/sst-creds-XXXXXX");
    if (mkdtemp(home) == NULL)
        return 1;
    snprintf(dir, sizeof dir, "%s/.aws", home);
    if (mkdir_p_helper(dir) != 0)
        return 1;
    fs = fake_server_start();
    return fs ? 0 : 1;
}

static int
suite_cleanup(void)
{
    char dir[300];

    remove_files();
    snprintf(dir, sizeof dir, "%s/.aws", home);
    rmdir(dir);
    rmdir(home);
    fake_server_stop(fs);
    return 0;
}

/* ------------------------------------------------------------------ */
/* ini                                                                 */

static void
ini_parses_sections_and_comments(void)
{
    const char *text = "# comment\n"
                       "[default]\n"
                       "aws_access_key_id = AKIDDEFAULT\n"
                       "  ; another comment\n"
                       "region=eu-west-1   \r\n"
                       "\n"
                       "[profile dev]\n"
                       "s3 =\n"
                       "  max_concurrent_requests = 10\n"
                       "region = us-west-2\n"
                       "region = ap-south-1\n"
                       "empty =\n";
    struct sst_ini *ini = NULL;

    CU_ASSERT_EQUAL_FATAL(sst_ini_parse(text, strlen(text), &ini, NULL),
                          SST_OK);
    SST_ASSERT_STR_EQ(sst_ini_get(ini, "default", "aws_access_key_id"),
                      "AKIDDEFAULT");
    SST_ASSERT_STR_EQ(sst_ini_get(ini, "default", "region"), "eu-west-1");
    SST_ASSERT_STR_EQ(sst_ini_get(ini, "profile dev", "region"),
                      "ap-south-1");
    SST_ASSERT_STR_EQ(sst_ini_get(ini, "profile dev", "s3"), "");
    SST_ASSERT_STR_EQ(sst_ini_get(ini, "profile dev", "empty"), "");
    CU_ASSERT_PTR_NULL(
        sst_ini_get(ini, "profile dev", "max_concurrent_requests"));
    CU_ASSERT_PTR_NULL(sst_ini_get(ini, "dev", "region"));
    sst_ini_free(ini);
    sst_ini_free(NULL);
}

static void
ini_refuses_malformed_lines(void)
{
    static const struct {
        const char *text;
        const char *message;
    } bad[] = {
        {"key = value\n", "line 1: expected [section] or key = value"},
        {"[a]\nnot a pair\n", "line 2: expected [section] or key = value"},
        {"[a\nk=v\n", "line 1: unterminated section header"},
        {"[a]\n= v\n", "line 2: empty key"},
    };
    size_t i;

    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct sst_ini *ini = (struct sst_ini *)1;
        struct sst_err e;

        CU_ASSERT_EQUAL(sst_ini_parse(bad[i].text, strlen(bad[i].text), &ini,
                                      &e),
                        SST_E_INVALID_ARG);
        CU_ASSERT_PTR_NULL(ini);
        CU_ASSERT_PTR_NOT_NULL(strstr(e.message, bad[i].message));
    }
}

static void
ini_oom_loop(void)
{
    const char *text = "[a]\nx=1\ny=2\n[b]\nz=3\n";
    long n, before = sst_mem_live_count();
    int ok = 0;

    for (n = 1; n < 100 && !ok; n++) {
        struct sst_ini *ini = NULL;
        enum sst_code rc;

        sst_mem_fail_after(n);
        rc = sst_ini_parse(text, strlen(text), &ini, NULL);
        sst_mem_fail_reset();
        if (rc == SST_OK) {
            ok = 1;
            SST_ASSERT_STR_EQ(sst_ini_get(ini, "b", "z"), "3");
        } else {
            CU_ASSERT_EQUAL(rc, SST_E_NOMEM);
        }
        sst_ini_free(ini);
        CU_ASSERT_EQUAL(sst_mem_live_count(), before);
    }
    CU_ASSERT_TRUE(ok);
}

static void
parses_aws_times(void)
{
    long long t = 0;

    CU_ASSERT_EQUAL(sst_aws_parse_time("2026-11-25T20:00:00Z", &t), 0);
    CU_ASSERT_EQUAL(t, 1795636800LL);
    CU_ASSERT_EQUAL(sst_aws_parse_time("1970-01-01T00:00:01.250Z", &t), 0);
    CU_ASSERT_EQUAL(t, 1LL);
    CU_ASSERT_EQUAL(sst_aws_parse_time("2026-11-25T20:00:00+00:00", &t), 0);
    CU_ASSERT_EQUAL(sst_aws_parse_time("2026-11-25 20:00:00Z", &t), -1);
    CU_ASSERT_EQUAL(sst_aws_parse_time("2026-13-25T20:00:00Z", &t), -1);
    CU_ASSERT_EQUAL(sst_aws_parse_time("2026-11-25T20:00:00", &t), -1);
    CU_ASSERT_EQUAL(sst_aws_parse_time("2026-11-25T20:00:00.Z", &t), -1);
}

/* ------------------------------------------------------------------ */
/* the chain                                                           */

static void
expect_creds(const char *ak, const char *sk, const char *tok,
             const char *source)
{
    struct sst_aws_creds c;
    struct sst_err e;
    enum sst_code rc = sst_aws_creds_resolve(NULL, &c, &e);

    if (rc != SST_OK)
        printf("\n  resolve failed: %s\n", e.message);
    CU_ASSERT_EQUAL_FATAL(rc, SST_OK);
    SST_ASSERT_STR_EQ(c.access_key_id, ak);
    SST_ASSERT_STR_EQ(c.secret_access_key, sk);
    SST_ASSERT_STR_EQ(c.session_token, tok);
    SST_ASSERT_STR_EQ(c.source, source);
    sst_aws_creds_cleanup(&c);
}

static void
expect_error(enum sst_code code, const char *message)
{
    struct sst_aws_creds c;
    struct sst_err e;

    CU_ASSERT_EQUAL(sst_aws_creds_resolve(NULL, &c, &e), code);
    CU_ASSERT_PTR_NULL(c.access_key_id);
    if (strstr(e.message, message) == NULL) {
        printf("\n  message \"%s\" lacks \"%s\"\n", e.message, message);
        CU_FAIL("wrong message");
    }
}

static void
explicit_keys_win(void)
{
    struct sst_creds_options o = {"AKIDX", "SECRETX", "TOKX", NULL, 0, 0};
    struct sst_creds_options half = {"AKIDX", NULL, NULL, NULL, 0, 0};
    struct sst_aws_creds c;
    struct sst_err e;

    clean();
    setenv("AWS_ACCESS_KEY_ID", "AKIDENV", 1);
    setenv("AWS_SECRET_ACCESS_KEY", "SECRETENV", 1);
    CU_ASSERT_EQUAL_FATAL(sst_aws_creds_resolve(&o, &c, &e), SST_OK);
    SST_ASSERT_STR_EQ(c.access_key_id, "AKIDX");
    SST_ASSERT_STR_EQ(c.session_token, "TOKX");
    SST_ASSERT_STR_EQ(c.source, "explicit");
    sst_aws_creds_cleanup(&c);
    CU_ASSERT_EQUAL(sst_aws_creds_resolve(&half, &c, &e), SST_E_INVALID_ARG);
    CU_ASSERT_PTR_NOT_NULL(strstr(e.message, "need both"));
}

static void
environment(void)
{
    clean();
    setenv("AWS_ACCESS_KEY_ID", "AKIDENV", 1);
    setenv("AWS_SECRET_ACCESS_KEY", "SECRETENV", 1);
    expect_creds("AKIDENV", "SECRETENV", NULL, "environment");
    setenv("AWS_SESSION_TOKEN", "TOKENV", 1);
    expect_creds("AKIDENV", "SECRETENV", "TOKENV", "environment");
    /* the environment beats the shared files */
    write_file("credentials",
               "[default]\naws_access_key_id=F\naws_secret_access_key=G\n");
    expect_creds("AKIDENV", "SECRETENV", "TOKENV", "environment");
    unsetenv("AWS_SECRET_ACCESS_KEY");
    expect_error(SST_E_INVALID_ARG,
                 "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not");
}

static void
shared_credentials_file(void)
{
    clean();
    write_file("credentials",
               "[default]\naws_access_key_id = AKIDDEF\n"
               "aws_secret_access_key = SECDEF\n"
               "[dev]\naws_access_key_id = AKIDDEV\n"
               "aws_secret_access_key = SECDEV\naws_session_token = TDEV\n");
    expect_creds("AKIDDEF", "SECDEF", NULL, "shared-credentials-file");
    setenv("AWS_PROFILE", "dev", 1);
    expect_creds("AKIDDEV", "SECDEV", "TDEV", "shared-credentials-file");
    {
        struct sst_creds_options o = {NULL, NULL, NULL, "default", 0, 0};
        struct sst_aws_creds c;

        CU_ASSERT_EQUAL_FATAL(sst_aws_creds_resolve(&o, &c, NULL), SST_OK);
        SST_ASSERT_STR_EQ(c.access_key_id, "AKIDDEF");
        sst_aws_creds_cleanup(&c);
    }
    write_file("credentials", "[dev]\naws_access_key_id = AKIDDEV\n");
    expect_error(SST_E_INVALID_ARG,
                 "partial credentials in section [dev] of the shared "
                 "credentials file");
    write_file("credentials", "oops\n");
    expect_error(SST_E_INVALID_ARG, "credentials: AWS config file line 1");
}

static void
shared_config_file(void)
{
    clean();
    write_file("config", "[default]\naws_access_key_id=AKC\n"
                         "aws_secret_access_key=SKC\n"
                         "[profile ops]\naws_access_key_id=AKOPS\n"
                         "aws_secret_access_key=SKOPS\nregion=sa-east-1\n");
    expect_creds("AKC", "SKC", NULL, "shared-config-file");
    setenv("AWS_PROFILE", "ops", 1);
    expect_creds("AKOPS", "SKOPS", NULL, "shared-config-file");
    /* the credentials file beats the config file */
    write_file("credentials", "[ops]\naws_access_key_id=AKF\n"
                              "aws_secret_access_key=SKF\n");
    expect_creds("AKF", "SKF", NULL, "shared-credentials-file");
    /* files named by the environment */
    {
        char path[512];

        snprintf(path, sizeof path, "%s/.aws/config", home);
        setenv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/creds", 1);
        setenv("AWS_CONFIG_FILE", path, 1);
        expect_creds("AKOPS", "SKOPS", NULL, "shared-config-file");
    }
}

static void
container_endpoint(void)
{
    char url[256], tokpath[512], auth[256];
    struct fake_request r;
    struct fake_rule ok = {
        "GET", "/creds", -1, 200, "Content-Type: application/json\r\n",
        "{\"AccessKeyId\":\"AKCONT\",\"SecretAccessKey\":\"SKCONT\","
        "\"Token\":\"TCONT\",\"Expiration\":\"2026-11-25T21:00:00Z\"}",
        FAKE_NORMAL, 0};
    struct sst_aws_creds c;
    FILE *f;

    clean();
    fake_server_add(fs, &ok);
    fake_server_url(fs, url, sizeof url);
    strcat(url, "/creds");
    setenv("AWS_CONTAINER_CREDENTIALS_FULL_URI", url, 1);
    setenv("AWS_CONTAINER_AUTHORIZATION_TOKEN", "Bearer abc", 1);
    CU_ASSERT_EQUAL_FATAL(sst_aws_creds_resolve(NULL, &c, NULL), SST_OK);
    SST_ASSERT_STR_EQ(c.access_key_id, "AKCONT");
    SST_ASSERT_STR_EQ(c.secret_access_key, "SKCONT");
    SST_ASSERT_STR_EQ(c.session_token, "TCONT");
    SST_ASSERT_STR_EQ(c.source, "container");
    CU_ASSERT_EQUAL(c.expiration, 1795640400LL);
    sst_aws_creds_cleanup(&c);
    CU_ASSERT_EQUAL_FATAL(fake_server_request(fs, 0, &r), 0);
    CU_ASSERT_EQUAL(fake_request_header(&r, "Authorization", auth,
                                        sizeof auth), 0);
    SST_ASSERT_STR_EQ(auth, "Bearer abc");

    /* the token from a file, trailing newline dropped */
    unsetenv("AWS_CONTAINER_AUTHORIZATION_TOKEN");
    snprintf(tokpath, sizeof tokpath, "%s/token", home);
    f = fopen(tokpath, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs("filetoken\n", f);
    fclose(f);
    setenv("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", tokpath, 1);
    expect_creds("AKCONT", "SKCONT", "TCONT", "container");
    CU_ASSERT_EQUAL_FATAL(fake_server_request(fs, 1, &r), 0);
    fake_request_header(&r, "Authorization", auth, sizeof auth);
    SST_ASSERT_STR_EQ(auth, "filetoken");

    /* a host AWS does not allow is refused without connecting */
    setenv("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://192.0.2.1/creds", 1);
    expect_error(SST_E_INVALID_ARG, "host is not allowed");
    CU_ASSERT_EQUAL(fake_server_count(fs), 2);

    /* an endpoint that fails is an error, not "no credentials" */
    fake_server_reset(fs);
    setenv("AWS_CONTAINER_CREDENTIALS_FULL_URI", url, 1);
    expect_error(SST_E_TRANSPORT, "answered HTTP 404");
    {
        struct fake_rule junk = {"GET", "/creds", -1, 200, NULL, "[1,2]",
                                 FAKE_NORMAL, 0};
        fake_server_add(fs, &junk);
        expect_error(SST_E_TRANSPORT, "are not a JSON object");
    }
}

static void
imds_v2(void)
{
    char base[128], hdr[256];
    struct fake_request r;
    struct fake_rule token = {"PUT", "/latest/api/token", -1, 200, NULL,
                              "TOKEN123", FAKE_NORMAL, 0};
    struct fake_rule role = {"GET",
                             "/latest/meta-data/iam/security-credentials/",
                             -1, 200, NULL, "my-role\n", FAKE_NORMAL, 0};
    struct fake_rule keys = {
        "GET", "/latest/meta-data/iam/security-credentials/my-role", -1, 200,
        NULL,
        "{\"Code\":\"Success\",\"AccessKeyId\":\"AKIMDS\","
        "\"SecretAccessKey\":\"SKIMDS\",\"Token\":\"TIMDS\","
        "\"Expiration\":\"2026-11-26T00:00:00Z\"}",
        FAKE_NORMAL, 0};
    struct sst_aws_creds c;

    clean();
    fake_server_url(fs, base, sizeof base);
    setenv("AWS_EC2_METADATA_SERVICE_ENDPOINT", base, 1);
    /* disabled: not asked at all */
    expect_error(SST_E_INVALID_ARG, "no AWS credentials found");
    CU_ASSERT_EQUAL(fake_server_count(fs), 0);

    unsetenv("AWS_EC2_METADATA_DISABLED");
    fake_server_add(fs, &token);
    fake_server_add(fs, &role);
    fake_server_add(fs, &keys);
    CU_ASSERT_EQUAL_FATAL(sst_aws_creds_resolve(NULL, &c, NULL), SST_OK);
    SST_ASSERT_STR_EQ(c.access_key_id, "AKIMDS");
    SST_ASSERT_STR_EQ(c.session_token, "TIMDS");
    SST_ASSERT_STR_EQ(c.source, "imds");
    CU_ASSERT_EQUAL(c.expiration, 1795651200LL);
    sst_aws_creds_cleanup(&c);
    CU_ASSERT_EQUAL(fake_server_count(fs), 3);
    fake_server_request(fs, 0, &r);
    SST_ASSERT_STR_EQ(r.method, "PUT");
    CU_ASSERT_EQUAL(fake_request_header(
                        &r, "X-aws-ec2-metadata-token-ttl-seconds", hdr,
                        sizeof hdr),
                    0);
    SST_ASSERT_STR_EQ(hdr, "21600");
    fake_server_request(fs, 2, &r);
    SST_ASSERT_STR_EQ(r.path,
                      "/latest/meta-data/iam/security-credentials/my-role");
    CU_ASSERT_EQUAL(fake_request_header(&r, "X-aws-ec2-metadata-token", hdr,
                                        sizeof hdr), 0);
    SST_ASSERT_STR_EQ(hdr, "TOKEN123");

    /* a configured IMDS that fails is an error */
    fake_server_reset(fs);
    expect_error(SST_E_TRANSPORT, "answered HTTP 404");
    setenv("AWS_EC2_METADATA_DISABLED", "true", 1);
}

static void
chain_order(void)
{
    char url[256];
    struct fake_rule ok = {"GET", "/c", -1, 200, NULL,
                           "{\"AccessKeyId\":\"AKC\",\"SecretAccessKey\":"
                           "\"SKC\"}",
                           FAKE_NORMAL, 0};

    clean();
    fake_server_add(fs, &ok);
    fake_server_url(fs, url, sizeof url);
    strcat(url, "/c");
    setenv("AWS_CONTAINER_CREDENTIALS_FULL_URI", url, 1);
    write_file("credentials", "[default]\naws_access_key_id=AKF\n"
                              "aws_secret_access_key=SKF\n");
    expect_creds("AKF", "SKF", NULL, "shared-credentials-file");
    remove_files();
    expect_creds("AKC", "SKC", NULL, "container");
    unsetenv("AWS_CONTAINER_CREDENTIALS_FULL_URI");
    expect_error(SST_E_INVALID_ARG,
                 "no AWS credentials found (tried the environment, profile "
                 "'default'");
}

static void
region_lookup(void)
{
    char *r = NULL;

    clean();
    CU_ASSERT_EQUAL(sst_aws_region_resolve(NULL, &r, NULL), SST_OK);
    CU_ASSERT_PTR_NULL(r);
    write_file("config", "[default]\nregion=eu-north-1\n"
                         "[profile x]\nregion=me-south-1\n");
    CU_ASSERT_EQUAL(sst_aws_region_resolve(NULL, &r, NULL), SST_OK);
    SST_ASSERT_STR_EQ(r, "eu-north-1");
    sst_free(r);
    CU_ASSERT_EQUAL(sst_aws_region_resolve("x", &r, NULL), SST_OK);
    SST_ASSERT_STR_EQ(r, "me-south-1");
    sst_free(r);
    setenv("AWS_DEFAULT_REGION", "us-west-1", 1);
    CU_ASSERT_EQUAL(sst_aws_region_resolve("x", &r, NULL), SST_OK);
    SST_ASSERT_STR_EQ(r, "us-west-1");
    sst_free(r);
    setenv("AWS_REGION", "ca-central-1", 1);
    CU_ASSERT_EQUAL(sst_aws_region_resolve("x", &r, NULL), SST_OK);
    SST_ASSERT_STR_EQ(r, "ca-central-1");
    sst_free(r);
}

static const struct sst_test ini_tests[] = {
    {"sections, comments, nested keys", ini_parses_sections_and_comments},
    {"malformed lines refused", ini_refuses_malformed_lines},
    {"OOM loop", ini_oom_loop},
    {"AWS times", parses_aws_times},
    {NULL, NULL},
};

static const struct sst_test chain_tests[] = {
    {"explicit keys win", explicit_keys_win},
    {"environment", environment},
    {"shared credentials file", shared_credentials_file},
    {"shared config file", shared_config_file},
    {"container endpoint", container_endpoint},
    {"EC2 IMDSv2", imds_v2},
    {"chain order", chain_order},
    {"region lookup", region_lookup},
    {NULL, NULL},
};

int
main(int argc, char **argv)
{
    static const struct sst_suite suites[] = {
        {"ini", NULL, NULL, ini_tests},
        {"credential chain", suite_init, suite_cleanup, chain_tests},
        {NULL, NULL, NULL, NULL},
    };
    return sst_test_main(argc, argv, "test_creds", suites);
}
