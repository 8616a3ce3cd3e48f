// libFuzzer entry point for HTML reading, cleaning and segmentation (`make fuzz`). Built outside SwiftPM's
// targets, against a PadanCore compiled with `-sanitize=fuzzer`, so `swift build` never sees it.
import PadanCore

/// Any bytes: valid UTF-8 is cleaned and segmented as Indonesian and as English, with and
/// without boilerplate removal; invalid UTF-8 as the repaired text a lenient reader would make.
/// Traps (a crash libFuzzer reports) when a sentence's offsets do not fit the cleaned text, or
/// when ICU's iterator run in windows around terminators breaks elsewhere than the full scan.
@_cdecl("LLVMFuzzerTestOneInput")
public func padanFuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let text = String(validating: bytes, as: UTF8.self) ?? String(decoding: bytes, as: UTF8.self)
    // Saved web pages go through the HTML reader first.
    let units = Array(text.utf16)
    precondition(
        ICU.sentenceBreaks(units, locale: "id") == ICU.sentenceBreaks(units, locale: "id", fullScan: true),
        "windowed sentence breaks differ from the full scan")
    let page = HTMLArticle(html: text)
    precondition(page.paragraphs.allSatisfy { !$0.isEmpty }, "empty paragraph from the HTML reader")
    for language in ["id", "en"] {
        for keep in [false, true] {
            let article = ArticleCleaner(language: language, keepBoilerplate: keep).clean(text)
            let sentences = SentenceSegmenter(language: language).segment(article.text)
            let length = article.text.utf16.count
            var previousEnd = 0
            for (index, sentence) in sentences.enumerated() {
                precondition(sentence.ordinal == index, "ordinals must count from 0")
                precondition(sentence.start >= previousEnd && sentence.start <= sentence.end && sentence.end <= length,
                    "sentence \(index) at \(sentence.start)..<\(sentence.end) outside the text (\(length)) or overlapping")
                precondition(!sentence.text.isEmpty, "empty sentence \(index)")
                previousEnd = sentence.end
            }
        }
    }
    return 0
}
