import AssetMapCore
import Foundation
import HTTPTypes
import Hummingbird

/// Every request the room answers. Anything not under the token, or not one of the phone's
/// actions, is the same empty 404.
struct RoomResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let hub: RoomHub
    let token: String
    let limits: RoomServer.Limits
    let meter: RequestMeter

    static let cookie = "assetmap-room"

    func respond(to request: Request, context: Context) async throws -> Response {
        var request = request
        let parts = request.uri.path.split(separator: "/", omittingEmptySubsequences: false)
        // "/TOKEN/" or "/TOKEN/action": parts[0] is empty.
        guard parts.count == 3, parts[0].isEmpty, Self.same(parts[1], token) else { return Self.notFound }
        let action = String(parts[2])
        switch (request.method, action) {
        case (.get, ""): return Self.asset(ParticipantPage.html, type: "text/html; charset=utf-8")
        case (.get, "room.js"): return Self.asset(ParticipantPage.script, type: "text/javascript; charset=utf-8")
        case (.get, "room.css"): return Self.asset(ParticipantPage.style, type: "text/css; charset=utf-8")
        case (.post, "join"): return await join(request)
        case (.get, "state"), (.get, "events"), (.post, "vote"), (.post, "note"), (.post, "suggest"): break
        default: return Self.notFound
        }
        guard let participant = participant(request), await hub.isParticipant(participant) else {
            return Self.refusal(.unknownParticipant)
        }
        guard await meter.allow(participant) else {
            return Self.message(.tooManyRequests, "Too many requests; wait a minute and try again.")
        }
        switch action {
        case "state": return Self.json(await hub.view(for: participant))
        case "events": return await events(participant)
        default: break
        }
        let result: Result<ParticipantView, RoomHub.Failure>
        do {
            result = try await perform(
                action, participant, body: try await Self.readBody(&request, limit: limits.bodyBytes))
        } catch let refusal as BadRequest {
            return Self.message(refusal.status, refusal.text)
        }
        switch result {
        case .success(let view): return Self.json(view)
        case .failure(.refused(let refusal)): return Self.refusal(refusal)
        case .failure(.closed): return Self.message(.serviceUnavailable, "The room is closed.")
        case .failure(.notKept): return Self.message(.internalServerError, "Not saved; please try again.")
        }
    }

    struct BadRequest: Error {
        var status: HTTPResponse.Status
        var text: String
    }

    /// The phone's action on the room; a body that does not say what the action needs is a `BadRequest`.
    private func perform(_ action: String, _ participant: String, body: Data) async throws
        -> Result<ParticipantView, RoomHub.Failure>
    {
        let decoder = JSONDecoder()
        switch action {
        case "vote":
            guard let vote = try? decoder.decode(VoteBody.self, from: body) else {
                throw BadRequest(status: .badRequest, text: "A vote is {\"barrier\": ID, \"delta\": 1 or -1}.")
            }
            return await Self.result { () throws(RoomHub.Failure) in
                try await hub.vote(participant, barrier: vote.barrier, delta: vote.delta)
            }
        case "note":
            guard let note = try? decoder.decode(NoteBody.self, from: body) else {
                throw BadRequest(status: .badRequest, text: "A note is {\"text\": TEXT, \"name\": optional}.")
            }
            return await Self.result { () throws(RoomHub.Failure) in
                try await hub.note(participant, text: note.text, name: note.name)
            }
        default:
            guard let s = try? decoder.decode(SuggestionBody.self, from: body) else {
                throw BadRequest(status: .badRequest, text: "A suggestion needs a label.")
            }
            return await Self.result { () throws(RoomHub.Failure) in
                try await hub.suggest(
                    participant, label: s.label, communities: s.communities ?? [], place: s.where, name: s.name)
            }
        }
    }

    static func result(_ work: () async throws(RoomHub.Failure) -> ParticipantView) async
        -> Result<ParticipantView, RoomHub.Failure>
    {
        do { return .success(try await work()) } catch { return .failure(error) }
    }

    private func join(_ request: Request) async -> Response {
        if let id = participant(request), await hub.isParticipant(id) { return Self.json(await hub.view(for: id)) }
        do {
            let id = try await hub.join()
            var response = Self.json(await hub.view(for: id))
            response.headers[.setCookie] = "\(Self.cookie)=\(id); Path=/\(token)/; HttpOnly; SameSite=Strict"
            return response
        } catch .refused(let refusal) {
            return Self.refusal(refusal)
        } catch {
            return Self.message(.serviceUnavailable, "The room is closed.")
        }
    }

    /// Server-Sent Events: the phone's view each time the card on show (or the allowance) changes.
    private func events(_ participant: String) async -> Response {
        let hub = self.hub
        let changes = await hub.changes()
        var headers = Self.securityHeaders
        headers[.contentType] = "text/event-stream"
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody { writer in
                for await _ in changes {
                    let view = await hub.view(for: participant)
                    let data = (try? JSONEncoder().encode(view)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
                    try await writer.write(ByteBuffer(string: "data: \(data)\n\n"))
                }
                try await writer.finish(nil)
            })
    }

    private func participant(_ request: Request) -> String? {
        for field in request.headers[values: .cookie] {
            for pair in field.split(separator: ";") {
                let kv = pair.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
                if kv.count == 2, kv[0] == Self.cookie { return String(kv[1]) }
            }
        }
        return nil
    }

    // MARK: Responses

    /// On every response, the 404 too.
    static let securityHeaders: HTTPFields = [
        HTTPField.Name("Content-Security-Policy")!: "default-src 'self'; frame-ancestors 'none'; base-uri 'none'",
        HTTPField.Name("X-Content-Type-Options")!: "nosniff",
        HTTPField.Name("Referrer-Policy")!: "no-referrer",
        .cacheControl: "no-store",
    ]

    static var notFound: Response { Response(status: .notFound, headers: securityHeaders) }

    static func asset(_ text: String, type: String) -> Response {
        var headers = securityHeaders
        headers[.contentType] = type
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    static func json(_ view: ParticipantView, status: HTTPResponse.Status = .ok) -> Response {
        let data = (try? JSONEncoder().encode(view)) ?? Data("{}".utf8)
        var headers = securityHeaders
        headers[.contentType] = "application/json"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func message(_ status: HTTPResponse.Status, _ text: String) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: ["error": text])) ?? Data()
        var headers = securityHeaders
        headers[.contentType] = "application/json"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func refusal(_ refusal: RoomRefusal) -> Response {
        message(HTTPResponse.Status(code: refusal.status), refusal.message)
    }

    struct VoteBody: Decodable { var barrier: String; var delta: Int }
    struct NoteBody: Decodable { var text: String; var name: String? }
    struct SuggestionBody: Decodable {
        var label: String; var communities: [String]?; var `where`: String?; var name: String?
    }

    /// At most `limit` bytes of valid UTF-8, else the response refusing it.
    static func readBody(_ request: inout Request, limit: Int) async throws(BadRequest) -> Data {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw BadRequest(status: .contentTooLarge, text: "That is more than \(limit) bytes.")
        }
        guard let buffer = try? await request.collectBody(upTo: limit) else {
            throw BadRequest(status: .contentTooLarge, text: "That is more than \(limit) bytes.")
        }
        let bytes = Array(buffer.readableBytesView)
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw BadRequest(status: .badRequest, text: "The text is not valid UTF-8.")
        }
        return Data(bytes)
    }

    /// Compares every byte, so the time taken says nothing about how much of a guess was right.
    static func same(_ given: Substring, _ token: String) -> Bool {
        let a = Array(given.utf8), b = Array(token.utf8)
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
