/*
 * emu/expr/av.h - DynamoDB attribute values as a typed tree.
 *
 * The emulator decodes every AttributeValue it receives (items, keys,
 * ExpressionAttributeValues) into a struct sst_av, works on the tree
 * (compare, evaluate, update, size), and encodes it back to DynamoDB JSON
 * for answers. An item is a value of type SST_AV_M whose entries are its
 * attributes.
 *
 * Decoding reproduces DynamoDB's checks in DynamoDB's order, in two steps
 * as AWS does them: first deserialisation (a JSON value of the wrong kind,
 * or bad base64, is SST_E_SERIALIZATION with AWS's message), then
 * validation (SST_E_VALIDATION with DynamoDB's message: empty value, two
 * types, empty set, duplicate member, bad number, NULL other than true,
 * empty attribute name, nesting beyond 32 levels). docs/notes-value.md
 * records where DynamoDB Local answers differently.
 *
 * Memory: every node, array and string is allocated with sst_malloc and
 * owned by its parent; sst_av_free releases a whole tree. Strings (S, B,
 * set members, map names) are length-delimited, may hold NUL bytes, and
 * are followed by a NUL that is not part of them. B values are kept
 * decoded (raw bytes). Code outside this module that builds or edits a
 * tree follows the same rules and keeps trees within SST_AV_MAX_NESTING
 * levels (the recursive functions here rely on that bound).
 */
#ifndef SST_EMU_EXPR_AV_H
#define SST_EMU_EXPR_AV_H

#include <stdbool.h>
#include <stddef.h>

#include <json-c/json.h>

#include <sst/err.h>

#include "emu/expr/num.h"

/* DynamoDB's limits. An item and the maps and lists in it make at most
 * 32 levels: a top-level attribute may hold 31 nested maps or lists. */
#define SST_AV_MAX_NESTING 32
#define SST_AV_MAX_ITEM_BYTES 409600

#define SST_AV_MSG_ITEM_TOO_LARGE                                              \
    "Item size has exceeded the maximum allowed size"

enum sst_av_type {
    SST_AV_S,
    SST_AV_N,
    SST_AV_B,
    SST_AV_BOOL,
    SST_AV_NULL,
    SST_AV_M,
    SST_AV_L,
    SST_AV_SS,
    SST_AV_NS,
    SST_AV_BS,
    SST_AV_TYPE_COUNT
};

/* A length-delimited byte string; ptr[len] is a NUL not counted in len. */
struct sst_av_str {
    char *ptr;
    size_t len;
};

struct sst_av;

/* One entry of a map (or one attribute of an item). */
struct sst_av_entry {
    struct sst_av_str name;
    struct sst_av *value;
};

struct sst_av {
    enum sst_av_type type;
    union {
        struct sst_av_str str; /* S (UTF-8 as received), B (raw bytes) */
        struct sst_num num;    /* N                                     */
        bool boolean;          /* BOOL; a NULL value carries nothing    */
        struct {               /* M, in the order received              */
            struct sst_av_entry *v;
            size_t len;
        } map;
        struct { /* L                                     */
            struct sst_av **v;
            size_t len;
        } list;
        struct { /* SS, BS: distinct, order as received   */
            struct sst_av_str *v;
            size_t len;
        } strs;
        struct { /* NS: distinct, order as received       */
            struct sst_num *v;
            size_t len;
        } nums;
    } u;
};

/** The DynamoDB type code: "S", "N", "B", "BOOL", "NULL", "M", "L", "SS",
 *  "NS", "BS"; "?" for a value out of range. Static string. */
const char *sst_av_type_name(enum sst_av_type type);

/**
 * A new empty value of a type: "" for S and B, 0 for N, false for BOOL,
 * no entries for M, L and the sets (an empty set is not a valid DynamoDB
 * value: fill it before use).
 *
 * @return the value, freed with sst_av_free(); NULL when out of memory
 *         or for a type out of range
 */
struct sst_av *sst_av_new(enum sst_av_type type);

/** Free a value and everything under it. NULL is a no-op. */
void sst_av_free(struct sst_av *v);

/**
 * Decode one AttributeValue, such as {"S": "x"} or {"L": [...]}, found as
 * a value of a map or a list (item attributes, ExpressionAttributeValues,
 * keys, elements of L and M). Its maps and lists count from nesting level
 * 2 (level 1 being the item or map that holds it).
 *
 * Members of the AttributeValue other than the ten type keys are ignored,
 * and a member whose value is JSON null counts as absent, as in DynamoDB.
 *
 * @param[in]  j    borrowed; not kept
 * @param[out] out  on SST_OK a new value (sst_av_free); NULL otherwise
 * @return SST_OK, SST_E_SERIALIZATION (a JSON value of the wrong kind, or
 *         invalid base64; AWS's message), SST_E_VALIDATION (DynamoDB's
 *         message), SST_E_NOMEM
 */
SST_MUST_CHECK enum sst_code sst_av_decode(const struct json_object *j,
                                           struct sst_av **out,
                                           struct sst_err *err);

/**
 * As sst_av_decode, for an AttributeValue that is a field of a structure
 * rather than a map value (Expected.*.Value, AttributeUpdates.*.Value,
 * AttributeValueList elements): AWS words one serialisation message
 * differently there ("Unexpected field type").
 */
SST_MUST_CHECK enum sst_code sst_av_decode_field(const struct json_object *j,
                                                 struct sst_av **out,
                                                 struct sst_err *err);

/**
 * Decode an item: a JSON object of attribute name -> AttributeValue. The
 * result is a value of type SST_AV_M, entries in the order received.
 * Attributes are checked in that order and the first error wins.
 *
 * @param[out] out  on SST_OK a new value (sst_av_free); NULL otherwise
 * @return as sst_av_decode; also SST_E_VALIDATION "Empty attribute name"
 *         and "The supplied Item contains a null AttributeValue: NAME is
 *         null". The item size limit is not checked here (see
 *         sst_av_item_check_size).
 */
SST_MUST_CHECK enum sst_code sst_av_decode_item(const struct json_object *j,
                                                struct sst_av **out,
                                                struct sst_err *err);

/**
 * The first pass of sst_av_decode_item() alone: the JSON kinds of an
 * item's values (AWS's serialisation faults), with nothing built or
 * validated. For a map the request names only for the expression engine
 * to decode later (ExpressionAttributeValues), whose serialisation faults
 * DynamoDB reports before the table is known.
 *
 * @param[in] j  borrowed; not kept; not NULL
 * @return SST_OK, or SST_E_SERIALIZATION with the message
 *         sst_av_decode_item() would give
 */
SST_MUST_CHECK enum sst_code sst_av_check_item(const struct json_object *j,
                                               struct sst_err *err);

/**
 * Encode a value as DynamoDB JSON: {"S": ...}, {"N": "canonical"},
 * {"B": "base64"}, {"BOOL": true}, {"NULL": true}, {"M": {...}},
 * {"L": [...]}, {"SS": [...]}, {"NS": [...]}, {"BS": [...]}. Numbers are
 * written in canonical form everywhere (inside lists, maps and sets too).
 *
 * @param[out] out  on SST_OK one new json-c reference (json_object_put);
 *                  NULL otherwise
 * @return SST_OK, SST_E_NOMEM, SST_E_INVALID_ARG (a type out of range)
 */
SST_MUST_CHECK enum sst_code sst_av_encode(const struct sst_av *v,
                                           struct json_object **out,
                                           struct sst_err *err);

/** Encode an item (a SST_AV_M value) as a JSON object of attribute name ->
 *  AttributeValue. As sst_av_encode; SST_E_INVALID_ARG when item is not a
 *  map. */
SST_MUST_CHECK enum sst_code sst_av_encode_item(const struct sst_av *item,
                                                struct json_object **out,
                                                struct sst_err *err);

/**
 * Deep copy.
 *
 * @param[out] out  on SST_OK a new value (sst_av_free); NULL otherwise
 * @return SST_OK or SST_E_NOMEM
 */
SST_MUST_CHECK enum sst_code
sst_av_dup(const struct sst_av *v, struct sst_av **out, struct sst_err *err);

/**
 * Deep equality as DynamoDB's "=" sees it: same type and same value;
 * numbers compare numerically, sets and maps regardless of order, lists
 * in order, S and B byte by byte.
 */
bool sst_av_equal(const struct sst_av *a, const struct sst_av *b);

/**
 * DynamoDB's ordering of two scalars of one type: S and B by unsigned
 * bytes (a proper prefix sorts first), N numerically.
 *
 * @param[out] order  -1, 0 or 1 as a <, ==, > b, when comparable
 * @return true when both are S, both N or both B; false otherwise (the
 *         comparison is then false in DynamoDB, not an error)
 */
bool sst_av_cmp(const struct sst_av *a, const struct sst_av *b, int *order);

/** The map entry called name (len bytes), or NULL. Borrowed: valid until
 *  the map changes or is freed. map must be of type SST_AV_M. */
struct sst_av *sst_av_map_get(const struct sst_av *map, const char *name,
                              size_t len);

/**
 * Bytes DynamoDB counts for a value, without the name it is stored under:
 * S its UTF-8 bytes; B its raw bytes; N as sst_num_size(); BOOL and NULL
 * 1; SS, NS, BS the sum of their members; L 3 plus, per element, 1 plus
 * its size; M 3 plus, per entry, 1 plus its name's bytes plus its size.
 */
size_t sst_av_size(const struct sst_av *v);

/** Bytes DynamoDB counts for an item (a SST_AV_M value): the sum, over
 *  its attributes, of the name's bytes and the value's size. */
size_t sst_av_item_size(const struct sst_av *item);

/**
 * DynamoDB's 400 KB item limit (409600 bytes, as sst_av_item_size counts).
 *
 * @return SST_OK, or SST_E_VALIDATION with SST_AV_MSG_ITEM_TOO_LARGE
 */
SST_MUST_CHECK enum sst_code sst_av_item_check_size(const struct sst_av *item,
                                                    struct sst_err *err);

#endif /* SST_EMU_EXPR_AV_H */
