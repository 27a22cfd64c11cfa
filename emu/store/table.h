/*
 * emu/store/table.h - struct sst_emu_table: the full description of a
 * table as CreateTable (and later UpdateTable and UpdateTimeToLive)
 * settled it: attribute definitions, key schema, local and global
 * secondary indexes with their projections and throughput, billing mode
 * and provisioned throughput, TTL, deletion protection, point-in-time
 * recovery, tags, creation time,
 * and the two ids the store gives it: a numeric id that prefixes every
 * row of the table (rows.h) and a UUID that DescribeTable shows as
 * TableId.
 *
 * A table from the catalog's cache (catalog.h) is shared between threads
 * and immutable; it is reference-counted. A table the caller builds or
 * loads for a change is private until it is freed.
 */
#ifndef SST_EMU_STORE_TABLE_H
#define SST_EMU_STORE_TABLE_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sst/defs.h>
#include <sst/err.h>

/* Key attributes per part of a key schema: DynamoDB allows up to four
 * partition key and four sort key attributes in a GSI; a table and an
 * LSI have one of each at most. */
#define SST_EMU_KEY_PARTS_MAX 4
#define SST_EMU_TABLE_ID_LEN 36 /* "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx" */

enum sst_emu_attr_type { SST_EMU_ATTR_S = 0, SST_EMU_ATTR_N, SST_EMU_ATTR_B };

enum sst_emu_projection {
    SST_EMU_PROJECTION_ALL = 0,
    SST_EMU_PROJECTION_KEYS_ONLY,
    SST_EMU_PROJECTION_INCLUDE
};

enum sst_emu_billing {
    SST_EMU_BILLING_PROVISIONED = 0,
    SST_EMU_BILLING_PAY_PER_REQUEST
};

/** A table's stream: what its records hold, or none. */
enum sst_emu_stream_view {
    SST_EMU_STREAM_NONE = 0,
    SST_EMU_STREAM_KEYS_ONLY,
    SST_EMU_STREAM_NEW_IMAGE,
    SST_EMU_STREAM_OLD_IMAGE,
    SST_EMU_STREAM_NEW_AND_OLD_IMAGES
};

/** One attribute definition. */
struct sst_emu_attr {
    char *name;
    enum sst_emu_attr_type type;
};

/** A key schema: positions in the table's attrs array. */
struct sst_emu_key_schema {
    unsigned hash_count;                  /* 1 (0 only while building)   */
    unsigned range_count;                 /* 0 or more                   */
    unsigned hash[SST_EMU_KEY_PARTS_MAX]; /* index into table->attrs     */
    unsigned range[SST_EMU_KEY_PARTS_MAX];
};

/**
 * OnDemandThroughput: the maximum read and write request units of a
 * PAY_PER_REQUEST table or of a global index, -1 for no maximum. Unset
 * (set false) reads as {-1, -1}; it is what a table or index is given
 * when its request has none.
 */
struct sst_emu_on_demand {
    bool set;
    int64_t read, write;
};

/** A local or global secondary index. */
struct sst_emu_index {
    char *name;
    uint32_t id; /* rows.h index id, >= 1, never reused      */
    bool global; /* GSI, else LSI                            */
    struct sst_emu_key_schema key;
    enum sst_emu_projection projection;
    char **non_key; /* INCLUDE: NonKeyAttributes, request order */
    size_t non_key_count;
    /* KEYS_ONLY or ALL given "NonKeyAttributes": [], which DynamoDB
     * Local accepts and describes back */
    bool non_key_listed;
    bool has_throughput; /* GSI of a PROVISIONED table               */
    int64_t read_units, write_units;
    /* GSI: described whenever set (emu/ops/on_demand.c) */
    struct sst_emu_on_demand on_demand;
};

/** One of a table's tags (emu/ops/tags.c): a key and its value. */
struct sst_emu_tag {
    char *key;
    char *value; /* "" allowed */
};

/** A table. Built by CreateTable, stored here, read by every operation. */
struct sst_emu_table {
    char *name;
    uint64_t id;  /* set by sst_emu_catalog_create            */
    uint64_t rev; /* set by the catalog                       */
    char table_id[SST_EMU_TABLE_ID_LEN + 1]; /* UUID, set at create    */
    int64_t created_ms;         /* CreationDateTime, ms since the epoch     */
    struct sst_emu_attr *attrs; /* AttributeDefinitions, request order */
    size_t attr_count;
    struct sst_emu_key_schema key;
    enum sst_emu_billing billing;
    int64_t read_units, write_units; /* PROVISIONED only             */
    /* PAY_PER_REQUEST only; described when both are 1 or more */
    struct sst_emu_on_demand on_demand;
    struct sst_emu_index *indexes;   /* LSIs then GSIs, request order  */
    size_t index_count;
    uint32_t next_index_id;
    /* Billing and throughput history (UpdateTable), ms since the epoch:
     * when the table last became PAY_PER_REQUEST (0: never), its last
     * throughput increase and decrease (0: none), and the decreases made
     * on the UTC day of the last one. */
    int64_t ppr_ms;
    int64_t last_increase_ms, last_decrease_ms;
    int64_t decreases_today;
    bool ttl_enabled;
    char *ttl_attr; /* NULL when TTL was never set    */
    bool deletion_protection;
    /* Streams (emu/ops/streams.h): the enabled stream's view type (NONE:
     * no stream enabled), and the label (creation time, ms) of the latest
     * stream the table had, enabled or not (0: never had one). */
    enum sst_emu_stream_view stream_view;
    int64_t stream_label_ms;
    /* Point-in-time recovery (UpdateContinuousBackups, backups.c): whether
     * it is enabled, since when (ms since the epoch), and its recovery
     * period in days (1 to 35). */
    bool pitr_enabled;
    int64_t pitr_since_ms;
    int64_t pitr_days;
    /* Tags (CreateTable, TagResource), in the order their keys were first
     * added; keys are distinct. */
    struct sst_emu_tag *tags;
    size_t tag_count;
    _Atomic long refs; /* see sst_emu_table_release      */
};

/**
 * A new, empty table with one reference. Free with sst_emu_table_release()
 * (or sst_emu_table_free()).
 *
 * @return the table, or NULL when out of memory.
 */
struct sst_emu_table *sst_emu_table_new(void);

/** Free a table and everything it owns, whatever its references. NULL is
 *  a no-op. */
void sst_emu_table_free(struct sst_emu_table *t);

/** Drop one reference; the last one frees the table. NULL is a no-op. */
void sst_emu_table_release(const struct sst_emu_table *t);

/** The attribute of a table by name, or NULL. */
const struct sst_emu_attr *sst_emu_table_attr(const struct sst_emu_table *t,
                                              const char *name);

/** Index of a table by name, or NULL. */
const struct sst_emu_index *sst_emu_table_index(const struct sst_emu_table *t,
                                                const char *name);

/** Take one more reference to a table. */
void sst_emu_table_retain(const struct sst_emu_table *t);

/**
 * Encode a table into the catalog's JSON text, and back. The catalog uses
 * them; tests call them directly.
 *
 * @param[out] out  encode: a new NUL-terminated string (sst_free);
 *                  decode: a new table (sst_emu_table_free)
 * @return SST_OK; SST_E_NOMEM; decode also SST_E_STORAGE when the text is
 *         not a valid description.
 */
SST_MUST_CHECK enum sst_code sst_emu_table_encode(const struct sst_emu_table *t,
                                                  char **out,
                                                  struct sst_err *err);
SST_MUST_CHECK enum sst_code sst_emu_table_decode(const char *text, size_t len,
                                                  struct sst_emu_table **out,
                                                  struct sst_err *err);

#endif /* SST_EMU_STORE_TABLE_H */
