/*
 * src/version.c - the version of the linked library.
 */
#include <sst/sst.h>

const char *
sst_version(void)
{
    return SST_VERSION_STRING;
}

unsigned
sst_version_number(void)
{
    return SST_VERSION_NUMBER;
}
