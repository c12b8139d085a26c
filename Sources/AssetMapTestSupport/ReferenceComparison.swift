import AssetMapCore
import Foundation

extension ReferenceMap {
    /// The loader's reading, in the reference's terms: its records in file order, its syntax errors (one a line,
    /// the first), and the control characters `check` reports.
    package init(_ document: MapDocument) {
        let graph = document.graph
        func attributes(_ list: [AssetMapCore.Attribute]) -> [Attribute] {
            list.map { Attribute(key: $0.key, value: $0.value) }
        }
        var records: [Record] = []
        if let header = graph.header {
            records.append(
                Record(
                    type: "map", fields: [header.title], attributes: attributes(header.attributes),
                    line: header.line + 1))
        }
        for kind in graph.kinds where !kind.isBuiltin {
            records.append(
                Record(type: "kind", fields: [kind.name, kind.plural], attributes: [], line: (kind.line ?? -1) + 1))
        }
        for node in graph.nodes {
            records.append(
                Record(
                    type: "node", fields: [node.kind, node.id, node.label], attributes: attributes(node.attributes),
                    line: node.line + 1))
        }
        for edge in graph.edges {
            records.append(
                Record(
                    type: "edge", fields: [edge.from, edge.to, edge.relation], attributes: attributes(edge.attributes),
                    line: edge.line + 1))
        }
        self.records = records.sorted { $0.line < $1.line }
        var seen: Set<Int> = []
        mistakes = graph.syntaxErrors.sorted { ($0.line, $0.column) < ($1.line, $1.column) }.compactMap {
            seen.insert($0.line).inserted ? Mistake(line: $0.line, column: $0.column) : nil
        }
        controls = document.check().filter { $0.message.hasPrefix("control character") }.map {
            Mistake(line: $0.line, column: $0.column)
        }
    }
}

/// The loader against the reference, as far as the reference defines the answer.
package enum ReferenceComparison {
    /// What the loader's `document` reads otherwise than the reference reads `data` (its bytes); empty when
    /// they agree.
    package static func differences(_ document: MapDocument, _ data: Data) -> [String] {
        guard let reference = ReferenceParser.read(data) else { return ["the reference refuses the file as not UTF-8"] }
        return differences(ReferenceMap(document), reference)
    }

    /// The same for a loader's document alone (its own bytes).
    package static func differences(_ document: MapDocument) -> [String] { differences(document, document.data) }

    package static func differences(_ loaded: ReferenceMap, _ reference: ReferenceMap) -> [String] {
        let open = reference.undefinedLines
        var out: [String] = []
        let ours = loaded.records.filter { !open.contains($0.line) }
        if ours != reference.records {
            let k =
                zip(ours, reference.records).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                ?? min(ours.count, reference.records.count)
            out.append(
                "records differ from the \(k + 1)th: the loader \(ours.dropFirst(k).first.map(\.description) ?? "nothing"), "
                    + "the reference \(reference.records.dropFirst(k).first.map(\.description) ?? "nothing")")
        }
        let loadedMistakes = loaded.mistakes.filter { !open.contains($0.line) }
        if loadedMistakes.map(\.line) != reference.mistakes.map(\.line) {
            out.append("syntax errors on lines: the loader \(loadedMistakes), the reference \(reference.mistakes)")
        } else {
            for (l, r) in zip(loadedMistakes, reference.mistakes) where r.column != nil && r.column != l.column {
                out.append(
                    "syntax error on line \(r.line): the loader at column \(l.column!), the reference at \(r.column!)")
            }
        }
        if loaded.controls != reference.controls {
            out.append("control characters: the loader \(loaded.controls), the reference \(reference.controls)")
        }
        return out
    }
}
