import ArgumentParser
import AssetMapCore

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print a node, its attributes and its neighbours as plain text.",
        discussion:
            "Private attributes (keys starting private-) are hidden, with a count, unless --include-private. Control characters in the map are printed escaped (\\x1b), never raw."
    )

    @Argument(help: "The map file.")
    var file: String

    @Argument(help: "The node's id.")
    var id: String

    @Flag(help: "Show attributes whose key starts with private-.")
    var includePrivate = false

    func run() throws {
        let doc: MapDocument
        switch CLI.load(file) {
        case .failure(let failure):
            CLI.printError(failure.diagnostic.formatted(file: file))
            throw ExitCode(1)
        case .success(let loaded): doc = loaded
        }
        guard let text = doc.graph.describe(id, includePrivate: includePrivate) else {
            CLI.printError("\(file): error: \(Suggest.noSuchNode(id, in: doc.graph))")
            throw ExitCode(1)
        }
        print(text, terminator: "")
    }
}
