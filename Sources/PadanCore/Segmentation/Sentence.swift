/// One sentence of a text: where it stands (UTF-16 offsets into the cleaned text, as ICU and
/// JavaScript count them), which paragraph it belongs to, and its text.
public struct Sentence: Hashable, Sendable, Codable {
    /// 0-based position among the document's sentences.
    public var ordinal: Int
    /// 0-based paragraph number (paragraphs are separated by blank lines).
    public var paragraph: Int
    /// Start offset (UTF-16 code units) in the cleaned text.
    public var start: Int
    /// End offset (exclusive).
    public var end: Int
    public var text: String

    public init(ordinal: Int, paragraph: Int, start: Int, end: Int, text: String) {
        self.ordinal = ordinal
        self.paragraph = paragraph
        self.start = start
        self.end = end
        self.text = text
    }
}
