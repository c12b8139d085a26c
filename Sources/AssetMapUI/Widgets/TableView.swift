import TerminalKit

/// A table like a spreadsheet's: a header row, then one row per item, columns fitted to the width.
/// Each column is as wide as its widest cell (up to `cap`); when they do not fit, the flexible column
/// gives way down to its `minimum`, then the columns that `shrink`, then columns are dropped in `drop`
/// order (1 first; nil never). Cells are cut with "…". Room to spare goes to the flexible column.
struct TableColumn {
    var title: String
    var rightAligned = false
    var flexible = false
    /// May be cut down to `minimum` (after the flexible column) before columns are dropped.
    var shrinks = false
    var minimum = 6
    var cap = 40
    var drop: Int?
}

struct TableView {
    var columns: [TableColumn]
    var rows: [[String]]
    /// Shown after the title of the sorted column.
    var sortMark: (column: Int, descending: Bool)?

    static let gap = 1

    /// The columns on show (indices into `columns`) and their widths in `width` terminal columns.
    func fitted(width: Int) -> [(column: Int, width: Int)] {
        var natural = columns.indices.map { c in
            let title = TextWidth.of(columns[c].title) + (sortMark?.column == c ? 1 : 0)
            return min(columns[c].cap, max(title, rows.map { TextWidth.of($0[c]) }.max() ?? 0))
        }
        var shown = Array(columns.indices)
        func total() -> Int { shown.reduce(0) { $0 + natural[$1] } + Self.gap * max(0, shown.count - 1) }
        let flexible = columns.indices.first { columns[$0].flexible }
        // The flexible column gives way first, then the others that may be cut, in order.
        let giving =
            columns.indices.filter { columns[$0].flexible }
            + columns.indices.filter { columns[$0].shrinks && !columns[$0].flexible }
        while total() > width {
            if let c = giving.first(where: { shown.contains($0) && natural[$0] > columns[$0].minimum }) {
                natural[c] = max(columns[c].minimum, natural[c] - (total() - width))
                continue
            }
            let droppable = shown.filter { columns[$0].drop != nil }
            guard let next = droppable.min(by: { columns[$0].drop! < columns[$1].drop! }) else { break }
            shown.removeAll { $0 == next }
        }
        if let f = flexible, shown.contains(f), total() < width { natural[f] += width - total() }
        return shown.map { ($0, natural[$0]) }
    }

    /// One line of the table: `cells` laid out in `fitted` widths.
    static func line(_ cells: [String], _ fitted: [(column: Int, width: Int)], _ columns: [TableColumn]) -> String {
        fitted.map { column, width in
            guard columns[column].rightAligned else { return TextWidth.pad(cells[column], to: width) }
            let text = TextWidth.truncate(cells[column], to: width)
            return String(repeating: " ", count: max(0, width - TextWidth.of(text))) + text
        }.joined(separator: String(repeating: " ", count: gap))
    }

    /// Draws the header in `rect`'s first row and the rows below it, scrolled by `scroll`.
    /// `style(i)` gives row `i`'s base style.
    func draw(
        _ scroll: ListScroll, selected: Int?, focused: Bool, in rect: Rect, into buffer: inout Buffer,
        headerStyle: Style, style: (Int) -> Style = { _ in .plain }
    ) {
        guard rect.height > 0, rect.width > 0 else { return }
        let fitted = fitted(width: rect.width)
        let titles = columns.indices.map { c in
            columns[c].title + (sortMark?.column == c ? (sortMark!.descending ? "▼" : "▲") : "")
        }
        Widgets.row(Self.line(titles, fitted, columns), in: rect, y: rect.y, style: headerStyle, into: &buffer)
        let body = Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1)
        ListView.draw(scroll, count: rows.count, selected: selected, focused: focused, in: body, into: &buffer) {
            (Self.line(rows[$0], fitted, columns), style($0))
        }
    }
}
