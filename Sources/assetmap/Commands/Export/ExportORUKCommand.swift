import ArgumentParser
import AssetMapCore
import AssetMapInterchange
import Foundation

struct ExportORUK: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "oruk",
        abstract: "Organisations, places and services as an Open Referral UK 3.0 / HSDS 3.0 directory.",
        discussion: """
            assetmap export oruk walsall.map -o directory/
            Writes a tabular data package (datapackage.json, organizations.csv, locations.csv, addresses.csv,
            services.csv, service_at_location.csv) and API pages (api/services.json, api/organizations.json,
            api/service_at_locations.json). Each service: line is a service, delivered at the places its organisation
            delivers at. No private attribute and no contact detail is written. Details: docs/IMPORT.md.
            """)

    @Argument(help: "The map file.")
    var file: String

    @Option(name: .shortAndLong, help: "The folder to write into (made when missing).")
    var output: String

    func run() throws {
        let export = try OpenReferral.export(CLI.loadClean(file, refusing: "not exported").graph)
        do {
            try FileManager.default.createDirectory(
                atPath: (output as NSString).appendingPathComponent("api"), withIntermediateDirectories: true)
        } catch {
            CLI.printError("\(output): cannot make the folder: \(error.localizedDescription)")
            throw ExitCode(1)
        }
        for file in export.files {
            try CLI.writeOutput(
                file.data, to: (output as NSString).appendingPathComponent(file.path), notOver: self.file)
        }
    }
}
