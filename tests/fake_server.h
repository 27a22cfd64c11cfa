/*
 * tests/fake_server.h - a scripted HTTP server on 127.0.0.1 for transport
 * tests: credential endpoints, and the faults the HTTP backend must
 * survive (throttling, 5xx, truncated bodies, bad CRCs, slow answers,
 * dropped connections). It never pretends to be DynamoDB beyond the exact
 * bytes a test scripts.
 *
 * Rules are matched in the order added: the first rule whose method and
 * path match and whose count is not used up answers. A request no rule
 * matches gets 404. Every request is recorded.
 */
#ifndef SST_TEST_FAKE_SERVER_H
#define SST_TEST_FAKE_SERVER_H

#include <stddef.h>

enum fake_mode {
    FAKE_NORMAL,   /* the reply as scripted                          */
    FAKE_TRUNCATE, /* announce the full length, send half, close    */
    FAKE_DROP,     /* close the connection without answering        */
    FAKE_SLOW      /* wait delay_ms before answering                */
};

struct fake_rule {
    const char *method;  /* "GET", "PUT", "POST"; NULL matches any      */
    const char *path;    /* exact path; NULL matches any                */
    int times;           /* answers this many requests; -1: every one  */
    int status;
    const char *headers; /* extra header lines, each ending in "\r\n"   */
    const char *body;
    enum fake_mode mode;
    int delay_ms;
};

struct fake_request {
    char method[16];
    char path[1024];
    char headers[8192]; /* raw header block */
    char *body;
    size_t body_len;
};

struct fake_server;

/* Start on an ephemeral port of 127.0.0.1; NULL on failure. */
struct fake_server *fake_server_start(void);
int fake_server_port(const struct fake_server *fs);
/* "http://127.0.0.1:PORT" in buf. */
void fake_server_url(const struct fake_server *fs, char *buf, size_t cap);
/* Add a rule (copied). Thread-safe. */
void fake_server_add(struct fake_server *fs, const struct fake_rule *rule);
/* Forget all rules and recorded requests. */
void fake_server_reset(struct fake_server *fs);
/* Number of requests received so far. */
int fake_server_count(struct fake_server *fs);
/* The i-th request received (copied into *out; body owned by the server
 * until reset/stop). Returns 0, or -1 when there is no such request. */
int fake_server_request(struct fake_server *fs, int i,
                        struct fake_request *out);
/* Value of header name (case-insensitive) in a recorded request, copied
 * into buf; returns 0, or -1 when absent. */
int fake_request_header(const struct fake_request *r, const char *name,
                        char *buf, size_t cap);
void fake_server_stop(struct fake_server *fs);

#endif
