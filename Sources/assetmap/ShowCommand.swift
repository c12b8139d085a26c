import ArgumentParser
import AssetMapCore

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print a node, its attributes and its neighbours as plain text.")

    @Argument(help: "The map file.")
    var file: String

    @Argument(help: "The node's id.")
    var id: String

    func run() throws {
        let doc: MapDocument
        switch CLI.load(file) {
        case .failure(let failure):
            CLI.printError(failure.diagnostic.formatted(file: file))
            throw ExitCode(1)
        case .success(let loaded): doc = loaded
        }
        guard let text = doc.graph.describe(id) else {
            CLI.printError("\(file): error: \(Suggest.noSuchNode(id, in: doc.graph))")
            throw ExitCode(1)
        }
        print(text, terminator: "")
    }
}
