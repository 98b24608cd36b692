/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <stddef.h>
#include <stdint.h>

/* The libFuzzer entry points. Every target defines the first; the replay
 * driver (lc-fuzz-replay.c) calls them the same way libFuzzer does, so a
 * crash found by fuzzing stays a test in builds without clang. */
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);
int LLVMFuzzerInitialize   (int           *argc,
                            char        ***argv);
