#include "CICU.h"

#include <memory>
#include <string>
#include <unordered_map>

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
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

icu::Transliterator *cachedAsciiFolder() {
    thread_local std::unique_ptr<icu::Transliterator> folder;
    thread_local bool tried = false;
    if (!tried) {
        tried = true;
        UErrorCode status = U_ZERO_ERROR;
        folder.reset(icu::Transliterator::createInstance(
            UnicodeString("Any-Latin; Latin-ASCII; Lower", -1, US_INV), UTRANS_FORWARD, status));
        if (U_FAILURE(status)) folder.reset();
    }
    return folder.get();
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

extern "C" int32_t cicu_fold_to_ascii(const uint16_t *text, int32_t length, uint16_t *dest,
                                      int32_t capacity) {
    icu::Transliterator *folder = cachedAsciiFolder();
    if (folder == nullptr) return -1;
    UnicodeString value(reinterpret_cast<const UChar *>(text), length);
    folder->transliterate(value);
    return copyOut(value, dest, capacity);
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
