import ArgumentParser
import AssetMapCore
import Foundation

/// `assetmap report FILE`: the minutes of a review session, as Markdown.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the minutes of a barrier review: status counts, quick wins, priorities, actions, notes.",
        discussion: "Reads the review attributes of barriers (status, votes, impact, effort, owner, due, review). Private attributes never appear.")

    @Argument(help: "The map file.")
    var file: String

    @Option(help: "Only the review notes dated on or after this day (YYYY-MM-DD).")
    var since: String?

    @Option(name: .shortAndLong, help: "Write the minutes to this file instead of standard output.")
    var output: String?

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
        let document: MapDocument
        do {
            document = try MapDocument(contentsOf: file)
        } catch let error as MapLoadError {
            FileHandle.standardError.write(Data((error.diagnostic.formatted(file: file) + "\n").utf8))
            throw ExitCode(1)
        } catch {
            FileHandle.standardError.write(Data("\(file): cannot read: \(error.localizedDescription)\n".utf8))
            throw ExitCode(1)
        }
        let errors = document.graph.syntaxErrors.sortedByPosition()
        guard errors.isEmpty else {
            let text = errors.map { $0.formatted(file: file) + "\n" }.joined()
            FileHandle.standardError.write(Data((text + "\(file): fix these errors before writing a report\n").utf8))
            throw ExitCode(1)
        }
        let minutes = ReviewReport.markdown(document.graph, since: since, today: today ?? ReviewDate.today())
        guard let output else {
            FileHandle.standardOutput.write(Data(minutes.utf8))
            return
        }
        let target = URL(fileURLWithPath: output).standardizedFileURL.resolvingSymlinksInPath()
        guard target != URL(fileURLWithPath: file).standardizedFileURL.resolvingSymlinksInPath() else {
            throw ValidationError("-o \(output) is the map itself; choose another file for the report")
        }
        do {
            try MapFile.write(Data(minutes.utf8), to: output)
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
