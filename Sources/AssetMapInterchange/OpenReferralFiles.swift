import AssetMapCore
import Foundation

extension OpenReferral {
    /// A CSV of the package with its columns looked up by name (HSDS 3 names; ORUK 1 ones where they differ).
    private struct PackageTable {
        var table: Table
        var columns: [String: Int] = [:]

        init?(_ folder: String, _ names: [String]) throws {
            guard
                let file = names.first(where: {
                    FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent($0))
                })
            else { return nil }
            let path = (folder as NSString).appendingPathComponent(file)
            table = try CSVTable.read(FileManager.default.contents(atPath: path) ?? Data(), name: path)
            for (i, name) in table.header.enumerated() {
                columns[name.trimmed.lowercased()] = columns[name.lowercased()] ?? i
            }
        }

        func require(_ names: String...) throws {
            var errors: [InputError] = []
            for name in names where columns[name] == nil {
                let guess = Suggest.didYouMean(name, among: table.header)
                errors.append(InputError(table.name, "no column '\(name)'\(guess); HSDS 3 names it '\(name)'"))
            }
            if !errors.isEmpty { throw InputErrors(errors) }
        }

        /// The data rows with their spreadsheet row numbers.
        var rows: [(number: Int, cells: [String])] {
            table.rows.enumerated().dropFirst().filter { !$0.element.allSatisfy(\.isEmpty) }.map {
                ($0.offset + 1, $0.element)
            }
        }

        func cell(_ row: [String], _ name: String) -> String {
            guard let i = columns[name], i < row.count else { return "" }
            return row[i].trimmed
        }

        func position(_ number: Int, _ name: String) -> Position {
            Position(table.name, row: number, column: (columns[name] ?? 0) + 1)
        }
    }

    static func readPackage(_ folder: String, into feed: inout Feed) throws {
        var errors: [InputError] = []
        func collect(_ body: () throws -> Void) {
            do { try body() } catch let error as InputErrors { errors += error.errors } catch let error as InputError {
                errors.append(error)
            } catch {
                errors.append(InputError(folder, "\(error)"))
            }
        }
        collect {
            guard let organisations = try PackageTable(folder, ["organization.csv", "organisation.csv"]) else {
                throw InputError(folder, "the data package has no organization.csv")
            }
            try organisations.require("id", "name")
            for (number, row) in organisations.rows {
                let id = organisations.cell(row, "id"), name = organisations.cell(row, "name")
                if id.isEmpty {
                    errors.append(organisations.position(number, "id").error("the organisation has no id")); continue
                }
                if name.isEmpty {
                    errors.append(organisations.position(number, "name").error("organisation '\(id)' has no name"));
                    continue
                }
                feed.add(
                    organisation: id,
                    Organisation(
                        name: label(name, else: "", id: id), description: organisations.cell(row, "description"),
                        url: organisations.cell(row, "website").isEmpty
                            ? organisations.cell(row, "url") : organisations.cell(row, "website"),
                        position: organisations.position(number, "name")))
            }
        }
        var addresses: [String: String] = [:]
        collect {
            guard let table = try PackageTable(folder, ["address.csv", "physical_address.csv"]) else { return }
            try table.require("location_id")
            for (_, row) in table.rows where addresses[table.cell(row, "location_id")] == nil {
                let type = table.cell(row, "address_type").lowercased()
                guard type.isEmpty || type == "physical" else { continue }
                addresses[table.cell(row, "location_id")] = address(
                    ["address_1", "address_2", "city", "state_province", "postal_code"].map { table.cell(row, $0) })
            }
        }
        collect {
            guard let table = try PackageTable(folder, ["location.csv"]) else { return }
            try table.require("id")
            for (number, row) in table.rows {
                let id = table.cell(row, "id")
                if id.isEmpty { errors.append(table.position(number, "id").error("the location has no id")); continue }
                let where_ = addresses[id] ?? ""
                let identifierIsUPRN = table.cell(row, "external_identifier_type").lowercased() == "uprn"
                feed.add(
                    location: id,
                    Location(
                        name: label(table.cell(row, "name"), else: where_, id: id), address: where_,
                        latitude: table.cell(row, "latitude"), longitude: table.cell(row, "longitude"),
                        uprn: identifierIsUPRN ? table.cell(row, "external_identifier") : table.cell(row, "uprn"),
                        physical: !["virtual", "postal"].contains(table.cell(row, "location_type").lowercased()),
                        position: table.position(number, "name")))
            }
        }
        var servedAt: [String: [String]] = [:]
        collect {
            guard let table = try PackageTable(folder, ["service_at_location.csv"]) else { return }
            try table.require("service_id", "location_id")
            for (_, row) in table.rows {
                servedAt[table.cell(row, "service_id"), default: []].append(table.cell(row, "location_id"))
            }
        }
        collect {
            guard let table = try PackageTable(folder, ["service.csv"]) else { return }
            try table.require("id", "organization_id", "name")
            for (number, row) in table.rows {
                let organisation = table.cell(row, "organization_id")
                guard feed.organisationIndex[organisation] != nil else {
                    feed.notes.append(
                        "\(table.table.name):\(number): left out service '\(table.cell(row, "name"))': its organization_id '\(organisation)' is in no row of organization.csv"
                    )
                    continue
                }
                feed.addService(
                    name: table.cell(row, "name"), organisation: organisation, assured: table.cell(row, "assured_date"),
                    locations: servedAt[table.cell(row, "id")] ?? [])
            }
        }
        if !errors.isEmpty { throw InputErrors(errors) }
    }

    /// One saved API response: a `/services` page (`contents` in HSDS 3, `content` in ORUK 1), a list, or one service.
    static func readPage(_ path: String, into feed: inout Feed) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputErrors([InputError(path, "cannot read the file")])
        }
        let json: Any
        do { json = try JSONSerialization.jsonObject(with: data) } catch {
            throw InputErrors([
                InputError(
                    path, "not JSON: \((error as NSError).userInfo["NSDebugDescription"] as? String ?? "\(error)")")
            ])
        }
        let services: [Any]
        if let page = json as? [String: Any] {
            services =
                (page["contents"] ?? page["content"] ?? page["items"]) as? [Any] ?? (page["name"] != nil ? [page] : [])
        } else {
            services = json as? [Any] ?? []
        }
        if services.isEmpty,
            (json as? [String: Any])?["total_items"] == nil && (json as? [String: Any])?["totalElements"] == nil
        {
            throw InputErrors([
                InputError(
                    path,
                    "no services: expected a /services page (with contents or content), a list of services, or one service"
                )
            ])
        }
        var errors: [InputError] = []
        for (index, item) in services.enumerated() {
            let at = Position(path, row: index + 1, column: 1)
            guard let service = item as? [String: Any] else {
                errors.append(at.error("service \(index + 1) is not an object")); continue
            }
            let organisation = service["organization"] as? [String: Any]
            guard let organisationID = text(organisation?["id"]) ?? text(service["organization_id"]) else {
                errors.append(
                    at.error("service \(index + 1) ('\(text(service["name"]) ?? "")') names no organization"));
                continue
            }
            if let organisation, let name = text(organisation["name"]) {
                feed.add(
                    organisation: organisationID,
                    Organisation(
                        name: label(name, else: "", id: organisationID),
                        description: text(organisation["description"]) ?? "",
                        url: text(organisation["website"]) ?? text(organisation["url"]) ?? "", position: at))
            } else if feed.organisationIndex[organisationID] == nil {
                feed.notes.append(
                    "\(path):\(index + 1): left out service '\(text(service["name"]) ?? "")': the page gives only its organization_id"
                )
                continue
            }
            var locations: [String] = []
            let visits = (service["service_at_locations"] as? [[String: Any]] ?? []).compactMap {
                $0["location"] as? [String: Any]
            }
            for location in visits + (service["locations"] as? [[String: Any]] ?? []) {
                guard let id = text(location["id"]) else { continue }
                let addresses = (location["addresses"] ?? location["physical_addresses"]) as? [[String: Any]] ?? []
                let physical = addresses.first {
                    ($0["address_type"] as? String).map { $0.lowercased() == "physical" } ?? true
                }
                let where_ = address(
                    ["address_1", "address_2", "city", "state_province", "postal_code"].map {
                        physical?[$0].flatMap(text)
                    })
                let identifierIsUPRN = text(location["external_identifier_type"])?.lowercased() == "uprn"
                feed.add(
                    location: id,
                    Location(
                        name: label(text(location["name"]) ?? "", else: where_, id: id), address: where_,
                        latitude: text(location["latitude"]) ?? "", longitude: text(location["longitude"]) ?? "",
                        uprn: (identifierIsUPRN ? text(location["external_identifier"]) : text(location["uprn"])) ?? "",
                        physical: !["virtual", "postal"].contains(text(location["location_type"])?.lowercased() ?? ""),
                        position: at))
                locations.append(id)
            }
            feed.addService(
                name: text(service["name"]) ?? "", organisation: organisationID,
                assured: text(service["assured_date"]) ?? "", locations: locations)
        }
        if !errors.isEmpty { throw InputErrors(errors) }
    }

    /// A JSON value as text: strings as they are, numbers without a trailing ".0"; nil for null, empty or objects.
    private static func text(_ value: Any?) -> String? {
        switch value {
        case let string as String: return string.isEmpty ? nil : string
        case let number as NSNumber: return number.stringValue
        default: return nil
        }
    }
}
