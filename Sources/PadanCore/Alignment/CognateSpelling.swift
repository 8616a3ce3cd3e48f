/// The spelling conventions that keep cognates of Latin-script languages apart, undone: the same
/// word borrowed or inherited is written `Kamera` / `caméra`, `Telefon` / `téléphone`,
/// `Zentrum` / `centre`, `technology` / `teknologi`, `police` / `polisi`. A word's normalised
/// spelling (of its ASCII-folded lower case) maps the letters that stand for one sound in one
/// language and another in the next onto one: `ph` → `f`, `th` → `t`, `ch`, `ck`, `qu`, hard
/// `c` → `k`, soft `c` (before `e`, `i`, `y`) and `z` → `s`, `x` → `ks`, `y` → `i`, an `h` after a
/// consonant dropped. (Writing doubled letters single as well measured better on three of the
/// four no-lexicon sets and cost textberg-dev a heading: `Literatur :` then met the `littérature`
/// of the sentence before.)
enum CognateSpelling {
    /// The normalised spelling of an ASCII lower-case word (other characters pass through).
    static func normalized(_ folded: String) -> String {
        let letters = Array(folded.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(letters.count + 2)
        var index = 0
        func isVowel(_ letter: UInt8) -> Bool { "aeiouy".utf8.contains(letter) }
        while index < letters.count {
            let letter = letters[index]
            let next = index + 1 < letters.count ? letters[index + 1] : 0
            switch (letter, next) {
            case (UInt8(ascii: "p"), UInt8(ascii: "h")):
                result.append(UInt8(ascii: "f"))
                index += 2
                continue
            case (UInt8(ascii: "c"), UInt8(ascii: "h")), (UInt8(ascii: "c"), UInt8(ascii: "k")),
                (UInt8(ascii: "q"), UInt8(ascii: "u")):
                result.append(UInt8(ascii: "k"))
                index += 2
                continue
            case (UInt8(ascii: "c"), UInt8(ascii: "e")), (UInt8(ascii: "c"), UInt8(ascii: "i")),
                (UInt8(ascii: "c"), UInt8(ascii: "y")):
                result.append(UInt8(ascii: "s"))
            case (UInt8(ascii: "c"), _), (UInt8(ascii: "q"), _):
                result.append(UInt8(ascii: "k"))
            case (UInt8(ascii: "z"), _):
                result.append(UInt8(ascii: "s"))
            case (UInt8(ascii: "x"), _):
                result.append(UInt8(ascii: "k"))
                result.append(UInt8(ascii: "s"))
            case (UInt8(ascii: "y"), _):
                result.append(UInt8(ascii: "i"))
            case (UInt8(ascii: "h"), _):
                // `th`, `rh`, `kh`: the h after a consonant is not a sound of its own.
                if let last = result.last, !isVowel(last), last >= UInt8(ascii: "a"), last <= UInt8(ascii: "z") {
                    break
                }
                result.append(letter)
            default:
                result.append(letter)
            }
            index += 1
        }
        return String(decoding: result, as: UTF8.self)
    }
}
