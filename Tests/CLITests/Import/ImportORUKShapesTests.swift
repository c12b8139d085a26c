import Foundation
import Testing
import AssetMapTestSupport

/// `assetmap import oruk` on the shapes real directories publish: plural file names, zips, ORUK 1.0 and HSDS 3
/// pages of every endpoint; bad records skipped and named; partial reads; namesakes kept apart.
@Suite struct ImportORUKShapes {
    static let realData = PackageRoot.realData.path

    static func real(_ name: String) throws -> String {
        let path = (realData as NSString).appendingPathComponent(name)
        try #require(FileManager.default.fileExists(atPath: path), "\(path) is missing: see SOURCES.md there")
        return path
    }

    static func page(_ items: [String], number: Int = 1, of total: Int = 1, totalItems: Int? = nil) -> String {
        #"{"total_items": \#(totalItems ?? items.count), "total_pages": \#(total), "page_number": \#(number), "size": \#(items.count), "first_page": \#(number == 1), "last_page": \#(number == total), "empty": \#(items.isEmpty), "contents": [\#(items.joined(separator: ","))]}"#
    }

    static func service(
        _ id: String, _ name: String, organisation: String? = nil, location: String? = nil, extra: String = ""
    )
        -> String
    {
        var parts = [#""id": "\#(id)""#, #""name": "\#(name)""#, #""status": "active""#]
        if let organisation { parts.append(#""organization": \#(organisation)"#) }
        if let location { parts.append(#""service_at_locations": [{"id": "sal-\#(id)", "location": \#(location)}]"#) }
        if !extra.isEmpty { parts.append(extra) }
        return "{" + parts.joined(separator: ", ") + "}"
    }

    static func organisation(_ id: String, _ name: String) -> String {
        #"{"id": "\#(id)", "name": "\#(name)", "description": "About \#(name)"}"#
    }

    static func location(_ id: String, _ name: String, latitude: String = "52.58", longitude: String = "-1.98")
        -> String
    {
        #"{"id": "\#(id)", "name": "\#(name)", "location_type": "physical", "latitude": \#(latitude), "longitude": \#(longitude)}"#
    }

    @Test func zippedPackageInASubfolderIsRead() throws {
        let dir = try TemporaryFolder()
        let zip = dir.path("sample.zip")
        let script = """
            import os, sys, zipfile
            src, out = sys.argv[1], sys.argv[2]
            with zipfile.ZipFile(out, "w") as z:
                for name in sorted(os.listdir(src)):
                    z.write(os.path.join(src, name), "all_resources/" + name)
            """
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "-c", script, try Self.real("hsds11-sample-package"), zip]
        try python.run()
        python.waitUntilExit()
        #expect(python.terminationStatus == 0)
        let result = try dir.run("import", "oruk", "sample.zip", "-o", "s.map")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout == """
                added 20 nodes and 10 edges; updated 0 nodes and 0 edges
                read HSDS 1.x tabular package: 10 organisations, 10 locations (10 physical), 13 services
                2 place records are named "Example City Hall": kept apart as example-city-hall, example-city-hall-2
                2 place records are named "The Example Center": kept apart as the-example-center, the-example-center-2

                """)
        let again = try dir.run("import", "oruk", "sample.zip", "--into", "s.map")
        #expect(again.stdout.hasPrefix("added 0 nodes and 0 edges; updated 0 nodes and 0 edges\n"), "\(again.stdout)")
        #expect(try dir.run("check", "s.map").status == 0)
        let map = try dir.read("s.map")
        #expect(!map.contains("@"), "no email address is imported")
    }

    @Test func aMisnamedTableGetsADidYouMean() throws {
        let dir = try TemporaryFolder()
        try FileManager.default.createDirectory(
            at: dir.url.appendingPathComponent("feed"), withIntermediateDirectories: true)
        try dir.write("feed/organisations.csv", "id,name\norg-1,Walsall\n")
        let result = try dir.run("import", "oruk", "feed", "-o", "d.map")
        #expect(result.status == 1)
        #expect(
            result.stderr.contains(
                "feed:1:1: error: the data package has no organizations.csv (did you mean 'organisations.csv'?)"),
            "\(result.stderr)")
        try dir.write(
            "feed/datapackage.json",
            #"{"name": "walsall", "resources": [{"name": "organization", "path": "orgs.csv"}]}"#)
        let declared = try dir.run("import", "oruk", "feed", "-o", "d.map")
        #expect(
            declared.stderr.contains(
                "feed/datapackage.json:1:1: error: resource 'organization' names orgs.csv, which is not in the package"),
            "\(declared.stderr)")
        try dir.write(
            "feed/datapackage.json",
            #"{"name": "walsall", "resources": [{"name": "organization", "path": "organisations.csv"}]}"#)
        let fine = try dir.run("import", "oruk", "feed", "-o", "d.map")
        #expect(fine.status == 0, "\(fine.stderr)")
        #expect(try dir.read("d.map").contains("source: walsall\n  source-id: org-1\n"))
        #expect(!FileManager.default.fileExists(atPath: dir.path("x.map")))
    }

    @Test func badRecordsAreSkippedAndNamedByPathOnOneLineAndByLineInAPrettyFile() throws {
        let dir = try TemporaryFolder()
        let items = [
            Self.service(
                "s1", "Baby drop-in", organisation: Self.organisation("o1", "Health Visiting"),
                location: Self.location("l1", "Caldmore Hub")),
            Self.service("s2", "Orphan", extra: #""organization": null"#),
            Self.service("s3", "Only an id", extra: #""organization_id": "o9""#),
            Self.service(
                "s4", "Far away", organisation: Self.organisation("o1", "Health Visiting"),
                location: Self.location("l2", "Nowhere", latitude: "100")),
            Self.service(
                "s5", "Bad date", organisation: Self.organisation("o1", "Health Visiting"),
                extra: #""assured_date": "next Tuesday""#),
        ]
        try dir.write("page.json", Self.page(items))
        let result = try dir.run("import", "oruk", "page.json", "-o", "d.map", "--source", "hv")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout == """
                added 3 nodes and 2 edges; updated 0 nodes and 0 edges
                read HSDS 3 / ORUK 3.0 API pages: 1 organisation, 2 locations (2 physical), 5 services
                page.json:contents[1].organization: skipped service 's2' "Orphan": it names no organization
                page.json:contents[2]: skipped service 's3' "Only an id": its organization 'o9' is in no organization record of the feed
                page.json:contents[4]: warning: service 's5' "Bad date": assured_date 'next Tuesday' is not a date (YYYY-MM-DD): left out
                page.json:contents[3].service_at_locations[0].location: warning: location 'l2' "Nowhere": latitude '100', longitude '-1.98' is not a place on Earth: left out

                """, "\(result.stdout)")
        let strict = try dir.run("import", "oruk", "page.json", "-o", "strict.map", "--strict")
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("page.json:contents[1].organization: skipped service 's2' \"Orphan\""))
        #expect(strict.stderr.hasSuffix("nothing written (--strict): 4 records skipped or with warnings\n"))
        #expect(!FileManager.default.fileExists(atPath: dir.path("strict.map")))
        // The same page pretty-printed: positions are lines and columns.
        let pretty = Self.page(items).replacingOccurrences(of: #""contents": ["#, with: "\n\"contents\": [\n")
            .replacingOccurrences(of: #"},{"id""#, with: "},\n{\"id\"")
        try dir.write("pretty.json", pretty)
        let lines = try dir.run("import", "oruk", "pretty.json", "-o", "p.map", "--source", "hv")
        // Line 4 is s2's record; column 68 its `null` organization.
        #expect(
            lines.stdout.contains("pretty.json:4:68: skipped service 's2' \"Orphan\": it names no organization"),
            "\(lines.stdout)")
        #expect(lines.stdout.contains("pretty.json:5:1: skipped service 's3'"))
    }

    @Test func namesakesStayTwoNodesAndAReimportMovesNothing() throws {
        let dir = try TemporaryFolder()
        try dir.write(
            "page.json",
            Self.page([
                Self.service("s1", "Advice", organisation: Self.organisation("o1", "Papyrus UK")),
                Self.service("s2", "Helpline", organisation: Self.organisation("o2", "Papyrus UK")),
            ]))
        let result = try dir.run("import", "oruk", "page.json", "-o", "d.map")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout.contains(
                "2 organisation records are named \"Papyrus UK\": kept apart as papyrus-uk, papyrus-uk-2\n"))
        let map = try dir.read("d.map")
        #expect(
            map.contains(
                "organisation papyrus-uk \"Papyrus UK\"\n  source: open-referral\n  source-id: o1\n  note: About Papyrus UK\n  service: Advice\n"
            ))
        #expect(
            map.contains(
                "organisation papyrus-uk-2 \"Papyrus UK\"\n  source: open-referral\n  source-id: o2\n  note: About Papyrus UK\n  service: Helpline\n"
            ))
        // o2's services change: only o2's node changes.
        try dir.write(
            "page.json",
            Self.page([
                Self.service("s1", "Advice", organisation: Self.organisation("o1", "Papyrus UK")),
                Self.service("s2", "Text line", organisation: Self.organisation("o2", "Papyrus UK")),
            ]))
        let again = try dir.run("import", "oruk", "page.json", "--into", "d.map")
        #expect(again.stdout.hasPrefix("added 0 nodes and 0 edges; updated 1 node and 0 edges\n"), "\(again.stdout)")
        #expect(try dir.read("d.map") == map.replacingOccurrences(of: "service: Helpline", with: "service: Text line"))
    }

    @Test func aPartialReadFlagsNothingAndAWholeOneDoes() throws {
        let dir = try TemporaryFolder()
        try FileManager.default.createDirectory(
            at: dir.url.appendingPathComponent("all"), withIntermediateDirectories: true)
        let one = Self.page(
            [Self.service("s1", "A", organisation: Self.organisation("o1", "One"))], number: 1, of: 2, totalItems: 2)
        let two = Self.page(
            [Self.service("s2", "B", organisation: Self.organisation("o2", "Two"))], number: 2, of: 2, totalItems: 2)
        try dir.write("all/page-1.json", one)
        try dir.write("all/page-2.json", two)
        try dir.write("page-1.json", one)
        #expect(try dir.run("import", "oruk", "all", "-o", "d.map").status == 0)
        let partial = try dir.run("import", "oruk", "page-1.json", "--into", "d.map")
        #expect(partial.status == 0, "\(partial.stderr)")
        #expect(
            partial.stdout == """
                added 0 nodes and 0 edges; updated 0 nodes and 0 edges
                read HSDS 3 / ORUK 3.0 API pages: 1 organisation, 0 locations (0 physical), 1 service
                a partial read (/services: page 2 of 2 not read): nothing is flagged as gone from the feed

                """)
        #expect(!(try dir.read("d.map")).contains("left-feed"))
        try FileManager.default.removeItem(atPath: dir.path("all/page-2.json"))
        try dir.write("all/page-2.json", Self.page([], number: 2, of: 2, totalItems: 1))
        try dir.write(
            "all/page-1.json",
            Self.page(
                [Self.service("s1", "A", organisation: Self.organisation("o1", "One"))], number: 1, of: 2, totalItems: 1
            ))
        let whole = try dir.run("import", "oruk", "all", "--into", "d.map")
        #expect(
            whole.stdout.hasPrefix(
                "added 0 nodes and 0 edges; updated 0 nodes and 0 edges; flagged 1 no longer in the feed\n"),
            "\(whole.stdout)")
    }

    @Test func oruk1PagesAndOrganisationPagesJoinServicesNamingOnlyAnId() throws {
        let dir = try TemporaryFolder()
        try FileManager.default.createDirectory(
            at: dir.url.appendingPathComponent("feed"), withIntermediateDirectories: true)
        let services = #"""
            {"totalElements": 2, "totalPages": 1, "number": 0, "size": 2, "first": true, "last": true, "content": [
              {"id": "s1", "name": "Warm space", "organization": {"id": "o1", "name": "Pleck Community Association", "description": ""},
               "service_at_locations": [{"id": "x1", "location": {"id": "l1", "name": "Pleck Centre", "latitude": 52.5801, "longitude": -1.9987,
                 "physical_addresses": [{"id": "a1", "address_1": "Darlaston Road", "city": "Walsall", "postal_code": "WS2 9SQ"}]}}]},
              {"id": "s2", "name": "Lunch club", "organization_id": "o2", "service_at_locations": []}
            ]}
            """#
        try dir.write("feed/services.json", services)
        try dir.write(
            "feed/organizations.json",
            Self.page([
                #"{"id": "o2", "name": "Walsall Seniors", "description": "Older people's group  \n  meets weekly ", "website": "https://seniors.example.org"}"#
            ]))
        let result = try dir.run("import", "oruk", "feed", "-o", "d.map", "--source", "walsall")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout == """
                added 3 nodes and 1 edge; updated 0 nodes and 0 edges
                read HSDS 3 / ORUK 3.0 API pages and ORUK 1.0 API pages: 2 organisations, 1 location (1 physical), 2 services

                """, "\(result.stdout)")
        let map = try dir.read("d.map")
        #expect(
            map.contains(
                """
                organisation walsall-seniors "Walsall Seniors"
                  source: walsall
                  source-id: o2
                  note: Older people's group
                  + meets weekly
                  website: https://seniors.example.org
                  service: Lunch club
                """), "\(map)")
        #expect(
            map.contains(
                """
                place pleck-centre "Pleck Centre"
                  source: walsall
                  source-id: l1
                  address: Darlaston Road, Walsall, WS2 9SQ
                  latitude: 52.5801
                  longitude: -1.9987
                """))
        // Values with blanks at line ends are kept as the map writes them: an unchanged feed updates nothing.
        let again = try dir.run("import", "oruk", "feed", "--into", "d.map", "--source", "walsall")
        #expect(again.stdout.hasPrefix("added 0 nodes and 0 edges; updated 0 nodes and 0 edges\n"), "\(again.stdout)")
        #expect(try dir.read("d.map") == map)
    }
}
