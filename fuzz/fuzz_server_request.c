/*
 * fuzz/fuzz_server_request.c - libFuzzer target for sst-emu's request
 * handling (emu/server/handler.c and auth.c): headers and body in, the
 * answer out, no sockets.
 *
 * Input: one flags byte (bit 0: verify signatures; bit 1: the backend
 * fails; bit 2: the head counts SST_SERVER_MAX_HEAD_BYTES more), then an
 * HTTP-like head, "METHOD TARGET\n", header lines "Name: value\n", an empty
 * line, and the body. The backend echoes the request it is given, or fails with
 * an error picked by the operation.
 *
 * Invariants besides memory safety: the status is one AWS uses here; the
 * CRC covers the body; the request id has 52 characters of [0-9A-Z]; a
 * JSON answer parses and, for an echo, equals a request that was an
 * object (a DescribeEndpoints' Addresses made the Host); an error answer
 * carries a __type; 431, sent without the
 * service's envelope, exactly for a head over the limit; the syntax
 * check's UTF-8 verdict (emu/server/jsoncheck.c) is json-c's
 * JSON_TOKENER_VALIDATE_UTF8's, which the handler no longer asks for.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>
#include <zlib.h>

#include <sst/mem.h>

#include "emu/server/handler.h"
#include "emu/server/jsoncheck.h"

#define MAX_HEADERS 32

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int64_t
fixed_clock(void *u)
{
    (void)u;
    return 1767323045; /* 2026-01-02T03:04:05Z */
}

static enum sst_code
fuzz_call(void *ctx, const char *op, const struct json_object *req,
          struct json_object **resp, struct sst_err *err)
{
    static const enum sst_code codes[] = {
        SST_E_VALIDATION, SST_E_SERIALIZATION, SST_E_TRANSPORT,
        SST_E_CONDITION_FAILED, SST_E_NOMEM};
    const bool *fail = ctx;

    if (*fail) {
        enum sst_code c = codes[(unsigned char)op[0] % 5];

        if (op[1] == 'a') /* an upstream's unknown __type */
            return sst_err_set_dynamodb(err, "x#SomethingNew", "m", 418);
        return sst_err_set(err, c, "failed: %s", op);
    }
    *resp = json_object_get((struct json_object *)req);
    return SST_OK;
}

/* Split a line "Name: value" in place; NULL name when it is not one. */
static void
split_header(char *line, struct sst_server_header *h)
{
    char *colon = strchr(line, ':');

    h->name = NULL;
    if (colon == NULL)
        return;
    *colon = '\0';
    h->name = line;
    h->value = colon + 1;
    while (*h->value == ' ')
        h->value++;
}

/* The request body as the handler parsed it (same depth, whole length). */
static struct json_object *
parse_sent(const struct sst_server_request *req)
{
    struct json_tokener *tok = json_tokener_new_ex(SST_SERVER_MAX_JSON_DEPTH);
    struct json_object *o;

    if (tok == NULL)
        return NULL;
    o = json_tokener_parse_ex(tok, req->body, (int)req->body_len);
    json_tokener_free(tok);
    return o;
}

/* Whether json-c parses the body as the handler does, with flags. */
static bool
jsonc_takes(const struct sst_server_request *req, int flags)
{
    struct json_tokener *tok =
        json_tokener_new_ex(SST_SERVER_MAX_JSON_DEPTH + 1);
    struct json_object *o;
    bool ok;

    if (tok == NULL)
        abort();
    json_tokener_set_flags(tok, flags);
    o = json_tokener_parse_ex(tok, req->body, (int)req->body_len);
    ok = json_tokener_get_error(tok) == json_tokener_success;
    json_object_put(o);
    json_tokener_free(tok);
    return ok;
}

/* A text the syntax check passes: json-c checking UTF-8 takes it exactly
 * when the check calls it UTF-8 and json-c not checking UTF-8 takes it. */
static void
check_utf8(const struct sst_server_request *req)
{
    const int base = JSON_TOKENER_STRICT | JSON_TOKENER_ALLOW_TRAILING_CHARS;
    bool utf8;

    if (req->body_len == 0 || req->body_len > 0x7fffffff ||
        !sst_server_json_check(req->body, req->body_len,
                               SST_SERVER_MAX_JSON_DEPTH, &utf8))
        return;
    if (jsonc_takes(req, base | JSON_TOKENER_VALIDATE_UTF8) !=
        (utf8 && jsonc_takes(req, base)))
        abort();
}

/* What the handler makes of an echoed DescribeEndpoints: each Address of
 * an object of the Endpoints array becomes the Host header, when there is
 * a non-empty one. */
static void
own_endpoints(const struct sst_server_request *req, struct json_object *sent)
{
    const char *host = sst_server_header_get(req, "Host");
    struct json_object *list, *e;
    size_t i;

    if (host == NULL || *host == '\0' ||
        !json_object_object_get_ex(sent, "Endpoints", &list) ||
        !json_object_is_type(list, json_type_array))
        return;
    for (i = 0; i < json_object_array_length(list); i++) {
        e = json_object_array_get_idx(list, i);
        if (json_object_is_type(e, json_type_object) &&
            json_object_object_get_ex(e, "Address", NULL))
            json_object_object_add(e, "Address",
                                   json_object_new_string(host));
    }
}

static void
check(const struct sst_server_request *req,
      const struct sst_server_response *resp, bool echo)
{
    struct json_object *body = NULL, *t;
    size_t i;

    if (resp->status != 200 && resp->status != 400 && resp->status != 404 &&
        resp->status != 413 && resp->status != 431 && resp->status != 500 &&
        resp->status != 418)
        abort();
    /* 431 exactly when the head is over the limit, without a service
     * envelope */
    if ((resp->status == 431) !=
            (req->head_bytes > SST_SERVER_MAX_HEAD_BYTES) ||
        (resp->status == 431) != resp->bare)
        abort();
    if (resp->crc32 !=
        (uint32_t)crc32(0L, (const Bytef *)resp->body, (uInt)resp->body_len))
        abort();
    if (strlen(resp->request_id) != SST_SERVER_REQUEST_ID_LEN)
        abort();
    for (i = 0; i < SST_SERVER_REQUEST_ID_LEN; i++)
        if (!((resp->request_id[i] >= '0' && resp->request_id[i] <= '9') ||
              (resp->request_id[i] >= 'A' && resp->request_id[i] <= 'Z')))
            abort();
    if (resp->content_type == NULL || resp->bare)
        return;
    body = json_tokener_parse(resp->body);
    if (body == NULL || !json_object_is_type(body, json_type_object))
        abort();
    if (resp->status != 200 && !json_object_object_get_ex(body, "__type", &t))
        abort();
    if (resp->status == 200 && echo) {
        struct json_object *sent = parse_sent(req);

        if (resp->op != NULL && strcmp(resp->op, "DescribeEndpoints") == 0)
            own_endpoints(req, sent);
        if (!json_object_equal(sent, body))
            abort();
        json_object_put(sent);
    }
    json_object_put(body);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const struct sst_server_credential creds[] = {
        {"AKIDFUZZ", "fuzz-secret"}};
    struct sst_server_header headers[MAX_HEADERS];
    struct sst_server_request req;
    struct sst_server_response resp;
    struct sst_server_handler h;
    char *text, *p, *eol, *target, *q;
    bool fail;

    if (size < 1)
        return 0;
    fail = (data[0] & 2) != 0;
    memset(&h, 0, sizeof h);
    h.call = fuzz_call;
    h.ctx = &fail;
    h.verify_signatures = (data[0] & 1) != 0;
    h.credentials = creds;
    h.credential_count = 1;
    h.clock_s = fixed_clock;
    /* the text, NUL-terminated (a NUL inside ends a header early) */
    text = sst_malloc(size);
    if (text == NULL)
        return 0;
    memcpy(text, data + 1, size - 1);
    text[size - 1] = '\0';
    memset(&req, 0, sizeof req);
    p = text;
    eol = strchr(p, '\n');
    if (eol != NULL)
        *eol = '\0';
    req.method = p;
    target = strchr(p, ' ');
    if (target != NULL) {
        *target++ = '\0';
        q = strchr(target, '?');
        if (q != NULL) {
            *q = '\0';
            req.query = q + 1;
        }
        req.path = target;
    }
    req.headers = headers;
    while (eol != NULL && req.header_count < MAX_HEADERS) {
        p = eol + 1;
        eol = strchr(p, '\n');
        if (eol != NULL)
            *eol = '\0';
        if (*p == '\0' || (*p == '\r' && p[1] == '\0'))
            break;
        split_header(p, &headers[req.header_count]);
        if (headers[req.header_count].name != NULL)
            req.header_count++;
    }
    if (eol != NULL) {
        req.body = eol + 1;
        req.body_len = (size_t)(text + size - 1 - req.body);
    }
    /* the head's length; with bit 2, as if its headers were longer */
    req.head_bytes =
        (size_t)((eol != NULL ? eol + 1 : text + size - 1) - text) +
        ((data[0] & 4) != 0 ? SST_SERVER_MAX_HEAD_BYTES : 0);
    req.too_large = req.body_len > 0 && req.body[0] == '\x7f';
    (void)sst_server_handle(&h, &req, &resp);
    check(&req, &resp, !fail);
    check_utf8(&req);
    sst_server_response_cleanup(&resp);
    sst_free(text);
    return 0;
}
