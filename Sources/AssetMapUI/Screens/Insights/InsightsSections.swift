import Foundation
import AssetMapCore
import TerminalKit

// What the Insights tab shows, section by section, as tables read from Core's `Insights` and
// `BarrierTable` (nothing is worked out here beyond putting their values in cells).

enum InsightsSection: Int, CaseIterable {
    case coverage, silent, unaddressed, unowned, overdue, connectors, isolated, barriers

    var title: String {
        switch self {
        case .coverage: "Coverage"
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
            "Communities × clinical areas with barriers: the improvements addressing them and how many are resolved."
        case .silent: "Core20 or PLUS communities that no barrier affects: silence is not the absence of barriers."
        case .unaddressed: "Barriers not resolved or parked that no improvement addresses."
        case .unowned: "Improvements still to do with no owner."
        case .overdue: "Barriers and improvements still open whose due date has passed."
        case .connectors: "Organisations and places by links (and by betweenness on maps up to 5,000 nodes)."
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
            let cells = InsightsReport.filledCells(insights).flatMap(\.cells)
            let communities = Set(insights.coverage.map(\.community)).count
            let areas = Set(insights.coverage.map(\.clinical)).count
            let empty = insights.coverage.count - cells.count
            let columns = [
                name("Community"), text("Clinical area", cap: 20), number("Barriers"), number("Improvements"),
                number("Resolved"),
            ]
            let rows = cells.map {
                [
                    label($0.community), InsightsReport.clinicalName($0.clinical), String($0.barriers.count),
                    String($0.improvements.count), String($0.resolved),
                ]
            }
            return InsightsTable(
                table: TableView(columns: columns, rows: rows), ids: cells.map(\.community),
                note:
                    "\(communities) communities × \(areas) clinical areas: \(empty) of \(insights.coverage.count) cells have no barrier recorded."
            )
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
            var columns = [name("Organisation or place"), text("Kind", cap: 12, drop: 1), number("Links")]
            if insights.betweenness != nil { columns.append(number("Betweenness")) }
            let rows = insights.degree.map { rank in
                [label(rank.id), kind(rank.id), String(rank.degree)]
                    + (insights.betweenness == nil ? [] : [between[rank.id].map(Self.decimal) ?? ""])
            }
            let note =
                insights.betweenness == nil
                ? "Betweenness is left out on maps over \(Insights.betweennessLimit) nodes." : ""
            return InsightsTable(
                table: TableView(columns: columns, rows: rows), ids: insights.degree.map(\.id), note: note)
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

    /// 12.5 as "12.5", 3.0 as "3".
    static func decimal(_ value: Double) -> String {
        value == value.rounded()
            ? String(Int(value))
            : String(format: "%.2f", value).replacingOccurrences(of: #"0$"#, with: "", options: .regularExpression)
    }
}
