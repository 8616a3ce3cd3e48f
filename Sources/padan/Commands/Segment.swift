import ArgumentParser
import PadanCore
import PadanWorkbench

struct Segment: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Split a text into sentences: one per line, a blank line between paragraphs.",
        discussion: """
            The text is cleaned first (headline kept as the first sentence; date line, captions, ads, \
            'Baca juga' lines and related-article teasers set aside); --keep-boilerplate turns that off. \
            --json prints {title, date, source_urls, sentences:[{ordinal, paragraph, start, end, text}], \
            boilerplate:[{label, text}]}; offsets count UTF-16 code units in the cleaned text.
            """)

    @Argument(help: "The text file, or - for standard input.") var file: String
    @Option(help: "Language of the text (id, en, …).") var lang = "id"
    @Flag(help: "Keep web boilerplate (turn cleaning off).") var keepBoilerplate = false
    @Flag(help: "Print the boilerplate that was set aside instead of the content.") var boilerplate = false
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let language = try languageCode(lang)
        let raw = try TextInput.read(file)
        let document = Workbench.prepare(text: raw, language: language, path: file, keepBoilerplate: keepBoilerplate)
        if json {
            struct Result: Encodable {
                var title: String?
                var date: String?
                var source_urls: [String]
                var profile: String
                var sentences: [Sentence]
                var boilerplate: [BoilerplateParagraph]
            }
            try Output.json(
                Result(
                    title: document.article.title, date: document.article.date, source_urls: document.article.sourceURLs,
                    profile: document.article.profile, sentences: document.sentences, boilerplate: document.article.setAside))
            return
        }
        if boilerplate {
            let segmenter = SentenceSegmenter(language: language)
            for paragraph in document.article.setAside {
                for sentence in segmenter.segment(paragraph.text) { print("\(paragraph.label)\t\(sentence.text)") }
            }
            return
        }
        var lastParagraph = 0
        for sentence in document.sentences {
            if sentence.paragraph != lastParagraph { print("") }
            lastParagraph = sentence.paragraph
            print(sentence.text)
        }
    }
}
