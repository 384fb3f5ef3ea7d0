#ifndef STACKCTL_GLIBC_COMPAT_H
#define STACKCTL_GLIBC_COMPAT_H
// Nothing to call: linking the target is what binds hypot/hypotf to their pre-2.35 glibc versions
// (see glibc_compat.c).
#endif
