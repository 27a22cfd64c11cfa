/*
 * src/core/avtype.c - DynamoDB's AttributeValue type descriptors; see
 * avtype.h.
 */
#include <string.h>

#include "src/core/avtype.h"

bool
sst_av_type_known(const char *name)
{
    static const char *const types[] = {"S",  "N",  "B",  "BOOL", "NULL",
                                        "SS", "NS", "BS", "L",    "M"};
    size_t i;

    for (i = 0; name != NULL && i < sizeof types / sizeof types[0]; i++)
        if (strcmp(name, types[i]) == 0)
            return true;
    return false;
}
