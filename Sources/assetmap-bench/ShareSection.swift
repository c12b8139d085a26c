import AssetMapCore
import Foundation
import AssetMapTestSupport

/// `assetmap-bench --share`: the exports for people who never open a terminal, each timed as the whole
/// `assetmap` process (Graphviz, rsvg-convert and pdfunite included): the HTML page of a generated
/// 10,000-node map, and the slide deck of the example map.
enum ShareSection {
    static func run(runs: Int, keep: String?, nodes: Int = 10_000) throws {
        let me = URL(
            fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
                ?? CommandLine.arguments[0])
        let assetmap = me.deletingLastPathComponent().appendingPathComponent("assetmap").path
        guard FileManager.default.isExecutableFile(atPath: assetmap) else {
            fail(
                "--share times the assetmap program beside the bench: build it first (swift build -c release --product assetmap)"
            )
        }
        let example = FileManager.default.currentDirectoryPath + "/maps/walsall.map"
        guard FileManager.default.fileExists(atPath: example) else {
            fail("--share runs from the repository root (maps/walsall.map)")
        }
        let directory = keep ?? NSTemporaryDirectory() + "assetmap-bench-share-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { if keep == nil { try? FileManager.default.removeItem(atPath: directory) } }

        progress("generating \(Report.grouped(nodes)) nodes")
        let map = "\(directory)/map-\(nodes).map"
        try MapGenerator.generate(nodes: nodes).mapText.write(toFile: map, atomically: false, encoding: .utf8)
        var rows: [(String, Samples, Double)] = []
        progress("assetmap export html (\(Report.grouped(nodes)) nodes)")
        rows.append(
            (
                "export html, \(Report.grouped(nodes)) nodes (sfdp)",
                try sample(runs) {
                    try seconds {
                        try expectExit(runProgram(assetmap, ["export", "html", map, "-o", "\(directory)/page.html"]))
                    }
                }, 30
            ))
        progress("assetmap export slides (the example map)")
        rows.append(
            (
                "export slides, the example map (SVG and PDF)",
                try sample(runs) {
                    try seconds {
                        try expectExit(runProgram(assetmap, ["export", "slides", example, "-o", "\(directory)/deck"]))
                    }
                }, 15
            ))

        printProcessTable("sharing", runs: runs, rows)
    }
}
