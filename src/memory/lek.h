/*
 * src/memory/lek.h - simplesingletable's build_lek_data(): the
 * LastEvaluatedKey a paginated query synthesises when it cuts a page short
 * (spec section 2.6).
 *
 * The key always holds pk and sk. No index: nothing else. "gsitype": also
 * gsitype and gsitypesk when the item has them. Any other index: the
 * attributes of the first of these ranked groups that the item carries,
 * at most one ending in "pk" and one ending in "sk":
 *
 *   1. the naming convention. gsi1 and gsi2 (legacy names, ranged on the
 *      table's pk) give [gsiNpk], or [gsiNpk, gsiNsk] when the type's GSI
 *      config declares gsiNsk or has an entry labelled exactly gsiN; gsi3
 *      gives [gsi3pk, gsi3sk]; any other name is normalised ('-' and '_'
 *      removed, lower case: "gsi-1" -> "gsi1") and gives [<n>pk, <n>sk].
 *      The legacy names are never reached through normalisation.
 *   2. the attributes declared by the config entry labelled with the
 *      index name (exactly, else after normalisation), those whose
 *      normalised name starts with the normalised index name first.
 *
 * The two attributes always come from one group, so no key is built that
 * never existed.
 */
#ifndef SST_MEMORY_LEK_H
#define SST_MEMORY_LEK_H

#include <json-c/json.h>

#include <sst/defs.h>
#include <sst/err.h>
#include <sst/type.h>

/**
 * build_lek_data(item, index_name, type).
 *
 * @param[in]  item        a row in DynamoDB wire JSON (what
 *                         sst_type_to_item() writes); borrowed
 * @param[in]  index_name  the queried index, or NULL / "" for the table
 * @param[in]  t           the item's type (its GSI config is read); NULL
 *                         for a type without one
 * @param[out] out         on SST_OK a new object in wire shape: pk, sk,
 *                         then the index's attributes (json_object_put);
 *                         NULL on failure
 * @return SST_OK; SST_E_INVALID_ARG when the item lacks pk or sk, or when
 *         no group matches ("Unsupported index index_name='gsi9'", the
 *         name as Python's repr() writes it); SST_E_NOMEM
 */
SST_MUST_CHECK enum sst_code sst_memory_build_lek(const json_object *item,
                                                  const char *index_name,
                                                  const struct sst_type *t,
                                                  json_object **out,
                                                  struct sst_err *err);

#endif /* SST_MEMORY_LEK_H */
