import Testing

@testable import PadanCore

@Suite("Parentheses around a break")
struct ParenthesesTests {
    /// The rule as first written: a scan back from `offset`, stopped by a blank line or after 400
    /// code units, counting `(` up and `)` down.
    static func scannedDepth(before offset: Int, in units: [UInt16]) -> Int {
        var depth = 0
        var index = offset - 1
        var newlines = 0
        while index >= max(0, offset - 400) {
            let unit = units[index]
            if unit == 0x0A {
                newlines += 1
                if newlines == 2 { break }
            } else if !UTF16Scalars.isSpace(unit) {
                newlines = 0
            }
            if unit == 0x28 { depth += 1 } else if unit == 0x29 { depth -= 1 }
            index -= 1
        }
        return max(0, depth)
    }

    @Test("The depth from positions equals the backward scan at every offset of random text")
    func sameAsScan() {
        let pieces = [
            "(", ")", "((", "))", " ", "\n", "\n\n", "\n \n", "\n\t\n", " \n", "\u{2028}", "kata", "Jl.", "x", "\r",
            String(repeating: "panjang ", count: 20), "(SSK. II)", "é",
        ]
        var random = SplitMix64(seed: 42)
        for _ in 0..<3_000 {
            var text = ""
            for _ in 0..<Int(random.next() % 60) { text += pieces[Int(random.next() % UInt64(pieces.count))] }
            let units = Array(text.utf16)
            let parentheses = Parentheses(units)
            for offset in 0...units.count {
                #expect(
                    parentheses.depth(before: offset) == Self.scannedDepth(before: offset, in: units),
                    "\(text.debugDescription) at \(offset)")
            }
        }
    }

    @Test("Open inside a parenthesis; closed, or cut off by a blank line or distance, it is not")
    func examples() {
        func depth(_ text: String) -> Int {
            let units = Array(text.utf16)
            return Parentheses(units).depth(before: units.count)
        }
        #expect(depth("Spesies (E. hemisphaerica (Bl.") == 2)
        #expect(depth("Spesies (E. hemisphaerica (Bl.) RM") == 1)
        #expect(depth("(lama)\n\nBaru") == 0)
        #expect(depth("(dibuka\n \nlalu") == 0)
        #expect(depth("(dibuka\nlalu") == 1)
        #expect(depth("(" + String(repeating: "a", count: 400)) == 0)
    }
}
