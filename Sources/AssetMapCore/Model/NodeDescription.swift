/// A node as plain text for `assetmap show`: its record as written in the map, then its neighbours.
/// Private attributes (`private-…`) are left out unless `includePrivate`, saying how many; control and
/// bidi characters come out escaped, so the text is safe to print on a terminal.
extension MapGraph {
    package func describe(_ id: String, includePrivate: Bool = false) -> String? {
        guard let index = nodeIndex[id] else { return nil }
        let node = nodes[index]
        var hidden = 0
        var out = Syntax.nodeLine(kind: node.kind, id: node.id, label: node.label) + "\n"
        out += attributesText(node.attributes, indent: "  ", includePrivate, &hidden)
        out += "(line \(node.line + 1))\n"
        out += neighbourSection("Out", outgoing[index], arrow: "->", other: \.to, includePrivate, &hidden)
        out += neighbourSection("In", incoming[index], arrow: "<-", other: \.from, includePrivate, &hidden)
        if hidden > 0 {
            out +=
                "\n\(hidden) private value\(hidden == 1 ? "" : "s") hidden (--include-private shows \(hidden == 1 ? "it" : "them"))\n"
        }
        return Escaping.visible(out, keepingNewlines: true)
    }

    private func attributesText(_ attributes: [Attribute], indent: String, _ includePrivate: Bool, _ hidden: inout Int)
        -> String
    {
        var out = ""
        for attribute in attributes {
            if attribute.isPrivate && !includePrivate { hidden += 1; continue }
            out +=
                Syntax.attributeLines(key: attribute.key, value: attribute.value, indent: indent).joined(
                    separator: "\n") + "\n"
        }
        return out
    }

    private func neighbourSection(
        _ title: String, _ edgeIndices: EdgeList, arrow: String, other: KeyPath<Edge, String>,
        _ includePrivate: Bool, _ hidden: inout Int
    ) -> String {
        var out = "\n\(title) (\(edgeIndices.count)):\n"
        if edgeIndices.isEmpty { out += "  none\n" }
        for e in edgeIndices {
            let edge = edges[e]
            let otherID = edge[keyPath: other]
            let what = node(otherID).map { "\($0.kind) \(Syntax.quote($0.label))" } ?? "unknown id"
            out += "  \(arrow) \(otherID) \(Syntax.relationToken(edge.relation))  — \(what)\n"
            out += attributesText(edge.attributes, indent: "      ", includePrivate, &hidden)
        }
        return out
    }
}
