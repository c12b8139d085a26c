import ArgumentParser
import AssetMapCore
import AssetMapInterchange
import Foundation

/// The options every export in Kumu's model shares.
struct ExportSource: ParsableArguments {
    @Argument(help: "The map file.")
    var file: String

    @Flag(help: "Include attributes whose key starts with private-.")
    var includePrivate = false

    func graph() throws -> MapGraph { try CLI.loadClean(file, refusing: "not exported").graph }
}

/// Writes an export through the one output path (never over the map it came from).
private func write(_ data: Data, to path: String, from source: ExportSource) throws {
    try CLI.writeOutput(data, to: path, notOver: source.file)
}

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
        try write(sheets.elements, to: (output as NSString).appendingPathComponent("elements.csv"), from: source)
        try write(sheets.connections, to: (output as NSString).appendingPathComponent("connections.csv"), from: source)
    }
}

struct ExportXLSX: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "xlsx",
        abstract: "An Excel workbook: Elements and Connections sheets, header frozen and filterable.",
        discussion: "assetmap export xlsx walsall.map -o walsall.xlsx")

    @OptionGroup var source: ExportSource

    @Option(name: .shortAndLong, help: "The .xlsx file to write.")
    var output: String

    func run() throws {
        try write(MapExport.xlsx(source.graph(), includePrivate: source.includePrivate), to: output, from: source)
    }
}

struct ExportKumu: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kumu",
        abstract: "Kumu's JSON blueprint (elements; connections, directed).",
        discussion: "assetmap export kumu walsall.map -o walsall.json   (in Kumu: Import, then JSON)")

    @OptionGroup var source: ExportSource

    @Option(name: .shortAndLong, help: CLI.outputHelp)
    var output = "-"

    func run() throws {
        try write(MapExport.kumuJSON(source.graph(), includePrivate: source.includePrivate), to: output, from: source)
    }
}

struct ExportGEXF: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gexf",
        abstract: "GEXF for Gephi: nodes with their kind and attributes, directed edges with their relation.",
        discussion: "assetmap export gexf walsall.map -o walsall.gexf")

    @OptionGroup var source: ExportSource

    @Option(name: .shortAndLong, help: CLI.outputHelp)
    var output = "-"

    func run() throws {
        try write(MapExport.gexf(source.graph(), includePrivate: source.includePrivate), to: output, from: source)
    }
}
