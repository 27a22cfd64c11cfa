/*
 * tests/loopback_bind.c - LD_PRELOAD shim that keeps DynamoDB Local on the
 * loopback interface.
 *
 * DynamoDB Local has no option to choose its listen address and binds every
 * interface. The test launcher (tests/ddb-local) preloads this shim so that
 * a bind() to the wildcard address becomes a bind() to 127.0.0.1 (or ::1),
 * and nothing the tests start is reachable from outside the machine.
 * Built by the launcher with the system compiler, never with sanitizers.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

typedef int (*bind_fn)(int, const struct sockaddr *, socklen_t);

int bind(int fd, const struct sockaddr *addr, socklen_t len);

int
bind(int fd, const struct sockaddr *addr, socklen_t len)
{
    static bind_fn real;
    struct sockaddr_in v4;
    struct sockaddr_in6 v6;

    if (real == NULL)
        real = (bind_fn)dlsym(RTLD_NEXT, "bind");
    if (addr && addr->sa_family == AF_INET && len >= sizeof v4) {
        memcpy(&v4, addr, sizeof v4);
        if (v4.sin_addr.s_addr == htonl(INADDR_ANY)) {
            v4.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
            return real(fd, (const struct sockaddr *)&v4, sizeof v4);
        }
    } else if (addr && addr->sa_family == AF_INET6 && len >= sizeof v6) {
        memcpy(&v6, addr, sizeof v6);
        if (memcmp(&v6.sin6_addr, &in6addr_any, sizeof in6addr_any) == 0) {
            /* v4-mapped 127.0.0.1: IPv4 loopback clients still connect */
            memset(&v6.sin6_addr, 0, sizeof v6.sin6_addr);
            v6.sin6_addr.s6_addr[10] = 0xff;
            v6.sin6_addr.s6_addr[11] = 0xff;
            v6.sin6_addr.s6_addr[12] = 127;
            v6.sin6_addr.s6_addr[15] = 1;
            return real(fd, (const struct sockaddr *)&v6, sizeof v6);
        }
    }
    return real(fd, addr, len);
}
