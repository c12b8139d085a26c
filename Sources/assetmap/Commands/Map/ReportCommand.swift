import ArgumentParser
import AssetMapCore
import Foundation

/// `assetmap report FILE`: the minutes of a review session, or the state of the whole review.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Write the minutes of a review session (--since DATE) or the status of every barrier, as Markdown, HTML or plain text.",
        discussion: """
            With --since: only what happened since that day (barriers discussed, decisions, actions agreed, notes, \
            improvements proposed, read from the dated history: and review: lines), plus the open actions carried over. \
            Without it: barriers by status, priorities, open actions, notes, gaps, what was resolved or parked. \
            Dates: YYYY-MM-DD, DD/MM/YYYY, today, yesterday. Private attributes never appear.
              assetmap report walsall.map --since today -o minutes.html
            """)

    @Argument(help: "The map file.")
    var file: String

    @Option(help: "Minutes of what happened since this day (e.g. today, 21/11/2026, 2026-11-21).")
    var since: String?

    @Option(name: .shortAndLong, help: CLI.outputHelp)
    var output: String?

    @Option(
        help:
            "markdown, html or text (paste-safe for email). Default: from the -o extension (.html, .txt), else markdown."
    )
    var format: ReportDocument.Format?

    @Option(help: "The day the report is for, deciding which actions are overdue (default: today).")
    var today: String?

    func validate() throws {
        for (name, value) in [("--since", since), ("--today", today)] {
            if let value, ReviewDate.parse(value) == nil {
                throw ValidationError("\(name) '\(value)' is not a date; write \(ReviewDate.accepted)")
            }
        }
    }

    func run() throws {
        let (document, problems) = try CLI.loadCleanWithWarnings(file, refusing: "no report written")
        // A mistyped key or value is not read (`staus: agreed` leaves the barrier open): say so beside the report.
        let misread = Self.warningsInReviewRecords(problems, document.graph)
        for warning in misread { CLI.printError(warning.formatted(file: file)) }
        if !misread.isEmpty {
            CLI.printError(
                "\(file): the report reads those barriers and improvements without what the warnings above point at")
        }
        let day = today.flatMap { ReviewDate.parse($0) } ?? ReviewDate.today()
        let report =
            since.flatMap { ReviewDate.parse($0, today: day) }.map {
                ReviewReport.minutes(document.graph, since: $0, today: day)
            } ?? ReviewReport.status(document.graph, today: day)
        try CLI.writeText(report.rendered(as: format ?? Self.format(of: output)), as: .text, to: output, notOver: file)
    }

    /// The warnings about the attribute lines of barriers and improvements: the records a report is made of.
    static func warningsInReviewRecords(_ problems: [Diagnostic], _ graph: MapGraph) -> [Diagnostic] {
        let warnings = problems.filter { $0.severity == .warning }
        guard !warnings.isEmpty else { return [] }
        let attributeLines = graph.nodes.filter { $0.kind == "barrier" || $0.kind == "improvement" }.map {
            ($0.line + 2)..<($0.endLine + 1)  // 1-based, as diagnostics count
        }
        return warnings.filter { warning in attributeLines.contains { $0.contains(warning.line) } }
    }

    static func format(of output: String?) -> ReportDocument.Format {
        switch output.map({ URL(fileURLWithPath: $0).pathExtension.lowercased() }) {
        case "html", "htm": return .html
        case "txt", "text": return .text
        default: return .markdown
        }
    }
}

extension ReportDocument.Format: ExpressibleByArgument {}
