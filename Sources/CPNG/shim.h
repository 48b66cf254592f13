#ifndef LATENT_CPNG_SHIM_H
#define LATENT_CPNG_SHIM_H
#include <png.h>
/* Macros built from expressions do not import into Swift; re-export them. */
static const png_uint_32 CPNG_FORMAT_GRAY = PNG_FORMAT_GRAY;
static const png_uint_32 CPNG_FORMAT_RGB = PNG_FORMAT_RGB;
static const png_uint_32 CPNG_IMAGE_VERSION = PNG_IMAGE_VERSION;
#endif
