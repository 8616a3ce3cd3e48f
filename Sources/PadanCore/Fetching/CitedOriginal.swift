import Foundation

/// Where a translation says its original is: the URLs it cites, wire services first.
public enum CitedOriginal {
    /// Hosts of the wire services and broadcasters Tempo cites, in the order they are tried when a
    /// page cites several.
    public static let wireHosts = [
        "reuters.com", "apnews.com", "afp.com", "aljazeera.com", "kyodonews.net", "english.kyodonews.net", "bbc.com",
        "bbc.co.uk", "cnn.com", "theguardian.com", "nytimes.com", "bloomberg.com", "scmp.com",
    ]

    /// The URLs a translation cites that may be its original: http(s) links (the cleaned text's
    /// source lines, a page's canonical and cited links), wire services first, never the
    /// translation's own site.
    /// - Parameter ownHost: the translation's own site (its canonical URL's host), left out.
    public static func candidates(_ article: CleanedArticle, ownHost: String? = nil) -> [String] {
        var seen: Set<String> = []
        let urls = article.sourceURLs.compactMap { text -> String? in
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard let url = URL(string: trimmed), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
                let host = url.host?.lowercased(), host != ownHost?.lowercased(), !host.hasSuffix("tempo.co"),
                seen.insert(trimmed).inserted
            else { return nil }
            return trimmed
        }
        func rank(_ url: String) -> Int {
            let host = URL(string: url)?.host?.lowercased() ?? ""
            return wireHosts.firstIndex { host == $0 || host.hasSuffix("." + $0) } ?? wireHosts.count
        }
        return urls.enumerated().sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }.map(\.element)
    }
}
