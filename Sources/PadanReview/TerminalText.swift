import PadanCore

/// How a cell of the screen is drawn. Colours are dropped when the terminal must not get any
/// (`NO_COLOR`); bold, underline and reverse video stay, as NO_COLOR asks.
public struct Style: Sendable, Hashable {
    public enum Color: Int, Sendable, Hashable {
        case red = 1, green, yellow, blue, magenta, cyan
    }

    public var foreground: Color?
    public var bold = false
    public var underline = false
    public var reverse = false
    public var dim = false

    public init(foreground: Color? = nil, bold: Bool = false, underline: Bool = false, reverse: Bool = false, dim: Bool = false) {
        self.foreground = foreground
        self.bold = bold
        self.underline = underline
        self.reverse = reverse
        self.dim = dim
    }

    public static let plain = Style()

    /// The SGR sequence that sets this style from a reset state.
    func escape(color: Bool) -> String {
        var codes = ["0"]
        if bold { codes.append("1") }
        if dim { codes.append("2") }
        if underline { codes.append("4") }
        if reverse { codes.append("7") }
        if color, let foreground { codes.append(String(30 + foreground.rawValue)) }
        return "\u{1B}[" + codes.joined(separator: ";") + "m"
    }

    /// This style with another's attributes laid over it.
    func merged(with other: Style) -> Style {
        Style(
            foreground: other.foreground ?? foreground, bold: bold || other.bold, underline: underline || other.underline,
            reverse: reverse || other.reverse, dim: dim || other.dim)
    }
}

/// What the terminal can show: colour, and UTF-8 (else text is transliterated to ASCII).
public struct TerminalCapabilities: Sendable, Hashable {
    public var color: Bool
    public var unicode: Bool

    public init(color: Bool, unicode: Bool) {
        self.color = color
        self.unicode = unicode
    }

    /// From the environment: `NO_COLOR` (any non-empty value) or `TERM=dumb` turn colour off; a
    /// locale (`LC_ALL`, else `LC_CTYPE`, else `LANG`) that does not name UTF-8 turns Unicode off.
    public init(environment: [String: String]) {
        let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        color = !noColor && environment["TERM"] != "dumb"
        let locale =
            [environment["LC_ALL"], environment["LC_CTYPE"], environment["LANG"]]
            .compactMap { $0 }.first { !$0.isEmpty } ?? ""
        let lowered = locale.lowercased()
        unicode = lowered.contains("utf-8") || lowered.contains("utf8")
    }
}

/// One character on screen: its text (a grapheme, transliterated for ASCII terminals), its
/// width in columns, and its style.
struct Glyph {
    var text: String
    var width: Int
    var style: Style
}

/// A row of glyphs exactly as wide as it says, ready to be written.
struct ScreenLine {
    var glyphs: [Glyph] = []
    var width = 0

    mutating func append(_ glyph: Glyph) {
        glyphs.append(glyph)
        width += glyph.width
    }

    mutating func append(_ text: String, style: Style = .plain, unicode: Bool) {
        for glyph in TextLayout.glyphs(text, style: style, unicode: unicode) { append(glyph) }
    }

    /// Pads with spaces in `style` (or cuts) to exactly `columns`.
    func fitted(to columns: Int, padding style: Style = .plain) -> ScreenLine {
        var line = ScreenLine()
        for glyph in glyphs {
            if line.width + glyph.width > columns { break }
            line.append(glyph)
        }
        while line.width < columns { line.append(Glyph(text: " ", width: 1, style: style)) }
        return line
    }

    /// The line with escape sequences, ending in a reset.
    func rendered(color: Bool) -> String {
        var output = ""
        var current: Style?
        for glyph in glyphs {
            if glyph.style != current {
                output += glyph.style.escape(color: color)
                current = glyph.style
            }
            output += glyph.text
        }
        return output + "\u{1B}[0m"
    }

    /// The characters alone, for tests and logs.
    var plainText: String { glyphs.map(\.text).joined() }
}

/// Cutting text into glyphs of the right width and wrapping them into lines.
enum TextLayout {
    /// Glyphs of `text` with `style`, plus `spans` of other styles laid over parts of it.
    static func glyphs(
        _ text: String, style: Style, spans: [(range: Range<String.Index>, style: Style)] = [], unicode: Bool
    ) -> [Glyph] {
        var glyphs: [Glyph] = []
        glyphs.reserveCapacity(text.utf8.count)
        var index = text.startIndex
        var spanIndex = 0
        let sortedSpans = spans.sorted { $0.range.lowerBound < $1.range.lowerBound }
        while index < text.endIndex {
            let next = text.index(after: index)
            let character = text[index]
            var glyphStyle = style
            while spanIndex < sortedSpans.count, sortedSpans[spanIndex].range.upperBound <= index { spanIndex += 1 }
            var probe = spanIndex
            while probe < sortedSpans.count, sortedSpans[probe].range.lowerBound <= index {
                if sortedSpans[probe].range.contains(index) { glyphStyle = glyphStyle.merged(with: sortedSpans[probe].style) }
                probe += 1
            }
            glyphs.append(contentsOf: displayGlyphs(character, style: glyphStyle, unicode: unicode))
            index = next
        }
        return glyphs
    }

    /// A character as the terminal shows it: control characters as `?`, ASCII terminals get a
    /// transliteration.
    static func displayGlyphs(_ character: Character, style: Style, unicode: Bool) -> [Glyph] {
        if character.isASCII {
            let scalar = character.unicodeScalars.first?.value ?? 0x3F
            if scalar < 0x20 || scalar == 0x7F { return [Glyph(text: character == "\t" ? " " : "?", width: 1, style: style)] }
            return [Glyph(text: String(character), width: 1, style: style)]
        }
        if !unicode {
            return ICU.transliterateToASCII(String(character)).map { Glyph(text: String($0), width: 1, style: style) }
        }
        var width = 0
        for scalar in character.unicodeScalars {
            let scalarWidth = ICU.displayWidth(scalar)
            if scalarWidth < 0 { return [Glyph(text: "?", width: 1, style: style)] }
            width += scalarWidth
        }
        // Emoji presentation (a VS16 selector, or an emoji that presents as one by default, as in
        // ZWJ sequences) takes two cells in terminals, whatever the base's East Asian Width says.
        if character.unicodeScalars.contains(where: { $0.value == 0xFE0F || $0.properties.isEmojiPresentation }) { width = 2 }
        // A lone combining mark still needs a cell to stand in.
        if width == 0 { return [Glyph(text: " " + String(character), width: 1, style: style)] }
        return [Glyph(text: String(character), width: min(width, 2), style: style)]
    }

    /// Word-wraps glyphs into lines of at most `columns`; words longer than a line are cut.
    static func wrap(_ glyphs: [Glyph], columns: Int) -> [ScreenLine] {
        let columns = max(1, columns)
        var lines: [ScreenLine] = []
        var line = ScreenLine()
        var index = 0
        while index < glyphs.count {
            if glyphs[index].text == " " {
                index += 1
                continue
            }
            var end = index
            var wordWidth = 0
            while end < glyphs.count, glyphs[end].text != " " {
                wordWidth += glyphs[end].width
                end += 1
            }
            let spaceWidth = line.width == 0 ? 0 : 1
            if line.width + spaceWidth + wordWidth > columns, line.width > 0 {
                lines.append(line)
                line = ScreenLine()
            } else if spaceWidth == 1 {
                // The collapsed space keeps its own style, so a highlighted phrase stays whole.
                line.append(Glyph(text: " ", width: 1, style: glyphs[index - 1].style))
            }
            for glyph in glyphs[index..<end] {
                if line.width + glyph.width > columns {
                    lines.append(line)
                    line = ScreenLine()
                }
                line.append(glyph)
            }
            index = end
        }
        if line.width > 0 || lines.isEmpty { lines.append(line) }
        return lines
    }
}
