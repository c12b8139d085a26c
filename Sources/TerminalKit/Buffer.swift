/// The eight ANSI colours: what every colour terminal has. Monochrome and `NO_COLOR` terminals drop them.
package enum Color: Int, Hashable, Sendable, CaseIterable {
    case black, red, green, yellow, blue, magenta, cyan, white
}

/// How a cell looks. Selection must never rely on colour alone: use `reverse` or `bold` with it.
package struct Style: Hashable, Sendable {
    package var foreground: Color?
    package var background: Color?
    package var bold = false
    package var reverse = false
    package var underline = false
    package var dim = false

    package init(
        foreground: Color? = nil, background: Color? = nil, bold: Bool = false, reverse: Bool = false,
        underline: Bool = false, dim: Bool = false
    ) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
        self.dim = dim
    }

    package static let plain = Style()
}

/// One terminal cell. A wide character fills its cell and leaves the next one as a continuation (`text == ""`).
package struct Cell: Hashable, Sendable {
    package var text: String
    package var style: Style

    package init(_ text: String = " ", style: Style = .plain) {
        self.text = text
        self.style = style
    }

    package static let blank = Cell()
    package var isContinuation: Bool { text.isEmpty }
}

package struct Rect: Hashable, Sendable {
    package var x: Int, y: Int, width: Int, height: Int

    package init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    package var maxX: Int { x + width }
    package var maxY: Int { y + height }
    package var isEmpty: Bool { width == 0 || height == 0 }

    package func contains(x px: Int, y py: Int) -> Bool { px >= x && px < maxX && py >= y && py < maxY }

    package func inset(by n: Int) -> Rect { Rect(x: x + n, y: y + n, width: width - 2 * n, height: height - 2 * n) }

    /// Splits off `rows` at the top (negative: at the bottom).
    package func splitRows(_ rows: Int) -> (Rect, Rect) {
        let r = rows >= 0 ? min(rows, height) : max(0, height + rows)
        return (Rect(x: x, y: y, width: width, height: r), Rect(x: x, y: y + r, width: width, height: height - r))
    }

    /// Splits off `columns` at the left (negative: at the right).
    package func splitColumns(_ columns: Int) -> (Rect, Rect) {
        let c = columns >= 0 ? min(columns, width) : max(0, width + columns)
        return (Rect(x: x, y: y, width: c, height: height), Rect(x: x + c, y: y, width: width - c, height: height))
    }
}

/// A grid of cells that widgets draw into (like ratatui's Buffer). The terminal backend copies it
/// to the screen; tests read it back as text.
package struct Buffer: Equatable, Sendable {
    package let width: Int
    package let height: Int
    package private(set) var cells: [Cell]

    package init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    package var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    package subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    package mutating func fill(_ rect: Rect, with cell: Cell = .blank) {
        for y in max(0, rect.y)..<min(height, rect.maxY) where rect.x < width {
            for x in max(0, rect.x)..<min(width, rect.maxX) { self[x, y] = cell }
        }
    }

    /// Writes `string` from (x, y), clipped to `maxWidth` columns and the buffer's edge; never splits a
    /// wide character. Control characters show as visible symbols (␛, ␡, �), bidi controls are dropped:
    /// nothing from a map reaches the terminal raw. Returns the columns used.
    @discardableResult
    package mutating func put(_ string: String, x: Int, y: Int, style: Style = .plain, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(width, maxWidth.map { x + max(0, $0) } ?? width)
        var column = x
        for character in string {
            if character.isBidiControl { continue }  // neutralised: a label cannot reorder the screen
            let w = TextWidth.of(character)
            if w == 0 {
                // Combining marks join the previous cell.
                if column > x, column - 1 >= 0, column - 1 < width { self[column - 1, y].text.append(character) }
                continue
            }
            if column + w > limit { break }
            if column >= 0 {
                // Overwriting half of a wide character: blank its other half.
                if self[column, y].isContinuation, column > 0 {
                    self[column - 1, y] = Cell(" ", style: self[column - 1, y].style)
                }
                self[column, y] = Cell(character.shownInCell, style: style)
                if w == 2 { self[column + 1, y] = Cell("", style: style) }
                if column + w < width, self[column + w, y].isContinuation {
                    self[column + w, y] = Cell(" ", style: self[column + w, y].style)
                }
            }
            column += w
        }
        return max(0, column - x)
    }

    /// One row as text (continuation cells skipped), trailing spaces kept.
    package func row(_ y: Int) -> String {
        var out = ""
        for x in 0..<width where !self[x, y].isContinuation { out += self[x, y].text }
        return out
    }

    /// The whole screen as text, one line per row with trailing spaces trimmed: what tests assert on.
    package var text: String {
        (0..<height).map { row($0).replacingTrailingSpaces() }.joined(separator: "\n")
    }
}

extension String {
    package func replacingTrailingSpaces() -> String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}

extension Character {
    /// Holds a control character (C0 but tab, DEL, C1): never sent to the terminal raw, never typed into a field.
    package var isControlLike: Bool { unicodeScalars.contains(where: \.isTerminalControl) }
    var isBidiControl: Bool { unicodeScalars.allSatisfy(\.isBidiControl) }

    /// The cell's text: a control character as its Control Pictures symbol (␛ for ESC, ␡ for DEL), a C1 one as �.
    var shownInCell: String {
        guard isControlLike else { return String(self) }
        guard let first = unicodeScalars.first, first.value < 0x20 || first.value == 0x7F else { return "\u{FFFD}" }
        return String(Unicode.Scalar(first.value == 0x7F ? 0x2421 : 0x2400 + first.value)!)
    }
}

// The same rules as the core's `Escaping` (which this module cannot see): what must not reach a terminal.
extension Unicode.Scalar {
    var isTerminalControl: Bool { (value < 0x20 && value != 0x09) || (value >= 0x7F && value <= 0x9F) }
    /// U+202A–U+202E and U+2066–U+2069 (embeddings, overrides, isolates).
    var isBidiControl: Bool { (value >= 0x202A && value <= 0x202E) || (value >= 0x2066 && value <= 0x2069) }
}
