import Foundation
import Testing
import AssetMapTestSupport

/// `assetmap import oruk` on an HSDS 3 tabular data package and on saved ORUK API pages, then newer feeds.
@Suite struct ImportORUKCommand {
    static let organisations = """
        id,name,alternate_name,description,email,website,additional_websites,tax_status,tax_id,year_incorporated,legal_status,logo,uri,parent_organization_id
        org-1,Walsall Befriending Network,,"Volunteers who visit, phone and walk with people",,https://befriending.example.org,,,,,,,,
        org-2,Pleck Community Association,,,,,,,,,,,,

        """
    static let locations = """
        id,location_type,url,organization_id,name,alternate_name,description,transportation,latitude,longitude,external_identifier,external_identifier_type
        loc-1,physical,,org-2,Pleck Community Centre,,,,52.5801,-1.9987,100071234567,UPRN
        loc-2,virtual,https://meet.example.org,org-1,Online,,,,,,,
        loc-3,physical,,org-1,,,,,52.5862,-1.9829,,

        """
    static let addresses = """
        id,location_id,attention,address_1,address_2,city,region,state_province,postal_code,country,address_type
        a-1,loc-1,,Darlaston Road,,Walsall,,West Midlands,WS2 9SQ,GB,physical
        a-3,loc-3,,Walsall Library,Lichfield Street,Walsall,,,WS1 1TR,GB,physical

        """
    static let services = """
        id,organization_id,program_id,name,alternate_name,description,url,email,status,interpretation_services,application_process,fees_description,wait_time,fees,accreditations,eligibility_description,minimum_age,maximum_age,assured_date,assurer_email,licenses,alert,last_modified
        svc-1,org-1,,Friendly phone calls,,,,,active,,,,,,,,,,2026-03-01,,,,
        svc-2,org-1,,Walk and talk,,,,,active,,,,,,,,,,2026-06-15,,,,
        svc-3,org-2,,Warm space,,,,,active,,,,,,,,,,,,,,

        """
    static let servedAt = """
        id,service_id,location_id,description
        sal-1,svc-1,loc-2,
        sal-2,svc-2,loc-3,
        sal-3,svc-3,loc-1,
        sal-4,svc-2,loc-1,

        """

    static func writePackage(
        _ dir: TemporaryFolder, _ folder: String, organisations: String = organisations, services: String = services
    ) throws {
        try FileManager.default.createDirectory(
            at: dir.url.appendingPathComponent(folder), withIntermediateDirectories: true)
        try dir.write(
            "\(folder)/datapackage.json",
            #"{"name": "walsall-directory", "profile": "tabular-data-package", "resources": []}"#)
        try dir.write("\(folder)/organization.csv", organisations)
        try dir.write("\(folder)/location.csv", locations)
        try dir.write("\(folder)/address.csv", addresses)
        try dir.write("\(folder)/service.csv", services)
        try dir.write("\(folder)/service_at_location.csv", servedAt)
    }

    static var today: String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB_POSIX")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date())
    }

    @Test func dataPackageBecomesOrganisationsPlacesAndLinks() throws {
        let dir = try TemporaryFolder()
        try Self.writePackage(dir, "feed")
        let result = try dir.run("import", "oruk", "feed", "-o", "directory.map", "--title", "Walsall directory")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout == """
                added 4 nodes and 3 edges; updated 0 nodes and 0 edges
                read HSDS 3.0 / ORUK 3.0 tabular package: 2 organisations, 3 locations (2 physical), 3 services

                """)
        #expect(
            try dir.read("directory.map") == """
                map "Walsall directory"

                organisation walsall-befriending-network "Walsall Befriending Network"
                  source: walsall-directory
                  source-id: org-1
                  note: Volunteers who visit, phone and walk with people
                  website: https://befriending.example.org
                  service: Friendly phone calls
                  service: Walk and talk
                  assured-date: 2026-06-15

                organisation pleck-community-association "Pleck Community Association"
                  source: walsall-directory
                  source-id: org-2
                  service: Warm space

                place pleck-community-centre "Pleck Community Centre"
                  source: walsall-directory
                  source-id: loc-1
                  address: Darlaston Road, Walsall, West Midlands, WS2 9SQ
                  latitude: 52.5801
                  longitude: -1.9987
                  uprn: 100071234567

                place walsall-library "Walsall Library"
                  source: walsall-directory
                  source-id: loc-3
                  address: Walsall Library, Lichfield Street, Walsall, WS1 1TR
                  latitude: 52.5862
                  longitude: -1.9829

                walsall-befriending-network -> walsall-library "delivers at"
                walsall-befriending-network -> pleck-community-centre "delivers at"
                pleck-community-association -> pleck-community-centre "delivers at"

                """)
        #expect(try dir.run("check", "directory.map").status == 0)
    }

    @Test func newerFeedUpdatesBySourceIdKeepsAdditionsAndFlagsWhatLeft() throws {
        let dir = try TemporaryFolder()
        try Self.writePackage(dir, "october")
        #expect(try dir.run("import", "oruk", "october", "-o", "d.map").status == 0)
        // The facilitator's own additions.
        #expect(try dir.run("set", "d.map", "walsall-befriending-network", "trust=high").status == 0)
        #expect(try dir.run("add", "d.map", "community", "carers", "Unpaid carers").status == 0)
        #expect(try dir.run("link", "d.map", "carers", "walsall-befriending-network", "trusts").status == 0)
        try Self.writePackage(
            dir, "november",
            organisations: Self.organisations.replacingOccurrences(
                of: "Walsall Befriending Network", with: "Befriending Walsall"
            )
            .replacingOccurrences(of: "org-2,Pleck Community Association,,,,,,,,,,,,\n", with: ""),
            services: Self.services.replacingOccurrences(of: "2026-06-15", with: "2026-11-01"))
        let result = try dir.run("import", "oruk", "november", "--into", "d.map")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout.hasPrefix(
                "added 0 nodes and 0 edges; updated 1 node and 0 edges; flagged 1 no longer in the feed\n"))
        let map = try dir.read("d.map")
        #expect(
            map.contains(
                """
                organisation walsall-befriending-network "Befriending Walsall"
                  source: walsall-directory
                  source-id: org-1
                  note: Volunteers who visit, phone and walk with people
                  website: https://befriending.example.org
                  service: Friendly phone calls
                  service: Walk and talk
                  assured-date: 2026-11-01
                  trust: high
                """))
        #expect(map.contains("source-id: org-2\n  service: Warm space\n  left-feed: \(Self.today)\n"))
        #expect(map.contains("carers -> walsall-befriending-network trusts\n"))
        #expect(map.contains("community carers \"Unpaid carers\"\n"))
        let again = try dir.run("import", "oruk", "november", "--into", "d.map")
        #expect(
            again.stdout == """
                added 0 nodes and 0 edges; updated 0 nodes and 0 edges
                read HSDS 3.0 / ORUK 3.0 tabular package: 1 organisation, 3 locations (2 physical), 3 services
                november/service.csv:4:4: skipped service 'svc-3' "Warm space": its organization 'org-2' is in no organization record of the feed

                """)
        #expect(try dir.read("d.map") == map)
        // Back in the feed: the flag goes.
        let back = try dir.run("import", "oruk", "october", "--into", "d.map")
        #expect(back.stdout.contains("1 back in the feed"))
        #expect(!(try dir.read("d.map")).contains("left-feed"))
    }

    static func page(_ services: String) -> String {
        #"{"total_items": 2, "total_pages": 1, "page_number": 1, "size": 50, "first_page": true, "last_page": true, "empty": false, "contents": [\#(services)]}"#
    }

    static let drop = #"""
        {"id": "s1", "name": "Baby drop-in", "status": "active", "assured_date": "2026-09-01",
         "organization": {"id": "o1", "name": "Walsall Together Health Visiting", "description": "Health visitors", "website": "https://hv.example.org"},
         "service_at_locations": [{"id": "sl1", "location": {"id": "l1", "name": "Caldmore Family Hub", "location_type": "physical",
            "latitude": 52.5769, "longitude": -1.9917, "external_identifier": "10009876543", "external_identifier_type": "uprn",
            "addresses": [{"address_1": "Caldmore Green", "city": "Walsall", "postal_code": "WS1 3RH", "address_type": "physical"}]}}]}
        """#
    static let online = #"""
        {"id": "s2", "name": "Feeding support line", "status": "active",
         "organization": {"id": "o1", "name": "Walsall Together Health Visiting"},
         "service_at_locations": [{"id": "sl2", "location": {"id": "l2", "name": "Phone", "location_type": "virtual"}}]}
        """#

    @Test func apiPageImportsAndAChangedPageUpdatesIt() throws {
        let dir = try TemporaryFolder()
        try dir.write("page-1.json", Self.page(Self.drop + "," + Self.online))
        let first = try dir.run("import", "oruk", "page-1.json", "-o", "hv.map", "--source", "walsall-oruk")
        #expect(first.status == 0, "\(first.stderr)")
        #expect(
            first.stdout == """
                added 2 nodes and 1 edge; updated 0 nodes and 0 edges
                read HSDS 3 / ORUK 3.0 API pages: 1 organisation, 2 locations (1 physical), 2 services

                """)
        let map = try dir.read("hv.map")
        #expect(
            map.contains(
                """
                organisation walsall-together-health-visiting "Walsall Together Health Visiting"
                  source: walsall-oruk
                  source-id: o1
                  note: Health visitors
                  website: https://hv.example.org
                  service: Baby drop-in
                  service: Feeding support line
                  assured-date: 2026-09-01
                """))
        #expect(
            map.contains(
                """
                place caldmore-family-hub "Caldmore Family Hub"
                  source: walsall-oruk
                  source-id: l1
                  address: Caldmore Green, Walsall, WS1 3RH
                  latitude: 52.5769
                  longitude: -1.9917
                  uprn: 10009876543
                """))
        #expect(map.contains("walsall-together-health-visiting -> caldmore-family-hub \"delivers at\"\n"))
        // A newer page in a folder: the phone line has gone, the drop-in moved to a new hub.
        try FileManager.default.createDirectory(
            at: dir.url.appendingPathComponent("pages"), withIntermediateDirectories: true)
        try dir.write(
            "pages/page-1.json",
            Self.page(
                Self.drop.replacingOccurrences(
                    of: #""id": "l1", "name": "Caldmore Family Hub""#,
                    with: #""id": "l9", "name": "Blakenall Family Hub""#)))
        let second = try dir.run("import", "oruk", "pages", "--into", "hv.map", "--source", "walsall-oruk")
        #expect(second.status == 0, "\(second.stderr)")
        #expect(
            second.stdout.hasPrefix(
                "added 1 node and 1 edge; updated 1 node and 0 edges; flagged 1 no longer in the feed\n"))
        let updated = try dir.read("hv.map")
        #expect(updated.contains("  service: Baby drop-in\n  assured-date: 2026-09-01\n"))
        #expect(!updated.contains("Feeding support line"))
        #expect(updated.contains("uprn: 10009876543\n  left-feed: \(Self.today)\n"))
        #expect(updated.contains("walsall-together-health-visiting -> blakenall-family-hub \"delivers at\"\n"))
    }

    @Test func badPackageNamesFileRowAndColumnAndWritesNothing() throws {
        let dir = try TemporaryFolder()
        try Self.writePackage(dir, "feed", organisations: "id,nmae\norg-1,Walsall\n")
        let result = try dir.run("import", "oruk", "feed", "-o", "d.map")
        #expect(result.status == 1)
        #expect(
            result.stderr.contains(
                "feed/organization.csv:1:1: error: no column 'name' (did you mean 'nmae'?); HSDS names it 'name'"))
        #expect(!FileManager.default.fileExists(atPath: dir.path("d.map")))
        try Self.writePackage(dir, "feed2", organisations: "id,name\norg-1,\n")
        let empty = try dir.run("import", "oruk", "feed2", "-o", "d.map")
        // An empty name is a warning on that record, which is kept.
        #expect(empty.status == 0)
        #expect(
            empty.stdout.contains(
                "feed2/organization.csv:2:2: warning: organisation 'org-1': it has no name: labelled 'Organisation org-1'"
            ))
        try FileManager.default.removeItem(atPath: dir.path("d.map"))
        try dir.write("broken.json", "{\"contents\": [")
        let broken = try dir.run("import", "oruk", "broken.json", "-o", "d.map")
        #expect(broken.status == 1)
        #expect(broken.stderr.hasPrefix("broken.json:1:15: error: not JSON: the file ends where a value was expected"))
        #expect(!FileManager.default.fileExists(atPath: dir.path("d.map")))
    }
}
