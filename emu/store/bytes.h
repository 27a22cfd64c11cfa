/*
 * emu/store/bytes.h - big-endian integers in the store's keys and values,
 * for the files that lay bytes out (store_int.h, item.c).
 */
#ifndef SST_EMU_STORE_BYTES_H
#define SST_EMU_STORE_BYTES_H

#include <stdint.h>

/* Big-endian integers in keys and values. */
static inline void
sst_emu_put_u64(uint8_t *p, uint64_t v)
{
    int i;
    for (i = 7; i >= 0; i--, v >>= 8)
        p[i] = (uint8_t)v;
}

static inline uint64_t
sst_emu_get_u64(const uint8_t *p)
{
    uint64_t v = 0;
    int i;
    for (i = 0; i < 8; i++)
        v = (v << 8) | p[i];
    return v;
}

static inline void
sst_emu_put_u32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

static inline uint32_t
sst_emu_get_u32(const uint8_t *p)
{
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) |
           ((uint32_t)p[2] << 8) | (uint32_t)p[3];
}

#endif /* SST_EMU_STORE_BYTES_H */
