/*
 * emu/expr/reserved.h - DynamoDB's reserved words.
 *
 * A bare attribute name in an expression must not be one of the 573 words
 * AWS lists in "Reserved words in DynamoDB" (developer guide); the parser
 * refuses it with "Attribute name is a reserved keyword". The list is
 * compared without regard to ASCII letter case. Names written as #name
 * placeholders are never checked.
 */
#ifndef SST_EMU_EXPR_RESERVED_H
#define SST_EMU_EXPR_RESERVED_H

#include <stdbool.h>
#include <stddef.h>

/* Number of words in the table. */
#define SST_EMU_RESERVED_COUNT 573

/**
 * Whether s[0..n) is a reserved word, in any letter case ("Name", "NAME").
 * s need not be NUL-terminated. Binary search of a sorted table.
 */
bool sst_emu_reserved_is(const char *s, size_t n);

/**
 * The i-th word of the table, upper case, in ascending order; NULL when
 * i >= SST_EMU_RESERVED_COUNT. For tests that walk the whole list.
 */
const char *sst_emu_reserved_word(size_t i);

#endif /* SST_EMU_EXPR_RESERVED_H */
