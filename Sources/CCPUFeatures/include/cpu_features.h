#ifndef LATENT_CPU_FEATURES_H
#define LATENT_CPU_FEATURES_H

/* 1 when this CPU runs AVX2 and FMA code (x86-64-v3, what "-target-cpu haswell" emits),
   else 0. Built without those instructions, so it is safe to call on any x86-64 CPU. */
int latent_cpu_has_avx2_fma(void);

/* What CPUID reports, for choosing an OpenBLAS kernel. An instruction set counts only when
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
