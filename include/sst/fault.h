/*
 * sst/fault.h - the fault backend: wraps another backend and injects the
 * failures a DynamoDB client must survive, reproducibly.
 *
 *   fault:SPEC|URI
 *
 * SPEC is a comma-separated list of key=value settings:
 *
 *   throttle=P     ProvisionedThroughputExceededException (HTTP 400)
 *   error500=P     InternalServerError (HTTP 500)
 *   unavailable=P  ServiceUnavailableException (HTTP 503)
 *   drop=P         SST_E_TRANSPORT; the request never reached the backend
 *   lost-reply=P   the request runs on the backend, then its answer is
 *                  lost: SST_E_TRANSPORT (the ambiguous case of a write)
 *   latency=MS     sleep MS milliseconds before every call
 *   ops=A+B        inject only into these operations (default: all)
 *   after=N        inject nothing during the first N calls
 *   max=N          inject at most N faults in all
 *   seed=N         seed of the pseudo-random sequence (default 1): the same
 *                  seed and the same calls give the same faults
 *
 * P is a probability from 0 to 1 with at most six decimals ("0.25", "1").
 * For each call one draw decides: throttle, then error500, unavailable,
 * drop and lost-reply take consecutive shares of [0, 1). Injected errors
 * carry DynamoDB's __type, message and HTTP status, as the HTTP backend
 * would report them.
 *
 * Threads: as safe as the wrapped backend; the fault state is locked.
 */
#ifndef SST_FAULT_H
#define SST_FAULT_H

#include <sst/backend.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Wrap a backend.
 *
 * @param[in]  inner  the backend to wrap; on SST_OK ownership passes to the
 *                    fault backend, which closes it; on failure the caller
 *                    keeps it
 * @param[in]  spec   the SPEC part (borrowed), e.g. "throttle=0.1,seed=7"
 * @param[out] out    on SST_OK the new backend; NULL on failure
 * @return SST_OK; SST_E_INVALID_ARG (unknown key, bad probability or
 *         number, probabilities summing over 1); SST_E_NOMEM
 */
SST_API enum sst_code sst_fault_backend_new(struct sst_backend *inner,
                                            const char *spec,
                                            struct sst_backend **out,
                                            struct sst_err *err);

/** Calls seen and faults injected so far; 0 for other backends. */
SST_API unsigned long sst_fault_calls(const struct sst_backend *b);
SST_API unsigned long sst_fault_injected(const struct sst_backend *b);

#ifdef __cplusplus
}
#endif

#endif /* SST_FAULT_H */
