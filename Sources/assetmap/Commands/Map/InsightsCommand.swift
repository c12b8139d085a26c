import ArgumentParser
import AssetMapCore
import Foundation

/// `assetmap insights FILE`: coverage, silent groups, gaps and who connects the map.
struct InsightsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "insights",
        abstract:
            "Where the map is blind: coverage grids by clinical area and access dimension, blind spots, gaps, who connects it.",
        discussion: """
            assetmap insights walsall.map
            assetmap insights walsall.map --format json | jq '.silent'
            JSON keys: coverage [{community, clinical, barriers, improvements, resolved, state}] (the areas
            that apply to each community, by its ages, and any its barriers name), gaps [{community, clinical}]
            (every applying cell with nothing recorded), dimensions [{community, dimension, …, state}],
            dimensionGaps [{community, dimension}], silent [ids], unaddressed [ids], unowned [ids],
            overdue [{id, due, owner}], degree [{id, degree, separates}] (highest first; separates: groups
            with no other link between them), betweenness [{id, betweenness}] (maps up to 5,000 nodes; null
            above), isolated [ids]. state: barriers, improvements, resolved or nothing. A clinical or
            dimension of "" collects barriers that name none. Private attributes never appear.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, md, json }

    @Argument(help: "The map file.")
    var file: String

    @Option(help: "text (the default), md (Markdown) or json.")
    var format: Format = .text

    @Option(name: .shortAndLong, help: CLI.outputHelp)
    var output: String?

    @Option(help: "The day that decides which actions are overdue, YYYY-MM-DD (default: today).")
    var today: String?

    func validate() throws {
        if let today, !ReviewDate.isValid(today) {
            throw ValidationError("--today '\(today)' is not a date; write it as YYYY-MM-DD")
        }
    }

    func run() throws {
        let document = try CLI.loadClean(file, refusing: "no insights written")
        let day = today ?? ReviewDate.today()
        let insights = Insights(document.graph, today: day)
        let text: String
        switch format {
        case .text: text = InsightsReport.text(insights, document.graph, today: day)
        case .md: text = InsightsReport.markdown(insights, document.graph, today: day)
        case .json: text = InsightsReport.json(insights)
        }
        try CLI.writeText(text, as: format == .json ? .json : .text, to: output, notOver: file)
    }
}
