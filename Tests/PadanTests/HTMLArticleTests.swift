import Foundation
import PadanCore
import PadanWorkbench
import Testing

/// Pages written to look like the sites' markup: the article among navigation, scripts, ads,
/// figure captions, sharing buttons and related-article blocks.
enum SitePages {
    static func paragraphs(_ path: String) throws -> [String] {
        try TestSupport.read(path).components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// A Tempo.co article page built from the bundled Tempo text: headline, date, photo with
    /// caption, body with ads and "Baca juga", the cited Reuters URL as a link, related teasers.
    static func tempo() throws -> String {
        let parts = try paragraphs(TestSupport.seedTarget)
        let related = parts.firstIndex(of: "Berita terkait") ?? parts.count
        var body = ""
        var cited = ""
        for part in parts[3..<related] {
            if part.hasPrefix("http") {
                cited = part
            } else if part.split(separator: "\n").allSatisfy({ $0 == "Advertising" }) {
                body += "<div class=\"ads-box\"><span>Advertising</span><script>googletag.display('div-ad');</script></div>\n"
            } else {
                let html = escape(part).replacingOccurrences(of: "TEMPO.CO,", with: "<strong>TEMPO.CO</strong>,")
                body += "<p>\(html)</p>\n"
            }
        }
        body = body.replacingOccurrences(
            of: "dikutip dari Reuters", with: "dikutip dari <a href=\"\(escape(cited))\">Reuters</a>")
        let teasers = parts[min(related + 1, parts.count)...].map { "<li><a href=\"/read/1\">\(escape($0))</a></li>" }
        return """
            <!DOCTYPE html>
            <html lang="id"><head><meta charset="utf-8">
            <title>\(escape(parts[0])) - Dunia Tempo.co</title>
            <meta property="og:title" content="\(escape(parts[0]))">
            <meta property="article:published_time" content="2021-01-24T22:02:00+07:00">
            <link rel="canonical" href="https://dunia.tempo.co/read/1426311/vladimir-putin-siap-berdialog-dengan-joe-biden">
            <script>window.dataLayer = []; if (a < b && c) { document.write("<p>not text</p>"); }</script>
            <style>p { margin: 0 }</style></head>
            <body><header class="header"><nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/nasional">Nasional</a></li></ul></nav></header>
            <!-- <p>commented out</p> -->
            <article class="detail-artikel">
            <h1 class="title">\(escape(parts[0]))</h1>
            <div class="date-share"><p class="date">\(escape(parts[1]))</p><div class="share-box"><a href="https://facebook.com/sharer">Bagikan</a></div></div>
            <figure class="foto-utama"><img src="/putin.jpg" alt="Putin"><figcaption>\(escape(parts[2]))</figcaption></figure>
            <div class="detail-in" id="isi">
            \(body)</div>
            <div class="tags"><a href="/tag/putin">Vladimir Putin</a></div>
            </article>
            <aside class="berita-terkait"><h3>Berita terkait</h3><ul>\(teasers.joined(separator: "\n"))</ul></aside>
            <footer><p>Copyright &copy; 2021 Tempo.co</p></footer>
            </body></html>
            """
    }

    /// A Reuters story page built from the bundled English text.
    static func reuters() throws -> String {
        let parts = try paragraphs(TestSupport.seedSource)
        let body = parts.dropFirst().enumerated().map { "<p data-testid=\"paragraph-\($0.offset)\">\(escape($0.element))</p>" }
        return """
            <!doctype html><html><head><title>\(escape(parts[0])) | Reuters</title>
            <link rel="canonical" href="https://www.reuters.com/article/idUSKBN29T0CA">
            <meta name="article:published_time" content="2021-01-24T10:15:00Z"></head>
            <body><nav><a href="/world">World</a></nav><main>
            <h1 data-testid="Heading">\(escape(parts[0]))</h1>
            <time datetime="2021-01-24T10:15:00Z">January 24, 2021 10:15 AM UTC</time>
            <div class="article-body__content">
            \(body.joined(separator: "\n"))
            <div class="related-coverage"><p>Related coverage: Navalny supporters rally across Russia in protest</p></div>
            </div></main><footer><p>All quotes delayed a minimum of 15 minutes.</p></footer></body></html>
            """
    }
}

@Suite("Saved web pages")
struct HTMLArticleTests {
    @Test("A Tempo page gives the same sentences, date and cited original as the text copy")
    func tempoPage() throws {
        let page = try SitePages.tempo()
        #expect(HTMLArticle.looksLikeHTML(page))
        let fromHTML = Workbench.prepare(text: page, language: "id", path: "tempo.html")
        let fromText = Workbench.prepare(text: try TestSupport.read(TestSupport.seedTarget), language: "id", path: nil)
        #expect(fromHTML.sentences.map(\.text) == fromText.sentences.map(\.text))
        #expect(fromHTML.article.date == fromText.article.date)
        #expect(fromHTML.article.title == fromText.article.title)
        #expect(fromHTML.article.sourceURLs.contains("https://www.reuters.com/article/idUSKBN29T0CA?il=0"))
        let text = fromHTML.sentences.map(\.text).joined(separator: " ")
        for noise in ["not text", "commented out", "Bagikan", "Home", "Copyright", "Advertising", "Sputnik", "Rafah"] {
            #expect(!text.contains(noise), "\(noise) leaked into the article")
        }
    }

    @Test("A Reuters page gives the story's sentences, its date and its story id")
    func reutersPage() throws {
        let fromHTML = Workbench.prepare(text: try SitePages.reuters(), language: "en", path: "reuters.html")
        let fromText = Workbench.prepare(text: try TestSupport.read(TestSupport.seedSource), language: "en", path: nil)
        #expect(fromHTML.sentences.map(\.text) == fromText.sentences.map(\.text))
        #expect(fromHTML.article.date?.hasPrefix("2021-01-24") == true)
        #expect(fromHTML.article.sourceURLs.contains("https://www.reuters.com/article/idUSKBN29T0CA"))
    }

    @Test("Entities, unclosed paragraphs and attributes without quotes are read as a browser would")
    func forgiving() {
        let page = HTMLArticle(
            html:
                "<html><body><div class=content><p>Rp 5.000 &amp; &#8220;ya&#x201D; &nbsp;kata&hellip;<p>Dua <b>kalimat</b>.</div></body></html>"
        )
        #expect(page.paragraphs == ["Rp 5.000 & “ya” kata…", "Dua kalimat."])
        #expect(HTMLArticle(html: "<html><p>x < y</p></html>").paragraphs == ["x < y"])
        #expect(!HTMLArticle.looksLikeHTML("Teks biasa <b>bukan</b> halaman."))
    }

    @Test("pair-docs and import take folders of saved pages: the Tempo page finds its Reuters original")
    func foldersOfPages() throws {
        let directory = try TestSupport.temporaryDirectory()
        let translations = directory + "/tempo"
        let originals = directory + "/reuters"
        for folder in [translations, originals] {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        try SitePages.tempo().write(toFile: translations + "/putin-biden.html", atomically: true, encoding: .utf8)
        try SitePages.reuters().write(toFile: originals + "/kremlin-dialogue.html", atomically: true, encoding: .utf8)
        // Distractors: the pud-dev originals as plain text.
        for file in try FileManager.default.contentsOfDirectory(atPath: TestSupport.goldPath("align/pud-dev"))
        where file.hasSuffix(".en.raw.txt") {
            try FileManager.default.copyItem(
                atPath: TestSupport.goldPath("align/pud-dev/" + file), toPath: originals + "/" + file)
        }
        let run = try TestSupport.padan(["pair-docs", translations, originals, "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("kremlin-dialogue.html"))
        #expect(run.stdout.contains("cites idusKBN29T0CA".lowercased()) || run.stdout.lowercased().contains("cites idusk"))
        let db = directory + "/padan.db"
        _ = try TestSupport.padan(["init", "--db", db])
        let imported = try TestSupport.padan(["import", "--db", db, translations, "--pair-with", originals])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("1 pairs added"))
        let links = try TestSupport.padan(["pairs", "list", "1", "--db", db, "--json"])
        #expect(links.stdout.contains("Navalny"))
    }
}

@Suite("HTML character references")
struct HTMLEntityTests {
    @Test(
        "Every HTML5 named entity is decoded, numeric ones too; an unknown name stays as written",
        arguments: [
            ("Jos&eacute; Mar&iacute;a Aznar, 5&percnt; lebih tinggi", "José María Aznar, 5% lebih tinggi"),
            ("S&atilde;o Paulo &amp; Bogot&aacute; &ndash; &oacute;", "São Paulo & Bogotá – ó"),
            ("&CounterClockwiseContourIntegral; &NotSquareSupersetEqual; &#x2019; &#8217;", "∳ ⋣ ’ ’"),
            ("a&NewLine;b &nosuchentity; &amp", "a\nb &nosuchentity; &amp"),
        ])
    func entities(html: String, text: String) {
        let page = HTMLArticle(html: "<html><body><article><p>\(html)</p></article></body></html>")
        // Whitespace runs in a paragraph become one space, a decoded newline too.
        #expect(page.paragraphs == [text.replacingOccurrences(of: "\n", with: " ")], "\(page.paragraphs)")
    }
}

@Suite("What is a saved page")
struct SavedPageDetectionTests {
    @Test(
        "A page is HTML whatever comes before its <html>: a doctype, a BOM, a browser's saved-from comment, an XML prolog",
        arguments: [
            ("<!DOCTYPE html><html><body><p>x</p></body></html>", true),
            ("\u{FEFF}  <html lang=\"en\"><body>x</body></html>", true),
            ("<!-- saved from url=(0054)https://www.reuters.com/article/idUSKBN29T0CA -->\n<html><head>", true),
            ("<!-- one --><!-- two -->\n<head><title>t</title></head><body>x</body>", true),
            ("<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">", true),
            ("MOSCOW, Jan 24 (Reuters) - <b>not</b> a page", false),
            ("<!-- a comment, then plain text -->\nKremlin says Putin is ready", false),
        ])
    func detection(text: String, isHTML: Bool) {
        #expect(HTMLArticle.looksLikeHTML(text) == isHTML)
    }

    @Test("A file named .html is read as a page even when its markup starts with no doctype, <html> or <head>")
    func byExtension() {
        let fragment = "<div class=\"article\"><p>Kremlin says Putin is ready.</p><p>Peskov said so on Sunday.</p></div>"
        #expect(!HTMLArticle.looksLikeHTML(fragment))
        let page = Workbench.prepare(text: fragment, language: "en", path: "saved/putin.HTML")
        #expect(page.sentences.map(\.text) == ["Kremlin says Putin is ready.", "Peskov said so on Sunday."])
        let plain = Workbench.prepare(text: fragment, language: "en", path: "notes.txt")
        #expect(plain.sentences.contains { $0.text.contains("<div") })  // a .txt file is taken as written
    }
}

@Suite("Saved pages whose paragraphs are not <p>")
struct ParagraphDivTests {
    @Test("A Reuters page of <div data-testid=\"paragraph-N\"> blocks (no <p>) keeps its body, in order")
    func reutersDivParagraphs() throws {
        let parts = try SitePages.paragraphs(TestSupport.seedSource)
        let body = parts.dropFirst().enumerated().map { index, text in
            "<div data-testid=\"paragraph-\(index)\" class=\"text__text__1FZLe article-body__paragraph__2-BtD\">"
                + "<span>\(SitePages.escape(text))</span></div>"
        }.joined(separator: "\n")
        let html = """
            <!DOCTYPE html><html><head><title>\(parts[0]) | Reuters</title></head><body>
            <div class="article-body__content__17Yit">\(body)</div></body></html>
            """
        let page = HTMLArticle(html: html)
        #expect(page.paragraphs == Array(parts.dropFirst()), "\(page.paragraphs.prefix(3))")
    }
}
