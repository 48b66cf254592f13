#ifndef LATENT_CGIF_SHIM_H
#define LATENT_CGIF_SHIM_H
#include <stdbool.h>
#include <gif_lib.h>
/* Extension codes are macros; re-export them as constants Swift can see. */
static const int CGIF_GRAPHICS_EXT_FUNC_CODE = GRAPHICS_EXT_FUNC_CODE;
static const int CGIF_APPLICATION_EXT_FUNC_CODE = APPLICATION_EXT_FUNC_CODE;
static const int CGIF_GIF_OK = GIF_OK;
#endif
