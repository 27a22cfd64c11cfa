/*
 * examples/demo.c - what `./dev demo` runs while the emulator is being
 * built: the linked libsst's version and the backends this build knows,
 * each tried with a URI of its scheme.
 */
#include <stdio.h>

#include <sst/sst.h>

static const char *const sample_uris[SST_BACKEND_KIND_COUNT] = {
    [SST_BACKEND_EMU] = "emu::memory:",
    [SST_BACKEND_HTTP] = "http://127.0.0.1:8000",
    [SST_BACKEND_DYNAMODB] = "dynamodb://us-east-1",
    [SST_BACKEND_DIFF] = "diff:emu::memory:|http://127.0.0.1:8000",
    [SST_BACKEND_FAULT] = "fault:throttle=0.1|emu::memory:",
};

int
main(void)
{
    int k;

    printf("libsst %s (headers %s)\n", sst_version(), SST_VERSION_STRING);
    printf("backends:\n");
    for (k = 0; k < SST_BACKEND_KIND_COUNT; k++) {
        struct sst_backend *b = NULL;
        struct sst_err err;
        enum sst_code rc = sst_backend_open(sample_uris[k], &b, &err);

        printf("  %-9s %-44s %s\n", sst_backend_kind_name(k), sample_uris[k],
               rc == SST_OK ? "available" : err.message);
        sst_backend_close(b);
    }
    return 0;
}
