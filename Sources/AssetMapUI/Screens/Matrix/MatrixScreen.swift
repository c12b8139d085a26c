import AssetMapCore
import TerminalKit

// Matrix: communities down, barriers across; ● where a barrier and a community are linked
// (either direction). The header row and column stay put while the grid scrolls.

extension Tab {
    package static let matrix = Tab("Matrix")
}

struct MatrixScreen: Screen {
    static let tab = Tab.matrix
    static let bindings: [Binding] = [
        Binding(
            keys: [.enter], action: .enter, scopes: [.tab(.matrix)], help: "open the selected barrier in Browse",
            hint: "open"),
        Binding(
            keys: [.char(" ")], action: .toggle, scopes: [.tab(.matrix)],
            help: "link or unlink: the barrier affects the community", hint: "affects", keepsHint: true),
    ]

    var row = 0
    var column = 0
    var rowScroll = ListScroll(), columnScroll = ListScroll()

    init(session: Session) {}

    struct Layout {
        var labelWidth: Int
        /// Columns per barrier (its mark, and its label wrapped in the header).
        var cellWidth: Int
        /// Lines of the header (barrier labels wrap over them).
        var headerRows: Int
        /// Barriers on show.
        var columns: Int
        /// Communities on show.
        var rows: Int
    }

    /// Wider terminals give longer community names and, with few barriers, wider columns; taller ones
    /// more lines for the barriers' names.
    static func layout(_ area: Rect, barriers: Int) -> Layout {
        let labelWidth = min(40, max(16, area.width / 4))
        let cellWidth = max(10, min(24, (area.width - labelWidth) / max(1, barriers)))
        let headerRows = area.height >= 30 ? 4 : area.height >= 18 ? 3 : 2
        return Layout(
            labelWidth: labelWidth, cellWidth: cellWidth, headerRows: headerRows,
            columns: max(1, (area.width - labelWidth) / cellWidth), rows: max(1, area.height - headerRows - 2))
    }

    static func layout(_ area: Rect, _ session: Session) -> Layout { layout(area, barriers: barriers(session).count) }

    static func communities(_ session: Session) -> [Int] {
        session.index.communityKind.map { session.index.kindNodes[$0] } ?? []
    }
    static func barriers(_ session: Session) -> [Int] {
        session.index.barrierKind.map { session.index.kindNodes[$0] } ?? []
    }

    mutating func fit(area: Rect, session: Session) {
        let layout = Self.layout(area, session)
        row = max(0, min(row, Self.communities(session).count - 1))
        column = max(0, min(column, Self.barriers(session).count - 1))
        rowScroll.fit(selected: row, count: Self.communities(session).count, rows: layout.rows)
        columnScroll.fit(selected: column, count: Self.barriers(session).count, rows: layout.columns)
    }

    mutating func handle(_ action: Action, session: Session) -> [Effect] {
        let barriers = Self.barriers(session)
        let rows = Self.communities(session).count, columns = barriers.count
        guard rows > 0, columns > 0 else { return [] }
        let layout = Self.layout(session.contentArea, session)
        switch action {
        case .up: row = max(0, row - 1)
        case .down: row = min(rows - 1, row + 1)
        case .left: column = max(0, column - 1)
        case .right: column = min(columns - 1, column + 1)
        case .pageUp: row = max(0, row - layout.rows)
        case .pageDown: row = min(rows - 1, row + layout.rows)
        case .home: column = 0
        case .end: column = columns - 1
        case .enter: return [.select(node: barriers[column], remember: true), .reveal]
        case .toggle:
            guard !session.isReadOnly else { return [.message(session.readOnlyMessage)] }
            let barrier = session.graph.nodes[barriers[column]].id
            let community = session.graph.nodes[Self.communities(session)[row]].id
            if session.graph.edgeIndex(from: barrier, to: community, relation: "affects") != nil {
                return [.edit { try $0.unlink(from: barrier, to: community, relation: "affects") }]
            }
            return [.edit { try $0.link(from: barrier, to: community, relation: "affects") }]
        case .back: return [.goBack]
        default: break
        }
        return []
    }

    mutating func click(_ event: MouseEvent, area: Rect, session: Session) -> [Effect] {
        let layout = Self.layout(area, session)
        let rows = Self.communities(session).count, columns = Self.barriers(session).count
        if event.y >= area.y + layout.headerRows,
            let r = rowScroll.item(atLine: event.y - area.y - layout.headerRows, count: rows)
        {
            row = r
        }
        if event.x >= area.x + layout.labelWidth,
            let c = columnScroll.item(atLine: (event.x - area.x - layout.labelWidth) / layout.cellWidth, count: columns)
        {
            column = c
        }
        return []
    }
}
