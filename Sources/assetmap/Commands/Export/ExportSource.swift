import ArgumentParser
import AssetMapCore
import AssetMapInterchange
import Foundation

/// The options every export in Kumu's model shares.
struct ExportSource: ParsableArguments {
    @Argument(help: "The map file.")
    var file: String

    @Flag(help: "Include attributes whose key starts with private-.")
    var includePrivate = false

    func graph() throws -> MapGraph { try CLI.loadClean(file, refusing: "not exported").graph }

    /// Writes an export through the one output path (never over the map it came from).
    func write(_ data: Data, to path: String) throws {
        try CLI.writeOutput(data, to: path, notOver: file)
    }
}
