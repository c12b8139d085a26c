import AssetMapCore
import TerminalKit

// Drawing the Matrix screen.

extension MatrixScreen {
    func draw(into buffer: inout Buffer, area: Rect, session: Session) {
        let graph = session.graph
        let communities = Self.communities(session), barriers = Self.barriers(session)
        guard !communities.isEmpty, !barriers.isEmpty else {
            buffer.put(
                "The matrix needs at least one community and one barrier.", x: area.x + 1, y: area.y + 1,
                style: session.theme[.dim])
            return
        }
        let layout = Self.layout(area, session)
        let cell = layout.cellWidth
        let rowOffset = rowScroll.offset, columnOffset = columnScroll.offset
        let gridX = area.x + layout.labelWidth
        let gridY = area.y + layout.headerRows

        buffer.put(
            "Community ╲ Barrier", x: area.x, y: area.y, style: session.theme[.dim], maxWidth: layout.labelWidth - 1)
        // Header: barrier labels wrapped over its lines.
        for c in 0..<min(layout.columns, barriers.count - columnOffset) {
            let b = columnOffset + c
            let style = session.theme.kind(.barrier).with(bold: b == column, underline: b == column)
            // A word longer than the column is shortened ("interpreter" → "interpre."), not broken in two.
            let words = graph.nodes[barriers[b]].label.split(separator: " ").map {
                TextWidth.truncate(String($0), to: cell - 1, ellipsis: ".")
            }
            for (i, line) in Widgets.wrap(words.joined(separator: " "), width: cell - 1, lines: layout.headerRows)
                .enumerated()
            {
                buffer.put(line, x: gridX + c * cell, y: area.y + i, style: style, maxWidth: cell - 1)
            }
        }
        // Header column and the marks.
        for r in 0..<min(layout.rows, communities.count - rowOffset) {
            let k = rowOffset + r
            let y = gridY + r
            let rowStyle = session.theme.kind(.community).with(bold: k == row, underline: k == row)
            buffer.put(
                TextWidth.truncate(graph.nodes[communities[k]].label, to: layout.labelWidth - 1), x: area.x, y: y,
                style: rowStyle)
            let linked = graph.linkedNodes(of: communities[k])
            for c in 0..<min(layout.columns, barriers.count - columnOffset) {
                let b = columnOffset + c
                let marked = linked.contains(barriers[b])
                let selected = k == row && b == column
                let text = TextWidth.pad(
                    String(repeating: " ", count: (cell - 2) / 2) + (marked ? "●" : "·"), to: cell - 1)
                buffer.put(
                    text, x: gridX + c * cell, y: y,
                    style: selected ? session.theme[.selectedCell] : session.theme[marked ? .mark : .noMark])
            }
        }
        // Where we are, in words.
        let community = graph.nodes[communities[row]], barrier = graph.nodes[barriers[column]]
        let linked = graph.linkedNodes(of: communities[row]).contains(barriers[column])
        let relations =
            linked
            ? graph.edges(touching: barrier.id).filter { $0.from == community.id || $0.to == community.id }.map(
                \.relation) : []
        let summary =
            "\(barrier.label) \(linked ? relations.joined(separator: ", ") : "— not linked to —") \(community.label)"
        buffer.put(TextWidth.truncate(summary, to: area.width - 1), x: area.x, y: area.maxY - 1)
        let position = "community \(row + 1)/\(communities.count), barrier \(column + 1)/\(barriers.count)"
        buffer.put(position, x: area.maxX - 1 - TextWidth.of(position), y: area.maxY - 2, style: session.theme[.dim])
    }
}
