import Foundation
import PadanCore
import PadanWorkbench
import Testing

/// The bundled Reuters story written out in the markup of the sites Tempo translates from, as their
/// pages were saved over the years (our own fixtures, written for Padan from the sites' public
/// structure: the story text is the bundled one). Each page carries its site's furniture: logos,
/// headers, bylines, date lines, share bars, teasers, sign-offs.
enum SiteLayout: String, CaseIterable, CustomStringConvertible {
    case reuters2019, reuters2024, apNews2023, afp2021, alJazeera2022, kyodo2020

    var description: String { rawValue }

    static func parts() throws -> (headline: String, body: [String]) {
        let parts = try SitePages.paragraphs(TestSupport.seedSource)
        return (parts[0], Array(parts.dropFirst()))
    }

    /// JSON-LD as news sites embed it: a `NewsArticle`, here inside an `@graph` with the site.
    static func linkedData(_ headline: String) -> String {
        """
        <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"News"},
        {"@type":"NewsArticle","headline":"\(headline)","datePublished":"2021-01-24T10:15:00Z",
        "url":"https://www.reuters.com/article/idUSKBN29T0CA","author":[{"@type":"Person","name":"Moscow bureau"}]}]}</script>
        """
    }

    func page() throws -> String {
        let (headline, body) = try Self.parts()
        let e = SitePages.escape
        let paragraphs = body.map { "<p>\(e($0))</p>" }.joined(separator: "\n")
        switch self {
        case .reuters2019:
            return """
                <!DOCTYPE html><html lang="en"><head><title>\(e(headline)) - Reuters</title>
                <meta property="og:title" content="\(e(headline))">
                <meta property="og:url" content="https://www.reuters.com/article/idUSKBN29T0CA"></head>
                <body><div class="TopNav_container"><a href="/">Reuters</a><ul><li>World</li><li>Business</li></ul></div>
                <div class="StandardArticle_inner-container"><h1 class="ArticleHeader_headline">\(e(headline))</h1>
                <div class="ArticleHeader_date">January 24, 2021 / 10:15 AM / Updated 3 years ago</div>
                <div class="StandardArticleBody_body">\(paragraphs)
                <div class="Attribution_container"><p class="Attribution_content">Our Standards: The Thomson Reuters Trust Principles.</p></div>
                </div></div>
                <div class="RelatedCoverage_related-coverage-module"><p>Navalny supporters rally across Russia</p></div>
                <footer><p>All quotes delayed a minimum of 15 minutes.</p></footer></body></html>
                """
        case .reuters2024:
            let divs = body.enumerated().map { index, text in
                "<div data-testid=\"paragraph-\(index)\" class=\"text__text__1FZLe article-body__paragraph__2-BtD\">\(e(text))</div>"
            }.joined(separator: "\n")
            return """
                <!-- saved from url=(0077)https://www.reuters.com/world/europe/kremlin-says-putin-ready-dialogue-2021-01-24/ -->
                <html lang="en"><head><meta charset="utf-8"><title>\(e(headline)) | Reuters</title>
                \(Self.linkedData(e(headline)))</head>
                <body><header class="site-header__container"><h1 class="site-logo"><a href="/">Reuters</a></h1>
                <nav><a href="/world/">World</a> <a href="/business/">Business</a></nav></header>
                <main><article><div class="article-header__heading"><h1 data-testid="Heading">\(e(headline))</h1></div>
                <div class="article-header__dateline"><p><time datetime="2021-01-24T10:15:00Z">January 24, 2021 10:15 AM UTC</time> Updated 3 years ago</p></div>
                <div class="article-body__content__17Yit">\(divs)
                <div data-testid="ShareBar" class="share-bar__container"><p>Reuters shares bar: Facebook Twitter LinkedIn Email</p></div></div>
                <div data-testid="ReadNext"><h2>Read Next</h2>
                <a href="/world/one"><h3>Navalny allies call for more protests</h3><p>Supporters of the jailed Kremlin critic say they will march again next weekend in cities across the country.</p></a>
                <a href="/world/two"><h3>EU weighs new sanctions</h3><p>Foreign ministers will discuss measures against officials involved in the detentions at a meeting on Monday.</p></a></div>
                </article></main><footer><p>All quotes delayed a minimum of 15 minutes.</p></footer></body></html>
                """
        case .apNews2023:
            return """
                <!doctype html><html><head><title>\(e(headline)) | AP News</title>
                \(Self.linkedData(e(headline)))</head><body>
                <header class="Page-header"><h1 class="Page-header-logo">AP</h1></header>
                <main class="Page-main"><div class="Page-lead"><h1 class="Page-headline">\(e(headline))</h1>
                <div class="Page-authors"><span class="Page-byline-info">By THE MOSCOW BUREAU</span></div>
                <div class="Page-dateModified"><bsp-timestamp>Updated 10:15 AM UTC, January 24, 2021</bsp-timestamp></div></div>
                <div class="RichTextStoryBody RichTextBody">\(paragraphs)
                <div class="Page-actions"><p>Share: Facebook Copy Link</p></div></div>
                <div class="PageList-items"><div class="PageListStandardE-title"><p>More from AP: Ukraine's role in talks</p></div></div>
                <p class="Page-copyright">Copyright 2021 The Associated Press. All Rights Reserved.</p>
                </main></body></html>
                """
        case .afp2021:
            return """
                <!DOCTYPE html><html><head><title>\(e(headline)) - France 24</title>
                <meta property="og:title" content="\(e(headline))">
                <meta property="article:published_time" content="2021-01-24T10:15:00+00:00"></head><body>
                <header class="m-header"><h1 class="m-header__logo">France 24</h1></header>
                <article class="t-content"><h1 class="t-content__title a-page-title">\(e(headline))</h1>
                <p class="t-content__date"><time datetime="2021-01-24T10:15:00+00:00">Issued on: 24/01/2021 - 10:15</time></p>
                <div class="m-em-share"><p>Share on Twitter Share on Facebook</p></div>
                <div class="t-content__body u-clearfix">\(paragraphs)
                <p>© 2021 AFP</p></div></article>
                <aside class="m-item-list-article"><p>Russia detains hundreds at Navalny rallies across the country</p></aside>
                </body></html>
                """
        case .alJazeera2022:
            return """
                <!DOCTYPE html><html lang="en"><head><title>\(e(headline)) | News | Al Jazeera</title>
                \(Self.linkedData(e(headline)))</head><body>
                <div class="site-header"><h1 class="site-header__logo">Al Jazeera</h1><nav><a href="/news/">News</a></nav></div>
                <main id="main-content-area"><header class="article-header"><h1>\(e(headline))</h1>
                <p class="article-subhead">The Kremlin says it counts on a dialogue with the new US administration.</p></header>
                <div class="article-info-block"><div class="date-simple"><span>Published On 24 Jan 2021</span></div></div>
                <div class="wysiwyg wysiwyg--all-content css-1ck9wyi">\(paragraphs)
                <p>Source: Al Jazeera and news agencies</p></div>
                <div class="more-on"><h2>More on Russia</h2><p>Navalny jailed after returning to Moscow from Germany</p></div>
                </main><footer class="footer"><p>© 2021 Al Jazeera Media Network</p></footer></body></html>
                """
        case .kyodo2020:
            return """
                <!DOCTYPE html><html><head><title>\(e(headline)) | Kyodo News</title>
                <meta property="og:title" content="\(e(headline))"></head><body>
                <div id="header"><h1 id="logo"><a href="/">KYODO NEWS</a></h1></div>
                <div class="article-main"><h1 class="article-title">\(e(headline))</h1>
                <p class="credit">KYODO NEWS - Jan 24, 2021 - 19:15 | World</p>
                <div class="article-body">\(paragraphs)
                <p>==Kyodo</p></div>
                <div class="social-links"><p>Facebook Twitter</p></div>
                <div class="related"><p>Japan, Russia agree to continue peace treaty talks</p></div></div>
                </body></html>
                """
        }
    }
}

@Suite("Saved pages of every layout Tempo translates from")
struct SiteLayoutTests {
    @Test(
        "The page gives exactly the story's sentences and its headline, without the site's furniture",
        arguments: SiteLayout.allCases)
    func extractsTheStory(layout: SiteLayout) throws {
        let fromPage = Workbench.prepare(text: try layout.page(), language: "en", path: "\(layout).html")
        let fromText = Workbench.prepare(text: try TestSupport.read(TestSupport.seedSource), language: "en", path: nil)
        #expect(fromPage.sentences.map(\.text) == fromText.sentences.map(\.text))
        #expect(fromPage.article.title == fromText.article.title)
        let text = fromPage.sentences.map(\.text).joined(separator: " ")
        for furniture in [
            "Reuters shares bar", "Read Next", "Navalny allies", "EU weighs", "Share", "Copyright", "© 2021", "Source:",
            "==Kyodo",
            "KYODO NEWS", "By THE MOSCOW", "Updated", "Our Standards", "More on Russia", "France 24",
        ] {
            #expect(!text.contains(furniture), "\(layout): “\(furniture)” leaked into the article")
        }
    }

    @Test("JSON-LD gives the headline, publication time and URL even when the page's <h1> is the site's logo")
    func linkedData() throws {
        let (headline, body) = try SiteLayout.parts()
        let html = """
            <html><head>\(SiteLayout.linkedData(headline))</head><body><header><h1>Reuters</h1></header>
            <div class="body">\(body.map { "<p>\(SitePages.escape($0))</p>" }.joined())</div></body></html>
            """
        let page = HTMLArticle(html: html)
        #expect(page.title == headline)
        #expect(page.publishedTime == "2021-01-24T10:15:00Z")
        #expect(page.canonicalURL == "https://www.reuters.com/article/idUSKBN29T0CA")
        #expect(page.paragraphs == body)
    }

    @Test("A saved Tempo page and a saved Reuters page of one story align as their text files do")
    func pagesAlignAsText() throws {
        let directory = try TestSupport.temporaryDirectory()
        let db = directory + "/padan.db"
        try SiteLayout.reuters2024.page().write(toFile: directory + "/reuters.html", atomically: true, encoding: .utf8)
        try SitePages.tempo().write(toFile: directory + "/tempo.html", atomically: true, encoding: .utf8)
        #expect(try TestSupport.padan(["init", "--db", db]).status == 0)
        #expect(try TestSupport.padan(["add", "--db", db, directory + "/reuters.html", directory + "/tempo.html"]).status == 0)
        #expect(try TestSupport.padan(["add", "--db", db, TestSupport.seedSource, TestSupport.seedTarget]).status == 0)
        func ladder(_ pair: Int) throws -> [String] {
            try TestSupport.padan(["pairs", "list", "\(pair)", "--db", db]).stdout.split(separator: "\n").map {
                $0.split(separator: "\t", omittingEmptySubsequences: false)[3...4].joined(separator: ":")
            }
        }
        #expect(try ladder(1) == (try ladder(2)))
        #expect(try ladder(1).count == 14)
    }
}
