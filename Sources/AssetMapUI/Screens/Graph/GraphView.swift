import AssetMapCore
import TerminalKit

// Drawing the Graph screen.

extension GraphScreen {
    func draw(into buffer: inout Buffer, area: Rect, session: Session) {
        let graph = session.graph
        guard let centre = session.currentNode else {
            buffer.put(
                "No node selected: choose one in Browse (1) or search (/)", x: area.x + 1, y: area.y + 1,
                style: session.theme[.dim])
            return
        }
        let node = graph.nodes[centre]
        let sides = Self.sides(session)
        let layout = Self.layout(sides, area, session)
        let (lines, visible, boxWidth, sideWidth) = (layout.lines, layout.shown, layout.boxWidth, layout.sideWidth)
        let rowsTop = area.y + 1
        let centreY = rowsTop + min(visible, max(sides.incoming.count, sides.outgoing.count, 3)) * lines / 2
        let boxX = area.x + sideWidth
        let rightStart = boxX + boxWidth

        buffer.put("Incoming (\(sides.incoming.count))", x: area.x + 1, y: area.y, style: session.theme[.heading])
        let outTitle = "Outgoing (\(sides.outgoing.count))"
        buffer.put(outTitle, x: area.maxX - 1 - TextWidth.of(outTitle), y: area.y, style: session.theme[.heading])

        // The centre node, its label wrapped over up to three lines.
        let titleLines = Widgets.wrapWords(
            "\(graph.tag(ofKind: node.kind)) \(node.label)", width: boxWidth - 2, lines: 3)
        let box = Rect(x: boxX, y: centreY - 1, width: boxWidth, height: titleLines.count + 2)
        let inner = Widgets.box(box, focused: true, into: &buffer)
        for (i, line) in titleLines.enumerated() {
            buffer.put(
                line, x: inner.x, y: inner.y + i, style: session.theme.kind(node.kind, in: graph).with(bold: true),
                maxWidth: inner.width)
        }
        buffer.put(TextWidth.truncate(node.id, to: boxWidth - 2), x: box.x + 1, y: box.maxY, style: session.theme[.dim])

        for outgoing in [false, true] {
            let list = outgoing ? sides.outgoing : sides.incoming
            let width = layout.labelWidth(list, outgoing: outgoing)
            let selectedSide = outgoingSide == outgoing
            let offset = selectedSide ? scroll.offset : 0
            let shown = min(visible, list.count - offset)
            let busX = outgoing ? rightStart + 1 : boxX - 3
            if shown > 0 {
                let firstY = rowsTop, lastY = rowsTop + (shown - 1) * lines
                let top = min(firstY, centreY), bottom = max(lastY, centreY)
                for y in top...bottom {
                    let hasRow = y >= firstY && y <= lastY && (y - firstY) % lines == 0
                    let joint = Widgets.junction(
                        up: y > top, down: y < bottom,
                        left: outgoing ? y == centreY : hasRow,
                        right: outgoing ? hasRow : y == centreY)
                    buffer.put(joint, x: busX, y: y)
                }
                // Into / out of the centre box.
                if outgoing {
                    buffer.put("─", x: rightStart, y: centreY)
                } else {
                    buffer.put("─▶", x: boxX - 2, y: centreY)
                }
            }
            for r in 0..<max(0, shown) {
                let n = list[offset + r]
                let y = rowsTop + r * lines
                let other = graph.node(n.otherID)
                let style = Widgets.rowStyle(
                    selected: selectedSide && offset + r == row, focused: true,
                    base: other.map { session.theme.kind($0.kind, in: graph) } ?? .plain)
                let labelX = outgoing ? area.maxX - width : area.x
                // The tag, then the label wrapped under itself.
                let label = Widgets.wrapWords(graph.label(of: n.otherID), width: width - 4, lines: lines)
                for (i, text) in label.enumerated() {
                    let tag = i == 0 ? (other.map { graph.tag(ofKind: $0.kind) } ?? "[?]") + " " : "    "
                    buffer.put(TextWidth.pad(tag + text, to: width), x: labelX, y: y + i, style: style)
                }
                if outgoing {
                    let lineStart = busX + 1
                    buffer.put(connector(n.relation, width: labelX - lineStart - 1, arrow: true), x: lineStart, y: y)
                } else {
                    buffer.put(
                        connector(n.relation, width: busX - area.x - width - 1, arrow: false), x: area.x + width + 1,
                        y: y)
                }
            }
            let more = list.count - offset - shown
            if offset > 0 || more > 0 {
                let text = "\(offset > 0 ? "↑\(offset) " : "")\(more > 0 ? "↓\(more) more" : "")"
                buffer.put(
                    text, x: outgoing ? area.maxX - 1 - TextWidth.of(text) : area.x + 1, y: area.maxY - 2,
                    style: session.theme[.dim])
            }
            if list.isEmpty {
                let text = outgoing ? "(points at nothing)" : "(nothing points here)"
                buffer.put(
                    text, x: outgoing ? area.maxX - 1 - TextWidth.of(text) : area.x + 1, y: centreY,
                    style: session.theme[.dim])
            }
        }

        // What the selection is, in words.
        if let n = selectedNeighbour(session) {
            let text =
                n.outgoing
                ? "\(node.label) \(n.relation) → \(graph.label(of: n.otherID))"
                : "\(graph.label(of: n.otherID)) \(n.relation) → \(node.label)"
            buffer.put(TextWidth.truncate(text, to: area.width - 2), x: area.x + 1, y: area.maxY - 1)
        }
    }

    /// "─ affects ───────▶" fitted to `width` columns.
    private func connector(_ relation: String, width: Int, arrow: Bool) -> String {
        guard width > 0 else { return "" }
        let tail = arrow ? "▶" : ""
        let room = width - 3 - tail.count
        var text = "─"
        if room > 0 { text += " \(Widgets.abbreviate(relation, to: room)) " }
        while TextWidth.of(text) + tail.count < width { text += "─" }
        return String(text.prefix(width - tail.count)) + tail
    }
}
