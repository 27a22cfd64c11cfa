/*
 * tests/unit/test_uri.c - backend URI parsing: good URIs give the right
 * kind and parts; bad ones give SST_E_INVALID_ARG with a message that
 * names the problem.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sst/sst.h>

#include "harness.h"

struct good {
    const char *uri;
    enum sst_backend_kind kind;
    const char *scheme;
    int in_memory;
    const char *path;
    const char *host;
    int port;
    const char *base_path;
    const char *region;
    const char *inner_a;
    const char *inner_b;
};

static const struct good goods[] = {
    {"emu::memory:", SST_BACKEND_EMU, "emu", 1, NULL, NULL, 0, NULL, NULL,
     NULL, NULL},
    {"emu:/var/lib/sst", SST_BACKEND_EMU, "emu", 0, "/var/lib/sst", NULL, 0,
     NULL, NULL, NULL, NULL},
    {"EMU:relative/dir?no-sync", SST_BACKEND_EMU, "emu", 0, "relative/dir",
     NULL, 0, NULL, NULL, NULL, NULL},
    {"emu::memory:?map-size=1048576", SST_BACKEND_EMU, "emu", 1, NULL, NULL,
     0, NULL, NULL, NULL, NULL},
    {"http://localhost:8000", SST_BACKEND_HTTP, "http", 0, NULL, "localhost",
     8000, "/", NULL, NULL, NULL},
    {"http://127.0.0.1", SST_BACKEND_HTTP, "http", 0, NULL, "127.0.0.1", 80,
     "/", NULL, NULL, NULL},
    {"https://dynamodb.eu-west-1.amazonaws.com/", SST_BACKEND_HTTP, "https",
     0, NULL, "dynamodb.eu-west-1.amazonaws.com", 443, "/", NULL, NULL,
     NULL},
    {"http://[::1]:8123/prefix?region=eu-west-1", SST_BACKEND_HTTP, "http", 0,
     NULL, "[::1]", 8123, "/prefix", "eu-west-1", NULL, NULL},
    {"http://h:65535", SST_BACKEND_HTTP, "http", 0, NULL, "h", 65535, "/",
     NULL, NULL, NULL},
    {"dynamodb://us-east-1", SST_BACKEND_DYNAMODB, "dynamodb", 0, NULL, NULL,
     443, NULL, "us-east-1", NULL, NULL},
    {"dynamodb://eu-central-1?profile=prod", SST_BACKEND_DYNAMODB, "dynamodb",
     0, NULL, NULL, 443, NULL, "eu-central-1", NULL, NULL},
    {"diff:emu::memory:|http://localhost:8000", SST_BACKEND_DIFF, "diff", 0,
     NULL, NULL, 0, NULL, NULL, "emu::memory:", "http://localhost:8000"},
    {"diff:emu:/a?no-sync|diff:emu:/b|emu:/c", SST_BACKEND_DIFF, "diff", 0,
     NULL, NULL, 0, NULL, NULL, "emu:/a?no-sync", "diff:emu:/b|emu:/c"},
    {"fault:throttle=0.1,latency=5|emu::memory:", SST_BACKEND_FAULT, "fault",
     0, NULL, NULL, 0, NULL, NULL, "emu::memory:", NULL},
    {"fault:x|fault:x|fault:x|fault:x|fault:x|fault:x|fault:x|fault:x|emu:j",
     SST_BACKEND_FAULT, "fault", 0, NULL, NULL, 0, NULL, NULL,
     "fault:x|fault:x|fault:x|fault:x|fault:x|fault:x|fault:x|emu:j", NULL},
};

struct bad {
    const char *uri;
    const char *message; /* expected substring of err.message */
};

static const struct bad bads[] = {
    {"", "backend URI is empty"},
    {"localhost:8000", "unknown backend scheme 'localhost'"},
    {"nothing-here", "has no scheme"},
    {":memory:", "has no scheme"},
    {"redis://x", "unknown backend scheme 'redis'"},
    {"emu:", "emu: URI needs a directory path or :memory:"},
    {"emu:?no-sync", "emu: URI needs a directory path or :memory:"},
    {"emu:/x?bogus=1", "unknown option 'bogus' for emu: URI"},
    {"emu:/x?=1", "malformed option in emu: URI"},
    {"emu:/x?no-sync&", "malformed option in emu: URI"},
    {"emu:/x y", "space or control character"},
    {"http:localhost", "http: URI must be http://HOST[:PORT][/PATH]"},
    {"http://", "http: URI has no host"},
    {"http://:8000", "http: URI has no host"},
    {"http://host:0", "invalid port '0'"},
    {"http://host:65536", "invalid port '65536'"},
    {"http://host:80a", "invalid port '80a'"},
    {"http://host:", "invalid port ''"},
    {"http://user:pw@host", "must not carry credentials"},
    {"http://ho%st", "invalid character in host"},
    {"http://[::1", "unterminated IPv6 host"},
    {"http://[zz]", "invalid IPv6 host"},
    {"http://[::1]x", "unexpected text after host"},
    {"https://h?timeout-ms=5&color=red", "unknown option 'color' for https"},
    {"dynamodb://", "dynamodb: URI must be dynamodb://REGION"},
    {"dynamodb:us-east-1", "dynamodb: URI must be dynamodb://REGION"},
    {"dynamodb://US-EAST-1", "invalid region 'US-EAST-1'"},
    {"dynamodb://eu-west-1?region=x", "unknown option 'region'"},
    {"diff:emu::memory:", "diff: URI must be diff:URI_A|URI_B"},
    {"diff:|emu::memory:", "needs two backend URIs"},
    {"diff:emu::memory:|", "needs two backend URIs"},
    {"diff:emu::memory:|bogus:x", "unknown backend scheme 'bogus'"},
    {"fault:emu::memory:", "fault: URI must be fault:SPEC|URI"},
    {"fault:|emu::memory:", "empty fault option in fault: URI"},
    {"fault:throttle=1|", "needs a backend URI after '|'"},
    {"fault:a b|emu::memory:", "space or control character"},
    {"fault:=1|emu::memory:", "malformed fault option"},
    {"diff:emu:a|diff:emu:b|diff:emu:c|diff:emu:d|diff:emu:e|diff:emu:f|"
     "diff:emu:g|diff:emu:h|diff:emu:i|emu:j",
     "nests deeper than 8 levels"},
    {"fault:x|fault:x|fault:x|fault:x|fault:x|fault:x|fault:x|fault:x|"
     "fault:x|emu:j",
     "nests deeper than 8 levels"},
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void
good_uris_parse(void)
{
    size_t i;

    for (i = 0; i < N(goods); i++) {
        const struct good *g = &goods[i];
        struct sst_uri *u = NULL;
        struct sst_err e;
        enum sst_code rc = sst_uri_parse(g->uri, &u, &e);

        if (rc != SST_OK) {
            printf("\n  %s: %s\n", g->uri, e.message);
            CU_FAIL("good URI refused");
            continue;
        }
        CU_ASSERT_EQUAL(u->kind, g->kind);
        SST_ASSERT_STR_EQ(u->scheme, g->scheme);
        CU_ASSERT_EQUAL(u->in_memory, g->in_memory);
        SST_ASSERT_STR_EQ(u->path, g->path);
        SST_ASSERT_STR_EQ(u->host, g->host);
        CU_ASSERT_EQUAL(u->port, g->port);
        SST_ASSERT_STR_EQ(u->base_path, g->base_path);
        SST_ASSERT_STR_EQ(u->region, g->region);
        SST_ASSERT_STR_EQ(u->inner_a, g->inner_a);
        SST_ASSERT_STR_EQ(u->inner_b, g->inner_b);
        sst_uri_free(u);
    }
}

static void
bad_uris_refused(void)
{
    size_t i;

    for (i = 0; i < N(bads); i++) {
        struct sst_uri *u = (struct sst_uri *)1;
        struct sst_err e;
        enum sst_code rc = sst_uri_parse(bads[i].uri, &u, &e);

        CU_ASSERT_EQUAL(rc, SST_E_INVALID_ARG);
        CU_ASSERT_EQUAL(e.code, SST_E_INVALID_ARG);
        CU_ASSERT_PTR_NULL(u);
        if (rc == SST_OK)
            sst_uri_free(u);
        if (strstr(e.message, bads[i].message) == NULL) {
            printf("\n  URI \"%s\": message \"%s\" lacks \"%s\"\n",
                   bads[i].uri, rc == SST_OK ? "(ok)" : e.message,
                   bads[i].message);
            CU_FAIL("error message does not name the problem");
        }
    }
}

static void
options_are_kept(void)
{
    struct sst_uri *u = NULL;

    CU_ASSERT_EQUAL_FATAL(
        sst_uri_parse("http://h:1?region=ap-south-1&timeout-ms=250&"
                      "max-attempts",
                      &u, NULL),
        SST_OK);
    CU_ASSERT_EQUAL(u->opt_count, 3);
    SST_ASSERT_STR_EQ(sst_uri_opt_get(u, "region"), "ap-south-1");
    SST_ASSERT_STR_EQ(sst_uri_opt_get(u, "timeout-ms"), "250");
    SST_ASSERT_STR_EQ(sst_uri_opt_get(u, "max-attempts"), "");
    CU_ASSERT_PTR_NULL(sst_uri_opt_get(u, "profile"));
    SST_ASSERT_STR_EQ(u->region, "ap-south-1");
    sst_uri_free(u);
}

static void
fault_spec_is_split(void)
{
    struct sst_uri *u = NULL;

    CU_ASSERT_EQUAL_FATAL(
        sst_uri_parse("fault:throttle=0.25,error500=0.1,drop|emu::memory:",
                      &u, NULL),
        SST_OK);
    CU_ASSERT_EQUAL_FATAL(u->fault_opt_count, 3);
    SST_ASSERT_STR_EQ(u->fault_opts[0].key, "throttle");
    SST_ASSERT_STR_EQ(u->fault_opts[0].value, "0.25");
    SST_ASSERT_STR_EQ(u->fault_opts[1].key, "error500");
    SST_ASSERT_STR_EQ(u->fault_opts[1].value, "0.1");
    SST_ASSERT_STR_EQ(u->fault_opts[2].key, "drop");
    SST_ASSERT_STR_EQ(u->fault_opts[2].value, "");
    sst_uri_free(u);
}

static void
null_and_long_inputs(void)
{
    struct sst_uri *u = NULL;
    struct sst_err e;
    char *big;

    CU_ASSERT_EQUAL(sst_uri_parse(NULL, &u, &e), SST_E_INVALID_ARG);
    SST_ASSERT_STR_EQ(e.message, "backend URI is NULL");
    CU_ASSERT_EQUAL(sst_uri_parse("emu::memory:", NULL, &e),
                    SST_E_INVALID_ARG);
    big = malloc(5000);
    CU_ASSERT_PTR_NOT_NULL_FATAL(big);
    memcpy(big, "emu:", 4);
    memset(big + 4, 'a', 4995);
    big[4999] = '\0';
    CU_ASSERT_EQUAL(sst_uri_parse(big, &u, &e), SST_E_INVALID_ARG);
    SST_ASSERT_STR_EQ(e.message, "backend URI is longer than 4096 bytes");
    free(big);
    CU_ASSERT_EQUAL(sst_uri_parse("emu:x", &u, NULL), SST_OK);
    sst_uri_free(u);
    sst_uri_free(NULL);
    SST_ASSERT_STR_EQ(sst_backend_kind_name(SST_BACKEND_DIFF), "diff");
    SST_ASSERT_STR_EQ(sst_backend_kind_name(SST_BACKEND_KIND_COUNT), "?");
}

static const struct sst_test uri_tests[] = {
    {"good URIs parse", good_uris_parse},
    {"bad URIs are refused with a clear message", bad_uris_refused},
    {"options are kept", options_are_kept},
    {"fault spec is split", fault_spec_is_split},
    {"NULL and over-long inputs", null_and_long_inputs},
    {NULL, NULL},
};

int
main(int argc, char **argv)
{
    static const struct sst_suite suites[] = {
        {"uri", NULL, NULL, uri_tests},
        {NULL, NULL, NULL, NULL},
    };
    return sst_test_main(argc, argv, "test_uri", suites);
}
