import Foundation
import Testing
import AssetMapTestSupport

/// A file other programs wrote, from ../shared/realdata (SOURCES.md there says where each comes from), as
/// `PackageRoot.realData` finds it.
func realdata(_ path: String) throws -> String {
    let url = PackageRoot.realData.appendingPathComponent(path)
    try #require(FileManager.default.fileExists(atPath: url.path), "missing ../shared/realdata/\(path)")
    return url.path
}

/// A map with what round trips must keep: a declared kind, a note on two lines, a repeated key, a list key,
/// numbers, a yes/no value, a private attribute, a mutual and an undirected edge, values a spreadsheet would
/// take for formulas.
let roundTripMap = """
    map "Walsall partners"

    kind company "Companies"

    community refugees "Refugees and people seeking asylum"
      plus: yes
      note: Many are housed in contingency hotels
      + and move at short notice.

    organisation rmc "Refugee and Migrant Centre"
      tags: advice
      tags: esol
      clinical: maternity, smi
      private-source: told in confidence

    place generation-cafe "Generation Café at Nashdom"
      latitude: 52.5862
      longitude: -1.9829
      rooms: 3

    company symes "@symes Community Building"
      sum: =1+2
      code: -7a
      when: +44 evenings

    refugees -> rmc trusts
      since: 2024
    refugees -> generation-cafe "gathers at"
    rmc -> symes "works with"
      direction: mutual
    generation-cafe -> symes "shares a hall with"
      direction: undirected

    """

/// `assetmap diff OLD NEW` finds no difference.
func expectSameMap(
    _ dir: TemporaryFolder, _ old: String, _ new: String, sourceLocation: SourceLocation = #_sourceLocation
)
    throws
{
    let diff = try dir.run("diff", old, new)
    #expect(
        diff.status == 0, "assetmap diff \(old) \(new):\n\(diff.stdout)\(diff.stderr)", sourceLocation: sourceLocation)
}

@Suite struct GraphImportCommands {
    @Test func kumuProjectExportComesInWithTypesFieldsAndConnections() throws {
        let dir = try TemporaryFolder()
        let result = try dir.run("import", try realdata("kumu/kumu-changelabs-template.json"), "-o", "k.map")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("added 10 nodes and 11 edges"))
        #expect(result.stdout.contains("left out 2 maps, 2 perspectives"))
        let map = try dir.read("k.map")
        #expect(map.hasPrefix("map ChangeLabs\n") || map.hasPrefix("map \"ChangeLabs\"\n"))
        #expect(map.contains("kind stakeholder \"Stakeholders\"\n"))
        #expect(map.contains("stakeholder stakeholder-b \"Stakeholder B\"\n"))
        #expect(map.contains("  value-flows: Funding\n  power-score: 8\n") || map.contains("  power-score: 8\n"))
        #expect(!map.contains("elem-"))
        #expect(try dir.run("check", "k.map").status == 0)
    }

    @Test func kumuTutorialWorkbookComesInWithEveryColumn() throws {
        let dir = try TemporaryFolder()
        let result = try dir.run("import", try realdata("kumu/paypal-mafia.xlsx"), "-o", "p.map")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("added 34 nodes and "))
        let map = try dir.read("p.map")
        #expect(map.contains("kind person \"People\"\n"))
        #expect(map.contains("kind company \"Companies\"\n"))
        #expect(!map.contains("Companys"))
        #expect(map.contains("  net-worth-billions: "))
        #expect(map.contains("\"Employee/Founder\""))
        #expect(try dir.run("check", "p.map").status == 0)
    }

    @Test func oneSheetWithTwoBlankRowsBeforeTheConnections() throws {
        let dir = try TemporaryFolder()
        try python(
            """
            import openpyxl, sys
            wb = openpyxl.Workbook()
            ws = wb.active
            ws.title = "Map"
            for row in [["Label", "Type", "2010 Population"], ["Pleck", "Community", 4200], ["Pleck Library", "Place", None],
                        [], [], ["From", "To", "Type"], ["Pleck", "Pleck Library", "meets at"]]:
                ws.append(row)
            wb.save(sys.argv[1])
            """, dir.path("one.xlsx"))
        let result = try dir.run("import", "one.xlsx", "-o", "one.map")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "added 2 nodes and 1 edge; updated 0 nodes and 0 edges\n")
        let map = try dir.read("one.map")
        #expect(map.contains("community pleck \"Pleck\"\n  population-2010: 4200\n"))
        #expect(map.contains("pleck -> pleck-library \"meets at\"\n"))
        #expect(!map.contains("From"))
    }

    @Test func gephiSamplesComeIn() throws {
        let dir = try TemporaryFolder()
        for sample in ["basic", "hello-world"] {
            let result = try dir.run("import", try realdata("gexf/\(sample).gexf"), "-o", "\(sample).map")
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.hasPrefix("added 2 nodes and 1 edge"))
            let map = try dir.read("\(sample).map")
            #expect(map.contains("element hello \"Hello\"\n"))
            #expect(map.contains("hello -> word \"connected to\"\n"))
        }
        #expect(try dir.read("hello-world.map").hasPrefix("map \"A hello world! file\"\n"))
        let asked = try dir.run("import", try realdata("gexf/basic.gexf"), "-o", "k.map", "--kind", "organisation")
        #expect(asked.status == 0, "\(asked.stderr)")
        #expect(try dir.read("k.map").contains("organisation hello \"Hello\"\n"))
    }

    /// networkx writes GEXF 1.2 and GraphML, undirected, with typed attributes.
    @Test func networkxGEXFAndGraphMLComeInTyped() throws {
        let dir = try TemporaryFolder()
        try python(
            """
            import networkx as nx, sys
            G = nx.Graph()
            G.add_node("rmc", label="Refugee and Migrant Centre", kind="Organisations", rooms=3, lat=52.5862, open=True)
            G.add_node("cafe", label="Generation Café", kind="venue", note="Fridays\\nand Saturdays")
            G.add_node("7", label="Pleck", category="Community")
            G.add_edge("rmc", "cafe", relation="meets at", weight=2.5)
            G.add_edge("7", "cafe")
            nx.write_gexf(G, sys.argv[1])
            nx.write_graphml(G, sys.argv[2])
            D = nx.DiGraph(G)
            nx.write_gexf(D, sys.argv[3], version="1.1draft")
            """, dir.path("g.gexf"), dir.path("g.graphml"), dir.path("d.gexf"))
        for file in ["g.gexf", "g.graphml"] {
            let result = try dir.run("import", file, "-o", "\(file).map")
            #expect(result.status == 0, "\(file): \(result.stderr)")
            let map = try dir.read("\(file).map")
            #expect(map.contains("organisation rmc \"Refugee and Migrant Centre\"\n"), "\(file):\n\(map)")
            for line in ["  lat: 52.5862\n", "  open: yes\n", "  rooms: 3\n"] { #expect(map.contains(line), "\(map)") }
            #expect(map.contains("place cafe \"Generation Café\"\n  note: Fridays\n  + and Saturdays\n"), "\(map)")
            #expect(map.contains("community pleck \"Pleck\"\n"), "\(map)")
            #expect(map.contains("rmc -> cafe \"meets at\"\n"), "\(map)")
            #expect(map.contains("  weight: 2.5\n  direction: undirected\n"), "\(map)")
        }
        let directed = try dir.run("import", "d.gexf", "-o", "d.map")
        #expect(directed.status == 0, "\(directed.stderr)")
        #expect(!(try dir.read("d.map").contains("direction")))
    }

    @Test func yEdLabelsAreTheNodesLabels() throws {
        let dir = try TemporaryFolder()
        // The shape of yEd's own .graphml: labels inside its nodegraphics/edgegraphics data.
        try dir.write(
            "y.graphml",
            """
            <?xml version="1.0" encoding="UTF-8" standalone="no"?>
            <graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:y="http://www.yworks.com/xml/graphml">
              <key for="node" id="d0" yfiles.type="nodegraphics"/>
              <key attr.name="description" attr.type="string" for="node" id="d1"/>
              <key for="edge" id="d2" yfiles.type="edgegraphics"/>
              <graph edgedefault="directed" id="G">
                <node id="n0"><data key="d1">Drop-in</data><data key="d0"><y:ShapeNode><y:NodeLabel>Walsall Library</y:NodeLabel></y:ShapeNode></data></node>
                <node id="n1"><data key="d0"><y:ShapeNode><y:NodeLabel>Pleck</y:NodeLabel></y:ShapeNode></data></node>
                <edge id="e0" source="n1" target="n0"><data key="d2"><y:PolyLineEdge><y:EdgeLabel>meets at</y:EdgeLabel></y:PolyLineEdge></data></edge>
              </graph>
            </graphml>
            """)
        let result = try dir.run("import", "y.graphml", "-o", "y.map")
        #expect(result.status == 0, "\(result.stderr)")
        let map = try dir.read("y.map")
        #expect(map.contains("element n0 \"Walsall Library\"\n  note: Drop-in\n"), "\(map)")
        #expect(map.contains("n1 -> n0 \"meets at\"\n"), "\(map)")
    }

    @Test func entitiesAreRefusedNotExpanded() throws {
        let dir = try TemporaryFolder()
        try dir.write(
            "bomb.gexf",
            """
            <?xml version="1.0"?>
            <!DOCTYPE gexf [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
            <gexf xmlns="http://gexf.net/1.3" version="1.3"><graph><nodes><node id="x" label="&b;"/></nodes></graph></gexf>
            """)
        let result = try dir.run("import", "bomb.gexf", "-o", "b.map")
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("bomb.gexf:2:"), "\(result.stderr)")
        #expect(result.stderr.contains("declares XML entities"))
        #expect(!FileManager.default.fileExists(atPath: dir.path("b.map")))
        try dir.write("bad.graphml", "<graphml><graph><node id='a'></graph></graphml>")
        let bad = try dir.run("import", "bad.graphml", "-o", "b.map")
        #expect(bad.status == 1)
        #expect(bad.stderr.hasPrefix("bad.graphml:1:"), "\(bad.stderr)")
        #expect(bad.stderr.contains("not well-formed XML"))
        #expect(!bad.stderr.contains("NSXMLParserErrorDomain"))
    }

    @Test func gephiEdgeListMakesItsNodes() throws {
        let dir = try TemporaryFolder()
        try dir.write(
            "edges.csv",
            "Source,Target,Type,Id,Label,Weight\nPleck,Walsall Library,Undirected,0,,1.0\nPleck,Caldmore,Directed,1,,2\n"
        )
        let result = try dir.run("import", "edges.csv", "-o", "e.map", "--kind", "community")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "added 3 nodes and 2 edges; updated 0 nodes and 0 edges\n")
        let map = try dir.read("e.map")
        #expect(map.contains("community walsall-library \"Walsall Library\"\n"))
        #expect(map.contains("pleck -> walsall-library \"connected to\"\n  direction: undirected\n  weight: 1.0\n"))
    }

    @Test func kumuJSONRoundTripHasNoDifference() throws {
        let dir = try TemporaryFolder()
        try dir.write("w.map", roundTripMap)
        let export = try dir.run("export", "kumu", "w.map", "-o", "w.json", "--include-private")
        #expect(export.status == 0, "\(export.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(try dir.read("w.json").utf8)) as? [String: Any]
        let connections = try #require(json?["connections"] as? [[String: Any]])
        #expect(connections.map { $0["direction"] as? String } == ["directed", "directed", "mutual", "undirected"])
        let back = try dir.run("import", "w.json", "-o", "back.map")
        #expect(back.status == 0, "\(back.stderr)")
        try expectSameMap(dir, "w.map", "back.map")
        // AssetMap's export without ids (a blueprint as people write it) comes in too.
        try dir.write(
            "b.json",
            #"{"elements":[{"label":"A","type":"Letter","tags":["one","two"]},{"label":"B"}],"connections":[{"from":"A","to":"B","direction":"mutual"}]}"#
        )
        let blueprint = try dir.run("import", "b.json", "-o", "b.map")
        #expect(blueprint.status == 0, "\(blueprint.stderr)")
        #expect(try dir.read("b.map").contains("letter a \"A\"\n  tags: one\n  tags: two\n"))
    }
}
