import TerminalKit
/// Small drawing helpers shared by the views.
enum Widgets {
    /// A box with a title; the focused one is drawn with heavy lines (visible without colour).
    /// Returns the inner rectangle.
    @discardableResult
    static func box(_ rect: Rect, title: String = "", focused: Bool = false, into buffer: inout Buffer) -> Rect {
        guard rect.width >= 2, rect.height >= 2 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
        let (h, v, tl, tr, bl, br) = focused ? ("━", "┃", "┏", "┓", "┗", "┛") : ("─", "│", "┌", "┐", "└", "┘")
        let style = Style(bold: focused)
        for x in (rect.x + 1)..<(rect.maxX - 1) {
            buffer.put(h, x: x, y: rect.y, style: style)
            buffer.put(h, x: x, y: rect.maxY - 1, style: style)
        }
        for y in (rect.y + 1)..<(rect.maxY - 1) {
            buffer.put(v, x: rect.x, y: y, style: style)
            buffer.put(v, x: rect.maxX - 1, y: y, style: style)
        }
        buffer.put(tl, x: rect.x, y: rect.y, style: style)
        buffer.put(tr, x: rect.maxX - 1, y: rect.y, style: style)
        buffer.put(bl, x: rect.x, y: rect.maxY - 1, style: style)
        buffer.put(br, x: rect.maxX - 1, y: rect.maxY - 1, style: style)
        if !title.isEmpty {
            buffer.put(
                " \(TextWidth.truncate(title, to: rect.width - 6)) ", x: rect.x + 2, y: rect.y,
                style: Style(bold: true), maxWidth: rect.width - 4)
        }
        return rect.inset(by: 1)
    }

    /// Selected rows: reverse video when the list has focus, bold with a marker otherwise.
    static func rowStyle(selected: Bool, focused: Bool, base: Style = .plain) -> Style {
        guard selected else { return base }
        var style = base
        if focused { style.reverse = true } else { style.bold = true; style.underline = true }
        return style
    }

    /// Writes `text` padded to the row width (so a selection bar spans the row).
    static func row(_ text: String, in rect: Rect, y: Int, style: Style, into buffer: inout Buffer) {
        buffer.put(TextWidth.pad(text, to: rect.width), x: rect.x, y: y, style: style, maxWidth: rect.width)
    }

    /// Lines of wrapped text any one place of a screen shows at most: a label or value of megabytes is
    /// drawn in time proportional to what is shown, its last shown line ending in "…".
    static let shownLines = 1_000

    /// Splits text into lines no wider than `width` columns, breaking at spaces where it can and never
    /// inside a character. Keeps explicit newlines. One pass over the characters it shows: at most
    /// `lines` lines, the last ending in "…" when text was left out.
    static func wrap(_ text: String, width: Int, lines: Int = shownLines) -> [String] {
        guard width > 0, lines > 0 else { return [] }
        var out: [String] = []
        var line = "", lineWidth = 0, word = "", wordWidth = 0
        func placeWord() {
            guard wordWidth > 0 || !word.isEmpty else { return }
            if lineWidth > 0 && lineWidth + 1 + wordWidth <= width {
                line += " " + word
                lineWidth += 1 + wordWidth
            } else {
                if lineWidth > 0 || !line.isEmpty { out.append(line) }
                line = word
                lineWidth = wordWidth
            }
            word = ""
            wordWidth = 0
        }
        var cut = false
        for character in text {
            if out.count > lines { cut = true; break }
            switch character {
            case "\n":
                placeWord()
                out.append(line)
                line = ""
                lineWidth = 0
            case " ":
                placeWord()
            default:
                let w = TextWidth.of(character)
                if wordWidth + w > width && wordWidth > 0 {
                    // A word longer than the line is cut by display width.
                    if lineWidth > 0 || !line.isEmpty { out.append(line) }
                    out.append(word)
                    line = ""
                    lineWidth = 0
                    word = ""
                    wordWidth = 0
                }
                word.append(character)
                wordWidth += w
            }
        }
        if !cut {
            placeWord()
            out.append(line)
        }
        guard out.count > lines || cut else { return out }
        return Array(out.prefix(lines - 1)) + [TextWidth.truncate(out[lines - 1] + " " + out[lines], to: width)]
    }

    /// `wrap`, a word longer than a line shown on one ending in "…" rather than split over two (a name reads
    /// better cut: "Genera…", not "Generat" / "ion").
    static func wrapWords(_ text: String, width: Int, lines: Int) -> [String] {
        // What can show, and a little past it so a cut is still seen (a label may be megabytes).
        let shown = text.prefix(max(64, (width + 1) * (lines + 1)))
        let fitted = shown.split(separator: " ", omittingEmptySubsequences: false).map {
            TextWidth.of(String($0)) > width ? TextWidth.truncate(String($0), to: width) : String($0)
        }
        return wrap(fitted.joined(separator: " "), width: width, lines: lines)
    }

    /// A short phrase (a relation name) fitted to `width` so that phrases differing in any word stay
    /// different: the longest words lose letters first ("housed in" → "hous. in", "housed by" →
    /// "hous. by", down to "h. in"), words of up to three letters stay whole; cut with "…" only when that is not
    /// enough.
    static func abbreviate(_ text: String, to width: Int) -> String {
        guard TextWidth.of(text) > width else { return text }
        let words = text.split(separator: " ").map(String.init)
        var keep = words.map(\.count)
        func shown(_ i: Int) -> String { keep[i] < words[i].count ? words[i].prefix(keep[i]) + "." : words[i] }
        func joined() -> String { words.indices.map(shown).joined(separator: " ") }
        while TextWidth.of(joined()) > width {
            // The word with the most letters left that may still lose one (two letters and a dot at least).
            // Down to one letter and its dot, so "registered at" and "represented by" stay "r. at" and "r. by".
            guard let i = words.indices.filter({ words[$0].count > 3 && keep[$0] > 1 }).max(by: { keep[$0] < keep[$1] })
            else {
                // Closer still: the spaces go ("r.at", "r.by"), then a cut.
                let tight = words.indices.map(shown).joined()
                return TextWidth.truncate(TextWidth.of(tight) <= width ? tight : joined(), to: width)
            }
            keep[i] -= keep[i] == words[i].count ? 2 : 1
        }
        return joined()
    }

    /// A centred dialog box of at most `width`×`height`; returns its inner rectangle.
    static func dialog(title: String, width: Int, height: Int, into buffer: inout Buffer) -> Rect {
        let rect = dialogFrame(width: width, height: height, screen: buffer.area)
        buffer.fill(rect)
        return box(rect, title: title, focused: true, into: &buffer)
    }

    /// Where `dialog` puts its box on `screen`.
    static func dialogFrame(width: Int, height: Int, screen: Rect) -> Rect {
        let w = min(width, screen.width - 2)
        let h = min(height, screen.height - 2)
        return Rect(x: (screen.width - w) / 2, y: max(1, (screen.height - h) / 2), width: w, height: h)
    }

    /// The inside of `dialog`'s box on `screen` (what `dialog` returns when drawing).
    static func dialogInner(width: Int, height: Int, screen: Rect) -> Rect {
        let rect = dialogFrame(width: width, height: height, screen: screen)
        return rect.width >= 2 && rect.height >= 2 ? rect.inset(by: 1) : Rect(x: rect.x, y: rect.y, width: 0, height: 0)
    }

    /// The box-drawing character joining the given directions.
    static func junction(up: Bool, down: Bool, left: Bool, right: Bool) -> String {
        switch (up, down, left, right) {
        case (true, true, true, true): return "┼"
        case (true, true, true, false): return "┤"
        case (true, true, false, true): return "├"
        case (true, false, true, true): return "┴"
        case (false, true, true, true): return "┬"
        case (true, true, false, false): return "│"
        case (false, true, true, false): return "┐"
        case (false, true, false, true): return "┌"
        case (true, false, true, false): return "┘"
        case (true, false, false, true): return "└"
        case (true, false, false, false), (false, true, false, false): return "│"
        default: return "─"
        }
    }
}
