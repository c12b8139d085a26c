import Foundation

/// Insights written out: plain text for a terminal, Markdown to paste, JSON for scripts.
package enum InsightsReport {
    package static func json(_ insights: Insights) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings, numbers and arrays cannot fail.
        return String(decoding: try! encoder.encode(insights), as: UTF8.self) + "\n"
    }

    package static func text(_ insights: Insights, _ graph: MapGraph, today: String) -> String {
        render(insights, graph, today: today, markdown: false)
    }

    package static func markdown(_ insights: Insights, _ graph: MapGraph, today: String) -> String {
        render(insights, graph, today: today, markdown: true)
    }

    /// Cells with at least one barrier, per community in file order.
    package static func filledCells(_ insights: Insights) -> [(community: String, cells: [Insights.Cell])] {
        var out: [(community: String, cells: [Insights.Cell])] = []
        for cell in insights.coverage where !cell.barriers.isEmpty {
            if out.last?.community == cell.community {
                out[out.count - 1].cells.append(cell)
            } else {
                out.append((cell.community, [cell]))
            }
        }
        return out
    }

    package static func clinicalName(_ area: String) -> String { area.isEmpty ? "no clinical area" : area }

    private static func render(_ insights: Insights, _ graph: MapGraph, today: String, markdown: Bool) -> String {
        func esc(_ text: String) -> String {
            markdown ? ReportDocument.md(text) : text.replacingOccurrences(of: "\n", with: " ")
        }
        func name(_ id: String) -> String {
            let label = graph.node(id)?.label ?? id
            return markdown ? "**\(esc(label))** (\(esc(id)))" : "\(label) (\(id))"
        }
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        var out: [String] = []
        func section(_ title: String, _ explanation: String, _ lines: [String]) {
            out += ["", markdown ? "## \(title)" : title.uppercased(), ""]
            if !explanation.isEmpty { out += [markdown ? explanation : DotExport.wrap(explanation, width: 78), ""] }
            out += lines.isEmpty ? [markdown ? "None." : "  none"] : lines
        }
        let bullet = markdown ? "- " : "  • "
        out.append(
            markdown
                ? "# Insights: \(esc(graph.header?.title ?? "Untitled map"))"
                : "Insights: \(graph.header?.title ?? "Untitled map")")
        out += ["", "\(markdown ? "- " : "")Date: \(today)"]

        var coverage: [String] = []
        for (community, cells) in filledCells(insights) {
            coverage.append(markdown ? "### \(name(community))" : "  \(name(community))")
            if markdown {
                coverage += ["", "| clinical area | barriers | improvements | resolved |", "|---|---:|---:|---:|"]
            }
            for cell in cells {
                let gap = cell.improvements.isEmpty ? (markdown ? " **none yet**" : "  ← no improvement") : ""
                coverage.append(
                    markdown
                        ? "| \(esc(clinicalName(cell.clinical))) | \(cell.barriers.count) | \(cell.improvements.count)\(gap) | \(cell.resolved) |"
                        : "    \(clinicalName(cell.clinical).padding(toLength: 16, withPad: " ", startingAt: 0))\(plural(cell.barriers.count, "barrier")), \(plural(cell.improvements.count, "improvement")), \(cell.resolved) resolved\(gap)"
                )
            }
            if markdown { coverage.append("") }
        }
        if markdown, coverage.last == "" { coverage.removeLast() }
        section(
            "Coverage",
            "Barriers affecting each community by clinical area, the improvements addressing them, and how many are resolved. Areas with no barrier recorded are left out.",
            coverage)
        section(
            "Silent groups",
            "Core20 or PLUS communities that no barrier affects: silence is not the absence of barriers.",
            insights.silent.map { bullet + name($0) })
        section(
            "Unaddressed barriers", "Not resolved or parked, and no improvement addresses them.",
            insights.unaddressed.map { bullet + name($0) })
        section("Improvements with no owner", "", insights.unowned.map { bullet + name($0) })
        section(
            "Overdue actions", "",
            insights.overdue.map {
                "\(bullet)\(name($0.id)): due \($0.due)\($0.owner.map { ", owner \(esc($0))" } ?? ", no owner")"
            })
        var brokers: [String] = []
        let between = Dictionary(
            (insights.betweenness ?? []).map { ($0.id, $0.betweenness) }, uniquingKeysWith: { a, _ in a })
        if markdown { brokers += ["| organisation or place | links | betweenness |", "|---|---:|---:|"] }
        for rank in insights.degree {
            let b = between[rank.id].map { String(format: "%.1f", $0) } ?? "–"
            brokers.append(
                markdown
                    ? "| \(name(rank.id)) | \(rank.degree) | \(b) |"
                    : "  \(String(rank.degree).leftPad(5))  \(b.leftPad(11))  \(name(rank.id))")
        }
        if !markdown, !brokers.isEmpty { brokers.insert("  links  betweenness  organisation or place", at: 0) }
        if insights.degree.isEmpty { brokers = [] }
        section(
            "Who connects the map",
            insights.betweenness == nil
                ? "Organisations and places by number of links (betweenness is left out on maps over \(Insights.betweennessLimit) nodes)."
                : "Organisations and places by number of links, and by betweenness: how many shortest paths between others pass through them.",
            brokers)
        section("Isolated nodes", "No links at all.", insights.isolated.map { bullet + name($0) })
        return out.joined(separator: "\n") + "\n"
    }
}

extension String {
    func leftPad(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
