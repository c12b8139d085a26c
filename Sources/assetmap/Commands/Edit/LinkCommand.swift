import ArgumentParser
import AssetMapCore

struct LinkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "link",
        abstract: "Add an edge FROM -> TO RELATION.",
        discussion:
            "assetmap link walsall.map proof-of-address refugees affects\nassetmap link walsall.map refugees generation-cafe \"gathers at\" note=\"Fridays\""
    )

    @OptionGroup var map: MapToEdit

    @Argument(help: "The id of the node the edge leaves.")
    var from: String

    @Argument(help: "The id of the node the edge goes to.")
    var to: String

    @Argument(help: "A word or a phrase, e.g. affects or \"gathers at\".")
    var relation: String

    @Argument(help: ArgumentHelp("Attributes of the edge.", valueName: "key=value"))
    var attributes: [String] = []

    func run() throws {
        let pairs = try CLI.pairs(attributes)
        try map.edit(warningsAbout: { [$0] }) { doc in
            let change = try doc.link(from: from, to: to, relation: relation, attributes: pairs)
            return ([doc.perform(change).summary], RecordRef.edge(from: from, to: to, relation: relation))
        }
    }
}
