import AssetMapCore
import Foundation

extension OpenReferral {
    /// A map's organisations, places and services as an HSDS 3.0 / ORUK 3.0 directory: a tabular data package
    /// (`datapackage.json` and five CSVs) and API pages (`/services`, `/organizations`, `/service_at_locations`,
    /// one page each). Each `service:` line of an organisation is a service, delivered at every place the
    /// organisation `delivers at`. A record keeps its feed's id (`source-id`) and gets a stable UUID made from
    /// its map id otherwise. Only names, descriptions, websites, addresses, coordinates, UPRNs and assured
    /// dates go out: no private attribute, no contact detail.
    package struct Export {
        package var files: [(path: String, data: Data)] = []
    }

    package static func export(_ graph: MapGraph) throws -> Export {
        struct Row {
            var id: String
            var node: Node
        }
        var ids: [String: String] = [:]
        var used = Set<String>()
        func exportID(_ node: Node) -> String {
            if let id = ids[node.id] { return id }
            var id = node.value("source-id").map(normal) ?? ""
            if id.isEmpty || used.contains(id) { id = uuid("assetmap/\(node.kind)/\(node.id)") }
            used.insert(id)
            ids[node.id] = id
            return id
        }
        let organisations = graph.nodes.filter { $0.kind == "organisation" }.map { Row(id: exportID($0), node: $0) }
        let places = graph.nodes.filter { $0.kind == "place" }.map { Row(id: exportID($0), node: $0) }
        let placeIDs = Dictionary(places.map { ($0.node.id, $0.id) }, uniquingKeysWith: { a, _ in a })
        var deliversAt: [String: [String]] = [:]
        for edge in graph.edges where edge.relation == relation {
            guard let place = placeIDs[edge.to] else { continue }
            if !(deliversAt[edge.from]?.contains(place) ?? false) { deliversAt[edge.from, default: []].append(place) }
        }

        var organisationRows = [["id", "name", "description", "website"]]
        var locationRows = [
            ["id", "location_type", "name", "latitude", "longitude", "external_identifier", "external_identifier_type"]
        ]
        var addressRows = [
            [
                "id", "location_id", "address_1", "address_2", "city", "state_province", "postal_code", "country",
                "address_type",
            ]
        ]
        var serviceRows = [["id", "organization_id", "name", "status", "assured_date"]]
        var servedAtRows = [["id", "service_id", "location_id"]]
        var organisationJSON: [String: [String: Any]] = [:]
        var locationJSON: [String: [String: Any]] = [:]
        var servicesJSON: [[String: Any]] = []
        var servedAtJSON: [[String: Any]] = []

        for row in organisations {
            let description = row.node.value("note") ?? ""
            let website = row.node.value("website") ?? ""
            organisationRows.append([row.id, row.node.label, description, website])
            var json: [String: Any] = ["id": row.id, "name": row.node.label, "description": description]
            if isWebAddress(website) { json["website"] = website }
            organisationJSON[row.id] = json
        }
        for row in places {
            let latitude = row.node.value("latitude").flatMap(Double.init)
            let longitude = row.node.value("longitude").flatMap(Double.init)
            let hasPoint = latitude != nil && longitude != nil
            let uprn = row.node.value("uprn") ?? ""
            locationRows.append([
                row.id, "physical", row.node.label, hasPoint ? row.node.value("latitude")! : "",
                hasPoint ? row.node.value("longitude")! : "", uprn, uprn.isEmpty ? "" : "UPRN",
            ])
            var json: [String: Any] = ["id": row.id, "location_type": "physical", "name": row.node.label]
            if hasPoint { (json["latitude"], json["longitude"]) = (latitude!, longitude!) }
            if !uprn.isEmpty { (json["external_identifier"], json["external_identifier_type"]) = (uprn, "UPRN") }
            if let address = row.node.value("address"), !address.isEmpty {
                let parts = addressParts(address)
                let id = uuid("assetmap/address/\(row.node.id)")
                addressRows.append([
                    id, row.id, parts.line1, parts.line2, parts.city, "", parts.postcode, "GB", "physical",
                ])
                var address: [String: Any] = [
                    "id": id, "address_1": parts.line1, "city": parts.city, "state_province": "",
                    "postal_code": parts.postcode, "country": "GB", "address_type": "physical",
                ]
                if !parts.line2.isEmpty { address["address_2"] = parts.line2 }
                json["addresses"] = [address]
            }
            locationJSON[row.id] = json
        }
        for row in organisations {
            let assured = row.node.value("assured-date").flatMap(isoDate)
            for name in row.node.values("service") where !name.isEmpty {
                let id = uuid("assetmap/service/\(row.id)/\(name)")
                serviceRows.append([id, row.id, name, "active", assured ?? ""])
                var service: [String: Any] = [
                    "id": id, "organization_id": row.id, "name": name, "status": "active",
                    "organization": organisationJSON[row.id]!,
                ]
                if let assured { service["assured_date"] = assured }
                var visits: [[String: Any]] = []
                for place in deliversAt[row.node.id] ?? [] {
                    let visit = uuid("assetmap/service_at_location/\(id)/\(place)")
                    servedAtRows.append([visit, id, place])
                    visits.append([
                        "id": visit, "service_id": id, "location_id": place, "location": locationJSON[place]!,
                    ])
                    var listed = service
                    listed.removeValue(forKey: "organization")
                    servedAtJSON.append([
                        "id": visit, "service_id": id, "location_id": place, "location": locationJSON[place]!,
                        "service": listed,
                    ])
                }
                service["service_at_locations"] = visits
                servicesJSON.append(service)
            }
        }

        var export = Export()
        let tables: [(resource: String, file: String, rows: [[String]])] = [
            ("organization", "organizations.csv", organisationRows), ("location", "locations.csv", locationRows),
            ("address", "addresses.csv", addressRows), ("service", "services.csv", serviceRows),
            ("service_at_location", "service_at_location.csv", servedAtRows),
        ]
        for table in tables {
            // The data package's CSV: UTF-8 without a byte-order mark (Frictionless' default dialect).
            export.files.append((table.file, try CSVTable.write(table.rows).dropFirst(3)))
        }
        let descriptor: [String: Any] = [
            "name": Syntax.slug(graph.header?.title ?? "assetmap-directory"),
            "title": graph.header?.title ?? "AssetMap directory",
            "profile": "tabular-data-package",
            "description": "Organisations, places and services exported by AssetMap as HSDS 3.0 / Open Referral UK 3.0",
            "resources": tables.map { table in
                [
                    "name": table.resource, "path": table.file, "profile": "tabular-data-resource", "format": "csv",
                    "mediatype": "text/csv", "encoding": "utf-8",
                    "schema": ["fields": table.rows[0].map { ["name": $0, "type": "string"] }],
                ] as [String: Any]
            },
        ]
        export.files.append(("datapackage.json", try json(descriptor)))
        export.files.append(("api/services.json", try json(page(servicesJSON))))
        export.files.append(("api/organizations.json", try json(page(organisations.map { organisationJSON[$0.id]! }))))
        export.files.append(("api/service_at_locations.json", try json(page(servedAtJSON))))
        return export
    }

    private static func page(_ items: [[String: Any]]) -> [String: Any] {
        [
            "total_items": items.count, "total_pages": 1, "page_number": 1, "size": items.count, "first_page": true,
            "last_page": true, "empty": items.isEmpty, "contents": items,
        ]
    }

    private static func json(_ object: Any) throws -> Data {
        var data = try JSONSerialization.data(
            withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        data.append(0x0A)
        return data
    }

    private static func isWebAddress(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://")
    }

    /// "Walsall Library, Lichfield Street, Walsall, WS1 1TR" as address_1, address_2, city and postal_code, so that
    /// reading them back in that order gives the same line.
    static func addressParts(_ address: String) -> (line1: String, line2: String, city: String, postcode: String) {
        var parts = address.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !parts.isEmpty else { return ("", "", "", "") }
        let line1 = parts.removeFirst()
        var postcode = ""
        if let last = parts.last, isPostcode(last) { postcode = parts.removeLast() }
        let city = parts.popLast() ?? ""
        return (line1, parts.joined(separator: ", "), city, postcode)
    }

    private static func isPostcode(_ text: String) -> Bool {
        let compact = text.replacingOccurrences(of: " ", with: "").uppercased()
        guard (5...7).contains(compact.count), compact.first!.isLetter,
            compact.last!.isLetter, compact.dropLast(2).last?.isNumber == true
        else { return false }
        return compact.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }

    /// A UUID (version 8, RFC 9562's custom layout) from a name: the same name gives the same id on every export.
    static func uuid(_ name: String) -> String {
        var a: UInt64 = 0xcbf2_9ce4_8422_2325, b: UInt64 = 0x8422_2325_cbf2_9ce4
        for byte in name.utf8 {
            a = (a ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            b = (b ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            b = b ^ (a >> 29)
        }
        a = (a & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_8000
        b = (b & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
        let hex = String(format: "%016llx%016llx", a, b)
        let c = Array(hex)
        return
            "\(String(c[0..<8]))-\(String(c[8..<12]))-\(String(c[12..<16]))-\(String(c[16..<20]))-\(String(c[20..<32]))"
    }
}
