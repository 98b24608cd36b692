/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Helpers for the walks over every order line of a store (returns,
 * bundles), which read orders and lines in the store's own order instead of
 * a join sorted by SQLite. */

/*
 * Texts read from the store (products, variants, sizes, channels, groups),
 * each kept once and numbered from 0 in the order first seen: the walks over
 * a million order lines (returns, bundles) compare and count small integers
 * instead of strings. Texts compare as C strings.
 */
typedef struct
{
  guint32 hash;
  guint32 id;      /* number + 1; 0 when free */
} LcNameSlot;

typedef struct
{
  GStringChunk *chunk;
  GPtrArray    *strings;  /* const char *, by number */
  LcNameSlot   *slots;
  guint32       mask;     /* slots: a power of two, less one */
} LcNames;

void     _lc_names_init   (LcNames    *names);
void     _lc_names_clear  (LcNames    *names);
/* The number of text, added when new. */
gint32   _lc_names_intern (LcNames    *names,
                           const char *text);

static inline const char *
_lc_names_get (const LcNames *names,
               gint32         id)
{
  return (const char *) g_ptr_array_index (names->strings, id);
}

static inline guint
_lc_names_count (const LcNames *names)
{
  return names->strings->len;
}

/* The index in ids (ascending) of id, or -1. Lines come order by order: the
 * index found last (*cursor) or the next is nearly always it. */
static inline gint32
_lc_walk_find_id (const gint64 *ids,
                  guint         n,
                  guint        *cursor,
                  gint64        id)
{
  guint lo = 0, hi = n;

  if (*cursor < n && ids[*cursor] == id)
    return (gint32) *cursor;
  if (*cursor + 1 < n && ids[*cursor + 1] == id)
    return (gint32) ++*cursor;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (ids[mid] < id)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo < n && ids[lo] == id)
    {
      *cursor = lo;
      return (gint32) lo;
    }
  return -1;
}

G_END_DECLS
