/*
 * emu/ops/legacy_update.c - UpdateItem's AttributeUpdates: DynamoDB's
 * checks of each entry, and its translation into the engine's update
 * tree (legacy.h has the table), built directly (legacy_tree.c) so that
 * no expression limit applies: DynamoDB takes any number of entries.
 *
 * DynamoDB checks the entries only once the request's condition held, one
 * at a time in request order, each against the stored item before the
 * next: a fault of a later entry is not reported when an earlier one
 * does not fit the stored attribute ("Type mismatch for attribute to
 * update"). The entries name distinct attributes, so each can be checked
 * against the item as stored, before the engine applies them all.
 */
#include <string.h>

#include <sst/mem.h>

#include "emu/ops/common.h"
#include "emu/ops/keys.h"
#include "emu/ops/legacy.h"
#include "emu/ops/legacy_int.h"
#include "emu/ops/request.h"

#define V SST_EMU_LEGACY_MSG_INVALID
#define MSG_ACTION "Member must satisfy enum value set: [ADD, DELETE, PUT]"
#define MSG_KEY                                                                \
    V "Cannot update attribute %s. This attribute is part of the key"
#define MSG_NO_VALUE                                                           \
    V "Only DELETE action is allowed when no attribute value is specified"
#define MSG_ADD_TYPE V "ADD action is not supported for the type %s"
#define MSG_DELETE_TYPE                                                        \
    V "DELETE action with value is not supported for the type %s"
#define MSG_MISMATCH "Type mismatch for attribute to update"
#define MSG_ENTRY_KIND "Unexpected field type"

enum action { ACT_PUT, ACT_ADD, ACT_DELETE };

struct upd {
    const char *name;
    enum action act;
    struct json_object *value; /* NULL: none */
    enum sst_av_type type;     /* the value's */
};

/* The type's name in DynamoDB's ADD and DELETE messages. */
static const char *
long_type_name(enum sst_av_type t)
{
    static const char *const names[SST_AV_TYPE_COUNT] = {
        [SST_AV_S] = "STRING",       [SST_AV_N] = "NUMBER",
        [SST_AV_B] = "BINARY",       [SST_AV_BOOL] = "BOOLEAN",
        [SST_AV_NULL] = "NULL",      [SST_AV_M] = "MAP",
        [SST_AV_L] = "LIST",         [SST_AV_SS] = "STRING_SET",
        [SST_AV_NS] = "NUMBER_SET",  [SST_AV_BS] = "BINARY_SET"};

    return (unsigned)t < SST_AV_TYPE_COUNT ? names[t] : "?";
}

static bool
is_set(enum sst_av_type t)
{
    return t == SST_AV_SS || t == SST_AV_NS || t == SST_AV_BS;
}

static bool
is_key(const struct sst_emu_key_name *keys, size_t nkeys, const char *name)
{
    size_t i, len = strlen(name);

    for (i = 0; i < nkeys; i++)
        if (keys[i].len == len && memcmp(keys[i].name, name, len) == 0)
            return true;
    return false;
}

/* One entry, without the stored item (keys NULL: not checked). */
static enum sst_code
check_entry(const char *name, const struct json_object *e,
            const struct sst_emu_key_name *keys, size_t nkeys, struct upd *u,
            struct sst_err *err)
{
    const char *act;
    struct sst_av *v = NULL;
    enum sst_code rc;

    memset(u, 0, sizeof *u);
    u->name = name;
    if (*name == '\0')
        return sst_err_set(err, SST_E_VALIDATION, SST_EMU_MSG_EMPTY_ATTR);
    if (!json_object_is_type(e, json_type_object))
        return sst_err_set(err, SST_E_SERIALIZATION, MSG_ENTRY_KIND);
    act = sst_emu_get_string(e, "Action");
    if (act == NULL || strcmp(act, "PUT") == 0)
        u->act = ACT_PUT; /* AWS: PUT is the default */
    else if (strcmp(act, "ADD") == 0)
        u->act = ACT_ADD;
    else if (strcmp(act, "DELETE") == 0)
        u->act = ACT_DELETE;
    else
        return sst_err_set(err, SST_E_VALIDATION, MSG_ACTION);
    if (keys != NULL && is_key(keys, nkeys, name))
        return sst_err_set(err, SST_E_VALIDATION, MSG_KEY, name);
    u->value = sst_emu_get(e, "Value");
    if (u->value == NULL)
        return u->act == ACT_DELETE
                   ? SST_OK
                   : sst_err_set(err, SST_E_VALIDATION, MSG_NO_VALUE);
    rc = sst_emu_legacy_decode(u->value, &v, err);
    if (rc != SST_OK)
        return rc;
    u->type = v->type;
    sst_av_free(v);
    if (u->act == ACT_ADD && u->type != SST_AV_N && u->type != SST_AV_L &&
        !is_set(u->type))
        return sst_err_set(err, SST_E_VALIDATION, MSG_ADD_TYPE,
                           long_type_name(u->type));
    if (u->act == ACT_DELETE && !is_set(u->type))
        return sst_err_set(err, SST_E_VALIDATION, MSG_DELETE_TYPE,
                           long_type_name(u->type));
    return SST_OK;
}

/* Whether the stored attribute (NULL: none) takes the entry's action. */
static bool
fits(const struct upd *u, const struct sst_av *cur)
{
    if (cur == NULL || u->value == NULL || u->act == ACT_PUT)
        return true;
    return cur->type == u->type;
}

enum sst_code
sst_emu_legacy_check_updates(const struct json_object *req,
                             const struct sst_emu_table *t,
                             const struct sst_emu_key_name *keys,
                             size_t nkeys, const struct sst_av *old,
                             struct sst_err *err)
{
    struct json_object *map = sst_emu_get(req, "AttributeUpdates");
    const struct sst_av *cur;
    enum sst_code rc = SST_OK;
    struct upd u;

    if (map == NULL || !json_object_is_type(map, json_type_object))
        return SST_OK;
    json_object_object_foreach(map, name, e)
    {
        rc = check_entry(name, e, keys, nkeys, &u, err);
        if (rc != SST_OK)
            return rc;
        cur = old != NULL ? sst_av_map_get(old, name, strlen(name)) : NULL;
        if (!fits(&u, cur))
            return sst_err_set(err, SST_E_VALIDATION, MSG_MISMATCH);
        if (u.value != NULL &&
            sst_emu_local_index_key_type_differs(t, name, u.type))
            return sst_err_set(err, SST_E_VALIDATION,
                               SST_EMU_MSG_LEGACY_INDEX_KEY_TYPE);
    }
    return SST_OK;
}

/* ------------------------------------------------------------------ */
/* translation                                                         */

/* The clause of an entry's action. The actions are built clause by
 * clause (SET, REMOVE, ADD, DELETE, as the parser leaves the actions of
 * one clause contiguous), each in request order. */
static enum sst_emu_expr_clause
clause_of(const struct upd *u)
{
    if (u->act == ACT_PUT || (u->act == ACT_ADD && u->type == SST_AV_L))
        return SST_EMU_CLAUSE_SET;
    if (u->act == ACT_ADD)
        return SST_EMU_CLAUSE_ADD;
    return u->value != NULL ? SST_EMU_CLAUSE_DELETE : SST_EMU_CLAUSE_REMOVE;
}

/* ADD of a list appends, to an empty list when there is none:
 * list_append(if_not_exists(n, []), v). */
static struct sst_emu_ast *
append_tree(struct sst_emu_legacy_tree *t, const struct upd *u,
            struct sst_err *err)
{
    struct json_object *empty, *list;
    struct sst_emu_ast *none;

    empty = json_object_new_object();
    list = json_object_new_array();
    if (empty == NULL || list == NULL ||
        json_object_object_add(empty, "L", list) != 0) {
        json_object_put(list);
        json_object_put(empty);
        (void)sst_emu_nomem(err);
        return NULL;
    }
    none = sst_emu_legacy_value_node(t, empty, err);
    json_object_put(empty);
    return sst_emu_legacy_op2(
        t, SST_EMU_EXPR_OP_LIST_APPEND,
        sst_emu_legacy_op2(t, SST_EMU_EXPR_OP_IF_NOT_EXISTS,
                           sst_emu_legacy_path_node(t, u->name), none),
        sst_emu_legacy_value_node(t, u->value, err));
}

/* One entry's action into act. */
static enum sst_code
build_action(struct sst_emu_legacy_tree *t, const struct upd *u,
             struct sst_emu_expr_action *act, struct sst_err *err)
{
    struct sst_err e = {0};

    act->clause = clause_of(u);
    if (!sst_emu_legacy_path(t, u->name, &act->path))
        return sst_emu_nomem(err);
    if (act->clause == SST_EMU_CLAUSE_REMOVE)
        return SST_OK;
    if (u->act == ACT_ADD && u->type == SST_AV_L)
        act->value = append_tree(t, u, &e);
    else
        act->value = sst_emu_legacy_value_node(t, u->value, &e);
    if (act->value != NULL)
        return SST_OK;
    return e.code != SST_OK ? sst_err_set(err, e.code, "%s", e.message)
                            : sst_emu_nomem(err);
}

enum sst_code
sst_emu_legacy_updates(struct sst_emu_legacy_maps *m, struct sst_emu_arena *a,
                       const struct json_object *map, struct sst_emu_ast **out,
                       struct sst_err *err)
{
    size_t n = (size_t)json_object_object_length(map), i = 0, k;
    struct sst_emu_legacy_tree t = {m, a};
    struct sst_emu_ast *root = NULL;
    struct sst_err ignored;
    enum sst_code rc = SST_OK;
    struct upd *us;
    uint32_t done = 0;
    bool ok = true;
    int c;

    *out = NULL;
    us = sst_calloc(n ? n : 1, sizeof *us);
    if (us == NULL)
        return sst_emu_nomem(err);
    json_object_object_foreach((struct json_object *)map, name, e)
    {
        /* faults are reported at their step (check_updates) */
        if (ok && check_entry(name, e, NULL, 0, &us[i++], &ignored) != SST_OK)
            ok = false;
    }
    if (!ok)
        goto out;
    root = sst_emu_arena_zalloc(a, sizeof *root);
    if (root == NULL ||
        (root->u.update.actions = sst_emu_arena_zalloc(
             a, (n ? n : 1) * sizeof *root->u.update.actions)) == NULL) {
        rc = sst_emu_nomem(err);
        goto out;
    }
    root->type = SST_EMU_AST_UPDATE;
    for (c = 0; c < SST_EMU_CLAUSE_COUNT && rc == SST_OK; c++)
        for (k = 0; k < n && rc == SST_OK; k++)
            if (clause_of(&us[k]) == (enum sst_emu_expr_clause)c)
                rc = build_action(&t, &us[k],
                                  &root->u.update.actions[done++], err);
    root->u.update.n = done;
    if (rc == SST_OK)
        *out = root;
out:
    sst_free(us);
    return rc;
}
