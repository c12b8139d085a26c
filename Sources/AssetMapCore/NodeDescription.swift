/// A node as plain text for `assetmap show`: its record as written in the map, then its neighbours.
extension MapGraph {
    public func describe(_ id: String) -> String? {
        guard let index = nodeIndex[id] else { return nil }
        let node = nodes[index]
        var out = Syntax.nodeLine(kind: node.kind, id: node.id, label: node.label) + "\n"
        for attribute in node.attributes { out += attributeText(attribute, indent: "  ") }
        out += "(line \(node.line + 1))\n"
        out += neighbourSection("Out", outgoing[index], arrow: "->", other: \.to)
        out += neighbourSection("In", incoming[index], arrow: "<-", other: \.from)
        return out
    }

    private func neighbourSection(_ title: String, _ edgeIndices: [Int], arrow: String, other: KeyPath<Edge, String>) -> String {
        var out = "\n\(title) (\(edgeIndices.count)):\n"
        if edgeIndices.isEmpty { out += "  none\n" }
        for e in edgeIndices {
            let edge = edges[e]
            let otherID = edge[keyPath: other]
            let what = node(otherID).map { "\($0.kind) \(Syntax.quote($0.label))" } ?? "unknown id"
            out += "  \(arrow) \(otherID) \(Syntax.relationToken(edge.relation))  — \(what)\n"
            for attribute in edge.attributes { out += attributeText(attribute, indent: "      ") }
        }
        return out
    }

    private func attributeText(_ attribute: Attribute, indent: String) -> String {
        Syntax.attributeLines(key: attribute.key, value: attribute.value, indent: indent).joined(separator: "\n") + "\n"
    }
}
