// Byte scans that want SIMD instructions: Swift's generic SIMD types compiled the whitespace check
// to eleven times the instructions of plain 64-bit word tricks, so it is written here in C, with
// SSE2 where the compiler targets it and a byte loop elsewhere.
#ifndef PADAN_CTEXTSCAN_H
#define PADAN_CTEXTSCAN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Whether normalising the whitespace of the UTF-8 `bytes` would leave them unchanged: 1 when they
/// hold no control character but `\n`, no DEL, no non-ASCII space, zero-width space or BOM, no space
/// at either end, doubled, or beside a line break; else 0. `*non_ascii` is set to 1 when a byte is
/// 0x80 or above (complete only when the result is 1: the scan stops at the first problem).
int ctext_whitespace_is_clean(const uint8_t *bytes, size_t count, int *non_ascii);

#ifdef __cplusplus
}
#endif

#endif
