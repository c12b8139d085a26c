import ArgumentParser
import AssetMapCore

struct RenameCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rename",
        abstract: "Change a node's label, or its id (and every edge naming it).",
        discussion: """
            assetmap rename walsall.map rmc "Refugee and Migrant Centre, Walsall"
            assetmap rename walsall.map rmc --id refugee-migrant-centre
            """)

    @OptionGroup var map: MapToEdit

    @Argument(help: "The node's id.")
    var id: String

    @Argument(help: "The new label.")
    var label: String?

    @Option(name: .customLong("id"), help: "The new id; edges to and from the node follow it.")
    var newID: String?

    func validate() throws {
        if label == nil && newID == nil { throw ValidationError("give a new label, or --id NEW_ID, or both") }
    }

    func run() throws {
        try map.edit { doc in
            var done: [String] = []
            if let label { done.append(doc.perform(try doc.renameNode(id, label: label)).summary) }
            if let newID { done.append(doc.perform(try doc.changeID(id, to: newID)).summary) }
            return done
        }
    }
}
