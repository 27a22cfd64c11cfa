/*
 * src/log.c - the log callback; see include/sst/log.h.
 */
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>

#include <sst/log.h>

struct sink {
    sst_log_fn fn;
    void *user;
    enum sst_log_level min;
};

/* Two slots, switched atomically, so a reader never sees a half-written
 * sink while another thread installs one. */
static struct sink slots[2];
static atomic_int current = -1;

void
sst_log_set(sst_log_fn fn, void *user, enum sst_log_level min)
{
    int next = atomic_load(&current) == 0 ? 1 : 0;

    if (fn == NULL) {
        atomic_store(&current, -1);
        return;
    }
    slots[next].fn = fn;
    slots[next].user = user;
    slots[next].min = min;
    atomic_store(&current, next);
}

void
sst_log(enum sst_log_level level, const char *component, const char *fmt,
        ...)
{
    int i = atomic_load(&current);
    char msg[1024];
    va_list ap;

    if (i < 0 || level < slots[i].min)
        return;
    va_start(ap, fmt);
    (void)vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    slots[i].fn(level, component ? component : "", msg, slots[i].user);
}

const char *
sst_log_level_name(enum sst_log_level level)
{
    static const char *const names[] = {"DEBUG", "INFO", "WARN", "ERROR"};

    if ((unsigned)level >= sizeof names / sizeof names[0])
        return "?";
    return names[level];
}
