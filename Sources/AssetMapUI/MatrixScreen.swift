import AssetMapCore
import TerminalKit

// Matrix: communities down, barriers across; ● where a barrier and a community are linked
// (either direction). The header row and column stay put while the grid scrolls.

extension Tab {
    public static let matrix = Tab("Matrix")
}

struct MatrixScreen: Screen {
    static let tab = Tab.matrix
    static let bindings: [Binding] = [
        Binding(keys: [.enter], action: .enter, scopes: [.tab(.matrix)], help: "open the selected barrier in Browse", hint: "open"),
        Binding(keys: [.right, .char("l")], action: .right, scopes: [.tab(.matrix)], help: "next column"),
    ]

    static let cellWidth = 12
    static let headerRows = 2

    var row = 0
    var column = 0
    var rowScroll = ListScroll(), columnScroll = ListScroll()

    init(session: Session) {}

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

    static func communities(_ session: Session) -> [Int] { session.index.communityKind.map { session.index.kindNodes[$0] } ?? [] }
    static func barriers(_ session: Session) -> [Int] { session.index.barrierKind.map { session.index.kindNodes[$0] } ?? [] }

    mutating func fit(area: Rect, session: Session) {
        let layout = Self.layout(area)
        row = max(0, min(row, Self.communities(session).count - 1))
        column = max(0, min(column, Self.barriers(session).count - 1))
        rowScroll.fit(selected: row, count: Self.communities(session).count, rows: layout.rows)
        columnScroll.fit(selected: column, count: Self.barriers(session).count, rows: layout.columns)
    }

    mutating func handle(_ action: Action, session: Session) -> [Effect] {
        let barriers = Self.barriers(session)
        let rows = Self.communities(session).count, columns = barriers.count
        guard rows > 0, columns > 0 else { return [] }
        let layout = Self.layout(session.contentArea)
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
        case .back: return [.goBack]
        default: break
        }
        return []
    }

    mutating func click(_ event: MouseEvent, area: Rect, session: Session) -> [Effect] {
        let layout = Self.layout(area)
        let rows = Self.communities(session).count, columns = Self.barriers(session).count
        if event.y >= area.y + Self.headerRows, let r = rowScroll.item(atLine: event.y - area.y - Self.headerRows, count: rows) { row = r }
        if event.x >= area.x + layout.labelWidth,
           let c = columnScroll.item(atLine: (event.x - area.x - layout.labelWidth) / Self.cellWidth, count: columns) { column = c }
        return []
    }
}
