import Foundation
import Testing
import AssetMapTestSupport

/// A PNG's pixel size, read from its IHDR chunk.
func pngSize(_ data: Data) -> (width: Int, height: Int)? {
    let bytes = [UInt8](data.prefix(24))
    guard bytes.count == 24, bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) else { return nil }
    func int(_ at: Int) -> Int { bytes[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
    return (int(16), int(20))
}

/// The example map, as shipped: whole-map pictures must work on it.
func exampleMap() throws -> String {
    try String(contentsOf: PackageRoot.url("maps/walsall.map"), encoding: .utf8)
}

@Suite struct DotLayout {
    @Test func engineEdgeLabelsRatioAndSizeGoIntoTheDOT() throws {
        let dir = try TemporaryFolder()
        try dir.write("w.map", walsall)
        let plain = try dir.run("export", "dot", "w.map").stdout
        #expect(plain.contains("label=\"affects\""))
        #expect(!plain.contains("layout="))
        let slide = try dir.run("export", "dot", "w.map", "--engine", "sfdp", "--no-edge-labels", "--size", "1920x1080")
        #expect(slide.status == 0, "\(slide.stderr)")
        #expect(slide.stdout.contains("layout=sfdp"))
        #expect(slide.stdout.contains("size=\"20,11.25!\""))
        #expect(slide.stdout.contains("ratio=fill"))
        #expect(!slide.stdout.contains("label=\"affects\""))
        #expect(slide.stdout.contains("\"proof-of-address\" -> \"refugees\""))
        let ratio = try dir.run("export", "dot", "w.map", "--ratio", "16:9")
        #expect(ratio.stdout.contains("ratio=0.5625"))
        for bad in [
            ["--ratio", "16-9"], ["--ratio", "0:9"], ["--size", "1920"], ["--size", "0x10"], ["--engine", "fdp"],
        ] {
            let refused = try CLI.run(["export", "dot", "w.map"] + bad, in: dir.url)
            #expect(refused.status == 64 || refused.status == 2, "\(bad)")
            #expect(refused.stderr.contains(bad[0]) || refused.stderr.contains(bad[1]), "\(bad): \(refused.stderr)")
        }
    }

    @Test func wholeExampleMapFitsASlideAtEveryEngine() throws {
        guard graphvizDot() != nil else {
            Issue.record("Graphviz's dot is not on PATH; install it (sudo apt-get install graphviz) to run this test")
            return
        }
        let dir = try TemporaryFolder()
        try dir.write("example.map", try exampleMap())
        for engine in ["dot", "sfdp", "neato", "circo"] {
            let result = try dir.run(
                "export", "dot", "example.map", "--engine", engine, "--no-edge-labels", "--size", "1920x1080", "-o",
                "\(engine).png")
            #expect(result.status == 0, "\(engine): \(result.stderr)")
            let size = try #require(pngSize(try Data(contentsOf: dir.url.appendingPathComponent("\(engine).png"))))
            // Graphviz fits the picture inside the size, filling one side (give or take its padding).
            #expect(size.width <= 1920 && size.height <= 1080, "\(engine): \(size)")
            #expect(size.width >= 1800 || size.height >= 1000, "\(engine): \(size)")
        }
    }
}

@Suite struct InsightsCommandRuns {
    @Test func formatsAndOutput() throws {
        let dir = try TemporaryFolder()
        try dir.write("example.map", try exampleMap())
        let json = try dir.run("insights", "example.map", "--format", "json", "--today", "2026-11-25")
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        for key in ["coverage", "silent", "unaddressed", "degree"] { #expect(object[key] != nil, "\(key)") }
        let degree = try #require(object["degree"] as? [[String: Any]])
        let counts = degree.compactMap { $0["degree"] as? Int }
        #expect(counts == counts.sorted(by: >) && !counts.isEmpty)
        let text = try dir.run("insights", "example.map", "-o", "insights.txt")
        #expect(text.status == 0 && text.stdout.isEmpty)
        #expect(try dir.read("insights.txt").contains("SILENT GROUPS"))
        let md = try dir.run("insights", "example.map", "--format", "md")
        #expect(md.stdout.contains("## Who connects the map"))
        #expect(try dir.run("insights", "example.map", "--today", "tomorrow").status == 2)
        #expect(try dir.run("insights", "example.map", "-o", "example.map").status != 0)
        #expect(try dir.read("example.map") == (try exampleMap()))
    }
}
