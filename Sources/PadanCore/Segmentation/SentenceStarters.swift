/// Closed-class words that typically open a sentence (pronouns, conjunctions, sentence adverbs,
/// determiners). They decide ambiguous cases: an initial or acronym followed by a capitalised word
/// (`B. Yudhoyono` is a name; `U.S. The …` is a sentence end).
enum SentenceStarters {
    static func words(for language: String) -> Set<String> {
        switch language.lowercased().prefix(2) {
        case "id", "ms": return indonesian
        case "en": return english
        default: return []
        }
    }

    static let indonesian: Set<String> = [
        "ia", "dia", "mereka", "kami", "kita", "saya", "aku", "anda", "beliau", "ini", "itu",
        "namun", "tetapi", "tapi", "sementara", "selain", "sebelumnya", "kemudian", "lalu",
        "setelah", "saat", "ketika", "pada", "di", "dalam", "menurut", "para", "sejak", "dengan",
        "untuk", "bagi", "jika", "bila", "apabila", "karena", "sehingga", "sedangkan", "adapun",
        "hingga", "kini", "sekarang", "dan", "atau", "yang", "juga", "tak", "tidak", "bahkan",
        "selanjutnya", "akibatnya", "meski", "meskipun", "walaupun", "sebab", "maka", "oleh",
        "hal", "salah", "sebagian", "semua", "seluruh", "banyak", "beberapa", "apa", "siapa",
        "bagaimana", "mengapa", "kenapa", "kapan", "dari", "ke", "sebagai", "tahun", "acara",
        "kegiatan", "selama", "seorang", "sebuah", "mari", "ada", "keduanya",
        // Adverbs and prepositions that open news sentences.
        "tepat", "sekitar", "usai", "seusai", "sesudah", "sebelum", "terkait", "berdasarkan",
        "sebanyak", "kemarin", "kala", "begitu", "tentu",
        "agar", "supaya", "mulai", "hanya", "masih", "sudah", "telah", "belum", "pun", "akan",
        "antara", "menjelang", "jelang", "sesuai", "melalui", "lewat", "atas", "tanpa",
    ]

    static let english: Set<String> = [
        "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "this", "that", "these",
        "those", "there", "his", "her", "their", "its", "our", "my", "but", "and", "or", "in", "on",
        "at", "for", "as", "after", "before", "when", "while", "if", "however", "meanwhile",
        "according", "some", "many", "most", "one", "no", "not", "so", "yet", "since", "during",
        "earlier", "later", "last", "officials", "both", "what", "who", "how", "why", "where",
        "then", "now", "also", "such", "with", "from", "by", "to", "all", "other", "under",
    ]
}
