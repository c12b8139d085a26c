import Foundation

/// `assetmap history` as text (with a small chart), Markdown, CSV (one row per event) and JSON.
extension ImpactHistory {
    /// Where the story comes from, for the first line.
    package func source(file: String) -> String {
        let commits = revisions.filter { $0.commit != nil }
        guard let first = commits.first, let last = commits.last else {
            return "History of \(file) from its dated lines (not in git)"
        }
        return
            "History of \(file): \(commits.count) revision\(commits.count == 1 ? "" : "s") in git (\(first.date) to \(last.date)) and its dated lines"
    }

    private static let columns = ImpactEvent.counted.map(\.rawValue)

    private func table(_ rows: [Count], heading: String) -> [[String]] {
        [[heading] + Self.columns] + rows.map { row in [row.name] + ImpactEvent.counted.map { String(row.count($0)) } }
    }

    package func text(file: String) -> String {
        var out = source(file: file) + "\n\n"
        guard !events.isEmpty else { return out + "No barriers or improvements yet.\n" }
        out += Self.aligned(table(months, heading: "month")) + "\n"
        out += chart() + "\n"
        out += "By clinical area\n" + Self.aligned(table(clinical, heading: "area")) + "\n"
        out += "Barriers: you said, we did\n"
        for timeline in timelines {
            out += "\n\(timeline.barrier)  \(timeline.label)\n"
            for event in timeline.events { out += "  \(event.date)  \(Self.describe(event, in: timeline))\n" }
        }
        return out
    }

    /// Barriers raised (▇) and resolved (░) per month, scaled to fit 40 columns.
    func chart() -> String {
        let most = months.map { max($0.count(.raised), $0.count(.resolved)) }.max() ?? 0
        guard most > 0 else { return "" }
        let scale = max(1, (most + 39) / 40)
        func bar(_ n: Int, _ mark: String) -> String { String(repeating: mark, count: (n + scale - 1) / scale) }
        var out = "Barriers raised ▇ and resolved ░ per month\(scale > 1 ? " (one mark per \(scale))" : "")\n"
        for month in months {
            out += "\(month.name)  \(bar(month.count(.raised), "▇")) \(month.count(.raised))\n"
            out += "         \(bar(month.count(.resolved), "░")) \(month.count(.resolved))\n"
        }
        return out
    }

    static func describe(_ event: ImpactEvent, in timeline: Timeline) -> String {
        let own = event.record == timeline.barrier
        let subject = own ? "" : "improvement \(event.record) \(Syntax.quote(event.label)): "
        switch event.kind {
        case .note: return "note: \(event.detail.replacingOccurrences(of: "\n", with: " / "))"
        case .status: return "\(subject)status \(event.detail)"
        default: return "\(subject)\(event.kind.rawValue)"
        }
    }

    private static func aligned(_ rows: [[String]]) -> String {
        guard let first = rows.first else { return "" }
        let widths = first.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, cell in
                column == 0
                    ? cell.padding(toLength: widths[0], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[column] - cell.count) + cell
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }

    package func markdown(file: String) -> String {
        func md(_ rows: [[String]]) -> String {
            var lines = ["| " + rows[0].joined(separator: " | ") + " |", "|" + rows[0].map { _ in "---|" }.joined()]
            lines += rows.dropFirst().map { "| " + $0.map(escape).joined(separator: " | ") + " |" }
            return lines.joined(separator: "\n") + "\n"
        }
        func escape(_ text: String) -> String {
            text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
        }
        var out = "# \(source(file: file))\n\n## By month\n\n" + md(table(months, heading: "month"))
        out += "\n## By clinical area\n\n" + md(table(clinical, heading: "area"))
        out += "\n## Barriers: you said, we did\n"
        for timeline in timelines {
            out += "\n### \(escape(timeline.label)) (`\(timeline.barrier)`)\n\n"
            for event in timeline.events { out += "- \(event.date): \(escape(Self.describe(event, in: timeline)))\n" }
        }
        return out
    }

    package func csv() -> String {
        func field(_ text: String) -> String {
            text.contains(where: { ",\"\n\r".contains($0) })
                ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        var out = "date,month,record,kind,label,event,detail,clinical,commit\n"
        for event in events {
            out +=
                [
                    event.date, event.month, event.record, event.recordKind, event.label, event.kind.rawValue,
                    event.detail,
                    event.clinical.joined(separator: ", "), event.commit ?? "",
                ].map(field).joined(separator: ",") + "\n"
        }
        return out
    }

    package func json(file: String) -> String {
        func counts(_ rows: [Count]) -> [[String: Any]] {
            rows.map { row in
                ["name": row.name].merging(ImpactEvent.counted.map { ($0.rawValue, row.count($0) as Any) }) { $1 }
            }
        }
        func event(_ event: ImpactEvent) -> [String: Any] {
            var object: [String: Any] = [
                "date": event.date, "record": event.record, "kind": event.recordKind, "label": event.label,
                "event": event.kind.rawValue, "detail": event.detail, "clinical": event.clinical,
            ]
            if let commit = event.commit { object["commit"] = commit }
            return object
        }
        let object: [String: Any] = [
            "source": source(file: file),
            "revisions": revisions.map { ["date": $0.date, "commit": $0.commit ?? ""] },
            "months": counts(months), "clinical": counts(clinical),
            "timelines": timelines.map { ["barrier": $0.barrier, "label": $0.label, "events": $0.events.map(event)] },
            "events": events.map(event),
        ]
        let data = try! JSONSerialization.data(
            withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
