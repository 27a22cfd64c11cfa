/*
 * src/core/pagekey.h - opaque pagination keys, interchangeable with
 * simplesingletable's.
 *
 * Python: encode_pagination_key(lek) =
 *     urlsafe_b64encode(json.dumps(lek).encode()).decode()
 * where lek is boto3's LastEvaluatedKey with values deserialised (strings
 * for the standard layout's S keys), and decode_pagination_key is the
 * inverse. sst encodes the same bytes (src/core/pyjson.h writes
 * json.dumps's format) and decodes what Python wrote.
 *
 * Where sst differs on purpose: a key that does not decode - not padded
 * URL-safe base64, not UTF-8, not JSON, not an object, or holding a value
 * that cannot be a key attribute - is refused with SST_E_INVALID_ARG; the
 * Python library silently restarts the query from the beginning. Python
 * also skips stray non-base64 characters; sst refuses them.
 *
 * Key attribute types: S maps to a JSON string, N to a JSON number with
 * DynamoDB's text (Python cannot encode N keys at all: json.dumps refuses
 * Decimal); B cannot be encoded (neither can Python) and is refused.
 */
#ifndef SST_CORE_PAGEKEY_H
#define SST_CORE_PAGEKEY_H

#include <stddef.h>

#include <json-c/json.h>

#include <sst/defs.h>
#include <sst/err.h>

/** Longest pagination key accepted by the decoders. */
#define SST_PAGEKEY_MAX 65536

/**
 * Encode any JSON object as Python's encode_pagination_key() would.
 *
 * @param[in]  obj  a json-c object; borrowed
 * @param[out] out  on SST_OK a new NUL-terminated key (sst_free)
 * @return SST_OK, SST_E_INVALID_ARG (not an object, bad UTF-8, bad
 *         number, too deep), SST_E_NOMEM
 */
SST_MUST_CHECK enum sst_code sst_pagekey_encode_plain(const json_object *obj,
                                                      char **out,
                                                      struct sst_err *err);

/**
 * Decode a key into the JSON object it holds (any JSON object).
 *
 * @param[in]  key  len bytes
 * @param[out] out  on SST_OK a new reference (json_object_put)
 * @return SST_OK, SST_E_INVALID_ARG ("invalid pagination key: ..."),
 *         SST_E_NOMEM
 */
SST_MUST_CHECK enum sst_code sst_pagekey_decode_plain(const char *key,
                                                      size_t len,
                                                      json_object **out,
                                                      struct sst_err *err);

/**
 * Encode a LastEvaluatedKey in DynamoDB's wire shape
 * ({"pk": {"S": "..."}, ...}), attributes in the order given.
 *
 * @param[in]  lek  borrowed
 * @param[out] out  on SST_OK a new NUL-terminated key (sst_free)
 * @return SST_OK, SST_E_INVALID_ARG (empty key, an attribute that is not
 *         S or N), SST_E_NOMEM
 */
SST_MUST_CHECK enum sst_code sst_pagekey_encode(const json_object *lek,
                                                char **out,
                                                struct sst_err *err);

/**
 * Decode a key into an ExclusiveStartKey in DynamoDB's wire shape.
 * Strings become S, numbers N (with their text); any other value, and an
 * empty object, is refused.
 *
 * @param[out] out  on SST_OK a new reference (json_object_put)
 * @return SST_OK, SST_E_INVALID_ARG ("invalid pagination key: ..."),
 *         SST_E_NOMEM
 */
SST_MUST_CHECK enum sst_code sst_pagekey_decode(const char *key, size_t len,
                                                json_object **out,
                                                struct sst_err *err);

#endif /* SST_CORE_PAGEKEY_H */
