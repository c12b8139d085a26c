import AssetMapCore

// Matrix: communities down, barriers across; ● where a barrier and a community are linked
// (either direction). The header row and column stay put while the grid scrolls.

struct MatrixState {
    var row = 0
    var column = 0
}

enum MatrixView {
    static let bindings: [Binding] = [
        Binding(keys: [.enter], action: .enter, scopes: [.tab(.matrix)], help: "open the selected barrier in Browse", hint: "open"),
        Binding(keys: [.right, .char("l")], action: .right, scopes: [.tab(.matrix)], help: "next column"),
    ]

    static let cellWidth = 12
    static let headerRows = 2

    struct Layout {
        var labelWidth: Int
        var columns: Int
        var rows: Int
    }

    static func layout(_ area: Rect) -> Layout {
        let labelWidth = min(30, max(16, area.width / 4))
        return Layout(labelWidth: labelWidth, columns: max(1, (area.width - labelWidth) / cellWidth),
                      rows: max(1, area.height - headerRows - 2))
    }
}

extension AssetMapApp {
    var matrixCommunities: [Int] { index.communityKind.map { index.kindNodes[$0] } ?? [] }
    var matrixBarriers: [Int] { index.barrierKind.map { index.kindNodes[$0] } ?? [] }

    func drawMatrix(into buffer: inout Buffer, area: Rect) {
        let graph = document.graph
        let communities = matrixCommunities, barriers = matrixBarriers
        guard !communities.isEmpty, !barriers.isEmpty else {
            buffer.put("The matrix needs at least one community and one barrier.", x: area.x + 1, y: area.y + 1, style: Style(dim: true))
            return
        }
        let layout = MatrixView.layout(area)
        let cell = MatrixView.cellWidth
        let rowOffset = Widgets.scrollOffset(selected: matrix.row, count: communities.count, rows: layout.rows)
        let columnOffset = Widgets.scrollOffset(selected: matrix.column, count: barriers.count, rows: layout.columns)
        let gridX = area.x + layout.labelWidth
        let gridY = area.y + MatrixView.headerRows

        buffer.put("Community ╲ Barrier", x: area.x, y: area.y, style: Style(dim: true), maxWidth: layout.labelWidth - 1)
        // Header row: barrier labels over two lines.
        for c in 0..<min(layout.columns, barriers.count - columnOffset) {
            let b = columnOffset + c
            let lines = Widgets.wrap(graph.nodes[barriers[b]].label, width: cell - 1)
            let style = Style(foreground: .red, bold: b == matrix.column, underline: b == matrix.column)
            for (i, line) in lines.prefix(MatrixView.headerRows).enumerated() {
                let text = i == MatrixView.headerRows - 1 && lines.count > MatrixView.headerRows ? TextWidth.truncate(line + " …", to: cell - 1) : line
                buffer.put(text, x: gridX + c * cell, y: area.y + i, style: style, maxWidth: cell - 1)
            }
        }
        // Header column and the marks.
        for r in 0..<min(layout.rows, communities.count - rowOffset) {
            let k = rowOffset + r
            let y = gridY + r
            let rowStyle = Style(foreground: .cyan, bold: k == matrix.row, underline: k == matrix.row)
            buffer.put(TextWidth.truncate(graph.nodes[communities[k]].label, to: layout.labelWidth - 1), x: area.x, y: y, style: rowStyle)
            let linked = graph.linkedNodes(of: communities[k])
            for c in 0..<min(layout.columns, barriers.count - columnOffset) {
                let b = columnOffset + c
                let marked = linked.contains(barriers[b])
                let selected = k == matrix.row && b == matrix.column
                let text = TextWidth.pad(String(repeating: " ", count: (cell - 2) / 2) + (marked ? "●" : "·"), to: cell - 1)
                buffer.put(text, x: gridX + c * cell, y: y, style: selected ? Style(bold: true, reverse: true) : Style(dim: !marked))
            }
        }
        // Where we are, in words.
        let community = graph.nodes[communities[matrix.row]], barrier = graph.nodes[barriers[matrix.column]]
        let linked = graph.linkedNodes(of: communities[matrix.row]).contains(barriers[matrix.column])
        let relations = linked ? graph.edges(touching: barrier.id).filter { $0.from == community.id || $0.to == community.id }.map(\.relation) : []
        let summary = "\(barrier.label) \(linked ? relations.joined(separator: ", ") : "— not linked to —") \(community.label)"
        buffer.put(TextWidth.truncate(summary, to: area.width - 1), x: area.x, y: area.maxY - 1)
        let position = "community \(matrix.row + 1)/\(communities.count), barrier \(matrix.column + 1)/\(barriers.count)"
        buffer.put(position, x: area.maxX - 1 - TextWidth.of(position), y: area.maxY - 2, style: Style(dim: true))
    }

    mutating func handleMatrix(_ action: Action) {
        let rows = matrixCommunities.count, columns = matrixBarriers.count
        guard rows > 0, columns > 0 else { return }
        let layout = MatrixView.layout(contentArea)
        switch action {
        case .up: matrix.row = max(0, matrix.row - 1)
        case .down: matrix.row = min(rows - 1, matrix.row + 1)
        case .left: matrix.column = max(0, matrix.column - 1)
        case .right: matrix.column = min(columns - 1, matrix.column + 1)
        case .pageUp: matrix.row = max(0, matrix.row - layout.rows)
        case .pageDown: matrix.row = min(rows - 1, matrix.row + layout.rows)
        case .home: matrix.column = 0
        case .end: matrix.column = columns - 1
        case .enter:
            select(node: matrixBarriers[matrix.column], remember: true)
            browse.pane = .nodes
            tab = .browse
        case .back:
            goBack()
        default:
            break
        }
    }

    mutating func mouseMatrix(_ mouse: MouseEvent, area: Rect) {
        switch mouse.action {
        case .scrollUp: handleMatrix(.up)
        case .scrollDown: handleMatrix(.down)
        case .press:
            let layout = MatrixView.layout(area)
            let rows = matrixCommunities.count, columns = matrixBarriers.count
            let r = Widgets.scrollOffset(selected: matrix.row, count: rows, rows: layout.rows) + mouse.y - (area.y + MatrixView.headerRows)
            let c = Widgets.scrollOffset(selected: matrix.column, count: columns, rows: layout.columns) + (mouse.x - area.x - layout.labelWidth) / MatrixView.cellWidth
            if mouse.y >= area.y + MatrixView.headerRows, (0..<rows).contains(r) { matrix.row = r }
            if mouse.x >= area.x + layout.labelWidth, (0..<columns).contains(c) { matrix.column = c }
        }
    }
}
