/*
 * tests/unit/core_type_util.h - what the resource-type tests
 * (test_core_type*.c) share: a clock fixed at the microseconds its user
 * data points to.
 */
#ifndef SST_TESTS_UNIT_CORE_TYPE_UTIL_H
#define SST_TESTS_UNIT_CORE_TYPE_UTIL_H

#include <stdint.h>

/* For struct sst_clock: returns *(int64_t *)ud. */
static inline int64_t
fixed_clock(void *ud)
{
    return *(int64_t *)ud;
}

#endif
