#include "CPNGReader.h"

#include <png.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

/* Bounds on what a file can make libpng do before the caller's pixel limit is checked. They are
 * libpng's own defaults, set here so that no distribution's build can loosen them: rows and
 * columns up to 1,000,000, at most 1000 stored ancillary chunks and 8 MB per chunk (skipped
 * chunks are never stored; these bound PLTE, tRNS and anything libpng keeps). */
enum {
  maximum_side = 1000000,
  maximum_cached_chunks = 1000,
  maximum_chunk_bytes = 8000000,
};

struct latent_png_reader {
  png_structp png;
  png_infop info;
  const uint8_t *bytes;
  size_t count;
  size_t offset;
  latent_png_header header;
  int passes;
  char message[LATENT_PNG_MESSAGE_CAPACITY];
};

static void copy_message(char *destination, const char *source) {
  strncpy(destination, source, LATENT_PNG_MESSAGE_CAPACITY - 1);
  destination[LATENT_PNG_MESSAGE_CAPACITY - 1] = '\0';
}

/* libpng's error handler: keep the message, then return to the setjmp of the current call. */
static void on_error(png_structp png, png_const_charp text) {
  latent_png_reader *reader = png_get_error_ptr(png);
  copy_message(reader->message, text != NULL ? text : "libpng failed without a message");
  png_longjmp(png, 1);
}

/* Warnings (a bad ancillary chunk, extra data after the image) are not errors: stay silent. */
static void on_warning(png_structp png, png_const_charp text) {
  (void)png;
  (void)text;
}

static void read_from_memory(png_structp png, png_bytep destination, size_t length) {
  latent_png_reader *reader = png_get_io_ptr(png);
  if (length > reader->count - reader->offset) png_error(png, "read beyond end of data");
  memcpy(destination, reader->bytes + reader->offset, length);
  reader->offset += length;
}

latent_png_reader *latent_png_begin(
  const uint8_t *bytes, size_t count, latent_png_header *header,
  char message[LATENT_PNG_MESSAGE_CAPACITY]) {
  latent_png_reader *reader = calloc(1, sizeof *reader);
  if (reader == NULL) {
    copy_message(message, "out of memory");
    return NULL;
  }
  reader->bytes = bytes;
  reader->count = count;
  reader->png = png_create_read_struct(PNG_LIBPNG_VER_STRING, reader, on_error, on_warning);
  if (reader->png != NULL) reader->info = png_create_info_struct(reader->png);
  if (reader->png == NULL || reader->info == NULL) {
    copy_message(message, "libpng could not start (out of memory)");
    latent_png_free(reader);
    return NULL;
  }
  png_structp png = reader->png;
  png_infop info = reader->info;
  if (setjmp(png_jmpbuf(png))) {
    copy_message(message, reader->message);
    latent_png_free(reader);
    return NULL;
  }
  png_set_read_fn(png, reader, read_from_memory);
  png_set_user_limits(png, maximum_side, maximum_side);
  png_set_chunk_cache_max(png, maximum_cached_chunks);
  png_set_chunk_malloc_max(png, maximum_chunk_bytes);
  /* Every chunk but IHDR, PLTE, tRNS, IDAT and IEND is skipped without being parsed: no gAMA,
   * sRGB, iCCP or cHRM reaches libpng's colour handling, and no text chunk is inflated. Their
   * checksums are still read; a bad one in an ancillary chunk is a (silent) warning. */
  png_set_keep_unknown_chunks(png, PNG_HANDLE_CHUNK_NEVER, NULL, -1);
  png_read_info(png, info);

  png_uint_32 width = png_get_image_width(png, info);
  png_uint_32 height = png_get_image_height(png, info);
  int color_type = png_get_color_type(png, info);
  int bit_depth = png_get_bit_depth(png, info);
  int has_transparency = png_get_valid(png, info, PNG_INFO_tRNS) != 0;
  uint32_t channels;
  switch (color_type) {
  case PNG_COLOR_TYPE_GRAY: channels = has_transparency ? 2 : 1; break;
  case PNG_COLOR_TYPE_GRAY_ALPHA: channels = 2; break;
  case PNG_COLOR_TYPE_RGB:
  case PNG_COLOR_TYPE_PALETTE: channels = has_transparency ? 4 : 3; break;
  case PNG_COLOR_TYPE_RGB_ALPHA: channels = 4; break;
  default: png_error(png, "unknown colour type");
  }
  if (color_type == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(png);
  if (color_type == PNG_COLOR_TYPE_GRAY && bit_depth < 8) png_set_expand_gray_1_2_4_to_8(png);
  if (has_transparency) png_set_tRNS_to_alpha(png);
  /* round(v / 257), exactly: libpng computes floor((v + 128.5) / 257) in integers. */
  if (bit_depth == 16) png_set_scale_16(png);
  reader->passes = png_set_interlace_handling(png);
  reader->header = (latent_png_header){.width = width, .height = height, .channels = channels};
  *header = reader->header;
  return reader;
}

int latent_png_finish(
  latent_png_reader *reader, uint8_t *pixels, char message[LATENT_PNG_MESSAGE_CAPACITY]) {
  png_structp png = reader->png;
  png_infop info = reader->info;
  if (setjmp(png_jmpbuf(png))) {
    copy_message(message, reader->message);
    return 0;
  }
  png_read_update_info(png, info);
  size_t row_bytes = (size_t)reader->header.width * reader->header.channels;
  if (png_get_bit_depth(png, info) != 8 || png_get_channels(png, info) != reader->header.channels
      || png_get_rowbytes(png, info) != row_bytes) {
    png_error(png, "unexpected pixel layout after expansion");
  }
  /* Each pass of an interlaced image fills its pixels into the rows; one pass otherwise. */
  for (int pass = 0; pass < reader->passes; pass++) {
    for (png_uint_32 row = 0; row < reader->header.height; row++) {
      png_read_row(png, pixels + (size_t)row * row_bytes, NULL);
    }
  }
  return 1;
}

void latent_png_free(latent_png_reader *reader) {
  if (reader == NULL) return;
  if (reader->png != NULL) png_destroy_read_struct(&reader->png, &reader->info, NULL);
  free(reader);
}
