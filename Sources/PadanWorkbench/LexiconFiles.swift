import Foundation
import PadanCore

/// Reads word lists from disk: TSV (`foreign<TAB>pivot`) or a dictd dictionary (`.index` with
/// its `.dict` or `.dict.dz` beside it, as Debian's `dict-freedict-*` packages install them).
public enum LexiconFiles {
    /// Debian's FreeDict English–Indonesian dictionary, where `make` installs it.
    public static let freedictEnglishIndonesian = "/usr/share/dictd/freedict-eng-ind.index"

    /// Reads `path` into a lexicon whose foreign side is `foreign` and pivot side `pivot`. A dictd
    /// dictionary translates from its headword language: `dictdHeadwordsArePivot` says whether its
    /// headwords are pivot-language words (FreeDict eng-ind: English headwords, Indonesian
    /// translations).
    public static func read(_ path: String, foreign: String, pivot: String, dictdHeadwordsArePivot: Bool = true) throws -> Lexicon
    {
        var lexicon = Lexicon(foreignLanguage: foreign, pivotLanguage: pivot)
        if path.hasSuffix(".index") || path.hasSuffix(".dict.dz") || path.hasSuffix(".dict") {
            let base = path.replacingOccurrences(of: ".index", with: "").replacingOccurrences(of: ".dict.dz", with: "")
                .replacingOccurrences(of: ".dict", with: "")
            let index = try TextInput.read(base + ".index")
            let dictionary = try dictionaryBytes(base)
            for (headword, translation) in DictdFormat.pairs(index: index, dictionary: dictionary) {
                if dictdHeadwordsArePivot {
                    lexicon.add(foreign: translation, pivot: headword)
                } else {
                    lexicon.add(foreign: headword, pivot: translation)
                }
            }
            return lexicon
        }
        let text = try TextInput.read(path)
        let malformed = lexicon.addTSV(text)
        if let line = malformed.first {
            throw WorkbenchError.malformedLine(path, line: line, reason: "expected `foreign<TAB>pivot`")
        }
        return lexicon
    }

    /// The uncompressed `.dict` text; `.dict.dz` is gzip-compatible (dictzip), read with `gzip -dc`.
    static func dictionaryBytes(_ base: String) throws -> [UInt8] {
        if FileManager.default.fileExists(atPath: base + ".dict") {
            return [UInt8](try Data(contentsOf: URL(fileURLWithPath: base + ".dict")))
        }
        let compressed = base + ".dict.dz"
        guard FileManager.default.fileExists(atPath: compressed) else { throw WorkbenchError.missingFile(compressed) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "exec gzip -dc \"$0\"", compressed]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw WorkbenchError.unreadable(compressed, reason: "gzip could not decompress it")
        }
        return [UInt8](data)
    }
}
