import ArgumentParser
import AssetMapCore
import AssetMapInterchange
import Foundation

struct ImportSheets: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sheets",
        abstract: "Import spreadsheets in Kumu's model: an elements sheet and a connections sheet (the default).",
        discussion: """
            assetmap import elements.csv connections.csv -o walsall.map
            assetmap import partners.xlsx --into walsall.map
            An elements sheet starts with Label (or ID, Label); a connections sheet with From, To (or ID, From, To).
            Every sheet of an .xlsx is read. Re-importing updates what changed and never duplicates.
            Column rules and examples: docs/IMPORT.md.
            """)

    @Argument(help: "CSV or .xlsx files.")
    var files: [String]

    @OptionGroup var target: ImportTarget

    func run() throws {
        let title = URL(fileURLWithPath: files.first ?? "Imported map").deletingPathExtension().lastPathComponent
        try target.run(defaultTitle: title) {
            try KumuSheets.importSet(SheetFiles.tables(files))
        }
    }
}
