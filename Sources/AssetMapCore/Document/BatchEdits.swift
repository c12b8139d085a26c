import Foundation

/// A node or edge to add in one batch (an import adds thousands: one splice each would re-read the graph each time).
package struct NewNode: Equatable, Sendable {
    package var kind: String
    package var id: String
    package var label: String
    package var attributes: [(key: String, value: String)]

    package init(kind: String, id: String, label: String, attributes: [(key: String, value: String)] = []) {
        (self.kind, self.id, self.label, self.attributes) = (kind, id, label, attributes)
    }

    package static func == (a: NewNode, b: NewNode) -> Bool {
        a.kind == b.kind && a.id == b.id && a.label == b.label && a.attributes.elementsEqual(b.attributes, by: ==)
    }
}

package struct NewEdge: Equatable, Sendable {
    package var from: String
    package var to: String
    package var relation: String
    package var attributes: [(key: String, value: String)]

    package init(from: String, to: String, relation: String, attributes: [(key: String, value: String)] = []) {
        (self.from, self.to, self.relation, self.attributes) = (from, to, relation, attributes)
    }

    package static func == (a: NewEdge, b: NewEdge) -> Bool {
        a.from == b.from && a.to == b.to && a.relation == b.relation && a.attributes.elementsEqual(b.attributes, by: ==)
    }
}

extension MapDocument {
    /// Adds kinds, nodes and edges in one change: declarations after the last declaration (else after the header),
    /// each kind's new nodes after its last node (else before the first edge), new edges at the end of the file.
    /// Validated like `addNode` and `link`; nothing is changed when any record is refused.
    package func addRecords(kinds: [(name: String, plural: String)] = [], nodes: [NewNode], edges: [NewEdge]) throws
        -> Change
    {
        var known = Set(graph.kinds.map(\.name))
        var splices: [Splice] = []
        var declarationLines: [String] = []
        for kind in kinds {
            guard Syntax.isValidID(kind.name), kind.name != "map", kind.name != "kind" else {
                throw EditError("'\(kind.name)' cannot name a kind")
            }
            guard known.insert(kind.name).inserted else { throw EditError("kind '\(kind.name)' is already declared") }
            try validateLabel(kind.plural)
            declarationLines.append("kind \(kind.name) \(Syntax.quote(kind.plural))")
        }
        var ids = Set<String>()
        var nodeLines: [String: [String]] = [:]
        var kindOrder: [String] = []
        for node in nodes {
            guard known.contains(node.kind) else {
                throw EditError(Suggest.unknownKind(node.kind, among: known.sorted()))
            }
            try validateNewID(node.id)
            guard ids.insert(node.id).inserted else { throw EditError("the id '\(node.id)' is given twice") }
            try validateLabel(node.label)
            if nodeLines[node.kind] == nil { kindOrder.append(node.kind) }
            nodeLines[node.kind, default: []] +=
                ["", Syntax.nodeLine(kind: node.kind, id: node.id, label: node.label)]
                + (try attributeLines(node.attributes))
        }
        var edgeLines: [String] = []
        var seen = Set<String>()
        for edge in edges {
            for end in [edge.from, edge.to] where graph.nodeIndex[end] == nil && !ids.contains(end) {
                throw EditError(Suggest.noSuchNode(end, in: graph))
            }
            let relation = edge.relation.trimmingCharacters(in: .whitespaces)
            guard !relation.isEmpty else { throw EditError("an edge needs a relation") }
            try validateLabel(relation)
            guard graph.edgeIndex(from: edge.from, to: edge.to, relation: relation) == nil,
                seen.insert("\(edge.from)\u{0}\(edge.to)\u{0}\(relation)").inserted
            else {
                throw EditError("\(edge.from) -> \(edge.to) \(relation) already exists")
            }
            edgeLines +=
                [Syntax.edgeLine(from: edge.from, to: edge.to, relation: relation)]
                + (try attributeLines(edge.attributes))
        }
        // Bottom up, so each splice's line numbers are those of the document as it is.
        if !edgeLines.isEmpty {
            let separate =
                graph.edges.isEmpty && !lines.isEmpty && !content(ofLine: lines.count - 1).allSatisfy(\.isWhitespace)
            splices.append(
                Splice(start: lines.count, removed: [], inserted: ending(separate ? [""] + edgeLines : edgeLines)))
        }
        let firstEdge = graph.edges.map(\.line).min()
        let topOfRecords = ([graph.header?.endLine ?? 0] + graph.kinds.compactMap(\.endLine)).max()!
        // At one place, a lower rank lands higher: declarations, then a kind's nodes after its own last node, then
        // new kinds' nodes in sheet order.
        var insertions: [(at: Int, rank: Int, lines: [String])] = kindOrder.enumerated().map { order, kind in
            if let own = graph.nodes.last(where: { $0.kind == kind }) { return (own.endLine, 1, nodeLines[kind]!) }
            return (graph.nodes.last?.endLine ?? firstEdge ?? lines.count, 2 + order, nodeLines[kind]!)
        }
        if !declarationLines.isEmpty { insertions.append((topOfRecords, 0, [""] + declarationLines)) }
        // Bottom up; at one place the higher rank first, so the lower one is inserted above it.
        for insertion in insertions.sorted(by: { ($0.at, $0.rank) > ($1.at, $1.rank) }) {
            var inserted = insertion.lines
            if insertion.at == 0 { inserted.removeFirst() }
            if insertion.at < lines.count, !content(ofLine: insertion.at).allSatisfy(\.isWhitespace) {
                inserted.append("")
            }
            splices.append(Splice(start: insertion.at, removed: [], inserted: ending(inserted)))
        }
        let summary =
            "add \(nodes.count) node\(nodes.count == 1 ? "" : "s") and \(edges.count) edge\(edges.count == 1 ? "" : "s")"
        return Change(summary, splices)
    }

}
