// glibc 2.35 gave hypot and hypotf new symbol versions, so a function linked on a newer glibc (Debian 12 has 2.36)
// asks for GLIBC_2.35 and does not start on provided.al2023 (glibc 2.34). Swift's Glibc overlay references hypotf
// whether or not a function calls it. Defining both here makes the linker resolve every reference in the binary
// to these definitions, which call the GLIBC_2.2.5 versions every glibc since 2002 has: same results (the new
// version only dropped the SVID error-handling wrapper), and no GLIBC_2.35 need. x86_64 and aarch64 only (what
// Lambda runs); on musl or macOS the file is empty.
#if defined(__linux__)
#include <features.h>  // defines __GLIBC__ on glibc, not on musl
#endif
#if defined(__linux__) && defined(__GLIBC__)
#if defined(__x86_64__)
#define STACKCTL_LIBM_BASE "GLIBC_2.2.5"
#elif defined(__aarch64__)
#define STACKCTL_LIBM_BASE "GLIBC_2.17"
#endif

#ifdef STACKCTL_LIBM_BASE
__asm__(".symver stackctl_libm_hypot, hypot@" STACKCTL_LIBM_BASE);
__asm__(".symver stackctl_libm_hypotf, hypotf@" STACKCTL_LIBM_BASE);
double stackctl_libm_hypot(double x, double y);
float stackctl_libm_hypotf(float x, float y);

// Hidden: exported, these would be what the versioned references above resolve to at run time (an endless loop).
__attribute__((visibility("hidden"))) double hypot(double x, double y) { return stackctl_libm_hypot(x, y); }
__attribute__((visibility("hidden"))) float hypotf(float x, float y) { return stackctl_libm_hypotf(x, y); }
#endif
#endif
