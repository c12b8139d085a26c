import ArgumentParser
import AssetMapCore
import AssetMapInterchange
import Foundation

struct ExportCSV: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "csv",
        abstract: "elements.csv and connections.csv (Kumu's model; UTF-8 with a byte-order mark, for Excel).",
        discussion: "assetmap export csv walsall.map -o walsall-sheets/    (the folder is made when missing)")

    @OptionGroup var source: ExportSource

    @Option(name: .shortAndLong, help: "The folder to write elements.csv and connections.csv into.")
    var output: String

    func run() throws {
        let sheets = try MapExport.csv(source.graph(), includePrivate: source.includePrivate)
        do {
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        } catch {
            CLI.printError("\(output): cannot make the folder: \(error.localizedDescription)")
            throw ExitCode(1)
        }
        try source.write(sheets.elements, to: (output as NSString).appendingPathComponent("elements.csv"))
        try source.write(sheets.connections, to: (output as NSString).appendingPathComponent("connections.csv"))
    }
}
