import Foundation
import AssetMapCore
import TerminalKit

// The Review tab's session summary (`m`): what changed since the map was opened, paged like a text, and
// `w` writing the minutes of today's session next to the map (the core's report, as
// `assetmap report FILE --since DATE` writes them). Its own keys (scope `.reviewSummary`); the card keys
// still reach the card under it.

extension Scope {
    static let reviewSummary = Scope("tab:Review:summary", title: "Review summary")
}

extension ReviewScreen {
    static let summaryBindings: [Binding] = {
        func bind(_ keys: [Key], _ action: Action, _ help: String, hint: String? = nil) -> Binding {
            Binding(keys: keys, action: action, scopes: [.reviewSummary], help: help, hint: hint)
        }
        return [
            bind([.up, .char("k")], .up, "a line up"),
            bind([.down, .char("j")], .down, "a line down"),
            bind([.pageUp], .pageUp, "a page up"),
            bind([.pageDown], .pageDown, "a page down"),
            bind([.home], .home, "the top"),
            bind([.end], .end, "the end"),
            bind(
                [.char("w")], .review(.writeMinutes),
                "write the minutes of today's session next to the map (minutes-YYYY-MM-DD.md)", hint: "write minutes"),
            bind([.char("m"), .escape], .review(.cards), "back to the cards", hint: "cards"),
        ]
    }()

    /// A key in the summary (nil: not the summary's own, the card keys take it).
    mutating func handleSummary(_ action: Action, session: Session) -> [Effect]? {
        let page = max(1, Self.textArea(session.contentArea).height - 1)
        let far = 1 << 40
        switch action {
        case .up: scrollText(by: -1, area: session.contentArea, session: session)
        case .down: scrollText(by: 1, area: session.contentArea, session: session)
        case .pageUp: scrollText(by: -page, area: session.contentArea, session: session)
        case .pageDown: scrollText(by: page, area: session.contentArea, session: session)
        case .home: scrollText(by: -far, area: session.contentArea, session: session)
        case .end: scrollText(by: far, area: session.contentArea, session: session)
        case .review(.writeMinutes): return Self.writeMinutes(session)
        default: return nil
        }
        return []
    }

    /// The minutes since today (`ReviewReport.minutes`, Markdown) as `minutes-TODAY.md` beside the map,
    /// asking before replacing one. The bundled example (a copy with no folder of the user's) asks where.
    static func writeMinutes(_ session: Session) -> [Effect] {
        guard !session.loadErrors.hasErrors else {
            return [
                .message(
                    "No minutes written: \(session.fileName) has errors (! lists them), as `assetmap report` refuses")
            ]
        }
        if session.hasUnsavedChanges {
            // `assetmap report` reads the file: minutes of unsaved decisions would not match it.
            return [
                .present(
                    ConfirmDialog(
                        question:
                            "\(session.fileName) has unsaved changes. Save it first, so the minutes and `assetmap report` agree? y saves, then writes; n writes the minutes only",
                        yes: [
                            .save(thenQuit: false),
                            .later { session in
                                session.hasUnsavedChanges
                                    ? [] : minutes(session)
                            },
                        ],
                        no: minutes(session)))
            ]
        }
        return minutes(session)
    }

    private static func minutes(_ session: Session) -> [Effect] {
        let today = session.environment.today()
        let name = "minutes-\(today).md"
        // Who joined the room today, while it is open or after it closed.
        let joined = session.environment.room.map(\.status.joined).flatMap { $0 > 0 ? $0 : nil }
        let data = Data(
            ReviewReport.minutes(session.graph, since: today, today: today, roomJoined: joined).rendered(as: .markdown)
                .utf8)
        guard !session.savesAsCopy else {
            return [
                .present(
                    TextPrompt(
                        title: "Write the minutes",
                        detail: "The example is a copy; write the minutes since \(today) to:", text: name
                    ) {
                        text, session in
                        let path = text.trimmingCharacters(in: .whitespaces)
                        return path.isEmpty
                            ? [.message("Give a file name")] : [.dismiss] + write(data, to: path, since: today, session)
                    })
            ]
        }
        let folder = (session.path as NSString).deletingLastPathComponent
        return write(
            data, to: folder.isEmpty ? name : (folder as NSString).appendingPathComponent(name), since: today, session)
    }

    private static func write(_ data: Data, to path: String, since: String, _ session: Session) -> [Effect] {
        guard !session.environment.isSameFile(path, session.path) else {
            return [.message("Not written: \(path) is the map itself")]
        }
        let unsaved = session.hasUnsavedChanges ? "; the map itself is not saved yet (s saves)" : ""
        let write = Effect.writeOutput(data, path: path, done: "Wrote the minutes since \(since) to \(path)\(unsaved)")
        guard session.environment.fileExists(path) else { return [write] }
        return [
            .present(
                ConfirmDialog(
                    question: "\(path) already exists. Replace it with the minutes since \(since)?",
                    yes: [write], no: [.message("Minutes not written; \(path) kept as it was")]))
        ]
    }

    func summaryLines(_ session: Session, width: Int) -> [Line] {
        let summary =
            self.summary.flatMap { $0.version == session.version ? $0.summary : nil } ?? summaryFromScratch(session)
        var lines: [Line] = []
        func add(_ text: String, _ style: Style = .plain, indent: Int = 0) {
            for part in Widgets.wrap(text, width: max(1, width - indent)) {
                lines.append(.init(text: part, style: style, indent: indent))
            }
        }
        func heading(_ text: String, _ count: Int) {
            lines.append(.init(text: ""))
            lines.append(.init(text: "\(text) (\(count))", style: session.theme[.heading]))
            if count == 0 { add("none", session.theme[.dim], indent: 2) }
        }
        let n = summary.discussed.count
        add("\(n) barrier\(n == 1 ? "" : "s") discussed this session", session.theme[.heading])
        heading("Status changes", summary.statusChanges.count)
        for change in summary.statusChanges { add("\(change.barrier.label): \(change.from) → \(change.to)", indent: 2) }
        heading("Votes, impact and effort", summary.ratingChanges.count)
        for change in summary.ratingChanges {
            add(
                "\(change.barrier.label): \(change.key) \(change.from ?? "not set") → \(change.to ?? "not set")",
                indent: 2)
        }
        heading("Actions", summary.actions.count)
        for action in summary.actions {
            add(
                "\(action.barrier.label): \(action.owner ?? "no owner yet"), \(action.due.map { "due \($0)" } ?? "no due date")",
                indent: 2)
        }
        heading("Improvements proposed", summary.proposals.count)
        for proposal in summary.proposals {
            add("\(proposal.improvement.label) → \(proposal.addresses.map(\.label).joined(separator: "; "))", indent: 2)
        }
        heading("Notes taken", summary.notes.count)
        for taken in summary.notes { add("\(taken.barrier.label): \(taken.note.value)", indent: 2) }
        lines.append(.init(text: ""))
        add(
            "w writes the minutes of today's session next to the map (minutes-\(session.environment.today()).md, as `assetmap report FILE --since today`); s saves the map.",
            session.theme[.dim])
        return lines
    }
}
