import Foundation
import Testing
import AssetMapTestSupport

/// `assetmap export oruk`: an HSDS 3.0 / ORUK 3.0 package and API pages, valid against the ORUK validator's
/// schemas (../shared/realdata/oruk3-schemas, checked with Python's jsonschema), and read back the same.
@Suite struct ExportORUKCommand {
    static let map = """
        map "Walsall partners"

        organisation befriending "Walsall Befriending Network"
          note: Volunteers who visit, phone and walk with people
          website: https://befriending.example.org
          service: Friendly phone calls
          service: Walk and talk
          assured-date: 2026-06-15
          email: someone@example.org
          private-contact: ask for the coordinator
          trust: high

        organisation pleck-association "Pleck Community Association"
          service: Warm space

        place library "Walsall Library"
          address: Walsall Library, Lichfield Street, Walsall, WS1 1TR
          latitude: 52.5862
          longitude: -1.9829
          uprn: 100071234567

        place pleck-centre "Pleck Community Centre"

        community carers "Unpaid carers"

        befriending -> library "delivers at"
        pleck-association -> pleck-centre "delivers at"
        befriending -> pleck-centre "delivers at"
        carers -> befriending trusts

        """

    /// Validates each JSON file against an ORUK 3.0 schema; an empty list means every one passed.
    static func invalid(_ pairs: [(file: String, schema: String, items: Bool)], in dir: TemporaryFolder) throws
        -> String
    {
        let schemas = try ImportORUKShapes.real("oruk3-schemas")
        let script = """
            import json, sys, jsonschema
            schemas, pairs = sys.argv[1], json.loads(sys.argv[2])
            bad = []
            for file, schema, items in pairs:
                doc = json.load(open(file))
                rule = json.load(open(schemas + "/" + schema))
                for item in (doc["contents"] if items else [doc]):
                    for error in jsonschema.Draft7Validator(rule).iter_errors(item):
                        bad.append("%s: %s" % (file, error.message))
                if items and not doc["contents"]:
                    bad.append(file + ": empty")
            print("\\n".join(bad))
            """
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        let list = pairs.map { "[\"\(dir.path($0.file))\", \"\($0.schema)\", \($0.items ? "true" : "false")]" }
        python.arguments = ["-c", script, schemas, "[" + list.joined(separator: ",") + "]"]
        let out = Pipe()
        python.standardOutput = out
        try python.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        python.waitUntilExit()
        #expect(python.terminationStatus == 0, "jsonschema is needed: script/setup installs python3-jsonschema")
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static let schemaPairs: [(file: String, schema: String, items: Bool)] = [
        ("out/api/services.json", "service_list.json", false), ("out/api/services.json", "service.json", true),
        ("out/api/organizations.json", "organization.json", true),
        ("out/api/organizations.json", "organization_list.json", true),
        ("out/api/service_at_locations.json", "service_at_location_list.json", false),
        ("out/api/service_at_locations.json", "service_at_location.json", true),
    ]

    @Test func writesAValidDirectoryWithoutPrivateOrContactDetails() throws {
        let dir = try TemporaryFolder()
        try dir.write("walsall.map", Self.map)
        let result = try dir.run("export", "oruk", "walsall.map", "-o", "out")
        #expect(result.status == 0, "\(result.stderr)")
        for name in [
            "datapackage.json", "organizations.csv", "locations.csv", "addresses.csv", "services.csv",
            "service_at_location.csv", "api/services.json", "api/organizations.json", "api/service_at_locations.json",
        ] {
            let text = try dir.read("out/\(name)")
            #expect(!text.contains("someone@example.org"), "\(name)")
            #expect(!text.contains("coordinator"), "\(name)")
            #expect(!text.contains("Unpaid carers"), "\(name)")
        }
        #expect(try Self.invalid(Self.schemaPairs, in: dir) == "")
        let services = try dir.read("out/services.csv").split(separator: "\r\n")
        #expect(services.count == 4)
        #expect(services[0] == "id,organization_id,name,status,assured_date")
        #expect(services[1].hasSuffix(",Friendly phone calls,active,2026-06-15"))
        #expect(try dir.read("out/service_at_location.csv").split(separator: "\r\n").count == 1 + 2 + 2 + 1)
        #expect(
            try dir.read("out/addresses.csv").contains(
                ",Walsall Library,Lichfield Street,Walsall,,WS1 1TR,GB,physical\r\n"))
    }

    /// Only what a directory holds: organisations, places, services, where they are delivered.
    static let directory = """
        map "Walsall partners"

        organisation walsall-befriending-network "Walsall Befriending Network"
          note: Volunteers who visit, phone and walk with people
          website: https://befriending.example.org
          service: Friendly phone calls
          service: Walk and talk
          assured-date: 2026-06-15

        organisation pleck-community-association "Pleck Community Association"
          service: Warm space

        place walsall-library "Walsall Library"
          address: Walsall Library, Lichfield Street, Walsall, WS1 1TR
          latitude: 52.5862
          longitude: -1.9829
          uprn: 100071234567

        place pleck-community-centre "Pleck Community Centre"

        walsall-befriending-network -> walsall-library "delivers at"
        walsall-befriending-network -> pleck-community-centre "delivers at"
        pleck-community-association -> pleck-community-centre "delivers at"

        """

    @Test func importingTheExportGivesTheSameRecordsAndLinks() throws {
        let dir = try TemporaryFolder()
        try dir.write("walsall.map", Self.directory)
        #expect(try dir.run("export", "oruk", "walsall.map", "-o", "out").status == 0)
        let back = try dir.run("import", "oruk", "out", "-o", "back.map", "--title", "Walsall partners")
        #expect(back.status == 0, "\(back.stderr)")
        #expect(back.stdout.hasPrefix("added 4 nodes and 3 edges; updated 0 nodes and 0 edges\n"), "\(back.stdout)")
        // Only provenance differs: each record now says where it came from.
        let withProvenance = try dir.read("back.map")
        let stripped = withProvenance.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("  source: ") && !$0.hasPrefix("  source-id: ") }.joined(separator: "\n")
        #expect(stripped == Self.directory)
        let diff = try dir.run("diff", "walsall.map", "back.map")
        let changes = diff.stdout.split(separator: "\n").filter { !$0.isEmpty }
        #expect(!changes.isEmpty)
        #expect(changes.allSatisfy { $0.contains("source") || !$0.contains(":") }, "\(diff.stdout)")
        #expect(!diff.stdout.contains("service"), "\(diff.stdout)")
        #expect(!diff.stdout.contains("delivers at"), "\(diff.stdout)")
        // The API pages read back to the same map, too.
        let pages = try dir.run(
            "import", "oruk", "out/api", "-o", "pages.map", "--title", "Walsall partners", "--source",
            "walsall-partners")
        #expect(pages.status == 0, "\(pages.stderr)")
        #expect(try dir.read("pages.map") == withProvenance)
    }

    @Test func aFeedExportedAndReadBackIsTheSameMap() throws {
        let dir = try TemporaryFolder()
        let sample = try ImportORUKShapes.real("hsds11-sample-package")
        #expect(
            try dir.run("import", "oruk", sample, "-o", "sample.map", "--title", "Sample", "--source", "sample").status
                == 0)
        let result = try dir.run("export", "oruk", "sample.map", "-o", "out")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try Self.invalid(Self.schemaPairs, in: dir) == "")
        #expect(try dir.run("import", "oruk", "out", "-o", "back.map", "--title", "Sample").status == 0)
        let diff = try dir.run("diff", "sample.map", "back.map")
        #expect(diff.status == 0, "\(diff.stdout)")
        #expect(try dir.read("back.map") == (try dir.read("sample.map")))
    }
}
