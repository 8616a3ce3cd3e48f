import Foundation
import PadanCore

/// Files shipped inside Padan (the demo corpus, the bundled lexicon), found wherever the binary runs.
public enum BundledResources {
    public static func url(_ relativePath: String) throws -> URL {
        guard let base = Bundle.module.resourceURL else { throw WorkbenchError.missingResource(relativePath) }
        let url = base.appendingPathComponent(relativePath)
        guard FileManager.default.fileExists(atPath: url.path) else { throw WorkbenchError.missingResource(relativePath) }
        return url
    }

    public static func text(_ relativePath: String) throws -> String {
        let url = try url(relativePath)
        return try TextInput.read(url.path)
    }

    /// The FreeDict English–Indonesian word list (CC BY-SA 3.0), Indonesian → English.
    public static func freedictLexicon() throws -> Lexicon {
        var lexicon = Lexicon(foreignLanguage: "id", pivotLanguage: "en")
        lexicon.addTSV(try text("lexicon/freedict-eng-ind.id-en.tsv"))
        return lexicon
    }
}
