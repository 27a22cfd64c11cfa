/*
 * tests/unit/server_util.h - what the tests of sst-emu's server
 * (test_server_*.c) share: a scripted backend to serve, servers started
 * in-process on 127.0.0.1 port 0, HTTP backend clients of them with an
 * injected clock, and raw HTTP over a socket with the envelope checks
 * every answer must pass.
 *
 * The helpers assert through CUnit (tests/harness.h) where they check.
 */
#ifndef SST_TESTS_UNIT_SERVER_UTIL_H
#define SST_TESTS_UNIT_SERVER_UTIL_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sst/server.h>
#include <sst/sst.h>

/* The keys the servers accept, and the time their clock shows. */
#define AK "AKIDSERVERTEST"
#define SK "c2VydmVyLXRlc3Qtc2VjcmV0LWtleQ/+example"
#define T0 1767323045 /* 2026-01-02T03:04:05Z */
#define AUTH_OK                                                                \
    "X-Amz-Date: 20260101T000000Z\r\n"                                      \
    "Authorization: AWS4-HMAC-SHA256 Credential=x/20260101/us-east-1/"       \
    "dynamodb/aws4_request, SignedHeaders=host, Signature=0\r\n"

#define CT_AMZ_H "Content-Type: application/x-amz-json-1.0\r\n"
#define TARGET_H(op) "X-Amz-Target: DynamoDB_20120810." op "\r\n"
#define INCOMPLETE(m)                                                          \
    "{\"__type\":\"com.amazon.coral.service#IncompleteSignatureException\"," \
    "\"message\":\"" m "\"}"

/* ------------------------------------------------------------------ */
/* a scripted backend                                                  */

/* What st_scripted saw last, and how it answers next. */
struct st_script_state {
    pthread_mutex_t lock;
    char last_op[64];
    char last_req[512];
    int calls;
    /* the next answers: an error when code is not SST_OK */
    enum sst_code code;
    char type[64];
    char message[256];
    int http_status;
    const char *response; /* JSON; NULL: {"TableNames":[]}; with an error:
                           * the error's other members, or NULL */
    int sleep_ms;
};

extern struct st_script_state st_script;

/* The backend that answers as st_script says. */
extern struct sst_backend st_scripted;

/* Forget what st_script saw; answer {"TableNames":[]} again. */
void st_script_reset(void);

/* ------------------------------------------------------------------ */
/* servers and clients                                                 */

/* The clock of the clients st_client makes; T0 unless a test moves it. */
extern int64_t st_client_now;

/* A server of st_scripted on 127.0.0.1 port 0, its clock at T0; with
 * verify, it checks signatures against AK:SK and OTHERKEY:x. NULL (with
 * the reason printed) when it cannot start. */
struct sst_server *st_start_server(bool verify);

/* An HTTP backend client of srv; explicit keys, the client clock. */
struct sst_backend *st_client(const struct sst_server *srv, const char *ak,
                              const char *sk, const char *token);

/* ------------------------------------------------------------------ */
/* raw HTTP over a socket                                              */

struct raw_resp {
    int status;
    char head[16384]; /* status line and headers */
    char *body;
    size_t body_len;
};

void st_raw_cleanup(struct raw_resp *r);

/* A socket connected to 127.0.0.1 port; -1 on failure. */
int st_connect_to(int port);

/* Send all n bytes, or stop where the server closed. */
void st_send_all(int s, const char *p, size_t n);

/* The value of header name in r, copied into buf; -1 when absent. */
int st_raw_header(const struct raw_resp *r, const char *name, char *buf,
                  size_t cap);

/* Read one response from s (Content-Length framed, else until EOF). */
int st_raw_read(int s, struct raw_resp *r, bool head_only);

/* One request on a fresh connection. */
int st_raw(const struct sst_server *srv, const char *req, size_t len,
           struct raw_resp *r);

/* Build "METHOD PATH HTTP/1.1" + headers + Content-Length + body; the
 * caller frees it with free(). */
char *st_build(const char *method, const char *path, const char *headers,
               const char *body, size_t *len);

/* The checks every answer must pass: the CRC of its body, and a request
 * id of 52 characters from [0-9A-Z]. */
void st_check_envelope(const struct raw_resp *r, const char *what);

#endif
