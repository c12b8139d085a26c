import AssetMapCore
import Foundation

extension OpenReferral {
    /// The API endpoints whose pages are read.
    package enum Endpoint: String, CaseIterable, Sendable {
        case services = "/services"
        case organizations = "/organizations"
        case serviceAtLocations = "/service_at_locations"
    }

    /// Reads API JSON, page by page: HSDS 3 / ORUK 3 pages (`contents`, `page_number`, `total_pages`,
    /// `total_items`), ORUK 1.0 pages (`content`, `number`, `totalPages`, `totalElements`), a bare list, or one
    /// record, of services, organizations or service_at_locations (told apart by their fields). Then `finish`
    /// says whether every page of each endpoint was read.
    package struct PageReader {
        private struct Page {
            var number: Int?
            var total: Int?
            var items: Int
            var totalItems: Int?
            var last: Bool?
            var zeroBased: Bool
        }
        private var pages: [Endpoint: [Page]] = [:]
        private var fragments: [String] = []

        package init() {}

        /// The page count a page says, and whether it is the first: nil for an answer that is no page.
        package static func header(_ data: Data) -> (totalPages: Int?, first: Bool?)? {
            guard let file = try? JSONFile(data, name: ""), let root = file.root.object,
                (root["contents"] ?? root["content"])?.array != nil
            else { return nil }
            return ((root["total_pages"] ?? root["totalPages"])?.int, (root["first_page"] ?? root["first"])?.bool)
        }

        /// Whether services pages say where each service is delivered (`service_at_locations`, even empty) and give
        /// each organisation in full (not only its id): else a live read walks those endpoints too.
        package static func coverage(_ pages: [Data]) -> (locations: Bool, organisations: Bool) {
            var locations = true, organisations = true
            for data in pages {
                guard let file = try? JSONFile(data, name: ""), let root = file.root.object,
                    let items = (root["contents"] ?? root["content"])?.array
                else { continue }
                for item in items {
                    if item["service_at_locations"]?.array == nil && item["locations"]?.array == nil {
                        locations = false
                    }
                    if item["organization"]?["name"] == nil { organisations = false }
                }
            }
            return (locations, organisations)
        }

        mutating func read(_ data: Data, name: String, into feed: inout Feed) throws {
            let file: JSONFile
            do { file = try JSONFile(data, name: name) } catch let error as InputError { throw InputErrors([error]) }
            let items: [JSONNode]
            let prefix: String
            if let root = file.root.object, let list = (root["contents"] ?? root["content"])?.array {
                let hsds3 = root["contents"] != nil
                prefix = hsds3 ? "contents" : "content"
                feed.said(hsds3 ? "HSDS 3 / ORUK 3.0 API pages" : "ORUK 1.0 API pages")
                items = list
                let endpoint = list.first?.object.map(Self.kind) ?? Self.kind(fromName: name)
                let number = (hsds3 ? root["page_number"] : root["number"])?.int
                pages[endpoint, default: []].append(
                    Page(
                        number: number, total: (hsds3 ? root["total_pages"] : root["totalPages"])?.int,
                        items: list.count, totalItems: (hsds3 ? root["total_items"] : root["totalElements"])?.int,
                        last: (hsds3 ? root["last_page"] : root["last"])?.bool, zeroBased: !hsds3 && number == 0))
            } else if let list = file.root.array {
                prefix = ""
                items = list
                feed.said(Self.version(of: file.root))
                fragments.append("\(name) is a list without page numbers")
            } else if let root = file.root.object, root["id"] != nil {
                prefix = ""
                items = [file.root]
                feed.said(Self.version(of: file.root))
                fragments.append("\(name) is one record")
            } else {
                throw InputErrors([
                    InputError(
                        name,
                        "not an Open Referral API page: expected contents (HSDS 3, ORUK 3.0) or content (ORUK 1.0), a list of records, or one record"
                    )
                ])
            }
            for (index, item) in items.enumerated() {
                let path =
                    prefix.isEmpty
                    ? (items.count == 1 && file.root.object != nil ? "$" : "[\(index)]") : "\(prefix)[\(index)]"
                guard let object = item.object else {
                    feed.skip(file.place(item, path: path), "record", nil, name: nil, "it is not an object")
                    continue
                }
                switch Self.kind(object) {
                case .services: service(item, path, file, &feed, organisation: nil)
                case .organizations: organisation(item, path, file, &feed)
                case .serviceAtLocations: serviceAtLocation(item, path, file, &feed)
                }
            }
        }

        /// Marks the read partial unless every page of each endpoint read was there.
        mutating func finish(into feed: inout Feed) {
            feed.partial += fragments
            for endpoint in Endpoint.allCases {
                guard let read = pages[endpoint] else { continue }
                let offset = read.contains(where: \.zeroBased) ? 1 : 0
                let numbers = Set(read.compactMap { $0.number.map { $0 + offset } })
                if let total = read.compactMap(\.total).max() {
                    let missing = (1...max(total, 1)).filter { !numbers.contains($0) }
                    if !missing.isEmpty && total > 0 {
                        let list =
                            missing.count > 5
                            ? missing.prefix(5).map(String.init).joined(separator: ", ") + "…"
                            : missing.map(String.init).joined(separator: ", ")
                        feed.partial.append(
                            "\(endpoint.rawValue): page\(missing.count == 1 ? "" : "s") \(list) of \(total) not read")
                    }
                } else if let totalItems = read.compactMap(\.totalItems).max(),
                    read.map(\.items).reduce(0, +) < totalItems
                {
                    feed.partial.append(
                        "\(endpoint.rawValue): \(read.map(\.items).reduce(0, +)) of \(totalItems) records read")
                } else if read.compactMap(\.totalItems).isEmpty && !read.contains(where: { $0.last == true }) {
                    feed.partial.append("\(endpoint.rawValue): the pages do not say how many there are")
                }
            }
        }

        /// Records outside a page: HSDS 3 names a location's addresses `addresses`, HSDS 1–2 and ORUK 1.0
        /// `physical_addresses`.
        static func version(of node: JSONNode) -> String {
            func has(_ key: String, _ node: JSONNode, _ depth: Int) -> Bool {
                if let object = node.object {
                    return object[key] != nil || (depth < 4 && object.values.contains { has(key, $0, depth + 1) })
                }
                return depth < 4 && (node.array?.contains { has(key, $0, depth + 1) } ?? false)
            }
            if has("addresses", node, 0) { return "HSDS 3 / ORUK 3.0 API records" }
            if has("physical_addresses", node, 0) { return "ORUK 1.0 API records" }
            return "API records"
        }

        static func kind(_ item: [String: JSONNode]) -> Endpoint {
            if item["location"]?.object != nil || item["service"]?.object != nil
                || (item["location_id"] != nil && item["service_id"] != nil)
            {
                return .serviceAtLocations
            }
            if item["organization"] != nil || item["organization_id"] != nil || item["status"] != nil
                || item["service_at_locations"] != nil
            {
                return .services
            }
            return .organizations
        }

        static func kind(fromName name: String) -> Endpoint {
            let name = (name as NSString).lastPathComponent.lowercased()
            if name.contains("service_at_location") { return .serviceAtLocations }
            if name.contains("organi") { return .organizations }
            return .services
        }

        @discardableResult
        private func organisation(_ node: JSONNode, _ path: String, _ file: JSONFile, _ feed: inout Feed) -> String? {
            let place = file.place(node, path: path)
            guard let id = node["id"]?.text else {
                feed.skip(place, "organisation", nil, name: node["name"]?.text, "it has no id")
                return nil
            }
            feed.add(
                organisation: id,
                Organisation(
                    name: node["name"]?.text ?? "", description: node["description"]?.text ?? "",
                    website: node["website"]?.text ?? node["url"]?.text ?? "", position: file.position(node),
                    place: place))
            for (index, service) in (node["services"]?.array ?? []).enumerated() {
                self.service(service, "\(path).services[\(index)]", file, &feed, organisation: id)
            }
            for (index, location) in (node["locations"]?.array ?? []).enumerated() {
                _ = self.location(location, "\(path).locations[\(index)]", file, &feed)
            }
            return id
        }

        @discardableResult
        private func service(
            _ node: JSONNode, _ path: String, _ file: JSONFile, _ feed: inout Feed, organisation given: String?
        ) -> String? {
            let place = file.place(node, path: path)
            let name = node["name"]?.text
            guard node.object != nil else {
                feed.skip(place, "service", nil, name: nil, "it is not an object")
                return nil
            }
            guard let id = node["id"]?.text else {
                feed.skip(place, "service", nil, name: name, "it has no id")
                return nil
            }
            var organisationID = given ?? node["organization_id"]?.text
            var where_ = place
            if let organisation = node["organization"] {
                where_ = file.place(organisation, path: "\(path).organization")
                if organisation.object != nil {
                    organisationID =
                        self.organisation(organisation, "\(path).organization", file, &feed) ?? organisationID
                }
            }
            var locations: [String] = []
            for (index, visit) in (node["service_at_locations"]?.array ?? []).enumerated() {
                if let location = visit["location"], location.object != nil {
                    if let id = self.location(location, "\(path).service_at_locations[\(index)].location", file, &feed)
                    {
                        locations.append(id)
                    }
                } else if let id = visit["location_id"]?.text {
                    locations.append(id)
                }
            }
            for (index, location) in (node["locations"]?.array ?? []).enumerated() {
                if let id = self.location(location, "\(path).locations[\(index)]", file, &feed) { locations.append(id) }
            }
            feed.add(
                service: id,
                Service(
                    name: name ?? "", organisation: organisationID ?? "", assured: node["assured_date"]?.text ?? "",
                    locations: locations, place: organisationID == nil ? where_ : place))
            return id
        }

        private func serviceAtLocation(_ node: JSONNode, _ path: String, _ file: JSONFile, _ feed: inout Feed) {
            let place = file.place(node, path: path)
            var serviceID = node["service_id"]?.text
            if let service = node["service"], service.object != nil {
                serviceID = self.service(service, "\(path).service", file, &feed, organisation: nil) ?? serviceID
            }
            var locationID = node["location_id"]?.text
            if let location = node["location"], location.object != nil {
                locationID = self.location(location, "\(path).location", file, &feed) ?? locationID
            }
            guard let serviceID, let locationID else {
                feed.skip(
                    place, "service_at_location", node["id"]?.text, name: nil,
                    serviceID == nil ? "it names no service" : "it names no location")
                return
            }
            feed.deliver(service: serviceID, at: locationID, place: place)
        }

        private func location(_ node: JSONNode, _ path: String, _ file: JSONFile, _ feed: inout Feed) -> String? {
            let place = file.place(node, path: path)
            guard let id = node["id"]?.text else {
                feed.skip(place, "location", nil, name: node["name"]?.text, "it has no id")
                return nil
            }
            let addresses = (node["addresses"] ?? node["physical_addresses"])?.array ?? []
            let physical = addresses.first {
                guard let type = $0["address_type"]?.text?.lowercased() else { return true }
                return type == "physical"
            }
            let line = address(
                ["address_1", "address_2", "address_3", "address_4", "city", "state_province", "postal_code"].map {
                    physical?[$0]?.text
                })
            let uprnType = node["external_identifier_type"]?.text?.lowercased() == "uprn"
            feed.add(
                location: id,
                Location(
                    name: node["name"]?.text ?? "", address: line, latitude: node["latitude"]?.text ?? "",
                    longitude: node["longitude"]?.text ?? "",
                    uprn: (uprnType ? node["external_identifier"]?.text : node["uprn"]?.text) ?? "",
                    physical: !["virtual", "postal"].contains(node["location_type"]?.text?.lowercased() ?? ""),
                    position: file.position(node), place: place))
            return id
        }
    }
}
