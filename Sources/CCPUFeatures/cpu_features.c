#include "cpu_features.h"

#include <string.h>
#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif

#if defined(__x86_64__) || defined(__i386__)
/* XCR0: which register states the operating system saves on a context switch. */
static unsigned long long read_xcr0(void) {
  unsigned int eax, edx;
  __asm__ volatile("xgetbv" : "=a"(eax), "=d"(edx) : "c"(0));
  return ((unsigned long long)edx << 32) | eax;
}
#endif

void latent_cpu_read_features(struct latent_cpu_features *features) {
  memset(features, 0, sizeof *features);
#if defined(__x86_64__) || defined(__i386__)
  unsigned int eax, ebx, ecx, edx;
  if (!__get_cpuid(0, &eax, &ebx, &ecx, &edx)) return;
  unsigned int max_leaf = eax;
  memcpy(features->vendor, &ebx, 4);
  memcpy(features->vendor + 4, &edx, 4);
  memcpy(features->vendor + 8, &ecx, 4);

  __get_cpuid(1, &eax, &ebx, &ecx, &edx);
  features->sse4_2 = (ecx >> 20) & 1;
  int fma = (ecx >> 12) & 1, osxsave = (ecx >> 27) & 1, avx = (ecx >> 28) & 1;
  unsigned long long xcr0 = osxsave ? read_xcr0() : 0;
  int os_saves_ymm = (xcr0 & 0x6) == 0x6;   /* SSE and AVX state */
  int os_saves_zmm = (xcr0 & 0xe6) == 0xe6; /* plus opmask and both ZMM halves */
  features->avx = avx && os_saves_ymm;
  features->fma = fma && os_saves_ymm;

  if (max_leaf >= 7) {
    __cpuid_count(7, 0, eax, ebx, ecx, edx);
    unsigned int subleaves = eax;
    features->avx2 = ((ebx >> 5) & 1) && os_saves_ymm;
    features->avx512f = ((ebx >> 16) & 1) && os_saves_zmm;
    features->avx512dq = ((ebx >> 17) & 1) && os_saves_zmm;
    features->avx512bw = ((ebx >> 30) & 1) && os_saves_zmm;
    features->avx512vl = ((ebx >> 31) & 1) && os_saves_zmm;
    if (subleaves >= 1) {
      __cpuid_count(7, 1, eax, ebx, ecx, edx);
      features->avx512_bf16 = ((eax >> 5) & 1) && os_saves_zmm;
    }
  }

  __get_cpuid(0x80000000, &eax, &ebx, &ecx, &edx);
  if (eax >= 0x80000004) {
    unsigned int brand[12];
    for (unsigned int leaf = 0; leaf < 3; leaf++) {
      __get_cpuid(0x80000002 + leaf, &brand[4 * leaf], &brand[4 * leaf + 1], &brand[4 * leaf + 2],
                  &brand[4 * leaf + 3]);
    }
    memcpy(features->model_name, brand, 48);
  }
#endif
}
