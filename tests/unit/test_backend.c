/*
 * tests/unit/test_backend.c - the backend registry and the sst_backend_*
 * entry points. The backend registered here only records what reaches it:
 * it tests the seam's plumbing, not DynamoDB behaviour.
 */
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include <sst/sst.h>

#include "harness.h"

struct probe {
    struct sst_backend base;
    char *seen_uri_host;
    int calls;
};

static int closed;

static enum sst_code
probe_call(struct sst_backend *b, const char *op,
           const struct json_object *req, struct json_object **resp,
           struct sst_err *err)
{
    struct probe *p = (struct probe *)b;
    struct json_object *tn;

    p->calls++;
    if (strcmp(op, "Fail") == 0)
        return sst_err_set_dynamodb(
            err, "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",
            "Requested resource not found", 400);
    *resp = json_object_new_object();
    json_object_object_add(*resp, "Op", json_object_new_string(op));
    if (json_object_object_get_ex(req, "TableName", &tn))
        json_object_object_add(*resp, "TableName", json_object_get(tn));
    return SST_OK;
}

static void
probe_close(struct sst_backend *b)
{
    struct probe *p = (struct probe *)b;
    sst_free(p->seen_uri_host);
    sst_free(p);
    closed++;
}

static const struct sst_backend_ops probe_ops = {"probe", probe_call,
                                                 probe_close};

static enum sst_code
probe_open(const struct sst_uri *uri, struct sst_backend **out,
           struct sst_err *err)
{
    struct probe *p = sst_calloc(1, sizeof *p);

    if (p == NULL)
        return sst_err_set(err, SST_E_NOMEM, "no memory");
    p->base.ops = &probe_ops;
    p->seen_uri_host = sst_strdup(uri->host);
    *out = &p->base;
    return SST_OK;
}

static void
unbuilt_scheme_names_itself(void)
{
    static const char *const uris[] = {
        "emu::memory:", "http://localhost:8000", "https://h",
        "dynamodb://us-east-1", "diff:emu::memory:|emu::memory:",
        "fault:drop|emu::memory:"};
    static const char *const names[] = {"'emu:'", "'http:'", "'https:'",
                                        "'dynamodb:'", "'diff:'", "'fault:'"};
    size_t i;

    for (i = 0; i < sizeof uris / sizeof uris[0]; i++) {
        struct sst_backend *b = (struct sst_backend *)1;
        struct sst_err e;
        struct sst_uri *u = NULL;

        CU_ASSERT_EQUAL_FATAL(sst_uri_parse(uris[i], &u, NULL), SST_OK);
        if (sst_backend_kind_available(u->kind)) {
            sst_uri_free(u);
            continue; /* built: its own suite tests it */
        }
        sst_uri_free(u);
        CU_ASSERT_EQUAL(sst_backend_open(uris[i], &b, &e), SST_E_INVALID_ARG);
        CU_ASSERT_PTR_NULL(b);
        CU_ASSERT_PTR_NOT_NULL(strstr(e.message, names[i]));
        CU_ASSERT_PTR_NOT_NULL(strstr(e.message, "not available"));
    }
}

static void
bad_uri_is_refused_before_any_backend(void)
{
    struct sst_backend *b = NULL;
    struct sst_err e;

    CU_ASSERT_EQUAL(sst_backend_open("mongodb://x", &b, &e),
                    SST_E_INVALID_ARG);
    CU_ASSERT_PTR_NOT_NULL(strstr(e.message, "'mongodb'"));
    CU_ASSERT_EQUAL(sst_backend_open("emu::memory:", NULL, &e),
                    SST_E_INVALID_ARG);
}

static void
registered_backend_is_opened_called_closed(void)
{
    struct sst_backend *b = NULL;
    struct json_object *req, *resp = NULL;
    struct sst_err e;
    int was_closed = closed;

    CU_ASSERT_EQUAL_FATAL(
        sst_backend_register(SST_BACKEND_HTTP, probe_open, &e), SST_OK);
    CU_ASSERT_TRUE(sst_backend_kind_available(SST_BACKEND_HTTP));
    CU_ASSERT_EQUAL_FATAL(sst_backend_open("http://example:9/", &b, &e),
                          SST_OK);
    SST_ASSERT_STR_EQ(sst_backend_name(b), "probe");
    SST_ASSERT_STR_EQ(((struct probe *)b)->seen_uri_host, "example");

    req = json_object_new_object();
    json_object_object_add(req, "TableName", json_object_new_string("t1"));
    CU_ASSERT_EQUAL(sst_backend_call(b, "GetItem", req, &resp, &e), SST_OK);
    SST_ASSERT_STR_EQ(
        json_object_to_json_string_ext(resp, JSON_C_TO_STRING_PLAIN),
        "{\"Op\":\"GetItem\",\"TableName\":\"t1\"}");
    json_object_put(resp);

    resp = (struct json_object *)1;
    CU_ASSERT_EQUAL(sst_backend_call(b, "Fail", req, &resp, &e),
                    SST_E_NOT_FOUND);
    CU_ASSERT_PTR_NULL(resp);
    SST_ASSERT_STR_EQ(e.type, "ResourceNotFoundException");
    SST_ASSERT_STR_EQ(e.message, "Requested resource not found");
    CU_ASSERT_EQUAL(e.http_status, 400);
    CU_ASSERT_EQUAL(((struct probe *)b)->calls, 2);

    /* contract violations never reach the backend */
    CU_ASSERT_EQUAL(sst_backend_call(b, NULL, req, &resp, &e),
                    SST_E_INVALID_ARG);
    CU_ASSERT_EQUAL(sst_backend_call(b, "", req, &resp, &e),
                    SST_E_INVALID_ARG);
    CU_ASSERT_EQUAL(sst_backend_call(b, "GetItem", NULL, &resp, &e),
                    SST_E_INVALID_ARG);
    CU_ASSERT_EQUAL(sst_backend_call(b, "GetItem", req, NULL, &e),
                    SST_E_INVALID_ARG);
    CU_ASSERT_EQUAL(sst_backend_call(NULL, "GetItem", req, &resp, &e),
                    SST_E_INVALID_ARG);
    CU_ASSERT_EQUAL(((struct probe *)b)->calls, 2);
    json_object_put(req);

    sst_backend_close(b);
    sst_backend_close(NULL);
    CU_ASSERT_EQUAL(closed, was_closed + 1);
    SST_ASSERT_STR_EQ(sst_backend_name(NULL), "");
    CU_ASSERT_EQUAL(sst_backend_register(SST_BACKEND_HTTP, NULL, &e), SST_OK);
    CU_ASSERT_FALSE(sst_backend_kind_available(SST_BACKEND_HTTP));
    CU_ASSERT_EQUAL(
        sst_backend_register(SST_BACKEND_KIND_COUNT, probe_open, &e),
        SST_E_INVALID_ARG);
}

static void
env_supplies_the_uri(void)
{
    struct sst_backend *b = NULL;
    struct sst_err e;

    sst_backend_register(SST_BACKEND_DYNAMODB, probe_open, NULL);
    unsetenv("SST_BACKEND");
    CU_ASSERT_EQUAL(sst_backend_open(NULL, &b, &e), SST_E_INVALID_ARG);
    SST_ASSERT_STR_EQ(e.message,
                      "no backend URI given and SST_BACKEND is not set");
    setenv("SST_BACKEND", "dynamodb://eu-west-2", 1);
    CU_ASSERT_EQUAL(sst_backend_open(NULL, &b, &e), SST_OK);
    SST_ASSERT_STR_EQ(sst_backend_name(b), "probe");
    sst_backend_close(b);
    setenv("SST_BACKEND", "nope", 1);
    CU_ASSERT_EQUAL(sst_backend_open(NULL, &b, &e), SST_E_INVALID_ARG);
    unsetenv("SST_BACKEND");
    sst_backend_register(SST_BACKEND_DYNAMODB, NULL, NULL);
}

static const struct sst_test backend_tests[] = {
    {"unbuilt scheme names itself", unbuilt_scheme_names_itself},
    {"bad URI refused", bad_uri_is_refused_before_any_backend},
    {"registered backend open/call/close",
     registered_backend_is_opened_called_closed},
    {"SST_BACKEND supplies the URI", env_supplies_the_uri},
    {NULL, NULL},
};

int
main(int argc, char **argv)
{
    static const struct sst_suite suites[] = {
        {"backend", NULL, NULL, backend_tests},
        {NULL, NULL, NULL, NULL},
    };
    return sst_test_main(argc, argv, "test_backend", suites);
}
