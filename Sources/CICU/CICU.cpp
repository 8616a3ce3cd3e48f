#include "CICU.h"

#include <array>
#include <cstring>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <unicode/brkiter.h>
#include <unicode/rbbi.h>
#include <unicode/normalizer2.h>
#include <unicode/regex.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/uclean.h>
#include <unicode/unistr.h>
#include <unicode/utext.h>
#include <unicode/uversion.h>

using icu::BreakIterator;
using icu::Locale;
using icu::UnicodeString;

namespace {

// Creating a BreakIterator costs far more than running it on a paragraph, so each thread keeps one
// per locale; threads never share an iterator.
struct SentenceIterator {
    std::unique_ptr<BreakIterator> iterator;
    /// Whether the locale runs ICU's root sentence rules, which the windowed scan relies on.
    bool rootRules = false;
};

const uint8_t *binaryRules(BreakIterator *iterator, uint32_t &length) {
    if (iterator->getDynamicClassID() != icu::RuleBasedBreakIterator::getStaticClassID()) return nullptr;
    return static_cast<icu::RuleBasedBreakIterator *>(iterator)->getBinaryRules(length);
}

SentenceIterator *cachedSentenceIterator(const char *locale) {
    thread_local std::unordered_map<std::string, SentenceIterator> cache;
    std::string key(locale ? locale : "");
    auto found = cache.find(key);
    if (found != cache.end()) return &found->second;
    UErrorCode status = U_ZERO_ERROR;
    SentenceIterator entry;
    entry.iterator.reset(BreakIterator::createSentenceInstance(Locale(key.c_str()), status));
    if (U_FAILURE(status) || !entry.iterator) return nullptr;
    std::unique_ptr<BreakIterator> root(BreakIterator::createSentenceInstance(Locale::getRoot(), status));
    uint32_t length = 0, rootLength = 0;
    const uint8_t *rules = binaryRules(entry.iterator.get(), length);
    const uint8_t *rootRules = U_SUCCESS(status) && root ? binaryRules(root.get(), rootLength) : nullptr;
    entry.rootRules = rules != nullptr && rootRules != nullptr && length == rootLength &&
                      std::memcmp(rules, rootRules, length) == 0;
    return &cache.emplace(key, std::move(entry)).first->second;
}

// One transliterator per thread and rule set: creating one costs milliseconds.
icu::Transliterator *cachedTransliterator(bool lowerCase) {
    thread_local std::unique_ptr<icu::Transliterator> folders[2];
    thread_local bool tried[2] = {false, false};
    int slot = lowerCase ? 1 : 0;
    if (!tried[slot]) {
        tried[slot] = true;
        UErrorCode status = U_ZERO_ERROR;
        const char *rules = lowerCase ? "Any-Latin; Latin-ASCII; Lower" : "Any-Latin; Latin-ASCII";
        folders[slot].reset(icu::Transliterator::createInstance(UnicodeString(rules, -1, US_INV),
                                                                 UTRANS_FORWARD, status));
        if (U_FAILURE(status)) folders[slot].reset();
    }
    return folders[slot].get();
}

int32_t copyOut(const UnicodeString &result, uint16_t *dest, int32_t capacity) {
    int32_t length = result.length();
    if (length <= capacity && dest != nullptr) {
        result.extract(0, length, reinterpret_cast<UChar *>(dest));
    }
    return length;
}

}  // namespace

namespace {

/// Collects break offsets up to the caller's capacity while counting all of them.
struct BreakList {
    int32_t *out;
    int32_t capacity;
    int32_t count = 0;
    int32_t last = -1;
    void add(int32_t offset) {
        if (count < capacity) out[count] = offset;
        count++;
        last = offset;
    }
};

/// Points `iterator` at `text` (which must outlive its use); false on an ICU error.
bool attach(BreakIterator *iterator, const UChar *text, int32_t length) {
    UErrorCode status = U_ZERO_ERROR;
    UText utext = UTEXT_INITIALIZER;
    utext_openUChars(&utext, text, length, &status);
    iterator->setText(&utext, status);
    utext_close(&utext);
    return U_SUCCESS(status);
}

/// The iterator over the whole text, every break.
bool fullScanBreaks(BreakIterator *iterator, const UChar *text, int32_t length, BreakList &breaks) {
    if (!attach(iterator, text, length)) return false;
    for (int32_t position = iterator->next(); position != BreakIterator::DONE; position = iterator->next()) {
        breaks.add(position);
    }
    return true;
}

/// The Sentence_Break class of a code point; ASCII from a table filled by ICU itself.
inline int32_t sentenceClass(UChar32 c) {
    static const std::array<uint8_t, 128> ascii = [] {
        std::array<uint8_t, 128> table{};
        for (UChar32 c = 0; c < 128; c++) table[c] = uint8_t(u_getIntPropertyValue(c, UCHAR_SENTENCE_BREAK));
        return table;
    }();
    return c < 0x80 ? ascii[c] : u_getIntPropertyValue(c, UCHAR_SENTENCE_BREAK);
}

/// Line feed, carriage return, or another paragraph separator: a break always follows.
inline bool isSeparator(int32_t kind) { return kind == U_SB_CR || kind == U_SB_LF || kind == U_SB_SEP; }

inline bool isLetterOrDigit(UChar unit) {
    int32_t kind = unit < 0x80 ? sentenceClass(unit) : U_SB_OTHER;
    return kind == U_SB_LOWER || kind == U_SB_UPPER || kind == U_SB_NUMERIC;
}

/// The next unit at or after `index` that may be a terminator or a separator: `.`, `!`, `?`, LF,
/// CR, or any non-ASCII unit (whose class ICU is asked for). Eight units at a time where SSE2 is.
inline int32_t nextCandidate(const UChar *text, int32_t index, int32_t length) {
#if defined(__SSE2__)
    const __m128i period = _mm_set1_epi16(u'.'), exclamation = _mm_set1_epi16(u'!');
    const __m128i question = _mm_set1_epi16(u'?'), lineFeed = _mm_set1_epi16(u'\n');
    const __m128i carriageReturn = _mm_set1_epi16(u'\r'), nonASCIIBits = _mm_set1_epi16(short(0xFF80));
    const __m128i zero = _mm_setzero_si128(), ones = _mm_set1_epi16(-1);
    while (index + 8 <= length) {
        __m128i units = _mm_loadu_si128(reinterpret_cast<const __m128i *>(text + index));
        __m128i hits = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi16(units, period), _mm_cmpeq_epi16(units, exclamation)),
                                    _mm_or_si128(_mm_cmpeq_epi16(units, question), _mm_cmpeq_epi16(units, lineFeed)));
        hits = _mm_or_si128(hits, _mm_cmpeq_epi16(units, carriageReturn));
        __m128i ascii = _mm_cmpeq_epi16(_mm_and_si128(units, nonASCIIBits), zero);
        hits = _mm_or_si128(hits, _mm_andnot_si128(ascii, ones));
        int mask = _mm_movemask_epi8(hits);
        if (mask != 0) return index + __builtin_ctz(unsigned(mask)) / 2;
        index += 8;
    }
#endif
    for (; index < length; index++) {
        UChar unit = text[index];
        if (unit >= 0x80 || unit == u'.' || unit == u'!' || unit == u'?' || unit == u'\n' || unit == u'\r') break;
    }
    return index;
}

/// A stretch of the text the iterator must see, and where it starts in the scratch copy.
struct Window {
    int32_t start, end, copyStart;
};

/// ICU's root sentence rules (UAX #29) break only after a paragraph separator, or after a
/// terminator (`.`, `?`, `!`, …) followed by closing marks and spaces; what decides the latter is
/// the letter just before the terminator (rule 7) and what follows up to the next letter or
/// separator (rules 6 to 11). So the iterator needs to see only a window around each terminator:
/// from a word start after `letter space`, where its state is the same as at a sentence start,
/// to the first letter after the terminator. Text between windows holds no break but those after
/// separators (rules 3 and 4). The windows, each followed by U+2029 (after which the rules start
/// afresh), are copied into one buffer so that the iterator is set up once. Tests compare the
/// result with the full scan on the corpora and on random text from every class.
int32_t windowedSentenceBreaks(BreakIterator *iterator, const UChar *text, int32_t length,
                               BreakList &breaks) {
    thread_local std::vector<Window> windows;
    thread_local std::vector<int32_t> separatorBreaks;
    thread_local std::vector<UChar> copy;
    windows.clear();
    separatorBreaks.clear();
    int32_t paragraphStart = 0;
    int32_t index = 0;
    while ((index = nextCandidate(text, index, length)) < length) {
        int32_t at = index;
        UChar32 c;
        U16_NEXT(text, index, length, c);
        int32_t kind = sentenceClass(c);
        if (isSeparator(kind)) {
            if (kind == U_SB_CR && index < length && text[index] == u'\n') index++;
            separatorBreaks.push_back(index);
            paragraphStart = index;
            continue;
        }
        if (kind != U_SB_ATERM && kind != U_SB_STERM) continue;
        // Back to a word start after `letter space`, or to the last window, or the paragraph start.
        bool open = !windows.empty() && windows.back().end > paragraphStart;
        int32_t floor = open ? windows.back().end : paragraphStart;
        int32_t start = floor;
        for (int32_t candidate = at - 1; candidate >= floor + 2; candidate--) {
            if (text[candidate - 1] == u' ' && isLetterOrDigit(text[candidate]) &&
                isLetterOrDigit(text[candidate - 2])) {
                start = candidate;
                break;
            }
        }
        // Forward over further terminators, closing marks, spaces and anything else but letters
        // (rule 8 looks that far), to the first letter and its combining marks, or a separator.
        int32_t end = length;
        while (index < length) {
            int32_t next = index;
            U16_NEXT(text, next, length, c);
            kind = sentenceClass(c);
            if (isSeparator(kind)) {
                end = index;
                break;
            }
            index = next;
            if (kind == U_SB_LOWER || kind == U_SB_UPPER || kind == U_SB_OLETTER) {
                while (index < length) {
                    next = index;
                    U16_NEXT(text, next, length, c);
                    kind = sentenceClass(c);
                    if (kind != U_SB_EXTEND && kind != U_SB_FORMAT) break;
                    index = next;
                }
                end = index;
                break;
            }
        }
        if (open && start <= windows.back().end) {
            windows.back().end = end;
        } else {
            windows.push_back({start, end, 0});
        }
        index = end;
    }

    copy.clear();
    for (Window &window : windows) {
        window.copyStart = int32_t(copy.size());
        copy.insert(copy.end(), text + window.start, text + window.end);
        if (window.end < length) copy.push_back(0x2029);
    }
    size_t separator = 0;
    auto addSeparatorBreaksBefore = [&](int32_t offset) {
        while (separator < separatorBreaks.size() && separatorBreaks[separator] < offset) {
            breaks.add(separatorBreaks[separator++]);
        }
    };
    if (!copy.empty()) {
        if (!attach(iterator, copy.data(), int32_t(copy.size()))) return -1;
        size_t current = 0;
        for (int32_t position = iterator->next(); position != BreakIterator::DONE; position = iterator->next()) {
            while (current + 1 < windows.size() && position >= windows[current + 1].copyStart) current++;
            const Window &window = windows[current];
            int32_t offset = window.start + (position - window.copyStart);
            // Only breaks inside a window are the text's; its end is one only at the end of the text.
            if (offset <= window.start || offset > window.end || (offset == window.end && window.end < length)) {
                continue;
            }
            addSeparatorBreaksBefore(offset);
            breaks.add(offset);
        }
    }
    addSeparatorBreaksBefore(length + 1);
    if (breaks.count == 0 || breaks.last != length) breaks.add(length);
    // A huge text should not leave its copy's memory with the thread.
    if (copy.capacity() > (size_t(1) << 22)) std::vector<UChar>().swap(copy);
    return breaks.count;
}

}  // namespace

extern "C" int32_t cicu_sentence_breaks(const uint16_t *text, int32_t length, const char *locale,
                                        int32_t *breaks, int32_t capacity, int32_t full_scan) {
    if (length <= 0) return 0;
    SentenceIterator *cached = cachedSentenceIterator(locale);
    if (cached == nullptr) return -1;
    BreakIterator *iterator = cached->iterator.get();
    BreakList list{breaks, capacity};
    const UChar *units = reinterpret_cast<const UChar *>(text);
    int32_t count = !full_scan && cached->rootRules ? windowedSentenceBreaks(iterator, units, length, list)
                                                    : (fullScanBreaks(iterator, units, length, list) ? list.count : -1);
    // Detach the iterator from the caller's buffer before it goes away.
    UnicodeString empty;
    iterator->setText(empty);
    return count;
}

extern "C" int32_t cicu_normalize_nfc(const uint16_t *text, int32_t length, uint16_t *dest,
                                      int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2 *nfc = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status)) return -1;
    UnicodeString source(false, reinterpret_cast<const UChar *>(text), length);
    if (nfc->isNormalized(source, status) && U_SUCCESS(status)) return -2;
    status = U_ZERO_ERROR;
    UnicodeString result = nfc->normalize(source, status);
    if (U_FAILURE(status)) return -1;
    return copyOut(result, dest, capacity);
}

/// Latin letters with accents (`é`, `ü`, `ñ`, `ş`) fold by decomposing and dropping the marks; only
/// what is still not ASCII after that needs the transliterator, whose creation (Any-Latin loads
/// every script's rules) costs tens of milliseconds per thread.
static bool foldByDecomposing(const UnicodeString &text, bool lowerCase, UnicodeString &result) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2 *nfd = icu::Normalizer2::getNFDInstance(status);
    if (U_FAILURE(status) || nfd == nullptr) return false;
    UnicodeString decomposed = nfd->normalize(text, status);
    if (U_FAILURE(status)) return false;
    result.remove();
    for (int32_t i = 0; i < decomposed.length(); i++) {
        UChar c = decomposed.charAt(i);
        if (c < 0x80) {
            result.append(lowerCase && c >= 'A' && c <= 'Z' ? static_cast<UChar>(c + 32) : c);
            continue;
        }
        if (u_charType(c) == U_NON_SPACING_MARK) continue;
        // Latin letters and marks with no decomposition, as Latin-ASCII writes them.
        const char *ascii = nullptr;
        switch (c) {
        case 0x2018: case 0x2019: case 0x02BC: ascii = "'"; break;
        case 0x201C: case 0x201D: ascii = "\""; break;
        case 0x2010: case 0x2011: case 0x2013: case 0x2014: ascii = "-"; break;
        case 0x00DF: ascii = "ss"; break;
        case 0x00E6: ascii = "ae"; break;
        case 0x00C6: ascii = lowerCase ? "ae" : "AE"; break;
        case 0x0153: ascii = "oe"; break;
        case 0x0152: ascii = lowerCase ? "oe" : "OE"; break;
        case 0x00F8: ascii = "o"; break;
        case 0x00D8: ascii = lowerCase ? "o" : "O"; break;
        case 0x0142: ascii = "l"; break;
        case 0x0141: ascii = lowerCase ? "l" : "L"; break;
        case 0x0111: case 0x00F0: ascii = "d"; break;
        case 0x0110: case 0x00D0: ascii = lowerCase ? "d" : "D"; break;
        case 0x0131: ascii = "i"; break;
        case 0x00FE: ascii = "th"; break;
        case 0x00DE: ascii = lowerCase ? "th" : "TH"; break;
        default: return false;
        }
        result.append(UnicodeString(ascii, -1, US_INV));
    }
    return true;
}

extern "C" int32_t cicu_fold_to_ascii(const uint16_t *text, int32_t length, uint16_t *dest,
                                      int32_t capacity, int32_t lower_case) {
    UnicodeString input(reinterpret_cast<const UChar *>(text), length);
    UnicodeString quick;
    if (foldByDecomposing(input, lower_case != 0, quick)) return copyOut(quick, dest, capacity);
    icu::Transliterator *folder = cachedTransliterator(lower_case != 0);
    if (folder == nullptr) return -1;
    folder->transliterate(input);
    return copyOut(input, dest, capacity);
}

extern "C" int32_t cicu_display_width(int32_t code_point) {
    UChar32 c = code_point;
    if (c == 0) return 0;
    int8_t category = u_charType(c);
    if (category == U_NON_SPACING_MARK || category == U_ENCLOSING_MARK || category == U_FORMAT_CHAR) return 0;
    if (c >= 0x1160 && c <= 0x11FF) return 0;  // Hangul medial vowels and final consonants join the syllable
    if (category == U_CONTROL_CHAR) return -1;
    int32_t width = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
    return (width == U_EA_WIDE || width == U_EA_FULLWIDTH) ? 2 : 1;
}

extern "C" const char *cicu_version(void) {
    static char version[U_MAX_VERSION_STRING_LENGTH] = {0};
    if (version[0] == 0) {
        UVersionInfo info;
        u_getVersion(info);
        u_versionToString(info, version);
    }
    return version;
}

// Regular expressions: the compiled pattern is immutable and shared; each thread keeps one
// matcher per pattern, reset onto each text (creating a matcher allocates).
struct cicu_pattern {
    std::unique_ptr<icu::RegexPattern> pattern;
};

extern "C" cicu_pattern *cicu_pattern_compile(const uint16_t *source, int32_t length) {
    UErrorCode status = U_ZERO_ERROR;
    UParseError parseError;
    UnicodeString text(reinterpret_cast<const UChar *>(source), length);
    std::unique_ptr<icu::RegexPattern> compiled(icu::RegexPattern::compile(text, 0, parseError, status));
    if (U_FAILURE(status) || !compiled) return nullptr;
    return new cicu_pattern{std::move(compiled)};
}

extern "C" void cicu_pattern_free(cicu_pattern *pattern) { delete pattern; }

extern "C" int32_t cicu_pattern_group_count(const cicu_pattern *pattern) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::RegexMatcher> matcher(pattern->pattern->matcher(status));
    return U_FAILURE(status) ? -1 : matcher->groupCount();
}

extern "C" int32_t cicu_pattern_group_number(const cicu_pattern *pattern, const char *name) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t number = pattern->pattern->groupNumberFromName(name, -1, status);
    return U_FAILURE(status) ? -1 : number;
}

extern "C" int32_t cicu_pattern_first_match(const cicu_pattern *pattern, const uint16_t *text, int32_t length,
                                            int32_t *ranges, int32_t capacity) {
    thread_local std::unordered_map<const icu::RegexPattern *, std::unique_ptr<icu::RegexMatcher>> matchers;
    static const UnicodeString empty;
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::RegexMatcher> &matcher = matchers[pattern->pattern.get()];
    if (!matcher) {
        matcher.reset(pattern->pattern->matcher(status));
        if (U_FAILURE(status) || !matcher) {
            matcher.reset();
            return -1;
        }
    }
    // A read-only alias of the caller's text: no copy; the matcher lets go of it before returning.
    const UnicodeString input(false, reinterpret_cast<const UChar *>(text), length);
    matcher->reset(input);
    int32_t found = matcher->find(status) ? 1 : 0;
    if (found == 1) {
        int32_t groups = matcher->groupCount();
        for (int32_t group = 0; group <= groups && 2 * group + 1 < capacity; group++) {
            ranges[2 * group] = matcher->start(group, status);
            ranges[2 * group + 1] = matcher->end(group, status);
        }
    }
    matcher->reset(empty);
    return U_FAILURE(status) ? -1 : found;
}
