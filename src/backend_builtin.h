/*
 * src/backend_builtin.h - constructors of the backends compiled into this
 * build, for the registry in src/backend.c. A backend that is not built
 * defines its constructor as NULL here; adding one is a new directory and
 * one line in this file.
 */
#ifndef SST_BACKEND_BUILTIN_H
#define SST_BACKEND_BUILTIN_H

#include "diff/diff_backend.h"
#include "fault/fault_backend.h"
#include "http/http_backend.h"

#define SST_BUILTIN_EMU_CTOR NULL
#define SST_BUILTIN_HTTP_CTOR sst_http_backend_open_uri
#define SST_BUILTIN_DYNAMODB_CTOR sst_http_backend_open_uri
#define SST_BUILTIN_DIFF_CTOR sst_diff_backend_open_uri
#define SST_BUILTIN_FAULT_CTOR sst_fault_backend_open_uri

#endif
