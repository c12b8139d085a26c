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

    /// A node being added: what was asked so far.
    struct NewEntry {
        var kind: String
        var id: String
        var label: String
        var links: [(relation: String, to: String)] = []
        var answers: [(key: String, value: String)] = []
    }

    /// What adding a node of `kind` asks after its label (the core's `Vocabulary`): the links (a barrier's
    /// communities, then its places), then the keys, each skippable with Esc. Its id is made from the label and
    /// its starting values (a barrier's `open`) are set without asking.
    static func add(kind: String, label: String, session: Session) -> [Effect] {
        let entry = NewEntry(kind: kind, id: session.document.suggestID(for: label), label: label)
        return askLinks(Vocabulary.linksAskedWhenAdding(kind: kind)[...], entry, session: session)
    }

    private static func steps(_ kind: String) -> Int {
        Vocabulary.linksAskedWhenAdding(kind: kind).count + Vocabulary.askedWhenAdding(kind: kind).count
    }

    private static func askLinks(
        _ questions: ArraySlice<(relation: String, kinds: [String])>, _ entry: NewEntry, session: Session
    ) -> [Effect] {
        guard let question = questions.first else {
            return ask(Vocabulary.askedWhenAdding(kind: entry.kind)[...], entry, session: session)
        }
        let graph = session.graph
        let candidates = question.kinds.flatMap { graph.nodes(ofKind: $0).map(\.id) }
        let step = steps(entry.kind) - questions.count - Vocabulary.askedWhenAdding(kind: entry.kind).count + 1
        let plural = question.kinds.compactMap { graph.kind(named: $0)?.plural.lowercased() }
            .joined(separator: " and ")
        let detail =
            question.relation == "affects"
            ? "Which \(plural) does \"\(entry.label)\" affect?"
            : "\"\(entry.label)\" \(question.relation) which \(plural)?"
        func next(_ ids: [String]) -> [Effect] {
            var entry = entry
            entry.links += ids.map { (question.relation, $0) }
            return askLinks(questions.dropFirst(), entry, session: session)
        }
        return [
            .present(
                NodePicker(
                    title: "New \(entry.kind): \(question.relation) (\(step) of \(steps(entry.kind)))", detail: detail,
                    candidates: candidates, onSkip: next([])
                ) { ids, _ in next(ids) })
        ]
    }

    /// Asks `keys` one picker at a time, then adds the node with the answers, its starting values (and their
    /// history) and its links as one edit.
    private static func ask(_ keys: ArraySlice<String>, _ entry: NewEntry, session: Session) -> [Effect] {
        guard let key = keys.first, let groups = Vocabulary.groups(kind: entry.kind, key: key) else {
            guard keys.isEmpty else { return ask(keys.dropFirst(), entry, session: session) }
            let today = session.environment.today()
            let attributes = entry.answers + Vocabulary.startingValues(kind: entry.kind)
            return [
                .edit(
                    {
                        try $0.addTrackedNode(
                            kind: entry.kind, id: entry.id, label: entry.label, attributes: attributes,
                            links: entry.links, date: today)
                    },
                    then: [
                        .dismiss, .selectID(entry.id, remember: true), .reveal,
                        .message("Added \(entry.kind) \(entry.id) (i changes its id)"),
                        warnings(about: entry.id, key: nil, then: [.dismiss]),
                    ])
            ]
        }
        func next(_ words: [String]) -> [Effect] {
            var entry = entry
            if !words.isEmpty { entry.answers.append((key, Vocabulary.listValue(words))) }
            return ask(keys.dropFirst(), entry, session: session)
        }
        let multiple = Vocabulary.listKeys.contains(key)
        let step = steps(entry.kind) - keys.count + 1
        return [
            .present(
                ChoicePicker(
                    title: "New \(entry.kind): \(key) (\(step) of \(steps(entry.kind)))",
                    detail: "\(key) of \"\(entry.label)\":",
                    groups: groups, current: [], multiple: multiple, allowsNone: false, skips: true,
                    onCancel: next([])
                ) { words, _ in next(words) })
        ]
    }
}
