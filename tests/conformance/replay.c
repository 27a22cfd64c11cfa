/*
 * tests/conformance/replay.c - replays the recorded conformance corpora
 * against the in-process emulator and prints a drift report.
 *
 * Usage: replay [--via emu|sst-emu|ddb-local] [DIR]. Every file
 * DIR/ *_cases.json is replayed (DIR
 * defaults to $top_srcdir/tests/data/emu, else to the source tree this
 * program was built from), so a corpus file added there is picked up
 * without a change here. Two formats are read (docs/fidelity.md):
 *
 *   - sequences: [{"name", "steps": [{"op", "request", "ddb_local",
 *     "expect"}, ...]}, ...] (items.py and the recorders after it);
 *   - single requests: [{"name", "op", "setup": [[op, request], ...],
 *     "request", "ddb_local", "expect"}, ...] (record.py); the setup
 *     requests must succeed and carry no recorded answer.
 *
 * Each sequence runs on a fresh in-memory emulator at a fixed time, and
 * sst_emu_verify() checks the store after it. Where the requests go is
 * --via's choice (the contract: the same corpus, three sides):
 *
 *   - emu (the default): the emulator in-process, called directly;
 *   - sst-emu: the HTTP backend talking to an sst-emu server that serves
 *     the sequence's emulator, started in-process on 127.0.0.1, so every
 *     request and answer crosses the wire protocol both ways;
 *   - ddb-local: the HTTP backend talking to DynamoDB Local at
 *     $SST_DDB_LOCAL_ENDPOINT (exit 77, skipped, when it is unset), every
 *     table deleted before each sequence. Its answers must still be the
 *     recorded ones: the corpora stay current, and the HTTP backend
 *     carries every request and error faithfully. Deviation notes do not
 *     apply there (DynamoDB Local answers as recorded), and times of day
 *     are DynamoDB Local's own. Each recorded step is
 * compared with DynamoDB Local's answer ("ddb_local") on three counts:
 * the outcome and error type, the message (where either side is an
 * error), and the response body (compare.h says what may differ). A step
 * whose "expect" carries a "note" is a known DynamoDB Local deviation: it
 * agrees when the emulator gives the "expect" answer (AWS's) instead.
 *
 * The report gives, per operation and overall, the sequences and steps
 * and the agreement on types, messages and bodies; then every step that
 * differs and every known deviation with its reason. The last line is
 * "conformance: N passed, M failed" (steps). Exit status 1 when type
 * agreement is below 100%, message agreement below 98%, a sequence's
 * setup failed, the store was left inconsistent, a file could not be
 * read, fewer than 300 sequences were found, or memory leaked.
 */
#include <dirent.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include <sst/emu.h>
#include <sst/mem.h>
#include <sst/server.h>
#include <sst/sst.h>

#include "compare.h"
#include "ref.h"
#include "src/core/b64.h"
#include "emu/ops/ops.h"

#ifndef SST_SRCDIR
#define SST_SRCDIR "."
#endif

#define T0 1795633912989LL /* 2026-11-25T19:11:52.989Z */
#define MIN_SEQUENCES 300
#define MAX_OPS 64
#define MAX_FILES 64

/* ------------------------------------------------------------------ */
/* tallies and the report's text                                       */

struct tally {
    char op[64];
    size_t sequences, steps;
    size_t types, types_ok, types_dev;    /* all steps            */
    size_t msgs, msgs_ok, msgs_dev;       /* steps with an error  */
    size_t bodies, bodies_ok, bodies_dev; /* steps with a body    */
    size_t agree;                         /* all three agree      */
    bool seen;                            /* in this sequence     */
};

struct report {
    struct tally ops[MAX_OPS];
    size_t nops;
    struct tally all;
    size_t setup_steps, problems, deviations;
    char *diffs, *devs; /* growing text, malloc'd */
    size_t diffs_len, devs_len;
};

static void
append(char **buf, size_t *len, const char *fmt, ...)
{
    va_list ap;
    char *grown;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || (grown = realloc(*buf, *len + (size_t)n + 1)) == NULL)
        return;
    *buf = grown;
    va_start(ap, fmt);
    vsnprintf(*buf + *len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    *len += (size_t)n;
}

static struct tally *
tally_of(struct report *r, const char *op)
{
    size_t i;

    for (i = 0; i < r->nops; i++)
        if (strcmp(r->ops[i].op, op) == 0)
            return &r->ops[i];
    if (r->nops == MAX_OPS)
        return &r->all; /* not reached with DynamoDB's operations */
    memset(&r->ops[r->nops], 0, sizeof r->ops[0]);
    snprintf(r->ops[r->nops].op, sizeof r->ops[0].op, "%s", op);
    return &r->ops[r->nops++];
}

static const char *
str_of(struct json_object *o, const char *k)
{
    struct json_object *v;

    return json_object_object_get_ex(o, k, &v) ? json_object_get_string(v)
                                               : NULL;
}

/* ------------------------------------------------------------------ */
/* answers                                                             */

/* One answer: recorded (DynamoDB Local's or AWS's), or the emulator's. */
struct answer {
    bool ok;
    const char *type, *message;
    struct json_object *body; /* owned; response, or an error's extra */
};

/* DynamoDB Local's recorded answer. */
static void
answer_recorded(struct answer *a, struct json_object *rec)
{
    struct json_object *v = NULL;

    a->ok = json_object_get_int(json_object_object_get(rec, "status")) == 200;
    a->type = str_of(rec, "type");
    a->message = str_of(rec, "message");
    if (!json_object_object_get_ex(rec, a->ok ? "response" : "extra", &v))
        v = NULL;
    a->body = conf_expand(v);
}

/* The answer a noted step expects instead (AWS's): its own response if it
 * has one, else DynamoDB Local's body where both succeed. */
static void
answer_expected(struct answer *a, struct json_object *exp,
                const struct answer *ddb)
{
    struct json_object *v = NULL;

    a->ok = json_object_object_get_ex(exp, "ok", NULL);
    a->type = str_of(exp, "type");
    a->message = str_of(exp, "message");
    if (json_object_object_get_ex(exp, a->ok ? "response" : "extra", &v))
        a->body = conf_expand(v);
    else
        a->body = a->ok && ddb->ok ? json_object_get(ddb->body) : NULL;
}

static void
answer_text(char *buf, size_t n, const struct answer *a)
{
    if (a->ok)
        snprintf(buf, n, "success %.400s", conf_text(a->body));
    else
        snprintf(buf, n, "%s: %s%s%.300s", a->type ? a->type : "(no type)",
                 a->message ? a->message : "(no message)",
                 a->body ? " " : "", a->body ? conf_text(a->body) : "");
}

/* Which of the three counts `got` agrees on with `want`. */
struct match {
    bool type, msg, body;
};

static struct match
match_of(const struct answer *got, const struct answer *want, bool counts,
         char *why, size_t why_len)
{
    struct match m;

    m.type = got->ok == want->ok &&
             (got->ok || (got->type && want->type &&
                          strcmp(got->type, want->type) == 0));
    m.msg = m.type && (got->ok || (got->message && want->message &&
                                   strcmp(got->message, want->message) == 0));
    if (want->body == NULL)
        m.body = got->body == NULL || got->ok != want->ok;
    else if (counts && got->ok)
        m.body = conf_same_counts(got->body, want->body, why, why_len);
    else
        m.body = conf_same_answer(got->body, want->body, why, why_len);
    return m;
}

/* ------------------------------------------------------------------ */
/* where the requests go (--via)                                       */

enum via { VIA_EMU = 0, VIA_SST_EMU, VIA_DDB_LOCAL };

static const char *const via_names[] = {"emu", "sst-emu", "ddb-local"};

static enum via via = VIA_EMU;

/* VIA_DDB_LOCAL: one connection for the whole run. */
static struct sst_backend *ddb_local;

/* Why the last target_open() failed. */
static struct sst_err open_err;

/* The side one sequence runs on. */
struct target {
    struct sst_emu *emu;       /* NULL on DynamoDB Local           */
    struct sst_server *server; /* VIA_SST_EMU                      */
    struct sst_backend *http;  /* VIA_SST_EMU, VIA_DDB_LOCAL       */
    bool own_http;
};

static enum sst_code
target_call(struct target *t, const char *op, struct json_object *req,
            struct json_object **resp, struct sst_err *e)
{
    if (t->http == NULL)
        return sst_emu_call(t->emu, op, req, resp, e);
    return sst_backend_call(t->http, op, req, resp, e);
}

/* Delete every table of DynamoDB Local, so a sequence starts empty. */
static bool
reset_ddb_local(void)
{
    struct json_object *req, *resp = NULL, *names;
    bool ok = true;
    size_t i;

    req = json_object_new_object();
    if (sst_backend_call(ddb_local, "ListTables", req, &resp, &open_err) !=
            SST_OK ||
        !json_object_object_get_ex(resp, "TableNames", &names)) {
        json_object_put(req);
        json_object_put(resp);
        return false;
    }
    json_object_put(req);
    for (i = 0; i < json_object_array_length(names); i++) {
        struct json_object *del = json_object_new_object(), *out = NULL;
        struct json_object *off = json_object_new_object();

        json_object_object_add(del, "TableName", json_object_get(
            json_object_array_get_idx(names, i)));
        /* a case may have turned deletion protection on */
        json_object_object_add(off, "TableName", json_object_get(
            json_object_array_get_idx(names, i)));
        json_object_object_add(off, "DeletionProtectionEnabled",
                               json_object_new_boolean(0));
        (void)sst_backend_call(ddb_local, "UpdateTable", off, &out,
                               &open_err);
        json_object_put(out);
        out = NULL;
        ok = ok && sst_backend_call(ddb_local, "DeleteTable", del, &out,
                                    &open_err) == SST_OK;
        json_object_put(out);
        json_object_put(del);
        json_object_put(off);
    }
    json_object_put(resp);
    return ok;
}

static bool
target_open(struct target *t)
{
    struct sst_server_options o;
    char url[512];

    memset(t, 0, sizeof *t);
    if (via == VIA_DDB_LOCAL) {
        t->http = ddb_local;
        return reset_ddb_local();
    }
    if (sst_emu_open(NULL, NULL, &t->emu, &open_err) != SST_OK)
        return false;
    sst_emu_set_time(t->emu, T0);
    if (via == VIA_EMU)
        return true;
    memset(&o, 0, sizeof o);
    o.backend = sst_emu_backend(t->emu);
    o.sharing = SST_SERVER_SHARED;
    o.threads = 2;
    if (sst_server_open(&o, &t->server, &open_err) != SST_OK)
        return false;
    /* one attempt: a recorded 500 is an answer, not a reason to retry */
    snprintf(url, sizeof url, "%s?max-attempts=1", sst_server_url(t->server));
    t->own_http = true;
    return sst_backend_open(url, &t->http, &open_err) == SST_OK;
}

static void
target_close(struct target *t)
{
    if (t->own_http)
        sst_backend_close(t->http);
    sst_server_close(t->server);
    sst_emu_close(t->emu);
    memset(t, 0, sizeof *t);
}

/* ------------------------------------------------------------------ */
/* one step                                                            */

struct step_ctx {
    const char *file, *name;
    size_t index; /* 1-based, counting recorded steps and setup steps */
};

static void
count(size_t *checked, size_t *ok, size_t *dev, bool applies, bool local,
      bool aws)
{
    if (!applies)
        return;
    (*checked)++;
    if (local)
        (*ok)++;
    else if (aws)
        (*dev)++;
}

static void
tally_step(struct tally *t, bool msg_applies, bool body_applies,
           struct match local, struct match aws, bool agree)
{
    t->steps++;
    count(&t->types, &t->types_ok, &t->types_dev, true, local.type, aws.type);
    count(&t->msgs, &t->msgs_ok, &t->msgs_dev, msg_applies, local.msg,
          aws.msg);
    count(&t->bodies, &t->bodies_ok, &t->bodies_dev, body_applies,
          local.body, aws.body);
    t->agree += agree;
}

/* Over sst-emu: an UnknownOperationException or SerializationException of
 * the expected type with no message (the server's AWS wire form). */
static bool
wire_quiet(const struct answer *got, const struct answer *ddb,
           const struct answer *aws)
{
    const struct answer *want = aws != NULL ? aws : ddb;

    if (via != VIA_SST_EMU || got->ok || want->ok || got->type == NULL ||
        want->type == NULL || (got->message != NULL && *got->message))
        return false;
    return strcmp(got->type, want->type) == 0 &&
           (strcmp(got->type, "UnknownOperationException") == 0 ||
            strcmp(got->type, "SerializationException") == 0);
}

/* A PartiQL NextToken's content (base64 of a JSON object) without the
 * time DynamoDB Local writes into it, or NULL. */
static struct json_object *
token_sans_time(struct json_object *body)
{
    struct json_object *t, *o;
    unsigned char *raw = NULL;
    size_t n;

    if (!json_object_object_get_ex(body, "NextToken", &t) ||
        !json_object_is_type(t, json_type_string) ||
        sst_b64_decode(json_object_get_string(t),
                       (size_t)json_object_get_string_len(t), false, &raw, &n,
                       NULL) != SST_OK)
        return NULL;
    o = json_tokener_parse((const char *)raw);
    sst_free(raw);
    if (o != NULL && !json_object_is_type(o, json_type_object)) {
        json_object_put(o);
        return NULL;
    }
    if (o != NULL)
        json_object_object_del(o, "creationTime");
    return o;
}

/* Whether two ExecuteStatement answers' NextTokens are the same token but
 * for the time in it: replayed on DynamoDB Local itself, its tokens carry
 * the time of the replay, not of the recording. */
static bool
same_token_but_time(struct json_object *got, struct json_object *ddb)
{
    struct json_object *a = token_sans_time(got), *b = token_sans_time(ddb);
    bool same = a != NULL && b != NULL && json_object_equal(a, b);

    json_object_put(a);
    json_object_put(b);
    return same;
}

/*
 * Chosen differences of PartiQL's ExecuteStatement (docs/emulator.md):
 * the emulator's page carries LastEvaluatedKey beside NextToken, and
 * ConsumedCapacity when asked, as AWS documents; DynamoDB Local gives
 * neither. Replayed on DynamoDB Local (--via ddb-local), a NextToken that
 * differs from the recorded one only in its time is the same token. A
 * copy of got's body without the members DynamoDB Local's answer lacks,
 * with the recorded NextToken for such a token, or NULL when nothing is
 * set aside.
 */
static struct json_object *
aside(const char *op, const struct answer *got, const struct answer *ddb)
{
    static const char *const members[] = {"LastEvaluatedKey",
                                          "ConsumedCapacity"};
    struct json_object *copy = NULL, *token;
    size_t i;

    if (strcmp(op, "ExecuteStatement") != 0 || !got->ok || !ddb->ok ||
        got->body == NULL || ddb->body == NULL)
        return NULL;
    if (via == VIA_DDB_LOCAL &&
        json_object_object_get_ex(ddb->body, "NextToken", &token) &&
        same_token_but_time(got->body, ddb->body)) {
        if (json_object_deep_copy(got->body, &copy, NULL) != 0)
            return NULL;
        json_object_object_add(copy, "NextToken", json_object_get(token));
    }
    for (i = 0; i < sizeof members / sizeof members[0]; i++) {
        if (!json_object_object_get_ex(got->body, members[i], NULL) ||
            json_object_object_get_ex(ddb->body, members[i], NULL))
            continue;
        if (copy == NULL &&
            json_object_deep_copy(got->body, &copy, NULL) != 0)
            return NULL;
        json_object_object_del(copy, members[i]);
    }
    return copy;
}

/* Compare the emulator's answer `got` for a recorded step and count it. */
static void
judge(struct report *r, const struct step_ctx *c, const char *op,
      struct json_object *rec, struct json_object *exp,
      const struct answer *got)
{
    struct answer ddb, aws = {false, NULL, NULL, NULL};
    struct match local, alt = {false, false, false};
    const char *note = via == VIA_DDB_LOCAL ? NULL : str_of(exp, "note");
    const char *cmp = str_of(exp, "compare");
    bool counts = cmp != NULL && strcmp(cmp, "counts") == 0;
    bool msg_applies, body_applies, agree;
    char why[1024] = "", why2[1024] = "", a[1024], b[1024];

    answer_recorded(&ddb, rec);
    {
        struct answer trimmed = *got;

        trimmed.body = aside(op, got, &ddb);
        local = match_of(trimmed.body != NULL ? &trimmed : got, &ddb, counts,
                         why, sizeof why);
        json_object_put(trimmed.body);
    }
    if (note != NULL) {
        struct answer trimmed = *got;

        answer_expected(&aws, exp, &ddb);
        /* an AWS answer written from DynamoDB Local's: the same members
         * set aside */
        trimmed.body = aside(op, got, &aws);
        alt = match_of(trimmed.body != NULL ? &trimmed : got, &aws, counts,
                       why2, sizeof why2);
        json_object_put(trimmed.body);
    }
    msg_applies = !ddb.ok || !got->ok || (note != NULL && !aws.ok);
    body_applies = ddb.body != NULL || aws.body != NULL || got->body != NULL;
    if (!body_applies)
        local.body = alt.body = true;
    /* A deviation agrees as a whole or not at all: AWS's type with
     * DynamoDB Local's message is no agreement. */
    if (!(alt.type && alt.msg && alt.body))
        alt.type = alt.msg = alt.body = false;
    agree = (local.type && local.msg && local.body) ||
            (alt.type && alt.msg && alt.body);
    if (!agree && wire_quiet(got, &ddb, note != NULL ? &aws : NULL)) {
        /* docs/sst-emu.md: sst-emu writes these two errors as AWS does,
         * without a message; the emulator in-process keeps the text */
        note = "sst-emu answers as AWS does on the wire: no message";
        alt.type = alt.msg = alt.body = agree = true;
    }
    tally_step(tally_of(r, op), msg_applies, body_applies, local, alt, agree);
    tally_step(&r->all, msg_applies, body_applies, local, alt, agree);
    if (note != NULL) {
        r->deviations++;
        append(&r->devs, &r->devs_len, "  %s %s step %zu (%s): %s\n",
               c->file, c->name, c->index, op, note);
    }
    if (!agree) {
        answer_text(a, sizeof a, &ddb);
        answer_text(b, sizeof b, got);
        append(&r->diffs, &r->diffs_len,
               "  %s %s step %zu (%s): %s%s%s\n"
               "    DynamoDB Local: %s\n",
               c->file, c->name, c->index, op, local.type ? "" : "[type] ",
               local.type && !local.msg ? "[message] " : "",
               local.type && local.msg ? "[body] " : "", a);
        if (note != NULL) {
            answer_text(a, sizeof a, &aws);
            append(&r->diffs, &r->diffs_len, "    expected (%s): %s\n", note,
                   a);
        }
        append(&r->diffs, &r->diffs_len, "    emulator:       %s\n", b);
        if (local.type && local.msg && !local.body)
            append(&r->diffs, &r->diffs_len, "    why: %s\n", why);
    }
    json_object_put(ddb.body);
    json_object_put(aws.body);
}

/* Run one step (recorded when rec != NULL, else a setup step); a, when
 * given, holds the answers to the sequence's earlier steps. Returns the
 * body of a success, for later steps' references; the caller releases
 * it. A step whose reference names nothing is not sent: it differs, with
 * the reason as its answer. */
static struct json_object *
run_step(struct report *r, struct target *t, const struct step_ctx *c,
         const char *op, struct json_object *request, struct json_object *rec,
         struct json_object *exp, const struct conf_answers *a)
{
    struct json_object *req = conf_expand(request);
    struct answer got = {false, NULL, NULL, NULL};
    static const struct conf_answers none = {NULL, 0};
    char why[512] = "";
    struct sst_err e;
    enum sst_code rc;

    memset(&e, 0, sizeof e);
    if (!conf_resolve(req, a != NULL ? a : &none, why, sizeof why)) {
        /* not a DynamoDB type: it agrees with no recorded answer */
        rc = sst_err_set(&e, SST_E_UNKNOWN_ERROR, "%s",
                         why[0] ? why : "out of memory");
        snprintf(e.type, sizeof e.type, "UnresolvedReference");
    } else {
        rc = target_call(t, op, req, &got.body, &e);
    }
    json_object_put(req);
    got.ok = rc == SST_OK;
    got.type = e.type;
    got.message = e.message;
    if (rec != NULL) {
        judge(r, c, op, rec, exp, &got);
    } else if (!got.ok) {
        r->problems++;
        append(&r->diffs, &r->diffs_len,
               "  %s %s setup step %zu (%s) failed: %s: %s\n", c->file,
               c->name, c->index, op, e.type, e.message);
    } else {
        r->setup_steps++;
    }
    if (!got.ok) {
        json_object_put(got.body);
        return NULL;
    }
    return got.body;
}

/* ------------------------------------------------------------------ */
/* sequences and files                                                 */

static void
mark_seen(struct report *r, const char *op)
{
    tally_of(r, op)->seen = true;
}

static void
end_sequence(struct report *r, struct target *t, const char *file,
             const char *name)
{
    struct sst_err e;
    size_t i;

    r->all.sequences++;
    for (i = 0; i < r->nops; i++) {
        r->ops[i].sequences += r->ops[i].seen;
        r->ops[i].seen = false;
    }
    memset(&e, 0, sizeof e);
    if (t->emu != NULL &&
        sst_emu_verify(sst_emu_store_of(t->emu), &e) != SST_OK) {
        r->problems++;
        append(&r->diffs, &r->diffs_len, "  %s %s: store inconsistent: %s\n",
               file, name, e.message);
    }
}

static void
run_case(struct report *r, const char *file, struct json_object *c)
{
    struct json_object *steps, *setup, *s;
    struct step_ctx ctx = {file, str_of(c, "name"), 0};
    struct target t;
    size_t i;

    if (ctx.name == NULL)
        ctx.name = "(unnamed)";
    if (!target_open(&t)) {
        r->problems++;
        append(&r->diffs, &r->diffs_len,
               "  %s %s: cannot open the %s side: %s\n", file, ctx.name,
               via_names[via], open_err.message);
        target_close(&t);
        return;
    }
    if (json_object_object_get_ex(c, "steps", &steps)) {
        struct conf_answers a = {NULL, 0};
        size_t n = json_object_array_length(steps);

        a.body = calloc(n + 1, sizeof a.body[0]);
        for (i = 0; i < n && a.body != NULL; i++) {
            s = json_object_array_get_idx(steps, i);
            ctx.index = i + 1;
            mark_seen(r, str_of(s, "op"));
            a.body[i] = run_step(r, &t, &ctx, str_of(s, "op"),
                                 json_object_object_get(s, "request"),
                                 json_object_object_get(s, "ddb_local"),
                                 json_object_object_get(s, "expect"), &a);
            a.n = i + 1;
        }
        if (a.body == NULL) {
            r->problems++;
            append(&r->diffs, &r->diffs_len, "  %s %s: out of memory\n",
                   file, ctx.name);
        }
        for (i = 0; i < a.n; i++)
            json_object_put(a.body[i]);
        free(a.body);
    } else {
        setup = json_object_object_get(c, "setup");
        for (i = 0; i < json_object_array_length(setup); i++) {
            s = json_object_array_get_idx(setup, i);
            ctx.index = i + 1;
            json_object_put(run_step(
                r, &t, &ctx,
                json_object_get_string(json_object_array_get_idx(s, 0)),
                json_object_array_get_idx(s, 1), NULL, NULL, NULL));
        }
        ctx.index = i + 1;
        mark_seen(r, str_of(c, "op"));
        json_object_put(run_step(r, &t, &ctx, str_of(c, "op"),
                                 json_object_object_get(c, "request"),
                                 json_object_object_get(c, "ddb_local"),
                                 json_object_object_get(c, "expect"), NULL));
    }
    end_sequence(r, &t, file, ctx.name);
    target_close(&t);
}

/* Whether c is a case of either format, with a recorded answer. */
static bool
well_formed(struct json_object *c)
{
    struct json_object *steps, *s;
    size_t i;

    if (!json_object_is_type(c, json_type_object))
        return false;
    if (json_object_object_get_ex(c, "steps", &steps)) {
        if (!json_object_is_type(steps, json_type_array))
            return false;
        for (i = 0; i < json_object_array_length(steps); i++) {
            s = json_object_array_get_idx(steps, i);
            if (str_of(s, "op") == NULL ||
                !json_object_object_get_ex(s, "ddb_local", NULL) ||
                !json_object_object_get_ex(s, "expect", NULL))
                return false;
        }
        return true;
    }
    return str_of(c, "op") != NULL &&
           json_object_object_get_ex(c, "ddb_local", NULL) &&
           json_object_object_get_ex(c, "expect", NULL);
}

static void
run_file(struct report *r, const char *dir, const char *file)
{
    struct json_object *cases, *c;
    char path[8192];
    size_t i, n, before = r->all.sequences, steps = r->all.steps;

    if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, file) >=
        sizeof path)
        path[0] = '\0';
    cases = json_object_from_file(path);
    if (!json_object_is_type(cases, json_type_array)) {
        r->problems++;
        append(&r->diffs, &r->diffs_len, "  %s: not a JSON array of cases\n",
               path);
        json_object_put(cases);
        return;
    }
    n = json_object_array_length(cases);
    for (i = 0; i < n; i++) {
        c = json_object_array_get_idx(cases, i);
        if (!well_formed(c)) {
            r->problems++;
            append(&r->diffs, &r->diffs_len, "  %s: case %zu is malformed\n",
                   file, i + 1);
            continue;
        }
        run_case(r, file, c);
    }
    printf("  %-22s %4zu sequences %5zu steps\n", file,
           r->all.sequences - before, r->all.steps - steps);
    json_object_put(cases);
}

/* ------------------------------------------------------------------ */
/* the report                                                          */

static double
pct(size_t part, size_t whole)
{
    return whole == 0 ? 100.0 : 100.0 * (double)part / (double)whole;
}

static void
print_tally(const struct tally *t, const char *name)
{
    printf("  %-19s %5zu %6zu  %4zu/%-4zu %6.2f%%  %4zu/%-4zu %6.2f%%  "
           "%4zu/%-4zu %6.2f%%\n",
           name, t->sequences, t->steps, t->types_ok + t->types_dev, t->types,
           pct(t->types_ok + t->types_dev, t->types), t->msgs_ok + t->msgs_dev,
           t->msgs, pct(t->msgs_ok + t->msgs_dev, t->msgs),
           t->bodies_ok + t->bodies_dev, t->bodies,
           pct(t->bodies_ok + t->bodies_dev, t->bodies));
}

static int
by_op(const void *a, const void *b)
{
    return strcmp(((const struct tally *)a)->op, ((const struct tally *)b)->op);
}

static int
by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names of the corpus files in dir, sorted; returns their number. */
static size_t
list_corpora(const char *dir, char **names, size_t cap)
{
    static const char suffix[] = "_cases.json";
    const size_t slen = sizeof suffix - 1;
    struct dirent *d;
    size_t n = 0, len;
    DIR *dp = opendir(dir);

    if (dp == NULL)
        return 0;
    while ((d = readdir(dp)) != NULL && n < cap) {
        len = strlen(d->d_name);
        if (len > slen && strcmp(d->d_name + len - slen, suffix) == 0)
            names[n++] = strdup(d->d_name);
    }
    closedir(dp);
    qsort(names, n, sizeof names[0], by_name);
    return n;
}

static bool
print_report(struct report *r)
{
    const struct tally *t = &r->all;
    double types = pct(t->types_ok + t->types_dev, t->types);
    double msgs = pct(t->msgs_ok + t->msgs_dev, t->msgs);
    bool pass;
    size_t i;

    qsort(r->ops, r->nops, sizeof r->ops[0], by_op);
    printf("\n  %-19s %5s %6s  %-19s  %-19s  %-19s\n", "operation", "seqs",
           "steps", "error types", "messages", "bodies");
    for (i = 0; i < r->nops; i++)
        print_tally(&r->ops[i], r->ops[i].op);
    print_tally(t, "overall");
    printf("\n  agreeing only as marked DynamoDB Local deviations: %zu types, "
           "%zu messages, %zu bodies; %zu setup steps succeeded\n",
           t->types_dev, t->msgs_dev, t->bodies_dev, r->setup_steps);
    printf("\nsteps that differ from DynamoDB Local (%zu):\n%s",
           t->steps - t->agree + r->problems, r->diffs ? r->diffs : "  none\n");
    printf("\nknown DynamoDB Local deviations, following AWS (%zu):\n%s",
           r->deviations, r->devs ? r->devs : "  none\n");
    pass = types >= 100.0 && msgs >= 98.0 && r->problems == 0 &&
           t->sequences >= MIN_SEQUENCES;
    printf("\nerror types %.2f%% (need 100%%), messages %.2f%% (need 98%%), "
           "%zu sequences (need %d), %zu other problems: %s\n",
           types, msgs, t->sequences, MIN_SEQUENCES, r->problems,
           pass ? "PASS" : "FAIL");
    printf("conformance%s%s: %zu passed, %zu failed\n",
           via == VIA_EMU ? "" : "-", via == VIA_EMU ? "" : via_names[via],
           t->agree,
           t->steps - t->agree + r->problems);
    return pass;
}

int
main(int argc, char **argv)
{
    static struct report r;
    const char *top = getenv("top_srcdir");
    char dir[4096], *names[MAX_FILES];
    size_t i, n;
    bool pass;

    if (argc > 2 && strcmp(argv[1], "--via") == 0) {
        for (i = 0; i < 3 && strcmp(argv[2], via_names[i]) != 0; i++)
            ;
        if (i == 3) {
            fprintf(stderr, "usage: replay [--via emu|sst-emu|ddb-local] "
                            "[DIR]\n");
            return 2;
        }
        via = (enum via)i;
        argc -= 2;
        argv += 2;
    }
    if (via == VIA_DDB_LOCAL) {
        const char *ep = getenv("SST_DDB_LOCAL_ENDPOINT");
        char url[4096];

        if (ep == NULL || *ep == '\0') {
            printf("SKIP: replay on DynamoDB Local "
                   "(SST_DDB_LOCAL_ENDPOINT unset)\n");
            return 77;
        }
        snprintf(url, sizeof url, "%s?max-attempts=1", ep);
        if (sst_backend_open(url, &ddb_local, NULL) != SST_OK) {
            printf("replay: cannot open %s\n", url);
            return 1;
        }
    }
    if (argc > 1)
        snprintf(dir, sizeof dir, "%s", argv[1]);
    else
        snprintf(dir, sizeof dir, "%s/tests/data/emu",
                 top && *top ? top : SST_SRCDIR);
    n = list_corpora(dir, names, MAX_FILES);
    printf("conformance corpora in %s (%zu files), replayed on %s:\n", dir,
           n, via == VIA_EMU       ? "the emulator in-process"
              : via == VIA_SST_EMU ? "the HTTP backend to sst-emu"
                                   : "the HTTP backend to DynamoDB Local");
    for (i = 0; i < n; i++) {
        run_file(&r, dir, names[i]);
        free(names[i]);
    }
    if (n == 0)
        r.problems++;
    pass = print_report(&r);
    sst_backend_close(ddb_local);
    free(r.diffs);
    free(r.devs);
    if (sst_mem_live_count() != 0) {
        printf("conformance: %ld blocks leaked\n", sst_mem_live_count());
        pass = false;
    }
    return pass ? 0 : 1;
}
