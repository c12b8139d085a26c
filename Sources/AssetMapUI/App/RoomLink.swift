import AssetMapCore

/// The live review room as the UI sees it (issue 27): the UI opens and closes it, tells it the card on
/// show, reads what the room looks like and notes the facilitator's decisions. The command line gives
/// the real one (AssetMapRoom, on the network); the UI stays free of networking. What an accepted
/// item or the votes change in the map, the UI does itself, as ordinary edits of its session.
package protocol RoomLink: AnyObject, Sendable {
    /// The card on the facilitator's screen, for the phones to follow.
    func show(_ card: BarrierCard)
    /// The room now; its `version` changes with every change worth drawing.
    var status: RoomStatus { get }
    /// Where the room could listen (the machine's addresses, loopback among them).
    func addresses() -> [RoomAddress]
    /// What an earlier room left in the journal, in words (opening goes on from it), or nil.
    func earlier() -> String?
    /// Starts listening on `host`; throws an error worded for the facilitator.
    func open(host: String, communities: [(id: String, label: String)]) throws
    /// Stops listening; says what stays in the journal (undecided items), or "".
    func close() -> String
    func setAllowance(_ votes: Int) throws
    /// The item landed in the map (as an edit of the session), `text` as the facilitator edited it.
    func accepted(_ item: Int, text: String?) throws
    func discard(_ item: Int) throws
    /// `status.unlanded` landed in the map (as an edit of the session).
    func votesLanded() throws
}

package struct RoomAddress: Equatable, Sendable {
    package var interface: String
    package var host: String
    package var isLoopback: Bool

    package init(interface: String, host: String, isLoopback: Bool) {
        self.interface = interface
        self.host = host
        self.isLoopback = isLoopback
    }
}

/// Votes on one barrier and how many people placed them.
package struct RoomVotes: Equatable, Sendable {
    package var votes: Int
    package var people: Int

    package init(votes: Int, people: Int) {
        self.votes = votes
        self.people = people
    }
}

/// A note or a suggestion from a phone, waiting for the facilitator.
package struct RoomQueueItem: Equatable, Sendable {
    package enum Kind: Equatable, Sendable {
        case note(barrier: String, text: String)
        case suggestion(label: String, communities: [String], place: String?)
    }

    package var id: Int
    package var kind: Kind
    /// The name the participant gave, if any.
    package var name: String?

    package init(id: Int, kind: Kind, name: String? = nil) {
        self.id = id
        self.kind = kind
        self.name = name
    }

    /// The text the facilitator may edit before accepting: the note, or the barrier's label.
    package var text: String {
        switch kind {
        case .note(_, let text): text
        case .suggestion(let label, _, _): label
        }
    }
}

package struct RoomStatus: Equatable, Sendable {
    package var version = 0
    package var isOpen = false
    package var joined = 0
    /// Votes placed in the room so far, by barrier id.
    package var votes: [String: RoomVotes] = [:]
    /// Votes changed since they last landed in the map: barrier, votes added (or taken back), voters now.
    package var unlanded: [(barrier: String, added: Int, participants: Int)] = []
    /// Notes and suggestions waiting for the facilitator, in the order they came.
    package var queue: [RoomQueueItem] = []
    /// Votes each participant has for the session.
    package var allowance = 3
    /// Where phones join, and it as a QR code (rows of modules, `true` dark; empty when none).
    package var address = ""
    package var code: [[Bool]] = []

    package init() {}

    package var waiting: Int { queue.count }

    package static func == (a: RoomStatus, b: RoomStatus) -> Bool {
        a.version == b.version && a.isOpen == b.isOpen && a.joined == b.joined && a.votes == b.votes
            && a.queue == b.queue && a.allowance == b.allowance && a.address == b.address && a.code == b.code
            && a.unlanded.map { "\($0)" } == b.unlanded.map { "\($0)" }
    }
}
