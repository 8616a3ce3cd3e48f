/// Glossary export formats: TSV (`id en note`, as OmegaT reads it), TBX-Basic for terminology
/// tools, and hunalign's dictionary lines (`target @ source`).
public enum GlossaryExport {
    public static func tsv(_ entries: [GlossaryEntry]) -> String {
        var text = "id\ten\tnote\n"
        for entry in entries {
            text += [entry.indonesian, entry.english, entry.note].map(TSVWriter.field).joined(separator: "\t") + "\n"
        }
        return text
    }

    /// hunalign's dictionary format: one `target-language phrase @ source-language phrase` a line.
    public static func hunalign(_ entries: [GlossaryEntry]) -> String {
        entries.map { "\(TSVWriter.field($0.indonesian)) @ \(TSVWriter.field($0.english))\n" }.joined()
    }

    /// TBX-Basic (ISO 30042): one `<termEntry>` per English–Indonesian pair.
    public static func tbx(_ entries: [GlossaryEntry]) -> String {
        var text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <martif type="TBX-Basic" xml:lang="en">
              <martifHeader>
                <fileDesc><sourceDesc><p>Padan glossary</p></sourceDesc></fileDesc>
              </martifHeader>
              <text>
                <body>

            """
        for (index, entry) in entries.enumerated() {
            text += "      <termEntry id=\"t\(index + 1)\">\n"
            if !entry.note.isEmpty { text += "        <note>\(XMLText.escape(entry.note))</note>\n" }
            text += "        <langSet xml:lang=\"en\"><tig><term>\(XMLText.escape(entry.english))</term></tig></langSet>\n"
            text += "        <langSet xml:lang=\"id\"><tig><term>\(XMLText.escape(entry.indonesian))</term></tig></langSet>\n"
            text += "      </termEntry>\n"
        }
        return text + "    </body>\n  </text>\n</martif>\n"
    }

}
