/*
 * tests/unit/test_server_notls.c - libmicrohttpd linked as sst-emu links it
 * with configure's static-emu: from its static archive, with
 * emu/server/notls.c standing in for GnuTLS (docs/sst-emu.md, "Start-up").
 * Built only with static-emu.
 *
 * The stand-ins answer as GnuTLS does without the feature; a daemon that
 * asks for TLS is refused, not crashed; the server serves requests over
 * plain HTTP; and no GnuTLS is loaded into the process. calloc() is
 * emu/server/calloc.c's, as in sst-emu: its blocks are cleared, and a
 * small one comes from the thread's cache.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gnutls/gnutls.h>
#include <microhttpd.h>

#include <sst/server.h>

#include "harness.h"
#include "server_util.h"

static void
stand_ins_answer_without_tls(void)
{
    gnutls_session_t session = (gnutls_session_t)&session;
    gnutls_priority_t prio = (gnutls_priority_t)&prio;
    char buf[8];

    CU_ASSERT_EQUAL(gnutls_global_init(), 0);
    CU_ASSERT_EQUAL(gnutls_init(&session, GNUTLS_SERVER),
                    GNUTLS_E_UNIMPLEMENTED_FEATURE);
    CU_ASSERT_PTR_NULL(session);
    CU_ASSERT_EQUAL(gnutls_priority_init(&prio, "NORMAL", NULL),
                    GNUTLS_E_UNIMPLEMENTED_FEATURE);
    CU_ASSERT_PTR_NULL(prio);
    CU_ASSERT_EQUAL(gnutls_handshake(NULL), GNUTLS_E_UNIMPLEMENTED_FEATURE);
    CU_ASSERT_EQUAL(gnutls_record_recv(NULL, buf, sizeof buf),
                    GNUTLS_E_UNIMPLEMENTED_FEATURE);
    CU_ASSERT_EQUAL(gnutls_record_send(NULL, buf, sizeof buf),
                    GNUTLS_E_UNIMPLEMENTED_FEATURE);
    CU_ASSERT_EQUAL(gnutls_record_check_pending(NULL), 0);
    CU_ASSERT_PTR_NULL(gnutls_session_get_ptr(NULL));
    SST_ASSERT_STR_EQ(gnutls_strerror(GNUTLS_E_UNIMPLEMENTED_FEATURE),
                      "TLS is not linked into sst-emu");
    gnutls_global_deinit();
}

static enum MHD_Result
never_called(void *cls, struct MHD_Connection *c, const char *url,
             const char *method, const char *version, const char *data,
             size_t *size, void **ctx)
{
    return MHD_NO;
}

static void
a_tls_daemon_is_refused(void)
{
    /* libmicrohttpd checks its TLS set-up first and logs why it gives up */
    static const char pem[] = "-----BEGIN PRIVATE KEY-----\n"
                              "MIIB\n"
                              "-----END PRIVATE KEY-----\n";
    struct MHD_Daemon *d;

    d = MHD_start_daemon(MHD_USE_TLS | MHD_USE_INTERNAL_POLLING_THREAD, 0,
                         NULL, NULL, never_called, NULL,
                         MHD_OPTION_HTTPS_MEM_KEY, pem,
                         MHD_OPTION_HTTPS_MEM_CERT, pem, MHD_OPTION_END);
    CU_ASSERT_PTR_NULL(d);
    if (d)
        MHD_stop_daemon(d);
}

static void
plain_http_is_served(void)
{
    static const char body[] = "{}";
    struct sst_server *srv = st_start_server(false);
    struct raw_resp r;
    size_t len;
    char *req;

    CU_ASSERT_PTR_NOT_NULL_FATAL(srv);
    req = st_build("POST", "/", TARGET_H("ListTables") CT_AMZ_H AUTH_OK, body,
                   &len);
    CU_ASSERT_EQUAL(st_raw(srv, req, len, &r), 0);
    CU_ASSERT_EQUAL(r.status, 200);
    CU_ASSERT_EQUAL(r.body_len, strlen("{\"TableNames\":[]}"));
    if (r.body)
        SST_ASSERT_STR_EQ(r.body, "{\"TableNames\":[]}");
    SST_ASSERT_STR_EQ(st_script.last_op, "ListTables");
    st_check_envelope(&r, "ListTables over the static libmicrohttpd");
    st_raw_cleanup(&r);
    free(req);
    sst_server_close(srv);
}

static void
no_gnutls_is_loaded(void)
{
    FILE *f = fopen("/proc/self/maps", "r");
    char line[4096];
    int gnutls = 0, mhd = 0;

    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    while (fgets(line, sizeof line, f)) {
        gnutls += strstr(line, "libgnutls") != NULL;
        mhd += strstr(line, "libmicrohttpd") != NULL;
    }
    fclose(f);
    CU_ASSERT_EQUAL(gnutls, 0);
    CU_ASSERT_EQUAL(mhd, 0);
}

#if defined(__SANITIZE_ADDRESS__)
#define SST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SST_ASAN 1
#endif
#endif

static void
calloc_clears_cached_blocks(void)
{
    static const size_t sizes[] = {1, 24, 640, 1032, 1033, 4096, 1 << 20};
    /* calls through a pointer: a compiler may drop an allocation whose
     * result is only compared with NULL (clang does), and may not see a
     * variable as the constant it is (gcc warns of the huge size) */
    void *(*volatile alloc)(size_t, size_t) = calloc;
    volatile size_t huge = SIZE_MAX / 2;
    unsigned char *p, *q;
    /* p's address, kept before the free (p is indeterminate after it);
     * volatile, so that the conversion is not moved past the free */
    volatile uintptr_t freed;
    size_t i, j, zero;

    for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        p = malloc(sizes[i]);
        CU_ASSERT_PTR_NOT_NULL_FATAL(p);
        memset(p, 0xa5, sizes[i]);
        freed = (uintptr_t)p;
        free(p);
        q = alloc(1, sizes[i]);
        CU_ASSERT_PTR_NOT_NULL_FATAL(q);
        for (j = 0, zero = 0; j < sizes[i]; j++)
            zero += q[j] == 0;
        CU_ASSERT_EQUAL(zero, sizes[i]);
#ifndef SST_ASAN
        /* the block just freed, from the thread's cache (glibc's calloc
         * never takes one from there) */
        if (sizes[i] <= 1032)
            CU_ASSERT_EQUAL((uintptr_t)q, freed);
#else
        (void)freed;
#endif
        free(q);
    }
    q = alloc(0, 8);
    CU_ASSERT_PTR_NOT_NULL(q);
    free(q);
#ifndef SST_ASAN /* ASan reports an overflowing calloc and stops */
    errno = 0;
    q = alloc(huge, 3);
    CU_ASSERT_PTR_NULL(q);
    CU_ASSERT_EQUAL(errno, ENOMEM);
    free(q);
#else
    (void)huge;
#endif
}

/* ------------------------------------------------------------------ */

static const struct sst_test notls_tests[] = {
    {"the stand-ins answer as GnuTLS without TLS",
     stand_ins_answer_without_tls},
    {"a daemon that asks for TLS is refused", a_tls_daemon_is_refused},
    {"plain HTTP is served", plain_http_is_served},
    {"neither GnuTLS nor a shared libmicrohttpd is loaded",
     no_gnutls_is_loaded},
    {"calloc clears blocks taken from the thread's cache",
     calloc_clears_cached_blocks},
    {NULL, NULL},
};

int
main(int argc, char **argv)
{
    static const struct sst_suite suites[] = {
        {"libmicrohttpd without GnuTLS", NULL, NULL, notls_tests},
        {NULL, NULL, NULL, NULL},
    };
    return sst_test_main(argc, argv, "test_server_notls", suites);
}
