import ArgumentParser
import AssetMapCore
import Foundation

/// `assetmap report FILE`: the minutes of a review session, as Markdown.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the minutes of a barrier review (Markdown or HTML): status counts, quick wins, priorities, actions, notes.",
        discussion: "Reads the review attributes of barriers (status, votes, impact, effort, owner, due, review). Private attributes never appear.")

    @Argument(help: "The map file.")
    var file: String

    @Option(help: "Only the review notes dated on or after this day (YYYY-MM-DD).")
    var since: String?

    @Option(name: .shortAndLong, help: CLI.outputHelp)
    var output: String?

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case markdown, html
    }

    @Option(help: "markdown (the default) or html.")
    var format: Format = .markdown

    @Option(help: "The day the report is for, YYYY-MM-DD, deciding which actions are overdue (default: today).")
    var today: String?

    func validate() throws {
        for (name, value) in [("--since", since), ("--today", today)] {
            if let value, !ReviewDate.isValid(value) {
                throw ValidationError("\(name) '\(value)' is not a date; write it as YYYY-MM-DD")
            }
        }
    }

    func run() throws {
        let document = try CLI.loadClean(file, refusing: "no report written")
        let day = today ?? ReviewDate.today()
        let minutes = format == .html
            ? ReviewReport.html(document.graph, since: since, today: day)
            : ReviewReport.markdown(document.graph, since: since, today: day)
        try CLI.writeOutput(minutes, to: output, notOver: file)
    }
}
