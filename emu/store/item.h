/*
 * emu/store/item.h - the stored form of an item, and of an index entry.
 *
 * Every item row (and every index row, which holds the projection of an
 * item) stores its attributes in one compact binary encoding, chosen so
 * that a read turns it into DynamoDB JSON (json-c) in one pass, without
 * parsing numbers or building a struct sst_av first:
 *
 *   row     := version (1 byte, SST_EMU_ITEM_FORMAT)
 *              size    (varint: the item's DynamoDB size, as
 *                       sst_av_item_size counts it, kept so that counters
 *                       and capacity never decode the item)
 *              count   (varint) attr*
 *   attr    := name_len (varint) name value
 *   value   := tag payload
 *     S, B              len (varint) bytes      (B raw, not base64)
 *     N                 len (1 byte) canonical text ("1.5", "-0.01")
 *     BOOL false/true   nothing (two tags)
 *     NULL              nothing
 *     M                 count (varint) (name_len name value)*
 *     L                 count (varint) value*
 *     SS, BS            count (varint) (len bytes)*
 *     NS                count (varint) (len text)*
 *
 * Varints are unsigned LEB128. Numbers are stored in their canonical text
 * (sst_num_to_str), which is what the JSON answer needs; the key encoding
 * of numbers (num.h) is only used in keys. Attributes keep the order in
 * which they were written.
 *
 * A row may also carry the item's DynamoDB JSON text, for a server that
 * answers reads with it instead of building json-c objects and printing
 * them (sst_emu_item_add_text):
 *
 *   row     := version 2 (SST_EMU_ITEM_FORMAT_TEXT)
 *              text_len (varint) text      (json-c's printing of
 *                                           sst_emu_item_to_json)
 *              crc                         (4 bytes, big-endian: the
 *                                           text's CRC-32)
 *              crc_op                      (4 bytes, big-endian: zlib's
 *                                           crc32_combine_gen(text_len))
 *              size count attr*            (as in version 1)
 *
 * sst_emu_item_add_text writes version 3, which is version 2 with one
 * more value tag in the attributes:
 *
 *     SREF              off (varint) len (varint): an S value whose
 *                       bytes are text[off, off + len)
 *
 * An S value of 16 bytes or more that needs no escaping in JSON appears
 * in the text as it is; the binary part points at it instead of holding
 * a second copy. A 1 KB string attribute is then stored once, and a row
 * of a 1 KB item (about 1.1 KB instead of 2.2 KB) fits on an LMDB leaf
 * page rather than taking an overflow page of its own (nodes over 2,038
 * bytes do, on 4 KB pages).
 *
 * Every reader below skips the text (following SREF values into it), so
 * the three versions read alike. Version 2 rows, written before version
 * 3, stay readable.
 *
 * Decoding checks every length against the row, so a damaged row is an
 * SST_E_STORAGE error, never a crash. This file has no LMDB dependency.
 */
#ifndef SST_EMU_STORE_ITEM_H
#define SST_EMU_STORE_ITEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <json-c/json.h>

#include <sst/defs.h>
#include <sst/err.h>

#include "emu/expr/av.h"

#define SST_EMU_ITEM_FORMAT 1
#define SST_EMU_ITEM_FORMAT_TEXT 2
#define SST_EMU_ITEM_FORMAT_TEXT_REF 3

/* How json-c prints an item's stored text; sst-emu prints its answers the
 * same way. */
#define SST_EMU_TEXT_FLAGS                                                     \
    (JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE)

/** A growable byte buffer (heap). Initialise with {0}; free with
 *  sst_emu_buf_cleanup(). */
struct sst_emu_buf {
    uint8_t *data;
    size_t len;
    size_t cap;
};

/** Free what the buffer holds; it may be used again afterwards. */
void sst_emu_buf_cleanup(struct sst_emu_buf *b);

/**
 * Encode attributes as a row into b (replacing its contents).
 *
 * @param[in]  attrs  the attributes to store, in order; borrowed. Names
 *                    must be distinct (the caller's items are).
 * @param[in]  n      how many
 * @param[out] b      receives the row
 * @return SST_OK; SST_E_NOMEM.
 */
SST_MUST_CHECK enum sst_code
sst_emu_item_encode(const struct sst_av_entry *const *attrs, size_t n,
                    struct sst_emu_buf *b, struct sst_err *err);

/** As sst_emu_item_encode, for every attribute of an item (a SST_AV_M). */
SST_MUST_CHECK enum sst_code sst_emu_item_encode_av(const struct sst_av *item,
                                                    struct sst_emu_buf *b,
                                                    struct sst_err *err);

/**
 * The DynamoDB size recorded in a row's header.
 *
 * @return SST_OK; SST_E_STORAGE when the header is damaged.
 */
SST_MUST_CHECK enum sst_code sst_emu_item_size(const void *row, size_t len,
                                               uint64_t *size,
                                               struct sst_err *err);

/**
 * A row as a DynamoDB item in JSON: an object of attribute name ->
 * AttributeValue, numbers in canonical form, binaries in base64.
 *
 * @param[in]  only    when not NULL, keep only the attributes named here
 *                     (AttributesToGet); only_n names, borrowed
 * @param[out] out     on SST_OK a new object (json_object_put)
 * @return SST_OK; SST_E_NOMEM; SST_E_STORAGE (a damaged row).
 */
SST_MUST_CHECK enum sst_code
sst_emu_item_to_json(const void *row, size_t len, const char *const *only,
                     size_t only_n, struct json_object **out,
                     struct sst_err *err);

/**
 * Add a row's attributes to an existing JSON object (those not in it
 * yet), for an index entry completed from its table row.
 *
 * @return as sst_emu_item_to_json.
 */
SST_MUST_CHECK enum sst_code
sst_emu_item_merge_json(const void *row, size_t len, const char *const *only,
                        size_t only_n, struct json_object *into,
                        struct sst_err *err);

/**
 * A row as an attribute-value tree (a SST_AV_M value, attributes in
 * stored order), for the operations that compute with the item.
 *
 * @param[out] out  on SST_OK a new value (sst_av_free)
 * @return SST_OK; SST_E_NOMEM; SST_E_STORAGE (a damaged row).
 */
SST_MUST_CHECK enum sst_code sst_emu_item_to_av(const void *row, size_t len,
                                                struct sst_av **out,
                                                struct sst_err *err);

/**
 * One top-level attribute of a row as a value, without decoding the rest
 * of the row (a Query's sort-key check on every row it walks).
 *
 * @param[in]  name  the attribute's name; name_len bytes
 * @param[out] out   on SST_OK a new value (sst_av_free), or NULL when the
 *                   row has no attribute of that name
 * @return SST_OK; SST_E_NOMEM; SST_E_STORAGE (a damaged row).
 */
SST_MUST_CHECK enum sst_code sst_emu_item_attr_to_av(const void *row,
                                                     size_t len,
                                                     const char *name,
                                                     size_t name_len,
                                                     struct sst_av **out,
                                                     struct sst_err *err);

/**
 * The canonical text of a top-level attribute of type N (the TTL
 * sweeper's question), without decoding the rest of the row.
 *
 * @param[in]  name   the attribute's name; len bytes
 * @param[out] text   SST_NUM_STR_MAX bytes; NUL-terminated on a hit
 * @param[out] found  whether the row has an N attribute of that name
 * @return SST_OK; SST_E_STORAGE (a damaged row).
 */
SST_MUST_CHECK enum sst_code sst_emu_item_number(const void *row, size_t len,
                                                 const char *name,
                                                 size_t name_len, char *text,
                                                 bool *found,
                                                 struct sst_err *err);

/**
 * Give a version 1 row its text: b becomes the version 3 row of the same
 * item (a row that has its text is left as it is).
 *
 * @param[in,out] b  a row from sst_emu_item_encode*
 * @return SST_OK; SST_E_NOMEM (b unchanged); SST_E_STORAGE (b is not a
 *         row).
 */
SST_MUST_CHECK enum sst_code sst_emu_item_add_text(struct sst_emu_buf *b,
                                                   struct sst_err *err);

/**
 * The stored text of a version 2 or 3 row.
 *
 * @param[out] text      borrowed from row; text_len bytes, not
 *                       NUL-terminated
 * @param[out] crc       the text's CRC-32 (zlib's crc32)
 * @param[out] crc_op    zlib's crc32_combine_gen(text_len), for
 *                       crc32_combine_op
 * @return true when the row has a text; false for a version 1 row (or a
 *         damaged header, which the other readers report).
 */
bool sst_emu_item_text(const void *row, size_t len, const char **text,
                       size_t *text_len, uint32_t *crc, uint32_t *crc_op);

/**
 * Whether a row's stored text (if it has one) is exactly the printing of
 * its attributes, with the right CRC (sst_emu_verify's check).
 *
 * @param[out] ok  false when the text disagrees; true for a row without
 * @return SST_OK; SST_E_NOMEM; SST_E_STORAGE (a damaged row).
 */
SST_MUST_CHECK enum sst_code sst_emu_item_text_ok(const void *row, size_t len,
                                                  bool *ok,
                                                  struct sst_err *err);

/** Where a text node's text landed in a printed answer (see below). */
struct sst_emu_text_span {
    size_t off, len; /* bytes of the printed answer      */
    uint32_t crc;    /* CRC-32 of those bytes             */
    uint32_t op;     /* crc32_combine_gen(len)            */
    /* NULL, or an external span: its len bytes are here and were left out
     * of the printing; they belong between its first off bytes and the
     * rest. Owned by the list node that printed it, and so are the
     * before bytes in front of them and the after bytes behind them,
     * free for the sender to write into (to put an answer of one list
     * together in place). */
    uint8_t *ext;
    size_t before, after;
};

/* Text lists shorter than this are best copied into the printing: the
 * ext_min a sender of pieces sets. */
#define SST_EMU_TEXT_EXTERNAL_MIN 4096

/**
 * A caller-owned record of the text nodes printed into one answer, so
 * that the answer's CRC-32 (DynamoDB's x-amz-crc32) is computed from the
 * stored texts' CRCs instead of over every byte again. Set v and cap,
 * and ext_max and ext_min; the functions below fill n, overflow and
 * ext_n.
 *
 * With ext_max > 0, up to ext_max text lists (sst_emu_text_list_node) of
 * ext_min bytes or more are not copied into the printing but logged as
 * external spans: the answer is then the printing
 * with each external span's bytes put back at its offset, in order
 * (sst_emu_text_log_pieces), for a sender that writes several buffers
 * at once, without copying the lists. Such a log needs exactly one
 * printing of the answer between begin and end, and the answer's nodes
 * must outlive the use of the pieces.
 */
struct sst_emu_text_log {
    struct sst_emu_text_span *v;
    size_t n, cap;
    bool overflow; /* more spans than cap, or out of order: the CRCs of
                      the spans copied into the printing are not used */
    size_t ext_max; /* external spans allowed; 0: every text is copied */
    size_t ext_min; /* the shortest list left out                     */
    size_t ext_n;   /* external spans logged                          */
};

/**
 * Record, on this thread, the spans of the text nodes printed from now
 * until sst_emu_text_log_end() into log (emptied first). Print one
 * answer, with json-c, from its start, in between.
 */
void sst_emu_text_log_begin(struct sst_emu_text_log *log);

/** Stop recording on this thread. */
void sst_emu_text_log_end(void);

/**
 * The CRC-32 of the answer: body (what was printed while log recorded)
 * with the external spans put back, from the spans' CRCs and the bytes
 * between them.
 */
uint32_t sst_emu_text_log_crc(const struct sst_emu_text_log *log,
                              const char *body, size_t len);

/** One buffer of an answer sent in pieces. */
struct sst_emu_piece {
    const void *base;
    size_t len;
};

/**
 * The answer in order as pieces of body (the printing) and of the
 * external spans: 2 * log->ext_n + 1 of them at most, written to out
 * (cap of them, enough for that), none empty. Borrowed: valid as long as
 * body and the answer's nodes are.
 *
 * @return the number of pieces written; the answer's length is the sum.
 */
size_t sst_emu_text_log_pieces(const struct sst_emu_text_log *log,
                               const char *body, size_t len,
                               struct sst_emu_piece *out, size_t cap);

/**
 * A row's stored text as a json-c node for an answer that is only
 * printed: a string node whose serializer writes the text as it is, so
 * json_object_to_json_string() of the answer holding it gives the same
 * JSON as the item's json-c object would. It is not an object: nothing
 * may look inside it.
 *
 * @param[out] out  on SST_OK a new node (json_object_put), or NULL when
 *                  the row has no text
 * @return SST_OK; SST_E_NOMEM.
 */
SST_MUST_CHECK enum sst_code sst_emu_item_text_json(const void *row,
                                                    size_t len,
                                                    struct json_object **out,
                                                    struct sst_err *err);

/**
 * Items gathered into one JSON array for an answer that is only printed
 * (sst_emu_call_text): "[" item "," item ... "]" in one buffer, each item
 * copied from its row's stored text (or printed, for a row without one),
 * with the CRC-32 of the whole joined from the texts' stored CRCs. The
 * list becomes one node (sst_emu_text_list_node) that prints the buffer:
 * a page of 100 items is then one copy, not 100 json-c strings. Set up
 * with sst_emu_text_list_init(); release with sst_emu_text_list_cleanup().
 */
struct sst_emu_text_list {
    /* From start on: "[" and the items so far, or nothing. The start
     * bytes before are room for a sender to write the rest of an answer
     * in front of the list (sst_emu_text_span.before). */
    struct sst_emu_buf text;
    size_t start;
    uint32_t crc; /* CRC-32 of the list                      */
    size_t texts; /* items copied from a stored text         */
};

void sst_emu_text_list_init(struct sst_emu_text_list *l);

/** Free what l holds and make it empty again. */
void sst_emu_text_list_cleanup(struct sst_emu_text_list *l);

/**
 * Append the item of a stored row: its stored text, or its printing when
 * the row keeps none.
 *
 * @return SST_OK; SST_E_NOMEM; SST_E_STORAGE (a damaged row). On an error
 *         l is unchanged or holds a partial item: clean it up.
 */
SST_MUST_CHECK enum sst_code
sst_emu_text_list_add_row(struct sst_emu_text_list *l, const void *row,
                          size_t len, struct sst_err *err);

/**
 * Append the printing of item (borrowed; any json-c value, text nodes
 * included).
 *
 * @return SST_OK; SST_E_NOMEM.
 */
SST_MUST_CHECK enum sst_code
sst_emu_text_list_add_json(struct sst_emu_text_list *l,
                           struct json_object *item, struct sst_err *err);

/**
 * The list as one node for an answer that is only printed: it prints the
 * array (logging one span, see sst_emu_text_log_begin) and nothing may
 * look inside it. l's buffer moves into the node and l is left empty.
 *
 * @param[out] out  on SST_OK a new node (json_object_put)
 * @return SST_OK; SST_E_NOMEM (l then still holds its items).
 */
SST_MUST_CHECK enum sst_code
sst_emu_text_list_node(struct sst_emu_text_list *l, struct json_object **out,
                       struct sst_err *err);

/**
 * How many stored texts node prints: 1 for a text node
 * (sst_emu_item_text_json), the items copied from their texts for a list
 * node, 0 for any other value (tests and checks look at this).
 */
size_t sst_emu_text_count(struct json_object *node);

#endif /* SST_EMU_STORE_ITEM_H */
