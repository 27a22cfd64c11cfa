/*
 * src/backend_builtin.h - constructors of the backends compiled into this
 * build, for the registry in src/backend.c. Adding a backend is a new
 * directory and one line in this file.
 */
#ifndef SST_BACKEND_BUILTIN_H
#define SST_BACKEND_BUILTIN_H

#include <sst/backend.h>

#include "diff/diff_backend.h"
#include "fault/fault_backend.h"
#include "http/http_backend.h"

/* emu/emu.c */
enum sst_code sst_emu_backend_open(const struct sst_uri *,
                                   struct sst_backend **, struct sst_err *);

#define SST_BUILTIN_EMU_CTOR sst_emu_backend_open
#define SST_BUILTIN_HTTP_CTOR sst_http_backend_open_uri
#define SST_BUILTIN_DYNAMODB_CTOR sst_http_backend_open_uri
#define SST_BUILTIN_DIFF_CTOR sst_diff_backend_open_uri
#define SST_BUILTIN_FAULT_CTOR sst_fault_backend_open_uri

#endif
