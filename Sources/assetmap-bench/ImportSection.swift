import AssetMapCore
import AssetMapInterchange
import Foundation

/// Whole processes of `assetmap import`: a generated map exported to Kumu's two sheets, imported into a new map,
/// then imported again into that map (the re-import path, where nothing changes).
enum ImportSection {
    /// The target: a 10,000-row import as a whole process.
    static let targetRows = 10_000

    static func measure(size: Int, map: String, directory: String, runs: Int, report: inout Report, targeted: Bool)
        throws
    {
        let bench =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let assetmap = URL(fileURLWithPath: bench).deletingLastPathComponent().appendingPathComponent("assetmap").path
        guard FileManager.default.isExecutableFile(atPath: assetmap) else {
            report.pending.append("import: build the command first (swift build -c release)")
            return
        }
        let sheets = try MapExport.csv(MapDocument(contentsOf: map).graph, includePrivate: true)
        let elements = "\(directory)/elements-\(size).csv", connections = "\(directory)/connections-\(size).csv"
        let imported = "\(directory)/imported-\(size).map"
        try sheets.elements.write(to: URL(fileURLWithPath: elements))
        try sheets.connections.write(to: URL(fileURLWithPath: connections))
        var fresh: [Double] = [], again: [Double] = []
        for _ in 0..<runs {
            try? FileManager.default.removeItem(atPath: imported)
            let first = try ProcessSection.run([assetmap, "import", elements, connections, "-o", imported])
            guard first.exitStatus == 0 else {
                throw BenchError("assetmap import -o exited \(first.exitStatus.map(String.init) ?? "on a signal")")
            }
            fresh.append(first.seconds)
            let second = try ProcessSection.run([assetmap, "import", elements, connections, "--into", imported])
            guard second.exitStatus == 0 else {
                throw BenchError("assetmap import --into exited \(second.exitStatus.map(String.init) ?? "on a signal")")
            }
            again.append(second.seconds)
        }
        if targeted {
            report.set(
                "whole process: import \(Report.grouped(targetRows)) element rows + their connections -o NEW.map, median",
                .seconds, size: size, Samples(seconds: fresh).median, target: .init(text: "< 2 s", limit: 2))
            return
        }
        let name =
            "whole process: assetmap import of the map's sheets (one element row per node, one connection row per edge)"
        report.set("\(name) -o NEW.map, median", .seconds, size: size, Samples(seconds: fresh).median)
        report.set(
            "\(name) again --into it (nothing changes), median", .seconds, size: size, Samples(seconds: again).median)
    }
}
