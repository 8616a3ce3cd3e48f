#include "CICU.h"

#include <memory>
#include <string>
#include <unordered_map>

#include <unicode/brkiter.h>
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
BreakIterator *cachedSentenceIterator(const char *locale) {
    thread_local std::unordered_map<std::string, std::unique_ptr<BreakIterator>> cache;
    std::string key(locale ? locale : "");
    auto found = cache.find(key);
    if (found != cache.end()) return found->second.get();
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<BreakIterator> iterator(
        BreakIterator::createSentenceInstance(Locale(key.c_str()), status));
    if (U_FAILURE(status) || !iterator) return nullptr;
    BreakIterator *raw = iterator.get();
    cache.emplace(key, std::move(iterator));
    return raw;
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

extern "C" int32_t cicu_sentence_breaks(const uint16_t *text, int32_t length, const char *locale,
                                        int32_t *breaks, int32_t capacity) {
    if (length <= 0) return 0;
    BreakIterator *iterator = cachedSentenceIterator(locale);
    if (iterator == nullptr) return -1;
    UErrorCode status = U_ZERO_ERROR;
    UText *utext = utext_openUChars(nullptr, reinterpret_cast<const UChar *>(text), length, &status);
    if (U_FAILURE(status)) return -1;
    iterator->setText(utext, status);
    if (U_FAILURE(status)) {
        utext_close(utext);
        return -1;
    }
    int32_t count = 0;
    for (int32_t position = iterator->next(); position != BreakIterator::DONE;
         position = iterator->next()) {
        if (count < capacity) breaks[count] = position;
        count++;
    }
    // Detach the iterator from the caller's buffer before it goes away.
    UnicodeString empty;
    iterator->setText(empty);
    utext_close(utext);
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
