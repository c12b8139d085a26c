import AssetMapCore
import Foundation
import Testing

@testable import AssetMapInterchange

/// The Open Referral specification's own examples and sample package, imported record by record.
@Suite struct OpenReferralRealData {
    static func values(_ element: ImportedElement, _ key: String) -> [String] {
        element.attributes.filter { $0.key == key }.map(\.value)
    }

    @Test func hsds3SpecificationPackage() throws {
        let set = try OpenReferral.importSet(path: try RealData.path("hsds3-spec-csv"))
        #expect(set.feed == "open-referral")
        #expect(set.complete)
        let organisations = set.elements.filter { $0.kind == "organisation" }
        let places = set.elements.filter { $0.kind == "place" }
        #expect(organisations.count == 1)
        #expect(places.count == 1)
        let organisation = try #require(organisations.first)
        #expect(organisation.label == "Example Organization Inc.")
        #expect(organisation.sourceID == "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610")
        #expect(Self.values(organisation, "service") == ["Community Counselling"])
        #expect(Self.values(organisation, "assured-date") == ["2005-01-01"])
        #expect(Self.values(organisation, "website") == ["http://example.com"])
        #expect(organisation.attributes.allSatisfy { !$0.value.contains("@") })
        let place = try #require(places.first)
        #expect(place.label == "MyCity Civic Center")
        #expect(place.sourceID == "3a19ff88-4620-4d17-9830-ac1d859eb5d5")
        #expect(Self.values(place, "uprn") == ["10092008082"])
        // Its only address is postal, and its coordinates (100, 101) are off the Earth: neither is kept.
        #expect(Self.values(place, "address").isEmpty)
        #expect(Self.values(place, "latitude").isEmpty)
        #expect(set.connections.count == 1)
        #expect(
            set.notes.first
                == "read HSDS 3.0 / ORUK 3.0 tabular package: 1 organisation, 1 location (1 physical), 1 service")
        #expect(set.problems.count == 1)
        #expect(
            set.problems.first?.hasSuffix(
                "hsds3-spec-csv/locations.csv:2:5: warning: location '3a19ff88-4620-4d17-9830-ac1d859eb5d5' \"MyCity Civic Center\": latitude '100', longitude '101' is not a place on Earth: left out"
            ) == true, "\(set.problems)")
    }

    @Test func hsds11SamplePackage() throws {
        let set = try OpenReferral.importSet(path: try RealData.path("hsds11-sample-package"))
        #expect(
            set.notes.first
                == "read HSDS 1.x tabular package: 10 organisations, 10 locations (10 physical), 13 services")
        #expect(set.problems.isEmpty, "\(set.problems)")
        let expected: [(String, String, [String])] = [
            ("1899600a-649c-11e6-8b77-86f30ca893d3", "Sanctuary Example City", ["Never Homeless Helpline"]),
            ("18996320-649c-11e6-8b77-86f30ca893d3", "Youth in Focus Example City", ["Yound Minds"]),
            (
                "1899673a-649c-11e6-8b77-86f30ca893d3", "Example City Food for Charities",
                ["Grocery Tax Break Donation", "Food Safety Program"]
            ),
            ("1899683e-649c-11e6-8b77-86f30ca893d3", "Example City Family Project", ["Al-Anon Family Group"]),
            ("1899691a-649c-11e6-8b77-86f30ca893d3", "Example City Silvers", ["Shop Assist"]),
            ("189969f6-649c-11e6-8b77-86f30ca893d3", "Example City Carnival Bay", ["Example City Summer Camp"]),
            ("18996ac8-649c-11e6-8b77-86f30ca893d3", "Roz Bernstein Sample Org", ["Dear Teacher Skills Refresh"]),
            ("18996b9a-649c-11e6-8b77-86f30ca893d3", "AP Example City", ["Parks Disability Services"]),
            ("18996c62-649c-11e6-8b77-86f30ca893d3", "Example House League of Friends", ["The City's Kitchen"]),
            (
                "18997068-649c-11e6-8b77-86f30ca893d3", "Example Cross Trust",
                ["Meals To-Go at The Cross", "Wash & Go at The Cross", "Bubbles at The Cross"]
            ),
        ]
        let organisations = set.elements.filter { $0.kind == "organisation" }
        #expect(organisations.count == expected.count)
        for (element, (id, label, services)) in zip(organisations, expected) {
            #expect(element.sourceID == id)
            #expect(element.label == label)
            #expect(Self.values(element, "service") == services)
            #expect(Self.values(element, "website") == ["http://example.com"])
        }
        let places = set.elements.filter { $0.kind == "place" }
        #expect(
            places.map(\.label) == [
                "Sanctuary on 5th Street", "4830 Highland Drive", "Beachside Example City Warehouses",
                "The Example Center", "Example City Silvers Building", "The Example Center",
                "The Roz Bernstein Building", "Example City Hall", "Example City Hall", "St Cross Universal Church",
            ])
        #expect(Self.values(places[0], "address") == ["Address 1, Address 2, New York City, NY, 10001"])
        #expect(Self.values(places[1], "latitude") == ["39.428192"])
        #expect(Self.values(places[1], "longitude") == ["-119.897426"])
        // 13 services at locations; the three of one organisation at one church, two of another at one warehouse.
        #expect(set.connections.count == 10)
    }

    @Test func hsds11PackageKeepsNamesakesApartAndReimportsExactly() throws {
        let set = try OpenReferral.importSet(path: try RealData.path("hsds11-sample-package"))
        var doc = MapDocument(text: "map \"Sample\"\n")
        let first = try MapImport.apply(set, to: &doc)
        #expect(first.addedNodes == 20)
        #expect(first.addedEdges == 10)
        #expect(
            first.notes.contains(
                "2 place records are named \"Example City Hall\": kept apart as example-city-hall, example-city-hall-2")
        )
        #expect(
            first.notes.contains(
                "2 place records are named \"The Example Center\": kept apart as the-example-center, the-example-center-2"
            ))
        let text = doc.text
        var reloaded = MapDocument(text: text)
        let again = try MapImport.apply(set, to: &reloaded)
        #expect(again.updatedNodes == 0)
        #expect(again.updatedEdges == 0)
        #expect(again.addedNodes == 0)
        #expect(again.flagged == 0)
        #expect(reloaded.text == text)
        #expect(doc.check().filter { $0.severity == .error }.isEmpty)
    }

    @Test func hsds3ApiExamplesInAFolderArePartial() throws {
        let set = try OpenReferral.importSet(path: try RealData.path("hsds3-spec-json"))
        #expect(!set.complete)
        #expect(set.elements.filter { $0.kind == "organisation" }.count == 1)
        #expect(set.elements.filter { $0.kind == "place" }.count == 1)
        #expect(set.connections.count == 1)
        let organisation = try #require(set.elements.first { $0.kind == "organisation" })
        #expect(Self.values(organisation, "service") == ["Community Counselling"])
        #expect(
            set.notes[0]
                == "read HSDS 3 / ORUK 3.0 API records and HSDS 3 / ORUK 3.0 API pages: 1 organisation, 1 location (1 physical), 1 service",
            "\(set.notes)")
        #expect(set.notes[1].contains("hsds3-spec-json/service_full.json is one record"))
        #expect(set.notes[1].contains("/services: pages 2, 3, 4, 5, 6… of 10 not read"), "\(set.notes)")
        #expect(set.notes[1].contains("/organizations: pages 2, 3, 4, 5, 6… of 10 not read"))
        #expect(set.notes[1].contains("/service_at_locations: pages 2, 3, 4, 5, 6… of 10 not read"))
    }

    @Test func eachHsds3ApiExampleOnItsOwn() throws {
        for (file, places, links) in [
            ("service_list.json", 0, 0), ("service_full.json", 1, 1), ("organization_list.json", 0, 0),
            ("organization_full.json", 1, 1), ("service_at_location_list.json", 1, 1),
            ("service_at_location_full.json", 1, 1),
        ] {
            let set = try OpenReferral.importSet(path: try RealData.path("hsds3-spec-json/\(file)"))
            #expect(set.elements.filter { $0.kind == "organisation" }.count == 1, "\(file)")
            #expect(set.elements.filter { $0.kind == "place" }.count == places, "\(file)")
            #expect(set.connections.count == links, "\(file)")
            #expect(!set.complete, "\(file)")
        }
    }
}
