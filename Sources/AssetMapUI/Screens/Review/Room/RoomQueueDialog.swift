import AssetMapCore
import TerminalKit

extension Scope {
    static let roomQueue = Scope("room-queue", title: "What the room sent")
}

/// `W` on the Review tab: the notes and suggested barriers from phones, oldest first. Nothing a
/// participant writes enters the map until the facilitator accepts it here: then it lands as an
/// ordinary edit of the session (undo, history, the map saved), and the room notes it was accepted.
struct RoomQueueDialog: Dialog {
    static let bindings: [Binding] =
        Binding.listKeys(.roomQueue, pages: false, letters: true) + [
            Binding(keys: [.enter, .char("y")], action: .accept, scopes: [.roomQueue], help: "accept", hint: "accept"),
            Binding(
                keys: [.char("e")], action: .review(.note), scopes: [.roomQueue], help: "edit, then accept",
                hint: "edit"),
            Binding(keys: [.char("x")], action: .delete, scopes: [.roomQueue], help: "discard", hint: "discard"),
            Binding.cancel(.roomQueue, "back"),
        ]

    var selected = 0
    var scroll = ListScroll()
    var scopes: [Scope] { [.roomQueue] }

    mutating func handle(_ action: Action?, typed: Character?, session: Session) -> [Effect] {
        guard let room = session.environment.room else { return [.dismiss] }
        let queue = room.status.queue
        selected = min(selected, max(0, queue.count - 1))
        switch action {
        case .cancel: return [.dismiss]
        case .up, .down: selected = moved(selected, by: action, count: queue.count) ?? selected
        case .accept where queue.indices.contains(selected):
            return Self.accept(queue[selected], text: nil, session: session)
        case .review(.note) where queue.indices.contains(selected):
            let item = queue[selected]
            var what = "The barrier's label:"
            if case .note = item.kind { what = "The note, as it will land:" }
            return [
                .present(
                    TextPrompt(title: "Edit, then accept", detail: what, text: item.text, onCancel: [.present(self)]) {
                        text, session in
                        let edited = text.trimmingCharacters(in: .whitespaces)
                        guard !edited.isEmpty else { return [.message("It cannot be empty; Esc goes back")] }
                        return [.present(RoomQueueDialog())] + Self.accept(item, text: edited, session: session)
                    })
            ]
        case .delete where queue.indices.contains(selected):
            do {
                try room.discard(queue[selected].id)
                return [.message("Discarded; it stays out of the map")]
            } catch {
                return [.message("Not discarded: \(error)")]
            }
        default: break
        }
        return []
    }

    /// The item as an edit of the session (its dated history with it), the map saved, then the room told.
    static func accept(_ item: RoomQueueItem, text: String?, session: Session) -> [Effect] {
        guard let room = session.environment.room else { return [] }
        let today = session.environment.today()
        let make: (MapDocument) throws -> Change
        switch item.kind {
        case .note(let barrier, let note):
            make = { try $0.addRoomNote(barrier, text: text ?? note, date: today) }
        case .suggestion(let label, let communities, let place):
            make = {
                try $0.addSuggestedBarrier(label: text ?? label, communities: communities, place: place, date: today)
                    .change
            }
        }
        return [
            .edit(
                make,
                then: [
                    .save(thenQuit: false),
                    .later { _ in
                        do { try room.accepted(item.id, text: text) } catch {
                            return [.message("Accepted, but the room's journal was not written: \(error)")]
                        }
                        return []
                    },
                ])
        ]
    }

    private static func describe(_ item: RoomQueueItem, graph: MapGraph) -> String {
        let who = item.name.map { " (\($0))" } ?? ""
        switch item.kind {
        case .note(let barrier, let text):
            return "Note on \(graph.node(barrier)?.label ?? barrier): \(text)\(who)"
        case .suggestion(let label, let communities, let place):
            let affects = communities.map { graph.node($0)?.label ?? $0 }.joined(separator: ", ")
            let whereText = place.map { ", where: \($0)" } ?? ""
            return "New barrier: \(label)\(affects.isEmpty ? "" : " (affects \(affects))")\(whereText)\(who)"
        }
    }

    /// As wide as the screen allows, up to 110 columns: a suggestion says a lot in one line.
    private static func width(_ screen: Rect) -> Int { max(40, min(110, screen.width - 4)) }

    private static func rows(_ screen: Rect, count: Int) -> Rect {
        Widgets.dialogInner(width: width(screen), height: max(1, count) + 4, screen: screen)
    }

    mutating func fit(screen: Rect, session: Session) {
        let count = session.environment.room?.status.queue.count ?? 0
        selected = min(selected, max(0, count - 1))
        scroll.fit(selected: selected, count: count, rows: max(0, Self.rows(screen, count: count).height - 2))
    }

    func draw(into buffer: inout Buffer, session: Session) {
        let status = session.environment.room?.status ?? RoomStatus()
        let queue = status.queue
        let inner = Widgets.dialog(
            title: "From the room: \(queue.count) waiting", width: Self.width(buffer.area),
            height: max(1, queue.count) + 4, into: &buffer)
        buffer.put(
            TextWidth.truncate(
                "Nothing enters the map until you accept it. Enter accepts, e edits first, x discards.", to: inner.width
            ),
            x: inner.x, y: inner.y, style: session.theme[.dim])
        let list = Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: max(0, inner.height - 2))
        guard !queue.isEmpty else {
            buffer.put("Nothing waiting.", x: list.x, y: list.y)
            return
        }
        let graph = session.graph
        ListView.draw(
            scroll.fitted(selected: selected, count: queue.count, rows: list.height), count: queue.count,
            selected: selected, in: list, into: &buffer
        ) { (Self.describe(queue[$0], graph: graph), .plain) }
    }
}
