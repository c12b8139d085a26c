import Foundation
import Testing
import AssetMapTestSupport

/// Every export read back by `assetmap import` gives the same map (`assetmap diff` finds nothing), and each opens
/// safely in the program it is for.
@Suite struct RoundTripCommands {
    @Test func sheetsRoundTripWithFormulaLikeCellsNeutralised() throws {
        let dir = try TemporaryFolder()
        try dir.write("w.map", roundTripMap)
        let csv = try dir.run("export", "csv", "w.map", "-o", "sheets", "--include-private")
        #expect(csv.status == 0, "\(csv.stderr)")
        let elements = try dir.read("sheets/elements.csv")
        #expect(elements.contains(",'@symes Community Building,"))
        #expect(elements.contains("'=1+2"))
        #expect(elements.contains("'-7a"))
        #expect(elements.contains("'+44 evenings"))
        #expect(elements.contains(",-1.9829"))  // a number stays a number
        let back = try dir.run(
            "import", "sheets/elements.csv", "sheets/connections.csv", "-o", "csv.map", "--title", "Walsall partners")
        #expect(back.status == 0, "\(back.stderr)")
        try expectSameMap(dir, "w.map", "csv.map")

        #expect(try dir.run("export", "xlsx", "w.map", "-o", "w.xlsx", "--include-private").status == 0)
        let report = try python(
            """
            import openpyxl, sys
            ws = openpyxl.load_workbook(sys.argv[1])["Elements"]
            for row in ws.iter_rows(min_row=2):
                for c in row:
                    if isinstance(c.value, str) and c.value[0] in "=+-@":
                        print(c.value, c.data_type, c.quotePrefix)
            """, dir.path("w.xlsx"))
        #expect(
            report == """
                -1.9829 s False
                @symes Community Building s True
                =1+2 s True
                -7a s True
                +44 evenings s True

                """)
        let xlsx = try dir.run("import", "w.xlsx", "-o", "xlsx.map", "--title", "Walsall partners")
        #expect(xlsx.status == 0, "\(xlsx.stderr)")
        try expectSameMap(dir, "w.map", "xlsx.map")
    }

    @Test func gexfValidatesAgainstTheSchemaAndRoundTrips() throws {
        let dir = try TemporaryFolder()
        try dir.write("w.map", roundTripMap)
        #expect(try dir.run("export", "gexf", "w.map", "-o", "w.gexf", "--include-private").status == 0)
        let gexf = try dir.read("w.gexf")
        #expect(gexf.contains(#"value="Many are housed in contingency hotels&#10;and move at short notice.""#))
        #expect(gexf.contains(#"title="latitude" type="double""#))
        #expect(gexf.contains(#"title="rooms" type="long""#))
        #expect(gexf.contains(#"title="plus" type="boolean""#))
        #expect(gexf.contains(#"title="tags" type="liststring""#))
        #expect(gexf.contains(#"type="mutual" label="works with""#))
        let schema = try realdata("gexf/xsd-1.3/gexf.xsd")
        let lint = try xmllint(["--noout", "--schema", schema, dir.path("w.gexf")])
        #expect(lint.status == 0, "\(lint.output)")
        // networkx (a second reader, which takes no graph of mixed directions) sees the typed values and the line
        // break.
        try dir.write("directed.map", directedOnly)
        #expect(try dir.run("export", "gexf", "directed.map", "-o", "d.gexf").status == 0)
        let seen = try python(
            """
            import networkx as nx, sys
            g = nx.read_gexf(sys.argv[1])
            print(repr(g.nodes["generation-cafe"]["latitude"]), repr(g.nodes["refugees"]["note"]))
            """, dir.path("d.gexf"))
        #expect(seen == "52.5862 'Many are housed in contingency hotels\\nand move at short notice.'\n")
        let back = try dir.run("import", "w.gexf", "-o", "gexf.map")
        #expect(back.status == 0, "\(back.stderr)")
        try expectSameMap(dir, "w.map", "gexf.map")
    }

    @Test func graphMLRoundTripsAndNetworkxReadsIt() throws {
        let dir = try TemporaryFolder()
        try dir.write("w.map", roundTripMap)
        #expect(try dir.run("export", "graphml", "w.map", "-o", "w.graphml", "--include-private").status == 0)
        try dir.write("directed.map", directedOnly)
        #expect(try dir.run("export", "graphml", "directed.map", "-o", "d.graphml").status == 0)
        let seen = try python(
            """
            import networkx as nx, sys
            g = nx.read_graphml(sys.argv[1])
            print(g.nodes["symes"]["label"], g.nodes["symes"]["kind"], repr(g.nodes["generation-cafe"]["rooms"]))
            print(g.edges["rmc", "symes"]["relation"], g.edges["rmc", "symes"]["direction"])
            """, dir.path("d.graphml"))
        #expect(seen == "@symes Community Building company 3\nworks with mutual\n")
        let back = try dir.run("import", "w.graphml", "-o", "graphml.map")
        #expect(back.status == 0, "\(back.stderr)")
        try expectSameMap(dir, "w.map", "graphml.map")
    }
}

/// The round-trip map without its undirected edge.
let directedOnly = roundTripMap.replacingOccurrences(of: "  direction: undirected\n", with: "")

/// Runs xmllint (libxml2-utils, installed by script/setup).
func xmllint(_ arguments: [String]) throws -> (status: Int32, output: String) {
    let path = try #require(
        ["/usr/bin/xmllint", "/usr/local/bin/xmllint"].first { FileManager.default.isExecutableFile(atPath: $0) },
        "xmllint is missing: run script/setup")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: output, as: UTF8.self))
}
