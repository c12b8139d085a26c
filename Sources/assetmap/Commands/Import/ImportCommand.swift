import ArgumentParser
import AssetMapCore
import AssetMapInterchange
import Foundation

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract:
            "Bring in spreadsheets (CSV, .xlsx), Kumu's JSON, GEXF or GraphML graphs, or an Open Referral UK directory.",
        subcommands: [ImportSheets.self, ImportORUK.self],
        defaultSubcommand: ImportSheets.self)
}
