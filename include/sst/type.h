/*
 * sst/type.h - resource types: schema, validation, marshalling and the
 * rows simplesingletable writes.
 *
 * A struct sst_type stands for a Python resource class (a subclass of
 * DynamoDbResource or DynamoDbVersionedResource): its name (the class
 * name, and so the key prefix and gsitype), whether it is versioned, a
 * field schema, the ResourceConfig, the hooks and the GSI config. It is
 * plain data, normally a static const initialised with designated
 * initialisers, which the operations of libsst read.
 *
 * Resource data is a json-c object holding the base fields the library
 * manages - resource_id, created_at, updated_at, and version for versioned
 * types - and the schema's fields. Validation (pydantic's model_validate
 * with extra="forbid") turns input into the normalised form every other
 * function expects:
 *
 *   field kind        normalised JSON value         DynamoDB (uncompressed)
 *   STRING            string (UTF-8)                S
 *   INT               int (64-bit)                  N
 *   DECIMAL           number with its exact text    N, the same text
 *   BOOL              boolean                       BOOL
 *   DATETIME          string, Python isoformat()    S, isoformat()
 *   DATE              string "YYYY-MM-DD"           S
 *   BYTES             string of raw bytes           B
 *   STRING_SET        array of distinct strings     SS (left out if empty)
 *   NUMBER_SET        array of distinct numbers     NS (left out if empty)
 *   LIST              array                         L
 *   MAP               object                        M
 *   NESTED            object of the nested type     M
 *   null (nullable)   null                          NULL, or left out with
 *                                                   omit_none
 *
 * Decimals are exact, never converted through a double: a DECIMAL value may
 * be given as a JSON string holding the number ("1.50"), as a json-c int,
 * or as a json-c double that carries its source text (json-c's parser
 * keeps it; json_object_new_double_s() sets it), and it stays that text
 * (validated as a JSON number within DynamoDB's 38 digits and range). The
 * normalised value is a json-c double made with json_object_new_double_s(),
 * so json_object_get_string() returns the exact text and the double is
 * only a convenience. A json-c double without source text stands for a
 * Python float and takes Python's repr() as its text, as Python's
 * Decimal(str(f)) does. Integers are limited to 64 bits (json-c's); wider
 * ones must be DECIMAL fields given as strings.
 *
 * Compression (compress_data, the default for versioned types) stores
 * gzip(model JSON) in the Binary attribute "data", where the model JSON is
 * what pydantic's model_dump_json() writes: fields in order (resource_id,
 * created_at, updated_at, version, then the schema), datetimes as
 * "...Z", no spaces, UTF-8 as is.
 *
 * Errors: SST_E_INVALID_DATA when resource data or an item does not fit the
 * schema, with "field '<path>': <problem>" in the message (the first
 * problem found, in field order); SST_E_INVALID_ARG when a descriptor or an
 * argument is malformed; SST_E_NOMEM. Every function is pure: no I/O, no
 * global state.
 */
#ifndef SST_TYPE_H
#define SST_TYPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sst/defs.h>
#include <sst/err.h>
#include <sst/time.h>
#include <sst/ulid.h>

#ifdef __cplusplus
extern "C" {
#endif

struct json_object;
struct sst_type;

/** Kinds of field. */
enum sst_field_kind {
    SST_FIELD_ANY = 0,    /* any JSON value (Python Any / untyped)   */
    SST_FIELD_STRING,     /* str                                     */
    SST_FIELD_INT,        /* int                                     */
    SST_FIELD_DECIMAL,    /* float or Decimal, kept exact            */
    SST_FIELD_BOOL,       /* bool                                    */
    SST_FIELD_DATETIME,   /* datetime                                */
    SST_FIELD_DATE,       /* date                                    */
    SST_FIELD_BYTES,      /* bytes                                   */
    SST_FIELD_STRING_SET, /* set[str]                                */
    SST_FIELD_NUMBER_SET, /* set[int] / set[float]                   */
    SST_FIELD_LIST,       /* list[item]                              */
    SST_FIELD_MAP,        /* dict[str, item]                         */
    SST_FIELD_NESTED,     /* a nested pydantic model                 */
    SST_FIELD_KIND_COUNT
};

/** One field of a schema (or, as a struct sst_field's item, the type of
 *  list elements and map values; its name is then unused). */
struct sst_field {
    const char *name;
    enum sst_field_kind kind;
    /** Optional[...]: null is a valid value. */
    bool nullable;
    /** JSON text of the default value ("null", "0", "[]", "\"x\""), or
     *  NULL: the field is required. Validated like input. */
    const char *default_json;
    /** LIST and MAP: the element type; NULL for any JSON value. */
    const struct sst_field *item;
    /** NESTED: the nested model (only its fields are used). */
    const struct sst_type *nested;
};

/** compress_data: DEFAULT follows the base class (versioned types
 *  compress, others do not). */
enum sst_compress {
    SST_COMPRESS_DEFAULT = 0,
    SST_COMPRESS_YES,
    SST_COMPRESS_NO
};

/** ResourceConfig. */
struct sst_resource_config {
    enum sst_compress compress;
    /** Versioned only: versions kept after an update; 0 or less keeps
     *  all. */
    int max_versions;
    /** omit_none_attributes: None values are left out of uncompressed
     *  items (also inside maps and nested models, not inside lists). */
    bool omit_none;
    /** TTL: both or neither. The field is DATETIME (expiry) or INT
     *  (seconds after created_at). */
    const char *ttl_field;
    const char *ttl_attribute;
};

/**
 * A string-valued hook: on SST_OK *out is NULL (no value: the attribute
 * is left out) or a new string allocated with sst_malloc()/sst_strdup()
 * that the library frees; "" counts as no value. On failure the hook fills
 * err; its code is passed on.
 */
typedef enum sst_code (*sst_type_str_fn)(const struct sst_type *t,
                                         const struct json_object *resource,
                                         void *ud, char **out,
                                         struct sst_err *err);

/** A (pk, sk) hook: both NULL (or "") for no value, or both strings. */
typedef enum sst_code (*sst_type_pair_fn)(const struct sst_type *t,
                                          const struct json_object *resource,
                                          void *ud, char **pk, char **sk,
                                          struct sst_err *err);

/** A JSON-valued hook: *out NULL or a new reference the library puts. */
typedef enum sst_code (*sst_type_json_fn)(const struct sst_type *t,
                                          const struct json_object *resource,
                                          void *ud, struct json_object **out,
                                          struct sst_err *err);

/**
 * One inner entry of a gsi_config entry: exactly one of value, fn or
 * (with sk_attr) pair_fn. A value that is NULL or "" leaves the attribute
 * out: that is how sparse indexes are made.
 */
struct sst_gsi_attr {
    const char *attr;         /* attribute written                  */
    const char *sk_attr;      /* tuple key (attr, sk_attr): pair_fn */
    const char *value;        /* a static value                     */
    sst_type_str_fn fn;       /* a callback                         */
    sst_type_pair_fn pair_fn; /* a tuple callback                   */
    void *ud;                 /* passed to fn / pair_fn             */
};

/** One gsi_config entry: the label (the outer dict key; only the
 *  pagination-key builder reads it) and its attributes. */
struct sst_gsi {
    const char *label;
    const struct sst_gsi_attr *attrs;
    size_t nattrs;
};

/** The class methods a Python resource may override. NULL: default. */
struct sst_type_hooks {
    /** get_unique_key_prefix(); NULL: the type name. */
    const char *key_prefix;
    /** db_get_gsitypepk(); NULL: the type name. */
    const char *gsitype;
    /** db_get_gsitypesk(); NULL: updated_at.isoformat(). */
    sst_type_str_fn gsitypesk;
    /** db_get_filter_metadata(): the "metadata" attribute of versioned v0
     *  rows, written when truthy (as Python judges truth). */
    sst_type_json_fn filter_metadata;
    /** Legacy db_get_gsi1pk(), db_get_gsi2pk(), db_get_gsi3pk_and_sk():
     *  a value overrides the GSI config's. */
    sst_type_str_fn gsi1pk;
    sst_type_str_fn gsi2pk;
    sst_type_pair_fn gsi3;
    /** get_gsi_config() overridden: returns the entries (and their
     *  count in *n), which stay valid while the type is used; NULL:
     *  the type's gsis. */
    const struct sst_gsi *(*gsi_config)(const struct sst_type *t, void *ud,
                                        size_t *n);
    void *ud; /* passed to every hook above */
};

/** A resource type. */
struct sst_type {
    const char *name; /* class name */
    bool versioned;
    const struct sst_field *fields;
    size_t nfields;
    struct sst_resource_config config;
    struct sst_type_hooks hooks;
    const struct sst_gsi *gsis;
    size_t ngsis;
};

/** The rows a resource is written as. */
enum sst_row {
    SST_ROW_PLAIN = 0, /* non-versioned: pk = sk = "<prefix>#<id>" */
    SST_ROW_V0,        /* versioned: sk = "v0", the latest copy    */
    SST_ROW_VERSION    /* versioned: sk = "v<version>"             */
};

/**
 * Check a descriptor: a name; fields with distinct non-empty names that
 * are not base fields; known kinds; NESTED with a nested type, items of
 * LIST and MAP well formed; defaults that validate; TTL config complete
 * and naming a DATETIME or INT field; GSI entries with exactly one source.
 *
 * @return SST_OK or SST_E_INVALID_ARG naming the problem.
 */
SST_API enum sst_code sst_type_check(const struct sst_type *t,
                                     struct sst_err *err);

/** Whether items of t are compressed (config, or the base default). */
SST_API bool sst_type_compressed(const struct sst_type *t);

/** The key prefix (hooks.key_prefix or the name); borrowed from t. */
SST_API const char *sst_type_key_prefix(const struct sst_type *t);

/** The gsitype value (hooks.gsitype or the name); borrowed from t. */
SST_API const char *sst_type_gsitype(const struct sst_type *t);

/** The GSI config in force (the hook's or t->gsis). */
SST_API const struct sst_gsi *sst_type_gsi_config(const struct sst_type *t,
                                                  size_t *n);

/**
 * Validate full resource data (base fields included) and normalise it.
 *
 * @param[in]  t    the type
 * @param[in]  in   borrowed; a JSON object
 * @param[out] out  on SST_OK a new object (json_object_put): base fields
 *                  then the schema's, in order, defaults applied, values
 *                  normalised (see the header comment); NULL on error
 * @return SST_OK, SST_E_INVALID_DATA ("field 'x': ..."),
 *         SST_E_INVALID_ARG (t malformed), SST_E_NOMEM
 */
SST_API enum sst_code sst_type_validate(const struct sst_type *t,
                                        const struct json_object *in,
                                        struct json_object **out,
                                        struct sst_err *err);

/**
 * Python's create_new(data, override_id): copy data, set resource_id (id,
 * or the next ULID of gen), created_at = updated_at = now (UTC, from
 * clock), version = 1 for versioned types, and validate. Base fields in
 * data are overwritten, as in Python.
 *
 * @param[in]     data   borrowed; user data (a JSON object)
 * @param[in]     id     override id, or NULL
 * @param[in]     clock  NULL for the system clock
 * @param[in,out] gen    ULID generator, used when id is NULL
 * @param[out]    out    on SST_OK the new resource (json_object_put)
 * @return SST_OK, SST_E_INVALID_DATA, SST_E_INVALID_ARG (no id and no
 *         gen, "" as id), the ULID generator's codes, SST_E_NOMEM
 */
SST_API enum sst_code sst_resource_new(const struct sst_type *t,
                                       const struct json_object *data,
                                       const char *id,
                                       const struct sst_clock *clock,
                                       struct sst_ulid_gen *gen,
                                       struct json_object **out,
                                       struct sst_err *err);

/**
 * Python's update_existing(update, clear_fields) without I/O: the
 * existing resource's fields, updated by the members of update (a null
 * member sets the field to null), then each name of clear_fields set to
 * null; resource_id and created_at kept; updated_at = now; version + 1 for
 * versioned types; validated.
 *
 * @param[in] existing      borrowed; a validated resource of t
 * @param[in] update        borrowed; a JSON object (may be NULL)
 * @param[in] clear_fields  NULL-terminated names, or NULL
 * @param[out] out          on SST_OK the new resource (json_object_put)
 * @return SST_OK, SST_E_INVALID_DATA (the result fails the schema, e.g.
 *         a non-nullable field cleared), SST_E_INVALID_ARG, SST_E_NOMEM
 */
SST_API enum sst_code sst_resource_update(const struct sst_type *t,
                                          const struct json_object *existing,
                                          const struct json_object *update,
                                          const char *const *clear_fields,
                                          const struct sst_clock *clock,
                                          struct json_object **out,
                                          struct sst_err *err);

/**
 * The primary key of a resource's row, in DynamoDB wire JSON:
 * {"pk": {"S": "<prefix>#<id>"}, "sk": {"S": same}} for non-versioned
 * types, {"pk": ..., "sk": {"S": "v<version>"}} for versioned ones
 * (version 0: the latest).
 *
 * @param[out] out  on SST_OK a new object (json_object_put)
 * @return SST_OK, SST_E_INVALID_ARG (NULL or empty id, negative version),
 *         SST_E_NOMEM
 */
SST_API enum sst_code sst_type_key(const struct sst_type *t, const char *id,
                                   int64_t version, struct json_object **out,
                                   struct sst_err *err);

/**
 * pydantic's model_dump_json() of a resource: the payload compressed
 * items carry.
 *
 * @param[in]  resource  a validated resource of t
 * @param[out] out       on SST_OK a new NUL-terminated string (sst_free)
 * @param[out] len       optional; its length
 * @return SST_OK, SST_E_INVALID_DATA (e.g. BYTES that are not UTF-8, which
 *         pydantic cannot write either), SST_E_NOMEM
 */
SST_API enum sst_code sst_type_model_json(const struct sst_type *t,
                                          const struct json_object *resource,
                                          char **out, size_t *len,
                                          struct sst_err *err);

/**
 * Build the DynamoDB item (wire JSON) of one row of a resource, as
 * Python's to_dynamodb_item() does (spec section 2):
 *   - the model: compressed, "data" = gzip(model JSON) as B, with the
 *     gzip mtime from clock (seconds); otherwise every field cleaned
 *     (clean_data, omit_none);
 *   - pk and sk; "version" on versioned rows;
 *   - gsitype and gsitypesk, the GSI attributes (config, then legacy
 *     hooks) on SST_ROW_PLAIN and SST_ROW_V0 rows, and "metadata" on V0;
 *   - the TTL attribute on every row when configured and truthy.
 *
 * @param[in]  resource  a validated resource of t (not re-validated)
 * @param[in]  row       SST_ROW_PLAIN for non-versioned types, V0 or
 *                       VERSION for versioned ones
 * @param[in]  clock     gzip mtime source; NULL for the system clock
 * @param[out] out       on SST_OK a new object (json_object_put)
 * @return SST_OK, SST_E_INVALID_DATA (unsupported TTL value, a hook's bad
 *         result), SST_E_INVALID_ARG (row does not fit t), a hook's code,
 *         SST_E_NOMEM
 */
SST_API enum sst_code sst_type_to_item(const struct sst_type *t,
                                       const struct json_object *resource,
                                       enum sst_row row,
                                       const struct sst_clock *clock,
                                       struct json_object **out,
                                       struct sst_err *err);

/**
 * Read a resource back from an item (wire JSON), as Python's
 * from_dynamodb_item() does: compressed types decode "data"; others take
 * every attribute but pk, sk, gsitype, gsitypesk, the GSI attributes
 * (configured and gsi1pk..gsi3sk), _blob_fields, _blob_versions,
 * _version_token, the TTL attribute and (when the type has a
 * filter_metadata hook and no such field) metadata; then validate.
 * Either timestamp form reads.
 *
 * @param[out] out  on SST_OK the resource (json_object_put)
 * @return SST_OK, SST_E_INVALID_DATA (missing or corrupt data, an
 *         attribute of the wrong type, schema failure), SST_E_NOMEM
 */
SST_API enum sst_code sst_type_from_item(const struct sst_type *t,
                                         const struct json_object *item,
                                         struct json_object **out,
                                         struct sst_err *err);

/**
 * clean_data + boto3's serializer for one untyped JSON value: the
 * AttributeValue (wire JSON) Python would write for it. Strings S,
 * numbers N (exact text; bare doubles as repr), booleans BOOL, null NULL,
 * arrays L, objects M (members whose value is null are left out with
 * omit_none; elements of arrays never are).
 *
 * @param[out] out  on SST_OK a new object (json_object_put)
 * @return SST_OK, SST_E_INVALID_DATA (bad UTF-8, NaN, too deep),
 *         SST_E_NOMEM
 */
SST_API enum sst_code sst_value_to_av(const struct json_object *value,
                                      bool omit_none,
                                      struct json_object **out,
                                      struct sst_err *err);

/**
 * The inverse for untyped values: S strings, N numbers (int when the text
 * is an integer that fits 64 bits, else a double carrying the text),
 * BOOL, NULL, L, M; SS and NS arrays; B strings of the raw bytes.
 *
 * @return SST_OK, SST_E_INVALID_DATA (not an AttributeValue), SST_E_NOMEM
 */
SST_API enum sst_code sst_av_to_value(const struct json_object *av,
                                      struct json_object **out,
                                      struct sst_err *err);

#ifdef __cplusplus
}
#endif

#endif /* SST_TYPE_H */
