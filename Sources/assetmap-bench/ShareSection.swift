import AssetMapCore
import Foundation

/// `assetmap-bench --share`: the exports for people who never open a terminal, each timed as the whole
/// `assetmap` process (Graphviz, rsvg-convert and pdfunite included): the HTML page of a generated
/// 10,000-node map, and the slide deck of the example map.
enum ShareSection {
    static func run(runs: Int, keep: String?, nodes: Int = 10_000) throws {
        let me = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0])
        let assetmap = me.deletingLastPathComponent().appendingPathComponent("assetmap").path
        guard FileManager.default.isExecutableFile(atPath: assetmap) else {
            fail("--share times the assetmap program beside the bench: build it first (swift build -c release --product assetmap)")
        }
        let example = FileManager.default.currentDirectoryPath + "/maps/walsall.map"
        guard FileManager.default.fileExists(atPath: example) else { fail("--share runs from the repository root (maps/walsall.map)") }
        let directory = keep ?? NSTemporaryDirectory() + "assetmap-bench-share-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { if keep == nil { try? FileManager.default.removeItem(atPath: directory) } }

        progress("generating \(Report.grouped(nodes)) nodes")
        let map = "\(directory)/map-\(nodes).map"
        try MapGenerator.generate(nodes: nodes).mapText.write(toFile: map, atomically: false, encoding: .utf8)
        var rows: [(String, Samples, Double)] = []
        progress("assetmap export html (\(Report.grouped(nodes)) nodes)")
        rows.append(("export html, \(Report.grouped(nodes)) nodes (sfdp)", try sample(runs) {
            try seconds { try check(runProgram(assetmap, ["export", "html", map, "-o", "\(directory)/page.html"])) }
        }, 30))
        progress("assetmap export slides (the example map)")
        rows.append(("export slides, the example map (SVG and PDF)", try sample(runs) {
            try seconds { try check(runProgram(assetmap, ["export", "slides", example, "-o", "\(directory)/deck"])) }
        }, 15))

        print("## AssetMap benchmark: sharing (whole processes)\n")
        print("\(ProcessInfo.processInfo.activeProcessorCount) cores, \(runs) runs, median and worst.\n")
        print("| what runs | median | worst | target |\n|---|---|---|---|")
        var failed: [String] = []
        for (name, samples, target) in rows {
            print(String(format: "| %@ | %.2f s | %.2f s | < %.0f s |", name, samples.median, samples.worst, target))
            if samples.median >= target { failed.append(name) }
        }
        print(failed.isEmpty ? "\nPASS: every sharing target met." : "\nFAIL: \(failed.joined(separator: "; "))")
    }

    private static func check(_ result: (status: Int32, output: Data)) throws {
        guard result.status == 0 else { throw BenchError("assetmap exited \(result.status)") }
    }
}
