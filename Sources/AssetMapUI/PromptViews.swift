import AssetMapCore

// Drawing the dialogs of Prompts.swift.

extension AssetMapApp {
    func drawModal(_ modal: Modal, into buffer: inout Buffer) {
        let graph = document.graph
        switch modal {
        case .help(let scroll):
            drawScrollingDialog(title: "Help: \(tab.title)", lines: helpLines(), scroll: scroll, into: &buffer)

        case .errors(let scroll):
            var lines = ["\(fileName) has \(loadErrors.count) problem\(loadErrors.count == 1 ? "" : "s"); it is open read-only",
                         "and cannot be saved. Fix them in an editor, then reopen.", ""]
            lines += loadErrors.flatMap { Widgets.wrap($0.formatted(file: path), width: min(76, buffer.width - 4)) }
            drawScrollingDialog(title: "Errors", lines: lines, scroll: scroll, into: &buffer)

        case .search(let prompt):
            let title: String
            if case .link(let from) = prompt.purpose { title = "Link \(graph.label(of: from)) to…" } else { title = "Search" }
            let inner = Widgets.dialog(title: title, width: 72, height: buffer.height - 4, into: &buffer)
            buffer.put("/", x: inner.x, y: inner.y, style: Style(bold: true))
            prompt.field.draw(into: &buffer, rect: Rect(x: inner.x + 2, y: inner.y, width: inner.width - 2, height: 1))
            let count = prompt.matches.count >= SearchIndex.limit ? "\(SearchIndex.limit)+ matches" : "\(prompt.matches.count) match\(prompt.matches.count == 1 ? "" : "es")"
            buffer.put(prompt.field.text.isEmpty ? "Type part of a label, id or attribute value" : count, x: inner.x, y: inner.y + 1, style: Style(dim: true))
            let list = Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: inner.height - 2)
            let offset = Widgets.scrollOffset(selected: prompt.selected, count: prompt.matches.count, rows: list.height)
            for row in 0..<list.height {
                let m = offset + row
                guard m < prompt.matches.count else { break }
                let match = prompt.matches[m]
                let node = graph.nodes[match.node]
                let whereText = match.field == "label" ? node.id : match.field == "id" ? "id \(node.id)" : "\(match.field): \(node.id)"
                let right = "  " + TextWidth.truncate(whereText, to: list.width / 3)
                let left = TextWidth.truncate("\(graph.tag(ofKind: node.kind)) \(node.label)", to: list.width - TextWidth.of(right))
                let style = Widgets.rowStyle(selected: m == prompt.selected, focused: true, base: Style(foreground: graph.kindColor(node.kind)))
                Widgets.row(left + String(repeating: " ", count: max(0, list.width - TextWidth.of(left) - TextWidth.of(right))) + right,
                            in: list, y: list.y + row, style: style, into: &buffer)
            }

        case .pickKind(let selected):
            let kinds = graph.kinds
            let inner = Widgets.dialog(title: "Add a node: which kind?", width: 40, height: kinds.count + 2, into: &buffer)
            let offset = Widgets.scrollOffset(selected: selected, count: kinds.count, rows: inner.height)
            for row in 0..<inner.height where offset + row < kinds.count {
                let kind = kinds[offset + row]
                Widgets.row("\(graph.tag(ofKind: kind.name)) \(kind.name) (\(kind.plural))", in: inner, y: inner.y + row,
                            style: Widgets.rowStyle(selected: offset + row == selected, focused: true), into: &buffer)
            }

        case .text(let prompt):
            let fieldRows = prompt.field.allowsNewlines ? 6 : 1
            let inner = Widgets.dialog(title: prompt.title, width: 72, height: fieldRows + 4, into: &buffer)
            buffer.put(TextWidth.truncate(prompt.detail, to: inner.width), x: inner.x, y: inner.y)
            let field = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: min(fieldRows, inner.height - 1))
            prompt.field.draw(into: &buffer, rect: field, style: Style(underline: !prompt.field.allowsNewlines))

        case .attributes(let id, let selected):
            let attributes = graph.node(id)?.attributes ?? []
            let inner = Widgets.dialog(title: "Attributes of \(graph.label(of: id))", width: 76, height: max(6, min(buffer.height - 4, attributes.count + 4)), into: &buffer)
            if attributes.isEmpty { buffer.put("No attributes yet: a adds one", x: inner.x, y: inner.y, style: Style(dim: true)) }
            let list = Rect(x: inner.x, y: inner.y, width: inner.width, height: inner.height - 1)
            let offset = Widgets.scrollOffset(selected: selected, count: attributes.count, rows: list.height)
            for row in 0..<list.height where offset + row < attributes.count {
                let attribute = attributes[offset + row]
                let lines = attribute.value.split(separator: "\n", omittingEmptySubsequences: false)
                var text = "\(attribute.key): \(lines.first ?? "")"
                if lines.count > 1 { text += "  (+\(lines.count - 1) line\(lines.count == 2 ? "" : "s"))" }
                if attribute.isPrivate { text += "  [private]" }
                Widgets.row(text, in: list, y: list.y + row, style: Widgets.rowStyle(selected: offset + row == selected, focused: true), into: &buffer)
            }
            buffer.put("Enter change  a add  x remove  Esc done", x: inner.x, y: inner.maxY - 1, style: Style(dim: true))

        case .relation(let prompt):
            let choices = relationChoices(prompt.field.text)
            let inner = Widgets.dialog(title: "Link", width: 72, height: min(buffer.height - 4, choices.count + 6), into: &buffer)
            let direction = "\(graph.label(of: prompt.from))  →  \(graph.label(of: prompt.to))"
            buffer.put(TextWidth.truncate(direction, to: inner.width - 17), x: inner.x, y: inner.y, style: Style(bold: true))
            buffer.put("(Tab swaps)", x: inner.maxX - 11, y: inner.y, style: Style(dim: true))
            buffer.put("Relation:", x: inner.x, y: inner.y + 1)
            prompt.field.draw(into: &buffer, rect: Rect(x: inner.x + 10, y: inner.y + 1, width: inner.width - 10, height: 1), style: Style(underline: true))
            let list = Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: inner.height - 2)
            let offset = Widgets.scrollOffset(selected: prompt.selected, count: choices.count, rows: list.height)
            for row in 0..<list.height where offset + row < choices.count {
                let choice = choices[offset + row]
                Widgets.row(choice.isNew ? "new relation: \(choice.relation)" : choice.relation, in: list, y: list.y + row,
                            style: Widgets.rowStyle(selected: offset + row == prompt.selected, focused: true), into: &buffer)
            }

        case .confirm(let confirmation):
            let width = min(buffer.width - 6, max(40, TextWidth.of(confirmation.question)))
            let lines = Widgets.wrap(confirmation.question, width: width)
            let inner = Widgets.dialog(title: "Confirm", width: width + 2, height: lines.count + 2, into: &buffer)
            for (i, line) in lines.enumerated() { buffer.put(line, x: inner.x, y: inner.y + i, style: Style(bold: true)) }

        case .quit:
            let inner = Widgets.dialog(title: "Unsaved changes", width: 64, height: 4, into: &buffer)
            buffer.put(TextWidth.truncate("Save changes to \(fileName) before quitting?", to: inner.width), x: inner.x, y: inner.y, style: Style(bold: true))
            buffer.put("s save   d discard   c cancel", x: inner.x, y: inner.y + 1)

        case .reviewPicker(let picker):
            drawReviewPicker(picker, into: &buffer)

        case .conflict:
            let inner = Widgets.dialog(title: "File changed on disk", width: 70, height: 5, into: &buffer)
            buffer.put(TextWidth.truncate("\(fileName) changed on disk since it was opened or saved.", to: inner.width), x: inner.x, y: inner.y, style: Style(bold: true))
            buffer.put("r reload from disk (drops your changes)", x: inner.x, y: inner.y + 1)
            buffer.put("o overwrite with your version   c cancel", x: inner.x, y: inner.y + 2)
        }
    }

    /// The help text: the keys live in the current view (from the keymap), then text-field keys.
    func helpLines() -> [String] {
        var lines: [String] = []
        for (scope, bindings) in Keymap.help(for: scopes + [.textField, .multiline]) {
            if !lines.isEmpty { lines.append("") }
            lines.append(scope.title)
            for binding in bindings {
                lines.append("  " + TextWidth.pad(binding.keyNames, to: 16) + " " + binding.help)
            }
        }
        return lines
    }

    private func drawScrollingDialog(title: String, lines: [String], scroll: Int, into buffer: inout Buffer) {
        let inner = Widgets.dialog(title: title, width: 78, height: min(buffer.height - 2, lines.count + 3), into: &buffer)
        let rows = inner.height - 1
        let first = max(0, min(scroll, lines.count - rows))
        for row in 0..<rows where first + row < lines.count {
            let line = lines[first + row]
            let heading = !line.hasPrefix(" ") && !line.isEmpty
            buffer.put(TextWidth.truncate(line, to: inner.width), x: inner.x, y: inner.y + row, style: Style(bold: heading && title.hasPrefix("Help")))
        }
        let more = first + rows < lines.count ? "↓ more  " : ""
        buffer.put("\(more)Esc close", x: inner.x, y: inner.maxY - 1, style: Style(dim: true))
    }
}
