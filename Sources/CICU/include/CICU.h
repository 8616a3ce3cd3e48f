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
/// an ICU error. The iterator is cached per thread and locale. Unless `full_scan` is non-zero,
/// a locale with ICU's root rules has the iterator run only over windows around terminators,
/// with the same result (see `windowedSentenceBreaks`); `full_scan` runs it over every unit.
int32_t cicu_sentence_breaks(const uint16_t *text, int32_t length, const char *locale,
                             int32_t *breaks, int32_t capacity, int32_t full_scan);

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

/// A compiled ICU regular expression; immutable, so one can serve every thread.
typedef struct cicu_pattern cicu_pattern;

/// Compiles `source` (UTF-16); NULL when it is not a valid ICU regular expression.
cicu_pattern *cicu_pattern_compile(const uint16_t *source, int32_t length);
void cicu_pattern_free(cicu_pattern *pattern);
/// How many capture groups the pattern has (group 0, the whole match, not counted), or -1.
int32_t cicu_pattern_group_count(const cicu_pattern *pattern);
/// The number of the group named `name` (ASCII), or -1 when there is none.
int32_t cicu_pattern_group_number(const cicu_pattern *pattern, const char *name);
/// Finds the first match in `text` (UTF-16). On a match writes the start and end offsets of
/// groups 0, 1, … as pairs into `ranges` (at most `capacity` values; -1, -1 for a group that took
/// no part) and returns 1; returns 0 when nothing matches and -1 on an ICU error.
int32_t cicu_pattern_first_match(const cicu_pattern *pattern, const uint16_t *text, int32_t length,
                                 int32_t *ranges, int32_t capacity);

/// The ICU version string, e.g. "72.1".
const char *cicu_version(void);

#ifdef __cplusplus
}
#endif

#endif
