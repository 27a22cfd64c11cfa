/*
 * src/fault/fault_backend.h - the registry's constructor for fault: URIs.
 */
#ifndef SST_FAULT_BACKEND_INTERNAL_H
#define SST_FAULT_BACKEND_INTERNAL_H

#include <sst/backend.h>

enum sst_code sst_fault_backend_open_uri(const struct sst_uri *u,
                                         struct sst_backend **out,
                                         struct sst_err *err);

#endif
