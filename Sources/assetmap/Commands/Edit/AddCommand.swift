import ArgumentParser
import AssetMapCore

struct AddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a node.",
        discussion: """
            assetmap add walsall.map place generation-cafe "Generation Café" when="Fridays 17:00"
            Without an id (assetmap add walsall.map place "Generation Café"), one is made from the \
            label and printed. The node goes after the last node of its kind.
            """)

    @OptionGroup var map: MapToEdit

    @Argument(help: "community, organisation, place, barrier, improvement, or a declared kind.")
    var kind: String

    @Argument(
        help: ArgumentHelp(
            "The new id (optional), the label, then any attributes.", valueName: "[id] label [key=value]"))
    var words: [String]

    @Option(help: "The new node's id (then every argument after KIND is LABEL [key=value...]).")
    var id: String?

    func validate() throws {
        if words.isEmpty { throw ValidationError("give the node's label, e.g. \"Refugee and Migrant Centre\"") }
    }

    func run() throws {
        var rest = words[...]
        var explicitID = id
        // `KIND ID LABEL`: the second word is a label, not key=value.
        if explicitID == nil, rest.count >= 2, Syntax.isValidID(rest[rest.startIndex]),
            !CLI.looksLikePair(rest[rest.startIndex + 1])
        {
            explicitID = rest.removeFirst()
        }
        let label = rest.removeFirst()
        let attributes = try CLI.pairs(Array(rest))
        try map.edit(warningsAbout: { [.node($0)] }) { doc in
            let newID = explicitID ?? doc.suggestID(for: label)
            doc.perform(try doc.addTrackedNode(kind: kind, id: newID, label: label, attributes: attributes))
            return (["added \(kind) \(newID)"], newID)
        }
    }
}
