/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <string.h>

#include <glib.h>

/*
 * SHA-256 without allocation. Nettle uses the CPU's SHA instructions where
 * there are any (four times GChecksum's speed on such a CPU, which matters
 * for hashing a 500 MB export); without Nettle this is GChecksum.
 */
#ifdef LC_HAVE_NETTLE
#include <nettle/sha2.h>

typedef struct sha256_ctx LcSha256;

static inline void
lc_sha256_init (LcSha256 *self)
{
  sha256_init (self);
}

static inline void
lc_sha256_update (LcSha256     *self,
                  const void   *data,
                  gsize         len)
{
  sha256_update (self, len, data);
}

static inline void
lc_sha256_clear (LcSha256 *self)
{
}
#else
typedef struct
{
  GChecksum *checksum;
} LcSha256;

static inline void
lc_sha256_init (LcSha256 *self)
{
  self->checksum = g_checksum_new (G_CHECKSUM_SHA256);
}

static inline void
lc_sha256_update (LcSha256     *self,
                  const void   *data,
                  gsize         len)
{
  g_checksum_update (self->checksum, data, len);
}

static inline void
lc_sha256_clear (LcSha256 *self)
{
  g_clear_pointer (&self->checksum, g_checksum_free);
}
#endif

/* The first 8 bytes of the digest, as a number; clears self. */
static inline gint64
lc_sha256_finish_int64 (LcSha256 *self)
{
  guint8 digest[32];
  gint64 value;
#ifdef LC_HAVE_NETTLE
  sha256_digest (self, sizeof digest, digest);
#else
  gsize len = sizeof digest;

  g_checksum_get_digest (self->checksum, digest, &len);
#endif
  memcpy (&value, digest, sizeof value);
  lc_sha256_clear (self);
  return value;
}

/* Writes the digest as lowercase hex, hex_len (even, at most 64) digits
 * and a NUL, into hex, and clears self. */
static inline void
lc_sha256_finish_hex (LcSha256 *self,
                      char     *hex,
                      gsize     hex_len)
{
#ifdef LC_HAVE_NETTLE
  static const char digits[] = "0123456789abcdef";
  guint8 digest[SHA256_DIGEST_SIZE];

  sha256_digest (self, sizeof digest, digest);
  for (gsize i = 0; i < hex_len / 2; i++)
    {
      hex[2 * i] = digits[digest[i] >> 4];
      hex[2 * i + 1] = digits[digest[i] & 0xf];
    }
#else
  memcpy (hex, g_checksum_get_string (self->checksum), hex_len);
#endif
  hex[hex_len] = '\0';
  lc_sha256_clear (self);
}
