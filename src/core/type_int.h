/*
 * src/core/type_int.h - what the files behind include/sst/type.h share:
 * the base fields, field paths for messages, the value normaliser and the
 * typed marshallers.
 *
 *   type.c      descriptors: check, accessors, keys
 *   validate.c  validation and normalisation; create_new, update_existing
 *   marshal.c   values to and from AttributeValues and pydantic JSON
 *   item.c      rows: to_dynamodb_item, from_dynamodb_item
 */
#ifndef SST_CORE_TYPE_INT_H
#define SST_CORE_TYPE_INT_H

#include <stdbool.h>
#include <stddef.h>

#include <json-c/json.h>

#include <sst/type.h>

/* DynamoDB's nesting limit for documents. */
#define SST_TYPE_MAX_DEPTH 32

/* The base fields, in pydantic's order; versioned types have all four,
 * others the first three. */
extern const struct sst_field sst_type_base_fields[4];

/* Base fields of t. */
size_t sst_type_nbase(const struct sst_type *t);

struct sst_gzip;

/** sst_type_to_item() compressing on gzip's reused stream (NULL: a fresh
 *  one; src/core/gzip.h). */
enum sst_code sst_type_to_item_gz(const struct sst_type *t,
                                  const struct json_object *resource,
                                  enum sst_row row,
                                  const struct sst_clock *clock,
                                  struct sst_gzip *gzip,
                                  struct json_object **out,
                                  struct sst_err *err);

/* A field path for messages ("a.b[2]"), grown and shrunk as validation
 * descends. */
struct sst_fpath {
    char buf[192];
    size_t len;
};

/* Append ".name" (or "name" at the top) or "[i]"; return the old length
 * to restore with sst_fpath_pop. */
size_t sst_fpath_push_name(struct sst_fpath *p, const char *name);
size_t sst_fpath_push_index(struct sst_fpath *p, size_t i);
void sst_fpath_pop(struct sst_fpath *p, size_t len);

/* SST_E_INVALID_DATA "field '<path>': <fmt...>". */
enum sst_code sst_fpath_fail(struct sst_err *err, const struct sst_fpath *p,
                             const char *fmt, ...) SST_PRINTF(3, 4);

/* Validate one value against f. in NULL is JSON null (json-c's own
 * representation of null); *out is NULL for a null result. */
enum sst_code sst_validate_value(const struct sst_field *f,
                                 const json_object *in, struct sst_fpath *p,
                                 int depth, json_object **out,
                                 struct sst_err *err);

/* Validate an object against a list of fields (base fields first). */
enum sst_code sst_validate_fields(const struct sst_field *base, size_t nbase,
                                  const struct sst_field *fields,
                                  size_t nfields, const json_object *in,
                                  struct sst_fpath *p, int depth,
                                  json_object **out, struct sst_err *err);

/* A number's DynamoDB text, checked against DynamoDB's range and
 * precision; the normalised json-c value (int, or double with text). */
enum sst_code sst_number_normalise(const json_object *in, bool from_string,
                                   bool prefer_int, struct sst_fpath *p,
                                   json_object **out, struct sst_err *err);

/* Typed marshalling of a validated value (f NULL: untyped). *out NULL
 * means "leave the attribute out" (empty set, or null under omit_none). */
enum sst_code sst_marshal_value(const struct sst_field *f,
                                const json_object *v, bool omit_none,
                                struct sst_fpath *p, int depth,
                                json_object **out, struct sst_err *err);

/* The pydantic JSON tree of a validated value (datetimes "Z"). */
enum sst_code sst_pydantic_value(const struct sst_field *f,
                                 const json_object *v, struct sst_fpath *p,
                                 int depth, json_object **out,
                                 struct sst_err *err);

/* An AttributeValue to the plain value validation expects for f (f NULL:
 * untyped). */
enum sst_code sst_unmarshal_value(const struct sst_field *f,
                                  const json_object *av, struct sst_fpath *p,
                                  int depth, json_object **out,
                                  struct sst_err *err);

/* A new {"S": s} (or N, ...) AttributeValue; NULL when out of memory. */
json_object *sst_av_new_string(const char *type, const char *s, size_t len);

/* Python truthiness of a JSON value (null, false, 0, "", [], {} false). */
bool sst_json_truthy(const json_object *v);

#endif /* SST_CORE_TYPE_INT_H */
