/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-thread"

#include "config.h"

#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "lc-thread.h"

/* Below the window's priority; a thread cannot raise it back unprivileged,
 * which is fine for pool threads that only ever do background work. */
#define BACKGROUND_NICENESS 10

void
lc_thread_yield_to_ui (void)
{
#ifdef __linux__
  /* Linux keeps niceness per thread: this one, not the whole process. */
  if (getpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid)) < BACKGROUND_NICENESS)
    setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), BACKGROUND_NICENESS);
#endif
}
