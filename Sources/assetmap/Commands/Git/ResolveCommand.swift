import ArgumentParser
import AssetMapCore
import Foundation

/// `assetmap resolve FILE [RECORD] --ours|--theirs`: settles merge conflicts.
struct ResolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve",
        abstract: "Settle merge conflicts (conflict: lines) by keeping our or their value.",
        discussion: """
            assetmap resolve walsall.map --theirs                 every conflict, their values
            assetmap resolve walsall.map proof-of-address --ours  the conflicts of one record
            RECORD is a node id, FROM->TO for an edge, or map. Without --ours or --theirs, lists them.
            """)

    @Argument(help: "The map file.")
    var file: String

    @Argument(help: "Only the conflicts of this record.")
    var record: String?

    @Flag(help: "Which value to keep.")
    var side: MergeSide?

    @Option(help: "Which edge, when there are several between FROM and TO.")
    var relation: String?

    func run() throws {
        var document = try CLI.loadOrExit(file, status: 1)
        let otherErrors = document.check().filter { $0.severity == .error && !$0.message.hasPrefix("merge conflict") }
        guard otherErrors.isEmpty else {
            for error in otherErrors { CLI.printError(error.formatted(file: file)) }
            CLI.printError("\(file): not changed: fix the errors above first")
            throw ExitCode(1)
        }
        let ref = try record.map { text in
            do { return try CLI.record(text, relation: relation, in: document) } catch let error as EditError {
                CLI.printError("\(file): error: \(error.message)")
                throw ExitCode(1)
            }
        }
        let wanted = { (found: MapConflict) in ref == nil || found.record == ref }
        guard let side else {
            for found in document.conflicts where wanted(found) {
                CLI.say(
                    "\(file):\(found.line + 1):\(found.column): \(found.record): \(found.conflict?.summary ?? "unreadable")"
                )
            }
            return
        }
        var done: [String] = []
        // Each resolution moves the lines below it: find the next one afresh.
        while let found = document.conflicts.first(where: { wanted($0) && $0.conflict != nil }) {
            do { done.append(document.perform(try document.resolve(found, keeping: side)).summary) } catch let error
                as EditError
            {
                CLI.printError("\(file): error: \(error.message)")
                throw ExitCode(1)
            }
        }
        guard !done.isEmpty else {
            CLI.say("\(file): no conflicts\(record.map { " on \($0)" } ?? "")")
            return
        }
        do { try MapFile.save(document.data, to: file) } catch {
            CLI.printError("\(error)")
            throw ExitCode(1)
        }
        for line in done { CLI.say(line) }
    }
}

extension MergeSide: EnumerableFlag {}
