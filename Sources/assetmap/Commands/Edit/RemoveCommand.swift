import ArgumentParser
import AssetMapCore

struct RemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rm",
        abstract: "Remove a node and its edges.")

    @OptionGroup var map: MapToEdit

    @Argument(help: "The node's id.")
    var id: String

    func run() throws {
        try map.edit { doc in
            let change = try doc.removeNode(id)
            return [doc.perform(change).summary]
        }
    }
}
