/*
 * tests/unit/server_util.c - the scripted backend, servers, clients and
 * raw HTTP the server tests share; see server_util.h.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <json-c/json.h>
#include <zlib.h>

#include <sst/http.h>
#include <sst/server.h>
#include <sst/sst.h>

#include "emu/server/handler.h"
#include "harness.h"
#include "server_util.h"

/* ------------------------------------------------------------------ */
/* a scripted backend                                                  */

struct st_script_state st_script = {
    PTHREAD_MUTEX_INITIALIZER, "", "", 0, SST_OK, "", "", 0, NULL, 0};

void
st_script_reset(void)
{
    pthread_mutex_lock(&st_script.lock);
    st_script.last_op[0] = st_script.last_req[0] = '\0';
    st_script.calls = 0;
    st_script.code = SST_OK;
    st_script.type[0] = st_script.message[0] = '\0';
    st_script.http_status = 0;
    st_script.response = NULL;
    st_script.sleep_ms = 0;
    pthread_mutex_unlock(&st_script.lock);
}

static enum sst_code
scripted_call(struct sst_backend *b, const char *op,
              const struct json_object *req, struct json_object **resp,
              struct sst_err *err)
{
    enum sst_code code;
    int ms;

    (void)b;
    pthread_mutex_lock(&st_script.lock);
    snprintf(st_script.last_op, sizeof st_script.last_op, "%s", op);
    snprintf(st_script.last_req, sizeof st_script.last_req, "%s",
             json_object_to_json_string_ext((struct json_object *)req,
                                            JSON_C_TO_STRING_PLAIN));
    st_script.calls++;
    code = st_script.code;
    ms = st_script.sleep_ms;
    if (code != SST_OK) {
        /* as the HTTP backend reports an upstream's error */
        if (st_script.type[0])
            code = sst_err_set_dynamodb(err, st_script.type, st_script.message,
                                        st_script.http_status);
        else
            sst_err_set(err, code, "%s", st_script.message);
        if (st_script.response)
            *resp = json_tokener_parse(st_script.response);
    } else {
        *resp = json_tokener_parse(st_script.response ? st_script.response
                                                   : "{\"TableNames\":[]}");
    }
    pthread_mutex_unlock(&st_script.lock);
    if (ms > 0) {
        struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};

        nanosleep(&ts, NULL);
    }
    return code;
}

static void
scripted_close(struct sst_backend *b)
{
    (void)b;
}

static const struct sst_backend_ops scripted_ops = {"scripted", scripted_call,
                                                    scripted_close};
struct sst_backend st_scripted = {&scripted_ops};


/* ------------------------------------------------------------------ */
/* servers and clients                                                 */

static int64_t server_now = T0;

static int64_t
server_clock(void *u)
{
    (void)u;
    return server_now;
}

struct sst_server *
st_start_server(bool verify)
{
    static const struct sst_server_credential creds[] = {{AK, SK},
                                                         {"OTHERKEY", "x"}};
    struct sst_server_options o;
    struct sst_server *srv = NULL;
    struct sst_err e;

    memset(&o, 0, sizeof o);
    o.backend = &st_scripted;
    o.sharing = SST_SERVER_SERIAL;
    o.threads = 0; /* the default: a thread per connection */
    o.verify_signatures = verify;
    o.credentials = verify ? creds : NULL;
    o.credential_count = verify ? 2 : 0;
    o.clock_s = server_clock;
    if (sst_server_open(&o, &srv, &e) != SST_OK)
        printf("\n  server: %s\n", e.message);
    return srv;
}

int64_t st_client_now = T0;

static int64_t
client_clock(void *u)
{
    (void)u;
    return st_client_now;
}

/* An HTTP backend client of srv; explicit keys, the client clock. */
struct sst_backend *
st_client(const struct sst_server *srv, const char *ak, const char *sk,
          const char *token)
{
    struct sst_http_options o;
    struct sst_backend *b = NULL;
    struct sst_err e;

    memset(&o, 0, sizeof o);
    o.endpoint = sst_server_url(srv);
    o.region = "us-east-1";
    o.access_key_id = ak;
    o.secret_access_key = sk;
    o.session_token = token;
    o.max_attempts = 1;
    o.clock_s = client_clock;
    if (sst_http_backend_new(&o, &b, &e) != SST_OK)
        printf("\n  client: %s\n", e.message);
    return b;
}


/* ------------------------------------------------------------------ */
/* raw HTTP over a socket                                              */

void
st_raw_cleanup(struct raw_resp *r)
{
    free(r->body);
    memset(r, 0, sizeof *r);
}

int
st_connect_to(int port)
{
    struct sockaddr_in a;
    int s = socket(AF_INET, SOCK_STREAM, 0);

    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons((uint16_t)port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (s >= 0 && connect(s, (struct sockaddr *)&a, sizeof a) != 0) {
        close(s);
        return -1;
    }
    return s;
}

void
st_send_all(int s, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t k = send(s, p, n, MSG_NOSIGNAL);

        if (k <= 0)
            return; /* the server may answer and close early */
        p += k;
        n -= (size_t)k;
    }
}

/* The value of header name in r, copied into buf; -1 when absent. */
int
st_raw_header(const struct raw_resp *r, const char *name, char *buf, size_t cap)
{
    const char *p = strstr(r->head, "\r\n");
    size_t n = strlen(name);

    while (p != NULL && p[2] != '\0') {
        const char *line = p + 2, *end = strstr(line, "\r\n");

        if (end == NULL)
            break;
        if ((size_t)(end - line) > n && strncasecmp(line, name, n) == 0 &&
            line[n] == ':') {
            const char *v = line + n + 1;
            size_t k;

            while (*v == ' ')
                v++;
            k = (size_t)(end - v);
            if (k >= cap)
                k = cap - 1;
            memcpy(buf, v, k);
            buf[k] = '\0';
            return 0;
        }
        p = end;
    }
    return -1;
}

/* Read one response from s (Content-Length framed, else until EOF). */
int
st_raw_read(int s, struct raw_resp *r, bool head_only)
{
    char buf[65536];
    char *all = NULL, *sep;
    size_t len = 0, hlen, want = (size_t)-1;

    memset(r, 0, sizeof *r);
    for (;;) {
        ssize_t k;

        if (all != NULL && (sep = strstr(all, "\r\n\r\n")) != NULL) {
            char cl[32];

            hlen = (size_t)(sep - all) + 4;
            if (hlen > sizeof r->head - 1)
                break;
            memcpy(r->head, all, hlen);
            r->head[hlen] = '\0';
            if (want == (size_t)-1) {
                if (head_only)
                    want = 0;
                else if (st_raw_header(r, "Content-Length", cl, sizeof cl) == 0)
                    want = (size_t)strtoul(cl, NULL, 10);
            }
            if (want != (size_t)-1 && len - hlen >= want)
                break;
        }
        k = recv(s, buf, sizeof buf, 0);
        if (k <= 0)
            break;
        all = realloc(all, len + (size_t)k + 1);
        memcpy(all + len, buf, (size_t)k);
        len += (size_t)k;
        all[len] = '\0';
    }
    if (all == NULL || (sep = strstr(all, "\r\n\r\n")) == NULL) {
        free(all);
        return -1;
    }
    hlen = (size_t)(sep - all) + 4;
    r->status = atoi(all + 9);
    r->body_len = want != (size_t)-1 ? want : len - hlen;
    r->body = malloc(r->body_len + 1);
    memcpy(r->body, all + hlen, r->body_len);
    r->body[r->body_len] = '\0';
    free(all);
    return 0;
}

/* One request on a fresh connection. */
int
st_raw(const struct sst_server *srv, const char *req, size_t len,
       struct raw_resp *r)
{
    int s = st_connect_to(sst_server_port(srv)), rc;

    if (s < 0)
        return -1;
    st_send_all(s, req, len);
    rc = st_raw_read(s, r, strncmp(req, "HEAD ", 5) == 0);
    close(s);
    return rc;
}

/* Build "METHOD PATH HTTP/1.1" + headers + Content-Length + body. */
char *
st_build(const char *method, const char *path, const char *headers,
         const char *body, size_t *len)
{
    size_t blen = body ? strlen(body) : 0;
    size_t cap = strlen(method) + strlen(path) + strlen(headers) + blen + 128;
    char *s = malloc(cap);

    *len = (size_t)snprintf(s, cap,
                            "%s %s HTTP/1.1\r\nHost: sst.test\r\n"
                            "Connection: close\r\n%s%s%zu\r\n\r\n",
                            method, path, headers,
                            body ? "Content-Length: " : "X-No-Body: ", blen);
    if (body) {
        memcpy(s + *len, body, blen);
        *len += blen;
    }
    return s;
}

/* The checks every answer must pass: the CRC of its body, and a request
 * id of 52 characters from [0-9A-Z]. */
void
st_check_envelope(const struct raw_resp *r, const char *what)
{
    char v[128];
    unsigned long want =
        crc32(0L, (const Bytef *)r->body, (uInt)r->body_len);
    size_t i;

    if (st_raw_header(r, "x-amz-crc32", v, sizeof v) != 0 ||
        strtoul(v, NULL, 10) != want) {
        printf("\n  %s: x-amz-crc32 missing or wrong\n", what);
        CU_FAIL("x-amz-crc32");
    }
    if (st_raw_header(r, "x-amzn-RequestId", v, sizeof v) != 0 ||
        strlen(v) != SST_SERVER_REQUEST_ID_LEN) {
        printf("\n  %s: request id missing or not 52 characters\n", what);
        CU_FAIL("x-amzn-RequestId");
        return;
    }
    for (i = 0; v[i]; i++)
        if (!((v[i] >= '0' && v[i] <= '9') || (v[i] >= 'A' && v[i] <= 'Z')))
            CU_FAIL("request id outside [0-9A-Z]");
}

