/*
 * src/backend_builtin.h - constructors of the backends compiled into this
 * build, for the registry in src/backend.c. A backend that is not built
 * defines its constructor as NULL here; adding one is a new directory and
 * one line in this file.
 */
#ifndef SST_BACKEND_BUILTIN_H
#define SST_BACKEND_BUILTIN_H

enum sst_code sst_emu_backend_open(const struct sst_uri *, struct sst_backend **, struct sst_err *);
#define SST_BUILTIN_EMU_CTOR sst_emu_backend_open
#define SST_BUILTIN_HTTP_CTOR NULL
#define SST_BUILTIN_DYNAMODB_CTOR NULL
#define SST_BUILTIN_DIFF_CTOR NULL
#define SST_BUILTIN_FAULT_CTOR NULL

#endif
