/*
 * src/core/avtype.c - DynamoDB's AttributeValue type descriptors; see
 * avtype.h. The names are emu/expr/av.c's, one per enum sst_av_type.
 */
#include <string.h>

#include "emu/expr/av.h"
#include "src/core/avtype.h"

bool
sst_av_type_known(const char *name)
{
    unsigned t;

    for (t = 0; name != NULL && t < SST_AV_TYPE_COUNT; t++)
        if (strcmp(name, sst_av_type_name((enum sst_av_type)t)) == 0)
            return true;
    return false;
}
