/*
 * tests/conformance/replay.c - replays the recorded conformance corpora
 * against the in-process emulator and prints a drift report.
 *
 * Usage: replay [DIR]. Every file DIR/ *_cases.json is replayed (DIR
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
 * sst_emu_verify() checks the store after it. Each recorded step is
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
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include <sst/emu.h>
#include <sst/mem.h>
#include <sst/sst.h>

#include "compare.h"
#include "emu/ops/ops.h"

#ifndef SST_SRCDIR
#define SST_SRCDIR "."
#endif

#define T0 1795633912989LL /* 2026-11-25T16:31:52.989Z */
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

/* Compare the emulator's answer `got` for a recorded step and count it. */
static void
judge(struct report *r, const struct step_ctx *c, const char *op,
      struct json_object *rec, struct json_object *exp,
      const struct answer *got)
{
    struct answer ddb, aws = {false, NULL, NULL, NULL};
    struct match local, alt = {false, false, false};
    const char *note = str_of(exp, "note"), *cmp = str_of(exp, "compare");
    bool counts = cmp != NULL && strcmp(cmp, "counts") == 0;
    bool msg_applies, body_applies, agree;
    char why[1024] = "", why2[1024] = "", a[1024], b[1024];

    answer_recorded(&ddb, rec);
    local = match_of(got, &ddb, counts, why, sizeof why);
    if (note != NULL) {
        answer_expected(&aws, exp, &ddb);
        alt = match_of(got, &aws, counts, why2, sizeof why2);
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

/* Run one step (recorded when rec != NULL, else a setup step). */
static void
run_step(struct report *r, struct sst_emu *emu, const struct step_ctx *c,
         const char *op, struct json_object *request, struct json_object *rec,
         struct json_object *exp)
{
    struct json_object *req = conf_expand(request);
    struct answer got = {false, NULL, NULL, NULL};
    struct sst_err e;
    enum sst_code rc;

    memset(&e, 0, sizeof e);
    rc = sst_emu_call(emu, op, req, &got.body, &e);
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
    json_object_put(got.body);
}

/* ------------------------------------------------------------------ */
/* sequences and files                                                 */

static void
mark_seen(struct report *r, const char *op)
{
    tally_of(r, op)->seen = true;
}

static void
end_sequence(struct report *r, struct sst_emu *emu, const char *file,
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
    if (sst_emu_verify(sst_emu_store_of(emu), &e) != SST_OK) {
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
    struct sst_emu *emu = NULL;
    size_t i;

    if (ctx.name == NULL)
        ctx.name = "(unnamed)";
    if (sst_emu_open(NULL, NULL, &emu, NULL) != SST_OK) {
        r->problems++;
        return;
    }
    sst_emu_set_time(emu, T0);
    if (json_object_object_get_ex(c, "steps", &steps)) {
        for (i = 0; i < json_object_array_length(steps); i++) {
            s = json_object_array_get_idx(steps, i);
            ctx.index = i + 1;
            mark_seen(r, str_of(s, "op"));
            run_step(r, emu, &ctx, str_of(s, "op"),
                     json_object_object_get(s, "request"),
                     json_object_object_get(s, "ddb_local"),
                     json_object_object_get(s, "expect"));
        }
    } else {
        setup = json_object_object_get(c, "setup");
        for (i = 0; i < json_object_array_length(setup); i++) {
            s = json_object_array_get_idx(setup, i);
            ctx.index = i + 1;
            run_step(r, emu, &ctx,
                     json_object_get_string(json_object_array_get_idx(s, 0)),
                     json_object_array_get_idx(s, 1), NULL, NULL);
        }
        ctx.index = i + 1;
        mark_seen(r, str_of(c, "op"));
        run_step(r, emu, &ctx, str_of(c, "op"),
                 json_object_object_get(c, "request"),
                 json_object_object_get(c, "ddb_local"),
                 json_object_object_get(c, "expect"));
    }
    end_sequence(r, emu, file, ctx.name);
    sst_emu_close(emu);
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
    printf("conformance: %zu passed, %zu failed\n", t->agree,
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

    if (argc > 1)
        snprintf(dir, sizeof dir, "%s", argv[1]);
    else
        snprintf(dir, sizeof dir, "%s/tests/data/emu",
                 top && *top ? top : SST_SRCDIR);
    n = list_corpora(dir, names, MAX_FILES);
    printf("conformance corpora in %s (%zu files):\n", dir, n);
    for (i = 0; i < n; i++) {
        run_file(&r, dir, names[i]);
        free(names[i]);
    }
    if (n == 0)
        r.problems++;
    pass = print_report(&r);
    free(r.diffs);
    free(r.devs);
    if (sst_mem_live_count() != 0) {
        printf("conformance: %ld blocks leaked\n", sst_mem_live_count());
        pass = false;
    }
    return pass ? 0 : 1;
}
