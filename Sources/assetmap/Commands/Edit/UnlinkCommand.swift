import ArgumentParser
import AssetMapCore

struct UnlinkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unlink",
        abstract: "Remove the edges FROM -> TO (only those with RELATION, when given).")

    @OptionGroup var map: MapToEdit

    @Argument(help: "The id of the node the edge leaves.")
    var from: String

    @Argument(help: "The id of the node the edge goes to.")
    var to: String

    @Argument(help: "Only the edge with this relation.")
    var relation: String?

    func run() throws {
        try map.edit { doc in
            let change = try doc.unlink(from: from, to: to, relation: relation)
            return [doc.perform(change).summary]
        }
    }
}
