#ifndef LATENT_CPNG_READER_H
#define LATENT_CPNG_READER_H

/* A PNG reader on libpng's low-level API that returns the values stored in the file, as PIL,
 * torchvision and OpenCV read them: gamma and colour-profile chunks (gAMA, sRGB, iCCP, cHRM)
 * and every other ancillary chunk except tRNS are skipped unread, so libpng applies no gamma.
 * Palettes and 1/2/4-bit gray expand to 8 bits, tRNS becomes an alpha channel, and 16-bit
 * samples become round(v / 257). libpng reports errors by longjmp, which must never cross a
 * Swift frame: every libpng call happens in this C file, under its own setjmp, and failures
 * come back as a return value with libpng's message. */

#include <stddef.h>
#include <stdint.h>

/* Room for libpng's longest message (it truncates its own at 64 characters plus the chunk). */
#define LATENT_PNG_MESSAGE_CAPACITY 200

/* A read in progress: the file's bytes (borrowed, not copied) and libpng's state. */
typedef struct latent_png_reader latent_png_reader;

/* What the header says, and the shape of the pixels that latent_png_finish writes. */
typedef struct {
  uint32_t width;
  uint32_t height;
  /* Interleaved 8-bit channels per pixel: 1 gray, 2 gray+alpha, 3 RGB, 4 RGBA. */
  uint32_t channels;
} latent_png_header;

/* Reads the chunks before the image data of the PNG in bytes[0 ..< count] and sets up the
 * transformations. Allocates no pixel memory. `bytes` must stay valid until latent_png_free.
 * Returns the reader, or NULL with libpng's message in `message` (NUL-terminated). */
latent_png_reader *latent_png_begin(
  const uint8_t *bytes, size_t count, latent_png_header *header,
  char message[LATENT_PNG_MESSAGE_CAPACITY]);

/* Decodes every pixel into `pixels`, rows top to bottom, width × height × channels bytes.
 * Returns 1, or 0 with libpng's message in `message`. */
int latent_png_finish(
  latent_png_reader *reader, uint8_t *pixels, char message[LATENT_PNG_MESSAGE_CAPACITY]);

/* Frees the reader and libpng's state (NULL is allowed). */
void latent_png_free(latent_png_reader *reader);

#endif
