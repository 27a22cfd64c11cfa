/*
 * sst/log.h - where sst's diagnostics go. The library never prints: it
 * hands each message to the log callback installed here, if any.
 */
#ifndef SST_LOG_H
#define SST_LOG_H

#include <sst/defs.h>

#ifdef __cplusplus
extern "C" {
#endif

enum sst_log_level {
    SST_LOG_DEBUG = 0,
    SST_LOG_INFO,
    SST_LOG_WARN,
    SST_LOG_ERROR
};

/**
 * A log callback. msg is NUL-terminated and borrowed for the duration of
 * the call; component names the part of sst that speaks ("diff", "http",
 * "emu", ...). It may be called from any thread that uses sst.
 */
typedef void (*sst_log_fn)(enum sst_log_level level, const char *component,
                           const char *msg, void *user);

/**
 * Install the process-wide log callback (NULL removes it) and the least
 * level passed to it. Set it before other threads use sst; the swap itself
 * is atomic.
 */
SST_API void sst_log_set(sst_log_fn fn, void *user, enum sst_log_level min);

/** printf-style: format and pass a message to the callback, if any. */
SST_API void sst_log(enum sst_log_level level, const char *component,
                     const char *fmt, ...) SST_PRINTF(3, 4);

/** "DEBUG", "INFO", "WARN", "ERROR"; "?" out of range. */
SST_API const char *sst_log_level_name(enum sst_log_level level);

#ifdef __cplusplus
}
#endif

#endif /* SST_LOG_H */
