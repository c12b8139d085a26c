import ArgumentParser
import AssetMapCore
import Foundation

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a map for other tools.",
        subcommands: [
            ExportDot.self, ExportHTML.self, ExportSlides.self, ExportCSV.self, ExportXLSX.self, ExportKumu.self,
            ExportGEXF.self, ExportGraphML.self, ExportORUK.self,
        ])
}
