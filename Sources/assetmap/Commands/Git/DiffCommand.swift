import ArgumentParser
import AssetMapCore
import Foundation

/// `assetmap diff OLD NEW`: what changed, record by record.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what changed between two versions of a map, record by record.",
        discussion: """
            Nodes added, removed, relabelled or given a new id; attributes set, changed or removed; edges \
            added and removed. Exit status: 0 no changes, 1 changes, 2 trouble (like diff).
            With --textconv FILE it prints the map as one line per field instead, for git's diff driver \
            (assetmap git-setup sets that up, so git diff and git log -p read as changes to the map).
            """)

    @Argument(help: "The old version and the new version (one file with --textconv).")
    var files: [String]

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Option(help: "text (the default) or json.")
    var format: Format = .text

    @Flag(help: "Print one map as a listing of its fields (git's textconv).")
    var textconv = false

    func validate() throws {
        if textconv && files.count != 1 { throw ValidationError("--textconv takes one file") }
        if !textconv && files.count != 2 {
            throw ValidationError("give the old and the new version: assetmap diff OLD NEW")
        }
    }

    func run() throws {
        let documents = try CLI.loadAllOrExit(files, status: 2)
        if textconv {
            FileHandle.standardOutput.write(Data(Escaping.forOutput(MapDiff.listing(documents[0]), as: .text).utf8))
            return
        }
        let changes = MapDiff.changes(from: documents[0], to: documents[1])
        let text = format == .json ? MapDiff.json(changes) : MapDiff.text(changes)
        FileHandle.standardOutput.write(Data(Escaping.forOutput(text, as: format == .json ? .json : .text).utf8))
        CLI.exitNow(changes.isEmpty ? 0 : 1)
    }
}
