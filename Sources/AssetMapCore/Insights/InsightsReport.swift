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

    package static func clinicalName(_ area: String) -> String { area.isEmpty ? "no clinical area" : area }
    package static func dimensionName(_ dimension: String) -> String { dimension.isEmpty ? "no dimension" : dimension }

    /// A cell's state in a few words, for keys and lists.
    package static func words(_ state: Insights.State) -> String {
        switch state {
        case .barriers: "barriers, no improvement yet"
        case .improvements: "improvements proposed"
        case .resolved: "resolved"
        case .nothing: "nothing recorded"
        }
    }

    /// A cell in at most 5 characters, readable without colour: "B 2" (two barriers, no improvement), "I 2",
    /// "R 1", "none".
    package static func tag(_ cell: some CoverageCell) -> String {
        switch cell.state {
        case .barriers: "B \(cell.barriers.count)"
        case .improvements: "I \(cell.barriers.count)"
        case .resolved: "R \(cell.barriers.count)"
        case .nothing: "none"
        }
    }

    /// What `tag` means, for the key under a grid.
    package static let tagKey =
        "B n: n barriers, no improvement yet · I n: improvements proposed for them · R n: all resolved · none: nothing recorded (a blind spot) · grey or blank: does not apply"

    /// A grid's columns: its areas in the order the cells first name them, "" last.
    package static func columns(_ cells: [some CoverageCell]) -> [String] {
        var seen: Set<String> = [], out: [String] = []
        for cell in cells where seen.insert(cell.area).inserted { out.append(cell.area) }
        let known = Vocabulary.clinical + Vocabulary.dimensions
        let ordered =
            known.filter(seen.contains) + out.filter { !known.contains($0) && !$0.isEmpty }.sorted()
        return ordered + (seen.contains("") ? [""] : [])
    }

    /// A grid's rows: per community in file order, its cells by area.
    package static func rows<C: CoverageCell>(_ cells: [C]) -> [(community: String, cells: [String: C])] {
        var out: [(community: String, cells: [String: C])] = []
        for cell in cells {
            if out.last?.community != cell.community { out.append((cell.community, [:])) }
            out[out.count - 1].cells[cell.area] = cell
        }
        return out
    }

    /// An organisation's or place's place in the map in words: whom it links to, and what it holds together.
    package static func connection(
        _ rank: Insights.Rank, _ graph: MapGraph, betweenness: Double?, linkedNodes: Int
    ) -> String {
        guard rank.degree > 0, let i = graph.nodeIndex[rank.id] else { return "no links" }
        var byKind: [String: Set<Int>] = [:]
        for e in graph.outgoing[i] {
            if let j = graph.nodeIndex[graph.edges[e].to], j != i { byKind[graph.nodes[j].kind, default: []].insert(j) }
        }
        for e in graph.incoming[i] {
            if let j = graph.nodeIndex[graph.edges[e].from], j != i {
                byKind[graph.nodes[j].kind, default: []].insert(j)
            }
        }
        let parts = graph.kinds.compactMap { kind -> String? in
            guard let n = byKind[kind.name]?.count, n > 0 else { return nil }
            return "\(n) \(n == 1 ? kind.name : kind.plural.lowercased())"
        }
        var words = "links to " + list(parts)
        if rank.separates >= 2 {
            words += "; links \(rank.separates) groups that have no other link between them"
        } else if let betweenness {
            let others = Double(max(0, linkedNodes - 1)), pairs = others * (others - 1) / 2
            let share = pairs > 0 ? betweenness / pairs * 100 : 0
            words +=
                betweenness == 0
                ? "; the others stay linked without it"
                : share < 1
                    ? "; on few of the shortest routes between others"
                    : "; on \(Int(share.rounded()))% of the shortest routes between others"
        }
        return words
    }

    /// "a", "a and b", "a, b and c".
    static func list(_ items: [String]) -> String {
        items.count <= 1 ? items.joined() : items.dropLast().joined(separator: ", ") + " and " + items.last!
    }

    private static func grid<C: CoverageCell>(
        _ cells: [C], _ graph: MapGraph, markdown: Bool, name: (String) -> String, area: (String) -> String
    ) -> [String] {
        let rows = rows(cells)
        guard !rows.isEmpty else { return [] }
        if markdown {
            let columns = columns(cells)
            var out = ["| community | " + columns.map(area).joined(separator: " | ") + " |"]
            out.append("|---|" + String(repeating: "---|", count: columns.count))
            for row in rows {
                out.append(
                    "| \(name(row.community)) | "
                        + columns.map { column in
                            row.cells[column].map { $0.state == .nothing ? "**none**" : tag($0) } ?? ""
                        }.joined(separator: " | ") + " |")
            }
            return out + ["", tagKey]
        }
        var out: [String] = []
        for row in rows {
            out.append("  \(name(row.community))")
            for state in Insights.State.allCases {
                let inState = row.cells.values.filter { $0.state == state }
                guard !inState.isEmpty else { continue }
                let order = columns(cells)
                let names = order.compactMap { column in
                    inState.first { $0.area == column }.map { cell in
                        // A no-break space keeps the count with its area when the line wraps.
                        area(column) + (state == .nothing ? "" : "\u{00A0}(\(cell.barriers.count))")
                    }
                }
                let lead = "    " + (words(state) + ":").padding(toLength: 30, withPad: " ", startingAt: 0)
                let wrapped = DotExport.wrap(names.joined(separator: ", "), width: 78 - lead.count)
                    .split(separator: "\n", omittingEmptySubsequences: false)
                out.append(lead + wrapped[0])
                out += wrapped.dropFirst().map { String(repeating: " ", count: lead.count) + $0 }
            }
        }
        return out
    }

    private static func gapLines<C: CoverageCell>(
        _ cells: [C], bullet: String, name: (String) -> String, area: (String) -> String
    ) -> [String] {
        rows(cells).compactMap { row in
            let empty = columns(cells).filter { row.cells[$0]?.state == .nothing }
            guard !empty.isEmpty else { return nil }
            let line = "\(name(row.community)): " + empty.map(area).joined(separator: ", ")
            return bullet.hasPrefix("-") ? bullet + line : "  • " + String(indented(line, by: 4).dropFirst(4))
        }
    }

    /// `text` wrapped to 78 columns, every line indented by `by` spaces.
    private static func indented(_ text: String, by indent: Int) -> String {
        DotExport.wrap(text, width: 78 - indent).split(separator: "\n").map {
            String(repeating: " ", count: indent) + $0
        }.joined(separator: "\n")
    }

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

        section(
            "Coverage by clinical area",
            "Each community against the clinical areas that apply to it (its ages: adults, children or all), every cell shown. Nothing recorded is a blind spot, not the absence of barriers.",
            grid(insights.coverage, graph, markdown: markdown, name: name, area: clinicalName))
        section(
            "Blind spots: clinical areas with nothing recorded", "",
            gapLines(insights.coverage, bullet: bullet, name: name, area: clinicalName))
        section(
            "Coverage by access dimension",
            "Each community against the five access dimensions (Levesque et al. 2013), every cell shown.",
            grid(insights.dimensions, graph, markdown: markdown, name: name, area: dimensionName))
        section(
            "Blind spots: access dimensions with nothing recorded", "",
            gapLines(
                insights.dimensions.filter { Vocabulary.dimensions.contains($0.area) }, bullet: bullet, name: name,
                area: dimensionName))
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
        let between = Dictionary(
            (insights.betweenness ?? []).map { ($0.id, $0.betweenness) }, uniquingKeysWith: { a, _ in a })
        let linked = graph.nodes.indices.filter { !graph.outgoing[$0].isEmpty || !graph.incoming[$0].isEmpty }.count
        let brokers = insights.degree.map { rank in
            let words = connection(rank, graph, betweenness: between[rank.id], linkedNodes: linked)
            return markdown
                ? "- \(name(rank.id)): \(esc(words))"
                : "  • \(name(rank.id))\n" + indented(words, by: 6)
        }
        section(
            "Who connects the map",
            "Organisations and places, most links first: whom they link to, and what would come apart without them (the numbers are in --format json).",
            brokers)
        section("Isolated nodes", "No links at all.", insights.isolated.map { bullet + name($0) })
        return out.joined(separator: "\n") + "\n"
    }
}

extension String {
    func leftPad(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
