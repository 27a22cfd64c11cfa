/*
 * tests/conformance/ref.c - the references of a corpus step to earlier
 * answers, {"$ref": [STEP, k1, ...]} (see ref.h).
 */
#include <inttypes.h>
#include <stdio.h>

#include "compare.h"
#include "ref.h"

/* Whether o is a reference {"$ref": [STEP, k1, k2, ...]}. */
static bool
is_ref(struct json_object *o)
{
    return json_object_is_type(o, json_type_object) &&
           json_object_object_length(o) == 1 &&
           json_object_is_type(json_object_object_get(o, "$ref"),
                               json_type_array);
}

/* The value a reference names, borrowed from the answers; NULL, with the
 * reason in why, when it names nothing. STEP counts from 0 in the corpus,
 * the reasons count steps from 1, as the report does. */
static struct json_object *
deref(struct json_object *ref, const struct conf_answers *a, char *why,
      size_t why_len)
{
    struct json_object *path = json_object_object_get(ref, "$ref"), *k, *v;
    size_t i, n = json_object_array_length(path);
    int64_t step, idx;

    k = json_object_array_get_idx(path, 0);
    step =
        json_object_is_type(k, json_type_int) ? json_object_get_int64(k) : -1;
    if (step < 0 || (size_t)step >= a->n) {
        snprintf(why, why_len, "$ref %.200s: no earlier step %.40s",
                 conf_text(path), conf_text(k));
        return NULL;
    }
    if ((v = a->body[step]) == NULL) {
        snprintf(why, why_len, "$ref %.200s: step %" PRId64 " failed",
                 conf_text(path), step + 1);
        return NULL;
    }
    for (i = 1; i < n; i++) {
        k = json_object_array_get_idx(path, i);
        if (json_object_is_type(k, json_type_string) &&
            json_object_is_type(v, json_type_object)) {
            v = json_object_object_get(v, json_object_get_string(k));
        } else if (json_object_is_type(k, json_type_int) &&
                   json_object_is_type(v, json_type_array)) {
            idx = json_object_get_int64(k);
            v = idx >= 0 && (size_t)idx < json_object_array_length(v)
                    ? json_object_array_get_idx(v, (size_t)idx)
                    : NULL;
        } else {
            v = NULL;
        }
        if (v == NULL) {
            snprintf(why, why_len,
                     "$ref %.200s: step %" PRId64 "'s answer has no %.40s",
                     conf_text(path), step + 1, conf_text(k));
            return NULL;
        }
    }
    return v;
}

/*
 * Resolve the references of request j in place: each {"$ref": [STEP, k1,
 * ...]} becomes a copy of the value at k1, ... in this side's answer to
 * step STEP (0-based) of the sequence (docs/fidelity.md, "Corpus
 * format"). j is a private copy (conf_expand()). False, with the reason
 * in why, when a reference names nothing.
 */
bool
conf_resolve(struct json_object *j, const struct conf_answers *a, char *why,
             size_t why_len)
{
    struct json_object *v, *copy;
    size_t i, n;

    if (json_object_is_type(j, json_type_object)) {
        json_object_object_foreach(j, k, m)
        {
            if (!is_ref(m)) {
                if (!conf_resolve(m, a, why, why_len))
                    return false;
                continue;
            }
            copy = NULL;
            if ((v = deref(m, a, why, why_len)) == NULL ||
                json_object_deep_copy(v, &copy, NULL) != 0)
                return false;
            /* replacing the value of an existing key keeps the walk */
            json_object_object_add(j, k, copy);
        }
    } else if (json_object_is_type(j, json_type_array)) {
        n = json_object_array_length(j);
        for (i = 0; i < n; i++) {
            v = json_object_array_get_idx(j, i);
            if (!is_ref(v)) {
                if (!conf_resolve(v, a, why, why_len))
                    return false;
                continue;
            }
            copy = NULL;
            if ((v = deref(v, a, why, why_len)) == NULL ||
                json_object_deep_copy(v, &copy, NULL) != 0)
                return false;
            json_object_array_put_idx(j, i, copy);
        }
    }
    return true;
}
