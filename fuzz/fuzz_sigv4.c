/*
 * fuzz/fuzz_sigv4.c - libFuzzer target for the SigV4 code that reads
 * untrusted bytes: the Authorization header parser (sst-emu feeds it what a
 * client sent) and the path and query canonicalisers.
 *
 * The input is used whole three ways: as an Authorization value, as a raw
 * path, and split at the first '?' into a path and a query for a full
 * canonical request. Invariants checked besides memory safety: a parsed
 * header has five credential parts that rebuild its Credential value; a
 * canonical path starts with '/' and a canonical query holds only unreserved
 * characters, '%XX', '=' and '&'.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sst/mem.h>

#include "http/sigv4.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
canonical_char(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
           (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
           c == '~' || c == '%' || c == '=' || c == '&';
}

static void
check_auth(const char *s, size_t n)
{
    struct sst_sigv4_auth *a = NULL;
    struct sst_err err;
    char *msg = NULL;
    enum sst_code rc = sst_sigv4_auth_parse(s, n, (n & 1) != 0, &a, &msg, &err);

    if (rc == SST_OK) {
        size_t len = strlen(a->access_key_id) + strlen(a->date) +
                     strlen(a->region) + strlen(a->service) +
                     strlen(a->terminator) + 4;

        if (strcmp(a->algorithm, SST_SIGV4_ALGORITHM) != 0 ||
            len != strlen(a->credential))
            abort();
        if (msg != NULL)
            abort();
    } else if (a != NULL ||
               (rc != SST_E_INCOMPLETE_SIGNATURE && rc != SST_E_NOMEM)) {
        abort();
    } else if (rc == SST_E_INCOMPLETE_SIGNATURE &&
               (msg == NULL ||
                strncmp(msg, err.message, strlen(err.message)) != 0)) {
        abort(); /* err holds a prefix of the whole message */
    }
    sst_free(msg);
    sst_sigv4_auth_free(a);
}

static void
check_canonical(const char *s, size_t n)
{
    char *path = NULL, *query = NULL, *creq = NULL;
    const char *q = memchr(s, '?', n);
    size_t i;

    if (sst_sigv4_canonical_path(s, n, (n & 2) != 0, &path, NULL) == SST_OK &&
        path[0] != '/')
        abort();
    if (q != NULL && sst_sigv4_canonical_query(q + 1, n - (size_t)(q - s) - 1,
                                               &query, NULL) == SST_OK)
        for (i = 0; query[i] != '\0'; i++)
            if (!canonical_char(query[i]))
                abort();
    /* the whole pipeline, with the input as path and query */
    {
        char *copy = malloc(n + 1), *qm;
        struct sst_sigv4_header h = {"Host", "example.amazonaws.com"};
        struct sst_sigv4_request r = {"GET", NULL, NULL, &h, 1, s, n, NULL};
        struct sst_sigv4_config cfg = {"us-east-1", "service", 1440938160, 0};

        if (copy != NULL) {
            memcpy(copy, s, n);
            copy[n] = '\0';
            qm = strchr(copy, '?');
            if (qm != NULL)
                *qm++ = '\0';
            r.path = copy;
            r.query = qm;
            (void)sst_sigv4_canonical_request(&r, NULL, &cfg, &creq, NULL,
                                              NULL);
            free(copy);
        }
    }
    sst_free(creq);
    sst_free(query);
    sst_free(path);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;

    check_auth(s, size);
    check_canonical(s, size);
    return 0;
}
