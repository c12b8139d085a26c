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
        for line in Widgets.wrap(node.label, width: width) { lines.append(.init(text: line, style: Style(bold: true))) }
        lines.append(.init(text: "\(graph.tag(ofKind: node.kind)) \(node.kind)  id: \(node.id)", style: Style(foreground: graph.kindColor(node.kind))))
        if !node.attributes.isEmpty { lines.append(.init(text: "")) }
        for attribute in node.attributes {
            let key = attribute.isPrivate ? "\(attribute.key) [private]" : attribute.key
            for line in Widgets.wrap("\(key): \(attribute.value)", width: width) {
                lines.append(.init(text: line, style: Style(dim: attribute.isPrivate)))
            }
        }
        let neighbours = graph.neighbours(ofNode: i)
        lines.append(.init(text: ""))
        lines.append(.init(text: neighbours.isEmpty ? "No links (l links this node)" : "Links (\(neighbours.count))", style: Style(bold: true)))
        for (n, neighbour) in neighbours.enumerated() {
            let colour = graph.node(neighbour.otherID).map { graph.kindColor($0.kind) }
            lines.append(.init(text: graph.linkText(neighbour), style: Style(foreground: colour), link: n))
        }
        return lines
    }

    func draw(into buffer: inout Buffer, area: Rect, session: Session) {
        let layout = Self.layout(area)
        let graph = session.graph

        // Kinds with counts
        let kindsInner = Widgets.box(layout.kinds, title: "Kinds", focused: pane == .kinds, into: &buffer)
        let kindOffset = Widgets.scrollOffset(selected: session.kind, count: graph.kinds.count, rows: kindsInner.height)
        for row in 0..<kindsInner.height {
            let k = kindOffset + row
            guard k < graph.kinds.count else { break }
            let count = String(session.index.kindNodes[k].count)
            let name = TextWidth.truncate(graph.kinds[k].plural, to: kindsInner.width - count.count - 1)
            let gap = max(1, kindsInner.width - TextWidth.of(name) - count.count)
            let style = Widgets.rowStyle(selected: k == session.kind, focused: pane == .kinds)
            Widgets.row(name + String(repeating: " ", count: gap) + count, in: kindsInner, y: kindsInner.y + row, style: style, into: &buffer)
        }

        // Nodes of the selected kind (only the visible rows are touched)
        let list = session.kindNodes
        let kindTitle = graph.kinds.indices.contains(session.kind) ? graph.kinds[session.kind].plural : "Nodes"
        let nodesInner = Widgets.box(layout.nodes, title: kindTitle, focused: pane == .nodes, into: &buffer)
        let nodeOffset = Widgets.scrollOffset(selected: session.row, count: list.count, rows: nodesInner.height)
        if list.isEmpty {
            buffer.put("None yet (a adds one)", x: nodesInner.x, y: nodesInner.y, style: Style(dim: true), maxWidth: nodesInner.width)
        }
        for row in 0..<nodesInner.height {
            let r = nodeOffset + row
            guard r < list.count else { break }
            let style = Widgets.rowStyle(selected: r == session.row, focused: pane == .nodes)
            Widgets.row(graph.nodes[list[r]].label, in: nodesInner, y: nodesInner.y + row, style: style, into: &buffer)
        }
        if nodeOffset + nodesInner.height < list.count || nodeOffset > 0 {
            let position = " \(session.row + 1)/\(list.count) "
            buffer.put(position, x: layout.nodes.maxX - 2 - position.count, y: layout.nodes.maxY - 1, style: Style(dim: true))
        }

        // Details of the selected node
        let detailsInner = Widgets.box(layout.details, title: "Details", focused: pane == .details, into: &buffer)
        let lines = detailLines(session, width: detailsInner.width)
        let selectedLine = lines.firstIndex { $0.link == link } ?? 0
        let detailOffset = pane == .details ? Widgets.scrollOffset(selected: selectedLine, count: lines.count, rows: detailsInner.height) : 0
        for row in 0..<detailsInner.height {
            let l = detailOffset + row
            guard l < lines.count else { break }
            let line = lines[l]
            let selected = line.link != nil && line.link == link && pane == .details
            Widgets.row(line.text, in: detailsInner, y: detailsInner.y + row, style: Widgets.rowStyle(selected: selected, focused: true, base: line.style), into: &buffer)
        }
        if session.currentNode == nil {
            buffer.put("Nothing selected", x: detailsInner.x, y: detailsInner.y, style: Style(dim: true), maxWidth: detailsInner.width)
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
