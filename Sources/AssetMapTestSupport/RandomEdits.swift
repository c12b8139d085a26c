import AssetMapCore

/// Random edits of every kind (attributes, nodes, links, removals, id changes) and their undo, for the
/// benchmark's `--fuzz-edits` and the fuzz target: after each, the incrementally updated graph must
/// equal a full parse of the edited text.
package enum RandomEdits {
    package static let defaultValues = ["agreed", "a\nb", "x\ny\nz", "", "smi, cancer"]

    /// Performs one random edit (`step` makes new ids unique), and sometimes its undo; returns what
    /// differed from a full parse after each, empty when nothing did.
    package static func step(
        _ document: inout MapDocument, _ random: inout SeededRandom, step: Int,
        values: [String] = defaultValues
    ) -> [String] {
        let graph = document.graph
        guard !graph.nodes.isEmpty else { return [] }
        let node = graph.nodes[random.below(graph.nodes.count)].id
        let other = graph.nodes[random.below(graph.nodes.count)].id
        let edge = graph.edges.isEmpty ? nil : graph.edges[random.below(graph.edges.count)]
        let ref: RecordRef =
            random.chance(30) && edge != nil
            ? .edge(from: edge!.from, to: edge!.to, relation: edge!.relation)
            : random.chance(5) ? .header : .node(node)
        let key = random.pick(["status", "note", "votes", "clinical"])
        let value = random.pick(values)
        let change: Change
        do {
            switch random.below(10) {
            case 0: change = try document.setAttribute(ref, key: key, value: value)
            case 1: change = try document.addAttribute(ref, key: key, value: value)
            case 2: change = try document.removeAttribute(ref, key: key)
            case 3:
                change = try document.addNode(
                    kind: random.pick([BuiltinKind.community, .barrier, .improvement]).name, id: "fuzz-\(step)",
                    label: value)
            case 4:
                change = try document.link(
                    from: node, to: other, relation: random.pick(["affects", "meets", "gathers at"]))
            case 5: change = try document.removeNode(node)
            case 6:
                guard let edge else { return [] }
                change = try document.unlink(from: edge.from, to: edge.to, relation: edge.relation)
            case 7: change = try document.changeID(node, to: "fuzz-id-\(step)")
            case 8: change = try document.renameNode(node, label: value)
            default: change = try document.proposeImprovement(for: node, label: value)
            }
        } catch { return [] }
        var mismatches: [String] = []
        document.perform(change)
        if let difference = differenceFromFullParse(document) {
            mismatches.append("at step \(step): \(change.summary): \(difference)")
        }
        if random.chance(30) {
            document.perform(change.inverse)
            if let difference = differenceFromFullParse(document) {
                mismatches.append("undoing step \(step): \(change.summary): \(difference)")
            }
        }
        return mismatches
    }

    /// Which parts of the document's graph differ from a fresh parse of its text, or nil.
    package static func differenceFromFullParse(_ document: MapDocument) -> String? {
        difference(document.graph, MapDocument(text: document.text).graph)
    }

    /// Which parts of graph `g` differ from `full`, or nil.
    package static func difference(_ g: MapGraph, _ full: MapGraph) -> String? {
        let parts = [
            ("header", g.header == full.header), ("kinds", g.kinds == full.kinds), ("nodes", g.nodes == full.nodes),
            ("edges", g.edges == full.edges), ("syntax errors", g.syntaxErrors == full.syntaxErrors),
            ("adjacency", g.outgoing == full.outgoing && g.incoming == full.incoming),
            ("index", g.nodeIndex == full.nodeIndex && g.unresolvedEnds == full.unresolvedEnds),
        ]
        let different = parts.filter { !$0.1 }.map(\.0)
        return different.isEmpty ? nil : different.joined(separator: ", ")
    }
}
