/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-walk"

#include "config.h"

#include <string.h>

#include "lc-walk-private.h"

void
_lc_names_init (LcNames *names)
{
  names->chunk = g_string_chunk_new (64 * 1024);
  names->strings = g_ptr_array_new ();
  names->mask = 255;
  names->slots = g_new0 (LcNameSlot, names->mask + 1);
}

void
_lc_names_clear (LcNames *names)
{
  g_clear_pointer (&names->chunk, g_string_chunk_free);
  g_clear_pointer (&names->strings, g_ptr_array_unref);
  g_clear_pointer (&names->slots, g_free);
}

/* Eight bytes at a time: a million short texts are hashed. */
static inline guint32
text_hash (const char *text,
           gsize       length)
{
  guint64 hash = length * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  gsize i = 0;

  for (; i + 8 <= length; i += 8)
    {
      guint64 word;

      memcpy (&word, text + i, 8);
      hash = (hash ^ word) * G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
      hash ^= hash >> 29;
    }
  if (i < length)
    {
      guint64 word = 0;

      memcpy (&word, text + i, length - i);
      hash = (hash ^ word) * G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
      hash ^= hash >> 29;
    }
  hash *= G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
  return (guint32) (hash >> 32);
}

static void
names_grow (LcNames *names)
{
  guint32 mask = names->mask * 2 + 1;
  LcNameSlot *slots = g_new0 (LcNameSlot, mask + 1);

  for (guint32 j = 0; j <= names->mask; j++)
    if (names->slots[j].id != 0)
      {
        guint32 i = names->slots[j].hash & mask;

        while (slots[i].id != 0)
          i = (i + 1) & mask;
        slots[i] = names->slots[j];
      }
  g_free (names->slots);
  names->slots = slots;
  names->mask = mask;
}

gint32
_lc_names_intern (LcNames    *names,
                  const char *text)
{
  gsize length = strlen (text);
  guint32 hash = text_hash (text, length);
  guint32 i = hash & names->mask;
  guint id;

  for (; names->slots[i].id != 0; i = (i + 1) & names->mask)
    {
      id = names->slots[i].id - 1;
      if (names->slots[i].hash == hash && strcmp (_lc_names_get (names, id), text) == 0)
        return (gint32) id;
    }
  id = names->strings->len;
  g_ptr_array_add (names->strings, g_string_chunk_insert_len (names->chunk, text, length));
  names->slots[i].hash = hash;
  names->slots[i].id = id + 1;
  if ((gsize) names->strings->len * 2 > (gsize) names->mask + 1)
    names_grow (names);
  return (gint32) id;
}
