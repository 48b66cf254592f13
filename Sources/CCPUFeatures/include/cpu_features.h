#ifndef LATENT_CPU_FEATURES_H
#define LATENT_CPU_FEATURES_H

/* What CPUID reports, for choosing an OpenBLAS kernel and latent's own kernel level. An instruction set counts only when
   the operating system also saves its registers (XCR0), as OpenBLAS itself requires.
   All zero (and empty strings) on CPUs that are not x86. */
struct latent_cpu_features {
  char vendor[13];      /* "GenuineIntel", "AuthenticAMD", "HygonGenuine", ... */
  char model_name[49];  /* the brand string, e.g. "AMD EPYC 9R14 96-Core Processor" */
  int sse4_2, avx, avx2, fma;
  int avx512f, avx512bw, avx512vl, avx512dq, avx512_bf16;
};

/* Fills `features` from CPUID and XGETBV. */
void latent_cpu_read_features(struct latent_cpu_features *features);

#endif
