/*
 * tests/unit/test_core_golden.c - loading the goldens of tests/data/core/.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sst/mem.h>

#include "src/core/b64.h"

#include "test_core_golden.h"

#ifndef SST_CORE_DATADIR
#error "SST_CORE_DATADIR must name tests/data/core"
#endif

unsigned char *
core_golden_read(const char *name, size_t *len)
{
    char path[1024];
    FILE *f;
    unsigned char *buf = NULL;
    size_t n = 0, alloc = 0, got;

    snprintf(path, sizeof path, "%s/%s", SST_CORE_DATADIR, name);
    f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "golden %s: cannot open\n", path);
        return NULL;
    }
    for (;;) {
        if (n + 4096 + 1 > alloc) {
            alloc = alloc ? alloc * 2 : 65536;
            buf = realloc(buf, alloc);
            if (buf == NULL)
                abort();
        }
        got = fread(buf + n, 1, alloc - n - 1, f);
        if (got == 0)
            break;
        n += got;
    }
    fclose(f);
    buf[n] = '\0';
    *len = n;
    return buf;
}

json_object *
core_golden_load(const char *name)
{
    size_t len;
    unsigned char *text = core_golden_read(name, &len);
    json_object *v;

    if (text == NULL)
        return NULL;
    v = json_tokener_parse((const char *)text);
    if (v == NULL)
        fprintf(stderr, "golden %s: not JSON\n", name);
    free(text);
    return v;
}

json_object *
core_golden_get(json_object *row, const char *key)
{
    json_object *v;

    if (!json_object_object_get_ex(row, key, &v)) {
        fprintf(stderr, "golden row lacks '%s': %s\n", key,
                json_object_to_json_string(row));
        abort();
    }
    return v;
}

const char *
core_golden_str(json_object *row, const char *key)
{
    return json_object_get_string(core_golden_get(row, key));
}

size_t
core_golden_strlen(json_object *row, const char *key)
{
    return (size_t)json_object_get_string_len(core_golden_get(row, key));
}

long long
core_golden_int(json_object *row, const char *key)
{
    return (long long)json_object_get_int64(core_golden_get(row, key));
}

int
core_golden_bool(json_object *row, const char *key)
{
    return json_object_get_boolean(core_golden_get(row, key));
}

unsigned char *
core_golden_b64(const char *s, size_t *len)
{
    unsigned char *p, *copy;

    if (sst_b64_decode(s, strlen(s), false, &p, len, NULL) != SST_OK)
        abort();
    /* hand back plain malloc memory, outside sst's leak count */
    copy = malloc(*len + 1);
    if (copy == NULL)
        abort();
    memcpy(copy, p, *len + 1);
    sst_free(p);
    return copy;
}
