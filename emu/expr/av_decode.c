/*
 * emu/expr/av_decode.c - DynamoDB attribute values from DynamoDB JSON,
 * with DynamoDB's validation and messages.
 *
 * Decoding runs two passes over the json-c tree, as AWS does: the first
 * (deserialisation) checks that every known member holds a JSON value of
 * the right kind and that binaries are base64, with AWS's
 * SerializationException messages; the second validates and builds the
 * tree, member by member in DynamoDB's fixed order (SS, N, NS, BS, M, L,
 * NULL, then the count of types), attributes in document order, first
 * error wins. The order was measured with DynamoDB Local, which reports
 * the same error whatever the order of the members in the JSON text.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sst/mem.h>

#include "emu/expr/av.h"
#include "emu/expr/av_int.h"
#include "src/core/b64.h"

/* ----------------------------------------------------------------- messages */

/* Validation (DynamoDB Local's wording, kept verbatim: "An string set",
 * the double spaces and the trailing periods are DynamoDB's). */
#define V_INVALID "One or more parameter values were invalid: "
#define V_EMPTY                                                                \
    "Supplied AttributeValue is empty, must contain exactly one of the "       \
    "supported datatypes"
#define V_MULTI                                                                \
    "Supplied AttributeValue has more than one datatypes set, must contain "   \
    "exactly one of the supported datatypes"
#define V_SS_EMPTY V_INVALID "An string set  may not be empty"
#define V_NS_EMPTY V_INVALID "An number set  may not be empty"
#define V_BS_EMPTY V_INVALID "Binary sets should not be empty"
#define V_SS_NULL                                                              \
    V_INVALID "An string set may not have a null string as a member"
/* DynamoDB Local fails with InternalFailure on a null BS member; this
 * message follows the SS one (see docs/notes-value.md). */
#define V_BS_NULL                                                              \
    V_INVALID "An binary set may not have a null binary as a member"
#define V_NS_DUP "Input collection contains duplicates"
#define V_BS_DUP V_INVALID "Input collection of type BS contains duplicates."
#define V_NULL_FALSE                                                           \
    V_INVALID "Null attribute value types must have the value of true"
#define V_NULL_AV "The supplied Item contains a null AttributeValue"
#define V_EMPTY_NAME "Empty attribute name"
#define V_NESTING                                                              \
    "Nesting Levels have exceeded supported limits: Attributes in the item "   \
    "have nested levels beyond supported limit"

/* Deserialisation (AWS's Coral wording; DynamoDB Local answers these with
 * HTTP 500 InternalFailure or accepts the value). */
#define S_STRUCT "Start of structure or map found where not expected"
#define S_FIELD "Unexpected field type"
#define S_VALUE "Unexpected value type in payload"
#define S_TOKEN "Unexpected token received from parser"
#define S_AV_COLL                                                              \
    "Unrecognized collection type class "                                      \
    "com.amazonaws.dynamodb.v20120810.AttributeValue"
#define S_MAP_COLL                                                             \
    "Unrecognized collection type java.util.Map<java.lang.String, "            \
    "com.amazonaws.dynamodb.v20120810.AttributeValue>"
#define S_BLOB "only base-64-encoded strings are convertible to bytes"
#define S_BLOB_COLL "Unrecognized collection type class java.nio.ByteBuffer"
#define S_B64_LEN                                                              \
    "Base64 encoded length is expected a multiple of 4 bytes but found: %zu"
#define S_B64_CHAR "Invalid last non-pad Base64 character dectected"

/* The deserialisation pass stops descending here; anything this deep is
 * refused by the nesting check of the validation pass anyway. */
#define SERIAL_MAX_DEPTH 256


/* DynamoDB validates the members of one AttributeValue in this order,
 * whatever their order in the JSON text; S, B and BOOL cannot fail. */
static const enum sst_av_type validation_order[SST_AV_TYPE_COUNT] = {
    SST_AV_SS, SST_AV_N,    SST_AV_NS, SST_AV_BS, SST_AV_M,
    SST_AV_L,  SST_AV_NULL, SST_AV_S,  SST_AV_B,  SST_AV_BOOL,
};

/* ------------------------------------------------------------ small helpers */

/* json-c's json_object_get_string takes a non-const object but does not
 * change a string object. */
static const char *
jstr(const struct json_object *j)
{
    return json_object_get_string((struct json_object *)j);
}

static size_t
jstr_len(const struct json_object *j)
{
    return (size_t)json_object_get_string_len(j);
}

/* ------------------------------------------------------------------- base64 */


static int
b64_value(unsigned char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == '/')
        return 63;
    return -1;
}

/* Characters of s as Java counts them (UTF-16 code units). */
static size_t
utf16_length(const unsigned char *s, size_t len)
{
    size_t i, n = 0;

    for (i = 0; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            n++;
        if (s[i] >= 0xF0)
            n++; /* a supplementary character is a surrogate pair */
    }
    return n;
}

/*
 * Check base64 as AWS does: standard alphabet, length a multiple of 4,
 * '=' only as the last one or two characters, unused bits zero.
 * Returns SST_OK or SST_E_SERIALIZATION with AWS's message.
 */
static enum sst_code
b64_check(const unsigned char *s, size_t len, struct sst_err *err)
{
    size_t i, pad = 0, chars = utf16_length(s, len);

    if (chars % 4 != 0)
        return sst_err_set(err, SST_E_SERIALIZATION, S_B64_LEN, chars);
    if (chars != len) /* not ASCII */
        goto bad;
    if (len >= 1 && s[len - 1] == '=')
        pad = len >= 2 && s[len - 2] == '=' ? 2 : 1;
    for (i = 0; i < len - pad; i++)
        if (b64_value(s[i]) < 0)
            goto bad;
    /* The bits after the last byte must be zero: 4 with "==", 2 with
     * "=". */
    if (pad == 2 && (b64_value(s[len - 3]) & 0x0F) != 0)
        goto bad;
    if (pad == 1 && (b64_value(s[len - 2]) & 0x03) != 0)
        goto bad;
    return SST_OK;
bad:
    return sst_err_set(err, SST_E_SERIALIZATION, S_B64_CHAR);
}

/* Decode base64 already accepted by b64_check into dst. */
static bool
b64_decode(struct sst_av_str *dst, const unsigned char *s, size_t len)
{
    unsigned char *out = NULL;

    if (sst_b64_decode((const char *)s, len, false, &out, &dst->len, NULL) !=
        SST_OK)
        return false;
    dst->ptr = (char *)out;
    return true;
}

/* ------------------------------------------------------- pass 1: JSON kinds */

/* Where an AttributeValue sits decides one of AWS's messages. */
enum av_place {
    PLACE_VALUE, /* a map value or list element */
    PLACE_FIELD  /* a field of a structure      */
};

static enum sst_code check_av(const struct json_object *j, enum av_place place,
                              int depth, struct sst_err *err);

/* A String member (S, N, SS and NS elements). */
static enum sst_code
check_string(const struct json_object *j, struct sst_err *err)
{
    switch (json_object_get_type(j)) {
    case json_type_string:
        return SST_OK;
    case json_type_boolean:
        return sst_err_set(err, SST_E_SERIALIZATION,
                           json_object_get_boolean(j)
                               ? "TRUE_VALUE cannot be converted to String"
                               : "FALSE_VALUE cannot be converted to String");
    case json_type_int:
        return sst_err_set(err, SST_E_SERIALIZATION,
                           "NUMBER_VALUE cannot be converted to String");
    case json_type_double:
        return sst_err_set(err, SST_E_SERIALIZATION,
                           "DECIMAL_VALUE cannot be converted to String");
    case json_type_array:
        return sst_err_set(err, SST_E_SERIALIZATION,
                           "Unrecognized collection type class "
                           "java.lang.String");
    default:
        return sst_err_set(err, SST_E_SERIALIZATION, S_STRUCT);
    }
}

/* A Blob member (B, BS elements). */
static enum sst_code
check_blob(const struct json_object *j, struct sst_err *err)
{
    switch (json_object_get_type(j)) {
    case json_type_string:
        return b64_check((const unsigned char *)jstr(j), jstr_len(j), err);
    case json_type_array:
        return sst_err_set(err, SST_E_SERIALIZATION, S_BLOB_COLL);
    case json_type_object:
        return sst_err_set(err, SST_E_SERIALIZATION, S_STRUCT);
    default:
        return sst_err_set(err, SST_E_SERIALIZATION, S_BLOB);
    }
}

/* "true" or "false" in any case, as AWS accepts them for a Boolean. */
static bool
bool_word(const struct json_object *j, bool *value)
{
    const char *s = jstr(j);
    size_t len = jstr_len(j);

    if (len == 4 && strncasecmp(s, "true", 4) == 0) {
        *value = true;
        return true;
    }
    if (len == 5 && strncasecmp(s, "false", 5) == 0) {
        *value = false;
        return true;
    }
    return false;
}

/* A Boolean member (BOOL, NULL). */
static enum sst_code
check_boolean(const struct json_object *j, struct sst_err *err)
{
    bool ignored;

    switch (json_object_get_type(j)) {
    case json_type_boolean:
        return SST_OK;
    case json_type_string:
        if (bool_word(j, &ignored))
            return SST_OK;
        return sst_err_set(err, SST_E_SERIALIZATION, S_TOKEN);
    case json_type_int:
        return sst_err_set(err, SST_E_SERIALIZATION,
                           "NUMBER_VALUE cannot be converted to Boolean");
    case json_type_double:
        return sst_err_set(err, SST_E_SERIALIZATION,
                           "DECIMAL_VALUE cannot be converted to Boolean");
    case json_type_array:
        return sst_err_set(err, SST_E_SERIALIZATION,
                           "Unrecognized collection type class "
                           "java.lang.Boolean");
    default:
        return sst_err_set(err, SST_E_SERIALIZATION, S_STRUCT);
    }
}

/* A List member (SS, NS, BS, L), then its elements. */
static enum sst_code
check_list(const struct json_object *j, enum sst_av_type type, int depth,
           struct sst_err *err)
{
    size_t i, n;
    enum sst_code rc;

    if (json_object_get_type(j) == json_type_object)
        return sst_err_set(err, SST_E_SERIALIZATION, S_STRUCT);
    if (json_object_get_type(j) != json_type_array)
        return sst_err_set(err, SST_E_SERIALIZATION, S_FIELD);
    n = json_object_array_length(j);
    for (i = 0; i < n; i++) {
        const struct json_object *e = json_object_array_get_idx(j, i);

        if (e == NULL)
            continue; /* a null element is a validation matter */
        if (type == SST_AV_BS)
            rc = check_blob(e, err);
        else if (type == SST_AV_L)
            rc = check_av(e, PLACE_VALUE, depth + 1, err);
        else
            rc = check_string(e, err);
        if (rc != SST_OK)
            return rc;
    }
    return SST_OK;
}

/* A Map member (M), or an item, then its values. */
static enum sst_code
check_map(const struct json_object *j, int depth, struct sst_err *err)
{
    struct lh_entry *e;
    enum sst_code rc;

    if (json_object_get_type(j) == json_type_array)
        return sst_err_set(err, SST_E_SERIALIZATION, S_MAP_COLL);
    if (json_object_get_type(j) != json_type_object)
        return sst_err_set(err, SST_E_SERIALIZATION, S_FIELD);
    for (e = lh_table_head(json_object_get_object(j)); e != NULL;
         e = lh_entry_next(e)) {
        const struct json_object *v = lh_entry_v(e);

        if (v == NULL)
            continue;
        rc = check_av(v, PLACE_VALUE, depth + 1, err);
        if (rc != SST_OK)
            return rc;
    }
    return SST_OK;
}

/* The type a member key names, or SST_AV_TYPE_COUNT for another key
 * (ignored, as DynamoDB ignores unknown members). */
static enum sst_av_type
type_of_key(const char *key)
{
    int t;

    /* the first letter rules out most keys without a call (a request's
     * every value asks this twice) */
    for (t = 0; t < SST_AV_TYPE_COUNT; t++)
        if (key[0] == sst_av_type_keys[t][0] &&
            strcmp(key, sst_av_type_keys[t]) == 0)
            return (enum sst_av_type)t;
    return SST_AV_TYPE_COUNT;
}

static enum sst_code
check_av(const struct json_object *j, enum av_place place, int depth,
         struct sst_err *err)
{
    struct lh_entry *e;
    enum sst_code rc = SST_OK;

    if (depth > SERIAL_MAX_DEPTH)
        return SST_OK;
    switch (json_object_get_type(j)) {
    case json_type_null:
        return SST_OK;
    case json_type_object:
        break;
    case json_type_array:
        return sst_err_set(err, SST_E_SERIALIZATION, S_AV_COLL);
    default:
        return sst_err_set(err, SST_E_SERIALIZATION,
                           place == PLACE_FIELD ? S_FIELD : S_VALUE);
    }
    for (e = lh_table_head(json_object_get_object(j)); e != NULL;
         e = lh_entry_next(e)) {
        const struct json_object *v = lh_entry_v(e);
        enum sst_av_type t = type_of_key(lh_entry_k(e));

        if (v == NULL || t == SST_AV_TYPE_COUNT)
            continue;
        switch (t) {
        case SST_AV_S:
        case SST_AV_N:
            rc = check_string(v, err);
            break;
        case SST_AV_B:
            rc = check_blob(v, err);
            break;
        case SST_AV_BOOL:
        case SST_AV_NULL:
            rc = check_boolean(v, err);
            break;
        case SST_AV_M:
            rc = check_map(v, depth, err);
            break;
        default:
            rc = check_list(v, t, depth, err);
            break;
        }
        if (rc != SST_OK)
            return rc;
    }
    return SST_OK;
}

/* ----------------------------------------------- pass 2: validate and build */

static enum sst_code decode_value(const struct json_object *j, int depth,
                                  struct sst_av **out, struct sst_err *err);

static enum sst_code
nomem(struct sst_err *err)
{
    return sst_err_set(err, SST_E_NOMEM, "out of memory");
}

/* Members of a string or binary set, with their position, for sorting. */
struct member {
    const struct sst_av_str *str; /* NULL for a JSON null member */
    size_t index;
};

static int
member_cmp(const void *x, const void *y)
{
    const struct member *a = x, *b = y;

    if (a->str == NULL || b->str == NULL)
        return (a->str != NULL) - (b->str != NULL);
    return sst_av_str_cmp(a->str, b->str);
}

/* Whether a string or binary set (nulls marked by is_null) holds two
 * equal members; two nulls are equal. SST_E_NOMEM when sorting cannot
 * allocate. */
static enum sst_code
has_duplicates(const struct sst_av_str *v, const bool *is_null, size_t n,
               bool *dup, struct sst_err *err)
{
    struct member *m = sst_calloc(n, sizeof *m);
    size_t i;

    if (m == NULL)
        return nomem(err);
    for (i = 0; i < n; i++) {
        m[i].str = is_null[i] ? NULL : &v[i];
        m[i].index = i;
    }
    qsort(m, n, sizeof *m, member_cmp);
    *dup = false;
    for (i = 1; i < n && !*dup; i++)
        *dup = member_cmp(&m[i - 1], &m[i]) == 0;
    sst_free(m);
    return SST_OK;
}

/* Append len bytes to buf (capacity cap, NUL kept), truncating. */
static void
append(char *buf, size_t cap, size_t *used, const char *s, size_t len)
{
    size_t room = cap - 1 - *used;

    if (len > room)
        len = room;
    memcpy(buf + *used, s, len);
    *used += len;
    buf[*used] = '\0';
}

/* DynamoDB lists the members as Java prints a list: "[a, b, null]". */
static enum sst_code
ss_duplicates_error(const struct sst_av_str *v, const bool *is_null, size_t n,
                    struct sst_err *err)
{
    static const char head[] = V_INVALID "Input collection [";
    static const char tail[] = "] contains duplicates";
    char msg[SST_ERR_MESSAGE_MAX];
    size_t used = 0, i;

    msg[0] = '\0';
    append(msg, sizeof msg, &used, head, sizeof head - 1);
    for (i = 0; i < n; i++) {
        if (i > 0)
            append(msg, sizeof msg, &used, ", ", 2);
        if (is_null[i])
            append(msg, sizeof msg, &used, "null", 4);
        else
            append(msg, sizeof msg, &used, v[i].ptr, v[i].len);
    }
    append(msg, sizeof msg, &used, tail, sizeof tail - 1);
    return sst_err_set(err, SST_E_VALIDATION, "%s", msg);
}

/* SS and BS: copy (or base64-decode) every member, then DynamoDB's
 * checks: empty set, duplicates (nulls included), null member. */
static enum sst_code
decode_str_set(const struct json_object *j, enum sst_av_type type,
               struct sst_av **out, struct sst_err *err)
{
    size_t i, n = json_object_array_length(j);
    struct sst_av *v = NULL;
    bool *is_null = NULL, dup = false, any_null = false;
    enum sst_code rc;

    if (n == 0)
        return sst_err_set(err, SST_E_VALIDATION,
                           type == SST_AV_SS ? V_SS_EMPTY : V_BS_EMPTY);
    v = sst_av_new(type);
    is_null = sst_calloc(n, sizeof *is_null);
    if (v == NULL || is_null == NULL) {
        rc = nomem(err);
        goto out;
    }
    v->u.strs.v = sst_calloc(n, sizeof *v->u.strs.v);
    if (v->u.strs.v == NULL) {
        rc = nomem(err);
        goto out;
    }
    for (i = 0; i < n; i++) {
        const struct json_object *e = json_object_array_get_idx(j, i);
        bool ok;

        v->u.strs.len = i + 1;
        if (e == NULL) {
            is_null[i] = any_null = true;
            ok = sst_av_str_set(&v->u.strs.v[i], "", 0);
        } else if (type == SST_AV_SS) {
            ok = sst_av_str_set(&v->u.strs.v[i], jstr(e), jstr_len(e));
        } else {
            ok = b64_decode(&v->u.strs.v[i], (const unsigned char *)jstr(e),
                            jstr_len(e));
        }
        if (!ok) {
            rc = nomem(err);
            goto out;
        }
    }
    rc = has_duplicates(v->u.strs.v, is_null, n, &dup, err);
    if (rc != SST_OK)
        goto out;
    if (dup) {
        rc = type == SST_AV_SS
                 ? ss_duplicates_error(v->u.strs.v, is_null, n, err)
                 : sst_err_set(err, SST_E_VALIDATION, V_BS_DUP);
        goto out;
    }
    if (any_null) {
        rc = sst_err_set(err, SST_E_VALIDATION,
                         type == SST_AV_SS ? V_SS_NULL : V_BS_NULL);
        goto out;
    }
    *out = v;
    v = NULL;
out:
    sst_free(is_null);
    sst_av_free(v);
    return rc;
}

struct num_member {
    const struct sst_num *num;
    size_t index;
};

static int
num_member_cmp(const void *x, const void *y)
{
    const struct num_member *a = x, *b = y;
    int r = sst_num_cmp(a->num, b->num);

    if (r != 0)
        return r;
    return (a->index > b->index) - (a->index < b->index);
}

/*
 * The first member, in document order, that repeats an earlier one among
 * the n parsed members; n when none does. DynamoDB parses the members one
 * by one and stops at the first that fails or repeats.
 */
static enum sst_code
first_repeat(const struct sst_num *nums, size_t n, size_t *first,
             struct sst_err *err)
{
    struct num_member *m;
    size_t i;

    *first = n;
    if (n < 2)
        return SST_OK;
    m = sst_calloc(n, sizeof *m);
    if (m == NULL)
        return nomem(err);
    for (i = 0; i < n; i++) {
        m[i].num = &nums[i];
        m[i].index = i;
    }
    qsort(m, n, sizeof *m, num_member_cmp);
    /* In a run of equal numbers, all but the first (lowest index)
     * repeat it. */
    for (i = 1; i < n; i++)
        if (sst_num_cmp(m[i - 1].num, m[i].num) == 0 && m[i].index < *first)
            *first = m[i].index;
    sst_free(m);
    return SST_OK;
}

static enum sst_code
decode_num_set(const struct json_object *j, struct sst_av **out,
               struct sst_err *err)
{
    size_t i, n = json_object_array_length(j), repeat;
    struct sst_av *v = NULL;
    struct sst_err parse_err;
    enum sst_code rc, parse_rc = SST_OK;

    if (n == 0)
        return sst_err_set(err, SST_E_VALIDATION, V_NS_EMPTY);
    v = sst_av_new(SST_AV_NS);
    if (v == NULL ||
        (v->u.nums.v = sst_calloc(n, sizeof(struct sst_num))) == NULL) {
        rc = nomem(err);
        goto out;
    }
    /* Parse up to the first member that fails; a null one does. */
    for (i = 0; i < n; i++) {
        const struct json_object *e = json_object_array_get_idx(j, i);

        sst_num_init(&v->u.nums.v[i]);
        v->u.nums.len = i + 1;
        parse_rc = e == NULL ? sst_err_set(&parse_err, SST_E_VALIDATION,
                                           SST_NUM_MSG_NAN)
                             : sst_num_parse(&v->u.nums.v[i], jstr(e),
                                             jstr_len(e), &parse_err);
        if (parse_rc != SST_OK)
            break;
    }
    rc = first_repeat(v->u.nums.v, i, &repeat, err);
    if (rc != SST_OK)
        goto out;
    if (repeat < i) {
        rc = sst_err_set(err, SST_E_VALIDATION, V_NS_DUP);
        goto out;
    }
    if (parse_rc != SST_OK) {
        rc = sst_err_set(err, parse_rc, "%s", parse_err.message);
        goto out;
    }
    *out = v;
    v = NULL;
out:
    sst_av_free(v);
    return rc;
}

/* M: nesting, then each entry in document order: null, its value, then
 * its name. depth counts the containers around the map (the item is 1). */
static enum sst_code
decode_map(const struct json_object *j, int depth, struct sst_av **out,
           struct sst_err *err)
{
    size_t n = (size_t)json_object_object_length(j), i = 0;
    struct sst_av *v = NULL;
    struct lh_entry *e;
    enum sst_code rc = SST_OK;

    if (depth + 1 > SST_AV_MAX_NESTING)
        return sst_err_set(err, SST_E_VALIDATION, V_NESTING);
    v = sst_av_new(SST_AV_M);
    if (v == NULL ||
        (n > 0 && (v->u.map.v = sst_calloc(n, sizeof *v->u.map.v)) == NULL)) {
        rc = nomem(err);
        goto out;
    }
    for (e = lh_table_head(json_object_get_object(j)); e != NULL && i < n;
         e = lh_entry_next(e), i++) {
        const char *name = lh_entry_k(e);
        const struct json_object *jv = lh_entry_v(e);
        struct sst_av_entry *ent = &v->u.map.v[i];

        if (jv == NULL) {
            rc = sst_err_set(err, SST_E_VALIDATION, V_NULL_AV ": %s is null",
                             name);
            goto out;
        }
        v->u.map.len = i + 1;
        if (!sst_av_str_set(&ent->name, name, strlen(name))) {
            rc = nomem(err);
            goto out;
        }
        rc = decode_value(jv, depth + 1, &ent->value, err);
        if (rc != SST_OK)
            goto out;
        /* DynamoDB looks at the name after the value. */
        if (name[0] == '\0') {
            rc = sst_err_set(err, SST_E_VALIDATION, V_EMPTY_NAME);
            goto out;
        }
    }
    *out = v;
    v = NULL;
out:
    sst_av_free(v);
    return rc;
}

static enum sst_code
decode_list(const struct json_object *j, int depth, struct sst_av **out,
            struct sst_err *err)
{
    size_t n = json_object_array_length(j), i;
    struct sst_av *v = NULL;
    enum sst_code rc = SST_OK;

    if (depth + 1 > SST_AV_MAX_NESTING)
        return sst_err_set(err, SST_E_VALIDATION, V_NESTING);
    v = sst_av_new(SST_AV_L);
    if (v == NULL ||
        (n > 0 && (v->u.list.v = sst_calloc(n, sizeof *v->u.list.v)) == NULL)) {
        rc = nomem(err);
        goto out;
    }
    for (i = 0; i < n; i++) {
        const struct json_object *e = json_object_array_get_idx(j, i);

        if (e == NULL) {
            rc = sst_err_set(err, SST_E_VALIDATION, V_NULL_AV);
            goto out;
        }
        v->u.list.len = i + 1;
        rc = decode_value(e, depth + 1, &v->u.list.v[i], err);
        if (rc != SST_OK)
            goto out;
    }
    *out = v;
    v = NULL;
out:
    sst_av_free(v);
    return rc;
}

/* One member of an AttributeValue: its checks, and its value. */
static enum sst_code
decode_member(const struct json_object *j, enum sst_av_type type, int depth,
              struct sst_av **out, struct sst_err *err)
{
    struct sst_av *v;
    enum sst_code rc;
    bool b = false;

    switch (type) {
    case SST_AV_SS:
    case SST_AV_BS:
        return decode_str_set(j, type, out, err);
    case SST_AV_NS:
        return decode_num_set(j, out, err);
    case SST_AV_M:
        return decode_map(j, depth, out, err);
    case SST_AV_L:
        return decode_list(j, depth, out, err);
    default:
        break;
    }
    if (type == SST_AV_BOOL || type == SST_AV_NULL) {
        if (json_object_get_type(j) == json_type_boolean)
            b = json_object_get_boolean(j);
        else
            (void)bool_word(j, &b);
        if (type == SST_AV_NULL && !b)
            return sst_err_set(err, SST_E_VALIDATION, V_NULL_FALSE);
    }
    v = sst_calloc(1, sizeof *v);
    if (v == NULL)
        return nomem(err);
    v->type = type;
    rc = SST_OK;
    switch (type) {
    case SST_AV_N:
        sst_num_init(&v->u.num);
        rc = sst_num_parse(&v->u.num, jstr(j), jstr_len(j), err);
        break;
    case SST_AV_S:
        if (!sst_av_str_set(&v->u.str, jstr(j), jstr_len(j)))
            rc = nomem(err);
        break;
    case SST_AV_B:
        if (!b64_decode(&v->u.str, (const unsigned char *)jstr(j), jstr_len(j)))
            rc = nomem(err);
        break;
    default:
        v->u.boolean = b;
        break;
    }
    if (rc != SST_OK) {
        sst_av_free(v);
        return rc;
    }
    *out = v;
    return SST_OK;
}

/*
 * One AttributeValue (a JSON object, after pass 1) whose enclosing
 * containers number depth. Every member present is checked in DynamoDB's
 * order; only then is the number of types checked.
 */
static enum sst_code
decode_value(const struct json_object *j, int depth, struct sst_av **out,
             struct sst_err *err)
{
    const struct json_object *member[SST_AV_TYPE_COUNT] = {NULL};
    struct sst_av *v = NULL, *extra;
    struct lh_entry *e;
    enum sst_code rc;
    int present = 0, k;

    *out = NULL;
    for (e = lh_table_head(json_object_get_object(j)); e != NULL;
         e = lh_entry_next(e)) {
        enum sst_av_type t = type_of_key(lh_entry_k(e));

        if (t != SST_AV_TYPE_COUNT && lh_entry_v(e) != NULL) {
            member[t] = lh_entry_v(e);
            present++;
        }
    }
    if (present == 0)
        return sst_err_set(err, SST_E_VALIDATION, V_EMPTY);
    for (k = 0; k < SST_AV_TYPE_COUNT; k++) {
        enum sst_av_type t = validation_order[k];

        if (member[t] == NULL)
            continue;
        rc = decode_member(member[t], t, depth, &extra, err);
        if (rc != SST_OK) {
            sst_av_free(v);
            return rc;
        }
        if (v == NULL)
            v = extra;
        else
            sst_av_free(extra);
    }
    if (present > 1) {
        sst_av_free(v);
        return sst_err_set(err, SST_E_VALIDATION, V_MULTI);
    }
    *out = v;
    return SST_OK;
}

/* ------------------------------------------------------ decode entry points */

static enum sst_code
decode_top(const struct json_object *j, enum av_place place,
           struct sst_av **out, struct sst_err *err)
{
    enum sst_code rc;

    *out = NULL;
    rc = check_av(j, place, 1, err);
    if (rc != SST_OK)
        return rc;
    if (j == NULL)
        return sst_err_set(err, SST_E_VALIDATION, V_NULL_AV);
    return decode_value(j, 1, out, err);
}

enum sst_code
sst_av_decode(const struct json_object *j, struct sst_av **out,
              struct sst_err *err)
{
    return decode_top(j, PLACE_VALUE, out, err);
}

enum sst_code
sst_av_decode_field(const struct json_object *j, struct sst_av **out,
                    struct sst_err *err)
{
    return decode_top(j, PLACE_FIELD, out, err);
}

enum sst_code
sst_av_decode_item(const struct json_object *j, struct sst_av **out,
                   struct sst_err *err)
{
    enum sst_code rc;

    *out = NULL;
    if (j == NULL)
        return sst_err_set(err, SST_E_INVALID_ARG, "item is NULL");
    rc = check_map(j, 0, err);
    if (rc != SST_OK)
        return rc;
    /* The item is level 1; its attributes' maps and lists count from 2. */
    return decode_map(j, 0, out, err);
}

enum sst_code
sst_av_check_item(const struct json_object *j, struct sst_err *err)
{
    return check_map(j, 0, err);
}
