import AssetMapCore
import AssetMapRoom
import AssetMapUI
import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// The live review room for the UI (issue 27), closed until the facilitator opens it (`R`, or
/// `assetmap FILE --room ADDRESS:PORT` before the UI starts): the server on its own tasks, the join
/// address in a sidecar beside the map (owner only) while it is open, and what the UI draws kept as a
/// snapshot it reads without waiting. The facilitator's decisions are journaled here; what they change
/// in the map the UI does as edits of its session.
final class LiveRoom: RoomLink, @unchecked Sendable {
    let mapPath: String
    let sidecar: String
    /// The port `R` listens on first (another free one when it is taken).
    let preferredPort: Int
    private let lock = NSLock()
    private var snapshot = RoomStatus()
    private var running: Running?

    private struct Running {
        var hub: RoomHub
        var server: Task<Void, Never>
        var watcher: Task<Void, Never>
        var shower: Task<Void, Never>
        var cards: AsyncStream<BarrierCard>.Continuation
    }

    init(mapPath: String, preferredPort: Int = 8080) {
        self.mapPath = mapPath
        self.preferredPort = preferredPort
        sidecar = ((try? AtomicWrite.resolve(mapPath)) ?? mapPath) + ".room-address"
    }

    /// "HOST:PORT", "[IPv6]:PORT".
    static func parse(_ address: String) -> (host: String, port: Int)? {
        guard let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]),
            (0...65535).contains(port)
        else { return nil }
        var host = String(address[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return host.isEmpty ? nil : (host, port)
    }

    static func communities(_ document: MapDocument) -> [(id: String, label: String)] {
        document.graph.nodes.filter { $0.hasKind(.community) }.map { (id: $0.id, label: $0.label) }
    }

    /// Opens the room and waits until it listens on the first of `ports` it can; throws a sentence for the
    /// user when it cannot.
    func open(
        host: String, ports: [Int], communities: [(id: String, label: String)], recovered: [RoomEvent]
    ) throws {
        guard running == nil else { return }
        let hub: RoomHub
        do {
            hub = try RoomHub(
                mapPath: mapPath, communities: communities.map { RoomCommunity(id: $0.id, label: $0.label) },
                recovered: recovered)
        } catch {
            throw OpenFailure(message: "assetmap: the room cannot open: \(error)", status: 1)
        }
        let server = RoomServer(hub: hub)
        var why = "no port"
        var listening: (task: Task<Void, Never>, port: Int)?
        for port in ports where listening == nil {
            let bound = BoundPort()
            let task = Task.detached {
                do {
                    try await server.run(host: host, port: port) { bound.set(.success($0)) }
                } catch {
                    bound.set(.failure(error))
                }
            }
            switch bound.wait(seconds: 30) {
            case .success(let actual): listening = (task, actual)
            case .failure(let error):
                task.cancel()
                why = "\(error)"
            case nil:
                task.cancel()
                why = "timed out"
            }
        }
        guard let (serverTask, actual) = listening else {
            _ = try? Blocking.run { try await hub.close(landing: false) }
            throw OpenFailure(
                message: "assetmap: the room cannot listen on \(host):\(ports.first ?? 0): \(why)", status: 1)
        }
        let shownHost = host.contains(":") ? "[\(host)]" : host
        let joinAddress = "http://\(shownHost):\(actual)\(server.joinPath)"
        do {
            try writeSidecar(joinAddress)
        } catch {
            serverTask.cancel()
            _ = try? Blocking.run { try await hub.close(landing: false) }
            throw error
        }
        let (stream, cards) = AsyncStream<BarrierCard>.makeStream()
        let shower = Task.detached {
            for await card in stream { try? await hub.show(RoomCard(card)) }
        }
        let watcher = Task.detached { [weak self] in
            let changes = await hub.facilitatorChanges()
            await self?.refresh(hub)
            for await _ in changes { await self?.refresh(hub) }
        }
        lock.withLock {
            running = Running(hub: hub, server: serverTask, watcher: watcher, shower: shower, cards: cards)
            snapshot.isOpen = true
            snapshot.address = joinAddress
            snapshot.code = JoinCode.matrix(joinAddress) ?? []
            snapshot.version += 1
        }
        try? Blocking.run { [self] in await refresh(hub) }
    }

    private var hub: RoomHub? { lock.withLock { running?.hub } }

    private func writeSidecar(_ joinAddress: String) throws {
        unlink(sidecar)  // one left by a killed room: the journal's lock says no room is open now
        let fd = Glibc.open(sidecar, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw OpenFailure(
                message: "assetmap: cannot write \(sidecar): \(String(cString: strerror(errno)))", status: 1)
        }
        defer { Glibc.close(fd) }
        try AtomicWrite.writeAll(fd, Data((joinAddress + "\n").utf8), sidecar)
    }

    private func refresh(_ hub: RoomHub) async {
        let room = await hub.room
        let tally = room.tally.mapValues { RoomVotes(votes: $0.votes, people: $0.participants) }
        let queue = room.pending.map { item in
            switch item.kind {
            case .note(let barrier, let text):
                RoomQueueItem(id: item.id, kind: .note(barrier: barrier, text: text), name: item.name)
            case .suggestion(let label, let communities, let place):
                RoomQueueItem(
                    id: item.id, kind: .suggestion(label: label, communities: communities, place: place),
                    name: item.name)
            }
        }
        lock.withLock {
            guard running?.hub === hub else { return }  // a room closed meanwhile
            snapshot.version += 1
            snapshot.joined = room.participants.count
            snapshot.votes = tally
            snapshot.unlanded = room.unlandedVotes
            snapshot.queue = queue
            snapshot.allowance = room.allowance
        }
    }

    /// A call on the room from the UI, waited for, then the snapshot brought up to date.
    private func facilitator(_ body: @escaping @Sendable (RoomHub) async throws -> Void) throws {
        guard let hub else { throw EditError("the room is not open") }
        try Blocking.run { [self] in
            try await body(hub)
            await refresh(hub)
        }
    }

    // MARK: RoomLink

    var status: RoomStatus { lock.withLock { snapshot } }

    func show(_ card: BarrierCard) { _ = lock.withLock { running?.cards.yield(card) } }

    func addresses() -> [RoomAddress] {
        NetworkAddresses.list().map { RoomAddress(interface: $0.interface, host: $0.host, isLoopback: $0.isLoopback) }
    }

    func earlier() -> String? {
        guard let events = try? RoomJournal.read(RoomJournal.path(besides: mapPath)), !events.isEmpty else {
            return nil
        }
        return RoomRecovery.summary(events, mapPath)
    }

    /// From the UI: the journal an earlier room left is gone on from (the dialog said so).
    func open(host: String, communities: [(id: String, label: String)]) throws {
        do {
            let recovered = try RoomJournal.read(RoomJournal.path(besides: mapPath)) ?? []
            try open(
                host: host, ports: preferredPort == 0 ? [0] : [preferredPort, 0], communities: communities,
                recovered: recovered)
        } catch let failure as OpenFailure {
            throw EditError(failure.message.replacingOccurrences(of: "assetmap: ", with: ""))
        }
    }

    func close() -> String { close(landing: false) }

    func setAllowance(_ votes: Int) throws { try facilitator { try await $0.setAllowance(votes) } }

    func accepted(_ item: Int, text: String?) throws { try facilitator { try await $0.noteAccepted(item, text: text) } }

    func discard(_ item: Int) throws { try facilitator { try await $0.discard(item) } }

    func votesLanded() throws { try facilitator { try await $0.noteVotesLanded() } }

    /// Stops the room. `landing`: the votes land in the map first through the one locked save (the
    /// program ending normally, the UI gone); else they stay in the journal unless the UI landed them.
    /// Returns what the user should read.
    func close(landing: Bool) -> String {
        guard let open = lock.withLock({ running }) else { return "" }
        open.cards.finish()
        open.watcher.cancel()
        let hub = open.hub
        let result =
            (try? Blocking.run { () async -> String in
                do {
                    try await hub.close(landing: landing)
                } catch {
                    return "the room's votes did not land (\(error)); they are kept in \(await hub.journalPath)"
                }
                let room = await hub.room
                let journal = await hub.journalPath
                if !room.pending.isEmpty {
                    return
                        "\(room.pending.count) notes and suggestions from the room wait in \(journal); reopen the room to decide them"
                }
                return room.unlandedVotes.isEmpty ? "" : "the room's votes are kept in \(journal) for the next time"
            }) ?? ""
        open.server.cancel()
        open.shower.cancel()
        unlink(sidecar)
        lock.withLock {
            running = nil
            snapshot.isOpen = false
            snapshot.address = ""
            snapshot.code = []
            snapshot.queue = []
            snapshot.unlanded = []
            snapshot.version += 1
        }
        return result
    }
}

/// The port the server bound, or why it could not.
private final class BoundPort: @unchecked Sendable {
    private let condition = NSCondition()
    private var result: Result<Int, any Error>?

    func set(_ value: Result<Int, any Error>) {
        condition.withLock {
            if result == nil { result = value }
            condition.broadcast()
        }
    }

    func wait(seconds: Double) -> Result<Int, any Error>? {
        condition.withLock {
            let deadline = Date(timeIntervalSinceNow: seconds)
            while result == nil, condition.wait(until: deadline) {}
            return result
        }
    }
}
