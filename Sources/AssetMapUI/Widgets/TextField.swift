import TerminalKit
/// The one text input every prompt uses: cursor movement, deletion, wide characters, optional new lines.
package struct TextField: Equatable, Sendable {
    package private(set) var characters: [Character]
    /// Index into `characters` (0…count).
    package private(set) var cursor: Int
    package var allowsNewlines: Bool

    package init(_ text: String = "", allowsNewlines: Bool = false) {
        characters = Array(text)
        cursor = characters.count
        self.allowsNewlines = allowsNewlines
    }

    package var text: String { String(characters) }

    package mutating func setText(_ text: String) {
        characters = Array(text)
        cursor = characters.count
    }

    package mutating func insert(_ character: Character) {
        if character.isNewline && !allowsNewlines { return }
        if character.isControlLike && !character.isNewline { return }
        characters.insert(character, at: cursor)
        cursor += 1
    }

    package mutating func insert(_ string: String) { for c in string { insert(c) } }

    /// Applies an editing action; false when the action is not a text-editing one.
    @discardableResult
    package mutating func apply(_ action: Action) -> Bool {
        switch action {
        case .cursorLeft: cursor = max(0, cursor - 1)
        case .cursorRight: cursor = min(characters.count, cursor + 1)
        case .lineStart: cursor = lineStart(before: cursor)
        case .lineEnd:
            var i = cursor
            while i < characters.count && !characters[i].isNewline { i += 1 }
            cursor = i
        case .deleteBackward:
            guard cursor > 0 else { return true }
            characters.remove(at: cursor - 1)
            cursor -= 1
        case .deleteForward:
            guard cursor < characters.count else { return true }
            characters.remove(at: cursor)
        case .clearLine:
            characters = []
            cursor = 0
        case .newline:
            insert("\n")
        default:
            return false
        }
        return true
    }

    private func lineStart(before index: Int) -> Int {
        var i = index
        while i > 0 && !characters[i - 1].isNewline { i -= 1 }
        return i
    }

    /// Draws the field into `rect`: one line, scrolled sideways to keep the cursor in view, or
    /// several lines for a multi-line value. The cursor is a reverse-video cell (visible without colour).
    package func draw(into buffer: inout Buffer, rect: Rect, style: Style = .plain) {
        guard !rect.isEmpty else { return }
        buffer.fill(rect, with: Cell(" ", style: style))
        // Split into lines, remembering where the cursor is.
        var lines: [[Character]] = [[]]
        var cursorLine = 0, cursorColumn = 0
        for (i, c) in characters.enumerated() {
            if i == cursor { cursorLine = lines.count - 1; cursorColumn = lines[cursorLine].count }
            if c.isNewline { lines.append([]) } else { lines[lines.count - 1].append(c) }
        }
        if cursor == characters.count { cursorLine = lines.count - 1; cursorColumn = lines[cursorLine].count }
        let firstLine = max(0, min(cursorLine - rect.height + 1, lines.count - rect.height))
        for row in 0..<rect.height {
            let index = firstLine + row
            guard index < lines.count else { break }
            let line = lines[index]
            // Scroll sideways so the cursor stays in view (by display width).
            var start = 0
            if index == cursorLine {
                while TextWidth.of(String(line[start..<cursorColumn])) > rect.width - 1 { start += 1 }
            }
            let visible = String(line[start...])
            buffer.put(visible, x: rect.x, y: rect.y + row, style: style, maxWidth: rect.width)
            if index == cursorLine {
                let x = rect.x + TextWidth.of(String(line[start..<cursorColumn]))
                if x < rect.maxX {
                    var cursorStyle = style
                    cursorStyle.reverse.toggle()
                    let under = cursorColumn < line.count ? String(line[cursorColumn]) : " "
                    buffer.put(under, x: x, y: rect.y + row, style: cursorStyle, maxWidth: rect.maxX - x)
                    if TextWidth.of(under) > rect.maxX - x {
                        buffer.put(" ", x: x, y: rect.y + row, style: cursorStyle)
                    }
                }
            }
        }
    }
}
