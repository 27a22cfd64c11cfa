/*
 * tests/unit/sigv4_suite.h - what the SigV4 tests (test_sigv4_*.c) share:
 * the AWS test suite's credentials, time and scope, and an array count.
 */
#ifndef SST_TESTS_UNIT_SIGV4_SUITE_H
#define SST_TESTS_UNIT_SIGV4_SUITE_H

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* The AWS suite's credentials and time (2015-08-30T12:36:00Z). */
#define SUITE_KEY "AKIDEXAMPLE"
#define SUITE_SECRET "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
#define SUITE_TIME 1440938160
#define SUITE_SCOPE "AKIDEXAMPLE/20150830/us-east-1/service/aws4_request"

#endif
