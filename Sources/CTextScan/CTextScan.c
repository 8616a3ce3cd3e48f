#include "CTextScan.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/// The byte-by-byte rule, for the blocks the vector test flags and the tail.
static int is_plain(const uint8_t *in, size_t count, size_t i, int *non_ascii) {
    uint8_t byte = in[i];
    uint8_t previous = i > 0 ? in[i - 1] : 0x0A;  // as if a line ended just before the text
    uint8_t next = i + 1 < count ? in[i + 1] : 0x0A;
    if (byte == 0x20) return previous != 0x20 && previous != 0x0A && next != 0x0A && i + 1 < count;
    if (byte == 0x0A || (byte > 0x20 && byte < 0x7F)) return 1;
    if (byte < 0x80) return 0;  // control characters, DEL
    *non_ascii = 1;
    switch (byte) {
    case 0xC2: return next != 0xA0;  // no-break space
    case 0xE2:
        if (next != 0x80) return 1;
        if (i + 2 >= count) return 0;
        // U+2000–U+200B (spaces, zero-width space) and U+202F (narrow no-break space)
        return !((in[i + 2] >= 0x80 && in[i + 2] <= 0x8B) || in[i + 2] == 0xAF);
    case 0xE3: return !(next == 0x80 && i + 2 < count && in[i + 2] == 0x80);  // ideographic space
    case 0xEF: return !(next == 0xBB && i + 2 < count && in[i + 2] == 0xBF);  // BOM
    default: return 1;
    }
}

int ctext_whitespace_is_clean(const uint8_t *bytes, size_t count, int *non_ascii) {
    *non_ascii = 0;
    if (count == 0) return 1;
    if (bytes[0] == 0x20) return 0;
    size_t index = 0;
#if defined(__SSE2__)
    // Sixteen bytes, and the sixteen that start one later, so that every byte meets its successor:
    // a block of printable ASCII, line breaks and lone spaces passes whole; any other block is
    // looked at byte by byte. Signed compares: bytes of 0x80 and above count as below 0x20.
    const __m128i space = _mm_set1_epi8(0x20), lineFeed = _mm_set1_epi8(0x0A), del = _mm_set1_epi8(0x7F);
    while (index + 17 <= count) {
        __m128i block = _mm_loadu_si128((const __m128i *)(bytes + index));
        __m128i next = _mm_loadu_si128((const __m128i *)(bytes + index + 1));
        __m128i spaces = _mm_cmpeq_epi8(block, space);
        __m128i breaks = _mm_cmpeq_epi8(block, lineFeed);
        __m128i nextSpaces = _mm_cmpeq_epi8(next, space);
        __m128i nextBreaks = _mm_cmpeq_epi8(next, lineFeed);
        __m128i unusual = _mm_or_si128(_mm_cmplt_epi8(block, space), _mm_cmpeq_epi8(block, del));
        unusual = _mm_andnot_si128(breaks, unusual);
        __m128i crowded = _mm_or_si128(_mm_and_si128(spaces, _mm_or_si128(nextSpaces, nextBreaks)),
                                       _mm_and_si128(breaks, nextSpaces));
        if (_mm_movemask_epi8(_mm_or_si128(unusual, crowded)) != 0) {
            for (size_t position = index; position < index + 16; position++) {
                if (!is_plain(bytes, count, position, non_ascii)) return 0;
            }
        }
        index += 16;
    }
#endif
    for (size_t position = index > 0 ? index - 1 : 0; position < count; position++) {
        if (!is_plain(bytes, count, position, non_ascii)) return 0;
    }
    return 1;
}
