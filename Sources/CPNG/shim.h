#ifndef LATENT_CPNG_SHIM_H
#define LATENT_CPNG_SHIM_H
#include <png.h>
/* Macros built from expressions do not import into Swift; re-export them. */
static const png_uint_32 CPNG_FORMAT_GRAY = PNG_FORMAT_GRAY;
static const png_uint_32 CPNG_FORMAT_GA = PNG_FORMAT_GA;
static const png_uint_32 CPNG_FORMAT_RGB = PNG_FORMAT_RGB;
static const png_uint_32 CPNG_FORMAT_RGBA = PNG_FORMAT_RGBA;
static const png_uint_32 CPNG_FORMAT_FLAG_ALPHA = PNG_FORMAT_FLAG_ALPHA;
static const png_uint_32 CPNG_FORMAT_FLAG_COLOR = PNG_FORMAT_FLAG_COLOR;
static const png_uint_32 CPNG_FORMAT_FLAG_LINEAR = PNG_FORMAT_FLAG_LINEAR;
static const png_uint_32 CPNG_FORMAT_FLAG_COLORMAP = PNG_FORMAT_FLAG_COLORMAP;
static const png_uint_32 CPNG_IMAGE_FLAG_16BIT_sRGB = PNG_IMAGE_FLAG_16BIT_sRGB;
static const png_uint_32 CPNG_IMAGE_VERSION = PNG_IMAGE_VERSION;
static inline size_t cpng_image_size(png_image image) { return PNG_IMAGE_SIZE(image); }
static inline int cpng_image_failed(png_image image) { return PNG_IMAGE_FAILED(image); }
#endif
