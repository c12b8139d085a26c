import AssetMapCore
import TerminalKit

// Drawing the Graph screen.

extension GraphScreen {
    func draw(into buffer: inout Buffer, area: Rect, session: Session) {
        let graph = session.graph
        guard let centre = session.currentNode else {
            buffer.put("No node selected: choose one in Browse (1) or search (/)", x: area.x + 1, y: area.y + 1, style: session.theme[.dim])
            return
        }
        let node = graph.nodes[centre]
        let sides = Self.sides(session)
        let boxWidth = min(34, max(16, area.width / 5))
        let sideWidth = (area.width - boxWidth) / 2
        let rowsTop = area.y + 1
        let visible = Self.rows(area)
        let centreY = rowsTop + min(visible, max(sides.incoming.count, sides.outgoing.count, 3)) / 2
        let boxX = area.x + sideWidth
        let rightStart = boxX + boxWidth

        buffer.put("Incoming (\(sides.incoming.count))", x: area.x + 1, y: area.y, style: session.theme[.heading])
        let outTitle = "Outgoing (\(sides.outgoing.count))"
        buffer.put(outTitle, x: area.maxX - 1 - TextWidth.of(outTitle), y: area.y, style: session.theme[.heading])

        // The centre node
        let box = Rect(x: boxX, y: centreY - 1, width: boxWidth, height: 3)
        let inner = Widgets.box(box, focused: true, into: &buffer)
        let title = "\(graph.tag(ofKind: node.kind)) \(node.label)"
        buffer.put(TextWidth.truncate(title, to: inner.width), x: inner.x, y: inner.y, style: session.theme.kind(node.kind, in: graph).with(bold: true))
        buffer.put(TextWidth.truncate(node.id, to: boxWidth - 2), x: box.x + 1, y: box.maxY, style: session.theme[.dim])

        for outgoing in [false, true] {
            let list = outgoing ? sides.outgoing : sides.incoming
            // Relations are short and labels long: give the connector what its longest relation needs.
            let longestRelation = list.map { TextWidth.of($0.relation) }.max() ?? 0
            let labelWidth = sideWidth - 3 - min(longestRelation + 4, sideWidth * 2 / 5)
            let selectedSide = outgoingSide == outgoing
            let offset = selectedSide ? scroll.offset : 0
            let shown = min(visible, list.count - offset)
            let busX = outgoing ? rightStart + 1 : boxX - 3
            if shown > 0 {
                let firstY = rowsTop, lastY = rowsTop + shown - 1
                let top = min(firstY, centreY), bottom = max(lastY, centreY)
                for y in top...bottom {
                    let hasRow = y >= firstY && y <= lastY
                    let joint = Widgets.junction(up: y > top, down: y < bottom,
                                                 left: outgoing ? y == centreY : hasRow,
                                                 right: outgoing ? hasRow : y == centreY)
                    buffer.put(joint, x: busX, y: y)
                }
                // Into / out of the centre box.
                if outgoing { buffer.put("─", x: rightStart, y: centreY) } else { buffer.put("─▶", x: boxX - 2, y: centreY) }
            }
            for r in 0..<max(0, shown) {
                let n = list[offset + r]
                let y = rowsTop + r
                let other = graph.node(n.otherID)
                let tagged = "\(other.map { graph.tag(ofKind: $0.kind) } ?? "[?]") \(graph.label(of: n.otherID))"
                let style = Widgets.rowStyle(selected: selectedSide && offset + r == row, focused: true,
                                             base: other.map { session.theme.kind($0.kind, in: graph) } ?? .plain)
                if outgoing {
                    let lineStart = busX + 1
                    let labelX = area.maxX - labelWidth
                    buffer.put(connector(n.relation, width: labelX - lineStart - 1, arrow: true), x: lineStart, y: y)
                    buffer.put(TextWidth.pad(tagged, to: area.maxX - labelX), x: labelX, y: y, style: style)
                } else {
                    buffer.put(TextWidth.pad(tagged, to: labelWidth - 1), x: area.x, y: y, style: style)
                    buffer.put(connector(n.relation, width: busX - area.x - labelWidth, arrow: false), x: area.x + labelWidth, y: y)
                }
            }
            let more = list.count - offset - shown
            if offset > 0 || more > 0 {
                let text = "\(offset > 0 ? "↑\(offset) " : "")\(more > 0 ? "↓\(more) more" : "")"
                buffer.put(text, x: outgoing ? area.maxX - 1 - TextWidth.of(text) : area.x + 1, y: area.maxY - 2, style: session.theme[.dim])
            }
            if list.isEmpty {
                let text = outgoing ? "(points at nothing)" : "(nothing points here)"
                buffer.put(text, x: outgoing ? area.maxX - 1 - TextWidth.of(text) : area.x + 1, y: centreY, style: session.theme[.dim])
            }
        }

        // What the selection is, in words.
        if let n = selectedNeighbour(session) {
            let text = n.outgoing ? "\(node.label) \(n.relation) → \(graph.label(of: n.otherID))" : "\(graph.label(of: n.otherID)) \(n.relation) → \(node.label)"
            buffer.put(TextWidth.truncate(text, to: area.width - 2), x: area.x + 1, y: area.maxY - 1)
        }
    }

    /// "─ affects ───────▶" fitted to `width` columns.
    private func connector(_ relation: String, width: Int, arrow: Bool) -> String {
        guard width > 0 else { return "" }
        let tail = arrow ? "▶" : ""
        var room = width - 3 - tail.count
        if TextWidth.of(relation) > room { room -= 1 }  // keep a line before the arrow when cut
        var text = "─"
        if room > 0 { text += " \(TextWidth.truncate(relation, to: room)) " }
        while TextWidth.of(text) + tail.count < width { text += "─" }
        return String(text.prefix(width - tail.count)) + tail
    }
}
