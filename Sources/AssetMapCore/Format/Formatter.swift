/// `fmt`: canonical layout without touching content. Records get single spaces and canonical
/// quoting, attributes a two-space indent; comments, blank lines and record order stay.
extension MapDocument {
    package struct FormatRefused: Error, CustomStringConvertible, Sendable {
        package var diagnostics: [Diagnostic]
        package var description: String { "the map has syntax errors; fix them before formatting" }
    }

    /// The edit that formats the document: one splice per changed line, none when already formatted.
    /// Refuses a map with syntax errors, whose meaning could change.
    package func formatting() throws -> Change {
        guard graph.syntaxErrors.isEmpty else {
            throw FormatRefused(diagnostics: graph.syntaxErrors.sortedByPosition())
        }
        var records: [Int: String] = [:]
        if let header = graph.header { records[header.line] = "map \(Syntax.quote(header.title))" }
        for kind in graph.kinds {
            if let line = kind.line { records[line] = "kind \(kind.name) \(Syntax.quote(kind.plural))" }
        }
        for node in graph.nodes {
            records[node.line] = Syntax.nodeLine(kind: node.kind, id: node.id, label: node.label)
        }
        for edge in graph.edges {
            records[edge.line] = Syntax.edgeLine(from: edge.from, to: edge.to, relation: edge.relation)
        }

        var splices: [Splice] = []
        for index in lines.indices {
            let old = lines[index]
            var new = records[index] ?? MapDocument.formatNonRecord(content(ofLine: index))
            if old.utf8.last == 0x0D { new += "\r" }  // each line keeps its own ending
            if new != old {
                splices.append(Splice(start: index, removed: removedLines(index..<(index + 1)), inserted: [new]))
            }
        }
        return Change("format the map", splices)
    }

    /// Blank, comment, attribute and continuation lines. Read by Unicode scalars, as the parser reads bytes:
    /// by characters, ":" or "+" followed by a combining mark is one character and was missed (found by fuzzing).
    private static func formatNonRecord(_ line: String) -> String {
        let isBlank: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\t" }
        let untrimmed = Substring(line).unicodeScalars
        var text = untrimmed
        while let last = text.last, isBlank(last) { text.removeLast() }
        // Blanks after a lone CR stay: without them the CR would read as a line ending (found by fuzzing).
        if text.last == "\r" { text = untrimmed }
        let body = text.drop(while: isBlank)
        if body.isEmpty { return "" }
        if body.count == text.count { return String(text) }  // a top-level comment
        if body.first == "#" { return "  " + String(body) }
        if body.first == "+" {
            var rest = body.dropFirst()
            if rest.first == " " { rest = rest.dropFirst() }  // the parser drops exactly one space
            return rest.isEmpty ? "  +" : "  + " + String(rest)
        }
        guard let colon = body.firstIndex(of: ":") else { return "  " + String(body) }
        let key = String(body[..<colon])
        let value = String(body[body.index(after: colon)...].drop(while: isBlank))
        return value.isEmpty ? "  \(key):" : "  \(key): \(value)"
    }
}
