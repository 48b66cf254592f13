#ifndef LATENT_CTURBOJPEG_SHIM_H
#define LATENT_CTURBOJPEG_SHIM_H
#include <turbojpeg.h>
#endif
