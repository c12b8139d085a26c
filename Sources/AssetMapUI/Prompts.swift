import AssetMapCore

// Dialogs and prompts over the tabs: help, errors, search, add, rename, attributes, link,
// confirmations. One at a time; each has its keymap scopes.

enum SearchPurpose: Equatable {
    case jump
    case link(from: String)
}

struct SearchPrompt {
    var field = TextField()
    var matches: [SearchIndex.Match] = []
    var selected = 0
    var purpose: SearchPurpose
}

enum TextPurpose: Equatable {
    case rename(String)
    case changeID(String)
    case addLabel(kind: String)
    case addID(kind: String, label: String)
    case attributeKey(node: String)
    case attributeValue(node: String, key: String, occurrence: Int?)
    case review(ReviewPrompt)
}

struct TextPrompt {
    var title: String
    var detail: String
    var field: TextField
    var purpose: TextPurpose
}

struct RelationPrompt {
    var from: String
    var to: String
    var field = TextField()
    var selected = 0
}

enum ConfirmAction: Equatable {
    case deleteNode(String)
    case deleteEdge(from: String, to: String, relation: String)
    case removeAttribute(node: String, key: String, occurrence: Int, row: Int)
}

struct Confirmation {
    var question: String
    var action: ConfirmAction
}

enum Modal {
    case help(scroll: Int)
    case errors(scroll: Int)
    case search(SearchPrompt)
    case pickKind(selected: Int)
    case text(TextPrompt)
    case attributes(node: String, selected: Int)
    case relation(RelationPrompt)
    case confirm(Confirmation)
    case quit
    case conflict(thenQuit: Bool)
    case reviewPicker(ReviewPicker)

    var scopes: [Scope] {
        switch self {
        case .help, .errors: return [.overlay]
        case .search: return [.search, .textField]
        case .pickKind, .reviewPicker: return [.picker]
        case .text(let prompt): return prompt.field.allowsNewlines ? [.multiline, .textField] : [.prompt, .textField]
        case .attributes: return [.attributes]
        case .relation: return [.relation, .textField]
        case .confirm: return [.confirm]
        case .quit: return [.quitPrompt]
        case .conflict: return [.conflict]
        }
    }
}

extension AssetMapApp {
    // MARK: Starting prompts

    mutating func startSearch(for purpose: SearchPurpose) {
        modal = .search(SearchPrompt(purpose: purpose))
    }

    mutating func stepSearch(by step: Int) {
        guard var last = lastSearch, !last.matches.isEmpty else { message = "No search yet: / searches"; return }
        last.position = (last.position + step + last.matches.count) % last.matches.count
        lastSearch = last
        select(node: last.matches[last.position].node, remember: true)
        message = "Match \(last.position + 1) of \(last.matches.count) for '\(last.query)'"
    }

    /// Refuses edits up front on a read-only map, before any prompt opens.
    private mutating func canEdit() -> Bool {
        if isReadOnly { message = readOnlyMessage }
        return !isReadOnly
    }

    private mutating func requireNode() -> Node? {
        guard let i = currentNode else { message = "No node selected"; return nil }
        return document.graph.nodes[i]
    }

    mutating func startAddNode() {
        guard canEdit() else { return }
        modal = .pickKind(selected: browse.kind)
    }

    mutating func startRename() {
        guard canEdit(), let node = requireNode() else { return }
        modal = .text(TextPrompt(title: "Rename", detail: "New label for \(node.id):", field: TextField(node.label), purpose: .rename(node.id)))
    }

    mutating func startChangeID() {
        guard canEdit(), let node = requireNode() else { return }
        modal = .text(TextPrompt(title: "Change id", detail: "New id for \"\(node.label)\" (its links follow):",
                                 field: TextField(node.id), purpose: .changeID(node.id)))
    }

    mutating func startEditAttributes() {
        guard canEdit(), let node = requireNode() else { return }
        modal = .attributes(node: node.id, selected: 0)
    }

    mutating func startLink() {
        guard canEdit(), let node = requireNode() else { return }
        startSearch(for: .link(from: node.id))
    }

    mutating func startDelete() {
        guard canEdit(), let node = requireNode() else { return }
        let graph = document.graph
        var edge: Neighbour?
        if tab == .browse, browse.pane == .details, currentNeighbours.indices.contains(browse.link) { edge = currentNeighbours[browse.link] }
        if tab == .graph { edge = selectedGraphNeighbour }
        if let edge {
            let (from, to) = edge.outgoing ? (node.id, edge.otherID) : (edge.otherID, node.id)
            modal = .confirm(Confirmation(
                question: "Delete the link \"\(graph.label(of: from))\" \(edge.relation) → \"\(graph.label(of: to))\"? y/n",
                action: .deleteEdge(from: from, to: to, relation: edge.relation)))
        } else {
            let i = graph.nodeIndex[node.id]!
            let edges = graph.outgoing[i].count + graph.incoming[i].count
            modal = .confirm(Confirmation(
                question: "Delete node \"\(node.label)\" (\(node.id)) and \(edges) edge\(edges == 1 ? "" : "s")? y/n",
                action: .deleteNode(node.id)))
        }
    }

    // MARK: Keys in a dialog

    mutating func handleModalKey(_ key: Key) {
        guard let current = modal else { return }
        let action = Keymap.action(for: key, in: current.scopes)
        var typed: Character?
        if action == nil, case .char(let c) = key { typed = c }

        switch current {
        case .help(let scroll), .errors(let scroll):
            let step = action == .up ? -1 : action == .down ? 1 : action == .pageUp ? -10 : action == .pageDown ? 10 : 0
            if action == .cancel { modal = nil; return }
            let next = max(0, scroll + step)
            if case .help = current { modal = .help(scroll: next) } else { modal = .errors(scroll: next) }

        case .search(var prompt):
            switch action {
            case .cancel: modal = nil
            case .up: prompt.selected = max(0, prompt.selected - 1); modal = .search(prompt)
            case .down: prompt.selected = min(max(0, prompt.matches.count - 1), prompt.selected + 1); modal = .search(prompt)
            case .pageUp: prompt.selected = max(0, prompt.selected - 10); modal = .search(prompt)
            case .pageDown: prompt.selected = min(max(0, prompt.matches.count - 1), prompt.selected + 10); modal = .search(prompt)
            case .accept: acceptSearch(prompt)
            default:
                let changed = action.map { prompt.field.apply($0) } ?? (typed.map { prompt.field.insert($0); return true } ?? false)
                if changed { refreshMatches(&prompt) }
                modal = .search(prompt)
            }

        case .pickKind(let selected):
            let count = document.graph.kinds.count
            switch action {
            case .cancel: modal = nil
            case .up: modal = .pickKind(selected: max(0, selected - 1))
            case .down: modal = .pickKind(selected: min(count - 1, selected + 1))
            case .accept:
                let kind = document.graph.kinds[selected]
                modal = .text(TextPrompt(title: "Add \(kind.name)", detail: "Label:", field: TextField(), purpose: .addLabel(kind: kind.name)))
            default: break
            }

        case .text(var prompt):
            switch action {
            case .cancel: closeTextPrompt(prompt.purpose)
            case .accept: acceptText(prompt)
            default:
                if let action { prompt.field.apply(action) } else if let typed { prompt.field.insert(typed) }
                modal = .text(prompt)
            }

        case .attributes(let id, let selected):
            let attributes = document.graph.node(id)?.attributes ?? []
            switch action {
            case .cancel: modal = nil
            case .up: modal = .attributes(node: id, selected: max(0, selected - 1))
            case .down: modal = .attributes(node: id, selected: min(max(0, attributes.count - 1), selected + 1))
            case .addAttribute:
                modal = .text(TextPrompt(title: "Add attribute", detail: "Key (a-z, 0-9, _ and -):", field: TextField(), purpose: .attributeKey(node: id)))
            case .enter:
                guard attributes.indices.contains(selected) else { return }
                let attribute = attributes[selected]
                let occurrence = attributes[..<selected].filter { $0.key == attribute.key }.count
                modal = .text(valuePrompt(node: id, key: attribute.key, value: attribute.value, occurrence: occurrence))
            case .removeAttribute:
                guard attributes.indices.contains(selected) else { return }
                let attribute = attributes[selected]
                let occurrence = attributes[..<selected].filter { $0.key == attribute.key }.count
                modal = .confirm(Confirmation(question: "Remove \(attribute.key): \(attribute.value.split(separator: "\n").first ?? "")? y/n",
                                              action: .removeAttribute(node: id, key: attribute.key, occurrence: occurrence, row: selected)))
            default: break
            }

        case .relation(var prompt):
            let choices = relationChoices(prompt.field.text)
            switch action {
            case .cancel: modal = nil
            case .up: prompt.selected = max(0, prompt.selected - 1); modal = .relation(prompt)
            case .down: prompt.selected = min(max(0, choices.count - 1), prompt.selected + 1); modal = .relation(prompt)
            case .swapDirection: swap(&prompt.from, &prompt.to); modal = .relation(prompt)
            case .accept:
                guard choices.indices.contains(prompt.selected) else { message = "Type a relation, e.g. affects"; return }
                let relation = choices[prompt.selected].relation
                let (from, to) = (prompt.from, prompt.to)
                if edit({ try $0.link(from: from, to: to, relation: relation) }) != nil { modal = nil }
            default:
                if let action { prompt.field.apply(action) } else if let typed { prompt.field.insert(typed) }
                prompt.selected = 0
                modal = .relation(prompt)
            }

        case .confirm(let confirmation):
            switch action {
            case .yes:
                modal = nil
                confirm(confirmation.action)
            case .no:
                if case .removeAttribute(let node, _, _, let row) = confirmation.action {
                    modal = .attributes(node: node, selected: row)
                } else {
                    modal = nil
                    message = "Nothing deleted"
                }
            default: break
            }

        case .quit:
            switch action {
            case .saveAndQuit: modal = nil; save(thenQuit: true)
            case .discardAndQuit: modal = nil; isFinished = true
            case .cancel: modal = nil
            default: break
            }

        case .reviewPicker(let picker):
            handleReviewPicker(picker, action)

        case .conflict(let thenQuit):
            switch action {
            case .reload: modal = nil; reload()
            case .overwrite: modal = nil; write(thenQuit: thenQuit)
            case .cancel: modal = nil; message = "Not saved: \(fileName) changed on disk"
            default: break
            }
        }
    }

    private mutating func refreshMatches(_ prompt: inout SearchPrompt) {
        var matches = searchIndex.narrowingMatches(prompt.field.text)
        if case .link(let from) = prompt.purpose, let self_ = document.graph.nodeIndex[from] {
            matches.removeAll { $0.node == self_ }
        }
        prompt.matches = matches
        prompt.selected = 0
    }

    private mutating func acceptSearch(_ prompt: SearchPrompt) {
        guard prompt.matches.indices.contains(prompt.selected) else {
            message = prompt.field.text.isEmpty ? "Type to search" : "No match for '\(prompt.field.text)'"
            return
        }
        let target = prompt.matches[prompt.selected].node
        switch prompt.purpose {
        case .jump:
            modal = nil
            lastSearch = (prompt.field.text, prompt.matches, prompt.selected)
            select(node: target, remember: true)
            if tab == .matrix { tab = .browse }
            browse.pane = .nodes
        case .link(let from):
            modal = .relation(RelationPrompt(from: from, to: document.graph.nodes[target].id))
        }
    }

    /// Existing relations matching what was typed (prefix first, most used first), then the typed text as a new one.
    func relationChoices(_ typed: String) -> [(relation: String, isNew: Bool)] {
        let text = typed.trimmingCharacters(in: .whitespaces)
        let lower = text.lowercased()
        let all = index.relations
        let prefix = all.filter { $0.lowercased().hasPrefix(lower) }
        let inside = lower.isEmpty ? [] : all.filter { !$0.lowercased().hasPrefix(lower) && $0.lowercased().contains(lower) }
        var out = (prefix + inside).map { (relation: $0, isNew: false) }
        if !text.isEmpty && !all.contains(text) { out.append((text, true)) }
        return out
    }

    private func valuePrompt(node: String, key: String, value: String, occurrence: Int?) -> TextPrompt {
        TextPrompt(title: "\(key) of \(node)", detail: "Value (Alt-Enter or Ctrl-O: new line; Enter: done):",
                   field: TextField(value, allowsNewlines: true), purpose: .attributeValue(node: node, key: key, occurrence: occurrence))
    }

    private mutating func closeTextPrompt(_ purpose: TextPurpose) {
        switch purpose {
        case .attributeKey(let node), .attributeValue(let node, _, _): modal = .attributes(node: node, selected: 0)
        default: modal = nil
        }
    }

    private mutating func acceptText(_ prompt: TextPrompt) {
        let text = prompt.field.text
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        switch prompt.purpose {
        case .rename(let id):
            if document.graph.node(id)?.label == text { modal = nil; return }
            if edit({ try $0.renameNode(id, label: trimmed) }) != nil { modal = nil }
        case .changeID(let id):
            if trimmed == id { modal = nil; return }
            if edit({ try $0.changeID(id, to: trimmed) }) != nil {
                modal = nil
                _ = select(id: trimmed, remember: false)
            }
        case .addLabel(let kind):
            guard !trimmed.isEmpty else { message = "A label cannot be empty"; return }
            modal = .text(TextPrompt(title: "Add \(kind)", detail: "Id for \"\(trimmed)\" (suggested; edit it if you like):",
                                     field: TextField(document.suggestID(for: trimmed)), purpose: .addID(kind: kind, label: trimmed)))
        case .addID(let kind, let label):
            if edit({ try $0.addNode(kind: kind, id: trimmed, label: label) }) != nil {
                modal = nil
                _ = select(id: trimmed, remember: true)
                tab = tab == .matrix ? .browse : tab
                browse.pane = .nodes
            }
        case .attributeKey(let node):
            guard Syntax.isValidKey(trimmed) else {
                message = "'\(trimmed)' is not a valid key: start with a-z, then a-z, 0-9, '_' or '-'"
                return
            }
            modal = .text(valuePrompt(node: node, key: trimmed, value: "", occurrence: nil))
        case .review(let purpose):
            acceptReviewText(purpose, text: text)
        case .attributeValue(let node, let key, let occurrence):
            let done: Change?
            if let occurrence {
                let count = document.graph.node(node)?.values(key).count ?? 0
                if document.graph.node(node)?.values(key)[occurrence] == text { closeTextPrompt(prompt.purpose); return }
                done = count == 1
                    ? edit { try $0.setAttribute(.node(node), key: key, value: text) }
                    : edit { try $0.replaceAttribute(node: node, key: key, occurrence: occurrence, value: text) }
            } else {
                done = edit { try $0.addAttribute(.node(node), key: key, value: text) }
            }
            if done != nil {
                let attributes = document.graph.node(node)?.attributes ?? []
                let rows = attributes.indices.filter { attributes[$0].key == key }
                let row = (occurrence.flatMap { rows.indices.contains($0) ? rows[$0] : nil } ?? rows.last) ?? 0
                modal = .attributes(node: node, selected: row)
            }
        }
    }

    private mutating func confirm(_ action: ConfirmAction) {
        switch action {
        case .deleteNode(let id):
            edit { try $0.removeNode(id) }
        case .deleteEdge(let from, let to, let relation):
            edit { try $0.unlink(from: from, to: to, relation: relation) }
            browse.link = max(0, min(browse.link, currentNeighbours.count - 1))
        case .removeAttribute(let node, let key, let occurrence, let row):
            edit { try $0.removeAttribute(.node(node), key: key, occurrence: occurrence) }
            let count = document.graph.node(node)?.attributes.count ?? 0
            modal = .attributes(node: node, selected: max(0, min(row, count - 1)))
        }
    }
}

extension MapDocument {
    /// Rewrites one occurrence of a repeated key in place (`setAttribute` would merge the repeats),
    /// keeping its indentation and the file's line ending.
    func replaceAttribute(node id: String, key: String, occurrence: Int, value: String) throws -> Change {
        guard let node = graph.node(id) else { throw EditError("no node with id '\(id)'") }
        let matching = node.attributes.filter { $0.key == key }
        guard matching.indices.contains(occurrence) else { throw EditError("\(id) has no \(key) number \(occurrence + 1)") }
        let attribute = matching[occurrence]
        let range = node.lines(of: attribute)
        let indent = String(lines[range.lowerBound].prefix { $0 == " " || $0 == "\t" })
        var new = Syntax.attributeLines(key: key, value: value, indent: indent)
        if usesCRLF { new = new.map { $0 + "\r" } }
        return Change("set \(key) of \(id)", [Splice(start: range.lowerBound, removed: Array(lines[range]), inserted: new)])
    }
}
