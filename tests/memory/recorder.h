/*
 * tests/memory/recorder.h - a backend that forwards every call to another
 * and records what the query tests assert: how many Query calls were
 * made, the Limit each one sent, and the last Query request.
 */
#ifndef SST_TESTS_MEMORY_RECORDER_H
#define SST_TESTS_MEMORY_RECORDER_H

#include <stdint.h>

#include <sst/sst.h>

#define SST_REC_MAX 64

struct sst_rec {
    struct sst_backend base; /* first: the backend users see */
    struct sst_backend *inner; /* borrowed */
    int calls;                 /* every operation */
    int queries;               /* Query calls */
    int64_t limits[SST_REC_MAX]; /* Limit of each Query call */
    struct json_object *last_query; /* copy of the last Query request */
};

/** Wrap inner (borrowed); the recorder is closed with sst_rec_cleanup(),
 *  never with sst_backend_close(). */
void sst_rec_init(struct sst_rec *r, struct sst_backend *inner);

/** Forget what was recorded. */
void sst_rec_reset(struct sst_rec *r);

void sst_rec_cleanup(struct sst_rec *r);

#endif
