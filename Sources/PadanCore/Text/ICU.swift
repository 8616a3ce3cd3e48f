import CICU

/// Swift face of the `CICU` shim: ICU services on UTF-16 arrays, so no ICU pointer ever lives in
/// a Swift value (pointers are not `Sendable`).
public enum ICU {
    /// The version of the system ICU Padan runs on, e.g. `72.1`.
    public static var version: String { String(cString: cicu_version()) }

    /// ICU's sentence break positions in `utf16` (offsets after each sentence, the last one equal
    /// to the count). Empty for empty input. The iterator runs only around terminators where the
    /// locale's rules allow it, which gives the same breaks as `fullScan` in a fraction of the time.
    public static func sentenceBreaks(_ utf16: [UInt16], locale: String, fullScan: Bool = false) -> [Int] {
        if utf16.isEmpty { return [] }
        var capacity = max(16, utf16.count / 40)
        while true {
            var breaks = [Int32](repeating: 0, count: capacity)
            let count = utf16.withUnsafeBufferPointer { text in
                breaks.withUnsafeMutableBufferPointer { out in
                    cicu_sentence_breaks(
                        text.baseAddress, Int32(text.count), locale, out.baseAddress, Int32(capacity), fullScan ? 1 : 0)
                }
            }
            if count < 0 { return [utf16.count] }
            if Int(count) <= capacity { return breaks.prefix(Int(count)).map(Int.init) }
            capacity = Int(count)
        }
    }

    /// `text` in Unicode Normalization Form C.
    public static func nfc(_ text: String) -> String {
        transform(text) { cicu_normalize_nfc($0, $1, $2, $3) }
    }

    /// `text` transliterated to lower-case ASCII (`Éxpédition` → `expedition`), for cognate matching.
    public static func foldToASCII(_ text: String) -> String {
        transform(text) { cicu_fold_to_ascii($0, $1, $2, $3, 1) }
    }

    /// `text` transliterated to ASCII, case kept (`Café “Jaya”` → `Cafe "Jaya"`), for terminals
    /// whose locale is not UTF-8; what has no ASCII form becomes `?`.
    public static func transliterateToASCII(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
        let folded = transform(text) { cicu_fold_to_ascii($0, $1, $2, $3, 0) }
        return String(String.UnicodeScalarView(folded.unicodeScalars.map { $0.isASCII ? $0 : "?" }))
    }

    /// Terminal columns of a scalar: 0 for combining marks, 2 for wide East Asian characters,
    /// -1 for control characters, else 1.
    public static func displayWidth(_ scalar: Unicode.Scalar) -> Int {
        if scalar.value >= 0x20 && scalar.value < 0x7F { return 1 }
        return Int(cicu_display_width(Int32(bitPattern: scalar.value)))
    }

    private static func transform(
        _ text: String,
        _ call: (UnsafePointer<UInt16>?, Int32, UnsafeMutablePointer<UInt16>?, Int32) -> Int32
    ) -> String {
        let source = UTF16Scalars.units(of: text)
        if source.isEmpty { return text }
        var capacity = source.count + 16
        while true {
            var output = [UInt16](repeating: 0, count: capacity)
            let length = source.withUnsafeBufferPointer { input in
                output.withUnsafeMutableBufferPointer { out in
                    call(input.baseAddress, Int32(input.count), out.baseAddress, Int32(capacity))
                }
            }
            if length < 0 { return text }  // already normalised (-2), or an ICU error (-1)
            if Int(length) <= capacity {
                return String(decoding: output.prefix(Int(length)), as: UTF16.self)
            }
            capacity = Int(length)
        }
    }
}
