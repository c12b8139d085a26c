/// Semantic checks of a parsed map, on top of the parser's syntax errors.
extension MapDocument {
    /// Every problem in the map (syntax errors included), sorted by position.
    public func check() -> [Diagnostic] {
        var out = graph.syntaxErrors
        checkIDs(into: &out)
        checkEdges(into: &out)
        checkVocabulary(into: &out)
        checkConnections(into: &out)
        return out.sortedByPosition()
    }

    private func checkIDs(into out: inout [Diagnostic]) {
        for node in graph.nodes {
            guard let first = graph.node(node.id), first.line != node.line else { continue }
            out.append(Diagnostic(.error, line: node.line + 1, column: node.idColumn,
                                  "duplicate id '\(node.id)': already used by \(first.kind) \(Syntax.quote(first.label)) on line \(first.line + 1)"))
        }
    }

    private func checkEdges(into out: inout [Diagnostic]) {
        var seen: [EdgeKey: Int] = [:]
        for edge in graph.edges {
            for (end, id, column) in [("from", edge.from, edge.fromColumn), ("to", edge.to, edge.toColumn)]
            where graph.nodeIndex[id] == nil {
                var message = "edge \(end) unknown id '\(id)'"
                if let guess = Suggest.closest(to: id, among: graph.nodeIndex.keys.sorted()) { message += " (did you mean '\(guess)'?)" }
                out.append(Diagnostic(.error, line: edge.line + 1, column: column, message))
            }
            let key = EdgeKey(from: edge.from, to: edge.to, relation: edge.relation)
            if let first = seen[key] {
                out.append(Diagnostic(.error, line: edge.line + 1, column: 1,
                                      "duplicate edge \(edge.from) -> \(edge.to) \(Syntax.relationToken(edge.relation)) (first on line \(first + 1))"))
            } else {
                seen[key] = edge.line
            }
        }
    }

    private struct EdgeKey: Hashable { var from, to, relation: String }

    private func checkVocabulary(into out: inout [Diagnostic]) {
        for node in graph.nodes {
            for attribute in node.attributes {
                guard let words = Vocabulary.words(kind: node.kind, key: attribute.key) else { continue }
                let isList = Vocabulary.listKeys.contains(attribute.key)
                for (word, line, column) in items(of: attribute, splittingCommas: isList) where !words.contains(word) {
                    let what = word.isEmpty ? "empty \(attribute.key)" : "unknown \(attribute.key) '\(word)'"
                    var message = "\(what) for \(article(node.kind)) \(node.kind)"
                    if !word.isEmpty, let guess = Suggest.closest(to: word, among: words) {
                        message += " (did you mean '\(guess)'?)"
                    } else {
                        message += "; expected \(isList ? "a comma-separated list of" : "one of"): \(words.joined(separator: ", "))"
                    }
                    out.append(Diagnostic(.warning, line: line, column: column, message))
                }
            }
        }
    }

    /// The words of an attribute value with the 1-based line and column where each starts.
    private func items(of attribute: Attribute, splittingCommas: Bool) -> [(String, Int, Int)] {
        guard splittingCommas else { return [(attribute.value, attribute.line + 1, attribute.valueColumn)] }
        var result: [(String, Int, Int)] = []
        for (k, text) in attribute.value.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineIndex = attribute.line + k
            let start: Int
            if k == 0 {
                start = attribute.valueColumn
            } else {
                // The parser trims trailing blanks; the value text ends where the trimmed line ends.
                var physical = Substring(content(ofLine: lineIndex))
                while let last = physical.last, last == " " || last == "\t" { physical.removeLast() }
                start = physical.count - text.count + 1
            }
            var offset = 0
            for part in text.split(separator: ",", omittingEmptySubsequences: false) {
                let leading = part.prefix { $0 == " " || $0 == "\t" }.count
                let word = part.trimmingCharacters(in: .whitespaces)
                if !word.isEmpty { result.append((word, lineIndex + 1, start + offset + leading)) }
                offset += part.count + 1
            }
        }
        return result
    }

    private func article(_ word: String) -> String {
        "aeiou".contains(word.first ?? "x") ? "an" : "a"
    }

    private func checkConnections(into out: inout [Diagnostic]) {
        for (i, node) in graph.nodes.enumerated() where graph.nodeIndex[node.id] == i {
            let neighbours = (graph.outgoing[i].map { graph.edges[$0].to } + graph.incoming[i].map { graph.edges[$0].from })
                .compactMap { graph.node($0)?.kind }
            let at = (line: node.line + 1, column: node.idColumn)
            if graph.outgoing[i].isEmpty && graph.incoming[i].isEmpty {
                var message = "\(node.kind) '\(node.id)' has no edges"
                if node.kind == "barrier" { message += ": link it to the communities it affects and the improvements that address it" }
                out.append(Diagnostic(.warning, line: at.line, column: at.column, message))
                continue
            }
            guard node.kind == "barrier" else { continue }
            if !neighbours.contains("community") {
                out.append(Diagnostic(.warning, line: at.line, column: at.column,
                                      "barrier '\(node.id)' affects no community (add e.g. \(node.id) -> COMMUNITY affects)"))
            }
            if !neighbours.contains("improvement") {
                out.append(Diagnostic(.warning, line: at.line, column: at.column,
                                      "no improvement addresses barrier '\(node.id)' (add e.g. IMPROVEMENT -> \(node.id) addresses)"))
            }
        }
    }
}
