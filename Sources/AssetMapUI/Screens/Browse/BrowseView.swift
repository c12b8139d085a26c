import AssetMapCore
import TerminalKit

// Drawing the Browse screen.

extension BrowseScreen {
    /// The selected node: label, kind and id, attributes, then its links (`link` set on those lines).
    func detailLines(_ session: Session, width: Int) -> [DetailLine] {
        guard let i = session.currentNode else { return [] }
        let graph = session.graph
        let node = graph.nodes[i]
        var lines: [DetailLine] = []
        for line in Widgets.wrap(node.label, width: width) {
            lines.append(.init(text: line, style: session.theme[.heading]))
        }
        lines.append(
            .init(
                text: "\(graph.tag(ofKind: node.kind)) \(node.kind)  id: \(node.id)",
                style: session.theme.kind(node.kind, in: graph)))
        if !node.attributes.isEmpty { lines.append(.init(text: "")) }
        for attribute in node.attributes {
            let key = attribute.isPrivate ? "\(attribute.key) [private]" : attribute.key
            for line in Widgets.wrap("\(key): \(attribute.value)", width: width) {
                lines.append(.init(text: line, style: attribute.isPrivate ? session.theme[.privateValue] : .plain))
            }
        }
        let neighbours = graph.neighbours(ofNode: i)
        lines.append(.init(text: ""))
        lines.append(
            .init(
                text: neighbours.isEmpty ? "No links (l links this node)" : "Links (\(neighbours.count))",
                style: session.theme[.heading]))
        for (n, neighbour) in neighbours.enumerated() {
            let style = graph.node(neighbour.otherID).map { session.theme.kind($0.kind, in: graph) } ?? .plain
            lines.append(.init(text: graph.linkText(neighbour), style: style, link: n))
        }
        return lines
    }

    func draw(into buffer: inout Buffer, area: Rect, session: Session) {
        let layout = Self.layout(area)
        let graph = session.graph

        // Kinds with counts
        let kindsInner = Widgets.box(layout.kinds, title: "Kinds", focused: pane == .kinds, into: &buffer)
        ListView.draw(
            kindsScroll, count: graph.kinds.count, selected: session.kind, focused: pane == .kinds, in: kindsInner,
            into: &buffer
        ) { k in
            let count = String(session.index.kindNodes[k].count)
            let name = TextWidth.truncate(graph.kinds[k].plural, to: kindsInner.width - count.count - 1)
            return (
                name + String(repeating: " ", count: max(1, kindsInner.width - TextWidth.of(name) - count.count))
                    + count, .plain
            )
        }

        // Nodes of the selected kind (only the visible rows are touched)
        let list = session.kindNodes
        let kindTitle = graph.kinds.indices.contains(session.kind) ? graph.kinds[session.kind].plural : "Nodes"
        let nodesInner = Widgets.box(layout.nodes, title: kindTitle, focused: pane == .nodes, into: &buffer)
        if list.isEmpty {
            buffer.put(
                "None yet (a adds one)", x: nodesInner.x, y: nodesInner.y, style: session.theme[.dim],
                maxWidth: nodesInner.width)
        }
        ListView.draw(
            nodesScroll, count: list.count, selected: session.row, focused: pane == .nodes, in: nodesInner,
            into: &buffer
        ) {
            (graph.nodes[list[$0]].label, .plain)
        }
        if list.count > nodesInner.height {
            let position = " \(session.row + 1)/\(list.count) "
            buffer.put(
                position, x: layout.nodes.maxX - 2 - position.count, y: layout.nodes.maxY - 1,
                style: session.theme[.dim])
        }

        // Details of the selected node
        let detailsInner = Widgets.box(layout.details, title: "Details", focused: pane == .details, into: &buffer)
        let (lines, selectedLine) = details(session, width: detailsInner.width)
        let selected =
            pane == .details && lines.indices.contains(selectedLine) && lines[selectedLine].link != nil
            ? selectedLine : nil
        ListView.draw(detailsScroll, count: lines.count, selected: selected, in: detailsInner, into: &buffer) {
            (lines[$0].text, lines[$0].style)
        }
        if session.currentNode == nil {
            buffer.put(
                "Nothing selected", x: detailsInner.x, y: detailsInner.y, style: session.theme[.dim],
                maxWidth: detailsInner.width)
        }
    }
}

extension MapGraph {
    /// The text of a link line: "affects → Refugees…" or "← addresses Registration cards".
    func linkText(_ n: Neighbour) -> String {
        let label = label(of: n.otherID)
        return n.outgoing ? "\(n.relation) → \(label)" : "← \(n.relation) \(label)"
    }
}
