/// Function words that occur in almost every sentence and so tell nothing about which sentence
/// translates which. Languages without a list fall back to a length rule.
enum StopWords {
    static func list(for language: String) -> Set<String>? {
        switch language.lowercased().prefix(2) {
        case "en": return english
        case "id", "ms": return indonesian
        default: return nil
        }
    }

    static let english: Set<String> = [
        "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "with",
        "from", "as", "is", "are", "was", "were", "be", "been", "being", "it", "its", "this",
        "that", "these", "those", "he", "she", "they", "we", "i", "you", "his", "her", "their",
        "our", "my", "your", "him", "them", "us", "me", "have", "has", "had", "do", "does", "did",
        "not", "no", "so", "if", "than", "then", "there", "which", "who", "whom", "whose", "what",
        "when", "where", "while", "will", "would", "can", "could", "should", "may", "might",
        "must", "shall", "also", "into", "over", "about", "after", "before", "said", "says", "say",
        "up", "out", "more", "most", "all", "any", "some", "such", "only", "other", "very", "just",
    ]

    static let indonesian: Set<String> = [
        "yang", "dan", "di", "ke", "dari", "pada", "untuk", "dengan", "dalam", "ini", "itu",
        "adalah", "ialah", "akan", "telah", "sudah", "juga", "tidak", "tak", "bukan", "atau",
        "oleh", "sebagai", "karena", "bahwa", "agar", "supaya", "jika", "kalau", "maka", "serta",
        "tetapi", "tapi", "namun", "ia", "dia", "mereka", "kami", "kita", "saya", "aku", "anda",
        "nya", "pun", "lah", "para", "sang", "si", "se", "ada", "sebuah", "seorang", "hal",
        "kata", "ujar", "tutur", "ucap", "menurut", "bagi", "antara", "hingga", "sampai", "sejak",
        "masih", "lebih", "sangat", "paling", "dapat", "bisa", "harus", "ketika", "saat", "setelah",
        "sebelum", "lalu", "kemudian", "tersebut", "yakni", "yaitu", "secara", "terhadap", "bila",
    ]
}
