import Foundation
import AssetMapCore
import TerminalKit

// What the Insights tab shows, section by section, as tables read from Core's `Insights` and
// `BarrierTable` (nothing is worked out here beyond putting their values in cells).

enum InsightsSection: Int, CaseIterable {
    case coverage, dimensions, silent, unaddressed, unowned, overdue, connectors, isolated, barriers

    var title: String {
        switch self {
        case .coverage: "Coverage"
        case .dimensions: "Dimensions"
        case .silent: "Silent groups"
        case .unaddressed: "Unaddressed"
        case .unowned: "No owner"
        case .overdue: "Overdue"
        case .connectors: "Who connects"
        case .isolated: "Isolated"
        case .barriers: "Barriers"
        }
    }

    var explanation: String {
        switch self {
        case .coverage:
            "Communities × the clinical areas that apply to them. B barriers, no improvement · I improvements proposed · R resolved · none: a blind spot."
        case .dimensions:
            "Communities × the five access dimensions. B barriers, no improvement · I improvements proposed · R resolved · none: a blind spot."
        case .silent: "Core20 or PLUS communities that no barrier affects: silence is not the absence of barriers."
        case .unaddressed: "Barriers not resolved or parked that no improvement addresses."
        case .unowned: "Improvements still to do with no owner."
        case .overdue: "Barriers and improvements still open whose due date has passed."
        case .connectors:
            "Organisations and places, most links first: whom they link, and what comes apart without them."
        case .isolated: "Nodes with no links at all."
        case .barriers: "o sorts by the next column, O reverses it, Enter opens the barrier in Browse."
        }
    }
}

/// One section's table and the node each row opens.
struct InsightsTable {
    var table: TableView
    var ids: [String]
    /// A line under the explanation (how many cells are empty, …), or "".
    var note = ""
}

extension InsightsTable {
    static func make(
        _ section: InsightsSection, insights: Insights, barriers: BarrierTable,
        sort: BarrierTable.Column, descending: Bool, graph: MapGraph
    ) -> InsightsTable {
        func label(_ id: String) -> String { graph.label(of: id).replacingOccurrences(of: "\n", with: " ") }
        func kind(_ id: String) -> String { graph.node(id)?.kind ?? "" }
        func name(_ title: String) -> TableColumn { TableColumn(title: title, flexible: true, minimum: 16) }
        func number(_ title: String, drop: Int? = nil) -> TableColumn {
            TableColumn(title: title, rightAligned: true, drop: drop)
        }
        func text(_ title: String, cap: Int = 16, drop: Int? = nil) -> TableColumn {
            TableColumn(title: title, cap: cap, drop: drop)
        }
        func simple(_ ids: [String], _ columns: [TableColumn], _ cells: (String) -> [String]) -> InsightsTable {
            InsightsTable(table: TableView(columns: columns, rows: ids.map { [label($0)] + cells($0) }), ids: ids)
        }
        switch section {
        case .coverage:
            return grid(insights.coverage, gaps: insights.gaps.count, what: "clinical areas", label: label)
        case .dimensions:
            return grid(
                insights.dimensions, gaps: insights.dimensionGaps.count, what: "access dimensions", label: label)
        case .silent:
            return simple(insights.silent, [name("Community"), text("Group", cap: 12)]) { id in
                [
                    [("core20", "Core20"), ("plus", "PLUS")].filter { graph.node(id)?.value($0.0) == "yes" }.map(\.1)
                        .joined(separator: ", ")
                ]
            }
        case .unaddressed:
            return simple(
                insights.unaddressed,
                [
                    name("Barrier"), text("Status", cap: 11),
                    TableColumn(title: "Clinical areas", shrinks: true, minimum: 14, cap: 30, drop: 1),
                ]
            ) {
                [
                    graph.node($0)?.value("status") ?? "open",
                    graph.node($0)?.list("clinical").joined(separator: ", ") ?? "",
                ]
            }
        case .unowned:
            return simple(insights.unowned, [name("Improvement"), text("Status", cap: 11)]) {
                [graph.node($0)?.value("status") ?? ""]
            }
        case .overdue:
            let ids = insights.overdue.map(\.id)
            let columns = [
                name("Action"), text("Kind", cap: 12, drop: 2), text("Due"),
                TableColumn(title: "Owner", shrinks: true, minimum: 8, cap: 20, drop: 1),
            ]
            let rows = insights.overdue.map { [label($0.id), kind($0.id), $0.due, $0.owner ?? ""] }
            return InsightsTable(table: TableView(columns: columns, rows: rows), ids: ids)
        case .connectors:
            let between = Dictionary(
                (insights.betweenness ?? []).map { ($0.id, $0.betweenness) }, uniquingKeysWith: { a, _ in a })
            let linked = graph.nodes.indices.filter { !graph.outgoing[$0].isEmpty || !graph.incoming[$0].isEmpty }
                .count
            let columns = [
                name("Organisation or place"), text("Kind", cap: 12, drop: 1), number("Links", drop: 2),
                TableColumn(title: "What it connects", flexible: false, shrinks: true, minimum: 20, cap: 90),
            ]
            let rows = insights.degree.map { rank in
                [
                    label(rank.id), kind(rank.id), String(rank.degree),
                    InsightsReport.connection(rank, graph, betweenness: between[rank.id], linkedNodes: linked),
                ]
            }
            return InsightsTable(table: TableView(columns: columns, rows: rows), ids: insights.degree.map(\.id))
        case .isolated:
            return simple(insights.isolated, [name("Node"), text("Kind", cap: 12)]) { [kind($0)] }
        case .barriers:
            let columns = BarrierTable.Column.allCases
            let cards = barriers.sorted(by: sort, descending: descending)
            // Narrow terminals cut the owner down to 8 columns, then drop effort, impact, owner, due, votes; status and the label stay.
            let drops: [BarrierTable.Column: Int] = [.effort: 1, .impact: 2, .owner: 3, .due: 4, .votes: 5]
            let table = TableView(
                columns: columns.map { column in
                    column == .barrier
                        ? TableColumn(title: "Barrier", flexible: true, minimum: 20)
                        : TableColumn(
                            title: column.title, rightAligned: column == .votes, shrinks: column == .owner, minimum: 8,
                            cap: column == .owner ? 20 : 12, drop: drops[column])
                },
                rows: cards.map { card in
                    columns.map { BarrierTable.cell(card, $0).replacingOccurrences(of: "\n", with: " ") }
                },
                sortMark: (columns.firstIndex(of: sort)!, descending))
            return InsightsTable(table: table, ids: cards.map(\.id))
        }
    }

    /// A coverage grid: a row per community, a column per area (its short name), a tag per cell, blank where
    /// the area does not apply to the community.
    static func grid<C: CoverageCell>(
        _ cells: [C], gaps: Int, what: String, label: (String) -> String
    ) -> InsightsTable {
        let areas = InsightsReport.columns(cells)
        let rows = InsightsReport.rows(cells)
        let columns =
            [TableColumn(title: "Community", flexible: true, minimum: 14)]
            + areas.map { TableColumn(title: $0.isEmpty ? "unset" : Vocabulary.shortNames[$0] ?? $0, cap: 6) }
        let table = TableView(
            columns: columns,
            rows: rows.map { row in [label(row.community)] + areas.map { row.cells[$0].map(InsightsReport.tag) ?? "" } }
        )
        return InsightsTable(
            table: table, ids: rows.map(\.community),
            note:
                "\(gaps) of \(cells.filter { !$0.area.isEmpty }.count) cells have nothing recorded (\(what) that apply)."
        )
    }

}
