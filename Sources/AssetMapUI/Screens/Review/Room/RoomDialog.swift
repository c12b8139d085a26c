import AssetMapCore
import TerminalKit

extension Scope {
    static let room = Scope("room", title: "The live review room")
}

/// `R` on the Review tab: with the room closed, the machine's addresses to listen on (nothing listens
/// until one is chosen); with it open, the join address and its QR code for the projected screen, the
/// votes each participant has (+ −), and `R` again closes it, the votes landing in the map.
struct RoomDialog: Dialog {
    static let bindings: [Binding] =
        Binding.listKeys(.room, pages: false, letters: true) + [
            Binding(keys: [.enter], action: .accept, scopes: [.room], help: "open the room here", hint: "listen here"),
            Binding(
                keys: [.char("R")], action: .review(.room), scopes: [.room],
                help: "close the room (its votes land in the map, which is saved)", hint: "close room"),
            Binding(
                keys: [.char("+"), .char("=")], action: .review(.roomMore), scopes: [.room],
                help: "one vote more for each participant", hint: "votes"),
            Binding(keys: [.char("-")], action: .review(.roomLess), scopes: [.room], help: "one vote fewer each"),
            Binding(
                keys: [.char("W")], action: .review(.roomQueue), scopes: [.room],
                help: "the notes and suggestions waiting", hint: "queue"),
            Binding.cancel(.room, "back"),
        ]

    /// Where the room could listen, read when the dialog opened.
    var addresses: [RoomAddress]
    var selected = 0
    var scopes: [Scope] { [.room] }

    init(room: any RoomLink) {
        addresses = room.isOpenNow ? [] : room.addresses()
    }

    mutating func handle(_ action: Action?, typed: Character?, session: Session) -> [Effect] {
        guard let room = session.environment.room else { return [.dismiss] }
        let status = room.status
        switch action {
        case .cancel: return [.dismiss]
        case .up, .down:
            selected = moved(selected, by: action, count: addresses.count) ?? selected
        case .accept where !status.isOpen && addresses.indices.contains(selected):
            let communities = session.graph.nodes.filter { $0.hasKind(.community) }.map { (id: $0.id, label: $0.label) }
            do {
                try room.open(host: addresses[selected].host, communities: communities)
            } catch {
                return [.message("The room did not open: \(error)")]
            }
            addresses = []
            return [.message("Room open: phones join at \(room.status.address)")]
        case .review(.room) where status.isOpen: return [.dismiss] + Self.close(session)
        case .review(.roomMore) where status.isOpen: return Self.allowance(status.allowance + 1, room)
        case .review(.roomLess) where status.isOpen: return Self.allowance(max(0, status.allowance - 1), room)
        case .review(.roomQueue) where status.isOpen: return [.present(RoomQueueDialog())]
        default: break
        }
        return []
    }

    private static func allowance(_ votes: Int, _ room: any RoomLink) -> [Effect] {
        do {
            try room.setAllowance(votes)
            return [.message("Each participant now has \(votes) vote\(votes == 1 ? "" : "s")")]
        } catch {
            return [.message("Not changed: \(error)")]
        }
    }

    /// Lands the votes since they last landed (one edit, saved), notes that in the room, and stops it. On a
    /// read-only map nothing lands: the votes stay in the room's journal for the next time.
    static func close(_ session: Session) -> [Effect] {
        guard let room = session.environment.room else { return [] }
        let unlanded = room.status.unlanded
        let today = session.environment.today()
        let stop: Effect = .later { _ in
            let said = room.close()
            return [.message(said.isEmpty ? "Room closed" : "Room closed; \(said)")]
        }
        guard !unlanded.isEmpty, !session.isReadOnly else { return [stop] }
        return [
            .edit(
                { try $0.landRoomVotes(unlanded, date: today).change },
                then: [
                    .save(thenQuit: false),
                    .later { _ in
                        do { try room.votesLanded() } catch { return [.message("The room's journal: \(error)")] }
                        return [stop]
                    },
                ])
        ]
    }

    func draw(into buffer: inout Buffer, session: Session) {
        guard let room = session.environment.room else { return }
        let status = room.status
        if status.isOpen {
            drawOpen(status, into: &buffer, session: session)
        } else {
            drawChoice(room, &buffer, session)
        }
    }

    private func drawChoice(_ room: any RoomLink, _ buffer: inout Buffer, _ session: Session) {
        var lines = ["Listen on which address? Phones and laptops on that network join the room there."]
        if let earlier = room.earlier() {
            lines.append("An earlier room is kept: \(earlier); opening goes on from it.")
        }
        let width = min(buffer.width - 6, 72)
        let text = lines.flatMap { Widgets.wrap($0, width: width - 2) }
        let inner = Widgets.dialog(
            title: "Open the room", width: width, height: text.count + addresses.count + 3, into: &buffer)
        for (i, line) in text.enumerated() {
            buffer.put(line, x: inner.x, y: inner.y + i, style: session.theme[.heading])
        }
        let list = Rect(x: inner.x, y: inner.y + text.count + 1, width: inner.width, height: addresses.count)
        for (i, address) in addresses.enumerated() where list.y + i < inner.maxY {
            let note = address.isLoopback ? "this machine only" : address.interface
            let chosen = i == selected
            buffer.put(
                TextWidth.truncate("\(chosen ? "▸" : " ") \(address.host)  (\(note))", to: list.width), x: list.x,
                y: list.y + i, style: chosen ? session.theme[.selectedCell] : .plain)
        }
    }

    private func drawOpen(_ status: RoomStatus, into buffer: inout Buffer, session: Session) {
        let code = RoomCode.rows(status.code)
        let codeWidth = code.first.map { TextWidth.of($0) } ?? 0
        // The code beside the words when the screen has room for both, else the words alone.
        let showsCode = !code.isEmpty && codeWidth + 30 <= buffer.width - 4 && code.count + 2 <= buffer.height - 2
        let textWidth = showsCode ? min(40, buffer.width - 6 - codeWidth - 1) : min(buffer.width - 6, 60)
        var text: [String] = ["Join at:"]
        var rest = Substring(status.address)
        while !rest.isEmpty {
            text.append(String(rest.prefix(textWidth)))
            rest = rest.dropFirst(textWidth)
        }
        text += [
            "",
            "\(status.joined) joined · \(status.allowance) vote\(status.allowance == 1 ? "" : "s") each",
            "\(status.waiting) note\(status.waiting == 1 ? "" : "s") and suggestions waiting",
            "",
        ]
        text += Widgets.wrap(
            "+ − votes each · W the queue · R closes the room (votes land) · Esc back", width: textWidth)
        if !showsCode && !code.isEmpty { text.append("(a larger window shows the QR code)") }
        let height = max(text.count, showsCode ? code.count : 0) + 2
        let inner = Widgets.dialog(
            title: "ROOM OPEN", width: (showsCode ? codeWidth + 1 : 0) + textWidth + 2, height: height, into: &buffer)
        if showsCode {
            let ink = Style(foreground: .black, background: .white)
            for (i, row) in code.enumerated() where inner.y + i < inner.maxY {
                buffer.put(row, x: inner.x, y: inner.y + i, style: ink)
            }
        }
        let x = inner.x + (showsCode ? codeWidth + 1 : 0)
        for (i, line) in text.enumerated() where inner.y + i < inner.maxY {
            buffer.put(
                TextWidth.truncate(line, to: inner.maxX - x), x: x, y: inner.y + i, style: session.theme[.heading])
        }
    }
}

extension RoomLink {
    var isOpenNow: Bool { status.isOpen }
}

/// A QR code as text: two rows of modules a line (upper and lower half blocks), with the light
/// margin scanners need around it.
enum RoomCode {
    static let margin = 2

    static func rows(_ modules: [[Bool]]) -> [String] {
        guard let width = modules.first?.count, width > 0 else { return [] }
        let side = width + 2 * margin
        func dark(_ row: Int, _ column: Int) -> Bool {
            let (r, c) = (row - margin, column - margin)
            return modules.indices.contains(r) && modules[r].indices.contains(c) && modules[r][c]
        }
        return stride(from: 0, to: side, by: 2).map { row in
            String(
                (0..<side).map { column -> Character in
                    switch (dark(row, column), dark(row + 1, column)) {
                    case (true, true): "█"
                    case (true, false): "▀"
                    case (false, true): "▄"
                    case (false, false): " "
                    }
                })
        }
    }
}
