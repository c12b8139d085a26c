import AssetMapCore
import Foundation

/// The room while it is open: the pure `Room`, its journal, and everyone waiting for the next card.
/// Every phone's action is checked, journaled (on the disk), then taken in and acknowledged, in
/// that order, one at a time.
package actor RoomHub {
    package private(set) var room: Room
    package let mapPath: String
    private let journal: RoomJournal
    private var listeners: [UUID: AsyncStream<Void>.Continuation] = [:]
    private var closed = false

    /// Opens the room of the map at `mapPath`, going on from `recovered` (the events of an earlier
    /// journal, already offered to the facilitator and accepted), which the journal keeps.
    package init(
        mapPath: String, communities: [RoomCommunity], limits: Room.Limits = Room.Limits(),
        recovered: [RoomEvent] = []
    ) throws {
        self.mapPath = mapPath
        journal = try RoomJournal(path: RoomJournal.path(besides: mapPath))
        var events = recovered
        if let done = RoomLanding.settle(recovered, mapPath: mapPath) {
            try journal.append(done)
            events.append(done)
        }
        room = Room.replay(events, communities: communities, limits: limits)
    }

    package nonisolated static func randomID(bytes: Int = 16) -> String {
        var generator = SystemRandomNumberGenerator()  // getrandom(2): a cryptographic source
        return (0..<bytes).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    package var journalPath: String { journal.path }

    // MARK: Phones

    package enum Failure: Error, Equatable {
        case refused(RoomRefusal)
        /// The journal could not be written: nothing was taken in.
        case notKept(String)
        case closed
    }

    /// Checks the phone's action, writes it to the journal and takes it in, then returns once the
    /// journal is on the disk: only then may the phone hear "done".
    private func record(_ check: () throws(RoomRefusal) -> RoomEvent) async throws(Failure) -> RoomEvent {
        guard !closed else { throw .closed }
        if let broken { throw .notKept(broken) }
        let event: RoomEvent
        do { event = try check() } catch { throw .refused(error) }
        do {
            try journal.write(event)
        } catch {
            broken = "\(error)"  // a line may be cut short: nothing more may follow it
            throw .notKept("\(error)")
        }
        room.apply(event)
        written += 1
        guard await durable(written) else { throw .notKept(broken ?? "not on the disk") }
        return event
    }

    // Group commit: the events written while one fsync runs share the next one, so two hundred
    // phones voting at once wait for a few flushes of the journal, not one each in turn.
    private var written = 0
    private var flushed = 0
    private var flushing = false
    private var waiting: [(upTo: Int, wake: CheckedContinuation<Bool, Never>)] = []
    /// Why the journal can take nothing more (a failed write or flush); every later action is refused.
    private var broken: String?

    private func durable(_ sequence: Int) async -> Bool {
        if flushed >= sequence { return true }
        if broken != nil { return false }
        if !flushing {
            flushing = true
            Task { await self.flushAll() }
        }
        return await withCheckedContinuation { waiting.append((sequence, $0)) }
    }

    private func flushAll() async {
        while flushed < written, broken == nil {
            let target = written
            if let failure = await journal.flusher() { broken = failure } else { flushed = target }
            wake()
        }
        flushing = false
        wake()
    }

    private func wake() {
        let ok = broken == nil
        var still: [(upTo: Int, wake: CheckedContinuation<Bool, Never>)] = []
        for waiter in waiting {
            if !ok || waiter.upTo <= flushed { waiter.wake.resume(returning: ok) } else { still.append(waiter) }
        }
        waiting = still
    }

    /// A new participant id (random, 128 bits).
    package func join() async throws(Failure) -> String {
        let id = Self.randomID()
        _ = try await record { () throws(RoomRefusal) in try room.checkJoin(id) }
        notify()
        return id
    }

    package func isParticipant(_ id: String) -> Bool { room.isParticipant(id) }

    package func view(for participant: String) -> ParticipantView { ParticipantView(room, participant: participant) }

    package func vote(_ participant: String, barrier: String, delta: Int) async throws(Failure) -> ParticipantView {
        _ = try await record { () throws(RoomRefusal) in try room.checkVote(participant, barrier: barrier, delta: delta)
        }
        notifyFacilitator()
        return view(for: participant)
    }

    package func note(_ participant: String, text: String, name: String?) async throws(Failure) -> ParticipantView {
        _ = try await record { () throws(RoomRefusal) in try room.checkNote(participant, text: text, name: name) }
        notifyFacilitator()
        return view(for: participant)
    }

    package func suggest(
        _ participant: String, label: String, communities: [String], place: String?, name: String?
    ) async throws(Failure) -> ParticipantView {
        _ = try await record { () throws(RoomRefusal) in
            try room.checkSuggestion(participant, label: label, communities: communities, place: place, name: name)
        }
        notifyFacilitator()
        return view(for: participant)
    }

    /// Wakes with every change a phone should see (the card on show, the allowance); ends when the room closes.
    package func changes() -> AsyncStream<Void> {
        let (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let key = UUID()
        if closed { continuation.finish() } else { listeners[key] = continuation }
        continuation.onTermination = { [weak self] _ in Task { await self?.forget(key) } }
        continuation.yield()
        return stream
    }

    private func forget(_ key: UUID) { listeners[key] = nil }

    private func notify() {
        for listener in listeners.values { listener.yield() }
        notifyFacilitator()
    }

    // MARK: The facilitator

    private var facilitatorWatchers: [UUID: AsyncStream<Void>.Continuation] = [:]

    /// Wakes with every change the facilitator's screen shows (joins, votes, new items).
    package func facilitatorChanges() -> AsyncStream<Void> {
        let (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let key = UUID()
        facilitatorWatchers[key] = continuation
        continuation.onTermination = { [weak self] _ in Task { await self?.forgetWatcher(key) } }
        return stream
    }

    private func forgetWatcher(_ key: UUID) { facilitatorWatchers[key] = nil }

    private func notifyFacilitator() {
        for watcher in facilitatorWatchers.values { watcher.yield() }
    }

    private func facilitator(_ event: RoomEvent) throws {
        guard !closed else { throw Failure.closed }
        if let broken { throw Failure.notKept(broken) }
        try journal.append(event)
        room.apply(event)
        notify()
    }

    package func show(_ card: RoomCard) throws { try facilitator(.shown(card: card)) }

    package func setAllowance(_ votes: Int) throws { try facilitator(.allowance(max(0, votes))) }

    /// Lands the item in the map (with `text` replacing its text or label, when edited), then notes it.
    @discardableResult
    package func accept(_ itemID: Int, text: String? = nil, date: String = ReviewDate.today()) throws -> String {
        guard var item = room.pending.first(where: { $0.id == itemID }) else {
            throw EditError("no item \(itemID) is waiting")
        }
        var edited = text
        if let text {
            edited = try RoomText.clean(text, limit: room.limits.noteLength)
            switch item.kind {
            case .note(let barrier, _): item.kind = .note(barrier: barrier, text: edited!)
            case .suggestion(_, let chosen, let place):
                item.kind = .suggestion(label: edited!, communities: chosen, place: place)
            }
        }
        guard !closed else { throw Failure.closed }
        let what = try RoomLanding.land(item, in: mapPath, date: date) { marks in
            try journal.append(.landing(RoomLandingIntent(item: itemID, text: edited, marks: marks)))
        }
        try facilitator(.accepted(item: itemID, text: edited))
        return what
    }

    /// The facilitator's program landed the item itself (an edit of its open session, saved with it):
    /// the journal only notes that it was accepted.
    package func noteAccepted(_ itemID: Int, text: String? = nil) throws {
        guard room.pending.contains(where: { $0.id == itemID }) else { throw EditError("no item \(itemID) is waiting") }
        try facilitator(.accepted(item: itemID, text: text))
    }

    /// The votes so far landed through the facilitator's open session: later landings add only what changed since.
    package func noteVotesLanded() throws { try facilitator(.votesLanded) }

    package func discard(_ itemID: Int) throws {
        guard room.pending.contains(where: { $0.id == itemID }) else { throw EditError("no item \(itemID) is waiting") }
        try facilitator(.discarded(item: itemID))
    }

    /// Lands the votes placed since the last landing. Returns the barriers no longer in the map.
    @discardableResult
    package func landVotes(date: String = ReviewDate.today()) throws -> [String] {
        guard !closed else { throw Failure.closed }
        let missing = try RoomLanding.landVotes(room, in: mapPath, date: date) { marks in
            try journal.append(.landing(RoomLandingIntent(item: nil, text: nil, marks: marks)))
        }
        try facilitator(.votesLanded)
        return missing
    }

    /// Closes the room: lands the votes, ends every phone's stream, and removes the journal when nothing
    /// in it waits (undecided notes and suggestions keep it, to be offered next time).
    /// `landing: false`: the facilitator's program landed the votes itself (or could not: a read-only map),
    /// and nothing is written to the map here; votes not landed keep the journal.
    package func close(date: String = ReviewDate.today(), landing: Bool = true) throws {
        guard !closed else { return }
        if landing { try landVotes(date: date) }
        closed = true
        for listener in listeners.values { listener.finish() }
        for watcher in facilitatorWatchers.values { watcher.finish() }
        listeners = [:]
        facilitatorWatchers = [:]
        if !room.hasUnlanded { journal.remove() }
    }

    package var isClosed: Bool { closed }
}
