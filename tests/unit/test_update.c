/*
 * tests/unit/test_update.c - the update applier (emu/expr/update.c):
 * SET, REMOVE, ADD, DELETE on the corpus's update item, the runtime
 * errors and which one wins when several actions fail, ReturnValues, key
 * attributes, the nesting and size limits, out of memory.
 *
 * The rows of `rows` were recorded from DynamoDB Local (UpdateItem with
 * the expression and ReturnValues, then GetItem), with numbers in the
 * trimmed form AWS documents (docs/notes-corpus.md, 1.1).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sst/sst.h>

#include "emu/expr/avbuild.h"
#include "emu/expr/update.h"
#include "expr_util.h"
#include "harness.h"

#define N_(a) (sizeof(a) / sizeof((a)[0]))

/* The item the rows start from (the corpus's UPD_ITEM). */
static const char upd_item[] =
    "{'pk': {'S': 'u'}, 'n': {'N': '10'}, 's': {'S': 'str'}, "
    "'l': {'L': [{'S': 'a'}, {'S': 'b'}, {'S': 'c'}, {'S': 'd'}, {'S': "
    "'e'}]}, 'm': {'M': {'a': {'M': {'b': {'L': [{'N': '0'}, {'N': '1'}, "
    "{'M': {'c': {'S': 'x'}}}]}}}, 'k': {'S': 'v'}}}, "
    "'ss': {'SS': ['a', 'b']}, 'ns': {'NS': ['1', '2']}, "
    "'bs': {'BS': ['AQ==', 'Ag==']}, 'bt': {'BOOL': true}, "
    "'nl': {'NULL': true}}";

#define SAME "same"

struct row {
    const char *expr;
    const char *values;     /* quoted JSON or NULL                      */
    bool present;           /* the item exists (else: key pk "absent")  */
    const char *rv;         /* ReturnValues                             */
    const char *message;    /* "" for success                           */
    const char *attributes; /* the Attributes answered, or NULL         */
    const char *after;      /* the item afterwards, SAME, or NULL       */
};

static const struct row rows[] = {
    {"SET n = n + :n", "{':n': {'N': '1.5'}}", true, "UPDATED_NEW", "",
     "{'n': {'N': '11.5'}}",
     "{'bs': {'BS': ['AQ==', 'Ag==']}, 'bt': {'BOOL': true}, 'l': {'L': [{'S"
     "': 'a'}, {'S': 'b'}, {'S': 'c'}, {'S': 'd'}, {'S': 'e'}]}, 'm': {'M': "
     "{'a': {'M': {'b': {'L': [{'N': '0'}, {'N': '1'}, {'M': {'c': {'S': 'x'"
     "}}}]}}}, 'k': {'S': 'v'}}}, 'n': {'N': '11.5'}, 'nl': {'NULL': true}, "
     "'ns': {'NS': ['1', '2']}, 'pk': {'S': 'u'}, 's': {'S': 'str'}, 'ss': {"
     "'SS': ['a', 'b']}}"},
    {"SET n = :n - n", "{':n': {'N': '1.5'}}", true, "UPDATED_OLD", "",
     "{'n': {'N': '10'}}",
     "{'bs': {'BS': ['AQ==', 'Ag==']}, 'bt': {'BOOL': true}, 'l': {'L': [{'S"
     "': 'a'}, {'S': 'b'}, {'S': 'c'}, {'S': 'd'}, {'S': 'e'}]}, 'm': {'M': "
     "{'a': {'M': {'b': {'L': [{'N': '0'}, {'N': '1'}, {'M': {'c': {'S': 'x'"
     "}}}]}}}, 'k': {'S': 'v'}}}, 'n': {'N': '-8.5'}, 'nl': {'NULL': true}, "
     "'ns': {'NS': ['1', '2']}, 'pk': {'S': 'u'}, 's': {'S': 'str'}, 'ss': {"
     "'SS': ['a', 'b']}}"},
    {"SET x = n + n", NULL, true, "UPDATED_NEW", "", "{'x': {'N': '20'}}",
     "{'bs': {'BS': ['AQ==', 'Ag==']}, 'bt': {'BOOL': true}, 'l': {'L': [{'S"
     "': 'a'}, {'S': 'b'}, {'S': 'c'}, {'S': 'd'}, {'S': 'e'}]}, 'm': {'M': "
     "{'a': {'M': {'b': {'L': [{'N': '0'}, {'N': '1'}, {'M': {'c': {'S': 'x'"
     "}}}]}}}, 'k': {'S': 'v'}}}, 'n': {'N': '10'}, 'nl': {'NULL': true}, 'n"
     "s': {'NS': ['1', '2']}, 'pk': {'S': 'u'}, 's': {'S': 'str'}, 'ss': {'S"
     "S': ['a', 'b']}, 'x': {'N': '20'}}"},
    {"SET n = n + :neg", "{':neg': {'N': '-10'}}", true, "ALL_NEW", "",
     "{'bs': {'BS': ['AQ==', 'Ag==']}, 'bt': {'BOOL': true}, 'l': {'L': [{'S"
     "': 'a'}, {'S': 'b'}, {'S': 'c'}, {'S': 'd'}, {'S': 'e'}]}, 'm': {'M': "
     "{'a': {'M': {'b': {'L': [{'N': '0'}, {'N': '1'}, {'M': {'c': {'S': 'x'"
     "}}}]}}}, 'k': {'S': 'v'}}}, 'n': {'N': '0'}, 'nl': {'NULL': true}, 'ns"
     "': {'NS': ['1', '2']}, 'pk': {'S': 'u'}, 's': {'S': 'str'}, 'ss': {'SS"
     "': ['a', 'b']}}",
     "{'bs': {'BS': ['AQ==', 'Ag==']}, 'bt': {'BOOL': true}, 'l': {'L': [{'S"
     "': 'a'}, {'S': 'b'}, {'S': 'c'}, {'S': 'd'}, {'S': 'e'}]}, 'm': {'M': "
     "{'a': {'M': {'b': {'L': [{'N': '0'}, {'N': '1'}, {'M': {'c': {'S': 'x'"
     "}}}]}}}, 'k': {'S': 'v'}}}, 'n': {'N': '0'}, 'nl': {'NULL': true}, 'ns"
     "': {'NS': ['1', '2']}, 'pk': {'S': 'u'}, 's': {'S': 'str'}, 'ss': {'SS"
     "': ['a', 'b']}}"},
    {"SET x = :big + :one",
     "{':one': {'N': '1'}, ':big': {'N': '9999999999999999999999999999999999"
     "9999'}}",
     true, "UPDATED_NEW", "",
     "{'x': {'N': '100000000000000000000000000000000000000'}}",
     "{'bs': {'BS': ['AQ==', 'Ag==']}, 'bt': {'BOOL': true}, 'l': {'L': [{'S"
     "': 'a'}, {'S': 'b'}, {'S': 'c'}, {'S': 'd'}, {'S': 'e'}]}, 'm': {'M': "
     "{'a': {'M': {'b': {'L': [{'N': '0'}, {'N': '1'}, {'M': {'c': {'S': 'x'"
     "}}}]}}}, 'k': {'S': 'v'}}}, 'n': {'N': '10'}, 'nl': {'NULL': true}, 'n"
     "s': {'NS': ['1', '2']}, 'pk': {'S': 'u'}, 's': {'S': 'str'}, 'ss': {'S"
     "S': ['a', 'b']}, 'x': {'N': '100000000000000000000000000000000000000'}"
     "}"},
    {"SET x = :big + :big",
     "{':big': {'N': '99999999999999999999999999999999999999'}}", true, "NONE",
     "DynamoDB only supports precision up to 38 digits", NULL, SAME},
    {"SET x = :one + :tiny", "{':tiny': {'N': '1e-130'}, ':one': {'N': '1'}}",
     true, "NONE", "DynamoDB only supports precision up to 38 digits", NULL,
     SAME},
    {"SET x = :tiny9 - :tiny",
     "{':tiny': {'N': '1e-130'}, ':tiny9': {'N': '1.1e-130'}}", true, "NONE",
     "Number underflow. Attempting to store a number with magnitude smaller "
     "than supported range",
     NULL, SAME},
    {"SET x = :max + :max",
     "{':max': {'N': '9.9999999999999999999999999999999999999E+125'}}", true,
     "NONE", "DynamoDB only supports precision up to 38 digits", NULL, SAME},
    {"SET a = if_not_exists(a, :one), n = if_not_exists(n, :one)",
     "{':one': {'N': '1'}}", true, "UPDATED_NEW", "",
     "{'a': {'N': '1'}, 'n': {'N': '10'}}",
     "{'a': {'N': '1'}, 'bs': {'BS': ['AQ==', 'Ag==']}, 'bt': {'BOOL': true}"
     ", 'l': {'L': [{'S': 'a'}, {'S': 'b'}, {'S': 'c'}, {'S': 'd'}, {'S': 'e"
     "'}]}, 'm': {'M': {'a': {'M': {'b': {'L': [{'N': '0'}, {'N': '1'}, {'M'"
     ": {'c': {'S': 'x'}}}]}}}, 'k': {'S': 'v'}}}, 'n': {'N': '10'}, 'nl': {"
     "'NULL': true}, 'ns': {'NS': ['1', '2']}, 'pk': {'S': 'u'}, 's': {'S': "
     "'str'}, 'ss': {'SS': ['a', 'b']}}"},
    {"SET a = if_not_exists(a, if_not_exists(b, :s))", "{':s': {'S': 'x'}}",
     true, "UPDATED_NEW", "", "{'a': {'S': 'x'}}",
     "{'a': {'S': 'x'}, 'bs': {'BS': ['AQ==', 'Ag==']}, 'bt': {'BOOL': true}"
     ", 'l': {'L': [{'S': 'a'}, {'S': 'b'}, {'S': 'c'}, {'S': 'd'}, {'S': 'e"
     "'}]}, 'm': {'M': {'a': {'M': {'b': {'L': [{'N': '0'}, {'N': '1'}, {'M'"
     ": {'c': {'S': 'x'}}}]}}}, 'k': {'S': 'v'}}}, 'n': {'N': '10'}, 'nl': {"
     "'NULL': true}, 'ns': {'NS': ['1', '2']}, 'pk': {'S': 'u'}, 's': {'S': "
     "'str'}, 'ss': {'SS': ['a', 'b']}}"},
    {"SET l = list_append(l, :l)", "{':l': {'L': [{'S': 'q'}]}}", true,
     "UPDATED_NEW", "",
     "{'l': {'L': [{'S': 'a'}, {'S': 'b'}, {'S': 'c'}, {'S': 'd'}, {'S': 'e'"
     "}, {'S': 'q'}]}}",
     "{'bs': {'BS': ['AQ==', 'Ag==']}, 'bt': {'BOOL': true}, 'l': {'L': [{'S"
     "': 'a'}, {'S': 'b'}, {'S': 'c'}, {'S': 'd'}, {'S': 'e'}, {'S': 'q'}]},"
     " 'm': {'M': {'a': {'M': {'b': {'L': [{'N': '0'}, {'N': '1'}, {'M': {'c"
     "': {'S': 'x'}}}]}}}, 'k': {'S': 'v'}}}, 'n': {'N': '10'}, 'nl': {'NULL"
     "': true}, 'ns': {'NS': ['1', '2']}, 'pk': {'S': 'u'}, 's': {'S': 'str'"
     "}, 'ss': {'SS': ['a', 'b']}}"},
    {"SET l = list_append(:l, l)", "{':l': {'L': [{'S': 'q'}]}}", true,
     "UPDATED_NEW", "",
     "{'l': {'L': [{'S': 'q'}, {'S': 'a'}, {'S': 'b'}, {'S': 'c'}, {'S': 'd'"
     "}, {'S': 'e'}]}}",
     "{'bs': {'BS': ['AQ==', 'Ag==']}, 'bt': {'BOOL': true}, 'l': {'L': [{'S"
     "': 'q'}, {'S': 'a'}, {'S': 'b'}, {'S': 'c'}, {'S': 'd'}, {'S': 'e'}]},"
     " 'm': {'M': {'a': {'M': {'b': {'L': [{'N': '0'}, {'N': '1'}, {'M': {'c"
     "': {'S': 'x'}}}]}}}, 'k': {'S': 'v'}}}, 'n': {'N': '10'}, 'nl': {'NULL"
     "': true}, 'ns': {'NS': ['1', '2']}, 'pk': {'S': 'u'}, 's': {'S': 'str'"
     "}, 'ss': {'SS': ['a', 'b']}}"},
    {"SET x = list_append(:l, :e)",
     "{':l': {'L': [{'S': 'q'}]}, ':e': {'L': []}}", true, "UPDATED_NEW", "",
     "{'x': {'L': [{'S': 'q'}]}}",
     "{'bs': {'BS': ['AQ==', 'Ag==']}, 'bt': {'BOOL': true}, 'l': {'L': [{'S"
     "': 'a'}, {'S': 'b'}, {'S': 'c'}, {'S': 'd'}, {'S': 'e'}]}, 'm': {'M': "
     "{'a': {'M': {'b': {'L': [{'N': '0'}, {'N': '1'}, {'M': {'c': {'S': 'x'"
     "}}}]}}}, 'k': {'S': 'v'}}}, 'n': {'N': '10'}, 'nl': {'NULL': true}, 'n"
     "s': {'NS': ['1', '2']}, 'pk': {'S': 'u'}, 's': {'S': 'str'}, 'ss': {'S"
     "S': ['a', 'b']}, 'x': {'L': [{'S': 'q'}]}}"},
    {"SET x = list_append(l, l)", NULL, true, "UPDATED_NEW", "",
     "{'x': {'L': [{'S': 'a'}, {'S': 'b'}, {'S': 'c'}, {'S': 'd'}, {'S': 'e'"
     "}, {'S': 'a'}, {'S': 'b'}, {'S': 'c'}, {'S': 'd'}, {'S': 'e'}]}}",
     "{'bs': {'BS': ['AQ==', 'Ag==']}, 'bt': {'BOOL': true}, 'l': {'L': [{'S"
     "': 'a'}, {'S': 'b'}, {'S': 'c'}, {'S': 'd'}, {'S': 'e'}]}, 'm': {'M': "
     "{'a': {'M': {'b': {'L': [{'N': '0'}, {'N': '1'}, {'M': {'c': {'S': 'x'"
     "}}}]}}}, 'k': {'S': 'v'}}}, 'n': {'N': '10'}, 'nl': {'NULL': true}, 'n"
     "s': {'NS': ['1', '2']}, 'pk': {'S': 'u'}, 's': {'S': 'str'}, 'ss': {'S"
     "S': ['a', 'b']}, 'x': {'L': [{'S': 'a'}, {'S': 'b'}, {'S': 'c'}, {'S':"
     " 'd'}, {'S': 'e'}, {'S': 'a'}, {'S': 'b'}, {'S': 'c'}, {'S': 'd'}, {'S"
     "': 'e'}]}}"},
    {"SET x = list_append(if_not_exists(y, :e), :l)",
     "{':l': {'L': [{'S': 'q'}]}, ':e': {'L': []}}", true, "UPDATED_NEW", "",
     "{'x': {'L': [{'S': 'q'}]}}",
     "{'bs': {'BS': ['AQ==', 'Ag==']}, 'bt': {'BOOL': true}, 'l': {'L': [{'S"
     "': 'a'}, {'S': 'b'}, {'S': 'c'}, {'S': 'd'}, {'S': 'e'}]}, 'm': {'M': "
     "{'a': {'M': {'b': {'L': [{'N': '0'}, {'N': '1'}, {'M': {'c': {'S': 'x'"
     "}}}]}}}, 'k': {'S': 'v'}}}, 'n': {'N': '10'}, 'nl': {'NULL': true}, 'n"
     "s': {'NS': ['1', '2']}, 'pk': {'S': 'u'}, 's': {'S': 'str'}, 'ss': {'S"
     "S': ['a', 'b']}, 'x': {'L': [{'S': 'q'}]}}"},
    {"SET a = n, n = a", NULL, true, "ALL_NEW",
     "The provided expression refers to an attribute that does not exist in "
     "the item",
     NULL, SAME},
    {"SET n = s, s = n", NULL, true, "UPDATED_NEW", "",
     "{'n': {'S': 'str'}, 's': {'N': '10'}}",
     "{'bs': {'BS': ['AQ==', 'Ag==']}, 'bt': {'BOOL': true}, 'l': {'L': [{'S"
     "': 'a'}, {'S': 'b'}, {'S': 'c'}, {'S': 'd'}, {'S': 'e'}]}, 'm': {'M': "
     "{'a': {'M': {'b': {'L': [{'N': '0'}, {'N': '1'}, {'M': {'c': {'S': 'x'"
     "}}}]}}}, 'k': {'S': 'v'}}}, 'n': {'S': 'str'}, 'nl': {'NULL': true}, '"
     "ns': {'NS': ['1', '2']}, 'pk': {'S': 'u'}, 's': {'N': '10'}, 'ss': {'S"
     "S': ['a', 'b']}}"},
    {"SET x = m.a.b[2]", NULL, true, "UPDATED_NEW", "",
     "{'x': {'M': {'c': {'S': 'x'}}}}",
     "{'bs': {'BS': ['AQ==', 'Ag==']}, 'bt': {'BOOL': true}, 'l': {'L': [{'S"
     "': 'a'}, {'S': 'b'}, {'S': 'c'}, {'S': 'd'}, {'S': 'e'}]}, 'm': {'M': "
     "{'a': {'M': {'b': {'L': [{'N': '0'}, {'N': '1'}, {'M': {'c': {'S': 'x'"
     "}}}]}}}, 'k': {'S': 'v'}}}, 'n': {'N': '10'}, 'nl': {'NULL': true}, 'n"
     "s': {'NS': ['1', '2']}, 'pk': {'S': 'u'}, 's': {'S': 'str'}, 'ss': {'S"
     "S': ['a', 'b']}, 'x': {'M': {'c': {'S': 'x'}}}}"},
    {"SET l[10] = :s", "{':s': {'S': 'x'}}", true, "ALL_NEW", "",
     "{'bs': {'BS': ['AQ==', 'Ag==']}, 'bt': {'BOOL': true}, 'l': {'L': [{'S"
     "': 'a'}, {'S': 'b'}, {'S': 'c'}, {'S': 'd'}, {'S': 'e'}, {'S': 'x'}]},"
     " 'm': {'M': {'a': {'M': {'b': {'L': [{'N': '0'}, {'N': '1'}, {'M': {'c"
     "': {'S': 'x'}}}]}}}, 'k': {'S': 'v'}}}, 'n': {'N': '10'}, 'nl': {'NULL"
     "': true}, 'ns': {'NS': ['1', '2']}, 'pk': {'S': 'u'}, 's': {'S': 'str'"
     "}, 'ss': {'SS': ['a', 'b']}}",
     "{'bs': {'BS': ['AQ==', 'Ag==']}, 'bt': {'BOOL': true}, 'l': {'L': [{'S"
     "': 'a'}, {'S': 'b'}, {'S': 'c'}, {'S': 'd'}, {'S': 'e'}, {'S': 'x'}]},"
     " 'm': {'M': {'a': {'M': {'b': {'L': [{'N': '0'}, {'N': '1'}, {'M': {'c"
     "': {'S': 'x'}}}]}}}, 'k': {'S': 'v'}}}, 'n': {'N': '10'}, 'nl': {'NULL"
     "': true}, 'ns': {'NS': ['1', '2']}, 'pk': {'S': 'u'}, 's': {'S': 'str'"
     "}, 'ss': {'SS': ['a', 'b']}}"},
    {"SET l[10] = :s", "{':s': {'S': 'x'}}", true, "UPDATED_NEW", "", NULL,
     "{'bs': {'BS': ['AQ==', 'Ag==']}, 'bt': {'BOOL': true}, 'l': {'L': [{'S"
     "': 'a'}, {'S': 'b'}, {'S': 'c'}, {'S': 'd'}, {'S': 'e'}, {'S': 'x'}]},"
     " 'm': {'M': {'a': {'M': {'b': {'L': [{'N': '0'}, {'N': '1'}, {'M': {'c"
     "': {'S': 'x'}}}]}}}, 'k': {'S': 'v'}}}, 'n': {'N': '10'}, 'nl': {'NULL"
     "': true}, 'ns': {'NS': ['1', '2']}, 'pk': {'S': 'u'}, 's': {'S': 'str'"
     "}, 'ss': {'SS': ['a', 'b']}}"},
    {"SET l[20] = :s, l[10] = :one", "{':s': {'S': 'x'}, ':one': {'N': '1'}}",
     true, "ALL_NEW", "",
     "{'bs': {'BS': ['AQ==', 'Ag==']}, 'bt': {'BOOL': true}, 'l': {'L': [{'S"
     "': 'a'}, {'S': 'b'}, {'S': 'c'}, {'S': 'd'}, {'S': 'e'}, {'N': '1'}, {"
     "'S': 'x'}]}, 'm': {'M': {'a': {'M': {'b': {'L': [{'N': '0'}, {'N': '1'"
     "}, {'M': {'c': {'S': 'x'}}}]}}}, 'k': {'S': 'v'}}}, 'n': {'N': '10'}, "
     "'nl': {'NULL': true}, 'ns': {'NS': ['1', '2']}, 'pk': {'S': 'u'}, 's':"
     " {'S': 'str'}, 'ss': {'SS': ['a', 'b']}}",
     "{'bs': {'BS': ['AQ==', 'Ag==']}, 'bt': {'BOOL': true}, 'l': {'L': [{'S"
     "': 'a'}, {'S': 'b'}, {'S': 'c'}, {'S': 'd'}, {'S': 'e'}, {'N': '1'}, {"
     "'S': 'x'}]}, 'm': {'M': {'a': {'M': {'b': {'L': [{'N': '0'}, {'N': '1'"
     "}, {'M': {'c': {'S': 'x'}}}]}}}, 'k': {'S': 'v'}}}, 'n': {'N': '10'}, "
     "'nl': {'NULL': true}, 'ns': {'NS': ['1', '2']}, 'pk': {'S': 'u'}, 's':"
     " {'S': 'str'}, 'ss': {'SS': ['a', 'b']}}"},
    {"SET l[1] = :s", "{':s': {'S': 'x'}}", true, "UPDATED_OLD", "",
     "{'l': {'L': [{'S': 'a'}, {'S': 'b'}, {'S': 'c'}, {'S': 'd'}, {'S': 'e'"
     "}]}}",
     "{'bs': {'BS': ['AQ==', 'Ag==']}, 'bt': {'BOOL': true}, 'l': {'L': [{'S"
     "': 'a'}, {'S': 'x'}, {'S': 'c'}, {'S': 'd'}, {'S': 'e'}]}, 'm': {'M': "
     "{'a': {'M': {'b': {'L': [{'N': '0'}, {'N': '1'}, {'M': {'c': {'S': 'x'"
     "}}}]}}}, 'k': {'S': 'v'}}}, 'n': {'N': '10'}, 'nl': {'NULL': true}, 'n"
     "s': {'NS': ['1', '2']}, 'pk': {'S': 'u'}, 's': {'S': 'str'}, 'ss': {'S"
     "S': ['a', 'b']}}"},
    {"REMOVE l[1], l[3]", NULL, true, "ALL_NEW", "",
     "{'bs': {'BS': ['AQ==', 'Ag==']}, 'bt': {'BOOL': true}, 'l': {'L': [{'S"
     "': 'a'}, {'S': 'c'}, {'S': 'e'}]}, 'm': {'M': {'a': {'M': {'b': {'L': "
     "[{'N': '0'}, {'N': '1'}, {'M': {'c': {'S': 'x'}}}]}}}, 'k': {'S': 'v'}"
     "}}, 'n': {'N': '10'}, 'nl': {'NULL': true}, 'ns': {'NS': ['1', '2']}, "
     "'pk': {'S': 'u'}, 's': {'S': 'str'}, 'ss': {'SS': ['a', 'b']}}",
     "{'bs': {'BS': ['AQ==', 'Ag==']}, 'bt': {'BOOL': true}, 'l': {'L': [{'S"
     "': 'a'}, {'S': 'c'}, {'S': 'e'}]}, 'm': {'M': {'a': {'M': {'b': {'L': "
     "[{'N': '0'}, {'N': '1'}, {'M': {'c': {'S': 'x'}}}]}}}, 'k': {'S': 'v'}"
     "}}, 'n': {'N': '10'}, 'nl': {'NULL': true}, 'ns': {'NS': ['1', '2']}, "
     "'pk': {'S': 'u'}, 's': {'S': 'str'}, 'ss': {'SS': ['a', 'b']}}"},
    {"REMOVE l[3], l[1], l[9]", NULL, true, "UPDATED_OLD", "",
     "{'l': {'L': [{'S': 'a'}, {'S': 'b'}, {'S': 'c'}, {'S': 'd'}, {'S': 'e'"
     "}]}}",
     "{'bs': {'BS': ['AQ==', 'Ag==']}, 'bt': {'BOOL': true}, 'l': {'L': [{'S"
     "': 'a'}, {'S': 'c'}, {'S': 'e'}]}, 'm': {'M': {'a': {'M': {'b': {'L': "
     "[{'N': '0'}, {'N': '1'}, {'M': {'c': {'S': 'x'}}}]}}}, 'k': {'S': 'v'}"
     "}}, 'n': {'N': '10'}, 'nl': {'NULL': true}, 'ns': {'NS': ['1', '2']}, "
     "'pk': {'S': 'u'}, 's': {'S': 'str'}, 'ss': {'SS': ['a', 'b']}}"},
    {"REMOVE l[0] SET l[1] = :s", "{':s': {'S': 'x'}}", true, "ALL_NEW", "",
     "{'bs': {'BS': ['AQ==', 'Ag==']}, 'bt': {'BOOL': true}, 'l': {'L': [{'S"
     "': 'x'}, {'S': 'c'}, {'S': 'd'}, {'S': 'e'}]}, 'm': {'M': {'a': {'M': "
     "{'b': {'L': [{'N': '0'}, {'N': '1'}, {'M': {'c': {'S': 'x'}}}]}}}, 'k'"
     ": {'S': 'v'}}}, 'n': {'N': '10'}, 'nl': {'NULL': true}, 'ns': {'NS': ["
     "'1', '2']}, 'pk': {'S': 'u'}, 's': {'S': 'str'}, 'ss': {'SS': ['a', 'b"
     "']}}",
     "{'bs': {'BS': ['AQ==', 'Ag==']}, 'bt': {'BOOL': true}, 'l': {'L': [{'S"
     "': 'x'}, {'S': 'c'}, {'S': 'd'}, {'S': 'e'}]}, 'm': {'M': {'a': {'M': "
     "{'b': {'L': [{'N': '0'}, {'N': '1'}, {'M': {'c': {'S': 'x'}}}]}}}, 'k'"
     ": {'S': 'v'}}}, 'n': {'N': '10'}, 'nl': {'NULL': true}, 'ns': {'NS': ["
     "'1', '2']}, 'pk': {'S': 'u'}, 's': {'S': 'str'}, 'ss': {'SS': ['a', 'b"
     "']}}"},
    {"REMOVE l[0], l[1], l[2], l[3], l[4]", NULL, true, "ALL_NEW", "",
     "{'bs': {'BS': ['AQ==', 'Ag==']}, 'bt': {'BOOL': true}, 'l': {'L': []},"
     " 'm': {'M': {'a': {'M': {'b': {'L': [{'N': '0'}, {'N': '1'}, {'M': {'c"
     "': {'S': 'x'}}}]}}}, 'k': {'S': 'v'}}}, 'n': {'N': '10'}, 'nl': {'NULL"
     "': true}, 'ns': {'NS': ['1', '2']}, 'pk': {'S': 'u'}, 's': {'S': 'str'"
     "}, 'ss': {'SS': ['a', 'b']}}",
     "{'bs': {'BS': ['AQ==', 'Ag==']}, 'bt': {'BOOL': true}, 'l': {'L': []},"
     " 'm': {'M': {'a': {'M': {'b': {'L': [{'N': '0'}, {'N': '1'}, {'M': {'c"
     "': {'S': 'x'}}}]}}}, 'k': {'S': 'v'}}}, 'n': {'N': '10'}, 'nl': {'NULL"
     "': true}, 'ns': {'NS': ['1', '2']}, 'pk': {'S': 'u'}, 's': {'S': 'str'"
     "}, 'ss': {'SS': ['a', 'b']}}"},
    {"SET m.a.b[5] = :s, m.a.b[0] = :one",
     "{':s': {'S': 'x'}, ':one': {'N': '1'}}", true, "UPDATED_NEW", "",
     "{'m': {'M': {'a': {'M': {'b': {'L': [{'N': '1'}, {'N': '1'}, {'M': {'c"
     "': {'S': 'x'}}}, {'S': 'x'}]}}}, 'k': {'S': 'v'}}}}",
     "{'bs': {'BS': ['AQ==', 'Ag==']}, 'bt': {'BOOL': true}, 'l': {'L': [{'S"
     "': 'a'}, {'S': 'b'}, {'S': 'c'}, {'S': 'd'}, {'S': 'e'}]}, 'm': {'M': "
     "{'a': {'M': {'b': {'L': [{'N': '1'}, {'N': '1'}, {'M': {'c': {'S': 'x'"
     "}}}, {'S': 'x'}]}}}, 'k': {'S': 'v'}}}, 'n': {'N': '10'}, 'nl': {'NULL"
     "': true}, 'ns': {'NS': ['1', '2']}, 'pk': {'S': 'u'}, 's': {'S': 'str'"
     "}, 'ss': {'SS': ['a', 'b']}}"},
    {"REMOVE m.a.b[1]", NULL, true, "UPDATED_NEW", "",
     "{'m': {'M': {'a': {'M': {'b': {'L': [{'N': '0'}, {'M': {'c': {'S': 'x'"
     "}}}]}}}, 'k': {'S': 'v'}}}}",
     "{'bs': {'BS': ['AQ==', 'Ag==']}, 'bt': {'BOOL': true}, 'l': {'L': [{'S"
     "': 'a'}, {'S': 'b'}, {'S': 'c'}, {'S': 'd'}, {'S': 'e'}]}, 'm': {'M': "
     "{'a': {'M': {'b': {'L': [{'N': '0'}, {'M': {'c': {'S': 'x'}}}]}}}, 'k'"
     ": {'S': 'v'}}}, 'n': {'N': '10'}, 'nl': {'NULL': true}, 'ns': {'NS': ["
     "'1', '2']}, 'pk': {'S': 'u'}, 's': {'S': 'str'}, 'ss': {'SS': ['a', 'b"
     "']}}"},
    {"SET m.k2 = :s", "{':s': {'S': 'x'}}", true, "UPDATED_NEW", "",
     "{'m': {'M': {'a': {'M': {'b': {'L': [{'N': '0'}, {'N': '1'}, {'M': {'c"
     "': {'S': 'x'}}}]}}}, 'k': {'S': 'v'}, 'k2': {'S': 'x'}}}}",
     "{'bs': {'BS': ['AQ==', 'Ag==']}, 'bt': {'BOOL': true}, 'l': {'L': [{'S"
     "': 'a'}, {'S': 'b'}, {'S': 'c'}, {'S': 'd'}, {'S': 'e'}]}, 'm': {'M': "
     "{'a': {'M': {'b': {'L': [{'N': '0'}, {'N': '1'}, {'M': {'c': {'S': 'x'"
     "}}}]}}}, 'k': {'S': 'v'}, 'k2': {'S': 'x'}}}, 'n': {'N': '10'}, 'nl': "
     "{'NULL': true}, 'ns': {'NS': ['1', '2']}, 'pk': {'S': 'u'}, 's': {'S':"
     " 'str'}, 'ss': {'SS': ['a', 'b']}}"},
    {"SET m.k2 = :s", "{':s': {'S': 'x'}}", true, "UPDATED_OLD", "", NULL,
     "{'bs': {'BS': ['AQ==', 'Ag==']}, 'bt': {'BOOL': true}, 'l': {'L': [{'S"
     "': 'a'}, {'S': 'b'}, {'S': 'c'}, {'S': 'd'}, {'S': 'e'}]}, 'm': {'M': "
     "{'a': {'M': {'b': {'L': [{'N': '0'}, {'N': '1'}, {'M': {'c': {'S': 'x'"
     "}}}]}}}, 'k': {'S': 'v'}, 'k2': {'S': 'x'}}}, 'n': {'N': '10'}, 'nl': "
     "{'NULL': true}, 'ns': {'NS': ['1', '2']}, 'pk': {'S': 'u'}, 's': {'S':"
     " 'str'}, 'ss': {'SS': ['a', 'b']}}"},
    {"SET m.k = :s", "{':s': {'S': 'x'}}", true, "UPDATED_OLD", "",
     "{'m': {'M': {'a': {'M': {'b': {'L': [{'N': '0'}, {'N': '1'}, {'M': {'c"
     "': {'S': 'x'}}}]}}}, 'k': {'S': 'v'}}}}",
     "{'bs': {'BS': ['AQ==', 'Ag==']}, 'bt': {'BOOL': true}, 'l': {'L': [{'S"
     "': 'a'}, {'S': 'b'}, {'S': 'c'}, {'S': 'd'}, {'S': 'e'}]}, 'm': {'M': "
     "{'a': {'M': {'b': {'L': [{'N': '0'}, {'N': '1'}, {'M': {'c': {'S': 'x'"
     "}}}]}}}, 'k': {'S': 'x'}}}, 'n': {'N': '10'}, 'nl': {'NULL': true}, 'n"
     "s': {'NS': ['1', '2']}, 'pk': {'S': 'u'}, 's': {'S': 'str'}, 'ss': {'S"
     "S': ['a', 'b']}}"},
    {"REMOVE m.k, m.nope, nope", NULL, true, "UPDATED_OLD", "",
     "{'m': {'M': {'a': {'M': {'b': {'L': [{'N': '0'}, {'N': '1'}, {'M': {'c"
     "': {'S': 'x'}}}]}}}, 'k': {'S': 'v'}}}}",
     "{'bs': {'BS': ['AQ==', 'Ag==']}, 'bt': {'BOOL': true}, 'l': {'L': [{'S"
     "': 'a'}, {'S': 'b'}, {'S': 'c'}, {'S': 'd'}, {'S': 'e'}]}, 'm': {'M': "
     "{'a': {'M': {'b': {'L': [{'N': '0'}, {'N': '1'}, {'M': {'c': {'S': 'x'"
     "}}}]}}}}}, 'n': {'N': '10'}, 'nl': {'NULL': true}, 'ns': {'NS': ['1', "
     "'2']}, 'pk': {'S': 'u'}, 's': {'S': 'str'}, 'ss': {'SS': ['a', 'b']}}"},
    {"REMOVE m.a", NULL, true, "UPDATED_NEW", "", NULL,
     "{'bs': {'BS': ['AQ==', 'Ag==']}, 'bt': {'BOOL': true}, 'l': {'L': [{'S"
     "': 'a'}, {'S': 'b'}, {'S': 'c'}, {'S': 'd'}, {'S': 'e'}]}, 'm': {'M': "
     "{'k': {'S': 'v'}}}, 'n': {'N': '10'}, 'nl': {'NULL': true}, 'ns': {'NS"
     "': ['1', '2']}, 'pk': {'S': 'u'}, 's': {'S': 'str'}, 'ss': {'SS': ['a'"
     ", 'b']}}"},
    {"REMOVE s", NULL, true, "UPDATED_NEW", "", NULL,
     "{'bs': {'BS': ['AQ==', 'Ag==']}, 'bt': {'BOOL': true}, 'l': {'L': [{'S"
     "': 'a'}, {'S': 'b'}, {'S': 'c'}, {'S': 'd'}, {'S': 'e'}]}, 'm': {'M': "
     "{'a': {'M': {'b': {'L': [{'N': '0'}, {'N': '1'}, {'M': {'c': {'S': 'x'"
     "}}}]}}}, 'k': {'S': 'v'}}}, 'n': {'N': '10'}, 'nl': {'NULL': true}, 'n"
     "s': {'NS': ['1', '2']}, 'pk': {'S': 'u'}, 'ss': {'SS': ['a', 'b']}}"},
    {"SET m.a.b[2].c = :s", "{':s': {'S': 'x'}}", true, "UPDATED_NEW", "",
     "{'m': {'M': {'a': {'M': {'b': {'L': [{'N': '0'}, {'N': '1'}, {'M': {'c"
     "': {'S': 'x'}}}]}}}, 'k': {'S': 'v'}}}}",
     SAME},
    {"SET m.a.b[2].d = :m", "{':m': {'M': {'q': {'S': 'r'}}}}", true, "ALL_NEW",
     "",
     "{'bs': {'BS': ['AQ==', 'Ag==']}, 'bt': {'BOOL': true}, 'l': {'L': [{'S"
     "': 'a'}, {'S': 'b'}, {'S': 'c'}, {'S': 'd'}, {'S': 'e'}]}, 'm': {'M': "
     "{'a': {'M': {'b': {'L': [{'N': '0'}, {'N': '1'}, {'M': {'c': {'S': 'x'"
     "}, 'd': {'M': {'q': {'S': 'r'}}}}}]}}}, 'k': {'S': 'v'}}}, 'n': {'N': "
     "'10'}, 'nl': {'NULL': true}, 'ns': {'NS': ['1', '2']}, 'pk': {'S': 'u'"
     "}, 's': {'S': 'str'}, 'ss': {'SS': ['a', 'b']}}",
     "{'bs': {'BS': ['AQ==', 'Ag==']}, 'bt': {'BOOL': true}, 'l': {'L': [{'S"
     "': 'a'}, {'S': 'b'}, {'S': 'c'}, {'S': 'd'}, {'S': 'e'}]}, 'm': {'M': "
     "{'a': {'M': {'b': {'L': [{'N': '0'}, {'N': '1'}, {'M': {'c': {'S': 'x'"
     "}, 'd': {'M': {'q': {'S': 'r'}}}}}]}}}, 'k': {'S': 'v'}}}, 'n': {'N': "
     "'10'}, 'nl': {'NULL': true}, 'ns': {'NS': ['1', '2']}, 'pk': {'S': 'u'"
     "}, 's': {'S': 'str'}, 'ss': {'SS': ['a', 'b']}}"},
    {"ADD n :n", "{':n': {'N': '1.5'}}", true, "UPDATED_NEW", "",
     "{'n': {'N': '11.5'}}",
     "{'bs': {'BS': ['AQ==', 'Ag==']}, 'bt': {'BOOL': true}, 'l': {'L': [{'S"
     "': 'a'}, {'S': 'b'}, {'S': 'c'}, {'S': 'd'}, {'S': 'e'}]}, 'm': {'M': "
     "{'a': {'M': {'b': {'L': [{'N': '0'}, {'N': '1'}, {'M': {'c': {'S': 'x'"
     "}}}]}}}, 'k': {'S': 'v'}}}, 'n': {'N': '11.5'}, 'nl': {'NULL': true}, "
     "'ns': {'NS': ['1', '2']}, 'pk': {'S': 'u'}, 's': {'S': 'str'}, 'ss': {"
     "'SS': ['a', 'b']}}"},
    {"ADD n :neg", "{':neg': {'N': '-10'}}", true, "UPDATED_NEW", "",
     "{'n': {'N': '0'}}",
     "{'bs': {'BS': ['AQ==', 'Ag==']}, 'bt': {'BOOL': true}, 'l': {'L': [{'S"
     "': 'a'}, {'S': 'b'}, {'S': 'c'}, {'S': 'd'}, {'S': 'e'}]}, 'm': {'M': "
     "{'a': {'M': {'b': {'L': [{'N': '0'}, {'N': '1'}, {'M': {'c': {'S': 'x'"
     "}}}]}}}, 'k': {'S': 'v'}}}, 'n': {'N': '0'}, 'nl': {'NULL': true}, 'ns"
     "': {'NS': ['1', '2']}, 'pk': {'S': 'u'}, 's': {'S': 'str'}, 'ss': {'SS"
     "': ['a', 'b']}}"},
    {"ADD x :n", "{':n': {'N': '1.5'}}", true, "UPDATED_OLD", "", NULL,
     "{'bs': {'BS': ['AQ==', 'Ag==']}, 'bt': {'BOOL': true}, 'l': {'L': [{'S"
     "': 'a'}, {'S': 'b'}, {'S': 'c'}, {'S': 'd'}, {'S': 'e'}]}, 'm': {'M': "
     "{'a': {'M': {'b': {'L': [{'N': '0'}, {'N': '1'}, {'M': {'c': {'S': 'x'"
     "}}}]}}}, 'k': {'S': 'v'}}}, 'n': {'N': '10'}, 'nl': {'NULL': true}, 'n"
     "s': {'NS': ['1', '2']}, 'pk': {'S': 'u'}, 's': {'S': 'str'}, 'ss': {'S"
     "S': ['a', 'b']}, 'x': {'N': '1.5'}}"},
    {"ADD x :n", "{':n': {'N': '1.5'}}", true, "UPDATED_NEW", "",
     "{'x': {'N': '1.5'}}",
     "{'bs': {'BS': ['AQ==', 'Ag==']}, 'bt': {'BOOL': true}, 'l': {'L': [{'S"
     "': 'a'}, {'S': 'b'}, {'S': 'c'}, {'S': 'd'}, {'S': 'e'}]}, 'm': {'M': "
     "{'a': {'M': {'b': {'L': [{'N': '0'}, {'N': '1'}, {'M': {'c': {'S': 'x'"
     "}}}]}}}, 'k': {'S': 'v'}}}, 'n': {'N': '10'}, 'nl': {'NULL': true}, 'n"
     "s': {'NS': ['1', '2']}, 'pk': {'S': 'u'}, 's': {'S': 'str'}, 'ss': {'S"
     "S': ['a', 'b']}, 'x': {'N': '1.5'}}"},
    {"ADD ss :ss", "{':ss': {'SS': ['b', 'z']}}", true, "UPDATED_NEW", "",
     "{'ss': {'SS': ['a', 'b', 'z']}}",
     "{'bs': {'BS': ['AQ==', 'Ag==']}, 'bt': {'BOOL': true}, 'l': {'L': [{'S"
     "': 'a'}, {'S': 'b'}, {'S': 'c'}, {'S': 'd'}, {'S': 'e'}]}, 'm': {'M': "
     "{'a': {'M': {'b': {'L': [{'N': '0'}, {'N': '1'}, {'M': {'c': {'S': 'x'"
     "}}}]}}}, 'k': {'S': 'v'}}}, 'n': {'N': '10'}, 'nl': {'NULL': true}, 'n"
     "s': {'NS': ['1', '2']}, 'pk': {'S': 'u'}, 's': {'S': 'str'}, 'ss': {'S"
     "S': ['a', 'b', 'z']}}"},
    {"ADD ns :ns", "{':ns': {'NS': ['2.0', '5']}}", true, "UPDATED_NEW", "",
     "{'ns': {'NS': ['1', '2', '5']}}",
     "{'bs': {'BS': ['AQ==', 'Ag==']}, 'bt': {'BOOL': true}, 'l': {'L': [{'S"
     "': 'a'}, {'S': 'b'}, {'S': 'c'}, {'S': 'd'}, {'S': 'e'}]}, 'm': {'M': "
     "{'a': {'M': {'b': {'L': [{'N': '0'}, {'N': '1'}, {'M': {'c': {'S': 'x'"
     "}}}]}}}, 'k': {'S': 'v'}}}, 'n': {'N': '10'}, 'nl': {'NULL': true}, 'n"
     "s': {'NS': ['1', '2', '5']}, 'pk': {'S': 'u'}, 's': {'S': 'str'}, 'ss'"
     ": {'SS': ['a', 'b']}}"},
    {"ADD bs :bs", "{':bs': {'BS': ['Ag==', 'CQ==']}}", true, "UPDATED_NEW", "",
     "{'bs': {'BS': ['AQ==', 'Ag==', 'CQ==']}}",
     "{'bs': {'BS': ['AQ==', 'Ag==', 'CQ==']}, 'bt': {'BOOL': true}, 'l': {'"
     "L': [{'S': 'a'}, {'S': 'b'}, {'S': 'c'}, {'S': 'd'}, {'S': 'e'}]}, 'm'"
     ": {'M': {'a': {'M': {'b': {'L': [{'N': '0'}, {'N': '1'}, {'M': {'c': {"
     "'S': 'x'}}}]}}}, 'k': {'S': 'v'}}}, 'n': {'N': '10'}, 'nl': {'NULL': t"
     "rue}, 'ns': {'NS': ['1', '2']}, 'pk': {'S': 'u'}, 's': {'S': 'str'}, '"
     "ss': {'SS': ['a', 'b']}}"},
    {"ADD m.cnt :one, m.set :ss",
     "{':one': {'N': '1'}, ':ss': {'SS': ['b', 'z']}}", true, "UPDATED_NEW",
     "Invalid UpdateExpression: Syntax error; token: \"set\", near: \".set :"
     "ss\"",
     NULL, SAME},
    {"ADD l[7] :one", "{':one': {'N': '1'}}", true, "ALL_NEW", "",
     "{'bs': {'BS': ['AQ==', 'Ag==']}, 'bt': {'BOOL': true}, 'l': {'L': [{'S"
     "': 'a'}, {'S': 'b'}, {'S': 'c'}, {'S': 'd'}, {'S': 'e'}, {'N': '1'}]},"
     " 'm': {'M': {'a': {'M': {'b': {'L': [{'N': '0'}, {'N': '1'}, {'M': {'c"
     "': {'S': 'x'}}}]}}}, 'k': {'S': 'v'}}}, 'n': {'N': '10'}, 'nl': {'NULL"
     "': true}, 'ns': {'NS': ['1', '2']}, 'pk': {'S': 'u'}, 's': {'S': 'str'"
     "}, 'ss': {'SS': ['a', 'b']}}",
     "{'bs': {'BS': ['AQ==', 'Ag==']}, 'bt': {'BOOL': true}, 'l': {'L': [{'S"
     "': 'a'}, {'S': 'b'}, {'S': 'c'}, {'S': 'd'}, {'S': 'e'}, {'N': '1'}]},"
     " 'm': {'M': {'a': {'M': {'b': {'L': [{'N': '0'}, {'N': '1'}, {'M': {'c"
     "': {'S': 'x'}}}]}}}, 'k': {'S': 'v'}}}, 'n': {'N': '10'}, 'nl': {'NULL"
     "': true}, 'ns': {'NS': ['1', '2']}, 'pk': {'S': 'u'}, 's': {'S': 'str'"
     "}, 'ss': {'SS': ['a', 'b']}}"},
    {"DELETE ss :ss", "{':ss': {'SS': ['b', 'z']}}", true, "UPDATED_NEW", "",
     "{'ss': {'SS': ['a']}}",
     "{'bs': {'BS': ['AQ==', 'Ag==']}, 'bt': {'BOOL': true}, 'l': {'L': [{'S"
     "': 'a'}, {'S': 'b'}, {'S': 'c'}, {'S': 'd'}, {'S': 'e'}]}, 'm': {'M': "
     "{'a': {'M': {'b': {'L': [{'N': '0'}, {'N': '1'}, {'M': {'c': {'S': 'x'"
     "}}}]}}}, 'k': {'S': 'v'}}}, 'n': {'N': '10'}, 'nl': {'NULL': true}, 'n"
     "s': {'NS': ['1', '2']}, 'pk': {'S': 'u'}, 's': {'S': 'str'}, 'ss': {'S"
     "S': ['a']}}"},
    {"DELETE ss :ssab", "{':ssab': {'SS': ['a', 'b']}}", true, "UPDATED_NEW",
     "", NULL,
     "{'bs': {'BS': ['AQ==', 'Ag==']}, 'bt': {'BOOL': true}, 'l': {'L': [{'S"
     "': 'a'}, {'S': 'b'}, {'S': 'c'}, {'S': 'd'}, {'S': 'e'}]}, 'm': {'M': "
     "{'a': {'M': {'b': {'L': [{'N': '0'}, {'N': '1'}, {'M': {'c': {'S': 'x'"
     "}}}]}}}, 'k': {'S': 'v'}}}, 'n': {'N': '10'}, 'nl': {'NULL': true}, 'n"
     "s': {'NS': ['1', '2']}, 'pk': {'S': 'u'}, 's': {'S': 'str'}}"},
    {"DELETE ss :ssab", "{':ssab': {'SS': ['a', 'b']}}", true, "UPDATED_OLD",
     "", "{'ss': {'SS': ['a', 'b']}}",
     "{'bs': {'BS': ['AQ==', 'Ag==']}, 'bt': {'BOOL': true}, 'l': {'L': [{'S"
     "': 'a'}, {'S': 'b'}, {'S': 'c'}, {'S': 'd'}, {'S': 'e'}]}, 'm': {'M': "
     "{'a': {'M': {'b': {'L': [{'N': '0'}, {'N': '1'}, {'M': {'c': {'S': 'x'"
     "}}}]}}}, 'k': {'S': 'v'}}}, 'n': {'N': '10'}, 'nl': {'NULL': true}, 'n"
     "s': {'NS': ['1', '2']}, 'pk': {'S': 'u'}, 's': {'S': 'str'}}"},
    {"DELETE ns :nsall", "{':nsall': {'NS': ['1', '2']}}", true, "ALL_NEW", "",
     "{'bs': {'BS': ['AQ==', 'Ag==']}, 'bt': {'BOOL': true}, 'l': {'L': [{'S"
     "': 'a'}, {'S': 'b'}, {'S': 'c'}, {'S': 'd'}, {'S': 'e'}]}, 'm': {'M': "
     "{'a': {'M': {'b': {'L': [{'N': '0'}, {'N': '1'}, {'M': {'c': {'S': 'x'"
     "}}}]}}}, 'k': {'S': 'v'}}}, 'n': {'N': '10'}, 'nl': {'NULL': true}, 'p"
     "k': {'S': 'u'}, 's': {'S': 'str'}, 'ss': {'SS': ['a', 'b']}}",
     "{'bs': {'BS': ['AQ==', 'Ag==']}, 'bt': {'BOOL': true}, 'l': {'L': [{'S"
     "': 'a'}, {'S': 'b'}, {'S': 'c'}, {'S': 'd'}, {'S': 'e'}]}, 'm': {'M': "
     "{'a': {'M': {'b': {'L': [{'N': '0'}, {'N': '1'}, {'M': {'c': {'S': 'x'"
     "}}}]}}}, 'k': {'S': 'v'}}}, 'n': {'N': '10'}, 'nl': {'NULL': true}, 'p"
     "k': {'S': 'u'}, 's': {'S': 'str'}, 'ss': {'SS': ['a', 'b']}}"},
    {"DELETE bs :bs", "{':bs': {'BS': ['Ag==', 'CQ==']}}", true, "UPDATED_NEW",
     "", "{'bs': {'BS': ['AQ==']}}",
     "{'bs': {'BS': ['AQ==']}, 'bt': {'BOOL': true}, 'l': {'L': [{'S': 'a'},"
     " {'S': 'b'}, {'S': 'c'}, {'S': 'd'}, {'S': 'e'}]}, 'm': {'M': {'a': {'"
     "M': {'b': {'L': [{'N': '0'}, {'N': '1'}, {'M': {'c': {'S': 'x'}}}]}}},"
     " 'k': {'S': 'v'}}}, 'n': {'N': '10'}, 'nl': {'NULL': true}, 'ns': {'NS"
     "': ['1', '2']}, 'pk': {'S': 'u'}, 's': {'S': 'str'}, 'ss': {'SS': ['a'"
     ", 'b']}}"},
    {"DELETE nope :ss", "{':ss': {'SS': ['b', 'z']}}", true, "ALL_NEW", "",
     "{'bs': {'BS': ['AQ==', 'Ag==']}, 'bt': {'BOOL': true}, 'l': {'L': [{'S"
     "': 'a'}, {'S': 'b'}, {'S': 'c'}, {'S': 'd'}, {'S': 'e'}]}, 'm': {'M': "
     "{'a': {'M': {'b': {'L': [{'N': '0'}, {'N': '1'}, {'M': {'c': {'S': 'x'"
     "}}}]}}}, 'k': {'S': 'v'}}}, 'n': {'N': '10'}, 'nl': {'NULL': true}, 'n"
     "s': {'NS': ['1', '2']}, 'pk': {'S': 'u'}, 's': {'S': 'str'}, 'ss': {'S"
     "S': ['a', 'b']}}",
     SAME},
    {"DELETE l[9] :ss", "{':ss': {'SS': ['b', 'z']}}", true, "UPDATED_NEW", "",
     NULL, SAME},
    {"ADD m.set :ss DELETE m.a.b[0] :ns",
     "{':ss': {'SS': ['b', 'z']}, ':ns': {'NS': ['2.0', '5']}}", true,
     "UPDATED_NEW",
     "Invalid UpdateExpression: Syntax error; token: \"set\", near: \".set :"
     "ss\"",
     NULL, SAME},
    {"SET s = s + :one", "{':one': {'N': '1'}}", true, "NONE",
     "An operand in the update expression has an incorrect data type", NULL,
     SAME},
    {"SET x = nope", NULL, true, "NONE",
     "The provided expression refers to an attribute that does not exist in "
     "the item",
     NULL, SAME},
    {"SET x = nope + :one", "{':one': {'N': '1'}}", true, "NONE",
     "The provided expression refers to an attribute that does not exist in "
     "the item",
     NULL, SAME},
    {"SET x = s + nope", NULL, true, "NONE",
     "An operand in the update expression has an incorrect data type", NULL,
     SAME},
    {"SET x = list_append(s, :l)", "{':l': {'L': [{'S': 'q'}]}}", true, "NONE",
     "An operand in the update expression has an incorrect data type", NULL,
     SAME},
    {"SET x = list_append(nope, :l)", "{':l': {'L': [{'S': 'q'}]}}", true,
     "NONE",
     "The provided expression refers to an attribute that does not exist in "
     "the item",
     NULL, SAME},
    {"SET x = if_not_exists(s, nope)", NULL, true, "NONE",
     "The provided expression refers to an attribute that does not exist in "
     "the item",
     NULL, SAME},
    {"SET x = l[9]", NULL, true, "NONE",
     "The provided expression refers to an attribute that does not exist in "
     "the item",
     NULL, SAME},
    {"SET x.y = :s", "{':s': {'S': 'x'}}", true, "NONE",
     "The document path provided in the update expression is invalid for upd"
     "ate",
     NULL, SAME},
    {"SET s.y = :s", "{':s': {'S': 'x'}}", true, "NONE",
     "The document path provided in the update expression is invalid for upd"
     "ate",
     NULL, SAME},
    {"SET l.y = :s", "{':s': {'S': 'x'}}", true, "NONE",
     "The document path provided in the update expression is invalid for upd"
     "ate",
     NULL, SAME},
    {"SET m[0] = :s", "{':s': {'S': 'x'}}", true, "NONE",
     "The document path provided in the update expression is invalid for upd"
     "ate",
     NULL, SAME},
    {"SET l[9].y = :s", "{':s': {'S': 'x'}}", true, "NONE",
     "The document path provided in the update expression is invalid for upd"
     "ate",
     NULL, SAME},
    {"REMOVE nope.a", NULL, true, "NONE",
     "The document path provided in the update expression is invalid for upd"
     "ate",
     NULL, SAME},
    {"REMOVE s[0]", NULL, true, "NONE",
     "The document path provided in the update expression is invalid for upd"
     "ate",
     NULL, SAME},
    {"ADD s :one", "{':one': {'N': '1'}}", true, "NONE",
     "An operand in the update expression has an incorrect data type", NULL,
     SAME},
    {"ADD n :ss", "{':ss': {'SS': ['b', 'z']}}", true, "NONE",
     "An operand in the update expression has an incorrect data type", NULL,
     SAME},
    {"ADD ss :ns", "{':ns': {'NS': ['2.0', '5']}}", true, "NONE",
     "An operand in the update expression has an incorrect data type", NULL,
     SAME},
    {"ADD m :ns", "{':ns': {'NS': ['2.0', '5']}}", true, "NONE",
     "An operand in the update expression has an incorrect data type", NULL,
     SAME},
    {"DELETE s :ss", "{':ss': {'SS': ['b', 'z']}}", true, "NONE",
     "An operand in the update expression has an incorrect data type", NULL,
     SAME},
    {"DELETE n :ns", "{':ns': {'NS': ['2.0', '5']}}", true, "NONE",
     "An operand in the update expression has an incorrect data type", NULL,
     SAME},
    {"DELETE ss :ns", "{':ns': {'NS': ['2.0', '5']}}", true, "NONE",
     "An operand in the update expression has an incorrect data type", NULL,
     SAME},
    {"DELETE l :ss", "{':ss': {'SS': ['b', 'z']}}", true, "NONE",
     "An operand in the update expression has an incorrect data type", NULL,
     SAME},
    {"ADD nope.a :one", "{':one': {'N': '1'}}", true, "NONE",
     "The document path provided in the update expression is invalid for upd"
     "ate",
     NULL, SAME},
    {"SET x = nope, y = s + :one", "{':one': {'N': '1'}}", true, "NONE",
     "An operand in the update expression has an incorrect data type", NULL,
     SAME},
    {"SET y = s + :one, x = nope", "{':one': {'N': '1'}}", true, "NONE",
     "An operand in the update expression has an incorrect data type", NULL,
     SAME},
    {"ADD s :one SET y = nope", "{':one': {'N': '1'}}", true, "NONE",
     "The provided expression refers to an attribute that does not exist in "
     "the item",
     NULL, SAME},
    {"SET y = nope ADD n :one", "{':one': {'N': '1'}}", true, "NONE",
     "The provided expression refers to an attribute that does not exist in "
     "the item",
     NULL, SAME},
    {"SET x = s + :one, y.z = :s", "{':s': {'S': 'x'}, ':one': {'N': '1'}}",
     true, "NONE",
     "The document path provided in the update expression is invalid for upd"
     "ate",
     NULL, SAME},
    {"SET y.z = :s, x = s + :one", "{':s': {'S': 'x'}, ':one': {'N': '1'}}",
     true, "NONE",
     "The document path provided in the update expression is invalid for upd"
     "ate",
     NULL, SAME},
    {"SET x = nope, m.a.b[2].c.d = :s", "{':s': {'S': 'x'}}", true, "NONE",
     "The document path provided in the update expression is invalid for upd"
     "ate",
     NULL, SAME},
    {"SET m.zz.q = :s, l[1] = nope", "{':s': {'S': 'x'}}", true, "NONE",
     "The document path provided in the update expression is invalid for upd"
     "ate",
     NULL, SAME},
    {"SET x = list_append(nope, s + :one)", "{':one': {'N': '1'}}", true,
     "NONE",
     "Invalid UpdateExpression: Syntax error; token: \"+\", near: \"s + :one"
     "\"",
     NULL, SAME},
    {"SET a = :s", "{':s': {'S': 'x'}}", false, "ALL_NEW", "",
     "{'a': {'S': 'x'}, 'pk': {'S': 'absent'}}",
     "{'a': {'S': 'x'}, 'pk': {'S': 'absent'}}"},
    {"SET a = :s", "{':s': {'S': 'x'}}", false, "ALL_OLD", "", NULL,
     "{'a': {'S': 'x'}, 'pk': {'S': 'absent'}}"},
    {"REMOVE a", NULL, false, "ALL_NEW", "", "{'pk': {'S': 'absent'}}",
     "{'pk': {'S': 'absent'}}"},
    {"ADD c :one", "{':one': {'N': '1'}}", false, "UPDATED_NEW", "",
     "{'c': {'N': '1'}}", "{'c': {'N': '1'}, 'pk': {'S': 'absent'}}"},
    {"DELETE ss :ss", "{':ss': {'SS': ['b', 'z']}}", false, "ALL_NEW", "",
     "{'pk': {'S': 'absent'}}", "{'pk': {'S': 'absent'}}"},
    {"SET a.b = :s", "{':s': {'S': 'x'}}", false, "NONE",
     "The document path provided in the update expression is invalid for upd"
     "ate",
     NULL, NULL},

};

static const struct sst_emu_key_name pk_key[] = {{"pk", 2}};

/* Run one UpdateExpression the way UpdateItem does after its condition:
 * key check, apply (from the key when the item is absent), ReturnValues. */
static enum sst_code
run_update(const char *expr, const char *values, const char *names,
           const struct sst_av *item, const char *key, const char *rv,
           struct sst_av **next, struct sst_av **attrs, struct sst_err *err)
{
    struct sst_emu_exprs x;
    struct sst_av *k = item_of(key);
    enum sst_emu_return_values r = SST_EMU_RV_NONE;
    char body[2048];
    enum sst_code rc;

    *next = *attrs = NULL;
    snprintf(body, sizeof body, "{'UpdateExpression': '%s'%s%s%s%s}", expr,
             values ? ", 'ExpressionAttributeValues': " : "",
             values ? values : "",
             names ? ", 'ExpressionAttributeNames': " : "", names ? names : "");
    rc = prepare(&x, SST_EMU_REQ_UPDATE_ITEM, body, err);
    if (rc == SST_OK)
        rc = sst_emu_return_values_parse(rv, &r, err);
    if (rc == SST_OK)
        rc = sst_emu_update_check_keys(&x.update, pk_key, 1, err);
    if (rc == SST_OK)
        rc = sst_emu_update_apply(&x.update, &x.bindings, item ? item : k, next,
                                  err);
    if (rc == SST_OK)
        rc =
            sst_emu_update_return_values(&x.update, r, item, *next, attrs, err);
    if (rc != SST_OK) {
        sst_av_free(*next);
        *next = NULL;
    }
    sst_emu_exprs_cleanup(&x);
    sst_av_free(k);
    return rc;
}

static void
recorded_rows(void)
{
    struct sst_av *item = item_of(upd_item), *next, *attrs;
    struct sst_err err;
    enum sst_code rc;
    char row[160];
    size_t i;

    CU_ASSERT_PTR_NOT_NULL_FATAL(item);
    for (i = 0; i < N_(rows); i++) {
        const struct row *r = &rows[i];
        snprintf(row, sizeof row, "row %zu (%s, %s)", i, r->expr, r->rv);
        memset(&err, 0, sizeof err);
        rc = run_update(r->expr, r->values, NULL, r->present ? item : NULL,
                        r->present ? "{'pk': {'S': 'u'}}"
                                   : "{'pk': {'S': 'absent'}}",
                        r->rv, &next, &attrs, &err);
        if ((rc == SST_OK) != (r->message[0] == '\0') ||
            strcmp(rc == SST_OK ? "" : err.message, r->message) != 0) {
            printf("\n  %s\n    expected \"%s\"\n    actual   \"%s\"\n", row,
                   r->message, rc == SST_OK ? "" : err.message);
            CU_FAIL(row);
        }
        if (rc == SST_OK) {
            if (!item_is(attrs, r->attributes ? r->attributes : "null", row))
                CU_FAIL(row);
            if (!item_is(next,
                         strcmp(r->after, SAME) == 0 ? upd_item : r->after,
                         row))
                CU_FAIL(row);
        } else {
            CU_ASSERT_EQUAL(rc, SST_E_VALIDATION);
            /* a failed update leaves the item as it was */
            CU_ASSERT(r->after == NULL ? !r->present
                                       : strcmp(r->after, SAME) == 0);
        }
        sst_av_free(next);
        sst_av_free(attrs);
    }
    sst_av_free(item);
}

struct key_row {
    const char *expr;
    const char *values;
    const char *names;
    const char *message;
};

#define KEY_MSG                                                                \
    "One or more parameter values were invalid: Cannot update attribute pk. "  \
    "This attribute is part of the key"

static const struct key_row key_rows[] = {
    {"SET pk = :v", "{':v': {'S': 'u'}}", NULL, KEY_MSG},
    {"REMOVE pk", NULL, NULL, KEY_MSG},
    {"SET pk.x = :v", "{':v': {'S': 'u'}}", NULL, KEY_MSG},
    {"ADD pk :n", "{':n': {'N': '1'}}", NULL, KEY_MSG},
    {"DELETE pk :s", "{':s': {'SS': ['u']}}", NULL, KEY_MSG},
    {"SET #k = :v", "{':v': {'S': 'u'}}", "{'#k': 'pk'}", KEY_MSG},
    /* checked before any runtime error of the update */
    {"SET s = s + :n, pk = :v", "{':v': {'S': 'u'}, ':n': {'N': '1'}}", NULL,
     KEY_MSG},
    {"SET x.y = :v REMOVE pk", "{':v': {'S': 'u'}}", NULL, KEY_MSG},
    {"SET x = pk", NULL, NULL, ""},
};

static void
key_attributes(void)
{
    struct sst_av *item = item_of(upd_item), *next, *attrs;
    struct sst_err err;
    enum sst_code rc;
    size_t i;

    for (i = 0; i < N_(key_rows); i++) {
        rc =
            run_update(key_rows[i].expr, key_rows[i].values, key_rows[i].names,
                       item, "{'pk': {'S': 'u'}}", "NONE", &next, &attrs, &err);
        SST_ASSERT_STR_EQ(rc == SST_OK ? "" : err.message, key_rows[i].message);
        sst_av_free(next);
        sst_av_free(attrs);
    }
    sst_av_free(item);
}

/* A value of depth levels of maps around a string. */
static struct sst_av *
nest(int depth)
{
    struct sst_av *v = sst_av_new(SST_AV_S), *m;

    while (depth-- > 0) {
        m = sst_av_new(SST_AV_M);
        CU_ASSERT_EQUAL(sst_av_map_push(m, "k", 1, v), SST_OK);
        v = m;
    }
    return v;
}

/* The limits checked on the new item: 32 levels, 400 KB. */
static void
limits(void)
{
    struct sst_emu_exprs x;
    struct sst_av *item, *next = NULL, *v;
    struct sst_err err;
    char *big;

    /* SET c.d = 31 nested maps: c (level 2) + 31 = 33 levels */
    item = item_of("{'pk': {'S': 'deep'}, 'c': {'M': {}}}");
    CU_ASSERT_EQUAL(prepare(&x, SST_EMU_REQ_UPDATE_ITEM,
                            "{'UpdateExpression': 'SET c.d = :l', "
                            "'ExpressionAttributeValues': {':l': {'S': "
                            "'x'}}}",
                            &err),
                    SST_OK);
    v = nest(31);
    sst_av_free(x.bindings.values[0].value);
    x.bindings.values[0].value = v;
    CU_ASSERT_EQUAL(
        sst_emu_update_apply(&x.update, &x.bindings, item, &next, &err),
        SST_E_VALIDATION);
    SST_ASSERT_STR_EQ(err.message,
                      "Nesting Levels have exceeded supported limits");
    CU_ASSERT_PTR_NULL(next);
    /* 30 levels fit */
    sst_av_free(x.bindings.values[0].value);
    x.bindings.values[0].value = nest(30);
    CU_ASSERT_EQUAL(
        sst_emu_update_apply(&x.update, &x.bindings, item, &next, &err),
        SST_OK);
    sst_av_free(next);
    next = NULL;
    sst_emu_exprs_cleanup(&x);
    sst_av_free(item);

    /* an item of 300006 bytes: pk(2)+big(3) + a(1)+300000; b(1)+n */
    big = malloc(300001);
    memset(big, 'x', 300000);
    big[300000] = '\0';
    {
        char *text = malloc(300100);
        snprintf(text, 300100, "{'pk': {'S': 'big'}, 'a': {'S': '%s'}}", big);
        item = item_of(text);
        free(text);
    }
    CU_ASSERT_PTR_NOT_NULL_FATAL(item);
    CU_ASSERT_EQUAL(prepare(&x, SST_EMU_REQ_UPDATE_ITEM,
                            "{'UpdateExpression': 'SET b = :v', "
                            "'ExpressionAttributeValues': {':v': {'S': "
                            "'x'}}}",
                            &err),
                    SST_OK);
    v = x.bindings.values[0].value;
    sst_free(v->u.str.ptr);
    big[109593] = '\0'; /* 300006 + 1 + 109593 = 409600 */
    v->u.str.ptr = sst_strdup(big);
    v->u.str.len = 109593;
    CU_ASSERT_EQUAL(
        sst_emu_update_apply(&x.update, &x.bindings, item, &next, &err),
        SST_OK);
    CU_ASSERT_EQUAL(sst_av_item_size(next), 409600);
    sst_av_free(next);
    next = NULL;
    sst_free(v->u.str.ptr);
    big[109593] = 'x';
    big[109594] = '\0';
    v->u.str.ptr = sst_strdup(big);
    v->u.str.len = 109594;
    CU_ASSERT_EQUAL(
        sst_emu_update_apply(&x.update, &x.bindings, item, &next, &err),
        SST_E_VALIDATION);
    SST_ASSERT_STR_EQ(err.message, "Item size to update has exceeded the "
                                   "maximum allowed size");
    CU_ASSERT_PTR_NULL(next);
    sst_emu_exprs_cleanup(&x);
    sst_av_free(item);
    free(big);
}

static void
return_values_parse(void)
{
    static const char *const ok[] = {"NONE", "ALL_OLD", "UPDATED_OLD",
                                     "ALL_NEW", "UPDATED_NEW"};
    enum sst_emu_return_values rv;
    struct sst_err err;
    size_t i;

    for (i = 0; i < N_(ok); i++) {
        CU_ASSERT_EQUAL(sst_emu_return_values_parse(ok[i], &rv, &err), SST_OK);
        CU_ASSERT_EQUAL(rv, (enum sst_emu_return_values)i);
    }
    CU_ASSERT_EQUAL(sst_emu_return_values_parse("EVERYTHING", &rv, &err),
                    SST_E_VALIDATION);
    SST_ASSERT_STR_EQ(err.message, "Return values set to invalid value");
    CU_ASSERT_EQUAL(sst_emu_return_values_parse("all_new", &rv, &err),
                    SST_E_VALIDATION);
}

static void
misuse(void)
{
    struct sst_emu_exprs x;
    struct sst_av *next = (struct sst_av *)1;
    struct sst_err err;

    CU_ASSERT_EQUAL(prepare(&x, SST_EMU_REQ_DELETE_ITEM,
                            "{'ConditionExpression': 'attribute_exists(a)'}",
                            &err),
                    SST_OK);
    CU_ASSERT_EQUAL(
        sst_emu_update_apply(&x.condition, &x.bindings, NULL, &next, &err),
        SST_E_INVALID_ARG);
    CU_ASSERT_PTR_NULL(next);
    sst_emu_exprs_cleanup(&x);
}

static void
oom_apply(void)
{
    struct sst_av *item = item_of(upd_item), *next = NULL, *attrs = NULL;
    struct sst_emu_exprs x;
    struct sst_err err;
    enum sst_code rc = SST_E_NOMEM;
    long n;

    CU_ASSERT_EQUAL_FATAL(
        prepare(&x, SST_EMU_REQ_UPDATE_ITEM,
                "{'UpdateExpression': 'SET n = n + :n, l[9] = :s, m.a.b[2].d "
                "= list_append(:l, l) REMOVE l[1] ADD ss :ss, x :n DELETE ns "
                ":ns', 'ExpressionAttributeValues': {':n': {'N': '1.5'}, "
                "':s': {'S': 'x'}, ':l': {'L': [{'S': 'q'}]}, ':ss': {'SS': "
                "['z']}, ':ns': {'NS': ['1']}}}",
                &err),
        SST_OK);
    for (n = 1; n < 100000 && rc == SST_E_NOMEM; n++) {
        sst_mem_fail_after(n);
        rc = sst_emu_update_apply(&x.update, &x.bindings, item, &next, &err);
        if (rc == SST_OK)
            rc = sst_emu_update_return_values(&x.update, SST_EMU_RV_UPDATED_NEW,
                                              item, next, &attrs, &err);
        sst_mem_fail_reset();
        CU_ASSERT(rc == SST_OK || rc == SST_E_NOMEM);
        if (rc != SST_OK) {
            sst_av_free(next);
            next = NULL;
        }
    }
    CU_ASSERT_EQUAL(rc, SST_OK);
    CU_ASSERT(n > 10);
    CU_ASSERT(item_is(attrs,
                      "{'n': {'N': '11.5'}, 'l': {'L': [{'S': 'a'}, {'S': "
                      "'c'}, {'S': 'd'}, {'S': 'e'}, {'S': 'x'}]}, 'm': {'M': "
                      "{'a': {'M': {'b': {'L': [{'N': '0'}, {'N': '1'}, {'M': "
                      "{'c': {'S': 'x'}, 'd': {'L': [{'S': 'q'}, {'S': 'a'}, "
                      "{'S': 'b'}, {'S': 'c'}, {'S': 'd'}, {'S': 'e'}]}}}]}}}, "
                      "'k': {'S': 'v'}}}, 'ss': {'SS': ['a', 'b', 'z']}, 'x': "
                      "{'N': '1.5'}, 'ns': {'NS': ['2']}}",
                      "oom result"));
    sst_av_free(next);
    sst_av_free(attrs);
    sst_av_free(item);
    sst_emu_exprs_cleanup(&x);
}

static const struct sst_test tests[] = {
    {"recorded rows", recorded_rows},
    {"key attributes", key_attributes},
    {"nesting and size limits", limits},
    {"ReturnValues names", return_values_parse},
    {"misuse", misuse},
    {"out of memory", oom_apply},
    {NULL, NULL},
};

static const struct sst_suite suites[] = {
    {"update", NULL, NULL, tests},
    {NULL, NULL, NULL, NULL},
};

int
main(int argc, char **argv)
{
    return sst_test_main(argc, argv, "test_update", suites);
}
