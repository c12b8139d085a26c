import AssetMapInterchange
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1

/// Reads every page of an Open Referral API over HTTP: `/services`, then `/service_at_locations` when the
/// services do not say where they are delivered and `/organizations` when they name their organisation only
/// by id. Politely (one request at a time, a pause between them), with timeouts and a few retries with back-off
/// on 429 and 5xx answers (honouring Retry-After). Any page that cannot be had fails the whole read.
package struct LiveFeed: Sendable {
    package struct Options: Sendable {
        /// Seconds for one request, connection included.
        package var timeout: Double = 30
        /// Retries of one page after the first try.
        package var retries = 3
        /// Seconds between requests.
        package var pace: Double = 0.05
        /// The first retry's wait; each retry doubles it.
        package var backOff: Double = 0.5
        /// Only services changed after this date (`modified_after`); a partial read then.
        package var modifiedAfter: String?
        /// The largest page accepted, in bytes.
        package var maximumPage = 64 << 20
        package init() {}
    }

    /// A page that could not be had: names its address.
    package struct Failure: Error, CustomStringConvertible {
        package var url: String
        package var reason: String
        package var description: String { "\(url): \(reason)" }
    }

    package struct Page: Sendable {
        package var url: String
        package var data: Data
    }

    let base: String
    let options: Options

    package init(_ base: String, options: Options = Options()) {
        var base = base
        while base.hasSuffix("/") { base.removeLast() }
        self.base = base
        self.options = options
    }

    /// Every page, in order; `progress(pagesRead, pagesKnown)` after each.
    package func pages(progress: @Sendable (Int, Int) -> Void = { _, _ in }) async throws -> [Page] {
        let client = HTTPClient(
            eventLoopGroupProvider: .singleton,
            configuration: HTTPClient.Configuration(
                redirectConfiguration: .follow(max: 5, allowCycles: false),
                timeout: .init(connect: .seconds(Int64(options.timeout)), read: .seconds(Int64(options.timeout)))))
        do {
            let pages = try await walk(client, progress: progress)
            try await client.shutdown()
            return pages
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    private func walk(_ client: HTTPClient, progress: @Sendable (Int, Int) -> Void) async throws -> [Page] {
        var pages: [Page] = []
        var known = 1
        var services: [Page] = []
        var query = ""
        if let date = options.modifiedAfter { query = "&modified_after=\(date)" }
        for endpoint in [OpenReferral.Endpoint.services, .serviceAtLocations, .organizations] {
            if endpoint != .services {
                guard needs(endpoint, services) else { continue }
                query = ""
            }
            var number = 1
            var last = 1
            var read: [Page] = []
            repeat {
                let url = "\(base)\(endpoint.rawValue)?page=\(number)\(query)"
                let page = try await fetch(url, client)
                guard let header = OpenReferral.PageReader.header(page.data) else {
                    throw Failure(
                        url: url, reason: "the answer is not an Open Referral page (JSON with contents or content)")
                }
                if read.isEmpty, let total = header.totalPages {
                    // An API counting pages from 0 answers page=1 with its second page: go back for the first.
                    let zeroBased = header.first == false && total > 1
                    last = max(zeroBased ? total - 1 : total, 1)
                    known += total - 1
                    if zeroBased {
                        let first = try await fetch("\(base)\(endpoint.rawValue)?page=0\(query)", client)
                        read.append(first)
                        pages.append(first)
                    }
                }
                read.append(page)
                pages.append(page)
                progress(pages.count, known)
                number += 1
            } while number <= last
            if endpoint == .services { services = read }
        }
        return pages
    }

    /// Whether the services' pages leave out what another endpoint gives.
    private func needs(_ endpoint: OpenReferral.Endpoint, _ services: [Page]) -> Bool {
        let shape = OpenReferral.PageReader.coverage(services.map(\.data))
        switch endpoint {
        case .serviceAtLocations: return !shape.locations
        case .organizations: return !shape.organisations
        case .services: return false
        }
    }

    private func fetch(_ url: String, _ client: HTTPClient) async throws -> Page {
        var attempt = 0
        while true {
            if options.pace > 0 { try await Task.sleep(nanoseconds: UInt64(options.pace * 1e9)) }
            var wait = options.backOff * Double(1 << attempt)
            var reason = ""
            do {
                var request = HTTPClientRequest(url: url)
                request.headers.add(name: "Accept", value: "application/json")
                request.headers.add(name: "User-Agent", value: "assetmap (Open Referral import)")
                let response = try await client.execute(request, timeout: .milliseconds(Int64(options.timeout * 1000)))
                let code = response.status.code
                if code == 200 {
                    let body = try await response.body.collect(upTo: options.maximumPage)
                    return Page(url: url, data: Data(buffer: body))
                }
                // Read the refusal to its end, so the connection is free again (and shutdown does not wait on it).
                _ = try? await response.body.collect(upTo: 1 << 20)
                reason = "HTTP \(code) \(response.status.reasonPhrase)"
                guard code == 429 || code >= 500 else { throw Failure(url: url, reason: reason) }
                if let after = response.headers.first(name: "Retry-After").flatMap(Double.init) {
                    wait = min(max(after, 0), 120)
                }
            } catch let failure as Failure {
                throw failure
            } catch {
                reason = Self.describe(error)
            }
            attempt += 1
            guard attempt <= options.retries else {
                throw Failure(url: url, reason: "\(reason) (\(attempt) tries)")
            }
            try await Task.sleep(nanoseconds: UInt64(wait * 1e9))
        }
    }

    private static func describe(_ error: Error) -> String {
        if let error = error as? HTTPClientError {
            if error == .deadlineExceeded || error == .readTimeout { return "no answer in time" }
            if error == .connectTimeout { return "could not connect in time" }
            return "\(error)"
        }
        if error is NIOTooManyBytesError { return "the page is larger than the limit" }
        let text = "\(error)"
        if text.contains("refused") { return "could not connect (connection refused)" }
        return text
    }
}
