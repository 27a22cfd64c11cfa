/*
 * fuzz/fuzz_core_time.c - libFuzzer target for the datetime and date
 * parsers.
 *
 * Invariants besides memory safety: a parsed datetime formats (isoformat
 * and pydantic JSON) and both texts parse back to the same instant and
 * zone; a parsed date is valid and its isoformat parses back to it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sst/time.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    struct sst_time t, back;
    struct sst_date d, dback;
    char buf[SST_TIME_STR_MAX];
    size_t n;

    if (sst_time_parse(s, size, &t, NULL) == SST_OK) {
        n = sst_time_isoformat(&t, buf);
        if (n == 0 || sst_time_parse(buf, n, &back, NULL) != SST_OK ||
            back.us != t.us || back.offset != t.offset ||
            back.naive != t.naive)
            abort();
        n = sst_time_json(&t, buf);
        if (n == 0 || sst_time_parse(buf, n, &back, NULL) != SST_OK ||
            back.us != t.us)
            abort();
    }
    if (sst_date_parse(s, size, &d, NULL) == SST_OK) {
        n = sst_date_isoformat(&d, buf);
        if (n != 10 || sst_date_parse(buf, n, &dback, NULL) != SST_OK ||
            memcmp(&d, &dback, sizeof d) != 0)
            abort();
    }
    return 0;
}
