import AssetMapCore
import TerminalKit

/// Entering values with guidance, wherever the UI asks for one: a key with a known vocabulary (the core's
/// `Vocabulary`) is picked from a list, a word typed outside it gets `check`'s own warning, a date is read as the
/// core reads it, and a status, owner or due date leaves its history line (`MapDocument.setTracked`).
enum AttributeEntry {
    /// Keys that hold one value: setting one replaces it rather than adding a second line.
    static func isSingle(_ key: String, kind: String) -> Bool {
        Vocabulary.words(kind: kind, key: key) != nil || HistoryEntry.trackedKeys.contains(key)
            || ReviewDate.dateKeys.contains(key)
    }

    /// `key: value` typed where a key is asked for: the key and the value (empty when there was no colon).
    static func split(_ text: String) -> (key: String, value: String) {
        guard let colon = text.firstIndex(of: ":") else { return (text.trimmingCharacters(in: .whitespaces), "") }
        return (
            text[..<colon].trimmingCharacters(in: .whitespaces),
            text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        )
    }

    /// The edit that sets `key` of node `id` to `value`: through `setTracked` (history, dates), an empty value removing it.
    static func set(_ key: String, of id: String, to value: String, today: String) -> (MapDocument) throws -> Change {
        { document in
            let tracked = HistoryEntry.trackedKeys.contains(key)
            if value.trimmingCharacters(in: .whitespaces).isEmpty && !tracked {
                guard document.graph.node(id)?.value(key) != nil else {
                    return Change("\(key) of \(id) was not set", [])
                }
                return try document.removeAttribute(.node(id), key: key)
            }
            return try document.setTracked(.node(id), key: key, value: value, date: today)
        }
    }

    /// After an edit of `key` of node `id` (nil: the whole node): `check`'s warnings about it (a word outside the
    /// vocabulary) in a box, as `check` prints them, closing to `then`; just `then` when there are none. Slips in
    /// the record's other keys are left to `check`, so a review is not interrupted by what it did not touch.
    static func warnings(about id: String, key: String?, then: [Effect]) -> Effect {
        .later { session in
            var warnings = session.document.warnings(about: .node(id))
            if let key, let node = session.graph.node(id) {
                let lines = node.attributes.filter { $0.key == key }.map(node.lines(of:))
                warnings.removeAll { warning in !lines.contains { $0.contains(warning.line - 1) } }
            }
            return warnings.isEmpty ? then : [.present(TextDialog.warnings(warnings, then: then))]
        }
    }

    /// Sets `key` of `id` to `value`, then `after` (after any warning).
    static func write(_ key: String, of id: String, value: String, session: Session, after: [Effect]) -> [Effect] {
        [
            .edit(
                set(key, of: id, to: value, today: session.environment.today()),
                then: [warnings(about: id, key: key, then: after)])
        ]
    }

    /// The picker for `key` of node `id` when the key has a vocabulary on that node's kind; nil for free text.
    /// `after`: what follows a change (closing it, by default); Esc does `onCancel`.
    static func picker(
        _ key: String, of id: String, session: Session, after: [Effect] = [.dismiss],
        onCancel: [Effect] = [.dismiss]
    ) -> ChoicePicker? {
        guard let node = session.graph.node(id), let groups = Vocabulary.groups(kind: node.kind, key: key) else {
            return nil
        }
        let multiple = Vocabulary.listKeys.contains(key)
        let current = multiple ? node.list(key) : node.value(key).map { [$0] } ?? []
        return ChoicePicker(
            title: key, detail: "\(key) of \"\(node.label)\":", groups: groups, current: current, multiple: multiple,
            allowsNone: true,
            onCancel: onCancel,
            onOther: { session in
                [
                    .present(
                        TextPrompt(
                            title: "\(key) of \(id)",
                            detail: "Another value (check warns about words outside the list):",
                            text: multiple ? Vocabulary.listValue(current) : current.first ?? "", onCancel: onCancel
                        ) { text, session in
                            write(key, of: id, value: text, session: session, after: after)
                        })
                ]
            }
        ) { words, session in
            // The value it has already: nothing to write (no empty edit to undo).
            words == current
                ? after : write(key, of: id, value: Vocabulary.listValue(words), session: session, after: after)
        }
    }

    // MARK: Adding a node

    /// What adding a node of `kind` asks after its label and id, each skippable: a barrier's dimension, clinical
    /// areas and status.
    static func questions(kind: String) -> [String] {
        kind == BuiltinKind.barrier.name ? ["dimension", "clinical", "status"] : []
    }

    /// Asks `keys` one picker at a time, then adds the node with the answers (and their history) as one edit.
    static func ask(
        _ keys: ArraySlice<String>, kind: String, id: String, label: String,
        answers: [(key: String, value: String)] = [], today: String
    ) -> [Effect] {
        guard let key = keys.first, let groups = Vocabulary.groups(kind: kind, key: key) else {
            guard keys.isEmpty else {
                return ask(keys.dropFirst(), kind: kind, id: id, label: label, answers: answers, today: today)
            }
            return [
                .edit(
                    { try $0.addTrackedNode(kind: kind, id: id, label: label, attributes: answers, date: today) },
                    then: [
                        .dismiss, .selectID(id, remember: true), .reveal,
                        warnings(about: id, key: nil, then: [.dismiss]),
                    ])
            ]
        }
        func next(_ words: [String]) -> [Effect] {
            ask(
                keys.dropFirst(), kind: kind, id: id, label: label,
                answers: answers + (words.isEmpty ? [] : [(key, Vocabulary.listValue(words))]), today: today)
        }
        let multiple = Vocabulary.listKeys.contains(key)
        let step =
            questions(kind: kind).firstIndex(of: key).map { " (\($0 + 1) of \(questions(kind: kind).count))" } ?? ""
        return [
            .present(
                ChoicePicker(
                    title: "New \(kind): \(key)\(step)", detail: "\(key) of \"\(label)\":",
                    groups: groups, current: [], multiple: multiple, allowsNone: false, escape: "skip",
                    onCancel: next([])
                ) { words, _ in next(words) })
        ]
    }
}
