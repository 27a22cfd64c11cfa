/*
 * tests/unit/test_update_add.c - the update applier (emu/expr/update.c):
 * ADD and DELETE on the corpus's update item (numbers, the three set
 * types, absent attributes, nested paths), with the Attributes each
 * ReturnValues answers and the item afterwards.
 *
 * The rows were recorded from DynamoDB Local; see tests/unit/update_util.h.
 */
#include "update_util.h"

#define N_(a) (sizeof(a) / sizeof((a)[0]))

static const struct row rows[] = {
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
};

static void
recorded_rows(void)
{
    check_rows(rows, N_(rows));
}

static const struct sst_test tests[] = {
    {"recorded rows", recorded_rows},
    {NULL, NULL},
};

static const struct sst_suite suites[] = {
    {"add and delete", NULL, NULL, tests},
    {NULL, NULL, NULL, NULL},
};

int
main(int argc, char **argv)
{
    return sst_test_main(argc, argv, "test_update_add", suites);
}
