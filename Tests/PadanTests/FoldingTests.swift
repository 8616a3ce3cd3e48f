import PadanCore
import Testing

@Suite("ASCII folding and trimming")
struct FoldingTests {
    @Test("Latin letters lose their accents and are lower-cased; letters without a decomposition are spelled out")
    func latin() {
        #expect(ICU.foldToASCII("Zürich") == "zurich")
        #expect(ICU.foldToASCII("Expédition") == "expedition")
        #expect(ICU.foldToASCII("Straße") == "strasse")
        #expect(ICU.foldToASCII("Łódź") == "lodz")
        #expect(ICU.foldToASCII("Ærøskøbing") == "aeroskobing")
        #expect(ICU.foldToASCII("Asy’ari") == "asy'ari")
        #expect(ICU.foldToASCII("Şişli") == "sisli")
    }

    @Test("Other scripts go through ICU's transliterator to Latin, then ASCII")
    func otherScripts() {
        #expect(ICU.foldToASCII("Москва") == "moskva")
        #expect(ICU.foldToASCII("Αθήνα") == "athena")
        let tokyo = ICU.foldToASCII("東京")
        #expect(!tokyo.isEmpty && tokyo.unicodeScalars.allSatisfy(\.isASCII))
    }

    @Test("Trimming spaces: spaces, tabs and no-break spaces at both ends go, inner ones stay")
    func trimming() {
        #expect("  kata \t".trimmingSpaces() == "kata")
        #expect("\u{00A0}Gedung Putih\u{3000}".trimmingSpaces() == "Gedung Putih")
        #expect(" \t ".trimmingSpaces() == "")
        #expect("a\nb".trimmingSpaces() == "a\nb")
    }
}
