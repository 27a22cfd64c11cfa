/*
 * examples/tasks.c - sst-tasks, a small task tracker on libsst: what
 * `./dev demo` runs.
 *
 * Tasks are versioned resources (every change keeps the old version, at
 * most 5 of them) with a status index (gsi1) and a sparse assignee index
 * (gsi2: unassigned tasks are not in it). A board is a plain resource
 * with a counter and a set of labels. The program creates a board and a
 * dozen tasks, moves some along, pages through the status index, filters
 * on the server and on the client, lists by last update, shows a task's
 * history and restores an old version, loses an optimistic-concurrency
 * race on purpose, and prints the table's stats.
 *
 *     sst-tasks [URI]       URI defaults to emu::memory: (in-process)
 *     sst-tasks http://127.0.0.1:8000    DynamoDB Local or sst-emu
 *     sst-tasks dynamodb://eu-west-1     AWS (table sst_demo_tasks)
 *
 * The same code runs on every backend; only the URI changes. On an
 * existing table the program empties it first.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include <sst/sst.h>

#define TABLE "sst_demo_tasks"
#define PAGE_SIZE 3

/* ------------------------------------------------------------ types */

static const char *
member(const struct json_object *res, const char *name)
{
    struct json_object *v = NULL;

    if (!json_object_object_get_ex(res, name, &v) || v == NULL)
        return NULL;
    return json_object_get_string(v);
}

/* A static prefix and a field's value: "status#todo". NULL (no index
 * entry) when the field is null. */
static enum sst_code
prefixed(const struct json_object *res, const char *prefix,
         const char *field, char **out, struct sst_err *err)
{
    const char *v = member(res, field);
    size_t n;

    *out = NULL;
    if (v == NULL)
        return SST_OK;
    n = strlen(prefix) + strlen(v) + 1;
    *out = sst_malloc(n);
    if (*out == NULL)
        return sst_err_set(err, SST_E_NOMEM, "out of memory");
    snprintf(*out, n, "%s%s", prefix, v);
    return SST_OK;
}

static enum sst_code
status_key(const struct sst_type *t, const struct json_object *res, void *ud,
           char **out, struct sst_err *err)
{
    (void)t, (void)ud;
    return prefixed(res, "status#", "status", out, err);
}

static enum sst_code
assignee_key(const struct sst_type *t, const struct json_object *res,
             void *ud, char **out, struct sst_err *err)
{
    (void)t, (void)ud;
    return prefixed(res, "assignee#", "assignee", out, err);
}

static const struct sst_gsi_attr by_status[] = {
    {.attr = "gsi1pk", .fn = status_key}};
static const struct sst_gsi_attr by_assignee[] = {
    {.attr = "gsi2pk", .fn = assignee_key}};
static const struct sst_gsi task_gsis[] = {
    {"gsi1", by_status, 1},
    {"gsi2", by_assignee, 1},
};

static const struct sst_field task_fields[] = {
    {.name = "title", .kind = SST_FIELD_STRING},
    {.name = "status", .kind = SST_FIELD_STRING, .default_json = "\"todo\""},
    {.name = "priority", .kind = SST_FIELD_INT, .default_json = "2"},
    {.name = "assignee", .kind = SST_FIELD_STRING, .nullable = true,
     .default_json = "null"},
    {.name = "estimate", .kind = SST_FIELD_DECIMAL, .default_json = "\"1.0\""},
    {.name = "tags", .kind = SST_FIELD_STRING_SET, .default_json = "[]"},
};

/* Uncompressed, so that filter expressions can reach the fields. */
static const struct sst_type task_type = {
    .name = "Task",
    .versioned = true,
    .fields = task_fields,
    .nfields = sizeof task_fields / sizeof task_fields[0],
    .config = {.compress = SST_COMPRESS_NO, .max_versions = 5},
    .gsis = task_gsis,
    .ngsis = 2,
};

static const struct sst_field board_fields[] = {
    {.name = "name", .kind = SST_FIELD_STRING},
    {.name = "tasks_created", .kind = SST_FIELD_INT, .default_json = "0"},
    {.name = "labels", .kind = SST_FIELD_STRING_SET, .default_json = "[]"},
};

static const struct sst_type board_type = {
    .name = "Board",
    .fields = board_fields,
    .nfields = sizeof board_fields / sizeof board_fields[0],
};

/* ------------------------------------------------------------ helpers */

static int
fail(const char *what, enum sst_code rc, const struct sst_err *err)
{
    fprintf(stderr, "sst-tasks: %s: %s: %s\n", what, sst_code_name(rc),
            err->message);
    return 1;
}

static void
print_task(const char *indent, const struct json_object *task)
{
    const char *who = member(task, "assignee");

    printf("%s%-28s %-6s p%s  v%s  %s\n", indent, member(task, "title"),
           member(task, "status"), member(task, "priority"),
           member(task, "version"), who != NULL ? who : "-");
}

static void
print_page(const char *indent, const struct sst_page *page)
{
    size_t i;

    for (i = 0; i < page->count; i++)
        print_task(indent, page->items[i]);
}

/* Keep tasks of priority 3 or more (a client-side filter). */
static enum sst_code
urgent_only(const struct sst_type *t, const struct json_object *res,
            void *ud, bool *keep, struct sst_err *err)
{
    (void)t, (void)ud, (void)err;
    *keep = json_object_get_int64(json_object_object_get(
                (struct json_object *)(uintptr_t)res, "priority")) >= 3;
    return SST_OK;
}

static enum sst_code
count_page(const struct sst_page *page, void *ud, bool *stop,
           struct sst_err *err)
{
    int *pages = ud;

    (void)stop, (void)err;
    printf("    page %d:\n", ++*pages);
    print_page("      ", page);
    return SST_OK;
}

/* ------------------------------------------------------------ steps */

static const struct {
    const char *title;
    int priority;
    const char *assignee;
} seed[] = {
    {"Write the emulator", 3, "ana"},  {"Sign requests (SigV4)", 2, "ben"},
    {"Fuzz the parsers", 3, NULL},     {"Port the versioning", 2, "ana"},
    {"Paginate queries", 1, "chen"},   {"Crash-test LMDB", 3, NULL},
    {"Benchmark GetItem", 1, "ben"},   {"Document the API", 2, NULL},
    {"Record the corpus", 2, "chen"},  {"Serve the protocol", 3, "ana"},
    {"Count the stats", 1, NULL},      {"Ship 0.1", 3, "ben"},
};
#define NSEED (sizeof seed / sizeof seed[0])

static int
create_tasks(struct sst_memory *m, struct json_object *board,
             struct json_object **tasks)
{
    struct sst_err err;
    enum sst_code rc;
    size_t i;

    for (i = 0; i < NSEED; i++) {
        struct json_object *data = json_object_new_object();

        json_object_object_add(data, "title",
                               json_object_new_string(seed[i].title));
        json_object_object_add(data, "priority",
                               json_object_new_int(seed[i].priority));
        json_object_object_add(data, "assignee",
                               seed[i].assignee
                                   ? json_object_new_string(seed[i].assignee)
                                   : NULL);
        rc = sst_memory_create(m, &task_type, data, NULL, &tasks[i], &err);
        json_object_put(data);
        if (rc != SST_OK)
            return fail("create task", rc, &err);
        rc = sst_memory_increment(m, &board_type, board, "tasks_created", 1,
                                  NULL, &err);
        if (rc != SST_OK)
            return fail("count task", rc, &err);
    }
    printf("created %zu tasks\n", NSEED);
    return 0;
}

/* Move task i to status; tasks[i] becomes the new version. */
static int
move(struct sst_memory *m, struct json_object **tasks, size_t i,
     const char *status)
{
    struct json_object *upd = json_object_new_object();
    struct json_object *next = NULL;
    struct sst_err err;
    enum sst_code rc;

    json_object_object_add(upd, "status", json_object_new_string(status));
    rc = sst_memory_update(m, &task_type, tasks[i], upd, NULL, NULL, &next,
                           &err);
    json_object_put(upd);
    if (rc != SST_OK)
        return fail("update task", rc, &err);
    json_object_put(tasks[i]);
    tasks[i] = next;
    return 0;
}

static int
show_status(struct sst_memory *m, const char *status)
{
    struct sst_exprb *b = sst_exprb_new();
    struct sst_query q;
    struct sst_err err;
    char key[64];
    int pages = 0;
    enum sst_code rc;

    snprintf(key, sizeof key, "status#%s", status);
    sst_query_init(&q);
    q.type = &task_type;
    q.index_name = "gsi1";
    q.b = b;
    q.key_condition = sst_exprb_eq(b, sst_exprb_path(b, "gsi1pk"),
                                   sst_exprb_str(b, key));
    q.results_limit = PAGE_SIZE;
    q.ascending = true; /* gsi1 sorts by pk: creation order */
    printf("  %s, %d per page, oldest first:\n", status, PAGE_SIZE);
    rc = sst_memory_query_all(m, &q, count_page, &pages, &err);
    sst_exprb_free(b);
    return rc == SST_OK ? 0 : fail("query by status", rc, &err);
}

static int
show_filtered(struct sst_memory *m)
{
    struct sst_exprb *b = sst_exprb_new();
    struct sst_page *page = NULL;
    struct sst_query q;
    struct sst_err err;
    enum sst_code rc;

    sst_query_init(&q);
    q.type = &task_type;
    q.index_name = "gsi2";
    q.b = b;
    q.key_condition = sst_exprb_eq(b, sst_exprb_path(b, "gsi2pk"),
                                   sst_exprb_str(b, "assignee#ana"));
    /* "status" is a reserved word: the builder's placeholders make it
     * safe. */
    q.filter = sst_exprb_ne(b, sst_exprb_path(b, "status"),
                            sst_exprb_str(b, "done"));
    q.filter_fn = urgent_only;
    rc = sst_memory_query(m, &q, &page, &err);
    sst_exprb_free(b);
    if (rc != SST_OK)
        return fail("filtered query", rc, &err);
    printf("  ana's open urgent tasks (server filter status <> done, "
           "client filter priority >= 3): %zu in %d call(s)\n", page->count,
           page->api_calls);
    print_page("    ", page);
    sst_page_free(page);
    return 0;
}

static int
show_recent(struct sst_memory *m)
{
    struct sst_page *page = NULL;
    struct sst_query q;
    struct sst_err err;
    enum sst_code rc;

    sst_query_init(&q);
    q.results_limit = 4;
    rc = sst_memory_list_by_updated_at(m, &task_type, &q, &page, &err);
    if (rc != SST_OK)
        return fail("list by updated_at", rc, &err);
    printf("  the 4 most recently updated tasks%s:\n",
           page->next_pagination_key != NULL ? " (more pages follow)" : "");
    print_page("    ", page);
    sst_page_free(page);
    return 0;
}

static int
show_history(struct sst_memory *m, struct json_object **task)
{
    const char *id = member(*task, "resource_id");
    struct json_object *versions = NULL;
    struct json_object *restored = NULL;
    struct sst_err err;
    enum sst_code rc;
    size_t i;

    rc = sst_memory_get_all_versions(m, &task_type, id, &versions, &err);
    if (rc != SST_OK)
        return fail("all versions", rc, &err);
    printf("  history of \"%s\", newest first:\n", member(*task, "title"));
    for (i = 0; i < json_object_array_length(versions); i++)
        print_task("    ", json_object_array_get_idx(versions, i));
    json_object_put(versions);
    rc = sst_memory_restore_version(m, &task_type, id, 1, &restored, &err);
    if (rc != SST_OK)
        return fail("restore", rc, &err);
    printf("  restored version 1 as a new version:\n");
    print_task("    ", restored);
    json_object_put(*task);
    *task = restored;
    return 0;
}

/* Update from a copy that is no longer the latest version. */
static int
show_conflict(struct sst_memory *m, struct json_object *task)
{
    struct json_object *stale = NULL;
    struct json_object *upd = json_object_new_object();
    struct sst_err err;
    enum sst_code rc;

    rc = sst_memory_read(m, &task_type, member(task, "resource_id"), 1,
                         false, &stale, &err);
    if (rc != SST_OK) {
        json_object_put(upd);
        return fail("read version 1", rc, &err);
    }
    json_object_object_add(upd, "priority", json_object_new_int(1));
    rc = sst_memory_update(m, &task_type, stale, upd, NULL, NULL, NULL,
                           &err);
    json_object_put(upd);
    json_object_put(stale);
    if (rc != SST_E_VERSION_CONFLICT) {
        fprintf(stderr, "sst-tasks: a stale update got %s\n",
                sst_code_name(rc));
        return 1;
    }
    printf("  updating from version 1 is refused: %s: %s\n",
           sst_code_name(rc), err.message);
    return 0;
}

static int
show_board_and_stats(struct sst_memory *m, const struct json_object *board)
{
    struct json_object *now = NULL;
    struct json_object *stats = NULL;
    struct sst_err err;
    enum sst_code rc;

    rc = sst_memory_read(m, &board_type, member(board, "resource_id"), 0,
                         true, &now, &err);
    if (rc != SST_OK)
        return fail("read board", rc, &err);
    printf("  board \"%s\": tasks_created=%s labels=%s\n", member(now, "name"),
           member(now, "tasks_created"),
           json_object_to_json_string_ext(json_object_object_get(now, "labels"),
                                          JSON_C_TO_STRING_PLAIN));
    json_object_put(now);
    rc = sst_memory_get_stats(m, &stats, &err);
    if (rc != SST_OK)
        return fail("stats", rc, &err);
    printf("  stats: %s\n",
           json_object_to_json_string_ext(
               json_object_object_get(stats, "counts_by_type"),
               JSON_C_TO_STRING_PLAIN));
    json_object_put(stats);
    return 0;
}

static int
run(struct sst_memory *m)
{
    struct json_object *tasks[NSEED] = {0};
    struct json_object *data = json_tokener_parse("{\"name\":\"Sprint 1\"}");
    struct json_object *board = NULL;
    struct sst_err err;
    enum sst_code rc;
    int failed;
    size_t i;

    rc = sst_memory_create(m, &board_type, data, "sprint-1", &board, &err);
    json_object_put(data);
    if (rc != SST_OK)
        return fail("create board", rc, &err);
    failed = create_tasks(m, board, tasks);
    for (i = 0; !failed && i < 5; i++)
        failed = move(m, tasks, i, "doing");
    for (i = 0; !failed && i < 3; i++)
        failed = move(m, tasks, i, "done");
    if (!failed)
        failed = sst_memory_add_to_set(m, &board_type, board, "labels",
                                       "backend", &err) != SST_OK ||
                 sst_memory_add_to_set(m, &board_type, board, "labels",
                                       "emulator", &err) != SST_OK;
    if (!failed) {
        printf("queries:\n");
        failed = show_status(m, "todo") || show_status(m, "doing") ||
                 show_filtered(m) || show_recent(m);
    }
    if (!failed) {
        printf("versions:\n");
        failed = show_history(m, &tasks[0]) || show_conflict(m, tasks[0]);
    }
    if (!failed) {
        rc = sst_memory_delete(m, &task_type, tasks[NSEED - 1], &err);
        failed = rc != SST_OK ? fail("delete", rc, &err) : 0;
        printf("deleted \"%s\"\n", seed[NSEED - 1].title);
    }
    if (!failed) {
        printf("summary:\n");
        failed = show_board_and_stats(m, board);
    }
    for (i = 0; i < NSEED; i++)
        json_object_put(tasks[i]);
    json_object_put(board);
    return failed;
}

int
main(int argc, char **argv)
{
    const char *uri = argc > 1 ? argv[1] : "emu::memory:";
    struct sst_memory_opts opts;
    struct sst_memory *m = NULL;
    struct sst_err err;
    enum sst_code rc;
    int failed;

    printf("sst-tasks on %s, libsst %s\n", uri, sst_version());
    sst_memory_opts_init(&opts, TABLE);
    rc = sst_memory_open_uri(uri, &opts, &m, &err);
    if (rc != SST_OK)
        return fail("open", rc, &err);
    rc = sst_memory_create_standard_table(m, &err);
    if (rc == SST_E_IN_USE) {
        uint64_t n = 0;

        rc = sst_memory_truncate(m, &n, &err);
        printf("table %s exists: emptied %" PRIu64 " rows\n", TABLE, n);
    }
    if (rc != SST_OK) {
        sst_memory_close(m);
        return fail("table", rc, &err);
    }
    failed = run(m);
    sst_memory_close(m);
    return failed;
}
