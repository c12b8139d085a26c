import ArgumentParser
import AssetMapCore
import AssetMapInterchange
import Foundation

struct ExportXLSX: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "xlsx",
        abstract: "An Excel workbook: Elements and Connections sheets, header frozen and filterable.",
        discussion: "assetmap export xlsx walsall.map -o walsall.xlsx")

    @OptionGroup var source: ExportSource

    @Option(name: .shortAndLong, help: "The .xlsx file to write.")
    var output: String

    func run() throws {
        try source.write(MapExport.xlsx(source.graph(), includePrivate: source.includePrivate), to: output)
    }
}
