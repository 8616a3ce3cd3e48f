// The few libicu services Padan needs, behind a header that uses only <stdint.h> types so that
// it can be imported next to Foundation (whose own ICU module would clash with ICU's headers).
#ifndef PADAN_CICU_H
#define PADAN_CICU_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Sentence break positions (UTF-16 offsets) of `text`, as ICU's sentence BreakIterator for
/// `locale` finds them. Writes at most `capacity` offsets, each > 0 and the last == length, and
/// returns how many there are (call again with more room when that exceeds `capacity`), or -1 on
/// an ICU error. The iterator is cached per thread and locale.
int32_t cicu_sentence_breaks(const uint16_t *text, int32_t length, const char *locale,
                             int32_t *breaks, int32_t capacity);

/// NFC-normalises `text` into `dest`; returns the normalised length (which may exceed `capacity`:
/// call again with more room), -2 when `text` is already in NFC (nothing written), or -1 on an
/// ICU error.
int32_t cicu_normalize_nfc(const uint16_t *text, int32_t length, uint16_t *dest, int32_t capacity);

/// Transliterates to plain ASCII ("Any-Latin; Latin-ASCII"; `é` → `e`, `ß` → `ss`), lower-casing
/// too when `lower_case` is non-zero; returns the new length (which may exceed `capacity`), or -1
/// on an ICU error.
int32_t cicu_fold_to_ascii(const uint16_t *text, int32_t length, uint16_t *dest, int32_t capacity,
                           int32_t lower_case);

/// Columns a terminal gives `code_point`: 0 for combining marks and format characters, 2 for East
/// Asian wide and fullwidth characters, -1 for control characters, else 1 (as wcwidth does).
int32_t cicu_display_width(int32_t code_point);

/// The ICU version string, e.g. "72.1".
const char *cicu_version(void);

#ifdef __cplusplus
}
#endif

#endif
