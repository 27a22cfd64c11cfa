/*
 * emu/server/notls.c - the GnuTLS functions that libmicrohttpd's static
 * archive refers to, for an sst-emu that serves plain HTTP only.
 *
 * With configure's static-emu (docs/sst-emu.md, "Start-up"), sst-emu links
 * libmicrohttpd.a, and this file stands in for GnuTLS. Loading the shared
 * GnuTLS and the eight libraries it needs was the largest part of
 * sst-emu's start-up: about 3.7 ms and 170 page faults of a program that
 * does nothing else, on the benchmark machine.
 *
 * libmicrohttpd reaches GnuTLS in two ways only:
 * - its constructor calls gnutls_global_init() and its destructor
 *   gnutls_global_deinit(); here they do nothing and succeed;
 * - a daemon started with MHD_USE_TLS, and that daemon's connections,
 *   call the rest. sst-emu never asks for TLS (sst_server_open() sets no
 *   such flag), so none of them is called. Should one be, it fails as
 *   GnuTLS fails when a feature is missing: GNUTLS_E_UNIMPLEMENTED_FEATURE,
 *   no session, no data. libmicrohttpd then refuses to start the daemon
 *   or closes the connection; nothing here crashes.
 *
 * The prototypes are GnuTLS's own (its headers come with libmicrohttpd's
 * -dev package), so the compiler checks every signature. configure links
 * a program against libmicrohttpd.a and this file before it chooses
 * static-emu: a libmicrohttpd that needs a GnuTLS function missing here
 * keeps the shared link.
 */
#include <stdlib.h>

#include <gnutls/abstract.h>
#include <gnutls/gnutls.h>

#define NO_TLS GNUTLS_E_UNIMPLEMENTED_FEATURE

gnutls_alloc_function gnutls_malloc = malloc;

int
gnutls_global_init(void)
{
    return 0;
}

void
gnutls_global_deinit(void)
{
}

const char *
gnutls_strerror(int error)
{
    return error == NO_TLS ? "TLS is not linked into sst-emu"
                           : "unknown TLS error (sst-emu has no TLS)";
}

/* --- sessions ------------------------------------------------------------ */

int
gnutls_init(gnutls_session_t *session, unsigned int flags)
{
    *session = NULL;
    return NO_TLS;
}

void
gnutls_deinit(gnutls_session_t session)
{
}

int
gnutls_handshake(gnutls_session_t session)
{
    return NO_TLS;
}

int
gnutls_bye(gnutls_session_t session, gnutls_close_request_t how)
{
    return NO_TLS;
}

ssize_t
gnutls_record_recv(gnutls_session_t session, void *data, size_t data_size)
{
    return NO_TLS;
}

ssize_t
gnutls_record_send(gnutls_session_t session, const void *data,
                   size_t data_size)
{
    return NO_TLS;
}

size_t
gnutls_record_check_pending(gnutls_session_t session)
{
    return 0;
}

int
gnutls_record_get_direction(gnutls_session_t session)
{
    return 0;
}

void
gnutls_transport_set_int2(gnutls_session_t session, int r, int s)
{
}

void
gnutls_session_set_ptr(gnutls_session_t session, void *ptr)
{
}

void *
gnutls_session_get_ptr(gnutls_session_t session)
{
    return NULL;
}

int
gnutls_priority_init(gnutls_priority_t *priority_cache,
                     const char *priorities, const char **err_pos)
{
    *priority_cache = NULL;
    return NO_TLS;
}

void
gnutls_priority_deinit(gnutls_priority_t priority_cache)
{
}

int
gnutls_priority_set(gnutls_session_t session, gnutls_priority_t priority)
{
    return NO_TLS;
}

int
gnutls_credentials_set(gnutls_session_t session,
                       gnutls_credentials_type_t type, void *cred)
{
    return NO_TLS;
}

int
gnutls_alpn_set_protocols(gnutls_session_t session,
                          const gnutls_datum_t *protocols,
                          unsigned protocols_size, unsigned flags)
{
    return NO_TLS;
}

gnutls_cipher_algorithm_t
gnutls_cipher_get(gnutls_session_t session)
{
    return GNUTLS_CIPHER_UNKNOWN;
}

gnutls_protocol_t
gnutls_protocol_get_version(gnutls_session_t session)
{
    return GNUTLS_VERSION_UNKNOWN;
}

/* --- certificates and keys ---------------------------------------------- */

int
gnutls_certificate_allocate_credentials(gnutls_certificate_credentials_t *res)
{
    *res = NULL;
    return NO_TLS;
}

void
gnutls_certificate_free_credentials(gnutls_certificate_credentials_t sc)
{
}

void
gnutls_certificate_server_set_request(gnutls_session_t session,
                                      gnutls_certificate_request_t req)
{
}

void
gnutls_certificate_set_dh_params(gnutls_certificate_credentials_t res,
                                 gnutls_dh_params_t dh_params)
{
}

void
gnutls_certificate_set_retrieve_function2(
    gnutls_certificate_credentials_t cred,
    gnutls_certificate_retrieve_function2 *func)
{
}

void
gnutls_certificate_set_retrieve_function3(
    gnutls_certificate_credentials_t cred,
    gnutls_certificate_retrieve_function3 *func)
{
}

int
gnutls_certificate_set_x509_key_mem(gnutls_certificate_credentials_t res,
                                    const gnutls_datum_t *cert,
                                    const gnutls_datum_t *key,
                                    gnutls_x509_crt_fmt_t type)
{
    return NO_TLS;
}

int
gnutls_certificate_set_x509_key_mem2(gnutls_certificate_credentials_t res,
                                     const gnutls_datum_t *cert,
                                     const gnutls_datum_t *key,
                                     gnutls_x509_crt_fmt_t type,
                                     const char *pass, unsigned int flags)
{
    return NO_TLS;
}

int
gnutls_certificate_set_x509_trust_mem(gnutls_certificate_credentials_t res,
                                      const gnutls_datum_t *ca,
                                      gnutls_x509_crt_fmt_t type)
{
    return NO_TLS;
}

int
gnutls_dh_params_init(gnutls_dh_params_t *dh_params)
{
    *dh_params = NULL;
    return NO_TLS;
}

void
gnutls_dh_params_deinit(gnutls_dh_params_t dh_params)
{
}

int
gnutls_dh_params_import_pkcs3(gnutls_dh_params_t params,
                              const gnutls_datum_t *pkcs3_params,
                              gnutls_x509_crt_fmt_t format)
{
    return NO_TLS;
}

int
gnutls_psk_allocate_server_credentials(gnutls_psk_server_credentials_t *sc)
{
    *sc = NULL;
    return NO_TLS;
}

void
gnutls_psk_free_server_credentials(gnutls_psk_server_credentials_t sc)
{
}

void
gnutls_psk_set_server_credentials_function(
    gnutls_psk_server_credentials_t cred,
    gnutls_psk_server_credentials_function *func)
{
}
