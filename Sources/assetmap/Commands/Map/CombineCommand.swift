import ArgumentParser
import AssetMapCore
import Foundation

/// `assetmap merge A.map B.map… -o ICS.map`: several sites' maps as one.
struct CombineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine several maps into one (an ICS map from its sites' maps).",
        discussion: """
            assetmap merge walsall.map wolverhampton.map dudley.map -o black-country.map
            The same node in two maps (same id, kind and label) becomes one, with the attributes of both; \
            where the maps give one attribute different values the earlier map's is kept (and reported). \
            The same id for different things is kept apart: the later one is renamed with its file's name \
            as a prefix (wolverhampton-rmc), its links following. The first map's layout and comments come \
            first; each later map's new records follow, with their comments. A summary says what was \
            joined and renamed.
            """)

    @Argument(help: "The maps, in order.")
    var files: [String]

    @Option(name: .shortAndLong, help: "Where to write the combined map (- for standard output).")
    var output: String

    func validate() throws {
        if files.count < 2 { throw ValidationError("give at least two maps to combine") }
    }

    func run() throws {
        let maps = try files.map { file in
            (
                site: URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent,
                document: try CLI.loadClean(file, refusing: "nothing combined")
            )
        }
        let (combined, reports) = try MapCombine.combine(maps)
        do { try OutputFile.write(combined.data, to: output) } catch {
            CLI.printError("\(error)")
            throw ExitCode(1)
        }
        let summary = MapCombine.summary(reports, result: combined, output: output)
        FileHandle.standardError.write(Data(summary.utf8))
    }
}
