import AssetMapCore
import TerminalKit

// Insights: "where are we blind?" A list of sections (coverage, silent groups, gaps, who connects,
// the barrier table) and the chosen section's table, all read from Core's `Insights` and
// `BarrierTable`, worked out when the tab is opened after a change. On wide terminals the two sit side
// by side; on narrow ones (80×24) one at a time, so each table gets the whole width.

extension Tab {
    package static let insights = Tab("Insights")
}

struct InsightsScreen: Screen {
    static let tab = Tab.insights
    static let bindings: [Binding] = [
        Binding(
            keys: [.enter], action: .enter, scopes: [.tab(.insights)],
            help: "open the section, or the selected row's node in Browse", hint: "open"),
        Binding(
            keys: [.right, .char("l")], action: .right, scopes: [.tab(.insights)], help: "into the section's table"),
        Binding(
            keys: [.char("o")], action: .sortNext, scopes: [.tab(.insights)],
            help: "barrier table: sort by the next column", hint: "sort"),
        Binding(
            keys: [.char("O")], action: .sortReverse, scopes: [.tab(.insights)], help: "barrier table: reverse the sort"
        ),
    ]

    /// Both panes side by side from this width; below it, one at a time.
    static let sideBySideWidth = 110
    static let sectionsWidth = 24

    var section = InsightsSection.coverage
    /// false: the list of sections has the focus.
    var inTable = false
    var row = 0
    var sectionScroll = ListScroll(), tableScroll = ListScroll()
    var sort = BarrierTable.Column.votes
    var descending = true

    /// Worked out from the map when the tab is on show after a change.
    private(set) var insights: Insights?
    private(set) var barrierTable: BarrierTable?
    private(set) var tables: [InsightsSection: InsightsTable] = [:]

    init(session: Session) {}

    mutating func receive(_ message: ScreenMessage, session: Session) {
        switch message {
        case .documentChanged, .reloaded: insights = nil
        case .selectionChanged, .revealSelection: break
        }
    }

    /// The model and tables, made again only after a change.
    mutating func refresh(_ session: Session) {
        if insights == nil {
            insights = Insights(session.graph, today: session.environment.today())
            barrierTable = BarrierTable(session.graph)
            tables = [:]
        }
        guard let insights, let barrierTable, tables.isEmpty else { return }
        for s in InsightsSection.allCases {
            tables[s] = InsightsTable.make(
                s, insights: insights, barriers: barrierTable, sort: sort, descending: descending, graph: session.graph)
        }
    }

    func count(_ s: InsightsSection) -> Int { tables[s]?.ids.count ?? 0 }

    struct Layout {
        var sections: Rect?
        var table: Rect?
    }

    func layout(_ area: Rect) -> Layout {
        if area.width >= Self.sideBySideWidth {
            let (left, right) = area.splitColumns(Self.sectionsWidth)
            return Layout(sections: left, table: right)
        }
        return inTable ? Layout(sections: nil, table: area) : Layout(sections: area, table: nil)
    }

    /// Lines above the table inside its box: the explanation (wrapped) and the note.
    func headerLines(_ width: Int) -> [String] {
        let explanation = Widgets.wrap(section.explanation, width: width).prefix(2)
        let note = tables[section]?.note ?? ""
        return Array(explanation) + (note.isEmpty ? [] : Widgets.wrap(note, width: width).prefix(2))
    }

    /// Lines under the table: the selected row in full, as cut cells would hide it.
    static let footerHeight = 2

    /// The table (its title row and rows) in `box`: its inner area less the lines above and below.
    func tableBody(_ box: Rect) -> Rect {
        let inner = box.inset(by: 1)
        let top = headerLines(inner.width).count
        return Rect(
            x: inner.x, y: inner.y + top, width: inner.width, height: max(0, inner.height - top - Self.footerHeight))
    }

    /// The selected row in words: its first cell, then every other cell that is set with its column's title.
    func selectedInFull() -> String {
        guard let table = tables[section]?.table, table.rows.indices.contains(row) else { return "" }
        let cells = table.rows[row]
        let rest = table.columns.indices.dropFirst().filter { !cells[$0].isEmpty }.map {
            "\(table.columns[$0].title.lowercased()) \(cells[$0])"
        }
        return ([cells[0]] + rest).joined(separator: " · ")
    }

    mutating func fit(area: Rect, session: Session) {
        refresh(session)
        row = max(0, min(row, count(section) - 1))
        let layout = layout(area)
        if let sections = layout.sections {
            sectionScroll.fit(
                selected: section.rawValue, count: InsightsSection.allCases.count, rows: sections.height - 2)
        }
        if let table = layout.table {
            tableScroll.fit(selected: row, count: count(section), rows: tableBody(table).height - 1)
        }
    }

    mutating func handle(_ action: Action, session: Session) -> [Effect] {
        refresh(session)
        let page = max(1, session.contentArea.height - 6)
        if !inTable {
            if let next = moved(section.rawValue, by: action, count: InsightsSection.allCases.count, page: page) {
                select(InsightsSection(rawValue: next)!)
                return []
            }
            switch action {
            case .enter, .right: inTable = true
            case .sortNext, .sortReverse: return sortKey(action, session: session)
            case .back: return [.goBack]
            default: break
            }
            return []
        }
        if let next = moved(row, by: action, count: count(section), page: page) {
            row = next
            return []
        }
        switch action {
        case .left: inTable = false
        case .enter:
            guard let ids = tables[section]?.ids, ids.indices.contains(row) else {
                return [.message("Nothing here to open")]
            }
            return [.selectID(ids[row], remember: true), .reveal]
        case .sortNext, .sortReverse: return sortKey(action, session: session)
        case .back: return [.goBack]
        default: break
        }
        return []
    }

    mutating func select(_ next: InsightsSection) {
        guard next != section else { return }
        section = next
        row = 0
        tableScroll = ListScroll()
    }

    /// o: the next column, in its natural direction; O: the other direction. Shows the barrier table.
    mutating func sortKey(_ action: Action, session: Session) -> [Effect] {
        let columns = BarrierTable.Column.allCases
        if action == .sortNext {
            sort = columns[(columns.firstIndex(of: sort)! + 1) % columns.count]
            descending = sort.descendingFirst
        } else {
            descending.toggle()
        }
        let selectedID = section == .barriers ? tables[.barriers]?.ids[safe: row] : nil
        select(.barriers)
        inTable = true
        tables = [:]
        refresh(session)
        // The selected barrier stays selected in its new place.
        if let selectedID, let i = tables[.barriers]?.ids.firstIndex(of: selectedID) { row = i }
        return [.message("Barriers sorted by \(sort.rawValue), \(descending ? "descending" : "ascending")")]
    }

    mutating func click(_ event: MouseEvent, area: Rect, session: Session) -> [Effect] {
        let layout = layout(area)
        if let sections = layout.sections, sections.contains(x: event.x, y: event.y) {
            if let i = sectionScroll.item(atLine: event.y - sections.y - 1, count: InsightsSection.allCases.count) {
                select(InsightsSection(rawValue: i)!)
                inTable = false
            }
        } else if let table = layout.table {
            let body = tableBody(table)
            if let r = tableScroll.item(atLine: event.y - body.y - 1, count: count(section)) { row = r }
            inTable = true
        }
        return []
    }

    func draw(into buffer: inout Buffer, area: Rect, session: Session) {
        let layout = layout(area)
        let theme = session.theme
        if let rect = layout.sections {
            let inner = Widgets.box(rect, title: "Insights", focused: !inTable, into: &buffer)
            let wide = rect.width > Self.sectionsWidth
            ListView.draw(
                sectionScroll, count: InsightsSection.allCases.count, selected: section.rawValue, focused: !inTable,
                in: inner, into: &buffer
            ) { i in
                let s = InsightsSection(rawValue: i)!
                let count = String(self.count(s))
                let name =
                    TextWidth.pad(s.title, to: 13) + " " + String(repeating: " ", count: max(0, 4 - count.count))
                    + count
                return (wide ? name + "  " + s.explanation : name, .plain)
            }
        }
        guard let rect = layout.table, let table = tables[section] else { return }
        let title = "\(section.title) (\(count(section)))"
        let inner = Widgets.box(rect, title: title, focused: inTable, into: &buffer)
        for (i, line) in headerLines(inner.width).enumerated() {
            buffer.put(line, x: inner.x, y: inner.y + i, style: theme[.dim], maxWidth: inner.width)
        }
        let body = tableBody(rect)
        if table.ids.isEmpty {
            buffer.put("none", x: body.x, y: body.y, style: theme[.dim])
            return
        }
        table.table.draw(
            tableScroll, selected: row, focused: inTable, in: body, into: &buffer,
            headerStyle: theme[.heading].with(underline: true))
        for (i, line) in Widgets.wrap(selectedInFull(), width: inner.width).prefix(Self.footerHeight).enumerated() {
            buffer.put(line, x: inner.x, y: body.maxY + i, maxWidth: inner.width)
        }
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
