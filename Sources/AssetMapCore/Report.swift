import Foundation

/// The minutes of the review: Markdown a facilitator can email or paste. Reads only the keys the
/// review writes (and labels), so private attributes never appear.
public enum ReviewReport {
    /// `since`: only notes dated on or after it; `today`: what counts as overdue.
    public static func markdown(_ graph: MapGraph, since: String? = nil, today: String) -> String {
        let cards = Review.cards(graph)
        var out: [String] = []
        func section(_ title: String, _ body: [String]) {
            out += ["", "## \(title)", ""]
            out += body.isEmpty ? ["None."] : body
        }

        out.append("# Review minutes: \(md(graph.header?.title ?? "Untitled map"))")
        out.append("")
        if let area = graph.header?.value("area") { out.append("- Area: \(md(area))") }
        out.append("- Date: \(today)")
        out.append("- Barriers: \(cards.count)")

        var counts: [String: Int] = [:]
        for card in cards { counts[card.status, default: 0] += 1 }
        let statuses = Vocabulary.barrierStatus + counts.keys.filter { !Vocabulary.barrierStatus.contains($0) }.sorted()
        section("Barriers by status", statuses.compactMap { status in counts[status].map { "- \(md(status)): \($0)" } })

        let grid = Review.grid(cards)
        section("Quick wins (high impact, low effort)", (grid[.quickWin] ?? []).map { "- \(name($0))\($0.votes == 0 ? "" : ": \(votes($0))")" })

        var priority: [String] = []
        for quadrant in PriorityQuadrant.allCases {
            guard let inQuadrant = grid[quadrant], !inQuadrant.isEmpty else { continue }
            if !priority.isEmpty { priority.append("") }
            priority += ["### \(quadrant.title) (\(quadrant.explanation))", ""]
            for card in inQuadrant {
                priority.append("- \(name(card)): \(md(card.status))\(card.votes == 0 ? "" : ", \(votes(card))")")
                priority.append("  - Affects: \(card.communities.isEmpty ? "no community linked" : card.communities.map { md($0.label) }.joined(separator: "; "))")
                if !card.clinical.isEmpty { priority.append("  - Clinical: \(card.clinical.map(md).joined(separator: ", "))") }
                let improvements = card.improvements.map { "\(md($0.label))\($0.status.map { " (\(md($0)))" } ?? "")" }
                priority.append("  - Improvements: \(improvements.isEmpty ? "none yet" : improvements.joined(separator: "; "))")
            }
        }
        section("Barriers by priority", priority)

        let actions = cards.filter(\.hasAction).sorted { ($0.due ?? "9999", $0.fileOrder) < ($1.due ?? "9999", $1.fileOrder) }
        section("Actions", actions.map { card in
            let owner = card.owner.map { "owner \(md($0))" } ?? "no owner yet"
            let due = card.due.map { "due \(md($0))" } ?? "no due date"
            let overdue = isOverdue(card, today: today) ? " (**overdue**)" : ""
            return "- \(name(card)): \(owner), \(due)\(overdue)"
        })

        let notes = cards.flatMap { card in card.notes.map { (card, $0) } }
            .filter { since == nil || (!$0.1.date.isEmpty && $0.1.date >= since!) }
            .enumerated().sorted { ($0.element.1.date, $0.offset) < ($1.element.1.date, $1.offset) }.map(\.element)
        section(since.map { "Notes since \($0)" } ?? "Notes", notes.map { card, note in
            "- \(note.date.isEmpty ? "" : "\(note.date), ")\(name(card)): \(md(note.text))"
        })

        section("Barriers no improvement addresses", cards.filter { $0.improvements.isEmpty }.map { "- \(name($0))" })
        return out.joined(separator: "\n") + "\n"
    }

    /// The same minutes as a standalone HTML page (for people who paste into a browser or a CMS).
    public static func html(_ graph: MapGraph, since: String? = nil, today: String) -> String {
        let title = graph.header?.title ?? "Untitled map"
        var out = ["<!DOCTYPE html>", "<html lang=\"en\">", "<head>", "<meta charset=\"utf-8\">",
                   "<title>Review minutes: \(htmlEscape(title))</title>", "</head>", "<body>"]
        var inList = false, itemOpen = false, nested = false
        func closeNested() { if nested { out.append("</ul>"); nested = false } }
        func closeList() {
            closeNested()
            if itemOpen { out.append("</li>"); itemOpen = false }
            if inList { out.append("</ul>"); inList = false }
        }
        for line in markdown(graph, since: since, today: today).split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("  - ") && itemOpen {
                if !nested { out.append("<ul>"); nested = true }
                out.append("<li>\(inline(line.dropFirst(4)))</li>")
            } else if line.hasPrefix("- ") {
                closeNested()
                if itemOpen { out.append("</li>") }
                if !inList { out.append("<ul>"); inList = true }
                out.append("<li>\(inline(line.dropFirst(2)))")
                itemOpen = true
            } else {
                closeList()
                if line.isEmpty { continue }
                let level = line.prefix { $0 == "#" }.count
                if (1...3).contains(level) && line.dropFirst(level).hasPrefix(" ") {
                    out.append("<h\(level)>\(inline(line.dropFirst(level + 1)))</h\(level)>")
                } else {
                    out.append("<p>\(inline(line[...]))</p>")
                }
            }
        }
        closeList()
        out += ["</body>", "</html>"]
        return out.joined(separator: "\n") + "\n"
    }

    /// Markdown produced by `markdown` (backslash escapes and `**bold**` only) to HTML.
    private static func inline(_ text: Substring) -> String {
        var out = "", bold = false
        var i = text.startIndex
        while i < text.endIndex {
            let ch = text[i]
            let next = text.index(after: i)
            if ch == "\\", next < text.endIndex {
                out += htmlEscape(String(text[next]))
                i = text.index(after: next)
            } else if ch == "*", next < text.endIndex, text[next] == "*" {
                out += bold ? "</strong>" : "<strong>"
                bold.toggle()
                i = text.index(after: next)
            } else {
                out += htmlEscape(String(ch))
                i = next
            }
        }
        return out + (bold ? "</strong>" : "")
    }

    private static func htmlEscape(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(ch)
            }
        }
        return out
    }

    /// Due before today and not yet resolved or parked.
    public static func isOverdue(_ card: BarrierCard, today: String) -> Bool {
        guard let due = card.due, ReviewDate.isValid(due) else { return false }
        return due < today && card.status != "resolved" && card.status != "parked"
    }

    private static func name(_ card: BarrierCard) -> String { "**\(md(card.label))** (\(md(card.id)))" }

    private static func votes(_ card: BarrierCard) -> String {
        "\(card.votes) vote\(card.votes == 1 ? "" : "s")"
    }

    /// Map text shown literally: Markdown's markup characters escaped.
    static func md(_ text: String) -> String {
        var out = ""
        for ch in text {
            if "\\`*_[]<>|#".contains(ch) { out.append("\\") }
            out.append(ch == "\n" ? " " : ch)
        }
        return out
    }
}
