/*
 * emu/ops/tags.c - TagResource, UntagResource and ListTagsOfResource, and
 * the Tags of CreateTable (tags.h).
 *
 * DynamoDB Local refuses the three operations ("Tagging is not currently
 * supported in DynamoDB Local."), so the emulator follows AWS: its
 * documentation (at most 50 tags a table; keys of 1 to 128 characters and
 * values of 0 to 256, of letters, numbers, spaces and + - = . _ : / @; no
 * key beginning "aws:", in any case) and the messages AWS answers
 * (docs/emulator.md, "Tags"). A resource is a table, named by the ARN
 * DescribeTable shows. Its tags live in its catalog record (table.h), so
 * DeleteTable drops them with it. A change is whole or not at all, and
 * visible at once (AWS shows it within seconds, and refuses a second
 * change to the table meanwhile).
 *
 * Checks, in order: the members AWS requires (ResourceArn, of 1 to 1283
 * characters, and the list), reported together as AWS's validator does;
 * the ARN's form; an empty list; each tag (key, then value), then the
 * list's length, then repeated keys; the table; the 50-tag limit on the
 * merged set.
 */
#include <locale.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>
#include <wctype.h>

#include <json-c/json.h>

#include <sst/mem.h>

#include "emu/expr/lex.h"
#include "emu/ops/common.h"
#include "emu/ops/ops.h"
#include "emu/ops/tags.h"
#include "emu/store/catalog.h"

#define KEY_MAX 128 /* UTF-16 code units, as Java counts */
#define VALUE_MAX 256
#define ARN_MAX 1283

#define MSG_PARAMS "One or more parameter values were invalid: "
#define MSG_ARN_PREFIX MSG_PARAMS "ARNs must start with 'arn:': %s"
#define MSG_ARN_NOT_DDB                                                        \
    MSG_PARAMS "Provided Arn is not a DynamoDB resource arn: %s"
#define MSG_ARN_NOT_TABLE                                                      \
    MSG_PARAMS "Invalid resource arn provided, only table or stream is "       \
               "accepted. Provided resource arn: %s"
#define MSG_ARN_STREAM                                                         \
    MSG_PARAMS "The emulator tags tables only, not streams. Provided "         \
               "resource arn: %s"
#define MSG_ARN_ELSEWHERE                                                      \
    "Invalid TableArn: Invalid ResourceArn provided as input %s"
#define MSG_NOT_FOUND "Requested resource not found: ResourceArn: %s not found"
#define MSG_KEY "The Tag Key provided is invalid, Key: %s"
#define MSG_VALUE "The Tag Value provided is invalid, Value: %s"
#define MSG_AWS_KEY "Tag Key cannot be prefixed with aws:, Key: %s"
#define MSG_DUPLICATE                                                          \
    "Duplicate Tag Keys provided as input: Duplicate Tag Key found %s"
#define MSG_TOO_MANY                                                           \
    "Number of Tags exceed the current limit for the provided ResourceArn"
#define MSG_NO_TAGS "Atleast one Tag needs to be provided as Input."
#define MSG_NO_KEYS "Atleast one Tag Key needs to be provided as Input."

#define S(n)                                                                   \
    {                                                                          \
        n, SST_EMU_SHAPE_STRING, NULL                                          \
    }
#define END                                                                    \
    {                                                                          \
        NULL, SST_EMU_SHAPE_STRING, NULL                                       \
    }

static const struct sst_emu_shape tag[] = {S("Key"), S("Value"), END};
static const struct sst_emu_shape tag_elem = {"", SST_EMU_SHAPE_STRUCT, tag};
static const struct sst_emu_shape key_elem = S("");
static const struct sst_emu_shape tag_request[] = {
    S("ResourceArn"), {"Tags", SST_EMU_SHAPE_LIST, &tag_elem}, END};
static const struct sst_emu_shape untag_request[] = {
    S("ResourceArn"), {"TagKeys", SST_EMU_SHAPE_LIST, &key_elem}, END};
static const struct sst_emu_shape list_request[] = {S("ResourceArn"),
                                                    S("NextToken"), END};

/* ------------------------------------------------------------------ */
/* characters                                                          */

static locale_t utf8_locale;
static pthread_once_t utf8_once = PTHREAD_ONCE_INIT;

static void
utf8_open(void)
{
    utf8_locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
}

/* Unicode's separators (\p{Z}): glibc counts the no-break spaces as
 * punctuation, AWS as spaces. */
static bool
separator(wint_t c)
{
    return c == 0x20 || c == 0xA0 || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 ||
           c == 0x202F || c == 0x205F || c == 0x3000;
}

/* A character AWS allows in a tag: [\p{L}\p{Z}\p{N}_.:/=+\-@], letters
 * and numbers as glibc's C.UTF-8 classifies them (thread in that
 * locale). */
static bool
tag_char(wint_t c)
{
    if (c < 0x80)
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
               (c >= 'A' && c <= 'Z') || (c != 0 && strchr(" _.:/=+-@", c));
    return separator(c) || iswalnum(c);
}

/* Whether the n bytes at s are well-formed UTF-8 of allowed characters,
 * min to max UTF-16 code units long. Without the C.UTF-8 locale, only
 * ASCII passes. */
static bool
tag_text_ok(const char *s, size_t n, size_t min, size_t max)
{
    locale_t old = (locale_t)0;
    mbstate_t st;
    size_t i = 0, k, units = sst_emu_utf16_length(s, n);
    wchar_t wc;
    bool ok = units >= min && units <= max;

    pthread_once(&utf8_once, utf8_open);
    if (ok && utf8_locale != (locale_t)0)
        old = uselocale(utf8_locale);
    memset(&st, 0, sizeof st);
    while (ok && i < n) {
        if ((unsigned char)s[i] < 0x80) {
            ok = tag_char((wint_t)s[i]);
            i++;
            continue;
        }
        k = old != (locale_t)0 ? mbrtowc(&wc, s + i, n - i, &st) : (size_t)-1;
        ok = k != (size_t)-1 && k != (size_t)-2 && k != 0 &&
             tag_char((wint_t)wc);
        i += ok ? k : 0;
    }
    if (old != (locale_t)0)
        uselocale(old);
    return ok;
}

/* ------------------------------------------------------------------ */
/* the request                                                         */

/* The members AWS's validator requires, every fault in one message:
 * ResourceArn, 1 to 1283 characters, and the list member (its field
 * name as the validator writes it); list NULL for none. */
static enum sst_code
check_members(const struct json_object *req, const char *list,
              const char *field, struct sst_err *err)
{
    const char *arn = sst_emu_get_string(req, "ResourceArn");
    char faults[2][SST_ERR_MESSAGE_MAX];
    const char *const all[2] = {faults[0], faults[1]};
    size_t n = 0, units;

    if (arn == NULL)
        snprintf(faults[n++], sizeof faults[0],
                 "Value null at 'resourceArn' failed to satisfy constraint: "
                 "Member must not be null");
    else if ((units = sst_emu_utf16_length(arn, strlen(arn))) < 1 ||
             units > ARN_MAX)
        snprintf(faults[n++], sizeof faults[0],
                 "Value '%s' at 'resourceArn' failed to satisfy constraint: "
                 "Member must have length %s",
                 arn, units ? "less than or equal to 1283"
                            : "greater than or equal to 1");
    if (list != NULL && sst_emu_get(req, list) == NULL)
        snprintf(faults[n++], sizeof faults[0],
                 "Value null at '%s' failed to satisfy constraint: Member "
                 "must not be null",
                 field);
    return n ? sst_emu_validation_faults(all, n, err) : SST_OK;
}

static bool
field_is(const char *s, size_t n, const char *want)
{
    return n == strlen(want) && memcmp(s, want, n) == 0;
}

/*
 * The table an ARN names: arn:PARTITION:dynamodb:REGION:ACCOUNT:table/NAME,
 * with DynamoDB Local's partition, region and account (SST_EMU_ARN_PREFIX).
 * name gets NAME (a valid table name, else the table is not found).
 */
static enum sst_code
arn_table(const char *arn, char name[256], struct sst_err *err)
{
    const char *f[4], *p = arn, *res, *slash;
    size_t len[4], i;

    if (strncmp(arn, "arn:", 4) != 0)
        return sst_err_set(err, SST_E_VALIDATION, MSG_ARN_PREFIX, arn);
    p = arn + 4;
    for (i = 0; i < 4; i++) { /* partition, service, region, account */
        const char *colon = strchr(p, ':');

        if (colon == NULL)
            return sst_err_set(err, SST_E_VALIDATION, MSG_ARN_NOT_DDB, arn);
        f[i] = p;
        len[i] = (size_t)(colon - p);
        p = colon + 1;
    }
    res = p;
    if (!field_is(f[1], len[1], "dynamodb") || strncmp(res, "table/", 6) != 0 ||
        res[6] == '\0' || res[6] == '/')
        return sst_err_set(err, SST_E_VALIDATION, MSG_ARN_NOT_DDB, arn);
    slash = strchr(res + 6, '/');
    if (slash != NULL && strncmp(slash, "/index/", 7) == 0)
        return sst_err_set(err, SST_E_VALIDATION, MSG_ARN_NOT_TABLE, arn);
    if (slash != NULL && strncmp(slash, "/stream/", 8) == 0)
        return sst_err_set(err, SST_E_VALIDATION, MSG_ARN_STREAM, arn);
    if (slash != NULL)
        return sst_err_set(err, SST_E_VALIDATION, MSG_ARN_NOT_DDB, arn);
    if (!field_is(f[0], len[0], "aws") || !field_is(f[2], len[2], "ddblocal") ||
        !field_is(f[3], len[3], "000000000000"))
        return sst_err_set(err, SST_E_VALIDATION, MSG_ARN_ELSEWHERE, arn);
    if (!sst_emu_valid_table_name(res + 6))
        return sst_err_set(err, SST_E_NOT_FOUND, MSG_NOT_FOUND, arn);
    snprintf(name, 256, "%s", res + 6);
    return SST_OK;
}

/* A key's checks (TagResource, UntagResource, CreateTable): its length
 * and characters, then the reserved prefix. NULL is an invalid key. */
static enum sst_code
check_key(const struct json_object *k, struct sst_err *err)
{
    const char *s = k ? json_object_get_string((struct json_object *)k) : NULL;
    size_t n = k ? (size_t)json_object_get_string_len(k) : 0;

    if (s == NULL || !tag_text_ok(s, n, 1, KEY_MAX))
        return sst_err_set(err, SST_E_VALIDATION, MSG_KEY, s ? s : "null");
    if (strncasecmp(s, "aws:", 4) == 0)
        return sst_err_set(err, SST_E_VALIDATION, MSG_AWS_KEY, s);
    return SST_OK;
}

static struct json_object *
member(const struct json_object *o, const char *key)
{
    return json_object_is_type(o, json_type_object) ? sst_emu_get(o, key)
                                                    : NULL;
}

/* Every tag of a Tags list, then its length, then repeated keys. */
static enum sst_code
check_tags(const struct json_object *tags, struct sst_err *err)
{
    size_t n = json_object_array_length(tags), i, j;
    struct json_object *e, *v;
    enum sst_code rc;

    for (i = 0; i < n; i++) {
        e = json_object_array_get_idx(tags, i);
        rc = check_key(member(e, "Key"), err);
        if (rc != SST_OK)
            return rc;
        v = member(e, "Value");
        if (v == NULL ||
            !tag_text_ok(json_object_get_string(v),
                         (size_t)json_object_get_string_len(v), 0, VALUE_MAX))
            return sst_err_set(err, SST_E_VALIDATION, MSG_VALUE,
                               v ? json_object_get_string(v) : "null");
    }
    if (n > SST_EMU_TAGS_MAX)
        return sst_err_set(err, SST_E_VALIDATION, MSG_TOO_MANY);
    for (i = 1; i < n; i++) {
        const char *k =
            sst_emu_get_string(json_object_array_get_idx(tags, i), "Key");

        for (j = 0; j < i; j++)
            if (strcmp(k, sst_emu_get_string(json_object_array_get_idx(tags, j),
                                             "Key")) == 0)
                return sst_err_set(err, SST_E_VALIDATION, MSG_DUPLICATE, k);
    }
    return SST_OK;
}

/* ------------------------------------------------------------------ */
/* the table's tags                                                    */

static size_t
find_tag(const struct sst_emu_table *t, const char *key)
{
    size_t i;

    for (i = 0; i < t->tag_count; i++)
        if (strcmp(t->tags[i].key, key) == 0)
            return i;
    return i;
}

/* Set each tag of a checked list on t: a new key goes last, a known one
 * takes the new value. *changed when t differs after. */
static enum sst_code
merge(struct sst_emu_table *t, const struct json_object *tags, bool *changed,
      struct sst_err *err)
{
    size_t n = json_object_array_length(tags), i, at;
    struct sst_emu_tag *grown;

    grown = sst_realloc(t->tags, (t->tag_count + n) * sizeof *grown);
    if (grown == NULL)
        return sst_emu_nomem(err);
    t->tags = grown;
    for (i = 0; i < n; i++) {
        const struct json_object *e = json_object_array_get_idx(tags, i);
        const char *k = sst_emu_get_string(e, "Key");
        const char *v = sst_emu_get_string(e, "Value");
        char *copy = sst_strdup(v);

        if (copy == NULL)
            return sst_emu_nomem(err);
        at = find_tag(t, k);
        if (at < t->tag_count && strcmp(t->tags[at].value, v) == 0) {
            sst_free(copy);
            continue;
        }
        if (at == t->tag_count) {
            t->tags[at].key = sst_strdup(k);
            if (t->tags[at].key == NULL) {
                sst_free(copy);
                return sst_emu_nomem(err);
            }
            t->tags[at].value = NULL;
            t->tag_count++;
        }
        sst_free(t->tags[at].value);
        t->tags[at].value = copy;
        *changed = true;
    }
    if (t->tag_count > SST_EMU_TAGS_MAX)
        return sst_err_set(err, SST_E_VALIDATION, MSG_TOO_MANY);
    return SST_OK;
}

enum sst_code
sst_emu_tags_create(const struct json_object *tags, struct sst_emu_table *t,
                    struct sst_err *err)
{
    bool changed = false;
    enum sst_code rc;

    if (tags == NULL || json_object_array_length(tags) == 0)
        return SST_OK;
    rc = check_tags(tags, err);
    return rc == SST_OK ? merge(t, tags, &changed, err) : rc;
}

/* The table an ARN names, loaded to change in a new write transaction. */
static enum sst_code
load_table(struct sst_emu *emu, const char *arn, const char *name,
           struct sst_emu_txn **txn, struct sst_emu_table **t,
           struct sst_err *err)
{
    enum sst_code rc = sst_emu_txn_begin(sst_emu_store_of(emu), true, txn, err);

    if (rc != SST_OK)
        return rc;
    sst_emu_txn_set_now(*txn, sst_emu_now(emu));
    rc = sst_emu_catalog_load(*txn, name, t, err);
    if (rc == SST_OK && *t == NULL)
        rc = sst_err_set(err, SST_E_NOT_FOUND, MSG_NOT_FOUND, arn);
    return rc;
}

/* Store t when changed, commit, and answer {}. */
static enum sst_code
store(struct sst_emu_txn **txn, struct sst_emu_table *t, bool changed,
      struct json_object **resp, struct sst_err *err)
{
    enum sst_code rc = changed ? sst_emu_catalog_update(*txn, t, err) : SST_OK;

    if (rc == SST_OK) {
        rc = sst_emu_txn_commit(*txn, err);
        *txn = NULL;
    }
    if (rc == SST_OK && (*resp = json_object_new_object()) == NULL)
        rc = sst_emu_nomem(err);
    return rc;
}

/* ------------------------------------------------------------------ */
/* operations                                                          */

/* What every operation checks first: the shape, the members, the ARN's
 * form. list and field name the list member (NULL for none). */
static enum sst_code
begin(const struct json_object *req, const struct sst_emu_shape *shape,
      const char *list, const char *field, const char **arn, char name[256],
      struct sst_err *err)
{
    enum sst_code rc = sst_emu_check_shape(req, shape, err);

    if (rc == SST_OK)
        rc = check_members(req, list, field, err);
    if (rc != SST_OK)
        return rc;
    *arn = sst_emu_get_string(req, "ResourceArn");
    return arn_table(*arn, name, err);
}

/* UntagResource's keys: some, each a valid key, at most 50. */
static enum sst_code
check_keys(const struct json_object *keys, struct sst_err *err)
{
    size_t n = json_object_array_length(keys), i;
    enum sst_code rc = SST_OK;

    if (n == 0)
        return sst_err_set(err, SST_E_VALIDATION, MSG_NO_KEYS);
    for (i = 0; rc == SST_OK && i < n; i++)
        rc = check_key(json_object_array_get_idx(keys, i), err);
    if (rc == SST_OK && n > SST_EMU_TAGS_MAX)
        rc = sst_err_set(err, SST_E_VALIDATION, MSG_TOO_MANY);
    return rc;
}

/* Remove each of the checked keys t has. */
static void
remove_keys(struct sst_emu_table *t, const struct json_object *keys,
            bool *changed)
{
    size_t n = json_object_array_length(keys), i, at;

    for (i = 0; i < n; i++) {
        at = find_tag(
            t, json_object_get_string(json_object_array_get_idx(keys, i)));
        if (at == t->tag_count)
            continue;
        sst_free(t->tags[at].key);
        sst_free(t->tags[at].value);
        memmove(&t->tags[at], &t->tags[at + 1],
                (t->tag_count - at - 1) * sizeof *t->tags);
        t->tag_count--;
        *changed = true;
    }
}

/* TagResource (add) or UntagResource: the checks, then the change in one
 * write transaction, stored only when it changes something. */
static enum sst_code
change(struct sst_emu *emu, const struct json_object *req, bool add,
       struct json_object **resp, struct sst_err *err)
{
    struct sst_emu_table *t = NULL;
    struct sst_emu_txn *txn = NULL;
    const struct json_object *items;
    const char *arn = NULL;
    char name[256];
    bool changed = false;
    enum sst_code rc;

    *resp = NULL;
    rc = begin(req, add ? tag_request : untag_request,
               add ? "Tags" : "TagKeys", add ? "tags" : "tagKeys", &arn, name,
               err);
    items = rc == SST_OK ? sst_emu_get(req, add ? "Tags" : "TagKeys") : NULL;
    if (rc == SST_OK && add && json_object_array_length(items) == 0)
        rc = sst_err_set(err, SST_E_VALIDATION, MSG_NO_TAGS);
    if (rc == SST_OK)
        rc = add ? check_tags(items, err) : check_keys(items, err);
    if (rc == SST_OK)
        rc = load_table(emu, arn, name, &txn, &t, err);
    if (rc == SST_OK && add)
        rc = merge(t, items, &changed, err);
    else if (rc == SST_OK)
        remove_keys(t, items, &changed);
    if (rc == SST_OK)
        rc = store(&txn, t, changed, resp, err);
    sst_emu_txn_abort(txn);
    sst_emu_table_free(t);
    return rc;
}

enum sst_code
sst_emu_op_tag_resource(struct sst_emu *emu, const struct json_object *req,
                        struct json_object **resp, struct sst_err *err)
{
    return change(emu, req, true, resp, err);
}

enum sst_code
sst_emu_op_untag_resource(struct sst_emu *emu, const struct json_object *req,
                          struct json_object **resp, struct sst_err *err)
{
    return change(emu, req, false, resp, err);
}

enum sst_code
sst_emu_op_list_tags_of_resource(struct sst_emu *emu,
                                 const struct json_object *req,
                                 struct json_object **resp, struct sst_err *err)
{
    const struct sst_emu_table *t = NULL;
    struct sst_emu_txn *txn = NULL;
    struct sst_emu_json b = {false};
    struct json_object *out = NULL, *list, *e;
    const char *arn = NULL;
    char name[256];
    size_t i;
    enum sst_code rc;

    *resp = NULL;
    rc = begin(req, list_request, NULL, NULL, &arn, name, err);
    if (rc == SST_OK)
        rc = sst_emu_txn_begin(sst_emu_store_of(emu), false, &txn, err);
    if (rc == SST_OK)
        rc = sst_emu_catalog_get(txn, name, &t, err);
    if (rc == SST_OK && t == NULL)
        rc = sst_err_set(err, SST_E_NOT_FOUND, MSG_NOT_FOUND, arn);
    if (rc == SST_OK) {
        out = json_object_new_object();
        list = sst_emu_json_add(&b, out, "Tags", json_object_new_array());
        for (i = 0; i < t->tag_count; i++) {
            e = sst_emu_json_push(&b, list, json_object_new_object());
            sst_emu_json_add(&b, e, "Key",
                             json_object_new_string(t->tags[i].key));
            sst_emu_json_add(&b, e, "Value",
                             json_object_new_string(t->tags[i].value));
        }
        if (b.failed)
            rc = sst_emu_nomem(err);
    }
    if (rc == SST_OK)
        rc = sst_emu_txn_commit(txn, err);
    else
        sst_emu_txn_abort(txn);
    sst_emu_table_release(t);
    if (rc == SST_OK)
        *resp = out;
    else
        json_object_put(out);
    return rc;
}
